"""Package data (tables and lexicons the project writes), loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any


def data_path(name: str) -> Traversable:
    """A file or folder under newsgraph/data."""
    return files("newsgraph").joinpath("data", name)


@cache
def load_json(name: str) -> Any:
    """Parse a JSON file from newsgraph/data (cached: callers must not mutate it)."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))
