//! Every budget the crate enforces on untrusted input, in one place.
//!
//! Verification runs on bytes received from strangers, so each super-linear or
//! unbounded step has a ceiling. Exceeding one yields a typed error naming the
//! limit (see [`LimitExceeded`]); nothing hangs and nothing panics.

use serde::{Deserialize, Serialize};

/// Ceilings on the size and shape of input.
///
/// The defaults suit single badges and the bulk paths of a large programme.
/// Raise them deliberately, never to "unlimited".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limits {
    /// Largest JSON document accepted, in bytes (default 512 KiB). An OB 3.0
    /// credential is typically 5 to 30 KB (the realistic one of the
    /// benchmarks 7.9 KB, the most complete samples of the specification
    /// and the 1EdTech validator 24 and 31 KB); 512 KiB leaves room for an
    /// embedded `data:` badge image of about 380 KB. Verification costs
    /// about 5 ns a byte on long strings, so a document at this limit costs
    /// at most about ten realistic credentials (`benches/bombs.rs`); raise
    /// it (and [`Limits::max_canonical_bytes`]) for larger images.
    pub max_json_bytes: usize,
    /// Deepest nesting of JSON arrays and objects (default 64).
    pub max_json_depth: usize,
    /// Most JSON values one document may hold: objects, arrays, strings,
    /// numbers, booleans and nulls, at every depth (member names are not
    /// counted; default 4,096). Counted in the one pass over the text that
    /// runs before anything is built, so a document of a hundred thousand
    /// tiny values is refused after reading 4,096 of them. The realistic OB 3.0
    /// credential of the benchmarks holds 188; the largest OB 3.0 samples
    /// of the specification and the 1EdTech validator (every optional
    /// field, embedded endorsements: `complete-openbadgecredential.json`,
    /// `complete.json`) hold 545 and 553 (a credential with a hundred
    /// evidence items about 800). Every check after parsing
    /// (structure rules, the signed-graph profile, canonicalization) costs
    /// in proportion to this count, which is what keeps the worst document
    /// under the size limit within ten times a realistic one
    /// (`benches/bombs.rs`).
    #[serde(default = "default_max_json_values")]
    pub max_json_values: usize,
    /// Most RDF quads a document may expand to (default 20,000).
    pub max_quads: usize,
    /// Most bytes of canonical N-Quads one document may produce (default
    /// 1 MiB, twice `max_json_bytes`). An IRI is written once per quad that
    /// names it, so without this a 400 KB subject IRI given 4,000 types
    /// would canonicalize to 1.6 GB; a credential holding a 380 KB `data:`
    /// image (written twice: the image node and the link to it) fits.
    /// Counted as quads are emitted on the fast path and as they are made
    /// on the generic path (there before escaping).
    #[serde(default = "default_max_canonical_bytes")]
    pub max_canonical_bytes: usize,
    /// Most distinct blank nodes in a dataset to canonicalize (default 2,000).
    pub max_blank_nodes: usize,
    /// Most Hash N-Degree Quads calls one RDFC-1.0 run may make (default 1,000; the W3C
    /// RDFC-1.0 suite needs at most about 1,000, a poison graph is stopped fast).
    pub max_hndq_calls: usize,
    /// Most RDFC-1.0 work: Hash N-Degree Quads calls times the quads that
    /// mention a blank node (default 100,000). Bounds the time a dense
    /// blank-node graph can take, which the call count alone does not.
    pub max_canon_work: usize,
    /// Largest PNG or SVG image accepted for baking or extraction (default 16 MiB).
    pub max_image_bytes: usize,
    /// Largest single PNG chunk (default 8 MiB).
    pub max_chunk_bytes: usize,
    /// Largest credential text baked into or extracted from an image, after
    /// any decompression (default 2 MiB): bounds a compressed `iTXt` chunk
    /// and the text of an SVG badge element.
    #[serde(default = "default_max_baked_payload_bytes")]
    pub max_baked_payload_bytes: usize,
    /// Largest response a fetcher may return (default 2 MiB).
    pub max_fetch_bytes: usize,
    /// Deepest nesting of embedded endorsements verified recursively (default 4).
    pub max_endorsement_depth: usize,
    /// Most proofs one document may carry (default 8; a proof set of an
    /// issuer and a few endorsers or notaries).
    pub max_proofs: usize,
    /// Most `credentialStatus` entries one credential may carry (default 8).
    pub max_status_entries: usize,
    /// Most embedded endorsements verified for one credential, at every
    /// depth together (default 8).
    pub max_endorsements: usize,
    /// Most documents one `verify` call verifies: the credential, its status
    /// lists and its endorsements, recursively (default 10).
    pub max_nested_verifications: usize,
    /// Most distinct URLs one `verify` call fetches (default 16; a URL asked
    /// for twice is fetched once).
    pub max_fetches: usize,
    /// Most RDF canonicalizations one `verify` call runs, status lists and
    /// endorsements included (default 20; a typical credential needs 2: the
    /// document and its proof configuration).
    pub max_canonicalizations: usize,
    /// Most JSON objects in a document canonicalized by JSON-LD expansion,
    /// the generic path (default 16). Only documents the fast
    /// canonicalizer does not cover take that path, and expansion costs
    /// about 40 times the fast path per node (it re-applies the OB
    /// type-scoped contexts at every node), so without this ceiling a
    /// stranger's document under the input limit, given one uncovered
    /// feature (an inline `@context`, a `null`), could cost seconds; at its
    /// budgets (16 objects, 128 values, 16 KiB) it costs under ten
    /// realistic credentials on the fast path (`benches/bombs.rs`). Among
    /// the fixtures and the 1EdTech and W3C samples, the OB 3.0 credentials
    /// that take the generic path and canonicalize have at most 6 objects
    /// (an extension context). A credential the size of the realistic one
    /// (24 objects) with an inline context is over it: raise the three
    /// budgets to verify larger documents outside the fast path, at about
    /// 200 µs an object.
    #[serde(default = "default_max_generic_objects")]
    pub max_generic_objects: usize,
    /// Most JSON values (as [`Limits::max_json_values`] counts them) in a
    /// document canonicalized by JSON-LD expansion (default 128). Bounds a
    /// document of few objects and long arrays (thousands of `type` values) on the
    /// generic path.
    #[serde(default = "default_max_generic_values")]
    pub max_generic_values: usize,
    /// Most bytes of strings and member names in a document canonicalized
    /// by JSON-LD expansion (default 16 KiB; the realistic credential holds
    /// about 6 KB). Expansion parses every IRI it meets at a cost per byte
    /// many times the fast path's, so a `data:` image of a megabyte costs
    /// it tens of milliseconds: larger documents outside the fast path are
    /// refused, naming this limit.
    #[serde(default = "default_max_generic_bytes")]
    pub max_generic_bytes: usize,
}

impl Limits {
    /// The default limits (also [`Default::default`]).
    pub const DEFAULT: Limits = Limits {
        max_json_bytes: 512 * 1024,
        max_json_depth: 64,
        max_json_values: 4_096,
        max_quads: 20_000,
        max_canonical_bytes: 1024 * 1024,
        max_blank_nodes: 2_000,
        max_hndq_calls: 1_000,
        max_canon_work: 100_000,
        max_image_bytes: 16 * 1024 * 1024,
        max_chunk_bytes: 8 * 1024 * 1024,
        max_baked_payload_bytes: 2 * 1024 * 1024,
        max_fetch_bytes: 2 * 1024 * 1024,
        max_endorsement_depth: 4,
        max_proofs: 8,
        max_status_entries: 8,
        max_endorsements: 8,
        max_nested_verifications: 10,
        max_fetches: 16,
        max_canonicalizations: 20,
        max_generic_objects: 16,
        max_generic_values: 128,
        max_generic_bytes: 16 * 1024,
    };
}

/// Older serialized `Limits` lack the field: they get the default.
fn default_max_baked_payload_bytes() -> usize {
    Limits::DEFAULT.max_baked_payload_bytes
}

/// Older serialized `Limits` lack the field: they get the default.
fn default_max_json_values() -> usize {
    Limits::DEFAULT.max_json_values
}

/// Older serialized `Limits` lack the field: they get the default.
fn default_max_canonical_bytes() -> usize {
    Limits::DEFAULT.max_canonical_bytes
}

/// Older serialized `Limits` lack the field: they get the default.
fn default_max_generic_objects() -> usize {
    Limits::DEFAULT.max_generic_objects
}

/// Older serialized `Limits` lack the field: they get the default.
fn default_max_generic_values() -> usize {
    Limits::DEFAULT.max_generic_values
}

/// Older serialized `Limits` lack the field: they get the default.
fn default_max_generic_bytes() -> usize {
    Limits::DEFAULT.max_generic_bytes
}

impl Default for Limits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Which budget was exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Limit {
    /// [`Limits::max_json_bytes`]
    JsonBytes,
    /// [`Limits::max_json_depth`]
    JsonDepth,
    /// [`Limits::max_json_values`]
    JsonValues,
    /// [`Limits::max_quads`]
    Quads,
    /// [`Limits::max_canonical_bytes`]
    CanonicalBytes,
    /// [`Limits::max_blank_nodes`]
    BlankNodes,
    /// [`Limits::max_hndq_calls`]
    HashNDegreeCalls,
    /// [`Limits::max_canon_work`]
    CanonWork,
    /// [`Limits::max_image_bytes`]
    ImageBytes,
    /// [`Limits::max_chunk_bytes`]
    ChunkBytes,
    /// [`Limits::max_baked_payload_bytes`]
    BakedPayloadBytes,
    /// [`Limits::max_fetch_bytes`]
    FetchBytes,
    /// [`Limits::max_endorsement_depth`]
    EndorsementDepth,
    /// [`Limits::max_proofs`]
    Proofs,
    /// [`Limits::max_status_entries`]
    StatusEntries,
    /// [`Limits::max_endorsements`]
    Endorsements,
    /// [`Limits::max_nested_verifications`]
    NestedVerifications,
    /// [`Limits::max_fetches`]
    Fetches,
    /// [`Limits::max_canonicalizations`]
    Canonicalizations,
    /// [`Limits::max_generic_objects`]
    GenericObjects,
    /// [`Limits::max_generic_values`]
    GenericValues,
    /// [`Limits::max_generic_bytes`]
    GenericBytes,
}

impl core::fmt::Display for Limit {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let s = match self {
            Limit::JsonBytes => "JSON size in bytes",
            Limit::JsonDepth => "JSON nesting depth",
            Limit::JsonValues => "JSON values in one document",
            Limit::Quads => "number of RDF quads",
            Limit::CanonicalBytes => "canonical N-Quads size in bytes",
            Limit::BlankNodes => "number of blank nodes",
            Limit::HashNDegreeCalls => "RDFC-1.0 hash-n-degree-quads calls",
            Limit::CanonWork => "RDFC-1.0 work (hash-n-degree-quads calls x blank-node quads)",
            Limit::ImageBytes => "image size in bytes",
            Limit::ChunkBytes => "PNG chunk size in bytes",
            Limit::BakedPayloadBytes => "baked credential size in bytes",
            Limit::FetchBytes => "fetched document size in bytes",
            Limit::EndorsementDepth => "endorsement nesting depth",
            Limit::Proofs => "proofs in one document",
            Limit::StatusEntries => "credentialStatus entries in one credential",
            Limit::Endorsements => "embedded endorsements verified",
            Limit::NestedVerifications => "documents verified in one verify call",
            Limit::Fetches => "URLs fetched in one verify call",
            Limit::Canonicalizations => "RDF canonicalizations in one verify call",
            Limit::GenericObjects => {
                "JSON objects in a document outside the fast canonicalizer (JSON-LD expansion)"
            }
            Limit::GenericValues => {
                "JSON values in a document outside the fast canonicalizer (JSON-LD expansion)"
            }
            Limit::GenericBytes => {
                "bytes of text in a document outside the fast canonicalizer (JSON-LD expansion)"
            }
        };
        f.write_str(s)
    }
}

/// A budget was exceeded: which one, its ceiling, and (when known) the amount seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("limit exceeded: {limit} is over {max}{}", match .found { Some(n) => format!(" (found {n})"), None => String::new() })]
pub struct LimitExceeded {
    /// The budget.
    pub limit: Limit,
    /// Its ceiling.
    pub max: usize,
    /// The amount seen, when it was measured before stopping.
    pub found: Option<usize>,
}

/// Parses JSON from untrusted bytes within the size, depth and value limits,
/// and refuses what [`crate::json::scan`] refuses (duplicate member names,
/// numbers that do not read back as written).
///
/// # Errors
/// [`JsonInputError::Limit`] when the input is too large, too deep or holds
/// too many values ([`Limits::max_json_values`]),
/// [`JsonInputError::Syntax`] when it is not JSON, [`JsonInputError::Rule`]
/// for a duplicate member or an inexact number.
pub fn parse_json_limited(
    bytes: &[u8],
    limits: &Limits,
) -> Result<serde_json::Value, JsonInputError> {
    if bytes.len() > limits.max_json_bytes {
        return Err(JsonInputError::Limit(LimitExceeded {
            limit: Limit::JsonBytes,
            max: limits.max_json_bytes,
            found: Some(bytes.len()),
        }));
    }
    // One pass over the text, before anything is built: depth and value
    // budgets (stopping early), duplicate members and inexact numbers.
    let rule = crate::json::scan_within(bytes, limits.max_json_depth, limits.max_json_values)
        .map_err(|budget| {
            JsonInputError::Limit(match budget {
                crate::json::ShapeBudget::Depth => LimitExceeded {
                    limit: Limit::JsonDepth,
                    max: limits.max_json_depth,
                    found: None,
                },
                crate::json::ShapeBudget::Values { found } => LimitExceeded {
                    limit: Limit::JsonValues,
                    max: limits.max_json_values,
                    found: Some(found),
                },
            })
        })?;
    // The parser has the last word on syntax; a rule broken by text that
    // parses is reported after it.
    // Text checked as UTF-8 once, in bulk, lets the parser skip checking
    // each string; text that is not goes to the byte parser for its error.
    let parsed = match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    };
    let value = parsed.map_err(|e| JsonInputError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    match rule {
        Some(rule) => Err(JsonInputError::Rule(rule)),
        None => Ok(value),
    }
}

/// Why untrusted JSON input was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonInputError {
    /// Over a size or depth budget.
    #[error(transparent)]
    Limit(#[from] LimitExceeded),
    /// Not well-formed JSON.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// Well-formed, but a duplicate member name or a number that does not
    /// read back as written (see [`crate::json`]).
    #[error(transparent)]
    Rule(#[from] crate::json::JsonRuleError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_limit_is_enforced_before_parsing() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        let err = parse_json_limited(deep.as_bytes(), &Limits::DEFAULT).unwrap_err();
        assert!(matches!(
            err,
            JsonInputError::Limit(LimitExceeded {
                limit: Limit::JsonDepth,
                ..
            })
        ));
        let ok = "[".repeat(10) + &"]".repeat(10);
        assert!(parse_json_limited(ok.as_bytes(), &Limits::DEFAULT).is_ok());
    }

    #[test]
    fn value_limit_stops_the_scan_before_parsing() {
        let limits = Limits {
            max_json_values: 5,
            ..Limits::DEFAULT
        };
        // Object, array, string, number, true: five values (names are not).
        let five = br#"{"a": ["x", 1, true]}"#;
        assert!(parse_json_limited(five, &limits).is_ok());
        let six = br#"{"a": ["x", 1, true, null]}"#;
        assert_eq!(
            parse_json_limited(six, &limits).unwrap_err(),
            JsonInputError::Limit(LimitExceeded {
                limit: Limit::JsonValues,
                max: 5,
                found: Some(6)
            })
        );
        // Counted before the text is parsed: a huge array of tiny values is
        // refused at its sixth value, even with garbage after it.
        let mut big = b"[1,2,3,4,5,6".to_vec();
        big.extend(std::iter::repeat_n(b'@', 1000));
        assert!(matches!(
            parse_json_limited(&big, &limits).unwrap_err(),
            JsonInputError::Limit(LimitExceeded {
                limit: Limit::JsonValues,
                ..
            })
        ));
        // Strings holding brackets, quotes or literals count once.
        let s = br#"["[true, null]", "\"{"]"#;
        assert!(parse_json_limited(s, &limits).is_ok());
    }

    #[test]
    fn rules_are_reported_after_syntax() {
        // A duplicate in text that does not parse: the syntax error wins.
        let err = parse_json_limited(br#"{"a": 1, "a": 2"#, &Limits::DEFAULT).unwrap_err();
        assert!(matches!(err, JsonInputError::Syntax { .. }), "{err:?}");
        let err = parse_json_limited(br#"{"a": 1, "a": 2}"#, &Limits::DEFAULT).unwrap_err();
        assert!(matches!(err, JsonInputError::Rule(_)), "{err:?}");
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let s = format!("{{\"a\":\"{}\"}}", "[".repeat(200));
        assert!(parse_json_limited(s.as_bytes(), &Limits::DEFAULT).is_ok());
    }

    #[test]
    fn size_limit_is_enforced() {
        let limits = Limits {
            max_json_bytes: 4,
            ..Limits::DEFAULT
        };
        let err = parse_json_limited(b"[1,2,3]", &limits).unwrap_err();
        assert_eq!(
            err,
            JsonInputError::Limit(LimitExceeded {
                limit: Limit::JsonBytes,
                max: 4,
                found: Some(7)
            })
        );
    }

    #[test]
    fn syntax_errors_carry_position() {
        let err = parse_json_limited(b"{\n \"a\": }", &Limits::DEFAULT).unwrap_err();
        assert!(
            matches!(err, JsonInputError::Syntax { line: 2, .. }),
            "{err:?}"
        );
    }
}
