"""Search by frequency band: words in 0.01 % to 100 % of articles, phrases, a rare phrase of common words, each
alone and with a person and a date range, asked as the app asks (the search screen's 200 rows, then the article
list's first count figure, exact or estimated, and its exact count for the same query), median / p95 on each store and the p95 as a ratio to the smallest store's.

    python -m bench.search_bands 1000=/tmp/1k.db 100000=/tmp/100k.db [--repeats 7]

The words are picked on each store from its full-text index (fts5vocab, read once here): the word whose share of
articles is nearest each band's. The stores take turns query by query, so a slow spell hits them alike. Prefix
queries are not measured: the search language takes every word literally (``gov*`` is the word "gov").
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.make_corpus import Corpus

BANDS = (0.0001, 0.001, 0.01, 0.025, 0.05, 0.1, 0.5, 1.0)
PHRASES = {
    "phrase of two common words": '"of the"',
    "phrase of three common words": '"one of the"',
    "rare phrase of common words": '"the public mood has shifted"',
    "rare phrase of the commonest words": '"it was not the one"',  # no word rarer than "one"
}
# what the app asks: the first page, then the first count figure (exact or an estimate: what the list shows
# first), then the exact count (before count_estimate, the first figure the list showed)
ASKS = ("200 rows", "first count", "exact count")
OLD_PLAN = ("200 rows, old plan", "first count, old plan")  # the same asks as planned before (--old-plans)
NARROWING = ' person:"{top}" after:2016-01-01 before:2022-12-31'


def band_words(path: Path) -> dict[float, tuple[str, float]]:
    """Each band's word on a store: the plain word whose share of articles is nearest the band's."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, articles_fts, row)")
    total = conn.execute("SELECT n FROM counts WHERE name = 'articles'").fetchone()[0]
    docs = [(t, d) for t, d in conn.execute("SELECT term, doc FROM temp.vocab") if t.isalpha() and len(t) > 2]
    conn.close()
    out = {}
    for band in BANDS:
        term, doc = min(docs, key=lambda td: (abs(td[1] / total - band), td[0]))
        out[band] = (term, doc / total)
    # a second word of the 2.5 % band, for two words together
    term, doc = min(
        (td for td in docs if td[0] != out[0.025][0]), key=lambda td: (abs(td[1] / total - 0.025), td[0])
    )
    out[-0.025] = (term, doc / total)
    return out


def queries(path: Path, size: int) -> dict[str, str]:
    """The queries of one store, by class: words and phrases alone and narrowed, then the entity queries of the
    app's benchmark (``python -m bench``) and a surname many people share."""
    from bench.__main__ import _queries

    top = Corpus(size).people[0]
    words = band_words(path)
    out = {f"a word in {band:.2%} of articles": word for band, (word, _) in words.items() if band > 0}
    out.update(PHRASES)
    out |= {
        f"{name}, with a person and dates": text + NARROWING.format(top=top) for name, text in out.items()
    }
    entities = _queries(size)
    return out | {
        "two words in 2.5% of articles each": f"{words[0.025][0]} {words[-0.025][0]}",
        "person: a surname many people share": f"person:{top.split()[-1]}",
        "person: the top person": entities["person:"],
        "country: the top country": entities["country:"],
        "by: the top speaker": entities["by:"],
        "person, country, a word and a date": entities["combined"],
    }


def _old_plans(call: Callable[[], object]) -> Callable[[], object]:
    """``call`` as the search ran before schema 5 added the word-pair index: every phrase read from the word
    index (so that before and after are measured in the same run, on the same store, taking turns)."""
    import store.queries as queries

    def old() -> object:
        saved = queries._PAIRS
        queries._PAIRS = False
        try:
            return call()
        finally:
            queries._PAIRS = saved

    return old


def _asks(store, text: str, old_plans: bool = False) -> dict[str, Callable[[], object]]:
    from store.query_syntax import parse

    query = parse(text)
    page = {OLD_PLAN[0]: _old_plans(lambda: store.search(query, limit=200))} if old_plans else {}
    count = {OLD_PLAN[1]: _old_plans(lambda: store.count_estimate(query))} if old_plans else {}
    return page | {
        "200 rows": lambda: store.search(query, limit=200),
        **count,
        "first count": lambda: store.count_estimate(query),
        "exact count": lambda: (
            store.kept_count(query) if store.kept_count(query) is not None else store.article_count(query)
        ),
    }


def measure(paths: dict[int, Path], repeats: int = 7, old_plans: bool = False) -> tuple[dict, dict]:
    """Median and p95 ms of each class's two asks on each store; and each store's query text per class."""
    from store.queries import Store

    stores = {size: Store.open(path) for size, path in paths.items()}
    texts = {size: queries(path, size) for size, path in paths.items()}
    samples: dict[tuple[int, str, str], list[float]] = {}
    for name in texts[next(iter(paths))]:
        for repeat in range(repeats):
            for size, store in stores.items():
                asks = list(_asks(store, texts[size][name], old_plans).items())
                if old_plans and repeat % 2:  # the old and new plans take turns at reading a cold page first
                    asks[0], asks[1], asks[2], asks[3] = asks[1], asks[0], asks[3], asks[2]
                for ask, call in asks:
                    t = time.perf_counter()
                    call()
                    samples.setdefault((size, name, ask), []).append((time.perf_counter() - t) * 1000)
    for store in stores.values():
        store.close()
    figures = {}
    for key, values in samples.items():
        ordered = sorted(values)
        figures[key] = (
            statistics.median(ordered),
            ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
        )
    return figures, texts


def table(figures: dict, texts: dict) -> list[str]:
    sizes = sorted(texts)
    head = " | ".join(f"{s:,}" for s in sizes)
    lines = [
        f"| query (the largest store's words) | ask | {head} | p95 {sizes[-1]:,} / {sizes[0]:,} |",
        "| --- | --- | " + " | ".join("---" for _ in sizes) + " | --- |",
    ]
    for name in texts[sizes[0]]:
        asks = (OLD_PLAN[0], ASKS[0], OLD_PLAN[1], *ASKS[1:])
        for ask in [a for a in asks if (sizes[0], name, a) in figures]:
            cells = [f"{figures[(s, name, ask)][0]:.1f} / {figures[(s, name, ask)][1]:.1f}" for s in sizes]
            base = figures[(sizes[0], name, ask)][1]
            ratio = f"{figures[(sizes[-1], name, ask)][1] / base:.1f}×" if base else "—"
            lines.append(f"| {name}: `{texts[sizes[-1]][name]}` | {ask} | {' | '.join(cells)} | {ratio} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stores", nargs="+", metavar="SIZE=PATH")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument(
        "--old-plans",
        action="store_true",
        help="also measure the first page and the first count as planned before schema 5 (no pair index)",
    )
    args = ap.parse_args(argv)
    paths = {int(s.split("=")[0]): Path(s.split("=", 1)[1]) for s in args.stores}
    figures, texts = measure(paths, args.repeats, args.old_plans)
    print("\n".join(table(figures, texts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
