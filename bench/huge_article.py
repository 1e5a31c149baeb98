"""Hostile articles end to end: a 10 MB single-line article, a 10 MB "word" without a space, and an article of
10,000 quotes, through ingest, the store and the app, with time and peak memory reported.

    python -m bench.huge_article                 # all figures (the 10 MB ingest takes minutes on one core)
    python -m bench.huge_article --mb 1          # a smaller single-line article, same measurements
    python -m bench.huge_article --skip-ingest   # only the app figures, on synthetic stores (no spaCy)

Each ingest runs in a subprocess of its own so that its peak RSS (VmHWM) is that ingest's alone. The generators
here are shared with tests/test_huge_articles.py. Benchmarks never fail: they report.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import re
import subprocess
import sys
import time
from pathlib import Path

FIRST = "Meliza Ana Peter Goran Elira Nikola Miriam Ruud Mamadou Vesna Tomas Leila Jonas Irena Karim".split()
LAST = (
    "Haradinaj Petrović Stano Marković Berisha Levi Hoekstra Diouf Ilić Novak Kovač Demir Hadžić Rama".split()
)
PLACES = "Belgrade Pristina Sofia Skopje Tirana Zagreb Sarajevo Brussels Vienna Athens".split()
COUNTRIES = "Serbia Kosovo Bulgaria Albania Croatia Austria Greece Israel Turkey Germany".split()
ORGS = ["the European Union", "NATO", "the World Bank", "the United Nations", "the IMF"]
FILLER = (
    "the talks continued late into the evening without a clear result",
    "officials expected a decision on the new border crossings within weeks",
    "trade between the two sides has grown every year since the agreement",
    "the delegation visited a water plant and a school on the edge of town",
    "prices for heating and electricity rose sharply over the winter months",
)
QUOTES = (
    "We will not accept any plan that divides the region again",
    "This is a good day for everyone who believes in dialogue",
    "Nobody told us the deadline had moved",
    "We expect the first results before the summer",
)


def _sentence(rng: random.Random, people: list[str]) -> str:
    full = rng.choice(people)
    surname = full.split()[-1]
    pick = rng.randrange(7)
    if pick == 0:
        return f"{full} said in {rng.choice(PLACES)} that {rng.choice(FILLER)}."
    if pick == 1:
        return f"“{rng.choice(QUOTES)},” {surname} said."
    if pick == 2:
        return f"{rng.choice(COUNTRIES)} and {rng.choice(ORGS)} agreed that {rng.choice(FILLER)}."
    if pick == 3:
        return f"According to {surname}, {rng.choice(FILLER)}."
    if pick == 4:
        return f"{surname} told reporters: “{rng.choice(QUOTES)}.”"
    return rng.choice(FILLER).capitalize() + "."


def single_line_body(chars: int, seed: int = 7) -> str:
    """One paragraph of about ``chars`` characters and no line break: sentences with names, places and quotes."""
    rng = random.Random(seed)
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(40)]
    parts: list[str] = []
    size = 0
    while size < chars:
        s = _sentence(rng, people)
        parts.append(s)
        size += len(s) + 1
    return " ".join(parts)


def single_line_article(chars: int, seed: int = 7) -> str:
    """A plain-text article file: a title, a blank line, then the whole body on one line."""
    return f"The longest line ever filed\n\n{single_line_body(chars, seed)}\n"


def one_word_article(chars: int) -> str:
    """The pathological case: a body that is one "word" of ``chars`` characters, no space anywhere."""
    unit = "abcdefghij" * 9 + "Xy.Q“z”,-k"  # letters with punctuation and quote marks inside, never a space
    return "One word\n\n" + (unit * (chars // len(unit) + 1))[:chars] + "\n"


_HEADS = "Ko Va Mi Dra Le No Ra Be".split()
_TAILS = "vić lić rsen ndo rini naj rger kas".split()


def speakers(people: int = 50) -> list[str]:
    """Up to 64 people with surnames of their own ("Ana Valić")."""
    return [f"{FIRST[k % len(FIRST)]} {_HEADS[k % 8]}{_TAILS[k // 8 % 8]}" for k in range(min(people, 64))]


def many_quotes_article(quotes: int, people: int = 50) -> str:
    """``quotes`` short paragraphs ``"Quote n is here," said Person.``, one speaker after another: each named in
    full the first time, by surname after that."""
    names = speakers(people)
    lines = ["Ten thousand quotes", ""]
    for n in range(quotes):
        name = names[n % len(names)]
        lines.append(f'"Quote {n} is here," said {name if n < len(names) else name.split()[-1]}.')
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------------------------- stores without spaCy
_NAME = re.compile(r"(?:[A-Z]\w+ )?[A-Z]\w+")
_SURNAMES = set(LAST) | {h + t for h in _HEADS for t in _TAILS}
_NAMES = {f"{first} {last}" for first in FIRST for last in _SURNAMES} | _SURNAMES
_QUOTE = re.compile(r"[“\"]([^”\"\n]*)[”\"]")


def synthetic_extraction(text: str):
    """What extraction would find in a generated article, found by regular expressions instead of the model
    (people by the generator's names, places and countries by its lists, quotes by their marks, the speaker
    by the name after the closing mark): a store of a 10 MB article in seconds, for the app's tests."""
    from store.extract.entities import Mention
    from store.extract.pipeline import Extraction
    from store.extract.quotes import FoundQuote
    from store.extract.resolve import ArticleEntity

    entities: dict[tuple[str, str], ArticleEntity] = {}
    index: dict[tuple[str, str], int] = {}

    def add(kind: str, name: str, start: int, end: int) -> int:
        key = (kind, name)
        if key not in entities:
            index[key] = len(entities)
            entities[key] = ArticleEntity(kind=kind, name=name, aliases={name})
        entities[key].mentions.append(Mention(0, 0, start, end, kind))
        return index[key]

    places, countries = set(PLACES), set(COUNTRIES)
    owner: dict[str, str] = {}  # a surname → the last person named in full with it
    for m in _NAME.finditer(text):
        name = m.group()
        if name in _NAMES:
            if " " in name:
                owner[name.split()[-1]] = name
            add("person", owner.get(name, name), m.start(), m.end())
        elif name in places or name in countries:
            add("country" if name in countries else "place", name, m.start(), m.end())
    quotes = []
    for m in _QUOTE.finditer(text):
        after = _NAME.match(text, m.end() + 6) if text.startswith(" said ", m.end()) else None
        speaker = index.get(("person", owner.get(after.group(), after.group()))) if after else None
        quotes.append(FoundQuote(m.start(1), m.end(1), "direct", speaker=speaker))
    return Extraction(list(entities.values()), quotes)


def synthetic_store(path: Path, articles: dict[str, str]) -> dict[str, int]:
    """A store of these plain-text articles (name → file text) written through the real writer, with
    ``synthetic_extraction``; returns each article's id."""
    from store.db import open_store
    from store.readers import read_bytes
    from store.writer import save

    db = open_store(path)
    ids = {}
    for name, article in articles.items():
        raw = next(read_bytes(article.encode("utf-8"), f"{name}.txt", "text"))
        ids[name] = save(db, raw, synthetic_extraction(raw.text))
    db.conn.close()
    return ids


# ------------------------------------------------------------------------------------------------- measuring
_CHILD = """
import json, sys, time
started = time.perf_counter()
from store.db import open_store
from store.ingest import ingest
db = open_store(sys.argv[1])
report = ingest(db, [sys.argv[2]])
seconds = time.perf_counter() - started
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"seconds": round(seconds, 1), "peak_rss_mb": round(hwm / 1024), "added": report.added,
                  "failures": [f.reason for f in report.failures]}))
"""


def measure_ingest(article: str, name: str, workdir: Path) -> dict:
    """Ingest one article file into a fresh store in a subprocess; its time, peak RSS and what it stored."""
    path = workdir / f"{name}.txt"
    path.write_text(article, encoding="utf-8")
    db = workdir / f"{name}.db"
    db.unlink(missing_ok=True)
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(db), str(path)], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1:] or ["?"]}
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["db"] = str(db)
    return figures


def stored_counts(db: str) -> dict:
    """Entities, mentions and quotes of the (only) article of a store."""
    import sqlite3

    conn = sqlite3.connect(db)
    row = conn.execute("SELECT id, length(text) FROM articles").fetchone()
    if row is None:
        return {}
    q = "SELECT count(*) FROM {} WHERE article_id = ?"
    return {
        "chars": row[1],
        "entities": conn.execute(q.format("article_entities"), (row[0],)).fetchone()[0],
        "mentions": conn.execute(q.format("mentions"), (row[0],)).fetchone()[0],
        "quotes": conn.execute(q.format("quotes"), (row[0],)).fetchone()[0],
    }


async def _key_latency(app, body, key: str) -> float:
    """Seconds from a key reaching the app (as from the terminal, without Pilot's wait for an idle process)
    to the body's scroll position changing; 10 s at most."""
    from textual import events

    before = body.scroll_offset.y
    started = time.perf_counter()
    app._driver.send_message(events.Key(key, None))
    while body.scroll_offset.y == before and time.perf_counter() - started < 10:
        await asyncio.sleep(0.001)
    return time.perf_counter() - started


async def app_figures(db: str, article_id: int | None = None, presses: int = 20) -> dict:
    """Open an article (the first one) of a store in the app: time to the body's first lines on screen and to
    its whole layout, key latency (down/up in the body) while the layout worker runs and after, and the time of
    ``]`` and of the quote pane's ``down`` and ``end`` through Pilot (which waits for the screen to settle)."""
    from statistics import median

    from store.queries import Store
    from tui.app import NewsdeskApp
    from tui.history import Location
    from tui.widgets.article_body import ArticleBody
    from tui.widgets.quote_pane import QuotePane

    app = NewsdeskApp(Store.open(db))
    out: dict = {}
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        article_id = article_id or app.store.articles(1)[0].id
        started = time.perf_counter()
        app.navigate(Location("article", article_id))
        while not app.main.query(ArticleBody):  # the reader is built when the first article opens
            await asyncio.sleep(0.002)
        body = app.main.query_one(ArticleBody)
        while body.article is None or body.article.title not in body.render_line(1).text:
            await asyncio.sleep(0.002)
        out["first_lines_s"] = round(time.perf_counter() - started, 3)
        during = []
        while body.laying_out:  # a key every 30 ms, as a held key repeats
            during.append(await _key_latency(app, body, "down" if len(during) % 2 == 0 else "up"))
            await asyncio.sleep(0.03)
        out["whole_layout_s"] = round(time.perf_counter() - started, 3)
        if during:
            ms = sorted(x * 1000 for x in during)
            out["keys_while_laying_out"] = len(ms)
            out["key_ms_while_laying_out"] = {"median": round(median(ms), 1), "max": round(ms[-1], 1)}
        await app.workers.wait_for_complete()
        await pilot.pause()
        after = []
        for k in range(20):
            after.append(1000 * await _key_latency(app, body, "down" if k % 2 == 0 else "up"))
        after.sort()
        out["key_ms_after"] = {"median": round(median(after), 1), "max": round(after[-1], 1)}
        out["lines"] = body.virtual_size.height
        out["linked_items"] = len(body.items)
        await pilot.press("home")
        t = time.perf_counter()
        for _ in range(presses):
            await pilot.press("right_square_bracket")
        out["step_ms_pilot"] = round((time.perf_counter() - t) / presses * 1000, 1)
        pane = app.main.query_one(QuotePane)
        out["quotes"] = len(pane.quotes)
        pane.focus()
        await pilot.pause()
        t = time.perf_counter()
        for _ in range(presses):
            await pilot.press("down")
        out["quote_down_ms_pilot"] = round((time.perf_counter() - t) / presses * 1000, 1)
        t = time.perf_counter()
        await pilot.press("end")
        out["quote_end_ms_pilot"] = round((time.perf_counter() - t) * 1000, 1)
        out["quote_entries_drawn"] = pane.built
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size of the single-line article (MB)")
    parser.add_argument("--quotes", type=int, default=10_000)
    parser.add_argument("--skip-ingest", action="store_true", help="app figures on synthetic stores only")
    parser.add_argument("--workdir", default="/tmp/newsdesk-huge")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    chars = int(args.mb * 1_000_000)
    cases = {
        "single_line": single_line_article(chars),
        "one_word": one_word_article(chars),
        "many_quotes": many_quotes_article(args.quotes),
    }
    for name, article in cases.items():
        print(f"{name}: {len(article):,} chars, {len(article.split()):,} words", flush=True)
        if args.skip_ingest:
            db = workdir / f"{name}-synthetic.db"
            db.unlink(missing_ok=True)
            started = time.perf_counter()
            synthetic_store(db, {name: article})
            print(f"  synthetic store: {time.perf_counter() - started:.1f} s", flush=True)
        else:
            figures = measure_ingest(article, name, workdir)
            print(f"  ingest: {json.dumps({k: v for k, v in figures.items() if k != 'db'})}", flush=True)
            if "db" not in figures:
                continue
            db = Path(figures["db"])
        print(f"  stored: {json.dumps(stored_counts(str(db)))}", flush=True)
        print(f"  app: {json.dumps(asyncio.run(app_figures(str(db))))}", flush=True)


if __name__ == "__main__":
    main()
