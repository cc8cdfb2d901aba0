//! Open Badges 2.0 typed model: [`Assertion`], [`BadgeClass`], [`Profile`]
//! (issuer), [`IdentityObject`], [`VerificationObject`], [`CryptographicKey`],
//! [`RevocationList`], [`Evidence`], [`Criteria`], [`AlignmentObject`],
//! [`Image`], [`Endorsement`] and [`EndorsementClaim`], per the
//! [OB 2.0 specification](https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/index.html).
//!
//! Reading is as lenient as JSON-LD compaction allows: one value or an array
//! ([`OneOrMany`](crate::model::OneOrMany)), an IRI or an embedded object
//! ([`IriOr`](crate::model::IriOr)), `type` as a string or array with or
//! without prefixes ([`Types`]), dates as ISO 8601 or Unix seconds
//! ([`Timestamp`]), `@context` as a string, array or object ([`Context`]).
//! Every property is optional when reading (fragments, revoked-410 bodies and
//! partial documents parse); the values present are validated (IRIs, dates,
//! `type` terms). Properties not modelled, extensions such as
//! `extensions:ApplyLink` included, are kept in `extra` and written back, so
//! parse → serialize gives equal JSON data with the same single-vs-array forms.
//!
//! Building is strict: [`Assertion::builder`], [`BadgeClass::builder`] and
//! [`Profile::builder`] refuse to build without the required properties, and
//! write `@context: "https://w3id.org/openbadges/v2"`.
//!
//! ```
//! use openbadges::ids::{DateTime, Iri};
//! use openbadges::model::IriOr;
//! use openbadges::model::v2::{Assertion, IdentityObject, VerificationObject};
//!
//! let assertion = Assertion::builder()
//!     .id(Iri::new("https://example.org/assertions/123")?)
//!     .recipient(IdentityObject::hashed_email("alice@example.org", "deadsea"))
//!     .badge(IriOr::Iri(Iri::new("https://example.org/badges/5")?))
//!     .verification(VerificationObject::hosted())
//!     .issued_on(DateTime::new("2016-12-31T23:59:59Z")?)
//!     .build()?;
//!
//! let json = serde_json::to_value(&assertion)?;
//! assert_eq!(json["@context"], "https://w3id.org/openbadges/v2");
//! assert_eq!(json["type"], "Assertion");
//!
//! // The recipient is hashed: sha256(email + salt).
//! let back: Assertion = serde_json::from_value(json)?;
//! let recipient = back.recipient.as_ref().ok_or("no recipient")?;
//! assert!(recipient.matches("alice@example.org")?);
//! assert!(!recipient.matches("bob@example.org")?);
//!
//! // A missing required property is refused, by name.
//! let err = Assertion::builder().id(Iri::new("https://example.org/a/1")?).build();
//! assert!(err.unwrap_err().to_string().contains("`recipient`"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod alignment;
mod assertion;
mod badge_class;
mod common;
mod criteria;
mod document;
mod endorsement;
mod evidence;
mod identity;
mod image;
mod key;
mod profile;
mod revocation;
mod verification;

pub use alignment::AlignmentObject;
pub use assertion::{Assertion, AssertionBuilder};
pub use badge_class::{BadgeClass, BadgeClassBuilder};
pub use common::{
    context_has_ob_v2, ob_v2_context, Class, Context, ContextEntry, IsoDateTime, NodeId, Timestamp,
    TypeName, Types, V2Error, OB_V2_CONTEXT,
};
pub use criteria::Criteria;
pub use document::{Document, Node};
pub use endorsement::{Endorsement, EndorsementClaim};
pub use evidence::Evidence;
pub use identity::{IdentityHash, IdentityObject};
pub use image::Image;
pub use key::CryptographicKey;
pub use profile::{Profile, ProfileBuilder};
pub use revocation::{RevocationList, RevocationStatus, RevokedAssertion};
pub use verification::{VerificationKind, VerificationObject};
