//! The city: `bulk_issue` → `bulk_verify`, as library calls (the
//! example's own city module, `examples/city/mod.rs`, then
//! `bulk::BulkVerifier` with the fetch map it wrote) and as the example
//! binaries `cargo test` builds (located as `tests/cli_verify.rs` does).
//!
//! Small cities (debug builds canonicalize slowly, ~70 ms a credential): 8
//! teachers for the library run, 2 for the binaries. What is expected comes
//! from the roster itself (credentials = competencies earned) and from
//! `verify`: an edited line fails its proof, a credential signed by a
//! stranger's key fails key binding, each at its own line number.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod example_support;

#[path = "../examples/city/mod.rs"]
mod city;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use example_support::run;
use openbadges::bulk::{BulkVerifier, LineOutcome, LineReport};
use openbadges::did::did_key_verification_method;
use openbadges::fetch::MapFetcher;
use openbadges::ids::DateTime;
use openbadges::keys::Ed25519KeyPair;
use openbadges::limits::Limits;
use openbadges::proof::{add_proof, Cryptosuite, ProofOptions};
use openbadges::verify::{CheckId, VerifyOptions};
use serde_json::Value;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ob-city-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn options_with(map: &Path) -> VerifyOptions {
    let mut f = MapFetcher::new();
    f.load_map_file(map, Limits::DEFAULT.max_fetch_bytes)
        .unwrap();
    VerifyOptions::at("2027-01-01T00:00:00Z".parse().unwrap()).fetcher(Arc::new(f))
}

fn verify_file(file: &Path, options: &VerifyOptions) -> Vec<LineReport> {
    let input = std::io::BufReader::new(std::fs::File::open(file).unwrap());
    BulkVerifier::new(options)
        .verify_lines(input)
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_small_city_issues_verifies_and_reports_bad_lines_by_number() {
    let dir = tmp("lib");
    let out = dir.join("city.ndjson");
    let teachers = 8;
    let run = city::issue(&out, teachers, &city::DEFAULT_SEED, |_, _| {}).unwrap();
    let expected: usize = (0..teachers)
        .map(|i| city::teacher(&city::DEFAULT_SEED, i).earned.len())
        .sum();
    assert_eq!(run.total, expected);
    assert_eq!(run.issued.issued, expected);
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), expected);

    // The roster: a header and one row per teacher, e-mails unique.
    let roster = std::fs::read_to_string(&run.files.roster).unwrap();
    let rows: Vec<&str> = roster.lines().collect();
    assert_eq!(rows[0], "teacher_id,email,school,district");
    assert_eq!(rows.len(), teachers + 1);
    let emails: HashSet<&str> = rows[1..]
        .iter()
        .map(|r| r.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(emails.len(), teachers);

    // Each credential: its own status slot; a hashed, salted e-mail, and the
    // roster's staff id in plain text.
    let mut slots = HashSet::new();
    for l in &lines {
        let v: Value = serde_json::from_str(l).unwrap();
        let s = &v["credentialStatus"];
        assert!(slots.insert((
            s["statusListCredential"].as_str().unwrap().to_owned(),
            s["statusListIndex"].as_str().unwrap().to_owned()
        )));
        let ident = &v["credentialSubject"]["identifier"][0];
        assert_eq!(ident["hashed"], true);
        assert!(ident["identityHash"]
            .as_str()
            .unwrap()
            .starts_with("sha256$"));
        let staff = &v["credentialSubject"]["identifier"][1];
        assert_eq!(staff["identityType"], "sisSourcedId");
        assert_eq!(staff["hashed"], false);
        assert!(staff["identityHash"].as_str().unwrap().starts_with('T'));
        assert!(!l.contains("@cityschools.example.org"), "no plain e-mail");
    }

    // Every line verifies, status included, with the fetch map written.
    let options = options_with(&run.files.fetch_map);
    let reports = verify_file(&out, &options);
    assert_eq!(reports.len(), expected);
    for r in &reports {
        assert_eq!(
            r.outcome(),
            LineOutcome::Valid,
            "line {}: {:?}",
            r.line,
            r.reason()
        );
        let status = r.result.as_ref().unwrap().check(CheckId::Status).unwrap();
        assert!(status.outcome.is_passed(), "line {}", r.line);
    }
    // Without the map, status cannot be checked: indeterminate, not valid.
    let offline = VerifyOptions::at("2027-01-01T00:00:00Z".parse().unwrap());
    assert!(verify_file(&out, &offline)
        .iter()
        .all(|r| r.outcome() == LineOutcome::Indeterminate));

    // Line 5 edited; line 9 re-signed by a stranger's key.
    let mut edited: Vec<String> = lines.iter().map(|s| (*s).to_owned()).collect();
    let name = city::teacher(&city::DEFAULT_SEED, 0).name;
    let target = edited[4].clone();
    let victim = serde_json::from_str::<Value>(&target).unwrap()["description"]
        .as_str()
        .unwrap()
        .to_owned();
    let who = victim.split(" demonstrated").next().unwrap().to_owned();
    assert!(!who.is_empty(), "{name}");
    edited[4] = target.replace(&who, "Eve Mallory");
    let mut stranger: Value = serde_json::from_str(&edited[8]).unwrap();
    stranger.as_object_mut().unwrap().remove("proof");
    let key = Ed25519KeyPair::from_seed(&[0xee; 32]);
    let proof = ProofOptions::new(
        Cryptosuite::EddsaRdfc2022,
        did_key_verification_method(&key.verifying_key()),
        DateTime::new("2026-01-01T00:00:00Z").unwrap(),
    );
    let canon = options.canonicalizer.clone().unwrap();
    edited[8] = serde_json::to_string(&add_proof(&stranger, &proof, &key, canon.as_ref()).unwrap())
        .unwrap();
    let bad = dir.join("edited.ndjson");
    std::fs::write(&bad, edited.join("\n") + "\n").unwrap();
    let failures: Vec<(usize, String)> = verify_file(&bad, &options)
        .into_iter()
        .filter(|r| r.outcome() != LineOutcome::Valid)
        .map(|r| (r.line, r.reason().unwrap()))
        .collect();
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert_eq!(failures[0].0, 5);
    assert!(failures[0].1.starts_with("proof: "), "{failures:?}");
    assert_eq!(failures[1].0, 9);
    assert!(failures[1].1.starts_with("key-binding: "), "{failures:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_seed_gives_the_same_bytes_and_a_rerun_resumes() {
    let (a, b) = (tmp("det-a"), tmp("det-b"));
    let teachers = 2;
    for d in [&a, &b] {
        city::issue(
            &d.join("c.ndjson"),
            teachers,
            &city::DEFAULT_SEED,
            |_, _| {},
        )
        .unwrap();
    }
    for f in [
        "c.ndjson",
        "c.ndjson.roster.csv",
        "c.ndjson.status-1.json",
        "c.ndjson.fetch-map.json",
    ] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f}"
        );
    }
    // A crash mid-write: cut the output inside its third line; the rerun
    // keeps the two whole lines and issues the rest with fresh slots.
    let out = b.join("c.ndjson");
    let full = std::fs::read_to_string(&out).unwrap();
    let total = full.lines().count();
    let cut: usize = full.lines().take(2).map(|l| l.len() + 1).sum::<usize>() + 100;
    std::fs::write(&out, &full.as_bytes()[..cut]).unwrap();
    let run = city::issue(&out, teachers, &city::DEFAULT_SEED, |_, _| {}).unwrap();
    assert_eq!(run.already, 2);
    assert_eq!(run.issued.issued, total - 2);
    let resumed = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = resumed.lines().collect();
    assert_eq!(lines.len(), total);
    assert_eq!(lines[..2], full.lines().take(2).collect::<Vec<_>>()[..]);
    let slots: HashSet<String> = lines
        .iter()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["credentialStatus"]["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(slots.len(), total, "no status slot twice");
    for d in [a, b] {
        std::fs::remove_dir_all(d).unwrap();
    }
}

#[test]
fn the_example_binaries() {
    let dir = tmp("bin");
    let out = dir.join("city.ndjson");
    let out_s = out.to_str().unwrap();
    let (code, _, err) = run("bulk_issue", &["--teachers", "2", "--out", out_s]);
    assert_eq!(code, 0, "{err}");
    for word in ["credentials/s", "per core", "peak memory"] {
        assert!(err.contains(word), "summary lacks {word}: {err}");
    }
    let map = format!("{out_s}.fetch-map.json");
    let now = "2027-01-01T00:00:00Z";
    let (code, stdout, err) = run("bulk_verify", &["--now", now, "--fetch-map", &map, out_s]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(err.contains("0 invalid"), "{err}");

    // No map: every line indeterminate (status not served), exit 2.
    let (code, stdout, _) = run("bulk_verify", &["--now", now, out_s]);
    assert_eq!(code, 2);
    assert!(
        stdout.starts_with("line 1: not verified: status"),
        "{stdout}"
    );

    // An edited line 2: exit 1, reported by number.
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[1] = lines[1].replacen("\"validFrom\":\"2025", "\"validFrom\":\"2024", 1);
    let bad = dir.join("bad.ndjson");
    std::fs::write(&bad, lines.join("\n") + "\n").unwrap();
    let (code, stdout, _) = run(
        "bulk_verify",
        &["--now", now, "--fetch-map", &map, bad.to_str().unwrap()],
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.starts_with("line 2: "), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");

    // Usage errors.
    assert_eq!(run("bulk_verify", &[]).0, 3);
    assert_eq!(run("bulk_verify", &["/nonexistent/file"]).0, 3);
    assert_eq!(run("bulk_issue", &["--teachers", "0"]).0, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}
