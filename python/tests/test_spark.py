"""evex.spark on a local[2] session: the events and entities equal the
CLI's on the same articles; user gazetteers reach the executors."""

import json
import os
import shutil
import subprocess
import sys

import pytest

import evex
from conftest import articles, evex_bin, normalised

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("PySpark needs Java (apt-get install openjdk-17-jre-headless)", allow_module_level=True)

import evex.spark  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("evex-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "3")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_rows_equal_the_cli(spark, tmp_path):
    docs = articles()
    path = tmp_path / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, text in docs:
            f.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    out = tmp_path / "cli"
    subprocess.run([evex_bin(), "extract", str(path), "--out", str(out), "--quiet"], check=True)
    cli = evex.read_output(out)

    df = spark.read.schema("id STRING, text STRING").json(str(path)).repartition(2)
    events, entities = evex.spark.extract(df, text_col="text", id_col="id")
    assert events.schema == evex.spark.schema("events")
    got = events.toPandas().drop(columns=["group_id"])
    key = ["doc_id", "start", "end", "rule"]
    import pandas as pd

    pd.testing.assert_frame_equal(
        normalised(evex.to_pandas(got), key),
        normalised(cli.events.drop(columns=["group_id"]), key),
    )
    got = entities.toPandas()
    ekey = ["doc_id", "start", "end"]
    pd.testing.assert_frame_equal(
        normalised(evex.to_pandas(got), ekey), normalised(cli.entities, ekey)
    )
    spark.catalog.clearCache()


def test_user_gazetteers_are_shipped_to_the_workers(spark, tmp_path):
    mine = tmp_path / "place_mine.tsv"
    mine.write_text("canonical\taliases\nZorvania\tZorvanian Republic\n", encoding="utf-8")
    df = spark.createDataFrame(
        [("z1", "Russia has deployed 2,000 troops to Zorvania."), ("z2", None)], "id string, text string"
    )
    events, entities = evex.spark.extract(df, gazetteers=[str(mine)], persist=False)
    rows = [(r.doc_id, r.actor, r.location) for r in events.collect()]
    assert rows == [("z1", "Russia", "Zorvania")]
    assert sorted(r.canonical for r in entities.collect()) == ["Russia", "Zorvania"]


def test_write_parquet_writes_both_tables_in_one_pass(spark, tmp_path):
    import pandas as pd

    ids, texts = zip(*articles())
    df = spark.createDataFrame(list(zip(ids, texts)), "id string, text string").repartition(2)
    evex.spark.write_parquet(df, str(tmp_path / "out"))
    assert sorted(os.listdir(tmp_path / "out")) == ["entities", "events"]
    batch = evex.Pipeline().extract_batch(texts, ids=ids)
    for table, key in (("events", ["doc_id", "start", "end", "rule"]), ("entities", ["doc_id", "start", "end"])):
        got = pd.read_parquet(tmp_path / "out" / table)
        assert list(got.columns) == evex.spark.schema(table).names
        want = evex.to_pandas(getattr(batch, table))
        pd.testing.assert_frame_equal(
            normalised(evex.to_pandas(got), key), normalised(want, key), check_dtype=False
        )
    # A table without rows is written too, with its columns.
    quiet = spark.createDataFrame([("q1", "Nothing happened.")], "id string, text string")
    evex.spark.write_parquet(quiet, str(tmp_path / "quiet"))
    assert list(pd.read_parquet(tmp_path / "quiet" / "events").columns) == evex.EVENT_FIELDS


def _jsonl(path, extra=()):
    """Writes the example articles as JSON Lines (with a date on the first)
    and `extra` lines after them."""
    with open(path, "w", encoding="utf-8") as f:
        for i, (doc_id, text) in enumerate(articles()):
            record = {"id": doc_id, "text": text}
            if i == 0:
                record["date"] = "2024-03-05"
            f.write(json.dumps(record) + "\n")
        for line in extra:
            f.write(line + "\n")
    return path


def _cli_tables(path, out):
    subprocess.run([evex_bin(), "extract", str(path), "--out", str(out), "--quiet"], check=True)
    return evex.read_output(out)


def _assert_parquet_equals_cli(out, cli):
    import pandas as pd

    for table, key in (("events", ["doc_id", "start", "end", "rule"]), ("entities", ["doc_id", "start", "end"])):
        got = pd.read_parquet(out / table)
        assert list(got.columns) == evex.spark.schema(table).names
        want = getattr(cli, table)
        got, want = got.drop(columns=["group_id"], errors="ignore"), want.drop(columns=["group_id"], errors="ignore")
        pd.testing.assert_frame_equal(
            normalised(evex.to_pandas(got), key), normalised(want, key), check_dtype=False
        )


def test_json_lines_read_by_evex_equal_the_cli_with_either_writer(spark, tmp_path):
    """`spark.read.text` lines (json_col) and an RDD of lines give the CLI's
    rows, dates included; a line that is not a document is skipped with a
    warning."""
    # The CLI reads the same records without the two bad lines (which make
    # it exit 3; they add no rows).
    cli = _cli_tables(_jsonl(tmp_path / "clean.jsonl"), tmp_path / "cli")
    path = _jsonl(tmp_path / "articles.jsonl", extra=['{"id": "broken", "text": ', '{"id": "no-text"}'])
    lines = spark.read.text(str(path)).repartition(2)
    with pytest.warns(UserWarning, match=r"evex: 2 records were not documents and were skipped \(first: (invalid_json|missing_text)"):
        evex.spark.write_parquet(lines, str(tmp_path / "arrow"), json_col="value", writer="arrow")
    _assert_parquet_equals_cli(tmp_path / "arrow", cli)
    assert (tmp_path / "arrow" / "events" / "_SUCCESS").exists()
    assert not [n for n in os.listdir(tmp_path / "arrow") if n.startswith("_evex")]
    evex.spark.write_parquet(lines, str(tmp_path / "spark"), json_col="value", writer="spark")
    _assert_parquet_equals_cli(tmp_path / "spark", cli)
    with pytest.warns(UserWarning):
        evex.spark.write_parquet(spark.sparkContext.textFile(str(path), 3), str(tmp_path / "rdd"))
    _assert_parquet_equals_cli(tmp_path / "rdd", cli)
    events, _ = evex.spark.extract(lines, json_col="value", persist=False)
    assert events.count() == len(cli.events)


def test_the_arrow_writer_modes(spark, tmp_path):
    import pandas as pd

    df = spark.createDataFrame([("m1", "Russia has deployed 2,000 troops to Belarus.")], "id string, text string")
    out = str(tmp_path / "out")
    evex.spark.write_parquet(df, out, writer="arrow")
    with pytest.raises(FileExistsError, match="already exists"):
        evex.spark.write_parquet(df, out, mode="error", writer="arrow")
    evex.spark.write_parquet(df, out, mode="append", writer="arrow")
    assert len(pd.read_parquet(tmp_path / "out" / "events")) == 2
    evex.spark.write_parquet(df, out, mode="ignore", writer="arrow")
    assert len(pd.read_parquet(tmp_path / "out" / "events")) == 2
    evex.spark.write_parquet(df, out, mode="overwrite", writer="arrow")
    assert len(pd.read_parquet(tmp_path / "out" / "events")) == 1
    with pytest.raises(ValueError, match="writer must be"):
        evex.spark.write_parquet(df, out, writer="pandas")


def test_a_bad_user_file_fails_the_arrow_writer_with_file_and_line(spark, tmp_path):
    bad = tmp_path / "place_bad.tsv"
    bad.write_text("canonical\ttype\nZorvania\tPLANET\n", encoding="utf-8")
    df = spark.createDataFrame([("z1", "Russia.")], "id string, text string")
    with pytest.raises(evex.ConfigError, match=r"place_bad\.tsv:2"):
        evex.spark.write_parquet(df, str(tmp_path / "out"), gazetteers=[str(bad)], writer="arrow")
    assert not (tmp_path / "out" / "events").exists()


def test_a_bad_user_file_fails_on_the_driver_with_file_and_line(spark, tmp_path):
    bad = tmp_path / "place_bad.tsv"
    bad.write_text("canonical\ttype\nZorvania\tPLANET\n", encoding="utf-8")
    df = spark.createDataFrame([("z1", "Russia.")], "id string, text string")
    with pytest.raises(evex.ConfigError, match=r"place_bad\.tsv:2"):
        evex.spark.extract(df, gazetteers=[str(bad)])


def test_the_example_job_writes_parquet(spark, tmp_path, monkeypatch):
    """examples/spark/extract_job.py, in this process (its getOrCreate finds
    the test session; it stops it at the end, so this test runs last)."""
    import importlib.util

    from conftest import ROOT

    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "j1", "text": "Iran and the United States held talks in Oman."}) + "\n",
        encoding="utf-8",
    )
    spec = importlib.util.spec_from_file_location("extract_job", ROOT / "examples/spark/extract_job.py")
    job = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(job)
    monkeypatch.setattr(sys, "argv", ["extract_job.py", str(path), str(tmp_path / "out")])
    job.main()
    import pandas as pd

    events = pd.read_parquet(tmp_path / "out" / "events")
    assert events[["doc_id", "event_type", "location"]].values.tolist() == [["j1", "NEGOTIATION", "Oman"]]
    assert len(pd.read_parquet(tmp_path / "out" / "entities")) == 3
