//! The badge page rendered in a real browser: Debian's headless Chromium
//! driven by `scripts/render_page.sh` (playwright-core, full-page
//! screenshot). For the minted credential (`fixtures/interop/ours/mint.json`)
//! and a tampered copy whose achievement name is full of markup, the browser
//! must show: the verdict banner first (VERIFIED / NOT VERIFIED: this
//! credential's signature does not match), the `<h1>` equal to the
//! achievement name *as text*, every evidence item and every check row of
//! the report visible, no `<script>`, no request but the page, a non-blank
//! screenshot.
//!
//! Without Chromium (`/usr/bin/chromium`, or `$CHROMIUM`), Node.js or
//! `scripts/render/node_modules`, the test prints that it skipped and
//! passes, unless `OPENBADGES_REQUIRE_CHROMIUM=1`: then the script may
//! install what is missing (`apt-get install -y chromium`, `npm ci`) and a
//! failure to render fails the test.
//!
//! `OPENBADGES_REGENERATE=1` writes the screenshots to
//! `fixtures/screenshots/` (committed as what a person sees); otherwise they
//! go to the target directory.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod chromium_support;

use std::path::PathBuf;

use chromium_support::{render_page, root, skip};

use openbadges::display::page::BadgePage;
use openbadges::verify::report::Check;
use openbadges::verify::{verify, Verdict, VerifyOptions};
use serde_json::Value;

const MARKUP_NAME: &str =
    "<script>alert(1)</script> <b>Facilitates</b> \"productive\" team meetings & more";

fn all_checks(checks: &[Check]) -> Vec<&Check> {
    let mut out = Vec::new();
    for c in checks {
        out.push(c);
        out.extend(all_checks(&c.children));
    }
    out
}

/// Renders `credential` (verified at a fixed time) and returns what the
/// browser reported, after checking it against the report.
fn render(name: &str, credential: &Value, verdict: Verdict, h1: &str, texts: &[&str]) -> Value {
    let bytes = serde_json::to_vec_pretty(credential).unwrap();
    let now = "2026-06-01T00:00:00Z".parse().unwrap();
    let report = verify(&bytes, &VerifyOptions::at(now)).unwrap();
    assert_eq!(report.verdict(), verdict, "{report}");
    let html = BadgePage::new(credential, &report)
        .unwrap()
        .checked_at(now)
        .to_html();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("page_chromium");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join(format!("{name}.html"));
    std::fs::write(&page, &html).unwrap();
    let shot = if std::env::var_os("OPENBADGES_REGENERATE").is_some() {
        let d = root().join("fixtures/screenshots");
        std::fs::create_dir_all(&d).unwrap();
        d.join(format!("{name}.png"))
    } else {
        dir.join(format!("{name}.png"))
    };
    let verdict_name = match verdict {
        Verdict::Valid => "valid",
        Verdict::Invalid => "invalid",
        Verdict::Indeterminate => "indeterminate",
    };
    let mut args = vec!["--expect-verdict", verdict_name, "--expect-h1", h1];
    for t in texts {
        args.extend(["--expect-text", t]);
    }
    let shown = render_page(&page, &shot, &args);

    // Every check row of the report, in order, visible.
    let checks = all_checks(&report.checks);
    let rows = shown["checks"].as_array().unwrap();
    assert_eq!(rows.len(), checks.len());
    for (row, check) in rows.iter().zip(&checks) {
        assert_eq!(row["check"], check.id.name());
        assert_eq!(row["visible"], true);
    }
    // Every evidence item, by name, visible.
    let evidence: Vec<&str> = credential["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    let shown_evidence: Vec<&str> = shown["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(shown_evidence, evidence);
    assert_eq!(shown["scripts"], 0);
    assert_eq!(shown["banner"]["first"], true);
    assert_eq!(shown["imageVisible"], true);
    assert!(shown["screenshot"]["height"].as_u64().unwrap() >= 1000);
    shown
}

#[test]
fn minted_and_tampered_pages_render_in_chromium() {
    if skip("page_chromium") {
        return;
    }
    let minted: Value = serde_json::from_slice(
        &std::fs::read(root().join("fixtures/interop/ours/mint.json")).unwrap(),
    )
    .unwrap();
    let achievement = &minted["credentialSubject"]["achievement"];
    let shown = render(
        "minted",
        &minted,
        Verdict::Valid,
        achievement["name"].as_str().unwrap(),
        &[
            achievement["description"].as_str().unwrap(),
            minted["evidence"][0]["narrative"].as_str().unwrap(),
            "Add to LinkedIn",
        ],
    );
    assert!(shown["banner"]["text"]
        .as_str()
        .unwrap()
        .starts_with("\u{2713} VERIFIED"));
    let linkedin = shown["linkedin"].as_str().unwrap();
    assert!(linkedin.starts_with("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Facilitates+productive+team+meetings&"));

    let mut tampered = minted.clone();
    tampered["credentialSubject"]["achievement"]["name"] = Value::from(MARKUP_NAME);
    let shown = render(
        "tampered",
        &tampered,
        Verdict::Invalid,
        MARKUP_NAME,
        &[
            "Claims to be awarded by",
            "CLAIMED OPEN BADGE (NOT VERIFIED)",
        ],
    );
    let banner = shown["banner"]["text"].as_str().unwrap();
    assert!(
        banner.starts_with("\u{2717} NOT VERIFIED: this credential's signature does not match"),
        "{banner}"
    );
    assert!(shown["linkedin"].is_null());
    assert!(shown["title"].as_str().unwrap().starts_with(MARKUP_NAME));
}
