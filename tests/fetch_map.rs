#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! MapFetcher: size cap, non-200 statuses, fragments, JSON helper.

use openbadges::fetch::{FetchError, Fetched, Fetcher, MapFetcher};
use serde_json::json;

#[test]
fn size_cap_is_enforced() {
    let f = MapFetcher::new().with("https://a.example/big", Fetched::ok(vec![b'x'; 1000]));
    assert_eq!(
        f.fetch("https://a.example/big", 1000).unwrap().body.len(),
        1000
    );
    let err = f.fetch("https://a.example/big", 999).unwrap_err();
    assert_eq!(
        err,
        FetchError::TooLarge {
            url: "https://a.example/big".into(),
            max_bytes: 999
        }
    );
    assert!(err.to_string().contains("over 999 bytes"), "{err}");
}

#[test]
fn serves_410_gone() {
    let f = MapFetcher::new().with("https://a.example/status/1", Fetched::status_only(410));
    let r = f.fetch("https://a.example/status/1", 100).unwrap();
    assert_eq!(r.status, 410);
    assert!(!r.is_success());
    assert!(r.body.is_empty());
}

#[test]
fn unknown_urls_are_not_found_and_fragments_are_ignored() {
    let mut f = MapFetcher::new();
    assert!(f.is_empty());
    f.insert_json("https://a.example/list", &json!({"a": 1}))
        .unwrap();
    assert_eq!(f.len(), 1);
    let r = f.fetch("https://a.example/list#23", 100).unwrap();
    assert!(r.is_success());
    assert_eq!(r.content_type.as_deref(), Some("application/json"));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&r.body).unwrap(),
        json!({"a": 1})
    );
    assert!(matches!(
        f.fetch("https://a.example/other", 100),
        Err(FetchError::NotFound { .. })
    ));
}

#[test]
fn usable_as_a_shared_trait_object() {
    let f: std::sync::Arc<dyn Fetcher> = std::sync::Arc::new(MapFetcher::new().with(
        "https://a.example/x",
        Fetched::new(b"hi".to_vec(), 200, Some("text/plain".into())),
    ));
    let g = f.clone();
    let h = std::thread::spawn(move || g.fetch("https://a.example/x", 10).unwrap().body);
    assert_eq!(h.join().unwrap(), b"hi");
}
