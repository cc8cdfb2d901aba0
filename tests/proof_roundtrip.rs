#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Sign-then-verify tests that need nothing from ../shared: a stand-in
//! canonicalizer, proof sets and chains, every typed failure, remote signers,
//! and arbitrary JSON that must never panic.

use std::sync::atomic::{AtomicUsize, Ordering};

use openbadges::canon::{CanonError, Canonicalizer};
use openbadges::did::did_key_verification_method;
use openbadges::ids::DateTime;
use openbadges::keys::{Ed25519KeyPair, KeyError, Signature, Signer};
use openbadges::proof::{
    add_proof, create_proof, verify_proofs, Cryptosuite, DidKeyResolver, KeyResolveError,
    KeyResolver, ProofError, ProofFailure, ProofOptions, ProofVerifyOptions,
};
use serde_json::{json, Value};

/// A deterministic stand-in for RDFC-1.0: the JCS text of the document. It
/// changes whenever the JSON data changes, which is all these tests need.
struct StandIn;

impl Canonicalizer for StandIn {
    fn canonicalize(&self, document: &Value) -> Result<String, CanonError> {
        openbadges::canon::jcs::to_jcs_string(document).map_err(|e| CanonError::Rdf {
            reason: e.to_string(),
        })
    }
}

/// A canonicalizer that always fails.
struct Broken;

impl Canonicalizer for Broken {
    fn canonicalize(&self, _: &Value) -> Result<String, CanonError> {
        Err(CanonError::UnknownContext {
            url: "https://example.org/unknown".into(),
        })
    }
}

/// A signer whose key is "elsewhere" (a KMS/HSM stand-in) and counts calls.
struct RemoteSigner {
    key: Ed25519KeyPair,
    calls: AtomicUsize,
}

impl Signer<Signature> for RemoteSigner {
    fn try_sign(&self, msg: &[u8]) -> Result<Signature, openbadges::keys::SignatureError> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.key.try_sign(msg)
    }
}

/// A signer that is offline.
struct FailingSigner;

impl Signer<Signature> for FailingSigner {
    fn try_sign(&self, _: &[u8]) -> Result<Signature, openbadges::keys::SignatureError> {
        Err(openbadges::keys::SignatureError::new())
    }
}

fn credential() -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": "urn:uuid:2b8a7d2e-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://example.edu/issuers/1", "type": ["Profile"], "name": "Example"},
        "validFrom": "2024-01-01T00:00:00Z",
        "name": "Teamwork",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {"id": "https://example.edu/a/1", "type": ["Achievement"], "name": "Teamwork",
                            "criteria": {"narrative": "Work as a team."}, "description": "d"}
        }
    })
}

fn key(n: u8) -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[n; 32])
}

fn options(suite: Cryptosuite, k: &Ed25519KeyPair) -> ProofOptions {
    ProofOptions::new(
        suite,
        did_key_verification_method(&k.verifying_key()),
        DateTime::new("2024-01-01T00:00:00Z").unwrap(),
    )
}

fn verify(doc: &Value) -> openbadges::proof::ProofReport {
    verify_proofs(
        doc,
        &StandIn,
        &DidKeyResolver,
        &ProofVerifyOptions::default(),
    )
}

fn first_failure(doc: &Value) -> Result<(), ProofFailure> {
    let r = verify(doc);
    if let Some(f) = r.document_failure {
        return Err(f);
    }
    r.proofs[0].outcome.clone()
}

#[test]
fn sign_then_verify_both_suites() {
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        let k = key(1);
        let signed = add_proof(&credential(), &options(suite, &k), &k, &StandIn).unwrap();
        let proof = &signed["proof"];
        assert_eq!(proof["type"], "DataIntegrityProof");
        assert_eq!(proof["cryptosuite"], suite.name().unwrap());
        assert_eq!(proof["proofPurpose"], "assertionMethod");
        assert_eq!(proof["created"], "2024-01-01T00:00:00Z");
        assert!(proof["proofValue"].as_str().unwrap().starts_with('z'));
        // eddsa-jcs-2022 copies the document @context into the proof; rdfc does not.
        assert_eq!(
            proof.get("@context").is_some(),
            suite == Cryptosuite::EddsaJcs2022
        );
        let report = verify(&signed);
        assert!(report.is_verified(), "{report:?}");

        // The document changed after signing.
        let mut tampered = signed.clone();
        tampered["name"] = "Teamwork!".into();
        assert_eq!(
            first_failure(&tampered),
            Err(ProofFailure::SignatureMismatch)
        );
        // A proof option changed after signing.
        let mut tampered = signed.clone();
        tampered["proof"]["created"] = "2024-01-02T00:00:00Z".into();
        assert_eq!(
            first_failure(&tampered),
            Err(ProofFailure::SignatureMismatch)
        );
    }
}

#[test]
fn wrong_key_fails() {
    let k = key(1);
    let signed = add_proof(
        &credential(),
        &options(Cryptosuite::EddsaRdfc2022, &k),
        &k,
        &StandIn,
    )
    .unwrap();
    // The proof names key 2's did:key but was signed by key 1.
    let mut lying = signed.clone();
    lying["proof"]["verificationMethod"] =
        did_key_verification_method(&key(2).verifying_key()).into();
    let r = verify(&lying);
    assert_eq!(r.proofs[0].outcome, Err(ProofFailure::SignatureMismatch));
    // A resolver that answers with another key.
    let other = key(3).verifying_key();
    let resolver = move |_: &str| -> Result<_, KeyResolveError> { Ok(other) };
    let r = verify_proofs(&signed, &StandIn, &resolver, &ProofVerifyOptions::default());
    assert_eq!(r.proofs[0].outcome, Err(ProofFailure::SignatureMismatch));
}

#[test]
fn signing_goes_through_any_signer() {
    let remote = RemoteSigner {
        key: key(4),
        calls: AtomicUsize::new(0),
    };
    let opts = options(Cryptosuite::EddsaRdfc2022, &remote.key);
    let signed = add_proof(&credential(), &opts, &remote, &StandIn).unwrap();
    assert_eq!(remote.calls.load(Ordering::SeqCst), 1);
    assert!(verify(&signed).is_verified());
    // As a trait object too.
    let dyn_signer: &dyn Signer<Signature> = &remote;
    let proof = create_proof(&credential(), &opts, dyn_signer, &StandIn).unwrap();
    assert_eq!(proof, signed["proof"]);
    assert!(matches!(
        create_proof(&credential(), &opts, &FailingSigner, &StandIn),
        Err(ProofError::Signing { .. })
    ));
}

#[test]
fn proof_sets_report_each_proof() {
    let (k1, k2) = (key(1), key(2));
    let doc = add_proof(
        &credential(),
        &options(Cryptosuite::EddsaRdfc2022, &k1),
        &k1,
        &StandIn,
    )
    .unwrap();
    let doc = add_proof(
        &doc,
        &options(Cryptosuite::EddsaJcs2022, &k2),
        &k2,
        &StandIn,
    )
    .unwrap();
    assert_eq!(doc["proof"].as_array().unwrap().len(), 2);
    let r = verify(&doc);
    assert!(r.is_verified(), "{r:?}");
    assert_eq!(r.proofs.len(), 2);
    assert_eq!(r.proofs[1].cryptosuite.as_deref(), Some("eddsa-jcs-2022"));

    let mut bad = doc.clone();
    let pv = bad["proof"][1]["proofValue"].as_str().unwrap().to_owned();
    bad["proof"][1]["proofValue"] = format!(
        "{}{}",
        &pv[..pv.len() - 1],
        if pv.ends_with('a') { 'b' } else { 'a' }
    )
    .into();
    let r = verify(&bad);
    assert!(!r.is_verified());
    assert!(r.proofs[0].is_verified());
    assert_eq!(r.proofs[1].index, 1);
    assert_eq!(r.proofs[1].outcome, Err(ProofFailure::SignatureMismatch));
}

#[test]
fn proof_chains_sign_previous_proofs() {
    let (k1, k2) = (key(1), key(2));
    let doc = add_proof(
        &credential(),
        &options(Cryptosuite::EddsaRdfc2022, &k1).with_id("urn:uuid:proof-1"),
        &k1,
        &StandIn,
    )
    .unwrap();
    let doc = add_proof(
        &doc,
        &options(Cryptosuite::EddsaRdfc2022, &k2)
            .with_previous_proof(vec!["urn:uuid:proof-1".into()]),
        &k2,
        &StandIn,
    )
    .unwrap();
    assert_eq!(doc["proof"][1]["previousProof"], "urn:uuid:proof-1");
    assert!(verify(&doc).is_verified());

    // Changing the first proof breaks both: its own signature and the chain.
    let mut bad = doc.clone();
    bad["proof"][0]["created"] = "2024-02-02T00:00:00Z".into();
    let r = verify(&bad);
    assert_eq!(r.proofs[0].outcome, Err(ProofFailure::SignatureMismatch));
    assert_eq!(r.proofs[1].outcome, Err(ProofFailure::SignatureMismatch));

    // Dropping the first proof: the chained one names a proof that is gone.
    let mut bad = doc.clone();
    let second = bad["proof"][1].clone();
    bad["proof"] = json!([second]);
    assert_eq!(
        first_failure(&bad),
        Err(ProofFailure::PreviousProofNotFound {
            id: "urn:uuid:proof-1".into()
        })
    );
    assert!(matches!(
        create_proof(
            &credential(),
            &options(Cryptosuite::EddsaRdfc2022, &k2).with_previous_proof(vec!["urn:x".into()]),
            &k2,
            &StandIn
        ),
        Err(ProofError::PreviousProofNotFound { .. })
    ));
}

#[test]
fn challenge_domain_purpose_expiry() {
    let k = key(5);
    let opts = options(Cryptosuite::EddsaRdfc2022, &k)
        .with_challenge("c-123")
        .with_domain("example.org")
        .with_expires(DateTime::new("2025-01-01T00:00:00Z").unwrap());
    let signed = add_proof(&credential(), &opts, &k, &StandIn).unwrap();
    let ok = ProofVerifyOptions::default()
        .with_challenge("c-123")
        .with_domain("example.org");
    assert!(verify_proofs(&signed, &StandIn, &DidKeyResolver, &ok).is_verified());

    let check = |o: ProofVerifyOptions| {
        verify_proofs(&signed, &StandIn, &DidKeyResolver, &o).proofs[0]
            .outcome
            .clone()
    };
    assert!(matches!(
        check(ProofVerifyOptions::default().with_challenge("other")),
        Err(ProofFailure::ChallengeMismatch { .. })
    ));
    assert!(matches!(
        check(ProofVerifyOptions::default().with_domain("evil.example")),
        Err(ProofFailure::DomainMismatch { .. })
    ));
    assert!(matches!(
        check(
            ProofVerifyOptions::default()
                .with_expected_proof_purpose(Some("authentication".into()))
        ),
        Err(ProofFailure::WrongProofPurpose { .. })
    ));
    let later = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .unwrap()
        .to_utc();
    assert!(matches!(
        check(ProofVerifyOptions::default().with_now(later)),
        Err(ProofFailure::Expired { .. })
    ));
    let earlier = chrono::DateTime::parse_from_rfc3339("2024-06-01T00:00:00Z")
        .unwrap()
        .to_utc();
    assert_eq!(
        check(ProofVerifyOptions::default().with_now(earlier)),
        Ok(())
    );
}

#[test]
fn rdfc_proof_context_must_match_the_document() {
    let k = key(6);
    let signed = add_proof(
        &credential(),
        &options(Cryptosuite::EddsaRdfc2022, &k),
        &k,
        &StandIn,
    )
    .unwrap();
    // A proof @context equal to (or a prefix of) the document's is accepted.
    let mut same = signed.clone();
    same["proof"]["@context"] = signed["@context"].clone();
    assert_eq!(first_failure(&same), Ok(()));
    let mut prefix = signed.clone();
    prefix["proof"]["@context"] = "https://www.w3.org/ns/credentials/v2".into();
    assert_eq!(first_failure(&prefix), Ok(()));
    // Anything else is refused.
    let mut other = signed.clone();
    other["proof"]["@context"] = json!([
        "https://www.w3.org/ns/credentials/v2",
        "https://example.org/ctx"
    ]);
    assert!(matches!(
        first_failure(&other),
        Err(ProofFailure::ContextMismatch { .. })
    ));
    // No document @context at all.
    let mut none = signed.clone();
    none.as_object_mut().unwrap().shift_remove("@context");
    assert_eq!(first_failure(&none), Err(ProofFailure::MissingContext));
    let mut no_ctx = credential();
    no_ctx.as_object_mut().unwrap().shift_remove("@context");
    assert_eq!(
        create_proof(
            &no_ctx,
            &options(Cryptosuite::EddsaRdfc2022, &k),
            &k,
            &StandIn
        ),
        Err(ProofError::MissingContext)
    );
}

#[test]
fn each_check_has_its_own_failure() {
    let k = key(7);
    let signed = add_proof(
        &credential(),
        &options(Cryptosuite::EddsaRdfc2022, &k),
        &k,
        &StandIn,
    )
    .unwrap();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut d = signed.clone();
        f(&mut d);
        first_failure(&d)
    };
    let rm = |m: &'static str| {
        move |d: &mut Value| {
            d["proof"].as_object_mut().unwrap().shift_remove(m);
        }
    };
    assert_eq!(
        with(&rm("proofValue")),
        Err(ProofFailure::MissingProofValue)
    );
    assert_eq!(
        with(&rm("type")),
        Err(ProofFailure::MissingMember { member: "type" })
    );
    assert_eq!(
        with(&rm("verificationMethod")),
        Err(ProofFailure::MissingMember {
            member: "verificationMethod"
        })
    );
    assert_eq!(
        with(&rm("proofPurpose")),
        Err(ProofFailure::MissingMember {
            member: "proofPurpose"
        })
    );
    // A DataIntegrityProof without its required cryptosuite is malformed
    // (found by the tamper matrix: "unsupported" made it skippable).
    assert_eq!(
        with(&rm("cryptosuite")),
        Err(ProofFailure::MissingMember {
            member: "cryptosuite"
        })
    );
    assert_eq!(
        with(&|d| d["proof"]["cryptosuite"] = "ecdsa-rdfc-2019".into()),
        Err(ProofFailure::UnsupportedCryptosuite {
            found: Some("ecdsa-rdfc-2019".into())
        })
    );
    assert_eq!(
        with(&|d| d["proof"]["type"] = "RsaSignature2018".into()),
        Err(ProofFailure::UnsupportedType {
            found: "RsaSignature2018".into()
        })
    );
    assert_eq!(
        with(&|d| d["proof"]["proofValue"] = json!(42)),
        Err(ProofFailure::MemberNotString {
            member: "proofValue"
        })
    );
    assert_eq!(
        with(&|d| d["proof"]["proofValue"] = "uAAAA".into()),
        Err(ProofFailure::BadProofValue(
            KeyError::UnsupportedMultibase { prefix: Some('u') }
        ))
    );
    assert!(matches!(
        with(&|d| d["proof"]["proofValue"] = "z0OOl".into()),
        Err(ProofFailure::BadProofValue(KeyError::Base58 { .. }))
    ));
    assert_eq!(
        with(&|d| d["proof"]["proofValue"] = "z2222".into()),
        Err(ProofFailure::SignatureLength { found: 3 }) // "2222" is 3 bytes
    );
    assert!(matches!(
        with(&|d| d["proof"]["proofValue"] = format!("z{}", "2".repeat(5000)).into()),
        Err(ProofFailure::SignatureLength { .. })
    ));
    assert!(matches!(
        with(&|d| d["proof"]["created"] = "yesterday".into()),
        Err(ProofFailure::InvalidDateTime {
            member: "created",
            ..
        })
    ));
    assert!(matches!(
        with(&|d| d["proof"]["verificationMethod"] = "did:key:z6MkBAD#z6MkBAD".into()),
        Err(ProofFailure::KeyResolution { .. })
    ));
    assert!(matches!(
        with(&|d| d["proof"]["verificationMethod"] = "https://example.edu/keys/1".into()),
        Err(ProofFailure::KeyResolution {
            source: KeyResolveError::Did(_),
            ..
        })
    ));
    assert_eq!(
        with(&|d| d["proof"] = json!("text")),
        Err(ProofFailure::ProofNotObject)
    );
    assert_eq!(
        with(&|d| d["proof"] = json!([])),
        Err(ProofFailure::NoProof)
    );
    assert_eq!(
        with(&|d| d["proof"] = Value::Null),
        Err(ProofFailure::NoProof)
    );
    assert_eq!(
        verify(&json!([signed.clone()])).document_failure,
        Some(ProofFailure::DocumentNotObject)
    );
    let r = verify_proofs(
        &signed,
        &Broken,
        &DidKeyResolver,
        &ProofVerifyOptions::default(),
    );
    assert!(matches!(
        r.proofs[0].outcome,
        Err(ProofFailure::Canonicalization(
            CanonError::UnknownContext { .. }
        ))
    ));
    // Messages say what failed.
    let msg = ProofFailure::MissingMember {
        member: "verificationMethod",
    }
    .to_string();
    assert!(msg.contains("verificationMethod"), "{msg}");
}

#[test]
fn ed25519_signature_2020_is_verify_only() {
    let k = key(8);
    assert_eq!(
        create_proof(
            &credential(),
            &options(Cryptosuite::Ed25519Signature2020, &k),
            &k,
            &StandIn
        ),
        Err(ProofError::CreateUnsupported {
            suite: Cryptosuite::Ed25519Signature2020
        })
    );
    assert!(matches!(
        create_proof(
            &json!("x"),
            &options(Cryptosuite::EddsaJcs2022, &k),
            &k,
            &StandIn
        ),
        Err(ProofError::DocumentNotObject)
    ));
}

#[test]
fn did_key_resolver_refuses_other_methods() {
    assert!(matches!(
        DidKeyResolver.resolve("did:web:example.com#key-1"),
        Err(KeyResolveError::Did(
            openbadges::did::DidError::WrongMethod { .. }
        ))
    ));
}

/// A small deterministic PRNG (xorshift) so the fuzz-style test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_json(rng: &mut Rng, depth: u32) -> Value {
    let choice = if depth == 0 {
        rng.below(5)
    } else {
        rng.below(7)
    };
    match choice {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64),
        3 => json!(
            f64::from_bits(rng.next() & 0x7fef_ffff_ffff_ffff)
                * if rng.below(2) == 0 { 1.0 } else { -1.0 }
        ),
        4 => {
            let words = [
                "",
                "z",
                "proof",
                "@context",
                "did:key:z6Mk",
                "z6Mk\u{0}",
                "\u{1F600}",
                "DataIntegrityProof",
                "eddsa-rdfc-2022",
                "eddsa-jcs-2022",
                "Ed25519Signature2020",
                "zzzz",
            ];
            json!(words[rng.below(words.len() as u64) as usize])
        }
        5 => Value::Array(
            (0..rng.below(4))
                .map(|_| random_json(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let keys = [
                "type",
                "proof",
                "@context",
                "proofValue",
                "cryptosuite",
                "verificationMethod",
                "proofPurpose",
                "created",
                "previousProof",
                "id",
                "domain",
                "challenge",
                "expires",
            ];
            let mut m = serde_json::Map::new();
            for _ in 0..rng.below(6) {
                m.insert(
                    keys[rng.below(keys.len() as u64) as usize].to_owned(),
                    random_json(rng, depth - 1),
                );
            }
            Value::Object(m)
        }
    }
}

#[test]
fn arbitrary_json_never_panics_and_never_verifies() {
    let k = key(9);
    let signed = add_proof(
        &credential(),
        &options(Cryptosuite::EddsaJcs2022, &k),
        &k,
        &StandIn,
    )
    .unwrap();
    let members = [
        "type",
        "cryptosuite",
        "created",
        "verificationMethod",
        "proofPurpose",
        "proofValue",
        "@context",
        "previousProof",
        "id",
        "expires",
        "domain",
        "challenge",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let opts = ProofVerifyOptions::default()
        .with_challenge("c")
        .with_domain("d")
        .with_now(chrono::Utc::now());
    for i in 0..1500 {
        let doc = match i % 3 {
            0 => random_json(&mut rng, 5),
            1 => {
                let mut d = signed.clone();
                d["proof"] = random_json(&mut rng, 4);
                d
            }
            _ => {
                let mut d = signed.clone();
                let m = members[rng.below(members.len() as u64) as usize];
                d["proof"][m] = random_json(&mut rng, 3);
                d
            }
        };
        for canon in [&StandIn as &dyn Canonicalizer, &Broken] {
            let r = verify_proofs(&doc, canon, &DidKeyResolver, &ProofVerifyOptions::default());
            let _ = format!("{r:?}");
            for p in &r.proofs {
                if let Err(e) = &p.outcome {
                    let _ = e.to_string();
                }
            }
            // With a challenge and domain the signed proof never carried, nothing verifies.
            assert!(!verify_proofs(&doc, canon, &DidKeyResolver, &opts).is_verified());
        }
    }
    // Deeply nested documents are fine too.
    let mut deep = json!("leaf");
    for _ in 0..120 {
        deep = json!({ "a": [deep] });
    }
    let mut d = signed.clone();
    d["credentialSubject"]["deep"] = deep;
    assert_eq!(first_failure(&d), Err(ProofFailure::SignatureMismatch));
}

struct OneDoc {
    url: &'static str,
    body: Vec<u8>,
}

impl openbadges::fetch::Fetcher for OneDoc {
    fn fetch(
        &self,
        url: &str,
        _max: usize,
    ) -> Result<openbadges::fetch::Fetched, openbadges::fetch::FetchError> {
        if url == self.url {
            Ok(openbadges::fetch::Fetched::ok(self.body.clone()))
        } else {
            Err(openbadges::fetch::FetchError::NotFound {
                url: url.to_owned(),
            })
        }
    }
}

#[test]
fn did_web_issuer_verifies_through_a_fetcher() {
    let k = key(10);
    let did = "did:web:issuer.example";
    let vm = format!("{did}#key-1");
    let did_doc = json!({
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": did,
        "verificationMethod": [{"id": vm, "type": "Multikey", "controller": did,
                                "publicKeyMultibase": k.public_multikey()}],
        "assertionMethod": [vm]
    });
    let fetcher = OneDoc {
        url: "https://issuer.example/.well-known/did.json",
        body: serde_json::to_vec(&did_doc).unwrap(),
    };
    let opts = ProofOptions::new(
        Cryptosuite::EddsaRdfc2022,
        vm.as_str(),
        DateTime::new("2024-01-01T00:00:00Z").unwrap(),
    );
    let signed = add_proof(&credential(), &opts, &k, &StandIn).unwrap();
    let resolver = openbadges::proof::DidResolver::new(&fetcher, Default::default());
    let r = verify_proofs(&signed, &StandIn, &resolver, &ProofVerifyOptions::default());
    assert!(r.is_verified(), "{r:?}");
    // did:key still works through the same resolver.
    let signed_key = add_proof(
        &credential(),
        &options(Cryptosuite::EddsaJcs2022, &k),
        &k,
        &StandIn,
    )
    .unwrap();
    assert!(verify_proofs(
        &signed_key,
        &StandIn,
        &resolver,
        &ProofVerifyOptions::default()
    )
    .is_verified());
    // Offline, the did:web key cannot be found.
    let offline = openbadges::fetch::OfflineFetcher;
    let resolver = openbadges::proof::DidResolver::new(&offline, Default::default());
    let r = verify_proofs(&signed, &StandIn, &resolver, &ProofVerifyOptions::default());
    assert!(matches!(
        r.proofs[0].outcome,
        Err(ProofFailure::KeyResolution {
            source: KeyResolveError::Did(_),
            ..
        })
    ));
    // A bare date is not an xsd:dateTime for `created`.
    let mut bad = signed_key.clone();
    bad["proof"]["created"] = "2024-01-01".into();
    assert!(matches!(
        verify(&bad).proofs[0].outcome,
        Err(ProofFailure::InvalidDateTime {
            member: "created",
            ..
        })
    ));
}
