#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! One module per bug found by fuzzing (`fuzz/`, `tests/no_panic_replay.rs`),
//! each with the exact input, in the style of serde_json's `tests/regression/`.

#[path = "regression/jsonld_stack_overflow.rs"]
mod jsonld_stack_overflow;

#[path = "regression/pct_str_invalid_utf8_iri.rs"]
mod pct_str_invalid_utf8_iri;
