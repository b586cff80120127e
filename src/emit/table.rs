//! In-memory tables: the rows a [`TableWriter`](super::TableWriter) would
//! write, kept as values instead of bytes.
//!
//! The Python bindings and the `--per-document` stream need rows as data,
//! and they must be the same rows as the CSV files: so they are rendered by
//! the same row renderers ([`entity_rows`](super::entity_rows),
//! [`event_rows`](super::event_rows)) into a table writer whose output is a
//! [`Table`]. A column that another part of evex adds to the column lists
//! appears here with no change.
//!
//! A table holds its cells row by row; text cells are ranges of one string
//! arena, so a row costs no allocation, and the cells that come from one
//! gazetteer entry (a keyed tail) are rendered once and then shared by
//! range — a reader that turns cells into objects can reuse one object per
//! range.

use super::Cell;

/// One cell of a [`Table`].
///
/// ```
/// use evex::emit::{Cell, TableWriter, Value};
/// let mut w = TableWriter::memory(&["a", "b", "c"]);
/// w.write(&[Cell::Null, Cell::Int(3), Cell::Text("x")]).unwrap();
/// let t = w.into_table().unwrap();
/// assert_eq!([t.get(0, 0), t.get(0, 1)], [Value::Null, Value::Int(3)]);
/// assert_eq!(t.text(t.get(0, 2)), Some("x"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Value {
    /// An empty cell (JSON `null`, Python `None`).
    Null,
    Int(u64),
    /// Text: a byte range of the table's arena ([`Table::text`]).
    Text {
        start: usize,
        end: usize,
    },
}

/// Byte-offset columns that get a character-offset twin (`char_start`,
/// `char_end`) from [`Table::add_char_offsets`]: languages such as Python
/// index strings by code point, not by UTF-8 byte.
///
/// ```
/// assert_eq!(evex::emit::OFFSET_COLUMNS, ["start", "end"]);
/// ```
pub const OFFSET_COLUMNS: &[&str] = &["start", "end"];

/// Rows of one output table, in memory.
///
/// ```
/// use evex::emit::{Cell, ENTITY_COLUMNS, TableWriter, Value};
/// let mut w = TableWriter::memory(&["doc_id", "start"]);
/// w.write(&[Cell::Text("d1"), Cell::Int(7)]).unwrap();
/// let table = w.into_table().unwrap();
/// assert_eq!(table.rows(), 1);
/// assert_eq!(table.text(table.get(0, 0)), Some("d1"));
/// assert_eq!(table.get(0, 1), Value::Int(7));
/// # let _ = ENTITY_COLUMNS;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    columns: &'static [&'static str],
    /// Row-major: row `r`, column `c` is at `r * width + c`.
    cells: Vec<Value>,
    arena: String,
    /// Per key, where its tail cells were first rendered (`cells` index).
    memo: Vec<Option<usize>>,
    /// Character offsets of the [`OFFSET_COLUMNS`], row-major, when added.
    chars: Vec<Value>,
    /// Column indexes of the [`OFFSET_COLUMNS`] present.
    offset_columns: Vec<usize>,
    with_chars: bool,
    /// The first column of keyed tails, if any were written.
    keyed_from: Option<usize>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(columns: &'static [&'static str]) -> Table {
        Table {
            columns,
            offset_columns: OFFSET_COLUMNS
                .iter()
                .filter_map(|o| columns.iter().position(|c| c == o))
                .collect(),
            ..Table::default()
        }
    }

    /// The column names of the rendered rows (as in the CSV header).
    pub fn columns(&self) -> &'static [&'static str] {
        self.columns
    }

    /// Column names including the character-offset twins (`char_start`,
    /// `char_end`) once [`Table::add_char_offsets`] has been used.
    pub fn all_columns(&self) -> Vec<String> {
        let mut names: Vec<String> = self.columns.iter().map(|c| c.to_string()).collect();
        if self.with_chars {
            names.extend(
                self.offset_columns
                    .iter()
                    .map(|&c| format!("char_{}", self.columns[c])),
            );
        }
        names
    }

    pub fn rows(&self) -> usize {
        self.cells.len() / self.columns.len().max(1)
    }

    /// The cell at `row`, `column` (an index into [`Table::all_columns`]).
    pub fn get(&self, row: usize, column: usize) -> Value {
        let w = self.columns.len();
        if column < w {
            self.cells[row * w + column]
        } else {
            let k = self.offset_columns.len();
            self.chars[row * k + column - w]
        }
    }

    /// May cells of this column share text with rows other than the one
    /// above? True for the columns written as keyed tails (the cells that
    /// come from a gazetteer entry), whose repeats share one range.
    pub fn shares_text(&self, column: usize) -> bool {
        self.keyed_from
            .is_some_and(|k| column >= k && column < self.columns.len())
    }

    /// The column whose byte offsets a character-offset column counts
    /// (`char_start` → `start`).
    pub fn byte_column(&self, column: usize) -> Option<usize> {
        let w = self.columns.len();
        column
            .checked_sub(w)
            .and_then(|j| self.offset_columns.get(j).copied())
    }

    /// The text of a [`Value::Text`] cell.
    pub fn text(&self, v: Value) -> Option<&str> {
        match v {
            Value::Text { start, end } => Some(&self.arena[start..end]),
            _ => None,
        }
    }

    pub(super) fn push(&mut self, cell: &Cell) {
        let v = match cell {
            Cell::Text(s) | Cell::Raw(s) => {
                // The same text as the row above (the document id, the
                // sentence of several events) shares its range.
                let width = self.columns.len();
                if let Some(&above @ Value::Text { start, end }) =
                    self.cells.len().checked_sub(width).map(|i| &self.cells[i])
                    && &self.arena[start..end] == *s
                {
                    self.cells.push(above);
                    return;
                }
                let start = self.arena.len();
                self.arena.push_str(s);
                Value::Text {
                    start,
                    end: self.arena.len(),
                }
            }
            Cell::Int(n) => Value::Int(*n),
            Cell::Null => Value::Null,
        };
        self.cells.push(v);
    }

    /// Cells that are the same on every row with `key`: rendered the first
    /// time, their values copied after (the text is not copied).
    pub(super) fn push_keyed<'c>(&mut self, key: u32, cells: impl FnOnce() -> Vec<Cell<'c>>) {
        let k = key as usize;
        if let Some(Some(at)) = self.memo.get(k).copied() {
            let n = self.columns.len() - self.cells.len() % self.columns.len();
            self.cells.extend_from_within(at..at + n);
            return;
        }
        let at = self.cells.len();
        let column = at % self.columns.len();
        self.keyed_from = Some(self.keyed_from.map_or(column, |k| k.min(column)));
        for c in &cells() {
            self.push(c);
        }
        if self.memo.len() <= k {
            self.memo.resize(k + 1, None);
        }
        self.memo[k] = Some(at);
    }

    /// Adds the character offsets of rows `from..` into `text`, the
    /// document those rows came from: `char_start` is the number of
    /// characters (Unicode scalar values) before byte `start`.
    ///
    /// ```
    /// use evex::emit::{Cell, TableWriter, Value};
    /// let mut w = TableWriter::memory(&["start", "end"]);
    /// w.write(&[Cell::Int(7), Cell::Int(12)]).unwrap(); // "Kyïv" in "Après Kyïv"
    /// let mut t = w.into_table().unwrap();
    /// t.add_char_offsets(0, "Après Kyïv");
    /// assert_eq!(t.all_columns(), ["start", "end", "char_start", "char_end"]);
    /// assert_eq!([t.get(0, 2), t.get(0, 3)], [Value::Int(6), Value::Int(10)]);
    /// ```
    pub fn add_char_offsets(&mut self, from: usize, text: &str) {
        self.with_chars = true;
        let k = self.offset_columns.len();
        let rows = self.rows();
        if text.is_ascii() {
            for r in from..rows {
                for &c in &self.offset_columns {
                    let v = self.get(r, c);
                    self.chars.push(v);
                }
            }
            return;
        }
        // Offsets sorted once, then counted in one walk over the text.
        let mut wanted: Vec<(usize, usize)> = Vec::with_capacity((rows - from) * k);
        for r in from..rows {
            for (j, &c) in self.offset_columns.iter().enumerate() {
                if let Value::Int(b) = self.get(r, c) {
                    wanted.push((b as usize, (r - from) * k + j));
                }
            }
        }
        wanted.sort_unstable();
        let base = self.chars.len();
        self.chars.resize(base + (rows - from) * k, Value::Null);
        let (mut byte, mut chars) = (0usize, 0u64);
        for (b, slot) in wanted {
            let b = b.min(text.len());
            if b > byte {
                chars += text[byte..b].chars().count() as u64;
                byte = b;
            }
            self.chars[base + slot] = Value::Int(chars);
        }
    }

    /// Appends the rows of `other` (a table with the same columns).
    pub fn append(&mut self, other: &Table) {
        debug_assert_eq!(self.columns, other.columns);
        let shift = self.arena.len();
        self.arena.push_str(&other.arena);
        self.cells.extend(other.cells.iter().map(|v| match *v {
            Value::Text { start, end } => Value::Text {
                start: start + shift,
                end: end + shift,
            },
            v => v,
        }));
        self.chars.extend_from_slice(&other.chars);
        self.with_chars |= other.with_chars;
        self.keyed_from = match (self.keyed_from, other.keyed_from) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // Keys refer to cells of `other`'s own rows; they are not carried.
        self.memo.clear();
    }

    /// One row as `(column, value)` pairs, for serialisers.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (&'static str, Value)> + '_ {
        self.columns
            .iter()
            .enumerate()
            .map(move |(c, name)| (*name, self.get(row, c)))
    }

    /// Forgets all rows (keeps the allocations).
    pub fn clear(&mut self) {
        self.cells.clear();
        self.arena.clear();
        self.memo.clear();
        self.chars.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::TableWriter;

    const COLS: &[&str] = &["doc_id", "start", "end", "canonical"];

    #[test]
    fn keyed_tails_share_their_text_and_char_offsets_count_code_points() {
        let mut w = TableWriter::memory(COLS);
        let text = "Kyïv and Kyïv, then Odesa";
        for (start, end) in [(0u64, 5u64), (10, 15), (22, 27)] {
            w.write_keyed(
                &[Cell::Text("d"), Cell::Int(start), Cell::Int(end)],
                3,
                || vec![Cell::Text("Kyiv")],
            )
            .unwrap();
        }
        let mut t = w.into_table().unwrap();
        t.add_char_offsets(0, text);
        assert_eq!(t.get(0, 3), t.get(1, 3));
        // The document id of the row above is shared, not copied.
        assert_eq!(t.get(0, 0), t.get(2, 0));
        assert_eq!(t.arena, "dKyiv");
        assert_eq!(
            (0..6).map(|c| t.shares_text(c)).collect::<Vec<_>>(),
            [false, false, false, true, false, false]
        );
        assert_eq!(t.byte_column(5), Some(2));
        assert_eq!(t.text(t.get(2, 3)), Some("Kyiv"));
        let chars: Vec<Value> = (0..3).flat_map(|r| [t.get(r, 4), t.get(r, 5)]).collect();
        assert_eq!(
            chars,
            [0, 4, 9, 13, 20, 25].map(Value::Int),
            "columns {:?}",
            t.all_columns()
        );
        assert_eq!(
            t.all_columns(),
            [
                "doc_id",
                "start",
                "end",
                "canonical",
                "char_start",
                "char_end"
            ]
        );
    }

    #[test]
    fn appended_tables_keep_their_text() {
        let mut a = Table::new(COLS);
        let mut b = Table::new(COLS);
        for (t, id) in [(&mut a, "a"), (&mut b, "b")] {
            for c in [Cell::Text(id), Cell::Int(0), Cell::Null, Cell::Raw("x")] {
                t.push(&c);
            }
        }
        a.append(&b);
        assert_eq!(a.rows(), 2);
        assert_eq!(a.text(a.get(1, 0)), Some("b"));
        assert_eq!(a.get(1, 2), Value::Null);
    }
}
