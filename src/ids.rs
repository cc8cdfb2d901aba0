//! Validated identifiers and times: [`Iri`], [`Did`], [`DidUrl`], [`DateTime`].
//!
//! Parse, don't validate: each type can only be built through a check, and
//! serde deserialization goes through the same check, so a malformed IRI or
//! date can never sit inside a model value. Each type keeps the exact text it
//! was parsed from, so a document read and written back is unchanged.

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a string is not a valid identifier or time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    /// Not an absolute IRI.
    #[error("invalid IRI {value:?}: {reason}")]
    Iri {
        /// The text that was refused.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not a DID (`did:<method>:<method-specific-id>`).
    #[error("invalid DID {value:?}: {reason}")]
    Did {
        /// The text that was refused.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Not a date-time.
    #[error("invalid date-time {value:?}: expected RFC 3339 / xsd:dateTime such as 2024-01-31T12:00:00Z")]
    DateTime {
        /// The text that was refused.
        value: String,
    },
}

fn check_no_space_or_control(s: &str) -> bool {
    /// The ASCII characters an IRI may not hold besides spaces and controls.
    const FORBIDDEN: &[u8] = b"<>\"{}|\\^`";
    /// The ASCII bytes an IRI may hold: graphic, but not [`FORBIDDEN`].
    // Built at compile time; every index is below the table's length.
    #[allow(clippy::indexing_slicing)]
    const ALLOWED: [bool; 128] = {
        let mut t = [false; 128];
        let mut b = 0usize;
        while b < 128 {
            let c = b as u8;
            let mut forbidden = false;
            let mut i = 0usize;
            while i < FORBIDDEN.len() {
                forbidden |= FORBIDDEN[i] == c;
                i += 1;
            }
            t[b] = c.is_ascii_graphic() && !forbidden;
            b += 1;
        }
        t
    };
    if s.is_ascii() {
        // One table lookup a byte: `data:` images run to megabytes.
        return s
            .bytes()
            .all(|b| ALLOWED.get(b as usize).copied().unwrap_or(false));
    }
    !s.chars().any(|c| {
        c.is_whitespace() || c.is_control() || (c.is_ascii() && FORBIDDEN.contains(&(c as u8)))
    })
}

/// Whether `s` (an absolute IRI that passed [`check_no_space_or_control`],
/// with a valid scheme) parses as a URL, at a cost that does not grow with
/// its path, query or fragment.
///
/// Only the authority can make the WHATWG URL parser fail once the scheme
/// is valid and spaces, controls and `\\` are gone: paths, queries and
/// fragments are percent-encoded, never refused. So the URL parsed is the
/// scheme and the authority alone (a `data:` image of half a megabyte costs
/// what `data:` costs). The authority is what the parser reads as one: for
/// the special schemes but `file`, after any number of slashes; for the
/// others (and `file`), only after `//`; up to the first `/`, `?` or `#`.
fn parses_as_url(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let lower = scheme.to_ascii_lowercase();
    let special = matches!(lower.as_str(), "http" | "https" | "ws" | "wss" | "ftp");
    let authority = if special {
        Some(rest.trim_start_matches('/'))
    } else {
        rest.strip_prefix("//")
    };
    match authority {
        // No authority: a path (or an opaque path), never refused.
        None => true,
        Some(after) => {
            let end = after.find(['/', '?', '#']).unwrap_or(after.len());
            let host = after.get(..end).unwrap_or(after);
            // (`file:` hosts take no port: always parsed.)
            (lower != "file" && plain_authority(host))
                || url::Url::parse(&format!("{scheme}://{host}")).is_ok()
        }
    }
}

/// Whether an authority is one the URL parser accepts without a doubt: a
/// domain of ASCII letters, digits and hyphens in non-empty labels, none
/// an IDNA `xn--` label, whose last label starts with a letter (so it is
/// not read as an IPv4 address), and an optional port up to 65535. Every
/// other authority is left to the parser (the test compares both).
fn plain_authority(authority: &str) -> bool {
    let (host, port) = match authority.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (authority, None),
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= 65_535)
    });
    let labels_ok = !host.is_empty()
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
        });
    let last_ok = host
        .rsplit('.')
        .next()
        .and_then(|l| l.bytes().next())
        .is_some_and(|b| b.is_ascii_alphabetic());
    port_ok && labels_ok && last_ok
}

/// An absolute IRI (RFC 3987): a URL, a URN such as `urn:uuid:…`, a DID or DID URL.
///
/// ```
/// use openbadges::ids::Iri;
/// let iri: Iri = "https://example.edu/badges/1".parse()?;
/// assert_eq!(iri.scheme(), "https");
/// assert!("not an iri".parse::<Iri>().is_err());
/// # Ok::<(), openbadges::ids::IdError>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iri(String);

impl Iri {
    /// Checks and wraps an absolute IRI.
    ///
    /// # Errors
    /// [`IdError::Iri`] when the text has no scheme, contains spaces, control
    /// characters or characters IRIs forbid, or does not parse as a URL.
    pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
        let s = s.into();
        Self::check(&s)?;
        Ok(Iri(s))
    }

    /// Checks `s` as [`Iri::new`] does, without taking a copy.
    ///
    /// # Errors
    /// As [`Iri::new`].
    pub fn check(s: &str) -> Result<(), IdError> {
        let err = |reason| IdError::Iri {
            value: s.to_owned(),
            reason,
        };
        if s.is_empty() {
            return Err(err("empty"));
        }
        if !check_no_space_or_control(s) {
            return Err(err(
                "contains a space, control character or character IRIs forbid",
            ));
        }
        let Some((scheme, rest)) = s.split_once(':') else {
            return Err(err("no scheme (an absolute IRI is required)"));
        };
        let mut chars = scheme.chars();
        let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !scheme_ok {
            return Err(err("invalid scheme"));
        }
        if rest.is_empty() {
            return Err(err("nothing after the scheme"));
        }
        if !parses_as_url(s) {
            return Err(err("does not parse as a URL"));
        }
        Ok(())
    }

    /// Wraps a string known to be a valid absolute IRI, for constants.
    ///
    /// Do not use on untrusted input: it skips the check.
    pub fn new_unchecked(s: impl Into<String>) -> Self {
        Iri(s.into())
    }

    /// The IRI as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A `urn:uuid:` IRI derived from `digest` (its first 16 bytes), laid out
    /// as an RFC 9562 version 8 (custom) UUID: the same inputs always give the
    /// same id, so re-issuing a credential for the same assessment is
    /// idempotent. `None` when `digest` is shorter than 16 bytes.
    ///
    /// ```
    /// use openbadges::ids::Iri;
    /// use sha2::{Digest, Sha256};
    /// let id = Iri::urn_uuid_from_digest(&Sha256::digest(b"assessment 42")).unwrap();
    /// assert!(id.as_str().starts_with("urn:uuid:"));
    /// assert_eq!(id.as_str().len(), "urn:uuid:".len() + 36);
    /// ```
    pub fn urn_uuid_from_digest(digest: &[u8]) -> Option<Iri> {
        let mut u: [u8; 16] = digest.get(..16)?.try_into().ok()?;
        if let Some(b) = u.get_mut(6) {
            *b = (*b & 0x0f) | 0x80;
        }
        if let Some(b) = u.get_mut(8) {
            *b = (*b & 0x3f) | 0x80;
        }
        let hex: String = hex::encode(u);
        let part = |a: usize, b: usize| hex.get(a..b).unwrap_or("");
        Some(Iri(format!(
            "urn:uuid:{}-{}-{}-{}-{}",
            part(0, 8),
            part(8, 12),
            part(12, 16),
            part(16, 20),
            part(20, 32)
        )))
    }

    /// The scheme, e.g. `https`, `urn`, `did`.
    pub fn scheme(&self) -> &str {
        self.0.split_once(':').map_or("", |(s, _)| s)
    }

    /// Whether this is an `http` or `https` URL.
    pub fn is_http(&self) -> bool {
        let s = self.scheme();
        s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http")
    }

    /// Parses this IRI as a DID URL, if it is one.
    pub fn as_did_url(&self) -> Option<DidUrl> {
        DidUrl::new(self.0.clone()).ok()
    }

    /// The part after `#`, if any.
    pub fn fragment(&self) -> Option<&str> {
        self.0.split_once('#').map(|(_, f)| f)
    }

    /// The IRI without its fragment.
    pub fn without_fragment(&self) -> &str {
        self.0.split_once('#').map_or(&self.0, |(b, _)| b)
    }
}

/// A DID: `did:<method>:<method-specific-id>` with no path, query or fragment.
///
/// ```
/// use openbadges::ids::Did;
/// let did: Did = "did:web:example.edu".parse()?;
/// assert_eq!(did.method(), "web");
/// assert_eq!(did.method_specific_id(), "example.edu");
/// # Ok::<(), openbadges::ids::IdError>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Did(String);

fn did_prefix_len(s: &str) -> Result<usize, &'static str> {
    let rest = s.strip_prefix("did:").ok_or("does not start with did:")?;
    let (method, tail) = rest.split_once(':').ok_or("no method-specific id")?;
    if method.is_empty()
        || !method
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        return Err("method name must be lowercase letters and digits");
    }
    // method-specific-id: *( *idchar ":" ) 1*idchar, idchar = ALPHA / DIGIT / "." / "-" / "_" / pct-encoded
    let mut len = 0usize;
    let bytes = tail.as_bytes();
    while let Some(&b) = bytes.get(len) {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':') {
            len += 1;
        } else if b == b'%' {
            let hex = |i: usize| bytes.get(len + i).is_some_and(|h| h.is_ascii_hexdigit());
            if !(hex(1) && hex(2)) {
                return Err("bad percent-encoding");
            }
            len += 3;
        } else {
            break;
        }
    }
    let id = tail.get(..len).unwrap_or("");
    if id.is_empty() || id.ends_with(':') {
        return Err("empty or colon-terminated method-specific id");
    }
    Ok(4 + method.len() + 1 + len)
}

impl Did {
    /// Checks and wraps a DID.
    ///
    /// # Errors
    /// [`IdError::Did`] when the syntax of DID Core §3.1 is not met or the
    /// text carries a path, query or fragment (use [`DidUrl`] for those).
    pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
        let s = s.into();
        match did_prefix_len(&s) {
            Ok(n) if n == s.len() => Ok(Did(s)),
            Ok(_) => Err(IdError::Did {
                value: s,
                reason: "has a path, query or fragment (that is a DID URL)",
            }),
            Err(reason) => Err(IdError::Did { value: s, reason }),
        }
    }

    /// The DID as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The method name, e.g. `key` or `web`.
    pub fn method(&self) -> &str {
        self.0
            .get(4..)
            .and_then(|r| r.split(':').next())
            .unwrap_or("")
    }

    /// Everything after `did:<method>:`.
    pub fn method_specific_id(&self) -> &str {
        let skip = 4 + self.method().len() + 1;
        self.0.get(skip..).unwrap_or("")
    }

    /// This DID as an [`Iri`].
    pub fn to_iri(&self) -> Iri {
        Iri(self.0.clone())
    }
}

/// A DID URL: a DID with an optional path, query and fragment, such as a
/// verification method `did:key:z6Mk…#z6Mk…`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DidUrl {
    text: String,
    did_len: usize,
}

impl DidUrl {
    /// Checks and wraps a DID URL.
    ///
    /// # Errors
    /// [`IdError::Did`] when the DID part is malformed or what follows it does
    /// not start with `/`, `?` or `#`, or contains spaces or control characters.
    pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
        let s = s.into();
        let did_len = match did_prefix_len(&s) {
            Ok(n) => n,
            Err(reason) => return Err(IdError::Did { value: s, reason }),
        };
        let tail = s.get(did_len..).unwrap_or("");
        if !(tail.is_empty() || tail.starts_with(['/', '?', '#'])) {
            return Err(IdError::Did {
                value: s,
                reason: "unexpected character after the DID",
            });
        }
        if !check_no_space_or_control(tail) {
            return Err(IdError::Did {
                value: s,
                reason: "contains a space or control character",
            });
        }
        Ok(DidUrl { text: s, did_len })
    }

    /// The DID URL as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The DID this URL is rooted in.
    pub fn did(&self) -> Did {
        Did(self.text.get(..self.did_len).unwrap_or("").to_owned())
    }

    /// The fragment after `#`, if any.
    pub fn fragment(&self) -> Option<&str> {
        self.text
            .get(self.did_len..)
            .and_then(|t| t.split_once('#'))
            .map(|(_, f)| f)
    }

    /// This DID URL as an [`Iri`].
    pub fn to_iri(&self) -> Iri {
        Iri(self.text.clone())
    }
}

/// A point in time as written in a credential (`xsd:dateTime`), kept with its
/// original text.
///
/// Accepts RFC 3339 (`2024-01-31T12:00:00Z`, `…+01:00`, fractional seconds)
/// and, as OB 2.0 and some issuers write, a date-time without an offset
/// (read as UTC; [`DateTime::has_offset`] tells) or a bare date (midnight UTC).
///
/// ```
/// use openbadges::ids::DateTime;
/// let t: DateTime = "2024-01-31T12:00:00+01:00".parse()?;
/// assert_eq!(t.to_utc().to_rfc3339(), "2024-01-31T11:00:00+00:00");
/// assert_eq!(t.as_str(), "2024-01-31T12:00:00+01:00");
/// # Ok::<(), openbadges::ids::IdError>(())
/// ```
#[derive(Clone)]
pub struct DateTime {
    text: String,
    value: chrono::DateTime<chrono::FixedOffset>,
    has_offset: bool,
}

impl DateTime {
    /// Parses a date-time, keeping its text.
    ///
    /// # Errors
    /// [`IdError::DateTime`] when the text is not one of the accepted forms.
    pub fn new(s: impl Into<String>) -> Result<Self, IdError> {
        let text = s.into();
        if let Ok(value) = chrono::DateTime::parse_from_rfc3339(&text) {
            return Ok(DateTime {
                text,
                value,
                has_offset: true,
            });
        }
        let utc = chrono::FixedOffset::east_opt(0);
        let naive = chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S%.f")
            .ok()
            .or_else(|| {
                chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                    .ok()
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
            });
        match (naive, utc) {
            (Some(n), Some(utc)) => Ok(DateTime {
                value: n.and_utc().with_timezone(&utc),
                text,
                has_offset: false,
            }),
            _ => Err(IdError::DateTime { value: text }),
        }
    }

    /// A date-time from a UTC instant, written as RFC 3339 with `Z` and whole seconds.
    pub fn from_utc(t: chrono::DateTime<chrono::Utc>) -> Self {
        let text = t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        DateTime {
            text,
            value: t.fixed_offset(),
            has_offset: true,
        }
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant in UTC.
    pub fn to_utc(&self) -> chrono::DateTime<chrono::Utc> {
        self.value.to_utc()
    }

    /// The instant with its written offset.
    pub fn value(&self) -> chrono::DateTime<chrono::FixedOffset> {
        self.value
    }

    /// Whether the text carried a time-zone offset.
    pub fn has_offset(&self) -> bool {
        self.has_offset
    }
}

impl PartialEq for DateTime {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}
impl Eq for DateTime {}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({:?})", self.text)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

macro_rules! string_newtype_impls {
    ($t:ident) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl FromStr for $t {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }
        impl TryFrom<String> for $t {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                Self::new(s)
            }
        }
        impl TryFrom<&str> for $t {
            type Error = IdError;
            fn try_from(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::new(s).map_err(serde::de::Error::custom)
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

string_newtype_impls!(Iri);
string_newtype_impls!(Did);
string_newtype_impls!(DidUrl);

impl fmt::Debug for Iri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iri({:?})", self.0)
    }
}
impl fmt::Debug for Did {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Did({:?})", self.0)
    }
}
impl fmt::Debug for DidUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DidUrl({:?})", self.text)
    }
}

impl FromStr for DateTime {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        Self::new(s)
    }
}
impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}
impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::new(s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The authority-only parse agrees with parsing the whole URL on every
    /// shape the authority rules distinguish (the expected answers are the
    /// url crate's own, for the whole text).
    #[test]
    fn the_ascii_table_agrees_with_the_char_rules() {
        for b in 0u8..128 {
            let c = char::from(b);
            // "é" makes the text non-ASCII: the char-by-char rules decide.
            assert_eq!(
                check_no_space_or_control(&c.to_string()),
                check_no_space_or_control(&format!("é{c}")),
                "{b:#04x}"
            );
        }
    }

    #[test]
    fn authority_parse_agrees_with_the_whole_url() {
        let hosts = [
            "example.org",
            "example.org:443",
            "example.org:99999",
            "example.org:x",
            "user:pw@example.org",
            "user@",
            "",
            "[::1]",
            "[::1",
            "[::1]:8080",
            "1.2.3.4",
            "1.2.3.256",
            "0x7f.1",
            "ex%41mple.org",
            "ex%zzmple.org",
            "ex%00mple.org",
            "xn--nxasmq6b",
            "xn--a",
            "例え.テスト",
            "a..b",
            "a:b:c",
            "%",
            "a[b",
            "a]b",
            "a@b@c",
            "Example.ORG",
            "a-.b",
            "-a.b",
            "a.b.",
            "1a.b",
            "a.1b",
            "a.0x1",
            "a.b.0x1f",
            "XN--nxasmq6b.com",
            "a.xn--zz",
            "example.org:65535",
            "example.org:65536",
            "example.org:",
            "example.org:0",
            "example.org:007",
            "a_b.c",
        ];
        let tails = ["", "/", "/p/q", "?q=1", "#f", "/a?b#c", "//x", ":9/y"];
        let schemes = [
            "https", "HTTP", "ws", "ftp", "file", "urn", "did", "data", "foo",
        ];
        let mut compared = 0;
        for scheme in schemes {
            for slashes in ["", "/", "//", "///"] {
                for host in hosts {
                    for tail in tails {
                        let s = format!("{scheme}:{slashes}{host}{tail}");
                        if !check_no_space_or_control(&s) {
                            continue;
                        }
                        assert_eq!(parses_as_url(&s), url::Url::parse(&s).is_ok(), "{s}");
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 5000, "{compared}");
    }

    #[test]
    fn iri_accepts_urls_urns_and_dids() {
        for ok in [
            "https://example.edu/issuers/565049",
            "urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002",
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "did:example:ebfeb1f712ebc6f1c276e12ec21#keys-1",
            "mailto:teacher@example.org",
            "https://例え.テスト/バッジ",
        ] {
            assert!(Iri::new(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn iri_refuses_relative_spaced_and_empty() {
        for bad in [
            "",
            "badge/1",
            "/badge/1",
            "https://exa mple.org",
            "1http://x",
            "https:",
            "a\u{0}:b",
        ] {
            assert!(Iri::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn did_parts() {
        let d = Did::new("did:web:example.com%3A8443:user:alice").unwrap();
        assert_eq!(d.method(), "web");
        assert_eq!(d.method_specific_id(), "example.com%3A8443:user:alice");
        assert!(Did::new("did:Web:x").is_err());
        assert!(Did::new("did:web:").is_err());
        assert!(Did::new("did:web:x:").is_err());
        assert!(Did::new("did:web:x#frag").is_err());
        assert!(Did::new("did:web:x%zz").is_err());
    }

    #[test]
    fn did_url_parts() {
        let u = DidUrl::new("did:key:z6Mkabc#z6Mkabc").unwrap();
        assert_eq!(u.did().as_str(), "did:key:z6Mkabc");
        assert_eq!(u.fragment(), Some("z6Mkabc"));
        assert!(DidUrl::new("did:key:z6Mkabc#a b").is_err());
        assert!(DidUrl::new("https://x#y").is_err());
    }

    #[test]
    fn datetime_forms() {
        let t = DateTime::new("2010-01-01T19:23:24.123Z").unwrap();
        assert!(t.has_offset());
        let n = DateTime::new("2016-12-31T23:59:59").unwrap();
        assert!(!n.has_offset());
        assert_eq!(n.to_utc().to_rfc3339(), "2016-12-31T23:59:59+00:00");
        assert!(DateTime::new("2016-12-31").is_ok());
        for bad in [
            "",
            "yesterday",
            "2016-13-01T00:00:00Z",
            "2016-12-31T25:00:00Z",
        ] {
            assert!(DateTime::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_goes_through_the_check() {
        assert!(serde_json::from_str::<Iri>("\"no scheme\"").is_err());
        let i: Iri = serde_json::from_str("\"https://a.example/x\"").unwrap();
        assert_eq!(
            serde_json::to_string(&i).unwrap(),
            "\"https://a.example/x\""
        );
        assert!(serde_json::from_str::<DateTime>("\"soon\"").is_err());
    }
}
