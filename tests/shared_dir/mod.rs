//! The one way tests reach `../shared` (the reference material beside the
//! project root: W3C and 1EdTech suites, vectors, schemas, contexts).
//!
//! Without `../shared` a test that needs it prints `skipped: …` and passes,
//! so `cargo test` works on a checkout alone. With the environment variable
//! [`REQUIRE_ENV`] set (`OPENBADGES_REQUIRE_SHARED=1`, as `.ci/run` does) a
//! missing file or folder is a panic instead: CI cannot quietly skip the
//! conformance suites.
//!
//! Include it from a test file with `mod shared_dir;` and ask for what the
//! test reads, relative to `../shared/spec`:
//!
//! ```ignore
//! let Some(dir) = shared_dir::spec("rdf-canon") else { return };
//! ```
#![allow(dead_code, clippy::panic)]

use std::path::{Path, PathBuf};

/// The variable that turns a missing `../shared` from a skip into a failure.
pub const REQUIRE_ENV: &str = "OPENBADGES_REQUIRE_SHARED";

/// `../shared` beside the project root (it may not exist).
pub fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"))
}

/// Whether [`REQUIRE_ENV`] is set to anything but empty or `0`.
pub fn required() -> bool {
    std::env::var_os(REQUIRE_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// `../shared/<rel>` when that file or folder exists. Otherwise prints
/// `skipped: …` and returns `None`, or panics when [`required`].
pub fn path(rel: &str) -> Option<PathBuf> {
    let p = root().join(rel);
    if p.exists() {
        return Some(p);
    }
    missing(&p);
    None
}

/// `../shared/spec/<rel>` (`""` for the folder itself): see [`path`].
pub fn spec(rel: &str) -> Option<PathBuf> {
    if rel.is_empty() {
        path("spec")
    } else {
        path(&format!("spec/{rel}"))
    }
}

/// The bytes of `../shared/spec/<rel>`: see [`path`]. A file that exists but
/// cannot be read is a panic (that is no "absent").
pub fn read_spec(rel: &str) -> Option<Vec<u8>> {
    let p = spec(rel)?;
    Some(std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}

/// Reports `p` missing: a skip line, or a panic when [`required`].
fn missing(p: &Path) {
    if required() {
        panic!(
            "{} is missing and {REQUIRE_ENV} is set: this test must run against ../shared \
             (lay the reference folder beside the project root, or unset {REQUIRE_ENV} to skip)",
            p.display()
        );
    }
    println!("skipped: {} is absent", p.display());
}
