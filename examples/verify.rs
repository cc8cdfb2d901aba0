//! Verifies credential files offline and prints one line per file.
//!
//! ```text
//! cargo run --example verify -- [--json] [--now RFC3339] [--context URL=FILE]... FILE...
//! ```
//!
//! - human output: `PASS file: headline` or `FAIL file: headline`, then the
//!   report (one line per check);
//! - `--json`: one JSON object per line, `{"file", "valid", "report"}` (or
//!   `{"file", "valid": false, "error"}` when verification could not run);
//! - `--now`: the time to verify at (default: the system clock);
//! - `--context URL=FILE`: serve FILE for the JSON-LD context URL (repeatable).
//!
//! Exit status: 0 when every file verified, 1 otherwise (including files that
//! could not be read or are in an unsupported format), 2 for bad usage.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::ExitCode;

use openbadges::contexts::ContextLoader;
use openbadges::verify::{canonicalizer_for, verify, Outcome, VerificationReport, VerifyOptions};

const USAGE: &str = "usage: verify [--json] [--now RFC3339] [--context URL=FILE]... FILE...";

fn usage(msg: &str) -> ExitCode {
    eprintln!("verify: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn headline(r: &VerificationReport) -> String {
    if r.is_valid() {
        return "VALID".to_owned();
    }
    if let Some(c) = r.most_specific() {
        if let Outcome::Failed { reason, .. } = &c.outcome {
            return format!("{}: {reason}", c.id);
        }
    }
    let missing: Vec<&str> = r.unverified_required().iter().map(|c| c.name()).collect();
    format!("not verified (not passed: {})", missing.join(", "))
}

fn main() -> ExitCode {
    let mut json = false;
    let mut now = None;
    let mut contexts = ContextLoader::default();
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--now" => {
                let Some(v) = args.next() else {
                    return usage("--now needs a value");
                };
                match chrono::DateTime::parse_from_rfc3339(&v) {
                    Ok(t) => now = Some(t.with_timezone(&chrono::Utc)),
                    Err(e) => return usage(&format!("--now {v}: {e}")),
                }
            }
            "--context" => {
                let Some(v) = args.next() else {
                    return usage("--context needs URL=FILE");
                };
                let Some((url, file)) = v.split_once('=') else {
                    return usage(&format!("--context {v}: expected URL=FILE"));
                };
                let bytes = match std::fs::read(file) {
                    Ok(b) => b,
                    Err(e) => return usage(&format!("--context {url}: cannot read {file}: {e}")),
                };
                if let Err(e) = contexts.register_bytes(url, &bytes) {
                    return usage(&format!("--context {url}: {e}"));
                }
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--" => files.extend(args.by_ref()),
            s if s.starts_with("--") => return usage(&format!("unknown option {s}")),
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        return usage("no FILE given");
    }
    let options = match now {
        Some(t) => VerifyOptions::at(t),
        None => VerifyOptions::with_system_clock(),
    }
    .contexts(contexts);
    let options = options.clone().canonicalizer(canonicalizer_for(&options));

    let mut all_ok = true;
    for file in &files {
        let result = std::fs::read(file)
            .map_err(openbadges::verify::VerifyError::from)
            .and_then(|bytes| verify(&bytes, &options));
        match result {
            Ok(report) => {
                let valid = report.is_valid();
                all_ok &= valid;
                if json {
                    let line = serde_json::json!({"file": file, "valid": valid, "report": report});
                    println!("{line}");
                } else {
                    let tag = if valid { "PASS" } else { "FAIL" };
                    println!("{tag} {file}: {}", headline(&report));
                    print!("{report}");
                }
            }
            Err(e) => {
                all_ok = false;
                if json {
                    let line =
                        serde_json::json!({"file": file, "valid": false, "error": e.to_string()});
                    println!("{line}");
                } else {
                    println!("ERROR {file}: {e}");
                }
            }
        }
    }
    if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
