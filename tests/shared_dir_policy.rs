#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The `../shared` policy of `tests/shared_dir`: a missing reference file is a
//! printed skip, unless `OPENBADGES_REQUIRE_SHARED` is set, when it is a
//! failure. `cargo test` exercises one branch, `.ci/run` (which sets the
//! variable) the other.

mod shared_dir;

#[test]
fn a_missing_reference_file_skips_or_fails_by_the_variable() {
    let r = std::panic::catch_unwind(|| shared_dir::spec("no-such-folder/no-such-file.json"));
    if shared_dir::required() {
        let msg = r.expect_err("a missing file must fail when the variable is set");
        let msg = msg.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(msg.contains(shared_dir::REQUIRE_ENV), "{msg}");
        assert!(msg.contains("no-such-file.json"), "{msg}");
    } else {
        assert_eq!(
            r.unwrap(),
            None,
            "a missing file is a skip without the variable"
        );
    }
}

#[test]
fn a_present_reference_folder_is_returned() {
    if shared_dir::root().join("spec").is_dir() {
        let p = shared_dir::spec("").unwrap();
        assert!(p.ends_with("shared/spec"), "{}", p.display());
        assert!(shared_dir::spec("PROVENANCE.tsv").unwrap().is_file());
        assert!(!shared_dir::read_spec("PROVENANCE.tsv").unwrap().is_empty());
    } else {
        assert!(
            !shared_dir::required(),
            "../shared/spec is absent although {} is set",
            shared_dir::REQUIRE_ENV
        );
    }
}
