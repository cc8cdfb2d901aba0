//! `Criteria`: what it takes to earn a badge.

use serde::{Deserialize, Serialize};

use super::common::{de_criteria_types, NodeId, Types};
use crate::model::Extra;

/// Criteria as an object (`criteria` may also be a bare IRI of a criteria page).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Criteria {
    /// The criteria page's IRI, or a blank-node id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<NodeId>,
    /// `Criteria`, when given.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_criteria_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// The criteria in Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}
