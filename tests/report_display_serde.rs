#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Verification report: validity rules, headline ranking, Display and serde.

use openbadges::verify::report::*;
use serde_json::json;

fn base(format: CredentialFormat) -> VerificationReport {
    let mut r = VerificationReport::new(format).with_credential_id("urn:uuid:1");
    r.push(Check::passed(CheckId::JsonWellFormed));
    r.push(Check::passed(CheckId::Format));
    r.push(Check::passed(CheckId::Structure));
    // Required since the verifier landed: the key is bound to the issuer.
    r.push(Check::passed(CheckId::KeyBinding));
    // Required since the trust work: what was checked is what was signed.
    r.push(Check::passed(CheckId::SignedGraph));
    r
}

#[test]
fn all_required_passed_is_valid_and_skipped_optional_is_fine() {
    let mut r = base(CredentialFormat::OpenBadges3);
    r.push(Check::passed(CheckId::Proof).with_detail("eddsa-rdfc-2022"));
    r.push(Check::skipped(CheckId::Status, "no credentialStatus"));
    assert!(r.is_valid());
    assert_eq!(r.verdict(), Verdict::Valid);
    assert!(r.failures().is_empty());
    assert!(r.most_specific().is_none());
    assert!(r
        .to_string()
        .starts_with("Open Badges 3.0 urn:uuid:1: VALID\n"));
}

#[test]
fn skipped_or_missing_required_check_is_not_valid() {
    let mut r = base(CredentialFormat::OpenBadges3);
    assert!(!r.is_valid(), "no proof check at all");
    assert_eq!(r.unverified_required(), vec![CheckId::Proof]);
    r.push(Check::skipped(CheckId::Proof, "no proof"));
    assert!(!r.is_valid(), "skipped proof");
    let text = r.to_string();
    assert_eq!(r.verdict(), Verdict::Indeterminate);
    assert!(
        text.contains("INDETERMINATE (not verified: proof; no proof)"),
        "{text}"
    );
    assert!(text.contains("– SKIP proof: no proof"), "{text}");
}

#[test]
fn two_failures_are_both_listed_and_the_proof_is_the_headline() {
    let mut r = base(CredentialFormat::OpenBadges3);
    r.checks[2] = Check::failed(
        CheckId::Structure,
        "credentialSubject.achievement.criteria is missing",
        Some("$.credentialSubject.achievement"),
    );
    r.push(Check::failed(
        CheckId::Proof,
        "signature does not verify",
        Some("$.proof[0]"),
    ));
    assert!(!r.is_valid());
    let failures: Vec<CheckId> = r.failures().iter().map(|c| c.id).collect();
    assert_eq!(failures, vec![CheckId::Structure, CheckId::Proof]);
    assert_eq!(r.most_specific().unwrap().id, CheckId::Proof);

    let text = r.to_string();
    assert!(
        text.starts_with(
            "Open Badges 3.0 urn:uuid:1: INVALID (proof: signature does not verify)\n"
        ),
        "{text}"
    );
    assert!(text.contains("✗ FAIL structure: credentialSubject.achievement.criteria is missing (at $.credentialSubject.achievement)"), "{text}");
    assert!(
        text.contains("✗ FAIL proof: signature does not verify (at $.proof[0])"),
        "{text}"
    );
    assert!(text.contains("✓ PASS json-well-formed"), "{text}");
    assert_eq!(text.lines().count(), 1 + r.checks.len());
}

#[test]
fn malformed_json_trumps_everything() {
    let mut r = VerificationReport::new(CredentialFormat::Unknown);
    r.push(Check::failed(CheckId::Structure, "missing type", None));
    r.push(Check::failed(CheckId::Proof, "no proof", None));
    r.push(Check::failed(
        CheckId::JsonWellFormed,
        "malformed JSON at line 1, column 3",
        None,
    ));
    assert_eq!(r.most_specific().unwrap().id, CheckId::JsonWellFormed);
}

#[test]
fn ranking_order_and_ties() {
    // Key binding beats expiry, expiry beats structure.
    let mut r = base(CredentialFormat::OpenBadges3);
    r.push(Check::passed(CheckId::Proof));
    r.push(Check::failed(
        CheckId::ContextOrder,
        "VC v2 context not first",
        Some("$['@context'][0]"),
    ));
    r.push(Check::failed(
        CheckId::Expired,
        "validUntil 2020-01-01T00:00:00Z is past",
        Some("$.validUntil"),
    ));
    assert_eq!(r.most_specific().unwrap().id, CheckId::Expired);
    r.push(Check::failed(
        CheckId::KeyBinding,
        "key not in issuer's DID document",
        None,
    ));
    assert_eq!(r.most_specific().unwrap().id, CheckId::KeyBinding);
    // Equal rank: the first in report order wins.
    r.push(Check::failed(CheckId::KeyBinding, "second", None));
    assert_eq!(
        r.most_specific().unwrap().outcome,
        Outcome::Failed {
            reason: "key not in issuer's DID document".into(),
            json_path: None
        }
    );
    assert!(CheckId::Proof.rank() < CheckId::Structure.rank());
    assert!(CheckId::JsonWellFormed.rank() < CheckId::Proof.rank());
}

#[test]
fn failures_inside_children_count() {
    let mut r = base(CredentialFormat::OpenBadges3);
    r.push(Check::passed(CheckId::Proof).with_children(vec![
        Check::passed(CheckId::Proof).with_detail("proof 1"),
        Check::failed(
            CheckId::ProofPurpose,
            "proofPurpose is authentication",
            Some("$.proof[1].proofPurpose"),
        ),
    ]));
    assert!(!r.is_valid());
    assert_eq!(r.most_specific().unwrap().id, CheckId::ProofPurpose);
    let text = r.to_string();
    assert!(
        text.contains("\n    ✗ FAIL proof-purpose"),
        "children are indented: {text}"
    );
}

#[test]
fn serde_round_trip_and_stable_names() {
    let mut r = base(CredentialFormat::OpenBadges2Hosted);
    r.push(Check::failed(
        CheckId::RecipientMatch,
        "hashed email does not match",
        Some("$.recipient.identity"),
    ));
    r.push(Check::skipped(
        CheckId::RefreshService,
        "follow_refresh is off",
    ));
    let mut endorsement = base(CredentialFormat::OpenBadges3);
    endorsement.push(Check::passed(CheckId::Proof));
    r.push_endorsement(endorsement);

    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["format"], json!("ob2-hosted"));
    assert_eq!(
        v["checks"][0],
        json!({"check": "json-well-formed", "result": "passed"})
    );
    assert_eq!(
        v["checks"][5],
        json!({"check": "recipient-match", "result": "failed",
               "reason": "hashed email does not match", "json_path": "$.recipient.identity"})
    );
    assert_eq!(
        v["checks"][6],
        json!({"check": "refresh-service", "result": "skipped", "reason": "follow_refresh is off"})
    );
    assert_eq!(v["endorsements"][0]["format"], json!("ob3"));

    let back: VerificationReport = serde_json::from_value(v).unwrap();
    assert_eq!(back, r);

    let text = r.to_string();
    assert!(
        text.contains("  endorsement 1:\n    Open Badges 3.0 urn:uuid:1: VALID"),
        "{text}"
    );
    assert!(!r.is_valid());
    assert!(
        back.endorsements[0].is_valid(),
        "endorsement validity is separate"
    );
}

#[test]
fn check_id_names_are_kebab_case_and_displayed() {
    for id in CheckId::ALL {
        let name = id.to_string();
        assert!(!name.is_empty());
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{name}"
        );
        assert_eq!(serde_json::to_value(id).unwrap(), json!(name));
    }
    assert_eq!(CheckId::JsonWellFormed.to_string(), "json-well-formed");
    assert!(CheckId::Proof.is_required());
    assert!(!CheckId::Status.is_required());
}

#[test]
fn verify_error_is_separate_from_a_report() {
    let e: VerifyError = std::io::Error::new(std::io::ErrorKind::NotFound, "badge.png").into();
    assert!(matches!(e, VerifyError::Io { .. }));
    assert!(e.to_string().contains("badge.png"));
    let crate_err: openbadges::Error = e.into();
    assert!(matches!(crate_err.kind(), openbadges::ErrorKind::Verify(_)));
}

#[test]
fn an_indeterminate_check_makes_the_verdict_indeterminate_and_a_failure_beats_it() {
    let mut r = base(CredentialFormat::OpenBadges3);
    r.push(Check::passed(CheckId::Proof));
    r.push(Check::indeterminate(
        CheckId::Status,
        "no fetcher configured for https://example.edu/status/1",
    ));
    assert_eq!(r.verdict(), Verdict::Indeterminate);
    assert!(!r.is_valid());
    assert_eq!(r.unverified_required(), vec![CheckId::Status]);
    let text = r.to_string();
    assert!(
        text.contains(": INDETERMINATE (not verified: status; no fetcher"),
        "{text}"
    );
    assert!(text.contains("? INDETERMINATE status:"), "{text}");
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["checks"][6]["result"], json!("indeterminate"));
    r.push(Check::failed(
        CheckId::Expired,
        "expired",
        Some("$.validUntil"),
    ));
    assert_eq!(r.verdict(), Verdict::Invalid);
}
