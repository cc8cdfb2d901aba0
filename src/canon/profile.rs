//! The profile in which a document's JSON surface is its signed graph.
//!
//! JSON-LD 1.1 lets a document move or hide a property without changing the
//! RDF graph a proof signs: `@nest` lifts `validUntil` out of sight of a
//! reader of the JSON, an `@included` node with the credential's own `id`
//! merges into it, `@index` text is dropped from the graph altogether, an
//! inline context can give a new name to `validUntil`'s IRI, and so on. A
//! verifier that reads the JSON would then check values that are not the
//! signed ones.
//!
//! [`Profile::check`] refuses every such feature, naming it and its JSON
//! path ([`ProfileViolation`]):
//!
//! - in the document body, keys that are JSON-LD keywords other than
//!   `@context`, `@id`, `@type`, `@value`, `@language` and `@direction`
//!   (`@nest`, `@included`, `@index`, `@graph`, `@reverse`, `@set`, `@list`,
//!   `@base`, `@vocab`, …);
//! - keys that are absolute or compact IRIs naming the IRI of a term the
//!   pinned contexts define (`"https://www.w3.org/2018/credentials#validUntil"`
//!   as a key stands beside `validUntil` and is invisible under that name);
//! - in inline contexts: keyword aliases (`"hide": "@nest"`), `@reverse`,
//!   `@nest`, `@index`, `@import`, `@propagate`, `@base`, `@vocab`,
//!   containers `@index`/`@graph`/`@id`/`@type`, redefining a term of a
//!   pinned context, and giving a new name to an IRI a pinned term maps to.
//!
//! The pinned contexts themselves (those a [`ContextLoader`] serves) are
//! trusted: their only keyword aliases are `id` and `type`, and their
//! `@graph` containers (`proof`, `verifiableCredential`) are what Data
//! Integrity expects.
//!
//! This check is necessary, not sufficient on its own: the verifier also
//! compares the values its checks read with the canonical graph
//! (`verify` module, `signed-graph` check). Both are one source of truth
//! with the fast canonicalizer, which covers only documents in this profile.
//!
//! ```
//! use openbadges::canon::profile::{Profile, Feature};
//! use openbadges::contexts::ContextLoader;
//! use serde_json::json;
//! let profile = Profile::new(&ContextLoader::default());
//! let doc = json!({
//!     "@context": ["https://www.w3.org/ns/credentials/v2"],
//!     "type": ["VerifiableCredential"],
//!     "credentialSubject": {"@nest": {"validUntil": "2000-01-01T00:00:00Z"}}
//! });
//! let v = profile.check(&doc).unwrap_err();
//! assert_eq!(v.feature, Feature::Keyword("@nest".into()));
//! assert_eq!(v.path, "$.credentialSubject['@nest']");
//! ```

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::contexts::ContextLoader;
use crate::json::{member_path, Path};

/// Deepest nesting the profile walk follows (the JSON depth limit is lower).
const MAX_DEPTH: usize = 256;

/// Keywords a document body may use as keys.
const BODY_KEYWORDS: [&str; 6] = [
    "@context",
    "@id",
    "@type",
    "@value",
    "@language",
    "@direction",
];

/// What took a document out of the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Feature {
    /// A JSON-LD keyword used as a key in the body (`@nest`, `@included`, …).
    Keyword(String),
    /// A key that is an IRI (absolute or compact) a pinned term maps to: the
    /// value is in the graph under that term's IRI but not under its name.
    IriKey {
        /// The IRI the key expands to.
        iri: String,
    },
    /// An inline context aliases a keyword (`"hide": "@nest"`).
    KeywordAlias {
        /// The alias.
        term: String,
        /// The keyword.
        keyword: String,
    },
    /// An inline context uses a keyword or container outside the profile
    /// (`@reverse`, `@nest`, `@container: @index`, `@vocab`, `@import`, …).
    ContextKeyword(String),
    /// An inline context redefines a term of a pinned context.
    RedefinedTerm(String),
    /// An inline context gives a new name to an IRI a pinned term maps to.
    AliasedIri {
        /// The new term.
        term: String,
        /// The IRI.
        iri: String,
    },
    /// An `@context` entry that is neither a URL string nor an object.
    ContextValue,
    /// Nested deeper than the profile walk follows.
    TooDeep,
}

impl core::fmt::Display for Feature {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Feature::Keyword(k) => write!(f, "the JSON-LD keyword {k} in the body"),
            Feature::IriKey { iri } => write!(
                f,
                "a key expanding to {iri}, the IRI of a term a pinned context defines"
            ),
            Feature::KeywordAlias { term, keyword } => {
                write!(f, "an inline context aliasing {keyword} as {term:?}")
            }
            Feature::ContextKeyword(k) => write!(f, "{k} in an inline context"),
            Feature::RedefinedTerm(t) => {
                write!(f, "an inline context redefining the pinned term {t:?}")
            }
            Feature::AliasedIri { term, iri } => write!(
                f,
                "an inline context naming {iri} (a pinned term's IRI) {term:?}"
            ),
            Feature::ContextValue => {
                f.write_str("an @context entry that is not a URL or an object")
            }
            Feature::TooDeep => write!(f, "nesting deeper than {MAX_DEPTH} levels"),
        }
    }
}

/// A document is outside the profile: which feature, where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("outside the signed-graph profile: {feature} at {path}")]
#[non_exhaustive]
pub struct ProfileViolation {
    /// The feature.
    pub feature: Feature,
    /// Its JSON path.
    pub path: String,
}

/// The profile check, with what it knows of the pinned contexts: every term
/// they define, every IRI those terms map to, and the prefixes they define.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    terms: HashSet<String>,
    iris: HashSet<String>,
    prefixes: HashMap<String, String>,
}

impl Profile {
    /// The profile for documents whose pinned contexts `loader` serves.
    pub fn new(loader: &ContextLoader) -> Self {
        let mut p = Profile::default();
        for url in loader.urls() {
            if let Ok(doc) = loader.get(url) {
                if let Some(ctx) = doc.get("@context") {
                    p.learn_context(ctx, 0);
                }
            }
        }
        p
    }

    fn learn_context(&mut self, ctx: &Value, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let list: Vec<&Value> = match ctx {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        for c in list {
            let Some(m) = c.as_object() else { continue };
            for (term, def) in m {
                if term.starts_with('@') {
                    continue;
                }
                self.terms.insert(term.clone());
                let iri = match def {
                    Value::String(s) => Some(s.as_str()),
                    Value::Object(d) => d.get("@id").and_then(Value::as_str),
                    _ => None,
                };
                if let Some(iri) = iri.filter(|i| !i.starts_with('@')) {
                    if iri.ends_with('#') || iri.ends_with('/') {
                        self.prefixes.insert(term.clone(), iri.to_owned());
                    }
                    self.iris.insert(iri.to_owned());
                }
                if let Some(scoped) = def.get("@context") {
                    self.learn_context(scoped, depth.saturating_add(1));
                }
            }
        }
    }

    /// The IRI a key or IRI value expands to when it is an absolute IRI or a
    /// compact IRI with a pinned prefix.
    fn expand(&self, key: &str) -> Option<String> {
        let (prefix, suffix) = key.split_once(':')?;
        if suffix.starts_with("//") {
            return Some(key.to_owned());
        }
        match self.prefixes.get(prefix) {
            Some(ns) => Some(format!("{ns}{suffix}")),
            None => Some(key.to_owned()),
        }
    }

    /// Checks that `document` stays inside the profile.
    ///
    /// # Errors
    /// [`ProfileViolation`] naming the first feature outside it and its path.
    pub fn check(&self, document: &Value) -> Result<(), ProfileViolation> {
        self.node(document, &Path::Root, 0)
    }

    fn node(&self, v: &Value, path: &Path<'_>, depth: usize) -> Result<(), ProfileViolation> {
        if depth > MAX_DEPTH {
            return Err(violation(Feature::TooDeep, &path.to_string()));
        }
        match v {
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.node(x, &path.index(i), depth.saturating_add(1))?;
                }
                Ok(())
            }
            Value::Object(m) => self.object(m, path, depth),
            _ => Ok(()),
        }
    }

    fn object(
        &self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        depth: usize,
    ) -> Result<(), ProfileViolation> {
        let is_value = m.contains_key("@value");
        for (k, v) in m {
            let p = path.key(k);
            if k == "@context" {
                self.context(v, &p.to_string(), depth.saturating_add(1))?;
                continue;
            }
            if k.starts_with('@') {
                if !BODY_KEYWORDS.contains(&k.as_str()) {
                    return Err(violation(Feature::Keyword(k.clone()), &p.to_string()));
                }
                continue;
            }
            // Only a key with a colon can be an IRI (or compact IRI).
            if let Some(iri) = self.expand(k) {
                if self.iris.contains(&iri) && !self.terms.contains(k) {
                    return Err(violation(Feature::IriKey { iri }, &p.to_string()));
                }
            }
            if !is_value {
                self.node(v, &p, depth.saturating_add(1))?;
            }
        }
        Ok(())
    }

    fn context(&self, v: &Value, path: &str, depth: usize) -> Result<(), ProfileViolation> {
        if depth > MAX_DEPTH {
            return Err(violation(Feature::TooDeep, path));
        }
        match v {
            Value::String(_) | Value::Null => Ok(()),
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    let p = format!("{path}[{i}]");
                    match c {
                        Value::String(_) | Value::Null => {}
                        Value::Object(m) => self.inline(m, &p, depth.saturating_add(1))?,
                        _ => return Err(violation(Feature::ContextValue, &p)),
                    }
                }
                Ok(())
            }
            Value::Object(m) => self.inline(m, path, depth.saturating_add(1)),
            _ => Err(violation(Feature::ContextValue, path)),
        }
    }

    /// An inline context object.
    fn inline(
        &self,
        m: &Map<String, Value>,
        path: &str,
        depth: usize,
    ) -> Result<(), ProfileViolation> {
        for (term, def) in m {
            let p = member_path(path, term);
            if term.starts_with('@') {
                match term.as_str() {
                    "@version" | "@protected" | "@language" | "@direction" => continue,
                    _ => return Err(violation(Feature::ContextKeyword(term.clone()), &p)),
                }
            }
            if self.terms.contains(term) {
                return Err(violation(Feature::RedefinedTerm(term.clone()), &p));
            }
            let iri = match def {
                Value::Null => None,
                Value::String(s) => Some(s.as_str()),
                Value::Object(d) => {
                    for (k, x) in d {
                        let bad = match k.as_str() {
                            "@reverse" | "@nest" | "@index" | "@propagate" | "@import" => true,
                            "@container" => container_outside_profile(x),
                            _ => false,
                        };
                        if bad {
                            return Err(violation(
                                Feature::ContextKeyword(k.clone()),
                                &member_path(&p, k),
                            ));
                        }
                    }
                    if let Some(scoped) = d.get("@context") {
                        self.context(
                            scoped,
                            &member_path(&p, "@context"),
                            depth.saturating_add(1),
                        )?;
                    }
                    d.get("@id").and_then(Value::as_str)
                }
                _ => return Err(violation(Feature::ContextValue, &p)),
            };
            if let Some(iri) = iri {
                if iri.starts_with('@') {
                    return Err(violation(
                        Feature::KeywordAlias {
                            term: term.clone(),
                            keyword: iri.to_owned(),
                        },
                        &p,
                    ));
                }
                let expanded = self.expand(iri).unwrap_or_else(|| iri.to_owned());
                if self.iris.contains(&expanded) {
                    return Err(violation(
                        Feature::AliasedIri {
                            term: term.clone(),
                            iri: expanded,
                        },
                        &p,
                    ));
                }
            }
        }
        Ok(())
    }
}

fn container_outside_profile(v: &Value) -> bool {
    let ok = |s: &str| matches!(s, "@set" | "@list" | "@language");
    match v {
        Value::String(s) => !ok(s),
        Value::Array(a) => a.iter().any(|c| c.as_str().is_none_or(|s| !ok(s))),
        _ => true,
    }
}

fn violation(feature: Feature, path: &str) -> ProfileViolation {
    ProfileViolation {
        feature,
        path: path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn profile() -> Profile {
        Profile::new(&ContextLoader::default())
    }

    fn base() -> Value {
        json!({
            "@context": ["https://www.w3.org/ns/credentials/v2",
                         "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
            "id": "urn:uuid:1",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": "did:key:z6Mk", "type": ["Profile"], "name": {"@value": "X", "@language": "en"}},
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"id": "urn:a", "extensions:x": 1}}
        })
    }

    fn feature_at(doc: &Value) -> (Feature, String) {
        let e = profile().check(doc).unwrap_err();
        (e.feature, e.path)
    }

    #[test]
    fn an_ordinary_credential_is_inside() {
        profile().check(&base()).unwrap();
    }

    #[test]
    fn body_keywords_are_refused_with_their_path() {
        for kw in [
            "@nest",
            "@included",
            "@index",
            "@graph",
            "@reverse",
            "@set",
            "@list",
            "@base",
            "@vocab",
        ] {
            let mut d = base();
            d["credentialSubject"][kw] = json!({"validUntil": "2000-01-01T00:00:00Z"});
            let (f, p) = feature_at(&d);
            assert_eq!(f, Feature::Keyword(kw.into()));
            assert_eq!(p, format!("$.credentialSubject['{kw}']"));
        }
    }

    #[test]
    fn iri_keys_of_pinned_terms_are_refused() {
        let mut d = base();
        d["https://www.w3.org/2018/credentials#validUntil"] = json!("2000-01-01T00:00:00Z");
        assert!(matches!(feature_at(&d).0, Feature::IriKey { .. }));
        // An extension IRI that no pinned term uses is fine.
        let mut d = base();
        d["https://example.org/ext#note"] = json!("x");
        profile().check(&d).unwrap();
    }

    #[test]
    fn inline_contexts_cannot_alias_keywords_or_pinned_iris() {
        let cases = [
            (json!({"hide": "@nest"}), "KeywordAlias"),
            (json!({"hide": {"@id": "@included"}}), "KeywordAlias"),
            (
                json!({"until": "https://www.w3.org/2018/credentials#validUntil"}),
                "AliasedIri",
            ),
            (
                json!({"validUntil": "https://example.org/other"}),
                "RedefinedTerm",
            ),
            (
                json!({"x": {"@id": "https://e.org/x", "@container": "@index"}}),
                "ContextKeyword",
            ),
            (
                json!({"x": {"@reverse": "https://e.org/x"}}),
                "ContextKeyword",
            ),
            (
                json!({"@vocab": "https://www.w3.org/2018/credentials#"}),
                "ContextKeyword",
            ),
            (
                json!({"x": {"@id": "https://e.org/x", "@context": {"y": "@nest"}}}),
                "KeywordAlias",
            ),
        ];
        for (ctx, want) in cases {
            let mut d = base();
            d["@context"].as_array_mut().unwrap().push(ctx.clone());
            let (f, p) = feature_at(&d);
            assert!(format!("{f:?}").starts_with(want), "{ctx}: {f:?}");
            assert!(p.starts_with("$['@context'][2]"), "{p}");
        }
        let mut d = base();
        d["@context"]
            .as_array_mut()
            .unwrap()
            .push(json!({"note": "https://example.org/note"}));
        profile().check(&d).unwrap();
    }
}
