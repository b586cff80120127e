//! Emit: write entities, events and rejects as CSV or JSON Lines.
//!
//! CSV follows RFC 4180 through the `csv` crate: UTF-8, a header row, a
//! fixed column order, quoting where needed. Cells that a spreadsheet would
//! run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
//! return) get a leading `'`; the `text` column of entities is never
//! changed, because it must equal the slice at `start..end` (it always
//! starts with a letter or digit anyway). JSON Lines carries the same
//! records with the same keys, unmodified.

mod rows;

pub use rows::{
    ENTITY_COLUMNS, EVENT_COLUMNS, REJECT_COLUMNS, entity_rows, event_rows, reject_row,
};

use std::io::{self, BufWriter, Write};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    Csv,
    Jsonl,
}

impl OutFormat {
    pub fn extension(&self) -> &'static str {
        match self {
            OutFormat::Csv => "csv",
            OutFormat::Jsonl => "jsonl",
        }
    }
}

/// One cell of an output row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'a> {
    Text(&'a str),
    /// Text that must be written exactly (never formula-escaped).
    Raw(&'a str),
    Int(u64),
    /// An empty cell (JSON `null`).
    Null,
}

/// Writes rows of one table.
pub struct TableWriter {
    columns: &'static [&'static str],
    kind: Kind,
}

enum Kind {
    Csv(Box<csv::Writer<Box<dyn Write + Send>>>),
    Jsonl(BufWriter<Box<dyn Write + Send>>),
}

/// Does a spreadsheet read this cell as a formula?
fn needs_escape(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

impl TableWriter {
    /// A writer that writes the header row now (CSV).
    pub fn new(
        out: Box<dyn Write + Send>,
        format: OutFormat,
        columns: &'static [&'static str],
    ) -> io::Result<TableWriter> {
        let kind = match format {
            OutFormat::Csv => {
                let mut w = csv::WriterBuilder::new().from_writer(out);
                w.write_record(columns).map_err(io::Error::other)?;
                Kind::Csv(Box::new(w))
            }
            OutFormat::Jsonl => Kind::Jsonl(BufWriter::with_capacity(1 << 16, out)),
        };
        Ok(TableWriter { columns, kind })
    }

    pub fn write(&mut self, row: &[Cell]) -> io::Result<()> {
        debug_assert_eq!(row.len(), self.columns.len());
        match &mut self.kind {
            Kind::Csv(w) => {
                let mut escaped = String::new();
                for cell in row {
                    match cell {
                        Cell::Text(s) if needs_escape(s) => {
                            escaped.clear();
                            escaped.push('\'');
                            escaped.push_str(s);
                            w.write_field(&escaped)
                        }
                        Cell::Text(s) | Cell::Raw(s) => w.write_field(s),
                        Cell::Int(n) => w.write_field(itoa::Buffer::new().format(*n)),
                        Cell::Null => w.write_field(""),
                    }
                    .map_err(io::Error::other)?;
                }
                w.write_record(None::<&[u8]>).map_err(io::Error::other)
            }
            Kind::Jsonl(w) => {
                let mut map = serde_json::Map::with_capacity(row.len());
                for (name, cell) in self.columns.iter().zip(row) {
                    let v = match cell {
                        Cell::Text(s) | Cell::Raw(s) => serde_json::Value::String(s.to_string()),
                        Cell::Int(n) => serde_json::Value::from(*n),
                        Cell::Null => serde_json::Value::Null,
                    };
                    map.insert(name.to_string(), v);
                }
                serde_json::to_writer(&mut *w, &map).map_err(io::Error::other)?;
                w.write_all(b"\n")
            }
        }
    }

    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.kind {
            Kind::Csv(w) => w.flush(),
            Kind::Jsonl(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| io::Error::other("poisoned"))?
                .extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    const COLS: &[&str] = &["a", "b", "c", "d"];

    #[test]
    fn csv_quotes_and_escapes_formulas() {
        let buf = Shared::default();
        let mut w = TableWriter::new(Box::new(buf.clone()), OutFormat::Csv, COLS).unwrap();
        w.write(&[
            Cell::Text("=SUM(A1)"),
            Cell::Raw("-5"),
            Cell::Int(7),
            Cell::Text("say \"hi\", ok"),
        ])
        .unwrap();
        w.flush().unwrap();
        drop(w);
        let out = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        assert_eq!(out, "a,b,c,d\n'=SUM(A1),-5,7,\"say \"\"hi\"\", ok\"\n");
    }

    #[test]
    fn jsonl_has_the_same_keys() {
        let buf = Shared::default();
        let mut w = TableWriter::new(Box::new(buf.clone()), OutFormat::Jsonl, COLS).unwrap();
        w.write(&[Cell::Text("=x"), Cell::Null, Cell::Int(1), Cell::Raw("y")])
            .unwrap();
        w.flush().unwrap();
        drop(w);
        let out = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        assert_eq!(out, "{\"a\":\"=x\",\"b\":null,\"c\":1,\"d\":\"y\"}\n");
    }
}
