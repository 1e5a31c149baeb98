"""Readers turn each format into the same article: title, dek, captions, paragraphs, dates, metadata."""

from __future__ import annotations

import json

import pytest

from store.readers import RawArticle, ReadFailure, parse_text, read_bytes, read_path

from .conftest import ARTICLES, SEED, gold


def _one(path) -> RawArticle:
    items = list(read_path(path))
    assert len(items) == 1 and isinstance(items[0], RawArticle), items
    return items[0]


def _text_of(raw: RawArticle, kind: str) -> list[str]:
    return [raw.text[b.start : b.end] for b in raw.blocks if b.kind == kind]


def test_seed_layout_title_dek_captions_paragraphs_contributor():
    raw = _one(SEED)
    g = gold(SEED.name)
    assert raw.title == g["title"]
    assert raw.dek == g["dek"]
    assert raw.captions == (g["photo_caption"],)
    assert raw.credits == (g["photo_credit"],)
    assert list(raw.contributors) == g["contributors"]
    paragraphs = _text_of(raw, "paragraph")
    assert len(paragraphs) == 7
    assert paragraphs[0].startswith("Kosovo Foreign Minister Meliza Haradinaj")
    assert paragraphs[-1] == "Both Kosovo and Serbia have expressed intentions to join the EU."
    # the repeated caption and credit lines are not body text
    assert not any("photo credit" in p for p in paragraphs)


def test_seed_text_is_the_file_text_so_offsets_index_the_file():
    raw = _one(SEED)
    assert raw.text == SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.txt")), ids=lambda p: p.name)
def test_plain_text_metadata_matches_gold(path):
    raw = _one(path)
    g = gold(path.name)
    assert raw.title == g["title"]
    assert raw.dek == g.get("dek")
    assert raw.published == g.get("published")
    assert raw.source == g.get("source")
    if g.get("byline"):
        assert raw.byline == g["byline"]
    assert list(raw.contributors) == g.get("contributors", [])
    if g.get("photo_caption"):
        assert g["photo_caption"] in raw.captions


@pytest.mark.parametrize(
    "path", sorted([*ARTICLES.glob("*.json"), *ARTICLES.glob("*.jsonl")]), ids=lambda p: p.name
)
def test_json_and_json_lines_read_every_article_with_its_fields(path):
    items = list(read_path(path))
    golds = gold(path.name)
    golds = golds if isinstance(golds, list) else [golds]
    assert len(items) == len(golds)
    for raw, g in zip(items, golds, strict=True):
        assert isinstance(raw, RawArticle)
        assert raw.title == g["title"]
        assert raw.dek == g.get("dek")
        assert raw.published == g["published"]
        assert raw.source == g["source"]
        assert raw.url == g.get("url")
        # every gold quote is in the composed text, so offsets can point at it
        for q in g["quotes"]:
            assert " ".join(q["text"].split()) in " ".join(raw.text.split())


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.html")), ids=lambda p: p.name)
def test_html_main_text_and_metadata_without_boilerplate(path):
    raw = _one(path)
    g = gold(path.name)
    assert raw.title == g["title"]
    assert raw.published == g["published"]
    assert raw.source == g["source"]
    for q in g["quotes"]:
        assert q["text"] in raw.text
    lowered = raw.text.lower()
    assert "newsletter" not in lowered and "subscribe" not in lowered


def test_json_lines_name_the_bad_line_and_keep_the_good_ones():
    data = "\n".join(
        [
            json.dumps({"title": "One", "text": "First body."}),
            "{not json",
            json.dumps({"title": "Three", "text": 42}),
            json.dumps({"title": "Four", "content": "Fourth body."}),
        ]
    ).encode()
    items = list(read_bytes(data, "feed.jsonl", "jsonl"))
    good = [i for i in items if isinstance(i, RawArticle)]
    bad = [i for i in items if isinstance(i, ReadFailure)]
    assert [g.title for g in good] == ["One", "Four"]
    assert [b.origin for b in bad] == ["feed.jsonl:2", "feed.jsonl:3"]
    assert "invalid JSON" in bad[0].reason
    assert "should be text" in bad[1].reason


def test_control_characters_are_neutralised_one_for_one():
    text = "Title\x1b[31m red\n\nBody with \x07 bell and \u202e override.\r\nNext line."
    (raw,) = list(read_bytes(text.encode(), "ctl.txt", "text"))
    assert len(raw.text) == len(text)
    assert (
        "\x1b" not in raw.text
        and "\x07" not in raw.text
        and "\u202e" not in raw.text
        and "\r" not in raw.text
    )


@pytest.mark.parametrize(
    "first, source",
    [
        ("WASHINGTON (AP) — The Senate voted on Monday to end the session.", "AP"),
        ("(Reuters) - The central bank cut its main rate by half a point.", "Reuters"),
        ("LONDON, Dec. 2 (UPI) -- Parliament met late into the night.", "UPI"),
        ("NIŠ, Serbia (Danube Wire) — The city opened a vaccination hall.", "Danube Wire"),
        ("Rep. Jo Marsh (D-Ohio) - and nobody else - voted against it.", None),
    ],
)
def test_a_dateline_names_the_source_when_the_article_gives_none(first, source):
    raw = parse_text(f"A short title\n\n{first}\n\nThe second paragraph follows.\n", "wire.txt")
    assert raw.source == source
    assert raw.dek != first or source is None  # a dateline opens the body, it is no dek
