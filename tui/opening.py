"""What opening the app needs before Textual is imported, and what the app's modules share of it: the size of a
page of the article list, the shape of its first page (read by ``gateway.first_page``), and holding garbage
collection until the first paint.

A leaf module (it imports nothing of the app), so that the list, the main screen and the app can use it while
``startup`` builds the app: no import circle.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.models import ArticleSummary

PAGE = 200  # rows the article list fetches at a time
FirstPage = tuple[int, list["ArticleSummary"]]  # how many articles, and the newest PAGE of them


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
