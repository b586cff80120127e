"""Throughput of the Python package against the CLI (issue 12's targets).

    python scripts/bench/python_bench.py batch CORPUS.jsonl GAZETTEER.tsv [--runs N]
    python scripts/bench/python_bench.py spark CORPUS.jsonl GAZETTEER.tsv [--runs N]

Run it with the Python of a virtual environment where the wheel, pandas,
pyarrow (and pyspark for `spark`) are installed, after `cargo build
--release`; CORPUS and GAZETTEER come from scripts/bench.sh
(target/bench-data/, or `bench_gen corpus --mb 200` for the Spark run).

batch: `Pipeline.extract_batch(threads=1)` (extraction and conversion to
Python columns; the JSON parsing and the pipeline load are not counted)
against `evex extract --threads 1` (summary.json `seconds`: read, process,
write; load excluded), both pinned to one core with taskset when there is
one, in turns.

spark: `examples/spark/extract_job.py` on `local[2]` (JSON Lines read with
`textFile`, parsed and extracted by evex in the Python workers, Parquet
written by them with pyarrow; the JVM with C1 only; time from after the
session start to the end of both Parquet writes) against `evex extract
--threads 2` (whole process), in turns; then checks that the sorted rows are
identical. Each run also reports the CPU seconds (user + system) of the
whole process tree (the JVM and the Python workers for Spark, session start
included) and the load average, since the machine may be shared.

MB/s is 10^6 bytes of article text per second.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EVEX = os.path.join(ROOT, "target", "release", "evex")


def pinned(cmd):
    return (["taskset", "-c", "0"] + cmd) if shutil.which("taskset") and os.cpu_count() > 1 else cmd


def children_cpu():
    """CPU seconds of the finished child processes (and theirs)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def tree_cpu_run(cmd, **kw):
    """Runs `cmd` and returns (its result, the CPU seconds of it and all its
    descendants). Spark's JVM and Python workers are not all waited for
    when the job ends, so they are sampled in /proc every 0.1 s (each
    process's last sample counts; what a process does in its last 0.1 s
    may be missed)."""
    import threading

    tick = os.sysconf("SC_CLK_TCK")
    seen = {}

    def sample(root):
        parents, cpu = {}, {}
        for p in os.listdir("/proc"):
            if not p.isdigit():
                continue
            try:
                with open(f"/proc/{p}/stat") as f:
                    rest = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(p)] = int(rest[1])
            cpu[int(p)] = (int(rest[11]) + int(rest[12])) / tick
        for pid in cpu:
            q = pid
            while q in parents and q != root:
                q = parents[q]
            if q == root:
                seen[pid] = cpu[pid]

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    done = threading.Event()

    def loop():
        while not done.wait(0.1):
            sample(proc.pid)

    t = threading.Thread(target=loop)
    t.start()
    out, err = proc.communicate()
    done.set()
    t.join()
    if proc.returncode:
        sys.exit(f"{cmd[0]} failed:\n{err}")
    return out, sum(seen.values())


def cli(corpus, gazetteer, threads, out):
    cmd = [EVEX, "extract", corpus, "--out", out, "--quiet", "--threads", str(threads),
           "--no-default-gazetteers", "--gazetteers", gazetteer]
    started = time.perf_counter()
    subprocess.run(pinned(cmd) if threads == 1 else cmd, check=True)
    wall = time.perf_counter() - started
    cli.cpu = children_cpu()
    with open(os.path.join(out, "summary.json")) as f:
        summary = json.load(f)
    return summary["seconds"], wall, summary["text_bytes"]


def batch(args):
    texts, ids = [], []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            texts.append(d["text"])
            ids.append(str(d["id"]))
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    code = (
        "import json, sys, time, evex\n"
        "texts, ids = json.load(open(sys.argv[1]))\n"
        "p = evex.Pipeline(gazetteers=[sys.argv[2]], default_gazetteers=False)\n"
        "t = time.perf_counter(); b = p.extract_batch(texts, ids=ids, threads=1)\n"
        "print(time.perf_counter() - t, len(b.entities['doc_id']), len(b.events['doc_id']))\n"
    )
    tmp = tempfile.mkdtemp()
    docs = os.path.join(tmp, "docs.json")
    with open(docs, "w") as f:
        json.dump([texts, ids], f)
    py, cl = [], []
    for run in range(args.runs):
        out = subprocess.run(pinned([sys.executable, "-c", code, docs, args.gazetteer]),
                             check=True, capture_output=True, text=True).stdout.split()
        py.append(float(out[0]))
        seconds, _, _ = cli(args.corpus, args.gazetteer, 1, os.path.join(tmp, "cli"))
        cl.append(seconds)
        print(f"run {run + 1}: extract_batch {mb / py[-1]:.1f} MB/s ({out[1]} entities, "
              f"{out[2]} events), CLI {mb / cl[-1]:.1f} MB/s", flush=True)
    best_py, best_cli = min(py), min(cl)
    print(f"{mb:.1f} MB; best of {args.runs}: extract_batch(threads=1) {mb / best_py:.1f} MB/s, "
          f"CLI --threads 1 {mb / best_cli:.1f} MB/s: {best_cli / best_py:.2f}x "
          f"(runs: {', '.join(f'{c / p:.2f}' for p, c in zip(py, cl))})")
    shutil.rmtree(tmp)


def spark(args):
    import pandas as pd

    tmp = tempfile.mkdtemp()
    job = os.path.join(ROOT, "examples", "spark", "extract_job.py")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    sp, cl = [], []
    for run in range(args.runs):
        out = os.path.join(tmp, "spark")
        stdout, spark_cpu = tree_cpu_run(
            [sys.executable, job, args.corpus, out, "--gazetteers", args.gazetteer,
             "--master", "local[2]", "--driver-memory", "4g", "--no-default-gazetteers"]
            + (["--split-mb", str(args.split_mb)] if args.split_mb else [])
            + ["--" + o for o in args.job_option],
            env=env,
        )
        spark_load = os.getloadavg()[0]
        line = [l for l in stdout.splitlines() if l.startswith("evex: done in")][-1]
        sp.append(float(line.split()[3]))
        cpu0 = children_cpu()
        _, wall, nbytes = cli(args.corpus, args.gazetteer, 2, os.path.join(tmp, "cli"))
        cli_cpu = cli.cpu - cpu0
        cl.append(wall)
        print(f"run {run + 1}: spark local[2] {sp[-1]:.1f} s (process tree {spark_cpu:.1f} CPU s, "
              f"load {spark_load:.1f}), CLI --threads 2 {wall:.1f} s ({cli_cpu:.1f} CPU s, load "
              f"{os.getloadavg()[0]:.1f}): {sp[-1] / wall:.2f}x", flush=True)
    mb = nbytes / 1e6
    print(f"{mb:.0f} MB; best of {args.runs}: spark {min(sp):.1f} s ({mb / min(sp):.1f} MB/s), "
          f"CLI {min(cl):.1f} s ({mb / min(cl):.1f} MB/s): {min(sp) / min(cl):.2f}x the CLI's time "
          f"(runs: {', '.join(f'{s / c:.2f}' for s, c in zip(sp, cl))})")
    for table, key in (("events", ["doc_id", "start", "end", "rule"]), ("entities", ["doc_id", "start", "end"])):
        # Group ids are formed by a CLI run only.
        got = pd.read_parquet(os.path.join(tmp, "spark", table)).drop(columns=["group_id"], errors="ignore")
        want = pd.read_csv(os.path.join(tmp, "cli", table + ".csv"), dtype=str, keep_default_na=False)
        want = want.drop(columns=["group_id"], errors="ignore")
        # Numbers as the CSV writes them (no fraction when there is none).
        for c in got.columns:
            if got[c].dtype.kind == "f":
                got[c] = got[c].map(lambda x: "" if pd.isna(x) else str(int(x)) if x.is_integer() else repr(x))
        got = got.astype(str).replace({"None": ""}).sort_values(key).reset_index(drop=True)
        want = want.astype(str).sort_values(key).reset_index(drop=True)
        # The CSV guards formula-like cells with a leading quote.
        for c in want.columns:
            if c != "text":
                want[c] = want[c].str.replace(r"^'(?=[=+\-@\t\r])", "", regex=True)
        same = got[list(want.columns)].equals(want)
        print(f"{table}: {len(got)} rows from Spark, {len(want)} from the CLI: "
              f"{'identical' if same else 'DIFFERENT'} after sorting")
    shutil.rmtree(tmp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=["batch", "spark"])
    ap.add_argument("corpus")
    ap.add_argument("gazetteer")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--job-option", action="append", default=[], metavar="NAME=VALUE",
                    help="spark: another option of the example job, e.g. jvm-options=-Xss4m")
    ap.add_argument("--split-mb", type=int, default=0,
                    help="spark: the example job's --split-mb (default: Spark's splits)")
    args = ap.parse_args()
    {"batch": batch, "spark": spark}[args.what](args)


if __name__ == "__main__":
    main()
