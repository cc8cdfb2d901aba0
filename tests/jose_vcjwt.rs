//! VC-JWT claims against the credential (OB 3.0 §8.2.4.2): each disagreement
//! is a `ClaimError` naming the claim. Tokens are signed with fixed keys; the
//! expected claim values are computed from the dates written in each case
//! (e.g. 2025-01-01T00:00:00Z = 1735689600 s, checked against chrono below).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use openbadges::jose::{
    sign_compact, sign_vc_jwt, Claim, ClaimError, JwsSigner, KeyReference, P256KeyPair, VcJwt,
    VcJwtError, VcJwtForm, VcJwtOptions,
};
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::Limits;
use serde_json::{json, Value};

const NBF: i64 = 1_735_689_600; // 2025-01-01T00:00:00Z
const EXP: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

fn credential() -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:2f1e0d9c-8b7a-4654-a321-0fedcba98765",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "https://example.edu/issuers/1", "type": ["Profile"], "name": "Example"},
        "validFrom": "2025-01-01T00:00:00Z",
        "validUntil": "2026-01-01T00:00:00Z",
        "name": "Claims",
        "credentialSubject": {"id": "did:example:learner", "type": ["AchievementSubject"]}
    })
}

fn good_payload() -> Value {
    let mut p = credential();
    let o = p.as_object_mut().unwrap();
    o.insert("iss".into(), json!("https://example.edu/issuers/1"));
    o.insert(
        "jti".into(),
        json!("urn:uuid:2f1e0d9c-8b7a-4654-a321-0fedcba98765"),
    );
    o.insert("sub".into(), json!("did:example:learner"));
    o.insert("nbf".into(), json!(NBF));
    o.insert("exp".into(), json!(EXP));
    p
}

fn key() -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[21u8; 32])
}

fn signed(payload: &Value) -> VcJwt {
    let t = sign_compact(
        Default::default(),
        &serde_json::to_vec(payload).unwrap(),
        &key(),
    )
    .unwrap();
    let jwt = VcJwt::parse(&t, &Limits::DEFAULT).unwrap();
    jwt.verify_signature(&key().public_key()).unwrap();
    jwt
}

fn with(mut p: Value, k: &str, v: Value) -> Value {
    p.as_object_mut().unwrap().insert(k.into(), v);
    p
}

fn without(mut p: Value, k: &str) -> Value {
    p.as_object_mut().unwrap().remove(k);
    p
}

fn claim_of(e: &ClaimError) -> Option<Claim> {
    match e {
        ClaimError::Missing { claim, .. }
        | ClaimError::WrongType { claim, .. }
        | ClaimError::Mismatch { claim, .. } => Some(*claim),
        _ => None,
    }
}

#[test]
fn the_test_dates_are_what_chrono_says() {
    let d = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp();
    assert_eq!(d("2025-01-01T00:00:00Z"), NBF);
    assert_eq!(d("2026-01-01T00:00:00Z"), EXP);
}

#[test]
fn agreeing_claims_pass_and_each_disagreement_names_its_claim() {
    assert_eq!(signed(&good_payload()).claim_problems(), vec![]);
    let cases: Vec<(&str, Value, Claim)> = vec![
        (
            "iss differs",
            with(good_payload(), "iss", json!("https://evil.example/i")),
            Claim::Iss,
        ),
        ("iss missing", without(good_payload(), "iss"), Claim::Iss),
        (
            "iss not a string",
            with(good_payload(), "iss", json!(7)),
            Claim::Iss,
        ),
        (
            "sub differs",
            with(good_payload(), "sub", json!("did:example:other")),
            Claim::Sub,
        ),
        ("sub missing", without(good_payload(), "sub"), Claim::Sub),
        (
            "jti differs",
            with(good_payload(), "jti", json!("urn:uuid:other")),
            Claim::Jti,
        ),
        ("jti missing", without(good_payload(), "jti"), Claim::Jti),
        (
            "nbf a second off",
            with(good_payload(), "nbf", json!(NBF + 1)),
            Claim::Nbf,
        ),
        ("nbf missing", without(good_payload(), "nbf"), Claim::Nbf),
        (
            "nbf a string",
            with(good_payload(), "nbf", json!("2025-01-01T00:00:00Z")),
            Claim::Nbf,
        ),
        (
            "exp differs",
            with(good_payload(), "exp", json!(EXP + 3600)),
            Claim::Exp,
        ),
        (
            "exp missing while validUntil is set",
            without(good_payload(), "exp"),
            Claim::Exp,
        ),
    ];
    for (what, payload, claim) in cases {
        let problems = signed(&payload).claim_problems();
        assert_eq!(problems.len(), 1, "{what}: {problems:?}");
        assert_eq!(claim_of(&problems[0]), Some(claim), "{what}: {problems:?}");
    }
    // Two defects, two problems.
    let p = with(with(good_payload(), "iss", json!("x")), "jti", json!("y"));
    let claims: Vec<_> = signed(&p)
        .claim_problems()
        .iter()
        .filter_map(claim_of)
        .collect();
    assert_eq!(claims, vec![Claim::Iss, Claim::Jti]);
}

#[test]
fn optional_claims() {
    // No credentialSubject.id: no sub needed; a sub then names nobody.
    let mut p = without(good_payload(), "sub");
    p["credentialSubject"].as_object_mut().unwrap().remove("id");
    assert_eq!(signed(&p).claim_problems(), vec![]);
    let p2 = with(p, "sub", json!("did:example:ghost"));
    assert!(matches!(
        signed(&p2).claim_problems().as_slice(),
        [ClaimError::Mismatch {
            claim: Claim::Sub,
            ..
        }]
    ));
    // No validUntil and no exp: fine; fractional NumericDates are floored.
    let p = without(
        without(with(good_payload(), "nbf", json!(NBF as f64 + 0.9)), "exp"),
        "validUntil",
    );
    let jwt = signed(&p);
    assert_eq!(jwt.claim_problems(), vec![]);
    assert_eq!(jwt.claims().nbf, Some(NBF));
}

#[test]
fn vc_claim_form_uses_issuance_and_expiration_dates() {
    let vc = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "id": "http://example.edu/credentials/1",
        "type": ["VerifiableCredential"],
        "issuer": "https://example.edu/issuers/1",
        "issuanceDate": "2025-01-01T00:00:00Z",
        "expirationDate": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"}
    });
    let p = json!({"iss": "https://example.edu/issuers/1", "jti": "http://example.edu/credentials/1",
                   "sub": "did:example:learner", "nbf": NBF, "exp": EXP, "vc": vc});
    let jwt = signed(&p);
    assert_eq!(jwt.form(), VcJwtForm::VcClaim);
    assert_eq!(jwt.credential(), &p["vc"]);
    assert_eq!(jwt.claim_problems(), vec![]);
    let bad = with(p, "exp", json!(EXP - 1));
    assert!(matches!(
        signed(&bad).claim_problems().as_slice(),
        [ClaimError::Mismatch {
            claim: Claim::Exp,
            field: "expirationDate",
            ..
        }]
    ));
}

#[test]
fn time_checks() {
    let jwt = signed(&good_payload());
    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
    assert!(jwt.check_time(t("2025-06-01T00:00:00Z")).is_ok());
    assert_eq!(
        jwt.check_time(t("2024-12-31T23:59:59Z")),
        Err(ClaimError::NotYetValid {
            nbf: NBF,
            now: NBF - 1
        })
    );
    assert_eq!(
        jwt.check_time(t("2026-01-01T00:00:00Z")),
        Err(ClaimError::Expired { exp: EXP, now: EXP })
    );
}

#[test]
fn payload_shape_refusals() {
    let parse = |payload: &[u8]| {
        let t = sign_compact(Default::default(), payload, &key()).unwrap();
        VcJwt::parse(&t, &Limits::DEFAULT)
    };
    assert_eq!(parse(b"[1,2]").unwrap_err(), VcJwtError::PayloadNotObject);
    assert_eq!(
        parse(br#"{"vc":"x"}"#).unwrap_err(),
        VcJwtError::VcClaimNotObject
    );
    assert_eq!(
        parse(br#"{"vc":{},"@context":[]}"#).unwrap_err(),
        VcJwtError::AmbiguousForm
    );
    assert!(
        matches!(parse(b"{\"a\":1,\"a\":2}").unwrap_err(), VcJwtError::DuplicatePayloadMember { name } if name == "a")
    );
    assert!(matches!(
        parse(b"{nope").unwrap_err(),
        VcJwtError::PayloadJson(_)
    ));
}

#[test]
fn signing_maps_the_credential_to_claims() {
    for signer in [
        &key() as &dyn JwsSigner,
        &P256KeyPair::from_secret_bytes(&[22u8; 32]).unwrap(),
    ] {
        let token = sign_vc_jwt(
            &credential(),
            signer,
            &VcJwtOptions::new(KeyReference::KidAndJwk("https://example.edu/keys/1".into())),
        )
        .unwrap();
        let jwt = VcJwt::parse(&token, &Limits::DEFAULT).unwrap();
        assert_eq!(jwt.header().typ.as_deref(), Some("JWT"));
        assert_eq!(
            jwt.header().kid.as_deref(),
            Some("https://example.edu/keys/1")
        );
        assert_eq!(jwt.header().jwk.as_ref(), Some(&signer.public_key()));
        jwt.verify_signature(&signer.public_key()).unwrap();
        assert_eq!(jwt.payload(), &good_payload());
        assert_eq!(jwt.credential(), &credential());
    }
    let no_id = without(credential(), "id");
    assert_eq!(
        sign_vc_jwt(&no_id, &key(), &VcJwtOptions::new(KeyReference::Jwk)).unwrap_err(),
        VcJwtError::MissingCredentialField {
            field: "id",
            claim: Claim::Jti
        }
    );
    let clash = with(credential(), "iss", json!("https://someone.else/"));
    assert_eq!(
        sign_vc_jwt(&clash, &key(), &VcJwtOptions::new(KeyReference::Jwk)).unwrap_err(),
        VcJwtError::ClaimCollision { claim: Claim::Iss }
    );
}

#[cfg(feature = "rs256-sign")]
#[test]
fn rs256_signing_with_the_feature() {
    use openbadges::jose::RsaKeyPair;
    let pem = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/interop/openbadgeslib/keys/rs256-private.pem"
    ))
    .unwrap();
    let rsa = RsaKeyPair::from_pem(&pem).unwrap();
    let token = sign_vc_jwt(&credential(), &rsa, &VcJwtOptions::new(KeyReference::Jwk)).unwrap();
    let jwt = VcJwt::parse(&token, &Limits::DEFAULT).unwrap();
    assert_eq!(jwt.header().alg.name(), "RS256");
    jwt.verify_signature(&rsa.public_key()).unwrap();
    // Private JWK round trip.
    let secret: Value = serde_json::from_str(&rsa.to_jwk_secret()).unwrap();
    let again = RsaKeyPair::from_jwk(&secret).unwrap();
    assert_eq!(again.public_key(), rsa.public_key());
    assert_eq!(again.sign_jws(b"x").unwrap(), rsa.sign_jws(b"x").unwrap());
}
