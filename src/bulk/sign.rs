//! Sign many: on all cores, streaming, with crash-safe status slots.

use std::io::{BufRead, Write};

use serde_json::Value;

use super::journal::{StatusJournal, StatusSlot};
use super::ndjson::{self, Line};
use super::{par, BulkError, DEFAULT_CHUNK};
use crate::ids::DateTime;
use crate::issue::{IssueError, Issuer};
use crate::keys::{Signature, Signer};
use crate::limits::{parse_json_limited, Limits};

/// Most failures a [`SignSummary`] lists (all are counted).
const MAX_LISTED_FAILURES: usize = 1000;

/// Signs many documents as one issuer (see the [module
/// documentation](super)).
pub struct BulkSigner<'i, S> {
    issuer: &'i Issuer<S>,
    chunk: usize,
    limits: Limits,
}

impl<S> core::fmt::Debug for BulkSigner<'_, S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BulkSigner")
            .field("issuer", self.issuer)
            .field("chunk", &self.chunk)
            .finish_non_exhaustive()
    }
}

/// An unsigned credential and the `created` time of its proof.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ToSign {
    /// The credential JSON, without `credentialStatus` and without a proof.
    pub document: Value,
    /// The proof's `created`.
    pub created: DateTime,
}

impl ToSign {
    /// A document to sign with this proof creation time.
    pub fn new(document: Value, created: DateTime) -> Self {
        ToSign { document, created }
    }
}

/// A line that could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LineFailure {
    /// The input line (from 1).
    pub line: usize,
    /// Why.
    pub reason: String,
}

/// What [`sign_ndjson`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignSummary {
    /// Non-blank input lines.
    pub lines: usize,
    /// Lines signed (and written).
    pub signed: usize,
    /// Lines not signed (nothing written for them).
    pub failed: usize,
    /// The first 1,000 of those, with their line numbers.
    pub failures: Vec<LineFailure>,
}

/// What [`BulkSigner::issue_with_status`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct IssueSummary {
    /// Credentials signed and written.
    pub issued: usize,
    /// The slots they got, first and last (`None` when none was issued).
    pub first_slot: Option<StatusSlot>,
    /// The last slot handed out.
    pub last_slot: Option<StatusSlot>,
}

impl<'i, S> BulkSigner<'i, S>
where
    S: Signer<Signature> + Sync,
{
    /// Signs as `issuer`, [`DEFAULT_CHUNK`] documents at a time.
    pub fn new(issuer: &'i Issuer<S>) -> Self {
        BulkSigner {
            issuer,
            chunk: DEFAULT_CHUNK,
            limits: Limits::DEFAULT,
        }
    }

    /// Takes `chunk` items at a time from streaming input (at least 1).
    #[must_use]
    pub fn chunk(mut self, chunk: usize) -> Self {
        self.chunk = chunk.max(1);
        self
    }

    /// Reads NDJSON input within these limits (default [`Limits::DEFAULT`]).
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// [`Issuer::sign_json`] on every document, in parallel; one result per
    /// document, in order.
    pub fn sign_many(
        &self,
        documents: Vec<Value>,
        created: &DateTime,
    ) -> Vec<Result<Value, IssueError>> {
        par::map_owned(documents, |_, d| self.issuer.sign_json(d, created.clone()))
    }

    /// Signs NDJSON, one unsigned credential a line, and writes the signed
    /// credentials one a line, in input order. A line that is not strict
    /// JSON within the limits, or that the issuer refuses, is not written
    /// and is listed in the summary with its line number.
    ///
    /// # Errors
    /// [`BulkError::Read`] / [`BulkError::Write`] with the line number; the
    /// lines before it have been written.
    pub fn sign_ndjson<R: BufRead, W: Write>(
        &self,
        reader: R,
        mut writer: W,
        created: &DateTime,
    ) -> Result<SignSummary, BulkError> {
        let mut lines = ndjson::Lines::new(reader, self.limits.max_json_bytes);
        let mut summary = SignSummary::default();
        let fail = |summary: &mut SignSummary, line: usize, reason: String| {
            summary.failed = summary.failed.saturating_add(1);
            if summary.failures.len() < MAX_LISTED_FAILURES {
                summary.failures.push(LineFailure { line, reason });
            }
        };
        loop {
            let mut chunk: Vec<(usize, Vec<u8>)> = Vec::new();
            let mut read_error = None;
            while chunk.len() < self.chunk {
                match lines.next_line() {
                    Ok(None) => break,
                    Ok(Some((n, Line::Text(t)))) => {
                        if !ndjson::is_blank(&t) {
                            chunk.push((n, t));
                        }
                    }
                    Ok(Some((n, Line::TooLong { len }))) => {
                        summary.lines = summary.lines.saturating_add(1);
                        let max = self.limits.max_json_bytes;
                        fail(&mut summary, n, format!("line is {len} bytes, over {max}"));
                    }
                    Err((line, source)) => {
                        read_error = Some(BulkError::Read { line, source });
                        break;
                    }
                }
            }
            if chunk.is_empty() && read_error.is_none() {
                break;
            }
            summary.lines = summary.lines.saturating_add(chunk.len());
            let signed = par::map(&chunk, |_, (_, text)| {
                let doc = parse_json_limited(text, &self.limits).map_err(|e| e.to_string())?;
                let signed = self
                    .issuer
                    .sign_json(doc, created.clone())
                    .map_err(|e| e.to_string())?;
                serde_json::to_vec(&signed).map_err(|e| e.to_string())
            });
            for ((line, _), result) in chunk.iter().zip(signed) {
                match result {
                    Ok(bytes) => {
                        let w = |w: &mut W| -> std::io::Result<()> {
                            w.write_all(&bytes)?;
                            w.write_all(b"\n")
                        };
                        w(&mut writer).map_err(|source| BulkError::Write {
                            line: *line,
                            source,
                        })?;
                        summary.signed = summary.signed.saturating_add(1);
                    }
                    Err(reason) => fail(&mut summary, *line, reason),
                }
            }
            if let Some(e) = read_error {
                return Err(e);
            }
        }
        writer.flush().map_err(|source| BulkError::Write {
            line: summary.lines,
            source,
        })?;
        Ok(summary)
    }

    /// Issues one credential per job, each with its own status slot from
    /// `journal`, and writes them one a line, in job order.
    ///
    /// Per chunk of jobs: the slots are allocated first (the journal is
    /// written and fsynced before any is handed out), then each job's
    /// document is built (`build`), given the `credentialStatus` entry of
    /// its slot, and signed, in parallel; then the chunk is written and the
    /// writer flushed, and `on_written` is told how many were. A crash at
    /// any point leaves every slot a written credential uses below the
    /// journal's mark, so a rerun from the journal never reuses one.
    ///
    /// # Errors
    /// [`BulkError::Build`] / [`BulkError::StatusAlreadySet`] /
    /// [`BulkError::Issue`] for the first job (in order) that failed, after
    /// the jobs before it were written; [`BulkError::Journal`],
    /// [`BulkError::StatusExhausted`]; [`BulkError::Write`].
    pub fn issue_with_status<T, I, F, W>(
        &self,
        jobs: I,
        journal: &mut StatusJournal,
        build: F,
        mut writer: W,
        mut on_written: impl FnMut(usize),
    ) -> Result<IssueSummary, BulkError>
    where
        I: IntoIterator<Item = T>,
        T: Send,
        F: Fn(T) -> Result<ToSign, String> + Sync + Send,
        W: Write,
    {
        let mut jobs = jobs.into_iter();
        let mut summary = IssueSummary::default();
        let mut position = 0usize;
        loop {
            let chunk: Vec<T> = jobs.by_ref().take(self.chunk).collect();
            if chunk.is_empty() {
                break;
            }
            let slots = journal.allocate_many(chunk.len())?;
            let entries = slots
                .iter()
                .map(|s| journal.entry(s))
                .collect::<Result<Vec<Value>, BulkError>>()?;
            let work: Vec<(T, Value)> = chunk.into_iter().zip(entries).collect();
            let base = position;
            let signed = par::map_owned(work, |i, (job, entry)| {
                let job_no = base.saturating_add(i);
                let ToSign {
                    mut document,
                    created,
                } = build(job).map_err(|reason| BulkError::Build {
                    job: job_no,
                    reason,
                })?;
                let obj = document.as_object_mut().ok_or(BulkError::Build {
                    job: job_no,
                    reason: "not a JSON object".into(),
                })?;
                if obj.contains_key("credentialStatus") {
                    return Err(BulkError::StatusAlreadySet { job: job_no });
                }
                obj.insert("credentialStatus".into(), entry);
                let signed = self.issuer.sign_json(document, created).map_err(|source| {
                    BulkError::Issue {
                        job: job_no,
                        source,
                    }
                })?;
                serde_json::to_vec(&signed).map_err(|e| BulkError::Build {
                    job: job_no,
                    reason: e.to_string(),
                })
            });
            let mut written = 0usize;
            let mut failure = None;
            for (result, slot) in signed.into_iter().zip(slots) {
                let bytes = match result {
                    Ok(b) => b,
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                };
                let w = |w: &mut W| -> std::io::Result<()> {
                    w.write_all(&bytes)?;
                    w.write_all(b"\n")
                };
                w(&mut writer).map_err(|source| BulkError::Write {
                    line: position.saturating_add(1),
                    source,
                })?;
                position = position.saturating_add(1);
                written = written.saturating_add(1);
                summary.issued = summary.issued.saturating_add(1);
                summary.first_slot.get_or_insert_with(|| slot.clone());
                summary.last_slot = Some(slot);
            }
            writer.flush().map_err(|source| BulkError::Write {
                line: position,
                source,
            })?;
            on_written(written);
            if let Some(e) = failure {
                return Err(e);
            }
        }
        Ok(summary)
    }
}

/// Signs every document as `issuer` ([`BulkSigner::sign_many`]).
pub fn sign_many<S>(
    issuer: &Issuer<S>,
    documents: Vec<Value>,
    created: &DateTime,
) -> Vec<Result<Value, IssueError>>
where
    S: Signer<Signature> + Sync,
{
    BulkSigner::new(issuer).sign_many(documents, created)
}

/// Signs NDJSON from `reader` into `writer` as `issuer`
/// ([`BulkSigner::sign_ndjson`]).
///
/// # Errors
/// As [`BulkSigner::sign_ndjson`].
pub fn sign_ndjson<R, W, S>(
    reader: R,
    writer: W,
    issuer: &Issuer<S>,
    created: &DateTime,
) -> Result<SignSummary, BulkError>
where
    R: BufRead,
    W: Write,
    S: Signer<Signature> + Sync,
{
    BulkSigner::new(issuer).sign_ndjson(reader, writer, created)
}
