//! Verify many: full reports, batched signatures, streaming.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, Write};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{json, Value};

use super::ndjson::{self, Line};
use super::{batch, par, BulkError, DEFAULT_CHUNK};
use crate::fetch::{FetchError, Fetched, Fetcher};
use crate::limits::{Limit, LimitExceeded};
use crate::proof::deferred;
use crate::verify::{
    canonicalizer_for, verify_in_run, Check, CheckId, CredentialFormat, SharedRun, Verdict,
    VerificationReport, VerifyError, VerifyOptions,
};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

/// The caller's fetcher, each URL fetched once per bulk run: a status list
/// or controller document named by every credential of the run is read
/// once. Keeps at most [`MemoFetcher::MAX_ENTRIES`] responses and
/// [`MemoFetcher::MAX_BYTES`] of bodies; past that, fetches go through.
struct MemoFetcher {
    inner: Arc<dyn Fetcher>,
    /// Responses by (URL, size cap), and the bytes of bodies kept.
    seen: Mutex<(Responses, usize)>,
}

type Responses = HashMap<(String, usize), Result<Fetched, FetchError>>;

impl MemoFetcher {
    const MAX_ENTRIES: usize = 1024;
    const MAX_BYTES: usize = 64 * 1024 * 1024;
}

impl Fetcher for MemoFetcher {
    fn fetch(&self, url: &str, max_bytes: usize) -> Result<Fetched, FetchError> {
        let key = (url.to_owned(), max_bytes);
        if let Some(r) = lock(&self.seen).0.get(&key) {
            return r.clone();
        }
        let r = self.inner.fetch(url, max_bytes);
        let size = r.as_ref().map_or(0, |f| f.body.len());
        let mut seen = lock(&self.seen);
        let (map, bytes) = &mut *seen;
        if map.len() < Self::MAX_ENTRIES && bytes.saturating_add(size) <= Self::MAX_BYTES {
            *bytes = bytes.saturating_add(size);
            map.insert(key, r.clone());
        }
        r
    }
}

/// Counts of the signature work a [`BulkVerifier`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BatchStats {
    /// Items verified.
    pub items: usize,
    /// Ed25519 checks recorded during the first pass and batch-verified.
    pub batched_signatures: usize,
    /// `verify_batch` calls.
    pub batches: usize,
    /// `verify_batch` calls that failed (their signatures then checked one
    /// by one with `verify_strict`).
    pub failed_batches: usize,
    /// Items verified a second time, strictly, because one of their
    /// signatures failed.
    pub reverified: usize,
}

/// Verifies many credentials with the options of one run (see the
/// [module documentation](super)).
pub struct BulkVerifier {
    options: VerifyOptions,
    shared: SharedRun,
    chunk: usize,
    stats: Mutex<BatchStats>,
}

impl core::fmt::Debug for BulkVerifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BulkVerifier")
            .field("options", &self.options)
            .field("chunk", &self.chunk)
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
}

impl BulkVerifier {
    /// A verifier for one run with these options (the fetcher is wrapped so
    /// each URL is fetched once per run; a canonicalizer is built once when
    /// the options have none).
    pub fn new(options: &VerifyOptions) -> Self {
        let mut options = options.clone();
        if options.canonicalizer.is_none() {
            options.canonicalizer = Some(canonicalizer_for(&options));
        }
        options.fetcher = Arc::new(MemoFetcher {
            inner: Arc::clone(&options.fetcher),
            seen: Mutex::new((HashMap::new(), 0)),
        });
        BulkVerifier {
            options,
            shared: SharedRun::default(),
            chunk: DEFAULT_CHUNK,
            stats: Mutex::new(BatchStats::default()),
        }
    }

    /// Takes `chunk` items at a time from streaming input (at least 1).
    #[must_use]
    pub fn chunk(mut self, chunk: usize) -> Self {
        self.chunk = chunk.max(1);
        self
    }

    /// The options items are verified with.
    pub fn options(&self) -> &VerifyOptions {
        &self.options
    }

    /// What the signature batching did so far.
    pub fn stats(&self) -> BatchStats {
        *lock(&self.stats)
    }

    /// Verifies one chunk: the first pass with signatures recorded, the
    /// batch check, then a strict second pass for items a signature of
    /// which failed.
    fn verify_chunk<B: AsRef<[u8]> + Sync>(
        &self,
        items: &[B],
    ) -> Vec<Result<VerificationReport, VerifyError>> {
        let first = par::map(items, |_, b| {
            deferred::recording(|| verify_in_run(b.as_ref(), &self.options, Some(&self.shared)))
        });
        let mut results = Vec::with_capacity(first.len());
        let mut owners = Vec::new();
        let mut sigs = Vec::new();
        for (i, (result, recorded)) in first.into_iter().enumerate() {
            owners.extend(core::iter::repeat_n(i, recorded.len()));
            sigs.extend(recorded);
            results.push(result);
        }
        let checked = batch::check(&sigs);
        let mut redo: Vec<usize> = owners
            .iter()
            .zip(&checked.ok)
            .filter(|(_, ok)| !**ok)
            .map(|(owner, _)| *owner)
            .collect();
        redo.dedup();
        let again = par::map(&redo, |_, i| {
            deferred::strictly(|| {
                items
                    .get(*i)
                    .map(|b| verify_in_run(b.as_ref(), &self.options, Some(&self.shared)))
            })
        });
        for (i, r) in redo.iter().zip(again) {
            if let (Some(slot), Some(r)) = (results.get_mut(*i), r) {
                *slot = r;
            }
        }
        let mut stats = lock(&self.stats);
        stats.items = stats.items.saturating_add(items.len());
        stats.batched_signatures = stats.batched_signatures.saturating_add(sigs.len());
        stats.batches = stats.batches.saturating_add(checked.batches);
        stats.failed_batches = stats.failed_batches.saturating_add(checked.failed_batches);
        stats.reverified = stats.reverified.saturating_add(redo.len());
        results
    }

    /// Verifies every item (the bytes of one credential each) and returns
    /// one result per item, in order: the same as
    /// [`verify`](crate::verify::verify) would return for it.
    pub fn verify_many<B: AsRef<[u8]> + Sync>(
        &self,
        items: &[B],
    ) -> Vec<Result<VerificationReport, VerifyError>> {
        let mut out = Vec::with_capacity(items.len());
        for chunk in items.chunks(self.chunk) {
            out.extend(self.verify_chunk(chunk));
        }
        out
    }

    /// Verifies the items of an iterator, [`BulkVerifier::chunk`] at a time,
    /// yielding one result per item in order.
    pub fn verify_iter<I>(&self, items: I) -> VerifyIter<'_, I::IntoIter>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]> + Sync,
    {
        VerifyIter {
            verifier: self,
            items: items.into_iter(),
            ready: VecDeque::new(),
        }
    }

    /// Verifies NDJSON, one credential a line: yields a [`LineReport`] per
    /// non-blank line, in order, with its line number. A line longer than
    /// [`Limits::max_json_bytes`](crate::limits::Limits::max_json_bytes) is
    /// skipped without being kept and reported as failing
    /// `json-well-formed`.
    pub fn verify_lines<R: BufRead>(&self, reader: R) -> Lines<'_, R> {
        Lines {
            verifier: self,
            input: Input::new(reader, self.options.limits.max_json_bytes),
        }
    }

    /// As [`BulkVerifier::verify_lines`], and applies `then` to each line's
    /// report and bytes (`None` for a line too long to be read) on the same
    /// cores, chunk by chunk, so a caller can read what it needs out of each
    /// verified credential without keeping the lines: memory stays bounded
    /// by two chunks (the one verified and the next, read meanwhile).
    /// `then` sees every line, valid or not; it decides what
    /// a line that is not valid is worth.
    ///
    /// ```
    /// use openbadges::bulk::BulkVerifier;
    /// use openbadges::verify::VerifyOptions;
    /// let input = b"not json\n{}\n";
    /// let verifier = BulkVerifier::new(&VerifyOptions::at("2026-01-01T00:00:00Z".parse()?));
    /// let sizes: Vec<(usize, usize)> = verifier
    ///     .verify_lines_then(&input[..], |report, bytes| {
    ///         assert!(!report.outcome_is_valid());
    ///         bytes.map_or(0, <[u8]>::len)
    ///     })
    ///     .map(|r| r.map(|(report, len)| (report.line, len)))
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(sizes, [(1, 8), (2, 2)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify_lines_then<R, F, T>(&self, reader: R, then: F) -> LinesThen<'_, R, F, T>
    where
        R: BufRead,
        F: Fn(&LineReport, Option<&[u8]>) -> T + Sync,
        T: Send,
    {
        LinesThen {
            verifier: self,
            input: Input::new(reader, self.options.limits.max_json_bytes),
            then,
        }
    }

    /// As [`BulkVerifier::verify_lines_then`], for a caller that needs only
    /// what `f` makes of each line: yields `(line number, f(report,
    /// bytes))`, and each report is dropped where it was made, on the pool's
    /// threads, not by the caller.
    ///
    /// ```
    /// use openbadges::bulk::BulkVerifier;
    /// use openbadges::verify::VerifyOptions;
    /// let input = b"not json\n\n{}\n";
    /// let verifier = BulkVerifier::new(&VerifyOptions::at("2026-01-01T00:00:00Z".parse()?));
    /// let valid: Vec<(usize, bool)> = verifier
    ///     .verify_lines_map(&input[..], |report, _| report.outcome_is_valid())
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(valid, [(1, false), (3, false)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify_lines_map<R, F, T>(&self, reader: R, f: F) -> LinesMap<'_, R, F, T>
    where
        R: BufRead,
        F: Fn(&LineReport, Option<&[u8]>) -> T + Sync,
        T: Send,
    {
        LinesMap {
            verifier: self,
            input: Input::new(reader, self.options.limits.max_json_bytes),
            f,
        }
    }

    /// Verifies NDJSON from `reader` and writes one JSON object a line to
    /// `writer` for each non-blank input line, in order
    /// ([`LineReport::to_json`]: `line`, `verdict`, `id`, `reason`).
    ///
    /// # Errors
    /// [`BulkError::Read`] / [`BulkError::Write`] with the line number; the
    /// results of the lines before it have been written.
    pub fn verify_ndjson<R: BufRead, W: Write>(
        &self,
        reader: R,
        mut writer: W,
    ) -> Result<VerifySummary, BulkError> {
        let mut summary = VerifySummary::default();
        for item in self.verify_lines(reader) {
            let report = item?;
            summary.count(&report);
            let write = |w: &mut W| -> std::io::Result<()> {
                serde_json::to_writer(&mut *w, &report.to_json())?;
                w.write_all(b"\n")
            };
            write(&mut writer).map_err(|source| BulkError::Write {
                line: report.line,
                source,
            })?;
        }
        writer.flush().map_err(|source| BulkError::Write {
            line: summary.last_line,
            source,
        })?;
        summary.batch = self.stats();
        Ok(summary)
    }
}

/// The results of [`BulkVerifier::verify_iter`], in input order.
pub struct VerifyIter<'v, I: Iterator> {
    verifier: &'v BulkVerifier,
    items: I,
    ready: VecDeque<Result<VerificationReport, VerifyError>>,
}

impl<I> Iterator for VerifyIter<'_, I>
where
    I: Iterator,
    I::Item: AsRef<[u8]> + Sync,
{
    type Item = Result<VerificationReport, VerifyError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.ready.is_empty() {
            let chunk: Vec<I::Item> = self.items.by_ref().take(self.verifier.chunk).collect();
            self.ready.extend(self.verifier.verify_chunk(&chunk));
        }
        self.ready.pop_front()
    }
}

/// How one line of NDJSON input fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LineOutcome {
    /// [`Verdict::Valid`].
    Valid,
    /// [`Verdict::Invalid`].
    Invalid,
    /// [`Verdict::Indeterminate`].
    Indeterminate,
    /// Verification could not run ([`VerifyError`]: an unsupported format).
    Error,
}

impl LineOutcome {
    /// `valid`, `invalid`, `indeterminate` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            LineOutcome::Valid => "valid",
            LineOutcome::Invalid => "invalid",
            LineOutcome::Indeterminate => "indeterminate",
            LineOutcome::Error => "error",
        }
    }
}

/// The result of one line of NDJSON input.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LineReport {
    /// The line number, from 1 (blank lines count).
    pub line: usize,
    /// What [`verify`](crate::verify::verify) returned for the line.
    pub result: Result<VerificationReport, VerifyError>,
}

impl LineReport {
    /// Whether the line's verdict is [`Verdict::Valid`].
    pub fn outcome_is_valid(&self) -> bool {
        self.outcome() == LineOutcome::Valid
    }

    /// The line's outcome.
    pub fn outcome(&self) -> LineOutcome {
        match &self.result {
            Ok(r) => match r.verdict() {
                Verdict::Valid => LineOutcome::Valid,
                Verdict::Invalid => LineOutcome::Invalid,
                Verdict::Indeterminate => LineOutcome::Indeterminate,
            },
            Err(_) => LineOutcome::Error,
        }
    }

    /// Why the line is not valid, in one line (`check: reason` for an
    /// invalid credential, `not verified: checks; why` for an indeterminate
    /// one, the error otherwise); `None` when it is valid.
    pub fn reason(&self) -> Option<String> {
        let report = match &self.result {
            Err(e) => return Some(e.to_string()),
            Ok(r) => r,
        };
        match report.verdict() {
            Verdict::Valid => None,
            Verdict::Invalid => Some(report.most_specific().map_or_else(
                || "invalid".to_owned(),
                |c| format!("{}: {}", c.id, c.outcome.reason().unwrap_or_default()),
            )),
            Verdict::Indeterminate => {
                let missing: Vec<&str> = report
                    .unverified_required()
                    .iter()
                    .map(|c| c.name())
                    .collect();
                let why = report
                    .first_unverified()
                    .and_then(|c| c.outcome.reason())
                    .map(|s| format!("; {s}"))
                    .unwrap_or_default();
                Some(format!("not verified: {}{why}", missing.join(", ")))
            }
        }
    }

    /// `{"line": N, "verdict": "valid"|"invalid"|"indeterminate"|"error",
    /// "id": credential id (when known), "reason": … (unless valid)}`.
    pub fn to_json(&self) -> Value {
        let mut v = json!({"line": self.line, "verdict": self.outcome().as_str()});
        if let Value::Object(m) = &mut v {
            if let Some(id) = self
                .result
                .as_ref()
                .ok()
                .and_then(|r| r.credential_id.clone())
            {
                m.insert("id".into(), id.into());
            }
            if let Some(reason) = self.reason() {
                m.insert("reason".into(), reason.into());
            }
        }
        v
    }
}

/// The results of [`BulkVerifier::verify_lines`], in input order.
pub struct Lines<'v, R> {
    verifier: &'v BulkVerifier,
    input: Input<R, LineReport>,
}

/// The lines of one chunk as read, and how reading ended.
#[derive(Default)]
struct ReadChunk {
    numbers: Vec<usize>,
    texts: Vec<Vec<u8>>,
    /// Lines too long to keep: number and length.
    long: Vec<(usize, usize)>,
    /// The read error that ended the input.
    error: Option<BulkError>,
    /// Whether the input ended (error or end of file).
    last: bool,
}

/// What a chunk's lines became (in line order), and the read error that
/// ended the input after them.
type Verified<U> = (Vec<U>, Option<BulkError>);

/// What becomes of each line's report and bytes, on the pool's threads.
type Finish<'f, U> = &'f (dyn Fn(LineReport, Option<&[u8]>) -> U + Sync);

/// NDJSON input read one chunk ahead: while a chunk is verified on the
/// pool's threads, the calling thread reads the next one. Yields what each
/// line became (`U`), in order, then the read error that ended the input.
struct Input<R, U> {
    lines: ndjson::Lines<R>,
    ahead: Option<ReadChunk>,
    done: bool,
    ready: VecDeque<U>,
    error: Option<BulkError>,
}

impl<R: BufRead, U: Send> Input<R, U> {
    fn new(reader: R, max_line: usize) -> Self {
        Input {
            lines: ndjson::Lines::new(reader, max_line),
            ahead: None,
            done: false,
            ready: VecDeque::new(),
            error: None,
        }
    }

    /// The next line's result (`then` applied to its report and bytes, on
    /// the pool), the read error after the last line read, or `None` at
    /// the end.
    fn next_item(
        &mut self,
        verifier: &BulkVerifier,
        then: Finish<'_, U>,
    ) -> Option<Result<U, BulkError>> {
        loop {
            if let Some(u) = self.ready.pop_front() {
                return Some(Ok(u));
            }
            if let Some(e) = self.error.take() {
                return Some(Err(e));
            }
            let (chunk, error) = self.next_chunk(verifier, then)?;
            self.ready.extend(chunk);
            self.error = error;
        }
    }

    /// Reads up to a chunk of lines (blank lines skipped).
    fn read(&mut self, chunk: usize) -> ReadChunk {
        let mut c = ReadChunk::default();
        while c.texts.len() < chunk && c.long.len() < chunk {
            match self.lines.next_line() {
                Ok(None) => {
                    c.last = true;
                    break;
                }
                Ok(Some((n, Line::Text(t)))) => {
                    if !ndjson::is_blank(&t) {
                        c.numbers.push(n);
                        c.texts.push(t);
                    }
                }
                Ok(Some((n, Line::TooLong { len }))) => c.long.push((n, len)),
                Err((line, source)) => {
                    c.error = Some(BulkError::Read { line, source });
                    c.last = true;
                    break;
                }
            }
        }
        c
    }

    /// The next chunk's results, with `then(report, bytes)` applied, and
    /// the read error that ended the input after them; `None` once the
    /// input is done.
    fn next_chunk(&mut self, verifier: &BulkVerifier, then: Finish<'_, U>) -> Option<Verified<U>> {
        if self.done {
            return None;
        }
        let mut current = match self.ahead.take() {
            Some(c) => c,
            None => self.read(verifier.chunk),
        };
        let error = current.error.take();
        let out = if current.last {
            self.done = true;
            verify_read(verifier, current, then)
        } else {
            let (out, next) = par::overlap(
                || verify_read(verifier, current, then),
                || self.read(verifier.chunk),
            );
            self.ahead = Some(next);
            out
        };
        Some((out, error))
    }
}

/// Verifies the lines of a chunk and hands each line's report to
/// `then(report, bytes)` (in parallel; `bytes` is `None` for a line too
/// long to be read); what it returns comes back in line order.
fn verify_read<U: Send>(verifier: &BulkVerifier, chunk: ReadChunk, then: Finish<'_, U>) -> Vec<U> {
    let max = verifier.options.limits.max_json_bytes;
    let ReadChunk {
        numbers,
        texts,
        long,
        ..
    } = chunk;
    let mut results = verifier.verify_chunk(&texts).into_iter();
    let reports: Vec<(LineReport, &[u8])> = numbers
        .into_iter()
        .zip(&texts)
        .map(|(line, text)| {
            let result = results.next().unwrap_or_else(|| {
                Err(VerifyError::Io {
                    reason: "no result".into(),
                })
            });
            (LineReport { line, result }, text.as_slice())
        })
        .collect();
    let mut out: Vec<(usize, U)> = par::map_owned(reports, |_, (report, text)| {
        (report.line, then(report, Some(text)))
    });
    for (line, len) in long {
        let mut r = VerificationReport::new(CredentialFormat::Unknown);
        let limit = LimitExceeded {
            limit: Limit::JsonBytes,
            max,
            found: Some(len),
        };
        r.push(Check::failed(
            CheckId::JsonWellFormed,
            format!("the line was not read: {limit}"),
            None,
        ));
        let report = LineReport {
            line,
            result: Ok(r),
        };
        out.push((line, then(report, None)));
    }
    out.sort_by_key(|(line, _)| *line);
    out.into_iter().map(|(_, u)| u).collect()
}

impl<R: BufRead> Iterator for Lines<'_, R> {
    type Item = Result<LineReport, BulkError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.input.next_item(self.verifier, &|r, _| r)
    }
}

/// The results of [`BulkVerifier::verify_lines_then`], in input order: each
/// line's report with what the caller's function made of it.
pub struct LinesThen<'v, R, F, T> {
    verifier: &'v BulkVerifier,
    input: Input<R, (LineReport, T)>,
    then: F,
}

impl<R, F, T> Iterator for LinesThen<'_, R, F, T>
where
    R: BufRead,
    F: Fn(&LineReport, Option<&[u8]>) -> T + Sync,
    T: Send,
{
    type Item = Result<(LineReport, T), BulkError>;

    fn next(&mut self) -> Option<Self::Item> {
        let then = &self.then;
        self.input.next_item(self.verifier, &|r, b| {
            let t = then(&r, b);
            (r, t)
        })
    }
}

/// The results of [`BulkVerifier::verify_lines_map`], in input order:
/// each line's number with what the caller's function made of it.
pub struct LinesMap<'v, R, F, T> {
    verifier: &'v BulkVerifier,
    input: Input<R, (usize, T)>,
    f: F,
}

impl<R, F, T> Iterator for LinesMap<'_, R, F, T>
where
    R: BufRead,
    F: Fn(&LineReport, Option<&[u8]>) -> T + Sync,
    T: Send,
{
    type Item = Result<(usize, T), BulkError>;

    fn next(&mut self) -> Option<Self::Item> {
        let f = &self.f;
        self.input
            .next_item(self.verifier, &|r, b| (r.line, f(&r, b)))
    }
}

/// What [`verify_ndjson`] counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifySummary {
    /// Non-blank lines verified.
    pub lines: usize,
    /// Valid lines.
    pub valid: usize,
    /// Invalid lines.
    pub invalid: usize,
    /// Indeterminate lines.
    pub indeterminate: usize,
    /// Lines that could not be verified at all.
    pub errors: usize,
    /// The number of the last line verified.
    pub last_line: usize,
    /// The signature batching.
    pub batch: BatchStats,
}

impl VerifySummary {
    /// Counts one line.
    pub fn count(&mut self, line: &LineReport) {
        self.lines = self.lines.saturating_add(1);
        self.last_line = self.last_line.max(line.line);
        let n = match line.outcome() {
            LineOutcome::Valid => &mut self.valid,
            LineOutcome::Invalid => &mut self.invalid,
            LineOutcome::Indeterminate => &mut self.indeterminate,
            LineOutcome::Error => &mut self.errors,
        };
        *n = n.saturating_add(1);
    }

    /// The exit status convention of the `verify` and `bulk_verify`
    /// examples: 0 every line valid, 1 some line invalid, 2 none invalid but
    /// some indeterminate, 3 some line could not be verified at all (3
    /// beats 1 beats 2).
    pub fn exit_code(&self) -> u8 {
        if self.errors > 0 {
            3
        } else if self.invalid > 0 {
            1
        } else if self.indeterminate > 0 {
            2
        } else {
            0
        }
    }
}

/// Verifies every item with `options` ([`BulkVerifier::verify_many`]).
pub fn verify_many<B: AsRef<[u8]> + Sync>(
    items: &[B],
    options: &VerifyOptions,
) -> Vec<Result<VerificationReport, VerifyError>> {
    BulkVerifier::new(options).verify_many(items)
}

/// Verifies NDJSON from `reader` into `writer` with `options`
/// ([`BulkVerifier::verify_ndjson`]).
///
/// ```
/// use openbadges::bulk::verify_ndjson;
/// use openbadges::verify::VerifyOptions;
/// let input = b"{\"@context\": [\n\nnot json\n";
/// let mut out = Vec::new();
/// let summary = verify_ndjson(&input[..], &mut out, &VerifyOptions::at("2026-01-01T00:00:00Z".parse()?))?;
/// assert_eq!((summary.lines, summary.invalid), (2, 2));
/// let text = String::from_utf8(out)?;
/// let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap())?;
/// assert_eq!(first["line"], 1);
/// assert_eq!(first["verdict"], "invalid");
/// assert!(text.lines().nth(1).unwrap().contains("\"line\":3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`BulkVerifier::verify_ndjson`].
pub fn verify_ndjson<R: BufRead, W: Write>(
    reader: R,
    writer: W,
    options: &VerifyOptions,
) -> Result<VerifySummary, BulkError> {
    BulkVerifier::new(options).verify_ndjson(reader, writer)
}
