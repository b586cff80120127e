//! Segmentation: split a text into tokens and sentences, keeping byte offsets.
//!
//! Tokens are maximal runs of letters/digits (words and numbers) or single
//! punctuation characters. A number keeps its inner separators ("10,000",
//! "7.9") so that a quantity stays one token. Sentences end at `.`, `!` or `?`
//! before a capitalised word (unless the word before the full stop is a known
//! abbreviation or an initial) and at line breaks that start a new
//! capitalised line: news dumps put headlines, bylines and paragraphs on lines
//! of their own, and a rule must not join a headline to the first sentence.
//!
//! The abbreviation list is data (`words ABBREVIATIONS` in the rule files).

use std::collections::HashSet;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// One token. `start..end` are byte offsets into the original text;
/// `fstart..fend` are byte offsets into the folded view that the
/// normalisation stage builds (empty for punctuation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub fstart: u32,
    pub fend: u32,
    pub kind: TokenKind,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    /// Number of line breaks in the whitespace before this token (capped at 2).
    pub newlines_before: u8,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind != TokenKind::Punct
    }
}

/// One sentence: a byte range of the original text and the tokens it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: u32,
    pub end: u32,
    pub first_token: u32,
    pub end_token: u32,
}

/// Is `c` part of a word? Letters, digits and combining marks (so that a
/// decomposed "ï" stays inside its word).
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Curly quotes, dashes and special spaces (General Punctuation) are
    // common in news and never part of a word: no table lookup for them.
    if ('\u{2000}'..='\u{206f}').contains(&c) {
        return false;
    }
    // The modifier letter apostrophe is a letter to Unicode, but news from
    // Ukraine writes possessives with it ("Bidenʼs administration").
    if c == '\u{2bc}' {
        return false;
    }
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// Is `s` an apostrophe: straight, curly (’) or the modifier letter (ʼ)
/// that some outlets write ("Bidenʼs")?
pub fn is_apostrophe(s: &str) -> bool {
    matches!(s, "'" | "\u{2019}" | "\u{2bc}")
}

/// Splits `text` into word and punctuation tokens (no sentence information).
/// Calls `emit(start, end, kind, space_before, newlines_before)` per token.
///
/// This runs over every byte of every document, so ASCII bytes are
/// classified directly and only non-ASCII characters are decoded.
pub fn tokenize(text: &str, mut emit: impl FnMut(u32, u32, TokenKind, bool, u8)) {
    let bytes = text.as_bytes();
    let mut i = 0usize;
    let mut space = true;
    let mut newlines = 0u8;
    while i < bytes.len() {
        let b = bytes[i];
        let (word, len) = if b < 0x80 {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
                space = true;
                if b == b'\n' {
                    newlines = newlines.saturating_add(1).min(2);
                }
                i += 1;
                continue;
            }
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = next_char(text, i);
            if c.is_whitespace() {
                space = true;
                i += c.len_utf8();
                continue;
            }
            (is_word_char(c), c.len_utf8())
        };
        let start = i;
        i += len;
        let kind = if word {
            let digits;
            (i, digits) = word_end(text, i, b.is_ascii_digit());
            if digits {
                TokenKind::Number
            } else {
                TokenKind::Word
            }
        } else {
            TokenKind::Punct
        };
        emit(start as u32, i as u32, kind, space, newlines);
        space = false;
        newlines = 0;
    }
}

/// The end of the word that continues at byte `i`. While the word is all
/// digits (`digits`), a `,` or `.` between digits stays inside it. Returns
/// the end and whether the word is a number (digits all through).
#[inline(always)]
fn word_end(text: &str, mut i: usize, mut digits: bool) -> (usize, bool) {
    let bytes = text.as_bytes();
    loop {
        // Runs of ASCII letters and digits are the bulk of every word.
        let run = ascii_word_run(bytes, i);
        if digits {
            digits = bytes[i..run].iter().all(u8::is_ascii_digit);
        }
        i = run;
        let Some(&b) = bytes.get(i) else {
            break;
        };
        if b < 0x80 {
            if digits
                && (b == b',' || b == b'.')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
                continue;
            }
            break;
        }
        let c = next_char(text, i);
        if !is_word_char(c) {
            break;
        }
        digits = false;
        i += c.len_utf8();
    }
    (i, digits)
}

/// The end of the run of ASCII letters and digits that starts at `i`.
/// Eight bytes are tested at a time ([`non_word_bytes`]): most words end
/// within the first eight.
#[inline]
fn ascii_word_run(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let stops = non_word_bytes(u64::from_le_bytes(eight));
        if stops != 0 {
            return i + (stops.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && ASCII_WORD[bytes[i] as usize] {
        i += 1;
    }
    i
}

/// The top bit of each byte of `x` that is not an ASCII letter or digit.
/// Each test adds a constant to the low seven bits of every byte at once,
/// which sets the byte's top bit when it is at least the range's start; no
/// sum passes 0xff, so no byte carries into the next.
#[inline]
fn non_word_bytes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOP: u64 = 0x8080_8080_8080_8080;
    let low = x & !TOP;
    // Letters of either case, by setting the lower-case bit.
    let folded = low | (0x20 * ONES);
    let letter =
        (folded + (0x80 - b'a' as u64) * ONES) & !(folded + (0x80 - b'z' as u64 - 1) * ONES);
    let digit = (low + (0x80 - b'0' as u64) * ONES) & !(low + (0x80 - b'9' as u64 - 1) * ONES);
    // Non-ASCII bytes are never word bytes here (decoded by the caller).
    !((letter | digit) & !x) & TOP
}

/// Which bytes are ASCII letters or digits (a table lookup is cheaper than
/// the range tests, and this runs once per byte of text).
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The character at byte `i` (a char boundary), with an ASCII fast path.
#[inline]
fn next_char(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return b as char;
    }
    text[i..].chars().next().unwrap_or(' ')
}

/// A "sentence" longer than this many tokens (a table, a list, text without
/// punctuation) is cut, so that work per sentence stays bounded.
pub const MAX_SENTENCE_TOKENS: usize = 400;

/// Splits texts into tokens and sentences. Built once; cheap to share.
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    /// Lower-case words that may stand before a full stop without ending a
    /// sentence ("mr", "gen", "jan").
    abbreviations: HashSet<String>,
}

impl Segmenter {
    pub fn new<I: IntoIterator<Item = String>>(abbreviations: I) -> Segmenter {
        Segmenter {
            abbreviations: abbreviations
                .into_iter()
                .map(|a| a.trim_end_matches('.').to_lowercase())
                .collect(),
        }
    }

    /// Fills `tokens` and `sentences` (both cleared first) for `text`.
    pub fn segment(&self, text: &str, tokens: &mut Vec<Token>, sentences: &mut Vec<Sentence>) {
        self.segment_with(text, tokens, sentences, |_, _| {});
    }

    /// Tokens and sentences, each token handed to `each` as it is made,
    /// with whether a sentence starts at it (not for the first token). The
    /// normalisation stage folds each word here as it is found (one pass over
    /// the tokens instead of three), so segmentation needs to know nothing of
    /// folding.
    pub(crate) fn segment_with(
        &self,
        text: &str,
        tokens: &mut Vec<Token>,
        sentences: &mut Vec<Sentence>,
        mut each: impl FnMut(&mut Token, bool),
    ) {
        tokens.clear();
        sentences.clear();
        let mut first = 0usize;
        tokenize(text, |start, end, kind, space_before, newlines_before| {
            let j = tokens.len();
            tokens.push(Token {
                start,
                end,
                fstart: 0,
                fend: 0,
                kind,
                space_before,
                newlines_before,
            });
            // Most tokens follow a word on the same line, which never breaks
            // (the first test of `breaks_before`, made here without a call).
            let breaks = j > 0
                && (j - first >= MAX_SENTENCE_TOKENS
                    || ((newlines_before > 0 || tokens[j - 1].kind == TokenKind::Punct)
                        && self.breaks_before(text, tokens, j)));
            if breaks {
                push_sentence(tokens, sentences, first, j);
                first = j;
            }
            each(&mut tokens[j], breaks);
        });
        push_sentence(tokens, sentences, first, tokens.len());
    }

    /// Is `word` (any case) a known abbreviation? Asked at every full
    /// stop: short ASCII words are lower-cased on the stack.
    fn is_abbreviation(&self, word: &str) -> bool {
        let mut buf = [0u8; 16];
        match buf.get_mut(..word.len()) {
            Some(low) if word.is_ascii() => {
                low.copy_from_slice(word.as_bytes());
                low.make_ascii_lowercase();
                std::str::from_utf8(low).is_ok_and(|w| self.abbreviations.contains(w))
            }
            _ => self.abbreviations.contains(&word.to_lowercase()),
        }
    }

    /// Does a sentence end between token `j - 1` and token `j`? (Looks only
    /// at tokens up to `j`.)
    fn breaks_before(&self, text: &str, tokens: &[Token], j: usize) -> bool {
        let next = &tokens[j];
        // Every break needs a line break or punctuation before the token.
        if next.newlines_before == 0 && tokens[j - 1].kind != TokenKind::Punct {
            return false;
        }
        let next_text = &text[next.start as usize..next.end as usize];
        let next_opens = starts_sentence(next_text);
        if next.newlines_before >= 2 {
            return true;
        }
        if next.newlines_before == 1 && next_opens {
            return true;
        }
        if next.space_before
            && (ends_dateline(text, tokens, j)
                || (next_text.starts_with(char::is_uppercase) && ends_credit(text, tokens, j)))
        {
            return true;
        }
        // A pipe set off by spaces separates the parts of a header or a
        // credit ("ISTANBUL, TURKEY | Xinhua | Delegations of…"); prose
        // never uses one inside a sentence.
        let prev = &tokens[j - 1];
        if next.space_before && prev.space_before && tok_text(text, prev) == "|" {
            return true;
        }
        // A full stop glued to both words, a lower-case word before it and a
        // capitalised one after ("the westernmost state.It has made"), is a
        // space lost in copying; a capitalised word before it is a name
        // ("Caliber.Az"), a lower-case one after it a domain ("axios.com").
        if !next.space_before
            && next_text.starts_with(char::is_uppercase)
            && j >= 2
            && tok_text(text, prev) == "."
            && !prev.space_before
            && tokens[j - 2].kind == TokenKind::Word
        {
            let word = tok_text(text, &tokens[j - 2]);
            return word.chars().count() >= 2
                && word.chars().all(char::is_lowercase)
                && !self.is_abbreviation(word);
        }
        if !next.space_before || !next_opens {
            return false;
        }
        // Walk back over closing quotes and brackets to the final mark.
        let mut k = j - 1;
        while k > 0 && is_closer(tok_text(text, &tokens[k])) {
            k -= 1;
        }
        match tok_text(text, &tokens[k]) {
            "!" | "?" => true,
            "." => {
                if k == 0 || tokens[k].space_before {
                    return true;
                }
                let prev = &tokens[k - 1];
                let word = tok_text(text, prev);
                // After a number, or a closing bracket or quote before the
                // stop ("…International Airport (MTPP/PAP). The police…").
                if prev.kind != TokenKind::Word {
                    return prev.kind == TokenKind::Number || is_closer(word);
                }
                let mut chars = word.chars();
                let single_upper =
                    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
                !(single_upper || self.is_abbreviation(word))
            }
            _ => false,
        }
    }
}

/// Does token `j - 1` end a wire-copy dateline ("KYIV, Nov 20 (Reuters) -",
/// "DUBAI, Feb 22 —")? The place of a dateline is where the report was
/// filed, not a participant, so it must not share a sentence with the news.
fn ends_dateline(text: &str, tokens: &[Token], j: usize) -> bool {
    let dash = &tokens[j - 1];
    if dash.kind != TokenKind::Punct
        || !dash.space_before
        || !matches!(tok_text(text, dash), "-" | "\u{2013}" | "\u{2014}")
    {
        return false;
    }
    let Some(k) = line_start(tokens, j - 1, j.saturating_sub(14)) else {
        return false;
    };
    let first = tok_text(text, &tokens[k]);
    first.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && first
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// The first token of the line that token `k` is on, if it is no earlier
/// than token `lo` (a dateline is short).
fn line_start(tokens: &[Token], mut k: usize, lo: usize) -> Option<usize> {
    while k > 0 && tokens[k].newlines_before == 0 && k > lo {
        k -= 1;
    }
    (k == 0 || tokens[k].newlines_before > 0).then_some(k)
}

/// Does token `j - 1` end a dateline with the agency's credit and no dash
/// ("Beirut, May 14 (IANS) An Israeli drone strike…")? From the start of
/// the line: a capitalised place, a comma, a date that ends in a number,
/// and one capitalised word in brackets.
fn ends_credit(text: &str, tokens: &[Token], j: usize) -> bool {
    if j < 6
        || tok_text(text, &tokens[j - 1]) != ")"
        || tok_text(text, &tokens[j - 3]) != "("
        || tokens[j - 4].kind != TokenKind::Number
    {
        return false;
    }
    let agency = tok_text(text, &tokens[j - 2]);
    if tokens[j - 2].kind != TokenKind::Word
        || !agency.starts_with(char::is_uppercase)
        || agency.len() > 12
    {
        return false;
    }
    let Some(k) = line_start(tokens, j - 4, j.saturating_sub(10)) else {
        return false;
    };
    tokens[k].kind == TokenKind::Word
        && tok_text(text, &tokens[k]).starts_with(char::is_uppercase)
        && (k + 1..j - 4).any(|i| tok_text(text, &tokens[i]) == ",")
}

/// The default share of capitalised words (per cent) that makes a line
/// without a final stop a headline ([`is_headline`]; `setting
/// headline_caps` of the pattern files).
pub const HEADLINE_CAPS: u32 = 75;

/// Is tokens `from..to` of `text` a headline: no final `.`, `!`, `?`, `:`
/// or `;` (past closing quotes), and at least `caps_percent` per cent of
/// its words of four or more letters capitalised ("Pentagon Halts Some
/// Weapons Shipments to Ukraine")? Entity patterns skip headlines; the
/// rules read capitalised cue words in them ("Halts", "May").
pub fn is_headline(
    text: &str,
    tokens: &[Token],
    from: usize,
    to: usize,
    caps_percent: u32,
) -> bool {
    let last = (from..to).rev().find(|&k| {
        !matches!(
            tok_text(text, &tokens[k]),
            "\"" | "'" | "\u{201d}" | "\u{2019}" | ")"
        )
    });
    if last.is_some_and(|k| matches!(tok_text(text, &tokens[k]), "." | "!" | "?" | ":" | ";")) {
        return false;
    }
    let (mut words, mut caps) = (0u32, 0u32);
    for t in &tokens[from..to] {
        let w = tok_text(text, t);
        if t.kind == TokenKind::Word && w.chars().count() >= 4 {
            words += 1;
            caps += u32::from(w.chars().next().is_some_and(char::is_uppercase));
        }
    }
    words >= 3 && caps * 100 >= caps_percent * words
}

fn tok_text<'t>(text: &'t str, t: &Token) -> &'t str {
    &text[t.start as usize..t.end as usize]
}

fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "\u{201d}" | "\u{2019}" | ")" | "]" | "\u{bb}"
    )
}

/// Can a token with this text begin a sentence after a full stop or line break?
fn starts_sentence(s: &str) -> bool {
    match s.chars().next() {
        Some(c) if c.is_alphabetic() => c.is_uppercase(),
        Some(c) => c.is_ascii_digit() || !c.is_alphanumeric(),
        None => false,
    }
}

fn push_sentence(tokens: &[Token], sentences: &mut Vec<Sentence>, first: usize, end: usize) {
    if first >= end {
        return;
    }
    sentences.push(Sentence {
        start: tokens[first].start,
        end: tokens[end - 1].end,
        first_token: first as u32,
        end_token: end as u32,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let seg = Segmenter::new(["mr".to_string(), "gen".to_string()]);
        let (mut t, mut s) = (Vec::new(), Vec::new());
        seg.segment(text, &mut t, &mut s);
        s.iter()
            .map(|s| text[s.start as usize..s.end as usize].to_string())
            .collect()
    }

    #[test]
    fn numbers_keep_separators() {
        let mut out = Vec::new();
        tokenize("over 10,000 troops, $7.9 billion.", |s, e, k, _, _| {
            out.push((s, e, k))
        });
        let words: Vec<_> = out
            .iter()
            .map(|&(s, e, k)| {
                (
                    &"over 10,000 troops, $7.9 billion."[s as usize..e as usize],
                    k,
                )
            })
            .collect();
        assert_eq!(
            words,
            vec![
                ("over", TokenKind::Word),
                ("10,000", TokenKind::Number),
                ("troops", TokenKind::Word),
                (",", TokenKind::Punct),
                ("$", TokenKind::Punct),
                ("7.9", TokenKind::Number),
                ("billion", TokenKind::Word),
                (".", TokenKind::Punct),
            ]
        );
    }

    #[test]
    fn a_modifier_letter_apostrophe_ends_the_word() {
        let text = "Biden\u{2bc}s team";
        let mut out = Vec::new();
        tokenize(text, |s, e, k, _, _| {
            out.push((&text[s as usize..e as usize], k))
        });
        assert_eq!(
            out,
            vec![
                ("Biden", TokenKind::Word),
                ("\u{2bc}", TokenKind::Punct),
                ("s", TokenKind::Word),
                ("team", TokenKind::Word),
            ]
        );
    }

    #[test]
    fn splits_on_full_stops_but_not_abbreviations_or_initials() {
        assert_eq!(
            sentences(
                "Mr. Smith met Gen. Jones in the U.S. capital. Joseph R. Biden left. Then it rained!"
            ),
            vec![
                "Mr. Smith met Gen. Jones in the U.S. capital.",
                "Joseph R. Biden left.",
                "Then it rained!"
            ]
        );
    }

    #[test]
    fn a_full_stop_after_a_closing_bracket_ends_a_sentence() {
        assert_eq!(
            sentences(
                "Troops landed at the airport (MTPP/PAP). The police followed (Reuters). Then rain."
            ),
            vec![
                "Troops landed at the airport (MTPP/PAP).",
                "The police followed (Reuters).",
                "Then rain."
            ]
        );
    }

    #[test]
    fn a_full_stop_glued_between_a_lower_case_word_and_a_capital_ends_a_sentence() {
        assert_eq!(
            sentences(
                "The rebels hold the state.It has made progress, Caliber.Az said on axios.com."
            ),
            vec![
                "The rebels hold the state.",
                "It has made progress, Caliber.Az said on axios.com."
            ]
        );
    }

    #[test]
    fn a_pipe_between_spaces_ends_a_header_part() {
        assert_eq!(
            sentences("ISTANBUL, TURKEY | Xinhua | Delegations met on Friday."),
            vec![
                "ISTANBUL, TURKEY |",
                "Xinhua |",
                "Delegations met on Friday."
            ]
        );
        // Glued to a word, it is not one ("A|B testing").
        assert_eq!(
            sentences("They ran A|B tests."),
            vec!["They ran A|B tests."]
        );
    }

    #[test]
    fn splits_headlines_and_paragraphs() {
        assert_eq!(
            sentences(
                "Kyiv Hit Overnight\nRussia launched drones at Kyiv, officials said\nand later denied it.\n\nnext para"
            ),
            vec![
                "Kyiv Hit Overnight",
                "Russia launched drones at Kyiv, officials said\nand later denied it.",
                "next para"
            ]
        );
    }

    #[test]
    fn datelines_are_their_own_sentence() {
        assert_eq!(
            sentences(
                "DOHA, Aug 14 \u{2014} Israeli and Hamas negotiators will meet.\nKYIV, Nov 20 (Reuters) - Russia fired missiles."
            ),
            vec![
                "DOHA, Aug 14 \u{2014}",
                "Israeli and Hamas negotiators will meet.",
                "KYIV, Nov 20 (Reuters) -",
                "Russia fired missiles."
            ]
        );
        // With the agency's credit and no dash.
        assert_eq!(
            sentences("Tunis, March 3 (TAP) A Libyan drone hit a depot near Sirte."),
            vec![
                "Tunis, March 3 (TAP)",
                "A Libyan drone hit a depot near Sirte."
            ]
        );
    }

    #[test]
    fn word_runs_end_where_the_byte_table_says() {
        // Every byte value in every position of an eight-byte load, and runs
        // that cross loads or end the text.
        for b in 0..=255u8 {
            for at in 0..10 {
                let mut bytes = vec![b'a'; 12];
                bytes[at] = b;
                let table = bytes
                    .iter()
                    .position(|&c| !ASCII_WORD[c as usize])
                    .unwrap_or(12);
                assert_eq!(ascii_word_run(&bytes, 0), table, "byte {b:#x} at {at}");
            }
        }
        assert_eq!(ascii_word_run(b"Zaporizhzhia9 ", 0), 13);
        assert_eq!(ascii_word_run(b"x@[`{/:", 0), 1);
        assert_eq!(ascii_word_run(b"abc", 1), 3);
    }

    #[test]
    fn overlong_sentences_are_cut() {
        let text = "word ".repeat(1000);
        assert_eq!(sentences(&text).len(), 3);
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            sentences("\u{201c}We will respond.\u{201d} The minister left."),
            vec!["\u{201c}We will respond.\u{201d}", "The minister left."]
        );
    }
}
