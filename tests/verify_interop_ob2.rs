//! OB 2.0 documents made independently of this crate (Python `cryptography`
//! and the standard library, `fixtures/interop/ob2-python/generate.py`):
//! each case is verified offline through its `urls.json` and must get the
//! verdict its construction calls for (`manifest.json`), decided by the
//! named check — including the revoked hosted badge (HTTP 410, and
//! `revoked: true`) and the one-entry RevocationList that validator-core
//! 1.1.2 calls valid (`fixtures/interop/validator-core/` shows it doing so).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::sync::Arc;

use openbadges::fetch::MapFetcher;
use openbadges::limits::Limits;
use openbadges::verify::{verify, CheckId, Evidence, StatusPolicy, Verdict, VerifyOptions};
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/interop/ob2-python"
    ))
}

fn manifest() -> Value {
    serde_json::from_slice(&std::fs::read(dir().join("manifest.json")).unwrap()).unwrap()
}

fn options(case: &str) -> VerifyOptions {
    let m = manifest();
    let mut f = MapFetcher::new();
    f.load_map_file(
        &dir().join("cases").join(case).join("urls.json"),
        Limits::DEFAULT.max_fetch_bytes,
    )
    .unwrap();
    VerifyOptions::at(m["verify_at"].as_str().unwrap().parse().unwrap()).fetcher(Arc::new(f))
}

fn run(case: &str, file: &str, opts: &VerifyOptions) -> openbadges::VerificationReport {
    let bytes = std::fs::read(dir().join("cases").join(case).join(file)).unwrap();
    verify(&bytes, opts).unwrap_or_else(|e| panic!("{case}: {e}"))
}

#[test]
fn every_case_gets_its_verdict() {
    let m = manifest();
    let cases = m["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 14);
    for c in cases {
        let name = c["case"].as_str().unwrap();
        let file = c["file"].as_str().unwrap();
        let opts = options(name).expected_recipient(c["recipient"].as_str().unwrap());
        let r = run(name, file, &opts);
        let want = c["verdict"].as_str().unwrap();
        let got = match r.verdict() {
            Verdict::Valid => "valid",
            Verdict::Invalid => "invalid",
            Verdict::Indeterminate => "indeterminate",
        };
        assert_eq!(got, want, "{name} ({}):\n{r}", c["what"]);
        if let Some(check) = c["check"].as_str() {
            assert_eq!(
                r.most_specific().map(|c| c.id.name()),
                Some(check),
                "{name}:\n{r}"
            );
        } else {
            assert!(
                r.check(CheckId::RecipientMatch)
                    .unwrap()
                    .outcome
                    .is_passed(),
                "{name}:\n{r}"
            );
        }
        println!("{name:<26} {got:<8} {}", c["what"].as_str().unwrap());
    }
}

#[test]
fn revocations_carry_their_evidence() {
    let ev = |case: &str, file: &str| {
        let r = run(case, file, &options(case));
        r.check(CheckId::Status).unwrap().evidence().cloned()
    };
    assert!(matches!(
        ev("hosted-revoked-410", "assertion.json"),
        Some(Evidence::HostedRevoked {
            status: 410,
            reason: Some(_),
            ..
        })
    ));
    assert!(matches!(
        ev("hosted-revoked-true", "assertion.json"),
        Some(Evidence::HostedRevoked { status: 200, .. })
    ));
    assert!(matches!(
        ev("signed-revoked-one-entry", "assertion.jws"),
        Some(Evidence::RevokedInList {
            id: Some(_),
            uid: None,
            ..
        })
    ));
    assert!(matches!(
        ev("signed-revoked-uid", "assertion.jws"),
        Some(Evidence::RevokedInList { id: None, uid: Some(u), .. }) if u == "legacy-77"
    ));
    let r = run(
        "hosted-wrong-origin",
        "assertion.json",
        &options("hosted-wrong-origin"),
    );
    assert!(matches!(
        r.check(CheckId::KeyBinding).unwrap().evidence(),
        Some(Evidence::OriginNotAllowed { .. })
    ));
    let r = run(
        "hosted-mismatch",
        "assertion.json",
        &options("hosted-mismatch"),
    );
    assert!(matches!(
        r.check(CheckId::Proof).unwrap().evidence(),
        Some(Evidence::AssertionMismatch { path, .. }) if path == "$.issuedOn"
    ));
}

#[test]
fn fail_closed_offline_and_the_named_opt_out() {
    // Nothing served: indeterminate, never valid.
    let at = manifest()["verify_at"].as_str().unwrap().parse().unwrap();
    for (case, file) in [
        ("hosted-valid", "assertion.json"),
        ("signed-valid", "assertion.jws"),
    ] {
        let r = run(case, file, &VerifyOptions::at(at));
        assert_eq!(r.verdict(), Verdict::Indeterminate, "{case}:\n{r}");
    }
    // The revoked one-entry badge with status ignored by name: the status
    // check says it was not checked, and nothing else fails.
    let r = run(
        "signed-revoked-one-entry",
        "assertion.jws",
        &options("signed-revoked-one-entry").status(StatusPolicy::Ignore),
    );
    assert!(
        r.check(CheckId::Status).unwrap().outcome.is_skipped(),
        "{r}"
    );
    assert_eq!(r.verdict(), Verdict::Valid, "{r}");
}
