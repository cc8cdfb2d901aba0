//! Found by `tests/no_panic_replay.rs` (target `canon_generic`, soak run): an
//! IRI whose percent-escapes do not decode to UTF-8 (`http://e/%ff`, legal in
//! RFC 3987) makes the JSON-LD processor panic: pct-str 2.0.0 unwraps the
//! UTF-8 decoding when iref hashes the IRI during expansion
//! (`pct_str::Chars::next`, "PctStr guarantees a valid byte sequence").
//! `GenericCanonicalizer` runs JSON-LD processing on a thread of its own and
//! turns its panic into `CanonError::Rdf`; verification reports it as a
//! canonicalization failure instead of unwinding through the caller.

use openbadges::canon::{CanonError, Canonicalizer, GenericCanonicalizer};
use openbadges::contexts::ContextLoader;
use openbadges::limits::Limits;
use openbadges::proof::{verify_proofs, DidKeyResolver, ProofFailure, ProofVerifyOptions};
use serde_json::{json, Value};

fn canon() -> GenericCanonicalizer {
    GenericCanonicalizer::new(ContextLoader::default(), Limits::default())
}

fn assert_contained(result: Result<String, CanonError>) {
    match result {
        Err(CanonError::Rdf { reason }) => assert!(reason.contains("panicked"), "{reason}"),
        other => panic!("expected the contained JSON-LD panic, got {other:?}"),
    }
}

#[test]
fn found_input_is_an_error_not_a_panic() {
    // The minimal form of what the fuzzer found, in each IRI position.
    for doc in [
        r#"{"@context":{"@vocab":"http://e/"},"@id":"http://e/%ff","p":"x"}"#,
        r#"{"@context":{"@vocab":"http://e/"},"p":{"@id":"http://e/a%ffb"}}"#,
        r#"{"@context":{"@vocab":"http://e/%ff/"},"p":"x"}"#,
        r#"{"@context":{"@vocab":"http://e/"},"@type":"http://e/%C3","p":"x"}"#,
    ] {
        let v: Value = serde_json::from_str(doc).unwrap();
        assert_contained(canon().canonicalize(&v));
    }
}

#[test]
fn a_credential_id_with_such_an_escape_fails_verification_cleanly() {
    let doc = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "https://example.com/credentials/%ff",
        "type": ["VerifiableCredential"],
        "issuer": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "credentialSubject": {"id": "did:example:alice"},
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2026-01-01T00:00:00Z",
            "verificationMethod": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "proofPurpose": "assertionMethod",
            "proofValue": "z5C5b1uzYUPJ8dQ8vv1x4jnGrUB2Fu2Gy4XmLHHmF9bnXzGRaQ9WUbrsgRXJG1JAQ8pUg1aMBkCd58qK5jYsTVYWi"
        }
    });
    let report = verify_proofs(
        &doc,
        &canon(),
        &DidKeyResolver,
        &ProofVerifyOptions::default(),
    );
    assert!(!report.is_verified());
    let outcome = &report.proofs[0].outcome;
    assert!(
        matches!(outcome, Err(ProofFailure::Canonicalization(CanonError::Rdf { reason })) if reason.contains("panicked")),
        "{outcome:?}"
    );
}

#[test]
fn valid_percent_escapes_still_canonicalize() {
    let v = json!({"@context": {"@vocab": "http://e/"}, "@id": "http://e/caf%C3%A9", "p": "x"});
    let out = canon().canonicalize(&v).unwrap();
    assert_eq!(out, "<http://e/caf%C3%A9> <http://e/p> \"x\" .\n");
}
