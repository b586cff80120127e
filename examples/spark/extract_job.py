"""A Spark job: articles (JSON Lines or Parquet) in, evex events and
entities (Parquet) out.

    spark-submit examples/spark/extract_job.py INPUT OUTPUT [options]

INPUT is a JSON Lines file or folder (``.jsonl``, ``.json``, gzipped or not)
or Parquet (``.parquet`` or a folder of Parquet files, with --parquet);
OUTPUT gets ``events/`` and ``entities/`` (Parquet). See README.md, "Spark",
for running it on a cluster.
"""

import argparse
import time

from pyspark.sql import SparkSession

import evex.spark


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--text-col", default="text")
    ap.add_argument("--id-col", default="id")
    ap.add_argument("--parquet", action="store_true", help="the input is Parquet")
    ap.add_argument("--gazetteers", action="append", default=[], help="file or folder; repeatable")
    ap.add_argument("--rules", action="append", default=[], help="file or folder; repeatable")
    ap.add_argument("--no-default-gazetteers", action="store_true", help="use only --gazetteers")
    ap.add_argument("--no-default-rules", action="store_true", help="use only --rules")
    ap.add_argument("--patterns", action="append", default=[], help="file or folder; repeatable")
    ap.add_argument("--no-default-patterns", action="store_true", help="use only --patterns")
    ap.add_argument(
        "--split-mb",
        type=int,
        default=0,
        help="read uncompressed input in splits of at most this many megabytes "
        "(spark.sql.files.maxPartitionBytes, default 128): several per core "
        "keeps the cores evenly busy",
    )
    ap.add_argument("--master", help="e.g. local[2] when run with plain python, not spark-submit")
    ap.add_argument("--driver-memory", help="e.g. 4g (local mode: the executors' memory too)")
    ap.add_argument(
        "--partitions",
        type=int,
        default=0,
        help="repartition the input into this many partitions (default: as read); "
        "a few per core, each tens of megabytes or more: every Python worker "
        "pays the pipeline load once",
    )
    args = ap.parse_args()

    builder = SparkSession.builder.appName("evex-extract")
    if args.master:
        builder = builder.master(args.master)
    if args.driver_memory:
        builder = builder.config("spark.driver.memory", args.driver_memory)
    if args.split_mb:
        builder = builder.config("spark.sql.files.maxPartitionBytes", f"{args.split_mb}m")
    spark = builder.getOrCreate()
    started = time.perf_counter()
    if args.parquet:
        df = spark.read.parquet(args.input)
    else:
        # A declared schema: Spark need not read the whole input to infer it.
        ddl = f"`{args.id_col}` STRING, `{args.text_col}` STRING"
        df = spark.read.schema(ddl).json(args.input)
    if args.partitions:
        df = df.repartition(args.partitions)
    # One pass over the articles writes both tables (see
    # evex.spark.write_parquet; evex.spark.extract gives DataFrames instead).
    evex.spark.write_parquet(
        df,
        args.output,
        text_col=args.text_col,
        id_col=args.id_col,
        gazetteers=args.gazetteers,
        rules=args.rules,
        default_gazetteers=not args.no_default_gazetteers,
        default_rules=not args.no_default_rules,
        patterns=args.patterns,
        default_patterns=not args.no_default_patterns,
    )
    print(f"evex: done in {time.perf_counter() - started:.1f} s (session start excluded)")
    spark.stop()


if __name__ == "__main__":
    main()
