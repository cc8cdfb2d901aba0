//! VC-JWT for Open Badges 3.0 (and `endorsementJwt`): the credential secured
//! as a compact JWS, as OB 3.0 §8.2 "JSON Web Token Proof Format" maps it.
//!
//! | JOSE header | |
//! |---|---|
//! | `alg` | `EdDSA`, `ES256` or `RS256` (OB 3.0 requires RS256 as a minimum) |
//! | `kid` and/or `jwk` | a key URI, or the public key itself (never with `d`) |
//! | `typ` | `JWT` when present (OB 3.0); `vc+jwt` and `vc+ld+json+jwt` (VC-JOSE-COSE drafts) are also read |
//!
//! | claim | credential property |
//! |---|---|
//! | `iss` | `issuer.id` (or `issuer` as a string) |
//! | `jti` | `id` |
//! | `nbf` | `validFrom` (VC 1.1: `issuanceDate`), NumericDate seconds |
//! | `sub` | `credentialSubject.id` |
//! | `exp` | `validUntil` (VC 1.1: `expirationDate`), required when it is set |
//! | `iat` | optional, not tied to the credential |
//!
//! Two payload forms are read ([`VcJwtForm`]): OB 3.0's, where the payload
//! *is* the credential with the claims beside its properties, and VC 1.1's,
//! where the credential is the `vc` claim. [`sign_vc_jwt`] writes the OB 3.0
//! form unless told otherwise.
//!
//! Verification is split so a verifier can report each step:
//! [`VcJwt::parse`] (header safety, payload JSON, form), then the key
//! (see [`super::binding`]), [`VcJwt::verify_signature`],
//! [`VcJwt::claim_problems`] (every claim that disagrees with the
//! credential) and, at a time the caller chooses, [`VcJwt::check_time`].

use core::fmt;

use serde_json::{Map, Value};

use super::jws::{parse_unique_object, sign_compact, Jws, JwsError};
use super::keys::{JosePublicKey, JwsSigner};
use crate::ids::DateTime;
use crate::limits::{JsonInputError, Limits};

/// The registered JWT claim names (RFC 7519 §4.1): removed from an OB 3.0
/// payload to give the credential.
pub const REGISTERED_CLAIMS: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// `typ` values accepted (compared case-insensitively, with or without `application/`).
pub const ACCEPTED_TYP: [&str; 3] = ["JWT", "vc+jwt", "vc+ld+json+jwt"];

/// Where the credential sits in the JWT payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VcJwtForm {
    /// OB 3.0: the payload is the credential, the claims beside its properties.
    Payload,
    /// VC 1.1: the credential is the value of the `vc` claim.
    VcClaim,
}

/// A JWT claim that maps to a credential property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `iss`: the issuer id.
    Iss,
    /// `sub`: the subject id.
    Sub,
    /// `jti`: the credential id.
    Jti,
    /// `nbf`: validFrom / issuanceDate.
    Nbf,
    /// `exp`: validUntil / expirationDate.
    Exp,
    /// `iat`: when the JWT was issued.
    Iat,
}

impl Claim {
    /// The claim name.
    pub fn name(self) -> &'static str {
        match self {
            Claim::Iss => "iss",
            Claim::Sub => "sub",
            Claim::Jti => "jti",
            Claim::Nbf => "nbf",
            Claim::Exp => "exp",
            Claim::Iat => "iat",
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A claim that disagrees with the credential, is missing, or is out of time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClaimError {
    /// A required claim is absent.
    #[error("JWT claim {claim} is missing (it must equal the credential's {field})")]
    Missing {
        /// The claim.
        claim: Claim,
        /// The credential property it mirrors.
        field: &'static str,
    },
    /// A claim of the wrong JSON type.
    #[error("JWT claim {claim} must be {expected}")]
    WrongType {
        /// The claim.
        claim: Claim,
        /// What it must be.
        expected: &'static str,
    },
    /// A claim whose value is not the credential's.
    #[error("JWT claim {claim} is {claim_value:?} but the credential's {field} is {}", match .credential_value { Some(v) => format!("{v:?}"), None => "absent".to_owned() })]
    Mismatch {
        /// The claim.
        claim: Claim,
        /// Its value (NumericDates as seconds).
        claim_value: String,
        /// The credential property.
        field: &'static str,
        /// The property's value (dates as seconds), `None` when absent.
        credential_value: Option<String>,
    },
    /// A credential date the claim is compared with is not a date-time.
    #[error("credential {field} {value:?} is not a valid date-time")]
    InvalidCredentialDate {
        /// The property.
        field: &'static str,
        /// Its value.
        value: String,
    },
    /// `nbf` is after `now`.
    #[error("JWT is not valid before {nbf} (now {now})")]
    NotYetValid {
        /// `nbf`, seconds.
        nbf: i64,
        /// The time checked, seconds.
        now: i64,
    },
    /// `exp` is at or before `now`.
    #[error("JWT expired at {exp} (now {now})")]
    Expired {
        /// `exp`, seconds.
        exp: i64,
        /// The time checked, seconds.
        now: i64,
    },
}

/// Why a VC-JWT could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VcJwtError {
    /// The JWS was refused (header safety, encoding, signature).
    #[error(transparent)]
    Jws(#[from] JwsError),
    /// `typ` is present and is not a JWT / VC-JWT type (RFC 8725 §3.11:
    /// a JWT of another kind must not pass for a credential).
    #[error("JOSE header typ {typ:?} is not a VC-JWT type (JWT, vc+jwt, vc+ld+json+jwt)")]
    UnexpectedType {
        /// The `typ` found.
        typ: String,
    },
    /// The payload is not acceptable JSON.
    #[error("JWT payload: {0}")]
    PayloadJson(JsonInputError),
    /// The payload is not a JSON object.
    #[error("JWT payload is not a JSON object")]
    PayloadNotObject,
    /// A member name appears twice in the payload (two `iss`, say).
    #[error("JWT payload has the member {name:?} twice")]
    DuplicatePayloadMember {
        /// The member.
        name: String,
    },
    /// The `vc` claim is not an object.
    #[error("JWT vc claim is not a JSON object")]
    VcClaimNotObject,
    /// The payload has both a `vc` claim and credential properties (`@context`).
    #[error("JWT payload has both a vc claim and a top-level @context: which is the credential?")]
    AmbiguousForm,
    /// The credential to sign is not a JSON object.
    #[error("credential to sign is not a JSON object")]
    CredentialNotObject,
    /// The credential to sign lacks a property a claim must mirror.
    #[error("credential to sign has no {field} (the {claim} claim mirrors it)")]
    MissingCredentialField {
        /// The property.
        field: &'static str,
        /// The claim.
        claim: Claim,
    },
    /// A claim the credential mirrors is wrong (see [`ClaimError`]).
    #[error(transparent)]
    Claim(#[from] ClaimError),
    /// The credential to sign already has a member named like a claim, with another value.
    #[error("credential to sign has a member {claim} whose value is not the one the claim takes")]
    ClaimCollision {
        /// The claim.
        claim: Claim,
    },
    /// The payload could not be serialized.
    #[error("JWT payload could not be serialized: {reason}")]
    Serialize {
        /// The serializer's message.
        reason: String,
    },
}

/// How the JOSE header names the verification key.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyReference {
    /// `kid`: a URI that dereferences to the key (a DID URL, a key URL, or a
    /// key id in the issuer's JWKS).
    Kid(String),
    /// `jwk`: the signer's public key (binds nothing by itself for a verifier).
    Jwk,
    /// Both `kid` and `jwk`.
    KidAndJwk(String),
}

/// Options of [`sign_vc_jwt`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct VcJwtOptions {
    /// How the key is named.
    pub key: KeyReference,
    /// `typ` (default `Some("JWT")`, as OB 3.0 says).
    pub typ: Option<String>,
    /// The payload form (default [`VcJwtForm::Payload`], OB 3.0).
    pub form: VcJwtForm,
    /// `iat`, seconds, when wanted (default none: OB 3.0 maps issuance to `nbf`).
    pub iat: Option<i64>,
}

impl VcJwtOptions {
    /// OB 3.0 defaults with this key reference.
    pub fn new(key: KeyReference) -> Self {
        VcJwtOptions {
            key,
            typ: Some("JWT".to_owned()),
            form: VcJwtForm::Payload,
            iat: None,
        }
    }

    /// Sets (or removes) `typ`.
    #[must_use]
    pub fn with_typ(mut self, typ: Option<String>) -> Self {
        self.typ = typ;
        self
    }

    /// Sets the payload form.
    #[must_use]
    pub fn with_form(mut self, form: VcJwtForm) -> Self {
        self.form = form;
        self
    }

    /// Sets `iat`.
    #[must_use]
    pub fn with_iat(mut self, iat: i64) -> Self {
        self.iat = Some(iat);
        self
    }
}

/// The claims of a VC-JWT, as far as they have the right types.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JwtClaims {
    /// `iss`.
    pub iss: Option<String>,
    /// `sub`.
    pub sub: Option<String>,
    /// `jti`.
    pub jti: Option<String>,
    /// `nbf`, seconds (a fractional NumericDate is floored).
    pub nbf: Option<i64>,
    /// `exp`, seconds (floored).
    pub exp: Option<i64>,
    /// `iat`, seconds (floored).
    pub iat: Option<i64>,
}

/// A NumericDate as whole seconds (floored); `None` when not a finite number in range.
fn numeric_date(v: &Value) -> Option<i64> {
    if let Some(i) = v.as_i64() {
        return Some(i);
    }
    let f = v.as_f64()?;
    // Within ±2^53 every float second is exact and fits i64.
    if f.is_finite() && f.abs() < 9.007_199_254_740_992e15 {
        #[allow(clippy::cast_possible_truncation)]
        return Some(f.floor() as i64);
    }
    None
}

fn string_claim(
    payload: &Map<String, Value>,
    claim: Claim,
    problems: &mut Vec<ClaimError>,
) -> Option<String> {
    match payload.get(claim.name()) {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            problems.push(ClaimError::WrongType {
                claim,
                expected: "a string",
            });
            None
        }
    }
}

fn date_claim(
    payload: &Map<String, Value>,
    claim: Claim,
    problems: &mut Vec<ClaimError>,
) -> Option<i64> {
    let v = payload.get(claim.name())?;
    let d = numeric_date(v);
    if d.is_none() {
        problems.push(ClaimError::WrongType {
            claim,
            expected: "a NumericDate (seconds since the epoch)",
        });
    }
    d
}

fn read_claims(payload: &Map<String, Value>) -> (JwtClaims, Vec<ClaimError>) {
    let mut problems = Vec::new();
    let claims = JwtClaims {
        iss: string_claim(payload, Claim::Iss, &mut problems),
        sub: string_claim(payload, Claim::Sub, &mut problems),
        jti: string_claim(payload, Claim::Jti, &mut problems),
        nbf: date_claim(payload, Claim::Nbf, &mut problems),
        exp: date_claim(payload, Claim::Exp, &mut problems),
        iat: date_claim(payload, Claim::Iat, &mut problems),
    };
    (claims, problems)
}

/// The issuer id of a credential: `issuer` as a string, or `issuer.id`.
pub fn credential_issuer_id(credential: &Value) -> Option<&str> {
    match credential.get("issuer") {
        Some(Value::String(s)) => Some(s),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str),
        _ => None,
    }
}

/// The subject ids of a credential (`credentialSubject` object or array).
fn subject_ids(credential: &Value) -> Vec<&str> {
    match credential.get("credentialSubject") {
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).into_iter().collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|s| s.get("id").and_then(Value::as_str))
            .collect(),
        _ => Vec::new(),
    }
}

/// A credential date property (`validFrom` then `issuanceDate`, say) as seconds.
fn credential_date(
    credential: &Value,
    fields: [&'static str; 2],
) -> Option<(&'static str, Result<i64, String>)> {
    fields.into_iter().find_map(|field| {
        let v = credential.get(field)?;
        let parsed = v
            .as_str()
            .and_then(|s| DateTime::new(s).ok())
            .map(|d| d.to_utc().timestamp())
            .ok_or_else(|| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
        Some((field, parsed))
    })
}

/// The claims a credential maps to (for signing).
fn claims_for(credential: &Value) -> Result<Vec<(Claim, Value)>, VcJwtError> {
    let iss = credential_issuer_id(credential).ok_or(VcJwtError::MissingCredentialField {
        field: "issuer.id",
        claim: Claim::Iss,
    })?;
    let jti =
        credential
            .get("id")
            .and_then(Value::as_str)
            .ok_or(VcJwtError::MissingCredentialField {
                field: "id",
                claim: Claim::Jti,
            })?;
    let (from_field, nbf) = credential_date(credential, ["validFrom", "issuanceDate"]).ok_or(
        VcJwtError::MissingCredentialField {
            field: "validFrom",
            claim: Claim::Nbf,
        },
    )?;
    let nbf = nbf.map_err(|value| ClaimError::InvalidCredentialDate {
        field: from_field,
        value,
    })?;
    let mut claims = vec![
        (Claim::Iss, Value::String(iss.to_owned())),
        (Claim::Jti, Value::String(jti.to_owned())),
        (Claim::Nbf, Value::from(nbf)),
    ];
    if let [sub] = subject_ids(credential).as_slice() {
        claims.push((Claim::Sub, Value::String((*sub).to_owned())));
    }
    if let Some((field, exp)) = credential_date(credential, ["validUntil", "expirationDate"]) {
        let exp = exp.map_err(|value| ClaimError::InvalidCredentialDate { field, value })?;
        claims.push((Claim::Exp, Value::from(exp)));
    }
    Ok(claims)
}

/// Signs `credential` as a VC-JWT (compact JWS) with `signer`.
///
/// The claims come from the credential (see the module docs); the
/// credential must have an issuer id, an `id` and `validFrom` (or
/// `issuanceDate`). An embedded Data Integrity proof, if any, is kept (OB 3.0
/// asks for it to be added before the JWT is made).
///
/// # Errors
/// [`VcJwtError::CredentialNotObject`], [`VcJwtError::MissingCredentialField`],
/// [`ClaimError::InvalidCredentialDate`], [`VcJwtError::ClaimCollision`], or
/// [`JwsError`] from signing.
pub fn sign_vc_jwt(
    credential: &Value,
    signer: &dyn JwsSigner,
    options: &VcJwtOptions,
) -> Result<String, VcJwtError> {
    let object = credential
        .as_object()
        .ok_or(VcJwtError::CredentialNotObject)?;
    let mut claims = claims_for(credential)?;
    if let Some(iat) = options.iat {
        claims.push((Claim::Iat, Value::from(iat)));
    }
    let payload = match options.form {
        VcJwtForm::Payload => {
            let mut payload = object.clone();
            for (claim, value) in claims {
                match payload.get(claim.name()) {
                    Some(existing) if *existing != value => {
                        return Err(VcJwtError::ClaimCollision { claim })
                    }
                    _ => {
                        payload.insert(claim.name().to_owned(), value);
                    }
                }
            }
            payload
        }
        VcJwtForm::VcClaim => {
            let mut payload = Map::new();
            for (claim, value) in claims {
                payload.insert(claim.name().to_owned(), value);
            }
            payload.insert("vc".to_owned(), credential.clone());
            payload
        }
    };
    let mut header = Map::new();
    if let Some(typ) = &options.typ {
        header.insert("typ".to_owned(), Value::String(typ.clone()));
    }
    match &options.key {
        KeyReference::Kid(kid) => {
            header.insert("kid".to_owned(), Value::String(kid.clone()));
        }
        KeyReference::Jwk => {
            header.insert("jwk".to_owned(), signer.public_key().to_jwk());
        }
        KeyReference::KidAndJwk(kid) => {
            header.insert("kid".to_owned(), Value::String(kid.clone()));
            header.insert("jwk".to_owned(), signer.public_key().to_jwk());
        }
    }
    let bytes = serde_json::to_vec(&payload).map_err(|e| VcJwtError::Serialize {
        reason: e.to_string(),
    })?;
    Ok(sign_compact(header, &bytes, signer)?)
}

fn typ_accepted(typ: &str) -> bool {
    let t = typ
        .get(..12)
        .filter(|p| p.eq_ignore_ascii_case("application/"))
        .map_or(typ, |_| typ.get(12..).unwrap_or_default());
    ACCEPTED_TYP.iter().any(|a| a.eq_ignore_ascii_case(t))
}

/// A parsed VC-JWT: header checked, payload read, signature not yet verified.
#[derive(Debug, Clone, PartialEq)]
pub struct VcJwt {
    jws: Jws,
    payload: Value,
    credential: Value,
    form: VcJwtForm,
    claims: JwtClaims,
    claim_type_problems: Vec<ClaimError>,
}

impl VcJwt {
    /// Parses a compact VC-JWT: the JWS header refusals (see
    /// [`Jws::parse`]), `typ`, the payload as JSON within `limits` (an object
    /// without duplicate members), and the form.
    ///
    /// # Errors
    /// [`VcJwtError::Jws`], [`VcJwtError::UnexpectedType`], the payload errors.
    pub fn parse(token: &str, limits: &Limits) -> Result<Self, VcJwtError> {
        let jws = Jws::parse(token, limits)?;
        if let Some(typ) = &jws.header().typ {
            if !typ_accepted(typ) {
                return Err(VcJwtError::UnexpectedType { typ: typ.clone() });
            }
        }
        let payload =
            match parse_unique_object(jws.payload(), limits).map_err(VcJwtError::PayloadJson)? {
                Ok(m) => m,
                Err(None) => return Err(VcJwtError::PayloadNotObject),
                Err(Some(name)) => return Err(VcJwtError::DuplicatePayloadMember { name }),
            };
        let (form, credential) = match payload.get("vc") {
            Some(_) if payload.contains_key("@context") => return Err(VcJwtError::AmbiguousForm),
            Some(Value::Object(vc)) => (VcJwtForm::VcClaim, Value::Object(vc.clone())),
            Some(_) => return Err(VcJwtError::VcClaimNotObject),
            None => {
                let mut c = payload.clone();
                for name in REGISTERED_CLAIMS {
                    c.remove(name);
                }
                (VcJwtForm::Payload, Value::Object(c))
            }
        };
        let (claims, claim_type_problems) = read_claims(&payload);
        Ok(VcJwt {
            jws,
            payload: Value::Object(payload),
            credential,
            form,
            claims,
            claim_type_problems,
        })
    }

    /// The parsed JWS (header, payload bytes, signature).
    pub fn jws(&self) -> &Jws {
        &self.jws
    }

    /// The checked JOSE header.
    pub fn header(&self) -> &super::jws::JoseHeader {
        self.jws.header()
    }

    /// The whole payload as received (claims included).
    pub fn payload(&self) -> &Value {
        &self.payload
    }

    /// The credential: the payload without the registered claims
    /// ([`REGISTERED_CLAIMS`]) in the OB 3.0 form, the `vc` claim in the VC
    /// 1.1 form. Run the verifier's other checks on this.
    pub fn credential(&self) -> &Value {
        &self.credential
    }

    /// The credential, by value.
    pub fn into_credential(self) -> Value {
        self.credential
    }

    /// Which form the payload has.
    pub fn form(&self) -> VcJwtForm {
        self.form
    }

    /// The claims (those of the right type).
    pub fn claims(&self) -> &JwtClaims {
        &self.claims
    }

    /// The credential's issuer id (what the key must be bound to).
    pub fn issuer_id(&self) -> Option<&str> {
        credential_issuer_id(&self.credential)
    }

    /// Verifies the signature with `key`.
    ///
    /// # Errors
    /// [`JwsError::AlgorithmKeyMismatch`], [`JwsError::SignatureLength`],
    /// [`JwsError::BadSignature`].
    pub fn verify_signature(&self, key: &JosePublicKey) -> Result<(), JwsError> {
        self.jws.verify(key)
    }

    /// Every claim that has the wrong type, is missing, or disagrees with
    /// the credential (OB 3.0 §8.2.4.2), in the order `iss`, `sub`, `nbf`,
    /// `jti`, `exp`. Empty when all agree.
    ///
    /// `sub` is required only when the credential has a subject id (OB 3.0
    /// makes `credentialSubject.id` optional); with several subjects it must
    /// name one of them. `exp` is required when `validUntil` /
    /// `expirationDate` is set; an `exp` without one still counts for
    /// [`VcJwt::check_time`].
    pub fn claim_problems(&self) -> Vec<ClaimError> {
        let mut problems = self.claim_type_problems.clone();
        let c = &self.credential;
        let has_type_problem = |claim: Claim| {
            self.claim_type_problems
                .iter()
                .any(|p| matches!(p, ClaimError::WrongType { claim: c, .. } if *c == claim))
        };
        // iss
        let issuer = credential_issuer_id(c);
        match (&self.claims.iss, issuer) {
            (None, _) if has_type_problem(Claim::Iss) => {}
            (None, _) => problems.push(ClaimError::Missing {
                claim: Claim::Iss,
                field: "issuer.id",
            }),
            (Some(iss), Some(id)) if iss == id => {}
            (Some(iss), id) => problems.push(ClaimError::Mismatch {
                claim: Claim::Iss,
                claim_value: iss.clone(),
                field: "issuer.id",
                credential_value: id.map(str::to_owned),
            }),
        }
        // sub
        let subjects = subject_ids(c);
        match (&self.claims.sub, subjects.as_slice()) {
            (None, _) if has_type_problem(Claim::Sub) => {}
            (None, []) => {}
            (None, _) => problems.push(ClaimError::Missing {
                claim: Claim::Sub,
                field: "credentialSubject.id",
            }),
            (Some(sub), ids) if ids.contains(&sub.as_str()) => {}
            (Some(sub), ids) => problems.push(ClaimError::Mismatch {
                claim: Claim::Sub,
                claim_value: sub.clone(),
                field: "credentialSubject.id",
                credential_value: (!ids.is_empty()).then(|| ids.join(", ")),
            }),
        }
        // nbf
        self.date_problem(
            Claim::Nbf,
            self.claims.nbf,
            ["validFrom", "issuanceDate"],
            true,
            has_type_problem(Claim::Nbf),
            &mut problems,
        );
        // jti
        let id = c.get("id").and_then(Value::as_str);
        match (&self.claims.jti, id) {
            (None, _) if has_type_problem(Claim::Jti) => {}
            (None, _) => problems.push(ClaimError::Missing {
                claim: Claim::Jti,
                field: "id",
            }),
            (Some(jti), Some(id)) if jti == id => {}
            (Some(jti), id) => problems.push(ClaimError::Mismatch {
                claim: Claim::Jti,
                claim_value: jti.clone(),
                field: "id",
                credential_value: id.map(str::to_owned),
            }),
        }
        // exp
        self.date_problem(
            Claim::Exp,
            self.claims.exp,
            ["validUntil", "expirationDate"],
            false,
            has_type_problem(Claim::Exp),
            &mut problems,
        );
        problems
    }

    fn date_problem(
        &self,
        claim: Claim,
        value: Option<i64>,
        fields: [&'static str; 2],
        required: bool,
        type_problem: bool,
        problems: &mut Vec<ClaimError>,
    ) {
        let found = credential_date(&self.credential, fields);
        match (value, found) {
            (None, _) if type_problem => {}
            (_, Some((field, Err(v)))) => {
                problems.push(ClaimError::InvalidCredentialDate { field, value: v })
            }
            (None, None) if !required => {}
            (None, found) => problems.push(ClaimError::Missing {
                claim,
                field: found.map_or(fields[0], |(f, _)| f),
            }),
            (Some(v), Some((_, Ok(t)))) if v == t => {}
            (Some(_), None) if !required => {}
            (Some(v), found) => problems.push(ClaimError::Mismatch {
                claim,
                claim_value: v.to_string(),
                field: found.as_ref().map_or(fields[0], |(f, _)| f),
                credential_value: found.and_then(|(_, t)| t.ok()).map(|t| t.to_string()),
            }),
        }
    }

    /// The first claim problem, if any (see [`VcJwt::claim_problems`]).
    ///
    /// # Errors
    /// The first [`ClaimError`].
    pub fn check_claims(&self) -> Result<(), ClaimError> {
        match self.claim_problems().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Checks `nbf` and `exp` against `now` (no leeway).
    ///
    /// # Errors
    /// [`ClaimError::NotYetValid`] when `now < nbf`, [`ClaimError::Expired`]
    /// when `exp <= now`.
    pub fn check_time(&self, now: chrono::DateTime<chrono::Utc>) -> Result<(), ClaimError> {
        let now = now.timestamp();
        if let Some(nbf) = self.claims.nbf {
            if now < nbf {
                return Err(ClaimError::NotYetValid { nbf, now });
            }
        }
        if let Some(exp) = self.claims.exp {
            if exp <= now {
                return Err(ClaimError::Expired { exp, now });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Ed25519KeyPair;

    fn credential() -> Value {
        serde_json::json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "id": "urn:uuid:1",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": "https://example.edu/i"},
            "validFrom": "2025-01-01T00:00:00.750Z",
            "validUntil": "2026-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:s"}
        })
    }

    #[test]
    fn both_forms_round_trip() {
        let key = Ed25519KeyPair::from_seed(&[2u8; 32]);
        for form in [VcJwtForm::Payload, VcJwtForm::VcClaim] {
            let opts = VcJwtOptions::new(KeyReference::Jwk)
                .with_form(form)
                .with_iat(5);
            let token = sign_vc_jwt(&credential(), &key, &opts).unwrap();
            let jwt = VcJwt::parse(&token, &Limits::DEFAULT).unwrap();
            assert_eq!(jwt.form(), form);
            jwt.verify_signature(&key.public_key()).unwrap();
            assert_eq!(jwt.claim_problems(), vec![]);
            assert_eq!(jwt.credential(), &credential());
            // Fractional validFrom: nbf is its floor.
            assert_eq!(jwt.claims().nbf, Some(1_735_689_600));
            assert_eq!(jwt.claims().exp, Some(1_767_225_600));
            assert_eq!(jwt.claims().iat, Some(5));
        }
    }

    #[test]
    fn typ_is_checked() {
        assert!(typ_accepted("JWT"));
        assert!(typ_accepted("jwt"));
        assert!(typ_accepted("application/vc+ld+json+jwt"));
        assert!(!typ_accepted("at+jwt"));
        assert!(!typ_accepted("application/"));
    }
}
