//! Deterministic generator of the verifier's fixtures (`fixtures/verify/`):
//! credentials signed by this crate with the interop seed 00 01 … 1f, one per
//! failure kind, plus the documents a `MapFetcher` serves for them.
//!
//! `tests/verify_fixtures.rs` checks the committed files equal what this
//! generates (set `OPENBADGES_REGENERATE=1` to rewrite them).
#![allow(dead_code)]

use std::sync::OnceLock;

use openbadges::canon::GenericCanonicalizer;
use openbadges::contexts::ContextLoader;
use openbadges::did::did_key_verification_method;
use openbadges::fetch::{Fetched, MapFetcher};
use openbadges::ids::DateTime;
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::Limits;
use openbadges::proof::{add_proof, Cryptosuite, ProofOptions};
use openbadges::status::{StatusList, StatusPurpose};
use openbadges::verify::VerifyOptions;
use serde_json::{json, Value};

/// The interop key's did:key.
pub const DID: &str = "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd";
/// The interop key's Multikey.
pub const MULTIKEY: &str = "z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd";
/// An https issuer for the fragment-trick and controller-document fixtures.
pub const HTTPS_ISSUER: &str = "https://issuer.example/issuers/1";
/// Status list URLs.
pub const REVOCATION_LIST: &str = "https://issuer.example/status/revocation";
pub const SUSPENSION_LIST: &str = "https://issuer.example/status/suspension";
pub const BAD_LIST: &str = "https://issuer.example/status/tampered";
/// The index revoked / suspended in the lists; 7 is left unset.
pub const SET_INDEX: usize = 3;
pub const CLEAR_INDEX: usize = 7;
/// Recipient e-mail and salt of the hashed identifier.
pub const EMAIL: &str = "ada@example.org";
pub const SALT: &str = "pepper-1";

pub fn key() -> Ed25519KeyPair {
    let mut seed = [0u8; 32];
    for (i, b) in seed.iter_mut().enumerate() {
        *b = i as u8;
    }
    Ed25519KeyPair::from_seed(&seed)
}

pub fn canon() -> &'static GenericCanonicalizer {
    static C: OnceLock<GenericCanonicalizer> = OnceLock::new();
    C.get_or_init(|| GenericCanonicalizer::new(ContextLoader::default(), Limits::DEFAULT))
}

/// Verification time used by the tests: inside every fixture's window.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    "2026-06-01T00:00:00Z".parse().unwrap()
}

pub fn options() -> VerifyOptions {
    VerifyOptions::at(now())
}

pub fn sign_with(doc: &Value, vm: &str, purpose: &str) -> Value {
    let opts = ProofOptions::new(
        Cryptosuite::EddsaRdfc2022,
        vm,
        DateTime::new("2026-01-01T00:00:00Z").unwrap(),
    )
    .with_proof_purpose(purpose);
    add_proof(doc, &opts, &key(), canon()).unwrap()
}

pub fn sign(doc: &Value) -> Value {
    sign_with(
        doc,
        &did_key_verification_method(&key().verifying_key()),
        "assertionMethod",
    )
}

/// An unsigned OB 3.0 credential issued by the did:key.
pub fn base() -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": "urn:uuid:7e5b0000-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Verifier Fixture Badge",
        "issuer": {"id": DID, "type": ["Profile"], "name": "Fixture Issuer"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner-0001",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:7e5b0000-0000-4000-8000-00000000a001",
                "type": ["Achievement"],
                "name": "Verifying Credentials",
                "description": "Awarded for a credential every check passes on.",
                "criteria": {"narrative": "Be verified."}
            }
        }
    })
}

fn with(mut doc: Value, f: impl FnOnce(&mut Value)) -> Value {
    f(&mut doc);
    doc
}

pub fn endorsement(comment: &str) -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": "urn:uuid:7e5b0000-0000-4000-8000-00000000e001",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "Endorsement of Verifying Credentials",
        "issuer": {"id": DID, "type": ["Profile"], "name": "Fixture Endorser"},
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "urn:uuid:7e5b0000-0000-4000-8000-00000000a001",
            "type": ["EndorsementSubject"],
            "endorsementComment": comment
        }
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256_identity(email: &str, salt: &str) -> String {
    use sha2::Digest;
    format!(
        "sha256${}",
        hex(&sha2::Sha256::digest(format!("{email}{salt}").as_bytes()))
    )
}

fn list_credential(purpose: StatusPurpose, url: &str) -> Value {
    let mut list = StatusList::new(purpose.clone());
    for _ in 0..=CLEAR_INDEX {
        list.allocate().unwrap();
    }
    match purpose {
        StatusPurpose::Revocation => list.revoke(SET_INDEX).unwrap(),
        _ => list.suspend(SET_INDEX).unwrap(),
    }
    sign(
        &list
            .to_credential_json(url, DID, "2026-01-01T00:00:00Z")
            .unwrap(),
    )
}

fn status_entry(purpose: &str, url: &str, index: usize) -> Value {
    json!({
        "id": format!("{url}#{index}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": index.to_string(),
        "statusListCredential": url
    })
}

/// A controller document for [`HTTPS_ISSUER`]; `listed` puts the key under
/// `assertionMethod`.
pub fn controller_document(listed: bool) -> Value {
    let vm = format!("{HTTPS_ISSUER}#{MULTIKEY}");
    let mut doc = json!({
        "@context": ["https://www.w3.org/ns/cid/v1"],
        "id": HTTPS_ISSUER,
        "verificationMethod": [{
            "id": vm,
            "type": "Multikey",
            "controller": HTTPS_ISSUER,
            "publicKeyMultibase": MULTIKEY
        }],
        "authentication": [vm]
    });
    if listed {
        doc["assertionMethod"] = json!([vm]);
    }
    doc
}

/// One generated file: name, bytes, and what the tests expect of it.
pub struct Fixture {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub about: &'static str,
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap();
    s.push('\n');
    s.into_bytes()
}

/// Every fixture, in a fixed order (generated once per test binary).
pub fn fixtures() -> &'static [Fixture] {
    static F: OnceLock<Vec<Fixture>> = OnceLock::new();
    F.get_or_init(generate)
}

fn generate() -> Vec<Fixture> {
    let mut out = Vec::new();
    let mut add = |name: &'static str, about: &'static str, v: &Value| {
        out.push(Fixture {
            name,
            bytes: pretty(v),
            about,
        })
    };
    let valid = sign(&base());
    add(
        "valid.json",
        "valid: every check passes (issuer is the did:key)",
        &valid,
    );

    let reordered = with(base(), |d| {
        d["@context"] = json!([
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://www.w3.org/ns/credentials/v2"
        ]);
    });
    add(
        "wrong-context-order.json",
        "context-order fails: OB context before the VC context (signed that way, so the proof verifies)",
        &sign(&reordered),
    );

    let unknown_version = with(sign(&base()), |d| {
        d["@context"][1] = json!("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.9.json");
    });
    add(
        "unknown-ob-context-version.json",
        "context-version fails (context-3.0.9.json); the proof then cannot be canonicalized: the headline is the context version",
        &unknown_version,
    );

    let missing = with(base(), |d| {
        d["credentialSubject"]["achievement"]
            .as_object_mut()
            .unwrap()
            .remove("criteria");
    });
    add(
        "missing-criteria.json",
        "structure fails once at $.credentialSubject.achievement.criteria (signed without it)",
        &sign(&missing),
    );

    let wrong_type = with(base(), |d| {
        d["type"] = json!(["VerifiableCredential", "Achievement"]);
    });
    add(
        "wrong-type.json",
        "structure fails once at $.type (Achievement is no credential type); nothing below cascades",
        &sign(&wrong_type),
    );

    let tampered = with(sign(&base()), |d| {
        d["name"] = json!("Verifier Fixture Badge (edited)");
    });
    add(
        "tampered.json",
        "proof fails: name edited after signing",
        &tampered,
    );

    let not_issuer = with(base(), |d| {
        d["issuer"]["id"] = json!("https://issuer.example/issuers/2");
    });
    add(
        "did-key-not-issuer.json",
        "key-binding fails: the did:key that signed is not the issuer",
        &sign(&not_issuer),
    );

    let https_issuer = with(base(), |d| {
        d["issuer"]["id"] = json!(HTTPS_ISSUER);
    });
    add(
        "fragment-trick.json",
        "https issuer, key in the VM fragment: offline key-binding is skipped (not valid); valid only with the issuer's controller document listing the key",
        &sign_with(
            &https_issuer,
            &format!("{HTTPS_ISSUER}#{MULTIKEY}"),
            "assertionMethod",
        ),
    );
    add(
        "controller-document-listed.json",
        "served at https://issuer.example/issuers/1: lists the key under assertionMethod",
        &controller_document(true),
    );
    add(
        "controller-document-unlisted.json",
        "served at https://issuer.example/issuers/1: has the key but not under assertionMethod",
        &controller_document(false),
    );

    add(
        "wrong-proof-purpose.json",
        "proof-purpose fails: authentication",
        &sign_with(
            &base(),
            &did_key_verification_method(&key().verifying_key()),
            "authentication",
        ),
    );

    let expired = with(base(), |d| {
        d["validUntil"] = json!("2026-03-01T00:00:00Z");
    });
    add(
        "expired.json",
        "expired fails: validUntil 2026-03-01",
        &sign(&expired),
    );

    let future = with(base(), |d| {
        d["validFrom"] = json!("2099-01-01T00:00:00Z");
    });
    add(
        "not-yet-valid.json",
        "not-before fails: validFrom 2099",
        &sign(&future),
    );

    let status = |purpose: &str, url: &str, index: usize| {
        sign(&with(base(), |d| {
            d["credentialStatus"] = status_entry(purpose, url, index);
        }))
    };
    add(
        "status-revoked.json",
        "status fails: revoked (index 3 of the revocation list)",
        &status("revocation", REVOCATION_LIST, SET_INDEX),
    );
    add(
        "status-suspended.json",
        "status fails: suspended (index 3 of the suspension list)",
        &status("suspension", SUSPENSION_LIST, SET_INDEX),
    );
    add(
        "status-ok.json",
        "status passes: index 7 of the revocation list is not set",
        &status("revocation", REVOCATION_LIST, CLEAR_INDEX),
    );
    add(
        "status-bad-list.json",
        "status fails: its list credential's proof does not verify",
        &status("revocation", BAD_LIST, CLEAR_INDEX),
    );
    add(
        "status-list-revocation.json",
        "served at https://issuer.example/status/revocation (signed)",
        &list_credential(StatusPurpose::Revocation, REVOCATION_LIST),
    );
    add(
        "status-list-suspension.json",
        "served at https://issuer.example/status/suspension (signed)",
        &list_credential(StatusPurpose::Suspension, SUSPENSION_LIST),
    );
    let bad_list = with(list_credential(StatusPurpose::Revocation, BAD_LIST), |d| {
        d["validFrom"] = json!("2026-01-02T00:00:00Z");
    });
    add(
        "status-list-tampered.json",
        "served at https://issuer.example/status/tampered: validFrom edited after signing",
        &bad_list,
    );

    let endorsed = |e: Value| {
        sign(&with(base(), |d| {
            d["credentialSubject"]["achievement"]["endorsement"] = json!([e]);
        }))
    };
    add(
        "endorsement-valid.json",
        "endorsements pass: one embedded EndorsementCredential that verifies",
        &endorsed(sign(&endorsement("Well deserved."))),
    );
    let bad_endorsement = with(sign(&endorsement("Well deserved.")), |d| {
        d["credentialSubject"]["endorsementComment"] = json!("Not deserved.");
    });
    add(
        "endorsement-invalid.json",
        "endorsements fail: the embedded endorsement was edited after it was signed (its own report: proof fails)",
        &endorsed(bad_endorsement),
    );

    let recipient = with(base(), |d| {
        d["credentialSubject"]["identifier"] = json!([
            {"type": "IdentityObject", "identityHash": sha256_identity(EMAIL, SALT),
             "identityType": "emailAddress", "hashed": true, "salt": SALT},
            {"type": "IdentityObject", "identityHash": "learner-0001@example.org",
             "identityType": "emailAddress", "hashed": false}
        ]);
    });
    add(
        "recipient.json",
        "recipient-match: ada@example.org (sha256, salted), learner-0001@example.org (plain), did:example:learner-0001 (id)",
        &sign(&recipient),
    );

    let two = with(base(), |d| {
        d["validUntil"] = json!("2026-03-01T00:00:00Z");
    });
    add(
        "two-defects.json",
        "expired AND proof purpose authentication: both reported",
        &sign_with(
            &two,
            &did_key_verification_method(&key().verifying_key()),
            "authentication",
        ),
    );
    out
}

/// The fixture named `name`.
pub fn fixture(name: &str) -> Vec<u8> {
    fixtures()
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .bytes
        .clone()
}

/// A fetcher serving the status lists (and, when `controller` is given, the
/// issuer's controller document).
pub fn fetcher(controller: Option<bool>) -> MapFetcher {
    let mut f = MapFetcher::new()
        .with(
            REVOCATION_LIST,
            Fetched::ok(fixture("status-list-revocation.json")),
        )
        .with(
            SUSPENSION_LIST,
            Fetched::ok(fixture("status-list-suspension.json")),
        )
        .with(BAD_LIST, Fetched::ok(fixture("status-list-tampered.json")));
    if let Some(listed) = controller {
        let name = if listed {
            "controller-document-listed.json"
        } else {
            "controller-document-unlisted.json"
        };
        f.insert(HTTPS_ISSUER, Fetched::ok(fixture(name)));
    }
    f
}

/// `n` Evidence items, each with an id, a type and a narrative (the work
/// bombs of `tests/verify_budgets.rs` and `benches/bombs.rs`).
pub fn evidence_items(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| {
                json!({"id": format!("https://evidence.example/{i}"), "type": ["Evidence"],
                       "narrative": format!("item {i}")})
            })
            .collect(),
    )
}

/// `signed` with its proof followed by `n` copies, each with another
/// `created` (so each is a distinct proof configuration).
pub fn junk_proofs(signed: &Value, n: usize) -> Value {
    let mut d = signed.clone();
    let real = d["proof"].clone();
    let mut proofs = vec![real.clone()];
    for i in 0..n {
        let mut p = real.clone();
        p["created"] = json!(format!(
            "2026-01-01T{:02}:{:02}:{:02}Z",
            (i / 3600) % 24,
            (i / 60) % 60,
            i % 60
        ));
        proofs.push(p);
    }
    d["proof"] = Value::Array(proofs);
    d
}

/// `n` embedded endorsements, each its own id and comment, each signed
/// when `signed` (else without a proof).
pub fn endorsement_items(n: usize, signed: bool) -> Value {
    Value::Array(
        (0..n)
            .map(|i| {
                let mut e = endorsement(&format!("endorsement {i}"));
                e["id"] = json!(format!("urn:uuid:7e5b0000-0000-4000-8000-{i:012}"));
                if signed {
                    sign(&e)
                } else {
                    e
                }
            })
            .collect(),
    )
}

/// `doc` with an inline context object appended to its `@context`: a
/// feature the fast canonicalizer does not cover, so canonicalizing it
/// takes the generic path (JSON-LD expansion).
pub fn with_inline_context(mut doc: Value) -> Value {
    if let Some(list) = doc["@context"].as_array_mut() {
        list.push(json!({"extra": "https://example.org/extra"}));
    }
    doc
}

/// `doc` whose subject id is an IRI of `len` more bytes and whose subject
/// has `types` extra types: each type is a quad that writes the subject
/// again (the canonical form would repeat the IRI `types` times).
pub fn long_subject_with_types(mut doc: Value, len: usize, types: usize) -> Value {
    doc["credentialSubject"]["id"] = json!(format!("urn:x:{}", "a".repeat(len)));
    let mut all = vec![json!("AchievementSubject")];
    all.extend((0..types).map(|k| json!(format!("urn:t:{k}"))));
    doc["credentialSubject"]["type"] = Value::Array(all);
    doc
}

/// `n` Bitstring status entries, each naming its own list on a host the
/// sender chose.
pub fn attacker_status_entries(n: usize) -> Value {
    Value::Array(
        (0..n)
            .map(|i| {
                json!({"id": format!("https://attacker.example/{i}#1"), "type": "BitstringStatusListEntry",
                       "statusPurpose": "revocation", "statusListIndex": "1",
                       "statusListCredential": format!("https://attacker.example/{i}")})
            })
            .collect(),
    )
}
