#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Loading and validating competency frameworks.

use openbadges::competency::{CompetencyError, EvidenceKind, Framework};
use openbadges::ids::Iri;
use openbadges::limits::{JsonInputError, Limit, LimitExceeded, Limits};
use serde_json::{json, Value};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/frameworks/teacher-leadership.json"
);

fn fixture_bytes() -> Vec<u8> {
    std::fs::read(FIXTURE).unwrap()
}

fn fixture_value() -> Value {
    serde_json::from_slice(&fixture_bytes()).unwrap()
}

fn load(v: &Value) -> Result<Framework, CompetencyError> {
    Framework::from_json_slice(&serde_json::to_vec(v).unwrap(), &Limits::DEFAULT)
}

#[test]
fn fixture_framework_has_18_competencies_in_3_bands_of_6() {
    let fw = Framework::from_json_slice(&fixture_bytes(), &Limits::DEFAULT).unwrap();
    assert_eq!(fw.bands.len(), 3);
    let names: Vec<&str> = fw.bands.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Facilitation and team-building",
            "Data and research",
            "Pedagogy and instruction"
        ]
    );
    for band in &fw.bands {
        assert_eq!(band.competencies.len(), 6, "{}", band.name);
    }
    assert_eq!(fw.competencies().count(), 18);
    assert_eq!(
        fw.publisher.id,
        "https://badges.example.org/issuers/teacher-leadership"
    );
    assert_eq!(fw.publisher.name, "City Schools Teacher Leadership Program");
    for c in fw.competencies() {
        let n = c.rubric.criteria.len();
        assert!((3..=4).contains(&n), "{} has {n} criteria", c.code);
        let levels: Vec<&str> = c.rubric.levels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            levels,
            ["Beginning", "Developing", "Proficient", "Exemplary"],
            "{}",
            c.code
        );
        let min = c.rubric.threshold.minimum_level.as_ref().unwrap();
        assert_eq!(
            c.rubric.level(min).unwrap().name,
            "Proficient",
            "{}",
            c.code
        );
        assert!(!c.evidence.is_empty());
        assert!(!c.alignments.is_empty());
    }
    let ftb1 = fw.competency_by_code("FTB-1").unwrap();
    assert_eq!(ftb1.evidence[0].kind, EvidenceKind::Observation);
    assert_eq!(ftb1.evidence[0].minimum, 2);
    let (band, found) = fw.competency(&ftb1.id).unwrap();
    assert_eq!(found.code, "FTB-1");
    assert_eq!(band.name, "Facilitation and team-building");
    assert!(fw.competency_by_code("FTB-7").is_none());
}

#[test]
fn fixture_round_trips_through_serde() {
    let fw = Framework::from_json_slice(&fixture_bytes(), &Limits::DEFAULT).unwrap();
    let again = serde_json::to_vec(&fw).unwrap();
    assert_eq!(
        Framework::from_json_slice(&again, &Limits::DEFAULT).unwrap(),
        fw
    );
}

#[test]
fn duplicate_competency_id_is_refused_naming_both_places() {
    let mut v = fixture_value();
    let first = v["bands"][0]["competencies"][0]["id"].clone();
    v["bands"][1]["competencies"][2]["id"] = first.clone();
    match load(&v).unwrap_err() {
        CompetencyError::DuplicateId {
            id,
            path,
            first: at,
        } => {
            assert_eq!(id, first.as_str().unwrap());
            assert_eq!(path, "bands[1].competencies[2].id");
            assert_eq!(at, "bands[0].competencies[0].id");
        }
        e => panic!("unexpected {e:?}"),
    }
}

#[test]
fn duplicate_level_id_within_a_rubric_is_refused() {
    let mut v = fixture_value();
    let lvl = v["bands"][2]["competencies"][3]["rubric"]["levels"][0]["id"].clone();
    v["bands"][2]["competencies"][3]["rubric"]["levels"][1]["id"] = lvl;
    let err = load(&v).unwrap_err();
    assert!(
        matches!(&err, CompetencyError::DuplicateId { path, first, .. }
            if path == "bands[2].competencies[3].rubric.levels[1].id"
            && first == "bands[2].competencies[3].rubric.levels[0].id"),
        "{err:?}"
    );
}

#[test]
fn duplicate_code_is_refused() {
    let mut v = fixture_value();
    v["bands"][1]["competencies"][0]["code"] = json!("FTB-3");
    match load(&v).unwrap_err() {
        CompetencyError::DuplicateCode { code, path, first } => {
            assert_eq!(code, "FTB-3");
            assert_eq!(path, "bands[1].competencies[0].code");
            assert_eq!(first, "bands[0].competencies[2].code");
        }
        e => panic!("unexpected {e:?}"),
    }
}

#[test]
fn threshold_on_missing_level_is_refused_naming_competency_and_field() {
    let mut v = fixture_value();
    v["bands"][0]["competencies"][4]["rubric"]["threshold"]["minimumLevel"] =
        json!("https://badges.example.org/frameworks/teacher-leadership/v1/competencies/ftb-5#level-mastery");
    let err = load(&v).unwrap_err();
    assert_eq!(
        err,
        CompetencyError::ThresholdUnknownLevel {
            competency: "FTB-5".into(),
            field: "rubric.threshold.minimumLevel".into(),
            level: Iri::new("https://badges.example.org/frameworks/teacher-leadership/v1/competencies/ftb-5#level-mastery").unwrap(),
        }
    );
    assert!(err.to_string().contains("FTB-5"), "{err}");

    // A level of another competency does not count either.
    let mut v = fixture_value();
    v["bands"][0]["competencies"][1]["rubric"]["criteria"][0]["minimumLevel"] =
        json!("https://badges.example.org/frameworks/teacher-leadership/v1/competencies/ftb-1#level-proficient");
    assert!(matches!(
        load(&v).unwrap_err(),
        CompetencyError::ThresholdUnknownLevel { competency, field, .. }
            if competency == "FTB-2" && field == "rubric.criteria[0].minimumLevel"
    ));
}

#[test]
fn empty_rubric_is_refused() {
    let mut v = fixture_value();
    v["bands"][1]["competencies"][5]["rubric"]["criteria"] = json!([]);
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::NoCriteria {
            competency: "DR-6".into()
        }
    );
    let mut v = fixture_value();
    v["bands"][1]["competencies"][5]["rubric"]["levels"] = json!([]);
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::NoLevels {
            competency: "DR-6".into()
        }
    );
}

#[test]
fn missing_evidence_requirement_is_refused() {
    let mut v = fixture_value();
    v["bands"][2]["competencies"][0]["evidence"] = json!([]);
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::NoEvidenceRequirement {
            competency: "PI-1".into()
        }
    );
    let mut v = fixture_value();
    v["bands"][2]["competencies"][0]["evidence"][1]["minimum"] = json!(0);
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::ZeroEvidenceMinimum {
            competency: "PI-1".into(),
            kind: EvidenceKind::ImpactOnPractice,
        }
    );
    let mut v = fixture_value();
    v["bands"][2]["competencies"][0]["evidence"][1]["kind"] = json!("Observation");
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::DuplicateEvidenceKind {
            competency: "PI-1".into(),
            kind: EvidenceKind::Observation,
        }
    );
}

#[test]
fn levels_out_of_order_are_refused() {
    let mut v = fixture_value();
    let levels = v["bands"][0]["competencies"][0]["rubric"]["levels"]
        .as_array_mut()
        .unwrap();
    levels.swap(1, 2);
    let err = load(&v).unwrap_err();
    assert!(
        matches!(&err, CompetencyError::LevelsNotOrdered { competency, points: 2, previous: 3, level }
            if competency == "FTB-1" && level.as_str().ends_with("#level-developing")),
        "{err:?}"
    );
}

#[test]
fn missing_or_unreachable_threshold_is_refused() {
    let mut v = fixture_value();
    v["bands"][0]["competencies"][0]["rubric"]["threshold"] = json!({});
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::NoThreshold {
            competency: "FTB-1".into()
        }
    );
    let mut v = fixture_value();
    // FTB-1 has 3 criteria of at most 4 points.
    v["bands"][0]["competencies"][0]["rubric"]["threshold"] = json!({"minimumTotalPoints": 13});
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::ThresholdUnreachable {
            competency: "FTB-1".into(),
            required: 13,
            max: 12
        }
    );
    v["bands"][0]["competencies"][0]["rubric"]["threshold"] = json!({"minimumTotalPoints": 12});
    assert!(load(&v).is_ok());
}

#[test]
fn vocabulary_terms_are_checked() {
    let mut v = fixture_value();
    v["bands"][0]["competencies"][2]["achievementType"] = json!("Skill");
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::BadAchievementType {
            competency: "FTB-3".into(),
            value: "Skill".into()
        }
    );
    v["bands"][0]["competencies"][2]["achievementType"] = json!("ext:TeacherLeaderSkill");
    v["bands"][0]["competencies"][2]["alignments"][0]["targetType"] = json!("Standard");
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::BadAlignmentType {
            competency: "FTB-3".into(),
            index: 0,
            value: "Standard".into()
        }
    );
}

#[test]
fn empty_names_and_bands_are_refused() {
    let mut v = fixture_value();
    v["bands"][1]["competencies"][1]["rubric"]["criteria"][2]["name"] = json!("  ");
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::EmptyText {
            path: "bands[1].competencies[1].rubric.criteria[2].name".into()
        }
    );
    let mut v = fixture_value();
    v["bands"][2]["competencies"] = json!([]);
    assert_eq!(
        load(&v).unwrap_err(),
        CompetencyError::Empty {
            path: "bands[2].competencies".into()
        }
    );
}

#[test]
fn shape_errors_carry_the_json_path() {
    let mut v = fixture_value();
    v["bands"][0]["competencies"][1]["rubric"]["levels"][2]["points"] = json!("three");
    match load(&v).unwrap_err() {
        CompetencyError::Shape { document, path, .. } => {
            assert_eq!(document, "framework");
            assert_eq!(path, "bands[0].competencies[1].rubric.levels[2].points");
        }
        e => panic!("unexpected {e:?}"),
    }
    let mut v = fixture_value();
    v["bands"][0]["competencies"][1]["id"] = json!("not an iri");
    assert!(matches!(
        load(&v).unwrap_err(),
        CompetencyError::Shape { path, message, .. }
            if path == "bands[0].competencies[1].id" && message.contains("invalid IRI")
    ));
    let mut v = fixture_value();
    v["bands"][0]["competencies"][1]["rubrik"] = json!({});
    assert!(matches!(
        load(&v).unwrap_err(),
        CompetencyError::Shape { path, message, .. }
            if path == "bands[0].competencies[1].rubrik" && message.contains("unknown field")
    ));
}

#[test]
fn json_limits_are_respected() {
    let bytes = fixture_bytes();
    let mut small = Limits::DEFAULT;
    small.max_json_bytes = 1000;
    let err = Framework::from_json_slice(&bytes, &small).unwrap_err();
    assert_eq!(
        err,
        CompetencyError::Json {
            document: "framework",
            source: JsonInputError::Limit(LimitExceeded {
                limit: Limit::JsonBytes,
                max: 1000,
                found: Some(bytes.len())
            })
        }
    );
    // The fixture nests deeper than 4 (root, bands, band, competencies, competency, ...).
    let mut shallow = Limits::DEFAULT;
    shallow.max_json_depth = 4;
    assert!(matches!(
        Framework::from_json_slice(&bytes, &shallow).unwrap_err(),
        CompetencyError::Json {
            source: JsonInputError::Limit(LimitExceeded {
                limit: Limit::JsonDepth,
                ..
            }),
            ..
        }
    ));
    assert!(matches!(
        Framework::from_json_slice(b"{\"id\": ", &Limits::DEFAULT).unwrap_err(),
        CompetencyError::Json {
            source: JsonInputError::Syntax { .. },
            ..
        }
    ));
}

/// The fixture's leader rule (at least two competencies in each band, FTB-6
/// among them) as the framework file states it; expected values are worked
/// out by hand from that rule.
#[test]
fn fixture_leader_rule_says_what_is_missing() {
    use openbadges::competency::{HeldCompetencies, Missing, Requirement};
    let fw = Framework::from_json_slice(&fixture_bytes(), &Limits::DEFAULT).unwrap();
    let rule = fw.leader_rule.as_ref().unwrap();
    assert_eq!(
        rule.requirements[0],
        Requirement::AtLeastInEachBand { minimum: 2 }
    );
    let code = |c: &str| {
        fw.competency_index(&fw.competency_by_code(c).unwrap().id)
            .unwrap()
    };
    let set = |codes: &[&str]| {
        let mut s = HeldCompetencies::new();
        for c in codes {
            s.insert(code(c));
        }
        s
    };
    let leader = set(&["FTB-1", "FTB-6", "DR-1", "DR-6", "PI-2", "PI-3"]);
    assert!(fw.leader_status(&leader).unwrap().is_leader());

    // No FTB-6: only the named competency is missing.
    let status = fw
        .leader_status(&set(&["FTB-1", "FTB-2", "DR-1", "DR-6", "PI-2", "PI-3"]))
        .unwrap();
    assert_eq!(
        status.missing,
        vec![Missing::Competency {
            competency: fw.competency_by_code("FTB-6").unwrap().id.clone()
        }]
    );
    // One in the data band, none in pedagogy.
    let status = fw.leader_status(&set(&["FTB-1", "FTB-6", "DR-3"])).unwrap();
    assert_eq!(
        status.missing,
        vec![
            Missing::InBand {
                band: fw.bands[1].id.clone(),
                required: 2,
                held: 1
            },
            Missing::InBand {
                band: fw.bands[2].id.clone(),
                required: 2,
                held: 0
            },
        ]
    );
    // Nothing held: three bands short and FTB-6 missing.
    assert_eq!(
        fw.leader_status(&HeldCompetencies::new())
            .unwrap()
            .missing
            .len(),
        4
    );
    // Achievement ids outside the framework are left out of the set.
    let stranger = Iri::new("https://example.org/other/competency").unwrap();
    let ids = [fw.competency_by_code("DR-2").unwrap().id.clone(), stranger];
    assert_eq!(
        fw.held(ids.iter()).iter().collect::<Vec<_>>(),
        [code("DR-2")]
    );
}

#[test]
fn leader_rules_naming_nothing_or_asking_too_much_are_refused() {
    let with_rule = |rule: Value| {
        let mut v = fixture_value();
        v["leaderRule"] = rule;
        load(&v)
    };
    assert!(matches!(
        with_rule(json!({"requirements": [{"type": "atLeastInEachBand", "minimum": 7}]})),
        Err(CompetencyError::LeaderRuleUnreachable {
            minimum: 7,
            available: 6,
            ..
        })
    ));
    assert!(matches!(
        with_rule(json!({"requirements": [{"type": "atLeast", "minimum": 19}]})),
        Err(CompetencyError::LeaderRuleUnreachable {
            minimum: 19,
            available: 18,
            ..
        })
    ));
    let err = with_rule(json!({"requirements": [{"type": "atLeastInBand",
        "band": "https://example.org/no-such-band", "minimum": 1}]}))
    .unwrap_err();
    assert!(
        matches!(&err, CompetencyError::LeaderRuleUnknown { path, .. } if path == "leaderRule.requirements[0].band"),
        "{err}"
    );
    assert!(matches!(
        with_rule(json!({"requirements": [{"type": "allOf",
            "competencies": ["https://example.org/nothing"]}]})),
        Err(CompetencyError::LeaderRuleUnknown { .. })
    ));
    assert!(matches!(
        with_rule(json!({"requirements": []})),
        Err(CompetencyError::Empty { .. })
    ));
    assert!(matches!(
        with_rule(json!({"requirements": [{"type": "mostly", "minimum": 1}]})),
        Err(CompetencyError::Shape { .. })
    ));
    // Without a rule, asking is an error, not "not a leader".
    let mut v = fixture_value();
    v.as_object_mut().unwrap().remove("leaderRule");
    let fw = load(&v).unwrap();
    assert_eq!(
        fw.leader_status(&Default::default()),
        Err(CompetencyError::NoLeaderRule)
    );
}
