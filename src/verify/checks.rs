//! One function per named check (the structural check is in `structure`,
//! key binding in `binding`).

use serde_json::Value;
use sha2::Digest;

use super::binding::{is_unavailable, SignatureKeys};
use super::report::{Check, CheckId, Outcome, VerificationReport, VerifyOptions};
use super::{aggregate, json_path, proof_list, verify_document, Aggregate, Ctx, Kind};
use crate::contexts::{
    CREDENTIALS_V1, CREDENTIALS_V2, OB_V3P0_CONTEXT, OB_V3P0_CONTEXT_3_0_0, OB_V3P0_CONTEXT_3_0_1,
    OB_V3P0_CONTEXT_3_0_2, OB_V3P0_CONTEXT_3_0_3, OB_V3P0_EXTENSIONS,
};
use crate::fetch::FetchError;
use crate::ids::DateTime;
use crate::limits::parse_json_limited;
use crate::proof::{verify_proofs, KeyResolveError, ProofFailure, ProofVerifyOptions};
use crate::status::{
    check_credential_status, entry_method, list_url, status_entries, StatusMethod,
};

const OB_PREFIX: &str = "https://purl.imsglobal.org/spec/ob/";

/// `@context` values with their JSON paths (a single context is one value).
fn contexts(value: &Value) -> Option<Vec<(String, &Value)>> {
    match value.get("@context")? {
        Value::Array(a) => Some(
            a.iter()
                .enumerate()
                .map(|(i, c)| (format!("$['@context'][{i}]"), c))
                .collect(),
        ),
        other => Some(vec![("$['@context']".to_owned(), other)]),
    }
}

/// `context-order`: the VC context first; for OB credentials the OB 3.0
/// context second.
pub(super) fn context_order(value: &Value, kind: Kind) -> Check {
    let Some(list) = contexts(value) else {
        return Check::failed(CheckId::ContextOrder, "@context is missing", Some("$"));
    };
    let first = list.first().and_then(|(_, c)| c.as_str());
    if !matches!(first, Some(CREDENTIALS_V2) | Some(CREDENTIALS_V1)) {
        let found = list
            .first()
            .map_or_else(|| "nothing".to_owned(), |(_, c)| c.to_string());
        return Check::failed(
            CheckId::ContextOrder,
            format!("the first @context must be {CREDENTIALS_V2} (or the VC 1.1 context {CREDENTIALS_V1}), found {found}"),
            Some("$['@context'][0]"),
        );
    }
    if kind != Kind::StatusList {
        let ob_at = list.iter().position(|(_, c)| {
            c.as_str()
                .is_some_and(|s| s.starts_with(OB_PREFIX) && s != OB_V3P0_EXTENSIONS)
        });
        if let Some(i) = ob_at.filter(|i| *i != 1) {
            return Check::failed(
                CheckId::ContextOrder,
                format!(
                    "the Open Badges 3.0 context must be the second @context, found at position {}",
                    i.saturating_add(1)
                ),
                list.get(i).map(|(p, _)| p.as_str()),
            );
        }
    }
    Check::passed(CheckId::ContextOrder).with_detail(first.unwrap_or_default().to_owned())
}

/// `context-version`: the OB 3.0 context is a version this crate knows.
pub(super) fn context_version(value: &Value, kind: Kind) -> Check {
    if kind == Kind::StatusList {
        return Check::skipped(CheckId::ContextVersion, "not an Open Badges credential");
    }
    let list = contexts(value).unwrap_or_default();
    let known = [
        OB_V3P0_CONTEXT_3_0_3,
        OB_V3P0_CONTEXT_3_0_2,
        OB_V3P0_CONTEXT_3_0_1,
        OB_V3P0_CONTEXT_3_0_0,
        OB_V3P0_CONTEXT,
    ];
    let mut found = None;
    for (path, c) in &list {
        let Some(s) = c.as_str() else { continue };
        if !s.starts_with(OB_PREFIX) || s == OB_V3P0_EXTENSIONS {
            continue;
        }
        if !known.contains(&s) {
            return Check::failed(
                CheckId::ContextVersion,
                format!("unknown Open Badges context version {s} (known: context-3.0.0 to context-3.0.3.json and context.json)"),
                Some(path),
            );
        }
        found.get_or_insert(s);
    }
    match found {
        Some(s) if s == OB_V3P0_CONTEXT_3_0_3 => {
            Check::passed(CheckId::ContextVersion).with_detail("Open Badges 3.0.3")
        }
        Some(s) => Check::passed(CheckId::ContextVersion)
            .with_detail(format!("{s} (a known older or unversioned alias of 3.0.3)")),
        None => Check::failed(
            CheckId::ContextVersion,
            format!("no Open Badges 3.0 context (expected {OB_V3P0_CONTEXT_3_0_3})"),
            Some("$['@context']"),
        ),
    }
}

/// Whether a proof failure means "could not be checked here" rather than
/// "checked and wrong".
fn unverifiable(f: &ProofFailure) -> bool {
    match f {
        ProofFailure::UnsupportedType { .. } | ProofFailure::UnsupportedCryptosuite { .. } => true,
        ProofFailure::KeyResolution {
            source: KeyResolveError::Did(e),
            ..
        } => is_unavailable(e),
        _ => false,
    }
}

/// `proof`: every proof checked on the received JSON, one child each; also
/// the indexes (in [`proof_list`] order) of the proofs whose signature
/// verified, which are the only ones key binding may rely on.
pub(super) fn proof(ctx: &Ctx<'_>, value: &Value) -> (Check, Vec<usize>) {
    let resolver = SignatureKeys { ctx };
    let options = ProofVerifyOptions::default()
        .with_expected_proof_purpose(None)
        .with_now(ctx.options.now);
    let report = verify_proofs(value, ctx.canon, &resolver, &options);
    if let Some(f) = &report.document_failure {
        let path = if matches!(f, ProofFailure::NoProof) {
            "$"
        } else {
            "$.proof"
        };
        return (
            Check::failed(CheckId::Proof, f.to_string(), Some(path)),
            Vec::new(),
        );
    }
    let verified: Vec<usize> = report
        .proofs
        .iter()
        .filter(|p| p.outcome.is_ok())
        .map(|p| p.index)
        .collect();
    let paths = proof_list(value);
    let children: Vec<Check> = report
        .proofs
        .iter()
        .map(|p| {
            let path = paths
                .get(p.index)
                .map_or_else(|| "$.proof".to_owned(), |(s, _)| s.clone());
            let what = format!(
                "{} {}",
                p.proof_type.as_deref().unwrap_or("?"),
                p.cryptosuite.as_deref().unwrap_or("")
            );
            match &p.outcome {
                Ok(()) => Check::passed(CheckId::Proof).with_detail(format!(
                    "{path}: {} by {}",
                    what.trim(),
                    p.verification_method.as_deref().unwrap_or("?")
                )),
                Err(f) if unverifiable(f) => {
                    Check::skipped(CheckId::Proof, format!("{path}: cannot be checked: {f}"))
                }
                Err(f) => Check::failed(CheckId::Proof, format!("{path}: {f}"), Some(&path)),
            }
        })
        .collect();
    (
        aggregate(CheckId::Proof, children, Aggregate::AnyPassed, true),
        verified,
    )
}

/// `proof-purpose`: each proof that states a purpose states `assertionMethod`.
pub(super) fn proof_purpose(value: &Value) -> Check {
    let children: Vec<Check> = proof_list(value)
        .into_iter()
        .filter_map(|(path, p)| {
            let purpose = p.get("proofPurpose")?;
            let pp = json_path(&path, "proofPurpose");
            Some(match purpose.as_str() {
                Some("assertionMethod") => Check::passed(CheckId::ProofPurpose),
                Some(other) => Check::failed(
                    CheckId::ProofPurpose,
                    format!("proofPurpose is {other:?}, expected \"assertionMethod\""),
                    Some(&pp),
                ),
                None => Check::failed(
                    CheckId::ProofPurpose,
                    "proofPurpose is not a string",
                    Some(&pp),
                ),
            })
        })
        .collect();
    if children.is_empty() {
        return Check::skipped(CheckId::ProofPurpose, "no proof states a proofPurpose");
    }
    aggregate(CheckId::ProofPurpose, children, Aggregate::AnyPassed, false)
}

/// A date property: (path, parsed) or a skip reason.
fn date(value: &Value, keys: &[&str]) -> Option<(String, Result<DateTime, String>)> {
    keys.iter().find_map(|k| {
        let v = value.get(*k)?;
        let path = json_path("$", k);
        Some(match v.as_str().map(DateTime::new) {
            Some(Ok(d)) => (path, Ok(d)),
            _ => (
                path.clone(),
                Err(format!(
                    "{path} is not a date-time (reported by the structure check)"
                )),
            ),
        })
    })
}

/// `not-before`: `validFrom` (or VC 1.1 `issuanceDate`) is not after now + skew.
pub(super) fn not_before(value: &Value, options: &VerifyOptions) -> Check {
    match date(value, &["validFrom", "issuanceDate"]) {
        None => Check::skipped(CheckId::NotBefore, "no validFrom or issuanceDate"),
        Some((_, Err(reason))) => Check::skipped(CheckId::NotBefore, reason),
        Some((path, Ok(from))) => {
            if from.to_utc() > options.now + options.clock_skew {
                Check::failed(
                    CheckId::NotBefore,
                    format!(
                        "not yet valid: {path} is {}, after now ({})",
                        from.as_str(),
                        options.now.to_rfc3339()
                    ),
                    Some(&path),
                )
            } else {
                Check::passed(CheckId::NotBefore)
                    .with_detail(format!("valid from {}", from.as_str()))
            }
        }
    }
}

/// `expired`: `validUntil` (or VC 1.1 `expirationDate`) is not before now − skew.
pub(super) fn expired(value: &Value, options: &VerifyOptions) -> Check {
    match date(value, &["validUntil", "expirationDate"]) {
        None => Check::passed(CheckId::Expired).with_detail("no validUntil: does not expire"),
        Some((_, Err(reason))) => Check::skipped(CheckId::Expired, reason),
        Some((path, Ok(until))) => {
            if until.to_utc() < options.now - options.clock_skew {
                Check::failed(
                    CheckId::Expired,
                    format!(
                        "expired: {path} is {}, before now ({})",
                        until.as_str(),
                        options.now.to_rfc3339()
                    ),
                    Some(&path),
                )
            } else {
                Check::passed(CheckId::Expired)
                    .with_detail(format!("valid until {}", until.as_str()))
            }
        }
    }
}

/// `status`: each `credentialStatus` entry against its fetched, verified list.
pub(super) fn status(ctx: &Ctx<'_>, value: &Value, depth: usize) -> Check {
    let entries = status_entries(value);
    if entries.is_empty() {
        return Check::skipped(CheckId::Status, "no credentialStatus");
    }
    let many = matches!(value.get("credentialStatus"), Some(Value::Array(_)));
    let children: Vec<Check> = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let path = if many {
                format!("$.credentialStatus[{i}]")
            } else {
                "$.credentialStatus".to_owned()
            };
            status_one(ctx, value, entry, &path, depth)
        })
        .collect();
    aggregate(CheckId::Status, children, Aggregate::AllPassed, false)
}

fn status_one(ctx: &Ctx<'_>, credential: &Value, entry: &Value, path: &str, depth: usize) -> Check {
    let failed = |reason: String| Check::failed(CheckId::Status, reason, Some(path));
    let url = match list_url(entry) {
        Ok(u) => u,
        Err(e) => return failed(e.to_string()),
    };
    let limits = &ctx.options.limits;
    let max = limits.max_fetch_bytes.min(limits.max_json_bytes);
    let fetched = match ctx.fetcher().fetch(url, max) {
        Ok(f) => f,
        Err(FetchError::Offline { .. }) => {
            return Check::skipped(CheckId::Status, format!("no fetcher configured for {url}"))
        }
        Err(e @ FetchError::TooLarge { .. }) => return failed(format!("status list: {e}")),
        Err(e) => {
            return Check::skipped(CheckId::Status, format!("status list not available: {e}"))
        }
    };
    if fetched.status != 200 {
        return failed(format!(
            "status list {url} returned HTTP {}",
            fetched.status
        ));
    }
    if fetched.body.len() > max {
        return failed(format!("status list {url} is over {max} bytes"));
    }
    let list = match parse_json_limited(&fetched.body, limits) {
        Ok(l) => l,
        Err(e) => return failed(format!("status list {url}: {e}")),
    };
    let method = entry_method(entry).ok();
    let list_report = if method == Some(StatusMethod::RevocationList1EdTech) {
        None
    } else {
        Some(verify_document(ctx, &list, Kind::StatusList, depth))
    };
    let list_checks = list_report
        .as_ref()
        .map(|r| r.checks.clone())
        .unwrap_or_default();
    if let Some(r) = &list_report {
        if let Some(head) = r.most_specific() {
            let reason = match &head.outcome {
                Outcome::Failed { reason, .. } => reason.clone(),
                _ => String::new(),
            };
            return failed(format!(
                "the status list credential {url} does not verify ({}: {reason})",
                head.id
            ))
            .with_children(list_checks);
        }
    }
    let outcome = match check_credential_status(credential, entry, &list, limits) {
        Ok(o) => o,
        Err(e) => return failed(e.to_string()).with_children(list_checks),
    };
    let index = outcome
        .index
        .map_or_else(String::new, |i| format!(" at index {i}"));
    if outcome.is_revoked() || outcome.is_suspended() {
        let what = if outcome.is_revoked() {
            "revoked"
        } else {
            "suspended"
        };
        let msg = outcome
            .message
            .as_deref()
            .map_or_else(String::new, |m| format!(" ({m})"));
        return failed(format!(
            "{what}: the {} list {url} has statusPurpose {} set{index}{msg}",
            outcome.method, outcome.purpose
        ))
        .with_children(list_checks);
    }
    let unverified = list_report
        .as_ref()
        .map(VerificationReport::unverified_required)
        .unwrap_or_default();
    if !unverified.is_empty() {
        let names: Vec<&str> = unverified.iter().map(|c| c.name()).collect();
        return Check::skipped(
            CheckId::Status,
            format!(
                "the status list {url} says statusPurpose {} is not set{index}, but the list could not be verified (not passed: {})",
                outcome.purpose,
                names.join(", ")
            ),
        )
        .with_children(list_checks);
    }
    let trust = if list_report.is_some() {
        "list credential verified"
    } else {
        "1EdTechRevocationList has no proof; read as served"
    };
    Check::passed(CheckId::Status)
        .with_detail(format!(
            "{}: statusPurpose {} not set{index} in {url}; {trust}",
            outcome.method, outcome.purpose
        ))
        .with_children(list_checks)
}

/// `refresh-service`: noted, never followed here.
pub(super) fn refresh_service(value: &Value, options: &VerifyOptions) -> Check {
    let Some(rs) = value.get("refreshService") else {
        return Check::skipped(CheckId::RefreshService, "no refreshService");
    };
    let id = match rs {
        Value::Array(a) => a.first().and_then(|r| r.get("id")),
        other => other.get("id"),
    }
    .and_then(Value::as_str)
    .unwrap_or("?");
    if options.follow_refresh {
        Check::skipped(
            CheckId::RefreshService,
            format!("present ({id}); following refresh services is not implemented yet"),
        )
    } else {
        Check::skipped(
            CheckId::RefreshService,
            format!("present ({id}), not followed (follow_refresh is off)"),
        )
    }
}

/// The embedded endorsements of an OB 3.0 credential: `endorsement` on the
/// credential, its issuer, its achievement and the achievement's creator.
fn embedded_endorsements(value: &Value) -> (Vec<(String, &Value)>, Vec<String>) {
    fn visit<'v>(
        holder: Option<&'v Value>,
        path: &str,
        creds: &mut Vec<(String, &'v Value)>,
        jwts: &mut Vec<String>,
    ) {
        let Some(h) = holder.and_then(Value::as_object) else {
            return;
        };
        if let Some(e) = h.get("endorsement") {
            let p = json_path(path, "endorsement");
            match e {
                Value::Array(a) => {
                    for (i, item) in a.iter().enumerate() {
                        creds.push((format!("{p}[{i}]"), item));
                    }
                }
                other => creds.push((p, other)),
            }
        }
        if let Some(e) = h.get("endorsementJwt") {
            let p = json_path(path, "endorsementJwt");
            match e {
                Value::Array(a) => jwts.extend((0..a.len()).map(|i| format!("{p}[{i}]"))),
                _ => jwts.push(p),
            }
        }
    }
    let mut creds = Vec::new();
    let mut jwts = Vec::new();
    visit(Some(value), "$", &mut creds, &mut jwts);
    visit(value.get("issuer"), "$.issuer", &mut creds, &mut jwts);
    let achievement = value
        .get("credentialSubject")
        .and_then(|s| s.get("achievement"));
    visit(
        achievement,
        "$.credentialSubject.achievement",
        &mut creds,
        &mut jwts,
    );
    visit(
        achievement.and_then(|a| a.get("creator")),
        "$.credentialSubject.achievement.creator",
        &mut creds,
        &mut jwts,
    );
    (creds, jwts)
}

/// `endorsements`: each embedded endorsement verified recursively; its report
/// is pushed to `report.endorsements`.
pub(super) fn endorsements(
    ctx: &Ctx<'_>,
    value: &Value,
    depth: usize,
    report: &mut VerificationReport,
) -> Check {
    let (creds, jwts) = embedded_endorsements(value);
    if creds.is_empty() && jwts.is_empty() {
        return Check::skipped(CheckId::Endorsements, "no embedded endorsements");
    }
    let max = ctx.options.limits.max_endorsement_depth;
    if depth >= max {
        return Check::skipped(
            CheckId::Endorsements,
            format!(
                "{} embedded endorsement(s) not verified: endorsement depth limit reached (Limits::max_endorsement_depth = {max})",
                creds.len().saturating_add(jwts.len())
            ),
        );
    }
    let mut children = Vec::new();
    for (path, e) in creds {
        let sub = verify_document(ctx, e, Kind::Endorsement, depth.saturating_add(1));
        let child = if sub.is_valid() {
            Check::passed(CheckId::Endorsements).with_detail(format!(
                "{path}: {} verifies",
                sub.credential_id.as_deref().unwrap_or("endorsement")
            ))
        } else if let Some(head) = sub.most_specific() {
            let reason = match &head.outcome {
                Outcome::Failed { reason, .. } => reason.clone(),
                _ => String::new(),
            };
            Check::failed(
                CheckId::Endorsements,
                format!("{path} does not verify ({}: {reason})", head.id),
                Some(&path),
            )
        } else {
            let names: Vec<&str> = sub.unverified_required().iter().map(|c| c.name()).collect();
            Check::skipped(
                CheckId::Endorsements,
                format!("{path} not verified (not passed: {})", names.join(", ")),
            )
        };
        children.push(child);
        report.push_endorsement(sub);
    }
    for path in jwts {
        children.push(Check::skipped(
            CheckId::Endorsements,
            format!("{path}: VC-JWT endorsements are not yet supported"),
        ));
    }
    aggregate(CheckId::Endorsements, children, Aggregate::AllPassed, false)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether an IdentityObject's `identityHash` matches `expected`.
fn identity_matches(identity: &Value, expected: &str) -> bool {
    let Some(hash) = identity.get("identityHash").and_then(Value::as_str) else {
        return false;
    };
    let hashed = identity
        .get("hashed")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let email = identity.get("identityType").and_then(Value::as_str) == Some("emailAddress");
    let mut candidates = vec![expected.to_owned()];
    if email || expected.contains('@') {
        let stripped = expected.strip_prefix("mailto:").unwrap_or(expected);
        candidates.push(stripped.to_owned());
        candidates.push(stripped.to_lowercase());
    }
    if !hashed {
        return candidates.iter().any(|c| c == hash);
    }
    let salt = identity.get("salt").and_then(Value::as_str).unwrap_or("");
    let Some((alg, digest)) = hash.split_once('$') else {
        return false;
    };
    candidates.iter().any(|c| {
        let input = format!("{c}{salt}");
        let computed = match alg.to_ascii_lowercase().as_str() {
            "sha256" => hex(&sha2::Sha256::digest(input.as_bytes())),
            "md5" => hex(&md5::Md5::digest(input.as_bytes())),
            _ => return false,
        };
        computed.eq_ignore_ascii_case(digest)
    })
}

/// `recipient-match`: the credential is about `expected`.
pub(super) fn recipient(value: &Value, expected: Option<&str>) -> Check {
    let Some(expected) = expected else {
        return Check::skipped(CheckId::RecipientMatch, "no expected recipient given");
    };
    let expected = expected.trim();
    let subjects: Vec<(String, &Value)> = match value.get("credentialSubject") {
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("$.credentialSubject[{i}]"), s))
            .collect(),
        Some(s) => vec![("$.credentialSubject".to_owned(), s)],
        None => Vec::new(),
    };
    let mut checked = 0usize;
    for (path, s) in &subjects {
        if let Some(id) = s.get("id").and_then(Value::as_str) {
            checked = checked.saturating_add(1);
            if id == expected || id.strip_prefix("mailto:") == Some(expected) {
                return Check::passed(CheckId::RecipientMatch)
                    .with_detail(format!("{} is {expected}", json_path(path, "id")));
            }
        }
        let ids: Vec<(String, &Value)> = match s.get("identifier") {
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("{path}.identifier[{i}]"), x))
                .collect(),
            Some(x) => vec![(format!("{path}.identifier"), x)],
            None => Vec::new(),
        };
        for (ip, identity) in ids {
            checked = checked.saturating_add(1);
            if identity_matches(identity, expected) {
                return Check::passed(CheckId::RecipientMatch)
                    .with_detail(format!("{ip} matches {expected}"));
            }
        }
    }
    Check::failed(
        CheckId::RecipientMatch,
        format!("the credential is not about {expected}: none of its {checked} recipient identities matches"),
        Some("$.credentialSubject"),
    )
}
