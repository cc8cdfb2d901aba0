//! The canonicalization seam: one interface, several implementations.
//!
//! Signing and verifying Data Integrity proofs hash a canonical form of the
//! document. [`Canonicalizer`] is that interface. The generic implementation
//! (JSON-LD expansion in safe mode, then RDFC-1.0) is the oracle and the
//! fallback; [`FastCanonicalizer`] compiles the pinned contexts once and
//! emits quads straight from the JSON for the documents it covers, falls
//! back to the generic one for the rest, and produces byte-identical output
//! (`tests/canon_fast.rs`, `tests/canon_fast_props.rs`, the `canon_fast`
//! fuzz target). [`default_canonicalizer`] is what to sign and verify with.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use crate::contexts::ContextLoader;
use crate::limits::{LimitExceeded, Limits};

pub mod fast;
pub mod generic;
pub mod jcs;
mod nquads;
pub(crate) use nquads::parse_own as parse_own_nquads;
pub mod profile;
pub mod rdfc;

pub use fast::FastCanonicalizer;
pub use generic::GenericCanonicalizer;

/// The JSON-LD 1.1 keywords, one table for both canonicalizers.
const KEYWORDS: &[&str] = &[
    "@base",
    "@container",
    "@context",
    "@direction",
    "@graph",
    "@id",
    "@import",
    "@included",
    "@index",
    "@json",
    "@language",
    "@list",
    "@nest",
    "@none",
    "@prefix",
    "@propagate",
    "@protected",
    "@reverse",
    "@set",
    "@type",
    "@value",
    "@version",
    "@vocab",
];

/// Whether `s` is a JSON-LD 1.1 keyword.
pub(crate) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Turns a JSON-LD document into canonical N-Quads (RDFC-1.0).
///
/// Implementations never fetch from the network: every context comes from a
/// loader the caller configured, and every super-linear step runs under the
/// [`crate::limits::Limits`] the implementation was built with.
pub trait Canonicalizer: Send + Sync {
    /// The canonical N-Quads of `document`, one quad a line, each ending in `\n`.
    ///
    /// # Errors
    /// [`CanonError`] when the document does not expand in safe mode, names a
    /// context the loader lacks, or exceeds a limit.
    fn canonicalize(&self, document: &serde_json::Value) -> Result<String, CanonError>;

    /// The canonical N-Quads of `document` without its top-level `proof`
    /// member (Data Integrity's unsecured document): what
    /// [`canonicalize`](Self::canonicalize) gives for a copy with `proof`
    /// removed, which is what this default does. An implementation may
    /// leave the member out without copying the document.
    ///
    /// # Errors
    /// As [`canonicalize`](Self::canonicalize).
    fn canonicalize_unsecured(&self, document: &serde_json::Value) -> Result<String, CanonError> {
        self.canonicalize(&without_member(document, "proof"))
    }
}

/// `document` without its top-level member `key`: a copy when it has one,
/// else `document` itself.
pub(crate) fn without_member<'v>(
    document: &'v serde_json::Value,
    key: &str,
) -> Cow<'v, serde_json::Value> {
    match document {
        serde_json::Value::Object(m) if m.contains_key(key) => {
            let mut m = m.clone();
            m.shift_remove(key);
            Cow::Owned(serde_json::Value::Object(m))
        }
        _ => Cow::Borrowed(document),
    }
}

/// Why a document could not be canonicalized.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CanonError {
    /// A context URL the offline loader does not have.
    #[error("context not available offline: {url} (register it with the context loader)")]
    UnknownContext {
        /// The context URL.
        url: String,
    },
    /// Safe-mode expansion refused the document (a term would be dropped, a
    /// type value is invalid, a relative IRI, …).
    #[error("JSON-LD expansion refused the document at {path}: {reason}")]
    Expansion {
        /// Where in the document, as a JSON path when known.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// The RDF could not be produced or serialized.
    #[error("RDF conversion failed: {reason}")]
    Rdf {
        /// What is wrong.
        reason: String,
    },
    /// A budget was exceeded (quads, blank nodes, hash-n-degree calls, …).
    #[error(transparent)]
    Limit(#[from] LimitExceeded),
}

impl<C: Canonicalizer + ?Sized> Canonicalizer for Arc<C> {
    fn canonicalize(&self, document: &serde_json::Value) -> Result<String, CanonError> {
        (**self).canonicalize(document)
    }

    fn canonicalize_unsecured(&self, document: &serde_json::Value) -> Result<String, CanonError> {
        (**self).canonicalize_unsecured(document)
    }
}

impl<C: Canonicalizer + ?Sized> Canonicalizer for Box<C> {
    fn canonicalize(&self, document: &serde_json::Value) -> Result<String, CanonError> {
        (**self).canonicalize(document)
    }

    fn canonicalize_unsecured(&self, document: &serde_json::Value) -> Result<String, CanonError> {
        (**self).canonicalize_unsecured(document)
    }
}

/// The canonicalizer to sign and verify with: a [`FastCanonicalizer`] over
/// `loader` (which falls back to the generic path for what it does not
/// cover).
///
/// With the embedded contexts ([`ContextLoader::default`]) and
/// [`Limits::DEFAULT`] it returns the process-wide [`embedded_canonicalizer`],
/// built once; otherwise it builds a new one (build it once and share it).
pub fn default_canonicalizer(loader: ContextLoader, limits: Limits) -> Arc<dyn Canonicalizer> {
    if limits == Limits::DEFAULT && loader.same_contexts(default_loader()) {
        return embedded_canonicalizer();
    }
    Arc::new(FastCanonicalizer::new(loader, limits))
}

/// The process-wide [`FastCanonicalizer`] for the embedded contexts and the
/// default limits, built on first use.
///
/// ```
/// use openbadges::canon::{default_canonicalizer, embedded_canonicalizer, Canonicalizer};
/// use openbadges::contexts::ContextLoader;
/// use openbadges::limits::Limits;
/// let a = embedded_canonicalizer();
/// let b = embedded_canonicalizer();
/// assert!(std::sync::Arc::ptr_eq(&a, &b));
/// // The default loader and limits get the same shared instance.
/// let c = default_canonicalizer(ContextLoader::default(), Limits::DEFAULT);
/// let doc = serde_json::json!({"@context": "https://www.w3.org/ns/credentials/v2", "id": "urn:x", "name": "n"});
/// assert_eq!(c.canonicalize(&doc)?, a.canonicalize(&doc)?);
/// # Ok::<(), openbadges::canon::CanonError>(())
/// ```
pub fn embedded_canonicalizer() -> Arc<FastCanonicalizer> {
    static SHARED: OnceLock<Arc<FastCanonicalizer>> = OnceLock::new();
    SHARED
        .get_or_init(|| {
            Arc::new(FastCanonicalizer::new(
                default_loader().clone(),
                Limits::DEFAULT,
            ))
        })
        .clone()
}

fn default_loader() -> &'static ContextLoader {
    static LOADER: OnceLock<ContextLoader> = OnceLock::new();
    LOADER.get_or_init(ContextLoader::default)
}
