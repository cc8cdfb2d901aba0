#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! What signing and verifying a realistic OB 3.0 credential costs, next to
//! the raw Ed25519 operations it wraps (the baseline).
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target cargo bench --bench credential -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Input: `fixtures/bench/ob3-realistic.json`. Every input goes through
//! `black_box`. `raw_ed25519_sign` / `raw_ed25519_verify` sign and verify the
//! 64 bytes a Data Integrity proof signs (two SHA-256 hashes), so each other
//! line divided by them is the overhead of canonicalization and hashing.
//!
//! One run (2026-12-01, optimized `bench` profile, a shared 2-core machine
//! under load ~5, so absolute times are inflated; ratios are within the run):
//!
//! | bench | median | ratio |
//! |---|---|---|
//! | raw_ed25519_sign | 27.6 µs | 1× |
//! | raw_ed25519_verify | 81.3 µs | 1× |
//! | sha256_canonical | 22.8 µs | SHA-256 of the 18,740 canonical bytes |
//! | rdfc_full_nquads | 1.63 ms | rdf-canon on the same 147 quads (from N-Quads) |
//! | canonicalize_fast | 87.4 µs | 67× faster than generic |
//! | sign_fast | 134 µs | 2.66× (raw sign + sha256_canonical) |
//! | verify_fast | 228 µs | 2.19× (raw verify + sha256_canonical) |
//! | canonicalize_generic | 6.48 ms | |
//! | sign_generic | 7.48 ms | 56× sign_fast |
//! | verify_generic | 9.25 ms | 41× verify_fast |
//! | jcs | 145 µs | |
//! | credential_sign_jcs | 242 µs | |
//! | credential_verify_jcs | 464 µs | |
//!
//! What bounds `sign_fast`: RDFC-1.0 itself hashes every quad that mentions
//! a blank node once per node (the first-degree hashes, about one more
//! `sha256_canonical`), so the floor is about 1.4× with a free walk; the rest
//! is the JSON walk, quad serialization and sorting (about 0.5 M
//! instructions), one copy of the document (`add_proof` returns a new one)
//! and the proof configuration.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use openbadges::canon::fast::Route;
use openbadges::canon::jcs::to_jcs_bytes;
use openbadges::canon::rdfc;
use openbadges::canon::{Canonicalizer, FastCanonicalizer, GenericCanonicalizer};
use openbadges::contexts::ContextLoader;
use openbadges::did::did_key_verification_method;
use openbadges::ids::DateTime;
use openbadges::keys::{verify_strict, Ed25519KeyPair};
use openbadges::limits::Limits;
use openbadges::proof::{
    add_proof, verify_proofs, Cryptosuite, DidKeyResolver, ProofOptions, ProofVerifyOptions,
};
use serde_json::Value;
use sha2::{Digest, Sha256};

fn bench_credential(c: &mut Criterion) {
    let doc: Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/bench/ob3-realistic.json"
    )))
    .unwrap();
    let key = Ed25519KeyPair::from_seed(&[7u8; 32]);
    let public = key.verifying_key();
    let vm = did_key_verification_method(&public);
    let created = DateTime::new("2026-01-01T00:00:00Z").unwrap();
    let canon = GenericCanonicalizer::new(ContextLoader::default(), Limits::default());
    let fast = FastCanonicalizer::new(ContextLoader::default(), Limits::default());
    let di_options = ProofOptions::new(Cryptosuite::EddsaRdfc2022, vm.clone(), created.clone());
    let jcs_options = ProofOptions::new(Cryptosuite::EddsaJcs2022, vm, created);
    let signed_di = add_proof(&doc, &di_options, &key, &canon).unwrap();
    let signed_jcs = add_proof(&doc, &jcs_options, &key, &canon).unwrap();
    let verify_options = ProofVerifyOptions::default();
    assert!(verify_proofs(&signed_di, &canon, &DidKeyResolver, &verify_options).is_verified());
    assert!(verify_proofs(&signed_jcs, &canon, &DidKeyResolver, &verify_options).is_verified());

    assert!(verify_proofs(&signed_di, &fast, &DidKeyResolver, &verify_options).is_verified());
    // The fast path must really run (and agree) on what the benches measure.
    let (canonical, route) = fast.canonicalize_traced(&doc);
    assert_eq!(route, Route::Fast);
    let canonical = canonical.unwrap();
    assert_eq!(canonical, canon.canonicalize(&doc).unwrap());
    assert_eq!(
        add_proof(&doc, &di_options, &key, &fast).unwrap(),
        signed_di,
        "fast and generic sign the same bytes"
    );

    let message = [0x5au8; 64];
    let signature = key.sign(&message);

    let mut g = c.benchmark_group("credential");
    g.bench_function("raw_ed25519_sign", |b| {
        b.iter(|| black_box(&key).sign(black_box(&message)))
    });
    g.bench_function("raw_ed25519_verify", |b| {
        b.iter(|| {
            verify_strict(
                black_box(&public),
                black_box(&message),
                black_box(&signature),
            )
        })
    });
    g.bench_function("sha256_canonical", |b| {
        b.iter(|| Sha256::digest(black_box(canonical.as_bytes())))
    });
    // The full RDFC-1.0 (rdf-canon, under the crate's budgets) on the same
    // dataset, read from its N-Quads: what the first-degree shortcut saves.
    g.bench_function("rdfc_full_nquads", |b| {
        b.iter(|| rdfc::canonicalize_nquads(black_box(&canonical), &Limits::DEFAULT).unwrap())
    });
    g.bench_function("canonicalize_fast", |b| {
        b.iter(|| black_box(&fast).canonicalize(black_box(&doc)).unwrap())
    });
    g.bench_function("sign_fast", |b| {
        b.iter(|| add_proof(black_box(&doc), black_box(&di_options), &key, &fast).unwrap())
    });
    g.bench_function("verify_fast", |b| {
        b.iter(|| {
            assert!(verify_proofs(
                black_box(&signed_di),
                &fast,
                &DidKeyResolver,
                &verify_options
            )
            .is_verified())
        })
    });
    g.bench_function("canonicalize_generic", |b| {
        b.iter(|| black_box(&canon).canonicalize(black_box(&doc)).unwrap())
    });
    g.bench_function("jcs", |b| b.iter(|| to_jcs_bytes(black_box(&doc)).unwrap()));
    g.bench_function("sign_generic", |b| {
        b.iter(|| add_proof(black_box(&doc), black_box(&di_options), &key, &canon).unwrap())
    });
    g.bench_function("verify_generic", |b| {
        b.iter(|| {
            assert!(verify_proofs(
                black_box(&signed_di),
                &canon,
                &DidKeyResolver,
                &verify_options
            )
            .is_verified())
        })
    });
    g.bench_function("credential_sign_jcs", |b| {
        b.iter(|| add_proof(black_box(&doc), black_box(&jcs_options), &key, &canon).unwrap())
    });
    g.bench_function("credential_verify_jcs", |b| {
        b.iter(|| {
            assert!(verify_proofs(
                black_box(&signed_jcs),
                &canon,
                &DidKeyResolver,
                &verify_options
            )
            .is_verified())
        })
    });
    g.finish();
}

criterion_group!(benches, bench_credential);
criterion_main!(benches);
