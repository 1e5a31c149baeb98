"""The read API of the store: everything the TUI and the CLI ask, as typed records. No caller writes SQL.

Every query is indexed; lists are paged (``limit``/``offset`` or keyset ``after``) so that screens cost the same
on a store of twenty articles and of a million.
"""

from __future__ import annotations

import functools
import json
import math
import re
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .db import open_reader
from .list_order import ORDERS, ListOrder
from .models import Article, ArticleSummary, Block, Entity, Mention, Quote, SearchHit
from .pairs import PAIR_TABLE, pair_phrase
from .query_syntax import ENTITY_FIELDS, Query, QuerySyntaxError, Term, fts_escape, parse
from .schema import ID_MASK, KEY_BITS, day_key_sql, list_key_sql

if TYPE_CHECKING:
    import sqlite_utils


class Snippet(NamedTuple):
    """What a search hit shows: text, where its matched words are, and whether it is a quote."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()
    quoted: bool = False


_NO_SNIPPET = Snippet("")
_SNIPPET_CHARS = 400  # of a quote or an opening: more than a line of any screen; the UI shortens it


class CountEstimate(NamedTuple):
    """How many articles match a query: ``value``, exact or (``exact`` False) estimated from a sample."""

    value: int
    exact: bool


class Cancelled(Exception):
    """A query stopped because its caller no longer wanted it (or the store is closing)."""


# what SQLite says about a query it cannot take: a full-text expression it cannot parse, or one too large
_QUERY_ERRORS = (
    "fts5:",
    "syntax error",
    "unterminated string",
    "no such column",
    "unknown special query",
    "Expression tree is too large",
    "too many SQL variables",
)
_SUMMARY = "a.id, a.title, a.source, a.published, a.people_count, a.quote_count"
_ENTITY = "e.id, e.kind, e.name, e.code, e.role, e.country_code, e.article_count, e.mention_count"
_QUOTE = (
    "q.id, q.article_id, q.start, q.end, q.text, q.kind, q.cue, q.cue_start, q.cue_end, q.speaker_id, "
    "s.name, q.speaker_start, q.speaker_end"
)
# Newest first; articles without a date after all dated ones.
_ORDER = ORDERS["newest"].order_by()
# The same order on an index that copies the article's date (article_entities, quotes: '' for none)
_DRIVEN_ORDER = ListOrder("d.published", True, lambda r: r.published or "")
CO_MENTION_WINDOW = 1000  # latest articles of an entity over which its company is counted


def _summary(row) -> ArticleSummary:
    return ArticleSummary(*row)


def _entity(row) -> Entity:
    return Entity(*row)


def _quote(row) -> Quote:
    return Quote(*row)


class Store:
    """A store opened for reading. Opened by path, each thread gets its own connection, so queries can run in
    worker threads while the UI thread reads too."""

    def __init__(self, db: sqlite_utils.Database | None = None, path: str | Path | None = None):
        self.path = Path(path) if path is not None else None
        self._main = db
        self._local = threading.local()
        self._opened: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()
        self._functions = False
        self._closing = False

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open an existing store; raises StoreError with a one-line reason."""
        store = cls(path=path)
        store.db  # noqa: B018 - opens (and checks) the store now, in the caller's thread
        return store

    @property
    def db(self) -> sqlite_utils.Database:
        if self.path is None:
            assert self._main is not None
            if not self._functions:
                _add_functions(self._main.conn)
                self._main.conn.set_progress_handler(self._stop_wanted, _STEPS_BETWEEN_ASKS)
                self._functions = True
            return self._main
        db = getattr(self._local, "db", None)
        if db is None:
            db = open_reader(self.path)
            _add_functions(db.conn)
            db.conn.set_progress_handler(self._stop_wanted, _STEPS_BETWEEN_ASKS)
            self._local.db = db
            with self._lock:
                self._opened.append(db)
        return db

    def _stop_wanted(self) -> int:
        """SQLite's progress handler, asked every few thousand steps of any query: non-zero stops the query.

        It stops when the store is closing, when the current call's ``cancelled`` says so, or when a plan's work
        budget (or time, for a count) is spent; and it runs Python, so a Ctrl-C reaches a command even inside a long query."""
        if self._closing:
            return 1
        local = self._local
        deadline = getattr(local, "deadline", None)
        if deadline is not None and time.perf_counter() > deadline:
            local.over_budget = True
            return 1
        budget = getattr(local, "budget", None)
        if budget is not None:
            if budget <= 0:
                local.over_budget = True
                return 1
            local.budget = budget - 1
        cancelled = getattr(local, "cancelled", None)
        return 1 if cancelled is not None and cancelled() else 0

    @contextmanager
    def _cancellable(self, cancelled: Callable[[], bool] | None) -> Iterator[None]:
        """Run the calls inside stoppable by ``cancelled`` (asked every few milliseconds): once it says yes, the
        query running stops and Cancelled is raised. A query stopped by Ctrl-C raises KeyboardInterrupt."""
        previous = getattr(self._local, "cancelled", None)
        self._local.cancelled = cancelled
        try:
            yield
        except sqlite3.OperationalError as exc:
            if str(exc) != "interrupted":
                raise
            if self._closing or (cancelled is not None and cancelled()):
                raise Cancelled from None
            raise KeyboardInterrupt from None  # the signal was raised in the progress handler, which ate it
        finally:
            self._local.cancelled = previous

    def _within_budget(
        self, run: Callable[[], list[tuple]], seconds: float | None = None
    ) -> list[tuple] | None:
        """What ``run`` returns, or None when its queries take more than ``_WALK_STEPS`` asks of SQLite's progress
        handler (or, given ``seconds``, more time than that): a plan that reads articles one by one is worth it
        only while it finds a page soon, and the caller then uses a plan bounded by the index (a cap on the work
        per page whatever the estimates said); a count is exact only while it is quick."""
        local = self._local
        if seconds is None:
            local.budget = _WALK_STEPS
        else:
            local.deadline = time.perf_counter() + seconds
        local.over_budget = False
        try:
            return run()
        except sqlite3.OperationalError as exc:
            if str(exc) == "interrupted" and local.over_budget:
                return None
            raise
        finally:
            local.budget, local.deadline, local.over_budget = None, None, False

    def interrupt(self) -> None:
        """Stop every query running on the store, in any thread, within milliseconds, and every later one: the
        app calls it as it quits, so that no worker keeps the process alive."""
        self._closing = True
        with self._lock:
            for db in self._opened:
                db.conn.interrupt()
        if self._main is not None:
            self._main.conn.interrupt()

    def close(self) -> None:
        with self._lock:
            for db in self._opened:
                db.conn.close()
            self._opened.clear()
        if self._main is not None:
            self._main.conn.close()
        self._local = threading.local()

    def _rows(self, sql: str, params=()) -> list[tuple]:
        return self.db.execute(sql, params).fetchall()

    def _total(self) -> int:
        """How many articles the store holds (a kept count)."""
        return self._rows("SELECT n FROM counts WHERE name = 'articles'")[0][0]

    def _estimates(self) -> dict:
        """Estimates made for the current call (a search, a page of the list): how common a word is, whether a
        term's entities are in many articles. Both calls start afresh, so an estimate never outlives its call in
        a thread that the app's workers share."""
        estimates = getattr(self._local, "estimates", None)
        if estimates is None:
            estimates = self._local.estimates = {}
        return estimates

    # ---------------------------------------------------------------------------------------- articles
    def article_count(self, query: Query | None = None, cancelled: Callable[[], bool] | None = None) -> int:
        """How many articles there are (matching ``query`` when given).

        See ``kept_count`` for the counts that answer at once; any other query counts its matches, which takes
        seconds when they are hundreds of thousands of a million articles. ``cancelled`` is asked every few
        milliseconds while it counts; once it says yes, the count stops and raises Cancelled."""
        if query is None or query.empty:
            return self._total()
        resolved: dict[Term, list[int]] = {}
        where = self._where(query, resolved)
        if where is None:
            return 0  # a name that matches nothing
        kept = self._kept(query, resolved)
        if kept is not None:
            return kept
        with self._cancellable(cancelled):
            return self._rows(f"SELECT count(*) FROM articles a WHERE {where[0]}", where[1])[0][0]

    def count_estimate(
        self, query: Query | None = None, cancelled: Callable[[], bool] | None = None
    ) -> CountEstimate:
        """How many articles match ``query``, within a few hundred milliseconds on any store: exact when the
        store keeps the count or counting takes less than ``_COUNT_SECONDS``, else
        estimated from the matches among ``_COUNT_SAMPLE`` articles in windows spread over the store (the
        caller shows it as an estimate and asks ``article_count`` for the exact figure). ``cancelled`` stops it
        as it does a count."""
        if query is None or query.empty:
            return CountEstimate(self._total(), True)
        resolved: dict[Term, list[int]] = {}
        where = self._where(query, resolved)
        if where is None:
            return CountEstimate(0, True)  # a name that matches nothing
        kept = self._kept(query, resolved)
        if kept is not None:
            return CountEstimate(kept, True)
        with self._cancellable(cancelled):
            rows = self._within_budget(
                lambda: self._rows(f"SELECT count(*) FROM articles a WHERE {where[0]}", where[1]),
                _COUNT_SECONDS,
            )
            if rows is not None:
                return CountEstimate(rows[0][0], True)
            return CountEstimate(self._sampled_count(query, resolved), False)

    def _sampled_count(self, query: Query, resolved: dict[Term, list[int]]) -> int:
        """The matches among about ``_COUNT_SAMPLE`` articles of the query's dates, scaled to the articles of
        those dates: ``_COUNT_WINDOWS`` windows of articles neighbours in the list's order (list keys), each
        starting at an article whose id is one of ids spread evenly over the store's (articles go in as they
        come, so the windows fall where the store's articles are, in time too). Each window reads its own
        articles: text terms seek their doclists within the window's keys, other terms are tested on each
        article; the cost is the sample's whatever the store's size (and one count of an index range)."""
        lo, hi = 0, (1 << 63) - 1
        if query.after:
            lo = self._rows(f"SELECT {day_key_sql('?')}", (query.after,))[0][0]
        if query.before:  # dated, and before the next day
            lo = max(lo, 1 << KEY_BITS)
            hi = self._rows(f"SELECT {day_key_sql('?')} + {(1 << KEY_BITS) - 1}", (query.before,))[0][0]
        in_range = (
            self._rows("SELECT count(*) FROM articles WHERE list_key BETWEEN ? AND ?", (lo, hi))[0][0]
            if query.after or query.before
            else self._total()  # kept: no need to count a million keys
        )
        windows = [(lo, hi)]
        if in_range > _COUNT_SAMPLE:
            # two subqueries: min() and max() in one SELECT scan the table (140 ms on a million articles)
            low, high = self._rows("SELECT (SELECT min(id) FROM articles), (SELECT max(id) FROM articles)")[0]
            # enough ids to find windows in a date range of an eighth of the store's articles
            candidates = _COUNT_WINDOWS * 8
            keys = [
                self._rows("SELECT list_key FROM articles WHERE id >= ? ORDER BY id LIMIT 1", (start,))[0][0]
                for start in (low + (high - low) * i // (candidates - 1) for i in range(candidates))
            ]
            starts = sorted(k for k in keys if lo <= k <= hi)
            if len(starts) < _COUNT_WINDOWS:  # dates few of the store's articles have: spread over their days
                first, last = self._rows(
                    "SELECT min(list_key), max(list_key) FROM articles WHERE list_key BETWEEN ? AND ?",
                    (lo, hi),
                )[0]
                starts = [first + (last - first) * i // _COUNT_WINDOWS for i in range(_COUNT_WINDOWS)]
            starts = starts[:: max(1, len(starts) // _COUNT_WINDOWS)][:_COUNT_WINDOWS]
            width = _COUNT_SAMPLE // _COUNT_WINDOWS
            windows = []
            for first in starts:
                last = self._rows(
                    "SELECT max(list_key) FROM (SELECT list_key FROM articles "
                    "WHERE list_key BETWEEN ? AND ? ORDER BY list_key LIMIT ?)",
                    (first, hi, width),
                )[0][0]
                windows.append((first, last))
        found = sampled = 0
        for first, last in windows:
            sampled += self._rows(
                "SELECT count(*) FROM articles WHERE list_key BETWEEN ? AND ?", (first, last)
            )[0][0]
            found += self._rows(*self._window_count(query, resolved, first, last))[0][0]
        return round(found * in_range / sampled) if sampled else 0

    def _window_count(
        self, query: Query, resolved: dict[Term, list[int]], lo: int, hi: int
    ) -> tuple[str, list[object]]:
        """The count of matches among the articles with list keys ``lo``..``hi`` (see ``_sampled_count``)."""
        clauses, params = ["a.list_key BETWEEN ? AND ?"], [lo, hi]
        for term in query.terms:
            if term.field in ENTITY_FIELDS or term.field == "by":
                sql, args = _entity_test(term.field, resolved[term], "a.id")
            elif term.field == "source":
                sql, args = "a.source = ? COLLATE NOCASE", [term.value]
            elif term.field == "quote":  # each of the article's quotes looked up in the posting list
                sql = (
                    "EXISTS (SELECT 1 FROM quotes x JOIN quotes_fts f ON f.rowid = x.id "
                    "WHERE x.article_id = a.id AND quotes_fts MATCH ?)"
                )
                args = [fts_escape(term.value, term.phrase)]
            else:  # the term's matches within the window only: a seek in its doclist
                table, expr = _text_index(term)
                sql = f"a.list_key IN (SELECT rowid FROM {table} WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?)"
                args = [expr, lo, hi]
            clauses.append(sql)
            params.extend(args)
        _date_clauses(query, "coalesce(a.published, '')", clauses, params)
        # the window's keys, never a date index over the whole store
        return (
            f"SELECT count(*) FROM articles a INDEXED BY idx_articles_list_key WHERE {' AND '.join(clauses)}",
            params,
        )

    def kept_count(self, query: Query | None = None) -> int | None:
        """The count of articles (matching ``query``) if the store keeps it or it is plainly 0, else None: kept
        are the whole store's and one named entity's (every ingest updates them, for the entity page)."""
        if query is None or query.empty:
            return self._total()
        resolved: dict[Term, list[int]] = {}
        if self._where(query, resolved) is None:
            return 0  # a name that matches nothing
        return self._kept(query, resolved)

    def _kept(self, query: Query, resolved: dict[Term, list[int]]) -> int | None:
        """One named entity's kept count, if that is all the query asks (its names resolved in ``resolved``)."""
        terms = query.terms
        if (
            len(terms) == 1
            and terms[0].field in ENTITY_FIELDS
            and query.after is None
            and query.before is None
        ):
            ids = resolved[terms[0]]
            if len(ids) == 1:
                return self._rows("SELECT article_count FROM entities WHERE id = ?", ids)[0][0]
        return None

    def articles(
        self,
        limit: int = 100,
        offset: int = 0,
        order: str = "newest",
        query: Query | None = None,
        *,
        after: ArticleSummary | None = None,
        before: ArticleSummary | None = None,
        from_end: bool = False,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[ArticleSummary]:
        """A page of the article list in the given order (see list_order.ORDERS), narrowed by ``query``.

        The page starts ``offset`` rows in, counted from the top, or from just after the row ``after``; it ends
        just before the row ``before`` or ``offset`` rows from the bottom with ``from_end`` (keyed and
        from-the-end pages cost an index seek however deep they are; offsets cost the rows skipped).

        Newest first, a query naming one entity reads that entity's own index (see ``_driven_page``): a filter
        on a person in a third of a million articles costs a page, not the third of a million. ``cancelled`` stops
        it as it does a search.
        """
        with self._cancellable(cancelled):
            return self._articles(limit, offset, order, query, after, before, from_end)

    def _articles(
        self,
        limit: int,
        offset: int,
        order: str,
        query: Query | None,
        after: ArticleSummary | None,
        before: ArticleSummary | None,
        from_end: bool,
    ) -> list[ArticleSummary]:
        self._local.estimates = {}
        self._local.wanted = limit + offset
        where, params = ("1", [])
        reverse = before is not None or from_end
        if query is not None and not query.empty:
            resolved: dict[Term, list[int]] = {}
            found = self._where(query, resolved, walk=True)
            if found is None:
                return []
            driver = self._driver(query, resolved) if order == "newest" else None
            if order == "newest" and self._text_first(query, resolved, driver):
                page = self._text_page(query, resolved, limit, offset, after, before, reverse)
                if page is not None:
                    return [_summary(r) for r in page]
            if driver is not None:
                page = self._driven_page(
                    query, resolved, driver, limit, offset, after=after, before=before, reverse=reverse
                )
                return [_summary(r) for r in page]
            where, params = found
        sort = ORDERS[order]
        for row, backwards in ((after, False), (before, True)):
            if row is not None:
                clause, args = sort.beyond(row, backwards)
                where, params = f"{where} AND {clause}", [*params, *args]
        found_rows = None
        if order == "newest" and query is not None and self._mid_words(query):
            found_rows = self._date_walk(where, params, sort.order_by(reverse), limit, offset)
        if found_rows is None:
            found_rows = self._rows(
                f"SELECT {_SUMMARY} FROM articles a WHERE {where} ORDER BY {sort.order_by(reverse)} "
                "LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        rows = [_summary(r) for r in found_rows]
        if reverse:
            rows.reverse()
        return rows

    def article_ids(self, query: Query | None = None) -> Iterator[int]:
        """Every article matching ``query`` (every article without one), newest first, as one cursor reads them.

        For exports: the search runs once however many articles it finds (keyed pages would run it again for
        each page, collecting a common word's matches each time), and no more than one row is held here."""
        where, params = "1", []
        if query is not None and not query.empty:
            found = self._where(query, {})
            if found is None:
                return  # a name that matches nothing
            where, params = found
        yield from (
            row[0]
            for row in self.db.execute(f"SELECT a.id FROM articles a WHERE {where} ORDER BY {_ORDER}", params)
        )

    def article_summary(self, article_id: int) -> ArticleSummary | None:
        rows = self._rows(f"SELECT {_SUMMARY} FROM articles a WHERE a.id = ?", (article_id,))
        return _summary(rows[0]) if rows else None

    def article(self, article_id: int) -> Article | None:
        rows = self._rows(
            "SELECT id, title, dek, byline, source, published, url, origin, text, blocks "
            "FROM articles WHERE id = ?",
            (article_id,),
        )
        if not rows:
            return None
        *head, blocks = rows[0]
        return Article(*head, blocks=tuple(Block(*b) for b in json.loads(blocks or "[]")))

    def mentions(self, article_id: int) -> list[Mention]:
        """Every entity mention of an article, in text order."""
        return [
            Mention(*r)
            for r in self._rows(
                "SELECT id, article_id, entity_id, start, end FROM mentions WHERE article_id = ? ORDER BY start, end",
                (article_id,),
            )
        ]

    def article_entities(self, article_id: int) -> list[tuple[Entity, int]]:
        """The entities of an article with their mention counts, most mentioned first within each kind."""
        rows = self._rows(
            f"SELECT {_ENTITY}, ae.mentions FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
            "WHERE ae.article_id = ? ORDER BY e.kind, ae.mentions DESC, e.name",
            (article_id,),
        )
        return [(_entity(r[:-1]), r[-1]) for r in rows]

    def article_roles(self, article_id: int) -> dict[int, str]:
        return dict(
            self._rows("SELECT entity_id, role FROM entity_roles WHERE article_id = ?", (article_id,))
        )

    def quotes(self, article_id: int) -> list[Quote]:
        """The quotes of an article, in text order."""
        return [
            _quote(r)
            for r in self._rows(
                f"SELECT {_QUOTE} FROM quotes q LEFT JOIN entities s ON s.id = q.speaker_id "
                "WHERE q.article_id = ? ORDER BY q.start",
                (article_id,),
            )
        ]

    def quote(self, quote_id: int) -> Quote | None:
        rows = self._rows(
            f"SELECT {_QUOTE} FROM quotes q LEFT JOIN entities s ON s.id = q.speaker_id WHERE q.id = ?",
            (quote_id,),
        )
        return _quote(rows[0]) if rows else None

    # ---------------------------------------------------------------------------------------- entities
    def country(self, code: str) -> Entity | None:
        """The country entity of an ISO code, if any article mentions it."""
        rows = self._rows(
            f"SELECT {_ENTITY} FROM entities e WHERE e.kind = 'country' AND e.code = ?", (code,)
        )
        return _entity(rows[0]) if rows else None

    def entity(self, entity_id: int) -> Entity | None:
        rows = self._rows(f"SELECT {_ENTITY} FROM entities e WHERE e.id = ?", (entity_id,))
        return _entity(rows[0]) if rows else None

    def aliases(self, entity_id: int) -> list[str]:
        return [
            r[0]
            for r in self._rows(
                "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY length(alias) DESC", (entity_id,)
            )
        ]

    def roles(self, entity_id: int, limit: int = 10, recent: int = 500) -> list[str]:
        """The entity's roles, most frequent first, over its ``recent`` latest articles (a bounded read)."""
        return [
            r[0]
            for r in self._rows(
                "SELECT role FROM (SELECT role FROM entity_roles WHERE entity_id = ? ORDER BY article_id DESC "
                "LIMIT ?) GROUP BY role ORDER BY count(*) DESC LIMIT ?",
                (entity_id, recent, limit),
            )
        ]

    def entity_articles(
        self, entity_id: int, limit: int = 100, offset: int = 0
    ) -> list[tuple[ArticleSummary, int]]:
        """Articles that mention an entity, newest first, with the number of mentions in each."""
        rows = self._rows(
            f"SELECT {_SUMMARY}, ae.mentions FROM article_entities ae JOIN articles a ON a.id = ae.article_id "
            "WHERE ae.entity_id = ? ORDER BY ae.published DESC, ae.article_id DESC LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        )
        return [(_summary(r[:-1]), r[-1]) for r in rows]

    def entity_quotes(
        self, entity_id: int, limit: int = 100, offset: int = 0
    ) -> list[tuple[Quote, ArticleSummary]]:
        """Everything an entity said, across the store, newest first."""
        rows = self._rows(
            f"SELECT {_QUOTE}, {_SUMMARY} FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN entities s ON s.id = q.speaker_id WHERE q.speaker_id = ? "
            "ORDER BY q.published DESC, q.article_id DESC, q.start LIMIT ? OFFSET ?",
            (entity_id, limit, offset),
        )
        return [(_quote(r[:13]), _summary(r[13:])) for r in rows]

    def people_of_country(self, code: str, limit: int = 50) -> list[Entity]:
        """People whose role ties them to a country."""
        return [
            _entity(r)
            for r in self._rows(
                f"SELECT {_ENTITY} FROM entities e WHERE e.kind = 'person' AND e.country_code = ? "
                "ORDER BY e.article_count DESC LIMIT ?",
                (code, limit),
            )
        ]

    def co_mentioned(
        self, entity_id: int, limit: int = 15, recent: int = CO_MENTION_WINDOW
    ) -> list[tuple[Entity, int]]:
        """Entities most often mentioned in the same articles, counted over the entity's ``recent`` latest
        articles: a bounded read, so the page of someone in a third of a million articles opens as fast."""
        rows = self._rows(
            f"SELECT {_ENTITY}, count(*) AS n FROM (SELECT article_id FROM article_entities WHERE entity_id = ? "
            "ORDER BY published DESC, article_id DESC LIMIT ?) mine "
            "JOIN article_entities other ON other.article_id = mine.article_id AND other.entity_id != ? "
            "JOIN entities e ON e.id = other.entity_id "
            "GROUP BY other.entity_id ORDER BY n DESC, e.name LIMIT ?",
            (entity_id, recent, entity_id, limit),
        )
        return [(_entity(r[:-1]), r[-1]) for r in rows]

    def find_entities(self, text: str, kind: str | None = None, limit: int = 20) -> list[Entity]:
        """Entities whose name, alias or any word of them matches ``text`` (case- and accent-insensitive;
        a prefix of a word matches too), most mentioned first."""
        ids = self._match_entities(text, kind, prefix=True)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return [
            _entity(r)
            for r in self._rows(
                f"SELECT {_ENTITY} FROM entities e WHERE e.id IN ({marks}) ORDER BY e.article_count DESC, e.name "
                "LIMIT ?",
                (*ids, limit),
            )
        ]

    def _match_entities(self, text: str, kind: str | None, prefix: bool = False) -> list[int]:
        return [entity_id for entity_id, _ in self._named(text, kind, prefix)]

    def _named(self, text: str, kind: str | None, prefix: bool = False) -> list[tuple[int, int]]:
        """The entities ``_match_entities`` finds, each with the number of articles it is in."""
        from . import countries  # search only: the country tables stay out of the app's start-up

        norm = countries.fold(text)
        if not norm:
            return []
        # unary + keeps SQLite from walking every entity of the kind by its index: the names pick a handful
        kind_sql = " AND +e.kind = ?" if kind else ""
        kind_arg = (kind,) if kind else ()
        if kind == "country" and (c := countries.lookup(text)):
            return self._rows(
                "SELECT id, article_count FROM entities e WHERE e.kind = 'country' AND e.code = ?", (c.code,)
            )
        exact = self._rows(
            "SELECT DISTINCT e.id, e.article_count FROM entities e WHERE e.id IN (SELECT entity_id FROM aliases "
            f"WHERE norm = ? UNION SELECT entity_id FROM alias_words WHERE word = ?){kind_sql}",
            (norm, norm, *kind_arg),
        )
        if exact or not prefix:
            return exact
        hi = norm + "\uffff"
        return self._rows(
            "SELECT DISTINCT e.id, e.article_count FROM entities e WHERE e.id IN (SELECT entity_id FROM aliases "
            "WHERE norm >= ? AND norm < ? UNION SELECT entity_id FROM alias_words WHERE word >= ? AND word < ? "
            f"LIMIT 200){kind_sql}",
            (norm, hi, norm, hi, *kind_arg),
        )

    # ---------------------------------------------------------------------------------------- search
    def search(
        self,
        query: str | Query,
        limit: int = 50,
        offset: int = 0,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[SearchHit]:
        """Articles matching every term of a query, newest first, each with a snippet and what matched.

        Raises QuerySyntaxError for a query that cannot be parsed; one SQLite refuses (user words are quoted and
        queries bounded, so none should be) is one too, never an sqlite3 error. ``cancelled`` is asked every few
        milliseconds: once it says yes the search stops and raises Cancelled.
        """
        q = parse(query) if isinstance(query, str) else query
        try:
            with self._cancellable(cancelled):
                return self._search(q, limit, offset)
        except sqlite3.OperationalError as exc:
            if not any(sign in str(exc) for sign in _QUERY_ERRORS):
                raise
            raise QuerySyntaxError(f"the store cannot run this query ({exc})") from None

    def _search(self, query: str | Query, limit: int = 50, offset: int = 0) -> list[SearchHit]:
        q = parse(query) if isinstance(query, str) else query
        self._local.estimates = {}
        self._local.wanted = limit + offset
        if q.empty:
            return []
        resolved: dict[Term, list[int]] = {}
        found = self._where(q, resolved, walk=True)
        if found is None:
            return []  # a name that matches nothing: no article can match
        driver = self._driver(q, resolved)
        rows: list[tuple] | None = None
        if self._text_first(q, resolved, driver):
            rows = self._text_page(q, resolved, limit, offset)
        if rows is None and driver is None and self._common_words(q):
            # every text term is in many articles: walk the date index and test each article (stops early, and
            # gives up for the index's plan below when the page takes longer to fill than estimated)
            where, params = self._where(q, resolved, per_article=True, walk=True)  # type: ignore[misc]
            rows = self._within_budget(
                lambda: self._rows(
                    f"SELECT {_SUMMARY} FROM articles a WHERE {where} ORDER BY {_ORDER} LIMIT ? OFFSET ?",
                    (*params, limit, offset),
                )
            )
        if rows is None and driver is None and self._mid_words(q):
            # words in a few percent of articles: their matches are listed once (a read of their posting lists)
            # and the date index walked until a page of them is found, reading no article but the page's
            rows = self._date_walk(*found, _ORDER, limit, offset)
        if rows is not None:
            pass
        elif driver is None:
            where, params = found
            rows = self._rows(
                f"SELECT {_SUMMARY} FROM articles a WHERE {where} ORDER BY {_ORDER} LIMIT ? OFFSET ?",
                (*params, limit, offset),
            )
        else:
            rows = self._driven_page(q, resolved, driver, limit, offset)
        summaries = [_summary(r) for r in rows]
        return [  # in pieces, within SQLite's limit on parameters
            hit
            for at in range(0, len(summaries), _HITS_AT_ONCE)
            for hit in self._hits(summaries[at : at + _HITS_AT_ONCE], list(q.terms), resolved)
        ]

    def _date_walk(
        self, where: str, params: list[object], order_by: str, limit: int, offset: int
    ) -> list[tuple] | None:
        """A page in the list's date order (``order_by``, either way) read by walking the date index, the terms'
        matches listed once and looked up for each entry, no article read but the page's; None when the walk
        overruns its budget (see ``_mid_words``).

        The listed matches are looked up for each entry (unary +): offered them as keys, SQLite's planner picks a
        skip-scan of the date index on a large analysed store, a seek per distinct date and id (150 ms for a
        word in 1 % of a million articles, against 4 ms walked)."""
        where = _LISTED.sub("+a.id IN (", where)
        return self._within_budget(
            lambda: self._rows(
                f"SELECT {_SUMMARY} FROM (SELECT a.id FROM articles a INDEXED BY idx_articles_by_date "
                f"WHERE {where} ORDER BY {order_by} LIMIT ? OFFSET ?) p JOIN articles a ON a.id = p.id "
                f"ORDER BY {order_by}",
                (*params, limit, offset),
            )
        )

    def _text_first(self, q: Query, resolved: dict[Term, list[int]], driver: Term | None) -> bool:
        """Whether a page is best read from the text terms' doclist (see ``_text_page``) rather than from the
        index of the entity ``driver`` names (``_driven_page``): each reads until the page is full or its list
        ends; an entry of the driver's index costs a seek in the text's doclists (``_SEEK_VS_TEST`` times
        what a match read from the doclist costs, with the driver tested on it)."""
        words = [t for t in q.terms if t.field == "text"]
        if not _TEXT_FIRST or not words:
            return False
        if driver is None:  # nothing better: a page of the doclist, or the budget runs out for other plans
            return True
        total, share = self._share(words[0])
        for word in words[1:]:  # as if the words were independent
            share *= self._share(word)[1]
        named = self._rows("SELECT article_count FROM entities WHERE id = ?", (resolved[driver][0],))[0][0]
        wanted = getattr(self._local, "wanted", 50)
        driver_reads = min(named, wanted / max(share, 1 / max(total, 1)))
        text_reads = min(share * total, wanted * total / max(named, 1))
        return text_reads <= _SEEK_VS_TEST * driver_reads

    def _text_page(
        self,
        q: Query,
        resolved: dict[Term, list[int]],
        limit: int,
        offset: int,
        after: ArticleSummary | None = None,
        before: ArticleSummary | None = None,
        reverse: bool = False,
    ) -> list[tuple] | None:
        """A page of the newest-first order read from the full-text index: the article index is keyed by the
        list key (schema 4), so the text terms' doclist is in the list's order and the page is its first
        matches that pass the other terms' tests; FTS5 reads it in order and stops at the page, however many
        articles match. Dates and keyed pages (``after``/``before`` a row, ``reverse`` from the oldest end)
        are ranges of keys. None when the walk overruns its budget (other terms rare among the text's matches):
        the caller's plans bounded by their indexes take over."""
        words = [t for t in q.terms if t.field == "text"]
        ident = f"(f.rowid & {ID_MASK})"
        # phrases of the commonest words alone are read from the pair index; anything else has a word the
        # word index narrows by
        indexed = [_text_index(t) for t in words]
        table = PAIR_TABLE if all(t == PAIR_TABLE for t, _ in indexed) else "articles_fts"
        exprs = [
            e if t == table else fts_escape(w.value, w.phrase)
            for w, (t, e) in zip(words, indexed, strict=True)
        ]
        clauses = [f"{table} MATCH ?"]
        params: list[object] = [" AND ".join(exprs)]
        for term in q.terms:
            if term.field == "text":
                continue
            if term.field in ENTITY_FIELDS or term.field == "by":
                sql, args = _entity_test(term.field, resolved[term], ident)
            elif term.field == "source":
                sql = f"(SELECT s.source FROM articles s WHERE s.id = {ident}) = ? COLLATE NOCASE"
                args = [term.value]
            else:  # quote:
                found, args = self._term_sql(term, resolved)
                sql = f"{ident} IN ({found})"
            clauses.append(sql)
            params.extend(args)
        if q.after:
            clauses.append(f"f.rowid >= {day_key_sql('?')}")
            params.append(q.after)
        if q.before:  # before the next day's first key, and dated (an undated article's day is 0)
            clauses.append(f"f.rowid < {day_key_sql('?')} + {1 << KEY_BITS} AND f.rowid >= {1 << KEY_BITS}")
            params.append(q.before)
        for row, op in ((after, "<"), (before, ">")):
            if row is not None:
                clauses.append(f"f.rowid {op} {list_key_sql('?', '?')}")
                params.extend([row.published or "", row.id])
        where = " AND ".join(clauses)
        if self._few(words, table, exprs, limit + offset):
            # few matches, all wanted: FTS5 reads a doclist forwards faster than backwards (a rare phrase of
            # common words on a million articles: 28 ms against 74), so read them all oldest first
            found_ids = self._within_budget(
                lambda: self._rows(f"SELECT {ident} FROM {table} f WHERE {where} ORDER BY f.rowid", params)
            )
            if found_ids is None:
                return None
            ids = [r[0] for r in found_ids]
            if not reverse:
                ids.reverse()
            ids = ids[offset : offset + limit]
        else:
            way = "ASC" if reverse else "DESC"
            found_ids = self._within_budget(
                lambda: self._rows(
                    f"SELECT {ident} FROM {table} f WHERE {where} ORDER BY f.rowid {way} LIMIT ? OFFSET ?",
                    (*params, limit, offset),
                )
            )
            if found_ids is None:
                return None
            ids = [r[0] for r in found_ids]
        if reverse:
            ids.reverse()
        return self._summaries_of(ids)

    def _few(self, words: list[Term], table: str, exprs: list[str], wanted: int) -> bool:
        """Whether the text terms' matches are estimated to be fewer than ``wanted`` and a word of them is rare
        enough that reading them all costs little (FTS5 skips through the rarer doclists by the rarest): a
        phrase of common words estimated absent from the newest articles may still match thousands. ``exprs``
        are the terms' expressions in the full-text index ``table``."""
        total, share = self._share(words[0])
        for word in words[1:]:
            share *= self._share(word)[1]
        if share * total > wanted:
            return False
        if total <= _FEW_READS:
            return True  # every doclist is short
        # a word in at most _FEW_READS articles: counted among the newest articles, up to the count that says
        # it is in more (a read bounded whatever the store's size)
        sample = min(total, _SAMPLE)
        most = _FEW_READS * sample // total
        newest = self._newest_key(sample)
        return any(
            self._rows(
                f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? AND rowid >= ? LIMIT ?)",
                (f'"{token}"', newest, most + 1),
            )[0][0]
            <= most
            for expr in exprs
            for token in re.findall(r"[^\W_]+", expr)
        )

    def _newest_key(self, articles: int) -> int:
        """The list key of the oldest of the newest ``articles`` (where a sample of the newest starts)."""
        return self._rows(
            "SELECT min(list_key) FROM (SELECT list_key FROM articles ORDER BY list_key DESC LIMIT ?)",
            (articles,),
        )[0][0]

    def _summaries_of(self, ids: list[int]) -> list[tuple]:
        """The list rows of the articles ``ids``, in that order."""
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        found = {
            r[0]: r for r in self._rows(f"SELECT {_SUMMARY} FROM articles a WHERE a.id IN ({marks})", ids)
        }
        return [found[i] for i in ids]

    def _driver(self, q: Query, resolved: dict[Term, list[int]]) -> Term | None:
        """The term that names one entity with the fewest articles, or None when no term names just one."""
        single = [t for t in q.terms if t.field in (*ENTITY_FIELDS, "by") and len(resolved.get(t, [])) == 1]
        if not single:
            return None
        counts = {
            t: self._rows("SELECT article_count FROM entities WHERE id = ?", (resolved[t][0],))[0][0]
            for t in single
        }
        return min(single, key=counts.__getitem__)

    def _driven_page(
        self,
        q: Query,
        resolved: dict[Term, list[int]],
        driver: Term,
        limit: int,
        offset: int,
        *,
        after: ArticleSummary | None = None,
        before: ArticleSummary | None = None,
        reverse: bool = False,
    ) -> list[tuple]:
        """Read the driver's articles (its quotes, for by:) newest first straight from its index and test the other
        terms on each, stopping when the page is full: the cost follows the page, not the store.

        The index's order is the article list's newest-first order (an undated article's date is kept as ''), so
        the list's keyed pages work here too: ``after``/``before`` a row, and ``reverse`` to read from the
        oldest end (rows still come back newest first).

        A common word is tested on each of the driver's articles while that finds the page within a budget of
        work; past it, the word's articles are collected from the index instead (bounded by the index)."""
        args = (q, resolved, driver, limit, offset, after, before, reverse)
        if any(t.field == "text" and self._common(t) for t in q.terms):
            rows = self._within_budget(lambda: self._driven_rows(*args, per_article=True))
            if rows is not None:
                return rows
        return self._driven_rows(*args, per_article=False)

    def _driven_rows(
        self,
        q: Query,
        resolved: dict[Term, list[int]],
        driver: Term,
        limit: int,
        offset: int,
        after: ArticleSummary | None,
        before: ArticleSummary | None,
        reverse: bool,
        *,
        per_article: bool,
    ) -> list[tuple]:
        table, key = ("quotes", "speaker_id") if driver.field == "by" else ("article_entities", "entity_id")
        clauses = [f"d.{key} = ?"]
        params: list[object] = [resolved[driver][0]]
        _date_clauses(q, "d.published", clauses, params)
        for term in q.terms:
            if term is driver:
                continue
            sql, args = self._driven_test(term, resolved, per_article)
            clauses.append(sql)
            params.extend(args)
        for row, backwards in ((after, False), (before, True)):
            if row is not None:
                clause, args = _DRIVEN_ORDER.beyond(row, backwards, ident="d.article_id")
                clauses.append(clause)
                params.extend(args)
        cursor = self.db.execute(
            f"SELECT d.article_id FROM {table} d WHERE {' AND '.join(clauses)} "
            f"ORDER BY {_DRIVEN_ORDER.order_by(reverse, ident='d.article_id')}",
            params,
        )
        ids: list[int] = []
        for (article_id,) in cursor:  # a speaker's quotes in one article are neighbours in the index
            if not ids or ids[-1] != article_id:
                ids.append(article_id)
                if len(ids) >= offset + limit:
                    break
        ids = ids[offset:]
        if reverse:
            ids.reverse()
        return self._summaries_of(ids)

    def _driven_test(
        self, term: Term, resolved: dict[Term, list[int]], per_article: bool
    ) -> tuple[str, list[object]]:
        """The test of one more term on each of the driver's articles (``d.article_id``)."""
        if term.field in ENTITY_FIELDS or term.field == "by":
            return _entity_test(term.field, resolved.get(term, []), "d.article_id")
        if term.field == "text" and per_article and self._common(term):
            # a word in most articles: test the driver's articles one by one (collecting every article that has
            # the word first would read a million rows to keep a few)
            return self._word_test(
                term,
                list_key_sql("d.published", "d.article_id"),
                "(SELECT t.text FROM articles t WHERE t.id = d.article_id)",
            )
        sql, args = self._term_sql(term, resolved)
        return f"d.article_id IN ({sql})", args

    def _in_many(self, term: Term, ids: list[int]) -> bool:
        """Whether the entities a term names are in so many articles that testing each article read finds a page
        sooner than collecting them all (the rule of ``_common``; their articles are counted as the sum of each
        one's, which counts an article naming two of them twice: a wrong estimate costs time, never results)."""
        estimates = self._estimates()
        key = ("entities", term)
        if key not in estimates:
            total = self._total()
            found = estimates.get(("articles", term))  # counted as the term's entities were found
            if found is None:
                marks = ",".join("?" * len(ids))
                found = self._rows(
                    f"SELECT coalesce(sum(article_count), 0) FROM entities WHERE id IN ({marks})", ids
                )[0][0]
            estimates[key] = total > 0 and found >= math.sqrt(50 * total)
        return estimates[key]

    def _common_words(self, q: Query) -> bool:
        """Whether free-text terms decide the query and each is common (see ``_common``)."""
        words = [t for t in q.terms if t.field == "text"]
        if not words or any(t.field not in ("text", "source") for t in q.terms):
            return False
        return all(self._common(term) for term in words)

    def _mid_words(self, q: Query) -> bool:
        """Whether only free-text terms decide the query and their matches are common enough that walking the
        date index (~0.3 µs an entry, w/s entries for w rows wanted and a share s) costs less than reading every
        match's article row to sort them (~11 µs each warm, far more cold: s·n rows): s²·n ≥ w / 36. The
        walk's cost is capped (``_within_budget``), so a share estimated too high costs ~30 ms, never results."""
        words = [t for t in q.terms if t.field == "text"]
        if not words or len(words) != len(q.terms):
            return False
        total, share = self._share(words[0])
        for word in words[1:]:  # as if the words were independent: two in 2 % each are together in 0.04 %
            share *= self._share(word)[1]
        wanted = getattr(self._local, "wanted", 50)
        return total > 0 and share * share * total * _ROW_VS_INDEX >= wanted

    def _common(self, term: Term) -> bool:
        """Whether a free-text term is in so many articles that reading the newest articles and testing each
        finds the page sooner than collecting and sorting every match. With ``n`` articles, the term in a share
        ``s`` of them and ``w`` rows wanted (the page and the rows before it), the walk makes w/s tests (a seek
        in the term's posting list each, 7-15 µs) and collecting reads s·n matches (~3 µs each, with the row
        fetched and sorted): common means s²·n ≥ 4·w (on 100,000 articles a word in 2.5 % was walked: 178 ms
        for 200 rows, against 16 ms collected; one in 10 % is walked in 19 ms, collected in 29)."""
        total, share = self._share(term)
        wanted = getattr(self._local, "wanted", 50)
        # a phrase's matches are read with their positions, each ~10 times a word's (6 µs for "of the")
        seek_vs_read = (
            _SEEK_VS_READ / 10 if term.phrase and len(fts_escape(term.value).split()) > 1 else _SEEK_VS_READ
        )
        return total > 0 and share * share * total >= seek_vs_read * wanted

    def _share(self, term: Term) -> tuple[int, float]:
        """How many articles there are, and the estimated share of them holding every word of a text term.

        Estimated from the latest SAMPLE articles (by id), so the estimate costs the same on any store: counting
        every match (fts5vocab) reads the word's whole posting list, 180 ms for a word in each of a million
        articles. A wrong estimate costs time, never results. Remembered for the rest of the call."""
        estimates = self._estimates()
        if term not in estimates:
            estimates[term] = self._estimate_share(term)
        return estimates[term]

    def _estimate_share(self, term: Term) -> tuple[int, float]:
        total = self._total()
        sample = min(total, _SAMPLE)
        if not sample:
            return 0, 0.0
        table, expr = _text_index(term)
        if not expr:
            return total, 1.0
        # the term as the index matches it (a phrase of common words may itself be rare), among the newest
        # articles: the first rows of the doclist, which is in list order
        newest = self._newest_key(sample)
        found = self._rows(
            f"SELECT count(*) FROM {table} WHERE {table} MATCH ? AND rowid >= ?", (expr, newest)
        )[0][0]
        return total, found / sample

    def _word_test(self, term: Term, key: str, text: str) -> tuple[str, list[object]]:
        """The test that an article (``key``, its list key, and ``text``: SQL expressions) holds a common text
        term.

        The full-text index answers exactly, but each answer is a seek in the word's posting list, which grows
        with the store (75 µs on a million articles, 20 on a thousand). For a plain word in most articles, the
        article's own text is looked at first: a whole-word match there is a match for the index too (see
        ``_has_word``), and only the rest go to the index."""
        table, expr = _text_index(term)
        fts = f"EXISTS (SELECT 1 FROM {table} f WHERE f.rowid = {key} AND {table} MATCH ?)"
        if _PLAIN_WORD.fullmatch(term.value) and self._share(term)[1] >= 0.5:
            return f"(has_word({text}, ?) OR {fts})", [term.value, expr]
        return fts, [expr]

    def _where(
        self, q: Query, resolved: dict[Term, list[int]], per_article: bool = False, walk: bool = False
    ) -> tuple[str, list[object]] | None:
        """The WHERE clause (over ``articles a``) for a query, or None when no article can match. With
        ``per_article`` the text terms are tested on each article rather than collected first.

        With ``walk`` the caller reads articles in an order's index and stops at a page, so a term naming
        entities in many articles is tested on each article read too: collecting the 900,000 articles of the
        5,574 people called Petrović to keep 50 took five seconds on a million articles, testing takes 5 ms."""
        clauses: list[str] = []
        params: list[object] = []
        for term in q.terms:
            sql, args = self._term_sql(term, resolved)
            if sql is None:
                return None
            if per_article and term.field == "text":
                sql, args = self._word_test(term, "a.list_key", "a.text")
                clauses.append(sql)
            elif walk and term.field != "text" and term in resolved and self._in_many(term, resolved[term]):
                sql, args = _entity_test(term.field, resolved[term], "a.id")
                clauses.append(sql)
            elif term.field == "source":  # in the row: no need to collect the source's articles first
                clauses.append("a.source = ? COLLATE NOCASE")
            else:
                clauses.append(f"a.id IN ({sql})")
            params.extend(args)
        # on the expression the list's date order is indexed by, so a date range is a seek in that index
        _date_clauses(q, "coalesce(a.published, '')", clauses, params)
        return " AND ".join(clauses) or "1", params

    def _term_sql(self, term: Term, resolved: dict[Term, list[int]]) -> tuple[str | None, list[object]]:
        if term.field in ENTITY_FIELDS:
            named = self._named(term.value, ENTITY_FIELDS[term.field])
            ids = [entity_id for entity_id, _ in named]
            resolved[term] = ids
            self._estimates()[("articles", term)] = sum(n for _, n in named)
            if not ids:
                return None, []
            return (
                f"SELECT article_id FROM article_entities WHERE entity_id IN ({','.join('?' * len(ids))})",
                ids,
            )
        if term.field == "by":
            ids = self._match_entities(term.value, None)
            resolved[term] = ids
            if not ids:
                return None, []
            return f"SELECT article_id FROM quotes WHERE speaker_id IN ({','.join('?' * len(ids))})", ids
        if term.field == "source":
            return "SELECT id FROM articles WHERE source = ? COLLATE NOCASE", [term.value]
        expr = fts_escape(term.value, term.phrase)
        if not expr:
            return None, []
        if term.field == "quote":
            return (
                "SELECT q.article_id FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid "
                "WHERE quotes_fts MATCH ?",
                [expr],
            )
        table, expr = _text_index(term)
        return f"SELECT rowid & {ID_MASK} FROM {table} WHERE {table} MATCH ?", [expr]

    def _hits(
        self, summaries: list[ArticleSummary], terms: list[Term], resolved: dict[Term, list[int]]
    ) -> list[SearchHit]:
        """Why each article matched: the first term that can show a snippet gives it, with the offset to jump to.

        One query per term for the whole page, not one per article: a page costs the same few queries on a
        million articles as on a thousand."""
        if not summaries:
            return []
        ids = [s.id for s in summaries]
        in_page = ",".join("?" * len(ids))
        matched: dict[int, list[str]] = {i: [] for i in ids}
        offsets: dict[int, int | None] = dict.fromkeys(ids)
        snippets: dict[int, Snippet] = dict.fromkeys(ids, _NO_SNIPPET)
        spans: dict[int, tuple[int, int]] = {}  # the mention whose context is the snippet
        text_terms = [t for t in terms if t.field == "text"]
        for term in terms:
            found = resolved.get(term, [])
            if term.field in ENTITY_FIELDS and found:
                # min() makes SQLite take the other columns from the first mention of each article
                rows = self._rows(
                    f"SELECT m.article_id, min(m.start), m.end, e.name FROM mentions m "
                    f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({in_page}) "
                    f"AND m.entity_id IN ({','.join('?' * len(found))}) GROUP BY m.article_id",
                    (*ids, *found),
                )
                for article_id, start, end, name in rows:
                    matched[article_id].append(f"{term.field}: {name}")
                    if offsets[article_id] is None:
                        offsets[article_id] = start
                        spans[article_id] = (start, end)
            elif term.field in ("by", "quote"):
                # tested on the page's quotes (unary + keeps SQLite off the speaker's index, which holds every
                # quote of someone quoted 600,000 times)
                cond = (
                    f"+q.speaker_id IN ({','.join('?' * len(found))})"
                    if term.field == "by"
                    else "EXISTS (SELECT 1 FROM quotes_fts f WHERE f.rowid = q.id AND quotes_fts MATCH ?)"
                )
                args = found if term.field == "by" else [fts_escape(term.value, term.phrase)]
                rows = self._rows(
                    f"SELECT q.article_id, min(q.start), q.text, s.name FROM quotes q LEFT JOIN entities s "
                    f"ON s.id = q.speaker_id WHERE q.article_id IN ({in_page}) AND {cond} GROUP BY q.article_id",
                    (*ids, *args),
                )
                for article_id, start, text, name in rows:
                    matched[article_id].append(
                        f"quote by {name}" if term.field == "by" else f"quote: {term.value}"
                    )
                    if offsets[article_id] is None:
                        offsets[article_id] = start
                        snippets[article_id] = Snippet(text[:_SNIPPET_CHARS], quoted=True)
        snippets.update(self._contexts(spans))
        if text_terms:
            words = "words: " + " ".join(t.value for t in text_terms)
            for article_id in ids:
                matched[article_id].append(words)
            needing = [i for i in ids if offsets[i] is None or not snippets[i].text]
            texts = (
                dict(
                    self._rows(
                        f"SELECT id, text FROM articles WHERE id IN ({','.join('?' * len(needing))})", needing
                    )
                )
                if needing
                else {}
            )
            marks = _terms_pattern(tuple(text_terms))
            for article_id in needing:
                article_text = texts.get(article_id, "")
                # found by position in the text just read, and every term marked around them: FTS5's
                # snippet() scores a window at every place a term stands against every other place, and its
                # highlight() grows its result a piece at a time, both the square of how long the article is
                # (26 s for two words in a 120,000-word article that repeats them)
                found_at = _first_words(article_text, text_terms[0])
                if found_at is None:
                    snippets[article_id] = Snippet(article_text[:_SNIPPET_CHARS])
                    continue
                if offsets[article_id] is None:
                    offsets[article_id] = found_at[0]
                snippets[article_id] = _context_in(article_text, *found_at, also=marks)
        return [
            SearchHit(s, snippets[s.id].text, tuple(matched[s.id]), offsets[s.id], *snippets[s.id][1:])
            for s in summaries
        ]

    def _contexts(self, spans: dict[int, tuple[int, int]], width: int = 70) -> dict[int, Snippet]:
        """The words around each article's span, the span marked for highlighting; one query for them all."""
        if not spans:
            return {}
        windows = {
            i: (max(1, start + 1 - width), (end - start) + 2 * width) for i, (start, end) in spans.items()
        }
        rows = self._rows(
            "WITH w(id, first, length) AS (VALUES " + ",".join(["(?, ?, ?)"] * len(windows)) + ") "
            "SELECT w.id, substr(a.text, w.first, w.length) FROM w JOIN articles a ON a.id = w.id",
            [x for i, (first, length) in windows.items() for x in (i, first, length)],
        )
        out = {}
        for i, piece in rows:
            lead = min(width, spans[i][0])
            out[i] = _context_in(piece, lead, lead + spans[i][1] - spans[i][0], width)
        return out


_STEPS_BETWEEN_ASKS = 1000  # SQLite steps between asking whether a query is still wanted (tens of µs)
# asks (of _STEPS_BETWEEN_ASKS steps) a plan reading articles one by one may take for a page: some 20-50 ms
_WALK_STEPS = 1000
_SAMPLE = 1000  # articles whose words estimate how common a word is
_COUNT_SECONDS = 0.08  # how long an exact count may take before it is estimated instead
_COUNT_SAMPLE = 2048  # articles whose matches estimate a count
_COUNT_WINDOWS = 16  # windows of neighbours in the list's order they are read in
_SEEK_VS_READ = 4  # a seek in a posting list costs ~4 matches collected (see Store._common)
# a seek in a text's doclists costs ~8 of its matches read in order and tested (Store._text_first)
_SEEK_VS_TEST = 8
# a doclist read whole when its rarest word is in no more articles than this (Store._few)
_FEW_READS = 20_000
# read text terms' pages from their doclist in list order (tests turn it off to reach the other plans)
_TEXT_FIRST = True
# read phrases of the commonest words from the pair index (the benchmark turns it off to measure the word index)
_PAIRS = True
_ROW_VS_INDEX = (
    36  # a match's row read and sorted costs ~36 entries of the date index walked (Store._mid_words)
)
_HITS_AT_ONCE = 500  # hits explained by one set of queries
_PLAIN_WORD = re.compile(r"[0-9A-Za-z]+")
_LISTED = re.compile(r"(?<![\w.+])a\.id IN \(")  # a term's collected articles, in a WHERE over ``articles a``
_OUTSIDE_A_WORD = r"[^0-9A-Za-z\x80-\U0010ffff]"  # ASCII that is not a letter or digit: ends a token for sure


@functools.lru_cache(maxsize=64)
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?:^|(?<={_OUTSIDE_A_WORD})){re.escape(word)}(?:$|(?={_OUTSIDE_A_WORD}))", re.I | re.A
    )


def _has_word(text: str | None, word: str) -> int:
    """1 when ``text`` holds the plain ASCII ``word``, in any case, between ASCII characters that are neither
    letters nor digits (or the ends): the unicode61 tokeniser then makes it a token of its own, so the
    full-text index holds the word for this article. 0 says nothing (an accent or a letter of another script
    next to it, a long s): the index decides."""
    return 1 if text and _word_pattern(word).search(text) else 0


def _add_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("has_word", 2, _has_word, deterministic=True)


_ACCENTED_LETTERS = 32  # the letters of a word taken with or without accents (few words have more)


def _bare(char: str) -> str:
    """A character without its accents (the character itself when it has none to lose)."""
    return "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)) or char


@functools.cache
def _accented() -> dict[str, str]:
    """Each letter (in lower case) → the characters that are it with accents, in either case: those the full-text
    index's tokeniser folds to it (``remove_diacritics``). Letters with accents are all below U+3000."""
    found: dict[str, str] = {}
    for code in range(0x80, 0x3000):
        base = _bare(chr(code))
        if base != chr(code) and len(base) == 1:
            found[base.lower()] = found.get(base.lower(), "") + chr(code)
    return found


def _letters(word: str) -> str:
    """A pattern of ``word`` that takes each letter with or without accents (case is left to the flag); past
    its first ``_ACCENTED_LETTERS`` letters, as written, so that a word the length of a pasted page compiles
    in a moment (its letters' accents would take seconds)."""
    return "".join(map(_letter, word[:_ACCENTED_LETTERS])) + re.escape(word[_ACCENTED_LETTERS:])


@functools.lru_cache(maxsize=1024)
def _letter(char: str) -> str:
    """A pattern of one letter, with or without accents."""
    bare = _bare(char)
    base = bare.lower() if len(bare) == 1 else char.lower()
    accented = _accented().get(base, "")
    return f"[{re.escape(base + accented)}]" if accented else re.escape(base)


def _term_pattern(term: Term) -> str | None:
    """A term's words as the tokeniser finds them: a phrase's in order, else any one of them (letters and digits
    make a token; anything else, an underscore too, is between tokens)."""
    words = [_letters(w) for w in re.findall(r"[^\W_]+", term.value)]
    if not words:
        return None
    return r"[\W_]+".join(words) if term.phrase else "|".join(sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=64)
def _terms_pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    """Any of the terms' words (``_term_pattern``) as whole tokens, whatever their case and accents."""
    found = {p for p in map(_term_pattern, terms) if p}
    if not found:
        return None
    alternatives = "|".join(sorted(found, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


def _first_words(text: str, term: Term) -> tuple[int, int] | None:
    """Where a term's words first stand in ``text`` as the full-text index finds them (``_terms_pattern``); None
    when they do not (a letter the index folds and Python does not). Reads the text up to them, no further."""
    pattern = _terms_pattern((term,))
    if pattern is None:
        return None
    words = re.findall(r"[^\W_]+", term.value)
    if all(_PLAIN_WORD.fullmatch(w) for w in words) and (term.phrase or len(words) == 1):
        found = _first_plain(text, words[0])
        while found is not None and len(words) > 1:  # a phrase: where its first word starts it
            match = pattern.match(text, found[0])
            if match:
                found = match.span()
                break
            found = _first_plain(text, words[0], found[0] + 1)
        # the first unless a form of the words with a letter from outside ASCII stands before it
        if found is not None and not _odd_forms("".join(words).lower()).search(text, 0, found[1]):
            return found
    match = pattern.search(text)
    return match.span() if match else None


@functools.lru_cache(maxsize=64)
def _plain_pattern(word: str) -> re.Pattern[str]:
    return re.compile(re.escape(word), re.IGNORECASE | re.ASCII)


def _first_plain(text: str, word: str, start: int = 0) -> tuple[int, int] | None:
    """Where the ASCII ``word`` first stands in ``text`` (from ``start``) in ASCII letters of any case, as a whole
    token; found by a literal search, where ``_terms_pattern``'s regex tries every position (~270 µs in a
    3,400-character article, the most of a page of snippets)."""
    pattern = _plain_pattern(word)
    found = pattern.search(text, start)
    while found is not None:
        at, end = found.span()
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return at, end
        found = pattern.search(text, at + 1)
    return None


@functools.lru_cache(maxsize=64)
def _odd_forms(word: str) -> re.Pattern[str]:
    """Any character from outside ASCII that ``_terms_pattern`` takes for a letter of the ASCII ``word``: its
    accented forms and the few case folds of other scripts (ſ for s, K for k, İ and ı for i)."""
    odd = sorted(set().union(*(_odd_letters(c) for c in set(word))))
    return re.compile(f"[{re.escape(''.join(odd))}]" if odd else "(?!)")


@functools.cache
def _odd_letters(char: str) -> frozenset[str]:
    pattern = re.compile(_letter(char), re.IGNORECASE)
    return frozenset(chr(c) for c in range(0x80, 0x3000) if pattern.fullmatch(chr(c)))


def _context_in(
    text: str,
    start: int,
    end: int,
    width: int = 70,
    also: re.Pattern[str] | None = None,
) -> Snippet:
    """The words around a span of ``text``: up to ``width`` characters before it and the rest of ``2 * width``
    after, its line only, cut at whole words, with an ellipsis where the text was cut; the span marked for
    highlighting, and so is every match of ``also`` (``_terms_pattern``) inside. The cost follows ``width``,
    not the text: only the window is looked at."""
    lo = max(0, start - width)
    hi = min(len(text), lo + (end - start) + 2 * width)
    cut = start - lo == width
    lo = max(lo, text.rfind("\n", lo, start) + 1)  # the span's line only
    if (line_end := text.find("\n", end, hi)) >= 0:
        hi = line_end
    if cut and (space := text.find(" ", lo, start)) >= 0:  # cut in the middle of a word: start at the next
        lo = space + 1
    if hi - end == width and (space := text.rfind(" ", end, hi)) >= 0:
        hi = space
    # (one character past the window, so that a word cut there is not taken for a match)
    spans = also.finditer(text, lo, hi + 1) if also else ()
    inside = [(m.start(), m.end()) for m in spans if m.end() <= hi]
    lead = "…" if cut else ""
    marks, at = [], lo
    for a, b in sorted([(start, end), *inside]):
        if a >= at:  # none inside another
            marks.append((len(lead) + a - lo, len(lead) + b - lo))
            at = b
    return Snippet(lead + text[lo:hi] + "…", tuple(marks))


def _text_index(term: Term) -> tuple[str, str]:
    """The full-text index that answers a text term best, and the term's expression there: the pair index for
    a phrase of the commonest words (``store.pairs``), the word index for anything else."""
    expr = fts_escape(term.value, term.phrase)
    if _PAIRS and term.phrase and (pairs := pair_phrase(expr.strip('"'))):
        return PAIR_TABLE, pairs
    return "articles_fts", expr


def _entity_test(field: str, ids: list[int], article_id: str) -> tuple[str, list[object]]:
    """The test that an article (``article_id``: an SQL expression) names one of ``ids`` (for by:, quotes one).

    An article names about twenty entities: with many ids, its rows are read and each looked up in the ids
    (unary + keeps SQLite from seeking every id in every article)."""
    marks = ",".join("?" * len(ids))
    if field == "by":
        return (
            f"EXISTS (SELECT 1 FROM quotes x WHERE x.article_id = {article_id} AND x.speaker_id IN ({marks}))",
            [*ids],
        )
    column = "+x.entity_id" if len(ids) > 10 else "x.entity_id"
    return (
        f"EXISTS (SELECT 1 FROM article_entities x WHERE x.article_id = {article_id} AND {column} IN ({marks}))",
        [*ids],
    )


def _date_clauses(q: Query, column: str, clauses: list[str], params: list[object]) -> None:
    """after:/before: on a date column; undated articles (NULL, or '' where the date is copied) never match."""
    if q.after:
        clauses.append(f"{column} >= ?")
        params.append(q.after)
    if q.before:
        clauses.append(f"{column} <= ? AND {column} != ''")
        params.append(q.before)


def search_after(
    store: Store,
    query: str | Query,
    after: ArticleSummary,
    limit: int = 50,
    cancelled: Callable[[], bool] | None = None,
) -> list[SearchHit]:
    """The next page of a search: the matches just after ``after`` (a hit's article) in the search's newest-first
    order, with snippets as ``Store.search`` gives them.

    Found by key, as the article list's pages are: the 200 matches after row 100,000 cost an index seek, where
    ``search(offset=...)`` costs every row skipped. Raises QuerySyntaxError as ``search`` does."""
    q = parse(query) if isinstance(query, str) else query
    if q.empty:
        return []
    try:
        summaries = store.articles(limit, 0, "newest", q, after=after, cancelled=cancelled)
        resolved: dict[Term, list[int]] = {}
        store._where(q, resolved)  # the names each term stands for, as the snippets show them
        return [
            hit
            for at in range(0, len(summaries), _HITS_AT_ONCE)
            for hit in store._hits(summaries[at : at + _HITS_AT_ONCE], list(q.terms), resolved)
        ]
    except sqlite3.OperationalError as exc:
        if not any(sign in str(exc) for sign in _QUERY_ERRORS):
            raise
        raise QuerySyntaxError(f"the store cannot run this query ({exc})") from None


def name_matches(store: Store, text: str, kind: str | None = None) -> list[int]:
    """The entities a field term's name stands for in a search (``person:trump``: every Trump), by id: what a
    suggestion must not silently narrow."""
    return store._match_entities(text, kind)


class StoreWatch:
    """Notices another program (an ingest) committing to the store, as cheaply as SQLite allows: ``PRAGMA
    data_version`` on a connection of its own changes when any other connection commits, and reads no table.

    Its own connection, because the value is per connection and the app's queries run on whichever worker thread
    is free; a store opened from a ``Database`` (tests) shares that one, which never sees its own commits."""

    def __init__(self, store: Store):
        self._own = store.path is not None
        self._conn = open_reader(store.path).conn if store.path is not None else store.db.conn
        self._lock = threading.Lock()
        self._version: int | None = None

    def changed(self) -> bool:
        """Whether the store has been written since the last call (False at the first)."""
        with self._lock:
            version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            changed = self._version is not None and version != self._version
            self._version = version
            return changed

    def close(self) -> None:
        if self._own:
            self._conn.close()
