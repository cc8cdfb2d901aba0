//! `openbadges::bulk`: verify-many gives, item for item, what `verify`
//! gives (the oracle is the sequential `verify` of the same bytes with the
//! same options); one bad signature among 1,000 is found at its index;
//! streaming keeps its input bounded and its output in order with line
//! numbers; sign-many/NDJSON signing; and status slots stay unique across a
//! simulated crash and rerun.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod verify_support;

use std::collections::HashSet;
use std::io::{BufRead, Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use openbadges::bulk::{
    sign_many, sign_ndjson, verify_many, BulkError, BulkSigner, BulkVerifier, LineOutcome,
    ListPlan, StatusJournal, ToSign,
};
use openbadges::fetch::MapFetcher;
use openbadges::ids::DateTime;
use openbadges::issue::Issuer;
use openbadges::keys::{encode_multibase_base58btc, Ed25519KeyPair};
use openbadges::proof::Cryptosuite;
use openbadges::verify::{verify, CheckId, Verdict, VerifyOptions};
use serde_json::{json, Value};
use verify_support::{fetcher, fixtures, options};

/// An OB 3.0 credential for teacher `i`, unsigned, issued by `issuer`.
fn doc(issuer: &str, i: usize) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": format!("urn:uuid:00000000-0000-4000-8000-{i:012}"),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "City Schools"},
        "validFrom": "2026-01-01T00:00:00Z",
        "name": "Facilitates team meetings",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": format!("did:example:teacher-{i}"),
            "achievement": {
                "id": "https://example.org/achievements/ftb-2",
                "type": ["Achievement"],
                "name": "Facilitates team meetings",
                "description": "Plans and runs purposeful team meetings.",
                "criteria": {"narrative": "Observed twice by a coach."}
            }
        }
    })
}

/// eddsa-jcs-2022 keeps these tests fast in debug builds (no JSON-LD); the
/// signature step, which is what is batched, is the same for every suite.
fn jcs_issuer(seed: u8) -> Issuer<Ed25519KeyPair> {
    Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&[seed; 32]))
        .with_cryptosuite(Cryptosuite::EddsaJcs2022)
}

fn created() -> DateTime {
    DateTime::new("2026-01-01T00:00:00Z").unwrap()
}

fn opts() -> VerifyOptions {
    VerifyOptions::at("2026-06-01T00:00:00Z".parse().unwrap())
}

#[test]
fn one_bad_signature_among_1000_is_reported_at_its_index() {
    let issuer = jcs_issuer(3);
    let docs: Vec<Value> = (0..1000).map(|i| doc(issuer.id().as_str(), i)).collect();
    let mut signed: Vec<Value> = sign_many(&issuer, docs, &created())
        .into_iter()
        .map(Result::unwrap)
        .collect();
    // A well-formed signature, by the right key, over other bytes.
    let bad = 613;
    let wrong = issuer_key(3).sign(&[0u8; 64]);
    signed[bad]["proof"][0]["proofValue"] = encode_multibase_base58btc(&wrong.to_bytes()).into();
    let bytes: Vec<Vec<u8>> = signed
        .iter()
        .map(|v| serde_json::to_vec(v).unwrap())
        .collect();

    let verifier = BulkVerifier::new(&opts());
    let results = verifier.verify_many(&bytes);
    assert_eq!(results.len(), 1000);
    let invalid: Vec<usize> = results
        .iter()
        .enumerate()
        .filter(|(_, r)| r.as_ref().unwrap().verdict() != Verdict::Valid)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(invalid, [bad]);
    let report = results[bad].as_ref().unwrap();
    assert_eq!(report.most_specific().map(|c| c.id), Some(CheckId::Proof));
    // The report is verify()'s, word for word (bulk re-verified it strictly).
    assert_eq!(report, &verify(&bytes[bad], &opts()).unwrap());
    assert_eq!(
        results[0].as_ref().unwrap(),
        &verify(&bytes[0], &opts()).unwrap()
    );
    let stats = verifier.stats();
    assert_eq!(stats.items, 1000);
    assert_eq!(
        stats.batched_signatures, 1000,
        "every signature was batched"
    );
    assert_eq!(stats.batches, 1000_usize.div_ceil(64));
    assert_eq!(stats.failed_batches, 1, "only the bad one's batch failed");
    assert_eq!(stats.reverified, 1, "only the bad item was verified again");
}

fn issuer_key(seed: u8) -> Ed25519KeyPair {
    Ed25519KeyPair::from_seed(&[seed; 32])
}

#[test]
fn verify_many_equals_verify_on_every_fixture_and_malformed_input() {
    let mut items: Vec<Vec<u8>> = fixtures().iter().map(|f| f.bytes.clone()).collect();
    items.push(b"{\"@context\": [".to_vec());
    items.push(b"eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln".to_vec());
    items.push(b"[]".to_vec());
    let tampered = String::from_utf8(items[0].clone())
        .unwrap()
        .replacen("20", "21", 1);
    items.push(tampered.into_bytes());
    for (what, o) in [
        ("offline", options()),
        ("lists served", options().fetcher(Arc::new(fetcher(None)))),
        (
            "controller",
            options().fetcher(Arc::new(fetcher(Some(true)))),
        ),
    ] {
        let bulk = BulkVerifier::new(&o).chunk(5).verify_many(&items);
        for (i, (b, item)) in bulk.iter().zip(&items).enumerate() {
            assert_eq!(b, &verify(item, &o), "{what}: item {i}");
        }
    }
}

#[test]
fn verify_iter_matches_verify_many() {
    let issuer = jcs_issuer(4);
    let bytes: Vec<Vec<u8>> = sign_many(
        &issuer,
        (0..10).map(|i| doc(issuer.id().as_str(), i)).collect(),
        &created(),
    )
    .into_iter()
    .map(|r| serde_json::to_vec(&r.unwrap()).unwrap())
    .collect();
    let v = BulkVerifier::new(&opts()).chunk(3);
    let streamed: Vec<_> = v.verify_iter(bytes.iter()).collect();
    assert_eq!(streamed, v.verify_many(&bytes));
    assert!(streamed.iter().all(|r| r.as_ref().unwrap().is_valid()));
}

/// An endless NDJSON reader: line n is the n-th credential (or garbage
/// every 7th line), counting how many lines it has produced.
struct Endless {
    lines: Vec<Vec<u8>>,
    produced: Arc<AtomicUsize>,
    buf: Vec<u8>,
    pos: usize,
}

impl Read for Endless {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.fill_buf()?.len().min(out.len());
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Endless {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos >= self.buf.len() {
            let n = self.produced.fetch_add(1, Ordering::SeqCst);
            self.buf = self.lines[n % self.lines.len()].clone();
            self.buf.push(b'\n');
            self.pos = 0;
        }
        Ok(&self.buf[self.pos..])
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt;
    }
}

#[test]
fn streaming_reads_one_chunk_ahead_of_what_it_yields() {
    let issuer = jcs_issuer(5);
    let mut lines: Vec<Vec<u8>> = sign_many(
        &issuer,
        (0..6).map(|i| doc(issuer.id().as_str(), i)).collect(),
        &created(),
    )
    .into_iter()
    .map(|r| serde_json::to_vec(&r.unwrap()).unwrap())
    .collect();
    lines.push(b"not json".to_vec());
    let produced = Arc::new(AtomicUsize::new(0));
    let input = Endless {
        lines,
        produced: Arc::clone(&produced),
        buf: Vec::new(),
        pos: 0,
    };
    let chunk = 8;
    let v = BulkVerifier::new(&opts()).chunk(chunk);
    let mut it = v.verify_lines(input);
    let first = it.next().unwrap().unwrap();
    assert_eq!(first.line, 1);
    // The chunk being verified and the next one, read meanwhile.
    assert!(
        produced.load(Ordering::SeqCst) <= 2 * chunk + 1,
        "an endless input is read at most one chunk ahead"
    );
    let rest: Vec<_> = it.take(40).map(Result::unwrap).collect();
    assert!(produced.load(Ordering::SeqCst) <= 41 + 2 * chunk + 1);
    let all: Vec<_> = std::iter::once(first).chain(rest).collect();
    for (i, r) in all.iter().enumerate() {
        assert_eq!(r.line, i + 1, "in input order, numbered from 1");
        let expected = if (i + 1) % 7 == 0 {
            LineOutcome::Invalid
        } else {
            LineOutcome::Valid
        };
        assert_eq!(r.outcome(), expected, "line {}: {:?}", r.line, r.reason());
    }
}

#[test]
fn verify_ndjson_writes_a_result_per_line_with_its_number() {
    let issuer = jcs_issuer(6);
    let good: Vec<String> = sign_many(
        &issuer,
        (0..3).map(|i| doc(issuer.id().as_str(), i)).collect(),
        &created(),
    )
    .into_iter()
    .map(|r| serde_json::to_string(&r.unwrap()).unwrap())
    .collect();
    let edited = good[1].replace("teacher-1", "teacher-9");
    let long = format!("\"{}\"", "x".repeat(5000));
    let input = format!(
        "{}\n\n{edited}\r\n{}\n{long}\neyJhbGciOiJFZERTQSJ9.eyJ9.c2ln\n",
        good[0], good[2]
    );
    let mut limits = openbadges::limits::Limits::DEFAULT;
    limits.max_json_bytes = 4096;
    let o = opts().limits(limits);
    let mut out = Vec::new();
    let summary = BulkVerifier::new(&o)
        .chunk(2)
        .verify_ndjson(input.as_bytes(), &mut out)
        .unwrap();
    let records: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let got: Vec<(u64, &str)> = records
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["verdict"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            (1, "valid"),
            (3, "invalid"),
            (4, "valid"),
            (5, "invalid"),
            // A compact JWS is read as a VC-JWT: its payload is not JSON.
            (6, "invalid")
        ]
    );
    assert!(records[1]["reason"]
        .as_str()
        .unwrap()
        .starts_with("proof: "));
    assert!(records[3]["reason"]
        .as_str()
        .unwrap()
        .contains("json-well-formed"));
    assert_eq!(
        records[0]["id"],
        "urn:uuid:00000000-0000-4000-8000-000000000000"
    );
    assert_eq!(
        (
            summary.lines,
            summary.valid,
            summary.invalid,
            summary.errors
        ),
        (5, 2, 3, 0)
    );
    assert_eq!(summary.exit_code(), 1);
}

#[test]
fn sign_ndjson_signs_each_line_and_names_the_lines_it_could_not() {
    let issuer = jcs_issuer(7);
    let other = jcs_issuer(8);
    let input = format!(
        "{}\nnot json\n{}\n\n{}\n",
        doc(issuer.id().as_str(), 0),
        doc(other.id().as_str(), 1),
        doc(issuer.id().as_str(), 2)
    );
    let mut out = Vec::new();
    let summary = sign_ndjson(input.as_bytes(), &mut out, &issuer, &created()).unwrap();
    assert_eq!((summary.lines, summary.signed, summary.failed), (4, 2, 2));
    let failed: Vec<usize> = summary.failures.iter().map(|f| f.line).collect();
    assert_eq!(failed, [2, 3]);
    assert!(summary.failures[1].reason.contains("issuer"));
    let signed: Vec<&[u8]> = out
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(signed.len(), 2);
    for r in verify_many(&signed, &opts()) {
        assert!(r.unwrap().is_valid());
    }
}

/// A writer that fails after `ok` lines: the process "crashes" after the
/// journal was written and before those credentials were.
struct Crashing {
    out: Vec<u8>,
    ok: usize,
}

impl Write for Crashing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let lines = self.out.iter().filter(|b| **b == b'\n').count();
        if lines >= self.ok {
            return Err(std::io::Error::other("simulated crash"));
        }
        self.out.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn slot_of(line: &[u8]) -> (String, String) {
    let v: Value = serde_json::from_slice(line).unwrap();
    let s = &v["credentialStatus"];
    (
        s["statusListCredential"].as_str().unwrap().to_owned(),
        s["statusListIndex"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn a_crashed_and_restarted_run_never_reuses_a_status_slot() {
    let dir = std::env::temp_dir().join(format!("ob-bulk-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let journal_path = dir.join("journal.json");
    let plan = ListPlan::new("https://issuer.example/status/");
    let issuer = jcs_issuer(9);
    let signer = BulkSigner::new(&issuer).chunk(16);
    let build = |i: usize| -> Result<ToSign, String> {
        Ok(ToSign::new(doc(issuer.id().as_str(), i), created()))
    };

    // Run 1 crashes while writing: the journal holds its reservation, 37 of
    // the credentials were written, the rest of the chunk was lost.
    let mut journal = StatusJournal::open(&journal_path, plan.clone())
        .unwrap()
        .with_block(50);
    let mut w = Crashing {
        out: Vec::new(),
        ok: 37,
    };
    let err = signer
        .issue_with_status(0..100, &mut journal, build, &mut w, |_| {})
        .unwrap_err();
    assert!(matches!(err, BulkError::Write { line: 38, .. }), "{err}");
    let reserved_at_crash = journal.reserved();
    drop(journal);
    let mut output = w.out;

    // Run 2 allocates and dies before writing anything at all.
    let mut journal = StatusJournal::open(&journal_path, plan.clone()).unwrap();
    assert_eq!(journal.next_sequence(), reserved_at_crash);
    let lost = journal.allocate_many(20).unwrap();
    assert!(lost.iter().all(|s| s.sequence >= reserved_at_crash));
    let reserved_2 = journal.reserved();
    drop(journal);

    // Run 3 resumes after the 37 written credentials and finishes.
    let mut journal = StatusJournal::open(&journal_path, plan.clone()).unwrap();
    assert_eq!(journal.next_sequence(), reserved_2);
    let summary = signer
        .issue_with_status(37..100, &mut journal, build, &mut output, |_| {})
        .unwrap();
    assert_eq!(summary.issued, 63);
    assert!(summary.first_slot.unwrap().sequence >= reserved_2);

    let lines: Vec<&[u8]> = output
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 100);
    let slots: Vec<(String, String)> = lines.iter().map(|l| slot_of(l)).collect();
    let unique: HashSet<&(String, String)> = slots.iter().collect();
    assert_eq!(unique.len(), 100, "no (list, index) pair twice");
    let ids: HashSet<String> = lines
        .iter()
        .map(|l| {
            serde_json::from_slice::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 100, "every job issued once");

    // Every credential verifies, status included, against the list
    // credentials the journal names.
    let journal = StatusJournal::open(&journal_path, plan).unwrap();
    let mut f = MapFetcher::new();
    for (n, url) in journal.lists_in_use() {
        let list = journal
            .list_credential(n, issuer.id().as_str(), "2026-01-01T00:00:00Z")
            .unwrap();
        f.insert_json(url, &issuer.sign_json(list, created()).unwrap())
            .unwrap();
    }
    let o = opts().fetcher(Arc::new(f));
    for (i, r) in verify_many(&lines, &o).into_iter().enumerate() {
        let r = r.unwrap();
        assert!(r.is_valid(), "line {}: {r}", i + 1);
        assert!(r.check(CheckId::Status).unwrap().outcome.is_passed());
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn issue_with_status_refuses_a_document_that_has_a_status() {
    let dir = std::env::temp_dir().join(format!("ob-bulk-has-status-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let issuer = jcs_issuer(10);
    let mut journal = StatusJournal::open(
        dir.join("j.json"),
        ListPlan::new("https://issuer.example/s/"),
    )
    .unwrap();
    let mut out = Vec::new();
    let err = BulkSigner::new(&issuer)
        .issue_with_status(
            0..3,
            &mut journal,
            |i| {
                let mut d = doc(issuer.id().as_str(), i);
                if i == 1 {
                    d["credentialStatus"] = json!({"type": "X"});
                }
                Ok(ToSign::new(d, created()))
            },
            &mut out,
            |_| {},
        )
        .unwrap_err();
    assert!(
        matches!(err, BulkError::StatusAlreadySet { job: 1 }),
        "{err}"
    );
    assert_eq!(
        out.iter().filter(|b| **b == b'\n').count(),
        1,
        "job 0 was written"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A reader that fails on every read.
struct Fails;

impl std::io::Read for Fails {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("the disk went away"))
    }
}

#[test]
fn a_read_error_comes_after_every_line_before_it() {
    // Five lines, then the reader fails: with chunks of two, the error is
    // met while reading ahead, and must still come after lines 1..=5.
    let text = b"not json\n".repeat(5);
    let reader = || {
        std::io::BufReader::new(std::io::Read::chain(
            std::io::Cursor::new(text.clone()),
            Fails,
        ))
    };
    let v = BulkVerifier::new(&opts()).chunk(2);
    let got: Vec<_> = v.verify_lines(reader()).collect();
    assert_eq!(got.len(), 6, "five reports and the error");
    for (i, r) in got.iter().take(5).enumerate() {
        assert_eq!(r.as_ref().unwrap().line, i + 1);
    }
    match &got[5] {
        Err(openbadges::bulk::BulkError::Read { line, .. }) => assert_eq!(*line, 6),
        other => panic!("expected the read error last, got {other:?}"),
    }
    let then: Vec<_> = v
        .verify_lines_then(reader(), |r, _| r.line)
        .map(|r| r.map(|(_, n)| n).map_err(|e| e.to_string()))
        .collect();
    assert_eq!(then.len(), 6);
    assert_eq!(then[..5], [Ok(1), Ok(2), Ok(3), Ok(4), Ok(5)]);
    assert!(then[5].is_err());
}
