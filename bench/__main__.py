"""The newsdesk benchmarks: every figure beside a baseline measured in the same run, as a ratio.

    python -m bench                         # 1,000 and 1,000,000 articles (the big store takes a while to build)
    python -m bench --sizes 1000,20000      # other sizes
    python -m bench --ingest 0              # without the ingest run (2,000 articles through the model)
    python -m bench --smoke                 # 100 articles, few repeats: checks the suite runs (used by the tests)

Benchmarks run on their own: ``python -m bench.ingest_speed``, ``bench.export_speed``, ``bench.cluster_speed``
(extraction on a Dask cluster and the single writer's ceiling), ``bench.linear_cost``, ``bench.search_bands``.

Stores are built once with bench.make_corpus under bench/.stores/ and reused. Results are printed and appended
to bench/results.md with the date and the machine's core count. Benchmarks never fail: they report.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from bench import record
from bench.make_corpus import Corpus, build
from store.query_syntax import parse

HERE = Path(__file__).resolve().parent
STORES = HERE / ".stores"


def _median_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def store_for(size: int) -> Path:
    STORES.mkdir(exist_ok=True)
    path = STORES / f"synthetic-{size}.db"
    if not path.exists():
        print(f"building a {size:,}-article store at {path} …", file=sys.stderr)
        build(path, size)
    from store.db import open_store

    open_store(path).conn.close()  # a store from an older newsdesk is migrated now, not while timed
    return path


# ------------------------------------------------------------------------------------------------ start-up
def _probe(*args: str) -> tuple[float, float]:
    """Seconds from starting the process to its first painted screen (see bench/probe.py), and its peak RSS."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bench.probe", *args], capture_output=True, text=True, check=True
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return figures["painted_at"] - started, figures["rss_mb"]


def startup(path: Path, repeats: int) -> dict:
    """Launch to first painted screen (process start to paint; its shutdown not counted) and peak RSS, beside a
    bare Textual app.

    newsdesk's bytecode is compiled first, as a pip install does (an editable install under
    PYTHONDONTWRITEBYTECODE would otherwise compile every module at every start)."""
    import compileall

    for package in ("store", "tui"):
        compileall.compile_dir(HERE.parent / package, quiet=1)
    app, bare, app_rss, bare_rss = [], [], [], []
    for _ in range(repeats):  # interleaved, so noise hits both alike
        t, rss = _probe("newsdesk", str(path))
        app.append(t)
        app_rss.append(rss)
        t, rss = _probe("bare")
        bare.append(t)
        bare_rss.append(rss)
    return {
        "startup": (statistics.median(app), statistics.median(bare)),
        # each run beside the bare run next to it: this machine's speed drifts in spells, which a ratio of two
        # medians of 20 can land on either side of
        "paired": statistics.median(a / b for a, b in zip(app, bare, strict=True)),
        "memory": (max(app_rss), max(bare_rss)),
    }


# ------------------------------------------------------------------------------------------------ search
def _queries(size: int) -> dict[str, str]:
    corpus = Corpus(size)
    top, other = corpus.people[0], corpus.people[1]
    country = corpus.country_names[corpus.countries[0]]
    return {
        "person:": f'person:"{top}"',
        "country:": f'country:"{country}"',
        "by:": f'by:"{other}"',
        "one word": "government",  # in about one article in six
        "phrase": '"of the"',  # in about half
        "combined": f'person:"{top}" country:"{country}" people after:2018-01-01',
    }


LIST_FILTERS = ("person:", "by:", "combined")  # the same queries typed into the article list's filter (f)


def _asks(store, queries: dict[str, str]) -> dict[str, Callable[[], object]]:
    """Each kind of query as the search screen asks it (first page: 50 hits with snippets), and as the article
    list's filter asks it (its count if the store keeps it, and the top 200 rows, newest first)."""
    from store.queries import search_after

    asks: dict[str, Callable[[], object]] = {
        f"search {name}": partial(store.search, text, limit=50) for name, text in queries.items()
    }
    for name in LIST_FILTERS:
        query = parse(queries[name])
        asks[f"list filter {name} top 200 rows"] = lambda q=query: (
            store.kept_count(q),
            store.articles(200, 0, "newest", q),
        )
        # the search screen's next page past the first 200, asked for by key from the last row shown
        top = store.articles(200, 0, "newest", query)
        asks[f"search {name} next 200 by key"] = partial(
            search_after, store, query, top[-1] if top else None, 200
        )
    return asks


def search(paths: dict[int, Path], repeats: int) -> dict[int, dict[str, tuple[float, float]]]:
    """Median and p95 seconds of each kind of query on each store (see ``_asks``); the stores take turns query
    by query, so a slow spell of the machine hits them alike."""
    from store.queries import Store

    stores = {size: Store.open(path) for size, path in paths.items()}
    asks = {size: _asks(store, _queries(size)) for size, store in stores.items()}
    samples: dict[int, dict[str, list[float]]] = {size: {} for size in paths}
    for name in asks[next(iter(paths))]:
        for size in stores:
            asks[size][name]()  # warm the page cache once
        for _ in range(repeats):
            for size in stores:
                t = time.perf_counter()
                asks[size][name]()
                samples[size].setdefault(name, []).append(time.perf_counter() - t)
    for store in stores.values():
        store.close()
    return {size: {name: _median_p95(s) for name, s in found.items()} for size, found in samples.items()}


# ------------------------------------------------------------------------------------------------ navigation
READING = {"200-word article": 3, "20,000-word article": 305}  # paragraphs of ~65 words


def reading_articles(path: Path) -> dict[str, int]:
    """Ids of a 200-word and a 20,000-word article, written into the store through the ingest writer if it
    does not hold them yet."""
    from dataclasses import replace

    from bench.make_corpus import Corpus, _Extraction
    from store.db import open_store
    from store.writer import save

    db = open_store(path)
    corpus = Corpus(1000)
    ids = {}
    for n, (name, paragraphs) in enumerate(READING.items()):
        origin = f"bench:{name}"
        found = db.execute("SELECT id FROM articles WHERE origin = ?", (origin,)).fetchone()
        if found is None:
            raw, entities, quotes = corpus.article(10**9 + n, paragraphs)
            save(db, replace(raw, origin=origin), _Extraction(entities, quotes))
            found = db.execute("SELECT id FROM articles WHERE origin = ?", (origin,)).fetchone()
        ids[name] = found[0]
    db.conn.close()
    return ids


def navigation(path: Path, repeats: int) -> dict[str, float]:
    """Median seconds of each move in the real app (headless, under ``run_test``): from the key press to the
    refresh that shows its result, and nothing more.

    The key is posted with ``App.simulate_key``, not ``Pilot.press``: Pilot waits for the app to go idle around
    every key, tens of milliseconds that are not the app's and that pushed every ratio toward 1.0. A condition
    on the app's state says the result is there (the list's cursor moved and its rows are read, the body's
    selected link moved, the entity page loaded); the clock stops at the next refresh after it. Opening the
    entity page is timed from ``App.navigate``. A move whose result never shows fails after ``MOVE_TIMEOUT``."""
    return asyncio.run(_navigation(path, reading_articles(path), repeats))


# seconds a move may take before the bench stops, naming it: a broken condition fails and never hangs
MOVE_TIMEOUT = 5.0
POLL = 0.001  # seconds between looks at the condition


async def _refreshed(app, deadline: float, move: str, timeout: float = MOVE_TIMEOUT) -> None:
    """Until the app's screen has refreshed once (``App.call_after_refresh`` runs its callback then)."""
    refreshed = asyncio.Event()
    app.call_after_refresh(refreshed.set)
    try:
        await asyncio.wait_for(refreshed.wait(), max(0.0, deadline - time.perf_counter()))
    except TimeoutError:
        raise TimeoutError(f"bench move {move!r}: no refresh within {timeout:g} s") from None


async def _timed(
    app, move: str, act: Callable[[], object], shown: Callable[[], bool], timeout: float = MOVE_TIMEOUT
) -> float:
    """Seconds from ``act()`` (a key press) until ``shown()`` holds and the screen has refreshed once after it.

    Nothing else is waited for: ``shown`` is polled every millisecond and the clock stops at the refresh that
    paints the result. A ``shown`` still false after ``timeout`` seconds raises TimeoutError naming ``move``."""
    started = time.perf_counter()
    deadline = started + timeout
    act()
    while not shown():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"bench move {move!r}: its result was not on screen within {timeout:g} s")
        await asyncio.sleep(POLL)
    await _refreshed(app, deadline, move, timeout)
    return time.perf_counter() - started


async def _settle(app, what: str, ready: Callable[[], bool] = lambda: True) -> None:
    """Untimed, between samples: until ``ready()`` holds, every worker is done and the screen has refreshed."""
    deadline = time.perf_counter() + MOVE_TIMEOUT
    while not ready():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"bench set-up {what!r}: not ready within {MOVE_TIMEOUT:g} s")
        await asyncio.sleep(POLL)
    await app.workers.wait_for_complete()
    await _refreshed(app, deadline, what)


def _rows_shown(articles) -> bool:
    """Whether every row of the article list in view is loaded (a row not yet read is drawn as "…")."""
    top = articles.scroll_offset.y
    bottom = min(articles.count, top + articles.scrollable_content_region.height)
    return all(articles.row(index) is not None for index in range(top, bottom))


async def _navigation(path: Path, reading: dict[str, int], repeats: int) -> dict[str, float]:
    from store.queries import Store
    from tui.app import NewsdeskApp
    from tui.history import Location
    from tui.screens.entity import EntityScreen
    from tui.widgets.article_list import ArticleList

    store = Store.open(path)
    top = store.find_entities(Corpus(10).people[0], kind="person")[0]
    app = NewsdeskApp(store)
    out: dict[str, float] = {}
    async with app.run_test(size=(160, 45)):
        main = app.main
        articles = main.query_one(ArticleList)
        await _settle(app, "the article list", lambda: articles.count > 0 and _rows_shown(articles))
        move, samples = "scroll the list (page down)", []
        for _ in range(repeats):
            if articles.cursor >= articles.count - 1:  # at the bottom: back to the top, untimed
                articles.cursor = 0
                await _settle(app, move, lambda: _rows_shown(articles))
            before = articles.cursor
            samples.append(
                await _timed(
                    app,
                    move,
                    partial(app.simulate_key, "pagedown"),
                    lambda before=before: articles.cursor != before and _rows_shown(articles),
                )
            )
        out[move] = statistics.median(samples)
        for name, article_id in reading.items():
            move, samples = f"next linked item, {name}", []
            app.navigate(Location("article", article_id))
            # the reader (and ``main.body``) is built as the first article opens
            await _settle(
                app,
                move,
                lambda article_id=article_id: (
                    main.article is not None and main.article.id == article_id and not main.body.laying_out
                ),
            )
            body = main.body
            if not body.items:
                raise RuntimeError(f"bench move {move!r}: the article has no linked items")
            for _ in range(repeats):
                # on the last item: back to the top, untimed
                if body.cursor is not None and body.cursor >= len(body.items) - 1:
                    body.cursor = None
                    body.scroll_to(y=0, animate=False)
                    await _settle(app, move)
                before = body.cursor
                samples.append(
                    await _timed(
                        app,
                        move,
                        partial(app.simulate_key, "right_square_bracket"),
                        lambda body=body, before=before: body.cursor != before,
                    )
                )
            out[move] = statistics.median(samples)
        move, samples = "entity page of the top person", []
        back_at = main.article.id if main.article is not None else None
        for _ in range(repeats):  # a noisy measure (a screen built each time): as many samples as the rest
            samples.append(
                await _timed(
                    app,
                    move,
                    partial(app.navigate, Location("entity", top.id)),
                    lambda: (
                        isinstance(app.screen, EntityScreen)
                        and app.screen.entity is not None
                        and app.screen.entity.id == top.id
                    ),
                )
            )
            app.action_back()
            await _settle(
                app,
                move,
                lambda: (
                    app.screen is main
                    and main.article is not None
                    and main.article.id == back_at
                    and not main.body.laying_out
                ),
            )
        out[move] = statistics.median(samples)
    return out


# ------------------------------------------------------------------------------------------------ report
def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "—"


def run(
    sizes: list[int], repeats: int, ingest_articles: int = 0, ingest_workers: tuple[int, ...] = (1, 2)
) -> list[str]:
    cores = os.cpu_count()
    lines = [
        f"## {datetime.now().isoformat(timespec='minutes')} · {cores} cores · sizes {', '.join(map(str, sizes))}",
        "",
        f"Start-up: from starting the process to the first settled screen (shutdown not counted), medians of {repeats}"
        " runs taking turns with the bare app; the ratio is the median of each run's ratio to the bare run beside it. Search: the stores take turns query by query. Ingest: ingest and raw"
        " nlp.pipe take turns over eight parts of the corpus, each first in every other part, models loaded first;"
        " the ratio is the parts' median.",
        "",
        "| store | measure | figure | baseline | ratio |",
        "| --- | --- | --- | --- | --- |",
    ]
    paths = {size: store_for(size) for size in sizes}
    searches = search(paths, repeats)
    navs: dict[int, dict[str, float]] = {}
    for size, path in paths.items():
        s = startup(path, repeats)
        lines.append(
            f"| {size:,} | start-up to first screen | {s['startup'][0]:.2f} s | bare Textual "
            f"{s['startup'][1]:.2f} s (ratio of the medians {_ratio(*s['startup'])}) | {s['paired']:.2f}x |"
        )
        lines.append(
            f"| {size:,} | peak memory | {s['memory'][0]:.0f} MB | bare Textual {s['memory'][1]:.0f} MB | "
            f"+{s['memory'][0] - s['memory'][1]:.0f} MB |"
        )
        smallest = searches[sizes[0]]
        for name, (median, p95) in searches[size].items():
            base = smallest[name][1]
            lines.append(
                f"| {size:,} | {name} median / p95 | {median * 1000:.1f} / {p95 * 1000:.1f} ms | "
                f"p95 on {sizes[0]:,}: {base * 1000:.1f} ms | {_ratio(p95, base)} |"
            )
        navs[size] = nav = navigation(path, repeats)
        for name, seconds in nav.items():
            if name.startswith("next linked item"):  # the long article against the short one, same store
                base_name, base = "200-word article", nav["next linked item, 200-word article"]
            else:  # the same move on the smallest store
                base_name, base = f"on {sizes[0]:,}", navs[sizes[0]][name]
            lines.append(
                f"| {size:,} | {name} | {seconds * 1000:.0f} ms | {base_name}: {base * 1000:.0f} ms | "
                f"{_ratio(seconds, base)} |"
            )
    from bench import search_bands

    figures, texts = search_bands.measure(paths, repeats)
    lines += [
        "",
        "Search by frequency band (bench/search_bands.py), as the app asks: 200 rows, then the list's count; "
        "median / p95 ms; each store's own word for each band.",
        "",
        *search_bands.table(figures, texts),
        "",
        "| store | measure | figure | baseline | ratio |",
        "| --- | --- | --- | --- | --- |",
    ]
    if ingest_articles:
        from bench.ingest_speed import measure

        for row in measure(ingest_articles, ingest_workers):
            lines.append(
                f"| {row['articles']:,} ingested | ingest, --workers {row['workers']} | "
                f"{row['ingest_articles_per_s']:.1f} articles/s, {row['ingest_words_per_s']:,.0f} words/s | "
                f"raw nlp.pipe (n_process={row['workers']}) {row['raw_articles_per_s']:.1f} articles/s, "
                f"{row['raw_words_per_s']:,.0f} words/s | {row['ratio']:.2f}x |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,1000000")
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument(
        "--ingest", type=int, default=2000, metavar="N", help="articles for the ingest run (0: none)"
    )
    ap.add_argument("--workers", default="1,2", help="worker counts for the ingest run")
    ap.add_argument("--smoke", action="store_true", help="100 articles, 3 repeats, nothing written")
    args = ap.parse_args(argv)
    sizes = [100] if args.smoke else [int(s) for s in args.sizes.split(",")]
    workers = (1,) if args.smoke else tuple(int(w) for w in args.workers.split(","))
    lines = run(sizes, 3 if args.smoke else args.repeats, 8 if args.smoke else args.ingest, workers)
    print("\n".join(lines))
    if not args.smoke:
        record(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
