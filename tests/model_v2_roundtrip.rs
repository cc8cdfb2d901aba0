#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Every OB 2.0 example of the spec and every OB 2.0 JSON sample of the
//! 1EdTech validator is read into its class and written back unchanged (as
//! JSON data). Known-broken inputs are listed with the outcome expected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod shared_dir;

use openbadges::model::v2 as ob2;
use openbadges::model::v2::{
    context_has_ob_v2, Assertion, BadgeClass, Class, Criteria, Document, Node, Profile,
};
use serde_json::Value;

/// What a file is expected to be read as.
#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Dispatched on its `type` by [`Document::from_value`] to this class.
    Typed(Class),
    /// Dispatched on its `type` to [`Document::Other`] (no OB document class).
    OtherNode,
    /// A fragment without `type`, read as this class.
    Fragment(Class),
    /// Not JSON at all.
    NotJson,
    /// JSON, but refused by the model, with a text the error must contain.
    Refused(&'static str),
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn roundtrip_as<T>(v: &Value) -> Result<Value, String>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let t: T = serde_json::from_value(v.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&t).map_err(|e| e.to_string())
}

/// Reads `bytes` as `expect` says and checks the write-back; returns an
/// error text for an unexpected outcome.
fn check(name: &str, bytes: &[u8], expect: Expect) -> Result<(), String> {
    let parsed: Result<Value, _> = serde_json::from_slice(bytes);
    let value = match (parsed, expect) {
        (Err(_), Expect::NotJson) => return Ok(()),
        (Ok(_), Expect::NotJson) => return Err(format!("{name}: expected invalid JSON, parsed")),
        (Err(e), _) => return Err(format!("{name}: not JSON: {e}")),
        (Ok(v), _) => v,
    };
    let back = match expect {
        Expect::NotJson => unreachable!(),
        Expect::Refused(why) => {
            return match Document::from_value(value) {
                Err(e) if e.to_string().contains(why) => {
                    println!("  refused as expected: {name}: {e}");
                    Ok(())
                }
                Err(e) => Err(format!("{name}: refused, but not for {why:?}: {e}")),
                Ok(d) => Err(format!(
                    "{name}: expected refusal ({why}), read as {:?}",
                    d.class()
                )),
            };
        }
        Expect::Typed(class) => {
            let doc = Document::from_value(value.clone()).map_err(|e| format!("{name}: {e}"))?;
            if doc.class() != Some(class) {
                return Err(format!(
                    "{name}: read as {:?}, expected {class:?}",
                    doc.class()
                ));
            }
            serde_json::to_value(&doc).unwrap()
        }
        Expect::OtherNode => {
            let doc = Document::from_value(value.clone()).map_err(|e| format!("{name}: {e}"))?;
            if !matches!(doc, Document::Other(_)) {
                return Err(format!("{name}: read as {:?}, expected Other", doc.class()));
            }
            serde_json::to_value(&doc).unwrap()
        }
        Expect::Fragment(class) => {
            let r = match class {
                Class::Assertion => roundtrip_as::<Assertion>(&value),
                Class::BadgeClass => roundtrip_as::<BadgeClass>(&value),
                Class::Profile => roundtrip_as::<Profile>(&value),
                Class::Criteria => roundtrip_as::<Criteria>(&value),
                _ => roundtrip_as::<Node>(&value),
            };
            r.map_err(|e| format!("{name}: as {class:?}: {e}"))?
        }
    };
    if back != value {
        return Err(format!(
            "{name}: written back differently:\n  read:  {value}\n  wrote: {back}"
        ));
    }
    Ok(())
}

fn run(root: &Path, table: &[(&str, Expect)], skip_ext: &[&str]) -> (usize, usize, Vec<String>) {
    let mut files = Vec::new();
    walk(root, &mut files);
    let mut expected: BTreeMap<&str, Expect> = table.iter().copied().collect();
    let (mut checked, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(root).unwrap().to_str().unwrap().to_owned();
        if skip_ext.iter().any(|e| rel.ends_with(e)) {
            skipped += 1;
            continue;
        }
        let Some(expect) = expected.remove(rel.as_str()) else {
            failures.push(format!("{rel}: not in the test's table (new file?)"));
            continue;
        };
        checked += 1;
        if let Err(e) = check(&rel, &std::fs::read(f).unwrap(), expect) {
            failures.push(e);
        }
    }
    for missing in expected.keys() {
        failures.push(format!("{missing}: in the table but not on disk"));
    }
    (checked, skipped, failures)
}

#[test]
fn spec_examples_roundtrip() {
    use Class::*;
    use Expect::*;
    let Some(root) = shared_dir::spec("examples/ob-v2p0") else {
        return;
    };
    let table: &[(&str, Expect)] = &[
        (
            "spec/intro-assertion-embedded-badgeclass-issuer.json",
            Typed(Assertion),
        ),
        ("spec/endorsement.json", Typed(Endorsement)),
        ("examples/assertion-hosted.json", Typed(Assertion)),
        ("examples/issuer-profile.json", Typed(Profile)),
        ("examples/signed-jws-header.json", OtherNode),
        ("examples/signed-assertion-payload.json", Typed(Assertion)),
        ("examples/cryptographickey.json", Typed(CryptographicKey)),
        ("examples/revocationlist.json", Typed(RevocationList)),
        (
            "examples/revoked-hosted-assertion-410-body.json",
            Fragment(Assertion),
        ),
        ("examples/criteria-as-uri.json", Fragment(BadgeClass)),
        ("examples/evidence-as-uri.json", Fragment(Assertion)),
        ("examples/evidence-object.json", Fragment(Assertion)),
        ("examples/image-as-uri.json", Fragment(Assertion)),
        ("examples/image-object.json", Fragment(BadgeClass)),
        (
            "examples/badgeclass-version-control.json",
            Fragment(BadgeClass),
        ),
        ("examples/i18n-badgeclass-en.json", Fragment(BadgeClass)),
        ("examples/i18n-badgeclass-es.json", Fragment(BadgeClass)),
        (
            "examples/endorsement-of-badgeclass.json",
            Typed(Endorsement),
        ),
        ("examples/endorsement-of-assertion.json", Typed(Endorsement)),
        ("examples/endorsement-of-issuer.json", Typed(Endorsement)),
        ("extensions/example-extension.json", Fragment(BadgeClass)),
        ("extensions/apply-link.json", Fragment(BadgeClass)),
        ("extensions/accessibility.json", Fragment(BadgeClass)),
        ("extensions/license-cc.json", Typed(BadgeClass)),
        ("extensions/original-creator.json", Fragment(BadgeClass)),
        // Published blocks that are not valid JSON (see INDEX.tsv).
        ("examples/badgeclass-with-alignment.json.txt", NotJson),
        (
            "examples/assertion-embedded-badgeclass-and-issuer.json.txt",
            NotJson,
        ),
        ("examples/criteria-object-with-id.json.txt", NotJson),
        ("examples/evidence-multiple.json.txt", NotJson),
        ("examples/evidence-multiple-narrative.json.txt", NotJson),
        (
            "examples/endorsement-of-issuer-abbreviated.json.txt",
            NotJson,
        ),
    ];
    let (checked, skipped, failures) = run(&root, table, &[".jws"]);
    println!("OB 2.0 spec examples: {checked} checked, {skipped} skipped (.jws)");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(checked, table.len());
}

#[test]
fn validator_samples_roundtrip() {
    use Class::*;
    use Expect::*;
    let Some(root) = shared_dir::spec("conformance/1edtech-validator/ob20") else {
        return;
    };
    let table: &[(&str, Expect)] = &[
        ("assertion-with-data-image.json", Typed(Assertion)),
        ("assertion-with-endorsements.json", Typed(Assertion)),
        ("assertion-with-extension-node-basic.json", Typed(Assertion)),
        // Broken for the validator (extension `type` and value types); the
        // extension stays in `extra`, so the model reads it.
        (
            "assertion-with-extension-node-invalid.json",
            Typed(Assertion),
        ),
        ("assertion-with-multiple-extensions.json", Typed(Assertion)),
        ("badge-class-with-language.json", Typed(BadgeClass)),
        (
            "basic-assertion-expired-before-issued.json",
            Typed(Assertion),
        ),
        ("basic-assertion-expired.json", Typed(Assertion)),
        ("basic-assertion-in-future.json", Typed(Assertion)),
        // Wrong @context IRI: still an IRI, so it reads (checked below).
        ("basic-assertion-invalid-context.json", Typed(Assertion)),
        (
            "basic-assertion-invalid-type.json",
            Refused("\"OtherAssertion\": not a class term of the OB 2.0 context"),
        ),
        ("basic-assertion-no-public-key.json", Typed(Assertion)),
        // The broken `startsWith` is in the issuer (an asset); the assertion reads.
        (
            "basic-assertion-with-allowed-origins-invalid-multiple-starts-with.json",
            Typed(Assertion),
        ),
        (
            "basic-assertion-with-allowed-origins-invalid-starts-with.json",
            Typed(Assertion),
        ),
        (
            "basic-assertion-with-allowed-origins-valid-multiple-starts-with.json",
            Typed(Assertion),
        ),
        (
            "basic-assertion-with-allowed-origins-valid-starts-with.json",
            Typed(Assertion),
        ),
        (
            "basic-assertion-with-allowed-origins.json",
            Typed(Assertion),
        ),
        ("basic-assertion-with-language.json", Typed(Assertion)),
        ("basic-assertion.json", Typed(Assertion)),
        ("issuer-compact-iri-validation.json", Typed(Profile)),
        // JSON with `//` comments.
        ("redirected-validation-subject.json", NotJson),
        ("warning-issuer-non-http.json", Typed(Assertion)),
        ("warning-with-redirection.json", Typed(Assertion)),
        ("assets/altbadgeurl.json", Typed(BadgeClass)),
        // "Bad" for the validator because its id is a urn:uuid, not HTTP: a valid IRI.
        ("assets/bad-issuer.json", Typed(Profile)),
        (
            "assets/badge-from-organization-with-empty-revocation-list.json",
            Typed(BadgeClass),
        ),
        (
            "assets/badge-from-organization-with-revocation-list.json",
            Typed(BadgeClass),
        ),
        // Points at bad-issuer.json; itself well-formed.
        ("assets/badge-with-bad-issuer.json", Typed(BadgeClass)),
        ("assets/badge-with-data-image.json", Typed(BadgeClass)),
        (
            "assets/badgeclass-with-complex-image.json",
            Typed(BadgeClass),
        ),
        (
            "assets/badgeclass-with-endorsements.json",
            Typed(BadgeClass),
        ),
        ("assets/badgeclass-with-language.json", Typed(BadgeClass)),
        (
            "assets/badgeclass-with-verification-invalid-multiple-starts-with.json",
            Typed(BadgeClass),
        ),
        (
            "assets/badgeclass-with-verification-invalid-starts-with.json",
            Typed(BadgeClass),
        ),
        (
            "assets/badgeclass-with-verification-valid-multiple-starts-with.json",
            Typed(BadgeClass),
        ),
        (
            "assets/badgeclass-with-verification-valid-starts-with.json",
            Typed(BadgeClass),
        ),
        (
            "assets/badgeclass-with-verification.json",
            Typed(BadgeClass),
        ),
        ("assets/badgeclass1.json", Typed(BadgeClass)),
        ("assets/badgecriteria.json", Fragment(Criteria)),
        ("assets/basic-badge-no-public-key.json", Typed(BadgeClass)),
        ("assets/criteria-no-type.json", Fragment(Criteria)),
        ("assets/empty-revocation-list.json", Typed(RevocationList)),
        ("assets/endorsement-1.json", Typed(Endorsement)),
        ("assets/endorsement-2.json", Typed(Endorsement)),
        ("assets/endorsement-3.json", Typed(Endorsement)),
        ("assets/endorsement-4.json", Typed(Endorsement)),
        // Meant as an issuer but typed `Criteria`: reads as Criteria (Profile refused below).
        ("assets/issuer-invalid-type.json", Typed(Criteria)),
        // `startsWith` prefixes that do not match: a verifier's check, not a shape error.
        (
            "assets/issuer-with-allowed-origins-invalid-multiple-starts-with.json",
            Typed(Profile),
        ),
        (
            "assets/issuer-with-allowed-origins-invalid-starts-with.json",
            Typed(Profile),
        ),
        (
            "assets/issuer-with-allowed-origins-valid-multiple-starts-with.json",
            Typed(Profile),
        ),
        (
            "assets/issuer-with-allowed-origins-valid-starts-with.json",
            Typed(Profile),
        ),
        ("assets/issuer-with-allowed-origins.json", Typed(Profile)),
        ("assets/issuer1.json", Typed(Profile)),
        ("assets/key1.json", Typed(CryptographicKey)),
        ("assets/key2.json", Typed(CryptographicKey)),
        ("assets/key3.json", Typed(CryptographicKey)),
        // A URL line, then the context document.
        ("assets/openbadges_context.json", NotJson),
        ("assets/organization-no-public-key.json", Typed(Profile)),
        (
            "assets/organization-with-empty-revocation-list.json",
            Typed(Profile),
        ),
        (
            "assets/organization-with-revocation-list.json",
            Typed(Profile),
        ),
        ("assets/organization.json", Typed(Profile)),
        ("assets/revocation-list.json", Typed(RevocationList)),
        ("assets/robotics-badge.json", Typed(BadgeClass)),
        // Its issuer (an asset) has the wrong type; the badge class itself reads.
        (
            "rdf-validation/badge-class-invalid-issuer-type.json",
            Typed(BadgeClass),
        ),
        (
            "rdf-validation/invalid-class.json",
            Refused("\"NotAKnownClass\": not a class term of the OB 2.0 context"),
        ),
        (
            "rdf-validation/invalid-empty-type.json",
            Refused("an empty `type` array names no class"),
        ),
        (
            "rdf-validation/invalid-one-invalid-class.json",
            Refused("\"UNKNOWN\": not a class term of the OB 2.0 context"),
        ),
        (
            "rdf-validation/valid-alignment-object.json",
            Typed(AlignmentObject),
        ),
        (
            "rdf-validation/valid-badge-class-empty-criteria-type.json",
            Typed(BadgeClass),
        ),
        ("rdf-validation/valid-badge-class.json", Typed(BadgeClass)),
        ("rdf-validation/valid-cool-class.json", OtherNode),
        ("rdf-validation/valid-issuer-extension.json", Typed(Profile)),
    ];
    let (checked, skipped, failures) = run(&root, table, &[".png", ".jwt", ".html"]);
    println!(
        "1EdTech validator OB 2.0 samples: {checked} checked, {skipped} skipped (png/jwt/html)"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(checked, table.len());

    let read = |rel: &str| -> Value {
        serde_json::from_slice(&std::fs::read(root.join(rel)).unwrap()).unwrap()
    };
    // Typed as Criteria: refused when read as a Profile.
    let err = serde_json::from_value::<ob2::Profile>(read("assets/issuer-invalid-type.json"));
    assert!(err.unwrap_err().to_string().contains("Profile or Issuer"));
    // The wrong context is visible to a verifier.
    let a: ob2::Assertion =
        serde_json::from_value(read("basic-assertion-invalid-context.json")).unwrap();
    assert!(!context_has_ob_v2(a.context.as_ref().unwrap()));
    let a: ob2::Assertion = serde_json::from_value(read("basic-assertion.json")).unwrap();
    assert!(context_has_ob_v2(a.context.as_ref().unwrap()));
    a.check_required().unwrap();
}
