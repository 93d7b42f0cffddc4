"""Where the server listens: this machine only, unless told otherwise (and then it says so)."""

from __future__ import annotations

import ipaddress

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def bind_warning(host: str) -> str | None:
    """The warning to print before listening on `host`, None for a loopback address (this machine only)."""
    if host == "localhost":
        return None
    try:
        if ipaddress.ip_address(host.strip("[]")).is_loopback:
            return None
    except ValueError:
        pass  # a host name: it may resolve to any interface
    return (
        f"warning: listening on {host}, not on this machine only: anyone who can reach it can read the whole "
        "database (there is no authentication)"
    )
