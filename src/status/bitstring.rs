//! W3C Bitstring Status List v1.0: building and publishing a list (issuer
//! side) and decoding and reading one (verifier side).

use std::cell::RefCell;
use std::io::{Read, Write};
use std::sync::Arc;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{StatusError, StatusMethod, StatusOutcome, StatusPurpose};
use crate::ids::{DateTime, Iri};
use crate::limits::{Limit, LimitExceeded, Limits};
use crate::memo::{recall, Recent};

/// The minimum size of a decompressed bitstring, in bits: 16 KiB, as the
/// specification requires for group privacy.
pub const MIN_BITSTRING_BITS: u64 = 131_072;

/// How many entries [`StatusList::new`] holds (131,072: the 16 KiB minimum at
/// one bit per entry).
pub const DEFAULT_LIST_LENGTH: usize = 131_072;

/// Base64url that accepts input with or without `=` padding.
const LENIENT_URL_SAFE: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// One entry of `statusMessage`: the message shown for a status value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusMessage {
    /// The status value as a hexadecimal string with `0x` prefix (`"0x0"`, `"0x1"`, …).
    pub status: String,
    /// The message, such as `"pending_review"`.
    pub message: String,
}

impl StatusMessage {
    /// A message for the numeric status `value`.
    pub fn new(value: u8, message: impl Into<String>) -> Self {
        StatusMessage {
            status: format!("0x{value:x}"),
            message: message.into(),
        }
    }

    /// The numeric value of [`StatusMessage::status`], if it is well-formed hex.
    pub fn value(&self) -> Option<u8> {
        let s = self.status.trim();
        let hex = s
            .strip_prefix("0x")
            .or_else(|| s.strip_prefix("0X"))
            .unwrap_or(s);
        u8::from_str_radix(hex, 16).ok()
    }
}

/// Reads the bit at `pos`: bit 0 is the most significant bit of byte 0.
fn bit_get(bytes: &[u8], pos: u64) -> Option<bool> {
    let byte = bytes.get(usize::try_from(pos / 8).ok()?)?;
    Some(byte & (0x80u8 >> (pos % 8)) != 0)
}

fn bit_set(bytes: &mut [u8], pos: u64, on: bool) -> Option<()> {
    let byte = bytes.get_mut(usize::try_from(pos / 8).ok()?)?;
    let mask = 0x80u8 >> (pos % 8);
    if on {
        *byte |= mask;
    } else {
        *byte &= !mask;
    }
    Some(())
}

/// The `size`-bit value of entry `index`, first bit most significant.
fn read_value(bytes: &[u8], index: u64, size: u8) -> Option<u8> {
    let start = index.checked_mul(u64::from(size))?;
    let mut v = 0u8;
    for i in 0..u64::from(size) {
        v = (v << 1) | u8::from(bit_get(bytes, start.checked_add(i)?)?);
    }
    Some(v)
}

fn write_value(bytes: &mut [u8], index: u64, size: u8, value: u8) -> Option<()> {
    let start = index.checked_mul(u64::from(size))?;
    for i in 0..size {
        let on = (value >> (size - 1 - i)) & 1 == 1;
        bit_set(bytes, start.checked_add(u64::from(i))?, on)?;
    }
    Some(())
}

fn check_size(status_size: u64) -> Result<u8, StatusError> {
    match u8::try_from(status_size) {
        Ok(s @ 1..=8) => Ok(s),
        _ => Err(StatusError::StatusSize { found: status_size }),
    }
}

/// GZIP-compresses a bitstring and encodes it as multibase base64url without
/// padding (prefix `u`): the `encodedList` form.
///
/// # Errors
/// [`StatusError::Encoding`] if compression fails (it does not for in-memory
/// buffers).
pub fn encode_list(bitstring: &[u8]) -> Result<String, StatusError> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    let fail = |e: std::io::Error| StatusError::Encoding {
        reason: format!("GZIP compression failed: {e}"),
    };
    enc.write_all(bitstring).map_err(fail)?;
    let compressed = enc.finish().map_err(fail)?;
    Ok(format!("u{}", URL_SAFE_NO_PAD.encode(compressed)))
}

/// Decompresses GZIP data, stopping at [`Limits::max_fetch_bytes`].
pub(crate) fn gunzip_limited(compressed: &[u8], limits: &Limits) -> Result<Vec<u8>, StatusError> {
    let cap = limits.max_fetch_bytes;
    let mut out = Vec::new();
    GzDecoder::new(compressed)
        .take((cap as u64).saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| StatusError::Encoding {
            reason: format!("not valid GZIP data: {e}"),
        })?;
    if out.len() > cap {
        return Err(StatusError::Limit {
            what: "decompressed encodedList",
            source: LimitExceeded {
                limit: Limit::FetchBytes,
                max: cap,
                found: None,
            },
        });
    }
    Ok(out)
}

/// Decodes a Bitstring Status List `encodedList` (multibase `u` + base64url +
/// GZIP) into the raw bitstring, within `limits`.
///
/// # Errors
/// [`StatusError::Encoding`] for a missing `u` prefix, bad base64 or bad GZIP;
/// [`StatusError::Limit`] when the decompressed list is over
/// [`Limits::max_fetch_bytes`].
pub fn decode_encoded_list(encoded: &str, limits: &Limits) -> Result<Vec<u8>, StatusError> {
    let b64 = encoded
        .strip_prefix('u')
        .ok_or_else(|| StatusError::Encoding {
            reason: "must start with the multibase prefix 'u' (base64url without padding)".into(),
        })?;
    if b64.len() > limits.max_fetch_bytes.saturating_mul(2) {
        return Err(StatusError::Limit {
            what: "encodedList",
            source: LimitExceeded {
                limit: Limit::FetchBytes,
                max: limits.max_fetch_bytes,
                found: Some(b64.len()),
            },
        });
    }
    let compressed = LENIENT_URL_SAFE
        .decode(b64)
        .map_err(|e| StatusError::Encoding {
            reason: format!("not base64url: {e}"),
        })?;
    gunzip_limited(&compressed, limits)
}

/// A decoded bitstring with its status size, for reading entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedStatusList {
    bytes: Arc<[u8]>,
    status_size: u8,
}

impl DecodedStatusList {
    /// Wraps a raw bitstring.
    ///
    /// # Errors
    /// [`StatusError::StatusSize`] for a size outside 1..=8.
    pub fn from_bytes(bytes: Vec<u8>, status_size: u8) -> Result<Self, StatusError> {
        Self::shared(bytes.into(), status_size)
    }

    fn shared(bytes: Arc<[u8]>, status_size: u8) -> Result<Self, StatusError> {
        let status_size = check_size(u64::from(status_size))?;
        Ok(DecodedStatusList { bytes, status_size })
    }

    /// Decodes an `encodedList` (see [`decode_encoded_list`]).
    ///
    /// # Errors
    /// As [`decode_encoded_list`] and [`DecodedStatusList::from_bytes`].
    pub fn decode(encoded: &str, status_size: u8, limits: &Limits) -> Result<Self, StatusError> {
        Self::from_bytes(decode_encoded_list(encoded, limits)?, status_size)
    }

    /// Length of the bitstring in bits.
    pub fn bits(&self) -> u64 {
        (self.bytes.len() as u64).saturating_mul(8)
    }

    /// How many entries the list holds.
    pub fn len(&self) -> u64 {
        self.bits() / u64::from(self.status_size)
    }

    /// Whether the list holds no entry.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The status value at `index`.
    ///
    /// # Errors
    /// [`StatusError::IndexOutOfRange`].
    pub fn get(&self, index: u64) -> Result<u8, StatusError> {
        let out = || StatusError::IndexOutOfRange {
            index,
            len: self.len(),
        };
        if index >= self.len() {
            return Err(out());
        }
        read_value(&self.bytes, index, self.status_size).ok_or_else(out)
    }

    /// The raw bitstring.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// An issuer's status list: allocate an index per credential, set statuses,
/// publish as a `BitstringStatusListCredential`.
///
/// Allocation state (which indexes are handed out) lives only in this value;
/// persist it yourself (e.g. keep the `StatusList` in your store) since the
/// published credential carries only status bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    purpose: StatusPurpose,
    status_size: u8,
    len: usize,
    bits: Vec<u8>,
    allocated: Vec<u8>,
    next: usize,
    messages: Vec<StatusMessage>,
}

impl StatusList {
    /// A list of [`DEFAULT_LIST_LENGTH`] one-bit entries, all 0.
    pub fn new(purpose: StatusPurpose) -> Self {
        StatusList {
            purpose,
            status_size: 1,
            len: DEFAULT_LIST_LENGTH,
            bits: vec![0; DEFAULT_LIST_LENGTH / 8],
            allocated: vec![0; DEFAULT_LIST_LENGTH / 8],
            next: 0,
            messages: Vec::new(),
        }
    }

    /// A list of `len` entries of `status_size` bits each.
    ///
    /// # Errors
    /// [`StatusError::StatusSize`] unless 1 ≤ `status_size` ≤ 8;
    /// [`StatusError::ListTooShort`] when `len × status_size` is under
    /// [`MIN_BITSTRING_BITS`].
    pub fn with_size(
        purpose: StatusPurpose,
        len: usize,
        status_size: u8,
    ) -> Result<Self, StatusError> {
        let status_size = check_size(u64::from(status_size))?;
        let total_bits = (len as u64).saturating_mul(u64::from(status_size));
        if total_bits < MIN_BITSTRING_BITS {
            return Err(StatusError::ListTooShort {
                bits: total_bits,
                min: MIN_BITSTRING_BITS,
            });
        }
        let bytes =
            usize::try_from(total_bits.div_ceil(8)).map_err(|_| StatusError::ListTooShort {
                bits: total_bits,
                min: MIN_BITSTRING_BITS,
            })?;
        Ok(StatusList {
            purpose,
            status_size,
            len,
            bits: vec![0; bytes],
            allocated: vec![0; len.div_ceil(8)],
            next: 0,
            messages: Vec::new(),
        })
    }

    /// Sets the `statusMessage` table written into each entry (needed when
    /// `statusSize` > 1 or the purpose is `message`): exactly 2^statusSize
    /// messages, for values 0, 1, 2, …
    ///
    /// # Errors
    /// [`StatusError::MessageCount`] for a wrong count.
    pub fn with_messages(mut self, messages: Vec<StatusMessage>) -> Result<Self, StatusError> {
        let expected = 1usize << self.status_size;
        if messages.len() != expected {
            return Err(StatusError::MessageCount {
                found: messages.len(),
                expected,
                status_size: self.status_size,
            });
        }
        self.messages = messages;
        Ok(self)
    }

    /// The list's purpose.
    pub fn purpose(&self) -> &StatusPurpose {
        &self.purpose
    }

    /// Bits per entry.
    pub fn status_size(&self) -> u8 {
        self.status_size
    }

    /// How many entries the list holds.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the list holds no entry (never, for a valid list).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `index` has been handed out.
    pub fn is_allocated(&self, index: usize) -> bool {
        bit_get(&self.allocated, index as u64).unwrap_or(false)
    }

    fn mark(&mut self, index: usize) -> Result<usize, StatusError> {
        bit_set(&mut self.allocated, index as u64, true).ok_or(StatusError::IndexOutOfRange {
            index: index as u64,
            len: self.len as u64,
        })?;
        Ok(index)
    }

    /// Hands out the lowest unallocated index.
    ///
    /// # Errors
    /// [`StatusError::Exhausted`] when every index is taken.
    pub fn allocate(&mut self) -> Result<usize, StatusError> {
        let start = self.next;
        for index in (start..self.len).chain(0..start) {
            if !self.is_allocated(index) {
                self.next = index.saturating_add(1);
                return self.mark(index);
            }
        }
        Err(StatusError::Exhausted {
            len: self.len as u64,
        })
    }

    /// Hands out a random unallocated index, as the specification recommends
    /// for privacy (indexes then say nothing about issuance order).
    /// `next_u64` is your random source (e.g. `|| rng.next_u64()`); after 64
    /// collisions it falls back to [`StatusList::allocate`].
    ///
    /// # Errors
    /// [`StatusError::Exhausted`] when every index is taken.
    pub fn allocate_random(
        &mut self,
        mut next_u64: impl FnMut() -> u64,
    ) -> Result<usize, StatusError> {
        let len = self.len as u64;
        if len > 0 {
            for _ in 0..64 {
                let candidate = usize::try_from(next_u64() % len).unwrap_or(0);
                if !self.is_allocated(candidate) {
                    return self.mark(candidate);
                }
            }
        }
        self.allocate()
    }

    /// Sets the status value of `index`.
    ///
    /// # Errors
    /// [`StatusError::IndexOutOfRange`], or [`StatusError::ValueTooLarge`]
    /// when `value` does not fit in `statusSize` bits.
    pub fn set(&mut self, index: usize, value: u8) -> Result<(), StatusError> {
        if u32::from(value) >= (1u32 << self.status_size) {
            return Err(StatusError::ValueTooLarge {
                value,
                status_size: self.status_size,
            });
        }
        let out = StatusError::IndexOutOfRange {
            index: index as u64,
            len: self.len as u64,
        };
        if index >= self.len {
            return Err(out);
        }
        write_value(&mut self.bits, index as u64, self.status_size, value).ok_or(out)
    }

    /// The status value of `index`.
    ///
    /// # Errors
    /// [`StatusError::IndexOutOfRange`].
    pub fn get(&self, index: usize) -> Result<u8, StatusError> {
        let out = StatusError::IndexOutOfRange {
            index: index as u64,
            len: self.len as u64,
        };
        if index >= self.len {
            return Err(out);
        }
        read_value(&self.bits, index as u64, self.status_size).ok_or(out)
    }

    fn need(&self, operation: &'static str, needed: StatusPurpose) -> Result<(), StatusError> {
        if self.purpose == needed {
            Ok(())
        } else {
            Err(StatusError::WrongPurpose {
                operation,
                needed,
                actual: self.purpose.clone(),
            })
        }
    }

    /// Revokes `index` (sets it to 1) on a `revocation` list.
    ///
    /// # Errors
    /// [`StatusError::WrongPurpose`] on another kind of list; as [`StatusList::set`].
    pub fn revoke(&mut self, index: usize) -> Result<(), StatusError> {
        self.need("revoke", StatusPurpose::Revocation)?;
        self.set(index, 1)
    }

    /// Suspends `index` (sets it to 1) on a `suspension` list.
    ///
    /// # Errors
    /// [`StatusError::WrongPurpose`] on another kind of list; as [`StatusList::set`].
    pub fn suspend(&mut self, index: usize) -> Result<(), StatusError> {
        self.need("suspend", StatusPurpose::Suspension)?;
        self.set(index, 1)
    }

    /// Lifts a suspension (sets `index` to 0) on a `suspension` list.
    ///
    /// # Errors
    /// [`StatusError::WrongPurpose`] on another kind of list; as [`StatusList::set`].
    pub fn unsuspend(&mut self, index: usize) -> Result<(), StatusError> {
        self.need("unsuspend", StatusPurpose::Suspension)?;
        self.set(index, 0)
    }

    /// The raw bitstring.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bits
    }

    /// The `encodedList` value: GZIP, then multibase base64url without padding.
    ///
    /// # Errors
    /// As [`encode_list`].
    pub fn encoded_list(&self) -> Result<String, StatusError> {
        encode_list(&self.bits)
    }

    /// The unsigned `BitstringStatusListCredential` publishing this list
    /// (VC Data Model 2.0). Sign it, then serve it at `id`.
    ///
    /// # Errors
    /// [`StatusError::List`] when `id` or `issuer` is not an IRI or
    /// `valid_from` not a date-time; as [`encode_list`].
    pub fn to_credential_json(
        &self,
        id: &str,
        issuer: &str,
        valid_from: &str,
    ) -> Result<Value, StatusError> {
        let id = Iri::new(id).map_err(|e| StatusError::list(".id", e.to_string()))?;
        let issuer = Iri::new(issuer).map_err(|e| StatusError::list(".issuer", e.to_string()))?;
        let valid_from = DateTime::new(valid_from)
            .map_err(|e| StatusError::list(".validFrom", e.to_string()))?;
        Ok(json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": id.as_str(),
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": issuer.as_str(),
            "validFrom": valid_from.as_str(),
            "credentialSubject": {
                "id": format!("{}#list", id.as_str()),
                "type": "BitstringStatusList",
                "statusPurpose": self.purpose.as_str(),
                "encodedList": self.encoded_list()?,
            }
        }))
    }

    /// The `credentialStatus` value (a `BitstringStatusListEntry`) for the
    /// credential given `index`, pointing at the list credential `list_id`.
    /// `statusSize` and `statusMessage` are written when the size is over 1 or
    /// messages are set.
    ///
    /// # Errors
    /// [`StatusError::IndexOutOfRange`]; [`StatusError::List`] when `list_id`
    /// is not an IRI; [`StatusError::MessageCount`] when the specification
    /// requires `statusMessage` (`statusSize` > 1 or purpose `message`) and
    /// [`StatusList::with_messages`] was not called.
    pub fn entry(&self, list_id: &str, index: usize) -> Result<Value, StatusError> {
        let list_id = Iri::new(list_id).map_err(|e| StatusError::list(".id", e.to_string()))?;
        if self.messages.is_empty()
            && (self.status_size > 1 || self.purpose == StatusPurpose::Message)
        {
            return Err(StatusError::MessageCount {
                found: 0,
                expected: 1usize << self.status_size,
                status_size: self.status_size,
            });
        }
        if index >= self.len {
            return Err(StatusError::IndexOutOfRange {
                index: index as u64,
                len: self.len as u64,
            });
        }
        let mut entry = json!({
            "id": format!("{}#{index}", list_id.without_fragment()),
            "type": "BitstringStatusListEntry",
            "statusPurpose": self.purpose.as_str(),
            "statusListIndex": index.to_string(),
            "statusListCredential": list_id.as_str(),
        });
        if let Value::Object(map) = &mut entry {
            if self.status_size > 1 {
                map.insert("statusSize".into(), json!(self.status_size));
            }
            if !self.messages.is_empty() {
                map.insert("statusMessage".into(), json!(self.messages));
            }
        }
        Ok(entry)
    }
}

/// An issuer's [`StatusList`] in storable form (serde): the status bits and
/// the allocation map, each as an `encodedList`-style string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct StatusListState {
    /// The list's purpose.
    pub status_purpose: StatusPurpose,
    /// Bits per entry.
    pub status_size: u8,
    /// Entries in the list.
    pub length: usize,
    /// The status bits, GZIP + multibase base64url.
    pub encoded_list: String,
    /// One bit per entry, set when the index was handed out; same encoding.
    pub encoded_allocated: String,
    /// Where sequential allocation resumes.
    pub next: usize,
    /// The `statusMessage` table, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_message: Vec<StatusMessage>,
}

impl StatusList {
    /// The list's state for storage; restore it with [`StatusList::from_state`].
    ///
    /// # Errors
    /// As [`encode_list`].
    pub fn to_state(&self) -> Result<StatusListState, StatusError> {
        Ok(StatusListState {
            status_purpose: self.purpose.clone(),
            status_size: self.status_size,
            length: self.len,
            encoded_list: encode_list(&self.bits)?,
            encoded_allocated: encode_list(&self.allocated)?,
            next: self.next,
            status_message: self.messages.clone(),
        })
    }

    /// Restores a list saved with [`StatusList::to_state`], decoding within `limits`.
    ///
    /// # Errors
    /// As [`StatusList::with_size`] and [`decode_encoded_list`];
    /// [`StatusError::Limit`] when the declared length needs more than
    /// [`Limits::max_fetch_bytes`]; [`StatusError::Encoding`] when a decoded bitstring does not have the
    /// length the state declares; [`StatusError::MessageCount`].
    pub fn from_state(state: &StatusListState, limits: &Limits) -> Result<Self, StatusError> {
        let needed = (state.length as u64)
            .saturating_mul(u64::from(state.status_size))
            .div_ceil(8);
        if needed > limits.max_fetch_bytes as u64 {
            return Err(StatusError::Limit {
                what: "stored status list",
                source: LimitExceeded {
                    limit: Limit::FetchBytes,
                    max: limits.max_fetch_bytes,
                    found: usize::try_from(needed).ok(),
                },
            });
        }
        let mut list = StatusList::with_size(
            state.status_purpose.clone(),
            state.length,
            state.status_size,
        )?;
        let bits = decode_encoded_list(&state.encoded_list, limits)?;
        let allocated = decode_encoded_list(&state.encoded_allocated, limits)?;
        if bits.len() != list.bits.len() || allocated.len() != list.allocated.len() {
            return Err(StatusError::Encoding {
                reason: format!(
                    "stored list has {} status bytes and {} allocation bytes; {} entries of {} bit(s) need {} and {}",
                    bits.len(),
                    allocated.len(),
                    state.length,
                    state.status_size,
                    list.bits.len(),
                    list.allocated.len()
                ),
            });
        }
        list.bits = bits;
        list.allocated = allocated;
        list.next = state.next.min(list.len);
        if !state.status_message.is_empty() {
            list = list.with_messages(state.status_message.clone())?;
        }
        Ok(list)
    }
}

fn parse_index(v: Option<&Value>) -> Result<u64, StatusError> {
    let bad = |reason: &str| StatusError::entry(".statusListIndex", reason);
    match v {
        None => Err(bad("missing")),
        Some(Value::String(s)) => {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("not a non-negative decimal integer string"));
            }
            s.parse::<u64>().map_err(|_| bad("too large"))
        }
        Some(Value::Number(n)) => n.as_u64().ok_or_else(|| bad("not a non-negative integer")),
        Some(_) => Err(bad("not a string")),
    }
}

fn has_type(v: &Value, wanted: &str) -> bool {
    match v.get("type") {
        Some(Value::String(s)) => s == wanted,
        Some(Value::Array(items)) => items.iter().any(|t| t.as_str() == Some(wanted)),
        _ => false,
    }
}

fn size_field(
    v: Option<&Value>,
    err: impl Fn(&str) -> StatusError,
) -> Result<Option<u8>, StatusError> {
    match v {
        None => Ok(None),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(s) => check_size(s).map(Some),
            None => Err(err("not a positive integer")),
        },
        Some(Value::String(s)) => match s.parse::<u64>() {
            Ok(n) => check_size(n).map(Some),
            Err(_) => Err(err("not a positive integer")),
        },
        Some(_) => Err(err("not a number")),
    }
}

/// The bitstring of an `encodedList` (StatusList2021's encoding when
/// `legacy`), decoded once per thread for a run of credentials that point
/// into the same list.
fn decoded_bits(encoded: &str, limits: &Limits, legacy: bool) -> Result<Arc<[u8]>, StatusError> {
    type Key = (String, usize, bool);
    thread_local! {
        static LISTS: RefCell<Recent<Key, Arc<[u8]>>> = const { RefCell::new(Recent::new()) };
    }
    let max = limits.max_fetch_bytes;
    recall(
        &LISTS,
        |(e, m, l)| *m == max && *l == legacy && e == encoded,
        || (encoded.to_owned(), max, legacy),
        || {
            let bytes = if legacy {
                super::legacy::decode_status_list_2021(encoded, limits)?
            } else {
                decode_encoded_list(encoded, limits)?
            };
            Ok(bytes.into())
        },
    )
}

/// The shared checks of `BitstringStatusListEntry` and `StatusList2021Entry`.
pub(crate) fn check_bitstring(
    entry: &Value,
    list: &Value,
    limits: &Limits,
    method: StatusMethod,
) -> Result<StatusOutcome, StatusError> {
    let (cred_type, subject_type) = match method {
        StatusMethod::StatusList2021 => ("StatusList2021Credential", "StatusList2021"),
        _ => ("BitstringStatusListCredential", "BitstringStatusList"),
    };
    let purpose = entry
        .get("statusPurpose")
        .and_then(Value::as_str)
        .ok_or_else(|| StatusError::entry(".statusPurpose", "missing or not a string"))?;
    if entry
        .get("statusListCredential")
        .and_then(Value::as_str)
        .is_none()
    {
        return Err(StatusError::entry(
            ".statusListCredential",
            "missing or not a string",
        ));
    }
    let index = parse_index(entry.get("statusListIndex"))?;

    if !list.is_object() {
        return Err(StatusError::list("", "not a JSON object"));
    }
    if !has_type(list, cred_type) {
        return Err(StatusError::list(
            ".type",
            format!("does not include {cred_type}"),
        ));
    }
    let list_id = match list.get("id") {
        None => None,
        Some(Value::String(id)) => Some(id.clone()),
        Some(_) => return Err(StatusError::list(".id", "not a string")),
    };
    let subject = match list.get("credentialSubject") {
        Some(v @ Value::Object(_)) => v,
        Some(Value::Array(items)) if items.len() == 1 => items
            .first()
            .filter(|v| v.is_object())
            .ok_or_else(|| StatusError::list(".credentialSubject[0]", "not an object"))?,
        Some(_) => {
            return Err(StatusError::list(
                ".credentialSubject",
                "not a single object",
            ))
        }
        None => return Err(StatusError::list(".credentialSubject", "missing")),
    };
    if !has_type(subject, subject_type) {
        return Err(StatusError::list(
            ".credentialSubject.type",
            format!("does not include {subject_type}"),
        ));
    }
    let list_purposes: Vec<&str> = match subject.get("statusPurpose") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => {
            return Err(StatusError::list(
                ".credentialSubject.statusPurpose",
                "missing or not a string",
            ))
        }
    };
    // StatusList2021 examples capitalize purposes ("Revocation"); compare
    // case-insensitively there, exactly for Bitstring Status List.
    let agree = list_purposes.iter().any(|p| match method {
        StatusMethod::StatusList2021 => p.eq_ignore_ascii_case(purpose),
        _ => *p == purpose,
    });
    if !agree {
        return Err(StatusError::PurposeMismatch {
            entry: purpose.to_owned(),
            list: list_purposes.join(", "),
        });
    }
    let encoded = subject
        .get("encodedList")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            StatusError::list(".credentialSubject.encodedList", "missing or not a string")
        })?;

    let (bytes, status_size) = match method {
        StatusMethod::StatusList2021 => (decoded_bits(encoded, limits, true)?, 1),
        _ => {
            let from_entry = size_field(entry.get("statusSize"), |r| {
                StatusError::entry(".statusSize", r)
            })?;
            // statusSize belongs on the entry (v1.0 context); earlier drafts put
            // it on the list, so read it there too and require agreement.
            let from_list = size_field(subject.get("statusSize"), |r| {
                StatusError::list(".credentialSubject.statusSize", r)
            })?;
            let size = match (from_entry, from_list) {
                (Some(a), Some(b)) if a != b => {
                    return Err(StatusError::entry(
                        ".statusSize",
                        format!("is {a} but the list's statusSize is {b}"),
                    ))
                }
                (Some(a), _) | (None, Some(a)) => a,
                (None, None) => 1,
            };
            (decoded_bits(encoded, limits, false)?, size)
        }
    };
    let decoded = DecodedStatusList::shared(bytes, status_size)?;
    if decoded.bits() < MIN_BITSTRING_BITS {
        return Err(StatusError::ListTooShort {
            bits: decoded.bits(),
            min: MIN_BITSTRING_BITS,
        });
    }
    let value = decoded.get(index)?;
    let message = match entry.get("statusMessage") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|m| serde_json::from_value::<StatusMessage>(m.clone()).ok())
            .find(|m| m.value() == Some(value))
            .map(|m| m.message),
        _ => None,
    };
    Ok(StatusOutcome {
        method,
        purpose: StatusPurpose::parse(purpose),
        index: Some(index),
        value,
        message,
        list_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_zero_is_msb_of_first_byte() {
        let mut b = vec![0u8; 2];
        bit_set(&mut b, 0, true).unwrap();
        bit_set(&mut b, 15, true).unwrap();
        assert_eq!(b, vec![0x80, 0x01]);
        assert_eq!(bit_get(&b, 0), Some(true));
        assert_eq!(bit_get(&b, 1), Some(false));
        assert_eq!(bit_get(&b, 16), None);
    }

    #[test]
    fn multi_bit_values_first_bit_most_significant() {
        let mut b = vec![0u8; 1];
        write_value(&mut b, 1, 2, 0b10).unwrap();
        assert_eq!(b, vec![0b0010_0000]);
        assert_eq!(read_value(&b, 1, 2), Some(2));
        assert_eq!(read_value(&b, 0, 2), Some(0));
    }

    #[test]
    fn status_message_hex() {
        assert_eq!(StatusMessage::new(10, "x").status, "0xa");
        assert_eq!(StatusMessage::new(10, "x").value(), Some(10));
    }

    #[test]
    fn index_parsing() {
        assert_eq!(parse_index(Some(&json!("42"))).unwrap(), 42);
        assert_eq!(parse_index(Some(&json!(42))).unwrap(), 42);
        assert!(parse_index(Some(&json!("-1"))).is_err());
        assert!(parse_index(Some(&json!("+1"))).is_err());
        assert!(parse_index(Some(&json!(-1))).is_err());
        assert!(parse_index(Some(&json!(""))).is_err());
        assert!(parse_index(None).is_err());
    }
}
