//! `--format xlsx`: one workbook, `evex.xlsx`, for people who work in a
//! spreadsheet.
//!
//! The run writes its tables as JSON Lines first (typed, never
//! formula-escaped), and this module converts them at the end with
//! `rust_xlsxwriter`, one sheet per table plus `summary`. Numbers are
//! numbers; `event_date`, `doc_date`, `first_date` and `last_date` are
//! date cells (a month, `2024-11`, is its first day shown as `yyyy-mm`;
//! an ISO week stays text); `url` is a link; all other text is a string
//! cell, so a cell that starts with `=` is shown as written and never run
//! as a formula. The header row is bold and frozen, with an autofilter, and
//! columns are as wide as their first rows need (within limits). Sheets are
//! written in constant-memory mode (rows go to a temporary file as they
//! come), so a large run does not hold the workbook in memory.
//!
//! A sheet holds at most 1,048,576 rows and a cell 32,767 characters:
//! past either limit the rest is left out and the `summary` sheet says so
//! (use `--format csv` for such runs).

use rust_xlsxwriter::{ExcelDateTime, Format, Url, Workbook, Worksheet, XlsxError};
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// Excel's limits.
const MAX_ROWS: u32 = 1_048_576;
const MAX_CELL_CHARS: usize = 32_767;
const MAX_URL_CHARS: usize = 2_079;
const MAX_LINKS: u32 = 65_530;

/// Columns written as dates.
const DATE_COLUMNS: &[&str] = &["event_date", "doc_date", "first_date", "last_date"];

/// How many rows decide a column's width.
const SAMPLE_ROWS: usize = 200;

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("cannot write the workbook: {e}"))
}

/// Writes `out` from the JSON Lines tables `tables` (sheet name, path, column
/// names; a missing file gives an empty sheet) and the run's summary.
pub fn write_workbook(
    out: &Path,
    tables: &[(&str, &Path, Vec<String>)],
    summary: &Value,
) -> io::Result<()> {
    let mut wb = Workbook::new();
    let mut notes = Vec::new();
    let header = Format::new().set_bold();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let month = Format::new().set_num_format("yyyy-mm");
    for (name, path, columns) in tables {
        let ws = wb
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        ws.set_name(*name).map_err(xlsx_error)?;
        let cut = write_sheet(ws, path, columns, (&header, &day, &month))?;
        if cut > 0 {
            notes.push(format!(
                "{name}: {cut} rows or cells did not fit Excel's limits and were left out or shortened; use --format csv"
            ));
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("summary").map_err(xlsx_error)?;
    ws.write_string_with_format(0, 0, "key", &header)
        .map_err(xlsx_error)?;
    ws.write_string_with_format(0, 1, "value", &header)
        .map_err(xlsx_error)?;
    let mut flat = Vec::new();
    flatten("", summary, &mut flat);
    for note in notes {
        flat.push(("note".to_string(), Value::String(note)));
    }
    for (i, (k, v)) in flat.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, k).map_err(xlsx_error)?;
        match v {
            Value::Number(n) => {
                ws.write_number(r, 1, n.as_f64().unwrap_or(0.0))
                    .map_err(xlsx_error)?;
            }
            Value::String(s) => {
                ws.write_string(r, 1, s).map_err(xlsx_error)?;
            }
            Value::Null => {}
            other => {
                ws.write_string(r, 1, other.to_string())
                    .map_err(xlsx_error)?;
            }
        }
    }
    ws.set_column_width(0, 40).map_err(xlsx_error)?;
    ws.set_column_width(1, 30).map_err(xlsx_error)?;
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    wb.save(out).map_err(xlsx_error)
}

/// `a.b.c` keys for nested summary values; lists joined.
fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        Value::Array(a) => {
            let items: Vec<String> = a
                .iter()
                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                .collect();
            out.push((prefix.to_string(), Value::String(items.join("; "))));
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

/// Writes one table; returns how many rows or cells had to be cut.
fn write_sheet(
    ws: &mut Worksheet,
    path: &Path,
    columns: &[String],
    (header, day, month): (&Format, &Format, &Format),
) -> io::Result<u64> {
    let at = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", path.display()));
    let mut rows: Vec<serde_json::Map<String, Value>> = Vec::new();
    let mut lines = match File::open(path) {
        Ok(f) => Some(BufReader::with_capacity(1 << 16, f).lines()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(at(e)),
    };
    let next_row = |lines: &mut Option<io::Lines<BufReader<File>>>| -> io::Result<Option<serde_json::Map<String, Value>>> {
        let Some(l) = lines.as_mut().and_then(Iterator::next) else {
            return Ok(None);
        };
        serde_json::from_str(&l.map_err(at)?).map(Some).map_err(io::Error::other)
    };
    // The first rows set the column widths, which must be known before
    // rows are streamed out.
    while rows.len() < SAMPLE_ROWS {
        match next_row(&mut lines)? {
            Some(r) => rows.push(r),
            None => break,
        }
    }
    for (c, name) in columns.iter().enumerate() {
        let widest = rows
            .iter()
            .filter_map(|r| r.get(name))
            .map(|v| match v {
                Value::String(s) => s.chars().count(),
                Value::Null => 0,
                other => other.to_string().len(),
            })
            .chain([name.len() + 3])
            .max()
            .unwrap_or(8);
        let width = if DATE_COLUMNS.contains(&name.as_str()) {
            12
        } else {
            widest.clamp(6, 60)
        };
        ws.set_column_width(c as u16, width as f64 + 1.0)
            .map_err(xlsx_error)?;
        ws.write_string_with_format(0, c as u16, name, header)
            .map_err(xlsx_error)?;
    }
    let mut r = 1u32;
    let mut cut = 0u64;
    let mut links = 0u32;
    let mut sample = rows.into_iter();
    loop {
        let row = match sample.next() {
            Some(row) => row,
            None => match next_row(&mut lines)? {
                Some(row) => row,
                None => break,
            },
        };
        if r >= MAX_ROWS {
            cut += 1;
            continue;
        }
        for (c, name) in columns.iter().enumerate() {
            let c = c as u16;
            match row.get(name) {
                None | Some(Value::Null) => {}
                Some(Value::Number(n)) => {
                    ws.write_number(r, c, n.as_f64().unwrap_or(0.0))
                        .map_err(xlsx_error)?;
                }
                Some(Value::Bool(b)) => {
                    ws.write_boolean(r, c, *b).map_err(xlsx_error)?;
                }
                Some(Value::String(s)) => {
                    if DATE_COLUMNS.contains(&name.as_str())
                        && let Some((date, is_month)) = excel_date(s)
                    {
                        let f = if is_month { month } else { day };
                        ws.write_datetime_with_format(r, c, &date, f)
                            .map_err(xlsx_error)?;
                        continue;
                    }
                    if name == "url"
                        && links < MAX_LINKS
                        && s.len() <= MAX_URL_CHARS
                        && (s.starts_with("http://") || s.starts_with("https://"))
                        && ws.write_url(r, c, Url::new(s.as_str())).is_ok()
                    {
                        links += 1;
                        continue;
                    }
                    let text = if s.chars().count() > MAX_CELL_CHARS {
                        cut += 1;
                        s.chars().take(MAX_CELL_CHARS).collect()
                    } else {
                        s.clone()
                    };
                    ws.write_string(r, c, text).map_err(xlsx_error)?;
                }
                Some(other) => {
                    ws.write_string(r, c, other.to_string())
                        .map_err(xlsx_error)?;
                }
            }
        }
        r += 1;
    }
    let last_col = columns.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    ws.autofilter(0, 0, r.saturating_sub(1).max(1), last_col)
        .map_err(xlsx_error)?;
    Ok(cut)
}

/// `2024-11-19` → that day; `2024-11` → its first day, as a month.
fn excel_date(s: &str) -> Option<(ExcelDateTime, bool)> {
    let mut parts = s.split('-');
    let y: u16 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: Option<u8> = match parts.next() {
        Some(d) => Some(d.parse().ok()?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let date = ExcelDateTime::from_ymd(y, m, d.unwrap_or(1)).ok()?;
    Some((date, d.is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_for_excel() {
        assert!(excel_date("2024-11-19").is_some_and(|(_, m)| !m));
        assert!(excel_date("2024-11").is_some_and(|(_, m)| m));
        assert!(excel_date("2024-W46").is_none());
        assert!(excel_date("2024-02-30").is_none());
        assert!(excel_date("Nov 2024").is_none());
    }
}
