#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Property tests: on generated OB 3.0 credentials the fast canonicalizer
//! answers exactly what the generic one (the oracle, json-ld 0.21 + RDFC-1.0)
//! answers, and the credentials a normal issuer writes take the fast path.
//!
//! The generator covers what the issue lists: optional fields present or
//! absent; arrays of 0..n (an empty `@list` is `rdf:nil`); strings with
//! non-ASCII and control characters; integers and floats (big, negative,
//! exponents, -0.0, 1.0, beyond `u64`) untyped and under `xsd:float` /
//! `xsd:integer` coercions; date-time forms (offsets, fractions, bare
//! dates, nonsense: RDF keeps the lexical form); embedded versus
//! referenced objects; the OB extensions context's types; `awardedDate`,
//! which the OB 3.0.3 context types `xsd:dateTime` without defining an `xsd`
//! prefix (both paths write the datatype IRI `xsd:dateTime`), and the
//! `http://www.w3.org/2001/XMLSchema#date` datatypes; language-tagged and
//! directed strings; `@json` values; repeated values; proof sets of 1..3
//! proofs. A second generator adds one defect a stranger might send (an
//! undefined term, a `null`, an inline context, a keyword the fast path
//! does not handle, a relative IRI…), where the fast path must decline and
//! the answer — usually an error — must still be the generic one.
//!
//! Cases: `PROPTEST_CASES` (default 48 each; the generic path is slow in a
//! debug build).

use std::sync::OnceLock;

use openbadges::canon::fast::{FastCanonicalizer, Route};
use openbadges::canon::{Canonicalizer, GenericCanonicalizer};
use openbadges::contexts::ContextLoader;
use openbadges::limits::Limits;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Map, Value};

fn canons() -> &'static (FastCanonicalizer, GenericCanonicalizer) {
    static C: OnceLock<(FastCanonicalizer, GenericCanonicalizer)> = OnceLock::new();
    C.get_or_init(|| {
        (
            // The generic path's budgets are lifted: this compares the
            // fallback's answers with the generic path's, whatever their
            // size (tests/verify_budgets.rs checks the budgets).
            FastCanonicalizer::new(ContextLoader::default(), {
                let mut l = Limits::default();
                l.max_generic_objects = usize::MAX;
                l.max_generic_values = usize::MAX;
                l.max_generic_bytes = usize::MAX;
                l
            }),
            GenericCanonicalizer::new(ContextLoader::default(), Limits::default()),
        )
    })
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(48);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Strings with ASCII, non-ASCII, quotes, backslashes and control characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 .,:-]{0,16}",
        "[\\x00-\\x1f\\x7f\"\\\\a-zé中🎓\u{202e}\u{2028} ]{0,12}",
        "\\PC{0,10}",
    ]
}

/// A JSON number written as JSON text, parsed as serde_json reads it.
fn number() -> impl Strategy<Value = Value> {
    let int = ("-?", "[1-9][0-9]{0,24}|0").prop_map(|(s, d)| format!("{s}{d}"));
    let dec = ("-?", "[1-9][0-9]{0,5}|0", "[0-9]{1,6}").prop_map(|(s, a, b)| format!("{s}{a}.{b}"));
    let exp = ("-?", "[1-9]", "(\\.[0-9]{1,4})?", "[eE][+-]?[0-9]{1,3}")
        .prop_map(|(s, a, b, e)| format!("{s}{a}{b}{e}"));
    let special = prop_oneof![
        Just("-0.0".to_owned()),
        Just("-0".to_owned()),
        Just("1.0".to_owned()),
        Just("1e21".to_owned()),
        Just("1e20".to_owned()),
        Just("9007199254740993".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("5e-324".to_owned()),
        Just("1.7976931348623157e308".to_owned()),
        Just("0.30000000000000004".to_owned()),
    ];
    prop_oneof![int, dec, exp, special].prop_filter_map("a finite JSON number", |t| {
        serde_json::from_str::<Value>(&t)
            .ok()
            .filter(Value::is_number)
    })
}

fn date_time() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2024-06-14T09:30:00Z".to_owned()),
        Just("2024-06-14T09:30:00.123+02:00".to_owned()),
        Just("2024-06-14".to_owned()),
        Just("2024-06-14T09:30:00-05:30".to_owned()),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z",
        text(),
    ]
}

fn iri() -> impl Strategy<Value = String> {
    prop_oneof![
        "https://[a-z]{1,8}\\.example/[a-z0-9/]{0,12}",
        "urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}",
        "did:example:[a-zA-Z0-9]{1,16}",
        "https://x\\.example/path\\?q=[a-z]{1,4}#frag",
        Just("https://example.org/caf\u{e9}".to_owned()),
    ]
}

/// A string, or a language-tagged (and maybe directed) value object.
fn lang_text() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => text().prop_map(Value::String),
        1 => (text(), prop_oneof![Just("en"), Just("pt-BR"), Just("zh-Hant-TW"), Just("ar"), Just("EN-us")])
            .prop_map(|(s, l)| json!({"@value": s, "@language": l})),
        1 => (text(), prop::option::of(prop_oneof![Just("en"), Just("he")]), prop_oneof![Just("ltr"), Just("rtl")])
            .prop_map(|(s, l, d)| match l {
                Some(l) => json!({"@value": s, "@language": l, "@direction": d}),
                None => json!({"@value": s, "@direction": d}),
            }),
    ]
}

fn one_or_many<T: Strategy<Value = Value> + 'static>(
    s: T,
    max: usize,
) -> impl Strategy<Value = Value> {
    let s = s.boxed();
    prop_oneof![
        s.clone(),
        prop::collection::vec(s, 0..=max).prop_map(Value::Array),
    ]
}

fn image() -> impl Strategy<Value = Value> {
    prop_oneof![
        iri().prop_map(Value::String),
        (iri(), prop::option::of(text())).prop_map(|(id, caption)| {
            let mut m = json!({"id": id, "type": "Image"});
            if let Some(c) = caption {
                m["caption"] = c.into();
            }
            m
        }),
    ]
}

fn profile() -> impl Strategy<Value = Value> {
    (
        iri(),
        prop::option::of(lang_text()),
        prop::option::of(image()),
        prop::option::of(date_time()),
        prop::option::of(text()),
        prop::option::of((text(), prop::option::of((number(), number())))),
    )
        .prop_map(|(id, name, image, dob, email, address)| {
            let mut m = Map::new();
            m.insert("id".into(), id.into());
            m.insert("type".into(), json!(["Profile"]));
            if let Some(n) = name {
                m.insert("name".into(), n);
            }
            if let Some(i) = image {
                m.insert("image".into(), i);
            }
            if let Some(d) = dob {
                m.insert("dateOfBirth".into(), d.into());
            }
            if let Some(e) = email {
                m.insert("email".into(), e.into());
            }
            if let Some((country, geo)) = address {
                let mut a = json!({"type": ["Address"], "addressCountry": country});
                if let Some((lat, lon)) = geo {
                    a["geo"] = json!({"type": "GeoCoordinates", "latitude": lat, "longitude": lon});
                }
                m.insert("address".into(), a);
            }
            Value::Object(m)
        })
}

fn issuer() -> impl Strategy<Value = Value> {
    prop_oneof![iri().prop_map(Value::String), profile()]
}

fn alignment() -> impl Strategy<Value = Value> {
    (text(), iri(), prop::option::of(text())).prop_map(|(name, url, code)| {
        let mut a = json!({"type": ["Alignment"], "targetName": name, "targetUrl": url});
        if let Some(c) = code {
            a["targetCode"] = c.into();
        }
        a
    })
}

fn result_description() -> impl Strategy<Value = Value> {
    (
        iri(),
        text(),
        prop::collection::vec(text(), 0..=3),
        prop::option::of(number()),
    )
        .prop_map(|(id, name, allowed, max)| {
            let mut r = json!({
                "id": id, "type": ["ResultDescription"], "name": name,
                "resultType": "LetterGrade", "allowedValue": allowed
            });
            if let Some(m) = max {
                r["valueMax"] = m;
            }
            r
        })
}

fn achievement() -> impl Strategy<Value = Value> {
    (
        iri(),
        lang_text(),
        prop::option::of(text()),
        prop_oneof![
            text().prop_map(|n| json!({"narrative": n})),
            iri().prop_map(|id| json!({"id": id})),
        ],
        prop::option::of(number()),
        prop::collection::vec(text(), 0..=3),
        prop::collection::vec(alignment(), 0..=2),
        prop::collection::vec(result_description(), 0..=2),
        prop::option::of(image()),
    )
        .prop_map(
            |(id, name, description, criteria, credits, tags, alignments, rds, image)| {
                let mut m = Map::new();
                m.insert("id".into(), id.into());
                m.insert("type".into(), json!(["Achievement"]));
                m.insert("name".into(), name);
                if let Some(d) = description {
                    m.insert("description".into(), d.into());
                }
                m.insert("criteria".into(), criteria);
                if let Some(c) = credits {
                    m.insert("creditsAvailable".into(), c);
                }
                if !tags.is_empty() {
                    // Repeated values on purpose now and then: a set.
                    let mut tags = tags;
                    if tags.len() == 3 {
                        tags[2] = tags[0].clone();
                    }
                    m.insert("tag".into(), json!(tags));
                }
                if !alignments.is_empty() {
                    m.insert("alignment".into(), Value::Array(alignments));
                }
                if !rds.is_empty() {
                    m.insert("resultDescription".into(), Value::Array(rds));
                }
                if let Some(i) = image {
                    m.insert("image".into(), i);
                }
                Value::Object(m)
            },
        )
}

fn subject() -> impl Strategy<Value = Value> {
    (
        prop::option::of(iri()),
        achievement(),
        prop::option::of(number()),
        prop::option::of((date_time(), date_time())),
        prop::option::of((text(), text(), any::<bool>())),
        prop::collection::vec((iri(), text(), number()), 0..=2),
    )
        .prop_map(|(id, achievement, credits, activity, identity, results)| {
            let mut m = Map::new();
            if let Some(id) = id {
                m.insert("id".into(), id.into());
            }
            m.insert("type".into(), json!(["AchievementSubject"]));
            m.insert("achievement".into(), achievement);
            if let Some(c) = credits {
                m.insert("creditsEarned".into(), c);
            }
            if let Some((start, end)) = activity {
                m.insert("activityStartDate".into(), start.into());
                m.insert("activityEndDate".into(), end.into());
            }
            if let Some((hash, salt, hashed)) = identity {
                m.insert(
                    "identifier".into(),
                    json!([{"type": "IdentityObject", "identityHash": hash, "identityType": "emailAddress", "hashed": hashed, "salt": salt}]),
                );
            }
            if !results.is_empty() {
                m.insert(
                    "result".into(),
                    Value::Array(
                        results
                            .into_iter()
                            .map(|(rd, status, value)| json!({"type": ["Result"], "resultDescription": rd, "status": status, "value": value}))
                            .collect(),
                    ),
                );
            }
            Value::Object(m)
        })
}

fn proof() -> impl Strategy<Value = Value> {
    (
        prop::option::of(iri()),
        date_time(),
        "z[1-9A-HJ-NP-Za-km-z]{20,40}",
        prop::option::of(iri()),
        prop_oneof![Just("assertionMethod"), Just("authentication")],
    )
        .prop_map(|(id, created, value, previous, purpose)| {
            let mut p = json!({
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-rdfc-2022",
                "created": created,
                "verificationMethod": "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd#z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd",
                "proofPurpose": purpose,
                "proofValue": value
            });
            if let Some(id) = id {
                p["id"] = id.into();
            }
            if let Some(prev) = previous {
                p["previousProof"] = prev.into();
            }
            p
        })
}

fn jsonish() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z_é]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A credential an issuer could write, within what the fast path covers.
fn credential() -> impl Strategy<Value = Value> {
    (
        (
            prop_oneof![Just(false), Just(true)],
            prop::option::of(iri()),
            lang_text(),
            issuer(),
            date_time(),
            prop::option::of(date_time()),
            prop::option::of(date_time()),
            subject(),
        ),
        (
            prop::option::of((iri(), 0u32..100_000)),
            prop::option::of(prop_oneof![
                iri().prop_map(|id| json!({"id": id, "type": "1EdTechJsonSchemaValidator2019"})),
                (iri(), jsonish()).prop_map(|(id, schema)| json!({"id": id, "type": "JsonSchema", "jsonSchema": schema})),
            ]),
            prop::collection::vec(proof(), 0..=3),
            prop::option::of(one_or_many(
                (iri(), text()).prop_map(|(id, n)| json!({"id": id, "type": ["Evidence"], "name": n, "genre": "Artifact"})),
                2,
            )),
        ),
    )
        .prop_map(
            |((ext, id, name, issuer, valid_from, valid_until, awarded, subject), (status, schema, proofs, evidence))| {
                let mut ctx = vec![
                    json!("https://www.w3.org/ns/credentials/v2"),
                    json!("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
                ];
                if ext || schema.is_some() {
                    ctx.push(json!("https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"));
                }
                let mut m = Map::new();
                m.insert("@context".into(), Value::Array(ctx));
                if let Some(id) = id {
                    m.insert("id".into(), id.into());
                }
                m.insert("type".into(), json!(["VerifiableCredential", "OpenBadgeCredential"]));
                m.insert("name".into(), name);
                m.insert("issuer".into(), issuer);
                m.insert("validFrom".into(), valid_from.into());
                if let Some(v) = valid_until {
                    m.insert("validUntil".into(), v.into());
                }
                if let Some(a) = awarded {
                    m.insert("awardedDate".into(), a.into());
                }
                m.insert("credentialSubject".into(), subject);
                if let Some((list, index)) = status {
                    m.insert(
                        "credentialStatus".into(),
                        json!({"id": format!("{}#{index}", list.split('#').next().unwrap_or_default()), "type": "BitstringStatusListEntry",
                               "statusPurpose": "revocation", "statusListIndex": index.to_string(),
                               "statusListCredential": list, "statusSize": 1}),
                    );
                }
                if let Some(s) = schema {
                    m.insert("credentialSchema".into(), json!([s]));
                }
                if let Some(e) = evidence {
                    m.insert("evidence".into(), e);
                }
                match proofs.len() {
                    0 => {}
                    1 => {
                        m.insert("proof".into(), proofs[0].clone());
                    }
                    _ => {
                        m.insert("proof".into(), Value::Array(proofs));
                    }
                }
                Value::Object(m)
            },
        )
}

/// A place in the document (a JSON pointer to an object) and a defect to put there.
fn defect() -> impl Strategy<Value = (usize, usize)> {
    (0usize..1000, 0usize..14)
}

fn objects_of(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            out.push(path.clone());
            for (k, x) in m {
                objects_of(
                    x,
                    format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                objects_of(x, format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn with_defect(mut doc: Value, (at, kind): (usize, usize)) -> Value {
    let mut objects = Vec::new();
    objects_of(&doc, String::new(), &mut objects);
    let target = objects[at % objects.len()].clone();
    let obj = doc.pointer_mut(&target).unwrap().as_object_mut().unwrap();
    match kind {
        0 => {
            obj.insert("notATerm".into(), json!("x"));
        }
        1 => {
            obj.insert("name".into(), Value::Null);
        }
        2 => {
            obj.insert(
                "@context".into(),
                json!({"@vocab": "https://example.org/v#"}),
            );
        }
        3 => {
            obj.insert("@graph".into(), json!([]));
        }
        4 => {
            obj.insert("id".into(), json!("relative/iri"));
        }
        5 => {
            obj.insert("id".into(), json!("https://example.org/%ff"));
        }
        6 => {
            obj.insert("name".into(), json!([["nested"]]));
        }
        7 => {
            obj.insert("@foo".into(), json!(1));
        }
        8 => {
            obj.insert("id".into(), json!("_:b0"));
        }
        9 => {
            obj.insert("type".into(), json!("UndefinedType"));
        }
        10 => {
            obj.insert(
                "name".into(),
                json!({"@value": "x", "@language": "not a tag"}),
            );
        }
        11 => {
            obj.insert(
                "description".into(),
                json!({"@value": "x", "@language": "x-private-use"}),
            );
        }
        12 => {
            obj.insert(
                "https://example.org/ext#p".into(),
                json!({"@value": 1, "@type": "https://example.org/dt"}),
            );
        }
        _ => {
            obj.insert("id".into(), json!(7));
        }
    }
    doc
}

/// Both answers, asserting they are equal; returns the route.
fn agree(doc: &Value) -> Result<Route, TestCaseError> {
    let (fast, generic) = canons();
    let want = generic.canonicalize(doc);
    let (got, route) = fast.canonicalize_traced(doc);
    match &route {
        Route::Generic(_) => prop_assert_eq!(&got, &want),
        _ => {
            let want = want.map_err(|e| {
                TestCaseError::fail(format!("fast path answered, generic refused: {e}\n{doc:#}"))
            })?;
            prop_assert_eq!(got.as_ref().ok(), Some(&want), "{:#}", doc);
        }
    }
    Ok(route)
}

/// What signing and verifying canonicalize: the document without `proof`,
/// and each proof configuration.
fn signing_views(doc: &Value) -> Vec<Value> {
    let mut out = vec![doc.clone()];
    let mut unsecured = doc.as_object().unwrap().clone();
    if let Some(proof) = unsecured.shift_remove("proof") {
        out.push(Value::Object(unsecured));
        let proofs = match proof {
            Value::Array(a) => a,
            p => vec![p],
        };
        for p in proofs {
            let mut c = p.as_object().unwrap().clone();
            c.shift_remove("proofValue");
            c.insert("@context".into(), doc["@context"].clone());
            out.push(Value::Object(c));
        }
    }
    out
}

/// Runs `f` on a thread with a large stack: the generator's value trees are
/// big nested structs, which overflow a 2 MiB test thread in a debug build.
fn on_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}

/// Generated credentials: the same answer, and the fast path runs.
#[test]
fn fast_equals_generic_on_credentials() {
    on_big_stack(|| {
        let mut runner = TestRunner::new(config());
        runner
            .run(&credential(), |doc| {
                for view in signing_views(&doc) {
                    let route = agree(&view)?;
                    prop_assert!(
                        matches!(route, Route::Fast | Route::FastFullRdfc),
                        "not covered: {:?}\n{:#}",
                        route,
                        view
                    );
                }
                Ok(())
            })
            .unwrap();
    });
}

/// One defect: the fast path declines or agrees; the answer is the generic one.
#[test]
fn fast_equals_generic_with_a_defect() {
    on_big_stack(|| {
        let mut runner = TestRunner::new(config());
        runner
            .run(&(credential(), defect()), |(doc, d)| {
                agree(&with_defect(doc, d))?;
                Ok(())
            })
            .unwrap();
    });
}

/// Fixed cases the generator may miss.
#[test]
fn quirks() {
    let base = |extra: Value| {
        let mut d = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": "did:example:issuer",
            "validFrom": "2024-01-01T00:00:00Z",
            "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"id": "urn:uuid:a", "type": ["Achievement"], "name": "n", "criteria": {"narrative": "x"}}}
        });
        for (k, v) in extra.as_object().unwrap() {
            d[k] = v.clone();
        }
        d
    };
    for extra in [
        json!({"awardedDate": "2024-06-14T09:30:00Z"}),
        json!({"awardedDate": ["2024-06-14T09:30:00Z", "2024-06-15"]}),
        json!({"name": ["a", "a", "b"]}),
        json!({"type": ["VerifiableCredential", "OpenBadgeCredential", "VerifiableCredential"]}),
        json!({"id": "urn:uuid:x", "description": "d"}),
        json!({"credentialSubject": [{"id": "did:example:a"}, {"id": "did:example:a", "type": "AchievementSubject"}]}),
        json!({"image": {"id": "https://e.example/i.png", "type": "Image"}, "issuer": {"id": "did:example:issuer", "type": "Profile", "image": {"id": "https://e.example/i.png", "type": "Image"}}}),
        json!({"name": {"@value": "x", "@language": "en", "@direction": "rtl"}}),
        json!({"name": {"@value": 1.5, "@type": "http://www.w3.org/2001/XMLSchema#double"}}),
        json!({"name": {"@value": true}}),
        json!({"credentialSchema": {"id": "https://e.example/s", "type": "JsonSchema", "jsonSchema": {"b": [1.0, -0.0, 1e21, "\u{1}"], "a": {"z": null, "é": 18446744073709551615u64}}}}),
        json!({"proof": []}),
        json!({"credentialSubject": {"type": "AchievementSubject", "achievement": {"type": "Achievement", "resultDescription": [{"type": "ResultDescription", "allowedValue": []}]}}}),
    ] {
        let doc = base(extra.clone());
        for view in signing_views(&doc) {
            let route = agree(&view).unwrap_or_else(|e| panic!("{extra}: {e}"));
            assert!(
                matches!(route, Route::Fast | Route::FastFullRdfc),
                "{extra}: {route:?}"
            );
        }
    }
}
