//! Which key checks a JWT's signature, and whether that key is **bound** to
//! the credential's issuer: [`resolve_jwt_key`].
//!
//! A key is the issuer's only when one of these steps finds it (tried in
//! this order; each failure is kept as a [`StepFailure`] naming its
//! [`KeyStep`]):
//!
//! 1. [`KeyStep::CallerTrusted`]: the caller's [`TrustedKeys`] for the issuer
//!    id (no network; tried first when the caller gave keys for this issuer).
//!    With a header `jwk`, the trusted key must equal it; with a `kid` the
//!    caller named, that one; otherwise the trusted key of the header's
//!    algorithm (several: the one the signature verifies with).
//! 2. [`KeyStep::DidDocument`]: the issuer is a DID and `kid` is a DID URL
//!    *of that DID*. `did:key` (Ed25519 or P-256) resolves locally, the
//!    fragment being the key itself; `did:web` is fetched through the
//!    [`Fetcher`]: the document's `id` is the DID, the method is listed under
//!    `assertionMethod`, its `controller` is the DID, and its key is a
//!    `publicKeyJwk` or a `publicKeyMultibase`. With no `kid` but a header
//!    `jwk`, an `assertionMethod` key equal to it binds.
//! 3. [`KeyStep::KidUrl`]: `kid` is an `https` URL on the issuer's own
//!    origin (issuer id `https://…`): the URL (without fragment) is fetched
//!    and is a JWK, a JWK Set (the key whose `kid` is the header's, or its
//!    fragment), or a controller document listing the method under
//!    `assertionMethod`.
//! 4. [`KeyStep::Jwks`]: the issuer id is an `https` URL:
//!    `https://{issuer host}/.well-known/jwks.json` is fetched and the key
//!    whose `kid` is the header's (or, with no `kid`, a key equal to the
//!    header `jwk`) binds.
//!
//! When a step finds a key and the header also has a `jwk`, the two must be
//! equal. A `jwk` in the header that no step bound is returned as
//! [`KeySource::HeaderJwkUnbound`]: the signature can be checked with it,
//! but it says nothing about who signed. `jku` and `x5u` never get here:
//! the JWS parser refuses them.
//!
//! ```
//! use openbadges::fetch::OfflineFetcher;
//! use openbadges::jose::{resolve_jwt_key, sign_vc_jwt, JwsSigner, KeyReference, KeySource, TrustedKeys, VcJwt, VcJwtOptions};
//! use openbadges::keys::Ed25519KeyPair;
//! use openbadges::limits::Limits;
//!
//! let key = Ed25519KeyPair::from_seed(&[5u8; 32]);
//! let credential = serde_json::json!({
//!     "id": "urn:uuid:1", "issuer": "https://example.edu/issuers/1",
//!     "validFrom": "2025-01-01T00:00:00Z", "credentialSubject": {}
//! });
//! let token = sign_vc_jwt(&credential, &key, &VcJwtOptions::new(KeyReference::Jwk))?;
//! let jwt = VcJwt::parse(&token, &Limits::DEFAULT)?;
//!
//! // Offline, with no trusted keys: the header jwk checks the signature but is not bound.
//! let found = resolve_jwt_key(jwt.jws(), "https://example.edu/issuers/1", &OfflineFetcher, &TrustedKeys::new(), &Limits::DEFAULT)?;
//! assert_eq!(found.source, KeySource::HeaderJwkUnbound);
//! assert!(!found.is_bound());
//!
//! // The caller trusts the key for this issuer: bound.
//! let mut trusted = TrustedKeys::new();
//! trusted.insert("https://example.edu/issuers/1", key.public_key());
//! let found = resolve_jwt_key(jwt.jws(), "https://example.edu/issuers/1", &OfflineFetcher, &trusted, &Limits::DEFAULT)?;
//! assert_eq!(found.source, KeySource::CallerTrusted);
//! jwt.verify_signature(&found.key)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::jws::Jws;
use super::keys::{JosePublicKey, JwkError};
use crate::did::{did_web_to_url, DidError};
use crate::fetch::{FetchError, Fetcher};
use crate::keys::decode_multibase_base58btc;
use crate::limits::{JsonInputError, Limits};

/// Where a JWT's key came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeySource {
    /// The issuer's DID document (did:key resolved locally, did:web fetched).
    DidDocument {
        /// The verification method id.
        method_id: String,
    },
    /// The issuer's JWK Set at `https://{issuer host}/.well-known/jwks.json`.
    Jwks {
        /// The JWKS URL.
        url: String,
        /// The `kid` that named the key (`None`: matched the header `jwk`).
        kid: Option<String>,
    },
    /// A `kid` URL on the issuer's origin.
    KidUrl {
        /// The `kid`.
        url: String,
    },
    /// A key the caller trusts for the issuer id.
    CallerTrusted,
    /// Only the header `jwk`: the signature is checkable, the key is NOT bound.
    HeaderJwkUnbound,
}

/// A step of key resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyStep {
    /// The caller's trusted keys.
    CallerTrusted,
    /// The issuer's DID document.
    DidDocument,
    /// A `kid` URL on the issuer's origin.
    KidUrl,
    /// The issuer's `/.well-known/jwks.json`.
    Jwks,
}

impl core::fmt::Display for KeyStep {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            KeyStep::CallerTrusted => "caller-trusted keys",
            KeyStep::DidDocument => "issuer DID document",
            KeyStep::KidUrl => "kid URL",
            KeyStep::Jwks => "issuer JWKS",
        })
    }
}

/// Why one step of key resolution did not find a bound key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyStepError {
    /// The caller trusts keys for this issuer, but none fits the header.
    #[error("none of the {count} key(s) trusted for {issuer} is the header's key")]
    NoTrustedKeyMatches {
        /// The issuer id.
        issuer: String,
        /// How many keys are trusted for it.
        count: usize,
    },
    /// A DID URL `kid` whose DID is not the issuer.
    #[error("kid {kid} belongs to {did}, not to the issuer {issuer}")]
    NotIssuerDid {
        /// The kid.
        kid: String,
        /// Its DID.
        did: String,
        /// The issuer id.
        issuer: String,
    },
    /// A DID method this crate does not resolve.
    #[error("DID method of {did} is not supported (did:key, did:web)")]
    UnsupportedDidMethod {
        /// The DID.
        did: String,
    },
    /// A did:key kid whose fragment is not the key.
    #[error("did:key kid {kid} must have the key itself as its fragment")]
    DidKeyFragment {
        /// The kid.
        kid: String,
    },
    /// A Multikey that is not Ed25519 or P-256.
    #[error("Multikey {value:?} is not an Ed25519 or P-256 public key: {reason}")]
    Multikey {
        /// The value.
        value: String,
        /// Why.
        reason: String,
    },
    /// Mapping or reading a DID failed.
    #[error(transparent)]
    Did(DidError),
    /// A `kid` URL not on the issuer's origin (or not https).
    #[error("kid {kid} is not on the origin of the issuer {issuer}")]
    NotOnIssuerOrigin {
        /// The kid.
        kid: String,
        /// The issuer id.
        issuer: String,
    },
    /// The issuer id is not an https URL (no JWKS to look at).
    #[error("issuer {issuer} is not an https URL")]
    IssuerNotHttps {
        /// The issuer id.
        issuer: String,
    },
    /// No `kid` and no header `jwk` to look up.
    #[error("the header has neither kid nor jwk")]
    NoKeyReference,
    /// The fetch failed (offline, not served, transport).
    #[error("fetching {url}: {source}")]
    Fetch {
        /// The URL.
        url: String,
        /// Why.
        source: FetchError,
    },
    /// A non-200 answer.
    #[error("fetching {url} returned HTTP {status}")]
    HttpStatus {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// The fetched document is not acceptable JSON.
    #[error("document from {url}: {source}")]
    Json {
        /// The URL.
        url: String,
        /// Why.
        source: JsonInputError,
    },
    /// The fetched document is neither a JWK, a JWK Set nor a controller document.
    #[error("{url} is not a JWK, a JWK Set or a controller document")]
    NotAKeyDocument {
        /// The URL.
        url: String,
    },
    /// The controller document's `id` is not the expected one.
    #[error("controller document id is {found:?}, expected {expected}")]
    DocumentIdMismatch {
        /// Expected.
        expected: String,
        /// Found.
        found: Option<String>,
    },
    /// No verification method with that id.
    #[error("verification method {id} not found")]
    MethodNotFound {
        /// The id.
        id: String,
    },
    /// The method is not listed under `assertionMethod`.
    #[error("verification method {id} is not listed under assertionMethod")]
    NotAssertionMethod {
        /// The id.
        id: String,
    },
    /// The method's controller is not the issuer.
    #[error("verification method {id} has controller {found:?}, expected {expected}")]
    ControllerMismatch {
        /// The id.
        id: String,
        /// Expected.
        expected: String,
        /// Found.
        found: Option<String>,
    },
    /// The method carries no key this crate reads.
    #[error("verification method {id} has no publicKeyJwk or publicKeyMultibase")]
    NoKeyInMethod {
        /// The id.
        id: String,
    },
    /// A key in the document was refused.
    #[error("key {id}: {source}")]
    Key {
        /// Which key.
        id: String,
        /// Why.
        source: JwkError,
    },
    /// No key with this `kid` (or equal to the header `jwk`) in the set.
    #[error("no key {kid:?} in {url}")]
    KidNotFound {
        /// The URL.
        url: String,
        /// The kid (`None`: looked for the header jwk).
        kid: Option<String>,
    },
    /// Several keys share the `kid`.
    #[error("{count} keys have kid {kid:?} in {url}")]
    DuplicateKid {
        /// The URL.
        url: String,
        /// The kid.
        kid: String,
        /// How many.
        count: usize,
    },
    /// The step found a key, but the header `jwk` is another key.
    #[error("the key found for {id} is not the header's jwk")]
    JwkDisagrees {
        /// What the key was found as.
        id: String,
    },
}

/// One failed step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{step}: {error}")]
pub struct StepFailure {
    /// The step.
    pub step: KeyStep,
    /// Why it failed.
    pub error: KeyStepError,
}

impl StepFailure {
    /// Whether the step could not look the key up (offline, not served,
    /// transport) rather than looked it up and found it wrong.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            &self.error,
            KeyStepError::Fetch {
                source: FetchError::Offline { .. }
                    | FetchError::NotFound { .. }
                    | FetchError::Transport { .. }
                    | FetchError::Refused { .. },
                ..
            } | KeyStepError::Did(DidError::Fetch(_))
        )
    }
}

/// The key a JWT's signature is checked with, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolvedKey {
    /// The key.
    pub key: JosePublicKey,
    /// Where it came from.
    pub source: KeySource,
    /// The steps that were tried and failed before (or instead of) binding.
    pub failures: Vec<StepFailure>,
}

impl ResolvedKey {
    /// Whether the key is bound to the issuer (anything but [`KeySource::HeaderJwkUnbound`]).
    pub fn is_bound(&self) -> bool {
        self.source != KeySource::HeaderJwkUnbound
    }
}

/// No key was found at all (no bound key, and no header `jwk`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no key found for the JWT: {}", .failures.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct KeyResolutionError {
    /// Every step tried, with why it failed.
    pub failures: Vec<StepFailure>,
}

/// Keys the caller trusts for issuer ids (e.g. from `--trust-key ISSUER=KEYFILE`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedKeys {
    keys: BTreeMap<String, Vec<(Option<String>, JosePublicKey)>>,
}

impl TrustedKeys {
    /// No trusted keys.
    pub fn new() -> Self {
        Self::default()
    }

    /// Trusts `key` for `issuer_id`.
    pub fn insert(&mut self, issuer_id: impl Into<String>, key: JosePublicKey) -> &mut Self {
        self.keys
            .entry(issuer_id.into())
            .or_default()
            .push((None, key));
        self
    }

    /// Trusts `key` for `issuer_id` under the key id `kid`.
    pub fn insert_with_kid(
        &mut self,
        issuer_id: impl Into<String>,
        kid: impl Into<String>,
        key: JosePublicKey,
    ) -> &mut Self {
        self.keys
            .entry(issuer_id.into())
            .or_default()
            .push((Some(kid.into()), key));
        self
    }

    /// The keys trusted for `issuer_id`.
    pub fn for_issuer(&self, issuer_id: &str) -> impl Iterator<Item = &JosePublicKey> {
        self.keys
            .get(issuer_id)
            .into_iter()
            .flatten()
            .map(|(_, k)| k)
    }

    /// Whether no key is trusted.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

fn fail(step: KeyStep, error: KeyStepError) -> StepFailure {
    StepFailure { step, error }
}

/// Finds the key of a JWT and says whether it is bound to `issuer_id` (see the module docs).
///
/// `jws` is the parsed token (its header is already safe); the signature is
/// not checked here, except to choose among several caller-trusted keys.
///
/// # Errors
/// [`KeyResolutionError`] when no step bound a key and the header has no `jwk`.
pub fn resolve_jwt_key(
    jws: &Jws,
    issuer_id: &str,
    fetcher: &dyn Fetcher,
    trusted: &TrustedKeys,
    limits: &Limits,
) -> Result<ResolvedKey, KeyResolutionError> {
    let header = jws.header();
    let kid = header.kid.as_deref();
    let jwk = header.jwk.as_ref();
    let mut failures = Vec::new();
    let bound = |key: JosePublicKey, source: KeySource, failures: Vec<StepFailure>| ResolvedKey {
        key,
        source,
        failures,
    };
    // Each step: Ok(Some(key)) bound, Ok(None) not applicable, Err(failure).
    let agree =
        |step: KeyStep, id: &str, key: JosePublicKey| -> Result<JosePublicKey, StepFailure> {
            match jwk {
                Some(j) if *j != key => {
                    Err(fail(step, KeyStepError::JwkDisagrees { id: id.to_owned() }))
                }
                _ => Ok(key),
            }
        };

    // 1. Caller-trusted keys.
    if let Some(entries) = trusted.keys.get(issuer_id) {
        match trusted_key(jws, entries, kid) {
            Some(key) => return Ok(bound(key, KeySource::CallerTrusted, failures)),
            None => failures.push(fail(
                KeyStep::CallerTrusted,
                KeyStepError::NoTrustedKeyMatches {
                    issuer: issuer_id.to_owned(),
                    count: entries.len(),
                },
            )),
        }
    }

    // 2. The issuer's DID document.
    if issuer_id.starts_with("did:") || kid.is_some_and(|k| k.starts_with("did:")) {
        match did_step(issuer_id, kid, jwk, fetcher, limits) {
            Ok(Some((id, key))) => match agree(KeyStep::DidDocument, &id, key) {
                Ok(key) => {
                    return Ok(bound(
                        key,
                        KeySource::DidDocument { method_id: id },
                        failures,
                    ))
                }
                Err(f) => failures.push(f),
            },
            Ok(None) => {}
            Err(e) => failures.push(fail(KeyStep::DidDocument, e)),
        }
    }

    // 3. A kid URL on the issuer's origin.
    if let Some(k) = kid.filter(|k| k.starts_with("https://") || k.starts_with("http://")) {
        match kid_url_step(issuer_id, k, fetcher, limits) {
            Ok(key) => match agree(KeyStep::KidUrl, k, key) {
                Ok(key) => {
                    return Ok(bound(
                        key,
                        KeySource::KidUrl { url: k.to_owned() },
                        failures,
                    ))
                }
                Err(f) => failures.push(f),
            },
            Err(e) => failures.push(fail(KeyStep::KidUrl, e)),
        }
    }

    // 4. The issuer's JWKS.
    if issuer_id.starts_with("https://") {
        match jwks_step(issuer_id, kid, jwk, fetcher, limits) {
            Ok((url, key)) => {
                let id = kid.unwrap_or(&url).to_owned();
                match agree(KeyStep::Jwks, &id, key) {
                    Ok(key) => {
                        return Ok(bound(
                            key,
                            KeySource::Jwks {
                                url,
                                kid: kid.map(str::to_owned),
                            },
                            failures,
                        ))
                    }
                    Err(f) => failures.push(f),
                }
            }
            Err(e) => failures.push(fail(KeyStep::Jwks, e)),
        }
    }

    match jwk {
        Some(j) => Ok(bound(j.clone(), KeySource::HeaderJwkUnbound, failures)),
        None => Err(KeyResolutionError { failures }),
    }
}

fn trusted_key(
    jws: &Jws,
    entries: &[(Option<String>, JosePublicKey)],
    kid: Option<&str>,
) -> Option<JosePublicKey> {
    let header = jws.header();
    if let Some(jwk) = &header.jwk {
        return entries.iter().map(|(_, k)| k).find(|k| *k == jwk).cloned();
    }
    if let Some(kid) = kid {
        if let Some((_, k)) = entries.iter().find(|(n, _)| n.as_deref() == Some(kid)) {
            return Some(k.clone());
        }
    }
    let candidates: Vec<&JosePublicKey> = entries
        .iter()
        .filter(|(n, _)| n.is_none() || kid.is_none())
        .map(|(_, k)| k)
        .filter(|k| k.algorithm() == header.alg)
        .collect();
    match candidates.as_slice() {
        [] => None,
        [one] => Some((*one).clone()),
        several => several
            .iter()
            .find(|k| jws.verify(k).is_ok())
            .or(several.first())
            .map(|k| (*k).clone()),
    }
}

/// [`crate::fetch::fetch_json`] with its errors as [`KeyStepError`]s.
fn fetch_json(fetcher: &dyn Fetcher, url: &str, limits: &Limits) -> Result<Value, KeyStepError> {
    crate::fetch::fetch_json(fetcher, url, limits).map_err(|e| match e {
        crate::fetch::FetchJsonError::Fetch(source) => KeyStepError::Fetch {
            url: url.to_owned(),
            source,
        },
        crate::fetch::FetchJsonError::Status { url, status } => {
            KeyStepError::HttpStatus { url, status }
        }
        crate::fetch::FetchJsonError::Json { url, source } => KeyStepError::Json { url, source },
    })
}

/// Longest Multikey text decoded (base58 decoding is quadratic).
const MAX_MULTIKEY_CHARS: usize = 128;

/// An Ed25519 (`0xed`) or P-256 (`0x1200`, compressed) public Multikey.
pub fn decode_jose_multikey(value: &str) -> Result<JosePublicKey, KeyStepError> {
    let err = |reason: &str| KeyStepError::Multikey {
        value: value.chars().take(MAX_MULTIKEY_CHARS).collect(),
        reason: reason.to_owned(),
    };
    if value.len() > MAX_MULTIKEY_CHARS {
        return Err(err("too long"));
    }
    let bytes = decode_multibase_base58btc(value).map_err(|e| err(&e.to_string()))?;
    match bytes.as_slice() {
        [0xed, 0x01, rest @ ..] => {
            let arr =
                <[u8; 32]>::try_from(rest).map_err(|_| err("Ed25519 key must be 32 bytes"))?;
            ed25519_dalek::VerifyingKey::from_bytes(&arr)
                .ok()
                .filter(|k| !k.is_weak())
                .map(JosePublicKey::Ed25519)
                .ok_or_else(|| err("not an Ed25519 point"))
        }
        [0x80, 0x24, rest @ ..] => {
            if rest.len() != 33 {
                return Err(err("P-256 key must be 33 bytes (compressed)"));
            }
            p256::ecdsa::VerifyingKey::from_sec1_bytes(rest)
                .map(JosePublicKey::P256)
                .map_err(|_| err("not a P-256 point"))
        }
        _ => Err(err("multicodec is neither ed25519-pub nor p256-pub")),
    }
}

fn did_of(url: &str) -> &str {
    url.split(['#', '?', '/']).next().unwrap_or(url)
}

fn did_step(
    issuer: &str,
    kid: Option<&str>,
    jwk: Option<&JosePublicKey>,
    fetcher: &dyn Fetcher,
    limits: &Limits,
) -> Result<Option<(String, JosePublicKey)>, KeyStepError> {
    let kid = kid.filter(|k| k.starts_with("did:"));
    if let Some(kid) = kid {
        let did = did_of(kid);
        if did != issuer {
            return Err(KeyStepError::NotIssuerDid {
                kid: kid.to_owned(),
                did: did.to_owned(),
                issuer: issuer.to_owned(),
            });
        }
    }
    if !issuer.starts_with("did:") {
        return Ok(None);
    }
    if let Some(msid) = issuer.strip_prefix("did:key:") {
        if let Some(kid) = kid {
            let fragment = kid.get(issuer.len()..).unwrap_or_default();
            if !(fragment.is_empty() || fragment.strip_prefix('#') == Some(msid)) {
                return Err(KeyStepError::DidKeyFragment {
                    kid: kid.to_owned(),
                });
            }
        } else if jwk.is_none() {
            return Err(KeyStepError::NoKeyReference);
        }
        let key = decode_jose_multikey(msid)?;
        return Ok(Some((format!("{issuer}#{msid}"), key)));
    }
    if issuer.starts_with("did:web:") {
        let url = did_web_to_url(issuer).map_err(KeyStepError::Did)?;
        let doc = fetch_json(fetcher, url.as_str(), limits)?;
        return match (kid, jwk) {
            (Some(kid), _) => {
                find_method(&doc, &[issuer], issuer, kid).map(|k| Some((kid.to_owned(), k)))
            }
            (None, Some(jwk)) => find_equal_method(&doc, issuer, jwk).map(Some),
            (None, None) => Err(KeyStepError::NoKeyReference),
        };
    }
    Err(KeyStepError::UnsupportedDidMethod {
        did: did_of(issuer).to_owned(),
    })
}

fn absolutize(id: &str, base: &str) -> String {
    if id.starts_with('#') {
        format!("{base}{id}")
    } else {
        id.to_owned()
    }
}

fn list<'a>(doc: &'a Map<String, Value>, key: &str) -> Vec<&'a Value> {
    match doc.get(key) {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v @ (Value::Object(_) | Value::String(_))) => vec![v],
        _ => Vec::new(),
    }
}

fn entry_id(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("id").and_then(Value::as_str),
        _ => None,
    }
}

fn method_key(method: &Map<String, Value>, id: &str) -> Result<JosePublicKey, KeyStepError> {
    if let Some(jwk) = method.get("publicKeyJwk") {
        return JosePublicKey::from_jwk(jwk).map_err(|source| KeyStepError::Key {
            id: id.to_owned(),
            source,
        });
    }
    if let Some(mb) = method.get("publicKeyMultibase").and_then(Value::as_str) {
        return decode_jose_multikey(mb);
    }
    Err(KeyStepError::NoKeyInMethod { id: id.to_owned() })
}

/// Finds `method_id` in a controller document whose `id` is one of
/// `doc_ids`, listed under `assertionMethod`, controlled by one of `doc_ids`
/// or `controller`.
fn find_method(
    doc: &Value,
    doc_ids: &[&str],
    controller: &str,
    method_id: &str,
) -> Result<JosePublicKey, KeyStepError> {
    let obj = doc.as_object().ok_or(KeyStepError::NotAKeyDocument {
        url: doc_ids.first().copied().unwrap_or_default().to_owned(),
    })?;
    let doc_id = obj.get("id").and_then(Value::as_str);
    let Some(doc_id) = doc_id.filter(|d| doc_ids.contains(d)) else {
        return Err(KeyStepError::DocumentIdMismatch {
            expected: doc_ids.first().copied().unwrap_or_default().to_owned(),
            found: doc_id.map(str::to_owned),
        });
    };
    let wanted = absolutize(method_id, doc_id);
    let is_wanted = |v: &&Value| entry_id(v).is_some_and(|i| absolutize(i, doc_id) == wanted);
    let listed = list(obj, "assertionMethod").into_iter().find(is_wanted);
    let Some(listed) = listed else {
        let exists = list(obj, "verificationMethod")
            .into_iter()
            .any(|v| is_wanted(&v));
        return Err(if exists {
            KeyStepError::NotAssertionMethod { id: wanted }
        } else {
            KeyStepError::MethodNotFound { id: wanted }
        });
    };
    let method = match listed {
        Value::Object(o) => Some(o),
        _ => list(obj, "verificationMethod")
            .into_iter()
            .find(is_wanted)
            .and_then(Value::as_object),
    }
    .ok_or_else(|| KeyStepError::MethodNotFound { id: wanted.clone() })?;
    let found = method.get("controller").and_then(Value::as_str);
    if !found.is_some_and(|c| c == controller || doc_ids.contains(&c)) {
        return Err(KeyStepError::ControllerMismatch {
            id: wanted,
            expected: controller.to_owned(),
            found: found.map(str::to_owned),
        });
    }
    method_key(method, &wanted)
}

/// Finds an `assertionMethod` method of `did`'s document whose key equals `jwk`.
fn find_equal_method(
    doc: &Value,
    did: &str,
    jwk: &JosePublicKey,
) -> Result<(String, JosePublicKey), KeyStepError> {
    let obj = doc.as_object().ok_or(KeyStepError::NotAKeyDocument {
        url: did.to_owned(),
    })?;
    for entry in list(obj, "assertionMethod") {
        let Some(id) = entry_id(entry) else { continue };
        if let Ok(key) = find_method(doc, &[did], did, id) {
            if key == *jwk {
                return Ok((absolutize(id, did), key));
            }
        }
    }
    Err(KeyStepError::KidNotFound {
        url: did.to_owned(),
        kid: None,
    })
}

fn same_origin(a: &url::Url, b: &url::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

fn kid_url_step(
    issuer: &str,
    kid: &str,
    fetcher: &dyn Fetcher,
    limits: &Limits,
) -> Result<JosePublicKey, KeyStepError> {
    let not_origin = || KeyStepError::NotOnIssuerOrigin {
        kid: kid.to_owned(),
        issuer: issuer.to_owned(),
    };
    let kid_url = url::Url::parse(kid).map_err(|_| not_origin())?;
    let issuer_url = url::Url::parse(issuer).map_err(|_| not_origin())?;
    if kid_url.scheme() != "https" || !same_origin(&kid_url, &issuer_url) {
        return Err(not_origin());
    }
    let base = kid.split_once('#').map_or(kid, |(b, _)| b);
    let fragment = kid_url.fragment();
    let doc = fetch_json(fetcher, base, limits)?;
    let Some(obj) = doc.as_object() else {
        return Err(KeyStepError::NotAKeyDocument {
            url: base.to_owned(),
        });
    };
    if obj.contains_key("kty") {
        return JosePublicKey::from_jwk(&doc).map_err(|source| KeyStepError::Key {
            id: kid.to_owned(),
            source,
        });
    }
    if obj.contains_key("keys") {
        let mut names = vec![kid];
        names.extend(fragment);
        return jwks_lookup(&doc, base, &names, None);
    }
    if obj.contains_key("verificationMethod") || obj.contains_key("assertionMethod") {
        return find_method(&doc, &[base, issuer], issuer, kid);
    }
    Err(KeyStepError::NotAKeyDocument {
        url: base.to_owned(),
    })
}

/// Looks up a key in a JWK Set by `kid` (any of `names`), or equal to `jwk` when `names` is empty.
fn jwks_lookup(
    doc: &Value,
    url: &str,
    names: &[&str],
    jwk: Option<&JosePublicKey>,
) -> Result<JosePublicKey, KeyStepError> {
    let keys =
        doc.get("keys")
            .and_then(Value::as_array)
            .ok_or_else(|| KeyStepError::NotAKeyDocument {
                url: url.to_owned(),
            })?;
    if names.is_empty() {
        let jwk = jwk.ok_or(KeyStepError::NoKeyReference)?;
        return keys
            .iter()
            .filter_map(|k| JosePublicKey::from_jwk(k).ok())
            .find(|k| k == jwk)
            .ok_or_else(|| KeyStepError::KidNotFound {
                url: url.to_owned(),
                kid: None,
            });
    }
    for name in names {
        let matching: Vec<&Value> = keys
            .iter()
            .filter(|k| k.get("kid").and_then(Value::as_str) == Some(name))
            .collect();
        match matching.as_slice() {
            [] => continue,
            [one] => {
                return JosePublicKey::from_jwk(one).map_err(|source| KeyStepError::Key {
                    id: (*name).to_owned(),
                    source,
                })
            }
            several => {
                return Err(KeyStepError::DuplicateKid {
                    url: url.to_owned(),
                    kid: (*name).to_owned(),
                    count: several.len(),
                })
            }
        }
    }
    Err(KeyStepError::KidNotFound {
        url: url.to_owned(),
        kid: names.first().map(|n| (*n).to_owned()),
    })
}

/// The JWKS URL of an https issuer: `https://{host[:port]}/.well-known/jwks.json`.
pub fn issuer_jwks_url(issuer: &str) -> Option<String> {
    let u = url::Url::parse(issuer).ok()?;
    if u.scheme() != "https" {
        return None;
    }
    let host = u.host_str()?;
    Some(match u.port() {
        Some(p) => format!("https://{host}:{p}/.well-known/jwks.json"),
        None => format!("https://{host}/.well-known/jwks.json"),
    })
}

fn jwks_step(
    issuer: &str,
    kid: Option<&str>,
    jwk: Option<&JosePublicKey>,
    fetcher: &dyn Fetcher,
    limits: &Limits,
) -> Result<(String, JosePublicKey), KeyStepError> {
    let url = issuer_jwks_url(issuer).ok_or_else(|| KeyStepError::IssuerNotHttps {
        issuer: issuer.to_owned(),
    })?;
    if kid.is_none() && jwk.is_none() {
        return Err(KeyStepError::NoKeyReference);
    }
    let doc = fetch_json(fetcher, &url, limits)?;
    let names: Vec<&str> = kid.into_iter().collect();
    let key = jwks_lookup(&doc, &url, &names, jwk)?;
    Ok((url, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jwks_url_of_an_issuer() {
        assert_eq!(
            issuer_jwks_url("https://example.edu/issuers/1").as_deref(),
            Some("https://example.edu/.well-known/jwks.json")
        );
        assert_eq!(
            issuer_jwks_url("https://example.edu:8443/i").as_deref(),
            Some("https://example.edu:8443/.well-known/jwks.json")
        );
        assert_eq!(issuer_jwks_url("http://example.edu/i"), None);
        assert_eq!(issuer_jwks_url("did:web:example.edu"), None);
    }
}
