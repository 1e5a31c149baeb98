"""Parsing in worker processes (``ingest --workers N``), with workers that never outlive the run.

spaCy's own ``nlp.pipe(n_process=N)`` is not used: its workers wait on a queue whose write end they hold
themselves, so a parent killed with SIGKILL or SIGTERM left them running for good (reparented, blocked, with the
store's files open); and its shutdown after Ctrl-C deadlocked (workers blocked sending batches nobody reads, the
parent waiting for them, then its queue threads writing batches nobody reads). Here the workers are those of a
``ProcessPoolExecutor``: each asks the kernel to kill it when its parent ends (Linux ``PR_SET_PDEATHSIG``, else
a thread watching its parent's id) and leaves Ctrl-C to the parent; when a run stops early (Ctrl-C, an error, a
consumer that stops reading) the parent ends them at once, and the executor cleans up after them.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_loader

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_WATCH_SECONDS = 0.5
_AHEAD = 2  # batches in flight per worker: one being parsed, one waiting


class Parser:
    """``pipe`` parses texts in order, across ``workers`` processes when there are more than one; a context
    manager that ends the workers with it (at once when it ends by an exception)."""

    def __init__(self, nlp: Language, model: str | None, workers: int):
        self.nlp = nlp
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None
        self._before: set[multiprocessing.Process] = set()
        if self.workers > 1:
            self._before = set(multiprocessing.active_children())
            self._pool = ProcessPoolExecutor(self.workers, initializer=_start_worker, initargs=(model,))

    def __enter__(self) -> Parser:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        self.close(abort=exc_type is not None)

    def close(self, abort: bool = False) -> None:
        """Let the workers finish and end (or, with ``abort``, end them now)."""
        if self._pool is None:
            return
        if abort:
            self._end_workers()
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = None

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
        """The parse of each text, in input order."""
        if self._pool is None:
            yield from self.nlp.pipe(texts, batch_size=batch_size)
            return
        pending: deque[Future[list[bytes]]] = deque()
        try:
            for batch in _batches(texts, max(1, batch_size)):
                pending.append(self._pool.submit(_parse, batch))
                if len(pending) > _AHEAD * self.workers:
                    yield from self._docs(pending.popleft())
            while pending:
                yield from self._docs(pending.popleft())
        except BaseException:  # Ctrl-C, an error, or the consumer closed us: no batch still matters
            for future in pending:
                future.cancel()
            self._end_workers()
            raise

    def _docs(self, future: Future[list[bytes]]) -> Iterator[Doc]:
        for data in future.result():
            yield Doc(self.nlp.vocab).from_bytes(data)

    def _end_workers(self) -> None:
        """End this pool's processes now; the executor sees them gone and releases its queues."""
        for child in set(multiprocessing.active_children()) - self._before:
            with contextlib.suppress(OSError):
                child.kill()


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while batch := list(islice(it, size)):
        yield batch


# ------------------------------------------------------------------------------------ in the worker processes
_nlp: Language | None = None


def _start_worker(model: str | None) -> None:
    """Set up one worker: die with the parent, leave Ctrl-C to it, load the model (already loaded when forked)."""
    global _nlp
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    _nlp = nlp_loader.load(model)


def _parse(texts: list[str]) -> list[bytes]:
    assert _nlp is not None
    return [doc.to_bytes() for doc in _nlp.pipe(texts)]


def die_with_parent() -> None:
    """End this process when the process that started it ends, however it ends (SIGKILL included)."""
    parent = multiprocessing.parent_process()
    expected = parent.pid if parent is not None else os.getppid()
    if not _kernel_kills_orphan():
        threading.Thread(target=_watch, args=(expected,), name="parent-watch", daemon=True).start()
    if os.getppid() != expected:  # the parent ended before the request took hold
        os._exit(1)


def _kernel_kills_orphan() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    """Where the kernel cannot be asked: end this process once it has been reparented."""
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)
