//! What the browser tests share (`tests/page_chromium.rs`,
//! `tests/city_chromium.rs`): whether Chromium, Node.js and playwright-core
//! are here, the skip-or-fail rule of `OPENBADGES_REQUIRE_CHROMIUM`, and one
//! run of `scripts/render_page.sh`.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether a missing browser fails the test (CI) instead of skipping it.
pub fn required() -> bool {
    std::env::var("OPENBADGES_REQUIRE_CHROMIUM").as_deref() == Ok("1")
}

/// Why the browser test cannot run here, if it cannot.
pub fn missing() -> Option<String> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).is_file() {
        return Some(format!("{chromium} is not installed"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !root()
        .join("scripts/render/node_modules/playwright-core/package.json")
        .is_file()
    {
        return Some("scripts/render/node_modules is missing (npm ci there)".into());
    }
    None
}

/// True when test `name` must skip (the browser is missing and not
/// required); says so on stderr either way.
pub fn skip(name: &str) -> bool {
    match missing() {
        None => false,
        Some(why) if !required() => {
            eprintln!("SKIP {name}: {why} (OPENBADGES_REQUIRE_CHROMIUM=1 makes this fail)");
            true
        }
        Some(why) => {
            eprintln!("{name}: {why}; render_page.sh will install it");
            false
        }
    }
}

/// Renders `page` to the screenshot `shot` with `scripts/render_page.sh`
/// and `args`, asserts it succeeded, and returns what the browser reported.
pub fn render_page(page: &Path, shot: &Path, args: &[&str]) -> Value {
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("scripts/render_page.sh"));
    if !required() {
        cmd.arg("--no-install");
    }
    cmd.arg(page).arg(shot).args(args);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stderr}");
    assert_eq!(
        out.status.code(),
        Some(0),
        "render_page.sh failed: {stderr}"
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
