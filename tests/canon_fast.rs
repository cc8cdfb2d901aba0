#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The fast canonicalizer equals the generic one, byte for byte.
//!
//! The oracle is [`GenericCanonicalizer`] (json-ld 0.21 in safe mode +
//! RDFC-1.0, itself checked against the W3C vectors, the RDFC-1.0 suite and
//! Digital Bazaar's output in the other tests). Inputs: every JSON file
//! under `fixtures/` (interop cases, verify fixtures, the bench credential),
//! every JSON file under `../shared/spec/` (OB 3.0 / CLR 2.0 / VC examples,
//! vectors, conformance samples), each as found and — for signed documents —
//! as signing and verifying see it (without `proof`, and each proof
//! configuration). The documents that must take the fast path (a minted
//! credential, the bench credential, `fixtures/verify/valid.json`) are
//! asserted to, or the comparison would prove nothing.

use std::path::{Path, PathBuf};

use openbadges::canon::fast::{FastCanonicalizer, Route};
use openbadges::canon::{Canonicalizer, GenericCanonicalizer};
use openbadges::contexts::{ContextLoader, CLR_V2P0_CONTEXT, CLR_V2P0_CONTEXT_2_0_1};
use openbadges::limits::Limits;
use serde_json::Value;

const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");

/// The default loader plus the contexts the crate does not embed, from
/// ../shared (as `tests/canon_vectors.rs` does), when present.
fn loader() -> ContextLoader {
    let mut loader = ContextLoader::default();
    let dir = Path::new(MANIFEST).join("../shared/spec/contexts");
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
    loader
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "node_modules") {
                continue;
            }
            json_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "json" || e == "jsonld") {
            out.push(p);
        }
    }
}

/// The document and what signing/verifying canonicalize of it.
fn variants(doc: &Value) -> Vec<(String, Value)> {
    let mut out = vec![("as found".to_owned(), doc.clone())];
    let Some(obj) = doc.as_object() else {
        return out;
    };
    let Some(proof) = obj.get("proof") else {
        return out;
    };
    let mut unsecured = obj.clone();
    unsecured.shift_remove("proof");
    out.push(("unsecured".to_owned(), Value::Object(unsecured)));
    let proofs: Vec<&Value> = match proof {
        Value::Array(a) => a.iter().collect(),
        p => vec![p],
    };
    for (i, p) in proofs.into_iter().enumerate() {
        if let (Some(p), Some(ctx)) = (p.as_object(), obj.get("@context")) {
            let mut config = p.clone();
            config.shift_remove("proofValue");
            config.insert("@context".to_owned(), ctx.clone());
            out.push((format!("proof config {i}"), Value::Object(config)));
        }
    }
    out
}

#[derive(Default)]
struct Tally {
    compared: usize,
    fast: usize,
    fast_full: usize,
    generic_ok: usize,
    generic_err: usize,
    /// Documents with a `proof` whose unsecured form was compared too.
    unsecured: usize,
}

/// Canonicalizes `doc` both ways and asserts the fast answer is the generic
/// one; returns the route.
fn check(
    fast: &FastCanonicalizer,
    generic: &GenericCanonicalizer,
    what: &str,
    doc: &Value,
    t: &mut Tally,
) -> Route {
    let want = generic.canonicalize(doc);
    let (got, route) = fast.canonicalize_traced(doc);
    t.compared += 1;
    // The unsecured document (Data Integrity): the fast canonicalizer
    // leaves `proof` out as it reads; the answer must be the generic one
    // for a copy without it, whichever route it takes.
    if let Some(m) = doc.as_object().filter(|m| m.contains_key("proof")) {
        let mut without = m.clone();
        without.shift_remove("proof");
        let want = generic.canonicalize(&Value::Object(without));
        let got = fast.canonicalize_unsecured(doc);
        match (&want, &got) {
            (Ok(w), Ok(g)) => assert_eq!(g, w, "{what}: unsecured forms differ"),
            (Err(_), Err(_)) => {}
            _ => panic!("{what}: unsecured: fast {got:?}, generic {want:?}"),
        }
        t.unsecured += 1;
    }
    match &route {
        Route::Fast | Route::FastFullRdfc => {
            if route == Route::Fast {
                t.fast += 1;
            } else {
                t.fast_full += 1;
            }
            match (&want, &got) {
                (Ok(w), Ok(g)) => assert_eq!(g, w, "{what}: fast and generic differ"),
                (Err(e), _) => panic!("{what}: the fast path answered but the generic one refused: {e}\nfast: {got:?}"),
                (Ok(_), Err(e)) => panic!("{what}: the fast path failed: {e}"),
            }
            assert!(
                fast.covers(doc).is_ok(),
                "{what}: covers disagrees with the route"
            );
        }
        Route::Generic(why) => {
            // The caller's canonicalizer has the generic path's budgets
            // lifted (`unbudgeted_fallback`): the fallback is the generic
            // path's own answer.
            assert_eq!(got, want, "{what}: the fallback is not the generic answer");
            assert_eq!(fast.covers(doc).err().as_ref(), Some(why), "{what}");
            if want.is_ok() {
                t.generic_ok += 1;
            } else {
                t.generic_err += 1;
            }
        }
        other => panic!("{what}: unknown route {other:?}"),
    }
    route
}

/// The default limits with the generic path's budgets lifted, so that every
/// document outside the fast path is compared with the generic answer
/// rather than refused (the budgets are checked in tests/verify_budgets.rs
/// a default-budget refusal would show here as a mismatch).
fn unbudgeted_fallback() -> Limits {
    let mut l = Limits::default();
    l.max_generic_objects = usize::MAX;
    l.max_generic_values = usize::MAX;
    l.max_generic_bytes = usize::MAX;
    l
}

fn require_shared() -> bool {
    std::env::var("OPENBADGES_REQUIRE_SHARED").is_ok_and(|v| v == "1")
}

#[test]
fn every_fixture_is_canonicalized_identically() {
    let loader = loader();
    let fast = FastCanonicalizer::new(loader.clone(), unbudgeted_fallback());
    let generic = GenericCanonicalizer::new(loader, Limits::default());
    let mut files = Vec::new();
    json_files(&Path::new(MANIFEST).join("fixtures"), &mut files);
    assert!(files.len() > 50, "fixtures/ has {} JSON files", files.len());
    let mut t = Tally::default();
    let mut not_covered = Vec::new();
    for f in &files {
        let Ok(doc) = serde_json::from_slice::<Value>(&std::fs::read(f).unwrap()) else {
            continue;
        };
        for (v, d) in variants(&doc) {
            let what = format!("{} ({v})", f.strip_prefix(MANIFEST).unwrap().display());
            if let Route::Generic(why) = check(&fast, &generic, &what, &d, &mut t) {
                not_covered.push(format!("{what}: {why}"));
            }
        }
    }
    println!(
        "fixtures: {} documents compared ({} also without their proof), {} fast ({} through the full RDFC-1.0), {} generic (ok), {} generic (refused)",
        t.compared,
        t.unsecured,
        t.fast + t.fast_full,
        t.fast_full,
        t.generic_ok,
        t.generic_err
    );
    for n in &not_covered {
        println!("  generic: {n}");
    }
    assert!(
        t.fast > 30,
        "too few fixtures took the fast path: {}",
        t.fast
    );
    assert!(
        t.unsecured > 20,
        "too few signed fixtures compared without their proof: {}",
        t.unsecured
    );
}

#[test]
fn every_shared_example_is_canonicalized_identically() {
    let dir = Path::new(MANIFEST).join("../shared/spec");
    if !dir.is_dir() {
        assert!(
            !require_shared(),
            "../shared/spec is missing and OPENBADGES_REQUIRE_SHARED=1"
        );
        println!("skipped: ../shared/spec is absent");
        return;
    }
    let loader = loader();
    let fast = FastCanonicalizer::new(loader.clone(), unbudgeted_fallback());
    let generic = GenericCanonicalizer::new(loader, Limits::default());
    let mut files = Vec::new();
    json_files(&dir, &mut files);
    let mut t = Tally::default();
    let mut not_covered = Vec::new();
    for f in &files {
        let Ok(doc) = serde_json::from_slice::<Value>(&std::fs::read(f).unwrap()) else {
            continue;
        };
        for (v, d) in variants(&doc) {
            let what = format!("{} ({v})", f.strip_prefix(&dir).unwrap().display());
            if let Route::Generic(why) = check(&fast, &generic, &what, &d, &mut t) {
                if generic.canonicalize(&d).is_ok() {
                    not_covered.push(format!("{what}: {why}"));
                }
            }
        }
    }
    println!(
        "../shared/spec: {} documents compared, {} fast ({} through the full RDFC-1.0), {} generic (ok), {} generic (refused)",
        t.compared,
        t.fast + t.fast_full,
        t.fast_full,
        t.generic_ok,
        t.generic_err
    );
    for n in &not_covered {
        println!("  generic: {n}");
    }
    assert!(
        t.fast > 20,
        "too few examples took the fast path: {}",
        t.fast
    );
}

/// The documents signing and verifying meet every day must be covered.
#[test]
fn common_documents_take_the_fast_path() {
    let fast = FastCanonicalizer::new(ContextLoader::default(), unbudgeted_fallback());
    let generic = GenericCanonicalizer::new(ContextLoader::default(), Limits::default());
    let mut t = Tally::default();
    for file in [
        "fixtures/bench/ob3-realistic.json",
        "fixtures/verify/valid.json",
        "fixtures/interop/ours/mint.json",
    ] {
        let doc: Value =
            serde_json::from_slice(&std::fs::read(Path::new(MANIFEST).join(file)).unwrap())
                .unwrap();
        for (v, d) in variants(&doc) {
            let what = format!("{file} ({v})");
            let route = check(&fast, &generic, &what, &d, &mut t);
            assert_eq!(route, Route::Fast, "{what}");
        }
    }
}
