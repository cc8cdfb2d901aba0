//! `examples/bake.rs` end to end: bake, extract, and its exit codes
//! (0 success, 1 bad input, 2 usage).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod bake_support;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::OnceLock;

use bake_support::*;

/// The example binary: beside this test's (`cargo test` builds examples),
/// else built now.
fn example() -> &'static PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().unwrap();
        let profile_dir = exe.parent().unwrap().parent().unwrap();
        let bin = profile_dir
            .join("examples")
            .join(format!("bake{}", std::env::consts::EXE_SUFFIX));
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--example", "bake"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(status.success());
        assert!(bin.exists(), "{}", bin.display());
        bin
    })
}

fn run(args: &[&str]) -> Output {
    Command::new(example()).args(args).output().unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bake_example");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn bakes_and_extracts_every_kind() {
    for (name, payload) in payloads() {
        let cred = tmp(&format!("{name}.txt"));
        std::fs::write(&cred, payload.as_str()).unwrap();
        for (ext, image) in [
            ("png", "fixtures/images/badge.png"),
            ("svg", "fixtures/images/badge.svg"),
        ] {
            let out = tmp(&format!("{name}.{ext}"));
            let image = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(image);
            let o = run(&[
                "--image",
                image.to_str().unwrap(),
                "--credential",
                cred.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
            // The example's file is what the library bakes.
            let expected =
                openbadges::bake::bake(&std::fs::read(&image).unwrap(), &payload, &L).unwrap();
            assert_eq!(std::fs::read(&out).unwrap(), expected, "{name}.{ext}");
            let o = run(&["--extract", out.to_str().unwrap()]);
            assert_eq!(o.status.code(), Some(0));
            assert_eq!(
                String::from_utf8(o.stdout).unwrap(),
                format!("{}\n", payload.as_str())
            );
            let err = String::from_utf8(o.stderr).unwrap();
            let version = match payload.version() {
                openbadges::bake::Version::Ob2 => "Open Badges 2.0",
                _ => "Open Badges 3.0",
            };
            assert!(err.contains(version), "{err}");
        }
    }
}

#[test]
fn exit_codes() {
    let png = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/images/badge.png");
    let png = png.to_str().unwrap();
    // Usage errors: 2.
    for args in [
        &[][..],
        &["--image", png][..],
        &["--extract"][..],
        &["--extract", png, "--out", "x"][..],
        &["--bogus"][..],
        &["--image", png, "--image", png][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&o.stderr).contains("usage:"));
    }
    // Bad input: 1, with the reason on stderr.
    let o = run(&["--extract", png]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no badge"));
    let o = run(&["--extract", "/nonexistent/file.png"]);
    assert_eq!(o.status.code(), Some(1));
    let garbage = tmp("garbage.png");
    let mut bytes = std::fs::read(png).unwrap();
    bytes.truncate(100);
    std::fs::write(&garbage, &bytes).unwrap();
    let o = run(&["--extract", garbage.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("truncated PNG"));
    let not_cred = tmp("not-a-credential.txt");
    std::fs::write(&not_cred, "hello").unwrap();
    let out = tmp("never.png");
    let o = run(&[
        "--image",
        png,
        "--credential",
        not_cred.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists());
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
}
