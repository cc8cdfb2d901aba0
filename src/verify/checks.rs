//! One function per named check (the structural check is in `structure`,
//! key binding in `binding`).

use serde_json::Value;

use super::binding::{is_unavailable, SignatureKeys};
use super::evidence::Evidence;
use super::graph::{self, GraphMismatch};
use super::report::{Check, CheckId, Outcome, VerificationReport, VerifyOptions};
use super::{aggregate, json_path, proof_list, verify_document, Aggregate, Ctx, Kind};
use crate::canon::profile::ProfileViolation;
use crate::contexts::{
    CREDENTIALS_V1, CREDENTIALS_V2, OB_V3P0_CONTEXT, OB_V3P0_CONTEXT_3_0_0, OB_V3P0_CONTEXT_3_0_1,
    OB_V3P0_CONTEXT_3_0_2, OB_V3P0_CONTEXT_3_0_3, OB_V3P0_EXTENSIONS,
};
use crate::ids::DateTime;
use crate::proof::{verify_proofs, KeyResolveError, ProofFailure, ProofVerifyOptions};

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
        )
        .with_evidence(Evidence::ContextOrder { found });
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
            )
            .with_evidence(Evidence::UnknownContextVersion { found: s.to_owned() });
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
        ProofFailure::Canonicalization(crate::canon::CanonError::Limit(l)) => {
            l.limit == crate::limits::Limit::Canonicalizations
        }
        ProofFailure::KeyResolution {
            source: KeyResolveError::Did(e),
            ..
        } => is_unavailable(e),
        _ => false,
    }
}

/// The proof check and what later checks need from it.
pub(super) struct ProofCheck {
    /// The `proof` check.
    pub(super) check: Check,
    /// Indexes (in [`proof_list`] order) of the proofs whose signature
    /// verified: the only ones key binding may rely on.
    pub(super) verified: Vec<usize>,
    /// Whether a verified proof signed the RDF graph (eddsa-rdfc-2022,
    /// Ed25519Signature2020) rather than the JSON text (eddsa-jcs-2022).
    pub(super) rdf_verified: bool,
    /// The canonical N-Quads of the unsecured document, when computed.
    pub(super) canonical: Option<String>,
}

/// `proof`: every proof checked on the received JSON, one child each.
pub(super) fn proof(ctx: &Ctx<'_>, value: &Value) -> ProofCheck {
    let resolver = SignatureKeys { ctx };
    let options = ProofVerifyOptions::default()
        .with_expected_proof_purpose(None)
        .with_now(ctx.options.now)
        .with_clock_skew(ctx.options.clock_skew)
        .with_max_proofs(ctx.options.limits.max_proofs);
    let report = verify_proofs(value, ctx.canon(), &resolver, &options);
    if let Some(f) = &report.document_failure {
        let path = if matches!(f, ProofFailure::NoProof) {
            "$"
        } else {
            "$.proof"
        };
        return ProofCheck {
            check: Check::failed(CheckId::Proof, f.to_string(), Some(path)).with_evidence(
                match f {
                    ProofFailure::TooManyProofs(l) => Evidence::LimitExceeded(*l),
                    other => Evidence::Proof {
                        failure: other.code().to_owned(),
                        index: None,
                    },
                },
            ),
            verified: Vec::new(),
            rdf_verified: false,
            canonical: None,
        };
    }
    let verified: Vec<usize> = report
        .proofs
        .iter()
        .filter(|p| p.outcome.is_ok())
        .map(|p| p.index)
        .collect();
    let rdf_verified = report
        .proofs
        .iter()
        .any(|p| p.outcome.is_ok() && p.cryptosuite.as_deref() != Some("eddsa-jcs-2022"));
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
                Err(f) => Check::failed(CheckId::Proof, format!("{path}: {f}"), Some(&path))
                    .with_evidence(Evidence::Proof {
                        failure: f.code().to_owned(),
                        index: Some(p.index),
                    }),
            }
        })
        .collect();
    ProofCheck {
        check: aggregate(CheckId::Proof, children, Aggregate::AnyPassed, true),
        verified,
        rdf_verified,
        canonical: report.canonical_document,
    }
}

/// `signed-graph`: the document is inside the profile, and the values the
/// checks read equal those of the graph a verified proof signed.
pub(super) fn signed_graph(
    ctx: &Ctx<'_>,
    value: &Value,
    profile: Result<(), ProfileViolation>,
    proof: &ProofCheck,
) -> Check {
    if let Err(v) = profile {
        return Check::failed(CheckId::SignedGraph, v.to_string(), Some(&v.path)).with_evidence(
            Evidence::OutsideProfile {
                feature: v.feature.to_string(),
            },
        );
    }
    if proof.verified.is_empty() {
        return Check::skipped(
            CheckId::SignedGraph,
            "inside the profile, but no proof verified: nothing was signed to compare with",
        );
    }
    if !proof.rdf_verified {
        return Check::passed(CheckId::SignedGraph)
            .with_detail("inside the profile; eddsa-jcs-2022 signs the JSON text itself");
    }
    let computed;
    let canonical: &str = match &proof.canonical {
        Some(c) => c,
        None => match ctx.canon().canonicalize_unsecured(value) {
            Ok(c) => {
                computed = c;
                &computed
            }
            Err(e) => {
                return Check::failed(
                    CheckId::SignedGraph,
                    format!("the unsecured document cannot be canonicalized: {e}"),
                    Some("$"),
                )
            }
        },
    };
    match graph::compare(value, canonical, &ctx.options.limits) {
        Ok(()) => Check::passed(CheckId::SignedGraph).with_detail(
            "inside the profile; dates, issuer, status entries and subject identities equal the signed graph",
        ),
        Err(GraphMismatch::Values { path, shown, signed }) => Check::failed(
            CheckId::SignedGraph,
            GraphMismatch::Values {
                path: path.clone(),
                shown: shown.clone(),
                signed: signed.clone(),
            }
            .to_string(),
            Some(&path),
        )
        .with_evidence(Evidence::GraphMismatch {
            path: path.clone(),
            shown,
            signed,
        }),
        Err(e) => Check::failed(CheckId::SignedGraph, e.to_string(), Some("$")),
    }
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
                )
                .with_evidence(Evidence::WrongProofPurpose {
                    found: other.to_owned(),
                }),
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

/// The largest time-zone offset a date-time may carry (xsd:dateTime, VC 2.0).
const MAX_OFFSET_SECS: i32 = 14 * 3600;

/// Whether the credential uses the VC 2.0 data model (its first context).
fn is_vc2(value: &Value) -> bool {
    let first = match value.get("@context") {
        Some(Value::Array(a)) => a.first(),
        other => other,
    };
    first.and_then(Value::as_str) == Some(CREDENTIALS_V2)
}

/// The date properties of `keys` present in the credential: each with its
/// path and the parsed date, or why it is not a usable date-time.
/// A date that cannot be used: the value as written and what is wrong.
type BadDate = (String, String);

fn dates(value: &Value, keys: &[&str]) -> Vec<(String, Result<DateTime, BadDate>)> {
    let vc2 = is_vc2(value);
    keys.iter()
        .filter_map(|k| {
            let v = value.get(*k)?;
            let path = json_path("$", k);
            let text = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
            let parsed = match v.as_str().map(DateTime::new) {
                Some(Ok(d)) if !d.has_offset() && vc2 => Err(format!(
                    "{path} is {}, a date-time without a time-zone offset (VC 2.0 requires one)",
                    d.as_str()
                )),
                Some(Ok(d)) if d.value().offset().local_minus_utc().abs() > MAX_OFFSET_SECS => {
                    Err(format!(
                        "{path} is {}, whose time-zone offset is beyond ±14:00",
                        d.as_str()
                    ))
                }
                Some(Ok(d)) => Ok(d),
                _ => Err(format!("{path} is not a date-time")),
            }
            .map_err(|reason| (text, reason));
            Some((path, parsed))
        })
        .collect()
}

/// Runs `test` on every date of `keys`; one child per date when there are
/// several (VC 1.1 `issuanceDate` beside `validFrom`: both are checked).
fn date_check(
    id: CheckId,
    value: &Value,
    keys: &[&str],
    none: Check,
    test: impl Fn(&str, &DateTime) -> Check,
) -> Check {
    let children: Vec<Check> = dates(value, keys)
        .into_iter()
        .map(|(path, d)| match d {
            Ok(d) => test(&path, &d),
            Err((value, reason)) => {
                Check::failed(id, reason.clone(), Some(&path)).with_evidence(Evidence::BadDate {
                    value,
                    problem: reason,
                })
            }
        })
        .collect();
    if children.is_empty() {
        return none;
    }
    aggregate(id, children, Aggregate::AllPassed, false)
}

/// `not-before`: `validFrom` and VC 1.1 `issuanceDate` are not after now + skew.
pub(super) fn not_before(value: &Value, options: &VerifyOptions) -> Check {
    date_check(
        CheckId::NotBefore,
        value,
        &["validFrom", "issuanceDate"],
        Check::skipped(CheckId::NotBefore, "no validFrom or issuanceDate"),
        |path, from| {
            if from.to_utc() > options.now + options.clock_skew {
                Check::failed(
                    CheckId::NotBefore,
                    format!(
                        "not yet valid: {path} is {}, after now ({})",
                        from.as_str(),
                        options.now.to_rfc3339()
                    ),
                    Some(path),
                )
                .with_evidence(Evidence::NotYetValid {
                    valid_from: from.as_str().to_owned(),
                    now: options.now.to_rfc3339(),
                })
            } else {
                Check::passed(CheckId::NotBefore)
                    .with_detail(format!("valid from {}", from.as_str()))
            }
        },
    )
}

/// `expired`: `validUntil` and VC 1.1 `expirationDate` are not before now − skew.
pub(super) fn expired(value: &Value, options: &VerifyOptions) -> Check {
    date_check(
        CheckId::Expired,
        value,
        &["validUntil", "expirationDate"],
        Check::passed(CheckId::Expired).with_detail("no validUntil: does not expire"),
        |path, until| {
            if until.to_utc() < options.now - options.clock_skew {
                Check::failed(
                    CheckId::Expired,
                    format!(
                        "expired: {path} is {}, before now ({})",
                        until.as_str(),
                        options.now.to_rfc3339()
                    ),
                    Some(path),
                )
                .with_evidence(Evidence::Expired {
                    valid_until: until.as_str().to_owned(),
                    now: options.now.to_rfc3339(),
                })
            } else {
                Check::passed(CheckId::Expired)
                    .with_detail(format!("valid until {}", until.as_str()))
            }
        },
    )
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
/// Endorsements with their JSON paths.
type Located<'v> = Vec<(String, &'v Value)>;

fn embedded_endorsements(value: &Value) -> (Located<'_>, Located<'_>) {
    fn visit<'v>(
        holder: Option<&'v Value>,
        path: &str,
        creds: &mut Located<'v>,
        jwts: &mut Located<'v>,
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
                Value::Array(a) => {
                    for (i, item) in a.iter().enumerate() {
                        jwts.push((format!("{p}[{i}]"), item));
                    }
                }
                other => jwts.push((p, other)),
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
    proof_verified: bool,
    report: &mut VerificationReport,
) -> Check {
    let (creds, jwts) = embedded_endorsements(value);
    if creds.is_empty() && jwts.is_empty() {
        return Check::skipped(CheckId::Endorsements, "no embedded endorsements");
    }
    if !proof_verified {
        return Check::skipped(
            CheckId::Endorsements,
            format!(
                "{} embedded endorsement(s) not verified: the credential's own proof did not verify",
                creds.len().saturating_add(jwts.len())
            ),
        );
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
    let all = creds
        .into_iter()
        .map(|(p, e)| (p, e, false))
        .chain(jwts.into_iter().map(|(p, e)| (p, e, true)));
    for (path, e, is_jwt) in all {
        if let Err(limit) = ctx.take_endorsement() {
            children.push(
                Check::indeterminate(
                    CheckId::Endorsements,
                    format!("{path} not verified: {limit}"),
                )
                .with_evidence(Evidence::LimitExceeded(limit)),
            );
            continue;
        }
        let sub = if is_jwt {
            let Some(token) = e.as_str() else {
                children.push(Check::failed(
                    CheckId::Endorsements,
                    format!("{path} is not a string (a compact JWS)"),
                    Some(&path),
                ));
                continue;
            };
            match super::jwt::verify_jwt(
                ctx,
                token.trim(),
                Kind::Endorsement,
                depth.saturating_add(1),
            ) {
                Ok(r) => r,
                Err(e) => {
                    children.push(Check::failed(
                        CheckId::Endorsements,
                        format!("{path}: {e}"),
                        Some(&path),
                    ));
                    continue;
                }
            }
        } else {
            verify_document(ctx, e, Kind::Endorsement, depth.saturating_add(1))
        };
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
    aggregate(CheckId::Endorsements, children, Aggregate::AllPassed, false)
}

/// Whether an OB 3.0 IdentityObject's `identityHash` matches `expected`
/// (the crate's one matcher, [`crate::model::recipient::identity_matches`];
/// an unreadable hash matches nothing).
fn identity_matches(identity: &Value, expected: &str) -> bool {
    let Some(hash) = identity.get("identityHash").and_then(Value::as_str) else {
        return false;
    };
    let hashed = identity
        .get("hashed")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let email = identity.get("identityType").and_then(Value::as_str) == Some("emailAddress")
        || expected.contains('@');
    let salt = identity.get("salt").and_then(Value::as_str);
    crate::model::recipient::identity_matches(hash, hashed, salt, email, expected).unwrap_or(false)
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
    .with_evidence(Evidence::RecipientMismatch {
        expected: expected.to_owned(),
        compared: checked,
    })
}
