#!/usr/bin/env bash
# scripts/bench.sh: end-to-end performance benchmark of evex.
#
# Usage:  bash scripts/bench.sh [--large] [--runs N] [--no-python] [--profile] [--warc-only]
#
#   --large      also generate a 500 MB corpus and measure evex's peak RSS on
#                it (about 1 more minute on 2 cores, 500 MB of disk)
#   --runs N     repeat each timed run N times and keep the best (default 5:
#                this kind of machine varies by 10-20% from run to run)
#   --no-python  skip the Python matchers (flashtext, pyahocorasick, spaCy)
#   --profile    also record a `perf` profile of evex (1 thread, 5 MB of the
#                corpus, separate build with line tables) into
#                target/bench-perf.txt
#   --warc-only  run only the WARC ingest measure (step 9) and print it
#
# What it does, from a fresh checkout (needs cargo; /usr/bin/time and, for
# the Python part, python3 with venv are used when present; the Debian
# `time` package is installed with apt-get when missing and we are root):
#
# 1. Builds (release) the `evex` binary and two cargo examples:
#    `bench_gen` (scripts/bench/gen.rs + textgen.rs) and `floor`
#    (scripts/bench/floor.rs).
# 2. Generates, reproducibly (fixed seeds; cached in target/bench-data/ and
#    regenerated when the generator changes):
#    - synth200k.tsv / synth20k.tsv: synthetic gazetteers of 200,000 and
#      20,000 entries (README.md "Gazetteers"; PERSON/PLACE/ORG/WEAPON,
#      invented multi-word names with é, ï, ü…, some aliases); the 20k file
#      is the first 20,000 rows of the 200k one;
#    - corpus-50mb.jsonl: >= 50 MB of news-like articles ({"id","text"} per
#      line) from original sentence templates, with quotes (“ ” ’ "),
#      numbers, money and percentages, mentioning synth20k entries at about
#      one per twelve words; corpus-500mb.jsonl only with --large.
# 3. Times `evex extract` (release, --quiet, --no-default-gazetteers
#    --gazetteers synth20k.tsv, default rules) and the matching floor
#    (aho-corasick alone, LeftmostLongest, ASCII case insensitive, whole
#    words, 1 thread) on the same corpus and gazetteer.
#    "One core" is literal: evex --threads 1 and the floor both run under
#    `taskset -c 0` (when taskset exists and there are 2+ cores), so evex's
#    reader and writer threads share the worker's core. The ratio compares
#    whole processes, wall clock, start to exit: evex loading its gazetteer
#    and rules, reading, processing and writing CSV, against the floor
#    reading the gazetteer, building its automaton, reading, parsing and
#    scanning. Without the load and build, the two are also shown.
#    Two threads: evex --threads 2 unpinned, against the one-core run, on
#    summary.json `seconds` (read + process + write; load excluded).
#    These runs go in turns (one core, floor, two threads, unpinned, and
#    again), each figure the best of its runs, so that the machine's drift
#    during the benchmark does not favour one side.
#    MB/s is 10^6 bytes of article text per second.
# 4. Builds 200k entries: evex's `gazetteer.build_seconds` and
#    `load_seconds` (summary.json of a run on a tiny input) against the
#    floor's automaton build for exactly evex's patterns (`floor
#    --evex-forms`: the same folded forms with a leading space, plurals and
#    surnames included, LeftmostLongest with anchored and unanchored starts;
#    the pattern counts are shown to check that they agree, evex's being
#    larger by the rules' trigger words), and, for information, against the floor's
#    own automaton (raw forms, LeftmostLongest, ASCII case-insensitive).
# 5. Default gazetteers: `load_seconds` of a run with the built-in
#    gazetteers and rules.
# 6. Peak RSS (`/usr/bin/time -v`) of evex on 50 MB (and 500 MB with
#    --large).
# 7. With python3: a virtualenv in target/bench-venv with pinned flashtext,
#    pyahocorasick and spaCy (PhraseMatcher on spacy.blank("en"), no model
#    download), each timed on the first 5 MB of the corpus with the 20k
#    gazetteer (scripts/bench/competitors.py); a library whose install fails
#    is skipped with a message.
# 8. Prints a table and writes it to target/bench-report.txt; raw outputs
#    stay in target/bench-out/.
# 9. WARC ingest (needs python3): scripts/make_example_warc.py builds a
#    gzipped WARC of 1,000 HTML pages (the three articles of
#    examples/html under distinct URLs, with their request records), and
#    evex's own extraction of those pages is written as plain JSON Lines
#    (id, date, url, title, text). Both are run with the default
#    gazetteers and rules, two threads, in turns; reported as pages per
#    second and MB/s of input file and of article text (summary.json
#    `seconds`: reading, extraction, processing and writing, load
#    excluded), WARC against JSON Lines.
#
# Targets (marked PASS/MISS): evex on one core >= 0.5x floor; 2 threads >=
# 1.8x one core; 200k build <= 1.2x aho-corasick alone on the same
# patterns; default gazetteers
# load < 0.5 s; peak RSS on 500 MB within 10% of 50 MB.

set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

LARGE=0
RUNS=5
PYTHON=1
PROFILE=0
WARC_ONLY=0
while [ $# -gt 0 ]; do
    case "$1" in
        --large) LARGE=1 ;;
        --runs) RUNS=$2; shift ;;
        --no-python) PYTHON=0 ;;
        --profile) PROFILE=1 ;;
        --warc-only) WARC_ONLY=1 ;;
        -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
DATA=target/bench-data
OUT=target/bench-out
REPORT=target/bench-report.txt
mkdir -p "$DATA" "$OUT"
log() { printf '[bench] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        log "installing the Debian 'time' package for peak RSS"
        (apt-get update -qq && apt-get install -y -qq time) >/dev/null 2>&1 || true
    fi
fi
[ -x "$TIME" ] || { log "no /usr/bin/time: peak RSS will be n/a"; TIME=""; }

PIN=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    PIN=(taskset -c 0)
else
    log "no taskset or one core: the one-core runs are not pinned"
fi
log "building (release): evex, examples bench_gen and floor"
cargo build --release --quiet --bin evex --example bench_gen --example floor
EVEX=$ROOT/target/release/evex
GEN=$ROOT/target/release/examples/bench_gen
FLOOR=$ROOT/target/release/examples/floor

# ---------------------------------------------------------------- data
STAMP=$(cat scripts/bench/textgen.rs scripts/bench/gen.rs | cksum | cut -d' ' -f1)
gen() { # FILE ARGS...: regenerate FILE unless made by this generator version
    local f=$1; shift
    if [ -s "$f" ] && [ "$(cat "$f.stamp" 2>/dev/null)" = "$STAMP $*" ] && [ -s "$f.info" ]; then
        return
    fi
    log "generating $f"
    "$GEN" "$@" --out "$f" > "$f.info"
    echo "$STAMP $*" > "$f.stamp"
}
[ "$WARC_ONLY" = 1 ] || gen "$DATA/synth200k.tsv" gazetteer --entries 200000
gen "$DATA/synth20k.tsv" gazetteer --entries 20000
[ "$WARC_ONLY" = 1 ] || gen "$DATA/corpus-50mb.jsonl" corpus --entries 20000 --mb 50 --seed 42
[ "$LARGE" = 1 ] && gen "$DATA/corpus-500mb.jsonl" corpus --entries 20000 --mb 500 --seed 4242
[ "$WARC_ONLY" = 1 ] || head -n 20 "$DATA/corpus-50mb.jsonl" > "$DATA/tiny.jsonl"

# ---------------------------------------------------------------- helpers
first() { awk 'NR == 1'; }   # unlike head, reads all its input: no SIGPIPE under pipefail
kv() { sed -n "s/^$2=//p" "$1" | first; }                 # key=value files
js() { sed -n "s/^ *\"$2\": \([-0-9.eE+]*\),\{0,1\}$/\1/p" "$1" | first; }  # summary.json
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
min() { printf '%s\n' "$@" | sort -g | first; }
max() { printf '%s\n' "$@" | sort -g | tail -n1; }

# run_once TAG ARGS...: one run of `evex extract ARGS` (prefixed by
# RUN_PREFIX); its seconds, wall time, RSS and CPU use are appended to the
# tag's lists. summarize TAG then sets E_SECONDS E_WALL (best runs) E_RSS_MB
# E_CPU (CPU use of the process, max over runs: evex has a reader thread and
# a writer besides its workers, so one worker thread can keep more than one
# core busy) E_SUMMARY.
declare -A R_SECS R_WALLS R_RSS R_CPU
run_once() {
    local tag=$1; shift
    local dir=$OUT/$tag
    rm -rf "$dir"
    local t0 t1
    t0=$(date +%s.%N)
    if [ -n "$TIME" ]; then
        "$TIME" -v -o "$OUT/$tag.time" "${RUN_PREFIX[@]}" "$EVEX" extract "$@" --out "$dir" --quiet
        R_RSS[$tag]+=" $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$tag.time")"
        R_CPU[$tag]+=" $(sed -n 's/.*Percent of CPU this job got: \([0-9]*\)%.*/\1/p' "$OUT/$tag.time")"
    else
        "${RUN_PREFIX[@]}" "$EVEX" extract "$@" --out "$dir" --quiet
    fi
    t1=$(date +%s.%N)
    R_WALLS[$tag]+=" $(calc %.3f "$t1 - $t0")"
    R_SECS[$tag]+=" $(js "$dir/summary.json" seconds)"
    cp "$dir/summary.json" "$OUT/$tag.summary.json"
}
summarize() {
    local tag=$1
    # shellcheck disable=SC2086 # the lists are space-separated numbers
    E_SECONDS=$(min ${R_SECS[$tag]})
    # shellcheck disable=SC2086
    E_WALL=$(min ${R_WALLS[$tag]})
    if [ -n "${R_RSS[$tag]:-}" ]; then
        # shellcheck disable=SC2086
        E_RSS_MB=$(calc %.1f "$(max ${R_RSS[$tag]}) / 1024")
        # shellcheck disable=SC2086
        E_CPU="$(max ${R_CPU[$tag]})%"
    else
        E_RSS_MB=n/a E_CPU=n/a
    fi
    E_SUMMARY=$OUT/$tag.summary.json
}
# run_evex TAG RUNS ARGS...: RUNS runs, then summarize.
run_evex() {
    local tag=$1 runs=$2; shift 2
    for i in $(seq "$runs"); do
        run_once "$tag" "$@"
    done
    summarize "$tag"
}

# ---------------------------------------------------------------- WARC ingest
W_ROWS=()
if command -v python3 >/dev/null; then
    WARC=$DATA/pages-1000.warc.gz
    WJSONL=$DATA/pages-1000.jsonl
    if [ ! -s "$WARC" ] || [ scripts/make_example_warc.py -nt "$WARC" ] || [ -n "$(find examples/html -newer "$WARC")" ]; then
        log "generating $WARC (1,000 pages from examples/html)"
        python3 scripts/make_example_warc.py --pages 1000 --out "$WARC"
        rm -f "$WJSONL"
    fi
    if [ ! -s "$WJSONL" ]; then
        "$EVEX" extract "$WARC" --out "$OUT/warc-docs" --tables documents --format jsonl --quiet
        python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    print(json.dumps({"id": d["doc_id"], "date": d["doc_date"], "url": d["url"], "title": d["title"], "text": d["text"]}, ensure_ascii=False))' \
            "$OUT/warc-docs/documents.jsonl" > "$WJSONL"
    fi
    RUN_PREFIX=()
    log "WARC ingest: 1,000 pages as .warc.gz and the same articles as JSON Lines, 2 threads, in turns x$RUNS"
    for i in $(seq "$RUNS"); do
        run_once warc "$WARC" --threads 2
        run_once warcjsonl "$WJSONL" --threads 2
    done
    summarize warc
    W_S=$E_SECONDS W_PAGES=$(js "$E_SUMMARY" documents_read) W_DOCS=$(js "$E_SUMMARY" documents_processed) W_TEXT=$(js "$E_SUMMARY" text_bytes)
    summarize warcjsonl
    J_S=$E_SECONDS J_DOCS=$(js "$E_SUMMARY" documents_processed)
    W_BYTES=$(wc -c < "$WARC") J_BYTES=$(wc -c < "$WJSONL")
    W_ROWS+=("WARC ingest, 1,000 pages (.warc.gz, $(calc %.1f "$W_BYTES / 1e6") MB)|$(calc %.0f "$W_PAGES / $W_S") pages/s, $(calc %.2f "$W_BYTES / 1e6 / $W_S") MB/s of WARC, $(calc %.2f "$W_TEXT / 1e6 / $W_S") MB/s of text ($W_DOCS articles)")
    W_ROWS+=("same articles as JSON Lines ($(calc %.1f "$J_BYTES / 1e6") MB)|$(calc %.0f "$J_DOCS / $J_S") docs/s, $(calc %.2f "$J_BYTES / 1e6 / $J_S") MB/s of JSONL, $(calc %.2f "$W_TEXT / 1e6 / $J_S") MB/s of text")
    W_ROWS+=("WARC / JSON Lines, articles per second|$(calc %.2f "$J_S / $W_S")x")
else
    W_ROWS+=("WARC ingest|skipped (no python3 to build the archive)")
fi
if [ "$WARC_ONLY" = 1 ]; then
    for r in "${W_ROWS[@]}"; do printf '%-60s %s\n' "${r%%|*}" "${r#*|}"; done
    exit 0
fi

# ---------------------------------------------------------------- evex vs floor
C50=$DATA/corpus-50mb.jsonl
G20=$DATA/synth20k.tsv
G200=$DATA/synth200k.tsv
SYNTH=(--no-default-gazetteers --gazetteers "$G20")

# The runs that are compared go in turns (one core, the floor, two
# threads, unpinned), so that the machine's drift over the minutes of the
# benchmark does not favour whichever ran first.
RUN_PREFIX=()
log "evex --threads 1 on one core (${PIN[*]:-unpinned}), the floor on one core, evex --threads 2, evex --threads 1 unpinned: 50 MB, in turns x$RUNS"
fl=(); fw=()
for i in $(seq "$RUNS"); do
    RUN_PREFIX=("${PIN[@]}")
    run_once t1 "$C50" --threads 1 "${SYNTH[@]}"
    RUN_PREFIX=()
    t0=$(date +%s.%N)
    "${PIN[@]}" "$FLOOR" "$G20" "$C50" > "$OUT/floor20k.txt"
    t1=$(date +%s.%N)
    fw+=("$(calc %.3f "$t1 - $t0")")
    fl+=("$(kv "$OUT/floor20k.txt" scan_seconds)")
    run_once t2 "$C50" --threads 2 "${SYNTH[@]}"
    run_once t1free "$C50" --threads 1 "${SYNTH[@]}"
done
summarize t1
T1_S=$E_SECONDS T1_WALL=$E_WALL T1_RSS=$E_RSS_MB T1_CPU=$E_CPU
BYTES=$(js "$E_SUMMARY" text_bytes)
DOCS=$(js "$E_SUMMARY" documents_processed)
ENTS=$(js "$E_SUMMARY" entities)
EVENTS=$(js "$E_SUMMARY" events)
summarize t2
T2_S=$E_SECONDS T2_WALL=$E_WALL T2_RSS=$E_RSS_MB T2_CPU=$E_CPU
summarize t1free
T1F_S=$E_SECONDS T1F_CPU=$E_CPU
FLOOR_S=$(min "${fl[@]}")
FLOOR_WALL=$(min "${fw[@]}")
FLOOR_MATCHES=$(kv "$OUT/floor20k.txt" matches)

# ---------------------------------------------------------------- builds
BRUNS=$(( RUNS < 2 ? RUNS : 2 ))
log "200k-entry build: evex x$BRUNS, floor x$BRUNS"
eb=(); el=(); fb=(); ff=()
for i in $(seq "$BRUNS"); do
    run_evex b200k 1 "$DATA/tiny.jsonl" --threads 1 --no-default-gazetteers --gazetteers "$G200"
    eb+=("$(js "$E_SUMMARY" build_seconds)"); el+=("$(js "$E_SUMMARY" load_seconds)")
    "$FLOOR" "$G200" > "$OUT/floor200k.txt"
    fb+=("$(kv "$OUT/floor200k.txt" build_seconds)")
    "$FLOOR" --evex-forms "$G200" > "$OUT/floor200k-folded.txt"
    ff+=("$(kv "$OUT/floor200k-folded.txt" build_seconds)")
done
B_EVEX=$(min "${eb[@]}"); L_EVEX=$(min "${el[@]}"); B_FLOOR=$(min "${fb[@]}"); B_FOLDED=$(min "${ff[@]}")
P_EVEX=$(js "$E_SUMMARY" patterns)
P_FLOOR=$(kv "$OUT/floor200k.txt" patterns)
P_FOLDED=$(kv "$OUT/floor200k-folded.txt" patterns)

log "default gazetteers load x$RUNS"
dl=(); db=()
for i in $(seq "$RUNS"); do
    run_evex defaults 1 "$DATA/tiny.jsonl" --threads 1
    dl+=("$(js "$E_SUMMARY" load_seconds)"); db+=("$(js "$E_SUMMARY" build_seconds)")
done
D_LOAD=$(min "${dl[@]}"); D_BUILD=$(min "${db[@]}")
D_ENTRIES=$(js "$E_SUMMARY" entries)

# ---------------------------------------------------------------- large
if [ "$LARGE" = 1 ]; then
    log "evex extract, 2 threads, 500 MB (peak RSS)"
    run_evex t2large 1 "$DATA/corpus-500mb.jsonl" --threads 2 "${SYNTH[@]}"
    L_S=$E_SECONDS L_RSS=$E_RSS_MB L_BYTES=$(js "$E_SUMMARY" text_bytes)
    rm -rf "$OUT/t2large"
fi

# ---------------------------------------------------------------- python
PY_LINES=()
if [ "$PYTHON" = 1 ]; then
    if ! command -v python3 >/dev/null; then
        PY_LINES+=("python matchers: skipped (no python3)")
    elif [ ! -x target/bench-venv/bin/python ] && ! python3 -m venv target/bench-venv >/dev/null 2>&1; then
        rm -rf target/bench-venv
        PY_LINES+=("python matchers: skipped (python3 -m venv failed; install python3-venv)")
    else
        VPY=$ROOT/target/bench-venv/bin/python
        ok=()
        for spec in flashtext==2.7 pyahocorasick==2.3.1 spacy==3.8.18; do
            name=${spec%%==*}
            if "$VPY" -m pip install -q "$spec" >"$OUT/pip-$name.log" 2>&1; then
                ok+=(--only "$name")
            else
                log "pip install $spec failed (see $OUT/pip-$name.log): skipping $name"
                PY_LINES+=("$name: skipped (pip install $spec failed)")
            fi
        done
        if [ ${#ok[@]} -gt 0 ]; then
            log "python matchers on a 5 MB slice: ${ok[*]}"
            "$VPY" scripts/bench/competitors.py "$G20" "$C50" --slice-mb 5 "${ok[@]}" > "$OUT/python.txt" 2>"$OUT/python.err" || true
            while read -r line; do PY_LINES+=("$line"); done < "$OUT/python.txt"
        fi
    fi
fi

# ---------------------------------------------------------------- profile
if [ "$PROFILE" = 1 ]; then
    if command -v perf >/dev/null; then
        log "perf profile: build with frame pointers and line tables in target/bench-prof, 20 MB, 1 thread"
        RUSTFLAGS="-C force-frame-pointers=yes" CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
            cargo build --release --quiet --bin evex --target-dir target/bench-prof
        head -c 20000000 "$C50" | sed '$d' > "$DATA/slice-20mb.jsonl"
        perf record -q -F 1999 -g -o "$OUT/perf.data" target/bench-prof/release/evex extract "$DATA/slice-20mb.jsonl" \
            --out "$OUT/prof" --quiet --threads 1 "${SYNTH[@]}" 2>/dev/null
        set +o pipefail   # the report filters may legitimately match nothing
        top() { grep -v '^#' | grep -E '^ +[0-9]' | awk -v n="$1" 'NR <= n'; }
        { echo "== inclusive (children), evex/aho-corasick/csv/serde frames"
          perf report -i "$OUT/perf.data" --children --stdio --sort symbol -g none 2>/dev/null \
              | grep -E 'evex::|aho_corasick::|csv|serde' | top 40
          echo "== self time"
          perf report -i "$OUT/perf.data" --no-children --stdio --sort symbol -g none 2>/dev/null | top 40
          echo "== self time by evex source line (inlined std code is counted at its own file)"
          perf report -i "$OUT/perf.data" --no-children --stdio --sort srcline --full-source-path -g none 2>/dev/null \
              | grep "$ROOT/src/" | sed "s#$ROOT/##" | top 30
        } > target/bench-perf.txt
        set -o pipefail
        log "profile written to target/bench-perf.txt (perf.data in $OUT)"
    else
        log "--profile: perf not found (Debian: apt-get install linux-perf)"
    fi
fi

# ---------------------------------------------------------------- report
MB=$(calc %.1f "$BYTES / 1e6")
mbs() { calc %.2f "$BYTES / 1e6 / $1"; }   # MB/s for the corpus in SECONDS
T1_MBS=$(mbs "$T1_S")
T2_MBS=$(mbs "$T2_S")
FL_MBS=$(mbs "$FLOOR_S")
T1W_MBS=$(mbs "$T1_WALL")
FLW_MBS=$(mbs "$FLOOR_WALL")
T1F_MBS=$(mbs "$T1F_S")
RATIO=$(calc %.2f "$T1W_MBS / $FLW_MBS")
RATIO_RUN=$(calc %.2f "$T1_MBS / $FL_MBS")
SPEEDUP=$(calc %.2f "$T1_S / $T2_S")
SPEEDUP_FREE=$(calc %.2f "$T1F_S / $T2_S")
BRATIO=$(calc %.2f "$B_EVEX / $B_FLOOR")
BRATIO2=$(calc %.2f "$B_EVEX / $B_FOLDED")
mark() { if awk "BEGIN { exit !($1) }"; then echo PASS; else echo MISS; fi; }
row() { printf '%-46s %-44s %-13s %s\n' "$@"; }
{
    echo "evex benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet -- src 2>/dev/null || echo ' + uncommitted src changes'), best of $RUNS, load average at start $LOADAVG"
    echo "corpus: $MB MB, $DOCS docs, $(kv "$C50.info" words_per_entity) words per entity mention; gazetteer synth20k: $(kv "$G20.info" entries) entries, $(kv "$G20.info" aliases) forms"
    echo "evex found $ENTS entities and $EVENTS events; the floor counted $FLOOR_MATCHES whole-word matches; MB = 10^6 bytes of text"
    echo
    row "measure" "value" "target" "status"
    row "evex, one core, whole process" "$T1W_MBS MB/s (wall $(calc %.2f "$T1_WALL")s, CPU $T1_CPU)" "" ""
    row "floor, one core, whole process" "$FLW_MBS MB/s (wall $(calc %.2f "$FLOOR_WALL")s)" "" ""
    row "evex / floor, whole processes, one core" "${RATIO}x" ">= 0.5x" "$(mark "$RATIO >= 0.5")"
    row "evex, one core, without load" "$T1_MBS MB/s (summary seconds $(calc %.2f "$T1_S"))" "" ""
    row "floor, one core, scan without build" "$FL_MBS MB/s" "" ""
    row "evex / floor without load and build" "${RATIO_RUN}x" "(info)" ""
    row "evex --threads 1 unpinned (CPU $T1F_CPU)" "$T1F_MBS MB/s" "" ""
    row "evex --threads 2" "$T2_MBS MB/s (wall $(calc %.2f "$T2_WALL")s, CPU $T2_CPU)" "" ""
    row "evex 2 threads / one core" "${SPEEDUP}x" ">= 1.8x" "$(mark "$SPEEDUP >= 1.8")"
    row "evex 2 threads / --threads 1 unpinned" "${SPEEDUP_FREE}x" "(info)" ""
    row "200k build, evex gazetteer.build_seconds" "$(calc %.2f "$B_EVEX")s (load $(calc %.2f "$L_EVEX")s, $P_EVEX patterns)" "" ""
    row "200k build, floor on evex's exact patterns" "$(calc %.2f "$B_FOLDED")s ($P_FOLDED patterns, same kind)" "" ""
    row "200k build, floor on raw forms (LL, ASCII-CI)" "$(calc %.2f "$B_FLOOR")s ($P_FLOOR patterns)" "" ""
    row "evex build / floor, same patterns" "${BRATIO2}x" "<= 1.2x" "$(mark "$BRATIO2 <= 1.2")"
    row "evex build / floor, raw forms" "${BRATIO}x" "(info)" ""
    row "default gazetteers: load_seconds" "$(calc %.3f "$D_LOAD")s (build $(calc %.3f "$D_BUILD")s, $D_ENTRIES entries)" "< 0.5 s" "$(mark "$D_LOAD < 0.5")"
    row "peak RSS, 50 MB, 1 / 2 threads" "$T1_RSS / $T2_RSS MB" "" ""
    if [ "$LARGE" = 1 ]; then
        row "peak RSS, 500 MB, 2 threads" "$L_RSS MB ($(calc %.2f "$L_BYTES / 1e6 / $L_S") MB/s)" "<= 1.1x 50MB" \
            "$( [ "$L_RSS" = n/a ] && echo n/a || mark "$L_RSS <= 1.1 * $T2_RSS")"
    else
        row "peak RSS, 500 MB" "not run (use --large)" "<= 1.1x 50MB" "-"
    fi
    for r in "${W_ROWS[@]}"; do row "${r%%|*}" "${r#*|}" "" ""; done
    for l in "${PY_LINES[@]}"; do
        if [[ $l == *mb_per_s=* ]]; then
            set -- $l
            name=$1
            row "python $name (5 MB slice, 1 thr)" "$(echo "$l" | sed -n 's/.*mb_per_s=\([0-9.]*\).*/\1/p') MB/s (build $(echo "$l" | sed -n 's/.*build_seconds=\([0-9.]*\).*/\1/p')s)" "" ""
        else
            row "$l" "" "" ""
        fi
    done
} | tee "$REPORT"
log "report written to $REPORT"
