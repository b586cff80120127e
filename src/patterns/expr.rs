//! The `match` expression language: atoms, token conditions, operators.
//!
//! ```text
//! alt   := seq ('|' seq)*
//! seq   := item+
//! item  := atom ('?' | '*' | '+' | '{' N (',' M?)? '}')?
//! atom  := WORD | "quoted words" | ',' | @LIST | %DEFINE | ^ | $
//!        | '<' cond* '>' | '!' '<' cond* '>'
//!        | '(' alt ')' | '[' alt ']' | NAME'[' alt ']'
//! cond  := '!'? (Cap | Upper | Lower | Num | Ord | Punct | Word | start
//!              | glued | known | begin | demonym | TYPE | @LIST | "word")
//! ```

use super::PatternError;
use super::lex::{At, Tok, TokKind, after, err};

/// The shape of a token's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Capitalised or all capitals ("Kyiv", "NATO").
    Cap,
    /// All capitals ("NATO", "IMO").
    Upper,
    /// Starts with a lower-case letter.
    Lower,
    /// Digits ("10,000").
    Num,
    /// An ordinal written with digits ("47th", "3rd").
    Ord,
    Punct,
    /// Any word or number (not punctuation).
    Word,
}

/// What a token condition inside `< >` tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CondKind {
    Shape(Shape),
    /// The first word of the sentence.
    Start,
    /// No space before the token.
    Glued,
    /// Inside a gazetteer mention.
    Known,
    /// The first token of a gazetteer mention.
    Begin,
    /// Inside a demonym mention ("Russian").
    Demonym,
    /// Inside a gazetteer mention of this type.
    Type(String),
    /// A one-word item of this word list.
    List(String),
    /// This word (folded).
    Word(String),
}

/// One condition, possibly negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cond {
    pub negated: bool,
    pub kind: CondKind,
    pub at: At,
}

/// A `match` expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
    /// One token meeting every condition.
    Token(Vec<Cond>),
    /// The next token, if there is one, does not meet all the conditions.
    NotNext(Vec<Cond>),
    /// These tokens, as written (folded).
    Literal(Vec<String>),
    List(String, At),
    Define(String, At),
    /// The entity's span.
    Capture(Box<Node>, At),
    /// A labelled capture: an attribute of the entity.
    Attr(String, Box<Node>, At),
    Start,
    End,
}

/// Parses a `match` or `define` expression. `before` is the token before it
/// (for errors at the end of the line).
pub fn parse_expr(file: &str, toks: &[Tok], before: &Tok) -> Result<Node, PatternError> {
    let mut p = ExprParser {
        file,
        toks,
        i: 0,
        before,
    };
    if toks.is_empty() {
        return Err(err(file, after(before), "expected a pattern expression"));
    }
    let node = p.alt()?;
    if let Some(t) = toks.get(p.i) {
        return Err(err(
            file,
            t.at(),
            format!(
                "expected an atom, `|` or the end of the line, found `{}`",
                t.text
            ),
        ));
    }
    Ok(node)
}

struct ExprParser<'a> {
    file: &'a str,
    toks: &'a [Tok],
    i: usize,
    before: &'a Tok,
}

impl ExprParser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i)
    }

    fn end_at(&self) -> At {
        after(self.toks.last().unwrap_or(self.before))
    }

    fn err(&self, at: At, message: impl Into<String>) -> PatternError {
        err(self.file, at, message)
    }

    fn alt(&mut self) -> Result<Node, PatternError> {
        let mut alts = vec![self.seq()?];
        while self.peek().is_some_and(|t| t.is_op("|")) {
            self.i += 1;
            alts.push(self.seq()?);
        }
        Ok(if alts.len() == 1 {
            alts.remove(0)
        } else {
            Node::Alt(alts)
        })
    }

    fn seq(&mut self) -> Result<Node, PatternError> {
        let mut items = Vec::new();
        while let Some(t) = self.peek() {
            if t.is_op("|") || t.is_op(")") || t.is_op("]") {
                break;
            }
            items.push(self.item()?);
        }
        if items.is_empty() {
            let at = self.peek().map_or(self.end_at(), Tok::at);
            return Err(self.err(at, "expected an atom (a word, <…>, @LIST, ( ) or [ ])"));
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Node::Seq(items)
        })
    }

    fn item(&mut self) -> Result<Node, PatternError> {
        let atom = self.atom()?;
        let Some(t) = self.peek() else {
            return Ok(atom);
        };
        let (min, max) = match t.text.as_str() {
            "?" if t.kind == TokKind::Op => (0, Some(1)),
            "*" if t.kind == TokKind::Op => (0, None),
            "+" if t.kind == TokKind::Op => (1, None),
            "{" if t.kind == TokKind::Op => return self.counted(atom),
            _ => return Ok(atom),
        };
        self.i += 1;
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    /// `{n}`, `{n,}` or `{n,m}` after an atom.
    fn counted(&mut self, atom: Node) -> Result<Node, PatternError> {
        let open = self.toks[self.i].at();
        self.i += 1;
        let min = self.number()?;
        let max = if self.peek().is_some_and(|t| t.is_op(",")) {
            self.i += 1;
            if self.peek().is_some_and(|t| t.is_op("}")) {
                None
            } else {
                Some(self.number()?)
            }
        } else {
            Some(min)
        };
        match self.peek() {
            Some(t) if t.is_op("}") => self.i += 1,
            _ => {
                let at = self.peek().map_or(self.end_at(), Tok::at);
                return Err(self.err(
                    at,
                    format!("expected `}}` to close the `{{` at column {}", open.1),
                ));
            }
        }
        if max.is_some_and(|m| m < min) {
            return Err(self.err(open, "expected `{min,max}` with min ≤ max"));
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
        })
    }

    fn number(&mut self) -> Result<u32, PatternError> {
        match self.peek() {
            Some(t) if t.kind == TokKind::Word => {
                let n = t.text.parse().map_err(|_| {
                    self.err(t.at(), format!("expected a number, found `{}`", t.text))
                })?;
                self.i += 1;
                Ok(n)
            }
            Some(t) => Err(self.err(t.at(), format!("expected a number, found `{}`", t.text))),
            None => Err(self.err(
                self.end_at(),
                "expected a number before the end of the line",
            )),
        }
    }

    fn close(&mut self, op: &str, open: At) -> Result<(), PatternError> {
        match self.peek() {
            Some(t) if t.is_op(op) => {
                self.i += 1;
                Ok(())
            }
            other => {
                let at = other.map_or(self.end_at(), Tok::at);
                let opener = if op == ")" { "(" } else { "[" };
                Err(self.err(
                    at,
                    format!(
                        "expected `{op}` to close the `{opener}` at column {}",
                        open.1
                    ),
                ))
            }
        }
    }

    fn atom(&mut self) -> Result<Node, PatternError> {
        let t = self.toks[self.i].clone();
        self.i += 1;
        match t.kind {
            TokKind::Str => Ok(Node::Literal(literal_tokens(&t.text))),
            TokKind::Word => {
                if self.peek().is_some_and(|n| n.is_op("[") && n.glued) {
                    let open = self.toks[self.i].at();
                    self.i += 1;
                    let inner = self.alt()?;
                    self.close("]", open)?;
                    return Ok(Node::Attr(t.text.clone(), Box::new(inner), t.at()));
                }
                Ok(Node::Literal(literal_tokens(&t.text)))
            }
            TokKind::Op => match t.text.as_str() {
                "(" => {
                    let inner = self.alt()?;
                    self.close(")", t.at())?;
                    Ok(inner)
                }
                "[" => {
                    let inner = self.alt()?;
                    self.close("]", t.at())?;
                    Ok(Node::Capture(Box::new(inner), t.at()))
                }
                "<" => Ok(Node::Token(self.conds(t.at())?)),
                "!" => match self.peek() {
                    Some(n) if n.is_op("<") => {
                        let open = n.at();
                        self.i += 1;
                        Ok(Node::NotNext(self.conds(open)?))
                    }
                    _ => Err(self.err(
                        t.at(),
                        "expected `<` after `!` (`!<…>`: the next token is not …)",
                    )),
                },
                "@" | "%" => match self.peek() {
                    Some(n) if n.kind == TokKind::Word && n.glued => {
                        let name = n.text.clone();
                        self.i += 1;
                        Ok(if t.text == "@" {
                            Node::List(name, t.at())
                        } else {
                            Node::Define(name, t.at())
                        })
                    }
                    _ => Err(self.err(t.at(), format!("expected a name right after `{}`", t.text))),
                },
                "^" => Ok(Node::Start),
                "$" => Ok(Node::End),
                "," => Ok(Node::Literal(vec![",".to_string()])),
                other => Err(self.err(
                    t.at(),
                    format!("expected an atom (a word, <…>, @LIST, ( ) or [ ]), found `{other}`"),
                )),
            },
        }
    }

    /// Conditions up to `>`.
    fn conds(&mut self, open: At) -> Result<Vec<Cond>, PatternError> {
        let mut conds = Vec::new();
        loop {
            let Some(t) = self.peek().cloned() else {
                return Err(self.err(
                    self.end_at(),
                    format!("expected `>` to close the `<` at column {}", open.1),
                ));
            };
            self.i += 1;
            if t.is_op(">") {
                return Ok(conds);
            }
            let (negated, t) = if t.is_op("!") {
                match self.peek().cloned() {
                    Some(n) => {
                        self.i += 1;
                        (true, n)
                    }
                    None => return Err(self.err(self.end_at(), "expected a condition after `!`")),
                }
            } else {
                (false, t)
            };
            let kind = match t.kind {
                TokKind::Str => {
                    let toks = literal_tokens(&t.text);
                    if toks.len() != 1 {
                        return Err(self.err(
                            t.at(),
                            format!(
                                "expected one word inside `< >`, found `{}` ({} tokens)",
                                t.text,
                                toks.len()
                            ),
                        ));
                    }
                    CondKind::Word(toks[0].clone())
                }
                TokKind::Op if t.text == "@" => match self.peek() {
                    Some(n) if n.kind == TokKind::Word && n.glued => {
                        let name = n.text.clone();
                        self.i += 1;
                        CondKind::List(name)
                    }
                    _ => return Err(self.err(t.at(), "expected a list name right after `@`")),
                },
                TokKind::Word => match t.text.as_str() {
                    "Cap" => CondKind::Shape(Shape::Cap),
                    "Upper" => CondKind::Shape(Shape::Upper),
                    "Lower" => CondKind::Shape(Shape::Lower),
                    "Num" => CondKind::Shape(Shape::Num),
                    "Ord" => CondKind::Shape(Shape::Ord),
                    "Punct" => CondKind::Shape(Shape::Punct),
                    "Word" => CondKind::Shape(Shape::Word),
                    "start" => CondKind::Start,
                    "glued" => CondKind::Glued,
                    "known" => CondKind::Known,
                    "begin" => CondKind::Begin,
                    "demonym" => CondKind::Demonym,
                    name if name.chars().all(|c| c.is_ascii_uppercase() || c == '_') => {
                        CondKind::Type(name.to_string())
                    }
                    other => {
                        return Err(self.err(
                            t.at(),
                            format!(
                                "unknown condition `{other}` (known: Cap, Upper, Lower, Num, Ord, Punct, Word, start, glued, known, begin, demonym, an entity TYPE, @LIST, \"word\")"
                            ),
                        ));
                    }
                },
                TokKind::Op => {
                    return Err(self.err(
                        t.at(),
                        format!("expected a condition or `>`, found `{}`", t.text),
                    ));
                }
            };
            conds.push(Cond {
                negated,
                kind,
                at: t.at(),
            });
        }
    }
}

/// A literal as the tokens the segmenter makes of it, each as the encoding
/// writes it: words folded, punctuation by [`punct_key`].
pub fn literal_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    crate::segment::tokenize(text, |s, e, kind, _, _| {
        let t = &text[s as usize..e as usize];
        out.push(match kind {
            crate::segment::TokenKind::Punct => punct_key(t).to_string(),
            _ => crate::normalize::fold_phrase(t),
        });
    });
    out
}

/// Punctuation as the encoding writes it: typographic variants of quotes
/// and dashes become their ASCII forms, so `'` in a pattern matches `’`.
pub fn punct_key(p: &str) -> &str {
    match p {
        "\u{2019}" | "\u{2018}" | "\u{2032}" | "`" => "'",
        "\u{201c}" | "\u{201d}" | "\u{ab}" | "\u{bb}" => "\"",
        "\u{2010}" | "\u{2011}" | "\u{2012}" | "\u{2013}" | "\u{2014}" | "\u{2212}" => "-",
        other => other,
    }
}
