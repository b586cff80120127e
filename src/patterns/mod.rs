//! Entity patterns: names that no gazetteer lists, found by their shape and
//! their neighbours ("near Vesela Dolyna", "the 47th Mechanized Brigade",
//! "spokeswoman Ylva Bjornstad-Hale").
//!
//! Patterns are data (`patterns/*.patterns`, README "Entity patterns"):
//! regular expressions over tokens, where an atom is a word, a word list, or
//! a token condition such as `<Cap !known>` (a capitalised word that no
//! gazetteer mention covers). [`parse`] reads the files; [`compile`] turns
//! each `match` line into a byte regex over an encoding of the sentence in
//! which every token is a record of flag bytes followed by its folded word;
//! [`find`](PatternSet::find) runs them.
//!
//! Why regexes over an encoding rather than a hand-written matcher: the
//! `regex` crate already compiles alternations, repetitions and classes into
//! automata that run in linear time, and a set of regexes answers "can any
//! pattern match this sentence?" in one pass for all patterns. Only the
//! `match` lines the set reports are run again, one regex each, for
//! their capture groups (the entity and its attributes). Encoding costs a
//! few bytes per token, so it is done only for sentences that can hold an
//! unlisted name (see [`find`](PatternSet::find)).
//!
//! Each pattern has a hidden template entry in the gazetteer
//! ([`Gazetteer::add_template`]), never matched as an alias, so that a found
//! entity is a [`crate::resolve::Mention`] with an entry of the right type,
//! and every rule check on entries (type, generic, stands_for) applies to it
//! unchanged.

pub mod compile;
mod encode;
pub mod expr;
mod find;
pub mod lex;
pub mod parse;

pub use encode::DocText;
pub use find::Scratch;
pub use parse::Example;

use crate::gazetteer::Gazetteer;
use crate::words::WordSet;
use compile::{Compiler, Layout, List};
use expr::Node;
use parse::{Item, PatternDef, Stmt};
use regex_automata::MatchKind;
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_syntax::hir::Hir;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What can be wrong with pattern files. Every error but `Build` points at
/// a place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("{file}:{line}:{col}: {message}")]
    At {
        file: String,
        line: u64,
        col: usize,
        message: String,
    },
    #[error("entity patterns: {0}")]
    Build(String),
}

/// One pattern or word-list file to load.
#[derive(Debug, Clone)]
pub struct Source {
    /// Shown in error messages ("patterns/places.patterns"). A name ending
    /// in `.txt` makes the file a word list, one item per line, named after
    /// the file in capitals (`first_names.txt` → `@FIRST_NAMES`).
    pub name: String,
    pub text: String,
    /// User files replace defaults by pattern id, list and define name.
    pub user: bool,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    /// Entity type (an index into [`Gazetteer::types`]).
    pub etype: u16,
    /// The hidden template entry of the pattern's entities.
    pub entry: u32,
    /// Ids of found entities are `PREFIX/slug`.
    pub prefix: String,
    /// `form title`: the entity is reported with `form=title`.
    pub title: bool,
    /// Constant attributes, `key=value`.
    pub attributes: Vec<String>,
    pub repeat_name: bool,
    pub repeat_surname: bool,
    /// `takes TYPE …`: entity types (indexes into [`Gazetteer::types`])
    /// whose whole listed mention may be the name by itself ("the frigate
    /// Yulin": a ship, not the city).
    pub takes: Vec<u16>,
    /// `drop`: the names found are no entities. The listed names inside
    /// them give way ("Ottawa" in "the Ottawa Convention", a treaty named
    /// after the city) and no mention takes their place.
    pub drop: bool,
    /// `file:line` of the `pattern` line.
    pub origin: String,
    pub examples: Vec<Example>,
}

/// All patterns, compiled. Immutable and shared by all threads.
#[derive(Debug, Clone)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    /// One regex per `match` line, in priority order (earlier wins a tie):
    /// user patterns, then defaults, each in file order. Each is compiled
    /// the first time the set says its line matched a sentence: the set
    /// alone decides whether a sentence holds a name, and most lines never
    /// match in a run on a few documents (`explain`, `eval`, tests), so
    /// compiling them all at load doubled the patterns' share of it.
    regexes: Vec<LazyRegex>,
    regex_pattern: Vec<u32>,
    regex_attributes: Vec<Vec<String>>,
    /// All `match` lines as one regex that reports every line that
    /// matches (the `regex` crate's `RegexSet`, built from the lines'
    /// [`Hir`] rather than from pattern text).
    set: Regex,
    layout: Layout,
    /// `NOT_NAMES`: capitalised words that do not make a sentence worth
    /// encoding (days, months).
    not_names: WordSet,
    /// `OPENERS`: lower-case words that make a sentence worth encoding
    /// after a gazetteer mention ("refugee").
    openers: WordSet,
    /// `LEADERS`: lower-case words that make a sentence worth encoding
    /// before a gazetteer mention ("frigate" in "the frigate Yulin").
    leaders: WordSet,
    /// `TITLES`: words that may stand before a surname of someone named
    /// earlier ("Mr", "General").
    titles: WordSet,
    headline_caps: u32,
}

/// A list, define or pattern as read, with where and from whom.
struct Defined<T> {
    value: T,
    file: String,
    line: u64,
    user: bool,
}

fn located<T>(value: T, src: &Source, line: u64) -> Defined<T> {
    Defined {
        value,
        file: src.name.clone(),
        line,
        user: src.user,
    }
}

/// Adds `value` under `name`: a user file replaces a default; two defaults
/// (or two user files) may not define one name.
fn define<T>(
    map: &mut HashMap<String, Defined<T>>,
    what: &str,
    name: &str,
    new: Defined<T>,
    col: usize,
) -> Result<(), PatternError> {
    if let Some(old) = map.get(name)
        && old.user == new.user
    {
        return Err(PatternError::At {
            file: new.file,
            line: new.line,
            col,
            message: format!(
                "{what} `{name}` already defined at {}:{}",
                old.file, old.line
            ),
        });
    }
    if map.get(name).is_none_or(|old| !old.user) {
        map.insert(name.to_string(), new);
    }
    Ok(())
}

impl PatternSet {
    /// Parses and compiles pattern files, adding a template entry per
    /// pattern (and the types of `types` lines) to `gaz`.
    ///
    /// `imported` are word lists from elsewhere (the rule files'), usable as
    /// `@NAME` unless a pattern file defines a list of that name.
    pub fn build(
        sources: &[Source],
        imported: &[(String, Vec<String>)],
        gaz: &mut Gazetteer,
    ) -> Result<PatternSet, PatternError> {
        let mut raw_lists: HashMap<String, Defined<Vec<Item>>> = HashMap::new();
        let mut defines: HashMap<String, Defined<Node>> = HashMap::new();
        let mut defs: HashMap<String, Defined<Box<PatternDef>>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut headline_caps = crate::segment::HEADLINE_CAPS;
        for src in sources {
            if src.name.ends_with(".txt") {
                let (name, items) = word_file(&src.name, &src.text);
                let new = Defined {
                    value: items,
                    file: src.name.clone(),
                    line: 1,
                    user: src.user,
                };
                define(&mut raw_lists, "word list", &name, new, 1)?;
                continue;
            }
            for stmt in parse::parse(&src.name, &src.text)? {
                match stmt {
                    Stmt::Words { name, items, at: t } => define(
                        &mut raw_lists,
                        "word list",
                        &name,
                        located(items, src, t.line),
                        t.col,
                    )?,
                    Stmt::Define { name, node, at: t } => define(
                        &mut defines,
                        "define",
                        &name,
                        located(node, src, t.line),
                        t.col,
                    )?,
                    Stmt::Setting { name, value } => match name.as_str() {
                        "headline_caps" => {
                            headline_caps = value.text.parse().map_err(|_| PatternError::At {
                                file: src.name.clone(),
                                line: value.line,
                                col: value.col,
                                message: format!(
                                    "expected a whole number (a percentage), found `{}`",
                                    value.text
                                ),
                            })?;
                        }
                        other => {
                            return Err(PatternError::At {
                                file: src.name.clone(),
                                line: value.line,
                                col: value.col,
                                message: format!(
                                    "unknown setting `{other}` (known: headline_caps)"
                                ),
                            });
                        }
                    },
                    Stmt::Types(names) => {
                        for t in names.iter().filter(|t| t.text != ",") {
                            gaz.declare_type(&t.text);
                        }
                    }
                    Stmt::Pattern(def) => {
                        let (id, t) = (def.id.clone(), def.at.clone());
                        if !defs.contains_key(&id) {
                            order.push(id.clone());
                        }
                        define(&mut defs, "pattern", &id, located(def, src, t.line), t.col)?;
                    }
                }
            }
        }
        for (name, words) in imported {
            raw_lists.entry(name.clone()).or_insert_with(|| Defined {
                value: words
                    .iter()
                    .map(|w| Item {
                        text: w.clone(),
                        at: (0, 0),
                    })
                    .collect(),
                file: "rules".to_string(),
                line: 0,
                user: false,
            });
        }
        let mut lists: HashMap<String, List> = HashMap::new();
        for name in raw_lists.keys() {
            let items = expand_list(&raw_lists, name, &mut Vec::new())?;
            lists.insert(name.clone(), List { items });
        }
        let defines: HashMap<String, (Node, String)> = defines
            .into_iter()
            .map(|(k, d)| (k, (d.value, d.file)))
            .collect();
        // A user's patterns win ties over the defaults (they are meant to be
        // more specific), then the higher `priority`, then file order.
        let mut defs: Vec<Defined<Box<PatternDef>>> =
            order.iter().filter_map(|id| defs.remove(id)).collect();
        defs.sort_by_key(|d| (!d.user, std::cmp::Reverse(d.value.priority)));
        let exprs: Vec<(&str, &Node)> = defs
            .iter()
            .flat_map(|d| d.value.matches.iter().map(|(n, _)| (d.file.as_str(), n)))
            .collect();
        let types: Vec<String> = gaz.types().to_vec();
        let mut compiler = Compiler::new(&exprs, &lists, &defines, &types)?;
        let mut patterns = Vec::with_capacity(defs.len());
        let mut regex_hirs = Vec::new();
        let mut regex_lines = Vec::new();
        let mut regex_pattern = Vec::new();
        let mut regex_attributes = Vec::new();
        for d in &defs {
            let def = &d.value;
            // (A dropped name gets the first type and a template entry of
            // its own only so that it can be counted like a found one; it
            // makes no mention.)
            let (etype, prefix) = match (&def.etype, &def.prefix) {
                (Some(etype_tok), Some(prefix)) => {
                    let etype =
                        gaz.type_index(&etype_tok.text)
                            .ok_or_else(|| PatternError::At {
                                file: d.file.clone(),
                                line: etype_tok.line,
                                col: etype_tok.col,
                                message: format!(
                                    "unknown entity type `{}` (known: {}; declare others with a `types NAME` line)",
                                    etype_tok.text,
                                    gaz.types().join(", ")
                                ),
                            })?;
                    (etype, prefix.text.clone())
                }
                _ if def.drop => (0, DROPPED.to_string()),
                _ => continue,
            };
            let origin = format!("{}:{}", d.file, d.line);
            let mut takes = Vec::with_capacity(def.takes.len());
            for t in &def.takes {
                let i = gaz.type_index(&t.text).ok_or_else(|| PatternError::At {
                    file: d.file.clone(),
                    line: t.line,
                    col: t.col,
                    message: format!(
                        "unknown entity type `{}` after `takes` (known: {})",
                        t.text,
                        gaz.types().join(", ")
                    ),
                })?;
                takes.push(i);
            }
            for (node, at) in &def.matches {
                let c = compiler.compile(&d.file, node, *at)?;
                regex_lines.push((d.file.clone(), *at));
                regex_hirs.push(c.hir);
                regex_pattern.push(patterns.len() as u32);
                regex_attributes.push(c.attributes);
            }
            let entry = gaz.add_template(
                &prefix,
                &format!("{prefix} ({})", def.id),
                etype,
                origin.clone(),
            );
            patterns.push(Pattern {
                id: def.id.clone(),
                etype,
                entry,
                prefix,
                title: def.title,
                attributes: def
                    .attributes
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect(),
                repeat_name: def.repeat_name,
                repeat_surname: def.repeat_surname,
                takes,
                drop: def.drop,
                origin,
                examples: def.examples.clone(),
            });
        }
        let set = set_config()
            .build_many_from_hir(&regex_hirs)
            .map_err(|e| blame_line(&regex_hirs, &regex_lines, e))?;
        let regexes = regex_hirs
            .into_iter()
            .map(|hir| LazyRegex {
                hir,
                compiled: OnceLock::new(),
            })
            .collect();
        let one_words = |name: &str| -> WordSet {
            lists
                .get(name)
                .map(|l| {
                    l.items
                        .iter()
                        .filter(|i| i.len() == 1)
                        .map(|i| i[0].clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        Ok(PatternSet {
            patterns,
            regexes,
            regex_pattern,
            regex_attributes,
            set,
            layout: compiler.layout().clone(),
            not_names: one_words("NOT_NAMES"),
            openers: one_words("OPENERS"),
            leaders: one_words("LEADERS"),
            titles: one_words("TITLES"),
            headline_caps,
        })
    }

    /// The patterns, in priority order: user patterns, then defaults, each
    /// in file order.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    pub fn pattern(&self, i: u32) -> &Pattern {
        &self.patterns[i as usize]
    }

    /// The number of compiled `match` lines.
    pub fn match_lines(&self) -> usize {
        self.regexes.len()
    }
}

/// The id prefix of the names a `drop` pattern finds (they appear only in
/// `evex explain`).
const DROPPED: &str = "dropped";

/// The most memory one compiled `match` line may take (the default of the
/// `regex` crate is 10 MB; word lists of thousands of phrases need more).
const REGEX_SIZE_LIMIT: usize = 1 << 25;

/// The most memory the set of all `match` lines may take.
const SET_SIZE_LIMIT: usize = REGEX_SIZE_LIMIT * 4;

/// The builder of the set of all `match` lines: what
/// `regex::bytes::RegexSetBuilder` sets up, with the set's size limits.
fn set_config() -> meta::Builder {
    let mut b = Regex::builder();
    b.configure(
        Regex::config()
            .nfa_size_limit(Some(SET_SIZE_LIMIT))
            .hybrid_cache_capacity(SET_DFA_CACHE)
            .match_kind(MatchKind::All)
            .utf8_empty(false)
            .which_captures(WhichCaptures::None),
    );
    b
}

/// The builder of one `match` line's regex with its capture groups: what
/// `regex::bytes::RegexBuilder` sets up, with a size limit of `limit`.
fn line_config(limit: usize) -> meta::Builder {
    let mut b = Regex::builder();
    b.configure(
        Regex::config()
            .nfa_size_limit(Some(limit))
            .hybrid_cache_capacity(LINE_DFA_CACHE)
            .match_kind(MatchKind::LeftmostFirst)
            .utf8_empty(false),
    );
    b
}

/// The lazy DFA cache of one `match` line's regex (the `regex` crate's
/// default).
const LINE_DFA_CACHE: usize = 2 << 20;

/// One `match` line's regex, compiled on first use (see
/// [`PatternSet::regexes`]).
#[derive(Debug, Clone)]
struct LazyRegex {
    hir: Hir,
    compiled: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    /// The compiled regex. It cannot fail once the set holding the same
    /// line compiled within a limit no larger than this one's; `None`
    /// (the line finds nothing) is only the guard for that.
    fn get(&self) -> Option<&Regex> {
        self.compiled
            .get_or_init(|| line_config(SET_SIZE_LIMIT).build_from_hir(&self.hir).ok())
            .as_ref()
    }
}

/// Why the set of `match` lines did not compile, named by the first line
/// that does not compile alone (a user's error points at its line); the
/// set's own error when each line compiles alone (together too large).
fn blame_line(
    hirs: &[Hir],
    lines: &[(String, (u64, usize))],
    set_error: meta::BuildError,
) -> PatternError {
    for (hir, (file, at)) in hirs.iter().zip(lines) {
        if let Err(e) = line_config(REGEX_SIZE_LIMIT).build_from_hir(hir) {
            return PatternError::At {
                file: file.clone(),
                line: at.0,
                col: at.1,
                message: format!("this `match` line cannot be compiled: {}", build_error(&e)),
            };
        }
    }
    PatternError::Build(format!(
        "the patterns cannot be compiled together: {}",
        build_error(&set_error)
    ))
}

/// A regex build error in the words the `regex` crate uses for it (the
/// meta engine's own says only "error building NFA" for a size limit).
fn build_error(e: &meta::BuildError) -> String {
    match e.size_limit() {
        Some(limit) => format!("Compiled regex exceeds size limit of {limit} bytes."),
        None => e.to_string(),
    }
}

/// The lazy DFA cache of the set, per thread: the set's DFA has many
/// states (every partial match of every pattern at every token), and a
/// cache too small to hold those that news text reaches is cleared and
/// rebuilt again and again (measured with callgrind on real passages).
/// 8 MB was at the edge: five more patterns (entity round 8) tripled the
/// time of a 3,000-passage run through cache clears; 16 MB brings it back.
const SET_DFA_CACHE: usize = 16 << 20;

/// A `.txt` word list: its name (the file stem in capitals) and items, one
/// per line, `#` comment lines and blank lines skipped.
fn word_file(file: &str, text: &str) -> (String, Vec<Item>) {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = base.strip_suffix(".txt").unwrap_or(base);
    let items = text
        .lines()
        .enumerate()
        .map(|(n, l)| (n as u64 + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(line, l)| Item {
            text: l.to_string(),
            at: (line, 1),
        })
        .collect();
    (stem.to_uppercase(), items)
}

/// A list's items as token keys, `@OTHER` items replaced by that list's.
fn expand_list(
    raw: &HashMap<String, Defined<Vec<Item>>>,
    name: &str,
    stack: &mut Vec<String>,
) -> Result<Vec<Vec<String>>, PatternError> {
    let d = &raw[name];
    stack.push(name.to_string());
    let mut out = Vec::with_capacity(d.value.len());
    for item in &d.value {
        let err = |message: String| PatternError::At {
            file: d.file.clone(),
            line: item.at.0,
            col: item.at.1,
            message,
        };
        match item.text.strip_prefix('@') {
            Some(other) if stack.iter().any(|s| s == other) => {
                return Err(err(format!("the list `@{other}` contains itself")));
            }
            Some(other) if raw.contains_key(other) => out.extend(expand_list(raw, other, stack)?),
            Some(other) => {
                return Err(err(format!(
                    "unknown word list `@{other}` (define it with `words {other} = ...`)"
                )));
            }
            None => {
                let toks = item_tokens(&item.text);
                if !toks.is_empty() {
                    out.push(toks);
                }
            }
        }
    }
    stack.pop();
    Ok(out)
}

/// A list item's token keys: [`expr::literal_tokens`], with a shortcut for
/// the items that are one plain ASCII word (most of them: the first names
/// alone are some 48,000), whose one token is the word in lower case.
fn item_tokens(text: &str) -> Vec<String> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        return vec![text.to_ascii_lowercase()];
    }
    expr::literal_tokens(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_tokens_fold_as_literal_tokens_do() {
        let mut items: Vec<&str> = vec!["Aab", "al-Qaeda", "São Paulo", "47th", "O'Neil", "", "x"];
        for (name, text) in crate::defaults::PATTERNS {
            if name.ends_with(".txt") {
                items.extend(text.lines().map(str::trim));
            }
        }
        for item in items {
            assert_eq!(item_tokens(item), expr::literal_tokens(item), "{item:?}");
        }
    }
}
