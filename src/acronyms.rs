//! Acronyms a document defines: "the Armed Forces of the Philippines (AFP)".
//!
//! News spells a name out once with its short form in brackets and then
//! uses the short form. A gazetteer may list the same letters for
//! something else (AFP is also the news agency Agence France-Presse), and
//! a name no gazetteer lists has no short form at all. Within the
//! document, the definition wins: from the definition on, every mention of
//! the letters names what the long name names, and an occurrence no
//! gazetteer matched becomes a mention of it.
//!
//! A definition is a named mention of two words or more, not all in
//! capitals, followed by `(` one all-capital word `)` that starts with the
//! name's first capital: "United Arab Emirates (AP)", a news agency's
//! credit, and "ABU DHABI (AP)", a dateline, are none.
//!
//! News also uses the short form without ever defining it: "fighters of the
//! Allied Democratic Forces … the ADF", "the People's Defence Force … local
//! PDFs". An acronym (or its plural) that no mention covers is the name
//! mentioned last before it whose capitalised words spell it
//! ([`spells`]); two letters spell no person ("Anwar Ibrahim … AI"), letters
//! glued to a hyphen are a designation ("HQ-29" after "Haj Qassem"). A
//! gazetteer's meaning of three letters or more gives way to a name the
//! document spelled out before them ("Multinational Security Support
//! mission personnel … the MSS mission" is not China's Ministry of State
//! Security); of two letters ("US", "EU") it is kept.

use crate::gazetteer::{self, AliasKind, Gazetteer};
use crate::resolve::Mention;
use crate::segment::{Sentence, Token, TokenKind};

/// What the stage reads of a document.
pub struct AcronymInput<'a> {
    pub gaz: &'a Gazetteer,
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
}

impl AcronymInput<'_> {
    fn raw(&self, t: usize) -> &str {
        let t = &self.tokens[t];
        &self.text[t.start as usize..t.end as usize]
    }

    /// A mention of the letters at token `t`, naming `entry` (`unlisted`).
    fn letters(&self, t: usize, entry: u32, unlisted: u32) -> Mention {
        Mention {
            start: self.tokens[t].start,
            end: self.tokens[t].end,
            tok_start: t as u32,
            tok_end: t as u32 + 1,
            sentence: self
                .sentences
                .partition_point(|s| (s.end_token as usize) <= t) as u32,
            entry,
            kind: AliasKind::Name,
            unlisted,
        }
    }

    fn is_punct(&self, t: usize, p: &str) -> bool {
        self.tokens
            .get(t)
            .is_some_and(|x| x.kind == TokenKind::Punct && self.raw(t) == p)
    }
}

/// Is `word` an acronym ("AFP", "IRGC", "G7")? Two to eight letters or
/// digits, starting with a letter, every letter a capital.
fn is_acronym(word: &str) -> bool {
    (2..=8).contains(&word.len())
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// The initials of a name's capitalised words: "Allied Democratic Forces"
/// → "ADF", "Hayat Tahrir al-Sham" → "HTS", "People's Defence Force" →
/// "PDF" (lower-case words and the "s" of a possessive are skipped).
fn initials(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
}

/// Are two names the same words, each word equal to the other's or
/// starting it ("Rwandan Defence Force", "Rwanda Defence Force"),
/// ignoring case and lower-case joining words?
fn same_name(a: &str, b: &str) -> bool {
    let words = |s: &'_ str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (x, y) = (words(a), words(b));
    x.len() == y.len()
        && x.len() >= 2
        && x.iter()
            .zip(&y)
            .all(|(p, q)| p.starts_with(q.as_str()) || q.starts_with(p.as_str()))
}

/// Do the [`initials`] of `name` spell `word`? (Compared as they come: this
/// runs for every earlier mention at an undefined acronym.)
fn spells(name: &str, word: &str) -> bool {
    initials(name).eq(word.chars())
}

/// Mentions for the acronyms no mention covers that spell the initials of
/// a name mentioned before them, pushed to `found`.
fn undefined_acronyms(input: &AcronymInput, mentions: &[Mention], found: &mut Vec<Mention>) {
    for t in 0..input.tokens.len() {
        if input.tokens[t].kind == TokenKind::Punct {
            continue;
        }
        let raw = input.raw(t);
        // "PDFs" is the plural of "PDF".
        let word = raw.strip_suffix('s').unwrap_or(raw);
        if !is_acronym(word) || !word.chars().all(|c| c.is_ascii_uppercase()) {
            continue;
        }
        // Letters glued to a hyphen are a designation ("HQ-29", "DF-61"),
        // not the initials of a name ("Haj Qassem" before it).
        if input.is_punct(t + 1, "-") && input.tokens[t + 1].start == input.tokens[t].end {
            continue;
        }
        let at = mentions.partition_point(|m| (m.tok_end as usize) <= t);
        let covered = mentions.get(at).filter(|m| (m.tok_start as usize) <= t);
        // A gazetteer's meaning of three letters or more gives way to a
        // name the document spelled out before them: "Multinational
        // Security Support mission personnel … the MSS mission" is not
        // China's Ministry of State Security (MSS). Two letters keep it.
        if covered.is_some_and(|m| {
            m.tok_start as usize != t || m.tok_end as usize != t + 1 || word.len() < 3
        }) {
            continue;
        }
        let named = mentions[..at].iter().rev().find(|m| {
            m.kind == AliasKind::Name
                && (word.len() > 2 || !input.gaz.is_type(m.entry, gazetteer::PERSON))
                && covered.is_none_or(|c| {
                    c.entry != m.entry && !input.gaz.is_type(m.entry, gazetteer::PERSON)
                })
                && spells(&input.text[m.start as usize..m.end as usize], word)
        });
        if let Some(m) = named {
            found.push(input.letters(t, m.entry, m.unlisted));
        }
    }
}

/// Applies the document's acronym definitions to `mentions` (kept in text
/// order), then its undefined acronyms. `found` is scratch space.
pub fn apply(input: &AcronymInput, mentions: &mut Vec<Mention>, found: &mut Vec<Mention>) {
    found.clear();
    define(input, mentions, found);
    found.clear();
    unlisted_definitions(input, mentions);
    found.clear();
    undefined_acronyms(input, mentions, found);
    if !found.is_empty() {
        // A mention found for letters a gazetteer matched takes its place.
        mentions.retain(|m| {
            !found
                .iter()
                .any(|f| f.tok_start == m.tok_start && f.tok_end == m.tok_end)
        });
        mentions.append(found);
        mentions.sort_by_key(|m| (m.tok_start, m.tok_end));
    }
}

/// Acronyms defined after a name that no gazetteer or pattern knows:
/// "the U.N.-authorized Multinational Security Support (MSS) Mission". The
/// document says what the letters stand for, so a gazetteer's other
/// meaning of them (MSS, China's Ministry of State Security) is dropped
/// from the definition on; the name itself is no mention to point them to.
fn unlisted_definitions(input: &AcronymInput, mentions: &mut Vec<Mention>) {
    let n = input.tokens.len();
    let mut t = 1;
    while t + 2 < n {
        if !(input.is_punct(t, "(") && input.is_punct(t + 2, ")")) {
            t += 1;
            continue;
        }
        let word = input.raw(t + 1);
        let named_before = mentions.iter().any(|m| m.tok_end as usize == t);
        if !is_acronym(word) || named_before {
            t += 1;
            continue;
        }
        // The capitalised words right before the bracket (lower-case
        // joining words between them: "Council for the Defence of …").
        let mut start = t;
        let mut words = 0;
        while start > 0 && words < 8 {
            let k = start - 1;
            if input.tokens[k].kind == TokenKind::Punct {
                break;
            }
            let w = input.raw(k);
            let capital = w.starts_with(|c: char| c.is_uppercase());
            if !capital && !matches!(w, "of" | "for" | "the" | "and" | "on") {
                break;
            }
            start = k;
            words += 1;
        }
        // (Not a lower-case word, nor an article that starts the sentence:
        // "The Multinational Security Support (MSS)".)
        while start < t
            && (!input.raw(start).starts_with(|c: char| c.is_uppercase())
                || matches!(input.raw(start), "The" | "A" | "An"))
        {
            start += 1;
        }
        let name = match t - start >= 2 {
            true => {
                &input.text[input.tokens[start].start as usize..input.tokens[t - 1].end as usize]
            }
            false => "",
        };
        if name.chars().any(|c| c.is_lowercase()) && spells(name, word) {
            mentions.retain(|m| {
                let (a, b) = (m.tok_start as usize, m.tok_end as usize);
                !(a > t && b == a + 1 && input.raw(a) == word)
                    // Unless the gazetteer's meaning is the name spelled
                    // out, up to a demonym: "the Rwandan Defence Force
                    // (RDF)" is the listed Rwanda Defence Force.
                    || same_name(name, &input.gaz.entry(m.entry).canonical)
            });
        }
        t += 3;
    }
}

/// The acronyms defined in brackets after their name.
fn define(input: &AcronymInput, mentions: &mut Vec<Mention>, found: &mut Vec<Mention>) {
    // (acronym, the defining mention's index, token after the definition)
    let mut defs: Vec<(&str, usize, usize)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        let e = m.tok_end as usize;
        if m.kind != AliasKind::Name || !input.is_punct(e, "(") || !input.is_punct(e + 2, ")") {
            continue;
        }
        let word = input.raw(e + 1);
        if !is_acronym(word) || defs.iter().any(|d| d.0 == word) {
            continue;
        }
        let name = &input.text[m.start as usize..m.end as usize];
        let first_capital = name
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| w.starts_with(|c: char| c.is_uppercase()));
        // A name of two words or more, not a dateline in capitals
        // ("ABU DHABI (AP)"), whose first capitalised word starts the
        // acronym.
        let fits = m.tok_end - m.tok_start >= 2
            && name.chars().any(|c| c.is_lowercase())
            && first_capital.is_some_and(|w| w.as_bytes()[0] == word.as_bytes()[0]);
        if fits {
            defs.push((word, i, e + 1));
        }
    }
    if defs.is_empty() {
        return;
    }
    for &(word, def, from) in &defs {
        let (entry, unlisted) = (mentions[def].entry, mentions[def].unlisted);
        for t in from..input.tokens.len() {
            if input.tokens[t].kind == TokenKind::Punct || input.raw(t) != word {
                continue;
            }
            let at = mentions.partition_point(|m| (m.tok_end as usize) <= t);
            match mentions.get_mut(at) {
                Some(m) if (m.tok_start as usize) <= t => {
                    // The letters alone, named as something else: repoint.
                    if m.tok_start as usize == t && m.tok_end as usize == t + 1 {
                        m.entry = entry;
                        m.unlisted = unlisted;
                        m.kind = AliasKind::Name;
                    }
                }
                _ => found.push(input.letters(t, entry, unlisted)),
            }
        }
    }
    if !found.is_empty() {
        mentions.append(found);
        mentions.sort_by_key(|m| (m.tok_start, m.tok_end));
    }
}

#[cfg(test)]
mod tests {
    use super::spells;

    #[test]
    fn initials_skip_lower_case_words_and_possessives() {
        assert!(spells("Allied Democratic Forces", "ADF"));
        assert!(spells("Hayat Tahrir al-Sham", "HTS"));
        assert!(spells("People's Defence Force", "PDF"));
        assert!(spells("Democratic Republic of the Congo", "DRC"));
        assert!(!spells("Democratic Republic of the Congo", "DR"));
        assert!(!spells("Allied Democratic Forces", "ADFL"));
    }
}
