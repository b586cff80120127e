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

use crate::segment::{Segmenter, Sentence, Token, TokenKind, tokenize};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Appends the folded form of one word to `out` (UTF-8, and it stays so).
#[inline]
fn fold_word_bytes(word: &str, out: &mut Vec<u8>) {
    if word.is_ascii() {
        // Most words: one lower-casing copy, no per-character work.
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase()));
        return;
    }
    for c in word.chars() {
        fold_char_into(c, out, true);
    }
}

/// Appends `c` (UTF-8) with diacritics removed, lower-cased when `lower` is set.
fn fold_char_into(c: char, out: &mut Vec<u8>, lower: bool) {
    let mut push = |c: char| out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    if c.is_ascii() {
        push(if lower { c.to_ascii_lowercase() } else { c });
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
            out.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
        } else {
            out.extend_from_slice(s.as_bytes());
        }
        return;
    }
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if lower {
            d.to_lowercase().for_each(&mut push);
        } else {
            push(d);
        }
    });
}

/// A buffer that only ever received whole characters, back as a `String`.
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The top bit of each of 16 bytes.
const HIGH_BITS: u128 = u128::from_le_bytes([0x80; 16]);

/// The folded view under construction, token by token (see
/// [`fold_tokens`] for the layout).
pub(crate) struct View {
    buf: Vec<u8>,
}

impl View {
    /// Starts a view, reusing `out`'s buffer.
    pub(crate) fn start(out: &mut String, text_len: usize) -> View {
        let mut buf = std::mem::take(out).into_bytes();
        buf.clear();
        buf.reserve(text_len + text_len / 8 + 2);
        buf.push(b' ');
        View { buf }
    }

    /// The separator between two sentences.
    pub(crate) fn sentence_break(&mut self) {
        self.buf.extend_from_slice(b". ");
    }

    /// Appends the next token and records where its folded form lies.
    #[inline(always)]
    pub(crate) fn token(&mut self, text: &str, t: &mut Token) {
        let at = self.buf.len() as u32;
        t.fstart = at;
        if t.kind == TokenKind::Punct {
            t.fend = at;
            return;
        }
        let (a, b) = (t.start as usize, t.end as usize);
        let n = b - a;
        // Most words are short and ASCII: one fixed 16-byte load tests all
        // their bytes at once and is copied whole (then cut back), where a
        // copy of the exact length would be a call to `memcpy` per word.
        // They are lower-cased in `finish`, all at once.
        if n <= 16
            && let Some(chunk) = text.as_bytes().get(a..a + 16)
        {
            let mut fixed = [0u8; 16];
            fixed.copy_from_slice(chunk);
            let high = u128::from_le_bytes(fixed) & (HIGH_BITS >> (8 * (16 - n)));
            if high == 0 {
                self.buf.extend_from_slice(&fixed);
                self.buf.truncate(at as usize + n);
            } else {
                fold_word_bytes(&text[a..b], &mut self.buf);
            }
        } else if text.as_bytes()[a..b].is_ascii() {
            self.buf.extend_from_slice(&text.as_bytes()[a..b]);
        } else {
            fold_word_bytes(&text[a..b], &mut self.buf);
        }
        t.fend = self.buf.len() as u32;
        if t.fend > at {
            self.buf.push(b' ');
        }
    }

    /// Lower-cases the ASCII letters (one vectorised pass instead of one per
    /// word; what folding wrote for non-ASCII letters is lower case already,
    /// and UTF-8 continuation bytes are not ASCII) and hands the view over.
    pub(crate) fn finish(mut self, out: &mut String) {
        self.buf.make_ascii_lowercase();
        *out = into_string(self.buf);
    }
}

/// Builds the folded view of `text` into `out` and records in each word token
/// where its folded form lies. Punctuation tokens get an empty range at the
/// position where they would be.
///
/// The view is built as bytes (a text's worth of one-byte pushes through
/// `String` would cost a check per character) and validated once at the end.
pub fn fold_tokens(text: &str, tokens: &mut [Token], sentences: &[Sentence], out: &mut String) {
    let mut view = View::start(out, text.len());
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            view.sentence_break();
        }
        for t in &mut tokens[s.first_token as usize..s.end_token as usize] {
            view.token(text, t);
        }
    }
    view.finish(out);
}

/// Segmentation ([`Segmenter::segment`]) and [`fold_tokens`] in one pass,
/// with the same results: each word is folded into `folded` as soon as it
/// is found, and a sentence break (decided from the tokens before, so it is
/// known when the next token arrives) writes the separator. This is the
/// pipeline's path: it reads every token once instead of three times.
pub fn segment_folded(
    seg: &Segmenter,
    text: &str,
    tokens: &mut Vec<Token>,
    sentences: &mut Vec<Sentence>,
    folded: &mut String,
) {
    let mut view = View::start(folded, text.len());
    seg.segment_with(text, tokens, sentences, |t, breaks| {
        if breaks {
            view.sentence_break();
        }
        view.token(text, t);
    });
    view.finish(folded);
}

/// Folds a phrase the way [`fold_tokens`] folds a text: words lower-cased,
/// accents stripped, joined by single spaces (no padding).
pub fn fold_phrase(phrase: &str) -> String {
    join_words(phrase, fold_word_bytes)
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
fn join_words(phrase: &str, mut write: impl FnMut(&str, &mut Vec<u8>)) -> String {
    let mut out = Vec::with_capacity(phrase.len());
    tokenize(phrase, |start, end, kind, _, _| {
        if kind == TokenKind::Punct {
            return;
        }
        if !out.is_empty() {
            out.push(b' ');
        }
        write(&phrase[start as usize..end as usize], &mut out);
    });
    into_string(out)
}

/// Does the original word equal `expected` (accents stripped, case kept)?
/// Compares without allocating.
pub fn word_equals_stripped(word: &str, expected: &str) -> bool {
    if word.is_ascii() {
        return word == expected;
    }
    let mut buf = Vec::new();
    for c in word.chars() {
        fold_char_into(c, &mut buf, false);
    }
    buf == expected.as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn every_word_folds_as_on_its_own() {
        // Short and long words, ASCII and not, near the end of the text and
        // far from it: the fast paths must agree with folding a word alone.
        let text = "The Bundeswehr’s Überwachungsflugzeug met KYÏV officials; \
                    internationalization, Straße, F-16s, 10,000 troops and \
                    Zaporizhzhia. Ok, Łódź ï";
        let seg = Segmenter::default();
        let (mut t, mut s, mut f) = (Vec::new(), Vec::new(), String::new());
        segment_folded(&seg, text, &mut t, &mut s, &mut f);
        for tok in t.iter().filter(|t| t.is_word()) {
            let word = &text[tok.start as usize..tok.end as usize];
            assert_eq!(
                &f[tok.fstart as usize..tok.fend as usize],
                fold_phrase(word),
                "{word}"
            );
        }
    }

    #[test]
    fn stripped_comparison() {
        assert!(word_equals_stripped("US", "US"));
        assert!(!word_equals_stripped("us", "US"));
        assert!(word_equals_stripped("Kyïv", "Kyiv"));
    }

    #[test]
    fn one_pass_equals_segment_then_fold() {
        let seg = Segmenter::new(["mr".to_string(), "gen".to_string()]);
        let mut texts = vec![
            "Mr. Smith met Gen. Jones in the U.S. capital. Joseph R. Biden left. Then it rained!"
                .to_string(),
            "KYIV, Nov 20 (Reuters) - Russia fired 10,000 shells at Kyïv’s\n\nSTRASSE — Łódź"
                .to_string(),
            "\u{201c}We will respond.\u{201d} The minister left.\nNext line".to_string(),
            "word ".repeat(900),
            String::new(),
        ];
        for f in std::fs::read_dir("examples/articles")
            .into_iter()
            .flatten()
            .flatten()
        {
            texts.extend(std::fs::read_to_string(f.path()));
        }
        for text in &texts {
            let (mut t1, mut s1, mut f1) = (Vec::new(), Vec::new(), String::new());
            seg.segment(text, &mut t1, &mut s1);
            fold_tokens(text, &mut t1, &s1, &mut f1);
            let (mut t2, mut s2, mut f2) = (Vec::new(), Vec::new(), String::from("junk"));
            segment_folded(&seg, text, &mut t2, &mut s2, &mut f2);
            assert_eq!((t1, s1, f1), (t2, s2, f2), "{text:?}");
        }
    }
}
