//! Status methods older than Bitstring Status List, still met in badges:
//!
//! - `StatusList2021Entry` / `StatusList2021Credential` (W3C CCG draft): the
//!   same bitstring and bit order, but `encodedList` is plain base64 (the
//!   examples use the URL-safe alphabet without padding) with no multibase
//!   prefix. Checked by [`super::check_status`].
//! - `1EdTechRevocationList` (Open Badges 3.0 extension): the entry's `id` is
//!   a URL answering with a JSON object whose `revokedCredentials` array lists
//!   `{ "id": <credential id>, "revoked": bool?, "revocationReason": string? }`;
//!   the credential is revoked when its id is listed and `revoked` is true or
//!   absent. Checked by [`check_revocation_list`].

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use serde_json::Value;

use super::bitstring::gunzip_limited;
use super::{StatusError, StatusMethod, StatusOutcome, StatusPurpose};
use crate::limits::{Limit, LimitExceeded, Limits};

const CONFIG: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const URL_SAFE_ANY_PAD: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, CONFIG);
const STANDARD_ANY_PAD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, CONFIG);

/// Decodes a StatusList2021 `encodedList` (base64 or base64url, padding
/// optional, GZIP) into the raw bitstring, within `limits`.
///
/// A multibase `u` prefix, which some issuers add by habit from Bitstring
/// Status List, is tolerated (a GZIP stream in base64 always starts `H4sI`,
/// so the prefix cannot be confused with data).
///
/// # Errors
/// [`StatusError::Encoding`] for bad base64 or GZIP; [`StatusError::Limit`]
/// when the decompressed list is over [`Limits::max_fetch_bytes`].
pub fn decode_status_list_2021(encoded: &str, limits: &Limits) -> Result<Vec<u8>, StatusError> {
    let b64 = match encoded.strip_prefix('u') {
        Some(rest) if rest.starts_with("H4sI") => rest,
        _ => encoded,
    };
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
    let compressed = if b64.contains(['+', '/']) {
        STANDARD_ANY_PAD.decode(b64)
    } else {
        URL_SAFE_ANY_PAD.decode(b64)
    }
    .map_err(|e| StatusError::Encoding {
        reason: format!("not base64: {e}"),
    })?;
    gunzip_limited(&compressed, limits)
}

/// Looks `credential_id` up in a 1EdTech revocation list document.
///
/// The outcome's value is 1 when the credential is listed with `revoked`
/// true or absent, else 0; `message` carries `revocationReason` when given.
///
/// # Errors
/// [`StatusError::List`] when the document has no `revokedCredentials` array
/// or an item in it is not an object.
pub fn check_revocation_list(
    credential_id: &str,
    list: &Value,
) -> Result<StatusOutcome, StatusError> {
    let items = list
        .get("revokedCredentials")
        .and_then(Value::as_array)
        .ok_or_else(|| StatusError::list(".revokedCredentials", "missing or not an array"))?;
    let mut outcome = StatusOutcome {
        method: StatusMethod::RevocationList1EdTech,
        purpose: StatusPurpose::Revocation,
        index: None,
        value: 0,
        message: None,
        list_id: None,
    };
    for (i, item) in items.iter().enumerate() {
        let obj = item.as_object().ok_or_else(|| {
            StatusError::list(&format!(".revokedCredentials[{i}]"), "not an object")
        })?;
        if obj.get("id").and_then(Value::as_str) != Some(credential_id) {
            continue;
        }
        let revoked = match obj.get("revoked") {
            None | Some(Value::Null) => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                return Err(StatusError::list(
                    &format!(".revokedCredentials[{i}].revoked"),
                    "not a boolean",
                ))
            }
        };
        if revoked {
            outcome.value = 1;
            outcome.message = obj
                .get("revocationReason")
                .and_then(Value::as_str)
                .map(str::to_owned);
            return Ok(outcome);
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn revocation_list_lookup() {
        let list = json!({"revokedCredentials": [
            {"id": "urn:uuid:a", "revoked": false},
            {"id": "urn:uuid:b", "revocationReason": "issued in error"},
        ]});
        assert!(!check_revocation_list("urn:uuid:a", &list)
            .unwrap()
            .is_revoked());
        let b = check_revocation_list("urn:uuid:b", &list).unwrap();
        assert!(b.is_revoked());
        assert_eq!(b.message.as_deref(), Some("issued in error"));
        assert!(!check_revocation_list("urn:uuid:c", &list).unwrap().is_set());
        assert!(check_revocation_list("urn:uuid:c", &json!({})).is_err());
    }

    #[test]
    fn tolerates_standard_alphabet_and_padding() {
        let bytes = [0u8, 0x40];
        let enc = super::super::encode_list(&bytes).unwrap();
        let url = enc.strip_prefix('u').unwrap();
        let std = STANDARD_ANY_PAD.encode(URL_SAFE_ANY_PAD.decode(url).unwrap());
        let limits = Limits::default();
        assert_eq!(decode_status_list_2021(url, &limits).unwrap(), bytes);
        assert_eq!(decode_status_list_2021(&std, &limits).unwrap(), bytes);
        assert_eq!(decode_status_list_2021(&enc, &limits).unwrap(), bytes);
    }
}
