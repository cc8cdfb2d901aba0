//! The `convert` example's command line: an OB 2.0 assertion made by others
//! (`fixtures/interop/ob2-python`, verdicts in its `manifest.json`) in, a
//! signed OB 3.0 credential out that the `verify` example calls VALID;
//! exit 1 (nothing written) for an invalid one, 2 for an indeterminate
//! one, 3 for bad usage.
//!
//! Runs the example binaries `cargo test` builds (`target/debug/examples/`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod example_support;

use std::path::PathBuf;

use example_support::run;
use serde_json::Value;

fn case(name: &str, file: &str) -> String {
    format!(
        "{}/fixtures/interop/ob2-python/cases/{name}/{file}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn tmp(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_convert");
    std::fs::create_dir_all(&d).unwrap();
    let p = d.join(name);
    let _ = std::fs::remove_file(&p);
    p
}

/// The Python cases' manifest `verify_at`.
const NOW: &str = "2026-06-01T00:00:00Z";

fn json(path: &str) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn hosted_assertion_converts_and_the_output_verifies() {
    let out = tmp("hosted.json");
    let out_s = out.to_str().unwrap();
    let map = case("hosted-valid", "urls.json");
    let (code, stdout, stderr) = run(
        "convert",
        &[
            "--fetch-map",
            &map,
            "--now",
            NOW,
            &case("hosted-valid", "assertion.json"),
            "--out",
            out_s,
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.starts_with("CONVERTED "), "{stdout}");
    let signed = json(out_s);
    let assertion = json(&case("hosted-valid", "assertion.json"));
    let badge = json(&case("hosted-valid", "badge.json"));
    assert_eq!(signed["evidence"][0]["id"], assertion["id"]);
    assert_eq!(
        signed["credentialSubject"]["achievement"]["related"][0]["id"],
        badge["id"]
    );
    assert_eq!(
        signed["credentialSubject"]["achievement"]["name"],
        badge["name"]
    );
    // The default converting key is the mint example's test key: its did:key.
    assert!(signed["issuer"]["id"]
        .as_str()
        .unwrap()
        .starts_with("did:key:z6Mk"));
    // A relying party's verify example says VALID (no fetch map needed: did:key).
    let (code, stdout, _) = run("verify", &["--now", NOW, out_s]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.starts_with("VALID "), "{stdout}");
    // Same inputs, same bytes (the id is derived, the time given).
    let again = tmp("hosted-again.json");
    let (code, ..) = run(
        "convert",
        &[
            "--fetch-map",
            &map,
            "--now",
            NOW,
            &case("hosted-valid", "assertion.json"),
            "--out",
            again.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn signed_assertion_converts_with_another_key_and_id() {
    let out = tmp("signed.json");
    let out_s = out.to_str().unwrap();
    let (code, stdout, stderr) = run(
        "convert",
        &[
            "--fetch-map",
            &case("signed-valid", "urls.json"),
            "--now",
            NOW,
            "--seed",
            &"ab".repeat(32),
            "--issuer-name",
            "Example Wallet",
            "--id",
            "urn:uuid:0f8e2c1a-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
            &case("signed-valid", "assertion.jws"),
            "--out",
            out_s,
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    let signed = json(out_s);
    assert_eq!(
        signed["id"],
        "urn:uuid:0f8e2c1a-5b6d-4e7f-8a9b-0c1d2e3f4a5b"
    );
    assert_eq!(signed["issuer"]["name"], "Example Wallet");
    let (code, stdout, _) = run("verify", &["--now", NOW, out_s]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn revoked_and_unverifiable_assertions_are_refused() {
    // Revoked (HTTP 410): invalid, exit 1, nothing written.
    let out = tmp("revoked.json");
    let (code, stdout, _) = run(
        "convert",
        &[
            "--fetch-map",
            &case("hosted-revoked-410", "urls.json"),
            "--now",
            NOW,
            &case("hosted-revoked-410", "assertion.json"),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.starts_with("REFUSED "), "{stdout}");
    assert!(stdout.contains("INVALID: status"), "{stdout}");
    assert!(!out.exists());
    // Tampered signed assertion: invalid (proof).
    let (code, stdout, _) = run(
        "convert",
        &[
            "--fetch-map",
            &case("signed-tampered", "urls.json"),
            "--now",
            NOW,
            &case("signed-tampered", "assertion.jws"),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("INVALID: proof"), "{stdout}");
    // No fetch map: nothing can be checked, indeterminate, exit 2.
    let (code, stdout, _) = run(
        "convert",
        &[
            "--now",
            NOW,
            &case("hosted-valid", "assertion.json"),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.contains("INDETERMINATE"), "{stdout}");
    assert!(!out.exists());
}

#[test]
fn bad_usage_exits_3() {
    let (code, _, stderr) = run("convert", &[&case("hosted-valid", "assertion.json")]);
    assert_eq!(code, 3);
    assert!(stderr.contains("--out"), "{stderr}");
    let (code, ..) = run("convert", &["--seed", "zz", "x", "--out", "y"]);
    assert_eq!(code, 3);
    let (code, ..) = run("convert", &["missing-file.json", "--out", "y"]);
    assert_eq!(code, 3);
}
