"""Bad stores: for the app, ``newsdesk search`` and ``newsdesk ingest``, a store that is missing, not a database,
damaged, read-only, locked or from a newer newsdesk gets one clear line on stderr and exit code 3, never a
traceback, and its bytes are the same afterwards.

Every kind runs through ``tui.cli.main`` in-process, and once more as a real ``python -m tui.cli`` process so
that nothing pytest captures can hide a traceback. Read-only is real where ``chattr +i`` works (the tests run as
root, whom file modes do not stop), and simulated with ``os.access`` and a ``mode=ro`` connection besides.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from store import db as db_module
from tui.cli import EXIT_NOTHING, EXIT_OK, EXIT_STORE, main

from .conftest import ARTICLES, ROOT, SEED

PAGE = 4096
GARBAGE = b"garbage!" * (PAGE // 8)
BUSY = "0.2"  # seconds: the busy timeout while another program holds the store
NEW_ARTICLE = (
    '{"title": "Danube ferry resumes service", "text": ["The ferry between Vidin and Calafat resumed service on '
    'Monday, officials in Bulgaria said."]}'
)


def _digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def _pages(path: Path, table: str) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [
            r[0] for r in conn.execute("SELECT pageno FROM dbstat WHERE name = ? ORDER BY path", (table,))
        ]
    finally:
        conn.close()


def _overwrite(path: Path, page: int) -> None:
    with open(path, "r+b") as f:
        f.seek((page - 1) * PAGE)
        f.write(GARBAGE)


def _chattr(flag: str, path: Path) -> None:
    done = subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(
            f"chattr {flag} does not work here ({done.stderr.strip()}); os.access and mode=ro cover it"
        )


# ------------------------------------------------------------------------------------------- the bad stores
@contextlib.contextmanager
def _missing(path: Path) -> Iterator[None]:
    path.unlink()
    yield


@contextlib.contextmanager
def _text_file(path: Path) -> Iterator[None]:
    path.write_text("Shopping list\n\n- bread\n- milk\n" * 40, encoding="utf-8")
    yield


@contextlib.contextmanager
def _png(path: Path) -> Iterator[None]:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 8)
    yield


@contextlib.contextmanager
def _damaged_header(path: Path) -> Iterator[None]:
    _overwrite(path, 1)
    yield


@contextlib.contextmanager
def _damaged_schema_page(path: Path) -> Iterator[None]:
    """A page in the middle of the file that holds part of the schema, which every command reads first."""
    middle = [p for p in _pages(path, "sqlite_schema") if p > 1]
    assert middle, "the schema fits in the header page: no middle schema page to damage"
    _overwrite(path, middle[0])
    yield


@contextlib.contextmanager
def _newer_schema(path: Path) -> Iterator[None]:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    yield


@contextlib.contextmanager
def _folder(path: Path) -> Iterator[None]:
    path.unlink()
    path.mkdir()
    yield


# Another program holds the lock. It must be another process: closing any descriptor of the store in this one
# (hashing it, say) would drop every POSIX lock this process holds on it.
_HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
version = conn.execute("PRAGMA user_version").fetchone()[0]
conn.execute(f"PRAGMA user_version = {version}")  # a change in the cache, never committed: the locks are taken
print("holding", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
conn.close()
"""


@contextlib.contextmanager
def _holder(path: Path, mode: str) -> Iterator[None]:
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "holding"
        yield
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
        proc.stdout.close()


@contextlib.contextmanager
def _held_exclusively(path: Path) -> Iterator[None]:
    """Another program keeps the store to itself (``locking_mode=EXCLUSIVE``): not even readers get in."""
    with _holder(path, "exclusive"):
        yield


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Another program is in a long write transaction (``BEGIN EXCLUSIVE``): WAL still lets readers in."""
    with _holder(path, "write"):
        yield


@contextlib.contextmanager
def _immutable_file(path: Path) -> Iterator[None]:
    _chattr("+i", path)
    try:
        yield
    finally:
        _chattr("-i", path)


@contextlib.contextmanager
def _immutable_folder(path: Path) -> Iterator[None]:
    _chattr("+i", path.parent)
    try:
        yield
    finally:
        _chattr("-i", path.parent)


# kind → (how to make it, what the message says, which commands it stops)
KINDS = {
    "missing": (_missing, "no store at", ("app", "search")),
    "text file": (_text_file, "not an SQLite database", ("app", "search", "ingest")),
    "png": (_png, "not an SQLite database", ("app", "search", "ingest")),
    "damaged header page": (_damaged_header, "not an SQLite database", ("app", "search", "ingest")),
    "damaged schema page": (_damaged_schema_page, "is damaged", ("app", "search", "ingest")),
    "newer schema": (_newer_schema, "newer than this newsdesk", ("app", "search", "ingest")),
    "a folder": (_folder, "is a folder", ("app", "search", "ingest")),
    "held exclusively": (_held_exclusively, "is locked by another program", ("app", "search", "ingest")),
    "being written": (_writing, "is locked by another program", ("ingest",)),
    "read-only file": (_immutable_file, "is read-only", ("ingest",)),
    "read-only folder": (_immutable_folder, "read-only folder", ("app", "search", "ingest")),
}
COMMANDS = {
    "app": ["app"],
    "search": ["search", "country:kosovo"],
    "ingest": ["ingest", str(SEED)],
}
CASES = [(kind, command) for kind, (_, _, stopped) in KINDS.items() for command in stopped]


@pytest.fixture()
def good_store(store_path, tmp_path, monkeypatch) -> Path:
    """A copy of the session's fixture store in a folder of its own, with a short busy timeout. Should the app
    get as far as starting its UI in-process, the test fails at once rather than wait on a terminal."""
    from textual.app import App

    def started(self, *args, **kwargs):
        raise AssertionError("the app started on a store it should have refused")

    monkeypatch.setattr(App, "run", started)
    monkeypatch.setenv(db_module.BUSY_ENV, BUSY)
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "store.db"
    shutil.copy(store_path, path)
    return path


def _assert_one_line(code: int, err: str, want: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == EXIT_STORE, err
    assert "Traceback" not in err, err
    assert len(lines) == 1 and lines[0].startswith("newsdesk: "), err
    assert want in lines[0], err


@pytest.mark.parametrize(("kind", "command"), CASES, ids=[f"{k}-{c}" for k, c in CASES])
def test_a_bad_store_gets_one_line_and_exit_3(good_store, capsys, kind, command):
    make, want, _ = KINDS[kind]
    with make(good_store):
        before = _digest(good_store)
        code = main([*COMMANDS[command], "--db", str(good_store)])
        err = capsys.readouterr().err
        assert _digest(good_store) == before  # not a byte changed (nor a store made where there was none)
    _assert_one_line(code, err, want)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_bad_store_from_a_real_shell(good_store, kind):
    """The same, as the user runs it: separate processes, so no traceback can hide in pytest's capture."""
    make, want, stopped = KINDS[kind]
    with make(good_store):
        before = _digest(good_store)
        runs = {
            command: subprocess.Popen(
                [sys.executable, "-m", "tui.cli", *COMMANDS[command], "--db", str(good_store)],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for command in stopped
        }
        try:
            results = {command: (p.wait(timeout=90), p.stderr.read()) for command, p in runs.items()}
        finally:
            for p in runs.values():
                if p.poll() is None:  # an app that started after all: end it, then fail
                    p.kill()
                    p.wait()
                p.stdout.close()
                p.stderr.close()
        assert _digest(good_store) == before
    for code, err in results.values():
        _assert_one_line(code, err, want)


def test_ingest_makes_a_missing_store_and_the_readers_do_not(good_store, capsys):
    good_store.unlink()
    assert main(["search", "--db", str(good_store), "kosovo"]) == EXIT_STORE
    assert not good_store.exists()
    broken = good_store.parent / "broken.json"
    broken.write_text("[1, 2", encoding="utf-8")
    assert main(["ingest", "--db", str(good_store), str(broken)]) == EXIT_NOTHING
    conn = sqlite3.connect(good_store)
    assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    assert conn.execute("SELECT count(*) FROM ingest_failures").fetchone()[0] == 1
    conn.close()
    assert "Traceback" not in capsys.readouterr().err


def test_a_store_being_written_or_read_only_can_still_be_searched(good_store, capsys):
    """Reading needs no write lock: a long write elsewhere (WAL) or a read-only file does not stop search."""
    for make in (_writing, _immutable_file):
        with make(good_store):
            before = _digest(good_store)
            assert main(["search", "--json", "--db", str(good_store), "country:kosovo"]) == EXIT_OK
            assert _digest(good_store) == before
    out = capsys.readouterr().out
    assert "Kosovo" in out


def _data_page_of_the_newest_article(path: Path) -> int:
    """The leaf page of ``articles`` holding the most recently added row: a new article is written there."""
    conn = sqlite3.connect(path)
    leaf = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1"
    ).fetchone()[0]
    conn.close()
    assert leaf > 2  # a page in the body of the file, not the header or the table's root
    return leaf


def test_a_damaged_data_page_found_mid_command_is_one_line(good_store, tmp_path, capsys):
    """SQLite finds a damaged page only when it reads it: search and ingest meet it in the middle of their work
    (after the store opened fine) and still end with one line and exit 3. The app is not covered here: it
    meets such a page inside the running TUI."""
    conn = sqlite3.connect(good_store)
    newest_title = conn.execute("SELECT title FROM articles ORDER BY id DESC LIMIT 1").fetchone()[0]
    conn.close()
    _overwrite(good_store, _data_page_of_the_newest_article(good_store))
    before = _digest(good_store)
    search = subprocess.run(
        [sys.executable, "-m", "tui.cli", "search", "--db", str(good_store), f'"{newest_title}"'],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    _assert_one_line(search.returncode, search.stderr, "is damaged")
    new = tmp_path / "new.json"
    new.write_text(NEW_ARTICLE, encoding="utf-8")
    code = main(["ingest", "--db", str(good_store), str(new)])
    err = capsys.readouterr().err
    assert code == EXIT_STORE
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(f"newsdesk: {good_store} is damaged")
    assert "0 added" in err  # the summary says what went in before the store failed
    assert _digest(good_store) == before


def test_sqlite_saying_read_only_is_reported_as_read_only(good_store, monkeypatch, capsys):
    """As a read-only mount would: SQLite opens the file but refuses to write ("attempt to write a readonly
    database"); ingest says read-only before it reads a file."""

    def read_only(path):
        return sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False
        )

    monkeypatch.setattr(db_module, "_connect", read_only)
    before = _digest(good_store)
    code = main(["ingest", "--db", str(good_store), str(SEED)])
    _assert_one_line(code, capsys.readouterr().err, "is read-only")
    assert _digest(good_store) == before


def test_a_folder_that_is_not_writable_stops_ingest_before_it_writes(good_store, monkeypatch, capsys):
    """What ``os.access`` reports for a read-only mount or an immutable folder, simulated for the folder."""
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode, **kw: Path(p) != good_store.parent and real(p, mode, **kw)
    )
    before = _digest(good_store)
    code = main(["ingest", "--db", str(good_store), str(SEED)])
    _assert_one_line(code, capsys.readouterr().err, "read-only folder")
    assert _digest(good_store) == before


@pytest.mark.parametrize(
    "message", ["database or disk is full", "database is locked", "attempt to write a readonly database"]
)
def test_a_store_error_in_the_middle_of_ingest_is_one_line(good_store, monkeypatch, capsys, message):
    """The store fails on the second article (a full disk, a lock that outlasts the timeout, a remount): the
    first stays in whole, the run stops with one line and exit 3."""
    from store import ingest as ingest_module

    real_save, calls = ingest_module.save, []

    def failing_save(db, raw, extraction, digest=None):
        calls.append(raw.origin)
        if len(calls) == 2:
            raise sqlite3.OperationalError(message)
        return real_save(db, raw, extraction, digest)

    monkeypatch.setattr(ingest_module, "save", failing_save)
    fresh = good_store.parent / "fresh.db"
    files = [str(ARTICLES / "nis-vaccination-hall.txt"), str(ARTICLES / "serbia-turkstream-gas.txt")]
    code = main(["ingest", "--db", str(fresh), *files])
    err = capsys.readouterr().err
    assert code == EXIT_STORE and "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("newsdesk: ") and "\n" not in last
    assert {
        "database or disk is full": "the disk is full",
        "database is locked": "is locked by another program",
        "attempt to write a readonly database": "is read-only",
    }[message] in last
    assert "1 added" in err
    conn = sqlite3.connect(fresh)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    conn.close()


def test_a_store_error_in_the_middle_of_search_is_one_line(good_store, monkeypatch, capsys):
    from store.queries import Store

    def locked(self, *args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Store, "_search", locked)
    code = main(["search", "--db", str(good_store), "kosovo"])
    _assert_one_line(code, capsys.readouterr().err, "is locked by another program (waited 0.2s)")


async def test_a_damaged_data_page_met_by_the_running_app_ends_it_with_one_line(good_store):
    """The app opens fine, then its first page of articles reads a damaged page: it stops with the reason for
    the command to print (exit 3) instead of a traceback."""
    from tui.startup import launch

    _overwrite(good_store, _data_page_of_the_newest_article(good_store))
    before = _digest(good_store)
    app = launch(good_store)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(50):  # until the first page's worker has failed and the app has stopped
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == EXIT_STORE
    assert app.store_error is not None and "is damaged" in app.store_error
    assert _digest(good_store) == before


def _run_app(monkeypatch, steps) -> None:
    """``newsdesk`` runs its app headless, driven by ``steps(pilot)``; the app must end by itself."""
    import asyncio

    from textual.app import App

    async def drive(pilot) -> None:
        await pilot.pause()
        await steps(pilot)
        for _ in range(100):  # until the app has stopped
            if pilot.app.return_code is not None:
                return
            await pilot.pause(0.05)
        pilot.app.exit(return_code=0)  # still running: the assertions on the exit code say so

    def headless(self, *args, **kwargs):
        return asyncio.run(self.run_async(headless=True, size=(120, 40), auto_pilot=drive))

    monkeypatch.setattr(App, "run", headless)


async def _search_for(pilot, query: str) -> None:
    from textual.widgets import Input

    await pilot.press("slash")
    await pilot.pause()
    pilot.app.screen.query_one("#query", Input).value = query
    await pilot.press("enter")


def test_a_store_deleted_under_the_running_app_ends_it_with_one_line(good_store, monkeypatch, capsys):
    """The store is deleted while the app runs; the next search (in a worker, which opens its own connection)
    finds no store: one line, exit 3, no traceback."""

    async def delete_then_search(pilot) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{good_store}{suffix}").unlink(missing_ok=True)
        await _search_for(pilot, "kosovo")

    _run_app(monkeypatch, delete_then_search)
    code = main(["--db", str(good_store)])
    _assert_one_line(code, capsys.readouterr().err, f"no store at {good_store}")


def test_a_crash_in_the_running_app_exits_non_zero(good_store, monkeypatch, capsys):
    """A bug (an unexpected exception in a key's action) ends the app with Textual's report and a failing
    exit code, never 0."""
    from tui.app import NewsdeskApp

    def broken(self) -> None:
        raise RuntimeError("a bug in the help key")

    monkeypatch.setattr(NewsdeskApp, "action_help", broken)

    async def press_help(pilot) -> None:
        await pilot.press("question_mark")

    _run_app(monkeypatch, press_help)
    code = main(["--db", str(good_store)])
    err = capsys.readouterr().err
    assert code not in (EXIT_OK, EXIT_STORE), err
    assert "a bug in the help key" in err
