"""Opening the app fast: the first screen's rows are read before Textual is imported, and no garbage is collected
until that screen is painted.

The first page is a one-row count and one index range of PAGE rows (a few milliseconds on a million articles),
read on the main thread: on a thread of its own it fought the imports for the GIL and took 40 times as long. If it
fails, the article list asks its worker again, and a store error reaches the user the way it does mid-session.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from store.db import store_failure
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


_gc_held = False


def hold_gc() -> None:
    """No cyclic garbage collection while the app starts. Importing and building it allocates enough to set off
    several collections, each walking every object of every module loaded so far (about 80 ms in all)."""
    global _gc_held
    if gc.isenabled():
        gc.disable()
        _gc_held = True


def release_gc() -> None:
    """After the first paint: what start-up built lives as long as the app, so it is frozen out of later
    collections, and collection resumes. Does nothing unless ``hold_gc`` held it."""
    global _gc_held
    if _gc_held:
        _gc_held = False
        gc.freeze()
        gc.enable()


def launch(
    path: Path, make_app: Callable[[Store, FirstPage | None], NewsdeskApp] | None = None
) -> NewsdeskApp:
    """Open the store, read the first page, then import and build the app (``make_app`` for probes)."""
    hold_gc()
    try:
        store = Store.open(path)
        try:
            first: FirstPage | None = first_page(store)
        except Exception as exc:
            if store_failure(exc, path) is None:
                raise
            first = None  # the list's worker meets it again, inside the app, which ends with one line
        if make_app is None:
            from .app import NewsdeskApp
            from .settings import load_settings

            return NewsdeskApp(store, first_page=first, settings=load_settings())
        return make_app(store, first)
    except BaseException:
        release_gc()
        raise
