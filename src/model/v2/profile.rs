//! `Profile` (an `Issuer` when it issues badges): a person or organization.

use serde::{Deserialize, Serialize};

use super::common::{boxed, de_profile_types, ob_v2_context, Class, Context, Types, V2Error};
use super::endorsement::Endorsement;
use super::image::Image;
use super::key::CryptographicKey;
use super::revocation::RevocationList;
use super::verification::VerificationObject;
use crate::ids::Iri;
use crate::model::{Extra, IriOr, OneOrMany};

/// A profile: an issuer of badges, an endorser, or a recipient.
///
/// Issuer profiles are expected by verifiers to also have `name`, `url` and
/// `email`; only `id` and `type` are required by [`check_required`](Self::check_required).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Profile {
    /// The JSON-LD context, when this is a document.
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Context>,
    /// The profile's IRI (required).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// `Profile` or `Issuer` (required).
    #[serde(
        rename = "type",
        default,
        deserialize_with = "de_profile_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub type_: Option<Types>,
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An image: an IRI, a `data:` URI, or an [`Image`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<IriOr<Image>>,
    /// The home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Iri>,
    /// A contact email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// A telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
    /// Keys the profile signs badges with.
    #[serde(rename = "publicKey", default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<OneOrMany<IriOr<CryptographicKey>>>,
    /// The hosted-verification policy (`allowedOrigins`, `startsWith`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<VerificationObject>,
    /// Where revoked signed assertions are listed.
    #[serde(
        rename = "revocationList",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub revocation_list: Option<IriOr<Box<RevocationList>>>,
    /// Endorsements of this profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement: Option<OneOrMany<IriOr<Endorsement>>>,
    /// Properties not modelled here (extensions included), kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Profile {
    /// A builder, with `@context` and `type: "Profile"` preset.
    pub fn builder() -> ProfileBuilder {
        ProfileBuilder(Profile {
            context: Some(ob_v2_context()),
            type_: Some(Types::of(Class::Profile)),
            ..Default::default()
        })
    }

    /// Checks the properties the spec requires: `id`, `type`.
    ///
    /// # Errors
    /// [`V2Error::MissingField`] naming the first one missing.
    pub fn check_required(&self) -> Result<(), V2Error> {
        let missing = |field| V2Error::MissingField {
            object: "Profile",
            field,
        };
        if self.id.is_none() {
            return Err(missing("id"));
        }
        if self.type_.is_none() {
            return Err(missing("type"));
        }
        Ok(())
    }
}

/// Builds a [`Profile`], refusing one without its required properties.
#[derive(Debug, Clone)]
pub struct ProfileBuilder(Profile);

impl ProfileBuilder {
    /// Sets `id`.
    pub fn id(mut self, id: Iri) -> Self {
        self.0.id = Some(id);
        self
    }
    /// Sets `type` (default `Profile`; use `Issuer` if preferred).
    pub fn type_(mut self, t: Types) -> Self {
        self.0.type_ = Some(t);
        self
    }
    /// Sets `name`.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.0.name = Some(name.into());
        self
    }
    /// Sets `description`.
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.0.description = Some(d.into());
        self
    }
    /// Sets `url`.
    pub fn url(mut self, url: Iri) -> Self {
        self.0.url = Some(url);
        self
    }
    /// Sets `email`.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.0.email = Some(email.into());
        self
    }
    /// Sets `image`.
    pub fn image(mut self, image: IriOr<Image>) -> Self {
        self.0.image = Some(image);
        self
    }
    /// Sets `publicKey`.
    pub fn public_key(mut self, key: OneOrMany<IriOr<CryptographicKey>>) -> Self {
        self.0.public_key = Some(key);
        self
    }
    /// Sets `verification`.
    pub fn verification(mut self, v: VerificationObject) -> Self {
        self.0.verification = Some(v);
        self
    }
    /// Sets `revocationList`.
    pub fn revocation_list(mut self, r: IriOr<RevocationList>) -> Self {
        self.0.revocation_list = Some(boxed(r));
        self
    }
    /// Adds an extra property (an extension, say).
    pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.0.extra.insert(key.into(), value);
        self
    }
    /// Removes `@context` (for a profile embedded in another document).
    pub fn embedded(mut self) -> Self {
        self.0.context = None;
        self
    }
    /// The profile.
    ///
    /// # Errors
    /// [`V2Error::MissingField`] when `id` or `type` is missing.
    pub fn build(self) -> Result<Profile, V2Error> {
        self.0.check_required()?;
        Ok(self.0)
    }
}
