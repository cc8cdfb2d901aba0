//! Issuing: sign OB 3.0 credentials as an issuer.
//!
//! An [`Issuer`] is an issuer id (optionally its full [`Profile`]), a signer,
//! the verification method that names the signer's public key, a cryptosuite
//! (default `eddsa-rdfc-2022`) and a [`Canonicalizer`] (default the shared
//! [`FastCanonicalizer`](crate::canon::FastCanonicalizer) over the embedded
//! contexts, [`crate::canon::embedded_canonicalizer`], which falls back to the
//! [`GenericCanonicalizer`](crate::canon::GenericCanonicalizer) for anything
//! its fast path does not cover). The signer is any
//! [`signature::Signer<Signature>`](crate::keys::Signer), so the key may live
//! in a KMS or HSM; [`Issuer::from_ed25519_did_key`] is the common case of a
//! local Ed25519 key whose `did:key` is the issuer.
//!
//! The creation time of every proof comes from the caller: nothing here reads
//! the clock.
//!
//! # The issuer id must be the key's controller
//!
//! A verifier resolves the proof's verification method and (in the crate's
//! full verifier) checks that it belongs to the credential's issuer, so
//! [`Issuer::sign_credential`] refuses a credential whose issuer id differs
//! from the [`Issuer`]'s. A programme whose published issuer id is an `https`
//! URL but that signs with a `did:key` therefore issues under the `did:key`
//! and keeps the URL as the profile's `url` (see `examples/mint.rs`), or
//! publishes a `did:web` / https verification method for its URL.
//!
//! ```
//! use openbadges::ids::{DateTime, Iri};
//! use openbadges::issue::Issuer;
//! use openbadges::keys::Ed25519KeyPair;
//! use openbadges::model::v3::{
//!     Achievement, AchievementCredential, AchievementSubject, Criteria, Profile,
//! };
//! use openbadges::proof::{verify_proofs, DidKeyResolver, ProofVerifyOptions};
//!
//! let issuer = Issuer::from_ed25519_did_key(Ed25519KeyPair::from_seed(&[7u8; 32]));
//! let profile = Profile::builder()
//!     .id(issuer.id().clone())
//!     .name("Example Teacher Leadership Program")
//!     .build()?;
//! let achievement = Achievement::builder()
//!     .id(Iri::new("https://badges.example.org/achievements/ftb-2")?)
//!     .name("Facilitates team meetings")
//!     .description("Plans and runs purposeful team meetings.")
//!     .criteria(Criteria::narrative("Observed twice by a coach."))
//!     .build()?;
//! let mut subject = AchievementSubject::new(achievement);
//! subject.id = Some(Iri::new("did:example:ana")?);
//! let credential = AchievementCredential::builder()
//!     .id(Iri::new("urn:uuid:2f1e6a56-0d7b-4a55-9c51-7b0c2e2b9a11")?)
//!     .issuer(profile)
//!     .valid_from(DateTime::new("2025-03-14T00:00:00Z")?)
//!     .name("Facilitates team meetings")
//!     .subject(subject)
//!     .build()?;
//!
//! let signed = issuer.sign_credential(&credential, DateTime::new("2025-03-14T00:00:00Z")?)?;
//! assert_eq!(signed["proof"][0]["cryptosuite"], "eddsa-rdfc-2022");
//!
//! let report = verify_proofs(
//!     &signed,
//!     issuer.canonicalizer(),
//!     &DidKeyResolver,
//!     &ProofVerifyOptions::default(),
//! );
//! assert!(report.is_verified());
//! # Ok::<(), openbadges::Error>(())
//! ```

use serde_json::Value;

use crate::canon::Canonicalizer;
use crate::contexts::OB_V3P0_EXTENSIONS;
use crate::did::{did_key_from_public, did_key_verification_method};
use crate::ids::{DateTime, Iri};
use crate::keys::{Ed25519KeyPair, Signature, Signer};
use crate::model::v3::{Credential, Profile, V3Error};
use crate::proof::{add_proof, Cryptosuite, ProofError, ProofOptions};

/// Why a credential could not be issued.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IssueError {
    /// The document to sign is not a JSON object.
    #[error("document to sign is not a JSON object")]
    NotAnObject,
    /// The document has no issuer id at `path`.
    #[error(
        "document to sign has no issuer id at {path} (a string, or an object with a string \"id\")"
    )]
    MissingIssuer {
        /// Where it was looked for (`issuer` or `issuer.id`).
        path: &'static str,
    },
    /// The document's issuer is not this issuer.
    #[error("issuer id at {path} is {found:?}, but this Issuer signs as {expected:?}")]
    IssuerMismatch {
        /// The issuer id this [`Issuer`] signs as.
        expected: String,
        /// The issuer id found in the document.
        found: String,
        /// Where it was found (`issuer` or `issuer.id`).
        path: &'static str,
    },
    /// `@context` is missing or not a string / array, so the OB extensions
    /// context cannot be appended.
    #[error("@context is missing or is not a string or an array; cannot append {OB_V3P0_EXTENSIONS} (needed by {needed_by})")]
    ContextShape {
        /// What needs the extensions context (a JSON path).
        needed_by: String,
    },
    /// A typed credential uses terms of the OB extensions context without
    /// listing it; [`Issuer::sign_credential`] signs the credential exactly as
    /// it serializes, so it does not add the context itself.
    #[error("credential uses {needed_by}, defined in {OB_V3P0_EXTENSIONS}, but its @context lacks that context (add it, or sign the JSON with Issuer::sign_json, which appends it)")]
    MissingExtensionsContext {
        /// What needs the extensions context (a JSON path).
        needed_by: String,
    },
    /// The typed credential could not be serialized.
    #[error("credential could not be serialized: {0}")]
    Serialize(#[from] V3Error),
    /// The proof could not be created (canonicalization, signer, suite).
    #[error("creating the {suite:?} proof failed: {source}")]
    Proof {
        /// The cryptosuite used.
        suite: Cryptosuite,
        /// Why.
        source: ProofError,
    },
}

/// Signs credentials as one issuer.
///
/// `S` is the signer: an [`Ed25519KeyPair`] or any
/// [`Signer<Signature>`](crate::keys::Signer) (for instance a remote KMS key).
pub struct Issuer<S> {
    id: Iri,
    profile: Option<Profile>,
    signer: S,
    verification_method: String,
    cryptosuite: Cryptosuite,
    canon: Box<dyn Canonicalizer>,
    proof_array: bool,
}

impl<S> core::fmt::Debug for Issuer<S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Issuer")
            .field("id", &self.id)
            .field("verification_method", &self.verification_method)
            .field("cryptosuite", &self.cryptosuite)
            .field("proof_array", &self.proof_array)
            .finish_non_exhaustive()
    }
}

impl Issuer<Ed25519KeyPair> {
    /// An issuer whose id is the `did:key` of `keypair` and whose verification
    /// method is `did:key:z6Mk…#z6Mk…`; eddsa-rdfc-2022 and the default
    /// canonicalizer.
    pub fn from_ed25519_did_key(keypair: Ed25519KeyPair) -> Self {
        let public = keypair.verifying_key();
        // A did:key is always a valid IRI (scheme `did`, base58 characters only).
        let id = Iri::new_unchecked(did_key_from_public(&public));
        let vm = did_key_verification_method(&public);
        Issuer::new(id, keypair, vm)
    }
}

impl<S> Issuer<S>
where
    S: Signer<Signature>,
{
    /// An issuer `id` signing with `signer`, whose public key is named by
    /// `verification_method`; eddsa-rdfc-2022 and the default canonicalizer.
    pub fn new(id: Iri, signer: S, verification_method: impl Into<String>) -> Self {
        Issuer {
            id,
            profile: None,
            signer,
            verification_method: verification_method.into(),
            cryptosuite: Cryptosuite::EddsaRdfc2022,
            canon: Box::new(crate::canon::embedded_canonicalizer()),
            proof_array: true,
        }
    }

    /// An issuer described by `profile` (its `id` is the issuer id).
    pub fn with_profile(
        profile: Profile,
        signer: S,
        verification_method: impl Into<String>,
    ) -> Self {
        let mut issuer = Issuer::new(profile.id.clone(), signer, verification_method);
        issuer.profile = Some(profile);
        issuer
    }

    /// Signs with this suite (eddsa-rdfc-2022 or eddsa-jcs-2022;
    /// Ed25519Signature2020 is verify-only and signing then fails).
    #[must_use]
    pub fn with_cryptosuite(mut self, cryptosuite: Cryptosuite) -> Self {
        self.cryptosuite = cryptosuite;
        self
    }

    /// Canonicalizes with `canon` (for example a
    /// [`FastCanonicalizer`](crate::canon::FastCanonicalizer) whose loader has
    /// extra contexts registered).
    #[must_use]
    pub fn with_canonicalizer(mut self, canon: impl Canonicalizer + 'static) -> Self {
        self.canon = Box::new(canon);
        self
    }

    /// Whether a document's first proof is written as a one-element array
    /// (`true`, the default: the OB 3.0 JSON Schema types `proof` as an
    /// array) or as a single object (`false`, the VC Data Integrity default).
    /// A proof added to a document that already has one always makes an array.
    #[must_use]
    pub fn with_proof_array(mut self, proof_array: bool) -> Self {
        self.proof_array = proof_array;
        self
    }

    /// The issuer id.
    pub fn id(&self) -> &Iri {
        &self.id
    }

    /// The issuer profile, when built with [`Issuer::with_profile`].
    pub fn profile(&self) -> Option<&Profile> {
        self.profile.as_ref()
    }

    /// The verification method written into each proof.
    pub fn verification_method(&self) -> &str {
        &self.verification_method
    }

    /// The cryptosuite used.
    pub fn cryptosuite(&self) -> Cryptosuite {
        self.cryptosuite
    }

    /// The canonicalizer used (also the one to verify with).
    pub fn canonicalizer(&self) -> &dyn Canonicalizer {
        self.canon.as_ref()
    }

    /// Signs a typed credential (an
    /// [`AchievementCredential`](crate::model::v3::AchievementCredential), or any
    /// [`Credential`] such as an `EndorsementCredential`): checks its issuer id
    /// is this issuer's, signs exactly the JSON it serializes to, and returns
    /// the signed JSON.
    ///
    /// # Errors
    /// [`IssueError::IssuerMismatch`] for another issuer,
    /// [`IssueError::MissingExtensionsContext`] when it uses
    /// `credentialSchema`, `refreshService` or a `1EdTech…` type without the OB
    /// extensions context, [`IssueError::Proof`] when canonicalization or the
    /// signer fails.
    pub fn sign_credential<T>(
        &self,
        credential: &Credential<T>,
        created: DateTime,
    ) -> Result<Value, IssueError>
    where
        T: serde::Serialize + for<'de> serde::Deserialize<'de>,
    {
        if credential.issuer_id() != &self.id {
            return Err(IssueError::IssuerMismatch {
                expected: self.id.as_str().to_owned(),
                found: credential.issuer_id().as_str().to_owned(),
                path: match credential.issuer_profile() {
                    Some(_) => "issuer.id",
                    None => "issuer",
                },
            });
        }
        let json = credential.to_json_value()?;
        if !has_extensions_context(&json) {
            if let Some(needed_by) = needs_extensions_context(&json) {
                return Err(IssueError::MissingExtensionsContext { needed_by });
            }
        }
        self.sign_checked(json, created)
    }

    /// Signs raw credential JSON: checks its issuer id is this issuer's,
    /// appends the OB extensions context
    /// (`https://purl.imsglobal.org/spec/ob/v3p0/extensions.json`) to
    /// `@context` when the document uses `credentialSchema`, `refreshService`
    /// or a `1EdTech…` type without it, and adds the proof.
    ///
    /// # Errors
    /// [`IssueError::NotAnObject`], [`IssueError::MissingIssuer`],
    /// [`IssueError::IssuerMismatch`], [`IssueError::ContextShape`] when the
    /// context must be appended but `@context` is not a string or array, and
    /// [`IssueError::Proof`] when canonicalization or the signer fails.
    pub fn sign_json(&self, mut document: Value, created: DateTime) -> Result<Value, IssueError> {
        let obj = document.as_object().ok_or(IssueError::NotAnObject)?;
        let (found, path) = match obj.get("issuer") {
            Some(Value::String(s)) => (s.as_str(), "issuer"),
            Some(Value::Object(p)) => match p.get("id") {
                Some(Value::String(s)) => (s.as_str(), "issuer.id"),
                _ => return Err(IssueError::MissingIssuer { path: "issuer.id" }),
            },
            _ => return Err(IssueError::MissingIssuer { path: "issuer" }),
        };
        if found != self.id.as_str() {
            return Err(IssueError::IssuerMismatch {
                expected: self.id.as_str().to_owned(),
                found: found.to_owned(),
                path,
            });
        }
        if !has_extensions_context(&document) {
            if let Some(needed_by) = needs_extensions_context(&document) {
                append_extensions_context(&mut document, needed_by)?;
            }
        }
        self.sign_checked(document, created)
    }

    fn sign_checked(&self, document: Value, created: DateTime) -> Result<Value, IssueError> {
        let options =
            ProofOptions::new(self.cryptosuite, self.verification_method.as_str(), created);
        let suite = self.cryptosuite;
        let mut signed = add_proof(&document, &options, &self.signer, self.canon.as_ref())
            .map_err(|source| IssueError::Proof { suite, source })?;
        if self.proof_array {
            if let Some(obj) = signed.as_object_mut() {
                if let Some(p) = obj.get_mut("proof") {
                    if p.is_object() {
                        let one = p.take();
                        *p = Value::Array(vec![one]);
                    }
                }
            }
        }
        Ok(signed)
    }
}

/// Whether `@context` lists the OB extensions context.
fn has_extensions_context(doc: &Value) -> bool {
    match doc.get("@context") {
        Some(Value::String(s)) => s == OB_V3P0_EXTENSIONS,
        Some(Value::Array(a)) => a.iter().any(|c| c.as_str() == Some(OB_V3P0_EXTENSIONS)),
        _ => false,
    }
}

/// The JSON path of the first use of a term the OB extensions context
/// defines: a `credentialSchema` or `refreshService` member, or a `type`
/// value starting with `1EdTech`. Walks the document with an explicit stack
/// (no recursion) and skips any existing `proof`.
fn needs_extensions_context(doc: &Value) -> Option<String> {
    let mut stack: Vec<(&Value, String)> = vec![(doc, String::from("$"))];
    while let Some((v, path)) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (k, child) in map.iter().rev() {
                    if path == "$" && k == "proof" {
                        continue;
                    }
                    let child_path = format!("{path}.{k}");
                    if k == "credentialSchema" || k == "refreshService" {
                        return Some(child_path);
                    }
                    if k == "type" {
                        let edtech = match child {
                            Value::String(s) => s.starts_with("1EdTech"),
                            Value::Array(a) => a
                                .iter()
                                .any(|t| t.as_str().is_some_and(|s| s.starts_with("1EdTech"))),
                            _ => false,
                        };
                        if edtech {
                            return Some(child_path);
                        }
                    }
                    stack.push((child, child_path));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate().rev() {
                    stack.push((child, format!("{path}[{i}]")));
                }
            }
            _ => {}
        }
    }
    None
}

fn append_extensions_context(doc: &mut Value, needed_by: String) -> Result<(), IssueError> {
    let ctx = doc
        .as_object_mut()
        .and_then(|o| o.get_mut("@context"))
        .ok_or_else(|| IssueError::ContextShape {
            needed_by: needed_by.clone(),
        })?;
    match ctx {
        Value::Array(a) => {
            a.push(OB_V3P0_EXTENSIONS.into());
            Ok(())
        }
        Value::String(s) => {
            let first = core::mem::take(s);
            *ctx = Value::Array(vec![first.into(), OB_V3P0_EXTENSIONS.into()]);
            Ok(())
        }
        _ => Err(IssueError::ContextShape { needed_by }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn extension_detection_names_the_path() {
        let doc =
            json!({"@context": ["a"], "credentialSubject": {"x": [{"type": ["1EdTechThing"]}]}});
        assert_eq!(
            needs_extensions_context(&doc).as_deref(),
            Some("$.credentialSubject.x[0].type")
        );
        let doc = json!({"@context": ["a"], "credentialSchema": []});
        assert_eq!(
            needs_extensions_context(&doc).as_deref(),
            Some("$.credentialSchema")
        );
        assert_eq!(needs_extensions_context(&json!({"type": "Other"})), None);
        // An existing proof is not looked into.
        assert_eq!(
            needs_extensions_context(&json!({"proof": {"type": "1EdTechX"}})),
            None
        );
    }

    #[test]
    fn append_to_string_and_array_contexts() {
        let mut d = json!({"@context": "https://www.w3.org/ns/credentials/v2"});
        append_extensions_context(&mut d, "$.x".into()).unwrap();
        assert_eq!(d["@context"][1], OB_V3P0_EXTENSIONS);
        assert!(has_extensions_context(&d));
        let mut d = json!({"@context": {"a": "b"}});
        assert_eq!(
            append_extensions_context(&mut d, "$.x".into()),
            Err(IssueError::ContextShape {
                needed_by: "$.x".into()
            })
        );
    }
}
