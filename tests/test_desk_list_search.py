"""The search screen shows everything: the true count, counted in the background, and results past the first
page, read by key as the article list reads its pages; suggestions never cover the results."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Input, OptionList, Static

from store.query_syntax import parse
from tui.app import NewsdeskApp
from tui.screens.search import SearchScreen
from tui.widgets.article_body import ArticleBody
from tui.widgets.result_list import ResultList

from .test_app import search, settle


@pytest.fixture(scope="module")
def long_store(tmp_path_factory):
    from bench.make_corpus import build
    from store.queries import Store

    path = tmp_path_factory.mktemp("long-search") / "long.db"
    build(path, 700, progress=False)
    store = Store.open(path)
    yield store
    store.close()


def _status(screen: SearchScreen) -> str:
    return screen.query_one("#search-status", Static).render().plain


@pytest.mark.parametrize("text", ["person:petrovic", 'person:"Ana Petrović"'])  # counted, and a kept count
async def test_a_search_past_200_says_its_true_count_and_pages_on_to_the_last_match(long_store, text):
    query = parse(text)
    expected = long_store.articles(10_000, 0, "newest", query)
    assert 200 < len(expected) == long_store.article_count(query)
    app = NewsdeskApp(long_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await search(pilot, text)
        assert f"{len(expected):,} articles for {text} ·" in _status(screen)
        await pilot.press("down")  # from the box to the first result
        results = screen.query_one("#results", ResultList)
        assert results.has_focus and results.highlighted == 0
        for _ in range(len(expected) // 200 + 1):  # End reaches the last loaded result; the next page follows
            await pilot.press("end")
            await settle(pilot)
        assert [hit.article for hit in screen.hits] == expected
        assert results.highlighted == len(expected) - 1
        assert results.built < 60  # a virtual list: only the results that came on screen were ever drawn
        await pilot.press("enter")  # the last result opens its own article
        await settle(pilot)
        assert app.main.query_one(ArticleBody).article.id == expected[-1].id
        await pilot.press("backspace")  # back: the pages down to the result left are read again
        await settle(pilot)
        screen = app.screen
        results = screen.query_one("#results", ResultList)
        assert isinstance(screen, SearchScreen) and results.has_focus
        assert results.highlighted == len(expected) - 1
        assert screen.hits[results.highlighted].article == expected[-1]


async def test_a_search_shows_its_first_page_and_an_estimate_while_its_matches_are_counted(
    long_store, monkeypatch
):
    import store.queries
    from tui.words import roughly

    text = "person:petrovic"
    assert long_store.kept_count(parse(text)) is None
    monkeypatch.setattr(store.queries, "_COUNT_SECONDS", 0)  # as on a large store: too long to count at once
    estimate = long_store.count_estimate(parse(text))
    assert not estimate.exact and estimate.value > 200
    counting, release = threading.Event(), threading.Event()
    real = long_store.article_count

    def slow_count(q=None, cancelled=None):
        counting.set()
        release.wait(10)
        return real(q, cancelled)

    monkeypatch.setattr(long_store, "article_count", slow_count)
    app = NewsdeskApp(long_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#query", Input).value = text
        await pilot.press("enter")
        for _ in range(200):
            if counting.is_set() and screen.hits:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert len(screen.hits) == 200
        about = f"about {roughly(estimate.value):,} articles for person:petrovic (counting…)"
        assert about in _status(screen)
        release.set()
        await settle(pilot)
        assert f"{real(parse(text)):,} articles for person:petrovic ·" in _status(screen)


async def test_suggestions_never_open_over_results_and_down_lands_on_the_first_result(
    long_store, monkeypatch
):
    """A fast typist (or a paste): the name's suggestions arrive after Enter has searched."""
    arrived, release = threading.Event(), threading.Event()
    real = long_store.find_entities

    def slow_find(text, *args, **kwargs):
        if text != "petrovic":  # earlier keystrokes' suggestions are cancelled
            return real(text, *args, **kwargs)
        release.wait(10)
        found = real(text, *args, **kwargs)
        arrived.set()
        return found

    monkeypatch.setattr(long_store, "find_entities", slow_find)
    app = NewsdeskApp(long_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"person:petrovic", "enter")
        screen = app.screen
        for _ in range(200):
            if screen.hits:
                break
            await pilot.pause(0.02)
        release.set()
        for _ in range(200):
            if arrived.is_set():
                break
            await pilot.pause(0.02)
        await settle(pilot)
        assert screen.hits and not screen.query_one("#suggestions").display
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.main.query_one(ArticleBody).article.id == screen.hits[0].article.id


async def test_a_name_of_several_entities_is_first_suggested_whole(long_store):
    many = long_store.find_entities("petrovic", kind="person", limit=8)
    assert len(many) > 1
    app = NewsdeskApp(long_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"person:petrovic")
        await settle(pilot)
        suggestions = app.screen.query_one("#suggestions", OptionList)
        assert suggestions.display and suggestions.highlighted == 0
        first = suggestions.get_option_at_index(0).prompt.plain
        assert first.startswith("all that match 'petrovic'")
        assert [suggestions.get_option_at_index(k).prompt.plain.split("  ")[0] for k in (1, 2)] == [
            e.name for e in many[:2]
        ]
        await pilot.press("tab")  # takes the first: the query keeps every Petrović
        box = app.screen.query_one("#query", Input)
        assert box.value == "person:petrovic "
        box.value = ""
        await pilot.press(*"person:petrovic")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # into the suggestions, to the second: one of them
        assert box.value == f'person:"{many[0].name}" '


async def test_the_search_box_names_examples_from_the_open_store(long_store, store):
    """The demo store's people are no example on a store without them: each example finds articles."""
    for application in (NewsdeskApp(long_store), NewsdeskApp(store)):
        async with application.run_test(size=(160, 40)) as pilot:
            await settle(pilot)
            await pilot.press("slash")
            await settle(pilot)
            placeholder = application.screen.query_one("#query", Input).placeholder
        terms = [t for t in placeholder.split("  ") if ":" in t]
        assert {t.split(":")[0] for t in terms} >= {"person", "country", "by", "after"}, placeholder
        for term in terms:
            assert application.store.search(term, limit=1), term


async def test_downs_typed_ahead_of_the_focus_move_on_through_the_results(long_store):
    app = NewsdeskApp(long_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await search(pilot, "person:petrovic")
        # three Downs handled before the focus reaches the results (a fast typist, a paste)
        for _ in range(3):
            screen.action_to_results()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.query_one(ArticleBody).article.id == screen.hits[2].article.id
