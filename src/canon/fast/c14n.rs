//! RDFC-1.0 for the common case: every blank node told apart by its
//! first-degree hash.
//!
//! RDFC-1.0 (§4.4) issues canonical identifiers in the order of the
//! blank nodes' first-degree hashes when those hashes are all distinct;
//! only nodes sharing a hash need Hash N-Degree Quads. This module computes
//! the first-degree hashes (§4.6: each quad that mentions the node, in
//! canonical N-Quads with the node written `_:a` and every other blank node
//! `_:z`, sorted, concatenated, SHA-256) and, when they are all distinct,
//! relabels and sorts directly. Otherwise the caller hands the same quads to
//! the full algorithm (`canon::rdfc`), under its budgets.

use sha2::{Digest, Sha256};

use super::emit::{Duplicates, Quad, Term};

/// Lines written into one buffer, sorted by their text.
struct Lines {
    buf: String,
    spans: Vec<(usize, usize)>,
}

impl Lines {
    fn with_capacity(bytes: usize, lines: usize) -> Self {
        Lines {
            buf: String::with_capacity(bytes),
            spans: Vec::with_capacity(lines),
        }
    }

    fn clear(&mut self) {
        self.buf.clear();
        self.spans.clear();
    }

    fn push(&mut self, text: &str, q: &Quad, label: &dyn Fn(u32, &mut String)) {
        let start = self.buf.len();
        write_quad(&mut self.buf, text, q, label);
        self.spans.push((start, self.buf.len()));
    }

    fn line(&self, span: (usize, usize)) -> &str {
        self.buf.get(span.0..span.1).unwrap_or("")
    }

    fn sort(&mut self) {
        let buf = &self.buf;
        let get = |s: &(usize, usize)| buf.get(s.0..s.1).unwrap_or("");
        self.spans.sort_unstable_by(|a, b| get(a).cmp(get(b)));
    }
}

fn slice(text: &str, t: Term) -> &str {
    match t {
        Term::Text(a, b) => text.get(a as usize..b as usize).unwrap_or(""),
        Term::Blank(_) => "",
    }
}

fn write_term(out: &mut String, text: &str, t: Term, label: &dyn Fn(u32, &mut String)) {
    match t {
        Term::Blank(b) => label(b, out),
        Term::Text(..) => out.push_str(slice(text, t)),
    }
}

/// One quad as a canonical N-Quads line (with its `" .\n"`).
pub(crate) fn write_quad(out: &mut String, text: &str, q: &Quad, label: &dyn Fn(u32, &mut String)) {
    write_term(out, text, q.subject, label);
    out.push(' ');
    write_term(out, text, q.predicate, label);
    out.push(' ');
    write_term(out, text, q.object, label);
    if let Some(g) = q.graph {
        out.push(' ');
        write_term(out, text, g, label);
    }
    out.push_str(" .\n");
}

/// A term by content, for hashing.
#[derive(Hash, PartialEq, Eq)]
enum Key<'a> {
    Blank(u32),
    Text(&'a str),
    Default,
}

fn key(text: &str, t: Option<Term>) -> Key<'_> {
    match t {
        None => Key::Default,
        Some(Term::Blank(b)) => Key::Blank(b),
        Some(t) => Key::Text(slice(text, t)),
    }
}

/// Removes repeated quads, keeping the first of each (an RDF dataset is a set).
pub(crate) fn dedup(quads: &mut Vec<Quad>, text: &str) {
    dedup_where(quads, text, |_| true);
}

/// Removes what `duplicates` says may be repeated quads: all of them, only
/// those of some subjects, or none.
pub(crate) fn dedup_emitted(quads: &mut Vec<Quad>, text: &str, duplicates: &Duplicates) {
    match duplicates {
        Duplicates::None => {}
        Duplicates::Any => dedup(quads, text),
        Duplicates::Subjects(subjects) => {
            let names: Vec<&str> = subjects.iter().map(|t| slice(text, *t)).collect();
            dedup_where(quads, text, |q| names.contains(&slice(text, q.subject)));
        }
    }
}

/// Removes repeated quads among those `candidate` accepts (the others are
/// kept as they are: the caller knows they cannot repeat).
fn dedup_where(quads: &mut Vec<Quad>, text: &str, candidate: impl Fn(&Quad) -> bool) {
    let mut seen = foldhash::HashSet::with_capacity_and_hasher(quads.len(), Default::default());
    quads.retain(|q| {
        !candidate(q)
            || seen.insert([
                key(text, Some(q.subject)),
                key(text, Some(q.predicate)),
                key(text, Some(q.object)),
                key(text, q.graph),
            ])
    });
}

/// Writes the decimal digits of `n`.
fn push_u32(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &d in digits.get(i..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

/// The canonical N-Quads of the deduplicated `quads`, or `None` when two
/// blank nodes share a first-degree hash. `blank_nodes` bounds the labels.
pub(crate) fn canonicalize(quads: &[Quad], text: &str, blank_nodes: u32) -> Option<String> {
    // (blank node, quad index) for every mention, grouped by node.
    let mut mentions: Vec<(u32, u32)> = Vec::with_capacity(quads.len() * 2);
    for (i, q) in quads.iter().enumerate() {
        let i = u32::try_from(i).ok()?;
        let mut add = |t: Term| {
            if let Term::Blank(b) = t {
                mentions.push((b, i));
            }
        };
        add(q.subject);
        add(q.object);
        if let Some(g) = q.graph {
            add(g);
        }
    }
    mentions.sort_unstable();
    mentions.dedup();

    let mut hashes: Vec<([u8; 32], u32)> = Vec::with_capacity(blank_nodes as usize);
    let mut lines = Lines::with_capacity(4096, 32);
    let mut rest = mentions.as_slice();
    while let Some(&(b, _)) = rest.first() {
        let n = rest.iter().take_while(|(x, _)| *x == b).count();
        let (group, tail) = rest.split_at(n);
        rest = tail;
        lines.clear();
        for &(_, i) in group {
            let q = quads.get(i as usize)?;
            lines.push(text, q, &|x, out: &mut String| {
                out.push_str(if x == b { "_:a" } else { "_:z" });
            });
        }
        lines.sort();
        let mut h = Sha256::new();
        for &span in &lines.spans {
            h.update(lines.line(span).as_bytes());
        }
        hashes.push((h.finalize().into(), b));
    }
    hashes.sort_unstable();
    if hashes.windows(2).any(|w| matches!(w, [a, b] if a.0 == b.0)) {
        return None;
    }
    let mut canonical = vec![u32::MAX; blank_nodes as usize];
    for (i, (_, b)) in hashes.iter().enumerate() {
        if let Some(slot) = canonical.get_mut(*b as usize) {
            *slot = u32::try_from(i).ok()?;
        }
    }
    let labels: Vec<String> = canonical
        .iter()
        .map(|&c| {
            let mut l = String::with_capacity(12);
            l.push_str("_:c14n");
            push_u32(&mut l, c);
            l
        })
        .collect();
    let label = |x: u32, out: &mut String| {
        out.push_str(labels.get(x as usize).map_or("_:c14n?", String::as_str));
    };
    let mut all = Lines::with_capacity(text.len() * 2, quads.len());
    for q in quads {
        all.push(text, q, &label);
    }
    all.sort();
    let mut out = String::with_capacity(all.buf.len());
    let mut last: Option<&str> = None;
    for &span in &all.spans {
        let line = all.line(span);
        if last != Some(line) {
            out.push_str(line);
        }
        last = Some(line);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits() {
        for n in [0, 7, 10, 99, 100, 4_294_967_295] {
            let mut s = String::new();
            push_u32(&mut s, n);
            assert_eq!(s, n.to_string());
        }
    }
}
