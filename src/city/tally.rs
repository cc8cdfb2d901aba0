//! Counting: each verified, matched credential adds its competency to its
//! teacher's set; the figures are read off the sets at the end.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;

use serde::Serialize;

use super::matching::{read_claim, Matcher};
use super::roster::Roster;
use super::{CityError, CityOptions, Rejection};
use crate::bulk::{BulkVerifier, LineOutcome, LineReport};
use crate::competency::{Framework, HeldCompetencies};

/// A credential that was not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Rejected {
    /// Its line in the input (from 1).
    pub line: usize,
    /// Its `id`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// Why.
    pub reason: Rejection,
}

/// One competency, citywide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CompetencyFigures {
    /// Its IRI.
    pub id: String,
    /// Its short code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its band's number in [`CitySummary::bands`].
    pub band: usize,
    /// Teachers holding it.
    pub holders: u64,
}

/// One band, citywide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct BandFigures {
    /// Its IRI.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its competencies' numbers in [`CitySummary::competency_figures`].
    pub competencies: Vec<usize>,
    /// Teachers holding at least one of its competencies.
    pub teachers_with_any: u64,
    /// Competencies held, summed over teachers.
    pub held: u64,
}

/// One school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SchoolFigures {
    /// Its code.
    pub school: String,
    /// Its district.
    pub district: String,
    /// Teachers on the roster.
    pub teachers: u64,
    /// Teachers holding at least one competency.
    pub teachers_with_a_credential: u64,
    /// Teacher leaders.
    pub teacher_leaders: u64,
    /// Holders of each competency, in [`CitySummary::competency_order`].
    pub competencies: Vec<u64>,
}

/// One district.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DistrictFigures {
    /// Its code.
    pub district: String,
    /// Teachers on the roster.
    pub teachers: u64,
    /// Teachers holding at least one competency.
    pub teachers_with_a_credential: u64,
    /// Teacher leaders.
    pub teacher_leaders: u64,
    /// Schools on the roster.
    pub schools: u64,
    /// Schools with at least two leaders.
    pub schools_critical_mass: u64,
    /// Schools with one leader.
    pub schools_one_leader: u64,
    /// Schools with none.
    pub schools_no_leader: u64,
    /// Holders of each competency, in [`CitySummary::competency_order`].
    pub competencies: Vec<u64>,
}

/// The figures of a city report (the JSON summary; `to_json` gives it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CitySummary {
    /// The framework's id.
    pub framework: String,
    /// The framework's name.
    pub framework_name: String,
    /// The leader rule in plain words, when the framework gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader_rule: Option<String>,
    /// The issuers accepted (`None`: any issuer).
    pub issuers: Option<Vec<String>>,
    /// Teachers on the roster.
    pub teachers: u64,
    /// Credentials that verified, matched a roster entry and were counted.
    pub credentials_verified: u64,
    /// Credentials not counted (every non-blank line that was not).
    pub credentials_rejected: u64,
    /// Rejections by kind ([`Rejection::kind`]).
    pub rejected_by_kind: BTreeMap<String, u64>,
    /// Teachers holding at least one competency.
    pub teachers_with_a_credential: u64,
    /// Teachers meeting the framework's leader rule.
    pub teacher_leaders: u64,
    /// Schools with at least two leaders.
    pub schools_critical_mass: u64,
    /// Schools with exactly one leader.
    pub schools_one_leader: u64,
    /// Schools with none.
    pub schools_no_leader: u64,
    /// Holders of each competency, keyed by the competency's id.
    pub competencies: BTreeMap<String, u64>,
    /// The competencies' ids in framework order (the order of the
    /// per-school and per-district arrays).
    pub competency_order: Vec<String>,
    /// Each competency, in framework order.
    pub competency_figures: Vec<CompetencyFigures>,
    /// Each band, in framework order.
    pub bands: Vec<BandFigures>,
    /// Each district, in roster order.
    pub districts: Vec<DistrictFigures>,
    /// Each school, in roster order.
    pub schools: Vec<SchoolFigures>,
    /// Rejected credentials, by line, up to [`CityOptions::max_listed`].
    pub rejected: Vec<Rejected>,
    /// Whether more were rejected than listed.
    pub rejected_list_truncated: bool,
}

impl CitySummary {
    /// The summary as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Schools with fewer than two leaders, fewest first: the ones that need
    /// support.
    pub fn schools_needing_support(&self) -> Vec<&SchoolFigures> {
        let mut v: Vec<&SchoolFigures> = self
            .schools
            .iter()
            .filter(|s| s.teacher_leaders < 2)
            .collect();
        v.sort_by(|a, b| {
            (a.teacher_leaders, &a.district, &a.school).cmp(&(
                b.teacher_leaders,
                &b.district,
                &b.school,
            ))
        });
        v
    }
}

/// Builds a city's figures from a roster and a stream of credentials.
#[derive(Debug)]
pub struct CityReport<'a> {
    framework: &'a Framework,
    roster: &'a Roster,
    options: CityOptions,
    /// Competency number by achievement id.
    index: HashMap<&'a str, usize>,
}

/// What one line came to.
enum Counted {
    Teacher(usize, usize),
    Not(Option<String>, Rejection),
}

impl<'a> CityReport<'a> {
    /// A report of `roster` under `framework`'s leader rule.
    ///
    /// # Errors
    /// [`CityError::NoLeaderRule`] when the framework has no leader rule,
    /// [`CityError::TooManyCompetencies`] past 65,535 competencies.
    pub fn new(
        framework: &'a Framework,
        roster: &'a Roster,
        options: CityOptions,
    ) -> Result<Self, CityError> {
        if framework.leader_rule.is_none() {
            return Err(CityError::NoLeaderRule {
                framework: framework.id.as_str().to_owned(),
            });
        }
        let n = framework.competencies().count();
        if n > usize::from(u16::MAX) {
            return Err(CityError::TooManyCompetencies {
                found: n,
                max: usize::from(u16::MAX),
            });
        }
        let index = framework
            .competencies()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        Ok(CityReport {
            framework,
            roster,
            options,
            index,
        })
    }

    /// What one verified line counts for (runs on the bulk verifier's cores).
    fn count(&self, matcher: &Matcher<'_>, report: &LineReport, bytes: Option<&[u8]>) -> Counted {
        let id = report
            .result
            .as_ref()
            .ok()
            .and_then(|r| r.credential_id.clone());
        let outcome = report.outcome();
        let bytes = match (outcome, bytes) {
            (LineOutcome::Valid, Some(b)) => b,
            _ => {
                let check = report.result.as_ref().ok().and_then(|r| {
                    r.most_specific()
                        .or_else(|| r.first_unverified())
                        .map(|c| c.id)
                });
                return Counted::Not(
                    id,
                    Rejection::NotVerified {
                        outcome,
                        check,
                        reason: report.reason().unwrap_or_default(),
                    },
                );
            }
        };
        let claim = match read_claim(bytes) {
            Ok(c) => c,
            Err(r) => return Counted::Not(id, r),
        };
        if let Some(issuers) = &self.options.issuers {
            if !issuers.contains(&claim.issuer) {
                return Counted::Not(
                    id,
                    Rejection::IssuerNotAccepted {
                        issuer: claim.issuer,
                    },
                );
            }
        }
        let Some(c) = self.index.get(claim.achievement.as_str()).copied() else {
            return Counted::Not(
                id,
                Rejection::NotInFramework {
                    achievement: claim.achievement,
                },
            );
        };
        match matcher.find(&claim) {
            Ok(t) => Counted::Teacher(t, c),
            Err(r) => Counted::Not(id, r),
        }
    }

    /// Verifies every credential of `ndjson` with `verifier` (status
    /// included, through the verifier's fetcher), counts the ones that
    /// verify and match, and returns the figures. `progress(lines)` is
    /// called after each line.
    ///
    /// # Errors
    /// [`CityError::Bulk`] when reading the input fails.
    pub fn build<R: BufRead>(
        &self,
        verifier: &BulkVerifier,
        ndjson: R,
        mut progress: impl FnMut(usize),
    ) -> Result<CitySummary, CityError> {
        let matcher = Matcher::new(self.roster, &self.options);
        let mut held = vec![HeldCompetencies::new(); self.roster.len()];
        let mut verified = 0u64;
        let mut rejected_count = 0u64;
        let mut by_kind: BTreeMap<String, u64> = BTreeMap::new();
        let mut rejected = Vec::new();
        let mut truncated = false;
        let lines =
            verifier.verify_lines_map(ndjson, |report, bytes| self.count(&matcher, report, bytes));
        for item in lines {
            let (line, counted) = item?;
            match counted {
                Counted::Teacher(t, c) => {
                    if let Some(h) = held.get_mut(t) {
                        h.insert(c);
                    }
                    verified = verified.saturating_add(1);
                }
                Counted::Not(credential_id, reason) => {
                    rejected_count = rejected_count.saturating_add(1);
                    let n = by_kind.entry(reason.kind().to_owned()).or_insert(0);
                    *n = n.saturating_add(1);
                    if rejected.len() < self.options.max_listed {
                        rejected.push(Rejected {
                            line,
                            credential_id,
                            reason,
                        });
                    } else {
                        truncated = true;
                    }
                }
            }
            progress(line);
        }
        let mut summary = self.figures(&held);
        summary.credentials_verified = verified;
        summary.credentials_rejected = rejected_count;
        summary.rejected_by_kind = by_kind;
        summary.rejected = rejected;
        summary.rejected_list_truncated = truncated;
        Ok(summary)
    }

    /// The figures of the teachers' sets.
    fn figures(&self, held: &[HeldCompetencies]) -> CitySummary {
        let fw = self.framework;
        let n = fw.competencies().count();
        let ranges = fw.band_ranges();
        let roster = self.roster;
        let mut schools: Vec<SchoolFigures> = roster
            .schools()
            .iter()
            .map(|s| SchoolFigures {
                school: s.name.clone(),
                district: roster
                    .districts()
                    .get(s.district)
                    .cloned()
                    .unwrap_or_default(),
                teachers: 0,
                teachers_with_a_credential: 0,
                teacher_leaders: 0,
                competencies: vec![0; n],
            })
            .collect();
        let mut holders = vec![0u64; n];
        let mut band_any = vec![0u64; ranges.len()];
        let mut band_held = vec![0u64; ranges.len()];
        let (mut with_one, mut leaders) = (0u64, 0u64);
        for (teacher, set) in roster.teachers().iter().zip(held) {
            let is_leader = fw.leader_status(set).is_ok_and(|s| s.is_leader());
            let mut school = schools.get_mut(teacher.school);
            if let Some(s) = school.as_deref_mut() {
                s.teachers += 1;
            }
            if set.is_empty() {
                continue;
            }
            with_one += 1;
            if is_leader {
                leaders += 1;
            }
            if let Some(s) = school.as_deref_mut() {
                s.teachers_with_a_credential += 1;
                if is_leader {
                    s.teacher_leaders += 1;
                }
            }
            for c in set.iter() {
                if let Some(h) = holders.get_mut(c) {
                    *h += 1;
                }
                if let Some(x) = school
                    .as_deref_mut()
                    .and_then(|s| s.competencies.get_mut(c))
                {
                    *x += 1;
                }
            }
            for (b, range) in ranges.iter().enumerate() {
                let k = range.clone().filter(|c| set.contains(*c)).count() as u64;
                if k > 0 {
                    if let Some(x) = band_any.get_mut(b) {
                        *x += 1;
                    }
                    if let Some(x) = band_held.get_mut(b) {
                        *x += k;
                    }
                }
            }
        }
        let mut districts: Vec<DistrictFigures> = roster
            .districts()
            .iter()
            .map(|d| DistrictFigures {
                district: d.clone(),
                teachers: 0,
                teachers_with_a_credential: 0,
                teacher_leaders: 0,
                schools: 0,
                schools_critical_mass: 0,
                schools_one_leader: 0,
                schools_no_leader: 0,
                competencies: vec![0; n],
            })
            .collect();
        let (mut mass, mut one, mut none) = (0u64, 0u64, 0u64);
        for (school, s) in roster.schools().iter().zip(&schools) {
            let bucket = match s.teacher_leaders {
                0 => &mut none,
                1 => &mut one,
                _ => &mut mass,
            };
            *bucket += 1;
            if let Some(d) = districts.get_mut(school.district) {
                d.teachers += s.teachers;
                d.teachers_with_a_credential += s.teachers_with_a_credential;
                d.teacher_leaders += s.teacher_leaders;
                d.schools += 1;
                match s.teacher_leaders {
                    0 => d.schools_no_leader += 1,
                    1 => d.schools_one_leader += 1,
                    _ => d.schools_critical_mass += 1,
                }
                for (x, y) in d.competencies.iter_mut().zip(&s.competencies) {
                    *x += y;
                }
            }
        }
        let competency_figures: Vec<CompetencyFigures> = fw
            .bands
            .iter()
            .enumerate()
            .flat_map(|(b, band)| band.competencies.iter().map(move |c| (b, c)))
            .zip(&holders)
            .map(|((b, c), h)| CompetencyFigures {
                id: c.id.as_str().to_owned(),
                code: c.code.clone(),
                name: c.name.clone(),
                band: b,
                holders: *h,
            })
            .collect();
        let bands = fw
            .bands
            .iter()
            .zip(&ranges)
            .enumerate()
            .map(|(b, (band, range))| BandFigures {
                id: band.id.as_str().to_owned(),
                name: band.name.clone(),
                competencies: range.clone().collect(),
                teachers_with_any: band_any.get(b).copied().unwrap_or(0),
                held: band_held.get(b).copied().unwrap_or(0),
            })
            .collect();
        CitySummary {
            framework: fw.id.as_str().to_owned(),
            framework_name: fw.name.clone(),
            leader_rule: fw.leader_rule.as_ref().and_then(|r| r.description.clone()),
            issuers: self
                .options
                .issuers
                .as_ref()
                .map(|s| s.iter().cloned().collect()),
            teachers: roster.len() as u64,
            credentials_verified: 0,
            credentials_rejected: 0,
            rejected_by_kind: BTreeMap::new(),
            teachers_with_a_credential: with_one,
            teacher_leaders: leaders,
            schools_critical_mass: mass,
            schools_one_leader: one,
            schools_no_leader: none,
            competencies: competency_figures
                .iter()
                .map(|c| (c.id.clone(), c.holders))
                .collect(),
            competency_order: fw
                .competencies()
                .map(|c| c.id.as_str().to_owned())
                .collect(),
            competency_figures,
            bands,
            districts,
            schools,
            rejected: Vec::new(),
            rejected_list_truncated: false,
        }
    }
}
