//! OB 2.0 → 3.0 conversion (`openbadges::convert`) on OB 2.0 documents made
//! by others: the Python `cryptography` cases (`fixtures/interop/ob2-python`,
//! with their fetch maps and `manifest.json` verdicts), the crate's own
//! validator-core-checked assertions (`fixtures/interop/validator-core/ours`)
//! and every OB 2.0 sample of 1EdTech's validator that verifies Valid
//! (`../shared/spec/conformance/1edtech-validator/ob20/`).
//!
//! Where the expected values come from: names, descriptions, criteria, the
//! badge class id, the issuer and the recipient are read from the OB 2.0
//! documents themselves (the assertion file and the files its fetch map
//! serves), never from the conversion; the refusals are the manifest's
//! verdicts and deciding checks; the converted credential's verdict is
//! `openbadges::verify`'s.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod validator_support;

mod shared_dir;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use openbadges::bake::{bake_png, bake_svg, Content, Payload, Version};
use openbadges::convert::{
    convert, to_credential, ConvertError, ConvertOptions, VerifiedAssertion, OB2_ASSERTION_TYPE,
    OB2_BADGE_CLASS_TYPE,
};
use openbadges::fetch::{Fetched, Fetcher, MapFetcher};
use openbadges::ids::{DateTime, Iri};
use openbadges::issue::Issuer;
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::Limits;
use openbadges::model::v3::Profile;
use openbadges::verify::{verify, CheckId, Verdict, VerifyOptions};
use serde_json::Value;
use validator_support::asset_map;

fn root(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn python_case(case: &str) -> PathBuf {
    root("fixtures/interop/ob2-python/cases").join(case)
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// `verify_at` of the Python cases' manifest.
fn python_now() -> chrono::DateTime<chrono::Utc> {
    let m = json(&root("fixtures/interop/ob2-python/manifest.json"));
    m["verify_at"].as_str().unwrap().parse().unwrap()
}

fn map_options(urls: &Path, now: chrono::DateTime<chrono::Utc>) -> VerifyOptions {
    let mut f = MapFetcher::new();
    f.load_map_file(urls, Limits::DEFAULT.max_fetch_bytes)
        .unwrap();
    VerifyOptions::at(now).fetcher(Arc::new(f))
}

/// The converting issuer: a did:key with a profile (the key is a test key).
fn converter() -> Issuer<Ed25519KeyPair> {
    let seed = [0x5a; 32];
    let plain = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&seed));
    let profile = Profile::builder()
        .id(plain.id().clone())
        .name("Example Badge Wallet (converter)")
        .build()
        .unwrap();
    Issuer::with_profile(
        profile,
        Ed25519KeyPair::from_seed(&seed),
        plain.verification_method().to_owned(),
    )
}

fn opts() -> ConvertOptions {
    ConvertOptions::new(
        Iri::new("urn:uuid:3b1f0c9e-7a52-4c1d-8e4b-2f6a9d0c5e11").unwrap(),
        DateTime::new("2026-01-15T00:00:00Z").unwrap(),
    )
}

/// Converts, then verifies the OB 3.0 credential with the same options
/// (time and fetcher); returns it.
fn convert_and_verify(bytes: &[u8], options: &VerifyOptions, what: &str) -> Value {
    let verified = VerifiedAssertion::verify(bytes, options).unwrap();
    assert!(
        verified.report().is_valid(),
        "{what}: the OB 2.0 input must verify:\n{}",
        verified.report()
    );
    let signed = convert(&verified, &converter(), &opts())
        .unwrap_or_else(|e| panic!("{what}: not converted: {e}"));
    let report = verify(&serde_json::to_vec(&signed).unwrap(), options).unwrap();
    assert!(
        report.is_valid(),
        "{what}: the OB 3.0 credential must verify:\n{report}\n{signed:#}"
    );
    signed
}

/// What every conversion must say about the OB 2.0 documents it came from.
fn assert_carried_over(signed: &Value, assertion: &Value, badge: &Value, issuer: &Value) {
    let subject = &signed["credentialSubject"];
    let achievement = &subject["achievement"];
    // The original assertion is the first evidence, typed as the guide has it.
    let ev = &signed["evidence"][0];
    assert_eq!(ev["id"], assertion["id"]);
    assert_eq!(ev["type"][0], "Evidence");
    assert_eq!(ev["type"][1], OB2_ASSERTION_TYPE);
    // The badge class is the achievement's related entry.
    let related = &achievement["related"][0];
    assert_eq!(related["id"], badge["id"]);
    assert_eq!(related["type"][0], "Related");
    assert_eq!(related["type"][1], OB2_BADGE_CLASS_TYPE);
    assert_eq!(related["version"], "Open Badges v2p0");
    // The badge class's own words.
    assert_eq!(achievement["name"], badge["name"]);
    assert_eq!(achievement["description"], badge["description"]);
    assert_eq!(signed["name"], badge["name"]);
    match &badge["criteria"] {
        Value::String(url) => assert_eq!(achievement["criteria"]["id"], *url),
        c => {
            if c.get("narrative").is_some() {
                assert_eq!(achievement["criteria"]["narrative"], c["narrative"]);
            }
            if let Some(id) = c.get("id").and_then(Value::as_str) {
                if !id.starts_with("_:") {
                    assert_eq!(achievement["criteria"]["id"], id);
                }
            }
        }
    }
    // The original issuer is the achievement's creator; the converter signs.
    assert_eq!(achievement["creator"]["id"], issuer["id"]);
    assert_eq!(achievement["creator"]["name"], issuer["name"]);
    assert_eq!(signed["issuer"]["id"], converter().id().as_str());
    // The recipient, hash and salt as they were.
    let r = &assertion["recipient"];
    let id = &subject["identifier"][0];
    assert_eq!(id["type"], "IdentityObject");
    assert_eq!(id["identityHash"], r["identity"]);
    assert_eq!(id["hashed"], r["hashed"]);
    if r.get("salt").is_some() {
        assert_eq!(id["salt"], r["salt"]);
    }
    if r["type"] == "email" {
        assert_eq!(id["identityType"], "emailAddress");
    }
    // The dates.
    let issued = DateTime::new(assertion["issuedOn"].as_str().unwrap()).unwrap();
    let from = DateTime::new(signed["validFrom"].as_str().unwrap()).unwrap();
    assert_eq!(from.to_utc(), issued.to_utc());
    assert_eq!(signed["awardedDate"], signed["validFrom"]);
    match assertion.get("expires").and_then(Value::as_str) {
        Some(e) => assert_eq!(
            DateTime::new(signed["validUntil"].as_str().unwrap())
                .unwrap()
                .to_utc(),
            DateTime::new(e).unwrap().to_utc()
        ),
        None => assert!(signed.get("validUntil").is_none()),
    }
}

/// The JSON payload of a compact JWS.
fn jws_payload(token: &str) -> Value {
    use base64::Engine as _;
    let part = token.trim().split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn python_hosted_assertions_convert_and_verify() {
    for case in ["hosted-valid", "hosted-valid-policy"] {
        let dir = python_case(case);
        let options = map_options(&dir.join("urls.json"), python_now());
        let bytes = std::fs::read(dir.join("assertion.json")).unwrap();
        let signed = convert_and_verify(&bytes, &options, case);
        assert_carried_over(
            &signed,
            &json(&dir.join("assertion.json")),
            &json(&dir.join("badge.json")),
            &json(&dir.join("issuer.json")),
        );
        // A hosted assertion's evidence says so.
        let d = signed["evidence"][0]["description"].as_str().unwrap();
        assert!(d.contains("hosted"), "{d}");
        // The recipient the Python generator hashed (manifest) still matches.
        let report = verify(
            &serde_json::to_vec(&signed).unwrap(),
            &options.clone().expected_recipient("sam.lee@example.net"),
        )
        .unwrap();
        assert!(report.is_valid(), "{case}: recipient:\n{report}");
        let report = verify(
            &serde_json::to_vec(&signed).unwrap(),
            &options
                .clone()
                .expected_recipient("someone.else@example.net"),
        )
        .unwrap();
        assert_eq!(
            report.most_specific().map(|c| c.id),
            Some(CheckId::RecipientMatch)
        );
    }
}

#[test]
fn python_signed_assertion_converts_and_verifies() {
    let dir = python_case("signed-valid");
    let options = map_options(&dir.join("urls.json"), python_now());
    let token = std::fs::read_to_string(dir.join("assertion.jws")).unwrap();
    let signed = convert_and_verify(token.as_bytes(), &options, "signed-valid");
    let payload = jws_payload(&token);
    assert_carried_over(
        &signed,
        &payload,
        &json(&dir.join("badge.json")),
        &json(&dir.join("issuer.json")),
    );
    let d = signed["evidence"][0]["description"].as_str().unwrap();
    assert!(d.contains("signed"), "{d}");
}

#[test]
fn crate_minted_assertions_convert_too() {
    // Checked valid by validator-core 1.1.2 (fixtures/interop/validator-core/reports).
    let dir = root("fixtures/interop/validator-core/ours/hosted");
    let options = map_options(&dir.join("urls.json"), python_now());
    let bytes = std::fs::read(dir.join("assertion.json")).unwrap();
    let signed = convert_and_verify(&bytes, &options, "ours/hosted");
    assert_carried_over(
        &signed,
        &json(&dir.join("assertion.json")),
        &json(&dir.join("badge.json")),
        &json(&dir.join("issuer.json")),
    );
}

#[test]
fn baked_png_and_svg_assertions_convert() {
    let limits = Limits::DEFAULT;
    // A hosted assertion baked (as JSON) into the Python case's PNG.
    let dir = python_case("hosted-valid");
    let options = map_options(&dir.join("urls.json"), python_now());
    let text = std::fs::read_to_string(dir.join("assertion.json")).unwrap();
    let payload = Payload::new(Version::Ob2, Content::Json(text), &limits).unwrap();
    let png = bake_png(
        &std::fs::read(dir.join("badge.png")).unwrap(),
        &payload,
        &limits,
    )
    .unwrap();
    let signed = convert_and_verify(&png, &options, "baked PNG");
    assert_eq!(
        signed["evidence"][0]["id"],
        json(&dir.join("assertion.json"))["id"]
    );

    // A signed assertion (compact JWS) baked into an SVG.
    let dir = python_case("signed-valid");
    let options = map_options(&dir.join("urls.json"), python_now());
    let token = std::fs::read_to_string(dir.join("assertion.jws")).unwrap();
    let payload = Payload::new(Version::Ob2, Content::Jws(token.trim().into()), &limits).unwrap();
    let svg =
        br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4"/></svg>"#;
    let svg = bake_svg(svg, &payload, &limits).unwrap();
    let signed = convert_and_verify(&svg, &options, "baked SVG");
    assert_eq!(signed["evidence"][0]["id"], jws_payload(&token)["id"]);
}

#[test]
fn invalid_assertions_are_refused_naming_the_check() {
    // Every Python case the manifest calls invalid: revoked (410,
    // revoked: true, revocation lists), tampered, wrong origin, mismatch,
    // unbound keys. The refusal names the manifest's deciding check.
    let m = json(&root("fixtures/interop/ob2-python/manifest.json"));
    let mut refused = 0;
    for c in m["cases"].as_array().unwrap() {
        if c["verdict"] != "invalid" {
            continue;
        }
        let case = c["case"].as_str().unwrap();
        let dir = python_case(case);
        let options = map_options(&dir.join("urls.json"), python_now());
        let bytes = std::fs::read(dir.join(c["file"].as_str().unwrap())).unwrap();
        let verified = VerifiedAssertion::verify(&bytes, &options).unwrap();
        let err = to_credential(&verified, &converter(), &opts()).unwrap_err();
        match err {
            ConvertError::NotValid { verdict, check, .. } => {
                assert_eq!(verdict, Verdict::Invalid, "{case}");
                assert_eq!(Some(check.name()), c["check"].as_str(), "{case}");
            }
            e => panic!("{case}: refused for another reason: {e}"),
        }
        refused += 1;
    }
    // The manifest's 14 cases: 3 valid, 11 invalid.
    assert_eq!(refused, 11, "the manifest's invalid cases");
}

#[test]
fn a_tampered_hosted_assertion_is_refused() {
    // The valid case with its issuedOn changed: the host serves another one.
    let dir = python_case("hosted-valid");
    let options = map_options(&dir.join("urls.json"), python_now());
    let mut a = json(&dir.join("assertion.json"));
    a["issuedOn"] = "2024-01-01T00:00:00Z".into();
    let verified = VerifiedAssertion::verify(&serde_json::to_vec(&a).unwrap(), &options).unwrap();
    let err = convert(&verified, &converter(), &opts()).unwrap_err();
    assert!(
        matches!(
            err,
            ConvertError::NotValid {
                verdict: Verdict::Invalid,
                check: CheckId::Proof,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("proof"), "{err}");
}

#[test]
fn an_unverifiable_assertion_is_refused() {
    // Offline: nothing can be fetched, so the verdict is Indeterminate.
    let dir = python_case("hosted-valid");
    let bytes = std::fs::read(dir.join("assertion.json")).unwrap();
    let verified = VerifiedAssertion::verify(&bytes, &VerifyOptions::at(python_now())).unwrap();
    let err = convert(&verified, &converter(), &opts()).unwrap_err();
    assert!(
        matches!(
            err,
            ConvertError::NotValid {
                verdict: Verdict::Indeterminate,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn an_ob3_credential_is_not_converted() {
    let bytes = std::fs::read(root("fixtures/interop/ours/mint.json")).unwrap();
    let verified = VerifiedAssertion::verify(&bytes, &VerifyOptions::at(python_now())).unwrap();
    assert!(verified.assertion().is_none());
    let err = convert(&verified, &converter(), &opts()).unwrap_err();
    assert!(matches!(err, ConvertError::NotOb2 { .. }), "{err}");
}

#[test]
fn an_issuer_without_a_name_is_refused_by_the_builder() {
    let dir = python_case("hosted-valid");
    let options = map_options(&dir.join("urls.json"), python_now());
    let bytes = std::fs::read(dir.join("assertion.json")).unwrap();
    let verified = VerifiedAssertion::verify(&bytes, &options).unwrap();
    let bare = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&[1; 32]));
    let err = to_credential(&verified, &bare, &opts()).unwrap_err();
    assert!(err.to_string().contains("name"), "{err}");
    // With a name it converts.
    let c = to_credential(&verified, &bare, &opts().issuer_name("Converter")).unwrap();
    assert_eq!(c.issuer_id(), bare.id());
}

#[test]
fn same_issuer_names_the_ob2_issuer_id() {
    let dir = python_case("hosted-valid");
    let options = map_options(&dir.join("urls.json"), python_now());
    let bytes = std::fs::read(dir.join("assertion.json")).unwrap();
    let verified = VerifiedAssertion::verify(&bytes, &options).unwrap();
    let signed = convert(&verified, &converter(), &opts().same_issuer(true)).unwrap();
    let issuer = json(&dir.join("issuer.json"));
    let other = &signed["issuer"]["otherIdentifier"][0];
    assert_eq!(other["identifier"], issuer["id"]);
    assert_eq!(other["identifierType"], "identifier");
    let report = verify(&serde_json::to_vec(&signed).unwrap(), &options).unwrap();
    assert!(report.is_valid(), "{report}");
    // Without it, no such claim.
    let signed = convert(&verified, &converter(), &opts()).unwrap();
    assert!(signed["issuer"].get("otherIdentifier").is_none());
}

#[test]
fn the_achievement_id_is_stable_per_badge_class() {
    let dir = python_case("hosted-valid");
    let options = map_options(&dir.join("urls.json"), python_now());
    let bytes = std::fs::read(dir.join("assertion.json")).unwrap();
    let verified = VerifiedAssertion::verify(&bytes, &options).unwrap();
    let a = to_credential(&verified, &converter(), &opts()).unwrap();
    let b = to_credential(&verified, &converter(), &opts()).unwrap();
    let id = |c: &openbadges::model::v3::AchievementCredential| {
        c.to_json_value().unwrap()["credentialSubject"]["achievement"]["id"].clone()
    };
    assert_eq!(id(&a), id(&b));
    assert!(id(&a).as_str().unwrap().starts_with("urn:uuid:"));
    let chosen = Iri::new("https://wallet.example/achievements/soldering").unwrap();
    let c = to_credential(
        &verified,
        &converter(),
        &opts().achievement_id(chosen.clone()),
    )
    .unwrap();
    assert_eq!(id(&c), chosen.as_str());
}

// ---- 1EdTech validator samples (../shared) ----

/// Serves what `url` serves also at the id it declares (when not served
/// already); returns the node the verifier reads: the one served at its
/// declared id (`src/verify/v2.rs`, `fetch_node`).
fn alias(m: &mut MapFetcher, url: &str) -> Option<Value> {
    let body = m.fetch(url, 1 << 20).ok()?.body;
    let node: Value = serde_json::from_slice(&body).ok()?;
    if let Some(id) = node.get("id").and_then(Value::as_str) {
        if id != url && id.starts_with("http") {
            if m.fetch(id, 1 << 20).is_err() {
                m.insert(id, Fetched::ok(body));
            }
            let again = m.fetch(id, 1 << 20).ok()?.body;
            return serde_json::from_slice(&again).ok();
        }
    }
    Some(node)
}

/// The sample's fetcher, and the badge class and issuer it serves.
fn sample_fetcher(
    base: &MapFetcher,
    bytes: &[u8],
    assertion: &Value,
) -> (MapFetcher, Value, Value) {
    let mut m = base.clone();
    if serde_json::from_slice::<Value>(bytes).is_ok() {
        if let Some(id) = assertion.get("id").and_then(Value::as_str) {
            if id.starts_with("http") && m.fetch(id, 1 << 20).is_err() {
                m.insert(id, Fetched::ok(bytes.to_vec()));
            }
        }
    }
    let badge = match &assertion["badge"] {
        Value::String(url) => alias(&mut m, url).unwrap_or(Value::Null),
        b => b.clone(),
    };
    let issuer = match &badge["issuer"] {
        Value::String(url) => alias(&mut m, url).unwrap_or(Value::Null),
        i => i.clone(),
    };
    (m, badge, issuer)
}

#[test]
fn every_valid_validator_sample_converts() {
    let Some(dir) = shared_dir::spec("conformance/1edtech-validator/ob20") else {
        return;
    };
    let base = asset_map(&dir.join("assets"));
    let now: chrono::DateTime<chrono::Utc> = "2026-11-23T00:00:00Z".parse().unwrap();
    let (mut converted, mut refused) = (Vec::new(), Vec::new());
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "jwt"))
        .collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let Some(assertion) = serde_json::from_slice::<Value>(&bytes).ok().or_else(|| {
            let text = std::str::from_utf8(&bytes).ok()?;
            (text.trim().split('.').count() == 3).then(|| jws_payload(text))
        }) else {
            continue; // not JSON (a broken sample): nothing to convert
        };
        let (fetcher, badge, issuer) = sample_fetcher(&base, &bytes, &assertion);
        let options = VerifyOptions::at(now).fetcher(Arc::new(fetcher));
        let Ok(verified) = VerifiedAssertion::verify(&bytes, &options) else {
            continue; // not an assertion (a badge class sample, …)
        };
        if verified.report().is_valid() {
            let signed = convert_and_verify(&bytes, &options, &name);
            assert_carried_over(&signed, &assertion, &badge, &issuer);
            converted.push(name);
        } else {
            assert!(
                matches!(
                    convert(&verified, &converter(), &opts()),
                    Err(ConvertError::NotValid { .. } | ConvertError::NotOb2 { .. })
                ),
                "{name}"
            );
            refused.push(name);
        }
    }
    // The 13 samples tests/verify_conformance_ob2.rs expects Valid, the two
    // signed ones (simple.jwt, simple-not-revoked.jwt) among them.
    println!("converted {converted:?}\nrefused {refused:?}");
    assert_eq!(converted.len(), 13, "{converted:?}");
    assert!(converted.iter().any(|n| n == "simple.jwt"), "{converted:?}");
    assert!(
        refused.iter().any(|n| n == "simple-revoked.jwt"),
        "{refused:?}"
    );
}
