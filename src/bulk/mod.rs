//! Many at once: signing and verifying credentials in bulk, on all cores,
//! streaming.
//!
//! - **Verify many** ([`verify_many`], [`BulkVerifier`]): each item gets the
//!   full [`verify`](crate::verify::verify) report — every check, key
//!   binding, dates, status, signed graph — but the Ed25519 step is batched.
//!   Each item is verified with its signature checks *recorded* (everything
//!   else, canonicalization included, runs once, as usual); then all the
//!   recorded signatures are checked with ed25519-dalek's `verify_batch`, 64
//!   at a time. A batch that fails is checked signature by signature with
//!   `verify_strict`, and each item one of whose signatures failed is
//!   verified again from scratch, strictly, so its report says exactly what
//!   `verify` says ("signature does not match") at its own index. Keys and
//!   `R` values that `verify_strict` refuses for being of small order are
//!   never batched but refused on the spot (the ed25519-dalek README's
//!   advice for batch callers). One divergence remains, inherent to batch
//!   verification: a signature that is valid only up to a small-order
//!   (torsion) component of `R` or of the key fails `verify_strict` but can
//!   pass `verify_batch` (with probability up to 1/8 per batch). Only the
//!   holder of the signing key can make one, so it is no forgery, but for
//!   such a crafted credential bulk may say Valid where `verify` says
//!   Invalid.
//! - **Sign many** ([`sign_many`], [`BulkSigner`]): [`Issuer::sign_json`] on
//!   every document; Ed25519 signing has no batch form, so the gain is the
//!   cores.
//! - **Streaming**: [`BulkVerifier::verify_iter`] and
//!   [`BulkVerifier::verify_lines`] (iterators), [`verify_ndjson`] and
//!   [`sign_ndjson`] (NDJSON reader → writer). Input is taken one chunk
//!   ([`DEFAULT_CHUNK`] items) at a time, processed in parallel, and written
//!   in input order with its line number; NDJSON lines being verified, the
//!   next chunk is read meanwhile (on the calling thread), and no further,
//!   so memory is bounded by two chunks and the longest line allowed
//!   ([`Limits::max_json_bytes`](crate::limits::Limits::max_json_bytes)),
//!   whatever the input's length.
//! - **Status indexes** ([`StatusJournal`], [`BulkSigner::issue_with_status`]):
//!   each credential of a run gets its own Bitstring Status List slot, and a
//!   crashed run restarted from its journal never hands a slot out twice.
//!
//! Cargo feature `parallel` (default) runs the chunks on rayon's pool (all
//! cores; `RAYON_NUM_THREADS` limits it). Without it everything runs
//! sequentially on the caller's thread, with the same results.
//!
//! A bulk verification run shares, between its items, the fetches of each
//! URL (a status list named by a million credentials is fetched once; up to
//! 1,024 URLs and 64 MiB are kept, failures included) and the report of
//! each status list that verified (keyed by URL and the bytes served). Use
//! one [`BulkVerifier`] per run: a list revoked during the run is seen by
//! the next run, not by this one.
//!
//! ```
//! use openbadges::bulk::{sign_many, verify_many};
//! use openbadges::ids::DateTime;
//! use openbadges::issue::Issuer;
//! use openbadges::keys::Ed25519KeyPair;
//! use openbadges::proof::Cryptosuite;
//! use openbadges::verify::{Verdict, VerifyOptions};
//! use serde_json::json;
//!
//! let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&[9; 32]))
//!     .with_cryptosuite(Cryptosuite::EddsaJcs2022);
//! let docs: Vec<_> = (0..3)
//!     .map(|i| json!({
//!         "@context": ["https://www.w3.org/ns/credentials/v2",
//!                      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
//!         "id": format!("urn:uuid:00000000-0000-4000-8000-00000000000{i}"),
//!         "type": ["VerifiableCredential", "OpenBadgeCredential"],
//!         "issuer": {"id": issuer.id().as_str(), "type": ["Profile"], "name": "City"},
//!         "validFrom": "2026-01-01T00:00:00Z",
//!         "name": "Badge",
//!         "credentialSubject": {
//!             "type": ["AchievementSubject"],
//!             "id": format!("did:example:teacher-{i}"),
//!             "achievement": {
//!                 "id": "https://example.org/achievements/1",
//!                 "type": ["Achievement"],
//!                 "name": "Badge",
//!                 "description": "A badge.",
//!                 "criteria": {"narrative": "Do it."}
//!             }
//!         }
//!     }))
//!     .collect();
//! let created = DateTime::new("2026-01-01T00:00:00Z")?;
//! let mut signed: Vec<Vec<u8>> = Vec::new();
//! for result in sign_many(&issuer, docs, &created) {
//!     signed.push(serde_json::to_vec(&result?)?);
//! }
//!
//! let mut forged = signed.clone();
//! forged[1] = String::from_utf8(forged[1].clone())?
//!     .replace("teacher-1", "teacher-x")
//!     .into_bytes();
//! let options = VerifyOptions::at("2026-06-01T00:00:00Z".parse()?);
//! let verdicts: Vec<Verdict> = verify_many(&forged, &options)
//!     .into_iter()
//!     .map(|r| r.map(|report| report.verdict()))
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(verdicts, [Verdict::Valid, Verdict::Invalid, Verdict::Valid]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Issuer::sign_json`]: crate::issue::Issuer::sign_json

use std::path::PathBuf;

mod batch;
mod journal;
mod ndjson;
mod sign;
mod verify;

pub use journal::{ListPlan, StatusJournal, StatusSlot, DEFAULT_BLOCK};
pub use sign::{
    sign_many, sign_ndjson, BulkSigner, IssueSummary, LineFailure, SignSummary, ToSign,
};
pub use verify::{
    verify_many, verify_ndjson, BatchStats, BulkVerifier, LineOutcome, LineReport, Lines, LinesMap,
    LinesThen, VerifyIter, VerifySummary,
};

/// Items taken from the input at a time (and processed in parallel)
/// unless [`BulkVerifier::chunk`] / [`BulkSigner::chunk`] says otherwise.
pub const DEFAULT_CHUNK: usize = 256;

/// Why a bulk run stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BulkError {
    /// Reading the input failed.
    #[error("reading input line {line} failed: {source}")]
    Read {
        /// The line being read (from 1).
        line: usize,
        /// Why.
        source: std::io::Error,
    },
    /// Writing the output failed.
    #[error("writing the result of input line {line} failed: {source}")]
    Write {
        /// The input line whose result was being written (from 1).
        line: usize,
        /// Why.
        source: std::io::Error,
    },
    /// The status allocation journal could not be used.
    #[error("status journal {path}: {reason}")]
    Journal {
        /// The journal file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// Every slot of the status list plan is taken.
    #[error("every status slot of the plan is taken ({capacity} slots)")]
    StatusExhausted {
        /// How many slots the plan holds.
        capacity: u64,
    },
    /// A status list entry or list credential could not be made.
    #[error(transparent)]
    Status(#[from] crate::status::StatusError),
    /// A job's document could not be built.
    #[error("job {job}: the document could not be built: {reason}")]
    Build {
        /// The job's position in the input (from 0).
        job: usize,
        /// Why.
        reason: String,
    },
    /// A job's document already has `credentialStatus`.
    #[error("job {job}: the document already has credentialStatus; issue_with_status adds it")]
    StatusAlreadySet {
        /// The job's position in the input (from 0).
        job: usize,
    },
    /// A job's credential could not be signed.
    #[error("job {job}: {source}")]
    Issue {
        /// The job's position in the input (from 0).
        job: usize,
        /// Why.
        source: crate::issue::IssueError,
    },
}

/// How many threads bulk work runs on: rayon's pool size with feature
/// `parallel`, else 1.
pub fn threads() -> usize {
    par::threads()
}

/// Order-keeping parallel map (rayon) or its sequential stand-in.
mod par {
    #[cfg(feature = "parallel")]
    pub(crate) fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
    where
        T: Sync,
        R: Send,
        F: Fn(usize, &T) -> R + Sync + Send,
    {
        use rayon::prelude::*;
        items.par_iter().enumerate().map(|(i, t)| f(i, t)).collect()
    }

    #[cfg(not(feature = "parallel"))]
    pub(crate) fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
    where
        F: Fn(usize, &T) -> R,
    {
        items.iter().enumerate().map(|(i, t)| f(i, t)).collect()
    }

    #[cfg(feature = "parallel")]
    pub(crate) fn map_owned<T, R, F>(items: Vec<T>, f: F) -> Vec<R>
    where
        T: Send,
        R: Send,
        F: Fn(usize, T) -> R + Sync + Send,
    {
        use rayon::prelude::*;
        items
            .into_par_iter()
            .enumerate()
            .map(|(i, t)| f(i, t))
            .collect()
    }

    #[cfg(not(feature = "parallel"))]
    pub(crate) fn map_owned<T, R, F>(items: Vec<T>, f: F) -> Vec<R>
    where
        F: Fn(usize, T) -> R,
    {
        items
            .into_iter()
            .enumerate()
            .map(|(i, t)| f(i, t))
            .collect()
    }

    /// `(a(), b())`, `a` on the pool while `b` runs on the calling thread
    /// (which need not be a pool thread, and `b` need not be `Send`).
    #[cfg(feature = "parallel")]
    pub(crate) fn overlap<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA + Send,
        RA: Send,
        B: FnOnce() -> RB,
    {
        let mut ra = None;
        let rb = rayon::in_place_scope(|s| {
            s.spawn(|_| ra = Some(a()));
            b()
        });
        match ra {
            Some(ra) => (ra, rb),
            // The scope ends only after the spawned job ran (a panic in it
            // is propagated by the scope), so `ra` is set.
            None => unreachable!("rayon scope ended before its job"),
        }
    }

    #[cfg(not(feature = "parallel"))]
    pub(crate) fn overlap<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB,
    {
        (a(), b())
    }

    pub(crate) fn threads() -> usize {
        #[cfg(feature = "parallel")]
        {
            rayon::current_num_threads()
        }
        #[cfg(not(feature = "parallel"))]
        {
            1
        }
    }
}
