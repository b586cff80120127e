//! The `group_id` column: the events table, written during the run with
//! the column empty, is copied once with the ids filled in.

use super::GroupIds;
use crate::emit::CsvStyle;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

/// The fast path for the usual layout, where `group_id` is the last
/// column (empty while the run writes the table): each row is copied as
/// it is, with the id put before its line end. Rows are found by their
/// line ends outside quotes, as evex's own CSV writer quotes them: the
/// input is read in blocks and searched for quotes and line ends only
/// (`memchr2`), and a row is copied straight from the block it lies in,
/// so the copy costs little more than the bytes it moves.
/// `Ok(false)` (having written nothing) when the header does not end with
/// `group_id`.
fn fill_last_column(
    mut input: impl BufRead,
    out: &mut impl Write,
    style: CsvStyle,
    ids: &mut impl Iterator<Item = io::Result<u64>>,
) -> io::Result<bool> {
    let eol: &[u8] = if style.crlf { b"\r\n" } else { b"\n" };
    let mut bom = [0u8; 3];
    if style.bom {
        input.read_exact(&mut bom)?;
    }
    let mut row = Rows {
        eol,
        header: Some(if style.bom { &bom[..] } else { &[] }),
        id: itoa_buffer(),
    };
    // The start of a row that began in an earlier block.
    let mut carried: Vec<u8> = Vec::new();
    let mut quoted = false;
    loop {
        let block = input.fill_buf()?;
        if block.is_empty() {
            break;
        }
        let mut from = 0;
        for at in memchr::memchr2_iter(b'"', b'\n', block) {
            if block[at] == b'"' {
                quoted = !quoted;
                continue;
            }
            if quoted {
                continue;
            }
            let filled = if carried.is_empty() {
                row.fill(&block[from..=at], out, ids)?
            } else {
                carried.extend_from_slice(&block[from..=at]);
                let filled = row.fill(&carried, out, ids)?;
                carried.clear();
                filled
            };
            if !filled {
                return Ok(false);
            }
            from = at + 1;
        }
        carried.extend_from_slice(&block[from..]);
        let n = block.len();
        input.consume(n);
    }
    if !carried.is_empty() {
        return Err(io::Error::other(
            "a row of the events table has no line end",
        ));
    }
    Ok(true)
}

/// The rows of [`fill_last_column`], one at a time.
struct Rows<'a> {
    eol: &'a [u8],
    /// Before the header row: the byte-order mark to write before it.
    header: Option<&'a [u8]>,
    id: [u8; 20],
}

impl Rows<'_> {
    /// Copies one row (with its line end) and its group id. `Ok(false)`
    /// when it is a header that does not end with `group_id`.
    fn fill(
        &mut self,
        rec: &[u8],
        out: &mut impl Write,
        ids: &mut impl Iterator<Item = io::Result<u64>>,
    ) -> io::Result<bool> {
        let Some(body) = rec.strip_suffix(self.eol) else {
            return Err(io::Error::other(
                "a row of the events table has no line end",
            ));
        };
        if let Some(bom) = self.header.take() {
            if !body.ends_with(b",group_id") {
                return Ok(false);
            }
            out.write_all(bom)?;
            out.write_all(rec)?;
            return Ok(true);
        }
        if !body.ends_with(b",") {
            return Err(io::Error::other(
                "a row of the events table already has a group id",
            ));
        }
        let n = ids
            .next()
            .ok_or_else(|| io::Error::other("fewer group ids than events"))??;
        out.write_all(body)?;
        out.write_all(format_id(&mut self.id, n))?;
        out.write_all(self.eol)?;
        Ok(true)
    }
}

fn itoa_buffer() -> [u8; 20] {
    [0; 20]
}

/// `n` in decimal, written into `buf`.
fn format_id(buf: &mut [u8; 20], mut n: u64) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[at..]
}

/// Copies the events table at `from` to `to`, filling its `group_id`
/// column from `ids` (one per row, in order). CSV is parsed and written
/// with the same quoting rules and line ends; JSON Lines keeps its keys in
/// order.
pub fn fill_group_ids(
    from: &Path,
    to: &Path,
    csv: Option<CsvStyle>,
    mut ids: GroupIds,
) -> io::Result<()> {
    let at = |e: io::Error, p: &Path| io::Error::new(e.kind(), format!("{}: {e}", p.display()));
    let open = || File::open(from).map_err(|e| at(e, from));
    let create = || {
        File::create(to)
            .map(|f| BufWriter::with_capacity(1 << 16, f))
            .map_err(|e| at(e, to))
    };
    let mut out = create()?;
    let input = open()?;
    match csv {
        Some(style)
            if fill_last_column(
                BufReader::with_capacity(1 << 16, open()?),
                &mut out,
                style,
                &mut ids,
            )? => {}
        Some(style) => {
            out = create()?;
            let mut input = BufReader::with_capacity(1 << 16, input);
            if style.bom {
                let mut bom = [0u8; 3];
                input.read_exact(&mut bom)?;
                out.write_all(&bom)?;
            }
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(input);
            let mut w = csv::WriterBuilder::new()
                .terminator(if style.crlf {
                    csv::Terminator::CRLF
                } else {
                    csv::Terminator::Any(b'\n')
                })
                .from_writer(&mut out);
            let mut rec = csv::ByteRecord::new();
            let mut column = None;
            while r.read_byte_record(&mut rec).map_err(io::Error::other)? {
                let Some(c) = column else {
                    column = Some(rec.iter().position(|h| h == b"group_id").ok_or_else(|| {
                        io::Error::other("the events table has no group_id column")
                    })?);
                    w.write_byte_record(&rec)?;
                    continue;
                };
                let id = ids
                    .next()
                    .ok_or_else(|| io::Error::other("fewer group ids than events"))??;
                let id = id.to_string();
                let filled: csv::ByteRecord = rec
                    .iter()
                    .enumerate()
                    .map(|(i, f)| if i == c { id.as_bytes() } else { f })
                    .collect();
                w.write_byte_record(&filled)?;
            }
            w.flush()?;
        }
        None => {
            let input = BufReader::with_capacity(1 << 16, input);
            for line in input.lines() {
                let line = line?;
                let mut row: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(&line).map_err(io::Error::other)?;
                let id = ids
                    .next()
                    .ok_or_else(|| io::Error::other("fewer group ids than events"))??;
                if let Some(v) = row.get_mut("group_id") {
                    *v = serde_json::Value::from(id);
                }
                serde_json::to_writer(&mut out, &row).map_err(io::Error::other)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(table: &str, style: CsvStyle, ids: &[u64]) -> (bool, String) {
        let mut out = Vec::new();
        let mut ids = ids.iter().map(|&n| Ok(n));
        let done = fill_last_column(table.as_bytes(), &mut out, style, &mut ids).unwrap();
        (done, String::from_utf8(out).unwrap())
    }

    #[test]
    fn ids_go_at_the_end_of_rows_with_quoted_line_ends() {
        let style = CsvStyle {
            bom: false,
            crlf: true,
        };
        let table = "doc_id,evidence,group_id\r\n\
                     d1,\"Kyiv said \"\"no\"\",\r\nthen left.\",\r\n\
                     d2,plain,\r\n";
        assert_eq!(
            fill(table, style, &[1, 20]),
            (
                true,
                "doc_id,evidence,group_id\r\n\
                 d1,\"Kyiv said \"\"no\"\",\r\nthen left.\",1\r\n\
                 d2,plain,20\r\n"
                    .to_string()
            )
        );
    }

    #[test]
    fn rows_across_small_blocks_come_out_whole() {
        let style = CsvStyle {
            bom: true,
            crlf: false,
        };
        let table = "\u{feff}doc_id,evidence,group_id\n\
                     d1,\"a \"\"b\"\",\nc\",\n\
                     d2,plain,\n";
        for cap in [1, 2, 3, 7, 64] {
            let mut out = Vec::new();
            let mut ids = [4u64, 56].into_iter().map(Ok);
            let input = std::io::BufReader::with_capacity(cap, table.as_bytes());
            assert!(fill_last_column(input, &mut out, style, &mut ids).unwrap());
            assert_eq!(
                String::from_utf8(out).unwrap(),
                "\u{feff}doc_id,evidence,group_id\n\
                 d1,\"a \"\"b\"\",\nc\",4\n\
                 d2,plain,56\n"
            );
        }
        let mut ids = [1u64].into_iter().map(Ok);
        let cut = fill_last_column(
            "a,group_id\nx,".as_bytes(),
            &mut Vec::new(),
            CsvStyle::default(),
            &mut ids,
        );
        assert!(cut.is_err());
    }

    #[test]
    fn another_layout_is_left_to_the_csv_parser() {
        let style = CsvStyle {
            bom: false,
            crlf: false,
        };
        let (done, out) = fill("group_id,doc_id\n,d1\n", style, &[1]);
        assert!(!done);
        assert!(out.is_empty());
    }
}
