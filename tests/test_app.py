"""The app, driven as a user would with Pilot."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from store.queries import Store
from tui.app import ArticleScreen, NewsdeskApp


async def test_the_app_lists_every_article_newest_first(store_path):
    store = Store.open(store_path)
    app = NewsdeskApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one(DataTable)
        assert table.row_count == store.article_count() == 23
        dates = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        dated = [d for d in dates if d != "—"]
        assert dated == sorted(dated, reverse=True)


async def test_enter_opens_the_article_and_q_goes_back(store_path):
    store = Store.open(store_path)
    app = NewsdeskApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one(DataTable)
        title = table.get_row_at(0)[2].plain
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        await screen.workers.wait_for_complete()
        await pilot.pause()
        body = str(screen.query_one("#body", Static).render())
        assert title in body
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, ArticleScreen)
