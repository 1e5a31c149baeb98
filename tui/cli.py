"""The ``newsdesk`` command: open the app, ingest articles, search, extract, and build the demo store."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

import store.db as store_db
from store.db import StoreError, describe

if TYPE_CHECKING:
    import argparse

from .cli_output import (  # noqa: F401  (the exit codes are the command line's, imported from here too)
    EXIT_INTERRUPTED,
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_STORE,
    EXIT_USAGE,
    RunProgress,
    db_path,
    duration,
    fail,
    one_line,
    print_report,
)


def _add_db(p: argparse.ArgumentParser, top: bool = False) -> None:
    import argparse

    # on subcommands the default is "not given", so `newsdesk --db X ingest` keeps the X given before it
    p.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="the store file (default: $NEWSDESK_DB, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Read and investigate news articles: bodies, entities and quotes, linked. "
        "With no command, opens the app on the store.",
    )
    _add_db(parser, top=True)
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser(
        "ingest", help="add articles (txt, json, jsonl, html; folders recursively; http(s) URLs; - for stdin)"
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--watch", action="store_true", help="then ingest files as they appear in PATH, until Ctrl-C"
    )
    _add_db(p)
    p.add_argument("--workers", type=int, default=1, metavar="N", help="processes for extraction (default 1)")
    p.add_argument("--batch-size", type=int, default=16, metavar="N", help="articles per nlp.pipe batch")
    p.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="extract on a Dask cluster: tcp://HOST:8786, or local:N for N local worker processes "
        "(needs pip install 'newsdesk[cluster]')",
    )
    p.add_argument(
        "--model", help="spaCy model to load (default: $NEWSDESK_MODEL, en_core_web_sm, the pinned one)"
    )

    p = sub.add_parser("search", help="search the store with the search language (see README)")
    p.add_argument("query", nargs="+")
    _add_db(p)
    p.add_argument("--json", action="store_true", help="JSON Lines instead of a table")
    p.add_argument("--limit", type=int, default=50)

    p = sub.add_parser(
        "export", help="write a search's articles, quotes or entities as CSV, JSON Lines or Markdown"
    )
    p.add_argument("query", nargs="*", help="the search language of `newsdesk search` (none: every article)")
    _add_db(p)
    p.add_argument("--format", choices=("csv", "jsonl", "md"), default="csv", help="default csv")
    p.add_argument(
        "--what", choices=("articles", "quotes", "entities"), default="articles", help="default articles"
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: standard output)")

    p = sub.add_parser("extract", help="extract entities and quotes from files without a store (JSON Lines)")
    p.add_argument("paths", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="JSON Lines on stdout (the only output form)")
    p.add_argument("--model")

    p = sub.add_parser("demo", help="open the app on the demo store built from the bundled fixtures")
    p.add_argument("--rebuild", action="store_true", help="rebuild the demo store first")
    p.add_argument("--no-open", action="store_true", help="build it, do not open the app")

    from . import cli_feeds

    cli_feeds.add_parsers(sub, _add_db)

    p = sub.add_parser("app", help="open the app (the default)")
    _add_db(p)
    return parser


def _upgrade_notice(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (0 fine, 1 some input failed or the app crashed, 2 usage, 3 store,
    4 nothing read)."""
    args = _plain(sys.argv[1:] if argv is None else argv)
    store_db.upgrade_notice = _upgrade_notice
    if args is None:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exc:  # argparse has printed the usage error (code 2), or --help (code 0)
            return exc.code if isinstance(exc.code, int) else EXIT_OK
    try:
        if args.command == "ingest":
            return cmd_ingest(args)
        if args.command == "search":
            return cmd_search(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "extract":
            return cmd_extract(args)
        if args.command == "demo":
            return cmd_demo(args)
        if args.command in ("feeds", "update"):
            from . import cli_feeds

            return cli_feeds.run(args)
        return cmd_app(db_path(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `newsdesk search ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except StoreError as exc:
        return fail(str(exc))
    except sqlite3.DatabaseError as exc:  # last resort: the store failed in the middle of a command
        return fail(describe(exc, db_path(args)))


def _plain(argv: Sequence[str]) -> SimpleNamespace | None:
    """``newsdesk`` or ``newsdesk --db PATH``, the command that opens the app, read without argparse; None for
    any other command line, which argparse reads. Building the full parser takes about 10 ms, most of it
    argparse looking for translations of its messages on disk: 2% of the app's start-up."""
    if not argv:
        return SimpleNamespace(command=None, db=None)
    if len(argv) == 2 and argv[0] == "--db" and not argv[1].startswith("-"):
        return SimpleNamespace(command=None, db=argv[1])
    return None


# ----------------------------------------------------------------------------------------------- ingest
def cmd_ingest(args: argparse.Namespace | SimpleNamespace, path: Path | None = None) -> int:
    from store.db import open_store

    path = path or db_path(args)
    if getattr(args, "watch", False):
        from .cli_watch import cmd_watch

        return cmd_watch(args, path)
    try:
        db = open_store(path)
    except StoreError as exc:
        return fail(str(exc))
    from store.cluster import ClusterError, ClusterUsageError  # dask itself only with --cluster
    from store.extract.nlp import ModelError  # spaCy: imported once the store is known to be usable
    from store.ingest import IngestInterrupted, IngestStopped, ingest

    err = Console(stderr=True, soft_wrap=True)
    try:
        with RunProgress(err) as on_progress:
            report = ingest(
                db,
                args.paths,
                model=getattr(args, "model", None),
                workers=args.workers,
                batch_size=args.batch_size,
                progress=on_progress,
                cluster=getattr(args, "cluster", None),
            )
    except ModelError as exc:
        return fail(str(exc))
    except ClusterError as exc:  # dask missing or a bad address: usage; else like a store
        return fail(str(exc), EXIT_USAGE if isinstance(exc, ClusterUsageError) else EXIT_STORE)
    except IngestStopped as exc:  # the store failed mid-run: what went in stays in, whole
        print_report(err, exc.report, path)
        return fail(describe(exc.error, path))
    except IngestInterrupted as exc:  # Ctrl-C: what went in stays in, whole
        print_report(err, exc.report, path)
        return fail(
            f"interrupted: {exc.report.added} added before Ctrl-C; run the same command again to add the rest",
            EXIT_INTERRUPTED,
        )
    print_report(err, report, path)
    if report.failures:
        return EXIT_SOME_FAILED if report.added or report.duplicates else EXIT_NOTHING
    if not report.added and not report.duplicates:
        return fail("no articles found (files are read by suffix: .txt .md .json .jsonl .html)", EXIT_NOTHING)
    return EXIT_OK


# ----------------------------------------------------------------------------------------------- search
def cmd_search(args: argparse.Namespace) -> int:
    from store.queries import Store
    from store.query_syntax import QuerySyntaxError, parse

    from .text import highlighted
    from .words import counted

    query = " ".join(args.query)
    try:
        store = Store.open(db_path(args))
    except StoreError as exc:
        return fail(str(exc))
    try:
        hits = store.search(query, limit=args.limit)
        # a full page may not be all: the true count, so a limit never hides matches silently
        total = store.article_count(parse(query)) if hits and len(hits) >= args.limit else len(hits)
    except QuerySyntaxError as exc:
        return fail(f"bad query: {exc.message}", EXIT_USAGE)
    shown = f"{len(hits):,} of {total:,} shown (--limit)" if total > len(hits) else None
    if args.json:
        for hit in hits:
            snippet = highlighted(hit).plain
            print(
                json.dumps(
                    {
                        "id": hit.article.id,
                        "title": hit.article.title,
                        "source": hit.article.source,
                        "published": hit.article.published,
                        "snippet": snippet,
                        "matched": list(hit.matched),
                        "offset": hit.offset,
                    },
                    ensure_ascii=False,
                )
            )
        if shown:
            print(shown, file=sys.stderr)  # standard output stays JSON Lines
        return EXIT_OK if hits else EXIT_NOTHING
    console = Console()
    if not hits:
        console.print(Text(f"no articles match {one_line(query)}"))
        return EXIT_NOTHING
    table = Table(
        title=Text(f"{counted(total, 'article')} for {one_line(query)}"),
        caption=Text(shown) if shown else None,
        expand=True,
        show_lines=False,
    )
    table.add_column("date", no_wrap=True)
    table.add_column("source", overflow="fold", max_width=16)
    table.add_column("title", ratio=2)
    table.add_column("matched", ratio=1)
    table.add_column("snippet", ratio=3)
    for hit in hits:
        a = hit.article
        table.add_row(
            Text(a.published or "—"),
            Text(a.source or "—"),
            Text(a.title),
            Text(one_line("; ".join(hit.matched))),  # the query's own words, as typed
            highlighted(hit),
        )
    console.print(table)
    return EXIT_OK


# ----------------------------------------------------------------------------------------------- export
def cmd_export(args: argparse.Namespace) -> int:
    """Stream a search's rows to a file (written whole or not at all) or to standard output."""
    import tempfile

    from store.export import export
    from store.queries import Store
    from store.query_syntax import QuerySyntaxError, parse

    query = " ".join(args.query)
    try:
        parsed = parse(query)
        store = Store.open(db_path(args))
    except QuerySyntaxError as exc:
        return fail(f"bad query: {exc.message}", EXIT_USAGE)
    except StoreError as exc:
        return fail(str(exc))
    target = Path(args.output).expanduser() if args.output else None
    if target is None:
        try:
            written = export(store, parsed, sys.stdout, args.format, args.what)
        except QuerySyntaxError as exc:
            return fail(f"bad query: {exc.message}", EXIT_USAGE)
    else:
        # written beside the target and renamed at the end: a bad query or Ctrl-C leaves no half file
        try:
            fd, part = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        except OSError as exc:
            return fail(f"cannot write {target}: {exc.strerror}", EXIT_USAGE)
        try:
            with open(fd, "w", encoding="utf-8", newline="") as out:
                written = export(store, parsed, out, args.format, args.what)
            os.replace(part, target)
        except QuerySyntaxError as exc:
            return fail(f"bad query: {exc.message}", EXIT_USAGE)
        finally:
            Path(part).unlink(missing_ok=True)
    where = f" → {target}" if target else ""
    print(one_line(f"{written:,} {args.what} exported{where}"), file=sys.stderr)
    return EXIT_OK if written else EXIT_NOTHING


# ----------------------------------------------------------------------------------------------- extract
def cmd_extract(args: argparse.Namespace) -> int:
    from store.extract.nlp import ModelError
    from store.extract.pipeline import extract_many, to_json
    from store.ingest import read_inputs
    from store.readers import ReadFailure

    raws, failed = [], 0
    for item in read_inputs(args.paths):
        if isinstance(item, ReadFailure):
            print(json.dumps({"file": item.origin, "error": item.reason}, ensure_ascii=False), flush=True)
            failed += 1
        else:
            raws.append(item)
    try:
        for raw, extraction in extract_many(raws, model=args.model):
            print(json.dumps(to_json(raw, extraction), ensure_ascii=False), flush=True)
    except ModelError as exc:
        return fail(str(exc))
    return EXIT_SOME_FAILED if failed else EXIT_OK


# ----------------------------------------------------------------------------------------------- demo, app
def demo_fixtures() -> Path:
    """The bundled fixture articles: the source checkout's fixtures/, or the copy installed with the package."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "fixtures" / "articles", here / "demo" / "articles"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the demo fixtures are not installed")


def cmd_demo(args: argparse.Namespace) -> int:
    from store.db import data_dir

    path = Path(os.environ.get("NEWSDESK_DEMO_DB") or data_dir() / "demo.db")
    if args.rebuild and path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    if not path.exists():
        print(f"building the demo store from the bundled articles → {path}", file=sys.stderr)
        ns = SimpleNamespace(paths=[str(demo_fixtures())], workers=1, batch_size=16, model=None)
        code = cmd_ingest(ns, path)
        if code not in (EXIT_OK, EXIT_SOME_FAILED):
            return code
    if args.no_open:
        return EXIT_OK
    return cmd_app(path)


def cmd_app(path: Path) -> int:
    from store.db import StoreError

    from .startup import launch, release_gc

    try:
        app = launch(path)
    except StoreError as exc:
        return fail(str(exc))
    try:
        app.run()
    finally:
        release_gc()  # if the app ended before its first paint
        app.store.interrupt()  # a query still running in a worker would keep the process alive
    if app.store_error:  # the store failed under the running app (a damaged page, a lock)
        return fail(app.store_error)
    return app.return_code or EXIT_OK  # 1 after a crash, which Textual has reported


if __name__ == "__main__":
    sys.exit(main())
