//! Open Badges 2.0 → 3.0: a verified OB 2.0 assertion repackaged as an OB 3.0
//! `OpenBadgeCredential`, signed by the converting issuer.
//!
//! The conversion starts from the OB 2.0 verifier ([`crate::verify()`], the
//! checks of `src/verify/v2.rs`): [`VerifiedAssertion::verify`] runs it on the
//! bytes received (hosted JSON, a signed compact JWS, or a baked PNG/SVG) and
//! keeps, with the report, the assertion, the badge class (fetched at its IRI
//! or embedded) and the profile served at the issuer's id, exactly as the
//! checks read them. [`to_credential`] and [`convert`] refuse anything whose
//! verdict is not [`Verdict::Valid`] ([`ConvertError::NotValid`]): a revoked,
//! tampered, expired or unverifiable assertion is not repackaged.
//!
//! # What the credential says
//!
//! As the OB 3.0 implementation guide recommends (*Migrating from OB 2.0*,
//! "Upgraded OB 2.0 assertion"):
//!
//! | OB 3.0 | from the OB 2.0 |
//! |---|---|
//! | `id` | a new id, [`ConvertOptions::new`] (the guide: "a new ID is assigned") |
//! | `issuer` | the converting [`Issuer`]'s profile: it signs; with [`ConvertOptions::same_issuer`] its `otherIdentifier` names the OB 2.0 issuer id (`identifierType` `identifier`), as the guide's example does for one entity in both versions |
//! | `name` | badge class `name` |
//! | `validFrom`, `awardedDate` | assertion `issuedOn` |
//! | `validUntil` | assertion `expires` |
//! | `credentialSubject.identifier` | `recipient`: an `IdentityObject` with `identityHash` (the `sha256$…`/`md5$…` hash, or the plain identity), `salt`, `hashed`, `identityType` (`email` → `emailAddress`, `url`/`id` → `identifier`, `telephone` → `ext:telephone`) |
//! | `credentialSubject.id` | a plain (not hashed) `url` or `id` recipient |
//! | `credentialSubject.narrative`, `.image` | assertion `narrative`, `image` |
//! | `achievement.id` | [`ConvertOptions::achievement_id`], else `urn:uuid:` derived from the badge class id (the same badge class always gives the same achievement id) |
//! | `achievement.name`, `.description`, `.criteria`, `.image`, `.alignment`, `.tag` | badge class `name`, `description`, `criteria` (id and/or narrative), `image`, `alignment`, `tags` |
//! | `achievement.creator` | the original issuer: the OB 2.0 profile served at its id (`id`, `name`, `url`, `email`, `telephone`, `description`, `image`) |
//! | `achievement.related` | `{"type": ["Related", "https://w3id.org/openbadges#BadgeClass"], "id": <badge class id>, "version": "Open Badges v2p0"}` |
//! | `evidence[0]` | the original assertion: `{"type": ["Evidence", "https://w3id.org/openbadges#Assertion"], "id": <assertion id>, name, description}` |
//! | `evidence[1..]` | the assertion's own `evidence` |
//!
//! The guide writes the full IRIs `https://w3id.org/openbadges#Assertion`
//! and `…#BadgeClass` because those terms are not in the OB 3.0 context.
//! Endorsements of the OB 2.0 documents are not carried over (the verifier
//! does not verify them).
//!
//! **Who signs.** The guide expects a proof when the issuer of the upgraded
//! credential is the entity that issued the original, and, when a third
//! party (a CLR issuer) repackages it, the credential "may be included
//! without signature". Here the converting issuer always signs
//! ([`convert`]; [`to_credential`] gives the unsigned credential), so the
//! credential's `issuer` is the converter and the original issuer is the
//! achievement's `creator`: a relying party sees who vouches for the
//! repackaging and who defined the badge, and can verify the original
//! through the evidence link with OB 2.0 verification.
//!
//! ```
//! use std::sync::Arc;
//! use openbadges::convert::{convert, ConvertOptions, VerifiedAssertion};
//! use openbadges::fetch::{Fetched, MapFetcher};
//! use openbadges::ids::{DateTime, Iri};
//! use openbadges::issue::Issuer;
//! use openbadges::keys::Ed25519KeyPair;
//! use openbadges::model::v3::Profile;
//! use openbadges::verify::{verify, VerifyOptions};
//!
//! // An OB 2.0 issuer's hosted documents, served from memory.
//! let assertion = r#"{"@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
//!   "id": "https://example.org/assertions/1", "badge": "https://example.org/badge",
//!   "recipient": {"type": "email", "hashed": false, "identity": "ana@example.org"},
//!   "issuedOn": "2024-05-01T00:00:00Z", "verification": {"type": "hosted"}}"#;
//! let badge = r#"{"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass",
//!   "id": "https://example.org/badge", "name": "Knots", "description": "Ties six knots.",
//!   "image": "https://example.org/badge.png", "criteria": {"narrative": "Tie them."},
//!   "issuer": "https://example.org/issuer"}"#;
//! let issuer = r#"{"@context": "https://w3id.org/openbadges/v2", "type": "Profile",
//!   "id": "https://example.org/issuer", "name": "Example Scouts"}"#;
//! let mut fetcher = MapFetcher::new();
//! fetcher.insert("https://example.org/assertions/1", Fetched::ok(assertion.as_bytes().to_vec()));
//! fetcher.insert("https://example.org/badge", Fetched::ok(badge.as_bytes().to_vec()));
//! fetcher.insert("https://example.org/issuer", Fetched::ok(issuer.as_bytes().to_vec()));
//! let options = VerifyOptions::at(DateTime::new("2026-01-01T00:00:00Z")?.to_utc())
//!     .fetcher(Arc::new(fetcher));
//!
//! let verified = VerifiedAssertion::verify(assertion.as_bytes(), &options)?;
//! assert!(verified.report().is_valid());
//!
//! let key = Ed25519KeyPair::from_seed(&[9; 32]);
//! let converter = Issuer::from_ed25519_did_key(key);
//! let profile = Profile::builder().id(converter.id().clone()).name("Example Wallet").build()?;
//! let converter = Issuer::with_profile(
//!     profile,
//!     Ed25519KeyPair::from_seed(&[9; 32]),
//!     converter.verification_method().to_owned(),
//! );
//! let created = DateTime::new("2025-01-01T00:00:00Z")?;
//! let opts = ConvertOptions::new(Iri::new("urn:uuid:6f1c2a8e-4b7d-4e0a-9a55-0c3b2f1e9d70")?, created);
//! let signed = convert(&verified, &converter, &opts)?;
//! assert_eq!(signed["evidence"][0]["id"], "https://example.org/assertions/1");
//! assert_eq!(signed["credentialSubject"]["achievement"]["related"][0]["id"], "https://example.org/badge");
//!
//! // The new credential verifies as OB 3.0.
//! let report = verify(&serde_json::to_vec(&signed)?, &options)?;
//! assert!(report.is_valid(), "{report}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde_json::Value;
use sha2::Digest as _;

use crate::ids::{DateTime, Iri};
use crate::issue::{IssueError, Issuer};
use crate::keys::{Signature, Signer};
use crate::model::v2;
use crate::model::v3::{
    Achievement, AchievementCredential, AchievementSubject, Alignment, BuildError, Criteria,
    Evidence, IdentifierEntry, IdentifierType, IdentityObject, Image, Profile, Related,
};
use crate::model::{IriOr, OneOrMany};
use crate::verify::{
    CheckId, CredentialFormat, Ob2Parts, Verdict, VerificationReport, VerifyError, VerifyOptions,
};

/// The type IRI the implementation guide adds to the evidence that is the
/// original OB 2.0 assertion.
pub const OB2_ASSERTION_TYPE: &str = "https://w3id.org/openbadges#Assertion";

/// The type IRI the implementation guide adds to the `Related` entry that is
/// the OB 2.0 badge class.
pub const OB2_BADGE_CLASS_TYPE: &str = "https://w3id.org/openbadges#BadgeClass";

/// The `version` of the `Related` entry naming the OB 2.0 badge class.
pub const OB2_VERSION: &str = "Open Badges v2p0";

/// The `name` of the evidence that is the original assertion.
pub const ORIGINAL_EVIDENCE_NAME: &str = "Original Open Badges 2.0 assertion for this credential";

/// Why an OB 2.0 assertion was not converted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConvertError {
    /// The verification of the OB 2.0 assertion did not say Valid.
    #[error("the OB 2.0 assertion did not verify as valid ({verdict}): {check}: {reason}")]
    NotValid {
        /// The verdict.
        verdict: Verdict,
        /// The check that decided it (the report's most specific failure,
        /// or the first required check that did not run).
        check: CheckId,
        /// Why that check did not pass.
        reason: String,
    },
    /// The input is not an OB 2.0 assertion (an OB 3.0 credential, say).
    #[error("not an Open Badges 2.0 assertion: verified as {format:?}")]
    NotOb2 {
        /// The format the verifier saw.
        format: CredentialFormat,
    },
    /// A property the OB 3.0 credential needs is missing from the OB 2.0 document.
    #[error("{object}: `{field}` is missing (at {path}), so it cannot be converted")]
    Missing {
        /// The OB 2.0 class (`Assertion`, `BadgeClass`, `AlignmentObject`, …).
        object: &'static str,
        /// The OB 2.0 property.
        field: &'static str,
        /// Its JSON path in the assertion (`$.badge.alignment[1]`, …).
        path: String,
    },
    /// A value of the OB 2.0 document cannot be written as its OB 3.0 counterpart.
    #[error("{path}: {value:?} cannot be converted: {reason}")]
    Unconvertible {
        /// Its JSON path in the assertion.
        path: String,
        /// The value.
        value: String,
        /// Why.
        reason: String,
    },
    /// Verification could not run at all.
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// The OB 3.0 builder refused the credential (names the class and field).
    #[error("the OB 3.0 credential could not be built: {0}")]
    Build(#[from] BuildError),
    /// The converting issuer could not sign it.
    #[error("the OB 3.0 credential could not be signed: {0}")]
    Issue(#[from] IssueError),
}

/// An OB 2.0 assertion verified by [`crate::verify()`], with what the checks
/// read: the assertion, its badge class and the issuer's own profile.
///
/// Only [`VerifiedAssertion::verify`] makes one, so the parts are the ones
/// the report is about.
#[derive(Debug, Clone)]
pub struct VerifiedAssertion {
    report: VerificationReport,
    parts: Option<Ob2Parts>,
}

impl VerifiedAssertion {
    /// Verifies `bytes` (an OB 2.0 hosted assertion as JSON, a signed
    /// assertion as a compact JWS, or either baked in a PNG or SVG) with
    /// [`crate::verify::verify`]'s checks and options, keeping what the checks
    /// read.
    ///
    /// A report that is not valid is returned too (as a value, so its
    /// reasons can be shown); [`to_credential`] refuses it.
    ///
    /// # Errors
    /// [`VerifyError`] when verification could not run (bad options, an
    /// unsupported format), as [`crate::verify::verify`].
    pub fn verify(bytes: &[u8], options: &VerifyOptions) -> Result<Self, VerifyError> {
        let (report, parts) = crate::verify::verify_ob2_parts(bytes, options)?;
        Ok(VerifiedAssertion { report, parts })
    }

    /// The verification report.
    pub fn report(&self) -> &VerificationReport {
        &self.report
    }

    /// The assertion as the checks read it (`None` when it did not fit the
    /// OB 2.0 model, or its badge class or issuer could not be read, or the
    /// input was not OB 2.0).
    pub fn assertion(&self) -> Option<&v2::Assertion> {
        self.parts.as_ref().map(|p| &p.assertion)
    }

    /// The badge class the checks read (fetched at its IRI, or embedded).
    pub fn badge_class(&self) -> Option<&v2::BadgeClass> {
        self.parts.as_ref().map(|p| &p.badge)
    }

    /// The issuer's own profile, served at its id.
    pub fn issuer(&self) -> Option<&v2::Profile> {
        self.parts.as_ref().map(|p| &p.issuer)
    }

    /// The assertion JSON the checks read (a signed assertion's JWS payload).
    pub fn assertion_json(&self) -> Option<&Value> {
        self.parts.as_ref().map(|p| &p.value)
    }

    /// The compact JWS of a signed assertion.
    pub fn jws(&self) -> Option<&str> {
        self.parts.as_ref().and_then(|p| p.jws.as_deref())
    }

    /// The parts, when the report is Valid and about an OB 2.0 assertion.
    fn valid_parts(&self) -> Result<&Ob2Parts, ConvertError> {
        let r = &self.report;
        if !matches!(
            r.format,
            CredentialFormat::OpenBadges2Hosted | CredentialFormat::OpenBadges2Signed
        ) {
            return Err(ConvertError::NotOb2 { format: r.format });
        }
        let verdict = r.verdict();
        if verdict != Verdict::Valid {
            let decisive = match verdict {
                Verdict::Invalid => r.most_specific(),
                _ => r.first_unverified(),
            };
            return Err(ConvertError::NotValid {
                verdict,
                check: decisive.map_or(CheckId::Format, |c| c.id),
                reason: decisive
                    .and_then(|c| c.outcome.reason())
                    .unwrap_or("no reason given")
                    .to_owned(),
            });
        }
        // A Valid OB 2.0 report always has its parts; refuse rather than guess.
        self.parts.as_ref().ok_or(ConvertError::NotValid {
            verdict,
            check: CheckId::Issuer,
            reason: "the badge class or issuer profile the checks read was not kept".into(),
        })
    }
}

/// How to convert: the new credential's id, the proof's creation time, and
/// the choices the implementation guide leaves open.
#[derive(Debug, Clone)]
#[must_use]
pub struct ConvertOptions {
    id: Iri,
    created: DateTime,
    achievement_id: Option<Iri>,
    issuer_name: Option<String>,
    same_issuer: bool,
    description: Option<String>,
}

impl ConvertOptions {
    /// The new credential's `id` (the guide assigns a new one, such as a
    /// fresh `urn:uuid`) and the proof's `created` time (the caller's clock:
    /// nothing here reads it).
    pub fn new(id: Iri, created: DateTime) -> Self {
        ConvertOptions {
            id,
            created,
            achievement_id: None,
            issuer_name: None,
            same_issuer: false,
            description: None,
        }
    }

    /// The OB 3.0 achievement's id (default: `urn:uuid:` derived from the
    /// badge class id, so every conversion of one badge class names the
    /// same achievement).
    pub fn achievement_id(mut self, id: Iri) -> Self {
        self.achievement_id = Some(id);
        self
    }

    /// The converting issuer's name, used when its [`Issuer`] has no
    /// profile (the credential's issuer needs a name).
    pub fn issuer_name(mut self, name: impl Into<String>) -> Self {
        self.issuer_name = Some(name.into());
        self
    }

    /// The converting issuer is the entity that issued the OB 2.0 assertion:
    /// its profile's `otherIdentifier` names the OB 2.0 issuer id (the
    /// guide's example). Only say so when it is true: it is signed.
    pub fn same_issuer(mut self, same: bool) -> Self {
        self.same_issuer = same;
        self
    }

    /// The `description` of the evidence naming the original assertion
    /// (default: the guide's text, adapted to hosted or signed).
    pub fn evidence_description(mut self, d: impl Into<String>) -> Self {
        self.description = Some(d.into());
        self
    }
}

/// The `urn:uuid:` (RFC 9562 version 8, from SHA-256) derived from `seed`
/// ([`Iri::urn_uuid_from_digest`]; `None` only for a digest under 16 bytes,
/// which SHA-256 never is).
fn derived_urn_uuid(seed: &str) -> Option<Iri> {
    Iri::urn_uuid_from_digest(&sha2::Sha256::digest(seed.as_bytes()))
}

/// An OB 2.0 date as an OB 3.0 date-time: kept as written when it has an
/// offset, else the instant in UTC (`Z`; Unix seconds, a date without offset).
fn date_time(t: &v2::Timestamp, path: &str) -> Result<DateTime, ConvertError> {
    if let v2::Timestamp::Iso(iso) = t {
        if iso.date_time().has_offset() {
            return Ok(iso.date_time().clone());
        }
    }
    t.to_utc()
        .map(DateTime::from_utc)
        .ok_or_else(|| ConvertError::Unconvertible {
            path: path.to_owned(),
            value: format!("{t:?}"),
            reason: "not a representable date-time".into(),
        })
}

fn missing(object: &'static str, field: &'static str, path: &str) -> ConvertError {
    ConvertError::Missing {
        object,
        field,
        path: path.to_owned(),
    }
}

/// The OB 2.0 recipient as an OB 3.0 `IdentityObject` (and the subject id,
/// for a plain URL or id recipient).
fn identity(r: &v2::IdentityObject) -> Result<(IdentityObject, Option<Iri>), ConvertError> {
    let value = r
        .identity
        .clone()
        .ok_or_else(|| missing("IdentityObject", "identity", "$.recipient"))?;
    let kind = r
        .type_
        .as_deref()
        .ok_or_else(|| missing("IdentityObject", "type", "$.recipient"))?;
    let local = kind.rsplit([':', '/', '#']).next().unwrap_or(kind);
    let identity_type = if r.is_email() {
        IdentifierType::EmailAddress
    } else if local.eq_ignore_ascii_case("url") || local.eq_ignore_ascii_case("id") {
        IdentifierType::Identifier
    } else if local.eq_ignore_ascii_case("telephone") {
        IdentifierType::parse("ext:telephone")
    } else {
        return Err(ConvertError::Unconvertible {
            path: "$.recipient.type".into(),
            value: kind.to_owned(),
            reason: "an OB 2.0 recipient type other than email, url, telephone or id".into(),
        });
    };
    let hashed = r.is_hashed();
    let subject_id = if !hashed && identity_type == IdentifierType::Identifier {
        Iri::new(value.clone()).ok()
    } else {
        None
    };
    let mut object = IdentityObject::plain(identity_type, value);
    object.hashed = hashed;
    object.salt = r.salt.clone();
    Ok((object, subject_id))
}

fn image(i: &IriOr<v2::Image>, path: &str) -> Result<Image, ConvertError> {
    match i {
        IriOr::Iri(iri) => Ok(Image::new(iri.clone())),
        IriOr::Object(o) => {
            let id = o.id.clone().ok_or_else(|| missing("Image", "id", path))?;
            let mut img = Image::new(id);
            img.caption = o.caption.clone();
            Ok(img)
        }
    }
}

fn criteria(c: &IriOr<v2::Criteria>) -> Criteria {
    match c {
        IriOr::Iri(iri) => Criteria::with_id(iri.clone()),
        IriOr::Object(o) => {
            let mut out = Criteria::narrative("");
            out.id = o.id.as_ref().and_then(v2::NodeId::iri).cloned();
            out.narrative = o.narrative.clone().filter(|n| !n.trim().is_empty());
            out
        }
    }
}

fn alignment(a: &v2::AlignmentObject, path: &str) -> Result<Alignment, ConvertError> {
    let name = a
        .target_name
        .clone()
        .ok_or_else(|| missing("AlignmentObject", "targetName", path))?;
    let url = a
        .target_url
        .clone()
        .ok_or_else(|| missing("AlignmentObject", "targetUrl", path))?;
    let mut out = Alignment::new(name, url);
    out.target_description = a.target_description.clone();
    out.target_framework = a.target_framework.clone();
    out.target_code = a.target_code.clone();
    Ok(out)
}

/// The original issuer, as the achievement's `creator`.
fn creator(p: &v2::Profile) -> Result<Profile, ConvertError> {
    let id =
        p.id.clone()
            .ok_or_else(|| missing("Profile", "id", "$.badge.issuer"))?;
    let mut b = Profile::builder().id(id);
    if let Some(n) = p.name.clone().filter(|n| !n.trim().is_empty()) {
        b = b.name(n);
    }
    if let Some(u) = &p.url {
        b = b.url(u.clone());
    }
    if let Some(e) = &p.email {
        b = b.email(e.clone());
    }
    if let Some(t) = &p.telephone {
        b = b.phone(t.clone());
    }
    if let Some(d) = &p.description {
        b = b.description(d.clone());
    }
    if let Some(i) = &p.image {
        b = b.image(image(i, "$.badge.issuer.image")?);
    }
    Ok(b.build()?)
}

fn achievement(parts: &Ob2Parts, options: &ConvertOptions) -> Result<Achievement, ConvertError> {
    let badge = &parts.badge;
    let badge_id = badge
        .id
        .clone()
        .ok_or_else(|| missing("BadgeClass", "id", "$.badge"))?;
    let mut related = Related::new(badge_id.clone());
    related.types = OneOrMany::Many(vec!["Related".into(), OB2_BADGE_CLASS_TYPE.into()]);
    related.version = Some(OB2_VERSION.into());
    let id = match options.achievement_id.clone() {
        Some(id) => id,
        None => derived_urn_uuid(&format!("openbadges-convert:{badge_id}")).ok_or_else(|| {
            ConvertError::Unconvertible {
                path: "$.badge.id".into(),
                value: badge_id.to_string(),
                reason: "no achievement id could be derived from it".into(),
            }
        })?,
    };
    let mut b = Achievement::builder()
        .id(id)
        .name(
            badge
                .name
                .clone()
                .ok_or_else(|| missing("BadgeClass", "name", "$.badge"))?,
        )
        .description(
            badge
                .description
                .clone()
                .ok_or_else(|| missing("BadgeClass", "description", "$.badge"))?,
        )
        .criteria(criteria(
            badge
                .criteria
                .as_ref()
                .ok_or_else(|| missing("BadgeClass", "criteria", "$.badge"))?,
        ))
        .creator(creator(&parts.issuer)?)
        .related(related);
    if let Some(i) = &badge.image {
        b = b.image(image(i, "$.badge.image")?);
    }
    for (n, a) in badge.alignment.iter().flat_map(OneOrMany::iter).enumerate() {
        b = b.alignment(alignment(a, &format!("$.badge.alignment[{n}]"))?);
    }
    for t in badge.tags.iter().flat_map(OneOrMany::iter) {
        b = b.tag(t.clone());
    }
    Ok(b.build()?)
}

/// The evidence naming the original assertion, then the assertion's own.
fn evidence(parts: &Ob2Parts, options: &ConvertOptions) -> Result<Vec<Evidence>, ConvertError> {
    let a = &parts.assertion;
    let id =
        a.id.clone()
            .ok_or_else(|| missing("Assertion", "id", "$"))?;
    let how = if parts.jws.is_some() {
        "a signed (RS256 JWS) Open Badges 2.0 assertion"
    } else {
        "a hosted Open Badges 2.0 assertion, served at this id"
    };
    let mut original = Evidence::new();
    original.id = Some(id);
    original.types = OneOrMany::Many(vec!["Evidence".into(), OB2_ASSERTION_TYPE.into()]);
    original.name = Some(ORIGINAL_EVIDENCE_NAME.into());
    original.description = Some(options.description.clone().unwrap_or_else(|| {
        format!(
            "This credential was originally issued as {how}. It was verified and repackaged \
             in the Open Badges 3.0 format; the original may be verified with the Open Badges \
             2.0 protocols."
        )
    }));
    let mut out = vec![original];
    for (n, e) in a.evidence.iter().flat_map(OneOrMany::iter).enumerate() {
        let path = format!("$.evidence[{n}]");
        let mut ev = Evidence::new();
        match e {
            IriOr::Iri(iri) => ev.id = Some(iri.clone()),
            IriOr::Object(o) => {
                ev.id = o.id.as_ref().and_then(v2::NodeId::iri).cloned();
                ev.narrative = o.narrative.clone();
                ev.name = o.name.clone();
                ev.description = o.description.clone();
                ev.genre = o.genre.clone();
                ev.audience = o.audience.clone();
                if ev.id.is_none() && ev.narrative.is_none() {
                    return Err(missing("Evidence", "id or narrative", &path));
                }
            }
        }
        out.push(ev);
    }
    Ok(out)
}

/// The converting issuer's profile: its own, or its id with
/// [`ConvertOptions::issuer_name`].
fn issuer_profile<S: Signer<Signature>>(
    issuer: &Issuer<S>,
    parts: &Ob2Parts,
    options: &ConvertOptions,
) -> Result<Profile, ConvertError> {
    let mut profile = match issuer.profile() {
        Some(p) => p.clone(),
        None => {
            let mut b = Profile::builder().id(issuer.id().clone());
            if let Some(n) = &options.issuer_name {
                b = b.name(n.clone());
            }
            b.build()?
        }
    };
    if options.same_issuer {
        if let Some(old) = parts.issuer.id.as_ref() {
            let entry = IdentifierEntry::new(old.as_str(), IdentifierType::Identifier);
            let mut all = profile
                .other_identifier
                .take()
                .map(OneOrMany::into_vec)
                .unwrap_or_default();
            if !all.contains(&entry) {
                all.push(entry);
            }
            profile.other_identifier = Some(OneOrMany::Many(all));
        }
    }
    Ok(profile)
}

/// The unsigned OB 3.0 credential for a verified OB 2.0 assertion, issued
/// by `issuer` (see the [module documentation](self) for the mapping).
///
/// # Errors
/// [`ConvertError::NotOb2`] for a report about another format;
/// [`ConvertError::NotValid`] when the report is not Valid (naming the
/// deciding check); [`ConvertError::Missing`] / [`ConvertError::Unconvertible`]
/// naming the OB 2.0 property that cannot be carried over;
/// [`ConvertError::Build`] when the OB 3.0 builder refuses (an issuer
/// without a name, …).
pub fn to_credential<S: Signer<Signature>>(
    verified: &VerifiedAssertion,
    issuer: &Issuer<S>,
    options: &ConvertOptions,
) -> Result<AchievementCredential, ConvertError> {
    let parts = verified.valid_parts()?;
    let a = &parts.assertion;
    let issued = a
        .issued_on
        .as_ref()
        .ok_or_else(|| missing("Assertion", "issuedOn", "$"))?;
    let valid_from = date_time(issued, "$.issuedOn")?;
    let recipient = a
        .recipient
        .as_ref()
        .ok_or_else(|| missing("Assertion", "recipient", "$"))?;
    let (identity, subject_id) = identity(recipient)?;
    let mut subject = AchievementSubject::new(achievement(parts, options)?);
    subject.id = subject_id;
    subject.identifier = Some(OneOrMany::Many(vec![identity]));
    subject.narrative = a.narrative.clone();
    if let Some(i) = &a.image {
        subject.image = Some(IriOr::Object(image(i, "$.image")?));
    }
    let name = parts
        .badge
        .name
        .clone()
        .ok_or_else(|| missing("BadgeClass", "name", "$.badge"))?;
    let mut b = AchievementCredential::builder()
        .id(options.id.clone())
        .issuer(issuer_profile(issuer, parts, options)?)
        .name(name)
        .valid_from(valid_from.clone())
        .awarded_date(valid_from)
        .subject(subject);
    if let Some(e) = &a.expires {
        b = b.valid_until(date_time(e, "$.expires")?);
    }
    for e in evidence(parts, options)? {
        b = b.evidence(e);
    }
    Ok(b.build()?)
}

/// Converts a verified OB 2.0 assertion into an OB 3.0
/// `OpenBadgeCredential` signed by `issuer` ([`Issuer::sign_credential`]:
/// eddsa-rdfc-2022 by default), created at [`ConvertOptions::new`]'s time.
///
/// # Errors
/// As [`to_credential`]; [`ConvertError::Issue`] when signing fails.
pub fn convert<S: Signer<Signature>>(
    verified: &VerifiedAssertion,
    issuer: &Issuer<S>,
    options: &ConvertOptions,
) -> Result<Value, ConvertError> {
    let credential = to_credential(verified, issuer, options)?;
    Ok(issuer.sign_credential(&credential, options.created.clone())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_uuid_is_stable_and_well_formed() {
        let a = derived_urn_uuid("x").unwrap();
        assert_eq!(a, derived_urn_uuid("x").unwrap());
        assert_ne!(a, derived_urn_uuid("y").unwrap());
        let s = a.as_str();
        assert_eq!(s.len(), "urn:uuid:".len() + 36);
        assert_eq!(s.as_bytes()["urn:uuid:".len() + 14], b'8');
    }

    #[test]
    fn dates_keep_their_offset_or_become_utc() {
        let t = v2::Timestamp::parse("2020-01-02T03:04:05+01:00").unwrap();
        assert_eq!(
            date_time(&t, "$").unwrap().as_str(),
            "2020-01-02T03:04:05+01:00"
        );
        let t = v2::Timestamp::parse("1500000000").unwrap();
        assert_eq!(date_time(&t, "$").unwrap().as_str(), "2017-07-14T02:40:00Z");
        let t = v2::Timestamp::parse("2020-01-02T03:04:05").unwrap();
        assert_eq!(date_time(&t, "$").unwrap().as_str(), "2020-01-02T03:04:05Z");
    }

    #[test]
    fn recipients() {
        let r = v2::IdentityObject::hashed_email("a@example.org", "salt");
        let (o, id) = identity(&r).unwrap();
        assert!(o.hashed);
        assert_eq!(o.identity_type, IdentifierType::EmailAddress);
        assert_eq!(o.identity_hash, r.identity.clone().unwrap());
        assert_eq!(o.salt.as_deref(), Some("salt"));
        assert!(id.is_none());
        let r = v2::IdentityObject::plain("url", "https://example.org/ana");
        let (o, id) = identity(&r).unwrap();
        assert!(!o.hashed);
        assert_eq!(
            id.map(|i| i.as_str().to_owned()).as_deref(),
            Some("https://example.org/ana")
        );
        assert_eq!(o.identity_type, IdentifierType::Identifier);
        let r = v2::IdentityObject::plain("shoeSize", "42");
        assert!(matches!(
            identity(&r),
            Err(ConvertError::Unconvertible { .. })
        ));
    }
}
