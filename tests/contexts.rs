#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Embedded contexts: every pinned hash is recomputed, and each document
//! equals the published one in ../shared as parsed JSON (byte equality where
//! the package copy is byte-identical).

mod shared_dir;

use openbadges::canon::CanonError;
use openbadges::contexts::*;
use sha2::{Digest, Sha256};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn all() -> Vec<&'static EmbeddedContext> {
    EMBEDDED
        .iter()
        .chain([
            &OB_V3P0_CONTEXT_3_0_3_ORIGINAL_2024,
            &OB_V3P0_CONTEXT_3_0_3_SERVED_2026,
        ])
        .collect()
}

#[test]
fn every_pinned_hash_matches_the_embedded_bytes() {
    for c in all() {
        assert_eq!(
            hex(&Sha256::digest(c.bytes.as_bytes())),
            c.sha256,
            "{} ({})",
            c.url,
            c.file
        );
        let v: serde_json::Value = serde_json::from_str(c.bytes).unwrap();
        assert!(
            v.get("@context").is_some_and(|c| c.is_object()),
            "{}",
            c.url
        );
    }
}

#[test]
fn every_embedded_file_is_in_provenance() {
    let prov = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/contexts/PROVENANCE.tsv"
    ));
    for c in all() {
        let line = prov
            .lines()
            .find(|l| l.split('\t').next() == Some(c.file))
            .unwrap_or_else(|| panic!("{} missing from PROVENANCE.tsv", c.file));
        assert!(
            line.contains(c.sha256),
            "{}: provenance hash differs",
            c.file
        );
    }
}

#[test]
fn loader_serves_every_url_and_refuses_others() {
    let l = ContextLoader::default();
    for c in EMBEDDED {
        let v = l.get(c.url).unwrap();
        assert_eq!(
            v,
            &serde_json::from_str::<serde_json::Value>(c.bytes).unwrap()
        );
    }
    let err = l.get("https://example.org/unknown/v1").unwrap_err();
    assert_eq!(
        err,
        CanonError::UnknownContext {
            url: "https://example.org/unknown/v1".into()
        }
    );
}

/// (embedded file, file in ../shared/spec/contexts, byte-identical?)
const PUBLISHED: &[(&str, &str, bool)] = &[
    ("credentials-v1.jsonld", "credentials-v1.jsonld", true),
    ("credentials-v2.jsonld", "credentials-v2.jsonld", false),
    (
        "credentials-examples-v2.jsonld",
        "credentials-examples-v2.jsonld",
        false,
    ),
    ("ob-v3p0-context.json", "ob-v3p0-context.json", false),
    (
        "ob-v3p0-context-3.0.1.json",
        "ob-v3p0-context-3.0.1.json",
        false,
    ),
    (
        "ob-v3p0-context-3.0.2.json",
        "ob-v3p0-context-3.0.2.json",
        true,
    ),
    (
        "ob-v3p0-context-3.0.3.json",
        "ob-v3p0-context-3.0.3.json",
        true,
    ),
    (
        "ob-v3p0-context-3.0.3-2026.json",
        "ob-v3p0-context-3.0.3.served-2026.json",
        false,
    ),
    ("ob-v3p0-extensions.json", "ob-v3p0-extensions.json", false),
    ("openbadges-v2.jsonld", "openbadges-v2.jsonld", false),
    ("data-integrity-v1.jsonld", "data-integrity-v1.jsonld", true),
    (
        "data-integrity-v2.jsonld",
        "data-integrity-v2.jsonld",
        false,
    ),
    ("multikey-v1.jsonld", "multikey-v1.jsonld", true),
    (
        "ed25519-signature-2020-v1.jsonld",
        "ed25519-signature-2020-v1.jsonld",
        true,
    ),
    (
        "bitstring-status-list-v1.jsonld",
        "bitstring-status-list-v1.jsonld",
        false,
    ),
    (
        "status-list-2021-v1.jsonld",
        "status-list-2021-v1.jsonld",
        true,
    ),
];

#[test]
fn embedded_equal_published_as_json() {
    let Some(dir) = shared_dir::spec("contexts") else {
        return;
    };
    // Every embedded file is compared.
    for c in all() {
        assert!(
            PUBLISHED.iter().any(|(f, _, _)| *f == c.file),
            "{} not compared",
            c.file
        );
    }
    for (ours, theirs, bytes_equal) in PUBLISHED {
        let ours_bytes = all()
            .into_iter()
            .find(|c| c.file == *ours)
            .unwrap()
            .bytes
            .as_bytes();
        let theirs_bytes = std::fs::read(dir.join(theirs)).unwrap();
        let a: serde_json::Value = serde_json::from_slice(ours_bytes).unwrap();
        let b: serde_json::Value = serde_json::from_slice(&theirs_bytes).unwrap();
        assert_eq!(a, b, "{ours} differs from published {theirs} as JSON");
        assert_eq!(
            ours_bytes == theirs_bytes.as_slice(),
            *bytes_equal,
            "{ours}: byte equality with {theirs} changed"
        );
    }
    // The VC 2.0 file in ../shared is the W3C-published one (hash pinned in the REC).
    let w3c = std::fs::read(dir.join("credentials-v2.jsonld")).unwrap();
    assert_eq!(
        hex(&Sha256::digest(&w3c)),
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"
    );
}

/// Only registry-published contexts are embedded: CLR 2.0 and citizenship
/// (transcribed from ../shared once) are not, and a caller registers them.
#[test]
fn unpublished_contexts_are_not_embedded_and_can_be_registered() {
    let l = ContextLoader::default();
    for url in [
        CLR_V2P0_CONTEXT,
        CLR_V2P0_CONTEXT_2_0_1,
        "https://w3id.org/citizenship/v4rc1",
    ] {
        assert!(!l.contains(url), "{url} is embedded");
        assert!(EMBEDDED.iter().all(|c| c.url != url));
    }
    // The registration part needs the CLR context from ../shared.
    let Some(bytes) = shared_dir::read_spec("contexts/clr-v2p0-context-2.0.1.json") else {
        return;
    };
    let mut l = ContextLoader::default();
    l.register_bytes(CLR_V2P0_CONTEXT_2_0_1, &bytes).unwrap();
    assert!(l.get(CLR_V2P0_CONTEXT_2_0_1).unwrap()["@context"].is_object());
}

#[test]
fn ob_303_revisions() {
    let served = ContextLoader::default();
    let terms = served.get(OB_V3P0_CONTEXT_3_0_3).unwrap()["@context"]
        .as_object()
        .unwrap()
        .clone();
    assert!(terms.contains_key("jti") && terms.contains_key("endorsementJwt"));
    let original = ContextLoader::default().with_ob_303_revision(Ob303Revision::Original2024);
    let old = original.get(OB_V3P0_CONTEXT_3_0_3).unwrap()["@context"]
        .as_object()
        .unwrap();
    // The 2026 revision is the 2024 one plus exactly two terms.
    let mut extra: Vec<&String> = terms.keys().filter(|k| !old.contains_key(*k)).collect();
    extra.sort();
    assert_eq!(extra, ["endorsementJwt", "jti"]);
    for (k, v) in old {
        assert_eq!(terms.get(k), Some(v), "{k} changed between revisions");
    }
}
