//! OB 3.0 credentials secured as VC-JWT (compact JWS), top-level or as
//! `endorsementJwt` entries: the same report, checks and verdict as an
//! embedded-proof credential.
//!
//! - `proof`: the JOSE header passed [`crate::jose`]'s RFC 8725 refusals
//!   (allow-list checked before any key is used; `none`, HMAC, unknown
//!   `crit`, `b64: false`, `jku`/`x5u`, private `jwk` members, an `alg` of
//!   another key type: each a failure with its own evidence code), and the
//!   signature verifies under the key found by
//!   [`resolve_jwt_key`](crate::jose::resolve_jwt_key).
//! - `key-binding`: that key is the issuer's (DID document, JWKS, `kid` URL
//!   on the issuer's origin, or a key the caller trusts,
//!   [`VerifyOptions::trusted_keys`](super::VerifyOptions::trusted_keys)); a
//!   header `jwk` alone binds nothing. Which step failed is reported.
//! - `jwt-claims`: `iss`, `jti`, `sub`, `nbf`, `exp`, where present, agree
//!   with the credential, and `nbf`/`exp` hold at the verification time (an
//!   absent claim states nothing and is noted in the detail).
//! - `signed-graph`: the JWT signs the payload bytes, so what the checks
//!   read is what was signed once the document is inside the profile.
//! - then the credential's own checks, as for any OB 3.0 credential.

use serde_json::Value;

use super::evidence::Evidence;
use super::report::{Check, CheckId, CredentialFormat, VerificationReport, VerifyError};
use super::{begin_report, checks, finish_report, structure, Ctx, Kind};
use crate::jose::{resolve_jwt_key, ClaimError, Jws, JwsError, VcJwt, VcJwtError};
use crate::limits::parse_json_limited;

/// A stable kebab-case code for a JOSE refusal, from its variant name
/// (`AlgNone` → `alg-none`).
pub(crate) fn jose_code<E: core::fmt::Debug>(e: &E) -> String {
    let debug = format!("{e:?}");
    let name: String = debug
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether a JWS payload is an Open Badges 2.0 assertion (not a VC).
fn is_ob2_payload(payload: &Value) -> bool {
    let ctx_ob2 = match payload.get("@context") {
        Some(Value::String(s)) => s.contains("openbadges/v2"),
        Some(Value::Array(a)) => a
            .iter()
            .any(|c| c.as_str().is_some_and(|s| s.contains("openbadges/v2"))),
        _ => false,
    };
    ctx_ob2 && payload.get("vc").is_none()
}

/// Verifies a compact JWS holding an OB 3.0 credential.
///
/// # Errors
/// [`VerifyError::UnsupportedFormat`] for a JWS whose payload is an OB 2.0
/// signed assertion.
pub(crate) fn verify_jwt(
    ctx: &Ctx<'_>,
    token: &str,
    kind: Kind,
    depth: usize,
) -> Result<VerificationReport, VerifyError> {
    let limits = &ctx.options.limits;
    let failed_report = |check: Check| {
        let mut r = VerificationReport::new(CredentialFormat::OpenBadges3Jwt);
        r.push(check);
        r
    };
    let jws = match Jws::parse(token, limits) {
        Ok(j) => j,
        Err(e) => {
            let id = if matches!(
                e,
                JwsError::NotCompact { .. } | JwsError::Base64 { .. } | JwsError::HeaderJson(_)
            ) {
                CheckId::JsonWellFormed
            } else {
                CheckId::Proof
            };
            let mut r =
                failed_report(Check::passed(CheckId::JsonWellFormed).with_detail("compact JWS"));
            if id == CheckId::JsonWellFormed {
                r.checks.clear();
            }
            r.push(
                Check::failed(id, format!("JWS refused: {e}"), Some("$")).with_evidence(
                    Evidence::Jose {
                        refusal: jose_code(&e),
                    },
                ),
            );
            return Ok(r);
        }
    };
    if let Ok(payload) = parse_json_limited(jws.payload(), limits) {
        if is_ob2_payload(&payload) {
            return Err(VerifyError::UnsupportedFormat {
                found: super::SeenFormat::OpenBadges2,
                reason: "OB 2.0 signed assertions: not yet supported".into(),
            });
        }
    }
    let jwt = match VcJwt::parse(token, limits) {
        Ok(j) => j,
        Err(e) => {
            let id = match e {
                VcJwtError::PayloadJson(_) | VcJwtError::DuplicatePayloadMember { .. } => {
                    CheckId::JsonWellFormed
                }
                VcJwtError::Jws(_) | VcJwtError::UnexpectedType { .. } => CheckId::Proof,
                _ => CheckId::Format,
            };
            let mut r = VerificationReport::new(CredentialFormat::OpenBadges3Jwt);
            if id != CheckId::JsonWellFormed {
                r.push(Check::passed(CheckId::JsonWellFormed));
            }
            r.push(
                Check::failed(id, e.to_string(), Some("$")).with_evidence(Evidence::Jose {
                    refusal: jose_code(&e),
                }),
            );
            return Ok(r);
        }
    };
    let credential = jwt.credential();
    let detail = format!(
        "Open Badges 3.0 VC-JWT ({:?} form, {})",
        jwt.form(),
        jwt.header().alg.name()
    );
    let mut r = match begin_report(
        ctx,
        credential,
        kind,
        CredentialFormat::OpenBadges3Jwt,
        detail,
    ) {
        Ok(r) => r,
        Err(stopped) => return Ok(stopped),
    };
    r.push(checks::context_order(credential, kind));
    r.push(checks::context_version(credential, kind));
    r.push(structure::check(credential, kind));

    let issuer = jwt.issuer_id().map(str::to_owned);
    let (proof, binding, verified) = match &issuer {
        None => (
            Check::failed(
                CheckId::Proof,
                "the credential has no issuer id, so no key can be looked up",
                Some("$.issuer"),
            ),
            Check::skipped(
                CheckId::KeyBinding,
                "no issuer id (reported by the proof check)",
            ),
            false,
        ),
        Some(issuer) => key_and_signature(ctx, &jwt, issuer),
    };
    r.push(proof);
    r.push(match ctx.options.profile.check(credential) {
        Err(v) => Check::failed(CheckId::SignedGraph, v.to_string(), Some(&v.path)).with_evidence(
            Evidence::OutsideProfile {
                feature: v.feature.to_string(),
            },
        ),
        Ok(()) if verified => Check::passed(CheckId::SignedGraph)
            .with_detail("inside the profile; the JWT signs the payload as received"),
        Ok(()) => Check::skipped(
            CheckId::SignedGraph,
            "inside the profile, but the signature did not verify: nothing was signed",
        ),
    });
    r.push(binding);
    // A claim that disagrees with the credential fails; a claim that is
    // absent states nothing (the signed credential is the only source of
    // that value), so it is noted, not failed. 1EdTech's own VC-JWT samples
    // omit `sub`.
    let (absent, mut problems): (Vec<ClaimError>, Vec<ClaimError>) = jwt
        .claim_problems()
        .into_iter()
        .partition(|p| matches!(p, ClaimError::Missing { .. }));
    if let Err(e) = jwt.check_time(ctx.options.now) {
        problems.push(e);
    }
    let absent: Vec<String> = absent.iter().map(ToString::to_string).collect();
    r.push(if problems.is_empty() {
        let mut detail = "the claims present agree with the credential".to_owned();
        if !absent.is_empty() {
            detail.push_str(&format!(" (absent: {})", absent.join("; ")));
        }
        Check::passed(CheckId::JwtClaims).with_detail(detail)
    } else {
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        Check::failed(CheckId::JwtClaims, text.join("; "), Some("$")).with_evidence(
            Evidence::Jose {
                refusal: problems.first().map(jose_code).unwrap_or_default(),
            },
        )
    });
    finish_report(ctx, credential, kind, depth, verified, &mut r);
    Ok(r)
}

/// The `proof` and `key-binding` checks of a VC-JWT, and whether its
/// signature verified.
fn key_and_signature(ctx: &Ctx<'_>, jwt: &VcJwt, issuer: &str) -> (Check, Check, bool) {
    let limits = &ctx.options.limits;
    let alg = jwt.header().alg.name();
    let found = match resolve_jwt_key(
        jwt.jws(),
        issuer,
        ctx.fetcher(),
        &ctx.options.trusted_keys,
        limits,
    ) {
        Ok(f) => f,
        Err(e) => {
            let unavailable =
                !e.failures.is_empty() && e.failures.iter().all(|f| f.is_unavailable());
            let reason = format!("no key found for the {alg} signature: {e}");
            let proof = if unavailable {
                Check::indeterminate(CheckId::Proof, reason.clone())
            } else {
                Check::failed(CheckId::Proof, reason.clone(), Some("$"))
            };
            let binding = Check::skipped(
                CheckId::KeyBinding,
                "no key, so nothing to bind (reported by the proof check)",
            );
            return (
                proof.with_evidence(Evidence::KeyUnavailable {
                    method: jwt
                        .header()
                        .kid
                        .clone()
                        .unwrap_or_else(|| "(header jwk)".into()),
                    reason,
                }),
                binding,
                false,
            );
        }
    };
    let method = jwt
        .header()
        .kid
        .clone()
        .unwrap_or_else(|| format!("header jwk {}", found.key.thumbprint()));
    if let Err(e) = jwt.verify_signature(&found.key) {
        return (
            Check::failed(CheckId::Proof, format!("{alg} signature: {e}"), Some("$"))
                .with_evidence(Evidence::Proof {
                    failure: jose_code(&e),
                    index: None,
                }),
            Check::skipped(
                CheckId::KeyBinding,
                "its signature was not verified, so it binds nothing",
            ),
            false,
        );
    }
    let proof = Check::passed(CheckId::Proof).with_detail(format!("{alg} signature by {method}"));
    if found.is_bound() {
        return (
            proof,
            Check::passed(CheckId::KeyBinding)
                .with_detail(format!("{method}: bound through {:?}", found.source)),
            true,
        );
    }
    let steps: Vec<String> = found
        .failures
        .iter()
        .map(|f| format!("{}: {}", f.step, f.error))
        .collect();
    let reason = format!(
        "the key in the JOSE header is not bound to the issuer {issuer} ({})",
        if steps.is_empty() {
            "no step found it".to_owned()
        } else {
            steps.join("; ")
        }
    );
    let binding = if found.failures.iter().any(|f| f.is_unavailable()) {
        Check::indeterminate(CheckId::KeyBinding, reason.clone()).with_evidence(
            Evidence::KeyUnavailable {
                method: method.clone(),
                reason,
            },
        )
    } else {
        Check::failed(CheckId::KeyBinding, reason, Some("$")).with_evidence(Evidence::KeyNotBound {
            method: method.clone(),
            issuer: issuer.to_owned(),
        })
    };
    (proof, binding, true)
}
