"""Hostile input that once cost the square of its size, beside ordinary input of the same size, in one run:

- ingest of an article that is one 30 KB run of punctuation (``!``, ``.,``, ``&<``, ``=``, ``$``, ``%``, and
  the chains ``'s`` and ``”.``), beside an article of 30 KB of prose;
- a two-word search, a phrase, and a word written without its accent, on a 120,000-word article that repeats
  both words in every sentence, and on an article whose title is 1 MB of them, beside a one-word search on
  the same article.

    python -m bench.linear_cost                  # all figures (the goal: every ratio 3x or less)
    python -m bench.linear_cost --units '! = %'  # only these runs (separated by spaces)
    python -m bench.linear_cost --kb 10          # smaller runs and prose

The model is loaded before anything is timed; each figure is the median of ``--repeats`` runs, the hostile
and the ordinary input taking turns. Results are printed and appended to bench/results.md. Benchmarks never
fail: they report (``--no-record``: print only).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from bench import record

RUN_UNITS = ("!", ".,", "&<", "=", "$", "%", "'s", "”.")
# two words; a phrase; a word only the index's tokeniser finds (its accent left out of the text)
SEARCHES = ("huge headline", '"huge headline"', "headlíne")
SENTENCE = "The huge headline ran across the page, and everyone read the huge headline again. "


def run_of(unit: str, chars: int) -> str:
    """``unit`` repeated to ``chars`` characters, with no space."""
    return (unit * (chars // len(unit) + 1))[:chars]


def run_article(unit: str, chars: int) -> str:
    """A plain-text article whose body is one run of ``unit``, ``chars`` characters long."""
    return f"Punctuation\n\n{run_of(unit, chars)}\n"


def repeating_article(words: int) -> str:
    """A plain-text article of about ``words`` words, every sentence saying "huge headline" twice."""
    return "A huge headline\n\n" + SENTENCE * (words // len(SENTENCE.split()) + 1) + "\n"


def long_title_article(title_chars: int) -> str:
    """A plain-text article whose title line is ``title_chars`` characters of "huge headline"."""
    return run_of("huge headline ", title_chars).strip() + "\n\nThe body names the huge headline once.\n"


def _median_turns(cases: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Median seconds of each case, the cases taking turns."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, case in cases.items():
            started = time.perf_counter()
            case()
            samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(s) for name, s in samples.items()}


# ------------------------------------------------------------------------------------------------ ingest
def ingest_runs(units: list[str], chars: int, repeats: int) -> list[str]:
    """Rows: ingest of each run against ingest of prose of the same size, each into a fresh store."""
    from bench.huge_article import single_line_article
    from store.db import open_store
    from store.extract.nlp import load
    from store.ingest import ingest

    load()  # the model, before anything is timed
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        count = [0]

        def ingest_one(text: str) -> Callable[[], object]:
            def run() -> None:
                count[0] += 1
                path = folder / f"article-{count[0]}.txt"
                path.write_text(text, encoding="utf-8")
                db = open_store(folder / f"store-{count[0]}.db")
                report = ingest(db, [str(path)])
                db.conn.close()
                assert report.added == 1, report.failures

            return run

        prose = single_line_article(chars)
        for unit in units:
            times = _median_turns(
                {"prose": ingest_one(prose), "run": ingest_one(run_article(unit, len(prose)))}, repeats
            )
            rows.append(
                f"| {len(prose) // 1000} KB | ingest of one run of {unit!r} | {times['run']:.2f} s | "
                f"prose of the same size {times['prose']:.2f} s | {times['run'] / times['prose']:.2f}x |"
            )
            print(rows[-1], flush=True)
    return rows


# ------------------------------------------------------------------------------------------------ search
def search_repeats(words: int, title_chars: int, repeats: int) -> list[str]:
    """Rows: the ``SEARCHES`` on articles repeating both words, against a one-word search."""
    from bench.huge_article import synthetic_store
    from store.queries import Store

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            f"{words:,}-word article": repeating_article(words),
            f"{title_chars // 1000:,} KB title": long_title_article(title_chars),
        }
        for n, (name, article) in enumerate(cases.items()):
            path = Path(tmp) / f"store-{n}.db"
            synthetic_store(path, {"article": article})
            store = Store.open(path)
            times = _median_turns({q: partial(store.search, q) for q in ("headline", *SEARCHES)}, repeats)
            store.close()
            for query in SEARCHES:
                rows.append(
                    f"| {name} | search {query} | {times[query] * 1000:.1f} ms | one word (headline) "
                    f"{times['headline'] * 1000:.1f} ms | {times[query] / times['headline']:.2f}x |"
                )
                print(rows[-1], flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", default=" ".join(RUN_UNITS), help="runs to ingest, separated by spaces")
    ap.add_argument("--kb", type=int, default=30, help="size of each run and of the prose")
    ap.add_argument("--words", type=int, default=120_000, help="words of the repeating article")
    ap.add_argument("--title-kb", type=int, default=1_000, help="size of the long title")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--no-record", action="store_true", help="print only: nothing appended to results.md")
    args = ap.parse_args(argv)
    lines = [
        f"## {datetime.now().isoformat(timespec='minutes')} · {os.cpu_count()} cores · linear cost",
        "",
        "Hostile input beside ordinary input of the same size, taking turns; medians of "
        f"{args.repeats} runs, the model loaded first.",
        "",
        "| input | measure | figure | baseline | ratio |",
        "| --- | --- | --- | --- | --- |",
    ]
    print("\n".join(lines), flush=True)
    units = args.units.split()
    lines += search_repeats(args.words, args.title_kb * 1000, args.repeats)
    if units:
        lines += ingest_runs(units, args.kb * 1000, args.repeats)
    if not args.no_record:
        record(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
