//! [`Profile`] (issuers, creators, endorsers, subjects) with its [`Address`]
//! and [`GeoCoordinates`].

use serde::{Deserialize, Serialize};

use super::achievement::IdentifierEntry;
use super::credential::EndorsementCredential;
use super::{Image, Types};
use crate::ids::{DateTime, Iri};
use crate::model::{Extra, IriOr, OneOrMany};

/// A person or organization (`Profile`). Required: `id`, `type` (contains
/// `Profile`); an issuer also needs `name` (enforced when building a
/// credential). Build one with [`Profile::builder`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Unique IRI (often a URL or a DID).
    pub id: Iri,
    /// Types; contains `Profile`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Home page or social media profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Iri>,
    /// Phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Endorsements of this profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement: Option<Box<OneOrMany<EndorsementCredential>>>,
    /// Endorsements as compact JWS strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement_jwt: Option<OneOrMany<String>>,
    /// Image (logo or photo).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<IriOr<Image>>,
    /// Contact e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Other identifiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_identifier: Option<OneOrMany<IdentifierEntry>>,
    /// Official who signs on behalf of the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official: Option<String>,
    /// Parent organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_org: Option<Box<IriOr<Profile>>>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Additional (middle) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_name: Option<String>,
    /// Patronymic name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patronymic_name: Option<String>,
    /// Honorific prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific_prefix: Option<String>,
    /// Honorific suffix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific_suffix: Option<String>,
    /// Family name prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name_prefix: Option<String>,
    /// Date of birth (a date; kept as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<DateTime>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A postal address (`Address`). Required: `type` (contains `Address`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// Types; contains `Address`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Country.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_country: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_country_code: Option<String>,
    /// Region (state, province).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_region: Option<String>,
    /// Locality (city).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_locality: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// Post office box number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_office_box_number: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Geographic coordinates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<GeoCoordinates>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Default for Address {
    fn default() -> Self {
        Address {
            types: OneOrMany::Many(vec!["Address".into()]),
            address_country: None,
            address_country_code: None,
            address_region: None,
            address_locality: None,
            street_address: None,
            post_office_box_number: None,
            postal_code: None,
            geo: None,
            extra: Extra::new(),
        }
    }
}

/// A point on Earth (`GeoCoordinates`). Required: `type`, `latitude`, `longitude`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeoCoordinates {
    /// Type; `GeoCoordinates`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Latitude (kept exactly as written).
    pub latitude: serde_json::Number,
    /// Longitude (kept exactly as written).
    pub longitude: serde_json::Number,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl GeoCoordinates {
    /// Coordinates from degrees; `None` when either is not finite.
    pub fn new(latitude: f64, longitude: f64) -> Option<Self> {
        Some(GeoCoordinates {
            types: OneOrMany::One("GeoCoordinates".into()),
            latitude: serde_json::Number::from_f64(latitude)?,
            longitude: serde_json::Number::from_f64(longitude)?,
            extra: Extra::new(),
        })
    }
}

impl Profile {
    /// Whether `type` contains `Profile`.
    pub fn is_profile(&self) -> bool {
        self.types.iter().any(|t| t == "Profile")
    }
}
