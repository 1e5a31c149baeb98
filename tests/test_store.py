"""Opening stores: created and migrated when new, refused with a clear reason when not a store."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from store.db import StoreError, open_reader, open_store
from store.schema import SCHEMA_VERSION

from .conftest import ROOT


def test_a_new_store_is_versioned_and_in_wal_mode(tmp_path):
    db = open_store(tmp_path / "s.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {
        "articles",
        "entities",
        "aliases",
        "mentions",
        "quotes",
        "article_entities",
        "articles_fts",
        "quotes_fts",
    } <= set(db.table_names())


def test_opening_twice_keeps_the_data(tmp_path):
    db = open_store(tmp_path / "s.db")
    db.execute("INSERT INTO articles (content_hash, title, text) VALUES ('h', 't', 'x')")
    db.conn.close()
    again = open_store(tmp_path / "s.db")
    assert again.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_a_store_from_a_newer_newsdesk_is_refused_untouched(tmp_path):
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for opener in (open_store, open_reader):
        with pytest.raises(StoreError, match="newer"):
            opener(path)
    assert path.read_bytes() == before


def test_another_programs_database_is_not_touched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a newsdesk store"):
        open_store(path)


def test_a_file_that_is_not_sqlite_gets_a_one_line_reason(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError) as info:
        open_store(path)
    assert "cannot be opened as a store" in str(info.value) and "\n" not in str(info.value)


def test_the_reader_never_creates_a_store(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        open_reader(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_a_store_whose_creation_fails_midway_is_not_left_behind(tmp_path, monkeypatch):
    from store import schema

    def half_then_crash(db):
        db["articles"].create({"id": int, "title": str}, pk="id")
        raise RuntimeError("power cut")

    monkeypatch.setitem(schema.MIGRATIONS, 1, half_then_crash)
    path = tmp_path / "s.db"
    with pytest.raises(RuntimeError):
        open_store(path)
    assert list(tmp_path.iterdir()) == []  # neither the store nor its scaffolding
    monkeypatch.undo()
    db = open_store(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


KILLED_WHILE_CREATING = """
import os, signal, sys
from store import db, schema

def killed(store):  # SIGKILL in the middle of building the schema, the new store's WAL open
    os.kill(os.getpid(), signal.SIGKILL)

schema.MIGRATIONS[schema.SCHEMA_VERSION] = killed
db.open_store(sys.argv[1])
"""


def test_leftovers_of_a_store_creation_that_was_killed_are_cleaned_on_the_next_open(tmp_path):
    """A process killed while it created the store leaves its scaffolding (``.NAME.PID.creating`` and its -wal
    and -shm); the next open removes it. The scaffolding of a creation still running is left alone."""
    path = tmp_path / "s.db"
    killed = subprocess.Popen([sys.executable, "-c", KILLED_WHILE_CREATING, str(path)], cwd=ROOT)
    assert killed.wait(timeout=60) == -9
    leftovers = {p.name for p in tmp_path.iterdir()}
    assert f".s.db.{killed.pid}.creating" in leftovers and len(leftovers) == 3  # with its -wal and -shm
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        in_progress = tmp_path / f".s.db.{running.pid}.creating"
        in_progress.write_bytes(b"")
        db = open_store(path)
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert sorted(p.name for p in tmp_path.iterdir() if "creating" in p.name) == [in_progress.name]
    finally:
        running.kill()
        running.wait()


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_and_the_folders_made_for_it_are_private(tmp_path):
    """Under the usual umask (022) a new store would be readable by every user: the store and its -wal and
    -shm are 0600, and the folders newsdesk makes for it 0700; a folder that was there is left as it was."""
    before = _mode(tmp_path)
    umask = os.umask(0o022)
    try:
        db = open_store(tmp_path / "data" / "newsdesk" / "store.db")
    finally:
        os.umask(umask)
    db.execute("INSERT INTO ingest_failures (origin, reason, at) VALUES ('a', 'b', 'c')")  # the WAL is in use
    files = [tmp_path / "data" / "newsdesk" / name for name in ("store.db", "store.db-wal", "store.db-shm")]
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
    assert _mode(tmp_path / "data") == _mode(tmp_path / "data" / "newsdesk") == 0o700
    assert _mode(tmp_path) == before


def test_a_version_1_store_is_migrated_and_keeps_an_exact_article_count(tmp_path):
    import sqlite_utils

    from bench.make_corpus import Corpus, _Extraction
    from store.queries import Store
    from store.schema import MIGRATIONS
    from store.writer import save

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    MIGRATIONS[1](old)
    old.execute("PRAGMA user_version = 1")
    corpus = Corpus(100)
    for k in range(3):
        raw, entities, quotes = corpus.article(k)
        save(old, raw, _Extraction(entities, quotes))
    old.conn.close()

    store = Store.open(path)  # an older store is migrated on open
    assert store.article_count() == 3
    db = open_store(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    for k in range(3, 5):
        raw, entities, quotes = corpus.article(k)
        save(db, raw, _Extraction(entities, quotes))
    db.execute("DELETE FROM articles WHERE id = 1")
    assert store.article_count() == db.execute("SELECT count(*) FROM articles").fetchone()[0] == 4


def test_a_version_3_store_is_told_of_and_searched_in_list_order_after_its_upgrade(tmp_path, monkeypatch):
    """Schema 4 keys the article full-text index by the list's order and schema 5 adds the word-pair index: an
    older store is indexed again once, after a line saying so, and finds what it found before, newest first,
    phrases of common words too; later writes keep both indexes in step."""
    import sqlite_utils

    import store.db as store_db
    from store.queries import Store
    from store.query_syntax import parse
    from store.schema import MIGRATIONS

    path = tmp_path / "v3.db"
    old = sqlite_utils.Database(path)
    for step in (1, 2, 3):
        MIGRATIONS[step](old)
    old.execute("PRAGMA user_version = 3")
    rows = [
        ("a", "Harbour plan", "The first ferry pier reopens.", "2021-03-04"),
        ("b", "Ferry fares", "Fares for the ferry rise again.", "2023-07-01"),
        ("c", "Undated note", "A ferry note with no date.", None),
        ("d", "Old ferry", "The first ferry ran in 1901.", "2019-01-31"),
    ]
    for digest, title, text, published in rows:
        old.execute(
            "INSERT INTO articles (content_hash, title, text, published) VALUES (?, ?, ?, ?)",
            (digest, title, text, published),
        )
    old.conn.commit()
    old.conn.close()

    told: list[str] = []
    monkeypatch.setattr(store_db, "upgrade_notice", told.append)
    db = open_store(path)
    assert told and "rebuilding its full-text index and indexing its word pairs (4 articles)" in told[0]
    assert [h.article.title for h in Store.open(path).search('"the first"')] == ["Harbour plan", "Old ferry"]
    db.execute(
        "INSERT INTO articles (content_hash, title, text, published) VALUES ('e', 'Ferry strike', "
        "'The first ferry crews strike.', '2022-05-05')"
    )
    db.execute("UPDATE articles SET published = '2024-01-01' WHERE content_hash = 'd'")
    db.execute("DELETE FROM articles WHERE content_hash = 'a'")
    db.conn.commit()
    store = Store.open(path)
    titles = [h.article.title for h in store.search("ferry", limit=10)]
    assert titles == ["Old ferry", "Ferry fares", "Ferry strike", "Undated note"]
    assert [h.article.title for h in store.search("ferry after:2022-05-05 before:2023-07-01")] == [
        "Ferry fares",
        "Ferry strike",
    ]
    assert store.article_count(parse("ferry")) == 4
    assert [h.article.title for h in store.search('"the first"')] == ["Old ferry", "Ferry strike"]
    assert store.article_count(parse('"the first"')) == 2
    store.close()
    told.clear()
    open_store(path).conn.close()
    assert told == []  # once
