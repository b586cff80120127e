//! Finding whole-word alias matches (and the trigger words of the rules) in
//! a folded text.
//!
//! Every pattern is a folded alias with a leading space, so a match can
//! only begin at a word. The matcher therefore does not scan the text byte
//! by byte: it looks at each word, skips it with one hash and two bit tests
//! unless the word begins some pattern (most words do not), and otherwise
//! walks the aho-corasick automaton anchored at the space before it,
//! recording each match that ends at a word boundary ("us" never matches
//! inside "campus"; " iskander m" does not match " iskander missiles").
//! That finds exactly what a leftmost-longest scan finds, with the
//! automaton, the part of the work that misses the cache, visited from a
//! quarter of the words. Two cases need more than one match per position,
//! and get it:
//!
//! * a match that its case rule rejects ("Sagaing Region" against
//!   "Sagaing region", "US" against "us") gives way to the longest shorter
//!   match at the same word, and the search then goes on;
//! * a short alias must not hide a longer one that starts inside it: for a
//!   multi-word match, every word inside it is searched again for a match
//!   that reaches further ("Joe Biden administration" also yields "Biden
//!   administration"); [`crate::resolve`] then picks the longest.
//!
//! The rules' trigger words go into the same automaton, so finding them
//! costs nothing beyond this pass.

use super::{AliasKind, CaseRule, Gazetteer, GazetteerError, PLACE, WEAPON};
use crate::normalize::word_equals_stripped;
use crate::segment::Token;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind, PatternID};
use rayon::prelude::*;
use std::hash::BuildHasher;
use std::time::Instant;

/// One alias found in the text: tokens `tok_start..tok_end` (word tokens
/// only at both ends) match alias `alias`, and its case rule holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub tok_start: u32,
    pub tok_end: u32,
    pub alias: u32,
}

/// Above this many patterns the automaton is split into shards that are
/// compiled in parallel. Building is single-threaded in the aho-corasick
/// crate and dominates the loading of large gazetteers. The scan stays one
/// pass: the shards hold ranges of the sorted patterns, and each word is
/// looked up in the one shard whose range of first words holds it.
const SHARD_PATTERNS: usize = 100_000;

/// From this many patterns on (the default gazetteers have about 60,000),
/// the automaton is split into one shard per thread even below
/// [`SHARD_PATTERNS`]: building it is then about half of loading, and the
/// shards cost the scan only a comparison of each word with their bounds.
const PARALLEL_PATTERNS: usize = 16_000;

/// One automaton over a contiguous range of the patterns.
#[derive(Debug, Clone)]
struct Shard {
    automaton: contiguous::NFA,
    /// Global index of the shard's first pattern.
    base: usize,
    /// Which words can begin one of the shard's patterns.
    starts: FirstWords,
    /// The first word of the shard's first pattern: the patterns are
    /// sorted, so their first words are too, and a word before `first`
    /// begins none of this shard's patterns, nor one after the next
    /// shard's `first` (unless it is that word) any of this one's.
    first: Box<[u8]>,
    /// The first byte of `first` (a word is compared with `first` itself
    /// only when it begins with the same byte).
    first_byte: u8,
    /// Whether the shard before this one also has patterns beginning with
    /// `first`.
    shared_first: bool,
    /// The byte length of each of the shard's patterns (a compact copy, read
    /// at every match state the walks reach; `u16::MAX`: look it up).
    lens: Vec<u16>,
}

impl Shard {
    /// [`walk`] through this shard's automaton, with global pattern indices.
    #[inline(always)]
    fn walk(&self, hay: &[u8], sp: usize, ends: &mut Vec<(usize, usize)>) {
        let nfa = &self.automaton;
        walk(nfa, hay, sp, ends, self.base, |pid| {
            match self.lens[pid.as_usize()] {
                u16::MAX => nfa.pattern_len(pid),
                n => n as usize,
            }
        });
    }
}

/// A Bloom filter (two bits per word) over the words that begin a pattern.
/// A text word with either bit clear begins no match, so most words are
/// skipped with one hash and two bit tests instead of a walk through the
/// automaton; the rest (first words, and well under 1% of the others) get
/// an anchored walk, which decides. Two bits rather than one matter: a
/// collision on a word as common as "in" would cost a walk at every use.
#[derive(Debug, Clone)]
struct FirstWords {
    bits: Vec<u64>,
    mask: u64,
}

impl FirstWords {
    fn new<'p>(patterns: impl Iterator<Item = &'p str>, count: usize) -> FirstWords {
        // 16 bits per pattern (fewer distinct first words than patterns):
        // small enough to stay in cache, and with two bits per word, a word
        // that begins no pattern still passes only about once in a hundred.
        let size = (count.max(1) * 16).next_power_of_two().max(1 << 12);
        let mut f = FirstWords {
            bits: vec![0; size / 64],
            mask: size as u64 - 1,
        };
        for p in patterns {
            let body = p.strip_prefix(' ').unwrap_or(p);
            let first = body.split(' ').next().unwrap_or(body);
            let (a, b) = f.slots(first.as_bytes());
            f.bits[(a / 64) as usize] |= 1 << (a % 64);
            f.bits[(b / 64) as usize] |= 1 << (b % 64);
        }
        f
    }

    #[inline]
    fn slots(&self, word: &[u8]) -> (u64, u64) {
        let h = FIRST_WORD_HASH.hash_one(word);
        (h & self.mask, (h >> 32) & self.mask)
    }

    #[inline]
    fn may_start(&self, word: &[u8]) -> bool {
        let (a, b) = self.slots(word);
        self.bits[(a / 64) as usize] & (1 << (a % 64)) != 0
            && self.bits[(b / 64) as usize] & (1 << (b % 64)) != 0
    }
}

/// A fixed seed: the filter, and so the work done, is the same on every run.
const FIRST_WORD_HASH: foldhash::fast::FixedState =
    foldhash::fast::FixedState::with_seed(0x65766578);

/// Per pattern: how many words, whether it is an extra word, and its
/// alias(es) — inline when there is one, as most patterns have.
#[derive(Debug, Clone, Copy)]
struct PatternInfo {
    words: u16,
    /// A gazetteer pattern (not only an extra word).
    gazetteer: bool,
    /// Also (or only) an extra word.
    word: bool,
    /// The one alias's case rule and trailing dot (with `single`).
    case: CaseRule,
    dot: bool,
    single: bool,
    /// The alias, or with several, the range `alias..alias + count` of
    /// `Gazetteer::pattern_aliases`.
    alias: u32,
    count: u32,
}

/// The compiled automaton over a gazetteer's aliases and extra words.
#[derive(Debug, Clone)]
pub struct Matcher {
    shards: Vec<Shard>,
    /// What [`Matcher::take`] needs to know of each pattern, in one place:
    /// one cache line per match instead of five arrays.
    info: Vec<PatternInfo>,
    build_seconds: f64,
    automaton_seconds: f64,
}

impl Matcher {
    /// Compiles the gazetteer's folded aliases and `words` (folded single
    /// words, e.g. rule triggers) into one automaton.
    pub fn new<'w>(
        gaz: &Gazetteer,
        words: impl IntoIterator<Item = &'w str>,
    ) -> Result<Matcher, GazetteerError> {
        Matcher::with_shard_size(gaz, words, SHARD_PATTERNS)
    }

    /// [`Matcher::new`] with automata of at most about `shard_patterns`
    /// patterns each (the results do not depend on it).
    pub fn with_shard_size<'w>(
        gaz: &Gazetteer,
        words: impl IntoIterator<Item = &'w str>,
        shard_patterns: usize,
    ) -> Result<Matcher, GazetteerError> {
        let started = Instant::now();
        // Patterns carry a leading space, so every match starts at a word
        // start and the automaton never wastes a match inside a word ("us"
        // in "campus").
        let aliases = gaz.patterns().len();
        let mut extra: crate::words::Map<String, bool> = words
            .into_iter()
            .map(|w| (format!(" {w}"), false))
            .collect();
        let mut word = vec![false; aliases];
        for (i, p) in gaz.patterns().iter().enumerate() {
            if let Some(seen) = extra.get_mut(p.as_str()) {
                word[i] = true;
                *seen = true;
            }
        }
        let mut extra: Vec<String> = extra
            .into_iter()
            .filter(|(_, seen)| !seen)
            .map(|(w, _)| w)
            .collect();
        extra.sort_unstable();
        word.extend(std::iter::repeat_n(true, extra.len()));
        let info: Vec<PatternInfo> = word
            .iter()
            .enumerate()
            .map(|(p, &word)| {
                let mut i = PatternInfo {
                    words: 0,
                    gazetteer: p < aliases,
                    word,
                    case: CaseRule::Any,
                    dot: false,
                    single: false,
                    alias: 0,
                    count: 0,
                };
                if p < aliases {
                    let (from, to) = gaz.pattern_ranges[p];
                    i.words = gaz.pattern_words[p];
                    i.alias = from;
                    i.count = to - from;
                    if to - from == 1 {
                        let a = gaz.pattern_aliases[from as usize];
                        let alias = &gaz.aliases[a as usize];
                        i.single = true;
                        i.alias = a;
                        i.case = alias.case;
                        i.dot = alias.dot;
                    }
                }
                i
            })
            .collect();
        let compiling = Instant::now();
        let all: Vec<&str> = gaz
            .patterns()
            .iter()
            .map(String::as_str)
            .chain(extra.iter().map(String::as_str))
            .collect();
        // Patterns go in sorted: the trie is then laid out subtree by
        // subtree, and a walk down a name stays within a few cache lines.
        let mut order: Vec<u32> = (0..all.len() as u32).collect();
        order.par_sort_unstable_by_key(|&i| all[i as usize]);
        let info: Vec<PatternInfo> = order.iter().map(|&i| info[i as usize]).collect();
        let all: Vec<&str> = order.iter().map(|&i| all[i as usize]).collect();
        let shard_patterns = shard_patterns.max(1);
        // As many shards as the size calls for, and one per thread for a
        // size worth building in parallel, but no more than can be built at
        // once.
        let threads = rayon::current_num_threads();
        let parallel = if all.len() >= PARALLEL_PATTERNS {
            threads
        } else {
            1
        };
        let shards = all
            .len()
            .div_ceil(shard_patterns)
            .max(parallel)
            .clamp(1, threads.max(2));
        let size = all.len().div_ceil(shards).max(1);
        let shards: Vec<(Shard, Box<[u8]>)> = all
            .par_chunks(size)
            .enumerate()
            .map(|(i, chunk)| {
                let starts = FirstWords::new(chunk.iter().copied(), chunk.len());
                let first_word = |p: Option<&&str>| -> Box<[u8]> {
                    let p = p.copied().unwrap_or("");
                    let body = p.strip_prefix(' ').unwrap_or(p);
                    body.split(' ').next().unwrap_or(body).as_bytes().into()
                };
                let (first, last) = (first_word(chunk.first()), first_word(chunk.last()));
                let lens = chunk
                    .iter()
                    .map(|p| u16::try_from(p.len()).unwrap_or(u16::MAX))
                    .collect();
                // A contiguous NFA walked by hand (see `walk`): the crate's
                // low-level `Automaton` interface, inlined into the scan.
                contiguous::Builder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    // Searches are anchored at word starts: no prefilter.
                    .prefilter(false)
                    // (Deeper dense states only make the automaton bigger:
                    // the walks are short, and cache misses dominate.)
                    .dense_depth(2)
                    .build(chunk)
                    .map(|automaton| {
                        let shard = Shard {
                            automaton,
                            base: i * size,
                            starts,
                            first_byte: first.first().copied().unwrap_or(0),
                            first,
                            shared_first: false,
                            lens,
                        };
                        (shard, last)
                    })
                    .map_err(|e| GazetteerError::Build(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut previous_last: Option<Box<[u8]>> = None;
        let shards: Vec<Shard> = shards
            .into_iter()
            .map(|(mut shard, last)| {
                shard.shared_first = previous_last.as_ref() == Some(&shard.first);
                previous_last = Some(last);
                shard
            })
            .collect();
        Ok(Matcher {
            shards,
            info,
            build_seconds: started.elapsed().as_secs_f64(),
            automaton_seconds: compiling.elapsed().as_secs_f64(),
        })
    }

    /// Seconds spent compiling the automaton.
    pub fn build_seconds(&self) -> f64 {
        self.build_seconds
    }

    /// Seconds spent in the aho-corasick builder alone.
    pub fn automaton_seconds(&self) -> f64 {
        self.automaton_seconds
    }

    /// Number of patterns in the automaton.
    pub fn patterns(&self) -> usize {
        self.info.len()
    }

    /// Scans `folded` (built by [`crate::normalize::fold_tokens`] from
    /// `text` and `tokens`; `words` lists the word tokens in order). Alias
    /// matches whose case rule holds go to `out`; word tokens where an extra
    /// word starts go to `hits`.
    #[allow(clippy::too_many_arguments)]
    pub fn find(
        &self,
        gaz: &Gazetteer,
        text: &str,
        folded: &str,
        tokens: &[Token],
        words: &[u32],
        out: &mut Vec<Candidate>,
        hits: &mut Vec<u32>,
    ) {
        self.scan(gaz, text, folded, tokens, words, out, hits);
    }

    /// Every whole-word match at the word `hay[a..b]` (of any shard),
    /// shortest first, into `ends` as (end in the folded text, global
    /// pattern index); with a variant's stem ("k9" of "k9a1"), also the
    /// matches that end inside the word, after the stem (see `walk`). Each
    /// shard holds a range of the sorted patterns, so of their first words
    /// too: a word is looked up only in the shard (or, at a boundary, the
    /// two) whose range of first words holds it (or its stem), and the
    /// union is what one automaton over all the patterns would give.
    #[inline(always)]
    fn at(&self, hay: &[u8], (a, b): (usize, usize), ends: &mut Vec<(usize, usize)>) -> bool {
        ends.clear();
        let word = &hay[a..b];
        if let [shard] = &self.shards[..] {
            // A variant ("k9a1") may begin a pattern with its stem ("k9").
            if shard.starts.may_start(word)
                || variant_stem(word).is_some_and(|i| shard.starts.may_start(&word[..i]))
            {
                shard.walk(hay, a - 1, ends);
            }
            return !ends.is_empty();
        }
        let stem = variant_stem(word).map(|i| &word[..i]);
        let (mut lo, mut hi) = self.shards_of(word);
        if let Some(stem) = stem {
            let (l, h) = self.shards_of(stem);
            (lo, hi) = (lo.min(l), hi.max(h));
        }
        for shard in &self.shards[lo..=hi] {
            if !(shard.starts.may_start(word) || stem.is_some_and(|s| shard.starts.may_start(s))) {
                continue;
            }
            let from = ends.len();
            shard.walk(hay, a - 1, ends);
            if from > 0 && ends.len() > from {
                ends.sort_unstable();
            }
        }
        !ends.is_empty()
    }

    /// The shards whose patterns `word` may begin: the last shard whose
    /// first word is at most `word`, and the one before it too when both
    /// hold patterns beginning with that very word.
    #[inline]
    fn shards_of(&self, word: &[u8]) -> (usize, usize) {
        // The first bytes decide but for about one word in twenty.
        let byte = word.first().copied().unwrap_or(0);
        let k = self.shards[1..]
            .iter()
            .take_while(|s| match byte.cmp(&s.first_byte) {
                std::cmp::Ordering::Equal => word >= &s.first[..],
                o => o == std::cmp::Ordering::Greater,
            })
            .count();
        let shard = &self.shards[k];
        if k > 0 && shard.shared_first && word == &shard.first[..] {
            (k - 1, k)
        } else {
            (k, k)
        }
    }

    /// One pass over the folded text, word by word: a word that can begin a
    /// pattern gets an anchored search for the longest match there. This
    /// finds what an unanchored leftmost-longest scan finds (every pattern
    /// starts at a word), but walks an automaton only from the few words
    /// that begin a pattern.
    #[allow(clippy::too_many_arguments)]
    fn scan(
        &self,
        gaz: &Gazetteer,
        text: &str,
        folded: &str,
        tokens: &[Token],
        words: &[u32],
        out: &mut Vec<Candidate>,
        hits: &mut Vec<u32>,
    ) {
        let hay = folded.as_bytes();
        let span = |w: usize| {
            let t = &tokens[words[w] as usize];
            (t.fstart as usize, t.fend as usize)
        };
        // Whole-word matches at word `w`, shortest first.
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let mut inner: Vec<(usize, usize)> = Vec::new();
        let mut w = 0;
        while w < words.len() {
            if !self.at(hay, span(w), &mut ends) {
                w += 1;
                continue;
            }
            // The longest first; if its case rule rejects it ("Sagaing
            // Region" for "Sagaing region"), a shorter one may still hold.
            let mut accepted = false;
            let mut e = 0;
            while let Some((end, p)) = ends.pop() {
                e = end;
                let shorter = ends.last().map(|&(end, _)| end);
                if self.take(
                    gaz,
                    text,
                    folded,
                    tokens,
                    words,
                    p,
                    w,
                    (end, shorter),
                    out,
                    hits,
                ) {
                    accepted = true;
                    break;
                }
            }
            // Longer matches that start inside this one ("Joe Biden
            // administration" also holds "Biden administration").
            let mut v = w + 1;
            while v < words.len() && span(v).0 < e {
                if self.at(hay, span(v), &mut inner)
                    && let Some(&(end, p)) = inner.last()
                    && end > e
                {
                    self.take(
                        gaz,
                        text,
                        folded,
                        tokens,
                        words,
                        p,
                        v,
                        (end, None),
                        out,
                        hits,
                    );
                }
                v += 1;
            }
            w = if accepted { v } else { w + 1 };
        }
    }

    /// Records a whole-word match of pattern `p` starting at word
    /// `words[first]` and ending at `end` in the folded text. Returns
    /// whether anything was taken from it. `shorter`: where the next
    /// shorter match at that word ends. A match that ends inside its last
    /// word is taken only as a variant of a weapon ([`variant_suffix`]).
    #[allow(clippy::too_many_arguments)]
    fn take(
        &self,
        gaz: &Gazetteer,
        text: &str,
        folded: &str,
        tokens: &[Token],
        words: &[u32],
        p: usize,
        first: usize,
        (end, shorter): (usize, Option<usize>),
        out: &mut Vec<Candidate>,
        hits: &mut Vec<u32>,
    ) -> bool {
        let info = self.info[p];
        let n = info.words as usize;
        // A match that ends inside a word (only on a digit; see `walk`).
        if folded.as_bytes().get(end).is_some_and(|&c| c != b' ') {
            let Some(&last) = words.get((first + n).wrapping_sub(1)) else {
                return false;
            };
            let t = &tokens[last as usize];
            return info.gazetteer
                && n > 0
                && (t.fstart as usize..t.fend as usize).contains(&end)
                && variant_suffix(text, t, end - t.fstart as usize)
                && self.take_variant(
                    gaz,
                    text,
                    tokens,
                    &words[first..first + n],
                    end - t.fstart as usize,
                    p,
                    out,
                );
        }
        let mut taken = false;
        if info.word {
            hits.push(words[first]);
            taken = true;
        }
        if !info.gazetteer {
            return taken;
        }
        let Some(&last) = words.get(first + n - 1) else {
            return taken;
        };
        let span = &words[first..first + n];
        if joined_by_currency(text, tokens, span) {
            return taken;
        }
        let mut push = |a: u32, case: CaseRule, dot: bool| {
            // `unit`: the title rule held only with a lower-case subdivision
            // word at the end, which is then left out of the mention.
            let (holds, unit) = match case {
                CaseRule::Any => (true, false),
                CaseRule::Title => {
                    if case_holds(case, "", text, tokens, span) {
                        (true, false)
                    } else {
                        let unit = gaz.is_type(gaz.aliases[a as usize].entry, PLACE)
                            && title_with_unit_word(gaz, text, folded, tokens, span);
                        (unit, unit)
                    }
                }
                CaseRule::Exact => (
                    case_holds(case, &gaz.aliases[a as usize].stripped, text, tokens, span),
                    false,
                ),
            };
            if !holds {
                return false;
            }
            if unit {
                // A name on the same words without the unit word ("Sagaing"
                // before "Sagaing Region", the city "Aleppo" before "Aleppo
                // Governorate") is what the text means: the caller falls
                // back to it. The region is taken only when its bare name
                // is no other entry's.
                if shorter == Some(tokens[words[first + n - 2] as usize].fend as usize) {
                    return false;
                }
                out.push(Candidate {
                    tok_start: words[first],
                    tok_end: last,
                    alias: a,
                });
                return true;
            }
            let mut tok_end = last + 1;
            if dot
                && let Some(t) = tokens.get(tok_end as usize)
                && !t.space_before
                && &text[t.start as usize..t.end as usize] == "."
            {
                tok_end += 1;
            }
            out.push(Candidate {
                tok_start: words[first],
                tok_end,
                alias: a,
            });
            true
        };
        if info.single {
            return push(info.alias, info.case, info.dot) || taken;
        }
        let range = info.alias as usize..(info.alias + info.count) as usize;
        for &a in &gaz.pattern_aliases[range] {
            let alias = &gaz.aliases[a as usize];
            taken |= push(a, alias.case, alias.dot);
        }
        taken
    }

    /// A match that ends on a digit inside its last word, followed by a
    /// variant suffix ("FA-50" in "FA-50PL"): the weapon entries of pattern
    /// `p` whose case rule holds, each as a mention of the whole words
    /// ("FA-50PL" → FA-50). `at`: where the suffix begins in the last word.
    #[allow(clippy::too_many_arguments)]
    fn take_variant(
        &self,
        gaz: &Gazetteer,
        text: &str,
        tokens: &[Token],
        span: &[u32],
        at: usize,
        p: usize,
        out: &mut Vec<Candidate>,
    ) -> bool {
        let (Some(&first), Some(&last)) = (span.first(), span.last()) else {
            return false;
        };
        let info = self.info[p];
        let single = [info.alias];
        let aliases = if info.single {
            &single[..]
        } else {
            &gaz.pattern_aliases[info.alias as usize..(info.alias + info.count) as usize]
        };
        let mut taken = false;
        for &a in aliases {
            let alias = &gaz.aliases[a as usize];
            // A variant is a name (not a demonym or a surname) of a weapon.
            // An exact alias ("F-15", as short capitals) must be written
            // as listed up to the suffix.
            let case = match alias.case {
                CaseRule::Any => true,
                CaseRule::Title => case_holds(CaseRule::Title, "", text, tokens, span),
                CaseRule::Exact => {
                    let mut expected = alias.stripped.split(' ');
                    span.iter().all(|&w| {
                        let t = &tokens[w as usize];
                        let word = &text[t.start as usize..t.end as usize];
                        let word = if w == last { &word[..at] } else { word };
                        expected
                            .next()
                            .is_some_and(|e| word_equals_stripped(word, e))
                    }) && expected.next().is_none()
                }
            };
            if !case || alias.kind != AliasKind::Name || !gaz.is_type(alias.entry, WEAPON) {
                continue;
            }
            out.push(Candidate {
                tok_start: first,
                tok_end: last + 1,
                alias: a,
            });
            taken = true;
        }
        taken
    }
}

/// Walks the automaton from the space at `sp` (anchored) and records every
/// match that ends at a word boundary, shortest first: the whole-word
/// matches of patterns starting at the word after `sp`. (A pattern may end
/// inside a word, " iskander m" in " iskander missiles"; that is no match.)
#[inline]
fn walk(
    nfa: &contiguous::NFA,
    hay: &[u8],
    sp: usize,
    ends: &mut Vec<(usize, usize)>,
    base: usize,
    pattern_len: impl Fn(PatternID) -> usize,
) {
    let Ok(mut sid) = nfa.start_state(Anchored::Yes) else {
        return;
    };
    for (i, &b) in hay[sp..].iter().enumerate() {
        sid = nfa.next_state(Anchored::Yes, sid, b);
        if !nfa.is_special(sid) {
            continue;
        }
        if nfa.is_dead(sid) {
            return;
        }
        let end = sp + i + 1;
        // A match that ends on a digit glued to letters ("fa 50" in "fa
        // 50pl") may be a variant of a listed weapon ("FA-50PL"): `take`
        // decides, from the entry's type and the original letters.
        if nfa.is_match(sid)
            && hay.get(end).is_none_or(|&c| {
                c == b' ' || (c.is_ascii_lowercase() && hay[end - 1].is_ascii_digit())
            })
        {
            // The state's own pattern is the one as long as the walk, and
            // comes first; a state that ends no pattern of its own may hold
            // shorter ones that end here (not matches at `sp`).
            let pid = nfa.match_pattern(sid, 0);
            if pattern_len(pid) == end - sp {
                ends.push((end, base + pid.as_usize()));
            }
        }
    }
}

/// Where the stem of a folded word that may be a variant ends: the word
/// without a final run of one to three letters and at most one digit that
/// follows a digit ("k9a1" → "k9", "50pl" → "50"). Looks at most five bytes
/// from the end, so that most words are refused at once.
#[inline]
fn variant_stem(word: &[u8]) -> Option<usize> {
    let mut i = word.len();
    if i > 0 && word[i - 1].is_ascii_digit() {
        i -= 1;
    }
    let letters_end = i;
    while i > 0 && letters_end - i < 3 && word[i - 1].is_ascii_lowercase() {
        i -= 1;
    }
    (i < letters_end && i > 0 && word[i - 1].is_ascii_digit()).then_some(i)
}

/// Is the rest of token `t` from byte `at` of its folded form a variant
/// suffix: one to three capital letters and at most one digit, as written
/// ("PL" of "FA-50PL", "J" of "F-15J", "SM2" of "Su-30SM2", "A1" of
/// "K9A1")? Lower-case letters are no suffix ("F-16s" is a plural, "50th"
/// an ordinal). Only ASCII words, whose folded and written forms align.
fn variant_suffix(text: &str, t: &Token, at: usize) -> bool {
    let word = &text[t.start as usize..t.end as usize];
    if !word.is_ascii() || word.len() != (t.fend - t.fstart) as usize || at >= word.len() {
        return false;
    }
    let suffix = &word.as_bytes()[at..];
    let letters = suffix.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = suffix.len() - letters;
    (1..=3).contains(&letters) && digits <= 1 && suffix[letters..].iter().all(u8::is_ascii_digit)
}

/// Is a currency sign between two words of `span`? Punctuation joins the
/// words of a name ("F-16", "F 16"), but "A$10 billion" is an amount of
/// Australian dollars, not the A-10 aircraft.
fn joined_by_currency(text: &str, tokens: &[Token], span: &[u32]) -> bool {
    span.windows(2).any(|w| {
        let (a, b) = (&tokens[w[0] as usize], &tokens[w[1] as usize]);
        text[a.end as usize..b.start as usize]
            .chars()
            .any(|c| matches!(c, '$' | '€' | '£' | '¥' | '₹'))
    })
}

/// A `case=title` place name whose last word is a subdivision word written
/// in lower case ("Far North region" for "Far North Region"; the words are
/// `gazetteers/unit_words.txt`): the words before it must hold the title
/// rule, and must not be a direction alone ("the Eastern region" of
/// whichever country; `gazetteers/unit_directions.txt`). Only for places:
/// "an Islamic state" is no "Islamic State". The mention is the name
/// without that word ("Far North"), as "Kharkiv" in "the Kharkiv region",
/// so that patterns still see the word after it. `folded`: the folded text
/// the tokens' `fstart..fend` point into (the sets hold folded words, so a
/// lookup allocates nothing).
fn title_with_unit_word(
    gaz: &Gazetteer,
    text: &str,
    folded: &str,
    tokens: &[Token],
    span: &[u32],
) -> bool {
    let Some((&last, head)) = span.split_last() else {
        return false;
    };
    if head.is_empty() {
        return false;
    }
    let word = |i: u32| {
        let t = &tokens[i as usize];
        folded.get(t.fstart as usize..t.fend as usize).unwrap_or("")
    };
    gaz.is_unit_word(word(last))
        && !(head.len() == 1 && gaz.is_unit_direction(word(head[0])))
        && case_holds(CaseRule::Title, "", text, tokens, head)
}

fn case_holds(case: CaseRule, stripped: &str, text: &str, tokens: &[Token], span: &[u32]) -> bool {
    let word = |w: u32| {
        let t = &tokens[w as usize];
        &text[t.start as usize..t.end as usize]
    };
    match case {
        CaseRule::Any => true,
        // The first word and every word of four or more letters must not
        // start in lower case ("Sea of Azov"; digits pass: "MIM-104"),
        // unless an apostrophe glues it to the word before ("N’djamena").
        CaseRule::Title => span.iter().enumerate().all(|(i, &w)| {
            let glued = i > 0
                && !tokens[w as usize].space_before
                && w > 0
                && crate::segment::is_apostrophe(word(w - 1))
                && !tokens[w as usize - 1].space_before;
            let w = word(w);
            glued
                || (i > 0 && w.chars().count() < 4)
                || w.chars().next().is_some_and(|c| !c.is_lowercase())
        }),
        CaseRule::Exact => {
            let mut expected = stripped.split(' ');
            span.iter().all(|&w| {
                expected
                    .next()
                    .is_some_and(|e| word_equals_stripped(word(w), e))
            })
        }
    }
}

/// Test support shared with [`crate::resolve`]'s tests.
#[cfg(test)]
pub(crate) mod testing {
    use crate::gazetteer::{Candidate, Gazetteer, Matcher, Source};
    use crate::normalize::fold_tokens;
    use crate::segment::{Segmenter, Sentence, Token};

    /// A gazetteer from TSV text, and the candidates it finds in `text`.
    pub(crate) fn scan(
        gaz: &str,
        text: &str,
    ) -> (Gazetteer, Vec<Token>, Vec<Sentence>, Vec<Candidate>) {
        scan_sharded(gaz, text, usize::MAX)
    }

    /// [`scan`] with automata of at most `shard` patterns.
    pub(crate) fn scan_sharded(
        gaz: &str,
        text: &str,
        shard: usize,
    ) -> (Gazetteer, Vec<Token>, Vec<Sentence>, Vec<Candidate>) {
        // With the default word lists (`unit_words.txt`…), as the
        // pipeline loads them.
        let lists = crate::defaults::GAZETTEERS
            .iter()
            .filter(|(name, _)| name.ends_with(".txt"))
            .map(|(name, text)| Source {
                name: name.to_string(),
                text: text.to_string(),
                user: false,
            });
        let sources: Vec<Source> = lists
            .chain([Source {
                name: "t.tsv".into(),
                text: gaz.into(),
                user: false,
            }])
            .collect();
        let g = Gazetteer::build(&sources).unwrap();
        let (mut t, mut s, mut f) = (Vec::new(), Vec::new(), String::new());
        Segmenter::default().segment(text, &mut t, &mut s);
        fold_tokens(text, &mut t, &s, &mut f);
        let words: Vec<u32> = (0..t.len() as u32)
            .filter(|&i| t[i as usize].is_word())
            .collect();
        let mut out = Vec::new();
        let matcher = Matcher::with_shard_size(&g, [], shard).unwrap();
        matcher.find(&g, text, &f, &t, &words, &mut out, &mut Vec::new());
        (g, t, s, out)
    }
}

#[cfg(test)]
mod tests {
    fn found(gaz: &str, text: &str) -> Vec<String> {
        let (g, t, _, out) = super::testing::scan(gaz, text);
        out.iter()
            .map(|c| {
                let a = t[c.tok_start as usize].start as usize;
                let b = t[c.tok_end as usize - 1].end as usize;
                format!(
                    "{}={}",
                    &text[a..b],
                    g.entry(g.alias(c.alias).entry).canonical
                )
            })
            .collect()
    }

    #[test]
    fn whole_words_case_and_accents() {
        let g = "canonical\ttype\taliases\tcase\nUnited States\tPLACE\tUS|U.S.\t\nKyiv\tPLACE\tKiev\t\nChad\tPLACE\t\ttitle\n";
        assert_eq!(
            found(
                g,
                "The U.S. and us; KYÏV’s mayor, Kiev. Chad, chad, Chadwick, USA"
            ),
            vec!["U.S.=United States", "KYÏV=Kyiv", "Kiev=Kyiv", "Chad=Chad"]
        );
    }

    #[test]
    fn overlapping_matches_are_all_reported() {
        let g = "canonical\ttype\taliases\nJoe Biden\tPERSON\tBiden\nBiden administration\tORG\t\n";
        assert_eq!(
            found(g, "the Joe Biden administration"),
            vec![
                "Joe Biden=Joe Biden",
                "Biden administration=Biden administration"
            ]
        );
    }

    #[test]
    fn a_longer_match_ending_inside_a_word_does_not_hide_a_shorter_one() {
        let g = "canonical\ttype\taliases\nIskander-M\tWEAPON\t\nIskander\tWEAPON\t\n";
        assert_eq!(
            found(g, "Iskander missiles, Iskander-M"),
            vec!["Iskander=Iskander", "Iskander-M=Iskander-M"]
        );
    }

    #[test]
    fn a_case_failure_falls_back_to_a_shorter_match() {
        let g = "canonical\ttype\taliases\tcase\nSagaing\tPLACE\tSagaing Region\ttitle\n";
        assert_eq!(
            found(g, "airstrikes in Sagaing region"),
            vec!["Sagaing=Sagaing"]
        );
    }

    #[test]
    fn a_title_name_may_go_on_in_lower_case_after_an_apostrophe() {
        let g = "canonical\ttype\taliases\tcase\nN'Djamena\tPLACE\t\ttitle\n";
        assert_eq!(
            found(g, "the base in N\u{2019}djamena"),
            vec!["N\u{2019}djamena=N'Djamena"]
        );
        assert_eq!(
            found(g, "the base in N'Djamena"),
            vec!["N'Djamena=N'Djamena"]
        );
        assert!(found(g, "the base in n'djamena").is_empty());
    }

    #[test]
    fn a_title_place_takes_a_lower_case_subdivision_word() {
        let g = "canonical\ttype\taliases\tcase\nFar North Region\tPLACE\t\ttitle\nIslamic State\tORG\t\ttitle\n";
        assert_eq!(
            found(g, "attacks in the Far North region of Cameroon"),
            vec!["Far North=Far North Region"]
        );
        assert!(found(g, "attacks in the far north region").is_empty());
        assert!(found(g, "a call for an Islamic state").is_empty());
        let g = "canonical\ttype\taliases\tcase\nEastern Province\tPLACE\t\ttitle\nAleppo\tPLACE\t\t\nAleppo Governorate\tPLACE\t\ttitle\n";
        assert!(found(g, "fighting in the Eastern province").is_empty());
        assert_eq!(found(g, "in the Aleppo governorate"), vec!["Aleppo=Aleppo"]);
    }

    #[test]
    fn unit_words_are_read_from_the_word_list() {
        // Every word of `gazetteers/unit_words.txt` works as a unit word,
        // every word of `unit_directions.txt` as a direction.
        let text = |p: &str| {
            crate::defaults::GAZETTEERS
                .iter()
                .find(|(name, _)| *name == p)
                .map(|(_, t)| *t)
                .unwrap_or_else(|| panic!("{p} is compiled in"))
        };
        let words =
            crate::gazetteer::parse_word_list("u", text("gazetteers/unit_words.txt")).unwrap();
        let directions =
            crate::gazetteer::parse_word_list("d", text("gazetteers/unit_directions.txt")).unwrap();
        assert!(words.len() >= 7 && directions.len() >= 12);
        for w in &words {
            let g = format!(
                "canonical\ttype\taliases\tcase\nLamu X\tPLACE\tLamu {}\ttitle\n",
                w.word
            );
            assert_eq!(
                found(&g, &format!("clashes in Lamu {} on Monday", w.word)),
                vec!["Lamu=Lamu X"],
                "{}",
                w.word
            );
            for d in &directions {
                let g = format!(
                    "canonical\ttype\tcase\n{} {}\tPLACE\ttitle\n",
                    d.word, w.word
                );
                let d = d.word[..1].to_uppercase() + &d.word[1..];
                assert!(found(&g, &format!("in the {d} {}", w.word)).is_empty());
            }
        }
    }

    #[test]
    fn a_weapon_variant_with_a_glued_suffix_is_the_weapon() {
        let g = "canonical\ttype\taliases\tcase\nFA-50\tWEAPON\t\t\nF-15\tWEAPON\t\t\nRoute 12\tPLACE\t\t\nK9\tWEAPON\tK9 Thunder\ttitle\n";
        assert_eq!(
            found(
                g,
                "Poland took FA-50PL jets and F-15J fighters, and K9A1 guns."
            ),
            vec!["FA-50PL=FA-50", "F-15J=F-15", "K9A1=K9"]
        );
        // Lower-case letters, long suffixes and other types are no variants.
        assert!(found(g, "the F-15x, the FA-50th, the FA-50PLUS and Route 12A").is_empty());
        // A longer listed name still wins.
        let g = "canonical\ttype\nF-15\tWEAPON\nF-15EX\tWEAPON\n";
        assert_eq!(found(g, "new F-15EX jets"), vec!["F-15EX=F-15EX"]);
        assert_eq!(super::variant_stem(b"k9a1"), Some(2));
        assert_eq!(super::variant_stem(b"50pl"), Some(2));
        assert_eq!(super::variant_stem(b"su30sm2"), Some(4));
        assert_eq!(super::variant_stem(b"missile"), None);
        assert_eq!(super::variant_stem(b"f16"), None);
        assert_eq!(super::variant_stem(b"50plus"), None);
        // Short capitals must be written as listed up to the suffix.
        assert_eq!(found(g, "the F-15J"), vec!["F-15J=F-15"]);
        assert!(found(g, "the f-15J").is_empty());
    }

    #[test]
    fn a_currency_sign_joins_no_name() {
        let gaz = "canonical\ttype\nA-10\tWEAPON\n";
        assert!(found(gaz, "It will spend A$10 billion.").is_empty());
        assert_eq!(found(gaz, "Two A-10 jets flew."), ["A-10=A-10"]);
    }

    #[test]
    fn no_match_across_sentences() {
        let g = "canonical\ttype\nWashington Post\tORG\n";
        assert!(found(g, "He flew to Washington. Post offices closed.").is_empty());
    }

    /// Shards split the sorted patterns anywhere, even between two that
    /// begin with the same word ("kursk" and "kursk region"): the scan
    /// still finds what one automaton finds, in the same order.
    #[test]
    fn shards_find_what_one_automaton_finds() {
        // Seven patterns (with the plural "k9s"): two shards split them
        // after "kursk".
        let g = "canonical\ttype\taliases\tcase\nKursk\tPLACE\tKursk region\t\nKursk Oblast\tPLACE\t\t\nKyiv\tPLACE\t\t\nAvdiivka\tPLACE\t\t\nK9\tWEAPON\t\ttitle\n";
        let text = "Troops in Kursk region, Kursk Oblast and Kursk moved to Kyiv and Avdiivka with K9A1 guns.";
        let spans = |shard| {
            let (_, t, _, out) = super::testing::scan_sharded(g, text, shard);
            out.iter()
                .map(|c| {
                    let (a, b) = (t[c.tok_start as usize].start, t[c.tok_end as usize - 1].end);
                    format!("{}:{}", &text[a as usize..b as usize], c.alias)
                })
                .collect::<Vec<_>>()
        };
        let one = spans(usize::MAX);
        assert_eq!(
            one,
            [
                "Kursk region:1",
                "Kursk Oblast:2",
                "Kursk:0",
                "Kyiv:3",
                "Avdiivka:4",
                "K9A1:5"
            ]
        );
        for shard in 1..=4 {
            assert_eq!(spans(shard), one, "shards of {shard} patterns");
        }
    }
}
