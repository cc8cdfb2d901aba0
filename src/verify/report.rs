//! The verification report: one [`Check`] per thing verified, each passed,
//! failed (with a reason and, when known, a JSON path) or skipped; plus the
//! [`VerifyOptions`] a verifier runs with and [`VerifyError`] for "could not
//! run at all".
//!
//! Two kinds of "no": a [`VerificationReport`] whose [`is_valid`] is false
//! means verification ran and the credential is not valid; a [`VerifyError`]
//! means it could not run (I/O, an unsupported format, bad options).
//!
//! [`is_valid`]: VerificationReport::is_valid
//!
//! ```
//! use openbadges::verify::report::*;
//! let mut r = VerificationReport::new(CredentialFormat::OpenBadges3);
//! r.push(Check::passed(CheckId::JsonWellFormed));
//! r.push(Check::passed(CheckId::Structure));
//! r.push(Check::failed(CheckId::Proof, "signature does not verify", Some("$.proof")));
//! r.push(Check::passed(CheckId::KeyBinding));
//! assert!(!r.is_valid());
//! assert_eq!(r.most_specific().map(|c| c.id), Some(CheckId::Proof));
//! println!("{r}");
//! ```

use core::fmt;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::evidence::Evidence;
use crate::canon::profile::Profile;
use crate::canon::Canonicalizer;
use crate::contexts::ContextLoader;
use crate::fetch::{Fetcher, OfflineFetcher};
use crate::jose::{JosePublicKey, TrustedKeys};
use crate::limits::Limits;

/// Every check a verifier runs, with a stable kebab-case name
/// (`"json-well-formed"`, `"proof"`, …) used by serde and `Display`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CheckId {
    /// The input is well-formed JSON (or a well-formed JWT / baked image
    /// holding JSON), within the size and depth limits.
    JsonWellFormed,
    /// The input is a format this crate verifies (OB 2.0 / OB 3.0 / CLR…).
    Format,
    /// `@context` lists the required contexts first and in order.
    ContextOrder,
    /// The contexts name a supported version of the specification.
    ContextVersion,
    /// Required properties present with the right types (schema-level checks).
    Structure,
    /// The proof (signature) verifies over the received document.
    Proof,
    /// The verification method belongs to the issuer (DID / controller document).
    KeyBinding,
    /// The proof's purpose is `assertionMethod`.
    ProofPurpose,
    /// Not before `validFrom` / `issuanceDate` (allowing the clock skew).
    NotBefore,
    /// Not after `validUntil` / `expirationDate` (allowing the clock skew).
    Expired,
    /// Not revoked or suspended according to `credentialStatus`.
    Status,
    /// The `refreshService` was followed (or noted).
    RefreshService,
    /// Embedded endorsements verify (see [`VerificationReport::endorsements`]).
    Endorsements,
    /// The credential subject or recipient identity matches the expected recipient.
    RecipientMatch,
    /// The issuer's profile is consistent (e.g. OB 2.0 hosted verification domain).
    Issuer,
    /// A baked image holds exactly one credential, readable.
    Baking,
    /// What the checks read is what the proof signed: the document is
    /// inside the signed-graph profile ([`crate::canon::profile`]) and the
    /// values trust decisions rest on equal those of the canonical graph.
    SignedGraph,
    /// The claims of a JWT (`iss`, `jti`, `sub`, `nbf`, `exp`) agree with
    /// the credential it carries, and `nbf`/`exp` hold at the verification time.
    JwtClaims,
}

impl CheckId {
    /// Every check, in the order a verifier usually runs them.
    pub const ALL: [CheckId; 18] = [
        CheckId::JsonWellFormed,
        CheckId::Format,
        CheckId::SignedGraph,
        CheckId::ContextOrder,
        CheckId::ContextVersion,
        CheckId::Structure,
        CheckId::Proof,
        CheckId::KeyBinding,
        CheckId::ProofPurpose,
        CheckId::NotBefore,
        CheckId::Expired,
        CheckId::Status,
        CheckId::RefreshService,
        CheckId::Endorsements,
        CheckId::RecipientMatch,
        CheckId::Issuer,
        CheckId::Baking,
        CheckId::JwtClaims,
    ];

    /// Checks a valid report must contain and pass: [`REQUIRED_CHECKS`].
    pub fn is_required(self) -> bool {
        REQUIRED_CHECKS.contains(&self)
    }

    /// The stable kebab-case name.
    pub fn name(self) -> &'static str {
        match self {
            CheckId::JsonWellFormed => "json-well-formed",
            CheckId::Format => "format",
            CheckId::ContextOrder => "context-order",
            CheckId::ContextVersion => "context-version",
            CheckId::Structure => "structure",
            CheckId::Proof => "proof",
            CheckId::KeyBinding => "key-binding",
            CheckId::ProofPurpose => "proof-purpose",
            CheckId::NotBefore => "not-before",
            CheckId::Expired => "expired",
            CheckId::Status => "status",
            CheckId::RefreshService => "refresh-service",
            CheckId::Endorsements => "endorsements",
            CheckId::RecipientMatch => "recipient-match",
            CheckId::Issuer => "issuer",
            CheckId::Baking => "baking",
            CheckId::SignedGraph => "signed-graph",
            CheckId::JwtClaims => "jwt-claims",
        }
    }

    /// How specific a failure of this check is as a headline (lower is more
    /// specific; see [`VerificationReport::most_specific`]).
    ///
    /// Malformed input comes first (everything else cascades from it), then
    /// the wrong format, then an unknown specification version (its context
    /// is not available, so the proof cannot even be canonicalized: the
    /// proof failure is the consequence), then proof and key failures (a
    /// forged or tampered credential is the news, whatever else is off; a
    /// signed graph that differs from what the JSON shows is the next news), then
    /// status, validity window, recipient and issuer, and last the context
    /// order and structural checks that often fail as a consequence of an
    /// edit after signing.
    pub fn rank(self) -> u8 {
        match self {
            CheckId::JsonWellFormed => 0,
            CheckId::Baking => 1,
            CheckId::Format => 2,
            CheckId::ContextVersion => 3,
            CheckId::Proof => 4,
            CheckId::SignedGraph => 5,
            CheckId::JwtClaims => 6,
            CheckId::KeyBinding => 7,
            CheckId::ProofPurpose => 8,
            CheckId::Status => 9,
            CheckId::Expired => 10,
            CheckId::NotBefore => 11,
            CheckId::RecipientMatch => 12,
            CheckId::Issuer => 13,
            CheckId::ContextOrder => 14,
            CheckId::Structure => 15,
            CheckId::Endorsements => 16,
            CheckId::RefreshService => 17,
        }
    }
}

/// The checks a report must contain, each [`Outcome::Passed`], for
/// [`VerificationReport::is_valid`]: the input parsed, its format is known,
/// its structure is right, its proof verified and the proof's key is bound
/// to the issuer (for an OB 2.0 hosted assertion, the verifier records
/// hosted verification as the proof check and the hosting origin as the key
/// binding). A required check that was skipped or never run leaves the
/// report invalid: nothing unverified is called valid. In particular a key
/// that could not be bound to the issuer offline (an `https://…#z6Mk…`
/// verification method with no fetcher to read the issuer's controller
/// document) leaves [`CheckId::KeyBinding`] skipped and the report invalid.
/// Other checks count only when they fail.
pub const REQUIRED_CHECKS: [CheckId; 6] = [
    CheckId::JsonWellFormed,
    CheckId::Format,
    CheckId::Structure,
    CheckId::Proof,
    CheckId::SignedGraph,
    CheckId::KeyBinding,
];

impl fmt::Display for CheckId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Outcome {
    /// The check passed.
    Passed,
    /// The check failed.
    Failed {
        /// What was wrong.
        reason: String,
        /// Where, as a JSON path such as `$.credentialSubject.achievement.id`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        json_path: Option<String>,
    },
    /// The check does not apply (no `credentialStatus`, no expected
    /// recipient given) or the caller opted out of it by name
    /// ([`StatusPolicy::Ignore`]). A skipped check is not a pass: a skipped
    /// required check leaves the verdict [`Verdict::Indeterminate`].
    Skipped {
        /// Why (not applicable, disabled by an option…).
        reason: String,
    },
    /// The check applies and the caller's policy requires it, but it could
    /// not run: a status list or controller document that could not be
    /// fetched, a key that cannot be bound offline, a budget reached. The
    /// verdict is then at best [`Verdict::Indeterminate`].
    Indeterminate {
        /// What could not be done.
        reason: String,
    },
}

impl Outcome {
    /// Whether this is [`Outcome::Passed`].
    pub fn is_passed(&self) -> bool {
        matches!(self, Outcome::Passed)
    }

    /// Whether this is [`Outcome::Failed`].
    pub fn is_failed(&self) -> bool {
        matches!(self, Outcome::Failed { .. })
    }

    /// Whether this is [`Outcome::Skipped`].
    pub fn is_skipped(&self) -> bool {
        matches!(self, Outcome::Skipped { .. })
    }

    /// Whether this is [`Outcome::Indeterminate`].
    pub fn is_indeterminate(&self) -> bool {
        matches!(self, Outcome::Indeterminate { .. })
    }

    /// The reason of a failed, skipped or indeterminate outcome.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Outcome::Passed => None,
            Outcome::Failed { reason, .. }
            | Outcome::Skipped { reason }
            | Outcome::Indeterminate { reason } => Some(reason),
        }
    }
}

/// What a report concludes.
///
/// - [`Verdict::Valid`]: every check that applies passed, every required
///   check ran and passed.
/// - [`Verdict::Invalid`]: a check ran and failed (a forged proof, an
///   expired or revoked credential, a foreign key, …).
/// - [`Verdict::Indeterminate`]: nothing failed, but a check the policy
///   requires could not run (a status list that could not be fetched, a
///   controller document that was not available, …). Not valid: a check
///   that did not run is never a pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Valid.
    Valid,
    /// Invalid.
    Invalid,
    /// Could not be decided.
    Indeterminate,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Valid => "VALID",
            Verdict::Invalid => "INVALID",
            Verdict::Indeterminate => "INDETERMINATE",
        })
    }
}

/// Whether a credential's `credentialStatus` must be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum StatusPolicy {
    /// Check every status entry; one that cannot be checked (no fetcher,
    /// the list unavailable or unverifiable) leaves the verdict
    /// [`Verdict::Indeterminate`]. The default.
    #[default]
    Require,
    /// **Risky**: do not check status at all; the `status` check is skipped
    /// and says so. A revoked or suspended credential then verifies as
    /// valid. Only for callers that check status another way.
    Ignore,
}

/// One check and its outcome, with optional detail and sub-checks (one per
/// proof of a proof set, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Which check.
    #[serde(rename = "check")]
    pub id: CheckId,
    /// How it went.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Extra detail for people (the key used, the status list read…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// What decided a failed or indeterminate outcome, typed, with a stable
    /// `code` in JSON (see [`Evidence`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// Finer-grained checks this one is made of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Check>,
}

impl Check {
    /// A check with this outcome.
    pub fn new(id: CheckId, outcome: Outcome) -> Self {
        Check {
            id,
            outcome,
            detail: None,
            evidence: None,
            children: Vec::new(),
        }
    }

    /// A passed check.
    pub fn passed(id: CheckId) -> Self {
        Self::new(id, Outcome::Passed)
    }

    /// A failed check.
    pub fn failed(id: CheckId, reason: impl Into<String>, json_path: Option<&str>) -> Self {
        Self::new(
            id,
            Outcome::Failed {
                reason: reason.into(),
                json_path: json_path.map(str::to_owned),
            },
        )
    }

    /// A skipped check.
    pub fn skipped(id: CheckId, reason: impl Into<String>) -> Self {
        Self::new(
            id,
            Outcome::Skipped {
                reason: reason.into(),
            },
        )
    }

    /// A check that applies but could not run.
    pub fn indeterminate(id: CheckId, reason: impl Into<String>) -> Self {
        Self::new(
            id,
            Outcome::Indeterminate {
                reason: reason.into(),
            },
        )
    }

    /// A failed check whose reason is the evidence's `Display`.
    pub fn failed_with(id: CheckId, evidence: Evidence, json_path: Option<&str>) -> Self {
        Self::failed(id, evidence.to_string(), json_path).with_evidence(evidence)
    }

    /// The same check with this evidence.
    #[must_use]
    pub fn with_evidence(mut self, evidence: Evidence) -> Self {
        self.evidence = Some(evidence);
        self
    }

    /// The evidence of this check or, when it has none, of its first child
    /// with the same outcome kind that has some.
    pub fn evidence(&self) -> Option<&Evidence> {
        self.evidence.as_ref().or_else(|| {
            self.children
                .iter()
                .filter(|c| {
                    core::mem::discriminant(&c.outcome) == core::mem::discriminant(&self.outcome)
                })
                .find_map(Check::evidence)
        })
    }

    /// The same check with this detail.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// The same check with these sub-checks.
    #[must_use]
    pub fn with_children(mut self, children: Vec<Check>) -> Self {
        self.children = children;
        self
    }

    fn write_line(&self, f: &mut fmt::Formatter<'_>, indent: usize) -> fmt::Result {
        let pad = "  ".repeat(indent);
        match &self.outcome {
            Outcome::Passed => write!(f, "{pad}✓ PASS {}", self.id)?,
            Outcome::Failed { reason, json_path } => {
                write!(f, "{pad}✗ FAIL {}: {reason}", self.id)?;
                if let Some(p) = json_path {
                    write!(f, " (at {p})")?;
                }
            }
            Outcome::Skipped { reason } => write!(f, "{pad}– SKIP {}: {reason}", self.id)?,
            Outcome::Indeterminate { reason } => {
                write!(f, "{pad}? INDETERMINATE {}: {reason}", self.id)?
            }
        }
        if let Some(d) = &self.detail {
            write!(f, " [{d}]")?;
        }
        writeln!(f)?;
        for c in &self.children {
            c.write_line(f, indent.saturating_add(1))?;
        }
        Ok(())
    }
}

impl fmt::Display for Check {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_line(f, 0)
    }
}

/// What kind of credential a report is about (serialized as `ob2-hosted`,
/// `ob2-signed`, `ob3`, `ob3-jwt`, `clr2`, `status-list`, `unknown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CredentialFormat {
    /// Open Badges 2.0 hosted assertion.
    #[serde(rename = "ob2-hosted")]
    OpenBadges2Hosted,
    /// Open Badges 2.0 signed assertion (JWS).
    #[serde(rename = "ob2-signed")]
    OpenBadges2Signed,
    /// Open Badges 3.0 credential with an embedded proof.
    #[serde(rename = "ob3")]
    OpenBadges3,
    /// Open Badges 3.0 credential as a VC-JWT.
    #[serde(rename = "ob3-jwt")]
    OpenBadges3Jwt,
    /// Comprehensive Learner Record 2.0.
    #[serde(rename = "clr2")]
    Clr2,
    /// A status list credential (BitstringStatusList / StatusList2021),
    /// verified as part of a status check.
    #[serde(rename = "status-list")]
    StatusList,
    /// Not (yet) recognised.
    Unknown,
}

impl fmt::Display for CredentialFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CredentialFormat::OpenBadges2Hosted => "Open Badges 2.0 (hosted)",
            CredentialFormat::OpenBadges2Signed => "Open Badges 2.0 (signed)",
            CredentialFormat::OpenBadges3 => "Open Badges 3.0",
            CredentialFormat::OpenBadges3Jwt => "Open Badges 3.0 (VC-JWT)",
            CredentialFormat::Clr2 => "CLR 2.0",
            CredentialFormat::StatusList => "status list credential",
            CredentialFormat::Unknown => "unknown format",
        })
    }
}

/// The result of verifying one credential: its checks, and the reports of
/// its embedded endorsements.
///
/// Endorsement reports do not change [`VerificationReport::is_valid`] of the
/// credential they endorse; a verifier that wants them to records a
/// [`CheckId::Endorsements`] check summarising them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationReport {
    /// The credential's format.
    pub format: CredentialFormat,
    /// The credential's `id`, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_id: Option<String>,
    /// The checks, in the order run.
    pub checks: Vec<Check>,
    /// Reports of embedded endorsements, verified recursively (depth bounded
    /// by [`Limits::max_endorsement_depth`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endorsements: Vec<VerificationReport>,
}

impl VerificationReport {
    /// An empty report for this format.
    pub fn new(format: CredentialFormat) -> Self {
        VerificationReport {
            format,
            credential_id: None,
            checks: Vec::new(),
            endorsements: Vec::new(),
        }
    }

    /// The same report about the credential `id`.
    #[must_use]
    pub fn with_credential_id(mut self, id: impl Into<String>) -> Self {
        self.credential_id = Some(id.into());
        self
    }

    /// Appends a check.
    pub fn push(&mut self, check: Check) -> &mut Self {
        self.checks.push(check);
        self
    }

    /// Appends an endorsement's report.
    pub fn push_endorsement(&mut self, report: VerificationReport) -> &mut Self {
        self.endorsements.push(report);
        self
    }

    /// The first check with this id, if run.
    pub fn check(&self, id: CheckId) -> Option<&Check> {
        self.checks.iter().find(|c| c.id == id)
    }

    /// The verdict: [`Verdict::Invalid`] when a check failed (sub-checks
    /// included); else [`Verdict::Indeterminate`] when a check is
    /// indeterminate or a [`REQUIRED_CHECKS`] entry is missing or was not
    /// passed; else [`Verdict::Valid`]. Endorsement reports do not count
    /// here (a failing endorsement fails this report's `endorsements` check).
    pub fn verdict(&self) -> Verdict {
        if !self.failures().is_empty() {
            Verdict::Invalid
        } else if !self.unverified_required().is_empty()
            || self.checks.iter().any(|c| c.outcome.is_indeterminate())
        {
            Verdict::Indeterminate
        } else {
            Verdict::Valid
        }
    }

    /// True only for [`Verdict::Valid`].
    pub fn is_valid(&self) -> bool {
        self.verdict() == Verdict::Valid
    }

    /// Required checks that are missing or were not passed, then the other
    /// checks that are indeterminate: what keeps a report without failures
    /// from being valid.
    pub fn unverified_required(&self) -> Vec<CheckId> {
        let mut out: Vec<CheckId> = REQUIRED_CHECKS
            .iter()
            .copied()
            .filter(|id| {
                !self
                    .checks
                    .iter()
                    .any(|c| c.id == *id && c.outcome.is_passed())
            })
            .collect();
        for c in &self.checks {
            if c.outcome.is_indeterminate() && !out.contains(&c.id) {
                out.push(c.id);
            }
        }
        out
    }

    /// The check to show first when the verdict is
    /// [`Verdict::Indeterminate`]: the first indeterminate or skipped
    /// required check.
    pub fn first_unverified(&self) -> Option<&Check> {
        let ids = self.unverified_required();
        ids.iter()
            .find_map(|id| self.checks.iter().find(|c| c.id == *id))
    }

    /// Every failed check, sub-checks included, in report order.
    pub fn failures(&self) -> Vec<&Check> {
        fn walk<'a>(checks: &'a [Check], out: &mut Vec<&'a Check>) {
            for c in checks {
                if c.outcome.is_failed() {
                    out.push(c);
                }
                walk(&c.children, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.checks, &mut out);
        out
    }

    /// The failure to show as the headline: the one with the lowest
    /// [`CheckId::rank`] (a malformed-JSON failure trumps all; proof and key
    /// failures beat the structural failures they cause), the first in report
    /// order among equals. `None` when nothing failed.
    ///
    /// Top-level checks are ranked first: a failed parent summarises its
    /// children (a status check whose list credential's proof failed is a
    /// `status` failure, not a `proof` failure of this credential). Only when
    /// no top-level check failed are failed sub-checks ranked.
    pub fn most_specific(&self) -> Option<&Check> {
        let top: Vec<&Check> = self
            .checks
            .iter()
            .filter(|c| c.outcome.is_failed())
            .collect();
        let failures = if top.is_empty() { self.failures() } else { top };
        let best = failures.iter().map(|c| c.id.rank()).min()?;
        failures.into_iter().find(|c| c.id.rank() == best)
    }

    fn write_indented(&self, f: &mut fmt::Formatter<'_>, indent: usize) -> fmt::Result {
        let pad = "  ".repeat(indent);
        write!(f, "{pad}{}", self.format)?;
        if let Some(id) = &self.credential_id {
            write!(f, " {id}")?;
        }
        match self.verdict() {
            Verdict::Valid => writeln!(f, ": VALID")?,
            Verdict::Invalid => {
                if let Some(head) = self.most_specific() {
                    write!(f, ": INVALID ({}", head.id)?;
                    if let Some(reason) = head.outcome.reason() {
                        write!(f, ": {reason}")?;
                    }
                    writeln!(f, ")")?;
                }
            }
            Verdict::Indeterminate => {
                let missing: Vec<&str> = self
                    .unverified_required()
                    .iter()
                    .map(|c| c.name())
                    .collect();
                write!(f, ": INDETERMINATE (not verified: {}", missing.join(", "))?;
                if let Some(reason) = self.first_unverified().and_then(|c| c.outcome.reason()) {
                    write!(f, "; {reason}")?;
                }
                writeln!(f, ")")?;
            }
        }
        for c in &self.checks {
            c.write_line(f, indent.saturating_add(1))?;
        }
        for (i, e) in self.endorsements.iter().enumerate() {
            writeln!(f, "{pad}  endorsement {}:", i.saturating_add(1))?;
            e.write_indented(f, indent.saturating_add(2))?;
        }
        Ok(())
    }
}

impl fmt::Display for VerificationReport {
    /// A headline (VALID / INVALID with the most specific failure /
    /// INDETERMINATE with what could not be verified), then one line per check: `✓ PASS`, `✗ FAIL` with reason and
    /// JSON path, or `– SKIP` with reason; endorsements indented below.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_indented(f, 0)
    }
}

/// Verification could not run (as opposed to a report saying "ran, invalid").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// Reading the input failed.
    #[error("could not read the input: {reason}")]
    Io {
        /// What failed.
        reason: String,
    },
    /// The input is not a format this crate verifies.
    #[error("unsupported format ({found}): {reason}")]
    UnsupportedFormat {
        /// The format that was seen.
        found: SeenFormat,
        /// Why it is not verified.
        reason: String,
    },
    /// The options are inconsistent.
    #[error("bad verification options: {option}: {reason}")]
    BadOptions {
        /// The option at fault.
        option: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// A format [`crate::verify::verify`] recognised but does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SeenFormat {
    /// A PNG image.
    Png,
    /// An SVG or other XML document.
    Svg,
    /// A compact JWS (VC-JWT or OB 2.0 signed assertion).
    CompactJws,
    /// An Open Badges 2.0 JSON document.
    OpenBadges2,
    /// A CLR 2.0 credential.
    Clr2,
    /// JSON that is not a credential.
    JsonNotCredential,
}

impl fmt::Display for SeenFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SeenFormat::Png => "PNG image",
            SeenFormat::Svg => "SVG/XML",
            SeenFormat::CompactJws => "compact JWS",
            SeenFormat::OpenBadges2 => "Open Badges 2.0 JSON",
            SeenFormat::Clr2 => "CLR 2.0",
            SeenFormat::JsonNotCredential => "JSON, not a credential",
        })
    }
}

impl From<std::io::Error> for VerifyError {
    fn from(e: std::io::Error) -> Self {
        VerifyError::Io {
            reason: e.to_string(),
        }
    }
}

/// How to verify: the clock, the fetcher, the limits and what to expect.
///
/// Defaults (for [`VerifyOptions::at`] and [`VerifyOptions::with_system_clock`]):
/// clock skew 5 minutes, [`OfflineFetcher`] (nothing is fetched, status and
/// DID lookups that need the network are skipped), [`Limits::DEFAULT`], no
/// expected recipient, refresh services not followed, the embedded contexts
/// ([`ContextLoader::default`]) and a canonicalizer built from them once per
/// process, status required ([`StatusPolicy::Require`]), no status list
/// delegates, no trusted keys.
#[derive(Clone)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// The time to verify at. Verification never reads the system clock
    /// except through [`VerifyOptions::with_system_clock`].
    pub now: chrono::DateTime<chrono::Utc>,
    /// Tolerance for `validFrom` / `validUntil` against `now` (default 5 min).
    pub clock_skew: chrono::Duration,
    /// Where remote documents come from (default [`OfflineFetcher`]).
    pub fetcher: Arc<dyn Fetcher>,
    /// Budgets for untrusted input (default [`Limits::DEFAULT`]).
    pub limits: Limits,
    /// The recipient the credential must be about (an identifier such as an
    /// email, URL or DID; default none: not checked).
    pub expected_recipient: Option<String>,
    /// Whether to follow `refreshService` for a fresher credential (default false).
    pub follow_refresh: bool,
    /// The JSON-LD contexts available offline (default [`ContextLoader::default`]).
    /// Used to build a [`crate::canon::GenericCanonicalizer`] when
    /// [`VerifyOptions::canonicalizer`] is `None`.
    pub contexts: Arc<ContextLoader>,
    /// The RDF canonicalizer proofs are checked with (default: one shared
    /// canonicalizer for the embedded contexts, built once per process;
    /// [`VerifyOptions::contexts`] builds one for the contexts given; `None`
    /// builds one per call to [`crate::verify::verify`]).
    pub canonicalizer: Option<Arc<dyn Canonicalizer>>,
    /// Whether `credentialStatus` must be checked (default
    /// [`StatusPolicy::Require`]).
    pub status: StatusPolicy,
    /// Issuers the caller trusts to publish status lists for another
    /// issuer's credentials: credential issuer id → list issuer ids
    /// (default none: a status list must be issued by the credential's own
    /// issuer).
    pub status_list_delegates: BTreeMap<String, BTreeSet<String>>,
    /// Keys the caller trusts for issuer ids (default none). A signature
    /// that verifies with a key trusted for the credential's issuer binds
    /// the key to that issuer without any fetch (OB 2.0 signed assertions;
    /// VC-JWTs use the same keys through [`crate::jose::resolve_jwt_key`]).
    pub trusted_keys: TrustedKeys,
    /// The signed-graph profile for [`VerifyOptions::contexts`].
    pub(crate) profile: Arc<Profile>,
}

/// The embedded contexts, a canonicalizer for them, and their profile.
type Shared = (Arc<ContextLoader>, Arc<dyn Canonicalizer>, Arc<Profile>);

/// The embedded contexts, their canonicalizer and profile, built once.
fn shared_defaults() -> &'static Shared {
    static DEFAULTS: OnceLock<Shared> = OnceLock::new();
    DEFAULTS.get_or_init(|| {
        let loader = ContextLoader::default();
        let canon: Arc<dyn Canonicalizer> = crate::canon::embedded_canonicalizer();
        let profile = Arc::new(Profile::new(&loader));
        (Arc::new(loader), canon, profile)
    })
}

impl fmt::Debug for VerifyOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyOptions")
            .field("now", &self.now)
            .field("clock_skew", &self.clock_skew)
            .field("fetcher", &"<dyn Fetcher>")
            .field("limits", &self.limits)
            .field("expected_recipient", &self.expected_recipient)
            .field("follow_refresh", &self.follow_refresh)
            .field("contexts", &self.contexts.urls().collect::<Vec<_>>())
            .field(
                "canonicalizer",
                &self.canonicalizer.as_ref().map(|_| "<dyn Canonicalizer>"),
            )
            .field("status", &self.status)
            .field("status_list_delegates", &self.status_list_delegates)
            .field("trusted_keys", &self.trusted_keys)
            .finish()
    }
}

impl VerifyOptions {
    /// The default clock skew: 5 minutes.
    pub const DEFAULT_CLOCK_SKEW_SECS: i64 = 300;

    /// Options verifying at the given time, with the documented defaults.
    pub fn at(now: chrono::DateTime<chrono::Utc>) -> Self {
        let (contexts, canon, profile) = shared_defaults();
        VerifyOptions {
            now,
            clock_skew: chrono::Duration::seconds(Self::DEFAULT_CLOCK_SKEW_SECS),
            fetcher: Arc::new(OfflineFetcher),
            limits: Limits::DEFAULT,
            expected_recipient: None,
            follow_refresh: false,
            contexts: Arc::clone(contexts),
            canonicalizer: Some(Arc::clone(canon)),
            status: StatusPolicy::Require,
            status_list_delegates: BTreeMap::new(),
            trusted_keys: TrustedKeys::new(),
            profile: Arc::clone(profile),
        }
    }

    /// Options verifying at the current system time (the only place this
    /// crate reads the clock), with the documented defaults.
    pub fn with_system_clock() -> Self {
        Self::at(chrono::Utc::now())
    }

    /// Sets the time to verify at.
    #[must_use]
    pub fn now(mut self, now: chrono::DateTime<chrono::Utc>) -> Self {
        self.now = now;
        self
    }

    /// Sets the clock skew tolerance.
    #[must_use]
    pub fn clock_skew(mut self, skew: chrono::Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// Sets the fetcher.
    #[must_use]
    pub fn fetcher(mut self, fetcher: Arc<dyn Fetcher>) -> Self {
        self.fetcher = fetcher;
        self
    }

    /// Sets the limits (and, when the canonicalizer is the shared default,
    /// builds one that enforces these limits).
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        let shared = &shared_defaults().1;
        if self
            .canonicalizer
            .as_ref()
            .is_some_and(|c| Arc::ptr_eq(c, shared))
        {
            self.canonicalizer = Some(crate::canon::default_canonicalizer(
                (*self.contexts).clone(),
                limits,
            ));
        }
        self
    }

    /// Sets the status policy ([`StatusPolicy::Ignore`] is the risky,
    /// explicit opt-out).
    #[must_use]
    pub fn status(mut self, policy: StatusPolicy) -> Self {
        self.status = policy;
        self
    }

    /// Trusts `list_issuer` to publish status lists for the credentials of
    /// `credential_issuer`.
    #[must_use]
    pub fn status_list_delegate(
        mut self,
        credential_issuer: impl Into<String>,
        list_issuer: impl Into<String>,
    ) -> Self {
        self.status_list_delegates
            .entry(credential_issuer.into())
            .or_default()
            .insert(list_issuer.into());
        self
    }

    /// Trusts `key` for the issuer `issuer_id` (see [`VerifyOptions::trusted_keys`]).
    #[must_use]
    pub fn trust_key(mut self, issuer_id: impl Into<String>, key: JosePublicKey) -> Self {
        self.trusted_keys.insert(issuer_id, key);
        self
    }

    /// Sets the keys the caller trusts, replacing any set before.
    #[must_use]
    pub fn trusted_keys(mut self, keys: TrustedKeys) -> Self {
        self.trusted_keys = keys;
        self
    }

    /// Sets the expected recipient.
    #[must_use]
    pub fn expected_recipient(mut self, recipient: impl Into<String>) -> Self {
        self.expected_recipient = Some(recipient.into());
        self
    }

    /// Sets whether to follow refresh services.
    #[must_use]
    pub fn follow_refresh(mut self, follow: bool) -> Self {
        self.follow_refresh = follow;
        self
    }

    /// Sets the offline JSON-LD contexts, and builds a canonicalizer and
    /// the signed-graph profile for them (replacing any canonicalizer set
    /// before).
    #[must_use]
    pub fn contexts(mut self, contexts: ContextLoader) -> Self {
        self.profile = Arc::new(Profile::new(&contexts));
        self.canonicalizer = Some(crate::canon::default_canonicalizer(
            contexts.clone(),
            self.limits,
        ));
        self.contexts = Arc::new(contexts);
        self
    }

    /// Sets the canonicalizer proofs are checked with.
    #[must_use]
    pub fn canonicalizer(mut self, canonicalizer: Arc<dyn Canonicalizer>) -> Self {
        self.canonicalizer = Some(canonicalizer);
        self
    }

    /// Checks the options are consistent.
    ///
    /// # Errors
    /// [`VerifyError::BadOptions`] for a negative clock skew or one over a
    /// day, or an empty expected recipient.
    pub fn validate(&self) -> Result<(), VerifyError> {
        if self.clock_skew < chrono::Duration::zero() {
            return Err(VerifyError::BadOptions {
                option: "clock_skew",
                reason: "is negative".into(),
            });
        }
        if self.clock_skew > chrono::Duration::days(1) {
            return Err(VerifyError::BadOptions {
                option: "clock_skew",
                reason: "is over one day".into(),
            });
        }
        if self
            .expected_recipient
            .as_deref()
            .is_some_and(|r| r.trim().is_empty())
        {
            return Err(VerifyError::BadOptions {
                option: "expected_recipient",
                reason: "is empty".into(),
            });
        }
        Ok(())
    }
}

impl Default for VerifyOptions {
    /// Same as [`VerifyOptions::with_system_clock`].
    fn default() -> Self {
        Self::with_system_clock()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for id in CheckId::ALL {
            let s = serde_json::to_value(id).unwrap();
            assert_eq!(s, serde_json::Value::String(id.name().into()));
            let back: CheckId = serde_json::from_value(s).unwrap();
            assert_eq!(back, id);
        }
    }

    #[test]
    fn ranks_are_distinct() {
        let mut ranks: Vec<u8> = CheckId::ALL.iter().map(|c| c.rank()).collect();
        ranks.sort_unstable();
        ranks.dedup();
        assert_eq!(ranks.len(), CheckId::ALL.len());
    }

    #[test]
    fn options_validate() {
        let t = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let o = VerifyOptions::at(t);
        assert!(o.validate().is_ok());
        assert_eq!(o.clock_skew, chrono::Duration::minutes(5));
        assert!(o
            .clone()
            .clock_skew(chrono::Duration::seconds(-1))
            .validate()
            .is_err());
        assert!(o.expected_recipient(" ").validate().is_err());
    }
}
