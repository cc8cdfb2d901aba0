//! Per-thread memos of pure functions that bulk verification calls with the
//! same input over and over: the issuer's did:key (one key, a million
//! credentials) and the status list's bitstring (one list, decompressed for
//! every credential that points into it).
//!
//! A [`Recent`] remembers the last few successful answers of one function,
//! keyed by its whole input, so an answer from the memo is the answer the
//! function gives: nothing is cached across different inputs and failures
//! are always recomputed. Each thread has its own memo (no locks, nothing
//! shared between callers).

use std::cell::RefCell;
use std::thread::LocalKey;

/// The last [`Recent::CAPACITY`] successful answers of a pure function.
pub(crate) struct Recent<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Recent<K, V> {
    /// Answers kept (the oldest is dropped for a new one).
    pub(crate) const CAPACITY: usize = 4;

    /// An empty memo.
    pub(crate) const fn new() -> Self {
        Recent {
            entries: Vec::new(),
        }
    }
}

/// `compute()`, or the remembered answer for the key `is_key` accepts
/// (`owned` makes that key, only when a new answer is stored).
pub(crate) fn recall<K, V, E>(
    memo: &'static LocalKey<RefCell<Recent<K, V>>>,
    is_key: impl Fn(&K) -> bool,
    owned: impl FnOnce() -> K,
    compute: impl FnOnce() -> Result<V, E>,
) -> Result<V, E>
where
    K: 'static,
    V: Clone + 'static,
{
    let known = memo.with(|m| {
        m.borrow()
            .entries
            .iter()
            .find(|(k, _)| is_key(k))
            .map(|(_, v)| v.clone())
    });
    if let Some(v) = known {
        return Ok(v);
    }
    let v = compute()?;
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.entries.len() >= Recent::<K, V>::CAPACITY {
            m.entries.remove(0);
        }
        m.entries.push((owned(), v.clone()));
    });
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static SQUARES: RefCell<Recent<String, usize>> = const { RefCell::new(Recent::new()) };
    }

    #[test]
    fn answers_equal_keys_from_memory_and_recomputes_failures_and_evicted_keys() {
        let calls = std::cell::Cell::new(0);
        let square_of = |s: &str| -> Result<usize, ()> {
            calls.set(calls.get() + 1);
            if s.is_empty() {
                Err(())
            } else {
                Ok(s.len() * s.len())
            }
        };
        let square = |s: &str| recall(&SQUARES, |k| k == s, || s.to_owned(), || square_of(s));
        assert_eq!(square("abc"), Ok(9));
        assert_eq!(square("abc"), Ok(9));
        assert_eq!(calls.get(), 1, "the second answer came from the memo");
        assert_eq!(square(""), Err(()));
        assert_eq!(square(""), Err(()));
        assert_eq!(calls.get(), 3, "failures are not remembered");
        for k in ["a", "bb", "ccc", "dddd"] {
            square(k).unwrap();
        }
        assert_eq!(calls.get(), 7);
        assert_eq!(square("abc"), Ok(9));
        assert_eq!(calls.get(), 8, "abc was evicted by four newer keys");
    }
}
