//! Parsing rule files into a syntax tree, with `file:line:column` errors.
//!
//! The language is line-oriented, so that an error always points at one line
//! and a rule reads like a filled-in form. Top-level lines start in column 1;
//! the lines of a rule block are indented. A line ending in a comma continues
//! on the next line. `#` after whitespace starts a comment.
//!
//! ```text
//! words USE = use, fire, strike, launch
//! modality hedged = may, might, could, "willing to"
//! setting modality_window = 6
//!
//! rule authorization.active
//!   event AUTHORIZATION
//!   verbs authorize, authorise, allow, permit
//!   form active
//!   actor    PERSON|PLACE|ORG  before 10  state
//!   target   PLACE|ORG         after 4
//!   weapon   WEAPON            after @USE 12
//!   location PLACE             after in|inside|"deep inside" 20
//!   require actor|target
//!   example "The US authorised Ukraine to use ATACMS inside Russia."
//!   expect actor=United States; target=Ukraine; weapon=ATACMS; location=Russia
//! ```

use super::RuleError;

/// A lexical token of a rule line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub text: String,
    pub kind: TokKind,
    pub line: u64,
    pub col: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Str,
    /// One of `, | = ( )`.
    Punct,
}

/// A list item: a word or phrase, with irregular forms in parentheses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub irregular: Vec<String>,
    pub line: u64,
    pub col: usize,
}

/// One statement of a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stmt {
    Words {
        name: String,
        items: Vec<Item>,
        at: Tok,
    },
    Modality {
        label: String,
        items: Vec<Item>,
        at: Tok,
    },
    Setting {
        name: String,
        value: Tok,
    },
    Rule {
        id: String,
        at: Tok,
        body: Vec<Vec<Tok>>,
    },
}

/// Splits one physical line into tokens; `None` for blank and comment lines.
///
/// Every rule file is lexed at each load (twice: for the patterns' word
/// lists and for the rules), so tokens are cut as slices of the line and
/// columns are counted in characters only on lines that are not ASCII.
fn lex_line(file: &str, line_no: u64, line: &str) -> Result<Vec<Tok>, RuleError> {
    let mut toks = Vec::new();
    let ascii = line.is_ascii();
    let col_of = |i: usize| {
        if ascii {
            i + 1
        } else {
            line[..i].chars().count() + 1
        }
    };
    let mut i = 0;
    // Is the character before `i` whitespace (or is `i` the start)?
    let mut after_space = true;
    while let Some(c) = line[i..].chars().next() {
        if c.is_whitespace() {
            i += c.len_utf8();
            after_space = true;
            continue;
        }
        if c == '#' && after_space {
            break;
        }
        after_space = false;
        if c == '"' {
            let col = col_of(i);
            let start = i + 1;
            let Some(len) = line[start..].find('"') else {
                return Err(RuleError::at(
                    file,
                    line_no,
                    col,
                    "expected a closing `\"` before the end of the line",
                ));
            };
            toks.push(Tok {
                text: line[start..start + len].to_string(),
                kind: TokKind::Str,
                line: line_no,
                col,
            });
            i = start + len + 1;
        } else if matches!(c, ',' | '|' | '=' | '(' | ')') {
            toks.push(Tok {
                text: c.to_string(),
                kind: TokKind::Punct,
                line: line_no,
                col: col_of(i),
            });
            i += 1;
        } else {
            let end = line[i..]
                .find(|d: char| d.is_whitespace() || matches!(d, ',' | '|' | '=' | '(' | ')' | '"'))
                .map_or(line.len(), |n| i + n);
            toks.push(Tok {
                text: line[i..end].to_string(),
                kind: TokKind::Word,
                line: line_no,
                col: col_of(i),
            });
            i = end;
        }
    }
    Ok(toks)
}

/// Parses a whole file into statements.
pub fn parse(file: &str, text: &str) -> Result<Vec<Stmt>, RuleError> {
    // Logical lines: (indented, tokens), continuation lines joined.
    let mut lines: Vec<(bool, Vec<Tok>)> = Vec::new();
    let mut continuing = false;
    for (n, raw) in text.lines().enumerate() {
        let toks = lex_line(file, n as u64 + 1, raw)?;
        if toks.is_empty() {
            continue;
        }
        let ends_with_comma = toks
            .last()
            .is_some_and(|t| t.kind == TokKind::Punct && t.text == ",");
        if continuing {
            if let Some(last) = lines.last_mut() {
                last.1.extend(toks);
            }
        } else {
            let indented = raw.starts_with([' ', '\t']);
            lines.push((indented, toks));
        }
        continuing = ends_with_comma;
    }
    let mut stmts = Vec::new();
    let mut iter = lines.into_iter().peekable();
    while let Some((indented, toks)) = iter.next() {
        let head = &toks[0];
        if indented {
            return Err(RuleError::at(
                file,
                head.line,
                head.col,
                format!(
                    "expected `rule`, `words`, `modality` or `setting` at the start of a line, found an indented `{}` outside a rule",
                    head.text
                ),
            ));
        }
        match head.text.as_str() {
            "words" | "modality" => {
                let name = expect_word(file, &toks, 1, "a list name")?;
                expect_punct(file, &toks, 2, "=")?;
                let items = parse_items(file, &toks[3..], toks.last().unwrap_or(head))?;
                if items.is_empty() {
                    return Err(RuleError::at(
                        file,
                        head.line,
                        head.col,
                        "expected at least one item after `=`",
                    ));
                }
                stmts.push(if head.text == "words" {
                    Stmt::Words {
                        name,
                        items,
                        at: head.clone(),
                    }
                } else {
                    Stmt::Modality {
                        label: name,
                        items,
                        at: head.clone(),
                    }
                });
            }
            "setting" => {
                let name = expect_word(file, &toks, 1, "a setting name")?;
                expect_punct(file, &toks, 2, "=")?;
                let value = toks.get(3).cloned().ok_or_else(|| {
                    RuleError::at(
                        file,
                        toks[2].line,
                        toks[2].col + 1,
                        "expected a value after `=`",
                    )
                })?;
                stmts.push(Stmt::Setting { name, value });
            }
            "rule" => {
                let id = expect_word(file, &toks, 1, "a rule id")?;
                if let Some(extra) = toks.get(2) {
                    return Err(RuleError::at(
                        file,
                        extra.line,
                        extra.col,
                        format!(
                            "expected the end of the line after the rule id, found `{}`",
                            extra.text
                        ),
                    ));
                }
                let mut body = Vec::new();
                while let Some((true, _)) = iter.peek() {
                    if let Some((_, t)) = iter.next() {
                        body.push(t);
                    }
                }
                stmts.push(Stmt::Rule {
                    id,
                    at: head.clone(),
                    body,
                });
            }
            other => {
                let hint =
                    crate::spelling::did_you_mean(other, &["rule", "words", "modality", "setting"])
                        .map(|k| format!("; did you mean `{k}`?"))
                        .unwrap_or_default();
                return Err(RuleError::at(
                    file,
                    head.line,
                    head.col,
                    format!(
                        "expected `rule`, `words`, `modality` or `setting`, found `{other}`{hint}"
                    ),
                ));
            }
        }
    }
    Ok(stmts)
}

pub fn expect_word(file: &str, toks: &[Tok], i: usize, what: &str) -> Result<String, RuleError> {
    match toks.get(i) {
        Some(t) if t.kind == TokKind::Word => Ok(t.text.clone()),
        Some(t) => Err(RuleError::at(
            file,
            t.line,
            t.col,
            format!("expected {what}, found `{}`", t.text),
        )),
        None => {
            let last = &toks[toks.len() - 1];
            Err(RuleError::after(
                last,
                file,
                format!("expected {what} before the end of the line"),
            ))
        }
    }
}

fn expect_punct(file: &str, toks: &[Tok], i: usize, p: &str) -> Result<(), RuleError> {
    match toks.get(i) {
        Some(t) if t.kind == TokKind::Punct && t.text == p => Ok(()),
        Some(t) => Err(RuleError::at(
            file,
            t.line,
            t.col,
            format!("expected `{p}`, found `{}`", t.text),
        )),
        None => {
            let last = &toks[toks.len() - 1];
            Err(RuleError::after(
                last,
                file,
                format!("expected `{p}` before the end of the line"),
            ))
        }
    }
}

/// Parses `item, item (irregular, irregular), "quoted phrase", @LIST`.
pub fn parse_items(file: &str, toks: &[Tok], end: &Tok) -> Result<Vec<Item>, RuleError> {
    let mut items = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (text, line, col) = phrase_at(file, toks, &mut i, end)?;
        let mut irregular = Vec::new();
        if toks
            .get(i)
            .is_some_and(|t| t.text == "(" && t.kind == TokKind::Punct)
        {
            i += 1;
            loop {
                let (form, _, _) = phrase_at(file, toks, &mut i, end)?;
                irregular.push(form);
                match toks.get(i) {
                    Some(t) if t.kind == TokKind::Punct && t.text == "," => i += 1,
                    Some(t) if t.kind == TokKind::Punct && t.text == ")" => {
                        i += 1;
                        break;
                    }
                    Some(t) => {
                        return Err(RuleError::at(
                            file,
                            t.line,
                            t.col,
                            format!("expected `,` or `)`, found `{}`", t.text),
                        ));
                    }
                    None => {
                        return Err(RuleError::at(
                            file,
                            end.line,
                            end.col + 1,
                            "expected `)` before the end of the line",
                        ));
                    }
                }
            }
        }
        items.push(Item {
            text,
            irregular,
            line,
            col,
        });
        match toks.get(i) {
            None => break,
            Some(t) if t.kind == TokKind::Punct && t.text == "," => i += 1,
            Some(t) => {
                return Err(RuleError::at(
                    file,
                    t.line,
                    t.col,
                    format!("expected `,` between items, found `{}`", t.text),
                ));
            }
        }
    }
    Ok(items)
}

/// Reads words or one quoted string up to the next punctuation.
fn phrase_at(
    file: &str,
    toks: &[Tok],
    i: &mut usize,
    end: &Tok,
) -> Result<(String, u64, usize), RuleError> {
    let Some(first) = toks.get(*i) else {
        return Err(RuleError::after(
            end,
            file,
            "expected a word or phrase before the end of the line",
        ));
    };
    if first.kind == TokKind::Punct {
        return Err(RuleError::at(
            file,
            first.line,
            first.col,
            format!("expected a word or phrase, found `{}`", first.text),
        ));
    }
    let mut words = Vec::new();
    while let Some(t) = toks.get(*i) {
        if t.kind == TokKind::Punct {
            break;
        }
        words.push(t.text.as_str());
        *i += 1;
    }
    Ok((words.join(" "), first.line, first.col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_statements_and_continuations() {
        let text = "# lexicon\nwords USE = use, fire,\n  strike # comment\n\nrule a.b\n  event ATTACK\n  verbs strike (struck), hit (hit)\n";
        let stmts = parse("r.rules", text).unwrap();
        assert_eq!(stmts.len(), 2);
        let Stmt::Words { name, items, .. } = &stmts[0] else {
            panic!()
        };
        assert_eq!(name, "USE");
        assert_eq!(
            items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>(),
            ["use", "fire", "strike"]
        );
        assert_eq!(items[2].line, 3);
        let Stmt::Rule { id, body, .. } = &stmts[1] else {
            panic!()
        };
        assert_eq!(id, "a.b");
        assert_eq!(body.len(), 2);
        let items = parse_items("r", &body[1][1..], &body[1][0]).unwrap();
        assert_eq!(items[0].irregular, ["struck"]);
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let e = parse("r.rules", "words X = a,, b\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:1:13: expected a word or phrase, found `,`"
        );
        let e = parse("r.rules", "rule x\n  event ATTACK\nverb strike\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:3:1: expected `rule`, `words`, `modality` or `setting`, found `verb`"
        );
        let e = parse("r.rules", "rul x\n  event ATTACK\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:1:1: expected `rule`, `words`, `modality` or `setting`, found `rul`; did you mean `rule`?"
        );
        let e = parse("r.rules", "words X = \"open\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r.rules:1:11: expected a closing `\"` before the end of the line"
        );
    }
}
