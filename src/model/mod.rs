//! Typed Open Badges models: [`v3`] (OB 3.0, a Verifiable Credential) and
//! [`v2`] (OB 2.0 hosted/signed assertions), plus the shapes both share.
//!
//! Reading is lenient the way real documents differ (one value or an array,
//! an IRI or an embedded object, unknown properties kept); building is strict.
//! The typed model is for building and reading: proofs are always checked on
//! the bytes received, never on a re-serialized model.

use serde::{Deserialize, Serialize};

use crate::ids::Iri;

pub mod recipient;
pub mod v2;
pub mod v3;

/// Properties a model type does not know, kept in order and written back.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// One value or an array of them, as JSON-LD compaction writes either.
///
/// The written form is kept: a single value is written back as a single
/// value, an array (even of one) as an array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single value.
    One(T),
    /// An array.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values, in order.
    pub fn iter(&self) -> core::slice::Iter<'_, T> {
        match self {
            OneOrMany::One(t) => core::slice::from_ref(t).iter(),
            OneOrMany::Many(v) => v.iter(),
        }
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        match self {
            OneOrMany::One(_) => 1,
            OneOrMany::Many(v) => v.len(),
        }
    }

    /// Whether there are none (only possible as an empty array).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first value.
    pub fn first(&self) -> Option<&T> {
        self.iter().next()
    }

    /// The values as a vector.
    pub fn into_vec(self) -> Vec<T> {
        match self {
            OneOrMany::One(t) => vec![t],
            OneOrMany::Many(v) => v,
        }
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(t: T) -> Self {
        OneOrMany::One(t)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(v: Vec<T>) -> Self {
        OneOrMany::Many(v)
    }
}

impl<'a, T> IntoIterator for &'a OneOrMany<T> {
    type Item = &'a T;
    type IntoIter = core::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A reference by IRI or an embedded object, as linked data allows either.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum IriOr<T> {
    /// A reference to a document elsewhere.
    Iri(Iri),
    /// The object itself.
    Object(T),
}

impl<T> IriOr<T> {
    /// The embedded object, if it is embedded.
    pub fn object(&self) -> Option<&T> {
        match self {
            IriOr::Object(t) => Some(t),
            IriOr::Iri(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_or_many_keeps_its_form() {
        let one: OneOrMany<String> = serde_json::from_str("\"a\"").unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(serde_json::to_string(&one).unwrap(), "\"a\"");
        let many: OneOrMany<String> = serde_json::from_str("[\"a\"]").unwrap();
        assert_eq!(serde_json::to_string(&many).unwrap(), "[\"a\"]");
        assert_eq!(many.first().map(String::as_str), Some("a"));
    }

    #[test]
    fn iri_or_object() {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        struct Thing {
            name: String,
        }
        let r: IriOr<Thing> = serde_json::from_str("\"https://x.example/t\"").unwrap();
        assert!(r.object().is_none());
        let o: IriOr<Thing> = serde_json::from_str("{\"name\":\"n\"}").unwrap();
        assert_eq!(o.object().map(|t| t.name.as_str()), Some("n"));
        assert!(serde_json::from_str::<IriOr<Thing>>("\"not an iri\"").is_err());
    }
}
