//! [`Proof`]: an embedded Data Integrity (or other linked-data) proof.

use serde::{Deserialize, Serialize};

use crate::ids::{DateTime, Iri};
use crate::model::{Extra, OneOrMany};

/// An embedded proof such as a `DataIntegrityProof` with cryptosuite
/// `eddsa-rdfc-2022`. Required: `type`. Unknown fields (e.g. `@context`,
/// `previousProof`) are kept. This model does not verify anything.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proof {
    /// Proof type, e.g. `DataIntegrityProof`, `Ed25519Signature2020`.
    #[serde(rename = "type")]
    pub proof_type: String,
    /// Cryptosuite, e.g. `eddsa-rdfc-2022`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cryptosuite: Option<String>,
    /// When the proof was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<DateTime>,
    /// When the proof expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<DateTime>,
    /// The key that made the proof (a DID URL or URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_method: Option<Iri>,
    /// Purpose, `assertionMethod` for credentials.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_purpose: Option<String>,
    /// The proof value (multibase for Data Integrity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_value: Option<String>,
    /// Challenge given by a verifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<String>,
    /// Domain the proof is restricted to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<OneOrMany<String>>,
    /// Nonce chosen by the prover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Proof {
    /// A proof of the given type with nothing else set.
    pub fn new(proof_type: impl Into<String>) -> Self {
        Proof {
            proof_type: proof_type.into(),
            cryptosuite: None,
            created: None,
            expires: None,
            verification_method: None,
            proof_purpose: None,
            proof_value: None,
            challenge: None,
            domain: None,
            nonce: None,
            extra: Extra::new(),
        }
    }
}
