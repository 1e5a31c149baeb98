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


@pytest.fixture(scope="module")
def long_store(tmp_path_factory):
    from bench.make_corpus import build
    from store.queries import Store

    path = tmp_path_factory.mktemp("long") / "long.db"
    build(path, 700, progress=False)  # three and a half pages of the list
    return Store.open(path)


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
