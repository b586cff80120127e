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
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

from . import _evex
from ._frames import _is_float, _is_integer
from ._pipeline import Pipeline, _paths

#: Name of the column that tells the two tables apart in :func:`extract_rows`.
TABLE_COLUMN = "table"

#: The pipeline options that name files, shipped to the executors.
_FILE_OPTIONS = ("gazetteers", "rules", "patterns")

# One pipeline per worker process and configuration.
_PIPELINES: Dict[Any, Pipeline] = {}


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
    ids are empty), ``date_col`` an optional date. The other arguments are
    those of :class:`evex.Pipeline`; ``gazetteers``, ``rules`` and
    ``patterns`` are paths on the driver (files or folders), shipped to the
    executors.

    Both frames come from one pass over the articles: the rows of that pass
    are persisted (``persist=True``, memory then disk) so that using both
    frames does not extract twice; ``spark.catalog.clearCache()`` releases
    them. With ``persist=False`` each frame extracts on its own (two
    passes); :func:`extract_rows` gives the one-pass rows to manage
    yourself.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    rows = extract_rows(
        df,
        text_col,
        id_col,
        date_col,
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
    **pipeline_options: Any,
) -> None:
    """Extracts the articles of ``df`` and writes ``path/events`` and
    ``path/entities`` (Parquet, the columns of :func:`schema`), in one pass
    over the articles: the fastest way to a file.

    The rows of both tables are written once, as they come (no sort, no
    cache), into ``path/_evex_rows``; each table is then copied from there
    with its own columns (a columnar read of Parquet, much cheaper than
    extracting twice or persisting the rows: see README, "Spark"), and the
    temporary folder is removed. The arguments are those of
    :func:`extract`; ``mode`` is the writer's (``"overwrite"``,
    ``"error"``…).
    """
    spark = df.sparkSession
    rows = extract_rows(df, text_col, id_col, date_col, **pipeline_options)
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
    **pipeline_options: Any,
) -> Any:
    """Events and entities in one DataFrame: a ``table`` column
    (``"events"`` or ``"entities"``) and the union of both tables' columns.
    Useful to write both with ``partitionBy("table")`` in one pass."""
    spark = df.sparkSession
    sc = spark.sparkContext
    # Built once on the driver too: a mistake in a user file is reported
    # here, as `file:line`, before any task starts.
    Pipeline(**pipeline_options)
    config = dict(pipeline_options)
    for key in _FILE_OPTIONS:
        config[key] = tuple(_ship(sc, p) for p in _paths(config.get(key)))
    key = tuple(sorted(config.items()))
    names = _union_fields()
    cols = [text_col] + [c for c in (id_col, date_col) if c is not None]

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        return _run(batches, key, text_col, id_col, date_col, names)

    # Arrow in and out: the rows are built from buffers filled in Rust
    # (`Pipeline.extract_arrow`), with no pandas frame and no Python object
    # per value, which made the job several times slower than the CLI.
    return df.select(*cols).mapInArrow(run, _struct(names, first=[TABLE_COLUMN]))


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


def _run(
    batches: Iterator[Any],
    key: Any,
    text_col: str,
    id_col: Optional[str],
    date_col: Optional[str],
    names: List[str],
) -> Iterator[Any]:
    import pyarrow as pa

    pipeline = _worker_pipeline(key)
    schema = _arrow_schema(pa, names)
    for batch in batches:
        texts = batch.column(text_col)
        if texts.null_count:
            batch = batch.filter(texts.is_valid())
            texts = batch.column(text_col)
        ids = _strings(batch.column(id_col)) if id_col else [""] * batch.num_rows
        dates = _strings(batch.column(date_col), none=None) if date_col else None
        tables = pipeline.extract_arrow(texts.to_pylist(), ids, threads=1, dates=dates)
        for table, rows in zip(("events", "entities"), tables):
            if rows.num_rows:
                yield _union(pa, schema, table, rows)


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
