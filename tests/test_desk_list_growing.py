"""A store that grows under the app (an ingest beside it): the list notices new articles, says how many, and
``r`` reads them in."""

from __future__ import annotations

import json
import shutil

import pytest

from store.db import open_store
from store.ingest import ingest
from store.queries import Store
from tui.app import NewsdeskApp
from tui.widgets import article_list
from tui.widgets.article_list import ArticleList, ArticleListHeader

from .test_app import settle


def _add(path, folder, titles: list[str]) -> None:
    """Another program's ingest: its own connection, its own commits."""
    feed = folder / f"{titles[0]}.jsonl".replace(" ", "-")
    feed.write_text(
        "".join(
            json.dumps({"title": t, "date": "2031-01-01", "text": [f"{t}: officials met in Pristina."]})
            + "\n"
            for t in titles
        ),
        encoding="utf-8",
    )
    db = open_store(path)
    try:
        assert ingest(db, [str(feed)]).added == len(titles)
    finally:
        db.conn.close()


async def _until(pilot, condition, seconds: float = 30.0) -> None:
    """Wait for ``condition`` (the list's watch polls every 0.1 s here; a loaded machine may take seconds)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"still not so after {seconds:.0f} s")


@pytest.fixture()
def growing(store_path, tmp_path, monkeypatch):
    monkeypatch.setattr(article_list, "WATCH_SECONDS", 0.1)
    path = tmp_path / "growing.db"
    shutil.copy(store_path, path)
    return path


async def test_new_articles_are_announced_and_r_reads_them_in(growing, tmp_path):
    store = Store.open(growing)
    before = store.article_count()
    app = NewsdeskApp(store)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        header = app.main.query_one(ArticleListHeader)
        await pilot.press("j", "j")
        on = articles.current
        assert articles.count == before and not header.note
        _add(growing, tmp_path, ["Grown one", "Grown two"])
        await _until(pilot, lambda: header.note)
        assert "2 new articles — press r" in header.render().plain
        assert articles.count == before  # nothing moves under the reader until asked
        _add(growing, tmp_path, ["Grown three"])
        await _until(pilot, lambda: "3 new" in header.note)
        assert header.note == "3 new articles — press r"
        await pilot.press("r")
        await settle(pilot)
        assert articles.count == before + 3 and not header.note
        assert [articles.row(i).title for i in range(3)] == ["Grown three", "Grown two", "Grown one"]
        assert articles.current == on  # the cursor stays on the article it was on


async def test_a_list_opened_empty_fills_as_the_first_articles_arrive(tmp_path, monkeypatch):
    monkeypatch.setattr(article_list, "WATCH_SECONDS", 0.1)
    path = tmp_path / "new.db"
    open_store(path).conn.close()
    app = NewsdeskApp(Store.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        assert articles.count == 0
        _add(path, tmp_path, ["First in"])
        await _until(pilot, lambda: articles.count)
        await settle(pilot)
        assert articles.count == 1 and articles.row(0).title == "First in"
