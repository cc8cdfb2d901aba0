//! The one recipient-identity matcher of the crate: OB 2.0 `IdentityObject`
//! (`identity`, `type`), OB 3.0 `IdentityObject` (`identityHash`,
//! `identityType`) and the verifier's `recipient-match` check all compare
//! an identity through [`identity_matches`], and hash one through
//! [`hash_identity`].
//!
//! A hashed identity is `<alg>$<hex digest>` of the plain identity followed
//! by the salt (no salt: nothing appended), with `alg` `sha256` or `md5`
//! (both specifications allow either; the algorithm name and the hex digits
//! are read case-insensitively).
//!
//! For an e-mail identity the candidate is tried as given, without a
//! `mailto:` prefix, and lower-cased (issuers hash the address as they hold
//! it, most of them lower-cased); a plain e-mail identity is compared
//! case-insensitively, any other plain identity exactly.
//!
//! ```
//! use openbadges::model::recipient::{hash_identity, identity_matches, IdentityHash};
//! // printf %s 'nobody@example.orgdeadsea' | sha256sum
//! let stored = hash_identity(IdentityHash::Sha256, "nobody@example.org", Some("deadsea"));
//! assert_eq!(stored, "sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942");
//! assert!(identity_matches(&stored, true, Some("deadsea"), true, "mailto:Nobody@Example.org")?);
//! assert!(!identity_matches(&stored, true, Some("deadsea"), true, "somebody@example.org")?);
//! assert!(identity_matches("https://example.org/ana", false, None, false, "https://example.org/ana")?);
//! # Ok::<(), openbadges::model::recipient::IdentityHashError>(())
//! ```

use sha2::Digest;

/// A hash algorithm a hashed identity can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdentityHash {
    /// `sha256$…`
    Sha256,
    /// `md5$…`
    Md5,
}

impl IdentityHash {
    /// The prefix written before `$`.
    pub fn name(self) -> &'static str {
        match self {
            IdentityHash::Sha256 => "sha256",
            IdentityHash::Md5 => "md5",
        }
    }

    /// The lower-case hex digest of `input`.
    pub fn digest_hex(self, input: &str) -> String {
        match self {
            IdentityHash::Sha256 => hex::encode(sha2::Sha256::digest(input.as_bytes())),
            IdentityHash::Md5 => hex::encode(md5::Md5::digest(input.as_bytes())),
        }
    }

    /// The length of the hex digest.
    pub fn hex_len(self) -> usize {
        match self {
            IdentityHash::Sha256 => 64,
            IdentityHash::Md5 => 32,
        }
    }
}

/// Why a stored hashed identity cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdentityHashError {
    /// The algorithm before `$` is neither sha256 nor md5.
    #[error("recipient identity hash uses unknown algorithm {algorithm:?} (known: sha256, md5)")]
    UnknownAlgorithm {
        /// The prefix before `$`.
        algorithm: String,
    },
    /// Not `<alg>$<hex digest>` of the algorithm's length.
    #[error("malformed hashed recipient identity {identity:?}: {reason}")]
    Malformed {
        /// The stored value.
        identity: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// `<alg>$<lower-case hex of alg(plain ‖ salt)>`.
pub fn hash_identity(alg: IdentityHash, plain: &str, salt: Option<&str>) -> String {
    let input = format!("{plain}{}", salt.unwrap_or(""));
    format!("{}${}", alg.name(), alg.digest_hex(&input))
}

/// The algorithm and hex digest of a stored hashed identity.
///
/// # Errors
/// [`IdentityHashError::Malformed`] without a `$` or with a digest that is
/// not hex of the algorithm's length; [`IdentityHashError::UnknownAlgorithm`].
pub fn parse_hashed(stored: &str) -> Result<(IdentityHash, &str), IdentityHashError> {
    let malformed = |reason| IdentityHashError::Malformed {
        identity: stored.chars().take(200).collect(),
        reason,
    };
    let (alg, hex) = stored
        .split_once('$')
        .ok_or_else(|| malformed("expected `<algorithm>$<hex digest>`"))?;
    let alg = if alg.eq_ignore_ascii_case("sha256") {
        IdentityHash::Sha256
    } else if alg.eq_ignore_ascii_case("md5") {
        IdentityHash::Md5
    } else {
        return Err(IdentityHashError::UnknownAlgorithm {
            algorithm: alg.chars().take(64).collect(),
        });
    };
    if hex.len() != alg.hex_len() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(malformed("digest is not hex of the algorithm's length"));
    }
    Ok((alg, hex))
}

/// The forms of `candidate` to try: as given; for an e-mail also without
/// `mailto:` and lower-cased.
fn candidates(candidate: &str, email: bool) -> Vec<String> {
    let mut out = vec![candidate.to_owned()];
    if email {
        let stripped = candidate.strip_prefix("mailto:").unwrap_or(candidate);
        for c in [stripped.to_owned(), stripped.to_lowercase()] {
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// Whether `candidate` (a plain identity) is the recipient a stored
/// identity names.
///
/// `stored` is the identity as written (`identity` in OB 2.0,
/// `identityHash` in OB 3.0), `hashed` whether it is a hash, `salt` the
/// salt, `email` whether the identity type is an e-mail address (or the
/// candidate looks like one).
///
/// # Errors
/// For a hashed identity, as [`parse_hashed`]: an unknown algorithm or a
/// malformed digest is an error, not `false`.
pub fn identity_matches(
    stored: &str,
    hashed: bool,
    salt: Option<&str>,
    email: bool,
    candidate: &str,
) -> Result<bool, IdentityHashError> {
    if !hashed {
        return Ok(if email {
            let strip = |s: &str| s.strip_prefix("mailto:").unwrap_or(s).to_owned();
            strip(stored).eq_ignore_ascii_case(&strip(candidate))
        } else {
            stored == candidate
        });
    }
    let (alg, hex) = parse_hashed(stored)?;
    let salt = salt.unwrap_or("");
    Ok(candidates(candidate, email).iter().any(|c| {
        alg.digest_hex(&format!("{c}{salt}"))
            .eq_ignore_ascii_case(hex)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Computed independently: printf %s 'nobody@example.orgdeadsea' | md5sum
    const NOBODY_MD5: &str = "df7f6ab472edfcaf9040a8bbdee36400";

    #[test]
    fn md5_and_upper_case_hex() {
        let stored = format!("MD5${}", NOBODY_MD5.to_uppercase());
        assert!(
            identity_matches(&stored, true, Some("deadsea"), true, "nobody@example.org").unwrap()
        );
        assert!(
            !identity_matches(&stored, true, Some("deadsee"), true, "nobody@example.org").unwrap()
        );
    }

    #[test]
    fn errors_are_not_false() {
        assert!(matches!(
            identity_matches(
                "sha1$da39a3ee5e6b4b0d3255bfef95601890afd80709",
                true,
                None,
                false,
                "x"
            ),
            Err(IdentityHashError::UnknownAlgorithm { .. })
        ));
        assert!(matches!(
            identity_matches("sha256$abcd", true, None, false, "x"),
            Err(IdentityHashError::Malformed { .. })
        ));
        assert!(matches!(
            identity_matches("no-dollar", true, None, false, "x"),
            Err(IdentityHashError::Malformed { .. })
        ));
    }

    #[test]
    fn plain_identities() {
        assert!(identity_matches(
            "mailto:Ana@Example.org",
            false,
            None,
            true,
            "ana@example.org"
        )
        .unwrap());
        assert!(!identity_matches(
            "https://example.org/Ana",
            false,
            None,
            false,
            "https://example.org/ana"
        )
        .unwrap());
    }
}
