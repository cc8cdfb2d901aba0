#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Safe-mode expansion: nothing is silently dropped. Small inline documents
//! using the embedded contexts (no ../shared needed).

use openbadges::canon::{CanonError, Canonicalizer, GenericCanonicalizer};
use openbadges::contexts::{ContextLoader, Ob303Revision};
use openbadges::limits::{Limit, Limits};
use serde_json::{json, Value};

fn canon() -> GenericCanonicalizer {
    GenericCanonicalizer::new(ContextLoader::default(), Limits::default())
}

fn base() -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": "urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Teamwork",
        "issuer": {
            "id": "https://example.edu/issuers/565049",
            "type": ["Profile"],
            "name": "Example University"
        },
        "validFrom": "2010-01-01T00:00:00Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://example.edu/achievements/1",
                "type": ["Achievement"],
                "name": "Teamwork",
                "description": "Works in a team.",
                "criteria": {"narrative": "Team project."}
            }
        }
    })
}

fn expansion_error(doc: &Value) -> (String, String) {
    match canon().canonicalize(doc) {
        Err(CanonError::Expansion { path, reason }) => (path, reason),
        other => panic!("expected an expansion error, got {other:?}"),
    }
}

#[test]
fn the_base_document_canonicalizes() {
    let out = canon().canonicalize(&base()).unwrap();
    assert!(out.contains("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement>"));
    assert!(out.ends_with(" .\n"));
    let mut lines: Vec<&str> = out.lines().collect();
    let n = lines.len();
    lines.sort_unstable();
    lines.dedup();
    assert_eq!(lines.len(), n, "canonical output is sorted and unique");
}

#[test]
fn undefined_top_level_term_is_rejected() {
    let mut d = base();
    d["favouriteColour"] = json!("blue");
    let (path, reason) = expansion_error(&d);
    assert_eq!(path, "$.favouriteColour");
    assert!(reason.contains("favouriteColour"), "{reason}");
}

#[test]
fn misspelt_nested_property_is_rejected() {
    let mut d = base();
    let a = d["credentialSubject"]["achievement"]
        .as_object_mut()
        .unwrap();
    let v = a.remove("description").unwrap();
    a.insert("descripton".into(), v);
    let (path, reason) = expansion_error(&d);
    assert_eq!(path, "$.credentialSubject.achievement.descripton");
    assert!(reason.contains("descripton"), "{reason}");
}

#[test]
fn undefined_type_is_rejected() {
    let mut d = base();
    d["credentialSubject"]["achievement"]["type"] = json!(["Achievment"]);
    let (path, reason) = expansion_error(&d);
    assert!(
        path.starts_with("$.credentialSubject.achievement.type"),
        "{path}"
    );
    assert!(reason.contains("Achievment"), "{reason}");
}

#[test]
fn non_string_type_is_rejected() {
    let mut d = base();
    d["issuer"]["type"] = json!([{"a": 1}]);
    let (path, reason) = expansion_error(&d);
    assert_eq!(path, "$.issuer.type");
    assert!(reason.contains("@type"), "{reason}");
}

#[test]
fn relative_id_is_rejected() {
    let mut d = base();
    d["credentialSubject"]["achievement"]["id"] = json!("achievements/1");
    let (path, reason) = expansion_error(&d);
    assert_eq!(path, "$.credentialSubject.achievement.id");
    assert!(reason.contains("achievements/1"), "{reason}");
}

#[test]
fn unknown_context_is_named() {
    let mut d = base();
    d["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!("https://example.org/contexts/custom.json"));
    assert_eq!(
        canon().canonicalize(&d).unwrap_err(),
        CanonError::UnknownContext {
            url: "https://example.org/contexts/custom.json".into()
        }
    );
}

#[test]
fn registered_context_is_used() {
    let mut d = base();
    d["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!("https://example.org/contexts/custom.json"));
    d["favouriteColour"] = json!("blue");
    let mut loader = ContextLoader::default();
    loader
        .register(
            "https://example.org/contexts/custom.json",
            json!({"@context": {"favouriteColour": "https://example.org/vocab#favouriteColour"}}),
        )
        .unwrap();
    let out = GenericCanonicalizer::new(loader, Limits::default())
        .canonicalize(&d)
        .unwrap();
    assert!(out.contains("<https://example.org/vocab#favouriteColour> \"blue\""));
}

#[test]
fn ob_303_2026_terms_need_the_2026_revision() {
    let mut d = base();
    d["jti"] = json!("https://example.edu/credentials/3732");
    let out = canon().canonicalize(&d).unwrap();
    assert!(out.contains(
        "<https://www.iana.org/assignments/jwt#jti> <https://example.edu/credentials/3732>"
    ));
    let old = GenericCanonicalizer::new(
        ContextLoader::default().with_ob_303_revision(Ob303Revision::Original2024),
        Limits::default(),
    );
    match old.canonicalize(&d) {
        Err(CanonError::Expansion { path, .. }) => assert_eq!(path, "$.jti"),
        other => panic!("{other:?}"),
    }
    // A document without the new terms is identical under both revisions.
    assert_eq!(
        old.canonicalize(&base()).unwrap(),
        canon().canonicalize(&base()).unwrap()
    );
}

#[test]
fn literals_follow_json_ld_to_rdf() {
    let mut loader = ContextLoader::empty();
    loader
        .register(
            "https://example.org/c",
            json!({"@context": {
                "@vocab": "https://example.org/v#",
                "j": {"@id": "https://example.org/v#j", "@type": "@json"}
            }}),
        )
        .unwrap();
    let c = GenericCanonicalizer::new(loader, Limits::default());
    let d = json!({
        "@context": "https://example.org/c",
        "@id": "https://example.org/s",
        "int": 5,
        "intf": 5.0,
        "big": 1e21,
        "dbl": 5.5,
        "bool": true,
        "lang": {"@value": "chat", "@language": "fr"},
        "j": {"b": 1, "a": [true, null]}
    });
    let out = c.canonicalize(&d).unwrap();
    let s = "<https://example.org/s> <https://example.org/v#";
    for line in [
        format!("{s}int> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> ."),
        format!("{s}dbl> \"5.5E0\"^^<http://www.w3.org/2001/XMLSchema#double> ."),
        format!("{s}intf> \"5\"^^<http://www.w3.org/2001/XMLSchema#integer> ."),
        format!("{s}big> \"1.0E21\"^^<http://www.w3.org/2001/XMLSchema#double> ."),
        format!("{s}bool> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> ."),
        format!("{s}lang> \"chat\"@fr ."),
        format!(
            "{s}j> \"{{\\\"a\\\":[true,null],\\\"b\\\":1}}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> ."
        ),
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line}\nin\n{out}");
    }
}

#[test]
fn quad_budget_is_enforced() {
    let mut limits = Limits::default();
    limits.max_quads = 5;
    let c = GenericCanonicalizer::new(ContextLoader::default(), limits);
    match c.canonicalize(&base()) {
        Err(CanonError::Limit(l)) => assert_eq!(l.limit, Limit::Quads),
        other => panic!("{other:?}"),
    }
}

#[test]
fn depth_budget_is_enforced() {
    let mut limits = Limits::default();
    limits.max_json_depth = 3;
    let c = GenericCanonicalizer::new(ContextLoader::default(), limits);
    match c.canonicalize(&base()) {
        Err(CanonError::Limit(l)) => assert_eq!(l.limit, Limit::JsonDepth),
        other => panic!("{other:?}"),
    }
}

#[test]
fn keyword_like_key_is_rejected() {
    let mut d = base();
    d["credentialSubject"]["@foo"] = json!("bar");
    let (path, reason) = expansion_error(&d);
    assert_eq!(path, "$.credentialSubject.@foo");
    assert!(reason.contains("@foo"), "{reason}");
}

#[test]
fn malformed_language_tag_is_rejected() {
    let mut d = base();
    d["name"] = json!({"@value": "Teamwork", "@language": "not a tag!"});
    let (path, reason) = expansion_error(&d);
    assert_eq!(path, "$.name.@language");
    assert!(reason.contains("not a tag!"), "{reason}");
}

#[test]
fn relative_reference_is_rejected() {
    let mut d = base();
    d["issuer"] = json!("issuers/565049");
    let (path, reason) = expansion_error(&d);
    assert_eq!(path, "$.issuer");
    assert!(reason.contains("issuers/565049"), "{reason}");
}

/// A term an inline context maps to null would drop its value from the
/// signed graph without a word: safe mode refuses it, naming the path.
#[test]
fn null_mapped_term_is_rejected() {
    let mut d = base();
    d["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!({"salaryStep": null, "note": {"@id": null}}));
    d["salaryStep"] = json!("step 4");
    let (path, reason) = expansion_error(&d);
    assert_eq!(path, "$.salaryStep");
    assert!(reason.contains("mapped to null"), "{reason}");

    let mut d = base();
    d["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!({"note": {"@id": null}}));
    d["credentialSubject"]["note"] = json!("unsigned text");
    let (path, _) = expansion_error(&d);
    assert_eq!(path, "$.credentialSubject.note");

    // A null-mapped term that the document does not use is harmless.
    let mut d = base();
    d["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!({"unused": null}));
    assert!(canon().canonicalize(&d).is_ok());
}
