"""Write a synthetic store of N articles straight through the store API (no NLP), for the benchmarks.

    python -m bench.make_corpus --articles 1000000 --db /tmp/million.db

Deterministic for a given --seed. Shape, like wire copy: 8 to 18 short paragraphs of one or two ~22-word
sentences (about 560 words), English words drawn as often as English uses them (Zipf's law, from the 60,000-word
frequency list in words_en.txt, wordfreq's data: "the" in every article, most words in a few), so a store of
100,000 holds 50,000+ distinct words; Zipf-distributed people, countries, organisations and places (the most
mentioned person is in a third of all articles, surnames shared by many people, a long tail appears once); a
quote in about one paragraph in four (~3 an article); dates over ten years; several sources. Articles are
written in batches of one transaction, and the indexes and full-text indexes built once at the end.
"""

from __future__ import annotations

import argparse
import bisect
import functools
import gc
import itertools
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import NamedTuple

import numpy as np

from store.bulk import BulkLoader
from store.countries import country_name
from store.db import open_store
from store.extract.quotes import FoundQuote
from store.extract.resolve import ArticleEntity
from store.models import Block
from store.readers import RawArticle
from store.writer import content_hash

FIRST = (
    "Ana Marko Elena Jonas Sara Omar Lena Ivan Mira Tomas Nadia Pavel Clara Yusuf Aisha Diego Hana Luca Irina "
    "Kofi Maya Sven Zora Emil Nina Rafael Leila Oskar Vera Amir"
).split()
LAST = (
    "Petrović Berisha Albrecht Okafor Ruiz Demir Horváth Kovač Novak Haddad Larsen Moreau Tanaka Silva Weber "
    "Nowak Costa Ivanova Mensah Fischer Rossi Dubois Jensen Nakamura Santos Kaya Yilmaz Popescu Varga Lindqvist"
).split()
ROLES = (
    "foreign minister",
    "spokesman",
    "spokeswoman",
    "prime minister",
    "president",
    "envoy",
    "mayor",
    "analyst",
    "ambassador",
    "economy minister",
)
ORG_WORDS = ("Institute", "Bank", "Council", "Agency", "Union", "Foundation", "Group", "Commission")
PLACES = ("Harbour", "Valley", "Square", "Bridge", "District", "Port", "Hills", "Bay")
SOURCES = (
    "Adriatic Times",
    "Levant Ledger",
    "Danube Wire",
    "Northern Post",
    "Global Desk Wire",
    "Baltic Herald",
    "Sahel Standard",
    "Pacific Courier",
)
FILLER = (
    "the talks continued into the evening as officials weighed the costs of a new agreement on trade energy "
    "and security while markets watched for signs of progress and critics warned of delays in a region "
    "where budgets are tight and winters are long and the public mood has shifted"
).split()


WORDS = Path(__file__).with_name("words_en.txt")  # English words by frequency (wordfreq's data; see its head)


@functools.cache
def _word_table() -> tuple[tuple[str, ...], np.ndarray]:
    """The words of WORDS and their cumulative share of running text: drawing a uniform number and finding it
    in the shares draws words as often as English uses them (Zipf's law, as measured)."""
    words: list[str] = []
    weights: list[float] = []
    with WORDS.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            centibels, _, found = line.rstrip("\n").partition("\t")
            for word in found.split():
                words.append(word)
                weights.append(10 ** (-int(centibels) / 100))
    cumulative = np.cumsum(weights)
    return tuple(words), cumulative / cumulative[-1]


def _zipf_sampler(n: int, s: float, uniform: Callable[[], float]) -> Callable[[], int]:
    weights = [1 / (k + 1) ** s for k in range(n)]
    total = sum(weights)
    cumulative = list(itertools.accumulate(w / total for w in weights))
    return lambda: min(n - 1, bisect.bisect_left(cumulative, uniform()))


class Corpus:
    """Deterministic articles: text with known mention and quote offsets."""

    def __init__(self, n: int, seed: int = 7):
        self.seed = seed
        self.rng = random.Random(seed)
        rng = self.rng
        self.people = [
            f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
            + (f"-{i // (len(FIRST) * len(LAST))}" if i >= len(FIRST) * len(LAST) else "")
            for i in range(max(200, n // 4))
        ]
        self.roles = [rng.choice(ROLES) for _ in self.people]
        self.countries = [
            c
            for c in (
                "US",
                "GB",
                "FR",
                "DE",
                "RS",
                "XK",
                "IL",
                "TR",
                "UA",
                "RU",
                "CN",
                "JP",
                "IN",
                "BR",
                "ZA",
                "NG",
                "EG",
                "IT",
                "ES",
                "PL",
                "GR",
                "HU",
                "RO",
                "BG",
                "HR",
                "BA",
                "MK",
                "AL",
                "ME",
                "SI",
                "AT",
                "CH",
                "SE",
                "NO",
                "FI",
                "DK",
                "NL",
                "BE",
                "PT",
            )
        ]
        self.orgs = [
            f"{LAST[i % len(LAST)]} {ORG_WORDS[i % len(ORG_WORDS)]}" + (f" {i}" if i >= 240 else "")
            for i in range(max(50, n // 20))
        ]
        self.places = [
            f"{LAST[i % len(LAST)]} {PLACES[i % len(PLACES)]}" + (f" {i}" if i >= 240 else "")
            for i in range(max(50, n // 20))
        ]
        self.country_names = {code: country_name(code) for code in self.countries}
        self.person = _zipf_sampler(len(self.people) - 1, 1.1, self._uniform)
        self.country = _zipf_sampler(len(self.countries), 1.0, self._uniform)
        self.org = _zipf_sampler(len(self.orgs), 1.1, self._uniform)
        self.place = _zipf_sampler(len(self.places), 1.1, self._uniform)
        self.words, self.shares = _word_table()
        self.start = date(2015, 1, 1)

    def _uniform(self) -> float:
        return self.rng.random()

    def _sentences(self, k: int, count: int) -> Iterator[str]:
        """``count`` sentences of words drawn as often as English uses them, as long as wire copy's (about 22
        words, most between 10 and 35), for article ``k`` (the same for a given seed)."""
        rng = self.rng
        lengths = [max(5, min(50, round(rng.gauss(22, 8)))) for _ in range(count)]
        draws = np.random.default_rng(self.seed * 1_000_000_007 + k).random(sum(lengths))
        words = self.words
        picked = [words[i] for i in np.searchsorted(self.shares, draws).tolist()]
        at = 0
        for length in lengths:
            sentence = " ".join(picked[at : at + length])
            at += length
            yield sentence[:1].upper() + sentence[1:]

    def article(
        self, k: int, paragraphs: int | None = None
    ) -> tuple[RawArticle, list[ArticleEntity], list[FoundQuote]]:
        """Article ``k``: the same for a given seed whatever else was generated, so batches can run in parallel.

        Laid out like wire copy: 8 to 18 short paragraphs (``paragraphs`` when given), each naming a person and
        one other entity and adding one or two sentences of English words drawn by their frequency (Zipf's law);
        a quote in about one paragraph in four."""
        rng = self.rng
        rng.seed(self.seed * 1_000_000_007 + k)
        if paragraphs is None:
            paragraphs = rng.randint(8, 18)
        extra = [rng.choice((1, 1, 2)) for _ in range(paragraphs)]
        quoted = [rng.random() < 0.25 for _ in range(paragraphs)]
        sentences = self._sentences(k, sum(extra) + sum(quoted) + 2)
        parts: list[str] = []
        pos = 0
        entities: dict[tuple[str, str], ArticleEntity] = {}

        def put(text: str) -> tuple[int, int]:
            nonlocal pos
            parts.append(text)
            span = (pos, pos + len(text))
            pos += len(text)
            return span

        order: dict[tuple[str, str], int] = {}

        def mention(kind: str, name: str, code: str | None = None, role: str | None = None) -> int:
            start, end = put(name)
            ent = entities.get((kind, name))
            if ent is None:
                ent = entities[(kind, name)] = ArticleEntity(kind=kind, name=name, code=code, role=role)
                ent.aliases.add(name)
                order[(kind, name)] = len(order)
            ent.mentions.append(_Span(start, end))
            return order[(kind, name)]

        cast = [0] if rng.random() < 1 / 3 else []
        cast += [1 + self.person() for _ in range(3)]  # the rest of the cast: Zipf over everyone else
        topic = next(sentences).lower().split()
        title = f"{self.people[cast[0]]} meets officials over {' '.join(topic[:2])} (#{k})"
        put(title)
        put("\n\n")
        quotes: list[FoundQuote] = []
        for p in range(paragraphs):  # each names a person and one other entity
            if p:
                put("\n")
            who = cast[p % len(cast)]
            mention("person", self.people[who], role=self.roles[who])
            other = p % 3
            if other == 0:
                put(f" met {self.roles[who]}s from ")
                code = self.countries[self.country()]
                mention("country", self.country_names[code], code=code)
            elif other == 1:
                put(" spoke for the ")
                mention("organization", self.orgs[self.org()])
            else:
                put(" arrived in ")
                mention("place", self.places[self.place()])
            put(". " + ". ".join(next(sentences) for _ in range(extra[p])) + ".")
            if quoted[p]:
                put(' "')
                q_start, q_end = put(next(sentences) + ",")
                put('" said ')
                speaker = mention("person", self.people[who], role=self.roles[who])
                quotes.append(
                    FoundQuote(q_start, q_end, "direct", cue=(q_end + 2, q_end + 6), speaker=speaker)
                )
                put(".")
        text = "".join(parts)
        published = (self.start + timedelta(days=rng.randrange(3652))).isoformat()
        paragraphs = [Block("paragraph", s, s + len(line)) for s, line in _lines(text) if s > len(title)]
        blocks = (Block("title", 0, len(title)), *paragraphs)
        raw = RawArticle(
            origin=f"synthetic:{k}",
            text=text,
            title=title,
            source=SOURCES[rng.randrange(8)],
            published=published,
            blocks=blocks,
        )
        return raw, list(entities.values()), quotes


class _Span(NamedTuple):
    """The part of a mention the writer reads: offsets (and a token span the writer never uses).

    A tuple, because batches cross process boundaries and tuples pickle cheaply."""

    start: int
    end: int
    i: int = 0
    j: int = 0


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        if line:
            yield start, line
        start += len(line) + 1


class _Extraction:
    def __init__(self, entities, quotes):
        self.entities, self.quotes = entities, quotes


_corpus: Corpus | None = None  # one per generating process


def _start_generator(n: int, seed: int) -> None:
    global _corpus
    _corpus = Corpus(n, seed)
    gc.disable()  # nothing here makes cycles; collections over the corpus's objects cost more than generating


def _generate(bounds: tuple[int, int]) -> list:
    assert _corpus is not None
    items = []
    for k in range(*bounds):
        raw, entities, quotes = _corpus.article(k)
        items.append((raw, _Extraction(entities, quotes), content_hash(raw)))
    return items


def _batches(n: int, seed: int, batch: int) -> Iterator[list]:
    """Batches of articles in order, generated by the spare cores while this one writes."""
    bounds = [(start, min(n, start + batch)) for start in range(0, n, batch)]
    spare = (os.cpu_count() or 1) - 1
    if spare < 1 or n <= batch:
        _start_generator(n, seed)
        yield from map(_generate, bounds)
        return
    with get_context("spawn").Pool(spare, _start_generator, (n, seed)) as pool:
        yield from pool.imap(_generate, bounds)


def build(path: Path, n: int, seed: int = 7, batch: int = 500, progress=True) -> dict:
    """Write ``n`` synthetic articles into a new store at ``path``; return size and timing figures.

    The store is built beside ``path`` and renamed into place when complete, so an interrupted build leaves
    nothing that looks like a store.
    """
    if path.exists():
        raise SystemExit(f"{path} exists; pick a new path")
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    db = open_store(partial)
    db.execute("PRAGMA synchronous = OFF")
    loader = BulkLoader(db)
    started = time.perf_counter()
    done = 0
    collecting = gc.isenabled()
    gc.disable()  # the loader's maps hold millions of objects; collecting over them would dominate
    try:
        for items in _batches(n, seed, batch):
            loader.add(items)
            done += len(items)
            if progress and (done % 10_000 == 0 or done == n):
                rate = done / (time.perf_counter() - started)
                print(f"{done:,} articles, {rate:,.0f}/s", file=sys.stderr)
    finally:
        if collecting:
            gc.enable()
    loaded = time.perf_counter()
    if progress:
        print("building indexes and full-text indexes …", file=sys.stderr)
    loader.finish()
    db.execute("PRAGMA optimize")
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    partial.rename(path)
    seconds = time.perf_counter() - started
    size = path.stat().st_size
    return {
        "articles": n,
        "seconds": seconds,
        "index_seconds": seconds - (loaded - started),
        "bytes": size,
        "bytes_per_article": size / n,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    figures = build(args.db, args.articles, args.seed)
    print(
        f"{figures['articles']:,} articles in {figures['seconds']:.0f}s "
        f"({figures['articles'] / figures['seconds']:,.0f}/s, of which {figures['index_seconds']:.0f}s indexing); "
        f"{figures['bytes'] / 1e6:,.0f} MB, "
        f"{figures['bytes_per_article']:,.0f} bytes per article → {args.db}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
