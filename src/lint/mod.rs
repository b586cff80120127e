//! Static checks of gazetteers and rules (`evex lint`).
//!
//! Each check reads the compiled [`Pipeline`] (so it sees exactly what a run
//! would use, user files merged over the defaults) and reports findings as
//! `file:line: kind: message`, like a compiler. A finding that is deliberate
//! is silenced with a `#!lint allow KIND` line above the row or statement
//! (see [`allow`]).

pub mod allow;
mod gazetteer;
mod rules;

use crate::pipeline::Pipeline;
use crate::words::Set;
pub use allow::Allowances;

/// One problem, at a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub file: String,
    pub line: u64,
    /// The line of the row or statement that a `#!lint allow` mark must
    /// precede (the rule's line for a failing example).
    pub anchor: u64,
    /// `shared-alias`, `hidden-entry`, `common-word`, `derived-id`,
    /// `stands-for-chain`, `stands-for-cycle`, `unreachable-trigger`,
    /// `unreachable-rule`, `unused-list`, `no-require`, `example`.
    pub kind: &'static str,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.file, self.line, self.kind, self.message
        )
    }
}

/// `file:line` → (file, line).
fn split_origin(origin: &str) -> (String, u64) {
    match origin.rsplit_once(':') {
        Some((f, l)) => (f.to_string(), l.parse().unwrap_or(0)),
        None => (origin.to_string(), 0),
    }
}

/// A finding at the row or statement `origin` (`file:line`).
fn finding(origin: &str, kind: &'static str, message: String) -> Finding {
    let (file, line) = split_origin(origin);
    Finding {
        file,
        line,
        anchor: line,
        kind,
        message,
    }
}

/// Runs every check on `p`. `allowances` holds the `#!lint` marks of the
/// loaded files; the findings they allow are left out. Sorted by file and
/// line.
pub fn lint(p: &Pipeline, allowances: &Allowances) -> Vec<Finding> {
    let g = p.gazetteer();
    let mut out = Vec::new();
    gazetteer::shared_aliases(g, &mut out);
    let lexical: Set<String> = p
        .rules()
        .lists
        .iter()
        .filter(|l| ["DAYS", "MONTHS", "TITLES", "TITLE_WORDS"].contains(&l.name.as_str()))
        .flat_map(|l| l.items.iter().map(|i| crate::normalize::fold_phrase(i)))
        .collect();
    gazetteer::common_words(g, &lexical, &mut out);
    gazetteer::derived_ids(g, &mut out);
    gazetteer::stands_for(g, &mut out);
    rules::unreachable_triggers(p, &mut out);
    rules::unused_lists(p, &mut out);
    rules::no_require(p, &mut out);
    rules::unknown_attributes(p, &mut out);
    rules::examples(p, &mut out);
    out.retain(|f| !allowances.allows(&f.file, f.anchor, f.kind));
    out.sort_by(|a, b| (&a.file, a.line, a.kind).cmp(&(&b.file, b.line, b.kind)));
    out.dedup();
    out
}
