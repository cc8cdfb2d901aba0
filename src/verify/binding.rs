//! Which key a proof is checked with, and whether that key belongs to the
//! issuer (the key-binding check).
//!
//! Two separate questions:
//!
//! 1. *Does the signature verify under the key the verification method
//!    names?* [`signature_key`] answers with the key: a `did:key`'s own key;
//!    the Multikey in the fragment of any other method URL
//!    (`https://issuer.example/#z6Mk…`, `did:web:…#z6Mk…`); otherwise the key
//!    the controller document lists (did:web or https, fetched through the
//!    [`Fetcher`]).
//! 2. *Is that the issuer's key?* [`key_binding`] answers per proof: a
//!    `did:key` method must BE the issuer (its DID equals the issuer id);
//!    any other method must be controlled by the issuer (the method URL
//!    without its fragment equals the issuer id), and the issuer's controller
//!    document, fetched through the fetcher, must list the method under
//!    `assertionMethod` with the very key the signature was checked with.
//!    A key taken from a URL fragment is never bound without that document:
//!    offline, the check is skipped ("no fetcher configured for …"), and
//!    since key binding is required the report is then not valid.

use serde_json::Value;

use super::evidence::Evidence;
use super::report::{Check, CheckId};
use super::{aggregate, json_path, proof_list, Aggregate, Ctx};
use crate::did::{find_verification_method, resolve_did_key_url, resolve_did_web, DidError};
use crate::fetch::{FetchError, Fetcher};
use crate::keys::{decode_multikey, VerifyingKey};
use crate::limits::Limits;
use crate::proof::{KeyResolveError, KeyResolver};

/// The issuer id of a credential: `issuer` as a string, or `issuer.id`.
pub(super) fn issuer_id(value: &Value) -> Option<&str> {
    match value.get("issuer") {
        Some(Value::String(s)) => Some(s),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str),
        _ => None,
    }
}

/// Splits a method URL at its first `#`.
fn split_fragment(vm: &str) -> (&str, Option<&str>) {
    match vm.split_once('#') {
        Some((base, frag)) => (base, Some(frag)),
        None => (vm, None),
    }
}

/// The Ed25519 key a Multikey fragment encodes, if it is one.
fn fragment_key(vm: &str) -> Option<VerifyingKey> {
    let (_, frag) = split_fragment(vm);
    frag.filter(|f| f.starts_with('z'))
        .and_then(|f| decode_multikey(f).ok())
}

fn is_http(vm: &str) -> bool {
    vm.starts_with("https://") || vm.starts_with("http://")
}

/// Fetches and parses a controller document within the limits.
fn fetch_document(fetcher: &dyn Fetcher, url: &str, limits: &Limits) -> Result<Value, DidError> {
    crate::did::fetch_json_document(fetcher, url, limits)
}

/// The key a proof's signature is checked with (see the module docs).
pub(super) fn signature_key(ctx: &Ctx<'_>, vm: &str) -> Result<VerifyingKey, KeyResolveError> {
    if vm.starts_with("did:key:") {
        return Ok(resolve_did_key_url(vm)?);
    }
    if let Some(key) = fragment_key(vm) {
        return Ok(key);
    }
    if vm.starts_with("did:web:") {
        let m = resolve_did_web(vm, ctx.fetcher(), &ctx.options.limits, None)?;
        return Ok(m.public_key);
    }
    if is_http(vm) {
        let (base, _) = split_fragment(vm);
        let doc = fetch_document(ctx.fetcher(), base, &ctx.options.limits)?;
        let m = find_verification_method(&doc, base, vm, None)?;
        return Ok(m.public_key);
    }
    Err(KeyResolveError::Other {
        id: vm.to_owned(),
        reason: "only did:key, did:web and https verification methods (or a Multikey #fragment) can be resolved".into(),
    })
}

/// A [`KeyResolver`] over [`signature_key`].
pub(super) struct SignatureKeys<'c, 'o> {
    pub(super) ctx: &'c Ctx<'o>,
}

impl KeyResolver for SignatureKeys<'_, '_> {
    fn resolve(&self, verification_method: &str) -> Result<VerifyingKey, KeyResolveError> {
        signature_key(self.ctx, verification_method)
    }
}

/// Whether a resolution failure means "could not look it up" (offline, not
/// served) rather than "looked it up and it is wrong".
pub(super) fn is_unavailable(e: &DidError) -> bool {
    matches!(
        e,
        DidError::Fetch(
            FetchError::Offline { .. }
                | FetchError::NotFound { .. }
                | FetchError::Transport { .. }
                | FetchError::Refused { .. }
                | FetchError::Budget { .. }
        )
    )
}

fn unavailable_reason(e: &DidError) -> String {
    match e {
        DidError::Fetch(FetchError::Offline { url }) => format!("no fetcher configured for {url}"),
        other => format!("could not fetch the controller document: {other}"),
    }
}

/// The key-binding check over every proof of `value`.
///
/// Only a proof whose signature verified (`verified`, indexes in
/// [`proof_list`] order) can bind: a proof that names the issuer's listed key
/// but could not be checked (an unsupported suite, say) must not lend its
/// binding to another proof that verified under an unbound key.
pub(super) fn key_binding(ctx: &Ctx<'_>, value: &Value, verified: &[usize]) -> Check {
    let proofs = proof_list(value);
    if proofs.is_empty() {
        return Check::skipped(CheckId::KeyBinding, "no proof to bind to the issuer");
    }
    let issuer = issuer_id(value);
    let children: Vec<Check> = proofs
        .iter()
        .enumerate()
        .map(|(i, (path, proof))| {
            if !verified.contains(&i) {
                return Check::skipped(
                    CheckId::KeyBinding,
                    format!("{path}: its signature was not verified, so it binds nothing"),
                );
            }
            let vm_path = json_path(path, "verificationMethod");
            let Some(vm) = proof.get("verificationMethod").and_then(Value::as_str) else {
                return Check::skipped(
                    CheckId::KeyBinding,
                    format!("{path} has no verificationMethod (reported by the proof check)"),
                );
            };
            let Some(issuer) = issuer else {
                return Check::skipped(
                    CheckId::KeyBinding,
                    "the credential has no issuer id to bind the key to (reported by the structure check)",
                );
            };
            bind_one(ctx, vm, issuer, &vm_path)
        })
        .collect();
    aggregate(CheckId::KeyBinding, children, Aggregate::AnyPassed, false)
}

fn bind_one(ctx: &Ctx<'_>, vm: &str, issuer: &str, path: &str) -> Check {
    let (base, _) = split_fragment(vm);
    // Every failure here is one thing: this key is not shown to be the issuer's.
    let failed = |reason: String| {
        Check::failed(CheckId::KeyBinding, reason, Some(path)).with_evidence(
            Evidence::KeyNotBound {
                method: vm.to_owned(),
                issuer: issuer.to_owned(),
            },
        )
    };
    if vm.starts_with("did:key:") {
        if base != issuer {
            return failed(format!("{base} is not the issuer {issuer}: a did:key verification method binds only when its DID is the issuer id"));
        }
        return match resolve_did_key_url(vm) {
            Ok(_) => Check::passed(CheckId::KeyBinding)
                .with_detail(format!("{vm}: the issuer is this did:key")),
            Err(e) => failed(e.to_string()),
        };
    }
    if !(vm.starts_with("did:web:") || is_http(vm)) {
        return failed(format!(
            "verification method {vm} cannot be bound to the issuer: only did:key, did:web and https controller documents are supported"
        ));
    }
    if base != issuer {
        return failed(format!(
            "verification method {vm} is controlled by {base}, not by the issuer {issuer}"
        ));
    }
    let listed = if vm.starts_with("did:web:") {
        resolve_did_web(
            vm,
            ctx.fetcher(),
            &ctx.options.limits,
            Some("assertionMethod"),
        )
    } else {
        fetch_document(ctx.fetcher(), base, &ctx.options.limits)
            .and_then(|doc| find_verification_method(&doc, issuer, vm, Some("assertionMethod")))
    };
    let method = match listed {
        Ok(m) => m,
        Err(e) if is_unavailable(&e) => {
            let reason = unavailable_reason(&e);
            return Check::indeterminate(
                CheckId::KeyBinding,
                format!("{reason}: the key of {vm} cannot be bound to the issuer without the issuer's controller document"),
            )
            .with_evidence(Evidence::KeyUnavailable {
                method: vm.to_owned(),
                reason,
            });
        }
        Err(e) => return failed(format!("issuer's controller document: {e}")),
    };
    match signature_key(ctx, vm) {
        Ok(k) if k == method.public_key => Check::passed(CheckId::KeyBinding).with_detail(format!(
            "{vm} is listed under assertionMethod in the controller document of {issuer}"
        )),
        Ok(_) => failed(format!(
            "the issuer's controller document lists a different key for {vm} than the one in its fragment"
        )),
        Err(e) => failed(e.to_string()),
    }
}
