#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Key formats: seed, Multikey, PKCS#8/SPKI, JWK; strict verification.

use openbadges::keys::{
    decode_multibase_base58btc, decode_multikey, encode_multibase_base58btc, encode_multikey,
    public_key_from_jwk, public_key_from_spki_der, public_key_from_spki_pem, public_key_to_jwk,
    public_key_to_spki_der, public_key_to_spki_pem, verify_strict, Ed25519KeyPair, KeyError,
    Signature, Signer,
};
use serde_json::json;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn seed(s: &str) -> [u8; 32] {
    unhex(s).try_into().unwrap()
}

// RFC 8032 §7.1, TEST 1.
const RFC8032_SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const RFC8032_PUB: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const RFC8032_SIG: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

#[test]
fn rfc8032_test_1() {
    let k = Ed25519KeyPair::from_seed(&seed(RFC8032_SEED));
    assert_eq!(hex(k.verifying_key().as_bytes()), RFC8032_PUB);
    let sig = k.sign(b"");
    assert_eq!(hex(&sig.to_bytes()), RFC8032_SIG);
    verify_strict(&k.verifying_key(), b"", &sig).unwrap();
    assert_eq!(
        verify_strict(&k.verifying_key(), b"x", &sig),
        Err(KeyError::BadSignature)
    );
    // Through the Signer trait too.
    let sig2: Signature = Signer::try_sign(&k, b"").unwrap();
    assert_eq!(sig, sig2);
    assert_eq!(hex(&k.seed()[..]), RFC8032_SEED);
}

#[test]
fn jwk_rfc8037_example() {
    // RFC 8037 appendix A.1 / A.2 (the RFC 8032 TEST 1 key).
    let jwk = json!({
        "kty": "OKP", "crv": "Ed25519",
        "d": "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    });
    let k = Ed25519KeyPair::from_jwk(&jwk).unwrap();
    assert_eq!(hex(k.verifying_key().as_bytes()), RFC8032_PUB);
    let exported: serde_json::Value = serde_json::from_str(&k.to_jwk_secret()).unwrap();
    assert_eq!(exported, jwk);
    let public = public_key_to_jwk(&k.verifying_key());
    assert_eq!(
        public,
        json!({"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"})
    );
    assert_eq!(k.public_jwk(), public);
    assert_eq!(public_key_from_jwk(&public).unwrap(), k.verifying_key());
}

#[test]
fn jwk_refusals_are_typed() {
    let x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    assert_eq!(
        public_key_from_jwk(&json!({"kty":"EC","crv":"P-256","x":x})),
        Err(KeyError::JwkKty { found: "EC".into() })
    );
    assert_eq!(
        public_key_from_jwk(&json!({"kty":"OKP","crv":"X25519","x":x})),
        Err(KeyError::JwkCrv {
            found: "X25519".into()
        })
    );
    assert_eq!(
        public_key_from_jwk(&json!({"kty":"OKP","crv":"Ed25519"})),
        Err(KeyError::JwkMissing { member: "x" })
    );
    assert_eq!(
        public_key_from_jwk(&json!({"kty":"OKP","crv":"Ed25519","x":"11qY+AYK="})),
        Err(KeyError::JwkBase64 { member: "x" })
    );
    assert!(matches!(
        public_key_from_jwk(&json!({"kty":"OKP","crv":"Ed25519","x":"AAAA"})),
        Err(KeyError::Length { found: 3, .. })
    ));
    assert_eq!(
        public_key_from_jwk(&json!([1])),
        Err(KeyError::JwkNotObject)
    );
    let other = Ed25519KeyPair::from_seed(&[9; 32]);
    let mut bad: serde_json::Value =
        serde_json::from_str(&Ed25519KeyPair::from_seed(&[8; 32]).to_jwk_secret()).unwrap();
    bad["x"] = other.public_jwk()["x"].clone();
    assert_eq!(
        Ed25519KeyPair::from_jwk(&bad).unwrap_err(),
        KeyError::JwkMismatch
    );
    let msg = KeyError::JwkKty {
        found: "RSA".into(),
    }
    .to_string();
    assert!(msg.contains("RSA") && msg.contains("OKP"), "{msg}");
}

#[test]
fn pkcs8_rfc8410_examples_and_roundtrip() {
    // RFC 8410 §10.3 private key and §10.1 public key (the same key pair).
    let private_pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
    let public_pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n";
    let k = Ed25519KeyPair::from_pkcs8_pem(private_pem).unwrap();
    let p = public_key_from_spki_pem(public_pem).unwrap();
    assert_eq!(k.verifying_key(), p);
    assert_eq!(
        hex(&k.seed()[..]),
        "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842"
    );

    let k = Ed25519KeyPair::from_seed(&[3; 32]);
    let der = k.to_pkcs8_der().unwrap();
    assert_eq!(
        Ed25519KeyPair::from_pkcs8_der(&der).unwrap().seed(),
        k.seed()
    );
    let pem = k.to_pkcs8_pem().unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert_eq!(
        Ed25519KeyPair::from_pkcs8_pem(&pem).unwrap().seed(),
        k.seed()
    );
    let spki = public_key_to_spki_der(&k.verifying_key()).unwrap();
    assert_eq!(public_key_from_spki_der(&spki).unwrap(), k.verifying_key());
    let spki_pem = public_key_to_spki_pem(&k.verifying_key()).unwrap();
    assert_eq!(
        public_key_from_spki_pem(&spki_pem).unwrap(),
        k.verifying_key()
    );

    assert!(matches!(
        Ed25519KeyPair::from_pkcs8_der(b"\x30\x03\x02\x01\x00"),
        Err(KeyError::Pkcs8 {
            what: "PKCS#8 DER",
            ..
        })
    ));
    assert!(matches!(
        public_key_from_spki_pem(private_pem),
        Err(KeyError::Pkcs8 {
            what: "SPKI PEM",
            ..
        })
    ));
}

#[test]
fn multikey_vectors() {
    // vc-di-eddsa test vector key pair.
    let k =
        Ed25519KeyPair::from_secret_multikey("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
            .unwrap();
    assert_eq!(
        k.public_multikey(),
        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    );
    assert_eq!(
        k.to_secret_multikey().as_str(),
        "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
    );
    // OB 3.0 / CLR 2.0 implementation-guide key: 64-byte (seed ‖ public) secret Multikey.
    let k = Ed25519KeyPair::from_secret_multikey(
        "zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx",
    )
    .unwrap();
    assert_eq!(
        k.public_multikey(),
        "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
    );
    assert_eq!(
        hex(&k.seed()[..]),
        "6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4"
    );
    assert_eq!(
        hex(k.verifying_key().as_bytes()),
        "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5"
    );
    let p = decode_multikey("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi").unwrap();
    assert_eq!(p, k.verifying_key());
    assert_eq!(
        encode_multikey(&p),
        "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
    );
}

#[test]
fn multikey_refusals_name_the_prefix() {
    // An X25519 key from the did:key vectors.
    let err = decode_multikey("z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW").unwrap_err();
    assert_eq!(
        err,
        KeyError::UnsupportedMulticodec {
            code: 0xec,
            name: Some("x25519-pub"),
            expected: 0xed
        }
    );
    assert!(err.to_string().contains("0xec"), "{err}");
    assert!(err.to_string().contains("x25519-pub"), "{err}");
    // A P-256 key (0x1200, varint 80 24) with 33 bytes.
    let mut p256 = vec![0x80, 0x24];
    p256.extend_from_slice(&[2u8; 33]);
    let err = decode_multikey(&encode_multibase_base58btc(&p256)).unwrap_err();
    assert!(matches!(
        err,
        KeyError::UnsupportedMulticodec {
            code: 0x1200,
            name: Some("p256-pub"),
            ..
        }
    ));
    // A secret Multikey is not a public one, and the other way round.
    assert!(matches!(
        decode_multikey("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"),
        Err(KeyError::UnsupportedMulticodec { code: 0x1300, .. })
    ));
    assert!(matches!(
        Ed25519KeyPair::from_secret_multikey("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"),
        Err(KeyError::UnsupportedMulticodec { code: 0xed, .. })
    ));
    assert_eq!(
        decode_multikey("u7QE"),
        Err(KeyError::UnsupportedMultibase { prefix: Some('u') })
    );
    assert_eq!(
        decode_multikey(""),
        Err(KeyError::UnsupportedMultibase { prefix: None })
    );
    assert!(matches!(
        decode_multikey("z0OIl"),
        Err(KeyError::Base58 { .. })
    ));
    let mut short = vec![0xed, 0x01];
    short.extend_from_slice(&[1u8; 31]);
    assert!(matches!(
        decode_multikey(&encode_multibase_base58btc(&short)),
        Err(KeyError::Length {
            expected: 32,
            found: 31,
            ..
        })
    ));
    assert!(matches!(
        decode_multikey(&"z".repeat(10_000)),
        Err(KeyError::Length { .. })
    ));
    assert_eq!(decode_multikey("z"), Err(KeyError::BadMulticodecVarint));
    // 64-byte secret whose public half belongs to another key.
    let mut mixed = vec![0x80, 0x26];
    mixed.extend_from_slice(&[5u8; 32]);
    mixed.extend_from_slice(
        Ed25519KeyPair::from_seed(&[6; 32])
            .verifying_key()
            .as_bytes(),
    );
    assert_eq!(
        Ed25519KeyPair::from_secret_multikey(&encode_multibase_base58btc(&mixed)).unwrap_err(),
        KeyError::KeyPairMismatch
    );
}

#[test]
fn multibase_roundtrip() {
    let bytes = [0u8, 0, 1, 2, 255];
    let s = encode_multibase_base58btc(&bytes);
    assert_eq!(s, "z11LiA"); // two leading zero bytes, then 0x0102ff = 66303 = (19, 41, 9) in base 58
    assert_eq!(decode_multibase_base58btc(&s).unwrap(), bytes);
}

#[test]
fn generate_and_debug_never_shows_the_secret() {
    let mut rng = rand_core::OsRng;
    let a = Ed25519KeyPair::generate(&mut rng);
    let b = Ed25519KeyPair::generate(&mut rng);
    assert_ne!(a.verifying_key(), b.verifying_key());
    let sig = a.sign(b"msg");
    verify_strict(&a.verifying_key(), b"msg", &sig).unwrap();
    assert!(verify_strict(&b.verifying_key(), b"msg", &sig).is_err());

    let dbg = format!("{a:?} {a:#?}");
    assert!(dbg.contains(&a.public_multikey()));
    assert!(!dbg.contains(&hex(&a.seed()[..])));
    assert!(!dbg.contains(a.to_secret_multikey().as_str()));
    let seed_bytes = format!("{:?}", &a.seed()[..]);
    assert!(!dbg.contains(&seed_bytes[1..seed_bytes.len() - 1]));
}

#[test]
fn strict_verification_refuses_small_order_keys() {
    // The identity point (small order) decodes as a point, but verify_strict
    // refuses it even with the "trivial" signature R = identity, s = 0.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let weak = openbadges::keys::VerifyingKey::from_bytes(&identity).unwrap();
    let mut sig = [0u8; 64];
    sig[0] = 1;
    let sig = Signature::from_bytes(&sig);
    assert!(weak.verify_strict(b"anything", &sig).is_err());
    assert_eq!(
        verify_strict(&weak, b"anything", &sig),
        Err(KeyError::BadSignature)
    );
}
