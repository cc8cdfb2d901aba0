//! Open Badges 3.0 typed model: [`AchievementCredential`] (alias
//! [`OpenBadgeCredential`]), [`EndorsementCredential`] and every class of
//! the OB 3.0 data model.
//!
//! **Reading is lenient** the way real documents differ: one value or an
//! array ([`OneOrMany`]), an IRI or an embedded object ([`IriOr`]), VC 1.1
//! (`issuanceDate`) and VC 2.0 (`validFrom`) dates, unknown properties kept
//! in each struct's `extra` and written back, unknown or `ext:` enumeration
//! values kept ([`vocab`]). A document read and written back is equal as
//! JSON data.
//!
//! **Building is strict**: the builders ([`AchievementCredential::builder`],
//! [`EndorsementCredential::builder`], [`Achievement::builder`],
//! [`Profile::builder`]) enforce the spec's required fields and return a
//! [`BuildError`] naming the class and field; simpler classes have `new`
//! constructors taking their required fields. A built credential has an
//! `id`, `@context` starting with the VC 2.0 and OB 3.0 contexts (plus the
//! OB extensions context when it uses 1EdTech extension terms), type
//! `["VerifiableCredential", "OpenBadgeCredential"]`, an embedded issuer
//! profile with a name, `validFrom` and an `AchievementSubject`.
//!
//! This model does not verify: proofs are checked on the received JSON.
//!
//! ```
//! use openbadges::model::v3::{Achievement, AchievementCredential, AchievementSubject, Criteria, Profile};
//! use openbadges::ids::DateTime;
//!
//! let issuer = Profile::builder()
//!     .id("https://example.edu/issuers/565049".parse()?)
//!     .name("Example University")
//!     .build()?;
//! let achievement = Achievement::builder()
//!     .id("https://example.edu/achievements/1".parse()?)
//!     .name("Rust Basics")
//!     .description("Writes safe Rust.")
//!     .criteria(Criteria::narrative("Pass the exam."))
//!     .build()?;
//! let mut subject = AchievementSubject::new(achievement);
//! subject.id = Some("did:example:ebfeb1f712ebc6f1c276e12ec21".parse()?);
//! let credential = AchievementCredential::builder()
//!     .id("urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002".parse()?)
//!     .issuer(issuer)
//!     .valid_from("2024-01-01T00:00:00Z".parse::<DateTime>()?)
//!     .subject(subject)
//!     .build()?;
//!
//! assert_eq!(credential.issuer_id().as_str(), "https://example.edu/issuers/565049");
//! let json = credential.to_json_value()?;
//! assert_eq!(json["@context"][0], "https://www.w3.org/ns/credentials/v2");
//! assert_eq!(json["type"][1], "OpenBadgeCredential");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod achievement;
pub mod builder;
pub mod common;
pub mod credential;
pub mod profile;
pub mod proof;
pub mod result;
pub mod rules;
pub mod vocab;

pub use achievement::{Achievement, Alignment, Criteria, IdentifierEntry, Related};
pub use builder::{AchievementBuilder, BuildError, CredentialBuilder, ProfileBuilder};
pub use common::{Evidence, IdentityObject, Image};
pub use credential::{
    AchievementCredential, AchievementSubject, Context, Credential, CredentialSchema,
    CredentialStatus, EndorsementCredential, EndorsementSubject, LangString, OpenBadgeCredential,
    RefreshService, TermsOfUse, OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT,
};
pub use profile::{Address, GeoCoordinates, Profile};
pub use proof::Proof;
pub use result::{Result, ResultDescription, RubricCriterionLevel};
pub use vocab::{
    AchievementType, AlignmentTargetType, IdentifierType, ResultStatusType, ResultType,
};

use crate::limits::{parse_json_limited, JsonInputError, Limits};
#[allow(unused_imports)] // named in the module docs
use crate::model::{IriOr, OneOrMany};

/// A `type` value: one IRI/term or an array of them, form kept.
pub type Types = OneOrMany<String>;

/// Why an OB 3.0 document could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum V3Error {
    /// The input was too large, too deep or not JSON.
    #[error(transparent)]
    Input(#[from] JsonInputError),
    /// The JSON does not have the shape of the class.
    #[error("not a valid OB 3.0 {class} at {path}: {message}")]
    Shape {
        /// The type being read.
        class: String,
        /// JSON path of the property at fault (`.` for the document itself).
        path: String,
        /// What was wrong there.
        message: String,
    },
    /// Serializing failed.
    #[error("could not serialize OB 3.0 value: {0}")]
    Serialize(String),
}

fn short_type_name<T>() -> String {
    let full = core::any::type_name::<T>();
    // `openbadges::model::v3::credential::Credential<openbadges::…::AchievementSubject>`
    // becomes `Credential<AchievementSubject>`.
    let mut out = String::new();
    for part in full.split_inclusive(['<', '>', ',']) {
        let tail = part.rsplit("::").next().unwrap_or(part);
        out.push_str(tail);
    }
    out
}

/// Reads any OB 3.0 model value from a JSON value, reporting the JSON path
/// of the first property that does not fit.
///
/// # Errors
/// [`V3Error::Shape`] naming the type, the path and what was wrong.
pub fn from_json_value<T: serde::de::DeserializeOwned>(
    v: serde_json::Value,
) -> core::result::Result<T, V3Error> {
    serde_path_to_error::deserialize(v).map_err(|e| {
        let path = e.path().to_string();
        V3Error::Shape {
            class: short_type_name::<T>(),
            path,
            message: e.into_inner().to_string(),
        }
    })
}

/// Reads any OB 3.0 model value from untrusted JSON bytes within `limits`.
///
/// ```
/// use openbadges::limits::Limits;
/// use openbadges::model::v3::{from_json_slice, Profile};
/// let p: Profile = from_json_slice(
///     br#"{"id": "https://example.edu/issuers/1", "type": "Profile", "name": "Example"}"#,
///     &Limits::DEFAULT,
/// )?;
/// assert_eq!(p.name.as_deref(), Some("Example"));
/// # Ok::<(), openbadges::model::v3::V3Error>(())
/// ```
///
/// # Errors
/// [`V3Error::Input`] when the bytes are too large, too deep or not JSON;
/// [`V3Error::Shape`] when they do not fit `T`.
pub fn from_json_slice<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    limits: &Limits,
) -> core::result::Result<T, V3Error> {
    from_json_value(parse_json_limited(bytes, limits)?)
}

/// The JSON data of any OB 3.0 model value.
///
/// # Errors
/// [`V3Error::Serialize`] if serialization fails (not expected for values
/// of this model).
pub fn to_json_value<T: serde::Serialize>(
    t: &T,
) -> core::result::Result<serde_json::Value, V3Error> {
    serde_json::to_value(t).map_err(|e| V3Error::Serialize(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_errors_name_type_and_path() {
        let v = serde_json::json!({
            "id": "https://example.edu/a", "type": ["Achievement"],
            "criteria": {"id": "not an iri"}
        });
        let e = from_json_value::<Achievement>(v).unwrap_err();
        let V3Error::Shape {
            class,
            path,
            message,
        } = &e
        else {
            panic!("{e}")
        };
        assert_eq!(class, "Achievement");
        assert_eq!(path, "criteria.id");
        assert!(message.contains("invalid IRI"), "{message}");
        let e = from_json_value::<AchievementCredential>(serde_json::json!({})).unwrap_err();
        assert!(
            e.to_string().contains("Credential<AchievementSubject>"),
            "{e}"
        );
    }
}
