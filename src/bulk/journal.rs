//! Status-list index allocation that survives a crash: the allocation
//! journal.
//!
//! See [`StatusJournal`].

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::BulkError;
use crate::status::{StatusList, StatusPurpose, DEFAULT_LIST_LENGTH};

/// The journal file's `format` value.
const FORMAT: &str = "openbadges-status-journal/1";

/// Largest journal file read (it is a few hundred bytes).
const MAX_JOURNAL_BYTES: u64 = 64 * 1024;

/// The default reservation block: 1,024 slots per fsync.
pub const DEFAULT_BLOCK: u64 = 1024;

/// Which status lists a run allocates from: list number `n` (from
/// `first_list`, `lists` of them) is published at `url_prefix` + `n`, and
/// holds `list_length` one-bit entries of purpose `purpose`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListPlan {
    /// The lists' URL before their number (e.g. `https://example.org/status/`).
    pub url_prefix: String,
    /// The number of the first list.
    pub first_list: u64,
    /// How many lists (the run fails with [`BulkError::StatusExhausted`]
    /// when all are full).
    pub lists: u64,
    /// Entries per list (at least 131,072, the specification's minimum).
    pub list_length: usize,
    /// The lists' `statusPurpose`.
    pub purpose: StatusPurpose,
}

impl ListPlan {
    /// Lists `url_prefix` + 1, 2, … up to 1,000 lists, of
    /// [`DEFAULT_LIST_LENGTH`] entries, for revocation.
    pub fn new(url_prefix: impl Into<String>) -> Self {
        ListPlan {
            url_prefix: url_prefix.into(),
            first_list: 1,
            lists: 1000,
            list_length: DEFAULT_LIST_LENGTH,
            purpose: StatusPurpose::Revocation,
        }
    }

    /// Allocates from lists `first` to `first + count - 1` only (a shard's
    /// range).
    #[must_use]
    pub fn lists(mut self, first: u64, count: u64) -> Self {
        self.first_list = first;
        self.lists = count;
        self
    }

    /// Sets the entries per list.
    #[must_use]
    pub fn list_length(mut self, length: usize) -> Self {
        self.list_length = length;
        self
    }

    /// Sets the purpose.
    #[must_use]
    pub fn purpose(mut self, purpose: StatusPurpose) -> Self {
        self.purpose = purpose;
        self
    }

    /// The URL of list number `list`.
    pub fn list_url(&self, list: u64) -> String {
        format!("{}{list}", self.url_prefix)
    }

    /// How many slots the plan holds.
    pub fn capacity(&self) -> u64 {
        self.lists.saturating_mul(self.list_length as u64)
    }
}

/// One allocated status slot.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct StatusSlot {
    /// Its place in the run's allocation order (0 first).
    pub sequence: u64,
    /// The list's number.
    pub list: u64,
    /// The list's URL (the entry's `statusListCredential`).
    pub list_url: String,
    /// The index in the list (the entry's `statusListIndex`).
    pub index: usize,
}

/// What the journal file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JournalFile {
    format: String,
    status_purpose: String,
    list_url_prefix: String,
    first_list: u64,
    lists: u64,
    list_length: usize,
    /// Every sequence number below this may be in use.
    reserved: u64,
}

/// The allocation journal: hands out status slots, never one twice, across
/// crashes and reruns.
///
/// A bulk run hands each credential a `(list, index)` slot of a Bitstring
/// Status List. Two credentials must never share a slot (revoking one would
/// revoke the other), even when the run crashes and is started again. The
/// [`StatusJournal`] guarantees it by *reserving before using*: slots are
/// handed out in order of a sequence number, and before any slot at or past
/// the reserved mark is handed out, the mark is moved forward by a block
/// and the journal file is rewritten and fsynced (write a temporary file,
/// fsync it, rename it over the journal, fsync the folder). A credential is
/// only built after its slot was handed out, so every slot a written — or
/// half-written, or lost — credential uses lies below the mark on disk. A
/// rerun opens the journal and starts at the mark: at most one block of
/// slots is skipped, none is reused.
///
/// One journal belongs to one process at a time (nothing locks the file);
/// shards of a larger job each get their own journal over their own range
/// of lists ([`ListPlan::lists`]).
///
/// ```
/// use openbadges::bulk::{ListPlan, StatusJournal};
/// let dir = std::env::temp_dir().join(format!("ob-journal-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("run.journal.json");
/// let plan = ListPlan::new("https://issuer.example/status/");
///
/// let mut journal = StatusJournal::open(&path, plan.clone())?;
/// let first = journal.allocate_many(3)?;
/// assert_eq!(first[0].list_url, "https://issuer.example/status/1");
/// assert_eq!(first.iter().map(|s| s.index).collect::<Vec<_>>(), [0, 1, 2]);
/// drop(journal); // a crash: nothing says which of the three were used
///
/// let mut rerun = StatusJournal::open(&path, plan)?;
/// let next = rerun.allocate()?;
/// assert!(next.index >= 3, "resumes past everything reserved");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct StatusJournal {
    path: PathBuf,
    plan: ListPlan,
    next: u64,
    reserved: u64,
    block: u64,
    template: StatusList,
}

impl StatusJournal {
    /// Opens the journal at `path`, or creates it (fsynced) for `plan`.
    /// An existing journal resumes at its reserved mark and must have been
    /// made for the same plan.
    ///
    /// # Errors
    /// [`BulkError::Journal`] when the file cannot be read, written or
    /// parsed, or was made for another plan (the field is named);
    /// [`BulkError::Status`] when the plan's lists are shorter than the
    /// specification's minimum.
    pub fn open(path: impl AsRef<Path>, plan: ListPlan) -> Result<Self, BulkError> {
        let path = path.as_ref().to_owned();
        let template = StatusList::with_size(plan.purpose.clone(), plan.list_length, 1)?;
        let mut journal = StatusJournal {
            path,
            plan,
            next: 0,
            reserved: 0,
            block: DEFAULT_BLOCK,
            template,
        };
        match std::fs::File::open(&journal.path) {
            Ok(file) => {
                use std::io::Read;
                let mut bytes = Vec::new();
                file.take(MAX_JOURNAL_BYTES)
                    .read_to_end(&mut bytes)
                    .map_err(|e| journal.err(format!("cannot read: {e}")))?;
                let found: JournalFile = serde_json::from_slice(&bytes)
                    .map_err(|e| journal.err(format!("not a status journal: {e}")))?;
                journal.check_plan(&found)?;
                journal.reserved = found.reserved;
                journal.next = found.reserved;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => journal.persist(0)?,
            Err(e) => return Err(journal.err(format!("cannot open: {e}"))),
        }
        Ok(journal)
    }

    /// Reserves `block` slots per journal write (default [`DEFAULT_BLOCK`]):
    /// larger blocks mean fewer fsyncs and more slots skipped after a crash.
    #[must_use]
    pub fn with_block(mut self, block: u64) -> Self {
        self.block = block.max(1);
        self
    }

    fn err(&self, reason: String) -> BulkError {
        BulkError::Journal {
            path: self.path.clone(),
            reason,
        }
    }

    fn file(&self, reserved: u64) -> JournalFile {
        JournalFile {
            format: FORMAT.to_owned(),
            status_purpose: self.plan.purpose.as_str().to_owned(),
            list_url_prefix: self.plan.url_prefix.clone(),
            first_list: self.plan.first_list,
            lists: self.plan.lists,
            list_length: self.plan.list_length,
            reserved,
        }
    }

    fn check_plan(&self, found: &JournalFile) -> Result<(), BulkError> {
        let want = self.file(found.reserved);
        let mismatch = |field: &str, journal: String, plan: String| {
            Err(self.err(format!(
                "made for another plan: {field} is {journal} in the journal, {plan} in this run"
            )))
        };
        if found.format != want.format {
            return mismatch("format", found.format.clone(), want.format);
        }
        if found.status_purpose != want.status_purpose {
            return mismatch(
                "statusPurpose",
                found.status_purpose.clone(),
                want.status_purpose,
            );
        }
        if found.list_url_prefix != want.list_url_prefix {
            return mismatch(
                "listUrlPrefix",
                found.list_url_prefix.clone(),
                want.list_url_prefix,
            );
        }
        if (found.first_list, found.lists) != (want.first_list, want.lists) {
            return mismatch(
                "firstList/lists",
                format!("{}/{}", found.first_list, found.lists),
                format!("{}/{}", want.first_list, want.lists),
            );
        }
        if found.list_length != want.list_length {
            return mismatch(
                "listLength",
                found.list_length.to_string(),
                want.list_length.to_string(),
            );
        }
        Ok(())
    }

    /// Writes the journal with this reserved mark, durably: a temporary
    /// file, fsync, rename over the journal, fsync of the folder.
    fn persist(&mut self, reserved: u64) -> Result<(), BulkError> {
        let bytes = serde_json::to_vec_pretty(&self.file(reserved))
            .map_err(|e| self.err(format!("cannot serialize: {e}")))?;
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(&bytes)?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            drop(f);
            std::fs::rename(&tmp, &self.path)?;
            #[cfg(unix)]
            {
                let dir = match self.path.parent() {
                    Some(d) if !d.as_os_str().is_empty() => d,
                    _ => Path::new("."),
                };
                std::fs::File::open(dir)?.sync_all()?;
            }
            Ok(())
        };
        write().map_err(|e| self.err(format!("cannot write: {e}")))?;
        self.reserved = reserved;
        Ok(())
    }

    /// Hands out the next slot (reserving a block first when needed).
    ///
    /// # Errors
    /// As [`StatusJournal::allocate_many`].
    pub fn allocate(&mut self) -> Result<StatusSlot, BulkError> {
        let mut one = self.allocate_many(1)?;
        one.pop().ok_or(BulkError::StatusExhausted {
            capacity: self.plan.capacity(),
        })
    }

    /// Hands out the next `n` slots, in order. When they reach past the
    /// reserved mark, the mark is first moved (to a block boundary past
    /// them) and the journal written and fsynced, before any is returned.
    ///
    /// # Errors
    /// [`BulkError::StatusExhausted`] when the plan has fewer than `n` slots
    /// left (none is handed out); [`BulkError::Journal`] when the journal
    /// cannot be written (none is handed out).
    pub fn allocate_many(&mut self, n: usize) -> Result<Vec<StatusSlot>, BulkError> {
        let capacity = self.plan.capacity();
        let end = self
            .next
            .checked_add(n as u64)
            .filter(|end| *end <= capacity)
            .ok_or(BulkError::StatusExhausted { capacity })?;
        if end > self.reserved {
            let blocks = end.div_ceil(self.block);
            let mark = blocks.saturating_mul(self.block).min(capacity);
            self.persist(mark)?;
        }
        let len = self.plan.list_length as u64;
        let slots = (self.next..end)
            .map(|sequence| {
                let list = self.plan.first_list.saturating_add(sequence / len);
                StatusSlot {
                    sequence,
                    list,
                    list_url: self.plan.list_url(list),
                    index: usize::try_from(sequence % len).unwrap_or(0),
                }
            })
            .collect();
        self.next = end;
        Ok(slots)
    }

    /// The `credentialStatus` entry (a `BitstringStatusListEntry`) for a slot.
    ///
    /// # Errors
    /// [`BulkError::Status`] when the slot is not of this plan.
    pub fn entry(&self, slot: &StatusSlot) -> Result<Value, BulkError> {
        Ok(self.template.entry(&slot.list_url, slot.index)?)
    }

    /// The next sequence number to hand out.
    pub fn next_sequence(&self) -> u64 {
        self.next
    }

    /// The reserved mark: no sequence number below it is handed out again.
    pub fn reserved(&self) -> u64 {
        self.reserved
    }

    /// The plan.
    pub fn plan(&self) -> &ListPlan {
        &self.plan
    }

    /// The journal's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The lists that hold a slot handed out so far (by this run or an
    /// earlier one): number and URL, first list first.
    pub fn lists_in_use(&self) -> Vec<(u64, String)> {
        let len = self.plan.list_length as u64;
        let count = self.next.div_ceil(len.max(1));
        (0..count)
            .map(|i| {
                let n = self.plan.first_list.saturating_add(i);
                (n, self.plan.list_url(n))
            })
            .collect()
    }

    /// The unsigned `BitstringStatusListCredential` of list `list` with every
    /// status bit clear (a fresh run revokes nothing): sign it with the
    /// credentials' issuer and serve it at its URL.
    ///
    /// # Errors
    /// [`BulkError::Status`] when `issuer` is not an IRI or `valid_from` not
    /// a date-time.
    pub fn list_credential(
        &self,
        list: u64,
        issuer: &str,
        valid_from: &str,
    ) -> Result<Value, BulkError> {
        Ok(self
            .template
            .to_credential_json(&self.plan.list_url(list), issuer, valid_from)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("ob-journal-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d.join("j.json")
    }

    #[test]
    fn reserves_in_blocks_and_resumes_past_them() {
        let path = tmp("blocks");
        let plan = ListPlan::new("https://i.example/s/").lists(3, 2);
        let mut j = StatusJournal::open(&path, plan.clone())
            .unwrap()
            .with_block(10);
        assert_eq!(j.reserved(), 0);
        let a = j.allocate_many(4).unwrap();
        assert_eq!(j.reserved(), 10, "one block reserved before use");
        assert_eq!(a[0].list, 3);
        assert_eq!(a[3].index, 3);
        let b = j.allocate_many(7).unwrap();
        assert_eq!(j.reserved(), 20);
        assert_eq!(b[0].sequence, 4);
        drop(j);
        let mut j = StatusJournal::open(&path, plan.clone()).unwrap();
        assert_eq!(j.next_sequence(), 20);
        assert_eq!(j.allocate().unwrap().index, 20);
        // The plan is pinned.
        let other = StatusJournal::open(&path, plan.clone().lists(1, 2)).unwrap_err();
        assert!(other.to_string().contains("firstList/lists"), "{other}");
        // The capacity is enforced, with nothing handed out.
        let cap = plan.capacity();
        let before = j.next_sequence();
        assert!(matches!(
            j.allocate_many(usize::try_from(cap).unwrap()),
            Err(BulkError::StatusExhausted { .. })
        ));
        assert_eq!(j.next_sequence(), before);
        // The second list starts where the first ends.
        let len = plan.list_length as u64;
        let mut j = StatusJournal::open(tmp("second"), plan).unwrap();
        let s = j.allocate_many(usize::try_from(len + 1).unwrap()).unwrap();
        let last = s.last().unwrap();
        assert_eq!((last.list, last.index), (4, 0));
        assert_eq!(j.lists_in_use().len(), 2);
    }

    #[test]
    fn refuses_lists_under_the_minimum() {
        let plan = ListPlan::new("https://i.example/s/").list_length(8);
        assert!(matches!(
            StatusJournal::open(tmp("short"), plan),
            Err(BulkError::Status(_))
        ));
    }
}
