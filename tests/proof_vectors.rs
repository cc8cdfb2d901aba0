#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! W3C vc-di-eddsa, OB 3.0 and CLR 2.0 implementation-guide vectors,
//! reproduced byte for byte, end to end: the unsigned document goes through
//! the real [`GenericCanonicalizer`] (JSON-LD expansion, RDF, RDFC-1.0) to
//! the published canonical N-Quads, hashes, signature and `proofValue`; the
//! signed document verifies with it. The contexts the crate does not embed
//! (CLR 2.0, W3C CCG citizenship v4rc1) are registered from `../shared`, as
//! a caller would. The W3C proof-set and proof-chain vectors
//! (`proof-set-chain/`) are rebuilt proof by proof with `add_proof`.
//!
//! A fake canonicalizer serving altered N-Quads is kept only to show that a
//! different canonical form breaks the signature.

use std::path::{Path, PathBuf};

mod shared_dir;

use openbadges::canon::{CanonError, Canonicalizer, GenericCanonicalizer};
use openbadges::contexts::{ContextLoader, CLR_V2P0_CONTEXT, CLR_V2P0_CONTEXT_2_0_1};
use openbadges::ids::DateTime;
use openbadges::keys::{decode_multikey, encode_multibase_base58btc, Ed25519KeyPair};
use openbadges::limits::Limits;
use openbadges::proof::{
    add_proof, create_proof, hash_data, verify_proofs, Cryptosuite, DidKeyResolver,
    KeyResolveError, KeyResolver, ProofFailure, ProofOptions, ProofVerifyOptions,
};
use serde_json::Value;

fn vectors_dir() -> Option<PathBuf> {
    shared_dir::spec("vectors")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

fn read_json(dir: &Path, file: &str) -> Value {
    serde_json::from_str(&read(dir, file)).unwrap()
}

/// Serves the given canonical N-Quads for exactly the JSON values it was
/// given (compared as JSON data), and refuses anything else. Used only to
/// feed the verifier a canonical form that differs from the real one.
struct FakeCanonicalizer {
    entries: Vec<(Value, String)>,
}

impl Canonicalizer for FakeCanonicalizer {
    fn canonicalize(&self, document: &Value) -> Result<String, CanonError> {
        self.entries
            .iter()
            .find(|(v, _)| v == document)
            .map(|(_, nq)| nq.clone())
            .ok_or_else(|| CanonError::Rdf {
                reason: "fake canonicalizer has no published N-Quads for this document".into(),
            })
    }
}

/// The real canonicalizer: the embedded contexts plus those the crate does
/// not embed (no registry package publishes them), registered from
/// `../shared` as a caller would: CLR 2.0 and the W3C CCG citizenship v4rc1
/// context.
fn real_canonicalizer() -> GenericCanonicalizer {
    let mut loader = ContextLoader::default();
    let dir = shared_dir::root().join("spec/contexts");
    for (url, file) in [
        (CLR_V2P0_CONTEXT, "clr-v2p0-context.json"),
        (CLR_V2P0_CONTEXT_2_0_1, "clr-v2p0-context-2.0.1.json"),
        (
            "https://w3id.org/citizenship/v4rc1",
            "citizenship-v4rc1.jsonld",
        ),
    ] {
        let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        loader.register_bytes(url, &bytes).unwrap();
    }
    GenericCanonicalizer::new(loader, Limits::default())
}

struct Case {
    name: &'static str,
    dir: &'static str,
    suite: Cryptosuite,
    secret_multikey: &'static str,
    public_multikey: &'static str,
    signed: &'static str,
    /// The published unsigned document (relative to `spec/vectors`), when
    /// there is one; otherwise the signed document without `proof`.
    unsigned: Option<&'static str>,
    /// A full proof-configuration file, or proof options to which the
    /// document's @context is added.
    proof_config: &'static str,
    config_has_context: bool,
    canon_doc: &'static str,
    canon_proof: &'static str,
    proof_hash: &'static str,
    doc_hash: &'static str,
    sig_hex: &'static str,
    proof_value: &'static str,
}

const W3C_SECRET: &str = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
const W3C_PUBLIC: &str = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
const OB_SECRET: &str =
    "zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx";
const OB_PUBLIC: &str = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

const RDFC_PLAIN: Case = Case {
    name: "vc-di-eddsa eddsa-rdfc-2022",
    dir: "vc-di-eddsa/eddsa-rdfc-2022",
    suite: Cryptosuite::EddsaRdfc2022,
    secret_multikey: W3C_SECRET,
    public_multikey: W3C_PUBLIC,
    signed: "signedDataInt.json",
    unsigned: Some("vc-di-eddsa/unsigned.json"),
    proof_config: "proofConfigDataInt.json",
    config_has_context: true,
    canon_doc: "canonDocDataInt.txt",
    canon_proof: "proofCanonDataInt.txt",
    proof_hash: "bea7b7acfbad0126b135104024a5f1733e705108f42d59668b05c0c50004c6b0",
    doc_hash: "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017",
    sig_hex: "4d8e53c2d5b3f2a7891753eb16ca993325bdb0d3cfc5be1093d0a18426f5ef8578cadc0fd4b5f4dd0d1ce0aefd15ab120b7a894d0eb094ffda4e6553cd1ed50d",
    proof_value: "z2YwC8z3ap7yx1nZYCg4L3j3ApHsF8kgPdSb5xoS1VR7vPG3F561B52hYnQF9iseabecm3ijx4K1FBTQsCZahKZme",
};

const RDFC_EMPLOY: Case = Case {
    name: "vc-di-eddsa eddsa-rdfc-2022 employ",
    dir: "vc-di-eddsa/eddsa-rdfc-2022/employ",
    suite: Cryptosuite::EddsaRdfc2022,
    secret_multikey: W3C_SECRET,
    public_multikey: W3C_PUBLIC,
    signed: "signedDataInt.json",
    unsigned: Some("vc-di-eddsa/employmentAuth.json"),
    proof_config: "proofConfigDataInt.json",
    config_has_context: true,
    canon_doc: "canonDocDataInt.txt",
    canon_proof: "proofCanonDataInt.txt",
    proof_hash: "bea7b7acfbad0126b135104024a5f1733e705108f42d59668b05c0c50004c6b0",
    doc_hash: "03f59e5b04ab575b1172cb684f22eede72f0e9033e0b5c67d0e2506768d6ce11",
    sig_hex: "20b1a944960b75ca69ba070af4820de6e6acae1afe827d8c566c0f7b932d1bd3abde3222b3095088051439a8b4e7a5356c7ba6d246774f875ebb6ddee1577003",
    proof_value: "zeuuS9pi2ZR8Q41bFFJKS9weSWkwa7pRcxHTHzxjDEHtVSZp3D9Rm3JdzT82EQpmXMb9wvfFJLuDPeSXZaRX1q1c",
};

const JCS: Case = Case {
    name: "vc-di-eddsa eddsa-jcs-2022",
    dir: "vc-di-eddsa/eddsa-jcs-2022",
    suite: Cryptosuite::EddsaJcs2022,
    secret_multikey: W3C_SECRET,
    public_multikey: W3C_PUBLIC,
    signed: "signedJCS.json",
    unsigned: Some("vc-di-eddsa/unsigned.json"),
    proof_config: "proofConfigJCS.json",
    config_has_context: true,
    canon_doc: "canonDocJCS.txt",
    canon_proof: "proofCanonJCS.txt",
    proof_hash: "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db",
    doc_hash: "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19",
    sig_hex: "407cd12654b33d718ecbb99179a1506daaa849450bf3fc523cce3e1c96f8b80351da3f253d725c6f00b07c9e5448d50b3ef78012b9ab54255116d069c6dd2808",
    proof_value: "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX",
};

const ED2020: Case = Case {
    name: "vc-di-eddsa Ed25519Signature2020",
    dir: "vc-di-eddsa/Ed25519Signature2020",
    suite: Cryptosuite::Ed25519Signature2020,
    secret_multikey: W3C_SECRET,
    public_multikey: W3C_PUBLIC,
    signed: "signedEdSig.json",
    unsigned: None,
    proof_config: "proofConfigEdSig.json",
    config_has_context: true,
    canon_doc: "canonDocEdSig.txt",
    canon_proof: "proofCanonEdSig.txt",
    proof_hash: "04e14bcf5727cba0c0aa04a04d22a56fef915d5f8f7756bb92ae67cb1d0c4847",
    doc_hash: "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017",
    sig_hex: "cd8d023e8a9b462d563bbbd24c4499d8172738eb3f5235d74f65971e9be36dd7f23a1e201791e9a6747e45b8fa877a984f51f591567365c4d8222ecad39be60c",
    proof_value: "z57Mm1vboMtZiCyJ4aReZsv8co4Re64Y8GEjL1ZARzMbXZgkARFLqFs1P345NpPGG2hgCrS4nNdvJhpwnrNyG3kEF",
};

const OB3: Case = Case {
    name: "OB 3.0 implementation guide",
    dir: "ob-v3p0-impl-guide/eddsa-rdfc-2022",
    suite: Cryptosuite::EddsaRdfc2022,
    secret_multikey: OB_SECRET,
    public_multikey: OB_PUBLIC,
    signed: "signed.json",
    unsigned: Some("ob-v3p0-impl-guide/eddsa-rdfc-2022/unsigned.json"),
    proof_config: "proofOptions.json",
    config_has_context: false,
    canon_doc: "document-canon.txt",
    canon_proof: "proof-canon.txt",
    proof_hash: "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19",
    doc_hash: "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773",
    sig_hex: "f7a017acf7d27983267ec362657c0fb08e955549f49dac5bf36a03c4f2c3a4f1e3738a6c5ecd7ffba7135cb9cd754e6196f4b73082ea8df8e703c8ecd4333503",
    proof_value: "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr",
};

const CLR2: Case = Case {
    name: "CLR 2.0 implementation guide",
    dir: "clr-v2p0-impl-guide",
    suite: Cryptosuite::EddsaRdfc2022,
    secret_multikey: OB_SECRET,
    public_multikey: OB_PUBLIC,
    signed: "signed.json",
    unsigned: Some("clr-v2p0-impl-guide/unsigned.json"),
    proof_config: "proofOptions.json",
    config_has_context: false,
    canon_doc: "document-canon.txt",
    canon_proof: "proof-canon.txt",
    proof_hash: "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19",
    doc_hash: "768d7015ae69e0210e1c2a45194d9c1d15d7a6022e52b946574a2a27f6fa85fe",
    sig_hex: "0c220dadbcfcaa64ab8a8c5002dbe258e6c7746ca71c25e2ea3b7fbffd66568413f53b1d34f5655f3057864bd372bbf0d1e74ea2f8c72e2f4b5790f21a22b70a",
    proof_value: "zF52sU1nfPAjcwCqtgxPNSor6SJnAzRBwZW5VNQXPt8xXCHkd39sgqj32DnMjhFCzbyHsLkhQ8HpBqQTkMgXy329",
};

/// did:key methods resolve offline; the OB/CLR https method maps to the vector key.
fn resolver(
    case: &Case,
) -> impl Fn(&str) -> Result<openbadges::keys::VerifyingKey, KeyResolveError> + '_ {
    move |vm: &str| {
        if vm.starts_with("did:key:") {
            DidKeyResolver.resolve(vm)
        } else if vm
            == format!(
                "https://example.edu/issuers/565049#{}",
                case.public_multikey
            )
        {
            Ok(decode_multikey(case.public_multikey)?)
        } else {
            Err(KeyResolveError::Unknown { id: vm.to_owned() })
        }
    }
}

struct Loaded {
    signed: Value,
    unsecured: Value,
    proof_config: Value,
    canon_doc: String,
    canon_proof: String,
}

fn load(dir: &Path, case: &Case) -> Loaded {
    let d = dir.join(case.dir);
    let signed = read_json(&d, case.signed);
    let mut unsecured = signed.clone();
    unsecured.as_object_mut().unwrap().shift_remove("proof");
    if let Some(file) = case.unsigned {
        let published = read_json(dir, file);
        assert_eq!(published, unsecured, "{}: {file}", case.name);
        unsecured = published;
    }
    let mut proof_config = read_json(&d, case.proof_config);
    if !case.config_has_context {
        proof_config["@context"] = signed["@context"].clone();
    }
    Loaded {
        canon_doc: read(&d, case.canon_doc),
        canon_proof: read(&d, case.canon_proof),
        signed,
        unsecured,
        proof_config,
    }
}

fn fake_for(l: &Loaded, canon_doc: &str) -> FakeCanonicalizer {
    FakeCanonicalizer {
        entries: vec![
            (l.proof_config.clone(), l.canon_proof.clone()),
            (l.unsecured.clone(), canon_doc.to_owned()),
        ],
    }
}

/// Replaces one character (the `at`-th from the end that has a different
/// replacement) to tamper with a text.
fn tamper(s: &str, from_end: usize) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let i = chars.len() - 1 - from_end;
    chars[i] = if chars[i] == 'a' { 'b' } else { 'a' };
    chars.into_iter().collect()
}

/// The proof of a signed vector (the CLR vector has a one-element proof set).
fn proof_of(doc: &Value) -> &Value {
    match &doc["proof"] {
        Value::Array(a) => &a[0],
        p => p,
    }
}

fn proof_mut(doc: &mut Value) -> &mut Value {
    let p = &mut doc["proof"];
    if p.is_array() {
        &mut p[0]
    } else {
        p
    }
}

fn run_case(case: &Case) {
    let Some(dir) = vectors_dir() else { return };
    let l = load(&dir, case);
    let real = real_canonicalizer();
    let canon: &dyn Canonicalizer = &real;

    // The unsigned document canonicalizes to the published N-Quads.
    if case.suite != Cryptosuite::EddsaJcs2022 {
        assert_eq!(
            real.canonicalize(&l.unsecured).unwrap(),
            l.canon_doc,
            "{}: canonical document",
            case.name
        );
    }

    // Hashes.
    let h = hash_data(case.suite, &l.unsecured, &l.proof_config, canon).unwrap();
    assert_eq!(h.canonical_proof_config, l.canon_proof, "{}", case.name);
    assert_eq!(h.canonical_document, l.canon_doc, "{}", case.name);
    assert_eq!(
        hex(&h.proof_hash),
        case.proof_hash,
        "{}: proof hash",
        case.name
    );
    assert_eq!(
        hex(&h.document_hash),
        case.doc_hash,
        "{}: document hash",
        case.name
    );
    assert_eq!(
        hex(&h.combined()),
        format!("{}{}", case.proof_hash, case.doc_hash),
        "{}: combined hash",
        case.name
    );

    // Signature and proofValue.
    let key = Ed25519KeyPair::from_secret_multikey(case.secret_multikey).unwrap();
    assert_eq!(key.public_multikey(), case.public_multikey);
    let sig = key.sign(&h.combined());
    assert_eq!(
        hex(&sig.to_bytes()),
        case.sig_hex,
        "{}: signature",
        case.name
    );
    assert_eq!(
        encode_multibase_base58btc(&sig.to_bytes()),
        case.proof_value
    );
    assert_eq!(proof_of(&l.signed)["proofValue"], case.proof_value);

    // Creating the proof from the unsigned document gives the published proof.
    if case.suite != Cryptosuite::Ed25519Signature2020 {
        let p = &l.proof_config;
        let options = ProofOptions::new(
            case.suite,
            p["verificationMethod"].as_str().unwrap(),
            DateTime::new(p["created"].as_str().unwrap()).unwrap(),
        )
        .with_proof_purpose(p["proofPurpose"].as_str().unwrap());
        let proof = create_proof(&l.unsecured, &options, &key, canon).unwrap();
        assert_eq!(&proof, proof_of(&l.signed), "{}: created proof", case.name);
    }

    // Verifying the signed document.
    let resolve = resolver(case);
    let report = verify_proofs(&l.signed, canon, &resolve, &ProofVerifyOptions::default());
    assert!(report.is_verified(), "{}: {report:?}", case.name);
    assert_eq!(report.proofs.len(), 1);
    assert_eq!(
        report.proofs[0].verification_method.as_deref(),
        proof_of(&l.signed)["verificationMethod"].as_str()
    );

    // One character of the canonical document changed: the signature fails.
    let tampered_canon = fake_for(&l, &tamper(&l.canon_doc, 5));
    if case.suite != Cryptosuite::EddsaJcs2022 {
        let r = verify_proofs(
            &l.signed,
            &tampered_canon,
            &resolve,
            &ProofVerifyOptions::default(),
        );
        assert_eq!(
            r.proofs[0].outcome,
            Err(ProofFailure::SignatureMismatch),
            "{}",
            case.name
        );
    }

    // One character of the proofValue changed.
    let mut bad = l.signed.clone();
    proof_mut(&mut bad)["proofValue"] = tamper(case.proof_value, 0).into();
    let r = verify_proofs(&bad, canon, &resolve, &ProofVerifyOptions::default());
    assert_eq!(
        r.proofs[0].outcome,
        Err(ProofFailure::SignatureMismatch),
        "{}",
        case.name
    );

    // The document changed.
    let mut bad = l.signed.clone();
    bad["validFrom"] = "2030-01-01T00:00:00Z".into();
    let r = verify_proofs(&bad, canon, &resolve, &ProofVerifyOptions::default());
    assert_eq!(
        r.proofs[0].outcome,
        Err(ProofFailure::SignatureMismatch),
        "{}",
        case.name
    );

    // The key of another issuer.
    let other = Ed25519KeyPair::from_seed(&[1; 32]).verifying_key();
    let wrong = move |_: &str| Ok(other);
    let r = verify_proofs(&l.signed, canon, &wrong, &ProofVerifyOptions::default());
    assert_eq!(
        r.proofs[0].outcome,
        Err(ProofFailure::SignatureMismatch),
        "{}",
        case.name
    );
}

#[test]
fn eddsa_rdfc_2022_alumni() {
    run_case(&RDFC_PLAIN);
}

#[test]
fn eddsa_rdfc_2022_employment_authorization() {
    run_case(&RDFC_EMPLOY);
}

#[test]
fn eddsa_jcs_2022() {
    run_case(&JCS);
}

#[test]
fn ed25519_signature_2020() {
    run_case(&ED2020);
}

#[test]
fn ob_v3p0_implementation_guide() {
    run_case(&OB3);
}

#[test]
fn clr_v2p0_implementation_guide() {
    run_case(&CLR2);
}

#[test]
fn unsigned_files_are_the_signed_documents_without_proof() {
    let Some(dir) = vectors_dir() else { return };
    for (d, signed, unsigned) in [
        (
            "ob-v3p0-impl-guide/eddsa-rdfc-2022",
            "signed.json",
            "unsigned.json",
        ),
        ("clr-v2p0-impl-guide", "signed.json", "unsigned.json"),
        (
            "vc-di-eddsa",
            "eddsa-rdfc-2022/signedDataInt.json",
            "unsigned.json",
        ),
        (
            "vc-di-eddsa",
            "eddsa-rdfc-2022/employ/signedDataInt.json",
            "employmentAuth.json",
        ),
    ] {
        let d = dir.join(d);
        let mut s = read_json(&d, signed);
        s.as_object_mut().unwrap().shift_remove("proof");
        assert_eq!(s, read_json(&d, unsigned), "{}", d.display());
    }
}

#[test]
fn jcs_canonical_forms_match_the_published_text() {
    let Some(dir) = vectors_dir() else { return };
    let l = load(&dir, &JCS);
    assert_eq!(
        openbadges::canon::jcs::to_jcs_string(&l.unsecured).unwrap(),
        l.canon_doc
    );
    assert_eq!(
        openbadges::canon::jcs::to_jcs_string(&l.proof_config).unwrap(),
        l.canon_proof
    );
}

#[test]
fn jcs_proof_context_must_prefix_the_document_context() {
    let Some(dir) = vectors_dir() else { return };
    let l = load(&dir, &JCS);
    let canon = real_canonicalizer();
    let resolve = resolver(&JCS);
    let mut bad = l.signed.clone();
    bad["proof"]["@context"] = serde_json::json!(["https://www.w3.org/ns/credentials/examples/v2"]);
    let r = verify_proofs(&bad, &canon, &resolve, &ProofVerifyOptions::default());
    assert!(matches!(
        r.proofs[0].outcome,
        Err(ProofFailure::ContextMismatch { .. })
    ));
    let mut bad = l.signed.clone();
    bad["@context"] = serde_json::json!(["https://www.w3.org/ns/credentials/v2"]);
    let r = verify_proofs(&bad, &canon, &resolve, &ProofVerifyOptions::default());
    assert!(matches!(
        r.proofs[0].outcome,
        Err(ProofFailure::ContextMismatch { .. })
    ));
}

/// The key pair of `multiKeyPairs.json` whose public key is in `vm`.
fn chain_key(keys: &Value, vm: &str) -> Ed25519KeyPair {
    let pair = keys
        .as_object()
        .unwrap()
        .values()
        .find(|k| vm.ends_with(&format!("#{}", k["publicKeyMultibase"].as_str().unwrap())))
        .unwrap_or_else(|| panic!("no key pair for {vm}"));
    let key = Ed25519KeyPair::from_secret_multikey(pair["privateKeyMultibase"].as_str().unwrap())
        .unwrap();
    assert_eq!(key.public_multikey(), pair["publicKeyMultibase"]);
    key
}

/// Proof options from a published proof configuration (`id`, `created`,
/// `verificationMethod`, `proofPurpose`, `previousProof`).
fn options_from(config: &Value) -> ProofOptions {
    let mut o = ProofOptions::new(
        Cryptosuite::EddsaRdfc2022,
        config["verificationMethod"].as_str().unwrap(),
        DateTime::new(config["created"].as_str().unwrap()).unwrap(),
    )
    .with_proof_purpose(config["proofPurpose"].as_str().unwrap());
    if let Some(id) = config["id"].as_str() {
        o = o.with_id(id);
    }
    match &config["previousProof"] {
        Value::Null => {}
        Value::String(id) => o = o.with_previous_proof(vec![id.clone()]),
        Value::Array(ids) => {
            o = o.with_previous_proof(ids.iter().map(|i| i.as_str().unwrap().to_owned()).collect())
        }
        other => panic!("previousProof {other}"),
    }
    o
}

/// vc-di-eddsa `proof-set-chain/`: two independent proofs (a proof set),
/// then a proof chained to both, then one chained to that. Each step starts
/// from the previous published document and adds one proof with the real
/// canonicalizer; the result is the next published document, byte for byte
/// as JSON data (so every proofValue is reproduced), and verifies.
#[test]
fn proof_set_and_chain_vectors() {
    let Some(dir) = vectors_dir() else { return };
    let d = dir.join("vc-di-eddsa/proof-set-chain");
    let keys = read_json(&d, "multiKeyPairs.json");
    let canon = real_canonicalizer();
    let opts = ProofVerifyOptions::default();

    let mut doc = read_json(&d, "unsigned.json");
    let steps = [
        ("proofSetConfig1.json", "signedProofSet1.json", 1),
        ("proofSetConfig2.json", "signedProofSet2.json", 2),
        ("proofChainConfig1.json", "signedProofChain1.json", 3),
        ("proofChainConfig2.json", "signedProofChain2.json", 4),
    ];
    for (config_file, signed_file, n) in steps {
        let config = read_json(&d, config_file);
        let key = chain_key(&keys, config["verificationMethod"].as_str().unwrap());
        doc = add_proof(&doc, &options_from(&config), &key, &canon).unwrap();
        let published = read_json(&d, signed_file);
        assert_eq!(doc, published, "{signed_file}");
        let report = verify_proofs(&published, &canon, &DidKeyResolver, &opts);
        assert!(report.is_verified(), "{signed_file}: {report:?}");
        assert_eq!(report.proofs.len(), n, "{signed_file}");
    }
    let proofs = doc["proof"].as_array().unwrap();
    assert_eq!(
        proofs[2]["proofValue"],
        "zWaPeEvBAkhQpNQj8pknuvg5STcKnt3cvM9t4kAYeJETFjvVMSXEEjadC4uxC9fKCn6JHbjt6fj2fhoaVNynBm6J"
    );
    assert_eq!(
        proofs[3]["proofValue"],
        "z4b5uUtxNiV4E541LiR8qLvA21xM1Vt4Hfn6nLmmDePdFvLB3jFj3HyEEJyRMbpJzv4Gfdr8ABeuRTxAvZv6KWRRh"
    );

    // The published "temporary documents" are what a chained proof signs:
    // the document with only the proofs its previousProof names.
    for (temp, config_file, signed_file) in [
        (
            "proofChainTempDoc1.json",
            "proofChainConfig1.json",
            "proofChainConfigSigned1.json",
        ),
        (
            "proofChainTempDoc2.json",
            "proofChainConfig2.json",
            "proofChainConfigSigned2.json",
        ),
    ] {
        let temp = read_json(&d, temp);
        let mut config = read_json(&d, config_file);
        config["@context"] = temp["@context"].clone();
        let h = hash_data(Cryptosuite::EddsaRdfc2022, &temp, &config, &canon).unwrap();
        let key = chain_key(&keys, config["verificationMethod"].as_str().unwrap());
        let sig = key.sign(&h.combined());
        assert_eq!(
            encode_multibase_base58btc(&sig.to_bytes()),
            read_json(&d, signed_file)["proofValue"],
            "{config_file}"
        );
    }

    // A chained proof whose previous proof was removed names the missing id.
    let mut cut = read_json(&d, "signedProofChain2.json");
    cut["proof"].as_array_mut().unwrap().remove(2);
    let r = verify_proofs(&cut, &canon, &DidKeyResolver, &opts);
    assert!(!r.is_verified());
    assert_eq!(
        r.proofs[2].outcome,
        Err(ProofFailure::PreviousProofNotFound {
            id: "urn:uuid:d94f792a-c546-4d06-b38a-da070ab56c23".into()
        })
    );
    // A proof of the set altered: it fails, and so does the proof chained to it.
    let mut bad = read_json(&d, "signedProofChain1.json");
    bad["proof"][0]["created"] = "2023-02-24T23:36:39Z".into();
    let r = verify_proofs(&bad, &canon, &DidKeyResolver, &opts);
    assert_eq!(r.proofs[0].outcome, Err(ProofFailure::SignatureMismatch));
    assert!(r.proofs[1].is_verified());
    assert_eq!(r.proofs[2].outcome, Err(ProofFailure::SignatureMismatch));
}
