//! Strict reading of untrusted JSON text, beyond what a JSON parser checks:
//! the rules that keep the JSON a person (or another parser) reads equal to
//! the value that gets signed.
//!
//! - **Duplicate member names** ([RFC 7493] I-JSON §2.3). `serde_json` keeps
//!   the last of two `"issuer"` members; a person, or a parser that keeps the
//!   first, sees the other. A duplicate is refused, with its JSON path.
//!   Names are compared after unescaping (`"a"` and `"\u0061"` are the same).
//! - **Numbers that change when read.** A number is read as an IEEE double
//!   unless it is an integer that fits 64 bits. `4.9999999999999999999` reads
//!   as `5`, so a credential signed with `5` would verify while showing
//!   something else. A number is refused unless the double it reads as is
//!   the same decimal as the text (its shortest round-trip form, which the
//!   canonical forms write, equals the text but for trailing zeros), or,
//!   written back with as many significant digits as the text gives, is the
//!   text: `0.1`, `3.50`, `1E-7`, `5e-324` and `123456789012345680000` stay
//!   fine.
//!
//! [`scan`] works on text that already parsed as JSON, in one pass without
//! recursion, and stops at the first problem.
//!
//! [RFC 7493]: https://www.rfc-editor.org/rfc/rfc7493
//!
//! ```
//! use openbadges::json::{scan, JsonRule};
//! let err = scan(br#"{"issuer": "a", "issuer": "b"}"#).unwrap_err();
//! assert_eq!(err.path, "$.issuer");
//! assert!(matches!(err.rule, JsonRule::DuplicateMember { .. }));
//! let err = scan(br#"{"level": [4.9999999999999999999]}"#).unwrap_err();
//! assert_eq!(err.path, "$.level[0]");
//! assert!(scan(br#"{"a": 0.1, "b": 3.50, "c": 1E-7}"#).is_ok());
//! ```

use std::borrow::Cow;
use std::collections::HashSet;

/// Which rule a JSON text broke.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonRule {
    /// An object has two members with this name.
    DuplicateMember {
        /// The member name (unescaped).
        name: String,
    },
    /// A number does not read back as written.
    InexactNumber {
        /// The number as written.
        text: String,
        /// The value it reads as, written with the same number of
        /// significant digits.
        reads_as: String,
    },
    /// The text is not JSON (the scanner expects text a JSON parser accepted).
    Malformed {
        /// Byte offset of the problem.
        offset: usize,
    },
}

/// A JSON text broke a [`JsonRule`] at a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe(.rule, .path))]
pub struct JsonRuleError {
    /// The rule.
    pub rule: JsonRule,
    /// Where, as a JSON path such as `$.credentialSubject.name`.
    pub path: String,
}

fn describe(rule: &JsonRule, path: &str) -> String {
    match rule {
        JsonRule::DuplicateMember { name } => format!(
            "duplicate member name {name:?} at {path} (I-JSON: parsers disagree on which one counts)"
        ),
        JsonRule::InexactNumber { text, reads_as } => format!(
            "the number {text} at {path} reads as {reads_as}: what is shown is not what is signed"
        ),
        JsonRule::Malformed { offset } => format!("malformed JSON at byte {offset}"),
    }
}

/// The member names of the objects open during a scan: one buffer for all
/// of them (an object's names are the tail from its frame's `start`), so
/// no object allocates; an object past [`SEEN_LIST`] members gets a hash
/// set of its own.
struct Names<'t> {
    all: Vec<Cow<'t, str>>,
}

/// Past this many members, an object's names are kept in a hash set.
const SEEN_LIST: usize = 16;

enum Frame<'t> {
    Object {
        /// Where this object's names start in [`Names::all`].
        start: usize,
        /// The names, once there are more than [`SEEN_LIST`].
        set: Option<HashSet<Cow<'t, str>>>,
        key: Option<Cow<'t, str>>,
    },
    Array {
        index: usize,
    },
}

impl<'t> Names<'t> {
    /// Adds `name` to the object of `frame`; false when it was already there.
    fn insert(&mut self, frame: &mut Frame<'t>, name: Cow<'t, str>) -> bool {
        let Frame::Object { start, set, .. } = frame else {
            return true;
        };
        if let Some(set) = set {
            return set.insert(name);
        }
        let mine = self.all.get(*start..).unwrap_or_default();
        if mine.contains(&name) {
            return false;
        }
        if mine.len() < SEEN_LIST {
            self.all.push(name);
        } else {
            let mut s: HashSet<Cow<'t, str>> = self.all.drain(*start..).collect();
            s.insert(name);
            *set = Some(s);
        }
        true
    }
}

/// Checks a JSON text for duplicate member names and numbers that do not
/// read back as written (see the [module documentation](self)).
///
/// # Errors
/// [`JsonRuleError`] naming the first rule broken and its JSON path.
pub fn scan(text: &[u8]) -> Result<(), JsonRuleError> {
    match scan_within(text, usize::MAX, usize::MAX) {
        Ok(None) => Ok(()),
        Ok(Some(e)) => Err(e),
        // Unreachable with unbounded budgets; reported as malformed.
        Err(_) => Err(JsonRuleError {
            rule: JsonRule::Malformed { offset: 0 },
            path: "$".to_owned(),
        }),
    }
}

/// What [`scan_within`] stopped on: a budget of the text's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShapeBudget {
    /// Nested deeper than the depth budget.
    Depth,
    /// More values than the value budget: `found` values seen so far.
    Values {
        /// Values counted when the scan stopped.
        found: usize,
    },
}

/// [`scan`] in the same single pass that bounds the text's shape: at most
/// `max_depth` nested arrays and objects and `max_values` JSON values
/// (objects, arrays, strings, numbers, booleans and nulls; member names are
/// not values). It may run on text no parser has accepted yet: it then
/// stops at a budget (`Err`) or returns whatever it found, and the caller's
/// parser has the last word on syntax.
///
/// `Ok(Some(rule))` is the first rule broken (only meaningful for text that
/// parses).
pub(crate) fn scan_within(
    text: &[u8],
    max_depth: usize,
    max_values: usize,
) -> Result<Option<JsonRuleError>, ShapeBudget> {
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut names = Names { all: Vec::new() };
    let mut i = 0usize;
    let mut values = 0usize;
    // Whether the next string in an object is a member name.
    let mut expect_key = false;
    let count = |values: &mut usize| {
        *values = values.saturating_add(1);
        if *values > max_values {
            Err(ShapeBudget::Values { found: *values })
        } else {
            Ok(())
        }
    };
    while let Some(&b) = text.get(i) {
        match b {
            b'{' | b'[' => {
                count(&mut values)?;
                if stack.len() >= max_depth {
                    return Err(ShapeBudget::Depth);
                }
                stack.push(if b == b'{' {
                    Frame::Object {
                        start: names.all.len(),
                        set: None,
                        key: None,
                    }
                } else {
                    Frame::Array { index: 0 }
                });
                expect_key = b == b'{';
                i += 1;
            }
            b'}' | b']' => {
                if let Some(Frame::Object { start, .. }) = stack.pop() {
                    names.all.truncate(start);
                }
                expect_key = false;
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Array { index }) => *index = index.saturating_add(1),
                    Some(Frame::Object { .. }) => expect_key = true,
                    None => return Ok(Some(malformed(&stack, i))),
                }
                i += 1;
            }
            b'"' => {
                let Some(end) = string_end(text, i) else {
                    return Ok(Some(malformed(&stack, i)));
                };
                if expect_key {
                    let name = text.get(i..end).and_then(unescape);
                    let Some(name) = name else {
                        return Ok(Some(malformed(&stack, i)));
                    };
                    if let Some(frame) = stack.last_mut() {
                        let fresh = names.insert(frame, name.clone());
                        if let Frame::Object { key, .. } = frame {
                            *key = Some(name.clone());
                        }
                        if !fresh {
                            return Ok(Some(JsonRuleError {
                                rule: JsonRule::DuplicateMember {
                                    name: name.into_owned(),
                                },
                                path: path_of(&stack),
                            }));
                        }
                    }
                    expect_key = false;
                } else {
                    count(&mut values)?;
                }
                i = end;
            }
            b'-' | b'0'..=b'9' => {
                count(&mut values)?;
                let start = i;
                while text
                    .get(i)
                    .is_some_and(|c| matches!(c, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
                {
                    i += 1;
                }
                let token = text.get(start..i).unwrap_or_default();
                if let Err(rule) = check_number(token) {
                    return Ok(Some(JsonRuleError {
                        rule,
                        path: path_of(&stack),
                    }));
                }
            }
            b't' | b'f' | b'n' => {
                count(&mut values)?;
                while text.get(i).is_some_and(u8::is_ascii_alphabetic) {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    Ok(None)
}

fn malformed(stack: &[Frame<'_>], offset: usize) -> JsonRuleError {
    JsonRuleError {
        rule: JsonRule::Malformed { offset },
        path: path_of(stack),
    }
}

/// The offset just past the closing quote of the string starting at `start`.
fn string_end(text: &[u8], start: usize) -> Option<usize> {
    let mut i = start.checked_add(1)?;
    loop {
        // Straight to the next quote or backslash (SIMD): strings are most
        // of a credential's bytes.
        let rest = text.get(i..)?;
        i = i.checked_add(memchr::memchr2(b'"', b'\\', rest)?)?;
        match text.get(i)? {
            b'\\' => i = i.checked_add(2)?,
            _ => return i.checked_add(1),
        }
    }
}

/// A JSON string token (with its quotes) as text: borrowed when it has no
/// escapes.
fn unescape(raw: &[u8]) -> Option<Cow<'_, str>> {
    if !raw.contains(&b'\\') {
        let inner = raw.get(1..raw.len().checked_sub(1)?)?;
        return std::str::from_utf8(inner).ok().map(Cow::Borrowed);
    }
    serde_json::from_slice::<String>(raw).ok().map(Cow::Owned)
}

fn path_of(stack: &[Frame<'_>]) -> String {
    let mut p = String::from("$");
    for f in stack {
        match f {
            Frame::Object { key: Some(k), .. } => p = member_path(&p, k),
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                p.push('[');
                p.push_str(&index.to_string());
                p.push(']');
            }
        }
    }
    p
}

/// A JSON path built only when it is written: a chain of borrowed segments
/// (the checks look up hundreds of members per credential and report none
/// on a good one). Written in the notation of [`member_path`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Path<'a> {
    /// `$`.
    Root,
    /// `parent.key` (or `parent['key']`).
    Key(&'a Path<'a>, &'a str),
    /// `parent[i]`.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// `self.key`.
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// `self[i]`.
    pub(crate) fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
}

impl core::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Path::Root => f.write_str("$"),
            Path::Key(parent, key) => f.write_str(&member_path(&parent.to_string(), key)),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// `path.key`, or `path['key']` when the key is not a plain name: the JSON
/// path notation every report of this crate uses.
pub fn member_path(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        format!("{path}.{key}")
    } else {
        format!(
            "{path}['{}']",
            key.replace('\\', "\\\\").replace('\'', "\\'")
        )
    }
}

/// The values of a JSON-LD property that may hold one value or an array:
/// an array's items, or the single value; `null` (and a missing property)
/// is no value, as in JSON-LD. The one rule for `proof`, `@context`,
/// `type`, `credentialStatus` and every other one-or-many property.
pub fn one_or_many(value: Option<&serde_json::Value>) -> Vec<&serde_json::Value> {
    match value {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::Array(items)) => items.iter().filter(|v| !v.is_null()).collect(),
        Some(v) => vec![v],
    }
}

/// [`one_or_many`] of `object[key]`, each value with its JSON path under
/// `path` (`$.proof` for a single value, `$.proof[1]` in an array).
pub fn one_or_many_at<'v>(
    object: &'v serde_json::Value,
    key: &str,
    path: &str,
) -> Vec<(String, &'v serde_json::Value)> {
    let at = member_path(path, key);
    match object.get(key) {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter(|(_, v)| !v.is_null())
            .map(|(i, v)| (format!("{at}[{i}]"), v))
            .collect(),
        Some(v) => vec![(at, v)],
    }
}

/// The strings of a one-or-many property (`type`, `@context` URLs): the
/// string values of [`one_or_many`], others skipped.
pub fn strings(value: Option<&serde_json::Value>) -> Vec<&str> {
    one_or_many(value)
        .into_iter()
        .filter_map(serde_json::Value::as_str)
        .collect()
}

/// Most significant digits compared; a double never needs more than 767.
const MAX_DIGITS: usize = 800;

/// The significant digits and decimal exponent of a JSON number text:
/// `(digits, exponent)` with value `0.d1d2… × 10^exponent`; `None` for zero.
fn decimal_parts(token: &str) -> Result<Option<(String, i64)>, ()> {
    let unsigned = token.strip_prefix('-').unwrap_or(token);
    let (mantissa, exp) = match unsigned.find(['e', 'E']) {
        Some(p) => {
            let (m, e) = unsigned.split_at(p);
            let e = e.get(1..).ok_or(())?;
            // An absurd exponent reads as 0 or infinity: compare as given.
            let e: i64 = e.parse().map_err(|_| ())?;
            (m, e)
        }
        None => (unsigned, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all: String = int.chars().chain(frac.chars()).collect();
    let lead = all.chars().take_while(|c| *c == '0').count();
    let digits = all.get(lead..).unwrap_or_default();
    if digits.is_empty() {
        return Ok(None);
    }
    let int_len = i64::try_from(int.len()).map_err(|_| ())?;
    let lead = i64::try_from(lead).map_err(|_| ())?;
    let point = int_len
        .checked_sub(lead)
        .and_then(|p| p.checked_add(exp))
        .ok_or(())?;
    Ok(Some((digits.to_owned(), point)))
}

fn check_number(token: &[u8]) -> Result<(), JsonRule> {
    let text = std::str::from_utf8(token).map_err(|_| JsonRule::Malformed { offset: 0 })?;
    let integer = !text.contains(['.', 'e', 'E']);
    if integer && (text.parse::<i64>().is_ok() || text.parse::<u64>().is_ok()) {
        return Ok(());
    }
    let inexact = |reads_as: String| JsonRule::InexactNumber {
        text: text.to_owned(),
        reads_as,
    };
    // The double serde_json reads (the one that is canonicalized and signed).
    let value: f64 = serde_json::from_str(text).map_err(|_| inexact("nothing".to_owned()))?;
    let Ok(parts) = decimal_parts(text) else {
        return Err(inexact(value.to_string()));
    };
    let Some((digits, point)) = parts else {
        return if value == 0.0 {
            Ok(())
        } else {
            Err(inexact(value.to_string()))
        };
    };
    if !value.is_finite() || value == 0.0 {
        return Err(inexact(value.to_string()));
    }
    // The shortest text that reads as the same double: what canonical
    // forms write. The same decimal as the text (trailing zeros aside) is
    // fine: `123456789012345680000`, `0.10`.
    let (short, short_point) = sci_digits(&format!("{:e}", value.abs()));
    if short.trim_end_matches('0') == digits.trim_end_matches('0') && short_point == Some(point) {
        return Ok(());
    }
    let n = digits.len();
    if n > MAX_DIGITS {
        return Err(inexact(format!("{value:e}")));
    }
    // `d.ddd…e±x` with exactly n significant digits, correctly rounded.
    let written = format!("{:.*e}", n.saturating_sub(1), value.abs());
    let (back, back_point) = sci_digits(&written);
    if back == digits && back_point == Some(point) {
        Ok(())
    } else {
        Err(inexact(written))
    }
}

/// The digits and `0.ddd × 10^point` exponent of Rust's `{:e}` form.
fn sci_digits(written: &str) -> (String, Option<i64>) {
    let (m, e) = written.split_once('e').unwrap_or((written, "0"));
    let digits: String = m.chars().filter(char::is_ascii_digit).collect();
    (digits, e.parse::<i64>().ok().and_then(|e| e.checked_add(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> Option<JsonRule> {
        scan(text.as_bytes()).err().map(|e| e.rule)
    }

    #[test]
    fn duplicates_are_found_after_unescaping_with_their_path() {
        let e = scan(br#"{"a": {"b": [1, {"x": 1, "\u0078": 2}]}}"#).unwrap_err();
        assert_eq!(e.path, "$.a.b[1].x");
        assert_eq!(e.rule, JsonRule::DuplicateMember { name: "x".into() });
        // The same name in sibling objects is fine.
        assert!(scan(br#"[{"a": 1}, {"a": 2}, {"b": {"a": 3}}]"#).is_ok());
        // Strings with escaped quotes and brackets do not confuse the scanner.
        assert!(scan(br#"{"a": "x\"}{", "b": "\\", "c": ["]"]}"#).is_ok());
        let e = scan(br#"{"@context": 1, "@context": 2}"#).unwrap_err();
        assert_eq!(e.path, "$['@context']");
        // Many members (past the short list) with nested objects between:
        // each object's names are its own.
        let many: Vec<String> = (0..40)
            .map(|i| format!("\"k{i}\": {{\"k{i}\": 1, \"z\": 2}}"))
            .collect();
        let ok = format!("{{{}}}", many.join(", "));
        assert!(scan(ok.as_bytes()).is_ok());
        let dup = format!("{{{}, \"k33\": 0}}", many.join(", "));
        let e = scan(dup.as_bytes()).unwrap_err();
        assert_eq!(e.path, "$.k33");
        let nested_dup = format!("{{{}, \"last\": {{\"a\": 1, \"a\": 2}}}}", many.join(", "));
        assert_eq!(scan(nested_dup.as_bytes()).unwrap_err().path, "$.last.a");
    }

    #[test]
    fn numbers_must_read_back_as_written() {
        for ok in [
            "0",
            "-0",
            "5",
            "-0.0",
            "0.1",
            "3.50",
            "1E-7",
            "1e21",
            "5e-324",
            "1.5e300",
            "18446744073709551615",
            "-9223372036854775808",
            "0.30000000000000004",
            "9007199254740993",
            "100",
            "1.0",
            "2.5E+3",
        ] {
            assert_eq!(rule(&format!("[{ok}]")), None, "{ok}");
        }
        for bad in [
            "4.9999999999999999999",
            "18446744073709551617",
            "1e400",
            "1e-400",
            "123456789012345678901234567890",
        ] {
            assert!(
                matches!(
                    rule(&format!("[{bad}]")),
                    Some(JsonRule::InexactNumber { .. })
                ),
                "{bad}"
            );
        }
        let e = scan(br#"{"n": 4.9999999999999999999}"#).unwrap_err();
        assert_eq!(e.path, "$.n");
        assert_eq!(
            e.rule,
            JsonRule::InexactNumber {
                text: "4.9999999999999999999".into(),
                reads_as: "5.0000000000000000000e0".into()
            }
        );
    }

    #[test]
    fn lazy_paths_write_what_member_path_writes() {
        let root = Path::Root;
        let a = root.key("credentialSubject");
        let b = a.index(2);
        let c = b.key("@id");
        assert_eq!(c.to_string(), "$.credentialSubject[2]['@id']");
        assert_eq!(
            c.to_string(),
            member_path(
                &format!("{}[2]", member_path("$", "credentialSubject")),
                "@id"
            )
        );
    }

    #[test]
    fn one_or_many_agrees_on_null() {
        let v = serde_json::json!({"a": null, "b": [1, null, 2], "c": "x", "d": ["y", 3]});
        assert!(one_or_many(v.get("a")).is_empty());
        assert!(one_or_many(v.get("zz")).is_empty());
        assert_eq!(one_or_many(v.get("b")).len(), 2);
        assert_eq!(one_or_many(v.get("c")).len(), 1);
        assert_eq!(strings(v.get("d")), vec!["y"]);
        let at = one_or_many_at(&v, "b", "$");
        assert_eq!(at[1].0, "$.b[2]");
        assert_eq!(one_or_many_at(&v, "c", "$")[0].0, "$.c");
    }

    #[test]
    fn never_panics_on_garbage() {
        for g in [
            "\"",
            "{\"",
            "[1,",
            "}}}",
            "{\"a\\",
            "-",
            "1e",
            "1e99999999999999999999",
        ] {
            let _ = scan(g.as_bytes());
        }
    }
}
