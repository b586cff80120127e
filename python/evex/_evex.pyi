# Type stubs of the native module (python/src/lib.rs).
from os import PathLike
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

__version__: str
#: Record fields: the CSV columns.
ENTITY_FIELDS: List[str]
EVENT_FIELDS: List[str]
#: Columns (of any table) holding integers, and numbers with a fraction.
INTEGER_COLUMNS: List[str]
FLOAT_COLUMNS: List[str]

class ConfigError(ValueError):
    """A gazetteer, rule or pattern file is wrong; the message starts with `file:line`."""

class Pipeline:
    def __init__(
        self,
        gazetteers: Sequence[Union[str, PathLike[str]]] = ...,
        rules: Sequence[Union[str, PathLike[str]]] = ...,
        default_gazetteers: bool = True,
        default_rules: bool = True,
        merge_events: bool = True,
        include_generic: bool = False,
        patterns: Sequence[Union[str, PathLike[str]]] = ...,
        default_patterns: bool = True,
    ) -> None: ...
    @property
    def load_seconds(self) -> float: ...
    def extract_batch(
        self,
        texts: List[str],
        ids: List[str],
        dates: Optional[List[Optional[str]]] = None,
        threads: int = 0,
    ) -> Tuple[Dict[str, Any], Dict[str, Any]]: ...
    def extract_arrow(
        self,
        texts: List[str],
        ids: List[str],
        dates: Optional[List[Optional[str]]] = None,
        threads: int = 0,
    ) -> Tuple[List[Tuple[Any, ...]], List[Tuple[Any, ...]]]: ...
    def extract_arrow_column(
        self,
        rows: int,
        offset: int,
        validity: Optional[bytes],
        offsets: bytes,
        offset_width: int,
        data: bytes,
        ids: Optional[List[str]] = None,
        dates: Optional[List[Optional[str]]] = None,
        json_fields: Optional[Tuple[List[str], List[str], List[str]]] = None,
        threads: int = 0,
    ) -> Tuple[List[Tuple[Any, ...]], List[Tuple[Any, ...]], List[Tuple[str, str, Optional[str]]]]: ...
