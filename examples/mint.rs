#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Mints and verifies a real badge: a signed OB 3.0 credential for a teacher.
//!
//! ```text
//! cargo run --example mint -- [--seed HEX] [--out FILE] [--out-dir DIR] [--now]
//! ```
//!
//! - Loads the fixture framework (`fixtures/frameworks/teacher-leadership.json`)
//!   and assessment (`fixtures/assessments/pass-ftb-2-facilitates-meetings.json`),
//!   evaluates the assessment into an award and turns it into an
//!   `OpenBadgeCredential`.
//! - Signs it (eddsa-rdfc-2022, proof as a one-element array as the OB 3.0
//!   JSON Schema wants) as the `did:key` whose Ed25519 secret key (RFC 8032
//!   seed) is `--seed`: 64 hex digits. Without `--seed` the key is the fixed
//!   test key `000102…1f` (the key of `fixtures/interop`). Never mint real
//!   badges with a key given on a command line.
//! - Prints the signed credential (pretty JSON) on standard output, or writes
//!   it to `--out FILE`.
//! - Verifies what it minted with `openbadges::verify::verify`, as a relying
//!   party would (every check, offline, at the current time) and reports
//!   `verified: VALID` on standard error; exits 1 if it is not valid or
//!   anything fails, 2 on a usage error.
//! - With `--out-dir DIR`, also writes what a person opens (the credential
//!   is still printed, or written to `--out`):
//!   - `DIR/credential.json`: the signed credential;
//!   - `DIR/badge.svg`: the badge image drawn from the achievement
//!     (`display::image`) with the credential baked in (`bake::bake_svg`);
//!   - `DIR/badge.png`: the same image rasterized (feature `raster`:
//!     `cargo run --example mint --features raster -- --out-dir DIR`), else
//!     the committed text-free seal `fixtures/images/badge-template.png`,
//!     with the credential baked in (`bake::bake_png`);
//!   - `DIR/badge.html`: the badge page (`display::page`) for the credential
//!     and its verification report.
//!
//! The proof's `created` is the award date (so the output is deterministic),
//! or the current time (whole seconds, UTC) with `--now`. The credential id
//! and the salt that hashes the teacher's e-mail are derived from the key and
//! the assessment id, so the same inputs always give the same bytes.
//!
//! **Issuer id.** The framework's publisher id is an https URL, but this
//! credential is signed with a `did:key`, and a verifier checks that the
//! proof's key belongs to the issuer. So the award's issuer (also the
//! achievement's creator) is re-homed to the `did:key`: its `id` becomes the
//! DID and its name, e-mail and description are kept; its `url` stays the
//! publisher's home page, or becomes the old https id when the publisher had
//! no `url`. An issuer that wants its https identity in `issuer.id` signs with
//! a `did:web` (or https) verification method instead.

use std::path::Path;
use std::process::ExitCode;

use openbadges::bake::{bake_png, bake_svg, Content, Payload, Version};
use openbadges::competency::{evaluate, Assessment, CredentialOptions, Framework};
use openbadges::display::image::BadgeImage;
use openbadges::display::page::{BadgePage, DEFAULT_COLOUR};
use openbadges::ids::{DateTime, Iri};
use openbadges::issue::Issuer;
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::{parse_json_limited, Limits};
use openbadges::model::v3::AchievementCredential;
use openbadges::verify::{verify, Verdict, VerificationReport, VerifyOptions};
use sha2::{Digest, Sha256};

const USAGE: &str =
    "usage: cargo run --example mint -- [--seed HEX] [--out FILE] [--out-dir DIR] [--now]
  --seed HEX     the issuer's Ed25519 secret key (32-byte seed) as 64 hex digits
                 (default: the fixed test key 000102...1f)
  --out FILE     write the signed credential to FILE instead of standard output
  --out-dir DIR  also write DIR/credential.json, DIR/badge.svg and DIR/badge.png
                 (the credential baked in) and DIR/badge.html (the badge page)
  --now          proof created = now (default: the award date, deterministic)";

/// The fixed default key: bytes 0x00..0x1f (the interop fixtures' key).
const DEFAULT_SEED: [u8; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25,
    26, 27, 28, 29, 30, 31,
];

struct Args {
    seed: [u8; 32],
    out: Option<String>,
    out_dir: Option<String>,
    now: bool,
}

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

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        seed: DEFAULT_SEED,
        out: None,
        out_dir: None,
        now: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                let v = it.next().ok_or("--seed needs a value")?;
                args.seed = parse_hex32(&v)
                    .ok_or_else(|| format!("--seed must be 64 hex digits, got {v:?}"))?;
            }
            "--out" => args.out = Some(it.next().ok_or("--out needs a value")?),
            "--out-dir" => args.out_dir = Some(it.next().ok_or("--out-dir needs a value")?),
            "--now" => args.now = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(args)
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn fixture(path: &str) -> Result<Vec<u8>, String> {
    let p = format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).map_err(|e| format!("cannot read {p}: {e}"))
}

fn run(args: &Args) -> Result<(), String> {
    let framework = Framework::from_json_slice(
        &fixture("frameworks/teacher-leadership.json")?,
        &Limits::DEFAULT,
    )
    .map_err(|e| e.to_string())?;
    let assessment = Assessment::from_json_slice(
        &fixture("assessments/pass-ftb-2-facilitates-meetings.json")?,
        &Limits::DEFAULT,
    )
    .map_err(|e| e.to_string())?;
    let mut award = evaluate(&framework, &assessment, None).map_err(|e| e.to_string())?;

    let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&args.seed));

    // Re-home the issuer to the did:key (see the module docs).
    award.issue_as(issuer.id().clone());

    // Deterministic credential id (UUID layout, version 8 = custom) and
    // e-mail salt, both from the secret key and the assessment id.
    let mut h = Sha256::new();
    h.update(b"openbadges mint credential id\0");
    h.update(issuer.id().as_str());
    h.update(b"\0");
    h.update(assessment.id.as_str());
    let id = Iri::urn_uuid_from_digest(&h.finalize()).ok_or("digest too short")?;
    let mut h = Sha256::new();
    h.update(b"openbadges mint email salt\0");
    h.update(args.seed);
    h.update(assessment.id.as_str());
    let salt = hex(&h.finalize()[..16]);

    let options = CredentialOptions::new(id).email_salt(salt);
    let credential = award.to_credential(&options).map_err(|e| e.to_string())?;

    let created = if args.now {
        DateTime::from_utc(chrono::Utc::now())
    } else {
        award.awarded_on.clone()
    };
    let signed = issuer
        .sign_credential(&credential, created)
        .map_err(|e| e.to_string())?;

    let mut text = serde_json::to_string_pretty(&signed).map_err(|e| e.to_string())?;
    text.push('\n');
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text).map_err(|e| format!("cannot write {path}: {e}"))?
        }
        None => print!("{text}"),
    }

    // Verify what was minted as a relying party would: the bytes written,
    // every check of `verify` (proof, key binding, signed graph, dates,
    // status), offline, at the current time.
    let checked_at = chrono::Utc::now();
    let report = verify(text.as_bytes(), &VerifyOptions::at(checked_at))
        .map_err(|e| format!("the minted credential could not be verified: {e}"))?;
    if report.verdict() != Verdict::Valid {
        return Err(format!("the minted credential is NOT valid:\n{report}"));
    }
    eprintln!(
        "verified: VALID ({} checks; {} by {})",
        report.checks.len(),
        issuer.cryptosuite().name().unwrap_or("?"),
        issuer.verification_method()
    );
    if let Some(dir) = &args.out_dir {
        write_files(Path::new(dir), &text, &report, checked_at)?;
    }
    Ok(())
}

/// The files a person opens: the credential, the baked SVG and PNG, the page.
fn write_files(
    dir: &Path,
    text: &str,
    report: &VerificationReport,
    checked_at: chrono::DateTime<chrono::Utc>,
) -> Result<(), String> {
    let limits = Limits::DEFAULT;
    let value = parse_json_limited(text.as_bytes(), &limits).map_err(|e| e.to_string())?;
    let credential =
        AchievementCredential::from_json_value(value.clone()).map_err(|e| e.to_string())?;
    let achievement = credential
        .credential_subject
        .first()
        .and_then(|s| s.achievement())
        .ok_or("the credential has no achievement")?;
    let issuer_name = credential
        .issuer_profile()
        .and_then(|p| p.name.clone())
        .unwrap_or_default();
    let image = BadgeImage::for_achievement(achievement, issuer_name, DEFAULT_COLOUR);
    let payload = Payload::new(Version::Ob3, Content::Json(text.to_owned()), &limits)
        .map_err(|e| e.to_string())?;

    let svg = bake_svg(image.to_svg().as_bytes(), &payload, &limits).map_err(|e| e.to_string())?;
    #[cfg(feature = "raster")]
    let (png, drawn) = (image.to_png(512).map_err(|e| e.to_string())?, "drawn");
    #[cfg(not(feature = "raster"))]
    let (png, drawn) = (
        fixture("images/badge-template.png")?,
        "the template seal (--features raster draws the badge)",
    );
    let png = bake_png(&png, &payload, &limits).map_err(|e| e.to_string())?;
    let page = BadgePage::new(&value, report)
        .map_err(|e| e.to_string())?
        .checked_at(checked_at)
        .to_html();

    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, bytes) in [
        ("credential.json", text.as_bytes()),
        ("badge.svg", &svg[..]),
        ("badge.png", &png[..]),
        ("badge.html", page.as_bytes()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    eprintln!(
        "wrote {d}/credential.json, {d}/badge.svg and {d}/badge.png (credential baked in; PNG image: {drawn}), {d}/badge.html",
        d = dir.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("error: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
