//! Compiling `match` expressions into byte regexes over the token encoding.
//!
//! A sentence is encoded as one record per token (see `super::encode`):
//! a space, a few flag bytes, then the token's folded word. The flags are
//! fields packed in mixed radix, at most 64 values per byte (written as
//! bytes `0x30 + value`):
//!
//! | field | values |
//! |---|---|
//! | shape | capitalised, capitals, lower, number, ordinal, other digits, uncased, punctuation |
//! | start | first word of the sentence |
//! | glued | no space before the token |
//! | mention | none, or the gazetteer type (its first token, or a later one) |
//! | kind | name, demonym, surname, none |
//! | one per word list | used inside `< >` or as `@LIST` |
//!
//! Every record starts with the only space of the record, so a match can
//! only begin at a token, and the words themselves never hold a space. A
//! token condition `<Cap !known>` becomes one byte class per flag byte
//! (the byte values whose fields meet the conditions); words are literals;
//! the regex operators are the regex's own. Records are kept short because
//! the lazy DFA of the [`regex::bytes::RegexSet`] tracks every partial match
//! at every byte: a long fixed-width record multiplies its states. Users
//! never write the encoding: it can change without breaking a pattern file.

use super::PatternError;
use super::expr::{Cond, CondKind, Node, Shape};
use super::lex::At;
use crate::words::Map;
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, Hir, Look, Repetition};
use std::collections::HashMap;

/// The fields of a record, in packing order; word-list flags follow.
pub const FIELD_SHAPE: usize = 0;
pub const FIELD_START: usize = 1;
pub const FIELD_GLUED: usize = 2;
pub const FIELD_MENTION: usize = 3;
pub const FIELD_KIND: usize = 4;
pub const FIELD_FLAGS: usize = 5;

/// Shape values: capitalised, capitals, lower, number, ordinal ("47th"),
/// other word starting with a digit ("9M723"), a letter without case,
/// punctuation.
pub const SHAPE_CAP: u32 = 0;
pub const SHAPE_UPPER: u32 = 1;
pub const SHAPE_LOWER: u32 = 2;
pub const SHAPE_NUM: u32 = 3;
pub const SHAPE_ORD: u32 = 4;
pub const SHAPE_DIGITS: u32 = 5;
pub const SHAPE_UNCASED: u32 = 6;
pub const SHAPE_PUNCT: u32 = 7;
/// Kind values: name, demonym, surname, none.
pub const KIND_NONE: u32 = 3;

/// Most entity types a pattern set can tell apart.
pub const MAX_TYPES: usize = 30;
/// The word-list flags of one token, one bit per list (or word) used inside
/// `< >` or as `@LIST`. A `u128` rather than a `u64`: the defaults alone use
/// some sixty lists. Its width is the only limit; the record holds one byte
/// per six flags that the patterns actually use, so a wider type costs
/// nothing where the lists are few.
pub type FlagBits = u128;
/// Most word lists that can be used inside `< >` or as `@LIST` (one bit each).
pub const MAX_FLAGS: usize = FlagBits::BITS as usize;
/// Most values of one flag byte.
const BYTE_VALUES: u32 = 64;
/// The byte of flag value 0.
pub const BYTE_BASE: u8 = 0x30;

/// What a flag stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FlagKey {
    List(String),
    Word(String),
}

/// The record layout: how the fields are packed into bytes, and which
/// token keys set which word-list flag.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Per field: (byte, multiplier, number of values).
    fields: Vec<(usize, u32, u32)>,
    /// Per byte: the number of values it takes.
    radix: Vec<u32>,
    /// The byte holding the first six word-list flags.
    first_flag_byte: usize,
    /// The number of gazetteer types (mention values 1..=T first token,
    /// T+1..=2T later tokens).
    types: u32,
    /// Token key (folded word or punctuation) → bits of the flags it sets.
    pub flag_bits: Map<String, FlagBits>,
}

impl Layout {
    fn new(types: usize, flags: usize) -> Layout {
        let mut fields = Vec::with_capacity(FIELD_FLAGS + flags);
        let mut radix: Vec<u32> = Vec::new();
        for d in [8, 2, 2, 1 + 2 * types as u32, 4] {
            let last = radix.len().wrapping_sub(1);
            match radix.last_mut() {
                Some(r) if *r * d <= BYTE_VALUES => {
                    fields.push((last, *r, d));
                    *r *= d;
                }
                _ => {
                    fields.push((radix.len(), 1, d));
                    radix.push(d);
                }
            }
        }
        // Word-list flags: six to a byte, each byte the flags' bits, so
        // that a record's flags are written with one shift per byte.
        let first = radix.len();
        for i in 0..flags {
            fields.push((first + i / 6, 1 << (i % 6), 2));
        }
        radix.extend((0..flags.div_ceil(6)).map(|j| 1 << (flags - 6 * j).min(6)));
        Layout {
            fields,
            radix,
            first_flag_byte: first,
            types: types as u32,
            flag_bits: Map::default(),
        }
    }

    /// The number of word-list flags.
    pub fn flags(&self) -> usize {
        self.fields.len() - FIELD_FLAGS
    }

    /// The mention field's value for a token of a mention of type `t`.
    pub fn mention_value(&self, t: u16, first: bool) -> u32 {
        1 + u32::from(t) + if first { 0 } else { self.types }
    }

    /// Appends the flag bytes of one record: the five token fields
    /// (`shape`, `start`, `glued`, `mention`, `kind`) and the word-list flag
    /// bits.
    #[inline]
    pub fn pack(&self, values: [u32; FIELD_FLAGS], bits: FlagBits, out: &mut Vec<u8>) {
        let at = out.len();
        out.resize(at + self.first_flag_byte, BYTE_BASE);
        for (&(byte, mult, _), v) in self.fields.iter().zip(values) {
            out[at + byte] += (v * mult) as u8;
        }
        for j in 0..self.radix.len() - self.first_flag_byte {
            out.push(BYTE_BASE + (bits >> (6 * j) & 63) as u8);
        }
    }

    /// Every value of every byte.
    fn any(&self) -> Sets {
        self.radix.iter().map(|&r| all_values(r)).collect()
    }

    /// Keeps in `sets` only the byte values whose `field` is in `allowed`.
    fn restrict(&self, sets: &mut [u64], field: usize, allowed: &[u32]) {
        let (byte, mult, domain) = self.fields[field];
        let mut kept = 0;
        for v in values(sets[byte]) {
            if allowed.contains(&(u32::from(v) / mult % domain)) {
                kept |= 1 << v;
            }
        }
        sets[byte] = kept;
    }
}

/// The allowed values of each flag byte of a record, one bit per value (a
/// byte takes at most 64 values): sets without allocating one per byte.
type Sets = Vec<u64>;

/// The set of the values `0..radix`.
fn all_values(radix: u32) -> u64 {
    if radix >= 64 {
        u64::MAX
    } else {
        (1 << radix) - 1
    }
}

/// The values of a set, ascending.
fn values(mut set: u64) -> impl Iterator<Item = u8> {
    std::iter::from_fn(move || {
        (set != 0).then(|| {
            let v = set.trailing_zeros() as u8;
            set &= set - 1;
            v
        })
    })
}

/// A word list as token keys per item.
pub struct List {
    pub items: Vec<Vec<String>>,
}

/// A compiled `match` line.
pub struct Compiled {
    /// The regex, with the entity as group `e` and attributes as groups
    /// `a0`, `a1`, ….
    pub hir: Hir,
    /// Attribute names, by capture group `a0`, `a1`, … (a name may come
    /// twice, in two alternatives: the first that matched counts).
    pub attributes: Vec<String>,
}

/// Turns expressions into regex source. Built once for all patterns, since
/// the flag layout depends on every list that any pattern uses.
pub struct Compiler<'a> {
    pub file: &'a str,
    lists: &'a HashMap<String, List>,
    defines: &'a HashMap<String, (Node, String)>,
    types: &'a [String],
    flags: Vec<FlagKey>,
    layout: Layout,
}

/// What rendering one expression found.
#[derive(Default)]
struct Found {
    captures: usize,
    attributes: Vec<String>,
}

impl Found {
    /// The index of the next capture group (group 0 is the whole match).
    fn group(&self) -> u32 {
        (1 + self.captures + self.attributes.len()) as u32
    }
}

impl<'a> Compiler<'a> {
    /// A compiler for these expressions (`(file, node)`): the flags they
    /// need are collected first.
    pub fn new(
        exprs: &[(&'a str, &Node)],
        lists: &'a HashMap<String, List>,
        defines: &'a HashMap<String, (Node, String)>,
        types: &'a [String],
    ) -> Result<Compiler<'a>, PatternError> {
        if types.len() > MAX_TYPES {
            return Err(PatternError::Build(format!(
                "entity patterns tell apart at most {MAX_TYPES} entity types, the gazetteer has {}",
                types.len()
            )));
        }
        let mut c = Compiler {
            file: "",
            lists,
            defines,
            types,
            flags: Vec::new(),
            layout: Layout::new(types.len(), 0),
        };
        for (file, node) in exprs {
            c.file = file;
            c.collect_flags(node, &mut Vec::new())?;
        }
        if c.flags.len() > MAX_FLAGS {
            return Err(PatternError::Build(format!(
                "entity patterns use {} word lists and words inside < > or as @LIST; at most {MAX_FLAGS} are possible",
                c.flags.len()
            )));
        }
        c.layout = Layout::new(types.len(), c.flags.len());
        // The keys of each flag: a word, or a list's one-word items.
        let keys = |key: &FlagKey| -> Vec<&'a String> {
            match key {
                FlagKey::Word(_) => Vec::new(),
                FlagKey::List(name) => lists[name]
                    .items
                    .iter()
                    .filter(|i| i.len() == 1)
                    .map(|i| &i[0])
                    .collect(),
            }
        };
        let keys: Vec<Vec<&'a String>> = c.flags.iter().map(keys).collect();
        // (Sized once: the first names alone are some 48,000 keys.)
        let mut flag_bits: Map<String, FlagBits> = Map::default();
        flag_bits.reserve(c.flags.len() + keys.iter().map(Vec::len).sum::<usize>());
        let mut set = |k: &String, bit: usize| match flag_bits.get_mut(k.as_str()) {
            Some(bits) => *bits |= 1 << bit,
            None => {
                flag_bits.insert(k.clone(), 1 << bit);
            }
        };
        for (bit, (key, list_keys)) in c.flags.iter().zip(keys).enumerate() {
            if let FlagKey::Word(w) = key {
                set(w, bit);
            }
            for k in list_keys {
                set(k, bit);
            }
        }
        c.layout.flag_bits = flag_bits;
        Ok(c)
    }

    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    fn error(&self, (line, col): At, message: impl Into<String>) -> PatternError {
        PatternError::At {
            file: self.file.to_string(),
            line,
            col,
            message: message.into(),
        }
    }

    fn list(&self, name: &str, at: At) -> Result<&'a List, PatternError> {
        self.lists.get(name).ok_or_else(|| {
            self.error(
                at,
                format!("unknown word list `@{name}` (define it with `words {name} = ...` or a file {}.txt)", name.to_lowercase()),
            )
        })
    }

    fn define(
        &self,
        name: &str,
        at: At,
        stack: &[String],
    ) -> Result<&'a (Node, String), PatternError> {
        if stack.iter().any(|s| s == name) {
            return Err(self.error(at, format!("`%{name}` refers to itself")));
        }
        self.defines.get(name).ok_or_else(|| {
            self.error(
                at,
                format!("unknown name `%{name}` (define it with `define {name} = ...`)"),
            )
        })
    }

    fn add_flag(&mut self, key: FlagKey) {
        if !self.flags.contains(&key) {
            self.flags.push(key);
        }
    }

    fn collect_flags(&mut self, node: &Node, stack: &mut Vec<String>) -> Result<(), PatternError> {
        match node {
            Node::Seq(xs) | Node::Alt(xs) => {
                for x in xs {
                    self.collect_flags(x, stack)?;
                }
            }
            Node::Repeat { node, .. } | Node::Capture(node, _) | Node::Attr(_, node, _) => {
                self.collect_flags(node, stack)?
            }
            Node::Token(conds) | Node::NotNext(conds) => {
                for c in conds {
                    match &c.kind {
                        CondKind::List(name) => {
                            self.list(name, c.at)?;
                            self.add_flag(FlagKey::List(name.clone()));
                        }
                        CondKind::Word(w) => self.add_flag(FlagKey::Word(w.clone())),
                        _ => {}
                    }
                }
            }
            Node::List(name, at) => {
                if self.list(name, *at)?.items.iter().any(|i| i.len() == 1) {
                    self.add_flag(FlagKey::List(name.clone()));
                }
            }
            Node::Define(name, at) => {
                let (inner, file) = self.define(name, *at, stack)?;
                let outer = std::mem::replace(&mut self.file, file);
                stack.push(name.clone());
                let r = self.collect_flags(inner, stack);
                stack.pop();
                self.file = outer;
                r?;
            }
            Node::Literal(_) | Node::Start | Node::End => {}
        }
        Ok(())
    }

    /// The regex for one `match` expression of `file`.
    pub fn compile(
        &mut self,
        file: &'a str,
        node: &Node,
        at: At,
    ) -> Result<Compiled, PatternError> {
        self.file = file;
        let mut found = Found::default();
        let body = self.render(node, &mut found, 0, &mut Vec::new())?;
        if found.captures != 1 {
            return Err(self.error(
                at,
                format!(
                    "expected exactly one `[ ]` marking the entity in a `match` line, found {}",
                    found.captures
                ),
            ));
        }
        // A match ends at the end of a record: before the next one's space
        // or at the end of the sentence.
        let end = Hir::alternation(vec![Hir::literal(*b" "), Hir::look(Look::End)]);
        Ok(Compiled {
            hir: Hir::concat(vec![body, end]),
            attributes: found.attributes,
        })
    }

    /// The regex of `node`, built as the `regex` crate's own parser would
    /// build it from the equivalent pattern text (`(?s-u)` byte mode:
    /// literals are the words' UTF-8 bytes, classes are byte classes).
    /// Building the [`Hir`] directly skips writing that text and parsing
    /// it again, which was most of the cost of loading the patterns.
    fn render(
        &mut self,
        node: &Node,
        found: &mut Found,
        repeated: u32,
        stack: &mut Vec<String>,
    ) -> Result<Hir, PatternError> {
        Ok(match node {
            Node::Seq(xs) => {
                let mut parts = Vec::with_capacity(xs.len());
                for x in xs {
                    parts.push(self.render(x, found, repeated, stack)?);
                }
                Hir::concat(parts)
            }
            Node::Alt(xs) => {
                let mut alts = Vec::with_capacity(xs.len());
                for x in xs {
                    alts.push(self.render(x, found, repeated, stack)?);
                }
                alternation(alts)
            }
            Node::Repeat { node, min, max } => {
                let many = max.is_none_or(|m| m > 1);
                let sub = self.render(node, found, repeated + u32::from(many), stack)?;
                Hir::repetition(Repetition {
                    min: *min,
                    max: *max,
                    greedy: true,
                    sub: Box::new(sub),
                })
            }
            Node::Token(conds) => {
                let sets = self.sets(conds)?;
                self.record(&sets, None)
            }
            Node::NotNext(conds) => {
                let sets = self.sets(conds)?;
                let any = self.layout.any();
                let mut alts = Vec::new();
                for (byte, &set) in sets.iter().enumerate() {
                    if set != any[byte] {
                        let mut s = any.clone();
                        s[byte] = any[byte] & !set;
                        alts.push(self.record(&s, None));
                    }
                }
                alts.push(Hir::look(Look::End));
                Hir::alternation(alts)
            }
            Node::Literal(words) => {
                let any = self.layout.any();
                Hir::concat(words.iter().map(|w| self.record(&any, Some(w))).collect())
            }
            Node::List(name, at) => {
                let list = self.list(name, *at)?;
                let mut alts = Vec::new();
                if let Some(bit) = self
                    .flags
                    .iter()
                    .position(|f| *f == FlagKey::List(name.clone()))
                {
                    let mut s = self.layout.any();
                    self.layout.restrict(&mut s, FIELD_FLAGS + bit, &[1]);
                    alts.push(self.record(&s, None));
                }
                let any = self.layout.any();
                for item in list.items.iter().filter(|i| i.len() > 1) {
                    alts.push(Hir::concat(
                        item.iter().map(|w| self.record(&any, Some(w))).collect(),
                    ));
                }
                alternation(alts)
            }
            Node::Define(name, at) => {
                let (inner, file) = self.define(name, *at, stack)?;
                let outer = std::mem::replace(&mut self.file, file);
                stack.push(name.clone());
                let r = self.render(inner, found, repeated, stack);
                stack.pop();
                self.file = outer;
                r?
            }
            Node::Capture(inner, at) => {
                if repeated > 0 {
                    return Err(self.error(
                        *at,
                        "the entity `[ ]` cannot be repeated (move `*`, `+` or `{…}` inside it)",
                    ));
                }
                // Groups are numbered in the order they open, as in
                // pattern text.
                let index = found.group();
                found.captures += 1;
                let sub = self.render(inner, found, repeated, stack)?;
                Hir::capture(Capture {
                    index,
                    name: Some("e".into()),
                    sub: Box::new(sub),
                })
            }
            Node::Attr(name, inner, at) => {
                if repeated > 0 {
                    return Err(self.error(*at, format!("the attribute `{name}[ ]` cannot be repeated (only made optional with `?`)")));
                }
                let index = found.group();
                let group = format!("a{}", found.attributes.len());
                found.attributes.push(name.clone());
                let sub = self.render(inner, found, repeated, stack)?;
                Hir::capture(Capture {
                    index,
                    name: Some(group.into()),
                    sub: Box::new(sub),
                })
            }
            Node::Start => Hir::look(Look::Start),
            Node::End => Hir::look(Look::End),
        })
    }

    /// The allowed values per flag byte for a conjunction of conditions.
    fn sets(&self, conds: &[Cond]) -> Result<Sets, PatternError> {
        let mut sets = self.layout.any();
        let types = self.types.len() as u32;
        for c in conds {
            let (field, allowed, domain): (usize, Vec<u32>, u32) = match &c.kind {
                CondKind::Shape(s) => (
                    FIELD_SHAPE,
                    match s {
                        Shape::Cap => vec![SHAPE_CAP, SHAPE_UPPER],
                        Shape::Upper => vec![SHAPE_UPPER],
                        Shape::Lower => vec![SHAPE_LOWER],
                        Shape::Num => vec![SHAPE_NUM],
                        Shape::Ord => vec![SHAPE_ORD],
                        Shape::Punct => vec![SHAPE_PUNCT],
                        Shape::Word => (0..SHAPE_PUNCT).collect(),
                    },
                    8,
                ),
                CondKind::Start => (FIELD_START, vec![1], 2),
                CondKind::Glued => (FIELD_GLUED, vec![1], 2),
                CondKind::Known => (FIELD_MENTION, (1..=2 * types).collect(), 1 + 2 * types),
                CondKind::Begin => (FIELD_MENTION, (1..=types).collect(), 1 + 2 * types),
                CondKind::Demonym => (FIELD_KIND, vec![1], 4),
                CondKind::Type(name) => {
                    let t = self.types.iter().position(|x| x == name).ok_or_else(|| {
                        self.error(
                            c.at,
                            format!(
                                "unknown condition or entity type `{name}` (types: {})",
                                self.types.join(", ")
                            ),
                        )
                    })? as u16;
                    (
                        FIELD_MENTION,
                        vec![
                            self.layout.mention_value(t, true),
                            self.layout.mention_value(t, false),
                        ],
                        1 + 2 * types,
                    )
                }
                CondKind::List(name) => (
                    FIELD_FLAGS + self.flag(&FlagKey::List(name.clone())),
                    vec![1],
                    2,
                ),
                CondKind::Word(w) => (
                    FIELD_FLAGS + self.flag(&FlagKey::Word(w.clone())),
                    vec![1],
                    2,
                ),
            };
            let allowed: Vec<u32> = if c.negated {
                (0..domain).filter(|v| !allowed.contains(v)).collect()
            } else {
                allowed
            };
            self.layout.restrict(&mut sets, field, &allowed);
            if sets.contains(&0) {
                return Err(self.error(
                    c.at,
                    "this condition contradicts another one in the same `< >`: no token can meet them all",
                ));
            }
        }
        Ok(sets)
    }

    fn flag(&self, key: &FlagKey) -> usize {
        self.flags.iter().position(|f| f == key).unwrap_or(0)
    }

    /// One record: a space, a class per flag byte, the word (any bytes but
    /// a space when `None`).
    fn record(&self, sets: &[u64], word: Option<&str>) -> Hir {
        let mut parts = Vec::with_capacity(sets.len() + 2);
        parts.push(Hir::literal(*b" "));
        let mut any_run = 0;
        let flush = |n: &mut u32, parts: &mut Vec<Hir>| {
            match *n {
                0 => {}
                1 => parts.push(not_space()),
                k => parts.push(Hir::repetition(Repetition {
                    min: k,
                    max: Some(k),
                    greedy: true,
                    sub: Box::new(not_space()),
                })),
            }
            *n = 0;
        };
        for (byte, &set) in sets.iter().enumerate() {
            if set == all_values(self.layout.radix[byte]) {
                any_run += 1;
                continue;
            }
            flush(&mut any_run, &mut parts);
            // Each run of consecutive values is one range.
            let mut ranges = Vec::new();
            let mut rest = set;
            while rest != 0 {
                let from = rest.trailing_zeros();
                let len = (rest >> from).trailing_ones();
                ranges.push(ClassBytesRange::new(
                    BYTE_BASE + from as u8,
                    BYTE_BASE + (from + len - 1) as u8,
                ));
                rest &= if from + len >= 64 {
                    0
                } else {
                    u64::MAX << (from + len)
                };
            }
            parts.push(Hir::class(Class::Bytes(ClassBytes::new(ranges))));
        }
        flush(&mut any_run, &mut parts);
        parts.push(match word {
            Some(w) => Hir::literal(w.as_bytes()),
            None => Hir::repetition(Repetition {
                min: 0,
                max: None,
                greedy: true,
                sub: Box::new(not_space()),
            }),
        });
        Hir::concat(parts)
    }
}

/// `(?:a|b|…)`: like [`Hir::alternation`], except that no alternatives
/// match the empty string (as `(?:)` does in pattern text), not nothing.
fn alternation(alts: Vec<Hir>) -> Hir {
    if alts.is_empty() {
        Hir::empty()
    } else {
        Hir::alternation(alts)
    }
}

/// Any byte but a space (`[^ ]` in byte mode): one byte of a record.
fn not_space() -> Hir {
    Hir::class(Class::Bytes(ClassBytes::new([
        ClassBytesRange::new(0, b' ' - 1),
        ClassBytesRange::new(b' ' + 1, 0xff),
    ])))
}
