//! `did:key` (Ed25519) and `did:web`, and finding a verification method in a
//! controller document.
//!
//! `did:key` resolves offline: the key is in the identifier. `did:web` maps to
//! an HTTPS URL ([`did_web_to_url`]) whose document is read only through a
//! caller-supplied [`Fetcher`].
//!
//! ```
//! use openbadges::did::{did_key_from_public, resolve_did_key_url};
//! use openbadges::keys::Ed25519KeyPair;
//! let key = Ed25519KeyPair::from_seed(&[0u8; 32]);
//! let did = did_key_from_public(&key.verifying_key());
//! assert_eq!(did, "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
//! let vm = format!("{did}#{}", key.public_multikey());
//! assert_eq!(resolve_did_key_url(&vm)?, key.verifying_key());
//! # Ok::<(), openbadges::did::DidError>(())
//! ```

use std::cell::RefCell;

use serde_json::{json, Map, Value};

use crate::fetch::{FetchError, Fetcher};
use crate::ids::{Did, IdError};
use crate::keys::{decode_multikey, encode_multikey, public_key_from_jwk, KeyError, VerifyingKey};
use crate::limits::{JsonInputError, Limits};
use crate::memo::{recall, Recent};

/// Why a DID could not be mapped or resolved to a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DidError {
    /// Not a DID or DID URL.
    #[error(transparent)]
    Id(#[from] IdError),
    /// A DID of another method than the one required.
    #[error("{did} is not a did:{expected} DID")]
    WrongMethod {
        /// The DID.
        did: String,
        /// The method required.
        expected: &'static str,
    },
    /// The key inside a did:key (or in a verification method) was refused.
    #[error("key in {context} refused: {source}")]
    Key {
        /// Which DID or verification method.
        context: String,
        /// Why.
        source: KeyError,
    },
    /// A did:key URL whose fragment is not the key itself.
    #[error("did:key verification method fragment must equal the key {expected}, found {found:?}")]
    FragmentMismatch {
        /// The key (method-specific id).
        expected: String,
        /// The fragment found (`None` when absent).
        found: Option<String>,
    },
    /// A did:web that does not map to a URL.
    #[error("invalid did:web {did}: {reason}")]
    BadDidWeb {
        /// The DID.
        did: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A verification method id without a fragment where one is required.
    #[error("verification method {id} has no #fragment")]
    NoFragment {
        /// The id.
        id: String,
    },
    /// The fetcher failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The fetched document answered with a non-200 status.
    #[error("fetching {url} returned HTTP {status}")]
    HttpStatus {
        /// The URL.
        url: String,
        /// The status.
        status: u16,
    },
    /// The fetched document is not acceptable JSON.
    #[error("DID document from {url}: {source}")]
    Json {
        /// The URL.
        url: String,
        /// Why.
        source: JsonInputError,
    },
    /// The controller document is not a JSON object.
    #[error("controller document is not a JSON object")]
    DocumentNotObject,
    /// The document's `id` is not the expected controller.
    #[error("controller document id is {found:?}, expected {expected}")]
    DocumentIdMismatch {
        /// The expected id.
        expected: String,
        /// The id found.
        found: Option<String>,
    },
    /// No verification method with this id in the document.
    #[error("verification method {id} not found in the controller document")]
    MethodNotFound {
        /// The id looked for.
        id: String,
    },
    /// The method's `controller` is not the document's subject.
    #[error("verification method {id} has controller {found:?}, expected {expected}")]
    ControllerMismatch {
        /// The method id.
        id: String,
        /// The expected controller.
        expected: String,
        /// The controller found.
        found: Option<String>,
    },
    /// The method is not listed under the required verification relationship.
    #[error("verification method {id} is not authorized for {relationship}")]
    NotAuthorized {
        /// The method id.
        id: String,
        /// The relationship, e.g. `assertionMethod`.
        relationship: String,
    },
    /// A verification method type this crate cannot read a key from.
    #[error("verification method {id} has unsupported type {found:?} (supported: Multikey, Ed25519VerificationKey2020, JsonWebKey, JsonWebKey2020)")]
    UnsupportedMethodType {
        /// The method id.
        id: String,
        /// The type found.
        found: Option<String>,
    },
}

fn key_err(context: &str) -> impl FnOnce(KeyError) -> DidError + '_ {
    move |source| DidError::Key {
        context: context.to_owned(),
        source,
    }
}

/// The `did:key` of an Ed25519 public key: `did:key:z6Mk…`.
pub fn did_key_from_public(key: &VerifyingKey) -> String {
    format!("did:key:{}", encode_multikey(key))
}

/// The verification method id of a did:key: `did:key:z6Mk…#z6Mk…`.
pub fn did_key_verification_method(key: &VerifyingKey) -> String {
    let mk = encode_multikey(key);
    format!("did:key:{mk}#{mk}")
}

/// The public key of a `did:key:z6Mk…` DID (no fragment).
///
/// # Errors
/// [`DidError::Id`] for a malformed DID, [`DidError::WrongMethod`] for another
/// method, [`DidError::Key`] when the key is not an Ed25519 Multikey.
pub fn public_key_from_did_key(did: &str) -> Result<VerifyingKey, DidError> {
    thread_local! {
        static KEYS: RefCell<Recent<String, VerifyingKey>> = const { RefCell::new(Recent::new()) };
    }
    // Decoding is a base58 decode and a point decompression; a bulk run
    // asks for the same issuer key for every credential.
    recall(
        &KEYS,
        |k| k == did,
        || did.to_owned(),
        || decode_did_key(did),
    )
}

fn decode_did_key(did: &str) -> Result<VerifyingKey, DidError> {
    let did = Did::new(did)?;
    if did.method() != "key" {
        return Err(DidError::WrongMethod {
            did: did.as_str().to_owned(),
            expected: "key",
        });
    }
    decode_multikey(did.method_specific_id()).map_err(key_err(did.as_str()))
}

/// Resolves a did:key verification method URL (`did:key:z6Mk…#z6Mk…`) to its
/// key; the fragment must equal the key. A bare did:key is also accepted.
///
/// # Errors
/// As [`public_key_from_did_key`], and [`DidError::FragmentMismatch`].
pub fn resolve_did_key_url(url: &str) -> Result<VerifyingKey, DidError> {
    let did_url = crate::ids::DidUrl::new(url)?;
    let did = did_url.did();
    let key = public_key_from_did_key(did.as_str())?;
    let rest = url.get(did.as_str().len()..).unwrap_or("");
    if rest.is_empty() {
        return Ok(key);
    }
    let fragment = did_url.fragment();
    let only_fragment = rest.starts_with('#');
    if !only_fragment || fragment != Some(did.method_specific_id()) {
        return Err(DidError::FragmentMismatch {
            expected: did.method_specific_id().to_owned(),
            found: fragment.map(str::to_owned),
        });
    }
    Ok(key)
}

/// The DID document of an Ed25519 did:key, with one `Multikey` verification
/// method referenced from `authentication`, `assertionMethod`,
/// `capabilityInvocation` and `capabilityDelegation` (no X25519 `keyAgreement`).
pub fn did_key_document(key: &VerifyingKey) -> Value {
    let mk = encode_multikey(key);
    let did = format!("did:key:{mk}");
    let vm = format!("{did}#{mk}");
    json!({
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/multikey/v1"
        ],
        "id": did,
        "verificationMethod": [{
            "id": vm,
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": mk
        }],
        "authentication": [vm],
        "assertionMethod": [vm],
        "capabilityInvocation": [vm],
        "capabilityDelegation": [vm]
    })
}

/// The HTTPS URL of a did:web document.
///
/// `did:web:example.com` → `https://example.com/.well-known/did.json`;
/// `did:web:example.com:user:alice` → `https://example.com/user/alice/did.json`;
/// `did:web:example.com%3A8443` → `https://example.com:8443/.well-known/did.json`.
///
/// # Errors
/// [`DidError::WrongMethod`], or [`DidError::BadDidWeb`] when the host or a
/// path segment is unusable (empty, `.`/`..`, an encoded `/`, userinfo, …).
pub fn did_web_to_url(did: &str) -> Result<url::Url, DidError> {
    let did_v = Did::new(did)?;
    if did_v.method() != "web" {
        return Err(DidError::WrongMethod {
            did: did.to_owned(),
            expected: "web",
        });
    }
    let bad = |reason| DidError::BadDidWeb {
        did: did.to_owned(),
        reason,
    };
    let mut parts = did_v.method_specific_id().split(':');
    let host_enc = parts.next().unwrap_or("");
    let host = percent_encoding::percent_decode_str(host_enc)
        .decode_utf8()
        .map_err(|_| bad("host is not UTF-8 after percent-decoding"))?;
    if host.is_empty()
        || host
            .chars()
            .any(|c| matches!(c, '/' | '@' | '?' | '#' | '\\' | '%') || c.is_whitespace())
    {
        return Err(bad("host is empty or contains a character a host cannot"));
    }
    let mut path = String::new();
    let mut segments = 0usize;
    for seg in parts {
        let decoded = percent_encoding::percent_decode_str(seg)
            .decode_utf8()
            .map_err(|_| bad("path segment is not UTF-8 after percent-decoding"))?;
        if seg.is_empty() || decoded == "." || decoded == ".." || decoded.contains(['/', '\\']) {
            return Err(bad(
                "path segment is empty, a dot segment, or contains an encoded slash",
            ));
        }
        path.push('/');
        path.push_str(seg);
        segments += 1;
    }
    if segments == 0 {
        path.push_str("/.well-known");
    }
    path.push_str("/did.json");
    let url = url::Url::parse(&format!("https://{host}{path}"))
        .map_err(|_| bad("does not map to a valid https URL"))?;
    if url.host_str().is_none() || !url.username().is_empty() || url.password().is_some() {
        return Err(bad("does not map to an https URL with a host"));
    }
    Ok(url)
}

/// A verification method read from a controller document.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerificationMethod {
    /// Its absolute id.
    pub id: String,
    /// Its `type`.
    pub method_type: String,
    /// Its `controller`.
    pub controller: String,
    /// The Ed25519 public key.
    pub public_key: VerifyingKey,
}

fn absolutize(id: &str, base: &str) -> String {
    if id.starts_with('#') {
        format!("{base}{id}")
    } else {
        id.to_owned()
    }
}

/// Finds verification method `method_id` in a controller document whose `id`
/// must be `controller`, checks its `controller`, optionally checks that it is
/// listed under `relationship` (e.g. `assertionMethod`), and reads its key
/// (`Multikey` / `Ed25519VerificationKey2020` `publicKeyMultibase`, or
/// `JsonWebKey` / `JsonWebKey2020` `publicKeyJwk`).
///
/// # Errors
/// [`DidError::DocumentIdMismatch`], [`DidError::MethodNotFound`],
/// [`DidError::ControllerMismatch`], [`DidError::NotAuthorized`],
/// [`DidError::UnsupportedMethodType`] or [`DidError::Key`].
pub fn find_verification_method(
    document: &Value,
    controller: &str,
    method_id: &str,
    relationship: Option<&str>,
) -> Result<VerificationMethod, DidError> {
    let doc = document.as_object().ok_or(DidError::DocumentNotObject)?;
    let doc_id = doc.get("id").and_then(Value::as_str);
    if doc_id != Some(controller) {
        return Err(DidError::DocumentIdMismatch {
            expected: controller.to_owned(),
            found: doc_id.map(str::to_owned),
        });
    }
    let wanted = absolutize(method_id, controller);
    let as_list = |key: &str| -> Vec<&Value> {
        match doc.get(key) {
            Some(Value::Array(a)) => a.iter().collect(),
            Some(v @ Value::Object(_)) | Some(v @ Value::String(_)) => vec![v],
            _ => Vec::new(),
        }
    };
    let matches = |v: &&Value| -> bool {
        match v {
            Value::String(s) => absolutize(s, controller) == wanted,
            Value::Object(o) => o
                .get("id")
                .and_then(Value::as_str)
                .is_some_and(|s| absolutize(s, controller) == wanted),
            _ => false,
        }
    };
    let mut method: Option<&Map<String, Value>> = as_list("verificationMethod")
        .into_iter()
        .find(matches)
        .and_then(Value::as_object);
    if let Some(rel) = relationship {
        let listed = as_list(rel).into_iter().find(matches);
        match listed {
            None => {
                return Err(DidError::NotAuthorized {
                    id: wanted,
                    relationship: rel.to_owned(),
                })
            }
            Some(Value::Object(o)) => method = Some(o),
            Some(_) => {}
        }
    }
    let method = method.ok_or_else(|| DidError::MethodNotFound { id: wanted.clone() })?;
    let found_controller = method.get("controller").and_then(Value::as_str);
    if found_controller != Some(controller) {
        return Err(DidError::ControllerMismatch {
            id: wanted,
            expected: controller.to_owned(),
            found: found_controller.map(str::to_owned),
        });
    }
    let method_type = method.get("type").and_then(Value::as_str);
    let public_key = match method_type {
        Some("Multikey") | Some("Ed25519VerificationKey2020") => {
            let mb = method
                .get("publicKeyMultibase")
                .and_then(Value::as_str)
                .ok_or_else(|| DidError::Key {
                    context: wanted.clone(),
                    source: KeyError::UnsupportedMultibase { prefix: None },
                })?;
            decode_multikey(mb).map_err(key_err(&wanted))?
        }
        Some("JsonWebKey") | Some("JsonWebKey2020") => {
            let jwk = method.get("publicKeyJwk").unwrap_or(&Value::Null);
            public_key_from_jwk(jwk).map_err(key_err(&wanted))?
        }
        other => {
            return Err(DidError::UnsupportedMethodType {
                id: wanted,
                found: other.map(str::to_owned),
            })
        }
    };
    Ok(VerificationMethod {
        id: wanted,
        method_type: method_type.unwrap_or_default().to_owned(),
        controller: controller.to_owned(),
        public_key,
    })
}

/// Resolves a did:web verification method URL (`did:web:…#key-1`): fetches
/// the DID document through `fetcher` within `limits`, and finds the method
/// (which must be listed under `relationship` when one is given).
///
/// # Errors
/// Mapping errors from [`did_web_to_url`], [`DidError::NoFragment`],
/// [`DidError::Fetch`], [`DidError::HttpStatus`], [`DidError::Json`], and
/// the errors of [`find_verification_method`].
pub fn resolve_did_web(
    method_url: &str,
    fetcher: &dyn Fetcher,
    limits: &Limits,
    relationship: Option<&str>,
) -> Result<VerificationMethod, DidError> {
    let did_url = crate::ids::DidUrl::new(method_url)?;
    let did = did_url.did();
    if did_url.fragment().is_none() {
        return Err(DidError::NoFragment {
            id: method_url.to_owned(),
        });
    }
    let url = did_web_to_url(did.as_str())?;
    let doc = fetch_json_document(fetcher, url.as_str(), limits)?;
    find_verification_method(&doc, did.as_str(), method_url, relationship)
}

/// [`crate::fetch::fetch_json`] with its errors as [`DidError`]s.
///
/// # Errors
/// [`DidError::Fetch`], [`DidError::HttpStatus`] or [`DidError::Json`].
pub(crate) fn fetch_json_document(
    fetcher: &dyn Fetcher,
    url: &str,
    limits: &Limits,
) -> Result<serde_json::Value, DidError> {
    crate::fetch::fetch_json(fetcher, url, limits).map_err(|e| match e {
        crate::fetch::FetchJsonError::Fetch(f) => DidError::Fetch(f),
        crate::fetch::FetchJsonError::Status { url, status } => {
            DidError::HttpStatus { url, status }
        }
        crate::fetch::FetchJsonError::Json { url, source } => DidError::Json { url, source },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_web_urls() {
        let u = |d: &str| did_web_to_url(d).map(|u| u.to_string());
        assert_eq!(
            u("did:web:example.com").unwrap(),
            "https://example.com/.well-known/did.json"
        );
        assert_eq!(
            u("did:web:example.com:user:alice").unwrap(),
            "https://example.com/user/alice/did.json"
        );
        assert_eq!(
            u("did:web:example.com%3A3000:u").unwrap(),
            "https://example.com:3000/u/did.json"
        );
        assert!(matches!(
            u("did:web:example.com:..:x"),
            Err(DidError::BadDidWeb { .. })
        ));
        assert!(matches!(
            u("did:web:example.com:a%2Fb"),
            Err(DidError::BadDidWeb { .. })
        ));
        assert!(matches!(
            u("did:web:user%40evil.com"),
            Err(DidError::BadDidWeb { .. })
        ));
        assert!(matches!(
            u("did:key:z6Mk"),
            Err(DidError::WrongMethod { .. })
        ));
    }
}
