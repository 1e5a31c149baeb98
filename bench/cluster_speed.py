"""Extraction on a Dask cluster: ``ingest --cluster local:2`` beside ``ingest --workers 2`` and raw
``nlp.pipe(n_process=2)`` on the same texts, and the single writer's ceiling, in the same run.

    python -m bench.cluster_speed --articles 400            # 400 articles per side, in 4 parts
    python -m bench.cluster_speed --articles 80 --no-record

The texts are the fixture articles repeated (each copy with a line of its own, so none is a duplicate), as in
bench/ingest_speed.py. The three sides take turns over the parts (the first in each part rotates), with every
model loaded and the cluster started before any timing (its start-up is reported on its own line). The raw side
is parse only (no newsdesk components, no store); the two ingest sides extract and write. The writer's ceiling is
``store.writer.save`` alone, one transaction per article as ingest writes, on articles extracted beforehand;
beside it, the bulk loader (``store.bulk``, 64 articles per transaction) on the same articles.
Results are printed and appended to bench/results.md. Benchmarks never fail: they report.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from bench import record
from bench.ingest_speed import ROOT, write_corpus

WORKERS = 2


def _raw(nlp, texts: list[str]) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=WORKERS):
        pass
    return time.perf_counter() - started


def _ingest(folder: Path, db_path: Path, **kw) -> tuple[float, int]:
    from store.db import open_store
    from store.ingest import ingest

    db = open_store(db_path)
    started = time.perf_counter()
    report = ingest(db, [str(folder)], **kw)
    seconds = time.perf_counter() - started
    db.conn.close()
    return seconds, report.added


def extraction_speeds(articles: int, rounds: int) -> dict:
    """Articles/s of the three sides over the same parts, and the median of each part's ratios."""
    import spacy
    from distributed import Client, LocalCluster

    from store.cluster_worker import ModelPlugin
    from store.extract.nlp import load, model_name

    raw_nlp = spacy.load(model_name())
    load()
    started = time.perf_counter()
    cluster = LocalCluster(
        n_workers=WORKERS, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.ERROR
    )
    with Client(cluster) as client:  # the model loaded on every worker, as `ingest --cluster` does first
        client.register_plugin(ModelPlugin(None), name="newsdesk-model")
    startup = time.perf_counter() - started
    seconds = {"raw": 0.0, "workers": 0.0, "cluster": 0.0}
    ratios: dict[str, list[float]] = {"cluster/raw": [], "workers/raw": [], "cluster/workers": []}
    count = 0
    try:
        with tempfile.TemporaryDirectory() as tmp:
            per_round = max(1, articles // rounds)
            for r in range(rounds):
                folder = Path(tmp) / f"in-{r}"
                folder.mkdir()
                texts = write_corpus(folder, per_round, first=r * per_round)
                part = {}
                sides = ["raw", "workers", "cluster"]
                for side in sides[r % 3 :] + sides[: r % 3]:
                    if side == "raw":
                        part[side] = _raw(raw_nlp, texts)
                    elif side == "workers":
                        part[side], added = _ingest(folder, Path(tmp) / "workers.db", workers=WORKERS)
                        assert added == len(texts), added
                    else:
                        part[side], added = _ingest(
                            folder, Path(tmp) / "cluster.db", cluster=cluster.scheduler_address
                        )
                        assert added == len(texts), added
                for side, s in part.items():
                    seconds[side] += s
                ratios["cluster/raw"].append(part["raw"] / part["cluster"])
                ratios["workers/raw"].append(part["raw"] / part["workers"])
                ratios["cluster/workers"].append(part["workers"] / part["cluster"])
                count += len(texts)
    finally:
        cluster.close()
    return {
        "articles": count,
        "startup": startup,
        "per_s": {side: count / s for side, s in seconds.items()},
        "ratios": {name: statistics.median(values) for name, values in ratios.items()},
    }


def writer_ceiling(articles: int, grown: Path | None = None) -> dict:
    """Articles/s of ``save`` alone into a new store (first and second half apart, to show a trend), and of the
    run's closing ``link_people``, on copies of the fixture articles extracted once beforehand; with ``grown``
    (a store, copied first), the same into a copy of it."""
    from store.bulk import BulkLoader
    from store.db import open_store
    from store.extract.pipeline import extract_many
    from store.identity import link_people
    from store.readers import RawArticle, read_path
    from store.writer import content_hash, save

    originals = [
        item
        for path in sorted((ROOT / "fixtures" / "articles").iterdir())
        for item in read_path(path)
        if isinstance(item, RawArticle)
    ]
    extracted = list(extract_many(originals))
    items = []
    for n in range(articles):  # text appended at the end: every offset of the extraction stays right
        raw, extraction = extracted[n % len(extracted)]
        copy = replace(raw, text=f"{raw.text}\n\nCopy {n} of this article, for the benchmark.")
        items.append((copy, extraction, content_hash(copy)))
    with tempfile.TemporaryDirectory() as tmp:
        db = open_store(Path(tmp) / "writer.db")
        half = len(items) // 2
        started = time.perf_counter()
        for raw, extraction, digest in items[:half]:
            save(db, raw, extraction, digest)
        middle = time.perf_counter()
        for raw, extraction, digest in items[half:]:
            save(db, raw, extraction, digest)
        ended = time.perf_counter()
        link_people(db.conn)
        linked = time.perf_counter()
        db.conn.close()
        bulk = open_store(Path(tmp) / "bulk.db")  # what writing in batches could give: the bulk loader
        loader = BulkLoader(bulk)
        bulk_started = time.perf_counter()
        for k in range(0, len(items), 64):
            loader.add(items[k : k + 64])
        loader.finish()
        bulk_seconds = time.perf_counter() - bulk_started
        bulk.conn.close()
        into_grown = _into(grown, items, Path(tmp)) if grown else None
    return {
        "grown": into_grown,
        "articles": len(items),
        "per_s": len(items) / (ended - started),
        "first_half_per_s": half / (middle - started),
        "second_half_per_s": (len(items) - half) / (ended - middle),
        "link_seconds": linked - ended,
        "bulk_per_s": len(items) / bulk_seconds,
    }


def _into(grown: Path, items: list, tmp: Path) -> dict:
    """``save`` of the items into a copy of the store ``grown``, then ``link_people``."""
    from store.db import open_store
    from store.identity import link_people
    from store.writer import save

    copy = tmp / "grown.db"
    shutil.copyfile(grown, copy)
    db = open_store(copy)
    size = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    started = time.perf_counter()
    for raw, extraction, digest in items:
        save(db, raw, extraction, digest)
    ended = time.perf_counter()
    link_people(db.conn)
    linked = time.perf_counter()
    db.conn.close()
    return {"size": size, "per_s": len(items) / (ended - started), "link_seconds": linked - ended}


def report(speeds: dict, writer: dict) -> list[str]:
    per, ratio = speeds["per_s"], speeds["ratios"]
    per_worker = per["cluster"] / WORKERS
    lines = [
        f"## {datetime.now().isoformat(timespec='minutes')} · {os.cpu_count()} cores · cluster extraction",
        "",
        f"{speeds['articles']:,} fixture-length articles per side, the sides taking turns over parts; ratios are "
        "the parts' medians. Raw is nlp.pipe(n_process=2) parse only; the ingest sides extract and write.",
        "",
        "| measure | figure | baseline | ratio |",
        "| --- | --- | --- | --- |",
        f"| ingest --cluster local:2 | {per['cluster']:.1f} articles/s | raw nlp.pipe(n_process=2) "
        f"{per['raw']:.1f} articles/s | {ratio['cluster/raw']:.2f}x |",
        f"| ingest --workers 2 | {per['workers']:.1f} articles/s | raw nlp.pipe(n_process=2) "
        f"{per['raw']:.1f} articles/s | {ratio['workers/raw']:.2f}x |",
        f"| ingest --cluster local:2 | {per['cluster']:.1f} articles/s | ingest --workers 2 "
        f"{per['workers']:.1f} articles/s | {ratio['cluster/workers']:.2f}x |",
        f"| cluster start-up (2 workers, model loaded) | {speeds['startup']:.1f} s | — | — |",
        f"| writer alone (save, one transaction per article) | {writer['per_s']:.0f} articles/s "
        f"({writer['articles']:,}) | extraction per worker {per_worker:.1f} articles/s | "
        f"{writer['per_s'] / per_worker:.0f}x |",
        f"| writer, second half beside first | {writer['second_half_per_s']:.0f} articles/s | "
        f"{writer['first_half_per_s']:.0f} articles/s | "
        f"{writer['second_half_per_s'] / writer['first_half_per_s']:.2f}x |",
        f"| link_people after the writes | {writer['link_seconds']:.2f} s | — | — |",
        f"| bulk loader (64 articles per transaction, indexes at the end) | {writer['bulk_per_s']:.0f} articles/s | "
        f"writer alone {writer['per_s']:.0f} articles/s | {writer['bulk_per_s'] / writer['per_s']:.1f}x |",
    ]
    if grown := writer["grown"]:
        lines += [
            f"| writer alone into a {grown['size']:,}-article store | {grown['per_s']:.0f} articles/s | "
            f"into a new store {writer['per_s']:.0f} articles/s | {grown['per_s'] / writer['per_s']:.2f}x |",
            f"| link_people after them, {grown['size']:,}-article store | {grown['link_seconds']:.2f} s | "
            f"new store {writer['link_seconds']:.2f} s | — |",
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=400, help="articles per side (default 400)")
    ap.add_argument("--rounds", type=int, default=4, help="parts the sides take turns over (default 4)")
    ap.add_argument("--writes", type=int, default=3000, help="articles for the writer's ceiling")
    ap.add_argument(
        "--grown", type=Path, metavar="DB", help="also write into a copy of this store (e.g. 100k)"
    )
    ap.add_argument("--no-record", action="store_true", help="print only, do not append to bench/results.md")
    args = ap.parse_args(argv)
    lines = report(extraction_speeds(args.articles, args.rounds), writer_ceiling(args.writes, args.grown))
    print("\n".join(lines))
    if not args.no_record:
        record(lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
