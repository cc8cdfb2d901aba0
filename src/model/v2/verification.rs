//! `VerificationObject`: how an assertion is verified, or what an issuer allows.

use serde::{Deserialize, Serialize};

use super::common::{de_verification_types, Class, TypeName, Types};
use crate::ids::Iri;
use crate::model::{Extra, OneOrMany};

/// How an assertion is verified (`verification` on an Assertion), or the
/// verification policy of an issuer (`verification` on a Profile).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct VerificationObject {
    /// `hosted` / `HostedBadge` or `signed` / `SignedBadge` (any case, bare,
    /// `obi:` or full IRI); on a profile, often absent or `VerificationObject`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_verification_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// The property of the assertion that must match (default `id`).
    #[serde(
        rename = "verificationProperty",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub verification_property: Option<String>,
    /// Prefixes hosted assertion IRIs must start with.
    #[serde(
        rename = "startsWith",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub starts_with: Option<OneOrMany<String>>,
    /// Host names hosted assertions may come from.
    #[serde(
        rename = "allowedOrigins",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_origins: Option<OneOrMany<String>>,
    /// For signed badges: the IRI of the signing key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<Iri>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The verification method a [`VerificationObject`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerificationKind {
    /// Hosted: fetch the assertion from its `id`.
    Hosted,
    /// Signed: a JWS over the assertion.
    Signed,
}

impl VerificationObject {
    /// Hosted verification (`{"type": "hosted"}`).
    pub fn hosted() -> Self {
        VerificationObject {
            type_: Some(Types::one(TypeName::known("hosted"))),
            ..Default::default()
        }
    }

    /// Signed verification with the signing key's IRI (`{"type": "signed", "creator": …}`).
    pub fn signed(creator: Iri) -> Self {
        VerificationObject {
            type_: Some(Types::one(TypeName::known("signed"))),
            creator: Some(creator),
            ..Default::default()
        }
    }

    /// Hosted or signed, from `type`; `None` when `type` names neither.
    pub fn kind(&self) -> Option<VerificationKind> {
        let t = self.type_.as_ref()?;
        if t.has(Class::HostedBadge) {
            Some(VerificationKind::Hosted)
        } else if t.has(Class::SignedBadge) {
            Some(VerificationKind::Signed)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_case_insensitive_and_prefixed() {
        for (json, kind) in [
            (r#"{"type":"hosted"}"#, Some(VerificationKind::Hosted)),
            (r#"{"type":"HostedBadge"}"#, Some(VerificationKind::Hosted)),
            (r#"{"type":"Hosted"}"#, Some(VerificationKind::Hosted)),
            (
                r#"{"type":"obi:HostedBadge"}"#,
                Some(VerificationKind::Hosted),
            ),
            (
                r#"{"type":["SignedBadge"]}"#,
                Some(VerificationKind::Signed),
            ),
            (
                r#"{"type":"https://w3id.org/openbadges#SignedBadge"}"#,
                Some(VerificationKind::Signed),
            ),
            (r#"{"allowedOrigins":"example.org"}"#, None),
        ] {
            let v: VerificationObject = serde_json::from_str(json).unwrap();
            assert_eq!(v.kind(), kind, "{json}");
            assert_eq!(
                serde_json::to_value(&v).unwrap(),
                serde_json::from_str::<serde_json::Value>(json).unwrap()
            );
        }
        assert!(serde_json::from_str::<VerificationObject>(r#"{"type":"Assertion"}"#).is_err());
        assert_eq!(
            serde_json::to_value(VerificationObject::hosted()).unwrap(),
            serde_json::json!({"type": "hosted"})
        );
    }
}
