"""What the command line's subcommands share: exit codes, one-line errors, the store's path, and the progress
and summary of an ingest run."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_STORE, EXIT_NOTHING = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


def db_path(args: argparse.Namespace | SimpleNamespace) -> Path:
    from store.db import default_path

    return Path(args.db).expanduser() if args.db else default_path()


def one_line(text: str) -> str:
    """Untrusted text (a query, a file name, a reason) fit for one terminal line: controls neutralised, line
    breaks and tabs made spaces, text that cannot be encoded replaced."""
    from store.sanitize import neutralise

    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates from undecodable argv bytes
    return re.sub(r"[\n\t]", " ", neutralise(text))


def fail(message: str, code: int = EXIT_STORE) -> int:
    Console(stderr=True, soft_wrap=True).print(Text("newsdesk: ", style="bold red") + Text(one_line(message)))
    return code


def print_report(err: Console, report, path: Path) -> None:
    """Each file that could not be read with its reason, each note, then the summary line."""
    for failure in report.failures:
        err.print(
            Text("  cannot read ", style="red")
            + Text(one_line(failure.origin), style="bold")
            + Text(f": {one_line(failure.reason)}")
        )
    for origin, note in report.notes:
        err.print(Text("  note ", style="cyan") + Text(one_line(origin), style="bold") + Text(f": {note}"))
    rate = report.added / report.seconds if report.seconds else 0.0
    summary = (
        f"{report.added} added, {report.duplicates} already in the store, {len(report.failures)} could not "
        f"be read — {report.words:,} words in {report.seconds:.1f}s ({rate:.1f} articles/s) → {path}"
    )
    err.print(Text(one_line(summary), style="bold" if report.ok else "yellow"))


class RunProgress:
    """A rich progress bar with articles/s, files and the time left on a terminal; plain lines otherwise, one at
    least every QUIET_SECONDS while articles go in. Both say when the language model is loading."""

    QUIET_SECONDS = 5.0
    ETA_AFTER = 2.0  # seconds of articles going in before the time left is guessed (they come in batches)

    def __init__(self, console: Console):
        self.console = console
        self.bar = None
        self.started: float | None = None  # when the first article was handled (the model loaded)
        self.last_line = 0.0

    def __enter__(self):
        if self.console.is_terminal:
            from rich.progress import (
                BarColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}", markup=False),  # a file's name is data, never markup
                BarColumn(),
                TextColumn("{task.fields[articles]} articles"),
                TextColumn("{task.fields[rate]}"),
                TextColumn("{task.completed}/{task.total} files"),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("ingesting", total=None, articles=0, rate="")
        return self.update

    def update(self, p) -> None:
        now = time.monotonic()
        if p.stage:  # the model is loading: nothing is done yet, and saying so
            if self.bar is not None:
                self.bar.update(self.task, description=p.stage, total=p.files or None)
            else:
                print(p.stage, file=sys.stderr)
                self.last_line = now
            return
        if self.started is None:
            self.started = now
        if self.bar is not None:
            elapsed = self.bar.tasks[0].elapsed or 0
            rate = f"{p.added / elapsed:.1f}/s" if elapsed else ""
            self.bar.update(
                self.task,
                completed=p.files_done,
                total=p.files or None,
                articles=p.done,
                rate=rate,
                description=f"ingesting {one_line(Path(p.origin).name)}",
            )
        elif p.done % 50 == 0 or p.done < 5 or now - self.last_line >= self.QUIET_SECONDS:
            print(
                f"{p.done} handled: {p.added} added, {p.duplicates} duplicates, {p.failed} failed"
                + self._how_far(p, now),
                file=sys.stderr,
            )
            self.last_line = now

    def _how_far(self, p, now: float) -> str:
        """ " · 3 of 12 files, about 40s left" once a file has been read."""
        if not p.files:
            return ""
        line = f" · {p.files_done} of {p.files} files"
        elapsed = now - self.started if self.started is not None else 0.0
        if p.files_done and p.files_done < p.files and elapsed >= self.ETA_AFTER:
            left = elapsed / p.files_done * (p.files - p.files_done)
            line += f", about {duration(left)} left"
        return line

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def duration(seconds: float) -> str:
    """``42s``, ``3m 05s``, ``2h 10m``."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m {seconds % 60:02d}s"
    return f"{seconds // 3600}h {seconds // 60 % 60:02d}m"
