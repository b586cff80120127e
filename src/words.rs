//! Word sets, phrase sets and hash maps keyed by folded words: the lookup
//! structures shared by the gazetteer, resolution and the rules.
//!
//! They live apart from any stage so that stages can share them without
//! importing each other.

use std::collections::{HashMap, HashSet};

/// A phrase as folded words.
pub type Phrase = Box<[String]>;

/// Hash maps and sets keyed by folded words. A fixed fast hash: the keys
/// are our own data, and lookups happen once per word of every document.
pub type Map<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
pub type Set<K> = HashSet<K, foldhash::fast::FixedState>;

/// A list of phrases indexed by first and last word, so checking whether
/// any of them starts or ends at a position costs one lookup, however long
/// the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhraseSet {
    all: Vec<Phrase>,
    by_first: Map<String, Vec<Phrase>>,
    by_last: Map<String, Vec<Phrase>>,
    /// A sketch of the last words (see [`word_bit`]): the rules ask "does a
    /// cue end here?" at every word of a window, and most words end no
    /// phrase, so a bit test answers before any hashing.
    last_sketch: Sketch,
    /// The same for the first words: the shallow parser asks "does a
    /// reporting phrase start here?" at every word of a sentence.
    first_sketch: Sketch,
}

/// A set of folded words with a `word_bit` sketch in front: most words
/// asked about (every word of a window) are not in it, and a bit test says
/// so before any hashing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSet {
    words: Set<String>,
    sketch: Sketch,
}

/// One bit per [`word_bit`] value.
type Sketch = [u64; SKETCH_BITS / 64];

/// Bits in a sketch: 1024 rather than 256, which let a common word through
/// to a hash lookup that finds nothing about once in seven asks (the
/// rules and the parser ask some 50 million times on 50 MB of news).
const SKETCH_BITS: usize = 1024;

impl WordSet {
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let bit = word_bit(word);
        self.sketch[bit / 64] & (1 << (bit % 64)) != 0 && self.words.contains(word)
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> WordSet {
        let mut set = WordSet::default();
        for w in iter {
            let bit = word_bit(&w);
            set.sketch[bit / 64] |= 1 << (bit % 64);
            set.words.insert(w);
        }
        set
    }
}

/// A word's bit in a sketch, from its length and its first and last bytes
/// (no hashing of the whole word).
#[inline]
fn word_bit(word: &str) -> usize {
    let b = word.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            (usize::from(f).wrapping_mul(31)
                ^ usize::from(l).wrapping_mul(7)
                ^ b.len().wrapping_mul(97))
                & (SKETCH_BITS - 1)
        }
        _ => 0,
    }
}

impl PhraseSet {
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    pub fn len(&self) -> usize {
        self.all.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Phrase> {
        self.all.iter()
    }

    /// The phrases whose last word is `word`.
    #[inline]
    pub fn ending_with(&self, word: &str) -> &[Phrase] {
        let bit = word_bit(word);
        if self.last_sketch[bit / 64] & (1 << (bit % 64)) == 0 {
            return &[];
        }
        self.by_last.get(word).map_or(&[], Vec::as_slice)
    }

    /// The phrases whose first word is `word`.
    #[inline]
    pub fn starting_with(&self, word: &str) -> &[Phrase] {
        let bit = word_bit(word);
        if self.first_sketch[bit / 64] & (1 << (bit % 64)) == 0 {
            return &[];
        }
        self.by_first.get(word).map_or(&[], Vec::as_slice)
    }
}

impl From<Vec<Phrase>> for PhraseSet {
    fn from(all: Vec<Phrase>) -> PhraseSet {
        let mut by_first: Map<String, Vec<Phrase>> = Map::default();
        let mut by_last: Map<String, Vec<Phrase>> = Map::default();
        let mut last_sketch: Sketch = [0; SKETCH_BITS / 64];
        let mut first_sketch: Sketch = [0; SKETCH_BITS / 64];
        for p in &all {
            if let (Some(f), Some(l)) = (p.first(), p.last()) {
                by_first.entry(f.clone()).or_default().push(p.clone());
                by_last.entry(l.clone()).or_default().push(p.clone());
                let bit = word_bit(l);
                last_sketch[bit / 64] |= 1 << (bit % 64);
                let bit = word_bit(f);
                first_sketch[bit / 64] |= 1 << (bit % 64);
            }
        }
        PhraseSet {
            all,
            by_first,
            by_last,
            last_sketch,
            first_sketch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_phrase_sets_find_what_they_hold() {
        let words = ["was", "were", "been", "being", "a"];
        let set: WordSet = words.iter().map(|w| w.to_string()).collect();
        assert!(words.iter().all(|w| set.contains(w)));
        assert!(
            !["is", "wax", "", "beings", "A"]
                .iter()
                .any(|w| set.contains(w))
        );
        let phrases: Vec<Phrase> = vec![
            vec!["according".to_string(), "to".to_string()].into(),
            vec!["said".to_string()].into(),
        ];
        let ps = PhraseSet::from(phrases);
        assert_eq!(ps.ending_with("to").len(), 1);
        assert_eq!(ps.ending_with("said").len(), 1);
        assert!(ps.ending_with("according").is_empty() && ps.ending_with("too").is_empty());
    }
}
