#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! StatusList2021 and 1EdTechRevocationList.

mod shared_dir;

use openbadges::limits::Limits;
use openbadges::status::*;
use serde_json::{json, Value};

const LIST_ID: &str = "https://example.com/credentials/status/3";

fn list_2021(encoded: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/vc/status-list/2021/v1"],
        "id": LIST_ID,
        "type": ["VerifiableCredential", "StatusList2021Credential"],
        "issuer": "did:example:12345",
        "issuanceDate": "2021-04-05T14:27:40Z",
        "credentialSubject": {
            "id": format!("{LIST_ID}#list"),
            "type": "StatusList2021",
            "statusPurpose": "Revocation",
            "encodedList": encoded
        }
    })
}

fn entry_2021(index: &str) -> Value {
    json!({
        "id": format!("{LIST_ID}#{index}"),
        "type": "StatusList2021Entry",
        "statusPurpose": "revocation",
        "statusListIndex": index,
        "statusListCredential": LIST_ID
    })
}

#[test]
fn status_list_2021_without_multibase_prefix() {
    let mut list = StatusList::new(StatusPurpose::Revocation);
    list.revoke(94_567).unwrap();
    let encoded = list.encoded_list().unwrap();
    let plain = encoded.strip_prefix('u').unwrap();
    let limits = Limits::default();
    let cred = list_2021(plain);

    let out = check_status(&entry_2021("94567"), &cred, &limits).unwrap();
    assert_eq!(out.method, StatusMethod::StatusList2021);
    assert!(out.is_revoked(), "capitalized list purpose still matches");
    assert!(!check_status(&entry_2021("94566"), &cred, &limits)
        .unwrap()
        .is_set());

    // A BitstringStatusListEntry is not satisfied by a StatusList2021Credential.
    let mut e = entry_2021("94567");
    e["type"] = json!("BitstringStatusListEntry");
    assert!(matches!(
        check_status(&e, &cred, &limits),
        Err(StatusError::List { .. })
    ));
}

#[test]
fn status_list_2021_spec_example_is_all_zero() {
    // The encodedList of the published StatusList2021 example credential
    // (base64url, no prefix): an empty 16 KiB list.
    let cred = list_2021("H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");
    let out = check_status(&entry_2021("94567"), &cred, &Limits::default()).unwrap();
    assert!(!out.is_set());
    let bytes = decode_status_list_2021(
        "H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(bytes.len(), 16_384);
    assert!(bytes.iter().all(|b| *b == 0));
}

#[test]
fn oneedtech_revocation_list() {
    let credential = json!({
        "id": "urn:uuid:54418d3f-ec01-4652-800a-861c890a51a1",
        "credentialStatus": {
            "id": "https://issuer.example/api/revocations/1",
            "type": "1EdTechRevocationList"
        }
    });
    let entries = status_entries(&credential);
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entry_method(entries[0]).unwrap(),
        StatusMethod::RevocationList1EdTech
    );
    assert_eq!(
        list_url(entries[0]).unwrap(),
        "https://issuer.example/api/revocations/1"
    );
    let limits = Limits::default();
    let revoked = json!({"revokedCredentials": [
        {"id": "urn:uuid:other"},
        {"id": "urn:uuid:54418d3f-ec01-4652-800a-861c890a51a1", "revocationReason": "issued in error"}
    ]});
    let out = check_credential_status(&credential, entries[0], &revoked, &limits).unwrap();
    assert!(out.is_revoked());
    assert_eq!(out.message.as_deref(), Some("issued in error"));

    let reinstated = json!({"revokedCredentials": [
        {"id": "urn:uuid:54418d3f-ec01-4652-800a-861c890a51a1", "revoked": false}
    ]});
    assert!(
        !check_credential_status(&credential, entries[0], &reinstated, &limits)
            .unwrap()
            .is_revoked()
    );

    // check_status alone cannot do it: it needs the credential id.
    assert!(matches!(
        check_status(entries[0], &revoked, &limits),
        Err(StatusError::MissingCredentialId)
    ));
    let anonymous = json!({"credentialStatus": credential["credentialStatus"].clone()});
    assert!(matches!(
        check_credential_status(&anonymous, entries[0], &revoked, &limits),
        Err(StatusError::MissingCredentialId)
    ));
    assert!(matches!(
        check_credential_status(&credential, entries[0], &json!({"revoked": []}), &limits),
        Err(StatusError::List { .. })
    ));
}

#[test]
fn oneedtech_sample_credential_entry_shape() {
    let Some(bytes) =
        shared_dir::read_spec("conformance/1edtech-validator/ob30/credential-status-revoked.json")
    else {
        return;
    };
    let cred = openbadges::limits::parse_json_limited(&bytes, &Limits::default()).unwrap();
    let entries = status_entries(&cred);
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entry_method(entries[0]).unwrap(),
        StatusMethod::RevocationList1EdTech
    );
    let url = list_url(entries[0]).unwrap();
    assert!(url.starts_with("https://"), "{url}");
    let id = cred["id"].as_str().unwrap();
    let list = json!({"revokedCredentials": [{"id": id}]});
    assert!(
        check_credential_status(&cred, entries[0], &list, &Limits::default())
            .unwrap()
            .is_revoked()
    );
}

#[test]
fn several_entries_are_all_returned() {
    let cred = json!({"credentialStatus": [
        {"type": "BitstringStatusListEntry", "statusListCredential": "https://a.example/1"},
        {"type": "BitstringStatusListEntry", "statusListCredential": "https://a.example/2"}
    ]});
    let urls: Vec<&str> = status_entries(&cred)
        .into_iter()
        .map(|e| list_url(e).unwrap())
        .collect();
    assert_eq!(urls, ["https://a.example/1", "https://a.example/2"]);
    assert!(status_entries(&json!({})).is_empty());
}
