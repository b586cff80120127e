//! The words that tell what kind of name an unlisted name is: the
//! `SUGGEST_*` lists of `rules/suggest.rules`, the title words of the
//! lexicon, and first names taken from the PERSON entries of the gazetteer.

use crate::gazetteer::Gazetteer;
use crate::normalize::fold_phrase;
use crate::rules::RuleSet;
use crate::words::{Phrase, PhraseSet, Set, WordSet};

/// Entity types a guess can name, in the order of [`Votes`].
pub const TYPES: [&str; 4] = ["PERSON", "ORG", "WEAPON", "PLACE"];

/// The cue lists, folded.
#[derive(Debug, Clone, Default)]
pub struct Cues {
    pub org_heads: WordSet,
    pub place_heads: WordSet,
    pub weapon_before: PhraseSet,
    pub org_before: PhraseSet,
    pub place_after: PhraseSet,
    pub connectors: WordSet,
    pub skip: WordSet,
    /// Titles ("president", "spokesman"): a name after one is a person's.
    pub titles: WordSet,
    /// Words that continue a title before its head ("deputy", "prime").
    pub title_words: WordSet,
    /// Month and day names: never names of their own.
    pub calendar: WordSet,
    /// First words of the gazetteer's people ("vladimir", "joe").
    pub first_names: Set<String>,
}

impl Cues {
    /// Reads the lists from the loaded rules and the first names from the
    /// gazetteer's PERSON entries.
    pub fn new(rules: &RuleSet, gaz: &Gazetteer) -> Cues {
        let items = |names: &[&str]| -> Vec<String> {
            rules
                .lists
                .iter()
                .filter(|l| names.contains(&l.name.as_str()))
                .flat_map(|l| l.items.iter().map(|i| fold_phrase(i)))
                .filter(|i| !i.is_empty())
                .collect()
        };
        let words = |names: &[&str]| -> WordSet { items(names).into_iter().collect() };
        let phrases = |names: &[&str]| -> PhraseSet {
            items(names)
                .into_iter()
                .map(|p| p.split(' ').map(str::to_string).collect::<Phrase>())
                .collect::<Vec<Phrase>>()
                .into()
        };
        let person = gaz.type_index("PERSON");
        let first_names = gaz
            .entries()
            .iter()
            .filter(|e| Some(e.etype) == person && !e.generic)
            .filter_map(|e| {
                let folded = fold_phrase(&e.canonical);
                let mut words = folded.split(' ');
                let first = words.next()?;
                // "Joe" of "Joe Biden"; not initials.
                (words.next().is_some() && first.len() > 2).then(|| first.to_string())
            })
            .collect();
        Cues {
            org_heads: words(&["SUGGEST_ORG_HEADS"]),
            place_heads: words(&["SUGGEST_PLACE_HEADS"]),
            weapon_before: phrases(&["SUGGEST_WEAPON_BEFORE"]),
            org_before: phrases(&["SUGGEST_ORG_BEFORE"]),
            place_after: phrases(&["SUGGEST_PLACE_AFTER"]),
            connectors: words(&["SUGGEST_CONNECTORS"]),
            skip: words(&["SUGGEST_SKIP"]),
            titles: words(&["TITLES"]),
            title_words: words(&["TITLE_WORDS"]),
            calendar: words(&["MONTHS", "DAYS"]),
            first_names,
        }
    }
}

/// Evidence for each type ([`TYPES`] order), weighted, with the first
/// reason seen for each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Votes {
    pub weight: [u32; 4],
    pub reason: [Option<String>; 4],
}

/// How much a kind of evidence counts.
pub const STRONG: u32 = 3;
pub const MEDIUM: u32 = 2;
pub const WEAK: u32 = 1;

impl Votes {
    pub fn add(&mut self, etype: usize, weight: u32, reason: impl FnOnce() -> String) {
        self.weight[etype] += weight;
        if self.reason[etype].is_none() {
            self.reason[etype] = Some(reason());
        }
    }

    pub fn merge(&mut self, other: &Votes) {
        for t in 0..4 {
            self.weight[t] += other.weight[t];
            if self.reason[t].is_none() {
                self.reason[t] = other.reason[t].clone();
            }
        }
    }

    /// The type with the most weight (earlier in [`TYPES`] on a tie) and
    /// why; `None` without any evidence.
    pub fn best(&self) -> Option<(usize, &str)> {
        let (t, w) = self
            .weight
            .iter()
            .enumerate()
            .max_by_key(|&(t, w)| (*w, std::cmp::Reverse(t)))?;
        (*w > 0).then(|| (t, self.reason[t].as_deref().unwrap_or("")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_heaviest_type_wins() {
        let mut v = Votes::default();
        assert_eq!(v.best(), None);
        v.add(3, WEAK, || "after in".into());
        v.add(0, MEDIUM, || "first name".into());
        v.add(3, WEAK, || "after near".into());
        assert_eq!(v.best(), Some((0, "first name")));
        v.add(3, WEAK, || "x".into());
        assert_eq!(v.best(), Some((3, "after in")));
    }
}
