//! Who a verified credential is about: its subject's identities matched to
//! one roster entry through the crate's one identity matcher
//! ([`crate::model::recipient::identity_matches`]).
//!
//! **The cost, and the choice.** A salted hash cannot be looked up: with a
//! fresh salt per credential (as issuers are told to use), finding the
//! teacher behind `sha256$…` means hashing every roster address with that
//! salt, O(teachers) per credential, O(teachers × credentials) for a city
//! (78,000 × 1,000,000 hashes). So a credential is matched by a **plain
//! key** when it has one: `credentialSubject.id`, or a plain (`hashed:
//! false`) identity, looked up in the roster's index by staff id (any
//! identity type but `emailAddress` and `name`) or by e-mail address, O(1).
//! Every hashed identity the credential also carries is then checked
//! against *that one* teacher (its own salt, one hash each): a credential
//! whose identities name different people is refused, not guessed at. Only
//! a credential with hashed identities alone is matched by trying every
//! roster entry, and those scans draw on a budget of hash computations
//! shared by the whole run ([`CityOptions::scan_budget`]); when it is spent,
//! such credentials are refused as [`Rejection::ScanBudgetSpent`] rather
//! than letting the run grow quadratic.

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Deserialize;

use super::roster::Roster;
use super::{CityOptions, Rejection};
use crate::model::recipient::identity_matches;
use crate::model::{IriOr, OneOrMany};

/// An embedded node of which only the `id` is read.
#[derive(Deserialize)]
struct IdObject {
    #[serde(default)]
    id: Option<String>,
}

/// The id of a node given by IRI or embedded.
fn id_of(node: IriOr<IdObject>) -> Option<String> {
    match node {
        IriOr::Iri(iri) => Some(iri.as_str().to_owned()),
        IriOr::Object(o) => o.id,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Identity {
    #[serde(default)]
    identity_hash: Option<String>,
    #[serde(default)]
    identity_type: Option<String>,
    #[serde(default)]
    hashed: Option<bool>,
    #[serde(default)]
    salt: Option<String>,
}

#[derive(Deserialize)]
struct Subject {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    identifier: Option<OneOrMany<Identity>>,
    #[serde(default)]
    achievement: Option<IriOr<IdObject>>,
}

/// Only the members the report reads; the rest of the credential is
/// skipped unparsed.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Shape {
    #[serde(default)]
    issuer: Option<IriOr<IdObject>>,
    #[serde(default)]
    credential_subject: Option<OneOrMany<Subject>>,
}

/// What the report reads out of a verified OB 3.0 credential.
#[derive(Debug)]
pub(crate) struct Claim {
    pub(crate) issuer: String,
    pub(crate) achievement: String,
    subject_id: Option<String>,
    identities: Vec<(String, bool, String, Option<String>)>,
}

/// Reads the issuer, the achievement and the subject's identities of a
/// credential that verified (so its JSON surface is its signed graph).
pub(crate) fn read_claim(bytes: &[u8]) -> Result<Claim, Rejection> {
    let shape: Shape = serde_json::from_slice(bytes).map_err(|e| Rejection::NotABadge {
        reason: e.to_string(),
    })?;
    let not = |reason: &str| Rejection::NotABadge {
        reason: reason.to_owned(),
    };
    let issuer = shape
        .issuer
        .and_then(id_of)
        .ok_or_else(|| not("no issuer id"))?;
    let mut subjects = shape
        .credential_subject
        .ok_or_else(|| not("no credentialSubject"))?
        .into_vec();
    if subjects.len() != 1 {
        return Err(not("not exactly one credentialSubject"));
    }
    let subject = subjects.pop().ok_or_else(|| not("no credentialSubject"))?;
    let achievement = subject
        .achievement
        .and_then(id_of)
        .ok_or_else(|| not("no achievement id"))?;
    let identities = subject
        .identifier
        .map(OneOrMany::into_vec)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| {
            Some((
                i.identity_type.unwrap_or_default(),
                i.hashed.unwrap_or(false),
                i.identity_hash?,
                i.salt,
            ))
        })
        .collect();
    Ok(Claim {
        issuer,
        achievement,
        subject_id: subject.id,
        identities,
    })
}

/// What a roster entry is compared with for an identity of this type.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Email,
    StaffId,
    Ignored,
}

fn key_of(identity_type: &str) -> Key {
    match identity_type {
        "emailAddress" => Key::Email,
        "name" => Key::Ignored,
        _ => Key::StaffId,
    }
}

/// Matches credentials to roster entries within a run's scan budget.
pub(crate) struct Matcher<'r> {
    roster: &'r Roster,
    budget: AtomicU64,
}

impl<'r> Matcher<'r> {
    pub(crate) fn new(roster: &'r Roster, options: &CityOptions) -> Self {
        Matcher {
            roster,
            budget: AtomicU64::new(options.scan_budget),
        }
    }

    /// Whether roster entry `t` is the one a (stored, hashed, salt) identity
    /// of `key` names.
    fn is(&self, t: usize, key: Key, stored: &str, hashed: bool, salt: Option<&str>) -> bool {
        let Some(teacher) = self.roster.teachers().get(t) else {
            return false;
        };
        let (candidate, email) = match key {
            Key::Email => (teacher.email.as_str(), true),
            Key::StaffId => (teacher.id.as_str(), false),
            Key::Ignored => return true,
        };
        identity_matches(stored, hashed, salt, email, candidate).unwrap_or(false)
    }

    /// The roster entry `claim` is about.
    pub(crate) fn find(&self, claim: &Claim) -> Result<usize, Rejection> {
        // Plain keys: O(1) each.
        let mut found: Option<usize> = None;
        let mut agree = |t: usize| -> Result<(), Rejection> {
            match found {
                Some(f) if f != t => Err(Rejection::IdentitiesDisagree),
                _ => {
                    found = Some(t);
                    Ok(())
                }
            }
        };
        if let Some(t) = claim
            .subject_id
            .as_deref()
            .and_then(|id| self.roster.by_id(id))
        {
            agree(t)?;
        }
        for (kind, hashed, value, _) in &claim.identities {
            if *hashed {
                continue;
            }
            let t = match key_of(kind) {
                Key::Email => self.roster.by_email(value),
                Key::StaffId => self.roster.by_id(value),
                Key::Ignored => None,
            };
            if let Some(t) = t {
                agree(t)?;
            }
        }
        let hashed: Vec<(Key, &str, Option<&str>)> = claim
            .identities
            .iter()
            .filter(|(kind, hashed, ..)| *hashed && key_of(kind) != Key::Ignored)
            .map(|(kind, _, value, salt)| (key_of(kind), value.as_str(), salt.as_deref()))
            .collect();
        let t = match found {
            Some(t) => t,
            None => {
                // Hashed identities alone: try every roster entry, on budget.
                let Some((key, stored, salt)) = hashed.first().copied() else {
                    return Err(
                        if claim.identities.is_empty() && claim.subject_id.is_none() {
                            Rejection::NoIdentity
                        } else {
                            Rejection::NotOnRoster
                        },
                    );
                };
                let cost = self.roster.len() as u64;
                self.budget
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                        left.checked_sub(cost)
                    })
                    .map_err(|_| Rejection::ScanBudgetSpent)?;
                (0..self.roster.len())
                    .find(|t| self.is(*t, key, stored, true, salt))
                    .ok_or(Rejection::NotOnRoster)?
            }
        };
        // Every hashed identity must name the same teacher.
        if hashed
            .iter()
            .all(|(key, stored, salt)| self.is(t, *key, stored, true, *salt))
        {
            Ok(t)
        } else {
            Err(Rejection::IdentitiesDisagree)
        }
    }
}
