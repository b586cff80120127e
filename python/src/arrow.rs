//! A [`MemoryTable`] as Arrow buffers: per column, the validity bitmap,
//! the offsets (text) and the values, laid out as the Arrow columnar format
//! wants them, so that `pyarrow.Array.from_buffers` takes them without a
//! Python object per cell. This is what makes Spark's `mapInArrow` cheap
//! (README, "Spark"): a batch of ten thousand articles has hundreds of
//! thousands of entity rows, and a Python string per cell cost more than
//! the extraction itself.

use std::fmt::Write;

use evex::emit::{FLOAT_COLUMNS, INTEGER_COLUMNS, MemoryTable, Value};

/// The Arrow type of a column: `int64`, `float64` or `string`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Float,
    Text,
}

impl Kind {
    /// The kind of column `name` (the CSV files' typing).
    pub fn of(name: &str) -> Kind {
        if INTEGER_COLUMNS.contains(&name) {
            Kind::Int
        } else if FLOAT_COLUMNS.contains(&name) {
            Kind::Float
        } else {
            Kind::Text
        }
    }

    /// The name the Python side maps to a pyarrow type.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Int => "int64",
            Kind::Float => "float64",
            Kind::Text => "string",
        }
    }
}

/// One column's buffers.
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// One bit per row, least significant first, set when the cell is not
    /// null; `None` when no cell is.
    pub validity: Option<Vec<u8>>,
    pub nulls: usize,
    /// `int32` offsets into `data`, one more than the rows (text only).
    pub offsets: Option<Vec<u8>>,
    /// The values: little-endian `int64`/`float64`, or UTF-8 text.
    pub data: Vec<u8>,
}

/// Arrow `string` arrays have 32-bit offsets.
pub const MAX_TEXT_BYTES: usize = i32::MAX as usize;

/// The number of rows of `t` and the buffers of each of its columns, or an
/// error when a text column holds more than 2 GiB (hand the rows over in
/// smaller batches).
pub fn columns(t: &MemoryTable) -> Result<(usize, Vec<Column>), String> {
    let rows = t.rows();
    let columns = t
        .columns()
        .iter()
        .enumerate()
        .map(|(c, &name)| {
            let kind = Kind::of(name);
            let mut validity = vec![0u8; rows.div_ceil(8)];
            let mut nulls = 0;
            let mut data = Vec::with_capacity(if kind == Kind::Text { 0 } else { rows * 8 });
            let mut offsets = Vec::new();
            if kind == Kind::Text {
                offsets.reserve((rows + 1) * 4);
                offsets.extend_from_slice(&0i32.to_le_bytes());
            }
            let mut number = String::new();
            for r in 0..rows {
                let v = t.get(r, c);
                if v == Value::Null {
                    nulls += 1;
                } else {
                    validity[r / 8] |= 1 << (r % 8);
                }
                match kind {
                    Kind::Int => {
                        let n = match v {
                            Value::Int(n) => n as i64,
                            Value::Float(x) => x as i64,
                            _ => 0,
                        };
                        data.extend_from_slice(&n.to_le_bytes());
                    }
                    Kind::Float => {
                        let x = match v {
                            Value::Float(x) => x,
                            Value::Int(n) => n as f64,
                            _ => 0.0,
                        };
                        data.extend_from_slice(&x.to_le_bytes());
                    }
                    Kind::Text => {
                        let text = match v {
                            Value::Text { .. } => t.text(v).unwrap_or(""),
                            Value::Int(n) => {
                                number.clear();
                                let _ = write!(number, "{n}");
                                &number
                            }
                            Value::Float(x) => {
                                number.clear();
                                let _ = write!(number, "{x}");
                                &number
                            }
                            Value::Null => "",
                        };
                        data.extend_from_slice(text.as_bytes());
                        if data.len() > MAX_TEXT_BYTES {
                            return Err(format!(
                                "column `{name}` holds more than 2 GiB of text: give fewer documents per call"
                            ));
                        }
                        offsets.extend_from_slice(&(data.len() as i32).to_le_bytes());
                    }
                }
            }
            Ok(Column {
                name,
                kind,
                validity: (nulls > 0).then_some(validity),
                nulls,
                offsets: (kind == Kind::Text).then_some(offsets),
                data,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok((rows, columns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use evex::emit::{Cell, TableWriter};

    #[test]
    fn buffers_follow_the_arrow_layout() {
        let mut w = TableWriter::memory(&["doc_id", "start", "quantity_value"]);
        w.write(&[Cell::Text("d1"), Cell::Int(7), Cell::Null])
            .unwrap();
        w.write(&[Cell::Text("doc2"), Cell::Null, Cell::Float(1.5)])
            .unwrap();
        let t = w.into_table().unwrap();
        let (rows, cols) = columns(&t).unwrap();
        assert_eq!(rows, 2);
        assert_eq!(cols[0].kind, Kind::Text);
        assert_eq!(cols[0].validity, None);
        assert_eq!(cols[0].data, b"d1doc2");
        let offsets: Vec<u8> = [0i32, 2, 6].iter().flat_map(|o| o.to_le_bytes()).collect();
        assert_eq!(cols[0].offsets.as_deref(), Some(&offsets[..]));
        assert_eq!((cols[1].kind, cols[1].nulls), (Kind::Int, 1));
        assert_eq!(cols[1].validity.as_deref(), Some(&[0b01u8][..]));
        assert_eq!(&cols[1].data[..8], &7i64.to_le_bytes());
        assert_eq!(cols[2].validity.as_deref(), Some(&[0b10u8][..]));
        assert_eq!(&cols[2].data[8..], &1.5f64.to_le_bytes());
    }
}
