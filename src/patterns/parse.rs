//! Parsing entity pattern files into statements and expression trees, with
//! `file:line:column` errors.
//!
//! The file layout follows the rule files (README, "Rules"): top-level lines
//! start in column 1, the lines of a `pattern` block are indented, a line
//! ending in `,` or `|` continues on the next one, `#` after whitespace starts
//! a comment. The `match` expression has its own small grammar:
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

/// A place in a file: line and column (1-based, in characters).
pub type At = (u64, usize);

/// A lexical token of a pattern line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub text: String,
    pub kind: TokKind,
    pub line: u64,
    pub col: usize,
    /// No whitespace between this token and the one before.
    pub glued: bool,
}

impl Tok {
    fn at(&self) -> At {
        (self.line, self.col)
    }

    fn is_op(&self, op: &str) -> bool {
        self.kind == TokKind::Op && self.text == op
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Str,
    /// One of [`OPS`].
    Op,
}

/// Characters that are tokens of their own.
const OPS: &[char] = &[
    '[', ']', '(', ')', '<', '>', '|', '?', '*', '+', '{', '}', '!', '@', ',', '=', '%', '^', '$',
];

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

/// A list item: a word or phrase as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub at: At,
}

/// An example sentence and the entity the pattern must find in it (`None`:
/// none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub expect: Option<Expect>,
    pub line: u64,
}

/// `expect NAME; key=value; ...`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expect {
    pub name: String,
    pub attributes: Vec<(String, String)>,
}

/// A `pattern` block as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternDef {
    pub id: String,
    pub at: Tok,
    pub etype: Option<Tok>,
    pub prefix: Option<Tok>,
    /// `form title` (else `shape`).
    pub title: bool,
    pub attributes: Vec<(String, String)>,
    pub repeat_name: bool,
    pub repeat_surname: bool,
    pub matches: Vec<(Node, At)>,
    pub examples: Vec<Example>,
}

/// One statement of a pattern file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stmt {
    Words {
        name: String,
        items: Vec<Item>,
        at: Tok,
    },
    Define {
        name: String,
        node: Node,
        at: Tok,
    },
    Setting {
        name: String,
        value: Tok,
    },
    Types(Vec<Tok>),
    Pattern(Box<PatternDef>),
}

/// A logical line: its tokens and the raw text of each physical line.
struct Line<'t> {
    indented: bool,
    toks: Vec<Tok>,
    raw: &'t str,
}

fn err(file: &str, (line, col): At, message: impl Into<String>) -> PatternError {
    PatternError::At {
        file: file.to_string(),
        line,
        col,
        message: message.into(),
    }
}

/// Where to point when a line ends too early.
fn after(t: &Tok) -> At {
    let width = match t.kind {
        TokKind::Str => t.text.chars().count() + 2,
        _ => t.text.chars().count(),
    };
    (t.line, t.col + width)
}

/// Splits one physical line into tokens.
fn lex_line(file: &str, line_no: u64, line: &str) -> Result<Vec<Tok>, PatternError> {
    let chars: Vec<char> = line.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let mut space = true;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        if c.is_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if c == '#' && space {
            break;
        }
        let glued = !space && !toks.is_empty();
        space = false;
        if c == '"' {
            let close = chars[i + 1..].iter().position(|&d| d == '"');
            let Some(n) = close else {
                return Err(err(
                    file,
                    (line_no, col),
                    "expected a closing `\"` before the end of the line",
                ));
            };
            toks.push(Tok {
                text: chars[i + 1..i + 1 + n].iter().collect(),
                kind: TokKind::Str,
                line: line_no,
                col,
                glued,
            });
            i += n + 2;
        } else if OPS.contains(&c) {
            toks.push(Tok {
                text: c.to_string(),
                kind: TokKind::Op,
                line: line_no,
                col,
                glued,
            });
            i += 1;
        } else {
            let from = i;
            while i < chars.len()
                && !chars[i].is_whitespace()
                && chars[i] != '"'
                && !OPS.contains(&chars[i])
            {
                i += 1;
            }
            toks.push(Tok {
                text: chars[from..i].iter().collect(),
                kind: TokKind::Word,
                line: line_no,
                col,
                glued,
            });
        }
    }
    Ok(toks)
}

/// Parses a whole pattern file into statements.
pub fn parse(file: &str, text: &str) -> Result<Vec<Stmt>, PatternError> {
    let mut lines: Vec<Line> = Vec::new();
    let mut continuing = false;
    for (n, raw) in text.lines().enumerate() {
        let toks = lex_line(file, n as u64 + 1, raw)?;
        let Some(last) = toks.last() else { continue };
        let continues = last.is_op(",") || last.is_op("|");
        match lines.last_mut() {
            Some(prev) if continuing => prev.toks.extend(toks),
            _ => lines.push(Line {
                indented: raw.starts_with([' ', '\t']),
                toks,
                raw,
            }),
        }
        continuing = continues;
    }
    let mut stmts = Vec::new();
    let mut iter = lines.into_iter().peekable();
    while let Some(line) = iter.next() {
        let head = &line.toks[0];
        if line.indented {
            return Err(err(
                file,
                head.at(),
                format!(
                    "expected `pattern`, `words`, `define`, `types` or `setting` at the start of a line, found an indented `{}` outside a pattern",
                    head.text
                ),
            ));
        }
        let toks = &line.toks;
        match head.text.as_str() {
            "words" => {
                let name = expect_word(file, toks, 1, "a list name")?;
                expect_op(file, toks, 2, "=")?;
                let items = parse_items(file, &toks[3..], &toks[2])?;
                stmts.push(Stmt::Words {
                    name,
                    items,
                    at: head.clone(),
                });
            }
            "define" => {
                let name = expect_word(file, toks, 1, "a name")?;
                expect_op(file, toks, 2, "=")?;
                let node = parse_expr(file, &toks[3..], &toks[2])?;
                stmts.push(Stmt::Define {
                    name,
                    node,
                    at: head.clone(),
                });
            }
            "setting" => {
                let name = expect_word(file, toks, 1, "a setting name")?;
                expect_op(file, toks, 2, "=")?;
                let value = toks
                    .get(3)
                    .cloned()
                    .ok_or_else(|| err(file, after(&toks[2]), "expected a value after `=`"))?;
                stmts.push(Stmt::Setting { name, value });
            }
            "types" => {
                if toks.len() < 2 {
                    return Err(err(
                        file,
                        after(head),
                        "expected one or more type names after `types`",
                    ));
                }
                stmts.push(Stmt::Types(toks[1..].to_vec()));
            }
            "pattern" => {
                let id = expect_word(file, toks, 1, "a pattern id")?;
                if let Some(extra) = toks.get(2) {
                    return Err(err(
                        file,
                        extra.at(),
                        format!(
                            "expected the end of the line after the pattern id, found `{}`",
                            extra.text
                        ),
                    ));
                }
                let mut body = Vec::new();
                while let Some(l) = iter.next_if(|l| l.indented) {
                    body.push(l);
                }
                stmts.push(Stmt::Pattern(Box::new(pattern_body(
                    file,
                    id,
                    head.clone(),
                    &body,
                )?)));
            }
            other => {
                return Err(err(
                    file,
                    head.at(),
                    format!(
                        "expected `pattern`, `words`, `define`, `types` or `setting`, found `{other}`"
                    ),
                ));
            }
        }
    }
    Ok(stmts)
}

/// The lines of one `pattern` block.
fn pattern_body(
    file: &str,
    id: String,
    at: Tok,
    body: &[Line],
) -> Result<PatternDef, PatternError> {
    let mut def = PatternDef {
        id,
        at,
        etype: None,
        prefix: None,
        title: false,
        attributes: Vec::new(),
        repeat_name: false,
        repeat_surname: false,
        matches: Vec::new(),
        examples: Vec::new(),
    };
    for line in body {
        let toks = &line.toks;
        let key = &toks[0];
        match key.text.as_str() {
            "type" => {
                def.etype = Some(one_word(
                    file,
                    toks,
                    "an entity type (PERSON, ORG, PLACE…)",
                )?)
            }
            "id" => def.prefix = Some(one_word(file, toks, "an id prefix (e.g. unlisted/place)")?),
            "form" => {
                let form = one_word(file, toks, "`shape` or `title`")?;
                def.title = match form.text.as_str() {
                    "shape" => false,
                    "title" => true,
                    other => {
                        return Err(err(
                            file,
                            form.at(),
                            format!("expected `shape` or `title`, found `{other}`"),
                        ));
                    }
                };
            }
            "attribute" => {
                let key_tok = expect_word(file, toks, 1, "an attribute name")?;
                expect_op(file, toks, 2, "=")?;
                let value: Vec<&str> = toks[3..].iter().map(|t| t.text.as_str()).collect();
                if value.is_empty() {
                    return Err(err(file, after(&toks[2]), "expected a value after `=`"));
                }
                def.attributes.push((key_tok, value.join(" ")));
            }
            "repeat" => {
                for t in toks[1..].iter().filter(|t| !t.is_op(",")) {
                    match t.text.as_str() {
                        "name" => def.repeat_name = true,
                        "surname" => def.repeat_surname = true,
                        other => {
                            return Err(err(
                                file,
                                t.at(),
                                format!("expected `name` or `surname`, found `{other}`"),
                            ));
                        }
                    }
                }
            }
            "match" => {
                let node = parse_expr(file, &toks[1..], key)?;
                def.matches.push((node, key.at()));
            }
            "example" => {
                let text = match toks.get(1) {
                    Some(t) if t.kind == TokKind::Str && toks.len() == 2 => t.text.clone(),
                    Some(t) => {
                        return Err(err(
                            file,
                            t.at(),
                            "expected one quoted sentence after `example`",
                        ));
                    }
                    None => return Err(err(file, after(key), "expected a quoted sentence")),
                };
                def.examples.push(Example {
                    text,
                    expect: None,
                    line: key.line,
                });
            }
            "expect" => {
                let Some(example) = def.examples.last_mut() else {
                    return Err(err(
                        file,
                        key.at(),
                        "expected an `example` line before `expect`",
                    ));
                };
                example.expect = parse_expect(file, line.raw, key)?;
            }
            other => {
                return Err(err(
                    file,
                    key.at(),
                    format!(
                        "expected `type`, `id`, `form`, `attribute`, `repeat`, `match`, `example` or `expect`, found `{other}`"
                    ),
                ));
            }
        }
    }
    let missing = |what: &str| {
        err(
            file,
            def.at.at(),
            format!("pattern `{}` has no `{what}` line", def.id),
        )
    };
    if def.etype.is_none() {
        return Err(missing("type"));
    }
    if def.prefix.is_none() {
        return Err(missing("id"));
    }
    if def.matches.is_empty() {
        return Err(missing("match"));
    }
    Ok(def)
}

/// `expect none` or `expect NAME; key=value; ...`, read from the raw line
/// (names may hold any character).
fn parse_expect(file: &str, raw: &str, key: &Tok) -> Result<Option<Expect>, PatternError> {
    let rest: String = raw.chars().skip(key.col - 1 + "expect".len()).collect();
    let rest = match rest.find(" #") {
        Some(i) => &rest[..i],
        None => rest.as_str(),
    };
    let mut parts = rest.split(';').map(str::trim);
    let name = parts.next().unwrap_or("");
    if name.is_empty() {
        return Err(err(
            file,
            after(key),
            "expected the name the example must give, or `none`",
        ));
    }
    if name == "none" {
        return Ok(None);
    }
    let mut attributes = Vec::new();
    for p in parts.filter(|p| !p.is_empty()) {
        let Some((k, v)) = p.split_once('=') else {
            return Err(err(
                file,
                key.at(),
                format!("expected `key=value` after `;`, found `{p}`"),
            ));
        };
        attributes.push((k.trim().to_string(), v.trim().to_string()));
    }
    Ok(Some(Expect {
        name: name.to_string(),
        attributes,
    }))
}

fn one_word(file: &str, toks: &[Tok], what: &str) -> Result<Tok, PatternError> {
    expect_word(file, toks, 1, what)?;
    if let Some(extra) = toks.get(2) {
        return Err(err(
            file,
            extra.at(),
            format!("expected the end of the line, found `{}`", extra.text),
        ));
    }
    Ok(toks[1].clone())
}

fn expect_word(file: &str, toks: &[Tok], i: usize, what: &str) -> Result<String, PatternError> {
    match toks.get(i) {
        Some(t) if t.kind == TokKind::Word => Ok(t.text.clone()),
        Some(t) => Err(err(
            file,
            t.at(),
            format!("expected {what}, found `{}`", t.text),
        )),
        None => Err(err(
            file,
            after(&toks[toks.len() - 1]),
            format!("expected {what} before the end of the line"),
        )),
    }
}

fn expect_op(file: &str, toks: &[Tok], i: usize, op: &str) -> Result<(), PatternError> {
    match toks.get(i) {
        Some(t) if t.is_op(op) => Ok(()),
        Some(t) => Err(err(
            file,
            t.at(),
            format!("expected `{op}`, found `{}`", t.text),
        )),
        None => Err(err(
            file,
            after(&toks[toks.len() - 1]),
            format!("expected `{op}` before the end of the line"),
        )),
    }
}

/// `item, item, "quoted phrase", @LIST`: words up to a comma make a phrase.
fn parse_items(file: &str, toks: &[Tok], before: &Tok) -> Result<Vec<Item>, PatternError> {
    let mut items = Vec::new();
    // Each item is the run of tokens up to the next comma.
    for part in toks.split(|t| t.is_op(",")) {
        let Some(first) = part.first() else {
            let at = items_end(toks, before, items.len());
            return Err(err(file, at, "expected a word or phrase"));
        };
        let text = match part {
            [at, name] if at.is_op("@") && name.kind == TokKind::Word && name.glued => {
                format!("@{}", name.text)
            }
            _ => {
                if let Some(op) = part.iter().find(|t| t.kind == TokKind::Op) {
                    return Err(err(
                        file,
                        op.at(),
                        format!(
                            "expected a word, a quoted phrase, @LIST or `,`, found `{}`",
                            op.text
                        ),
                    ));
                }
                part.iter()
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        };
        items.push(Item {
            text,
            at: first.at(),
        });
    }
    Ok(items)
}

/// Where an empty item is: at the comma that ends it, or after `before`.
fn items_end(toks: &[Tok], before: &Tok, index: usize) -> At {
    toks.iter()
        .filter(|t| t.is_op(","))
        .nth(index)
        .map_or(after(before), Tok::at)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn expr(s: &str) -> Result<Node, PatternError> {
        let toks = lex_line("t.patterns", 1, s).unwrap();
        parse_expr("t.patterns", &toks[1..], &toks[0])
    }

    #[test]
    fn parses_atoms_quantifiers_and_captures() {
        let n = expr("match near [<Cap !known>+] region[<PLACE>]?").unwrap();
        let Node::Seq(items) = n else { panic!("{n:?}") };
        assert_eq!(items[0], Node::Literal(vec!["near".into()]));
        let Node::Capture(inner, _) = &items[1] else {
            panic!()
        };
        let Node::Repeat {
            node,
            min: 1,
            max: None,
        } = &**inner
        else {
            panic!()
        };
        let Node::Token(conds) = &**node else {
            panic!()
        };
        assert_eq!(conds[1].kind, CondKind::Known);
        assert!(conds[1].negated);
        let Node::Repeat {
            node,
            min: 0,
            max: Some(1),
        } = &items[2]
        else {
            panic!()
        };
        assert!(matches!(&**node, Node::Attr(name, _, _) if name == "region"));
        assert_eq!(
            expr("match \"Sana’a\"").unwrap(),
            Node::Literal(vec!["sana".into(), "'".into(), "a".into()])
        );
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let e = expr("match near [<Cap>+").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.patterns:1:19: expected `]` to close the `[` at column 12"
        );
        let e = expr("match <Capital>").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("t.patterns:1:8: unknown condition `Capital`"),
            "{e}"
        );
        let e = expr("match <Cap>{3,2}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.patterns:1:12: expected `{min,max}` with min ≤ max"
        );
        let e = parse(
            "p.patterns",
            "pattern x\n  type PLACE\n  id unlisted/place\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.patterns:1:1: pattern `x` has no `match` line"
        );
        let e = parse("p.patterns", "pattern x\n  kind PLACE\n").unwrap_err();
        assert!(
            e.to_string().starts_with("p.patterns:2:3: expected `type`"),
            "{e}"
        );
    }

    #[test]
    fn parses_a_pattern_block() {
        let text = "words CUES = near, outskirts of,\n  \"village of\"  # cues\n\npattern place.near\n  type PLACE\n  id unlisted/place\n  repeat name\n  match @CUES [<Cap>+] |\n    in [<Cap>]\n  example \"Fighting near Vesela Dolyna.\"\n  expect Vesela Dolyna; region=Kharkiv\n";
        let stmts = parse("p.patterns", text).unwrap();
        let Stmt::Words { items, .. } = &stmts[0] else {
            panic!()
        };
        let words: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(words, ["near", "outskirts of", "village of"]);
        let Stmt::Pattern(p) = &stmts[1] else {
            panic!()
        };
        assert_eq!(p.id, "place.near");
        assert!(p.repeat_name && !p.repeat_surname);
        assert!(matches!(p.matches[0].0, Node::Alt(_)));
        assert_eq!(
            p.examples[0].expect,
            Some(Expect {
                name: "Vesela Dolyna".into(),
                attributes: vec![("region".into(), "Kharkiv".into())]
            })
        );
    }
}
