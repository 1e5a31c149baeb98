"""Functions the cluster tests run on Dask workers, in a module of their own so that workers import nothing else
of the tests."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from store.cluster_worker import extract_batch


def die_once_then_extract(marker: str, raws: list, model: str | None) -> list:
    """The first call anywhere (claimed through ``marker``, created atomically) kills its own worker process with
    SIGKILL in the middle of its batch; every other call extracts as usual."""
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return extract_batch(raws, model)
    Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable: the process was killed")
