//! The `signed-graph` check: the values the verifier's checks read from the
//! JSON are the values in the canonical graph the proof signed.
//!
//! The profile ([`crate::canon::profile`]) refuses the JSON-LD features that
//! move a property out of sight. This check is the second line: it reads the
//! canonical N-Quads of the unsecured document (computed for the proof
//! anyway), finds the credential node, and compares, for every property a
//! trust decision rests on, the set of values the JSON shows with the set of
//! values the graph holds:
//!
//! - `validFrom`, `validUntil`, `issuanceDate`, `expirationDate`, `issuer`;
//! - `credentialStatus` entries (their `type`, `statusPurpose`,
//!   `statusListIndex`, `statusListCredential`, `statusSize`);
//! - `credentialSubject` (its `id`, its `identifier` entries' `identityHash`,
//!   `salt`, `hashed`, `identityType`; and a status list's `encodedList` and
//!   `statusPurpose`).
//!
//! On the graph side a property is every predicate whose local name (after
//! the last `#` or `/`) is the JSON key, so a value stored under the right
//! IRI by any name is seen. Nested values are compared by a signature of the
//! tracked properties below them, so entries cannot swap values unnoticed.

use std::borrow::Cow;

use oxrdf::{Quad, Subject, Term};
use serde_json::Value;

use crate::canon::CanonError;
use crate::json::member_path;
use crate::limits::Limits;

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// A tracked property and the tracked properties of its values.
struct Track {
    key: &'static str,
    children: &'static [Track],
}

const fn leaf(key: &'static str) -> Track {
    Track { key, children: &[] }
}

const STATUS_ENTRY: &[Track] = &[
    leaf("type"),
    leaf("statusPurpose"),
    leaf("statusListIndex"),
    leaf("statusListCredential"),
    leaf("statusSize"),
];

const IDENTIFIER: &[Track] = &[
    leaf("identityHash"),
    leaf("salt"),
    leaf("hashed"),
    leaf("identityType"),
];

const SUBJECT: &[Track] = &[
    Track {
        key: "identifier",
        children: IDENTIFIER,
    },
    leaf("encodedList"),
    leaf("statusPurpose"),
];

const CREDENTIAL: &[Track] = &[
    leaf("validFrom"),
    leaf("validUntil"),
    leaf("issuanceDate"),
    leaf("expirationDate"),
    leaf("issuer"),
    Track {
        key: "credentialStatus",
        children: STATUS_ENTRY,
    },
    Track {
        key: "credentialSubject",
        children: SUBJECT,
    },
];

/// The JSON shows other values than the graph holds (or the credential node
/// cannot be found).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum GraphMismatch {
    /// No single credential node in the graph.
    NoCredentialNode {
        /// What was found.
        found: String,
    },
    /// A property's values differ.
    Values {
        /// The JSON path of the property.
        path: String,
        /// The values the JSON shows (signatures of nested values).
        shown: Vec<String>,
        /// The values the signed graph holds.
        signed: Vec<String>,
    },
    /// The canonical form could not be read back.
    Unreadable(CanonError),
}

impl core::fmt::Display for GraphMismatch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            GraphMismatch::NoCredentialNode { found } => {
                write!(
                    f,
                    "the signed graph has no single credential node ({found})"
                )
            }
            GraphMismatch::Values {
                path,
                shown,
                signed,
            } => write!(
                f,
                "{path} shows {} but the signed graph holds {}",
                list(shown),
                list(signed)
            ),
            GraphMismatch::Unreadable(e) => write!(f, "the canonical form cannot be read: {e}"),
        }
    }
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "nothing".to_owned()
    } else {
        format!("[{}]", v.join(", "))
    }
}

/// A node of the graph: IRI or blank node label.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Node {
    Iri(String),
    Blank(String),
}

enum Object {
    Node(Node),
    Literal { lexical: String, numeric: bool },
}

struct Graph {
    out: foldhash::HashMap<Node, Vec<(String, Object)>>,
    objects: foldhash::HashSet<Node>,
}

fn subject_node(s: &Subject) -> Option<Node> {
    match s {
        Subject::NamedNode(n) => Some(Node::Iri(n.as_str().to_owned())),
        Subject::BlankNode(b) => Some(Node::Blank(b.as_str().to_owned())),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

impl Graph {
    fn new(quads: Vec<Quad>) -> Self {
        let mut out: foldhash::HashMap<Node, Vec<(String, Object)>> = Default::default();
        let mut objects: foldhash::HashSet<Node> = Default::default();
        for q in quads {
            if !q.graph_name.is_default_graph() {
                continue;
            }
            let Some(s) = subject_node(&q.subject) else {
                continue;
            };
            let o = match &q.object {
                Term::NamedNode(n) => Object::Node(Node::Iri(n.as_str().to_owned())),
                Term::BlankNode(b) => Object::Node(Node::Blank(b.as_str().to_owned())),
                Term::Literal(l) => {
                    let dt = l.datatype().as_str();
                    Object::Literal {
                        lexical: l.value().to_owned(),
                        numeric: dt.ends_with("#integer")
                            || dt.ends_with("#double")
                            || dt.ends_with("#decimal"),
                    }
                }
                #[allow(unreachable_patterns)]
                _ => continue,
            };
            if let Object::Node(n) = &o {
                objects.insert(n.clone());
            }
            out.entry(s)
                .or_default()
                .push((q.predicate.as_str().to_owned(), o));
        }
        Graph { out, objects }
    }

    fn is_credential(&self, n: &Node) -> bool {
        self.out.get(n).is_some_and(|props| {
            props.iter().any(|(p, o)| {
                p == RDF_TYPE
                    && matches!(o, Object::Node(Node::Iri(t)) if local_name(t) == "VerifiableCredential")
            })
        })
    }

    fn values<'g>(&'g self, n: &Node, key: &str) -> impl Iterator<Item = &'g Object> + 'g {
        let key = key.to_owned();
        self.out
            .get(n)
            .into_iter()
            .flatten()
            .filter(move |(p, _)| local_name(p) == key)
            .map(|(_, o)| o)
    }

    fn signature(&self, o: &Object, track: &Track) -> String {
        match o {
            Object::Literal { lexical, numeric } => {
                let text = if *numeric {
                    number_text(lexical)
                } else {
                    lexical.clone()
                };
                with_children(text, track, |_| Vec::new())
            }
            Object::Node(n) => {
                let text = match n {
                    Node::Iri(i) if track.key == "type" => local_name(i).to_owned(),
                    Node::Iri(i) => i.clone(),
                    Node::Blank(_) => "_".to_owned(),
                };
                with_children(text, track, |child| {
                    self.values(n, child.key)
                        .map(|o| self.signature(o, child))
                        .collect()
                })
            }
        }
    }
}

fn local_name(iri: &str) -> &str {
    let b = iri.as_bytes();
    let cut = memchr::memrchr(b'#', b).or_else(|| memchr::memrchr(b'/', b));
    cut.and_then(|i| iri.get(i.saturating_add(1)..))
        .unwrap_or(iri)
}

fn number_text(lexical: &str) -> String {
    lexical
        .parse::<f64>()
        .map_or_else(|_| lexical.to_owned(), |f| format!("{f:e}"))
}

/// `text{child=[sig, …], …}` with each child's values sorted and deduplicated
/// (the graph is a set).
fn with_children(text: String, track: &Track, values: impl Fn(&Track) -> Vec<String>) -> String {
    if track.children.is_empty() {
        return text;
    }
    let mut s = text;
    s.push('{');
    for (i, child) in track.children.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let set = sorted_set(values(child));
        s.push_str(child.key);
        s.push_str("=[");
        s.push_str(&set.join(","));
        s.push(']');
    }
    s.push('}');
    s
}

/// `values` sorted, without repeats (the graph is a set).
fn sorted_set(mut values: Vec<String>) -> Vec<String> {
    values.sort_unstable();
    values.dedup();
    values
}

/// The JSON values of a key (one value or an array; `null` is nothing).
fn json_values(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().filter(|x| !x.is_null()).collect(),
        Some(x) => vec![x],
    }
}

fn json_signature(v: &Value, track: &Track) -> String {
    match v {
        Value::Object(m) => {
            if let Some(inner) = m.get("@value") {
                return json_signature(inner, track);
            }
            let id = m
                .get("id")
                .or_else(|| m.get("@id"))
                .and_then(Value::as_str)
                .map_or_else(|| "_".to_owned(), str::to_owned);
            with_children(id, track, |child| {
                json_values(m.get(child.key))
                    .into_iter()
                    .map(|x| json_signature(x, child))
                    .collect()
            })
        }
        Value::String(s) => with_children(s.clone(), track, |_| Vec::new()),
        Value::Number(n) => with_children(number_text(&n.to_string()), track, |_| Vec::new()),
        Value::Bool(b) => with_children(b.to_string(), track, |_| Vec::new()),
        _ => with_children(String::new(), track, |_| Vec::new()),
    }
}

/// Whether `key` is the JSON key of a tracked property at any depth (the
/// keys of [`CREDENTIAL`], gathered once, sorted).
fn is_tracked(key: &str) -> bool {
    fn gather(tracks: &'static [Track], out: &mut Vec<&'static str>) {
        for t in tracks {
            out.push(t.key);
            gather(t.children, out);
        }
    }
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = Vec::new();
        gather(CREDENTIAL, &mut keys);
        keys.sort_unstable();
        keys.dedup();
        keys
    })
    .binary_search(&key)
    .is_ok()
}

/// The end of a node term (`<…>` or `_:b…`) at the start of `s`.
fn node_end(s: &str) -> Option<usize> {
    match s.as_bytes().first()? {
        b'<' => memchr::memchr(b'>', s.as_bytes())?.checked_add(1),
        b'_' if s.starts_with("_:") => memchr::memchr(b' ', s.as_bytes()),
        _ => None,
    }
}

/// Subject (as written), predicate IRI and the rest of one line of
/// canonical N-Quads (`<s> <p> …` or `_:b <p> …`), when the line has that
/// plain shape.
fn plain_line(line: &str) -> Option<(&str, &str, &str)> {
    let end = node_end(line)?;
    let (subject, rest) = (line.get(..end)?, line.get(end..)?);
    let p = rest.strip_prefix(" <")?;
    let end = memchr::memchr(b'>', p.as_bytes())?;
    Some((subject, p.get(..end)?, p.get(end.checked_add(1)?..)?))
}

/// The object of one line of canonical N-Quads when it is a node
/// (`<…>` or `_:b…`), as written.
fn node_object_of(after_predicate: &str) -> Option<&str> {
    let o = after_predicate.strip_prefix(' ')?;
    o.get(..node_end(o)?)
}

/// The lines of `nquads` that can hold a tracked value of the credential
/// `<root>`: every line whose predicate's local name is a tracked key
/// other than `type`; the `type` lines of the root and of its status
/// entries (the only nodes whose types are compared); and every line not
/// of the plain shape, or whose subject is written with an escape (kept,
/// to be read by the parser: nothing is dropped unread). What is left out
/// are quads [`Graph::values`] never asks for, so the comparison is the
/// one over every quad, without parsing the achievement, evidence and the
/// rest. (The lines kept are not in their original order.)
fn tracked_lines(nquads: &str, root: &str) -> String {
    let root_text = format!("<{root}>");
    let mut out = String::with_capacity(nquads.len() / 4);
    // Status entries: objects of the root's credentialStatus lines; their
    // type lines may come before or after them.
    let mut entries: foldhash::HashSet<&str> = foldhash::HashSet::default();
    let mut type_lines: Vec<(&str, &str)> = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', nquads.as_bytes()) {
        let Some(line) = nquads.get(start..=end) else {
            break;
        };
        start = end.saturating_add(1);
        match plain_line(line) {
            Some((subject, predicate, rest)) => match local_name(predicate) {
                "type" => type_lines.push((subject, line)),
                name if is_tracked(name) => {
                    if name == "credentialStatus" && subject == root_text {
                        entries.extend(node_object_of(rest));
                    }
                    out.push_str(line);
                }
                _ => {}
            },
            None => out.push_str(line),
        }
    }
    out.push_str(nquads.get(start..).unwrap_or(""));
    for (subject, line) in type_lines {
        if subject == root_text || entries.contains(subject) || subject.contains('\\') {
            out.push_str(line);
        }
    }
    out
}

/// Compares the tracked values of `document` (as received; its `proof` is
/// ignored) with the canonical N-Quads of its unsecured form.
pub(super) fn compare(
    document: &Value,
    canonical_nquads: &str,
    limits: &Limits,
) -> Result<(), GraphMismatch> {
    // With an `id`, the credential node is known and only the quads of
    // tracked properties are read; without one, finding the root needs
    // every quad (what nothing refers to).
    let relevant = match document.get("id").and_then(Value::as_str) {
        Some(id) => Cow::Owned(tracked_lines(canonical_nquads, id)),
        None => Cow::Borrowed(canonical_nquads),
    };
    let quads =
        crate::canon::parse_own_nquads(&relevant, limits).map_err(GraphMismatch::Unreadable)?;
    let graph = Graph::new(quads);
    let root = match document.get("id").and_then(Value::as_str) {
        Some(id) => {
            let n = Node::Iri(id.to_owned());
            if !graph.is_credential(&n) {
                return Err(GraphMismatch::NoCredentialNode {
                    found: format!("<{id}> is not a VerifiableCredential in the signed graph"),
                });
            }
            n
        }
        None => {
            let roots: Vec<&Node> = graph
                .out
                .keys()
                .filter(|n| graph.is_credential(n) && !graph.objects.contains(n))
                .collect();
            match roots.as_slice() {
                [one] => (*one).clone(),
                other => {
                    return Err(GraphMismatch::NoCredentialNode {
                        found: format!("{} credential nodes that nothing refers to", other.len()),
                    })
                }
            }
        }
    };
    for track in CREDENTIAL {
        let shown = sorted_set(
            json_values(document.get(track.key))
                .into_iter()
                .map(|v| json_signature(v, track))
                .collect(),
        );
        let signed = sorted_set(
            graph
                .values(&root, track.key)
                .map(|o| graph.signature(o, track))
                .collect(),
        );
        if shown != signed {
            return Err(GraphMismatch::Values {
                path: member_path("$", track.key),
                shown,
                signed,
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CRED: &str = "<urn:c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .\n\
        <urn:c> <https://www.w3.org/2018/credentials#validUntil> \"2030-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n\
        <urn:c> <https://www.w3.org/2018/credentials#issuer> <did:key:z6Mk> .\n";

    #[test]
    fn only_untracked_quads_are_left_unread() {
        let text = "<urn:c> <https://www.w3.org/2018/credentials#validUntil> \"x\" .\n\
            <urn:c> <https://schema.org/name> \"n\" .\n\
            <urn:c> <https://www.w3.org/2018/credentials#credentialStatus> _:b1 .\n\
            _:b0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash> \"h\" .\n\
            _:b0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative> \"h\" .\n\
            _:b0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:achievement> .\n\
            _:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:entry> .\n\
            <urn:c> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:t> .\n\
            <urn:\\u0041> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:escaped> .\n\
            odd line\n";
        let kept = tracked_lines(text, "urn:c");
        assert!(kept.contains("#validUntil"));
        assert!(kept.contains("#identityHash"));
        assert!(kept.contains("<urn:t>"), "the root's type");
        assert!(kept.contains("<urn:entry>"), "a status entry's type");
        assert!(
            kept.contains("<urn:escaped>"),
            "a subject with an escape is kept"
        );
        assert!(
            !kept.contains("<urn:achievement>"),
            "another node's type is not read"
        );
        assert!(kept.contains("odd line"), "a line of another shape is kept");
        assert!(!kept.contains("schema.org/name"));
        assert!(!kept.contains("#narrative"));
        let predicate = |l| plain_line(l).map(|(_, p, _)| p);
        assert_eq!(predicate("<a> <b> <c> ."), Some("b"));
        assert_eq!(predicate("_:x <b> \"c\" ."), Some("b"));
        assert_eq!(predicate("<a>x <b> <c> ."), None);
        assert_eq!(plain_line("_:x <b> _:y ."), Some(("_:x", "b", " _:y .")));
        assert_eq!(node_object_of(" _:y ."), Some("_:y"));
        assert_eq!(node_object_of(" <urn:e> ."), Some("<urn:e>"));
        assert_eq!(node_object_of(" \"lit\" ."), None);
    }

    #[test]
    fn equal_values_pass_and_hidden_ones_fail() {
        let doc = serde_json::json!({"id": "urn:c", "issuer": "did:key:z6Mk", "validUntil": "2030-01-01T00:00:00Z"});
        compare(&doc, CRED, &Limits::DEFAULT).unwrap();
        let hidden = serde_json::json!({"id": "urn:c", "issuer": "did:key:z6Mk"});
        let e = compare(&hidden, CRED, &Limits::DEFAULT).unwrap_err();
        assert_eq!(
            e,
            GraphMismatch::Values {
                path: "$.validUntil".into(),
                shown: vec![],
                signed: vec!["2030-01-01T00:00:00Z".into()]
            }
        );
        let other = serde_json::json!({"id": "urn:d", "issuer": "did:key:z6Mk"});
        assert!(matches!(
            compare(&other, CRED, &Limits::DEFAULT),
            Err(GraphMismatch::NoCredentialNode { .. })
        ));
    }
}
