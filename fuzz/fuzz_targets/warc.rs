//! The WARC reader on arbitrary bytes (see checks::warc).
#![no_main]

#[path = "checks.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::warc(data);
});
