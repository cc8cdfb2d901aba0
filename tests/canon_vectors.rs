#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The generic canonicalizer reproduces published canonical N-Quads byte for
//! byte: W3C vc-di-eddsa eddsa-rdfc-2022 vectors, the OB 3.0 and CLR 2.0
//! implementation-guide vectors, and the project's benchmark credential.

use std::path::{Path, PathBuf};

mod shared_dir;

use openbadges::canon::{Canonicalizer, GenericCanonicalizer};
use openbadges::contexts::{ContextLoader, CLR_V2P0_CONTEXT, CLR_V2P0_CONTEXT_2_0_1};
use openbadges::limits::Limits;
use sha2::{Digest, Sha256};

fn shared() -> Option<PathBuf> {
    shared_dir::spec("")
}

/// The default loader plus the contexts the crate does not embed (no
/// registry package publishes them), registered from ../shared as a caller
/// would: CLR 2.0 and the W3C CCG citizenship v4rc1 context.
fn canon() -> GenericCanonicalizer {
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
        if let Ok(bytes) = std::fs::read(dir.join(file)) {
            loader.register_bytes(url, &bytes).unwrap();
        }
    }
    GenericCanonicalizer::new(loader, Limits::default())
}

fn read_json(p: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn check_doc(base: &Path, input: &str, expected: &str) {
    let doc = read_json(&base.join(input));
    let got = canon()
        .canonicalize(&doc)
        .unwrap_or_else(|e| panic!("{input}: {e}"));
    let want = std::fs::read_to_string(base.join(expected)).unwrap();
    assert_eq!(got, want, "{input} -> {expected}");
}

/// Proof options canonicalized with the unsigned document's `@context`.
fn check_proof(base: &Path, unsigned: &str, config: &str, expected: &str) {
    let doc = read_json(&base.join(unsigned));
    let mut cfg = read_json(&base.join(config));
    let obj = cfg.as_object_mut().unwrap();
    if !obj.contains_key("@context") {
        obj.insert("@context".into(), doc["@context"].clone());
    }
    let got = canon()
        .canonicalize(&cfg)
        .unwrap_or_else(|e| panic!("{config}: {e}"));
    let want = std::fs::read_to_string(base.join(expected)).unwrap();
    assert_eq!(got, want, "{config} -> {expected}");
}

#[test]
fn vc_di_eddsa_rdfc_2022() {
    let Some(s) = shared() else { return };
    let b = s.join("vectors/vc-di-eddsa");
    check_doc(&b, "unsigned.json", "eddsa-rdfc-2022/canonDocDataInt.txt");
    check_proof(
        &b,
        "unsigned.json",
        "eddsa-rdfc-2022/proofConfigDataInt.json",
        "eddsa-rdfc-2022/proofCanonDataInt.txt",
    );
}

#[test]
fn vc_di_eddsa_employment_authorization() {
    let Some(s) = shared() else { return };
    let b = s.join("vectors/vc-di-eddsa");
    check_doc(
        &b,
        "employmentAuth.json",
        "eddsa-rdfc-2022/employ/canonDocDataInt.txt",
    );
    check_proof(
        &b,
        "employmentAuth.json",
        "eddsa-rdfc-2022/employ/proofConfigDataInt.json",
        "eddsa-rdfc-2022/employ/proofCanonDataInt.txt",
    );
}

#[test]
fn ob_v3p0_impl_guide() {
    let Some(s) = shared() else { return };
    let b = s.join("vectors/ob-v3p0-impl-guide/eddsa-rdfc-2022");
    check_doc(&b, "unsigned.json", "document-canon.txt");
    check_proof(&b, "unsigned.json", "proofOptions.json", "proof-canon.txt");
}

#[test]
fn clr_v2p0_impl_guide() {
    let Some(s) = shared() else { return };
    let b = s.join("vectors/clr-v2p0-impl-guide");
    check_doc(&b, "unsigned.json", "document-canon.txt");
    check_proof(&b, "unsigned.json", "proofOptions.json", "proof-canon.txt");
}

/// Without registering them, the unembedded contexts are named as missing.
#[test]
fn clr_context_must_be_registered() {
    let Some(s) = shared() else { return };
    let doc = read_json(&s.join("vectors/clr-v2p0-impl-guide/unsigned.json"));
    let bare = GenericCanonicalizer::new(ContextLoader::default(), Limits::default());
    assert_eq!(
        bare.canonicalize(&doc).unwrap_err(),
        openbadges::canon::CanonError::UnknownContext {
            url: CLR_V2P0_CONTEXT_2_0_1.into()
        }
    );
}

#[test]
fn benchmark_credential() {
    let doc: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/bench/ob3-realistic.json"
    )))
    .unwrap();
    let c = canon();
    let start = std::time::Instant::now();
    let out = c.canonicalize(&doc).unwrap();
    println!("expansion + to-RDF + RDFC-1.0: {:?}", start.elapsed());
    let start = std::time::Instant::now();
    let nq = c.to_nquads(&doc).unwrap();
    let expand = start.elapsed();
    let start = std::time::Instant::now();
    let again = openbadges::canon::rdfc::canonicalize_nquads(&nq, &Limits::default()).unwrap();
    println!(
        "expansion + to-RDF: {expand:?}; N-Quads parse + RDFC-1.0: {:?}",
        start.elapsed()
    );
    assert_eq!(again, out);
    assert_eq!(out.lines().count(), 147);
    assert_eq!(
        hex(&Sha256::digest(out.as_bytes())),
        "13829427cd37dfccf0c0f7dc71b0f677cbdcc28d5fd63f3b7fbd43acba989c54"
    );
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
