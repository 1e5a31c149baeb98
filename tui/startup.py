"""Opening the app fast: what the first screen shows is fetched on a thread while Textual is still importing.

The UI never waits for it: if the answer is not in when the article list mounts, the list asks its own worker.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from store.queries import Store

if TYPE_CHECKING:
    from store.models import ArticleSummary
    from store.query_syntax import Query

    from .app import NewsdeskApp

PAGE = 200  # rows the article list fetches at a time
FirstPage = tuple[int, list["ArticleSummary"]]  # how many articles, and the newest PAGE of them


def first_page(store: Store, order: str = "newest", query: Query | None = None) -> FirstPage:
    """What the article list shows first: how many articles (matching ``query``), and the top page."""
    return store.article_count(query), store.articles(PAGE, 0, order, query)


def prefetch(store: Store) -> Future[FirstPage]:
    """Start fetching the first page on a thread of its own."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="newsdesk-first-page")
    future = pool.submit(first_page, store)
    pool.shutdown(wait=False)
    return future


def launch(
    path: Path, make_app: Callable[[Store, Future[FirstPage]], NewsdeskApp] | None = None
) -> NewsdeskApp:
    """Open the store, start the first page, then import and build the app (``make_app`` for probes)."""
    store = Store.open(path)
    first = prefetch(store)
    if make_app is None:
        from .app import NewsdeskApp  # imported after the query started, so the two overlap

        return NewsdeskApp(store, first_page=first)
    return make_app(store, first)
