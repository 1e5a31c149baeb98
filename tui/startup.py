"""Opening the app fast: the first screen's rows are read before Textual is imported, and no garbage is collected
until that screen is painted.

The first page is a one-row count and one index range of PAGE rows (a few milliseconds on a million articles),
read on the main thread: on a thread of its own it fought the imports for the GIL and took 40 times as long. If it
fails, the article list asks its worker again, and a store error reaches the user the way it does mid-session.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .gateway import first_page, open_store, opening_page
from .opening import PAGE, FirstPage, hold_gc, release_gc

if TYPE_CHECKING:
    from store.queries import Store

    from .app import NewsdeskApp

__all__ = [
    "PAGE",
    "FirstPage",
    "first_page",
    "hold_gc",
    "launch",
    "release_gc",
]  # what callers took from here


def launch(
    path: Path, make_app: Callable[[Store, FirstPage | None], NewsdeskApp] | None = None
) -> NewsdeskApp:
    """Open the store, read the first page, then import and build the app (``make_app`` for probes)."""
    hold_gc()
    try:
        store = open_store(path)
        first = opening_page(store)
        if make_app is None:
            from .app import NewsdeskApp
            from .settings import load_settings

            return NewsdeskApp(store, first_page=first, settings=load_settings())
        return make_app(store, first)
    except BaseException:
        release_gc()
        raise
