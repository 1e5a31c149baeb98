"""A real HTTP server on 127.0.0.1 for the fetcher and feed tests: the fixture feeds and pages, plus the ways a
server goes wrong (a redirect, a redirect loop, a 404, a slow answer, an endless body), and a log of every
request with its headers, so a test can assert on what newsdesk asked for."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .conftest import ROOT

FEEDS = ROOT / "fixtures" / "feeds"
TYPES = {".xml": "application/xml", ".html": "text/html", ".opml": "text/x-opml"}
SLOW_SECONDS = 3.0


@dataclass
class Request:
    path: str
    headers: dict[str, str]


@dataclass
class Site:
    """The running server: its base URL, its request log, and extra routes a test may add."""

    base: str = ""
    log: list[Request] = field(default_factory=list)
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    busy: int = 0  # requests to /busy being answered now, and the most there ever were at once
    busiest: int = 0

    def url(self, path: str) -> str:
        return self.base + path

    def requested(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.log if r.path == path]

    def file(self, path: str) -> bytes | None:
        """A fixture file under fixtures/feeds, with ``{base}`` made this server's address."""
        found = (FEEDS / path.lstrip("/")).resolve()
        if not found.is_relative_to(FEEDS) or not found.is_file():
            return None
        return found.read_bytes().replace(b"{base}", self.base.encode())


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # quiet: the test log is the record
            pass

        def do_GET(self):
            with site.lock:
                site.log.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
            path = self.path.split("?")[0]
            if path in site.routes:
                status, headers, body = site.routes[path]
                return self._send(status, body, headers)
            if path == "/redirect":
                return self._send(302, b"", {"Location": "/pages/harbour.html"})
            if path == "/loop":
                return self._send(302, b"", {"Location": "/loop"})
            if path == "/slow":
                time.sleep(SLOW_SECONDS)
                return self._send(
                    200, b"<html><body><p>late</p></body></html>", {"Content-Type": "text/html"}
                )
            if path == "/busy":
                return self._busy()
            if path == "/endless":  # no Content-Length: the size is known only by reading
                return self._endless()
            if path == "/declared-huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(500 * 1024 * 1024))
                self.end_headers()
                return None
            body = site.file(path)
            if body is None:
                return self._send(404, b"not here", {"Content-Type": "text/plain"})
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            modified = "Tue, 01 Dec 2026 09:00:00 GMT"
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", {"ETag": etag})
            suffix = Path(path).suffix
            return self._send(
                200,
                body,
                {"Content-Type": TYPES.get(suffix, "text/plain"), "ETag": etag, "Last-Modified": modified},
            )

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def _busy(self) -> None:
            with site.lock:
                site.busy += 1
                site.busiest = max(site.busiest, site.busy)
            time.sleep(0.2)
            with site.lock:
                site.busy -= 1
            self._send(200, b"<html><body><p>done</p></body></html>", {"Content-Type": "text/html"})

        def _endless(self) -> None:
            """500 MB of page, generated as it is sent (never on disk), closed when the client stops reading."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65_526 + b"</p>\n"
            try:
                for _ in range(500 * 1024 * 1024 // len(chunk)):
                    self.wfile.write(chunk)
            except OSError:  # the client hung up at its cap
                pass
            self.close_connection = True

    return Handler


@contextmanager
def serving() -> Iterator[Site]:
    """A server on a random port of 127.0.0.1, in a thread, for the duration of the block."""
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
