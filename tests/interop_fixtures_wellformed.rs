//! Checks that the interop fixtures under `fixtures/interop/` (made by Digital Bazaar's JS
//! stack, see `fixtures/interop/README.md`) are consistent with their `manifest.json`:
//! every file it names exists, every hash it records matches the bytes on disk, every signed
//! file is its unsigned input plus the recorded proof(s), and every tampered copy differs
//! from its signed original. It does not sign or verify anything: the Rust-side interop
//! tests use these fixtures for that.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sha2::{Digest, Sha256};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/interop")
}

fn read(rel: &str) -> Vec<u8> {
    let p = dir().join(rel);
    fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

fn read_json(rel: &str) -> Value {
    serde_json::from_slice(&read(rel)).unwrap_or_else(|e| panic!("{rel} is not JSON: {e}"))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn str_of<'a>(v: &'a Value, key: &str, ctx: &str) -> &'a str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{ctx}: missing string field {key:?}"))
}

fn manifest() -> Value {
    read_json("manifest.json")
}

/// Decodes base58btc (Bitcoin alphabet); test-only helper.
fn base58_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut bytes: Vec<u8> = Vec::new(); // little-endian big number
    for c in s.bytes() {
        let mut carry = ALPHABET
            .iter()
            .position(|&a| a == c)
            .unwrap_or_else(|| panic!("{c:?} is not base58")) as u32;
        for b in bytes.iter_mut() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.push((carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = s.bytes().take_while(|&c| c == b'1').count();
    let mut out = vec![0u8; zeros];
    out.extend(bytes.iter().rev());
    out
}

#[test]
fn key_ids_are_consistent() {
    let m = manifest();
    let key = &m["key"];
    let seed = str_of(key, "seedHex", "key");
    let expected_seed: String = (0u8..32).map(|b| format!("{b:02x}")).collect();
    assert_eq!(seed, expected_seed, "seed must be the bytes 0x00..0x1f");
    let mb = str_of(key, "publicKeyMultibase", "key");
    let did = str_of(key, "did", "key");
    assert_eq!(did, format!("did:key:{mb}"));
    assert_eq!(
        str_of(key, "verificationMethod", "key"),
        format!("{did}#{mb}")
    );
    // multibase 'z' + base58btc(0xed 0x01 || 32-byte Ed25519 public key)
    let raw = base58_decode(mb.strip_prefix('z').expect("multibase must start with z"));
    assert_eq!(raw.len(), 34, "multicodec header + 32 bytes");
    assert_eq!(&raw[..2], &[0xed, 0x01], "ed25519-pub multicodec header");
    let hex: String = raw[2..].iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, str_of(key, "publicKeyHex", "key"));
}

#[test]
fn cases_match_their_files() {
    let m = manifest();
    let vm = str_of(&m["key"], "verificationMethod", "key").to_owned();
    let cases = m["cases"].as_array().expect("cases array");
    assert!(cases.len() >= 10, "expected the full set of cases");
    let mut names = BTreeSet::new();
    for case in cases {
        let name = str_of(case, "name", "case");
        assert!(names.insert(name.to_owned()), "duplicate case {name}");
        assert_eq!(str_of(case, "expected", name), "valid");
        assert_eq!(str_of(case, "verificationMethod", name), vm);

        // canonical N-Quads: hash and quad count as recorded
        let canon = read(str_of(case, "canon", name));
        assert_eq!(
            sha256_hex(&canon),
            str_of(case, "canonSha256", name),
            "{name}"
        );
        let canon_text = String::from_utf8(canon).expect("canonical N-Quads are UTF-8");
        assert!(
            canon_text.ends_with(" .\n"),
            "{name}: N-Quads end with ' .\\n'"
        );
        let quads = canon_text.lines().count() as u64;
        assert_eq!(Some(quads), case["canonQuads"].as_u64(), "{name}");
        let mut sorted: Vec<&str> = canon_text.lines().collect();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            canon_text.lines().collect::<Vec<_>>(),
            "{name}: quads are sorted"
        );

        // signed = unsigned + proof(s) recorded in the manifest
        let unsigned = read_json(str_of(case, "unsigned", name));
        let mut signed = read_json(str_of(case, "signed", name));
        let proof = signed
            .as_object_mut()
            .expect("signed is an object")
            .remove("proof")
            .unwrap_or_else(|| panic!("{name}: signed file has no proof"));
        assert_eq!(signed, unsigned, "{name}: signed minus proof != unsigned");
        let proofs: Vec<Value> = match proof {
            Value::Array(a) => a,
            p => vec![p],
        };
        let recorded = case["proofs"].as_array().expect("proofs array");
        assert_eq!(proofs.len(), recorded.len(), "{name}: number of proofs");
        let joined: Vec<&str> = recorded
            .iter()
            .map(|r| str_of(r, "created", name))
            .collect();
        assert_eq!(str_of(case, "created", name), joined.join(" + "));
        for (p, r) in proofs.iter().zip(recorded) {
            for k in [
                "type",
                "created",
                "verificationMethod",
                "proofPurpose",
                "proofValue",
            ] {
                assert_eq!(p[k], r[k], "{name}: proof field {k}");
            }
            assert_eq!(
                p.get("cryptosuite").unwrap_or(&Value::Null),
                &r["cryptosuite"]
            );
            assert_eq!(str_of(p, "verificationMethod", name), vm);
            // a 64-byte Ed25519 signature, multibase base58btc
            let pv = str_of(p, "proofValue", name);
            let sig = base58_decode(pv.strip_prefix('z').expect("proofValue starts with z"));
            assert_eq!(sig.len(), 64, "{name}: signature length");
            // the signed bytes are SHA-256(proof config) || SHA-256(document)
            let doc_hash = str_of(r, "documentHashHex", name);
            let cfg_hash = str_of(r, "proofConfigHashHex", name);
            assert_eq!(
                str_of(r, "verifyDataHex", name),
                format!("{cfg_hash}{doc_hash}")
            );
            if r["cryptosuite"] == "eddsa-jcs-2022" {
                assert_eq!(sha256_hex(&read(str_of(r, "documentJcs", name))), doc_hash);
                assert_eq!(
                    sha256_hex(&read(str_of(r, "proofConfigJcs", name))),
                    cfg_hash
                );
            } else {
                assert_eq!(doc_hash, str_of(case, "canonSha256", name), "{name}");
                assert_eq!(
                    sha256_hex(&read(str_of(r, "proofConfigCanon", name))),
                    cfg_hash
                );
            }
        }
    }
    for wanted in [
        "plain",
        "unicode-nfc",
        "unicode-nfd",
        "proof-set",
        "eddsa-jcs-2022",
    ] {
        assert!(names.contains(wanted), "missing case {wanted}");
    }
}

#[test]
fn nfc_and_nfd_canonicalize_differently() {
    let nfc = read("cases/unicode-nfc.canon.nq");
    let nfd = read("cases/unicode-nfd.canon.nq");
    assert_ne!(nfc, nfd);
    let nfd = String::from_utf8(nfd).unwrap();
    // U+0308 COMBINING DIAERESIS only in the decomposed form
    assert!(nfd.contains('\u{0308}'));
    assert!(!String::from_utf8(nfc).unwrap().contains('\u{0308}'));
}

/// The same document with `proof` always a JSON array (one proof == a one-element set).
fn proof_as_array(mut doc: Value) -> Value {
    if let Some(obj) = doc.as_object_mut() {
        if let Some(p) = obj.remove("proof") {
            let arr = match p {
                Value::Array(a) => a,
                one => vec![one],
            };
            obj.insert("proof".to_owned(), Value::Array(arr));
        }
    }
    doc
}

#[test]
fn expectations_cover_every_signed_file_and_tampered_copies_differ() {
    let m = manifest();
    let cases: BTreeSet<String> = m["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| str_of(c, "name", "case").to_owned())
        .collect();
    let mut files = BTreeSet::new();
    let mut invalid = 0;
    for e in m["expectations"].as_array().expect("expectations array") {
        let file = str_of(e, "file", "expectation");
        assert!(
            files.insert(file.to_owned()),
            "duplicate expectation {file}"
        );
        let case = str_of(e, "case", file);
        assert!(cases.contains(case), "{file}: unknown case {case}");
        assert!(!str_of(e, "reason", file).is_empty());
        let expected = str_of(e, "expected", file);
        assert!(
            expected == "valid" || expected == "invalid",
            "{file}: {expected}"
        );
        let doc = read_json(file);
        let signed_file = format!("cases/{case}.signed.json");
        if file == signed_file {
            assert_eq!(expected, "valid");
            continue;
        }
        // every other file is a changed copy of the signed original
        let original = read_json(&signed_file);
        if expected == "invalid" {
            invalid += 1;
            assert!(
                file.contains(".tampered-"),
                "{file}: invalid files are tampered copies"
            );
            assert_ne!(doc, original, "{file}: a tampered copy must differ");
        } else {
            // reformatted / proof wrapped in an array: same data, different bytes
            assert_eq!(
                proof_as_array(doc),
                proof_as_array(original),
                "{file}: a valid variant must keep the data"
            );
            assert_ne!(
                read(file),
                read(&signed_file),
                "{file}: must differ in bytes"
            );
        }
    }
    for case in &cases {
        assert!(
            files.contains(&format!("cases/{case}.signed.json")),
            "{case} not expected"
        );
    }
    assert!(
        invalid >= 4,
        "expected at least the four kinds of tampering"
    );
}

#[test]
fn fixtures_stay_small() {
    let mut total = 0u64;
    for entry in fs::read_dir(dir().join("cases")).unwrap() {
        total += entry.unwrap().metadata().unwrap().len();
    }
    total += fs::metadata(dir().join("manifest.json")).unwrap().len();
    assert!(
        total < 1_000_000,
        "fixtures are {total} bytes; keep them under 1 MB"
    );
}
