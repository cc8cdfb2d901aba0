//! Rubrics: criteria rated on an ordered scale of levels, with a pass threshold.

use serde::{Deserialize, Serialize};

use crate::ids::Iri;

/// A rubric: every criterion is rated on the same ordered scale of levels.
///
/// Becomes, in OB 3.0, one `ResultDescription` of type `RubricCriterionLevel`
/// per criterion, each listing the levels as `RubricCriterionLevel`s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Rubric {
    /// What is rated (at least one).
    pub criteria: Vec<RubricCriterion>,
    /// The scale, lowest first; points strictly increase along it.
    pub levels: Vec<Level>,
    /// What counts as a pass.
    pub threshold: Threshold,
}

/// One rubric criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct RubricCriterion {
    /// Its IRI (unique in the framework).
    pub id: Iri,
    /// Short name.
    pub name: String,
    /// What the criterion looks at.
    pub description: String,
    /// The least level this criterion must reach, overriding
    /// [`Threshold::minimum_level`] for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_level: Option<Iri>,
}

/// One level of a rubric's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Level {
    /// Its IRI (unique in the framework); an award's achieved level.
    pub id: Iri,
    /// Short name, e.g. "Proficient".
    pub name: String,
    /// What work at this level looks like.
    pub description: String,
    /// Points for this level.
    pub points: u32,
}

/// What counts as a pass: a least level for every criterion, a least total
/// of points, or both (at least one must be given).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct Threshold {
    /// The least level every criterion must reach (unless it names its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_level: Option<Iri>,
    /// The least sum of points over all criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_total_points: Option<u32>,
}

impl Rubric {
    /// The level with this id.
    pub fn level(&self, id: &Iri) -> Option<&Level> {
        self.levels.iter().find(|l| &l.id == id)
    }

    /// The position of the level with this id on the scale (0 is lowest).
    pub fn level_rank(&self, id: &Iri) -> Option<usize> {
        self.levels.iter().position(|l| &l.id == id)
    }

    /// The criterion with this id.
    pub fn criterion(&self, id: &Iri) -> Option<&RubricCriterion> {
        self.criteria.iter().find(|c| &c.id == id)
    }

    /// The least level a criterion must reach, if any.
    pub fn required_level<'a>(&'a self, criterion: &'a RubricCriterion) -> Option<&'a Iri> {
        criterion
            .minimum_level
            .as_ref()
            .or(self.threshold.minimum_level.as_ref())
    }

    /// The most points the rubric can give (every criterion at the top level).
    pub fn max_points(&self) -> u64 {
        let top = self.levels.iter().map(|l| u64::from(l.points)).max();
        top.unwrap_or(0)
            .saturating_mul(u64::try_from(self.criteria.len()).unwrap_or(u64::MAX))
    }
}
