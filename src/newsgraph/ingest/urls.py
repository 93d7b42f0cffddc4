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
    status: int = 200
    """The HTTP status: 304 (not modified, no content) only when `fetch` sent validators."""
    etag: str | None = None
    last_modified: str | None = None
    """The response's validators, for a conditional GET of the same URL later (`newsgraph watch`)."""


def make_client(options: Options, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The client of one run; `transport` (the watcher's paced one) in place of httpx's own."""
    return httpx.Client(
        follow_redirects=True,
        max_redirects=options.max_redirects,
        timeout=httpx.Timeout(options.http_timeout),
        headers={"User-Agent": options.user_agent},
        transport=transport,
    )


def fetch(client: httpx.Client, url: str, options: Options, headers: dict[str, str] | None = None) -> Fetched:
    """GET a URL; FetchError with a one-line reason on any failure (an HTTP status of 400 or more among them).
    `options.http_timeout` bounds the connection, each read, and the whole download (which ends at most one read
    after the deadline). `headers` are sent too (If-None-Match, If-Modified-Since: a 304 comes back with no
    content)."""
    deadline = time.monotonic() + options.http_timeout
    try:
        with client.stream("GET", url, headers=headers) as response:
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
                status=response.status_code,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {options.max_redirects} redirects") from None
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {options.http_timeout:g} s") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"invalid URL: {exc}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"could not fetch: {exc.__class__.__name__}: {exc}") from None
