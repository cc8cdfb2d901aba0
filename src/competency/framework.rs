//! Competency frameworks: bands of competencies, each with a rubric, evidence
//! requirements and alignments, loaded from JSON and validated.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::ids::Iri;
use crate::limits::Limits;

use super::assessment::Email;
use super::error::CompetencyError;
use super::evidence::EvidenceRequirement;
use super::leader::{validate_rule, LeaderRule};
use super::rubric::Rubric;

/// A competency framework a programme keeps as data.
///
/// Build one with [`Framework::from_json_slice`], which checks it (see
/// [`Framework::validate`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Framework {
    /// The framework's IRI.
    pub id: Iri,
    /// Its name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Its version, e.g. "2024.1".
    pub version: String,
    /// Who publishes it and issues its badges (the OB 3.0 issuer `Profile`).
    pub publisher: Publisher,
    /// The framework's CASE (1EdTech Competencies and Academic Standards
    /// Exchange) `CFDocument` URL, when it is published there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_framework_url: Option<Iri>,
    /// Bands (domains) of competencies.
    pub bands: Vec<Band>,
    /// What makes a holder of these competencies a teacher leader, when the
    /// programme says so (`leaderRule`; see [`Framework::leader_status`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leader_rule: Option<LeaderRule>,
}

/// Who publishes a framework and issues its badges; becomes the OB 3.0 issuer `Profile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Publisher {
    /// The issuer's IRI.
    pub id: Iri,
    /// Its name.
    pub name: String,
    /// Its home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Iri>,
    /// A contact address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A band (domain) of related competencies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Band {
    /// The band's IRI.
    pub id: Iri,
    /// Its name.
    pub name: String,
    /// What it covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its competencies (at least one).
    pub competencies: Vec<Competency>,
}

/// One competency; becomes the OB 3.0 `Achievement` of its award.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Competency {
    /// The competency's IRI (the achievement id).
    pub id: Iri,
    /// Short code, unique in the framework, e.g. "FTB-1".
    pub code: String,
    /// Name.
    pub name: String,
    /// What the competency is.
    pub description: String,
    /// What a candidate must show, in plain words (OB 3.0 `Criteria.narrative`).
    pub criteria_narrative: String,
    /// OB 3.0 achievement type: a vocabulary term such as "Competency" or
    /// "MicroCredential", or an extension starting with "ext:".
    pub achievement_type: String,
    /// The badge image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// Keywords.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// How the competency is rated.
    pub rubric: Rubric,
    /// What evidence it needs (at least one requirement).
    pub evidence: Vec<EvidenceRequirement>,
    /// External standards it aligns to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alignments: Vec<Alignment>,
}

/// A badge image; becomes an OB 3.0 `Image`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Image {
    /// The image URL (or `data:` URL).
    pub id: Iri,
    /// Alternative text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// An alignment to a node of an external framework; becomes an OB 3.0 `Alignment`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Alignment {
    /// Name of the target, e.g. the standard's title.
    pub target_name: String,
    /// URL of the target.
    pub target_url: Iri,
    /// Short description of the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_description: Option<String>,
    /// Name of the target's framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_framework: Option<String>,
    /// The target's code in its framework, e.g. a CASE `CFItem` identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_code: Option<String>,
    /// OB 3.0 alignment target type, e.g. "CFItem", "ceasn:Competency" or "ext:…".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<String>,
}

/// OB 3.0 `AchievementType` vocabulary (extensible with `ext:`).
const ACHIEVEMENT_TYPES: &[&str] = &[
    "Achievement",
    "ApprenticeshipCertificate",
    "Assessment",
    "Assignment",
    "AssociateDegree",
    "Award",
    "Badge",
    "BachelorDegree",
    "Certificate",
    "CertificateOfCompletion",
    "Certification",
    "CommunityService",
    "Competency",
    "Course",
    "CoCurricular",
    "Degree",
    "Diploma",
    "DoctoralDegree",
    "Fieldwork",
    "GeneralEducationDevelopment",
    "JourneymanCertificate",
    "LearningProgram",
    "License",
    "Membership",
    "ProfessionalDoctorate",
    "QualityAssuranceCredential",
    "MasterCertificate",
    "MasterDegree",
    "MicroCredential",
    "ResearchDoctorate",
    "SecondarySchoolDiploma",
];

/// OB 3.0 `AlignmentTargetType` vocabulary (extensible with `ext:`).
const ALIGNMENT_TARGET_TYPES: &[&str] = &[
    "ceasn:Competency",
    "ceterms:Credential",
    "CFItem",
    "CFRubric",
    "CFRubricCriterion",
    "CFRubricCriterionLevel",
    "CTDL",
];

/// Whether `value` is in `vocab` or is an `ext:` extension as OB 3.0 writes them.
fn in_ext_vocab(value: &str, vocab: &[&str]) -> bool {
    if vocab.contains(&value) {
        return true;
    }
    value.strip_prefix("ext:").is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '|'))
    })
}

/// Reads a typed document from untrusted bytes within the limits.
pub(crate) fn load_json<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    limits: &Limits,
    document: &'static str,
) -> Result<T, CompetencyError> {
    let value = crate::limits::parse_json_limited(bytes, limits)
        .map_err(|source| CompetencyError::Json { document, source })?;
    serde_path_to_error::deserialize(value).map_err(|e| CompetencyError::Shape {
        document,
        path: e.path().to_string(),
        message: e.inner().to_string(),
    })
}

impl Framework {
    /// Reads and validates a framework from untrusted JSON bytes.
    ///
    /// # Errors
    /// [`CompetencyError::Json`] when the bytes are over `limits` or not JSON,
    /// [`CompetencyError::Shape`] (with the JSON path) when a property is
    /// missing, unknown or malformed, and any error of [`Framework::validate`].
    pub fn from_json_slice(bytes: &[u8], limits: &Limits) -> Result<Self, CompetencyError> {
        let framework: Framework = load_json(bytes, limits, "framework")?;
        framework.validate()?;
        Ok(framework)
    }

    /// Checks what JSON shape alone cannot: ids and codes are unique, names
    /// are not empty, every band has competencies, every competency has at
    /// least one rubric criterion, one level and one evidence requirement,
    /// levels are listed lowest first with strictly increasing points, the
    /// threshold names existing levels and is reachable, vocabulary terms
    /// are OB 3.0 terms or `ext:` extensions, and a leader rule names only
    /// bands and competencies of the framework with reachable minimums.
    ///
    /// # Errors
    /// The first problem found, as a [`CompetencyError`] naming the
    /// competency code and field.
    pub fn validate(&self) -> Result<(), CompetencyError> {
        let mut ids: HashMap<&Iri, String> = HashMap::new();
        claim(&mut ids, &self.id, "id".to_owned())?;
        non_empty(&self.name, "name")?;
        non_empty(&self.version, "version")?;
        non_empty(&self.publisher.name, "publisher.name")?;
        if self.bands.is_empty() {
            return Err(CompetencyError::Empty {
                path: "bands".to_owned(),
            });
        }
        let mut codes: HashMap<&str, String> = HashMap::new();
        for (b, band) in self.bands.iter().enumerate() {
            let bp = format!("bands[{b}]");
            claim(&mut ids, &band.id, format!("{bp}.id"))?;
            non_empty(&band.name, &format!("{bp}.name"))?;
            if band.competencies.is_empty() {
                return Err(CompetencyError::Empty {
                    path: format!("{bp}.competencies"),
                });
            }
            for (c, comp) in band.competencies.iter().enumerate() {
                let cp = format!("{bp}.competencies[{c}]");
                non_empty(&comp.code, &format!("{cp}.code"))?;
                if let Some(first) = codes.get(comp.code.as_str()) {
                    return Err(CompetencyError::DuplicateCode {
                        code: comp.code.clone(),
                        path: format!("{cp}.code"),
                        first: first.clone(),
                    });
                }
                codes.insert(&comp.code, format!("{cp}.code"));
                claim(&mut ids, &comp.id, format!("{cp}.id"))?;
                for (i, cr) in comp.rubric.criteria.iter().enumerate() {
                    claim(&mut ids, &cr.id, format!("{cp}.rubric.criteria[{i}].id"))?;
                }
                for (i, l) in comp.rubric.levels.iter().enumerate() {
                    claim(&mut ids, &l.id, format!("{cp}.rubric.levels[{i}].id"))?;
                }
                validate_competency(comp, &cp)?;
            }
        }
        if let Some(rule) = &self.leader_rule {
            validate_rule(self, rule)?;
        }
        Ok(())
    }

    /// Every competency, band by band, in order.
    pub fn competencies(&self) -> impl Iterator<Item = &Competency> {
        self.bands.iter().flat_map(|b| b.competencies.iter())
    }

    /// The competency with this IRI, with its band.
    pub fn competency(&self, id: &Iri) -> Option<(&Band, &Competency)> {
        self.bands
            .iter()
            .find_map(|b| b.competencies.iter().find(|c| &c.id == id).map(|c| (b, c)))
    }

    /// The competency with this short code.
    pub fn competency_by_code(&self, code: &str) -> Option<&Competency> {
        self.competencies().find(|c| c.code == code)
    }
}

/// Records where an id is first used, refusing a second use.
fn claim<'a>(
    ids: &mut HashMap<&'a Iri, String>,
    id: &'a Iri,
    path: String,
) -> Result<(), CompetencyError> {
    if let Some(first) = ids.get(id) {
        return Err(CompetencyError::DuplicateId {
            id: id.clone(),
            path,
            first: first.clone(),
        });
    }
    ids.insert(id, path);
    Ok(())
}

fn non_empty(text: &str, path: &str) -> Result<(), CompetencyError> {
    if text.trim().is_empty() {
        return Err(CompetencyError::EmptyText {
            path: path.to_owned(),
        });
    }
    Ok(())
}

fn validate_competency(comp: &Competency, cp: &str) -> Result<(), CompetencyError> {
    let code = || comp.code.clone();
    non_empty(&comp.name, &format!("{cp}.name"))?;
    non_empty(&comp.criteria_narrative, &format!("{cp}.criteriaNarrative"))?;
    if !in_ext_vocab(&comp.achievement_type, ACHIEVEMENT_TYPES) {
        return Err(CompetencyError::BadAchievementType {
            competency: code(),
            value: comp.achievement_type.clone(),
        });
    }
    let rubric = &comp.rubric;
    if rubric.criteria.is_empty() {
        return Err(CompetencyError::NoCriteria { competency: code() });
    }
    if rubric.levels.is_empty() {
        return Err(CompetencyError::NoLevels { competency: code() });
    }
    for (i, cr) in rubric.criteria.iter().enumerate() {
        non_empty(&cr.name, &format!("{cp}.rubric.criteria[{i}].name"))?;
    }
    let mut previous: Option<u32> = None;
    for (i, l) in rubric.levels.iter().enumerate() {
        non_empty(&l.name, &format!("{cp}.rubric.levels[{i}].name"))?;
        if let Some(p) = previous {
            if l.points <= p {
                return Err(CompetencyError::LevelsNotOrdered {
                    competency: code(),
                    level: l.id.clone(),
                    points: l.points,
                    previous: p,
                });
            }
        }
        previous = Some(l.points);
    }
    let t = &rubric.threshold;
    let any_criterion_level = rubric.criteria.iter().any(|c| c.minimum_level.is_some());
    if t.minimum_level.is_none() && t.minimum_total_points.is_none() && !any_criterion_level {
        return Err(CompetencyError::NoThreshold { competency: code() });
    }
    if let Some(level) = &t.minimum_level {
        if rubric.level(level).is_none() {
            return Err(CompetencyError::ThresholdUnknownLevel {
                competency: code(),
                field: "rubric.threshold.minimumLevel".to_owned(),
                level: level.clone(),
            });
        }
    }
    for (i, cr) in rubric.criteria.iter().enumerate() {
        if let Some(level) = &cr.minimum_level {
            if rubric.level(level).is_none() {
                return Err(CompetencyError::ThresholdUnknownLevel {
                    competency: code(),
                    field: format!("rubric.criteria[{i}].minimumLevel"),
                    level: level.clone(),
                });
            }
        }
    }
    if let Some(required) = t.minimum_total_points {
        let max = rubric.max_points();
        if u64::from(required) > max {
            return Err(CompetencyError::ThresholdUnreachable {
                competency: code(),
                required,
                max,
            });
        }
    }
    if comp.evidence.is_empty() {
        return Err(CompetencyError::NoEvidenceRequirement { competency: code() });
    }
    for (i, req) in comp.evidence.iter().enumerate() {
        if req.minimum == 0 {
            return Err(CompetencyError::ZeroEvidenceMinimum {
                competency: code(),
                kind: req.kind.clone(),
            });
        }
        if comp
            .evidence
            .iter()
            .take(i)
            .any(|earlier| earlier.kind == req.kind)
        {
            return Err(CompetencyError::DuplicateEvidenceKind {
                competency: code(),
                kind: req.kind.clone(),
            });
        }
    }
    for (index, a) in comp.alignments.iter().enumerate() {
        non_empty(
            &a.target_name,
            &format!("{cp}.alignments[{index}].targetName"),
        )?;
        if let Some(tt) = &a.target_type {
            if !in_ext_vocab(tt, ALIGNMENT_TARGET_TYPES) {
                return Err(CompetencyError::BadAlignmentType {
                    competency: code(),
                    index,
                    value: tt.clone(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_accept_terms_and_extensions() {
        assert!(in_ext_vocab("Competency", ACHIEVEMENT_TYPES));
        assert!(in_ext_vocab("ext:TeacherLeaderBadge", ACHIEVEMENT_TYPES));
        assert!(!in_ext_vocab("ext:", ACHIEVEMENT_TYPES));
        assert!(!in_ext_vocab("competency", ACHIEVEMENT_TYPES));
        assert!(in_ext_vocab("CFItem", ALIGNMENT_TARGET_TYPES));
        assert!(!in_ext_vocab("Standard", ALIGNMENT_TARGET_TYPES));
    }
}
