"""``newsdesk feeds add|import|list|remove`` and ``newsdesk update``: subscriptions, and fetching what is new."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import cli_output

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

COMMANDS = ("feeds", "update")


def add_parsers(sub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``feeds`` and ``update`` commands, on the ``newsdesk`` parser's subcommands."""
    feeds = sub.add_parser("feeds", help="RSS and Atom subscriptions: add, import (OPML), list, remove")
    add_db(feeds)
    actions = feeds.add_subparsers(dest="feeds_command", required=True, metavar="ACTION")
    p = actions.add_parser("add", help="subscribe to feeds (fetched by `newsdesk update`)")
    p.add_argument("urls", nargs="+", metavar="URL")
    add_db(p)
    p = actions.add_parser("import", help="subscribe to every feed an OPML file lists")
    p.add_argument("file", metavar="FILE.opml")
    add_db(p)
    p = actions.add_parser("list", help="the subscriptions, with when each was last updated")
    add_db(p)
    p = actions.add_parser("remove", help="unsubscribe (the articles stay in the store)")
    p.add_argument("feeds", nargs="+", metavar="URL|ID")
    add_db(p)

    p = sub.add_parser("update", help="fetch every feed and ingest the pages of its new entries")
    add_db(p)
    p.add_argument("--workers", type=int, default=1, metavar="N", help="processes for extraction (default 1)")
    p.add_argument("--model", help="spaCy model to load (as for ingest)")


def run(args: argparse.Namespace) -> int:
    """Run ``feeds …`` or ``update``; return the exit code."""
    from store.db import StoreError, open_store

    path = cli_output.db_path(args)
    try:
        db = open_store(path)
    except StoreError as exc:
        return cli_output.fail(str(exc))
    if args.command == "update":
        return _update(db, args, path)
    return {"add": _add, "import": _import, "list": _list, "remove": _remove}[args.feeds_command](db, args)


def _say(console: Console, label: str, style: str, what: str, rest: str = "") -> None:
    console.print(
        Text(label, style=style)
        + Text(cli_output.one_line(what), style="bold")
        + Text(cli_output.one_line(rest))
    )


def _add(db, args) -> int:
    from store.feeds import FeedError, add_feed

    err = Console(stderr=True, soft_wrap=True)
    refused = 0
    for url in args.urls:
        try:
            feed, new = add_feed(db, url)
        except FeedError as exc:
            refused += 1
            _say(err, "  cannot add ", "red", str(exc))
            continue
        _say(err, "  added " if new else "  already subscribed ", "green" if new else "cyan", feed.url)
    added = len(args.urls) - refused
    print(f"{added} of {len(args.urls)} subscribed; `newsdesk update` fetches them", file=sys.stderr)
    return (
        cli_output.EXIT_OK
        if not refused
        else (cli_output.EXIT_SOME_FAILED if added else cli_output.EXIT_NOTHING)
    )


def _import(db, args) -> int:
    from store.feeds import FeedError, import_opml

    err = Console(stderr=True, soft_wrap=True)
    try:
        result = import_opml(db, args.file)
    except FeedError as exc:
        return cli_output.fail(str(exc), cli_output.EXIT_NOTHING)
    for url, reason in result.refused:
        _say(err, "  cannot add ", "red", url, f": {reason}")
    print(
        f"{len(result.added)} feeds added, {len(result.already)} already subscribed, "
        f"{len(result.refused)} refused",
        file=sys.stderr,
    )
    if not (result.added or result.already):
        return cli_output.EXIT_NOTHING
    return cli_output.EXIT_SOME_FAILED if result.refused else cli_output.EXIT_OK


def _list(db, args) -> int:
    from store.feeds import list_feeds

    feeds = list_feeds(db)
    if not feeds:
        print("no feeds (subscribe with `newsdesk feeds add URL`)", file=sys.stderr)
        return cli_output.EXIT_NOTHING
    table = Table(expand=True)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("title", ratio=1)
    table.add_column("url", ratio=2, overflow="fold")
    table.add_column("updated", no_wrap=True)
    table.add_column("last error", ratio=1)
    for feed in feeds:
        table.add_row(
            Text(str(feed.id)),
            Text(cli_output.one_line(feed.title or "—")),
            Text(cli_output.one_line(feed.url)),
            Text(feed.checked_at or "never"),
            Text(cli_output.one_line(feed.last_error or ""), style="red"),
        )
    Console().print(table)
    return cli_output.EXIT_OK


def _remove(db, args) -> int:
    from store.feeds import FeedError, remove_feed

    err = Console(stderr=True, soft_wrap=True)
    missing = 0
    for key in args.feeds:
        try:
            feed = remove_feed(db, key)
        except FeedError as exc:
            missing += 1
            _say(err, "  ", "", str(exc))
            continue
        _say(err, "  removed ", "green", feed.name, f" ({feed.url}); its articles stay in the store")
    return (
        cli_output.EXIT_OK
        if not missing
        else (cli_output.EXIT_SOME_FAILED if missing < len(args.feeds) else cli_output.EXIT_NOTHING)
    )


def _say_heard(err: Console, result) -> None:
    """A feed with pages to fetch is named as it is read (the fetching takes a while); the others are in the
    summary at the end, once."""
    if result.new:
        name = result.title or result.feed.name
        line = f"  {cli_output.one_line(name)}: {result.entries} entries, {result.new} new"
        err.print(Text(line, style="dim"))


def _update(db, args, path) -> int:
    from store.db import describe
    from store.extract.nlp import ModelError
    from store.feeds import list_feeds, update
    from store.ingest import IngestInterrupted, IngestStopped

    err = Console(stderr=True, soft_wrap=True)
    if not list_feeds(db):
        return cli_output.fail(
            "no feeds to update (subscribe with `newsdesk feeds add URL`)", cli_output.EXIT_NOTHING
        )
    try:
        with cli_output.RunProgress(err) as on_progress:
            report = update(
                db,
                model=getattr(args, "model", None),
                workers=args.workers,
                progress=on_progress,
                on_feed=lambda r: _say_heard(err, r),
            )
    except ModelError as exc:
        return cli_output.fail(str(exc))
    except IngestStopped as exc:
        cli_output.print_report(err, exc.report, path)
        return cli_output.fail(describe(exc.error, path))
    except IngestInterrupted as exc:
        cli_output.print_report(err, exc.report, path)
        return cli_output.fail(
            f"interrupted: {exc.report.added} added before Ctrl-C; `newsdesk update` again fetches the rest",
            cli_output.EXIT_INTERRUPTED,
        )
    if any(result.new for result in report.feeds):  # pages were fetched: what became of them
        cli_output.print_report(err, report.ingest, path)
    for result in report.feeds:
        style = "red" if result.error else ("yellow" if result.failed else "")
        err.print(Text("  " + cli_output.one_line(result.summary()), style=style))
    if report.ok:
        return cli_output.EXIT_OK
    return cli_output.EXIT_SOME_FAILED
