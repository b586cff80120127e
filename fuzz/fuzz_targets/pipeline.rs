//! The whole pipeline on arbitrary bytes (see checks::pipeline).
#![no_main]

#[path = "checks.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::pipeline(data);
});
