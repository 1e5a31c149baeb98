"""Opening stores: created and migrated when new, refused with a clear reason when not a store."""

from __future__ import annotations

import sqlite3

import pytest

from store.db import StoreError, open_reader, open_store
from store.schema import SCHEMA_VERSION


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
