//! The bodies of the fuzz targets, one function per parser or entry point.
//!
//! Each `fuzz_targets/<name>.rs` is a one-line `fuzz_target!` wrapper over
//! the function of the same name here, and `tests/no_panic_replay.rs` (which
//! runs on stable) includes this very file with `#[path]`, so the corpus
//! replay and the deterministic mutation loop exercise exactly the code the
//! fuzzer does. A function returns normally for any input; a panic, a stack
//! overflow or a hang is the bug.
//!
//! Nothing here may use anything but `openbadges`, `serde_json` and `std`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use openbadges::bake::{BakeError, Payload};
use openbadges::canon::fast::Route;
use openbadges::canon::{Canonicalizer, FastCanonicalizer, GenericCanonicalizer};
use openbadges::contexts::ContextLoader;
use openbadges::limits::Limits;

/// A target body: returns for every input (a panic is the bug).
pub type Target = fn(&[u8]);

/// Every target: its name (the corpus directory and the `fuzz_targets/` file) and its body.
pub const TARGETS: &[(&str, Target)] = &[
    ("ids", ids),
    ("json_limited", json_limited),
    ("model_v3", model_v3),
    ("model_v2", model_v2),
    ("rdfc_nquads", rdfc_nquads),
    ("canon_generic", canon_generic),
    ("canon_fast", canon_fast),
    ("jcs", jcs),
    ("keys_multikey", keys_multikey),
    ("keys_jwk", keys_jwk),
    ("keys_pkcs8", keys_pkcs8),
    ("did", did),
    ("proof_verify", proof_verify),
    ("status_decode", status_decode),
    ("status_check", status_check),
    ("competency", competency),
    ("verify", verify),
    ("bake_png", bake_png),
    ("bake_svg", bake_svg),
    ("jose_jws", jose_jws),
    ("jose_jwk", jose_jwk),
];

const LIMITS: Limits = Limits::DEFAULT;

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

fn json(data: &[u8]) -> Option<serde_json::Value> {
    openbadges::limits::parse_json_limited(data, &LIMITS).ok()
}

/// The canonicalizer every JSON-LD target shares (default contexts, default limits).
fn canonicalizer() -> &'static GenericCanonicalizer {
    static CANON: OnceLock<GenericCanonicalizer> = OnceLock::new();
    CANON.get_or_init(|| GenericCanonicalizer::new(ContextLoader::default(), Limits::default()))
}

/// `Iri`, `Did`, `DidUrl`, `DateTime` `::new`, and their accessors on success.
pub fn ids(data: &[u8]) {
    use openbadges::ids::{DateTime, Did, DidUrl, Iri};
    let s = text(data);
    if let Ok(iri) = Iri::new(s.as_ref()) {
        let _ = (
            iri.scheme(),
            iri.is_http(),
            iri.fragment(),
            iri.without_fragment(),
        );
        if let Some(u) = iri.as_did_url() {
            let _ = (u.did(), u.fragment(), u.to_iri());
        }
    }
    if let Ok(did) = Did::new(s.as_ref()) {
        let _ = (did.method(), did.method_specific_id(), did.to_iri());
    }
    if let Ok(u) = DidUrl::new(s.as_ref()) {
        let d = u.did();
        let _ = (d.method(), d.method_specific_id(), u.fragment(), u.to_iri());
    }
    if let Ok(t) = DateTime::new(s.as_ref()) {
        let _ = (
            t.to_utc(),
            t.value(),
            t.has_offset(),
            DateTime::from_utc(t.to_utc()),
        );
    }
    // Through serde too (the typed model reads ids this way).
    let quoted = serde_json::Value::String(s.into_owned());
    let _ = serde_json::from_value::<Iri>(quoted.clone());
    let _ = serde_json::from_value::<DidUrl>(quoted.clone());
    let _ = serde_json::from_value::<DateTime>(quoted);
}

/// `limits::parse_json_limited` with the default limits and with tight ones.
pub fn json_limited(data: &[u8]) {
    let _ = openbadges::limits::parse_json_limited(data, &LIMITS);
    let mut tight = Limits::DEFAULT;
    tight.max_json_bytes = 64;
    tight.max_json_depth = 2;
    let _ = openbadges::limits::parse_json_limited(data, &tight);
}

/// `model::v3::from_json_slice` for the four document types, and back to JSON on success.
pub fn model_v3(data: &[u8]) {
    use openbadges::model::v3::{
        from_json_slice, to_json_value, Achievement, AchievementCredential, EndorsementCredential,
        Profile,
    };
    if let Ok(c) = from_json_slice::<AchievementCredential>(data, &LIMITS) {
        let _ = (
            c.issuer_id(),
            c.issuer_profile(),
            c.valid_from(),
            c.valid_until(),
        );
        let _ = to_json_value(&c);
    }
    if let Ok(c) = from_json_slice::<EndorsementCredential>(data, &LIMITS) {
        let _ = to_json_value(&c);
    }
    if let Ok(a) = from_json_slice::<Achievement>(data, &LIMITS) {
        let _ = to_json_value(&a);
    }
    if let Ok(p) = from_json_slice::<Profile>(data, &LIMITS) {
        let _ = to_json_value(&p);
    }
}

/// `model::v2::Document::from_slice`, its checks, and back to JSON on success.
pub fn model_v2(data: &[u8]) {
    use openbadges::model::v2::Document;
    if let Ok(doc) = Document::from_slice(data, &LIMITS) {
        let _ = doc.class();
        if let Document::Assertion(a) = &doc {
            let _ = (
                a.check_required(),
                a.verification_or_alias(),
                a.badge_class(),
                a.badge_id(),
            );
            if let Some(r) = &a.recipient {
                let _ = r.hash();
                let _ = r.matches("alice@example.org");
            }
        }
        if let Document::BadgeClass(b) = &doc {
            let _ = b.check_required();
        }
        let _ = serde_json::to_value(&doc);
    }
}

/// `canon::rdfc::canonicalize_nquads` and `issued_identifiers` on N-Quads text.
pub fn rdfc_nquads(data: &[u8]) {
    let s = text(data);
    let _ = openbadges::canon::rdfc::canonicalize_nquads(&s, &LIMITS);
    let _ = openbadges::canon::rdfc::issued_identifiers(&s, &LIMITS);
}

/// `GenericCanonicalizer::canonicalize` (default contexts and limits) on any JSON.
pub fn canon_generic(data: &[u8]) {
    if let Some(v) = json(data) {
        if let Err(e) = canonicalizer().canonicalize(&v) {
            check_contained_panic(&e, &v);
        }
    }
}

/// The canonicalizer turns a panic of the JSON-LD processor (on its own
/// thread) into `CanonError::Rdf`; only the known one (pct-str 2.0 on a
/// percent-escape that does not decode to UTF-8) is tolerated here.
fn check_contained_panic(e: &openbadges::canon::CanonError, doc: &serde_json::Value) {
    if let openbadges::canon::CanonError::Rdf { reason } = e {
        // Serialized again, JSON escapes such as `\u0025` are gone.
        assert!(
            !reason.contains("panicked") || has_non_utf8_percent_escape(doc.to_string().as_bytes()),
            "the JSON-LD processor panicked: {reason}"
        );
    }
}

/// Whether some run of `%HH` escapes in `data` decodes to bytes that are not UTF-8.
fn has_non_utf8_percent_escape(data: &[u8]) -> bool {
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut i = 0;
    while i < data.len() {
        let mut run = Vec::new();
        while let (Some(b'%'), Some(h), Some(l)) = (
            data.get(i).copied(),
            data.get(i + 1).copied().and_then(hex),
            data.get(i + 2).copied().and_then(hex),
        ) {
            run.push((h * 16 + l) as u8);
            i += 3;
        }
        if std::str::from_utf8(&run).is_err() {
            return true;
        }
        i += 1;
    }
    false
}

/// `canon::jcs` on any JSON; its output must itself be JSON.
pub fn jcs(data: &[u8]) {
    if let Some(v) = json(data) {
        if let Ok(s) = openbadges::canon::jcs::to_jcs_string(&v) {
            assert!(
                serde_json::from_str::<serde_json::Value>(&s).is_ok(),
                "JCS output is not JSON: {s:?}"
            );
        }
    }
}

/// Multikey / multibase decoding, public and secret.
pub fn keys_multikey(data: &[u8]) {
    use openbadges::keys::{decode_multibase_base58btc, decode_multikey, Ed25519KeyPair};
    let s = text(data);
    let _ = decode_multibase_base58btc(&s);
    let _ = decode_multikey(&s);
    let _ = Ed25519KeyPair::from_secret_multikey(&s);
}

/// JWK import, public and secret.
pub fn keys_jwk(data: &[u8]) {
    use openbadges::keys::{public_key_from_jwk, Ed25519KeyPair};
    if let Some(v) = json(data) {
        let _ = public_key_from_jwk(&v);
        let _ = Ed25519KeyPair::from_jwk(&v);
    }
}

/// PKCS#8 (secret) and SPKI (public) import, DER and PEM.
pub fn keys_pkcs8(data: &[u8]) {
    use openbadges::keys::{public_key_from_spki_der, public_key_from_spki_pem, Ed25519KeyPair};
    let _ = Ed25519KeyPair::from_pkcs8_der(data);
    let _ = public_key_from_spki_der(data);
    let s = text(data);
    let _ = Ed25519KeyPair::from_pkcs8_pem(&s);
    let _ = public_key_from_spki_pem(&s);
}

/// did:web URL mapping, did:key decoding, and verification-method lookup in a
/// controller document (input as JSON when it parses).
pub fn did(data: &[u8]) {
    use openbadges::did::{
        did_web_to_url, find_verification_method, public_key_from_did_key, resolve_did_key_url,
    };
    let s = text(data);
    let _ = did_web_to_url(&s);
    let _ = public_key_from_did_key(&s);
    let _ = resolve_did_key_url(&s);
    if let Some(doc) = json(data) {
        let controller = doc
            .get("id")
            .and_then(|v| v.as_str())
            .unwrap_or("did:web:example.com");
        let method = doc
            .get("assertionMethod")
            .and_then(|v| v.get(0).or(Some(v)))
            .and_then(|v| v.as_str())
            .unwrap_or("#key-1");
        let _ = find_verification_method(&doc, controller, method, Some("assertionMethod"));
        let _ = find_verification_method(&doc, controller, method, None);
    }
}

/// `proof::verify_proofs` (GenericCanonicalizer + DidKeyResolver, default options) on any JSON.
pub fn proof_verify(data: &[u8]) {
    use openbadges::proof::{verify_proofs, DidKeyResolver, ProofVerifyOptions};
    if let Some(v) = json(data) {
        let report = verify_proofs(
            &v,
            canonicalizer(),
            &DidKeyResolver,
            &ProofVerifyOptions::default(),
        );
        let _ = report.is_verified();
        for p in &report.proofs {
            if let Err(openbadges::proof::ProofFailure::Canonicalization(e)) = &p.outcome {
                check_contained_panic(e, &v);
            }
        }
    }
}

/// `encodedList` decoding: Bitstring, StatusList2021, and the decoded view.
pub fn status_decode(data: &[u8]) {
    use openbadges::status::{decode_encoded_list, decode_status_list_2021, DecodedStatusList};
    let (size, rest) = match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => (1, data),
    };
    let s = text(rest);
    let _ = decode_encoded_list(&s, &LIMITS);
    let _ = decode_status_list_2021(&s, &LIMITS);
    if let Ok(list) = DecodedStatusList::decode(&s, size, &LIMITS) {
        let _ = (
            list.bits(),
            list.len(),
            list.is_empty(),
            list.as_bytes().len(),
        );
        for i in [
            0,
            1,
            7,
            8,
            131_071,
            u64::MAX,
            list.len().saturating_sub(1),
            list.len(),
        ] {
            let _ = list.get(i);
        }
    }
}

/// `status::check_status` / `check_credential_status` on any JSON: an array
/// `[credential, entry, list]`, or an object whose `credentialStatus` is the
/// entry checked against the object itself as the list.
pub fn status_check(data: &[u8]) {
    use openbadges::status::{
        check_credential_status, check_revocation_list, check_status, entry_method, list_url,
        status_entries,
    };
    let Some(v) = json(data) else { return };
    let null = serde_json::Value::Null;
    let (credential, entry, list) = match &v {
        serde_json::Value::Array(a) => (
            a.first().unwrap_or(&null),
            a.get(1).unwrap_or(&null),
            a.get(2).unwrap_or(&null),
        ),
        other => (other, other.get("credentialStatus").unwrap_or(other), other),
    };
    for e in status_entries(credential) {
        let _ = (entry_method(e), list_url(e));
        let _ = check_credential_status(credential, e, list, &LIMITS);
    }
    let _ = (entry_method(entry), list_url(entry));
    let _ = check_status(entry, list, &LIMITS);
    let _ = check_credential_status(credential, entry, list, &LIMITS);
    let id = credential
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or("urn:uuid:x");
    let _ = check_revocation_list(id, list);
}

/// Competency framework and assessment reading and validation; an array
/// `[framework, assessment]` is also evaluated (the assessment against the
/// framework).
pub fn competency(data: &[u8]) {
    use openbadges::competency::{evaluate, Assessment, Email, Framework};
    if let Ok(f) = Framework::from_json_slice(data, &LIMITS) {
        let _ = f.validate();
        let _ = f.competencies().count();
    }
    let _ = Assessment::from_json_slice(data, &LIMITS);
    if let Some(serde_json::Value::Array(pair)) = json(data) {
        if let [fv, av] = pair.as_slice() {
            let f = Framework::from_json_slice(fv.to_string().as_bytes(), &LIMITS);
            let a = Assessment::from_json_slice(av.to_string().as_bytes(), &LIMITS);
            if let (Ok(f), Ok(a)) = (f, a) {
                let _ = f.validate();
                let _ = evaluate(&f, &a, None);
            }
        }
    }
    let _ = Email::new(text(data).as_ref());
}

/// The bake properties shared by both formats: on any input, extraction
/// returns or errs (a panic is the bug); an image without a badge takes one
/// and gives it back; an image with a badge takes the same one unchanged and
/// refuses another.
type Extractor = fn(&[u8], &Limits) -> Result<Option<Payload>, BakeError>;
type Baker = fn(&[u8], &Payload, &Limits) -> Result<Vec<u8>, BakeError>;

fn bake_properties(data: &[u8], extract: Extractor, bake: Baker) {
    use openbadges::bake::{Content, Version};
    let mut tight = Limits::DEFAULT;
    tight.max_chunk_bytes = 256;
    tight.max_baked_payload_bytes = 128;
    let _ = extract(data, &tight);
    let ours = Payload::new(
        Version::Ob2,
        Content::Url("https://example.org/assertions/fuzz".into()),
        &LIMITS,
    )
    .unwrap();
    match extract(data, &LIMITS) {
        Ok(None) => {
            if let Ok(baked) = bake(data, &ours, &LIMITS) {
                assert_eq!(extract(&baked, &LIMITS).unwrap(), Some(ours));
            }
        }
        Ok(Some(found)) => {
            assert_eq!(bake(data, &found, &LIMITS).unwrap(), data);
            if found != ours {
                assert!(bake(data, &ours, &LIMITS).is_err());
            }
            let _ = (found.version(), found.content(), found.as_str());
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// `bake::extract_png` / `bake_png` (default and tight limits, bake round trip).
pub fn bake_png(data: &[u8]) {
    bake_properties(
        data,
        openbadges::bake::extract_png,
        openbadges::bake::bake_png,
    );
}

/// `bake::extract_svg` / `bake_svg` (default and tight limits, bake round trip),
/// and the sniffing `bake::extract`.
pub fn bake_svg(data: &[u8]) {
    bake_properties(
        data,
        openbadges::bake::extract_svg,
        openbadges::bake::bake_svg,
    );
    let _ = openbadges::bake::extract(data, &LIMITS);
}

/// Compact JWS and VC-JWT parsing, claim checks, signature check with a fixed
/// key and the header's own key, and key resolution (fetches answered from an
/// empty map).
pub fn jose_jws(data: &[u8]) {
    use openbadges::fetch::MapFetcher;
    use openbadges::jose::{resolve_jwt_key, Jws, JwsSigner, TrustedKeys, VcJwt};
    let token = text(data);
    if let Ok(jws) = Jws::parse(&token, &LIMITS) {
        let key = openbadges::keys::Ed25519KeyPair::from_seed(&[7u8; 32]).public_key();
        let _ = jws.verify(&key);
        if let Some(jwk) = &jws.header().jwk {
            let _ = jws.verify(jwk);
        }
        let _ = resolve_jwt_key(
            &jws,
            "https://issuer.example/i",
            &MapFetcher::new(),
            &TrustedKeys::new(),
            &LIMITS,
        );
        let _ = resolve_jwt_key(
            &jws,
            "did:web:issuer.example",
            &MapFetcher::new(),
            &TrustedKeys::new(),
            &LIMITS,
        );
    }
    if let Ok(jwt) = VcJwt::parse(&token, &LIMITS) {
        let _ = jwt.claim_problems();
        if let Ok(now) = openbadges::ids::DateTime::new("2026-01-01T00:00:00Z") {
            let _ = jwt.check_time(now.to_utc());
        }
        if let Some(issuer) = jwt.issuer_id() {
            let _ = resolve_jwt_key(
                jwt.jws(),
                issuer,
                &MapFetcher::new(),
                &TrustedKeys::new(),
                &LIMITS,
            );
        }
    }
}

/// JOSE key import: public JWK (three types), private P-256 JWK, SPKI PEM/DER, P-256 PEM.
pub fn jose_jwk(data: &[u8]) {
    use openbadges::jose::{JosePublicKey, P256KeyPair};
    if let Some(v) = json(data) {
        if let Ok(k) = JosePublicKey::from_jwk(&v) {
            let _ = k.thumbprint();
            let _ = JosePublicKey::from_jwk(&k.to_jwk());
        }
        let _ = P256KeyPair::from_jwk(&v);
    }
    let _ = JosePublicKey::from_spki_der(data);
    let _ = JosePublicKey::from_spki_pem(&text(data));
    let _ = P256KeyPair::from_pem(&text(data));
    let _ = P256KeyPair::from_pkcs8_der(data);
}

/// The verifier's options for [`verify`]: a fixed time inside the fixtures'
/// validity, and a fetcher serving the status lists and the controller
/// document of `fixtures/verify/`, so status, key binding through a
/// controller document and nested verification all run (nothing is fetched
/// from anywhere else).
fn verify_options() -> &'static openbadges::verify::VerifyOptions {
    use openbadges::fetch::{Fetched, MapFetcher};
    static OPTIONS: OnceLock<openbadges::verify::VerifyOptions> = OnceLock::new();
    OPTIONS.get_or_init(|| {
        let fetcher = MapFetcher::new()
            .with(
                "https://issuer.example/status/revocation",
                Fetched::ok(
                    include_bytes!("../../fixtures/verify/status-list-revocation.json").to_vec(),
                ),
            )
            .with(
                "https://issuer.example/status/suspension",
                Fetched::ok(
                    include_bytes!("../../fixtures/verify/status-list-suspension.json").to_vec(),
                ),
            )
            .with(
                "https://issuer.example/status/tampered",
                Fetched::ok(
                    include_bytes!("../../fixtures/verify/status-list-tampered.json").to_vec(),
                ),
            )
            .with(
                "https://issuer.example/issuers/1",
                Fetched::ok(
                    include_bytes!("../../fixtures/verify/controller-document-listed.json")
                        .to_vec(),
                ),
            );
        // 2026-06-01, the verifier tests' time (through the crate's own date
        // type: this file depends on nothing but openbadges, serde_json, std).
        let now = openbadges::ids::DateTime::new("2026-06-01T00:00:00Z")
            .unwrap()
            .to_utc();
        openbadges::verify::VerifyOptions::at(now).fetcher(std::sync::Arc::new(fetcher))
    })
}

/// `verify::verify` itself on any bytes (see [`verify_options`]), then the
/// report's verdict, headline, failures, `Display` and JSON form. A
/// canonicalization failure that says the JSON-LD processor panicked is only
/// tolerated for the known pct-str case (see [`check_contained_panic`]).
pub fn verify(data: &[u8]) {
    let Ok(report) = openbadges::verify::verify(data, verify_options()) else {
        return;
    };
    let _ = (report.verdict(), report.is_valid(), report.most_specific());
    let _ = (
        report.failures().len(),
        report.unverified_required(),
        report.first_unverified(),
    );
    let shown = report.to_string();
    let _ = serde_json::to_string(&report).unwrap();
    if shown.contains("panicked") {
        let doc = json(data).map_or_else(|| data.to_vec(), |v| v.to_string().into_bytes());
        assert!(
            has_non_utf8_percent_escape(&doc),
            "the JSON-LD processor panicked inside verify: {shown}"
        );
    }
}

/// The fast canonicalizer every differential target shares (default contexts and limits).
fn fast_canonicalizer() -> &'static FastCanonicalizer {
    static CANON: OnceLock<FastCanonicalizer> = OnceLock::new();
    CANON.get_or_init(|| FastCanonicalizer::new(ContextLoader::default(), Limits::default()))
}

/// Differential: `FastCanonicalizer` against the `GenericCanonicalizer` it
/// wraps. When the fast path runs, its answer must be the generic one
/// (output or error); when it declines, the answer is the generic one by
/// construction and only the contained-panic rule applies.
pub fn canon_fast(data: &[u8]) {
    if let Some(v) = json(data) {
        let fast = fast_canonicalizer();
        let (got, route) = fast.canonicalize_traced(&v);
        match route {
            Route::Generic(_) => {
                if let Err(e) = &got {
                    check_contained_panic(e, &v);
                }
            }
            _ => {
                let want = fast.generic().canonicalize(&v);
                // Over a quad or blank-node budget the fast path refuses
                // itself (no fallback); the generic path must refuse too.
                let both_over_budget = matches!(
                    (&got, &want),
                    (Err(openbadges::canon::CanonError::Limit(_)), Err(_))
                );
                if !both_over_budget {
                    assert_eq!(got, want, "fast ({route:?}) and generic differ on {v}");
                }
                assert!(
                    fast.covers(&v).is_ok(),
                    "covers() disagrees with the route on {v}"
                );
            }
        }
    }
}
