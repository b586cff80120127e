//! Emit: write entities, events and rejects as CSV or JSON Lines.
//!
//! CSV follows RFC 4180 with the `csv` crate's rules, applied through its
//! core (`csv-core`): UTF-8, a header row, a fixed column order, quoting
//! where needed. Rows are rendered straight into one buffer per row — the
//! output of a large run is millions of rows, and the general-purpose
//! `csv::Writer` costs several times more per field. Cells that a spreadsheet would
//! run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
//! return) get a leading `'`; the `text` column of entities is never
//! changed, because it must equal the slice at `start..end` (it always
//! starts with a letter or digit anyway). JSON Lines carries the same
//! records with the same keys, unmodified.

mod chars;
mod memory;
mod per_document;
mod rows;
mod tables;
pub(crate) mod xlsx;

pub(crate) use chars::CharOffsets;
pub use memory::{MemoryTable, Value};
pub use per_document::PerDocumentWriter;
pub use rows::{
    DOCUMENT_COLUMNS, ENTITY_COLUMNS, ENTITY_COUNT_COLUMNS, EVENT_COLUMNS, FLOAT_COLUMNS,
    INTEGER_COLUMNS, REJECT_COLUMNS, entity_rows, event_rows,
};
pub(crate) use rows::{
    Reported, document_row, entity_count_rows, reject_row, reported_entity_rows, with_kept,
};
pub use tables::Table;

use std::io::{self, BufWriter, Write};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// One JSON object per line, keyed by column.
    Jsonl,
    /// One workbook, `evex.xlsx`; the tables are written as
    /// JSON Lines first and converted at the end.
    Xlsx,
}

impl OutFormat {
    /// The extension of a table file in this format (`csv`; `jsonl` for JSON
    /// Lines and for the tables staged for a workbook).
    pub fn extension(&self) -> &'static str {
        match self {
            OutFormat::Csv => "csv",
            OutFormat::Jsonl | OutFormat::Xlsx => "jsonl",
        }
    }
}

/// How CSV files are laid out for the programs that open them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvStyle {
    /// Start with a UTF-8 byte-order mark, which Excel and LibreOffice
    /// need to read the file as UTF-8 on a double click.
    pub bom: bool,
    /// End lines with CRLF, as RFC 4180 says (LF by default, which every
    /// CSV reader accepts and Unix tools prefer).
    pub crlf: bool,
}

/// One cell of an output row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Text (formula-escaped in CSV when it starts like a formula).
    Text(&'a str),
    /// Text that must be written exactly (never formula-escaped).
    Raw(&'a str),

    /// A whole number.
    Int(u64),
    /// A number that may have a fraction (written without one when it has
    /// none: `225000000`, `1.5`).
    Float(f64),
    /// An empty cell (JSON `null`).
    Null,
}

/// Writes rows of one table: CSV, JSON Lines, or rows kept in memory
/// ([`TableWriter::memory`]).
///
/// ```
/// use evex::emit::{Cell, OutFormat, TableWriter};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("t.csv");
/// let file = std::fs::File::create(&path)?;
/// let mut w = TableWriter::new(Box::new(file), OutFormat::Csv, &["doc_id", "start", "text"])?;
/// w.write(&[Cell::Text("d1"), Cell::Int(0), Cell::Text("=1+1")])?;
/// w.flush()?;
/// // A cell that a spreadsheet would run as a formula gets a leading `'`.
/// assert_eq!(std::fs::read_to_string(&path)?, "doc_id,start,text\nd1,0,'=1+1\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct TableWriter {
    columns: Vec<String>,
    kind: Kind,
}

enum Kind {
    Csv(Box<CsvRows>),
    Jsonl(BufWriter<Box<dyn Write + Send>>),
    Memory(Box<MemoryTable>),
}

/// Bytes of rendered rows collected before one write to the output.
const CSV_BUFFER: usize = 1 << 16;

/// CSV rendering by the rules of `csv-core`'s default dialect (`,`, `"`
/// doubled, `\n` terminator, quotes only where needed; its `quote` does the
/// escaping).
///
/// Every cell is rendered followed by a `,`, and the row's last `,` is
/// replaced by the line end: one byte to undo per row instead of a branch
/// per cell, and runs of rendered cells ([`Fixed`], keyed cells) are
/// copied as they are.
struct CsvRows {
    out: Box<dyn Write + Send>,
    /// Rows rendered and not yet written (the output buffer itself).
    row: Vec<u8>,
    /// Rendered row tails ([`TableWriter::write_keyed`]): per key, a range
    /// of `arena` (`u32::MAX` when not rendered yet).
    memo: Vec<(u32, u32)>,
    arena: Vec<u8>,
    /// The line terminator: `\n`, or `\r\n` with [`CsvStyle::crlf`].
    eol: &'static [u8],
}

/// The bytes that make `csv-core` (default dialect) quote a field: the
/// delimiter, the quote and the line-end bytes (checked against
/// `csv_core::Writer::is_special_byte` by a test).
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b',' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t
};

/// Does this field need quotes? Eight bytes at a time: a word with no
/// byte below 0x0E (the line-end bytes and other controls) and no `,` or
/// `"` needs none; a word that may (a tab, say) is checked byte by byte.
#[inline(always)]
fn needs_quotes(value: &[u8]) -> bool {
    let mut words = value.chunks_exact(8);
    for w in &mut words {
        let mut x = [0u8; 8];
        x.copy_from_slice(w);
        if maybe_special(u64::from_le_bytes(x)) && w.iter().any(|&b| SPECIAL[b as usize]) {
            return true;
        }
    }
    words.remainder().iter().any(|&b| SPECIAL[b as usize])
}

/// May one of these eight bytes be [`SPECIAL`]? (No false negatives.)
#[inline(always)]
fn maybe_special(x: u64) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // Some byte below `n` (n <= 0x80): the classic zero-byte test.
    let below = |v: u64, n: u8| v.wrapping_sub(ONES * u64::from(n)) & !v & HIGH;
    below(x, 0x0e) | below(x ^ (ONES * u64::from(b',')), 1) | below(x ^ (ONES * u64::from(b'"')), 1)
        != 0
}

// Cells are rendered some fifty million times on 50 MB of news: `field`,
// `plain` and `cell` are inlined into the row loops, which saves a call
// (and its register saves) per cell.

/// Appends one field and its `,` to `out`: `prefix` (the formula escape)
/// then `value`, quoted when needed.
#[inline(always)]
fn put_field(out: &mut Vec<u8>, prefix: &[u8], value: &[u8]) {
    if !needs_quotes(value) {
        out.extend_from_slice(prefix);
        out.extend_from_slice(value);
        out.push(b',');
        return;
    }
    put_quoted(out, prefix, value);
}

/// The rare case of [`put_field`], kept out of the row loops.
#[inline(never)]
fn put_quoted(out: &mut Vec<u8>, prefix: &[u8], value: &[u8]) {
    out.push(b'"');
    out.extend_from_slice(prefix);
    // Room for the worst case: every byte a doubled quote.
    let at = out.len();
    out.resize(at + 2 * value.len(), 0);
    let (_, _, n) = csv_core::quote(value, &mut out[at..], b'"', b'\\', true);
    out.truncate(at + n);
    out.extend_from_slice(b"\",");
}

/// A field that never needs quotes (digits), and its `,`.
#[inline(always)]
fn put_plain(out: &mut Vec<u8>, value: &[u8]) {
    out.extend_from_slice(value);
    out.push(b',');
}

/// A whole number and its `,`: one or two digits (sentences, counts) as
/// bytes of their own, longer ones by `itoa`.
#[inline(always)]
fn put_int(out: &mut Vec<u8>, n: u64) {
    let digit = |d: u64| b'0' + d as u8;
    if n < 10 {
        out.extend_from_slice(&[digit(n), b',']);
    } else if n < 100 {
        out.extend_from_slice(&[digit(n / 10), digit(n % 10), b',']);
    } else {
        put_plain(out, itoa::Buffer::new().format(n).as_bytes());
    }
}

#[inline(always)]
fn put_cell(out: &mut Vec<u8>, cell: &Cell) {
    match cell {
        Cell::Text(s) if needs_escape(s) => put_field(out, b"'", s.as_bytes()),
        Cell::Text(s) | Cell::Raw(s) => put_field(out, b"", s.as_bytes()),
        Cell::Int(n) => put_int(out, *n),
        Cell::Float(x) => put_plain(out, format_float(*x).as_bytes()),
        Cell::Null => out.push(b','),
    }
}

impl CsvRows {
    #[inline(always)]
    fn cell(&mut self, cell: &Cell) {
        put_cell(&mut self.row, cell);
    }

    /// Cells that are the same on every row with `key`: rendered the first
    /// time, copied after.
    fn keyed<'c>(&mut self, key: u32, cells: impl FnOnce() -> Vec<Cell<'c>>) {
        let k = key as usize;
        if let Some(&(at, len)) = self.memo.get(k)
            && at != u32::MAX
        {
            let (at, len) = (at as usize, len as usize);
            self.row.extend_from_slice(&self.arena[at..at + len]);
            return;
        }
        let start = self.row.len();
        for c in &cells() {
            self.cell(c);
        }
        let (at, len) = (self.arena.len() as u32, (self.row.len() - start) as u32);
        self.arena.extend_from_slice(&self.row[start..]);
        if self.memo.len() <= k {
            self.memo.resize(k + 1, (u32::MAX, 0));
        }
        self.memo[k] = (at, len);
    }

    fn end_row(&mut self) -> io::Result<()> {
        // The last cell's `,` (every table has a column).
        debug_assert_eq!(self.row.last(), Some(&b','));
        self.row.pop();
        self.row.extend_from_slice(self.eol);
        if self.row.len() >= CSV_BUFFER {
            self.flush_rows()?;
        }
        Ok(())
    }

    fn flush_rows(&mut self) -> io::Result<()> {
        let r = self.out.write_all(&self.row);
        self.row.clear();
        r
    }
}

impl Drop for CsvRows {
    /// Like `BufWriter`: what is left is written, errors ignored (call
    /// [`TableWriter::flush`] to see them).
    fn drop(&mut self) {
        let _ = self.flush_rows();
    }
}

/// A number as a spreadsheet or pandas reads it back: no fraction when it
/// has none, else the shortest form that round-trips.
pub(crate) fn format_float(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Does a spreadsheet read this cell as a formula?
fn needs_escape(s: &str) -> bool {
    matches!(
        s.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// A number as JSON Lines writes it: without a fraction when it has none
/// (`225000000`, `1.5`).
fn float_json(x: f64) -> serde_json::Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        serde_json::Value::from(x as i64)
    } else {
        serde_json::Value::from(x)
    }
}

impl TableWriter {
    /// A writer that writes the header row now (CSV).
    pub fn new(
        out: Box<dyn Write + Send>,
        format: OutFormat,
        columns: &[&str],
    ) -> io::Result<TableWriter> {
        TableWriter::with_style(out, format, columns, CsvStyle::default())
    }

    /// [`TableWriter::new`] with a byte-order mark or CRLF line ends (CSV).
    pub fn with_style(
        out: Box<dyn Write + Send>,
        format: OutFormat,
        columns: &[&str],
        style: CsvStyle,
    ) -> io::Result<TableWriter> {
        TableWriter::build(out, format, columns, style, true)
    }

    /// A writer that continues a table whose header (and some rows) `out`
    /// already holds: a resumed run appending to its output.
    pub fn continuing(
        out: Box<dyn Write + Send>,
        format: OutFormat,
        columns: &[&str],
        style: CsvStyle,
    ) -> io::Result<TableWriter> {
        TableWriter::build(out, format, columns, style, false)
    }

    fn build(
        out: Box<dyn Write + Send>,
        format: OutFormat,
        columns: &[&str],
        style: CsvStyle,
        header: bool,
    ) -> io::Result<TableWriter> {
        let kind = match format {
            OutFormat::Csv => {
                let mut w = CsvRows {
                    out,
                    row: Vec::with_capacity(CSV_BUFFER + (1 << 12)),
                    memo: Vec::new(),
                    arena: Vec::new(),
                    eol: if style.crlf { b"\r\n" } else { b"\n" },
                };
                if header {
                    if style.bom {
                        w.row.extend_from_slice("\u{feff}".as_bytes());
                    }
                    for c in columns {
                        put_field(&mut w.row, b"", c.as_bytes());
                    }
                    w.end_row()?;
                }
                Kind::Csv(Box::new(w))
            }
            OutFormat::Jsonl | OutFormat::Xlsx => {
                Kind::Jsonl(BufWriter::with_capacity(1 << 16, out))
            }
        };
        Ok(TableWriter {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            kind,
        })
    }

    /// The column names, in order.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// A writer that keeps its rows in memory, as a [`MemoryTable`] (see
    /// [`TableWriter::into_table`]).
    ///
    /// ```
    /// use evex::emit::{Cell, TableWriter};
    /// let mut w = TableWriter::memory(&["doc_id"]);
    /// w.write(&[Cell::Text("d1")]).unwrap();
    /// assert_eq!(w.into_table().map(|t| t.rows()), Some(1));
    /// ```
    pub fn memory(columns: &'static [&'static str]) -> TableWriter {
        TableWriter {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            kind: Kind::Memory(Box::new(MemoryTable::new(columns))),
        }
    }

    /// The rows of a [`TableWriter::memory`] writer (`None` for the others).
    pub fn into_table(self) -> Option<MemoryTable> {
        match self.kind {
            Kind::Memory(t) => Some(*t),
            _ => None,
        }
    }

    /// The rows so far of a [`TableWriter::memory`] writer.
    pub fn table(&self) -> Option<&MemoryTable> {
        match &self.kind {
            Kind::Memory(t) => Some(t),
            _ => None,
        }
    }

    /// The table of a [`TableWriter::memory`] writer, to read or clear it
    /// between documents.
    pub fn table_mut(&mut self) -> Option<&mut MemoryTable> {
        match &mut self.kind {
            Kind::Memory(t) => Some(t),
            _ => None,
        }
    }

    /// Writes one row, one cell per column.
    pub fn write(&mut self, row: &[Cell]) -> io::Result<()> {
        debug_assert_eq!(row.len(), self.columns.len());
        match &mut self.kind {
            Kind::Memory(t) => {
                for cell in row {
                    t.push(cell);
                }
                Ok(())
            }
            Kind::Csv(w) => {
                for cell in row {
                    w.cell(cell);
                }
                w.end_row()
            }
            Kind::Jsonl(w) => {
                let mut map = serde_json::Map::with_capacity(row.len());
                for (name, cell) in self.columns.iter().zip(row) {
                    let v = match cell {
                        Cell::Text(s) | Cell::Raw(s) => serde_json::Value::String(s.to_string()),
                        Cell::Int(n) => serde_json::Value::from(*n),
                        Cell::Float(x) => float_json(*x),
                        Cell::Null => serde_json::Value::Null,
                    };
                    map.insert(name.clone(), v);
                }
                serde_json::to_writer(&mut *w, &map).map_err(io::Error::other)?;
                w.write_all(b"\n")
            }
        }
    }

    /// Writes a row whose `tail` cells are always the same for `key` (the
    /// cells that come from one gazetteer entry, say): CSV renders them once
    /// per key and copies them after. Keys should be small and dense.
    /// `tail` is called only when the cells are needed.
    pub fn write_keyed<'c>(
        &mut self,
        head: &[Cell<'c>],
        key: u32,
        tail: impl FnOnce() -> Vec<Cell<'c>>,
    ) -> io::Result<()> {
        self.write_keyed_between(head, key, tail, &[])
    }

    /// [`TableWriter::write_keyed`] with cells after the keyed ones.
    pub fn write_keyed_between<'c>(
        &mut self,
        head: &[Cell<'c>],
        key: u32,
        keyed: impl FnOnce() -> Vec<Cell<'c>>,
        after: &[Cell<'c>],
    ) -> io::Result<()> {
        match &mut self.kind {
            Kind::Csv(w) => {
                for cell in head {
                    w.cell(cell);
                }
                w.keyed(key, keyed);
                for cell in after {
                    w.cell(cell);
                }
                w.end_row()
            }
            Kind::Memory(t) => {
                for cell in head {
                    t.push(cell);
                }
                t.push_keyed(key, keyed);
                for cell in after {
                    t.push(cell);
                }
                Ok(())
            }
            Kind::Jsonl(_) => {
                let mut row = head.to_vec();
                row.extend(keyed());
                row.extend_from_slice(after);
                self.write(&row)
            }
        }
    }

    /// Cells that will be the same on many rows (a document's id, its
    /// date): for CSV they are rendered now, once, and each
    /// [`Row::fixed`] copies the bytes.
    pub fn fixed<'c>(&self, cells: Vec<Cell<'c>>) -> Fixed<'c> {
        let mut csv = Vec::new();
        if let Kind::Csv(_) = self.kind {
            for c in &cells {
                put_cell(&mut csv, c);
            }
        }
        Fixed { cells, csv }
    }

    /// Starts a row, to be filled cell by cell in column order and ended
    /// with [`Row::end`]. For CSV the cells go straight into the output
    /// buffer: no array of cells is built per row.
    ///
    /// ```
    /// use evex::emit::{Cell, TableWriter};
    /// let mut w = TableWriter::memory(&["doc_id", "start", "text"]);
    /// let doc = w.fixed(vec![Cell::Text("d1")]);
    /// let mut row = w.row();
    /// row.fixed(&doc);
    /// row.int(7);
    /// row.text("Kyiv");
    /// row.end()?;
    /// let t = w.into_table().unwrap();
    /// assert_eq!(t.text(t.get(0, 2)), Some("Kyiv"));
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn row<'w, 'c>(&'w mut self) -> Row<'w, 'c> {
        Row {
            w: self,
            cells: Vec::new(),
        }
    }

    /// Is this a CSV writer?
    pub(crate) fn is_csv(&self) -> bool {
        matches!(self.kind, Kind::Csv(_))
    }

    /// Appends the row as CSV (with its line end) to `out`, for a caller
    /// that keeps rows a while before it writes them in order
    /// ([`TableWriter::write_rendered`]); `false`, with nothing appended,
    /// when this writer is not CSV.
    pub(crate) fn render(&self, row: &[Cell], out: &mut Vec<u8>) -> bool {
        let Kind::Csv(w) = &self.kind else {
            return false;
        };
        debug_assert_eq!(row.len(), self.columns.len());
        for c in row {
            put_cell(out, c);
        }
        out.pop();
        out.extend_from_slice(w.eol);
        true
    }

    /// Writes a row made by [`TableWriter::render`].
    pub(crate) fn write_rendered(&mut self, row: &[u8]) -> io::Result<()> {
        match &mut self.kind {
            Kind::Csv(w) => {
                w.row.extend_from_slice(row);
                if w.row.len() >= CSV_BUFFER {
                    w.flush_rows()?;
                }
                Ok(())
            }
            _ => Err(io::Error::other("a row rendered as CSV for another format")),
        }
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        match &mut self.kind {
            Kind::Csv(w) => {
                w.flush_rows()?;
                w.out.flush()
            }
            Kind::Jsonl(w) => w.flush(),
            Kind::Memory(_) => Ok(()),
        }
    }
}

/// Cells rendered once for many rows ([`TableWriter::fixed`]).
pub struct Fixed<'c> {
    cells: Vec<Cell<'c>>,
    /// The cells as CSV, each followed by its `,` (empty for the other
    /// formats).
    csv: Vec<u8>,
}

/// A row being written ([`TableWriter::row`]).
pub struct Row<'w, 'c> {
    w: &'w mut TableWriter,
    /// The cells of a JSON Lines row, written by [`Row::end`].
    cells: Vec<Cell<'c>>,
}

impl<'c> Row<'_, 'c> {
    /// The next cell.
    #[inline(always)]
    pub fn cell(&mut self, cell: Cell<'c>) {
        match &mut self.w.kind {
            Kind::Csv(w) => w.cell(&cell),
            Kind::Memory(t) => t.push(&cell),
            Kind::Jsonl(_) => self.cells.push(cell),
        }
    }

    /// A text cell (formula-escaped in CSV).
    #[inline(always)]
    pub fn text(&mut self, s: &'c str) {
        self.cell(Cell::Text(s));
    }

    /// A text cell written exactly.
    #[inline(always)]
    pub fn raw(&mut self, s: &'c str) {
        self.cell(Cell::Raw(s));
    }

    /// A whole number.
    #[inline(always)]
    pub fn int(&mut self, n: u64) {
        self.cell(Cell::Int(n));
    }

    /// Cells rendered before ([`TableWriter::fixed`], by this writer).
    #[inline(always)]
    pub fn fixed(&mut self, f: &Fixed<'c>) {
        match &mut self.w.kind {
            Kind::Csv(w) => w.row.extend_from_slice(&f.csv),
            Kind::Memory(t) => f.cells.iter().for_each(|c| t.push(c)),
            Kind::Jsonl(_) => self.cells.extend_from_slice(&f.cells),
        }
    }

    /// Cells that are always the same for `key`, as in
    /// [`TableWriter::write_keyed`]: `cells` is called only when they are
    /// not rendered yet.
    #[inline(always)]
    pub fn keyed(&mut self, key: u32, cells: impl FnOnce() -> Vec<Cell<'c>>) {
        match &mut self.w.kind {
            Kind::Csv(w) => w.keyed(key, cells),
            Kind::Memory(t) => t.push_keyed(key, cells),
            Kind::Jsonl(_) => self.cells.extend(cells()),
        }
    }

    /// Ends the row (for JSON Lines, writes it).
    #[inline(always)]
    pub fn end(mut self) -> io::Result<()> {
        match &mut self.w.kind {
            Kind::Csv(w) => w.end_row(),
            Kind::Memory(_) => Ok(()),
            Kind::Jsonl(_) => {
                let cells = std::mem::take(&mut self.cells);
                debug_assert_eq!(cells.len(), self.w.columns.len());
                self.w.write(&cells)
            }
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
    fn the_special_bytes_are_csv_cores() {
        let core = csv_core::Writer::new();
        for b in 0..=255u8 {
            assert_eq!(SPECIAL[b as usize], core.is_special_byte(b), "byte {b}");
            // At every place of a word, long or short, among other bytes.
            for at in 0..17 {
                let mut v = vec![b'a'; 17];
                v[at] = b;
                assert_eq!(needs_quotes(&v), core.should_quote(&v), "byte {b} at {at}");
                assert_eq!(needs_quotes(&v[at..]), core.should_quote(&v[at..]));
            }
        }
    }

    #[test]
    fn numbers_are_written_as_itoa_writes_them() {
        for n in [0, 7, 9, 10, 42, 99, 100, 12345, u64::MAX] {
            let mut out = Vec::new();
            put_int(&mut out, n);
            assert_eq!(out, format!("{n},").into_bytes());
        }
    }

    #[test]
    fn rows_built_cell_by_cell_are_the_rows_written_at_once() {
        let cells = [
            Cell::Text("d,1"),
            Cell::Int(7),
            Cell::Text("+x"),
            Cell::Raw("-y"),
            Cell::Null,
            Cell::Float(1.5),
        ];
        let cols = &["a", "b", "c", "d", "e", "f"];
        for format in [OutFormat::Csv, OutFormat::Jsonl] {
            let (a, b) = (Shared::default(), Shared::default());
            let mut wa = TableWriter::new(Box::new(a.clone()), format, cols).unwrap();
            let mut wb = TableWriter::new(Box::new(b.clone()), format, cols).unwrap();
            for _ in 0..2 {
                wa.write(&cells).unwrap();
                let fixed = wb.fixed(cells[..2].to_vec());
                let mut row = wb.row();
                row.fixed(&fixed);
                row.keyed(3, || cells[2..4].to_vec());
                row.cell(Cell::Null);
                row.cell(Cell::Float(1.5));
                row.end().unwrap();
            }
            wa.flush().unwrap();
            wb.flush().unwrap();
            assert_eq!(*a.0.lock().unwrap(), *b.0.lock().unwrap());
        }
    }

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
    fn keyed_tails_are_rendered_once_and_reused_exactly() {
        let buf = Shared::default();
        let mut w = TableWriter::new(Box::new(buf.clone()), OutFormat::Csv, COLS).unwrap();
        let mut calls = 0;
        for (head, key) in [("a", 7), ("b", 7), ("c", 8)] {
            w.write_keyed(&[Cell::Text(head), Cell::Int(1)], key, || {
                calls += 1;
                vec![
                    Cell::Text("=x"),
                    Cell::Text(if key == 7 { "p, q" } else { "r" }),
                ]
            })
            .unwrap();
        }
        w.flush().unwrap();
        drop(w);
        assert_eq!(calls, 2);
        let out = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        assert_eq!(
            out,
            "a,b,c,d\na,1,'=x,\"p, q\"\nb,1,'=x,\"p, q\"\nc,1,'=x,r\n"
        );
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

    #[test]
    fn csv_style_adds_a_bom_and_crlf() {
        let buf = Shared::default();
        let style = CsvStyle {
            bom: true,
            crlf: true,
        };
        let mut w =
            TableWriter::with_style(Box::new(buf.clone()), OutFormat::Csv, COLS, style).unwrap();
        w.write(&[
            Cell::Text("Biden’s"),
            Cell::Float(225e6),
            Cell::Float(1.5),
            Cell::Text("a\nb"),
        ])
        .unwrap();
        w.flush().unwrap();
        drop(w);
        let out = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        assert_eq!(out, "\u{feff}a,b,c,d\r\nBiden’s,225000000,1.5,\"a\nb\"\r\n");
    }
}
