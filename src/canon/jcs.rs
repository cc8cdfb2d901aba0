//! JSON Canonicalization Scheme (RFC 8785) of a `serde_json::Value`.
//!
//! Used by the `eddsa-jcs-2022` cryptosuite. Object members are sorted by
//! their UTF-16 code units, numbers are written as ECMAScript writes doubles
//! (`1e+21`, `333333333.3333333`, `-0` as `0`), strings use the minimal JSON
//! escapes. The work is done by the `serde_json_canonicalizer` crate.
//!
//! ```
//! use openbadges::canon::jcs::to_jcs_string;
//! let v = serde_json::json!({"b": 1.0, "a": [true, null, 1e21]});
//! assert_eq!(to_jcs_string(&v)?, r#"{"a":[true,null,1e+21],"b":1}"#);
//! # Ok::<(), openbadges::canon::jcs::JcsError>(())
//! ```

/// Why a value has no JCS form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JcsError {
    /// The serializer refused the value (for instance a number JSON cannot hold).
    #[error("JCS canonicalization failed: {reason}")]
    Serialize {
        /// The serializer's message.
        reason: String,
    },
}

/// The RFC 8785 canonical JSON text of `value`.
///
/// # Errors
/// [`JcsError::Serialize`] when the value cannot be written (a
/// `serde_json::Value` always can, so this is defensive).
pub fn to_jcs_string(value: &serde_json::Value) -> Result<String, JcsError> {
    serde_json_canonicalizer::to_string(value).map_err(|e| JcsError::Serialize {
        reason: e.to_string(),
    })
}

/// The RFC 8785 canonical JSON of `value` as UTF-8 bytes.
///
/// # Errors
/// As [`to_jcs_string`].
pub fn to_jcs_bytes(value: &serde_json::Value) -> Result<Vec<u8>, JcsError> {
    to_jcs_string(value).map(String::into_bytes)
}
