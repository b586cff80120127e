//! Compiling `match` expressions into byte regexes over the token encoding.
//!
//! A sentence is encoded as one record per token (see [`super::encode`]):
//! a space, a fixed number of flag bytes, then the token's folded word.
//!
//! ```text
//!  ␠ C - - - - 0 1 vesela ␠ C - - - - 0 0 dolyna ␠ P - g - - 0 0 , ␠ C - - D n 0 0 kharkiv
//!    │ │ │ │ │ └─┴─ one flag per word list used inside < > or as @LIST
//!    │ │ │ │ └ mention kind: n name, d demonym, s surname, - none
//!    │ │ │ └ gazetteer mention: - none; type letter, upper case on its first token
//!    │ │ └ g: no space before the token
//!    │ └ s: first word of the sentence
//!    └ shape: C capitalised, U capitals, l lower, N number, O ordinal, D other digits, x uncased, P punctuation
//! ```
//!
//! Every record starts with the only space of the record, so a match can
//! only begin at a token, and the words themselves never hold a space. A
//! token condition `<Cap !known>` becomes a character class per flag
//! position; words are literals; the regex operators are the regex's own.
//! Users never write the encoding: it can change without breaking a
//! pattern file.

use super::PatternError;
use super::expr::{Cond, CondKind, Node, Shape};
use super::lex::At;
use crate::words::Map;
use std::collections::HashMap;

pub const POS_SHAPE: usize = 0;
pub const POS_START: usize = 1;
pub const POS_GLUED: usize = 2;
pub const POS_MENTION: usize = 3;
pub const POS_KIND: usize = 4;
/// The first word-list flag.
pub const POS_FLAGS: usize = 5;

/// The shape letters, in [`Shape`] terms: C and U are `Cap`, U `Upper`, l
/// `Lower`, N `Num`, O `Ord`, P `Punct`; D (a word starting with a digit:
/// "9M723") and x (a letter without case) are words of no other shape.
pub const SHAPES: &[u8] = b"CUlNODxP";
pub const KINDS: &[u8] = b"nds-";

/// Most entity types a pattern set can tell apart (one letter each).
pub const MAX_TYPES: usize = 26;
/// Most word lists that can be used inside `< >` or as `@LIST` (one bit each).
pub const MAX_FLAGS: usize = 64;

/// What a flag stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FlagKey {
    List(String),
    Word(String),
}

/// The record layout: how many flags, and which token keys set which flag.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Flag bytes per record (before the word).
    pub width: usize,
    /// Token key (folded word or punctuation) → bits of the flags it sets.
    pub flag_bits: Map<String, u64>,
    alphabets: Vec<Vec<u8>>,
}

impl Layout {
    fn new(types: usize, flags: usize) -> Layout {
        let mut mention = vec![b'-'];
        mention.extend((0..types as u8).map(|t| b'A' + t));
        mention.extend((0..types as u8).map(|t| b'a' + t));
        let mut alphabets = vec![
            SHAPES.to_vec(),
            b"s-".to_vec(),
            b"g-".to_vec(),
            mention,
            KINDS.to_vec(),
        ];
        alphabets.extend(std::iter::repeat_n(b"01".to_vec(), flags));
        Layout {
            width: POS_FLAGS + flags,
            flag_bits: Map::default(),
            alphabets,
        }
    }
}

/// A word list as token keys per item.
pub struct List {
    pub items: Vec<Vec<String>>,
}

/// A compiled `match` line.
pub struct Compiled {
    pub regex: String,
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
        for (bit, key) in c.flags.iter().enumerate() {
            let keys: Vec<&String> = match key {
                FlagKey::Word(w) => vec![w],
                FlagKey::List(name) => lists[name]
                    .items
                    .iter()
                    .filter(|i| i.len() == 1)
                    .map(|i| &i[0])
                    .collect(),
            };
            for k in keys {
                *c.layout.flag_bits.entry(k.clone()).or_default() |= 1 << bit;
            }
        }
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
        let mut body = String::new();
        self.render(node, &mut body, &mut found, 0, &mut Vec::new())?;
        if found.captures != 1 {
            return Err(self.error(
                at,
                format!(
                    "expected exactly one `[ ]` marking the entity in a `match` line, found {}",
                    found.captures
                ),
            ));
        }
        Ok(Compiled {
            regex: format!("(?s-u){body}(?:\\x20|$)"),
            attributes: found.attributes,
        })
    }

    fn render(
        &mut self,
        node: &Node,
        out: &mut String,
        found: &mut Found,
        repeated: u32,
        stack: &mut Vec<String>,
    ) -> Result<(), PatternError> {
        match node {
            Node::Seq(xs) => {
                for x in xs {
                    self.render(x, out, found, repeated, stack)?;
                }
            }
            Node::Alt(xs) => {
                out.push_str("(?:");
                for (i, x) in xs.iter().enumerate() {
                    if i > 0 {
                        out.push('|');
                    }
                    self.render(x, out, found, repeated, stack)?;
                }
                out.push(')');
            }
            Node::Repeat { node, min, max } => {
                out.push_str("(?:");
                let many = max.is_none_or(|m| m > 1);
                self.render(node, out, found, repeated + u32::from(many), stack)?;
                out.push(')');
                match (min, max) {
                    (0, Some(1)) => out.push('?'),
                    (0, None) => out.push('*'),
                    (1, None) => out.push('+'),
                    (n, None) => out.push_str(&format!("{{{n},}}")),
                    (n, Some(m)) if n == m => out.push_str(&format!("{{{n}}}")),
                    (n, Some(m)) => out.push_str(&format!("{{{n},{m}}}")),
                }
            }
            Node::Token(conds) => {
                let sets = self.sets(conds)?;
                self.record(&sets, None, out);
            }
            Node::NotNext(conds) => {
                let sets = self.sets(conds)?;
                let mut alts = Vec::new();
                for (pos, set) in sets.iter().enumerate() {
                    let alphabet = &self.layout.alphabets[pos];
                    if set.len() < alphabet.len() {
                        let mut s = self.any_sets();
                        s[pos] = alphabet
                            .iter()
                            .copied()
                            .filter(|b| !set.contains(b))
                            .collect();
                        let mut r = String::new();
                        self.record(&s, None, &mut r);
                        alts.push(r);
                    }
                }
                alts.push("$".to_string());
                out.push_str(&format!("(?:{})", alts.join("|")));
            }
            Node::Literal(words) => {
                let any = self.any_sets();
                for w in words {
                    self.record(&any, Some(w), out);
                }
            }
            Node::List(name, at) => {
                let list = self.list(name, *at)?;
                let mut alts = Vec::new();
                if let Some(bit) = self
                    .flags
                    .iter()
                    .position(|f| *f == FlagKey::List(name.clone()))
                {
                    let mut s = self.any_sets();
                    s[POS_FLAGS + bit] = vec![b'1'];
                    let mut r = String::new();
                    self.record(&s, None, &mut r);
                    alts.push(r);
                }
                let any = self.any_sets();
                for item in list.items.iter().filter(|i| i.len() > 1) {
                    let mut r = String::new();
                    for w in item {
                        self.record(&any, Some(w), &mut r);
                    }
                    alts.push(r);
                }
                out.push_str(&format!("(?:{})", alts.join("|")));
            }
            Node::Define(name, at) => {
                let (inner, file) = self.define(name, *at, stack)?;
                let outer = std::mem::replace(&mut self.file, file);
                stack.push(name.clone());
                let r = self.render(inner, out, found, repeated, stack);
                stack.pop();
                self.file = outer;
                r?;
            }
            Node::Capture(inner, at) => {
                if repeated > 0 {
                    return Err(self.error(
                        *at,
                        "the entity `[ ]` cannot be repeated (move `*`, `+` or `{…}` inside it)",
                    ));
                }
                found.captures += 1;
                out.push_str("(?P<e>");
                self.render(inner, out, found, repeated, stack)?;
                out.push(')');
            }
            Node::Attr(name, inner, at) => {
                if repeated > 0 {
                    return Err(self.error(*at, format!("the attribute `{name}[ ]` cannot be repeated (only made optional with `?`)")));
                }
                out.push_str(&format!("(?P<a{}>", found.attributes.len()));
                found.attributes.push(name.clone());
                self.render(inner, out, found, repeated, stack)?;
                out.push(')');
            }
            Node::Start => out.push('^'),
            Node::End => out.push('$'),
        }
        Ok(())
    }

    fn any_sets(&self) -> Vec<Vec<u8>> {
        self.layout.alphabets.clone()
    }

    /// The allowed flag bytes per position for a conjunction of conditions.
    fn sets(&self, conds: &[Cond]) -> Result<Vec<Vec<u8>>, PatternError> {
        let mut sets = self.any_sets();
        for c in conds {
            let (pos, allowed): (usize, Vec<u8>) = match &c.kind {
                CondKind::Shape(s) => (
                    POS_SHAPE,
                    match s {
                        Shape::Cap => b"CU".to_vec(),
                        Shape::Upper => b"U".to_vec(),
                        Shape::Lower => b"l".to_vec(),
                        Shape::Num => b"N".to_vec(),
                        Shape::Ord => b"O".to_vec(),
                        Shape::Punct => b"P".to_vec(),
                        Shape::Word => b"CUlNODx".to_vec(),
                    },
                ),
                CondKind::Start => (POS_START, b"s".to_vec()),
                CondKind::Glued => (POS_GLUED, b"g".to_vec()),
                CondKind::Known => (
                    POS_MENTION,
                    self.layout.alphabets[POS_MENTION][1..].to_vec(),
                ),
                CondKind::Begin => (
                    POS_MENTION,
                    (0..self.types.len() as u8).map(|t| b'A' + t).collect(),
                ),
                CondKind::Demonym => (POS_KIND, b"d".to_vec()),
                CondKind::Type(name) => {
                    let t = self.types.iter().position(|x| x == name).ok_or_else(|| {
                        self.error(
                            c.at,
                            format!(
                                "unknown condition or entity type `{name}` (types: {})",
                                self.types.join(", ")
                            ),
                        )
                    })? as u8;
                    (POS_MENTION, vec![b'A' + t, b'a' + t])
                }
                CondKind::List(name) => (
                    POS_FLAGS + self.flag(&FlagKey::List(name.clone())),
                    b"1".to_vec(),
                ),
                CondKind::Word(w) => (
                    POS_FLAGS + self.flag(&FlagKey::Word(w.clone())),
                    b"1".to_vec(),
                ),
            };
            let alphabet = &self.layout.alphabets[pos];
            let allowed: Vec<u8> = if c.negated {
                alphabet
                    .iter()
                    .copied()
                    .filter(|b| !allowed.contains(b))
                    .collect()
            } else {
                allowed
            };
            sets[pos].retain(|b| allowed.contains(b));
            if sets[pos].is_empty() {
                return Err(self.error(c.at, "this condition contradicts another one in the same `< >`: no token can meet them all"));
            }
        }
        Ok(sets)
    }

    fn flag(&self, key: &FlagKey) -> usize {
        self.flags.iter().position(|f| f == key).unwrap_or(0)
    }

    /// One record: a space, a class per flag position, the word.
    fn record(&self, sets: &[Vec<u8>], word: Option<&str>, out: &mut String) {
        out.push_str("\\x20");
        let mut any_run = 0;
        let flush = |n: &mut usize, out: &mut String| {
            match *n {
                0 => {}
                1 => out.push_str("[^ ]"),
                k => out.push_str(&format!("[^ ]{{{k}}}")),
            }
            *n = 0;
        };
        for (pos, set) in sets.iter().enumerate() {
            let alphabet = &self.layout.alphabets[pos];
            if set.len() == alphabet.len() {
                any_run += 1;
                continue;
            }
            flush(&mut any_run, out);
            if set.len() == 1 {
                out.push_str(&regex::escape(&(set[0] as char).to_string()));
            } else {
                out.push('[');
                for &b in set {
                    if b == b'-' {
                        out.push_str("\\-");
                    } else {
                        out.push(b as char);
                    }
                }
                out.push(']');
            }
        }
        flush(&mut any_run, out);
        match word {
            Some(w) => out.push_str(&regex::escape(w)),
            None => out.push_str("[^ ]*"),
        }
    }
}
