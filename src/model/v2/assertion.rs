//! `Assertion`: one award of a badge to one recipient.

use serde::{Deserialize, Serialize};

use super::badge_class::BadgeClass;
use super::common::{
    boxed, de_assertion_types, ob_v2_context, Class, Context, Timestamp, Types, V2Error,
};
use super::endorsement::Endorsement;
use super::evidence::Evidence;
use super::identity::IdentityObject;
use super::image::Image;
use super::verification::VerificationObject;
use crate::ids::Iri;
use crate::model::{Extra, IriOr, OneOrMany};

/// An assertion: a badge class awarded to a recipient, with its verification.
///
/// Read leniently (every property optional, so fragments and revoked 410
/// bodies parse; see [`check_required`](Self::check_required)); built strictly
/// with [`Assertion::builder`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Assertion {
    /// The JSON-LD context (`https://w3id.org/openbadges/v2`).
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The assertion's IRI (required; `urn:uuid:…` for signed badges).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// `Assertion` (required).
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_assertion_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// The recipient (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<IdentityObject>,
    /// The badge class (required): its IRI or the embedded object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge: Option<IriOr<Box<BadgeClass>>>,
    /// How to verify this assertion (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<VerificationObject>,
    /// When it was issued (required).
    #[serde(rename = "issuedOn", default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<Timestamp>,
    /// The baked image: an IRI, a `data:` URI, or an [`Image`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<IriOr<Image>>,
    /// Evidence: IRIs or [`Evidence`] objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<OneOrMany<IriOr<Evidence>>>,
    /// A narrative of how the recipient met the criteria, in Markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// When it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<Timestamp>,
    /// Set on a revoked hosted assertion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked: Option<bool>,
    /// Why it was revoked.
    #[serde(
        rename = "revocationReason",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revocation_reason: Option<String>,
    /// Endorsements of this assertion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement: Option<OneOrMany<IriOr<Endorsement>>>,
    /// Properties not modelled here (extensions such as
    /// `extensions:ApplyLink`, `@language`, the `verify` alias, …), kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Assertion {
    /// A builder, with `@context: "https://w3id.org/openbadges/v2"` and
    /// `type: "Assertion"` preset.
    pub fn builder() -> AssertionBuilder {
        AssertionBuilder(Assertion {
            context: Some(ob_v2_context()),
            type_: Some(Types::of(Class::Assertion)),
            ..Default::default()
        })
    }

    /// Checks the properties the spec requires: `id`, `type`, `recipient`,
    /// `badge`, `verification`, `issuedOn`.
    ///
    /// # Errors
    /// [`V2Error::MissingField`] naming the first one missing.
    pub fn check_required(&self) -> Result<(), V2Error> {
        let checks = [
            ("id", self.id.is_some()),
            ("type", self.type_.is_some()),
            ("recipient", self.recipient.is_some()),
            ("badge", self.badge.is_some()),
            ("verification", self.verification.is_some()),
            ("issuedOn", self.issued_on.is_some()),
        ];
        match checks.iter().find(|(_, present)| !present) {
            Some((field, _)) => Err(V2Error::MissingField {
                object: "Assertion",
                field,
            }),
            None => Ok(()),
        }
    }

    /// The verification object: `verification`, or else the context's alias
    /// `verify` (written by some signed-badge payloads; kept in `extra`).
    ///
    /// # Errors
    /// [`V2Error::Shape`] when `verify` is present but not a verification object.
    pub fn verification_or_alias(&self) -> Result<Option<VerificationObject>, V2Error> {
        if let Some(v) = &self.verification {
            return Ok(Some(v.clone()));
        }
        match self.extra.get("verify") {
            None => Ok(None),
            Some(v) => super::document::read(v, "VerificationObject (verify)").map(Some),
        }
    }

    /// The embedded badge class, if `badge` is an object.
    pub fn badge_class(&self) -> Option<&BadgeClass> {
        self.badge.as_ref().and_then(IriOr::object).map(|b| &**b)
    }

    /// The IRI of the badge class, whether referenced or embedded.
    pub fn badge_id(&self) -> Option<&Iri> {
        match self.badge.as_ref()? {
            IriOr::Iri(i) => Some(i),
            IriOr::Object(b) => b.id.as_ref(),
        }
    }
}

/// Builds an [`Assertion`], refusing one without its required properties.
#[derive(Debug, Clone)]
pub struct AssertionBuilder(Assertion);

impl AssertionBuilder {
    /// Sets `id`.
    pub fn id(mut self, id: Iri) -> Self {
        self.0.id = Some(id);
        self
    }
    /// Sets `recipient`.
    pub fn recipient(mut self, r: IdentityObject) -> Self {
        self.0.recipient = Some(r);
        self
    }
    /// Sets `badge`.
    pub fn badge(mut self, b: IriOr<BadgeClass>) -> Self {
        self.0.badge = Some(boxed(b));
        self
    }
    /// Sets `verification`.
    pub fn verification(mut self, v: VerificationObject) -> Self {
        self.0.verification = Some(v);
        self
    }
    /// Sets `issuedOn`.
    pub fn issued_on(mut self, t: impl Into<Timestamp>) -> Self {
        self.0.issued_on = Some(t.into());
        self
    }
    /// Sets `expires`.
    pub fn expires(mut self, t: impl Into<Timestamp>) -> Self {
        self.0.expires = Some(t.into());
        self
    }
    /// Sets `image`.
    pub fn image(mut self, image: IriOr<Image>) -> Self {
        self.0.image = Some(image);
        self
    }
    /// Sets `evidence`.
    pub fn evidence(mut self, e: OneOrMany<IriOr<Evidence>>) -> Self {
        self.0.evidence = Some(e);
        self
    }
    /// Sets `narrative`.
    pub fn narrative(mut self, n: impl Into<String>) -> Self {
        self.0.narrative = Some(n.into());
        self
    }
    /// Adds an extra property (an extension, say).
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.0.extra.insert(key.into(), value);
        self
    }
    /// The assertion.
    ///
    /// # Errors
    /// [`V2Error::MissingField`] naming the first required property missing.
    pub fn build(self) -> Result<Assertion, V2Error> {
        self.0.check_required()?;
        Ok(self.0)
    }
}
