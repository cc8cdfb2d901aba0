//! RDFC-1.0 for the common case: every blank node told apart by its
//! first-degree hash.
//!
//! RDFC-1.0 (§4.4) issues canonical identifiers in the order of the
//! blank nodes' first-degree hashes when those hashes are all distinct;
//! only nodes sharing a hash need Hash N-Degree Quads. This module computes
//! the first-degree hashes (§4.6: each quad that mentions the node, in
//! canonical N-Quads with the node written `_:a` and every other blank node
//! `_:z`, sorted, concatenated, SHA-256) and, when they are all distinct,
//! relabels and sorts directly. Otherwise it answers `None` and the caller
//! hands the same quads to the full algorithm (`canon::rdfc`), under its
//! budgets.

use sha2::{Digest, Sha256};

use super::emit::{Quad, Term};

/// Writes `t` in canonical N-Quads, a blank node through `label`.
fn write_term(out: &mut String, t: &Term, label: &dyn Fn(u32, &mut String)) {
    match t {
        Term::Blank(b) => label(*b, out),
        Term::Iri(iri) => {
            out.push('<');
            out.push_str(iri);
            out.push('>');
        }
        Term::Literal(l) => out.push_str(&l.nt),
    }
}

fn write_quad(out: &mut String, q: &Quad, label: &dyn Fn(u32, &mut String)) {
    write_term(out, &q.subject, label);
    out.push_str(" <");
    out.push_str(&q.predicate);
    out.push_str("> ");
    write_term(out, &q.object, label);
    if let Some(g) = &q.graph {
        out.push(' ');
        write_term(out, g, label);
    }
    out.push_str(" .\n");
}

fn mentions(q: &Quad, b: u32) -> bool {
    let is = |t: &Term| matches!(t, Term::Blank(x) if *x == b);
    is(&q.subject) || is(&q.object) || q.graph.as_ref().is_some_and(is)
}

/// The canonical N-Quads of `quads` (deduplicated here), or the quads back
/// when two blank nodes share a first-degree hash. `blank_nodes` bounds the
/// labels.
pub(crate) fn canonicalize(mut quads: Vec<Quad>, blank_nodes: u32) -> Result<String, Vec<Quad>> {
    quads.sort_unstable();
    quads.dedup();
    match shortcut(&quads, blank_nodes) {
        Some(out) => Ok(out),
        None => Err(quads),
    }
}

fn shortcut(quads: &[Quad], blank_nodes: u32) -> Option<String> {
    // The quads mentioning each blank node (only nodes that occur count).
    let n = blank_nodes as usize;
    let mut by_node: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, q) in quads.iter().enumerate() {
        let mut add = |t: &Term| {
            if let Term::Blank(b) = t {
                if let Some(list) = by_node.get_mut(*b as usize) {
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
        };
        add(&q.subject);
        add(&q.object);
        if let Some(g) = &q.graph {
            add(g);
        }
    }
    let mut hashes: Vec<([u8; 32], u32)> = Vec::with_capacity(n);
    let mut lines: Vec<String> = Vec::new();
    for (b, list) in by_node.iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let b = u32::try_from(b).ok()?;
        lines.clear();
        for &i in list {
            let q = quads.get(i)?;
            debug_assert!(mentions(q, b));
            let mut line = String::with_capacity(128);
            write_quad(&mut line, q, &|x, out: &mut String| {
                out.push_str(if x == b { "_:a" } else { "_:z" });
            });
            lines.push(line);
        }
        lines.sort_unstable();
        let mut h = Sha256::new();
        for l in &lines {
            h.update(l.as_bytes());
        }
        hashes.push((h.finalize().into(), b));
    }
    hashes.sort_unstable();
    if hashes.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
        return None;
    }
    let mut canonical = vec![u32::MAX; n];
    for (i, (_, b)) in hashes.iter().enumerate() {
        if let Some(slot) = canonical.get_mut(*b as usize) {
            *slot = u32::try_from(i).ok()?;
        }
    }
    let label = |x: u32, out: &mut String| {
        out.push_str("_:c14n");
        let c = canonical.get(x as usize).copied().unwrap_or(u32::MAX);
        out.push_str(&c.to_string());
    };
    let mut out_lines: Vec<String> = quads
        .iter()
        .map(|q| {
            let mut line = String::with_capacity(128);
            write_quad(&mut line, q, &label);
            line
        })
        .collect();
    out_lines.sort_unstable();
    out_lines.dedup();
    Some(out_lines.concat())
}
