//! The `status` check: each `credentialStatus` entry against its list.
//!
//! Fails closed. Under [`StatusPolicy::Require`] (the default) an entry that
//! cannot be checked — no fetcher, the list not served, the list's own key
//! not bindable offline, a budget reached — is
//! [`Outcome::Indeterminate`](super::report::Outcome::Indeterminate), and so
//! is the verdict. [`StatusPolicy::Ignore`] is the named, risky opt-out.
//!
//! A Bitstring Status List or StatusList2021 list credential counts only
//! when all of these hold:
//!
//! 1. it verifies as a credential of its own (proof, key bound to *its*
//!    issuer, signed graph, inside its validity window at the verification
//!    time);
//! 2. its issuer is the credential's issuer, or a delegate the caller
//!    trusts for that issuer ([`VerifyOptions::status_list_delegates`]);
//! 3. its `id` is the entry's `statusListCredential` URL;
//! 4. its `statusPurpose` is the entry's (checked when the bits are read).
//!
//! A `1EdTechRevocationList` carries no proof: where it names an issuer, that
//! must be the credential's issuer, and the report says the list was read as
//! served, unsigned.

use serde_json::Value;

use super::binding::issuer_id;
use super::evidence::Evidence;
use super::report::{Check, CheckId, StatusPolicy, Verdict, VerifyOptions};
use super::{aggregate, verify_document, Aggregate, Ctx, Kind};
use crate::fetch::{fetch_json, FetchError, FetchJsonError};
use crate::limits::{Limit, LimitExceeded};
use crate::status::{
    check_credential_status, entry_method, list_url, status_entries, StatusMethod,
};

/// `status`: every entry checked; `proof_verified` says whether the
/// credential's own proof verified (no list is fetched for a credential that
/// is not authentic).
pub(super) fn status(ctx: &Ctx<'_>, value: &Value, depth: usize, proof_verified: bool) -> Check {
    let entries = status_entries(value);
    if entries.is_empty() {
        return match value.get("credentialStatus") {
            None | Some(Value::Null) => Check::skipped(CheckId::Status, "no credentialStatus"),
            Some(_) => Check::failed(
                CheckId::Status,
                "credentialStatus is neither an object nor an array of objects",
                Some("$.credentialStatus"),
            ),
        };
    }
    if ctx.options.status == StatusPolicy::Ignore {
        return Check::skipped(
            CheckId::Status,
            format!(
                "{} status entr{} NOT checked: the caller chose StatusPolicy::Ignore (a revoked or suspended credential is not detected)",
                entries.len(),
                if entries.len() == 1 { "y" } else { "ies" }
            ),
        );
    }
    let max = ctx.options.limits.max_status_entries;
    if entries.len() > max {
        let limit = LimitExceeded {
            limit: Limit::StatusEntries,
            max,
            found: Some(entries.len()),
        };
        return Check::failed_with(
            CheckId::Status,
            Evidence::LimitExceeded(limit),
            Some("$.credentialStatus"),
        );
    }
    if !proof_verified {
        return Check::skipped(
            CheckId::Status,
            "not checked: the credential's proof did not verify, so no status list is fetched for it",
        );
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
            entry_check(ctx, value, entry, &path, depth)
        })
        .collect();
    aggregate(CheckId::Status, children, Aggregate::AllPassed, false)
}

/// Whether `list_issuer` may publish status for `credential_issuer`'s credentials.
fn may_publish(options: &VerifyOptions, credential_issuer: &str, list_issuer: &str) -> bool {
    credential_issuer == list_issuer
        || options
            .status_list_delegates
            .get(credential_issuer)
            .is_some_and(|d| d.contains(list_issuer))
}

fn entry_check(
    ctx: &Ctx<'_>,
    credential: &Value,
    entry: &Value,
    path: &str,
    depth: usize,
) -> Check {
    let failed = |reason: String| Check::failed(CheckId::Status, reason, Some(path));
    let undetermined = |reason: String| {
        Check::indeterminate(CheckId::Status, reason.clone()).with_evidence(
            Evidence::StatusNotChecked {
                list: list_url(entry).ok().map(str::to_owned),
                reason,
            },
        )
    };
    let url = match list_url(entry) {
        Ok(u) => u,
        Err(e) => return failed(e.to_string()),
    };
    let method = match entry_method(entry) {
        Ok(m) => m,
        Err(e) => return failed(e.to_string()),
    };
    let Some(cred_issuer) = issuer_id(credential) else {
        return failed(
            "the credential has no issuer id, so no status list can be bound to it".into(),
        );
    };
    let limits = &ctx.options.limits;
    let list = match fetch_json(ctx.fetcher(), url, limits) {
        Ok(l) => l,
        Err(FetchJsonError::Fetch(FetchError::Offline { .. })) => {
            return undetermined(format!(
                "status not checked: no fetcher configured for the status list {url}"
            ))
        }
        Err(FetchJsonError::Status { status, .. }) => {
            return undetermined(format!(
                "status not checked: the status list {url} answered HTTP {status}"
            ))
        }
        Err(FetchJsonError::Json { source, .. }) => {
            return failed(format!(
                "the status list {url} is not usable JSON: {source}"
            ))
        }
        Err(e) => return undetermined(format!("status not checked: {e}")),
    };
    if method == StatusMethod::RevocationList1EdTech {
        if let Some(list_issuer) = issuer_id(&list) {
            if !may_publish(ctx.options, cred_issuer, list_issuer) {
                return failed(format!(
                    "the 1EdTechRevocationList {url} is issued by {list_issuer}, not by the credential's issuer {cred_issuer}"
                ))
                .with_evidence(Evidence::StatusListNotIssuers {
                    list: url.to_owned(),
                    list_issuer: list_issuer.to_owned(),
                    issuer: cred_issuer.to_owned(),
                });
            }
        }
        return read_list(
            credential,
            entry,
            &list,
            url,
            path,
            limits,
            Vec::new(),
            "the 1EdTechRevocationList carries no proof: read as served, unsigned",
        );
    }

    let report = ctx.status_list_report(url, &list, || {
        verify_document(ctx, &list, Kind::StatusList, depth)
    });
    let list_checks = report.checks.clone();
    match report.verdict() {
        Verdict::Valid => {}
        Verdict::Invalid => {
            let head = report
                .most_specific()
                .map(|c| format!("{}: {}", c.id, c.outcome.reason().unwrap_or_default()))
                .unwrap_or_default();
            let check = report.most_specific().map_or(CheckId::Format, |c| c.id);
            return failed(format!(
                "the status list credential {url} does not verify ({head})"
            ))
            .with_evidence(Evidence::StatusListInvalid {
                list: url.to_owned(),
                check,
            })
            .with_children(list_checks);
        }
        Verdict::Indeterminate => {
            let names: Vec<&str> = report
                .unverified_required()
                .iter()
                .map(|c| c.name())
                .collect();
            let why = report
                .first_unverified()
                .and_then(|c| c.outcome.reason())
                .unwrap_or_default()
                .to_owned();
            return undetermined(format!(
                "status not checked: the status list credential {url} could not be verified (not verified: {}; {why})",
                names.join(", ")
            ))
            .with_children(list_checks);
        }
    }
    let Some(list_issuer) = issuer_id(&list) else {
        return failed(format!("the status list credential {url} has no issuer id"))
            .with_children(list_checks);
    };
    if !may_publish(ctx.options, cred_issuer, list_issuer) {
        return failed(format!(
            "the status list credential {url} is issued by {list_issuer}, not by the credential's issuer {cred_issuer} (nor by a delegate the caller trusts for it)"
        ))
        .with_evidence(Evidence::StatusListNotIssuers {
            list: url.to_owned(),
            list_issuer: list_issuer.to_owned(),
            issuer: cred_issuer.to_owned(),
        })
        .with_children(list_checks);
    }
    match list.get("id").and_then(Value::as_str) {
        Some(id) if id == url => {}
        other => {
            return failed(format!(
                "the status list credential served at {url} has id {}, not the statusListCredential URL",
                other.map_or_else(|| "none".to_owned(), |s| format!("{s:?}"))
            ))
            .with_evidence(Evidence::StatusListWrongId {
                list: url.to_owned(),
                found: other.map(str::to_owned),
            })
            .with_children(list_checks)
        }
    }
    read_list(
        credential,
        entry,
        &list,
        url,
        path,
        limits,
        list_checks,
        "list credential verified, issued by the credential's issuer",
    )
}

#[allow(clippy::too_many_arguments)]
fn read_list(
    credential: &Value,
    entry: &Value,
    list: &Value,
    url: &str,
    path: &str,
    limits: &crate::limits::Limits,
    list_checks: Vec<Check>,
    trust: &str,
) -> Check {
    let failed = |reason: String| Check::failed(CheckId::Status, reason, Some(path));
    let outcome = match check_credential_status(credential, entry, list, limits) {
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
        .with_evidence(Evidence::StatusSet {
            method: outcome.method.to_string(),
            purpose: outcome.purpose.to_string(),
            index: outcome.index,
            list: url.to_owned(),
        })
        .with_children(list_checks);
    }
    Check::passed(CheckId::Status)
        .with_detail(format!(
            "{}: statusPurpose {} not set{index} in {url}; {trust}",
            outcome.method, outcome.purpose
        ))
        .with_children(list_checks)
}
