"""evex: who did what to whom in news articles, as tables.

>>> import evex
>>> pipeline = evex.Pipeline()
>>> ex = pipeline.extract("Russia has deployed 5,000 troops to Belarus.", doc_id="d1")
>>> ex.events[0].event_type, ex.events[0].location
('DEPLOYMENT', 'Belarus')

* :class:`Pipeline` — built once from gazetteers, rules and entity patterns;
  ``extract`` gives records, ``extract_batch`` columns and ``extract_arrow``
  Arrow batches (parallel, GIL released).
* :func:`to_pandas`, :func:`read_output` — typed ``pandas`` frames from
  batches and from the CLI's output folders.
* :mod:`evex.spark` — the same extraction on a Spark DataFrame.

The records' fields are the CSV columns of ``evex extract``: ``start`` and
``end`` are UTF-8 byte offsets, ``start_char`` and ``end_char`` the same span
as Python string indexes.
"""

from ._evex import (
    ConfigError,
    ENTITY_FIELDS,
    EVENT_FIELDS,
    FLOAT_COLUMNS,
    INTEGER_COLUMNS,
    __version__,
)
from ._frames import Output, read_output, to_pandas
from ._pipeline import Batch, Entity, Event, Extraction, Pipeline

__all__ = [
    "Batch",
    "ConfigError",
    "ENTITY_FIELDS",
    "EVENT_FIELDS",
    "Entity",
    "Event",
    "Extraction",
    "FLOAT_COLUMNS",
    "INTEGER_COLUMNS",
    "Output",
    "Pipeline",
    "__version__",
    "read_output",
    "to_pandas",
]
