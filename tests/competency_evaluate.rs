#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Evaluating assessments against the teacher-leadership framework.

use openbadges::competency::{
    evaluate, Assessment, Award, AwardRefusal, CompetencyError, EvidenceItem, EvidenceKind,
    Framework, Problem,
};
use openbadges::ids::{DateTime, Iri};
use openbadges::limits::{JsonInputError, Limit, LimitExceeded, Limits};
use serde_json::json;

const FW: &str = "https://badges.example.org/frameworks/teacher-leadership/v1";

fn dir() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")
}

fn framework() -> Framework {
    let bytes = std::fs::read(format!("{}/frameworks/teacher-leadership.json", dir())).unwrap();
    Framework::from_json_slice(&bytes, &Limits::DEFAULT).unwrap()
}

fn assessment(name: &str) -> Assessment {
    let bytes = std::fs::read(format!("{}/assessments/{name}", dir())).unwrap();
    Assessment::from_json_slice(&bytes, &Limits::DEFAULT).unwrap()
}

fn comp(code: &str) -> String {
    format!("{FW}/competencies/{}", code.to_lowercase())
}

fn iri(s: &str) -> Iri {
    Iri::new(s).unwrap()
}

fn criterion(code: &str, slug: &str) -> Iri {
    iri(&format!("{}#criterion-{slug}", comp(code)))
}

fn level(code: &str, slug: &str) -> Iri {
    iri(&format!("{}#level-{slug}", comp(code)))
}

fn refused(name: &str) -> AwardRefusal {
    let a = assessment(name);
    match evaluate(&framework(), &a, None) {
        Ok(award) => panic!("{name} was awarded: {award:?}"),
        Err(r) => {
            assert_eq!(r.assessment, a.id);
            r
        }
    }
}

fn level_names(award: &Award) -> Vec<(&str, &str)> {
    award
        .results
        .iter()
        .map(|r| (r.criterion.fragment().unwrap(), r.level_name.as_str()))
        .collect()
}

#[test]
fn pass_ftb_2_yields_an_award_with_levels_and_all_evidence() {
    let fw = framework();
    let a = assessment("pass-ftb-2-facilitates-meetings.json");
    let award = evaluate(&fw, &a, None).unwrap();
    assert_eq!(award.achievement.code, "FTB-2");
    assert_eq!(award.achievement.id, comp("FTB-2").as_str());
    assert_eq!(award.band.name, "Facilitation and team-building");
    assert_eq!(award.framework.id, FW);
    assert_eq!(award.framework.version, "2025.1");
    assert_eq!(
        award.issuer.id,
        "https://badges.example.org/issuers/teacher-leadership"
    );
    assert_eq!(
        level_names(&award),
        [
            ("criterion-purpose", "Exemplary"),
            ("criterion-participation", "Proficient"),
            ("criterion-focus", "Proficient"),
            ("criterion-next-steps", "Exemplary"),
        ]
    );
    let r = award.result(&criterion("FTB-2", "next-steps")).unwrap();
    assert_eq!(r.achieved_level, level("FTB-2", "exemplary"));
    assert_eq!(r.points, 4);
    assert_eq!(r.required_level, Some(level("FTB-2", "proficient")));
    assert_eq!(award.total_points, 4 + 3 + 3 + 4);
    assert_eq!(award.max_points, 16);
    assert_eq!(award.evidence, a.evidence);
    assert_eq!(award.evidence.len(), 4);
    assert_eq!(
        award.recipient.email.as_ref().unwrap().as_str(),
        "a.rivera@cityschools.example.org"
    );
    assert_eq!(award.assessor.name, "Marcus Bell");
    assert_eq!(award.assessment, a.id);
    assert_eq!(award.assessed_on.as_str(), "2025-03-14T15:30:00-05:00");
    // Without `now`, the award is dated at the assessment.
    assert_eq!(award.awarded_on, award.assessed_on);
    assert!(award.comment.as_deref().unwrap().contains("purposeful"));
}

#[test]
fn pass_dr_2_yields_an_award_and_keeps_extra_evidence() {
    let fw = framework();
    let a = assessment("pass-dr-2-analyzes-student-work.json");
    let now = DateTime::new("2025-01-20T09:00:00Z").unwrap();
    let award = evaluate(&fw, &a, Some(&now)).unwrap();
    assert_eq!(award.achievement.code, "DR-2");
    assert_eq!(award.band.name, "Data and research");
    assert_eq!(
        level_names(&award),
        [
            ("criterion-shared-criteria", "Proficient"),
            ("criterion-evidence-claims", "Proficient"),
            ("criterion-implications", "Exemplary"),
        ]
    );
    assert_eq!(award.total_points, 10);
    assert_eq!(award.awarded_on, now);
    // 2 analyses, 1 artifact, 1 reflection required; the impact item is carried too.
    assert_eq!(award.evidence.len(), 5);
    assert!(award
        .evidence
        .iter()
        .any(|e| e.kind == EvidenceKind::ImpactOnPractice));
    assert_eq!(
        award.recipient.id.as_ref().unwrap(),
        "https://www.example.org/city-schools/staff/jlee"
    );
    assert!(award.recipient.email.is_none());
}

#[test]
fn fail_evidence_short() {
    let r = refused("fail-evidence-short.json");
    assert_eq!(
        r.problems,
        [Problem::EvidenceShort {
            kind: EvidenceKind::Observation,
            required: 2,
            found: 1
        }]
    );
}

#[test]
fn fail_below_threshold() {
    let r = refused("fail-below-threshold.json");
    assert_eq!(
        r.problems,
        [Problem::BelowThreshold {
            criterion: criterion("FTB-2", "participation"),
            achieved: level("FTB-2", "developing"),
            required: level("FTB-2", "proficient"),
        }]
    );
}

#[test]
fn fail_unrated_criterion() {
    let r = refused("fail-unrated-criterion.json");
    assert_eq!(
        r.problems,
        [Problem::UnratedCriterion {
            criterion: criterion("FTB-2", "next-steps")
        }]
    );
}

#[test]
fn fail_unknown_level() {
    let r = refused("fail-unknown-level.json");
    assert_eq!(
        r.problems,
        [Problem::UnknownLevel {
            criterion: criterion("FTB-2", "focus"),
            level: iri(&format!("{}#level-proficiant", comp("FTB-2"))),
        }]
    );
}

#[test]
fn fail_unknown_competency() {
    let r = refused("fail-unknown-competency.json");
    assert_eq!(
        r.problems,
        [Problem::UnknownCompetency {
            competency: iri(&comp("FTB-7")),
            framework: iri(FW),
        }]
    );
}

#[test]
fn fail_missing_candidate_identity() {
    let r = refused("fail-missing-candidate-identity.json");
    assert_eq!(r.problems, [Problem::MissingCandidateIdentity]);
}

#[test]
fn fail_two_problems_reports_both() {
    let r = refused("fail-two-problems.json");
    assert_eq!(
        r.problems,
        [
            Problem::BelowThreshold {
                criterion: criterion("DR-2", "evidence-claims"),
                achieved: level("DR-2", "beginning"),
                required: level("DR-2", "proficient"),
            },
            Problem::EvidenceShort {
                kind: EvidenceKind::StudentWorkAnalysis,
                required: 2,
                found: 1
            },
        ]
    );
    let text = r.to_string();
    assert!(text.contains("(2 problems)"), "{text}");
    assert!(text.contains("evidence-claims"), "{text}");
    assert!(
        text.contains("StudentWorkAnalysis evidence: 1 item(s), 2 required"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 3, "{text}");
}

#[test]
fn every_fixture_is_named_for_its_outcome() {
    let fw = framework();
    let mut seen = 0;
    for entry in std::fs::read_dir(format!("{}/assessments", dir())).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".json") {
            continue;
        }
        let result = evaluate(&fw, &assessment(&name), None);
        if name.starts_with("pass-") {
            assert!(result.is_ok(), "{name}: {}", result.unwrap_err());
        } else {
            assert!(name.starts_with("fail-"), "{name}");
            assert!(!result.unwrap_err().problems.is_empty(), "{name}");
        }
        seen += 1;
    }
    assert!(seen >= 9);
}

#[test]
fn many_problems_are_collected_together() {
    let fw = framework();
    let mut a = assessment("pass-ftb-2-facilitates-meetings.json");
    a.candidate.email = None;
    a.assessor.id = None;
    a.assessor.email = None;
    a.framework = Some(iri("https://badges.example.org/frameworks/other"));
    a.ratings.remove(&criterion("FTB-2", "purpose"));
    a.ratings
        .insert(criterion("FTB-2", "focus"), level("FTB-1", "proficient"));
    a.ratings
        .insert(criterion("FTB-1", "in-use"), level("FTB-1", "proficient"));
    a.ratings.insert(
        criterion("FTB-2", "participation"),
        level("FTB-2", "beginning"),
    );
    a.evidence.retain(|e| e.kind == EvidenceKind::Observation);
    let mut late = EvidenceItem::new(
        EvidenceKind::Other("Peer review".into()),
        "Peer review after the fact",
        "Written after the assessment.",
    );
    late.date = Some(DateTime::new("2025-04-01").unwrap());
    a.evidence.push(late);
    let now = DateTime::new("2025-03-01T00:00:00Z").unwrap();
    let r = evaluate(&fw, &a, Some(&now)).unwrap_err();
    assert_eq!(
        r.problems,
        [
            Problem::WrongFramework {
                expected: iri(FW),
                found: iri("https://badges.example.org/frameworks/other"),
            },
            Problem::MissingCandidateIdentity,
            Problem::MissingAssessorIdentity,
            Problem::AssessedInFuture {
                assessed_on: a.assessed_on.clone(),
                now: now.clone(),
            },
            Problem::EvidenceAfterAssessment {
                index: 2,
                name: "Peer review after the fact".into(),
                date: DateTime::new("2025-04-01").unwrap(),
            },
            Problem::UnratedCriterion {
                criterion: criterion("FTB-2", "purpose")
            },
            Problem::BelowThreshold {
                criterion: criterion("FTB-2", "participation"),
                achieved: level("FTB-2", "beginning"),
                required: level("FTB-2", "proficient"),
            },
            Problem::UnknownLevel {
                criterion: criterion("FTB-2", "focus"),
                level: level("FTB-1", "proficient"),
            },
            Problem::UnknownCriterion {
                criterion: criterion("FTB-1", "in-use")
            },
            Problem::EvidenceShort {
                kind: EvidenceKind::Artifact,
                required: 1,
                found: 0
            },
            Problem::EvidenceShort {
                kind: EvidenceKind::Reflection,
                required: 1,
                found: 0
            },
        ]
    );
    assert_eq!(r.to_string().lines().count(), 1 + r.problems.len());
}

/// A one-competency framework whose threshold is a total, not a level.
fn total_framework() -> Framework {
    let c = "https://badges.example.org/frameworks/t/c1";
    let v = json!({
        "id": "https://badges.example.org/frameworks/t", "name": "T", "description": "d",
        "version": "1",
        "publisher": { "id": "https://badges.example.org/issuers/t", "name": "T Program" },
        "bands": [{ "id": "https://badges.example.org/frameworks/t/b", "name": "B",
          "competencies": [{
            "id": c, "code": "C-1", "name": "C", "description": "d",
            "criteriaNarrative": "n", "achievementType": "ext:TeacherLeaderSkill",
            "rubric": {
              "criteria": [
                { "id": format!("{c}#a"), "name": "A", "description": "a" },
                { "id": format!("{c}#b"), "name": "B", "description": "b",
                  "minimumLevel": format!("{c}#mid") }
              ],
              "levels": [
                { "id": format!("{c}#low"), "name": "Low", "description": "l", "points": 0 },
                { "id": format!("{c}#mid"), "name": "Mid", "description": "m", "points": 2 },
                { "id": format!("{c}#high"), "name": "High", "description": "h", "points": 5 }
              ],
              "threshold": { "minimumTotalPoints": 6 }
            },
            "evidence": [{ "kind": "Peer review", "minimum": 1 }]
          }]
        }]
    });
    Framework::from_json_slice(&serde_json::to_vec(&v).unwrap(), &Limits::DEFAULT).unwrap()
}

fn total_assessment(a: &str, b: &str, evidence_kind: &str) -> Assessment {
    let c = "https://badges.example.org/frameworks/t/c1";
    let v = json!({
        "id": "urn:uuid:9d0e1f2a-3b4c-4d5e-8f60-718293a4b5c6",
        "competency": c,
        "candidate": { "id": "did:example:candidate" },
        "assessor": { "name": "Coach", "id": "did:example:coach" },
        "assessedOn": "2025-05-01",
        "evidence": [{ "kind": evidence_kind, "name": "e", "narrative": "n" }],
        "ratings": { format!("{c}#a"): format!("{c}#{a}"), format!("{c}#b"): format!("{c}#{b}") }
    });
    Assessment::from_json_slice(&serde_json::to_vec(&v).unwrap(), &Limits::DEFAULT).unwrap()
}

#[test]
fn total_points_threshold_and_per_criterion_minimum() {
    let fw = total_framework();
    // 5 + 2 = 7 ≥ 6, and B reaches Mid: pass, even with A at High only.
    let award = evaluate(&fw, &total_assessment("high", "mid", "Peer review"), None).unwrap();
    assert_eq!(award.total_points, 7);
    assert_eq!(award.max_points, 10);
    assert_eq!(award.results[0].required_level, None);
    assert_eq!(
        award.results[1].required_level.as_ref().unwrap().fragment(),
        Some("mid")
    );
    // 2 + 2 = 4 < 6.
    let r = evaluate(&fw, &total_assessment("mid", "mid", "Peer review"), None).unwrap_err();
    assert_eq!(
        r.problems,
        [Problem::TotalBelowThreshold {
            achieved: 4,
            required: 6
        }]
    );
    // 5 + 0: total 5 < 6 and B below its own minimum; "Peer reviews" is another kind.
    let r = evaluate(&fw, &total_assessment("high", "low", "Peer reviews"), None).unwrap_err();
    assert_eq!(
        r.problems,
        [
            Problem::BelowThreshold {
                criterion: iri("https://badges.example.org/frameworks/t/c1#b"),
                achieved: iri("https://badges.example.org/frameworks/t/c1#low"),
                required: iri("https://badges.example.org/frameworks/t/c1#mid"),
            },
            Problem::TotalBelowThreshold {
                achieved: 5,
                required: 6
            },
            Problem::EvidenceShort {
                kind: EvidenceKind::Other("Peer review".into()),
                required: 1,
                found: 0
            },
        ]
    );
    // An unknown level makes the total unknowable: only the unknown level is reported.
    let r = evaluate(&fw, &total_assessment("top", "mid", "Peer review"), None).unwrap_err();
    assert!(
        matches!(r.problems.as_slice(), [Problem::UnknownLevel { level, .. }] if level.fragment() == Some("top")),
        "{r}"
    );
}

#[test]
fn assessment_loading_is_limited_and_typed() {
    let bytes = std::fs::read(format!(
        "{}/assessments/pass-ftb-2-facilitates-meetings.json",
        dir()
    ))
    .unwrap();
    let mut small = Limits::DEFAULT;
    small.max_json_bytes = 100;
    assert_eq!(
        Assessment::from_json_slice(&bytes, &small).unwrap_err(),
        CompetencyError::Json {
            document: "assessment",
            source: JsonInputError::Limit(LimitExceeded {
                limit: Limit::JsonBytes,
                max: 100,
                found: Some(bytes.len())
            })
        }
    );
    let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    v["candidate"]["email"] = json!("Ana Rivera");
    assert!(matches!(
        Assessment::from_json_slice(&serde_json::to_vec(&v).unwrap(), &Limits::DEFAULT).unwrap_err(),
        CompetencyError::Shape { document: "assessment", path, message }
            if path == "candidate.email" && message.contains("invalid email")
    ));
    v["candidate"]["email"] = json!("a.rivera@cityschools.example.org");
    v["evidence"][1]["date"] = json!("14 March 2025");
    assert!(matches!(
        Assessment::from_json_slice(&serde_json::to_vec(&v).unwrap(), &Limits::DEFAULT).unwrap_err(),
        CompetencyError::Shape { path, .. } if path == "evidence[1].date"
    ));
}

#[test]
fn award_converts_into_the_crate_error() {
    let r = refused("fail-missing-candidate-identity.json");
    let e: openbadges::Error = r.into();
    assert!(matches!(
        e.kind(),
        openbadges::ErrorKind::AwardRefused(AwardRefusal { problems, .. })
            if problems == &[Problem::MissingCandidateIdentity]
    ));
}

#[test]
fn a_framework_broken_after_loading_refuses_rather_than_passes() {
    // Fields are public, so a loaded framework can be edited into an invalid
    // one; evaluate must still not award (nor panic).
    let gone = iri("https://badges.example.org/frameworks/t/c1#gone");
    let mut fw = total_framework();
    fw.bands[0].competencies[0].rubric.criteria[1].minimum_level = Some(gone.clone());
    let r = evaluate(&fw, &total_assessment("high", "high", "Peer review"), None).unwrap_err();
    assert_eq!(
        r.problems,
        [Problem::BelowThreshold {
            criterion: iri("https://badges.example.org/frameworks/t/c1#b"),
            achieved: iri("https://badges.example.org/frameworks/t/c1#high"),
            required: gone,
        }]
    );
    fw.bands[0].competencies[0].rubric.levels.clear();
    let r = evaluate(&fw, &total_assessment("high", "high", "Peer review"), None).unwrap_err();
    assert_eq!(r.problems.len(), 2, "{r}");
    assert!(r
        .problems
        .iter()
        .all(|p| matches!(p, Problem::UnknownLevel { .. })));
}
