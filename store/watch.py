"""A watched folder: files ingested as they appear, until the caller stops it (Ctrl-C or an event).

watchfiles batches the changes of a moment (``debounce``); a file still being written when its batch comes (its
size or time still moving) waits for the next one. Hidden files, editors' and browsers' temporary files and
suffixes newsdesk does not read are never picked up, so a file written as ``x.part`` and renamed ``x.html`` goes
in once, whole.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .ingest import IngestReport, ingest
from .readers import SUFFIXES, discover

if TYPE_CHECKING:
    import threading

    import sqlite_utils

TEMPORARY = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".swp", ".swx", "~")
SETTLE_SECONDS = 0.3  # how long a file's size and time must stay still before it is read


def wanted(path: str | Path) -> bool:
    """Whether a file that appeared is one to ingest: a suffix newsdesk reads, not hidden, not temporary."""
    name = Path(path).name
    return (
        not name.startswith((".", "~$", "#"))
        and not name.lower().endswith(TEMPORARY)
        and Path(name).suffix.lower() in SUFFIXES
    )


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def settled(paths: Iterable[Path], wait: float = SETTLE_SECONDS) -> tuple[list[Path], set[Path]]:
    """Of ``paths``, the files that stayed the same for ``wait`` seconds (sorted), and those still changing;
    files that vanished are dropped."""
    before = {p: _signature(p) for p in paths}
    time.sleep(wait)
    ready, moving = [], set()
    for path, first in before.items():
        now = _signature(path)
        if now is None or first is None:
            continue
        if now == first and path.is_file():
            ready.append(path)
        else:
            moving.add(path)
    return sorted(ready), moving


def _changed_since(folders: list[str], since: float) -> set[Path]:
    """The files under ``folders`` newsdesk would read that changed at or after ``since``."""
    found = set()
    for path in discover(folders):
        if isinstance(path, Path) and wanted(path):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime >= since:
                    found.add(path)
    return found


def follow(
    db: sqlite_utils.Database,
    folders: list[str],
    *,
    since: float,
    on_batch: Callable[[IngestReport], None],
    on_ready: Callable[[], None] | None = None,
    stop_event: threading.Event | None = None,
    debounce_ms: int = 1600,
    **ingest_options,
) -> None:
    """Ingest the files that appear or change under ``folders`` in batches, calling ``on_batch`` with each
    batch's report, until ``stop_event`` is set (or Ctrl-C, which is raised as KeyboardInterrupt).

    ``since`` is when the caller listed the folders (``time.time()``): once the watch is in place (``on_ready``),
    files changed after that moment are picked up too, so none slips between the listing and the watch."""
    import watchfiles

    def accept(change: watchfiles.Change, path: str) -> bool:
        return change != watchfiles.Change.deleted and wanted(path)

    waiting: set[Path] = set()
    first = True
    for changes in watchfiles.watch(
        *folders,
        watch_filter=accept,
        debounce=debounce_ms,
        stop_event=stop_event,
        rust_timeout=1000,
        yield_on_timeout=True,  # wakes each second: a file that was still moving gets another look
    ):
        if first:  # the watch is in place
            first = False
            waiting |= _changed_since(folders, since)
            if on_ready:
                on_ready()
        waiting |= {Path(path) for _, path in changes}
        if not waiting:
            continue
        ready, waiting = settled(waiting)
        if ready:
            on_batch(ingest(db, [str(p) for p in ready], **ingest_options))
