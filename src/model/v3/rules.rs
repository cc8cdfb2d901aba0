//! The OB 3.0 structure rules, in one place: required properties, JSON
//! types, cardinalities and class types of a credential, as the OB 3.0 JSON
//! Schemas and data model state them, each violation reported with a JSON
//! path.
//!
//! The verifier's structure check ([`mod@crate::verify`]) reports these
//! violations; the credential builders ([`super::CredentialBuilder`]) run
//! them on what they build, so a built credential always passes the check
//! the verifier runs. The typed model reads leniently and is tested to read
//! every document these rules accept (`tests/model_v3_rules.rs`).
//!
//! The rules are as lenient as the data model allows: a property the
//! schema types as an array may hold one value (JSON-LD), a `name` or
//! `description` may be a language value object, an `image` may be an IRI.
//! Where a node's `type` is wrong, that is reported once and the node is
//! not descended into (its other problems would only be a cascade of the
//! wrong type): the root cause comes first.
//!
//! Proofs are left to the proof check, `@context` to the context checks and
//! embedded endorsements (here only required to be objects) to their own
//! verification.
//!
//! ```
//! use openbadges::model::v3::rules::{check, Document};
//! let doc = serde_json::json!({
//!     "@context": ["https://www.w3.org/ns/credentials/v2",
//!                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
//!     "id": "urn:uuid:7e5b0000-0000-4000-8000-000000000001",
//!     "type": ["VerifiableCredential", "OpenBadgeCredential"],
//!     "issuer": {"id": "https://example.edu/issuers/1", "type": ["Profile"]},
//!     "validFrom": "2026-01-01T00:00:00Z",
//!     "credentialSubject": {
//!         "id": "did:example:learner", "type": ["AchievementSubject"],
//!         "achievement": {"id": "https://example.edu/a/1", "type": ["Achievement"],
//!                         "name": "Rust", "description": "Writes Rust."}
//!     }
//! });
//! let violations = check(&doc, Document::Credential);
//! assert_eq!(violations.len(), 1);
//! assert_eq!(violations[0].path, "$.credentialSubject.achievement.criteria");
//! assert_eq!(violations[0].reason, "required property criteria is missing");
//! ```

use serde_json::{Map, Value};

use crate::contexts::CREDENTIALS_V1;
use crate::ids::{DateTime, Iri};
use crate::json::{strings, Path};

/// What kind of document the rules are applied to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Document {
    /// An OB 3.0 credential: an `OpenBadgeCredential` /
    /// `AchievementCredential`, or an `EndorsementCredential` when its
    /// `type` says so.
    Credential,
    /// An endorsement, which must be an `EndorsementCredential`.
    Endorsement,
    /// A Bitstring Status List or StatusList2021 credential.
    StatusList,
}

/// One broken rule: where and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason} (at {path})")]
#[non_exhaustive]
pub struct Violation {
    /// JSON path of the value at fault (`$`, `$.credentialSubject.achievement`, …).
    pub path: String,
    /// What is wrong there.
    pub reason: String,
}

/// Applies the OB 3.0 structure rules for `kind` to `value`; the violations
/// in document order (empty when the document follows every rule).
///
/// Embedded endorsements are held to the [`Document::Endorsement`] rules,
/// their violations reported at their paths inside this document.
pub fn check(value: &Value, kind: Document) -> Vec<Violation> {
    run(value, kind, true)
}

/// As [`check`], but embedded endorsements are only required to be objects:
/// the verifier applies the endorsement rules to each in its own report
/// (an endorsement's defect is the endorsement's, not the endorsed
/// credential's).
pub(crate) fn check_without_endorsements(value: &Value, kind: Document) -> Vec<Violation> {
    run(value, kind, false)
}

fn run(value: &Value, kind: Document, endorsements: bool) -> Vec<Violation> {
    let mut s = Structure {
        out: Vec::new(),
        endorsements,
    };
    match kind {
        Document::Credential | Document::Endorsement => s.credential(value, &Path::Root, kind),
        Document::StatusList => s.status_list(value, &Path::Root),
    }
    s.out
}

/// The values of a property that may hold one value or an array, with the
/// JSON path of each.
fn one_or_many<'v, 'p>(v: &'v Value, path: &'p Path<'p>) -> Vec<(Path<'p>, &'v Value)> {
    match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (path.index(i), item))
            .collect(),
        other => vec![(*path, other)],
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

struct Structure {
    out: Vec<Violation>,
    /// Whether embedded endorsements are checked here (see [`check`]).
    endorsements: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Req {
    Required,
    Optional,
}
use Req::{Optional, Required};

impl Structure {
    fn fail(&mut self, path: &Path<'_>, reason: impl Into<String>) {
        self.out.push(Violation {
            path: path.to_string(),
            reason: reason.into(),
        });
    }

    fn obj<'v>(
        &mut self,
        v: &'v Value,
        path: &Path<'_>,
        class: &str,
    ) -> Option<&'v Map<String, Value>> {
        match v.as_object() {
            Some(m) => Some(m),
            None => {
                self.fail(
                    path,
                    format!("{path} must be a {class} object, found {}", json_kind(v)),
                );
                None
            }
        }
    }

    /// The value of `key`, failing when it is required and absent.
    fn get<'v, 'p>(
        &mut self,
        m: &'v Map<String, Value>,
        key: &'p str,
        path: &'p Path<'p>,
        req: Req,
    ) -> Option<(Path<'p>, &'v Value)> {
        let p = path.key(key);
        match m.get(key) {
            Some(v) => Some((p, v)),
            None => {
                if req == Required {
                    self.fail(&p, format!("required property {key} is missing"));
                }
                None
            }
        }
    }

    /// A scalar property whose JSON kind `is` must accept (`what`: "a string").
    fn scalar(
        &mut self,
        m: &Map<String, Value>,
        key: &str,
        path: &Path<'_>,
        req: Req,
        is: fn(&Value) -> bool,
        what: &str,
    ) {
        if let Some((p, v)) = self.get(m, key, path, req) {
            if !is(v) {
                self.fail(&p, format!("{key} must be {what}, found {}", json_kind(v)));
            }
        }
    }

    fn string(&mut self, m: &Map<String, Value>, key: &str, path: &Path<'_>, req: Req) {
        self.scalar(m, key, path, req, Value::is_string, "a string");
    }

    fn strings(&mut self, m: &Map<String, Value>, key: &str, path: &Path<'_>) {
        if let Some((p, v)) = self.get(m, key, path, Optional) {
            for (ip, item) in one_or_many(v, &p) {
                if !item.is_string() {
                    self.fail(
                        &ip,
                        format!("{key} must hold strings, found {}", json_kind(item)),
                    );
                }
            }
        }
    }

    fn number(&mut self, m: &Map<String, Value>, key: &str, path: &Path<'_>, req: Req) {
        self.scalar(m, key, path, req, Value::is_number, "a number");
    }

    fn boolean(&mut self, m: &Map<String, Value>, key: &str, path: &Path<'_>, req: Req) {
        self.scalar(m, key, path, req, Value::is_boolean, "a boolean");
    }

    fn iri(&mut self, m: &Map<String, Value>, key: &str, path: &Path<'_>, req: Req) {
        if let Some((p, v)) = self.get(m, key, path, req) {
            self.iri_value(v, &p, key);
        }
    }

    fn iri_value(&mut self, v: &Value, p: &Path<'_>, key: &str) {
        match v.as_str() {
            Some(s) => {
                if let Err(e) = Iri::check(s) {
                    self.fail(p, format!("{key} must be an IRI: {e}"));
                }
            }
            None => self.fail(
                p,
                format!("{key} must be an IRI string, found {}", json_kind(v)),
            ),
        }
    }

    fn datetime(&mut self, m: &Map<String, Value>, key: &str, path: &Path<'_>, req: Req) {
        if let Some((p, v)) = self.get(m, key, path, req) {
            match v.as_str() {
                Some(s) if s.contains('T') && DateTime::new(s).is_ok() => {}
                Some(s) => self.fail(&p, format!("{key} must be an xsd:dateTime, found {s:?}")),
                None => self.fail(
                    &p,
                    format!("{key} must be a date-time string, found {}", json_kind(v)),
                ),
            }
        }
    }

    fn date_or_datetime(&mut self, m: &Map<String, Value>, key: &str, path: &Path<'_>) {
        let is_date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
        match m.get(key) {
            Some(Value::String(s)) if is_date(s) => {}
            Some(_) => self.datetime(m, key, path, Optional),
            None => {}
        }
    }

    /// A string, a JSON-LD value object (`{"@value": …}`), or a non-empty
    /// array of them (the model's `LangString`).
    fn lang_string(&mut self, m: &Map<String, Value>, key: &str, path: &Path<'_>, req: Req) {
        if let Some((p, v)) = self.get(m, key, path, req) {
            let ok = |x: &Value| match x {
                Value::String(_) => true,
                Value::Object(o) => o.get("@value").is_some_and(Value::is_string),
                _ => false,
            };
            let good = match v {
                Value::Array(items) => !items.is_empty() && items.iter().all(ok),
                other => ok(other),
            };
            if !good {
                self.fail(
                    &p,
                    format!(
                        "{key} must be a string (or language value objects), found {}",
                        json_kind(v)
                    ),
                );
            }
        }
    }

    /// Checks the node's `type` includes one of `any_of` (each element of
    /// `all_of` too). Returns false when the type is wrong, so the caller
    /// does not descend into a node of the wrong class.
    fn types(
        &mut self,
        m: &Map<String, Value>,
        path: &Path<'_>,
        class: &str,
        any_of: &[&str],
        req: Req,
    ) -> bool {
        let p = path.key("type");
        let Some(v) = m.get("type") else {
            if req == Required {
                self.fail(
                    &p,
                    format!(
                        "required property type is missing (a {class} must have type {})",
                        any_of.join(" or ")
                    ),
                );
            }
            return true;
        };
        let bad_shape = match v {
            Value::String(_) => false,
            Value::Array(items) => items.is_empty() || items.iter().any(|i| !i.is_string()),
            _ => true,
        };
        if bad_shape {
            self.fail(
                &p,
                format!(
                    "type must be a string or a non-empty array of strings, found {}",
                    json_kind(v)
                ),
            );
            return false;
        }
        let names = strings(Some(v));
        if !names.iter().any(|n| any_of.contains(n)) {
            self.fail(
                &p,
                format!(
                    "{class} type must include {}, found {}",
                    any_of.join(" or "),
                    v
                ),
            );
            return false;
        }
        true
    }

    /// Runs `f` on each object of a one-or-many property.
    fn each(
        &mut self,
        m: &Map<String, Value>,
        key: &str,
        path: &Path<'_>,
        req: Req,
        f: fn(&mut Self, &Value, &Path<'_>),
    ) {
        if let Some((p, v)) = self.get(m, key, path, req) {
            if let Value::Array(a) = v {
                if a.is_empty() && req == Required {
                    self.fail(&p, format!("{key} must not be empty"));
                }
            }
            for (ip, item) in one_or_many(v, &p) {
                f(self, item, &ip);
            }
        }
    }

    /// Runs `f` on a property that holds one value (an array is refused).
    fn one(
        &mut self,
        m: &Map<String, Value>,
        key: &str,
        path: &Path<'_>,
        f: fn(&mut Self, &Value, &Path<'_>),
    ) {
        if let Some((p, v)) = self.get(m, key, path, Optional) {
            if v.is_array() {
                self.fail(&p, format!("{key} must be one value, found an array"));
            } else {
                f(self, v, &p);
            }
        }
    }

    /// A `type` that must be present and be a string or an array of strings.
    fn type_present(&mut self, m: &Map<String, Value>, path: &Path<'_>) {
        let p = path.key("type");
        match m.get("type") {
            None => self.fail(&p, "required property type is missing"),
            Some(Value::String(_)) => {}
            Some(Value::Array(a)) if !a.is_empty() && a.iter().all(Value::is_string) => {}
            Some(v) => self.fail(
                &p,
                format!(
                    "type must be a string or a non-empty array of strings, found {}",
                    json_kind(v)
                ),
            ),
        }
    }

    fn credential(&mut self, v: &Value, path: &Path<'_>, kind: Document) {
        let label = if kind == Document::Endorsement {
            "EndorsementCredential"
        } else {
            "credential"
        };
        let Some(m) = self.obj(v, path, label) else {
            return;
        };
        let endorsement = match kind {
            Document::Endorsement => true,
            _ => strings(m.get("type")).contains(&"EndorsementCredential"),
        };
        let (class, wanted): (&str, &[&str]) = if endorsement {
            ("EndorsementCredential", &["EndorsementCredential"])
        } else {
            (
                "OpenBadgeCredential",
                &["OpenBadgeCredential", "AchievementCredential"],
            )
        };
        if !self.types(m, path, class, wanted, Required) {
            return;
        }
        if !strings(m.get("type")).contains(&"VerifiableCredential") {
            self.fail(
                &path.key("type"),
                "credential type must include VerifiableCredential",
            );
            return;
        }
        self.iri(m, "id", path, Required);
        let name_req = if endorsement { Required } else { Optional };
        self.lang_string(m, "name", path, name_req);
        self.lang_string(m, "description", path, Optional);
        match self.get(m, "issuer", path, Required) {
            Some((p, Value::String(_))) => {
                if let Some(iv) = m.get("issuer") {
                    self.iri_value(iv, &p, "issuer");
                }
            }
            Some((p, iv)) => self.profile(iv, &p),
            None => {}
        }
        let vc1 = match m.get("@context") {
            Some(Value::Array(a)) => a.first().and_then(Value::as_str) == Some(CREDENTIALS_V1),
            Some(Value::String(s)) => s == CREDENTIALS_V1,
            _ => false,
        };
        if vc1 {
            self.datetime(m, "issuanceDate", path, Required);
            self.datetime(m, "validFrom", path, Optional);
            self.datetime(m, "expirationDate", path, Optional);
        } else {
            self.datetime(m, "validFrom", path, Required);
        }
        self.datetime(m, "validUntil", path, Optional);
        self.datetime(m, "awardedDate", path, Optional);
        if endorsement {
            self.each(
                m,
                "credentialSubject",
                path,
                Required,
                Self::endorsement_subject,
            );
        } else {
            self.each(
                m,
                "credentialSubject",
                path,
                Required,
                Self::achievement_subject,
            );
        }
        self.one(m, "image", path, Self::image);
        self.each(m, "evidence", path, Optional, Self::evidence);
        self.each(m, "credentialSchema", path, Optional, Self::id_and_type);
        self.each(m, "credentialStatus", path, Optional, Self::typed_node);
        self.each(m, "refreshService", path, Optional, Self::id_and_type);
        self.each(m, "termsOfUse", path, Optional, Self::typed_node);
        self.each(
            m,
            "endorsement",
            path,
            Optional,
            Self::endorsement_is_object,
        );
        self.strings(m, "endorsementJwt", path);
    }

    fn status_list(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "status list credential") else {
            return;
        };
        if !self.types(
            m,
            path,
            "status list credential",
            &["BitstringStatusListCredential", "StatusList2021Credential"],
            Required,
        ) {
            return;
        }
        match self.get(m, "issuer", path, Required) {
            Some((p, Value::Object(o))) => self.iri(o, "id", &p, Required),
            Some((p, iv)) => self.iri_value(iv, &p, "issuer"),
            None => {}
        }
        if let Some((p, cs)) = self.get(m, "credentialSubject", path, Required) {
            self.obj(cs, &p, "credentialSubject");
        }
        self.datetime(m, "validFrom", path, Optional);
        self.datetime(m, "validUntil", path, Optional);
        self.datetime(m, "issuanceDate", path, Optional);
        self.datetime(m, "expirationDate", path, Optional);
    }

    fn endorsement_is_object(&mut self, v: &Value, path: &Path<'_>) {
        if self.endorsements {
            self.credential(v, path, Document::Endorsement);
        } else {
            // Verified recursively with its own report; here only its shape.
            self.obj(v, path, "EndorsementCredential");
        }
    }

    fn id_and_type(&mut self, v: &Value, path: &Path<'_>) {
        if let Some(m) = self.obj(v, path, "node") {
            self.iri(m, "id", path, Required);
            self.string(m, "type", path, Required);
        }
    }

    fn typed_node(&mut self, v: &Value, path: &Path<'_>) {
        if let Some(m) = self.obj(v, path, "node") {
            self.type_present(m, path);
            self.iri(m, "id", path, Optional);
        }
    }

    fn profile(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "Profile") else {
            return;
        };
        if !self.types(m, path, "Profile", &["Profile"], Required) {
            return;
        }
        self.iri(m, "id", path, Required);
        self.iri(m, "url", path, Optional);
        for key in [
            "name",
            "description",
            "email",
            "phone",
            "official",
            "familyName",
            "givenName",
            "additionalName",
            "patronymicName",
            "honorificPrefix",
            "honorificSuffix",
            "familyNamePrefix",
        ] {
            self.string(m, key, path, Optional);
        }
        self.date_or_datetime(m, "dateOfBirth", path);
        self.one(m, "image", path, Self::image);
        self.one(m, "address", path, Self::address);
        self.each(m, "otherIdentifier", path, Optional, Self::identifier_entry);
        self.one(m, "parentOrg", path, Self::profile_or_iri);
        self.each(
            m,
            "endorsement",
            path,
            Optional,
            Self::endorsement_is_object,
        );
        self.strings(m, "endorsementJwt", path);
    }

    /// A profile embedded, or referenced by IRI.
    fn profile_or_iri(&mut self, v: &Value, path: &Path<'_>) {
        if v.is_string() {
            self.iri_value(v, path, "profile");
        } else {
            self.profile(v, path);
        }
    }

    fn achievement_subject(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "AchievementSubject") else {
            return;
        };
        if !self.types(
            m,
            path,
            "AchievementSubject",
            &["AchievementSubject"],
            Required,
        ) {
            return;
        }
        self.iri(m, "id", path, Optional);
        if !m.contains_key("id") && !m.contains_key("identifier") {
            self.fail(
                &path.key("id"),
                "an AchievementSubject needs an id or at least one identifier",
            );
        }
        if let Some((p, a)) = self.get(m, "achievement", path, Required) {
            self.achievement(a, &p);
        }
        self.each(m, "identifier", path, Optional, Self::identity_object);
        self.each(m, "result", path, Optional, Self::result);
        self.one(m, "source", path, Self::profile_or_iri);
        self.one(m, "image", path, Self::image);
        self.number(m, "creditsEarned", path, Optional);
        // DateTime in the data model; a plain xsd:date is accepted here (seen
        // in real badges and in the interop fixtures: no time of day is known).
        self.date_or_datetime(m, "activityStartDate", path);
        self.date_or_datetime(m, "activityEndDate", path);
        for key in ["narrative", "role", "term", "licenseNumber"] {
            self.string(m, key, path, Optional);
        }
    }

    fn endorsement_subject(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "EndorsementSubject") else {
            return;
        };
        if !self.types(
            m,
            path,
            "EndorsementSubject",
            &["EndorsementSubject"],
            Required,
        ) {
            return;
        }
        self.iri(m, "id", path, Required);
        self.string(m, "endorsementComment", path, Optional);
    }

    fn achievement(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "Achievement") else {
            return;
        };
        if !self.types(m, path, "Achievement", &["Achievement"], Required) {
            return;
        }
        self.iri(m, "id", path, Required);
        self.string(m, "name", path, Required);
        self.string(m, "description", path, Required);
        if let Some((p, c)) = self.get(m, "criteria", path, Required) {
            self.criteria(c, &p);
        }
        self.string(m, "achievementType", path, Optional);
        self.each(m, "alignment", path, Optional, Self::alignment);
        self.one(m, "creator", path, Self::profile_or_iri);
        self.number(m, "creditsAvailable", path, Optional);
        self.one(m, "image", path, Self::image);
        self.each(m, "otherIdentifier", path, Optional, Self::identifier_entry);
        self.each(m, "related", path, Optional, Self::related);
        self.each(
            m,
            "resultDescription",
            path,
            Optional,
            Self::result_description,
        );
        self.strings(m, "tag", path);
        for key in [
            "fieldOfStudy",
            "humanCode",
            "specialization",
            "version",
            "inLanguage",
        ] {
            self.string(m, key, path, Optional);
        }
        self.each(
            m,
            "endorsement",
            path,
            Optional,
            Self::endorsement_is_object,
        );
        self.strings(m, "endorsementJwt", path);
    }

    fn criteria(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "Criteria") else {
            return;
        };
        self.iri(m, "id", path, Optional);
        self.string(m, "narrative", path, Optional);
        if !m.contains_key("id") && !m.contains_key("narrative") {
            self.fail(path, "Criteria needs an id or a narrative");
        }
    }

    fn alignment(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "Alignment") else {
            return;
        };
        if !self.types(m, path, "Alignment", &["Alignment"], Required) {
            return;
        }
        self.string(m, "targetName", path, Required);
        self.iri(m, "targetUrl", path, Required);
        for key in [
            "targetCode",
            "targetDescription",
            "targetFramework",
            "targetType",
        ] {
            self.string(m, key, path, Optional);
        }
    }

    fn identity_object(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "IdentityObject") else {
            return;
        };
        if !self.types(m, path, "IdentityObject", &["IdentityObject"], Required) {
            return;
        }
        self.boolean(m, "hashed", path, Required);
        self.string(m, "identityHash", path, Required);
        self.string(m, "identityType", path, Required);
        self.string(m, "salt", path, Optional);
    }

    fn evidence(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "Evidence") else {
            return;
        };
        if !self.types(m, path, "Evidence", &["Evidence"], Required) {
            return;
        }
        self.iri(m, "id", path, Optional);
        for key in ["narrative", "genre", "audience", "name", "description"] {
            self.string(m, key, path, Optional);
        }
    }

    fn image(&mut self, v: &Value, path: &Path<'_>) {
        if v.is_string() {
            self.iri_value(v, path, "image");
            return;
        }
        let Some(m) = self.obj(v, path, "Image") else {
            return;
        };
        if !self.types(m, path, "Image", &["Image"], Required) {
            return;
        }
        self.iri(m, "id", path, Required);
        self.string(m, "caption", path, Optional);
    }

    fn identifier_entry(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "IdentifierEntry") else {
            return;
        };
        if !self.types(m, path, "IdentifierEntry", &["IdentifierEntry"], Required) {
            return;
        }
        self.string(m, "identifier", path, Required);
        self.string(m, "identifierType", path, Required);
    }

    fn related(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "Related") else {
            return;
        };
        if !self.types(m, path, "Related", &["Related"], Required) {
            return;
        }
        self.iri(m, "id", path, Required);
    }

    fn result(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "Result") else {
            return;
        };
        if !self.types(m, path, "Result", &["Result"], Required) {
            return;
        }
        self.iri(m, "achievedLevel", path, Optional);
        self.iri(m, "resultDescription", path, Optional);
        for key in ["status", "value"] {
            self.string(m, key, path, Optional);
        }
        self.each(m, "alignment", path, Optional, Self::alignment);
    }

    fn result_description(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "ResultDescription") else {
            return;
        };
        if !self.types(
            m,
            path,
            "ResultDescription",
            &["ResultDescription"],
            Required,
        ) {
            return;
        }
        self.iri(m, "id", path, Required);
        self.string(m, "name", path, Required);
        self.string(m, "resultType", path, Required);
        self.iri(m, "requiredLevel", path, Optional);
        for key in ["requiredValue", "valueMax", "valueMin"] {
            self.string(m, key, path, Optional);
        }
        self.strings(m, "allowedValue", path);
        self.each(m, "alignment", path, Optional, Self::alignment);
        self.each(
            m,
            "rubricCriterionLevel",
            path,
            Optional,
            Self::rubric_level,
        );
    }

    fn rubric_level(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "RubricCriterionLevel") else {
            return;
        };
        if !self.types(
            m,
            path,
            "RubricCriterionLevel",
            &["RubricCriterionLevel"],
            Required,
        ) {
            return;
        }
        self.iri(m, "id", path, Required);
        self.string(m, "name", path, Required);
        for key in ["description", "level", "points"] {
            self.string(m, key, path, Optional);
        }
        self.each(m, "alignment", path, Optional, Self::alignment);
    }

    fn address(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "Address") else {
            return;
        };
        if !self.types(m, path, "Address", &["Address"], Required) {
            return;
        }
        for key in [
            "addressCountry",
            "addressCountryCode",
            "addressRegion",
            "addressLocality",
            "streetAddress",
            "postOfficeBoxNumber",
            "postalCode",
        ] {
            self.string(m, key, path, Optional);
        }
        self.one(m, "geo", path, Self::geo);
    }

    fn geo(&mut self, v: &Value, path: &Path<'_>) {
        let Some(m) = self.obj(v, path, "GeoCoordinates") else {
            return;
        };
        if !self.types(m, path, "GeoCoordinates", &["GeoCoordinates"], Required) {
            return;
        }
        self.number(m, "latitude", path, Required);
        self.number(m, "longitude", path, Required);
    }
}
