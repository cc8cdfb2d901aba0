//! What VALID means: the attacks of issue #7, each tried against the
//! verifier with the credential's original signature untouched, and each
//! ending Invalid or Indeterminate on a named check. The honest cases keep
//! their verdicts.
//!
//! The credentials and lists are signed here with two fixed keys (seeds
//! 00..1f, the interop key, and a stranger's 0x42…); the attacks rewrite the
//! signed JSON in ways JSON-LD 1.1 leaves the signed graph unchanged (so the
//! proof still verifies — each test asserts that), or substitute documents
//! the fetcher serves.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::Arc;

use openbadges::canon::profile::Feature;
use openbadges::canon::GenericCanonicalizer;
use openbadges::contexts::ContextLoader;
use openbadges::did::did_key_verification_method;
use openbadges::fetch::{Fetched, MapFetcher};
use openbadges::ids::DateTime;
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::Limits;
use openbadges::proof::{add_proof, Cryptosuite, ProofOptions};
use openbadges::status::{StatusList, StatusPurpose};
use openbadges::verify::{
    verify, CheckId, Evidence, Outcome, StatusPolicy, Verdict, VerificationReport, VerifyOptions,
};
use serde_json::{json, Value};

const LIST: &str = "https://issuer.example/status/1";
const INDEX: usize = 5;

fn issuer_key() -> Ed25519KeyPair {
    let mut seed = [0u8; 32];
    for (i, b) in seed.iter_mut().enumerate() {
        *b = i as u8;
    }
    Ed25519KeyPair::from_seed(&seed)
}

fn stranger_key() -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[0x42; 32])
}

fn did_of(k: &Ed25519KeyPair) -> String {
    let vm = did_key_verification_method(&k.verifying_key());
    vm.split_once('#').unwrap().0.to_owned()
}

fn canon() -> GenericCanonicalizer {
    GenericCanonicalizer::new(ContextLoader::default(), Limits::DEFAULT)
}

fn sign_as(doc: &Value, k: &Ed25519KeyPair, created: &str) -> Value {
    let opts = ProofOptions::new(
        Cryptosuite::EddsaRdfc2022,
        did_key_verification_method(&k.verifying_key()),
        DateTime::new(created).unwrap(),
    );
    add_proof(doc, &opts, k, &canon()).unwrap()
}

fn sign(doc: &Value) -> Value {
    sign_as(doc, &issuer_key(), "2026-01-01T00:00:00Z")
}

fn now() -> chrono::DateTime<chrono::Utc> {
    "2026-06-01T00:00:00Z".parse().unwrap()
}

fn credential(extra: Value) -> Value {
    let mut c = json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": "urn:uuid:7e5b0000-0000-4000-8000-0000000000aa",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Trust Badge",
        "issuer": {"id": did_of(&issuer_key()), "type": ["Profile"], "name": "Issuer"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner-1",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:7e5b0000-0000-4000-8000-00000000a0aa",
                "type": ["Achievement"],
                "name": "Trust",
                "description": "For trust tests.",
                "criteria": {"narrative": "Be trusted."}
            }
        }
    });
    for (k, v) in extra.as_object().unwrap() {
        c[k] = v.clone();
    }
    c
}

fn entry(purpose: &str) -> Value {
    json!({
        "id": format!("{LIST}#{INDEX}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": INDEX.to_string(),
        "statusListCredential": LIST
    })
}

/// A signed BitstringStatusList credential; `set` revokes [`INDEX`].
fn list(purpose: StatusPurpose, set: bool, id: &str, by: &Ed25519KeyPair, extra: Value) -> Value {
    let mut l = StatusList::new(purpose.clone());
    for _ in 0..=INDEX {
        l.allocate().unwrap();
    }
    if set {
        match purpose {
            StatusPurpose::Revocation => l.revoke(INDEX).unwrap(),
            _ => l.suspend(INDEX).unwrap(),
        }
    }
    let mut doc = l
        .to_credential_json(id, &did_of(by), "2026-01-01T00:00:00Z")
        .unwrap();
    for (k, v) in extra.as_object().unwrap() {
        doc[k] = v.clone();
    }
    sign_as(&doc, by, "2026-01-01T00:00:00Z")
}

fn serve(list: &Value) -> VerifyOptions {
    VerifyOptions::at(now()).fetcher(Arc::new(
        MapFetcher::new().with(LIST, Fetched::ok(serde_json::to_vec(list).unwrap())),
    ))
}

fn run(doc: &Value, opts: &VerifyOptions) -> VerificationReport {
    verify(&serde_json::to_vec(doc).unwrap(), opts).unwrap()
}

fn outcome(r: &VerificationReport, id: CheckId) -> &Outcome {
    &r.check(id)
        .unwrap_or_else(|| panic!("no {id} in {r}"))
        .outcome
}

/// Invalid, with `id` failed and its reason containing `needle`.
fn assert_invalid_on(r: &VerificationReport, id: CheckId, needle: &str) {
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    let o = outcome(r, id);
    assert!(o.is_failed(), "{id} should fail: {r}");
    assert!(
        o.reason().unwrap_or_default().contains(needle),
        "{id}: {:?} lacks {needle:?}\n{r}",
        o.reason()
    );
}

/// The typed evidence of check `id` (tests match variants, not strings).
fn evidence(r: &VerificationReport, id: CheckId) -> Evidence {
    r.check(id)
        .and_then(|c| c.evidence())
        .cloned()
        .unwrap_or_else(|| panic!("no evidence on {id}: {r}"))
}

fn revoked() -> Value {
    sign(&credential(
        json!({"credentialStatus": entry("revocation")}),
    ))
}

// ---- status lists -------------------------------------------------------

#[test]
fn the_honest_list_decides_revoked_and_clear() {
    let l = list(
        StatusPurpose::Revocation,
        true,
        LIST,
        &issuer_key(),
        json!({}),
    );
    let r = run(&revoked(), &serve(&l));
    assert_invalid_on(&r, CheckId::Status, "revoked");
    assert_eq!(
        evidence(&r, CheckId::Status),
        Evidence::StatusSet {
            method: "BitstringStatusListEntry".into(),
            purpose: "revocation".into(),
            index: Some(INDEX as u64),
            list: LIST.into()
        }
    );
    let json = serde_json::to_value(&r).unwrap();
    let status = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "status")
        .unwrap();
    assert_eq!(
        status["evidence"]["code"], "status-set",
        "a stable code in JSON"
    );
    let clear = list(
        StatusPurpose::Revocation,
        false,
        LIST,
        &issuer_key(),
        json!({}),
    );
    let r = run(&revoked(), &serve(&clear));
    assert_eq!(r.verdict(), Verdict::Valid, "{r}");
}

#[test]
fn a_list_by_another_issuer_does_not_clear_a_revoked_credential() {
    let forged = list(
        StatusPurpose::Revocation,
        false,
        LIST,
        &stranger_key(),
        json!({}),
    );
    let r = run(&revoked(), &serve(&forged));
    assert_invalid_on(&r, CheckId::Status, "not by the credential's issuer");
    assert_eq!(
        evidence(&r, CheckId::Status),
        Evidence::StatusListNotIssuers {
            list: LIST.into(),
            list_issuer: did_of(&stranger_key()),
            issuer: did_of(&issuer_key())
        }
    );
    // Unless the caller explicitly trusts that issuer as a delegate.
    let opts = serve(&forged).status_list_delegate(did_of(&issuer_key()), did_of(&stranger_key()));
    assert_eq!(run(&revoked(), &opts).verdict(), Verdict::Valid);
}

#[test]
fn a_list_with_another_id_is_not_the_list_named() {
    let other = list(
        StatusPurpose::Revocation,
        false,
        "https://issuer.example/status/other",
        &issuer_key(),
        json!({}),
    );
    let r = run(&revoked(), &serve(&other));
    assert_invalid_on(&r, CheckId::Status, "not the statusListCredential URL");
    assert_eq!(
        evidence(&r, CheckId::Status),
        Evidence::StatusListWrongId {
            list: LIST.into(),
            found: Some("https://issuer.example/status/other".into())
        }
    );
}

#[test]
fn a_list_for_another_purpose_is_refused() {
    let suspension = list(
        StatusPurpose::Suspension,
        false,
        LIST,
        &issuer_key(),
        json!({}),
    );
    let r = run(&revoked(), &serve(&suspension));
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    assert!(outcome(&r, CheckId::Status).is_failed(), "{r}");
}

#[test]
fn an_expired_list_is_refused() {
    let expired = list(
        StatusPurpose::Revocation,
        false,
        LIST,
        &issuer_key(),
        json!({"validUntil": "2026-03-01T00:00:00Z"}),
    );
    let r = run(&revoked(), &serve(&expired));
    assert_invalid_on(&r, CheckId::Status, "does not verify (expired");
    assert!(matches!(
        evidence(&r, CheckId::Status),
        Evidence::StatusListInvalid {
            check: CheckId::Expired,
            ..
        }
    ));
}

#[test]
fn an_unsigned_list_is_refused() {
    let mut unsigned = list(
        StatusPurpose::Revocation,
        false,
        LIST,
        &issuer_key(),
        json!({}),
    );
    unsigned.as_object_mut().unwrap().shift_remove("proof");
    let r = run(&revoked(), &serve(&unsigned));
    assert_invalid_on(&r, CheckId::Status, "does not verify (proof");
    assert!(matches!(
        evidence(&r, CheckId::Status),
        Evidence::StatusListInvalid {
            check: CheckId::Proof,
            ..
        }
    ));
}

#[test]
fn no_fetcher_or_a_failed_fetch_is_indeterminate_not_valid() {
    let r = run(&revoked(), &VerifyOptions::at(now()));
    assert_eq!(r.verdict(), Verdict::Indeterminate, "{r}");
    assert!(outcome(&r, CheckId::Status).is_indeterminate());
    assert!(matches!(
        evidence(&r, CheckId::Status),
        Evidence::StatusNotChecked { list: Some(l), .. } if l == LIST
    ));
    for response in [Fetched::status_only(500), Fetched::status_only(404)] {
        let opts =
            VerifyOptions::at(now()).fetcher(Arc::new(MapFetcher::new().with(LIST, response)));
        let r = run(&revoked(), &opts);
        assert_eq!(r.verdict(), Verdict::Indeterminate, "{r}");
    }
    let opts = VerifyOptions::at(now()).fetcher(Arc::new(MapFetcher::new()));
    assert_eq!(run(&revoked(), &opts).verdict(), Verdict::Indeterminate);
    // The named opt-out.
    let r = run(
        &revoked(),
        &VerifyOptions::at(now()).status(StatusPolicy::Ignore),
    );
    assert_eq!(r.verdict(), Verdict::Valid, "{r}");
    assert!(outcome(&r, CheckId::Status).is_skipped());
}

// ---- the JSON people read is the graph that was signed -------------------

/// Moves `key` of the signed credential into `wrap(value)` at the top level;
/// the proof must still verify (the graph is unchanged).
fn moved(signed: &Value, key: &str, wrap: impl Fn(Value) -> (String, Value)) -> Value {
    let mut doc = signed.clone();
    let v = doc.as_object_mut().unwrap().shift_remove(key).unwrap();
    let (k, w) = wrap(v);
    doc[k] = w;
    doc
}

fn assert_refused_but_signed(doc: &Value, feature: Feature) -> VerificationReport {
    let r = run(doc, &VerifyOptions::at(now()).status(StatusPolicy::Ignore));
    assert!(
        outcome(&r, CheckId::Proof).is_passed(),
        "the rewrite must leave the signed graph alone: {r}"
    );
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    let o = outcome(&r, CheckId::SignedGraph);
    assert!(o.is_failed(), "{r}");
    assert!(
        o.reason().unwrap().contains(&feature.to_string()),
        "{feature}: {r}"
    );
    assert_eq!(r.most_specific().unwrap().id, CheckId::SignedGraph, "{r}");
    assert_eq!(
        evidence(&r, CheckId::SignedGraph),
        Evidence::OutsideProfile {
            feature: feature.to_string()
        }
    );
    r
}

fn expired_credential() -> Value {
    sign(&credential(json!({"validUntil": "2026-02-01T00:00:00Z"})))
}

#[test]
fn the_plain_expired_credential_is_invalid_on_expired() {
    let r = run(&expired_credential(), &VerifyOptions::at(now()));
    assert_invalid_on(&r, CheckId::Expired, "expired");
    assert_eq!(
        evidence(&r, CheckId::Expired),
        Evidence::Expired {
            valid_until: "2026-02-01T00:00:00Z".into(),
            now: now().to_rfc3339()
        }
    );
}

#[test]
fn nest_hides_valid_until_valid_from_and_status() {
    let nest = |v: Value, key: &str| ("@nest".to_owned(), json!({ key: v }));
    let d = moved(&expired_credential(), "validUntil", |v| {
        nest(v, "validUntil")
    });
    assert_refused_but_signed(&d, Feature::Keyword("@nest".into()));
    let future = sign(&credential(json!({"validFrom": "2027-01-01T00:00:00Z"})));
    let d = moved(&future, "validFrom", |v| nest(v, "validFrom"));
    assert_refused_but_signed(&d, Feature::Keyword("@nest".into()));
    let d = moved(&revoked(), "credentialStatus", |v| {
        nest(v, "credentialStatus")
    });
    assert_refused_but_signed(&d, Feature::Keyword("@nest".into()));
    // Nested @nest.
    let d = moved(&expired_credential(), "validUntil", |v| {
        ("@nest".to_owned(), json!({"@nest": {"validUntil": v}}))
    });
    assert_refused_but_signed(&d, Feature::Keyword("@nest".into()));
}

#[test]
fn an_inline_alias_of_nest_is_refused() {
    let mut d = moved(&expired_credential(), "validUntil", |v| {
        ("hide".to_owned(), json!({ "validUntil": v }))
    });
    d["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!({"hide": "@nest"}));
    assert_refused_but_signed(
        &d,
        Feature::KeywordAlias {
            term: "hide".into(),
            keyword: "@nest".into(),
        },
    );
}

#[test]
fn included_node_with_the_credential_id_is_refused() {
    let signed = expired_credential();
    let id = signed["id"].clone();
    let d = moved(&signed, "validUntil", |v| {
        // The type brings VerifiableCredential's scoped context (where
        // validUntil is defined); rdf:type is a set, so the graph is unchanged.
        (
            "@included".to_owned(),
            json!([{"id": id, "type": "VerifiableCredential", "validUntil": v}]),
        )
    });
    assert_refused_but_signed(&d, Feature::Keyword("@included".into()));
}

#[test]
fn index_text_rides_along_unsigned_and_is_refused() {
    let mut d = sign(&credential(json!({})));
    d["credentialSubject"]["@index"] = json!("Awarded with distinction (not signed)");
    assert_refused_but_signed(&d, Feature::Keyword("@index".into()));
}

#[test]
fn graph_and_reverse_in_the_body_are_refused() {
    let mut d = sign(&credential(json!({})));
    d["credentialSubject"]["@reverse"] = json!({});
    let r = run(&d, &VerifyOptions::at(now()));
    assert!(outcome(&r, CheckId::SignedGraph).is_failed(), "{r}");
    let mut d = sign(&credential(json!({})));
    d["credentialSubject"]["achievement"]["@graph"] = json!([]);
    let r = run(&d, &VerifyOptions::at(now()));
    assert!(outcome(&r, CheckId::SignedGraph).is_failed(), "{r}");
}

#[test]
fn an_iri_key_beside_the_term_is_refused() {
    // The expanded IRI as a key: in the graph as validUntil, invisible by name.
    let d = moved(&expired_credential(), "validUntil", |v| {
        (
            "https://www.w3.org/2018/credentials#validUntil".to_owned(),
            json!({"@value": v, "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}),
        )
    });
    let r = run(&d, &VerifyOptions::at(now()));
    assert!(outcome(&r, CheckId::Proof).is_passed(), "{r}");
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    assert!(outcome(&r, CheckId::SignedGraph).is_failed(), "{r}");
}

#[test]
fn a_new_name_for_a_pinned_iri_is_refused() {
    let mut d = moved(&expired_credential(), "validUntil", |v| {
        ("until".to_owned(), v)
    });
    d["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!({"until": {"@id": "https://www.w3.org/2018/credentials#validUntil", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}}));
    let r = run(&d, &VerifyOptions::at(now()));
    assert!(outcome(&r, CheckId::Proof).is_passed(), "{r}");
    assert!(outcome(&r, CheckId::SignedGraph).is_failed(), "{r}");
    assert_eq!(r.verdict(), Verdict::Invalid);
}

// ---- parse-time refusals -------------------------------------------------

#[test]
fn duplicate_member_names_are_refused_at_parse_time_with_the_path() {
    let signed = serde_json::to_string(&sign(&credential(json!({})))).unwrap();
    let forged = signed.replacen(
        "\"name\":\"Trust Badge\"",
        "\"name\":\"Principal of the Year\",\"name\":\"Trust Badge\"",
        1,
    );
    assert_ne!(forged, signed);
    let r = verify(forged.as_bytes(), &VerifyOptions::at(now())).unwrap();
    assert_invalid_on(
        &r,
        CheckId::JsonWellFormed,
        "duplicate member name \"name\" at $.name",
    );
    assert_eq!(
        evidence(&r, CheckId::JsonWellFormed),
        Evidence::DuplicateMember {
            name: "name".into()
        }
    );
    let forged = signed.replacen("\"proof\":{", "\"proof\":{\"proofValue\":\"z1\",", 1);
    let r = verify(forged.as_bytes(), &VerifyOptions::at(now())).unwrap();
    assert_invalid_on(&r, CheckId::JsonWellFormed, "$.proof.proofValue");
}

#[test]
fn a_number_shown_other_than_signed_is_refused() {
    let mut c = credential(json!({}));
    c["credentialSubject"]["achievement"]["creditsAvailable"] = json!(5);
    let signed = serde_json::to_string(&sign(&c)).unwrap();
    assert_eq!(
        verify(signed.as_bytes(), &VerifyOptions::at(now()))
            .unwrap()
            .verdict(),
        Verdict::Valid
    );
    let shown = signed.replacen(
        "\"creditsAvailable\":5",
        "\"creditsAvailable\":4.9999999999999999999",
        1,
    );
    assert_ne!(shown, signed);
    let r = verify(shown.as_bytes(), &VerifyOptions::at(now())).unwrap();
    assert_invalid_on(
        &r,
        CheckId::JsonWellFormed,
        "$.credentialSubject.achievement.creditsAvailable",
    );
    assert!(matches!(
        evidence(&r, CheckId::JsonWellFormed),
        Evidence::InexactNumber { text, .. } if text == "4.9999999999999999999"
    ));
    // 5.0 is the same number, written differently: fine.
    let same = signed.replacen("\"creditsAvailable\":5", "\"creditsAvailable\":5.0", 1);
    let r = verify(same.as_bytes(), &VerifyOptions::at(now())).unwrap();
    assert_eq!(r.verdict(), Verdict::Valid, "{r}");
}

// ---- dates -----------------------------------------------------------------

#[test]
fn a_proof_created_in_the_future_fails_the_proof_check() {
    let d = sign_as(
        &credential(json!({})),
        &issuer_key(),
        "2029-01-01T00:00:00Z",
    );
    let r = run(&d, &VerifyOptions::at(now()));
    assert_invalid_on(
        &r,
        CheckId::Proof,
        "created 2029-01-01T00:00:00Z, after now",
    );
    assert_eq!(
        evidence(&r, CheckId::Proof),
        Evidence::Proof {
            failure: "created-in-future".into(),
            index: Some(0)
        }
    );
    // Within the clock skew it is fine.
    let d = sign_as(
        &credential(json!({})),
        &issuer_key(),
        "2026-06-01T00:04:00Z",
    );
    assert_eq!(run(&d, &VerifyOptions::at(now())).verdict(), Verdict::Valid);
}

#[test]
fn vc2_dates_need_an_offset_and_vc11_dates_are_all_checked() {
    let d = sign(&credential(json!({"validUntil": "2030-01-01T00:00:00"})));
    let r = run(&d, &VerifyOptions::at(now()));
    assert_invalid_on(&r, CheckId::Expired, "without a time-zone offset");
    assert!(matches!(
        evidence(&r, CheckId::Expired),
        Evidence::BadDate { value, .. } if value == "2030-01-01T00:00:00"
    ));
    // VC 1.1 names beside VC 2.0 names: both are checked (the date checks run
    // whatever the proof says, so an unsigned document shows it).
    let mut d = credential(json!({
        "validUntil": "2030-01-01T00:00:00Z",
        "expirationDate": "2026-02-01T00:00:00Z"
    }));
    d["@context"][0] = json!("https://www.w3.org/2018/credentials/v1");
    let r = run(&d, &VerifyOptions::at(now()));
    assert_invalid_on(&r, CheckId::Expired, "$.expirationDate");
    let o = outcome(&r, CheckId::Expired);
    assert_eq!(
        r.check(CheckId::Expired).unwrap().children.len(),
        2,
        "{o:?}"
    );
}
