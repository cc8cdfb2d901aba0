#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Consistency of `fixtures/conformance/expected.tsv` (the 1EdTech validator's verdict for each of
//! its test samples) with itself and, when `../shared` is present, with the sample folder.

use std::collections::BTreeSet;
use std::path::Path;

mod shared_dir;

const TABLE: &str = include_str!("../fixtures/conformance/expected.tsv");
const COLUMNS: [&str; 7] = [
    "path",
    "format",
    "validator_verdict",
    "failing_check",
    "proof",
    "source",
    "notes",
];
const VERDICTS: [&str; 4] = ["valid", "invalid", "warning", "not-tested"];
const PROOFS: [&str; 5] = [
    "eddsa-rdfc-2022",
    "Ed25519Signature2020",
    "jwt",
    "none",
    "other",
];
const OFFLINE: [&str; 5] = ["valid", "invalid", "warning", "indeterminate", "n/a"];

fn rows() -> Vec<Vec<&'static str>> {
    let mut lines = TABLE.lines();
    let header: Vec<&str> = lines.next().expect("header line").split('\t').collect();
    assert_eq!(header, COLUMNS, "expected.tsv header");
    lines
        .enumerate()
        .map(|(i, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(
                cells.len(),
                COLUMNS.len(),
                "row {} has wrong column count",
                i + 2
            );
            cells
        })
        .collect()
}

#[test]
fn table_rows_are_well_formed() {
    let rows = rows();
    assert!(rows.len() > 100, "table unexpectedly short: {}", rows.len());
    let mut seen = BTreeSet::new();
    for r in &rows {
        let (path, verdict, check, proof, source, notes) = (r[0], r[2], r[3], r[4], r[5], r[6]);
        assert!(seen.insert(path), "duplicate row for {path}");
        assert!(
            VERDICTS.contains(&verdict),
            "{path}: bad verdict {verdict:?}"
        );
        assert!(PROOFS.contains(&proof), "{path}: bad proof {proof:?}");
        assert!(!source.is_empty(), "{path}: empty source");
        for cell in r.iter() {
            assert!(!cell.is_empty(), "{path}: empty cell");
        }
        // A failing verdict names its check; a passing one does not.
        match verdict {
            "invalid" | "warning" => assert_ne!(check, "-", "{path}: {verdict} without a check"),
            _ => assert_eq!(check, "-", "{path}: {verdict} with a check"),
        }
        if verdict == "not-tested" {
            assert!(
                ["not referenced", "Disabled", "commented out", " only"]
                    .iter()
                    .any(|w| source.contains(w)),
                "{path}: not-tested but the source cites an active test: {source}"
            );
        }
        // notes start with the offline-strict expectation
        let tag = notes
            .strip_prefix("offline-strict=")
            .unwrap_or_else(|| panic!("{path}: notes must start with offline-strict="));
        assert!(
            OFFLINE.iter().any(|o| tag.starts_with(o)),
            "{path}: unknown offline-strict value in {tag:?}"
        );
    }
}

fn walk(dir: &Path, base: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            walk(&p, base, out);
        } else {
            let rel = p.strip_prefix(base).unwrap();
            out.insert(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn table_matches_sample_folder() {
    let Some(base) = shared_dir::spec("conformance/1edtech-validator") else {
        return;
    };
    let mut files = BTreeSet::new();
    walk(&base, &base, &mut files);
    let listed: BTreeSet<String> = rows().iter().map(|r| r[0].to_string()).collect();
    let missing: Vec<_> = listed.difference(&files).collect();
    let unlisted: Vec<_> = files.difference(&listed).collect();
    assert!(
        missing.is_empty(),
        "rows without a sample file: {missing:?}"
    );
    assert!(
        unlisted.is_empty(),
        "sample files without a row: {unlisted:?}"
    );
}
