//! Shared pieces of the baking tests: the plain images, payloads of every
//! kind, and the `../shared` lookup with its skip / require policy.
#![allow(dead_code)]

use std::path::PathBuf;

use base64::Engine as _;
use openbadges::bake::{Content, Payload, Version};
use openbadges::limits::Limits;

pub const L: Limits = Limits::DEFAULT;

pub fn fixture(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn png() -> Vec<u8> {
    fixture("fixtures/images/badge.png")
}

pub fn svg() -> Vec<u8> {
    fixture("fixtures/images/badge.svg")
}

/// `../shared/<rel>`, or `None` (after printing a skip) when it is absent;
/// with `OPENBADGES_REQUIRE_SHARED=1` an absent folder fails the test.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    if std::env::var("OPENBADGES_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("{} is missing and OPENBADGES_REQUIRE_SHARED=1", p.display());
    }
    println!("skipped: ../shared/{rel} is absent");
    None
}

pub fn b64(s: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
}

/// A hosted OB 2.0 assertion (the shape of the OB 2.0 spec's basic example).
pub const OB2_JSON: &str = r#"{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/assertions/123","recipient":{"type":"email","hashed":false,"identity":"alice@example.org"},"badge":"https://example.org/badges/robotics","verification":{"type":"hosted"},"issuedOn":"2016-12-31T23:59:59Z"}"#;

/// Every kind of payload: OB 2.0 JSON / JWS / URL, OB 3.0 JSON / JWS.
/// The OB 3.0 JSON is the credential the mint example signs
/// (`fixtures/interop/ours/mint.json`); the JWSs carry real JSON payloads
/// and a dummy signature (the bake layer never checks signatures).
pub fn payloads() -> Vec<(&'static str, Payload)> {
    let mint = String::from_utf8(fixture("fixtures/interop/ours/mint.json")).unwrap();
    let ob2_jws = format!(
        "{}.{}.c2lnbmF0dXJl",
        b64(r#"{"alg":"RS256"}"#),
        b64(OB2_JSON)
    );
    let ob3_jws = format!(
        "{}.{}.c2lnbmF0dXJl",
        b64(r#"{"alg":"EdDSA","typ":"JWT"}"#),
        b64(&mint)
    );
    let out = vec![
        ("ob2-json", Payload::sniff(OB2_JSON, &L).unwrap()),
        ("ob2-jws", Payload::sniff(&ob2_jws, &L).unwrap()),
        (
            "ob2-url",
            Payload::new(
                Version::Ob2,
                Content::Url("https://example.org/assertions/123".into()),
                &L,
            )
            .unwrap(),
        ),
        ("ob3-json", Payload::sniff(&mint, &L).unwrap()),
        ("ob3-jws", Payload::sniff(&ob3_jws, &L).unwrap()),
    ];
    // The sniffer read the versions off the @context.
    let versions: Vec<Version> = out.iter().map(|(_, p)| p.version()).collect();
    assert_eq!(
        versions,
        [
            Version::Ob2,
            Version::Ob2,
            Version::Ob2,
            Version::Ob3,
            Version::Ob3
        ]
    );
    out
}

/// The chunks of a PNG: (type, data) in order (a tiny independent reader
/// for the assertions; the library uses img-parts).
pub fn png_chunks(png: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let mut out = Vec::new();
    let mut i = 8;
    while i < png.len() {
        let n = u32::from_be_bytes(png[i..i + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = png[i + 4..i + 8].try_into().unwrap();
        out.push((kind, png[i + 8..i + 8 + n].to_vec()));
        i += 12 + n;
        if &kind == b"IEND" {
            break;
        }
    }
    out
}

/// The decoded RGBA pixels (the `png` crate, an independent decoder).
pub fn pixels(png: &[u8]) -> Vec<u8> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    buf
}
