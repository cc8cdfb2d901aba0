//! Issuing Open Badges 2.0: the documents an issuer serves at their URLs
//! (assertion, badge class, issuer profile, revocation list,
//! `CryptographicKey`) and signed assertions (RS256 compact JWS).
//!
//! OB 2.0 has two verification methods, and both rest on what the issuer
//! serves:
//!
//! - **hosted**: the assertion is a JSON document at its own `id`, on the
//!   issuer's origin (or one its profile's `verification` policy allows);
//!   a verifier fetches it there. Revoke it by answering HTTP 410 (or by
//!   serving it with `revoked: true`).
//! - **signed**: the assertion is a compact JWS (RS256) signed with a key
//!   the issuer publishes as a `CryptographicKey` whose `owner` is the
//!   issuer and which the issuer profile lists in `publicKey`; the
//!   assertion names it in `verification.creator`. Revoke it by listing
//!   its id in the issuer's `revocationList`.
//!
//! [`HostedDocuments`] collects the documents, checks each (required
//! properties, an HTTP(S) `id`, one document per URL) and gives them back
//! as URL → JSON, ready to serve, or as a [`MapFetcher`] to verify against
//! offline. Signing goes through any [`JwsSigner`] whose algorithm is RS256:
//! `jose::RsaKeyPair` (feature `rs256-sign`, *ring*), or a KMS / HSM wrapper.
//!
//! ```
//! use openbadges::ids::{DateTime, Iri};
//! use openbadges::issue_v2::HostedDocuments;
//! use openbadges::model::v2::{Assertion, BadgeClass, IdentityObject, Profile, VerificationObject};
//! use openbadges::model::IriOr;
//! use openbadges::verify::{verify, VerifyOptions};
//! use std::sync::Arc;
//!
//! let issuer = Profile::builder()
//!     .id(Iri::new("https://badges.example.org/issuer.json")?)
//!     .name("Example Academy")
//!     .url(Iri::new("https://example.org/")?)
//!     .email("badges@example.org")
//!     .build()?;
//! let badge = BadgeClass::builder()
//!     .id(Iri::new("https://badges.example.org/badges/robotics.json")?)
//!     .name("Robotics")
//!     .description("Built a robot.")
//!     .image(IriOr::Iri(Iri::new("https://badges.example.org/badges/robotics.png")?))
//!     .criteria(IriOr::Iri(Iri::new("https://badges.example.org/badges/robotics.html")?))
//!     .issuer(IriOr::Iri(Iri::new("https://badges.example.org/issuer.json")?))
//!     .build()?;
//! let assertion = Assertion::builder()
//!     .id(Iri::new("https://badges.example.org/assertions/1.json")?)
//!     .recipient(IdentityObject::hashed_email("ana@example.org", "a fresh salt"))
//!     .badge(IriOr::Iri(Iri::new("https://badges.example.org/badges/robotics.json")?))
//!     .verification(VerificationObject::hosted())
//!     .issued_on(DateTime::new("2025-03-14T00:00:00Z")?)
//!     .build()?;
//!
//! let mut site = HostedDocuments::new();
//! site.publish_profile(&issuer)?;
//! site.publish_badge_class(&badge)?;
//! let hosted = site.publish_assertion(&assertion)?;
//!
//! // What a verifier sees, offline: the documents served at their URLs.
//! let options = VerifyOptions::at("2026-01-01T00:00:00Z".parse()?)
//!     .fetcher(Arc::new(site.to_fetcher()?))
//!     .expected_recipient("ana@example.org");
//! let report = verify(&serde_json::to_vec(&hosted)?, &options)?;
//! assert!(report.is_valid(), "{report}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::fetch::{FetchError, MapFetcher};
use crate::ids::Iri;
use crate::jose::{sign_compact, JosePublicKey, JwkError, JwsAlgorithm, JwsError, JwsSigner};
use crate::model::v2::{
    ob_v2_context, Assertion, BadgeClass, Class, CryptographicKey, Profile, RevocationList,
    RevokedAssertion, Types, V2Error, VerificationKind,
};
use crate::model::{Extra, IriOr, OneOrMany};

/// Why an OB 2.0 document could not be issued.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Ob2IssueError {
    /// The document lacks a property the specification (or a verifier) requires.
    #[error(transparent)]
    Model(#[from] V2Error),
    /// A property verifiers require of this document is missing.
    #[error("{class} {id}: `{property}` is required ({why})")]
    Missing {
        /// The class.
        class: &'static str,
        /// Its id.
        id: String,
        /// The property.
        property: &'static str,
        /// Who requires it.
        why: &'static str,
    },
    /// A document served at its URL needs an HTTP(S) id.
    #[error("{class} {id}: a document served at its URL needs an HTTP(S) id")]
    NotHttp {
        /// The class.
        class: &'static str,
        /// The id found.
        id: String,
    },
    /// Two documents for one URL.
    #[error("{url} is already published")]
    Duplicate {
        /// The URL.
        url: String,
    },
    /// The assertion's verification is not the one this operation makes.
    #[error("the assertion's verification is {found}, but {expected} is being issued")]
    WrongVerification {
        /// What is being issued (`hosted` / `signed`).
        expected: &'static str,
        /// What the assertion says.
        found: String,
    },
    /// A signed assertion needs `verification.creator`: the key's URL.
    #[error("a signed assertion needs verification.creator (the URL of its CryptographicKey)")]
    NoCreator,
    /// OB 2.0 signed assertions are RS256.
    #[error("OB 2.0 signed assertions are RS256; this signer signs {alg}")]
    NotRs256 {
        /// The signer's algorithm.
        alg: JwsAlgorithm,
    },
    /// A public key could not be written as PEM.
    #[error(transparent)]
    Key(#[from] JwkError),
    /// Signing failed.
    #[error(transparent)]
    Jws(#[from] JwsError),
    /// A document could not be written as JSON.
    #[error("{class} cannot be written as JSON: {reason}")]
    Json {
        /// The class.
        class: &'static str,
        /// The serializer's message.
        reason: String,
    },
}

fn to_json<T: serde::Serialize>(class: &'static str, t: &T) -> Result<Value, Ob2IssueError> {
    serde_json::to_value(t).map_err(|e| Ob2IssueError::Json {
        class,
        reason: e.to_string(),
    })
}

fn http_id(class: &'static str, id: Option<&Iri>) -> Result<String, Ob2IssueError> {
    let id = id.ok_or(V2Error::MissingField {
        object: class,
        field: "id",
    })?;
    let s = id.as_str();
    if s.starts_with("https://") || s.starts_with("http://") {
        Ok(s.to_owned())
    } else {
        Err(Ob2IssueError::NotHttp {
            class,
            id: s.to_owned(),
        })
    }
}

/// The verification kind an assertion declares (`verification`, or the `verify` alias).
fn kind_of(assertion: &Assertion) -> Result<Option<VerificationKind>, Ob2IssueError> {
    Ok(assertion.verification_or_alias()?.and_then(|v| v.kind()))
}

fn kind_name(k: Option<VerificationKind>) -> String {
    match k {
        Some(VerificationKind::Hosted) => "hosted".into(),
        Some(VerificationKind::Signed) => "signed".into(),
        _ => "neither hosted nor signed".into(),
    }
}

/// Checks an assertion as a verifier will: required properties, and a
/// hashed recipient that reads.
fn check_assertion(assertion: &Assertion) -> Result<(), Ob2IssueError> {
    assertion.check_required()?;
    if let Some(r) = &assertion.recipient {
        if r.is_hashed() {
            r.hash()?;
        }
        let id = assertion
            .id
            .as_ref()
            .map_or_else(String::new, |i| i.as_str().to_owned());
        let missing = |property| Ob2IssueError::Missing {
            class: "Assertion",
            id: id.clone(),
            property,
            why: "OB 2.0 IdentityObject",
        };
        if r.type_.is_none() {
            return Err(missing("recipient.type"));
        }
        if r.identity.is_none() {
            return Err(missing("recipient.identity"));
        }
        if r.hashed.is_none() {
            return Err(missing("recipient.hashed"));
        }
    }
    Ok(())
}

/// A hosted assertion, checked, as the JSON its URL serves.
///
/// # Errors
/// [`Ob2IssueError::WrongVerification`] unless `verification` is hosted;
/// [`Ob2IssueError::NotHttp`] for an id that is not an HTTP(S) URL; missing
/// required properties.
pub fn hosted_assertion(assertion: &Assertion) -> Result<Value, Ob2IssueError> {
    check_assertion(assertion)?;
    http_id("Assertion", assertion.id.as_ref())?;
    match kind_of(assertion)? {
        Some(VerificationKind::Hosted) => to_json("Assertion", assertion),
        other => Err(Ob2IssueError::WrongVerification {
            expected: "hosted",
            found: kind_name(other),
        }),
    }
}

/// Signs an assertion as an OB 2.0 signed badge: a compact JWS, RS256, over
/// the assertion's JSON, with the header `{"alg": "RS256", "kid": creator}`.
///
/// The assertion's `verification` must be signed and name the key's URL in
/// `creator`; that URL must serve the `CryptographicKey` of `signer`'s
/// public key ([`cryptographic_key`]), listed in the issuer profile's
/// `publicKey`.
///
/// # Errors
/// [`Ob2IssueError::NotRs256`] for a signer of another algorithm,
/// [`Ob2IssueError::WrongVerification`], [`Ob2IssueError::NoCreator`],
/// missing required properties, [`Ob2IssueError::Jws`] when signing fails.
pub fn sign_assertion(
    assertion: &Assertion,
    signer: &dyn JwsSigner,
) -> Result<String, Ob2IssueError> {
    if signer.algorithm() != JwsAlgorithm::Rs256 {
        return Err(Ob2IssueError::NotRs256 {
            alg: signer.algorithm(),
        });
    }
    check_assertion(assertion)?;
    let verification = assertion.verification_or_alias()?;
    let kind = verification.as_ref().and_then(|v| v.kind());
    if kind != Some(VerificationKind::Signed) {
        return Err(Ob2IssueError::WrongVerification {
            expected: "signed",
            found: kind_name(kind),
        });
    }
    let creator = verification
        .and_then(|v| v.creator)
        .ok_or(Ob2IssueError::NoCreator)?;
    let payload = serde_json::to_vec(assertion).map_err(|e| Ob2IssueError::Json {
        class: "Assertion",
        reason: e.to_string(),
    })?;
    let mut header = Map::new();
    header.insert("kid".into(), Value::String(creator.as_str().to_owned()));
    Ok(sign_compact(header, &payload, signer)?)
}

/// The `CryptographicKey` document publishing `key` at `id`, owned by `owner`
/// (the issuer profile's id), with `@context`.
///
/// # Errors
/// [`Ob2IssueError::Key`] if the key cannot be written as SPKI PEM.
pub fn cryptographic_key(
    id: Iri,
    owner: Iri,
    key: &JosePublicKey,
) -> Result<CryptographicKey, Ob2IssueError> {
    Ok(CryptographicKey {
        context: Some(ob_v2_context()),
        id: Some(id),
        type_: Some(Types::of(Class::CryptographicKey)),
        owner: Some(owner),
        public_key_pem: Some(key.to_spki_pem()?),
        extra: Extra::new(),
    })
}

/// A `RevocationList` document at `id` for `issuer`, listing `revoked`
/// assertions (id, optional reason) always as an array (a verifier must
/// also read the single-object form; this writes the unambiguous one).
pub fn revocation_list(
    id: Iri,
    issuer: Iri,
    revoked: impl IntoIterator<Item = (Iri, Option<String>)>,
) -> RevocationList {
    let entries: Vec<IriOr<RevokedAssertion>> = revoked
        .into_iter()
        .map(|(id, reason)| match reason {
            None => IriOr::Iri(id),
            Some(r) => IriOr::Object(RevokedAssertion {
                id: Some(id),
                uid: None,
                revocation_reason: Some(r),
                extra: Extra::new(),
            }),
        })
        .collect();
    RevocationList {
        context: Some(ob_v2_context()),
        id: Some(id),
        type_: Some(Types::of(Class::RevocationList)),
        issuer: Some(IriOr::Iri(issuer)),
        revoked_assertions: Some(OneOrMany::Many(entries)),
        extra: Extra::new(),
    }
}

/// The documents an OB 2.0 issuer serves, by URL (each document's `id`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostedDocuments {
    documents: BTreeMap<String, Value>,
}

impl HostedDocuments {
    /// No documents.
    pub fn new() -> Self {
        Self::default()
    }

    fn insert(&mut self, url: String, doc: Value) -> Result<Value, Ob2IssueError> {
        if self.documents.contains_key(&url) {
            return Err(Ob2IssueError::Duplicate { url });
        }
        self.documents.insert(url, doc.clone());
        Ok(doc)
    }

    /// Publishes an issuer profile at its id (each `publish_*` returns the
    /// document as served). Verifiers (1EdTech's among
    /// them) require `name`, `url` and `email` of an issuer.
    ///
    /// # Errors
    /// A missing `id`, `type`, `name`, `url` or `email`; a non-HTTP(S) id; a duplicate URL.
    pub fn publish_profile(&mut self, profile: &Profile) -> Result<Value, Ob2IssueError> {
        profile.check_required()?;
        let url = http_id("Profile", profile.id.as_ref())?;
        for (property, present) in [
            ("name", profile.name.is_some()),
            ("url", profile.url.is_some()),
            ("email", profile.email.is_some()),
        ] {
            if !present {
                return Err(Ob2IssueError::Missing {
                    class: "Profile",
                    id: url,
                    property,
                    why: "an issuer profile",
                });
            }
        }
        let doc = to_json("Profile", profile)?;
        self.insert(url, doc)
    }

    /// Publishes a badge class at its id.
    ///
    /// # Errors
    /// Missing required properties; a non-HTTP(S) id; a duplicate URL.
    pub fn publish_badge_class(&mut self, badge: &BadgeClass) -> Result<Value, Ob2IssueError> {
        badge.check_required()?;
        let url = http_id("BadgeClass", badge.id.as_ref())?;
        let doc = to_json("BadgeClass", badge)?;
        self.insert(url, doc)
    }

    /// Publishes a `CryptographicKey` at its id.
    ///
    /// # Errors
    /// A key without `owner` or `publicKeyPem`; a non-HTTP(S) id; a duplicate URL.
    pub fn publish_key(&mut self, key: &CryptographicKey) -> Result<Value, Ob2IssueError> {
        let url = http_id("CryptographicKey", key.id.as_ref())?;
        for (property, present) in [
            ("owner", key.owner.is_some()),
            ("publicKeyPem", key.public_key_pem.is_some()),
        ] {
            if !present {
                return Err(Ob2IssueError::Missing {
                    class: "CryptographicKey",
                    id: url,
                    property,
                    why: "signed verification",
                });
            }
        }
        let doc = to_json("CryptographicKey", key)?;
        self.insert(url, doc)
    }

    /// Publishes a `RevocationList` at its id.
    ///
    /// # Errors
    /// A non-HTTP(S) id; a duplicate URL.
    pub fn publish_revocation_list(
        &mut self,
        list: &RevocationList,
    ) -> Result<Value, Ob2IssueError> {
        let url = http_id("RevocationList", list.id.as_ref())?;
        let doc = to_json("RevocationList", list)?;
        self.insert(url, doc)
    }

    /// Publishes a hosted assertion at its id (see [`hosted_assertion`]).
    ///
    /// # Errors
    /// As [`hosted_assertion`]; a duplicate URL.
    pub fn publish_assertion(&mut self, assertion: &Assertion) -> Result<Value, Ob2IssueError> {
        let doc = hosted_assertion(assertion)?;
        let url = http_id("Assertion", assertion.id.as_ref())?;
        self.insert(url, doc)
    }

    /// The document served at `url`.
    pub fn get(&self, url: &str) -> Option<&Value> {
        self.documents.get(url)
    }

    /// Every document with its URL, sorted by URL.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.documents.iter().map(|(u, v)| (u.as_str(), v))
    }

    /// How many documents there are.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// A fetcher serving every document at its URL (as a verifier would
    /// find them online).
    ///
    /// # Errors
    /// [`FetchError::Transport`] if a document cannot be serialized (it
    /// always can).
    pub fn to_fetcher(&self) -> Result<MapFetcher, FetchError> {
        let mut m = MapFetcher::new();
        for (url, doc) in &self.documents {
            m.insert_json(url.clone(), doc)?;
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::v2::{IdentityObject, VerificationObject};

    fn assertion(v: VerificationObject, id: &str) -> Assertion {
        Assertion::builder()
            .id(Iri::new(id).unwrap())
            .recipient(IdentityObject::hashed_email("a@example.org", "s"))
            .badge(IriOr::Iri(Iri::new("https://x.example/b").unwrap()))
            .verification(v)
            .issued_on(crate::ids::DateTime::new("2025-01-01T00:00:00Z").unwrap())
            .build()
            .unwrap()
    }

    #[test]
    fn hosted_needs_hosted_and_http() {
        assert!(hosted_assertion(&assertion(
            VerificationObject::hosted(),
            "https://x.example/a"
        ))
        .is_ok());
        assert!(matches!(
            hosted_assertion(&assertion(VerificationObject::hosted(), "urn:uuid:1")),
            Err(Ob2IssueError::NotHttp { .. })
        ));
        let signed = VerificationObject::signed(Iri::new("https://x.example/k").unwrap());
        assert!(matches!(
            hosted_assertion(&assertion(signed, "https://x.example/a")),
            Err(Ob2IssueError::WrongVerification { .. })
        ));
    }

    #[test]
    fn signing_needs_rs256() {
        let ed = crate::keys::Ed25519KeyPair::from_seed(&[1; 32]);
        let signed = VerificationObject::signed(Iri::new("https://x.example/k").unwrap());
        assert!(matches!(
            sign_assertion(&assertion(signed, "urn:uuid:1"), &ed),
            Err(Ob2IssueError::NotRs256 { .. })
        ));
    }

    #[test]
    fn one_document_per_url() {
        let mut site = HostedDocuments::new();
        let a = assertion(VerificationObject::hosted(), "https://x.example/a");
        site.publish_assertion(&a).unwrap();
        assert!(matches!(
            site.publish_assertion(&a),
            Err(Ob2IssueError::Duplicate { .. })
        ));
        let list = revocation_list(
            Iri::new("https://x.example/r").unwrap(),
            Iri::new("https://x.example/i").unwrap(),
            [(Iri::new("urn:uuid:1").unwrap(), Some("error".into()))],
        );
        site.publish_revocation_list(&list).unwrap();
        assert_eq!(site.len(), 2);
        assert!(site.get("https://x.example/r").unwrap()["revokedAssertions"].is_array());
    }
}
