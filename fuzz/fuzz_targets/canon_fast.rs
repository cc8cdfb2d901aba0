#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openbadges_fuzz::canon_fast(data));
