//! Converts a verified Open Badges 2.0 assertion into an Open Badges 3.0
//! `OpenBadgeCredential` signed by the converting issuer
//! (`openbadges::convert`, the OB 3.0 implementation guide's repackaging).
//!
//! ```text
//! cargo run --example convert -- [--fetch-map MAP.json]... [--now RFC3339] [--seed HEX]
//!     [--issuer-name NAME] [--id IRI] [--same-issuer] ASSERTION --out FILE
//!
//!   ASSERTION             an OB 2.0 assertion: hosted JSON, a signed compact JWS, or
//!                         either baked in a PNG or SVG
//!   --out FILE            where the signed OB 3.0 credential (pretty JSON) is written
//!   --fetch-map MAP.json  serve URLs from files, as for the verify example:
//!                         {"URL": "path relative to the map"} or
//!                         {"URL": {"file": "path", "status": 410, "content_type": "..."}}
//!                         (repeatable; the assertion's host, badge class, issuer profile,
//!                         keys and revocation list are read through it, nothing else)
//!   --now RFC3339         verify at, and sign at (proof created), this time
//!                         (default: the system clock, whole seconds)
//!   --seed HEX            the converting issuer's Ed25519 secret key (32-byte seed) as
//!                         64 hex digits; the issuer is its did:key (default: the fixed
//!                         test key 000102...1f, as the mint example)
//!   --issuer-name NAME    the converting issuer's name (default "Open Badges converter")
//!   --id IRI              the new credential's id (default: a urn:uuid derived from the
//!                         assertion id and the converting issuer)
//!   --same-issuer         the converting issuer IS the OB 2.0 issuer: its profile's
//!                         otherIdentifier names the OB 2.0 issuer id
//! ```
//!
//! The assertion is verified first (every OB 2.0 check, offline, through
//! the fetch maps); only a VALID one is converted. The credential written
//! is then verified as OB 3.0 with the same options before the file is
//! written. Standard output: `CONVERTED ASSERTION -> FILE (id)`, or
//! `REFUSED ASSERTION: VERDICT: check: reason`; standard error: the OB 2.0
//! verification report.
//!
//! Exit status: **0** converted and written; **1** refused, the assertion is
//! invalid (revoked, tampered, expired, …); **2** refused, its verification is
//! indeterminate (a document could not be fetched); **3** could not run (bad
//! usage, unreadable file, unsupported format, a conversion or signing
//! error, or a written credential that did not verify). Nothing is written
//! unless the exit status is 0. Never mint real credentials with a key given
//! on a command line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use openbadges::convert::{convert, ConvertError, ConvertOptions, VerifiedAssertion};
use openbadges::fetch::MapFetcher;
use openbadges::ids::{DateTime, Iri};
use openbadges::issue::Issuer;
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::Limits;
use openbadges::model::v3::Profile;
use openbadges::verify::{verify, Verdict, VerifyOptions};
use sha2::{Digest, Sha256};

const USAGE: &str = "usage: convert [--fetch-map MAP.json]... [--now RFC3339] [--seed HEX] \
[--issuer-name NAME] [--id IRI] [--same-issuer] ASSERTION --out FILE";

/// Exit status when the conversion could not run.
const COULD_NOT_RUN: u8 = 3;

/// The fixed default key: bytes 0x00..0x1f (as the mint example).
const DEFAULT_SEED: [u8; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31,
];

fn usage(msg: &str) -> ExitCode {
    eprintln!("convert: {msg}\n{USAGE}");
    ExitCode::from(COULD_NOT_RUN)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("convert: {msg}");
    ExitCode::from(COULD_NOT_RUN)
}

fn parse_hex32(s: &str) -> Option<[u8; 32]> {
    let bytes = hex::decode(s).ok()?;
    bytes.try_into().ok()
}

/// A urn:uuid (version 8) from SHA-256 of `seed`.
fn derived_id(seed: &str) -> Iri {
    let mut b: [u8; 16] = Sha256::digest(seed.as_bytes())[..16].try_into().unwrap();
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let x = hex::encode(b);
    Iri::new(format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &x[0..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..32]
    ))
    .unwrap()
}

fn value(it: &mut impl Iterator<Item = String>, flag: &str) -> Result<String, ExitCode> {
    it.next()
        .ok_or_else(|| usage(&format!("{flag} needs a value")))
}

struct Args {
    fetcher: MapFetcher,
    now: Option<chrono::DateTime<chrono::Utc>>,
    seed: [u8; 32],
    issuer_name: String,
    id: Option<Iri>,
    same_issuer: bool,
    out: Option<String>,
    files: Vec<String>,
}

fn parse_args() -> Result<Args, ExitCode> {
    let mut a = Args {
        fetcher: MapFetcher::new(),
        now: None,
        seed: DEFAULT_SEED,
        issuer_name: "Open Badges converter".into(),
        id: None,
        same_issuer: false,
        out: None,
        files: Vec::new(),
    };
    let max = Limits::DEFAULT.max_fetch_bytes;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--fetch-map" => {
                let v = value(&mut it, "--fetch-map")?;
                a.fetcher
                    .load_map_file(Path::new(&v), max)
                    .map_err(|e| usage(&format!("--fetch-map {e}")))?;
            }
            "--now" => {
                let v = value(&mut it, "--now")?;
                let t = chrono::DateTime::parse_from_rfc3339(&v)
                    .map_err(|e| usage(&format!("--now {v}: {e}")))?;
                a.now = Some(t.with_timezone(&chrono::Utc));
            }
            "--seed" => {
                let v = value(&mut it, "--seed")?;
                a.seed = parse_hex32(&v)
                    .ok_or_else(|| usage("--seed must be 64 hex digits (a 32-byte seed)"))?;
            }
            "--issuer-name" => a.issuer_name = value(&mut it, "--issuer-name")?,
            "--id" => {
                let v = value(&mut it, "--id")?;
                a.id = Some(Iri::new(v.clone()).map_err(|e| usage(&format!("--id {v}: {e}")))?);
            }
            "--same-issuer" => a.same_issuer = true,
            "--out" => a.out = Some(value(&mut it, "--out")?),
            "--help" | "-h" => {
                println!("{USAGE}");
                return Err(ExitCode::SUCCESS);
            }
            "--" => a.files.extend(it.by_ref()),
            s if s.starts_with("--") => return Err(usage(&format!("unknown option {s}"))),
            _ => a.files.push(arg.clone()),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(code) => return code,
    };
    let [file] = args.files.as_slice() else {
        return usage("exactly one ASSERTION is needed");
    };
    let Some(out) = args.out.as_deref() else {
        return usage("--out FILE is needed");
    };
    let now = args.now.unwrap_or_else(|| {
        let t = chrono::Utc::now();
        DateTime::from_utc(t).to_utc()
    });
    let mut options = VerifyOptions::at(now);
    if !args.fetcher.is_empty() {
        options = options.fetcher(Arc::new(args.fetcher));
    }
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return fail(&format!("cannot read {file}: {e}")),
    };
    let verified = match VerifiedAssertion::verify(&bytes, &options) {
        Ok(v) => v,
        Err(e) => return fail(&format!("{file}: {e}")),
    };
    eprint!("{}", verified.report());

    let key = Ed25519KeyPair::from_seed(&args.seed);
    let did = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&args.seed));
    let profile = match Profile::builder()
        .id(did.id().clone())
        .name(args.issuer_name.clone())
        .build()
    {
        Ok(p) => p,
        Err(e) => return usage(&format!("--issuer-name: {e}")),
    };
    let issuer = Issuer::with_profile(profile, key, did.verification_method().to_owned());
    let id = args.id.clone().unwrap_or_else(|| {
        let original = verified.report().credential_id.clone().unwrap_or_default();
        derived_id(&format!("{original} {}", issuer.id()))
    });
    let convert_options =
        ConvertOptions::new(id.clone(), DateTime::from_utc(now)).same_issuer(args.same_issuer);

    let signed = match convert(&verified, &issuer, &convert_options) {
        Ok(s) => s,
        Err(ConvertError::NotValid {
            verdict,
            check,
            reason,
        }) => {
            println!("REFUSED {file}: {verdict}: {check}: {reason}");
            return ExitCode::from(if verdict == Verdict::Invalid { 1 } else { 2 });
        }
        Err(e) => return fail(&format!("{file}: {e}")),
    };
    let json = match serde_json::to_vec_pretty(&signed) {
        Ok(j) => j,
        Err(e) => return fail(&format!("cannot serialize the credential: {e}")),
    };
    // What is written must verify as OB 3.0, as a relying party would check it.
    match verify(&json, &options) {
        Ok(r) if r.is_valid() => {}
        Ok(r) => return fail(&format!("the converted credential did not verify:\n{r}")),
        Err(e) => return fail(&format!("the converted credential did not verify: {e}")),
    }
    if let Err(e) = std::fs::write(out, &json) {
        return fail(&format!("cannot write {out}: {e}"));
    }
    println!("CONVERTED {file} -> {out} ({id})");
    ExitCode::SUCCESS
}
