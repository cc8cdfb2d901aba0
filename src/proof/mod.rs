//! Data Integrity proofs: `eddsa-rdfc-2022`, `eddsa-jcs-2022` (create and
//! verify) and the legacy `Ed25519Signature2020` (verify only).
//!
//! Creation takes any [`Signer<Signature>`](crate::keys::Signer), so the key
//! may live in a KMS or HSM. Verification works on the raw JSON as received,
//! never panics, and reports each proof of a proof set separately with a typed
//! [`ProofFailure`] naming the check that failed. Keys are found through a
//! [`KeyResolver`]; [`DidKeyResolver`] resolves `did:key` offline and
//! [`DidResolver`] adds `did:web` through a caller-supplied fetcher.
//!
//! ```
//! use openbadges::canon::{CanonError, Canonicalizer};
//! use openbadges::did::did_key_verification_method;
//! use openbadges::ids::DateTime;
//! use openbadges::keys::Ed25519KeyPair;
//! use openbadges::proof::{add_proof, verify_proofs, Cryptosuite, DidKeyResolver, ProofOptions, ProofVerifyOptions};
//!
//! // eddsa-jcs-2022 needs no RDF canonicalizer; pass one that refuses.
//! struct NoRdf;
//! impl Canonicalizer for NoRdf {
//!     fn canonicalize(&self, _: &serde_json::Value) -> Result<String, CanonError> {
//!         Err(CanonError::Rdf { reason: "not configured".into() })
//!     }
//! }
//!
//! let key = Ed25519KeyPair::from_seed(&[7u8; 32]);
//! let vm = did_key_verification_method(&key.verifying_key());
//! let options = ProofOptions::new(Cryptosuite::EddsaJcs2022, vm, DateTime::new("2024-05-01T00:00:00Z")?);
//! let doc = serde_json::json!({"@context": ["https://www.w3.org/ns/credentials/v2"], "name": "x"});
//! let signed = add_proof(&doc, &options, &key, &NoRdf)?;
//! let report = verify_proofs(&signed, &NoRdf, &DidKeyResolver, &ProofVerifyOptions::default());
//! assert!(report.is_verified());
//! # Ok::<(), openbadges::Error>(())
//! ```

use crate::canon::jcs::JcsError;
use crate::canon::CanonError;
use crate::did::DidError;
use crate::ids::DateTime;
use crate::keys::{KeyError, VerifyingKey};

pub(crate) mod deferred;
pub mod di;

pub use di::{add_proof, create_proof, hash_data, verify_proofs, HashData};

/// The proof suites this crate knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Cryptosuite {
    /// `DataIntegrityProof` with `cryptosuite: "eddsa-rdfc-2022"` (RDFC-1.0 canonical N-Quads).
    EddsaRdfc2022,
    /// `DataIntegrityProof` with `cryptosuite: "eddsa-jcs-2022"` (RFC 8785 JCS).
    EddsaJcs2022,
    /// The legacy `Ed25519Signature2020` proof type (verify only).
    Ed25519Signature2020,
}

impl Cryptosuite {
    /// The proof `type` value.
    pub fn proof_type(self) -> &'static str {
        match self {
            Cryptosuite::EddsaRdfc2022 | Cryptosuite::EddsaJcs2022 => "DataIntegrityProof",
            Cryptosuite::Ed25519Signature2020 => "Ed25519Signature2020",
        }
    }

    /// The `cryptosuite` value, for `DataIntegrityProof` suites.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Cryptosuite::EddsaRdfc2022 => Some("eddsa-rdfc-2022"),
            Cryptosuite::EddsaJcs2022 => Some("eddsa-jcs-2022"),
            Cryptosuite::Ed25519Signature2020 => None,
        }
    }
}

/// The JSON-LD context the `Ed25519Signature2020` proof terms come from.
pub const ED25519_2020_CONTEXT: &str = "https://w3id.org/security/suites/ed25519-2020/v1";

/// Options of a proof to create.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProofOptions {
    /// The suite.
    pub cryptosuite: Cryptosuite,
    /// The verification method (a DID URL or URL of the public key).
    pub verification_method: String,
    /// When the proof was created (caller-supplied; `None` omits `created`).
    pub created: Option<DateTime>,
    /// The proof purpose (default `assertionMethod`).
    pub proof_purpose: String,
    /// An optional `id` for the proof (a URL, e.g. `urn:uuid:…`).
    pub id: Option<String>,
    /// An optional challenge.
    pub challenge: Option<String>,
    /// An optional domain.
    pub domain: Option<String>,
    /// An optional expiry.
    pub expires: Option<DateTime>,
    /// Ids of earlier proofs this one chains to (`previousProof`).
    pub previous_proof: Vec<String>,
}

impl ProofOptions {
    /// Options for `cryptosuite` with this verification method and creation time,
    /// purpose `assertionMethod`.
    pub fn new(
        cryptosuite: Cryptosuite,
        verification_method: impl Into<String>,
        created: DateTime,
    ) -> Self {
        ProofOptions {
            cryptosuite,
            verification_method: verification_method.into(),
            created: Some(created),
            proof_purpose: "assertionMethod".to_owned(),
            id: None,
            challenge: None,
            domain: None,
            expires: None,
            previous_proof: Vec::new(),
        }
    }

    /// Sets the proof purpose.
    pub fn with_proof_purpose(mut self, purpose: impl Into<String>) -> Self {
        self.proof_purpose = purpose.into();
        self
    }

    /// Sets the challenge.
    pub fn with_challenge(mut self, challenge: impl Into<String>) -> Self {
        self.challenge = Some(challenge.into());
        self
    }

    /// Sets the domain.
    pub fn with_domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// Sets the expiry.
    pub fn with_expires(mut self, expires: DateTime) -> Self {
        self.expires = Some(expires);
        self
    }

    /// Sets the proof id.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Chains this proof to earlier proofs (by their ids).
    pub fn with_previous_proof(mut self, ids: Vec<String>) -> Self {
        self.previous_proof = ids;
        self
    }

    /// Omits `created`.
    pub fn without_created(mut self) -> Self {
        self.created = None;
        self
    }
}

/// What a verifier expects of every proof.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProofVerifyOptions {
    /// The proof purpose required (default `Some("assertionMethod")`).
    pub expected_proof_purpose: Option<String>,
    /// A challenge the proof must carry.
    pub challenge: Option<String>,
    /// A domain the proof must carry.
    pub domain: Option<String>,
    /// The current time, to check `expires` and `created` (`None` skips
    /// those checks).
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// How far in the future of `now` a proof's `created` may be (clocks
    /// differ; default 5 minutes).
    pub clock_skew: chrono::Duration,
    /// Most proofs a document may carry ([`Limits::max_proofs`](crate::limits::Limits::max_proofs)).
    pub max_proofs: usize,
}

impl Default for ProofVerifyOptions {
    fn default() -> Self {
        ProofVerifyOptions {
            expected_proof_purpose: Some("assertionMethod".to_owned()),
            challenge: None,
            domain: None,
            now: None,
            clock_skew: chrono::Duration::minutes(5),
            max_proofs: crate::limits::Limits::DEFAULT.max_proofs,
        }
    }
}

impl ProofVerifyOptions {
    /// Sets (or clears) the required proof purpose.
    pub fn with_expected_proof_purpose(mut self, purpose: Option<String>) -> Self {
        self.expected_proof_purpose = purpose;
        self
    }

    /// Requires this challenge.
    pub fn with_challenge(mut self, challenge: impl Into<String>) -> Self {
        self.challenge = Some(challenge.into());
        self
    }

    /// Requires this domain.
    pub fn with_domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// Checks `expires` and `created` against this time.
    pub fn with_now(mut self, now: chrono::DateTime<chrono::Utc>) -> Self {
        self.now = Some(now);
        self
    }

    /// Sets how far in the future a proof's `created` may be.
    pub fn with_clock_skew(mut self, skew: chrono::Duration) -> Self {
        self.clock_skew = skew;
        self
    }

    /// Sets the most proofs a document may carry.
    pub fn with_max_proofs(mut self, max: usize) -> Self {
        self.max_proofs = max;
        self
    }
}

/// Why a verification method could not be turned into a public key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyResolveError {
    /// DID resolution failed.
    #[error(transparent)]
    Did(#[from] DidError),
    /// The key encoding was refused.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The resolver does not know this verification method.
    #[error("unknown verification method {id}")]
    Unknown {
        /// The verification method id.
        id: String,
    },
    /// Another failure, described.
    #[error("resolving {id} failed: {reason}")]
    Other {
        /// The verification method id.
        id: String,
        /// What failed.
        reason: String,
    },
}

/// Turns a proof's `verificationMethod` into an Ed25519 public key.
///
/// Closures `Fn(&str) -> Result<VerifyingKey, KeyResolveError>` implement it.
pub trait KeyResolver {
    /// The public key of `verification_method`.
    ///
    /// # Errors
    /// [`KeyResolveError`] when the method is unknown or its key unusable.
    fn resolve(&self, verification_method: &str) -> Result<VerifyingKey, KeyResolveError>;
}

impl<F> KeyResolver for F
where
    F: Fn(&str) -> Result<VerifyingKey, KeyResolveError>,
{
    fn resolve(&self, verification_method: &str) -> Result<VerifyingKey, KeyResolveError> {
        self(verification_method)
    }
}

/// Resolves `did:key:z6Mk…#z6Mk…` verification methods offline; refuses anything else.
#[derive(Debug, Clone, Copy, Default)]
pub struct DidKeyResolver;

impl KeyResolver for DidKeyResolver {
    fn resolve(&self, verification_method: &str) -> Result<VerifyingKey, KeyResolveError> {
        Ok(crate::did::resolve_did_key_url(verification_method)?)
    }
}

/// Resolves `did:key` offline and `did:web` through a [`Fetcher`](crate::fetch::Fetcher),
/// requiring the method to be listed under `relationship` (default
/// `assertionMethod`) in the did:web document.
#[derive(Clone, Copy)]
pub struct DidResolver<'a> {
    fetcher: &'a dyn crate::fetch::Fetcher,
    limits: crate::limits::Limits,
    relationship: Option<&'a str>,
}

impl<'a> DidResolver<'a> {
    /// A resolver reading did:web documents through `fetcher` within `limits`.
    pub fn new(fetcher: &'a dyn crate::fetch::Fetcher, limits: crate::limits::Limits) -> Self {
        DidResolver {
            fetcher,
            limits,
            relationship: Some("assertionMethod"),
        }
    }

    /// Sets (or clears) the verification relationship did:web methods must be listed under.
    pub fn with_relationship(mut self, relationship: Option<&'a str>) -> Self {
        self.relationship = relationship;
        self
    }
}

impl core::fmt::Debug for DidResolver<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DidResolver")
            .field("limits", &self.limits)
            .field("relationship", &self.relationship)
            .finish_non_exhaustive()
    }
}

impl KeyResolver for DidResolver<'_> {
    fn resolve(&self, verification_method: &str) -> Result<VerifyingKey, KeyResolveError> {
        if verification_method.starts_with("did:web:") {
            let vm = crate::did::resolve_did_web(
                verification_method,
                self.fetcher,
                &self.limits,
                self.relationship,
            )?;
            Ok(vm.public_key)
        } else {
            Ok(crate::did::resolve_did_key_url(verification_method)?)
        }
    }
}

/// Why a proof could not be created.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofError {
    /// The document is not a JSON object.
    #[error("document to sign is not a JSON object")]
    DocumentNotObject,
    /// eddsa-rdfc-2022 needs the document's `@context`.
    #[error(
        "document to sign has no @context (eddsa-rdfc-2022 copies it into the proof configuration)"
    )]
    MissingContext,
    /// This suite is verify-only here.
    #[error("creating {suite:?} proofs is not supported (verify only)")]
    CreateUnsupported {
        /// The suite.
        suite: Cryptosuite,
    },
    /// A `previousProof` id names no proof in the document.
    #[error("previousProof {id} is not a proof of the document")]
    PreviousProofNotFound {
        /// The id.
        id: String,
    },
    /// RDF canonicalization failed.
    #[error("canonicalization failed: {0}")]
    Canonicalization(#[from] CanonError),
    /// JCS failed.
    #[error(transparent)]
    Jcs(#[from] JcsError),
    /// The signer failed.
    #[error("signing failed: {reason}")]
    Signing {
        /// The signer's message.
        reason: String,
    },
}

/// Which check a proof failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProofFailure {
    /// The secured document is not a JSON object.
    #[error("document is not a JSON object")]
    DocumentNotObject,
    /// The document has no `proof`.
    #[error("document has no proof")]
    NoProof,
    /// A proof (or `proof` itself) is not a JSON object.
    #[error("proof is not a JSON object")]
    ProofNotObject,
    /// A required proof member is absent.
    #[error("proof has no {member}")]
    MissingMember {
        /// The member.
        member: &'static str,
    },
    /// A proof member has the wrong JSON type.
    #[error("proof member {member} is not a string")]
    MemberNotString {
        /// The member.
        member: &'static str,
    },
    /// A proof `type` this crate does not verify.
    #[error("unsupported proof type {found:?}")]
    UnsupportedType {
        /// The type found.
        found: String,
    },
    /// A `DataIntegrityProof` whose `cryptosuite` is missing or unknown.
    #[error("unsupported cryptosuite {found:?} (expected eddsa-rdfc-2022 or eddsa-jcs-2022)")]
    UnsupportedCryptosuite {
        /// The cryptosuite found.
        found: Option<String>,
    },
    /// `created` or `expires` is not an xsd:dateTime.
    #[error("proof {member} is not a valid date-time: {value:?}")]
    InvalidDateTime {
        /// The member.
        member: &'static str,
        /// The value.
        value: String,
    },
    /// The proof's `created` is in the future (beyond the clock skew).
    #[error("proof created {created}, after now ({now})")]
    CreatedInFuture {
        /// `created` as written.
        created: String,
        /// The verification time.
        now: String,
    },
    /// The document has more proofs than [`ProofVerifyOptions::max_proofs`].
    #[error(transparent)]
    TooManyProofs(crate::limits::LimitExceeded),
    /// The proof has expired.
    #[error("proof expired at {expires}")]
    Expired {
        /// The expiry as written.
        expires: String,
    },
    /// The proof purpose is not the one expected.
    #[error("proof purpose is {found:?}, expected {expected:?}")]
    WrongProofPurpose {
        /// Expected.
        expected: String,
        /// Found.
        found: String,
    },
    /// The challenge does not match.
    #[error("proof challenge {found:?} does not match the expected {expected:?}")]
    ChallengeMismatch {
        /// Expected.
        expected: String,
        /// Found.
        found: Option<String>,
    },
    /// The domain does not match.
    #[error("proof domain {found:?} does not match the expected {expected:?}")]
    DomainMismatch {
        /// Expected.
        expected: String,
        /// Found (as JSON text).
        found: Option<String>,
    },
    /// The proof has no `proofValue`.
    #[error("proof has no proofValue")]
    MissingProofValue,
    /// `proofValue` is not a base58btc multibase string.
    #[error("proofValue is not base58btc multibase: {0}")]
    BadProofValue(KeyError),
    /// `proofValue` does not hold a 64-byte signature.
    #[error("proofValue must encode a 64-byte Ed25519 signature, found {found} bytes")]
    SignatureLength {
        /// Bytes found (or characters, for absurdly long values not decoded).
        found: usize,
    },
    /// The secured document has no `@context`.
    #[error("document has no @context")]
    MissingContext,
    /// The proof's `@context` is not a prefix of the document's.
    #[error("proof @context does not match the document @context: {reason}")]
    ContextMismatch {
        /// What differs.
        reason: &'static str,
    },
    /// A `previousProof` id names no proof in the document.
    #[error("previousProof {id} is not a proof of the document")]
    PreviousProofNotFound {
        /// The id.
        id: String,
    },
    /// RDF canonicalization failed.
    #[error("canonicalization failed: {0}")]
    Canonicalization(CanonError),
    /// JCS failed.
    #[error(transparent)]
    Jcs(JcsError),
    /// The verification method did not resolve to a key.
    #[error("verification method {id} did not resolve: {source}")]
    KeyResolution {
        /// The verification method.
        id: String,
        /// Why.
        source: KeyResolveError,
    },
    /// The signature does not verify over the hash data.
    #[error("signature does not match the document and proof configuration")]
    SignatureMismatch,
}

impl ProofFailure {
    /// A stable kebab-case name for the failure (reports carry it as
    /// evidence: `signature-mismatch`, `created-in-future`, …).
    pub fn code(&self) -> &'static str {
        match self {
            ProofFailure::DocumentNotObject => "document-not-object",
            ProofFailure::NoProof => "no-proof",
            ProofFailure::ProofNotObject => "proof-not-object",
            ProofFailure::MissingMember { .. } => "missing-member",
            ProofFailure::MemberNotString { .. } => "member-not-string",
            ProofFailure::UnsupportedType { .. } => "unsupported-type",
            ProofFailure::UnsupportedCryptosuite { .. } => "unsupported-cryptosuite",
            ProofFailure::InvalidDateTime { .. } => "invalid-date-time",
            ProofFailure::CreatedInFuture { .. } => "created-in-future",
            ProofFailure::TooManyProofs(_) => "too-many-proofs",
            ProofFailure::Expired { .. } => "expired",
            ProofFailure::WrongProofPurpose { .. } => "wrong-proof-purpose",
            ProofFailure::ChallengeMismatch { .. } => "challenge-mismatch",
            ProofFailure::DomainMismatch { .. } => "domain-mismatch",
            ProofFailure::MissingProofValue => "missing-proof-value",
            ProofFailure::BadProofValue(_) => "bad-proof-value",
            ProofFailure::SignatureLength { .. } => "signature-length",
            ProofFailure::MissingContext => "missing-context",
            ProofFailure::ContextMismatch { .. } => "context-mismatch",
            ProofFailure::PreviousProofNotFound { .. } => "previous-proof-not-found",
            ProofFailure::Canonicalization(_) => "canonicalization",
            ProofFailure::Jcs(_) => "jcs",
            ProofFailure::KeyResolution { .. } => "key-resolution",
            ProofFailure::SignatureMismatch => "signature-mismatch",
        }
    }
}

/// The result of verifying one proof.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProofResult {
    /// Position in the proof set (0 for a single proof).
    pub index: usize,
    /// The proof's `id`, if any.
    pub id: Option<String>,
    /// The proof's `type`, if a string.
    pub proof_type: Option<String>,
    /// The proof's `cryptosuite`, if a string.
    pub cryptosuite: Option<String>,
    /// The proof's `verificationMethod`, if a string.
    pub verification_method: Option<String>,
    /// `Ok` when verified, otherwise the failed check.
    pub outcome: Result<(), ProofFailure>,
}

impl ProofResult {
    /// Whether this proof verified.
    pub fn is_verified(&self) -> bool {
        self.outcome.is_ok()
    }
}

/// The results of verifying every proof of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProofReport {
    /// A failure of the document as a whole (not an object, no proof).
    pub document_failure: Option<ProofFailure>,
    /// One result per proof, in document order.
    pub proofs: Vec<ProofResult>,
    /// The canonical N-Quads of the unsecured document (the document
    /// without `proof`, chaining to no other proof), when an RDF proof
    /// computed it: what a verifier compares the values it reads against.
    pub canonical_document: Option<String>,
    /// How many times the document itself was canonicalized (once per
    /// distinct unsecured form, not once per proof).
    pub document_canonicalizations: usize,
}

impl ProofReport {
    /// True when there is at least one proof and every proof verified.
    pub fn is_verified(&self) -> bool {
        self.document_failure.is_none()
            && !self.proofs.is_empty()
            && self.proofs.iter().all(ProofResult::is_verified)
    }
}
