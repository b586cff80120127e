//! `--format xlsx`: the workbook read back with calamine, cell by cell.

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::fs;
use std::process::Command;

#[test]
fn workbook_has_typed_cells_and_never_formulas() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    fs::write(
        &input,
        concat!(
            r#"{"id": "w1", "date": "2024-11-20", "url": "https://news.example/strike", "title": "=HYPERLINK(\"http://evil.example\")", "text": "Early on Tuesday, Ukrainian forces fired six ATACMS missiles at a military facility in Russia’s Bryansk region."}"#,
            "\n",
            r#"{"id": "w2", "text": "The EU imposed sanctions on Iran last month."}"#,
            "\n",
            "not json\n"
        ),
    )
    .expect("write");
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_evex"))
        .args([
            "extract",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--format", "xlsx", "--quiet"])
        .output()
        .expect("run evex");
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut files: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["evex.xlsx", "summary.json"]);

    let mut book: Xlsx<_> = open_workbook(out.join("evex.xlsx")).expect("open workbook");
    assert_eq!(
        book.sheet_names(),
        [
            "events",
            "entities",
            "rejects",
            "entity_counts",
            "event_groups",
            "summary"
        ]
    );
    let events = book.worksheet_range("events").expect("events sheet");
    let header: Vec<String> = events
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let rows: Vec<&[Data]> = events.rows().skip(1).collect();
    assert_eq!(rows.len(), 2);
    let w1 = rows[0];
    assert_eq!(w1[col("doc_id")], Data::String("w1".into()));
    assert_eq!(w1[col("sentence")], Data::Float(0.0));
    assert_eq!(w1[col("quantity_value")], Data::Float(6.0));
    assert_eq!(w1[col("quantity_unit")], Data::String("missiles".into()));
    assert_eq!(
        w1[col("url")],
        Data::String("https://news.example/strike".into())
    );
    // Text that looks like a formula is kept as text, unescaped.
    assert_eq!(
        w1[col("title")],
        Data::String("=HYPERLINK(\"http://evil.example\")".into())
    );
    // Dates are date cells: Excel's serial day numbers.
    let day = |y, m, d| {
        (chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
            - chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap())
        .num_days() as f64
    };
    for (c, want) in [
        ("event_date", day(2024, 11, 19)),
        ("doc_date", day(2024, 11, 20)),
    ] {
        match &w1[col(c)] {
            Data::DateTime(d) => assert_eq!(d.as_f64(), want, "{c}"),
            other => panic!("{c}: {other:?} is not a date cell"),
        }
    }
    // No date known: an empty cell, not an empty string.
    assert_eq!(rows[1][col("event_date")], Data::Empty);
    assert_eq!(rows[1][col("doc_id")], Data::String("w2".into()));
    let formulas = book.worksheet_formula("events").expect("formulas");
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));

    let rejects = book.worksheet_range("rejects").expect("rejects sheet");
    let r: Vec<&[Data]> = rejects.rows().skip(1).collect();
    assert_eq!(
        (&r[0][1], &r[0][2]),
        (&Data::Float(3.0), &Data::String("invalid_json".into()))
    );
    let summary = book.worksheet_range("summary").expect("summary sheet");
    let documents_read = summary
        .rows()
        .find(|r| r[0] == Data::String("documents_read".into()))
        .expect("documents_read");
    assert_eq!(documents_read[1], Data::Float(3.0));
}
