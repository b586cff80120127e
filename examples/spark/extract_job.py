"""A Spark job: articles (JSON Lines or Parquet) in, evex events and
entities (Parquet) out.

    spark-submit examples/spark/extract_job.py INPUT OUTPUT [options]

INPUT is a JSON Lines file or folder (``.jsonl``, gzipped or not) or
Parquet (``.parquet`` or a folder of Parquet files, with --parquet); OUTPUT
gets ``events/`` and ``entities/`` (Parquet). See README.md, "Spark", for
running it on a cluster.

JSON Lines are read as lines of text (``sparkContext.textFile``) and each
record is parsed by evex in the Python workers, as ``evex extract`` parses a
``.jsonl`` file: the JVM does no JSON parsing (nor any Spark SQL planning),
and the ids, texts and dates are the CLI's.
"""

import argparse
import time

from pyspark.sql import SparkSession

import evex.spark


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument(
        "--text-col", help="the text column (Parquet) or field (JSON; default: text, body, content)"
    )
    ap.add_argument("--id-col", help="the id column (Parquet; default: id) or field (JSON; default: id, doc_id)")
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
        help="read uncompressed Parquet in splits of at most this many megabytes "
        "(spark.sql.files.maxPartitionBytes, default 128): several per core "
        "keeps the cores evenly busy (JSON Lines are read in splits of the "
        "file system's block size, 32 MB for local files)",
    )
    ap.add_argument("--master", help="e.g. local[2] when run with plain python, not spark-submit")
    ap.add_argument("--driver-memory", help="e.g. 4g (local mode: the executors' memory too)")
    ap.add_argument(
        "--jvm-options",
        help="the driver JVM's options when this script starts it (default with a local "
        "--master: -XX:TieredStopAtLevel=1, see README, \"Spark\")",
    )
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
    jvm_options = args.jvm_options
    if jvm_options is None and (args.master or "").startswith("local"):
        # The JVM only splits lines and hands them to Python here: its
        # optimising compiler would spend more CPU than it saves.
        jvm_options = "-XX:TieredStopAtLevel=1"
    if jvm_options:
        builder = builder.config("spark.driver.extraJavaOptions", jvm_options)
    if args.split_mb:
        builder = builder.config("spark.sql.files.maxPartitionBytes", f"{args.split_mb}m")
    spark = builder.getOrCreate()
    started = time.perf_counter()
    if args.parquet:
        df = spark.read.parquet(args.input)
        columns = dict(text_col=args.text_col or "text", id_col=args.id_col or "id")
    else:
        # An RDD of lines: no query to plan, no rows to convert in the JVM.
        df = spark.sparkContext.textFile(args.input)
        fields = {k: v for k, v in (("text", args.text_col), ("id", args.id_col)) if v}
        columns = dict(json_fields=fields)
    if args.partitions:
        df = df.repartition(args.partitions)
    # One pass over the articles writes both tables (see
    # evex.spark.write_parquet; evex.spark.extract gives DataFrames instead).
    evex.spark.write_parquet(
        df,
        args.output,
        **columns,
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
