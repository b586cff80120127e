#!/usr/bin/env python3
"""Checks evex.xlsx against evex's CSV tables of the same run.

    compare.py CSV_DIR XLSX [LIBREOFFICE_DIR]

With pandas.read_excel (openpyxl): every sheet has the CSV's columns and
rows; integer columns are integers, quantity_value is a number, date
columns are datetimes, text stays text. With openpyxl: the header row is
frozen, there is an autofilter, urls are links, no cell is a formula.
With LIBREOFFICE_DIR (sheets converted to CSV by LibreOffice): each
sheet's cells, as LibreOffice shows them, equal the CSV's. Prints one line
per check; exits 1 if any fails.
"""
import csv
import os
import sys

import openpyxl
import pandas as pd

INT_COLS = {"sentence", "start", "end", "start_char", "end_char", "line", "mentions",
            "first_start", "first_end", "first_start_char", "group_id", "documents", "sources"}
DATE_COLS = {"event_date", "doc_date", "first_date", "last_date"}
SHEETS = ["events", "entities", "rejects", "entity_counts", "event_groups"]
failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def unescape(v):
    """evex's CSV puts ' before text a spreadsheet would run as a formula."""
    return v[1:] if v[:2] in ("'=", "'+", "'-", "'@") or v[:1] == "'" and v[1:2] in ("\t", "\r") else v


def main(csv_dir, xlsx, lo_dir=None):
    book = openpyxl.load_workbook(xlsx)
    check(book.sheetnames == SHEETS + ["summary"], f"sheets {book.sheetnames}")
    for name in SHEETS:
        header, rows = read_csv(os.path.join(csv_dir, name + ".csv"))
        df = pd.read_excel(xlsx, sheet_name=name)
        check(list(df.columns) == header, f"{name}: columns as in {name}.csv")
        check(len(df) == len(rows), f"{name}: {len(df)} rows, {name}.csv has {len(rows)}")
        for col in df.columns:
            s = df[col].dropna()
            if s.empty:
                continue
            if col in INT_COLS:
                check(pd.api.types.is_integer_dtype(s) or (pd.api.types.is_float_dtype(s) and (s % 1 == 0).all()),
                      f"{name}.{col}: whole numbers ({s.dtype})")
            elif col == "quantity_value":
                check(pd.api.types.is_numeric_dtype(s), f"{name}.{col}: numbers ({s.dtype})")
            elif col in DATE_COLS:
                check(pd.api.types.is_datetime64_any_dtype(s) or all(hasattr(v, "year") or "W" in str(v) for v in s),
                      f"{name}.{col}: dates ({s.dtype})")
        ws = book[name]
        check(ws.freeze_panes == "A2", f"{name}: header row frozen ({ws.freeze_panes})")
        check(bool(ws.auto_filter.ref), f"{name}: autofilter {ws.auto_filter.ref}")
        formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
        check(not formulas, f"{name}: no formulas {formulas[:3]}")
        if "url" in header:
            col = header.index("url") + 1
            cells = [ws.cell(row=r, column=col) for r in range(2, ws.max_row + 1)]
            urls = [c for c in cells if c.value]
            check(all(c.hyperlink is not None for c in urls), f"{name}: {len(urls)} urls are links")
        if lo_dir:
            path = os.path.join(lo_dir, f"evex-{name}.csv")
            if not os.path.exists(path):
                check(False, f"{name}: LibreOffice wrote {path}")
                continue
            lo_header, lo_rows = read_csv(path)
            want = [[unescape(v) for v in r] for r in rows]
            diffs = [(i, a, b) for i, (a, b) in enumerate(zip(lo_rows, want)) if a != b]
            check(lo_header == header and len(lo_rows) == len(want) and not diffs,
                  f"{name}: LibreOffice shows the same {len(lo_rows)} rows as {name}.csv"
                  + (f" (first difference, row {diffs[0][0] + 2}: {diffs[0][1]} vs {diffs[0][2]})" if diffs else ""))
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
