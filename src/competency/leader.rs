//! What makes a teacher leader: the framework's [`LeaderRule`], and whether a
//! holder's verified achievements meet it ([`Framework::leader_status`]).
//!
//! A rule is a list of [`Requirement`]s, all of which must hold: at least
//! *k* competencies in each band, at least *k* in a named band, at least *k*
//! in the whole framework, or every competency of a named set. A holder's
//! achievements are a [`HeldCompetencies`] set (competencies by their
//! position in the framework, so checking a whole city's teachers costs no
//! IRI lookups), and the answer, a [`LeaderStatus`], lists every requirement
//! still missing as a typed [`Missing`].
//!
//! ```
//! use openbadges::competency::{Framework, Missing};
//! use openbadges::ids::Iri;
//! use openbadges::limits::Limits;
//!
//! let framework = Framework::from_json_slice(
//!     &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"),
//!         "/fixtures/frameworks/teacher-leadership.json"))?,
//!     &Limits::DEFAULT,
//! )?;
//! // Two competencies of the first band only.
//! let base = "https://badges.example.org/frameworks/teacher-leadership/v1/competencies/";
//! let held = framework.held([
//!     Iri::new(format!("{base}ftb-1"))?,
//!     Iri::new(format!("{base}ftb-6"))?,
//! ].iter());
//! let status = framework.leader_status(&held)?;
//! assert!(!status.is_leader());
//! // The two other bands are each two competencies short.
//! assert!(matches!(
//!     status.missing.first(),
//!     Some(Missing::InBand { required: 2, held: 0, .. })
//! ));
//! assert_eq!(status.missing.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::ids::Iri;

use super::error::CompetencyError;
use super::framework::Framework;

/// What makes a holder of the framework's competencies a teacher leader:
/// every requirement must hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub struct LeaderRule {
    /// The rule in plain words, for people reading a report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The requirements (at least one), all of which must hold.
    pub requirements: Vec<Requirement>,
}

/// One requirement of a [`LeaderRule`], written in JSON with a `type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
#[non_exhaustive]
pub enum Requirement {
    /// `{"type": "atLeastInEachBand", "minimum": k}`: at least `minimum`
    /// competencies in every band of the framework.
    AtLeastInEachBand {
        /// How many, per band.
        minimum: u32,
    },
    /// `{"type": "atLeastInBand", "band": IRI, "minimum": k}`: at least
    /// `minimum` competencies of that band.
    AtLeastInBand {
        /// The band's IRI.
        band: Iri,
        /// How many.
        minimum: u32,
    },
    /// `{"type": "atLeast", "minimum": k}`: at least `minimum` competencies
    /// of the whole framework.
    AtLeast {
        /// How many.
        minimum: u32,
    },
    /// `{"type": "allOf", "competencies": [IRI, …]}`: every one of these
    /// competencies.
    #[serde(rename_all = "camelCase")]
    AllOf {
        /// The competencies' IRIs.
        competencies: Vec<Iri>,
    },
}

/// A requirement of the rule that a holder does not meet yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Missing {
    /// Too few competencies in a band (from `atLeastInEachBand` or
    /// `atLeastInBand`).
    InBand {
        /// The band's IRI.
        band: Iri,
        /// How many the rule asks for.
        required: u32,
        /// How many the holder has.
        held: u32,
    },
    /// Too few competencies in all (`atLeast`).
    InAll {
        /// How many the rule asks for.
        required: u32,
        /// How many the holder has.
        held: u32,
    },
    /// A competency of an `allOf` set the holder lacks.
    Competency {
        /// Its IRI.
        competency: Iri,
    },
}

/// Whether a holder meets the framework's [`LeaderRule`], and if not, what
/// is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LeaderStatus {
    /// Every requirement not met, in the rule's order (empty for a leader).
    pub missing: Vec<Missing>,
}

impl LeaderStatus {
    /// Whether every requirement holds.
    pub fn is_leader(&self) -> bool {
        self.missing.is_empty()
    }
}

/// A set of a framework's competencies, by their position in
/// [`Framework::competencies`] (band by band, in order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct HeldCompetencies {
    words: Vec<u64>,
}

impl HeldCompetencies {
    /// The empty set.
    pub fn new() -> Self {
        HeldCompetencies::default()
    }

    /// Adds competency number `index`; returns whether it was new.
    pub fn insert(&mut self, index: usize) -> bool {
        let (w, bit) = (index / 64, 1u64 << (index % 64));
        if self.words.len() <= w {
            self.words.resize(w.saturating_add(1), 0);
        }
        match self.words.get_mut(w) {
            Some(word) => {
                let new = *word & bit == 0;
                *word |= bit;
                new
            }
            None => false,
        }
    }

    /// Whether competency number `index` is in the set.
    pub fn contains(&self, index: usize) -> bool {
        self.words
            .get(index / 64)
            .is_some_and(|w| w & (1u64 << (index % 64)) != 0)
    }

    /// How many competencies the set holds.
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// The competency numbers in the set, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.words.iter().enumerate().flat_map(|(w, word)| {
            (0..64usize)
                .filter(move |b| word & (1u64 << b) != 0)
                .map(move |b| w.saturating_mul(64).saturating_add(b))
        })
    }

    /// How many of competency numbers `range` the set holds.
    fn count_in(&self, range: std::ops::Range<usize>) -> u32 {
        let n = range.filter(|i| self.contains(*i)).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }
}

impl Framework {
    /// The position of the competency with this IRI in
    /// [`Framework::competencies`].
    pub fn competency_index(&self, id: &Iri) -> Option<usize> {
        self.competencies().position(|c| &c.id == id)
    }

    /// The positions in [`Framework::competencies`] of each band's
    /// competencies.
    pub fn band_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut start = 0usize;
        self.bands
            .iter()
            .map(|b| {
                let end = start.saturating_add(b.competencies.len());
                let r = start..end;
                start = end;
                r
            })
            .collect()
    }

    /// The set of this framework's competencies among `achievements` (the
    /// achievement ids of a holder's verified credentials); ids that are
    /// not competencies of the framework are left out.
    pub fn held<'a>(&self, achievements: impl IntoIterator<Item = &'a Iri>) -> HeldCompetencies {
        let mut set = HeldCompetencies::new();
        for id in achievements {
            if let Some(i) = self.competency_index(id) {
                set.insert(i);
            }
        }
        set
    }

    /// Whether a holder of `held` meets the framework's [`LeaderRule`], and
    /// every requirement still missing if not.
    ///
    /// # Errors
    /// [`CompetencyError::NoLeaderRule`] when the framework has no rule.
    pub fn leader_status(&self, held: &HeldCompetencies) -> Result<LeaderStatus, CompetencyError> {
        let rule = self
            .leader_rule
            .as_ref()
            .ok_or(CompetencyError::NoLeaderRule)?;
        let ranges = self.band_ranges();
        let mut missing = Vec::new();
        let band_short = |missing: &mut Vec<Missing>, b: usize, minimum: u32| {
            if let (Some(band), Some(range)) = (self.bands.get(b), ranges.get(b)) {
                let have = held.count_in(range.clone());
                if have < minimum {
                    missing.push(Missing::InBand {
                        band: band.id.clone(),
                        required: minimum,
                        held: have,
                    });
                }
            }
        };
        for req in &rule.requirements {
            match req {
                Requirement::AtLeastInEachBand { minimum } => {
                    for b in 0..self.bands.len() {
                        band_short(&mut missing, b, *minimum);
                    }
                }
                Requirement::AtLeastInBand { band, minimum } => {
                    if let Some(b) = self.bands.iter().position(|x| &x.id == band) {
                        band_short(&mut missing, b, *minimum);
                    }
                }
                Requirement::AtLeast { minimum } => {
                    let have = u32::try_from(held.len()).unwrap_or(u32::MAX);
                    if have < *minimum {
                        missing.push(Missing::InAll {
                            required: *minimum,
                            held: have,
                        });
                    }
                }
                Requirement::AllOf { competencies } => {
                    for c in competencies {
                        if !self.competency_index(c).is_some_and(|i| held.contains(i)) {
                            missing.push(Missing::Competency {
                                competency: c.clone(),
                            });
                        }
                    }
                }
            }
        }
        Ok(LeaderStatus { missing })
    }
}

/// Checks a framework's rule against its bands and competencies: at least
/// one requirement, every band and competency named exists, every minimum
/// is reachable.
pub(crate) fn validate_rule(
    framework: &Framework,
    rule: &LeaderRule,
) -> Result<(), CompetencyError> {
    if rule.requirements.is_empty() {
        return Err(CompetencyError::Empty {
            path: "leaderRule.requirements".to_owned(),
        });
    }
    let total = framework.competencies().count();
    let unreachable =
        |i: usize, minimum: u32, available: usize| CompetencyError::LeaderRuleUnreachable {
            path: format!("leaderRule.requirements[{i}]"),
            minimum,
            available,
        };
    for (i, req) in rule.requirements.iter().enumerate() {
        match req {
            Requirement::AtLeastInEachBand { minimum } => {
                if let Some(small) = framework
                    .bands
                    .iter()
                    .map(|b| b.competencies.len())
                    .find(|n| usize::try_from(*minimum).map_or(true, |m| m > *n))
                {
                    return Err(unreachable(i, *minimum, small));
                }
            }
            Requirement::AtLeastInBand { band, minimum } => {
                let b = framework
                    .bands
                    .iter()
                    .find(|b| &b.id == band)
                    .ok_or_else(|| CompetencyError::LeaderRuleUnknown {
                        path: format!("leaderRule.requirements[{i}].band"),
                        id: band.clone(),
                    })?;
                if usize::try_from(*minimum).map_or(true, |m| m > b.competencies.len()) {
                    return Err(unreachable(i, *minimum, b.competencies.len()));
                }
            }
            Requirement::AtLeast { minimum } => {
                if usize::try_from(*minimum).map_or(true, |m| m > total) {
                    return Err(unreachable(i, *minimum, total));
                }
            }
            Requirement::AllOf { competencies } => {
                if competencies.is_empty() {
                    return Err(CompetencyError::Empty {
                        path: format!("leaderRule.requirements[{i}].competencies"),
                    });
                }
                for (j, c) in competencies.iter().enumerate() {
                    if framework.competency_index(c).is_none() {
                        return Err(CompetencyError::LeaderRuleUnknown {
                            path: format!("leaderRule.requirements[{i}].competencies[{j}]"),
                            id: c.clone(),
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_set_counts_and_iterates() {
        let mut s = HeldCompetencies::new();
        assert!(s.is_empty());
        assert!(s.insert(3));
        assert!(!s.insert(3));
        assert!(s.insert(70));
        assert_eq!(s.len(), 2);
        assert!(s.contains(70) && !s.contains(69));
        assert_eq!(s.iter().collect::<Vec<_>>(), [3, 70]);
        assert_eq!(s.count_in(0..64), 1);
    }
}
