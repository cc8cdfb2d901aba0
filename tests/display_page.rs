//! The badge page (`display::page`): the verdict banner for valid, invalid
//! and indeterminate credentials, every check listed, escaping of hostile
//! text, links only for http(s), nothing remote loaded, the LinkedIn link,
//! typed errors.
//!
//! Credentials are the committed verifier fixtures (`fixtures/verify/`,
//! made by `tests/verify_support`) and the committed minted credential
//! (`fixtures/interop/ours/mint.json`, the mint example's output), verified
//! here with `openbadges::verify::verify`; hostile ones are built from
//! `verify_support::base()` and signed with its key, so they are VALID and
//! their text reaches every part of the page. Expected texts are the
//! fixtures' own values.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod verify_support;

use openbadges::display::linkedin::Organization;
use openbadges::display::page::{escape, BadgePage, PageError};
use openbadges::fetch::{Fetched, MapFetcher};
use openbadges::verify::report::{Check, CheckId, CredentialFormat, Outcome};
use openbadges::verify::{verify, Verdict, VerificationReport};
use serde_json::{json, Value};
use verify_support::*;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Verifies `bytes` at the fixtures' time and renders the page.
fn page_for(bytes: &[u8]) -> (Value, VerificationReport, String) {
    page_with(bytes, options())
}

fn page_with(
    bytes: &[u8],
    options: openbadges::verify::VerifyOptions,
) -> (Value, VerificationReport, String) {
    let report = verify(bytes, &options).unwrap();
    let value: Value = serde_json::from_slice(bytes).unwrap();
    let html = BadgePage::new(&value, &report)
        .unwrap()
        .checked_at(now())
        .to_html();
    (value, report, html)
}

fn signed_bytes(doc: &Value) -> Vec<u8> {
    serde_json::to_vec(&sign(doc)).unwrap()
}

/// The text of the verdict banner (the first `<header>`).
fn banner(html: &str) -> &str {
    let start = html.find("<header class=\"verdict").expect("a banner");
    let end = start + html[start..].find("</header>").unwrap();
    &html[start..end]
}

/// Checks and sub-checks, depth first: what the page must list.
fn all_checks(checks: &[Check]) -> Vec<&Check> {
    let mut out = Vec::new();
    for c in checks {
        out.push(c);
        out.extend(all_checks(&c.children));
    }
    out
}

/// The rows of the verification table.
fn check_rows(html: &str) -> Vec<&str> {
    let start = html.find("<section class=\"checks\">").unwrap();
    let body = &html[start..];
    let body = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    body.split("<tr ").skip(1).collect()
}

/// The tags of the page with their attributes, read the way an HTML
/// tokenizer does for the double-quoted attributes this page writes (the
/// text of `<style>` is skipped: it is raw text).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if rest.starts_with('!') || rest.starts_with('/') {
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .unwrap();
        let name = rest[..name_end].to_ascii_lowercase();
        let mut t = &rest[name_end..];
        let mut attrs = Vec::new();
        loop {
            t = t.trim_start();
            if t.starts_with('>') || t.starts_with("/>") {
                break;
            }
            let n_end = t
                .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>')
                .unwrap();
            let n = t[..n_end].to_ascii_lowercase();
            t = &t[n_end..];
            let mut value = String::new();
            if let Some(v) = t.strip_prefix('=') {
                let v = v
                    .strip_prefix('"')
                    .expect("attribute values are double-quoted");
                let close = v.find('"').unwrap();
                value = v[..close].to_owned();
                t = &v[close + 1..];
            }
            attrs.push((n, value));
        }
        rest = t;
        if name == "style" {
            rest = &rest[rest.find("</style>").unwrap()..];
        }
        out.push((name, attrs));
    }
    out
}

fn assert_nothing_active_or_remote(html: &str) {
    let allowed = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "main",
        "header",
        "section",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "strong",
        "span",
        "code",
        "a",
        "br",
        "time",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ol",
        "ul",
        "li",
        "dl",
        "dt",
        "dd",
        "footer",
        "img",
        // the drawn badge (display::image)
        "svg",
        "defs",
        "lineargradient",
        "stop",
        "path",
        "circle",
        "rect",
        "text",
        "textpath",
    ];
    for (name, attrs) in tags(html) {
        assert!(allowed.contains(&name.as_str()), "<{name}> in the page");
        for (a, v) in attrs {
            assert!(!a.starts_with("on"), "<{name} {a}=…>");
            let v = v.to_ascii_lowercase();
            match a.as_str() {
                "src" => assert!(v.starts_with("data:image/"), "<{name} src={v}>"),
                "href" if name == "textpath" => assert!(v.starts_with('#'), "{v}"),
                "href" => assert!(
                    v.starts_with("https://") || v.starts_with("http://"),
                    "<{name} href={v}>"
                ),
                "style" | "srcset" | "action" | "formaction" | "xlink:href" => {
                    panic!("<{name} {a}>")
                }
                _ => {}
            }
        }
    }
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("@import"));
    // CSS and SVG reference nothing but local fragments (`url(#face)`).
    for (i, _) in lower.match_indices("url(") {
        assert!(lower[i + 4..].starts_with('#'), "{}", &lower[i..i + 30]);
    }
    assert!(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; img-src data:;"));
}

#[test]
fn valid_page_says_verified_and_shows_the_badge() {
    let bytes = read("fixtures/interop/ours/mint.json");
    let (value, report, html) = page_with(&bytes, openbadges::verify::VerifyOptions::at(now()));
    assert_eq!(report.verdict(), Verdict::Valid, "{report}");
    let b = banner(&html);
    assert!(b.contains("VERIFIED"), "{b}");
    assert!(
        !b.contains("NOT VERIFIED") && !b.contains("COULD NOT"),
        "{b}"
    );
    assert!(b.contains("Checked 2026-06-01 00:00:00 UTC."), "{b}");
    // The banner comes before everything the credential says.
    assert!(html.find("<header class=\"verdict").unwrap() < html.find("<h1>").unwrap());

    let achievement = &value["credentialSubject"]["achievement"];
    let want = |v: &Value| escape(v.as_str().unwrap());
    assert!(html.contains(&format!("<h1>{}</h1>", want(&achievement["name"]))));
    assert!(html.contains(&want(&achievement["description"])));
    assert!(html.contains(&want(&achievement["criteria"]["narrative"])));
    assert!(html.contains(&want(&value["credentialSubject"]["narrative"])));
    assert!(html.contains(&want(&value["issuer"]["name"])));
    assert!(html.contains(&format!("href=\"{}\"", want(&value["issuer"]["url"]))));
    for e in value["evidence"].as_array().unwrap() {
        assert!(html.contains(&want(&e["name"])), "{}", e["name"]);
        assert!(html.contains(&want(&e["narrative"])), "{}", e["name"]);
    }
    // The evidence with an id links to it.
    assert!(html.contains(
        "href=\"https://docs.example.org/city-schools/tl/ana-rivera/agenda-template.pdf\""
    ));
    for a in achievement["alignment"].as_array().unwrap() {
        assert!(html.contains(&want(&a["targetName"])));
        assert!(html.contains(&format!("href=\"{}\"", want(&a["targetUrl"]))));
    }
    // Rubric results: each result's criterion and achieved level, by name.
    let descriptions = achievement["resultDescription"].as_array().unwrap();
    let results = value["credentialSubject"]["result"].as_array().unwrap();
    let table = &html[html.find("<table class=\"results\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr><td>").count(), results.len());
    for r in results {
        let d = descriptions
            .iter()
            .find(|d| d["id"] == r["resultDescription"])
            .unwrap();
        let level = d["rubricCriterionLevel"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["id"] == r["achievedLevel"])
            .unwrap();
        let row = format!("<strong>{}</strong>", escape(d["name"].as_str().unwrap()));
        let at = table.find(&row).unwrap();
        let rest = &table[at..];
        let rest = &rest[..rest.find("</tr>").unwrap()];
        assert!(
            rest.contains(&format!(
                "<strong>{}</strong> ({} points)",
                escape(level["name"].as_str().unwrap()),
                level["points"].as_str().unwrap()
            )),
            "{rest}"
        );
    }
    // Dates as written and as a person reads them.
    assert!(html.contains("<time datetime=\"2025-03-14T15:30:00-05:00\">14 March 2025</time>"));
    // The drawn badge, inline, and no other image.
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(!html.contains("<?xml"));
    assert!(!html.contains("<img"));
    assert_nothing_active_or_remote(&html);
}

#[test]
fn every_check_is_listed_with_its_outcome() {
    for name in [
        "valid.json",
        "tampered.json",
        "two-defects.json",
        "status-ok.json",
        "endorsement-invalid.json",
        "missing-criteria.json",
    ] {
        let (_, report, html) = page_for(&read(&format!("fixtures/verify/{name}")));
        let checks = all_checks(&report.checks);
        let rows = check_rows(&html);
        assert_eq!(rows.len(), checks.len(), "{name}");
        for (row, check) in rows.iter().zip(&checks) {
            assert!(
                row.contains(&format!("<code>{}</code>", check.id.name())),
                "{name}: {row}"
            );
            let (class, word) = match &check.outcome {
                Outcome::Passed => ("passed", "Passed"),
                Outcome::Failed { .. } => ("failed", "Failed"),
                Outcome::Skipped { .. } => ("skipped", "Skipped"),
                Outcome::Indeterminate { .. } => ("indeterminate", "Indeterminate"),
            };
            assert!(
                row.starts_with(&format!("class=\"{class} ")),
                "{name}: {row}"
            );
            assert!(row.contains(word), "{name}: {row}");
            if let Some(reason) = check.outcome.reason() {
                assert!(row.contains(&escape(reason)), "{name}: {row}");
            }
            if let Outcome::Failed {
                json_path: Some(p), ..
            } = &check.outcome
            {
                assert!(row.contains(&escape(p)), "{name}: {row}");
            }
        }
        assert_nothing_active_or_remote(&html);
    }
}

#[test]
fn invalid_page_says_so_at_the_top() {
    let (_, report, html) = page_for(&read("fixtures/verify/tampered.json"));
    assert_eq!(report.verdict(), Verdict::Invalid);
    let b = banner(&html);
    assert!(b.starts_with("<header class=\"verdict invalid\" role=\"alert\">"));
    assert!(
        b.contains("NOT VERIFIED: this credential&#39;s signature does not match"),
        "{b}"
    );
    let head = report.most_specific().unwrap();
    assert_eq!(head.id, CheckId::Proof);
    assert!(b.contains(&escape(head.outcome.reason().unwrap())), "{b}");
    assert!(html.contains("Claimed Open Badge (not verified)"));
    assert!(html.contains("Claims to be awarded by"));
    // No LinkedIn link for a credential that did not verify.
    assert!(!html.contains("linkedin.com"));
    assert!(html.find("<header").unwrap() < html.find("<h1>").unwrap());

    // Two defects: the headline and a count of the others.
    let (_, report, html) = page_for(&read("fixtures/verify/two-defects.json"));
    assert_eq!(report.failures().len(), 2);
    let b = banner(&html);
    assert!(
        b.contains("NOT VERIFIED: its signature was not made for issuing credentials"),
        "{b}"
    );
    assert!(b.contains("1 more check failed"), "{b}");
}

#[test]
fn expired_and_revoked_headlines() {
    let (_, _, html) = page_for(&read("fixtures/verify/expired.json"));
    assert!(banner(&html).contains("NOT VERIFIED: it has expired"));

    let mut fetcher = MapFetcher::new();
    fetcher.insert(
        REVOCATION_LIST,
        Fetched::ok(read("fixtures/verify/status-list-revocation.json")),
    );
    fetcher.insert(
        SUSPENSION_LIST,
        Fetched::ok(read("fixtures/verify/status-list-suspension.json")),
    );
    let (_, report, html) = page_with(
        &read("fixtures/verify/status-revoked.json"),
        options().fetcher(std::sync::Arc::new(fetcher)),
    );
    assert_eq!(report.most_specific().unwrap().id, CheckId::Status);
    assert!(banner(&html).contains("NOT VERIFIED: its issuer has revoked or suspended it"));
    let status = report
        .check(CheckId::Status)
        .unwrap()
        .outcome
        .reason()
        .unwrap();
    // The dates-and-status section shows the status failure too.
    assert!(html.contains(&format!(
        "<strong class=\"bad\">{}</strong>",
        escape(status)
    )));
}

#[test]
fn indeterminate_page_says_it_could_not_be_verified() {
    // status-ok.json offline: the status list is not served.
    let (_, report, html) = page_for(&read("fixtures/verify/status-ok.json"));
    assert_eq!(report.verdict(), Verdict::Indeterminate, "{report}");
    let b = banner(&html);
    assert!(b.starts_with("<header class=\"verdict indeterminate\" role=\"alert\">"));
    assert!(
        b.contains("COULD NOT BE VERIFIED: its revocation status could not be checked"),
        "{b}"
    );
    assert!(b.contains("Not revoked or suspended"), "{b}");
    assert!(!b.contains("NOT VERIFIED:"));
    assert!(!html.contains("linkedin.com"));
    // With the list served it is valid.
    let mut fetcher = MapFetcher::new();
    fetcher.insert(
        REVOCATION_LIST,
        Fetched::ok(read("fixtures/verify/status-list-revocation.json")),
    );
    let (_, report, html) = page_with(
        &read("fixtures/verify/status-ok.json"),
        options().fetcher(std::sync::Arc::new(fetcher)),
    );
    assert_eq!(report.verdict(), Verdict::Valid, "{report}");
    assert!(html.contains("not revoked or suspended (checked)"));
    assert!(html.contains(&escape(REVOCATION_LIST)));

    // A key that cannot be bound offline.
    let (_, _, html) = page_for(&read("fixtures/verify/fragment-trick.json"));
    assert!(banner(&html)
        .contains("COULD NOT BE VERIFIED: the issuer&#39;s key could not be confirmed"));
}

/// Markup and quotes in every text the page shows, in a VALID credential.
fn hostile() -> Value {
    let mut doc = base();
    doc["name"] = json!("Cred <i>name</i>");
    doc["description"] = json!("</p><h1>fake</h1>");
    doc["issuer"]["name"] = json!("\"><img src=x onerror=alert(1)> Issuer & Co's");
    doc["issuer"]["url"] = json!("javascript:alert(document.cookie)");
    doc["issuer"]["email"] = json!("<a href=\"http://evil.example\">x</a>");
    let a = &mut doc["credentialSubject"]["achievement"];
    a["name"] = json!("<script>alert(1)</script>");
    a["description"] = json!("' onmouseover='alert(2)");
    a["criteria"] = json!({"narrative": "Line 1\n\n</style><script>alert(3)</script>", "id": "javascript:alert(4)"});
    a["tag"] = json!(["<b>bold</b>"]);
    a["alignment"] = json!([{
        "type": ["Alignment"],
        "targetName": "<u>Standard</u>",
        "targetUrl": "javascript:alert(5)",
        "targetCode": "\"quoted\""
    }]);
    doc["evidence"] = json!([
        {"type": ["Evidence"], "id": "javascript:alert(6)", "name": "<svg onload=alert(7)>",
         "narrative": "<!-- comment --> & more"},
        {"type": ["Evidence"], "id": "https://example.org/work?a=1&b=it's", "name": "Work"},
        {"type": ["Evidence"], "id": "https://user:pw@example.org/evidence", "name": "Userinfo"}
    ]);
    doc
}

#[test]
fn hostile_text_is_shown_as_text() {
    let doc = hostile();
    let bytes = signed_bytes(&doc);
    let (_, report, html) = page_for(&bytes);
    assert_eq!(report.verdict(), Verdict::Valid, "{report}");
    assert_nothing_active_or_remote(&html);
    assert!(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; \u{2014} &quot;&gt;&lt;img"));
    assert!(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; Issuer &amp; Co&#39;s"));
    assert!(html.contains("&#39; onmouseover=&#39;alert(2)"));
    assert!(html.contains("&lt;/style&gt;&lt;script&gt;alert(3)&lt;/script&gt;"));
    assert!(html.contains("&lt;!-- comment --&gt; &amp; more"));
    assert!(html.contains("&lt;svg onload=alert(7)&gt;"));
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"));
    assert!(html.contains("&lt;/p&gt;&lt;h1&gt;fake&lt;/h1&gt;"));
    // Exactly one h1, one title, one style element: nothing was opened.
    assert_eq!(html.matches("<h1").count(), 1);
    assert_eq!(html.matches("<title>").count(), 2); // the page's and the SVG's
    assert_eq!(html.matches("<style>").count(), 1);
    assert_eq!(html.matches("</style>").count(), 1);
    // javascript: and user-info URLs are text, not links.
    assert!(html.contains("<code class=\"id\">javascript:alert(6)</code>"));
    assert!(html.contains("&lt;u&gt;Standard&lt;/u&gt;"));
    assert!(!html.contains("href=\"https://user:pw@"));
    // An http link keeps its query, escaped for the attribute.
    assert!(html.contains("href=\"https://example.org/work?a=1&amp;b=it%27s\""));
    // The drawn image escapes the names too (XML escaping, display::image).
    let svg = &html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()];
    assert!(svg.contains("&lt;script&gt;"), "{svg}");
    assert!(!svg.contains("<script"));
}

#[test]
fn linkedin_link_is_well_formed() {
    let doc = hostile();
    let (value, report, html) = page_for(&signed_bytes(&doc));
    assert!(report.is_valid());
    let start = html.find("<a class=\"button linkedin\"").unwrap();
    let tag = &html[start..start + html[start..].find('>').unwrap()];
    let href = &tag[tag.find("href=\"").unwrap() + 6..tag.len() - 1];
    assert!(!href.contains('"') && !href.contains('<'));
    let url = url::Url::parse(&href.replace("&amp;", "&")).unwrap();
    assert_eq!(url.scheme(), "https");
    assert_eq!(url.host_str(), Some("www.linkedin.com"));
    assert_eq!(url.path(), "/profile/add");
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    // From the credential: the achievement's name, the issuer's name,
    // validFrom 2026-01-01, the credential id (urn:uuid, so no certUrl).
    assert_eq!(
        pairs,
        [
            ("startTask", "CERTIFICATION_NAME"),
            (
                "name",
                value["credentialSubject"]["achievement"]["name"]
                    .as_str()
                    .unwrap()
            ),
            (
                "organizationName",
                value["issuer"]["name"].as_str().unwrap()
            ),
            ("issueYear", "2026"),
            ("issueMonth", "1"),
            ("certId", value["id"].as_str().unwrap()),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );

    // A page URL and an organization id are passed on.
    let page = BadgePage::new(&value, &report)
        .unwrap()
        .page_url("https://badges.example.org/p/1")
        .unwrap()
        .linkedin_organization(Organization::Id(1337));
    let u = page.linkedin_url().unwrap();
    let q: Vec<(String, String)> = u
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert!(q.contains(&("organizationId".into(), "1337".into())));
    assert!(q.contains(&("certUrl".into(), "https://badges.example.org/p/1".into())));
    assert!(page
        .to_html()
        .contains("This page: <a rel=\"nofollow noopener noreferrer\" href=\"https://badges.example.org/p/1\">"));
    assert_eq!(
        BadgePage::new(&value, &report)
            .unwrap()
            .page_url("javascript:alert(1)")
            .unwrap_err(),
        PageError::PageUrl {
            url: "javascript:alert(1)".into()
        }
    );
}

#[test]
fn embedded_data_image_is_used_and_remote_images_are_not() {
    // A 1×1 PNG as a data: URI on the achievement.
    let data = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC";
    let mut doc = base();
    doc["credentialSubject"]["achievement"]["image"] =
        json!({"id": data, "type": "Image", "caption": "A \"dot\""});
    let (_, _, html) = page_for(&signed_bytes(&doc));
    assert!(html.contains(&format!(
        "<img class=\"badge-image\" src=\"{data}\" alt=\"A &quot;dot&quot;\">"
    )));
    assert!(!html.contains("<svg"));
    assert_nothing_active_or_remote(&html);

    // A remote image is not loaded: the drawn badge is shown instead.
    let mut doc = base();
    doc["image"] = json!({"id": "https://evil.example/track.png", "type": "Image"});
    doc["credentialSubject"]["achievement"]["image"] = json!("https://evil.example/a.png");
    let (_, _, html) = page_for(&signed_bytes(&doc));
    assert!(!html.contains("evil.example"));
    assert!(html.contains("<svg"));
    assert_nothing_active_or_remote(&html);

    // A data: URI of an active type is not embedded either.
    let mut doc = base();
    doc["image"] = json!("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==");
    let (_, _, html) = page_for(&signed_bytes(&doc));
    assert!(!html.contains("data:text/html"));
    assert!(html.contains("<svg"));
}

#[test]
fn inputs_it_cannot_render_are_typed_errors() {
    let report = VerificationReport::new(CredentialFormat::OpenBadges3);
    let err = BadgePage::new(&json!({"type": "x"}), &report).unwrap_err();
    assert!(matches!(err, PageError::Credential(_)), "{err}");
    assert!(
        err.to_string().contains("cannot make a badge page"),
        "{err}"
    );
    let err = BadgePage::new(&json!([1, 2]), &report).unwrap_err();
    assert!(matches!(err, PageError::Credential(_)), "{err}");

    let mut two = base();
    let subject = two["credentialSubject"].clone();
    two["credentialSubject"] = json!([subject.clone(), subject]);
    assert_eq!(
        BadgePage::new(&two, &report).unwrap_err(),
        PageError::Subjects { count: 2 }
    );
    let mut none = base();
    none["credentialSubject"] = json!([]);
    assert_eq!(
        BadgePage::new(&none, &report).unwrap_err(),
        PageError::Subjects { count: 0 }
    );

    let mut by_iri = base();
    by_iri["credentialSubject"]["achievement"] = json!("https://example.org/achievements/1");
    assert_eq!(
        BadgePage::new(&by_iri, &report).unwrap_err(),
        PageError::NoAchievement {
            iri: Some("https://example.org/achievements/1".into())
        }
    );
    let mut missing = base();
    missing["credentialSubject"]
        .as_object_mut()
        .unwrap()
        .remove("achievement");
    assert_eq!(
        BadgePage::new(&missing, &report).unwrap_err(),
        PageError::NoAchievement { iri: None }
    );

    // A report about another credential is refused.
    let other = VerificationReport::new(CredentialFormat::OpenBadges3)
        .with_credential_id("urn:uuid:00000000-0000-4000-8000-000000000000");
    assert!(matches!(
        BadgePage::new(&base(), &other).unwrap_err(),
        PageError::ReportMismatch { .. }
    ));
    // The crate-level error wraps it.
    let e: openbadges::Error = PageError::Subjects { count: 0 }.into();
    assert!(matches!(e.kind(), openbadges::ErrorKind::Page(_)));
}

#[test]
fn deep_sub_checks_are_cut_not_recursed_without_bound() {
    let mut c = Check::failed(CheckId::Proof, "leaf", None);
    for _ in 0..1_000 {
        c = Check::failed(CheckId::Proof, "inner", None).with_children(vec![c]);
    }
    let mut report = VerificationReport::new(CredentialFormat::OpenBadges3);
    report.push(c);
    let html = BadgePage::new(&base(), &report).unwrap().to_html();
    assert_eq!(check_rows(&html).len(), 8); // depths 0..=6, then the note
    assert!(html.contains("1 deeper sub-checks not shown"));
}
