//! JOSE: compact JWS with the RFC 8725 refusals, JWK keys (Ed25519, P-256,
//! RSA), VC-JWT for Open Badges 3.0, and key resolution for JWTs.
//!
//! - [`keys`]: the algorithm allow-list ([`JwsAlgorithm`]), [`JosePublicKey`]
//!   with JWK import/export, signing keys ([`P256KeyPair`], the crate's
//!   Ed25519 key pair, `RsaKeyPair` behind feature `rs256-sign`), the
//!   [`JwsSigner`] trait.
//! - [`jws`]: [`Jws::parse`] (bounded, strict, every refusal a variant of
//!   [`JwsError`]), [`Jws::verify`], [`sign_compact`].
//! - [`vcjwt`]: [`sign_vc_jwt`] and [`VcJwt`] (OB 3.0 payload form and VC 1.1
//!   `vc` claim form), the claims checked against the credential.
//! - [`binding`]: [`resolve_jwt_key`]: which key checks the signature and
//!   whether it is bound to the issuer ([`KeySource`]).
//!
//! Sign a VC-JWT with an Ed25519 key and verify it:
//!
//! ```
//! use openbadges::jose::{sign_vc_jwt, JwsSigner, KeyReference, VcJwt, VcJwtOptions};
//! use openbadges::keys::Ed25519KeyPair;
//! use openbadges::limits::Limits;
//!
//! let key = Ed25519KeyPair::from_seed(&[9u8; 32]);
//! let credential = serde_json::json!({
//!     "@context": ["https://www.w3.org/ns/credentials/v2",
//!                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
//!     "id": "urn:uuid:6f3c8a2e-1b2d-4c3e-8f4a-5b6c7d8e9f00",
//!     "type": ["VerifiableCredential", "OpenBadgeCredential"],
//!     "issuer": {"id": "https://example.edu/issuers/1", "type": ["Profile"], "name": "Example"},
//!     "validFrom": "2025-01-01T00:00:00Z",
//!     "name": "Teamwork",
//!     "credentialSubject": {"id": "did:example:learner", "type": ["AchievementSubject"]}
//! });
//! let options = VcJwtOptions::new(KeyReference::Kid("https://example.edu/keys#1".into()));
//! let token = sign_vc_jwt(&credential, &key, &options)?;
//!
//! let jwt = VcJwt::parse(&token, &Limits::DEFAULT)?;
//! jwt.verify_signature(&key.public_key())?;
//! jwt.check_claims()?;
//! assert_eq!(jwt.credential()["name"], "Teamwork");
//! assert_eq!(jwt.claims().nbf, Some(1735689600));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod binding;
pub mod jws;
pub mod keys;
pub mod vcjwt;

pub use binding::{
    resolve_jwt_key, KeyResolutionError, KeySource, KeyStep, KeyStepError, ResolvedKey,
    StepFailure, TrustedKeys,
};
pub use jws::{sign_compact, JoseHeader, Jws, JwsError, JwsPart};
#[cfg(feature = "rs256-sign")]
pub use keys::RsaKeyPair;
pub use keys::{
    JosePublicKey, JwkError, JwsAlgorithm, JwsSigner, KeyType, P256KeyPair, RsaPublicKey,
    SignError, VerifyError,
};
pub use vcjwt::{
    sign_vc_jwt, Claim, ClaimError, JwtClaims, KeyReference, VcJwt, VcJwtError, VcJwtForm,
    VcJwtOptions,
};
