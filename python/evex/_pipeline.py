"""The pipeline, its results as records, and batches as columns."""

from __future__ import annotations

import os
from array import array
from collections import namedtuple
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _evex

#: One entity mention: the columns of ``entities.csv`` (``start``/``end`` are
#: UTF-8 byte offsets, as in the CSV; ``start_char``/``end_char`` the same
#: span as Python string indexes: ``text[e.start_char:e.end_char] == e.text``).
Entity = namedtuple("Entity", _evex.ENTITY_FIELDS)  # type: ignore[misc]

#: One event: the columns of ``events.csv`` (``group_id`` is ``None``: groups
#: are formed across the documents of a CLI run).
Event = namedtuple("Event", _evex.EVENT_FIELDS)  # type: ignore[misc]

Columns = Dict[str, Any]  # name -> list, or array.array("q") for integers
PathLike = Union[str, "os.PathLike[str]"]


class Extraction:
    """What one document yields: ``entities`` and ``events``, lists of
    records in text order."""

    __slots__ = ("entities", "events")

    def __init__(self, entities: List[Entity], events: List[Event]) -> None:
        self.entities = entities
        self.events = events

    def __repr__(self) -> str:
        return f"Extraction({len(self.entities)} entities, {len(self.events)} events)"


class Batch:
    """What a batch of documents yields, as columns: ``events`` and
    ``entities`` are dicts from column name to values, ready for
    ``pandas.DataFrame(batch.events)``. Offsets and sentence indexes are
    ``array.array("q")`` (int64 in one buffer, which numpy and pandas take
    without a Python object per value); the other columns are lists of
    strings (floats for ``quantity_value``), ``None`` for empty cells. Rows are in input order, then text
    order, as in the CLI's CSV files."""

    __slots__ = ("events", "entities")

    def __init__(self, events: Columns, entities: Columns) -> None:
        self.events = events
        self.entities = entities

    def to_pandas(self) -> Tuple[Any, Any]:
        """``(events_df, entities_df)`` with typed columns (see
        :func:`evex.to_pandas`)."""
        from ._frames import to_pandas

        return to_pandas(self.events), to_pandas(self.entities)

    def to_arrow(self) -> Tuple[Any, Any]:
        """``(events, entities)`` as ``pyarrow.Table``s (the integer
        buffers are shared, not copied)."""
        import pyarrow as pa

        def table(columns: Columns) -> Any:
            return pa.table({name: _arrow(pa, name, v) for name, v in columns.items()})

        return table(self.events), table(self.entities)

    def __repr__(self) -> str:
        n = lambda cols: len(next(iter(cols.values()), []))  # noqa: E731
        return f"Batch({n(self.events)} events, {n(self.entities)} entities)"


def _paths(paths: Union[PathLike, Iterable[PathLike], None]) -> List[str]:
    if paths is None:
        return []
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


class Pipeline:
    """A compiled evex pipeline: gazetteers loaded, automaton built, rules
    parsed. Build it once (it takes a few tenths of a second) and reuse it;
    it is safe to share between threads.

    ``gazetteers``, ``rules`` and ``patterns`` are your files or folders
    (``.tsv``, ``.rules``, ``.patterns``), merged over the built-in defaults
    unless ``default_gazetteers`` / ``default_rules`` / ``default_patterns``
    is false; the same as the CLI's ``--gazetteers``, ``--rules``,
    ``--patterns``, ``--no-default-*``.
    ``merge_events=False`` is ``--keep-duplicates``; ``include_generic=True``
    is ``--include-generic``.

    A mistake in one of your files raises :class:`evex.ConfigError` whose
    message starts with ``file:line``.

    >>> p = Pipeline()
    >>> ex = p.extract("Russia has deployed 5,000 troops to Belarus.", doc_id="d1")
    >>> [(e.event_type, e.actor, e.location) for e in ex.events]
    [('DEPLOYMENT', 'Russia', 'Belarus')]
    """

    __slots__ = ("_native", "config")

    def __init__(
        self,
        gazetteers: Union[PathLike, Sequence[PathLike], None] = None,
        rules: Union[PathLike, Sequence[PathLike], None] = None,
        default_gazetteers: bool = True,
        default_rules: bool = True,
        merge_events: bool = True,
        include_generic: bool = False,
        patterns: Union[PathLike, Sequence[PathLike], None] = None,
        default_patterns: bool = True,
    ) -> None:
        self.config = dict(
            gazetteers=_paths(gazetteers),
            rules=_paths(rules),
            default_gazetteers=default_gazetteers,
            default_rules=default_rules,
            merge_events=merge_events,
            include_generic=include_generic,
            patterns=_paths(patterns),
            default_patterns=default_patterns,
        )
        self._native = _evex.Pipeline(**self.config)

    @property
    def load_seconds(self) -> float:
        """Seconds it took to load and compile the gazetteers, rules and
        patterns."""
        return self._native.load_seconds

    def extract(
        self, text: str, doc_id: Optional[str] = None, date: Optional[str] = None
    ) -> Extraction:
        """Entities and events of one text, as records (:data:`Entity`,
        :data:`Event`). ``doc_id`` fills the ``doc_id`` field (default
        ``""``)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        events, entities = self._native.extract_batch(
            [text], ["" if doc_id is None else str(doc_id)], [date], 1
        )
        return Extraction(_records(Entity, entities), _records(Event, events))

    def extract_batch(
        self,
        texts: Iterable[str],
        ids: Optional[Iterable[Any]] = None,
        threads: Optional[int] = None,
        dates: Optional[Iterable[Optional[str]]] = None,
    ) -> Batch:
        """Entities and events of many texts, as columns (:class:`Batch`).

        The texts are processed in parallel on ``threads`` threads (default:
        all cores) with the GIL released; the rows are in input order
        whatever the number of threads. ``ids`` (one per text, turned into
        strings) fill ``doc_id``; the default is the position: ``"0"``,
        ``"1"``, ...
        """
        events, entities = self._native.extract_batch(*_batch_args(texts, ids, threads, dates))
        return Batch(events, entities)

    def extract_arrow(
        self,
        texts: Any,
        ids: Optional[Iterable[Any]] = None,
        threads: Optional[int] = None,
        dates: Optional[Iterable[Optional[str]]] = None,
    ) -> Tuple[Any, Any]:
        """:meth:`extract_batch` as two ``pyarrow.RecordBatch`` es,
        ``(events, entities)``, built straight from buffers filled in Rust
        (no Python object per value: the fastest way out, and what
        :mod:`evex.spark` uses). Offsets are ``int64``, ``quantity_value``
        ``float64``, the other columns ``string``; empty cells are null.

        ``texts`` may also be a ``pyarrow`` string array (or chunked
        array): its buffers go to Rust as they are, with no Python string
        per text; null texts give no rows."""
        import pyarrow as pa

        if isinstance(texts, (pa.Array, pa.ChunkedArray)):
            n = len(texts)
            id_list = [str(i) for i in range(n)] if ids is None else [str(i) for i in ids]
            if len(id_list) != n:
                raise ValueError(f"{len(id_list)} ids for {n} texts: give one id per text")
            if threads is not None and threads < 1:
                raise ValueError("threads must be at least 1 (or None for all cores)")
            date_list = None if dates is None else list(dates)
            events, entities, _ = _extract_column(self, pa, texts, id_list, date_list, None, threads or 0)
            return events, entities
        events, entities = self._native.extract_arrow(*_batch_args(texts, ids, threads, dates))
        return _record_batch(pa, events), _record_batch(pa, entities)

    def __repr__(self) -> str:
        return f"evex.Pipeline({self.config!r})"


def _batch_args(
    texts: Iterable[str],
    ids: Optional[Iterable[Any]],
    threads: Optional[int],
    dates: Optional[Iterable[Optional[str]]],
) -> Tuple[List[str], List[str], Optional[List[Optional[str]]], int]:
    """The checked arguments of the native batch calls."""
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] must be a str, not {type(t).__name__}")
    id_list = [str(i) for i in range(len(texts))] if ids is None else [str(i) for i in ids]
    if len(id_list) != len(texts):
        raise ValueError(f"{len(id_list)} ids for {len(texts)} texts: give one id per text")
    if threads is not None and threads < 1:
        raise ValueError("threads must be at least 1 (or None for all cores)")
    date_list = None if dates is None else list(dates)
    return texts, id_list, date_list, threads or 0


def _extract_column(
    pipeline: Pipeline,
    pa: Any,
    column: Any,
    ids: Optional[List[str]],
    dates: Optional[List[Optional[str]]],
    json_fields: Optional[Tuple[List[str], List[str], List[str]]],
    threads: int,
) -> Tuple[Any, Any, List[Tuple[str, str, Optional[str]]]]:
    """Runs the native ``extract_arrow_column`` on a pyarrow string array:
    texts, or with ``json_fields`` (``(id_fields, text_fields,
    date_fields)``) JSON Lines records. Returns ``(events, entities,
    rejects)``: two ``RecordBatch`` es and the records that are not
    documents as ``(reason, detail, doc_id)``."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    if column.type not in (pa.string(), pa.large_string()):
        column = column.cast(pa.large_string())
    validity, offsets, data = column.buffers()
    events, entities, rejects = pipeline._native.extract_arrow_column(
        len(column),
        column.offset,
        None if validity is None or column.null_count == 0 else validity.to_pybytes(),
        offsets.to_pybytes(),
        8 if column.type == pa.large_string() else 4,
        b"" if data is None else data.to_pybytes(),
        ids,
        dates,
        json_fields,
        threads,
    )
    return _record_batch(pa, events), _record_batch(pa, entities), rejects


def _record_batch(pa: Any, columns: List[Tuple[Any, ...]]) -> Any:
    """A ``RecordBatch`` from the native ``(name, type, rows, nulls,
    validity, offsets, data)`` column buffers."""
    types = {"int64": pa.int64(), "float64": pa.float64(), "string": pa.string()}
    names, arrays = [], []
    for name, kind, rows, nulls, validity, offsets, data in columns:
        buffers = [None if validity is None else pa.py_buffer(validity)]
        if offsets is not None:
            buffers.append(pa.py_buffer(offsets))
        buffers.append(pa.py_buffer(data))
        names.append(name)
        arrays.append(pa.Array.from_buffers(types[kind], rows, buffers, null_count=nulls))
    return pa.RecordBatch.from_arrays(arrays, names=names)


def _arrow(pa: Any, name: str, values: Any) -> Any:
    if isinstance(values, array):
        return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])
    kind = pa.int64() if name in _evex.INTEGER_COLUMNS else pa.float64() if name in _evex.FLOAT_COLUMNS else pa.string()
    return pa.array(values, type=kind)


def _records(kind: Any, columns: Columns) -> List[Any]:
    return [kind._make(row) for row in zip(*(columns[f] for f in kind._fields))]
