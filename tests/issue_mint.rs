#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The mint flow (`examples/mint.rs`, duplicated here because examples cannot
//! be imported): framework + assessment → award → credential → signed by a
//! did:key [`Issuer`]. The output verifies, fails when changed, validates
//! against the official AchievementCredential JSON Schema, and is byte-equal
//! to the committed `fixtures/interop/ours/mint.json` (which Digital Bazaar's
//! verifier accepts, see fixtures/interop/README.md). Also: the issuer checks,
//! the OB extensions context, and a signer that is not a local key.

use std::path::PathBuf;

mod shared_dir;

use openbadges::canon::{Canonicalizer, GenericCanonicalizer};
use openbadges::competency::{evaluate, Assessment, CredentialOptions, Framework};
use openbadges::contexts::{ContextLoader, OB_V3P0_EXTENSIONS};
use openbadges::ids::{DateTime, Iri};
use openbadges::issue::{IssueError, Issuer};
use openbadges::keys::{Ed25519KeyPair, Signature, SignatureError, Signer};
use openbadges::limits::Limits;
use openbadges::proof::{
    verify_proofs, Cryptosuite, DidKeyResolver, ProofError, ProofFailure, ProofVerifyOptions,
};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const SEED: [u8; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31,
];
const DID: &str = "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd";

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The same flow as examples/mint.rs with the default seed and no `--now`.
fn mint(seed: [u8; 32]) -> (Issuer<Ed25519KeyPair>, Value) {
    let framework = Framework::from_json_slice(
        &fixture("frameworks/teacher-leadership.json"),
        &Limits::DEFAULT,
    )
    .unwrap();
    let assessment = Assessment::from_json_slice(
        &fixture("assessments/pass-ftb-2-facilitates-meetings.json"),
        &Limits::DEFAULT,
    )
    .unwrap();
    let mut award = evaluate(&framework, &assessment, None).unwrap();
    let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&seed));
    award.issue_as(issuer.id().clone());

    let mut h = Sha256::new();
    h.update(b"openbadges mint credential id\0");
    h.update(issuer.id().as_str());
    h.update(b"\0");
    h.update(assessment.id.as_str());
    let id = Iri::urn_uuid_from_digest(&h.finalize()).unwrap();
    let mut h = Sha256::new();
    h.update(b"openbadges mint email salt\0");
    h.update(seed);
    h.update(assessment.id.as_str());
    let salt = hex(&h.finalize()[..16]);
    let options = CredentialOptions::new(id).email_salt(salt);
    let credential = award.to_credential(&options).unwrap();
    let signed = issuer
        .sign_credential(&credential, award.awarded_on.clone())
        .unwrap();
    (issuer, signed)
}

fn verify(issuer: &Issuer<Ed25519KeyPair>, doc: &Value) -> openbadges::proof::ProofReport {
    verify_proofs(
        doc,
        issuer.canonicalizer(),
        &DidKeyResolver,
        &ProofVerifyOptions::default(),
    )
}

#[test]
fn minted_credential_verifies_and_names_the_did_key_issuer() {
    let (issuer, signed) = mint(SEED);
    assert_eq!(issuer.id().as_str(), DID);
    assert_eq!(signed["issuer"]["id"], DID);
    // The publisher's home page is kept; the achievement's creator is the same issuer.
    assert_eq!(
        signed["issuer"]["url"],
        "https://www.example.org/city-schools/teacher-leadership"
    );
    assert_eq!(
        signed["credentialSubject"]["achievement"]["creator"]["id"],
        DID
    );
    let proofs = signed["proof"].as_array().expect("proof is an array");
    assert_eq!(proofs.len(), 1);
    assert_eq!(proofs[0]["cryptosuite"], "eddsa-rdfc-2022");
    assert_eq!(proofs[0]["created"], signed["validFrom"]);
    assert_eq!(
        proofs[0]["verificationMethod"],
        format!("{DID}#{}", DID.trim_start_matches("did:key:"))
    );
    let report = verify(&issuer, &signed);
    assert!(report.is_verified(), "{report:?}");

    // Any change breaks it.
    let mut bad = signed.clone();
    bad["credentialSubject"]["achievement"]["name"] = "Something else".into();
    let r = verify(&issuer, &bad);
    assert_eq!(r.proofs[0].outcome, Err(ProofFailure::SignatureMismatch));
    let mut bad = signed.clone();
    bad["proof"][0]["created"] = "2025-03-14T15:30:01-05:00".into();
    assert!(!verify(&issuer, &bad).is_verified());
}

#[test]
fn minting_is_deterministic_and_depends_on_the_key() {
    let (_, a) = mint(SEED);
    let (_, b) = mint(SEED);
    assert_eq!(a, b);
    let (other_issuer, c) = mint([9u8; 32]);
    assert_ne!(c["issuer"]["id"], a["issuer"]["id"]);
    assert_ne!(c["id"], a["id"]);
    assert!(verify(&other_issuer, &c).is_verified());
}

#[test]
fn minted_credential_matches_the_committed_interop_file() {
    let (_, signed) = mint(SEED);
    let mut text = serde_json::to_string_pretty(&signed).unwrap();
    text.push('\n');
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/interop/ours/mint.json"
    ));
    if std::env::var_os("OPENBADGES_WRITE_OURS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        committed, text,
        "fixtures/interop/ours/mint.json is stale: rerun with OPENBADGES_WRITE_OURS=1 and re-check with verify.mjs"
    );
}

#[test]
fn minted_credential_passes_the_official_schema() {
    let Some(text) = shared_dir::read_spec("schemas/ob-v3p0/achievementcredential.json") else {
        return;
    };
    let schema: Value = serde_json::from_slice(&text).unwrap();
    let validator = jsonschema::draft201909::new(&schema).unwrap();
    let (_, signed) = mint(SEED);
    let errors: Vec<String> = validator
        .iter_errors(&signed)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema wants `proof` as an array: a single proof object fails it.
    let mut single = signed.clone();
    single["proof"] = signed["proof"][0].clone();
    assert!(!validator.is_valid(&single));
}

#[test]
fn another_issuers_credential_is_refused() {
    let (_, signed) = mint(SEED);
    let mut unsigned = signed.clone();
    unsigned.as_object_mut().unwrap().shift_remove("proof");
    let credential =
        openbadges::model::v3::AchievementCredential::from_json_value(unsigned.clone()).unwrap();
    let stranger = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&[5u8; 32]));
    let created = DateTime::new("2025-03-14T00:00:00Z").unwrap();
    let err = stranger
        .sign_credential(&credential, created.clone())
        .unwrap_err();
    assert_eq!(
        err,
        IssueError::IssuerMismatch {
            expected: stranger.id().as_str().into(),
            found: DID.into(),
            path: "issuer.id",
        }
    );
    assert!(err.to_string().contains("issuer.id"), "{err}");
    assert!(matches!(
        stranger.sign_json(unsigned.clone(), created.clone()),
        Err(IssueError::IssuerMismatch {
            path: "issuer.id",
            ..
        })
    ));
    let mut no_issuer = unsigned.clone();
    no_issuer.as_object_mut().unwrap().shift_remove("issuer");
    assert_eq!(
        stranger.sign_json(no_issuer, created.clone()),
        Err(IssueError::MissingIssuer { path: "issuer" })
    );
    assert_eq!(
        stranger.sign_json(json!([1]), created),
        Err(IssueError::NotAnObject)
    );
}

fn plain_unsigned() -> Value {
    serde_json::from_slice(&fixture("interop/cases/plain.unsigned.json")).unwrap()
}

#[test]
fn sign_json_appends_the_extensions_context_when_needed() {
    let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&SEED));
    let created = DateTime::new("2026-01-01T00:00:00Z").unwrap();
    let mut doc = plain_unsigned();
    doc["credentialSchema"] = json!([{
        "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        "type": "1EdTechJsonSchemaValidator2019"
    }]);
    let signed = issuer.sign_json(doc.clone(), created.clone()).unwrap();
    let ctx = signed["@context"].as_array().unwrap();
    assert_eq!(ctx.last().unwrap(), OB_V3P0_EXTENSIONS);
    assert_eq!(ctx.len(), doc["@context"].as_array().unwrap().len() + 1);
    assert!(verify(&issuer, &signed).is_verified());

    // Without it the type is an undefined term: the canonicalizer refuses the document.
    let canon = GenericCanonicalizer::new(ContextLoader::default(), Limits::default());
    assert!(canon.canonicalize(&doc).is_err());

    // The typed path signs exactly what the credential serializes to, so it
    // names what needs the context instead of changing the document.
    let credential = openbadges::model::v3::AchievementCredential::from_json_value(doc).unwrap();
    let err = issuer
        .sign_credential(&credential, created.clone())
        .unwrap_err();
    assert!(
        matches!(&err, IssueError::MissingExtensionsContext { needed_by } if needed_by == "$.credentialSchema"),
        "{err}"
    );

    // A document that already lists it is not changed; one that needs nothing neither.
    let plain = plain_unsigned();
    let signed = issuer.sign_json(plain.clone(), created).unwrap();
    assert_eq!(signed["@context"], plain["@context"]);
}

#[test]
fn jcs_suite_and_single_proof_object() {
    let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&SEED))
        .with_cryptosuite(Cryptosuite::EddsaJcs2022)
        .with_proof_array(false);
    let signed = issuer
        .sign_json(
            plain_unsigned(),
            DateTime::new("2026-01-01T00:00:00Z").unwrap(),
        )
        .unwrap();
    assert!(signed["proof"].is_object());
    assert_eq!(signed["proof"]["cryptosuite"], "eddsa-jcs-2022");
    assert!(verify(&issuer, &signed).is_verified());
}

#[test]
fn ed25519_signature_2020_is_verify_only() {
    let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&SEED))
        .with_cryptosuite(Cryptosuite::Ed25519Signature2020);
    let err = issuer
        .sign_json(
            plain_unsigned(),
            DateTime::new("2026-01-01T00:00:00Z").unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        err,
        IssueError::Proof {
            suite: Cryptosuite::Ed25519Signature2020,
            source: ProofError::CreateUnsupported {
                suite: Cryptosuite::Ed25519Signature2020
            },
        }
    );
}

/// A signer that is not a local key pair (as a KMS client would be): it
/// delegates, and can be told to fail.
struct RemoteSigner {
    key: Ed25519KeyPair,
    fail: bool,
}

impl Signer<Signature> for RemoteSigner {
    fn try_sign(&self, msg: &[u8]) -> Result<Signature, SignatureError> {
        if self.fail {
            Err(SignatureError::new())
        } else {
            Ok(self.key.sign(msg))
        }
    }
}

#[test]
fn any_signer_works_and_its_failure_is_reported() {
    let key = Ed25519KeyPair::from_seed(&SEED);
    let local = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&SEED));
    let vm = local.verification_method().to_owned();
    let created = DateTime::new("2026-01-01T00:00:00Z").unwrap();
    let remote = Issuer::new(
        Iri::new(DID).unwrap(),
        RemoteSigner { key, fail: false },
        vm.clone(),
    );
    let a = remote.sign_json(plain_unsigned(), created.clone()).unwrap();
    let b = local.sign_json(plain_unsigned(), created.clone()).unwrap();
    assert_eq!(a, b, "Ed25519 is deterministic: same key, same proof");

    let failing = Issuer::new(
        Iri::new(DID).unwrap(),
        RemoteSigner {
            key: Ed25519KeyPair::from_seed(&SEED),
            fail: true,
        },
        vm,
    );
    let err = failing.sign_json(plain_unsigned(), created).unwrap_err();
    assert!(
        matches!(
            err,
            IssueError::Proof {
                source: ProofError::Signing { .. },
                ..
            }
        ),
        "{err}"
    );
}
