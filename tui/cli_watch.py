"""``newsdesk ingest --watch FOLDER…``: ingest what is there, then each file as it appears, until Ctrl-C."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from . import cli_output

if TYPE_CHECKING:
    import argparse

    from store.ingest import IngestReport


class _Totals:
    """What a watch added in all, for the line it ends with."""

    def __init__(self) -> None:
        self.added = self.duplicates = self.failed = 0

    def count(self, report: IngestReport) -> None:
        self.added += report.added
        self.duplicates += report.duplicates
        self.failed += len(report.failures)

    def line(self) -> str:
        return (
            f"stopped watching: {self.added} added, {self.duplicates} already in the store, "
            f"{self.failed} could not be read"
        )


def cmd_watch(args: argparse.Namespace, path: Path) -> int:
    from store.db import StoreError, describe, open_store

    for folder in args.paths:
        if not Path(folder).is_dir():
            return cli_output.fail(f"--watch takes folders: {folder} is not one", cli_output.EXIT_USAGE)
    try:
        db = open_store(path)
    except StoreError as exc:
        return cli_output.fail(str(exc))
    from store.extract.nlp import ModelError
    from store.ingest import IngestInterrupted, IngestStopped, ingest
    from store.watch import follow

    err = Console(stderr=True, soft_wrap=True)
    totals = _Totals()
    options = {"model": getattr(args, "model", None), "workers": args.workers, "batch_size": args.batch_size}

    def batch(report: IngestReport) -> None:
        totals.count(report)
        cli_output.print_report(err, report, path)

    shown = ", ".join(cli_output.one_line(f) for f in args.paths)
    try:
        since = time.time()
        with cli_output.RunProgress(err) as on_progress:
            first = ingest(db, args.paths, progress=on_progress, **options)
        batch(first)
        follow(
            db,
            list(args.paths),
            since=since,
            on_batch=batch,
            on_ready=lambda: err.print(
                Text(f"watching {shown} for new files (Ctrl-C to stop)", style="bold")
            ),
            **options,
        )
    except ModelError as exc:
        return cli_output.fail(str(exc))
    except IngestStopped as exc:
        batch(exc.report)
        return cli_output.fail(describe(exc.error, path))
    except KeyboardInterrupt as exc:  # the way a watch ends
        if isinstance(exc, IngestInterrupted):
            batch(exc.report)
        err.print(Text(cli_output.one_line(totals.line()), style="bold"))
        return cli_output.EXIT_SOME_FAILED if totals.failed else cli_output.EXIT_OK
    return cli_output.EXIT_OK
