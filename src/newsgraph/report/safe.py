"""Untrusted article text made safe for the places it is shown: terminals (and JSON printed to them)."""

from __future__ import annotations

import json
import re
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""C0 and C1 controls (ESC starts every escape sequence; C1 CSI and OSC act alone on some terminals), and the
bidirectional overrides that reorder what a line appears to say. Tab and line feed are kept."""
_C1_IN_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """The text with control characters shown as U+FFFD: nothing in it can move the cursor, clear the
    screen, set the window title or reorder the line."""
    return _CONTROL.sub("\ufffd", text)


def json_safe(dumped: str) -> str:
    """JSON text (json.dumps escapes C0 controls itself) with C1 controls and bidirectional overrides
    escaped as \\uXXXX too: the same JSON value, safe to print."""
    return _C1_IN_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", dumped)


def json_text(value: Any, indent: int | None = 2) -> str:
    """`value` as JSON text, non-ASCII kept, made safe by `json_safe`: what `--json` prints and the HTTP API sends."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=indent))
