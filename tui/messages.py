"""The gateway's answers: typed messages that bring what the store said to the widget or screen that asked.

Each is posted by ``tui.gateway`` from a worker thread to the requester, which handles it as any Textual message
(``on_article_loaded``…). ``stale`` says whether the request was superseded (a newer one in an exclusive group, or
the requester gone) by the time the answer is handled: a view drops a stale answer. A store failure is
``StoreFailed``, posted to the app, which ends with its one line (exit 3).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual.message import Message

from store.models import Article, ArticleSummary, Entity, Mention, Quote, SearchHit

if TYPE_CHECKING:
    from textual.worker import Worker

    from .history import Location


class StoreFailed(Message):
    """The store failed; ``reason`` is the line to end with."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason


class StoreAnswer(Message):
    """What every answer of the gateway has: the worker that read it, to tell whether it is still wanted."""

    worker: Worker | None = None  # set by the gateway as it posts the answer

    @property
    def stale(self) -> bool:
        return self.worker is not None and self.worker.is_cancelled


class NotFound(StoreAnswer):
    """What was asked for is not in the store (``what`` says so, for the user)."""

    def __init__(self, what: str):
        super().__init__()
        self.what = what


# ------------------------------------------------------------------------------------------------- the reader
class ArticleLoaded(StoreAnswer):
    """An article with its entities (and their mention counts), mentions, quotes and roles, to show at
    ``location``."""

    def __init__(
        self,
        article: Article,
        entities: list[tuple[Entity, int]],
        mentions: list[Mention],
        quotes: list[Quote],
        roles: dict[int, str],
        location: Location,
    ):
        super().__init__()
        self.article = article
        self.entities = entities
        self.mentions = mentions
        self.quotes = quotes
        self.roles = roles
        self.location = location


class SpeakerLoaded(StoreAnswer):
    """A quote to show whole, with its article and its speaker's record (None when nobody is known)."""

    def __init__(self, quote: Quote, article: Article, speaker: Entity | None):
        super().__init__()
        self.quote = quote
        self.article = article
        self.speaker = speaker


class QuoteArticle(StoreAnswer):
    """A quote's whole article, read to cite it."""

    def __init__(self, quote: Quote, article: Article):
        super().__init__()
        self.quote = quote
        self.article = article


# ------------------------------------------------------------------------------------------------- an entity
class EntityPage(NamedTuple):
    """Everything an entity's page shows, read in one worker."""

    entity: Entity
    aliases: list[str]
    roles: list[str]
    country: Entity | None  # a person's or place's country, when the store has it as an entity
    people: list[Entity]  # a country's people
    quotes: list[tuple[Quote, ArticleSummary]]  # the latest, newest first
    articles: list[tuple[ArticleSummary, int]]  # the first page, with mentions in each
    company: list[tuple[Entity, int]]  # most often mentioned with it, in its latest ``window`` articles
    window: int


class EntityPageLoaded(StoreAnswer):
    def __init__(self, page: EntityPage):
        super().__init__()
        self.page = page


class EntityArticles(StoreAnswer):
    """A further page of the articles that mention an entity."""

    def __init__(self, rows: list[tuple[ArticleSummary, int]]):
        super().__init__()
        self.rows = rows


class MentionFound(StoreAnswer):
    """Where an entity is first mentioned in an article (``offset`` None when it is not)."""

    def __init__(self, article_id: int, offset: int | None):
        super().__init__()
        self.article_id = article_id
        self.offset = offset


# ------------------------------------------------------------------------------------------------- search
class SearchResults(StoreAnswer):
    """A search's first results; ``total`` is None while more may match (``SearchCounted`` follows)."""

    def __init__(self, text: str, hits: list[SearchHit], total: int | None, focus: bool):
        super().__init__()
        self.text = text
        self.hits = hits
        self.total = total
        self.focus = focus


class SearchCounted(StoreAnswer):
    def __init__(self, text: str, total: int):
        super().__init__()
        self.text = text
        self.total = total


class SearchEstimated(StoreAnswer):
    """An estimate of a search's count while the exact count runs (``SearchCounted`` follows)."""

    def __init__(self, text: str, estimate: int):
        super().__init__()
        self.text = text
        self.estimate = estimate


class SearchPage(StoreAnswer):
    """The results after ``last``."""

    def __init__(self, text: str, last: SearchHit, hits: list[SearchHit]):
        super().__init__()
        self.text = text
        self.last = last
        self.hits = hits


class SearchRefused(StoreAnswer):
    """A search the store cannot run, with why."""

    def __init__(self, text: str, reason: str):
        super().__init__()
        self.text = text
        self.reason = reason


class Suggestions(StoreAnswer):
    """Entities a name being typed may mean; ``matching`` counts every entity the name stands for."""

    def __init__(self, typed: str, field: str, value: str, entities: list[Entity], matching: int):
        super().__init__()
        self.typed = typed
        self.field = field
        self.value = value
        self.entities = entities
        self.matching = matching


class SearchExamples(StoreAnswer):
    """Names from the open store's newest articles, by field (person, country, org, by), and a recent year."""

    def __init__(self, names: dict[str, str], year: str | None):
        super().__init__()
        self.names = names
        self.year = year


# ------------------------------------------------------------------------------------------------- the list
class ListTop(StoreAnswer):
    """The list's count and top page (``final`` False: the count is still the first page's rows)."""

    def __init__(self, generation: int, count: int, top: list[ArticleSummary], final: bool = True):
        super().__init__()
        self.generation = generation
        self.count = count
        self.top = top
        self.final = final


class ListEstimated(StoreAnswer):
    """An estimate of the list's count while the exact count runs (the final ``ListTop`` follows)."""

    def __init__(self, generation: int, estimate: int):
        super().__init__()
        self.generation = generation
        self.estimate = estimate


class ListSeen(StoreAnswer):
    """How many articles the store held as the list was read."""

    def __init__(self, generation: int, seen: int):
        super().__init__()
        self.generation = generation
        self.seen = seen


class ListPage(StoreAnswer):
    def __init__(self, page: int, generation: int, rows: list[ArticleSummary]):
        super().__init__()
        self.page = page
        self.generation = generation
        self.rows = rows


class StoreGrew(StoreAnswer):
    """Another program has written the store: ``new`` articles since the list was read."""

    def __init__(self, generation: int, new: int):
        super().__init__()
        self.generation = generation
        self.new = new


# ------------------------------------------------------------------------------------------------- exports
class ExportDone(StoreAnswer):
    """An export written whole: ``rows`` rows (each a ``noun``: article, quote) in ``path``."""

    def __init__(self, path: Path, rows: int, noun: str):
        super().__init__()
        self.path = path
        self.rows = rows
        self.noun = noun


class ExportFailed(StoreAnswer):
    """An export that could not be written to ``path`` (a file, or the folder it would go in): nothing is left."""

    def __init__(self, path: Path, reason: str):
        super().__init__()
        self.path = path
        self.reason = reason
