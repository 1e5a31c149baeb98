"""What runs on a Dask worker for ``ingest --cluster``: the plugin that loads the model as the worker starts, and
the batch extraction. Imports dask (an optional extra) at once: imported only by ``store.cluster``, on demand."""

from __future__ import annotations

import signal
import threading
from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin

if TYPE_CHECKING:
    from .extract.pipeline import Extraction
    from .readers import RawArticle


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy model once per worker, as the worker starts (and on workers that join later). With
    ``ignore_interrupt`` (local workers, which share the terminal of the process that started them) the worker
    ignores Ctrl-C, as the first workers already do: one the nanny restarts after a crash starts without that."""

    def __init__(self, model: str | None, ignore_interrupt: bool = False):
        self.model = model
        self.ignore_interrupt = ignore_interrupt

    def setup(self, worker: Any) -> None:
        if self.ignore_interrupt and threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        from .extract import nlp

        nlp.load(self.model)


def extract_batch(raws: list[RawArticle], model: str | None) -> list[Extraction]:
    """The extraction of each article of a batch, in order (the model is already loaded by the plugin)."""
    from .extract.pipeline import extract_many

    return [extraction for _, extraction in extract_many(raws, model=model, batch_size=len(raws))]
