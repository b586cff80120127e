//! Splitting pattern-file lines into tokens, with their line and column.

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
    pub fn at(&self) -> At {
        (self.line, self.col)
    }

    pub fn is_op(&self, op: &str) -> bool {
        self.kind == TokKind::Op && self.text == op
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Str,
    /// One of `OPS`.
    Op,
}

/// Characters that are tokens of their own.
const OPS: &[char] = &[
    '[', ']', '(', ')', '<', '>', '|', '?', '*', '+', '{', '}', '!', '@', ',', '=', '%', '^', '$',
];

pub fn err(file: &str, (line, col): At, message: impl Into<String>) -> PatternError {
    PatternError::At {
        file: file.to_string(),
        line,
        col,
        message: message.into(),
    }
}

/// Where to point when a line ends too early.
pub fn after(t: &Tok) -> At {
    let width = match t.kind {
        TokKind::Str => t.text.chars().count() + 2,
        _ => t.text.chars().count(),
    };
    (t.line, t.col + width)
}

/// Splits one physical line into tokens.
pub fn lex_line(file: &str, line_no: u64, line: &str) -> Result<Vec<Tok>, PatternError> {
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
