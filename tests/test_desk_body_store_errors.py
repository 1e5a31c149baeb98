"""A store that fails under the running app ends it with one line (exit 3) through public means: the worker
posts StoreFailed; a bug in the same place keeps Textual's report (the worker's exception, exit 1)."""

from __future__ import annotations

import sqlite3

import pytest
from textual.worker import WorkerFailed

from store.queries import Store
from tui.app import NewsdeskApp
from tui.history import Location

from .test_app import settle


async def _fail_while_showing(app: NewsdeskApp, monkeypatch, where: str, error: Exception) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        some = app.store.articles(1)[0].id
        entity = app.store.article_entities(some)[0][0].id

        def fails(self, *args, **kwargs):
            raise error

        monkeypatch.setattr(Store, where, fails)
        app.navigate(Location(where, some if where == "article" else entity))
        for _ in range(40):
            if app.return_code is not None:
                break
            await pilot.pause(0.05)


@pytest.mark.parametrize("where", ["article", "entity"])
async def test_a_store_failing_in_a_worker_ends_the_app_with_one_line(store_path, monkeypatch, where):
    error = sqlite3.DatabaseError("database disk image is malformed")
    app = NewsdeskApp(Store.open(store_path))
    await _fail_while_showing(app, monkeypatch, where, error)
    assert app.return_code == 3
    assert app.store_error is not None and "is damaged" in app.store_error


@pytest.mark.parametrize("where", ["article", "entity"])
async def test_a_bug_in_a_worker_keeps_textuals_report(store_path, monkeypatch, where):
    app = NewsdeskApp(Store.open(store_path))
    with pytest.raises(WorkerFailed):
        await _fail_while_showing(app, monkeypatch, where, ValueError("a bug"))
    assert app.return_code == 1 and app.store_error is None
