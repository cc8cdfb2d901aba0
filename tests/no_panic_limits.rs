#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Every super-linear or unbounded step stops at its budget, quickly, with
//! the typed limit error (not a hang, not a stack overflow): deep JSON,
//! RDFC-1.0 poison datasets, quad bombs, GZIP bombs, absurd proof values.
//! Timings are generous ceilings for a debug build on a slow machine.

use std::time::{Duration, Instant};

use openbadges::canon::rdfc::canonicalize_nquads;
use openbadges::canon::{CanonError, Canonicalizer, GenericCanonicalizer};
use openbadges::contexts::ContextLoader;
use openbadges::limits::{parse_json_limited, JsonInputError, Limit, LimitExceeded, Limits};
use serde_json::{json, Value};

const QUICK: Duration = Duration::from_secs(10);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < QUICK, "{what} took {took:?}");
    out
}

fn limit_of(e: &CanonError) -> Option<Limit> {
    match e {
        CanonError::Limit(LimitExceeded { limit, .. }) => Some(*limit),
        _ => None,
    }
}

/// Deep nesting, far past the limit, in every JSON entry point: refused by
/// the byte scan before any recursive parser or deserializer sees it.
#[test]
fn deeply_nested_json_is_refused_everywhere() {
    let limits = Limits::default();
    for unit in ["[", "{\"a\":", "{\"@list\":["] {
        // Far past the depth limit, under the size limit.
        let deep = unit.repeat(50_000);
        let bytes = deep.as_bytes();
        let e = timed("parse_json_limited", || parse_json_limited(bytes, &limits)).unwrap_err();
        assert!(
            matches!(
                e,
                JsonInputError::Limit(LimitExceeded {
                    limit: Limit::JsonDepth,
                    ..
                })
            ),
            "{e:?}"
        );
        let v3 = timed("v3", || {
            openbadges::model::v3::from_json_slice::<openbadges::model::v3::AchievementCredential>(
                bytes, &limits,
            )
        });
        assert!(
            matches!(
                v3,
                Err(openbadges::model::v3::V3Error::Input(
                    JsonInputError::Limit(_)
                ))
            ),
            "{v3:?}"
        );
        let v2 = timed("v2", || {
            openbadges::model::v2::Document::from_slice(bytes, &limits)
        });
        assert!(v2.is_err());
        assert!(openbadges::competency::Framework::from_json_slice(bytes, &limits).is_err());
        assert!(openbadges::competency::Assessment::from_json_slice(bytes, &limits).is_err());
    }
}

/// A `serde_json::Value` built in code can be deeper than any parser allows:
/// the canonicalizer checks the depth of the value itself.
#[test]
fn deep_value_built_in_code_is_refused_by_the_canonicalizer() {
    let mut v = json!("leaf");
    for _ in 0..1_000 {
        v = json!({ "p": v });
    }
    let doc = json!({ "@context": { "@vocab": "http://example.org/" }, "p": v });
    let canon = GenericCanonicalizer::new(ContextLoader::default(), Limits::default());
    let e = timed("deep value", || canon.canonicalize(&doc)).unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::JsonDepth), "{e:?}");
}

/// 10,000 distinct blank nodes (default budget 2,000).
#[test]
fn ten_thousand_blank_nodes_hit_the_blank_node_limit() {
    let mut nq = String::new();
    for i in 0..10_000 {
        nq.push_str(&format!("_:b{i} <http://e/p> _:b{} .\n", i + 1));
    }
    let e = timed("10k blank nodes", || {
        canonicalize_nquads(&nq, &Limits::default())
    })
    .unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::BlankNodes), "{e:?}");
}

/// More quads than the budget (default 20,000).
#[test]
fn too_many_quads_hit_the_quad_limit() {
    let mut nq = String::new();
    for i in 0..25_000 {
        nq.push_str(&format!("<http://e/s> <http://e/p> \"{i}\" .\n"));
    }
    let e = timed("25k quads", || canonicalize_nquads(&nq, &Limits::default())).unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::Quads), "{e:?}");
}

fn complete_graph(n: usize) -> String {
    let mut nq = String::new();
    for a in 0..n {
        for b in 0..n {
            if a != b {
                nq.push_str(&format!("_:b{a} <http://e/p> _:b{b} .\n"));
            }
        }
    }
    nq
}

/// The RDFC-1.0 poison: blank nodes that all look alike (a complete graph),
/// so each needs Hash N-Degree Quads over the permutations of its
/// neighbours. Few quads, few blank nodes, factorial work: stopped by the
/// call budget (lowered here to keep the test quick; the default is below).
#[test]
fn rdfc_poison_hits_the_hash_n_degree_limit() {
    let mut limits = Limits::default();
    limits.max_hndq_calls = 1_000;
    limits.max_canon_work = usize::MAX; // isolate the call budget
    let nq = complete_graph(12);
    let e = timed("complete graph", || canonicalize_nquads(&nq, &limits)).unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::HashNDegreeCalls), "{e:?}");
}

/// Regression: the call budget alone bounded the number of Hash N-Degree
/// Quads calls, not their cost, which grows with the dataset (a complete
/// graph of 80 blank nodes took about two minutes in a debug build before the
/// call limit). The work budget (`max_canon_work`: calls x blank-node quads)
/// now stops dense graphs after a number of calls that shrinks as they grow.
#[test]
fn rdfc_dense_graphs_stop_on_the_work_budget() {
    for n in [20, 40, 80] {
        let nq = complete_graph(n);
        let e = timed(&format!("K{n} at the default budget"), || {
            canonicalize_nquads(&nq, &Limits::default())
        })
        .unwrap_err();
        assert_eq!(limit_of(&e), Some(Limit::CanonWork), "K{n}: {e:?}");
    }
}

/// A small JSON-LD document that expands to more quads than allowed.
#[test]
fn json_ld_quad_bomb_hits_the_quad_limit() {
    let items: Vec<Value> = (0..25_000).map(|i| json!(i)).collect();
    let doc = json!({ "@context": { "@vocab": "http://example.org/" }, "p": items });
    // The byte budget (met first at the defaults) is lifted: this is about
    // the quad count.
    let mut limits = Limits::default();
    limits.max_canonical_bytes = usize::MAX;
    let canon = GenericCanonicalizer::new(ContextLoader::default(), limits);
    let e = timed("quad bomb", || canon.canonicalize(&doc)).unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::Quads), "{e:?}");
    let canon = GenericCanonicalizer::new(ContextLoader::default(), Limits::default());
    let e = timed("quad bomb, default limits", || canon.canonicalize(&doc)).unwrap_err();
    assert_eq!(limit_of(&e), Some(Limit::CanonicalBytes), "{e:?}");
}

/// A GZIP bomb in `encodedList` stops at the decompression budget.
#[test]
fn gzip_bomb_in_encoded_list_hits_the_size_limit() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..8 {
        gz.write_all(&zeros).unwrap();
    }
    let compressed = gz.finish().unwrap();
    use base64::Engine as _;
    let encoded = format!(
        "u{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&compressed)
    );
    let e = timed("gzip bomb", || {
        openbadges::status::decode_encoded_list(&encoded, &Limits::default())
    })
    .unwrap_err();
    assert!(
        matches!(
            e,
            openbadges::status::StatusError::Limit {
                source: LimitExceeded {
                    limit: Limit::FetchBytes,
                    ..
                },
                ..
            }
        ),
        "{e:?}"
    );
}

/// A proof whose `proofValue` is megabytes of base58 is refused without
/// decoding it (base58 decoding is quadratic).
#[test]
fn huge_proof_value_is_refused_quickly() {
    use openbadges::proof::{verify_proofs, DidKeyResolver, ProofFailure, ProofVerifyOptions};
    let doc = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"id": "did:example:alice"},
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "verificationMethod": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "proofPurpose": "assertionMethod",
            "proofValue": format!("z{}", "2".repeat(900_000)),
        }
    });
    let canon = GenericCanonicalizer::new(ContextLoader::default(), Limits::default());
    let report = timed("huge proofValue", || {
        verify_proofs(
            &doc,
            &canon,
            &DidKeyResolver,
            &ProofVerifyOptions::default(),
        )
    });
    assert!(!report.is_verified());
    let outcome = &report.proofs[0].outcome;
    assert!(
        matches!(
            outcome,
            Err(ProofFailure::SignatureLength { .. } | ProofFailure::BadProofValue(_))
        ),
        "{outcome:?}"
    );
}

/// Base58 multikeys and did:keys of absurd length are refused quickly too.
#[test]
fn huge_multibase_keys_are_refused_quickly() {
    let long = format!("z6Mk{}", "z".repeat(1_000_000));
    assert!(timed("multikey", || openbadges::keys::decode_multikey(&long)).is_err());
    assert!(timed("secret multikey", || {
        openbadges::keys::Ed25519KeyPair::from_secret_multikey(&long)
    })
    .is_err());
    let did = format!("did:key:{long}");
    assert!(timed("did:key", || openbadges::did::public_key_from_did_key(&did)).is_err());
    assert!(timed("did:key url", || {
        openbadges::did::resolve_did_key_url(&format!("{did}#{long}"))
    })
    .is_err());
}
