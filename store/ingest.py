"""Ingest: read files, skip what the store already holds, extract in batches, write each article whole.

A file that cannot be read is named with its reason and the rest still go in. Each article is written in its own
transaction, so an interrupted run leaves a consistent store and a rerun finishes the job.
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import time
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import sqlite_utils

from .identity import link_people
from .readers import RawArticle, ReadFailure, discover, read_path, read_stream
from .web import is_url, read_url
from .writer import content_hash, forget_failure, known_hashes, record_failure, save

STDIN = "-"


@dataclass(slots=True)
class IngestReport:
    """What a run did: articles added, duplicates skipped, failures with reasons, notes on articles that were
    read with care (an old encoding), words and time."""

    added: int = 0
    duplicates: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


class IngestStopped(Exception):
    """The store failed during a run (locked, read-only, full, damaged): the SQLite error, and the report of
    what was done before it (each article written before it is whole)."""

    def __init__(self, error: sqlite3.DatabaseError, report: IngestReport):
        super().__init__(str(error))
        self.error = error
        self.report = report


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run: the report of what was done before it (each article written before it is whole,
    and the worker processes have ended)."""

    def __init__(self, report: IngestReport):
        super().__init__()
        self.report = report


LOADING_MODEL = "loading the language model…"


@dataclass(frozen=True, slots=True)
class Progress:
    """Sent after each article is handled, and once before, while the model loads (``stage``): how far the run
    is. ``files_done`` of ``files`` (files found, standard input counting as one) is what an ETA is made of: a file
    is done once every article read from it has been handled."""

    done: int
    added: int
    duplicates: int
    failed: int
    words: int
    origin: str
    files_done: int = 0
    files: int = 0
    stage: str = ""


def find_inputs(paths: Iterable[str]) -> list[Path | ReadFailure | str]:
    """What a run will read, in order: every file under ``paths`` (folders listed now, once), a failure for each
    path that cannot be listed, ``-`` for standard input and each http(s) URL as given. Listed first so that
    progress has a total."""
    found: list[Path | ReadFailure | str] = []
    for raw_path in paths:
        if raw_path == STDIN or is_url(raw_path):
            found.append(raw_path)
        else:
            found.extend(discover([raw_path]))
    return found


def read_inputs(
    paths: Iterable[str],
    stdin=None,
    on_file: Callable[[], None] | None = None,
    found: Iterable[Path | ReadFailure | str] | None = None,
) -> Iterator[RawArticle | ReadFailure]:
    """Every article and failure under ``paths`` (or in ``found``, from ``find_inputs``); ``-`` reads standard
    input, a URL is fetched. ``on_file`` is called as each file has been read to its end."""
    fetcher = None
    try:
        for item in find_inputs(paths) if found is None else found:
            if isinstance(item, ReadFailure):
                yield item
                continue
            if item == STDIN:
                yield from read_stream(stdin if stdin is not None else sys.stdin.buffer, "<stdin>")
            elif isinstance(item, str):
                from .fetch import Fetcher  # httpx: only when there is a page to fetch

                fetcher = fetcher or Fetcher()
                yield from read_url(item, fetcher)
            else:
                yield from read_path(item)
            if on_file:
                on_file()
    finally:
        if fetcher is not None:
            fetcher.close()


def ingest(
    db: sqlite_utils.Database,
    paths: Iterable[str],
    *,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 16,
    progress: Callable[[Progress], None] | None = None,
    stdin=None,
    cluster: str | None = None,
) -> IngestReport:
    """Ingest files, folders, URLs and ``-`` into ``db``; return the report. A store error stops the run with
    IngestStopped, Ctrl-C with IngestInterrupted. With ``cluster`` (``tcp://HOST:PORT`` or ``local:N``),
    extraction runs on that Dask cluster (``store.cluster``; its ClusterError if it cannot be used) and this
    process only writes."""
    found = find_inputs(paths)
    return _run(
        db,
        lambda on_file: read_inputs(paths, stdin, on_file, found),
        sum(1 for item in found if not isinstance(item, ReadFailure)),
        model=model,
        workers=workers,
        batch_size=batch_size,
        progress=progress,
        cluster=cluster,
    )


def ingest_articles(
    db: sqlite_utils.Database,
    items: Iterable[RawArticle | ReadFailure],
    *,
    count: int = 0,
    model: str | None = None,
    workers: int = 1,
    batch_size: int = 16,
    progress: Callable[[Progress], None] | None = None,
) -> IngestReport:
    """Ingest articles already read (pages a feed pointed to), each counting as one source of ``count``; the
    same dedup, transactions, report and errors as ``ingest``."""

    def each(on_file: Callable[[], None]) -> Iterator[RawArticle | ReadFailure]:
        for item in items:
            yield item
            on_file()

    return _run(db, each, count, model=model, workers=workers, batch_size=batch_size, progress=progress)


def _run(
    db: sqlite_utils.Database,
    read_all: Callable[[Callable[[], None]], Iterator[RawArticle | ReadFailure]],
    files: int,
    *,
    model: str | None,
    workers: int,
    batch_size: int,
    progress: Callable[[Progress], None] | None,
    cluster: str | None = None,
) -> IngestReport:
    """The run itself: ``read_all(on_file)`` yields what was read and calls ``on_file`` as each of the ``files``
    sources ends."""
    report = IngestReport()
    started = time.perf_counter()
    seen: set[str] = set()
    digests: dict[int, str] = {}
    read = 0  # articles and failures read so far
    ends: list[int] = []  # for each file read to its end, how many had been read by then

    def tick(origin: str, stage: str = "") -> None:
        if progress:
            progress(
                Progress(
                    report.added + report.duplicates + len(report.failures),
                    report.added,
                    report.duplicates,
                    len(report.failures),
                    report.words,
                    origin,
                    bisect_right(ends, report.added + report.duplicates + len(report.failures)),
                    files,
                    stage,
                )
            )

    def file_read() -> None:
        ends.append(read)

    def fresh() -> Iterator[RawArticle]:
        """New articles only: duplicates (in the store or earlier in this run) never reach the model."""
        nonlocal read
        batch: list[RawArticle] = []

        def flush() -> Iterator[RawArticle]:
            hashes = [content_hash(r) for r in batch]
            stored = known_hashes(db, hashes)
            for raw, digest in zip(batch, hashes, strict=True):
                if digest in stored or digest in seen:
                    report.duplicates += 1
                    tick(raw.origin)
                    continue
                seen.add(digest)
                digests[id(raw)] = digest
                yield raw
            batch.clear()

        for item in read_all(file_read):
            read += 1
            if isinstance(item, ReadFailure):
                report.failures.append(item)
                record_failure(db, item.origin, item.reason)
                tick(item.origin)
                continue
            report.notes.extend((item.origin, note) for note in item.notes)
            batch.append(item)
            if len(batch) >= 64:
                yield from flush()
        yield from flush()

    if cluster:
        from .cluster import ClusterUsageError, check_address, extract_on_cluster  # dask: only imported there

        if workers > 1:
            raise ClusterUsageError(
                "--workers and --cluster do not go together: the cluster's workers extract"
            )
        results = extract_on_cluster(
            fresh(), check_address(cluster), model=model, batch_size=batch_size, stage=partial(tick, "")
        )
    else:
        from .extract.pipeline import extract_many  # loads spaCy only when there is work

        results = extract_many(fresh(), model=model, batch_size=batch_size, workers=workers)
        tick("", LOADING_MODEL)  # the model loads as the first article is asked for: seconds, nothing done
    try:
        with contextlib.closing(results):  # however the run ends, its worker processes end with it
            for raw, extraction in results:
                if save(db, raw, extraction, digests.pop(id(raw), None)) is None:
                    report.duplicates += 1
                else:
                    report.added += 1
                    report.words += len(raw.text.split())
                    forget_failure(db, raw.origin)
                tick(raw.origin)
        link_people(db.conn)  # one person, one entity across the store: after the run, in one transaction
    except sqlite3.DatabaseError as exc:
        report.seconds = time.perf_counter() - started
        raise IngestStopped(exc, report) from None
    except KeyboardInterrupt:
        report.seconds = time.perf_counter() - started
        raise IngestInterrupted(report) from None
    report.seconds = time.perf_counter() - started
    return report


def ingest_path(db: sqlite_utils.Database, path: Path, **kw) -> IngestReport:
    """Convenience for one file or folder."""
    return ingest(db, [str(path)], **kw)
