"""Words: a count agrees with its noun everywhere ("1 article"), and a page says nothing it has no reason to."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from tui.app import NewsdeskApp
from tui.history import Location
from tui.words import counted

from .test_app import settle


def test_a_count_agrees_with_its_noun():
    assert counted(1, "article") == "1 article"
    assert [counted(n, "article") for n in (0, 2, 1208)] == ["0 articles", "2 articles", "1,208 articles"]
    assert (counted(1, "entity", "entities"), counted(3, "entity", "entities")) == ("1 entity", "3 entities")


async def test_the_list_of_one_article_says_article(store):
    assert len(store.search("by:stano")) == 1
    app = NewsdeskApp(store)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        app.main.query_one("#filter", Input).value = "by:stano"
        await pilot.press("enter")
        await settle(pilot)
        status = app.main.query_one("#status").render().plain
        assert "1 article matching by:stano ·" in status, status


async def test_a_place_that_said_nothing_has_no_quotes_heading(store):
    rows = store.db.execute(
        "SELECT id FROM entities e WHERE kind = 'place' "
        "AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = e.id) ORDER BY article_count DESC LIMIT 1"
    ).fetchall()
    assert rows
    app = NewsdeskApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.navigate(Location("entity", rows[0][0]))
        await settle(pilot)
        links = app.screen.query_one("#entity-links", OptionList)
        shown = [links.get_option_at_index(k).prompt for k in range(links.option_count)]
        words = " ".join(p.plain if hasattr(p, "plain") else str(p) for p in shown)
        assert "Articles (" in words
        assert "Quotes" not in words and "no quotes" not in words
