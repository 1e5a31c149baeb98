"""Opening a store: where it lives, connection settings, and clear errors for files that are not stores."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .schema import SCHEMA_VERSION, SchemaError, check, migrate, version

ENV_VAR = "NEWSDESK_DB"


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


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 30000")
    return conn


def open_store(path: str | Path, *, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) the store at ``path``; raise StoreError with a clear reason."""
    path = Path(path).expanduser()
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
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(db)
    except SchemaError as exc:
        raise StoreError(f"{path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} cannot be opened as a store: {exc}") from None
    return db


def _create(path: Path) -> None:
    """Make a new store whole or not at all: the schema is built in a file of its own, which then takes the
    store's name only if nobody made the store meanwhile (a hard link fails rather than overwrite)."""
    import sqlite_utils

    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.creating")
    temp.unlink(missing_ok=True)
    try:
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
    if not path.is_file():
        raise StoreError(f"no store at {path} (ingest some articles first: newsdesk ingest FILE...)")
    try:
        conn = _connect(path)
        db = Reader(conn)
        found = version(db)
        if found == 0:
            raise StoreError(f"{path} is not a newsdesk store")
        if found > SCHEMA_VERSION:
            raise StoreError(f"{path} has schema version {found}, newer than this newsdesk; upgrade newsdesk")
        if found < SCHEMA_VERSION:
            conn.close()
            return open_store(path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} cannot be opened as a store: {exc}") from None
    return db
