//! Running the compiled patterns over one document.
//!
//! 1. **Gate.** A sentence is encoded only when a capitalised word that no
//!    gazetteer mention covers stands after its first word (and the word is
//!    not in `NOT_NAMES`), or a word of `OPENERS` follows a gazetteer
//!    mention ("Jenin refugee camp"), or a word of `LEADERS` comes right
//!    before one ("the frigate Yulin"), and it is not a headline (no final
//!    full stop and mostly capitalised words). Most sentences of most
//!    documents fail this test, which reads little more than the first
//!    byte of each token.
//! 2. **Match.** The encoded sentence goes through the [`RegexSet`] of all
//!    `match` lines once; only the lines it reports are run again for their
//!    captures.
//! 3. **Choose.** A match is kept when its entity holds a word that no
//!    gazetteer mention covers (or, for a pattern that `takes` a type, is
//!    made of whole listed mentions of that type) and cuts no mention in two; overlapping
//!    matches are decided by length (tokens), then pattern order. Gazetteer
//!    mentions inside a kept entity give way to it ("Jenin refugee camp"),
//!    also when its pattern `drop`s it: then no mention replaces them
//!    ("Ottawa" in "the Ottawa Convention").
//! 4. **Repeat.** Patterns with `repeat name` also take later and earlier
//!    occurrences of the same name elsewhere in the document; with `repeat
//!    surname`, the last word alone after the full name ("Quarnby" after
//!    "Aldous Quarnby"), unless another capitalised word that is not a
//!    title stands right before it (then it is someone else).

use super::PatternSet;
use super::encode::{DocText, encode};
use crate::gazetteer::{AliasKind, Gazetteer};
use crate::resolve::{Mention, Unlisted};
use crate::segment::Sentence;
use regex_automata::{Input, PatternSet as Which};

/// Per-thread buffers, reused from document to document.
#[derive(Default)]
pub struct Scratch {
    /// Per token, the mention covering it (`u32::MAX`: none).
    cover: Vec<u32>,
    hay: Vec<u8>,
    starts: Vec<u32>,
    found: Vec<Found>,
    /// Per unlisted entity, the token range of its first mention.
    firsts: Vec<(u32, u32)>,
    /// Per kept match, its entity.
    entities: Vec<u32>,
    /// The `match` lines the set reports for a sentence (sized for the
    /// pattern set last used on this thread).
    which: Option<Which>,
}

/// A match before choosing among overlapping ones.
#[derive(Debug, Clone)]
struct Found {
    tok_start: u32,
    tok_end: u32,
    sentence: u32,
    regex: u32,
    /// (attribute index, token range) per captured attribute.
    attributes: Vec<(u32, u32, u32)>,
}

impl PatternSet {
    /// Finds the entities no gazetteer lists in one document: appends them
    /// to `unlisted` (cleared first) and their mentions to `mentions`
    /// (which stays in text order), removing gazetteer mentions that a
    /// found name contains.
    #[allow(clippy::too_many_arguments)]
    pub fn find(
        &self,
        gaz: &Gazetteer,
        doc: &DocText,
        sentences: &[Sentence],
        scratch: &mut Scratch,
        mentions: &mut Vec<Mention>,
        unlisted: &mut Vec<Unlisted>,
    ) {
        unlisted.clear();
        if self.regexes.is_empty() {
            return;
        }
        let s = scratch;
        fill_cover(&mut s.cover, doc.tokens.len(), mentions);
        s.found.clear();
        for (si, sentence) in sentences.iter().enumerate() {
            let range = (sentence.first_token as usize, sentence.end_token as usize);
            if !self.worth_encoding(doc, range, &s.cover) {
                continue;
            }
            encode(
                &self.layout,
                gaz,
                doc,
                range,
                mentions,
                &s.cover,
                &mut s.hay,
                &mut s.starts,
            );
            let which = match &mut s.which {
                Some(w) if w.capacity() == self.set.pattern_len() => {
                    w.clear();
                    w
                }
                w => w.insert(Which::new(self.set.pattern_len())),
            };
            self.set
                .which_overlapping_matches(&Input::new(&s.hay), which);
            for ri in which.iter() {
                let ri = ri.as_usize();
                // (Only sentences that match get here: rare enough that the
                // capture slots need not be kept.)
                let Some(regex) = self.regexes[ri].get() else {
                    continue;
                };
                let mut locs = regex.create_captures();
                let mut at = 0;
                while at < s.hay.len() {
                    regex.search_captures(&Input::new(&s.hay).span(at..s.hay.len()), &mut locs);
                    let Some(m) = locs.get_match() else {
                        break;
                    };
                    let Some(e) = locs.get_group(1) else { break };
                    let (e0, e1) = (e.start, e.end);
                    at = e1.max(m.start() + 1);
                    if e1 <= e0 {
                        continue;
                    }
                    let span = |a: usize, b: usize| {
                        let first = s.starts.partition_point(|&x| (x as usize) < a);
                        let end = s.starts.partition_point(|&x| (x as usize) < b);
                        ((range.0 + first) as u32, (range.0 + end) as u32)
                    };
                    let (tok_start, tok_end) = span(e0, e1);
                    let attributes = (0..self.regex_attributes[ri].len())
                        .filter_map(|a| {
                            let g = locs.get_group(2 + a)?;
                            let (p, q) = span(g.start, g.end);
                            (q > p).then_some((a as u32, p, q))
                        })
                        .collect();
                    s.found.push(Found {
                        tok_start,
                        tok_end,
                        sentence: si as u32,
                        regex: ri as u32,
                        attributes,
                    });
                }
            }
        }
        if s.found.is_empty() {
            return;
        }
        self.choose(gaz, doc, mentions, &s.cover, &mut s.found);
        if s.found.is_empty() {
            return;
        }
        s.found.sort_by_key(|f| f.tok_start);
        // Entities are named before the mentions they contain give way, so
        // that attributes read the mentions as the cover indexes them.
        s.entities.clear();
        for f in &s.found {
            let u = self.entity(gaz, doc, mentions, &s.cover, f, unlisted);
            s.entities.push(u.unwrap_or(u32::MAX));
        }
        mentions.retain(|m| {
            !s.found
                .iter()
                .any(|f| f.tok_start <= m.tok_start && m.tok_end <= f.tok_end)
        });
        s.firsts.clear();
        for (f, &u) in s.found.iter().zip(&s.entities) {
            if u == u32::MAX {
                continue;
            }
            if u as usize == s.firsts.len() {
                s.firsts.push((f.tok_start, f.tok_end));
            }
            if self.patterns[unlisted[u as usize].pattern as usize].drop {
                continue;
            }
            mentions.push(Mention {
                start: doc.tokens[f.tok_start as usize].start,
                end: doc.tokens[f.tok_end as usize - 1].end,
                tok_start: f.tok_start,
                tok_end: f.tok_end,
                sentence: f.sentence,
                entry: unlisted[u as usize].entry,
                kind: AliasKind::Name,
                unlisted: u,
            });
        }
        if unlisted.iter().any(|u| {
            self.patterns[u.pattern as usize].repeat_name
                || self.patterns[u.pattern as usize].repeat_surname
        }) {
            mentions.sort_unstable_by_key(|m| (m.tok_start, m.tok_end));
            fill_cover(&mut s.cover, doc.tokens.len(), mentions);
            self.repeats(doc, sentences, &mut s.cover, &s.firsts, unlisted, mentions);
        }
        mentions.sort_unstable_by_key(|m| (m.tok_start, m.tok_end));
    }

    /// Step 1: may this sentence hold an unlisted name?
    fn worth_encoding(&self, doc: &DocText, (from, to): (usize, usize), cover: &[u32]) -> bool {
        let Some(first_word) = (from..to).find(|&k| doc.tokens[k].is_word()) else {
            return false;
        };
        let free_name = |k: usize| {
            cover[k] == u32::MAX && doc.starts_upper(k) && !self.not_names.contains(doc.key(k))
        };
        // (The first word counts when a comma follows it: a sentence may open
        // on a name and what it is, "Bara, a town in North Kordofan, ...".)
        let candidate = (first_word + 1..to).any(free_name)
            || (first_word + 1 < to && doc.raw(first_word + 1) == "," && free_name(first_word));
        // (A word after a listed name: the token after the last of a run
        // of covered tokens, or after a hyphen glued to it: "Hisar-class".)
        let after_name = |k: usize| {
            cover[k - 1] != u32::MAX
                || (k >= from + 2
                    && cover[k - 2] != u32::MAX
                    && doc.raw(k - 1) == "-"
                    && doc.tokens[k - 1].start == doc.tokens[k - 2].end
                    && doc.tokens[k].start == doc.tokens[k - 1].end)
        };
        let opened = || {
            !self.openers.is_empty()
                && (from + 1..to).any(|k| {
                    cover[k] == u32::MAX
                        && doc.tokens[k].is_word()
                        && self.openers.contains(doc.key(k))
                        && after_name(k)
                })
        };
        // (A word before a listed name: "the frigate Yulin", for patterns
        // that `take` a listed name. The word may be a generic mention
        // itself: "the submarine Novorossiysk".)
        let led = || {
            !self.leaders.is_empty()
                && (from..to.saturating_sub(1)).any(|k| {
                    cover[k + 1] != u32::MAX
                        && cover[k + 1] != cover[k]
                        && doc.tokens[k].is_word()
                        && self.leaders.contains(doc.key(k))
                })
        };
        (candidate || opened() || led()) && !self.is_headline(doc, (from, to))
    }

    /// A headline ([`crate::segment::is_headline`] with `headline_caps`).
    fn is_headline(&self, doc: &DocText, (from, to): (usize, usize)) -> bool {
        crate::segment::is_headline(doc.text, doc.tokens, from, to, self.headline_caps)
    }

    /// Step 3: keeps the valid matches that win their overlaps.
    fn choose(
        &self,
        gaz: &Gazetteer,
        doc: &DocText,
        mentions: &[Mention],
        cover: &[u32],
        found: &mut Vec<Found>,
    ) {
        found.retain(|f| {
            let (a, b) = (f.tok_start as usize, f.tok_end as usize);
            let open_word = (a..b).any(|k| cover[k] == u32::MAX && doc.tokens[k].is_word());
            // A pattern that `takes` a type may name a run of whole listed
            // mentions of that type (the cut checks below keep them whole).
            let takes = &self.patterns[self.regex_pattern[f.regex as usize] as usize].takes;
            let taken = || {
                !takes.is_empty()
                    && (a..b).all(|k| {
                        cover[k] == u32::MAX && !doc.tokens[k].is_word()
                            || cover[k] != u32::MAX
                                && mentions[cover[k] as usize].unlisted == u32::MAX
                                && takes
                                    .contains(&gaz.entry(mentions[cover[k] as usize].entry).etype)
                    })
            };
            let open_word = open_word || taken();
            let cut_start =
                cover[a] != u32::MAX && mentions[cover[a] as usize].tok_start as usize != a;
            let cut_end =
                cover[b - 1] != u32::MAX && mentions[cover[b - 1] as usize].tok_end as usize != b;
            open_word && !cut_start && !cut_end
        });
        found.sort_by_key(|f| {
            (
                std::cmp::Reverse(f.tok_end - f.tok_start),
                f.regex,
                f.tok_start,
            )
        });
        let mut kept: Vec<Found> = Vec::with_capacity(found.len());
        for f in found.drain(..) {
            if kept
                .iter()
                .all(|k| f.tok_end <= k.tok_start || k.tok_end <= f.tok_start)
            {
                kept.push(f);
            }
        }
        *found = kept;
    }

    /// The entity a kept match names: an existing one with the same id, or
    /// a new one. `None` when the name has no letters or digits.
    fn entity(
        &self,
        gaz: &Gazetteer,
        doc: &DocText,
        mentions: &[Mention],
        cover: &[u32],
        f: &Found,
        unlisted: &mut Vec<Unlisted>,
    ) -> Option<u32> {
        let pi = self.regex_pattern[f.regex as usize];
        let pattern = &self.patterns[pi as usize];
        let name = collapse(
            &doc.text[doc.tokens[f.tok_start as usize].start as usize
                ..doc.tokens[f.tok_end as usize - 1].end as usize],
        );
        let slug = crate::normalize::fold_phrase(&name).replace(' ', "-");
        if slug.is_empty() {
            return None;
        }
        let id = format!("{}/{slug}", pattern.prefix);
        if let Some(i) = unlisted.iter().position(|u| *u.id == *id) {
            return Some(i as u32);
        }
        let mut attributes: Vec<String> = pattern.attributes.clone();
        let names = &self.regex_attributes[f.regex as usize];
        for (i, &(a, p, q)) in f.attributes.iter().enumerate() {
            let name = &names[a as usize];
            if f.attributes[..i]
                .iter()
                .any(|&(b, _, _)| names[b as usize] == *name)
            {
                continue;
            }
            let inside = (p..q).map(|k| cover[k as usize]).find(|&m| m != u32::MAX);
            let value = match inside {
                Some(m) => gaz.entry(mentions[m as usize].entry).canonical.to_string(),
                None => collapse(
                    &doc.text[doc.tokens[p as usize].start as usize
                        ..doc.tokens[q as usize - 1].end as usize],
                ),
            };
            attributes.push(format!("{name}={value}"));
        }
        attributes.push(format!("pattern={}", pattern.id));
        unlisted.push(Unlisted {
            name: name.into(),
            id: id.into(),
            entry: pattern.entry,
            pattern: pi,
            form: if pattern.title { "title" } else { "shape" },
            attributes: attributes.join("; "),
        });
        Some(unlisted.len() as u32 - 1)
    }

    /// Step 4: other mentions of the entities found, by name or surname.
    /// `cover` indexes `mentions` (in text order); gazetteer mentions
    /// inside a repeated name give way to it, as in the first mention.
    fn repeats(
        &self,
        doc: &DocText,
        sentences: &[Sentence],
        cover: &mut [u32],
        firsts: &[(u32, u32)],
        unlisted: &[Unlisted],
        mentions: &mut Vec<Mention>,
    ) {
        let n = doc.tokens.len();
        let known = mentions.len();
        let free_cap =
            |cover: &[u32], k: usize| k < n && cover[k] == u32::MAX && doc.starts_upper(k);
        // Does `a..b` hold only whole gazetteer mentions (or none)?
        let whole = |ms: &[Mention], cover: &[u32], a: usize, b: usize| {
            (a..b).all(|k| {
                let m = cover[k];
                m == u32::MAX
                    || (m < known as u32
                        && ms[m as usize].unlisted == u32::MAX
                        && ms[m as usize].tok_start as usize >= a
                        && ms[m as usize].tok_end as usize <= b)
            })
        };
        let mut gone: Vec<u32> = Vec::new();
        let mut si = 0;
        let mut k = 0;
        while k < n {
            while si + 1 < sentences.len() && sentences[si].end_token as usize <= k {
                si += 1;
            }
            // A repeat starts at a capitalised word that is free or begins
            // a gazetteer mention ("Jenin" of "Jenin refugee camp").
            let open = free_cap(cover, k);
            let begins_mention = !open
                && doc.starts_upper(k)
                && (cover[k] as usize) < known
                && mentions[cover[k] as usize].tok_start as usize == k
                && mentions[cover[k] as usize].unlisted == u32::MAX;
            if !open && !begins_mention {
                k += 1;
                continue;
            }
            let s_end = sentences.get(si).map_or(n, |s| s.end_token as usize);
            // A free capitalised word right before may make this part of
            // a longer name, or of another person's name.
            let before_free =
                k > 0 && free_cap(cover, k - 1) && !self.not_names.contains(doc.key(k - 1));
            let mut hit: Option<(u32, usize, AliasKind)> = None;
            for (u, ent) in unlisted.iter().enumerate() {
                let pattern = &self.patterns[ent.pattern as usize];
                let (a, b) = (firsts[u].0 as usize, firsts[u].1 as usize);
                if pattern.repeat_name && k != a {
                    let len = b - a;
                    let same = k + len <= s_end
                        && (0..len).all(|i| doc.key(k + i) == doc.key(a + i))
                        && whole(mentions, cover, k, k + len)
                        && (k..k + len).any(|i| cover[i] == u32::MAX && doc.tokens[i].is_word());
                    if same && !before_free && !free_cap(cover, k + len) {
                        hit = Some((u as u32, len, AliasKind::Name));
                        break;
                    }
                }
                if pattern.repeat_surname && open && k >= b {
                    let last = (a..b).rev().find(|&i| doc.tokens[i].is_word()).unwrap_or(a);
                    let words = (a..b).filter(|&i| doc.tokens[i].is_word()).count();
                    let other_first = before_free && !self.titles.contains(doc.key(k - 1));
                    if words >= 2
                        && doc.key(k) == doc.key(last)
                        && !other_first
                        && !free_cap(cover, k + 1)
                        && hit.is_none_or(|(h, _, _)| firsts[h as usize].0 < firsts[u].0)
                    {
                        hit = Some((u as u32, 1, AliasKind::Partial));
                    }
                }
            }
            let Some((u, len, kind)) = hit else {
                k += 1;
                continue;
            };
            gone.extend(cover[k..k + len].iter().filter(|&&m| m != u32::MAX));
            cover[k..k + len].fill(mentions.len() as u32);
            mentions.push(Mention {
                start: doc.tokens[k].start,
                end: doc.tokens[k + len - 1].end,
                tok_start: k as u32,
                tok_end: (k + len) as u32,
                sentence: si as u32,
                entry: unlisted[u as usize].entry,
                kind,
                unlisted: u,
            });
            k += len;
        }
        if !gone.is_empty() {
            let mut i = 0u32;
            mentions.retain(|_| {
                i += 1;
                !gone.contains(&(i - 1))
            });
        }
    }
}

/// Per token, the index of the mention covering it.
fn fill_cover(cover: &mut Vec<u32>, n: usize, mentions: &[Mention]) {
    cover.clear();
    cover.resize(n, u32::MAX);
    for (i, m) in mentions.iter().enumerate() {
        cover[m.tok_start as usize..m.tok_end as usize].fill(i as u32);
    }
}

/// The text with runs of whitespace made one space.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
