//! OB 2.0 verification under attack: documents from the independent
//! Python cases (`fixtures/interop/ob2-python`) edited the way an attacker
//! would, each ending on a named check. The signatures are the Python
//! generator's; where a test needs a new signature it signs with a key of
//! its own (Ed25519 here: what an RS256-only verifier must refuse).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::sync::Arc;

use base64::Engine as _;
use openbadges::fetch::{Fetched, MapFetcher};
use openbadges::jose::{sign_compact, JosePublicKey};
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::Limits;
use openbadges::verify::{verify, CheckId, Evidence, Verdict, VerificationReport, VerifyOptions};
use serde_json::{json, Value};

fn case(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/interop/ob2-python/cases"
    ))
    .join(name)
}

fn map(name: &str) -> MapFetcher {
    let mut f = MapFetcher::new();
    f.load_map_file(
        &case(name).join("urls.json"),
        Limits::DEFAULT.max_fetch_bytes,
    )
    .unwrap();
    f
}

fn opts(f: MapFetcher) -> VerifyOptions {
    VerifyOptions::at("2026-06-01T00:00:00Z".parse().unwrap()).fetcher(Arc::new(f))
}

fn run(bytes: &[u8], f: MapFetcher) -> VerificationReport {
    verify(bytes, &opts(f)).unwrap()
}

fn token() -> String {
    std::fs::read_to_string(case("signed-valid").join("assertion.jws"))
        .unwrap()
        .trim()
        .to_owned()
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

fn payload() -> Value {
    let t = token();
    let p = t.split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(p)
            .unwrap(),
    )
    .unwrap()
}

fn proof_failure(r: &VerificationReport) -> String {
    match r.check(CheckId::Proof).unwrap().evidence() {
        Some(Evidence::Proof { failure, .. }) => failure.clone(),
        other => panic!("no proof evidence: {other:?}\n{r}"),
    }
}

#[test]
fn the_honest_signed_case_is_valid() {
    let r = run(token().as_bytes(), map("signed-valid"));
    assert_eq!(r.verdict(), Verdict::Valid, "{r}");
}

#[test]
fn jose_refusals_are_proof_failures_not_unsupported_formats() {
    let t = token();
    let parts: Vec<&str> = t.split('.').collect();
    for (header, code) in [
        (json!({"alg": "none"}), "alg-none"),
        (json!({"alg": "HS256"}), "hmac-algorithm"),
        (
            json!({"alg": "RS256", "jku": "https://evil.example/jwks"}),
            "jku-refused",
        ),
        (json!({"alg": "RS256", "crit": ["exp"]}), "crit"),
    ] {
        let forged = format!(
            "{}.{}.{}",
            b64(header.to_string().as_bytes()),
            parts[1],
            parts[2]
        );
        let r = run(forged.as_bytes(), map("signed-valid"));
        assert_eq!(r.verdict(), Verdict::Invalid, "{header}: {r}");
        assert_eq!(r.most_specific().unwrap().id, CheckId::Proof, "{r}");
        assert_eq!(proof_failure(&r), code, "{header}");
    }
}

#[test]
fn other_algorithms_are_refused_for_ob2() {
    // A valid EdDSA JWS over the same payload, with the Ed25519 key published
    // as if it were the issuer's: OB 2.0 signed badges are RS256.
    let k = Ed25519KeyPair::from_seed(&[7; 32]);
    let forged =
        sign_compact(serde_json::Map::new(), payload().to_string().as_bytes(), &k).unwrap();
    let r = run(forged.as_bytes(), map("signed-valid"));
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    assert_eq!(proof_failure(&r), "alg-not-rs256");
}

#[test]
fn kid_and_creator_must_agree() {
    let t = token();
    let parts: Vec<&str> = t.split('.').collect();
    let header = json!({"alg": "RS256", "typ": "JWT", "kid": "https://evil.example/key.json"});
    // The signature no longer matches the header either; the key choice is refused first.
    let forged = format!(
        "{}.{}.{}",
        b64(header.to_string().as_bytes()),
        parts[1],
        parts[2]
    );
    let r = run(forged.as_bytes(), map("signed-valid"));
    assert_eq!(proof_failure(&r), "no-key", "{r}");
}

#[test]
fn a_key_trusted_by_the_caller_binds_without_any_key_document() {
    // The key document is not served; the caller trusts the key for the issuer.
    let pem: Value =
        serde_json::from_slice(&std::fs::read(case("signed-valid").join("key.json")).unwrap())
            .unwrap();
    let key = JosePublicKey::from_spki_pem(pem["publicKeyPem"].as_str().unwrap()).unwrap();
    let mut f = map("signed-valid");
    f.insert(
        "https://issuer.example.net/ob2/key.json",
        Fetched::status_only(404),
    );
    let r = run(token().as_bytes(), f.clone());
    assert_eq!(
        r.verdict(),
        Verdict::Invalid,
        "a key document not served (404) is a failed proof:\n{r}"
    );
    let o = opts(f).trust_key("https://issuer.example.net/ob2/issuer.json", key.clone());
    let r = verify(token().as_bytes(), &o).unwrap();
    assert_eq!(r.verdict(), Verdict::Valid, "{r}");
    // Trusted for another issuer: it binds nothing here.
    let o = opts(map("signed-valid")).trust_key("https://other.example/issuer", key);
    let r = verify(token().as_bytes(), &o).unwrap();
    assert!(
        r.check(CheckId::KeyBinding)
            .unwrap()
            .detail
            .as_deref()
            .unwrap()
            .contains("publicKey"),
        "{r}"
    );
}

#[test]
fn an_embedded_issuer_cannot_widen_its_own_hosting_policy() {
    // Hosted on elsewhere.example.com; the assertion embeds its badge class
    // and an issuer profile whose policy allows elsewhere.example.com. The
    // issuer's own profile (served at its id) has no such policy.
    let url = "https://elsewhere.example.com/ob2/assertions/5.json";
    let mut a: Value = serde_json::from_slice(
        &std::fs::read(case("hosted-wrong-origin").join("assertion.json")).unwrap(),
    )
    .unwrap();
    let mut badge: Value = serde_json::from_slice(
        &std::fs::read(case("hosted-wrong-origin").join("badge.json")).unwrap(),
    )
    .unwrap();
    badge["issuer"] = json!({
        "id": "https://issuer.example.net/ob2/issuer.json",
        "type": "Issuer", "name": "Example Net Academy", "url": "https://example.net/",
        "email": "badges@example.net",
        "verification": {"allowedOrigins": ["elsewhere.example.com"]}
    });
    a["badge"] = badge;
    let bytes = serde_json::to_vec(&a).unwrap();
    let mut f = map("hosted-wrong-origin");
    f.insert(url, Fetched::ok(bytes.clone()));
    let r = run(&bytes, f);
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    assert_eq!(r.most_specific().unwrap().id, CheckId::KeyBinding, "{r}");
    assert!(matches!(
        r.check(CheckId::KeyBinding).unwrap().evidence(),
        Some(Evidence::OriginNotAllowed { .. })
    ));
}

#[test]
fn hosting_answers() {
    let bytes = std::fs::read(case("hosted-valid").join("assertion.json")).unwrap();
    let url = "https://issuer.example.net/ob2/assertions/1.json";
    let with = |resp: Fetched| {
        let mut f = map("hosted-valid");
        f.insert(url, resp);
        run(&bytes, f)
    };
    // A server error: could not be asked, indeterminate (never valid).
    let r = with(Fetched::status_only(503));
    assert_eq!(r.verdict(), Verdict::Indeterminate, "{r}");
    assert!(r.check(CheckId::Proof).unwrap().outcome.is_indeterminate());
    // 404: the host says it is not there.
    let r = with(Fetched::status_only(404));
    assert_eq!(r.verdict(), Verdict::Invalid, "{r}");
    assert_eq!(r.most_specific().unwrap().id, CheckId::Proof);
    // Not served at all by the fetcher (the badge class and issuer are): indeterminate.
    let mut f = MapFetcher::new();
    for (u, file) in [
        ("https://issuer.example.net/ob2/issuer.json", "issuer.json"),
        ("https://issuer.example.net/ob2/badge.json", "badge.json"),
    ] {
        f.insert(
            u,
            Fetched::ok(std::fs::read(case("hosted-valid").join(file)).unwrap()),
        );
    }
    let r = run(&bytes, f);
    assert_eq!(r.verdict(), Verdict::Indeterminate, "{r}");
    assert!(matches!(
        r.check(CheckId::Proof).unwrap().evidence(),
        Some(Evidence::HostedUnavailable { .. })
    ));
}

#[test]
fn recipient_match_reads_the_hash() {
    let bytes = std::fs::read(case("hosted-valid").join("assertion.json")).unwrap();
    for (who, ok) in [
        ("sam.lee@example.net", true),
        ("SAM.LEE@example.net", true),
        ("mailto:sam.lee@example.net", true),
        ("eve@example.net", false),
    ] {
        let r = verify(&bytes, &opts(map("hosted-valid")).expected_recipient(who)).unwrap();
        assert_eq!(
            r.check(CheckId::RecipientMatch)
                .unwrap()
                .outcome
                .is_passed(),
            ok,
            "{who}: {r}"
        );
    }
}

#[test]
fn the_pinned_ob2_context_canonicalizes_ob2_documents() {
    // The embedded OB 2.0 context (PyPI openbadges 1.1.2 + the 2020 erratum)
    // is served offline and expands an OB 2.0 assertion in safe mode.
    use openbadges::canon::{Canonicalizer, GenericCanonicalizer};
    use openbadges::contexts::{ContextLoader, OB_V2_CONTEXT};
    let loader = ContextLoader::default();
    assert!(loader.contains(OB_V2_CONTEXT));
    let c = GenericCanonicalizer::new(loader, Limits::DEFAULT);
    let a: Value = serde_json::from_slice(
        &std::fs::read(case("hosted-valid").join("assertion.json")).unwrap(),
    )
    .unwrap();
    let nq = c.canonicalize(&a).unwrap();
    assert!(
        nq.contains("<https://w3id.org/openbadges#recipient>"),
        "{nq}"
    );
    assert!(
        nq.contains("<https://w3id.org/openbadges#HostedBadge>"),
        "{nq}"
    );
    assert!(
        nq.contains("\"2025-06-01T12:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>"),
        "{nq}"
    );
}
