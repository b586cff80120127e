//! Gazetteers: named entities listed in TSV files.
//!
//! [`Gazetteer::build`] reads and merges the files into entries and their
//! aliases, each alias folded (see [`crate::normalize`]); a [`Matcher`]
//! compiles the distinct folded forms into one aho-corasick automaton.
//! Several entries may share a folded form (the city and the region of
//! Kursk); the automaton holds each form once and maps it to all of its
//! aliases. Choosing among overlapping matches is left to
//! [`crate::resolve`].

mod load;
pub(crate) mod matcher;

pub use load::{ListWord, Row, parse_file, parse_word_list};
pub use matcher::{Candidate, Matcher};

use crate::normalize::{fold_phrase, strip_phrase};
use crate::words::WordSet;
use rayon::prelude::*;
use std::collections::HashMap;
use std::time::Instant;

/// The entity types evex knows without a declaration, in resolution priority.
pub const BUILTIN_TYPES: &[&str] = &["PERSON", "ORG", "WEAPON", "PLACE"];

/// The indices of the built-in types in [`Gazetteer::types`], which always
/// begins with [`BUILTIN_TYPES`]: the rules ask an entry's type at every
/// candidate, and comparing indices spares comparing names.
pub const PERSON: u16 = 0;
pub const ORG: u16 = 1;
pub const WEAPON: u16 = 2;
pub const PLACE: u16 = 3;

/// What can be wrong with a set of gazetteer files. Each variant says where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GazetteerError {
    #[error("{file}:{line}: {message}")]
    Syntax {
        file: String,
        line: u64,
        message: String,
    },
    #[error("{file}:{line}: id `{id}` already defined at {first_file}:{first_line}")]
    DuplicateId {
        file: String,
        line: u64,
        id: String,
        first_file: String,
        first_line: u64,
    },
    #[error(
        "{file}:{line}: unknown entity type `{etype}` (known: {known}; declare others with a `#!types NAME` line)"
    )]
    UnknownType {
        file: String,
        line: u64,
        etype: String,
        known: String,
    },
    #[error("{file}:{line}: `case` must be any, exact or title, found `{value}`")]
    BadCase {
        file: String,
        line: u64,
        value: String,
    },
    #[error("{file}:{line}: stands_for `{target}` names no entry (give an id or a canonical name)")]
    UnknownStandsFor {
        file: String,
        line: u64,
        target: String,
    },
    #[error("{file}:{line}: the alias `{alias}` has no letters or digits, so it can never match")]
    EmptyAlias {
        file: String,
        line: u64,
        alias: String,
    },
    #[error("{file}: a .txt file among the gazetteers must be one of the word lists {known}")]
    UnknownList { file: String, known: String },
    #[error("cannot build the gazetteer automaton: {0}")]
    Build(String),
    #[error("cannot read gazetteer {file}: {message}")]
    Io { file: String, message: String },
}

/// How an alias must be written in the text to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// Any case ("kyiv", "KYIV", "Kyiv").
    Any,
    /// Exactly as written in the gazetteer, accents and punctuation aside.
    Exact,
    /// Every word capitalised ("Chad", not "chad").
    Title,
}

/// What kind of mention an alias makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasKind {
    /// A name of the entry.
    Name,
    /// An adjective or demonym ("Russian", "North Koreans").
    Demonym,
    /// A surname generated from a person's canonical name; it counts only
    /// after the full name has appeared earlier in the same document.
    Partial,
    /// Not an alias: a description that refers back to an entity named
    /// earlier ("the country", "his country", "the system"; see the
    /// `reference` stage).
    Reference,
}

impl AliasKind {
    /// The `form` column of the entities table for a mention of this kind.
    pub fn form(self) -> &'static str {
        match self {
            AliasKind::Name => "name",
            AliasKind::Demonym => "demonym",
            AliasKind::Partial => "surname",
            AliasKind::Reference => "reference",
        }
    }
}

/// One gazetteer entry after merging all files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// (Shared with every event role the entry fills.)
    pub id: std::sync::Arc<str>,
    pub canonical: std::sync::Arc<str>,
    /// Index into [`Gazetteer::types`].
    pub etype: u16,
    /// The entry this one stands for as an event participant (Kremlin →
    /// Russia).
    pub stands_for: Option<u32>,
    pub rank: i32,
    pub generic: bool,
    pub attributes: Vec<(String, String)>,
    /// The attributes as written to the output: `key=value; key=value`.
    pub attributes_text: String,
    /// `file:line` of the row that defined the entry.
    pub origin: String,
}

impl Entry {
    /// Whether the entry has attribute `key`, with `value` when given.
    /// `generic` answers from the `generic` column (`yes` for a class such
    /// as "missiles"), so a slot can say `exclude generic:yes`.
    pub fn has_attribute(&self, key: &str, value: Option<&str>) -> bool {
        if key == "generic" {
            let v = if self.generic { "yes" } else { "no" };
            return value.is_none_or(|w| w == v);
        }
        self.attributes
            .iter()
            .any(|(k, v)| k == key && value.is_none_or(|w| w == v))
    }
}

/// One surface form of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub entry: u32,
    pub case: CaseRule,
    pub kind: AliasKind,
    /// The words of the alias, accents stripped, case kept (for
    /// [`CaseRule::Exact`]).
    pub stripped: Box<str>,
    pub words: u16,
    /// The alias ends with a full stop ("U.S."), which then belongs to the
    /// mention.
    pub dot: bool,
}

/// One gazetteer file to load.
#[derive(Debug, Clone)]
pub struct Source {
    /// Shown in error messages ("gazetteers/person.tsv").
    pub name: String,
    pub text: String,
    /// User files are merged over the defaults by id.
    pub user: bool,
}

/// Counts reported in `summary.json`.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct GazetteerStats {
    pub entries: usize,
    pub aliases: usize,
    pub patterns: usize,
    /// Reading, merging and folding the files, plus compiling the automaton.
    pub build_seconds: f64,
    /// Compiling the automaton alone (part of `build_seconds`).
    pub automaton_seconds: f64,
}

/// The compiled gazetteer: immutable, cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    types: Vec<String>,
    aliases: Vec<Alias>,
    /// For each pattern, the range of `pattern_aliases` holding its aliases.
    pattern_ranges: Vec<(u32, u32)>,
    pattern_aliases: Vec<u32>,
    pattern_words: Vec<u16>,
    /// The folded forms, one per distinct alias text, each with a leading
    /// space (so that it can only match at a word start); compiled by
    /// [`Matcher`].
    patterns: Vec<String>,
    stats: GazetteerStats,
    /// For each entry with a `country` attribute, the entry whose `iso2`
    /// attribute has that code (a person's state).
    country: Vec<Option<u32>>,
    /// For each entry: is it a state (an `iso2` code)?
    state: Vec<bool>,
    /// The state rows by their `iso2` code.
    by_iso2: HashMap<String, u32>,
    /// Per alias: does it open with a name of its organisation's state and a
    /// possessive ("Russia's Defence Ministry")?
    country_possessive: Vec<bool>,
    /// The words of the generic weapon classes ("cruise missiles",
    /// "howitzers"), singular and plural.
    class_words: WordSet,
    /// Per alias, its place in [`Gazetteer::alias_order`]'s order.
    alias_order: Vec<u32>,
    /// Per entry, whether it is a generic class, and its type: copies of
    /// [`Entry::generic`] and [`Entry::etype`] that fit in cache, for the
    /// checks made at every candidate.
    generic: Vec<bool>,
    etypes: Vec<u16>,
    /// Per entry, [`Entry::stands_for`] (`u32::MAX`: none).
    stands_for: Vec<u32>,
    /// Rows whose derived id was taken and got a suffix.
    id_suffixes: Vec<IdSuffix>,
    /// The folded words of `unit_words.txt` and `unit_directions.txt`
    /// (see [`Gazetteer::is_unit_word`]).
    unit_words: crate::words::Set<Box<str>>,
    unit_directions: crate::words::Set<Box<str>>,
}

impl Gazetteer {
    /// Loads, merges and compiles the given files. Defaults come first; user
    /// files (`Source::user`) add entries or change entries with the same id.
    pub fn build(sources: &[Source]) -> Result<Gazetteer, GazetteerError> {
        let started = Instant::now();
        let mut extra_types = Vec::new();
        let mut default_rows = Vec::new();
        let mut user_rows = Vec::new();
        // The word lists: the defaults', then the user's additions and
        // removals, in file order.
        let mut lists: [Vec<ListWord>; 2] = Default::default();
        let mut user_lists: [Vec<ListWord>; 2] = Default::default();
        for s in sources {
            if let Some(list) = load::word_list_of(&s.name) {
                let words = parse_word_list(&s.name, &s.text)?;
                let into = if s.user { &mut user_lists } else { &mut lists };
                into[list?].extend(words);
                continue;
            }
            let rows = parse_file(&s.name, &s.text, &mut extra_types)?;
            if s.user {
                user_rows.extend(rows);
            } else {
                default_rows.extend(rows);
            }
        }
        let mut types: Vec<String> = BUILTIN_TYPES.iter().map(|s| s.to_string()).collect();
        for t in extra_types {
            if !types.contains(&t) {
                types.push(t);
            }
        }
        let (mut rows, mut id_suffixes) = dedupe_ids(default_rows)?;
        let (user_rows, user_suffixes) = dedupe_ids(user_rows)?;
        id_suffixes.extend(user_suffixes);
        merge_user_rows(&mut rows, user_rows);

        let entries: Vec<Result<Entry, GazetteerError>> = rows
            .par_iter()
            .map(|(id, row)| {
                let etype = types
                    .iter()
                    .position(|t| **t == *row.etype)
                    .ok_or_else(|| GazetteerError::UnknownType {
                        file: row.file.to_string(),
                        line: row.line,
                        etype: row.etype.to_string(),
                        known: types.join(", "),
                    })? as u16;
                Ok(Entry {
                    id: id.as_str().into(),
                    canonical: row.canonical.as_str().into(),
                    etype,
                    stands_for: None,
                    rank: row.rank.unwrap_or(0),
                    generic: row.generic,
                    attributes: row.attributes.clone(),
                    attributes_text: row
                        .attributes
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                    origin: format!("{}:{}", row.file, row.line),
                })
            })
            .collect();
        let mut entries = entries.into_iter().collect::<Result<Vec<Entry>, _>>()?;
        let mut by_id: crate::words::Map<&str, u32> = crate::words::Map::default();
        let mut by_canonical: crate::words::Map<&str, u32> = crate::words::Map::default();
        by_id.reserve(rows.len());
        by_canonical.reserve(rows.len());
        for (i, (id, row)) in rows.iter().enumerate() {
            by_id.insert(id.as_str(), i as u32);
            let rank = row.rank.unwrap_or(0);
            by_canonical
                .entry(row.canonical.as_str())
                .and_modify(|j| {
                    if rows[*j as usize].1.rank.unwrap_or(0) < rank {
                        *j = i as u32
                    }
                })
                .or_insert(i as u32);
        }
        for (i, (_, row)) in rows.iter().enumerate() {
            if let Some(target) = &row.stands_for {
                let j = by_id
                    .get(target.as_str())
                    .or_else(|| by_canonical.get(target.as_str()))
                    .ok_or_else(|| GazetteerError::UnknownStandsFor {
                        file: row.file.to_string(),
                        line: row.line,
                        target: target.clone(),
                    })?;
                entries[i].stands_for = Some(*j);
            }
        }

        let person = types.iter().position(|t| t == "PERSON").unwrap_or(0) as u16;
        let weapon = types.iter().position(|t| t == "WEAPON").unwrap_or(0) as u16;
        // Each row's alias forms are folded in parallel; numbering them and
        // grouping equal folded forms into patterns is then sequential, so
        // the result does not depend on the number of threads.
        let drafts: Vec<Result<Vec<Draft>, GazetteerError>> = rows
            .par_iter()
            .enumerate()
            .map(|(i, (_, row))| {
                let etype = entries[i].etype;
                draft_aliases(row, etype == person, etype == weapon)
            })
            .collect();
        let mut aliases = Vec::with_capacity(rows.len() * 2);
        let mut pattern_of: crate::words::Map<String, u32> = crate::words::Map::default();
        pattern_of.reserve(rows.len() * 2);
        let mut alias_pattern: Vec<u32> = Vec::with_capacity(rows.len() * 2);
        for (i, row_drafts) in drafts.into_iter().enumerate() {
            for d in row_drafts? {
                let next = pattern_of.len() as u32;
                let pid = *pattern_of.entry(d.folded).or_insert(next);
                alias_pattern.push(pid);
                aliases.push(Alias {
                    entry: i as u32,
                    case: d.case,
                    kind: d.kind,
                    stripped: d.stripped,
                    words: d.words,
                    dot: d.dot,
                });
            }
        }
        // The rows were parsed on rayon's threads (`load::parse_file`):
        // freed there too, each block is freed by the thread that allocated
        // it (the allocator's fast path) rather than handed back across
        // threads, which made dropping them cost as much as parsing them.
        drop(by_id);
        drop(by_canonical);
        rows.into_par_iter().for_each(drop);
        let mut pattern_order = vec![String::new(); pattern_of.len()];
        for (folded, p) in pattern_of {
            pattern_order[p as usize] = folded;
        }
        // Group alias indices by pattern (a counting sort keeps file order).
        let mut pattern_ranges = vec![(0u32, 0u32); pattern_order.len()];
        for &p in &alias_pattern {
            pattern_ranges[p as usize].1 += 1;
        }
        let mut at = 0u32;
        for r in pattern_ranges.iter_mut() {
            let n = r.1;
            *r = (at, at);
            at += n;
        }
        let mut pattern_aliases = vec![0u32; aliases.len()];
        for (idx, &p) in alias_pattern.iter().enumerate() {
            let r = &mut pattern_ranges[p as usize];
            pattern_aliases[r.1 as usize] = idx as u32;
            r.1 += 1;
        }
        let pattern_words: Vec<u16> = pattern_ranges
            .iter()
            .map(|&(from, _)| aliases[pattern_aliases[from as usize] as usize].words)
            .collect();
        let attr = |e: &Entry, k: &str| {
            e.attributes
                .iter()
                .find(|(a, _)| a == k)
                .map(|(_, v)| v.to_uppercase())
        };
        let mut by_iso2: HashMap<String, u32> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(code) = attr(e, "iso2") {
                by_iso2.entry(code).or_insert(i as u32);
            }
        }
        let state = entries
            .iter()
            .map(|e| e.attributes.iter().any(|(k, _)| k == "iso2"))
            .collect();
        // An entry's country: its `country`, or for a place the one code of
        // its `countries` (a facility or a conflict place in one state; a sea
        // or a strait between several has none).
        let country: Vec<Option<u32>> = entries
            .iter()
            .map(|e| {
                attr(e, "country")
                    .or_else(|| {
                        (e.etype == PLACE)
                            .then(|| attr(e, "countries"))
                            .flatten()
                            .filter(|c| !c.contains('|'))
                    })
                    .and_then(|c| by_iso2.get(&c).copied())
            })
            .collect();
        let country_possessive = country_possessives(
            &aliases,
            &entries,
            &country,
            &alias_pattern,
            &pattern_order,
            &pattern_ranges,
            &pattern_aliases,
        );
        let stats = GazetteerStats {
            entries: entries.len(),
            aliases: aliases.len(),
            patterns: pattern_order.len(),
            build_seconds: started.elapsed().as_secs_f64(),
            automaton_seconds: 0.0,
        };
        // Resolution ranks overlapping candidates by entry and alias
        // properties: computed once here, so that ranking a document's
        // candidates reads one number per alias instead of two structs.
        let rank_key = |a: &Alias| {
            let e = &entries[a.entry as usize];
            (
                a.kind == AliasKind::Partial,
                type_priority(e.etype),
                e.generic,
                std::cmp::Reverse(e.rank),
                a.kind != AliasKind::Name,
                a.entry,
            )
        };
        let keys: Vec<_> = aliases.par_iter().map(rank_key).collect();
        let mut by_rank: Vec<u32> = (0..aliases.len() as u32).collect();
        by_rank.par_sort_unstable_by_key(|&a| (keys[a as usize], a));
        let mut alias_order = vec![0u32; aliases.len()];
        let mut level = 0u32;
        for (i, &a) in by_rank.iter().enumerate() {
            if i > 0 && keys[by_rank[i - 1] as usize] != keys[a as usize] {
                level += 1;
            }
            // Surnames (sorted last) also carry the top bit.
            let partial = aliases[a as usize].kind == AliasKind::Partial;
            alias_order[a as usize] = level | (u32::from(partial) << 31);
        }
        let class_words = aliases
            .iter()
            .filter(|a| {
                let e = &entries[a.entry as usize];
                e.generic && e.etype == WEAPON
            })
            .flat_map(|a| a.stripped.split(' ').map(str::to_lowercase))
            .flat_map(|w| {
                let other = match w.strip_suffix('s') {
                    Some(one) => one.to_string(),
                    None => format!("{w}s"),
                };
                [w, other]
            })
            .collect();
        let generic = entries.iter().map(|e| e.generic).collect();
        let etypes = entries.iter().map(|e| e.etype).collect();
        let stands_for = entries
            .iter()
            .map(|e| e.stands_for.unwrap_or(u32::MAX))
            .collect();
        Ok(Gazetteer {
            entries,
            types,
            aliases,
            pattern_ranges,
            pattern_aliases,
            pattern_words,
            patterns: pattern_order,
            stats,
            country,
            state,
            by_iso2,
            country_possessive,
            class_words,
            alias_order,
            generic,
            etypes,
            stands_for,
            id_suffixes,
            unit_words: word_set(&lists[0], &user_lists[0]),
            unit_directions: word_set(&lists[1], &user_lists[1]),
        })
    }

    /// Adds an entry that no alias names: the template behind the entities
    /// an entity pattern finds ([`crate::patterns`]), so that they are
    /// mentions with an entry of the right type and every check on entries
    /// applies to them. Returns its index. Not counted in [`Self::stats`].
    pub fn add_template(&mut self, id: &str, canonical: &str, etype: u16, origin: String) -> u32 {
        self.entries.push(Entry {
            id: id.into(),
            canonical: canonical.into(),
            etype,
            stands_for: None,
            rank: 0,
            generic: false,
            attributes: Vec::new(),
            attributes_text: String::new(),
            origin,
        });
        self.generic.push(false);
        self.etypes.push(etype);
        self.stands_for.push(u32::MAX);
        self.country.push(None);
        self.state.push(false);
        self.entries.len() as u32 - 1
    }

    /// Adds an entity type (declared by a pattern file) unless known;
    /// returns its index. New types rank after the others in resolution.
    pub fn declare_type(&mut self, name: &str) -> u16 {
        match self.type_index(name) {
            Some(t) => t,
            None => {
                self.types.push(name.to_string());
                self.types.len() as u16 - 1
            }
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    /// Does entry `i` carry `subtype=value` ("sea", "facility",
    /// "armed_group")?
    pub fn has_subtype(&self, i: u32, value: &str) -> bool {
        self.entry(i)
            .attributes
            .iter()
            .any(|(k, v)| k == "subtype" && v == value)
    }

    pub fn alias(&self, i: u32) -> &Alias {
        &self.aliases[i as usize]
    }

    /// Every alias, in alias order of index.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// Where alias `i` ranks among overlapping candidates of equal length:
    /// surnames last (they alone have the top bit set), then by type
    /// priority, specific before generic, higher rank first, names before
    /// other forms, then entry. Equal numbers mean equal on all of these.
    pub fn alias_order(&self, i: u32) -> u32 {
        self.alias_order[i as usize]
    }

    /// Is entry `i` a generic class ("drones")?
    pub fn is_generic(&self, i: u32) -> bool {
        self.generic[i as usize]
    }

    /// The entry that entry `i` stands for ([`Entry::stands_for`]).
    pub fn stands_for_of(&self, i: u32) -> Option<u32> {
        Some(self.stands_for[i as usize]).filter(|&t| t != u32::MAX)
    }

    /// The type of entry `i` (an index into [`Gazetteer::types`]).
    pub fn etype_of(&self, i: u32) -> u16 {
        self.etypes[i as usize]
    }

    /// The type names, indexed by [`Entry::etype`].
    pub fn types(&self) -> &[String] {
        &self.types
    }

    /// Is entry `i` of type `etype` (e.g. [`PERSON`])?
    #[inline]
    pub fn is_type(&self, i: u32, etype: u16) -> bool {
        self.etypes[i as usize] == etype
    }

    pub fn type_name(&self, etype: u16) -> &str {
        &self.types[etype as usize]
    }

    /// Index of a type name, if the gazetteer knows it.
    pub fn type_index(&self, name: &str) -> Option<u16> {
        self.types.iter().position(|t| t == name).map(|i| i as u16)
    }

    /// Resolution priority of a type: lower wins when two entries of
    /// different types share a span.
    pub fn type_priority(&self, etype: u16) -> u16 {
        type_priority(etype)
    }

    /// The state an entry belongs to, from its `country` attribute (an ISO
    /// code matched against the `iso2` attribute of the country rows).
    pub fn country_of(&self, entry: u32) -> Option<u32> {
        self.country[entry as usize]
    }

    /// The state whose `iso2` code is `code` ("US" → United States).
    pub fn state_by_iso2(&self, code: &str) -> Option<u32> {
        self.by_iso2.get(code).copied()
    }

    /// Is the entry a state (a row with an `iso2` code)?
    pub fn is_state(&self, entry: u32) -> bool {
        self.state[entry as usize]
    }

    /// Is `word` (lower case) a word of a generic weapon class ("cruise",
    /// "missiles", "howitzer")?
    pub fn is_class_word(&self, word: &str) -> bool {
        self.class_words.contains(word)
    }

    /// Is `folded` (a folded word) a subdivision word that news writes in
    /// lower case after a region's name ("region", "province", "oblast";
    /// `gazetteers/unit_words.txt`)?
    #[inline]
    pub fn is_unit_word(&self, folded: &str) -> bool {
        self.unit_words.contains(folded)
    }

    /// Is `folded` a direction that, alone before a unit word, makes a
    /// description ("the eastern region"; `gazetteers/unit_directions.txt`)?
    #[inline]
    pub fn is_unit_direction(&self, folded: &str) -> bool {
        self.unit_directions.contains(folded)
    }

    /// Does alias `i`, an organisation's, open with a name of the
    /// organisation's state and a possessive ("Taiwan's Ministry of National
    /// Defense")? Not "Tigray People's Liberation Front", whose state is
    /// Ethiopia.
    pub fn opens_with_country(&self, i: u32) -> bool {
        self.country_possessive[i as usize]
    }

    /// The distinct folded alias forms, each with a leading space
    /// (" united states", " kyiv").
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }

    pub fn stats(&self) -> GazetteerStats {
        self.stats
    }

    /// The aliases that share pattern `p` (one folded form), in file order.
    pub fn pattern_aliases(&self, p: usize) -> &[u32] {
        let (from, to) = self.pattern_ranges[p];
        &self.pattern_aliases[from as usize..to as usize]
    }

    /// The pattern whose folded form is `folded` (as made by
    /// [`crate::normalize::fold_phrase`]). A linear search: for tools that
    /// ask about a few forms (`evex explain`), not for documents.
    pub fn find_pattern(&self, folded: &str) -> Option<usize> {
        self.patterns
            .iter()
            .position(|p| p.strip_prefix(' ') == Some(folded))
    }

    /// How alias `i` ranks against another alias over the same words, file
    /// order aside (lower wins): type priority, specific before generic,
    /// higher `rank`, names before demonyms and surnames. Equal values
    /// leave the choice to file order (`evex lint` reports such ties).
    pub fn alias_strength(&self, i: u32) -> (u16, bool, std::cmp::Reverse<i32>, bool) {
        let a = &self.aliases[i as usize];
        let e = &self.entries[a.entry as usize];
        (
            type_priority(e.etype),
            e.generic,
            std::cmp::Reverse(e.rank),
            a.kind != AliasKind::Name,
        )
    }

    /// Why alias `winner` beats alias `loser` over the same words, in
    /// words ("higher rank", "file order", …).
    pub fn why_wins(&self, winner: u32, loser: u32) -> &'static str {
        let (w, l) = (self.alias_strength(winner), self.alias_strength(loser));
        if w.0 != l.0 {
            "type priority"
        } else if w.1 != l.1 {
            "specific before generic"
        } else if w.2 != l.2 {
            "higher rank"
        } else if w.3 != l.3 {
            "names before other forms"
        } else {
            "file order"
        }
    }

    /// Rows whose derived id another row already had, and the suffixed id
    /// each got instead (reported by `evex lint`).
    pub fn id_suffixes(&self) -> &[IdSuffix] {
        &self.id_suffixes
    }
}

/// An alias of a row before it is numbered.
struct Draft {
    /// The folded form with a leading space: the automaton's pattern.
    folded: String,
    stripped: Box<str>,
    kind: AliasKind,
    case: CaseRule,
    words: u16,
    dot: bool,
}

/// The aliases of one row: the canonical name, aliases, demonyms, plurals
/// of named weapons, and a person's surname, folded, each folded form once,
/// less the removed ones.
fn draft_aliases(
    row: &Row,
    is_person: bool,
    is_weapon: bool,
) -> Result<Vec<Draft>, GazetteerError> {
    let case = match row.case.as_deref() {
        None | Some("any") => CaseRule::Any,
        Some("exact") => CaseRule::Exact,
        Some("title") => CaseRule::Title,
        Some(other) => {
            return Err(GazetteerError::BadCase {
                file: row.file.to_string(),
                line: row.line,
                value: other.to_string(),
            });
        }
    };
    let removed: Vec<String> = row.removed.iter().map(|r| fold_phrase(r)).collect();
    // A person's one-word aliases ("Zelenskyy") are surnames like the one
    // derived from the canonical name: they need the full name first, unless
    // the row marks them as standing alone (`surname` = `alone`), or the
    // alias itself (`=Hemedti`: a nickname no one else goes by).
    let one_word = |a: &str| {
        is_person
            && a.split_whitespace().nth(1).is_none()
            && !row.alone_aliases.iter().any(|x| x == a)
    };
    let partial = if row.surname_alone {
        AliasKind::Name
    } else {
        AliasKind::Partial
    };
    let forms = std::iter::once((row.canonical.as_str(), AliasKind::Name))
        .chain(row.aliases.iter().map(|a| {
            let kind = if one_word(a) && !one_word(&row.canonical) {
                partial
            } else {
                AliasKind::Name
            };
            (a.as_str(), kind)
        }))
        .chain(
            row.demonyms
                .iter()
                .map(|a| (a.as_str(), AliasKind::Demonym)),
        );
    let surname = is_person
        .then(|| surname_of(&row.canonical, row.surname_first))
        .flatten();
    // Named weapon systems take a plural "s" ("F-16s", "Patriots").
    let plurals: Vec<String> = if is_weapon && !row.generic {
        std::iter::once(&row.canonical)
            .chain(&row.aliases)
            .filter(|a| a.ends_with(|c: char| c.is_alphanumeric() && c != 's' && c != 'S'))
            .map(|a| format!("{a}s"))
            .collect()
    } else {
        Vec::new()
    };
    let forms = forms.chain(plurals.iter().map(|p| (p.as_str(), AliasKind::Name)));
    let mut out: Vec<Draft> = Vec::new();
    // A family name written first is often an English word ("Park",
    // "Moon", "Song"): only capitalised is it the name.
    let first_family = surname.filter(|_| row.surname_first);
    for (form, kind) in forms.chain(surname.map(|s| (s, partial))) {
        let folded = fold_phrase(form);
        if folded.is_empty() {
            return Err(GazetteerError::EmptyAlias {
                file: row.file.to_string(),
                line: row.line,
                alias: form.to_string(),
            });
        }
        if removed.contains(&folded) || out.iter().any(|d| d.folded[1..] == folded) {
            continue;
        }
        let stripped = strip_phrase(form);
        let alias_case = if case == CaseRule::Any && is_short_acronym(&stripped) {
            CaseRule::Exact
        } else if case == CaseRule::Any && first_family == Some(form) {
            CaseRule::Title
        } else {
            case
        };
        out.push(Draft {
            words: folded.split(' ').count() as u16,
            folded: format!(" {folded}"),
            stripped: stripped.into_boxed_str(),
            kind,
            case: alias_case,
            dot: form.ends_with('.'),
        });
    }
    Ok(out)
}

/// A row whose derived id (`type/slug` of its canonical name) another row
/// already had ("Aland Islands" and "Åland Islands"): it got the id with a
/// numbered suffix instead, and `evex lint` says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdSuffix {
    pub file: String,
    pub line: u64,
    /// The id the row got (`place/aland-islands-2`).
    pub id: String,
    /// The row that has the plain derived id.
    pub first_file: String,
    pub first_line: u64,
}

/// Rows with their ids, and the rows whose derived id got a suffix.
type IdentifiedRows = (Vec<(String, Row)>, Vec<IdSuffix>);

/// Gives every row its id. Written ids must be unique (a duplicate is an
/// error); a derived id that is taken gets the first free suffix `-2`, `-3`,
/// … in file order, so it is the same on every run of the same files.
fn dedupe_ids(rows: Vec<Row>) -> Result<IdentifiedRows, GazetteerError> {
    // Deriving an id folds the canonical name: done in parallel.
    let mut ids: Vec<String> = rows
        .par_iter()
        .map(|row| {
            row.id
                .clone()
                .unwrap_or_else(|| derive_id(&row.etype, &row.canonical))
        })
        .collect();
    let mut seen: crate::words::Map<String, usize> = crate::words::Map::default();
    seen.reserve(ids.len());
    for (i, id) in ids.iter().enumerate() {
        if rows[i].id.is_none() {
            continue;
        }
        if let Some(&first) = seen.get(id.as_str()) {
            return Err(GazetteerError::DuplicateId {
                file: rows[i].file.to_string(),
                line: rows[i].line,
                id: id.clone(),
                first_file: rows[first].file.to_string(),
                first_line: rows[first].line,
            });
        }
        seen.insert(id.clone(), i);
    }
    let mut suffixed = Vec::new();
    for (i, id) in ids.iter_mut().enumerate() {
        if rows[i].id.is_some() {
            continue;
        }
        let Some(&first) = seen.get(id.as_str()) else {
            seen.insert(id.clone(), i);
            continue;
        };
        let free = (2..)
            .map(|n| format!("{id}-{n}"))
            .find(|s| !seen.contains_key(s))
            .unwrap_or_default();
        suffixed.push(IdSuffix {
            file: rows[i].file.to_string(),
            line: rows[i].line,
            id: free.clone(),
            first_file: rows[first].file.to_string(),
            first_line: rows[first].line,
        });
        seen.insert(free.clone(), i);
        *id = free;
    }
    drop(seen);
    Ok((ids.into_iter().zip(rows).collect(), suffixed))
}

/// Applies user rows: a row whose id exists changes that entry (aliases are
/// added, `!alias` removes one, non-empty cells replace), any other row is a
/// new entry.
fn merge_user_rows(rows: &mut Vec<(String, Row)>, user: Vec<(String, Row)>) {
    if rows.is_empty() {
        *rows = user;
        return;
    }
    let index: crate::words::Map<String, usize> = rows
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.clone(), i))
        .collect();
    for (id, u) in user {
        let Some(&i) = index.get(&id) else {
            rows.push((id, u));
            continue;
        };
        let base = &mut rows[i].1;
        base.canonical = u.canonical;
        base.etype = u.etype;
        base.aliases.extend(u.aliases);
        base.alone_aliases.extend(u.alone_aliases);
        base.removed.extend(u.removed);
        base.demonyms.extend(u.demonyms);
        if u.case.is_some() {
            base.case = u.case;
        }
        if u.stands_for.is_some() {
            base.stands_for = u.stands_for;
        }
        if u.rank.is_some() {
            base.rank = u.rank;
        }
        base.generic |= u.generic;
        base.surname_alone |= u.surname_alone;
        base.surname_first |= u.surname_first;
        base.attributes.extend(u.attributes);
        base.file = u.file;
        base.line = u.line;
    }
}

/// Per alias, [`Gazetteer::opens_with_country`]: an organisation's alias
/// whose words before the first possessive "s" are a name of the
/// organisation's state. `alias_pattern` maps aliases to patterns, the
/// pattern tables as in [`Gazetteer`].
fn country_possessives(
    aliases: &[Alias],
    entries: &[Entry],
    country: &[Option<u32>],
    alias_pattern: &[u32],
    patterns: &[String],
    pattern_ranges: &[(u32, u32)],
    pattern_aliases: &[u32],
) -> Vec<bool> {
    let mut out = vec![false; aliases.len()];
    // Possessor forms (" russia") and the aliases that open with them.
    let mut wanted: crate::words::Map<&str, Vec<u32>> = crate::words::Map::default();
    for (a, alias) in aliases.iter().enumerate() {
        let e = alias.entry as usize;
        if entries[e].etype != ORG || country[e].is_none() {
            continue;
        }
        let pattern = &patterns[alias_pattern[a] as usize];
        if let Some(i) = pattern.find(" s ") {
            wanted.entry(&pattern[..i]).or_default().push(a as u32);
        }
    }
    if wanted.is_empty() {
        return out;
    }
    for (p, pattern) in patterns.iter().enumerate() {
        let Some(opening) = wanted.get(pattern.as_str()) else {
            continue;
        };
        let (from, to) = pattern_ranges[p];
        let named = &pattern_aliases[from as usize..to as usize];
        for &a in opening {
            let state = country[aliases[a as usize].entry as usize];
            out[a as usize] = named
                .iter()
                .any(|&b| Some(aliases[b as usize].entry) == state);
        }
    }
    out
}

/// A word list's set: the default words, then the user's lines in order (a
/// word added, `!word` removed).
fn word_set(defaults: &[ListWord], user: &[ListWord]) -> crate::words::Set<Box<str>> {
    let mut set = crate::words::Set::default();
    for w in defaults.iter().chain(user) {
        if w.removed {
            set.remove(w.word.as_str());
        } else {
            set.insert(w.word.as_str().into());
        }
    }
    set
}

/// `place/united-states` for a PLACE named "United States".
pub fn derive_id(etype: &str, canonical: &str) -> String {
    format!(
        "{}/{}",
        etype.to_lowercase(),
        fold_phrase(canonical).replace(' ', "-")
    )
}

/// The last word of a multi-word person name, when it is long enough to be
/// a useful later mention ("Vladimir Putin" → "Putin"); with `first`, the
/// first word, a family name written first ("Lee Jae-myung" → "Lee"),
/// which may be short: such names are few and always follow the full name.
fn surname_of(canonical: &str, first: bool) -> Option<&str> {
    let mut words = canonical.split_whitespace();
    let (family, min) = if first {
        let head = words.next()?;
        words.next()?;
        (head, 2)
    } else {
        let last = words.next_back()?;
        words.next()?;
        (last, 4)
    };
    let letters = family.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= min && family.chars().next().is_some_and(char::is_uppercase)).then_some(family)
}

/// Capital-letter aliases of two or three letters ("US", "UN", "AND") are
/// words in lower case; they match only in capitals unless a row says
/// otherwise.
fn is_short_acronym(stripped: &str) -> bool {
    let letters: Vec<char> = stripped.chars().filter(|c| c.is_alphanumeric()).collect();
    (2..=3).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && letters.iter().any(|c| c.is_uppercase())
}

/// Types in file order: the order of the type list decides.
fn type_priority(etype: u16) -> u16 {
    etype
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn gaz(text: &str) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::build(&[Source {
            name: "test.tsv".into(),
            text: text.into(),
            user: false,
        }])
    }

    #[test]
    fn derives_ids_and_counts() {
        let g = gaz("canonical\ttype\taliases\nUnited States\tPLACE\tUS|U.S.\nKyiv\tPLACE\tKiev\n")
            .unwrap();
        assert_eq!(&*g.entry(0).id, "place/united-states");
        assert_eq!(g.stats().entries, 2);
        assert_eq!(g.stats().aliases, 5);
        assert_eq!(g.alias(1).case, CaseRule::Exact);
        assert_eq!(g.alias(0).case, CaseRule::Any);
    }

    #[test]
    fn written_duplicate_ids_are_errors() {
        let e = gaz("canonical\ttype\tid\nKyiv\tPLACE\tplace/kyiv\nKiev\tPLACE\tplace/kyiv\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "test.tsv:3: id `place/kyiv` already defined at test.tsv:2"
        );
    }

    #[test]
    fn derived_ids_that_collide_get_a_stable_suffix() {
        let g = gaz("canonical\ttype\tid\nAland Islands\tPLACE\t\nÅland Islands\tPLACE\t\nAland\tPLACE\tplace/aland-islands-2\n")
            .unwrap();
        let ids: Vec<&str> = g.entries().iter().map(|e| &*e.id).collect();
        assert_eq!(
            ids,
            [
                "place/aland-islands",
                "place/aland-islands-3",
                "place/aland-islands-2"
            ]
        );
        assert_eq!(
            g.id_suffixes(),
            [IdSuffix {
                file: "test.tsv".into(),
                line: 3,
                id: "place/aland-islands-3".into(),
                first_file: "test.tsv".into(),
                first_line: 2,
            }]
        );
    }

    #[test]
    fn unknown_type_and_stands_for() {
        let e = gaz("canonical\ttype\nKyiv\tPLAC\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "test.tsv:2: unknown entity type `PLAC` (known: PERSON, ORG, WEAPON, PLACE; declare others with a `#!types NAME` line)"
        );
        let e = gaz("canonical\ttype\tstands_for\nKremlin\tORG\tRussia\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "test.tsv:2: stands_for `Russia` names no entry (give an id or a canonical name)"
        );
        assert!(gaz("#!types VESSEL\ncanonical\ttype\nMoskva\tVESSEL\n").is_ok());
    }

    #[test]
    fn user_rows_merge_and_suppress() {
        let g = Gazetteer::build(&[
            Source {
                name: "d.tsv".into(),
                text: "canonical\ttype\taliases\nGeorgia\tPLACE\tSakartvelo\n".into(),
                user: false,
            },
            Source {
                name: "u.tsv".into(),
                text: "canonical\ttype\tid\taliases\nGeorgia\tPLACE\tplace/georgia\t!Georgia|Tbilisi state\n".into(),
                user: true,
            },
        ])
        .unwrap();
        let forms: Vec<&str> = (0..g.stats().aliases as u32)
            .map(|i| &*g.alias(i).stripped)
            .collect();
        assert_eq!(forms, vec!["Sakartvelo", "Tbilisi state"]);
    }

    #[test]
    fn unit_word_lists_come_from_the_files_and_users_extend_them() {
        let source = |name: &str, text: &str, user: bool| Source {
            name: name.into(),
            text: text.into(),
            user,
        };
        let defaults: Vec<Source> = crate::defaults::GAZETTEERS
            .iter()
            .filter(|(name, _)| name.ends_with(".txt"))
            .map(|(name, text)| source(name, text, false))
            .collect();
        assert_eq!(defaults.len(), load::WORD_LISTS.len());
        let g = Gazetteer::build(&defaults).unwrap();
        for w in ["region", "province", "governorate", "oblast"] {
            assert!(g.is_unit_word(w), "{w}");
        }
        assert!(!g.is_unit_word("Region") && !g.is_unit_word("city"));
        assert!(g.is_unit_direction("eastern") && !g.is_unit_direction("region"));
        // A user list adds and removes words; without the defaults there
        // are only the user's.
        let mut sources = defaults.clone();
        sources.push(source("mine/unit_words.txt", "Préfecture\n!county\n", true));
        let g = Gazetteer::build(&sources).unwrap();
        assert!(g.is_unit_word("prefecture") && g.is_unit_word("region"));
        assert!(!g.is_unit_word("county"));
        let g = Gazetteer::build(&[source("mine/unit_words.txt", "canton\n", true)]).unwrap();
        assert!(g.is_unit_word("canton") && !g.is_unit_word("region"));
        // Mistakes name the file and line.
        let e = Gazetteer::build(&[source("mine/unit_words.txt", "canton\nfree state\n", true)])
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("mine/unit_words.txt:2: `free state`"),
            "{e}"
        );
        let e = Gazetteer::build(&[source("mine/notes.txt", "x\n", true)]).unwrap_err();
        assert!(
            e.to_string().starts_with("mine/notes.txt: a .txt file"),
            "{e}"
        );
    }
}
