"""Articles read from the web: a URL fetched, then read by the same readers as a file.

The article keeps the URL it was asked for (``url`` and ``origin``), so a later run, or a feed naming the same
link, knows it without fetching it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from .readers import PageDefaults, RawArticle, ReadFailure, read_bytes, read_html
from .sanitize import decode_text, neutralise, one_line_url

if TYPE_CHECKING:
    from .fetch import Fetcher

# what a Content-Type says of the reader to use; anything else is sniffed from the bytes
_FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/plain": "text",
    "text/markdown": "text",
}
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def is_url(text: str) -> bool:
    """Whether a command-line argument names a web page rather than a file."""
    return text.lower().startswith(("http://", "https://"))


def read_url(
    url: str, fetcher: Fetcher, defaults: PageDefaults | None = None
) -> Iterator[RawArticle | ReadFailure]:
    """The article(s) at ``url``, or a failure naming it and the reason (HTTP, timeout, size, no text)."""
    from .fetch import FetchError  # httpx: imported only by runs that fetch

    try:
        page = fetcher.get(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
    except FetchError as exc:
        yield ReadFailure(url, exc.reason)
        return
    if page.content_type in _FEED_TYPES:
        yield ReadFailure(url, f"a feed, not a page: subscribe to it with `newsdesk feeds add {url}`")
        return
    defaults = replace(defaults or PageDefaults(), url=neutralise(one_line_url(url)))  # as readers keep URLs
    fmt = _FORMATS.get(page.content_type)
    if fmt == "html":
        if not page.content.strip():
            yield ReadFailure(url, "empty page")
            return
        try:
            text, note = decode_text(page.content, page.declared_charset)
        except ValueError as exc:
            yield ReadFailure(url, str(exc))
            return
        for item in read_html(text, url, defaults):
            yield replace(item, notes=(*item.notes, note)) if note and isinstance(item, RawArticle) else item
        return
    for item in read_bytes(page.content, url, fmt, page.charset):
        yield replace(item, url=item.url or defaults.url) if isinstance(item, RawArticle) else item
