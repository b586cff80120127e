//! English words that are common in lower case (`rules/common_words.txt`,
//! derived from wordfreq and the SCOWL word lists by
//! `scripts/words/common_words.py`; see `gazetteers/SOURCES.md`).
//!
//! `evex lint` flags gazetteer aliases that are one of these words and match
//! in any case ("Nice" would match "nice"); `evex suggest` does not propose a
//! capitalised word that is one of them (a sentence's first word).

use crate::words::Set;
use std::sync::LazyLock;

static TEXT: &str = include_str!("../rules/common_words.txt");

static WORDS: LazyLock<Set<&'static str>> = LazyLock::new(|| {
    TEXT.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Is `folded` (lower case, no accents) a common English word?
pub fn is_common(folded: &str) -> bool {
    WORDS.contains(folded)
}

/// The examples of the doc comments above (a private module's doc
/// examples do not run as doc tests).
#[cfg(test)]
mod examples {
    use super::*;

    #[test]
    fn is_common_example() {
        assert!(is_common("said"));
        assert!(!is_common("kyiv"));
    }
}
