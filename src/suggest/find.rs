//! Finding the capitalised names of one document that no gazetteer entry
//! matched, with the cues around each.

use super::cues::{Cues, MEDIUM, STRONG, Votes, WEAK};
use crate::common_words::is_common;
use crate::gazetteer::Gazetteer;
use crate::normalize::fold_phrase;
use crate::pipeline::Extraction;
use crate::segment::{TokenKind, tokenize};

/// Names longer than this are headline text, not names.
const MAX_WORDS: usize = 6;

/// One unmatched name in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sighting {
    /// The folded name: the key candidates are counted by.
    pub key: String,
    /// The name as written (whitespace collapsed).
    pub surface: String,
    pub votes: Votes,
    /// The sentence, whitespace collapsed.
    pub sentence: String,
    /// The name opens its sentence (where any word is capitalised).
    pub initial: bool,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokenKind,
    space_before: bool,
    newline_before: bool,
    covered: bool,
}

/// The unmatched names of `text`, given what the pipeline found in it.
pub fn sightings(cues: &Cues, gaz: &Gazetteer, text: &str, ex: &Extraction) -> Vec<Sighting> {
    // Names the entity patterns found are still missing from the
    // gazetteers: only gazetteer mentions count as known.
    let listed: Vec<crate::resolve::Mention> = ex
        .mentions
        .iter()
        .filter(|m| m.unlisted == u32::MAX)
        .copied()
        .collect();
    let place = gaz.type_index("PLACE");
    let org = gaz.type_index("ORG");
    let weapon = gaz.type_index("WEAPON");
    let mut toks: Vec<Tok> = Vec::new();
    tokenize(text, |start, end, kind, space_before, newlines| {
        toks.push(Tok {
            start: start as usize,
            end: end as usize,
            kind,
            space_before,
            newline_before: newlines > 0,
            covered: false,
        })
    });
    // Tokens inside an entity mention are matched already.
    let mut m = 0;
    for t in toks.iter_mut() {
        while m < listed.len() && (listed[m].end as usize) <= t.start {
            m += 1;
        }
        t.covered = listed.get(m).is_some_and(|x| (x.start as usize) < t.end);
    }
    let word = |t: &Tok| &text[t.start..t.end];
    let folded = |t: &Tok| fold_phrase(word(t));
    let capital = |t: &Tok| {
        t.kind == TokenKind::Word
            && !t.covered
            && word(t).chars().next().is_some_and(char::is_uppercase)
    };
    let mut out: Vec<Sighting> = Vec::new();
    let mut si = 0;
    let mut i = 0;
    while i < toks.len() {
        if !capital(&toks[i]) {
            i += 1;
            continue;
        }
        while si + 1 < ex.sentences.len() && (ex.sentences[si].1 as usize) <= toks[i].start {
            si += 1;
        }
        let (s_start, s_end) = ex
            .sentences
            .get(si)
            .map_or((0, text.len()), |&(a, b)| (a as usize, b as usize));
        // Extend over capitalised words, glued hyphens and numbers
        // ("Al-Shabaab", "Su-34"), and connectors between capitalised
        // words ("Ministry of Defence").
        let mut j = i + 1;
        let mut words = vec![i];
        while j < toks.len() && toks[j].end <= s_end {
            let t = &toks[j];
            let glued = !t.space_before;
            if t.kind == TokenKind::Punct
                && glued
                && matches!(word(t), "-" | "\u{2010}" | "\u{2011}")
                && toks.get(j + 1).is_some_and(|n| {
                    !n.space_before && !n.covered && (capital(n) || n.kind == TokenKind::Number)
                })
            {
                words.push(j + 1);
                j += 2;
                continue;
            }
            if capital(t) {
                words.push(j);
                j += 1;
                continue;
            }
            // "Marj al-Sultan": a connector glued to the next word.
            let hyphen_at = |k: usize| {
                toks.get(k).is_some_and(|h| {
                    h.kind == TokenKind::Punct
                        && !h.space_before
                        && matches!(word(h), "-" | "\u{2010}" | "\u{2011}")
                })
            };
            if t.kind == TokenKind::Word
                && !t.covered
                && cues.connectors.contains(&folded(t))
                && hyphen_at(j + 1)
                && toks
                    .get(j + 2)
                    .is_some_and(|n| !n.space_before && capital(n))
            {
                words.push(j);
                words.push(j + 2);
                j += 3;
                continue;
            }
            if t.kind == TokenKind::Word
                && !t.covered
                && cues.connectors.contains(&folded(t))
                && toks.get(j + 1).is_some_and(&capital)
            {
                words.push(j);
                words.push(j + 1);
                j += 2;
                continue;
            }
            break;
        }
        let end_tok = j;
        // Does the word at `k` open a sentence or a line (only
        // punctuation before it in its sentence, a line break before it,
        // or a full stop, colon or opening quote or bracket right before)?
        let opens = |k: usize| {
            toks[k].newline_before
                || toks[..k]
                    .iter()
                    .rev()
                    .take_while(|t| t.start >= s_start)
                    .all(|t| t.kind == TokenKind::Punct)
                || (k > 0
                    && toks[k - 1].kind == TokenKind::Punct
                    && matches!(
                        word(&toks[k - 1]),
                        "." | "!"
                            | "?"
                            | ":"
                            | ";"
                            | "\""
                            | "\u{201c}"
                            | "("
                            | "["
                            | "\u{2014}"
                            | "\u{2013}"
                    ))
        };
        let mut votes = Votes::default();
        // Strip a title ("President", "Deputy Prime Minister": title words
        // up to a title) and a sentence's first word when it is an ordinary
        // word ("The").
        let mut first = 0;
        loop {
            let run = words[first..]
                .iter()
                .take_while(|&&k| {
                    let f = folded(&toks[k]);
                    cues.titles.contains(&f) || cues.title_words.contains(&f)
                })
                .count();
            let title = (0..run)
                .rev()
                .find(|&r| cues.titles.contains(&folded(&toks[words[first + r]])));
            if let Some(r) = title {
                let t = word(&toks[words[first + r]]);
                votes.add(0, STRONG, || format!("after the title `{t}`"));
                first += r + 1;
                continue;
            }
            let Some(&k) = words.get(first) else { break };
            let f = folded(&toks[k]);
            if (opens(k) && is_common(&f)) || cues.connectors.contains(&f) {
                first += 1;
                continue;
            }
            break;
        }
        let mut last = words.len();
        while last > first && cues.connectors.contains(&folded(&toks[words[last - 1]])) {
            last -= 1;
        }
        let name = &words[first..last];
        i = end_tok;
        if name.is_empty() || name.len() > MAX_WORDS {
            continue;
        }
        let mut start = toks[name[0]].start;
        let end = toks[*name.last().unwrap_or(&name[0])].end;
        // An organisation or place named after a place ("Russian Defense
        // Ministry", "Jordan Valley"): the place belongs to the name.
        // A name that goes on past an organisation or weapon ("Gazprom
        // Neft", "Patriot Advanced Capability-3") is a longer name of that
        // type.
        let last_word = folded(&toks[*name.last().unwrap_or(&name[0])]);
        let headed = cues.org_heads.contains(&last_word) || cues.place_heads.contains(&last_word);
        let mut end = end;
        let before = (toks[name[0]].space_before && name[0] > 0)
            .then(|| {
                listed.iter().find(|m| {
                    m.end as usize == toks[name[0] - 1].end && m.start as usize >= s_start
                })
            })
            .flatten();
        if let Some(m) = before {
            let t = gaz.etype_of(m.entry);
            if headed && Some(t) == place {
                start = m.start as usize;
            } else if !gaz.is_generic(m.entry)
                && (Some(t) == weapon || (Some(t) == org && (headed || name.len() == 1)))
                && !cues.first_names.contains(&folded(&toks[name[0]]))
            {
                start = m.start as usize;
                let kind = if Some(t) == org { 1 } else { 2 };
                let e = gaz.entry(m.entry);
                votes.add(kind, MEDIUM, || {
                    format!("a longer name of `{}`", e.canonical)
                });
            }
        }
        // One word right before a place name ("Jisr Baghdad") is part of
        // that place's name.
        if name.len() == 1
            && !headed
            && let Some(m) = listed.iter().find(|m| {
                m.start as usize == toks.get(end_tok).map_or(usize::MAX, |t| t.start)
                    && toks[end_tok].space_before
                    && m.end as usize <= s_end
                    && Some(gaz.etype_of(m.entry)) == place
                    && m.kind != crate::gazetteer::AliasKind::Demonym
            })
        {
            end = m.end as usize;
            let e = gaz.entry(m.entry);
            votes.add(3, MEDIUM, || format!("a longer name of `{}`", e.canonical));
        }
        let key = fold_phrase(&text[start..end]);
        let parts: Vec<&str> = key.split(' ').collect();
        // A head word alone ("the Council", "Port") is no name, nor is a
        // plural ("Delegates", "MPs").
        if parts.len() == 1
            && (cues.org_heads.contains(parts[0])
                || cues.place_heads.contains(parts[0])
                || plural_of_common(parts[0])
                || acronym_plural(word(&toks[name[0]])))
        {
            continue;
        }
        let acronym = name.len() == 1 && {
            let w = word(&toks[name[0]]);
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !w.chars().any(char::is_lowercase)
        };
        if parts
            .iter()
            .all(|w| cues.skip.contains(w) || cues.calendar.contains(w))
            || (parts
                .iter()
                .all(|w| is_common(w) || cues.connectors.contains(w))
                && !parts
                    .iter()
                    .any(|w| cues.org_heads.contains(w) || cues.place_heads.contains(w)))
        {
            continue;
        }
        // A title right before the name ("spokesman Mohsen Eslami").
        if first == 0 && name[0] > 0 {
            let before = (0..name[0])
                .rev()
                .find(|&k| toks[k].kind != TokenKind::Punct);
            if let Some(b) = before.filter(|&b| toks[b].start >= s_start)
                && cues.titles.contains(&folded(&toks[b]))
            {
                votes.add(0, STRONG, || {
                    format!("after the title `{}`", word(&toks[b]))
                });
            }
        }
        // Heads: the last word, or the first one before "of".
        let head_last = parts[parts.len() - 1];
        let head_first = parts
            .first()
            .copied()
            .filter(|_| parts.get(1) == Some(&"of"));
        for head in [Some(head_last), head_first].into_iter().flatten() {
            if cues.org_heads.contains(head) {
                votes.add(1, STRONG, || format!("the head word `{head}`"));
            } else if cues.place_heads.contains(head) {
                votes.add(3, STRONG, || format!("the head word `{head}`"));
            }
        }
        // A model designation: letters and digits joined by a hyphen.
        if name
            .windows(2)
            .any(|w| toks[w[1]].kind == TokenKind::Number && w[1] > w[0] + 1)
            || (name.len() == 1
                && word(&toks[name[0]]).chars().any(|c| c.is_ascii_digit())
                && word(&toks[name[0]]).chars().any(char::is_alphabetic))
        {
            votes.add(2, STRONG, || "a model designation".into());
        }
        // The words after the name.
        let next: Vec<String> = toks[end_tok..]
            .iter()
            .filter(|t| t.kind != TokenKind::Punct && t.end <= s_end)
            .take(3)
            .map(&folded)
            .collect();
        // A cue starting at the next word, or within the next `reach`
        // words ("Bourevestnik nuclear-powered cruise missile").
        let starts = |set: &crate::words::PhraseSet, reach: usize| {
            (0..next.len().min(reach)).find_map(|i| {
                set.starting_with(&next[i])
                    .iter()
                    .find(|p| {
                        p.len() <= next.len() - i && p.iter().zip(&next[i..]).all(|(a, b)| a == b)
                    })
                    .map(|p| p.join(" "))
            })
        };
        if let Some(w) = starts(&cues.weapon_before, 3) {
            votes.add(2, MEDIUM, || format!("before `{w}`"));
        }
        if let Some(w) = starts(&cues.org_before, 1) {
            votes.add(1, MEDIUM, || format!("before `{w}`"));
        }
        // A name with its acronym after it in brackets: "the Kuomintang
        // (KMT)".
        if let [open, acronym, close, ..] = &toks[end_tok.min(toks.len())..]
            && word(open) == "("
            && word(close) == ")"
            && word(acronym).chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !word(acronym).chars().any(char::is_lowercase)
        {
            let a = word(acronym);
            votes.add(1, MEDIUM, || format!("before the acronym ({a})"));
        }
        // The words before it.
        let prev: Vec<String> = toks[..name[0]]
            .iter()
            .rev()
            .filter(|t| t.kind != TokenKind::Punct && t.start >= s_start)
            .take(3)
            .map(&folded)
            .collect();
        if let Some(w) = prev.first().and_then(|w| {
            cues.place_after
                .ending_with(w)
                .iter()
                .find(|p| p.len() <= prev.len() && p.iter().rev().zip(&prev).all(|(a, b)| a == b))
                .map(|p| p.join(" "))
        }) {
            votes.add(3, WEAK, || format!("after `{w}`"));
        }
        if parts.len() >= 2 && cues.first_names.contains(parts[0]) {
            votes.add(0, MEDIUM, || {
                format!("the first name `{}`", word(&toks[name[0]]))
            });
        }
        if acronym {
            votes.add(1, WEAK, || "an acronym".into());
        }
        out.push(Sighting {
            key,
            surface: collapse(&text[start..end]),
            votes,
            sentence: collapse(&text[s_start..s_end]),
            initial: opens(name[0]),
        });
    }
    // A one-word name that ends an earlier, longer name of the document is
    // that name again ("Eslami" after "Mohsen Eslami").
    for k in 0..out.len() {
        if out[k].key.contains(' ') {
            continue;
        }
        if let Some(full) = out[..k]
            .iter()
            .find(|f| f.key.rsplit(' ').next() == Some(&out[k].key) && f.key.contains(' '))
        {
            let (key, surface) = (full.key.clone(), full.surface.clone());
            out[k].key = key;
            out[k].surface = surface;
        }
    }
    out
}

/// Whitespace runs as single spaces, tabs and line breaks included (the
/// text goes into one TSV cell).
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "delegates", "casualties": the plural of a common word.
fn plural_of_common(w: &str) -> bool {
    if let Some(stem) = w.strip_suffix("ies")
        && is_common(&format!("{stem}y"))
    {
        return true;
    }
    w.strip_suffix("es").is_some_and(is_common) || w.strip_suffix('s').is_some_and(is_common)
}

/// "MPs", "SDNs": capitals and a plural s.
fn acronym_plural(w: &str) -> bool {
    w.strip_suffix('s').is_some_and(|stem| {
        stem.chars().count() >= 2 && stem.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_are_not_names() {
        assert!(plural_of_common("officials") && plural_of_common("countries"));
        assert!(!plural_of_common("kyiv") && !plural_of_common("hamas"));
        assert!(acronym_plural("MPs") && !acronym_plural("Ms") && !acronym_plural("IRGC"));
    }
}
