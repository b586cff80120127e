//! The gazetteer TSV loader on arbitrary text: as a file of its own and as
//! a user file merged over a small base; when it loads, the automaton is
//! built too. No panic; errors are values.
#![no_main]

use evex::gazetteer::{Gazetteer, Matcher, Source};
use libfuzzer_sys::fuzz_target;

const BASE: &str = "canonical\ttype\taliases\tstands_for\nRussia\tPLACE\tRussian Federation\t\nKremlin\tORG\t\tRussia\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let source = |name: &str, text: &str, user: bool| Source {
        name: name.into(),
        text: text.into(),
        user,
    };
    let alone = Gazetteer::build(&[source("place.tsv", &text, false)]);
    let merged = Gazetteer::build(&[
        source("base.tsv", BASE, false),
        source("user.tsv", &text, true),
    ]);
    for gaz in [alone, merged].into_iter().flatten() {
        let _ = Matcher::new(&gaz, ["attack", "strike"]);
        let _ = gaz.stats();
    }
});
