//! Verifies credential files and prints a verdict per file. Nothing is
//! fetched from the network: documents a credential refers to (status
//! lists, controller documents) are served from files.
//!
//! ```text
//! cargo run --example verify -- [OPTIONS] FILE...
//!
//!   --json                  one JSON object per line: {"file", "verdict", "valid", "report"}
//!                           or {"file", "verdict": "error", "valid": false, "error"}
//!   --now RFC3339           the time to verify at (default: the system clock)
//!   --fetch-map MAP.json    serve URLs from files: {"URL": "path relative to the map"} or
//!                           {"URL": {"file": "path", "status": 410, "content_type": "..."}}
//!                           (repeatable)
//!   --fetch URL=FILE        serve FILE at URL (repeatable)
//!   --status ignore         do NOT check credentialStatus (the explicit, risky opt-out;
//!                           default: require it, so an unchecked status is INDETERMINATE)
//!   --recipient IDENTITY    the credential must be about IDENTITY (e-mail, URL, DID)
//!   --context URL=FILE      serve FILE as the JSON-LD context URL (repeatable)
//!   --trust-key ISSUER=FILE trust the public key in FILE for the issuer id ISSUER (repeatable):
//!                           SPKI PEM (BEGIN PUBLIC KEY), a public JWK, a Multikey (z6Mk…,
//!                           zDn…), or an OB 2.0 CryptographicKey document (its publicKeyPem)
//! ```
//!
//! Human output: `VALID file`, `INVALID file: check: reason` or
//! `INDETERMINATE file: …`, then one line per check.
//!
//! Exit status: 0 every file VALID; 1 some file INVALID; 2 none invalid but
//! some INDETERMINATE (a required check could not run, such as a status list
//! that was not served); 3 verification could not run (bad usage, an
//! unreadable file, an unsupported format). With several files the highest
//! applicable of 3, 1, 2 wins, in that order. Never a panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use openbadges::contexts::ContextLoader;
use openbadges::fetch::{Fetched, MapFetcher};
use openbadges::jose::{JosePublicKey, TrustedKeys};
use openbadges::limits::Limits;
use openbadges::verify::{verify, StatusPolicy, Verdict, VerificationReport, VerifyOptions};

const USAGE: &str = "usage: verify [--json] [--now RFC3339] [--fetch-map MAP.json]... \
[--fetch URL=FILE]... [--status ignore] [--recipient IDENTITY] [--context URL=FILE]... \
[--trust-key ISSUER_ID=KEYFILE]... FILE...";

/// Exit status when verification could not run.
const COULD_NOT_RUN: u8 = 3;

fn usage(msg: &str) -> ExitCode {
    eprintln!("verify: {msg}\n{USAGE}");
    ExitCode::from(COULD_NOT_RUN)
}

fn headline(r: &VerificationReport) -> String {
    match r.verdict() {
        Verdict::Valid => String::new(),
        Verdict::Invalid => r
            .most_specific()
            .map(|c| format!(": {}: {}", c.id, c.outcome.reason().unwrap_or_default()))
            .unwrap_or_default(),
        Verdict::Indeterminate => {
            let missing: Vec<&str> = r.unverified_required().iter().map(|c| c.name()).collect();
            let why = r
                .first_unverified()
                .and_then(|c| c.outcome.reason())
                .map(|s| format!("; {s}"))
                .unwrap_or_default();
            format!(": not verified: {}{why}", missing.join(", "))
        }
    }
}

/// A public key from a file: SPKI PEM, a JWK, a Multikey, or an OB 2.0
/// CryptographicKey document.
fn read_key(text: &str) -> Result<JosePublicKey, String> {
    let t = text.trim();
    if t.starts_with("-----BEGIN PUBLIC KEY-----") {
        return JosePublicKey::from_spki_pem(t).map_err(|e| e.to_string());
    }
    if t.starts_with("-----BEGIN") {
        return Err("only public keys are trusted (BEGIN PUBLIC KEY), not private ones".into());
    }
    if t.starts_with('{') {
        let v: serde_json::Value = serde_json::from_str(t).map_err(|e| e.to_string())?;
        if let Some(pem) = v.get("publicKeyPem").and_then(|p| p.as_str()) {
            return JosePublicKey::from_spki_pem(pem).map_err(|e| e.to_string());
        }
        if let Some(mk) = v.get("publicKeyMultibase").and_then(|p| p.as_str()) {
            return openbadges::jose::binding::decode_jose_multikey(mk).map_err(|e| e.to_string());
        }
        return JosePublicKey::from_jwk(v.get("publicKeyJwk").unwrap_or(&v))
            .map_err(|e| e.to_string());
    }
    if t.starts_with('z') {
        return openbadges::jose::binding::decode_jose_multikey(t).map_err(|e| e.to_string());
    }
    Err("expected SPKI PEM, a JWK, a Multikey or a CryptographicKey document".into())
}

fn value(args: &mut impl Iterator<Item = String>, flag: &str) -> Result<String, ExitCode> {
    args.next()
        .ok_or_else(|| usage(&format!("{flag} needs a value")))
}

fn main() -> ExitCode {
    let mut json = false;
    let mut now = None;
    let mut contexts = None::<ContextLoader>;
    let mut fetcher = MapFetcher::new();
    let mut status = StatusPolicy::Require;
    let mut recipient = None;
    let mut trusted = TrustedKeys::new();
    let mut files = Vec::new();
    let max = Limits::DEFAULT.max_fetch_bytes;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let result: Result<(), ExitCode> = (|| {
            match a.as_str() {
                "--json" => json = true,
                "--now" => {
                    let v = value(&mut args, "--now")?;
                    let t = chrono::DateTime::parse_from_rfc3339(&v)
                        .map_err(|e| usage(&format!("--now {v}: {e}")))?;
                    now = Some(t.with_timezone(&chrono::Utc));
                }
                "--fetch-map" => {
                    let v = value(&mut args, "--fetch-map")?;
                    fetcher
                        .load_map_file(Path::new(&v), max)
                        .map_err(|e| usage(&format!("--fetch-map {e}")))?;
                }
                "--fetch" => {
                    let v = value(&mut args, "--fetch")?;
                    let (url, file) = v
                        .split_once('=')
                        .ok_or_else(|| usage(&format!("--fetch {v}: expected URL=FILE")))?;
                    let body = std::fs::read(file)
                        .map_err(|e| usage(&format!("--fetch {url}: cannot read {file}: {e}")))?;
                    fetcher.insert(url, Fetched::ok(body));
                }
                "--status" => match value(&mut args, "--status")?.as_str() {
                    "ignore" => status = StatusPolicy::Ignore,
                    "require" => status = StatusPolicy::Require,
                    other => {
                        return Err(usage(&format!(
                            "--status {other}: expected ignore or require"
                        )))
                    }
                },
                "--recipient" => recipient = Some(value(&mut args, "--recipient")?),
                "--context" => {
                    let v = value(&mut args, "--context")?;
                    let (url, file) = v
                        .split_once('=')
                        .ok_or_else(|| usage(&format!("--context {v}: expected URL=FILE")))?;
                    let bytes = std::fs::read(file)
                        .map_err(|e| usage(&format!("--context {url}: cannot read {file}: {e}")))?;
                    contexts
                        .get_or_insert_with(ContextLoader::default)
                        .register_bytes(url, &bytes)
                        .map_err(|e| usage(&format!("--context {url}: {e}")))?;
                }
                "--trust-key" => {
                    let v = value(&mut args, "--trust-key")?;
                    let (issuer, file) = v.rsplit_once('=').ok_or_else(|| {
                        usage(&format!("--trust-key {v}: expected ISSUER_ID=KEYFILE"))
                    })?;
                    let text = std::fs::read_to_string(file).map_err(|e| {
                        usage(&format!("--trust-key {issuer}: cannot read {file}: {e}"))
                    })?;
                    let key = read_key(&text)
                        .map_err(|e| usage(&format!("--trust-key {issuer}: {file}: {e}")))?;
                    trusted.insert(issuer, key);
                }
                "--help" | "-h" => {
                    println!("{USAGE}");
                    return Err(ExitCode::SUCCESS);
                }
                "--" => files.extend(args.by_ref()),
                s if s.starts_with("--") => return Err(usage(&format!("unknown option {s}"))),
                _ => files.push(a.clone()),
            }
            Ok(())
        })();
        if let Err(code) = result {
            return code;
        }
    }
    if files.is_empty() {
        return usage("no FILE given");
    }
    let mut options = match now {
        Some(t) => VerifyOptions::at(t),
        None => VerifyOptions::with_system_clock(),
    }
    .status(status);
    if let Some(c) = contexts {
        options = options.contexts(c);
    }
    if !fetcher.is_empty() {
        options = options.fetcher(Arc::new(fetcher));
    }
    if let Some(r) = recipient {
        options = options.expected_recipient(r);
    }
    if !trusted.is_empty() {
        options = options.trusted_keys(trusted);
    }

    let (mut could_not_run, mut invalid, mut indeterminate) = (false, false, false);
    for file in &files {
        let result = std::fs::read(file)
            .map_err(openbadges::verify::VerifyError::from)
            .and_then(|bytes| verify(&bytes, &options));
        match result {
            Ok(report) => {
                let verdict = report.verdict();
                invalid |= verdict == Verdict::Invalid;
                indeterminate |= verdict == Verdict::Indeterminate;
                if json {
                    let line = serde_json::json!({
                        "file": file,
                        "verdict": verdict,
                        "valid": verdict == Verdict::Valid,
                        "report": report,
                    });
                    println!("{line}");
                } else {
                    println!("{verdict} {file}{}", headline(&report));
                    print!("{report}");
                }
            }
            Err(e) => {
                could_not_run = true;
                if json {
                    let line = serde_json::json!({
                        "file": file,
                        "verdict": "error",
                        "valid": false,
                        "error": e.to_string(),
                    });
                    println!("{line}");
                } else {
                    println!("ERROR {file}: {e}");
                }
            }
        }
    }
    if could_not_run {
        ExitCode::from(COULD_NOT_RUN)
    } else if invalid {
        ExitCode::from(1)
    } else if indeterminate {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
