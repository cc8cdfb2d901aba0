//! Found by `tests/no_panic_replay.rs` (target `canon_generic`): a credential
//! wrapped in 30 arrays (depth 33, well within the default depth limit of 64)
//! overflowed the 2 MiB stack of a test thread inside the JSON-LD expansion
//! (json-ld 0.21 recurses once per nesting level through async frames of
//! over 100 KiB each in a debug build) and aborted the whole process.
//! `GenericCanonicalizer` now runs JSON-LD processing on a thread whose stack
//! is sized for `max_json_depth`.

use openbadges::canon::{CanonError, Canonicalizer, GenericCanonicalizer};
use openbadges::contexts::ContextLoader;
use openbadges::limits::{Limit, Limits};
use serde_json::Value;

/// The exact input the fuzzer found.
const FOUND: &str = r#"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"id":"urn:uuid:0b3a0000-0000-4000-8000-000000000051","type":["VerifiableCredential","OpenBadgeCredential"],"name":"Interop Numbers Credential","issuer":{"id":"did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd","type":"","name":"Interop Test Issuer","address":{"type":["Address"],"addressCountry":"Nowhere","geo":{"type":"GeoCoordinates","latitude":1.5,"longitude":7}}},"validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"id":"did:example:learner-0001","type":["AchievementSubject"],"creditsEarned":0.1,"achievement":{"id":{"@value":"urn:uuid:0b3a0000-0000-4000-8000-00000000a001"},"type":["Achievement"],"name":"Interop Numbers","description":"Numbers typed xsd:float by the OB context, and untyped JSON numbers.","criteria":{"narrative":"Canonicalize numbers exactly as JSON-LD toRdf does."},"creditsAvailable":1e+21}}}]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#;

/// Runs `f` on a thread with the 2 MiB stack Rust gives spawned threads
/// (tokio workers have the same), whatever `RUST_MIN_STACK` says.
fn on_small_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn_scoped(s, f)
            .unwrap()
            .join()
            .unwrap()
    })
}

fn canon() -> GenericCanonicalizer {
    GenericCanonicalizer::new(ContextLoader::default(), Limits::default())
}

#[test]
fn found_input_is_canonicalized_without_overflow() {
    let doc: Value = serde_json::from_str(FOUND).unwrap();
    let c = canon();
    let out = on_small_stack(|| c.canonicalize(&doc));
    // Its achievement `id` is a value object: an expansion error, reported
    // as such instead of aborting.
    let err = out.unwrap_err();
    assert!(
        matches!(err, CanonError::Expansion { ref reason, .. } if reason.contains("@id")),
        "{err:?}"
    );
}

/// A chain of 64 nested objects (the top-level one and 63 below it, the
/// most the default depth limit allows) goes through; one more is refused.
#[test]
fn nesting_up_to_the_depth_limit_fits_the_stack() {
    let c = canon();
    let nested = |levels: usize| -> Value {
        // Named nodes, so the test measures stack depth, not the RDFC-1.0
        // work a 64-long chain of look-alike blank nodes would need.
        let mut v = serde_json::json!("leaf");
        for i in 0..levels {
            v = serde_json::json!({ "@id": format!("http://example.org/n{i}"), "p": v });
        }
        serde_json::json!({ "@context": { "@vocab": "http://example.org/" }, "p": v })
    };
    let ok = nested(63);
    let out = on_small_stack(|| c.canonicalize(&ok)).unwrap();
    assert_eq!(out.lines().count(), 64, "{out}");
    let deep = nested(64);
    let err = on_small_stack(|| c.canonicalize(&deep)).unwrap_err();
    assert!(
        matches!(err, CanonError::Limit(ref l) if l.limit == Limit::JsonDepth),
        "{err:?}"
    );
}
