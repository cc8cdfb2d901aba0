//! The `badge_page` example's command line (exit 0 valid, 1 invalid,
//! 2 indeterminate, the page written in all three; 3 could not run, no
//! page) and the files `mint --out-dir` writes.
//!
//! Runs the example binaries `cargo test` builds (`target/debug/examples/`).
//! Inputs: the committed verifier fixtures (`fixtures/verify/`, expected
//! verdicts in its README) and the committed minted credential
//! (`fixtures/interop/ours/mint.json`, the mint example's default output).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod example_support;

use std::path::{Path, PathBuf};

use example_support::run;
use openbadges::bake::extract;
use openbadges::limits::Limits;

fn root(path: &str) -> String {
    format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_badge_page");
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

const NOW: &str = "2026-06-01T00:00:00Z";

/// Runs badge_page on `credential`; returns the exit code, stderr and the
/// page (if written).
fn page(credential: &str, extra: &[&str]) -> (i32, String, Option<String>) {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out = tmp(&format!(
        "{n}-{}.html",
        Path::new(credential).file_name().unwrap().to_string_lossy()
    ));
    let _ = std::fs::remove_file(&out);
    let out_s = out.display().to_string();
    let mut args = vec![credential, "--out", &out_s, "--now", NOW];
    args.extend_from_slice(extra);
    let (code, _, err) = run("badge_page", &args);
    (code, err, std::fs::read_to_string(&out).ok())
}

#[test]
fn exit_codes_follow_the_verdict_and_the_page_is_always_written() {
    let (code, err, html) = page(&root("fixtures/verify/valid.json"), &[]);
    assert_eq!(code, 0, "{err}");
    let html = html.unwrap();
    assert!(html.contains("\u{2713} VERIFIED</p>"));
    assert!(html.contains("Checked 2026-06-01 00:00:00 UTC."));
    assert!(err.starts_with("VALID "), "{err}");

    let (code, err, html) = page(&root("fixtures/verify/tampered.json"), &[]);
    assert_eq!(code, 1, "{err}");
    assert!(html
        .unwrap()
        .contains("NOT VERIFIED: this credential&#39;s signature does not match"));
    assert!(
        err.starts_with("INVALID ") && err.contains("proof"),
        "{err}"
    );

    // Offline, the status list is not served: indeterminate, page written.
    let (code, err, html) = page(&root("fixtures/verify/status-ok.json"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(html
        .unwrap()
        .contains("COULD NOT BE VERIFIED: its revocation status could not be checked"));

    // With the list served through --fetch-map: valid.
    let map = tmp("map.json");
    std::fs::write(
        &map,
        serde_json::json!({
            "https://issuer.example/status/revocation": root("fixtures/verify/status-list-revocation.json")
        })
        .to_string(),
    )
    .unwrap();
    let (code, err, _) = page(
        &root("fixtures/verify/status-ok.json"),
        &["--fetch-map", &map.display().to_string()],
    );
    assert_eq!(code, 0, "{err}");
    // A revoked one with the lists served: invalid.
    std::fs::write(
        &map,
        serde_json::json!({
            "https://issuer.example/status/revocation": root("fixtures/verify/status-list-revocation.json"),
            "https://issuer.example/status/suspension": root("fixtures/verify/status-list-suspension.json")
        })
        .to_string(),
    )
    .unwrap();
    let (code, err, html) = page(
        &root("fixtures/verify/status-revoked.json"),
        &["--fetch-map", &map.display().to_string()],
    );
    assert_eq!(code, 1, "{err}");
    assert!(html
        .unwrap()
        .contains("NOT VERIFIED: its issuer has revoked or suspended it"));
}

#[test]
fn could_not_run_is_3_and_writes_nothing() {
    // Bad usage.
    assert_eq!(run("badge_page", &[]).0, 3);
    assert_eq!(run("badge_page", &["x.json"]).0, 3);
    assert_eq!(run("badge_page", &["--bogus"]).0, 3);
    let (code, out, _) = run("badge_page", &["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("usage: badge_page"));
    let valid = root("fixtures/verify/valid.json");
    let (code, _, html) = page(&valid, &["--page-url", "javascript:alert(1)"]);
    assert_eq!(code, 3);
    assert!(html.is_none());
    let (code, _, html) = page(&valid, &["--colour", "#12"]);
    assert_eq!(code, 3);
    assert!(html.is_none());
    // An unreadable file.
    let (code, err, html) = page("/nonexistent/credential.json", &[]);
    assert_eq!(code, 3);
    assert!(err.contains("cannot read"), "{err}");
    assert!(html.is_none());
    // JSON that is no credential (verify cannot run), and malformed JSON
    // (verify says invalid, but there is nothing to show).
    let junk = tmp("junk.json");
    std::fs::write(&junk, "{\"hello\": 1}").unwrap();
    let (code, _, html) = page(&junk.display().to_string(), &[]);
    assert_eq!(code, 3);
    assert!(html.is_none());
    std::fs::write(&junk, "{\"@context\": [").unwrap();
    let (code, err, html) = page(&junk.display().to_string(), &[]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("INVALID"), "{err}");
    assert!(html.is_none());
    // An image with no badge baked in.
    let (code, err, _) = page(&root("fixtures/images/badge.png"), &[]);
    assert_eq!(code, 3);
    assert!(err.contains("no badge is baked"), "{err}");
}

#[test]
fn mint_default_output_is_unchanged_and_out_dir_writes_what_a_person_opens() {
    // The README's first command: the credential on stdout, byte for byte
    // the committed minted credential.
    let (code, stdout, err) = run("mint", &[]);
    assert_eq!(code, 0, "{err}");
    let committed = std::fs::read_to_string(root("fixtures/interop/ours/mint.json")).unwrap();
    assert_eq!(stdout, committed);
    assert!(err.contains("verified: VALID"), "{err}");
    assert!(!err.contains("wrote"), "{err}");

    let dir = tmp("mint-out");
    let _ = std::fs::remove_dir_all(&dir);
    let (code, stdout, err) = run("mint", &["--out-dir", &dir.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stdout, committed);
    let credential = std::fs::read_to_string(dir.join("credential.json")).unwrap();
    assert_eq!(credential, committed);
    let limits = Limits::DEFAULT;
    for image in ["badge.svg", "badge.png"] {
        let bytes = std::fs::read(dir.join(image)).unwrap();
        let payload = extract(&bytes, &limits).unwrap().expect(image);
        assert_eq!(payload.as_str(), credential.trim(), "{image}");
        // And the baked image verifies through badge_page.
        let (code, err, html) = page(&dir.join(image).display().to_string(), &[]);
        assert_eq!(code, 0, "{image}: {err}");
        assert!(html.unwrap().contains("VERIFIED"));
    }
    let png = std::fs::read(dir.join("badge.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    let svg = std::fs::read_to_string(dir.join("badge.svg")).unwrap();
    assert!(svg.contains("<openbadges:credential"));
    assert!(svg.contains(">Facilitates</text>"), "the drawn name");
    let html = std::fs::read_to_string(dir.join("badge.html")).unwrap();
    assert!(html.contains("\u{2713} VERIFIED</p>"));
    assert!(html.contains("<h1>Facilitates productive team meetings</h1>"));
    assert!(html.contains("linkedin.com/profile/add?startTask=CERTIFICATION_NAME"));

    // A usage error is still 2.
    assert_eq!(run("mint", &["--out-dir"]).0, 2);
}
