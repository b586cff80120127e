//! The text normalisation of `../shared/eval/score.py` (`norm`), so that
//! `evex eval` compares names exactly as the scorer does.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};

/// Compatibility-decomposes, drops combining marks, lower-cases, turns
/// every character that is not a letter or digit into a space, and drops
/// the word "the": `"The Kremlin’s"` → `"kremlin s"`.
pub fn norm(s: &str) -> String {
    let mut folded = String::with_capacity(s.len());
    for c in s.nfkd() {
        if canonical_combining_class(c) != 0 {
            continue;
        }
        for l in c.to_lowercase() {
            // Python's `isalnum`: letters and numbers, but not the marks
            // that Unicode counts as alphabetic.
            let alnum = l.is_alphanumeric() && !is_combining_mark(l);
            folded.push(if alnum { l } else { ' ' });
        }
    }
    let words: Vec<&str> = folded.split_whitespace().filter(|w| *w != "the").collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::norm;

    #[test]
    fn matches_the_scorer() {
        assert_eq!(norm(""), "");
        assert_eq!(norm("  The  the THE "), "");
        assert_eq!(norm("Côte d'Ivoire"), "cote d ivoire");
        assert_eq!(norm("Theresa"), "theresa");
        assert_eq!(norm("ﬁve Ⅻ"), "five xii");
        assert_eq!(norm("10,000"), "10 000");
        assert_eq!(norm("Zaporizhzhia NPP"), "zaporizhzhia npp");
    }
}

/// The examples of the doc comments above (a private module's doc
/// examples do not run as doc tests).
#[cfg(test)]
mod examples {
    use super::*;

    #[test]
    fn norm_example() {
        assert_eq!(norm("The Kremlin’s"), "kremlin s");
        assert_eq!(norm("Kyïv"), "kyiv");
        assert_eq!(norm("U.S.-made"), "u s made");
    }
}
