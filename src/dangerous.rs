//! Verification that is **not** a trust decision.
//!
//! [`crate::verify()`] answers "may I rely on this credential?": proof, key
//! bound to the issuer, what was signed is what is shown, dates, status. The
//! functions here answer a narrower question — *does this signature verify
//! under the key its verification method names?* — and nothing else: no key
//! binding (a credential signed by anyone's `did:key` passes), no validity
//! window, no status, no profile check. They are for tooling (debugging a
//! signer, test suites, interop checks), never for deciding that a badge is
//! genuine. As `jsonwebtoken` does with `dangerous::insecure_decode`, the
//! name is the warning.
//!
//! ```
//! use openbadges::dangerous::verify_proofs_only;
//! use openbadges::proof::{DidKeyResolver, ProofVerifyOptions};
//! # let bytes = br#"{"@context": [], "proof": {"type": "Unknown"}}"#;
//! let report = verify_proofs_only(bytes, &DidKeyResolver, &ProofVerifyOptions::default())?;
//! assert!(!report.is_verified());
//! # Ok::<(), openbadges::limits::JsonInputError>(())
//! ```

use crate::canon::Canonicalizer;
use crate::limits::{parse_json_limited, JsonInputError, Limits};
use crate::proof::{KeyResolver, ProofReport, ProofVerifyOptions};

pub use crate::proof::verify_proofs;

/// Checks only the proofs of a document (bytes as received, strict JSON
/// within [`Limits::DEFAULT`]), with the embedded contexts: **no key
/// binding, dates, status or signed-graph check** (see the module docs).
///
/// # Errors
/// [`JsonInputError`] when the bytes are not strict JSON within the limits.
pub fn verify_proofs_only(
    bytes: &[u8],
    resolver: &dyn KeyResolver,
    options: &ProofVerifyOptions,
) -> Result<ProofReport, JsonInputError> {
    let value = parse_json_limited(bytes, &Limits::DEFAULT)?;
    let canon = crate::canon::embedded_canonicalizer();
    Ok(verify_proofs_with(
        &value,
        canon.as_ref(),
        resolver,
        options,
    ))
}

/// [`verify_proofs`] under its dangerous name, for a parsed document and a
/// canonicalizer of the caller's.
pub fn verify_proofs_with(
    document: &serde_json::Value,
    canon: &dyn Canonicalizer,
    resolver: &dyn KeyResolver,
    options: &ProofVerifyOptions,
) -> ProofReport {
    verify_proofs(document, canon, resolver, options)
}
