//! Checking many recorded Ed25519 signatures: `verify_batch` first, then
//! `verify_strict` one by one inside any batch that failed.

use ed25519_dalek::verify_batch;

use super::par;
use crate::keys::{Signature, VerifyingKey};
use crate::proof::deferred::DeferredSignature;

/// Signatures per `verify_batch` call. The dalek benchmarks show the gain
/// per signature flattening out past 64–128; smaller batches also keep the
/// fallback cheap when one signature is bad and spread over the cores.
pub(crate) const BATCH: usize = 64;

/// What checking a set of recorded signatures found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Checked {
    /// One entry per signature: whether it verified.
    pub(crate) ok: Vec<bool>,
    /// `verify_batch` calls made.
    pub(crate) batches: usize,
    /// Of those, how many failed (their signatures were then checked one by
    /// one with `verify_strict`).
    pub(crate) failed_batches: usize,
}

/// Checks every signature: each batch of [`BATCH`] with `verify_batch`;
/// when a batch fails, each of its signatures with `verify_strict`, so the
/// bad one is found. A signature inside a passing batch is accepted (it
/// holds under the batch's random linear combination; the strict-only
/// pre-checks already ran when it was recorded).
pub(crate) fn check(sigs: &[DeferredSignature]) -> Checked {
    let groups: Vec<&[DeferredSignature]> = sigs.chunks(BATCH).collect();
    let results: Vec<(Vec<bool>, bool)> = par::map(&groups, |_, group| {
        let messages: Vec<&[u8]> = group.iter().map(|s| s.message.as_slice()).collect();
        let signatures: Vec<Signature> = group.iter().map(|s| s.signature).collect();
        let keys: Vec<VerifyingKey> = group.iter().map(|s| s.key).collect();
        if verify_batch(&messages, &signatures, &keys).is_ok() {
            (vec![true; group.len()], true)
        } else {
            (
                group.iter().map(DeferredSignature::verify_strict).collect(),
                false,
            )
        }
    });
    let mut out = Checked {
        ok: Vec::with_capacity(sigs.len()),
        batches: results.len(),
        failed_batches: 0,
    };
    for (ok, passed) in results {
        out.ok.extend(ok);
        if !passed {
            out.failed_batches = out.failed_batches.saturating_add(1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Ed25519KeyPair;

    fn sig(i: u8, good: bool) -> DeferredSignature {
        let key = Ed25519KeyPair::from_seed(&[i; 32]);
        let message = [i; 64];
        let signed = if good { message } else { [i ^ 1; 64] };
        DeferredSignature {
            key: key.verifying_key(),
            message,
            signature: key.sign(&signed),
        }
    }

    #[test]
    fn finds_the_bad_one() {
        let mut sigs: Vec<DeferredSignature> = (0..150u8).map(|i| sig(i, true)).collect();
        let all = check(&sigs);
        assert!(all.ok.iter().all(|x| *x));
        assert_eq!((all.batches, all.failed_batches), (3, 0));
        sigs[77] = sig(77, false);
        let one = check(&sigs);
        let bad: Vec<usize> = (0..sigs.len()).filter(|i| !one.ok[*i]).collect();
        assert_eq!(bad, [77]);
        assert_eq!(one.failed_batches, 1);
        assert_eq!(check(&[]).ok, Vec::<bool>::new());
    }
}
