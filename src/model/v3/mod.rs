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
pub mod vocab;

pub use achievement::{Achievement, Alignment, Criteria, IdentifierEntry, Related};
pub use builder::{AchievementBuilder, BuildError, CredentialBuilder, ProfileBuilder};
pub use common::{Evidence, IdentityObject, Image};
pub use credential::{
    AchievementCredential, AchievementSubject, Context, Credential, CredentialSchema,
    CredentialStatus, EndorsementCredential, EndorsementSubject, OpenBadgeCredential,
    RefreshService, TermsOfUse, OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V1_CONTEXT, VC_V2_CONTEXT,
};
pub use profile::{Address, GeoCoordinates, Profile};
pub use proof::Proof;
pub use result::{Result, ResultDescription, RubricCriterionLevel};
pub use vocab::{
    AchievementType, AlignmentTargetType, IdentifierType, ResultStatusType, ResultType,
};

use crate::limits::JsonInputError;
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
    #[error("not a valid OB 3.0 {class}: {message}")]
    Shape {
        /// The class being read.
        class: String,
        /// What serde found wrong, with its location.
        message: String,
    },
    /// Serializing failed.
    #[error("could not serialize OB 3.0 value: {0}")]
    Serialize(String),
}
