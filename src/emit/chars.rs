//! Character offsets beside byte offsets: Python's `text[start:end]`, R's
//! `substr` and most non-Rust tools count Unicode code points, and on a
//! text with one curly quote the byte offsets already disagree.

/// Converts byte offsets of one text to code-point offsets. Offsets asked
/// in increasing order (rows are written in text order) cost only the
/// text between them; an offset before the last one restarts the count.
pub struct CharOffsets<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    chars: usize,
}

impl<'t> CharOffsets<'t> {
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        CharOffsets {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            chars: 0,
        }
    }

    /// The code-point offset of byte offset `at` (a char boundary).
    pub fn at(&mut self, at: u32) -> u64 {
        let at = (at as usize).min(self.text.len());
        if self.ascii {
            return at as u64;
        }
        if at < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        // Most spans between two offsets in news text are plain ASCII,
        // which a word-at-a-time check tells faster than a count.
        let span = &self.text[self.byte..at];
        self.chars += if span.is_ascii() {
            span.len()
        } else {
            span.chars().count()
        };
        self.byte = at;
        self.chars as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_in_any_order() {
        let t = "Biden’s “order” on Kyïv";
        let mut c = CharOffsets::new(t);
        let kyiv = t.find("Kyïv").unwrap() as u32;
        assert_eq!(c.at(kyiv), 19);
        let q = t.find('“').unwrap() as u32;
        assert_eq!(c.at(q), 8);
        assert_eq!(c.at(t.len() as u32), 23);
        let chars: Vec<char> = t.chars().collect();
        assert_eq!(chars[19..23].iter().collect::<String>(), "Kyïv");
        assert_eq!(CharOffsets::new("plain").at(3), 3);
    }
}
