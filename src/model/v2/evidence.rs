//! `Evidence`: work that supports an award.

use serde::{Deserialize, Serialize};

use super::common::{de_evidence_types, NodeId, Types};
use crate::model::Extra;

/// Evidence as an object (`evidence` may also be a bare IRI).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Evidence {
    /// The evidence's IRI, or a blank-node id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<NodeId>,
    /// `Evidence`, when given.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_evidence_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// A narrative in Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// A name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The kind of evidence, e.g. `Photography`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// The intended audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}
