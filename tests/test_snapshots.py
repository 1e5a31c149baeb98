"""SVG snapshots of the main screens (pytest-textual-snapshot): the main screen at 80×24, 120×40 and 200×60, the
others at 80×24 and 160×45, and the reader in a light and a dark theme.

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`, and look at the
report before committing the new SVGs.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from store.queries import Store
from tui.app import NewsdeskApp
from tui.history import Location

from .test_app import SEED_TITLE, settle

SIZES = [(80, 24), (160, 45)]
MAIN_SIZES = [
    (80, 24),
    (120, 40),
    (200, 60),
]  # narrow (list and reader take turns), middle, wide (side by side)


async def until(pilot, ready, tries: int = 200) -> None:
    """Wait (up to 10 s) until ``ready()`` holds: a screen's workers may not have started when asked."""
    for _ in range(tries):
        await settle(pilot)
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen never became ready")


def _app(store_path) -> NewsdeskApp:
    return NewsdeskApp(Store.open(store_path))


def _seed_id(app: NewsdeskApp) -> int:
    return next(h.article.id for h in app.store.search("by:stano"))


def _entity_id(app: NewsdeskApp, name: str) -> int:
    return next(e.id for e in app.store.find_entities(name) if e.name == name)


@pytest.mark.parametrize("size", MAIN_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen_list(snap_compare, store_path, size):
    assert snap_compare(_app(store_path), terminal_size=size, run_before=settle)


async def _read_the_seed(pilot) -> None:
    await settle(pilot)
    app = pilot.app
    text = app.store.article(_seed_id(app)).text
    app.navigate(Location("article", _seed_id(app), offset=text.index("Haradinaj,")))
    await settle(pilot)
    assert app.main.article.title == SEED_TITLE


@pytest.mark.parametrize("size", MAIN_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen_reading_the_seed(snap_compare, store_path, size):
    assert snap_compare(_app(store_path), terminal_size=size, run_before=_read_the_seed)


@pytest.mark.parametrize("theme", ["textual-light", "nord"])
def test_reader_in_a_light_and_a_dark_theme(snap_compare, store_path, theme):
    app = _app(store_path)
    app.theme = theme
    assert snap_compare(app, terminal_size=(120, 40), run_before=_read_the_seed)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_entity_page(snap_compare, store_path, size):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.navigate(Location("entity", _entity_id(pilot.app, "Meliza Haradinaj")))
        await settle(pilot)

    assert snap_compare(_app(store_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_results(snap_compare, store_path, size):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.navigate(Location("search", "country:israel"))
        await until(
            pilot,
            lambda: (
                getattr(pilot.app.screen, "hits", None)
                and pilot.app.screen.focused is not None
                and pilot.app.screen.focused.id == "results"
            ),
        )
        pilot.app.screen.query_one("#query", Input).cursor_blink = False
        await settle(pilot)

    assert snap_compare(_app(store_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare, store_path, size):
    assert snap_compare(_app(store_path), terminal_size=size, press=["question_mark"], run_before=settle)
