//! Reading N-Quads into `oxrdf` quads: the W3C-conformant parser of
//! `oxttl` (the Oxigraph project's, the same family as the `oxrdf` term model
//! rdf-canon works on), under the crate's quad budget, with errors that name
//! the line and column.
//!
//! Serialization is done by `oxrdf`'s `Display`, which writes the canonical
//! N-Quads form RDFC-1.0 asks for (`\b \t \n \f \r \" \\` as `ECHAR`, the
//! other control characters as `\u00XX`, everything else verbatim).

use oxrdf::Quad;

use super::CanonError;
use crate::limits::{Limit, LimitExceeded, Limits};

/// Parses N-Quads text (RDF 1.1, no RDF-star), refusing more than
/// `limits.max_quads` quads.
pub(crate) fn parse(input: &str, limits: &Limits) -> Result<Vec<Quad>, CanonError> {
    parse_with(oxttl::NQuadsParser::new(), input, limits)
}

/// As [`parse`], for N-Quads this crate's canonicalizers wrote (the signed
/// graph read back for the verifier's comparisons): `oxttl`'s unchecked
/// mode, which skips re-validating every IRI (the canonicalizers only emit
/// IRIs that expansion or the fast path's tables validated). Malformed
/// syntax is still an error.
pub(crate) fn parse_own(input: &str, limits: &Limits) -> Result<Vec<Quad>, CanonError> {
    parse_with(oxttl::NQuadsParser::new().unchecked(), input, limits)
}

fn parse_with(
    parser: oxttl::NQuadsParser,
    input: &str,
    limits: &Limits,
) -> Result<Vec<Quad>, CanonError> {
    let mut quads = Vec::new();
    for item in parser.for_slice(input.as_bytes()) {
        let quad = item.map_err(|e| {
            let at = e.location().start;
            CanonError::Rdf {
                reason: format!(
                    "N-Quads line {}, column {}: {}",
                    at.line.saturating_add(1),
                    at.column.saturating_add(1),
                    e.message()
                ),
            }
        })?;
        if quads.len() >= limits.max_quads {
            return Err(LimitExceeded {
                limit: Limit::Quads,
                max: limits.max_quads,
                found: None,
            }
            .into());
        }
        quads.push(quad);
    }
    Ok(quads)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_escapes() {
        let q = parse(
            "<http://a/s> <http://a/p> \"x\\ty\\u0001\\\"\"@en <http://a/g> .\n_:b <http://a/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n",
            &Limits::DEFAULT,
        )
        .unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(
            q[0].to_string(),
            "<http://a/s> <http://a/p> \"x\\ty\\u0001\\\"\"@en <http://a/g>"
        );
    }

    #[test]
    fn errors_name_line() {
        let e = parse("<http://a/s> <http://a/p> .\n", &Limits::DEFAULT).unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        let e = parse(
            "\n<http://a/s> <http://a/p> <http://a/o>\n",
            &Limits::DEFAULT,
        )
        .unwrap_err();
        // oxttl notices the missing dot where the next token (the end) starts.
        assert!(e.to_string().contains("line 3, column 1"), "{e}");
        assert!(e.to_string().contains("dot"), "{e}");
        assert!(parse("<rel> <http://a/p> <http://a/o> .", &Limits::DEFAULT).is_err());
    }

    #[test]
    fn quad_limit() {
        let l = Limits {
            max_quads: 1,
            ..Limits::DEFAULT
        };
        let two =
            "<http://a/s> <http://a/p> <http://a/o> .\n<http://a/s> <http://a/p> <http://a/o2> .\n";
        assert!(matches!(parse(two, &l), Err(CanonError::Limit(_))));
    }
}
