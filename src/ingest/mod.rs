//! Ingest: turn the command line's inputs into a stream of documents and
//! rejects.
//!
//! Nothing read here aborts a batch. Every input that cannot become a
//! document (an unreadable file, a line that is not JSON, a row without
//! text, invalid UTF-8, an empty or binary document, one over the size
//! limit) becomes a [`Reject`] that says where and why, and reading goes on.
//! Files are streamed: JSON Lines and CSV are read record by record and gzip
//! is decompressed on the fly, so memory does not grow with the file.

pub(crate) mod decode;
pub(crate) mod html;
pub(crate) mod ids;
mod names;
mod progress;
mod records;
mod walk;
pub(crate) mod warc;

pub use html::Page;
pub use names::escape_name;
pub(crate) use names::escape_path;
#[doc(hidden)]
pub use progress::ReadProgress;
pub use records::json_line;
pub(crate) use walk::{WalkOptions, plan_inputs};

use crate::document::Document;
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One article per file (`.txt`, `.md`).
    Text,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    Jsonl,
    /// A JSON array of objects, or one object (`.json`).
    Json,
    /// One article per row, with a header row (`.csv`, `.tsv`); the
    /// delimiter is sniffed from the header unless `--csv-delimiter` says.
    Csv,
    /// A saved web page (`.html`, `.htm`): the article is extracted.
    Html,
    /// A web archive (`.warc`, `.warc.gz`): one article per HTML response.
    Warc,
}

impl Format {
    /// The format a file name implies (after removing `.gz`).
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.to_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        match ext {
            "txt" | "md" | "text" => Some(Format::Text),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "json" => Some(Format::Json),
            "csv" | "tsv" | "tab" => Some(Format::Csv),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "warc" => Some(Format::Warc),
            _ => None,
        }
    }
}

/// How to read inputs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Overrides the format implied by file names (required for stdin
    /// unless the text is one plain article).
    pub format: Option<Format>,
    /// Field names tried in order for the document id (JSONL, JSON, CSV).
    pub id_fields: Vec<String>,
    /// Field names tried in order for the text.
    pub text_fields: Vec<String>,
    /// Field names (or dotted paths) tried in order for the publication
    /// date.
    pub date_fields: Vec<String>,
    /// Fields holding the title, tried in order.
    pub title_fields: Vec<String>,
    /// Fields holding the URL, tried in order.
    pub url_fields: Vec<String>,
    /// Other fields copied into every output row (`--keep-field`).
    pub keep_fields: Vec<String>,
    /// The CSV delimiter; `None` sniffs it from the header row.
    pub csv_delimiter: Option<u8>,
    /// Documents larger than this are rejected.
    pub max_doc_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            format: None,
            id_fields: vec!["id".into(), "doc_id".into()],
            text_fields: vec!["text".into(), "body".into(), "content".into()],
            date_fields: [
                "date",
                "published",
                "published_at",
                "publish_date",
                "datePublished",
            ]
            .map(String::from)
            .to_vec(),
            title_fields: vec!["title".into(), "headline".into()],
            url_fields: vec!["url".into(), "link".into()],
            keep_fields: Vec::new(),
            csv_delimiter: None,
            max_doc_bytes: 50 * 1024 * 1024,
        }
    }
}

/// Why an input did not become a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// The file could not be opened or read.
    Unreadable,
    /// No format known for the file's extension.
    UnsupportedFormat,
    /// A JSON record that does not parse.
    InvalidJson,
    /// A CSV row that does not parse.
    InvalidCsv,
    /// A record with none of the text fields.
    MissingText,
    /// Text that is not UTF-8 (nor in a declared encoding).
    InvalidUtf8,
    /// Nothing but white space.
    Empty,
    /// NUL bytes: not text.
    Binary,
    /// Larger than `max_doc_bytes`.
    TooLarge,
    /// An HTML page (or WARC response) with no article text to extract.
    NoArticle,
    /// A WARC file that breaks the format (a record header that does not
    /// parse, a body shorter than its length); the rest of the file is
    /// skipped.
    InvalidWarc,
    /// A named pipe, socket or device in an input folder (never opened).
    NotAFile,
}

impl RejectReason {
    /// The `reason` column's value (`invalid_json`…).
    pub fn as_str(&self) -> &'static str {
        match self {
            RejectReason::Unreadable => "unreadable",
            RejectReason::UnsupportedFormat => "unsupported_format",
            RejectReason::InvalidJson => "invalid_json",
            RejectReason::InvalidCsv => "invalid_csv",
            RejectReason::MissingText => "missing_text",
            RejectReason::InvalidUtf8 => "invalid_utf8",
            RejectReason::Empty => "empty",
            RejectReason::Binary => "binary",
            RejectReason::TooLarge => "too_large",
            RejectReason::NoArticle => "no_article",
            RejectReason::InvalidWarc => "invalid_warc",
            RejectReason::NotAFile => "not_a_file",
        }
    }
}

/// An input that did not become a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    /// The file (or `-` for stdin).
    pub source: String,
    /// Line (JSONL) or row (CSV, counting the header as row 1), if any.
    pub line: Option<u64>,
    /// Why.
    pub reason: RejectReason,
    /// A sentence saying what was wrong.
    pub detail: String,
    /// The document's id when the record had one (a JSON line with an `id`
    /// but no text, say), so a stream can name it.
    pub doc_id: Option<String>,
}

/// What reading yields, in input order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A document to process.
    Doc(Document),
    /// An input that is not a document.
    Reject(Reject),
    /// A web page whose article is still to be extracted; the batch driver
    /// turns it into a `Doc` or a `Reject` on the worker threads
    /// ([`Item::extract_page`]), since extraction costs as much as the
    /// rest of the pipeline.
    Page(Page),
}

impl Item {
    /// Extracts the article of a [`Item::Page`]; other items are left as
    /// they are.
    pub fn extract_page(&mut self) {
        if let Item::Page(p) = self {
            *self = html::extract_item(p);
        }
    }
}

/// One file to read (or stdin).
#[derive(Debug, Clone)]
pub struct InputFile {
    /// `None` for stdin.
    pub path: Option<PathBuf>,
    /// Shown in rejects and used as the base of generated ids.
    pub display: String,
    /// The id of a plain-text document: the path relative to the input root.
    pub doc_id: String,
    /// The format (from `--input-format` or the extension).
    pub format: Option<Format>,
    /// Gzip-compressed (`.gz`).
    pub gzip: bool,
    /// Size on disk (0 for stdin), for progress.
    pub size: u64,
    /// Why this input cannot be read, when that is known before reading
    /// (a named pipe in a folder, a folder that cannot be listed).
    pub reject: Option<(RejectReason, String)>,
}

/// Expands the inputs: files as given, folders walked recursively in sorted
/// order (hidden files skipped, symbolic links to folders not followed),
/// `-` for stdin. A path that does not exist is kept, so reading it
/// produces a reject.
///
/// ```
/// use evex::ingest::{self, Format, Options};
/// let dir = tempfile::tempdir()?;
/// std::fs::create_dir(dir.path().join("2024"))?;
/// std::fs::write(dir.path().join("2024/b.txt"), "Russia has deployed troops.")?;
/// std::fs::write(dir.path().join("a.jsonl"), "{\"id\": \"x\", \"text\": \"…\"}\n")?;
/// let files = ingest::plan(&[dir.path().display().to_string()], &Options::default());
/// let ids: Vec<_> = files.iter().map(|f| (f.doc_id.as_str(), f.format)).collect();
/// assert_eq!(ids, [("2024/b.txt", Some(Format::Text)), ("a.jsonl", Some(Format::Jsonl))]);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn plan(inputs: &[String], opts: &Options) -> Vec<InputFile> {
    plan_inputs(inputs, opts, WalkOptions::default()).files
}

/// One file to read; `doc_id` is its escaped path relative to the input
/// folder. The format comes from the name's bytes, so a name that is not
/// UTF-8 still has one.
pub(crate) fn input_file(path: &Path, doc_id: String, opts: &Options) -> InputFile {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    InputFile {
        path: Some(path.to_path_buf()),
        doc_id,
        format: opts.format.or_else(|| Format::from_name(&name)),
        gzip: name.to_lowercase().ends_with(".gz"),
        size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        display: escape_path(path),
        reject: None,
    }
}

/// Reads one input, passing each document or reject to `sink` in order.
/// `sink` returns `false` to stop reading (the consumer has gone away).
pub fn read(file: &InputFile, opts: &Options, sink: &mut dyn FnMut(Item) -> bool) {
    read_with(file, opts, &Arc::new(ReadProgress::default()), sink)
}

/// [`read`], counting the bytes read from disk (compressed bytes for
/// `.gz`) and the WARC records skipped in `progress`.
pub(crate) fn read_with(
    file: &InputFile,
    opts: &Options,
    progress: &Arc<ReadProgress>,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let reject = |reason, detail: String| {
        Item::Reject(Reject {
            source: file.display.clone(),
            line: None,
            reason,
            detail,
            doc_id: None,
        })
    };
    if let Some((reason, detail)) = &file.reject {
        sink(reject(*reason, detail.clone()));
        return;
    }
    if let Some(p) = &file.path
        && !p.exists()
    {
        sink(reject(
            RejectReason::Unreadable,
            "no such file or folder".into(),
        ));
        return;
    }
    let Some(format) = file.format else {
        sink(reject(
            RejectReason::UnsupportedFormat,
            "unknown file type: name it .txt, .md, .jsonl, .ndjson, .json, .csv, .tsv, .html, .htm or .warc (optionally .gz), or pass --input-format".into(),
        ));
        return;
    };
    let raw: Box<dyn Read> = match &file.path {
        None => Box::new(io::stdin().lock()),
        Some(p) => match File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                sink(reject(
                    RejectReason::Unreadable,
                    format!("cannot open: {e}"),
                ));
                return;
            }
        },
    };
    let mut raw = BufReader::with_capacity(1 << 16, progress::Counted::new(raw, progress));
    // Gzip is known by its magic bytes as well as by its name: WARC files
    // are often gzipped without saying so.
    let gzip = file.gzip || raw.fill_buf().is_ok_and(|b| b.starts_with(&[0x1f, 0x8b]));
    let reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(raw)))
    } else {
        Box::new(raw)
    };
    if format == Format::Warc {
        return warc::read_warc(file, reader, opts, progress, sink);
    }
    let reader = match decode::decoded(reader) {
        Ok(r) => r,
        Err(e) => {
            sink(reject(
                RejectReason::Unreadable,
                format!("cannot read: {e}"),
            ));
            return;
        }
    };
    read_records(file, format, reader, opts, sink);
}

/// Reads documents of `format` from `reader` (already decompressed), as
/// [`read`] does for a file: the entry point for readers of other sources
/// (and for the fuzz targets).
pub fn read_records(
    file: &InputFile,
    format: Format,
    reader: Box<dyn BufRead>,
    opts: &Options,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    match format {
        Format::Text => records::read_text(file, reader, opts, sink),
        Format::Jsonl => records::read_jsonl(file, reader, opts, sink),
        Format::Json => records::read_json(file, reader, opts, sink),
        Format::Csv => records::read_csv(file, reader, opts, sink),
        Format::Html => html::read_html(file, reader, opts, sink),
        Format::Warc => {}
    }
}

/// Checks a document's bytes: size, NUL bytes, UTF-8, emptiness. Returns the
/// text or why it is rejected.
pub(crate) fn check_text(bytes: Vec<u8>, max: usize) -> Result<String, (RejectReason, String)> {
    check_bytes(&bytes, max)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        (
            RejectReason::InvalidUtf8,
            format!(
                "not valid UTF-8 at byte {} (convert it with e.g. iconv -f latin1 -t utf-8)",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    check_not_empty(text)
}

/// [`check_text`] for a text that is a string already (a JSON field): no
/// second UTF-8 validation.
pub(crate) fn check_string(text: String, max: usize) -> Result<String, (RejectReason, String)> {
    check_bytes(text.as_bytes(), max)?;
    check_not_empty(text)
}

fn check_bytes(bytes: &[u8], max: usize) -> Result<(), (RejectReason, String)> {
    if bytes.len() > max {
        return Err((
            RejectReason::TooLarge,
            format!(
                "{} bytes is over the limit of {max} (raise it with --max-doc-bytes)",
                bytes.len()
            ),
        ));
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err((
            RejectReason::Binary,
            "contains NUL bytes: a binary file, or UTF-16 text without a byte-order mark (convert it with e.g. iconv -f utf-16le -t utf-8)".into(),
        ));
    }
    Ok(())
}

fn check_not_empty(text: String) -> Result<String, (RejectReason, String)> {
    if text.trim().is_empty() {
        return Err((RejectReason::Empty, "the text is empty".into()));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        assert_eq!(Format::from_name("a.TXT"), Some(Format::Text));
        assert_eq!(Format::from_name("dump.jsonl.gz"), Some(Format::Jsonl));
        assert_eq!(Format::from_name("x.ndjson"), Some(Format::Jsonl));
        assert_eq!(Format::from_name("rows.csv.gz"), Some(Format::Csv));
        assert_eq!(Format::from_name("README"), None);
        assert_eq!(Format::from_name("report.pdf"), None);
    }

    #[test]
    fn text_checks_give_reasons() {
        assert_eq!(check_text(b"Kyiv".to_vec(), 10), Ok("Kyiv".to_string()));
        assert_eq!(
            check_text(b"  \n".to_vec(), 10).unwrap_err().0,
            RejectReason::Empty
        );
        assert_eq!(
            check_text(b"a\0b".to_vec(), 10).unwrap_err().0,
            RejectReason::Binary
        );
        assert_eq!(
            check_text(b"caf\xe9".to_vec(), 10).unwrap_err().0,
            RejectReason::InvalidUtf8
        );
        assert_eq!(
            check_text(b"0123456789a".to_vec(), 10).unwrap_err().0,
            RejectReason::TooLarge
        ); // The same checks for a text that is a string already (JSON).
        let reasons: Vec<_> = ["  \n", "a\0b", "0123456789a"]
            .iter()
            .map(|t| check_string(t.to_string(), 10).unwrap_err().0)
            .collect();
        assert_eq!(
            reasons,
            [
                RejectReason::Empty,
                RejectReason::Binary,
                RejectReason::TooLarge
            ]
        );
        assert_eq!(check_string("Kyïv".into(), 10), Ok("Kyïv".to_string()));
    }

    #[test]
    fn folders_are_walked_in_sorted_order_with_relative_ids() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("b")).expect("mkdir");
        for f in ["b/z.txt", "a.txt", ".hidden.txt", "b/a.md"] {
            std::fs::write(dir.path().join(f), "x").expect("write");
        }
        let root = dir.path().display().to_string();
        let files = plan(&[root, "-".to_string()], &Options::default());
        let ids: Vec<&str> = files.iter().map(|f| f.doc_id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "b/a.md", "b/z.txt", "stdin"]);
        assert_eq!(files[3].format, Some(Format::Text));
    }
}
