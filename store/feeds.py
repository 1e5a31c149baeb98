"""Feed subscriptions (RSS and Atom) kept in the store, OPML import, and ``update``: every feed fetched, every new
entry's page fetched, read and ingested.

An update asks each feed conditionally (the ETag and Last-Modified it last sent), skips entries whose link the
store already holds, and ingests the rest through the same path as files (so an entry whose text the store holds
under another link is a duplicate by content hash). A feed's validators are saved only once its entries went in
whole, so an interrupted update, or one whose pages failed, asks for the whole feed again next time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from .dates import parse_date
from .db import transaction
from .ingest import IngestReport, Progress, ingest_articles
from .readers import PageDefaults, RawArticle, ReadFailure
from .sanitize import display_name, one_line

if TYPE_CHECKING:
    from .fetch import Fetcher

MAX_OPML_BYTES = 4 * 1024 * 1024
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
THREADS = 8  # fetches in flight across hosts; the fetcher's per-host limit keeps each site to a few


class FeedError(ValueError):
    """A subscription that cannot be made or found, or an OPML file that cannot be read; says why."""


@dataclass(frozen=True, slots=True)
class Feed:
    """One subscription as the store holds it."""

    id: int
    url: str
    title: str | None = None
    site_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    added_at: str | None = None
    checked_at: str | None = None
    last_error: str | None = None

    @property
    def name(self) -> str:
        return self.title or self.url


_COLUMNS = "id, url, title, site_url, etag, last_modified, added_at, checked_at, last_error"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def list_feeds(db: sqlite_utils.Database) -> list[Feed]:
    """Every subscription, in the order they were added."""
    return [Feed(*row) for row in db.execute(f"SELECT {_COLUMNS} FROM feeds ORDER BY id")]


def add_feed(db: sqlite_utils.Database, url: str, title: str | None = None) -> tuple[Feed, bool]:
    """Subscribe to ``url`` (not fetched now: ``update`` does); return the feed and whether it is new."""
    from .fetch import FetchError, check_url

    url = url.strip()
    try:
        check_url(url)
    except FetchError as exc:
        raise FeedError(f"{url}: {exc.reason}") from None
    with transaction(db.conn):
        db.execute(
            "INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING",
            (url, one_line(title) if title else None, _now()),
        )
        new = db.execute("SELECT changes()").fetchone()[0] == 1
    row = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
    return Feed(*row), new


def remove_feed(db: sqlite_utils.Database, key: str) -> Feed:
    """Unsubscribe from the feed with this URL or id (its articles stay in the store); FeedError if none."""
    row = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", (key.strip(),)).fetchone()
    if row is None and key.strip().isdigit():
        row = db.execute(f"SELECT {_COLUMNS} FROM feeds WHERE id = ?", (int(key),)).fetchone()
    if row is None:
        raise FeedError(f"no feed {key} (see `newsdesk feeds list`)")
    with transaction(db.conn):
        db.execute("DELETE FROM feeds WHERE id = ?", (row[0],))
    return Feed(*row)


# ---------------------------------------------------------------------------------------------------- OPML
def read_opml(data: bytes, origin: str) -> list[tuple[str, str | None]]:
    """The (URL, title) of every feed an OPML file lists, at any depth of folders; FeedError saying why not.

    ElementTree resolves no external entities; entity declarations are refused outright (an OPML file has
    no use for them, and a nest of them can blow up in memory)."""
    import xml.etree.ElementTree as ET

    if len(data) > MAX_OPML_BYTES:
        raise FeedError(
            f"{origin}: too large for an OPML file (the limit is {MAX_OPML_BYTES // 1024**2} MiB)"
        )
    if b"<!ENTITY" in data.upper():
        raise FeedError(f"{origin}: declares XML entities, which an OPML file has no use for: refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FeedError(f"{origin}: not valid XML ({exc})") from None
    if root.tag.lower() != "opml":
        raise FeedError(f"{origin}: not an OPML file (its root element is <{root.tag}>)")
    found: dict[str, str | None] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url and url not in found:
            found[url] = outline.get("title") or outline.get("text")
    return list(found.items())


@dataclass(slots=True)
class OpmlImport:
    added: list[Feed] = field(default_factory=list)
    already: list[Feed] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (URL, reason)


def import_opml(db: sqlite_utils.Database, path: str | Path) -> OpmlImport:
    """Subscribe to every feed an OPML file lists; one that cannot be added is named, the others go in."""
    path = Path(path)
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_OPML_BYTES + 1)
    except OSError as exc:
        raise FeedError(f"{display_name(path)}: {exc.strerror or exc}") from None
    result = OpmlImport()
    for url, title in read_opml(data, display_name(path)):
        try:
            feed, new = add_feed(db, url, title)
        except FeedError as exc:
            result.refused.append((url, str(exc).removeprefix(f"{url}: ")))
            continue
        (result.added if new else result.already).append(feed)
    return result


# ---------------------------------------------------------------------------------------------------- update
@dataclass(slots=True)
class FeedResult:
    """What one feed gave in an update."""

    feed: Feed
    error: str | None = None
    not_modified: bool = False
    entries: int = 0  # entries the feed lists
    new: int = 0  # of them, links the store did not hold: pages fetched
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    title: str | None = None
    site_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    def summary(self) -> str:
        """One line: ``Name: 3 new of 20 entries: 2 added, 1 already in the store, 0 could not be read``."""
        name = self.title or self.feed.name
        if self.error:
            return f"{name}: failed: {self.error}"
        if self.not_modified:
            return f"{name}: not modified since the last update"
        if not self.new:
            return f"{name}: nothing new ({_entries(self.entries)}, all in the store)"
        return (
            f"{name}: {self.new} new of {_entries(self.entries)}: {self.added} added, "
            f"{self.duplicates} already in the store, {self.failed} could not be read"
        )


def _entries(n: int) -> str:
    return f"{n} entry" if n == 1 else f"{n} entries"


@dataclass(slots=True)
class UpdateReport:
    feeds: list[FeedResult] = field(default_factory=list)
    ingest: IngestReport = field(default_factory=IngestReport)

    @property
    def ok(self) -> bool:
        return not any(r.error or r.failed for r in self.feeds)


@dataclass(frozen=True, slots=True)
class _Entry:
    link: str
    defaults: PageDefaults
    result: FeedResult


def _entry_date(entry) -> str | None:
    """An entry's date as ISO, or None for a date feedparser and newsdesk cannot read (the entry is kept)."""
    # dict.get: the entry's own keys, without feedparser's deprecated published-from-updated fallback
    parsed = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if parsed:
        try:
            return time.strftime("%Y-%m-%d", parsed)
        except (TypeError, ValueError):
            pass
    return parse_date(dict.get(entry, "published") or dict.get(entry, "updated"))


def _read_feed(fetcher: Fetcher, feed: Feed) -> tuple[FeedResult, list[tuple[str, PageDefaults]]]:
    """Fetch and parse one feed: its result so far and its entries' (link, what the feed says of the page)."""
    import feedparser

    from .fetch import FetchError

    result = FeedResult(feed)
    try:
        got = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT)
    except FetchError as exc:
        result.error = exc.reason
        return result, []
    if got.not_modified:
        result.not_modified = True
        return result, []
    parsed = feedparser.parse(
        got.content,
        response_headers={
            "content-type": got.content_type + (f"; charset={got.charset}" if got.charset else "")
        },
    )
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        kind = "an HTML page" if got.content_type == "text/html" else "not RSS or Atom"
        result.error = f"not a feed ({kind}{f': {one_line(str(why))[:120]}' if why else ''})"
        return result, []
    result.title = one_line(parsed.feed.get("title") or "") or None
    result.site_url = parsed.feed.get("link")
    result.etag, result.last_modified = got.etag, got.last_modified
    source = result.title or feed.title
    entries: list[tuple[str, PageDefaults]] = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        result.entries += 1
        if not link.lower().startswith(("http://", "https://")):
            continue  # an entry without a web page to read
        defaults = PageDefaults(
            title=entry.get("title") or None,
            byline=entry.get("author") or None,
            source=source,
            published=_entry_date(entry),
        )
        entries.append((link, defaults))
    return result, entries


def _guarded_read(fetcher: Fetcher, feed: Feed) -> tuple[FeedResult, list[tuple[str, PageDefaults]]]:
    """``_read_feed``, a bug in it costing this feed only."""
    try:
        return _read_feed(fetcher, feed)
    except Exception as exc:
        return FeedResult(feed, error=f"could not be read (a newsdesk bug): {type(exc).__name__}: {exc}"), []


def _known_links(db: sqlite_utils.Database, links: list[str]) -> set[str]:
    out: set[str] = set()
    for k in range(0, len(links), 500):
        chunk = links[k : k + 500]
        marks = ",".join("?" * len(chunk))
        out.update(r[0] for r in db.execute(f"SELECT url FROM articles WHERE url IN ({marks})", chunk))
        out.update(r[0] for r in db.execute(f"SELECT url FROM feed_links WHERE url IN ({marks})", chunk))
    return out


def update(
    db: sqlite_utils.Database,
    *,
    fetcher: Fetcher | None = None,
    model: str | None = None,
    workers: int = 1,
    progress: Callable[[Progress], None] | None = None,
    on_feed: Callable[[FeedResult], None] | None = None,
) -> UpdateReport:
    """Fetch every feed, then every new entry's page, and ingest them; ``on_feed`` hears each feed as it has
    been read. Store errors and Ctrl-C stop it as they stop ``ingest`` (IngestStopped, IngestInterrupted)."""
    from .fetch import Fetcher

    owned = fetcher is None
    fetcher = fetcher or Fetcher()
    pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="newsdesk-fetch")
    report = UpdateReport()
    try:
        pending: list[_Entry] = []
        seen: set[str] = set()
        feeds = list_feeds(db)
        for result, entries in pool.map(lambda f: _guarded_read(fetcher, f), feeds):
            report.feeds.append(result)
            known = _known_links(db, [link for link, _ in entries])
            for link, defaults in entries:
                if link in known or link in seen:
                    continue
                seen.add(link)
                result.new += 1
                pending.append(_Entry(link, defaults, result))
            if on_feed:
                on_feed(result)
        by_origin = {e.link: e.result for e in pending}
        duplicates: list[str] = []
        if pending:  # nothing new: the language model is not even loaded
            report.ingest = ingest_articles(
                db,
                _pages(pool, fetcher, pending),
                count=len(pending),
                model=model,
                workers=workers,
                progress=_counting(by_origin, duplicates, progress),
            )
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C: fetches not yet started never start
        if owned:
            fetcher.close()
    _save_checks(db, report.feeds, duplicates)
    return report


def _pages(
    pool: ThreadPoolExecutor, fetcher: Fetcher, pending: list[_Entry]
) -> Iterator[RawArticle | ReadFailure]:
    """The pages of ``pending``, fetched and read in the pool, in order, as they are ready."""
    from .web import read_url

    def fetch(entry: _Entry) -> list[RawArticle | ReadFailure]:
        try:
            return list(read_url(entry.link, fetcher, entry.defaults))
        except Exception as exc:  # a reader bug costs this page only
            return [
                ReadFailure(entry.link, f"could not be read (a newsdesk bug): {type(exc).__name__}: {exc}")
            ]

    for items in pool.map(fetch, pending):
        yield from items


def _counting(
    by_origin: dict[str, FeedResult], duplicates: list[str], progress: Callable[[Progress], None] | None
) -> Callable[[Progress], None]:
    """A progress callback that counts each handled article to its feed (and notes the links that were
    duplicates), then passes the progress on."""
    last = [0, 0, 0]

    def on_progress(p: Progress) -> None:
        if not p.stage and (result := by_origin.get(p.origin)):
            result.added += p.added - last[0]
            result.duplicates += p.duplicates - last[1]
            result.failed += p.failed - last[2]
            if p.duplicates > last[1]:
                duplicates.append(p.origin)
        if not p.stage:
            last[:] = [p.added, p.duplicates, p.failed]
        if progress:
            progress(p)

    return on_progress


def _save_checks(db: sqlite_utils.Database, results: Iterable[FeedResult], duplicates: list[str]) -> None:
    """Record when each feed was asked, what it said of itself, its validators once its entries are in, and
    the links whose page the store held under another address."""
    now = _now()
    with transaction(db.conn):
        db.conn.executemany(
            "INSERT OR IGNORE INTO feed_links (url, seen_at) VALUES (?, ?)", [(u, now) for u in duplicates]
        )
        for r in results:
            whole = not r.error and not r.failed and not r.not_modified
            db.execute(
                "UPDATE feeds SET checked_at = ?, last_error = ?, title = coalesce(?, title), "
                "site_url = coalesce(?, site_url), "
                "etag = CASE WHEN ? THEN ? ELSE etag END, "
                "last_modified = CASE WHEN ? THEN ? ELSE last_modified END WHERE id = ?",
                (now, r.error, r.title, r.site_url, whole, r.etag, whole, r.last_modified, r.feed.id),
            )
