"""The article list's pages: found by key or from the end, they are exactly the pages found by position."""

from __future__ import annotations

import pytest

from store.list_order import ORDERS
from store.query_syntax import parse


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("size", [1, 4, 7])
def test_walking_by_key_either_way_gives_the_list_in_order(store, order, size):
    whole = store.articles(10_000, 0, order)
    assert len(whole) == store.article_count() > 2 * size

    forward = store.articles(size, 0, order)
    while len(forward) < len(whole):
        page = store.articles(size, 0, order, after=forward[-1])
        assert page, f"stuck after {forward[-1]}"
        forward += page
    assert [r.id for r in forward] == [r.id for r in whole]

    backward = store.articles(size, 0, order, from_end=True)
    while len(backward) < len(whole):
        backward = store.articles(size, 0, order, before=backward[0]) + backward
    assert [r.id for r in backward] == [r.id for r in whole]


@pytest.mark.parametrize("order", list(ORDERS))
def test_a_page_counted_from_the_end_is_the_same_rows_as_counted_from_the_top(store, order):
    whole = store.articles(10_000, 0, order)
    n = len(whole)
    for start, end in ((n - 5, n), (n - 9, n - 4), (3, 10)):
        page = store.articles(end - start, n - end, order, from_end=True)
        assert [r.id for r in page] == [r.id for r in whole[start:end]]


def test_keyed_pages_respect_a_filter(store):
    query = parse("country:kosovo")
    whole = store.articles(10_000, 0, "newest", query)
    assert 2 < len(whole) < store.article_count()
    walked = store.articles(2, 0, "newest", query)
    while len(walked) < len(whole):
        walked += store.articles(2, 0, "newest", query, after=walked[-1])
    assert [r.id for r in walked] == [r.id for r in whole]


FILTERS = [  # newest first, each names one entity whose own index gives the pages (see Store._driven_page)
    "country:serbia",
    'by:"Dragan Petrović"',
    'country:serbia org:"european union"',
    "country:serbia belgrade",
    "country:kosovo after:2020-01-01",
    'by:"Elira Berisha" country:kosovo',
]


def _expected(store, text: str, order: str) -> list[int]:
    """The filtered list worked out the long way (each term's articles, intersected: see test_search), in the
    order of the whole list."""
    from .test_search import _reference

    matching = set(_reference(store, text))
    return [r.id for r in store.articles(10_000, 0, order) if r.id in matching]


def _walks(store, query, expected: list[int], order: str = "newest") -> None:
    assert [r.id for r in store.articles(10_000, 0, order, query)] == expected
    forward = store.articles(3, 0, order, query)
    while len(forward) < len(expected):
        page = store.articles(3, 0, order, query, after=forward[-1])
        assert page, f"stuck after {forward[-1]}"
        forward += page
    assert [r.id for r in forward] == expected
    backward = store.articles(3, 0, order, query, from_end=True)
    while len(backward) < len(expected):
        backward = store.articles(3, 0, order, query, before=backward[0]) + backward
    assert [r.id for r in backward] == expected
    n = len(expected)
    for start, end in ((0, 4), (2, 7), (n - 4, n)):
        assert [r.id for r in store.articles(end - start, start, order, query)] == expected[start:end]
        page = store.articles(end - start, n - end, order, query, from_end=True)
        assert [r.id for r in page] == expected[start:end]


@pytest.mark.parametrize("text", FILTERS)
def test_a_filter_on_an_entity_lists_its_articles_in_order_by_key_by_position_and_from_either_end(
    store, text
):
    query = parse(text)
    expected = _expected(store, text, "newest")
    assert 4 < len(expected) == store.article_count(query) < store.article_count()
    _walks(store, query, expected)


def test_undated_articles_close_a_filtered_list_as_they_close_the_whole_list(store):
    query = parse("country:serbia")
    rows = store.articles(10_000, 0, "newest", query)
    undated = [r for r in rows if r.published is None]
    assert undated and rows[-len(undated) :] == undated


@pytest.fixture(scope="module")
def long_store(tmp_path_factory):
    from bench.make_corpus import build
    from store.queries import Store

    path = tmp_path_factory.mktemp("long") / "long.db"
    build(path, 700, progress=False)  # three and a half pages of the list
    return Store.open(path)


@pytest.mark.parametrize("order", ["newest", "title", "most quoted"])
def test_filters_on_a_long_list_walk_the_same_whichever_way_they_are_read(long_store, order):
    """By the entity's index (one entity, newest first), testing each article read (a surname shared by many
    people, or any order but the newest), reading the words' doclist in list order (newest first), or collecting
    the matches first (rarer terms, other orders)."""
    from bench.__main__ import _queries

    queries = _queries(700)
    for text in (
        queries["person:"],
        queries["by:"],  # the speaker has several quotes in some articles
        queries["combined"],
        f"{queries['by:']} {queries['country:']}",
        "person:petrovic",  # several people in hundreds of articles
        'person:petrovic source:"danube wire"',
        "person:petrovic before:2019-06-30",
        "by:petrovic after:2020-01-01",
        "officials",  # words alone: their doclist, which is in the list's order
        '"of the" before:2019-06-30',
        "said officials",
        f"officials {queries['person:']}",  # words and a person: whichever list is cheaper to walk
        '"of the" source:"danube wire" after:2018-01-01',
        f'"in the" {queries["person:"]}',  # a phrase of the commonest words: its pairs' doclist
    ):
        query = parse(text)
        expected = _expected(long_store, text, order)
        assert 6 < len(expected) == long_store.article_count(query), text
        _walks(long_store, query, expected, order)


async def test_the_bottom_of_a_long_list_and_back_up_show_the_right_rows(long_store):
    from tui.app import NewsdeskApp
    from tui.widgets.article_list import ArticleList

    from .test_app import settle

    app = NewsdeskApp(long_store)
    expected = long_store.articles(10_000, 0, "newest")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        await pilot.press("G")  # to the oldest article: its page is asked for from the end
        await settle(pilot)
        assert articles.cursor == len(expected) - 1
        assert articles.current == expected[-1]
        for _ in range(12):  # page up through the pages above it, each asked for by key
            await pilot.press("pageup")
        await settle(pilot)
        shown = range(articles.scroll_offset.y, articles.scroll_offset.y + articles.size.height)
        assert [articles.row(i) for i in shown] == [expected[i] for i in shown]
        assert articles.current == expected[articles.cursor]
        assert articles.cursor < len(expected) - 300


async def test_a_filter_whose_count_is_slow_shows_its_top_rows_at_once_then_about_then_the_count(
    long_store, monkeypatch
):
    import threading

    from textual.widgets import Input

    import store.queries
    from tui.app import NewsdeskApp
    from tui.widgets.article_list import ArticleList
    from tui.words import roughly

    from .test_app import settle

    query = parse("after:2015-01-01")  # no kept count: its matches are counted
    assert long_store.kept_count(query) is None
    expected, total = long_store.articles(3, 0, "newest", query), long_store.article_count(query)
    assert total > 200  # more than the top page
    monkeypatch.setattr(store.queries, "_COUNT_SECONDS", 0)  # as on a large store: too long to count at once
    estimate = long_store.count_estimate(query)
    assert not estimate.exact and estimate.value > 200
    counting, release = threading.Event(), threading.Event()
    real = long_store.article_count

    def slow_count(q=None, cancelled=None):
        if q is not None:
            counting.set()
            release.wait(10)
        return real(q, cancelled)

    monkeypatch.setattr(long_store, "article_count", slow_count)
    app = NewsdeskApp(long_store)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        app.main.query_one("#filter", Input).value = "after:2015-01-01"
        await pilot.press("enter")
        articles = app.main.query_one(ArticleList)
        for _ in range(200):
            if counting.is_set() and articles.row(0) == expected[0]:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        status = app.main.query_one("#status").render().plain
        assert [articles.row(i) for i in range(3)] == expected
        about = f"about {roughly(estimate.value):,} articles matching after:2015-01-01 (counting…)"
        assert about in status, status
        release.set()
        await settle(pilot)
        status = app.main.query_one("#status").render().plain
        assert f"{total:,} articles matching after:2015-01-01 ·" in status, status
        assert articles.count == total


def test_a_count_stops_once_it_is_no_longer_wanted(long_store):
    from store.queries import Cancelled

    query = parse("person:petrovic before:2019-06-30")  # counted, not kept
    asked = []
    assert long_store.article_count(query, cancelled=lambda: asked.append(1) or False) == len(
        _expected(long_store, "person:petrovic before:2019-06-30", "newest")
    )
    assert asked  # it was asked while it counted
    with pytest.raises(Cancelled):
        long_store.article_count(query, cancelled=lambda: True)
    assert long_store.article_count(query) == long_store.article_count(query, cancelled=lambda: False)
