//! Marking a finding as deliberate: a `#!lint` comment line.
//!
//! ```text
//! #!lint allow common-word           ← the next row (TSV) or statement (rules)
//! Nice<TAB>place/nice<TAB>…
//! #!lint allow-file hidden-entry     ← every row or statement of this file
//! ```
//!
//! Both formats already treat a line starting with `#` as a comment, so the
//! marks change nothing but what `evex lint` reports.

use std::collections::{HashMap, HashSet};

/// The allowed kinds per file: for the whole file, and per line of a row
/// or statement.
#[derive(Debug, Default)]
pub struct Allowances {
    files: HashMap<String, HashSet<String>>,
    lines: HashMap<(String, u64), HashSet<String>>,
}

impl Allowances {
    /// Reads the marks of one file. In a rule file (`rules`), a mark applies
    /// to the next line that starts in column 1 (`rule`, `words`, …); in a
    /// gazetteer, to the next row.
    pub fn add_file(&mut self, file: &str, text: &str, rules: bool) {
        let mut pending: Vec<String> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if let Some(mark) = line.strip_prefix("#!lint") {
                let mut words = mark.split([' ', '\t', ',']).filter(|w| !w.is_empty());
                match words.next() {
                    Some("allow") => pending.extend(words.map(str::to_string)),
                    Some("allow-file") => self
                        .files
                        .entry(file.to_string())
                        .or_default()
                        .extend(words.map(str::to_string)),
                    _ => {}
                }
                continue;
            }
            let indented = rules && line.starts_with([' ', '\t']);
            let statement = !(line.trim().is_empty() || line.starts_with('#') || indented);
            if statement && !pending.is_empty() {
                self.lines
                    .entry((file.to_string(), n as u64 + 1))
                    .or_default()
                    .extend(pending.drain(..));
            }
        }
    }

    /// Is `kind` allowed for the row or statement at `file:line`?
    pub fn allows(&self, file: &str, line: u64, kind: &str) -> bool {
        self.files.get(file).is_some_and(|k| k.contains(kind))
            || self
                .lines
                .get(&(file.to_string(), line))
                .is_some_and(|k| k.contains(kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_apply_to_the_next_row_or_the_file() {
        let mut a = Allowances::default();
        a.add_file(
            "g.tsv",
            "#!lint allow-file hidden-entry\ncanonical\ttype\n#!lint allow common-word, shared-alias\n# note\nNice\tPLACE\nSaid\tPERSON\n",
            false,
        );
        a.add_file(
            "r.rules",
            "#!lint allow unused-list\nwords X = a\n#!lint allow no-require\nrule r\n  event ATTACK\n",
            true,
        );
        assert!(a.allows("g.tsv", 5, "common-word") && a.allows("g.tsv", 5, "shared-alias"));
        assert!(!a.allows("g.tsv", 6, "common-word"));
        assert!(a.allows("g.tsv", 6, "hidden-entry"));
        assert!(a.allows("r.rules", 2, "unused-list") && a.allows("r.rules", 4, "no-require"));
        assert!(!a.allows("r.rules", 5, "no-require"));
    }
}
