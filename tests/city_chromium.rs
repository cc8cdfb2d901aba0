//! The city map rendered in a real browser: Debian's headless Chromium
//! driven by `scripts/render_page.sh --kind city` (as the badge page is, in
//! `tests/page_chromium.rs`). The page of a small generated city must load
//! with no request but itself and no script, show its `<h1>` and the
//! critical-mass counts as text, and its screenshot must show the chart:
//! inside the box the browser reports for `svg#coverage`, each band's bar
//! colour ([`page::BAND_COLOURS`]) covers a visible area.
//!
//! Skips (and passes) without Chromium, Node.js or
//! `scripts/render/node_modules`, unless `OPENBADGES_REQUIRE_CHROMIUM=1`:
//! then the script may install what is missing and a failure fails the
//! test. `OPENBADGES_REGENERATE=1` writes the screenshot to
//! `fixtures/screenshots/city.png`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../examples/city/mod.rs"]
mod city;

mod chromium_support;

use std::path::PathBuf;

use chromium_support::{render_page, root, skip};
use std::sync::Arc;

use openbadges::bulk::BulkVerifier;
use openbadges::city::{page, CityOptions, CityReport, Roster};
use openbadges::fetch::MapFetcher;
use openbadges::limits::Limits;
use openbadges::verify::VerifyOptions;
use serde_json::Value;

fn rgb(hex: &str) -> [u8; 3] {
    let h = hex.trim_start_matches('#');
    let b = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).unwrap();
    [b(0), b(2), b(4)]
}

#[test]
fn the_city_map_renders_in_chromium_with_its_chart() {
    if skip("city_chromium") {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("city_chromium");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("city.ndjson");
    let run = city::issue(&out, 12, &city::DEFAULT_SEED, |_, _| {}).unwrap();
    let framework = city::framework().unwrap();
    let roster = Roster::from_csv(&std::fs::read(&run.files.roster).unwrap()[..]).unwrap();
    let mut fetcher = MapFetcher::new();
    fetcher
        .load_map_file(&run.files.fetch_map, Limits::DEFAULT.max_fetch_bytes)
        .unwrap();
    let options =
        VerifyOptions::at("2027-01-01T00:00:00Z".parse().unwrap()).fetcher(Arc::new(fetcher));
    let input = std::io::BufReader::new(std::fs::File::open(&out).unwrap());
    let summary = CityReport::new(&framework, &roster, CityOptions::default())
        .unwrap()
        .build(&BulkVerifier::new(&options), input, |_| {})
        .unwrap();
    assert_eq!(summary.credentials_verified, run.total as u64);
    let html = dir.join("city.html");
    std::fs::write(&html, page::to_html(&summary)).unwrap();
    let shot = if std::env::var_os("OPENBADGES_REGENERATE").is_some() {
        root().join("fixtures/screenshots/city.png")
    } else {
        dir.join("city.png")
    };

    let h1 = format!("City map: {}", framework.name);
    let shown = render_page(
        &html,
        &shot,
        &[
            "--kind",
            "city",
            "--expect-h1",
            &h1,
            "--expect-text",
            "schools with 2 or more leaders",
            "--expect-text",
            "Schools that need support",
        ],
    );
    assert_eq!(shown["scripts"], 0);
    let chart = &shown["chart"];
    assert_eq!(chart["visible"], true);
    assert_eq!(chart["bars"], 18);

    // The screenshot, decoded: inside the chart's box, each band colour.
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    let (w, h) = (info.width as usize, info.height as usize);
    let px = |x: usize, y: usize| {
        let i = (y * w + x) * channels;
        [buf[i], buf[i + 1], buf[i + 2]]
    };
    let n = |v: &Value| v.as_f64().unwrap().round() as usize;
    let (x0, y0) = (n(&chart["x"]), n(&chart["y"]));
    let (x1, y1) = (
        (x0 + n(&chart["width"])).min(w),
        (y0 + n(&chart["height"])).min(h),
    );
    assert!(x1 > x0 && y1 > y0, "chart box {chart}");
    let mut counts = [0usize; 3];
    let mut other = 0usize;
    for y in y0..y1 {
        for x in x0..x1 {
            let p = px(x, y);
            match page::BAND_COLOURS.iter().position(|c| rgb(c) == p) {
                Some(b) => counts[b] += 1,
                None if p != [255, 255, 255] => other += 1,
                None => {}
            }
        }
    }
    // Each band's six bars are 16 px high and, for a city where most
    // teachers hold most competencies, hundreds of px long.
    for (b, c) in counts.iter().enumerate() {
        assert!(*c > 2_000, "band {b} colour covers only {c} px: {counts:?}");
    }
    assert!(other > 1_000, "labels and grid lines drawn ({other} px)");
    // Above the chart only the legend swatches and the critical-mass card's
    // border use those colours: far less than the bars.
    let above: usize = (0..y0)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|(x, y)| page::BAND_COLOURS.iter().any(|c| rgb(c) == px(*x, *y)))
        .count();
    assert!(
        above * 4 < counts.iter().sum::<usize>(),
        "{above} px of bar colour above the chart"
    );
}
