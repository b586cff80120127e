//! Parsing entity pattern files into statements and expression trees, with
//! `file:line:column` errors.
//!
//! The file layout follows the rule files (README, "Rules"): top-level lines
//! start in column 1, the lines of a `pattern` block are indented, a line
//! ending in `,` or `|` continues on the next one, `#` after whitespace starts
//! a comment. The `match` expression has its own small grammar ([`super::expr`]).

use super::PatternError;
use super::expr::{Node, parse_expr};
use super::lex::{At, Tok, TokKind, after, err, lex_line};

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
    /// `priority N`: among overlapping matches of equal length, the higher
    /// priority wins (then file order). Default 0.
    pub priority: i32,
    /// `takes TYPE …`: the name may be one whole listed mention of these
    /// types, which gives way to it ("the frigate Yulin", a ship named
    /// after a city).
    pub takes: Vec<Tok>,
    /// `drop`: the name is no entity; the listed names inside it give way
    /// and nothing takes their place ("the Ottawa Convention").
    pub drop: bool,
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
        priority: 0,
        takes: Vec::new(),
        drop: false,
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
            "priority" => {
                let t = one_word(file, toks, "a whole number (e.g. `priority -1`)")?;
                def.priority = t.text.parse().map_err(|_| {
                    err(
                        file,
                        t.at(),
                        format!("expected a whole number, found `{}`", t.text),
                    )
                })?;
            }
            "takes" => {
                let types: Vec<Tok> = toks[1..]
                    .iter()
                    .filter(|t| !t.is_op(","))
                    .cloned()
                    .collect();
                if types.is_empty() {
                    return Err(err(
                        file,
                        after(key),
                        "expected an entity type (e.g. `takes PLACE`)",
                    ));
                }
                def.takes.extend(types);
            }
            "drop" => {
                if let Some(t) = toks.get(1) {
                    return Err(err(file, t.at(), "expected nothing after `drop`"));
                }
                def.drop = true;
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
                        "expected `type`, `id`, `form`, `attribute`, `repeat`, `priority`, `takes`, `drop`, `match`, `example` or `expect`, found `{other}`"
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
    if def.drop {
        // A dropped name is no entity: it has no type or id of its own,
        // and nothing of it is repeated.
        if let Some(t) = [&def.etype, &def.prefix].into_iter().flatten().next() {
            return Err(err(
                file,
                t.at(),
                format!(
                    "pattern `{}` drops its names: it takes no `type` or `id` line",
                    def.id
                ),
            ));
        }
        if def.repeat_name || def.repeat_surname || def.title || !def.attributes.is_empty() {
            return Err(err(
                file,
                def.at.at(),
                format!(
                    "pattern `{}` drops its names: `repeat`, `form` and `attribute` mean nothing there",
                    def.id
                ),
            ));
        }
    } else {
        if def.etype.is_none() {
            return Err(missing("type"));
        }
        if def.prefix.is_none() {
            return Err(missing("id"));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::expr::CondKind;

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
        let e = parse(
            "p.patterns",
            "pattern x\n  drop\n  type PLACE\n  match [<Cap>]\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.patterns:3:8: pattern `x` drops its names: it takes no `type` or `id` line"
        );
        let e = parse("p.patterns", "pattern x\n  drop it\n  match [<Cap>]\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "p.patterns:2:8: expected nothing after `drop`"
        );
        let Stmt::Pattern(p) =
            &parse("p.patterns", "pattern x\n  drop\n  match [<Cap>]\n").unwrap()[0]
        else {
            panic!()
        };
        assert!(p.drop && p.etype.is_none());
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
