//! Normalisation: the folded view of a text that gazetteers and rules match on.
//!
//! Folding lower-cases, strips diacritics ("Kyïv" → "kyiv", "Türkiye" →
//! "turkiye") and replaces every run of punctuation and whitespace between
//! words by one space, so that apostrophes (straight or curly), possessives,
//! hyphens, dots in "U.S." and non-breaking spaces all look alike. The folded
//! view is padded with a space at both ends, and a lone `.` separates
//! sentences, so a pattern written as `" word "` matches whole words only and
//! never across a sentence boundary.
//!
//! Folding is done word by word into one reused buffer: ASCII bytes are
//! lower-cased in place, and only non-ASCII characters go through Unicode
//! decomposition. Each token records where its folded form lies, which keeps
//! every match traceable to original byte offsets.

use crate::segment::{Sentence, Token, TokenKind, tokenize};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends the folded form of one word to `out`.
pub fn fold_word_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        // Most words: one lower-casing copy, no per-character work.
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        fold_char_into(c, out, true);
    }
}

/// Appends `c` with diacritics removed, lower-cased when `lower` is set.
fn fold_char_into(c: char, out: &mut String, lower: bool) {
    if c.is_ascii() {
        out.push(if lower { c.to_ascii_lowercase() } else { c });
        return;
    }
    // Letters that carry no decomposition but have a conventional ASCII form.
    let special = match c {
        'ß' => Some("ss"),
        'æ' => Some("ae"),
        'Æ' => Some("AE"),
        'œ' => Some("oe"),
        'Œ' => Some("OE"),
        'ø' => Some("o"),
        'Ø' => Some("O"),
        'ł' => Some("l"),
        'Ł' => Some("L"),
        'đ' | 'ð' => Some("d"),
        'Đ' | 'Ð' => Some("D"),
        'þ' => Some("th"),
        'Þ' => Some("TH"),
        'ı' => Some("i"),
        _ => None,
    };
    if let Some(s) = special {
        if lower {
            out.extend(s.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            out.push_str(s);
        }
        return;
    }
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if lower {
            out.extend(d.to_lowercase());
        } else {
            out.push(d);
        }
    });
}

/// Builds the folded view of `text` into `out` and records in each word token
/// where its folded form lies. Punctuation tokens get an empty range at the
/// position where they would be.
pub fn fold_tokens(text: &str, tokens: &mut [Token], sentences: &[Sentence], out: &mut String) {
    out.clear();
    out.push(' ');
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            out.push_str(". ");
        }
        for t in &mut tokens[s.first_token as usize..s.end_token as usize] {
            let at = out.len() as u32;
            if t.kind == TokenKind::Punct {
                t.fstart = at;
                t.fend = at;
                continue;
            }
            fold_word_into(&text[t.start as usize..t.end as usize], out);
            t.fstart = at;
            t.fend = out.len() as u32;
            if t.fend > at {
                out.push(' ');
            }
        }
    }
}

/// Folds a phrase the way [`fold_tokens`] folds a text: words lower-cased,
/// accents stripped, joined by single spaces (no padding).
pub fn fold_phrase(phrase: &str) -> String {
    join_words(phrase, fold_word_into)
}

/// The words of `phrase` with accents stripped but case kept, joined by single
/// spaces: what an alias with exact case must look like in the text.
pub fn strip_phrase(phrase: &str) -> String {
    join_words(phrase, |word, out| {
        for c in word.chars() {
            fold_char_into(c, out, false);
        }
    })
}

/// Writes each word of `phrase` with `write`, separated by single spaces.
fn join_words(phrase: &str, mut write: impl FnMut(&str, &mut String)) -> String {
    let mut out = String::with_capacity(phrase.len());
    tokenize(phrase, |start, end, kind, _, _| {
        if kind == TokenKind::Punct {
            return;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        write(&phrase[start as usize..end as usize], &mut out);
    });
    out
}

/// Does the original word equal `expected` (accents stripped, case kept)?
/// Compares without allocating.
pub fn word_equals_stripped(word: &str, expected: &str) -> bool {
    if word.is_ascii() {
        return word == expected;
    }
    let mut buf = String::new();
    for c in word.chars() {
        fold_char_into(c, &mut buf, false);
    }
    buf == expected
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Segmenter;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold_phrase("KYÏV"), "kyiv");
        assert_eq!(fold_phrase("Türkiye"), "turkiye");
        assert_eq!(fold_phrase("Putin’s"), "putin s");
        assert_eq!(fold_phrase("U.S.-made F-16"), "u s made f 16");
        assert_eq!(fold_phrase("Straße\u{a0}Łódź"), "strasse lodz");
        assert_eq!(fold_phrase("over 10,000"), "over 10,000");
        assert_eq!(strip_phrase("Côte d’Ivoire"), "Cote d Ivoire");
    }

    #[test]
    fn folded_view_keeps_token_offsets_and_sentence_marks() {
        let text = "Kyïv’s mayor spoke. US troops left.";
        let seg = Segmenter::default();
        let (mut t, mut s, mut f) = (Vec::new(), Vec::new(), String::new());
        seg.segment(text, &mut t, &mut s);
        fold_tokens(text, &mut t, &s, &mut f);
        assert_eq!(f, " kyiv s mayor spoke . us troops left ");
        let kyiv = t[0];
        assert_eq!(&text[kyiv.start as usize..kyiv.end as usize], "Kyïv");
        assert_eq!(&f[kyiv.fstart as usize..kyiv.fend as usize], "kyiv");
    }

    #[test]
    fn stripped_comparison() {
        assert!(word_equals_stripped("US", "US"));
        assert!(!word_equals_stripped("us", "US"));
        assert!(word_equals_stripped("Kyïv", "Kyiv"));
    }
}
