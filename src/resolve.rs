//! Resolution: from overlapping alias matches to one entity per span.
//!
//! The policy, applied greedily:
//!
//! 1. More words beat fewer words, then more bytes beat fewer: "North
//!    Korean" beats "Korean", and "Biden administration" beats "Biden" in
//!    "Joe Biden administration" even though "Joe Biden" starts earlier.
//! 2. At equal length, type priority decides (PERSON, ORG, WEAPON, PLACE,
//!    then declared types), then specific entries beat generic classes, then
//!    the higher `rank`, then names beat demonyms, then file order.
//! 3. A surname generated from a person's full name ("Putin" from "Vladimir
//!    Putin") counts only after that full name has appeared earlier in the
//!    document, and there it beats a bare alias of someone else that was
//!    never named in full.
//! 4. An organisation named with its country's possessive ("Taiwan's
//!    Ministry of National Defense") gives two mentions, the country and
//!    the organ without the possessor, so each row shows what a reader
//!    would mark and the country can fill a role of its own.
//! 5. A named weapon's mention ends at its name: lower-case words of a
//!    weapon class after it ("Abu Mahdi cruise missiles", "K9 howitzers",
//!    aliases that keep the bare name from matching alone) are left out of
//!    it ([`trim_class_words`]), as a reader marks "Storm Shadow" in "Storm
//!    Shadow cruise missiles".
//!
//! Everything is decided by data (lengths, types, ranks, file order), so the
//! same input always gives the same mentions.

use crate::gazetteer::{self, AliasKind, Candidate, Gazetteer};
use crate::segment::{Sentence, Token};
use crate::words::WordSet;

/// A resolved entity mention: where it is, and which gazetteer entry (or
/// [`Unlisted`] entity) it names; [`crate::Pipeline::entity`] looks the
/// entity up.
///
/// ```
/// use evex::{AliasKind, Config, Document, Pipeline};
/// let pipeline = Pipeline::new(&Config::default()).unwrap();
/// let doc = Document::new("d1", "Russian troops crossed into Ukraine.");
/// let out = pipeline.process(&doc);
/// let m = out.mentions[0];
/// assert_eq!(&doc.text[m.start as usize..m.end as usize], "Russian");
/// assert_eq!((m.kind, m.sentence), (AliasKind::Demonym, 0));
/// assert_eq!(pipeline.entity(&out, &m).canonical, "Russia");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the start in the original text.
    pub start: u32,
    /// Byte offset of the end (exclusive).
    pub end: u32,
    /// Index of the first token.
    pub tok_start: u32,
    /// Index of the token after the last.
    pub tok_end: u32,
    /// Index of the sentence holding the mention.
    pub sentence: u32,
    /// Gazetteer entry (for an unlisted entity, its pattern's template).
    pub entry: u32,
    /// Named by a name, a demonym or a surname.
    pub kind: AliasKind,
    /// Index of the unlisted entity named, in [`crate::Extraction::unlisted`]
    /// (`u32::MAX` for a gazetteer mention).
    pub unlisted: u32,
}

/// Picks non-overlapping mentions from `candidates` (reordered in place) and
/// writes them to `out` in text order. `taken` is scratch space.
///
/// `titled(start, end)` says whether the words at tokens `start..end` stand
/// as a surname after a title ("Deputy Defence Minister Yevkurov", not
/// "Director Michel Boutros"): there a surname names the one listed person
/// who bears it even before the full name (point 3 above).
pub fn resolve(
    gaz: &Gazetteer,
    tokens: &[Token],
    sentences: &[Sentence],
    candidates: &mut [Candidate],
    taken: &mut Vec<u32>,
    out: &mut Vec<Mention>,
    titled: impl Fn(u32, u32) -> bool,
) {
    out.clear();
    taken.clear();
    taken.resize(tokens.len(), u32::MAX);
    // Surnames last; then longest (in tokens, then bytes); then the
    // alias's own rank (type priority, specific before generic, entry rank,
    // names before other forms: see `Gazetteer::alias_order`).
    let key = |c: &Candidate| {
        let bytes = tokens[c.tok_end as usize - 1].end - tokens[c.tok_start as usize].start;
        let order = gaz.alias_order(c.alias);
        (
            order >> 31,
            std::cmp::Reverse(c.tok_end - c.tok_start),
            std::cmp::Reverse(bytes),
            order,
            c.tok_start,
        )
    };
    candidates.sort_by_cached_key(key);
    let split = candidates
        .iter()
        .position(|c| gaz.alias_order(c.alias) >> 31 == 1)
        .unwrap_or(candidates.len());
    let (full, partial) = candidates.split_at_mut(split);
    for c in full.iter() {
        let span = c.tok_start as usize..c.tok_end as usize;
        if taken[span.clone()].iter().all(|&t| t == u32::MAX) {
            if let Some((place, own)) = possessor(gaz, tokens, sentences, c) {
                taken[span].fill(out.len() as u32 + 1);
                taken[place.tok_start as usize..place.tok_end as usize].fill(out.len() as u32);
                out.push(place);
                out.push(mention(gaz, tokens, sentences, &own));
                continue;
            }
            let idx = out.len() as u32;
            taken[span].fill(idx);
            out.push(mention(gaz, tokens, sentences, c));
        }
    }
    if !partial.is_empty() {
        resolve_surnames(gaz, tokens, sentences, partial, taken, out, titled);
    }
    out.sort_unstable_by_key(|m| (m.tok_start, m.tok_end));
}

/// Ends each named weapon's mention at its name: trailing lower-case words
/// of a weapon class ("cruise missiles" in "Abu Mahdi cruise missiles") are
/// left out, keeping at least one word. Generic classes and unlisted names
/// stay as they are.
pub fn trim_class_words(gaz: &Gazetteer, text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if m.unlisted != u32::MAX
            || !gaz.is_type(m.entry, gazetteer::WEAPON)
            || gaz.is_generic(m.entry)
        {
            continue;
        }
        let mut end = m.tok_end as usize;
        while end > m.tok_start as usize + 1 {
            let t = &tokens[end - 1];
            let word = &text[t.start as usize..t.end as usize];
            let lower = word.chars().next().is_some_and(char::is_lowercase);
            if !(t.is_word() && lower && gaz.is_class_word(&word.to_lowercase())) {
                break;
            }
            end -= 1;
        }
        if end < m.tok_end as usize && tokens[end - 1].is_word() {
            m.tok_end = end as u32;
            m.end = tokens[end - 1].end;
        }
    }
}

/// Drops the generic weapon classes glued by a hyphen after a word of
/// `prefixes` (`COUNTER_PREFIXES`): "counter-drone units" and "anti-tank
/// mines" are no drones and no tanks, and must not fill a weapon role.
pub fn drop_countered_classes(
    gaz: &Gazetteer,
    prefixes: &WordSet,
    text: &str,
    tokens: &[Token],
    mentions: &mut Vec<Mention>,
) {
    if prefixes.is_empty() {
        return;
    }
    mentions.retain(|m| {
        let k = m.tok_start as usize;
        if k < 2 || m.unlisted != u32::MAX || !gaz.is_generic(m.entry) {
            return true;
        }
        let (hyphen, word) = (&tokens[k - 1], &tokens[k - 2]);
        let glued = !hyphen.is_word()
            && !tokens[k].space_before
            && !hyphen.space_before
            && text[hyphen.start as usize..hyphen.end as usize] == *"-"
            && word.is_word();
        !(glued && prefixes.contains(&text[word.start as usize..word.end as usize].to_lowercase()))
    });
}

/// An organisation named with its country's possessive ("Taiwan's Ministry
/// of National Defense") is two mentions: the country ("Taiwan") and the
/// organ as the text names it without the possessor ("Ministry of National
/// Defense"), as a reader would mark them. Returns the country's mention and
/// the organ's candidate trimmed to after the "'s". The words before the
/// "'s" must be a name of that country ([`Gazetteer::opens_with_country`]):
/// "the Tigray People's Liberation Front", an Ethiopian group, stays whole.
fn possessor(
    gaz: &Gazetteer,
    tokens: &[Token],
    sentences: &[Sentence],
    c: &Candidate,
) -> Option<(Mention, Candidate)> {
    let entry = gaz.alias(c.alias).entry;
    if !gaz.is_type(entry, gazetteer::ORG) {
        return None;
    }
    let country = gaz.country_of(entry)?;
    // The possessive: an apostrophe and a one-letter word, unspaced, that
    // ends a word: "Taiwan's Ministry", not the infix of
    // "Lashkar-e-Taiba" or "Tehrik-i-Taliban Pakistan".
    let (from, to) = (
        c.tok_start as usize + 1,
        (c.tok_end as usize).saturating_sub(2),
    );
    let possessive = (from..to).find(|&p| {
        let (a, s) = (&tokens[p], &tokens[p + 1]);
        !a.is_word()
            && matches!(a.end - a.start, 1..=3)
            && !a.space_before
            && s.is_word()
            && s.end - s.start == 1
            && !s.space_before
            && tokens[p + 2].space_before
    });
    // (place end, organ start) in tokens.
    let (place_end, own_start) = match possessive {
        Some(_) if !gaz.opens_with_country(c.alias) => return None,
        Some(p) => (p, p + 2),
        // A dotted abbreviation of the country before the organ's name,
        // "U.S. Department of the Treasury", reads the same way.
        None => {
            let k = dotted_prefix(tokens, c.tok_start as usize, c.tok_end as usize)?;
            (k, k)
        }
    };
    let own = Candidate {
        tok_start: own_start as u32,
        ..*c
    };
    let mut place = mention(gaz, tokens, sentences, c);
    place.end = tokens[place_end - 1].end;
    place.tok_end = place_end as u32;
    place.entry = country;
    place.kind = AliasKind::Name;
    Some((place, own))
}

/// The end of a dotted abbreviation of one-letter words that opens the
/// tokens `from..to` ("U.S." in "U.S. Department of the Treasury"), when a
/// word follows it after a space.
fn dotted_prefix(tokens: &[Token], from: usize, to: usize) -> Option<usize> {
    let mut k = from;
    while k + 1 < to
        && tokens[k].is_word()
        && tokens[k].end - tokens[k].start == 1
        && !tokens[k + 1].is_word()
        && tokens[k + 1].end - tokens[k + 1].start == 1
        && !tokens[k + 1].space_before
    {
        k += 2;
    }
    (k >= from + 4 && k < to && tokens[k].is_word() && tokens[k].space_before).then_some(k)
}

/// Surnames, in text order: each needs an earlier full mention.
fn resolve_surnames(
    gaz: &Gazetteer,
    tokens: &[Token],
    sentences: &[Sentence],
    partial: &mut [Candidate],
    taken: &mut [u32],
    out: &mut Vec<Mention>,
    titled: impl Fn(u32, u32) -> bool,
) {
    partial.sort_unstable_by_key(|c| (c.tok_start, c.alias));
    // Where each entity is first named (end token of its first name mention).
    let mut first_named: crate::words::Map<u32, u32> = crate::words::Map::default();
    for m in out.iter().filter(|m| m.kind == AliasKind::Name) {
        first_named
            .entry(m.entry)
            .and_modify(|e| *e = (*e).min(m.tok_end))
            .or_insert(m.tok_end);
    }
    let named_before = |entry: u32, tok: u32| first_named.get(&entry).is_some_and(|&e| e <= tok);
    // A surname right after a title names a person even before the full
    // name, when only one listed person bears it.
    let sole_titled = |c: &Candidate, entry: u32| {
        titled(c.tok_start, c.tok_end)
            && partial.iter().all(|d| {
                (d.tok_start, d.tok_end) != (c.tok_start, c.tok_end)
                    || gaz.alias(d.alias).entry == entry
            })
    };
    for c in partial.iter() {
        let entry = gaz.alias(c.alias).entry;
        if !named_before(entry, c.tok_start) && !sole_titled(c, entry) {
            continue;
        }
        let span = c.tok_start as usize..c.tok_end as usize;
        let holder = taken[c.tok_start as usize];
        if taken[span.clone()].iter().all(|&t| t == u32::MAX) {
            let idx = out.len() as u32;
            taken[span].fill(idx);
            out.push(mention(gaz, tokens, sentences, c));
        } else if holder != u32::MAX {
            // Same span held by a bare alias of an entity never named in full?
            let other = out[holder as usize];
            if other.tok_start == c.tok_start
                && other.tok_end == c.tok_end
                && !named_before(other.entry, other.tok_start)
            {
                out[holder as usize] = mention(gaz, tokens, sentences, c);
            }
        }
    }
}

/// An entity that no gazetteer lists, found by an entity pattern
/// (README, "Entity patterns"): "Vesela Dolyna", "3rd Assault Brigade". Its
/// mentions point at it with [`Mention::unlisted`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlisted {
    /// The name as first written, whitespace collapsed. (Shared with every
    /// event role the entity fills.)
    pub name: std::sync::Arc<str>,
    /// `PREFIX/slug` (`unlisted/place/vesela-dolyna`).
    pub id: std::sync::Arc<str>,
    /// The pattern's hidden template entry: the entity's type.
    pub entry: u32,
    /// Index of the pattern that found it.
    pub pattern: u32,
    /// `shape`, or `title` for a person named after a title.
    pub form: &'static str,
    /// `key=value; ...`: the pattern's attributes and captures, and
    /// `pattern=ID`.
    pub attributes: String,
}

fn mention(gaz: &Gazetteer, tokens: &[Token], sentences: &[Sentence], c: &Candidate) -> Mention {
    let alias = gaz.alias(c.alias);
    let sentence = sentences
        .partition_point(|s| s.end_token <= c.tok_start)
        .min(sentences.len().saturating_sub(1)) as u32;
    Mention {
        start: tokens[c.tok_start as usize].start,
        end: tokens[c.tok_end as usize - 1].end,
        tok_start: c.tok_start,
        tok_end: c.tok_end,
        sentence,
        entry: alias.entry,
        kind: alias.kind,
        unlisted: u32::MAX,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(gaz: &str, text: &str) -> Vec<String> {
        let (g, t, s, mut cands) = crate::gazetteer::matcher::testing::scan(gaz, text);
        let (mut taken, mut out) = (Vec::new(), Vec::new());
        resolve(&g, &t, &s, &mut cands, &mut taken, &mut out, |_, _| false);
        out.iter()
            .map(|m| {
                format!(
                    "{}={}",
                    &text[m.start as usize..m.end as usize],
                    g.entry(m.entry).canonical
                )
            })
            .collect()
    }

    const G: &str = "canonical\ttype\taliases\tdemonyms\nJoe Biden\tPERSON\t\t\nBiden administration\tORG\t\t\nNorth Korea\tPLACE\tDPRK\tNorth Korean\nKorea\tPLACE\t\tKorean\nHunter Biden\tPERSON\t\t\nKursk\tPLACE\tKursk region\t\n";

    #[test]
    fn sharded_automata_give_the_same_mentions() {
        let text = "the Joe Biden administration, North Korean troops and Hunter Biden in Kursk region. Later Biden left.";
        let resolve_with = |shard| {
            let (g, t, s, mut cands) =
                crate::gazetteer::matcher::testing::scan_sharded(G, text, shard);
            let (mut taken, mut out) = (Vec::new(), Vec::new());
            resolve(&g, &t, &s, &mut cands, &mut taken, &mut out, |_, _| false);
            out
        };
        assert_eq!(resolve_with(usize::MAX), resolve_with(2));
        assert_eq!(resolve_with(usize::MAX), resolve_with(1));
    }

    #[test]
    fn longest_wins_even_when_it_starts_later() {
        assert_eq!(
            resolved(G, "the Joe Biden administration and North Korean troops"),
            vec![
                "Biden administration=Biden administration",
                "North Korean=North Korea"
            ]
        );
    }

    #[test]
    fn surnames_follow_the_full_name() {
        assert_eq!(resolved(G, "Biden spoke."), Vec::<String>::new());
        assert_eq!(
            resolved(G, "Joe Biden spoke. Later Biden left."),
            vec!["Joe Biden=Joe Biden", "Biden=Joe Biden"]
        );
        assert_eq!(
            resolved(G, "Hunter Biden spoke. Later Biden left."),
            vec!["Hunter Biden=Hunter Biden", "Biden=Hunter Biden"]
        );
    }

    #[test]
    fn a_country_possessive_is_its_own_mention() {
        let gaz = "canonical\ttype\taliases\tcountry\tiso2\nTaiwan\tPLACE\t\t\tTW\n\
                   Taiwanese Defence Ministry\tORG\tTaiwan's Ministry of National Defense\tTW\t\n\
                   Tigray People's Liberation Front\tORG\t\t\t\n";
        assert_eq!(
            resolved(
                gaz,
                "Taiwan's Ministry of National Defense and the Tigray People's Liberation Front"
            ),
            vec![
                "Taiwan=Taiwan",
                "Ministry of National Defense=Taiwanese Defence Ministry",
                "Tigray People's Liberation Front=Tigray People's Liberation Front"
            ]
        );
    }

    #[test]
    fn a_possessive_that_names_no_country_keeps_the_organisation_whole() {
        let gaz = "canonical\ttype\taliases\tcountry\tiso2\nEthiopia\tPLACE\t\t\tET\n\
                   Sudan\tPLACE\t\t\tSD\n\
                   Tigray People's Liberation Front\tORG\tTPLF\tET\t\n\
                   SPLM-N\tORG\tSudan People's Liberation Movement-North\tSD\t\n";
        assert_eq!(
            resolved(
                gaz,
                "the Tigray People's Liberation Front and the Sudan People’s Liberation Movement-North"
            ),
            vec![
                "Tigray People's Liberation Front=Tigray People's Liberation Front",
                "Sudan People’s Liberation Movement-North=SPLM-N"
            ]
        );
    }

    #[test]
    fn a_weapon_mention_ends_at_its_name() {
        let gaz = "canonical\ttype\taliases\tgeneric\n\
                   Abu Mahdi missile\tWEAPON\tAbu Mahdi cruise missiles\t\n\
                   Tomahawk\tWEAPON\tTomahawk Land Attack Missile\t\n\
                   cruise missiles\tWEAPON\tcruise missile\tyes\n";
        let text = "Abu Mahdi cruise missiles, Tomahawk Land Attack Missile and cruise missiles";
        let (g, t, s, mut cands) = crate::gazetteer::matcher::testing::scan(gaz, text);
        let (mut taken, mut out) = (Vec::new(), Vec::new());
        resolve(&g, &t, &s, &mut cands, &mut taken, &mut out, |_, _| false);
        trim_class_words(&g, text, &t, &mut out);
        let spans: Vec<&str> = out
            .iter()
            .map(|m| &text[m.start as usize..m.end as usize])
            .collect();
        assert_eq!(
            spans,
            vec![
                "Abu Mahdi",
                "Tomahawk Land Attack Missile",
                "cruise missiles"
            ]
        );
    }

    #[test]
    fn a_dotted_country_before_an_organ_is_its_own_mention() {
        let gaz = "canonical\ttype\taliases\tcountry\tiso2\nUnited States\tPLACE\tU.S.\t\tUS\n\
                   US Treasury\tORG\tU.S. Department of the Treasury\tUS\t\n";
        assert_eq!(
            resolved(gaz, "The U.S. Department of the Treasury said."),
            vec![
                "U.S.=United States",
                "Department of the Treasury=US Treasury"
            ]
        );
    }

    #[test]
    fn a_hyphenated_infix_is_no_possessive() {
        let gaz = "canonical\ttype\taliases\tcountry\tiso2\nPakistan\tPLACE\t\t\tPK\n\
                   Tehrik-i-Taliban Pakistan\tORG\tTehreek-e-Taliban Pakistan\tPK\t\n";
        assert_eq!(
            resolved(
                gaz,
                "Tehrik-i-Taliban Pakistan and Tehreek-e-Taliban Pakistan"
            ),
            vec![
                "Tehrik-i-Taliban Pakistan=Tehrik-i-Taliban Pakistan",
                "Tehreek-e-Taliban Pakistan=Tehrik-i-Taliban Pakistan"
            ]
        );
    }
}
