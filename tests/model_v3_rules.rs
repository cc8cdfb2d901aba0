#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The OB 3.0 structure rules (`model::v3::rules`, the one place they live)
//! and the typed model agree: every document the rules accept, the typed
//! model reads. The verifier used to ask the model for a second opinion at
//! run time; this test is why it no longer needs to.
//!
//! Documents: every OB 3.0 credential under `fixtures/` (ours, and the
//! independent ones: Digital Bazaar, 1EdTech and other implementations'
//! output under `fixtures/interop/` and `fixtures/conformance/`), and every
//! single mutation of each at each node: the value deleted, or replaced by
//! each JSON kind (null, a boolean, a number, a string, an IRI, an empty
//! array, an empty object, a one-element array of the value). Expected:
//! rules accept ⇒ `from_json_value` reads it. The test prints how many
//! mutations the rules refused, so a rule set that accepts everything (and
//! so passes trivially) shows, and asserts the rules refuse a share of them.

use std::path::Path;

use openbadges::model::v3::rules::{check, Document};
use openbadges::model::v3::{from_json_value, AchievementCredential, EndorsementCredential};
use serde_json::{json, Value};

fn credentials(dir: &Path, out: &mut Vec<(String, Value)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            credentials(&path, out);
            continue;
        }
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let Ok(v) = serde_json::from_slice::<Value>(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let types = openbadges_types(&v);
        let ob3 = types.iter().any(|t| {
            matches!(
                t.as_str(),
                "OpenBadgeCredential" | "AchievementCredential" | "EndorsementCredential"
            )
        });
        if ob3 {
            out.push((path.display().to_string(), v));
        }
    }
}

fn openbadges_types(v: &Value) -> Vec<String> {
    match v.get("type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// Every node's location, as a list of object keys / array indexes.
#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn paths(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "proof" || k == "@context" {
                    continue;
                }
                at.push(Seg::Key(k.clone()));
                out.push(at.clone());
                paths(x, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(Seg::Index(i));
                out.push(at.clone());
                paths(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'v>(v: &'v mut Value, path: &[Seg]) -> &'v mut Value {
    path.iter().fold(v, |v, s| match s {
        Seg::Key(k) => &mut v[k.as_str()],
        Seg::Index(i) => &mut v[*i],
    })
}

fn mutations(doc: &Value) -> Vec<Value> {
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    let mut out = Vec::new();
    for p in all {
        let (last, parent) = p.split_last().unwrap();
        // Deleted.
        let mut d = doc.clone();
        match (get_mut(&mut d, parent), last) {
            (Value::Object(m), Seg::Key(k)) => {
                m.remove(k);
            }
            (Value::Array(a), Seg::Index(i)) => {
                a.remove(*i);
            }
            _ => unreachable!(),
        }
        out.push(d);
        // Replaced by each kind of JSON value.
        let mut original = doc.clone();
        let here = get_mut(&mut original, &p).clone();
        for replacement in [
            Value::Null,
            json!(true),
            json!(7),
            json!("text"),
            json!("https://example.org/iri"),
            json!([]),
            json!({}),
            json!([here.clone()]),
        ] {
            let mut d = doc.clone();
            *get_mut(&mut d, &p) = replacement;
            out.push(d);
        }
    }
    out
}

fn model_reads(doc: &Value) -> Result<(), String> {
    let endorsement = openbadges_types(doc)
        .iter()
        .any(|t| t == "EndorsementCredential");
    let r = if endorsement {
        from_json_value::<EndorsementCredential>(doc.clone()).map(|_| ())
    } else {
        from_json_value::<AchievementCredential>(doc.clone()).map(|_| ())
    };
    r.map_err(|e| e.to_string())
}

#[test]
fn the_typed_model_reads_every_document_the_rules_accept() {
    let mut docs = Vec::new();
    credentials(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut docs,
    );
    assert!(
        docs.len() >= 20,
        "only {} OB 3.0 fixtures found",
        docs.len()
    );
    let (mut total, mut refused, mut disagreements) = (0usize, 0usize, Vec::new());
    for (name, doc) in &docs {
        let mut cases = vec![doc.clone()];
        cases.extend(mutations(doc));
        for case in cases {
            total += 1;
            if !check(&case, Document::Credential).is_empty() {
                refused += 1;
                continue;
            }
            if let Err(e) = model_reads(&case) {
                disagreements.push(format!("{name}: {e}\n  {case}"));
            }
        }
    }
    println!(
        "{} fixtures, {total} documents: rules refused {refused}, {} accepted by the rules but not by the model",
        docs.len(),
        disagreements.len()
    );
    if std::env::var_os("RULES_DEBUG").is_some() {
        let mut kinds = std::collections::BTreeMap::new();
        for d in &disagreements {
            let first = d.lines().next().unwrap_or("");
            let k = first.split_once(": ").map_or(first, |x| x.1).to_owned();
            *kinds.entry(k).or_insert(0) += 1;
        }
        for (k, n) in kinds {
            println!("{n:5} {k}");
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} disagreements; first: {}",
        disagreements.len(),
        disagreements[0]
    );
    // The rules must actually refuse things: most single mutations of a
    // required or typed property break one.
    assert!(
        refused * 3 > total,
        "rules refused only {refused} of {total}"
    );
}

#[test]
fn a_wrong_shaped_embedded_endorsement_is_reported_at_its_root_cause() {
    // The verifier once headlined an embedded endorsement of the wrong
    // shape with serde's "data did not match any variant of untagged enum
    // OneOrMany"; the rules name the path and what is wrong.
    let doc: Value = serde_json::from_slice(
        &std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/verify/valid.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let mut d = doc.clone();
    d["endorsement"] = json!(["not an endorsement"]);
    let v = check(&d, Document::Credential);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].path, "$.endorsement[0]");
    assert!(
        v[0].reason.contains("EndorsementCredential object"),
        "{v:?}"
    );
}
