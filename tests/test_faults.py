"""Faults during writes: a killed ingest leaves a consistent store, and a rerun finishes the job exactly."""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


# ------------------------------------------------------------------------- the workers of a parallel ingest
def _many_articles(folder: Path, n: int = 400) -> Path:
    """``n`` different articles of ordinary length, made of the fixture texts."""
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    for i in range(n):
        (folder / f"report-{i:03}.txt").write_text(f"Report {i}\n\n{texts[i % len(texts)]}", encoding="utf-8")
    return folder


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie nobody reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _stored(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def _parallel_ingest(tmp_path: Path, *, added: int = 0) -> tuple[subprocess.Popen, set[int]]:
    """A real ``newsdesk ingest --workers 2`` in a session of its own, once its two workers run (and once the
    store holds ``added`` articles)."""
    db = tmp_path / "parallel.db"
    folder = _many_articles(tmp_path / "articles")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "ingest", "--workers", "2", "--db", str(db), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 180
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= 2 and _stored(db) >= added:
            return proc, workers
        time.sleep(0.1)
    proc.kill()
    raise AssertionError(f"the ingest never ran two workers: {proc.communicate()[1].decode()}")


def _wait_until_ended(workers: set[int], seconds: float = 5.0) -> set[int]:
    """The workers still running after ``seconds`` (killed then, so that a failing test leaves none)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_running(w) for w in workers):
        time.sleep(0.05)
    left = {w for w in workers if _running(w)}
    for pid in left:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return left


def test_two_workers_extract_exactly_what_one_does(monkeypatch):
    """The worker processes parse what the parent would: the same records, in input order, both for articles
    parsed in batches and for long ones parsed in pieces across the workers (pieces made small here, so that
    the fixtures are a mix of both)."""
    from store.extract import nlp as loader
    from store.extract.pipeline import extract_many, to_json

    monkeypatch.setattr(loader, "CHUNK_CHARS", 2_500)
    raws = [r for p in sorted(ARTICLES.iterdir()) for r in read_path(p) if isinstance(r, RawArticle)]
    assert any(len(r.text) > 2_500 for r in raws) and any(len(r.text) <= 2_500 for r in raws)
    one = [to_json(raw, ex) for raw, ex in extract_many(raws, workers=1, batch_size=4)]
    two = [to_json(raw, ex) for raw, ex in extract_many(raws, workers=2, batch_size=4)]
    assert [r["file"] for r in two] == [r.origin for r in raws]
    assert two == one


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killing_a_parallel_ingest_ends_its_workers(tmp_path, sig):
    """The parent is killed mid-run: its worker processes must not live on (reparented, blocked on a pipe, with
    the store's files open)."""
    proc, workers = _parallel_ingest(tmp_path)
    proc.send_signal(sig)
    proc.wait(timeout=30)
    proc.stderr.close()
    assert _wait_until_ended(workers) == set()


def test_ctrl_c_on_a_parallel_ingest_says_how_many_were_added(tmp_path):
    """Ctrl-C (SIGINT to the whole foreground group, workers included) once some articles are in: one line
    saying how many were added, no traceback from any process, exit 130, and the workers end."""
    proc, workers = _parallel_ingest(tmp_path, added=1)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        _wait_until_ended(workers, 0)
        raise AssertionError(f"Ctrl-C did not end the ingest: {proc.communicate()[1].decode()}") from None
    err = err.decode()
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Warning" not in err, err
    stored = _assert_consistent(tmp_path / "parallel.db")
    assert stored >= 1
    assert re.search(
        rf"\binterrupted\b.*\b{stored} added, |\b{stored} added, .*\binterrupted\b", err, re.S
    ), err
    assert _wait_until_ended(workers) == set()


if os.name != "posix":  # pragma: no cover - SIGKILL is POSIX
    del test_killed_ingests_leave_a_consistent_store_and_a_rerun_finishes_exactly
if not Path("/proc/self/stat").exists():  # pragma: no cover - the workers are found in /proc
    del (
        test_killing_a_parallel_ingest_ends_its_workers,
        test_ctrl_c_on_a_parallel_ingest_says_how_many_were_added,
    )
