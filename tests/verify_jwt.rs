//! VC-JWT through the one entry point, `verify`: the same checks and
//! verdicts as embedded proofs. Independent data: the openbadgeslib (PyPI)
//! tokens of `fixtures/interop/openbadgeslib/` and the JOSE attack tokens
//! of `fixtures/jose/` (built byte by byte with Python `cryptography`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use openbadges::did::did_key_verification_method;
use openbadges::jose::{sign_vc_jwt, JosePublicKey, KeyReference, VcJwtOptions};
use openbadges::keys::Ed25519KeyPair;
use openbadges::verify::{verify, CheckId, CredentialFormat, Evidence, Verdict, VerifyOptions};
use serde_json::{json, Value};

fn dir(sub: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures")).join(sub)
}

fn now() -> chrono::DateTime<chrono::Utc> {
    "2026-06-01T00:00:00Z".parse().unwrap()
}

fn key() -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[9u8; 32])
}

fn credential(issuer: &str) -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": "urn:uuid:7e5b0000-0000-4000-8000-0000000000cc",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "JWT Badge",
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Issuer"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner-9",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:7e5b0000-0000-4000-8000-00000000a0cc",
                "type": ["Achievement"],
                "name": "JWT",
                "description": "For JWT tests.",
                "criteria": {"narrative": "Be a JWT."}
            }
        }
    })
}

fn did() -> String {
    let vm = did_key_verification_method(&key().verifying_key());
    vm.split_once('#').unwrap().0.to_owned()
}

fn did_key_jwt() -> String {
    let vm = did_key_verification_method(&key().verifying_key());
    sign_vc_jwt(
        &credential(&did()),
        &key(),
        &VcJwtOptions::new(KeyReference::Kid(vm)),
    )
    .unwrap()
}

fn run(token: &str, opts: &VerifyOptions) -> openbadges::VerificationReport {
    verify(token.as_bytes(), opts).unwrap()
}

#[test]
fn a_did_key_vc_jwt_is_valid_with_every_check() {
    let r = run(&did_key_jwt(), &VerifyOptions::at(now()));
    assert_eq!(r.format, CredentialFormat::OpenBadges3Jwt);
    assert_eq!(r.verdict(), Verdict::Valid, "{r}");
    for id in [
        CheckId::Proof,
        CheckId::KeyBinding,
        CheckId::SignedGraph,
        CheckId::JwtClaims,
        CheckId::Structure,
        CheckId::NotBefore,
    ] {
        assert!(r.check(id).unwrap().outcome.is_passed(), "{id}: {r}");
    }
}

#[test]
fn a_tampered_payload_fails_the_proof() {
    let token = did_key_jwt();
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut payload: Value = serde_json::from_slice(&b64.decode(&parts[1]).unwrap()).unwrap();
    payload["name"] = json!("Principal of the Year");
    parts[1] = b64.encode(serde_json::to_vec(&payload).unwrap());
    let r = run(&parts.join("."), &VerifyOptions::at(now()));
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    assert_eq!(r.most_specific().unwrap().id, CheckId::Proof, "{r}");
}

#[test]
fn a_header_jwk_alone_binds_nothing_but_a_trusted_key_does() {
    let issuer = "https://issuer.example/issuers/9";
    let token = sign_vc_jwt(
        &credential(issuer),
        &key(),
        &VcJwtOptions::new(KeyReference::Jwk),
    )
    .unwrap();
    let r = run(&token, &VerifyOptions::at(now()));
    assert!(r.check(CheckId::Proof).unwrap().outcome.is_passed(), "{r}");
    assert_eq!(
        r.verdict(),
        Verdict::Indeterminate,
        "offline, the JWKS cannot be read: {r}"
    );
    assert!(r
        .check(CheckId::KeyBinding)
        .unwrap()
        .outcome
        .is_indeterminate());
    let r = run(
        &token,
        &VerifyOptions::at(now()).trust_key(issuer, JosePublicKey::from(key().verifying_key())),
    );
    assert_eq!(r.verdict(), Verdict::Valid, "{r}");
    // A key trusted for another issuer does not help.
    let r = run(
        &token,
        &VerifyOptions::at(now()).trust_key(
            "https://other.example/",
            JosePublicKey::from(key().verifying_key()),
        ),
    );
    assert_ne!(r.verdict(), Verdict::Valid, "{r}");
}

#[test]
fn claims_that_disagree_with_the_credential_fail() {
    let vm = did_key_verification_method(&key().verifying_key());
    let token = sign_vc_jwt(
        &credential(&did()),
        &key(),
        &VcJwtOptions::new(KeyReference::Kid(vm)),
    )
    .unwrap();
    // Re-sign a payload whose jti is another credential's id.
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts: Vec<&str> = token.split('.').collect();
    let mut payload: Value = serde_json::from_slice(&b64.decode(parts[1]).unwrap()).unwrap();
    payload["jti"] = json!("urn:uuid:someone-else");
    let header: serde_json::Map<String, Value> =
        serde_json::from_slice(&b64.decode(parts[0]).unwrap()).unwrap();
    let forged =
        openbadges::jose::sign_compact(header, &serde_json::to_vec(&payload).unwrap(), &key())
            .unwrap();
    let r = run(&forged, &VerifyOptions::at(now()));
    assert!(r.check(CheckId::Proof).unwrap().outcome.is_passed(), "{r}");
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    assert_eq!(r.most_specific().unwrap().id, CheckId::JwtClaims, "{r}");
}

#[test]
fn every_jose_attack_is_a_named_failed_check_in_the_report() {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir("jose/manifest.json")).unwrap()).unwrap();
    let mut checked = 0;
    for case in manifest["cases"].as_array().unwrap() {
        if case["level"] != "parse" {
            continue;
        }
        let token =
            std::fs::read_to_string(dir("jose").join(case["file"].as_str().unwrap())).unwrap();
        let expect = case["expect"].as_str().unwrap();
        let r = run(token.trim(), &VerifyOptions::at(now()));
        assert_eq!(r.verdict(), Verdict::Invalid, "{}: {r}", case["file"]);
        let head = r.most_specific().unwrap();
        // The variant name as a kebab-case code: AlgNone -> alg-none.
        let mut code = String::new();
        for (i, c) in expect.chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    code.push('-');
                }
                code.push(c.to_ascii_lowercase());
            } else {
                code.push(c);
            }
        }
        assert_eq!(
            head.evidence(),
            Some(&Evidence::Jose {
                refusal: code.clone()
            }),
            "{}: {r}",
            case["file"]
        );
        checked += 1;
    }
    println!("{checked} JOSE attacks refused by a named check");
    assert!(checked >= 20, "{checked}");
}

#[test]
fn openbadgeslib_tokens_verify_with_the_key_the_caller_trusts() {
    for case in ["rs256", "es256", "eddsa"] {
        let d = dir("interop/openbadgeslib");
        let token = std::fs::read_to_string(d.join(format!("{case}.jwt"))).unwrap();
        let pem = std::fs::read_to_string(d.join(format!("keys/{case}-public.pem"))).unwrap();
        let key = JosePublicKey::from_spki_pem(&pem).unwrap();
        let payload =
            openbadges::jose::VcJwt::parse(token.trim(), &openbadges::limits::Limits::DEFAULT)
                .unwrap();
        let issuer = payload.issuer_id().unwrap().to_owned();
        let at = payload.credential()["validFrom"]
            .as_str()
            .or_else(|| payload.credential()["issuanceDate"].as_str())
            .map(|s| {
                s.parse::<chrono::DateTime<chrono::Utc>>().unwrap() + chrono::Duration::days(1)
            })
            .unwrap_or_else(now);
        // Offline and untrusted: the signature verifies, the key is not bound.
        let r = run(token.trim(), &VerifyOptions::at(at));
        assert!(
            r.check(CheckId::Proof).unwrap().outcome.is_passed(),
            "{case}: {r}"
        );
        assert_ne!(r.verdict(), Verdict::Valid, "{case}: {r}");
        // The caller trusts openbadgeslib's key for that issuer: the key binds.
        let r = run(token.trim(), &VerifyOptions::at(at).trust_key(&issuer, key));
        assert!(
            r.check(CheckId::KeyBinding).unwrap().outcome.is_passed(),
            "{case}: {r}"
        );
        println!("{case}: {}", r.verdict());
    }
}
