//! Compact JWS (RFC 7515): strict, bounded parsing with the RFC 8725
//! refusals, signature verification, and signing.
//!
//! [`Jws::parse`] checks, in this order, and stops at the first refusal:
//!
//! 1. the token: at most [`max_compact_len`] bytes, exactly three
//!    `.`-separated parts (a 5-part JWE is refused), each strict base64url
//!    without padding (no `=`, no whitespace, no non-canonical trailing
//!    bits), a non-empty payload (no detached content);
//! 2. the header: JSON within the limits, an object without duplicate
//!    member names;
//! 3. `alg`, against the allow-list **before any key is used**: `none`
//!    ([`JwsError::AlgNone`]), `HS256`/`HS384`/`HS512`
//!    ([`JwsError::HmacAlgorithm`], which also stops HMAC keyed with a public
//!    key), anything else not `EdDSA`/`ES256`/`RS256`
//!    ([`JwsError::UnsupportedAlgorithm`]);
//! 4. `b64: false` ([`JwsError::UnencodedPayload`]), any `crit`
//!    ([`JwsError::CritNotUnderstood`]: no extension is understood here);
//! 5. `jku` and `x5u` ([`JwsError::JkuRefused`], [`JwsError::X5uRefused`]):
//!    key URLs chosen by the sender are never followed;
//! 6. `jwk`: private members refused ([`JwsError::JwkPrivateMember`]), then
//!    read as a public key, whose own `alg`, if any, must be the header's
//!    ([`JwsError::JwkAlgorithmMismatch`]); `kid`, `typ`, `cty` must be strings.
//!
//! [`Jws::verify`] then refuses a key whose type does not match `alg`
//! ([`JwsError::AlgorithmKeyMismatch`]) before checking the signature.
//!
//! ```
//! use openbadges::jose::{sign_compact, Jws, JwsError, JwsSigner};
//! use openbadges::keys::Ed25519KeyPair;
//! use openbadges::limits::Limits;
//! let key = Ed25519KeyPair::from_seed(&[1u8; 32]);
//! let token = sign_compact(serde_json::Map::new(), br#"{"hello":"world"}"#, &key)?;
//! let jws = Jws::parse(&token, &Limits::DEFAULT)?;
//! jws.verify(&key.public_key())?;
//! assert_eq!(jws.payload(), br#"{"hello":"world"}"#);
//!
//! // alg "none" never reaches a key.
//! let none = "eyJhbGciOiJub25lIn0.e30.";
//! assert!(matches!(Jws::parse(none, &Limits::DEFAULT), Err(JwsError::AlgNone)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use base64::Engine as _;
use serde_json::{Map, Value};

use super::keys::{
    private_member, JosePublicKey, JwkError, JwsAlgorithm, JwsSigner, KeyType, VerifyError,
};
use crate::limits::{parse_json_limited, JsonInputError, Limit, LimitExceeded, Limits};

/// Largest decoded JOSE header accepted, in bytes (an 8192-bit RSA `jwk` is under 2 KiB).
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
/// Largest decoded signature accepted, in bytes (an 8192-bit RSA signature is 1024).
pub const MAX_SIGNATURE_BYTES: usize = 1024;

/// The longest compact JWS accepted under `limits`: enough for a payload of
/// `max_json_bytes`, the largest header and the largest signature, base64url-encoded.
pub fn max_compact_len(limits: &Limits) -> usize {
    let enc = |n: usize| n.saturating_add(2) / 3 * 4;
    enc(limits.max_json_bytes)
        .saturating_add(enc(MAX_HEADER_BYTES))
        .saturating_add(enc(MAX_SIGNATURE_BYTES))
        .saturating_add(2)
}

/// One of the three parts of a compact JWS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JwsPart {
    /// The protected header.
    Header,
    /// The payload.
    Payload,
    /// The signature.
    Signature,
}

impl fmt::Display for JwsPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            JwsPart::Header => "header",
            JwsPart::Payload => "payload",
            JwsPart::Signature => "signature",
        })
    }
}

/// Why a compact JWS was refused, or did not verify. Each RFC 8725 refusal
/// has its own variant, so a verifier can name the failed check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwsError {
    /// The token is longer than [`max_compact_len`].
    #[error(transparent)]
    TooLarge(LimitExceeded),
    /// Not three `.`-separated parts (a JWE has five).
    #[error("a compact JWS has 3 parts separated by '.', found {parts}")]
    NotCompact {
        /// The number of parts found.
        parts: usize,
    },
    /// A part that is not strict base64url without padding.
    #[error("JWS {part} is not base64url without padding")]
    Base64 {
        /// The part.
        part: JwsPart,
    },
    /// The payload is empty (detached content is not supported).
    #[error("JWS payload is empty (detached payloads are not supported)")]
    EmptyPayload,
    /// A decoded part over its size limit.
    #[error("JWS {part} is {found} bytes decoded, over the limit of {max}")]
    PartTooLarge {
        /// The part.
        part: JwsPart,
        /// The limit.
        max: usize,
        /// The size found.
        found: usize,
    },
    /// The header is not acceptable JSON.
    #[error("JWS header: {0}")]
    HeaderJson(JsonInputError),
    /// The header is not a JSON object.
    #[error("JWS header is not a JSON object")]
    HeaderNotObject,
    /// A member name appears twice in the header (RFC 7515 §5.2 allows refusing; RFC 8725 advises it).
    #[error("JWS header has the member {name:?} twice")]
    DuplicateHeaderMember {
        /// The member.
        name: String,
    },
    /// No `alg`.
    #[error("JWS header has no alg")]
    MissingAlgorithm,
    /// A header member of the wrong JSON type.
    #[error("JWS header member {member:?} must be {expected}")]
    HeaderMemberType {
        /// The member.
        member: &'static str,
        /// What it must be.
        expected: &'static str,
    },
    /// `alg: none`: an unsecured JWS.
    #[error("JWS alg is \"none\" (unsecured): refused")]
    AlgNone,
    /// `HS256`/`HS384`/`HS512`: a MAC, not a signature. A verifier that
    /// accepted it could be fed a token MACed with the issuer's *public* key.
    #[error("JWS alg {alg:?} is an HMAC (symmetric) algorithm: refused")]
    HmacAlgorithm {
        /// The `alg` found.
        alg: String,
    },
    /// An `alg` not on the allow-list (`EdDSA`, `ES256`, `RS256`).
    #[error("JWS alg {alg:?} is not allowed (allowed: EdDSA, ES256, RS256)")]
    UnsupportedAlgorithm {
        /// The `alg` found.
        alg: String,
    },
    /// `b64: false` (RFC 7797 unencoded payload).
    #[error("JWS header has b64: false (unencoded payload): refused")]
    UnencodedPayload,
    /// `crit` lists extensions; none is understood here.
    #[error("JWS header marks {names:?} as critical; no critical extension is understood")]
    CritNotUnderstood {
        /// The names listed.
        names: Vec<String>,
    },
    /// `crit` is not a non-empty array of strings.
    #[error("JWS header crit must be a non-empty array of strings")]
    CritMalformed,
    /// `jku`: a URL for a JWK Set, chosen by the sender. Never followed.
    #[error("JWS header has jku {url:?}: key URLs chosen by the sender are never followed")]
    JkuRefused {
        /// The URL (as JSON text when not a string).
        url: String,
    },
    /// `x5u`: a URL for an X.509 chain, chosen by the sender. Never followed.
    #[error("JWS header has x5u {url:?}: key URLs chosen by the sender are never followed")]
    X5uRefused {
        /// The URL (as JSON text when not a string).
        url: String,
    },
    /// A header `jwk` with a private or symmetric member.
    #[error("JWS header jwk carries the private member {member:?}: refused")]
    JwkPrivateMember {
        /// The member.
        member: &'static str,
    },
    /// A header `jwk` whose own `alg` member names another algorithm.
    #[error("JWS alg is {alg} but the header jwk is declared for {declared:?}")]
    JwkAlgorithmMismatch {
        /// The header's algorithm.
        alg: JwsAlgorithm,
        /// The jwk's `alg`.
        declared: String,
    },
    /// A header `jwk` that is not a usable public key.
    #[error("JWS header jwk refused: {0}")]
    InvalidJwk(JwkError),
    /// The key's type does not match `alg`.
    #[error("JWS alg {alg} does not match the key type {key}")]
    AlgorithmKeyMismatch {
        /// The header's algorithm.
        alg: JwsAlgorithm,
        /// The key's type.
        key: KeyType,
    },
    /// A signature of the wrong length.
    #[error("{alg} signature must be {expected} bytes, found {found}")]
    SignatureLength {
        /// The algorithm.
        alg: JwsAlgorithm,
        /// Required.
        expected: usize,
        /// Found.
        found: usize,
    },
    /// The signature does not verify under the key.
    #[error("JWS {alg} signature does not verify")]
    BadSignature {
        /// The algorithm.
        alg: JwsAlgorithm,
    },
    /// Signing failed.
    #[error("JWS signing failed: {reason}")]
    Signing {
        /// The signer's message.
        reason: String,
    },
}

impl From<VerifyError> for JwsError {
    fn from(e: VerifyError) -> Self {
        match e {
            VerifyError::AlgorithmKeyMismatch { alg, key } => {
                JwsError::AlgorithmKeyMismatch { alg, key }
            }
            VerifyError::SignatureLength {
                alg,
                expected,
                found,
            } => JwsError::SignatureLength {
                alg,
                expected,
                found,
            },
            VerifyError::BadSignature { alg } => JwsError::BadSignature { alg },
        }
    }
}

/// A checked JOSE header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct JoseHeader {
    /// The algorithm (on the allow-list).
    pub alg: JwsAlgorithm,
    /// `kid`, if any.
    pub kid: Option<String>,
    /// `jwk`, read as a public key, if any. It binds nothing by itself.
    pub jwk: Option<JosePublicKey>,
    /// `typ`, if any.
    pub typ: Option<String>,
    /// `cty`, if any.
    pub cty: Option<String>,
    /// Every member as received.
    pub members: Map<String, Value>,
}

/// Whether `name` is `none` (any case), as refused by [`JwsError::AlgNone`].
fn is_none_alg(name: &str) -> bool {
    name.eq_ignore_ascii_case("none")
}

fn is_hmac_alg(name: &str) -> bool {
    matches!(
        name.to_ascii_uppercase().as_str(),
        "HS256" | "HS384" | "HS512"
    )
}

fn json_text(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

fn opt_string(
    members: &Map<String, Value>,
    name: &'static str,
) -> Result<Option<String>, JwsError> {
    match members.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(JwsError::HeaderMemberType {
            member: name,
            expected: "a string",
        }),
    }
}

impl JoseHeader {
    /// Checks header members (see the module docs for the order).
    ///
    /// # Errors
    /// The header refusals of [`JwsError`].
    pub fn from_members(members: Map<String, Value>) -> Result<Self, JwsError> {
        let alg = match members.get("alg") {
            None => return Err(JwsError::MissingAlgorithm),
            Some(Value::String(s)) => s.as_str(),
            Some(_) => {
                return Err(JwsError::HeaderMemberType {
                    member: "alg",
                    expected: "a string",
                })
            }
        };
        if is_none_alg(alg) {
            return Err(JwsError::AlgNone);
        }
        if is_hmac_alg(alg) {
            return Err(JwsError::HmacAlgorithm {
                alg: alg.to_owned(),
            });
        }
        let alg = JwsAlgorithm::from_name(alg).ok_or_else(|| JwsError::UnsupportedAlgorithm {
            alg: alg.to_owned(),
        })?;
        match members.get("b64") {
            None | Some(Value::Bool(true)) => {}
            Some(Value::Bool(false)) => return Err(JwsError::UnencodedPayload),
            Some(_) => {
                return Err(JwsError::HeaderMemberType {
                    member: "b64",
                    expected: "a boolean",
                })
            }
        }
        if let Some(crit) = members.get("crit") {
            let names: Option<Vec<String>> = crit
                .as_array()
                .filter(|a| !a.is_empty())
                .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_owned)).collect());
            return Err(match names {
                Some(names) => JwsError::CritNotUnderstood { names },
                None => JwsError::CritMalformed,
            });
        }
        if let Some(url) = members.get("jku") {
            return Err(JwsError::JkuRefused {
                url: json_text(url),
            });
        }
        if let Some(url) = members.get("x5u") {
            return Err(JwsError::X5uRefused {
                url: json_text(url),
            });
        }
        let jwk = match members.get("jwk") {
            None => None,
            Some(Value::Object(o)) => {
                if let Some(member) = private_member(o) {
                    return Err(JwsError::JwkPrivateMember { member });
                }
                let key = JosePublicKey::from_jwk(&Value::Object(o.clone()))
                    .map_err(JwsError::InvalidJwk)?;
                // A key declared for another algorithm (RFC 7517 §4.4) is not used for this one.
                if let Some(declared) = o.get("alg") {
                    if declared.as_str() != Some(alg.name()) {
                        return Err(JwsError::JwkAlgorithmMismatch {
                            alg,
                            declared: json_text(declared),
                        });
                    }
                }
                Some(key)
            }
            Some(_) => {
                return Err(JwsError::HeaderMemberType {
                    member: "jwk",
                    expected: "a JSON object",
                })
            }
        };
        let kid = opt_string(&members, "kid")?;
        let typ = opt_string(&members, "typ")?;
        let cty = opt_string(&members, "cty")?;
        Ok(JoseHeader {
            alg,
            kid,
            jwk,
            typ,
            cty,
            members,
        })
    }
}

/// Parses untrusted JSON bytes that must be an object with unique member
/// names. `Err` when the limits or the syntax refuse the JSON; `Ok(Ok(map))`
/// for an object; `Ok(Err(Some(name)))` for a duplicated member name;
/// `Ok(Err(None))` when the JSON is not an object.
pub(crate) fn parse_unique_object(
    bytes: &[u8],
    limits: &Limits,
) -> Result<Result<Map<String, Value>, Option<String>>, JsonInputError> {
    // Size, depth, syntax, duplicate members and inexact numbers: the
    // crate's one JSON gate (crate::json).
    let value = match parse_json_limited(bytes, limits) {
        Ok(v) => v,
        Err(JsonInputError::Rule(crate::json::JsonRuleError {
            rule: crate::json::JsonRule::DuplicateMember { name },
            ..
        })) => return Ok(Err(Some(name))),
        Err(e) => return Err(e),
    };
    match value {
        Value::Object(map) => Ok(Ok(map)),
        _ => Ok(Err(None)),
    }
}

/// A parsed compact JWS whose header passed the safety checks. Its
/// signature is not yet verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jws {
    header: JoseHeader,
    signing_input: String,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

fn decode_part(text: &str, part: JwsPart, max: usize) -> Result<Vec<u8>, JwsError> {
    if text.len() / 4 * 3 > max.saturating_add(3) {
        return Err(JwsError::PartTooLarge {
            part,
            max,
            found: text.len() / 4 * 3,
        });
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| JwsError::Base64 { part })?;
    if bytes.len() > max {
        return Err(JwsError::PartTooLarge {
            part,
            max,
            found: bytes.len(),
        });
    }
    Ok(bytes)
}

impl Jws {
    /// Parses a compact JWS and checks its header (see the module docs).
    ///
    /// # Errors
    /// The parsing and header refusals of [`JwsError`].
    pub fn parse(token: &str, limits: &Limits) -> Result<Self, JwsError> {
        let max = max_compact_len(limits);
        if token.len() > max {
            return Err(JwsError::TooLarge(LimitExceeded {
                limit: Limit::JsonBytes,
                max,
                found: Some(token.len()),
            }));
        }
        let parts: Vec<&str> = token.split('.').collect();
        let [h, p, s] = parts.as_slice() else {
            return Err(JwsError::NotCompact { parts: parts.len() });
        };
        let header_bytes = decode_part(h, JwsPart::Header, MAX_HEADER_BYTES)?;
        if p.is_empty() {
            return Err(JwsError::EmptyPayload);
        }
        let payload = decode_part(p, JwsPart::Payload, limits.max_json_bytes)?;
        let signature = decode_part(s, JwsPart::Signature, MAX_SIGNATURE_BYTES)?;
        let members =
            match parse_unique_object(&header_bytes, limits).map_err(JwsError::HeaderJson)? {
                Ok(m) => m,
                Err(None) => return Err(JwsError::HeaderNotObject),
                Err(Some(name)) => return Err(JwsError::DuplicateHeaderMember { name }),
            };
        let header = JoseHeader::from_members(members)?;
        Ok(Jws {
            header,
            signing_input: format!("{h}.{p}"),
            payload,
            signature,
        })
    }

    /// The checked header.
    pub fn header(&self) -> &JoseHeader {
        &self.header
    }

    /// The decoded payload bytes.
    pub fn payload(&self) -> &[u8] {
        &self.payload
    }

    /// The decoded signature bytes.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// The JWS signing input (`BASE64URL(header) '.' BASE64URL(payload)`).
    pub fn signing_input(&self) -> &[u8] {
        self.signing_input.as_bytes()
    }

    /// Verifies the signature with `key`.
    ///
    /// # Errors
    /// [`JwsError::AlgorithmKeyMismatch`] when the key's type is not the one
    /// `alg` uses (checked first), [`JwsError::SignatureLength`],
    /// [`JwsError::BadSignature`].
    pub fn verify(&self, key: &JosePublicKey) -> Result<(), JwsError> {
        key.verify(self.header.alg, self.signing_input(), &self.signature)
            .map_err(JwsError::from)
    }
}

/// Signs `payload` as a compact JWS with `signer`.
///
/// `alg` is set from the signer; other members come from `header` (for
/// example `typ`, `kid` or `jwk`). The header is checked as [`Jws::parse`]
/// would check it, so this never produces a token the parser refuses.
///
/// # Errors
/// A header refusal of [`JwsError`], or [`JwsError::Signing`].
pub fn sign_compact(
    mut header: Map<String, Value>,
    payload: &[u8],
    signer: &dyn JwsSigner,
) -> Result<String, JwsError> {
    header.insert(
        "alg".to_owned(),
        Value::String(signer.algorithm().name().to_owned()),
    );
    // Put `alg` first, as is customary.
    let mut ordered = Map::new();
    if let Some(alg) = header.remove("alg") {
        ordered.insert("alg".to_owned(), alg);
    }
    ordered.extend(header);
    let checked = JoseHeader::from_members(ordered)?;
    if let Some(jwk) = &checked.jwk {
        if jwk.algorithm() != checked.alg {
            return Err(JwsError::AlgorithmKeyMismatch {
                alg: checked.alg,
                key: jwk.key_type(),
            });
        }
    }
    if payload.is_empty() {
        return Err(JwsError::EmptyPayload);
    }
    let header_json = serde_json::to_vec(&checked.members).map_err(|e| JwsError::Signing {
        reason: e.to_string(),
    })?;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut token = b64.encode(header_json);
    token.push('.');
    token.push_str(&b64.encode(payload));
    let sig = signer
        .sign_jws(token.as_bytes())
        .map_err(|e| JwsError::Signing { reason: e.reason })?;
    token.push('.');
    token.push_str(&b64.encode(sig));
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    }

    fn token(header: &str) -> String {
        format!("{}.{}.AAAA", b64(header), b64("{}"))
    }

    fn parse(header: &str) -> Result<Jws, JwsError> {
        Jws::parse(&token(header), &Limits::DEFAULT)
    }

    #[test]
    fn header_refusals_are_named() {
        assert_eq!(parse(r#"{"alg":"none"}"#), Err(JwsError::AlgNone));
        assert_eq!(parse(r#"{"alg":"NONE"}"#), Err(JwsError::AlgNone));
        assert!(matches!(
            parse(r#"{"alg":"HS256"}"#),
            Err(JwsError::HmacAlgorithm { .. })
        ));
        assert!(matches!(
            parse(r#"{"alg":"PS256"}"#),
            Err(JwsError::UnsupportedAlgorithm { .. })
        ));
        assert_eq!(parse(r#"{"typ":"JWT"}"#), Err(JwsError::MissingAlgorithm));
        assert_eq!(
            parse(r#"{"alg":"EdDSA","alg":"none"}"#),
            Err(JwsError::DuplicateHeaderMember { name: "alg".into() })
        );
        assert_eq!(
            parse(r#"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#),
            Err(JwsError::UnencodedPayload)
        );
        assert_eq!(
            parse(r#"{"alg":"EdDSA","crit":["exp"],"exp":1}"#),
            Err(JwsError::CritNotUnderstood {
                names: vec!["exp".into()]
            })
        );
        assert_eq!(
            parse(r#"{"alg":"EdDSA","crit":[]}"#),
            Err(JwsError::CritMalformed)
        );
        assert!(matches!(
            parse(r#"{"alg":"RS256","jku":"https://evil.example/jwks"}"#),
            Err(JwsError::JkuRefused { .. })
        ));
        assert!(matches!(
            parse(r#"{"alg":"RS256","x5u":"https://evil.example/c"}"#),
            Err(JwsError::X5uRefused { .. })
        ));
        assert_eq!(
            parse(r#"{"alg":"HS256","jwk":{"kty":"oct","k":"AAAA"}}"#),
            Err(JwsError::HmacAlgorithm {
                alg: "HS256".into()
            })
        );
        assert_eq!(
            parse(r#"{"alg":"EdDSA","jwk":{"kty":"oct","k":"AAAA"}}"#),
            Err(JwsError::JwkPrivateMember { member: "k" })
        );
        assert_eq!(parse(r#"[1]"#), Err(JwsError::HeaderNotObject));
        let jwk = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","alg":"PS256"}"#;
        assert_eq!(
            parse(&format!(r#"{{"alg":"EdDSA","jwk":{jwk}}}"#)),
            Err(JwsError::JwkAlgorithmMismatch {
                alg: JwsAlgorithm::EdDsa,
                declared: "PS256".into()
            })
        );
        let enc = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","use":"enc"}"#;
        assert!(matches!(
            parse(&format!(r#"{{"alg":"EdDSA","jwk":{enc}}}"#)),
            Err(JwsError::InvalidJwk(JwkError::NotForSignatures { .. }))
        ));
    }

    #[test]
    fn structure_refusals() {
        let l = Limits::DEFAULT;
        assert_eq!(
            Jws::parse("a.b", &l),
            Err(JwsError::NotCompact { parts: 2 })
        );
        assert_eq!(
            Jws::parse("a.b.c.d.e", &l),
            Err(JwsError::NotCompact { parts: 5 })
        );
        let h = b64(r#"{"alg":"EdDSA"}"#);
        assert_eq!(
            Jws::parse(&format!("{h}..AAAA"), &l),
            Err(JwsError::EmptyPayload)
        );
        assert_eq!(
            Jws::parse(&format!("{h}=.e30.AAAA"), &l),
            Err(JwsError::Base64 {
                part: JwsPart::Header
            })
        );
        assert_eq!(
            Jws::parse(&format!("{h}.e30.AA+A"), &l),
            Err(JwsError::Base64 {
                part: JwsPart::Signature
            })
        );
        // "e31" decodes to "{}" only with non-zero trailing bits: non-canonical.
        assert_eq!(
            Jws::parse(&format!("{h}.e31.AAAA"), &l),
            Err(JwsError::Base64 {
                part: JwsPart::Payload
            })
        );
        let small = Limits {
            max_json_bytes: 8,
            ..Limits::DEFAULT
        };
        assert!(matches!(
            Jws::parse(&format!("{h}.{}.AAAA", "A".repeat(200)), &small),
            Err(JwsError::PartTooLarge {
                part: JwsPart::Payload,
                ..
            })
        ));
        assert!(matches!(
            Jws::parse(
                &format!("{h}.{}.AAAA", "A".repeat(max_compact_len(&small))),
                &small
            ),
            Err(JwsError::TooLarge(_))
        ));
    }
}
