//! Credential status: W3C Bitstring Status List v1.0 (issuer and verifier
//! side) and the older methods still found in badges: `StatusList2021Entry`
//! and 1EdTech's `1EdTechRevocationList`.
//!
//! Everything here works on JSON that the caller has already fetched and
//! parsed (with [`crate::limits::parse_json_limited`]). Checking the status
//! list credential's own proof and validity period is the verifier's job, not
//! this module's.
//!
//! # Bit order
//! Index 0 is the left-most, most significant bit of the first byte of the
//! decompressed bitstring (Bitstring Status List v1.0, §Bitstring Encoding;
//! the same for StatusList2021). A multi-bit status (`statusSize` > 1) is read
//! left to right with the first bit most significant.
//!
//! # Decompression limit
//! An `encodedList` is GZIP-compressed, so a few hundred bytes can expand to
//! gigabytes. Decompression stops at [`Limits::max_fetch_bytes`] (the same
//! budget as a fetched document, 2 MiB by default: 16 million 1-bit entries)
//! and fails with [`StatusError::Limit`].
//!
//! ```
//! use openbadges::status::{check_status, StatusList, StatusPurpose};
//! use openbadges::limits::Limits;
//! let mut list = StatusList::new(StatusPurpose::Revocation);
//! let i = list.allocate()?;
//! list.revoke(i)?;
//! let id = "https://example.edu/status/1";
//! let cred = list.to_credential_json(id, "https://example.edu/issuer", "2024-01-01T00:00:00Z")?;
//! let entry = list.entry(id, i)?;
//! let outcome = check_status(&entry, &cred, &Limits::default())?;
//! assert!(outcome.is_revoked());
//! # Ok::<(), openbadges::status::StatusError>(())
//! ```

use core::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::limits::{LimitExceeded, Limits};

pub mod bitstring;
pub mod legacy;

pub use bitstring::{
    decode_encoded_list, encode_list, DecodedStatusList, StatusList, StatusListState,
    StatusMessage, DEFAULT_LIST_LENGTH, MIN_BITSTRING_BITS,
};
pub use legacy::{check_revocation_list, decode_status_list_2021};

/// What a status list says about the entries it holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum StatusPurpose {
    /// A set bit means revoked, permanently.
    Revocation,
    /// A set bit means suspended (may be lifted).
    Suspension,
    /// A set bit means a newer version of the credential should be fetched.
    Refresh,
    /// The status value selects one of the entry's `statusMessage`s.
    Message,
    /// Any other purpose string, kept as written.
    Other(String),
}

impl StatusPurpose {
    /// The purpose as written in JSON (`"revocation"`, …).
    pub fn as_str(&self) -> &str {
        match self {
            StatusPurpose::Revocation => "revocation",
            StatusPurpose::Suspension => "suspension",
            StatusPurpose::Refresh => "refresh",
            StatusPurpose::Message => "message",
            StatusPurpose::Other(s) => s,
        }
    }

    /// Parses a purpose string; unknown strings become [`StatusPurpose::Other`].
    pub fn parse(s: &str) -> Self {
        match s {
            "revocation" => StatusPurpose::Revocation,
            "suspension" => StatusPurpose::Suspension,
            "refresh" => StatusPurpose::Refresh,
            "message" => StatusPurpose::Message,
            other => StatusPurpose::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for StatusPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for StatusPurpose {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StatusPurpose {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(StatusPurpose::parse(&s))
    }
}

/// Which status method produced an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum StatusMethod {
    /// W3C Bitstring Status List v1.0 (`BitstringStatusListEntry`).
    BitstringStatusList,
    /// The W3C CCG StatusList2021 draft (`StatusList2021Entry`).
    StatusList2021,
    /// 1EdTech Revocation List (`1EdTechRevocationList`).
    #[serde(rename = "1EdTechRevocationList")]
    RevocationList1EdTech,
}

impl fmt::Display for StatusMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StatusMethod::BitstringStatusList => "BitstringStatusListEntry",
            StatusMethod::StatusList2021 => "StatusList2021Entry",
            StatusMethod::RevocationList1EdTech => "1EdTechRevocationList",
        })
    }
}

/// What a status list says about one credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusOutcome {
    /// The status method used.
    pub method: StatusMethod,
    /// The purpose checked (entry and list agree on it).
    pub purpose: StatusPurpose,
    /// The index in the list (none for a 1EdTech revocation list).
    pub index: Option<u64>,
    /// The status value: 0 for "not set", 1 for a set bit, up to
    /// 2^statusSize − 1 for multi-bit entries.
    pub value: u8,
    /// The message for this value, from the entry's `statusMessage` (or the
    /// revocation reason of a 1EdTech list), when there is one.
    pub message: Option<String>,
    /// The `id` of the status list credential read, when it has one. It is
    /// not required to equal the entry's `statusListCredential` (1EdTech's
    /// own test data differs), so a verifier wanting that check compares it.
    pub list_id: Option<String>,
}

impl StatusOutcome {
    /// Whether the status value is non-zero.
    pub fn is_set(&self) -> bool {
        self.value != 0
    }

    /// Whether this outcome says the credential is revoked.
    pub fn is_revoked(&self) -> bool {
        self.purpose == StatusPurpose::Revocation && self.is_set()
    }

    /// Whether this outcome says the credential is suspended.
    pub fn is_suspended(&self) -> bool {
        self.purpose == StatusPurpose::Suspension && self.is_set()
    }
}

/// Why a status could not be read or determined.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StatusError {
    /// The `credentialStatus` entry is malformed.
    #[error("credentialStatus{path}: {reason}")]
    Entry {
        /// JSON path inside the entry, such as `.statusListIndex`.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// The status list credential (or 1EdTech revocation list) is malformed.
    #[error("status list credential{path}: {reason}")]
    List {
        /// JSON path inside the list document, such as `.credentialSubject.encodedList`.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// The entry's type is not a status method this crate reads.
    #[error("credentialStatus.type: unsupported status type {found:?} (supported: BitstringStatusListEntry, StatusList2021Entry, 1EdTechRevocationList)")]
    UnsupportedType {
        /// The type found.
        found: String,
    },
    /// The entry and the list state different purposes.
    #[error("statusPurpose mismatch: the entry says {entry:?}, the list says {list:?}")]
    PurposeMismatch {
        /// The entry's purpose.
        entry: String,
        /// The list's purpose(s), comma-separated.
        list: String,
    },
    /// The `encodedList` is not valid multibase / base64 / GZIP.
    #[error("encodedList: {reason}")]
    Encoding {
        /// What failed.
        reason: String,
    },
    /// Decompressing the list would exceed a budget.
    #[error("{what}: {source}")]
    Limit {
        /// What was being decoded.
        what: &'static str,
        /// The exceeded budget.
        #[source]
        source: LimitExceeded,
    },
    /// The decompressed bitstring is shorter than the specification's minimum.
    #[error(
        "encodedList: the bitstring has {bits} bits, fewer than the required minimum of {min}"
    )]
    ListTooShort {
        /// Bits found (or requested when building a list).
        bits: u64,
        /// The minimum.
        min: u64,
    },
    /// The index points past the end of the list.
    #[error("statusListIndex {index} is out of range: the list holds {len} entries")]
    IndexOutOfRange {
        /// The index.
        index: u64,
        /// How many entries the list holds.
        len: u64,
    },
    /// A `statusSize` outside 1..=8.
    #[error("statusSize {found} is not supported (1 to 8 bits)")]
    StatusSize {
        /// The size found.
        found: u64,
    },
    /// A status value that does not fit the list's `statusSize`.
    #[error("status value {value} does not fit in {status_size} bit(s)")]
    ValueTooLarge {
        /// The value.
        value: u8,
        /// The list's status size.
        status_size: u8,
    },
    /// An operation that needs a list of another purpose (such as `revoke` on
    /// a suspension list).
    #[error("this list's statusPurpose is {actual}, but {operation} needs {needed}")]
    WrongPurpose {
        /// The operation.
        operation: &'static str,
        /// The purpose it needs.
        needed: StatusPurpose,
        /// The list's purpose.
        actual: StatusPurpose,
    },
    /// Every index of the list is allocated.
    #[error("the status list is full: all {len} indexes are allocated")]
    Exhausted {
        /// The list length.
        len: u64,
    },
    /// `statusMessage` has the wrong number of entries for `statusSize`.
    #[error("statusMessage has {found} entries, but statusSize {status_size} needs {expected}")]
    MessageCount {
        /// Entries given.
        found: usize,
        /// Entries needed (2^statusSize).
        expected: usize,
        /// The status size.
        status_size: u8,
    },
    /// A 1EdTech revocation list is checked against a credential without an `id`.
    #[error("1EdTechRevocationList needs the credential's id, and the credential has none")]
    MissingCredentialId,
}

impl StatusError {
    pub(crate) fn entry(path: &str, reason: impl Into<String>) -> Self {
        StatusError::Entry {
            path: path.to_owned(),
            reason: reason.into(),
        }
    }

    pub(crate) fn list(path: &str, reason: impl Into<String>) -> Self {
        StatusError::List {
            path: path.to_owned(),
            reason: reason.into(),
        }
    }
}

/// The status entries of a credential: its `credentialStatus`, one object or
/// an array of them (VC v2 allows several). Empty when there is none.
pub fn status_entries(credential: &Value) -> Vec<&Value> {
    match credential.get("credentialStatus") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => Vec::new(),
    }
}

/// The entry's status method, from its `type`.
///
/// # Errors
/// [`StatusError::Entry`] when `type` is missing or not a string (or array of
/// strings); [`StatusError::UnsupportedType`] for an unknown method.
pub fn entry_method(entry: &Value) -> Result<StatusMethod, StatusError> {
    let ty = entry
        .get("type")
        .ok_or_else(|| StatusError::entry(".type", "missing"))?;
    let types: Vec<&str> = match ty {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
        _ => return Err(StatusError::entry(".type", "not a string")),
    };
    for t in &types {
        match *t {
            "BitstringStatusListEntry" => return Ok(StatusMethod::BitstringStatusList),
            "StatusList2021Entry" => return Ok(StatusMethod::StatusList2021),
            "1EdTechRevocationList" => return Ok(StatusMethod::RevocationList1EdTech),
            _ => {}
        }
    }
    Err(StatusError::UnsupportedType {
        found: types.join(", "),
    })
}

/// The URL a verifier fetches to check this entry: `statusListCredential` for
/// status lists, `id` for a 1EdTech revocation list.
///
/// # Errors
/// As [`entry_method`], and [`StatusError::Entry`] when the URL is missing.
pub fn list_url(entry: &Value) -> Result<&str, StatusError> {
    let field = match entry_method(entry)? {
        StatusMethod::RevocationList1EdTech => "id",
        _ => "statusListCredential",
    };
    entry
        .get(field)
        .and_then(Value::as_str)
        .ok_or_else(|| StatusError::entry(&format!(".{field}"), "missing or not a string"))
}

/// Checks a status list entry against its (already fetched, parsed, and
/// separately proof-checked) status list credential.
///
/// Handles `BitstringStatusListEntry` and `StatusList2021Entry`: the list's
/// type must match the entry's method, the purposes must agree, the
/// bitstring is decoded within `limits`, must be at least
/// [`MIN_BITSTRING_BITS`] long, and the index must be in range.
/// `statusListIndex` is a decimal string per the specifications; a JSON
/// integer is accepted too (seen in 1EdTech's test data).
///
/// For a `1EdTechRevocationList` entry use [`check_credential_status`] (it
/// needs the credential's id).
///
/// # Errors
/// A [`StatusError`] naming the field that is wrong.
pub fn check_status(
    entry: &Value,
    list_credential: &Value,
    limits: &Limits,
) -> Result<StatusOutcome, StatusError> {
    match entry_method(entry)? {
        StatusMethod::BitstringStatusList => bitstring::check_bitstring(
            entry,
            list_credential,
            limits,
            StatusMethod::BitstringStatusList,
        ),
        StatusMethod::StatusList2021 => {
            bitstring::check_bitstring(entry, list_credential, limits, StatusMethod::StatusList2021)
        }
        StatusMethod::RevocationList1EdTech => Err(StatusError::MissingCredentialId),
    }
}

/// Checks one of `credential`'s status entries against the fetched list
/// document, whatever its method (a 1EdTech revocation list is looked up by
/// the credential's `id`).
///
/// # Errors
/// As [`check_status`] and [`check_revocation_list`].
pub fn check_credential_status(
    credential: &Value,
    entry: &Value,
    list: &Value,
    limits: &Limits,
) -> Result<StatusOutcome, StatusError> {
    match entry_method(entry)? {
        StatusMethod::RevocationList1EdTech => {
            let id = credential
                .get("id")
                .and_then(Value::as_str)
                .ok_or(StatusError::MissingCredentialId)?;
            check_revocation_list(id, list)
        }
        _ => check_status(entry, list, limits),
    }
}
