#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Award → OB 3.0 credential: what the competency, rubric and evidence become,
//! checked field by field and against the official JSON Schema.

mod shared_dir;

use openbadges::competency::{evaluate, Assessment, CredentialOptions, Framework};
use openbadges::ids::{DateTime, Iri};
use openbadges::limits::Limits;
use serde_json::Value;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn award(name: &str) -> openbadges::competency::Award {
    let fw = Framework::from_json_slice(
        &fixture("frameworks/teacher-leadership.json"),
        &Limits::DEFAULT,
    )
    .unwrap();
    let a = Assessment::from_json_slice(&fixture(&format!("assessments/{name}")), &Limits::DEFAULT)
        .unwrap();
    evaluate(&fw, &a, None).unwrap()
}

fn options() -> CredentialOptions {
    CredentialOptions::new(Iri::new("urn:uuid:2f1e6a56-0d7b-4a55-9c51-7b0c2e2b9a11").unwrap())
        .email_salt("pepper-123")
}

fn credential_json(name: &str) -> Value {
    award(name)
        .to_credential(&options())
        .unwrap()
        .to_json_value()
        .unwrap()
}

#[test]
fn competency_becomes_the_achievement_with_rubric_results_and_evidence() {
    let aw = award("pass-ftb-2-facilitates-meetings.json");
    let cred = credential_json("pass-ftb-2-facilitates-meetings.json");

    assert_eq!(cred["@context"][0], "https://www.w3.org/ns/credentials/v2");
    assert_eq!(
        cred["@context"][1],
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    );
    assert_eq!(cred["id"], "urn:uuid:2f1e6a56-0d7b-4a55-9c51-7b0c2e2b9a11");
    assert_eq!(cred["issuer"]["id"], aw.issuer.id.as_str());
    assert_eq!(cred["validFrom"], aw.awarded_on.as_str());

    let subject = &cred["credentialSubject"];
    let achievement = &subject["achievement"];
    assert_eq!(achievement["id"], aw.achievement.id.as_str());
    assert_eq!(achievement["name"], aw.achievement.name.as_str());
    assert_eq!(achievement["humanCode"], aw.achievement.code.as_str());
    assert_eq!(
        achievement["criteria"]["narrative"],
        aw.achievement.criteria_narrative.as_str()
    );

    // One result description per rubric criterion, each with every level.
    let rds = achievement["resultDescription"].as_array().unwrap();
    assert_eq!(rds.len(), aw.achievement.rubric.criteria.len());
    for (rd, criterion) in rds.iter().zip(&aw.achievement.rubric.criteria) {
        assert_eq!(rd["id"], criterion.id.as_str());
        assert_eq!(rd["resultType"], "RubricCriterionLevel");
        let levels = rd["rubricCriterionLevel"].as_array().unwrap();
        assert_eq!(levels.len(), aw.achievement.rubric.levels.len());
        assert!(
            rd["requiredLevel"].is_string(),
            "threshold becomes requiredLevel"
        );
    }

    // Alignments: the competency's own, plus the framework entry.
    let aligns = achievement["alignment"].as_array().unwrap();
    assert_eq!(aligns.len(), aw.achievement.alignments.len() + 1);
    let entry = aligns.last().unwrap();
    assert_eq!(entry["targetUrl"], aw.achievement.id.as_str());
    assert_eq!(entry["targetCode"], aw.achievement.code.as_str());

    // Results: the achieved level for each criterion, pointing into the rubric.
    let results = subject["result"].as_array().unwrap();
    assert_eq!(results.len(), aw.results.len());
    for (r, expected) in results.iter().zip(&aw.results) {
        assert_eq!(r["resultDescription"], expected.criterion.as_str());
        assert_eq!(r["achievedLevel"], expected.achieved_level.as_str());
    }

    // Every evidence item is embedded.
    let evidence = cred["evidence"].as_array().unwrap();
    assert_eq!(evidence.len(), aw.evidence.len());
    for (e, item) in evidence.iter().zip(&aw.evidence) {
        assert_eq!(e["name"], item.name.as_str());
        assert_eq!(e["narrative"], item.narrative.as_str());
        assert!(e["type"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Evidence")));
    }
}

#[test]
fn recipient_email_is_hashed_with_the_salt_never_written_plain() {
    let aw = award("pass-ftb-2-facilitates-meetings.json");
    let text = award("pass-ftb-2-facilitates-meetings.json")
        .to_credential(&options())
        .unwrap()
        .to_json_string()
        .unwrap();
    let cred: Value = serde_json::from_str(&text).unwrap();
    if let Some(email) = &aw.recipient.email {
        assert!(!text.contains(email.as_str()), "plain e-mail leaked");
        let id = &cred["credentialSubject"]["identifier"][0];
        assert_eq!(id["identityType"], "emailAddress");
        assert_eq!(id["hashed"], true);
        assert_eq!(id["salt"], "pepper-123");
        // Independent check of the hash: sha256(email + salt).
        use sha2::Digest;
        let expect = hex(&sha2::Sha256::digest(format!(
            "{}pepper-123",
            email.as_str()
        )));
        assert_eq!(id["identityHash"], format!("sha256${expect}"));
    } else {
        panic!("fixture should carry an e-mail address");
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn recipient_without_email_is_identified_by_id() {
    let cred = credential_json("pass-dr-2-analyzes-student-work.json");
    assert_eq!(
        cred["credentialSubject"]["id"],
        "https://www.example.org/city-schools/staff/jlee"
    );
    assert!(cred["credentialSubject"].get("identifier").is_none());
}

#[test]
fn valid_until_is_checked_against_valid_from() {
    let aw = award("pass-dr-2-analyzes-student-work.json");
    let early = DateTime::new("2000-01-01T00:00:00Z").unwrap();
    let err = aw.to_credential(&options().valid_until(early)).unwrap_err();
    assert!(err.to_string().contains("validUntil"), "{err}");
}

#[test]
fn credentials_from_the_fixtures_pass_the_official_schema() {
    let Some(text) = shared_dir::read_spec("schemas/ob-v3p0/achievementcredential.json") else {
        return;
    };
    let schema: Value = serde_json::from_slice(&text).unwrap();
    let validator = jsonschema::draft201909::new(&schema).unwrap();
    for name in [
        "pass-ftb-2-facilitates-meetings.json",
        "pass-dr-2-analyzes-student-work.json",
    ] {
        let cred = credential_json(name);
        let errors: Vec<String> = validator
            .iter_errors(&cred)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}
