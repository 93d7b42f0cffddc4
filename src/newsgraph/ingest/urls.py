"""Fetching pages and feeds over HTTP(S), with timeouts, a size cap and a redirect limit."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from newsgraph.errors import FetchError
from newsgraph.options import Options


@dataclass
class Fetched:
    url: str
    """The final URL, after redirects."""
    content: bytes
    content_type: str


def make_client(options: Options) -> httpx.Client:
    return httpx.Client(
        follow_redirects=True,
        max_redirects=options.max_redirects,
        timeout=httpx.Timeout(options.http_timeout),
        headers={"User-Agent": options.user_agent},
    )


def fetch(client: httpx.Client, url: str, options: Options) -> Fetched:
    """GET a URL; FetchError with a one-line reason on any failure. `options.http_timeout` bounds the
    connection, each read, and the whole download (which ends at most one read after the deadline)."""
    deadline = time.monotonic() + options.http_timeout
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > options.max_bytes:
                raise FetchError(f"response of {int(declared):,} bytes is over the {options.max_bytes:,}-byte cap")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                if time.monotonic() > deadline:  # a server trickling bytes: each read is quick, the whole is not
                    raise FetchError(f"download not finished after {options.http_timeout:g} s")
                size += len(chunk)
                if size > options.max_bytes:
                    raise FetchError(f"response is over the {options.max_bytes:,}-byte cap")
                chunks.append(chunk)
            return Fetched(
                url=str(response.url),
                content=b"".join(chunks),
                content_type=response.headers.get("content-type", "").lower(),
            )
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {options.max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {options.http_timeout:g} s") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"could not fetch: {exc.__class__.__name__}: {exc}") from None
