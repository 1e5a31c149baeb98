"""Panes that use the screen: the entity and quote panes and the list widen with the terminal, and the user moves
their borders with < > { } or by dragging the grips between them."""

from __future__ import annotations

from store.queries import Store
from tui.app import NewsdeskApp
from tui.history import Location

from .test_app import SEED_TITLE, settle


async def _open_seed(pilot) -> None:
    app = pilot.app
    seed = next(s for s in app.store.articles(100) if s.title == SEED_TITLE)
    app.navigate(Location("article", seed.id))
    await settle(pilot)


def _widths(app) -> tuple[int, int]:
    """The entity and quote panes' width, and the list's (0 when the list is not beside the article)."""
    main = app.main
    list_pane = main.query_one("#list-pane")
    return main.query_one("#side").outer_size.width, list_pane.outer_size.width if list_pane.display else 0


async def test_panes_widen_with_the_terminal(store_path):
    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await _open_seed(pilot)
        seen = {}
        for size in [(100, 30), (149, 40), (160, 45), (200, 60), (250, 60)]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            seen[size[0]] = _widths(app)
        assert seen[100][0] >= 34 and seen[200][0] >= 40 and seen[250][0] > seen[200][0], seen
        assert seen[160][1] < seen[200][1] < seen[250][1], seen  # the list beside it, and its title column
        assert all(side < width / 2 for width, (side, _) in seen.items()), seen  # the article keeps the most


async def test_keys_move_the_borders_between_panes(store_path):
    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await _open_seed(pilot)
        side, listed = _widths(app)
        await pilot.press("greater_than_sign", "greater_than_sign")
        await settle(pilot)
        wider = _widths(app)[0]
        assert wider > side + 5
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert side < _widths(app)[0] < wider
        await pilot.press("right_curly_bracket")
        await settle(pilot)
        assert _widths(app)[1] > listed + 5
        await pilot.press("left_curly_bracket", "left_curly_bracket")
        await settle(pilot)
        assert _widths(app)[1] < listed


async def test_dragging_a_grip_moves_the_border(store_path):
    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _open_seed(pilot)
        side = _widths(app)[0]
        grip = app.main.query_one("#side-grip")
        x = grip.region.x
        await pilot.mouse_down("#side-grip")
        await pilot.hover(offset=(x - 20, 10))
        await pilot.mouse_up(offset=(x - 20, 10))
        await settle(pilot)
        assert _widths(app)[0] >= side + 15
