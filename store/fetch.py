"""Fetching web pages and feeds over HTTP: timeouts, a size cap, bounded redirects, a per-host limit.

Every way a fetch can fail becomes a ``FetchError`` whose reason fits on one line ("timed out after 10 s",
"HTTP 404 Not Found", "larger than 20 MiB"), so a run can name the URL, say why, and go on with the rest.
Threads may share one ``Fetcher``: its per-host semaphores keep a run from hammering one site.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from urllib.parse import urljoin, urlsplit

import httpx

from .sanitize import declared_charset, decode_text

MAX_BYTES = 20 * 1024 * 1024  # a news page is well under a megabyte; a feed with full texts a few
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
MAX_REDIRECTS = 5
MAX_SECONDS = 60.0  # a whole response, however slowly it trickles in
PER_HOST = 2


def user_agent() -> str:
    """``newsdesk/0.1.0 (+https://…)``: who is asking, so a site can tell newsdesk from a browser."""
    try:
        found = package_version("newsdesk")
    except PackageNotFoundError:  # a source checkout that was never installed
        found = "dev"
    return f"newsdesk/{found} (terminal news reader; feeds and pages)"


class FetchError(Exception):
    """A URL that could not be fetched, and why in one line."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: the body (empty when ``not_modified``), where it came from after redirects, and what the
    next conditional request sends back."""

    url: str
    final_url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None  # as the Content-Type header names it
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def declared_charset(self) -> str | None:
        """The charset the header names, else the one an HTML or XML body declares (``<meta charset>``)."""
        return self.charset or declared_charset(self.content)

    def text(self) -> str:
        """The body decoded: the declared charset, UTF-8 before a wrong declaration, Windows-1252 last."""
        try:
            return decode_text(self.content, self.declared_charset)[0]
        except ValueError as exc:
            raise FetchError(self.url, str(exc)) from None


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_url(url: str) -> str:
    """The URL if newsdesk can fetch it (http or https, with a host); FetchError saying why not."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(url, "not an http or https URL")
    if not parts.hostname:
        raise FetchError(url, "the URL names no host")
    return url


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MiB" if n >= 1024 * 1024 else f"{n:,} bytes"


class Fetcher:
    """An HTTP client for newsdesk's fetches; use as a context manager, or ``close()`` it."""

    def __init__(
        self,
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        max_bytes: int = MAX_BYTES,
        max_seconds: float = MAX_SECONDS,
        max_redirects: int = MAX_REDIRECTS,
        per_host: int = PER_HOST,
        agent: str | None = None,
    ):
        self.max_bytes = max_bytes
        self.max_seconds = max_seconds
        self.max_redirects = max_redirects
        self.per_host = per_host
        self.read_timeout = read_timeout
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()
        self.client = httpx.Client(
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            follow_redirects=False,  # followed here, one hop at a time, each under its host's limit
            headers={"User-Agent": agent or user_agent(), "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=8),
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def _slot(self, url: str) -> threading.BoundedSemaphore:
        with self._slots_lock:
            host = _host(url)
            if host not in self._slots:
                self._slots[host] = threading.BoundedSemaphore(self.per_host)
            return self._slots[host]

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Fetched:
        """GET ``url``, following redirects; with ``etag`` or ``last_modified`` a conditional GET whose 304 comes
        back as ``Fetched.not_modified``. Raise FetchError for anything else that is not a 2xx with a body."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        current = check_url(url)
        for _hop in range(self.max_redirects + 1):
            with self._slot(current):
                result = self._once(url, current, headers)
            if isinstance(result, Fetched):
                return result
            current = result
        raise FetchError(url, f"too many redirects (more than {self.max_redirects})")

    def _once(self, url: str, current: str, headers: dict[str, str]) -> Fetched | str:
        """One request: the response, or the URL a redirect points to."""
        try:
            with self.client.stream("GET", current, headers=headers) as response:
                if response.status_code == 304:
                    etag = response.headers.get("ETag") or headers.get("If-None-Match")
                    return Fetched(
                        url, current, 304, etag=etag, last_modified=headers.get("If-Modified-Since")
                    )
                if response.is_redirect:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(url, f"HTTP {response.status_code} redirect without a Location")
                    target = urljoin(current, location)
                    try:
                        return check_url(target)
                    except FetchError as exc:
                        raise FetchError(url, f"redirected to {target}: {exc.reason}") from None
                if response.status_code >= 400 or response.status_code < 200:
                    phrase = response.reason_phrase
                    raise FetchError(url, f"HTTP {response.status_code}" + (f" {phrase}" if phrase else ""))
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(
                        url, f"too large ({_size(int(declared))}; the limit is {_size(self.max_bytes)})"
                    )
                content = self._read(url, response)
                content_type = response.headers.get("Content-Type", "")
                return Fetched(
                    url,
                    current,
                    response.status_code,
                    content,
                    content_type.split(";")[0].strip().lower(),
                    response.charset_encoding,
                    response.headers.get("ETag"),
                    response.headers.get("Last-Modified"),
                )
        except httpx.TimeoutException as exc:
            what = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for the server"
            raise FetchError(url, f"timed out {what}") from None
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect: {_connect_reason(exc)}") from None
        except httpx.DecodingError as exc:
            raise FetchError(url, f"the response could not be decoded: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(
                url, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            ) from None

    def _read(self, url: str, response: httpx.Response) -> bytes:
        """The body, read in chunks and abandoned at the cap (decompressed bytes count: a zip bomb stops too)."""
        chunks: list[bytes] = []
        total = 0
        deadline = time.monotonic() + self.max_seconds
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.max_bytes:
                raise FetchError(url, f"too large (more than {_size(self.max_bytes)}, the limit)")
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out (the response took more than {self.max_seconds:g} s)")
            chunks.append(chunk)
        return b"".join(chunks)


def _connect_reason(exc: Exception) -> str:
    """ "name not found (DNS)", "connection refused", or what the system said."""
    text = str(exc) or type(exc).__name__
    low = text.lower()
    if "name or service not known" in low or "nodename nor servname" in low or "getaddrinfo" in low:
        return "host name not found (DNS)"
    if "refused" in low:
        return "connection refused"
    return text.split("\n")[0]
