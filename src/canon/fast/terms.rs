//! The pinned contexts compiled into term tables, and the part of JSON-LD 1.1
//! Context Processing the fast path needs, memoized.
//!
//! Each context document of the loader is parsed once ([`Local`]): its
//! definitions, `@vocab`, `@protected`, `@propagate` and every scoped context
//! inside it. Definitions are *resolved* against an active context (IRI
//! expansion of `@id` and `@type` depends on what came before), so the
//! result of applying a local context to an active context is memoized by
//! `(active, local, override protected, propagate)`: a document's
//! `@context` list, and each type- or property-scoped context met at a given
//! point, is processed once per canonicalizer.
//!
//! The processor follows the json-ld crate's implementation of the
//! algorithm (the generic path's), and refuses ([`Unsupported`]) everything
//! it does not implement exactly: `@import`, `@base`, `@language`,
//! `@direction`, null contexts, `@reverse`, `@index`, `@nest`, containers
//! other than `@set`, `@list` and `@graph`, terms with `:` or `/`, protected
//! redefinitions of terms with scoped contexts, and so on.

use std::collections::HashSet;

use foldhash::{HashMap, HashMapExt};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, RwLock};

use serde_json::{Map, Value};

use crate::contexts::ContextLoader;

/// Why a context (or a term of it) is outside the fast path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unsupported(pub(crate) String);

impl Unsupported {
    fn new(s: impl Into<String>) -> Self {
        Unsupported(s.into())
    }
}

type Res<T> = Result<T, Unsupported>;

/// (active context, local context, override protected, propagate).
type MemoKey = (u32, u32, bool, bool);

/// Most memoized context transitions (and top-level context lists) kept;
/// past it, results are computed but not stored.
const MEMO_CAP: usize = 4096;
/// Deepest chain of remote contexts followed.
const MAX_REMOTE_DEPTH: usize = 8;

/// A keyword a term may alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Keyword {
    Id,
    Type,
    /// Any other keyword (the fast path does not handle documents using it).
    Other,
}

/// What a term (or key) expands to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Mapping {
    Keyword(Keyword),
    Iri(Arc<str>),
}

/// A term's type mapping.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum TypeMap {
    Id,
    Vocab,
    Json,
    None,
    Iri(Arc<str>),
}

/// A term's container mapping (the ones the fast path handles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) enum Container {
    #[default]
    None,
    Set,
    List,
    Graph,
}

/// A resolved term definition.
#[derive(Debug, Clone)]
pub(crate) struct Def {
    pub(crate) mapping: Option<Mapping>,
    pub(crate) prefix: bool,
    pub(crate) protected: bool,
    pub(crate) ty: Option<TypeMap>,
    pub(crate) container: Container,
    /// The raw `@container` value, compared on redefinition.
    container_raw: Option<Value>,
    /// The scoped context, with the URL of the context document it came from.
    pub(crate) context: Option<Arc<Local>>,
    base: Option<Arc<str>>,
    /// A feature of the definition the fast path does not implement; a
    /// document that uses the term falls back.
    pub(crate) unsupported: Option<String>,
}

impl Def {
    /// Equal other than `protected` (the json-ld crate's comparison, made
    /// stricter: any scoped context counts as different unless it is the same one).
    fn same_modulo_protected(&self, other: &Def) -> bool {
        let same_context = match (&self.context, &other.context) {
            (None, None) => true,
            (Some(a), Some(b)) => a.id == b.id,
            _ => false,
        };
        self.mapping == other.mapping
            && self.prefix == other.prefix
            && self.ty == other.ty
            && self.container == other.container
            && self.container_raw == other.container_raw
            && same_context
            && self.base == other.base
            && self.unsupported.is_none()
            && other.unsupported.is_none()
    }
}

/// An active context.
#[derive(Debug)]
pub(crate) struct Active {
    pub(crate) id: u32,
    pub(crate) terms: HashMap<String, Arc<Def>>,
    pub(crate) vocab: Option<Arc<str>>,
    pub(crate) previous: Option<Arc<Active>>,
}

/// A context value as written (one or many entries), parsed once.
#[derive(Debug)]
pub(crate) struct Local {
    pub(crate) id: u32,
    /// The URL of the context document it is (or is inside of).
    base: Option<Arc<str>>,
    entries: Vec<Entry>,
    /// `@propagate` when the value is a single definition object.
    propagate: Option<bool>,
}

#[derive(Debug)]
enum Entry {
    Url(String),
    Object(Box<ObjectCtx>),
    Unsupported(String),
}

#[derive(Debug)]
struct ObjectCtx {
    protected: bool,
    /// `None`: absent; `Some(None)`: `null`.
    vocab: Option<Option<String>>,
    /// Term → raw definition, in document order.
    defs: Vec<(String, RawDef)>,
    index: HashMap<String, usize>,
    unsupported: Option<String>,
}

#[derive(Debug)]
struct RawDef {
    simple: bool,
    /// `None`: no `@id`; `Some(None)`: `"@id": null`.
    id: Option<Option<String>>,
    ty: Option<String>,
    container: Option<Value>,
    context: Option<Arc<Local>>,
    protected: Option<bool>,
    prefix: Option<bool>,
    unsupported: Option<String>,
}

/// The compiled contexts of one loader and the memo of their applications.
#[derive(Debug)]
pub(crate) struct Store {
    docs: HashMap<String, Result<Arc<Local>, Unsupported>>,
    next_id: AtomicU32,
    empty: Arc<Active>,
    memo: RwLock<HashMap<MemoKey, Res<Arc<Active>>>>,
}

impl Store {
    /// Parses every context document of `loader`.
    pub(crate) fn new(loader: &ContextLoader) -> Store {
        let next_id = AtomicU32::new(1);
        let mut docs = HashMap::new();
        for url in loader.urls() {
            let base: Arc<str> = Arc::from(url);
            let compiled = match loader.get(url).ok().and_then(|d| d.get("@context")) {
                Some(ctx) => parse_local(ctx, &next_id, 0, &base).and_then(|l| {
                    if l.entries.iter().any(|e| matches!(e, Entry::Url(_))) {
                        Err(Unsupported::new(
                            "the context document names another by URL",
                        ))
                    } else {
                        Ok(l)
                    }
                }),
                None => Err(Unsupported::new("no @context entry")),
            };
            docs.insert(url.to_owned(), compiled.map(Arc::new));
        }
        let empty = Arc::new(Active {
            id: 0,
            terms: HashMap::new(),
            vocab: None,
            previous: None,
        });
        Store {
            docs,
            next_id,
            empty,
            memo: RwLock::new(HashMap::new()),
        }
    }

    /// The compiled document for a context URL.
    pub(crate) fn doc(&self, url: &str) -> Option<&Result<Arc<Local>, Unsupported>> {
        self.docs.get(url)
    }

    /// The initial (empty) active context.
    pub(crate) fn empty(&self) -> &Arc<Active> {
        &self.empty
    }

    /// Applies `local` to `active` (Context Processing), memoized.
    pub(crate) fn apply(
        &self,
        active: &Arc<Active>,
        local: &Arc<Local>,
        override_protected: bool,
        propagate: bool,
    ) -> Res<Arc<Active>> {
        let key = (active.id, local.id, override_protected, propagate);
        if let Ok(memo) = self.memo.read() {
            if let Some(hit) = memo.get(&key) {
                return hit.clone();
            }
        }
        let result = self
            .process(
                active,
                local,
                override_protected,
                propagate,
                &mut Vec::new(),
            )
            .map(Arc::new);
        if let Ok(mut memo) = self.memo.write() {
            if memo.len() < MEMO_CAP {
                memo.insert(key, result.clone());
            }
        }
        result
    }

    fn fresh_id(&self) -> u32 {
        self.next_id.fetch_add(1, Ordering::Relaxed)
    }

    /// The Context Processing algorithm (json-ld 0.21's `process_context`);
    /// definitions record the local context's base URL.
    fn process(
        &self,
        active: &Arc<Active>,
        local: &Local,
        override_protected: bool,
        propagate: bool,
        remote: &mut Vec<String>,
    ) -> Res<Active> {
        let propagate = local.propagate.unwrap_or(propagate);
        let mut result = Active {
            id: self.fresh_id(),
            terms: active.terms.clone(),
            vocab: active.vocab.clone(),
            previous: active.previous.clone(),
        };
        if !propagate && result.previous.is_none() {
            result.previous = Some(active.clone());
        }
        for entry in &local.entries {
            match entry {
                Entry::Unsupported(why) => return Err(Unsupported::new(why.clone())),
                Entry::Url(url) => {
                    if remote.iter().any(|r| r == url) {
                        continue;
                    }
                    if remote.len() >= MAX_REMOTE_DEPTH {
                        return Err(Unsupported::new("remote contexts nested too deeply"));
                    }
                    let doc = match self.docs.get(url) {
                        Some(Ok(doc)) => doc.clone(),
                        Some(Err(e)) => return Err(e.clone()),
                        None => return Err(Unsupported(format!("context {url} not loaded"))),
                    };
                    remote.push(url.clone());
                    let mut inner = remote.clone();
                    result = self.process(&Arc::new(result), &doc, false, true, &mut inner)?;
                }
                Entry::Object(obj) => {
                    self.define_all(&mut result, obj, override_protected, local.base.clone())?;
                }
            }
        }
        Ok(result)
    }

    fn define_all(
        &self,
        result: &mut Active,
        obj: &ObjectCtx,
        override_protected: bool,
        base: Option<Arc<str>>,
    ) -> Res<()> {
        if let Some(why) = &obj.unsupported {
            return Err(Unsupported::new(why.clone()));
        }
        if let Some(vocab) = &obj.vocab {
            match vocab {
                None => result.vocab = None,
                Some(v) => {
                    // Only an absolute IRI (a term or compact IRI would be
                    // expanded first; not implemented).
                    if v.starts_with('@')
                        || result.terms.contains_key(v.as_str())
                        || v.split_once(':')
                            .is_some_and(|(p, _)| result.terms.contains_key(p))
                        || !super::emit::valid_iri(v)
                    {
                        return Err(Unsupported(format!("@vocab {v:?}")));
                    }
                    result.vocab = Some(Arc::from(v.as_str()));
                }
            }
        }
        let mut defined: HashMap<&str, bool> = HashMap::new();
        for (term, _) in &obj.defs {
            self.define(result, obj, term, &mut defined, override_protected, &base)?;
        }
        Ok(())
    }

    /// Create Term Definition (json-ld 0.21's `define`), for the subset the
    /// fast path implements.
    fn define<'o>(
        &self,
        active: &mut Active,
        obj: &'o ObjectCtx,
        term: &'o str,
        defined: &mut HashMap<&'o str, bool>,
        override_protected: bool,
        base: &Option<Arc<str>>,
    ) -> Res<()> {
        match defined.get(term) {
            Some(true) => return Ok(()),
            Some(false) => return Err(Unsupported(format!("cyclic definition of {term:?}"))),
            None => {}
        }
        let Some(raw) = obj
            .index
            .get(term)
            .and_then(|&i| obj.defs.get(i))
            .map(|(_, d)| d)
        else {
            return Ok(());
        };
        if term.is_empty() || term.starts_with('@') {
            return Err(Unsupported(format!("definition of {term:?}")));
        }
        if term.contains(':') || term.contains('/') {
            return Err(Unsupported(format!("term {term:?} with ':' or '/'")));
        }
        defined.insert(term, false);
        let previous = active.terms.remove(term);
        let mut def = Def {
            mapping: None,
            prefix: false,
            protected: raw.protected.unwrap_or(obj.protected),
            ty: None,
            container: Container::None,
            container_raw: raw.container.clone(),
            context: None,
            base: None,
            unsupported: raw.unsupported.clone(),
        };
        if let Some(ty) = &raw.ty {
            let expanded =
                self.expand_in_context(active, obj, ty, defined, override_protected, base)?;
            def.ty = Some(match expanded {
                Mapping::Keyword(_) => match ty.as_str() {
                    "@id" => TypeMap::Id,
                    "@vocab" => TypeMap::Vocab,
                    "@json" => TypeMap::Json,
                    "@none" => TypeMap::None,
                    _ => return Err(Unsupported(format!("@type {ty:?} of {term:?}"))),
                },
                Mapping::Iri(iri) => TypeMap::Iri(iri),
            });
        }
        match &raw.id {
            Some(Some(id)) if id != term => {
                if id.starts_with('@') && !crate::canon::is_keyword(id) {
                    return Err(Unsupported(format!("keyword-like @id of {term:?}")));
                }
                def.mapping = Some(self.expand_in_context(
                    active,
                    obj,
                    id,
                    defined,
                    override_protected,
                    base,
                )?);
                if let Some(Mapping::Iri(iri)) = &def.mapping {
                    if raw.simple && iri.ends_with([':', '/', '?', '#', '[', ']', '@']) {
                        def.prefix = true;
                    }
                }
            }
            Some(None) => {
                def.unsupported = Some(format!("{term:?} is mapped to null"));
            }
            _ => {
                // No @id (or @id equal to the term): the vocabulary mapping.
                match &active.vocab {
                    Some(v) => {
                        let iri = format!("{v}{term}");
                        if !super::emit::valid_iri(&iri) {
                            return Err(Unsupported(format!("{term:?} expands to <{iri}>")));
                        }
                        def.mapping = Some(Mapping::Iri(Arc::from(iri)));
                    }
                    None => return Err(Unsupported(format!("{term:?} has no IRI mapping"))),
                }
            }
        }
        if let Some(c) = &raw.container {
            def.container = parse_container(c)
                .ok_or_else(|| Unsupported(format!("@container {c} of {term:?}")))?;
        }
        if let Some(ctx) = &raw.context {
            def.context = Some(ctx.clone());
            def.base = base.clone();
        }
        if let Some(p) = raw.prefix {
            def.prefix = p;
            if p && matches!(def.mapping, Some(Mapping::Keyword(_))) {
                return Err(Unsupported(format!("@prefix on keyword alias {term:?}")));
            }
        }
        if !override_protected {
            if let Some(prev) = &previous {
                if prev.protected {
                    if !def.same_modulo_protected(prev) {
                        return Err(Unsupported(format!(
                            "protected term {term:?} redefined (the JSON-LD processor refuses \
                             a different definition)"
                        )));
                    }
                    def.protected = true;
                }
            }
        }
        active.terms.insert(term.to_owned(), Arc::new(def));
        defined.insert(term, true);
        Ok(())
    }

    /// IRI expansion (vocab = true) of a value inside a context definition,
    /// defining terms of the same local context it depends on.
    fn expand_in_context<'o>(
        &self,
        active: &mut Active,
        obj: &'o ObjectCtx,
        value: &'o str,
        defined: &mut HashMap<&'o str, bool>,
        override_protected: bool,
        base: &Option<Arc<str>>,
    ) -> Res<Mapping> {
        if let Some(kw) = value.strip_prefix('@') {
            if crate::canon::is_keyword(value) {
                return Ok(Mapping::Keyword(match kw {
                    "id" => Keyword::Id,
                    "type" => Keyword::Type,
                    _ => Keyword::Other,
                }));
            }
            return Err(Unsupported(format!("keyword-like value {value:?}")));
        }
        if obj.index.contains_key(value) {
            self.define(active, obj, value, defined, override_protected, base)?;
        }
        if let Some(def) = active.terms.get(value) {
            if def.unsupported.is_some() {
                return Err(Unsupported(format!(
                    "{value:?} depends on an unsupported term"
                )));
            }
            return def
                .mapping
                .clone()
                .ok_or_else(|| Unsupported(format!("{value:?} has no mapping")));
        }
        if let Some((prefix, suffix)) = value.split_once(':').filter(|(p, _)| !p.is_empty()) {
            if prefix == "_" {
                return Err(Unsupported(format!("blank node {value:?} in a context")));
            }
            if !suffix.starts_with("//") {
                if obj.index.contains_key(prefix) {
                    self.define(active, obj, prefix, defined, override_protected, base)?;
                }
                if let Some(p) = active.terms.get(prefix) {
                    if p.unsupported.is_some() {
                        return Err(Unsupported(format!("prefix of {value:?} is unsupported")));
                    }
                    if p.prefix {
                        if let Some(Mapping::Iri(iri)) = &p.mapping {
                            let full = format!("{iri}{suffix}");
                            if !super::emit::valid_iri(&full) {
                                return Err(Unsupported(format!("{value:?} expands to <{full}>")));
                            }
                            return Ok(Mapping::Iri(Arc::from(full)));
                        }
                    }
                    return Err(Unsupported(format!(
                        "{value:?}: its prefix is a term but not a prefix"
                    )));
                }
            }
            if super::emit::valid_iri(value) {
                return Ok(Mapping::Iri(Arc::from(value)));
            }
            return Err(Unsupported(format!("{value:?} is not an absolute IRI")));
        }
        match &active.vocab {
            Some(v) => {
                let iri = format!("{v}{value}");
                if super::emit::valid_iri(&iri) {
                    Ok(Mapping::Iri(Arc::from(iri)))
                } else {
                    Err(Unsupported(format!("{value:?} expands to <{iri}>")))
                }
            }
            None => Err(Unsupported(format!("{value:?} is not an absolute IRI"))),
        }
    }
}

fn parse_container(v: &Value) -> Option<Container> {
    let items: Vec<&str> = match v {
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().map(Value::as_str).collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    let set: HashSet<&str> = items.iter().copied().collect();
    if set.len() != items.len() {
        return None;
    }
    let has = |k: &str| set.contains(k);
    match set.len() {
        1 if has("@set") => Some(Container::Set),
        1 if has("@list") => Some(Container::List),
        1 if has("@graph") => Some(Container::Graph),
        _ => None,
    }
}

/// Deepest nesting of scoped contexts parsed.
const MAX_SCOPE_DEPTH: usize = 16;

fn parse_local(v: &Value, ids: &AtomicU32, depth: usize, base: &Arc<str>) -> Res<Local> {
    if depth > MAX_SCOPE_DEPTH {
        return Err(Unsupported::new("scoped contexts nested too deeply"));
    }
    let id = ids.fetch_add(1, Ordering::Relaxed);
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    let propagate = match v {
        Value::Object(m) => match m.get("@propagate") {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return Err(Unsupported::new("@propagate is not a boolean")),
        },
        _ => None,
    };
    let mut entries = Vec::with_capacity(items.len());
    for item in items {
        entries.push(match item {
            Value::String(url) => Entry::Url(url.clone()),
            Value::Null => Entry::Unsupported("a null context".to_owned()),
            Value::Object(m) => Entry::Object(Box::new(parse_object(m, ids, depth, base)?)),
            _ => Entry::Unsupported("a context entry that is not a string or object".to_owned()),
        });
    }
    Ok(Local {
        id,
        base: Some(base.clone()),
        entries,
        propagate,
    })
}

fn parse_object(
    m: &Map<String, Value>,
    ids: &AtomicU32,
    depth: usize,
    base: &Arc<str>,
) -> Res<ObjectCtx> {
    let mut obj = ObjectCtx {
        protected: false,
        vocab: None,
        defs: Vec::new(),
        index: HashMap::new(),
        unsupported: None,
    };
    for (k, v) in m {
        match k.as_str() {
            "@protected" => match v {
                Value::Bool(b) => obj.protected = *b,
                _ => obj.unsupported = Some("@protected is not a boolean".to_owned()),
            },
            "@version" => {
                if v.as_f64() != Some(1.1) {
                    obj.unsupported = Some("@version is not 1.1".to_owned());
                }
            }
            "@propagate" => {}
            "@vocab" => match v {
                Value::Null => obj.vocab = Some(None),
                Value::String(s) => obj.vocab = Some(Some(s.clone())),
                _ => obj.unsupported = Some("@vocab is not a string".to_owned()),
            },
            other if other.starts_with('@') => {
                obj.unsupported = Some(format!("context entry {other}"));
            }
            term => {
                let def = parse_def(v, ids, depth, base)?;
                obj.index.insert(term.to_owned(), obj.defs.len());
                obj.defs.push((term.to_owned(), def));
            }
        }
    }
    Ok(obj)
}

fn parse_def(v: &Value, ids: &AtomicU32, depth: usize, base: &Arc<str>) -> Res<RawDef> {
    let mut def = RawDef {
        simple: false,
        id: None,
        ty: None,
        container: None,
        context: None,
        protected: None,
        prefix: None,
        unsupported: None,
    };
    match v {
        Value::Null => def.id = Some(None),
        Value::String(s) => {
            def.simple = true;
            def.id = Some(Some(s.clone()));
        }
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("@id", Value::String(s)) => def.id = Some(Some(s.clone())),
                    ("@id", Value::Null) => def.id = Some(None),
                    ("@type", Value::String(s)) => def.ty = Some(s.clone()),
                    ("@container", Value::Null) => {}
                    ("@container", c) => def.container = Some(c.clone()),
                    ("@protected", Value::Bool(b)) => def.protected = Some(*b),
                    ("@prefix", Value::Bool(b)) => def.prefix = Some(*b),
                    ("@context", c) => match parse_local(c, ids, depth + 1, base) {
                        Ok(local) => def.context = Some(Arc::new(local)),
                        Err(e) => def.unsupported = Some(format!("scoped context: {}", e.0)),
                    },
                    (other, _) => {
                        def.unsupported = Some(format!("term definition entry {other}"));
                    }
                }
            }
        }
        _ => def.unsupported = Some("a term definition that is not a string or object".to_owned()),
    }
    Ok(def)
}
