"""A long article is laid out in a worker that another article cancels: it stops where it is, and its result
never replaces what the body shows."""

from __future__ import annotations

import threading
import time

from store.queries import Store
from tui.app import NewsdeskApp
from tui.history import Location
from tui.widgets import article_body
from tui.widgets.article_body import ArticleBody

from .test_app import settle
from .test_huge_articles import huge_store, until  # noqa: F401 (a fixture)


async def test_another_article_cancels_the_layout_of_a_long_one(huge_store, monkeypatch):  # noqa: F811
    path, ids = huge_store
    started, stopped = threading.Event(), threading.Event()
    lay_out = article_body.lay_out

    def slow(article, width, limit=None, pause=None):
        """The 1 MB article's whole layout takes as long as it is left to run (up to 60 s)."""
        if limit is None and len(article.text) > 500_000:
            started.set()
            try:
                for _ in range(6000):
                    pause()
                    time.sleep(0.01)
            except BaseException:
                stopped.set()
                raise
        return lay_out(article, width, limit, pause=pause)

    monkeypatch.setattr(article_body, "lay_out", slow)
    app = NewsdeskApp(Store.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.navigate(Location("article", ids["line"]))
        body = app.main.query_one(ArticleBody)
        await until(pilot, started.is_set)
        assert body.laying_out
        app.navigate(Location("article", ids["quotes"]))
        await until(pilot, stopped.is_set)  # the long layout stopped, not run to its end
        await until(pilot, lambda: not body.laying_out)
        await settle(pilot)
        assert body.article.id == ids["quotes"]
        assert "Quote 0 is here" in " ".join(body.render_line(y).text for y in range(10))
