//! A hook for bulk verification (`crate::bulk`): on a thread that asks for
//! it, the final Ed25519 check of a proof is recorded instead of run, so that
//! many recorded checks can be verified at once with `verify_batch`.
//!
//! Everything else a proof check does — canonicalization, hashing, key
//! resolution, the option checks — runs as usual; only the last step, "does
//! this signature verify over these 64 bytes under this key", is recorded,
//! and answered "yes" *provisionally*. The caller that armed the recording
//! ([`recording`]) owns the obligation to verify every recorded check and to
//! throw away (and redo strictly) the result of any item one of whose checks
//! fails. Outside [`recording`] — the default on every thread, and always on
//! a thread the caller did not arm — checks are strict, immediately.
//!
//! A check that `verify_strict` would refuse for a reason a batch cannot
//! see is never recorded but run strictly on the spot: a weak (small-order)
//! public key, and an `R` that does not decompress or has small order (the
//! pre-checks the ed25519-dalek README asks of batch callers).

use std::cell::RefCell;

use crate::keys::{Signature, VerifyingKey};

/// A signature check recorded for later (batched) verification.
#[derive(Debug, Clone)]
pub(crate) struct DeferredSignature {
    /// The public key.
    pub(crate) key: VerifyingKey,
    /// The 64 bytes signed (`proof hash ‖ document hash`).
    pub(crate) message: [u8; 64],
    /// The signature.
    pub(crate) signature: Signature,
}

impl DeferredSignature {
    /// The strict check, as [`check_signature`] would run it undeferred.
    pub(crate) fn verify_strict(&self) -> bool {
        self.key
            .verify_strict(&self.message, &self.signature)
            .is_ok()
    }
}

thread_local! {
    /// `Some` while this thread records (see [`recording`]).
    static RECORDED: RefCell<Option<Vec<DeferredSignature>>> = const { RefCell::new(None) };
}

/// Restores the previous recording state when dropped (also on unwind).
struct Restore(Option<Vec<DeferredSignature>>);

impl Drop for Restore {
    fn drop(&mut self) {
        let previous = self.0.take();
        RECORDED.with(|r| *r.borrow_mut() = previous);
    }
}

fn swap(state: Option<Vec<DeferredSignature>>) -> Option<Vec<DeferredSignature>> {
    RECORDED.with(|r| core::mem::replace(&mut *r.borrow_mut(), state))
}

/// Runs `f` with signature checks on this thread recorded (answered
/// provisionally "verified"), and returns what `f` returned with the checks
/// it recorded, in order.
pub(crate) fn recording<R>(f: impl FnOnce() -> R) -> (R, Vec<DeferredSignature>) {
    let guard = Restore(swap(Some(Vec::new())));
    let out = f();
    let recorded = swap(None).unwrap_or_default();
    drop(guard);
    (out, recorded)
}

/// Runs `f` with signature checks on this thread strict, even inside
/// [`recording`] (for results kept beyond the item being verified, such as a
/// status list's report shared by a whole bulk run).
pub(crate) fn strictly<R>(f: impl FnOnce() -> R) -> R {
    let _guard = Restore(swap(None));
    f()
}

/// The signature check of a proof: strict now, or recorded when this thread
/// is [`recording`] and the strict-only pre-checks pass.
pub(crate) fn check_signature(
    key: &VerifyingKey,
    message: &[u8; 64],
    signature: &Signature,
) -> Result<(), ()> {
    let strict = || key.verify_strict(message, signature).map_err(|_| ());
    // verify_strict refuses a small-order key and a small-order (or
    // undecodable) R; verify_batch checks neither, so such a check is never
    // deferred. `VerifyingKey::from_bytes` decompresses the point, and
    // `is_weak` is exactly the small-order test verify_strict applies.
    if key.is_weak() {
        return strict();
    }
    match VerifyingKey::from_bytes(signature.r_bytes()) {
        Ok(r) if !r.is_weak() => {}
        _ => return strict(),
    }
    let deferred = RECORDED.with(|r| match r.borrow_mut().as_mut() {
        Some(list) => {
            list.push(DeferredSignature {
                key: *key,
                message: *message,
                signature: *signature,
            });
            true
        }
        None => false,
    });
    if deferred {
        Ok(())
    } else {
        strict()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Ed25519KeyPair;

    #[test]
    fn strict_unless_recording() {
        let key = Ed25519KeyPair::from_seed(&[1; 32]);
        let public = key.verifying_key();
        let msg = [7u8; 64];
        let good = key.sign(&msg);
        let bad = key.sign(&[8u8; 64]);
        assert!(check_signature(&public, &msg, &good).is_ok());
        assert!(check_signature(&public, &msg, &bad).is_err());
        let ((a, b), recorded) = recording(|| {
            (
                check_signature(&public, &msg, &good),
                check_signature(&public, &msg, &bad),
            )
        });
        assert!(a.is_ok() && b.is_ok(), "provisionally verified");
        assert_eq!(recorded.len(), 2);
        assert!(recorded[0].verify_strict());
        assert!(!recorded[1].verify_strict());
        // Strict again after recording, and strictly() inside recording.
        assert!(check_signature(&public, &msg, &bad).is_err());
        let (inner, recorded) = recording(|| strictly(|| check_signature(&public, &msg, &bad)));
        assert!(inner.is_err());
        assert!(recorded.is_empty());
    }

    #[test]
    fn weak_keys_are_never_deferred() {
        // The identity point (a small-order point): y = 1.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let weak = VerifyingKey::from_bytes(&identity).unwrap();
        assert!(weak.is_weak());
        // R = identity, s = 0 satisfies R = sB - hA for the identity key
        // whatever the message (a weak-key forgery); verify_strict refuses
        // the small-order key, and so must the bulk path.
        let mut sig = [0u8; 64];
        sig[..32].copy_from_slice(&identity);
        let sig = Signature::from_bytes(&sig);
        let (r, recorded) = recording(|| check_signature(&weak, &[0u8; 64], &sig));
        assert!(r.is_err());
        assert!(recorded.is_empty());
        // A good key but a small-order R: also strict, not deferred.
        let key = Ed25519KeyPair::from_seed(&[2; 32]).verifying_key();
        let (r, recorded) = recording(|| check_signature(&key, &[0u8; 64], &sig));
        assert!(r.is_err());
        assert!(recorded.is_empty());
    }
}
