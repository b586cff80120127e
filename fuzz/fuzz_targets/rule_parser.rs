//! The rule parser and compiler on arbitrary text (see checks::rule_parser).
#![no_main]

#[path = "checks.rs"]
#[allow(dead_code)] // each target uses one of the checks
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    checks::rule_parser(data);
});
