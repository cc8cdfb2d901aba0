//! SVG badges: an `<openbadges:assertion>` or `<openbadges:credential>`
//! element right after the `<svg>` start tag.
//!
//! | version | element (namespace) | JWS | JSON | URL |
//! |---|---|---|---|---|
//! | OB 2.0 | `assertion` (`http://openbadges.org`) | `verify` attribute | CDATA, `verify` = the assertion's hosted URL | `verify` attribute |
//! | OB 3.0 | `credential` (`https://purl.imsglobal.org/ob/v3p0`) | `verify` attribute | CDATA | — |
//!
//! The document is read with quick-xml, a streaming parser that expands no
//! DTD and fetches nothing. Further, a `<!DOCTYPE>` with an internal subset
//! (the only place entities can be declared: XML bombs, external entities)
//! is refused, and so is any reference to an entity other than the five XML
//! predefines. A `<!DOCTYPE svg PUBLIC …>` without a subset, as many editors
//! write (and 1EdTech's own samples have), is accepted: it declares nothing
//! and is never fetched.
//!
//! Baking splices the element into the original bytes just after the root
//! start tag's `>`, adding `xmlns:openbadges` to the root when it does not
//! bind that prefix yet (or on the element itself when the root binds it to
//! another namespace). Nothing else in the document changes, byte for byte.
//!
//! Extraction scans the whole document, so a second, different badge
//! element is found and refused, and accepts the element anywhere (some
//! bakers append it at the end of the root), with the namespace declared on
//! the root or on the element. The text content wins over the `verify`
//! attribute for OB 2.0 (where `verify` of a hosted assertion is only its URL);
//! for OB 3.0 a `verify` attribute and a content that differ are refused.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

use super::{check_image_size, BakeError, Content, Found, Location, Payload, Version};
use crate::limits::{Limit, LimitExceeded, Limits};

/// The OB 2.0 baking namespace.
pub const NAMESPACE_OB2: &str = "http://openbadges.org";
/// The OB 3.0 baking namespace.
pub const NAMESPACE_OB3: &str = "https://purl.imsglobal.org/ob/v3p0";

/// The root `<svg>` start tag.
struct Root {
    /// Byte offset just past its `>`.
    tag_end: usize,
    /// `<svg …/>`: no content.
    empty: bool,
    /// Its qualified name as written (for the end tag of an empty root).
    qname: String,
    /// What it binds the `openbadges` prefix to, if it does.
    ob_prefix: Option<String>,
}

/// A badge element being read.
struct Open {
    version: Version,
    offset: usize,
    /// The depth of its content.
    depth: usize,
    verify: Option<String>,
    text: String,
}

struct Scan {
    root: Root,
    badge: Option<(Location, Payload)>,
}

fn xml_error(offset: u64, e: impl core::fmt::Display) -> BakeError {
    BakeError::Xml {
        offset: usize::try_from(offset).unwrap_or(usize::MAX),
        message: e.to_string(),
    }
}

fn structure(offset: usize, message: &str) -> BakeError {
    BakeError::Xml {
        offset,
        message: message.to_owned(),
    }
}

/// Which badge element `e` is, if it is one.
fn badge_kind(
    ns: Option<&[u8]>,
    e: &BytesStart<'_>,
    offset: usize,
) -> Result<Option<Version>, BakeError> {
    let name = e.name();
    let local = name.local_name();
    let local = local.as_ref();
    match (ns, local) {
        (Some(n), b"assertion") if n == NAMESPACE_OB2.as_bytes() => return Ok(Some(Version::Ob2)),
        (Some(n), b"credential") if n == NAMESPACE_OB3.as_bytes() => return Ok(Some(Version::Ob3)),
        _ => {}
    }
    let prefixed = name.prefix().is_some_and(|p| p.as_ref() == b"openbadges");
    if prefixed && (local == b"assertion" || local == b"credential") {
        return Err(BakeError::SvgBadgeElement {
            offset,
            what: "openbadges:assertion must be in the namespace http://openbadges.org \
                   and openbadges:credential in https://purl.imsglobal.org/ob/v3p0",
        });
    }
    Ok(None)
}

/// The unescaped value of attribute `key`, if present.
fn attribute(e: &BytesStart<'_>, key: &[u8], offset: usize) -> Result<Option<String>, BakeError> {
    for attr in e.attributes() {
        let attr = attr.map_err(|err| xml_error(offset as u64, err))?;
        if attr.key.as_ref() == key {
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| match err {
                    quick_xml::Error::Escape(
                        quick_xml::escape::EscapeError::UnrecognizedEntity(_, name),
                    ) => BakeError::XmlEntity { offset, name },
                    other => xml_error(offset as u64, other),
                })?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// The payload of a finished badge element.
fn finish(open: Open, limits: &Limits) -> Result<(Location, Payload), BakeError> {
    let at = Location::Svg {
        offset: open.offset,
    };
    let text = open.text.trim();
    let verify = open
        .verify
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty());
    let empty = || BakeError::SvgBadgeElement {
        offset: open.offset,
        what: "neither a verify attribute nor content",
    };
    let chosen = match (open.version, verify, text.is_empty()) {
        (_, None, true) => return Err(empty()),
        (Version::Ob2, _, false) | (Version::Ob3, None, false) => text,
        (_, Some(v), true) => v,
        (Version::Ob3, Some(v), false) if v == text => v,
        (Version::Ob3, Some(_), false) => {
            return Err(BakeError::SvgBadgeElement {
                offset: open.offset,
                what: "the verify attribute and the content differ",
            })
        }
    };
    Ok((
        at,
        Payload::from_baked_text(open.version, chosen, at, limits)?,
    ))
}

fn push_text(open: &mut Open, s: &str, limits: &Limits) -> Result<(), BakeError> {
    let max = limits.max_baked_payload_bytes;
    if open.text.len() + s.len() > max {
        return Err(BakeError::Limit(LimitExceeded {
            limit: Limit::BakedPayloadBytes,
            max,
            found: None,
        }));
    }
    open.text.push_str(s);
    Ok(())
}

/// The character a general reference stands for: a character reference or
/// one of the five predefined entities; anything else is refused.
fn resolve_reference(
    r: &quick_xml::events::BytesRef<'_>,
    offset: usize,
) -> Result<char, BakeError> {
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c),
            Ok(None) => Err(structure(offset, "bad character reference")),
            Err(e) => Err(xml_error(offset as u64, e)),
        };
    }
    let name = r.decode().map_err(|e| xml_error(offset as u64, e))?;
    match name.as_ref() {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        _ => Err(BakeError::XmlEntity {
            offset,
            name: name.into_owned(),
        }),
    }
}

/// Reads the whole document: checks it is a well-formed SVG under our XML
/// policy and collects its badge (refusing two different ones).
fn scan(doc: &[u8], limits: &Limits) -> Result<Scan, BakeError> {
    check_image_size(doc, limits)?;
    if let Err(e) = core::str::from_utf8(doc) {
        return Err(BakeError::NotUtf8 {
            at: Location::Svg {
                offset: e.valid_up_to(),
            },
        });
    }
    let mut reader = NsReader::from_reader(doc);
    let mut depth = 0usize;
    let mut root: Option<Root> = None;
    let mut open: Option<Open> = None;
    let mut found = Found::default();
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ResolveResult::Bound(Namespace(ns)), event)) => (Some(ns.to_vec()), event),
            Ok((_, event)) => (None, event),
            Err(e) => return Err(xml_error(reader.error_position(), e)),
        };
        let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Event::Decl(d) => {
                if let Some(enc) = d.encoding() {
                    let enc = enc.map_err(|e| xml_error(start as u64, e))?;
                    if !enc.eq_ignore_ascii_case(b"utf-8") && !doc.is_ascii() {
                        return Err(BakeError::XmlEncoding {
                            declared: String::from_utf8_lossy(&enc).into_owned(),
                        });
                    }
                }
            }
            Event::DocType(t) => {
                if root.is_some() {
                    return Err(structure(start, "DOCTYPE after the root element started"));
                }
                if t.contains(&b'[') {
                    return Err(BakeError::XmlDtd { offset: start });
                }
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                if let Some(o) = &open {
                    return Err(BakeError::SvgBadgeElement {
                        offset: o.offset,
                        what: "a badge element may hold only text",
                    });
                }
                if depth == 0 {
                    if root.is_some() {
                        return Err(structure(start, "a second root element"));
                    }
                    let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    if e.local_name().as_ref() != b"svg" {
                        return Err(BakeError::NotSvg { root: qname });
                    }
                    root = Some(Root {
                        tag_end: end,
                        empty: is_empty,
                        qname,
                        ob_prefix: attribute(e, b"xmlns:openbadges", start)?,
                    });
                } else if let Some(version) = badge_kind(ns.as_deref(), e, start)? {
                    let o = Open {
                        version,
                        offset: start,
                        depth: depth + 1,
                        verify: attribute(e, b"verify", start)?,
                        text: String::new(),
                    };
                    if is_empty {
                        let (at, payload) = finish(o, limits)?;
                        found.add(at, payload)?;
                    } else {
                        open = Some(o);
                    }
                }
                if !is_empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                if let Some(o) = open.take_if(|o| o.depth == depth) {
                    let (at, payload) = finish(o, limits)?;
                    found.add(at, payload)?;
                }
                depth = depth
                    .checked_sub(1)
                    .ok_or(structure(start, "end tag without start tag"))?;
            }
            Event::Text(t) => {
                let s = t.decode().map_err(|e| xml_error(start as u64, e))?;
                if let Some(o) = open.as_mut() {
                    push_text(o, &s, limits)?;
                } else if depth == 0 && !s.trim().is_empty() {
                    return Err(structure(start, "text outside the root element"));
                }
            }
            Event::CData(c) => {
                let s = c.decode().map_err(|e| xml_error(start as u64, e))?;
                if let Some(o) = open.as_mut() {
                    push_text(o, &s, limits)?;
                } else if depth == 0 {
                    return Err(structure(start, "CDATA outside the root element"));
                }
            }
            Event::GeneralRef(r) => {
                let c = resolve_reference(&r, start)?;
                if let Some(o) = open.as_mut() {
                    push_text(o, c.encode_utf8(&mut [0; 4]), limits)?;
                } else if depth == 0 {
                    return Err(structure(start, "reference outside the root element"));
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if depth != 0 {
        return Err(structure(doc.len(), "the document ends inside an element"));
    }
    let root = root.ok_or(BakeError::NotSvg {
        root: String::new(),
    })?;
    Ok(Scan {
        root,
        badge: found.into_first(),
    })
}

/// Extracts the badge of an SVG: `Ok(None)` when it has none.
///
/// # Errors
/// [`BakeError::NotUtf8`], [`BakeError::Xml`], [`BakeError::XmlDtd`],
/// [`BakeError::XmlEntity`], [`BakeError::XmlEncoding`] for a document
/// that is not well-formed or breaks the XML policy (see the module docs);
/// [`BakeError::NotSvg`] when the root is not `svg`;
/// [`BakeError::SvgBadgeElement`], [`BakeError::Payload`] for a badge
/// element without a credential's form; [`BakeError::Conflict`] for two
/// different badges; [`BakeError::Limit`] over a size budget.
pub fn extract_svg(doc: &[u8], limits: &Limits) -> Result<Option<Payload>, BakeError> {
    Ok(scan(doc, limits)?.badge.map(|(_, p)| p))
}

/// Wraps text in CDATA sections (a `]]>` inside is split across two).
fn cdata(text: &str) -> String {
    format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
}

/// The hosted URL of an OB 2.0 assertion, for the `verify` attribute: its
/// `id`, else its `verify.url` (as openbadges-bakery chooses), if http(s).
fn hosted_url(json: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(json).ok()?;
    let is_http = |s: &&str| s.starts_with("https://") || s.starts_with("http://");
    value
        .get("id")
        .and_then(|v| v.as_str())
        .filter(is_http)
        .or_else(|| {
            value
                .get("verify")
                .and_then(|v| v.get("url"))
                .and_then(|v| v.as_str())
                .filter(is_http)
        })
        .map(str::to_owned)
}

/// The badge element for `payload`, with `xmlns` (possibly empty) on it.
fn element(payload: &Payload, xmlns: &str) -> Result<String, BakeError> {
    let attr = |s: &str| quick_xml::escape::escape(s).into_owned();
    Ok(match (payload.version(), payload.content()) {
        (Version::Ob2, Content::Json(json)) => {
            let verify = hosted_url(json)
                .map(|u| format!(" verify=\"{}\"", attr(&u)))
                .unwrap_or_default();
            format!(
                "<openbadges:assertion{xmlns}{verify}>{}</openbadges:assertion>",
                cdata(json)
            )
        }
        (Version::Ob2, Content::Jws(s) | Content::Url(s)) => {
            format!("<openbadges:assertion{xmlns} verify=\"{}\"/>", attr(s))
        }
        (Version::Ob3, Content::Json(json)) => format!(
            "<openbadges:credential{xmlns}>{}</openbadges:credential>",
            cdata(json)
        ),
        (Version::Ob3, Content::Jws(s)) => {
            format!("<openbadges:credential{xmlns} verify=\"{}\"/>", attr(s))
        }
        (Version::Ob3, Content::Url(_)) => {
            return Err(BakeError::Payload {
                at: None,
                problem: super::PayloadProblem::UrlForOb3,
            })
        }
    })
}

/// Bakes `payload` into an SVG: the badge element right after the `<svg>`
/// start tag (and `xmlns:openbadges` on that tag when needed); every other
/// byte unchanged. Baking the payload the image already carries returns it
/// unchanged.
///
/// ```
/// use openbadges::bake::{bake_svg, extract_svg, Content, Payload, Version};
/// use openbadges::limits::Limits;
///
/// let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <circle r=\"4\"/>\n</svg>\n";
/// let jws = Payload::new(Version::Ob2, Content::Jws("eyJhbGciOiJSUzI1NiJ9.eyJ9.c2ln".into()), &Limits::DEFAULT)?;
/// let baked = bake_svg(svg, &jws, &Limits::DEFAULT)?;
/// assert_eq!(
///     String::from_utf8(baked.clone()).unwrap(),
///     "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:openbadges=\"http://openbadges.org\">\
///      <openbadges:assertion verify=\"eyJhbGciOiJSUzI1NiJ9.eyJ9.c2ln\"/>\n  <circle r=\"4\"/>\n</svg>\n"
/// );
/// assert_eq!(extract_svg(&baked, &Limits::DEFAULT)?, Some(jws));
/// # Ok::<(), openbadges::bake::BakeError>(())
/// ```
///
/// # Errors
/// The errors of [`extract_svg`] for the input document;
/// [`BakeError::AlreadyBaked`] when it carries a different badge;
/// [`BakeError::Limit`] when the result would exceed a budget.
pub fn bake_svg(doc: &[u8], payload: &Payload, limits: &Limits) -> Result<Vec<u8>, BakeError> {
    let scan = scan(doc, limits)?;
    if let Some((at, existing)) = scan.badge {
        if existing == *payload {
            return Ok(doc.to_vec());
        }
        return Err(BakeError::AlreadyBaked { at });
    }
    if payload.as_str().len() > limits.max_baked_payload_bytes {
        return Err(BakeError::Limit(LimitExceeded {
            limit: Limit::BakedPayloadBytes,
            max: limits.max_baked_payload_bytes,
            found: Some(payload.as_str().len()),
        }));
    }
    let ns = match payload.version() {
        Version::Ob2 => NAMESPACE_OB2,
        Version::Ob3 => NAMESPACE_OB3,
    };
    let declaration = format!(" xmlns:openbadges=\"{ns}\"");
    let (on_root, on_element) = match scan.root.ob_prefix.as_deref() {
        None => (declaration.as_str(), ""),
        Some(bound) if bound == ns => ("", ""),
        Some(_) => ("", declaration.as_str()),
    };
    let badge = element(payload, on_element)?;
    let root = &scan.root;
    // The root tag ends in `>` (or `/>` when empty); insert before it.
    let close = if root.empty { 2 } else { 1 };
    let cut = root
        .tag_end
        .checked_sub(close)
        .ok_or(structure(root.tag_end, "root start tag"))?;
    let (head, rest) = doc
        .split_at_checked(cut)
        .ok_or(structure(cut, "root start tag"))?;
    let (_, tail) = rest
        .split_at_checked(close)
        .ok_or(structure(cut, "root start tag"))?;
    let mut out = Vec::with_capacity(doc.len() + on_root.len() + badge.len() + 8);
    out.extend_from_slice(head);
    out.extend_from_slice(on_root.as_bytes());
    out.push(b'>');
    out.extend_from_slice(badge.as_bytes());
    if root.empty {
        out.extend_from_slice(format!("</{}>", root.qname).as_bytes());
    }
    out.extend_from_slice(tail);
    if out.len() > limits.max_image_bytes {
        return Err(BakeError::Limit(LimitExceeded {
            limit: Limit::ImageBytes,
            max: limits.max_image_bytes,
            found: Some(out.len()),
        }));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limits = Limits::DEFAULT;

    fn ob3_json() -> Payload {
        Payload::sniff(
            r#"{"@context":["https://www.w3.org/ns/credentials/v2"],"name":"a ]]> b & <c>"}"#,
            &L,
        )
        .unwrap()
    }

    #[test]
    fn empty_root_gets_content() {
        let baked = bake_svg(b"<svg/>", &ob3_json(), &L).unwrap();
        let s = String::from_utf8(baked.clone()).unwrap();
        assert!(s.starts_with(
            "<svg xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"><openbadges:credential><![CDATA["
        ));
        assert!(s.ends_with("]]></openbadges:credential></svg>"), "{s}");
        assert_eq!(extract_svg(&baked, &L).unwrap(), Some(ob3_json()));
    }

    #[test]
    fn prefix_bound_elsewhere_is_declared_on_the_element() {
        let doc = b"<svg xmlns:openbadges=\"http://openbadges.org\"><g/></svg>";
        let baked = bake_svg(doc, &ob3_json(), &L).unwrap();
        let s = String::from_utf8(baked.clone()).unwrap();
        assert!(s.starts_with(
            "<svg xmlns:openbadges=\"http://openbadges.org\"><openbadges:credential xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">"
        ));
        assert_eq!(extract_svg(&baked, &L).unwrap(), Some(ob3_json()));
    }

    #[test]
    fn entities_and_dtds() {
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><svg>&b;</svg>"#;
        assert_eq!(extract_svg(bomb, &L), Err(BakeError::XmlDtd { offset: 21 }));
        let undeclared = br#"<svg><g>&xxe;</g></svg>"#;
        assert_eq!(
            extract_svg(undeclared, &L),
            Err(BakeError::XmlEntity {
                offset: 8,
                name: "xxe".into()
            })
        );
        let in_attr = br#"<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="&x;"/></svg>"#;
        assert!(matches!(
            extract_svg(in_attr, &L),
            Err(BakeError::XmlEntity { name, .. }) if name == "x"
        ));
        let public = br#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg>&amp;&#x41;</svg>"#;
        assert_eq!(extract_svg(public, &L), Ok(None));
    }

    #[test]
    fn structure_errors() {
        assert_eq!(
            extract_svg(b"<html/>", &L),
            Err(BakeError::NotSvg {
                root: "html".into()
            })
        );
        assert!(matches!(
            extract_svg(b"<svg><g></svg>", &L),
            Err(BakeError::Xml { .. })
        ));
        assert!(matches!(
            extract_svg(b"<svg><g>", &L),
            Err(BakeError::Xml { .. })
        ));
        assert!(matches!(
            extract_svg(b"<svg/><svg/>", &L),
            Err(BakeError::Xml { .. })
        ));
        assert!(matches!(
            extract_svg(b"x<svg/>", &L),
            Err(BakeError::Xml { .. })
        ));
        assert_eq!(
            extract_svg(b"<svg>\xff</svg>", &L),
            Err(BakeError::NotUtf8 {
                at: Location::Svg { offset: 5 }
            })
        );
        assert_eq!(
            extract_svg(b"", &L),
            Err(BakeError::NotSvg {
                root: String::new()
            })
        );
        let latin = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg>é</svg>";
        assert!(matches!(
            extract_svg(latin.as_bytes(), &L),
            Err(BakeError::XmlEncoding { .. })
        ));
        let ascii = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg/>";
        assert_eq!(extract_svg(ascii.as_bytes(), &L), Ok(None));
    }

    #[test]
    fn badge_element_rules() {
        let wrong_ns = br#"<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:assertion verify="https://e.org/a"/></svg>"#;
        assert!(matches!(
            extract_svg(wrong_ns, &L),
            Err(BakeError::SvgBadgeElement { offset: 59, .. })
        ));
        let unbound = br#"<svg><openbadges:assertion verify="https://e.org/a"/></svg>"#;
        assert!(matches!(
            extract_svg(unbound, &L),
            Err(BakeError::SvgBadgeElement { .. })
        ));
        let child = br#"<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion><g/></openbadges:assertion></svg>"#;
        assert!(matches!(
            extract_svg(child, &L),
            Err(BakeError::SvgBadgeElement { .. })
        ));
        let empty = br#"<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion> </openbadges:assertion></svg>"#;
        assert!(matches!(
            extract_svg(empty, &L),
            Err(BakeError::SvgBadgeElement { .. })
        ));
        let differ = br#"<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="a.b.c">d.e.f</openbadges:credential></svg>"#;
        assert!(matches!(
            extract_svg(differ, &L),
            Err(BakeError::SvgBadgeElement { .. })
        ));
        // The element may sit anywhere, with the namespace declared on it.
        let nested = br#"<svg><g><openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" verify="a.b.c"/></g></svg>"#;
        assert_eq!(
            extract_svg(nested, &L).unwrap().unwrap().content(),
            &Content::Jws("a.b.c".into())
        );
        // Text, CDATA and references concatenate.
        let mixed = br#"<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://e.org/a">{"a":<![CDATA["x]]>&quot;}</openbadges:assertion></svg>"#;
        assert_eq!(
            extract_svg(mixed, &L).unwrap().unwrap().as_str(),
            r#"{"a":"x"}"#
        );
    }

    #[test]
    fn conflicts() {
        let two = br#"<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://e.org/a"/><openbadges:assertion verify="https://e.org/b"/></svg>"#;
        assert!(matches!(
            extract_svg(two, &L),
            Err(BakeError::Conflict { .. })
        ));
        let same = br#"<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://e.org/a"/><openbadges:assertion verify="https://e.org/a"/></svg>"#;
        assert!(extract_svg(same, &L).unwrap().is_some());
        assert!(matches!(
            bake_svg(same, &ob3_json(), &L),
            Err(BakeError::AlreadyBaked { .. })
        ));
    }

    #[test]
    fn ob2_json_gets_hosted_verify_url() {
        let json = r#"{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://e.org/a?x=1&y=2"}"#;
        let p = Payload::sniff(json, &L).unwrap();
        let baked = bake_svg(b"<svg></svg>", &p, &L).unwrap();
        let s = String::from_utf8(baked.clone()).unwrap();
        assert!(
            s.contains(r#"<openbadges:assertion verify="https://e.org/a?x=1&amp;y=2"><![CDATA["#),
            "{s}"
        );
        assert_eq!(extract_svg(&baked, &L).unwrap(), Some(p));
    }
}
