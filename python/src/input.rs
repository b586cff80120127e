//! Documents from an Arrow string array handed over as its buffers.
//!
//! Spark's `mapInArrow` gives the Python worker its articles as Arrow
//! batches; turning a text column into a list of Python strings (and
//! those back into Rust strings) cost as much as a tenth of the
//! extraction. The Python side passes the column's buffers instead (as
//! `bytes`, one copy), and the documents are cut from them here, with the
//! GIL released. A column of whole JSON Lines records (`spark.read.text`)
//! is read by [`evex::ingest::json_line`], the CLI's own reader of a
//! `.jsonl` line, so the JVM parses no JSON and the documents are those
//! `evex extract` would read.

use evex::Document;
use evex::ingest::{Format, InputFile, Item, Options, Reject, json_line};

/// The buffers of an Arrow `string` (32-bit offsets) or `large_string`
/// (64-bit offsets) array, possibly a slice of a longer one.
pub struct StringArray<'a> {
    /// Number of values.
    pub rows: usize,
    /// The slice's first value in the buffers (the array's `offset`).
    pub offset: usize,
    /// One bit per value, least significant first; `None` when no value
    /// is null.
    pub validity: Option<&'a [u8]>,
    /// `rows + 1` offsets into `data` (from `offset` on).
    pub offsets: &'a [u8],
    /// 4 or 8: the width of an offset.
    pub offset_width: usize,
    pub data: &'a [u8],
}

impl<'a> StringArray<'a> {
    /// The bytes of value `i`, `None` when it is null; an error when the
    /// buffers do not hold it (a malformed array).
    pub fn get(&self, i: usize) -> Result<Option<&'a [u8]>, String> {
        let at = self.offset + i;
        if let Some(bits) = self.validity {
            let byte = bits.get(at / 8).ok_or_else(malformed)?;
            if byte & (1 << (at % 8)) == 0 {
                return Ok(None);
            }
        }
        let (start, end) = (self.offset_at(at)?, self.offset_at(at + 1)?);
        self.data.get(start..end).map(Some).ok_or_else(malformed)
    }

    fn offset_at(&self, i: usize) -> Result<usize, String> {
        let w = self.offset_width;
        let bytes = self.offsets.get(i * w..(i + 1) * w).ok_or_else(malformed)?;
        let n = match *bytes {
            [a, b, c, d] => i64::from(i32::from_le_bytes([a, b, c, d])),
            [a, b, c, d, e, f, g, h] => i64::from_le_bytes([a, b, c, d, e, f, g, h]),
            _ => return Err(malformed()),
        };
        usize::try_from(n).map_err(|_| malformed())
    }
}

fn malformed() -> String {
    "the Arrow string array's buffers are shorter than its length says".into()
}

/// Documents from a text column: value `i` has id `ids[i]` and date
/// `dates[i]`. Null texts are skipped (an empty text gives no rows
/// either).
pub fn text_documents(
    texts: &StringArray,
    ids: Vec<String>,
    dates: Option<Vec<Option<String>>>,
) -> Result<Vec<Document>, String> {
    if ids.len() != texts.rows {
        return Err(format!(
            "{} ids for {} texts: give one id per text",
            ids.len(),
            texts.rows
        ));
    }
    let mut dates = dates.unwrap_or_default().into_iter();
    let mut docs = Vec::with_capacity(texts.rows);
    for (i, id) in ids.into_iter().enumerate() {
        let date = dates.next().flatten();
        let Some(bytes) = texts.get(i)? else { continue };
        let text = std::str::from_utf8(bytes)
            .map_err(|e| format!("text {i} is not UTF-8 (at byte {})", e.valid_up_to()))?;
        docs.push(Document {
            date,
            ..Document::new(id, text)
        });
    }
    Ok(docs)
}

/// Documents from a column of JSON Lines records, read as `evex extract`
/// reads a `.jsonl` file with `opts` (its `--id-field`, `--text-field`,
/// `--date-field`), and the records that are not documents. Null and
/// blank values are skipped; a UTF-8 byte-order mark that begins a value
/// (the first line of a file written with one) is dropped, as the CLI
/// drops it. Records with no id get an empty one: unlike the CLI, which
/// names them `file:line`, the reader does not know where they come from.
pub fn json_documents(
    lines: &StringArray,
    opts: &Options,
) -> Result<(Vec<Document>, Vec<Reject>), String> {
    let file = InputFile {
        path: None,
        display: String::new(),
        doc_id: String::new(),
        format: Some(Format::Jsonl),
        gzip: false,
        size: 0,
        reject: None,
    };
    let mut docs = Vec::with_capacity(lines.rows);
    let mut rejects = Vec::new();
    for i in 0..lines.rows {
        let Some(line) = lines.get(i)? else { continue };
        let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        match json_line(&file, None, line, opts) {
            Some(Item::Doc(doc)) => docs.push(doc),
            Some(Item::Reject(r)) => rejects.push(r),
            Some(Item::Page(_)) | None => {}
        }
    }
    Ok((docs, rejects))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offsets32(o: &[i32]) -> Vec<u8> {
        o.iter().flat_map(|n| n.to_le_bytes()).collect()
    }

    #[test]
    fn a_sliced_array_with_nulls_gives_its_own_values() {
        // Values "ab", null, "cde", "" of which the slice holds the last three.
        let offsets = offsets32(&[0, 2, 2, 5, 5]);
        let validity = [0b1101u8];
        let a = StringArray {
            rows: 3,
            offset: 1,
            validity: Some(&validity),
            offsets: &offsets,
            offset_width: 4,
            data: b"abcde",
        };
        let got: Vec<_> = (0..3).map(|i| a.get(i).unwrap()).collect();
        assert_eq!(got, [None, Some(&b"cde"[..]), Some(&b""[..])]);
        // One value more than the offsets hold.
        let short = StringArray {
            rows: 4,
            offset: 1,
            validity: None,
            ..a
        };
        assert_eq!(short.get(3), Err(malformed()));
    }

    #[test]
    fn json_lines_read_as_the_cli_reads_them() {
        let data = "\u{feff}{\"id\": \"a\", \"text\": \"Russia.\"}{\"id\": 2}not json  ";
        let ends = [
            0,
            "\u{feff}{\"id\": \"a\", \"text\": \"Russia.\"}".len(),
            data.len() - "not json  ".len(),
            data.len() - 2,
            data.len(),
        ];
        let offsets: Vec<u8> = ends
            .iter()
            .flat_map(|n| (*n as i64).to_le_bytes())
            .collect();
        let lines = StringArray {
            rows: 4,
            offset: 0,
            validity: None,
            offsets: &offsets,
            offset_width: 8,
            data: data.as_bytes(),
        };
        let (docs, rejects) = json_documents(&lines, &Options::default()).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(
            (docs[0].id.as_str(), docs[0].text.as_str()),
            ("a", "Russia.")
        );
        let why: Vec<_> = rejects
            .iter()
            .map(|r| (r.reason.as_str(), r.doc_id.as_deref()))
            .collect();
        assert_eq!(why, [("missing_text", Some("2")), ("invalid_json", None)]);
    }
}
