"""Ingest speed: `newsdesk ingest` on the fixture articles repeated to ~N, beside raw ``nlp.pipe`` of the same
model on the same texts, in the same run.

    python -m bench.ingest_speed --articles 2000 --workers 1,2

Each copy gets a line of its own so the store does not take it for a duplicate. Neither side includes loading the
model; the two take turns over eight parts of the corpus, each going first in every other part. The raw side with
``--workers 2`` is ``nlp.pipe(n_process=2)``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_corpus(folder: Path, articles: int, first: int = 0) -> list[str]:
    """Write ``articles`` copies of the fixture articles (numbered from ``first``) as JSON Lines into ``folder``;
    return their texts."""
    from store.readers import RawArticle, read_path

    originals = [
        item
        for path in sorted((ROOT / "fixtures" / "articles").iterdir())
        for item in read_path(path)
        if isinstance(item, RawArticle)
    ]
    texts = []
    with open(folder / "copies.jsonl", "w", encoding="utf-8") as out:
        for n in range(first, first + articles):
            raw = originals[n % len(originals)]
            text = f"{raw.text}\n\nCopy {n} of this article, for the benchmark."
            record = {"title": raw.title, "text": text, "source": raw.source, "published": raw.published}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            texts.append(text)
    return texts


def _raw(nlp, texts: list[str], workers: int) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=workers):
        pass
    return time.perf_counter() - started


def _ingest(folder: Path, db_path: Path, workers: int) -> tuple[float, int]:
    from store.db import open_store
    from store.ingest import ingest

    started = time.perf_counter()
    report = ingest(open_store(db_path), [str(folder)], workers=workers)
    return time.perf_counter() - started, report.added


def measure(articles: int, workers: list[int], rounds: int = 8) -> list[dict]:
    """One row per worker count: articles/s and words/s of ingest and of raw nlp.pipe, and their ratio.

    The two take turns over ``rounds`` parts of the corpus, each first in every other part, and the ratio is the
    median of the parts'. This machine's speed drifts in spells: on one run of eight parts of 60 articles, the
    same code's ratio went from 0.68 to 1.02 from one part to the next. Both models are loaded before any
    timing."""
    import spacy

    from store.extract.nlp import load, model_name

    raw_nlp = spacy.load(model_name())
    load()  # the pipeline ingest uses, loaded once per process
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        per_round = max(1, articles // rounds)
        for r in range(rounds):
            folder = Path(tmp) / f"in-{r}"
            folder.mkdir()
            parts.append((folder, write_corpus(folder, per_round, first=r * per_round)))
        words = sum(len(t.split()) for _, texts in parts for t in texts)
        count = sum(len(texts) for _, texts in parts)
        for w in workers:
            raw_seconds = ingest_seconds = 0.0
            added = 0
            ratios = []
            for n, (folder, texts) in enumerate(parts):
                if n % 2:
                    seconds, part_added = _ingest(folder, Path(tmp) / f"store-{w}.db", w)
                    raw_part = _raw(raw_nlp, texts, w)
                else:
                    raw_part = _raw(raw_nlp, texts, w)
                    seconds, part_added = _ingest(folder, Path(tmp) / f"store-{w}.db", w)
                ratios.append(raw_part / seconds)
                raw_seconds += raw_part
                ingest_seconds += seconds
                added += part_added
            rows.append(
                {
                    "workers": w,
                    "articles": added,
                    "words": words,
                    "ingest_articles_per_s": added / ingest_seconds,
                    "ingest_words_per_s": words / ingest_seconds,
                    "raw_articles_per_s": count / raw_seconds,
                    "raw_words_per_s": words / raw_seconds,
                    "ratio": statistics.median(ratios),
                }
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args(argv)
    for row in measure(args.articles, [int(w) for w in args.workers.split(",")]):
        print(json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
