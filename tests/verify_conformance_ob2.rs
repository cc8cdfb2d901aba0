//! Every OB 2.0 sample of 1EdTech's validator (`../shared/spec/conformance/
//! 1edtech-validator/ob20/`, with its `assets/` and `rdf-validation/`) and
//! every OB 2.0 example of the specification (`../shared/spec/examples/
//! ob-v2p0/`) through `verify`, each with the verdict we expect, pinned to
//! the check that decides it.
//!
//! Where the expectations come from: for the validator's samples, its own
//! verdict (the `validator_verdict` column of
//! `fixtures/conformance/expected.tsv`, from 1EdTech's JUnit tests); where we
//! differ, [`EXPECTED`] gives the reason, and a listed divergence that no
//! longer diverges fails the test (as an unexpected pass does). For the
//! specification's examples there is no verdict to compare with: [`EXAMPLES`]
//! says, for each, what the example is and why that verdict follows.
//!
//! The validator's tests map `https://www.example.org/`, `https://example.org/`
//! and `http://example.org/` to `ob20/assets/`; so does [`asset_map`]. Two
//! things the validator's harness leaves out are added, both as a host
//! would have it: each hosted sample is served at its own `id` (the Java
//! validator never fetches a hosted assertion's id; we compare the hosted
//! copy with the one given), and a badge class or issuer profile whose
//! declared `id` differs from the URL it is served at is also served at
//! its declared id (the validator-core behaviour we follow refetches it
//! there; the five `issuer-with-allowed-origins*.json` all declare
//! `http://example.org/issuer-with-allowed-origins`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod validator_support;

use std::path::PathBuf;
use std::sync::Arc;

use openbadges::fetch::{Fetched, Fetcher, MapFetcher};
use openbadges::verify::{
    verify, CheckId, SeenFormat, Verdict, VerificationReport, VerifyError, VerifyOptions,
};
use serde_json::Value;
use validator_support::asset_map;

fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/spec/")).join(rel);
    if p.is_dir() {
        return Some(p);
    }
    if std::env::var("OPENBADGES_REQUIRE_SHARED").as_deref() == Ok("1") {
        panic!("../shared/spec/{rel} is absent and OPENBADGES_REQUIRE_SHARED=1");
    }
    println!("skipped: ../shared/spec/{rel} is absent");
    None
}

/// A fixed time, as for the OB 3.0 samples (`basic-assertion-in-future.json`
/// is issued in 2100).
fn options() -> VerifyOptions {
    VerifyOptions::at("2026-11-23T00:00:00Z".parse().unwrap())
}

/// What we expect for a sample.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Valid.
    Valid,
    /// Invalid, with this check the most specific failure.
    Invalid(CheckId),
    /// Indeterminate, with this required check not passed.
    Indeterminate(CheckId),
    /// `UnsupportedFormat` of this kind (not a credential we verify).
    Unsupported(SeenFormat),
}

/// (sample under `ob20/`, what we expect, why we differ from the validator: empty when we agree).
const EXPECTED: &[(&str, Want, &str)] = &[
    ("assertion-with-data-image.json", Want::Invalid(CheckId::Structure), ""),
    ("assertion-with-endorsements.json", Want::Valid, ""),
    ("assertion-with-extension-node-basic.json", Want::Valid, ""),
    (
        "assertion-with-extension-node-invalid.json",
        Want::Valid,
        "OB 2.0 extensions are not validated against their JSON schemas (the exampleExtension context and schema are bundled in the validator, not published in a registry package); the assertion itself verifies",
    ),
    ("assertion-with-multiple-extensions.json", Want::Valid, ""),
    ("basic-assertion-expired-before-issued.json", Want::Invalid(CheckId::Expired), ""),
    ("basic-assertion-expired.json", Want::Invalid(CheckId::Expired), ""),
    ("basic-assertion-in-future.json", Want::Invalid(CheckId::NotBefore), ""),
    ("basic-assertion-invalid-context.json", Want::Invalid(CheckId::ContextVersion), ""),
    ("basic-assertion-invalid-type.json", Want::Invalid(CheckId::Structure), ""),
    ("basic-assertion-no-public-key.json", Want::Valid, ""),
    (
        "basic-assertion-with-allowed-origins-invalid-multiple-starts-with.json",
        Want::Invalid(CheckId::KeyBinding),
        "",
    ),
    (
        "basic-assertion-with-allowed-origins-invalid-starts-with.json",
        Want::Invalid(CheckId::KeyBinding),
        "",
    ),
    ("basic-assertion-with-allowed-origins-valid-multiple-starts-with.json", Want::Valid, ""),
    ("basic-assertion-with-allowed-origins-valid-starts-with.json", Want::Valid, ""),
    ("basic-assertion-with-allowed-origins.json", Want::Valid, ""),
    ("basic-assertion-with-language.json", Want::Valid, ""),
    ("basic-assertion.json", Want::Valid, ""),
    ("badge-class-with-language.json", Want::Unsupported(SeenFormat::OpenBadges2), ""),
    (
        "issuer-compact-iri-validation.json",
        Want::Unsupported(SeenFormat::OpenBadges2),
        "an issuer profile, not a credential: verify takes assertions (the validator validates any OB 2.0 node); read profiles with model::v2::Document",
    ),
    (
        "assets/badge-with-data-image.json",
        Want::Unsupported(SeenFormat::OpenBadges2),
        "a badge class, not a credential (read with model::v2::Document)",
    ),
    (
        "assets/badgeclass-with-complex-image.json",
        Want::Unsupported(SeenFormat::OpenBadges2),
        "a badge class, not a credential (read with model::v2::Document)",
    ),
    (
        "assets/badgeclass1.json",
        Want::Unsupported(SeenFormat::JsonNotCredential),
        "a badge class with an inline @context, not a credential (read with model::v2::Document)",
    ),
    ("rdf-validation/badge-class-invalid-issuer-type.json", Want::Unsupported(SeenFormat::OpenBadges2), ""),
    ("rdf-validation/invalid-class.json", Want::Unsupported(SeenFormat::JsonNotCredential), ""),
    ("rdf-validation/invalid-empty-type.json", Want::Unsupported(SeenFormat::JsonNotCredential), ""),
    ("rdf-validation/invalid-one-invalid-class.json", Want::Unsupported(SeenFormat::JsonNotCredential), ""),
    (
        "rdf-validation/valid-alignment-object.json",
        Want::Unsupported(SeenFormat::JsonNotCredential),
        "a node-type test with an inline @context, not a credential",
    ),
    (
        "rdf-validation/valid-badge-class-empty-criteria-type.json",
        Want::Unsupported(SeenFormat::JsonNotCredential),
        "a node-type test with an inline @context, not a credential",
    ),
    (
        "rdf-validation/valid-badge-class.json",
        Want::Unsupported(SeenFormat::JsonNotCredential),
        "a node-type test with an inline @context, not a credential",
    ),
    (
        "rdf-validation/valid-cool-class.json",
        Want::Unsupported(SeenFormat::JsonNotCredential),
        "a node-type test with an inline @context, not a credential",
    ),
    (
        "rdf-validation/valid-issuer-extension.json",
        Want::Unsupported(SeenFormat::JsonNotCredential),
        "a node-type test with an inline @context, not a credential",
    ),
    ("redirected-validation-subject.json", Want::Invalid(CheckId::JsonWellFormed), ""),
    ("simple-not-revoked.jwt", Want::Valid, ""),
    ("simple-revoked.jwt", Want::Invalid(CheckId::Status), ""),
    ("simple.jwt", Want::Valid, ""),
    (
        "warning-issuer-non-http.json",
        Want::Invalid(CheckId::KeyBinding),
        "deliberately stricter: the issuer profile declares a urn:uuid id, so the issuer has no origin the hosting could be bound to (the validator warns and passes); hosting on example.org then proves nothing about that issuer",
    ),
    ("warning-with-redirection.json", Want::Valid, ""),
];

/// The specification's examples: (file under `examples/ob-v2p0/`, what we
/// expect, what the example is and why). Offline, nothing served.
const EXAMPLES: &[(&str, Want, &str)] = &[
    ("examples/assertion-embedded-badgeclass-and-issuer.json.txt", Want::Invalid(CheckId::JsonWellFormed), "an excerpt with a trailing comma: not JSON"),
    ("examples/assertion-hosted.json", Want::Invalid(CheckId::Expired), "a hosted assertion that expired on 2017-06-30 (its host is not served offline either)"),
    ("examples/badgeclass-version-control.json", Want::Unsupported(SeenFormat::OpenBadges2), "a BadgeClass fragment without type"),
    ("examples/badgeclass-with-alignment.json.txt", Want::Invalid(CheckId::JsonWellFormed), "an excerpt with a raw control character: not JSON"),
    ("examples/criteria-as-uri.json", Want::Unsupported(SeenFormat::OpenBadges2), "a BadgeClass fragment without type"),
    ("examples/criteria-object-with-id.json.txt", Want::Invalid(CheckId::JsonWellFormed), "an excerpt: not JSON"),
    ("examples/cryptographickey.json", Want::Unsupported(SeenFormat::OpenBadges2), "a CryptographicKey"),
    ("examples/endorsement-of-assertion.json", Want::Unsupported(SeenFormat::OpenBadges2), "an Endorsement"),
    ("examples/endorsement-of-badgeclass.json", Want::Unsupported(SeenFormat::OpenBadges2), "an Endorsement"),
    ("examples/endorsement-of-issuer-abbreviated.json.txt", Want::Invalid(CheckId::JsonWellFormed), "an abbreviated excerpt: not JSON"),
    ("examples/endorsement-of-issuer.json", Want::Unsupported(SeenFormat::OpenBadges2), "an Endorsement"),
    ("examples/evidence-as-uri.json", Want::Unsupported(SeenFormat::OpenBadges2), "an assertion fragment with only evidence"),
    ("examples/evidence-multiple-narrative.json.txt", Want::Invalid(CheckId::JsonWellFormed), "an excerpt: not JSON"),
    ("examples/evidence-multiple.json.txt", Want::Invalid(CheckId::JsonWellFormed), "an excerpt: not JSON"),
    ("examples/evidence-object.json", Want::Unsupported(SeenFormat::OpenBadges2), "an assertion fragment with only evidence"),
    ("examples/i18n-badgeclass-en.json", Want::Unsupported(SeenFormat::OpenBadges2), "a BadgeClass fragment without type"),
    ("examples/i18n-badgeclass-es.json", Want::Unsupported(SeenFormat::OpenBadges2), "a BadgeClass fragment without type"),
    ("examples/image-as-uri.json", Want::Unsupported(SeenFormat::OpenBadges2), "a BadgeClass fragment without type"),
    ("examples/image-object.json", Want::Unsupported(SeenFormat::OpenBadges2), "a BadgeClass fragment without type"),
    ("examples/issuer-profile.json", Want::Unsupported(SeenFormat::OpenBadges2), "an Issuer profile"),
    ("examples/revocationlist.json", Want::Unsupported(SeenFormat::OpenBadges2), "a RevocationList"),
    ("examples/revoked-hosted-assertion-410-body.json", Want::Invalid(CheckId::Structure), "the body a host serves with 410 for a revoked assertion: an assertion without its required properties"),
    ("examples/signed-assertion-payload.json", Want::Invalid(CheckId::Proof), "the payload of a signed assertion, given without its JWS: no signature"),
    ("examples/signed-assertion.jws", Want::Indeterminate(CheckId::Proof), "a signed assertion whose key https://example.org/publicKey is not served (the example's PEM is elided, MIIBG0BA...OClDQAB)"),
    ("examples/signed-jws-header.json", Want::Unsupported(SeenFormat::JsonNotCredential), "a JOSE header"),
    ("extensions/accessibility.json", Want::Unsupported(SeenFormat::JsonNotCredential), "an extension object with an inline @context"),
    ("extensions/apply-link.json", Want::Unsupported(SeenFormat::JsonNotCredential), "an extension object with an inline @context"),
    ("extensions/example-extension.json", Want::Unsupported(SeenFormat::JsonNotCredential), "an extension object with an inline @context"),
    ("extensions/license-cc.json", Want::Unsupported(SeenFormat::OpenBadges2), "a BadgeClass with the license extension"),
    ("extensions/original-creator.json", Want::Unsupported(SeenFormat::JsonNotCredential), "an extension object with an inline @context"),
    ("spec/endorsement.json", Want::Unsupported(SeenFormat::OpenBadges2), "an Endorsement"),
    ("spec/intro-assertion-embedded-badgeclass-issuer.json", Want::Invalid(CheckId::Structure), "a hosted assertion with its badge class and issuer embedded whose recipient has no `hashed`, which the specification's IdentityObject table requires (validator-core requires it too); offline neither its host nor the issuer's own profile is served either"),
];

/// Serves what `url` serves also at the id it declares, when that differs
/// and is not served already; returns the node.
fn alias(m: &mut MapFetcher, url: &str) -> Option<Value> {
    let body = m.fetch(url, 1 << 20).ok()?.body;
    let node: Value = serde_json::from_slice(&body).ok()?;
    if let Some(id) = node.get("id").and_then(Value::as_str) {
        if id != url && id.starts_with("http") && m.fetch(id, 1 << 20).is_err() {
            m.insert(id, Fetched::ok(body));
        }
    }
    Some(node)
}

/// The fetcher for one sample (see the module docs).
fn fetcher_for(base: &MapFetcher, bytes: &[u8]) -> MapFetcher {
    let mut m = base.clone();
    let text = String::from_utf8_lossy(bytes);
    let payload: Option<Value> = serde_json::from_slice(bytes).ok().or_else(|| {
        use base64::Engine as _;
        let part = text.trim().split('.').nth(1)?;
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .ok()?;
        serde_json::from_slice(&raw).ok()
    });
    let Some(assertion) = payload else { return m };
    let hosted = serde_json::from_slice::<Value>(bytes).is_ok();
    if let (true, Some(id)) = (hosted, assertion.get("id").and_then(Value::as_str)) {
        if id.starts_with("http") && m.fetch(id, 1 << 20).is_err() {
            m.insert(id, Fetched::ok(bytes.to_vec()));
        }
    }
    if let Some(badge) = assertion.get("badge").and_then(Value::as_str) {
        if let Some(b) = alias(&mut m, badge) {
            if let Some(issuer) = b.get("issuer").and_then(Value::as_str) {
                alias(&mut m, issuer);
            }
        }
    }
    m
}

fn outcome(result: &Result<VerificationReport, VerifyError>) -> Want {
    match result {
        Err(VerifyError::UnsupportedFormat { found, .. }) => Want::Unsupported(*found),
        Err(e) => panic!("unexpected error {e}"),
        Ok(r) => match r.verdict() {
            Verdict::Valid => Want::Valid,
            Verdict::Invalid => Want::Invalid(r.most_specific().unwrap().id),
            Verdict::Indeterminate => Want::Indeterminate(r.unverified_required()[0]),
        },
    }
}

fn show(result: &Result<VerificationReport, VerifyError>) -> String {
    match result {
        Ok(r) => r.to_string(),
        Err(e) => e.to_string(),
    }
}

fn validator_verdicts() -> Vec<(String, String, String)> {
    let tsv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/conformance/expected.tsv"
    ))
    .unwrap();
    tsv.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0].to_owned(), c[1].to_owned(), c[2].to_owned())
        })
        .filter(|(p, _, _)| p.starts_with("ob20/"))
        .collect()
}

#[test]
fn ob20_samples_get_the_expected_verdicts() {
    let Some(root) = shared("conformance/1edtech-validator/ob20") else {
        return;
    };
    let base = asset_map(&root.join("assets"));
    let rows = validator_verdicts();
    let mut problems = Vec::new();
    let (mut verified, mut skipped) = (0, 0);
    for (path, format, validator) in &rows {
        let rel = path.strip_prefix("ob20/").unwrap();
        let listed = EXPECTED.iter().find(|(p, _, _)| *p == rel);
        if format == "ob20-png" {
            // A baked hosted assertion (its JSON, or its URL); with the asset
            // map the assertion, badge class and issuer are served.
            let png = std::fs::read(root.join(rel)).unwrap();
            let baked = openbadges::bake::extract(&png, &openbadges::limits::Limits::DEFAULT)
                .unwrap()
                .unwrap();
            let assertion = match baked.content() {
                openbadges::bake::Content::Url(url) => base.fetch(url, 1 << 20).unwrap().body,
                other => other.as_str().as_bytes().to_vec(),
            };
            let opts = options().fetcher(Arc::new(fetcher_for(&base, &assertion)));
            let r = verify(&png, &opts);
            let ours = outcome(&r);
            println!("{rel:<75} validator={validator:<10} ours={ours:?}");
            let report = r.as_ref().unwrap();
            assert!(
                report
                    .check(CheckId::Baking)
                    .is_some_and(|c| c.outcome.is_passed()),
                "{path}: {}",
                show(&r)
            );
            if validator == "valid" && ours != Want::Valid {
                problems.push(format!(
                    "{path}: the validator says valid, ours is {ours:?}\n{}",
                    show(&r)
                ));
            }
            skipped += 1;
            continue;
        }
        let Some((_, want, why)) = listed else {
            assert!(
                format == "asset" && validator == "not-tested",
                "{path} ({format}, validator {validator}) has no expectation"
            );
            continue;
        };
        let bytes = std::fs::read(root.join(rel)).unwrap();
        let opts = options().fetcher(Arc::new(fetcher_for(&base, &bytes)));
        let result = verify(&bytes, &opts);
        verified += 1;
        let ours = outcome(&result);
        println!("{rel:<75} validator={validator:<10} ours={ours:?}");
        if ours != *want {
            problems.push(format!(
                "{path}: expected {want:?}, got {ours:?}\n{}",
                show(&result)
            ));
        }
        let validator_valid = match validator.as_str() {
            "valid" | "warning" => Some(true),
            "invalid" => Some(false),
            _ => None,
        };
        if let Some(v) = validator_valid {
            let agree = v == (ours == Want::Valid);
            match (agree, why.is_empty()) {
                (false, true) => problems.push(format!(
                    "{path}: the validator says {validator}, ours is {ours:?}, and no divergence is listed"
                )),
                (true, false) => problems.push(format!(
                    "{path}: listed as a divergence ({why}) but we agree with the validator"
                )),
                _ => {}
            }
        } else if !why.is_empty() {
            problems.push(format!(
                "{path}: not tested by the validator, no divergence possible"
            ));
        }
    }
    for (p, _, _) in EXPECTED {
        assert!(
            rows.iter()
                .any(|(r, _, _)| r.strip_prefix("ob20/") == Some(*p)),
            "expectation for unknown sample {p}"
        );
    }
    println!("verified {verified}, skipped {skipped}");
    assert_eq!(verified, EXPECTED.len());
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn spec_examples_get_the_expected_verdicts() {
    let Some(root) = shared("examples/ob-v2p0") else {
        return;
    };
    let mut problems = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (file, want, why) in EXAMPLES {
        seen.insert(*file);
        let bytes = std::fs::read(root.join(file)).unwrap();
        let result = verify(&bytes, &options());
        let ours = outcome(&result);
        println!("{file:<65} ours={ours:?} ({why})");
        if ours != *want {
            problems.push(format!(
                "{file}: expected {want:?}, got {ours:?}\n{}",
                show(&result)
            ));
        }
    }
    // Every example has an expectation.
    for dir in ["examples", "spec", "extensions"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let name = format!("{dir}/{}", e.unwrap().file_name().into_string().unwrap());
            assert!(seen.contains(name.as_str()), "{name} has no expectation");
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// The signed samples' keys and lists, checked piece by piece: the
/// revoked sample is revoked by its list (an array of three entries), and
/// the same list compacted to a single object (the form validator-core
/// reads wrong) still revokes it.
#[test]
fn one_entry_revocation_list_revokes() {
    let Some(root) = shared("conformance/1edtech-validator/ob20") else {
        return;
    };
    let mut base = asset_map(&root.join("assets"));
    let token = std::fs::read(root.join("simple-revoked.jwt")).unwrap();
    let one = serde_json::json!({
        "@context": "https://w3id.org/openbadges/v2",
        "id": "http://example.org/revocation-list.json",
        "type": "RevocationList",
        "revokedAssertions": {
            "id": "https://example.org/beths-robotics-badge-revoked.json",
            "revocationReason": "one entry, compacted to an object"
        }
    });
    base.insert_json("http://example.org/revocation-list.json", &one)
        .unwrap();
    let r = verify(&token, &options().fetcher(Arc::new(base))).unwrap();
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    assert_eq!(r.most_specific().unwrap().id, CheckId::Status, "{r}");
    assert!(
        matches!(
            r.check(CheckId::Status).unwrap().evidence(),
            Some(openbadges::verify::Evidence::RevokedInList { id: Some(_), .. })
        ),
        "{r}"
    );
}
