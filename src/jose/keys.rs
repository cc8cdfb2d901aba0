//! JOSE keys: the algorithm allow-list, public keys of the three allowed
//! types with JWK import and export, and signing keys.
//!
//! | `alg` | key | verify | sign |
//! |---|---|---|---|
//! | `EdDSA` | Ed25519 (`OKP`/`Ed25519`) | `verify_strict` | [`Ed25519KeyPair`] |
//! | `ES256` | P-256 (`EC`/`P-256`) | RustCrypto `p256` | [`P256KeyPair`] (RFC 6979, deterministic) |
//! | `RS256` | RSA 2048–8192 bits (`RSA`) | RustCrypto `rsa` 0.9 | `RsaKeyPair` (feature `rs256-sign`, *ring*) |
//!
//! An algorithm is tied to exactly one key type: a key never verifies a
//! signature made for another algorithm ([`VerifyError::AlgorithmKeyMismatch`]).
//!
//! # Why two RSA implementations
//!
//! Verification only uses public values, so a timing side channel in it
//! reveals nothing: RS256 is verified with the pure-Rust RustCrypto `rsa` 0.9
//! crate, which shares `sha2`/`signature`/`pkcs8` with the rest of the crate.
//! That crate carries RUSTSEC-2023-0071 (the Marvin attack: its private-key
//! operations are not constant-time), which concerns private keys only; this
//! crate never builds an `rsa` private key, and the advisory is ignored in
//! `deny.toml` with that reason. `rsa` 0.10.0 announces constant-time
//! hardening, but the advisory database still lists no patched version, it
//! needs Rust 1.87 (this crate: 1.85) and it moves to the `digest` 0.11 /
//! `signature` 3 generation, which would duplicate the hash and signature
//! stacks.
//!
//! RS256 *signing* (feature `rs256-sign`) uses *ring* 0.17, whose RSA
//! private-key operation is a constant-time Montgomery exponentiation with CRT
//! (from BoringSSL) and which has no open advisory; it is already in the
//! dependency tree through rustls (feature `http`). *ring* cannot generate RSA
//! keys: load one made elsewhere (PKCS#1 or PKCS#8 PEM/DER, or a private JWK).
//! `aws-lc-rs` would also do, at the cost of a CMake/C build of AWS-LC;
//! `graviola` supports only x86_64 and aarch64.
//!
//! ```
//! use openbadges::jose::{JosePublicKey, JwsAlgorithm, JwsSigner, P256KeyPair};
//! let key = P256KeyPair::from_secret_bytes(&[7u8; 32])?;
//! let jwk = key.public_key().to_jwk();
//! assert_eq!(jwk["kty"], "EC");
//! let public = JosePublicKey::from_jwk(&jwk)?;
//! let sig = key.sign_jws(b"header.payload")?;
//! public.verify(JwsAlgorithm::Es256, b"header.payload", &sig)?;
//! // The same key does not verify an RS256 or EdDSA signature.
//! assert!(public.verify(JwsAlgorithm::Rs256, b"header.payload", &sig).is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt;

use base64::Engine as _;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use rsa::traits::PublicKeyParts as _;
use serde_json::{Map, Value};
use sha2::Digest as _;
use zeroize::Zeroizing;

use crate::keys::Ed25519KeyPair;

/// Smallest RSA modulus accepted, in bits (RFC 7518 §3.3 requires 2048).
pub const RSA_MIN_BITS: usize = 2048;
/// Largest RSA modulus accepted, in bits (bounds verification cost).
pub const RSA_MAX_BITS: usize = 8192;

/// JWK members that only a private or symmetric key has (RFC 7517/7518):
/// a `jwk` carrying any of them is refused.
pub const PRIVATE_JWK_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// The JWS algorithms this crate accepts: the allow-list.
///
/// Everything else (`none`, `HS256`/`HS384`/`HS512`, `PS256`, `ES384`, …) is
/// refused when the header is parsed, before any key is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum JwsAlgorithm {
    /// `EdDSA` with an Ed25519 key (RFC 8037).
    EdDsa,
    /// `ES256`: ECDSA on P-256 with SHA-256, signature `r ‖ s` (64 bytes).
    Es256,
    /// `RS256`: RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
}

impl JwsAlgorithm {
    /// Every allowed algorithm.
    pub const ALL: [JwsAlgorithm; 3] = [
        JwsAlgorithm::EdDsa,
        JwsAlgorithm::Es256,
        JwsAlgorithm::Rs256,
    ];

    /// The `alg` value.
    pub fn name(self) -> &'static str {
        match self {
            JwsAlgorithm::EdDsa => "EdDSA",
            JwsAlgorithm::Es256 => "ES256",
            JwsAlgorithm::Rs256 => "RS256",
        }
    }

    /// The algorithm an `alg` value names, if it is on the allow-list
    /// (case-sensitive, as JOSE is).
    pub fn from_name(name: &str) -> Option<Self> {
        JwsAlgorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    /// The one key type this algorithm uses.
    pub fn key_type(self) -> KeyType {
        match self {
            JwsAlgorithm::EdDsa => KeyType::Ed25519,
            JwsAlgorithm::Es256 => KeyType::P256,
            JwsAlgorithm::Rs256 => KeyType::Rsa,
        }
    }
}

impl fmt::Display for JwsAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The type of a JOSE public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyType {
    /// `kty: OKP`, `crv: Ed25519`.
    Ed25519,
    /// `kty: EC`, `crv: P-256`.
    P256,
    /// `kty: RSA`.
    Rsa,
}

impl KeyType {
    /// The algorithm this key type signs with.
    pub fn algorithm(self) -> JwsAlgorithm {
        match self {
            KeyType::Ed25519 => JwsAlgorithm::EdDsa,
            KeyType::P256 => JwsAlgorithm::Es256,
            KeyType::Rsa => JwsAlgorithm::Rs256,
        }
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyType::Ed25519 => "Ed25519 (OKP)",
            KeyType::P256 => "P-256 (EC)",
            KeyType::Rsa => "RSA",
        })
    }
}

/// Why a JWK or key encoding was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwkError {
    /// The JWK is not a JSON object.
    #[error("JWK is not a JSON object")]
    NotObject,
    /// A required member is missing or not a string.
    #[error("JWK member {member:?} is missing or not a string")]
    Missing {
        /// The member.
        member: &'static str,
    },
    /// A `kty` other than `OKP`, `EC` or `RSA` (an `oct` key is symmetric: refused).
    #[error("JWK kty {found:?} is not supported (OKP, EC or RSA)")]
    UnsupportedKeyType {
        /// The `kty` found.
        found: String,
    },
    /// A curve other than `Ed25519` (for `OKP`) or `P-256` (for `EC`).
    #[error("JWK crv {found:?} is not supported for kty {kty}")]
    UnsupportedCurve {
        /// The `kty`.
        kty: &'static str,
        /// The `crv` found.
        found: String,
    },
    /// A public JWK that carries a private or symmetric member.
    #[error("JWK has the private member {member:?}: a public key must never carry it")]
    PrivateMember {
        /// The member (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth` or `k`).
        member: &'static str,
    },
    /// A member that is not base64url without padding.
    #[error("JWK member {member:?} is not base64url without padding")]
    Base64 {
        /// The member.
        member: &'static str,
    },
    /// A member of the wrong length.
    #[error("JWK member {member:?} must be {expected} bytes, found {found}")]
    Length {
        /// The member.
        member: &'static str,
        /// The length required.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// The coordinates are not a point of the curve (or a weak Ed25519 key).
    #[error("JWK is not a valid {curve} public key")]
    InvalidPoint {
        /// The curve.
        curve: &'static str,
    },
    /// An RSA modulus below [`RSA_MIN_BITS`].
    #[error("RSA modulus is {bits} bits; at least {min} are required")]
    RsaTooSmall {
        /// Bits found.
        bits: usize,
        /// The minimum.
        min: usize,
    },
    /// An RSA modulus above [`RSA_MAX_BITS`].
    #[error("RSA modulus is {bits} bits; at most {max} are accepted")]
    RsaTooLarge {
        /// Bits found.
        bits: usize,
        /// The maximum.
        max: usize,
    },
    /// An RSA public key the RSA implementation refused (even modulus, bad exponent).
    #[error("invalid RSA public key: {reason}")]
    RsaInvalid {
        /// The implementation's message.
        reason: String,
    },
    /// `use` is present and is not `sig`, or `key_ops` has neither `verify` nor `sign`.
    #[error("JWK is not for signatures ({found}); use must be \"sig\" and key_ops must include verify, when present")]
    NotForSignatures {
        /// The `use` found.
        found: String,
    },
    /// A private JWK whose public members do not match its private part.
    #[error("JWK public members do not match its private key")]
    PublicPrivateMismatch,
    /// A PEM or DER encoding that did not decode to a supported key.
    #[error("invalid {what}: {reason}")]
    Encoding {
        /// Which encoding.
        what: &'static str,
        /// The decoder's message.
        reason: String,
    },
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
}

fn b64_encode(bytes: &[u8]) -> String {
    b64().encode(bytes)
}

fn member<'a>(obj: &'a Map<String, Value>, name: &'static str) -> Result<&'a str, JwkError> {
    obj.get(name)
        .and_then(Value::as_str)
        .ok_or(JwkError::Missing { member: name })
}

/// Longest base64url JWK member decoded (an 8192-bit modulus is 1366 characters).
const MAX_MEMBER_CHARS: usize = 2048;

fn member_bytes(obj: &Map<String, Value>, name: &'static str) -> Result<Vec<u8>, JwkError> {
    let text = member(obj, name)?;
    if text.len() > MAX_MEMBER_CHARS {
        return Err(JwkError::Length {
            member: name,
            expected: MAX_MEMBER_CHARS * 3 / 4,
            found: text.len() * 3 / 4,
        });
    }
    b64()
        .decode(text)
        .map_err(|_| JwkError::Base64 { member: name })
}

fn secret_member(
    obj: &Map<String, Value>,
    name: &'static str,
) -> Result<Zeroizing<Vec<u8>>, JwkError> {
    member_bytes(obj, name).map(Zeroizing::new)
}

fn fixed<const N: usize>(bytes: &[u8], name: &'static str) -> Result<[u8; N], JwkError> {
    <[u8; N]>::try_from(bytes).map_err(|_| JwkError::Length {
        member: name,
        expected: N,
        found: bytes.len(),
    })
}

/// The JWK as an object, with `use` checked.
fn jwk_object(jwk: &Value) -> Result<&Map<String, Value>, JwkError> {
    let obj = jwk.as_object().ok_or(JwkError::NotObject)?;
    if let Some(u) = obj.get("use") {
        if u.as_str() != Some("sig") {
            return Err(JwkError::NotForSignatures {
                found: u.as_str().map_or_else(|| u.to_string(), str::to_owned),
            });
        }
    }
    if let Some(ops) = obj.get("key_ops") {
        let signs = ops.as_array().is_some_and(|a| {
            a.iter()
                .any(|o| matches!(o.as_str(), Some("verify" | "sign")))
        });
        if !signs {
            return Err(JwkError::NotForSignatures {
                found: format!("key_ops {ops}"),
            });
        }
    }
    Ok(obj)
}

/// The first private member of a JWK object, if any.
pub fn private_member(obj: &Map<String, Value>) -> Option<&'static str> {
    PRIVATE_JWK_MEMBERS
        .into_iter()
        .find(|m| obj.contains_key(*m))
}

/// An RSA public key of 2048 to 8192 bits (RustCrypto `rsa`; public operations only).
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPublicKey {
    inner: rsa::RsaPublicKey,
}

impl RsaPublicKey {
    /// From the big-endian modulus `n` and exponent `e`.
    ///
    /// # Errors
    /// [`JwkError::RsaTooSmall`] / [`JwkError::RsaTooLarge`] outside
    /// 2048–8192 bits; [`JwkError::RsaInvalid`] for an even modulus or an
    /// unusable exponent.
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, JwkError> {
        let n = rsa::BigUint::from_bytes_be(n);
        let bits = n.bits();
        if bits < RSA_MIN_BITS {
            return Err(JwkError::RsaTooSmall {
                bits,
                min: RSA_MIN_BITS,
            });
        }
        if bits > RSA_MAX_BITS {
            return Err(JwkError::RsaTooLarge {
                bits,
                max: RSA_MAX_BITS,
            });
        }
        let e = rsa::BigUint::from_bytes_be(e);
        let inner = rsa::RsaPublicKey::new_with_max_size(n, e, RSA_MAX_BITS).map_err(|e| {
            JwkError::RsaInvalid {
                reason: e.to_string(),
            }
        })?;
        Ok(RsaPublicKey { inner })
    }

    /// From SPKI DER (`SubjectPublicKeyInfo` with `rsaEncryption`).
    ///
    /// # Errors
    /// [`JwkError::Encoding`], or the size checks of [`RsaPublicKey::from_components`].
    pub fn from_spki_der(der: &[u8]) -> Result<Self, JwkError> {
        use rsa::pkcs8::DecodePublicKey as _;
        let k = rsa::RsaPublicKey::from_public_key_der(der).map_err(|e| JwkError::Encoding {
            what: "RSA SPKI DER",
            reason: e.to_string(),
        })?;
        Self::from_components(&k.n().to_bytes_be(), &k.e().to_bytes_be())
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.inner.n().bits()
    }

    /// The modulus size in bytes (the RS256 signature length).
    pub fn modulus_len(&self) -> usize {
        self.inner.size()
    }

    /// The big-endian modulus.
    pub fn n(&self) -> Vec<u8> {
        self.inner.n().to_bytes_be()
    }

    /// The big-endian public exponent.
    pub fn e(&self) -> Vec<u8> {
        self.inner.e().to_bytes_be()
    }

    fn verify_rs256(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(sig) = rsa::pkcs1v15::Signature::try_from(signature) else {
            return false;
        };
        rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(self.inner.clone())
            .verify(message, &sig)
            .is_ok()
    }
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("bits", &self.bits())
            .finish_non_exhaustive()
    }
}

/// A public key of one of the allowed types.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JosePublicKey {
    /// Ed25519, for `EdDSA`.
    Ed25519(ed25519_dalek::VerifyingKey),
    /// P-256, for `ES256`.
    P256(p256::ecdsa::VerifyingKey),
    /// RSA, for `RS256`.
    Rsa(RsaPublicKey),
}

/// Why a signature did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The header's algorithm is not the one this key type signs with.
    #[error("algorithm {alg} does not match the key type {key} (it signs with {})", .key.algorithm())]
    AlgorithmKeyMismatch {
        /// The header's algorithm.
        alg: JwsAlgorithm,
        /// The key's type.
        key: KeyType,
    },
    /// A signature of the wrong length for the algorithm and key.
    #[error("{alg} signature must be {expected} bytes, found {found}")]
    SignatureLength {
        /// The algorithm.
        alg: JwsAlgorithm,
        /// The length required.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// The signature does not verify.
    #[error("{alg} signature does not verify under the key")]
    BadSignature {
        /// The algorithm.
        alg: JwsAlgorithm,
    },
}

impl JosePublicKey {
    /// Reads a public JWK (`OKP`/`Ed25519`, `EC`/`P-256` or `RSA`).
    ///
    /// Members other than the key's own are ignored, except that `use`, when
    /// present, must be `sig`, and `key_ops`, when present, must include
    /// `verify` (or `sign`). A JWK `alg` is checked against the JWS header by
    /// [`super::jws::JoseHeader::from_members`].
    ///
    /// # Errors
    /// [`JwkError::PrivateMember`] when the JWK carries `d`, `p`, `q`, `dp`,
    /// `dq`, `qi`, `oth` or `k` (checked first); type, curve, encoding and
    /// size errors otherwise.
    pub fn from_jwk(jwk: &Value) -> Result<Self, JwkError> {
        let obj = jwk_object(jwk)?;
        if let Some(m) = private_member(obj) {
            return Err(JwkError::PrivateMember { member: m });
        }
        Self::from_jwk_members(obj)
    }

    fn from_jwk_members(obj: &Map<String, Value>) -> Result<Self, JwkError> {
        match member(obj, "kty")? {
            "OKP" => {
                let crv = member(obj, "crv")?;
                if crv != "Ed25519" {
                    return Err(JwkError::UnsupportedCurve {
                        kty: "OKP",
                        found: crv.to_owned(),
                    });
                }
                let x = fixed::<32>(&member_bytes(obj, "x")?, "x")?;
                ed25519_dalek::VerifyingKey::from_bytes(&x)
                    .ok()
                    .filter(|k| !k.is_weak())
                    .map(JosePublicKey::Ed25519)
                    .ok_or(JwkError::InvalidPoint { curve: "Ed25519" })
            }
            "EC" => {
                let crv = member(obj, "crv")?;
                if crv != "P-256" {
                    return Err(JwkError::UnsupportedCurve {
                        kty: "EC",
                        found: crv.to_owned(),
                    });
                }
                let x = fixed::<32>(&member_bytes(obj, "x")?, "x")?;
                let y = fixed::<32>(&member_bytes(obj, "y")?, "y")?;
                let point =
                    p256::EncodedPoint::from_affine_coordinates(&x.into(), &y.into(), false);
                p256::ecdsa::VerifyingKey::from_encoded_point(&point)
                    .map(JosePublicKey::P256)
                    .map_err(|_| JwkError::InvalidPoint { curve: "P-256" })
            }
            "RSA" => {
                let n = member_bytes(obj, "n")?;
                let e = member_bytes(obj, "e")?;
                RsaPublicKey::from_components(&n, &e).map(JosePublicKey::Rsa)
            }
            other => Err(JwkError::UnsupportedKeyType {
                found: other.to_owned(),
            }),
        }
    }

    /// Reads a public key from SPKI PEM (`-----BEGIN PUBLIC KEY-----`) of any
    /// of the three types.
    ///
    /// # Errors
    /// [`JwkError::Encoding`] when it is not one of them; size checks for RSA.
    pub fn from_spki_pem(pem: &str) -> Result<Self, JwkError> {
        let (label, doc) =
            p256::pkcs8::der::Document::from_pem(pem).map_err(|e| JwkError::Encoding {
                what: "SPKI PEM",
                reason: e.to_string(),
            })?;
        if label != "PUBLIC KEY" {
            return Err(JwkError::Encoding {
                what: "SPKI PEM",
                reason: format!("label is {label:?}, expected \"PUBLIC KEY\""),
            });
        }
        Self::from_spki_der(doc.as_bytes())
    }

    /// Reads a public key from SPKI DER of any of the three types.
    ///
    /// # Errors
    /// [`JwkError::Encoding`] when it is not one of them; size checks for RSA.
    pub fn from_spki_der(der: &[u8]) -> Result<Self, JwkError> {
        use p256::pkcs8::DecodePublicKey as _;
        if let Ok(k) = ed25519_dalek::VerifyingKey::from_public_key_der(der) {
            return Ok(JosePublicKey::Ed25519(k));
        }
        if let Ok(k) = p256::ecdsa::VerifyingKey::from_public_key_der(der) {
            return Ok(JosePublicKey::P256(k));
        }
        RsaPublicKey::from_spki_der(der).map(JosePublicKey::Rsa)
    }

    /// The key as SPKI PEM (`-----BEGIN PUBLIC KEY-----`, LF line
    /// endings), as OB 2.0 `CryptographicKey.publicKeyPem` publishes it.
    ///
    /// ```
    /// use openbadges::jose::{JosePublicKey, JwsSigner, P256KeyPair};
    /// let key = P256KeyPair::from_secret_bytes(&[7u8; 32])?.public_key();
    /// let pem = key.to_spki_pem()?;
    /// assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    /// assert_eq!(JosePublicKey::from_spki_pem(&pem)?, key);
    /// # Ok::<(), openbadges::jose::JwkError>(())
    /// ```
    ///
    /// # Errors
    /// [`JwkError::Encoding`] if the encoder fails (it does not for valid keys).
    pub fn to_spki_pem(&self) -> Result<String, JwkError> {
        let enc = |e: String| JwkError::Encoding {
            what: "SPKI PEM",
            reason: e,
        };
        let lf = p256::pkcs8::LineEnding::LF;
        match self {
            JosePublicKey::Ed25519(k) => {
                ed25519_dalek::pkcs8::EncodePublicKey::to_public_key_pem(k, lf)
                    .map_err(|e| enc(e.to_string()))
            }
            JosePublicKey::P256(k) => p256::pkcs8::EncodePublicKey::to_public_key_pem(k, lf)
                .map_err(|e| enc(e.to_string())),
            JosePublicKey::Rsa(k) => rsa::pkcs8::EncodePublicKey::to_public_key_pem(&k.inner, lf)
                .map_err(|e| enc(e.to_string())),
        }
    }

    /// The key's type.
    pub fn key_type(&self) -> KeyType {
        match self {
            JosePublicKey::Ed25519(_) => KeyType::Ed25519,
            JosePublicKey::P256(_) => KeyType::P256,
            JosePublicKey::Rsa(_) => KeyType::Rsa,
        }
    }

    /// The one algorithm this key verifies.
    pub fn algorithm(&self) -> JwsAlgorithm {
        self.key_type().algorithm()
    }

    /// The public JWK (only the members RFC 7638 requires, so equal keys
    /// give equal JSON).
    pub fn to_jwk(&self) -> Value {
        let mut m = Map::new();
        for (k, v) in self.thumbprint_members() {
            m.insert(k.to_owned(), Value::String(v));
        }
        Value::Object(m)
    }

    /// The required members in lexicographic order (RFC 7638 §3.2).
    fn thumbprint_members(&self) -> Vec<(&'static str, String)> {
        match self {
            JosePublicKey::Ed25519(k) => vec![
                ("crv", "Ed25519".to_owned()),
                ("kty", "OKP".to_owned()),
                ("x", b64_encode(k.as_bytes())),
            ],
            JosePublicKey::P256(k) => {
                let point = k.to_encoded_point(false);
                let coord =
                    |c: Option<&p256::FieldBytes>| c.map(|c| b64_encode(c)).unwrap_or_default();
                vec![
                    ("crv", "P-256".to_owned()),
                    ("kty", "EC".to_owned()),
                    ("x", coord(point.x())),
                    ("y", coord(point.y())),
                ]
            }
            JosePublicKey::Rsa(k) => vec![
                ("e", b64_encode(&k.e())),
                ("kty", "RSA".to_owned()),
                ("n", b64_encode(&k.n())),
            ],
        }
    }

    /// The RFC 7638 JWK thumbprint (SHA-256, base64url): a stable name for the key.
    pub fn thumbprint(&self) -> String {
        // The members are fixed ASCII names and base64url values: no escaping needed.
        let body: Vec<String> = self
            .thumbprint_members()
            .into_iter()
            .map(|(k, v)| format!("\"{k}\":\"{v}\""))
            .collect();
        let json = format!("{{{}}}", body.join(","));
        b64_encode(&sha2::Sha256::digest(json.as_bytes()))
    }

    /// Verifies a JWS signature over `signing_input` (`header.payload`).
    ///
    /// # Errors
    /// [`VerifyError::AlgorithmKeyMismatch`] when `alg` is not this key's
    /// algorithm (checked before anything else), [`VerifyError::SignatureLength`],
    /// [`VerifyError::BadSignature`].
    pub fn verify(
        &self,
        alg: JwsAlgorithm,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<(), VerifyError> {
        if alg != self.algorithm() {
            return Err(VerifyError::AlgorithmKeyMismatch {
                alg,
                key: self.key_type(),
            });
        }
        let expected = match self {
            JosePublicKey::Ed25519(_) | JosePublicKey::P256(_) => 64,
            JosePublicKey::Rsa(k) => k.modulus_len(),
        };
        if signature.len() != expected {
            return Err(VerifyError::SignatureLength {
                alg,
                expected,
                found: signature.len(),
            });
        }
        let ok = match self {
            JosePublicKey::Ed25519(k) => ed25519_dalek::Signature::from_slice(signature)
                .is_ok_and(|s| k.verify_strict(signing_input, &s).is_ok()),
            JosePublicKey::P256(k) => p256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| k.verify(signing_input, &s).is_ok()),
            JosePublicKey::Rsa(k) => k.verify_rs256(signing_input, signature),
        };
        if ok {
            Ok(())
        } else {
            Err(VerifyError::BadSignature { alg })
        }
    }
}

impl fmt::Debug for JosePublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "JosePublicKey({}, {})",
            self.key_type(),
            self.thumbprint()
        )
    }
}

impl From<ed25519_dalek::VerifyingKey> for JosePublicKey {
    fn from(k: ed25519_dalek::VerifyingKey) -> Self {
        JosePublicKey::Ed25519(k)
    }
}

impl From<p256::ecdsa::VerifyingKey> for JosePublicKey {
    fn from(k: p256::ecdsa::VerifyingKey) -> Self {
        JosePublicKey::P256(k)
    }
}

impl From<RsaPublicKey> for JosePublicKey {
    fn from(k: RsaPublicKey) -> Self {
        JosePublicKey::Rsa(k)
    }
}

/// A signer failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("JWS signing failed: {reason}")]
pub struct SignError {
    /// The signer's message.
    pub reason: String,
}

/// Something that signs JWS signing inputs with one algorithm: the keys
/// here, or a wrapper around a KMS or HSM.
pub trait JwsSigner {
    /// The algorithm of the signatures (goes into the header's `alg`).
    fn algorithm(&self) -> JwsAlgorithm;
    /// The public key (for a `jwk` header, and to check the algorithm).
    fn public_key(&self) -> JosePublicKey;
    /// The JWS signature bytes of `signing_input` (`ES256`: `r ‖ s`, 64 bytes).
    ///
    /// # Errors
    /// [`SignError`] when the signer fails.
    fn sign_jws(&self, signing_input: &[u8]) -> Result<Vec<u8>, SignError>;
}

impl JwsSigner for Ed25519KeyPair {
    fn algorithm(&self) -> JwsAlgorithm {
        JwsAlgorithm::EdDsa
    }
    fn public_key(&self) -> JosePublicKey {
        JosePublicKey::Ed25519(self.verifying_key())
    }
    fn sign_jws(&self, signing_input: &[u8]) -> Result<Vec<u8>, SignError> {
        Ok(self.sign(signing_input).to_bytes().to_vec())
    }
}

/// A P-256 key pair for `ES256`; the secret scalar is zeroized on drop and
/// never shown by `Debug`. Signatures are deterministic (RFC 6979).
#[derive(Clone)]
pub struct P256KeyPair {
    signing: p256::ecdsa::SigningKey,
}

impl P256KeyPair {
    /// A fresh key from a cryptographically secure RNG.
    pub fn generate<R: rand_core::CryptoRngCore>(rng: &mut R) -> Self {
        P256KeyPair {
            signing: p256::ecdsa::SigningKey::random(rng),
        }
    }

    /// From the 32-byte big-endian secret scalar.
    ///
    /// # Errors
    /// [`JwkError::InvalidPoint`] when the scalar is zero or not below the group order.
    pub fn from_secret_bytes(bytes: &[u8; 32]) -> Result<Self, JwkError> {
        p256::ecdsa::SigningKey::from_bytes(&(*bytes).into())
            .map(|signing| P256KeyPair { signing })
            .map_err(|_| JwkError::InvalidPoint { curve: "P-256" })
    }

    /// From a private JWK (`kty` EC, `crv` P-256, `d`; `x` and `y`, when
    /// present, must match).
    ///
    /// # Errors
    /// Type, encoding and [`JwkError::PublicPrivateMismatch`] errors.
    pub fn from_jwk(jwk: &Value) -> Result<Self, JwkError> {
        let obj = jwk_object(jwk)?;
        let kty = member(obj, "kty")?;
        if kty != "EC" {
            return Err(JwkError::UnsupportedKeyType {
                found: kty.to_owned(),
            });
        }
        let crv = member(obj, "crv")?;
        if crv != "P-256" {
            return Err(JwkError::UnsupportedCurve {
                kty: "EC",
                found: crv.to_owned(),
            });
        }
        let d = secret_member(obj, "d")?;
        let d = Zeroizing::new(fixed::<32>(&d, "d")?);
        let pair = Self::from_secret_bytes(&d)?;
        if obj.contains_key("x") || obj.contains_key("y") {
            let public = JosePublicKey::from_jwk_members(obj)?;
            if public != pair.public_key() {
                return Err(JwkError::PublicPrivateMismatch);
            }
        }
        Ok(pair)
    }

    /// From PKCS#8 PEM (`BEGIN PRIVATE KEY`) or SEC1 PEM (`BEGIN EC PRIVATE KEY`).
    ///
    /// # Errors
    /// [`JwkError::Encoding`].
    pub fn from_pem(pem: &str) -> Result<Self, JwkError> {
        use p256::pkcs8::DecodePrivateKey as _;
        let encoding = |what| move |e: String| JwkError::Encoding { what, reason: e };
        if pem.contains("BEGIN EC PRIVATE KEY") {
            return p256::SecretKey::from_sec1_pem(pem)
                .map(|k| P256KeyPair { signing: k.into() })
                .map_err(|e| encoding("SEC1 PEM")(e.to_string()));
        }
        p256::ecdsa::SigningKey::from_pkcs8_pem(pem)
            .map(|signing| P256KeyPair { signing })
            .map_err(|e| encoding("PKCS#8 PEM")(e.to_string()))
    }

    /// From PKCS#8 DER.
    ///
    /// # Errors
    /// [`JwkError::Encoding`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, JwkError> {
        use p256::pkcs8::DecodePrivateKey as _;
        p256::ecdsa::SigningKey::from_pkcs8_der(der)
            .map(|signing| P256KeyPair { signing })
            .map_err(|e| JwkError::Encoding {
                what: "PKCS#8 DER",
                reason: e.to_string(),
            })
    }

    /// The private JWK as JSON text (`kty`, `crv`, `x`, `y`, `d`), zeroized on drop.
    pub fn to_jwk_secret(&self) -> Zeroizing<String> {
        let public = self.public_key().to_jwk();
        let d = Zeroizing::new(b64_encode(&self.signing.to_bytes()));
        let s = |k: &str| {
            public
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        Zeroizing::new(format!(
            "{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{}\",\"y\":\"{}\",\"d\":\"{}\"}}",
            s("x"),
            s("y"),
            d.as_str()
        ))
    }

    /// The public key.
    pub fn verifying_key(&self) -> p256::ecdsa::VerifyingKey {
        *self.signing.verifying_key()
    }
}

impl JwsSigner for P256KeyPair {
    fn algorithm(&self) -> JwsAlgorithm {
        JwsAlgorithm::Es256
    }
    fn public_key(&self) -> JosePublicKey {
        JosePublicKey::P256(self.verifying_key())
    }
    fn sign_jws(&self, signing_input: &[u8]) -> Result<Vec<u8>, SignError> {
        let sig: p256::ecdsa::Signature =
            self.signing
                .try_sign(signing_input)
                .map_err(|e| SignError {
                    reason: e.to_string(),
                })?;
        Ok(sig.to_bytes().to_vec())
    }
}

impl fmt::Debug for P256KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("P256KeyPair")
            .field("public", &self.public_key().thumbprint())
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "rs256-sign")]
pub use rsa_sign::RsaKeyPair;

#[cfg(feature = "rs256-sign")]
mod rsa_sign {
    use super::*;

    /// The private parts of an RSA key, big-endian, zeroized on drop.
    struct Secret {
        d: Zeroizing<Vec<u8>>,
        p: Zeroizing<Vec<u8>>,
        q: Zeroizing<Vec<u8>>,
        dp: Zeroizing<Vec<u8>>,
        dq: Zeroizing<Vec<u8>>,
        qi: Zeroizing<Vec<u8>>,
    }

    /// An RSA key pair for `RS256` signing (feature `rs256-sign`), backed by
    /// *ring*'s constant-time RSA; 2048 to 4096 bits (*ring*'s signing range).
    ///
    /// *ring* does not generate RSA keys: load one from PEM, DER or a private JWK.
    pub struct RsaKeyPair {
        ring: ring::rsa::KeyPair,
        public: RsaPublicKey,
        secret: Secret,
    }

    fn strip(bytes: &[u8]) -> &[u8] {
        let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
        bytes.get(first..).unwrap_or_default()
    }

    impl RsaKeyPair {
        #[allow(clippy::too_many_arguments)]
        fn from_parts(
            n: &[u8],
            e: &[u8],
            d: &[u8],
            p: &[u8],
            q: &[u8],
            dp: &[u8],
            dq: &[u8],
            qi: &[u8],
        ) -> Result<Self, JwkError> {
            let (n, e) = (strip(n), strip(e));
            let public = RsaPublicKey::from_components(n, e)?;
            let secret = Secret {
                d: Zeroizing::new(strip(d).to_vec()),
                p: Zeroizing::new(strip(p).to_vec()),
                q: Zeroizing::new(strip(q).to_vec()),
                dp: Zeroizing::new(strip(dp).to_vec()),
                dq: Zeroizing::new(strip(dq).to_vec()),
                qi: Zeroizing::new(strip(qi).to_vec()),
            };
            let components = ring::rsa::KeyPairComponents {
                public_key: ring::rsa::PublicKeyComponents { n, e },
                d: secret.d.as_slice(),
                p: secret.p.as_slice(),
                q: secret.q.as_slice(),
                dP: secret.dp.as_slice(),
                dQ: secret.dq.as_slice(),
                qInv: secret.qi.as_slice(),
            };
            let ring = ring::rsa::KeyPair::from_components(&components).map_err(|e| {
                JwkError::RsaInvalid {
                    reason: e.to_string(),
                }
            })?;
            Ok(RsaKeyPair {
                ring,
                public,
                secret,
            })
        }

        /// From a private JWK (`kty` RSA with `n`, `e`, `d`, `p`, `q`, `dp`,
        /// `dq`, `qi`; multi-prime `oth` keys are refused).
        ///
        /// # Errors
        /// Missing or malformed members, size limits, or
        /// [`JwkError::RsaInvalid`] when *ring* refuses the key.
        pub fn from_jwk(jwk: &Value) -> Result<Self, JwkError> {
            let obj = jwk_object(jwk)?;
            let kty = member(obj, "kty")?;
            if kty != "RSA" {
                return Err(JwkError::UnsupportedKeyType {
                    found: kty.to_owned(),
                });
            }
            if obj.contains_key("oth") {
                return Err(JwkError::RsaInvalid {
                    reason: "multi-prime keys (oth) are not supported".into(),
                });
            }
            let n = member_bytes(obj, "n")?;
            let e = member_bytes(obj, "e")?;
            let d = secret_member(obj, "d")?;
            let p = secret_member(obj, "p")?;
            let q = secret_member(obj, "q")?;
            let dp = secret_member(obj, "dp")?;
            let dq = secret_member(obj, "dq")?;
            let qi = secret_member(obj, "qi")?;
            Self::from_parts(&n, &e, &d, &p, &q, &dp, &dq, &qi)
        }

        /// From PKCS#1 DER (`RSAPrivateKey`).
        ///
        /// # Errors
        /// [`JwkError::Encoding`], size limits, [`JwkError::RsaInvalid`].
        pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, JwkError> {
            let k = rsa::pkcs1::RsaPrivateKey::try_from(der).map_err(|e| JwkError::Encoding {
                what: "PKCS#1 DER",
                reason: e.to_string(),
            })?;
            if k.other_prime_infos.is_some() {
                return Err(JwkError::RsaInvalid {
                    reason: "multi-prime keys are not supported".into(),
                });
            }
            Self::from_parts(
                k.modulus.as_bytes(),
                k.public_exponent.as_bytes(),
                k.private_exponent.as_bytes(),
                k.prime1.as_bytes(),
                k.prime2.as_bytes(),
                k.exponent1.as_bytes(),
                k.exponent2.as_bytes(),
                k.coefficient.as_bytes(),
            )
        }

        /// From PKCS#8 DER (`PrivateKeyInfo` with `rsaEncryption`).
        ///
        /// # Errors
        /// [`JwkError::Encoding`], size limits, [`JwkError::RsaInvalid`].
        pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, JwkError> {
            let info =
                rsa::pkcs8::PrivateKeyInfo::try_from(der).map_err(|e| JwkError::Encoding {
                    what: "PKCS#8 DER",
                    reason: e.to_string(),
                })?;
            if info.algorithm.oid != rsa::pkcs1::ALGORITHM_OID {
                return Err(JwkError::Encoding {
                    what: "PKCS#8 DER",
                    reason: format!("algorithm {} is not rsaEncryption", info.algorithm.oid),
                });
            }
            Self::from_pkcs1_der(info.private_key)
        }

        /// From PEM: PKCS#1 (`BEGIN RSA PRIVATE KEY`) or PKCS#8 (`BEGIN PRIVATE KEY`).
        ///
        /// # Errors
        /// [`JwkError::Encoding`], size limits, [`JwkError::RsaInvalid`].
        pub fn from_pem(pem: &str) -> Result<Self, JwkError> {
            let (label, doc) =
                rsa::pkcs8::der::SecretDocument::from_pem(pem).map_err(|e| JwkError::Encoding {
                    what: "PEM",
                    reason: e.to_string(),
                })?;
            match label {
                "RSA PRIVATE KEY" => Self::from_pkcs1_der(doc.as_bytes()),
                "PRIVATE KEY" => Self::from_pkcs8_der(doc.as_bytes()),
                other => Err(JwkError::Encoding {
                    what: "PEM",
                    reason: format!("label {other:?} is not an RSA private key"),
                }),
            }
        }

        /// The private JWK as JSON text, zeroized on drop.
        pub fn to_jwk_secret(&self) -> Zeroizing<String> {
            let s = &self.secret;
            Zeroizing::new(format!(
                "{{\"kty\":\"RSA\",\"n\":\"{}\",\"e\":\"{}\",\"d\":\"{}\",\"p\":\"{}\",\"q\":\"{}\",\"dp\":\"{}\",\"dq\":\"{}\",\"qi\":\"{}\"}}",
                b64_encode(&self.public.n()),
                b64_encode(&self.public.e()),
                Zeroizing::new(b64_encode(&s.d)).as_str(),
                Zeroizing::new(b64_encode(&s.p)).as_str(),
                Zeroizing::new(b64_encode(&s.q)).as_str(),
                Zeroizing::new(b64_encode(&s.dp)).as_str(),
                Zeroizing::new(b64_encode(&s.dq)).as_str(),
                Zeroizing::new(b64_encode(&s.qi)).as_str(),
            ))
        }

        /// The public key.
        pub fn rsa_public_key(&self) -> &RsaPublicKey {
            &self.public
        }
    }

    impl JwsSigner for RsaKeyPair {
        fn algorithm(&self) -> JwsAlgorithm {
            JwsAlgorithm::Rs256
        }
        fn public_key(&self) -> JosePublicKey {
            JosePublicKey::Rsa(self.public.clone())
        }
        fn sign_jws(&self, signing_input: &[u8]) -> Result<Vec<u8>, SignError> {
            let mut sig = vec![0u8; self.ring.public().modulus_len()];
            let rng = ring::rand::SystemRandom::new();
            self.ring
                .sign(
                    &ring::signature::RSA_PKCS1_SHA256,
                    &rng,
                    signing_input,
                    &mut sig,
                )
                .map_err(|_| SignError {
                    reason: "ring RSA signing failed".into(),
                })?;
            Ok(sig)
        }
    }

    impl fmt::Debug for RsaKeyPair {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.debug_struct("RsaKeyPair")
                .field("bits", &self.public.bits())
                .finish_non_exhaustive()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_list_is_exact_and_case_sensitive() {
        assert_eq!(JwsAlgorithm::from_name("EdDSA"), Some(JwsAlgorithm::EdDsa));
        assert_eq!(JwsAlgorithm::from_name("ES256"), Some(JwsAlgorithm::Es256));
        assert_eq!(JwsAlgorithm::from_name("RS256"), Some(JwsAlgorithm::Rs256));
        for refused in ["none", "HS256", "rs256", "PS256", "ES384", "Ed25519", ""] {
            assert_eq!(JwsAlgorithm::from_name(refused), None, "{refused}");
        }
    }

    #[test]
    fn p256_jwk_round_trip_and_thumbprint_is_stable() {
        let k = P256KeyPair::from_secret_bytes(&[3u8; 32]).unwrap();
        let jwk = k.public_key().to_jwk();
        let back = JosePublicKey::from_jwk(&jwk).unwrap();
        assert_eq!(back, k.public_key());
        assert_eq!(back.thumbprint(), k.public_key().thumbprint());
        let secret: Value = serde_json::from_str(&k.to_jwk_secret()).unwrap();
        let again = P256KeyPair::from_jwk(&secret).unwrap();
        assert_eq!(again.public_key(), k.public_key());
        assert_eq!(
            JosePublicKey::from_jwk(&secret),
            Err(JwkError::PrivateMember { member: "d" })
        );
    }

    #[test]
    fn rfc7638_thumbprint_example() {
        // RFC 7638 §3.1: the example RSA key and its thumbprint.
        let jwk = serde_json::json!({
            "kty": "RSA",
            "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
            "e": "AQAB",
            "alg": "RS256",
            "kid": "2011-04-29"
        });
        let key = JosePublicKey::from_jwk(&jwk).unwrap();
        assert_eq!(
            key.thumbprint(),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }
}
