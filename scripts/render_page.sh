#!/usr/bin/env bash
# Renders a static HTML page (a badge page from `cargo run --example badge_page`)
# in headless Chromium, takes a full-page PNG screenshot and checks it.
#
#   scripts/render_page.sh [--no-install] PAGE.html OUT.png [render.mjs options]
#   scripts/render_page.sh --install        # only install what it needs, then exit
#
# render.mjs options: --width PX (default 1000), --media screen|print,
# --expect-h1 TEXT, --expect-text TEXT (repeatable),
# --expect-verdict valid|invalid|indeterminate, --kind badge|city (city: a
# city report, checked for its coverage chart instead of a verdict). See scripts/render/render.mjs
# for what is checked (no request but the page itself, no script, a non-blank
# screenshot, the verdict banner first, ...); a JSON summary of what the
# page shows (h1, banner, evidence, every check row) goes to stdout.
#
# Needs: Debian's `chromium` (/usr/bin/chromium) and Node.js >= 20 with npm.
# When chromium is missing the script installs it (apt-get install -y
# chromium, as root); when scripts/render/node_modules is missing it runs
# `npm ci` there (playwright-core only: it downloads no browser). With
# --no-install it installs nothing and exits 3 instead.
# Chromium runs with a fresh profile and every background service off:
# --headless --no-sandbox --disable-gpu --disable-quic --no-first-run
# --disable-background-networking --disable-component-update --disable-sync.
#
# Exit status: 0 rendered and every check passed; 1 a check failed (or
# Chromium failed); 2 bad usage; 3 chromium or node is not available and
# could not be installed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
install=1
only_install=0
case "${1:-}" in
    --no-install) install=0; shift ;;
    --install) only_install=1; shift ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
    if [ "$install" = 1 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        echo "render_page: installing Debian's chromium (apt-get install -y chromium)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 || true
        apt-get install -y -qq chromium >&2 || true
    fi
    if [ ! -x "$chromium" ]; then
        echo "render_page: $chromium is not installed (Debian package 'chromium')" >&2
        exit 3
    fi
fi
if ! command -v node >/dev/null 2>&1; then
    echo "render_page: node is not installed" >&2
    exit 3
fi
if [ ! -f "$here/render/node_modules/playwright-core/package.json" ]; then
    if [ "$install" = 1 ]; then
        echo "render_page: npm ci in scripts/render (playwright-core)" >&2
        (cd "$here/render" && npm ci --no-audit --no-fund --loglevel=error >&2) || true
    fi
    if [ ! -f "$here/render/node_modules/playwright-core/package.json" ]; then
        echo "render_page: scripts/render/node_modules is missing (npm ci there)" >&2
        exit 3
    fi
fi
if [ "$only_install" = 1 ]; then
    "$chromium" --version 2>/dev/null >&2 || true
    exit 0
fi
[ $# -ge 2 ] || { sed -n '5,6p' "$0" | sed 's/^# \{0,1\}/usage: /' >&2; exit 2; }
[ -f "$1" ] || { echo "render_page: no such file: $1" >&2; exit 2; }

CHROMIUM=$chromium exec node "$here/render/render.mjs" "$@"
