//! Typed Open Badges models: [`v3`] (OB 3.0, a Verifiable Credential) and
//! [`v2`] (OB 2.0 hosted/signed assertions), plus the shapes both share.
//!
//! Reading is lenient the way real documents differ (one value or an array,
//! an IRI or an embedded object, unknown properties kept); building is strict.
//! The typed model is for building and reading: proofs are always checked on
//! the bytes received, never on a re-serialized model.

use serde::Serialize;

use crate::ids::Iri;

pub mod recipient;
pub mod v2;
pub mod v3;

/// Properties a model type does not know, kept in order and written back.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// One value or an array of them, as JSON-LD compaction writes either.
///
/// The written form is kept: a single value is written back as a single
/// value, an array (even of one) as an array. Reading decides by the JSON
/// kind (an array is `Many`, anything else `One`), so an error inside a
/// value is reported at its own path rather than as "no variant matched".
#[derive(Debug, Clone, PartialEq, Serialize)]
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
///
/// Reading decides by the JSON kind: a string is an IRI (or, when it is not
/// one, whatever `T` makes of a string), an object is `T`; so an error
/// inside an embedded object is reported at its own path.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

mod de {
    //! Deserialization of [`OneOrMany`] and [`IriOr`] by JSON kind. serde's
    //! `untagged` buffers the value and, when no variant fits, reports only
    //! "data did not match any variant", hiding the root cause; these
    //! visitors hand the value straight to the one variant its kind selects,
    //! keeping the path (`serde_path_to_error`) and the inner error.

    use core::fmt;
    use core::marker::PhantomData;

    use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
    use serde::de::{
        self, Deserialize, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
    };

    use super::{IriOr, OneOrMany};
    use crate::ids::Iri;

    /// Forwards every scalar to `T`; maps and sequences to `map` / `seq`.
    macro_rules! forward_scalars {
        ($wrap:expr) => {
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map($wrap)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map($wrap)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map($wrap)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                T::deserialize(v.into_deserializer()).map($wrap)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                T::deserialize(().into_deserializer()).map($wrap)
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                self.visit_unit()
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map($wrap)
            }
        };
    }

    struct OneOrManyVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for OneOrManyVisitor<T> {
        type Value = OneOrMany<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("one value or an array of values")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
            while let Some(item) = seq.next_element()? {
                out.push(item);
            }
            Ok(OneOrMany::Many(out))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            T::deserialize(v.into_deserializer()).map(OneOrMany::One)
        }

        forward_scalars!(OneOrMany::One);
    }

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(OneOrManyVisitor(PhantomData))
        }
    }

    struct IriOrVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for IriOrVisitor<T> {
        type Value = IriOr<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an IRI or an embedded object")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            match Iri::new(v) {
                Ok(iri) => Ok(IriOr::Iri(iri)),
                Err(not_iri) => T::deserialize(v.into_deserializer())
                    .map(IriOr::Object)
                    .map_err(|_: E| E::custom(format!("{v:?} is not an IRI: {not_iri}"))),
            }
        }

        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            T::deserialize(SeqAccessDeserializer::new(seq)).map(IriOr::Object)
        }

        forward_scalars!(IriOr::Object);
    }

    impl<'de, T: Deserialize<'de>> Deserialize<'de> for IriOr<T> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_any(IriOrVisitor(PhantomData))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

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

    #[test]
    fn errors_inside_are_reported_at_their_path() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Thing {
            name: String,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            things: OneOrMany<IriOr<Thing>>,
        }
        let e = serde_path_to_error::deserialize::<_, Doc>(serde_json::json!({
            "things": ["https://x.example/t", {"name": 5}]
        }))
        .unwrap_err();
        assert_eq!(e.path().to_string(), "things[1].name");
        assert!(
            e.inner().to_string().contains("invalid type: integer `5`"),
            "{e}"
        );
        let one: OneOrMany<u8> = serde_json::from_str("7").unwrap();
        assert_eq!(one, OneOrMany::One(7));
    }
}
