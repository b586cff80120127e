//! Document ids seen twice in one run: counted (and reported in
//! `summary.json` with examples) and, with `--unique-ids`, made unique by
//! a `#2`, `#3`… suffix, so that rows of two documents never share an id.
//!
//! Each id is remembered as a 64-bit hash with a count (16 bytes), so a
//! dump of ten million documents costs about 300 MB at most; two distinct
//! ids share a hash with odds of about one in a billion for that size.

use std::collections::HashMap;
use std::hash::BuildHasher;

/// How many duplicated ids `summary.json` lists.
const EXAMPLES: usize = 10;

#[derive(Debug, Default)]
pub struct IdTracker {
    seen: HashMap<u64, u32, foldhash::fast::FixedState>,
    unique: bool,
    /// Documents whose id had been seen before in the run.
    pub duplicates: u64,
    /// The first few ids seen twice.
    pub examples: Vec<String>,
}

impl IdTracker {
    /// `unique`: rename repeats (`id#2`) instead of only counting them.
    pub fn new(unique: bool) -> IdTracker {
        IdTracker {
            unique,
            ..IdTracker::default()
        }
    }

    /// Records `id`, renaming it when it repeats and `unique` is set.
    pub fn check(&mut self, id: &mut String) {
        let h = self.seen.hasher().hash_one(&*id);
        let n = self.seen.entry(h).or_insert(0);
        *n += 1;
        if *n == 1 {
            return;
        }
        self.duplicates += 1;
        if self.examples.len() < EXAMPLES && !self.examples.contains(id) {
            self.examples.push(id.clone());
        }
        if self.unique {
            id.push_str(&format!("#{n}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_are_counted_and_optionally_renamed() {
        let mut t = IdTracker::new(true);
        let mut ids: Vec<String> = ["a", "b", "a", "a"].map(String::from).to_vec();
        for id in &mut ids {
            t.check(id);
        }
        assert_eq!(ids, ["a", "b", "a#2", "a#3"]);
        assert_eq!(
            (t.duplicates, t.examples.clone()),
            (2, vec!["a".to_string()])
        );
        let mut t = IdTracker::new(false);
        let mut id = "a".to_string();
        t.check(&mut id);
        t.check(&mut id);
        assert_eq!((id.as_str(), t.duplicates), ("a", 1));
    }
}
