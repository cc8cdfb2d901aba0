//! Verification: the per-check report and the options a verifier runs with.

pub mod report;
