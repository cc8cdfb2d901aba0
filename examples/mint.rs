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
//! cargo run --example mint -- --ob2 hosted|signed --out-dir DIR [--rsa-key PEM] [--base-url URL]
//! ```
//!
//! **Open Badges 2.0** (`--ob2`): writes, into DIR, the documents an OB 2.0
//! issuer serves (`issuer.json`, `badge.json`, `badge.svg`; for `signed` also
//! `key.json`, the issuer's `CryptographicKey`, and `revocations.json`, its
//! `RevocationList`), the assertion (`assertion.json` for hosted, served at
//! its URL too; `assertion.jws` for signed) and `urls.json`, the URL → file
//! map in the `--fetch-map` format of the verify example, so that
//!
//! ```text
//! cargo run --example verify -- --fetch-map DIR/urls.json DIR/assertion.json
//! ```
//!
//! verifies it offline (VALID). URLs are under `--base-url` (default
//! `https://badges.example.org/ob2/`). The documents are deterministic (fixed
//! dates, ids and salt). `signed` signs RS256 with `--rsa-key` (PKCS#1 or
//! PKCS#8 PEM; default the test key `fixtures/ob2/rsa-2048-test-key.pem`)
//! and needs the cargo feature `rs256-sign`: without it the example says so
//! and exits 3. It verifies what it wrote through the map, as above.
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

const USAGE: &str = "usage: cargo run --example mint -- [--seed HEX] [--out FILE] [--now]
       cargo run --example mint -- --ob2 hosted|signed --out-dir DIR [--rsa-key PEM] [--base-url URL]
  --seed HEX       the issuer's Ed25519 secret key (32-byte seed) as 64 hex digits
                   (default: the fixed test key 000102...1f)
  --out FILE       write the signed credential to FILE instead of standard output
  --now            proof created = now (default: the award date, deterministic)
  --ob2 MODE       mint an Open Badges 2.0 assertion instead: hosted or signed
  --out-dir DIR    where the OB 2.0 documents, the assertion and urls.json go
  --rsa-key PEM    the RS256 key of --ob2 signed (default fixtures/ob2/rsa-2048-test-key.pem;
                   needs the cargo feature rs256-sign)
  --base-url URL   where the OB 2.0 documents are served (default https://badges.example.org/ob2/)";

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
    ob2: Option<ob2::Mode>,
    rsa_key: Option<String>,
    base_url: String,
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
        ob2: None,
        rsa_key: None,
        base_url: "https://badges.example.org/ob2/".into(),
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
            "--ob2" => {
                args.ob2 = Some(match it.next().as_deref() {
                    Some("hosted") => ob2::Mode::Hosted,
                    Some("signed") => ob2::Mode::Signed,
                    other => return Err(format!("--ob2 takes hosted or signed, got {other:?}")),
                })
            }
            "--rsa-key" => args.rsa_key = Some(it.next().ok_or("--rsa-key needs a value")?),
            "--base-url" => {
                let mut b = it.next().ok_or("--base-url needs a value")?;
                if !b.ends_with('/') {
                    b.push('/');
                }
                args.base_url = b;
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    // `--out-dir` alone: the OB 3.0 badge files; with `--ob2`: the OB 2.0 documents.
    if args.ob2.is_some() && args.out_dir.is_none() {
        return Err("--ob2 needs --out-dir".into());
    }
    Ok(args)
}

fn hex(b: &[u8]) -> String {
    hex::encode(b)
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
    if let (Some(mode), Some(dir)) = (args.ob2, args.out_dir.as_deref()) {
        return ob2::run(mode, dir, args.rsa_key.as_deref(), &args.base_url);
    }
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--ob2 hosted|signed --out-dir DIR`: an Open Badges 2.0 issuer's documents.
mod ob2 {
    use std::path::Path;
    use std::process::ExitCode;
    use std::sync::Arc;

    use openbadges::display::image::{BadgeImage, Rgb};
    use openbadges::fetch::MapFetcher;
    use openbadges::ids::{DateTime, Iri};
    use openbadges::issue_v2::HostedDocuments;
    use openbadges::limits::Limits;
    use openbadges::model::v2::{
        Assertion, BadgeClass, Criteria, IdentityObject, Profile, VerificationObject,
    };
    use openbadges::model::{IriOr, OneOrMany};
    use openbadges::verify::{verify, Verdict, VerifyOptions};
    use serde_json::{json, Value};

    /// Hosted or signed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Mode {
        Hosted,
        Signed,
    }

    /// The recipient, hashed with a fixed salt (deterministic output; a real
    /// issuer uses a fresh random salt per assertion).
    const RECIPIENT: &str = "ana.rivera@example.org";
    const SALT: &str = "openbadges-mint-ob2-salt";
    const ISSUED_ON: &str = "2025-03-14T00:00:00Z";

    fn iri(s: &str) -> Result<Iri, String> {
        Iri::new(s).map_err(|e| e.to_string())
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
        let p = dir.join(name);
        std::fs::write(&p, bytes).map_err(|e| format!("cannot write {}: {e}", p.display()))
    }

    fn pretty(v: &Value) -> Result<Vec<u8>, String> {
        let mut s = serde_json::to_string_pretty(v).map_err(|e| e.to_string())?;
        s.push('\n');
        Ok(s.into_bytes())
    }

    #[cfg(feature = "rs256-sign")]
    fn signer(key: Option<&str>) -> Result<openbadges::jose::RsaKeyPair, String> {
        let path = key.map_or_else(
            || {
                format!(
                    "{}/fixtures/ob2/rsa-2048-test-key.pem",
                    env!("CARGO_MANIFEST_DIR")
                )
            },
            str::to_owned,
        );
        let pem = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
        openbadges::jose::RsaKeyPair::from_pem(&pem).map_err(|e| format!("{path}: {e}"))
    }

    pub(crate) fn run(mode: Mode, dir: &str, rsa_key: Option<&str>, base: &str) -> ExitCode {
        if mode == Mode::Signed && !cfg!(feature = "rs256-sign") {
            eprintln!(
                "error: --ob2 signed signs RS256, which needs the cargo feature rs256-sign:\n  cargo run --features rs256-sign --example mint -- --ob2 signed --out-dir {dir}"
            );
            return ExitCode::from(3);
        }
        match mint(mode, Path::new(dir), rsa_key, base) {
            Ok(msg) => {
                eprintln!("{msg}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    }

    fn mint(mode: Mode, dir: &Path, rsa_key: Option<&str>, base: &str) -> Result<String, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let issuer_url = format!("{base}issuer.json");
        let badge_url = format!("{base}badge.json");
        let image_url = format!("{base}badge.svg");
        let key_url = format!("{base}key.json");
        let list_url = format!("{base}revocations.json");
        let e = |e: &dyn std::fmt::Display| e.to_string();

        let mut profile = Profile::builder()
            .id(iri(&issuer_url)?)
            .name("Example Teacher Leadership Program")
            .description("Micro-credentials for teacher leaders.")
            .url(iri("https://badges.example.org/")?)
            .email("badges@example.org");
        #[cfg(feature = "rs256-sign")]
        let key = match mode {
            Mode::Signed => Some(signer(rsa_key)?),
            Mode::Hosted => None,
        };
        #[cfg(not(feature = "rs256-sign"))]
        let _ = rsa_key;
        if mode == Mode::Signed {
            profile = profile
                .public_key(OneOrMany::One(IriOr::Iri(iri(&key_url)?)))
                .revocation_list(IriOr::Iri(iri(&list_url)?));
        }
        let profile = profile.build().map_err(|x| e(&x))?;
        let badge = BadgeClass::builder()
            .id(iri(&badge_url)?)
            .name("Facilitates team meetings")
            .description("Plans and runs purposeful team meetings.")
            .image(IriOr::Iri(iri(&image_url)?))
            .criteria(IriOr::Object(Criteria {
                narrative: Some("Observed twice by a coach running a meeting with a clear agenda, shared roles and recorded decisions.".into()),
                ..Criteria::default()
            }))
            .issuer(IriOr::Iri(iri(&issuer_url)?))
            .build()
            .map_err(|x| e(&x))?;

        let mut site = HostedDocuments::new();
        site.publish_profile(&profile).map_err(|x| e(&x))?;
        site.publish_badge_class(&badge).map_err(|x| e(&x))?;
        let mut files: Vec<(String, String)> = vec![
            (issuer_url.clone(), "issuer.json".into()),
            (badge_url.clone(), "badge.json".into()),
        ];
        let image = BadgeImage::new(
            "Facilitates team meetings",
            "Example Teacher Leadership Program",
            Rgb::from_hex("#1f6f8b").map_err(|x| e(&x))?,
        )
        .code("FTB-2")
        .to_svg();
        write(dir, "badge.svg", image.as_bytes())?;

        let recipient = IdentityObject::hashed_email(RECIPIENT, SALT);
        let issued = DateTime::new(ISSUED_ON).map_err(|x| e(&x))?;
        let assertion_file = match mode {
            Mode::Hosted => {
                let url = format!("{base}assertions/ftb-2-ana-rivera.json");
                let assertion = Assertion::builder()
                    .id(iri(&url)?)
                    .recipient(recipient)
                    .badge(IriOr::Iri(iri(&badge_url)?))
                    .verification(VerificationObject::hosted())
                    .issued_on(issued)
                    .build()
                    .map_err(|x| e(&x))?;
                let doc = site.publish_assertion(&assertion).map_err(|x| e(&x))?;
                write(dir, "assertion.json", &pretty(&doc)?)?;
                files.push((url, "assertion.json".into()));
                "assertion.json"
            }
            Mode::Signed => {
                #[cfg(feature = "rs256-sign")]
                {
                    use openbadges::jose::JwsSigner as _;
                    let key = key.as_ref().ok_or("no key")?;
                    let doc = openbadges::issue_v2::cryptographic_key(
                        iri(&key_url)?,
                        iri(&issuer_url)?,
                        &key.public_key(),
                    )
                    .map_err(|x| e(&x))?;
                    site.publish_key(&doc).map_err(|x| e(&x))?;
                    let list = openbadges::issue_v2::revocation_list(
                        iri(&list_url)?,
                        iri(&issuer_url)?,
                        [(
                            iri("urn:uuid:5e4c2c1a-0d5e-4b8e-9d6f-3b1c1d2e3f40")?,
                            Some("Issued in error.".to_owned()),
                        )],
                    );
                    site.publish_revocation_list(&list).map_err(|x| e(&x))?;
                    files.push((key_url.clone(), "key.json".into()));
                    files.push((list_url.clone(), "revocations.json".into()));
                    let assertion = Assertion::builder()
                        .id(iri("urn:uuid:9b1f6e2a-4c3d-4e5f-8a7b-1c2d3e4f5a6b")?)
                        .recipient(recipient)
                        .badge(IriOr::Iri(iri(&badge_url)?))
                        .verification(VerificationObject::signed(iri(&key_url)?))
                        .issued_on(issued)
                        .build()
                        .map_err(|x| e(&x))?;
                    let jws =
                        openbadges::issue_v2::sign_assertion(&assertion, key).map_err(|x| e(&x))?;
                    write(dir, "assertion.jws", format!("{jws}\n").as_bytes())?;
                }
                "assertion.jws"
            }
        };
        for (url, file) in &files {
            if file != "assertion.json" {
                let doc = site.get(url).ok_or("missing document")?;
                write(dir, file, &pretty(doc)?)?;
            }
        }
        let mut map = serde_json::Map::new();
        for (url, file) in &files {
            map.insert(url.clone(), Value::String(file.clone()));
        }
        map.insert(
            image_url,
            json!({"file": "badge.svg", "content_type": "image/svg+xml"}),
        );
        write(dir, "urls.json", &pretty(&Value::Object(map))?)?;

        // Verify what was written, as the verify example would: through the map.
        let mut fetcher = MapFetcher::new();
        fetcher
            .load_map_file(&dir.join("urls.json"), Limits::DEFAULT.max_fetch_bytes)
            .map_err(|x| e(&x))?;
        let bytes = std::fs::read(dir.join(assertion_file)).map_err(|x| e(&x))?;
        let options = VerifyOptions::with_system_clock()
            .fetcher(Arc::new(fetcher))
            .expected_recipient(RECIPIENT);
        let report = verify(&bytes, &options).map_err(|x| e(&x))?;
        if report.verdict() != Verdict::Valid {
            return Err(format!(
                "the minted OB 2.0 assertion is NOT valid:\n{report}"
            ));
        }
        Ok(format!(
            "wrote {} documents, {assertion_file} and urls.json to {}; verified: VALID ({})",
            site.len(),
            dir.display(),
            report.format
        ))
    }
}
