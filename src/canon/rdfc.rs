//! RDFC-1.0 (RDF Dataset Canonicalization) under a budget.
//!
//! The algorithm is the `rdf-canon` crate's (it passes the W3C RDFC-1.0
//! suite, see `tests/rdf_canon_suite.rs`); this module bounds its input
//! (quads, distinct blank nodes) and its work (Hash N-Degree Quads calls)
//! by [`Limits`], so a poison dataset stops with [`CanonError::Limit`].

use std::collections::{BTreeMap, HashSet};

use oxrdf::{Dataset, GraphName, Quad, Subject, Term};
use rdf_canon::{CanonicalizationError, CanonicalizationOptions};
use sha2::{Sha256, Sha384};

use super::{nquads, CanonError};
use crate::limits::{Limit, LimitExceeded, Limits};

/// The RDFC-1.0 canonical N-Quads of the N-Quads text `input`, one quad a
/// line, sorted, each ending in `\n`.
///
/// # Errors
/// [`CanonError::Rdf`] naming the line and column when `input` is not
/// N-Quads; [`CanonError::Limit`] when it has more quads or blank nodes than
/// `limits` allow, or canonicalizing it needs more Hash N-Degree Quads calls.
pub fn canonicalize_nquads(input: &str, limits: &Limits) -> Result<String, CanonError> {
    canonicalize_nquads_with(input, limits, HashAlgorithm::Sha256)
}

/// The hash function RDFC-1.0 runs with (SHA-256 unless a profile says otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum HashAlgorithm {
    /// SHA-256, the RDFC-1.0 default (and what eddsa-rdfc-2022 uses).
    #[default]
    Sha256,
    /// SHA-384.
    Sha384,
}

/// [`canonicalize_nquads`] with another hash function.
///
/// # Errors
/// As [`canonicalize_nquads`].
pub fn canonicalize_nquads_with(
    input: &str,
    limits: &Limits,
    hash: HashAlgorithm,
) -> Result<String, CanonError> {
    let quads = nquads::parse(input, limits)?;
    canonicalize_quads_with(&quads, limits, hash)
}

/// The issued identifiers map of RDFC-1.0 for the N-Quads text `input`:
/// each input blank node label (without `_:`) to its canonical label
/// (`c14nN`).
///
/// # Errors
/// As [`canonicalize_nquads`].
pub fn issued_identifiers(
    input: &str,
    limits: &Limits,
) -> Result<BTreeMap<String, String>, CanonError> {
    issued_identifiers_with(input, limits, HashAlgorithm::Sha256)
}

/// [`issued_identifiers`] with another hash function.
///
/// # Errors
/// As [`canonicalize_nquads`].
pub fn issued_identifiers_with(
    input: &str,
    limits: &Limits,
    hash: HashAlgorithm,
) -> Result<BTreeMap<String, String>, CanonError> {
    let quads = nquads::parse(input, limits)?;
    let dataset = bounded_dataset(&quads, limits)?;
    let map = issue(&dataset, limits, hash)?;
    Ok(map.into_iter().collect())
}

fn issue(
    dataset: &Dataset,
    limits: &Limits,
    hash: HashAlgorithm,
) -> Result<std::collections::HashMap<String, String>, CanonError> {
    let budget = Budget::for_dataset(dataset, limits);
    let options = CanonicalizationOptions {
        hndq_call_limit: Some(budget.calls),
    };
    match hash {
        HashAlgorithm::Sha256 => rdf_canon::issue_with::<Sha256>(dataset, &options),
        HashAlgorithm::Sha384 => rdf_canon::issue_with::<Sha384>(dataset, &options),
    }
    .map_err(|e| budget.map_error(e))
}

/// The Hash N-Degree Quads call budget for one dataset.
///
/// Each call walks the quads that mention blank nodes, so a call count alone
/// does not bound the time: a dense graph of a few dozen blank nodes makes
/// every call expensive. The budget is therefore the smaller of
/// [`Limits::max_hndq_calls`] and [`Limits::max_canon_work`] divided by the
/// number of quads that mention a blank node.
struct Budget {
    calls: usize,
    /// Which limit sets `calls`, and its ceiling.
    limit: Limit,
    max: usize,
}

impl Budget {
    fn for_dataset(dataset: &Dataset, limits: &Limits) -> Budget {
        let blank_quads = dataset
            .iter()
            .filter(|q| {
                q.subject.is_blank_node()
                    || q.object.is_blank_node()
                    || matches!(q.graph_name, oxrdf::GraphNameRef::BlankNode(_))
            })
            .count()
            .max(1);
        let by_work = limits.max_canon_work / blank_quads;
        if by_work < limits.max_hndq_calls {
            Budget {
                calls: by_work,
                limit: Limit::CanonWork,
                max: limits.max_canon_work,
            }
        } else {
            Budget {
                calls: limits.max_hndq_calls,
                limit: Limit::HashNDegreeCalls,
                max: limits.max_hndq_calls,
            }
        }
    }

    fn map_error(&self, e: CanonicalizationError) -> CanonError {
        match e {
            CanonicalizationError::HndqCallLimitExceeded(_) => CanonError::Limit(LimitExceeded {
                limit: self.limit,
                max: self.max,
                found: None,
            }),
            other => CanonError::Rdf {
                reason: format!("RDFC-1.0 failed: {other}"),
            },
        }
    }
}

/// Canonicalizes `oxrdf` quads (duplicates count once, as in an RDF dataset).
pub(crate) fn canonicalize_quads(quads: &[Quad], limits: &Limits) -> Result<String, CanonError> {
    canonicalize_quads_with(quads, limits, HashAlgorithm::Sha256)
}

fn canonicalize_quads_with(
    quads: &[Quad],
    limits: &Limits,
    hash: HashAlgorithm,
) -> Result<String, CanonError> {
    let dataset = bounded_dataset(quads, limits)?;
    let map = issue(&dataset, limits, hash)?;
    let relabeled = rdf_canon::relabel(&dataset, &map).map_err(|e| CanonError::Rdf {
        reason: format!("RDFC-1.0 relabelling failed: {e}"),
    })?;
    let mut lines: Vec<String> = relabeled.iter().map(|q| format!("{q} .\n")).collect();
    lines.sort_unstable();
    lines.dedup();
    Ok(lines.concat())
}

/// Builds the dataset after checking the quad and blank-node budgets.
fn bounded_dataset(quads: &[Quad], limits: &Limits) -> Result<Dataset, CanonError> {
    if quads.len() > limits.max_quads {
        return Err(LimitExceeded {
            limit: Limit::Quads,
            max: limits.max_quads,
            found: Some(quads.len()),
        }
        .into());
    }
    let mut blanks: HashSet<&str> = HashSet::new();
    for q in quads {
        if let Subject::BlankNode(b) = &q.subject {
            blanks.insert(b.as_str());
        }
        if let Term::BlankNode(b) = &q.object {
            blanks.insert(b.as_str());
        }
        if let GraphName::BlankNode(b) = &q.graph_name {
            blanks.insert(b.as_str());
        }
        if blanks.len() > limits.max_blank_nodes {
            return Err(LimitExceeded {
                limit: Limit::BlankNodes,
                max: limits.max_blank_nodes,
                found: None,
            }
            .into());
        }
    }
    Ok(quads.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relabels_and_sorts() {
        let out = canonicalize_nquads(
            "_:x <http://a/p> \"b\" .\n_:y <http://a/p> \"a\" .\n_:y <http://a/p> \"a\" .\n",
            &Limits::DEFAULT,
        )
        .unwrap();
        assert_eq!(
            out,
            "_:c14n0 <http://a/p> \"a\" .\n_:c14n1 <http://a/p> \"b\" .\n"
        );
    }

    #[test]
    fn blank_node_budget() {
        let l = Limits {
            max_blank_nodes: 1,
            ..Limits::DEFAULT
        };
        let e = canonicalize_nquads("_:x <http://a/p> _:y .\n", &l).unwrap_err();
        assert!(matches!(
            e,
            CanonError::Limit(LimitExceeded {
                limit: Limit::BlankNodes,
                ..
            })
        ));
    }
}
