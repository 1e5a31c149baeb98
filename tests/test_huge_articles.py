"""Hostile articles: a body far longer than the parser is given at once (one line, or one "word" with no space),
and one with 10,000 quotes, through extraction, the store and the app.

The spaCy model is too slow for a 10 MB text in a test (some 10 minutes on one core): extraction is tested on
texts a few pieces long with the piece size made small, and ``python -m bench.huge_article`` measures the 10 MB
ingest. The app is tested on a store written by the real writer from a regex extraction (no model), with a
1 MB single-line article (five times the size the body lays out on the spot) and the 10,000-quote article.
"""

from __future__ import annotations

import threading
from itertools import pairwise

import pytest

from bench.huge_article import (
    FILLER,
    many_quotes_article,
    one_word_article,
    single_line_article,
    single_line_body,
    speakers,
    synthetic_store,
)
from store.queries import Store
from store.readers import RawArticle, read_bytes
from tui.app import NewsdeskApp
from tui.history import Location
from tui.widgets import article_body
from tui.widgets.article_body import HEAD_LINES, ArticleBody
from tui.widgets.entity_pane import EntityPane
from tui.widgets.quote_pane import QuotePane

from .test_app import settle

PIECE = 1_500  # the piece size the extraction tests parse with


def raw_of(text: str, name: str = "huge.txt") -> RawArticle:
    item = next(iter(read_bytes(text.encode("utf-8"), name, "text")))
    assert isinstance(item, RawArticle), item
    return item


# ------------------------------------------------------------------------------------------------ pieces
@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("sentences", single_line_body(40_000)),
        ("paragraphs", many_quotes_article(1_000)),
        ("one word", one_word_article(40_000)),
    ],
)
def test_pieces_cover_the_text_and_end_between_words(kind, text):
    from store.extract.nlp import chunk_bounds

    bounds = chunk_bounds(text, 5_000)
    assert len(bounds) > 5
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(bounds))  # no gap, no overlap
    assert all(0 < e - s <= 5_000 for s, e in bounds)
    cuts = [e for _, e in bounds[:-1]]
    if kind == "sentences":  # after a sentence's end and the space that follows it
        assert all(text[c - 1] == " " and text[c - 2] in ".”" for c in cuts)
    elif kind == "paragraphs":
        assert all(text[c - 1] == "\n" for c in cuts)
    else:  # no whitespace anywhere: cut at the limit
        assert cuts == [5_000 * (k + 1) for k in range(len(cuts))]


@pytest.fixture()
def small_pieces(monkeypatch):
    """Parse anything longer than ``PIECE`` in pieces, and record the length of every piece parsed."""
    from store.extract import nlp as loader

    monkeypatch.setattr(loader, "CHUNK_CHARS", PIECE)
    parsed: list[int] = []
    compact = loader.compact

    def recording(doc):
        parsed.append(len(doc.text))
        return compact(doc)

    monkeypatch.setattr(loader, "compact", recording)
    return parsed


def test_a_long_line_is_parsed_in_pieces_and_read_as_one_article(small_pieces):
    from store.extract import nlp as loader
    from store.extract.pipeline import extract_one

    filler = " ".join(FILLER[k % len(FILLER)].capitalize() + "." for k in range(80))  # nobody named
    text = (
        "Embassy plans\n\nMeliza Haradinaj, Kosovo's foreign minister, arrived in Sofia on Monday. "
        f"{filler} “We will open the embassy in March,” Haradinaj said.\n"
    )
    raw = raw_of(text)
    nlp = loader.load()
    doc = loader.parse(nlp, raw.text)
    assert len(small_pieces) >= 4 and max(small_pieces) <= PIECE
    assert doc.text == raw.text  # one Doc of the whole text, offsets true
    # every piece's named entities are the joined Doc's, shifted to where the piece starts
    expected = []
    for start, end in loader.chunk_bounds(raw.text):
        piece = nlp(raw.text[start:end])
        expected += [(e.start_char + start, e.end_char + start, e.label_) for e in piece.ents]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == expected

    extraction = extract_one(raw)
    people = [e for e in extraction.entities if e.kind == "person"]
    assert [e.name for e in people] == ["Meliza Haradinaj"]  # the surname of the last piece: the same person
    minister = people[0]
    assert minister.role == "Kosovo's foreign minister"
    last_piece = loader.chunk_bounds(raw.text)[-1][0]
    assert any(m.start >= last_piece and text[m.start : m.end] == "Haradinaj" for m in minister.mentions)
    quote = extraction.quotes[-1]
    assert text[quote.start : quote.end] == "We will open the embassy in March,"
    assert extraction.entities[quote.speaker].name == "Meliza Haradinaj"


def test_a_body_without_a_single_space_is_cut_at_the_limit_and_extracted(small_pieces):
    from store.extract.pipeline import extract_one, to_json

    raw = raw_of(one_word_article(6_000))
    record = to_json(raw, extract_one(raw))
    assert len(small_pieces) == 5 and max(small_pieces) <= PIECE
    assert record["text"] == raw.text
    assert all(
        record["text"][m["start"] : m["end"]] == m["text"] for e in record["entities"] for m in e["mentions"]
    )


def test_every_one_of_many_quotes_is_found_with_its_speaker_across_pieces(small_pieces):
    from store.extract.pipeline import extract_one

    count = 200
    raw = raw_of(many_quotes_article(count))
    extraction = extract_one(raw)
    assert len(small_pieces) >= 4
    names = speakers()
    found = [(raw.text[q.start : q.end], extraction.entities[q.speaker].name) for q in extraction.quotes]
    assert found == [(f"Quote {n} is here,", names[n % len(names)]) for n in range(count)]


# ------------------------------------------------------------------------------------------------ the app
@pytest.fixture(scope="module")
def huge_store(tmp_path_factory):
    """A store with a 1 MB single-line article and a 10,000-quote article (ids by name)."""
    path = tmp_path_factory.mktemp("huge") / "huge.db"
    ids = synthetic_store(
        path, {"line": single_line_article(1_000_000), "quotes": many_quotes_article(10_000)}
    )
    return path, ids


def shown(body: ArticleBody) -> str:
    return "\n".join(body.render_line(y).text for y in range(body.scrollable_content_region.height))


async def until(pilot, ready, tries: int = 400) -> None:
    for _ in range(tries):
        if ready():
            return
        await pilot.pause(0.05)
    raise AssertionError("never happened")


async def test_a_huge_article_shows_its_start_at_once_and_answers_keys_while_it_is_laid_out(
    huge_store, monkeypatch
):
    path, ids = huge_store
    # hold the worker that lays the whole article out, to look at the app while it is at work
    started, release = threading.Event(), threading.Event()
    lay_out = article_body.lay_out

    def held(article, width, limit=None, **kw):
        if limit is None:
            started.set()
            release.wait(60)
        return lay_out(article, width, limit, **kw)

    monkeypatch.setattr(article_body, "lay_out", held)
    app = NewsdeskApp(Store.open(path))
    try:
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(pilot)
            app.navigate(Location("article", ids["line"]))
            body = app.main.query_one(ArticleBody)
            await until(pilot, started.is_set)
            await pilot.pause()
            assert body.laying_out
            opening = " ".join(body.article.text.split("\n")[2].split()[:5])
            assert opening in " ".join(shown(body).split())  # the start shows meanwhile
            await pilot.press("down", "down")
            assert body.scroll_offset.y == 2  # and keys are answered
            release.set()
            await settle(pilot)
            assert not body.laying_out
            assert body.virtual_size.height > 20 * HEAD_LINES  # the whole article is laid out now
            assert body.scroll_offset.y == 2  # where the user scrolled meanwhile
            await pilot.press("right_square_bracket")
            first = body.current
            assert first is not None
            await pilot.press("right_square_bracket")
            assert body.current.start > first.start
    finally:
        release.set()


async def test_ten_thousand_quotes_walk_with_only_the_quotes_on_screen_drawn(huge_store):
    path, ids = huge_store
    app = NewsdeskApp(Store.open(path))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        app.navigate(Location("article", ids["quotes"]))
        await settle(pilot)
        body = app.main.query_one(ArticleBody)
        pane = app.main.query_one(QuotePane)
        assert len(pane.quotes) == 10_000
        on_screen = pane.scrollable_content_region.height // 3 + 1
        assert 0 < pane.built <= on_screen  # 10,000 quotes, a screenful drawn
        pane.focus()
        await pilot.press("end")
        assert pane.quote.text == "Quote 9999 is here,"
        assert body.current.kind == "quote" and body.current.ref == pane.quote.id
        assert '"Quote 9999 is here," said' in shown(body)
        await pilot.press("up")
        assert pane.quote.text == "Quote 9998 is here," and body.current.ref == pane.quote.id
        assert "Quote 9998 is here," in pane.render_line(0).text + "".join(
            pane.render_line(y).text for y in range(pane.scrollable_content_region.height)
        )
        assert pane.built <= 3 * on_screen
        # the entity pane: one speaker's mentions, walked with n from the body
        people = app.main.query_one(EntityPane)
        speaker = next(e for e in app.main.entities.values() if e.name == speakers()[1])
        people.select_entity(speaker.id)
        await settle(pilot)
        body.focus()
        starts = []
        for _ in range(3):
            await pilot.press("n")
            assert body.current.ref == speaker.id
            starts.append(body.current.start)
        assert starts == sorted(starts) and len(set(starts)) == 3
