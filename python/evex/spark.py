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
    computed with ``mapInPandas``.

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

    return df.select(*cols).mapInPandas(run, _struct(names, first=[TABLE_COLUMN]))


def _dtype(name: str) -> str:
    """The pandas type of an empty column handed to Spark."""
    return "Int64" if _is_integer(name) else "float64" if _is_float(name) else "object"


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
    import pandas as pd

    pipeline = _worker_pipeline(key)
    for frame in batches:
        frame = frame[frame[text_col].notna()]
        texts = frame[text_col].tolist()
        ids = frame[id_col].astype(str).tolist() if id_col else [""] * len(texts)
        dates = None
        if date_col:
            dates = [None if d is None else str(d) for d in frame[date_col].tolist()]
        batch = pipeline.extract_batch(texts, ids, threads=1, dates=dates)
        parts = []
        for table, columns in (("events", batch.events), ("entities", batch.entities)):
            n = len(next(iter(columns.values()), []))
            if n == 0:
                continue
            data: Dict[str, Any] = {TABLE_COLUMN: [table] * n}
            for name in names:
                values = columns.get(name)
                if values is None:
                    data[name] = pd.Series([None] * n, dtype=_dtype(name))
                else:
                    data[name] = values
            parts.append(pd.DataFrame(data))
        if parts:
            yield pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
