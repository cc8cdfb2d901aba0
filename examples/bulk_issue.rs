#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Mints a whole city's badges in bulk, as NDJSON.
//!
//! ```text
//! cargo run --release --example bulk_issue -- --teachers N --out FILE [--seed HEX]
//! ```
//!
//! Generates a roster of N teachers in 1,800 schools across 30 districts;
//! each earns some of the 18 competencies of
//! `fixtures/frameworks/teacher-leadership.json` (each with probability 3/4),
//! through a coach's assessment carrying the evidence the competency asks
//! for, evaluated into an award and issued as an OB 3.0 credential
//! (eddsa-rdfc-2022) with a BitstringStatusListEntry. The recipient is
//! identified by a salted SHA-256 hash of the teacher's e-mail.
//!
//! Writes:
//! - `FILE`: one signed credential a line;
//! - `FILE.roster.csv`: `teacher_id,email,school,district`;
//! - `FILE.status-N.json`: the signed status list credentials the slots came
//!   from (all bits clear), and `FILE.fetch-map.json` serving them at their
//!   URLs (the `verify` / `bulk_verify` `--fetch-map` format);
//! - `FILE.status-journal.json`: the status allocation journal. When it
//!   exists, a run resumes: the whole credentials already in FILE are kept,
//!   a torn last line is cut, and the rest are issued with fresh slots (a
//!   crashed run never hands one slot to two credentials). Delete it to
//!   start over.
//!
//! The issuer's key is `--seed` (64 hex digits; default the test key
//! 000102…1f, never for real badges), its `did:key` the issuer id; the
//! roster and every credential derive from the seed, so a fresh run is
//! byte-for-byte deterministic. Progress goes to stderr, then a summary:
//! credentials, seconds, credentials/s, per core, peak memory (VmHWM).
//! Exit status 0 on success, 1 on failure, 2 on a usage error.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

mod city;

const USAGE: &str =
    "usage: cargo run --release --example bulk_issue -- --teachers N --out FILE [--seed HEX]";

fn parse_hex32(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Peak resident memory (VmHWM) in KiB, on Linux.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A one-line progress bar on stderr: redrawn in place on a terminal,
/// otherwise a line every 10%.
struct Progress {
    start: Instant,
    tty: bool,
    last_decile: usize,
    last_draw: Option<Instant>,
}

impl Progress {
    fn new() -> Self {
        Progress {
            start: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            last_decile: 0,
            last_draw: None,
        }
    }

    fn update(&mut self, done: usize, total: usize) {
        let total = total.max(1);
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let rate = done as f64 / secs;
        let eta = if rate > 0.0 {
            (total.saturating_sub(done)) as f64 / rate
        } else {
            0.0
        };
        let text = format!(
            "{done}/{total} credentials, {rate:.1}/s, ETA {:.0} s",
            eta.max(0.0)
        );
        if self.tty {
            let now = Instant::now();
            if done < total
                && self
                    .last_draw
                    .is_some_and(|t| now - t < std::time::Duration::from_millis(200))
            {
                return;
            }
            self.last_draw = Some(now);
            let width = 30;
            let filled = done * width / total;
            eprint!(
                "\r[{}{}] {text}   ",
                "#".repeat(filled),
                " ".repeat(width - filled.min(width))
            );
            if done >= total {
                eprintln!();
            }
        } else {
            let decile = done * 10 / total;
            if decile > self.last_decile || done >= total {
                self.last_decile = decile;
                eprintln!("{}% {text}", decile * 10);
            }
        }
        let _ = std::io::stderr().flush();
    }
}

fn main() -> ExitCode {
    let mut teachers = None;
    let mut out = None;
    let mut seed = city::DEFAULT_SEED;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--teachers" => match args.next().and_then(|v| v.parse::<usize>().ok()) {
                Some(n) if n > 0 => teachers = Some(n),
                _ => {
                    eprintln!("error: --teachers needs a positive number\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--out" => out = args.next().map(PathBuf::from),
            "--seed" => match args.next().as_deref().and_then(parse_hex32) {
                Some(s) => seed = s,
                None => {
                    eprintln!("error: --seed must be 64 hex digits\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("error: unknown argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(teachers), Some(out)) = (teachers, out) else {
        eprintln!("error: --teachers and --out are required\n{USAGE}");
        return ExitCode::from(2);
    };

    let start = Instant::now();
    let mut bar = Progress::new();
    let run = match city::issue(&out, teachers, &seed, |done, total| bar.update(done, total)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("\nerror: {e}");
            return ExitCode::FAILURE;
        }
    };
    let secs = start.elapsed().as_secs_f64();
    let issued = run.issued.issued;
    let rate = issued as f64 / secs.max(1e-9);
    let cores = openbadges::bulk::threads();
    if run.already > 0 {
        eprintln!(
            "resumed: {} credentials were already in {}",
            run.already,
            out.display()
        );
    }
    eprintln!(
        "{issued} credentials ({teachers} teachers, {} in the city) in {secs:.1} s: {rate:.1} credentials/s, {:.1} per core ({cores} cores); peak memory {}",
        run.total,
        rate / cores as f64,
        peak_kib().map_or_else(|| "unknown".to_owned(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
    );
    eprintln!(
        "wrote {}, {}, {}, {} status list(s): {}",
        out.display(),
        run.files.roster.display(),
        run.files.fetch_map.display(),
        run.lists.len(),
        run.lists
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    ExitCode::SUCCESS
}
