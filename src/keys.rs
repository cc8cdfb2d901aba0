//! Ed25519 keys: generation, import and export (seed, PKCS#8 DER/PEM, SPKI,
//! JWK, Multikey) and strict verification.
//!
//! The secret lives in [`Ed25519KeyPair`], which zeroizes it on drop and never
//! shows it in `Debug` output. Signing goes through
//! [`signature::Signer<Signature>`](Signer), so proof creation also accepts a
//! signer whose key lives in a KMS or HSM. Verification uses
//! [`VerifyingKey::verify_strict`], which refuses small-order keys and
//! non-canonical signatures.
//!
//! ```
//! use openbadges::keys::{Ed25519KeyPair, decode_multikey};
//! let key = Ed25519KeyPair::from_seed(&[7u8; 32]);
//! let multikey = key.public_multikey();
//! assert!(multikey.starts_with("z6Mk"));
//! assert_eq!(decode_multikey(&multikey)?, key.verifying_key());
//! # Ok::<(), openbadges::keys::KeyError>(())
//! ```

use core::fmt;

use base64::Engine as _;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
pub use ed25519_dalek::{Signature, SignatureError, Signer, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

/// The multicodec prefix of an Ed25519 public key (`ed25519-pub`, 0xed) as its varint bytes.
pub const ED25519_PUB_MULTICODEC: [u8; 2] = [0xed, 0x01];
/// The multicodec prefix of an Ed25519 secret key (`ed25519-priv`, 0x1300) as its varint bytes.
pub const ED25519_PRIV_MULTICODEC: [u8; 2] = [0x80, 0x26];

const ED25519_PUB_CODE: u64 = 0xed;
const ED25519_PRIV_CODE: u64 = 0x1300;

/// Why a key, key encoding or signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// A multibase value that is not base58btc (`z…`).
    #[error("multibase value must be base58btc (prefix 'z'), found prefix {prefix:?}")]
    UnsupportedMultibase {
        /// The multibase prefix character found (`None` for an empty string).
        prefix: Option<char>,
    },
    /// The base58btc text did not decode.
    #[error("invalid base58btc after the 'z' multibase prefix: {reason}")]
    Base58 {
        /// The decoder's message.
        reason: String,
    },
    /// A Multikey whose multicodec prefix is not the one expected.
    #[error("unsupported multicodec prefix 0x{code:x}{} (expected 0x{expected:x}, {})",
        match .name { Some(n) => format!(" ({n})"), None => String::new() },
        if *.expected == 0xed { "ed25519-pub" } else { "ed25519-priv" })]
    UnsupportedMulticodec {
        /// The multicodec code found (decoded varint).
        code: u64,
        /// Its registered name, when known.
        name: Option<&'static str>,
        /// The code that was expected.
        expected: u64,
    },
    /// A Multikey with no decodable multicodec varint.
    #[error("Multikey has no valid multicodec varint prefix")]
    BadMulticodecVarint,
    /// Key bytes of the wrong length.
    #[error("{what} must be {expected} bytes, found {found}")]
    Length {
        /// Which value.
        what: &'static str,
        /// The expected length.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// Bytes that are not an Ed25519 public key (no curve point).
    #[error("not a valid Ed25519 public key (does not decode to a curve point)")]
    InvalidPublicKey,
    /// A 64-byte secret (seed || public) whose public half does not match the seed.
    #[error("secret key's public half does not match its seed")]
    KeyPairMismatch,
    /// PKCS#8 / SPKI DER or PEM refused.
    #[error("invalid {what}: {reason}")]
    Pkcs8 {
        /// Which encoding (`PKCS#8 DER`, `SPKI PEM`, …).
        what: &'static str,
        /// The decoder's message.
        reason: String,
    },
    /// A JWK that is not an object or is not valid JSON.
    #[error("JWK is not a JSON object")]
    JwkNotObject,
    /// A JWK missing a member, or with a non-string member.
    #[error("JWK member {member:?} is missing or not a string")]
    JwkMissing {
        /// The member name.
        member: &'static str,
    },
    /// A JWK with a `kty` other than `OKP`.
    #[error("JWK kty must be \"OKP\", found {found:?}")]
    JwkKty {
        /// The `kty` found.
        found: String,
    },
    /// A JWK with a `crv` other than `Ed25519`.
    #[error("JWK crv must be \"Ed25519\", found {found:?}")]
    JwkCrv {
        /// The `crv` found.
        found: String,
    },
    /// A JWK member that is not base64url without padding.
    #[error("JWK member {member:?} is not base64url without padding")]
    JwkBase64 {
        /// The member name.
        member: &'static str,
    },
    /// A secret JWK whose `x` does not match its `d`.
    #[error("JWK \"x\" does not match the public key derived from \"d\"")]
    JwkMismatch,
    /// A signature that does not verify (strict Ed25519 verification).
    #[error("Ed25519 signature does not verify")]
    BadSignature,
    /// Signing failed (for instance in a remote signer).
    #[error("signing failed: {reason}")]
    Signing {
        /// The signer's message.
        reason: String,
    },
}

/// Longest public Multikey text decoded (an Ed25519 one is 48 characters);
/// base58 decoding is quadratic, so absurd input is refused before decoding.
const MAX_MULTIKEY_CHARS: usize = 128;

fn check_len(s: &str, max: usize) -> Result<(), KeyError> {
    if s.len() > max {
        return Err(KeyError::Length {
            what: "Multikey text",
            expected: max,
            found: s.len(),
        });
    }
    Ok(())
}

/// Registered names of common multicodec key codes, for error messages.
fn multicodec_name(code: u64) -> Option<&'static str> {
    Some(match code {
        0xe7 => "secp256k1-pub",
        0xec => "x25519-pub",
        0xed => "ed25519-pub",
        0xeb => "bls12_381-g1-pub",
        0xee => "bls12_381-g2-pub",
        0x1200 => "p256-pub",
        0x1201 => "p384-pub",
        0x1202 => "p521-pub",
        0x1205 => "rsa-pub",
        0x1300 => "ed25519-priv",
        0x1301 => "secp256k1-priv",
        0x1302 => "x25519-priv",
        0x1306 => "p256-priv",
        _ => return None,
    })
}

/// Reads the multicodec prefix: an unsigned varint, minimally encoded (the
/// multiformats spec refuses an overlong encoding such as `ed 81 00` for
/// `0xed`, which would give one key two Multikey spellings); returns the
/// value and its length.
fn read_varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let (value, rest) = unsigned_varint::decode::u64(bytes).ok()?;
    Some((value, bytes.len().saturating_sub(rest.len())))
}

/// Encodes bytes as a base58btc multibase string (`z…`).
pub fn encode_multibase_base58btc(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(1 + bytes.len() * 138 / 100 + 1);
    s.push('z');
    s.push_str(&bs58::encode(bytes).into_string());
    s
}

/// Decodes a base58btc multibase string (`z…`).
///
/// # Errors
/// [`KeyError::UnsupportedMultibase`] for any other multibase prefix,
/// [`KeyError::Base58`] when the text is not base58btc.
pub fn decode_multibase_base58btc(s: &str) -> Result<Vec<u8>, KeyError> {
    let Some(rest) = s.strip_prefix('z') else {
        return Err(KeyError::UnsupportedMultibase {
            prefix: s.chars().next(),
        });
    };
    bs58::decode(rest).into_vec().map_err(|e| KeyError::Base58 {
        reason: e.to_string(),
    })
}

/// Splits a decoded Multikey into its payload after checking the multicodec.
fn strip_multicodec(bytes: &[u8], expected: u64) -> Result<&[u8], KeyError> {
    let (code, len) = read_varint(bytes).ok_or(KeyError::BadMulticodecVarint)?;
    if code != expected {
        return Err(KeyError::UnsupportedMulticodec {
            code,
            name: multicodec_name(code),
            expected,
        });
    }
    Ok(bytes.get(len..).unwrap_or_default())
}

fn to_array32(bytes: &[u8], what: &'static str) -> Result<[u8; 32], KeyError> {
    <[u8; 32]>::try_from(bytes).map_err(|_| KeyError::Length {
        what,
        expected: 32,
        found: bytes.len(),
    })
}

fn verifying_key_from_bytes(bytes: &[u8]) -> Result<VerifyingKey, KeyError> {
    let arr = to_array32(bytes, "Ed25519 public key")?;
    VerifyingKey::from_bytes(&arr).map_err(|_| KeyError::InvalidPublicKey)
}

/// The public Multikey of an Ed25519 key: `z6Mk…` (base58btc of 0xed01 ‖ 32 bytes).
pub fn encode_multikey(key: &VerifyingKey) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(&ED25519_PUB_MULTICODEC);
    bytes.extend_from_slice(key.as_bytes());
    encode_multibase_base58btc(&bytes)
}

/// Decodes a public Ed25519 Multikey (`z6Mk…`).
///
/// # Errors
/// [`KeyError::UnsupportedMulticodec`] (naming the prefix) for any key type
/// other than `ed25519-pub`; multibase, length and curve-point errors otherwise.
pub fn decode_multikey(s: &str) -> Result<VerifyingKey, KeyError> {
    check_len(s, MAX_MULTIKEY_CHARS)?;
    let bytes = decode_multibase_base58btc(s)?;
    let payload = strip_multicodec(&bytes, ED25519_PUB_CODE)?;
    verifying_key_from_bytes(payload)
}

/// Verifies an Ed25519 signature strictly (RFC 8032 with the cofactorless
/// equation, refusing small-order keys and non-canonical signatures).
///
/// # Errors
/// [`KeyError::BadSignature`] when it does not verify.
pub fn verify_strict(key: &VerifyingKey, message: &[u8], sig: &Signature) -> Result<(), KeyError> {
    key.verify_strict(message, sig)
        .map_err(|_| KeyError::BadSignature)
}

/// Reads a public key from SPKI DER.
///
/// # Errors
/// [`KeyError::Pkcs8`] when the DER is not an Ed25519 SubjectPublicKeyInfo.
pub fn public_key_from_spki_der(der: &[u8]) -> Result<VerifyingKey, KeyError> {
    VerifyingKey::from_public_key_der(der).map_err(|e| KeyError::Pkcs8 {
        what: "SPKI DER",
        reason: e.to_string(),
    })
}

/// Reads a public key from SPKI PEM (`-----BEGIN PUBLIC KEY-----`).
///
/// # Errors
/// [`KeyError::Pkcs8`] when the PEM is not an Ed25519 SubjectPublicKeyInfo.
pub fn public_key_from_spki_pem(pem: &str) -> Result<VerifyingKey, KeyError> {
    VerifyingKey::from_public_key_pem(pem).map_err(|e| KeyError::Pkcs8 {
        what: "SPKI PEM",
        reason: e.to_string(),
    })
}

/// Writes a public key as SPKI DER.
///
/// # Errors
/// [`KeyError::Pkcs8`] if the encoder fails (it does not for Ed25519).
pub fn public_key_to_spki_der(key: &VerifyingKey) -> Result<Vec<u8>, KeyError> {
    key.to_public_key_der()
        .map(|d| d.into_vec())
        .map_err(|e| KeyError::Pkcs8 {
            what: "SPKI DER",
            reason: e.to_string(),
        })
}

/// Writes a public key as SPKI PEM with `\n` line endings.
///
/// # Errors
/// [`KeyError::Pkcs8`] if the encoder fails (it does not for Ed25519).
pub fn public_key_to_spki_pem(key: &VerifyingKey) -> Result<String, KeyError> {
    key.to_public_key_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
        .map_err(|e| KeyError::Pkcs8 {
            what: "SPKI PEM",
            reason: e.to_string(),
        })
}

fn b64url() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
}

fn jwk_str<'a>(
    jwk: &'a serde_json::Map<String, serde_json::Value>,
    member: &'static str,
) -> Result<&'a str, KeyError> {
    jwk.get(member)
        .and_then(serde_json::Value::as_str)
        .ok_or(KeyError::JwkMissing { member })
}

fn jwk_check_type(
    jwk: &serde_json::Value,
) -> Result<&serde_json::Map<String, serde_json::Value>, KeyError> {
    let obj = jwk.as_object().ok_or(KeyError::JwkNotObject)?;
    let kty = jwk_str(obj, "kty")?;
    if kty != "OKP" {
        return Err(KeyError::JwkKty {
            found: kty.to_owned(),
        });
    }
    let crv = jwk_str(obj, "crv")?;
    if crv != "Ed25519" {
        return Err(KeyError::JwkCrv {
            found: crv.to_owned(),
        });
    }
    Ok(obj)
}

fn jwk_bytes32(
    obj: &serde_json::Map<String, serde_json::Value>,
    member: &'static str,
) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let text = jwk_str(obj, member)?;
    let bytes = Zeroizing::new(
        b64url()
            .decode(text)
            .map_err(|_| KeyError::JwkBase64 { member })?,
    );
    Ok(Zeroizing::new(to_array32(&bytes, member)?))
}

/// Reads a public key from a JWK (`{"kty":"OKP","crv":"Ed25519","x":…}`).
///
/// # Errors
/// [`KeyError::JwkKty`] / [`KeyError::JwkCrv`] for other key types,
/// [`KeyError::JwkMissing`] / [`KeyError::JwkBase64`] for a malformed `x`.
pub fn public_key_from_jwk(jwk: &serde_json::Value) -> Result<VerifyingKey, KeyError> {
    let obj = jwk_check_type(jwk)?;
    let x = jwk_bytes32(obj, "x")?;
    VerifyingKey::from_bytes(&x).map_err(|_| KeyError::InvalidPublicKey)
}

/// Writes a public key as a JWK: `{"kty":"OKP","crv":"Ed25519","x":…}`.
pub fn public_key_to_jwk(key: &VerifyingKey) -> serde_json::Value {
    serde_json::json!({
        "kty": "OKP",
        "crv": "Ed25519",
        "x": b64url().encode(key.as_bytes()),
    })
}

/// An Ed25519 key pair whose secret is zeroized on drop.
///
/// `Debug` shows only the public Multikey. It implements
/// [`Signer<Signature>`](Signer), the interface proof creation takes.
#[derive(Clone)]
pub struct Ed25519KeyPair {
    signing: SigningKey,
}

impl Ed25519KeyPair {
    /// The key pair of a 32-byte RFC 8032 seed (the "secret key").
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        Ed25519KeyPair {
            signing: SigningKey::from_bytes(seed),
        }
    }

    /// A fresh key pair from a cryptographically secure RNG.
    pub fn generate<R: rand_core::CryptoRngCore + ?Sized>(rng: &mut R) -> Self {
        Ed25519KeyPair {
            signing: SigningKey::generate(rng),
        }
    }

    /// The public key.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The public key as a Multikey (`z6Mk…`).
    pub fn public_multikey(&self) -> String {
        encode_multikey(&self.verifying_key())
    }

    /// The 32-byte seed, in a buffer zeroized on drop.
    pub fn seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.signing.to_bytes())
    }

    /// The underlying `ed25519-dalek` signing key.
    pub fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    /// Reads a secret Multikey: base58btc of 0x8026 (`ed25519-priv`) followed by
    /// the 32-byte seed (`z3u2…`) or by seed ‖ public key (64 bytes, whose
    /// public half must match).
    ///
    /// # Errors
    /// [`KeyError::UnsupportedMulticodec`] for other prefixes, [`KeyError::Length`],
    /// [`KeyError::KeyPairMismatch`], or multibase errors.
    pub fn from_secret_multikey(s: &str) -> Result<Self, KeyError> {
        check_len(s, 2 * MAX_MULTIKEY_CHARS)?;
        let bytes = Zeroizing::new(decode_multibase_base58btc(s)?);
        let payload = strip_multicodec(&bytes, ED25519_PRIV_CODE)?;
        match payload.len() {
            32 => Ok(Self::from_seed(&Zeroizing::new(to_array32(
                payload,
                "Ed25519 secret key",
            )?))),
            64 => {
                let (seed, public) = payload.split_at(32);
                let pair = Self::from_seed(&Zeroizing::new(to_array32(seed, "seed")?));
                if pair.verifying_key().as_bytes() != public {
                    return Err(KeyError::KeyPairMismatch);
                }
                Ok(pair)
            }
            found => Err(KeyError::Length {
                what: "Ed25519 secret Multikey payload",
                expected: 32,
                found,
            }),
        }
    }

    /// The secret Multikey (`z3u2…`: 0x8026 ‖ 32-byte seed), zeroized on drop.
    pub fn to_secret_multikey(&self) -> Zeroizing<String> {
        let mut bytes = Zeroizing::new(Vec::with_capacity(34));
        bytes.extend_from_slice(&ED25519_PRIV_MULTICODEC);
        bytes.extend_from_slice(self.signing.as_bytes());
        Zeroizing::new(encode_multibase_base58btc(&bytes))
    }

    /// Reads a PKCS#8 v1 or v2 DER private key.
    ///
    /// # Errors
    /// [`KeyError::Pkcs8`] when the DER is not an Ed25519 PKCS#8 key.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        SigningKey::from_pkcs8_der(der)
            .map(|signing| Ed25519KeyPair { signing })
            .map_err(|e| KeyError::Pkcs8 {
                what: "PKCS#8 DER",
                reason: e.to_string(),
            })
    }

    /// Reads a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`).
    ///
    /// # Errors
    /// [`KeyError::Pkcs8`] when the PEM is not an Ed25519 PKCS#8 key.
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self, KeyError> {
        SigningKey::from_pkcs8_pem(pem)
            .map(|signing| Ed25519KeyPair { signing })
            .map_err(|e| KeyError::Pkcs8 {
                what: "PKCS#8 PEM",
                reason: e.to_string(),
            })
    }

    /// Writes the key as PKCS#8 DER, zeroized on drop.
    ///
    /// # Errors
    /// [`KeyError::Pkcs8`] if the encoder fails (it does not for Ed25519).
    pub fn to_pkcs8_der(&self) -> Result<Zeroizing<Vec<u8>>, KeyError> {
        self.signing
            .to_pkcs8_der()
            .map(|d| d.to_bytes())
            .map_err(|e| KeyError::Pkcs8 {
                what: "PKCS#8 DER",
                reason: e.to_string(),
            })
    }

    /// Writes the key as PKCS#8 PEM with `\n` line endings, zeroized on drop.
    ///
    /// # Errors
    /// [`KeyError::Pkcs8`] if the encoder fails (it does not for Ed25519).
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>, KeyError> {
        self.signing
            .to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
            .map_err(|e| KeyError::Pkcs8 {
                what: "PKCS#8 PEM",
                reason: e.to_string(),
            })
    }

    /// Reads a secret JWK (`kty` OKP, `crv` Ed25519, `d`, and `x` which must match).
    ///
    /// # Errors
    /// [`KeyError::JwkKty`] / [`KeyError::JwkCrv`] for other key types, missing
    /// or malformed members, or [`KeyError::JwkMismatch`].
    pub fn from_jwk(jwk: &serde_json::Value) -> Result<Self, KeyError> {
        let obj = jwk_check_type(jwk)?;
        let d = jwk_bytes32(obj, "d")?;
        let pair = Self::from_seed(&d);
        if obj.contains_key("x") {
            let x = jwk_bytes32(obj, "x")?;
            if pair.verifying_key().as_bytes() != &*x {
                return Err(KeyError::JwkMismatch);
            }
        }
        Ok(pair)
    }

    /// The secret JWK as JSON text (`kty`, `crv`, `x`, `d`), zeroized on drop.
    pub fn to_jwk_secret(&self) -> Zeroizing<String> {
        let x = b64url().encode(self.verifying_key().as_bytes());
        let d = Zeroizing::new(b64url().encode(self.signing.as_bytes()));
        Zeroizing::new(format!(
            "{{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"{x}\",\"d\":\"{}\"}}",
            d.as_str()
        ))
    }

    /// The public JWK (no `d`).
    pub fn public_jwk(&self) -> serde_json::Value {
        public_key_to_jwk(&self.verifying_key())
    }

    /// Signs a message.
    pub fn sign(&self, message: &[u8]) -> Signature {
        self.signing.sign(message)
    }
}

impl Signer<Signature> for Ed25519KeyPair {
    fn try_sign(&self, msg: &[u8]) -> Result<Signature, ed25519_dalek::SignatureError> {
        self.signing.try_sign(msg)
    }
}

impl fmt::Debug for Ed25519KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519KeyPair")
            .field("public", &self.public_multikey())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varint() {
        assert_eq!(read_varint(&[0xed, 0x01]), Some((0xed, 2)));
        assert_eq!(read_varint(&[0x80, 0x26]), Some((0x1300, 2)));
        assert_eq!(read_varint(&[0x80, 0x24]), Some((0x1200, 2)));
        assert_eq!(read_varint(&[0x80]), None);
        assert_eq!(read_varint(&[]), None);
        // Overlong (non-minimal) encodings of 0xed are refused: one key, one spelling.
        assert_eq!(read_varint(&[0xed, 0x81, 0x00]), None);
        assert_eq!(read_varint(&[0xed, 0x01]), Some((0xed, 2)));
        assert_eq!(read_varint(&[0x80, 0x80, 0x01]), Some((0x4000, 3)));
        assert_eq!(read_varint(&[0x80, 0x00]), None, "0 written in two bytes");
    }

    #[test]
    fn debug_hides_secret() {
        let k = Ed25519KeyPair::from_seed(&[1u8; 32]);
        let dbg = format!("{k:?}");
        assert!(dbg.contains("z6Mk"));
        let seed_b58 = bs58::encode([1u8; 32]).into_string();
        assert!(!dbg.contains(&seed_b58));
        assert!(!dbg.contains("[1, 1"));
    }
}
