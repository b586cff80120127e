//! Document ids seen twice in one run: counted (and reported in
//! `summary.json` with examples) and, with `--unique-ids`, made unique by
//! a `#2`, `#3`… suffix, so that rows of two documents never share an id.
//!
//! Renaming needs the answer as each id comes, so with `--unique-ids` each
//! id is remembered in memory as a 64-bit hash with a count (about 16 to
//! 40 bytes a document: 300 MB for ten million). Counting does not: by
//! default every id goes, with its hash and position, to an external sort
//! ([`crate::spill`], a 2 MB buffer) and the repeats are counted when the
//! run ends, so that memory does not grow with the number of documents.
//! Two distinct ids share a hash with odds of about one in a billion for
//! ten million documents.

use crate::spill::Spill;
use std::collections::{BinaryHeap, HashMap};
use std::hash::BuildHasher;
use std::io;

/// How many duplicated ids `summary.json` lists.
const EXAMPLES: usize = 10;

/// Bytes of ids kept in memory before they are sorted on disk.
const SORT_BUFFER: usize = 2 << 20;

#[derive(Default)]
pub struct IdTracker {
    /// With `--unique-ids`: each id's hash and count.
    seen: HashMap<u64, u32, foldhash::fast::FixedState>,
    /// Otherwise: each id as (hash, position, text), sorted at the end.
    all: Option<Spill>,
    /// Ids checked so far.
    count: u64,
    unique: bool,
    /// Documents whose id had been seen before in the run (complete after
    /// [`IdTracker::finish`]).
    pub duplicates: u64,
    /// The first few ids seen twice.
    pub examples: Vec<String>,
}

impl std::fmt::Debug for IdTracker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdTracker")
            .field("checked", &self.count)
            .field("unique", &self.unique)
            .field("duplicates", &self.duplicates)
            .finish()
    }
}

impl IdTracker {
    /// `unique`: rename repeats (`id#2`) instead of only counting them.
    pub fn new(unique: bool) -> IdTracker {
        IdTracker {
            unique,
            all: (!unique).then(|| Spill::new(SORT_BUFFER, std::env::temp_dir())),
            ..IdTracker::default()
        }
    }

    /// Records `id`, renaming it when it repeats and `unique` is set.
    pub fn check(&mut self, id: &mut String) -> io::Result<()> {
        let h = self.seen.hasher().hash_one(&*id);
        let at = self.count;
        self.count += 1;
        if let Some(all) = &mut self.all {
            let mut rec = Vec::with_capacity(16 + id.len());
            rec.extend_from_slice(&h.to_be_bytes());
            rec.extend_from_slice(&at.to_be_bytes());
            rec.extend_from_slice(id.as_bytes());
            return all.push(&rec);
        }
        let n = self.seen.entry(h).or_insert(0);
        *n += 1;
        if *n == 1 {
            return Ok(());
        }
        self.duplicates += 1;
        if self.examples.len() < EXAMPLES && !self.examples.contains(id) {
            self.examples.push(id.clone());
        }
        if self.unique {
            id.push_str(&format!("#{n}"));
        }
        Ok(())
    }

    /// Counts the repeats among the ids sorted on disk (nothing to do with
    /// `--unique-ids`): `duplicates` and `examples` are then what checking
    /// them one by one would have given.
    pub fn finish(&mut self) -> io::Result<()> {
        let Some(all) = self.all.take() else {
            return Ok(());
        };
        // The ids of the first repeats, by the position of their second
        // occurrence: the EXAMPLES earliest.
        let mut first_repeats: BinaryHeap<(u64, String)> = BinaryHeap::new();
        let mut last: Option<u64> = None;
        let mut seen = 0u64;
        for rec in all.into_sorted()? {
            let rec = rec?;
            let bad = || io::Error::new(io::ErrorKind::InvalidData, "a sorted id record is cut");
            let field = |at: usize| -> io::Result<u64> {
                let b: [u8; 8] = rec
                    .get(at..at + 8)
                    .and_then(|b| b.try_into().ok())
                    .ok_or_else(bad)?;
                Ok(u64::from_be_bytes(b))
            };
            let (h, at) = (field(0)?, field(8)?);
            if last == Some(h) {
                seen += 1;
            } else {
                (last, seen) = (Some(h), 1);
            }
            if seen < 2 {
                continue;
            }
            self.duplicates += 1;
            if seen == 2 {
                let id = String::from_utf8_lossy(&rec[16..]).into_owned();
                first_repeats.push((at, id));
                if first_repeats.len() > EXAMPLES {
                    first_repeats.pop();
                }
            }
        }
        self.examples = first_repeats
            .into_sorted_vec()
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        Ok(())
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
            t.check(id).unwrap();
        }
        assert_eq!(ids, ["a", "b", "a#2", "a#3"]);
        assert_eq!(
            (t.duplicates, t.examples.clone()),
            (2, vec!["a".to_string()])
        );
        let mut t = IdTracker::new(false);
        let mut id = "a".to_string();
        t.check(&mut id).unwrap();
        t.check(&mut id).unwrap();
        t.finish().unwrap();
        assert_eq!((id.as_str(), t.duplicates), ("a", 1));
        // Counted on disk, the repeats and examples are the same as in
        // memory: examples by their first repeat, each once.
        let order = ["c", "b", "a", "b", "c", "c", "d", "a", "e", "e"];
        let (mut disk, mut memory) = (IdTracker::new(false), IdTracker::default());
        for id in order {
            disk.check(&mut id.to_string()).unwrap();
            memory.check(&mut id.to_string()).unwrap();
        }
        disk.finish().unwrap();
        assert_eq!(
            (disk.duplicates, disk.examples.clone()),
            (memory.duplicates, memory.examples.clone())
        );
        assert_eq!(disk.examples, ["b", "c", "a", "e"]);
    }
}
