//! Every OB 3.0 sample of 1EdTech's validator (`../shared/spec/conformance/
//! 1edtech-validator/ob30/`) through `verify`, offline, compared with the
//! `offline-strict=` expectation of `fixtures/conformance/expected.tsv`, and
//! with the validator's own verdict through an explicit table of divergences.
//! PNG, SVG and JWT samples are later issues: they must be refused as "not
//! yet supported" and are listed as skipped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

mod shared_dir;

use openbadges::fetch::{Fetched, MapFetcher};
use openbadges::verify::{verify, CheckId, Verdict, VerificationReport, VerifyOptions};

fn samples() -> Option<PathBuf> {
    shared_dir::spec("conformance/1edtech-validator")
}

/// A fixed time so the verdicts do not rot (several samples expire in 2030,
/// one becomes valid in 2040).
fn options() -> VerifyOptions {
    VerifyOptions::at("2026-11-23T00:00:00Z".parse().unwrap())
}

/// The library's verdict (the verdict logic lives there, not here).
fn verdict(r: &VerificationReport) -> Verdict {
    r.verdict()
}

/// Where we deliberately differ from the validator's verdict (valid or
/// warning there, not valid here), with the reason.
const DIVERGENCES: &[(&str, &str)] = &[
    ("ob30/simple.json", "deliberately stricter about key binding: the key is taken from the https://…#z6Mk fragment; offline the issuer's controller document cannot be read, so key-binding is skipped"),
    ("ob30/simple.1ob", "same bytes as simple.json: key not bound offline"),
    ("ob30/simple-context-alias.json", "key not bound offline (https fragment key)"),
    ("ob30/simple-context-version.json", "key not bound offline (https fragment key); the 3.0.2 context itself is accepted"),
    ("ob30/simple_v1.json", "key not bound offline (https fragment key); VC 1.1 + Ed25519Signature2020 themselves verify"),
    ("ob30/endorsement-valid.json", "key not bound offline (https fragment key)"),
    ("ob30/simple-eddsa-2022.json", "pre-standard cryptosuite name eddsa-2022 is not verified (proof skipped), and the key is not bound offline"),
    ("ob30/simple-did-key-method.json", "deliberately stricter: the did:key that signed is not the issuer (urn:uuid:…), so key-binding fails"),
    ("ob30/sd/derivedcredential.json", "ecdsa-sd-2023 derived proofs are not supported (proof skipped), and the key is not bound offline"),
    ("ob30/simple-json.png", "baked PNG: extracted and verified; the https fragment key is not bound offline (key-binding indeterminate)"),
    ("ob30/simple-json.svg", "baked SVG: extracted and verified; the https fragment key is not bound offline"),
    ("ob30/simple-jwt.png", "baked VC-JWT (RS256): the signature verifies with the header jwk, which alone binds nothing; the issuer's JWKS cannot be read offline, so key-binding is indeterminate"),
    ("ob30/simple-jwt.svg", "baked VC-JWT (RS256): header jwk only, not bound offline"),
    ("ob30/simple-jwt_v1.png", "baked VC-JWT, vc-claim form: header jwk only, not bound offline"),
    ("ob30/simple-jwt_v1.svg", "baked VC-JWT, vc-claim form: header jwk only, not bound offline"),
    ("ob30/bit-string-list/testlist", "a status list credential given on its own is not an Open Badges credential (no OB context: context-version fails), and its https fragment key is not bound offline"),
];

/// Checks whose outcome is pinned for some samples, so a verdict that is
/// right for the wrong reason fails too: (path, check, "failed"/"indeterminate"/"skipped"/"passed").
const PINNED: &[(&str, CheckId, &str)] = &[
    ("ob30/simple.json", CheckId::Proof, "passed"),
    ("ob30/simple.json", CheckId::KeyBinding, "indeterminate"),
    ("ob30/simple-json.png", CheckId::Baking, "passed"),
    ("ob30/simple-json.png", CheckId::Proof, "passed"),
    ("ob30/simple-jwt.svg", CheckId::Baking, "passed"),
    ("ob30/simple-jwt.svg", CheckId::Proof, "passed"),
    ("ob30/simple-jwt.svg", CheckId::JwtClaims, "passed"),
    ("ob30/simple-jwt.svg", CheckId::KeyBinding, "indeterminate"),
    ("ob30/simple-jwt_v1.png", CheckId::Proof, "passed"),
    (
        "ob30/simple-did-key-method.json",
        CheckId::KeyBinding,
        "failed",
    ),
    ("ob30/simple-err-expired.json", CheckId::Expired, "failed"),
    ("ob30/simple-err-issued.json", CheckId::NotBefore, "failed"),
    ("ob30/simple-err-issuer.json", CheckId::Structure, "failed"),
    ("ob30/simple-err-type.json", CheckId::Structure, "failed"),
    (
        "ob30/simple-err-context.json",
        CheckId::ContextOrder,
        "failed",
    ),
    ("ob30/simple-err-proof-value.json", CheckId::Proof, "failed"),
    ("ob30/simple-noproof.json", CheckId::Proof, "failed"),
    ("ob30/simple-eddsa-2022.json", CheckId::Proof, "skipped"),
    ("ob30/complete_v1.json", CheckId::Expired, "failed"),
    ("ob30/simple-multiple-proofs.json", CheckId::Proof, "passed"),
    ("ob30/simple_v1.json", CheckId::Proof, "passed"),
    (
        "ob30/credential-status-revoked.json",
        CheckId::Status,
        "indeterminate",
    ),
];

struct Row {
    path: String,
    format: String,
    validator: String,
    expectation: String,
}

fn rows() -> Vec<Row> {
    let tsv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/conformance/expected.tsv"
    ))
    .unwrap();
    tsv.lines()
        .skip(1)
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let notes = cols[6];
            let exp = notes
                .strip_prefix("offline-strict=")
                .unwrap_or_else(|| panic!("{}: notes without offline-strict=", cols[0]));
            Row {
                path: cols[0].to_owned(),
                format: cols[1].to_owned(),
                validator: cols[2].to_owned(),
                expectation: exp.to_owned(),
            }
        })
        .filter(|r| r.path.starts_with("ob30/"))
        .collect()
}

/// What `offline-strict=` allows: "valid…" → valid; "invalid…" → invalid or
/// not verified; "indeterminate…" → not verified.
fn allowed(expectation: &str) -> &'static [Verdict] {
    if expectation.starts_with("valid") {
        &[Verdict::Valid]
    } else if expectation.starts_with("invalid") {
        &[Verdict::Invalid, Verdict::Indeterminate]
    } else if expectation.starts_with("indeterminate") {
        &[Verdict::Indeterminate]
    } else {
        panic!("unexpected offline-strict expectation {expectation:?}")
    }
}

fn state(r: &VerificationReport, id: CheckId) -> &'static str {
    match r.check(id).map(|c| &c.outcome) {
        Some(o) if o.is_passed() => "passed",
        Some(o) if o.is_failed() => "failed",
        Some(o) if o.is_indeterminate() => "indeterminate",
        Some(_) => "skipped",
        None => "absent",
    }
}

#[test]
fn ob30_samples_match_the_offline_strict_expectations() {
    let Some(root) = samples() else { return };
    let opts = options();
    let mut problems = Vec::new();
    let (mut verified, mut baked) = (0, 0);
    let mut summary = Vec::new();
    for row in rows() {
        let path = root.join(&row.path);
        let bytes = std::fs::read(&path).unwrap();
        if matches!(row.format.as_str(), "ob30-png" | "ob30-svg" | "ob30-jwt") {
            baked += 1;
        }
        let r = verify(&bytes, &opts).unwrap_or_else(|e| panic!("{}: {e}", row.path));
        verified += 1;
        let ours = verdict(&r);
        let head = r
            .most_specific()
            .map(|c| c.id.name().to_owned())
            .unwrap_or_else(|| format!("not passed: {:?}", r.unverified_required()));
        summary.push(format!(
            "{:<75} validator={:<11} ours={ours:?} ({head})",
            row.path, row.validator
        ));
        if !allowed(&row.expectation).contains(&ours) {
            problems.push(format!(
                "{}: offline-strict={} but ours is {ours:?}\n{r}",
                row.path, row.expectation
            ));
        }
        let validator_valid = match row.validator.as_str() {
            "valid" | "warning" => Some(true),
            "invalid" => Some(false),
            _ => None,
        };
        let listed = DIVERGENCES.iter().find(|(p, _)| *p == row.path);
        match (validator_valid, listed) {
            (Some(v), None) if v != (ours == Verdict::Valid) => problems.push(format!(
                "{}: validator says {}, ours is {ours:?}, and no divergence is listed\n{r}",
                row.path, row.validator
            )),
            (Some(v), Some((_, why))) if v == (ours == Verdict::Valid) => problems.push(format!(
                "{}: listed as a divergence ({why}) but we now agree with the validator",
                row.path
            )),
            (None, Some(_)) => problems.push(format!(
                "{}: not tested by the validator, no divergence possible",
                row.path
            )),
            _ => {}
        }
        for (p, id, want) in PINNED {
            if *p == row.path && state(&r, *id) != *want {
                problems.push(format!(
                    "{p}: {id} should be {want}, is {}\n{r}",
                    state(&r, *id)
                ));
            }
        }
    }
    println!("{}", summary.join("\n"));
    println!("verified {verified}, of which {baked} baked images or VC-JWTs");
    assert_eq!(
        verified, 46,
        "ob30 samples: 38 JSON (incl. .1ob and the status list) and 8 baked PNG/SVG or VC-JWT"
    );
    assert_eq!(baked, 8);
    for (p, _) in DIVERGENCES {
        assert!(
            rows().iter().any(|r| r.path == *p),
            "divergence for unknown sample {p}"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

fn status_sample(root: &Path, name: &str) {
    let bytes = std::fs::read(root.join("ob30/bit-string-list").join(name)).unwrap();
    let cred: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let url = cred["credentialStatus"]["statusListCredential"]
        .as_str()
        .unwrap();
    let list = std::fs::read(root.join("ob30/bit-string-list/testlist")).unwrap();
    let fetcher = MapFetcher::new().with(url, Fetched::ok(list.clone()));
    // The list's key sits in a URL fragment of the issuer
    // (`https://1edtech.edu/issuers/565049#z6Mk…`); 1EdTech publishes no
    // controller document, so offline the list cannot be bound to the
    // issuer: status is indeterminate, not revoked and not clear.
    let r = verify(&bytes, &options().fetcher(Arc::new(fetcher))).unwrap();
    assert_eq!(r.verdict(), Verdict::Indeterminate, "{name}: {r}");
    let s = r.check(CheckId::Status).unwrap();
    assert!(s.outcome.is_indeterminate(), "{name}: {r}");
    assert!(
        s.children
            .iter()
            .any(|c| c.id == CheckId::Proof && c.outcome.is_passed()),
        "the list's own signature verifies: {r}"
    );
    // Had the issuer published the controller document that lists that key
    // under assertionMethod (built here from the key in the fragment), the
    // list would bind; but the list served at the statusListCredential URL
    // says it is another list (`id` https://example.com/credentials/status/3),
    // so it is not the list the credential names: status fails. (The
    // validator reads its bits and says revoked: both invalid.)
    let vm = cred["proof"]["verificationMethod"].as_str().unwrap();
    let (issuer, key) = vm.split_once('#').unwrap();
    let controller = serde_json::json!({
        "@context": ["https://www.w3.org/ns/cid/v1"],
        "id": issuer,
        "verificationMethod": [{"id": vm, "type": "Multikey", "controller": issuer, "publicKeyMultibase": key}],
        "assertionMethod": [vm]
    });
    let fetcher = MapFetcher::new().with(url, Fetched::ok(list)).with(
        issuer,
        Fetched::ok(serde_json::to_vec(&controller).unwrap()),
    );
    let r = verify(&bytes, &options().fetcher(Arc::new(fetcher))).unwrap();
    assert_eq!(r.verdict(), Verdict::Invalid, "{name}: {r}");
    let s = r.check(CheckId::Status).unwrap();
    assert!(s.outcome.is_failed(), "{name}: {r}");
    assert_eq!(
        r.most_specific().unwrap().id,
        CheckId::Status,
        "{name}: {r}"
    );
    assert!(
        s.outcome
            .reason()
            .unwrap()
            .contains("not the statusListCredential URL"),
        "{name}: {r}"
    );
    assert!(
        s.children
            .iter()
            .any(|c| c.id == CheckId::KeyBinding && c.outcome.is_passed()),
        "{r}"
    );
    // Offline: status indeterminate (fail closed).
    let r = verify(&bytes, &options()).unwrap();
    assert!(
        r.check(CheckId::Status).unwrap().outcome.is_indeterminate(),
        "{r}"
    );
}

#[test]
fn bitstring_status_samples_fail_closed_and_name_the_wrong_list() {
    let Some(root) = samples() else { return };
    status_sample(&root, "credential-status-revoked.json");
    status_sample(&root, "credential-status-revoked-blank-nodes.json");
}
