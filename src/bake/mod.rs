//! Baked badges: a credential carried inside its own PNG or SVG image.
//!
//! Bytes in, bytes out, no trust decisions. Baking adds one element to an
//! existing image and leaves every other byte as it was (no pixel is
//! re-encoded, no XML is re-serialized); extraction hands back the text that
//! was baked, classified as JSON, a compact JWS or a URL, and tagged with the
//! Open Badges version its carrier belongs to. Whether that text is a valid
//! credential is for [`crate::verify()`] to say.
//!
//! | | OB 2.0 (and earlier) | OB 3.0 |
//! |---|---|---|
//! | PNG | `iTXt` keyword `openbadges` (legacy: `tEXt` holding a URL) | `iTXt` keyword `openbadgecredential` |
//! | SVG | `<openbadges:assertion>` in `http://openbadges.org`: `verify` = JWS or URL, JSON in CDATA | `<openbadges:credential>` in `https://purl.imsglobal.org/ob/v3p0`: `verify` = JWS, JSON in CDATA |
//!
//! The baking specifications (OB 2.0 "Badge Baking", OB 3.0 §5.3) say a badge
//! chunk or element appears once. Here an image carrying two *different*
//! badge payloads is refused ([`BakeError::Conflict`]) rather than answered
//! with whichever comes first, and baking into an image that already holds a
//! different badge is refused ([`BakeError::AlreadyBaked`]); baking the same
//! payload again returns the image unchanged.
//!
//! Every size is bounded by [`Limits`]: the image (`max_image_bytes`), each
//! PNG chunk (`max_chunk_bytes`, checked against the declared length before
//! anything is read), the credential text after decompression
//! (`max_baked_payload_bytes`) and the JSON (`max_json_bytes`, `max_json_depth`).
//!
//! ```
//! use openbadges::bake::{bake, extract, Payload};
//! use openbadges::limits::Limits;
//!
//! let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="5"/></svg>"#;
//! let credential = r#"{"@context":["https://www.w3.org/ns/credentials/v2",
//!     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
//!     "type":["VerifiableCredential","OpenBadgeCredential"]}"#;
//! // The version is read off the @context (or, for a JWS, its payload's).
//! let payload = Payload::sniff(credential, &Limits::DEFAULT)?;
//! let baked = bake(svg, &payload, &Limits::DEFAULT)?;
//! assert!(baked.ends_with(br#"<circle r="5"/></svg>"#)); // the rest is untouched
//! assert_eq!(extract(&baked, &Limits::DEFAULT)?, Some(payload));
//! # Ok::<(), openbadges::bake::BakeError>(())
//! ```

pub mod png;
pub mod svg;

pub use self::png::{bake_png, extract_png};
pub use self::svg::{bake_svg, extract_svg};

use base64::Engine as _;

use crate::limits::{parse_json_limited, JsonInputError, Limit, LimitExceeded, Limits};

/// The Open Badges generation a baked payload belongs to, read off its carrier
/// (PNG keyword or SVG element), or off the JSON `@context` by [`Payload::sniff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum Version {
    /// Open Badges 2.0 and earlier: an `Assertion` (hosted JSON, a signed
    /// JWS, or for pre-2.0 badges the URL of a hosted assertion).
    Ob2,
    /// Open Badges 3.0: an `OpenBadgeCredential` (JSON with a Data Integrity
    /// proof, or a VC-JWT / compact JWS).
    Ob3,
}

impl core::fmt::Display for Version {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Version::Ob2 => "Open Badges 2.0",
            Version::Ob3 => "Open Badges 3.0",
        })
    }
}

/// What was (or is to be) baked, by form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Content {
    /// A JSON object (an OB 2.0 assertion or an OB 3.0 credential).
    Json(String),
    /// A compact JWS (`header.payload.signature`, base64url).
    Jws(String),
    /// An `http`/`https` URL of a hosted OB 2.0 (or earlier) assertion.
    Url(String),
}

impl Content {
    /// The text, as baked.
    pub fn as_str(&self) -> &str {
        match self {
            Content::Json(s) | Content::Jws(s) | Content::Url(s) => s,
        }
    }

    /// Classifies baked text by its form: `{` starts JSON, three base64url
    /// segments make a JWS, an absolute `http(s)` URL is a URL. The text is
    /// trimmed of surrounding whitespace first; nothing else is changed.
    ///
    /// # Errors
    /// [`PayloadProblem`] when the text is empty, malformed JSON (or not an
    /// object), or none of the three forms.
    pub fn classify(text: &str, limits: &Limits) -> Result<Content, PayloadProblem> {
        let text = text.trim();
        if text.is_empty() {
            return Err(PayloadProblem::Empty);
        }
        if text.len() > limits.max_baked_payload_bytes {
            return Err(PayloadProblem::Limit(LimitExceeded {
                limit: Limit::BakedPayloadBytes,
                max: limits.max_baked_payload_bytes,
                found: Some(text.len()),
            }));
        }
        if text.starts_with('{') {
            check_json_object(text, limits)?;
            return Ok(Content::Json(text.to_owned()));
        }
        if looks_like_jws(text) {
            check_jws(text)?;
            return Ok(Content::Jws(text.to_owned()));
        }
        if text.starts_with("http://") || text.starts_with("https://") {
            check_url(text)?;
            return Ok(Content::Url(text.to_owned()));
        }
        Err(PayloadProblem::Unrecognized)
    }
}

/// A credential to bake or that was extracted: its version and its content.
///
/// Built through [`Payload::new`] or [`Payload::sniff`], which check the form
/// (JSON parses as an object within the limits, a JWS has three base64url
/// segments, a URL is absolute `http(s)`; OB 3.0 has no URL form).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Payload {
    version: Version,
    content: Content,
}

impl Payload {
    /// A payload of the given version; the content's text is trimmed and checked.
    ///
    /// ```
    /// use openbadges::bake::{Content, Payload, Version};
    /// use openbadges::limits::Limits;
    ///
    /// let p = Payload::new(Version::Ob2, Content::Url("https://example.org/a/1".into()), &Limits::DEFAULT)?;
    /// assert_eq!(p.as_str(), "https://example.org/a/1");
    /// // OB 3.0 bakes the credential itself, never a link to it.
    /// assert!(Payload::new(Version::Ob3, Content::Url("https://example.org/a/1".into()), &Limits::DEFAULT).is_err());
    /// # Ok::<(), openbadges::bake::BakeError>(())
    /// ```
    ///
    /// # Errors
    /// [`BakeError::Payload`] when the content is not of the form its variant
    /// names, or is a URL for OB 3.0.
    pub fn new(version: Version, content: Content, limits: &Limits) -> Result<Payload, BakeError> {
        let checked = Content::classify(content.as_str(), limits)
            .map_err(|problem| BakeError::Payload { at: None, problem })?;
        let same_form = matches!(
            (&content, &checked),
            (Content::Json(_), Content::Json(_))
                | (Content::Jws(_), Content::Jws(_))
                | (Content::Url(_), Content::Url(_))
        );
        if !same_form {
            return Err(BakeError::Payload {
                at: None,
                problem: PayloadProblem::WrongForm,
            });
        }
        Payload::from_parts(version, checked, None)
    }

    /// Reads a credential file's text: JSON or a compact JWS (or a URL, which
    /// is OB 2.0), and tells OB 2.0 from OB 3.0 by the `@context` of the JSON
    /// or of the JWS payload (also inside a VC-JWT `vc` claim): the OB 2.0 /
    /// 1.x contexts (`https://w3id.org/openbadges/…`) make OB 2.0, the VC
    /// contexts or the OB 3.0 context (`https://purl.imsglobal.org/spec/ob/v3p0/…`) OB 3.0.
    ///
    /// # Errors
    /// [`BakeError::Payload`] when the text is none of the forms, or its
    /// version cannot be told ([`PayloadProblem::UnknownVersion`]).
    pub fn sniff(text: &str, limits: &Limits) -> Result<Payload, BakeError> {
        let err = |problem| BakeError::Payload { at: None, problem };
        let content = Content::classify(text, limits).map_err(err)?;
        let version = match &content {
            Content::Url(_) => Version::Ob2,
            Content::Json(json) => {
                let value = parse_json_limited(json.as_bytes(), limits)
                    .map_err(|e| err(PayloadProblem::Json(e)))?;
                version_of(&value).ok_or(err(PayloadProblem::UnknownVersion))?
            }
            Content::Jws(jws) => {
                let body = jws.split('.').nth(1).unwrap_or_default();
                let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(body)
                    .map_err(|_| err(PayloadProblem::Jws("payload is not base64url")))?;
                let value =
                    parse_json_limited(&bytes, limits).map_err(|e| err(PayloadProblem::Json(e)))?;
                version_of(&value)
                    .or_else(|| value.get("vc").and_then(version_of))
                    .ok_or(err(PayloadProblem::UnknownVersion))?
            }
        };
        Payload::from_parts(version, content, None)
    }

    /// Builds from an already classified content (the extractors use this).
    pub(crate) fn from_parts(
        version: Version,
        content: Content,
        at: Option<Location>,
    ) -> Result<Payload, BakeError> {
        if version == Version::Ob3 && matches!(content, Content::Url(_)) {
            return Err(BakeError::Payload {
                at,
                problem: PayloadProblem::UrlForOb3,
            });
        }
        Ok(Payload { version, content })
    }

    /// Classifies extracted text found at `at` for `version`.
    pub(crate) fn from_baked_text(
        version: Version,
        text: &str,
        at: Location,
        limits: &Limits,
    ) -> Result<Payload, BakeError> {
        let content = Content::classify(text, limits).map_err(|problem| BakeError::Payload {
            at: Some(at),
            problem,
        })?;
        Payload::from_parts(version, content, Some(at))
    }

    /// The Open Badges version.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The content.
    pub fn content(&self) -> &Content {
        &self.content
    }

    /// The text, as baked.
    pub fn as_str(&self) -> &str {
        self.content.as_str()
    }

    /// Splits into version and content.
    pub fn into_parts(self) -> (Version, Content) {
        (self.version, self.content)
    }
}

/// The OB version a JSON document's `@context` names, if any.
fn version_of(value: &serde_json::Value) -> Option<Version> {
    let ctx = value.get("@context")?;
    let entries: Vec<&str> = match ctx {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    };
    if entries
        .iter()
        .any(|c| c.starts_with("https://purl.imsglobal.org/spec/ob/v3p0"))
    {
        return Some(Version::Ob3);
    }
    if entries
        .iter()
        .any(|c| c.starts_with("https://w3id.org/openbadges"))
    {
        return Some(Version::Ob2);
    }
    if entries.iter().any(|c| {
        *c == "https://www.w3.org/ns/credentials/v2"
            || *c == "https://www.w3.org/2018/credentials/v1"
    }) {
        return Some(Version::Ob3);
    }
    None
}

fn check_json_object(text: &str, limits: &Limits) -> Result<(), PayloadProblem> {
    match parse_json_limited(text.as_bytes(), limits) {
        Ok(serde_json::Value::Object(_)) => Ok(()),
        Ok(_) => Err(PayloadProblem::NotJsonObject),
        Err(e) => Err(PayloadProblem::Json(e)),
    }
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Only base64url characters and dots.
fn looks_like_jws(text: &str) -> bool {
    text.contains('.') && text.bytes().all(|b| is_b64url(b) || b == b'.')
}

fn check_jws(text: &str) -> Result<(), PayloadProblem> {
    let parts: Vec<&str> = text.split('.').collect();
    match parts.as_slice() {
        [header, payload, _signature] if !header.is_empty() && !payload.is_empty() => Ok(()),
        [_, _, _] => Err(PayloadProblem::Jws("empty header or payload segment")),
        _ => Err(PayloadProblem::Jws(
            "a compact JWS has exactly three segments",
        )),
    }
}

fn check_url(text: &str) -> Result<(), PayloadProblem> {
    match url::Url::parse(text) {
        Ok(u) if u.scheme() == "http" || u.scheme() == "https" => Ok(()),
        Ok(_) => Err(PayloadProblem::Url("not http or https".to_owned())),
        Err(e) => Err(PayloadProblem::Url(e.to_string())),
    }
}

/// The image formats that carry badges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImageFormat {
    /// Portable Network Graphics.
    Png,
    /// Scalable Vector Graphics (XML).
    Svg,
}

/// Tells PNG from SVG by the first bytes: the PNG signature, or (after an
/// optional UTF-8 byte-order mark and whitespace) a `<` that starts XML.
/// Whether the XML really is an SVG is for [`extract_svg`] to find out.
///
/// ```
/// use openbadges::bake::{sniff_format, ImageFormat};
/// assert_eq!(sniff_format(b"\x89PNG\r\n\x1a\n...."), Some(ImageFormat::Png));
/// assert_eq!(sniff_format(b"\n<?xml version=\"1.0\"?><svg/>"), Some(ImageFormat::Svg));
/// assert_eq!(sniff_format(b"{}"), None);
/// ```
pub fn sniff_format(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&png::SIGNATURE) {
        return Some(ImageFormat::Png);
    }
    let rest = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = rest.iter().find(|b| !b.is_ascii_whitespace())?;
    (*first == b'<').then_some(ImageFormat::Svg)
}

/// Extracts the badge from a PNG or an SVG (sniffed by [`sniff_format`]).
/// `Ok(None)`: a well-formed image with no badge in it.
///
/// # Errors
/// [`BakeError::NotAnImage`] when the bytes are neither, otherwise the errors
/// of [`extract_png`] / [`extract_svg`].
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<Option<Payload>, BakeError> {
    match sniff_format(bytes) {
        Some(ImageFormat::Png) => extract_png(bytes, limits),
        Some(ImageFormat::Svg) => extract_svg(bytes, limits),
        None => Err(BakeError::NotAnImage),
    }
}

/// Bakes `payload` into a PNG or an SVG (sniffed by [`sniff_format`]).
///
/// # Errors
/// [`BakeError::NotAnImage`] when the bytes are neither, otherwise the errors
/// of [`bake_png`] / [`bake_svg`].
pub fn bake(image: &[u8], payload: &Payload, limits: &Limits) -> Result<Vec<u8>, BakeError> {
    match sniff_format(image) {
        Some(ImageFormat::Png) => bake_png(image, payload, limits),
        Some(ImageFormat::Svg) => bake_svg(image, payload, limits),
        None => Err(BakeError::NotAnImage),
    }
}

/// Where in an image something was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// A PNG chunk: its index (0 is `IHDR`) and the byte offset of its length field.
    PngChunk {
        /// 0-based chunk index.
        index: usize,
        /// Byte offset of the chunk in the file.
        offset: usize,
    },
    /// A byte offset in an SVG document.
    Svg {
        /// Byte offset in the document.
        offset: usize,
    },
}

impl core::fmt::Display for Location {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Location::PngChunk { index, offset } => {
                write!(f, "PNG chunk #{index} at byte {offset}")
            }
            Location::Svg { offset } => write!(f, "SVG byte {offset}"),
        }
    }
}

/// What is wrong with a payload's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PayloadProblem {
    /// No text (or only whitespace).
    #[error("it is empty")]
    Empty,
    /// Over a size budget.
    #[error(transparent)]
    Limit(LimitExceeded),
    /// Starts like JSON but is not well-formed (or too deep).
    #[error("malformed JSON: {0}")]
    Json(JsonInputError),
    /// Well-formed JSON, but not an object.
    #[error("the JSON is not an object")]
    NotJsonObject,
    /// Looks like a compact JWS but is not one.
    #[error("malformed compact JWS: {0}")]
    Jws(&'static str),
    /// Looks like a URL but does not parse as an absolute http(s) URL.
    #[error("malformed URL: {0}")]
    Url(String),
    /// OB 3.0 bakes the credential (JSON or JWS), never a URL.
    #[error("an Open Badges 3.0 image must carry the credential, not a URL")]
    UrlForOb3,
    /// Neither JSON, nor a compact JWS, nor an http(s) URL.
    #[error("it is neither JSON, a compact JWS nor an http(s) URL")]
    Unrecognized,
    /// [`Payload::new`] was given text of another form than the variant says.
    #[error("the text is not of the form its Content variant names")]
    WrongForm,
    /// [`Payload::sniff`] found no Open Badges or VC `@context`.
    #[error("no Open Badges 2.0 or 3.0 @context: cannot tell the version")]
    UnknownVersion,
}

/// Why an image could not be baked or its badge extracted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BakeError {
    /// Over a size budget (image, chunk or payload).
    #[error(transparent)]
    Limit(#[from] LimitExceeded),
    /// Neither a PNG nor an XML (SVG) document.
    #[error("not a PNG or SVG image")]
    NotAnImage,
    /// The payload text is not a credential's form.
    #[error("bad badge payload{}: {problem}", match .at { Some(l) => format!(" at {l}"), None => String::new() })]
    Payload {
        /// Where it was found (extraction), if in an image.
        at: Option<Location>,
        /// What is wrong.
        problem: PayloadProblem,
    },
    /// Two badge chunks or elements with different payloads.
    #[error("two different badges: at {first} and at {second}")]
    Conflict {
        /// The first one.
        first: Location,
        /// The one that differs from it.
        second: Location,
    },
    /// Baking into an image that already carries a different badge.
    #[error("the image already carries a different badge at {at}")]
    AlreadyBaked {
        /// Where the existing badge is.
        at: Location,
    },
    /// The file does not start with the 8-byte PNG signature.
    #[error("not a PNG: bad signature")]
    PngSignature,
    /// A chunk (or the chunk sequence) ends before it should.
    #[error("truncated PNG: chunk #{index} at byte {offset}: {what}")]
    PngTruncated {
        /// Index of the chunk being read.
        index: usize,
        /// Its byte offset.
        offset: usize,
        /// What was missing.
        what: &'static str,
    },
    /// A chunk declares more data than a chunk may hold.
    #[error(
        "PNG chunk #{index} at byte {offset} declares {declared} bytes, over the {max}-byte limit"
    )]
    PngChunkTooLong {
        /// Chunk index.
        index: usize,
        /// Its byte offset.
        offset: usize,
        /// The declared length.
        declared: u64,
        /// The ceiling ([`Limits::max_chunk_bytes`], or 2^31 - 1 by the PNG spec).
        max: u64,
    },
    /// A chunk's CRC-32 does not match its type and data.
    #[error("PNG chunk #{index} ({chunk_type}) at byte {offset}: CRC mismatch")]
    PngBadCrc {
        /// Chunk index.
        index: usize,
        /// Its byte offset.
        offset: usize,
        /// Its four-letter type (lossy).
        chunk_type: String,
    },
    /// A chunk that breaks the PNG structure (type not four letters, first
    /// chunk not `IHDR`, malformed badge text chunk, bad compression).
    #[error("malformed PNG chunk #{index} at byte {offset}: {what}")]
    PngMalformed {
        /// Chunk index.
        index: usize,
        /// Its byte offset.
        offset: usize,
        /// What is wrong.
        what: &'static str,
    },
    /// Text that should be UTF-8 is not.
    #[error("text at {at} is not UTF-8")]
    NotUtf8 {
        /// Where.
        at: Location,
    },
    /// Not well-formed XML.
    #[error("malformed XML at byte {offset}: {message}")]
    Xml {
        /// Byte offset.
        offset: usize,
        /// The parser's message.
        message: String,
    },
    /// A document type declaration with an internal subset: entity and
    /// element declarations are refused, so no entity can be expanded
    /// (XML bombs) or fetched (external entities).
    #[error("XML at byte {offset}: a DOCTYPE internal subset (entity declarations) is refused")]
    XmlDtd {
        /// Byte offset of the DOCTYPE.
        offset: usize,
    },
    /// A reference to an entity other than the five XML predefines.
    #[error("XML at byte {offset}: reference to undeclared entity &{name};")]
    XmlEntity {
        /// Byte offset.
        offset: usize,
        /// The entity's name.
        name: String,
    },
    /// An XML declaration naming an encoding other than UTF-8 on non-ASCII bytes.
    #[error("XML declares encoding {declared:?}; only UTF-8 (or ASCII-only text) is read")]
    XmlEncoding {
        /// The declared encoding.
        declared: String,
    },
    /// Well-formed XML, but its root element is not `svg`.
    #[error("not an SVG: the root element is {root:?}")]
    NotSvg {
        /// The root element's name (empty when there is none).
        root: String,
    },
    /// A badge element that breaks the baking rules (child elements, wrong
    /// namespace, no payload, `verify` and content disagreeing).
    #[error("bad badge element at SVG byte {offset}: {what}")]
    SvgBadgeElement {
        /// Byte offset of the element.
        offset: usize,
        /// What is wrong.
        what: &'static str,
    },
}

/// The image-size check every entry point starts with.
pub(crate) fn check_image_size(bytes: &[u8], limits: &Limits) -> Result<(), BakeError> {
    if bytes.len() > limits.max_image_bytes {
        return Err(BakeError::Limit(LimitExceeded {
            limit: Limit::ImageBytes,
            max: limits.max_image_bytes,
            found: Some(bytes.len()),
        }));
    }
    Ok(())
}

/// Keeps the distinct badges found, refusing a second different one.
#[derive(Debug, Default)]
pub(crate) struct Found {
    first: Option<(Location, Payload)>,
}

impl Found {
    pub(crate) fn add(&mut self, at: Location, payload: Payload) -> Result<(), BakeError> {
        match &self.first {
            None => {
                self.first = Some((at, payload));
                Ok(())
            }
            Some((_, p)) if *p == payload => Ok(()),
            Some((first, _)) => Err(BakeError::Conflict {
                first: *first,
                second: at,
            }),
        }
    }

    pub(crate) fn into_first(self) -> Option<(Location, Payload)> {
        self.first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limits = Limits::DEFAULT;

    #[test]
    fn classify_forms() {
        assert!(matches!(
            Content::classify(" {\"a\":1}\n", &L),
            Ok(Content::Json(s)) if s == "{\"a\":1}"
        ));
        assert!(matches!(
            Content::classify("eyJh.eyJi.c2ln", &L),
            Ok(Content::Jws(_))
        ));
        assert!(matches!(
            Content::classify("eyJh.eyJi.", &L),
            Ok(Content::Jws(_))
        ));
        assert!(matches!(
            Content::classify("https://e.org/a", &L),
            Ok(Content::Url(_))
        ));
        assert_eq!(Content::classify("  ", &L), Err(PayloadProblem::Empty));
        assert_eq!(
            Content::classify("a.b", &L),
            Err(PayloadProblem::Jws(
                "a compact JWS has exactly three segments"
            ))
        );
        assert_eq!(
            Content::classify("hello world", &L),
            Err(PayloadProblem::Unrecognized)
        );
        assert!(matches!(
            Content::classify("{\"a\":", &L),
            Err(PayloadProblem::Json(_))
        ));
        assert_eq!(
            Content::classify("ftp://e.org/a", &L),
            Err(PayloadProblem::Unrecognized)
        );
    }

    #[test]
    fn sniff_versions() {
        let ob2 = r#"{"@context":"https://w3id.org/openbadges/v2","type":"Assertion"}"#;
        let ob3 = r#"{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]}"#;
        assert_eq!(Payload::sniff(ob2, &L).unwrap().version(), Version::Ob2);
        assert_eq!(Payload::sniff(ob3, &L).unwrap().version(), Version::Ob3);
        let b64 = |v: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v);
        // VC-JWT 1.1 style: the credential sits in the `vc` claim.
        let jwt = format!(
            "{}.{}.c2ln",
            b64(r#"{"alg":"EdDSA"}"#),
            b64(&format!(r#"{{"iss":"x","vc":{ob3}}}"#))
        );
        assert_eq!(Payload::sniff(&jwt, &L).unwrap().version(), Version::Ob3);
        let jws2 = format!("{}.{}.c2ln", b64(r#"{"alg":"RS256"}"#), b64(ob2));
        assert_eq!(Payload::sniff(&jws2, &L).unwrap().version(), Version::Ob2);
        assert!(matches!(
            Payload::sniff(r#"{"a":1}"#, &L),
            Err(BakeError::Payload {
                problem: PayloadProblem::UnknownVersion,
                ..
            })
        ));
    }

    #[test]
    fn new_checks_form() {
        assert!(matches!(
            Payload::new(Version::Ob2, Content::Json("https://e.org/".into()), &L),
            Err(BakeError::Payload {
                problem: PayloadProblem::WrongForm,
                ..
            })
        ));
        let p = Payload::new(Version::Ob3, Content::Jws(" a.b.c ".into()), &L).unwrap();
        assert_eq!(p.as_str(), "a.b.c");
    }

    #[test]
    fn payload_size_limit() {
        let limits = Limits {
            max_baked_payload_bytes: 8,
            ..Limits::DEFAULT
        };
        assert!(matches!(
            Content::classify("https://example.org/long", &limits),
            Err(PayloadProblem::Limit(LimitExceeded {
                limit: Limit::BakedPayloadBytes,
                ..
            }))
        ));
    }
}
