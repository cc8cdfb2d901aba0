//! The credential envelope [`Credential`] and its two OB 3.0 forms,
//! [`AchievementCredential`] (alias `OpenBadgeCredential`) and
//! [`EndorsementCredential`], with their subjects and VC parts.

use serde::{Deserialize, Serialize};

use super::achievement::Achievement;
use super::common::{Evidence, IdentityObject, Image};
use super::profile::Profile;
use super::proof::Proof;
use super::{Types, V3Error};
use crate::ids::{DateTime, Iri};
use crate::limits::Limits;
use crate::model::{Extra, IriOr, OneOrMany};

/// The W3C VC 2.0 context IRI, first in every OB 3.0 `@context`.
pub const VC_V2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The W3C VC 1.1 context IRI (older OB 3.0 documents).
pub const VC_V1_CONTEXT: &str = "https://www.w3.org/2018/credentials/v1";
/// The OB 3.0 context IRI this crate writes.
pub const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The OB 3.0 extensions context (1EdTech status, schema and refresh terms).
pub const OB_EXTENSIONS_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json";

/// One `@context` entry: an IRI or an inline context object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Context {
    /// A context by IRI.
    Iri(Iri),
    /// An inline context definition.
    Object(Extra),
}

impl Context {
    /// The IRI, if this entry is one.
    pub fn as_iri(&self) -> Option<&Iri> {
        match self {
            Context::Iri(i) => Some(i),
            Context::Object(_) => None,
        }
    }
}

/// A VC 2.0 `name` / `description`: a plain string, or language value
/// objects (`{"@value": "…", "@language": "fr"}`, one or an array) kept as
/// written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum LangString {
    /// A plain string.
    Plain(String),
    /// Language value object(s) or another JSON-LD form, kept as written.
    Localized(serde_json::Value),
}

impl LangString {
    /// The plain string, or the first `@value` of the localized forms.
    pub fn text(&self) -> Option<&str> {
        match self {
            LangString::Plain(s) => Some(s),
            LangString::Localized(v) => {
                let first = match v {
                    serde_json::Value::Array(a) => a.first()?,
                    other => other,
                };
                first.get("@value")?.as_str()
            }
        }
    }
}

impl From<String> for LangString {
    fn from(s: String) -> Self {
        LangString::Plain(s)
    }
}

impl From<&str> for LangString {
    fn from(s: &str) -> Self {
        LangString::Plain(s.to_owned())
    }
}

/// A Verifiable Credential as OB 3.0 shapes it, generic over the subject.
///
/// Use the aliases [`AchievementCredential`] and [`EndorsementCredential`].
/// Reading accepts VC 1.1 (`issuanceDate`/`expirationDate`) and VC 2.0
/// (`validFrom`/`validUntil`) forms; [`Credential::valid_from`] reads either.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credential<S> {
    /// `@context`: VC context first, then the OB context, then any others.
    #[serde(rename = "@context")]
    pub context: OneOrMany<Context>,
    /// Unique IRI of the credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// Types, e.g. `["VerifiableCredential", "OpenBadgeCredential"]`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Display name (VC 2.0 allows language value objects here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<LangString>,
    /// Display description (VC 2.0 allows language value objects here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<LangString>,
    /// Display image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<IriOr<Image>>,
    /// When the achievement was awarded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_date: Option<DateTime>,
    /// The subject (or subjects).
    pub credential_subject: OneOrMany<S>,
    /// Embedded endorsements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement: Option<Box<OneOrMany<EndorsementCredential>>>,
    /// Endorsements as compact JWS strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement_jwt: Option<OneOrMany<String>>,
    /// Evidence, embedded or by IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<OneOrMany<IriOr<Evidence>>>,
    /// The issuer, embedded [`Profile`] or its IRI.
    pub issuer: IriOr<Profile>,
    /// VC 2.0 start of validity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<DateTime>,
    /// VC 2.0 end of validity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime>,
    /// VC 1.1 issuance date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuance_date: Option<DateTime>,
    /// VC 1.1 expiration date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<DateTime>,
    /// Embedded proofs; signing appends here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<OneOrMany<Proof>>,
    /// Schemas the credential claims to follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_schema: Option<OneOrMany<CredentialSchema>>,
    /// Where to check revocation/suspension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_status: Option<OneOrMany<CredentialStatus>>,
    /// Where to refresh the credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_service: Option<OneOrMany<RefreshService>>,
    /// Terms of use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_of_use: Option<OneOrMany<TermsOfUse>>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An OB 3.0 credential (`AchievementCredential` / `OpenBadgeCredential`).
pub type AchievementCredential = Credential<AchievementSubject>;
/// `OpenBadgeCredential` is the same class as [`AchievementCredential`].
pub type OpenBadgeCredential = AchievementCredential;
/// An endorsement (`EndorsementCredential`).
pub type EndorsementCredential = Credential<EndorsementSubject>;

impl<S> Credential<S>
where
    S: Serialize + for<'de> Deserialize<'de>,
{
    /// Reads a credential from untrusted JSON bytes within `limits`.
    ///
    /// # Errors
    /// [`V3Error::Input`] when the bytes are too large, too deep or not JSON,
    /// [`V3Error::Shape`] when the JSON does not have this shape.
    pub fn from_json_slice(bytes: &[u8], limits: &Limits) -> core::result::Result<Self, V3Error> {
        super::from_json_slice(bytes, limits)
    }

    /// Reads a credential from a JSON value.
    ///
    /// # Errors
    /// [`V3Error::Shape`] when the JSON does not have this shape.
    pub fn from_json_value(v: serde_json::Value) -> core::result::Result<Self, V3Error> {
        super::from_json_value(v)
    }

    /// The JSON this credential serializes to (what signing hashes).
    ///
    /// # Errors
    /// [`V3Error::Serialize`] if serialization fails (it does not for
    /// values of this model; the error is kept for safety).
    pub fn to_json_value(&self) -> core::result::Result<serde_json::Value, V3Error> {
        serde_json::to_value(self).map_err(|e| V3Error::Serialize(e.to_string()))
    }

    /// The credential as compact JSON text.
    ///
    /// # Errors
    /// As [`Credential::to_json_value`].
    pub fn to_json_string(&self) -> core::result::Result<String, V3Error> {
        serde_json::to_string(self).map_err(|e| V3Error::Serialize(e.to_string()))
    }
}

impl<S> Credential<S> {
    /// The issuer's IRI, whether the issuer is embedded or referenced.
    pub fn issuer_id(&self) -> &Iri {
        match &self.issuer {
            IriOr::Iri(i) => i,
            IriOr::Object(p) => &p.id,
        }
    }

    /// The embedded issuer profile, if embedded.
    pub fn issuer_profile(&self) -> Option<&Profile> {
        self.issuer.object()
    }

    /// Start of validity: `validFrom` (VC 2.0) or else `issuanceDate` (VC 1.1).
    pub fn valid_from(&self) -> Option<&DateTime> {
        self.valid_from.as_ref().or(self.issuance_date.as_ref())
    }

    /// End of validity: `validUntil` (VC 2.0) or else `expirationDate` (VC 1.1).
    pub fn valid_until(&self) -> Option<&DateTime> {
        self.valid_until.as_ref().or(self.expiration_date.as_ref())
    }

    /// The first (usually only) credential subject.
    pub fn subject(&self) -> Option<&S> {
        self.credential_subject.first()
    }

    /// Whether `type` contains `t`.
    pub fn has_type(&self, t: &str) -> bool {
        self.types.iter().any(|x| x == t)
    }

    /// The `@context` IRIs in order (inline contexts skipped).
    pub fn context_iris(&self) -> impl Iterator<Item = &Iri> {
        self.context.iter().filter_map(Context::as_iri)
    }

    /// The proofs, none if absent.
    pub fn proofs(&self) -> impl Iterator<Item = &Proof> {
        self.proof.iter().flat_map(|p| p.iter())
    }

    /// Appends a proof, keeping earlier ones (a single proof becomes an array).
    pub fn push_proof(&mut self, proof: Proof) {
        self.proof = Some(match self.proof.take() {
            None => OneOrMany::Many(vec![proof]),
            Some(p) => {
                let mut v = p.into_vec();
                v.push(proof);
                OneOrMany::Many(v)
            }
        });
    }
}

impl AchievementCredential {
    /// Whether `type` has `VerifiableCredential` and `AchievementCredential`
    /// or `OpenBadgeCredential`, as the spec requires.
    pub fn is_achievement_credential(&self) -> bool {
        self.has_type("VerifiableCredential")
            && (self.has_type("AchievementCredential") || self.has_type("OpenBadgeCredential"))
    }
}

/// The subject of an [`AchievementCredential`]: the learner and what they
/// achieved. Required: `type` (contains `AchievementSubject`), `achievement`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AchievementSubject {
    /// The learner's IRI (often a DID).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// Types; contains `AchievementSubject`.
    #[serde(rename = "type")]
    pub types: Types,
    /// When the activity ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_end_date: Option<DateTime>,
    /// When the activity started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_start_date: Option<DateTime>,
    /// Credits earned (kept exactly as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits_earned: Option<serde_json::Number>,
    /// The achievement, embedded or by IRI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<IriOr<Achievement>>,
    /// Identifiers of the learner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<OneOrMany<IdentityObject>>,
    /// Image of the learner's achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<IriOr<Image>>,
    /// License number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_number: Option<String>,
    /// How the learner met the criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// Results achieved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<OneOrMany<super::result::Result>>,
    /// Role of the learner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The organization that assessed or awarded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<IriOr<Profile>>,
    /// Academic term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl AchievementSubject {
    /// A subject for an achievement (`type` is `["AchievementSubject"]`).
    pub fn new(achievement: Achievement) -> Self {
        AchievementSubject {
            id: None,
            types: OneOrMany::Many(vec!["AchievementSubject".into()]),
            activity_end_date: None,
            activity_start_date: None,
            credits_earned: None,
            achievement: Some(IriOr::Object(achievement)),
            identifier: None,
            image: None,
            license_number: None,
            narrative: None,
            result: None,
            role: None,
            source: None,
            term: None,
            extra: Extra::new(),
        }
    }

    /// The embedded achievement, if embedded.
    pub fn achievement(&self) -> Option<&Achievement> {
        self.achievement.as_ref().and_then(IriOr::object)
    }

    /// The achievement's IRI, embedded or referenced.
    pub fn achievement_id(&self) -> Option<&Iri> {
        match self.achievement.as_ref()? {
            IriOr::Iri(i) => Some(i),
            IriOr::Object(a) => Some(&a.id),
        }
    }
}

/// The subject of an [`EndorsementCredential`]: what is endorsed.
/// Required: `id`, `type` (contains `EndorsementSubject`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndorsementSubject {
    /// IRI of the endorsed thing (achievement, profile, credential).
    pub id: Iri,
    /// Types; contains `EndorsementSubject`.
    #[serde(rename = "type")]
    pub types: Types,
    /// The endorser's comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement_comment: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl EndorsementSubject {
    /// A subject endorsing `id` (`type` is `["EndorsementSubject"]`).
    pub fn new(id: Iri) -> Self {
        EndorsementSubject {
            id,
            types: OneOrMany::Many(vec!["EndorsementSubject".into()]),
            endorsement_comment: None,
            extra: Extra::new(),
        }
    }
}

/// Where a credential's status is published (`CredentialStatus`), e.g. a
/// `BitstringStatusListEntry` or `1EdTechRevocationList`. Method-specific
/// fields (`statusPurpose`, `statusListIndex`, …) are in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CredentialStatus {
    /// IRI of the status entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// Status method.
    #[serde(rename = "type")]
    pub types: Types,
    /// Method-specific properties.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A schema the credential follows (`CredentialSchema`), e.g.
/// `1EdTechJsonSchemaValidator2019`. Required: `id`, `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CredentialSchema {
    /// IRI of the schema.
    pub id: Iri,
    /// Validator type.
    #[serde(rename = "type")]
    pub types: Types,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl CredentialSchema {
    /// A schema reference.
    pub fn new(id: Iri, schema_type: impl Into<String>) -> Self {
        CredentialSchema {
            id,
            types: OneOrMany::One(schema_type.into()),
            extra: Extra::new(),
        }
    }
}

/// Where to refresh the credential (`RefreshService`). Required: `id`, `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefreshService {
    /// IRI of the service.
    pub id: Iri,
    /// Service type, e.g. `1EdTechCredentialRefresh`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl RefreshService {
    /// A refresh service reference.
    pub fn new(id: Iri, service_type: impl Into<String>) -> Self {
        RefreshService {
            id,
            types: OneOrMany::One(service_type.into()),
            extra: Extra::new(),
        }
    }
}

/// Terms of use (`TermsOfUse`). Required: `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermsOfUse {
    /// IRI of the terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// Type of the terms.
    #[serde(rename = "type")]
    pub types: Types,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}
