//! Small shared classes: [`Image`], [`Evidence`], [`IdentityObject`].

use serde::{Deserialize, Serialize};

use super::vocab::IdentifierType;
use super::Types;
use crate::ids::Iri;
use crate::model::{Extra, OneOrMany};

/// An image (`Image`). Required: `id` (a URL or `data:` URI), `type` (`Image`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// The image's URL or `data:` URI.
    pub id: Iri,
    /// Type; `Image`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Image {
    /// An image (`type` is `Image`).
    pub fn new(id: Iri) -> Self {
        Image {
            id,
            types: OneOrMany::One("Image".into()),
            caption: None,
            extra: Extra::new(),
        }
    }
}

/// Evidence of the achievement (`Evidence`). Required: `type` (contains `Evidence`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// IRI of the evidence (e.g. a URL of the work).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// Types; contains `Evidence`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Narrative of the evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Genre (e.g. "Poetry").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
    /// Intended audience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Evidence {
    /// Empty evidence (`type` is `["Evidence"]`); set the fields you need.
    pub fn new() -> Self {
        Evidence {
            id: None,
            types: OneOrMany::Many(vec!["Evidence".into()]),
            narrative: None,
            name: None,
            description: None,
            genre: None,
            audience: None,
            extra: Extra::new(),
        }
    }
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence::new()
    }
}

/// A (possibly hashed) identifier of the recipient (`IdentityObject`).
///
/// Required: `type` (`IdentityObject`), `identityHash`, `identityType`, `hashed`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityObject {
    /// Type; `IdentityObject`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Whether `identityHash` is hashed.
    pub hashed: bool,
    /// The identity value or its hash (`sha256$…` / `md5$…`).
    pub identity_hash: String,
    /// The kind of identity.
    pub identity_type: IdentifierType,
    /// Salt used when hashing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl IdentityObject {
    /// A plain-text identity (`hashed: false`).
    pub fn plain(identity_type: IdentifierType, value: impl Into<String>) -> Self {
        IdentityObject {
            types: OneOrMany::One("IdentityObject".into()),
            hashed: false,
            identity_hash: value.into(),
            identity_type,
            salt: None,
            extra: Extra::new(),
        }
    }

    /// A SHA-256 hashed identity: `identityHash` is `sha256$` followed by the
    /// lower-case hex of SHA-256(value ‖ salt), as OB specifies.
    pub fn hashed_sha256(identity_type: IdentifierType, value: &str, salt: Option<&str>) -> Self {
        use crate::model::recipient::{hash_identity, IdentityHash};
        IdentityObject {
            types: OneOrMany::One("IdentityObject".into()),
            hashed: true,
            identity_hash: hash_identity(IdentityHash::Sha256, value, salt),
            identity_type,
            salt: salt.map(str::to_owned),
            extra: Extra::new(),
        }
    }
}
