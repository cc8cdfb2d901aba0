//! Shapes shared by the OB 2.0 classes: node ids, `type` values, `@context`,
//! dates, and the module's error type.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{DateTime, IdError, Iri};
use crate::limits::JsonInputError;
use crate::model::{Extra, OneOrMany};

/// The OB 2.0 JSON-LD context IRI, written by the builders.
pub const OB_V2_CONTEXT: &str = crate::contexts::OB_V2_CONTEXT;

/// The namespace OB 2.0 class terms expand to (`obi:`).
const OBI: &str = "https://w3id.org/openbadges#";

/// Why an OB 2.0 value was refused or an operation on one failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum V2Error {
    /// A builder (or [`check_required`](super::Assertion::check_required)) found a required property missing.
    #[error("{object}: required property `{field}` is missing")]
    MissingField {
        /// The class being built or checked, e.g. `Assertion`.
        object: &'static str,
        /// The JSON property name, e.g. `issuedOn`.
        field: &'static str,
    },
    /// A `type` value is neither a term of the OB 2.0 context nor an IRI.
    #[error("invalid `type` value {value:?}: {reason}")]
    InvalidType {
        /// The value refused.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A `type` does not name the class the value is read as.
    #[error("`type` {found:?} does not include {expected}")]
    WrongClass {
        /// The class expected, e.g. `Assertion`.
        expected: &'static str,
        /// The `type` values found.
        found: Vec<String>,
    },
    /// An `id` is neither an absolute IRI nor a blank-node id `_:label`.
    #[error("invalid node id {value:?}: {reason}")]
    InvalidNodeId {
        /// The value refused.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A date is neither ISO 8601 nor a Unix timestamp.
    #[error(
        "invalid date {value:?}: expected an ISO 8601 date-time or a Unix timestamp in seconds"
    )]
    InvalidDate {
        /// The value refused.
        value: String,
    },
    /// A hashed identity names an algorithm this crate does not know.
    #[error("recipient identity hash uses unknown algorithm {algorithm:?} (known: sha256, md5)")]
    UnknownHashAlgorithm {
        /// The algorithm prefix before `$`.
        algorithm: String,
    },
    /// A hashed identity is not `<alg>$<hex digest>`.
    #[error("malformed hashed recipient identity {identity:?}: {reason}")]
    MalformedIdentityHash {
        /// The `identity` value.
        identity: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The input was too large, too deep or not JSON.
    #[error(transparent)]
    Input(#[from] JsonInputError),
    /// The JSON did not have the shape of the class it was read as.
    #[error("not a valid OB 2.0 {class}{}: {source}", at_property(.property.as_deref()))]
    Shape {
        /// The class it was read as.
        class: &'static str,
        /// The top-level property at fault, when one could be singled out.
        property: Option<String>,
        /// The deserializer's message (with the property at fault).
        #[source]
        source: serde_json::Error,
    },
    /// A malformed identifier.
    #[error(transparent)]
    Id(#[from] IdError),
}

fn at_property(p: Option<&str>) -> String {
    p.map(|p| format!(" (property `{p}`)")).unwrap_or_default()
}

/// An `id`: an absolute IRI, or a blank-node identifier `_:label` as the
/// OB 2.0 validator's examples use for embedded criteria, evidence and
/// extensions.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum NodeId {
    /// An absolute IRI.
    Iri(Iri),
    /// A blank-node id, with its `_:` prefix.
    Blank(String),
}

impl NodeId {
    /// Checks and wraps an id.
    ///
    /// # Errors
    /// [`V2Error::InvalidNodeId`] when the text is neither `_:` followed by a
    /// non-empty label without spaces, nor an absolute IRI.
    pub fn new(s: impl Into<String>) -> Result<Self, V2Error> {
        let s = s.into();
        if let Some(label) = s.strip_prefix("_:") {
            if label.is_empty() {
                return Err(V2Error::InvalidNodeId {
                    value: s,
                    reason: "empty blank-node label",
                });
            }
            if label.chars().any(|c| c.is_whitespace() || c.is_control()) {
                return Err(V2Error::InvalidNodeId {
                    value: s,
                    reason: "blank-node label contains a space or control character",
                });
            }
            return Ok(NodeId::Blank(s));
        }
        match Iri::new(s.clone()) {
            Ok(i) => Ok(NodeId::Iri(i)),
            Err(_) => Err(V2Error::InvalidNodeId {
                value: s,
                reason: "not an absolute IRI nor a blank-node id `_:label`",
            }),
        }
    }

    /// The id as written.
    pub fn as_str(&self) -> &str {
        match self {
            NodeId::Iri(i) => i.as_str(),
            NodeId::Blank(b) => b,
        }
    }

    /// The IRI, if this is not a blank node.
    pub fn iri(&self) -> Option<&Iri> {
        match self {
            NodeId::Iri(i) => Some(i),
            NodeId::Blank(_) => None,
        }
    }
}

impl From<Iri> for NodeId {
    fn from(i: Iri) -> Self {
        NodeId::Iri(i)
    }
}

impl fmt::Debug for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NodeId({:?})", self.as_str())
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for NodeId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for NodeId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        NodeId::new(s).map_err(serde::de::Error::custom)
    }
}

/// The OB 2.0 classes (and verification kinds) a `type` value can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Class {
    /// `Assertion`
    Assertion,
    /// `BadgeClass`
    BadgeClass,
    /// `Profile` or `Issuer`
    Profile,
    /// `Endorsement` (`cred:Credential`)
    Endorsement,
    /// `CryptographicKey` (`sec:Key`)
    CryptographicKey,
    /// `RevocationList`
    RevocationList,
    /// `Criteria`
    Criteria,
    /// `Evidence`
    Evidence,
    /// `Image`
    Image,
    /// `AlignmentObject` (`schema:AlignmentObject`)
    AlignmentObject,
    /// `IdentityObject`
    IdentityObject,
    /// `VerificationObject`
    VerificationObject,
    /// `Extension`
    Extension,
    /// `hosted` / `HostedBadge`
    HostedBadge,
    /// `signed` / `SignedBadge`
    SignedBadge,
    /// `FrameValidation`, `TypeValidation` (extension validation classes)
    Validation,
}

impl Class {
    /// The class's usual term, e.g. `Assertion`.
    pub fn term(self) -> &'static str {
        match self {
            Class::Assertion => "Assertion",
            Class::BadgeClass => "BadgeClass",
            Class::Profile => "Profile",
            Class::Endorsement => "Endorsement",
            Class::CryptographicKey => "CryptographicKey",
            Class::RevocationList => "RevocationList",
            Class::Criteria => "Criteria",
            Class::Evidence => "Evidence",
            Class::Image => "Image",
            Class::AlignmentObject => "AlignmentObject",
            Class::IdentityObject => "IdentityObject",
            Class::VerificationObject => "VerificationObject",
            Class::Extension => "Extension",
            Class::HostedBadge => "HostedBadge",
            Class::SignedBadge => "SignedBadge",
            Class::Validation => "TypeValidation",
        }
    }
}

/// Bare terms the OB 2.0 context defines for classes, matched case-insensitively.
fn bare_term_class(t: &str) -> Option<Class> {
    const TERMS: &[(&str, Class)] = &[
        ("Assertion", Class::Assertion),
        ("BadgeClass", Class::BadgeClass),
        ("Profile", Class::Profile),
        ("Issuer", Class::Profile),
        ("Endorsement", Class::Endorsement),
        ("CryptographicKey", Class::CryptographicKey),
        ("RevocationList", Class::RevocationList),
        ("Criteria", Class::Criteria),
        ("Evidence", Class::Evidence),
        ("Image", Class::Image),
        ("AlignmentObject", Class::AlignmentObject),
        ("IdentityObject", Class::IdentityObject),
        ("VerificationObject", Class::VerificationObject),
        ("Extension", Class::Extension),
        ("HostedBadge", Class::HostedBadge),
        ("hosted", Class::HostedBadge),
        ("SignedBadge", Class::SignedBadge),
        ("signed", Class::SignedBadge),
        ("FrameValidation", Class::Validation),
        ("TypeValidation", Class::Validation),
    ];
    TERMS
        .iter()
        .find(|(term, _)| term.eq_ignore_ascii_case(t))
        .map(|(_, c)| *c)
}

/// One `type` value: a term of the OB 2.0 context (`Assertion`, `hosted`, …,
/// matched case-insensitively), a compact IRI (`obi:Assertion`,
/// `extensions:ApplyLink`) or an absolute IRI. Kept as written.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TypeName(String);

impl TypeName {
    /// Checks and wraps a `type` value.
    ///
    /// # Errors
    /// [`V2Error::InvalidType`] for an empty string, or a bare word that is
    /// not a class term of the OB 2.0 context (it would not expand to an IRI),
    /// or text that is not IRI syntax.
    pub fn new(s: impl Into<String>) -> Result<Self, V2Error> {
        let s = s.into();
        if s.is_empty() {
            return Err(V2Error::InvalidType {
                value: s,
                reason: "empty",
            });
        }
        if !s.contains(':') {
            if bare_term_class(&s).is_some() {
                return Ok(TypeName(s));
            }
            return Err(V2Error::InvalidType {
                value: s,
                reason: "not a class term of the OB 2.0 context, nor a compact or absolute IRI",
            });
        }
        if Iri::new(s.clone()).is_err() {
            return Err(V2Error::InvalidType {
                value: s,
                reason: "not IRI syntax",
            });
        }
        Ok(TypeName(s))
    }

    /// A term known to be valid (a constant of this crate).
    pub(crate) fn known(term: &str) -> Self {
        TypeName(term.to_owned())
    }

    /// The value as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The OB 2.0 class this value names, if any: a bare term, `obi:Term`,
    /// `https://w3id.org/openbadges#Term`, or the `cred:`/`sec:`/`schema:`
    /// forms of Endorsement, CryptographicKey and AlignmentObject.
    pub fn class(&self) -> Option<Class> {
        let s = self.0.as_str();
        if !s.contains(':') {
            return bare_term_class(s);
        }
        let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        if let Some(t) = s.strip_prefix("obi:").or_else(|| s.strip_prefix(OBI)) {
            return bare_term_class(t).filter(|c| !matches!(c, Class::Endorsement));
        }
        if eq(s, "cred:Credential") || eq(s, "https://w3id.org/credentials#Credential") {
            return Some(Class::Endorsement);
        }
        if eq(s, "sec:Key") || eq(s, "https://w3id.org/security#Key") {
            return Some(Class::CryptographicKey);
        }
        if eq(s, "schema:AlignmentObject") || eq(s, "http://schema.org/AlignmentObject") {
            return Some(Class::AlignmentObject);
        }
        None
    }
}

impl fmt::Debug for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TypeName({:?})", self.0)
    }
}

impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for TypeName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for TypeName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TypeName::new(s).map_err(serde::de::Error::custom)
    }
}

/// A `type`: one value or a non-empty array, kept in its written form.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Types(OneOrMany<TypeName>);

impl Types {
    /// A single type, such as `Assertion`.
    pub fn one(t: TypeName) -> Self {
        Types(OneOrMany::One(t))
    }

    /// The type of a class, written as its bare term (`Assertion`, …).
    pub fn of(class: Class) -> Self {
        Types(OneOrMany::One(TypeName(class.term().to_owned())))
    }

    /// Several types, written as an array.
    ///
    /// # Errors
    /// [`V2Error::InvalidType`] when `types` is empty.
    pub fn many(types: Vec<TypeName>) -> Result<Self, V2Error> {
        if types.is_empty() {
            return Err(V2Error::InvalidType {
                value: "[]".to_owned(),
                reason: "an empty `type` array names no class",
            });
        }
        Ok(Types(OneOrMany::Many(types)))
    }

    /// The values, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, TypeName> {
        self.0.iter()
    }

    /// The written form.
    pub fn as_one_or_many(&self) -> &OneOrMany<TypeName> {
        &self.0
    }

    /// Whether one of the values names `class`.
    pub fn has(&self, class: Class) -> bool {
        self.iter().any(|t| t.class() == Some(class))
    }

    /// The values as strings.
    pub fn strings(&self) -> Vec<String> {
        self.iter().map(|t| t.as_str().to_owned()).collect()
    }
}

impl<'de> Deserialize<'de> for Types {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Types;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a `type` string or a non-empty array of them")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Types, E> {
                TypeName::new(v).map(Types::one).map_err(E::custom)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Types, A::Error> {
                let mut out = Vec::new();
                while let Some(t) = seq.next_element::<TypeName>()? {
                    out.push(t);
                }
                Types::many(out).map_err(serde::de::Error::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads an optional `type` and requires it, when present, to name one of `classes`.
pub(crate) fn de_types_of<'de, D: Deserializer<'de>>(
    d: D,
    classes: &[Class],
    expected: &'static str,
) -> Result<Option<Types>, D::Error> {
    let t = Types::deserialize(d)?;
    if classes.iter().any(|c| t.has(*c)) {
        Ok(Some(t))
    } else {
        Err(serde::de::Error::custom(V2Error::WrongClass {
            expected,
            found: t.strings(),
        }))
    }
}

macro_rules! types_deserializer {
    ($name:ident, $expected:literal, $($class:ident),+) => {
        pub(crate) fn $name<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> Result<Option<Types>, D::Error> {
            de_types_of(d, &[$(Class::$class),+], $expected)
        }
    };
}

types_deserializer!(de_assertion_types, "Assertion", Assertion);
types_deserializer!(de_badge_class_types, "BadgeClass", BadgeClass);
types_deserializer!(de_profile_types, "Profile or Issuer", Profile);
types_deserializer!(de_endorsement_types, "Endorsement", Endorsement);
types_deserializer!(de_key_types, "CryptographicKey", CryptographicKey);
types_deserializer!(de_revocation_types, "RevocationList", RevocationList);
types_deserializer!(de_criteria_types, "Criteria", Criteria);
types_deserializer!(de_evidence_types, "Evidence", Evidence);
types_deserializer!(de_image_types, "Image", Image);
types_deserializer!(de_alignment_types, "AlignmentObject", AlignmentObject);
types_deserializer!(
    de_verification_types,
    "hosted, signed or VerificationObject",
    HostedBadge,
    SignedBadge,
    VerificationObject
);

/// Reads an optional `type` with no class constraint (only the value syntax).
pub(crate) fn de_any_types<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Types>, D::Error> {
    Types::deserialize(d).map(Some)
}

/// Boxes the object of an [`IriOr`](crate::model::IriOr) (large embedded
/// objects are boxed to keep deserializer stack frames small).
pub(crate) fn boxed<T>(x: crate::model::IriOr<T>) -> crate::model::IriOr<Box<T>> {
    match x {
        crate::model::IriOr::Iri(i) => crate::model::IriOr::Iri(i),
        crate::model::IriOr::Object(o) => crate::model::IriOr::Object(Box::new(o)),
    }
}

/// One `@context` entry: a context IRI or an inline context object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ContextEntry {
    /// A context by IRI, e.g. [`OB_V2_CONTEXT`].
    Iri(Iri),
    /// An inline context.
    Object(Extra),
}

/// A `@context`: one entry or an array, kept in its written form.
pub type Context = OneOrMany<ContextEntry>;

/// The `@context` the builders write: `"https://w3id.org/openbadges/v2"`.
pub fn ob_v2_context() -> Context {
    OneOrMany::One(ContextEntry::Iri(Iri::new_unchecked(OB_V2_CONTEXT)))
}

/// Whether a `@context` includes the OB 2.0 context IRI.
pub fn context_has_ob_v2(c: &Context) -> bool {
    c.iter()
        .any(|e| matches!(e, ContextEntry::Iri(i) if i.as_str() == OB_V2_CONTEXT))
}

/// An ISO 8601 date-time as OB 2.0 issuers write it, kept as written.
///
/// Everything [`DateTime`] accepts, plus minute precision
/// (`2017-10-01T00:00Z`), which the OB 2.0 validator's own samples use.
#[derive(Clone, PartialEq, Eq)]
pub struct IsoDateTime {
    text: String,
    value: DateTime,
}

impl IsoDateTime {
    /// Parses an ISO 8601 date-time.
    ///
    /// # Errors
    /// [`V2Error::InvalidDate`] when the text is not a form accepted by
    /// [`DateTime`] nor one with minutes but no seconds.
    pub fn new(s: impl Into<String>) -> Result<Self, V2Error> {
        let text = s.into();
        if let Ok(value) = DateTime::new(text.clone()) {
            return Ok(IsoDateTime { text, value });
        }
        // `YYYY-MM-DDTHH:MM` then an optional offset: insert `:00` seconds.
        let head = text.get(..16);
        let tail = text.get(16..).unwrap_or("");
        let head_ok = head.is_some_and(|h| {
            h.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                10 => b == b'T' || b == b't',
                13 => b == b':',
                _ => b.is_ascii_digit(),
            })
        });
        let tail_ok = tail.is_empty() || tail.starts_with(['Z', 'z', '+', '-']);
        if let (Some(h), true, true) = (head, head_ok, tail_ok) {
            if let Ok(value) = DateTime::new(format!("{h}:00{tail}")) {
                return Ok(IsoDateTime { text, value });
            }
        }
        Err(V2Error::InvalidDate { value: text })
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The parsed date-time (with seconds filled in when the text had none).
    pub fn date_time(&self) -> &DateTime {
        &self.value
    }
}

impl fmt::Debug for IsoDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IsoDateTime({:?})", self.text)
    }
}

/// A date in OB 2.0: an ISO 8601 string or a Unix timestamp (seconds), the
/// latter written as a JSON number or a numeric string. The written form is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timestamp {
    /// An ISO 8601 date-time string.
    Iso(IsoDateTime),
    /// Unix seconds written as a JSON number.
    UnixNumber(i64),
    /// Unix seconds written as a string of digits.
    UnixString(String),
}

impl Timestamp {
    /// Parses a date string: ISO 8601, or digits (with an optional leading `-`) as Unix seconds.
    ///
    /// # Errors
    /// [`V2Error::InvalidDate`] when neither applies, or the number is out of range.
    pub fn parse(s: &str) -> Result<Self, V2Error> {
        let digits = s.strip_prefix('-').unwrap_or(s);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let ok = s
                .parse::<i64>()
                .ok()
                .and_then(|n| chrono::DateTime::from_timestamp(n, 0));
            return match ok {
                Some(_) => Ok(Timestamp::UnixString(s.to_owned())),
                None => Err(V2Error::InvalidDate {
                    value: s.to_owned(),
                }),
            };
        }
        IsoDateTime::new(s).map(Timestamp::Iso)
    }

    /// A timestamp from a date-time, written as ISO 8601.
    pub fn from_date_time(t: DateTime) -> Self {
        Timestamp::Iso(IsoDateTime {
            text: t.as_str().to_owned(),
            value: t,
        })
    }

    /// The instant in UTC (`None` only for a Unix time chrono cannot represent,
    /// which parsing refuses, so in practice always `Some`).
    pub fn to_utc(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        match self {
            Timestamp::Iso(i) => Some(i.date_time().to_utc()),
            Timestamp::UnixNumber(n) => chrono::DateTime::from_timestamp(*n, 0),
            Timestamp::UnixString(s) => s
                .parse::<i64>()
                .ok()
                .and_then(|n| chrono::DateTime::from_timestamp(n, 0)),
        }
    }
}

impl From<DateTime> for Timestamp {
    fn from(t: DateTime) -> Self {
        Timestamp::from_date_time(t)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Timestamp::Iso(i) => s.serialize_str(i.as_str()),
            Timestamp::UnixNumber(n) => s.serialize_i64(*n),
            Timestamp::UnixString(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Timestamp;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 8601 date-time string or Unix seconds")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Timestamp, E> {
                Timestamp::parse(v).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Timestamp, E> {
                match chrono::DateTime::from_timestamp(v, 0) {
                    Some(_) => Ok(Timestamp::UnixNumber(v)),
                    None => Err(E::custom(V2Error::InvalidDate {
                        value: v.to_string(),
                    })),
                }
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Timestamp, E> {
                match i64::try_from(v) {
                    Ok(n) => self.visit_i64(n),
                    Err(_) => Err(E::custom(V2Error::InvalidDate {
                        value: v.to_string(),
                    })),
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_ids() {
        assert!(matches!(NodeId::new("_:b0").unwrap(), NodeId::Blank(_)));
        assert!(NodeId::new("https://example.org/x")
            .unwrap()
            .iri()
            .is_some());
        for bad in ["_:", "_:a b", "relative/path", ""] {
            assert!(NodeId::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn type_names() {
        for ok in [
            "Assertion",
            "obi:Assertion",
            "https://w3id.org/openbadges#Assertion",
            "hosted",
            "Hosted",
            "extensions:ApplyLink",
            "http://example.com/CoolClass",
        ] {
            assert!(TypeName::new(ok).is_ok(), "{ok}");
        }
        for bad in ["", "UNKNOWN", "OtherAssertion", "Not A Class"] {
            assert!(TypeName::new(bad).is_err(), "{bad}");
        }
        let c = |s: &str| TypeName::new(s).unwrap().class();
        assert_eq!(c("Issuer"), Some(Class::Profile));
        assert_eq!(c("obi:BadgeClass"), Some(Class::BadgeClass));
        assert_eq!(c("cred:Credential"), Some(Class::Endorsement));
        assert_eq!(c("sec:Key"), Some(Class::CryptographicKey));
        assert_eq!(c("SIGNED"), Some(Class::SignedBadge));
        assert_eq!(c("http://example.com/CoolClass"), None);
        assert!(serde_json::from_str::<Types>("[]").is_err());
    }

    #[test]
    fn timestamps_keep_their_form() {
        for v in [
            serde_json::json!("2016-12-31T23:59:59Z"),
            serde_json::json!("2016-12-31T23:59:59"),
            serde_json::json!("2017-10-01T00:00Z"),
            serde_json::json!(1483228799),
            serde_json::json!("1483228799"),
        ] {
            let t: Timestamp = serde_json::from_value(v.clone()).unwrap();
            assert_eq!(serde_json::to_value(&t).unwrap(), v);
        }
        let t: Timestamp = serde_json::from_value(serde_json::json!(1483228799)).unwrap();
        assert_eq!(
            t.to_utc().unwrap().to_rfc3339(),
            "2016-12-31T23:59:59+00:00"
        );
        let m = Timestamp::parse("2017-10-01T00:00Z").unwrap();
        assert_eq!(
            m.to_utc().unwrap().to_rfc3339(),
            "2017-10-01T00:00:00+00:00"
        );
        for bad in ["soon", "2017-10-01T00Z", "", "1.5", "99999999999999999999"] {
            assert!(Timestamp::parse(bad).is_err(), "{bad}");
        }
        assert!(serde_json::from_str::<Timestamp>("1.5").is_err());
    }
}
