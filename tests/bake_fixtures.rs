//! The small test images of `fixtures/images/`, made here: `badge.png` is
//! drawn pixel by pixel and encoded with the `png` crate (a 128×128 RGBA
//! disc with a ring, plus a `tEXt` "Software" chunk so baking has a neighbour
//! chunk to preserve); `badge.svg` is the text below. The committed files
//! must equal what this generates; `OPENBADGES_REGENERATE=1` rewrites them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/images"))
}

/// A teal disc with a light ring on a transparent background.
pub fn badge_png() -> Vec<u8> {
    const N: u32 = 128;
    let mut pixels = Vec::with_capacity((N * N * 4) as usize);
    let c = (N as f64 - 1.0) / 2.0;
    for y in 0..N {
        for x in 0..N {
            let d = ((x as f64 - c).powi(2) + (y as f64 - c).powi(2)).sqrt();
            let px: [u8; 4] = if d > 62.0 {
                [0, 0, 0, 0]
            } else if d > 56.0 {
                [0x0b, 0x4f, 0x5c, 255]
            } else if d > 50.0 {
                [0xe6, 0xf4, 0xf1, 255]
            } else {
                // A vertical gradient inside.
                let t = y as f64 / N as f64;
                [
                    (0x14 as f64 + 40.0 * t) as u8,
                    (0x8f as f64 - 40.0 * t) as u8,
                    (0x8a as f64 - 20.0 * t) as u8,
                    255,
                ]
            };
            pixels.extend_from_slice(&px);
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, N, N);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.add_text_chunk(
        "Software".into(),
        "openbadges tests/bake_fixtures.rs".into(),
    )
    .unwrap();
    let mut w = enc.write_header().unwrap();
    w.write_image_data(&pixels).unwrap();
    w.finish().unwrap();
    out
}

/// A hand-written SVG with an XML declaration, a comment, a default
/// namespace, an `xlink` prefix and an entity reference in text.
pub const BADGE_SVG: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<!-- A plain badge for the baking tests (fixtures/images/badge.svg). -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="128" height="128" viewBox="0 0 128 128">
  <title>Test badge &amp; friends</title>
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#148f8a"/>
      <stop offset="1" stop-color="#3c6778"/>
    </linearGradient>
  </defs>
  <circle cx="64" cy="64" r="60" fill="#0b4f5c"/>
  <circle cx="64" cy="64" r="53" fill="#e6f4f1"/>
  <circle cx="64" cy="64" r="48" fill="url(#g)"/>
  <use xlink:href="#g"/>
</svg>
"##;

fn check(name: &str, bytes: &[u8]) {
    let path = dir().join(name);
    if std::env::var_os("OPENBADGES_REGENERATE").is_some() {
        std::fs::create_dir_all(dir()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        return;
    }
    let committed = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        committed == bytes,
        "{} differs from what tests/bake_fixtures.rs generates (OPENBADGES_REGENERATE=1 rewrites it)",
        path.display()
    );
}

#[test]
fn images_match_their_generator() {
    check("badge.png", &badge_png());
    check("badge.svg", BADGE_SVG.as_bytes());
}

#[test]
fn images_are_plain() {
    // Decodable by an independent decoder, and carry no badge yet.
    let png = badge_png();
    let dec = png::Decoder::new(std::io::Cursor::new(&png));
    let reader = dec.read_info().unwrap();
    assert_eq!(reader.info().width, 128);
    let limits = openbadges::limits::Limits::DEFAULT;
    assert_eq!(openbadges::bake::extract(&png, &limits), Ok(None));
    assert_eq!(
        openbadges::bake::extract(BADGE_SVG.as_bytes(), &limits),
        Ok(None)
    );
}
