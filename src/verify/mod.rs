//! Verification: one entry point, [`verify`], that detects the format of the
//! bytes received and runs every check that applies, each reported as
//! passed, failed (with a reason and a JSON path) or skipped (with a reason)
//! in a [`VerificationReport`].
//!
//! # What runs (OB 3.0 with embedded proofs)
//!
//! | check | what |
//! |---|---|
//! | `json-well-formed` | the bytes parse as JSON within [`Limits`](crate::limits::Limits) |
//! | `format` | an OB 3.0 credential (OpenBadgeCredential / AchievementCredential / EndorsementCredential) |
//! | `context-order` | `@context` starts with the VC 2.0 (or VC 1.1) context, the OB 3.0 context second |
//! | `context-version` | the OB 3.0 context is a known version (`context-3.0.x.json` or `context.json`) |
//! | `structure` | required properties, JSON types and cardinalities, one child per problem with its JSON path |
//! | `proof` | one child per proof; at least one verifies and none is proven wrong (see below) |
//! | `signed-graph` | inside the signed-graph profile, and the checked values equal the signed graph |
//! | `proof-purpose` | every proof says `assertionMethod` |
//! | `key-binding` | the key of each proof belongs to the issuer ([`binding`](self) rules below) |
//! | `not-before` / `expired` | `validFrom`/`issuanceDate` and `validUntil`/`expirationDate` against [`VerifyOptions::now`] ± [`VerifyOptions::clock_skew`] |
//! | `status` | each `credentialStatus`: the list is fetched through the fetcher, verified like a credential (proof, key binding, validity), bound to the issuer, then read |
//! | `refresh-service` | noted, not followed |
//! | `endorsements` | embedded `endorsement` credentials verified recursively, each with its own report in [`VerificationReport::endorsements`] |
//! | `recipient-match` | [`VerifyOptions::expected_recipient`] against `credentialSubject.id` and its `identifier`s (plain or `sha256$`/`md5$` hashed with salt) |
//!
//! **Open Badges 2.0** hosted assertions (JSON) and signed assertions
//! (compact JWS whose payload is an OB 2.0 assertion) are verified by
//! `v2.rs` with the same report and verdict; its module docs have the
//! table (hosted verification is the `proof` check, the hosting origin the
//! `key-binding` check).
//!
//! Every check runs even after another failed, so one report lists every
//! defect; [`VerificationReport::most_specific`] picks the headline and
//! [`VerificationReport::verdict`] concludes: [`Verdict::Valid`],
//! [`Verdict::Invalid`] (a check failed) or [`Verdict::Indeterminate`]
//! (nothing failed, but a required check could not run).
//!
//! # Decisions
//!
//! - **Err or report.** [`verify`] returns `Err` only when verification
//!   could not run: bad options ([`VerifyError::BadOptions`]) or a format
//!   this crate does not verify yet ([`VerifyError::UnsupportedFormat`]:
//!   VC-JWT, PNG and SVG baked badges, OB 2.0 documents other than
//!   assertions, CLR 2.0, JSON that is no credential at all). Bytes that should be JSON but
//!   are not (malformed, too large, too deep) are a report whose
//!   `json-well-formed` check failed: the input was examined and refused.
//! - **Proof sets.** Any one verifying proof is enough, *unless* another
//!   proof was checked and found wrong: a proof whose type or cryptosuite is
//!   not supported here, or whose key cannot be looked up (offline), is a
//!   skipped child; a proof whose signature does not match, whose proofValue
//!   is malformed, or whose options are invalid is a failed child and the
//!   credential is invalid (a forged proof attached to a credential is news,
//!   whatever else verifies).
//! - **Key binding is required** (see [`report::REQUIRED_CHECKS`]). A
//!   `did:key` method must be the issuer's DID; any other method's URL
//!   without its fragment must be the issuer id, and the issuer's controller
//!   document (did:web, or the https URL itself), read through
//!   [`VerifyOptions::fetcher`], must list the method under
//!   `assertionMethod` with the same key. The key in an
//!   `https://issuer.example#z6Mk…` fragment is used to check the signature
//!   but never bound without that document: offline the check is skipped and
//!   the report is not valid.
//! - **Status fails closed** ([`StatusPolicy`]): a credential with
//!   `credentialStatus` whose status could not be checked (no fetcher, the
//!   list not served or not verifiable) is [`Verdict::Indeterminate`]; a
//!   list must verify, be issued by the credential's issuer (or a delegate
//!   the caller trusts), carry the `statusListCredential` URL as its `id` and
//!   the entry's purpose. [`StatusPolicy::Ignore`] is the named opt-out.
//! - **What is checked is what was signed** (`signed-graph`, see
//!   [`crate::canon::profile`]): documents outside the profile in which the
//!   JSON surface is the signed graph are refused, and the values the checks
//!   read are compared with the canonical graph the proof covers.
//! - **Endorsements** that fail make the endorsed credential's report invalid
//!   (the failing endorsement is part of what was presented); endorsements
//!   that merely cannot be verified offline are skipped.
//! - **No re-serialization**: proofs are checked on the received JSON value.
//!
//! ```
//! use openbadges::verify::{verify, VerifyOptions, CheckId};
//! let opts = VerifyOptions::at("2026-01-01T00:00:00Z".parse().unwrap());
//! let report = verify(b"{\"@context\": [", &opts)?;
//! assert!(!report.is_valid());
//! assert_eq!(report.most_specific().map(|c| c.id), Some(CheckId::JsonWellFormed));
//! // A compact JWS is read as a VC-JWT; this one's payload is not JSON.
//! let report = verify(b"eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln", &opts)?;
//! assert!(!report.is_valid());
//! # Ok::<(), openbadges::verify::VerifyError>(())
//! ```

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::Value;
use sha2::Digest as _;

use crate::canon::Canonicalizer;
use crate::fetch::{FetchError, Fetched, Fetcher};
use crate::limits::{parse_json_limited, Limit, LimitExceeded};

mod binding;
mod checks;
pub mod evidence;
mod graph;
mod jwt;
pub mod report;
mod status;
mod structure;
mod v2;

pub use evidence::Evidence;
pub use report::{
    Check, CheckId, CredentialFormat, Outcome, SeenFormat, StatusPolicy, Verdict,
    VerificationReport, VerifyError, VerifyOptions, REQUIRED_CHECKS,
};
pub(crate) use v2::Ob2Parts;

/// What a document is verified as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A top-level OB 3.0 credential (achievement or endorsement).
    Credential,
    /// An embedded endorsement: must be an EndorsementCredential.
    Endorsement,
    /// A status list credential read for a status check.
    StatusList,
}

/// What one verification run shares: the options, the canonicalizer, the
/// fetch budget and the count of documents verified.
pub(crate) struct Ctx<'o> {
    pub(crate) options: &'o VerifyOptions,
    canon: BudgetedCanonicalizer<'o>,
    fetcher: BudgetedFetcher<'o>,
    verifications: AtomicUsize,
    endorsements: AtomicUsize,
    /// Status list credentials already verified in this run, by URL.
    lists: Mutex<HashMap<String, Arc<VerificationReport>>>,
    /// What a bulk run shares between its `verify` calls, if any.
    shared: Option<&'o SharedRun>,
    /// What the checks of a top-level OB 2.0 assertion read (for
    /// [`crate::convert`]).
    ob2: Mutex<Option<v2::Ob2Parts>>,
}

/// What a bulk run (`crate::bulk`) shares between the [`verify`] calls of
/// its items, all made with the same options: the Valid reports of the
/// status list credentials verified so far, by URL, so a list named by a
/// million credentials is verified once per run, not once per credential.
///
/// Only Valid reports are shared (a Valid report cannot come from one
/// item's exhausted budget), and they are computed with strict signature
/// checks even while the item is being verified with deferred ones
/// (`crate::proof::deferred::strictly`), so what is shared never rests on
/// a signature not yet checked. Reports are keyed by the list's URL and the
/// SHA-256 of the list as parsed, so a list that changes during the run is
/// verified again.
#[derive(Default)]
pub(crate) struct SharedRun {
    lists: Mutex<HashMap<ListKey, Arc<VerificationReport>>>,
}

/// A status list as served: its URL and the SHA-256 of the list as parsed.
type ListKey = (String, [u8; 32]);

impl SharedRun {
    /// Most status list reports kept.
    const MAX_LISTS: usize = 4096;
}

impl<'o> Ctx<'o> {
    fn new(options: &'o VerifyOptions, canon: &'o dyn Canonicalizer) -> Self {
        Ctx {
            options,
            canon: BudgetedCanonicalizer {
                inner: canon,
                max: options.limits.max_canonicalizations,
                used: AtomicUsize::new(0),
            },
            fetcher: BudgetedFetcher {
                inner: options.fetcher.as_ref(),
                max: options.limits.max_fetches,
                seen: Mutex::new(HashMap::new()),
            },
            verifications: AtomicUsize::new(0),
            endorsements: AtomicUsize::new(0),
            lists: Mutex::new(HashMap::new()),
            shared: None,
            ob2: Mutex::new(None),
        }
    }

    /// The canonicalizer, behind this run's canonicalization budget.
    pub(crate) fn canon(&self) -> &dyn Canonicalizer {
        &self.canon
    }

    /// The caller's fetcher, behind this run's fetch budget.
    pub(crate) fn fetcher(&self) -> &dyn Fetcher {
        &self.fetcher
    }

    /// Takes one from a budget counter; the limit when it is spent.
    fn take(&self, counter: &AtomicUsize, limit: Limit, max: usize) -> Result<(), LimitExceeded> {
        let used = counter.fetch_add(1, Ordering::Relaxed);
        if used >= max {
            Err(LimitExceeded {
                limit,
                max,
                found: Some(used.saturating_add(1)),
            })
        } else {
            Ok(())
        }
    }

    /// The report of the status list credential served at `url`, verified
    /// once per run however many entries name it.
    pub(crate) fn status_list_report(
        &self,
        url: &str,
        list: &Value,
        verify: impl FnOnce() -> VerificationReport,
    ) -> Arc<VerificationReport> {
        let cached = match self.lists.lock() {
            Ok(g) => g.get(url).cloned(),
            Err(p) => p.into_inner().get(url).cloned(),
        };
        if let Some(r) = cached {
            return r;
        }
        let r = match self.shared {
            None => Arc::new(verify()),
            Some(shared) => {
                let lock = || match shared.lists.lock() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                let body = serde_json::to_vec(list).unwrap_or_default();
                let key = (url.to_owned(), sha2::Sha256::digest(&body).into());
                let known = lock().get(&key).cloned();
                match known {
                    Some(r) => r,
                    None => {
                        let r = Arc::new(crate::proof::deferred::strictly(verify));
                        let mut lists = lock();
                        if r.verdict() == Verdict::Valid && lists.len() < SharedRun::MAX_LISTS {
                            lists.insert(key, Arc::clone(&r));
                        }
                        r
                    }
                }
            }
        };
        match self.lists.lock() {
            Ok(mut g) => g.insert(url.to_owned(), Arc::clone(&r)),
            Err(p) => p.into_inner().insert(url.to_owned(), Arc::clone(&r)),
        };
        r
    }

    /// Keeps what an OB 2.0 verification read and returns its report.
    fn keep_ob2(&self, verified: (VerificationReport, Option<v2::Ob2Parts>)) -> VerificationReport {
        let (report, parts) = verified;
        match self.ob2.lock() {
            Ok(mut g) => *g = parts,
            Err(p) => *p.into_inner() = parts,
        }
        report
    }

    /// Takes one embedded endorsement from the budget.
    pub(crate) fn take_endorsement(&self) -> Result<(), LimitExceeded> {
        self.take(
            &self.endorsements,
            Limit::Endorsements,
            self.options.limits.max_endorsements,
        )
    }
}

/// The canonicalizer, refusing more than
/// [`Limits::max_canonicalizations`](crate::limits::Limits::max_canonicalizations)
/// canonicalizations per `verify` call (status lists and endorsements
/// included), so the work one input causes is bounded whatever its shape.
struct BudgetedCanonicalizer<'c> {
    inner: &'c dyn Canonicalizer,
    max: usize,
    used: AtomicUsize,
}

impl BudgetedCanonicalizer<'_> {
    /// Counts one canonicalization, refusing it past the budget.
    fn spend(&self) -> Result<(), crate::canon::CanonError> {
        let used = self.used.fetch_add(1, Ordering::Relaxed);
        if used >= self.max {
            return Err(LimitExceeded {
                limit: Limit::Canonicalizations,
                max: self.max,
                found: Some(used.saturating_add(1)),
            }
            .into());
        }
        Ok(())
    }
}

impl Canonicalizer for BudgetedCanonicalizer<'_> {
    fn canonicalize(&self, document: &Value) -> Result<String, crate::canon::CanonError> {
        self.spend()?;
        self.inner.canonicalize(document)
    }

    fn canonicalize_unsecured(&self, document: &Value) -> Result<String, crate::canon::CanonError> {
        self.spend()?;
        self.inner.canonicalize_unsecured(document)
    }
}

/// The caller's fetcher, fetching each URL at most once per `verify` call
/// and at most [`Limits::max_fetches`](crate::limits::Limits::max_fetches)
/// distinct URLs.
struct BudgetedFetcher<'f> {
    inner: &'f dyn Fetcher,
    max: usize,
    seen: Mutex<HashMap<(String, usize), Result<Fetched, FetchError>>>,
}

impl Fetcher for BudgetedFetcher<'_> {
    fn fetch(&self, url: &str, max_bytes: usize) -> Result<Fetched, FetchError> {
        let key = (url.to_owned(), max_bytes);
        let mut seen = match self.seen.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(r) = seen.get(&key) {
            return r.clone();
        }
        if seen.len() >= self.max {
            return Err(FetchError::Budget {
                url: url.to_owned(),
                limit: LimitExceeded {
                    limit: Limit::Fetches,
                    max: self.max,
                    found: Some(seen.len().saturating_add(1)),
                },
            });
        }
        let r = self.inner.fetch(url, max_bytes);
        seen.insert(key, r.clone());
        r
    }
}

/// Verifies one credential from the bytes received.
///
/// See the [module documentation](self) for the checks and the decisions.
///
/// # Errors
/// [`VerifyError::BadOptions`] when [`VerifyOptions::validate`] refuses the
/// options; [`VerifyError::UnsupportedFormat`] for a compact JWS / VC-JWT
/// (other than an OB 2.0 signed assertion), a PNG or SVG image, a CLR 2.0
/// credential (each "…: not yet supported"), an OB 2.0 document that is not
/// an assertion, and JSON that is not a credential.
pub fn verify(bytes: &[u8], options: &VerifyOptions) -> Result<VerificationReport, VerifyError> {
    verify_in_run(bytes, options, None)
}

/// [`verify`], sharing status list reports with the other items of a bulk
/// run (`crate::bulk`) through `shared`.
pub(crate) fn verify_in_run(
    bytes: &[u8],
    options: &VerifyOptions,
    shared: Option<&SharedRun>,
) -> Result<VerificationReport, VerifyError> {
    options.validate()?;
    with_canonicalizer(options, |canon| {
        let mut ctx = Ctx::new(options, canon);
        ctx.shared = shared;
        verify_input(&ctx, bytes)
    })
}

/// Runs `f` with the options' canonicalizer, or the default one built from
/// the options' contexts and limits.
fn with_canonicalizer<R>(options: &VerifyOptions, f: impl FnOnce(&dyn Canonicalizer) -> R) -> R {
    match &options.canonicalizer {
        Some(c) => f(c.as_ref()),
        None => f(canonicalizer_for(options).as_ref()),
    }
}

/// [`verify`], with what the checks of an OB 2.0 assertion read (`None`
/// for any other format, or when the assertion, its badge class or its
/// issuer's profile could not be read).
pub(crate) fn verify_ob2_parts(
    bytes: &[u8],
    options: &VerifyOptions,
) -> Result<(VerificationReport, Option<v2::Ob2Parts>), VerifyError> {
    options.validate()?;
    with_canonicalizer(options, |canon| {
        let ctx = Ctx::new(options, canon);
        let report = verify_input(&ctx, bytes)?;
        let parts = match ctx.ob2.into_inner() {
            Ok(p) => p,
            Err(p) => p.into_inner(),
        };
        Ok((report, parts))
    })
}

/// The `json-well-formed` failure for input that is not strict JSON.
fn json_failure(e: &crate::limits::JsonInputError) -> Check {
    use crate::json::JsonRule;
    use crate::limits::JsonInputError;
    let (evidence, path) = match e {
        JsonInputError::Limit(l) => (Some(Evidence::LimitExceeded(*l)), None),
        JsonInputError::Syntax {
            line,
            column,
            message,
        } => (
            Some(Evidence::MalformedJson {
                line: *line,
                column: *column,
                message: message.clone(),
            }),
            None,
        ),
        JsonInputError::Rule(rule) => (
            match &rule.rule {
                JsonRule::DuplicateMember { name } => {
                    Some(Evidence::DuplicateMember { name: name.clone() })
                }
                JsonRule::InexactNumber { text, reads_as } => Some(Evidence::InexactNumber {
                    text: text.clone(),
                    reads_as: reads_as.clone(),
                }),
                _ => None,
            },
            Some(rule.path.as_str()),
        ),
    };
    let check = Check::failed(CheckId::JsonWellFormed, e.to_string(), path);
    match evidence {
        Some(ev) => check.with_evidence(ev),
        None => check,
    }
}

/// A shared canonicalizer for [`VerifyOptions::canonicalizer`], built from
/// the options' contexts and limits (build it once to verify many files).
pub fn canonicalizer_for(options: &VerifyOptions) -> Arc<dyn Canonicalizer> {
    crate::canon::default_canonicalizer((*options.contexts).clone(), options.limits)
}

fn unsupported(found: SeenFormat, reason: impl Into<String>) -> VerifyError {
    VerifyError::UnsupportedFormat {
        found,
        reason: reason.into(),
    }
}

/// Recognises the non-JSON formats that later versions will verify.
/// What the bytes received look like, before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input<'b> {
    /// A PNG or SVG image (a baked badge).
    Image(SeenFormat),
    /// A compact JWS, trimmed.
    Jws(&'b str),
    /// Anything else: parsed as JSON.
    Json,
}

/// Recognises the formats that are not JSON.
fn sniff(bytes: &[u8]) -> Input<'_> {
    let trimmed = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = trimmed
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(trimmed.len());
    let t = trimmed.get(start..).unwrap_or_default();
    if t.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Input::Image(SeenFormat::Png);
    }
    if t.starts_with(b"<") {
        return Input::Image(SeenFormat::Svg);
    }
    let end = t
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |p| p.saturating_add(1));
    let body = t.get(..end).unwrap_or_default();
    // Any printable ASCII but JSON punctuation: a token with padding or the
    // standard base64 alphabet is still a JWS, refused by the JOSE parser by
    // name rather than read as broken JSON.
    let jws_char = |b: &u8| {
        b.is_ascii_graphic() && !matches!(*b, b'{' | b'}' | b'[' | b']' | b'"' | b',' | b':')
    };
    if !body.is_empty()
        && body.iter().all(jws_char)
        && body.iter().filter(|b| **b == b'.').count() >= 2
        && !body.starts_with(b".")
    {
        if let Ok(token) = std::str::from_utf8(body) {
            return Input::Jws(token);
        }
    }
    Input::Json
}

/// Verifies bytes of any supported format: JSON, compact JWS, baked image.
fn verify_input(ctx: &Ctx<'_>, bytes: &[u8]) -> Result<VerificationReport, VerifyError> {
    match sniff(bytes) {
        Input::Image(format) => verify_baked(ctx, bytes, format),
        Input::Jws(token) => verify_jws(ctx, token),
        Input::Json => verify_json(ctx, bytes),
    }
}

/// Verifies a compact JWS: an OB 2.0 signed assertion, else a VC-JWT.
fn verify_jws(ctx: &Ctx<'_>, token: &str) -> Result<VerificationReport, VerifyError> {
    match v2::verify_jws_bytes(token.as_bytes(), ctx.options) {
        // OB 2.0 signed: a compact JWS whose payload is an OB 2.0 assertion.
        Some(verified) => verified.map(|v| ctx.keep_ob2(v)),
        None => jwt::verify_jwt(ctx, token, Kind::Credential, 0),
    }
}

/// Verifies JSON bytes.
fn verify_json(ctx: &Ctx<'_>, bytes: &[u8]) -> Result<VerificationReport, VerifyError> {
    let value = match parse_json_limited(bytes, &ctx.options.limits) {
        Ok(v) => v,
        Err(e) => {
            let mut r = VerificationReport::new(CredentialFormat::Unknown);
            r.push(json_failure(&e));
            return Ok(r);
        }
    };
    // OB 2.0 hosted (or any OB 2.0 JSON document).
    if v2::is_ob2_payload(&value) {
        return v2::verify_json_parts(&value, ctx.options).map(|v| ctx.keep_ob2(v));
    }
    let kind = detect_json(&value)?;
    Ok(verify_document(ctx, &value, kind, 0))
}

/// Verifies the badge baked into a PNG or SVG: the `baking` check first,
/// then the report of what was baked.
fn verify_baked(
    ctx: &Ctx<'_>,
    bytes: &[u8],
    format: SeenFormat,
) -> Result<VerificationReport, VerifyError> {
    let failed = |reason: String| {
        let mut r = VerificationReport::new(CredentialFormat::Unknown);
        r.push(Check::failed(CheckId::Baking, reason, None));
        r
    };
    let payload = match crate::bake::extract(bytes, &ctx.options.limits) {
        Ok(Some(p)) => p,
        Ok(None) => return Ok(failed(format!("no badge is baked in this {format}"))),
        Err(e) => return Ok(failed(format!("the {format} cannot be read: {e}"))),
    };
    let mut r = match payload.content() {
        crate::bake::Content::Json(json) => verify_json(ctx, json.as_bytes())?,
        crate::bake::Content::Jws(token) => verify_jws(ctx, token.trim())?,
        // OB 2.0: the URL of a hosted assertion; it is read through the
        // fetcher and verified as hosted (which fetches it again at its id
        // and compares).
        crate::bake::Content::Url(url) => {
            match crate::fetch::fetch_json(ctx.fetcher(), url, &ctx.options.limits) {
                Ok(value) if v2::is_ob2_payload(&value) => {
                    ctx.keep_ob2(v2::verify_json_parts(&value, ctx.options)?)
                }
                Ok(_) => {
                    return Ok(failed(format!(
                    "the {format} names {url}, which does not serve an Open Badges 2.0 assertion"
                )))
                }
                Err(e) => {
                    let mut r = VerificationReport::new(CredentialFormat::OpenBadges2Hosted);
                    r.push(
                        Check::passed(CheckId::Baking)
                            .with_detail(format!("a hosted assertion URL baked in the {format}")),
                    );
                    r.push(Check::indeterminate(
                        CheckId::Proof,
                        format!("the hosted assertion {url} could not be read: {e}"),
                    ));
                    return Ok(r);
                }
            }
        }
        #[allow(unreachable_patterns)]
        _ => {
            return Ok(failed(format!(
                "the {format} holds a badge of an unknown kind"
            )))
        }
    };
    r.checks.insert(
        0,
        Check::passed(CheckId::Baking).with_detail(format!(
            "one {:?} badge baked in the {format}",
            payload.version()
        )),
    );
    Ok(r)
}

fn context_strings(value: &Value) -> Vec<&str> {
    crate::json::strings(value.get("@context"))
}

/// Recognises the JSON formats: OB 3.0 (verified), OB 2.0 and CLR (later).
fn detect_json(value: &Value) -> Result<Kind, VerifyError> {
    if !value.is_object() {
        return Err(unsupported(
            SeenFormat::JsonNotCredential,
            format!(
                "the JSON is not an object, so not a credential (found {})",
                match value {
                    Value::Array(_) => "an array",
                    Value::String(_) => "a string",
                    Value::Number(_) => "a number",
                    Value::Bool(_) => "a boolean",
                    _ => "null",
                }
            ),
        ));
    }
    let contexts = context_strings(value);
    let types = structure::type_names(value.get("type"));
    if contexts
        .iter()
        .any(|c| c.starts_with("https://w3id.org/openbadges/v2") || c.contains("openbadges/v2"))
        || (types.contains(&"Assertion") && !types.contains(&"VerifiableCredential"))
    {
        return Err(unsupported(
            SeenFormat::OpenBadges2,
            "assertions, badge classes and profiles: not yet supported",
        ));
    }
    if types.contains(&"ClrCredential")
        || contexts
            .iter()
            .any(|c| c.starts_with("https://purl.imsglobal.org/spec/clr/"))
    {
        return Err(unsupported(SeenFormat::Clr2, "not yet supported"));
    }
    let vc_context = contexts.iter().any(|c| {
        *c == crate::contexts::CREDENTIALS_V2
            || *c == crate::contexts::CREDENTIALS_V1
            || c.starts_with("https://purl.imsglobal.org/spec/ob/v3p0/")
    });
    let vc_type = types.iter().any(|t| {
        matches!(
            *t,
            "VerifiableCredential"
                | "OpenBadgeCredential"
                | "AchievementCredential"
                | "EndorsementCredential"
        )
    });
    if vc_context || vc_type {
        Ok(Kind::Credential)
    } else {
        Err(unsupported(
            SeenFormat::JsonNotCredential,
            "neither a Verifiable Credentials / Open Badges 3.0 @context nor a credential type",
        ))
    }
}

pub(crate) use crate::json::member_path as json_path;

/// The proofs of a document with their JSON paths.
pub(crate) fn proof_list(value: &Value) -> Vec<(String, &Value)> {
    crate::json::one_or_many_at(value, "proof", "$")
}

/// How sub-checks combine into their parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Aggregate {
    /// Passed when at least one child passed and none failed.
    AnyPassed,
    /// Passed when every child passed.
    AllPassed,
}

/// Combines per-item checks into one check of `id`: failed when any child
/// failed, else passed or skipped by `mode`. A single child is returned as
/// the check itself unless `always_children`.
pub(crate) fn aggregate(
    id: CheckId,
    mut children: Vec<Check>,
    mode: Aggregate,
    always_children: bool,
) -> Check {
    if children.len() == 1 && !always_children {
        if let Some(only) = children.pop() {
            return only;
        }
    }
    let n = children.len();
    let failed: Vec<&Check> = children.iter().filter(|c| c.outcome.is_failed()).collect();
    let passed = children.iter().filter(|c| c.outcome.is_passed()).count();
    let check = if let Some(first) = failed.first() {
        let (reason, path) = match &first.outcome {
            Outcome::Failed { reason, json_path } => (reason.clone(), json_path.clone()),
            _ => (String::new(), None),
        };
        let reason = if n == 1 {
            reason
        } else {
            format!("{} of {n} failed; first: {reason}", failed.len())
        };
        let mut c = Check::failed(id, reason, path.as_deref());
        c.evidence = first.evidence.clone();
        c
    } else {
        let ok = match mode {
            Aggregate::AnyPassed => passed > 0,
            Aggregate::AllPassed => passed == n && n > 0,
        };
        let indeterminate = children.iter().find_map(|c| match &c.outcome {
            Outcome::Indeterminate { reason } => Some((reason.clone(), c.evidence.clone())),
            _ => None,
        });
        if ok {
            Check::passed(id).with_detail(format!("{passed} of {n} passed"))
        } else if let Some((r, evidence)) = indeterminate {
            let reason = if n == 1 {
                r
            } else {
                format!(
                    "{} of {n} not verified; first: {r}",
                    n.saturating_sub(passed)
                )
            };
            let mut c = Check::indeterminate(id, reason);
            c.evidence = evidence;
            c
        } else {
            let first_skip = children.iter().find_map(|c| match &c.outcome {
                Outcome::Skipped { reason } => Some(reason.clone()),
                _ => None,
            });
            let reason = match (n, first_skip) {
                (1, Some(r)) => r,
                (_, Some(r)) => format!(
                    "{} of {n} not verified; first: {r}",
                    n.saturating_sub(passed)
                ),
                (_, None) => "nothing to check".to_owned(),
            };
            Check::skipped(id, reason)
        }
    };
    check.with_children(children)
}

/// A report for `value` with its `json-well-formed` and `format` checks;
/// `Err` (a finished report) when the run's budget of nested verifications
/// is spent.
pub(crate) fn begin_report(
    ctx: &Ctx<'_>,
    value: &Value,
    _kind: Kind,
    format: CredentialFormat,
    format_detail: String,
) -> Result<VerificationReport, VerificationReport> {
    let mut r = VerificationReport::new(format);
    if let Some(id) = value.get("id").and_then(Value::as_str) {
        r = r.with_credential_id(id);
    }
    r.push(Check::passed(CheckId::JsonWellFormed));
    if let Err(limit) = ctx.take(
        &ctx.verifications,
        Limit::NestedVerifications,
        ctx.options.limits.max_nested_verifications,
    ) {
        r.push(
            Check::indeterminate(CheckId::Format, format!("not verified: {limit}"))
                .with_evidence(Evidence::LimitExceeded(limit)),
        );
        return Err(r);
    }
    r.push(Check::passed(CheckId::Format).with_detail(format_detail));
    Ok(r)
}

/// The checks that follow the proof, for any securing mechanism: dates,
/// then (for credentials) status, refresh, endorsements and recipient.
pub(crate) fn finish_report(
    ctx: &Ctx<'_>,
    value: &Value,
    kind: Kind,
    depth: usize,
    proof_verified: bool,
    r: &mut VerificationReport,
) {
    r.push(checks::not_before(value, ctx.options));
    r.push(checks::expired(value, ctx.options));
    if kind == Kind::StatusList {
        return;
    }
    r.push(status::status(ctx, value, depth, proof_verified));
    r.push(checks::refresh_service(value, ctx.options));
    let endorsements = checks::endorsements(ctx, value, depth, proof_verified, r);
    r.push(endorsements);
    if depth == 0 {
        r.push(checks::recipient(
            value,
            ctx.options.expected_recipient.as_deref(),
        ));
    }
}

/// Runs every check on a parsed document with embedded proofs. `depth` is
/// the endorsement depth.
pub(crate) fn verify_document(
    ctx: &Ctx<'_>,
    value: &Value,
    kind: Kind,
    depth: usize,
) -> VerificationReport {
    let (format, detail) = match kind {
        Kind::StatusList => (
            CredentialFormat::StatusList,
            "status list credential with embedded proof",
        ),
        _ => (
            CredentialFormat::OpenBadges3,
            "Open Badges 3.0 credential with embedded proof",
        ),
    };
    let mut r = match begin_report(ctx, value, kind, format, detail.to_owned()) {
        Ok(r) => r,
        Err(stopped) => return stopped,
    };
    r.push(checks::context_order(value, kind));
    r.push(checks::context_version(value, kind));
    r.push(structure::check(value, kind));
    let profile = ctx.options.profile.check(value);
    let proof = checks::proof(ctx, value);
    let proof_verified = !proof.verified.is_empty();
    let graph = checks::signed_graph(ctx, value, profile, &proof);
    r.push(proof.check);
    r.push(graph);
    r.push(checks::proof_purpose(value));
    r.push(binding::key_binding(ctx, value, &proof.verified));
    finish_report(ctx, value, kind, depth, proof_verified, &mut r);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths() {
        assert_eq!(json_path("$", "issuer"), "$.issuer");
        assert_eq!(json_path("$", "@context"), "$['@context']");
        assert_eq!(json_path("$.a", "it's"), "$.a['it\\'s']");
        assert_eq!(json_path("$", "1x"), "$['1x']");
    }

    #[test]
    fn non_json_formats() {
        assert_eq!(sniff(b"  eyJ.eyJ.sig\n"), Input::Jws("eyJ.eyJ.sig"));
        assert_eq!(sniff(b"eyJ.eyJ."), Input::Jws("eyJ.eyJ."), "unsecured JWT");
        assert_eq!(
            sniff(b"\xEF\xBB\xBF<?xml version='1.0'?><svg/>"),
            Input::Image(SeenFormat::Svg)
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\nrest"),
            Input::Image(SeenFormat::Png)
        );
        assert_eq!(sniff(b"{\"a\": \"b.c.d\"}"), Input::Json);
        assert_eq!(
            sniff(b"a.b"),
            Input::Json,
            "two segments: left to the JSON parser"
        );
        assert_eq!(sniff(b".a.b"), Input::Json);
        assert_eq!(sniff(b""), Input::Json);
    }

    #[test]
    fn aggregation_rules() {
        let p = || Check::passed(CheckId::Proof);
        let s = || Check::skipped(CheckId::Proof, "unsupported");
        let f = || Check::failed(CheckId::Proof, "bad", Some("$.proof[1]"));
        let any = |c: Vec<Check>| aggregate(CheckId::Proof, c, Aggregate::AnyPassed, true);
        let all = |c: Vec<Check>| aggregate(CheckId::Proof, c, Aggregate::AllPassed, false);
        assert!(any(vec![s(), p()]).outcome.is_passed());
        assert!(any(vec![p(), f()]).outcome.is_failed());
        assert!(any(vec![s(), s()]).outcome.is_skipped());
        assert!(all(vec![p(), s()]).outcome.is_skipped());
        assert!(all(vec![p(), p()]).outcome.is_passed());
        let one = all(vec![f()]);
        assert!(
            one.children.is_empty(),
            "a single child is the check itself"
        );
        assert_eq!(
            any(vec![p(), f()]).outcome,
            Outcome::Failed {
                reason: "1 of 2 failed; first: bad".into(),
                json_path: Some("$.proof[1]".into())
            }
        );
    }
}
