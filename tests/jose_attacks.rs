//! Every JOSE attack fixture (`fixtures/jose/`, made by `fixtures/jose/generate.py`
//! with Python's `cryptography`, not by this crate) is refused by the check its
//! manifest names. The expected check comes from the manifest, written by the
//! generator from what it built; an attack accepted, or refused for another
//! reason, fails the test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use openbadges::jose::{JosePublicKey, Jws, JwsError, VcJwt, VcJwtError};
use openbadges::limits::Limits;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/jose");

fn jws_variant(e: &JwsError) -> String {
    let name = match e {
        JwsError::TooLarge(_) => "TooLarge",
        JwsError::NotCompact { .. } => "NotCompact",
        JwsError::Base64 { .. } => "Base64",
        JwsError::EmptyPayload => "EmptyPayload",
        JwsError::PartTooLarge { .. } => "PartTooLarge",
        JwsError::HeaderJson(_) => "HeaderJson",
        JwsError::HeaderNotObject => "HeaderNotObject",
        JwsError::DuplicateHeaderMember { .. } => "DuplicateHeaderMember",
        JwsError::MissingAlgorithm => "MissingAlgorithm",
        JwsError::HeaderMemberType { .. } => "HeaderMemberType",
        JwsError::AlgNone => "AlgNone",
        JwsError::HmacAlgorithm { .. } => "HmacAlgorithm",
        JwsError::UnsupportedAlgorithm { .. } => "UnsupportedAlgorithm",
        JwsError::UnencodedPayload => "UnencodedPayload",
        JwsError::CritNotUnderstood { .. } => "CritNotUnderstood",
        JwsError::CritMalformed => "CritMalformed",
        JwsError::JkuRefused { .. } => "JkuRefused",
        JwsError::X5uRefused { .. } => "X5uRefused",
        JwsError::JwkPrivateMember { member } => return format!("JwkPrivateMember:{member}"),
        JwsError::InvalidJwk(_) => "InvalidJwk",
        JwsError::JwkAlgorithmMismatch { .. } => "JwkAlgorithmMismatch",
        JwsError::AlgorithmKeyMismatch { .. } => "AlgorithmKeyMismatch",
        JwsError::SignatureLength { .. } => "SignatureLength",
        JwsError::BadSignature { .. } => "BadSignature",
        JwsError::Signing { .. } => "Signing",
        _ => "other",
    };
    name.to_owned()
}

fn vcjwt_variant(e: &VcJwtError) -> String {
    match e {
        VcJwtError::Jws(j) => jws_variant(j),
        VcJwtError::UnexpectedType { .. } => "UnexpectedType".into(),
        VcJwtError::DuplicatePayloadMember { .. } => "DuplicatePayloadMember".into(),
        VcJwtError::PayloadNotObject => "PayloadNotObject".into(),
        other => format!("other: {other}"),
    }
}

fn read_json(file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(Path::new(DIR).join(file)).unwrap()).unwrap()
}

#[test]
fn every_attack_is_refused_by_its_named_check() {
    let manifest = read_json("manifest.json");
    let cases = manifest["cases"].as_array().unwrap();
    assert!(cases.len() >= 30, "manifest lists {} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let file = case["file"].as_str().unwrap();
        let token = std::fs::read_to_string(Path::new(DIR).join(file)).unwrap();
        let token = token.trim_end();
        let mut expect = case["expect"].as_str().unwrap().to_owned();
        if let Some(m) = case["member"].as_str() {
            expect = format!("{expect}:{m}");
        }
        let got = match case["level"].as_str().unwrap() {
            "parse" => match Jws::parse(token, &Limits::DEFAULT) {
                Ok(_) => "accepted".to_owned(),
                Err(e) => jws_variant(&e),
            },
            "vcjwt" => match VcJwt::parse(token, &Limits::DEFAULT) {
                Ok(_) => "accepted".to_owned(),
                Err(e) => vcjwt_variant(&e),
            },
            "verify" => {
                // The header is acceptable; the signature check must refuse.
                let jws = Jws::parse(token, &Limits::DEFAULT)
                    .unwrap_or_else(|e| panic!("{file}: header refused: {e}"));
                let key = match case["key"].as_str().unwrap() {
                    "header-jwk" => jws.header().jwk.clone().expect("header jwk"),
                    f => JosePublicKey::from_jwk(&read_json(f)).unwrap(),
                };
                match jws.verify(&key) {
                    Ok(()) => "accepted".to_owned(),
                    Err(e) => jws_variant(&e),
                }
            }
            other => panic!("unknown level {other}"),
        };
        if got != expect {
            failures.push(format!(
                "{file}: expected {expect}, got {got} ({})",
                case["why"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The fixtures' keys are usable, so "refused" above is not "broken fixture":
/// the same Ed25519 key verifies the untouched token the bad-signature case was made from.
#[test]
fn the_attack_keys_verify_an_honest_token() {
    let key = JosePublicKey::from_jwk(&read_json("key-ed25519.jwk.json")).unwrap();
    let token = std::fs::read_to_string(Path::new(DIR).join("attacks/bad-signature.jwt")).unwrap();
    let (head, sig) = token.trim_end().rsplit_once('.').unwrap();
    // Flip the bit back (the generator flipped bit 0 of byte 0).
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut bytes = b64.decode(sig).unwrap();
    bytes[0] ^= 1;
    let honest = format!("{head}.{}", b64.encode(bytes));
    Jws::parse(&honest, &Limits::DEFAULT)
        .unwrap()
        .verify(&key)
        .unwrap();
    // And the 1024-bit RSA key is refused as a key, not only inside a header.
    assert!(JosePublicKey::from_jwk(&read_json("key-rsa1024.jwk.json")).is_err());
}
