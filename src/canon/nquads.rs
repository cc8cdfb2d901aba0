//! A small, strict N-Quads reader (RDF 1.1 N-Quads, no RDF-star) into
//! `oxrdf` quads, with errors that name the line and column.
//!
//! Serialization is done by `oxrdf`'s `Display`, which writes the canonical
//! N-Quads form RDFC-1.0 asks for (`\b \t \n \f \r \" \\` as `ECHAR`, the
//! other control characters as `\u00XX`, everything else verbatim).

use oxrdf::{BlankNode, GraphName, Literal, NamedNode, Quad, Subject, Term};

use super::CanonError;
use crate::limits::{Limit, LimitExceeded, Limits};

/// Parses N-Quads text, refusing more than `limits.max_quads` quads.
pub(crate) fn parse(input: &str, limits: &Limits) -> Result<Vec<Quad>, CanonError> {
    let mut quads = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let mut p = Parser {
            chars: line.char_indices().peekable(),
            line: n + 1,
            text: line,
        };
        p.skip_ws();
        if p.at_end_or_comment() {
            continue;
        }
        let quad = p.quad()?;
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

struct Parser<'a> {
    chars: core::iter::Peekable<core::str::CharIndices<'a>>,
    line: usize,
    text: &'a str,
}

impl Parser<'_> {
    fn err(&mut self, what: &str) -> CanonError {
        let col = self
            .chars
            .peek()
            .map_or(self.text.chars().count(), |(i, _)| {
                self.text.get(..*i).map_or(0, |s| s.chars().count())
            })
            + 1;
        CanonError::Rdf {
            reason: format!("N-Quads line {}, column {col}: {what}", self.line),
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|(_, c)| *c)
    }

    fn bump(&mut self) -> Option<char> {
        self.chars.next().map(|(_, c)| c)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.bump();
        }
    }

    fn at_end_or_comment(&mut self) -> bool {
        matches!(self.peek(), None | Some('#'))
    }

    fn expect(&mut self, c: char) -> Result<(), CanonError> {
        if self.peek() == Some(c) {
            self.bump();
            Ok(())
        } else {
            Err(self.err(&format!("expected '{c}'")))
        }
    }

    fn quad(&mut self) -> Result<Quad, CanonError> {
        let subject: Subject = match self.peek() {
            Some('<') => self.iri()?.into(),
            Some('_') => self.blank()?.into(),
            _ => return Err(self.err("expected a subject (IRI or blank node)")),
        };
        self.skip_ws();
        if self.peek() != Some('<') {
            return Err(self.err("expected a predicate IRI"));
        }
        let predicate = self.iri()?;
        self.skip_ws();
        let object: Term = match self.peek() {
            Some('<') => self.iri()?.into(),
            Some('_') => self.blank()?.into(),
            Some('"') => self.literal()?.into(),
            _ => return Err(self.err("expected an object (IRI, blank node or literal)")),
        };
        self.skip_ws();
        let graph = match self.peek() {
            Some('<') => GraphName::NamedNode(self.iri()?),
            Some('_') => GraphName::BlankNode(self.blank()?),
            _ => GraphName::DefaultGraph,
        };
        self.skip_ws();
        self.expect('.')?;
        self.skip_ws();
        if !self.at_end_or_comment() {
            return Err(self.err("unexpected text after '.'"));
        }
        Ok(Quad::new(subject, predicate, object, graph))
    }

    fn iri(&mut self) -> Result<NamedNode, CanonError> {
        self.expect('<')?;
        let mut s = String::new();
        loop {
            match self.bump() {
                None => return Err(self.err("unterminated IRI")),
                Some('>') => break,
                Some('\\') => {
                    let c = match self.bump() {
                        Some('u') => self.hex(4)?,
                        Some('U') => self.hex(8)?,
                        _ => return Err(self.err("invalid escape in IRI")),
                    };
                    s.push(c);
                }
                Some(c) if c <= ' ' || "<\"{}|^`".contains(c) => {
                    return Err(self.err(&format!("character {c:?} not allowed in an IRI")))
                }
                Some(c) => s.push(c),
            }
        }
        NamedNode::new(&s).map_err(|e| self.err(&format!("invalid IRI <{s}>: {e}")))
    }

    fn blank(&mut self) -> Result<BlankNode, CanonError> {
        self.expect('_')?;
        self.expect(':')?;
        let mut s = String::new();
        let is_label = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | ':');
        while let Some(c) = self.peek() {
            if is_label(c) {
                s.push(c);
                self.bump();
            } else if c == '.' {
                // A '.' belongs to the label only when a label character follows.
                let mut look = self.chars.clone();
                look.next();
                match look.peek() {
                    Some((_, n)) if is_label(*n) || *n == '.' => {
                        s.push(c);
                        self.bump();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        if s.ends_with('.') {
            return Err(self.err("blank node label may not end with '.'"));
        }
        BlankNode::new(&s).map_err(|e| self.err(&format!("invalid blank node label _:{s}: {e}")))
    }

    fn hex(&mut self, n: usize) -> Result<char, CanonError> {
        let mut v: u32 = 0;
        for _ in 0..n {
            let d = self
                .bump()
                .and_then(|c| c.to_digit(16))
                .ok_or_else(|| self.err("invalid hexadecimal escape"))?;
            v = v * 16 + d;
        }
        char::from_u32(v).ok_or_else(|| self.err("escape is not a Unicode scalar value"))
    }

    fn literal(&mut self) -> Result<Literal, CanonError> {
        self.expect('"')?;
        let mut s = String::new();
        loop {
            match self.bump() {
                None => return Err(self.err("unterminated literal")),
                Some('"') => break,
                Some('\\') => {
                    let c = match self.bump() {
                        Some('t') => '\t',
                        Some('b') => '\u{08}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('f') => '\u{0C}',
                        Some('"') => '"',
                        Some('\'') => '\'',
                        Some('\\') => '\\',
                        Some('u') => self.hex(4)?,
                        Some('U') => self.hex(8)?,
                        _ => return Err(self.err("invalid escape in literal")),
                    };
                    s.push(c);
                }
                Some('\n' | '\r') => return Err(self.err("raw line break in literal")),
                Some(c) => s.push(c),
            }
        }
        match self.peek() {
            Some('^') => {
                self.bump();
                self.expect('^')?;
                let dt = self.iri()?;
                Ok(Literal::new_typed_literal(s, dt))
            }
            Some('@') => {
                self.bump();
                let mut tag = String::new();
                while let Some(c) = self.peek() {
                    if c.is_ascii_alphanumeric() || c == '-' {
                        tag.push(c);
                        self.bump();
                    } else {
                        break;
                    }
                }
                Literal::new_language_tagged_literal(s, &tag)
                    .map_err(|e| self.err(&format!("invalid language tag @{tag}: {e}")))
            }
            _ => Ok(Literal::new_simple_literal(s)),
        }
    }
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
        assert!(e.to_string().contains("line 2"), "{e}");
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
