//! Assessments: a coach's record of a candidate's evidence and rubric ratings
//! for one competency.

use core::fmt;
use core::str::FromStr;
use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{DateTime, Iri};
use crate::limits::Limits;

use super::error::CompetencyError;
use super::evidence::EvidenceItem;
use super::framework::load_json;

/// A text is not an email address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid email address {value:?}: {reason}")]
pub struct InvalidEmail {
    /// The refused text.
    pub value: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// An email address, checked for the plain `local@domain.tld` shape (no
/// display names, comments or spaces).
///
/// ```
/// use openbadges::competency::Email;
/// let e: Email = "a.rivera@schools.example.org".parse()?;
/// assert_eq!(e.as_str(), "a.rivera@schools.example.org");
/// assert!("A. Rivera".parse::<Email>().is_err());
/// # Ok::<(), openbadges::competency::InvalidEmail>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

impl Email {
    /// Checks and wraps an email address.
    ///
    /// # Errors
    /// [`InvalidEmail`] when the text is longer than 254 bytes, contains a
    /// space or control character, or is not `local@domain` with a dot in
    /// the domain.
    pub fn new(s: impl Into<String>) -> Result<Self, InvalidEmail> {
        let value = s.into();
        let err = |reason| InvalidEmail {
            value: value.clone(),
            reason,
        };
        if value.len() > 254 {
            return Err(err("longer than 254 bytes"));
        }
        if value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';'))
        {
            return Err(err("contains a space, control character or separator"));
        }
        let Some((local, domain)) = value.rsplit_once('@') else {
            return Err(err("no @"));
        };
        if local.is_empty() || local.contains('@') {
            return Err(err("empty or ambiguous local part"));
        }
        let labels_ok = domain.split('.').all(|l| !l.is_empty());
        if !domain.contains('.') || !labels_ok {
            return Err(err("domain must be dot-separated names"));
        }
        Ok(Email(value))
    }

    /// The address as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({:?})", self.0)
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Email {
    type Err = InvalidEmail;
    fn from_str(s: &str) -> Result<Self, InvalidEmail> {
        Email::new(s)
    }
}

impl Serialize for Email {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Email {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Email::new(s).map_err(serde::de::Error::custom)
    }
}

/// The person assessed; becomes the OB 3.0 `AchievementSubject`.
///
/// Identified when it has an `id` or an `email` (a name alone is not enough
/// to say whom a credential is about).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Candidate {
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email address (becomes a hashed `IdentityObject` of type `emailAddress`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// An IRI for the person, e.g. a DID or a staff-directory URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
}

impl Candidate {
    /// Whether the candidate carries an id or email.
    pub fn is_identified(&self) -> bool {
        self.id.is_some() || self.email.is_some()
    }
}

/// The coach who assessed the candidate.
///
/// Identified when it has an `id` or an `email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Assessor {
    /// Name.
    pub name: String,
    /// An IRI for the assessor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
}

impl Assessor {
    /// Whether the assessor carries an id or email.
    pub fn is_identified(&self) -> bool {
        self.id.is_some() || self.email.is_some()
    }
}

/// One assessment of one candidate against one competency.
///
/// Loaded from JSON with [`Assessment::from_json_slice`]; whether it earns
/// an award is decided by [`evaluate`](super::evaluate).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Assessment {
    /// The assessment's IRI (e.g. `urn:uuid:…`).
    pub id: Iri,
    /// The framework assessed against, when stated; must then be the one
    /// passed to `evaluate`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Iri>,
    /// The competency assessed.
    pub competency: Iri,
    /// Who was assessed.
    pub candidate: Candidate,
    /// Who assessed.
    pub assessor: Assessor,
    /// When the assessment was made.
    pub assessed_on: DateTime,
    /// The evidence the candidate submitted.
    #[serde(default)]
    pub evidence: Vec<EvidenceItem>,
    /// Rubric ratings: criterion IRI → level IRI, written as a JSON object.
    ///
    /// As with any JSON object, a criterion written twice keeps its last value.
    #[serde(default)]
    pub ratings: BTreeMap<Iri, Iri>,
    /// The assessor's comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Assessment {
    /// Reads an assessment from untrusted JSON bytes.
    ///
    /// Only the shape is checked here; whether it earns an award is for
    /// [`evaluate`](super::evaluate).
    ///
    /// # Errors
    /// [`CompetencyError::Json`] when the bytes are over `limits` or not
    /// JSON, [`CompetencyError::Shape`] (with the JSON path) when a property
    /// is missing, unknown or malformed (including a bad IRI, date or email).
    pub fn from_json_slice(bytes: &[u8], limits: &Limits) -> Result<Self, CompetencyError> {
        load_json(bytes, limits, "assessment")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shapes() {
        for ok in ["a@b.co", "first.last+tag@schools.example.org"] {
            assert!(Email::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "no-at.example.org",
            "@example.org",
            "a@localhost",
            "a@b..org",
            "A Rivera <a@b.org>",
            "a@@b.org",
        ] {
            assert!(Email::new(bad).is_err(), "{bad}");
        }
    }
}
