"""Shared fixtures: the fixture articles, their gold files, and a store built from them once per session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
GOLD = ROOT / "fixtures" / "gold"
SEED = ARTICLES / "kosovo-israel-call.txt"


def gold(name: str):
    """The gold annotation of a fixture article (a list for files holding several articles)."""
    stem = name.split(".")[0]
    return json.loads((GOLD / f"{stem}.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    """A store holding every fixture article, built through the real ingest path."""
    from store.db import open_store
    from store.ingest import ingest

    path = tmp_path_factory.mktemp("store") / "fixtures.db"
    db = open_store(path)
    report = ingest(db, [str(ARTICLES)])
    assert report.failures == [], report.failures
    db.conn.close()
    return path


@pytest.fixture()
def store(store_path):
    from store.queries import Store

    s = Store.open(store_path)
    yield s
    s.close()
