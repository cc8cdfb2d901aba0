//! Running the example binaries from the CLI tests: `cargo test` builds
//! them beside the test binaries (`target/<profile>/examples/`).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of example `name`, which must have been built.
pub fn example(name: &str) -> PathBuf {
    // target/debug/deps/<test>-… → target/debug/examples/<name>
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap();
    let bin = dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.is_file(),
        "{} is missing: `cargo test` builds the examples",
        bin.display()
    );
    bin
}

/// Runs example `name` with `args`: (exit code, stdout, stderr).
pub fn run(name: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(example(name)).args(args).output().unwrap();
    (
        out.status.code().expect("exited, not killed by a signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
