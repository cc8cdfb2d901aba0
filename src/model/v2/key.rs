//! `CryptographicKey`: a public key an issuer signs badges with.

use serde::{Deserialize, Serialize};

use super::common::{de_key_types, Context, Types};
use crate::ids::Iri;
use crate::model::Extra;

/// A public key published by an issuer profile (`publicKey`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CryptographicKey {
    /// The JSON-LD context, when this is a document.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The key's IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// `CryptographicKey`, when given.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_key_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// The IRI of the profile that owns the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Iri>,
    /// The key in PEM.
    #[serde(
        rename = "publicKeyPem",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub public_key_pem: Option<String>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}
