//! Deciding an assessment: [`evaluate`] yields an [`Award`] or an
//! [`AwardRefusal`] listing every [`Problem`].

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{DateTime, Iri};

use super::assessment::{Assessment, Assessor, Candidate};
use super::evidence::{EvidenceItem, EvidenceKind};
use super::framework::{Competency, Framework, Publisher};

/// A decided award: everything needed to issue the credential.
///
/// Maps onto an OB 3.0 `AchievementCredential` field by field:
/// `issuer` → `issuer` (Profile); `achievement` → `credentialSubject.achievement`
/// (with `creator` = `issuer`, `criteria.narrative` = `criteria_narrative`, one
/// `resultDescription` per rubric criterion, `id` = criterion id, `resultType`
/// `RubricCriterionLevel`, `requiredLevel` = [`CriterionResult::required_level`],
/// its levels as `rubricCriterionLevel`); `recipient` → `credentialSubject`
/// (`id`, or an `identifier` hashing the email); `results` →
/// `credentialSubject.result` (`resultDescription` = criterion id,
/// `achievedLevel` = level id); `evidence` → `evidence`; `awarded_on` →
/// `validFrom`; `framework.version` → `achievement.version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Award {
    /// The issuing organisation (the framework's publisher).
    pub issuer: Publisher,
    /// The framework the award is made under.
    pub framework: FrameworkRef,
    /// The band (domain) the competency belongs to.
    pub band: BandRef,
    /// The competency achieved, as defined in the framework.
    pub achievement: Competency,
    /// Who earned it.
    pub recipient: Candidate,
    /// Who assessed it.
    pub assessor: Assessor,
    /// The assessment's IRI.
    pub assessment: Iri,
    /// When the assessment was made.
    pub assessed_on: DateTime,
    /// When the award was decided (the `now` given to [`evaluate`], else the
    /// assessment date).
    pub awarded_on: DateTime,
    /// The level achieved on each rubric criterion, in rubric order.
    pub results: Vec<CriterionResult>,
    /// Sum of the achieved levels' points.
    pub total_points: u64,
    /// Most points the rubric can give.
    pub max_points: u64,
    /// All the evidence submitted, in the order given.
    pub evidence: Vec<EvidenceItem>,
    /// The assessor's comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Award {
    /// Issues this award under `issuer_id` (for example the signing key's
    /// `did:key`), keeping the framework publisher's former id as the
    /// issuer profile's `url` when it has none.
    ///
    /// A verifier binds the proof's key to the credential's issuer, so a
    /// programme whose published id is an https URL but that signs with a
    /// `did:key` issues under the `did:key` (or publishes a controller
    /// document for its URL and keeps it).
    pub fn issue_as(&mut self, issuer_id: Iri) {
        let former = core::mem::replace(&mut self.issuer.id, issuer_id);
        if former != self.issuer.id {
            self.issuer.url.get_or_insert(former);
        }
    }

    /// The result for a criterion.
    pub fn result(&self, criterion: &Iri) -> Option<&CriterionResult> {
        self.results.iter().find(|r| &r.criterion == criterion)
    }
}

/// Which framework, and which version of it, an award was made under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct FrameworkRef {
    /// The framework's IRI.
    pub id: Iri,
    /// Its name.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Its CASE framework URL, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_framework_url: Option<Iri>,
}

/// The band a competency belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BandRef {
    /// The band's IRI.
    pub id: Iri,
    /// Its name.
    pub name: String,
}

/// The level achieved on one rubric criterion (an OB 3.0 `Result`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct CriterionResult {
    /// The criterion's IRI (the `resultDescription`).
    pub criterion: Iri,
    /// The criterion's name.
    pub criterion_name: String,
    /// The achieved level's IRI (the `achievedLevel`).
    pub achieved_level: Iri,
    /// The achieved level's name.
    pub level_name: String,
    /// The achieved level's points.
    pub points: u32,
    /// The least level the criterion had to reach, if any (the `requiredLevel`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_level: Option<Iri>,
}

/// One reason an assessment cannot be awarded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Problem {
    /// The assessment names another framework.
    WrongFramework {
        /// The framework passed to [`evaluate`].
        expected: Iri,
        /// The framework the assessment names.
        found: Iri,
    },
    /// The competency is not in the framework (its rubric and evidence
    /// requirements then cannot be checked).
    UnknownCompetency {
        /// The competency the assessment names.
        competency: Iri,
        /// The framework searched.
        framework: Iri,
    },
    /// The candidate has neither an id nor an email.
    MissingCandidateIdentity,
    /// The assessor has neither an id nor an email.
    MissingAssessorIdentity,
    /// The assessment is dated after `now`.
    AssessedInFuture {
        /// The assessment date.
        assessed_on: DateTime,
        /// The `now` given.
        now: DateTime,
    },
    /// An evidence item is dated after the assessment.
    EvidenceAfterAssessment {
        /// Its position in the assessment's evidence list.
        index: usize,
        /// Its name.
        name: String,
        /// Its date.
        date: DateTime,
    },
    /// A rubric criterion has no rating.
    UnratedCriterion {
        /// The criterion.
        criterion: Iri,
    },
    /// A rating names a level the rubric does not have.
    UnknownLevel {
        /// The criterion rated.
        criterion: Iri,
        /// The unknown level.
        level: Iri,
    },
    /// A rating names a criterion the rubric does not have.
    UnknownCriterion {
        /// The unknown criterion.
        criterion: Iri,
    },
    /// A criterion is rated below its least level.
    BelowThreshold {
        /// The criterion.
        criterion: Iri,
        /// The level achieved.
        achieved: Iri,
        /// The least level required.
        required: Iri,
    },
    /// The total points are below the rubric's least total.
    TotalBelowThreshold {
        /// Points achieved.
        achieved: u64,
        /// Least total required.
        required: u32,
    },
    /// Fewer evidence items of a kind than the competency requires.
    EvidenceShort {
        /// The kind.
        kind: EvidenceKind,
        /// Items required.
        required: u32,
        /// Items found.
        found: u32,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::WrongFramework { expected, found } => {
                write!(f, "the assessment is for framework {found}, not {expected}")
            }
            Problem::UnknownCompetency {
                competency,
                framework,
            } => write!(f, "competency {competency} is not in framework {framework}"),
            Problem::MissingCandidateIdentity => {
                f.write_str("the candidate has neither an id nor an email")
            }
            Problem::MissingAssessorIdentity => {
                f.write_str("the assessor has neither an id nor an email")
            }
            Problem::AssessedInFuture { assessed_on, now } => {
                write!(f, "assessed on {assessed_on}, which is after now ({now})")
            }
            Problem::EvidenceAfterAssessment { index, name, date } => write!(
                f,
                "evidence[{index}] {name:?} is dated {date}, after the assessment"
            ),
            Problem::UnratedCriterion { criterion } => {
                write!(f, "rubric criterion {criterion} is not rated")
            }
            Problem::UnknownLevel { criterion, level } => write!(
                f,
                "criterion {criterion} is rated {level}, which is not a level of the rubric"
            ),
            Problem::UnknownCriterion { criterion } => {
                write!(
                    f,
                    "{criterion} is rated but is not a criterion of the rubric"
                )
            }
            Problem::BelowThreshold {
                criterion,
                achieved,
                required,
            } => write!(
                f,
                "criterion {criterion} is rated {achieved}, below the required {required}"
            ),
            Problem::TotalBelowThreshold { achieved, required } => {
                write!(f, "total {achieved} points, below the required {required}")
            }
            Problem::EvidenceShort {
                kind,
                required,
                found,
            } => write!(f, "{kind} evidence: {found} item(s), {required} required"),
        }
    }
}

/// Why an assessment was not awarded: every problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub struct AwardRefusal {
    /// The assessment refused.
    pub assessment: Iri,
    /// Every problem, in a stable order: framework and competency, identities,
    /// dates, rubric criteria (rubric order), unknown ratings, total points,
    /// evidence requirements (framework order). Never empty.
    pub problems: Vec<Problem>,
}

impl fmt::Display for AwardRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "assessment {} cannot be awarded ({} problem{}):",
            self.assessment,
            self.problems.len(),
            if self.problems.len() == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  - {p}")?;
        }
        Ok(())
    }
}

/// Decides whether an assessment earns its competency's award.
///
/// Checks that the assessment is for this framework (when it says), the
/// competency exists, the candidate and assessor are identified (id or
/// email), the assessment is not dated after `now` (when given) and no
/// evidence is dated after the assessment, every rubric criterion is rated
/// with one of the rubric's levels and no unknown criterion is rated, each
/// criterion reaches its least level, the total reaches the least total, and
/// each evidence requirement has enough items of its kind.
///
/// A criterion rated with an unknown level is reported once, as
/// [`Problem::UnknownLevel`]; the total is then not checked, since it cannot
/// be known. An unknown competency stops the rubric and evidence checks.
///
/// # Errors
/// [`AwardRefusal`] listing every problem found.
pub fn evaluate(
    framework: &Framework,
    assessment: &Assessment,
    now: Option<&DateTime>,
) -> Result<Award, AwardRefusal> {
    let mut problems = Vec::new();
    if let Some(found) = &assessment.framework {
        if found != &framework.id {
            problems.push(Problem::WrongFramework {
                expected: framework.id.clone(),
                found: found.clone(),
            });
        }
    }
    let found = framework.competency(&assessment.competency);
    if found.is_none() {
        problems.push(Problem::UnknownCompetency {
            competency: assessment.competency.clone(),
            framework: framework.id.clone(),
        });
    }
    if !assessment.candidate.is_identified() {
        problems.push(Problem::MissingCandidateIdentity);
    }
    if !assessment.assessor.is_identified() {
        problems.push(Problem::MissingAssessorIdentity);
    }
    if let Some(now) = now {
        if assessment.assessed_on.to_utc() > now.to_utc() {
            problems.push(Problem::AssessedInFuture {
                assessed_on: assessment.assessed_on.clone(),
                now: now.clone(),
            });
        }
    }
    for (index, item) in assessment.evidence.iter().enumerate() {
        if let Some(date) = &item.date {
            if date.to_utc() > assessment.assessed_on.to_utc() {
                problems.push(Problem::EvidenceAfterAssessment {
                    index,
                    name: item.name.clone(),
                    date: date.clone(),
                });
            }
        }
    }
    let Some((band, competency)) = found else {
        return Err(AwardRefusal {
            assessment: assessment.id.clone(),
            problems,
        });
    };

    let rubric = &competency.rubric;
    let mut results = Vec::with_capacity(rubric.criteria.len());
    let mut total: u64 = 0;
    let mut total_known = true;
    for criterion in &rubric.criteria {
        let Some(level_id) = assessment.ratings.get(&criterion.id) else {
            problems.push(Problem::UnratedCriterion {
                criterion: criterion.id.clone(),
            });
            total_known = false;
            continue;
        };
        let (Some(level), Some(rank)) = (rubric.level(level_id), rubric.level_rank(level_id))
        else {
            problems.push(Problem::UnknownLevel {
                criterion: criterion.id.clone(),
                level: level_id.clone(),
            });
            total_known = false;
            continue;
        };
        let required = rubric.required_level(criterion);
        if let Some(required) = required {
            // A required level missing from the scale cannot occur in a
            // validated framework; treat it as unreachable rather than passing.
            let below = rubric.level_rank(required).is_none_or(|need| rank < need);
            if below {
                problems.push(Problem::BelowThreshold {
                    criterion: criterion.id.clone(),
                    achieved: level_id.clone(),
                    required: required.clone(),
                });
            }
        }
        total = total.saturating_add(u64::from(level.points));
        results.push(CriterionResult {
            criterion: criterion.id.clone(),
            criterion_name: criterion.name.clone(),
            achieved_level: level.id.clone(),
            level_name: level.name.clone(),
            points: level.points,
            required_level: required.cloned(),
        });
    }
    for rated in assessment.ratings.keys() {
        if rubric.criterion(rated).is_none() {
            problems.push(Problem::UnknownCriterion {
                criterion: rated.clone(),
            });
        }
    }
    if let (Some(required), true) = (rubric.threshold.minimum_total_points, total_known) {
        if total < u64::from(required) {
            problems.push(Problem::TotalBelowThreshold {
                achieved: total,
                required,
            });
        }
    }
    for req in &competency.evidence {
        let count = assessment
            .evidence
            .iter()
            .filter(|e| e.kind == req.kind)
            .count();
        let found = u32::try_from(count).unwrap_or(u32::MAX);
        if found < req.minimum {
            problems.push(Problem::EvidenceShort {
                kind: req.kind.clone(),
                required: req.minimum,
                found,
            });
        }
    }

    if !problems.is_empty() {
        return Err(AwardRefusal {
            assessment: assessment.id.clone(),
            problems,
        });
    }
    Ok(Award {
        issuer: framework.publisher.clone(),
        framework: FrameworkRef {
            id: framework.id.clone(),
            name: framework.name.clone(),
            version: framework.version.clone(),
            case_framework_url: framework.case_framework_url.clone(),
        },
        band: BandRef {
            id: band.id.clone(),
            name: band.name.clone(),
        },
        achievement: competency.clone(),
        recipient: assessment.candidate.clone(),
        assessor: assessment.assessor.clone(),
        assessment: assessment.id.clone(),
        assessed_on: assessment.assessed_on.clone(),
        awarded_on: now
            .cloned()
            .unwrap_or_else(|| assessment.assessed_on.clone()),
        results,
        total_points: total,
        max_points: rubric.max_points(),
        evidence: assessment.evidence.clone(),
        comment: assessment.comment.clone(),
    })
}
