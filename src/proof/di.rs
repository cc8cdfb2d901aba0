//! The Data Integrity algorithms of vc-di-eddsa (eddsa-rdfc-2022,
//! eddsa-jcs-2022) and of the legacy Ed25519Signature2020 suite.
//!
//! All three hash the same way: `SHA-256(canonical proof configuration) ‖
//! SHA-256(canonical document)`, and sign those 64 bytes with Ed25519. They
//! differ in the canonicalization (RDFC-1.0 or JCS) and in how the proof
//! configuration gets its `@context`.

use std::rc::Rc;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{
    Cryptosuite, KeyResolver, ProofError, ProofFailure, ProofOptions, ProofReport, ProofResult,
    ProofVerifyOptions, ED25519_2020_CONTEXT,
};
use crate::canon::jcs::to_jcs_string;
use crate::canon::Canonicalizer;
use crate::ids::DateTime;
use crate::keys::{decode_multibase_base58btc, encode_multibase_base58btc, Signature, Signer};

/// Longest `proofValue` decoded (a 64-byte signature is at most 89 characters).
const MAX_PROOF_VALUE_CHARS: usize = 128;

/// The canonical forms and hashes a proof signs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HashData {
    /// The canonical proof configuration (N-Quads or JCS text).
    pub canonical_proof_config: String,
    /// The canonical document (N-Quads or JCS text).
    pub canonical_document: String,
    /// SHA-256 of the canonical proof configuration.
    pub proof_hash: [u8; 32],
    /// SHA-256 of the canonical document.
    pub document_hash: [u8; 32],
}

impl HashData {
    /// The 64 bytes signed: `proof_hash ‖ document_hash`.
    pub fn combined(&self) -> [u8; 64] {
        let mut out = [0u8; 64];
        let (a, b) = out.split_at_mut(32);
        a.copy_from_slice(&self.proof_hash);
        b.copy_from_slice(&self.document_hash);
        out
    }
}

#[derive(Clone)]
enum CanonFail {
    Canon(crate::canon::CanonError),
    Jcs(crate::canon::jcs::JcsError),
}

impl From<CanonFail> for ProofError {
    fn from(e: CanonFail) -> Self {
        match e {
            CanonFail::Canon(c) => ProofError::Canonicalization(c),
            CanonFail::Jcs(j) => ProofError::Jcs(j),
        }
    }
}

impl From<CanonFail> for ProofFailure {
    fn from(e: CanonFail) -> Self {
        match e {
            CanonFail::Canon(c) => ProofFailure::Canonicalization(c),
            CanonFail::Jcs(j) => ProofFailure::Jcs(j),
        }
    }
}

fn canonical(
    suite: Cryptosuite,
    value: &Value,
    canon: &dyn Canonicalizer,
) -> Result<String, CanonFail> {
    match suite {
        Cryptosuite::EddsaJcs2022 => to_jcs_string(value).map_err(CanonFail::Jcs),
        Cryptosuite::EddsaRdfc2022 | Cryptosuite::Ed25519Signature2020 => {
            canon.canonicalize(value).map_err(CanonFail::Canon)
        }
    }
}

/// Canonical forms of the unsecured document already computed during one
/// [`verify_proofs`] call, keyed by what makes them differ (the suite's
/// canonicalization, the proofs chained to, a JCS `@context` override): a
/// proof set canonicalizes the document once per distinct key, not once per
/// proof.
#[derive(Default)]
struct DocCache {
    entries: Vec<(String, Result<Rc<String>, CanonFail>)>,
}

impl DocCache {
    fn get_or_compute(
        &mut self,
        key: String,
        compute: impl FnOnce() -> Result<String, CanonFail>,
    ) -> Result<Rc<String>, CanonFail> {
        if let Some((_, r)) = self.entries.iter().find(|(k, _)| *k == key) {
            return r.clone();
        }
        let r = compute().map(Rc::new);
        self.entries.push((key, r.clone()));
        r
    }

    /// The canonical form computed under `key`, if it succeeded, taken out
    /// of the cache (without a copy when nothing else holds it).
    fn take(&mut self, key: &str) -> Option<String> {
        let at = self.entries.iter().position(|(k, _)| k == key)?;
        let (_, r) = self.entries.swap_remove(at);
        r.ok()
            .map(|rc| Rc::try_unwrap(rc).unwrap_or_else(|rc| (*rc).clone()))
    }
}

fn hash_inner(
    suite: Cryptosuite,
    unsecured_document: &Value,
    proof_config: &Value,
    canon: &dyn Canonicalizer,
) -> Result<HashData, CanonFail> {
    let canonical_proof_config = canonical(suite, proof_config, canon)?;
    let canonical_document = canonical(suite, unsecured_document, canon)?;
    Ok(hash_of(canonical_proof_config, canonical_document))
}

fn hash_of(canonical_proof_config: String, canonical_document: String) -> HashData {
    HashData {
        proof_hash: Sha256::digest(canonical_proof_config.as_bytes()).into(),
        document_hash: Sha256::digest(canonical_document.as_bytes()).into(),
        canonical_proof_config,
        canonical_document,
    }
}

/// Canonicalizes and hashes an unsecured document and a complete proof
/// configuration (the proof without `proofValue`, with its `@context` set as
/// the suite requires) — the "transformation" and "hashing" steps.
///
/// For eddsa-rdfc-2022 and Ed25519Signature2020 the `canon` canonicalizer is
/// used; for eddsa-jcs-2022, JCS.
///
/// # Errors
/// [`ProofError::Canonicalization`] or [`ProofError::Jcs`].
pub fn hash_data(
    suite: Cryptosuite,
    unsecured_document: &Value,
    proof_config: &Value,
    canon: &dyn Canonicalizer,
) -> Result<HashData, ProofError> {
    Ok(hash_inner(suite, unsecured_document, proof_config, canon)?)
}

/// The proofs of a `proof` value: one object, or each element of an array.
fn proof_list(proof: Option<&Value>) -> Vec<&Value> {
    crate::json::one_or_many(proof)
}

/// Ids named by a `previousProof` value (string or array of strings).
fn previous_proof_ids(v: Option<&Value>) -> Option<Vec<&str>> {
    match v? {
        Value::String(s) => Some(vec![s.as_str()]),
        Value::Array(a) => Some(a.iter().filter_map(Value::as_str).collect()),
        _ => Some(Vec::new()),
    }
}

fn find_previous(all: &[&Value], ids: &[&str]) -> Result<Vec<Value>, String> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let found = all
            .iter()
            .find(|p| p.get("id").and_then(Value::as_str) == Some(id))
            .ok_or_else(|| (*id).to_owned())?;
        out.push((*found).clone());
    }
    Ok(out)
}

/// Creates a proof over `document` (its existing `proof`, if any, is not
/// signed, except the proofs named by `previousProof`) and returns the proof
/// object.
///
/// eddsa-rdfc-2022: the proof configuration is the proof options plus the
/// document's `@context`; the proof itself carries no `@context`.
/// eddsa-jcs-2022: the proof gets the document's `@context` (when present),
/// and the proof configuration is the proof without `proofValue`.
///
/// # Errors
/// [`ProofError`]: a document that is not an object, a missing `@context`
/// (eddsa-rdfc-2022), a `previousProof` not found, canonicalization or signing
/// failures, or [`ProofError::CreateUnsupported`] for Ed25519Signature2020.
pub fn create_proof<S>(
    document: &Value,
    options: &ProofOptions,
    signer: &S,
    canon: &dyn Canonicalizer,
) -> Result<Value, ProofError>
where
    S: Signer<Signature> + ?Sized,
{
    if options.cryptosuite == Cryptosuite::Ed25519Signature2020 {
        return Err(ProofError::CreateUnsupported {
            suite: options.cryptosuite,
        });
    }
    let doc = document.as_object().ok_or(ProofError::DocumentNotObject)?;
    if !doc.contains_key("proof") {
        // Nothing to take out or chain to: sign the document as it is.
        if !options.previous_proof.is_empty() {
            if let Some(id) = options.previous_proof.first() {
                return Err(ProofError::PreviousProofNotFound { id: id.clone() });
            }
        }
        return sign_unsecured(document, options, signer, canon);
    }
    let mut unsecured = doc.clone();
    let existing = unsecured.shift_remove("proof");
    with_previous(&mut unsecured, existing.as_ref(), options)?;
    sign_unsecured(&Value::Object(unsecured), options, signer, canon)
}

/// Puts the proofs `options.previous_proof` names (from `existing`) into
/// `unsecured` as its `proof`, when there are any.
fn with_previous(
    unsecured: &mut Map<String, Value>,
    existing: Option<&Value>,
    options: &ProofOptions,
) -> Result<(), ProofError> {
    if !options.previous_proof.is_empty() {
        let all = proof_list(existing);
        let ids: Vec<&str> = options.previous_proof.iter().map(String::as_str).collect();
        let previous =
            find_previous(&all, &ids).map_err(|id| ProofError::PreviousProofNotFound { id })?;
        unsecured.insert("proof".to_owned(), Value::Array(previous));
    }
    Ok(())
}

/// The proof over `unsecured` (the document without its proofs, plus the
/// ones the new proof chains to).
fn sign_unsecured<S>(
    unsecured: &Value,
    options: &ProofOptions,
    signer: &S,
    canon: &dyn Canonicalizer,
) -> Result<Value, ProofError>
where
    S: Signer<Signature> + ?Sized,
{
    let suite = options.cryptosuite;
    if suite == Cryptosuite::Ed25519Signature2020 {
        return Err(ProofError::CreateUnsupported { suite });
    }
    let doc = unsecured.as_object().ok_or(ProofError::DocumentNotObject)?;
    let mut proof = Map::new();
    proof.insert("type".to_owned(), suite.proof_type().into());
    if let Some(name) = suite.name() {
        proof.insert("cryptosuite".to_owned(), name.into());
    }
    if let Some(id) = &options.id {
        proof.insert("id".to_owned(), id.as_str().into());
    }
    if let Some(created) = &options.created {
        proof.insert("created".to_owned(), created.as_str().into());
    }
    if let Some(expires) = &options.expires {
        proof.insert("expires".to_owned(), expires.as_str().into());
    }
    proof.insert(
        "verificationMethod".to_owned(),
        options.verification_method.as_str().into(),
    );
    proof.insert(
        "proofPurpose".to_owned(),
        options.proof_purpose.as_str().into(),
    );
    if let Some(challenge) = &options.challenge {
        proof.insert("challenge".to_owned(), challenge.as_str().into());
    }
    if let Some(domain) = &options.domain {
        proof.insert("domain".to_owned(), domain.as_str().into());
    }
    match options.previous_proof.as_slice() {
        [] => {}
        [one] => {
            proof.insert("previousProof".to_owned(), one.as_str().into());
        }
        many => {
            proof.insert(
                "previousProof".to_owned(),
                Value::Array(many.iter().map(|s| s.as_str().into()).collect()),
            );
        }
    }

    let context = doc.get("@context");
    let proof_config = match suite {
        Cryptosuite::EddsaJcs2022 => {
            if let Some(ctx) = context {
                proof.insert("@context".to_owned(), ctx.clone());
            }
            Value::Object(proof.clone())
        }
        _ => {
            let ctx = context.ok_or(ProofError::MissingContext)?;
            let mut config = proof.clone();
            config.insert("@context".to_owned(), ctx.clone());
            Value::Object(config)
        }
    };
    let hashes = hash_inner(suite, unsecured, &proof_config, canon)?;
    let signature = signer
        .try_sign(&hashes.combined())
        .map_err(|e| ProofError::Signing {
            reason: e.to_string(),
        })?;
    proof.insert(
        "proofValue".to_owned(),
        encode_multibase_base58btc(&signature.to_bytes()).into(),
    );
    Ok(Value::Object(proof))
}

/// Creates a proof (as [`create_proof`]) and returns the document with it
/// added: as `proof` when there was none, otherwise appended to the proof set.
///
/// # Errors
/// As [`create_proof`].
pub fn add_proof<S>(
    document: &Value,
    options: &ProofOptions,
    signer: &S,
    canon: &dyn Canonicalizer,
) -> Result<Value, ProofError>
where
    S: Signer<Signature> + ?Sized,
{
    if options.cryptosuite == Cryptosuite::Ed25519Signature2020 {
        return Err(ProofError::CreateUnsupported {
            suite: options.cryptosuite,
        });
    }
    // One copy: the document is signed without its proofs (plus the ones
    // the new proof chains to), then gets them back with the new one.
    let mut doc = document
        .as_object()
        .cloned()
        .ok_or(ProofError::DocumentNotObject)?;
    let existing = doc.shift_remove("proof");
    with_previous(&mut doc, existing.as_ref(), options)?;
    let unsecured = Value::Object(doc);
    let proof = sign_unsecured(&unsecured, options, signer, canon)?;
    let Value::Object(mut doc) = unsecured else {
        return Err(ProofError::DocumentNotObject);
    };
    doc.shift_remove("proof");
    let new_value = match existing {
        None | Some(Value::Null) => proof,
        Some(Value::Array(mut a)) => {
            a.push(proof);
            Value::Array(a)
        }
        Some(other) => Value::Array(vec![other, proof]),
    };
    doc.insert("proof".to_owned(), new_value);
    Ok(Value::Object(doc))
}

/// Verifies every proof of a secured document, as received.
///
/// Each proof of a proof set is verified on its own (the document without
/// `proof`, plus the proofs its `previousProof` names). Never panics.
///
/// This is the proof layer only: it does not bind the key to the issuer,
/// check dates or status, or check that what is shown is what was signed.
/// To decide whether to rely on a credential use [`crate::verify()`]; this
/// function is also offered as [`crate::dangerous::verify_proofs`].
pub fn verify_proofs(
    document: &Value,
    canon: &dyn Canonicalizer,
    resolver: &dyn KeyResolver,
    options: &ProofVerifyOptions,
) -> ProofReport {
    let failed = |f: ProofFailure| ProofReport {
        document_failure: Some(f),
        proofs: Vec::new(),
        canonical_document: None,
        document_canonicalizations: 0,
    };
    let Some(doc) = document.as_object() else {
        return failed(ProofFailure::DocumentNotObject);
    };
    let all = proof_list(doc.get("proof"));
    if all.is_empty() {
        return failed(ProofFailure::NoProof);
    }
    if all.len() > options.max_proofs {
        return failed(ProofFailure::TooManyProofs(crate::limits::LimitExceeded {
            limit: crate::limits::Limit::Proofs,
            max: options.max_proofs,
            found: Some(all.len()),
        }));
    }
    let mut cache = DocCache::default();
    let proofs = all
        .iter()
        .enumerate()
        .map(|(index, proof)| {
            let s = |k: &str| proof.get(k).and_then(Value::as_str).map(str::to_owned);
            ProofResult {
                index,
                id: s("id"),
                proof_type: s("type"),
                cryptosuite: s("cryptosuite"),
                verification_method: s("verificationMethod"),
                outcome: verify_one(
                    (document, doc),
                    &all,
                    proof,
                    canon,
                    resolver,
                    options,
                    &mut cache,
                ),
            }
        })
        .collect();
    let document_canonicalizations = cache
        .entries
        .iter()
        .filter(|(k, _)| !k.starts_with("config\0"))
        .count();
    ProofReport {
        document_failure: None,
        proofs,
        canonical_document: cache.take(RDF_BASE_KEY),
        document_canonicalizations,
    }
}

/// The [`DocCache`] key of the RDF canonical form of the document without
/// any proof.
const RDF_BASE_KEY: &str = "rdf";

fn str_member<'a>(
    proof: &'a Map<String, Value>,
    member: &'static str,
) -> Result<Option<&'a str>, ProofFailure> {
    match proof.get(member) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ProofFailure::MemberNotString { member }),
    }
}

fn required<'a>(
    proof: &'a Map<String, Value>,
    member: &'static str,
) -> Result<&'a str, ProofFailure> {
    str_member(proof, member)?.ok_or(ProofFailure::MissingMember { member })
}

/// A `@context` value as a list (a single context is a one-element list).
///
/// Unlike `proof` or `type`, a `null` entry is kept: in `@context` it is a
/// context reset and means something.
fn context_list(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    }
}

/// vc-di-eddsa: the document's `@context` must start with all values of the
/// proof's `@context`, in the same order.
fn check_context_prefix(doc_ctx: Option<&Value>, proof_ctx: &Value) -> Result<(), ProofFailure> {
    let doc_ctx = doc_ctx.ok_or(ProofFailure::ContextMismatch {
        reason: "the proof has an @context but the document has none",
    })?;
    let d = context_list(doc_ctx);
    let p = context_list(proof_ctx);
    if p.len() > d.len() {
        return Err(ProofFailure::ContextMismatch {
            reason: "the proof @context has more entries than the document's",
        });
    }
    if d.iter().zip(p.iter()).any(|(a, b)| a != b) {
        return Err(ProofFailure::ContextMismatch {
            reason: "the document @context does not start with the proof @context in order",
        });
    }
    Ok(())
}

/// Checks one proof of `whole` (the document as a value and as its map).
fn verify_one(
    (whole, document): (&Value, &Map<String, Value>),
    all: &[&Value],
    proof: &Value,
    canon: &dyn Canonicalizer,
    resolver: &dyn KeyResolver,
    options: &ProofVerifyOptions,
    cache: &mut DocCache,
) -> Result<(), ProofFailure> {
    let proof = proof.as_object().ok_or(ProofFailure::ProofNotObject)?;
    let proof_type = required(proof, "type")?;
    let suite = match proof_type {
        "DataIntegrityProof" => match str_member(proof, "cryptosuite") {
            Ok(Some("eddsa-rdfc-2022")) => Cryptosuite::EddsaRdfc2022,
            Ok(Some("eddsa-jcs-2022")) => Cryptosuite::EddsaJcs2022,
            // vc-data-integrity: a DataIntegrityProof MUST name its
            // cryptosuite; one without is malformed, not merely unsupported.
            Ok(None) => {
                return Err(ProofFailure::MissingMember {
                    member: "cryptosuite",
                })
            }
            Ok(other) => {
                return Err(ProofFailure::UnsupportedCryptosuite {
                    found: other.map(str::to_owned),
                })
            }
            Err(e) => return Err(e),
        },
        "Ed25519Signature2020" => Cryptosuite::Ed25519Signature2020,
        other => {
            return Err(ProofFailure::UnsupportedType {
                found: other.to_owned(),
            })
        }
    };
    let verification_method = required(proof, "verificationMethod")?;
    let purpose = required(proof, "proofPurpose")?;
    if let Some(expected) = &options.expected_proof_purpose {
        if purpose != expected {
            return Err(ProofFailure::WrongProofPurpose {
                expected: expected.clone(),
                found: purpose.to_owned(),
            });
        }
    }
    if let Some(expected) = &options.challenge {
        let found = str_member(proof, "challenge").ok().flatten();
        if found != Some(expected.as_str()) {
            return Err(ProofFailure::ChallengeMismatch {
                expected: expected.clone(),
                found: found.map(str::to_owned),
            });
        }
    }
    if let Some(expected) = &options.domain {
        let ok = match proof.get("domain") {
            Some(Value::String(s)) => s == expected,
            Some(Value::Array(a)) => a.iter().any(|d| d.as_str() == Some(expected)),
            _ => false,
        };
        if !ok {
            return Err(ProofFailure::DomainMismatch {
                expected: expected.clone(),
                found: proof.get("domain").map(Value::to_string),
            });
        }
    }
    if let Some(created) = str_member(proof, "created")? {
        // xsd:dateTime: a date and a time (a bare date is not one).
        let t = DateTime::new(created)
            .ok()
            .filter(|_| created.contains('T'))
            .ok_or_else(|| ProofFailure::InvalidDateTime {
                member: "created",
                value: created.to_owned(),
            })?;
        if let Some(now) = options.now {
            if t.to_utc() > now + options.clock_skew {
                return Err(ProofFailure::CreatedInFuture {
                    created: created.to_owned(),
                    now: now.to_rfc3339(),
                });
            }
        }
    }
    if let Some(expires) = str_member(proof, "expires")? {
        let t = DateTime::new(expires).map_err(|_| ProofFailure::InvalidDateTime {
            member: "expires",
            value: expires.to_owned(),
        })?;
        if let Some(now) = options.now {
            if t.to_utc() < now {
                return Err(ProofFailure::Expired {
                    expires: expires.to_owned(),
                });
            }
        }
    }

    let proof_value = match proof.get("proofValue") {
        None => return Err(ProofFailure::MissingProofValue),
        Some(Value::String(s)) => s.as_str(),
        Some(_) => {
            return Err(ProofFailure::MemberNotString {
                member: "proofValue",
            })
        }
    };
    if proof_value.len() > MAX_PROOF_VALUE_CHARS {
        return Err(ProofFailure::SignatureLength {
            found: proof_value.len(),
        });
    }
    let sig_bytes = decode_multibase_base58btc(proof_value).map_err(ProofFailure::BadProofValue)?;
    let sig_arr: [u8; 64] =
        <[u8; 64]>::try_from(sig_bytes.as_slice()).map_err(|_| ProofFailure::SignatureLength {
            found: sig_bytes.len(),
        })?;
    let signature = Signature::from_bytes(&sig_arr);

    // The unsecured document: without `proof`, plus the proofs this one
    // chains to; its cache key says which. Copied only when it differs
    // from the document without proofs (and for JCS); otherwise the
    // canonicalizer leaves `proof` out as it reads.
    let without_proof = || {
        let mut m = document.clone();
        m.shift_remove("proof");
        m
    };
    let mut changed: Option<Map<String, Value>> = None;
    let mut key = String::from(if suite == Cryptosuite::EddsaJcs2022 {
        "jcs"
    } else {
        RDF_BASE_KEY
    });
    if let Some(ids) = previous_proof_ids(proof.get("previousProof")) {
        let previous =
            find_previous(all, &ids).map_err(|id| ProofFailure::PreviousProofNotFound { id })?;
        changed
            .get_or_insert_with(without_proof)
            .insert("proof".to_owned(), Value::Array(previous));
        for id in ids {
            key.push('\0');
            key.push_str(id);
        }
    }
    let mut proof_options = proof.clone();
    proof_options.shift_remove("proofValue");

    let doc_ctx = document.get("@context").cloned();
    let proof_config = match suite {
        Cryptosuite::EddsaJcs2022 => {
            if let Some(pctx) = proof_options.get("@context") {
                check_context_prefix(doc_ctx.as_ref(), pctx)?;
                changed
                    .get_or_insert_with(without_proof)
                    .insert("@context".to_owned(), pctx.clone());
                key.push_str("\0@context\0");
                key.push_str(&pctx.to_string());
            }
            proof_options
        }
        Cryptosuite::EddsaRdfc2022 => {
            let ctx = doc_ctx.ok_or(ProofFailure::MissingContext)?;
            if let Some(pctx) = proof_options.get("@context") {
                check_context_prefix(Some(&ctx), pctx)?;
            }
            proof_options.insert("@context".to_owned(), ctx);
            proof_options
        }
        Cryptosuite::Ed25519Signature2020 => {
            let ctx = doc_ctx.ok_or(ProofFailure::MissingContext)?;
            if let Some(pctx) = proof_options.get("@context") {
                check_context_prefix(Some(&ctx), pctx)?;
            }
            let has_suite_ctx = context_list(&ctx)
                .iter()
                .any(|c| c.as_str() == Some(ED25519_2020_CONTEXT));
            let ctx = if has_suite_ctx {
                ctx
            } else {
                let mut list: Vec<Value> = context_list(&ctx).into_iter().cloned().collect();
                list.push(ED25519_2020_CONTEXT.into());
                Value::Array(list)
            };
            proof_options.insert("@context".to_owned(), ctx);
            proof_options
        }
    };

    let public_key =
        resolver
            .resolve(verification_method)
            .map_err(|source| ProofFailure::KeyResolution {
                id: verification_method.to_owned(),
                source,
            })?;
    let proof_config = Value::Object(proof_config);
    let config_key = format!("config\0{suite:?}\0{proof_config}");
    let canonical_proof_config =
        cache.get_or_compute(config_key, || canonical(suite, &proof_config, canon))?;
    let canonical_document = match changed {
        Some(m) => {
            let unsecured = Value::Object(m);
            cache.get_or_compute(key, || canonical(suite, &unsecured, canon))?
        }
        None => cache.get_or_compute(key, || match suite {
            Cryptosuite::EddsaJcs2022 => {
                to_jcs_string(&Value::Object(without_proof())).map_err(CanonFail::Jcs)
            }
            Cryptosuite::EddsaRdfc2022 | Cryptosuite::Ed25519Signature2020 => canon
                .canonicalize_unsecured(whole)
                .map_err(CanonFail::Canon),
        })?,
    };
    let mut combined = [0u8; 64];
    let (proof_hash, document_hash) = combined.split_at_mut(32);
    proof_hash.copy_from_slice(&Sha256::digest(canonical_proof_config.as_bytes()));
    document_hash.copy_from_slice(&Sha256::digest(canonical_document.as_bytes()));
    super::deferred::check_signature(&public_key, &combined, &signature)
        .map_err(|()| ProofFailure::SignatureMismatch)
}
