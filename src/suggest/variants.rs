//! Spelling variants: an unmatched name that is one or two edits away from
//! a gazetteer name ("Zelenskiy" for the listed "Zelenskyy"), or a surname
//! used before the full name was ("Zelensky said" with no "Volodymyr
//! Zelensky" earlier).

use crate::common_words::is_common;
use crate::gazetteer::{AliasKind, Gazetteer};
use crate::spelling::{distance, skeleton};
use std::collections::HashMap;

/// Names shorter than this (in characters) are too short to compare:
/// "Mali" and "Bali" are both real.
const MIN_CHARS: usize = 5;

/// What an unmatched name is, relative to the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub entry: u32,
    /// The listed form it is near (as written in the gazetteer).
    pub listed: String,
    /// 0: it is the entry's surname, unmatched only because the full name
    /// did not come first.
    pub distance: usize,
}

/// Gazetteer forms grouped by first character and length, so that a name
/// is compared with a few hundred forms at most.
pub struct VariantIndex<'g> {
    gaz: &'g Gazetteer,
    buckets: HashMap<(char, usize), Vec<usize>>,
}

impl<'g> VariantIndex<'g> {
    pub fn new(gaz: &'g Gazetteer) -> VariantIndex<'g> {
        let mut buckets: HashMap<(char, usize), Vec<usize>> = HashMap::new();
        for (p, form) in gaz.patterns().iter().enumerate() {
            let form = &form[1..];
            let n = form.chars().count();
            if n < MIN_CHARS {
                continue;
            }
            if let Some(c) = form.chars().next() {
                buckets.entry((c, n)).or_default().push(p);
            }
        }
        VariantIndex { gaz, buckets }
    }

    /// The nearest gazetteer form of `key` (a folded name) with as many
    /// words: within one edit (two for names of eight or more characters),
    /// the first letter and the consonants ([`skeleton`]) the same, and not
    /// the form plus an ending ("Baltic" is not a spelling of "Balti").
    pub fn find(&self, key: &str) -> Option<Variant> {
        let n = key.chars().count();
        let first = key.chars().next()?;
        if n < MIN_CHARS || key.split(' ').all(is_common) {
            return None;
        }
        let outline = skeleton(key);
        let max = if n >= 8 { 2 } else { 1 };
        let words = key.split(' ').count();
        let mut best: Option<(usize, usize)> = None;
        for len in n.saturating_sub(max)..=n + max {
            for &p in self.buckets.get(&(first, len)).into_iter().flatten() {
                let form = &self.gaz.patterns()[p][1..];
                if form.split(' ').count() != words
                    || (form != key
                        && (form.starts_with(key) || key.starts_with(form))
                        && !ends_alike(key, form))
                    || skeleton(form) != outline
                {
                    continue;
                }
                if let Some(d) = distance(key, form, max)
                    && best.is_none_or(|(bd, bp)| (d, p) < (bd, bp))
                {
                    best = Some((d, p));
                }
            }
        }
        let (d, p) = best?;
        let aliases = self.gaz.pattern_aliases(p);
        // The same form: only a surname waiting for its full name is
        // unmatched with a listed form.
        let alias = if d == 0 {
            aliases
                .iter()
                .map(|&a| self.gaz.alias(a))
                .find(|a| a.kind == AliasKind::Partial)?
        } else {
            self.gaz.alias(*aliases.first()?)
        };
        Some(Variant {
            entry: alias.entry,
            listed: alias.stripped.to_string(),
            distance: d,
        })
    }
}

/// Of two names, one the other plus an ending: is that ending a spelling
/// difference ("Zelensky"/"Zelenskyy", "Rafa"/"Rafah") rather than a suffix
/// that makes another word ("Korea"/"Korean", "Balti"/"Baltic")?
fn ends_alike(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    matches!(&long[short.len()..], "y" | "h" | "e")
}

#[cfg(test)]
mod tests {
    use super::ends_alike;

    #[test]
    fn endings_that_make_other_words_are_not_variants() {
        assert!(ends_alike("zelensky", "zelenskyy"));
        assert!(ends_alike("rafah", "rafa"));
        assert!(!ends_alike("korea", "korean"));
        assert!(!ends_alike("christiana", "christian"));
    }
}
