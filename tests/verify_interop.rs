//! Every file of `fixtures/interop/manifest.json` (signed by Digital Bazaar's
//! stack) through `verify`: valid or invalid as the manifest says, with the
//! known divergences listed explicitly.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

use openbadges::verify::{verify, CheckId, Outcome, VerifyOptions};
use serde_json::Value;

fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/interop"))
}

/// Cases where our verdict differs from the manifest's, with the reason
/// (none today besides the manifest's own `knownDivergence`).
/// Each must fail exactly on the proof (the canonical form differs, so the
/// signature does not match); one that starts verifying fails this test so
/// the table is kept honest.
const DIVERGENCES: &[(&str, &str)] = &[];

#[test]
fn interop_manifest_verdicts() {
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(dir().join("manifest.json")).unwrap()).unwrap();
    // Proofs were created 2026-01-01/02; nothing expires before 2099.
    let opts = VerifyOptions::at("2026-06-01T00:00:00Z".parse().unwrap());
    let known: Vec<(String, String)> = manifest["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| {
            let why = c.get("knownDivergence")?.as_str()?;
            Some((c["name"].as_str()?.to_owned(), why.to_owned()))
        })
        .collect();
    assert!(!known.is_empty(), "the manifest names a known divergence");

    let mut checked = 0;
    let mut problems = Vec::new();
    for e in manifest["expectations"].as_array().unwrap() {
        let file = e["file"].as_str().unwrap();
        let case = e["case"].as_str().unwrap();
        let expected_valid = e["expected"].as_str().unwrap() == "valid";
        let bytes = std::fs::read(dir().join(file)).unwrap();
        let r = verify(&bytes, &opts).unwrap();
        checked += 1;

        let divergence = DIVERGENCES
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, why)| (*why).to_owned())
            .or_else(|| {
                known
                    .iter()
                    .find(|(name, _)| name == case && file.ends_with(".signed.json"))
                    .map(|(_, why)| format!("manifest knownDivergence: {why}"))
            });
        if let Some(why) = divergence {
            assert!(
                expected_valid,
                "{file}: divergences are all valid-by-DB files"
            );
            let head = r.most_specific().map(|c| c.id);
            if r.is_valid() || head != Some(CheckId::Proof) {
                problems.push(format!(
                    "{file}: listed as a divergence ({why}) but now {}; update DIVERGENCES\n{r}",
                    if r.is_valid() {
                        "valid"
                    } else {
                        "fails elsewhere"
                    }
                ));
            } else {
                println!("diverges as documented: {file}: {why}");
            }
            continue;
        }
        if r.is_valid() != expected_valid {
            problems.push(format!(
                "{file}: expected {}, got\n{r}",
                e["expected"].as_str().unwrap()
            ));
            continue;
        }
        if !expected_valid {
            // Every invalid interop file is tampered: the proof is the news.
            let head = r.most_specific().unwrap();
            if head.id != CheckId::Proof {
                problems.push(format!("{file}: headline should be the proof\n{r}"));
            }
            if let Outcome::Failed { reason, .. } = &head.outcome {
                println!("invalid as expected: {file}: {reason}");
            }
        } else {
            // did:key issuer == verification method: binding passes.
            assert!(
                r.check(CheckId::KeyBinding).unwrap().outcome.is_passed(),
                "{file}: {r}"
            );
        }
    }
    assert_eq!(checked, manifest["expectations"].as_array().unwrap().len());
    assert!(checked >= 37, "only {checked} files");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn proof_set_with_a_forged_second_proof_is_invalid() {
    // The DB library says verified (any proof); we fail it: a proof checked
    // and found wrong is news, even when another proof verifies.
    let bytes =
        std::fs::read(dir().join("cases/proof-set.tampered-proofValue-second.json")).unwrap();
    let r = verify(
        &bytes,
        &VerifyOptions::at("2026-06-01T00:00:00Z".parse().unwrap()),
    )
    .unwrap();
    let p = r.check(CheckId::Proof).unwrap();
    assert!(p.outcome.is_failed(), "{r}");
    assert_eq!(p.children.len(), 2);
    assert!(p.children[0].outcome.is_passed());
    assert!(p.children[1].outcome.is_failed());
}
