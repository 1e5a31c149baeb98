"""Frozen records passed between the store and its readers (the TUI and the CLI)."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_KINDS = ("person", "country", "organization", "place", "other")
QUOTE_KINDS = ("direct", "partial")


@dataclass(frozen=True, slots=True)
class Block:
    """A structural piece of an article's text: title, dek, caption, credit, byline, paragraph, contributor."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list."""

    id: int
    title: str
    source: str | None
    published: str | None
    people: int
    quotes: int


@dataclass(frozen=True, slots=True)
class Article:
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


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world person, country, organisation or place, shared by every article that mentions it."""

    id: int
    kind: str
    name: str
    code: str | None = None
    role: str | None = None
    country_code: str | None = None
    article_count: int = 0
    mention_count: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an entity is named in an article's text."""

    id: int
    article_id: int
    entity_id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quote:
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


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article found by a search, with a snippet and what matched."""

    article: ArticleSummary
    snippet: str
    matched: tuple[str, ...] = field(default_factory=tuple)
    offset: int | None = None
