//! The structural check: the OB 3.0 structure rules of
//! [`crate::model::v3::rules`] (their one home, shared with the credential
//! builders), reported as one check with a JSON path per violation.

use serde_json::Value;

use super::report::{Check, CheckId, Outcome};
use super::Kind;
use crate::model::v3::rules::{self, Document};

/// Runs the structural check on a credential of `kind`.
pub(super) fn check(value: &Value, kind: Kind) -> Check {
    let document = match kind {
        Kind::Credential => Document::Credential,
        Kind::Endorsement => Document::Endorsement,
        Kind::StatusList => Document::StatusList,
    };
    let mut out: Vec<Check> = rules::check_without_endorsements(value, document)
        .into_iter()
        .map(|v| Check::failed(CheckId::Structure, v.reason, Some(&v.path)))
        .collect();
    match out.len() {
        0 => Check::passed(CheckId::Structure),
        1 => out
            .pop()
            .unwrap_or_else(|| Check::passed(CheckId::Structure)),
        n => {
            let (reason, path) = first_failure(&out);
            Check::failed(
                CheckId::Structure,
                format!("{n} structural problems; first: {reason}"),
                path.as_deref(),
            )
            .with_children(out)
        }
    }
}

fn first_failure(checks: &[Check]) -> (String, Option<String>) {
    match checks.first().map(|c| &c.outcome) {
        Some(Outcome::Failed { reason, json_path }) => (reason.clone(), json_path.clone()),
        _ => (String::new(), None),
    }
}

/// The strings of a `type` value (one string or an array of strings).
pub(super) fn type_names(v: Option<&Value>) -> Vec<&str> {
    crate::json::strings(v)
}
