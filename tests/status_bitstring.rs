#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Bitstring Status List: issuer round trip, bit order against 1EdTech's
//! published test list, limits and typed errors.

use std::io::Write;

mod shared_dir;

use base64::Engine as _;
use openbadges::limits::{Limit, Limits};
use openbadges::status::*;
use serde_json::{json, Value};

const LIST_ID: &str = "https://example.edu/status/1";
const ISSUER: &str = "did:example:issuer";
const FROM: &str = "2024-01-01T00:00:00Z";

/// encodedList of 1EdTech's validator test list (ob30/bit-string-list/testlist),
/// used by its credential-status-revoked sample with statusListIndex 23.
const ONEEDTECH_TESTLIST: &str =
    "uH4sIAAAAAAAA_-3BMQEAAAzDoMy_6cnoA9QFAAAAAAAAAAAAAAAAAAAAbD3uPa2cAEAAAA";

fn gzip_b64url(bytes: &[u8]) -> String {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).unwrap();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(enc.finish().unwrap())
}

#[test]
fn round_trip_allocate_revoke_encode_decode_check() {
    let mut list = StatusList::new(StatusPurpose::Revocation);
    assert_eq!(list.len(), DEFAULT_LIST_LENGTH);
    let a = list.allocate().unwrap();
    let b = list.allocate().unwrap();
    let c = list.allocate().unwrap();
    assert_eq!((a, b, c), (0, 1, 2));
    list.revoke(b).unwrap();

    let encoded = list.encoded_list().unwrap();
    assert!(encoded.starts_with("uH4sI"), "{encoded}");
    let decoded = decode_encoded_list(&encoded, &Limits::default()).unwrap();
    assert_eq!(decoded.len(), 16 * 1024);
    assert_eq!(
        decoded[0], 0b0100_0000,
        "index 1 is the second bit from the left"
    );

    let cred = list.to_credential_json(LIST_ID, ISSUER, FROM).unwrap();
    assert_eq!(
        cred["type"],
        json!(["VerifiableCredential", "BitstringStatusListCredential"])
    );
    assert_eq!(
        cred["@context"],
        json!(["https://www.w3.org/ns/credentials/v2"])
    );
    assert_eq!(
        cred["credentialSubject"]["id"],
        json!(format!("{LIST_ID}#list"))
    );
    assert_eq!(
        cred["credentialSubject"]["type"],
        json!("BitstringStatusList")
    );
    assert_eq!(
        cred["credentialSubject"]["statusPurpose"],
        json!("revocation")
    );
    assert_eq!(cred["credentialSubject"]["encodedList"], json!(encoded));

    let limits = Limits::default();
    for (i, revoked) in [(a, false), (b, true), (c, false)] {
        let entry = list.entry(LIST_ID, i).unwrap();
        assert_eq!(entry["type"], json!("BitstringStatusListEntry"));
        assert_eq!(entry["statusListIndex"], json!(i.to_string()));
        assert_eq!(entry["statusListCredential"], json!(LIST_ID));
        assert_eq!(entry["statusPurpose"], json!("revocation"));
        let out = check_status(&entry, &cred, &limits).unwrap();
        assert_eq!(out.is_revoked(), revoked, "index {i}");
        assert_eq!(out.index, Some(i as u64));
        assert_eq!(out.method, StatusMethod::BitstringStatusList);
        assert_eq!(out.list_id.as_deref(), Some(LIST_ID));
    }
}

#[test]
fn suspension_and_unsuspension() {
    let mut list = StatusList::new(StatusPurpose::Suspension);
    let i = list.allocate().unwrap();
    assert!(matches!(
        list.revoke(i),
        Err(StatusError::WrongPurpose { .. })
    ));
    list.suspend(i).unwrap();
    let limits = Limits::default();
    let entry = list.entry(LIST_ID, i).unwrap();
    let cred = list.to_credential_json(LIST_ID, ISSUER, FROM).unwrap();
    let out = check_status(&entry, &cred, &limits).unwrap();
    assert!(out.is_suspended());
    assert!(!out.is_revoked());
    list.unsuspend(i).unwrap();
    let cred = list.to_credential_json(LIST_ID, ISSUER, FROM).unwrap();
    assert!(!check_status(&entry, &cred, &limits).unwrap().is_set());
}

#[test]
fn multi_bit_status_with_messages() {
    let list = StatusList::with_size(StatusPurpose::Message, 65_536, 2).unwrap();
    assert!(
        matches!(
            list.entry(LIST_ID, 0),
            Err(StatusError::MessageCount {
                found: 0,
                expected: 4,
                ..
            })
        ),
        "statusSize 2 needs statusMessage"
    );
    let mut list = list
        .with_messages(vec![
            StatusMessage::new(0, "valid"),
            StatusMessage::new(1, "pending_review"),
            StatusMessage::new(2, "rejected"),
            StatusMessage::new(3, "withdrawn"),
        ])
        .unwrap();
    let i = list.allocate().unwrap();
    let j = list.allocate().unwrap();
    list.set(j, 2).unwrap();
    assert!(matches!(
        list.set(j, 4),
        Err(StatusError::ValueTooLarge {
            value: 4,
            status_size: 2
        })
    ));
    let cred = list.to_credential_json(LIST_ID, ISSUER, FROM).unwrap();
    let entry = list.entry(LIST_ID, j).unwrap();
    assert_eq!(entry["statusSize"], json!(2));
    assert_eq!(
        entry["statusMessage"][2],
        json!({"status": "0x2", "message": "rejected"})
    );
    let out = check_status(&entry, &cred, &Limits::default()).unwrap();
    assert_eq!(out.value, 2);
    assert_eq!(out.message.as_deref(), Some("rejected"));
    let out = check_status(&list.entry(LIST_ID, i).unwrap(), &cred, &Limits::default()).unwrap();
    assert_eq!((out.value, out.message.as_deref()), (0, Some("valid")));
    // index j=1 with 2 bits is bits 2..4 of byte 0: 0b0010_0000
    assert_eq!(list.as_bytes()[0], 0b0010_0000);
    assert!(matches!(
        StatusList::new(StatusPurpose::Message).with_messages(vec![]),
        Err(StatusError::MessageCount { expected: 2, .. })
    ));
}

#[test]
fn bit_order_matches_1edtech_test_list() {
    // The validator's sample credential says index 23 of this list is revoked.
    let bytes = decode_encoded_list(ONEEDTECH_TESTLIST, &Limits::default()).unwrap();
    assert_eq!(bytes.len(), 16_384);
    let list = DecodedStatusList::from_bytes(bytes, 1).unwrap();
    let set: Vec<u64> = (0..list.len())
        .filter(|&i| list.get(i).unwrap() != 0)
        .collect();
    assert_eq!(
        set,
        vec![23],
        "only index 23 is set (byte 2 = 0x01: MSB-first order)"
    );

    // Our encoder, revoking 23, yields the same bitstring.
    let mut ours = StatusList::new(StatusPurpose::Revocation);
    ours.revoke(23).unwrap();
    assert_eq!(ours.as_bytes(), list.as_bytes());
}

#[test]
fn conformance_sample_is_revoked() {
    let Some(dir) = shared_dir::spec("conformance/1edtech-validator/ob30/bit-string-list") else {
        return;
    };
    let limits = Limits::default();
    let read = |name: &str| -> Value {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        openbadges::limits::parse_json_limited(&bytes, &limits).unwrap()
    };
    let cred = read("credential-status-revoked.json");
    let list = read("testlist");
    let entries = status_entries(&cred);
    assert_eq!(entries.len(), 1);
    assert!(list_url(entries[0])
        .unwrap()
        .ends_with("/bit-string-list/testlist"));
    let out = check_credential_status(&cred, entries[0], &list, &limits).unwrap();
    assert!(out.is_revoked());
    assert_eq!(out.index, Some(23));
}

#[test]
fn decompression_bomb_is_refused_with_a_limit_error() {
    // 8 MiB of zeros (4× the default cap) compresses to about 8 KiB.
    let bomb = vec![0u8; 8 * 1024 * 1024];
    let encoded = format!("u{}", gzip_b64url(&bomb));
    assert!(encoded.len() < 20_000);
    let err = decode_encoded_list(&encoded, &Limits::default()).unwrap_err();
    match err {
        StatusError::Limit { source, .. } => {
            assert_eq!(source.limit, Limit::FetchBytes);
            assert_eq!(source.max, Limits::default().max_fetch_bytes);
        }
        other => panic!("expected a limit error, got {other:?}"),
    }
    // Through check_status as well, and for StatusList2021.
    let entry = json!({"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
        "statusListIndex": "0", "statusListCredential": LIST_ID});
    let cred = json!({"id": LIST_ID, "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "credentialSubject": {"type": "BitstringStatusList", "statusPurpose": "revocation", "encodedList": encoded}});
    assert!(matches!(
        check_status(&entry, &cred, &Limits::default()),
        Err(StatusError::Limit { .. })
    ));
    assert!(matches!(
        decode_status_list_2021(&gzip_b64url(&bomb), &Limits::default()),
        Err(StatusError::Limit { .. })
    ));
}

#[test]
fn a_list_just_under_the_cap_decodes() {
    let mut limits = Limits::default();
    limits.max_fetch_bytes = 16_384;
    let ok = format!("u{}", gzip_b64url(&[0u8; 16_384]));
    assert_eq!(decode_encoded_list(&ok, &limits).unwrap().len(), 16_384);
    let over = format!("u{}", gzip_b64url(&[0u8; 16_385]));
    assert!(matches!(
        decode_encoded_list(&over, &limits),
        Err(StatusError::Limit { .. })
    ));
}

fn fixture(purpose: &str, encoded: &str) -> Value {
    json!({"id": LIST_ID, "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "credentialSubject": {"id": format!("{LIST_ID}#list"), "type": "BitstringStatusList",
            "statusPurpose": purpose, "encodedList": encoded}})
}

fn entry(purpose: &str, index: Value) -> Value {
    json!({"id": format!("{LIST_ID}#x"), "type": "BitstringStatusListEntry", "statusPurpose": purpose,
        "statusListIndex": index, "statusListCredential": LIST_ID})
}

#[test]
fn typed_errors() {
    let limits = Limits::default();
    let good = fixture("revocation", ONEEDTECH_TESTLIST);

    assert!(matches!(
        check_status(&entry("suspension", json!("23")), &good, &limits),
        Err(StatusError::PurposeMismatch { .. })
    ));
    assert!(matches!(
        check_status(&entry("revocation", json!("131072")), &good, &limits),
        Err(StatusError::IndexOutOfRange {
            index: 131_072,
            len: 131_072
        })
    ));
    assert!(check_status(&entry("revocation", json!("131071")), &good, &limits).is_ok());
    assert!(matches!(
        check_status(&entry("revocation", json!("-1")), &good, &limits),
        Err(StatusError::Entry { ref path, .. }) if path == ".statusListIndex"
    ));
    let no_prefix = fixture("revocation", &ONEEDTECH_TESTLIST[1..]);
    assert!(matches!(
        check_status(&entry("revocation", json!("1")), &no_prefix, &limits),
        Err(StatusError::Encoding { .. })
    ));
    let not_gzip = fixture("revocation", "uAAAAAAAAAAAAAAAA");
    assert!(matches!(
        check_status(&entry("revocation", json!("1")), &not_gzip, &limits),
        Err(StatusError::Encoding { .. })
    ));
    let short = fixture("revocation", &encode_list(&[0u8; 100]).unwrap());
    assert!(matches!(
        check_status(&entry("revocation", json!("1")), &short, &limits),
        Err(StatusError::ListTooShort { bits: 800, .. })
    ));
    let mut wrong_type = good.clone();
    wrong_type["type"] = json!(["VerifiableCredential"]);
    assert!(matches!(
        check_status(&entry("revocation", json!("1")), &wrong_type, &limits),
        Err(StatusError::List { ref path, .. }) if path == ".type"
    ));
    let mut e = entry("revocation", json!("1"));
    e["type"] = json!("SomethingElse");
    assert!(matches!(
        check_status(&e, &good, &limits),
        Err(StatusError::UnsupportedType { .. })
    ));
    let mut e = entry("revocation", json!("1"));
    e["statusSize"] = json!(9);
    assert!(matches!(
        check_status(&e, &good, &limits),
        Err(StatusError::StatusSize { found: 9 })
    ));
    // Messages name the field.
    let msg = check_status(&entry("suspension", json!("23")), &good, &limits)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("statusPurpose"), "{msg}");
}

#[test]
fn random_allocation_gives_distinct_indexes() {
    let mut list = StatusList::new(StatusPurpose::Revocation);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut rng = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..1000 {
        let i = list.allocate_random(&mut rng).unwrap();
        assert!(i < list.len());
        assert!(seen.insert(i), "index {i} handed out twice");
    }
    // Sequential allocation skips indexes taken at random.
    let first_seq = list.allocate().unwrap();
    assert!(!seen.contains(&first_seq));
    // A constant rng collides and falls back to sequential allocation.
    let k = list.allocate_random(|| first_seq as u64).unwrap();
    assert_ne!(k, first_seq);
}

#[test]
fn exhaustion_is_an_error() {
    let mut list = StatusList::new(StatusPurpose::Revocation);
    for _ in 0..DEFAULT_LIST_LENGTH {
        list.allocate().unwrap();
    }
    assert!(matches!(
        list.allocate(),
        Err(StatusError::Exhausted { len: 131_072 })
    ));
    assert!(matches!(
        StatusList::with_size(StatusPurpose::Revocation, 1000, 1),
        Err(StatusError::ListTooShort { .. })
    ));
    assert!(matches!(
        StatusList::new(StatusPurpose::Revocation).entry(LIST_ID, 131_072),
        Err(StatusError::IndexOutOfRange { .. })
    ));
    assert!(StatusList::new(StatusPurpose::Revocation)
        .to_credential_json("not an iri", ISSUER, FROM)
        .is_err());
}

#[test]
fn issuer_state_survives_storage() {
    let mut list = StatusList::new(StatusPurpose::Revocation);
    let a = list.allocate().unwrap();
    let b = list.allocate().unwrap();
    list.revoke(b).unwrap();
    let stored = serde_json::to_string(&list.to_state().unwrap()).unwrap();
    assert!(
        stored.contains("\"statusPurpose\":\"revocation\""),
        "{stored}"
    );
    let state: StatusListState = serde_json::from_str(&stored).unwrap();
    let mut back = StatusList::from_state(&state, &Limits::default()).unwrap();
    assert_eq!(back, list);
    assert!(back.is_allocated(a) && back.is_allocated(b));
    assert_eq!(back.get(b).unwrap(), 1);
    assert_eq!(
        back.allocate().unwrap(),
        2,
        "allocation resumes after the stored ones"
    );

    // A state whose bitstring does not match its declared length is refused.
    let mut bad = state.clone();
    bad.length = 2 * DEFAULT_LIST_LENGTH;
    assert!(matches!(
        StatusList::from_state(&bad, &Limits::default()),
        Err(StatusError::Encoding { .. })
    ));
    bad.length = usize::MAX / 2;
    assert!(matches!(
        StatusList::from_state(&bad, &Limits::default()),
        Err(StatusError::Limit { .. })
    ));
}
