//! Encoding a sentence's tokens as the records the pattern regexes read
//! (the layout is described in [`super::compile`]).
//!
//! Only sentences that may hold an unlisted name are encoded (see
//! [`super::find`]); the buffers are the caller's, reused from sentence to
//! sentence, so encoding allocates nothing once they have grown.

use super::compile::{
    KIND_NONE, Layout, SHAPE_CAP, SHAPE_DIGITS, SHAPE_LOWER, SHAPE_NUM, SHAPE_ORD, SHAPE_PUNCT,
    SHAPE_UNCASED, SHAPE_UPPER,
};
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
    /// byte decides for ASCII; asked of most tokens of every document.)
    #[inline(always)]
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

    /// The shape of token `k` (see [`super::compile::SHAPE_CAP`] and after).
    fn shape(&self, k: usize) -> u32 {
        let t = &self.tokens[k];
        match t.kind {
            TokenKind::Punct => SHAPE_PUNCT,
            TokenKind::Number => SHAPE_NUM,
            TokenKind::Word => {
                let raw = self.raw(k);
                let first = raw.chars().next().unwrap_or(' ');
                if first.is_ascii_digit() {
                    let b = raw.as_bytes();
                    let (digits, suffix) = b.split_at(b.len().saturating_sub(2));
                    return if digits.iter().all(u8::is_ascii_digit)
                        && matches!(suffix, b"st" | b"nd" | b"rd" | b"th")
                    {
                        SHAPE_ORD
                    } else {
                        SHAPE_DIGITS
                    };
                }
                if first.is_lowercase() {
                    SHAPE_LOWER
                } else if first.is_uppercase() {
                    if raw.chars().any(char::is_lowercase) {
                        SHAPE_CAP
                    } else {
                        SHAPE_UPPER
                    }
                } else {
                    SHAPE_UNCASED
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
    for (k, &covered) in cover.iter().enumerate().take(to).skip(from) {
        starts.push(hay.len() as u32);
        hay.push(b' ');
        let (mention, kind) = match covered {
            u32::MAX => (0, KIND_NONE),
            m => {
                let m = &mentions[m as usize];
                let t = gaz.etype_of(m.entry);
                let kind = match m.kind {
                    AliasKind::Name | AliasKind::Reference => 0,
                    AliasKind::Demonym => 1,
                    AliasKind::Partial => 2,
                };
                (layout.mention_value(t, m.tok_start as usize == k), kind)
            }
        };
        let key = doc.key(k);
        let bits = if layout.flags() > 0 {
            layout.flag_bits.get(key).copied().unwrap_or(0)
        } else {
            0
        };
        let shape = doc.shape(k);
        let glued = !doc.tokens[k].space_before;
        layout.pack(
            [
                shape,
                u32::from(k == first_word),
                u32::from(glued),
                mention,
                kind,
            ],
            bits,
            hay,
        );
        hay.extend_from_slice(key.as_bytes());
    }
}
