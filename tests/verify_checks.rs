//! The verifier on one generated fixture per failure kind: each test names
//! the check that must fail (or be skipped), not just "invalid".
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod verify_support;

use std::path::PathBuf;
use std::sync::Arc;

use openbadges::fetch::{Fetched, MapFetcher};
use openbadges::verify::{
    verify, CheckId, CredentialFormat, Outcome, SeenFormat, StatusPolicy, Verdict,
    VerificationReport, VerifyError, VerifyOptions,
};
use verify_support::*;

fn run(name: &str) -> VerificationReport {
    run_with(name, options())
}

fn run_with(name: &str, opts: VerifyOptions) -> VerificationReport {
    verify(&fixture(name), &opts).unwrap()
}

fn outcome(r: &VerificationReport, id: CheckId) -> &Outcome {
    &r.check(id)
        .unwrap_or_else(|| panic!("no {id} check in\n{r}"))
        .outcome
}

fn failed_ids(r: &VerificationReport) -> Vec<CheckId> {
    let mut ids: Vec<CheckId> = r
        .checks
        .iter()
        .filter(|c| c.outcome.is_failed())
        .map(|c| c.id)
        .collect();
    ids.dedup();
    ids
}

fn reason(r: &VerificationReport, id: CheckId) -> String {
    outcome(r, id).reason().unwrap_or_default().to_owned()
}

/// Exactly these checks failed, and the headline is `head`.
fn assert_fails(r: &VerificationReport, ids: &[CheckId], head: CheckId) {
    assert!(!r.is_valid(), "{r}");
    assert_eq!(failed_ids(r), ids, "{r}");
    assert_eq!(r.most_specific().map(|c| c.id), Some(head), "{r}");
}

#[test]
fn committed_fixtures_are_what_the_generator_makes() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/verify"));
    let regenerate = std::env::var_os("OPENBADGES_REGENERATE").is_some();
    for f in fixtures() {
        let path = dir.join(f.name);
        if regenerate {
            std::fs::write(&path, &f.bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (run with OPENBADGES_REGENERATE=1)", path.display())
        });
        assert!(
            on_disk == f.bytes,
            "{} differs from the generator (run with OPENBADGES_REGENERATE=1)",
            f.name
        );
    }
}

#[test]
fn valid_credential_passes_every_check() {
    let r = run("valid.json");
    assert!(r.is_valid(), "{r}");
    assert_eq!(r.format, CredentialFormat::OpenBadges3);
    for id in [
        CheckId::JsonWellFormed,
        CheckId::Format,
        CheckId::ContextOrder,
        CheckId::ContextVersion,
        CheckId::Structure,
        CheckId::Proof,
        CheckId::ProofPurpose,
        CheckId::KeyBinding,
        CheckId::NotBefore,
        CheckId::Expired,
    ] {
        assert!(outcome(&r, id).is_passed(), "{id}: {r}");
    }
    // Nothing applicable: skipped with a reason, and still valid.
    assert!(outcome(&r, CheckId::Status).is_skipped());
    assert!(outcome(&r, CheckId::Endorsements).is_skipped());
    assert!(outcome(&r, CheckId::RecipientMatch).is_skipped());
}

#[test]
fn bad_json_is_a_report_not_an_error() {
    let mut bytes = fixture("valid.json");
    bytes.truncate(bytes.len() / 2);
    let r = verify(&bytes, &options()).unwrap();
    assert_fails(&r, &[CheckId::JsonWellFormed], CheckId::JsonWellFormed);
    assert!(reason(&r, CheckId::JsonWellFormed).contains("line"), "{r}");
    // Too deep for the limits: also a json-well-formed failure.
    let deep = "[".repeat(200) + &"]".repeat(200);
    let r = verify(deep.as_bytes(), &options()).unwrap();
    assert_fails(&r, &[CheckId::JsonWellFormed], CheckId::JsonWellFormed);
}

#[test]
fn unsupported_formats_are_errors_naming_the_format() {
    let cases: [(&[u8], SeenFormat); 3] = [
        (
            // OB 2.0 assertions are verified; other OB 2.0 documents are not credentials.
            br#"{"@context":"https://w3id.org/openbadges/v2","type":"BadgeClass","id":"https://example.org/b"}"#,
            SeenFormat::OpenBadges2,
        ),
        (br#"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","ClrCredential"]}"#, SeenFormat::Clr2),
        (br#"{"hello": "world"}"#, SeenFormat::JsonNotCredential),
    ];
    for (bytes, want) in cases {
        match verify(bytes, &options()) {
            Err(VerifyError::UnsupportedFormat { found, reason }) => {
                assert_eq!(found, want, "{reason}");
                let shown = VerifyError::UnsupportedFormat { found, reason }.to_string();
                assert!(shown.contains(&want.to_string()), "{shown}");
            }
            other => panic!("{want:?}: expected UnsupportedFormat, got {other:?}"),
        }
    }
    // An OB 2.0 assertion is a report (here: not hosted anywhere offline).
    let assertion = br#"{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/a"}"#;
    let r = verify(assertion, &options()).unwrap();
    assert_eq!(
        r.format,
        openbadges::verify::CredentialFormat::OpenBadges2Hosted
    );
    assert!(!r.is_valid(), "{r}");
}

#[test]
fn images_and_jws_that_hold_no_credential_are_reports_naming_the_check() {
    // A PNG or SVG with no badge: the baking check fails.
    for bytes in [
        &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..],
        &b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..],
    ] {
        let r = verify(bytes, &options()).unwrap();
        assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
        assert_eq!(
            r.most_specific().map(|c| c.id),
            Some(CheckId::Baking),
            "{r}"
        );
    }
    // A JWS whose header or payload is not JSON: refused, never valid.
    for token in [
        "eyJhbGciOiJSUzI1NiJ9.eyJ2YyI6e319.c2ln",
        "eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln",
        "bm90anNvbg.bm90anNvbg.c2ln",
    ] {
        let r = verify(token.as_bytes(), &options()).unwrap();
        assert_eq!(r.verdict(), Verdict::Invalid, "{token}: {r}");
        assert_eq!(r.format, CredentialFormat::OpenBadges3Jwt);
    }
}

#[test]
fn bad_options_are_errors() {
    let opts = options().clock_skew(chrono::Duration::seconds(-1));
    assert!(matches!(
        verify(&fixture("valid.json"), &opts),
        Err(VerifyError::BadOptions {
            option: "clock_skew",
            ..
        })
    ));
}

#[test]
fn wrong_context_order_fails_context_order_only() {
    let r = run("wrong-context-order.json");
    assert_fails(&r, &[CheckId::ContextOrder], CheckId::ContextOrder);
    assert!(outcome(&r, CheckId::Proof).is_passed(), "{r}");
}

#[test]
fn unknown_ob_context_version_is_the_headline_over_the_proof() {
    let r = run("unknown-ob-context-version.json");
    assert_fails(
        &r,
        &[CheckId::ContextVersion, CheckId::Proof],
        CheckId::ContextVersion,
    );
    assert!(reason(&r, CheckId::ContextVersion).contains("context-3.0.9.json"));
    assert!(
        reason(&r, CheckId::Proof).contains("context not available offline"),
        "{r}"
    );
}

#[test]
fn missing_required_field_is_one_structure_failure_with_its_path() {
    let r = run("missing-criteria.json");
    assert_fails(&r, &[CheckId::Structure], CheckId::Structure);
    assert_eq!(
        outcome(&r, CheckId::Structure),
        &Outcome::Failed {
            reason: "required property criteria is missing".into(),
            json_path: Some("$.credentialSubject.achievement.criteria".into()),
        }
    );
}

#[test]
fn wrong_type_is_one_failure_not_a_cascade() {
    let r = run("wrong-type.json");
    assert_fails(&r, &[CheckId::Structure], CheckId::Structure);
    let s = r.check(CheckId::Structure).unwrap();
    assert!(s.children.is_empty(), "one failure, no children: {r}");
    match &s.outcome {
        Outcome::Failed { reason, json_path } => {
            assert_eq!(json_path.as_deref(), Some("$.type"));
            assert!(reason.contains("OpenBadgeCredential"), "{reason}");
        }
        o => panic!("{o:?}"),
    }
}

#[test]
fn tampered_credential_fails_the_proof_with_a_child_per_proof() {
    let r = run("tampered.json");
    assert_fails(&r, &[CheckId::Proof], CheckId::Proof);
    let p = r.check(CheckId::Proof).unwrap();
    assert_eq!(p.children.len(), 1);
    assert!(
        reason(&r, CheckId::Proof).contains("signature does not match"),
        "{r}"
    );
}

#[test]
fn did_key_that_is_not_the_issuer_fails_key_binding() {
    let r = run("did-key-not-issuer.json");
    assert_fails(&r, &[CheckId::KeyBinding], CheckId::KeyBinding);
    let why = reason(&r, CheckId::KeyBinding);
    assert!(
        why.contains(&format!(
            "{DID} is not the issuer https://issuer.example/issuers/2"
        )),
        "{why}"
    );
    assert!(outcome(&r, CheckId::Proof).is_passed());
}

#[test]
fn fragment_key_with_https_issuer_is_not_bound_offline() {
    let r = run("fragment-trick.json");
    assert!(!r.is_valid(), "{r}");
    assert!(r.failures().is_empty(), "nothing failed: {r}");
    assert!(
        outcome(&r, CheckId::Proof).is_passed(),
        "the signature itself verifies: {r}"
    );
    assert!(outcome(&r, CheckId::KeyBinding).is_indeterminate());
    assert_eq!(r.verdict(), Verdict::Indeterminate);
    assert!(
        reason(&r, CheckId::KeyBinding)
            .contains(&format!("no fetcher configured for {HTTPS_ISSUER}")),
        "{r}"
    );
    assert_eq!(r.unverified_required(), vec![CheckId::KeyBinding]);
}

#[test]
fn fragment_key_binds_with_a_controller_document_listing_it() {
    let opts = options().fetcher(Arc::new(fetcher(Some(true))));
    let r = run_with("fragment-trick.json", opts);
    assert!(r.is_valid(), "{r}");
    assert!(outcome(&r, CheckId::KeyBinding).is_passed());
}

#[test]
fn fragment_key_fails_when_the_controller_document_does_not_list_it() {
    let opts = options().fetcher(Arc::new(fetcher(Some(false))));
    let r = run_with("fragment-trick.json", opts);
    assert_fails(&r, &[CheckId::KeyBinding], CheckId::KeyBinding);
    assert!(
        reason(&r, CheckId::KeyBinding).contains("assertionMethod"),
        "{r}"
    );
    // A controller document whose key differs from the fragment's.
    let mut doc = controller_document(true);
    doc["verificationMethod"][0]["publicKeyMultibase"] =
        serde_json::json!("z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
    let f = MapFetcher::new().with(HTTPS_ISSUER, Fetched::ok(serde_json::to_vec(&doc).unwrap()));
    let r = run_with("fragment-trick.json", options().fetcher(Arc::new(f)));
    assert_fails(&r, &[CheckId::KeyBinding], CheckId::KeyBinding);
    assert!(
        reason(&r, CheckId::KeyBinding).contains("different key"),
        "{r}"
    );
}

#[test]
fn wrong_proof_purpose_fails_proof_purpose() {
    let r = run("wrong-proof-purpose.json");
    assert_fails(&r, &[CheckId::ProofPurpose], CheckId::ProofPurpose);
    assert!(reason(&r, CheckId::ProofPurpose).contains("\"authentication\""));
}

#[test]
fn expired_and_not_yet_valid() {
    let r = run("expired.json");
    assert_fails(&r, &[CheckId::Expired], CheckId::Expired);
    let r = run("not-yet-valid.json");
    assert_fails(&r, &[CheckId::NotBefore], CheckId::NotBefore);
    // Within the clock skew: still valid.
    let at = "2026-03-01T00:04:00Z".parse().unwrap();
    assert!(verify(&fixture("expired.json"), &VerifyOptions::at(at))
        .unwrap()
        .is_valid());
    let at = "2026-03-01T00:06:00Z".parse().unwrap();
    assert!(!verify(&fixture("expired.json"), &VerifyOptions::at(at))
        .unwrap()
        .is_valid());
}

fn with_lists() -> VerifyOptions {
    options().fetcher(Arc::new(fetcher(None)))
}

#[test]
fn revoked_and_suspended_fail_the_status_check() {
    let r = run_with("status-revoked.json", with_lists());
    assert_fails(&r, &[CheckId::Status], CheckId::Status);
    assert!(reason(&r, CheckId::Status).starts_with("revoked"), "{r}");
    let r = run_with("status-suspended.json", with_lists());
    assert_fails(&r, &[CheckId::Status], CheckId::Status);
    assert!(reason(&r, CheckId::Status).starts_with("suspended"), "{r}");
}

#[test]
fn unrevoked_passes_and_the_list_itself_was_verified() {
    let r = run_with("status-ok.json", with_lists());
    assert!(r.is_valid(), "{r}");
    let s = r.check(CheckId::Status).unwrap();
    assert!(s.outcome.is_passed());
    // The list credential's own checks are attached: its proof and key binding passed.
    for id in [CheckId::Proof, CheckId::KeyBinding] {
        assert!(
            s.children
                .iter()
                .any(|c| c.id == id && c.outcome.is_passed()),
            "{id} of the list: {r}"
        );
    }
}

#[test]
fn status_offline_is_indeterminate_unless_the_caller_opts_out() {
    let r = run("status-revoked.json");
    assert!(outcome(&r, CheckId::Status).is_indeterminate(), "{r}");
    assert!(reason(&r, CheckId::Status).contains("no fetcher configured"));
    assert_eq!(r.verdict(), Verdict::Indeterminate, "fail closed: {r}");
    assert!(!r.is_valid());
    // The explicit, named opt-out.
    let r = run_with(
        "status-revoked.json",
        options().status(StatusPolicy::Ignore),
    );
    assert!(outcome(&r, CheckId::Status).is_skipped(), "{r}");
    assert!(reason(&r, CheckId::Status).contains("StatusPolicy::Ignore"));
    assert_eq!(r.verdict(), Verdict::Valid, "{r}");
}

#[test]
fn list_credential_with_a_bad_proof_fails_the_status_check() {
    let r = run_with("status-bad-list.json", with_lists());
    assert_fails(&r, &[CheckId::Status], CheckId::Status);
    let why = reason(&r, CheckId::Status);
    assert!(why.contains("does not verify (proof"), "{why}");
}

#[test]
fn valid_endorsement_has_its_own_valid_report() {
    let r = run("endorsement-valid.json");
    assert!(r.is_valid(), "{r}");
    assert!(outcome(&r, CheckId::Endorsements).is_passed());
    assert_eq!(r.endorsements.len(), 1);
    assert!(r.endorsements[0].is_valid());
}

#[test]
fn invalid_endorsement_fails_with_a_recursive_report() {
    let r = run("endorsement-invalid.json");
    assert_fails(&r, &[CheckId::Endorsements], CheckId::Endorsements);
    assert_eq!(r.endorsements.len(), 1);
    let e = &r.endorsements[0];
    assert_eq!(e.most_specific().map(|c| c.id), Some(CheckId::Proof), "{e}");
    assert!(
        outcome(&r, CheckId::Proof).is_passed(),
        "the outer proof is fine"
    );
    // Depth limit 0: endorsements are not verified at all.
    let mut limits = openbadges::limits::Limits::DEFAULT;
    limits.max_endorsement_depth = 0;
    let r = run_with("endorsement-invalid.json", options().limits(limits));
    assert!(outcome(&r, CheckId::Endorsements).is_skipped(), "{r}");
    assert!(r.endorsements.is_empty());
}

#[test]
fn recipient_match_plain_hashed_and_mismatch() {
    for who in [
        EMAIL,
        "learner-0001@example.org",
        "did:example:learner-0001",
    ] {
        let r = run_with("recipient.json", options().expected_recipient(who));
        assert!(r.is_valid(), "{who}: {r}");
        assert!(outcome(&r, CheckId::RecipientMatch).is_passed(), "{who}");
    }
    for who in [
        "bob@example.org",
        "ADA@example.org.evil",
        "did:example:someone-else",
    ] {
        let r = run_with("recipient.json", options().expected_recipient(who));
        assert_fails(&r, &[CheckId::RecipientMatch], CheckId::RecipientMatch);
    }
    // Hashed with another salt: no match.
    let r = run_with("valid.json", options().expected_recipient(EMAIL));
    assert_fails(&r, &[CheckId::RecipientMatch], CheckId::RecipientMatch);
}

#[test]
fn two_defects_are_both_reported() {
    let r = run("two-defects.json");
    assert_fails(
        &r,
        &[CheckId::ProofPurpose, CheckId::Expired],
        CheckId::ProofPurpose,
    );
    let text = r.to_string();
    assert!(text.contains("✗ FAIL proof-purpose"), "{text}");
    assert!(text.contains("✗ FAIL expired"), "{text}");
}

#[test]
fn proof_set_with_an_unsupported_proof_still_verifies() {
    let mut doc: serde_json::Value = serde_json::from_slice(&fixture("valid.json")).unwrap();
    let good = doc["proof"].clone();
    doc["proof"] =
        serde_json::json!([{"type": "SomeFutureProof", "proofPurpose": "assertionMethod"}, good]);
    let r = verify(&serde_json::to_vec(&doc).unwrap(), &options()).unwrap();
    assert!(r.is_valid(), "{r}");
    let p = r.check(CheckId::Proof).unwrap();
    assert_eq!(p.children.len(), 2);
    assert!(p.children[0].outcome.is_skipped());
    assert!(p.children[1].outcome.is_passed());
}

#[test]
fn malformed_credentials_are_reports_never_panics() {
    let base: serde_json::Value = serde_json::from_slice(&fixture("valid.json")).unwrap();
    let edits: Vec<(&str, serde_json::Value)> = vec![
        ("proof", serde_json::json!(42)),
        ("proof", serde_json::json!([])),
        ("proof", serde_json::json!([null, "x", {"type": 1}])),
        ("issuer", serde_json::json!(7)),
        ("issuer", serde_json::json!({"type": "Profile"})),
        ("credentialSubject", serde_json::json!("someone")),
        ("credentialSubject", serde_json::json!([])),
        ("type", serde_json::json!({"a": 1})),
        ("@context", serde_json::json!(3)),
        ("validFrom", serde_json::json!("yesterday")),
        ("validUntil", serde_json::json!(false)),
        (
            "credentialStatus",
            serde_json::json!([1, {"type": "Unknown"}]),
        ),
        (
            "endorsement",
            serde_json::json!([1, {"type": ["VerifiableCredential"]}]),
        ),
        ("refreshService", serde_json::json!({"type": "X"})),
    ];
    for (key, value) in edits {
        let mut doc = base.clone();
        doc[key] = value.clone();
        let bytes = serde_json::to_vec(&doc).unwrap();
        let opts = options().expected_recipient("x@example.org");
        let r = verify(&bytes, &opts).unwrap_or_else(|e| panic!("{key}={value}: {e}"));
        assert!(!r.is_valid(), "{key}={value}: {r}");
        assert!(r.most_specific().is_some() || !r.unverified_required().is_empty());
    }
}

#[test]
fn did_web_issuer_binds_through_its_did_document() {
    let did = "did:web:issuer.example";
    let vm = format!("{did}#key-1");
    let mut doc = base();
    doc["issuer"]["id"] = serde_json::json!(did);
    let signed = sign_with(&doc, &vm, "assertionMethod");
    let bytes = serde_json::to_vec(&signed).unwrap();
    let did_doc = |listed: bool| {
        let mut d = serde_json::json!({
            "@context": ["https://www.w3.org/ns/did/v1"],
            "id": did,
            "verificationMethod": [{"id": vm, "type": "Multikey", "controller": did,
                                    "publicKeyMultibase": MULTIKEY}]
        });
        if listed {
            d["assertionMethod"] = serde_json::json!([vm]);
        }
        Fetched::ok(serde_json::to_vec(&d).unwrap())
    };
    let url = "https://issuer.example/.well-known/did.json";

    // Offline: neither the signature key nor the binding can be looked up.
    let r = verify(&bytes, &options()).unwrap();
    assert!(!r.is_valid() && r.failures().is_empty(), "{r}");
    assert!(outcome(&r, CheckId::Proof).is_skipped(), "{r}");
    assert!(outcome(&r, CheckId::KeyBinding).is_skipped(), "{r}");

    let f = MapFetcher::new().with(url, did_doc(true));
    let r = verify(&bytes, &options().fetcher(Arc::new(f))).unwrap();
    assert!(r.is_valid(), "{r}");

    let f = MapFetcher::new().with(url, did_doc(false));
    let r = verify(&bytes, &options().fetcher(Arc::new(f))).unwrap();
    assert_fails(&r, &[CheckId::KeyBinding], CheckId::KeyBinding);
    assert!(
        reason(&r, CheckId::KeyBinding).contains("not authorized for assertionMethod"),
        "{r}"
    );

    // A did:web method of another DID than the issuer.
    let mut doc = base();
    doc["issuer"]["id"] = serde_json::json!("did:web:other.example");
    let bytes = serde_json::to_vec(&sign_with(&doc, &vm, "assertionMethod")).unwrap();
    let f = MapFetcher::new().with(url, did_doc(true));
    let r = verify(&bytes, &options().fetcher(Arc::new(f))).unwrap();
    assert_fails(&r, &[CheckId::KeyBinding], CheckId::KeyBinding);
    assert!(
        reason(&r, CheckId::KeyBinding).contains("not by the issuer did:web:other.example"),
        "{r}"
    );
}

/// Only a proof whose signature verified can bind the issuer's key: a proof
/// that names the issuer's key but cannot be checked (an unsupported suite)
/// lends its binding to nothing.
#[test]
fn an_unverified_proof_binds_nothing() {
    let mut doc: serde_json::Value = serde_json::from_slice(&fixture("valid.json")).unwrap();
    let good = doc["proof"].clone();
    let vm = good[0]["verificationMethod"]
        .as_str()
        .or_else(|| good["verificationMethod"].as_str())
        .unwrap()
        .to_owned();
    doc["proof"] = serde_json::json!([
        {"type": "SomeFutureProof", "proofPurpose": "assertionMethod", "verificationMethod": vm},
        good
    ]);
    let r = verify(&serde_json::to_vec(&doc).unwrap(), &options()).unwrap();
    assert!(r.is_valid(), "{r}");
    let kb = r.check(CheckId::KeyBinding).unwrap();
    assert_eq!(kb.children.len(), 2, "{r}");
    assert!(kb.children[0].outcome.is_skipped(), "{r}");
    assert!(
        format!("{:?}", kb.children[0].outcome).contains("binds nothing"),
        "{r}"
    );
    assert!(kb.children[1].outcome.is_passed(), "{r}");

    // With the verifiable proof removed, nothing binds the issuer.
    doc["proof"] = serde_json::json!([doc["proof"][0].clone()]);
    let r = verify(&serde_json::to_vec(&doc).unwrap(), &options()).unwrap();
    assert!(!r.is_valid(), "{r}");
    assert!(
        !r.check(CheckId::KeyBinding).unwrap().outcome.is_passed(),
        "{r}"
    );
}
