//! Typed evidence of a failed or indeterminate check: what code can act on,
//! beside the reason written for people.
//!
//! Each variant carries the values that decided the outcome (the
//! `validUntil` and the time it was compared with, the status list and index
//! that are set, the verification method and the issuer it is not bound
//! to, the limit and the amount found, …). In a report's JSON it is the
//! check's `evidence` member, tagged with a stable kebab-case `code`:
//!
//! ```
//! use openbadges::verify::evidence::Evidence;
//! let e = Evidence::Expired {
//!     valid_until: "2026-02-01T00:00:00Z".into(),
//!     now: "2026-06-01T00:00:00+00:00".into(),
//! };
//! assert_eq!(e.code(), "expired");
//! let json = serde_json::to_value(&e).unwrap();
//! assert_eq!(json["code"], "expired");
//! assert_eq!(json["valid_until"], "2026-02-01T00:00:00Z");
//! assert_eq!(e.to_string(), "expired at 2026-02-01T00:00:00Z (now 2026-06-01T00:00:00+00:00)");
//! ```

use core::fmt;

use serde::{Deserialize, Serialize};

use super::report::CheckId;
use crate::limits::LimitExceeded;

/// What decided a failed or indeterminate check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Evidence {
    /// The input is not well-formed JSON.
    MalformedJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// Two members of one object have the same name (I-JSON).
    DuplicateMember {
        /// The name.
        name: String,
    },
    /// A number does not read back as written.
    InexactNumber {
        /// The number as written.
        text: String,
        /// What it reads as.
        reads_as: String,
    },
    /// A budget was exceeded.
    LimitExceeded(LimitExceeded),
    /// The first `@context` is not the VC context, or the OB context is not second.
    ContextOrder {
        /// What was found.
        found: String,
    },
    /// An Open Badges context version this crate does not know.
    UnknownContextVersion {
        /// The context URL.
        found: String,
    },
    /// A JOSE header or token refused before any key was used (RFC 8725):
    /// `alg-none`, `hmac-algorithm`, `crit-not-understood`,
    /// `unencoded-payload`, `jku-refused`, `x5u-refused`,
    /// `jwk-private-member`, `algorithm-key-mismatch`, …
    Jose {
        /// The refusal's code.
        refusal: String,
    },
    /// A proof failed; `code` is the stable name of the failure.
    Proof {
        /// e.g. `signature-mismatch`, `created-in-future`, `too-many-proofs`.
        failure: String,
        /// The proof's index in the proof set.
        index: Option<usize>,
    },
    /// The document is outside the signed-graph profile.
    OutsideProfile {
        /// The feature (`the JSON-LD keyword @nest in the body`, …).
        feature: String,
    },
    /// The JSON shows other values than the signed graph holds.
    GraphMismatch {
        /// The property's JSON path.
        path: String,
        /// The values shown.
        shown: Vec<String>,
        /// The values signed.
        signed: Vec<String>,
    },
    /// The proof's purpose is not `assertionMethod`.
    WrongProofPurpose {
        /// The purpose found.
        found: String,
    },
    /// The key of a verified proof is not the issuer's.
    KeyNotBound {
        /// The verification method.
        method: String,
        /// The issuer.
        issuer: String,
    },
    /// The issuer's controller document could not be read to bind the key.
    KeyUnavailable {
        /// The verification method.
        method: String,
        /// Why.
        reason: String,
    },
    /// `validUntil` / `expirationDate` is before now (minus the clock skew).
    Expired {
        /// The date as written.
        valid_until: String,
        /// The verification time.
        now: String,
    },
    /// `validFrom` / `issuanceDate` is after now (plus the clock skew).
    NotYetValid {
        /// The date as written.
        valid_from: String,
        /// The verification time.
        now: String,
    },
    /// A date that is not a usable date-time.
    BadDate {
        /// The value as written.
        value: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A status list says the credential is revoked, suspended, or flagged.
    StatusSet {
        /// The status method (`BitstringStatusList`, …).
        method: String,
        /// The purpose whose bit is set.
        purpose: String,
        /// The index in the list.
        index: Option<u64>,
        /// The list's URL.
        list: String,
    },
    /// A status list credential issued by someone other than the credential's issuer.
    StatusListNotIssuers {
        /// The list's URL.
        list: String,
        /// Who issued the list.
        list_issuer: String,
        /// The credential's issuer.
        issuer: String,
    },
    /// The list served at the URL names another URL as its `id`.
    StatusListWrongId {
        /// The URL.
        list: String,
        /// The list's `id`.
        found: Option<String>,
    },
    /// The status list credential does not verify.
    StatusListInvalid {
        /// The URL.
        list: String,
        /// Its most specific failed check.
        check: CheckId,
    },
    /// The status could not be checked (no fetcher, not served, list not verifiable).
    StatusNotChecked {
        /// The URL, when known.
        list: Option<String>,
        /// Why.
        reason: String,
    },
    /// The credential is not about the expected recipient.
    RecipientMismatch {
        /// The identity expected.
        expected: String,
        /// How many recipient identities were compared.
        compared: usize,
    },
    /// OB 2.0 hosted: the host says the assertion is revoked (HTTP 410 Gone,
    /// or a body with `revoked: true`).
    HostedRevoked {
        /// The assertion's URL.
        url: String,
        /// The HTTP status the host answered.
        status: u16,
        /// The `revocationReason`, when given.
        reason: Option<String>,
    },
    /// OB 2.0 hosted: the assertion served at its `id` is not the one given.
    AssertionMismatch {
        /// The assertion's URL.
        url: String,
        /// The first JSON path where the two differ.
        path: String,
    },
    /// OB 2.0 hosted: the assertion could not be fetched from its `id`.
    HostedUnavailable {
        /// The assertion's URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// OB 2.0 hosted: the assertion's URL is outside the issuer's
    /// verification policy (`startsWith`, `allowedOrigins`, or by default
    /// the issuer id's origin).
    OriginNotAllowed {
        /// The assertion's URL.
        url: String,
        /// The policy it was checked against, as written for people.
        policy: String,
    },
    /// OB 2.0 signed: the issuer's RevocationList lists the assertion.
    RevokedInList {
        /// The list's URL.
        list: String,
        /// The assertion id listed, when listed by id.
        id: Option<String>,
        /// The legacy `uid` listed, when listed by uid.
        uid: Option<String>,
        /// The `revocationReason`, when given.
        reason: Option<String>,
    },
    /// A document the verification depends on (OB 2.0 badge class, issuer
    /// profile, signing key) could not be read.
    DocumentUnavailable {
        /// Its URL.
        url: String,
        /// What it was read as (`BadgeClass`, `Profile`, `CryptographicKey`, …).
        class: String,
        /// Why.
        reason: String,
    },
}

impl Evidence {
    /// The stable code (`expired`, `status-set`, `key-not-bound`, …), as in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Evidence::MalformedJson { .. } => "malformed-json",
            Evidence::DuplicateMember { .. } => "duplicate-member",
            Evidence::InexactNumber { .. } => "inexact-number",
            Evidence::LimitExceeded(_) => "limit-exceeded",
            Evidence::ContextOrder { .. } => "context-order",
            Evidence::UnknownContextVersion { .. } => "unknown-context-version",
            Evidence::Jose { .. } => "jose",
            Evidence::Proof { .. } => "proof",
            Evidence::OutsideProfile { .. } => "outside-profile",
            Evidence::GraphMismatch { .. } => "graph-mismatch",
            Evidence::WrongProofPurpose { .. } => "wrong-proof-purpose",
            Evidence::KeyNotBound { .. } => "key-not-bound",
            Evidence::KeyUnavailable { .. } => "key-unavailable",
            Evidence::Expired { .. } => "expired",
            Evidence::NotYetValid { .. } => "not-yet-valid",
            Evidence::BadDate { .. } => "bad-date",
            Evidence::StatusSet { .. } => "status-set",
            Evidence::StatusListNotIssuers { .. } => "status-list-not-issuers",
            Evidence::StatusListWrongId { .. } => "status-list-wrong-id",
            Evidence::StatusListInvalid { .. } => "status-list-invalid",
            Evidence::StatusNotChecked { .. } => "status-not-checked",
            Evidence::RecipientMismatch { .. } => "recipient-mismatch",
            Evidence::HostedRevoked { .. } => "hosted-revoked",
            Evidence::AssertionMismatch { .. } => "assertion-mismatch",
            Evidence::HostedUnavailable { .. } => "hosted-unavailable",
            Evidence::OriginNotAllowed { .. } => "origin-not-allowed",
            Evidence::RevokedInList { .. } => "revoked-in-list",
            Evidence::DocumentUnavailable { .. } => "document-unavailable",
        }
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::MalformedJson {
                line,
                column,
                message,
            } => write!(
                f,
                "malformed JSON at line {line}, column {column}: {message}"
            ),
            Evidence::DuplicateMember { name } => write!(f, "duplicate member name {name:?}"),
            Evidence::InexactNumber { text, reads_as } => {
                write!(f, "the number {text} reads as {reads_as}")
            }
            Evidence::LimitExceeded(l) => write!(f, "{l}"),
            Evidence::ContextOrder { found } => write!(f, "@context out of order: {found}"),
            Evidence::UnknownContextVersion { found } => {
                write!(f, "unknown Open Badges context version {found}")
            }
            Evidence::Jose { refusal } => write!(f, "JOSE refusal: {refusal}"),
            Evidence::Proof { failure, index } => match index {
                Some(i) => write!(f, "proof {i}: {failure}"),
                None => write!(f, "proof: {failure}"),
            },
            Evidence::OutsideProfile { feature } => {
                write!(f, "outside the signed-graph profile: {feature}")
            }
            Evidence::GraphMismatch {
                path,
                shown,
                signed,
            } => write!(
                f,
                "{path} shows {shown:?} but the signed graph holds {signed:?}"
            ),
            Evidence::WrongProofPurpose { found } => {
                write!(f, "proofPurpose {found:?}, expected \"assertionMethod\"")
            }
            Evidence::KeyNotBound { method, issuer } => {
                write!(f, "the key {method} is not bound to the issuer {issuer}")
            }
            Evidence::KeyUnavailable { method, reason } => {
                write!(f, "the key {method} could not be bound: {reason}")
            }
            Evidence::Expired { valid_until, now } => {
                write!(f, "expired at {valid_until} (now {now})")
            }
            Evidence::NotYetValid { valid_from, now } => {
                write!(f, "not valid before {valid_from} (now {now})")
            }
            Evidence::BadDate { value, problem } => write!(f, "{value:?}: {problem}"),
            Evidence::StatusSet {
                method,
                purpose,
                index,
                list,
            } => {
                write!(f, "{method} {list}: statusPurpose {purpose} set")?;
                if let Some(i) = index {
                    write!(f, " at index {i}")?;
                }
                Ok(())
            }
            Evidence::StatusListNotIssuers {
                list,
                list_issuer,
                issuer,
            } => write!(
                f,
                "the status list {list} is issued by {list_issuer}, not by the issuer {issuer}"
            ),
            Evidence::StatusListWrongId { list, found } => write!(
                f,
                "the status list served at {list} has id {}",
                found.as_deref().unwrap_or("none")
            ),
            Evidence::StatusListInvalid { list, check } => {
                write!(f, "the status list {list} does not verify ({check})")
            }
            Evidence::StatusNotChecked { list, reason } => match list {
                Some(l) => write!(f, "status not checked ({l}): {reason}"),
                None => write!(f, "status not checked: {reason}"),
            },
            Evidence::RecipientMismatch { expected, compared } => write!(
                f,
                "not about {expected} ({compared} recipient identities compared)"
            ),
            Evidence::HostedRevoked {
                url,
                status,
                reason,
            } => {
                write!(f, "revoked: {url} answers HTTP {status}")?;
                if *status != 410 {
                    write!(f, " with revoked: true")?;
                }
                if let Some(r) = reason {
                    write!(f, " ({r})")?;
                }
                Ok(())
            }
            Evidence::AssertionMismatch { url, path } => write!(
                f,
                "the assertion hosted at {url} differs from the one given (first at {path})"
            ),
            Evidence::HostedUnavailable { url, reason } => {
                write!(f, "the hosted assertion {url} could not be read: {reason}")
            }
            Evidence::OriginNotAllowed { url, policy } => {
                write!(f, "{url} is not allowed by the issuer's policy: {policy}")
            }
            Evidence::RevokedInList {
                list,
                id,
                uid,
                reason,
            } => {
                write!(f, "revoked: listed in {list}")?;
                if let Some(i) = id {
                    write!(f, " as {i}")?;
                }
                if let Some(u) = uid {
                    write!(f, " by uid {u}")?;
                }
                if let Some(r) = reason {
                    write!(f, " ({r})")?;
                }
                Ok(())
            }
            Evidence::DocumentUnavailable { url, class, reason } => {
                write!(f, "the {class} {url} could not be read: {reason}")
            }
        }
    }
}
