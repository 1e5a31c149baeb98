"""Opening a store: where it lives, connection settings, and clear errors for files that are not stores."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .pairs import register
from .schema import SCHEMA_VERSION, SchemaError, check, migrate, version

# told, in a line, of an upgrade that takes minutes before it starts (the command line prints it)
upgrade_notice: Callable[[str], None] | None = None

ENV_VAR = "NEWSDESK_DB"
BUSY_ENV = "NEWSDESK_BUSY_TIMEOUT"  # seconds to wait for a store another program is writing (default 30)
BUSY_DEFAULT = 30.0


if TYPE_CHECKING:
    import sqlite_utils


class StoreError(Exception):
    """A store that cannot be opened, with a one-line reason for the user."""


def data_dir() -> Path:
    """The per-user data folder (platformdirs), where the default store and the demo store live."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsdesk", appauthor=False))


def default_path() -> Path:
    """``--db`` wins, then ``$NEWSDESK_DB``, then ``store.db`` in the user data folder."""
    if env := os.environ.get(ENV_VAR):
        return Path(env).expanduser()
    return data_dir() / "store.db"


def busy_timeout() -> float:
    """Seconds to wait for a lock another program holds: ``$NEWSDESK_BUSY_TIMEOUT``, else 30."""
    try:
        seconds = float(os.environ.get(BUSY_ENV) or BUSY_DEFAULT)
    except ValueError:
        return BUSY_DEFAULT
    return seconds if 0 <= seconds < 86400 else BUSY_DEFAULT


def store_failure(exc: BaseException, path: str | Path) -> str | None:
    """The one line to end with when ``exc`` is the store failing (a ``StoreError``, a damaged page, a lock held
    too long, the file gone), else None: the one place above the store that knows what SQLite raises."""
    if isinstance(exc, StoreError):
        return str(exc)
    if isinstance(exc, sqlite3.DatabaseError):
        return describe(exc, path)
    return None


def describe(exc: sqlite3.Error, path: str | Path) -> str:
    """A one-line message for a SQLite error on the store at ``path``, saying what the user can do."""
    text = " ".join(str(exc).split())
    code = getattr(exc, "sqlite_errorname", None) or ""
    lowered = text.lower()

    def kind(name: str, *words: str) -> bool:
        return code.startswith(name) or any(w in lowered for w in words)

    if kind("SQLITE_BUSY", "database is locked") or kind("SQLITE_LOCKED", "table is locked"):
        return (
            f"{path} is locked by another program (waited {busy_timeout():g}s); try again when it is done, "
            f"or wait longer with {BUSY_ENV}=SECONDS"
        )
    if kind("SQLITE_READONLY", "readonly database"):
        return f"{path} is read-only: cannot write to it ({text})"
    if kind("SQLITE_NOTADB", "not a database"):
        return f"{path} cannot be opened as a store: it is not an SQLite database"
    if kind("SQLITE_CORRUPT", "malformed"):
        return f"{path} is damaged ({text}); restore a copy, or ingest the articles again into a new store"
    if kind("SQLITE_FULL", "disk is full"):
        return f"cannot write to {path}: the disk is full ({text})"
    if kind("SQLITE_CANTOPEN", "unable to open") and not os.access(Path(path).parent, os.W_OK):
        return f"{path} is in a read-only folder: SQLite must write its -wal and -shm files beside the store"
    return f"{path}: {text}"


def _connect(path: Path) -> sqlite3.Connection:
    timeout = busy_timeout()
    conn = sqlite3.connect(str(path), timeout=timeout, check_same_thread=False, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    register(conn)  # the pair index's triggers call it: without it no article could be written
    return conn


def _read_schema(conn: sqlite3.Connection) -> None:
    """Read the schema now: a damaged schema page shows here rather than in the middle of a command."""
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error, which is then raised as it was.

    SQLite may have rolled the transaction back itself (it does on SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM);
    a ``ROLLBACK`` then fails with "no transaction is active", and that must not hide the error the user
    needs to read ("the disk is full")."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        _rollback(conn)
        raise


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already; a failure here never replaces the first one."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _probe_write(conn: sqlite3.Connection) -> None:
    """Take the write lock and change one value, then undo it: a store another program is writing, or one
    SQLite may only read, is reported now rather than after the articles were read and extracted."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA user_version = {int(found)}")
    finally:
        _rollback(conn)


def _writable(path: Path) -> None:
    """Refuse a store that cannot be written before anything is read into it (as root, only what the file
    system forbids: an immutable file or folder, a read-only mount)."""
    if not os.access(path, os.W_OK):
        raise StoreError(f"{path} is read-only: cannot write to it")
    if not os.access(path.parent, os.W_OK):
        raise StoreError(
            f"{path} is in a read-only folder: SQLite must write its -wal and -shm files beside the store"
        )


def open_store(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) the store at ``path``; raise StoreError with a clear reason."""
    path = Path(path).expanduser()
    _clear_leftovers(path)
    if not path.exists():
        if not create:
            raise StoreError(f"no store at {path} (ingest some articles first: newsdesk ingest FILE...)")
        _create(path)
    elif path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file")
    try:
        import sqlite_utils  # writers only: the read path stays light (sqlite-utils pulls in numpy)

        conn = _connect(path)
        db = sqlite_utils.Database(conn)
        check(db)  # before anything is written, even the journal mode
        _read_schema(conn)
        _writable(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        _probe_write(conn)
        migrate(db, upgrade_notice)
    except SchemaError as exc:
        raise StoreError(f"{path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(describe(exc, path)) from None
    return db


def _scaffold(path: Path, pid: int) -> Path:
    """The file a process builds a new store in before it takes the store's name."""
    return path.with_name(f".{path.name}.{pid}.creating")


def _clear_leftovers(path: Path) -> None:
    """Remove what creating the store at ``path`` left behind when the creating process was killed (its file,
    -wal and -shm); what a process still running is building is left to it."""
    leftover = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.creating(?:-wal|-shm|-journal)?")
    with contextlib.suppress(OSError):  # a folder that cannot be listed: opening the store will say why
        for found in path.parent.glob(f".{glob.escape(path.name)}.*.creating*"):
            match = leftover.fullmatch(found.name)
            if match and not _running(int(match[1])):
                found.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists (another user's counts; where that cannot be asked, it does)."""
    if os.name != "posix":  # pragma: no cover - os.kill would end the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's process
        return True
    return True


def _make_folder(folder: Path) -> None:
    """Create ``folder`` and the folders above it that are missing, each private to the user (0700)."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            made.mkdir(mode=0o700)


def _create(path: Path) -> None:
    """Make a new store whole or not at all: the schema is built in a file of its own, which then takes the
    store's name only if nobody made the store meanwhile (a hard link fails rather than overwrite). The file is
    made 0600 before SQLite opens it (its -wal and -shm take its mode): news a user collects is theirs."""
    import sqlite_utils

    temp = _scaffold(path, os.getpid())
    try:
        _make_folder(path.parent)
        temp.unlink(missing_ok=True)
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        conn = _connect(temp)
        conn.execute("PRAGMA journal_mode = WAL")
        migrate(sqlite_utils.Database(conn))
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        with contextlib.suppress(FileExistsError):  # another process made it first: use theirs
            os.link(temp, path)
    except OSError as exc:
        raise StoreError(f"cannot create a store at {path}: {exc.strerror or exc}") from None
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(temp) + suffix).unlink(missing_ok=True)


class Reader:
    """A read connection with the two things the read API uses of a sqlite-utils Database."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.execute = conn.execute


def open_reader(path: str | Path) -> Reader | sqlite_utils.Database:
    """Open an existing store for reading (the TUI and search) with plain sqlite3; an older store is migrated
    first. Never creates a store."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a store file")
    if not path.is_file():
        raise StoreError(f"no store at {path} (ingest some articles first: newsdesk ingest FILE...)")
    try:
        conn = _connect(path)
        db = Reader(conn)
        found = version(db)
        if found == 0:
            raise StoreError(f"{path} is not a newsdesk store")
        _read_schema(conn)
        if found > SCHEMA_VERSION:
            raise StoreError(f"{path} has schema version {found}, newer than this newsdesk; upgrade newsdesk")
        if found < SCHEMA_VERSION:
            conn.close()
            return open_store(path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(describe(exc, path)) from None
    return db
