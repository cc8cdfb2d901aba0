//! The `verify` example's command line, as scripts drive it: exit status 0
//! Valid, 1 Invalid, 2 Indeterminate, 3 could not run; `--fetch-map`,
//! `--fetch`, `--status ignore`, `--recipient`, `--now`, `--json`.
//!
//! Runs the example binary `cargo test` builds (`target/debug/examples/verify`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod example_support;
mod verify_support;

use std::path::{Path, PathBuf};

use openbadges::status::{StatusList, StatusPurpose};
use serde_json::{json, Value};
use verify_support::*;

fn run(args: &[&str]) -> (i32, String, String) {
    example_support::run("verify", args)
}

fn fixture_path(name: &str) -> String {
    format!("{}/fixtures/verify/{name}", env!("CARGO_MANIFEST_DIR"))
}

const NOW: &str = "2026-06-01T00:00:00Z";

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("openbadges-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A fetch map serving `list` at the revocation list URL.
fn map_with(dir: &Path, list: &[u8]) -> String {
    std::fs::write(dir.join("list.json"), list).unwrap();
    std::fs::write(
        dir.join("map.json"),
        serde_json::to_vec(&json!({ REVOCATION_LIST: "list.json" })).unwrap(),
    )
    .unwrap();
    dir.join("map.json").display().to_string()
}

fn clear_list() -> Vec<u8> {
    let mut l = StatusList::new(StatusPurpose::Revocation);
    for _ in 0..=CLEAR_INDEX {
        l.allocate().unwrap();
    }
    let doc = l
        .to_credential_json(REVOCATION_LIST, DID, "2026-01-01T00:00:00Z")
        .unwrap();
    serde_json::to_vec(&sign(&doc)).unwrap()
}

#[test]
fn revoked_credential_exits_2_offline_1_with_its_list_0_with_the_list_clear() {
    let cred = fixture_path("status-revoked.json");
    let (code, out, _) = run(&["--now", NOW, &cred]);
    assert_eq!(code, 2, "no fetcher: indeterminate\n{out}");
    assert!(out.starts_with("INDETERMINATE "), "{out}");

    let dir = tmp("honest");
    let honest = std::fs::read(fixture_path("status-list-revocation.json")).unwrap();
    let map = map_with(&dir, &honest);
    let (code, out, _) = run(&["--now", NOW, "--fetch-map", &map, &cred]);
    assert_eq!(code, 1, "the honest list says revoked\n{out}");
    assert!(out.starts_with("INVALID "), "{out}");
    assert!(out.contains("status: revoked"), "{out}");

    let dir = tmp("clear");
    let map = map_with(&dir, &clear_list());
    let (code, out, _) = run(&["--now", NOW, "--fetch-map", &map, &cred]);
    assert_eq!(code, 0, "the list has the bit clear\n{out}");
    assert!(out.starts_with("VALID "), "{out}");

    // --fetch URL=FILE does the same as a one-entry map.
    let (code, _, _) = run(&[
        "--now",
        NOW,
        "--fetch",
        &format!(
            "{REVOCATION_LIST}={}",
            fixture_path("status-list-revocation.json")
        ),
        &cred,
    ]);
    assert_eq!(code, 1);

    // The explicit opt-out.
    let (code, out, _) = run(&["--now", NOW, "--status", "ignore", &cred]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("StatusPolicy::Ignore"), "{out}");
}

#[test]
fn map_entries_with_an_http_status_and_json_output() {
    let dir = tmp("gone");
    std::fs::write(
        dir.join("map.json"),
        serde_json::to_vec(&json!({ REVOCATION_LIST: {"status": 503} })).unwrap(),
    )
    .unwrap();
    let map = dir.join("map.json").display().to_string();
    let cred = fixture_path("status-revoked.json");
    let (code, out, _) = run(&["--json", "--now", NOW, "--fetch-map", &map, &cred]);
    assert_eq!(code, 2, "{out}");
    let line: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(line["verdict"], json!("indeterminate"));
    assert_eq!(line["valid"], json!(false));
    assert_eq!(line["file"], json!(cred));
    let status = line["report"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "status")
        .unwrap();
    assert_eq!(status["result"], json!("indeterminate"));
    assert!(
        status["reason"].as_str().unwrap().contains("HTTP 503"),
        "{status}"
    );
}

#[test]
fn recipient_and_worst_verdict_across_files() {
    let rec = fixture_path("recipient.json");
    let (code, out, _) = run(&["--now", NOW, "--recipient", EMAIL, &rec]);
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = run(&["--now", NOW, "--recipient", "eve@example.org", &rec]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("recipient-match"), "{out}");
    // Valid + indeterminate → 2; + invalid → 1; + unreadable → 3.
    let valid = fixture_path("valid.json");
    let revoked = fixture_path("status-revoked.json");
    let tampered = fixture_path("tampered.json");
    assert_eq!(run(&["--now", NOW, &valid]).0, 0);
    assert_eq!(run(&["--now", NOW, &valid, &revoked]).0, 2);
    assert_eq!(run(&["--now", NOW, &valid, &revoked, &tampered]).0, 1);
    assert_eq!(run(&["--now", NOW, &valid, "/nonexistent/file.json"]).0, 3);
}

#[test]
fn usage_errors_exit_3_and_never_panic() {
    for args in [
        vec![],
        vec!["--now"],
        vec!["--now", "yesterday", "x"],
        vec!["--status", "maybe", "x"],
        vec!["--fetch", "no-equals-sign", "x"],
        vec!["--fetch-map", "/nonexistent/map.json", "x"],
        vec!["--bogus", "x"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 3, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // A broken PNG is examined and refused (baking fails): invalid, exit 1.
    let dir = tmp("png");
    std::fs::write(dir.join("x.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
    let (code, out, _) = run(&["--now", NOW, dir.join("x.png").to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("baking"), "{out}");
    // JSON that is no credential: could not run, exit 3.
    std::fs::write(dir.join("x.json"), br#"{"hello": "world"}"#).unwrap();
    let (code, out, _) = run(&["--now", NOW, dir.join("x.json").to_str().unwrap()]);
    assert_eq!(code, 3, "{out}");
}
