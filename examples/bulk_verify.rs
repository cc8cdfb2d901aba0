#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Verifies an NDJSON file of credentials (one a line), in bulk.
//!
//! ```text
//! cargo run --release --example bulk_verify -- [--fetch-map MAP]... [--now RFC3339] FILE
//! ```
//!
//! Every line gets the full `verify` check set (proof, key binding, signed
//! graph, dates, status — the status lists served from `--fetch-map`, the
//! format the `verify` example and `bulk_issue` write), with the Ed25519
//! signatures batch-verified. Each line that is not valid is reported on
//! stdout as `line N: reason`; a summary goes to stderr.
//!
//! Exit status, as the `verify` example's: 0 every line valid; 1 some line
//! invalid; 2 none invalid but some indeterminate (a status list not
//! served, …); 3 verification could not run (bad usage, an unreadable file,
//! a line in a format not supported). 3 beats 1 beats 2.

use std::io::{BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use openbadges::bulk::{BulkVerifier, LineOutcome, VerifySummary};
use openbadges::fetch::MapFetcher;
use openbadges::limits::Limits;
use openbadges::verify::VerifyOptions;

const USAGE: &str = "usage: bulk_verify [--fetch-map MAP.json]... [--now RFC3339] FILE";
const COULD_NOT_RUN: u8 = 3;

fn usage(msg: &str) -> ExitCode {
    eprintln!("bulk_verify: {msg}\n{USAGE}");
    ExitCode::from(COULD_NOT_RUN)
}

fn main() -> ExitCode {
    let mut fetcher = MapFetcher::new();
    let mut now = None;
    let mut file = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--fetch-map" => {
                let Some(v) = args.next() else {
                    return usage("--fetch-map needs a value");
                };
                if let Err(e) =
                    fetcher.load_map_file(Path::new(&v), Limits::DEFAULT.max_fetch_bytes)
                {
                    return usage(&format!("--fetch-map {e}"));
                }
            }
            "--now" => {
                let Some(v) = args.next() else {
                    return usage("--now needs a value");
                };
                match chrono::DateTime::parse_from_rfc3339(&v) {
                    Ok(t) => now = Some(t.with_timezone(&chrono::Utc)),
                    Err(e) => return usage(&format!("--now {v}: {e}")),
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if s.starts_with("--") => return usage(&format!("unknown option {s}")),
            _ if file.is_some() => return usage("give one FILE"),
            _ => file = Some(a),
        }
    }
    let Some(file) = file else {
        return usage("no FILE given");
    };
    let mut options = match now {
        Some(t) => VerifyOptions::at(t),
        None => VerifyOptions::with_system_clock(),
    };
    if !fetcher.is_empty() {
        options = options.fetcher(Arc::new(fetcher));
    }
    let input = match std::fs::File::open(&file) {
        Ok(f) => BufReader::new(f),
        Err(e) => return usage(&format!("cannot read {file}: {e}")),
    };

    let start = Instant::now();
    let verifier = BulkVerifier::new(&options);
    let mut summary = VerifySummary::default();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for item in verifier.verify_lines(input) {
        let line = match item {
            Ok(l) => l,
            Err(e) => {
                let _ = out.flush();
                eprintln!("bulk_verify: {file}: {e}");
                return ExitCode::from(COULD_NOT_RUN);
            }
        };
        summary.count(&line);
        if line.outcome() != LineOutcome::Valid {
            let _ = writeln!(
                out,
                "line {}: {}",
                line.line,
                line.reason().unwrap_or_default()
            );
        }
    }
    let _ = out.flush();
    let secs = start.elapsed().as_secs_f64();
    let stats = verifier.stats();
    eprintln!(
        "{file}: {} lines: {} valid, {} invalid, {} indeterminate, {} not verifiable; {secs:.1} s, {:.1} lines/s on {} cores; {} signatures in {} batches ({} failed, {} lines re-verified)",
        summary.lines,
        summary.valid,
        summary.invalid,
        summary.indeterminate,
        summary.errors,
        summary.lines as f64 / secs.max(1e-9),
        openbadges::bulk::threads(),
        stats.batched_signatures,
        stats.batches,
        stats.failed_batches,
        stats.reverified,
    );
    ExitCode::from(summary.exit_code())
}
