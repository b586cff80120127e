//! Encoding a sentence's tokens as the records the pattern regexes read
//! (the layout is described in [`super::compile`]).
//!
//! Only sentences that may hold an unlisted name are encoded (see
//! [`super::find`]); the buffers are the caller's, reused from sentence to
//! sentence, so encoding allocates nothing once they have grown.

use super::compile::{KINDS, Layout};
use super::expr::punct_key;
use crate::gazetteer::{AliasKind, Gazetteer};
use crate::resolve::Mention;
use crate::segment::{Token, TokenKind};

/// The document as the patterns see it.
pub struct DocText<'a> {
    pub text: &'a str,
    pub folded: &'a str,
    pub tokens: &'a [Token],
}

impl DocText<'_> {
    /// The raw text of token `k`.
    pub fn raw(&self, k: usize) -> &str {
        let t = &self.tokens[k];
        &self.text[t.start as usize..t.end as usize]
    }

    /// The token as records and word lists hold it: a word folded,
    /// punctuation by [`punct_key`].
    pub fn key(&self, k: usize) -> &str {
        let t = &self.tokens[k];
        if t.kind == TokenKind::Punct {
            punct_key(self.raw(k))
        } else if t.fend > t.fstart {
            &self.folded[t.fstart as usize..t.fend as usize]
        } else {
            "_"
        }
    }

    /// Does word token `k` start with an upper-case letter? (The first
    /// byte decides for ASCII.)
    #[inline]
    pub fn starts_upper(&self, k: usize) -> bool {
        let t = &self.tokens[k];
        if t.kind != TokenKind::Word {
            return false;
        }
        match self.text.as_bytes()[t.start as usize] {
            b if b < 0x80 => b.is_ascii_uppercase(),
            _ => self.raw(k).chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// The shape letter of token `k` (see [`super::compile::SHAPES`]).
    fn shape(&self, k: usize) -> u8 {
        let t = &self.tokens[k];
        match t.kind {
            TokenKind::Punct => b'P',
            TokenKind::Number => b'N',
            TokenKind::Word => {
                let raw = self.raw(k);
                let first = raw.chars().next().unwrap_or(' ');
                if first.is_ascii_digit() {
                    let b = raw.as_bytes();
                    let suffix = &b[b.len().saturating_sub(2)..];
                    let digits = b[..b.len().saturating_sub(2)]
                        .iter()
                        .all(u8::is_ascii_digit);
                    return if digits && matches!(suffix, b"st" | b"nd" | b"rd" | b"th") {
                        b'O'
                    } else {
                        b'D'
                    };
                }
                if first.is_lowercase() {
                    b'l'
                } else if first.is_uppercase() {
                    if raw.chars().any(char::is_lowercase) {
                        b'C'
                    } else {
                        b'U'
                    }
                } else {
                    b'x'
                }
            }
        }
    }
}

/// Appends the records of tokens `from..to` (one sentence) to `hay` (cleared
/// first), and the byte offset where each record starts to `starts`.
/// `cover` gives, per token of the document, the index of the gazetteer
/// mention covering it (`u32::MAX`: none).
#[allow(clippy::too_many_arguments)]
pub fn encode(
    layout: &Layout,
    gaz: &Gazetteer,
    doc: &DocText,
    (from, to): (usize, usize),
    mentions: &[Mention],
    cover: &[u32],
    hay: &mut Vec<u8>,
    starts: &mut Vec<u32>,
) {
    hay.clear();
    starts.clear();
    let first_word = (from..to)
        .find(|&k| doc.tokens[k].is_word())
        .unwrap_or(from);
    let flags = layout.width - super::compile::POS_FLAGS;
    for (k, &covered) in cover.iter().enumerate().take(to).skip(from) {
        starts.push(hay.len() as u32);
        hay.push(b' ');
        hay.push(doc.shape(k));
        hay.push(if k == first_word { b's' } else { b'-' });
        hay.push(if doc.tokens[k].space_before {
            b'-'
        } else {
            b'g'
        });
        match covered {
            u32::MAX => hay.extend_from_slice(b"--"),
            m => {
                let m = &mentions[m as usize];
                let t = gaz.etype_of(m.entry) as u8;
                hay.push(if m.tok_start as usize == k {
                    b'A' + t
                } else {
                    b'a' + t
                });
                hay.push(
                    KINDS[match m.kind {
                        AliasKind::Name => 0,
                        AliasKind::Demonym => 1,
                        AliasKind::Partial => 2,
                    }],
                );
            }
        }
        let key = doc.key(k);
        if flags > 0 {
            let bits = layout.flag_bits.get(key).copied().unwrap_or(0);
            hay.extend((0..flags).map(|f| if bits >> f & 1 == 1 { b'1' } else { b'0' }));
        }
        hay.extend_from_slice(key.as_bytes());
    }
}
