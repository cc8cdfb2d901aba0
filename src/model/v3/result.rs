//! Results: [`Result`] (what a learner got), [`ResultDescription`] (what
//! may be reported) and [`RubricCriterionLevel`].

use serde::{Deserialize, Serialize};

use super::achievement::Alignment;
use super::vocab::{ResultStatusType, ResultType};
use super::Types;
use crate::ids::Iri;
use crate::model::{Extra, OneOrMany};

/// A result the learner achieved (`Result`). Required: `type` (contains `Result`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Result {
    /// Types; contains `Result`.
    #[serde(rename = "type")]
    pub types: Types,
    /// The `id` of the achieved [`RubricCriterionLevel`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achieved_level: Option<Iri>,
    /// Alignments of this result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<OneOrMany<Alignment>>,
    /// The `id` of the [`ResultDescription`] this result is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_description: Option<Iri>,
    /// Status of the achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ResultStatusType>,
    /// The value (a grade, score…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Result {
    /// An empty result (`type` is `["Result"]`); set the fields you need.
    pub fn new() -> Self {
        Result {
            types: OneOrMany::Many(vec!["Result".into()]),
            achieved_level: None,
            alignment: None,
            result_description: None,
            status: None,
            value: None,
            extra: Extra::new(),
        }
    }
}

impl Default for Result {
    fn default() -> Self {
        Result::new()
    }
}

/// What result may be reported for an achievement (`ResultDescription`).
///
/// Required: `id`, `type` (contains `ResultDescription`), `name`, `resultType`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultDescription {
    /// Unique IRI.
    pub id: Iri,
    /// Types; contains `ResultDescription`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Alignments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<OneOrMany<Alignment>>,
    /// Ordered allowed values (e.g. letter grades).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_value: Option<OneOrMany<String>>,
    /// Name.
    pub name: String,
    /// `id` of the rubric criterion level required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_level: Option<Iri>,
    /// Value required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required_value: Option<String>,
    /// The kind of result.
    pub result_type: ResultType,
    /// Levels of the rubric criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric_criterion_level: Option<OneOrMany<RubricCriterionLevel>>,
    /// Maximum value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<String>,
    /// Minimum value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_min: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl ResultDescription {
    /// A result description with its required fields
    /// (`type` is `["ResultDescription"]`).
    pub fn new(id: Iri, name: impl Into<String>, result_type: ResultType) -> Self {
        ResultDescription {
            id,
            types: OneOrMany::Many(vec!["ResultDescription".into()]),
            alignment: None,
            allowed_value: None,
            name: name.into(),
            required_level: None,
            required_value: None,
            result_type,
            rubric_criterion_level: None,
            value_max: None,
            value_min: None,
            extra: Extra::new(),
        }
    }
}

/// A level of a rubric criterion (`RubricCriterionLevel`).
///
/// Required: `id`, `type` (contains `RubricCriterionLevel`), `name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RubricCriterionLevel {
    /// Unique IRI.
    pub id: Iri,
    /// Types; contains `RubricCriterionLevel`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Alignments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<OneOrMany<Alignment>>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Rubric performance level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// Name.
    pub name: String,
    /// Points (as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl RubricCriterionLevel {
    /// A level with its required fields (`type` is `["RubricCriterionLevel"]`).
    pub fn new(id: Iri, name: impl Into<String>) -> Self {
        RubricCriterionLevel {
            id,
            types: OneOrMany::Many(vec!["RubricCriterionLevel".into()]),
            alignment: None,
            description: None,
            level: None,
            name: name.into(),
            points: None,
            extra: Extra::new(),
        }
    }
}
