#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Prints the RDFC-1.0 canonical form of N-Quads read from standard input.
//!
//! ```text
//! cargo run --example canonicalize < in.nq > out.nq
//! ```
//!
//! Bad input (not N-Quads, or over a limit) prints the typed error to
//! standard error and exits with status 1.

use std::io::{Read, Write};
use std::process::ExitCode;

use openbadges::canon::rdfc::canonicalize_nquads;
use openbadges::limits::Limits;

fn main() -> ExitCode {
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        eprintln!("error: cannot read standard input as UTF-8: {e}");
        return ExitCode::FAILURE;
    }
    match canonicalize_nquads(&input, &Limits::default()) {
        Ok(out) => {
            if let Err(e) = std::io::stdout().write_all(out.as_bytes()) {
                eprintln!("error: cannot write standard output: {e}");
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
