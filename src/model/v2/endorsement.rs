//! `Endorsement` and its `claim`: a third party's statement about a badge
//! class, an issuer or an assertion.

use serde::{Deserialize, Serialize};

use super::common::{de_endorsement_types, Context, Timestamp, Types};
use super::profile::Profile;
use super::verification::VerificationObject;
use crate::ids::Iri;
use crate::model::{Extra, IriOr};

/// An endorsement (a `cred:Credential`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Endorsement {
    /// The JSON-LD context, when this is a document.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The endorsement's IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// `Endorsement`, when given.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_endorsement_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// What is endorsed and what is said about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<EndorsementClaim>,
    /// The endorsing profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<IriOr<Box<Profile>>>,
    /// When it was issued.
    #[serde(rename = "issuedOn", default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<Timestamp>,
    /// How to verify it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<VerificationObject>,
    /// Set on a revoked hosted endorsement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked: Option<bool>,
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

/// The `claim` of an endorsement: the endorsed node's IRI, a comment, and
/// any further properties asserted about it (kept in `extra`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EndorsementClaim {
    /// The IRI of the endorsed badge class, profile or assertion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// The endorser's comment, in Markdown.
    #[serde(
        rename = "endorsementComment",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub endorsement_comment: Option<String>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}
