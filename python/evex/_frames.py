"""pandas helpers: typed frames from batches, and the CLI's output folders."""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, List, NamedTuple, Optional, Union

from . import _evex

_ESCAPED = re.compile(r"^'(?=[=+\-@\t\r])")


def _is_integer(column: str) -> bool:
    return column in _evex.INTEGER_COLUMNS


def _is_float(column: str) -> bool:
    return column in _evex.FLOAT_COLUMNS


def to_pandas(data: Any) -> Any:
    """A ``pandas.DataFrame`` of evex rows, with the column types of the
    CSV files: offsets, counts and sentence indexes as ``int64`` (``Int64``
    when a value is missing, as ``line`` in rejects or ``group_id`` outside
    a CLI run), ``quantity_value`` as ``float64``, everything else as strings
    (``object``; CAMEO codes such as ``"046"`` stay strings).

    ``data`` is a dict of columns (``batch.events``), a list of records
    (``extraction.events``), or a :class:`evex.Batch` / :class:`evex.Extraction`,
    which gives ``(events_df, entities_df)``.
    """
    import pandas as pd

    from ._pipeline import Batch, Extraction, Entity, Event

    if isinstance(data, Batch):
        return data.to_pandas()
    if isinstance(data, Extraction):
        return (
            to_pandas(data.events or Event._fields),
            to_pandas(data.entities or Entity._fields),
        )
    if isinstance(data, tuple) and data and isinstance(data[0], str):
        frame = pd.DataFrame({c: [] for c in data})  # no rows: just the columns
    elif isinstance(data, list):
        fields = data[0]._fields if data and hasattr(data[0], "_fields") else None
        if fields is None and data:
            raise TypeError("to_pandas takes a dict of columns or a list of evex records")
        frame = pd.DataFrame.from_records(data, columns=fields)
    else:
        frame = pd.DataFrame(data)
    return _typed(frame)


def _typed(frame: Any) -> Any:
    import pandas as pd

    for c in frame.columns:
        if _is_integer(c):
            col = pd.to_numeric(frame[c])
            frame[c] = col.astype("Int64" if col.isna().any() else "int64")
        elif _is_float(c):
            frame[c] = pd.to_numeric(frame[c]).astype("float64")
        else:
            frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
    return frame


#: The tables of an output folder, in the order of :class:`Output`'s fields.
_TABLES = ("events", "entities", "rejects", "entity_counts", "event_groups", "documents")


class Output(NamedTuple):
    """The tables of an ``evex extract --out DIR`` folder (``None`` for a
    table the run did not write) and its ``summary.json``."""

    events: Any
    entities: Any
    rejects: Any
    summary: Dict[str, Any]
    entity_counts: Any = None
    event_groups: Any = None
    documents: Any = None


def read_output(directory: Union[str, "os.PathLike[str]"]) -> Output:
    """Reads the folder written by ``evex extract --out DIR`` (CSV or
    ``--format jsonl``) into typed ``pandas.DataFrame``s: ``events``,
    ``entities``, ``rejects``, ``entity_counts``, ``event_groups`` and
    ``documents`` (each ``None`` when its file is missing) and ``summary``
    (a dict, empty when there is no ``summary.json``).

    Types are those of :func:`to_pandas`. An empty CSV cell reads as
    ``None``, and the ``'`` that the CSV writer puts before a cell that a
    spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) is
    removed, so the values equal those of the Python API and of JSON Lines.
    A byte-order mark (``--csv-bom``) is skipped.
    """
    directory = os.fspath(directory)
    tables: Dict[str, Any] = {}
    for name in _TABLES:
        csv_path = os.path.join(directory, name + ".csv")
        jsonl_path = os.path.join(directory, name + ".jsonl")
        if os.path.exists(csv_path):
            tables[name] = _read_csv(csv_path)
        elif os.path.exists(jsonl_path):
            tables[name] = _read_jsonl(jsonl_path)
        else:
            tables[name] = None
    summary_path = os.path.join(directory, "summary.json")
    summary: Dict[str, Any] = {}
    if os.path.exists(summary_path):
        with open(summary_path, encoding="utf-8") as f:
            summary = json.load(f)
    if all(t is None for t in tables.values()) and not summary:
        hint = ""
        if os.path.exists(os.path.join(directory, "evex.xlsx")):
            hint = " (a --format xlsx run: read its evex.xlsx with pandas.read_excel)"
        raise FileNotFoundError(
            f"{directory}: no events, entities or rejects table here "
            f"(is it the folder given to `evex extract --out`?){hint}"
        )
    return Output(summary=summary, **tables)


def _read_csv(path: str) -> Any:
    import pandas as pd

    frame = pd.read_csv(
        path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8-sig"
    )
    for c in frame.columns:
        if not _is_integer(c) and c != "text":
            frame[c] = frame[c].str.replace(_ESCAPED, "", regex=True)
    return _typed(frame)


def _read_jsonl(path: str) -> Any:
    import pandas as pd

    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if not rows:
        return pd.DataFrame()
    return _typed(pd.DataFrame.from_records(rows, columns=list(rows[0])))
