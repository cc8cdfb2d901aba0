//! `RevocationList`: the assertions an issuer has revoked.

use serde::{Deserialize, Serialize};

use super::common::{de_revocation_types, Context, Types};
use super::profile::Profile;
use crate::ids::Iri;
use crate::model::{Extra, IriOr, OneOrMany};

/// An issuer's list of revoked assertions (`revocationList`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RevocationList {
    /// The JSON-LD context, when this is a document.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The list's IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// `RevocationList`, when given.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_revocation_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// The issuing profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<IriOr<Box<Profile>>>,
    /// The revoked assertions: IRIs, or objects with `id` or `uid` and a reason.
    #[serde(
        rename = "revokedAssertions",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revoked_assertions: Option<OneOrMany<IriOr<RevokedAssertion>>>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One revoked assertion given as an object.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RevokedAssertion {
    /// The assertion's IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// The assertion's `uid` (OB 1.x style), when it has no IRI here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// Why it was revoked.
    #[serde(
        rename = "revocationReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revocation_reason: Option<String>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The outcome of looking an assertion up in a [`RevocationList`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RevocationStatus {
    /// Not on the list.
    NotRevoked,
    /// On the list, with the reason when one is given.
    Revoked {
        /// The `revocationReason`, if any.
        reason: Option<String>,
    },
}

impl RevocationList {
    /// Whether the assertion with IRI `assertion_id` (or, failing that, `uid`) is listed.
    pub fn status_of(&self, assertion_id: &str, uid: Option<&str>) -> RevocationStatus {
        for entry in self.revoked_assertions.iter().flat_map(|r| r.iter()) {
            match entry {
                IriOr::Iri(i) if i.as_str() == assertion_id => {
                    return RevocationStatus::Revoked { reason: None }
                }
                IriOr::Object(o) => {
                    let by_id = o.id.as_ref().is_some_and(|i| i.as_str() == assertion_id);
                    let by_uid = o.uid.is_some() && o.uid.as_deref() == uid;
                    if by_id || by_uid {
                        return RevocationStatus::Revoked {
                            reason: o.revocation_reason.clone(),
                        };
                    }
                }
                IriOr::Iri(_) => {}
            }
        }
        RevocationStatus::NotRevoked
    }
}
