//! Verifies a credential and writes its badge page: one static HTML file
//! (no JavaScript, nothing remote) with the verdict at the top, the
//! achievement, its evidence and every verification check.
//!
//! ```text
//! cargo run --example badge_page -- CREDENTIAL --out PAGE.html
//!     [--fetch-map MAP.json]... [--now RFC3339] [--page-url URL] [--colour #RRGGBB]
//!
//!   CREDENTIAL             an OB 3.0 credential: JSON, or a PNG / SVG with the JSON baked in
//!   --out PAGE.html        where to write the page
//!   --fetch-map MAP.json   serve URLs from files, as in the verify example:
//!                          {"URL": "path relative to the map"} or
//!                          {"URL": {"file": "path", "status": 410, "content_type": "..."}}
//!   --now RFC3339          the time to verify at (default: the system clock)
//!   --page-url URL         where the page will be published (footer, LinkedIn certUrl)
//!   --colour #RRGGBB       band colour of the drawn badge image
//! ```
//!
//! Nothing is fetched from the network (`openbadges::verify::verify` with a
//! `MapFetcher`, else offline), so a credential with a status list and no
//! map is INDETERMINATE.
//!
//! Exit status, as the verify example: 0 VALID; 1 INVALID; 2 INDETERMINATE
//! (the page is written in all three cases and says the verdict at the
//! top); 3 could not run (bad usage, an unreadable file, an unsupported
//! format, JSON that is not an OB 3.0 credential the page can show, or the
//! page could not be written).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use openbadges::bake::{extract, sniff_format, Content, ImageFormat};
use openbadges::display::image::Rgb;
use openbadges::display::page::BadgePage;
use openbadges::fetch::MapFetcher;
use openbadges::limits::{parse_json_limited, Limits};
use openbadges::verify::{verify, Verdict, VerifyOptions};

const USAGE: &str = "usage: badge_page CREDENTIAL --out PAGE.html [--fetch-map MAP.json]... \
[--now RFC3339] [--page-url URL] [--colour #RRGGBB]";

/// Exit status when verification or rendering could not run.
const COULD_NOT_RUN: u8 = 3;

fn usage(msg: &str) -> ExitCode {
    eprintln!("badge_page: {msg}\n{USAGE}");
    ExitCode::from(COULD_NOT_RUN)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("badge_page: {msg}");
    ExitCode::from(COULD_NOT_RUN)
}

#[derive(Default)]
struct Args {
    credential: Option<String>,
    out: Option<String>,
    now: Option<chrono::DateTime<chrono::Utc>>,
    fetcher: Option<MapFetcher>,
    page_url: Option<String>,
    colour: Option<Rgb>,
}

fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut a = Args::default();
    let max = Limits::DEFAULT.max_fetch_bytes;
    while let Some(arg) = it.next() {
        let mut value = |flag: &str| it.next().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--out" => a.out = Some(value("--out")?),
            "--now" => {
                let v = value("--now")?;
                let t = chrono::DateTime::parse_from_rfc3339(&v)
                    .map_err(|e| format!("--now {v}: {e}"))?;
                a.now = Some(t.with_timezone(&chrono::Utc));
            }
            "--fetch-map" => {
                let v = value("--fetch-map")?;
                a.fetcher
                    .get_or_insert_with(MapFetcher::new)
                    .load_map_file(Path::new(&v), max)
                    .map_err(|e| format!("--fetch-map {e}"))?;
            }
            "--page-url" => a.page_url = Some(value("--page-url")?),
            "--colour" | "--color" => {
                let v = value("--colour")?;
                a.colour = Some(Rgb::from_hex(&v).map_err(|e| format!("--colour: {e}"))?);
            }
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => {
                if a.credential.replace(arg.clone()).is_some() {
                    return Err("give one CREDENTIAL".into());
                }
            }
        }
    }
    Ok(a)
}

/// The credential's JSON text: the file itself, or what is baked in it.
fn credential_json(path: &str, limits: &Limits) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let Some(format) = sniff_format(&bytes) else {
        return Ok(bytes);
    };
    let kind = match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Svg => "SVG",
        _ => "image",
    };
    match extract(&bytes, limits).map_err(|e| format!("{path}: {e}"))? {
        Some(p) => match p.content() {
            Content::Json(json) => Ok(json.clone().into_bytes()),
            _ => Err(format!(
                "{path}: the {kind} holds a {} that is not JSON; a badge page needs the JSON credential",
                p.version()
            )),
        },
        None => Err(format!("{path}: no badge is baked in this {kind}")),
    }
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(msg) if msg.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => return usage(&msg),
    };
    let (Some(file), Some(out)) = (&args.credential, &args.out) else {
        return usage("CREDENTIAL and --out are required");
    };
    let limits = Limits::DEFAULT;
    let now = args.now.unwrap_or_else(chrono::Utc::now);
    let mut options = VerifyOptions::at(now);
    if let Some(f) = args.fetcher {
        options = options.fetcher(Arc::new(f));
    }

    let bytes = match credential_json(file, &limits) {
        Ok(b) => b,
        Err(e) => return fail(&e),
    };
    let report = match verify(&bytes, &options) {
        Ok(r) => r,
        Err(e) => return fail(&format!("{file}: {e}")),
    };
    let value = match parse_json_limited(&bytes, &limits) {
        Ok(v) => v,
        Err(e) => return fail(&format!("{file}: {}: {e}", report.verdict())),
    };
    let mut page = match BadgePage::new(&value, &report) {
        Ok(p) => p.checked_at(now),
        Err(e) => return fail(&format!("{file} ({}): {e}", report.verdict())),
    };
    if let Some(c) = args.colour {
        page = page.colour(c);
    }
    if let Some(u) = &args.page_url {
        page = match page.page_url(u) {
            Ok(p) => p,
            Err(e) => return usage(&e.to_string()),
        };
    }
    if let Err(e) = std::fs::write(out, page.to_html()) {
        return fail(&format!("cannot write {out}: {e}"));
    }
    let verdict = report.verdict();
    let headline = match verdict {
        Verdict::Valid => String::new(),
        Verdict::Invalid => report
            .most_specific()
            .map(|c| format!(" ({}: {})", c.id, c.outcome.reason().unwrap_or_default()))
            .unwrap_or_default(),
        Verdict::Indeterminate => {
            let missing: Vec<&str> = report
                .unverified_required()
                .iter()
                .map(|c| c.name())
                .collect();
            format!(" (not verified: {})", missing.join(", "))
        }
    };
    eprintln!("{verdict} {file}{headline}: page written to {out}");
    match verdict {
        Verdict::Valid => ExitCode::SUCCESS,
        Verdict::Invalid => ExitCode::from(1),
        Verdict::Indeterminate => ExitCode::from(2),
    }
}
