//! `AlignmentObject`: a link from a badge to an educational standard or framework node.

use serde::{Deserialize, Serialize};

use super::common::{de_alignment_types, NodeId, Types};
use crate::ids::Iri;
use crate::model::Extra;

/// An alignment of a badge class to a framework node (`alignment`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AlignmentObject {
    /// An id, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<NodeId>,
    /// `AlignmentObject`, when given.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_alignment_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// The framework node's name (required by the spec).
    #[serde(
        rename = "targetName",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub target_name: Option<String>,
    /// The framework node's URL (required by the spec).
    #[serde(rename = "targetUrl", default, skip_serializing_if = "Option::is_none")]
    pub target_url: Option<Iri>,
    /// A description of the node.
    #[serde(
        rename = "targetDescription",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub target_description: Option<String>,
    /// The framework's name.
    #[serde(
        rename = "targetFramework",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub target_framework: Option<String>,
    /// A locally unique code for the node within the framework.
    #[serde(
        rename = "targetCode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub target_code: Option<String>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}
