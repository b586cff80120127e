//! The `group_id` column: the events table, written during the run with
//! the column empty, is copied once with the ids filled in.

use super::GroupIds;
use crate::emit::CsvStyle;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

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
    let input = File::open(from).map_err(|e| at(e, from))?;
    let output = File::create(to).map_err(|e| at(e, to))?;
    let mut out = BufWriter::with_capacity(1 << 16, output);
    match csv {
        Some(style) => {
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
