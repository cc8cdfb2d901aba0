//! The city map: which competencies the city holds at scale, and which
//! schools reach a critical mass of teacher leaders, from verified
//! credentials only.
//!
//! ```text
//! cargo run --release --example city_report -- --roster ROSTER.csv [--fetch-map MAP]...
//!     [--framework FRAMEWORK.json] [--issuer ID]... [--now RFC3339]
//!     CREDENTIALS.ndjson --out REPORT.html --json SUMMARY.json
//! ```
//!
//! Reads the roster (`teacher_id,email,school,district`, as `bulk_issue`
//! writes it beside its output as `FILE.roster.csv`), verifies every line of
//! CREDENTIALS.ndjson through the bulk path with status checked (status lists
//! served from `--fetch-map`, as `bulk_issue` writes `FILE.fetch-map.json`),
//! matches each verified credential to its teacher and writes the page
//! (`openbadges::city::page`) and the JSON summary. The framework defaults to
//! `fixtures/frameworks/teacher-leadership.json`; `--issuer` (repeatable)
//! counts only credentials of those issuers (without it every issuer whose
//! credential verifies is counted, and the page says so). A progress bar goes
//! to stderr, then a summary.
//!
//! Exit status, as `verify` / `bulk_verify`: 0 the report was written and
//! every credential counted; 1 it was written and some credential was not
//! counted (invalid, not on the roster, another issuer, …: listed in the
//! report); 2 it was written and the only credentials not counted are
//! indeterminate (a status list not served, say); 3 the report could not be
//! built (bad usage, an unreadable roster, framework or input, a file that
//! cannot be written), or some line could not be verified at all (a format
//! not supported; the report is still written), as `bulk_verify`. 3 beats 1
//! beats 2.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use openbadges::bulk::{BulkVerifier, LineOutcome};
use openbadges::city::{page, CityOptions, CityReport, Rejection, Roster};
use openbadges::competency::Framework;
use openbadges::fetch::MapFetcher;
use openbadges::limits::Limits;
use openbadges::verify::VerifyOptions;

const USAGE: &str = "usage: city_report --roster ROSTER.csv [--fetch-map MAP.json]... [--framework FRAMEWORK.json] [--issuer ID]... [--now RFC3339] CREDENTIALS.ndjson --out REPORT.html --json SUMMARY.json";
const COULD_NOT_RUN: u8 = 3;

fn usage(msg: &str) -> ExitCode {
    eprintln!("city_report: {msg}\n{USAGE}");
    ExitCode::from(COULD_NOT_RUN)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("city_report: {msg}");
    ExitCode::from(COULD_NOT_RUN)
}

/// Counts the bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Peak resident memory (VmHWM) in KiB, on Linux.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> ExitCode {
    let mut fetcher = MapFetcher::new();
    let mut roster_path = None;
    let mut framework_path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/frameworks/teacher-leadership.json"
    ));
    let mut city = CityOptions::default();
    let mut now = None;
    let mut input = None;
    let mut out = None;
    let mut json = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--roster" => match value("--roster") {
                Ok(v) => roster_path = Some(PathBuf::from(v)),
                Err(e) => return usage(&e),
            },
            "--framework" => match value("--framework") {
                Ok(v) => framework_path = PathBuf::from(v),
                Err(e) => return usage(&e),
            },
            "--issuer" => match value("--issuer") {
                Ok(v) => city = city.issuer(v),
                Err(e) => return usage(&e),
            },
            "--out" => match value("--out") {
                Ok(v) => out = Some(PathBuf::from(v)),
                Err(e) => return usage(&e),
            },
            "--json" => match value("--json") {
                Ok(v) => json = Some(PathBuf::from(v)),
                Err(e) => return usage(&e),
            },
            "--fetch-map" => {
                let v = match value("--fetch-map") {
                    Ok(v) => v,
                    Err(e) => return usage(&e),
                };
                if let Err(e) =
                    fetcher.load_map_file(Path::new(&v), Limits::DEFAULT.max_fetch_bytes)
                {
                    return usage(&format!("--fetch-map {e}"));
                }
            }
            "--now" => {
                let v = match value("--now") {
                    Ok(v) => v,
                    Err(e) => return usage(&e),
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
            _ if input.is_some() => return usage("give one CREDENTIALS.ndjson"),
            _ => input = Some(PathBuf::from(a)),
        }
    }
    let (Some(roster_path), Some(input), Some(out), Some(json)) = (roster_path, input, out, json)
    else {
        return usage("--roster, CREDENTIALS.ndjson, --out and --json are required");
    };

    let framework = match std::fs::read(&framework_path)
        .map_err(|e| e.to_string())
        .and_then(|b| Framework::from_json_slice(&b, &Limits::DEFAULT).map_err(|e| e.to_string()))
    {
        Ok(f) => f,
        Err(e) => return fail(&format!("{}: {e}", framework_path.display())),
    };
    let roster = match std::fs::File::open(&roster_path)
        .map_err(|e| e.to_string())
        .and_then(|f| Roster::from_csv(BufReader::new(f)).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => return fail(&format!("{}: {e}", roster_path.display())),
    };
    if city.issuers.is_none() {
        eprintln!(
            "city_report: no --issuer given: counting credentials of every issuer that verify"
        );
    }
    let file = match std::fs::File::open(&input) {
        Ok(f) => f,
        Err(e) => return fail(&format!("cannot read {}: {e}", input.display())),
    };
    let total = file.metadata().map(|m| m.len()).unwrap_or(0).max(1);
    let read = Arc::new(AtomicU64::new(0));
    let reader = BufReader::with_capacity(
        1 << 20,
        Counting {
            inner: file,
            read: Arc::clone(&read),
        },
    );
    let mut options = match now {
        Some(t) => VerifyOptions::at(t),
        None => VerifyOptions::with_system_clock(),
    };
    if !fetcher.is_empty() {
        options = options.fetcher(Arc::new(fetcher));
    }
    let report = match CityReport::new(&framework, &roster, city) {
        Ok(r) => r,
        Err(e) => return fail(&e.to_string()),
    };
    let verifier = BulkVerifier::new(&options);

    let start = Instant::now();
    let tty = std::io::stderr().is_terminal();
    let mut last = Instant::now();
    let mut last_decile = 0u64;
    let mut draw = |lines: usize, done: bool| {
        let bytes = read.load(Ordering::Relaxed).min(total);
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        let rate = lines as f64 / secs;
        let eta = (total - bytes) as f64 * secs / bytes.max(1) as f64;
        let text = format!("{lines} credentials, {rate:.0}/s, ETA {eta:.0} s");
        if tty {
            if !done && last.elapsed().as_millis() < 200 {
                return;
            }
            last = Instant::now();
            let width = 30u64;
            let filled = (bytes * width / total).min(width) as usize;
            eprint!(
                "\r[{}{}] {text}   ",
                "#".repeat(filled),
                " ".repeat(width as usize - filled)
            );
            if done {
                eprintln!();
            }
        } else {
            let decile = bytes * 10 / total;
            if decile > last_decile || done {
                last_decile = decile;
                eprintln!("{}% {text}", decile * 10);
            }
        }
        let _ = std::io::stderr().flush();
    };
    let mut lines = 0usize;
    let summary = match report.build(&verifier, reader, |n| {
        lines = n;
        draw(n, false);
    }) {
        Ok(s) => s,
        Err(e) => return fail(&format!("{}: {e}", input.display())),
    };
    draw(lines, true);
    let secs = start.elapsed().as_secs_f64();

    if let Err(e) = std::fs::write(&out, page::to_html(&summary)) {
        return fail(&format!("cannot write {}: {e}", out.display()));
    }
    let mut text = match serde_json::to_vec_pretty(&summary) {
        Ok(t) => t,
        Err(e) => return fail(&format!("summary: {e}")),
    };
    text.push(b'\n');
    if let Err(e) = std::fs::write(&json, text) {
        return fail(&format!("cannot write {}: {e}", json.display()));
    }
    eprintln!(
        "{}: {} credentials counted, {} not; {} teachers, {} with a competency, {} leaders; schools: {} with 2+ leaders, {} with 1, {} with none; {secs:.1} s ({:.0} credentials/s on {} cores), peak memory {}",
        input.display(),
        summary.credentials_verified,
        summary.credentials_rejected,
        summary.teachers,
        summary.teachers_with_a_credential,
        summary.teacher_leaders,
        summary.schools_critical_mass,
        summary.schools_one_leader,
        summary.schools_no_leader,
        (summary.credentials_verified + summary.credentials_rejected) as f64 / secs.max(1e-9),
        openbadges::bulk::threads(),
        peak_kib().map_or_else(|| "unknown".to_owned(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
    );
    eprintln!("wrote {} and {}", out.display(), json.display());
    if summary.credentials_rejected == 0 {
        return ExitCode::SUCCESS;
    }
    let only_indeterminate = summary.rejected_by_kind.len() == 1
        && !summary.rejected_list_truncated
        && summary.rejected.iter().all(|r| {
            matches!(
                r.reason,
                Rejection::NotVerified {
                    outcome: LineOutcome::Indeterminate,
                    ..
                }
            )
        });
    if summary.rejected.iter().any(|r| {
        matches!(
            r.reason,
            Rejection::NotVerified {
                outcome: LineOutcome::Error,
                ..
            }
        )
    }) {
        return ExitCode::from(COULD_NOT_RUN);
    }
    ExitCode::from(if only_indeterminate { 2 } else { 1 })
}
