//! Key resolution for JWTs (`openbadges::jose::resolve_jwt_key`): each way a
//! key can be bound to the issuer, and each step's named failure. Documents
//! are served by a `MapFetcher`; the keys are fixed seeds, so every expected
//! source and error follows from how the case is built.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use openbadges::fetch::{Fetched, MapFetcher, OfflineFetcher};
use openbadges::jose::{
    resolve_jwt_key, sign_compact, JosePublicKey, Jws, JwsSigner, KeySource, KeyStep, KeyStepError,
    P256KeyPair, ResolvedKey, TrustedKeys,
};
use openbadges::keys::{encode_multibase_base58btc, Ed25519KeyPair};
use openbadges::limits::Limits;
use serde_json::{json, Map, Value};

const ISSUER: &str = "https://example.edu/issuers/1";
const JWKS: &str = "https://example.edu/.well-known/jwks.json";

fn ed() -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[11u8; 32])
}

fn p256() -> P256KeyPair {
    P256KeyPair::from_secret_bytes(&[12u8; 32]).unwrap()
}

fn token(signer: &dyn JwsSigner, header: Value) -> Jws {
    let Value::Object(h) = header else { panic!() };
    let t = sign_compact(h, br#"{"iss":"x"}"#, signer).unwrap();
    Jws::parse(&t, &Limits::DEFAULT).unwrap()
}

fn resolve(
    jws: &Jws,
    issuer: &str,
    fetcher: &MapFetcher,
) -> Result<ResolvedKey, Vec<KeyStepError>> {
    resolve_jwt_key(jws, issuer, fetcher, &TrustedKeys::new(), &Limits::DEFAULT)
        .map_err(|e| e.failures.into_iter().map(|f| f.error).collect())
}

fn p256_did_key(key: &P256KeyPair) -> String {
    let mut bytes = vec![0x80, 0x24];
    bytes.extend_from_slice(key.verifying_key().to_encoded_point(true).as_bytes());
    format!("did:key:{}", encode_multibase_base58btc(&bytes))
}

#[test]
fn did_key_kid_binds_ed25519_and_p256() {
    let key = ed();
    let did = openbadges::did::did_key_from_public(&key.verifying_key());
    let msid = did.strip_prefix("did:key:").unwrap().to_owned();
    let jws = token(&key, json!({"kid": format!("{did}#{msid}")}));
    let found = resolve(&jws, &did, &MapFetcher::new()).unwrap();
    assert_eq!(
        found.source,
        KeySource::DidDocument {
            method_id: format!("{did}#{msid}")
        }
    );
    jws.verify(&found.key).unwrap();

    let key = p256();
    let did = p256_did_key(&key);
    assert!(did.starts_with("did:key:zDn"), "{did}");
    let msid = did.strip_prefix("did:key:").unwrap().to_owned();
    let jws = token(&key, json!({"kid": format!("{did}#{msid}")}));
    let found = resolve(&jws, &did, &MapFetcher::new()).unwrap();
    assert!(found.is_bound());
    jws.verify(&found.key).unwrap();

    // A jwk equal to the did:key's key, without kid, binds too.
    let jws = token(&key, json!({"jwk": key.public_key().to_jwk()}));
    assert!(resolve(&jws, &did, &MapFetcher::new()).unwrap().is_bound());
}

#[test]
fn did_kid_of_another_did_or_fragment_is_refused() {
    let key = ed();
    let did = openbadges::did::did_key_from_public(&key.verifying_key());
    let msid = did.strip_prefix("did:key:").unwrap().to_owned();
    let other =
        openbadges::did::did_key_from_public(&Ed25519KeyPair::from_seed(&[1; 32]).verifying_key());
    let jws = token(&key, json!({"kid": format!("{did}#{msid}")}));
    let errs = resolve(&jws, &other, &MapFetcher::new()).unwrap_err();
    assert!(
        matches!(errs.as_slice(), [KeyStepError::NotIssuerDid { .. }]),
        "{errs:?}"
    );

    let jws = token(&key, json!({"kid": format!("{did}#key-1")}));
    let errs = resolve(&jws, &did, &MapFetcher::new()).unwrap_err();
    assert!(
        matches!(errs.as_slice(), [KeyStepError::DidKeyFragment { .. }]),
        "{errs:?}"
    );
}

fn did_web_doc(key: &JosePublicKey, listed: bool, controller: &str) -> Value {
    let vm = "did:web:example.edu#key-1";
    json!({
        "id": "did:web:example.edu",
        "verificationMethod": [{
            "id": vm, "type": "JsonWebKey", "controller": controller, "publicKeyJwk": key.to_jwk()
        }],
        "assertionMethod": if listed { json!([vm]) } else { json!([]) }
    })
}

#[test]
fn did_web_document_binds_only_an_assertion_method_of_the_did() {
    let key = p256();
    let did = "did:web:example.edu";
    let url = "https://example.edu/.well-known/did.json";
    let jws = token(&key, json!({"kid": "did:web:example.edu#key-1"}));
    let mut f = MapFetcher::new();
    f.insert_json(url, &did_web_doc(&key.public_key(), true, did))
        .unwrap();
    let found = resolve(&jws, did, &f).unwrap();
    assert_eq!(
        found.source,
        KeySource::DidDocument {
            method_id: "did:web:example.edu#key-1".into()
        }
    );
    jws.verify(&found.key).unwrap();

    let mut f = MapFetcher::new();
    f.insert_json(url, &did_web_doc(&key.public_key(), false, did))
        .unwrap();
    assert!(matches!(
        resolve(&jws, did, &f).unwrap_err().as_slice(),
        [KeyStepError::NotAssertionMethod { .. }]
    ));

    let mut f = MapFetcher::new();
    f.insert_json(
        url,
        &did_web_doc(&key.public_key(), true, "did:web:evil.example"),
    )
    .unwrap();
    assert!(matches!(
        resolve(&jws, did, &f).unwrap_err().as_slice(),
        [KeyStepError::ControllerMismatch { .. }]
    ));

    // Offline: the step could not look, and says so.
    let e = resolve_jwt_key(
        &jws,
        did,
        &OfflineFetcher,
        &TrustedKeys::new(),
        &Limits::DEFAULT,
    )
    .unwrap_err();
    assert_eq!(e.failures.len(), 1);
    assert_eq!(e.failures[0].step, KeyStep::DidDocument);
    assert!(e.failures[0].is_unavailable());
}

#[test]
fn issuer_jwks_binds_the_named_key() {
    let key = ed();
    let jws = token(&key, json!({"kid": "key-1"}));
    let mut f = MapFetcher::new();
    f.insert_json(JWKS, &json!({"keys": [
        {"kid": "key-0", "kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
        dict_with(key.public_key().to_jwk(), "kid", "key-1")
    ]})).unwrap();
    let found = resolve(&jws, ISSUER, &f).unwrap();
    assert_eq!(
        found.source,
        KeySource::Jwks {
            url: JWKS.into(),
            kid: Some("key-1".into())
        }
    );
    jws.verify(&found.key).unwrap();

    let jws2 = token(&key, json!({"kid": "key-9"}));
    assert!(matches!(
        resolve(&jws2, ISSUER, &f).unwrap_err().as_slice(),
        [KeyStepError::KidNotFound { .. }]
    ));

    let mut dup = MapFetcher::new();
    let k = dict_with(key.public_key().to_jwk(), "kid", "key-1");
    dup.insert_json(JWKS, &json!({"keys": [k.clone(), k]}))
        .unwrap();
    assert!(matches!(
        resolve(&jws, ISSUER, &dup).unwrap_err().as_slice(),
        [KeyStepError::DuplicateKid { count: 2, .. }]
    ));

    // No kid, but the header jwk is in the issuer's JWKS: bound.
    let jws3 = token(&key, json!({"jwk": key.public_key().to_jwk()}));
    let found = resolve(&jws3, ISSUER, &f).unwrap();
    assert_eq!(
        found.source,
        KeySource::Jwks {
            url: JWKS.into(),
            kid: None
        }
    );
}

fn dict_with(mut v: Value, k: &str, val: &str) -> Value {
    v.as_object_mut()
        .unwrap()
        .insert(k.into(), Value::String(val.into()));
    v
}

#[test]
fn kid_url_on_the_issuer_origin_binds() {
    let key = p256();
    let kid = "https://example.edu/keys/1";
    let jws = token(&key, json!({"kid": kid}));
    let f = MapFetcher::new().with(
        kid,
        Fetched::ok(serde_json::to_vec(&key.public_key().to_jwk()).unwrap()),
    );
    let found = resolve(&jws, ISSUER, &f).unwrap();
    assert_eq!(found.source, KeySource::KidUrl { url: kid.into() });

    // A JWKS at the kid URL, the key named by the fragment.
    let kid = "https://example.edu/keys#k2";
    let jws = token(&key, json!({"kid": kid}));
    let mut f = MapFetcher::new();
    f.insert_json(
        "https://example.edu/keys",
        &json!({"keys": [dict_with(key.public_key().to_jwk(), "kid", "k2")]}),
    )
    .unwrap();
    assert_eq!(
        resolve(&jws, ISSUER, &f).unwrap().source,
        KeySource::KidUrl { url: kid.into() }
    );

    // A controller document at the kid URL.
    let kid = "https://example.edu/issuers/1#key-1";
    let jws = token(&key, json!({"kid": kid}));
    let mut f = MapFetcher::new();
    f.insert_json(ISSUER, &json!({
        "id": ISSUER,
        "verificationMethod": [{"id": kid, "type": "JsonWebKey", "controller": ISSUER, "publicKeyJwk": key.public_key().to_jwk()}],
        "assertionMethod": [kid]
    })).unwrap();
    assert_eq!(
        resolve(&jws, ISSUER, &f).unwrap().source,
        KeySource::KidUrl { url: kid.into() }
    );

    // A kid on another origin binds nothing, even if it serves the right key.
    let kid = "https://attacker.example/k";
    let jws = token(&key, json!({"kid": kid, "jwk": key.public_key().to_jwk()}));
    let f = MapFetcher::new().with(
        kid,
        Fetched::ok(serde_json::to_vec(&key.public_key().to_jwk()).unwrap()),
    );
    let found = resolve(&jws, ISSUER, &f).unwrap();
    assert_eq!(found.source, KeySource::HeaderJwkUnbound);
    assert!(found
        .failures
        .iter()
        .any(|x| matches!(x.error, KeyStepError::NotOnIssuerOrigin { .. })));
}

#[test]
fn a_bound_key_must_be_the_header_jwk() {
    let key = ed();
    let attacker = Ed25519KeyPair::from_seed(&[66u8; 32]);
    // The kid names the issuer's key in its JWKS, but the token is signed by
    // the attacker, whose jwk rides along.
    let jws = token(
        &attacker,
        json!({"kid": "key-1", "jwk": attacker.public_key().to_jwk()}),
    );
    let mut f = MapFetcher::new();
    f.insert_json(
        JWKS,
        &json!({"keys": [dict_with(key.public_key().to_jwk(), "kid", "key-1")]}),
    )
    .unwrap();
    let found = resolve(&jws, ISSUER, &f).unwrap();
    assert_eq!(found.source, KeySource::HeaderJwkUnbound);
    assert!(found
        .failures
        .iter()
        .any(|x| x.step == KeyStep::Jwks && matches!(x.error, KeyStepError::JwkDisagrees { .. })));
}

#[test]
fn caller_trusted_keys_bind_and_choose_by_signature() {
    let a = ed();
    let b = Ed25519KeyPair::from_seed(&[13u8; 32]);
    let jws = token(&b, json!({"kid": "whatever"}));
    let mut trusted = TrustedKeys::new();
    trusted
        .insert(ISSUER, a.public_key())
        .insert(ISSUER, b.public_key());
    let found = resolve_jwt_key(&jws, ISSUER, &OfflineFetcher, &trusted, &Limits::DEFAULT).unwrap();
    assert_eq!(found.source, KeySource::CallerTrusted);
    assert_eq!(found.key, b.public_key());
    // Keys trusted for another issuer do not count.
    let mut elsewhere = TrustedKeys::new();
    elsewhere.insert("https://other.example/i", b.public_key());
    assert!(resolve_jwt_key(&jws, ISSUER, &OfflineFetcher, &elsewhere, &Limits::DEFAULT).is_err());
    // No kid, no jwk, no trusted key: nothing to find.
    let bare = token(&b, Value::Object(Map::new()));
    let e = resolve_jwt_key(
        &bare,
        ISSUER,
        &OfflineFetcher,
        &TrustedKeys::new(),
        &Limits::DEFAULT,
    )
    .unwrap_err();
    assert!(
        matches!(e.failures.as_slice(), [f] if matches!(f.error, KeyStepError::NoKeyReference)),
        "{e:?}"
    );
}
