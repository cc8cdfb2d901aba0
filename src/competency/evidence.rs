//! Evidence: the kinds a programme asks for, how many of each a competency
//! requires, and the items a candidate submits.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ids::{DateTime, Iri};

/// A kind of evidence.
///
/// Written in JSON as a plain string: `"Observation"`, `"StudentWorkAnalysis"`,
/// `"Artifact"`, `"Reflection"`, `"ImpactOnPractice"`, or any other non-empty
/// text, which becomes [`EvidenceKind::Other`] and matches only the same text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum EvidenceKind {
    /// An observation of the candidate at work, e.g. leading a team meeting.
    Observation,
    /// An analysis of student work the candidate led or carried out.
    StudentWorkAnalysis,
    /// An artifact the candidate produced: a protocol, an agenda, a unit plan.
    Artifact,
    /// A written reflection by the candidate.
    Reflection,
    /// Evidence of impact on classroom practice (the candidate's or colleagues').
    ImpactOnPractice,
    /// Any other kind the programme names.
    Other(String),
}

impl EvidenceKind {
    /// The name written in JSON.
    pub fn as_str(&self) -> &str {
        match self {
            EvidenceKind::Observation => "Observation",
            EvidenceKind::StudentWorkAnalysis => "StudentWorkAnalysis",
            EvidenceKind::Artifact => "Artifact",
            EvidenceKind::Reflection => "Reflection",
            EvidenceKind::ImpactOnPractice => "ImpactOnPractice",
            EvidenceKind::Other(s) => s,
        }
    }

    /// Reads a kind from its name; `None` for empty or blank text.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "Observation" => EvidenceKind::Observation,
            "StudentWorkAnalysis" => EvidenceKind::StudentWorkAnalysis,
            "Artifact" => EvidenceKind::Artifact,
            "Reflection" => EvidenceKind::Reflection,
            "ImpactOnPractice" => EvidenceKind::ImpactOnPractice,
            other if other.trim().is_empty() => return None,
            other => EvidenceKind::Other(other.to_owned()),
        })
    }
}

impl fmt::Display for EvidenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EvidenceKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EvidenceKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        EvidenceKind::parse(&s)
            .ok_or_else(|| serde::de::Error::custom("evidence kind must not be empty"))
    }
}

/// How much evidence of one kind a competency requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceRequirement {
    /// The kind of evidence.
    pub kind: EvidenceKind,
    /// The least number of items of this kind (at least 1).
    pub minimum: u32,
    /// What the evidence should show, for candidates and assessors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl EvidenceRequirement {
    /// A requirement of `minimum` items of `kind`.
    pub fn new(kind: EvidenceKind, minimum: u32) -> Self {
        EvidenceRequirement {
            kind,
            minimum,
            description: None,
        }
    }
}

/// One piece of evidence a candidate submitted; becomes an OB 3.0 `Evidence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct EvidenceItem {
    /// The kind of evidence.
    pub kind: EvidenceKind,
    /// A short name, e.g. "Observation of grade 7 team meeting, 12 March".
    pub name: String,
    /// What the evidence shows, in plain words.
    pub narrative: String,
    /// Where the evidence can be seen, if online (OB 3.0 `Evidence.id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Iri>,
    /// A longer description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When the evidence was produced or observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateTime>,
    /// Who the evidence was produced for, e.g. "grade 7 team".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// The form of the evidence, e.g. "Observation notes", "Video".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genre: Option<String>,
}

impl EvidenceItem {
    /// An item with a kind, name and narrative, and nothing else.
    pub fn new(kind: EvidenceKind, name: impl Into<String>, narrative: impl Into<String>) -> Self {
        EvidenceItem {
            kind,
            name: name.into(),
            narrative: narrative.into(),
            url: None,
            description: None,
            date: None,
            audience: None,
            genre: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_as_strings() {
        for k in [
            EvidenceKind::Observation,
            EvidenceKind::StudentWorkAnalysis,
            EvidenceKind::Artifact,
            EvidenceKind::Reflection,
            EvidenceKind::ImpactOnPractice,
            EvidenceKind::Other("Peer review".into()),
        ] {
            let j = serde_json::to_string(&k).unwrap();
            assert_eq!(serde_json::from_str::<EvidenceKind>(&j).unwrap(), k);
        }
        assert_eq!(
            serde_json::from_str::<EvidenceKind>("\"Video\"").unwrap(),
            EvidenceKind::Other("Video".into())
        );
        assert!(serde_json::from_str::<EvidenceKind>("\"  \"").is_err());
    }
}
