//! A static HTML badge page: what a credential claims and what its
//! verification found, in one self-contained file a person can open, print
//! or attach.
//!
//! The page is made from the credential's JSON (read through the OB 3.0
//! model, [`crate::model::v3`]) and the [`VerificationReport`] of that same
//! credential. The verdict comes first: a banner at the top says
//! **VERIFIED**, **NOT VERIFIED: …** (with the most specific failure, e.g.
//! "this credential's signature does not match") or **COULD NOT BE VERIFIED:
//! …** (with what could not be checked); on a page that is not verified the
//! content is headed as the credential's *claims*. Below it: the badge image,
//! the achievement (name, description, criteria), the rubric result (each
//! result with its criterion, achieved and required level), the evidence,
//! alignments, issuer, dates, status, every verification check with its
//! outcome (passed; failed with reason and JSON path; skipped; indeterminate)
//! and, for a verified credential, an "Add to LinkedIn" link
//! ([`crate::display::linkedin`]).
//!
//! What the page does not do, by design:
//!
//! - **No JavaScript, nothing remote.** The page carries a
//!   Content-Security-Policy (`default-src 'none'; img-src data:;
//!   style-src 'unsafe-inline'`), its CSS is inline, and the only image is
//!   the credential's own `data:` image (PNG, JPEG, GIF, WebP or SVG) or the
//!   badge drawn by [`crate::display::image`], inlined as SVG. A remote image
//!   URL is never loaded.
//! - **Every text is escaped** by [`escape`] (markup in a name shows as
//!   text), and a URL becomes a link only when it is an absolute `http(s)`
//!   URL without user-info; anything else (`javascript:`, `data:`, a DID) is
//!   shown as text.
//! - **Narratives are plain text.** OB allows Markdown in narratives; it is
//!   shown as written, paragraphs and line breaks kept, not rendered.
//! - **A page is a snapshot**: it shows the verification it was given (and,
//!   with [`BadgePage::checked_at`], when it ran). A relying party verifies
//!   the credential itself.
//!
//! ```
//! use openbadges::display::page::BadgePage;
//! use openbadges::verify::report::{Check, CheckId, CredentialFormat, VerificationReport};
//!
//! let credential = serde_json::json!({
//!     "@context": ["https://www.w3.org/ns/credentials/v2",
//!                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
//!     "id": "urn:uuid:0b0e0f4e-7d1c-4c65-9d7e-1f2a3b4c5d6e",
//!     "type": ["VerifiableCredential", "OpenBadgeCredential"],
//!     "issuer": {"id": "https://example.edu/issuers/1", "type": ["Profile"], "name": "Example <U>"},
//!     "validFrom": "2026-01-01T00:00:00Z",
//!     "credentialSubject": {"type": ["AchievementSubject"], "achievement": {
//!         "id": "https://example.edu/achievements/1", "type": ["Achievement"],
//!         "name": "<script>alert(1)</script>", "description": "d",
//!         "criteria": {"narrative": "Pass."}}}
//! });
//! // A report whose proof failed (normally from `openbadges::verify::verify`).
//! let mut report = VerificationReport::new(CredentialFormat::OpenBadges3)
//!     .with_credential_id("urn:uuid:0b0e0f4e-7d1c-4c65-9d7e-1f2a3b4c5d6e");
//! report.push(Check::passed(CheckId::JsonWellFormed));
//! report.push(Check::failed(CheckId::Proof, "signature does not verify", Some("$.proof")));
//!
//! let html = BadgePage::new(&credential, &report)?.to_html();
//! assert!(html.contains("NOT VERIFIED: this credential&#39;s signature does not match"));
//! assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
//! assert!(!html.contains("<script"));
//! # Ok::<(), openbadges::display::page::PageError>(())
//! ```

use core::fmt::Write as _;

use crate::display::image::{BadgeImage, Rgb};
use crate::display::linkedin::{Certification, Organization, YearMonth};
use crate::ids::DateTime;
use crate::model::v3::{
    Achievement, AchievementCredential, AchievementSubject, Evidence, Image, Profile, V3Error,
};
use crate::model::IriOr;
use crate::verify::report::{Check, CheckId, Outcome, Verdict, VerificationReport};

/// The band colour of the drawn badge image when none is given.
pub const DEFAULT_COLOUR: Rgb = Rgb {
    r: 0x1f,
    g: 0x6f,
    b: 0x8b,
};

/// Largest `data:` image embedded (bytes of the URI); a larger one is
/// replaced by the drawn badge.
pub const MAX_DATA_IMAGE_BYTES: usize = 2 * 1024 * 1024;

/// How many levels of sub-checks are shown (deeper ones are counted).
const MAX_CHECK_DEPTH: usize = 6;

/// The content security policy every page carries.
const CSP: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; \
                   base-uri 'none'; form-action 'none'";

/// A badge page for one credential and its verification report.
#[derive(Debug, Clone)]
pub struct BadgePage<'a> {
    credential: AchievementCredential,
    report: &'a VerificationReport,
    colour: Rgb,
    page_url: Option<url::Url>,
    checked_at: Option<chrono::DateTime<chrono::Utc>>,
    organization: Option<Organization>,
}

impl<'a> BadgePage<'a> {
    /// A page for `credential` (OB 3.0 JSON, the document that was verified)
    /// and its `report`.
    ///
    /// # Errors
    /// - [`PageError::Credential`] when the JSON does not have the shape of
    ///   an OB 3.0 `AchievementCredential` (with the JSON path at fault);
    /// - [`PageError::Subjects`] unless it has exactly one
    ///   `credentialSubject`;
    /// - [`PageError::NoAchievement`] when the subject's achievement is
    ///   missing or only an IRI (there is nothing to show);
    /// - [`PageError::ReportMismatch`] when the report is about another
    ///   credential `id`.
    pub fn new(
        credential: &serde_json::Value,
        report: &'a VerificationReport,
    ) -> Result<BadgePage<'a>, PageError> {
        let credential = AchievementCredential::from_json_value(credential.clone())?;
        let count = credential.credential_subject.len();
        if count != 1 {
            return Err(PageError::Subjects { count });
        }
        match credential
            .credential_subject
            .first()
            .and_then(|s| s.achievement.as_ref())
        {
            Some(IriOr::Object(_)) => {}
            Some(IriOr::Iri(iri)) => {
                return Err(PageError::NoAchievement {
                    iri: Some(iri.as_str().to_owned()),
                })
            }
            None => return Err(PageError::NoAchievement { iri: None }),
        }
        if let (Some(ours), Some(theirs)) = (&credential.id, &report.credential_id) {
            if ours.as_str() != theirs {
                return Err(PageError::ReportMismatch {
                    credential_id: ours.as_str().to_owned(),
                    report_id: theirs.clone(),
                });
            }
        }
        Ok(BadgePage {
            credential,
            report,
            colour: DEFAULT_COLOUR,
            page_url: None,
            checked_at: None,
            organization: None,
        })
    }

    /// The band colour of the drawn badge image (default [`DEFAULT_COLOUR`]).
    #[must_use]
    pub fn colour(mut self, colour: Rgb) -> Self {
        self.colour = colour;
        self
    }

    /// Where this page will be published: shown in the footer and given to
    /// LinkedIn as the certification URL.
    ///
    /// # Errors
    /// [`PageError::PageUrl`] unless it is an absolute `http(s)` URL.
    pub fn page_url(mut self, url: &str) -> Result<Self, PageError> {
        self.page_url = Some(http_url(url).ok_or_else(|| PageError::PageUrl {
            url: url.to_owned(),
        })?);
        Ok(self)
    }

    /// When the report was made (shown in the verdict banner).
    #[must_use]
    pub fn checked_at(mut self, when: chrono::DateTime<chrono::Utc>) -> Self {
        self.checked_at = Some(when);
        self
    }

    /// The issuer's LinkedIn organization for the add-to-profile link
    /// (default: the issuer's name).
    #[must_use]
    pub fn linkedin_organization(mut self, organization: Organization) -> Self {
        self.organization = Some(organization);
        self
    }

    fn subject(&self) -> Option<&AchievementSubject> {
        self.credential.credential_subject.first()
    }

    fn achievement(&self) -> Option<&Achievement> {
        self.subject().and_then(AchievementSubject::achievement)
    }

    /// The name the page is about: the achievement's, else the credential's.
    fn title(&self) -> String {
        self.achievement()
            .and_then(|a| a.name.clone())
            .filter(|n| !n.trim().is_empty())
            .or_else(|| {
                self.credential
                    .name
                    .as_ref()
                    .and_then(|n| n.text())
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| "Achievement".to_owned())
    }

    fn issuer_name(&self) -> Option<&str> {
        self.credential
            .issuer_profile()
            .and_then(|p| p.name.as_deref())
            .filter(|n| !n.trim().is_empty())
    }

    /// The add-to-profile URL, offered only for a verified credential.
    pub fn linkedin_url(&self) -> Option<url::Url> {
        if self.report.verdict() != Verdict::Valid {
            return None;
        }
        let organization = match &self.organization {
            Some(o) => o.clone(),
            None => Organization::Name(self.issuer_name()?.to_owned()),
        };
        let mut cert = Certification::new(self.title(), organization).ok()?;
        let issued = self
            .credential
            .awarded_date
            .as_ref()
            .or(self.credential.valid_from())
            .and_then(|d| YearMonth::from_utc(&d.to_utc()).ok());
        if let Some(i) = issued {
            cert = cert.issued(i);
        }
        if let Some(e) = self
            .credential
            .valid_until()
            .and_then(|d| YearMonth::from_utc(&d.to_utc()).ok())
        {
            cert = cert.clone().expires(e).unwrap_or(cert);
        }
        let cert_url = self.page_url.clone().or_else(|| {
            self.credential
                .id
                .as_ref()
                .and_then(|id| http_url(id.as_str()))
        });
        if let Some(u) = cert_url {
            cert = cert.clone().cert_url(u.as_str()).unwrap_or(cert);
        }
        if let Some(id) = &self.credential.id {
            cert = cert.cert_id(id.as_str());
        }
        Some(cert.add_to_profile_url())
    }

    /// The page.
    pub fn to_html(&self) -> String {
        let mut h = Html(String::with_capacity(32 * 1024));
        let verdict = self.report.verdict();
        let title = self.title();
        let word = match verdict {
            Verdict::Valid => "Verified",
            Verdict::Invalid => "NOT verified",
            Verdict::Indeterminate => "Could not be verified",
        };
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.raw(&format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
            escape(CSP)
        ));
        h.raw("<meta name=\"referrer\" content=\"no-referrer\">\n");
        h.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.raw("<meta name=\"generator\" content=\"openbadges (Rust)\">\n");
        h.raw("<title>");
        h.text(&title);
        if let Some(i) = self.issuer_name() {
            h.raw(" \u{2014} ");
            h.text(i);
        }
        h.raw(" (");
        h.text(word);
        h.raw(")</title>\n<style>\n");
        h.raw(STYLE);
        h.raw("</style>\n</head>\n<body>\n<main class=\"page\">\n");
        self.banner(&mut h);
        self.header(&mut h, &title);
        self.criteria(&mut h);
        self.results(&mut h);
        self.evidence(&mut h);
        self.alignments(&mut h);
        h.raw("<div class=\"cols\">\n");
        self.issuer(&mut h);
        self.dates(&mut h);
        h.raw("</div>\n");
        self.checks(&mut h);
        self.footer(&mut h);
        h.raw("</main>\n</body>\n</html>\n");
        h.0
    }

    fn banner(&self, h: &mut Html) {
        let when = self.checked_at.map(|t| {
            format!(
                " Checked {}.",
                t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    .replace('T', " ")
                    .replace('Z', " UTC")
            )
        });
        match self.report.verdict() {
            Verdict::Valid => {
                h.raw("<header class=\"verdict valid\" role=\"status\">\n<p class=\"word\">\u{2713} VERIFIED</p>\n<p>");
                h.text("The signature matches, the key that made it belongs to the issuer, what is shown here is what was signed, and every other check that applies passed.");
                if let Some(w) = &when {
                    h.text(w);
                }
                h.raw("</p>\n</header>\n");
            }
            Verdict::Invalid => {
                let head = self.report.most_specific();
                let sentence = head
                    .map(|c| failure_sentence(c.id))
                    .unwrap_or("a check failed");
                h.raw("<header class=\"verdict invalid\" role=\"alert\">\n<p class=\"word\">\u{2717} NOT VERIFIED: ");
                h.text(sentence);
                h.raw("</p>\n<p>");
                h.text("Do not rely on this credential: what it claims below may have been changed or was never issued as shown.");
                if let Some(w) = &when {
                    h.text(w);
                }
                h.raw("</p>\n");
                if let Some(c) = head {
                    h.raw("<p class=\"why\">");
                    self.reason_line(h, c);
                    h.raw("</p>\n");
                }
                // Other failed checks at the top level (the headline's own
                // sub-checks are part of it).
                let more = self
                    .report
                    .checks
                    .iter()
                    .filter(|c| {
                        c.outcome.is_failed() && !head.is_some_and(|h| core::ptr::eq(*c, h))
                    })
                    .count();
                if more > 0 {
                    h.raw("<p>");
                    h.text(&format!(
                        "{more} more check{} failed: see Verification below.",
                        if more == 1 { "" } else { "s" }
                    ));
                    h.raw("</p>\n");
                }
                h.raw("</header>\n");
            }
            Verdict::Indeterminate => {
                let first = self.report.first_unverified();
                let sentence = match first {
                    Some(c) => unverified_sentence(c.id),
                    None => "a required check did not run",
                };
                h.raw("<header class=\"verdict indeterminate\" role=\"alert\">\n<p class=\"word\">? COULD NOT BE VERIFIED: ");
                h.text(sentence);
                h.raw("</p>\n<p>");
                let missing: Vec<&str> = self
                    .report
                    .unverified_required()
                    .iter()
                    .map(|c| check_label(*c))
                    .collect();
                h.text(&format!(
                    "No check failed, but not everything could be checked ({}), so this credential is not verified.",
                    missing.join("; ")
                ));
                if let Some(w) = &when {
                    h.text(w);
                }
                h.raw("</p>\n");
                if let Some(c) = first {
                    h.raw("<p class=\"why\">");
                    self.reason_line(h, c);
                    h.raw("</p>\n");
                }
                h.raw("</header>\n");
            }
        }
    }

    /// `label (id): reason at $.path`.
    fn reason_line(&self, h: &mut Html, c: &Check) {
        h.raw("<strong>");
        h.text(check_label(c.id));
        h.raw("</strong> <code>");
        h.text(c.id.name());
        h.raw("</code>");
        if let Some(r) = c.outcome.reason() {
            h.raw(": ");
            h.text(r);
        }
        h.json_path(c);
    }

    fn header(&self, h: &mut Html, title: &str) {
        let verified = self.report.verdict() == Verdict::Valid;
        h.raw("<section class=\"badge\">\n<div class=\"art\">");
        self.image(h, title);
        h.raw("</div>\n<div class=\"headline\">\n");
        let achievement = self.achievement();
        let mut kicker = vec![if verified {
            "Open Badge".to_owned()
        } else {
            "Claimed Open Badge (not verified)".to_owned()
        }];
        if let Some(t) = achievement.and_then(|a| a.achievement_type.as_ref()) {
            kicker.push(t.as_str().to_owned());
        }
        if let Some(c) = achievement.and_then(|a| a.human_code.as_ref()) {
            kicker.push(c.clone());
        }
        h.raw("<p class=\"kicker\">");
        h.text(&kicker.join(" \u{b7} "));
        h.raw("</p>\n<h1>");
        h.text(title);
        h.raw("</h1>\n");
        let issuer = self
            .issuer_name()
            .map(str::to_owned)
            .unwrap_or_else(|| self.credential.issuer_id().as_str().to_owned());
        let awarded = self
            .credential
            .awarded_date
            .as_ref()
            .or(self.credential.valid_from());
        h.raw("<p class=\"byline\">");
        h.text(if verified {
            "Awarded by "
        } else {
            "Claims to be awarded by "
        });
        h.raw("<strong>");
        h.text(&issuer);
        h.raw("</strong>");
        if let Some(d) = awarded {
            h.text(" on ");
            h.date(d);
        }
        h.raw("</p>\n");
        let achievement_description = achievement.and_then(|a| a.description.as_deref());
        if let Some(d) = self.credential.description.as_ref().and_then(|d| d.text()) {
            if Some(d) != achievement_description {
                h.raw("<p class=\"lead\">");
                h.text(d);
                h.raw("</p>\n");
            }
        }
        if let Some(d) = achievement_description {
            h.raw("<p class=\"description\">");
            h.text(d);
            h.raw("</p>\n");
        }
        if let Some(tags) = achievement.and_then(|a| a.tag.as_ref()) {
            h.raw("<p class=\"tags\">");
            for t in tags.iter() {
                h.raw("<span class=\"tag\">");
                h.text(t);
                h.raw("</span> ");
            }
            h.raw("</p>\n");
        }
        match self.linkedin_url() {
            Some(u) => {
                h.raw("<p class=\"actions\"><a class=\"button linkedin\" rel=\"nofollow noopener noreferrer\" href=\"");
                h.text(u.as_str());
                h.raw("\">Add to LinkedIn</a></p>\n");
            }
            None => {
                h.raw("<p class=\"actions muted\">");
                h.text(
                    "\u{201c}Add to LinkedIn\u{201d} is offered only for a verified credential.",
                );
                h.raw("</p>\n");
            }
        }
        h.raw("</div>\n</section>\n");
    }

    /// The credential's own `data:` image, else the drawn badge (inline SVG).
    fn image(&self, h: &mut Html, title: &str) {
        let achievement = self.achievement();
        let candidates = [
            self.credential.image.as_ref(),
            achievement.and_then(|a| a.image.as_ref()),
        ];
        for image in candidates.into_iter().flatten() {
            let (iri, caption) = match image {
                IriOr::Iri(i) => (i.as_str(), None),
                IriOr::Object(Image { id, caption, .. }) => (id.as_str(), caption.as_deref()),
            };
            if let Some(src) = data_image(iri) {
                h.raw("<img class=\"badge-image\" src=\"");
                h.text(src);
                h.raw("\" alt=\"");
                h.text(caption.unwrap_or(&format!("Badge image: {title}")));
                h.raw("\">");
                return;
            }
        }
        let issuer = self.issuer_name().unwrap_or_default().to_owned();
        let svg = match achievement {
            Some(a) => BadgeImage::for_achievement(a, issuer, self.colour),
            None => BadgeImage::new(title, issuer, self.colour),
        }
        .to_svg();
        // Inline in HTML: the XML declaration is not wanted.
        let body = match svg.find("<svg") {
            Some(at) => svg.get(at..).unwrap_or(&svg),
            None => &svg,
        };
        h.raw(body.trim_end());
    }

    fn criteria(&self, h: &mut Html) {
        let Some(criteria) = self.achievement().and_then(|a| a.criteria.as_ref()) else {
            return;
        };
        h.raw("<section>\n<h2>How it is earned</h2>\n");
        if let Some(n) = &criteria.narrative {
            h.narrative(n);
        }
        if let Some(id) = &criteria.id {
            h.raw("<p>Criteria: ");
            h.link(id.as_str(), id.as_str());
            h.raw("</p>\n");
        }
        h.raw("</section>\n");
    }

    fn results(&self, h: &mut Html) {
        let Some(subject) = self.subject() else {
            return;
        };
        let results: Vec<_> = subject.result.iter().flat_map(|r| r.iter()).collect();
        if results.is_empty() && subject.narrative.is_none() {
            return;
        }
        let descriptions: Vec<_> = self
            .achievement()
            .and_then(|a| a.result_description.as_ref())
            .map(|d| d.iter().collect())
            .unwrap_or_default();
        h.raw("<section>\n<h2>Assessment</h2>\n");
        if let Some(n) = &subject.narrative {
            h.narrative(n);
        }
        if !results.is_empty() {
            h.raw("<table class=\"results\">\n<thead><tr><th>Criterion</th><th>Achieved</th><th>Required</th></tr></thead>\n<tbody>\n");
            for r in results {
                let description = r
                    .result_description
                    .as_ref()
                    .and_then(|id| descriptions.iter().find(|d| d.id == *id));
                let level_named = |id: Option<&crate::ids::Iri>| {
                    let id = id?;
                    let level = description
                        .and_then(|d| d.rubric_criterion_level.as_ref())
                        .and_then(|ls| ls.iter().find(|l| l.id == *id));
                    Some((id.as_str().to_owned(), level))
                };
                h.raw("<tr><td>");
                match (description, &r.result_description) {
                    (Some(d), _) => {
                        h.raw("<strong>");
                        h.text(&d.name);
                        h.raw("</strong>");
                        if let Some(text) = d.extra.get("description").and_then(|v| v.as_str()) {
                            h.raw("<br><span class=\"small\">");
                            h.text(text);
                            h.raw("</span>");
                        }
                    }
                    (None, Some(id)) => {
                        h.raw("<code>");
                        h.text(id.as_str());
                        h.raw("</code>");
                    }
                    (None, None) => h.text("Result"),
                }
                h.raw("</td><td>");
                match level_named(r.achieved_level.as_ref()) {
                    Some((_, Some(level))) => {
                        h.raw("<strong>");
                        h.text(&level.name);
                        h.raw("</strong>");
                        if let Some(p) = &level.points {
                            h.text(&format!(" ({p} points)"));
                        }
                        if let Some(d) = &level.description {
                            h.raw("<br><span class=\"small\">");
                            h.text(d);
                            h.raw("</span>");
                        }
                    }
                    Some((id, None)) => {
                        h.raw("<code>");
                        h.text(&id);
                        h.raw("</code>");
                    }
                    None => {}
                }
                if let Some(v) = &r.value {
                    if r.achieved_level.is_some() {
                        h.raw("<br>");
                    }
                    h.text(v);
                }
                if let Some(s) = &r.status {
                    h.raw("<br><span class=\"small\">");
                    h.text(s.as_str());
                    h.raw("</span>");
                }
                h.raw("</td><td>");
                if let Some(d) = description {
                    match level_named(d.required_level.as_ref()) {
                        Some((_, Some(level))) => h.text(&level.name),
                        Some((id, None)) => {
                            h.raw("<code>");
                            h.text(&id);
                            h.raw("</code>");
                        }
                        None => {}
                    }
                    if let Some(v) = &d.required_value {
                        h.text(v);
                    }
                }
                h.raw("</td></tr>\n");
            }
            h.raw("</tbody>\n</table>\n");
        }
        h.raw("</section>\n");
    }

    fn evidence(&self, h: &mut Html) {
        let Some(evidence) = &self.credential.evidence else {
            return;
        };
        if evidence.is_empty() {
            return;
        }
        h.raw("<section>\n<h2>Evidence</h2>\n<ol class=\"evidence\">\n");
        for e in evidence.iter() {
            h.raw("<li>");
            match e {
                IriOr::Iri(iri) => h.link(iri.as_str(), iri.as_str()),
                IriOr::Object(Evidence {
                    id,
                    narrative,
                    name,
                    description,
                    genre,
                    audience,
                    ..
                }) => {
                    h.raw("<h3>");
                    h.text(name.as_deref().unwrap_or("Evidence"));
                    h.raw("</h3>\n");
                    let meta: Vec<String> = [
                        genre.clone(),
                        audience.as_ref().map(|a| format!("for {a}")),
                        description.clone(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    if !meta.is_empty() {
                        h.raw("<p class=\"small\">");
                        h.text(&meta.join(" \u{b7} "));
                        h.raw("</p>\n");
                    }
                    if let Some(n) = narrative {
                        h.narrative(n);
                    }
                    if let Some(id) = id {
                        h.raw("<p class=\"small\">Link: ");
                        h.link(id.as_str(), id.as_str());
                        h.raw("</p>\n");
                    }
                }
            }
            h.raw("</li>\n");
        }
        h.raw("</ol>\n</section>\n");
    }

    fn alignments(&self, h: &mut Html) {
        let Some(alignments) = self.achievement().and_then(|a| a.alignment.as_ref()) else {
            return;
        };
        if alignments.is_empty() {
            return;
        }
        h.raw("<section>\n<h2>Aligned to</h2>\n<ul class=\"alignments\">\n");
        for a in alignments.iter() {
            h.raw("<li>");
            h.link(a.target_url.as_str(), &a.target_name);
            if let Some(code) = &a.target_code {
                h.raw(" <code>");
                h.text(code);
                h.raw("</code>");
            }
            if let Some(f) = &a.target_framework {
                h.raw("<br><span class=\"small\">");
                h.text(f);
                h.raw("</span>");
            }
            if let Some(d) = &a.target_description {
                h.raw("<br>");
                h.text(d);
            }
            h.raw("</li>\n");
        }
        h.raw("</ul>\n</section>\n");
    }

    fn issuer(&self, h: &mut Html) {
        h.raw("<section>\n<h2>Issuer</h2>\n<dl>\n");
        let profile: Option<&Profile> = self.credential.issuer_profile();
        if let Some(n) = self.issuer_name() {
            h.dt("Name");
            h.text(n);
            h.raw("</dd>\n");
        }
        if let Some(u) = profile.and_then(|p| p.url.as_ref()) {
            h.dt("Website");
            h.link(u.as_str(), u.as_str());
            h.raw("</dd>\n");
        }
        if let Some(e) = profile.and_then(|p| p.email.as_deref()) {
            h.dt("E-mail");
            h.text(e);
            h.raw("</dd>\n");
        }
        h.dt("Identifier");
        h.raw("<code class=\"id\">");
        h.text(self.credential.issuer_id().as_str());
        h.raw("</code></dd>\n");
        if let Some(d) = profile.and_then(|p| p.description.as_deref()) {
            h.dt("About");
            h.text(d);
            h.raw("</dd>\n");
        }
        h.raw("</dl>\n</section>\n");
    }

    fn dates(&self, h: &mut Html) {
        let c = &self.credential;
        h.raw("<section>\n<h2>Dates and status</h2>\n<dl>\n");
        let rows = [
            ("Awarded", c.awarded_date.as_ref()),
            ("Valid from", c.valid_from.as_ref()),
            ("Issued (VC 1.1)", c.issuance_date.as_ref()),
            ("Valid until", c.valid_until.as_ref()),
            ("Expires (VC 1.1)", c.expiration_date.as_ref()),
        ];
        for (label, date) in rows {
            if let Some(d) = date {
                h.dt(label);
                h.date(d);
                h.raw("</dd>\n");
            }
        }
        if c.valid_until.is_none() && c.expiration_date.is_none() {
            h.dt("Valid until");
            h.text("no expiry date");
            h.raw("</dd>\n");
        }
        if let Some(subject) = self.subject() {
            h.dt("Recipient");
            if let Some(id) = &subject.id {
                h.raw("<code class=\"id\">");
                h.text(id.as_str());
                h.raw("</code>");
            }
            for (i, ident) in subject.identifier.iter().flat_map(|v| v.iter()).enumerate() {
                if i > 0 || subject.id.is_some() {
                    h.raw("<br>");
                }
                if ident.hashed {
                    h.text(&format!(
                        "identified by a salted hash of their {}",
                        human_identity(ident.identity_type.as_str())
                    ));
                } else {
                    h.text(&format!(
                        "{}: {}",
                        human_identity(ident.identity_type.as_str()),
                        ident.identity_hash
                    ));
                }
            }
            if subject.id.is_none() && subject.identifier.is_none() {
                h.text("not named");
            }
            h.raw("</dd>\n");
        }
        h.dt("Status");
        match self.report.check(CheckId::Status).map(|c| &c.outcome) {
            _ if c.credential_status.is_none() => {
                h.text("this credential carries no status list (it cannot be revoked)")
            }
            Some(Outcome::Passed) => h.text("not revoked or suspended (checked)"),
            Some(Outcome::Failed { reason, .. }) => {
                h.raw("<strong class=\"bad\">");
                h.text(reason);
                h.raw("</strong>");
            }
            Some(Outcome::Skipped { reason }) => h.text(&format!("not checked: {reason}")),
            Some(Outcome::Indeterminate { reason }) => {
                h.raw("<strong class=\"warn\">");
                h.text(&format!("could not be checked: {reason}"));
                h.raw("</strong>");
            }
            None => h.text("not checked"),
        }
        for s in c.credential_status.iter().flat_map(|s| s.iter()) {
            h.raw("<br><span class=\"small\">");
            let mut parts = vec![s.types.iter().cloned().collect::<Vec<_>>().join(", ")];
            for key in ["statusPurpose", "statusListCredential", "statusListIndex"] {
                if let Some(v) = s.extra.get(key).and_then(|v| v.as_str()) {
                    parts.push(format!("{key}: {v}"));
                }
            }
            h.text(&parts.join(" \u{b7} "));
            h.raw("</span>");
        }
        h.raw("</dd>\n</dl>\n</section>\n");
    }

    fn checks(&self, h: &mut Html) {
        h.raw("<section class=\"checks\">\n<h2>Verification</h2>\n");
        h.raw("<p class=\"small\">");
        h.text(&format!(
            "{}: verdict {}. Every check the verifier ran, in order.",
            self.report.format,
            self.report.verdict()
        ));
        h.raw("</p>\n<table>\n<thead><tr><th>Check</th><th>Result</th><th>Details</th></tr></thead>\n<tbody>\n");
        for c in &self.report.checks {
            check_row(h, c, 0);
        }
        h.raw("</tbody>\n</table>\n");
        if !self.report.endorsements.is_empty() {
            h.raw("<h3>Endorsements</h3>\n<ul>\n");
            for (i, e) in self.report.endorsements.iter().enumerate() {
                h.raw("<li>");
                h.text(&format!(
                    "Endorsement {}: {}",
                    i.saturating_add(1),
                    e.verdict()
                ));
                if let Some(id) = &e.credential_id {
                    h.raw(" <code class=\"id\">");
                    h.text(id);
                    h.raw("</code>");
                }
                if let Some(f) = e.most_specific() {
                    h.raw(" \u{2014} ");
                    self.reason_line(h, f);
                }
                h.raw("</li>\n");
            }
            h.raw("</ul>\n");
        }
        h.raw("</section>\n");
    }

    fn footer(&self, h: &mut Html) {
        h.raw("<footer>\n<p>");
        if let Some(id) = &self.credential.id {
            h.text("Credential ");
            h.raw("<code class=\"id\">");
            h.text(id.as_str());
            h.raw("</code>. ");
        }
        if let Some(u) = &self.page_url {
            h.text("This page: ");
            h.link(u.as_str(), u.as_str());
            h.text(". ");
        }
        h.text("This page shows the verification made when it was generated; to rely on the badge, verify the credential itself.");
        h.raw("</p>\n</footer>\n");
    }
}

/// One row per check (sub-checks indented below, to [`MAX_CHECK_DEPTH`]).
fn check_row(h: &mut Html, c: &Check, depth: usize) {
    let (class, word) = match &c.outcome {
        Outcome::Passed => ("passed", "\u{2713} Passed"),
        Outcome::Failed { .. } => ("failed", "\u{2717} Failed"),
        Outcome::Skipped { .. } => ("skipped", "\u{2013} Skipped"),
        Outcome::Indeterminate { .. } => ("indeterminate", "? Indeterminate"),
    };
    h.raw(&format!(
        "<tr class=\"{class} depth-{}\"><td>",
        depth.min(MAX_CHECK_DEPTH)
    ));
    h.text(check_label(c.id));
    h.raw(" <code>");
    h.text(c.id.name());
    h.raw("</code></td><td class=\"outcome\">");
    h.text(word);
    h.raw("</td><td>");
    if let Some(r) = c.outcome.reason() {
        h.text(r);
    }
    h.json_path(c);
    if let Some(d) = &c.detail {
        if c.outcome.reason().is_some() {
            h.raw("<br>");
        }
        h.raw("<span class=\"small\">");
        h.text(d);
        h.raw("</span>");
    }
    h.raw("</td></tr>\n");
    if c.children.is_empty() {
        return;
    }
    if depth >= MAX_CHECK_DEPTH {
        h.raw("<tr class=\"skipped\"><td colspan=\"3\">");
        h.text(&format!("{} deeper sub-checks not shown", c.children.len()));
        h.raw("</td></tr>\n");
        return;
    }
    for child in &c.children {
        check_row(h, child, depth.saturating_add(1));
    }
}

/// What a failure of this check means, as the end of "NOT VERIFIED: …".
fn failure_sentence(id: CheckId) -> &'static str {
    match id {
        CheckId::JsonWellFormed => "this credential is not well-formed JSON",
        CheckId::Format => "this is not a credential format that can be verified",
        CheckId::ContextOrder => "its JSON-LD contexts are not in the required order",
        CheckId::ContextVersion => "it names a specification version that is not supported",
        CheckId::Structure => "required information is missing or malformed",
        CheckId::Proof => "this credential's signature does not match",
        CheckId::KeyBinding => "the key that signed it does not belong to the issuer",
        CheckId::ProofPurpose => "its signature was not made for issuing credentials",
        CheckId::NotBefore => "it is not valid yet",
        CheckId::Expired => "it has expired",
        CheckId::Status => {
            "its issuer has revoked or suspended it, or its status could not be trusted"
        }
        CheckId::RefreshService => "its refresh service failed",
        CheckId::Endorsements => "an endorsement it carries does not verify",
        CheckId::RecipientMatch => "it is not about the expected recipient",
        CheckId::Issuer => "its issuer profile is not consistent",
        CheckId::Baking => "the badge baked in the image could not be read",
        CheckId::SignedGraph => "what it shows is not what was signed",
        CheckId::JwtClaims => "its JWT claims disagree with the credential",
    }
}

/// What a check that could not run leaves open, as the end of "COULD NOT BE
/// VERIFIED: …".
fn unverified_sentence(id: CheckId) -> &'static str {
    match id {
        CheckId::Status => "its revocation status could not be checked",
        CheckId::KeyBinding => "the issuer's key could not be confirmed",
        CheckId::Proof => "its signature could not be checked",
        CheckId::SignedGraph => "what it shows could not be compared with what was signed",
        CheckId::Structure => "its structure could not be checked",
        CheckId::Format => "its format could not be recognised",
        CheckId::Endorsements => "its endorsements could not be checked",
        _ => "a required check could not run",
    }
}

/// A person's name for a check.
fn check_label(id: CheckId) -> &'static str {
    match id {
        CheckId::JsonWellFormed => "Well-formed JSON",
        CheckId::Format => "Recognised format",
        CheckId::ContextOrder => "Contexts in order",
        CheckId::ContextVersion => "Supported version",
        CheckId::Structure => "Required information",
        CheckId::Proof => "Signature",
        CheckId::KeyBinding => "Key belongs to the issuer",
        CheckId::ProofPurpose => "Signature made for issuing",
        CheckId::NotBefore => "Already valid",
        CheckId::Expired => "Not expired",
        CheckId::Status => "Not revoked or suspended",
        CheckId::RefreshService => "Refresh service",
        CheckId::Endorsements => "Endorsements",
        CheckId::RecipientMatch => "Expected recipient",
        CheckId::Issuer => "Issuer profile",
        CheckId::Baking => "Baked image",
        CheckId::SignedGraph => "Shown is signed",
        CheckId::JwtClaims => "JWT claims agree",
    }
}

fn human_identity(t: &str) -> &str {
    match t {
        "emailAddress" => "e-mail address",
        "phone" => "phone number",
        "name" => "name",
        "url" => "URL",
        "did" => "DID",
        other => other,
    }
}

/// HTML-escapes text for element content and quoted attribute values:
/// `&`, `<`, `>`, `"` and `'` become character references, and characters
/// that have no place in an HTML document (C0 and C1 controls other than tab,
/// line feed and carriage return, DEL, and Unicode noncharacters) are dropped.
///
/// ```
/// use openbadges::display::page::escape;
/// assert_eq!(
///     escape(r#"<img src=x onerror="alert('1')"> & co"#),
///     "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co"
/// );
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c if is_noncharacter(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_noncharacter(c: char) -> bool {
    let u = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&u) || (u & 0xFFFE) == 0xFFFE
}

/// An absolute `http(s)` URL with a host and no user-info, else `None`.
fn http_url(s: &str) -> Option<url::Url> {
    let u = url::Url::parse(s.trim()).ok()?;
    let ok = matches!(u.scheme(), "http" | "https")
        && u.host_str().is_some_and(|h| !h.is_empty())
        && u.username().is_empty()
        && u.password().is_none();
    ok.then_some(u)
}

/// A `data:` URI of an image type a browser shows without running anything,
/// within [`MAX_DATA_IMAGE_BYTES`], made only of URI characters.
fn data_image(s: &str) -> Option<&str> {
    if s.len() > MAX_DATA_IMAGE_BYTES {
        return None;
    }
    let rest = s.strip_prefix("data:")?;
    let (meta, data) = rest.split_once(',')?;
    let mut parts = meta.split(';');
    let mime = parts.next()?.to_ascii_lowercase();
    if !matches!(
        mime.as_str(),
        "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "image/svg+xml"
    ) {
        return None;
    }
    let base64 = meta.to_ascii_lowercase().ends_with(";base64");
    let ok = if base64 {
        !data.is_empty()
            && data
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
    } else {
        data.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'%' | b'-'
                        | b'.'
                        | b'_'
                        | b'~'
                        | b'!'
                        | b'$'
                        | b'&'
                        | b'('
                        | b')'
                        | b'*'
                        | b'+'
                        | b','
                        | b';'
                        | b'='
                        | b':'
                        | b'@'
                        | b'/'
                        | b'?'
                )
        })
    };
    (ok && meta.bytes().all(|b| b.is_ascii_graphic() && b != b'"')).then_some(s)
}

/// The page being written.
struct Html(String);

impl Html {
    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    fn text(&mut self, s: &str) {
        self.0.push_str(&escape(s));
    }

    /// " at `$.path`" of a failed check, unless its reason already names it.
    fn json_path(&mut self, c: &Check) {
        if let Outcome::Failed {
            reason,
            json_path: Some(p),
        } = &c.outcome
        {
            if !reason.contains(p.as_str()) {
                self.raw(" at <code>");
                self.text(p);
                self.raw("</code>");
            }
        }
    }

    fn dt(&mut self, label: &str) {
        self.raw("<dt>");
        self.text(label);
        self.raw("</dt><dd>");
    }

    /// A link when `url` is http(s), else the label as text.
    fn link(&mut self, url: &str, label: &str) {
        match http_url(url) {
            Some(u) => {
                self.raw("<a rel=\"nofollow noopener noreferrer\" href=\"");
                self.text(u.as_str());
                self.raw("\">");
                self.text(label);
                self.raw("</a>");
            }
            None if label == url => {
                self.raw("<code class=\"id\">");
                self.text(label);
                self.raw("</code>");
            }
            None => self.text(label),
        }
    }

    /// "14 March 2025" in the date's own offset, with the text as written.
    fn date(&mut self, d: &DateTime) {
        let v = d.value();
        self.raw("<time datetime=\"");
        self.text(d.as_str());
        self.raw("\">");
        let _ = write!(self.0, "{}", v.format("%-d %B %Y"));
        self.raw("</time> <span class=\"small\">(");
        self.text(d.as_str());
        self.raw(")</span>");
    }

    /// Plain-text paragraphs: blank lines split paragraphs, line breaks kept
    /// by CSS (`white-space: pre-line`).
    fn narrative(&mut self, text: &str) {
        for para in text
            .replace("\r\n", "\n")
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            self.raw("<p class=\"narrative\">");
            self.text(para);
            self.raw("</p>\n");
        }
    }
}

/// The page's style sheet: screen and print.
const STYLE: &str = r#":root { --ink: #1d2327; --muted: #5b6570; --line: #d5dbe0; --accent: #1f6f8b; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f6f8; color: var(--ink);
  font: 16px/1.5 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
.page { max-width: 920px; margin: 0 auto; padding: 24px 32px 40px; background: #fff; }
h1 { font-size: 30px; line-height: 1.2; margin: 4px 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 0 0 2px; overflow-wrap: anywhere; }
section { margin: 26px 0 0; break-inside: avoid-page; }
p { margin: 6px 0; }
a { color: #0b5e86; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.85em; }
code.id { overflow-wrap: anywhere; }
.small { font-size: 0.87em; color: var(--muted); }
.muted { color: var(--muted); font-size: 0.9em; }
.verdict { border: 3px solid; border-radius: 8px; padding: 14px 18px; margin: 0 0 8px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.verdict .word { font-size: 24px; font-weight: bold; margin: 0 0 4px; line-height: 1.25; }
.verdict .why { font-size: 0.95em; overflow-wrap: anywhere; }
.verdict.valid { border-color: #1e7e34; background: #e8f5ec; }
.verdict.valid .word { color: #1e7e34; }
.verdict.invalid { border-color: #b00020; background: #fdecee; }
.verdict.invalid .word { color: #b00020; }
.verdict.indeterminate { border-color: #a35c00; background: #fff4e0; }
.verdict.indeterminate .word { color: #8a4d00; }
.badge { display: flex; gap: 28px; align-items: flex-start; }
.art { flex: 0 0 210px; }
.art svg, .art img { width: 210px; height: auto; display: block; }
.headline { flex: 1; min-width: 0; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 13px; color: var(--muted); margin: 6px 0 0; }
.byline { font-size: 17px; }
.lead { font-size: 17px; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 12px; padding: 0 10px;
  font-size: 13px; color: var(--muted); margin: 2px 0; }
.button { display: inline-block; padding: 7px 16px; border-radius: 6px; text-decoration: none;
  font-weight: bold; }
.linkedin { background: #0a66c2; color: #fff; }
.narrative { white-space: pre-line; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { font-size: 13px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
table.results th:nth-child(1) { width: 40%; }
table.results th:nth-child(3) { width: 8.5em; }
table.results td { overflow-wrap: normal; }
ol.evidence { padding-left: 22px; }
ol.evidence li { margin: 0 0 14px; break-inside: avoid; }
ul.alignments li { margin: 0 0 8px; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0 32px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; }
dt { font-weight: bold; color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.checks td.outcome { white-space: nowrap; font-weight: bold; }
.checks td:first-child { width: 34%; }
.checks td:first-child code { white-space: nowrap; }
.checks tr.passed td.outcome { color: #1e7e34; }
.checks tr.failed td { background: #fdecee; }
.checks tr.failed td.outcome { color: #b00020; }
.checks tr.indeterminate td { background: #fff4e0; }
.checks tr.indeterminate td.outcome { color: #8a4d00; }
.checks tr.skipped td.outcome { color: var(--muted); }
.checks tr.depth-1 td:first-child { padding-left: 28px; }
.checks tr.depth-2 td:first-child { padding-left: 48px; }
.checks tr.depth-3 td:first-child, .checks tr.depth-4 td:first-child,
.checks tr.depth-5 td:first-child, .checks tr.depth-6 td:first-child { padding-left: 68px; }
.bad { color: #b00020; }
.warn { color: #8a4d00; }
footer { margin-top: 30px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 13px; color: var(--muted); }
@media (max-width: 640px) { .badge { flex-direction: column; } .cols { grid-template-columns: 1fr; } }
@page { margin: 15mm 14mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  .page { max-width: none; padding: 0; }
  .actions { display: none; }
  a { color: inherit; }
  .checks tr.failed td, .checks tr.indeterminate td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Why a badge page could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PageError {
    /// The JSON is not an OB 3.0 `AchievementCredential` (the error names the
    /// JSON path at fault).
    #[error("cannot make a badge page: {0}")]
    Credential(#[from] V3Error),
    /// A badge page shows one subject; the credential has `count`.
    #[error("cannot make a badge page: the credential has {count} credentialSubject values, a badge page shows exactly one")]
    Subjects {
        /// How many subjects the credential has.
        count: usize,
    },
    /// The subject's achievement is missing, or only an IRI.
    #[error("cannot make a badge page: credentialSubject.achievement is {}", match .iri { Some(i) => format!("only the IRI {i:?}, not the achievement itself"), None => "missing".to_owned() })]
    NoAchievement {
        /// The achievement's IRI when it is given by reference.
        iri: Option<String>,
    },
    /// The report is about another credential.
    #[error("cannot make a badge page: the report is about {report_id:?} but the credential is {credential_id:?}")]
    ReportMismatch {
        /// The credential's `id`.
        credential_id: String,
        /// The report's credential id.
        report_id: String,
    },
    /// The page URL is not an absolute http(s) URL.
    #[error("page URL {url:?} is not an absolute http(s) URL")]
    PageUrl {
        /// The URL given.
        url: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("\" onmouseover=\"x\" ' onfocus='y"),
            "&quot; onmouseover=&quot;x&quot; &#39; onfocus=&#39;y"
        );
        assert_eq!(escape("a & b &amp; c"), "a &amp; b &amp;amp; c");
        assert_eq!(escape("tab\tline\nok"), "tab\tline\nok");
        assert_eq!(escape("nul\u{0}bell\u{7}del\u{7f}c1\u{85}"), "nulbelldelc1");
        assert_eq!(escape("non\u{FFFE}char\u{FDD0}\u{1FFFF}"), "nonchar");
        assert_eq!(
            escape("Ana Rivera \u{e9}\u{1F393}"),
            "Ana Rivera \u{e9}\u{1F393}"
        );
        // Nothing that can open a tag or end an attribute survives.
        let nasty = "</title><svg onload=alert(1)>\"'`<!--";
        let e = escape(nasty);
        assert!(!e.contains('<') && !e.contains('>') && !e.contains('"') && !e.contains('\''));
    }

    #[test]
    fn only_http_urls_are_links() {
        assert!(http_url("https://example.org/a?b=c#d").is_some());
        assert!(http_url("http://example.org").is_some());
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "did:key:z6Mk",
            "urn:uuid:1",
            "//example.org/x",
            "/relative",
            "https://user:pw@example.org/",
            "https://google.com@evil.example/",
            "file:///etc/passwd",
            "vbscript:x",
        ] {
            assert!(http_url(bad).is_none(), "{bad}");
        }
        let u = http_url("https://e.org/a\"b<c>").unwrap();
        assert!(!u.as_str().contains('"') && !u.as_str().contains('<'));
    }

    #[test]
    fn data_images() {
        assert!(data_image("data:image/png;base64,iVBORw0KGgo=").is_some());
        assert!(data_image("data:image/svg+xml,%3Csvg%3E%3C/svg%3E").is_some());
        assert!(data_image("data:image/svg+xml,<svg onload=alert(1)>").is_none());
        assert!(data_image("data:text/html;base64,PHNjcmlwdD4=").is_none());
        assert!(data_image("data:image/png;base64,\"onerror=x").is_none());
        assert!(data_image("https://e.org/i.png").is_none());
        assert!(data_image("data:image/png;base64,").is_none());
        let big = format!("data:image/png;base64,{}", "A".repeat(MAX_DATA_IMAGE_BYTES));
        assert!(data_image(&big).is_none());
    }
}
