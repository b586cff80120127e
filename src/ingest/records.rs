//! Readers for each input format. Each streams its records to the sink.

use super::{InputFile, Item, Options, Reject, RejectReason, check_string, check_text};
use crate::document::Document;
use serde_json::{Map, Value};
use std::io::{BufRead, Read};

fn reject(file: &InputFile, line: Option<u64>, reason: RejectReason, detail: String) -> Item {
    Item::Reject(Reject {
        source: file.display.clone(),
        line,
        reason,
        detail,
        doc_id: None,
    })
}

/// A reject of a record that names its document.
fn reject_doc(
    file: &InputFile,
    line: Option<u64>,
    doc_id: Option<&String>,
    (reason, detail): (RejectReason, String),
) -> Item {
    Item::Reject(Reject {
        source: file.display.clone(),
        line,
        reason,
        detail,
        doc_id: doc_id.cloned(),
    })
}

/// The whole input is one article.
pub fn read_text(
    file: &InputFile,
    reader: Box<dyn BufRead>,
    opts: &Options,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let mut bytes = Vec::new();
    if let Err(e) = reader
        .take((opts.max_doc_bytes as u64).saturating_add(1))
        .read_to_end(&mut bytes)
    {
        sink(reject(
            file,
            None,
            RejectReason::Unreadable,
            format!("cannot read: {e}"),
        ));
        return;
    }
    let item = match check_text(bytes, opts.max_doc_bytes) {
        Ok(text) => Item::Doc(Document {
            id: file.doc_id.clone(),
            text,
            source: Some(file.display.clone()),
            ..Document::default()
        }),
        Err((reason, detail)) => reject(file, None, reason, detail),
    };
    sink(item);
}

/// Reads one line into `buf`, keeping at most `limit` bytes; returns the
/// number of bytes the line had (0 at end of input) without its newline.
/// A line longer than the limit is consumed but not kept, so one huge line
/// cannot exhaust memory.
fn read_line_limited(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (used, done) = match memchr(chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let content = if done { used - 1 } else { used };
        if buf.len() + content <= limit {
            buf.extend_from_slice(&chunk[..content]);
        }
        total += content;
        reader.consume(used);
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
                total -= 1;
            }
            return Ok(Some(total));
        }
    }
}

fn memchr(b: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', b)
}

/// One JSON object per line.
pub fn read_jsonl(
    file: &InputFile,
    mut reader: Box<dyn BufRead>,
    opts: &Options,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let mut buf = Vec::new();
    let limit = line_limit(opts);
    let mut line = 0u64;
    loop {
        line += 1;
        let len = match read_line_limited(&mut *reader, &mut buf, limit) {
            Ok(None) => return,
            Ok(Some(n)) => n,
            Err(e) => {
                sink(reject(
                    file,
                    Some(line),
                    RejectReason::Unreadable,
                    format!("cannot read: {e}"),
                ));
                return;
            }
        };
        // A line over the limit was not kept, only measured.
        let item = if len > limit {
            too_long(file, Some(line), len)
        } else {
            match json_line(file, Some(line), &buf, opts) {
                Some(item) => item,
                None => continue,
            }
        };
        if !sink(item) {
            return;
        }
    }
}

/// The longest JSON line read: the JSON envelope may add a little to the
/// text, so the text's limit doubled and 64 KiB more.
fn line_limit(opts: &Options) -> usize {
    opts.max_doc_bytes.saturating_mul(2).saturating_add(1 << 16)
}

fn too_long(file: &InputFile, line: Option<u64>, len: usize) -> Item {
    reject(
        file,
        line,
        RejectReason::TooLarge,
        format!("the line has {len} bytes, over the limit (raise it with --max-doc-bytes)"),
    )
}

/// One line of JSON Lines (without its line break) as the `.jsonl` reader reads
/// it: `None` for a blank line, else the document or why the line is not
/// one. The entry point for lines that come from elsewhere than a file
/// (the Python package's Spark reader gets them from `spark.read.text`).
///
/// ```
/// use evex::ingest::{Format, InputFile, Item, Options, json_line};
/// let file = InputFile {
///     path: None,
///     display: "lines".into(),
///     doc_id: String::new(),
///     format: Some(Format::Jsonl),
///     gzip: false,
///     size: 0,
///     reject: None,
/// };
/// let opts = Options::default();
/// let line = br#"{"id": 7, "body": "Russia has deployed troops.", "date": "2024-05-01"}"#;
/// let Some(Item::Doc(doc)) = json_line(&file, Some(1), line, &opts) else { panic!() };
/// assert_eq!((doc.id.as_str(), doc.date.as_deref()), ("7", Some("2024-05-01")));
/// assert!(json_line(&file, Some(2), b"  ", &opts).is_none());
/// let Some(Item::Reject(r)) = json_line(&file, Some(3), b"{oops", &opts) else { panic!() };
/// assert_eq!((r.line, r.reason.as_str()), (Some(3), "invalid_json"));
/// ```
pub fn json_line(
    file: &InputFile,
    line: Option<u64>,
    bytes: &[u8],
    opts: &Options,
) -> Option<Item> {
    if bytes.len() > line_limit(opts) {
        return Some(too_long(file, line, bytes.len()));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    Some(match std::str::from_utf8(bytes) {
        Err(e) => reject(
            file,
            line,
            RejectReason::InvalidUtf8,
            format!("not valid UTF-8 at byte {}", e.valid_up_to()),
        ),
        Ok(s) => match serde_json::from_str::<Value>(s) {
            Err(e) => reject(
                file,
                line,
                RejectReason::InvalidJson,
                format!("not JSON: {e}"),
            ),
            Ok(Value::Object(map)) => object_item(file, line, map, opts),
            Ok(_) => reject(
                file,
                line,
                RejectReason::InvalidJson,
                "expected a JSON object with a text field".into(),
            ),
        },
    })
}

/// A JSON array of objects, or one object.
pub fn read_json(
    file: &InputFile,
    reader: Box<dyn BufRead>,
    opts: &Options,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let value: Value = match serde_json::from_reader(reader) {
        Ok(v) => v,
        Err(e) => {
            sink(reject(
                file,
                Some(e.line() as u64),
                RejectReason::InvalidJson,
                format!("not JSON: {e}"),
            ));
            return;
        }
    };
    match value {
        Value::Object(map) => {
            sink(object_item(file, None, map, opts));
        }
        Value::Array(items) => {
            for (i, v) in items.into_iter().enumerate() {
                let n = Some(i as u64 + 1);
                let item = match v {
                    Value::Object(map) => object_item(file, n, map, opts),
                    _ => reject(
                        file,
                        n,
                        RejectReason::InvalidJson,
                        format!("element {} is not a JSON object", i + 1),
                    ),
                };
                if !sink(item) {
                    return;
                }
            }
        }
        _ => {
            sink(reject(
                file,
                None,
                RejectReason::InvalidJson,
                "expected an array of objects or one object".into(),
            ));
        }
    }
}

/// A field by name or, failing that, by a dotted path into nested objects
/// (`article.body`, `meta.dates.0`): a key that itself contains a dot is
/// found first. The path after the first key is a JSON Pointer.
fn lookup<'m>(map: &'m Map<String, Value>, name: &str) -> Option<&'m Value> {
    if let Some(v) = map.get(name) {
        return Some(v);
    }
    let (first, rest) = name.split_once('.')?;
    map.get(first)?.pointer(&pointer(rest))
}

/// [`lookup`], for taking the value out.
fn lookup_mut<'m>(map: &'m mut Map<String, Value>, name: &str) -> Option<&'m mut Value> {
    if map.contains_key(name) {
        return map.get_mut(name);
    }
    let (first, rest) = name.split_once('.')?;
    map.get_mut(first)?.pointer_mut(&pointer(rest))
}

/// `a.b.0` → the JSON Pointer `/a/b/0` (RFC 6901 escapes for `~` and `/`).
fn pointer(dotted: &str) -> String {
    dotted
        .split('.')
        .map(|p| format!("/{}", p.replace('~', "~0").replace('/', "~1")))
        .collect()
}

fn field<'m>(map: &'m Map<String, Value>, names: &[String]) -> Option<&'m Value> {
    names
        .iter()
        .find_map(|n| lookup(map, n).filter(|v| !v.is_null()))
}

fn scalar(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn object_item(
    file: &InputFile,
    line: Option<u64>,
    mut map: Map<String, Value>,
    opts: &Options,
) -> Item {
    // The other fields first: the text is then taken out of the map
    // rather than copied (it is most of the line), and may be one of them.
    let given_id = scalar(field(&map, &opts.id_fields));
    let title = scalar(field(&map, &opts.title_fields));
    let date = scalar(field(&map, &opts.date_fields));
    let url = scalar(field(&map, &opts.url_fields));
    let source = scalar(map.get("source")).or_else(|| Some(file.display.clone()));
    let kept = opts
        .keep_fields
        .iter()
        .map(|n| match lookup(&map, n) {
            Some(Value::Null) | None => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        })
        .collect();
    let text = match opts
        .text_fields
        .iter()
        .find(|n| lookup(&map, n).is_some_and(|v| !v.is_null()))
        .and_then(|n| lookup_mut(&mut map, n))
    {
        Some(Value::String(s)) => std::mem::take(s),
        Some(_) => {
            return reject_doc(
                file,
                line,
                given_id.as_ref(),
                (
                    RejectReason::MissingText,
                    format!("the field `{}` is not a string", opts.text_fields[0]),
                ),
            );
        }
        None => {
            return reject_doc(
                file,
                line,
                given_id.as_ref(),
                (
                    RejectReason::MissingText,
                    format!(
                        "no text field (looked for {}; choose one with --text-field)",
                        opts.text_fields.join(", ")
                    ),
                ),
            );
        }
    };
    let text = match check_string(text, opts.max_doc_bytes) {
        Ok(t) => t,
        Err(why) => return reject_doc(file, line, given_id.as_ref(), why),
    };
    let id = given_id.unwrap_or_else(|| match line {
        Some(n) => format!("{}:{n}", file.display),
        None => file.doc_id.clone(),
    });
    Item::Doc(Document {
        id,
        text,
        title,
        date,
        url,
        source,
        kept,
    })
}

/// The delimiter of a CSV file: `,`, `;`, tab or `|`, whichever occurs
/// most often outside quotes in the header row (`,` when none does).
/// European Excel writes `;`, "Unicode text" exports use tabs.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = candidates.iter().position(|&c| c == b) {
            counts[i] += 1;
        }
    }
    let best = (0..4).max_by_key(|&i| (counts[i], 4 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        candidates[best]
    }
}

/// One article per row; the header names the columns.
pub fn read_csv(
    file: &InputFile,
    mut reader: Box<dyn BufRead>,
    opts: &Options,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    let delimiter = match opts.csv_delimiter {
        Some(d) => d,
        None => reader.fill_buf().map(sniff_delimiter).unwrap_or(b','),
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(reader);
    let headers = match rdr.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            sink(reject(
                file,
                Some(1),
                RejectReason::InvalidCsv,
                format!("cannot read the header row: {e}"),
            ));
            return;
        }
    };
    let col = |names: &[String]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h == n.as_bytes()))
    };
    let Some(text_col) = col(&opts.text_fields) else {
        sink(reject(
            file,
            Some(1),
            RejectReason::MissingText,
            format!(
                "the header has no text column (looked for {}; choose one with --text-field)",
                opts.text_fields.join(", ")
            ),
        ));
        return;
    };
    let id_col = col(&opts.id_fields);
    let named = |name: &str| headers.iter().position(|h| h == name.as_bytes());
    let (title_col, date_col, url_col, source_col) = (
        col(&opts.title_fields),
        col(&opts.date_fields),
        col(&opts.url_fields),
        named("source"),
    );
    let keep_cols: Vec<Option<usize>> = opts.keep_fields.iter().map(|n| named(n)).collect();
    let mut record = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => return,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line());
                sink(reject(
                    file,
                    line,
                    RejectReason::InvalidCsv,
                    format!("cannot read this row: {e}"),
                ));
                return;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let get = |c: Option<usize>| {
            c.and_then(|c| record.get(c))
                .and_then(|b| std::str::from_utf8(b).ok())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let item = match record.get(text_col) {
            None | Some(b"") => reject_doc(
                file,
                Some(line),
                get(id_col).as_ref(),
                (
                    RejectReason::MissingText,
                    "the text cell is empty or missing".into(),
                ),
            ),
            Some(bytes) => match check_text(bytes.to_vec(), opts.max_doc_bytes) {
                Err(why) => reject_doc(file, Some(line), get(id_col).as_ref(), why),
                Ok(text) => Item::Doc(Document {
                    id: get(id_col).unwrap_or_else(|| format!("{}:{line}", file.display)),
                    text,
                    title: get(title_col),
                    date: get(date_col),
                    url: get(url_col),
                    source: get(source_col).or_else(|| Some(file.display.clone())),
                    kept: keep_cols
                        .iter()
                        .map(|&c| get(c).unwrap_or_default())
                        .collect(),
                }),
            },
        };
        if !sink(item) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn long_lines_are_consumed_not_kept() {
        let mut r: Box<dyn BufRead> = Box::new(Cursor::new(b"short\r\nxxxxxxxxxx\nend".to_vec()));
        let mut buf = Vec::new();
        assert_eq!(read_line_limited(&mut *r, &mut buf, 6).unwrap(), Some(5));
        assert_eq!(buf, b"short");
        assert_eq!(read_line_limited(&mut *r, &mut buf, 6).unwrap(), Some(10));
        assert!(buf.is_empty());
        assert_eq!(read_line_limited(&mut *r, &mut buf, 6).unwrap(), Some(3));
        assert_eq!(read_line_limited(&mut *r, &mut buf, 6).unwrap(), None);
    }

    #[test]
    fn delimiters_are_sniffed_from_the_header() {
        assert_eq!(sniff_delimiter(b"id;title;text\n1;a,b;c"), b';');
        assert_eq!(sniff_delimiter(b"id\ttext\r\n"), b'\t');
        assert_eq!(sniff_delimiter(b"id,text,\"a;b;c\"\n"), b',');
        assert_eq!(sniff_delimiter(b"text\n"), b',');
    }

    #[test]
    fn nested_fields_are_found_by_dotted_paths() {
        let v: Value =
            serde_json::from_str(r#"{"a.b": 1, "article": {"body": "x", "tags": ["t0", "t1"]}}"#)
                .unwrap();
        let Value::Object(mut m) = v else { panic!() };
        assert_eq!(lookup(&m, "a.b"), Some(&Value::from(1)));
        assert_eq!(lookup(&m, "article.body"), Some(&Value::from("x")));
        assert_eq!(lookup(&m, "article.tags.1"), Some(&Value::from("t1")));
        assert_eq!(lookup(&m, "article.missing"), None);
        assert_eq!(lookup(&m, "article.body.x"), None);
        *lookup_mut(&mut m, "article.body").unwrap() = Value::from("y");
        assert_eq!(lookup(&m, "article.body"), Some(&Value::from("y")));
    }
}
