#!/usr/bin/env bash
# scripts/xlsx/check.sh: open evex.xlsx in real spreadsheet software and
# check what it reads.
#
# Usage:  bash scripts/xlsx/check.sh [INPUT...]   (default: the bundled examples)
#
# 1. Runs evex twice on the inputs: --format csv and --format xlsx.
# 2. LibreOffice (headless) converts every sheet of evex.xlsx back to CSV;
#    compare.py checks that each sheet holds the rows of the matching CSV
#    table, cell for cell (dates shown as dates, numbers as numbers, text
#    that looks like a formula shown as written).
# 3. pandas.read_excel (openpyxl) reads the workbook; compare.py checks the
#    column types (integers, floats, datetimes, text), the frozen header,
#    the autofilter, the links and that no cell is a formula.
#
# Needs: cargo, python3 with venv, and LibreOffice (Debian:
# apt-get install -y libreoffice-calc-nogui); pandas and openpyxl are
# installed into a throwaway virtualenv (target/xlsx-venv). Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -gt 0 ] || set -- examples/articles examples/html examples/warc
cargo build --release --quiet
OUT=target/xlsx-check
rm -rf "$OUT"
mkdir -p "$OUT"
./target/release/evex extract "$@" --out "$OUT/csv" --quiet || [ $? = 3 ]
./target/release/evex extract "$@" --out "$OUT/xlsx" --format xlsx --quiet || [ $? = 3 ]
SOFFICE=$(command -v soffice || command -v libreoffice || true)
if [ -n "$SOFFICE" ]; then
    # 44,34,76,1: comma, double quote, UTF-8, from line 1; the last field
    # (-1) exports every sheet, as evex-SHEET.csv.
    "$SOFFICE" --headless --calc --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
        --outdir "$OUT/libreoffice" "$OUT/xlsx/evex.xlsx" > "$OUT/libreoffice.log" 2>&1
else
    echo "check.sh: LibreOffice not found (apt-get install -y libreoffice-calc-nogui); skipping that part" >&2
fi
if [ ! -x target/xlsx-venv/bin/python ]; then
    python3 -m venv target/xlsx-venv
    target/xlsx-venv/bin/pip install -q pandas openpyxl
fi
target/xlsx-venv/bin/python scripts/xlsx/compare.py "$OUT/csv" "$OUT/xlsx/evex.xlsx" "$OUT/libreoffice"
