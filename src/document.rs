//! The unit of work: one article with its identifier and optional metadata.

/// One news article as read from the input.
///
/// `text` is kept exactly as read (after decoding to UTF-8, or as extracted
/// from an HTML page): every offset that evex writes is a byte offset into
/// this string.
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
    /// Optional metadata carried from the input (JSONL/CSV fields, or the
    /// page for HTML and WARC input).
    pub title: Option<String>,
    /// The publication date as given (`2024-11-20`, an RFC 3339 or RFC 2822
    /// time, "20 November 2024"…): events without a date of their own get
    /// it, and relative dates ("on Tuesday") count from it.
    pub date: Option<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// The input file (or stream) it was read from.
    pub source: Option<String>,
    /// Input fields named by `--keep-field`, in that order (empty when the
    /// document lacks one), copied into every row.
    pub kept: Vec<String>,
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
