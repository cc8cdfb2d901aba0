//! `IdentityObject`: who a badge was awarded to, in plain text or hashed.

use serde::{Deserialize, Serialize};

use super::common::V2Error;
pub use crate::model::recipient::IdentityHash;
use crate::model::recipient::{self, IdentityHashError};
use crate::model::Extra;

/// The recipient of an assertion (`recipient`): an identity property (`type`:
/// `email`, `url`, `telephone`, `id`, …) and its value, either plain or
/// hashed as `sha256$<hex>` / `md5$<hex>` of the value followed by `salt`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityObject {
    /// The identity property, e.g. `email`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The identity, or `<alg>$<hex digest>` when [`hashed`](Self::hashed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// Whether [`identity`](Self::identity) is a hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hashed: Option<bool>,
    /// The salt appended to the plain identity before hashing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salt: Option<String>,
    /// Properties not modelled here, kept and written back.
    #[serde(flatten)]
    pub extra: Extra,
}

fn v2_error(e: IdentityHashError) -> V2Error {
    match e {
        IdentityHashError::UnknownAlgorithm { algorithm } => {
            V2Error::UnknownHashAlgorithm { algorithm }
        }
        IdentityHashError::Malformed { identity, reason } => {
            V2Error::MalformedIdentityHash { identity, reason }
        }
    }
}

impl IdentityObject {
    /// A plain (unhashed) identity, e.g. `IdentityObject::plain("email", "a@example.org")`.
    pub fn plain(type_: impl Into<String>, identity: impl Into<String>) -> Self {
        IdentityObject {
            type_: Some(type_.into()),
            identity: Some(identity.into()),
            hashed: Some(false),
            salt: None,
            extra: Extra::new(),
        }
    }

    /// A hashed email identity: `sha256$hex(sha256(email + salt))`, with the
    /// salt recorded (use a fresh random salt per assertion). The email is
    /// hashed exactly as given.
    pub fn hashed_email(email: &str, salt: impl Into<String>) -> Self {
        let salt = salt.into();
        IdentityObject {
            type_: Some("email".to_owned()),
            identity: Some(recipient::hash_identity(
                IdentityHash::Sha256,
                email,
                Some(&salt),
            )),
            hashed: Some(true),
            salt: Some(salt),
            extra: Extra::new(),
        }
    }

    /// Whether the identity is hashed (`hashed: true`).
    pub fn is_hashed(&self) -> bool {
        self.hashed == Some(true)
    }

    /// Whether the identity property is `email` (case-insensitive, possibly prefixed).
    pub fn is_email(&self) -> bool {
        self.type_.as_deref().is_some_and(|t| {
            let local = t.rsplit([':', '/', '#']).next().unwrap_or(t);
            local.eq_ignore_ascii_case("email")
        })
    }

    /// The algorithm and hex digest of a hashed identity.
    ///
    /// # Errors
    /// [`V2Error::MalformedIdentityHash`] when there is no identity or no `$`,
    /// or the digest is not hex of the algorithm's length;
    /// [`V2Error::UnknownHashAlgorithm`] for an algorithm other than sha256 / md5.
    pub fn hash(&self) -> Result<(IdentityHash, &str), V2Error> {
        let Some(identity) = self.identity.as_deref() else {
            return Err(V2Error::MalformedIdentityHash {
                identity: String::new(),
                reason: "no `identity`",
            });
        };
        recipient::parse_hashed(identity).map_err(v2_error)
    }

    /// Whether `plain_identity` is this recipient.
    ///
    /// Hashed: `alg(plain_identity + salt)` (no salt: empty) compared with the
    /// digest, hex case-insensitively (for an email also without `mailto:`
    /// and lower-cased). Plain: compared with the identity,
    /// case-insensitively for an email, exactly otherwise. The one matcher
    /// of the crate: [`crate::model::recipient::identity_matches`].
    ///
    /// # Errors
    /// As [`hash`](Self::hash) for a hashed identity (an unknown algorithm is
    /// an error, not `false`); [`V2Error::MissingField`] when there is no identity.
    pub fn matches(&self, plain_identity: &str) -> Result<bool, V2Error> {
        if self.is_hashed() && self.identity.is_none() {
            self.hash()?;
        }
        let identity = self.identity.as_deref().ok_or(V2Error::MissingField {
            object: "IdentityObject",
            field: "identity",
        })?;
        recipient::identity_matches(
            identity,
            self.is_hashed(),
            self.salt.as_deref(),
            self.is_email(),
            plain_identity,
        )
        .map_err(v2_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Computed independently: printf %s 'nobody@example.orgdeadsea' | sha256sum
    const NOBODY_SHA256: &str = "ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942";
    // printf %s 'nobody@example.orgdeadsea' | md5sum
    const NOBODY_MD5: &str = "df7f6ab472edfcaf9040a8bbdee36400";

    fn hashed(identity: &str, salt: Option<&str>) -> IdentityObject {
        IdentityObject {
            type_: Some("email".into()),
            identity: Some(identity.into()),
            hashed: Some(true),
            salt: salt.map(Into::into),
            extra: Extra::new(),
        }
    }

    #[test]
    fn hashed_email_matches_known_digest() {
        let id = IdentityObject::hashed_email("nobody@example.org", "deadsea");
        assert_eq!(
            id.identity.as_deref(),
            Some(format!("sha256${NOBODY_SHA256}").as_str())
        );
        assert!(id.matches("nobody@example.org").unwrap());
        assert!(!id.matches("somebody@example.org").unwrap());
    }

    #[test]
    fn sha256_and_md5_case_insensitive_hex() {
        let upper = hashed(
            &format!("SHA256${}", NOBODY_SHA256.to_uppercase()),
            Some("deadsea"),
        );
        assert!(upper.matches("nobody@example.org").unwrap());
        let md5 = hashed(&format!("md5${NOBODY_MD5}"), Some("deadsea"));
        assert!(md5.matches("nobody@example.org").unwrap());
        assert!(!md5.matches("nobody@example.org ").unwrap());
        // No salt: printf %s 'alice@example.org' | sha256sum
        let unsalted = hashed(
            "sha256$7a64adf28737ea90719cbdf0b1a87a5effff3753b79c91d717f4f4153ead0498",
            None,
        );
        assert!(unsalted.matches("alice@example.org").unwrap());
    }

    #[test]
    fn unknown_algorithm_is_an_error() {
        let id = hashed("sha1$da39a3ee5e6b4b0d3255bfef95601890afd80709", None);
        assert!(matches!(
            id.matches("x"),
            Err(V2Error::UnknownHashAlgorithm { algorithm }) if algorithm == "sha1"
        ));
        let no_dollar = hashed(NOBODY_SHA256, Some("deadsea"));
        assert!(matches!(
            no_dollar.matches("nobody@example.org"),
            Err(V2Error::MalformedIdentityHash { .. })
        ));
        let short = hashed("sha256$abcd", None);
        assert!(matches!(
            short.matches("x"),
            Err(V2Error::MalformedIdentityHash { .. })
        ));
    }

    #[test]
    fn plain_identities() {
        let e = IdentityObject::plain("email", "Alice@Example.org");
        assert!(e.matches("alice@example.org").unwrap());
        let u = IdentityObject::plain("url", "https://example.org/Alice");
        assert!(!u.matches("https://example.org/alice").unwrap());
        assert!(u.matches("https://example.org/Alice").unwrap());
        let none = IdentityObject {
            identity: None,
            ..IdentityObject::plain("email", "")
        };
        assert!(matches!(
            none.matches("x"),
            Err(V2Error::MissingField { .. })
        ));
    }
}
