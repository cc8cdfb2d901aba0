//! Why a framework or assessment document was refused.

use crate::ids::Iri;
use crate::limits::JsonInputError;

use super::evidence::EvidenceKind;

/// Why a framework or assessment document could not be loaded.
///
/// Each variant names where the problem is: a JSON path such as
/// `bands[1].competencies[3].rubric.levels[2]` and, inside a competency, its
/// short code (e.g. `DR-4`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CompetencyError {
    /// The bytes are too large, too deep, or not JSON.
    #[error("{document}: {source}")]
    Json {
        /// `"framework"` or `"assessment"`.
        document: &'static str,
        /// The refusal.
        source: JsonInputError,
    },
    /// The JSON does not have the expected shape (a missing or misspelt
    /// property, a wrong type, a malformed IRI or date).
    #[error("{document}: at {path}: {message}")]
    Shape {
        /// `"framework"` or `"assessment"`.
        document: &'static str,
        /// JSON path of the offending value (`.` for the root).
        path: String,
        /// What was wrong.
        message: String,
    },
    /// A required text is empty.
    #[error("framework: {path} must not be empty")]
    EmptyText {
        /// JSON path of the text.
        path: String,
    },
    /// The framework has no bands, or a band has no competencies.
    #[error("framework: {path} must not be empty")]
    Empty {
        /// JSON path of the empty list (`bands` or `bands[i].competencies`).
        path: String,
    },
    /// Two things in the framework share an IRI.
    #[error("framework: id {id} at {path} is already used at {first}")]
    DuplicateId {
        /// The shared IRI.
        id: Iri,
        /// Where it appears again.
        path: String,
        /// Where it first appears.
        first: String,
    },
    /// Two competencies share a short code.
    #[error("framework: competency code {code:?} at {path} is already used at {first}")]
    DuplicateCode {
        /// The shared code.
        code: String,
        /// Where it appears again.
        path: String,
        /// Where it first appears.
        first: String,
    },
    /// A competency's rubric has no criteria.
    #[error("framework: competency {competency}: rubric has no criteria")]
    NoCriteria {
        /// The competency's code.
        competency: String,
    },
    /// A competency's rubric has no levels.
    #[error("framework: competency {competency}: rubric has no levels")]
    NoLevels {
        /// The competency's code.
        competency: String,
    },
    /// A competency asks for no evidence.
    #[error("framework: competency {competency}: no evidence requirement")]
    NoEvidenceRequirement {
        /// The competency's code.
        competency: String,
    },
    /// Rubric levels must be listed lowest first with strictly increasing points.
    #[error("framework: competency {competency}: level {level} has {points} points, not more than the level before it ({previous}); list levels lowest first")]
    LevelsNotOrdered {
        /// The competency's code.
        competency: String,
        /// The out-of-order level.
        level: Iri,
        /// Its points.
        points: u32,
        /// The points of the level before it.
        previous: u32,
    },
    /// The rubric names neither a least level nor a least total.
    #[error("framework: competency {competency}: rubric threshold sets neither minimumLevel nor minimumTotalPoints")]
    NoThreshold {
        /// The competency's code.
        competency: String,
    },
    /// A threshold names a level the rubric does not have.
    #[error("framework: competency {competency}: {field} names level {level}, which is not one of the rubric's levels")]
    ThresholdUnknownLevel {
        /// The competency's code.
        competency: String,
        /// The field, e.g. `rubric.threshold.minimumLevel` or `rubric.criteria[1].minimumLevel`.
        field: String,
        /// The unknown level.
        level: Iri,
    },
    /// The least total is more than the rubric can give.
    #[error("framework: competency {competency}: minimumTotalPoints {required} is more than the rubric's maximum {max}")]
    ThresholdUnreachable {
        /// The competency's code.
        competency: String,
        /// The least total asked for.
        required: u32,
        /// The most the rubric can give.
        max: u64,
    },
    /// An evidence requirement asks for zero items.
    #[error("framework: competency {competency}: evidence requirement {kind} has minimum 0 (use at least 1, or drop it)")]
    ZeroEvidenceMinimum {
        /// The competency's code.
        competency: String,
        /// The kind.
        kind: EvidenceKind,
    },
    /// Two evidence requirements of one competency name the same kind.
    #[error("framework: competency {competency}: evidence kind {kind} is required twice")]
    DuplicateEvidenceKind {
        /// The competency's code.
        competency: String,
        /// The kind.
        kind: EvidenceKind,
    },
    /// An achievement type outside the OB 3.0 vocabulary without the `ext:` prefix.
    #[error("framework: competency {competency}: achievementType {value:?} is not an OB 3.0 achievement type and does not start with \"ext:\"")]
    BadAchievementType {
        /// The competency's code.
        competency: String,
        /// The refused value.
        value: String,
    },
    /// An alignment target type outside the OB 3.0 vocabulary without the `ext:` prefix.
    #[error("framework: competency {competency}: alignments[{index}].targetType {value:?} is not an OB 3.0 alignment target type and does not start with \"ext:\"")]
    BadAlignmentType {
        /// The competency's code.
        competency: String,
        /// Index of the alignment.
        index: usize,
        /// The refused value.
        value: String,
    },
    /// The leader rule names a band or competency the framework does not have.
    #[error("framework: {path}: {id} is not a band or competency of the framework")]
    LeaderRuleUnknown {
        /// JSON path of the reference.
        path: String,
        /// The unknown IRI.
        id: Iri,
    },
    /// A leader rule's minimum is more than there are competencies to hold.
    #[error(
        "framework: {path}: asks for at least {minimum} competencies where only {available} exist"
    )]
    LeaderRuleUnreachable {
        /// JSON path of the requirement.
        path: String,
        /// The minimum asked for.
        minimum: u32,
        /// How many competencies there are to hold.
        available: usize,
    },
    /// The framework says nothing about what makes a teacher leader.
    #[error("framework: has no leaderRule")]
    NoLeaderRule,
}
