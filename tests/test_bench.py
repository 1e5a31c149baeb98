"""A small run of the synthetic corpus generator, so the benchmark's store cannot rot."""

from __future__ import annotations

import sqlite3

import pytest

from bench.make_corpus import Corpus, build
from store.pairs import register
from store.queries import Store
from store.query_syntax import parse


def test_a_synthetic_store_has_the_promised_shape_and_answers_queries(tmp_path):
    path = tmp_path / "synthetic.db"
    figures = build(path, 300, progress=False)
    assert figures["articles"] == 300 and figures["bytes_per_article"] > 0
    store = Store.open(path)
    assert store.article_count() == 300
    top = Corpus(300).people[0]
    (person,) = [e for e in store.find_entities(top, kind="person") if e.name == top]
    # the most mentioned person is in about a third of all articles
    assert 60 <= person.article_count <= 140
    assert len(store.entity_articles(person.id, limit=1000)) == person.article_count
    assert len(store.search(f'person:"{top}"', limit=1000)) == person.article_count
    # counts kept on entities agree with the rows they summarise
    conn = sqlite3.connect(path)
    wrong = conn.execute(
        "SELECT count(*) FROM entities e WHERE article_count != "
        "(SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) OR mention_count != "
        "(SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)"
    ).fetchone()[0]
    assert wrong == 0
    dates = [a.published for a in store.articles(300)]
    assert dates == sorted(dates, reverse=True) and dates[0][:4] != dates[-1][:4]
    quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert 2 * 300 <= quotes <= 4.5 * 300  # a few quotes an article, as in wire copy
    # English words as often as English uses them: "the" in every article, thousands of words in a few
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, articles_fts, row)")
    docs = dict(conn.execute("SELECT term, doc FROM temp.vocab"))
    assert len(docs) > 10_000 and docs["the"] == 300 and 0 < docs.get("government", 0) < 150
    sentences = [len(s.split()) for (t,) in conn.execute("SELECT text FROM articles") for s in t.split(". ")]
    assert 15 <= sorted(sentences)[len(sentences) // 2] <= 30  # wire copy's sentences, ~22 words
    article = store.article(store.articles(1)[0].id)
    for m in store.mentions(article.id):
        assert article.text[m.start : m.end]  # offsets land inside the text


def test_the_benchmark_suite_runs_end_to_end():
    """A smoke run (100 articles, 3 repeats): every measure prints a row. Timings are not judged here."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    for measure in (
        "start-up to first screen",
        "peak memory",
        "search person:",
        "search combined",
        "list filter combined top 200 rows",
        "scroll the list",
        "next linked item",
        "entity page of the top person",
        "ingest, --workers 1",
        "a word in 2.50% of articles",
        "rare phrase of common words, with a person and dates",
    ):
        assert measure in done.stdout, measure


async def test_navigation_timing_stops_at_the_refresh_and_names_a_move_that_never_shows():
    """The navigation bench's clock: a key delivered without Pilot's idle waits, stopped once the condition
    holds and the screen has refreshed; a condition never met fails within its timeout, naming the move."""
    from functools import partial

    from textual.app import App
    from textual.widgets import Static

    from bench.__main__ import _timed

    class Counter(App):
        BINDINGS = [("x", "bump", "Bump")]
        presses = 0

        def compose(self):
            yield Static("0")

        def action_bump(self) -> None:
            self.presses += 1
            self.query_one(Static).update(str(self.presses))

    app = Counter()
    async with app.run_test():
        seconds = await _timed(app, "bump", partial(app.simulate_key, "x"), lambda: app.presses == 1)
        assert 0 < seconds < 2
        with pytest.raises(TimeoutError, match="bench move 'never shown'"):
            await _timed(app, "never shown", partial(app.simulate_key, "x"), lambda: False, timeout=0.2)
        assert app.presses == 2  # its key was delivered: only the condition failed


def test_common_words_are_found_by_walking_the_newest_articles(tmp_path, monkeypatch):
    """On a store where a word is in nearly every article, search walks the date index and tests each article;
    it must find exactly what collecting every match and sorting would."""
    from store import queries

    from .test_search import _reference

    # walk wherever a word is common (on a store this small, collecting is the cheaper plan)
    monkeypatch.setattr(queries, "_SEEK_VS_READ", 0.01)
    path = tmp_path / "synthetic.db"
    build(path, 300, progress=False)
    # the word next to what the text-first test cannot vouch for (an accent, a letter of another script), in
    # capitals, after an underscore, and gone: same lengths, so every offset stays true
    conn = sqlite3.connect(path)
    register(conn)  # the pair index's triggers call newsdesk's function
    forms = (" thé", " THE", " thz", " thſ", "日the", "éthe", "_the")
    for n, form in enumerate(forms):
        conn.execute(
            "UPDATE articles SET text = replace(text, ' the ', ? || ' ') WHERE id % 25 = ?", (form, n)
        )
    conn.commit()
    conn.close()
    store = Store.open(path)
    top = Corpus(300).people[0]
    for query in (
        "the",
        '"of the"',
        "the and",
        "the after:2019-01-01",
        f'the person:"{top}"',
    ):
        assert [h.article.id for h in store.search(query, limit=100)] == _reference(store, query)[:100], query
    assert store._common_words(parse("the"))  # the walk is what ran
