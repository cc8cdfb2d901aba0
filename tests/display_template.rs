//! `fixtures/images/badge-template.png`: the PNG the mint example bakes into
//! when the `raster` feature is off. It is the seal of
//! `display::image::BadgeImage` with no text (so it renders the same with or
//! without fonts) in `display::page::DEFAULT_COLOUR`, 512 × 512, rendered by
//! resvg.
//!
//! Without `raster` the committed file is checked for what it must be (a
//! plain 512 × 512 RGBA seal with nothing baked in). With `raster` it is
//! also compared with a fresh rendering, pixel by pixel within a small
//! tolerance (anti-aliasing may differ by a unit between builds);
//! `OPENBADGES_REGENERATE=1 cargo test --features raster --test
//! display_template` rewrites it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use openbadges::bake::extract_png;
use openbadges::limits::Limits;

const PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/images/badge-template.png"
);
const SIZE: u32 = 512;

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[cfg(feature = "raster")]
fn render() -> Vec<u8> {
    use openbadges::display::image::BadgeImage;
    use openbadges::display::page::DEFAULT_COLOUR;
    BadgeImage::new("", "", DEFAULT_COLOUR)
        .to_png(SIZE)
        .unwrap()
}

/// The committed file (rewritten first, once, under OPENBADGES_REGENERATE=1
/// with `raster`).
fn committed() -> Vec<u8> {
    static REGENERATED: std::sync::Once = std::sync::Once::new();
    REGENERATED.call_once(|| {
        #[cfg(feature = "raster")]
        if std::env::var_os("OPENBADGES_REGENERATE").is_some() {
            std::fs::write(PATH, render()).unwrap();
        }
    });
    std::fs::read(PATH).unwrap()
}

#[test]
fn committed_template_is_a_plain_seal() {
    let bytes = committed();
    assert!(bytes.len() < 64 * 1024, "{} bytes", bytes.len());
    assert_eq!(extract_png(&bytes, &Limits::DEFAULT).unwrap(), None);
    let (w, h, px) = decode(&bytes);
    assert_eq!((w, h), (SIZE, SIZE));
    let at = |x: u32, y: u32| {
        let i = ((y * SIZE + x) * 4) as usize;
        [px[i], px[i + 1], px[i + 2], px[i + 3]]
    };
    // Outside the seal: transparent. The rim (radius 232..248 around the
    // centre, image.rs): the default colour darkened by 35% (0x1f6f8b →
    // 0x14485a, Rgb::darker).
    assert_eq!(at(0, 0)[3], 0);
    assert_eq!(at(SIZE - 1, SIZE - 1)[3], 0);
    assert_eq!(at(256, 12), [0x14, 0x48, 0x5a, 255]);
    // The white ring between rim and face (r 222..232).
    assert_eq!(at(256, 29), [255, 255, 255, 255]);
    // The face is a vertical gradient from 25% lighter to 20% darker.
    let top = at(256, 40);
    let bottom = at(256, 470);
    assert_eq!(top[3], 255);
    assert!(top[2] > bottom[2], "{top:?} {bottom:?}");
}

#[cfg(feature = "raster")]
#[test]
fn committed_template_matches_a_fresh_rendering() {
    let (_, _, committed) = decode(&committed());
    let (_, _, fresh) = decode(&render());
    assert_eq!(committed.len(), fresh.len());
    let off = committed
        .iter()
        .zip(&fresh)
        .filter(|(a, b)| a.abs_diff(**b) > 2)
        .count();
    assert!(
        off * 1000 <= committed.len(),
        "{off} channel values differ by more than 2: rerun with OPENBADGES_REGENERATE=1"
    );
}
