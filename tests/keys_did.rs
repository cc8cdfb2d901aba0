#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! did:key and did:web.

use std::collections::HashMap;

mod shared_dir;

use openbadges::did::{
    did_key_document, did_key_from_public, did_key_verification_method, did_web_to_url,
    find_verification_method, public_key_from_did_key, resolve_did_key_url, resolve_did_web,
    DidError,
};
use openbadges::fetch::{FetchError, Fetched, Fetcher, OfflineFetcher};
use openbadges::keys::{Ed25519KeyPair, KeyError};
use openbadges::limits::Limits;
use serde_json::{json, Value};

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn did_key_w3c_ccg_vectors() {
    let Some(text) = shared_dir::read_spec("vectors/did-key/ed25519-x25519.json") else {
        return;
    };
    let vectors: serde_json::Map<String, Value> = serde_json::from_slice(&text).unwrap();
    assert!(vectors.len() >= 5);
    let mut jwk_seen = false;
    for (did, v) in &vectors {
        let seed: [u8; 32] = unhex(v["seed"].as_str().unwrap()).try_into().unwrap();
        let key = Ed25519KeyPair::from_seed(&seed);
        assert_eq!(&did_key_from_public(&key.verifying_key()), did);
        assert_eq!(public_key_from_did_key(did).unwrap(), key.verifying_key());
        let vkp = &v["verificationKeyPair"];
        if let Some(expected_b58) = vkp["publicKeyBase58"].as_str() {
            assert_eq!(bs58_of(key.verifying_key().as_bytes()), expected_b58);
        } else {
            // The JsonWebKey2020 variant: public and private JWKs.
            let public = openbadges::keys::public_key_from_jwk(&vkp["publicKeyJwk"]).unwrap();
            assert_eq!(public, key.verifying_key());
            let private = Ed25519KeyPair::from_jwk(&vkp["privateKeyJwk"]).unwrap();
            assert_eq!(private.seed(), key.seed());
            // A relative "#…" id is resolved against the DID by the lookup.
            let vm_id = vkp["id"].as_str().unwrap();
            let vm =
                find_verification_method(&v["didDocument"], did, vm_id, Some("assertionMethod"))
                    .unwrap();
            assert_eq!(vm.public_key, key.verifying_key());
            jwk_seen = true;
        }

        let theirs = &v["didDocument"];
        let ours = did_key_document(&key.verifying_key());
        assert_eq!(ours["id"], theirs["id"]);
        let vm_id = theirs["verificationMethod"][0]["id"].as_str().unwrap();
        assert_eq!(ours["verificationMethod"][0]["id"], vm_id);
        assert_eq!(did_key_verification_method(&key.verifying_key()), vm_id);
        for rel in [
            "assertionMethod",
            "authentication",
            "capabilityInvocation",
            "capabilityDelegation",
        ] {
            assert_eq!(ours[rel], theirs[rel], "{rel}");
        }
        assert_eq!(resolve_did_key_url(vm_id).unwrap(), key.verifying_key());
        // The X25519 key-agreement method is not an Ed25519 key.
        let ka = theirs["keyAgreement"][0].as_str().unwrap();
        assert!(matches!(
            resolve_did_key_url(ka),
            Err(DidError::FragmentMismatch { .. })
        ));
        // Our document's method reads back through the controller-document path.
        let vm = find_verification_method(&ours, did, vm_id, Some("assertionMethod")).unwrap();
        assert_eq!(vm.public_key, key.verifying_key());
    }
    assert!(jwk_seen);
}

fn bs58_of(bytes: &[u8]) -> String {
    openbadges::keys::encode_multibase_base58btc(bytes)[1..].to_owned()
}

#[test]
fn did_key_literals_and_refusals() {
    let key = Ed25519KeyPair::from_seed(&[0; 32]);
    let did = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
    assert_eq!(did_key_from_public(&key.verifying_key()), did);
    let doc = did_key_document(&key.verifying_key());
    assert_eq!(doc["verificationMethod"][0]["type"], "Multikey");
    assert_eq!(doc["verificationMethod"][0]["controller"], did);
    assert_eq!(
        doc["verificationMethod"][0]["publicKeyMultibase"],
        "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
    );
    assert_eq!(resolve_did_key_url(did).unwrap(), key.verifying_key());
    assert!(matches!(
        resolve_did_key_url(&format!("{did}#key-1")),
        Err(DidError::FragmentMismatch { found: Some(f), .. }) if f == "key-1"
    ));
    assert!(matches!(
        resolve_did_key_url(&format!(
            "{did}/path#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
        )),
        Err(DidError::FragmentMismatch { .. })
    ));
    assert!(matches!(
        public_key_from_did_key("did:web:example.com"),
        Err(DidError::WrongMethod {
            expected: "key",
            ..
        })
    ));
    assert!(matches!(
        public_key_from_did_key("not a did"),
        Err(DidError::Id(_))
    ));
    let err = public_key_from_did_key("did:key:zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76")
        .unwrap_err();
    assert!(matches!(
        &err,
        DidError::Key {
            source: KeyError::UnsupportedMulticodec { code: 0x1200, .. },
            ..
        }
    ));
    assert!(err.to_string().contains("p256-pub"), "{err}");
}

#[test]
fn did_web_mapping() {
    let u = |d: &str| did_web_to_url(d).map(|u| u.to_string());
    assert_eq!(
        u("did:web:example.com").unwrap(),
        "https://example.com/.well-known/did.json"
    );
    assert_eq!(
        u("did:web:example.com:user:alice").unwrap(),
        "https://example.com/user/alice/did.json"
    );
    assert_eq!(
        u("did:web:localhost%3A8443").unwrap(),
        "https://localhost:8443/.well-known/did.json"
    );
    assert_eq!(
        u("did:web:w3c-ccg.github.io:user:alice").unwrap(),
        "https://w3c-ccg.github.io/user/alice/did.json"
    );
    for bad in [
        "did:web:example.com%2Fevil",
        "did:web:a%40b",
        "did:web:example.com:%2E%2E",
    ] {
        assert!(
            matches!(did_web_to_url(bad), Err(DidError::BadDidWeb { .. })),
            "{bad}"
        );
    }
    assert!(matches!(
        did_web_to_url("did:key:z6Mk"),
        Err(DidError::WrongMethod { .. })
    ));
}

struct MapFetcher(HashMap<String, Fetched>);

impl Fetcher for MapFetcher {
    fn fetch(&self, url: &str, max_bytes: usize) -> Result<Fetched, FetchError> {
        let f = self.0.get(url).cloned().ok_or(FetchError::NotFound {
            url: url.to_owned(),
        })?;
        if f.body.len() > max_bytes {
            return Err(FetchError::TooLarge {
                url: url.to_owned(),
                max_bytes,
            });
        }
        Ok(f)
    }
}

fn web_doc(key: &Ed25519KeyPair) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": "did:web:example.com:issuers:1",
        "verificationMethod": [
            {
                "id": "did:web:example.com:issuers:1#key-1",
                "type": "Multikey",
                "controller": "did:web:example.com:issuers:1",
                "publicKeyMultibase": key.public_multikey()
            },
            {
                "id": "#key-2",
                "type": "JsonWebKey",
                "controller": "did:web:example.com:issuers:1",
                "publicKeyJwk": key.public_jwk()
            },
            {
                "id": "#key-3",
                "type": "EcdsaSecp256k1VerificationKey2019",
                "controller": "did:web:example.com:issuers:1"
            },
            {
                "id": "#key-4",
                "type": "Multikey",
                "controller": "did:web:other.example",
                "publicKeyMultibase": key.public_multikey()
            }
        ],
        "assertionMethod": ["did:web:example.com:issuers:1#key-1", "#key-2", "#key-3", "#key-4"],
        "authentication": ["#key-1"]
    })
}

#[test]
fn resolve_did_web_through_a_fetcher() {
    let key = Ed25519KeyPair::from_seed(&[42; 32]);
    let url = "https://example.com/issuers/1/did.json";
    let body = serde_json::to_vec(&web_doc(&key)).unwrap();
    let fetcher = MapFetcher(HashMap::from([(url.to_owned(), Fetched::ok(body))]));
    let limits = Limits::default();
    let am = Some("assertionMethod");

    let vm = resolve_did_web("did:web:example.com:issuers:1#key-1", &fetcher, &limits, am).unwrap();
    assert_eq!(vm.public_key, key.verifying_key());
    assert_eq!(vm.id, "did:web:example.com:issuers:1#key-1");
    assert_eq!(vm.method_type, "Multikey");
    let vm = resolve_did_web("did:web:example.com:issuers:1#key-2", &fetcher, &limits, am).unwrap();
    assert_eq!(vm.public_key, key.verifying_key());
    assert_eq!(vm.method_type, "JsonWebKey");

    assert!(matches!(
        resolve_did_web("did:web:example.com:issuers:1#key-3", &fetcher, &limits, am),
        Err(DidError::UnsupportedMethodType { found: Some(t), .. }) if t == "EcdsaSecp256k1VerificationKey2019"
    ));
    assert!(matches!(
        resolve_did_web("did:web:example.com:issuers:1#key-4", &fetcher, &limits, am),
        Err(DidError::ControllerMismatch { .. })
    ));
    assert!(matches!(
        resolve_did_web(
            "did:web:example.com:issuers:1#key-2",
            &fetcher,
            &limits,
            Some("authentication")
        ),
        Err(DidError::NotAuthorized { .. })
    ));
    assert!(matches!(
        resolve_did_web(
            "did:web:example.com:issuers:1#nope",
            &fetcher,
            &limits,
            None
        ),
        Err(DidError::MethodNotFound { .. })
    ));
    assert!(matches!(
        resolve_did_web("did:web:example.com:issuers:1", &fetcher, &limits, None),
        Err(DidError::NoFragment { .. })
    ));
    assert!(matches!(
        resolve_did_web(
            "did:web:example.com:issuers:2#key-1",
            &fetcher,
            &limits,
            None
        ),
        Err(DidError::Fetch(FetchError::NotFound { .. }))
    ));
    assert!(matches!(
        resolve_did_web(
            "did:web:example.com:issuers:1#key-1",
            &OfflineFetcher,
            &limits,
            None
        ),
        Err(DidError::Fetch(FetchError::Offline { .. }))
    ));
    let mut tiny = Limits::default();
    tiny.max_fetch_bytes = 10;
    assert!(matches!(
        resolve_did_web("did:web:example.com:issuers:1#key-1", &fetcher, &tiny, None),
        Err(DidError::Fetch(FetchError::TooLarge { .. }))
    ));
}

#[test]
fn did_web_document_problems() {
    let key = Ed25519KeyPair::from_seed(&[42; 32]);
    let url = "https://example.com/.well-known/did.json";
    let mut wrong_id = web_doc(&key);
    wrong_id["id"] = json!("did:web:evil.example");
    let cases = [
        (Fetched::ok(serde_json::to_vec(&wrong_id).unwrap()), "id"),
        (Fetched::ok(b"{not json".to_vec()), "json"),
        (Fetched::ok(b"[1,2]".to_vec()), "object"),
        (
            {
                let mut f = Fetched::ok(b"{}".to_vec());
                f.status = 404;
                f
            },
            "status",
        ),
    ];
    for (fetched, what) in cases {
        let fetcher = MapFetcher(HashMap::from([(url.to_owned(), fetched)]));
        let r = resolve_did_web(
            "did:web:example.com#key-1",
            &fetcher,
            &Limits::default(),
            None,
        );
        match what {
            "id" => assert!(
                matches!(r, Err(DidError::DocumentIdMismatch { .. })),
                "{r:?}"
            ),
            "json" => assert!(matches!(r, Err(DidError::Json { .. })), "{r:?}"),
            "object" => assert!(matches!(r, Err(DidError::DocumentNotObject)), "{r:?}"),
            _ => assert!(
                matches!(r, Err(DidError::HttpStatus { status: 404, .. })),
                "{r:?}"
            ),
        }
    }
}
