"""Keys and mouse: the key bar shows what applies where the focus is, with ? always there; g/G on entity pages;
a click does what the keys do (select, then open; follow a mention in the body)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from store.queries import Store
from tui.app import NewsdeskApp
from tui.history import Location
from tui.screens.entity import EntityScreen
from tui.widgets.article_body import ArticleBody
from tui.widgets.bars import KeyBar
from tui.widgets.entity_pane import EntityPane

from .test_app import SEED_TITLE, settle


async def _open_seed(pilot) -> ArticleBody:
    app = pilot.app
    seed = next(s for s in app.store.articles(100) if s.title == SEED_TITLE)
    app.navigate(Location("article", seed.id))
    await settle(pilot)
    return app.main.query_one(ArticleBody)


def _bar(app) -> str:
    return app.screen.query_one(KeyBar).render().plain


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_key_bar_shows_the_keys_of_the_focus_and_always_help(store_path, size):
    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        on_list = _bar(app)
        assert "Sort" in on_list and "? Help" in on_list
        assert "Next mention" not in on_list and "Copy quote" not in on_list  # nothing to do on the list
        await _open_seed(pilot)
        for pane in ("#body", "#entities", "#quotes"):
            app.main.query_one(pane).focus()
            await settle(pilot)
            shown = _bar(app)
            assert "? Help" in shown, (pane, shown)
            assert len(shown) <= size[0], shown  # nothing cut off the end
            assert "Sort" not in shown
        app.main.query_one("#body").focus()
        await settle(pilot)
        assert "Next link" in _bar(app)


async def test_g_and_G_go_to_the_top_and_bottom_of_an_entity_page(store_path):
    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        entity = next(e for e in app.store.find_entities("Kosovo") if e.name == "Kosovo")
        app.navigate(Location("entity", entity.id))
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)
        links = app.screen.query_one(OptionList)
        first = links.highlighted
        await pilot.press("G")
        assert links.highlighted == links.option_count - 1
        await pilot.press("g")
        assert links.highlighted == first


async def test_a_click_selects_an_entity_and_a_second_opens_it(store_path):
    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = await _open_seed(pilot)
        pane = app.main.query_one(EntityPane)
        await pilot.click(EntityPane, offset=(3, 1))  # the first entity, under its kind's heading
        await settle(pilot)
        assert app.screen is app.main  # selected, not opened
        assert pane.entity_id is not None and body.marked_entity == pane.entity_id
        chosen = pane.entity_id
        await pilot.click(EntityPane, offset=(3, 1))
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen) and app.screen.entity_id == chosen


async def test_a_click_on_a_mention_in_the_body_follows_it(store_path):
    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = await _open_seed(pilot)
        # the title's "Ashkenazi": the second line of the body, after "Kosovo FM discusses … with FM "
        title_line = body.render_line(1).text
        x = title_line.index("Ashkenazi") + 2
        await pilot.click(ArticleBody, offset=(x, 1))
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen) and app.screen.entity.name == "Gabi Ashkenazi"


async def test_a_click_selects_a_quote_and_a_second_shows_it(store_path):
    from tui.screens.quote import QuoteScreen
    from tui.widgets.quote_pane import QuotePane

    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        body = await _open_seed(pilot)
        pane = app.main.query_one(QuotePane)
        await pilot.click(QuotePane, offset=(3, 4))  # the second quote: three rows each
        await settle(pilot)
        assert app.screen is app.main and pane.highlighted == 1  # selected, not shown
        assert body.current is not None and body.current.ref == pane.quotes[1].id  # the body is on it
        await pilot.click(QuotePane, offset=(3, 4))
        await settle(pilot)
        assert isinstance(app.screen, QuoteScreen) and app.screen.quote.id == pane.quotes[1].id
