//! The unit of work: one article with its identifier and optional metadata.

/// One news article as read from the input.
///
/// `text` is kept exactly as read (after UTF-8 validation): every offset that
/// evex writes is a byte offset into this string.
///
/// ```
/// use evex::Document;
/// let doc = Document {
///     date: Some("2024-11-17".into()),
///     ..Document::new("d1", "Ukraine fired ATACMS missiles at Russia.")
/// };
/// assert_eq!(doc.id, "d1");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Identifier written in the `doc_id` column of every output row.
    pub id: String,
    /// The article body.
    pub text: String,
    /// Optional metadata carried from the input (JSONL/CSV fields).
    pub title: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

impl Document {
    /// A document with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }
}
