"""Extraction on a Dask cluster (``ingest --cluster tcp://HOST:8786`` or ``--cluster local:N``).

Extraction is a pure function of an article, so batches of articles go to the cluster's workers and their
extractions come back to the one process that writes the store. Each worker loads the spaCy model once, when it
joins (a worker plugin); a batch travels as a list of ``RawArticle`` and comes back as a list of ``Extraction``
(plain dataclasses, never a spaCy ``Doc``). A bounded number of batches is in flight; results are handed on in
input order, so a cluster ingest writes the same store as a plain one. A worker that dies takes no batch with it:
the scheduler runs the batch again elsewhere, and a batch the scheduler gives up on (``KilledWorker``) is sent
again, a bounded number of times.

dask is an optional extra (``pip install 'newsdesk[cluster]'``), imported only here and only when a cluster is
asked for. Workers of a remote cluster need newsdesk and its model installed.
"""

from __future__ import annotations

import contextlib
import logging
import re
import signal
import socket
import threading
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .readers import RawArticle

if TYPE_CHECKING:
    from collections.abc import Callable

    from .extract.pipeline import Extraction

DEFAULT_PORT = 8786  # the scheduler's port when the address names none
CONNECT_SECONDS = 5  # how long to wait for a remote scheduler before saying it cannot be reached
RESUBMITS = 3  # times a batch is sent again after the scheduler gave up on it (KilledWorker)
# batches between the one sent last and the one handed on next, per worker: enough that a slow batch (whose
# followers wait for it, to be written in order) seldom leaves a worker without one
AHEAD = 4
INSTALL_HINT = "--cluster needs dask.distributed: pip install 'newsdesk[cluster]'"
_LOCAL = re.compile(r"local:(\d+)")
_REMOTE = re.compile(r"(tcp|tls|ws|wss|inproc)://\S+")


class ClusterError(Exception):
    """The cluster cannot be used (not reachable, not a scheduler): one line naming it and the reason."""


class ClusterUsageError(ClusterError):
    """The command line cannot work as given: dask.distributed is not installed, or the address is malformed."""


def check_address(address: str) -> str:
    """``address`` if it is ``local:N`` (N ≥ 1) or a scheduler URL (``tcp://HOST:PORT``); else ClusterUsageError."""
    local = _LOCAL.fullmatch(address)
    if (local and int(local.group(1)) >= 1) or _REMOTE.fullmatch(address):
        return address
    raise ClusterUsageError(
        f"bad cluster address {address!r}: expected tcp://HOST:PORT or local:N (N workers)"
    )


def extract_on_cluster(
    raws: Iterable[RawArticle],
    address: str,
    *,
    model: str | None = None,
    batch_size: int = 16,
    stage: Callable[[str], None] | None = None,
) -> Iterator[tuple[RawArticle, Extraction]]:
    """Extract articles on the cluster at ``address``; yields (article, extraction) in input order. Connects
    when first asked for a result, once there is a new article (ClusterError if it cannot); ``stage`` is told
    what is happening while nothing is done yet (workers starting, loading the model)."""
    check_address(address)
    distributed = _import_distributed()
    batches = _batches(raws, max(1, batch_size))
    first = next(batches, None)
    if first is None:  # nothing new to extract: no cluster started or reached
        return
    from . import cluster_worker  # subclasses dask's WorkerPlugin

    say = stage or (lambda _: None)
    with _connect(distributed, address, say) as client:
        # returns once every worker has loaded the model; a worker that joins later loads it as it starts
        plugin = cluster_worker.ModelPlugin(model, ignore_interrupt=_LOCAL.fullmatch(address) is not None)
        client.register_plugin(plugin, name="newsdesk-model")
        workers = max(1, len(client.scheduler_info()["workers"]))
        yield from _stream(
            distributed, client, chain([first], batches), model, cluster_worker.extract_batch, AHEAD * workers
        )


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterUsageError(INSTALL_HINT) from None
    return distributed


@contextlib.contextmanager
def _connect(distributed: Any, address: str, say: Callable[[str], None]) -> Iterator[Any]:
    """A client of the cluster at ``address`` (a LocalCluster started here for ``local:N``), closed after."""
    local = _LOCAL.fullmatch(address)
    if local:
        say(f"starting {local.group(1)} local workers, each loading the language model…")
        with _interrupt_ignored():  # the workers inherit it: Ctrl-C is this process's to handle
            cluster = distributed.LocalCluster(
                n_workers=int(local.group(1)),
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",  # any free port: 8787 may be taken
                silence_logs=logging.ERROR,
            )
        with cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        _probe(address)
        client = distributed.Client(address, timeout=CONNECT_SECONDS)
    except (OSError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask cluster at {address}: {_reason(exc)}") from None
    except Exception:  # something answered, not in dask's protocol (it read a length of exabytes, once)
        raise ClusterError(f"cannot use {address}: what answers there is not a Dask scheduler") from None
    say(f"connected to {address}; its workers loading the language model…")
    with client:
        yield client


@contextlib.contextmanager
def _interrupt_ignored() -> Iterator[None]:
    """Ignore SIGINT while local workers are started, so that they start ignoring it (an ignored signal stays
    ignored across exec, and Python leaves it so): on Ctrl-C this process ends the run and the workers with it,
    where each worker would otherwise print its own KeyboardInterrupt traceback. Ctrl-C waits these seconds."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _probe(address: str) -> None:
    """Open and close a TCP connection to a ``tcp://`` scheduler: a refused or unknown address fails now, with
    the system's reason, where dask would retry until its timeout and then say only that it timed out."""
    parts = urlsplit(address)
    if parts.scheme == "tcp" and parts.hostname:
        socket.create_connection(
            (parts.hostname, parts.port or DEFAULT_PORT), timeout=CONNECT_SECONDS
        ).close()


def _reason(exc: BaseException) -> str:
    """Why a connection failed, in a few words: the operating system's reason (refused, unknown host) found
    under dask's timeout when there is one, with how long it was tried."""
    if isinstance(exc, socket.gaierror):
        return f"unknown host ({exc.strerror})"
    if isinstance(exc, TimeoutError):
        return f"no answer in {CONNECT_SECONDS} s"
    text = str(exc) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    cause, seen = exc.__cause__ or exc.__context__, 0
    while cause is not None and seen < 10:
        if isinstance(cause, OSError) and cause.strerror:
            return f"{cause.strerror} (tried for {CONNECT_SECONDS} s)"
        cause, seen = cause.__cause__ or cause.__context__, seen + 1
    return text


def _stream(
    distributed: Any,
    client: Any,
    batches: Iterator[list[RawArticle]],
    model: str | None,
    task: Callable[[list[RawArticle], str | None], list[Extraction]],
    ahead: int,
) -> Iterator[tuple[RawArticle, Extraction]]:
    """Send batches, keeping up to ``ahead`` between the one sent last and the one handed on next; take results
    as they complete, hand them on in input order."""
    sent: dict[int, tuple[list[RawArticle], Any, int]] = {}  # batch number → articles, future, times resent
    numbers: dict[str, int] = {}  # a future's key → its batch number
    done: dict[int, list[Extraction]] = {}
    completed = distributed.as_completed()
    number = 0  # the next batch to send
    wanted = 0  # the next batch to hand on
    exhausted = False
    try:
        while True:
            while not exhausted and number - wanted < ahead:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                future = client.submit(task, batch, model, retries=2, pure=False)
                sent[number] = (batch, future, 0)
                numbers[future.key] = number
                completed.add(future)
                number += 1
            if wanted == number:
                return
            future = next(completed)
            k = numbers.pop(future.key)
            articles, _, resent = sent[k]
            try:
                done[k] = future.result()
            except distributed.KilledWorker:
                if resent >= RESUBMITS:
                    raise ClusterError(
                        f"workers died {RESUBMITS + 1} times extracting the batch that starts with "
                        f"{articles[0].origin}; what went in stays in, rerun to add the rest"
                    ) from None
                future = client.submit(task, articles, model, retries=2, pure=False)
                sent[k] = (articles, future, resent + 1)
                numbers[future.key] = k
                completed.add(future)
                continue
            while wanted in done:
                articles = sent.pop(wanted)[0]
                yield from zip(articles, done.pop(wanted), strict=True)
                wanted += 1
    finally:  # an early end (Ctrl-C, an error, a consumer that stops reading): nothing still running matters
        client.cancel([future for _, future, _ in sent.values()], force=True)


def _batches(raws: Iterable[RawArticle], size: int) -> Iterator[list[RawArticle]]:
    it = iter(raws)
    while batch := list(islice(it, size)):
        yield batch
