//! JSON → RDF quads, straight from the `serde_json::Value`, through the
//! compiled term tables: the JSON-LD 1.1 Expansion and Deserialize-to-RDF
//! algorithms fused, for the documents the fast path covers.
//!
//! Every step mirrors what the generic path (json-ld 0.21 in safe mode, plus
//! its value fixes in `generic.rs`) does; anything else — a keyword other
//! than `@context`, `@id`, `@type`, `@value`, `@language`, `@direction`, an
//! undefined term, a relative or unusual IRI, a `null`, a nested array, an
//! inline context — stops with a [`NotCovered`] naming the feature and its
//! JSON path, and the caller falls back to the generic path.

use std::sync::Arc;

use serde_json::{Map, Number, Value};

use super::terms::{Active, Container, Def, Keyword, Mapping, Store, TypeMap};
use super::{Feature, NotCovered};
use crate::limits::{Limit, LimitExceeded};

pub(crate) const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
const RDF_NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
const RDF_JSON: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
const XSD_DOUBLE: &str = "http://www.w3.org/2001/XMLSchema#double";
const I18N: &str = "https://www.w3.org/ns/i18n#";

/// Deepest JSON nesting the fast path walks (deeper documents go to the
/// generic path, which has its own limit).
const MAX_DEPTH: usize = 32;

/// An RDF term of an emitted quad: a blank node, or a range of the
/// document's text arena holding the term in canonical N-Quads (`<iri>`,
/// `"…"`, `"…"@tag`, `"…"^^<dt>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    /// A blank node, numbered per document.
    Blank(u32),
    /// `text[start..end]`.
    Text(u32, u32),
}

/// One quad; `graph` is `None` for the default graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quad {
    pub(crate) subject: Term,
    pub(crate) predicate: Term,
    pub(crate) object: Term,
    pub(crate) graph: Option<Term>,
}

/// An IRI produced by expansion: borrowed from the document or a term
/// table, or built.
/// A key's expansion.
enum Key<'v> {
    Keyword(Keyword),
    Iri(Iri<'v>),
}

enum Iri<'v> {
    Doc(&'v str),
    Table(Arc<str>),
    Built(String),
}

impl Iri<'_> {
    fn as_str(&self) -> &str {
        match self {
            Iri::Doc(s) => s,
            Iri::Table(s) => s,
            Iri::Built(s) => s,
        }
    }
}

/// Whether `s` is an IRI both the json-ld crate (iref) and oxrdf (oxiri)
/// accept as absolute, written the same by both; `%` is refused outright
/// (iref compares and hashes IRIs percent-decoded, and pct-str panics on
/// escapes that are not UTF-8), as is a blank node label.
pub(crate) fn valid_iri(s: &str) -> bool {
    plain_uri(s)
        || (!s.contains('%')
            && !s.starts_with("_:")
            && json_ld::Iri::new(s).is_ok()
            && oxrdf::NamedNode::new(s).is_ok())
}

/// A quick accept for the common shapes: an ASCII absolute URI (RFC 3986)
/// without percent-escapes, IP literals, user info or empty parts —
/// `scheme:path[?query][#fragment]` or `scheme://host[:port][/path][?query][#fragment]`
/// with a host of letters, digits, `-` and `.`. Every such string is an
/// absolute IRI to both parsers (a property test checks it); anything else
/// goes through them.
pub(crate) fn plain_uri(s: &str) -> bool {
    /// RFC 3986 `pchar` without `%`: unreserved, sub-delims, `:` and `@`,
    /// as a table (IRIs of half a megabyte, `data:` images, pass here).
    // Built at compile time; every index is below the table's length.
    #[allow(clippy::indexing_slicing)]
    const PCHAR: [bool; 256] = {
        let mut t = [false; 256];
        let mut b = 0usize;
        while b < 256 {
            let c = b as u8;
            t[b] = c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    b'-' | b'.'
                        | b'_'
                        | b'~'
                        | b'!'
                        | b'$'
                        | b'&'
                        | b'\''
                        | b'('
                        | b')'
                        | b'*'
                        | b'+'
                        | b','
                        | b';'
                        | b'='
                        | b':'
                        | b'@'
                );
            b += 1;
        }
        t
    };
    fn pchar(b: u8) -> bool {
        PCHAR.get(b as usize).copied().unwrap_or(false)
    }
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut sb = scheme.bytes();
    if !sb.next().is_some_and(|b| b.is_ascii_alphabetic())
        || !sb.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        || scheme.eq_ignore_ascii_case("_")
    {
        return false;
    }
    let (before_fragment, fragment) = match rest.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (rest, None),
    };
    let (hier, query) = match before_fragment.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (before_fragment, None),
    };
    let path = if let Some(after) = hier.strip_prefix("//") {
        let end = after.find('/').unwrap_or(after.len());
        let (authority, path) = after.split_at(end);
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        if host.is_empty()
            || !host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
            || port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return false;
        }
        path
    } else {
        if hier.is_empty() || hier.starts_with('/') {
            return false;
        }
        hier
    };
    path.bytes().all(|b| pchar(b) || b == b'/')
        && query.is_none_or(|q| q.bytes().all(|b| pchar(b) || b == b'/' || b == b'?'))
        && fragment.is_none_or(|f| f.bytes().all(|b| pchar(b) || b == b'/' || b == b'?'))
}

#[derive(Debug, Clone, Copy)]
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// What the walk produced: the quads, the text their terms point into, and
/// how many blank nodes it numbered.
pub(crate) struct Emitted {
    pub(crate) quads: Vec<Quad>,
    pub(crate) text: String,
    pub(crate) blank_nodes: u32,
    /// Which quads can be a repeat of another (only those are deduplicated).
    pub(crate) duplicates: Duplicates,
}

/// Which emitted quads may repeat another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Duplicates {
    /// None can: every quad is new.
    None,
    /// Only quads of these named subjects (node objects met more than once
    /// with quads of their own, such as an issuer that is also an
    /// achievement's creator): the subjects' terms, one occurrence each.
    Subjects(Vec<Term>),
    /// Any quad can.
    Any,
}

/// The active context of a `@context` URL list processed from the empty
/// context (memoized and checked against the generic path by the caller).
pub(crate) type ListContext<'s> = &'s dyn Fn(&[&str]) -> Result<Arc<Active>, Feature>;

pub(crate) struct Emitter<'s, 'v> {
    store: &'s Store,
    lists: ListContext<'s>,
    quads: Vec<Quad>,
    text: String,
    next_blank: u32,
    path: Vec<Seg<'v>>,
    max_quads: usize,
    max_blank_nodes: usize,
    /// Most bytes of N-Quads the quads may write, and the bytes so far.
    max_bytes: usize,
    bytes: usize,
    /// `<rdf:type>`, `<rdf:first>`, `<rdf:rest>`, `<rdf:nil>`, written once.
    rdf: Option<[Term; 4]>,
    /// Named subjects seen with quads of their own, by the hash of their
    /// text (a collision only costs a needless deduplication).
    named: foldhash::HashSet<u64>,
    /// Whether any quad may repeat another (see [`Duplicates::Any`]).
    maybe_duplicates: bool,
    /// Named subjects met again with quads of their own (see
    /// [`Duplicates::Subjects`]).
    repeated: Vec<Term>,
    /// A member of the top-level object left out, as if it were absent.
    skip_top: Option<&'static str>,
}

/// Results stay one word wider than their value: the reason a document is
/// not covered is boxed (it is the rare path).
type R<T> = Result<T, Box<NotCovered>>;

/// The bytes a canonical blank node label is counted as (`_:c14n` and up
/// to four digits: the blank node budget keeps labels that short).
const BLANK_LABEL: usize = 10;

/// Up to how many terms duplicates are looked for pair by pair (beyond,
/// the quads are deduplicated by hashing instead).
const SMALL: usize = 16;

/// A property of a node: key, value, predicate IRI, term definition.
type Prop<'v> = (&'v str, &'v Value, Term, Option<Arc<Def>>);

impl<'s, 'v> Emitter<'s, 'v> {
    pub(crate) fn new(
        store: &'s Store,
        lists: ListContext<'s>,
        max_quads: usize,
        max_blank_nodes: usize,
        max_bytes: usize,
    ) -> Self {
        Emitter {
            store,
            lists,
            quads: Vec::with_capacity(128),
            text: String::with_capacity(8192),
            next_blank: 0,
            path: Vec::with_capacity(16),
            max_quads,
            max_blank_nodes,
            max_bytes,
            bytes: 0,
            rdf: None,
            named: foldhash::HashSet::default(),
            maybe_duplicates: false,
            repeated: Vec::new(),
            skip_top: None,
        }
    }

    fn fail(&self, feature: Feature) -> Box<NotCovered> {
        let mut path = String::from("$");
        for seg in &self.path {
            match seg {
                Seg::Key(k) => push_key(&mut path, k),
                Seg::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        Box::new(NotCovered { feature, path })
    }

    fn blank(&mut self) -> R<Term> {
        if self.next_blank as usize >= self.max_blank_nodes {
            return Err(self.fail(Feature::TooLarge(LimitExceeded {
                limit: Limit::BlankNodes,
                max: self.max_blank_nodes,
                found: None,
            })));
        }
        let b = self.next_blank;
        self.next_blank += 1;
        Ok(Term::Blank(b))
    }

    fn push(
        &mut self,
        subject: Term,
        predicate: Term,
        object: Term,
        graph: &Option<Term>,
    ) -> R<()> {
        if self.quads.len() >= self.max_quads {
            return Err(self.fail(Feature::TooLarge(LimitExceeded {
                limit: Limit::Quads,
                max: self.max_quads,
                found: None,
            })));
        }
        // The N-Quads line this quad writes: its terms (a blank node label
        // such as `_:c14n12` counted as BLANK_LABEL bytes), the spaces and
        // ` .\n`. Bounded because a long IRI is written once per quad
        // that names it: a 500 KB subject with 5,000 types would write
        // 2.5 GB from half a megabyte of JSON.
        let len = |t: Term| match t {
            Term::Text(a, b) => (b as usize).saturating_sub(a as usize),
            Term::Blank(_) => BLANK_LABEL,
        };
        let line = len(subject)
            .saturating_add(len(predicate))
            .saturating_add(len(object))
            .saturating_add(graph.map_or(0, |g| len(g).saturating_add(1)))
            .saturating_add(4);
        self.bytes = self.bytes.saturating_add(line);
        if self.bytes > self.max_bytes {
            return Err(self.fail(Feature::TooLarge(LimitExceeded {
                limit: Limit::CanonicalBytes,
                max: self.max_bytes,
                found: None,
            })));
        }
        self.quads.push(Quad {
            subject,
            predicate,
            object,
            graph: *graph,
        });
        Ok(())
    }

    fn span(&self, start: usize) -> R<Term> {
        match (u32::try_from(start), u32::try_from(self.text.len())) {
            (Ok(a), Ok(b)) => Ok(Term::Text(a, b)),
            _ => Err(self.fail(Feature::TooLarge(LimitExceeded {
                limit: Limit::JsonBytes,
                max: u32::MAX as usize,
                found: Some(self.text.len()),
            }))),
        }
    }

    /// `<iri>` in the text arena.
    fn iri_term(&mut self, iri: &str) -> R<Term> {
        let start = self.text.len();
        self.text.push('<');
        self.text.push_str(iri);
        self.text.push('>');
        self.span(start)
    }

    /// A literal in the text arena; `lang` is already lowercased.
    fn literal_term(
        &mut self,
        lexical: &str,
        datatype: Option<&str>,
        lang: Option<&str>,
    ) -> R<Term> {
        let start = self.text.len();
        push_quoted(&mut self.text, lexical);
        if let Some(lang) = lang {
            self.text.push('@');
            self.text.push_str(lang);
        } else if let Some(dt) = datatype.filter(|d| *d != XSD_STRING) {
            self.text.push_str("^^<");
            self.text.push_str(dt);
            self.text.push('>');
        }
        self.span(start)
    }

    fn slice(&self, t: Term) -> &str {
        match t {
            Term::Text(a, b) => self.text.get(a as usize..b as usize).unwrap_or(""),
            Term::Blank(_) => "",
        }
    }

    /// Whether two of `terms` are the same term (blank nodes by number, the
    /// rest by text).
    fn any_equal(&self, terms: &[Term]) -> bool {
        self.any_equal_by(terms, |t| *t)
    }

    fn any_equal_by<T>(&self, items: &[T], term: impl Fn(&T) -> Term) -> bool {
        items.iter().enumerate().any(|(i, a)| {
            let a = term(a);
            items.iter().skip(i + 1).any(|b| {
                let b = term(b);
                match (a, b) {
                    (Term::Blank(x), Term::Blank(y)) => x == y,
                    (Term::Text(..), Term::Text(..)) => self.slice(a) == self.slice(b),
                    _ => false,
                }
            })
        })
    }

    /// The rdf: vocabulary terms the walk uses.
    fn rdf(&mut self) -> R<[Term; 4]> {
        if let Some(t) = self.rdf {
            return Ok(t);
        }
        let t = [
            self.iri_term(RDF_TYPE)?,
            self.iri_term(RDF_FIRST)?,
            self.iri_term(RDF_REST)?,
            self.iri_term(RDF_NIL)?,
        ];
        self.rdf = Some(t);
        Ok(t)
    }

    /// The quads of a top-level document; with `skip_top`, the quads of
    /// the document without that top-level member (Data Integrity's
    /// unsecured document, without copying it). Leaving a member out is
    /// the same as removing it: only `@context` and the type keys affect
    /// how other members expand, and neither may be skipped.
    pub(crate) fn document(
        mut self,
        doc: &'v Map<String, Value>,
        skip_top: Option<&'static str>,
    ) -> R<Emitted> {
        debug_assert!(!matches!(skip_top, Some(k) if k.starts_with('@') || k == "type"));
        self.skip_top = skip_top;
        let empty = self.store.empty().clone();
        self.node(doc, &empty, None, &None, 0)?;
        Ok(Emitted {
            quads: self.quads,
            text: self.text,
            blank_nodes: self.next_blank,
            duplicates: if self.maybe_duplicates {
                Duplicates::Any
            } else if self.repeated.is_empty() {
                Duplicates::None
            } else {
                Duplicates::Subjects(self.repeated)
            },
        })
    }

    /// A node object; returns its subject.
    fn node(
        &mut self,
        obj: &'v Map<String, Value>,
        passed: &Arc<Active>,
        property: Option<&Def>,
        graph: &Option<Term>,
        depth: usize,
    ) -> R<Term> {
        if depth > MAX_DEPTH {
            return Err(self.fail(Feature::TooDeep));
        }
        // The scope of a type-scoped context ends at a new node object
        // (unless the map is a lone `@id`).
        let mut ctx = passed.clone();
        if let Some(previous) = &passed.previous {
            let lone_id = obj.len() == 1
                && obj.keys().next().is_some_and(|k| {
                    matches!(key_mapping(passed, k), Some(Mapping::Keyword(Keyword::Id)))
                });
            if !lone_id {
                ctx = previous.clone();
            }
        }
        if let Some(scoped) = property.and_then(|d| d.context.as_ref()) {
            ctx = self
                .store
                .apply(&ctx, scoped, true, true)
                .map_err(|e| self.fail(Feature::Context(e.0)))?;
        }
        if let Some(local) = obj.get("@context") {
            self.path.push(Seg::Key("@context"));
            ctx = self.embedded_context(&ctx, local, depth)?;
            self.path.pop();
        }
        // Type-scoped contexts, applied in the order of the sorted type
        // entries and of their sorted values, looked up before any applies.
        let type_scoped = ctx.clone();
        let mut type_keys: Vec<&'v str> = obj
            .keys()
            .map(String::as_str)
            .filter(|k| {
                matches!(
                    key_mapping(&type_scoped, k),
                    Some(Mapping::Keyword(Keyword::Type))
                )
            })
            .collect();
        type_keys.sort_unstable();
        for key in &type_keys {
            let mut values: Vec<&str> = match obj.get(*key) {
                Some(Value::String(s)) => vec![s.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            values.sort_unstable();
            for t in values {
                if let Some(scoped) = type_scoped.terms.get(t).and_then(|d| d.context.clone()) {
                    ctx = self
                        .store
                        .apply(&ctx, &scoped, false, false)
                        .map_err(|e| self.fail(Feature::Context(e.0)))?;
                }
            }
        }

        let mut id: Option<Term> = None;
        let mut types: Vec<Term> = Vec::new();
        let mut props: Vec<Prop<'v>> = Vec::new();
        for (key, value) in obj {
            if depth == 0 && self.skip_top == Some(key.as_str()) {
                continue;
            }
            self.path.push(Seg::Key(key));
            match key.as_str() {
                "@context" => {}
                _ => match self.expand_key(&ctx, key)? {
                    (Key::Keyword(Keyword::Id), _) => {
                        if id.is_some() {
                            return Err(self.fail(Feature::Keyword("@id (twice)".to_owned())));
                        }
                        let Value::String(s) = value else {
                            return Err(self.fail(Feature::Value("@id that is not a string")));
                        };
                        let iri = self.expand_iri(&ctx, s, false)?;
                        id = Some(self.iri_term(iri.as_str())?);
                    }
                    (Key::Keyword(Keyword::Type), _) => {
                        let items: Vec<&'v Value> = match value {
                            Value::Array(a) => a.iter().collect(),
                            v => vec![v],
                        };
                        for (i, t) in items.into_iter().enumerate() {
                            self.path.push(Seg::Index(i));
                            let Value::String(t) = t else {
                                return Err(self.fail(Feature::Value("@type that is not a string")));
                            };
                            if t.starts_with('@') {
                                return Err(self.fail(Feature::Keyword(t.clone())));
                            }
                            let iri = self.expand_iri(&type_scoped, t, true)?;
                            types.push(self.iri_term(iri.as_str())?);
                            self.path.pop();
                        }
                    }
                    (Key::Keyword(Keyword::Other), _) => {
                        return Err(self.fail(Feature::Keyword(key.clone())));
                    }
                    (Key::Iri(iri), def) => {
                        let p = self.iri_term(iri.as_str())?;
                        props.push((key.as_str(), value, p, def));
                    }
                },
            }
            self.path.pop();
        }
        let subject = match id {
            Some(s) => s,
            None => self.blank()?,
        };
        // Duplicate quads can only come from a named node met twice (then
        // only that subject's quads can repeat), two keys with one IRI, or
        // a value repeated in an array (then any can): note when one of
        // those happens (fresh blank nodes never repeat).
        if !self.maybe_duplicates {
            if let Term::Text(..) = subject {
                if !types.is_empty() || !props.is_empty() {
                    let hash = {
                        use std::hash::BuildHasher as _;
                        self.named.hasher().hash_one(self.slice(subject))
                    };
                    if !self.named.insert(hash) {
                        let text = self.slice(subject);
                        if !self.repeated.iter().any(|t| self.slice(*t) == text) {
                            self.repeated.push(subject);
                        }
                    }
                }
            }
            // Pairwise for the few types and properties a node has; past
            // SMALL, deduplicating is cheaper than comparing every pair.
            if types.len() > SMALL
                || props.len() > SMALL
                || self.any_equal(&types)
                || self.any_equal_by(&props, |p| p.2)
            {
                self.maybe_duplicates = true;
            }
        }
        if !types.is_empty() {
            let [rdf_type, ..] = self.rdf()?;
            for t in types {
                self.push(subject, rdf_type, t, graph)?;
            }
        }
        for (key, value, predicate, def) in props {
            self.path.push(Seg::Key(key));
            self.property(
                subject,
                key,
                predicate,
                def.as_deref(),
                value,
                &ctx,
                graph,
                depth,
            )?;
            self.path.pop();
        }
        Ok(subject)
    }

    /// An embedded `@context`: one URL or an array of URLs, applied in turn
    /// (a URL repeated in the list is processed once, as json-ld does).
    fn embedded_context(&self, ctx: &Arc<Active>, local: &Value, depth: usize) -> R<Arc<Active>> {
        let urls: Vec<&str> = match local {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a
                .iter()
                .map(Value::as_str)
                .collect::<Option<_>>()
                .ok_or_else(|| self.fail(Feature::ContextShape))?,
            _ => return Err(self.fail(Feature::ContextShape)),
        };
        // The list on its own: compiled, and accepted by the generic path.
        let alone = (self.lists)(&urls).map_err(|f| self.fail(f))?;
        if depth == 0 {
            return Ok(alone);
        }
        let mut ctx = ctx.clone();
        let mut seen: Vec<&str> = Vec::with_capacity(urls.len());
        for url in urls {
            if seen.contains(&url) {
                continue;
            }
            seen.push(url);
            let doc = match self.store.doc(url) {
                Some(Ok(doc)) => doc.clone(),
                _ => return Err(self.fail(Feature::ContextShape)),
            };
            ctx = self
                .store
                .apply(&ctx, &doc, false, true)
                .map_err(|e| self.fail(Feature::Context(e.0)))?;
        }
        Ok(ctx)
    }

    /// A key's expansion (vocab = true) and, when it is a term, its definition.
    fn expand_key(&self, ctx: &Arc<Active>, key: &'v str) -> R<(Key<'v>, Option<Arc<Def>>)> {
        if let Some(def) = ctx.terms.get(key) {
            if let Some(why) = &def.unsupported {
                return Err(self.fail(Feature::Term {
                    term: key.to_owned(),
                    reason: why.clone(),
                }));
            }
            return match &def.mapping {
                Some(Mapping::Keyword(k)) => Ok((Key::Keyword(*k), Some(def.clone()))),
                Some(Mapping::Iri(iri)) => {
                    Ok((Key::Iri(Iri::Table(iri.clone())), Some(def.clone())))
                }
                None => Err(self.fail(Feature::UndefinedTerm(key.to_owned()))),
            };
        }
        if key.starts_with('@') {
            return Err(self.fail(Feature::Keyword(key.to_owned())));
        }
        Ok((Key::Iri(self.expand_iri(ctx, key, true)?), None))
    }

    /// IRI expansion of a key or value that is not a term (or, with
    /// `vocab`, may be one): absolute IRIs, and `@vocab` for plain names.
    fn expand_iri(&self, ctx: &Active, value: &'v str, vocab: bool) -> R<Iri<'v>> {
        let bad = |why: &'static str| {
            self.fail(Feature::Iri {
                value: value.to_owned(),
                reason: why,
            })
        };
        if let Some(def) = ctx.terms.get(value) {
            if !vocab {
                return Err(bad("a term used as an identifier"));
            }
            if def.unsupported.is_some() {
                return Err(bad("a term the fast path does not handle"));
            }
            return match &def.mapping {
                Some(Mapping::Iri(iri)) => Ok(Iri::Table(iri.clone())),
                _ => Err(bad("a term that is not an IRI")),
            };
        }
        if value.starts_with('@') {
            return Err(bad("keyword-like"));
        }
        if value.find(':').is_some_and(|i| i > 0) {
            if value.starts_with("_:") {
                return Err(bad("a blank node identifier"));
            }
            if let Some((prefix, _)) = value.split_once(':') {
                if ctx.terms.contains_key(prefix) {
                    return Err(bad("a compact IRI"));
                }
            }
            if valid_iri(value) {
                return Ok(Iri::Doc(value));
            }
            return Err(bad("not an IRI both processors read the same way"));
        }
        if vocab {
            if let Some(v) = &ctx.vocab {
                let iri = format!("{v}{value}");
                if valid_iri(&iri) {
                    return Ok(Iri::Built(iri));
                }
                return Err(bad("its @vocab expansion is not an IRI"));
            }
            return Err(self.fail(Feature::UndefinedTerm(value.to_owned())));
        }
        Err(bad("relative"))
    }

    #[allow(clippy::too_many_arguments)]
    fn property(
        &mut self,
        subject: Term,
        key: &'v str,
        predicate: Term,
        def: Option<&Def>,
        value: &'v Value,
        ctx: &Arc<Active>,
        graph: &Option<Term>,
        depth: usize,
    ) -> R<()> {
        let container = def.map_or(Container::None, |d| d.container);
        if let Some(TypeMap::Json) = def.and_then(|d| d.ty.as_ref()) {
            if !matches!(container, Container::None | Container::Set) {
                return Err(self.fail(Feature::Value("@json with a container")));
            }
            let lit = self.json_literal(value)?;
            return self.push(subject, predicate, lit, graph);
        }
        let items: &'v [Value] = match value {
            Value::Array(a) => a,
            v => core::slice::from_ref(v),
        };
        match container {
            Container::List => {
                if let Value::Object(m) = value {
                    if m.keys().any(|k| k.starts_with('@')) {
                        return Err(self.fail(Feature::Value("a keyword object under @list")));
                    }
                }
                let mut terms = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    self.path.push(Seg::Index(i));
                    terms.push(self.object(key, def, item, ctx, graph, depth)?);
                    self.path.pop();
                }
                let [_, first, rest, nil] = self.rdf()?;
                let mut head = nil;
                if !terms.is_empty() {
                    let cells: Vec<Term> =
                        (0..terms.len()).map(|_| self.blank()).collect::<R<_>>()?;
                    for (i, (cell, item)) in cells.iter().zip(terms).enumerate() {
                        self.push(*cell, first, item, graph)?;
                        let next = cells.get(i + 1).copied().unwrap_or(nil);
                        self.push(*cell, rest, next, graph)?;
                    }
                    if let Some(h) = cells.first() {
                        head = *h;
                    }
                }
                self.push(subject, predicate, head, graph)
            }
            Container::Graph => {
                for (i, item) in items.iter().enumerate() {
                    self.path.push(Seg::Index(i));
                    let Value::Object(m) = item else {
                        return Err(self.fail(Feature::Value(
                            "a @graph container value that is not an object",
                        )));
                    };
                    if m.keys()
                        .any(|k| matches!(k.as_str(), "@value" | "@graph" | "@list" | "@set"))
                    {
                        return Err(
                            self.fail(Feature::Value("a keyword object in a @graph container"))
                        );
                    }
                    let name = self.blank()?;
                    self.node(m, ctx, def, &Some(name), depth + 1)?;
                    self.push(subject, predicate, name, graph)?;
                    self.path.pop();
                }
                Ok(())
            }
            Container::None | Container::Set => {
                let array = value.is_array();
                let first = self.quads.len();
                for (i, item) in items.iter().enumerate() {
                    if array {
                        self.path.push(Seg::Index(i));
                    }
                    let object = self.object(key, def, item, ctx, graph, depth)?;
                    self.push(subject, predicate, object, graph)?;
                    if array {
                        self.path.pop();
                    }
                }
                if items.len() > 1 && !self.maybe_duplicates {
                    // The objects of this property's quads (nested nodes'
                    // quads come in between; only this subject's count).
                    let objects: Vec<Term> = self
                        .quads
                        .get(first..)
                        .unwrap_or(&[])
                        .iter()
                        .filter(|q| q.subject == subject && q.predicate == predicate)
                        .map(|q| q.object)
                        .collect();
                    if objects.len() > SMALL || self.any_equal(&objects) {
                        self.maybe_duplicates = true;
                    }
                }
                Ok(())
            }
        }
    }

    /// The RDF object for one value of property `key`.
    fn object(
        &mut self,
        key: &str,
        def: Option<&Def>,
        item: &'v Value,
        ctx: &Arc<Active>,
        graph: &Option<Term>,
        depth: usize,
    ) -> R<Term> {
        match item {
            Value::Null => Err(self.fail(Feature::Value("null"))),
            Value::Array(_) => Err(self.fail(Feature::Value("a nested array"))),
            Value::Object(m) => {
                if m.contains_key("@value") {
                    self.value_object(m, def, ctx)
                } else {
                    if let Some(k) = m.keys().find(|k| {
                        matches!(
                            k.as_str(),
                            "@list" | "@set" | "@graph" | "@language" | "@direction"
                        )
                    }) {
                        return Err(self.fail(Feature::Keyword(k.clone())));
                    }
                    self.node(m, ctx, def, graph, depth + 1)
                }
            }
            scalar => {
                // A property-scoped context applies to scalars too (json-ld
                // processes it without overriding protected terms), and the
                // coercion is the property's definition in the result.
                if let Some(scoped) = def.and_then(|d| d.context.as_ref()) {
                    let scoped_ctx = self
                        .store
                        .apply(ctx, scoped, false, true)
                        .map_err(|e| self.fail(Feature::Context(e.0)))?;
                    let def = scoped_ctx.terms.get(key).cloned();
                    if def.as_ref().is_some_and(|d| d.unsupported.is_some()) {
                        return Err(self.fail(Feature::UndefinedTerm(key.to_owned())));
                    }
                    return self.scalar(def.as_deref(), scalar, &scoped_ctx);
                }
                self.scalar(def, scalar, ctx)
            }
        }
    }

    fn scalar(&mut self, def: Option<&Def>, v: &'v Value, ctx: &Active) -> R<Term> {
        match def.and_then(|d| d.ty.as_ref()) {
            Some(TypeMap::Id) => match v {
                Value::String(s) => {
                    let iri = self.expand_iri(ctx, s, false)?;
                    self.iri_term(iri.as_str())
                }
                _ => Err(self.fail(Feature::Value("a non-string value coerced to @id"))),
            },
            Some(TypeMap::Vocab) => match v {
                Value::String(s) => {
                    if s.starts_with('@') {
                        return Err(self.fail(Feature::Keyword(s.clone())));
                    }
                    let iri = self.expand_iri(ctx, s, true)?;
                    self.iri_term(iri.as_str())
                }
                _ => Err(self.fail(Feature::Value("a non-string value coerced to @vocab"))),
            },
            Some(TypeMap::Iri(dt)) => self.literal(v, Some(dt)),
            Some(TypeMap::None) | None => self.literal(v, None),
            Some(TypeMap::Json) => Err(self.fail(Feature::Value("@json"))),
        }
    }

    /// A scalar as a literal, typed `datatype` when given.
    fn literal(&mut self, v: &Value, datatype: Option<&str>) -> R<Term> {
        match v {
            Value::String(s) => self.literal_term(s, Some(datatype.unwrap_or(XSD_STRING)), None),
            Value::Bool(b) => self.literal_term(
                if *b { "true" } else { "false" },
                Some(datatype.unwrap_or(XSD_BOOLEAN)),
                None,
            ),
            Value::Number(n) => {
                let (lexical, natural) = number_lexical(n, datatype)
                    .ok_or_else(|| self.fail(Feature::Value("a number")))?;
                self.literal_term(&lexical, Some(datatype.unwrap_or(natural)), None)
            }
            _ => Err(self.fail(Feature::Value("not a scalar"))),
        }
    }

    fn value_object(
        &mut self,
        m: &'v Map<String, Value>,
        def: Option<&Def>,
        ctx: &Arc<Active>,
    ) -> R<Term> {
        // The value object's context: the property-scoped one, if any.
        let ctx = match def.and_then(|d| d.context.as_ref()) {
            Some(local) => self
                .store
                .apply(ctx, local, true, true)
                .map_err(|e| self.fail(Feature::Context(e.0)))?,
            None => ctx.clone(),
        };
        let (mut value, mut ty, mut language, mut direction) = (None, None, None, None);
        for (k, v) in m {
            match k.as_str() {
                "@value" => value = Some(v),
                "@type" => ty = Some(v),
                "@language" => language = Some(v),
                "@direction" => direction = Some(v),
                other => {
                    return Err(self.fail(Feature::Keyword(format!("{other} in a value object"))))
                }
            }
        }
        let Some(value) = value else {
            return Err(self.fail(Feature::Value("a value object without @value")));
        };
        if ty.is_some() && (language.is_some() || direction.is_some()) {
            return Err(self.fail(Feature::Value("@type with @language or @direction")));
        }
        if let Some(t) = ty {
            let Value::String(t) = t else {
                return Err(self.fail(Feature::Value("a value object @type that is not a string")));
            };
            if t.starts_with('@')
                || ctx
                    .terms
                    .get(t.as_str())
                    .is_some_and(|d| d.context.is_some())
            {
                return Err(self.fail(Feature::Value(
                    "a value object @type keyword or scoped type",
                )));
            }
            let dt = self.expand_iri(&ctx, t, true)?;
            return match value {
                Value::String(_) | Value::Bool(_) | Value::Number(_) => {
                    self.literal(value, Some(dt.as_str()))
                }
                _ => Err(self.fail(Feature::Value("a typed @value that is not a scalar"))),
            };
        }
        if language.is_none() && direction.is_none() {
            return match value {
                Value::String(_) | Value::Bool(_) | Value::Number(_) => self.literal(value, None),
                _ => Err(self.fail(Feature::Value("an @value that is not a scalar"))),
            };
        }
        let Value::String(s) = value else {
            return Err(self.fail(Feature::Value(
                "a language-tagged @value that is not a string",
            )));
        };
        let language = match language {
            None => None,
            Some(Value::String(tag)) if simple_language_tag(tag) => Some(tag.to_ascii_lowercase()),
            Some(_) => return Err(self.fail(Feature::LanguageTag)),
        };
        let direction = match direction {
            None => None,
            Some(Value::String(d)) if d == "ltr" || d == "rtl" => Some(d.as_str()),
            Some(_) => return Err(self.fail(Feature::Value("an @direction other than ltr or rtl"))),
        };
        match (language, direction) {
            (lang, Some(dir)) => {
                let dt = format!("{I18N}{}_{dir}", lang.unwrap_or_default());
                if !valid_iri(&dt) {
                    return Err(self.fail(Feature::LanguageTag));
                }
                self.literal_term(s, Some(&dt), None)
            }
            (Some(lang), None) => self.literal_term(s, None, Some(&lang)),
            (None, None) => self.literal_term(s, Some(XSD_STRING), None),
        }
    }

    /// An `@json` value: its JCS text typed `rdf:JSON`.
    fn json_literal(&mut self, v: &Value) -> R<Term> {
        if has_at_key(v, 0) {
            return Err(self.fail(Feature::Value("an @json value with '@' keys")));
        }
        let text = serde_json_canonicalizer::to_string(v)
            .map_err(|_| self.fail(Feature::Value("an @json value with no JCS form")))?;
        self.literal_term(&text, Some(RDF_JSON), None)
    }
}

/// Whether any key of `v` (at any depth) starts with `@`; too deep counts as yes.
fn has_at_key(v: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return true;
    }
    match v {
        Value::Object(m) => m
            .iter()
            .any(|(k, x)| k.starts_with('@') || has_at_key(x, depth + 1)),
        Value::Array(a) => a.iter().any(|x| has_at_key(x, depth + 1)),
        _ => false,
    }
}

/// The mapping of a key that is a term (or a keyword written as such).
fn key_mapping<'a>(ctx: &'a Active, key: &str) -> Option<&'a Mapping> {
    ctx.terms
        .get(key)
        .and_then(|d| d.mapping.as_ref())
        .or(match key {
            "@id" => Some(&Mapping::Keyword(Keyword::Id)),
            "@type" => Some(&Mapping::Keyword(Keyword::Type)),
            _ => None,
        })
}

/// A language tag of the plainest BCP 47 shape (language, optional
/// script, optional region), which both the json-ld crate and oxrdf accept.
fn simple_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|l| (2..=3).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphabetic()));
    if !lang_ok {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    let script = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic());
    let region = |s: &str| {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
            || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
    };
    match rest.as_slice() {
        [] => true,
        [a] => script(a) || region(a),
        [a, b] => script(a) && region(b),
        _ => false,
    }
}

/// Whether `b` has a byte N-Quads escapes (`\0`–`\x1f`, `"`, `\\`, `\x7f`),
/// eight bytes at a time.
fn needs_escape(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte of `x` is zero  ⇔  its high bit is set in `zero(x)` (exact
    // once non-ASCII bytes, whose high bit is already set, are masked out).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let x = u64::from_le_bytes(w);
        let ascii = !x & HIGHS; // high bit set where the byte is ASCII
        let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGHS;
        let hit = below_space
            | zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')))
            | zero(x ^ (ONES * 0x7F));
        if hit & ascii != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == 0x7F || b == b'"' || b == b'\\')
}

/// Appends `"…"` with the canonical N-Quads escapes (oxrdf's
/// `print_quoted_str`).
pub(crate) fn push_quoted(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    if !needs_escape(s.as_bytes()) {
        out.push_str(s);
    } else {
        for c in s.chars() {
            match c {
                '\u{08}' => out.push_str("\\b"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\u{0C}' => out.push_str("\\f"),
                '\r' => out.push_str("\\r"),
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\0'..='\u{1F}' | '\u{7F}' => out.push_str(&format!("\\u{:04X}", u32::from(c))),
                _ => out.push(c),
            }
        }
    }
    out.push('"');
}

/// The lexical form and natural datatype of a JSON number, as the generic
/// path writes it: the integer value of any integral number below 10^21
/// (`1.0` and `1e3` are integers), the canonical xsd:double form otherwise
/// or when the datatype is xsd:double.
pub(crate) fn number_lexical(n: &Number, datatype: Option<&str>) -> Option<(String, &'static str)> {
    let text = number_text(n);
    let double = datatype == Some(XSD_DOUBLE);
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let integral = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if integral && !double {
        if text.parse::<i64>().is_ok() || digits.trim_start_matches('0').len() <= 21 {
            return Some((text, XSD_INTEGER));
        }
        return None;
    }
    let f: f64 = text.parse().ok()?;
    if !f.is_finite() {
        return None;
    }
    Some((pretty_dtoa::dtoa(f, XSD_CANONICAL_FLOAT), XSD_DOUBLE))
}

/// json-ld's xsd:double formatter configuration.
const XSD_CANONICAL_FLOAT: pretty_dtoa::FmtFloatConfig = pretty_dtoa::FmtFloatConfig::default()
    .force_e_notation()
    .capitalize_e(true);

/// The number text the generic path hands the JSON-LD processor (its
/// `number_text`).
fn number_text(n: &Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    match n.as_f64() {
        Some(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e21 => {
            if f == 0.0 {
                "0".to_owned()
            } else {
                format!("{f:.0}")
            }
        }
        _ => n.to_string(),
    }
}

fn push_key(path: &mut String, k: &str) {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '@')
    {
        path.push('.');
        path.push_str(k);
    } else {
        path.push_str(&format!("[{k:?}]"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn full(s: &str) -> bool {
        json_ld::Iri::new(s).is_ok() && oxrdf::NamedNode::new(s).is_ok()
    }

    #[test]
    fn escape_detection() {
        for (s, want) in [
            ("", false),
            ("plain ascii text, long enough", false),
            ("é中🎓 non-ASCII only ÿ", false),
            ("ends with a quote\"", true),
            ("x\\", true),
            ("twelve bytes\u{7f}", true),
            ("\u{1f}", true),
            ("0123456\n89", true),
        ] {
            assert_eq!(needs_escape(s.as_bytes()), want, "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn escape_detection_matches_the_definition(s in "\\PC{0,40}|[\\x00-\\x7f]{0,40}") {
            let slow = s.bytes().any(|b| b < 0x20 || b == 0x7F || b == b'"' || b == b'\\');
            prop_assert_eq!(needs_escape(s.as_bytes()), slow);
        }
    }

    #[test]
    fn plain_uris() {
        for ok in [
            "https://example.org/a/b?c=d#e",
            "http://localhost:8080",
            "did:key:z6MkehRgf7yJbgaGfYsdoAsKdBPE3dj2CYhowQdcjqSJgvVd",
            "urn:uuid:0b0e0f4e-7d1c-4c65-9d7e-1f2a3b4c5d6e",
            "mailto:a@b.c",
            "xsd:dateTime",
        ] {
            assert!(plain_uri(ok) && full(ok), "{ok}");
        }
        for no in [
            "",
            "a",
            ":x",
            "1a:b",
            "http://",
            "http://a:b/",
            "http://a b",
            "a:/b",
            "http://u@h/",
            "a:b#c#d",
            "_:b0",
            "a:%41",
            "a:é",
        ] {
            assert!(!plain_uri(no), "{no}");
        }
    }

    proptest! {
        /// The quick accept never accepts what either parser refuses.
        #[test]
        fn plain_uri_implies_both_parsers(s in "[a-zA-Z][a-zA-Z0-9+.-]{0,3}:(//[a-zA-Z0-9.-]{0,6}(:[0-9]{0,3})?)?[a-zA-Z0-9/?#:@!$&'()*+,;=._~%\\-\\[\\] ]{0,12}") {
            if plain_uri(&s) {
                prop_assert!(full(&s), "{}", s);
            }
        }

        #[test]
        fn plain_uri_on_any_string(s in "\\PC{0,24}") {
            if plain_uri(&s) {
                prop_assert!(full(&s), "{}", s);
            }
        }
    }
}
