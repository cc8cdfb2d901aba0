#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]
//! Bulk signing and verification (`openbadges::bulk`) of the realistic OB
//! 3.0 credential, per credential, next to the raw Ed25519 operations
//! measured in the same run (the baseline every figure is read against).
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target cargo bench --bench bulk
//! OPENBADGES_BULK_SIZES=1,1000,100000 cargo bench --bench bulk   # the full size list
//! ```
//!
//! Group `bulk`, with `Throughput::Elements` so criterion reports
//! credentials (or signatures) per second:
//! - `raw_ed25519_sign`, `raw_ed25519_verify`: one signature over the 64
//!   bytes a Data Integrity proof signs;
//! - `raw_ed25519_verify_batch64`: `verify_batch` of 64 such signatures
//!   (what `bulk` uses for the signature step), per signature;
//! - `sign/N`: `BulkSigner::sign_many` of N copies of
//!   `fixtures/bench/ob3-realistic.json` (each its own id), eddsa-rdfc-2022,
//!   on all cores;
//! - `verify/N`: `BulkVerifier::verify_many` of those N signed credentials,
//!   every check including status (the list served from memory, verified
//!   once per run).
//!
//! The sizes come from `OPENBADGES_BULK_SIZES` (comma-separated; default
//! `1,1000`): one `verify/100000` iteration takes about 45 s on two cores
//! and criterion wants ten, so 100,000 is opt-in; the per-credential
//! figure hardly changes past a few hundred (the work is per item, in
//! chunks of 256).
//!
//! One run (2026-12-02, `bench` profile, `OPENBADGES_BULK_SIZES=1,1000,100000`,
//! the shared 2-core machine with a CI run beside it, so absolute times are
//! inflated; ratios are within the run; per element = wall time on all
//! cores divided by the credentials):
//!
//! | bench | per element | ratio |
//! |---|---|---|
//! | raw_ed25519_sign | 24.4 µs | 1× |
//! | raw_ed25519_verify | 48.9 µs | 1× |
//! | raw_ed25519_verify_batch64 | 23.7 µs | 0.48× raw verify |
//! | sign/1 | 140 µs | 5.7× raw sign |
//! | verify/1 | 928 µs | 19× raw verify (verifies the status list too) |
//! | sign/1000 | 189 µs | 7.8× raw sign |
//! | verify/1000 | 663 µs | 13.5× raw verify |
//! | sign/100000 | 195 µs | 8.0× raw sign |
//! | verify/100000 | 432 µs | 8.8× raw verify |
//!
//! The day before, with the generic canonicalizer only: sign/1000 17.1 ms
//! (372×) and verify/1000 14.2 ms (140×).

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use openbadges::bulk::{BulkSigner, BulkVerifier};
use openbadges::fetch::MapFetcher;
use openbadges::ids::DateTime;
use openbadges::issue::Issuer;
use openbadges::keys::{verify_strict, Ed25519KeyPair, Signature, VerifyingKey};
use openbadges::status::{StatusList, StatusPurpose};
use openbadges::verify::VerifyOptions;
use serde_json::Value;

fn sizes() -> Vec<usize> {
    std::env::var("OPENBADGES_BULK_SIZES")
        .ok()
        .map(|s| {
            s.split(',')
                .filter_map(|n| n.trim().replace('_', "").parse().ok())
                .collect::<Vec<usize>>()
        })
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| vec![1, 1000])
}

fn bench_bulk(c: &mut Criterion) {
    let key = Ed25519KeyPair::from_seed(&[7u8; 32]);
    let public = key.verifying_key();
    let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&[7u8; 32]));
    let created = DateTime::new("2026-01-01T00:00:00Z").unwrap();
    let mut doc: Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/bench/ob3-realistic.json"
    )))
    .unwrap();
    doc["issuer"]["id"] = issuer.id().as_str().into();
    let list_url = doc["credentialStatus"]["statusListCredential"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = StatusList::new(StatusPurpose::Revocation)
        .to_credential_json(&list_url, issuer.id().as_str(), "2024-01-01T00:00:00Z")
        .unwrap();
    let list = issuer.sign_json(list, created.clone()).unwrap();
    let mut fetcher = MapFetcher::new();
    fetcher.insert_json(list_url, &list).unwrap();
    let options =
        VerifyOptions::at("2026-06-01T00:00:00Z".parse().unwrap()).fetcher(Arc::new(fetcher));
    let docs = |n: usize| -> Vec<Value> {
        (0..n)
            .map(|i| {
                let mut d = doc.clone();
                d["id"] = format!("urn:uuid:00000000-0000-4000-8000-{i:012}").into();
                d
            })
            .collect()
    };
    let signer = BulkSigner::new(&issuer);

    let message = [0x5au8; 64];
    let signature = key.sign(&message);
    let batch_keys: Vec<Ed25519KeyPair> = (0..64u8)
        .map(|i| Ed25519KeyPair::from_seed(&[i; 32]))
        .collect();
    let batch_sigs: Vec<Signature> = batch_keys.iter().map(|k| k.sign(&message)).collect();
    let batch_pub: Vec<VerifyingKey> = batch_keys.iter().map(|k| k.verifying_key()).collect();
    let batch_msgs: Vec<&[u8]> = vec![&message[..]; 64];

    let mut g = c.benchmark_group("bulk");
    g.throughput(Throughput::Elements(1));
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
    g.throughput(Throughput::Elements(64));
    g.bench_function("raw_ed25519_verify_batch64", |b| {
        b.iter(|| {
            ed25519_dalek::verify_batch(
                black_box(&batch_msgs),
                black_box(&batch_sigs),
                black_box(&batch_pub),
            )
            .unwrap()
        })
    });
    for n in sizes() {
        if n >= 100 {
            g.sample_size(10);
        }
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("sign/{n}"), |b| {
            b.iter_batched(
                || docs(n),
                |d| {
                    let out = signer.sign_many(d, &created);
                    assert!(out.iter().all(Result::is_ok));
                    out
                },
                BatchSize::PerIteration,
            )
        });
        let signed: Vec<Vec<u8>> = signer
            .sign_many(docs(n), &created)
            .into_iter()
            .map(|r| serde_json::to_vec(&r.unwrap()).unwrap())
            .collect();
        g.bench_function(format!("verify/{n}"), |b| {
            b.iter(|| {
                // A verifier per run, as a caller makes one per file.
                let out = BulkVerifier::new(&options).verify_many(black_box(&signed));
                assert!(out.iter().all(|r| r.as_ref().is_ok_and(|r| r.is_valid())));
                out
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_bulk);
criterion_main!(benches);
