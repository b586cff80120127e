//! In-memory tables: the rows a [`TableWriter`](super::TableWriter) would
//! write, kept as values instead of bytes.
//!
//! The Python bindings and the `--per-document` stream need rows as data,
//! and they must be the same rows as the CSV files: so they are rendered by
//! the same row renderers ([`entity_rows`](super::entity_rows),
//! [`event_rows`](super::event_rows)) into a table writer whose output is a
//! [`MemoryTable`]. A column that another part of evex adds to the column
//! lists appears here with no change (character offsets, dates, quantities
//! and the list columns included).
//!
//! A table holds its cells row by row; text cells are ranges of one string
//! arena, so a row costs no allocation, and the cells that come from one
//! gazetteer entry (a keyed run of cells) are rendered once and then shared
//! by range — a reader that turns cells into objects can reuse one object
//! per range.

use super::Cell;

/// One cell of a [`MemoryTable`].
///
/// ```
/// use evex::emit::{Cell, TableWriter, Value};
/// let mut w = TableWriter::memory(&["a", "b", "c", "d"]);
/// w.write(&[Cell::Null, Cell::Int(3), Cell::Text("x"), Cell::Float(1.5)]).unwrap();
/// let t = w.into_table().unwrap();
/// assert_eq!([t.get(0, 0), t.get(0, 1), t.get(0, 3)], [Value::Null, Value::Int(3), Value::Float(1.5)]);
/// assert_eq!(t.text(t.get(0, 2)), Some("x"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// An empty cell (JSON `null`, Python `None`).
    Null,
    /// A whole number (offsets, counts).
    Int(u64),
    /// A number that may have a fraction (`quantity_value`).
    Float(f64),
    /// Text: a byte range of the table's arena ([`MemoryTable::text`]).
    Text {
        /// Start of the text in the arena.
        start: usize,
        /// End of the text in the arena (exclusive).
        end: usize,
    },
}

/// Rows of one output table, in memory.
///
/// ```
/// use evex::emit::{Cell, TableWriter, Value};
/// let mut w = TableWriter::memory(&["doc_id", "start"]);
/// w.write(&[Cell::Text("d1"), Cell::Int(7)]).unwrap();
/// let table = w.into_table().unwrap();
/// assert_eq!(table.rows(), 1);
/// assert_eq!(table.text(table.get(0, 0)), Some("d1"));
/// assert_eq!(table.get(0, 1), Value::Int(7));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemoryTable {
    columns: &'static [&'static str],
    /// Row-major: row `r`, column `c` is at `r * width + c`.
    cells: Vec<Value>,
    arena: String,
    /// Per key, where its keyed cells were first rendered (`cells` index)
    /// and how many there are.
    memo: Vec<Option<(usize, usize)>>,
    /// The columns written as keyed cells, if any were written.
    keyed: Option<(usize, usize)>,
}

impl MemoryTable {
    /// An empty table with these columns.
    pub fn new(columns: &'static [&'static str]) -> MemoryTable {
        MemoryTable {
            columns,
            ..MemoryTable::default()
        }
    }

    /// The column names (as in the CSV header).
    pub fn columns(&self) -> &'static [&'static str] {
        self.columns
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.cells.len() / self.columns.len().max(1)
    }

    /// The cell at `row`, `column`.
    pub fn get(&self, row: usize, column: usize) -> Value {
        self.cells[row * self.columns.len() + column]
    }

    /// May cells of this column share text with rows other than the one
    /// above? True for the columns written as keyed cells (those that come
    /// from a gazetteer entry), whose repeats share one range.
    pub fn shares_text(&self, column: usize) -> bool {
        self.keyed
            .is_some_and(|(from, to)| column >= from && column < to)
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
            Cell::Float(x) => Value::Float(*x),
            Cell::Null => Value::Null,
        };
        self.cells.push(v);
    }

    /// Cells that are the same on every row with `key`: rendered the first
    /// time, their values copied after (the text is not copied).
    pub(super) fn push_keyed<'c>(&mut self, key: u32, cells: impl FnOnce() -> Vec<Cell<'c>>) {
        let k = key as usize;
        if let Some(Some((at, n))) = self.memo.get(k).copied() {
            self.cells.extend_from_within(at..at + n);
            return;
        }
        let at = self.cells.len();
        let column = at % self.columns.len().max(1);
        let cells = cells();
        let n = cells.len();
        self.keyed = Some(match self.keyed {
            Some((from, to)) => (from.min(column), to.max(column + n)),
            None => (column, column + n),
        });
        for c in &cells {
            self.push(c);
        }
        if self.memo.len() <= k {
            self.memo.resize(k + 1, None);
        }
        self.memo[k] = Some((at, n));
    }

    /// Appends the rows of `other` (a table with the same columns).
    pub fn append(&mut self, other: &MemoryTable) {
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
        self.keyed = match (self.keyed, other.keyed) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::TableWriter;

    const COLS: &[&str] = &["doc_id", "start", "end", "canonical", "start_char"];

    #[test]
    fn keyed_cells_share_their_text_and_later_cells_are_kept() {
        let mut w = TableWriter::memory(COLS);
        for (start, end) in [(0u64, 5u64), (10, 15), (22, 27)] {
            w.write_keyed_between(
                &[Cell::Text("d"), Cell::Int(start), Cell::Int(end)],
                3,
                || vec![Cell::Text("Kyiv")],
                &[Cell::Int(start / 2)],
            )
            .unwrap();
        }
        let t = w.into_table().unwrap();
        assert_eq!(t.rows(), 3);
        assert_eq!(t.get(0, 3), t.get(1, 3));
        // The document id of the row above is shared, not copied.
        assert_eq!(t.get(0, 0), t.get(2, 0));
        assert_eq!(t.arena, "dKyiv");
        assert_eq!(
            (0..5).map(|c| t.shares_text(c)).collect::<Vec<_>>(),
            [false, false, false, true, false]
        );
        assert_eq!(t.text(t.get(2, 3)), Some("Kyiv"));
        assert_eq!(
            (0..3).map(|r| t.get(r, 4)).collect::<Vec<_>>(),
            [0, 5, 11].map(Value::Int)
        );
    }

    #[test]
    fn appended_tables_keep_their_text() {
        let mut a = MemoryTable::new(COLS);
        let mut b = MemoryTable::new(COLS);
        for (t, id) in [(&mut a, "a"), (&mut b, "b")] {
            for c in [
                Cell::Text(id),
                Cell::Int(0),
                Cell::Null,
                Cell::Raw("x"),
                Cell::Float(2.5),
            ] {
                t.push(&c);
            }
        }
        a.append(&b);
        assert_eq!(a.rows(), 2);
        assert_eq!(a.text(a.get(1, 0)), Some("b"));
        assert_eq!(a.get(1, 2), Value::Null);
        assert_eq!(a.get(1, 4), Value::Float(2.5));
    }
}
