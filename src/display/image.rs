//! A badge image drawn from an achievement: a round seal with the issuer's
//! name along the top arc, the achievement's code and name in the middle,
//! and a ribbon with the level, in the band's colour.
//!
//! [`BadgeImage::to_svg`] writes a self-contained SVG 1.1 document (no
//! script, no external reference, no DTD) in which every text is
//! XML-escaped and characters XML 1.0 forbids are dropped, so a name full of
//! markup shows as text. With the `raster` feature, `BadgeImage::to_png`
//! renders it with resvg (pure Rust), using the system's fonts for the text
//! (DejaVu Sans, else any sans-serif; with no fonts installed the shapes
//! render and the text does not).
//!
//! ```
//! use openbadges::display::image::{BadgeImage, Rgb};
//!
//! let image = BadgeImage::new("Facilitates <team> meetings", "City Schools", Rgb::from_hex("#1f6f8b")?)
//!     .code("FTB-2")
//!     .level("Proficient");
//! let svg = image.to_svg();
//! assert!(svg.contains("Facilitates &lt;team&gt;"));
//! // It is a badge-bakeable SVG.
//! let limits = openbadges::limits::Limits::DEFAULT;
//! assert_eq!(openbadges::bake::extract_svg(svg.as_bytes(), &limits)?, None);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use core::fmt::Write as _;

use crate::model::v3::Achievement;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Rgb {
    /// A colour from `#rrggbb` or `#rgb` (the `#` optional).
    ///
    /// # Errors
    /// [`ImageError::Colour`] for anything else.
    pub fn from_hex(s: &str) -> Result<Rgb, ImageError> {
        let err = || ImageError::Colour {
            input: s.to_owned(),
        };
        let h = s.strip_prefix('#').unwrap_or(s);
        if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(err());
        }
        let nibble = |i: usize| {
            h.get(i..=i)
                .and_then(|d| u8::from_str_radix(d, 16).ok())
                .ok_or_else(err)
        };
        let byte = |i: usize| {
            h.get(i..i + 2)
                .and_then(|d| u8::from_str_radix(d, 16).ok())
                .ok_or_else(err)
        };
        match h.len() {
            3 => Ok(Rgb {
                r: nibble(0)? * 17,
                g: nibble(1)? * 17,
                b: nibble(2)? * 17,
            }),
            6 => Ok(Rgb {
                r: byte(0)?,
                g: byte(2)?,
                b: byte(4)?,
            }),
            _ => Err(err()),
        }
    }

    /// Mixed with `other`: `t` = 0 gives `self`, 1 gives `other`.
    fn mix(self, other: Rgb, t: f32) -> Rgb {
        let m = |a: u8, b: u8| {
            let v = f32::from(a) + (f32::from(b) - f32::from(a)) * t.clamp(0.0, 1.0);
            // In 0..=255 by construction.
            v.round().clamp(0.0, 255.0) as u8
        };
        Rgb {
            r: m(self.r, other.r),
            g: m(self.g, other.g),
            b: m(self.b, other.b),
        }
    }

    fn darker(self, t: f32) -> Rgb {
        self.mix(Rgb { r: 0, g: 0, b: 0 }, t)
    }

    fn lighter(self, t: f32) -> Rgb {
        self.mix(
            Rgb {
                r: 255,
                g: 255,
                b: 255,
            },
            t,
        )
    }

    /// Relative luminance (WCAG), 0 to 1.
    fn luminance(self) -> f32 {
        let c = |v: u8| {
            let s = f32::from(v) / 255.0;
            if s <= 0.039_28 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * c(self.r) + 0.7152 * c(self.g) + 0.0722 * c(self.b)
    }
}

impl core::fmt::Display for Rgb {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// What a badge image shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeImage {
    name: String,
    issuer: String,
    colour: Rgb,
    level: Option<String>,
    code: Option<String>,
}

/// The side of the square image, in SVG user units (and PNG pixels at scale 1).
pub const SIZE: u32 = 512;

/// Longest line of the name, in characters, before wrapping.
const LINE_CHARS: usize = 16;
/// Most lines of the name; more is cut with an ellipsis.
const MAX_LINES: usize = 3;
const FONT: &str = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";

impl BadgeImage {
    /// An image for an achievement `name` awarded by `issuer`, in `colour`.
    pub fn new(name: impl Into<String>, issuer: impl Into<String>, colour: Rgb) -> BadgeImage {
        BadgeImage {
            name: name.into(),
            issuer: issuer.into(),
            colour,
            level: None,
            code: None,
        }
    }

    /// From an OB 3.0 achievement: its `name` (else its `humanCode`, else
    /// "Achievement") and its `humanCode` as the code.
    pub fn for_achievement(
        achievement: &Achievement,
        issuer: impl Into<String>,
        colour: Rgb,
    ) -> BadgeImage {
        let name = achievement
            .name
            .clone()
            .or_else(|| achievement.human_code.clone())
            .unwrap_or_else(|| "Achievement".to_owned());
        let mut image = BadgeImage::new(name, issuer, colour);
        image.code = achievement.human_code.clone();
        image
    }

    /// The level shown on the ribbon (e.g. a rubric level).
    #[must_use]
    pub fn level(mut self, level: impl Into<String>) -> Self {
        self.level = Some(level.into());
        self
    }

    /// A short code shown large in the middle (e.g. "FTB-2").
    #[must_use]
    pub fn code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// The image as an SVG document.
    pub fn to_svg(&self) -> String {
        let base = self.colour;
        let rim = base.darker(0.35);
        let light = base.lighter(0.25);
        let dark = base.darker(0.2);
        let ink = if base.luminance() > 0.45 {
            Rgb {
                r: 0x1a,
                g: 0x1a,
                b: 0x1a,
            }
        } else {
            Rgb {
                r: 255,
                g: 255,
                b: 255,
            }
        };
        let title = match &self.level {
            Some(l) => format!("{} ({}), {}", self.name, l, self.issuer),
            None => format!("{}, {}", self.name, self.issuer),
        };
        let issuer = truncate(&self.issuer.to_uppercase(), 36);
        // The arc is about 520 units long; bold capitals take about 0.72 em
        // plus the letter spacing.
        let n = issuer.chars().count().max(1) as f32;
        let issuer_size = ((500.0 / n - 2.0) / 0.72).clamp(14.0, 28.0).round() as u32;
        let mut s = String::with_capacity(4096);
        // Writing to a String never fails.
        let _ = write!(
            s,
            r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{SIZE}" height="{SIZE}" viewBox="0 0 512 512" role="img" aria-label="{aria}">
  <title>{title}</title>
  <defs>
    <linearGradient id="face" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="{light}"/>
      <stop offset="1" stop-color="{dark}"/>
    </linearGradient>
    <path id="top-arc" d="M 64 256 A 192 192 0 0 1 448 256"/>
  </defs>
  <circle cx="256" cy="256" r="248" fill="{rim}"/>
  <circle cx="256" cy="256" r="232" fill="#ffffff"/>
  <circle cx="256" cy="256" r="222" fill="url(#face)"/>
  <circle cx="256" cy="256" r="172" fill="none" stroke="{ink}" stroke-opacity="0.35" stroke-width="3"/>
  <text font-family="{FONT}" font-size="{issuer_size}" font-weight="bold" letter-spacing="2" fill="{ink}" text-anchor="middle"><textPath href="#top-arc" startOffset="50%">{issuer}</textPath></text>
"##,
            aria = esc(&title),
            title = esc(&title),
            issuer = esc(&issuer),
        );
        let lines = wrap(&self.name, LINE_CHARS, MAX_LINES);
        let longest = lines
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(1)
            .max(8);
        // DejaVu Sans Bold averages about 0.62 em a character; fit 270 units.
        let size = (270.0 / (0.62 * longest as f32)).clamp(20.0, 40.0).round() as u32;
        let line_gap = size + size / 4;
        // The name block's middle line: lower when a code sits above it.
        let mut y = if self.level.is_some() { 262i64 } else { 272 };
        if let Some(code) = &self.code {
            let _ = writeln!(
                s,
                r#"  <text x="256" y="178" font-family="{FONT}" font-size="50" font-weight="bold" fill="{ink}" text-anchor="middle">{}</text>"#,
                esc(&truncate(code, 10))
            );
            y += 18;
        }
        let block = i64::from(line_gap) * (lines.len() as i64 - 1);
        y -= block / 2;
        for line in &lines {
            let _ = writeln!(
                s,
                r#"  <text x="256" y="{y}" font-family="{FONT}" font-size="{size}" font-weight="bold" fill="{ink}" text-anchor="middle">{}</text>"#,
                esc(line)
            );
            y += i64::from(line_gap);
        }
        if let Some(level) = &self.level {
            let _ = write!(
                s,
                r##"  <path d="M 96 372 L 416 372 L 396 398 L 416 424 L 96 424 L 116 398 Z" fill="{rim}"/>
  <rect x="126" y="364" width="260" height="52" rx="6" fill="#ffffff"/>
  <text x="256" y="399" font-family="{FONT}" font-size="26" font-weight="bold" fill="{rim}" text-anchor="middle">{}</text>
"##,
                esc(&truncate(&level.to_uppercase(), 18))
            );
        }
        s.push_str("</svg>\n");
        s
    }

    /// The image rendered to a PNG of `size` × `size` pixels (feature `raster`).
    ///
    /// # Errors
    /// [`ImageError::Size`] for a size of 0 or over 4096; [`ImageError::Render`]
    /// if rendering or PNG encoding fails.
    #[cfg(feature = "raster")]
    #[cfg_attr(docsrs, doc(cfg(feature = "raster")))]
    pub fn to_png(&self, size: u32) -> Result<Vec<u8>, ImageError> {
        raster::render(&self.to_svg(), size)
    }
}

/// Escapes text for XML content and attributes, dropping characters XML 1.0
/// does not allow (C0 controls other than tab and newline, U+FFFE/U+FFFF).
fn esc(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

/// At most `max` characters, ending in "…" when cut.
fn truncate(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Greedy word wrap to `width` characters and at most `lines` lines (words
/// longer than a line are cut; the last line ends in "…" when text is left).
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split_whitespace().peekable();
    let mut left_over = false;
    while let Some(word) = words.next() {
        let word = truncate(word, width);
        let len = current.chars().count();
        if len == 0 {
            current = word;
        } else if len + 1 + word.chars().count() <= width {
            current.push(' ');
            current.push_str(&word);
        } else {
            out.push(core::mem::take(&mut current));
            if out.len() == lines {
                left_over = true;
                break;
            }
            current = word;
        }
        if words.peek().is_none() {
            break;
        }
    }
    if !current.is_empty() && out.len() < lines {
        out.push(current);
    }
    if left_over {
        if let Some(last) = out.last_mut() {
            let cut = truncate(last, width.saturating_sub(1));
            *last = if cut.ends_with('…') {
                cut
            } else {
                format!("{cut}…")
            };
        }
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

#[cfg(feature = "raster")]
mod raster {
    use std::sync::{Arc, OnceLock};

    use super::{ImageError, SIZE};

    /// The system fonts, loaded once.
    fn fonts() -> Arc<resvg::usvg::fontdb::Database> {
        static DB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
        DB.get_or_init(|| {
            let mut db = resvg::usvg::fontdb::Database::new();
            db.load_system_fonts();
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
    }

    pub(super) fn render(svg: &str, size: u32) -> Result<Vec<u8>, ImageError> {
        if size == 0 || size > 4096 {
            return Err(ImageError::Size { size });
        }
        let options = resvg::usvg::Options {
            fontdb: fonts(),
            ..resvg::usvg::Options::default()
        };
        let tree = resvg::usvg::Tree::from_str(svg, &options)
            .map_err(|e| ImageError::Render(e.to_string()))?;
        let mut pixmap =
            resvg::tiny_skia::Pixmap::new(size, size).ok_or(ImageError::Size { size })?;
        let scale = size as f32 / SIZE as f32;
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        pixmap
            .encode_png()
            .map_err(|e| ImageError::Render(e.to_string()))
    }
}

/// Why a badge image could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImageError {
    /// Not a `#rrggbb` / `#rgb` colour.
    #[error("not a #rrggbb colour: {input:?}")]
    Colour {
        /// What was given.
        input: String,
    },
    /// A raster size out of range (1 to 4096).
    #[error("raster size {size} is out of range (1-4096)")]
    Size {
        /// The size asked for.
        size: u32,
    },
    /// The renderer failed.
    #[error("rendering failed: {0}")]
    Render(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(
            Rgb::from_hex("#1f6F8b").unwrap(),
            Rgb {
                r: 0x1f,
                g: 0x6f,
                b: 0x8b
            }
        );
        assert_eq!(Rgb::from_hex("fff").unwrap().to_string(), "#ffffff");
        for bad in ["", "#12345", "#gggggg", "#1234567", "é12345", "#+12345"] {
            assert!(Rgb::from_hex(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn wrapping() {
        assert_eq!(
            wrap("Establishes and sustains team norms", 16, 3),
            ["Establishes and", "sustains team", "norms"]
        );
        assert_eq!(wrap("a", 16, 3), ["a"]);
        assert_eq!(wrap("", 16, 3), [""]);
        let long = wrap(
            "one two three four five six seven eight nine ten eleven twelve",
            10,
            2,
        );
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…'), "{long:?}");
        assert_eq!(
            wrap("Supercalifragilisticexpialidocious", 10, 3),
            ["Supercali…"]
        );
    }

    #[test]
    fn escaping_drops_forbidden_characters() {
        assert_eq!(
            esc("a\u{0}b\u{1b}c<&>\"'\u{fffe}"),
            "abc&lt;&amp;&gt;&quot;&apos;"
        );
    }

    #[test]
    fn svg_is_well_formed_xml_with_the_escaped_name() {
        let name = "<script>alert('x')</script> & \"friends\"";
        let image = BadgeImage::new(name, "Issuer <b>Co</b>", Rgb::from_hex("#c8e6c9").unwrap())
            .level("Proficient & up")
            .code("A<1>");
        let svg = image.to_svg();
        // The raw markup never appears; its escaped form does.
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"));
        // A real XML parser reads it, and the texts come back unescaped.
        let mut reader = quick_xml::Reader::from_str(&svg);
        let mut texts = String::new();
        let mut elements = Vec::new();
        loop {
            match reader.read_event().unwrap() {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                    elements.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap());
                }
                quick_xml::events::Event::Text(t) => texts.push_str(&t.decode().unwrap()),
                quick_xml::events::Event::GeneralRef(r) => {
                    let c = match r.decode().unwrap().as_ref() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        other => panic!("entity {other}"),
                    };
                    texts.push(c);
                }
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert!(texts.contains("<script>alert('x')</script>"), "{texts}");
        assert!(texts.contains("ISSUER <B>CO</B>"), "{texts}");
        assert!(texts.contains("PROFICIENT & UP"), "{texts}");
        assert_eq!(elements[0], "svg");
        assert!(!elements
            .iter()
            .any(|e| e == "script" || e == "foreignObject"));
        // Light colour: dark ink.
        assert!(svg.contains("fill=\"#1a1a1a\""));
    }

    #[test]
    fn for_achievement_uses_name_and_code() {
        let a: Achievement = serde_json::from_value(serde_json::json!({
            "id": "https://e.org/a/1",
            "type": ["Achievement"],
            "name": "Teamwork",
            "humanCode": "TW-1",
            "criteria": {"narrative": "x"},
            "description": "d"
        }))
        .unwrap();
        let svg =
            BadgeImage::for_achievement(&a, "Example Corp", Rgb::from_hex("#123456").unwrap())
                .to_svg();
        assert!(svg.contains(">Teamwork</text>"));
        assert!(svg.contains(">TW-1</text>"));
        assert!(svg.contains("EXAMPLE CORP"));
    }

    #[cfg(feature = "raster")]
    #[test]
    fn rasterizes_to_a_png() {
        let png = BadgeImage::new(
            "Teamwork",
            "Example Corp",
            Rgb::from_hex("#1f6f8b").unwrap(),
        )
        .level("Proficient")
        .to_png(256)
        .unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(&png))
            .read_info()
            .unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (256, 256));
        assert_eq!(info.color_type, png::ColorType::Rgba);
        let px = |x: usize, y: usize| &buf[(y * 256 + x) * 4..(y * 256 + x) * 4 + 4];
        assert_eq!(px(0, 0)[3], 0, "corner is transparent");
        assert_eq!(px(128, 30)[3], 255, "inside the seal is opaque");
        assert_eq!(
            BadgeImage::new("a", "b", Rgb::from_hex("#000").unwrap()).to_png(0),
            Err(ImageError::Size { size: 0 })
        );
    }
}
