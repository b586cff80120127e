# Type stubs: the record types list today's fields (a test checks them
# against the native column lists). At run time they are built from those
# lists, so a column added to the CSV writer is there too.
import os
from array import array
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

Columns = Dict[str, Union[List[Optional[str]], List[Optional[float]], List[Optional[int]], array[int]]]
PathLike = Union[str, os.PathLike[str]]

class Entity(NamedTuple):
    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    type: str
    canonical: str
    entity_id: str
    form: str
    attributes: str
    start_char: int
    end_char: int
    doc_date: Optional[str]

class Event(NamedTuple):
    doc_id: str
    sentence: int
    event_type: str
    cameo: str
    plover: str
    actor: Optional[str]
    target: Optional[str]
    weapon: Optional[str]
    location: Optional[str]
    quantity: Optional[str]
    modality: str
    trigger: str
    rule: str
    start: int
    end: int
    evidence: str
    other_roles: str
    actors: str
    targets: str
    weapons: str
    locations: str
    event_date: Optional[str]
    date_basis: Optional[str]
    quantity_value: Optional[float]
    quantity_unit: Optional[str]
    quantity_qualifier: Optional[str]
    start_char: int
    end_char: int
    doc_date: Optional[str]
    title: Optional[str]
    url: Optional[str]
    group_id: Optional[int]

class Extraction:
    entities: List[Entity]
    events: List[Event]
    def __init__(self, entities: List[Entity], events: List[Event]) -> None: ...

class Batch:
    events: Columns
    entities: Columns
    def __init__(self, events: Columns, entities: Columns) -> None: ...
    def to_pandas(self) -> Tuple[Any, Any]: ...
    def to_arrow(self) -> Tuple[Any, Any]: ...

class Pipeline:
    config: Dict[str, Any]
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
    ) -> None: ...
    @property
    def load_seconds(self) -> float: ...
    def extract(self, text: str, doc_id: Optional[str] = None, date: Optional[str] = None) -> Extraction: ...
    def extract_batch(
        self,
        texts: Iterable[str],
        ids: Optional[Iterable[Any]] = None,
        threads: Optional[int] = None,
        dates: Optional[Iterable[Optional[str]]] = None,
    ) -> Batch: ...
    def extract_arrow(
        self,
        texts: Any,
        ids: Optional[Iterable[Any]] = None,
        threads: Optional[int] = None,
        dates: Optional[Iterable[Optional[str]]] = None,
    ) -> Tuple[Any, Any]: ...

def _paths(paths: Union[PathLike, Iterable[PathLike], None]) -> List[str]: ...
