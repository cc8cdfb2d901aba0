//! [`Achievement`] and what describes it: [`Criteria`], [`Alignment`],
//! [`Related`], [`IdentifierEntry`].

use serde::{Deserialize, Serialize};

use super::credential::EndorsementCredential;
use super::profile::Profile;
use super::result::ResultDescription;
use super::vocab::{AchievementType, AlignmentTargetType, IdentifierType};
use super::{Image, Types};
use crate::ids::Iri;
use crate::model::{Extra, IriOr, OneOrMany};

/// What a learner accomplished (`Achievement`): the badge class of OB 3.0.
///
/// Required by the spec: `id`, `type` (contains `Achievement`), `name`,
/// `description`, `criteria`. Build one with [`Achievement::builder`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Achievement {
    /// Unique IRI of the achievement.
    pub id: Iri,
    /// Types; contains `Achievement`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Alignments to competency frameworks and the like.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<OneOrMany<Alignment>>,
    /// The kind of achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement_type: Option<AchievementType>,
    /// Who created the achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<IriOr<Profile>>,
    /// Credit hours available (a number, kept exactly as written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits_available: Option<serde_json::Number>,
    /// How the achievement is earned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<Criteria>,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Endorsements of this achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement: Option<Box<OneOrMany<EndorsementCredential>>>,
    /// Endorsements as compact JWS strings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement_jwt: Option<OneOrMany<String>>,
    /// Field of study.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_of_study: Option<String>,
    /// A human-readable code (e.g. a course code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human_code: Option<String>,
    /// An image representing the achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<IriOr<Image>>,
    /// Language of the achievement (BCP 47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_language: Option<String>,
    /// The name of the achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Other identifiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_identifier: Option<OneOrMany<IdentifierEntry>>,
    /// Related achievements (other languages, versions, OB 2.0 badge classes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related: Option<OneOrMany<Related>>,
    /// Descriptions of results that may be reported for this achievement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_description: Option<OneOrMany<ResultDescription>>,
    /// Specialization within the field of study.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub specialization: Option<String>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<OneOrMany<String>>,
    /// Version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How an achievement is earned (`Criteria`): an `id` and/or a `narrative`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Criteria {
    /// IRI of a page describing the criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Iri>,
    /// A narrative (Markdown allowed) of what is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub narrative: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An alignment to a framework item (`Alignment`).
///
/// Required: `type` (contains `Alignment`), `targetName`, `targetUrl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Alignment {
    /// Types; contains `Alignment`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Identifier of the target within its framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_code: Option<String>,
    /// Description of the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_description: Option<String>,
    /// Name of the target.
    pub target_name: String,
    /// Name of the framework.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_framework: Option<String>,
    /// The kind of target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<AlignmentTargetType>,
    /// URL of the target.
    pub target_url: Iri,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Alignment {
    /// An alignment with its required fields (`type` is `["Alignment"]`).
    pub fn new(target_name: impl Into<String>, target_url: Iri) -> Self {
        Alignment {
            types: OneOrMany::Many(vec!["Alignment".into()]),
            target_code: None,
            target_description: None,
            target_name: target_name.into(),
            target_framework: None,
            target_type: None,
            target_url,
            extra: Extra::new(),
        }
    }
}

/// A related object, such as the same achievement in another language
/// (`Related`). Required: `id`, `type` (contains `Related`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Related {
    /// IRI of the related object.
    pub id: Iri,
    /// Types; contains `Related`.
    #[serde(rename = "type")]
    pub types: Types,
    /// Its language (BCP 47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_language: Option<String>,
    /// Its version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Related {
    /// A related object with its required fields (`type` is `["Related"]`).
    pub fn new(id: Iri) -> Self {
        Related {
            id,
            types: OneOrMany::Many(vec!["Related".into()]),
            in_language: None,
            version: None,
            extra: Extra::new(),
        }
    }
}

/// An identifier other than `id` (`IdentifierEntry`).
///
/// Required: `type` (`IdentifierEntry`), `identifier`, `identifierType`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentifierEntry {
    /// Type; `IdentifierEntry`.
    #[serde(rename = "type")]
    pub types: Types,
    /// The identifier.
    pub identifier: String,
    /// Its kind.
    pub identifier_type: IdentifierType,
    /// Properties not listed above.
    #[serde(flatten)]
    pub extra: Extra,
}

impl IdentifierEntry {
    /// An identifier entry (`type` is `IdentifierEntry`).
    pub fn new(identifier: impl Into<String>, identifier_type: IdentifierType) -> Self {
        IdentifierEntry {
            types: OneOrMany::One("IdentifierEntry".into()),
            identifier: identifier.into(),
            identifier_type,
            extra: Extra::new(),
        }
    }
}
