"""Immutable records passed between the store and its readers (the TUI and the CLI).

They are named tuples rather than frozen dataclasses because the app imports them at every start: a frozen,
slotted dataclass generates its methods with ``exec`` when its class is created (about 1.5 ms each, 10 ms for
this module), a named tuple in about a tenth of that. Compare records of one kind only: as tuples, two records
of different kinds with the same values are equal.
"""

from __future__ import annotations

from typing import NamedTuple

ENTITY_KINDS = ("person", "country", "organization", "place", "other")
QUOTE_KINDS = ("direct", "partial")


class Block(NamedTuple):
    """A structural piece of an article's text: title, dek, caption, credit, byline, paragraph, contributor."""

    kind: str
    start: int
    end: int


class ArticleSummary(NamedTuple):
    """One row of the article list."""

    id: int
    title: str
    source: str | None
    published: str | None
    people: int
    quotes: int


class Article(NamedTuple):
    """A stored article with its full text; every offset in the store indexes into ``text``."""

    id: int
    title: str
    dek: str | None
    byline: str | None
    source: str | None
    published: str | None
    url: str | None
    origin: str
    text: str
    blocks: tuple[Block, ...] = ()


class Entity(NamedTuple):
    """One real-world person, country, organisation or place, shared by every article that mentions it."""

    id: int
    kind: str
    name: str
    code: str | None = None
    role: str | None = None
    country_code: str | None = None
    article_count: int = 0
    mention_count: int = 0


class Mention(NamedTuple):
    """Where an entity is named in an article's text."""

    id: int
    article_id: int
    entity_id: int
    start: int
    end: int


class Quote(NamedTuple):
    """A quoted statement: its span (without the marks), kind, cue and speaker."""

    id: int
    article_id: int
    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_id: int | None
    speaker_name: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None

    def source(self, article_text: str) -> str | None:
        """Who the article says spoke: the speaker's name, else the words that attribute the quote when they
        name nobody ("a spokeswoman", "the crowd", "the ad"), else None."""
        if self.speaker_name:
            return self.speaker_name
        start, end = self.speaker_start, self.speaker_end
        if start is None or end is None or not 0 <= start < end <= len(article_text) or end - start > 200:
            return None
        return " ".join(article_text[start:end].split()) or None


class SearchHit(NamedTuple):
    """An article found by a search, with a snippet and what matched.

    The snippet is text, never markup: the words around the first match, one line (``marks``: where the matched
    words are in it, to highlight), or the quote that matched (``quoted``), or the article's opening; the UI
    shortens and styles it."""

    article: ArticleSummary
    snippet: str
    matched: tuple[str, ...] = ()
    offset: int | None = None
    marks: tuple[tuple[int, int], ...] = ()
    quoted: bool = False
