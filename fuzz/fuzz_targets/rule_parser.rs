//! The rule language on arbitrary text: parsed, then compiled against a
//! small gazetteer as a user rule file over no defaults. No panic; errors
//! point at a place inside the text.
#![no_main]

use evex::gazetteer::{Gazetteer, Source};
use evex::rules::{RuleError, RuleSet};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::build(&[Source {
        name: "place.tsv".into(),
        text: "canonical\ttype\taliases\nRussia\tPLACE\tRussian Federation\nKremlin\tORG\t\nShahed\tWEAPON\t\n".into(),
        user: false,
    }])
    .expect("the fuzz gazetteer loads")
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let lines = text.lines().count() as u64 + 1;
    if let Err(RuleError::At { line, .. }) = evex::rules::parse::parse("fuzz.rules", &text) {
        assert!(line >= 1 && line <= lines, "line {line} of {lines}");
    }
    let _ = RuleSet::build(
        &[evex::rules::Source {
            name: "fuzz.rules".into(),
            text,
            user: true,
        }],
        &GAZETTEER,
    );
});
