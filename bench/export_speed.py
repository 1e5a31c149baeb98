"""Export speed and memory: ``newsdesk export`` of every article, quote and article–entity pair, in each format,
beside a raw dump of the same rows (one cursor over the table, written with ``csv``) in the same run.

    python -m bench.export_speed --articles 100000       # builds bench/.stores/export-100000.db once
    python -m bench.export_speed --db /tmp/million.db    # any store
    python -m bench.export_speed --articles 1000 --no-record

Each figure is rows per second, its baseline the raw dump's rows per second, and the ratio export / raw. The
Python heap's peak (tracemalloc) is measured on one more export of the articles as CSV, on the whole store and on
its newest tenth: the same peak on both is what streaming means. Results are printed and appended to
bench/results.md. Benchmarks never fail: they report.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

from store.export import COLUMNS, FORMATS, WHATS, export
from store.queries import Store

HERE = Path(__file__).resolve().parent
RAW = {
    "articles": "SELECT id, title, dek, byline, source, published, url, origin, word_count, people_count, "
    "quote_count, text FROM articles",
    "quotes": "SELECT * FROM quotes",
    "entities": "SELECT ae.article_id, ae.entity_id, e.name, e.kind, e.code, e.role, e.country_code, ae.mentions "
    "FROM article_entities ae JOIN entities e ON e.id = ae.entity_id",
}


def raw_dump(store: Store, what: str) -> tuple[int, float]:
    """Rows and seconds of the plainest dump of the same table: one cursor, csv.writer, nothing else."""
    started = time.perf_counter()
    n = 0
    with open(os.devnull, "w", encoding="utf-8") as out:
        writer = csv.writer(out)
        for row in store.db.execute(RAW[what]):
            writer.writerow(row)
            n += 1
    return n, time.perf_counter() - started


def timed_export(store: Store, query: str, fmt: str, what: str) -> tuple[int, float]:
    started = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as out:
        n = export(store, query, out, fmt, what)
    return n, time.perf_counter() - started


def heap_peak(store: Store, query: str) -> int:
    with open(os.devnull, "w", encoding="utf-8") as out:
        tracemalloc.start()
        export(store, query, out, "csv", "articles")
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="an existing store")
    ap.add_argument(
        "--articles", type=int, default=100_000, help="size of the synthetic store built otherwise"
    )
    ap.add_argument("--no-record", action="store_true", help="print only: nothing appended to results.md")
    args = ap.parse_args(argv)
    path = args.db
    if path is None:
        from bench.make_corpus import build

        path = HERE / ".stores" / f"export-{args.articles}.db"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            print(f"building {path} …", file=sys.stderr)
            build(path, args.articles)
    store = Store.open(path)
    total = store.article_count()
    lines = []
    for what in WHATS:
        raw_dump(store, what)  # once to bring the table into the page cache, as the exports find it
        raw_rows, raw_seconds = raw_dump(store, what)
        raw_rate = raw_rows / raw_seconds
        for fmt in FORMATS:
            rows, seconds = timed_export(store, "", fmt, what)
            rate = rows / seconds
            lines.append(
                f"| {total:,} | export {what} as {fmt} ({len(COLUMNS[what])} columns) | {rows:,} rows, "
                f"{rate:,.0f} rows/s | raw dump {raw_rate:,.0f} rows/s | {rate / raw_rate:.2f}x |"
            )
            print(lines[-1], flush=True)
    newest = store.articles(limit=1, offset=total // 10)[0].published or ""
    tenth, whole = heap_peak(store, f"after:{newest}" if newest else ""), heap_peak(store, "")
    lines.append(
        f"| {total:,} | heap peak, export articles as csv | {whole / 1e6:.1f} MB | newest tenth "
        f"{tenth / 1e6:.1f} MB | {whole / tenth:.2f}x |"
    )
    print(lines[-1])
    store.close()
    if not args.no_record:
        stamp = datetime.now().strftime("%Y-%m-%dT%H:%M")
        with open(HERE / "results.md", "a", encoding="utf-8") as out:
            out.write(
                f"\n## {stamp} · {os.cpu_count()} cores · export\n\n"
                "Every row of the store exported to /dev/null, beside a raw cursor dump of the same table.\n\n"
                "| store | measure | figure | baseline | ratio |\n| --- | --- | --- | --- | --- |\n"
                + "\n".join(lines)
                + "\n"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
