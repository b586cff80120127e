"""evex on Spark: entities and events of a DataFrame of articles.

>>> from evex.spark import extract
>>> events, entities = extract(spark.read.json("articles.jsonl"), text_col="text", id_col="id")
>>> events.write.parquet("out/events")

Each Python worker process builds one :class:`evex.Pipeline` the first time
it needs it and keeps it for every later batch and task (Spark reuses its
Python workers), so the load (a few tenths of a second) is paid once per
process, not per batch. Your gazetteer, rule and pattern files are shipped
to the executors with ``SparkContext.addFile`` and found there with
``SparkFiles.get``. The rows equal those of ``evex extract`` on the same
documents (Spark does not keep their order: sort by ``doc_id``, ``start``).

Documents whose text is null are skipped.

JSON Lines need not be parsed by Spark: read them with ``spark.read.text``
and pass ``json_col="value"``; each record is then read by evex's own JSON
Lines reader, the CLI's, in the Python workers (the ids, texts, dates,
titles and URLs are those ``evex extract`` finds in the same file).

>>> lines = spark.read.text("articles.jsonl")
>>> write_parquet(lines, "out", json_col="value")     # out/events, out/entities
"""

from __future__ import annotations

import os
import shutil
import uuid
import warnings
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _evex
from ._frames import _is_float, _is_integer
from ._pipeline import Pipeline, _extract_column, _paths

#: Name of the column that tells the two tables apart in :func:`extract_rows`.
TABLE_COLUMN = "table"

#: The pipeline options that name files, shipped to the executors.
_FILE_OPTIONS = ("gazetteers", "rules", "patterns")

# One pipeline per worker process and configuration.
_PIPELINES: Dict[Any, Pipeline] = {}

#: The JSON field options of ``json_fields``, in the native call's order.
_JSON_FIELDS = ("id", "text", "date")

#: What the workers need to know of the input: ``(text_col, id_col,
#: date_col, json_col, json_fields)``.
_Input = Tuple[str, Optional[str], Optional[str], Optional[str], Optional[Tuple[List[str], ...]]]


def schema(table: str) -> Any:
    """The Spark schema (``StructType``) of ``"events"`` or ``"entities"``:
    offsets and sentence indexes as ``long``, ``quantity_value`` as
    ``double``, the rest as ``string``."""
    names = {"events": _evex.EVENT_FIELDS, "entities": _evex.ENTITY_FIELDS}[table]
    return _struct(names)


def _struct(names: Sequence[str], first: Sequence[str] = ()) -> Any:
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    def kind(n: str) -> Any:
        return LongType() if _is_integer(n) else DoubleType() if _is_float(n) else StringType()

    fields = [StructField(n, StringType(), False) for n in first]
    fields += [StructField(n, kind(n), True) for n in names]
    return StructType(fields)


def _union_fields() -> List[str]:
    names: List[str] = []
    for n in list(_evex.EVENT_FIELDS) + list(_evex.ENTITY_FIELDS):
        if n not in names:
            names.append(n)
    return names


def extract(
    df: Any,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    date_col: Optional[str] = None,
    *,
    json_col: Optional[str] = None,
    json_fields: Optional[Mapping[str, Union[str, Sequence[str]]]] = None,
    gazetteers: Union[str, Sequence[str], None] = None,
    rules: Union[str, Sequence[str], None] = None,
    default_gazetteers: bool = True,
    default_rules: bool = True,
    merge_events: bool = True,
    include_generic: bool = False,
    patterns: Union[str, Sequence[str], None] = None,
    default_patterns: bool = True,
    persist: bool = True,
) -> Tuple[Any, Any]:
    """``(events_df, entities_df)``: the rows of ``events.csv`` and
    ``entities.csv`` for the articles of ``df`` (``group_id`` empty),
    computed with ``mapInArrow``.

    ``text_col`` holds the text, ``id_col`` the document id (``None``: the
    ids are empty), ``date_col`` an optional date. Or ``json_col`` holds
    whole JSON Lines records (``spark.read.text``'s ``value``), read as
    ``evex extract`` reads a ``.jsonl`` file: ``json_fields`` maps
    ``"id"``, ``"text"`` and ``"date"`` to the field names to try (the
    CLI's ``--id-field``, ``--text-field``, ``--date-field``; default its
    defaults); records with no id get an empty one, and records that are
    not documents (not JSON, no text) are skipped. The other arguments are
    those of :class:`evex.Pipeline`; ``gazetteers``, ``rules`` and
    ``patterns`` are paths on the driver (files or folders), shipped to the
    executors.

    Both frames come from one pass over the articles: the rows of that pass
    are persisted (``persist=True``, memory then disk) so that using both
    frames does not extract twice; ``spark.catalog.clearCache()`` releases
    them. With ``persist=False`` each frame extracts on its own (two
    passes); :func:`extract_rows` gives the one-pass rows to manage
    yourself. To write files, :func:`write_parquet` is faster.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    rows = extract_rows(
        df,
        text_col,
        id_col,
        date_col,
        json_col=json_col,
        json_fields=json_fields,
        gazetteers=gazetteers,
        rules=rules,
        default_gazetteers=default_gazetteers,
        default_rules=default_rules,
        merge_events=merge_events,
        include_generic=include_generic,
        patterns=patterns,
        default_patterns=default_patterns,
    )
    if persist:
        rows = rows.persist(StorageLevel.MEMORY_AND_DISK)
    events = rows.where(F.col(TABLE_COLUMN) == "events").select(*_evex.EVENT_FIELDS)
    entities = rows.where(F.col(TABLE_COLUMN) == "entities").select(*_evex.ENTITY_FIELDS)
    return events, entities


def write_parquet(
    df: Any,
    path: str,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    date_col: Optional[str] = None,
    mode: str = "overwrite",
    *,
    json_col: Optional[str] = None,
    json_fields: Optional[Mapping[str, Union[str, Sequence[str]]]] = None,
    writer: str = "auto",
    **pipeline_options: Any,
) -> None:
    """Extracts the articles of ``df`` and writes ``path/events`` and
    ``path/entities`` (Parquet, the columns of :func:`schema`), in one pass
    over the articles: the fastest way to a file. The arguments are those
    of :func:`extract`; ``mode`` is the writer's (``"overwrite"``,
    ``"append"``, ``"ignore"``, ``"error"``), applied to each table.

    ``writer="arrow"``: each task's Python worker writes its rows to
    Parquet itself, with pyarrow, straight from the Arrow batches that
    evex fills; the rows never enter the JVM, and the driver commits the
    files of the successful tasks (renames them into place; a failed or
    speculative attempt leaves nothing behind). It needs ``path`` on a
    file system that the driver and every executor see as local files: any
    path in ``local[*]`` mode, a shared mount on a cluster.

    ``writer="spark"``: Spark's writer (any file system Spark writes:
    HDFS, S3…). The rows of both tables are written once, as they come,
    into ``path/_evex_rows``; each table is then copied from there with its
    own columns, and the staging folder removed. Several times the JVM
    work of ``"arrow"`` (see README, "Spark").

    ``writer="auto"`` (the default) is ``"arrow"`` when the master is
    ``local[...]`` and ``path`` is on the local file system, else
    ``"spark"``.

    ``df`` may also be an RDD of JSON Lines records, such as
    ``spark.sparkContext.textFile("articles.jsonl")``, read as with
    ``json_col``: with the Arrow writer the job then runs without Spark
    SQL (no query planning, no Arrow conversion in the JVM), the cheapest
    way from JSON Lines files to Parquet.
    """
    from pyspark import RDD

    sc = df.context if isinstance(df, RDD) else df.sparkSession.sparkContext
    target = _local_path(sc, path)
    if writer == "auto":
        writer = "arrow" if target is not None and sc.master.startswith("local") else "spark"
    if isinstance(df, RDD):
        json_col = "value"
    spec = _input(text_col, id_col, date_col, json_col, json_fields)
    if writer == "arrow":
        if target is None:
            raise ValueError(
                f"{path}: writer='arrow' writes with pyarrow on the executors and needs a "
                "local or shared-mount path (file:); use writer='spark' for HDFS, S3 and others"
            )
        _write_arrow(df, target, mode, spec, pipeline_options)
        return
    if writer != "spark":
        raise ValueError(f"writer must be 'auto', 'arrow' or 'spark', not {writer!r}")
    if isinstance(df, RDD):
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.getOrCreate()
        df = spark.createDataFrame(df.map(lambda line: (line,)), "value string")
    spark = df.sparkSession
    rows = extract_rows(df, text_col, id_col, date_col, json_col=json_col, json_fields=json_fields, **pipeline_options)
    base = path.rstrip("/")
    staged = base + "/_evex_rows"
    from pyspark.sql import functions as F

    rows.write.mode("overwrite").parquet(staged)
    staged_rows = spark.read.schema(rows.schema).parquet(staged)
    for table in ("events", "entities"):
        frame = staged_rows.where(F.col(TABLE_COLUMN) == table).select(*schema(table).names)
        frame.write.mode(mode).parquet(f"{base}/{table}")
    jvm = spark.sparkContext._jvm
    root = jvm.org.apache.hadoop.fs.Path(staged)
    root.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(root, True)


def extract_rows(
    df: Any,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    date_col: Optional[str] = None,
    *,
    json_col: Optional[str] = None,
    json_fields: Optional[Mapping[str, Union[str, Sequence[str]]]] = None,
    **pipeline_options: Any,
) -> Any:
    """Events and entities in one DataFrame: a ``table`` column
    (``"events"`` or ``"entities"``) and the union of both tables' columns.
    Useful to write both with ``partitionBy("table")`` in one pass. The
    arguments are those of :func:`extract`."""
    spec = _input(text_col, id_col, date_col, json_col, json_fields)
    key = _shipped_config(df.sparkSession.sparkContext, pipeline_options)
    names = _union_fields()

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        return _run(batches, key, spec, names)

    # Arrow in and out: the texts go to Rust as Arrow buffers and the rows
    # come back as buffers filled in Rust (`_extract_column`), with no
    # pandas frame and no Python object per value, which made the job
    # several times slower than the CLI.
    return df.select(*_input_columns(spec)).mapInArrow(run, _struct(names, first=[TABLE_COLUMN]))


def _input(
    text_col: str,
    id_col: Optional[str],
    date_col: Optional[str],
    json_col: Optional[str],
    json_fields: Optional[Mapping[str, Union[str, Sequence[str]]]],
) -> _Input:
    """The checked description of the input columns."""
    fields = None
    if json_fields is not None and json_col is None:
        raise ValueError("json_fields names fields of JSON records: give json_col too")
    if json_col is not None:
        given = dict(json_fields or {})
        unknown = sorted(set(given) - set(_JSON_FIELDS))
        if unknown:
            raise ValueError(f"json_fields: unknown key {unknown[0]!r} (use 'id', 'text' or 'date')")
        fields = tuple(_names(given.get(k)) for k in _JSON_FIELDS)
    return (text_col, id_col, date_col, json_col, fields)


def _names(given: Union[str, Sequence[str], None]) -> List[str]:
    if given is None:
        return []
    return [given] if isinstance(given, str) else list(given)


def _input_columns(spec: _Input) -> List[str]:
    text_col, id_col, date_col, json_col, _ = spec
    if json_col is not None:
        return [json_col]
    return [text_col] + [c for c in (id_col, date_col) if c is not None]


def _shipped_config(sc: Any, pipeline_options: Dict[str, Any], check: bool = True) -> Any:
    """The workers' pipeline configuration (hashable), with the user's
    files shipped to the executors. With ``check``, the pipeline is built
    here on the driver too: a mistake in a user file is reported as
    `file:line` before any task starts."""
    if check:
        Pipeline(**pipeline_options)
    config = dict(pipeline_options)
    for key in _FILE_OPTIONS:
        config[key] = tuple(_ship(sc, p) for p in _paths(config.get(key)))
    return tuple(sorted(config.items()))


def _ship(sc: Any, path: str) -> str:
    """Adds a user file or folder to the job; returns the name to ask
    ``SparkFiles`` for."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such gazetteer, rule or pattern file or folder")
    sc.addFile(os.path.abspath(path), recursive=os.path.isdir(path))
    return os.path.basename(os.path.normpath(path))


def _worker_pipeline(key: Any) -> Pipeline:
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        from pyspark import SparkFiles

        config = dict(key)
        for k in _FILE_OPTIONS:
            config[k] = [SparkFiles.get(name) for name in config[k]]
        pipeline = Pipeline(**config)
        _PIPELINES[key] = pipeline
    return pipeline


def _batch_tables(pa: Any, pipeline: Pipeline, batch: Any, spec: _Input) -> Tuple[Any, Any, List[Any]]:
    """``(events, entities, rejects)`` of one Arrow batch of articles, on
    one thread (Spark runs one task per core)."""
    text_col, id_col, date_col, json_col, fields = spec
    if json_col is not None:
        return _extract_column(pipeline, pa, batch.column(json_col), None, None, fields, 1)
    ids = _strings(batch.column(id_col)) if id_col else [""] * batch.num_rows
    dates = _strings(batch.column(date_col), none=None) if date_col else None
    return _extract_column(pipeline, pa, batch.column(text_col), ids, dates, None, 1)


def _run(batches: Iterator[Any], key: Any, spec: _Input, names: List[str]) -> Iterator[Any]:
    import pyarrow as pa

    pipeline = _worker_pipeline(key)
    schema = _arrow_schema(pa, names)
    for batch in _prefetched(batches):
        events, entities, _ = _batch_tables(pa, pipeline, batch, spec)
        for table, rows in (("events", events), ("entities", entities)):
            if rows.num_rows:
                yield _union(pa, schema, table, rows)


def _prefetched(batches: Iterator[Any], depth: int = 2) -> Iterator[Any]:
    """`batches`, read up to `depth` ahead on a thread while evex works on
    the current one (with the GIL released). Without it the JVM sends the
    next batch only once the worker asks for it, through a 64 KiB socket
    buffer: hundreds of round trips per batch between two processes, each
    waiting for a core, which on a busy machine cost more than the
    extraction."""
    import queue
    import threading

    ahead: "queue.Queue[Any]" = queue.Queue(depth)
    end = object()

    def pull() -> None:
        try:
            for batch in batches:
                ahead.put((batch, None))
        except BaseException as e:  # handed to the consumer
            ahead.put((None, e))
        ahead.put((end, None))

    threading.Thread(target=pull, name="evex-prefetch", daemon=True).start()
    while True:
        batch, error = ahead.get()
        if error is not None:
            raise error
        if batch is end:
            return
        yield batch


def _strings(column: Any, none: Optional[str] = "None") -> List[Optional[str]]:
    """A column's values as strings (ids and dates of any type), nulls as
    `none`."""
    return [none if v is None else str(v) for v in column.to_pylist()]


def _arrow_schema(pa: Any, names: List[str]) -> Any:
    """The Arrow schema of :func:`extract_rows`'s rows."""

    def kind(n: str) -> Any:
        return pa.int64() if _is_integer(n) else pa.float64() if _is_float(n) else pa.string()

    fields = [pa.field(TABLE_COLUMN, pa.string(), nullable=False)]
    return pa.schema(fields + [pa.field(n, kind(n)) for n in names])


def _union(pa: Any, schema: Any, table: str, rows: Any) -> Any:
    """`rows` of one table with the `table` column first and nulls in the
    other table's columns."""
    n = rows.num_rows
    have = set(rows.schema.names)
    arrays = [pa.repeat(pa.scalar(table, pa.string()), n)]
    for f in list(schema)[1:]:
        arrays.append(rows.column(f.name) if f.name in have else pa.nulls(n, f.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


# ---------------------------------------------------------------- the Arrow writer

#: What each task of the Arrow writer reports: a file it wrote (``table``,
#: ``file``, ``rows``), or (``table`` empty) how many records were not
#: documents and why the first was not.
_TASK_SCHEMA = "table string, file string, rows long, rejects long, reject string"


def _local_path(sc: Any, path: str) -> Optional[str]:
    """``path`` as a local path when Spark resolves it to the local file
    system (``file:``, or no scheme and a local default file system), else
    ``None``."""
    jpath = sc._jvm.org.apache.hadoop.fs.Path(path)
    uri = jpath.getFileSystem(sc._jsc.hadoopConfiguration()).makeQualified(jpath).toUri()
    return uri.getPath() if uri.getScheme() == "file" else None


def _write_arrow(df: Any, base: str, mode: str, spec: _Input, pipeline_options: Dict[str, Any]) -> None:
    """:func:`write_parquet` with ``writer="arrow"``: the tasks write their
    files into a staging folder, the driver moves those of the successful
    attempts (the ones ``collect`` returns) into place."""
    mode = {"default": "error", "errorifexists": "error"}.get(mode.lower(), mode.lower())
    if mode not in ("overwrite", "append", "ignore", "error"):
        raise ValueError(f"mode must be 'overwrite', 'append', 'ignore' or 'error', not {mode!r}")
    tables = ["events", "entities"]
    for table in list(tables):
        if os.path.exists(os.path.join(base, table)):
            if mode == "error":
                raise FileExistsError(
                    f"{os.path.join(base, table)} already exists: remove it, or pass mode='overwrite' or 'append'"
                )
            if mode == "ignore":
                tables.remove(table)
    if not tables:
        return
    from pyspark import RDD

    rdd = isinstance(df, RDD)
    key = _shipped_config(df.context if rdd else df.sparkSession.sparkContext, pipeline_options, check=False)
    job = uuid.uuid4().hex
    staging = os.path.join(base, f"_evex_staging_{job}")

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        return _write_task(batches, key, spec, staging, tables)

    def run_lines(lines: Iterator[str]) -> Iterator[Dict[str, Any]]:
        for report in _write_task(_line_batches(lines), key, spec, staging, tables):
            yield from report.to_pylist()

    # The driver checks the user's files while the job runs (the check
    # takes as long as a worker's pipeline load, which it would otherwise
    # delay); a mistake in them fails the tasks too, and is then reported
    # as the driver's `ConfigError` (`file:line`).
    with ThreadPoolExecutor(1) as pool:
        check = pool.submit(Pipeline, **pipeline_options)
        try:
            try:
                if rdd:
                    reports = df.mapPartitions(run_lines).collect()
                else:
                    rows = df.select(*_input_columns(spec)).mapInArrow(run, _TASK_SCHEMA).collect()
                    reports = [r.asDict() for r in rows]
            except Exception:
                check.result()
                raise
            check.result()
            rejects = [r for r in reports if not r["table"]]
            count = sum(r["rejects"] for r in rejects)
            if count:
                first = next(r["reject"] for r in rejects if r["rejects"])
                warnings.warn(f"evex: {count} records were not documents and were skipped (first: {first})")
            for table in tables:
                files = [r["file"] for r in reports if r["table"] == table]
                _commit(_parquet_schema(table), os.path.join(base, table), files, mode, job)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


#: Records per Arrow batch handed to evex from an RDD of lines (Spark's
#: ``maxRecordsPerBatch`` default), and at most this much text.
_LINE_BATCH = (10_000, 64 << 20)


def _line_batches(lines: Iterator[str]) -> Iterator[Any]:
    """An RDD partition's lines as Arrow batches of one ``value`` column."""
    import pyarrow as pa

    batch: List[str] = []
    size = 0
    for line in lines:
        batch.append(line)
        size += len(line)
        if len(batch) >= _LINE_BATCH[0] or size >= _LINE_BATCH[1]:
            yield pa.RecordBatch.from_arrays([pa.array(batch, pa.string())], names=["value"])
            batch, size = [], 0
    if batch:
        yield pa.RecordBatch.from_arrays([pa.array(batch, pa.string())], names=["value"])


def _parquet_schema(table: str) -> Any:
    """The pyarrow schema of ``"events"`` or ``"entities"`` (the columns of
    :func:`schema`)."""
    import pyarrow as pa

    names = {"events": _evex.EVENT_FIELDS, "entities": _evex.ENTITY_FIELDS}[table]
    return _arrow_schema(pa, list(names)).remove(0)


def _write_task(batches: Iterator[Any], key: Any, spec: _Input, staging: str, tables: List[str]) -> Iterator[Any]:
    """One task of the Arrow writer: extracts its batches and appends each
    table's rows to its own Parquet file (one per task attempt)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyspark import TaskContext

    task = TaskContext.get()
    name = f"part-{task.partitionId():05d}-{task.attemptNumber()}.parquet"
    pipeline = _worker_pipeline(key)
    writers: Dict[str, Any] = {}
    rows = {t: 0 for t in tables}
    rejects, first = 0, ""
    try:
        for batch in _prefetched(batches):
            events, entities, rejected = _batch_tables(pa, pipeline, batch, spec)
            if rejected and not rejects:
                reason, detail, doc_id = rejected[0]
                first = f"{reason}: {detail}" + (f" (doc_id {doc_id})" if doc_id else "")
            rejects += len(rejected)
            for table, part in (("events", events), ("entities", entities)):
                if table not in rows or not part.num_rows:
                    continue
                if table not in writers:
                    os.makedirs(os.path.join(staging, table), exist_ok=True)
                    writers[table] = pq.ParquetWriter(os.path.join(staging, table, name), part.schema)
                writers[table].write_batch(part)
                rows[table] += part.num_rows
    finally:
        for w in writers.values():
            w.close()
    report = {
        "table": [t for t in writers] + [""],
        "file": [os.path.join(staging, t, name) for t in writers] + [""],
        "rows": [rows[t] for t in writers] + [0],
        "rejects": [0] * len(writers) + [rejects],
        "reject": [""] * len(writers) + [first],
    }
    yield pa.RecordBatch.from_pydict(report)


def _commit(schema: Any, target: str, files: List[str], mode: str, job: str) -> None:
    """Moves the tasks' files of one table into ``target`` (emptied first
    for ``mode="overwrite"``); a table with no rows gets one empty file
    with its columns, as Spark's writer leaves; ``_SUCCESS`` marks it
    complete."""
    import pyarrow.parquet as pq

    if mode == "overwrite" and os.path.exists(target):
        shutil.rmtree(target)
    os.makedirs(target, exist_ok=True)
    for i, f in enumerate(sorted(files)):
        os.replace(f, os.path.join(target, f"part-{i:05d}-{job}.snappy.parquet"))
    if not any(n.endswith(".parquet") for n in os.listdir(target)):
        pq.write_table(schema.empty_table(), os.path.join(target, f"part-00000-{job}.snappy.parquet"))
    open(os.path.join(target, "_SUCCESS"), "wb").close()
