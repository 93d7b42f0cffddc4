"""Package data (tables and lexicons the project writes), loaded once and read-only."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any


def data_path(name: str) -> Traversable:
    """A file or folder under newsgraph/data."""
    return files("newsgraph").joinpath("data", name)


def frozen(value: Any) -> Any:
    """Parsed JSON made read-only: objects as read-only mappings, arrays as tuples, all the way down."""
    if isinstance(value, dict):
        return MappingProxyType({k: frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(frozen(v) for v in value)
    return value


@cache
def load_json(name: str) -> Any:
    """A JSON file from newsgraph/data, parsed once per process and read-only (`frozen`): what every caller shares
    no caller can change."""
    return frozen(json.loads(data_path(name).read_text(encoding="utf-8")))
