//! Differential test over every signed fixture and spec sample: the values
//! the verifier's checks read equal the values in the canonical graph, or
//! the document is refused.
//!
//! The second route is independent of the verifier's `signed-graph` code: it
//! canonicalizes the unsecured document with the generic canonicalizer and
//! reads the credential's date and issuer triples straight off the N-Quads
//! lines (`<id> <…credentials#validUntil> "…"^^<…> .`), then compares them
//! with the JSON members the date and key-binding checks read.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use openbadges::canon::{Canonicalizer, GenericCanonicalizer};
use openbadges::contexts::ContextLoader;
use openbadges::limits::Limits;
use openbadges::verify::{verify, CheckId, StatusPolicy, VerifyOptions};
use serde_json::Value;

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "node_modules") {
                continue;
            }
            json_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "json" || x == "jsonld") {
            out.push(p);
        }
    }
}

/// The objects of `<subject> <…#local>` lines, as text (literal lexical
/// forms or IRIs).
fn graph_values(nquads: &str, subject: &str, local: &str) -> BTreeSet<String> {
    let head = format!("<{subject}> ");
    nquads
        .lines()
        .filter_map(|l| l.strip_prefix(&head))
        .filter_map(|rest| {
            let (pred, obj) = rest.split_once("> ")?;
            let pred = pred.strip_prefix('<')?;
            if !(pred.ends_with(&format!("#{local}"))) {
                return None;
            }
            let obj = obj.strip_suffix(" .")?;
            // Default graph only: a fourth term would follow the object.
            if let Some(iri) = obj.strip_prefix('<') {
                return iri.strip_suffix('>').map(str::to_owned);
            }
            let lit = obj.strip_prefix('"')?;
            let end = lit.find('"')?;
            Some(lit[..end].to_owned())
        })
        .collect()
}

fn json_values(doc: &Value, key: &str) -> BTreeSet<String> {
    match doc.get(key) {
        Some(Value::String(s)) => [s.clone()].into(),
        Some(Value::Object(o)) => o
            .get("id")
            .and_then(Value::as_str)
            .map(|s| [s.to_owned()].into())
            .unwrap_or_default(),
        _ => BTreeSet::new(),
    }
}

#[test]
fn checked_values_equal_the_signed_graph_or_the_document_is_refused() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    json_files(&root.join("fixtures"), &mut files);
    let shared = root.join("../shared/spec");
    if shared.is_dir() {
        json_files(&shared.join("examples"), &mut files);
        json_files(&shared.join("conformance"), &mut files);
        json_files(&shared.join("vectors"), &mut files);
    } else {
        println!("../shared/spec is absent: the fixtures only");
    }
    let canon = GenericCanonicalizer::new(ContextLoader::default(), Limits::DEFAULT);
    let opts =
        VerifyOptions::at("2026-06-01T00:00:00Z".parse().unwrap()).status(StatusPolicy::Ignore);
    let (mut compared, mut refused) = (0usize, 0usize);
    let mut problems = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let Ok(doc) = serde_json::from_slice::<Value>(&bytes) else {
            continue;
        };
        if doc.get("proof").is_none() || doc.get("@context").is_none() {
            continue;
        }
        let Ok(report) = verify(&bytes, &opts) else {
            continue;
        };
        let Some(sg) = report.check(CheckId::SignedGraph) else {
            continue;
        };
        let proof_ok = report
            .check(CheckId::Proof)
            .is_some_and(|c| c.outcome.is_passed());
        if sg.outcome.is_failed() {
            refused += 1;
            if !proof_ok {
                continue;
            }
            println!("refused {}: {}", f.display(), sg.outcome.reason().unwrap());
            continue;
        }
        if !(proof_ok && sg.outcome.is_passed()) {
            continue;
        }
        let Some(id) = doc.get("id").and_then(Value::as_str) else {
            continue;
        };
        let mut unsecured = doc.clone();
        unsecured.as_object_mut().unwrap().shift_remove("proof");
        let Ok(nquads) = canon.canonicalize(&unsecured) else {
            continue;
        };
        for key in [
            "validFrom",
            "validUntil",
            "issuanceDate",
            "expirationDate",
            "issuer",
        ] {
            let shown = json_values(&doc, key);
            let signed = graph_values(&nquads, id, key);
            if shown != signed {
                problems.push(format!(
                    "{}: {key} shows {shown:?}, the signed graph holds {signed:?}",
                    f.display()
                ));
            }
        }
        compared += 1;
    }
    println!("compared {compared} signed credentials with their graphs; {refused} refused");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // fixtures/verify + fixtures/interop alone hold well over 20 verifying
    // credentials with an id; fewer means the walk found nothing.
    assert!(compared >= 20, "only {compared} compared");
}
