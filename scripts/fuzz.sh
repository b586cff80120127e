#!/usr/bin/env bash
# scripts/fuzz.sh: run evex's fuzz targets (cargo-fuzz, libFuzzer).
#
# Usage:  bash scripts/fuzz.sh TARGET|all SECONDS
#         bash scripts/fuzz.sh TARGET|all --runs N
#         bash scripts/fuzz.sh --list
#
# Targets (fuzz/fuzz_targets/): records_jsonl, records_json, records_csv
# (the input readers), gazetteer_tsv (the gazetteer loader, alone and
# merged over a base, then the automaton), rule_parser (the rule language,
# parsed and compiled), pipeline (readers + every stage + CSV rows on
# arbitrary bytes), html (the HTML reader and article extraction), warc
# (the WARC reader: records, HTTP responses, chunked and compressed
# bodies). Each runs for SECONDS, or for N executions, under
# `nice -n 19` (other work on the machine goes first), one after another.
#
# The seeds are fuzz/corpus/TARGET/seed-*; what the fuzzer adds to the
# corpus stays beside them (not committed). A crash, a timeout (10 s for
# one input) or more than 2 GB of memory stops the target and leaves the
# input in fuzz/artifacts/TARGET/; make it a regression test (tests/ or the
# module's unit tests) and fix it. Each target's last libFuzzer line
# (executions, coverage, peak RSS) is kept in target/fuzz-TARGET.log.
#
# Needs the nightly toolchain and cargo-fuzz; both are installed when
# missing (rustup toolchain install nightly; cargo install cargo-fuzz).
# Built without a sanitizer by default (the library has no unsafe code, the
# binary's only unsafe line sets one allocator option in main, and a build
# without ASan runs faster); FUZZ_SANITIZER=address adds it.

set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGETS=(records_jsonl records_json records_csv gazetteer_tsv rule_parser pipeline html warc)

if [ "${1:-}" = --list ]; then printf '%s\n' "${TARGETS[@]}"; exit 0; fi
if [ $# -lt 2 ]; then sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
WHICH=$1; shift
if [ "$1" = --runs ]; then LIMIT=(-runs="$2"); else LIMIT=(-max_total_time="$1"); fi

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

if [ "$WHICH" = all ]; then LIST=("${TARGETS[@]}"); else LIST=("$WHICH"); fi
mkdir -p target
for t in "${LIST[@]}"; do
    echo "== fuzz $t ${LIMIT[*]}" >&2
    mkdir -p "fuzz/corpus/$t"
    (cd fuzz && nice -n 19 cargo +nightly fuzz run -s "${FUZZ_SANITIZER:-none}" -a "$t" "corpus/$t" -- \
        "${LIMIT[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1) \
        2> >(tee "$ROOT/target/fuzz-$t.log" | grep -E '^(#[0-9]+ +DONE|Done|stat::|==[0-9]+==|SUMMARY|artifact)' >&2)
done
