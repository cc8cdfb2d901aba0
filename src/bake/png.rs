//! PNG badges: an `iTXt` chunk after `IHDR`.
//!
//! Baking inserts one uncompressed `iTXt` chunk, keyword `openbadges` (OB 2.0)
//! or `openbadgecredential` (OB 3.0), empty language tag and translated
//! keyword, right after `IHDR` (where openbadges-bakery puts it, so a reader
//! that stops at the first badge chunk stops early). Every other byte of the
//! file is copied as it was, pixels included.
//!
//! Extraction reads every chunk up to `IEND`, checking each CRC-32, and takes
//! badge text from `iTXt` (compressed or not), `zTXt` and legacy `tEXt`
//! chunks with either keyword. Chunk splitting and CRCs are `img-parts`'
//! ([`img_parts::png::PngChunk`]); a declared length is checked against
//! [`Limits::max_chunk_bytes`] and the bytes left before anything is read.
//! Bytes after `IEND` are ignored, as PNG decoders do.

use std::io::Read as _;

use img_parts::png::PngChunk;
use img_parts::Bytes;

use super::{check_image_size, BakeError, Found, Location, Payload, Version};
use crate::limits::{Limit, LimitExceeded, Limits};

/// The 8-byte PNG signature.
pub(crate) const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
/// The OB 2.0 keyword.
pub const KEYWORD_OB2: &str = "openbadges";
/// The OB 3.0 keyword.
pub const KEYWORD_OB3: &str = "openbadgecredential";

/// The PNG spec's ceiling on a chunk length.
const PNG_MAX_CHUNK: u64 = 0x7fff_ffff;

/// One chunk as read: where, its type, its data.
struct Chunk {
    index: usize,
    offset: usize,
    kind: [u8; 4],
    data: Bytes,
}

impl Chunk {
    fn at(&self) -> Location {
        Location::PngChunk {
            index: self.index,
            offset: self.offset,
        }
    }

    fn malformed(&self, what: &'static str) -> BakeError {
        BakeError::PngMalformed {
            index: self.index,
            offset: self.offset,
            what,
        }
    }
}

/// What a walk over the chunks learned.
struct Scan {
    /// Byte offset just past `IHDR` (where a badge chunk goes).
    after_ihdr: usize,
    /// The badge found, if any, and where.
    badge: Option<(Location, Payload)>,
}

/// Reads every chunk to `IEND`, checking structure, lengths and CRCs, and
/// collects the badge chunks (refusing two different ones).
fn scan(image: &[u8], limits: &Limits) -> Result<Scan, BakeError> {
    check_image_size(image, limits)?;
    let body = image
        .strip_prefix(&SIGNATURE[..])
        .ok_or(BakeError::PngSignature)?;
    // One bounded copy (the image is under `max_image_bytes`); chunks are
    // zero-copy slices of it.
    let mut rest = Bytes::copy_from_slice(body);
    let mut found = Found::default();
    let mut after_ihdr = 0;
    let mut index = 0usize;
    loop {
        let offset = image.len() - rest.len();
        let truncated = |what| BakeError::PngTruncated {
            index,
            offset,
            what,
        };
        if rest.is_empty() {
            return Err(truncated("the file ends before IEND"));
        }
        let header: [u8; 4] = rest
            .get(..4)
            .and_then(|h| h.try_into().ok())
            .ok_or(truncated("chunk length cut off"))?;
        let declared = u64::from(u32::from_be_bytes(header));
        let max = PNG_MAX_CHUNK.min(limits.max_chunk_bytes as u64);
        if declared > max {
            return Err(BakeError::PngChunkTooLong {
                index,
                offset,
                declared,
                max,
            });
        }
        if declared + 12 > rest.len() as u64 {
            return Err(truncated("chunk data or CRC cut off"));
        }
        let chunk = match PngChunk::from_bytes(&mut rest) {
            Ok(c) => c,
            Err(img_parts::Error::BadCRC) => {
                let kind = rest_kind(image, offset);
                return Err(BakeError::PngBadCrc {
                    index,
                    offset,
                    chunk_type: String::from_utf8_lossy(&kind).into_owned(),
                });
            }
            Err(_) => return Err(truncated("chunk cut off")),
        };
        let chunk = Chunk {
            index,
            offset,
            kind: chunk.kind(),
            data: chunk.contents().clone(),
        };
        if !chunk.kind.iter().all(u8::is_ascii_alphabetic) {
            return Err(chunk.malformed("chunk type is not four ASCII letters"));
        }
        if index == 0 {
            if &chunk.kind != b"IHDR" {
                return Err(chunk.malformed("the first chunk is not IHDR"));
            }
            after_ihdr = image.len() - rest.len();
        }
        if let Some((version, text)) = badge_text(&chunk, limits)? {
            let payload = Payload::from_baked_text(version, &text, chunk.at(), limits)?;
            found.add(chunk.at(), payload)?;
        }
        if &chunk.kind == b"IEND" {
            break;
        }
        index += 1;
    }
    Ok(Scan {
        after_ihdr,
        badge: found.into_first(),
    })
}

/// The four type bytes of the chunk at `offset` (for error messages).
fn rest_kind(image: &[u8], offset: usize) -> [u8; 4] {
    image
        .get(offset + 4..offset + 8)
        .and_then(|k| k.try_into().ok())
        .unwrap_or([b'?'; 4])
}

fn version_of_keyword(keyword: &[u8]) -> Option<Version> {
    if keyword == KEYWORD_OB2.as_bytes() {
        Some(Version::Ob2)
    } else if keyword == KEYWORD_OB3.as_bytes() {
        Some(Version::Ob3)
    } else {
        None
    }
}

/// Splits at the first NUL: (before, after).
fn split_nul(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = bytes.iter().position(|&b| b == 0)?;
    Some((bytes.get(..at)?, bytes.get(at + 1..)?))
}

/// ISO 8859-1 to a string (each byte is the code point).
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Inflates a zlib stream, stopping past the payload budget.
fn inflate(chunk: &Chunk, data: &[u8], limits: &Limits) -> Result<Vec<u8>, BakeError> {
    let max = limits.max_baked_payload_bytes;
    let mut out = Vec::new();
    let mut reader = flate2::read::ZlibDecoder::new(data).take(max as u64 + 1);
    reader
        .read_to_end(&mut out)
        .map_err(|_| chunk.malformed("compressed text is not a valid zlib stream"))?;
    if out.len() > max {
        return Err(BakeError::Limit(LimitExceeded {
            limit: Limit::BakedPayloadBytes,
            max,
            found: None,
        }));
    }
    Ok(out)
}

/// The badge text of a `tEXt` / `zTXt` / `iTXt` chunk with a badge keyword.
fn badge_text(chunk: &Chunk, limits: &Limits) -> Result<Option<(Version, String)>, BakeError> {
    let data: &[u8] = &chunk.data;
    match &chunk.kind {
        b"tEXt" => {
            let Some((keyword, text)) = split_nul(data) else {
                return Ok(None);
            };
            let Some(version) = version_of_keyword(keyword) else {
                return Ok(None);
            };
            Ok(Some((version, latin1(text))))
        }
        b"zTXt" => {
            let Some((keyword, rest)) = split_nul(data) else {
                return Ok(None);
            };
            let Some(version) = version_of_keyword(keyword) else {
                return Ok(None);
            };
            let (method, compressed) = rest
                .split_first()
                .ok_or(chunk.malformed("zTXt without compression method"))?;
            if *method != 0 {
                return Err(chunk.malformed("unknown zTXt compression method"));
            }
            Ok(Some((
                version,
                latin1(&inflate(chunk, compressed, limits)?),
            )))
        }
        b"iTXt" => {
            let Some((keyword, rest)) = split_nul(data) else {
                return Ok(None);
            };
            let Some(version) = version_of_keyword(keyword) else {
                return Ok(None);
            };
            let (flag, method, rest) = match rest {
                [flag, method, rest @ ..] => (*flag, *method, rest),
                _ => return Err(chunk.malformed("iTXt cut off after its keyword")),
            };
            let (_language, rest) =
                split_nul(rest).ok_or(chunk.malformed("iTXt language tag not terminated"))?;
            let (_translated, text) =
                split_nul(rest).ok_or(chunk.malformed("iTXt translated keyword not terminated"))?;
            let text = match (flag, method) {
                (0, _) => text.to_vec(),
                (1, 0) => inflate(chunk, text, limits)?,
                (1, _) => return Err(chunk.malformed("unknown iTXt compression method")),
                _ => return Err(chunk.malformed("iTXt compression flag is not 0 or 1")),
            };
            let text =
                String::from_utf8(text).map_err(|_| BakeError::NotUtf8 { at: chunk.at() })?;
            Ok(Some((version, text)))
        }
        _ => Ok(None),
    }
}

/// Extracts the badge of a PNG: `Ok(None)` when it has none.
///
/// # Errors
/// [`BakeError::PngSignature`], [`BakeError::PngTruncated`],
/// [`BakeError::PngChunkTooLong`], [`BakeError::PngBadCrc`],
/// [`BakeError::PngMalformed`] for a broken file (every chunk is checked, not
/// only the badge's); [`BakeError::Conflict`] for two different badge chunks;
/// [`BakeError::Payload`] / [`BakeError::NotUtf8`] for badge text that is not
/// a credential's form; [`BakeError::Limit`] over a size budget.
pub fn extract_png(image: &[u8], limits: &Limits) -> Result<Option<Payload>, BakeError> {
    Ok(scan(image, limits)?.badge.map(|(_, p)| p))
}

/// Bakes `payload` into a PNG: one uncompressed `iTXt` chunk after `IHDR`,
/// every other byte unchanged. Baking the payload the image already carries
/// returns it unchanged.
///
/// ```
/// use openbadges::bake::{bake_png, extract_png, Content, Payload, Version};
/// use openbadges::limits::Limits;
///
/// let image = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/images/badge.png")).unwrap();
/// let payload = Payload::new(Version::Ob2, Content::Url("https://example.org/assertions/1".into()), &Limits::DEFAULT)?;
/// let baked = bake_png(&image, &payload, &Limits::DEFAULT)?;
/// assert_eq!(baked.len(), image.len() + 12 + "openbadges".len() + 5 + payload.as_str().len());
/// assert_eq!(extract_png(&baked, &Limits::DEFAULT)?, Some(payload));
/// # Ok::<(), openbadges::bake::BakeError>(())
/// ```
///
/// # Errors
/// The errors of [`extract_png`] for the input image;
/// [`BakeError::AlreadyBaked`] when it carries a different badge;
/// [`BakeError::Limit`] when the chunk would exceed a budget.
pub fn bake_png(image: &[u8], payload: &Payload, limits: &Limits) -> Result<Vec<u8>, BakeError> {
    let scan = scan(image, limits)?;
    if let Some((at, existing)) = scan.badge {
        if existing == *payload {
            return Ok(image.to_vec());
        }
        return Err(BakeError::AlreadyBaked { at });
    }
    let text = payload.as_str();
    if text.len() > limits.max_baked_payload_bytes {
        return Err(BakeError::Limit(LimitExceeded {
            limit: Limit::BakedPayloadBytes,
            max: limits.max_baked_payload_bytes,
            found: Some(text.len()),
        }));
    }
    let keyword = match payload.version() {
        Version::Ob2 => KEYWORD_OB2,
        Version::Ob3 => KEYWORD_OB3,
    };
    // keyword NUL, compression flag 0, method 0, empty language tag NUL,
    // empty translated keyword NUL, then the UTF-8 text.
    let mut data = Vec::with_capacity(keyword.len() + 5 + text.len());
    data.extend_from_slice(keyword.as_bytes());
    data.extend_from_slice(&[0, 0, 0, 0, 0]);
    data.extend_from_slice(text.as_bytes());
    let max = PNG_MAX_CHUNK.min(limits.max_chunk_bytes as u64);
    if data.len() as u64 > max {
        return Err(BakeError::Limit(LimitExceeded {
            limit: Limit::ChunkBytes,
            max: max as usize,
            found: Some(data.len()),
        }));
    }
    let chunk = PngChunk::new(*b"iTXt", Bytes::from(data)).encoder().bytes();
    let total = image.len() + chunk.len();
    if total > limits.max_image_bytes {
        return Err(BakeError::Limit(LimitExceeded {
            limit: Limit::ImageBytes,
            max: limits.max_image_bytes,
            found: Some(total),
        }));
    }
    let (head, tail) = image
        .split_at_checked(scan.after_ihdr)
        .ok_or(BakeError::PngTruncated {
            index: 0,
            offset: 8,
            what: "IHDR",
        })?;
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(head);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(tail);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bake::Content;

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        PngChunk::new(*kind, Bytes::copy_from_slice(data))
            .encoder()
            .bytes()
            .to_vec()
    }

    fn png(middle: &[Vec<u8>]) -> Vec<u8> {
        let mut out = SIGNATURE.to_vec();
        out.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        for c in middle {
            out.extend_from_slice(c);
        }
        out.extend(chunk(
            b"IDAT",
            &[0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
        ));
        out.extend(chunk(b"IEND", &[]));
        out
    }

    const L: Limits = Limits::DEFAULT;

    #[test]
    fn plain_png_has_no_badge() {
        assert_eq!(extract_png(&png(&[]), &L), Ok(None));
    }

    #[test]
    fn compressed_itxt_and_ztxt_and_text() {
        use std::io::Write as _;
        let json = r#"{"@context":"https://w3id.org/openbadges/v2"}"#;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(json.as_bytes()).unwrap();
        let zjson = z.finish().unwrap();

        let mut itxt = b"openbadges\0\x01\x00en\0\0".to_vec();
        itxt.extend_from_slice(&zjson);
        let p = extract_png(&png(&[chunk(b"iTXt", &itxt)]), &L)
            .unwrap()
            .unwrap();
        assert_eq!(p.as_str(), json);
        assert!(matches!(p.content(), Content::Json(_)));

        let mut ztxt = b"openbadges\0\0".to_vec();
        ztxt.extend_from_slice(&zjson);
        let p = extract_png(&png(&[chunk(b"zTXt", &ztxt)]), &L)
            .unwrap()
            .unwrap();
        assert_eq!(p.as_str(), json);

        let p = extract_png(
            &png(&[chunk(b"tEXt", b"openbadges\0https://example.org/a.json")]),
            &L,
        )
        .unwrap()
        .unwrap();
        assert_eq!(
            p.content(),
            &Content::Url("https://example.org/a.json".into())
        );
        assert_eq!(p.version(), Version::Ob2);
    }

    #[test]
    fn other_text_chunks_are_ignored() {
        let img = png(&[
            chunk(b"tEXt", b"Software\0gimp"),
            chunk(b"iTXt", b"openbadgesx\0\0\0\0\0junk"),
        ]);
        assert_eq!(extract_png(&img, &L), Ok(None));
    }

    #[test]
    fn decompression_bomb_is_bounded() {
        use std::io::Write as _;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![b'{'; 4 * 1024 * 1024]).unwrap();
        let mut itxt = b"openbadgecredential\0\x01\x00\0\0".to_vec();
        itxt.extend_from_slice(&z.finish().unwrap());
        let err = extract_png(&png(&[chunk(b"iTXt", &itxt)]), &L).unwrap_err();
        assert!(
            matches!(
                err,
                BakeError::Limit(LimitExceeded {
                    limit: Limit::BakedPayloadBytes,
                    ..
                })
            ),
            "{err:?}"
        );
    }

    #[test]
    fn malformed_itxt_fields() {
        for (data, what) in [
            (&b"openbadges\0"[..], "iTXt cut off after its keyword"),
            (b"openbadges\0\0\0en", "iTXt language tag not terminated"),
            (
                b"openbadges\0\0\0\0x",
                "iTXt translated keyword not terminated",
            ),
            (
                b"openbadges\0\x02\0\0\0x",
                "iTXt compression flag is not 0 or 1",
            ),
            (
                b"openbadges\0\x01\x05\0\0x",
                "unknown iTXt compression method",
            ),
            (
                b"openbadges\0\x01\0\0\0notzlib",
                "compressed text is not a valid zlib stream",
            ),
        ] {
            let err = extract_png(&png(&[chunk(b"iTXt", data)]), &L).unwrap_err();
            assert_eq!(
                err,
                BakeError::PngMalformed {
                    index: 1,
                    offset: 33,
                    what
                }
            );
        }
        let err =
            extract_png(&png(&[chunk(b"iTXt", b"openbadges\0\0\0\0\0\xff\xfe")]), &L).unwrap_err();
        assert_eq!(
            err,
            BakeError::NotUtf8 {
                at: Location::PngChunk {
                    index: 1,
                    offset: 33
                }
            }
        );
    }
}
