"""What runs on a Dask worker for ``ingest --cluster``: the plugin that loads the model as the worker starts, and
the batch extraction. Imports dask (an optional extra) at once: imported only by ``store.cluster``, on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from distributed import WorkerPlugin

if TYPE_CHECKING:
    from .extract.pipeline import Extraction
    from .readers import RawArticle


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy model once per worker, as the worker starts (and on workers that join later)."""

    def __init__(self, model: str | None):
        self.model = model

    def setup(self, worker: Any) -> None:
        from .extract import nlp

        nlp.load(self.model)


def extract_batch(raws: list[RawArticle], model: str | None) -> list[Extraction]:
    """The extraction of each article of a batch, in order (the model is already loaded by the plugin)."""
    from .extract.pipeline import extract_many

    return [extraction for _, extraction in extract_many(raws, model=model, batch_size=len(raws))]
