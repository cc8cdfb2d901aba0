//! Open Badges 2.0 verification: hosted assertions (JSON) and signed
//! assertions (compact JWS), reported with the same [`Check`]s and
//! [`Verdict`](super::Verdict) as OB 3.0.
//!
//! # What runs
//!
//! | check | hosted | signed |
//! |---|---|---|
//! | `json-well-formed` | the JSON | the JWS payload |
//! | `format` | an OB 2.0 `Assertion` whose `verification` is `hosted` | an OB 2.0 `Assertion` in a compact JWS whose `verification` is `signed` |
//! | `context-version` | `@context` names `https://w3id.org/openbadges/v2` | same |
//! | `structure` | the typed model ([`crate::model::v2::Assertion`]): required properties, `type`, recipient, an HTTP(S) `id`, no `data:` image | same, any IRI `id` |
//! | `issuer` | the badge class (fetched at its IRI or embedded) and the issuer profile, **always fetched at its id** | same |
//! | `proof` | the assertion fetched at its `id` equals the one given, as JSON data | RS256 JWS verified with the `CryptographicKey` at `verification.creator` (or the header `kid`), or a key the caller trusts for the issuer |
//! | `signed-graph` | the checks read the assertion as hosted | the checks read the JWS payload, the bytes the signature covers |
//! | `key-binding` | the assertion URL is allowed by the issuer's `verification` policy (`startsWith`, `allowedOrigins`; by default the issuer id's origin) | the key's `owner` is the issuer and the issuer profile lists it in `publicKey` (or the caller trusts it) |
//! | `not-before` / `expired` | `issuedOn` not after now; `expires` not before now, nor before `issuedOn` | same |
//! | `status` | HTTP 410 or `revoked: true` at the assertion URL is revoked | the issuer's `revocationList` (one entry or many, by `id` or legacy `uid`) |
//! | `endorsements` | noted, not verified | same |
//! | `recipient-match` | [`VerifyOptions::expected_recipient`](super::VerifyOptions::expected_recipient) against `recipient` (plain or `sha256$`/`md5$` with salt) | same |
//!
//! # Decisions
//!
//! - **The issuer's own profile decides.** The verification policy, the
//!   public keys and the revocation list come from the profile served at
//!   the issuer's id, never from a profile embedded in the assertion or the
//!   badge class (an embedded profile is the sender's claim): an issuer id
//!   that cannot be fetched leaves hosted origin binding failed and signed
//!   key binding indeterminate, unless the caller trusts a key for it.
//! - **Fail closed.** A host that cannot be reached, a key or profile that
//!   is not served, a revocation list not served: indeterminate, never
//!   valid. HTTP 410 or `revoked: true` is revoked (validator-core 1.1.2
//!   calls such a badge valid), and a RevocationList whose
//!   `revokedAssertions` is a single object (JSON-LD compaction's form of a
//!   one-element array) is read like an array (validator-core iterates the
//!   object's keys and finds nothing).
//! - **RS256 only** for signed assertions, as the OB 2.0 specification and
//!   both reference verifiers have it; the header passes the
//!   [`crate::jose`] refusals first (`none`, HMAC, `crit`, `jku`, …).
//! - A node fetched at one URL that declares another `id` is fetched again
//!   at its declared id (as validator-core does) and used only if that
//!   document declares the same id.

use serde_json::Value;

use super::evidence::Evidence;
use super::report::{
    Check, CheckId, CredentialFormat, SeenFormat, StatusPolicy, VerificationReport, VerifyError,
    VerifyOptions,
};
use super::{json_path, Ctx};
use crate::canon::{CanonError, Canonicalizer};
use crate::contexts::OB_V2_CONTEXT;
use crate::fetch::FetchError;
use crate::jose::{JosePublicKey, Jws, JwsAlgorithm, JwsError};
use crate::limits::parse_json_limited;
use crate::model::v2::{
    Assertion, BadgeClass, Class, CryptographicKey, Profile, RevocationList, RevocationStatus,
    Types, VerificationKind,
};
use crate::model::IriOr;

/// Whether a JSON value is an Open Badges 2.0 document: its `@context`
/// names the OB 2.0 context, or its `type` is `Assertion` without
/// `VerifiableCredential`.
pub(super) fn is_ob2_payload(value: &Value) -> bool {
    let Some(obj) = value.as_object() else {
        return false;
    };
    let contexts: Vec<&str> = match obj.get("@context") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let types: Vec<&str> = match obj.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    contexts
        .iter()
        .any(|c| c.starts_with(OB_V2_CONTEXT) || c.contains("openbadges/v2"))
        || (types.contains(&"Assertion") && !types.contains(&"VerifiableCredential"))
}

/// A canonicalizer that is never used: OB 2.0 verification canonicalizes
/// nothing (hosted assertions are compared as JSON data, signed ones are
/// checked over their bytes).
struct NoCanonicalization;

impl Canonicalizer for NoCanonicalization {
    fn canonicalize(&self, _document: &Value) -> Result<String, CanonError> {
        Err(CanonError::UnknownContext {
            url: "(OB 2.0 verification does not canonicalize)".to_owned(),
        })
    }
}

fn unsupported(reason: String) -> VerifyError {
    VerifyError::UnsupportedFormat {
        found: SeenFormat::OpenBadges2,
        reason,
    }
}

/// Properties only an assertion (or its hosted revocation notice) has.
const ASSERTION_PROPERTIES: [&str; 6] = [
    "recipient",
    "badge",
    "verification",
    "verify",
    "issuedOn",
    "revoked",
];

/// What a document is when it is not an assertion to verify: an OB 2.0
/// class other than `Assertion` (a badge class, a profile, …), or a node
/// without `type` and without any assertion property.
fn other_class(value: &Value) -> Option<String> {
    let Some(t) = value.get("type") else {
        let assertion_like = ASSERTION_PROPERTIES.iter().any(|p| value.get(p).is_some());
        return (!assertion_like).then(|| "node without type".to_owned());
    };
    // A `type` that is not even valid syntax is an assertion whose
    // structure check fails.
    let types: Types = serde_json::from_value(t.clone()).ok()?;
    if types.has(Class::Assertion) {
        return None;
    }
    Some(types.strings().join(", "))
}

/// Verifies an OB 2.0 JSON document (a hosted assertion); returns the
/// report and what the checks read.
///
/// # Errors
/// [`VerifyError::UnsupportedFormat`] for an OB 2.0 document that is not an
/// assertion (a badge class, a profile, …).
pub(super) fn verify_json_parts(
    value: &Value,
    options: &VerifyOptions,
) -> Result<(VerificationReport, Option<Ob2Parts>), VerifyError> {
    if let Some(class) = other_class(value) {
        return Err(unsupported(format!(
            "not an assertion ({class}): only OB 2.0 assertions are verified (read other documents with model::v2::Document)"
        )));
    }
    let ctx = Ctx::new(options, &NoCanonicalization);
    let signed = declared_kind(value) == Some(VerificationKind::Signed);
    let mut r = VerificationReport::new(if signed {
        CredentialFormat::OpenBadges2Signed
    } else {
        CredentialFormat::OpenBadges2Hosted
    });
    if let Some(id) = value.get("id").and_then(Value::as_str) {
        r = r.with_credential_id(id);
    }
    r.push(Check::passed(CheckId::JsonWellFormed));
    r.push(Check::passed(CheckId::Format).with_detail(if signed {
        "Open Badges 2.0 assertion with signed verification, given as JSON"
    } else {
        "Open Badges 2.0 hosted assertion"
    }));
    let mode = if signed {
        Mode::SignedWithoutJws
    } else {
        Mode::Hosted
    };
    let parts = run(&ctx, value, mode, &mut r);
    Ok((r, parts))
}

/// The base64url payload of a compact JWS, decoded, when `bytes` look like
/// one (three `.`-separated base64url parts).
fn jws_payload(bytes: &[u8], options: &VerifyOptions) -> Option<(String, Value)> {
    use base64::Engine as _;
    let trimmed = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(trimmed).ok()?.trim();
    if text.len() > crate::jose::jws::max_compact_len(&options.limits) {
        return None;
    }
    let ok = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.';
    if text.is_empty() || !text.bytes().all(ok) {
        return None;
    }
    let mut parts = text.split('.');
    let (_, payload, _, rest) = (parts.next()?, parts.next()?, parts.next()?, parts.next());
    if rest.is_some() {
        return None;
    }
    let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .ok()?;
    let value = parse_json_limited(&decoded, &options.limits).ok()?;
    Some((text.to_owned(), value))
}

/// Verifies `bytes` as an OB 2.0 signed assertion when they are a compact
/// JWS whose payload is an OB 2.0 document; `None` otherwise (another JWS,
/// or not a JWS: left to the other formats).
pub(super) fn verify_jws_bytes(
    bytes: &[u8],
    options: &VerifyOptions,
) -> Option<Result<(VerificationReport, Option<Ob2Parts>), VerifyError>> {
    let (token, payload) = jws_payload(bytes, options)?;
    if !is_ob2_payload(&payload) {
        return None;
    }
    if let Some(class) = other_class(&payload) {
        return Some(Err(unsupported(format!(
            "a JWS whose payload is not an assertion ({class})"
        ))));
    }
    let ctx = Ctx::new(options, &NoCanonicalization);
    let mut r = VerificationReport::new(CredentialFormat::OpenBadges2Signed);
    if let Some(id) = payload.get("id").and_then(Value::as_str) {
        r = r.with_credential_id(id);
    }
    r.push(Check::passed(CheckId::JsonWellFormed).with_detail("the JWS payload"));
    r.push(
        Check::passed(CheckId::Format)
            .with_detail("Open Badges 2.0 signed assertion (compact JWS)"),
    );
    let parts = run(&ctx, &payload, Mode::Signed(&token), &mut r);
    Some(Ok((r, parts)))
}

/// What the OB 2.0 checks read: the assertion, the badge class (fetched at
/// its IRI, or embedded) and the profile served at the issuer's id. Kept
/// with the report so a caller that goes on from a Valid report
/// ([`crate::convert`]) uses exactly what was verified.
#[derive(Debug, Clone)]
pub(crate) struct Ob2Parts {
    /// The assertion, as the typed model read it.
    pub(crate) assertion: Assertion,
    /// The assertion JSON the checks read (hosted: as given and as hosted;
    /// signed: the JWS payload).
    pub(crate) value: Value,
    /// The badge class.
    pub(crate) badge: BadgeClass,
    /// The issuer's own profile, fetched at its id.
    pub(crate) issuer: Profile,
    /// The compact JWS of a signed assertion.
    pub(crate) jws: Option<String>,
}

/// How the assertion was presented.
#[derive(Clone, Copy)]
enum Mode<'t> {
    Hosted,
    Signed(&'t str),
    /// JSON whose verification says signed: the signature is not here.
    SignedWithoutJws,
}

fn declared_kind(value: &Value) -> Option<VerificationKind> {
    let v = value.get("verification").or_else(|| value.get("verify"))?;
    let t = v.get("type")?;
    let types: Types = serde_json::from_value(t.clone()).ok()?;
    if types.has(Class::HostedBadge) {
        Some(VerificationKind::Hosted)
    } else if types.has(Class::SignedBadge) {
        Some(VerificationKind::Signed)
    } else {
        None
    }
}

/// Why a document could not be used.
#[derive(Debug, Clone)]
enum NodeProblem {
    /// Not reachable, not served, or no fetcher: the check cannot run.
    Unavailable(String),
    /// Served, but wrong (not JSON, another id, the wrong shape).
    Invalid(String),
}

impl NodeProblem {
    fn reason(&self) -> &str {
        match self {
            NodeProblem::Unavailable(r) | NodeProblem::Invalid(r) => r,
        }
    }
}

fn is_http(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Fetches the JSON served at `url` (200 only) within the limits.
fn fetch_json(ctx: &Ctx<'_>, url: &str) -> Result<(u16, Value), NodeProblem> {
    let limits = &ctx.options.limits;
    let max = limits.max_fetch_bytes.min(limits.max_json_bytes);
    let fetched = match ctx.fetcher().fetch(url, max) {
        Ok(f) => f,
        Err(FetchError::Offline { .. }) => {
            return Err(NodeProblem::Unavailable(format!(
                "no fetcher configured to read {url}"
            )))
        }
        Err(e @ FetchError::TooLarge { .. }) => return Err(NodeProblem::Invalid(e.to_string())),
        Err(e) => return Err(NodeProblem::Unavailable(e.to_string())),
    };
    if fetched.status != 200 {
        let why = format!("{url} answered HTTP {}", fetched.status);
        return Err(if fetched.status >= 500 || fetched.status == 429 {
            NodeProblem::Unavailable(why)
        } else {
            NodeProblem::Invalid(why)
        });
    }
    if fetched.body.len() > max {
        return Err(NodeProblem::Invalid(format!("{url} is over {max} bytes")));
    }
    parse_json_limited(&fetched.body, limits)
        .map(|v| (fetched.status, v))
        .map_err(|e| NodeProblem::Invalid(format!("{url} is not usable JSON: {e}")))
}

/// A node fetched at `url`, whose `id` is `url`; a node that declares
/// another id is fetched again at that id and must declare it there.
/// Returns the node and the URL it was finally read from.
fn fetch_node(ctx: &Ctx<'_>, url: &str) -> Result<(Value, String), NodeProblem> {
    if !is_http(url) {
        return Err(NodeProblem::Unavailable(format!(
            "{url} is not an HTTP(S) URL, so it cannot be fetched"
        )));
    }
    let (_, node) = fetch_json(ctx, url)?;
    let declared = node.get("id").and_then(Value::as_str).map(str::to_owned);
    match declared {
        None => Ok((node, url.to_owned())),
        Some(id) if id == url => Ok((node, url.to_owned())),
        Some(id) if is_http(&id) => {
            let (_, again) = fetch_json(ctx, &id)?;
            if again.get("id").and_then(Value::as_str) == Some(id.as_str()) {
                Ok((again, id))
            } else {
                Err(NodeProblem::Invalid(format!(
                    "{url} declares the id {id}, and {id} declares another"
                )))
            }
        }
        Some(id) => Err(NodeProblem::Invalid(format!(
            "the document served at {url} declares the id {id}"
        ))),
    }
}

/// Reads a JSON node as an OB 2.0 class, naming the property at fault.
fn read_as<T: serde::de::DeserializeOwned>(
    value: &Value,
    class: &str,
    at: &str,
) -> Result<T, NodeProblem> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        NodeProblem::Invalid(format!(
            "{at} is not a valid OB 2.0 {class} (at {path}): {}",
            e.inner()
        ))
    })
}

/// The badge class, the issuer id it names, and the issuer's own profile.
struct Resolved {
    /// The badge class, when it could be read (fetched at its IRI or embedded).
    badge: Option<BadgeClass>,
    /// The issuer's id, when the badge class could be read.
    issuer_id: Option<String>,
    /// The profile served at the issuer's id.
    issuer: Result<Profile, NodeProblem>,
    /// The `issuer` check.
    check: Check,
}

fn resolve(ctx: &Ctx<'_>, assertion: &Assertion) -> Resolved {
    let unavailable = |url: String, class: &str, p: &NodeProblem| {
        let reason = p.reason().to_owned();
        match p {
            NodeProblem::Unavailable(_) => Check::indeterminate(
                CheckId::Issuer,
                format!("the {class} {url} could not be read: {reason}"),
            ),
            NodeProblem::Invalid(_) => Check::failed(
                CheckId::Issuer,
                format!("the {class} {url}: {reason}"),
                Some("$.badge"),
            ),
        }
        .with_evidence(Evidence::DocumentUnavailable {
            url,
            class: class.to_owned(),
            reason,
        })
    };
    let no_issuer = |check: Check| Resolved {
        badge: None,
        issuer_id: None,
        issuer: Err(NodeProblem::Invalid("no badge class".into())),
        check,
    };
    let (badge, badge_from): (BadgeClass, String) = match &assertion.badge {
        None => {
            return no_issuer(Check::skipped(
                CheckId::Issuer,
                "no badge (reported by the structure check)",
            ))
        }
        Some(IriOr::Object(b)) => ((**b).clone(), "embedded".to_owned()),
        Some(IriOr::Iri(iri)) => {
            let url = iri.as_str();
            let fetched = fetch_node(ctx, url)
                .and_then(|(v, at)| read_as::<BadgeClass>(&v, "BadgeClass", &at).map(|b| (b, at)));
            match fetched {
                Ok((b, at)) => (b, format!("fetched from {at}")),
                Err(p) => return no_issuer(unavailable(url.to_owned(), "BadgeClass", &p)),
            }
        }
    };
    if let Err(e) = badge.check_required() {
        return no_issuer(Check::failed(
            CheckId::Issuer,
            format!("the badge class ({badge_from}): {e}"),
            Some("$.badge"),
        ));
    }
    let (issuer_id, embedded) = match &badge.issuer {
        Some(IriOr::Iri(i)) => (i.as_str().to_owned(), None),
        Some(IriOr::Object(p)) => match &p.id {
            Some(id) => (id.as_str().to_owned(), Some((**p).clone())),
            None => {
                return no_issuer(Check::failed(
                    CheckId::Issuer,
                    "the badge class's embedded issuer profile has no id",
                    Some("$.badge"),
                ))
            }
        },
        None => {
            return no_issuer(Check::failed(
                CheckId::Issuer,
                "the badge class has no issuer",
                Some("$.badge"),
            ))
        }
    };
    // The issuer is the profile its id serves; one that declares another
    // id is the profile at that id (see `fetch_node`), and that id is the issuer's.
    let (issuer_id, fetched) = match fetch_node(ctx, &issuer_id) {
        Ok((v, at)) => {
            let read =
                read_as::<Profile>(&v, "Profile", &at).and_then(|p| match p.check_required() {
                    Ok(()) if p.id.as_ref().map(|i| i.as_str()) == Some(at.as_str()) => Ok(p),
                    Ok(()) => Err(NodeProblem::Invalid(format!(
                        "the profile served at {at} has no id {at}"
                    ))),
                    Err(e) => Err(NodeProblem::Invalid(e.to_string())),
                });
            (at, read)
        }
        Err(p) => (issuer_id, Err(p)),
    };
    let check = match &fetched {
        Ok(_) => Check::passed(CheckId::Issuer).with_detail(format!(
            "badge class {} ({badge_from}); issuer profile {issuer_id} (fetched at its id)",
            badge.id.as_ref().map_or("(no id)", |i| i.as_str())
        )),
        Err(NodeProblem::Unavailable(why)) if embedded.is_some() => Check::indeterminate(
            CheckId::Issuer,
            format!("the issuer profile {issuer_id} is embedded, but the issuer's own profile could not be read at its id ({why}): an embedded profile is the sender's claim"),
        )
        .with_evidence(Evidence::DocumentUnavailable {
            url: issuer_id.clone(),
            class: "Profile".into(),
            reason: why.clone(),
        }),
        Err(p) => unavailable(issuer_id.clone(), "Profile", p),
    };
    Resolved {
        badge: Some(badge),
        issuer_id: Some(issuer_id),
        issuer: fetched,
        check,
    }
}

/// The first JSON path at which two values differ.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let p = json_path(path, k);
                match y.get(k) {
                    None => return Some(p),
                    Some(w) => {
                        if let Some(d) = first_difference(v, w, &p) {
                            return Some(d);
                        }
                    }
                }
            }
            y.keys()
                .find(|k| !x.contains_key(*k))
                .map(|k| json_path(path, k))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| first_difference(v, w, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(path.to_owned()),
    }
}

/// What the host says about a hosted assertion.
enum Hosting {
    /// Served, equal to the assertion given.
    Same,
    /// Served, but different.
    Different(String),
    /// Revoked: HTTP 410, or `revoked: true`.
    Revoked { status: u16, reason: Option<String> },
    /// Not served at all (404 and the like).
    NotHosted(String),
    /// Could not be asked.
    Unavailable(String),
}

fn hosting(ctx: &Ctx<'_>, url: &str, given: &Value) -> Hosting {
    let limits = &ctx.options.limits;
    let max = limits.max_fetch_bytes.min(limits.max_json_bytes);
    let fetched = match ctx.fetcher().fetch(url, max) {
        Ok(f) => f,
        Err(FetchError::Offline { .. }) => {
            return Hosting::Unavailable(format!("no fetcher configured to read {url}"))
        }
        Err(e) => return Hosting::Unavailable(e.to_string()),
    };
    let body = if fetched.body.len() <= max {
        parse_json_limited(&fetched.body, limits).ok()
    } else {
        None
    };
    let reason = body
        .as_ref()
        .and_then(|b| b.get("revocationReason"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    if fetched.status == 410 {
        return Hosting::Revoked {
            status: 410,
            reason,
        };
    }
    if fetched.status >= 500 || fetched.status == 429 {
        return Hosting::Unavailable(format!("{url} answered HTTP {}", fetched.status));
    }
    if fetched.status != 200 {
        return Hosting::NotHosted(format!("{url} answered HTTP {}", fetched.status));
    }
    let Some(body) = body else {
        return Hosting::NotHosted(format!("{url} does not serve usable JSON"));
    };
    if body.get("revoked").and_then(Value::as_bool) == Some(true) {
        return Hosting::Revoked {
            status: fetched.status,
            reason,
        };
    }
    match first_difference(given, &body, "$") {
        None => Hosting::Same,
        Some(path) => Hosting::Different(path),
    }
}

/// `authority` of a URL as OB 2.0 policies name it: the host, with the port
/// when one is written.
fn origin_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?.to_ascii_lowercase();
    Some(match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    })
}

/// `key-binding` for a hosted assertion: its URL against the issuer's policy.
fn origin_binding(url: &str, issuer_id: &str, issuer: &Profile) -> Check {
    let not_allowed = |policy: String| {
        Check::failed(
            CheckId::KeyBinding,
            format!("the assertion URL {url} is not allowed by the issuer's hosted verification policy: {policy}"),
            Some("$.id"),
        )
        .with_evidence(Evidence::OriginNotAllowed {
            url: url.to_owned(),
            policy,
        })
    };
    let policy = issuer.verification.as_ref();
    if let Some(p) = policy
        .and_then(|p| p.verification_property.as_deref())
        .filter(|p| *p != "id")
    {
        return not_allowed(format!(
            "verificationProperty {p:?} is not supported (only \"id\")"
        ));
    }
    let mut said = Vec::new();
    if let Some(starts) = policy.and_then(|p| p.starts_with.as_ref()) {
        let list: Vec<&str> = starts.iter().map(String::as_str).collect();
        if !list.iter().any(|s| url.starts_with(s)) {
            return not_allowed(format!("startsWith {list:?}"));
        }
        said.push(format!("starts with one of {list:?}"));
    }
    let Some(origin) = origin_of(url) else {
        return not_allowed("the assertion id is not a URL with a host".into());
    };
    match policy.and_then(|p| p.allowed_origins.as_ref()) {
        Some(allowed) => {
            let list: Vec<String> = allowed.iter().map(|s| s.to_ascii_lowercase()).collect();
            if !list.contains(&origin) {
                return not_allowed(format!("allowedOrigins {list:?}"));
            }
            said.push(format!("origin {origin} is in allowedOrigins"));
        }
        None => {
            let issuer_origin = if is_http(issuer_id) {
                origin_of(issuer_id)
            } else {
                None
            };
            match issuer_origin {
                Some(io) if io == origin => {
                    said.push(format!("origin {origin} is the issuer id's (the default policy)"));
                }
                Some(io) => {
                    return not_allowed(format!(
                        "default: the origin of the issuer id {issuer_id} ({io})"
                    ))
                }
                None => {
                    return not_allowed(format!(
                        "default: the issuer id {issuer_id} is not an HTTP(S) URL, so it has no origin to host its assertions on"
                    ))
                }
            }
        }
    }
    Check::passed(CheckId::KeyBinding).with_detail(format!(
        "hosted at {url}: {} (policy of {issuer_id})",
        said.join("; ")
    ))
}

fn jws_code(e: &JwsError) -> &'static str {
    match e {
        JwsError::AlgNone => "alg-none",
        JwsError::HmacAlgorithm { .. } => "hmac-algorithm",
        JwsError::UnsupportedAlgorithm { .. } => "unsupported-algorithm",
        JwsError::UnencodedPayload => "unencoded-payload",
        JwsError::CritNotUnderstood { .. } | JwsError::CritMalformed => "crit",
        JwsError::JkuRefused { .. } => "jku-refused",
        JwsError::X5uRefused { .. } => "x5u-refused",
        JwsError::JwkPrivateMember { .. } => "jwk-private-member",
        JwsError::AlgorithmKeyMismatch { .. } => "algorithm-key-mismatch",
        JwsError::BadSignature { .. } | JwsError::SignatureLength { .. } => "signature-mismatch",
        _ => "malformed-jws",
    }
}

/// The signed assertion's key: found where, and whether it is bound.
struct SignedKey {
    /// The `proof` check.
    proof: Check,
    /// The `key-binding` check.
    binding: Check,
    /// Whether the signature verified.
    verified: bool,
}

/// The key URL of a signed assertion: `verification.creator` (or
/// `verify.creator`), else the header `kid`.
fn key_url(assertion: &Assertion, jws: &Jws) -> Result<String, String> {
    let creator = assertion
        .verification_or_alias()
        .ok()
        .flatten()
        .and_then(|v| v.creator)
        .map(|c| c.as_str().to_owned());
    let kid = jws.header().kid.clone();
    match (creator, kid) {
        (Some(c), Some(k)) if c != k => Err(format!(
            "the JWS header kid {k} and verification.creator {c} name different keys"
        )),
        (Some(c), _) => Ok(c),
        (None, Some(k)) => Ok(k),
        (None, None) => {
            Err("no verification.creator (nor a JWS header kid) names the signing key".into())
        }
    }
}

/// The CryptographicKey at `url`: from the issuer's profile when embedded
/// there with its PEM, else fetched.
fn key_document(
    ctx: &Ctx<'_>,
    url: &str,
    issuer: Option<&Profile>,
) -> Result<CryptographicKey, NodeProblem> {
    let embedded = issuer.and_then(|p| p.public_key.as_ref()).and_then(|keys| {
        keys.iter().find_map(|k| match k {
            IriOr::Object(o)
                if o.id.as_ref().map(|i| i.as_str()) == Some(url) && o.public_key_pem.is_some() =>
            {
                Some(o.clone())
            }
            _ => None,
        })
    });
    if let Some(k) = embedded {
        return Ok(k);
    }
    let (v, at) = fetch_node(ctx, url)?;
    let key: CryptographicKey = read_as(&v, "CryptographicKey", &at)?;
    if key.id.as_ref().map(|i| i.as_str()) != Some(at.as_str()) {
        return Err(NodeProblem::Invalid(format!(
            "the CryptographicKey served at {at} has no id {at}"
        )));
    }
    Ok(key)
}

fn signed_key(ctx: &Ctx<'_>, token: &str, assertion: &Assertion, resolved: &Resolved) -> SignedKey {
    let proof_failed = |reason: String, failure: &str| SignedKey {
        proof: Check::failed(CheckId::Proof, reason, Some("$")).with_evidence(Evidence::Proof {
            failure: failure.to_owned(),
            index: None,
        }),
        binding: Check::skipped(CheckId::KeyBinding, "no verified signature to bind"),
        verified: false,
    };
    let jws = match Jws::parse(token, &ctx.options.limits) {
        Ok(j) => j,
        Err(e) => return proof_failed(format!("the JWS is refused: {e}"), jws_code(&e)),
    };
    if jws.header().alg != JwsAlgorithm::Rs256 {
        return proof_failed(
            format!(
                "OB 2.0 signed assertions use RS256; this JWS says {}",
                jws.header().alg
            ),
            "alg-not-rs256",
        );
    }
    // Keys the caller trusts for the issuer: no fetch needed.
    if let Some(issuer_id) = resolved.issuer_id.as_deref() {
        let trusted: Vec<&JosePublicKey> = ctx.options.trusted_keys.for_issuer(issuer_id).collect();
        if let Some(k) = trusted.iter().find(|k| jws.verify(k).is_ok()) {
            return SignedKey {
                proof: Check::passed(CheckId::Proof).with_detail(format!(
                    "RS256 JWS verified with a key the caller trusts for {issuer_id} ({})",
                    k.thumbprint()
                )),
                binding: Check::passed(CheckId::KeyBinding)
                    .with_detail(format!("the caller trusts this key for {issuer_id}")),
                verified: true,
            };
        }
    }
    let url = match key_url(assertion, &jws) {
        Ok(u) => u,
        Err(why) => return proof_failed(why, "no-key"),
    };
    let issuer = resolved.issuer.as_ref().ok();
    let key_doc = match key_document(ctx, &url, issuer) {
        Ok(k) => k,
        Err(NodeProblem::Unavailable(why)) => {
            return SignedKey {
                proof: Check::indeterminate(
                    CheckId::Proof,
                    format!("the signing key {url} could not be read: {why}"),
                )
                .with_evidence(Evidence::KeyUnavailable {
                    method: url.clone(),
                    reason: why,
                }),
                binding: Check::skipped(CheckId::KeyBinding, "no verified signature to bind"),
                verified: false,
            }
        }
        Err(NodeProblem::Invalid(why)) => {
            return proof_failed(format!("the signing key {url}: {why}"), "key-invalid")
        }
    };
    let key = match key_doc
        .public_key_pem
        .as_deref()
        .map(JosePublicKey::from_spki_pem)
    {
        Some(Ok(k)) => k,
        Some(Err(e)) => {
            return proof_failed(
                format!("the publicKeyPem of {url} is not a usable public key: {e}"),
                "key-invalid",
            )
        }
        None => return proof_failed(format!("the key {url} has no publicKeyPem"), "key-invalid"),
    };
    if let Err(e) = jws.verify(&key) {
        return proof_failed(
            format!("the JWS does not verify with the key {url}: {e}"),
            jws_code(&e),
        );
    }
    let proof = Check::passed(CheckId::Proof).with_detail(format!(
        "RS256 JWS verified with the CryptographicKey {url}"
    ));
    let Some(issuer_id) = resolved.issuer_id.as_deref() else {
        return SignedKey {
            proof,
            binding: Check::skipped(
                CheckId::KeyBinding,
                "no issuer to bind the key to (reported by the issuer check)",
            ),
            verified: true,
        };
    };
    let not_bound = |reason: String| {
        Check::failed(CheckId::KeyBinding, reason, Some("$.verification.creator")).with_evidence(
            Evidence::KeyNotBound {
                method: url.clone(),
                issuer: issuer_id.to_owned(),
            },
        )
    };
    let owner = key_doc.owner.as_ref().map(|o| o.as_str());
    let binding = if owner != Some(issuer_id) {
        not_bound(format!(
            "the key {url} is owned by {}, not by the issuer {issuer_id}",
            owner.unwrap_or("nobody (no owner)")
        ))
    } else {
        match &resolved.issuer {
            Ok(profile) => {
                let listed = profile.public_key.iter().flat_map(|k| k.iter()).any(|k| {
                    match k {
                        IriOr::Iri(i) => i.as_str() == url,
                        IriOr::Object(o) => o.id.as_ref().map(|i| i.as_str()) == Some(url.as_str()),
                    }
                });
                if listed {
                    Check::passed(CheckId::KeyBinding).with_detail(format!(
                        "the key {url} is owned by the issuer {issuer_id}, whose profile lists it in publicKey"
                    ))
                } else {
                    not_bound(format!(
                        "the issuer profile {issuer_id} does not list the key {url} in publicKey"
                    ))
                }
            }
            Err(p) => Check::indeterminate(
                CheckId::KeyBinding,
                format!(
                    "the issuer's profile {issuer_id} could not be read to see whether it lists the key {url}: {}",
                    p.reason()
                ),
            )
            .with_evidence(Evidence::KeyUnavailable {
                method: url.clone(),
                reason: p.reason().to_owned(),
            }),
        }
    };
    SignedKey {
        proof,
        binding,
        verified: true,
    }
}

/// `structure`: the typed model's view of the assertion.
fn structure(value: &Value, mode: Mode<'_>) -> (Check, Option<Assertion>) {
    let assertion: Assertion = match serde_path_to_error::deserialize(value) {
        Ok(a) => a,
        Err(e) => {
            let path = format!("$.{}", e.path());
            return (
                Check::failed(
                    CheckId::Structure,
                    format!("not a valid OB 2.0 Assertion at {path}: {}", e.inner()),
                    Some(&path),
                ),
                None,
            );
        }
    };
    let mut problems: Vec<Check> = Vec::new();
    let mut fail = |reason: String, path: &str| {
        problems.push(Check::failed(CheckId::Structure, reason, Some(path)));
    };
    // The required properties (`verify` is the context's alias of `verification`).
    let has_verification =
        assertion.verification.is_some() || assertion.extra.contains_key("verify");
    for (field, present) in [
        ("id", assertion.id.is_some()),
        ("type", assertion.type_.is_some()),
        ("recipient", assertion.recipient.is_some()),
        ("badge", assertion.badge.is_some()),
        ("verification", has_verification),
        ("issuedOn", assertion.issued_on.is_some()),
    ] {
        if !present {
            fail(
                format!("Assertion: required property `{field}` is missing"),
                "$",
            );
        }
    }
    if let Some(r) = &assertion.recipient {
        if r.identity.is_none() {
            fail("recipient has no identity".into(), "$.recipient");
        }
        if r.type_.is_none() {
            fail("recipient has no type".into(), "$.recipient");
        }
        if r.hashed.is_none() {
            fail(
                "recipient has no hashed (true or false)".into(),
                "$.recipient",
            );
        }
        if r.is_hashed() {
            if let Err(e) = r.hash() {
                fail(e.to_string(), "$.recipient.identity");
            }
        }
    }
    if let Some(IriOr::Iri(i)) = &assertion.image {
        if i.as_str().starts_with("data:") {
            fail(
                "an assertion's image must be an IRI of the (baked) image, not a data: URI".into(),
                "$.image",
            );
        }
    }
    let kind = assertion
        .verification_or_alias()
        .ok()
        .flatten()
        .and_then(|v| v.kind());
    match (mode, kind) {
        (_, None) if assertion.verification.is_some() || assertion.extra.contains_key("verify") => {
            fail(
                "verification.type is neither hosted nor signed".into(),
                "$.verification",
            )
        }
        (Mode::Hosted, _) => {
            if let Some(id) = &assertion.id {
                if !is_http(id.as_str()) {
                    fail(
                        format!("a hosted assertion's id must be its HTTP(S) URL, found {id}"),
                        "$.id",
                    );
                }
            }
        }
        (Mode::Signed(_), Some(VerificationKind::Hosted)) => fail(
            "the JWS payload says verification type hosted, not signed".into(),
            "$.verification.type",
        ),
        _ => {}
    }
    let check = match problems.len() {
        0 => Check::passed(CheckId::Structure),
        1 => problems
            .pop()
            .unwrap_or_else(|| Check::passed(CheckId::Structure)),
        n => {
            let first = problems
                .first()
                .and_then(|c| c.outcome.reason())
                .unwrap_or_default()
                .to_owned();
            Check::failed(
                CheckId::Structure,
                format!("{n} structural problems; first: {first}"),
                Some("$"),
            )
            .with_children(problems)
        }
    };
    (check, Some(assertion))
}

fn context_version(value: &Value) -> Check {
    let contexts: Vec<&str> = match value.get("@context") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if contexts.contains(&OB_V2_CONTEXT) {
        return Check::passed(CheckId::ContextVersion).with_detail("Open Badges 2.0");
    }
    let found = value
        .get("@context")
        .map_or_else(|| "none".to_owned(), Value::to_string);
    Check::failed(
        CheckId::ContextVersion,
        format!("@context must name {OB_V2_CONTEXT}, found {found}"),
        Some("$['@context']"),
    )
    .with_evidence(Evidence::UnknownContextVersion { found })
}

fn dates(assertion: &Assertion, options: &VerifyOptions) -> (Check, Check) {
    let now = options.now;
    let issued = assertion.issued_on.as_ref().and_then(|t| t.to_utc());
    let text = |t: &crate::model::v2::Timestamp| {
        serde_json::to_value(t)
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .unwrap_or_default()
    };
    let not_before = match (&assertion.issued_on, issued) {
        (Some(t), Some(at)) if at > now + options.clock_skew => Check::failed(
            CheckId::NotBefore,
            format!(
                "issuedOn {} is in the future (now {})",
                text(t),
                now.to_rfc3339()
            ),
            Some("$.issuedOn"),
        )
        .with_evidence(Evidence::NotYetValid {
            valid_from: text(t),
            now: now.to_rfc3339(),
        }),
        (Some(t), Some(_)) => {
            Check::passed(CheckId::NotBefore).with_detail(format!("issued on {}", text(t)))
        }
        _ => Check::skipped(
            CheckId::NotBefore,
            "no issuedOn (reported by the structure check)",
        ),
    };
    let expired = match &assertion.expires {
        None => Check::passed(CheckId::Expired).with_detail("no expires: does not expire"),
        Some(t) => match t.to_utc() {
            Some(until) if until < now - options.clock_skew => Check::failed(
                CheckId::Expired,
                format!(
                    "expired: expires is {}, before now ({})",
                    text(t),
                    now.to_rfc3339()
                ),
                Some("$.expires"),
            )
            .with_evidence(Evidence::Expired {
                valid_until: text(t),
                now: now.to_rfc3339(),
            }),
            Some(until) if issued.is_some_and(|i| until < i) => Check::failed(
                CheckId::Expired,
                format!("expires {} is before issuedOn", text(t)),
                Some("$.expires"),
            )
            .with_evidence(Evidence::BadDate {
                value: text(t),
                problem: "before issuedOn".into(),
            }),
            Some(_) => {
                Check::passed(CheckId::Expired).with_detail(format!("valid until {}", text(t)))
            }
            None => Check::failed(
                CheckId::Expired,
                "expires is not a usable date",
                Some("$.expires"),
            ),
        },
    };
    (not_before, expired)
}

/// `status` of a signed assertion: the issuer's revocation list.
fn signed_status(
    ctx: &Ctx<'_>,
    assertion: &Assertion,
    value: &Value,
    resolved: &Resolved,
) -> Check {
    let profile = match &resolved.issuer {
        Ok(p) => p,
        Err(p) => {
            return Check::indeterminate(
                CheckId::Status,
                format!(
                    "revocation not checked: the issuer's profile could not be read ({})",
                    p.reason()
                ),
            )
            .with_evidence(Evidence::StatusNotChecked {
                list: None,
                reason: p.reason().to_owned(),
            })
        }
    };
    let issuer_id = resolved.issuer_id.as_deref().unwrap_or_default();
    let (list, url): (RevocationList, String) = match &profile.revocation_list {
        None => {
            return Check::passed(CheckId::Status).with_detail(format!(
                "the issuer {issuer_id} publishes no revocationList"
            ))
        }
        Some(IriOr::Object(l)) => (
            (**l).clone(),
            l.id.as_ref()
                .map_or_else(|| "(embedded)".to_owned(), |i| i.as_str().to_owned()),
        ),
        Some(IriOr::Iri(i)) => {
            let url = i.as_str().to_owned();
            let read = fetch_json(ctx, &url)
                .and_then(|(_, v)| read_as::<RevocationList>(&v, "RevocationList", &url));
            match read {
                Ok(l) => (l, url),
                Err(NodeProblem::Unavailable(why)) => {
                    return Check::indeterminate(
                        CheckId::Status,
                        format!("revocation not checked: the revocation list {url} could not be read: {why}"),
                    )
                    .with_evidence(Evidence::StatusNotChecked {
                        list: Some(url),
                        reason: why,
                    })
                }
                Err(NodeProblem::Invalid(why)) => {
                    return Check::failed(CheckId::Status, format!("the revocation list {url}: {why}"), Some("$"))
                }
            }
        }
    };
    if let Some(id) = list.id.as_ref().map(|i| i.as_str()) {
        if id != url && url != "(embedded)" {
            return Check::failed(
                CheckId::Status,
                format!("the revocation list served at {url} has id {id}"),
                Some("$"),
            )
            .with_evidence(Evidence::StatusListWrongId {
                list: url,
                found: Some(id.to_owned()),
            });
        }
    }
    let list_issuer = match &list.issuer {
        Some(IriOr::Iri(i)) => Some(i.as_str().to_owned()),
        Some(IriOr::Object(p)) => p.id.as_ref().map(|i| i.as_str().to_owned()),
        None => None,
    };
    if let Some(li) = list_issuer.filter(|li| li != issuer_id) {
        return Check::failed(
            CheckId::Status,
            format!("the revocation list {url} is issued by {li}, not by the issuer {issuer_id}"),
            Some("$"),
        )
        .with_evidence(Evidence::StatusListNotIssuers {
            list: url,
            list_issuer: li,
            issuer: issuer_id.to_owned(),
        });
    }
    let id = assertion
        .id
        .as_ref()
        .map(|i| i.as_str())
        .unwrap_or_default();
    let uid = value.get("uid").and_then(Value::as_str);
    let entries = list.revoked_assertions.as_ref().map_or(0, |r| r.len());
    match list.status_of(id, uid) {
        RevocationStatus::NotRevoked => Check::passed(CheckId::Status).with_detail(format!(
            "not among the {entries} revoked assertion(s) of {url}"
        )),
        RevocationStatus::Revoked { reason } => {
            let by_id = list.status_of(id, None) != RevocationStatus::NotRevoked;
            let ev = Evidence::RevokedInList {
                list: url,
                id: by_id.then(|| id.to_owned()),
                uid: (!by_id).then(|| uid.unwrap_or_default().to_owned()),
                reason,
            };
            Check::failed_with(CheckId::Status, ev, Some("$.id"))
        }
    }
}

/// Whether the assertion, its badge class or issuer carries endorsements.
fn endorsements(value: &Value) -> Option<Check> {
    let has = |v: Option<&Value>| v.is_some_and(|v| v.get("endorsement").is_some());
    let badge = value.get("badge");
    if has(Some(value)) || has(badge) || has(badge.and_then(|b| b.get("issuer"))) {
        Some(Check::skipped(
            CheckId::Endorsements,
            "OB 2.0 endorsements are not verified (they do not change this assertion's verdict)",
        ))
    } else {
        None
    }
}

fn recipient(assertion: &Assertion, expected: Option<&str>) -> Check {
    let Some(expected) = expected.map(str::trim) else {
        return Check::skipped(CheckId::RecipientMatch, "no expected recipient given");
    };
    let Some(r) = &assertion.recipient else {
        return Check::failed(CheckId::RecipientMatch, "no recipient", Some("$.recipient"));
    };
    match r.matches(expected) {
        Ok(true) => Check::passed(CheckId::RecipientMatch).with_detail(format!(
            "$.recipient ({}) matches {expected}",
            r.type_.as_deref().unwrap_or("?")
        )),
        Ok(false) => Check::failed(
            CheckId::RecipientMatch,
            format!("the assertion is not about {expected}: its recipient does not match"),
            Some("$.recipient"),
        )
        .with_evidence(Evidence::RecipientMismatch {
            expected: expected.to_owned(),
            compared: 1,
        }),
        Err(e) => Check::failed(
            CheckId::RecipientMatch,
            format!("the recipient cannot be compared: {e}"),
            Some("$.recipient.identity"),
        ),
    }
}

/// Every check after `format`; what the checks read, when the assertion,
/// its badge class and its issuer's own profile could all be read.
fn run(
    ctx: &Ctx<'_>,
    value: &Value,
    mode: Mode<'_>,
    r: &mut VerificationReport,
) -> Option<Ob2Parts> {
    r.push(context_version(value));
    let (structure, assertion) = structure(value, mode);
    r.push(structure);
    let Some(assertion) = assertion else {
        for id in [
            CheckId::Issuer,
            CheckId::Proof,
            CheckId::SignedGraph,
            CheckId::KeyBinding,
        ] {
            r.push(Check::skipped(
                id,
                "not checked: the assertion does not fit the OB 2.0 model",
            ));
        }
        return None;
    };
    let resolved = resolve(ctx, &assertion);
    r.push(resolved.check.clone());
    let status_policy = ctx.options.status;
    let (proof, graph, binding, status) = match mode {
        Mode::Hosted => hosted_checks(ctx, value, &assertion, &resolved),
        Mode::Signed(token) => {
            let k = signed_key(ctx, token, &assertion, &resolved);
            let graph = if k.verified {
                Check::passed(CheckId::SignedGraph)
                    .with_detail("the checks read the JWS payload, the bytes the signature covers")
            } else {
                Check::skipped(CheckId::SignedGraph, "no signature verified")
            };
            let status = if k.verified {
                signed_status(ctx, &assertion, value, &resolved)
            } else {
                Check::skipped(
                    CheckId::Status,
                    "not checked: the signature did not verify, so no revocation list is fetched for it",
                )
            };
            (k.proof, graph, k.binding, status)
        }
        Mode::SignedWithoutJws => (
            Check::failed(
                CheckId::Proof,
                "a signed OB 2.0 assertion is verified from its compact JWS; this is its JSON alone, without the signature",
                Some("$.verification"),
            )
            .with_evidence(Evidence::Proof {
                failure: "no-signature".into(),
                index: None,
            }),
            Check::skipped(CheckId::SignedGraph, "no signature verified"),
            Check::skipped(CheckId::KeyBinding, "no signature to bind"),
            Check::skipped(CheckId::Status, "not checked: no signature verified"),
        ),
    };
    r.push(proof);
    r.push(graph);
    r.push(binding);
    let (not_before, expired) = dates(&assertion, ctx.options);
    r.push(not_before);
    r.push(expired);
    r.push(if status_policy == StatusPolicy::Ignore {
        Check::skipped(
            CheckId::Status,
            "revocation NOT checked: the caller chose StatusPolicy::Ignore (a revoked assertion is not detected)",
        )
    } else {
        status
    });
    if let Some(e) = endorsements(value) {
        r.push(e);
    }
    r.push(recipient(
        &assertion,
        ctx.options.expected_recipient.as_deref(),
    ));
    let Resolved { badge, issuer, .. } = resolved;
    Some(Ob2Parts {
        badge: badge?,
        issuer: issuer.ok()?,
        value: value.clone(),
        jws: match mode {
            Mode::Signed(token) => Some(token.to_owned()),
            Mode::Hosted | Mode::SignedWithoutJws => None,
        },
        assertion,
    })
}

fn hosted_checks(
    ctx: &Ctx<'_>,
    value: &Value,
    assertion: &Assertion,
    resolved: &Resolved,
) -> (Check, Check, Check, Check) {
    let Some(url) = assertion
        .id
        .as_ref()
        .map(|i| i.as_str().to_owned())
        .filter(|u| is_http(u))
    else {
        return (
            Check::failed(
                CheckId::Proof,
                "a hosted assertion is verified by fetching it from its HTTP(S) id, and this one has none",
                Some("$.id"),
            ),
            Check::skipped(CheckId::SignedGraph, "not hosted"),
            Check::skipped(CheckId::KeyBinding, "not hosted"),
            Check::skipped(CheckId::Status, "not hosted"),
        );
    };
    let binding = match (&resolved.issuer, resolved.issuer_id.as_deref()) {
        (Ok(p), Some(id)) => origin_binding(&url, id, p),
        (Err(NodeProblem::Unavailable(why)), Some(id)) => Check::indeterminate(
            CheckId::KeyBinding,
            format!("the issuer's profile {id} could not be read for its hosted verification policy: {why}"),
        )
        .with_evidence(Evidence::DocumentUnavailable {
            url: id.to_owned(),
            class: "Profile".into(),
            reason: why.clone(),
        }),
        (Err(NodeProblem::Invalid(why)), Some(id)) if !is_http(id) => Check::failed(
            CheckId::KeyBinding,
            format!("the issuer id {id} is not an HTTP(S) URL: no origin to bind the hosting to ({why})"),
            Some("$.badge"),
        )
        .with_evidence(Evidence::OriginNotAllowed {
            url: url.clone(),
            policy: format!("default: the issuer id {id} is not an HTTP(S) URL"),
        }),
        (Err(p), Some(id)) => Check::failed(
            CheckId::KeyBinding,
            format!("the issuer's profile {id} is not usable: {}", p.reason()),
            Some("$.badge"),
        ),
        (_, None) => Check::skipped(
            CheckId::KeyBinding,
            "no issuer to bind the hosting to (reported by the issuer check)",
        ),
    };
    let skipped_graph = || {
        Check::skipped(
            CheckId::SignedGraph,
            "the hosted assertion was not confirmed",
        )
    };
    match hosting(ctx, &url, value) {
        Hosting::Same => (
            Check::passed(CheckId::Proof).with_detail(format!(
                "hosted at {url}: the document served there equals the one given"
            )),
            Check::passed(CheckId::SignedGraph)
                .with_detail("the checks read the assertion as its host serves it"),
            binding,
            Check::passed(CheckId::Status)
                .with_detail(format!("{url} serves the assertion, not revoked")),
        ),
        Hosting::Different(path) => (
            Check::failed_with(
                CheckId::Proof,
                Evidence::AssertionMismatch {
                    url: url.clone(),
                    path: path.clone(),
                },
                Some(&path),
            ),
            skipped_graph(),
            binding,
            Check::skipped(
                CheckId::Status,
                "not checked: the hosted assertion is another one",
            ),
        ),
        Hosting::Revoked { status, reason } => (
            Check::skipped(
                CheckId::Proof,
                format!("{url} says the assertion is revoked (see status)"),
            ),
            skipped_graph(),
            binding,
            Check::failed_with(
                CheckId::Status,
                Evidence::HostedRevoked {
                    url: url.clone(),
                    status,
                    reason,
                },
                Some("$.id"),
            ),
        ),
        Hosting::NotHosted(why) => (
            Check::failed(
                CheckId::Proof,
                format!("the assertion is not hosted at its id: {why}"),
                Some("$.id"),
            )
            .with_evidence(Evidence::HostedUnavailable {
                url: url.clone(),
                reason: why,
            }),
            skipped_graph(),
            binding,
            Check::skipped(CheckId::Status, "not checked: not hosted"),
        ),
        Hosting::Unavailable(why) => (
            Check::indeterminate(
                CheckId::Proof,
                format!("the hosted assertion could not be fetched from {url}: {why}"),
            )
            .with_evidence(Evidence::HostedUnavailable {
                url: url.clone(),
                reason: why.clone(),
            }),
            skipped_graph(),
            binding,
            Check::indeterminate(
                CheckId::Status,
                format!("revocation not checked: {url} could not be fetched"),
            )
            .with_evidence(Evidence::StatusNotChecked {
                list: Some(url.clone()),
                reason: why,
            }),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_located() {
        let a = serde_json::json!({"a": 1, "b": [1, {"c": "x"}]});
        let b = serde_json::json!({"b": [1, {"c": "y"}], "a": 1});
        assert_eq!(first_difference(&a, &a, "$"), None);
        assert_eq!(first_difference(&a, &b, "$").as_deref(), Some("$.b[1].c"));
        let c = serde_json::json!({"a": 1, "b": [1, {"c": "x"}], "d": 0});
        assert_eq!(first_difference(&a, &c, "$").as_deref(), Some("$.d"));
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin_of("https://Example.org/a").as_deref(),
            Some("example.org")
        );
        assert_eq!(
            origin_of("https://example.org:8443/a").as_deref(),
            Some("example.org:8443")
        );
        assert_eq!(
            origin_of("https://example.org:443/a").as_deref(),
            Some("example.org")
        );
        assert_eq!(origin_of("urn:uuid:1"), None);
    }

    #[test]
    fn ob2_detection() {
        assert!(is_ob2_payload(
            &serde_json::json!({"@context": OB_V2_CONTEXT})
        ));
        assert!(is_ob2_payload(&serde_json::json!({"type": "Assertion"})));
        assert!(!is_ob2_payload(
            &serde_json::json!({"type": ["VerifiableCredential", "Assertion"]})
        ));
        assert!(!is_ob2_payload(&serde_json::json!(["x"])));
    }
}
