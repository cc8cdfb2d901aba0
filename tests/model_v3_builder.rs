#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Builders enforce the OB 3.0 required fields, built credentials have the
//! required shape and pass the official JSON Schemas, and enumerations keep
//! extension and unknown values.

mod shared_dir;

use openbadges::ids::{DateTime, Iri};
use openbadges::model::v3::{
    Achievement, AchievementCredential, AchievementSubject, AchievementType, Alignment,
    AlignmentTargetType, BuildError, CredentialSchema, Criteria, EndorsementCredential,
    EndorsementSubject, Evidence, IdentifierType, IdentityObject, Image, Profile, Proof,
    Result as ObResult, ResultDescription, ResultStatusType, ResultType, RubricCriterionLevel,
    OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V2_CONTEXT,
};
use openbadges::model::OneOrMany;
use serde_json::{json, Value};

fn iri(s: &str) -> Iri {
    s.parse().unwrap()
}

fn issuer() -> Profile {
    Profile::builder()
        .id(iri("https://example.edu/issuers/565049"))
        .name("Example University")
        .url(iri("https://example.edu"))
        .build()
        .unwrap()
}

fn achievement() -> Achievement {
    Achievement::builder()
        .id(iri("https://example.edu/achievements/rust-1"))
        .name("Rust Basics")
        .description("Writes safe, idiomatic Rust.")
        .criteria(Criteria::narrative("Pass the final exam."))
        .achievement_type(AchievementType::Badge)
        .build()
        .unwrap()
}

fn subject() -> AchievementSubject {
    let mut s = AchievementSubject::new(achievement());
    s.id = Some(iri("did:example:ebfeb1f712ebc6f1c276e12ec21"));
    s
}

fn from() -> DateTime {
    "2024-01-01T00:00:00Z".parse().unwrap()
}

fn full_builder() -> openbadges::model::v3::CredentialBuilder<AchievementSubject> {
    AchievementCredential::builder()
        .id(iri("urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002"))
        .issuer(issuer())
        .valid_from(from())
        .subject(subject())
}

fn rich_credential() -> AchievementCredential {
    let level = RubricCriterionLevel::new(iri("https://example.edu/levels/mastered"), "Mastered");
    let mut rd = ResultDescription::new(
        iri("https://example.edu/results/final"),
        "Final grade",
        ResultType::LetterGrade,
    );
    rd.allowed_value = Some(OneOrMany::Many(vec!["A".into(), "B".into(), "C".into()]));
    rd.rubric_criterion_level = Some(OneOrMany::Many(vec![level]));
    let mut align = Alignment::new("Programming", iri("https://example.org/frameworks/prog"));
    align.target_type = Some(AlignmentTargetType::CfItem);
    let a = Achievement::builder()
        .id(iri("https://example.edu/achievements/rust-2"))
        .name("Rust Advanced")
        .description("Writes unsafe-free concurrent Rust.")
        .criteria(Criteria::with_id(iri(
            "https://example.edu/criteria/rust-2",
        )))
        .achievement_type(AchievementType::Competency)
        .alignment(align)
        .result_description(rd)
        .image(Image::new(iri("https://example.edu/img/rust.png")))
        .tag("rust")
        .build()
        .unwrap();
    let mut result = ObResult::new();
    result.result_description = Some(iri("https://example.edu/results/final"));
    result.value = Some("A".into());
    result.status = Some(ResultStatusType::Completed);
    let mut s = AchievementSubject::new(a);
    s.identifier = Some(OneOrMany::Many(vec![IdentityObject::hashed_sha256(
        IdentifierType::EmailAddress,
        "learner@example.edu",
        Some("pepper"),
    )]));
    s.result = Some(OneOrMany::Many(vec![result]));
    let mut ev = Evidence::new();
    ev.id = Some(iri("https://example.edu/work/1"));
    ev.name = Some("Project".into());
    AchievementCredential::builder()
        .id(iri("https://example.edu/credentials/3732"))
        .issuer(issuer())
        .valid_from(from())
        .valid_until("2030-01-01T00:00:00Z".parse().unwrap())
        .name("Rust Advanced")
        .subject(s)
        .evidence(ev)
        .credential_schema(CredentialSchema::new(
            iri("https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"),
            "1EdTechJsonSchemaValidator2019",
        ))
        .build()
        .unwrap()
}

#[test]
fn built_credential_has_the_required_shape() {
    let c = full_builder().build().unwrap();
    let j = c.to_json_value().unwrap();
    assert_eq!(j["id"], "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002");
    assert_eq!(j["@context"][0], VC_V2_CONTEXT);
    assert_eq!(j["@context"][1], OB_CONTEXT);
    assert_eq!(j["@context"].as_array().unwrap().len(), 2);
    assert_eq!(
        j["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(j["issuer"]["type"], json!(["Profile"]));
    assert_eq!(j["issuer"]["name"], "Example University");
    assert_eq!(j["validFrom"], "2024-01-01T00:00:00Z");
    assert_eq!(
        j["credentialSubject"]["type"],
        json!(["AchievementSubject"])
    );
    assert_eq!(j["credentialSubject"]["achievement"]["name"], "Rust Basics");
    assert!(j.get("proof").is_none());
    // helpers
    assert_eq!(c.issuer_id().as_str(), "https://example.edu/issuers/565049");
    assert_eq!(c.valid_from().unwrap().as_str(), "2024-01-01T00:00:00Z");
    assert_eq!(
        c.subject().unwrap().achievement().unwrap().name.as_deref(),
        Some("Rust Basics")
    );
    assert!(c.is_achievement_credential());
    // the string form is the same data, and reads back to the same value
    let s = c.to_json_string().unwrap();
    assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), j);
    let back = AchievementCredential::from_json_slice(s.as_bytes(), &Default::default()).unwrap();
    assert_eq!(back, c);
}

#[test]
fn extensions_context_only_when_needed() {
    let c = rich_credential();
    let ctx: Vec<&str> = c.context_iris().map(Iri::as_str).collect();
    assert_eq!(ctx, vec![VC_V2_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT]);
    let plain = full_builder().build().unwrap();
    assert!(!plain
        .context_iris()
        .any(|i| i.as_str() == OB_EXTENSIONS_CONTEXT));
}

#[test]
fn vc11_dates_are_read_by_the_helpers() {
    let mut j = full_builder().build().unwrap().to_json_value().unwrap();
    let o = j.as_object_mut().unwrap();
    let from = o.remove("validFrom").unwrap();
    o.insert("issuanceDate".into(), from);
    o.insert("expirationDate".into(), json!("2031-05-05T00:00:00Z"));
    let c = AchievementCredential::from_json_value(j.clone()).unwrap();
    assert_eq!(c.valid_from().unwrap().as_str(), "2024-01-01T00:00:00Z");
    assert_eq!(c.valid_until().unwrap().as_str(), "2031-05-05T00:00:00Z");
    assert_eq!(c.to_json_value().unwrap(), j);
}

#[test]
fn push_proof_appends() {
    let mut c = full_builder().build().unwrap();
    let mut p = Proof::new("DataIntegrityProof");
    p.cryptosuite = Some("eddsa-rdfc-2022".into());
    p.verification_method = Some(iri("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"));
    p.proof_purpose = Some("assertionMethod".into());
    p.proof_value = Some(
        "z58DAdFfa9SkqZMVPxAQpic7ndSayn1PzZs6ZjWp1CktyGesjuTSwRdoWhAfGFCF5bppETSTojQCrfFPP2oumHKtz"
            .into(),
    );
    p.extra.insert("previousProof".into(), json!("urn:uuid:x"));
    c.push_proof(p.clone());
    c.push_proof(p);
    assert_eq!(c.proofs().count(), 2);
    let j = c.to_json_value().unwrap();
    assert_eq!(j["proof"][1]["cryptosuite"], "eddsa-rdfc-2022");
    assert_eq!(j["proof"][1]["previousProof"], "urn:uuid:x");
}

#[test]
fn missing_credential_fields_are_named() {
    let cases: Vec<(
        &str,
        openbadges::model::v3::CredentialBuilder<AchievementSubject>,
    )> = vec![
        (
            "id",
            AchievementCredential::builder()
                .issuer(issuer())
                .valid_from(from())
                .subject(subject()),
        ),
        (
            "issuer",
            AchievementCredential::builder()
                .id(iri("urn:uuid:1"))
                .valid_from(from())
                .subject(subject()),
        ),
        (
            "validFrom",
            AchievementCredential::builder()
                .id(iri("urn:uuid:1"))
                .issuer(issuer())
                .subject(subject()),
        ),
        (
            "credentialSubject",
            AchievementCredential::builder()
                .id(iri("urn:uuid:1"))
                .issuer(issuer())
                .valid_from(from()),
        ),
    ];
    for (field, b) in cases {
        let e = b.build().unwrap_err();
        assert_eq!(
            e,
            BuildError::Missing {
                class: "AchievementCredential",
                field
            },
            "{field}"
        );
        assert!(e.to_string().contains(field));
    }

    let nameless = Profile::builder()
        .id(iri("https://example.edu/i"))
        .build()
        .unwrap();
    assert_eq!(
        full_builder().issuer(nameless).build().unwrap_err(),
        BuildError::Missing {
            class: "Profile",
            field: "name"
        }
    );

    let mut s = subject();
    s.achievement = None;
    assert_eq!(
        full_builder().subject(s).build().unwrap_err(),
        BuildError::Missing {
            class: "AchievementSubject",
            field: "achievement"
        }
    );

    let mut s = subject();
    s.id = None;
    assert_eq!(
        full_builder().subject(s).build().unwrap_err(),
        BuildError::Missing {
            class: "AchievementSubject",
            field: "id or identifier"
        }
    );

    assert!(matches!(
        full_builder()
            .valid_until("2000-01-01T00:00:00Z".parse().unwrap())
            .build(),
        Err(BuildError::Invalid {
            field: "validUntil",
            ..
        })
    ));
}

#[test]
fn missing_achievement_and_profile_fields_are_named() {
    let base = || {
        Achievement::builder()
            .id(iri("https://example.edu/a"))
            .name("n")
            .description("d")
            .criteria(Criteria::narrative("c"))
    };
    assert!(base().build().is_ok());
    let missing = |b: openbadges::model::v3::AchievementBuilder, field: &'static str| {
        assert_eq!(
            b.build().unwrap_err(),
            BuildError::Missing {
                class: "Achievement",
                field
            }
        );
    };
    missing(
        Achievement::builder()
            .name("n")
            .description("d")
            .criteria(Criteria::narrative("c")),
        "id",
    );
    missing(
        Achievement::builder()
            .id(iri("https://example.edu/a"))
            .description("d")
            .criteria(Criteria::narrative("c")),
        "name",
    );
    missing(
        Achievement::builder()
            .id(iri("https://example.edu/a"))
            .name("n")
            .criteria(Criteria::narrative("c")),
        "description",
    );
    missing(
        Achievement::builder()
            .id(iri("https://example.edu/a"))
            .name("n")
            .description("d"),
        "criteria",
    );
    assert_eq!(
        base().criteria(Criteria::default()).build().unwrap_err(),
        BuildError::Missing {
            class: "Criteria",
            field: "id or narrative"
        }
    );
    assert_eq!(
        base().name("  ").build().unwrap_err(),
        BuildError::Empty {
            class: "Achievement",
            field: "name"
        }
    );
    assert_eq!(
        Profile::builder().name("x").build().unwrap_err(),
        BuildError::Missing {
            class: "Profile",
            field: "id"
        }
    );

    let e = EndorsementCredential::builder()
        .id(iri("urn:uuid:2"))
        .issuer(issuer())
        .valid_from(from())
        .subject(EndorsementSubject::new(iri(
            "https://example.edu/achievements/rust-1",
        )))
        .build()
        .unwrap_err();
    assert_eq!(
        e,
        BuildError::Missing {
            class: "EndorsementCredential",
            field: "name"
        }
    );
}

#[test]
fn enumerations_keep_extension_and_unknown_values() {
    let mut c = rich_credential();
    let s = match &mut c.credential_subject {
        OneOrMany::One(s) => s,
        OneOrMany::Many(v) => &mut v[0],
    };
    let a = match s.achievement.as_mut().unwrap() {
        openbadges::model::IriOr::Object(a) => a,
        _ => unreachable!(),
    };
    a.achievement_type = Some(AchievementType::parse("ext:MicroBadge"));
    let rd = match a.result_description.as_mut().unwrap() {
        OneOrMany::Many(v) => &mut v[0],
        OneOrMany::One(r) => r,
    };
    rd.result_type = ResultType::parse("ext:Stars");
    let r = match s.result.as_mut().unwrap() {
        OneOrMany::Many(v) => &mut v[0],
        OneOrMany::One(r) => r,
    };
    r.status = Some(ResultStatusType::parse("Paused"));

    let j = c.to_json_value().unwrap();
    assert_eq!(
        j["credentialSubject"]["achievement"]["achievementType"],
        "ext:MicroBadge"
    );
    assert_eq!(
        j["credentialSubject"]["achievement"]["resultDescription"][0]["resultType"],
        "ext:Stars"
    );
    assert_eq!(j["credentialSubject"]["result"][0]["status"], "Paused");
    let back = AchievementCredential::from_json_value(j.clone()).unwrap();
    assert_eq!(back.to_json_value().unwrap(), j);
    let a = back.subject().unwrap().achievement().unwrap();
    assert_eq!(
        a.achievement_type,
        Some(AchievementType::Extension("ext:MicroBadge".into()))
    );
    assert!(!a.achievement_type.as_ref().unwrap().is_known());

    // directly through serde, every enumeration
    for (text, known) in [("Badge", true), ("ext:X", false), ("Nope", false)] {
        let t: AchievementType = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(t.is_known(), known);
        assert_eq!(serde_json::to_value(&t).unwrap(), json!(text));
    }
    for text in ["CFItem", "ext:Y", "unknown:z"] {
        let t: AlignmentTargetType = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(serde_json::to_value(&t).unwrap(), json!(text));
    }
    for text in ["emailAddress", "ext:studentNumber", "badgeNumber"] {
        let t: IdentifierType = serde_json::from_value(json!(text)).unwrap();
        assert_eq!(serde_json::to_value(&t).unwrap(), json!(text));
    }
    assert_eq!(
        serde_json::from_value::<IdentifierType>(json!("ext:studentNumber")).unwrap(),
        IdentifierType::Extension("ext:studentNumber".into())
    );
    assert_eq!(
        serde_json::from_value::<ResultStatusType>(json!("Withdrew")).unwrap(),
        ResultStatusType::Withdrew
    );
}

// ---- JSON Schema ----

fn schema(name: &str) -> Option<jsonschema::Validator> {
    let text = shared_dir::read_spec(&format!("schemas/ob-v3p0/{name}"))?;
    let s: Value = serde_json::from_slice(&text).unwrap();
    Some(jsonschema::draft201909::new(&s).unwrap())
}

fn schema_errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn built_credentials_pass_the_official_schemas() {
    let Some(ac) = schema("achievementcredential.json") else {
        return;
    };
    for c in [full_builder().build().unwrap(), rich_credential()] {
        let j = c.to_json_value().unwrap();
        let errs = schema_errors(&ac, &j);
        assert!(errs.is_empty(), "schema errors: {errs:#?}\n{j:#}");
        // the schema is able to refuse: drop a required property
        let mut broken = j.clone();
        broken.as_object_mut().unwrap().remove("validFrom");
        assert!(!schema_errors(&ac, &broken).is_empty());
    }

    let ec = schema("endorsementcredential.json").unwrap();
    let mut es = EndorsementSubject::new(iri("https://example.edu/achievements/rust-1"));
    es.endorsement_comment = Some("Well designed.".into());
    let e = EndorsementCredential::builder()
        .id(iri("urn:uuid:3"))
        .name("Endorsement of Rust Basics")
        .issuer(issuer())
        .valid_from(from())
        .subject(es)
        .build()
        .unwrap();
    let j = e.to_json_value().unwrap();
    assert_eq!(
        j["type"],
        json!(["VerifiableCredential", "EndorsementCredential"])
    );
    let errs = schema_errors(&ec, &j);
    assert!(errs.is_empty(), "schema errors: {errs:#?}");

    // an endorsement embedded in a credential also passes
    let c = full_builder().endorsement(e).build().unwrap();
    let errs = schema_errors(&ac, &c.to_json_value().unwrap());
    assert!(errs.is_empty(), "schema errors: {errs:#?}");
}

#[test]
fn status_type_decides_the_extensions_context() {
    use openbadges::model::v3::CredentialStatus;
    let status = |t: &str| -> CredentialStatus {
        serde_json::from_value(json!({"id": "https://example.edu/status/1", "type": t})).unwrap()
    };
    let c = full_builder()
        .credential_status(status("1EdTechRevocationList"))
        .build()
        .unwrap();
    assert!(c
        .context_iris()
        .any(|i| i.as_str() == OB_EXTENSIONS_CONTEXT));
    let c = full_builder()
        .credential_status(status("BitstringStatusListEntry"))
        .build()
        .unwrap();
    assert!(!c
        .context_iris()
        .any(|i| i.as_str() == OB_EXTENSIONS_CONTEXT));
}

#[test]
fn language_value_names_round_trip() {
    let mut j = full_builder().build().unwrap().to_json_value().unwrap();
    j["name"] = json!([
        {"@value": "Rust Basics", "@language": "en"},
        {"@value": "Bases de Rust", "@language": "fr"}
    ]);
    j["description"] = json!("plain");
    let c = AchievementCredential::from_json_value(j.clone()).unwrap();
    assert_eq!(c.name.as_ref().unwrap().text(), Some("Rust Basics"));
    assert_eq!(c.description.as_ref().unwrap().text(), Some("plain"));
    assert_eq!(c.to_json_value().unwrap(), j);
}

#[test]
fn shape_errors_carry_the_json_path() {
    let mut j = full_builder().build().unwrap().to_json_value().unwrap();
    j["validFrom"] = json!("yesterday");
    let e = AchievementCredential::from_json_value(j).unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("validFrom") && msg.contains("yesterday"),
        "{msg}"
    );
}

#[test]
fn hashed_identity_follows_the_spec_format() {
    let id = IdentityObject::hashed_sha256(
        IdentifierType::EmailAddress,
        "learner@example.edu",
        Some("pepper"),
    );
    // SHA-256("learner@example.edu" ‖ "pepper"), computed independently.
    assert_eq!(
        id.identity_hash,
        "sha256$f56e7c5093900c8856a8cee63cb774d07f383b30a0e956788caf2bd11edfe1d1"
    );
    assert!(id.hashed);
    assert_eq!(id.salt.as_deref(), Some("pepper"));
    let j = serde_json::to_value(&id).unwrap();
    assert_eq!(j["type"], "IdentityObject");
    assert_eq!(j["identityType"], "emailAddress");
}

#[test]
fn built_profile_passes_the_profile_schema() {
    let Some(ps) = schema("profile.json") else {
        return;
    };
    let p = Profile::builder()
        .id(iri("https://example.edu/issuers/565049"))
        .name("Example University")
        .email("info@example.edu")
        .image(Image::new(iri("https://example.edu/logo.png")))
        .parent_org(issuer())
        .build()
        .unwrap();
    let j = openbadges::model::v3::to_json_value(&p).unwrap();
    let errs = schema_errors(&ps, &j);
    assert!(errs.is_empty(), "schema errors: {errs:#?}\n{j:#}");
    let mut broken = j.clone();
    broken["type"] = json!(["Organization"]);
    assert!(!schema_errors(&ps, &broken).is_empty());
}
