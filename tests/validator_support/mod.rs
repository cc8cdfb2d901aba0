//! The 1EdTech validator's OB 2.0 test map, shared by the tests that run
//! its samples (`tests/verify_conformance_ob2.rs`, `tests/convert.rs`):
//! the validator serves `ob20/assets/` at three example.org prefixes.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;

use openbadges::fetch::{Fetched, MapFetcher};

/// Every file of `assets` at `https://www.example.org/`,
/// `https://example.org/` and `http://example.org/`.
pub fn asset_map(assets: &Path) -> MapFetcher {
    let mut m = MapFetcher::new();
    for e in std::fs::read_dir(assets).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().into_string().unwrap();
        let body = std::fs::read(e.path()).unwrap();
        for p in [
            "https://www.example.org/",
            "https://example.org/",
            "http://example.org/",
        ] {
            m.insert(format!("{p}{name}"), Fetched::ok(body.clone()));
        }
    }
    m
}
