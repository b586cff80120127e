//! HTML escaping. Every piece of document text and every attribute value
//! goes through [`escape`]: a report must stay inert whatever the corpus
//! holds (`<script>`, quotes, ampersands).

use std::borrow::Cow;

/// Escapes `&`, `<`, `>`, `"` and `'`, so the result is safe both as text
/// and inside a quoted attribute.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The examples of the doc comments above (a private module's doc
/// examples do not run as doc tests).
#[cfg(test)]
mod examples {
    use super::*;

    #[test]
    fn escape_example() {
        assert_eq!(
            escape("<a href=\"x\">O'Neil & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Neil &amp; co&lt;/a&gt;"
        );
    }
}
