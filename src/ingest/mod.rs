//! Ingest: turn the command line's inputs into a stream of documents and
//! rejects.
//!
//! Nothing read here aborts a batch. Every input that cannot become a
//! document (an unreadable file, a line that is not JSON, a row without
//! text, invalid UTF-8, an empty or binary document, one over the size
//! limit) becomes a [`Reject`] that says where and why, and reading goes on.
//! Files are streamed: JSON Lines and CSV are read record by record and gzip
//! is decompressed on the fly, so memory does not grow with the file.

mod records;

use crate::document::Document;
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One article per file (`.txt`, `.md`).
    Text,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    Jsonl,
    /// A JSON array of objects, or one object (`.json`).
    Json,
    /// One article per row, with a header row (`.csv`).
    Csv,
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
            "csv" => Some(Format::Csv),
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
    /// Documents larger than this are rejected.
    pub max_doc_bytes: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            format: None,
            id_fields: vec!["id".into(), "doc_id".into()],
            text_fields: vec!["text".into(), "body".into(), "content".into()],
            max_doc_bytes: 50 * 1024 * 1024,
        }
    }
}

/// Why an input did not become a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    Unreadable,
    UnsupportedFormat,
    InvalidJson,
    InvalidCsv,
    MissingText,
    InvalidUtf8,
    Empty,
    Binary,
    TooLarge,
}

impl RejectReason {
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
    Doc(Document),
    Reject(Reject),
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
    pub format: Option<Format>,
    pub gzip: bool,
    /// Size on disk (0 for stdin), for progress.
    pub size: u64,
}

/// Expands the inputs: files as given, folders walked recursively in sorted
/// order (hidden files skipped), `-` for stdin. A path that does not exist
/// is kept, so reading it produces a reject.
pub fn plan(inputs: &[String], opts: &Options) -> Vec<InputFile> {
    let mut out = Vec::new();
    for input in inputs {
        if input == "-" {
            out.push(InputFile {
                path: None,
                display: "-".into(),
                doc_id: "stdin".into(),
                format: opts.format.or(Some(Format::Text)),
                gzip: false,
                size: 0,
            });
            continue;
        }
        let root = Path::new(input);
        if root.is_dir() {
            let mut files = Vec::new();
            walk(root, &mut files);
            for f in files {
                let rel = f.strip_prefix(root).unwrap_or(&f);
                out.push(input_file(&f, rel, opts));
            }
        } else {
            let name = root.file_name().map(Path::new).unwrap_or(root);
            out.push(input_file(root, name, opts));
        }
    }
    out
}

fn input_file(path: &Path, rel: &Path, opts: &Options) -> InputFile {
    let display = path.display().to_string();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    InputFile {
        path: Some(path.to_path_buf()),
        doc_id: rel.to_string_lossy().replace('\\', "/"),
        format: opts.format.or_else(|| Format::from_name(name)),
        gzip: name.to_lowercase().ends_with(".gz"),
        size: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        display,
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for e in entries {
        let hidden = e
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if e.is_dir() {
            walk(&e, out);
        } else {
            out.push(e);
        }
    }
}

/// Reads one input, passing each document or reject to `sink` in order.
/// `sink` returns `false` to stop reading (the consumer has gone away).
pub fn read(file: &InputFile, opts: &Options, sink: &mut dyn FnMut(Item) -> bool) {
    let reject = |reason, detail: String| {
        Item::Reject(Reject {
            source: file.display.clone(),
            line: None,
            reason,
            detail,
            doc_id: None,
        })
    };
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
            "unknown file type: name it .txt, .md, .jsonl, .ndjson, .json or .csv (optionally .gz), or pass --input-format".into(),
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
    let reader: Box<dyn BufRead> = if file.gzip {
        Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(raw)))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, raw))
    };
    match format {
        Format::Text => records::read_text(file, reader, opts, sink),
        Format::Jsonl => records::read_jsonl(file, reader, opts, sink),
        Format::Json => records::read_json(file, reader, opts, sink),
        Format::Csv => records::read_csv(file, reader, opts, sink),
    }
}

/// Checks a document's bytes: size, NUL bytes, UTF-8, emptiness. Returns the
/// text or why it is rejected.
pub fn check_text(bytes: Vec<u8>, max: usize) -> Result<String, (RejectReason, String)> {
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
pub fn check_string(text: String, max: usize) -> Result<String, (RejectReason, String)> {
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
            "contains NUL bytes: this looks like a binary file, not text".into(),
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
