//! The city map as one static HTML page: no script, nothing remote, every
//! text escaped by the badge page's [`escape`] (one source of truth); an
//! inline SVG bar chart of competency coverage by band, the critical-mass
//! counts, and the schools that need support.
//!
//! ```
//! # use openbadges::city::{CityOptions, CityReport, Roster};
//! # use openbadges::bulk::BulkVerifier;
//! # use openbadges::competency::Framework;
//! # use openbadges::limits::Limits;
//! # use openbadges::verify::VerifyOptions;
//! # let framework = Framework::from_json_slice(&std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"),
//! #     "/fixtures/frameworks/teacher-leadership.json"))?, &Limits::DEFAULT)?;
//! # let roster = Roster::from_csv(&b"teacher_id,email,school,district\nT1,a@x.org,<S1>,D1\n"[..])?;
//! # let verifier = BulkVerifier::new(&VerifyOptions::at("2026-06-01T00:00:00Z".parse()?));
//! let summary = CityReport::new(&framework, &roster, CityOptions::default())?
//!     .build(&verifier, &b""[..], |_| {})?;
//! let html = openbadges::city::page::to_html(&summary);
//! assert!(html.contains("<svg") && !html.contains("<script"));
//! assert!(html.contains("&lt;S1&gt;") && !html.contains("<S1>"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;

use super::tally::CitySummary;
use crate::display::page::escape;

/// The bar colour of band number `b` (cycling after three).
pub const BAND_COLOURS: [&str; 3] = ["#1f6f8b", "#e07a1f", "#5b8c2a"];

/// The colour of band `b`.
pub fn band_colour(b: usize) -> &'static str {
    BAND_COLOURS
        .get(b % BAND_COLOURS.len())
        .copied()
        .unwrap_or("#1f6f8b")
}

/// Schools listed by name in the "need support" table (the rest counted).
pub const MAX_SCHOOLS_LISTED: usize = 300;

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The inline SVG chart: one horizontal bar per competency, its length the
/// share of the roster's teachers holding it, coloured by band.
fn chart(s: &CitySummary) -> String {
    let (left, bar_w, row, top) = (370.0, 460.0, 22.0, 34.0);
    let rows = s.competency_figures.len() + s.bands.len();
    let height = top + row * rows as f64 + 30.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg id="coverage" xmlns="http://www.w3.org/2000/svg" role="img" width="900" height="{height:.0}" viewBox="0 0 900 {height:.0}" aria-labelledby="coverage-title"><title id="coverage-title">Share of teachers holding each competency, by band</title><rect x="0" y="0" width="900" height="{height:.0}" fill="#ffffff"/>"##
    );
    for pct in [0u32, 25, 50, 75, 100] {
        let x = left + bar_w * f64::from(pct) / 100.0;
        let _ = write!(
            svg,
            r##"<line x1="{x:.1}" y1="{y0:.1}" x2="{x:.1}" y2="{y1:.1}" stroke="#d0d4d9" stroke-width="1"/><text x="{x:.1}" y="{ty:.1}" font-size="11" text-anchor="middle" fill="#555">{pct}%</text>"##,
            y0 = top - 6.0,
            y1 = height - 24.0,
            ty = height - 10.0
        );
    }
    let mut y = top;
    for (b, band) in s.bands.iter().enumerate() {
        let colour = band_colour(b);
        let _ = write!(
            svg,
            r#"<text x="8" y="{ty:.1}" font-size="13" font-weight="bold" fill="{colour}">{name}</text>"#,
            ty = y + 15.0,
            name = escape(&band.name)
        );
        y += row;
        for c in band
            .competencies
            .iter()
            .filter_map(|i| s.competency_figures.get(*i))
        {
            let p = percent(c.holders, s.teachers);
            let w = bar_w * p / 100.0;
            let _ = write!(
                svg,
                r##"<text x="{lx:.1}" y="{ty:.1}" font-size="12" text-anchor="end" fill="#222">{label}</text><rect class="bar" x="{left:.1}" y="{by:.1}" width="{w:.1}" height="{bh:.1}" fill="{colour}"><title>{title}</title></rect><text x="{vx:.1}" y="{ty:.1}" font-size="11" fill="#222">{p:.0}% ({holders})</text>"##,
                lx = left - 8.0,
                ty = y + 15.0,
                label = escape(&format!("{} {}", c.code, c.name)),
                by = y + 3.0,
                bh = row - 6.0,
                title = escape(&format!(
                    "{}: {} of {} teachers",
                    c.name, c.holders, s.teachers
                )),
                vx = left + w + 6.0,
                holders = c.holders,
            );
            y += row;
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The page for a city report.
pub fn to_html(s: &CitySummary) -> String {
    let mut h = String::new();
    let title = format!("City map: {}", s.framework_name);
    let _ = write!(
        h,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d232a; background: #f6f7f9; }}
main {{ max-width: 960px; margin: 0 auto; padding: 24px; background: #fff; }}
h1 {{ font-size: 1.6rem; margin: 0 0 4px; }}
.figures {{ display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }}
.figure {{ flex: 1 1 150px; border: 1px solid #d0d4d9; border-radius: 6px; padding: 10px 12px; }}
.figure b {{ display: block; font-size: 1.5rem; }}
.mass {{ border-left: 6px solid #5b8c2a; }} .one {{ border-left: 6px solid #e0b41f; }} .none {{ border-left: 6px solid #b3261e; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9rem; }}
th, td {{ border-bottom: 1px solid #e3e6ea; padding: 4px 6px; text-align: left; }}
td.n {{ text-align: right; }}
.legend span {{ display: inline-block; margin-right: 14px; }}
.legend i {{ display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }}
</style>
</head>
<body>
<main>
<h1>{title}</h1>
<p>Built only from credentials that verified (signature, issuer binding, dates, status) and matched a teacher on the roster.</p>
"#,
        title = escape(&title)
    );
    if let Some(rule) = &s.leader_rule {
        let _ = writeln!(
            h,
            "<p><strong>Teacher leader:</strong> {}</p>",
            escape(rule)
        );
    }
    let issuers = match &s.issuers {
        Some(v) => v.iter().map(|i| escape(i)).collect::<Vec<_>>().join(", "),
        None => "any issuer (not restricted)".to_owned(),
    };
    let _ = writeln!(h, "<p><strong>Issuers counted:</strong> {issuers}</p>");
    let _ = write!(
        h,
        r#"<section class="figures" id="figures">
<div class="figure"><b>{teachers}</b>teachers on the roster</div>
<div class="figure"><b>{with}</b>hold at least one competency</div>
<div class="figure"><b>{leaders}</b>teacher leaders</div>
<div class="figure"><b>{verified}</b>credentials counted</div>
<div class="figure"><b>{rejected}</b>credentials not counted</div>
</section>
<h2>Critical mass: schools with at least two teacher leaders</h2>
<section class="figures" id="critical-mass">
<div class="figure mass"><b>{mass}</b>schools with 2 or more leaders</div>
<div class="figure one"><b>{one}</b>schools with 1 leader</div>
<div class="figure none"><b>{none}</b>schools with no leader</div>
</section>
<h2>Competency coverage by band</h2>
<p class="legend">"#,
        teachers = s.teachers,
        with = s.teachers_with_a_credential,
        leaders = s.teacher_leaders,
        verified = s.credentials_verified,
        rejected = s.credentials_rejected,
        mass = s.schools_critical_mass,
        one = s.schools_one_leader,
        none = s.schools_no_leader,
    );
    for (b, band) in s.bands.iter().enumerate() {
        let _ = write!(
            h,
            r#"<span><i style="background:{}"></i>{} ({} teachers hold at least one)</span>"#,
            band_colour(b),
            escape(&band.name),
            band.teachers_with_any
        );
    }
    h.push_str("</p>\n");
    h.push_str(&chart(s));
    h.push_str("\n<h2>Districts</h2>\n<table id=\"districts\"><thead><tr><th>District</th><th>Teachers</th><th>With a competency</th><th>Leaders</th><th>Schools</th><th>2+ leaders</th><th>1 leader</th><th>No leader</th></tr></thead><tbody>\n");
    for d in &s.districts {
        let _ = writeln!(
            h,
            r#"<tr><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
            escape(&d.district),
            d.teachers,
            d.teachers_with_a_credential,
            d.teacher_leaders,
            d.schools,
            d.schools_critical_mass,
            d.schools_one_leader,
            d.schools_no_leader
        );
    }
    h.push_str("</tbody></table>\n");
    let need = s.schools_needing_support();
    let _ = write!(
        h,
        "<h2>Schools that need support ({})</h2>\n<p>Fewer than two teacher leaders, fewest first.</p>\n<table id=\"support\"><thead><tr><th>School</th><th>District</th><th>Teachers</th><th>With a competency</th><th>Leaders</th></tr></thead><tbody>\n",
        need.len()
    );
    for school in need.iter().take(MAX_SCHOOLS_LISTED) {
        let _ = writeln!(
            h,
            r#"<tr><td>{}</td><td>{}</td><td class="n">{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
            escape(&school.school),
            escape(&school.district),
            school.teachers,
            school.teachers_with_a_credential,
            school.teacher_leaders
        );
    }
    h.push_str("</tbody></table>\n");
    if need.len() > MAX_SCHOOLS_LISTED {
        let _ = writeln!(
            h,
            "<p>… and {} more (all of them are in the JSON summary).</p>",
            need.len() - MAX_SCHOOLS_LISTED
        );
    }
    let _ = writeln!(
        h,
        "<h2>Credentials not counted ({})</h2>",
        s.credentials_rejected
    );
    if !s.rejected_by_kind.is_empty() {
        h.push_str("<ul id=\"rejected-kinds\">");
        for (kind, n) in &s.rejected_by_kind {
            let _ = write!(h, "<li>{}: {n}</li>", escape(kind));
        }
        h.push_str("</ul>\n");
        h.push_str("<table id=\"rejected\"><thead><tr><th>Line</th><th>Credential</th><th>Why</th></tr></thead><tbody>\n");
        for r in s.rejected.iter().take(MAX_SCHOOLS_LISTED) {
            let _ = writeln!(
                h,
                r#"<tr><td class="n">{}</td><td>{}</td><td>{}</td></tr>"#,
                r.line,
                escape(r.credential_id.as_deref().unwrap_or("")),
                escape(&r.reason.to_string())
            );
        }
        h.push_str("</tbody></table>\n");
        if s.rejected.len() > MAX_SCHOOLS_LISTED || s.rejected_list_truncated {
            h.push_str("<p>More are listed in the JSON summary.</p>\n");
        }
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}
