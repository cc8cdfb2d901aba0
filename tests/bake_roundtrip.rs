//! Baking round trips for every kind (OB 2.0 / 3.0 × PNG / SVG × JSON / JWS /
//! URL), what baking leaves untouched, and the baked samples of 1EdTech's
//! validator (`../shared/spec/conformance/1edtech-validator/`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod bake_support;

use bake_support::*;
use openbadges::bake::{
    bake, bake_png, bake_svg, extract, extract_png, extract_svg, BakeError, Content, Payload,
    Version,
};

#[test]
fn png_round_trips_every_kind() {
    let image = png();
    for (name, payload) in payloads() {
        let baked = bake_png(&image, &payload, &L).unwrap();
        assert_eq!(
            extract_png(&baked, &L).unwrap().as_ref(),
            Some(&payload),
            "{name}"
        );
        // One chunk more, right after IHDR: an uncompressed iTXt with the
        // version's keyword, empty language tag and translated keyword.
        let before = png_chunks(&image);
        let after = png_chunks(&baked);
        assert_eq!(after.len(), before.len() + 1, "{name}");
        assert_eq!(&after[0].0, b"IHDR");
        assert_eq!(&after[1].0, b"iTXt");
        let keyword: &[u8] = match payload.version() {
            Version::Ob2 => b"openbadges",
            Version::Ob3 => b"openbadgecredential",
            _ => unreachable!(),
        };
        let mut expected = keyword.to_vec();
        expected.extend_from_slice(&[0, 0, 0, 0, 0]);
        expected.extend_from_slice(payload.as_str().as_bytes());
        assert_eq!(after[1].1, expected, "{name}");
        // Every other byte is the original's: cut the new chunk out again.
        let chunk_len = 12 + after[1].1.len();
        let ihdr_end = 8 + 12 + 13;
        let mut cut = baked[..ihdr_end].to_vec();
        cut.extend_from_slice(&baked[ihdr_end + chunk_len..]);
        assert_eq!(cut, image, "{name}");
        // An independent decoder reads the same pixels.
        assert_eq!(pixels(&baked), pixels(&image), "{name}");
        // The sniffing entry points agree.
        assert_eq!(bake(&image, &payload, &L).unwrap(), baked);
        assert_eq!(extract(&baked, &L).unwrap(), Some(payload));
    }
}

#[test]
fn svg_round_trips_every_kind() {
    let image = svg();
    let text = String::from_utf8(image.clone()).unwrap();
    let root_end = text.find("viewBox=\"0 0 128 128\">").unwrap() + "viewBox=\"0 0 128 128\"".len();
    for (name, payload) in payloads() {
        let baked = bake_svg(&image, &payload, &L).unwrap();
        assert_eq!(
            extract_svg(&baked, &L).unwrap().as_ref(),
            Some(&payload),
            "{name}"
        );
        let s = String::from_utf8(baked.clone()).unwrap();
        let (ns, element) = match payload.version() {
            Version::Ob2 => ("http://openbadges.org", "openbadges:assertion"),
            Version::Ob3 => (
                "https://purl.imsglobal.org/ob/v3p0",
                "openbadges:credential",
            ),
            _ => unreachable!(),
        };
        // xmlns:openbadges on the root, the element right after its `>`.
        let decl = format!(" xmlns:openbadges=\"{ns}\">");
        assert_eq!(&s[root_end..root_end + decl.len()], decl, "{name}");
        let el_start = root_end + decl.len();
        assert!(s[el_start..].starts_with(&format!("<{element}")), "{name}");
        // Where each form goes (OB 2.0 / 3.0 baking specs).
        let el_end = if s[el_start..].contains(&format!("</{element}>")) {
            el_start + s[el_start..].find(&format!("</{element}>")).unwrap() + element.len() + 3
        } else {
            el_start + s[el_start..].find("/>").unwrap() + 2
        };
        let el = &s[el_start..el_end];
        match payload.content() {
            Content::Json(j) => {
                assert!(el.contains(&format!("<![CDATA[{j}]]>")), "{name}: {el}");
                if payload.version() == Version::Ob2 {
                    assert!(el.contains(r#"verify="https://example.org/assertions/123""#));
                }
            }
            Content::Jws(v) | Content::Url(v) => {
                assert_eq!(el, format!("<{element} verify=\"{v}\"/>"), "{name}")
            }
            _ => unreachable!(),
        }
        // Every other byte is the original's.
        let restored = format!("{}>{}", &s[..root_end], &s[el_end..]);
        assert_eq!(restored.as_bytes(), &image[..], "{name}");
        assert_eq!(bake(&image, &payload, &L).unwrap(), baked);
        assert_eq!(extract(&baked, &L).unwrap(), Some(payload));
    }
}

#[test]
fn rebaking_same_is_a_no_op_and_different_is_refused() {
    let kinds = payloads();
    for image in [png(), svg()] {
        let baked = bake(&image, &kinds[0].1, &L).unwrap();
        assert_eq!(bake(&baked, &kinds[0].1, &L).unwrap(), baked);
        for (name, other) in &kinds[1..] {
            let err = bake(&baked, other, &L).unwrap_err();
            assert!(
                matches!(err, BakeError::AlreadyBaked { .. }),
                "{name}: {err}"
            );
        }
    }
}

#[test]
fn ob3_url_is_never_baked() {
    let err = Payload::new(
        Version::Ob3,
        Content::Url("https://example.org/c/1".into()),
        &L,
    )
    .unwrap_err();
    assert!(err.to_string().contains("not a URL"), "{err}");
}

fn json(p: &Payload) -> serde_json::Value {
    match p.content() {
        Content::Json(j) => serde_json::from_str(j).unwrap(),
        Content::Jws(j) => {
            use base64::Engine as _;
            let body = j.split('.').nth(1).unwrap();
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(body)
                .unwrap();
            serde_json::from_slice(&bytes).unwrap()
        }
        other => panic!("{other:?}"),
    }
}

fn types(v: &serde_json::Value) -> Vec<String> {
    let t = v
        .get("type")
        .or_else(|| v.get("vc").and_then(|vc| vc.get("type")));
    match t {
        Some(serde_json::Value::String(s)) => vec![s.clone()],
        Some(serde_json::Value::Array(a)) => {
            a.iter().map(|x| x.as_str().unwrap().to_owned()).collect()
        }
        _ => vec![],
    }
}

/// Every PNG/SVG of the 1EdTech validator's test resources, with what it
/// must carry (read off the files with an independent reader when this
/// table was written: the OB 2.0 PNG holds `ob20/basic-assertion.json` less `evidence`, the
/// two OB 3.0 JSON images hold the same credential, the JWT images VC-JWTs).
#[test]
fn conformance_samples_extract() {
    let Some(dir) = shared("spec/conformance/1edtech-validator") else {
        return;
    };
    // (file, version, form, type it must have)
    type Expect = Option<(Version, &'static str, &'static str)>;
    let table: &[(&str, Expect)] = &[
        (
            "ob20/simple-badge.png",
            Some((Version::Ob2, "json", "Assertion")),
        ),
        ("ob20/assets/robotics-badge.png", None),
        ("ob20/assets/beths-robot-badge.png", None),
        (
            "ob30/simple-json.png",
            Some((Version::Ob3, "json", "OpenBadgeCredential")),
        ),
        (
            "ob30/simple-json.svg",
            Some((Version::Ob3, "json", "OpenBadgeCredential")),
        ),
        (
            "ob30/simple-jwt.png",
            Some((Version::Ob3, "jws", "OpenBadgeCredential")),
        ),
        (
            "ob30/simple-jwt.svg",
            Some((Version::Ob3, "jws", "OpenBadgeCredential")),
        ),
        (
            "ob30/simple-jwt_v1.png",
            Some((Version::Ob3, "jws", "OpenBadgeCredential")),
        ),
        (
            "ob30/simple-jwt_v1.svg",
            Some((Version::Ob3, "jws", "OpenBadgeCredential")),
        ),
    ];
    // Every image in the folder is in the table.
    let mut on_disk = Vec::new();
    for sub in ["ob20", "ob20/assets", "ob30"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let name = e.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".png") || name.ends_with(".svg") {
                on_disk.push(format!("{sub}/{name}"));
            }
        }
    }
    on_disk.sort();
    let mut listed: Vec<String> = table.iter().map(|(f, _)| (*f).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);

    let mut got = std::collections::BTreeMap::new();
    for (file, expect) in table {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let p = extract(&bytes, &L).unwrap_or_else(|e| panic!("{file}: {e}"));
        match (expect, &p) {
            (None, None) => {}
            (Some((version, form, ty)), Some(p)) => {
                assert_eq!(p.version(), *version, "{file}");
                let is_form = match p.content() {
                    Content::Json(_) => "json",
                    Content::Jws(_) => "jws",
                    _ => "other",
                };
                assert_eq!(is_form, *form, "{file}");
                let v = json(p);
                assert!(types(&v).iter().any(|t| t == ty), "{file}: {:?}", types(&v));
                got.insert(*file, v);
            }
            _ => panic!("{file}: expected {expect:?}, got {p:?}"),
        }
    }
    // The OB 2.0 PNG carries the validator's basic assertion, without its
    // `evidence` link (so the file says; checked with Python's zlib/json).
    let mut basic: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("ob20/basic-assertion.json")).unwrap())
            .unwrap();
    basic.as_object_mut().unwrap().remove("evidence").unwrap();
    assert_eq!(got["ob20/simple-badge.png"], basic);
    assert_eq!(
        got["ob20/simple-badge.png"]["@context"],
        "https://w3id.org/openbadges/v2"
    );
    // PNG and SVG of the JSON sample carry the same credential, with the
    // OB 3.0.3 context.
    assert_eq!(got["ob30/simple-json.png"], got["ob30/simple-json.svg"]);
    assert_eq!(
        got["ob30/simple-json.png"]["@context"][1],
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    );
    // simple-jwt_v1 is a VC-JWT 1.1 (the credential in the `vc` claim), and
    // its PNG and SVG hold the very same token.
    assert!(got["ob30/simple-jwt_v1.png"].get("vc").is_some());
    let t = |f: &str| {
        extract(&std::fs::read(dir.join(f)).unwrap(), &L)
            .unwrap()
            .unwrap()
    };
    assert_eq!(t("ob30/simple-jwt_v1.png"), t("ob30/simple-jwt_v1.svg"));

    // Re-baking what was extracted into a plain copy gives the same payload back.
    let plain = std::fs::read(dir.join("ob20/assets/robotics-badge.png")).unwrap();
    for file in [
        "ob30/simple-json.png",
        "ob30/simple-jwt.svg",
        "ob20/simple-badge.png",
    ] {
        let p = t(file);
        let again = bake(&plain, &p, &L).unwrap();
        assert_eq!(extract(&again, &L).unwrap(), Some(p));
    }
}
