#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Every OB 3.0 example and 1EdTech validator sample under `../shared/spec`
//! is read into the typed model by what it is, written back, and compared
//! with the original as JSON data.

use std::path::{Path, PathBuf};

mod shared_dir;

use openbadges::model::v3::{
    Achievement, AchievementCredential, AchievementSubject, Credential, EndorsementCredential,
    Profile,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn shared() -> Option<PathBuf> {
    shared_dir::spec("")
}

fn round_trip<T: DeserializeOwned + Serialize>(v: &Value) -> Result<(), String> {
    let typed: T = serde_json::from_value(v.clone()).map_err(|e| format!("parse: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("serialize: {e}"))?;
    if &back != v {
        return Err(format!("round trip differs:\n  in:  {v}\n  out: {back}"));
    }
    Ok(())
}

fn types_of(v: &Value) -> Vec<String> {
    match v.get("type") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        _ => vec![],
    }
}

/// What a document is, to pick the model type; `Err` says why it is skipped.
fn check(v: &Value) -> Result<Result<&'static str, String>, String> {
    let t = types_of(v);
    let has = |s: &str| t.iter().any(|x| x == s);
    if has("VerifiableCredential") && has("EndorsementCredential") {
        return Ok(round_trip::<EndorsementCredential>(v).map(|()| "EndorsementCredential"));
    }
    if has("VerifiableCredential") && (has("AchievementCredential") || has("OpenBadgeCredential")) {
        return Ok(round_trip::<AchievementCredential>(v).map(|()| "AchievementCredential"));
    }
    if has("VerifiableCredential") {
        // Another VC (e.g. a status list): the envelope with an untyped subject.
        return Ok(round_trip::<Credential<Value>>(v).map(|()| "Credential<Value>"));
    }
    // A standalone Achievement whose `type` is "" (a known error in the
    // implementation guide): recognized by its criteria.
    if has("Achievement") || (v.get("criteria").is_some() && v.get("credentialSubject").is_none()) {
        return Ok(round_trip::<Achievement>(v).map(|()| "Achievement"));
    }
    if has("Profile") {
        return Ok(round_trip::<Profile>(v).map(|()| "Profile"));
    }
    if t.is_empty() {
        if let Some(s) = v.get("credentialSubject") {
            if v.as_object().is_some_and(|o| o.len() == 1) {
                return Ok(
                    round_trip::<AchievementSubject>(s).map(|()| "AchievementSubject fragment")
                );
            }
        }
    }
    if v.get("alg").is_some() {
        return Err("JOSE header, not a model object".into());
    }
    if v.get("compactJwsStrings").is_some() {
        return Err("API response body holding only JWS strings".into());
    }
    if v.get("$schema").is_some() {
        return Err("a JSON Schema, not a model object".into());
    }
    if v.get("@context").is_some() && t.is_empty() {
        return Err("a JSON-LD context document, not a model object".into());
    }
    if has("BadgeClass") || has("Issuer") || has("Assertion") {
        return Err(format!("OB 2.0 object {t:?} (covered by the v2 model)"));
    }
    Err(format!("unrecognized document, type {t:?}"))
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            json_files(&p, out);
        } else {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".json") || name.ends_with(".json.txt") || name == "testlist" {
                out.push(p);
            }
        }
    }
}

#[test]
fn ob3_documents_round_trip() {
    let Some(spec) = shared() else { return };
    let mut files = Vec::new();
    json_files(&spec.join("examples/ob-v3p0"), &mut files);
    json_files(&spec.join("conformance/1edtech-validator/ob30"), &mut files);
    assert!(
        files.len() > 30,
        "expected the OB 3.0 samples, found {}",
        files.len()
    );

    let mut ok = 0usize;
    let mut invalid_json = 0usize;
    let mut skipped = Vec::new();
    let mut failures = Vec::new();
    let mut err_samples = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&spec).unwrap().display().to_string();
        let text = std::fs::read_to_string(f).unwrap();
        if rel.ends_with(".json.txt") {
            assert!(
                serde_json::from_str::<Value>(&text).is_err(),
                "{rel} is listed as invalid JSON but parsed"
            );
            invalid_json += 1;
            continue;
        }
        let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let is_err_sample = rel.contains("/simple-err-");
        match check(&v) {
            Err(why) => skipped.push(format!("{rel}: {why}")),
            Ok(Ok(kind)) => {
                ok += 1;
                if is_err_sample {
                    err_samples.push(format!("{rel}: parses as {kind}"));
                }
            }
            Ok(Err(e)) if is_err_sample => err_samples.push(format!("{rel}: refused: {e}")),
            Ok(Err(e)) => failures.push(format!("{rel}: {e}")),
        }
    }
    for s in &skipped {
        println!("skipped {s}");
    }
    for s in &err_samples {
        println!("validator error sample {s}");
    }
    println!(
        "OB 3.0: {ok} documents round-tripped, {invalid_json} known-invalid JSON refused, {} skipped",
        skipped.len()
    );
    assert!(
        failures.is_empty(),
        "round-trip failures:\n{}",
        failures.join("\n")
    );
    assert!(ok >= 55, "only {ok} OB 3.0 documents round-tripped");
    assert_eq!(invalid_json, 3);
}

/// The complete spec example lands in typed fields, not in `extra`.
#[test]
fn complete_example_is_typed() {
    use openbadges::model::v3::{AchievementType, ResultType};
    let Some(spec) = shared() else { return };
    let p = spec.join("examples/ob-v3p0/spec/complete-openbadgecredential.json");
    let bytes = std::fs::read(p).unwrap();
    let c = AchievementCredential::from_json_slice(&bytes, &Default::default()).unwrap();
    assert!(
        c.extra.is_empty(),
        "untyped top-level keys: {:?}",
        c.extra.keys()
    );
    assert!(c.is_achievement_credential());
    assert_eq!(c.issuer_id().as_str(), "https://1edtech.edu/issuers/565049");
    assert!(c.valid_from().is_some() && c.valid_until().is_some());
    let issuer = c.issuer_profile().unwrap();
    assert!(issuer.extra.is_empty(), "issuer: {:?}", issuer.extra.keys());
    let addr = issuer.address.as_ref().unwrap();
    assert!(addr.geo.is_some() && addr.extra.is_empty());
    assert!(issuer.parent_org.is_some());
    assert!(c.endorsement.as_ref().unwrap().len() == 1);
    assert!(!c.evidence.as_ref().unwrap().is_empty());
    assert!(
        c.credential_schema.is_some()
            && c.credential_status.is_some()
            && c.refresh_service.is_some()
    );

    let s = c.subject().unwrap();
    assert!(s.extra.is_empty(), "subject: {:?}", s.extra.keys());
    assert!(s.credits_earned.is_some() && s.source.is_some() && s.result.is_some());
    let id = s.identifier.as_ref().unwrap().first().unwrap();
    assert!(id.identity_type.is_known(), "{:?}", id.identity_type);
    assert!(!id.identity_hash.is_empty());
    let a = s.achievement().unwrap();
    assert!(a.extra.is_empty(), "achievement: {:?}", a.extra.keys());
    assert_eq!(a.achievement_type, Some(AchievementType::Degree));
    let rd = a.result_description.as_ref().unwrap();
    assert!(rd.iter().all(|r| r.extra.is_empty()));
    assert!(rd.iter().any(|r| r.result_type.is_known()));
    assert!(rd
        .iter()
        .all(|r| !matches!(r.result_type, ResultType::Other(_))));
    assert!(a
        .alignment
        .as_ref()
        .unwrap()
        .iter()
        .all(|al| al.extra.is_empty()));
}
