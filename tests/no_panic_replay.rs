#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! "No panic on any input", on stable: every fuzz target of `fuzz/` (the
//! same function bodies, included from `fuzz/src/lib.rs`) is run on its seed
//! corpus `fuzz/corpus/<target>/` and then on a deterministic stream of
//! mutants of those seeds (xorshift PRNG, fixed seed per target): bit flips,
//! truncations, deletions, insertions of JSON / N-Quads tokens, huge numbers,
//! deep nesting, duplicated keys and chunks, and JSON-aware node rewrites.
//!
//! A panic is caught with `catch_unwind` and reported with the exact input
//! (escaped) and how to replay it. An input slower than [`SLOW`] is reported
//! as a hang. A stack overflow aborts the process, which `catch_unwind`
//! cannot catch: the input being run is written to
//! `$CARGO_TARGET_TMPDIR/no_panic_current_<target>` before every call, so the
//! culprit is on disk after an abort.
//!
//! `NO_PANIC_ITERATIONS=<n>` overrides the iteration count of every target
//! and `NO_PANIC_SEED=<n>` varies the mutant stream (long local soak runs);
//! the default keeps the whole file at about 20 s in a debug build.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod targets;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Longer than this for one input (debug build) counts as a hang.
const SLOW: Duration = Duration::from_secs(10);

/// Small, fast, deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform-ish in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// Fragments worth inserting: JSON structure, escapes, extreme numbers,
/// JSON-LD keywords, N-Quads syntax, DID / multibase / date-time pieces,
/// multi-byte and invalid UTF-8.
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b":",
    b",",
    b"\\u0000",
    b"\\ud800",
    b"\\udc00\\ud800",
    b"\\uFFFF",
    b"\\U0010FFFF",
    b"\\U00110000",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\xe2\x80\xa8",
    "é😀".as_bytes(),
    b"1e999999",
    b"-1e-999999",
    b"123456789012345678901234567890",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"4294967296",
    b"-0",
    b"0.0",
    b"NaN",
    b"null",
    b"true",
    b"\"\"",
    b"{}",
    b"[]",
    b"\"@context\":",
    b"\"@id\":",
    b"\"@type\":",
    b"\"@value\":",
    b"\"@language\":",
    b"\"@list\":[",
    b"\"@graph\":[",
    b"\"@vocab\":",
    b"\"@base\":",
    b"\"@reverse\":",
    b"\"@included\":",
    b"\"@nest\":",
    b"\"@json\"",
    b"\"@direction\":\"rtl\"",
    b"\"proof\":",
    b"\"credentialStatus\":",
    b"\"statusListIndex\":",
    b"\"statusSize\":",
    b"\"encodedList\":\"u",
    b"\"type\":\"BitstringStatusListEntry\"",
    b"\"type\":\"DataIntegrityProof\"",
    b"\"cryptosuite\":\"eddsa-jcs-2022\"",
    b"\"previousProof\":",
    b"_:b0",
    b" _:c14n0 ",
    b"<http://e/p>",
    b"<>",
    b"<\\u0000>",
    b"^^<http://www.w3.org/2001/XMLSchema#integer>",
    b"@en-US",
    b" .\n",
    b"\n",
    b"\r\n",
    b"# ",
    b"did:key:",
    b"did:web:",
    b"did:key:z6Mk",
    b"#z6Mk",
    b"z",
    b"u",
    b"%",
    b"%3A",
    b"%zz",
    b"/",
    b"//",
    b"?",
    b"#",
    b"..",
    b"T",
    b"Z",
    b"+99:99",
    b"-14:01",
    b"9999-12-31T23:59:60.999999999999Z",
    b"0000-00-00T00:00:00Z",
    b"-----BEGIN PRIVATE KEY-----\n",
    b"-----END PRIVATE KEY-----\n",
    b"\x30\x82\xff\xff",
    b"\x30\x80",
    b"\x06\x03\x2b\x65\x70",
    b"=",
];

fn insert(data: &mut Vec<u8>, at: usize, bytes: &[u8]) {
    let at = at.min(data.len());
    data.splice(at..at, bytes.iter().copied());
}

/// One random edit of `data`; `others` are the target's seeds (for splicing).
fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>, others: &[Vec<u8>]) {
    let len = data.len();
    match rng.below(13) {
        0 if len > 0 => {
            let i = rng.below(len);
            data[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            data[i] = *rng.pick(&[
                0u8, 0xff, b'"', b'\\', b'{', b'}', b'[', b']', b':', b',', 0x80, b'0', b'9', b' ',
                b'\n', b'-',
            ]);
        }
        2 => data.truncate(rng.below(len + 1)),
        3 if len > 0 => {
            let a = rng.below(len);
            let b = (a + 1 + rng.below(16.min(len - a))).min(len);
            data.drain(a..b);
        }
        4..=6 => {
            let t = *rng.pick(TOKENS);
            insert(data, rng.below(len + 1), t);
        }
        7 => {
            // Deep nesting: just around the default depth limit (64), or far past it.
            let k = *rng.pick(&[10usize, 62, 63, 64, 65, 66, 200, 5000]);
            const UNITS: &[&[u8]] = &[b"[", b"{\"a\":", b"{\"@list\":[", b"{\"@context\":{\"x\":"];
            let unit = *rng.pick(UNITS);
            let mut s = unit.repeat(k);
            if rng.chance(2) {
                s.extend_from_slice(b"1");
                let close: &[u8] = if unit == b"[" {
                    b"]"
                } else if unit == b"{\"a\":" {
                    b"}"
                } else if unit == b"{\"@list\":[" {
                    b"]}"
                } else {
                    b"}}"
                };
                s.extend_from_slice(&close.repeat(k));
            }
            insert(data, rng.below(len + 1), &s);
        }
        8 => duplicate_key(rng, data),
        9 if len > 0 => {
            // Copy a chunk elsewhere (repeats members, lines, list items).
            let a = rng.below(len);
            let b = (a + 1 + rng.below(64.min(len - a))).min(len);
            let chunk = data[a..b].to_vec();
            let reps = if rng.chance(8) { 50 } else { 1 };
            insert(data, rng.below(len + 1), &chunk.repeat(reps));
        }
        10 if !others.is_empty() => {
            // Splice a chunk of another seed in.
            let o = rng.pick(others);
            if !o.is_empty() {
                let a = rng.below(o.len());
                let b = (a + 1 + rng.below(256.min(o.len() - a))).min(o.len());
                insert(data, rng.below(len + 1), &o[a..b]);
            }
        }
        11 => {
            // Replace a run of digits with an extreme number.
            if let Some(start) = (0..len)
                .map(|_| rng.below(len.max(1)))
                .find(|&i| data.get(i).is_some_and(u8::is_ascii_digit))
            {
                let mut end = start;
                while end < data.len() && data[end].is_ascii_digit() {
                    end += 1;
                }
                const NUMBERS: &[&[u8]] = &[
                    b"18446744073709551615",
                    b"18446744073709551616",
                    b"99999999999999999999999",
                    b"1e308",
                    b"2e308",
                    b"4294967295",
                    b"0",
                    b"-1",
                    b"131071",
                    b"131072",
                ];
                let n = *rng.pick(NUMBERS);
                data.splice(start..end, n.iter().copied());
            }
        }
        _ => {
            let t = *rng.pick(TOKENS);
            data.extend_from_slice(t);
        }
    }
}

/// Duplicates a `"key": value` member (serde_json keeps the last, other
/// readers the first: the model must not care).
fn duplicate_key(rng: &mut Rng, data: &mut Vec<u8>) {
    let colons: Vec<usize> = data
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w == b"\":")
        .map(|(i, _)| i)
        .collect();
    if colons.is_empty() {
        return;
    }
    let c = *rng.pick(&colons);
    let Some(open) = data[..c].iter().rposition(|&b| b == b'"') else {
        return;
    };
    let end = data[c..]
        .iter()
        .position(|&b| b == b',' || b == b'}')
        .map_or(data.len(), |p| c + p);
    let mut member = data[open..end].to_vec();
    member.push(b',');
    insert(data, open, &member);
}

/// Rewrites one node of a JSON document, keeping it JSON (reaches the model
/// and canonicalization logic that byte edits mostly stop in front of).
fn mutate_json(rng: &mut Rng, data: &mut Vec<u8>) -> bool {
    use serde_json::{json, Value};
    let Ok(mut doc) = serde_json::from_slice::<Value>(data) else {
        return false;
    };
    let mut pointers = Vec::new();
    let mut stack = vec![(String::new(), &doc)];
    while let Some((p, v)) = stack.pop() {
        match v {
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    stack.push((format!("{p}/{i}"), x));
                }
            }
            Value::Object(o) => {
                for (k, x) in o {
                    let k = k.replace('~', "~0").replace('/', "~1");
                    stack.push((format!("{p}/{k}"), x));
                }
            }
            _ => {}
        }
        pointers.push(p);
    }
    let donor = doc
        .pointer(rng.pick(&pointers).as_str())
        .cloned()
        .unwrap_or(Value::Null);
    let target: String = rng.pick(&pointers).clone();
    let Some(node) = doc.pointer_mut(&target) else {
        return false;
    };
    let s = node.as_str().unwrap_or("x").to_owned();
    *node = match rng.below(12) {
        0 => donor,
        1 => json!([node.take()]),
        2 => match node.take() {
            Value::Array(mut a) if !a.is_empty() => a.swap_remove(0),
            Value::Object(o) => o.into_iter().next().map_or(Value::Null, |(_, v)| v),
            other => json!({ "@value": other }),
        },
        3 => rng
            .pick(&[
                json!(null),
                json!(true),
                json!(0),
                json!(-1),
                json!(u64::MAX),
                json!(i64::MIN),
                json!(1e308),
                json!(-0.0),
                json!(0.5),
                json!(""),
                json!([]),
                json!({}),
            ])
            .clone(),
        4 => json!(format!("{s}{s}")),
        5 => json!(s.chars().rev().collect::<String>()),
        6 => json!(s.get(..s.len() / 2).unwrap_or("")),
        7 => json!(format!("{s}\u{0}\u{fffd}\u{2028}😀")),
        8 => json!(rng.pick(&[
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "did:web:example.com%3A8080:a:b",
            "_:b0",
            "@id",
            "@type",
            "@json",
            "@none",
            "https://example.com/",
            "relative/iri",
            "urn:",
            "1970-01-01T00:00:00Z",
            "99999-01-01T00:00:00Z",
            "u",
            "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",
            "z",
            "zzzz",
            "VerifiableCredential",
            "OpenBadgeCredential",
            "BitstringStatusListEntry",
            "StatusList2021Entry",
            "1EdTechRevocationList",
            "DataIntegrityProof",
            "eddsa-rdfc-2022",
            "eddsa-jcs-2022",
            "Ed25519Signature2020",
            "assertionMethod",
        ])),
        9 => {
            if let Value::Object(o) = node {
                let mut o = o.clone();
                let key = rng.pick(&["@context", "@id", "@type", "@list", "@set", "@value", "@language", "@graph", "@reverse", "@index", "id", "type", "proof", "credentialStatus", "statusListIndex", "statusSize", "verificationMethod"]);
                o.insert((*key).to_owned(), donor);
                Value::Object(o)
            } else {
                donor
            }
        }
        10 => {
            let mut v = node.take();
            for _ in 0..*rng.pick(&[2usize, 30, 70]) {
                v = json!([v]);
            }
            v
        }
        _ => Value::Null,
    };
    *data = serde_json::to_vec(&doc).unwrap_or_default();
    true
}

fn escaped(input: &[u8]) -> String {
    let shown = &input[..input.len().min(4096)];
    let mut s = String::new();
    for chunk in shown.utf8_chunks() {
        s.extend(chunk.valid().escape_debug());
        for b in chunk.invalid() {
            s.push_str(&format!("\\x{b:02x}"));
        }
    }
    if input.len() > shown.len() {
        s.push_str(&format!("… ({} bytes in all)", input.len()));
    }
    s
}

fn hex(input: &[u8]) -> String {
    input
        .iter()
        .take(2048)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs `f` on `input`; the failure text names the input.
fn run_one(name: &str, f: targets::Target, input: &[u8], origin: &str) -> Result<(), String> {
    let scratch =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("no_panic_current_{name}"));
    let _ = std::fs::write(&scratch, input);
    let start = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| f(input)));
    let took = start.elapsed();
    let what = match outcome {
        Err(payload) => {
            let msg = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            format!("PANIC ({msg})")
        }
        Ok(()) if took > SLOW => format!("HANG ({took:?}, over {SLOW:?})"),
        Ok(()) => return Ok(()),
    };
    Err(format!(
        "{what} in target `{name}` on {origin}, {} bytes\n  escaped: \"{}\"\n  hex: {}\n  \
         (replay: save it as fuzz/corpus/{name}/<file> and run this test, or \
         `cargo +nightly fuzz run {name} <file>` in fuzz/)",
        input.len(),
        escaped(input),
        hex(input),
    ))
}

fn corpus(name: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus")).join(name);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("seed corpus {} missing: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

/// Replays the corpus of `name`, then `iterations` mutants; returns how many
/// inputs were run. Panics listing every failing input (up to 5).
fn fuzz(name: &str, iterations: usize) -> usize {
    let f = targets::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no target {name}"))
        .1;
    let iterations = std::env::var("NO_PANIC_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(iterations);
    let seeds = corpus(name);
    assert!(!seeds.is_empty(), "empty seed corpus for {name}");
    let pool: Vec<Vec<u8>> = seeds.iter().map(|(_, b)| b.clone()).collect();
    let mut failures = Vec::new();
    let mut runs = 0;
    for (file, bytes) in &seeds {
        runs += 1;
        if let Err(e) = run_one(name, f, bytes, &format!("seed file {file}")) {
            failures.push(e);
        }
    }
    // A fixed seed per target: the same mutants on every run and machine.
    // `NO_PANIC_SEED=<n>` varies the stream (soak runs).
    let extra: u64 = std::env::var("NO_PANIC_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut rng = Rng::new(
        name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        }) ^ extra.wrapping_mul(0x9E37_79B9_7F4A_7C15),
    );
    let mut current = pool[0].clone();
    for i in 0..iterations {
        if failures.len() >= 5 {
            break;
        }
        // Mostly restart from a seed; sometimes keep mutating the last mutant.
        if !rng.chance(4) || current.len() > 256 * 1024 {
            current = rng.pick(&pool).clone();
        }
        let edits = 1 + rng.below(4);
        for _ in 0..edits {
            if rng.chance(3) && mutate_json(&mut rng, &mut current) {
                continue;
            }
            mutate_bytes(&mut rng, &mut current, &pool);
        }
        runs += 1;
        if let Err(e) = run_one(name, f, &current, &format!("mutant #{i}")) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    runs
}

macro_rules! fuzz_tests {
    ($($name:ident: $iterations:expr,)*) => {
        $(
            #[test]
            fn $name() {
                let start = Instant::now();
                let runs = fuzz(stringify!($name), $iterations);
                println!("{}: {runs} inputs, no panic, {:?}", stringify!($name), start.elapsed());
            }
        )*

        #[test]
        fn every_target_is_replayed() {
            let tested = [$(stringify!($name)),*];
            for (name, _) in targets::TARGETS {
                assert!(tested.contains(name), "fuzz target {name} has no replay test");
            }
            assert_eq!(tested.len(), targets::TARGETS.len());
            // Each target has its cargo-fuzz wrapper.
            for name in tested {
                let file = format!(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/fuzz_targets/{}.rs"), name);
                let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
                assert!(text.contains(&format!("openbadges_fuzz::{name}(")), "{file} does not call {name}");
            }
        }
    };
}

fuzz_tests! {
    ids: 3000,
    json_limited: 3000,
    model_v3: 2000,
    model_v2: 2000,
    rdfc_nquads: 2000,
    canon_generic: 600,
    canon_fast: 1500,
    jcs: 3000,
    keys_multikey: 3000,
    keys_jwk: 3000,
    keys_pkcs8: 3000,
    did: 3000,
    proof_verify: 400,
    status_decode: 1500,
    status_check: 2000,
    competency: 1000,
    bake_png: 2000,
    bake_svg: 2000,
    jose_jws: 6000,
    jose_jwk: 6000,
    verify: 500,
}
