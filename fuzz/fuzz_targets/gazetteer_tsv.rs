//! The gazetteer TSV loader on arbitrary text (see checks::gazetteer_tsv).
#![no_main]

#[path = "checks.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::gazetteer_tsv(data);
});
