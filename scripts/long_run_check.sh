#!/usr/bin/env bash
# scripts/long_run_check.sh: the large-input check of README "Long runs".
#
# Usage:  bash scripts/long_run_check.sh [--gb N] [--stop-after SECONDS] [--dir DIR]
#
# Generates (with the bench generator, `cargo run --release --example
# bench_gen`) a news-like JSON Lines corpus of N GB (default 5) and one of
# 50 MB, with the synthetic 20,000-entry gazetteer, then:
#
# 1. runs evex on the 50 MB corpus (2 threads) under /usr/bin/time -v;
# 2. runs evex on the N GB corpus the same way and stops it with SIGINT
#    after SECONDS (default 120), as Ctrl-C would;
# 3. resumes it with --resume (again under /usr/bin/time -v);
# 4. prints the peak RSS of the three runs, the exit codes, and checks that
#    the resumed run's summary counts every line of the corpus once:
#    documents_read = documents_processed + documents_rejected = lines.
#
# Everything runs under `nice -n 19`. The corpus and outputs go to DIR
# (default target/long-run-check) and are deleted at the end: N GB of input
# and a few GB of output need that much free disk for a while.

set -euo pipefail
cd "$(dirname "$0")/.."
GB=5
STOP=120
DIR=target/long-run-check
while [ $# -gt 0 ]; do
    case "$1" in
        --gb) GB=$2; shift ;;
        --stop-after) STOP=$2; shift ;;
        --dir) DIR=$2; shift ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "long_run_check.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 2; }
log() { printf '[long-run] %s\n' "$*" >&2; }
trap 'rm -rf "$DIR"' EXIT

cargo build --release --quiet --bin evex --example bench_gen
EVEX=$PWD/target/release/evex
GEN=$PWD/target/release/examples/bench_gen
mkdir -p "$DIR"
log "generating the gazetteer, 50 MB and $GB GB"
nice -n 19 "$GEN" gazetteer --entries 20000 --out "$DIR/gaz.tsv" >/dev/null
nice -n 19 "$GEN" corpus --entries 20000 --mb 50 --out "$DIR/small.jsonl" >/dev/null
nice -n 19 "$GEN" corpus --entries 20000 --mb $((GB * 1000)) --out "$DIR/big.jsonl" >/dev/null
LINES=$(wc -l < "$DIR/big.jsonl")
SYNTH=(--no-default-gazetteers --gazetteers "$DIR/gaz.tsv" --threads 2 --quiet)

rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
js() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }

log "50 MB run"
nice -n 19 /usr/bin/time -v -o "$DIR/small.time" "$EVEX" extract "$DIR/small.jsonl" --out "$DIR/out-small" "${SYNTH[@]}"
log "$GB GB run, stopped with SIGINT after $STOP s"
set +e
nice -n 19 /usr/bin/time -v -o "$DIR/big1.time" "$EVEX" extract "$DIR/big.jsonl" --out "$DIR/out-big" "${SYNTH[@]}" &
PID=$!
sleep "$STOP"
# `nice` became `time`, whose child is evex: signal evex, as Ctrl-C would.
kill -INT "$(pgrep -P $PID)"
wait $PID
CODE1=$?
set -e
STOPPED_AT=$(js "$DIR/out-big/.evex-partial/summary.json" documents_read)
log "resuming"
set +e
nice -n 19 /usr/bin/time -v -o "$DIR/big2.time" "$EVEX" extract "$DIR/big.jsonl" --out "$DIR/out-big" "${SYNTH[@]}" --resume
CODE2=$?
set -e
S=$DIR/out-big/summary.json
READ=$(js "$S" documents_read); PROC=$(js "$S" documents_processed); REJ=$(js "$S" documents_rejected)
cat <<EOF
input: $(du -h "$DIR/big.jsonl" | cut -f1) ($LINES lines), 50 MB reference
peak RSS, 50 MB run:           $(( $(rss "$DIR/small.time") / 1024 )) MB
peak RSS, $GB GB run (stopped): $(( $(rss "$DIR/big1.time") / 1024 )) MB, exit $CODE1 after $STOPPED_AT documents
peak RSS, $GB GB run (resumed): $(( $(rss "$DIR/big2.time") / 1024 )) MB, exit $CODE2
resumed summary: documents_read $READ = processed $PROC + rejected $REJ; complete $(js "$S" complete)
EOF
[ "$READ" = $((PROC + REJ)) ] && [ "$READ" = "$LINES" ] && echo "OK: every line counted once" || { echo "MISMATCH"; exit 1; }
