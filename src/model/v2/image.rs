//! `Image`: a badge or profile image with optional caption and author.

use serde::{Deserialize, Serialize};

use super::common::{de_image_types, Types};
use crate::ids::Iri;
use crate::model::Extra;

/// An image described as an object (`image` may also be a bare IRI or `data:` URI).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Image {
    /// The image's IRI (an HTTP URL or a `data:` URI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// `Image`, when given.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_image_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// A caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// The author's IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Iri>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}
