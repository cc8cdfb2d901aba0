#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| openbadges_fuzz::model_v3(data));
