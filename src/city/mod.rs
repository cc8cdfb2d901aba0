//! The city map: what knowledge a city holds at scale, and which schools
//! reach a critical mass of teacher leaders, built only from credentials
//! that verify.
//!
//! [`CityReport::build`] reads credentials as NDJSON (as the `bulk_issue`
//! example writes them) and verifies each through the bulk path
//! ([`BulkVerifier`](crate::bulk::BulkVerifier): every check, status
//! included when the credential has one). A credential that verifies, is
//! issued by an accepted issuer ([`CityOptions::issuers`]) and names a
//! competency of the framework is matched to one roster entry by its
//! recipient ([`Roster`]; see the `matching` notes below for how, and what
//! it costs), and counts for that teacher. Everything else is not counted
//! and is listed with its typed [`Rejection`].
//!
//! The figures ([`CitySummary`], serde): per competency and band citywide,
//! per district and school; teachers holding at least one competency;
//! teacher leaders under the framework's [`LeaderRule`](crate::competency::LeaderRule);
//! schools with at least two leaders (critical mass), with one, with none.
//! [`page::to_html`] draws them as one static HTML page.
//!
//! **Memory.** Credentials are verified a chunk at a time and not kept:
//! what stays is one small set of competencies per roster entry
//! ([`HeldCompetencies`](crate::competency::HeldCompetencies)), so memory is O(teachers), not O(credentials).
//! Rejections are counted by kind and listed up to
//! [`CityOptions::max_listed`].
//!
//! **Matching.** A salted hash cannot be looked up, so a credential is
//! matched by a plain key when it has one (`credentialSubject.id`, or a
//! plain identity such as the roster's staff id as `sisSourcedId`), O(1),
//! and each of its hashed identities (the salted e-mail) is then checked
//! against that one teacher with its own salt; identities naming two people
//! are refused. A credential with only hashed identities is matched by
//! hashing every roster entry with its salt, O(teachers), on a budget
//! shared by the run ([`CityOptions::scan_budget`]); past it, such
//! credentials are refused as [`Rejection::ScanBudgetSpent`].
//!
//! ```
//! use openbadges::bulk::BulkVerifier;
//! use openbadges::city::{CityOptions, CityReport, Rejection, Roster};
//! use openbadges::competency::Framework;
//! use openbadges::limits::Limits;
//! use openbadges::verify::VerifyOptions;
//!
//! let framework = Framework::from_json_slice(
//!     &std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"),
//!         "/fixtures/frameworks/teacher-leadership.json"))?,
//!     &Limits::DEFAULT,
//! )?;
//! let roster = Roster::from_csv(&b"teacher_id,email,school,district\nT1,a@example.org,S1,D1\n"[..])?;
//! let verifier = BulkVerifier::new(&VerifyOptions::at("2026-06-01T00:00:00Z".parse()?));
//! // One line that is not a credential: rejected, not counted.
//! let summary = CityReport::new(&framework, &roster, CityOptions::default())?
//!     .build(&verifier, &b"{\"not\": \"a badge\"}\n"[..], |_| {})?;
//! assert_eq!(summary.credentials_verified, 0);
//! assert_eq!(summary.credentials_rejected, 1);
//! assert!(matches!(summary.rejected[0].reason, Rejection::NotVerified { .. }));
//! assert_eq!(summary.schools_no_leader, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeSet;

use serde::Serialize;

use crate::bulk::LineOutcome;
use crate::verify::CheckId;

mod matching;
pub mod page;
mod roster;
mod tally;

pub use roster::{Roster, RosterError, School, Teacher};
pub use tally::{
    BandFigures, CityReport, CitySummary, CompetencyFigures, DistrictFigures, Rejected,
    SchoolFigures,
};

/// Why a city report could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CityError {
    /// The framework says nothing about what makes a teacher leader.
    #[error("the framework {framework} has no leaderRule, so teacher leaders cannot be counted")]
    NoLeaderRule {
        /// The framework's id.
        framework: String,
    },
    /// The framework has more competencies than a report counts (65,535).
    #[error("the framework has {found} competencies; a city report counts at most {max}")]
    TooManyCompetencies {
        /// How many it has.
        found: usize,
        /// The most.
        max: usize,
    },
    /// Reading the credentials failed.
    #[error(transparent)]
    Bulk(#[from] crate::bulk::BulkError),
}

/// What a city report accepts.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CityOptions {
    /// Issuer ids whose credentials count; `None` accepts every issuer whose
    /// credential verifies (anyone can sign a credential about anyone with
    /// their own key, so a real report names its issuers).
    pub issuers: Option<BTreeSet<String>>,
    /// Hash computations that credentials with only hashed identities may
    /// spend, in all, on trying every roster entry (each such credential
    /// costs one per roster entry). Default 2^24 (about 16.8 million, a few
    /// seconds of one core).
    pub scan_budget: u64,
    /// Rejected credentials listed one by one (the rest are only counted).
    /// Default 10,000.
    pub max_listed: usize,
}

impl Default for CityOptions {
    fn default() -> Self {
        CityOptions {
            issuers: None,
            scan_budget: 1 << 24,
            max_listed: 10_000,
        }
    }
}

impl CityOptions {
    /// Counts only credentials issued by `issuer` (repeat for several).
    #[must_use]
    pub fn issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuers
            .get_or_insert_with(BTreeSet::new)
            .insert(issuer.into());
        self
    }

    /// Sets [`CityOptions::scan_budget`].
    #[must_use]
    pub fn scan_budget(mut self, hashes: u64) -> Self {
        self.scan_budget = hashes;
        self
    }

    /// Sets [`CityOptions::max_listed`].
    #[must_use]
    pub fn max_listed(mut self, n: usize) -> Self {
        self.max_listed = n;
        self
    }
}

fn outcome_str<S: serde::Serializer>(o: &LineOutcome, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(o.as_str())
}

/// Why a credential was not counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rejection {
    /// It did not verify: invalid, indeterminate (a status list not served,
    /// say) or not verifiable at all.
    NotVerified {
        /// `invalid`, `indeterminate` or `error`.
        #[serde(serialize_with = "outcome_str")]
        outcome: LineOutcome,
        /// The check that decided it, when one did.
        check: Option<CheckId>,
        /// The verifier's reason, in one line.
        reason: String,
    },
    /// It verified but is not an OB 3.0 credential with one subject, an
    /// issuer id and an achievement id.
    NotABadge {
        /// What is missing.
        reason: String,
    },
    /// Its issuer is not one the report accepts.
    IssuerNotAccepted {
        /// The issuer's id.
        issuer: String,
    },
    /// Its achievement is not a competency of the framework.
    NotInFramework {
        /// The achievement's id.
        achievement: String,
    },
    /// Its subject has no identity at all.
    NoIdentity,
    /// No roster entry is its recipient.
    NotOnRoster,
    /// Its identities name different roster entries (or a plain key names
    /// one teacher and a hashed identity does not match that teacher).
    IdentitiesDisagree,
    /// Only hashed identities, and the run's scan budget is spent.
    ScanBudgetSpent,
}

impl Rejection {
    /// A short name for the kind of rejection (`not_verified`,
    /// `not_on_roster`, …), as in the JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Rejection::NotVerified { .. } => "not_verified",
            Rejection::NotABadge { .. } => "not_a_badge",
            Rejection::IssuerNotAccepted { .. } => "issuer_not_accepted",
            Rejection::NotInFramework { .. } => "not_in_framework",
            Rejection::NoIdentity => "no_identity",
            Rejection::NotOnRoster => "not_on_roster",
            Rejection::IdentitiesDisagree => "identities_disagree",
            Rejection::ScanBudgetSpent => "scan_budget_spent",
        }
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejection::NotVerified {
                outcome, reason, ..
            } => {
                write!(f, "{}: {reason}", outcome.as_str())
            }
            Rejection::NotABadge { reason } => write!(f, "not an OB 3.0 badge: {reason}"),
            Rejection::IssuerNotAccepted { issuer } => {
                write!(f, "issuer {issuer} is not accepted")
            }
            Rejection::NotInFramework { achievement } => {
                write!(
                    f,
                    "achievement {achievement} is not a competency of the framework"
                )
            }
            Rejection::NoIdentity => f.write_str("the subject has no identity"),
            Rejection::NotOnRoster => f.write_str("the recipient is not on the roster"),
            Rejection::IdentitiesDisagree => {
                f.write_str("the subject's identities name different roster entries")
            }
            Rejection::ScanBudgetSpent => f.write_str(
                "only hashed identities, and the budget for trying every roster entry is spent",
            ),
        }
    }
}
