//! Reading any OB 2.0 document into the class its `type` names.

use serde::{Deserialize, Serialize};

use super::alignment::AlignmentObject;
use super::assertion::Assertion;
use super::badge_class::BadgeClass;
use super::common::{de_any_types, Class, Context, NodeId, Types, V2Error};
use super::criteria::Criteria;
use super::endorsement::Endorsement;
use super::evidence::Evidence;
use super::image::Image;
use super::key::CryptographicKey;
use super::profile::Profile;
use super::revocation::RevocationList;
use crate::limits::{parse_json_limited, Limits};
use crate::model::Extra;

/// A node whose `type` names no OB 2.0 document class (or that has no `type`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Node {
    /// The JSON-LD context, if any.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The id, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<NodeId>,
    /// The types, if any (each a context term or an IRI).
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_any_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// Everything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An OB 2.0 document read into the class its `type` names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Document {
    /// `Assertion`
    Assertion(Box<Assertion>),
    /// `BadgeClass`
    BadgeClass(Box<BadgeClass>),
    /// `Profile` / `Issuer`
    Profile(Box<Profile>),
    /// `Endorsement`
    Endorsement(Box<Endorsement>),
    /// `CryptographicKey`
    CryptographicKey(Box<CryptographicKey>),
    /// `RevocationList`
    RevocationList(Box<RevocationList>),
    /// `Criteria`
    Criteria(Box<Criteria>),
    /// `Evidence`
    Evidence(Box<Evidence>),
    /// `Image`
    Image(Box<Image>),
    /// `AlignmentObject`
    AlignmentObject(Box<AlignmentObject>),
    /// No `type`, or one naming no class above.
    Other(Box<Node>),
}

impl Document {
    /// Reads untrusted bytes within `limits`, then dispatches on `type`.
    ///
    /// # Errors
    /// [`V2Error::Input`] when the bytes are too large, too deep or not JSON;
    /// otherwise as [`from_value`](Self::from_value).
    pub fn from_slice(bytes: &[u8], limits: &Limits) -> Result<Self, V2Error> {
        Self::from_value(parse_json_limited(bytes, limits)?)
    }

    /// Reads a JSON value into the class its `type` names. The first value of
    /// `type` naming a document class decides (e.g. `["Issuer", "ex:Cool"]`
    /// is a [`Profile`]).
    ///
    /// # Errors
    /// [`V2Error::Shape`] naming the class when the value does not fit it
    /// (including a `type` value that is neither a context term nor an IRI).
    pub fn from_value(value: serde_json::Value) -> Result<Self, V2Error> {
        let class = value
            .get("type")
            .cloned()
            .and_then(|t| serde_json::from_value::<Types>(t).ok())
            .and_then(|t| t.iter().find_map(|n| n.class().filter(|c| is_document(*c))));
        Ok(match class {
            Some(Class::Assertion) => Document::Assertion(Box::new(read(&value, "Assertion")?)),
            Some(Class::BadgeClass) => Document::BadgeClass(Box::new(read(&value, "BadgeClass")?)),
            Some(Class::Profile) => Document::Profile(Box::new(read(&value, "Profile")?)),
            Some(Class::Endorsement) => {
                Document::Endorsement(Box::new(read(&value, "Endorsement")?))
            }
            Some(Class::CryptographicKey) => {
                Document::CryptographicKey(Box::new(read(&value, "CryptographicKey")?))
            }
            Some(Class::RevocationList) => {
                Document::RevocationList(Box::new(read(&value, "RevocationList")?))
            }
            Some(Class::Criteria) => Document::Criteria(Box::new(read(&value, "Criteria")?)),
            Some(Class::Evidence) => Document::Evidence(Box::new(read(&value, "Evidence")?)),
            Some(Class::Image) => Document::Image(Box::new(read(&value, "Image")?)),
            Some(Class::AlignmentObject) => {
                Document::AlignmentObject(Box::new(read(&value, "AlignmentObject")?))
            }
            _ => Document::Other(Box::new(read(&value, "node")?)),
        })
    }

    /// The class read, or `None` for [`Document::Other`].
    pub fn class(&self) -> Option<Class> {
        Some(match self {
            Document::Assertion(_) => Class::Assertion,
            Document::BadgeClass(_) => Class::BadgeClass,
            Document::Profile(_) => Class::Profile,
            Document::Endorsement(_) => Class::Endorsement,
            Document::CryptographicKey(_) => Class::CryptographicKey,
            Document::RevocationList(_) => Class::RevocationList,
            Document::Criteria(_) => Class::Criteria,
            Document::Evidence(_) => Class::Evidence,
            Document::Image(_) => Class::Image,
            Document::AlignmentObject(_) => Class::AlignmentObject,
            Document::Other(_) => return None,
        })
    }
}

/// Reads `v` as `T`; on failure, names the top-level property at fault
/// (every modelled property is optional, so a property alone fails only if
/// its own value is wrong).
pub(crate) fn read<T: serde::de::DeserializeOwned>(
    v: &serde_json::Value,
    class: &'static str,
) -> Result<T, V2Error> {
    T::deserialize(v).map_err(|source| V2Error::Shape {
        class,
        property: locate::<T>(v),
        source,
    })
}

fn locate<T: serde::de::DeserializeOwned>(v: &serde_json::Value) -> Option<String> {
    let obj = v.as_object()?;
    obj.iter()
        .find(|(k, val)| {
            let mut one = serde_json::Map::new();
            one.insert((*k).clone(), (*val).clone());
            T::deserialize(&serde_json::Value::Object(one)).is_err()
        })
        .map(|(k, _)| k.clone())
}

fn is_document(c: Class) -> bool {
    !matches!(
        c,
        Class::IdentityObject
            | Class::VerificationObject
            | Class::Extension
            | Class::HostedBadge
            | Class::SignedBadge
            | Class::Validation
    )
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        Document::from_value(v).map_err(serde::de::Error::custom)
    }
}
