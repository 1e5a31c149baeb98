"""Faults during writes: a killed ingest leaves a consistent store, and a rerun finishes the job exactly."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store.readers import RawArticle, read_path

from .conftest import ARTICLES


def _expected_articles() -> int:
    return sum(1 for p in ARTICLES.iterdir() for item in read_path(p) if isinstance(item, RawArticle))


def _ingest(db, *paths) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "ingest", "--db", str(db), *map(str, paths)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _assert_consistent(db) -> int:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    # every article has exactly the rows its counts promise: nothing half-written
    orphans = conn.execute(
        "SELECT count(*) FROM articles a WHERE a.quote_count != (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)"
        " OR NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)"
    ).fetchone()[0]
    assert orphans == 0
    dangling = conn.execute(
        "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)"
    ).fetchone()[0]
    assert dangling == 0
    entity_counts = conn.execute(
        "SELECT count(*) FROM entities e WHERE article_count != "
        "(SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id)"
    ).fetchone()[0]
    assert entity_counts == 0
    kept = conn.execute("SELECT n FROM counts WHERE name = 'articles'").fetchone()[0]
    assert kept == articles  # the count the article list shows
    conn.close()
    return articles


def test_killed_ingests_leave_a_consistent_store_and_a_rerun_finishes_exactly(tmp_path):
    db = tmp_path / "killed.db"
    rng = random.Random(11)
    counts = []
    for _ in range(6):
        proc = _ingest(db, ARTICLES)
        time.sleep(rng.uniform(1.0, 4.0))  # somewhere in model loading, extraction or writing
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if db.exists():
            counts.append(_assert_consistent(db))
    assert counts == sorted(counts)  # nothing that was written is ever lost
    final = _ingest(db, ARTICLES)
    assert final.wait(timeout=300) == 0, final.stderr.read().decode()
    assert _assert_consistent(db) == _expected_articles()
    titles = sqlite3.connect(db).execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0]
    assert titles == _expected_articles()  # no duplicates


def test_two_ingests_at_once_into_one_store(tmp_path):
    db = tmp_path / "shared.db"
    files = sorted(ARTICLES.iterdir())
    first = _ingest(db, *files[::2], *files[1::4])
    second = _ingest(db, *files[1::2], *files[::4])  # overlapping halves
    errors = [p.wait(timeout=300) for p in (first, second)]
    messages = first.stderr.read().decode() + second.stderr.read().decode()
    assert errors == [0, 0], messages
    assert "locked" not in messages
    assert _assert_consistent(db) == _expected_articles()


def test_reading_while_an_ingest_writes(tmp_path):
    db = tmp_path / "busy.db"
    proc = _ingest(db, ARTICLES)
    from store.db import StoreError
    from store.queries import Store

    seen = 0
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            store = Store.open(db)
        except StoreError:
            time.sleep(0.2)  # not created yet
            continue
        seen = max(seen, store.article_count())
        store.search("country:kosovo")
        store.close()
        time.sleep(0.1)
    assert proc.wait(timeout=10) == 0
    assert _assert_consistent(db) == _expected_articles() >= seen


def test_a_full_disk_is_reported_as_a_full_disk_with_what_went_in(tmp_path, monkeypatch, capsys):
    """A real SQLITE_FULL met by the writer: the store may grow only a few pages past its empty size
    (``PRAGMA max_page_count`` on the connection ingest opens). SQLite has already rolled the article back;
    the user reads "the disk is full" (not the failed ROLLBACK's "no transaction is active"), how many went
    in, and exit 3; the store holds exactly those, whole."""
    from store import db as db_module
    from tui.cli import EXIT_STORE, main

    path = tmp_path / "full.db"
    db_module.open_store(path).conn.close()
    real_connect = db_module._connect

    def capped(p: Path) -> sqlite3.Connection:
        conn = real_connect(p)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 8}")
        return conn

    monkeypatch.setattr(db_module, "_connect", capped)
    code = main(["ingest", "--db", str(path), str(ARTICLES)])
    err = capsys.readouterr().err
    assert code == 3 == EXIT_STORE, err
    assert "Traceback" not in err and "rollback" not in err.lower()
    assert "the disk is full" in err.strip().splitlines()[-1]
    added = int(re.search(r"(\d+) added, \d+ already in the store", err).group(1))  # the summary line
    assert 0 < added == _assert_consistent(path) < _expected_articles()


if os.name != "posix":  # pragma: no cover - SIGKILL is POSIX
    del test_killed_ingests_leave_a_consistent_store_and_a_rerun_finishes_exactly
