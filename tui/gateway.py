"""The one place in ``tui/`` that calls the store: screens and widgets are views that ask it and handle its answers.

Every call runs in a Textual thread worker owned by the widget or screen that asked (so it is cancelled when that
one goes), in a named group, exclusive where a newer request supersedes an older one; its answer comes back to
the requester as a typed message (``tui.messages``), never posted once the worker is cancelled. Long reads are
stopped when their worker is cancelled (the store's ``cancelled=``, asked every few milliseconds). A store failure
becomes ``StoreFailed``, posted to the app, which ends with one line (exit 3); anything else raised is a bug and
keeps Textual's report (exit 1).

The exception is start-up: ``open_store`` and ``first_page`` run on the main thread before Textual is imported
(``tui.startup`` says why), so this module imports Textual only inside its calls.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from store.db import store_failure
from store.queries import CO_MENTION_WINDOW, Cancelled, Store, StoreWatch, name_matches, search_after
from store.query_syntax import Query, QuerySyntaxError, parse

from .opening import PAGE, FirstPage

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.worker import Worker

    from store.models import Article, Entity, Quote, SearchHit

    from .history import Location
    from .messages import StoreAnswer

__all__ = ["Gateway", "first_page", "open_store", "opening_page"]


def open_store(path: Path) -> Store:
    """Open the store at ``path`` (raises StoreError with a one-line reason)."""
    return Store.open(path)


def first_page(store: Store, order: str = "newest", query: Query | None = None) -> FirstPage:
    """What the article list shows first: how many articles (matching ``query``), and the top page."""
    return store.article_count(query), store.articles(PAGE, 0, order, query)


def opening_page(store: Store) -> FirstPage | None:
    """The first page as the app opens, or None if the store fails: the list's worker then meets the failure
    again, inside the app, which ends with one line."""
    try:
        return first_page(store)
    except Exception as exc:
        if store_failure(exc, store.path or "the store") is None:
            raise
        return None


class _Call:
    """What a job sees of its worker: whether its answer is still wanted, and how to give it."""

    def __init__(self, worker: Worker, requester: DOMNode, stale: Callable[[], bool] | None):
        self.worker = worker
        self.requester = requester
        self._stale = stale

    def cancelled(self) -> bool:
        """Whether the answer is no longer wanted (the worker cancelled, or the requester says so)."""
        return self.worker.is_cancelled or (self._stale is not None and self._stale())

    def answer(self, message: StoreAnswer) -> None:
        """Post ``message`` to the requester, unless the worker was cancelled."""
        if not self.worker.is_cancelled:
            message.worker = self.worker
            self.requester.post_message(message)


class Gateway:
    """Runs the app's store calls in workers and posts their answers as typed messages."""

    def __init__(self, store: Store):
        self.store = store
        self._watch: StoreWatch | None = None
        self._looked: tuple[int, int] | None = None  # the list reading the watch last looked at

    def _run(
        self,
        requester: DOMNode,
        job: Callable[[_Call], None],
        *,
        group: str,
        exclusive: bool = False,
        description: str = "",
        stale: Callable[[], bool] | None = None,
    ) -> Worker:
        """Run ``job`` in a thread worker of ``requester``'s. A store failure in it is posted to the app as
        StoreFailed; Cancelled (a read stopped because nobody wants it) ends it quietly."""
        from textual.worker import get_current_worker

        app = requester.app
        where = self.store.path or "the store"

        def work() -> None:
            call = _Call(get_current_worker(), requester, stale)
            try:
                job(call)
            except Cancelled:
                return
            except Exception as exc:
                reason = store_failure(exc, where)
                if reason is None:
                    raise
                if call.worker.is_cancelled:  # stopped as the app quits (Store.interrupt): nobody is told
                    return
                from .messages import StoreFailed

                app.post_message(StoreFailed(reason))

        return requester.run_worker(
            work, thread=True, group=group, exclusive=exclusive, description=description or group
        )

    def _count(self, call: _Call, query: Query | None, estimated: Callable[[int], StoreAnswer]) -> int:
        """A count the store does not keep: an estimate first (~0.3 s at most), answered as ``estimated(n)``
        unless it is exact, then the exact count."""
        estimate = self.store.count_estimate(query, cancelled=call.cancelled)
        if estimate.exact:
            return estimate.value
        call.answer(estimated(estimate.value))
        return self.store.article_count(query, cancelled=call.cancelled)

    # ---------------------------------------------------------------------------------------- the reader
    def article(self, requester: DOMNode, article_id: int, location: Location) -> Worker:
        """An article with everything its reader shows: ArticleLoaded, or NotFound."""
        from .messages import ArticleLoaded, NotFound

        def job(call: _Call) -> None:
            s = self.store
            article = s.article(article_id)
            if article is None:
                call.answer(NotFound(f"article {article_id} is not in the store"))
                return
            loaded = ArticleLoaded(
                article,
                s.article_entities(article_id),
                s.mentions(article_id),
                s.quotes(article_id),
                s.article_roles(article_id),
                location,
            )
            call.answer(loaded)

        return self._run(requester, job, group="article", exclusive=True, description=f"article {article_id}")

    def speaker(self, requester: DOMNode, quote: Quote, article: Article) -> Worker:
        """A quote's speaker's record, to show the quote whole: SpeakerLoaded."""
        from .messages import SpeakerLoaded

        def job(call: _Call) -> None:
            who = self.store.entity(quote.speaker_id) if quote.speaker_id is not None else None
            call.answer(SpeakerLoaded(quote, article, who))

        return self._run(
            requester, job, group="quote", exclusive=True, description=f"speaker of quote {quote.id}"
        )

    def quote_article(self, requester: DOMNode, quote: Quote) -> Worker:
        """A quote's whole article, to cite it: QuoteArticle (nothing when the article has gone)."""
        from .messages import QuoteArticle

        def job(call: _Call) -> None:
            article = self.store.article(quote.article_id)
            if article is not None:
                call.answer(QuoteArticle(quote, article))

        return self._run(
            requester, job, group="quote-article", exclusive=True, description=f"article of quote {quote.id}"
        )

    # ---------------------------------------------------------------------------------------- an entity
    def entity_page(self, requester: DOMNode, entity_id: int, quotes: int, articles: int) -> Worker:
        """Everything an entity's page shows (its ``quotes`` latest quotes, its first ``articles`` articles):
        EntityPageLoaded, or NotFound."""
        from .messages import EntityPage, EntityPageLoaded, NotFound

        def job(call: _Call) -> None:
            s = self.store
            entity = s.entity(entity_id)
            if entity is None:
                call.answer(NotFound("this entity is not in the store"))
                return
            page = EntityPage(
                entity=entity,
                aliases=s.aliases(entity.id),
                roles=s.roles(entity.id),
                country=s.country(entity.country_code) if entity.country_code else None,
                people=s.people_of_country(entity.code) if entity.kind == "country" and entity.code else [],
                quotes=s.entity_quotes(entity.id, limit=quotes),
                articles=s.entity_articles(entity.id, limit=articles),
                company=s.co_mentioned(entity.id),
                window=CO_MENTION_WINDOW,
            )
            call.answer(EntityPageLoaded(page))

        return self._run(requester, job, group="entity", exclusive=True, description=f"entity {entity_id}")

    def entity_articles(self, requester: DOMNode, entity_id: int, limit: int, offset: int) -> Worker:
        """A further page of the articles that mention an entity: EntityArticles."""
        from .messages import EntityArticles

        def job(call: _Call) -> None:
            call.answer(EntityArticles(self.store.entity_articles(entity_id, limit=limit, offset=offset)))

        return self._run(requester, job, group="entity-more")

    def first_mention(self, requester: DOMNode, article_id: int, entity_id: int) -> Worker:
        """Where an entity is first mentioned in an article: MentionFound."""
        from .messages import MentionFound

        def job(call: _Call) -> None:
            starts = [m.start for m in self.store.mentions(article_id) if m.entity_id == entity_id]
            call.answer(MentionFound(article_id, min(starts) if starts else None))

        return self._run(requester, job, group="entity-open", exclusive=True)

    # ---------------------------------------------------------------------------------------- search
    def search(
        self, requester: DOMNode, text: str, page: int, cursor: int = 0, focus: bool = False
    ) -> Worker:
        """A search's first page of results (and the pages down to ``cursor``): SearchResults, then, when more
        may match, SearchCounted; SearchRefused for a query the store cannot run. A newer search cancels it, and
        cancelling stops its reads."""
        from .messages import SearchCounted, SearchEstimated, SearchRefused, SearchResults

        def job(call: _Call) -> None:
            s = self.store
            try:
                hits = s.search(text, limit=page, cancelled=call.cancelled)
                while len(hits) % page == 0 and hits and cursor >= len(hits) and not call.cancelled():
                    hits += search_after(s, text, hits[-1].article, page, cancelled=call.cancelled)
            except QuerySyntaxError as exc:
                call.answer(SearchRefused(text, exc.message))
                return
            complete = len(hits) % page != 0 or not hits
            call.answer(SearchResults(text, hits, len(hits) if complete else None, focus))
            if complete or call.cancelled():
                return
            query = parse(text)
            total = s.kept_count(query)
            if total is None:
                total = self._count(call, query, lambda estimate: SearchEstimated(text, estimate))
            call.answer(SearchCounted(text, total))

        return self._run(requester, job, group="search", exclusive=True, description=f"search {text[:80]!r}")

    def search_page(self, requester: DOMNode, text: str, last: SearchHit, page: int) -> Worker:
        """The results after ``last``: SearchPage."""
        from .messages import SearchPage

        def job(call: _Call) -> None:
            call.answer(SearchPage(text, last, search_after(self.store, text, last.article, page)))

        return self._run(requester, job, group="search-page")

    def suggest(self, requester: DOMNode, typed: str, field: str, value: str, kind: str | None) -> Worker:
        """Entities a name being typed may mean, and how many it stands for: Suggestions."""
        from .messages import Suggestions

        def job(call: _Call) -> None:
            entities = self.store.find_entities(value, kind=kind, limit=8)
            matching = len(name_matches(self.store, value, kind)) if len(entities) > 1 else 0
            call.answer(Suggestions(typed, field, value, entities, matching))

        return self._run(requester, job, group="suggest", exclusive=True)

    def search_examples(self, requester: DOMNode) -> Worker:
        """Names to show as examples in the search box, from the open store's newest articles (a few indexed
        reads): SearchExamples, when it has any."""
        from .messages import SearchExamples

        def job(call: _Call) -> None:
            s = self.store
            found: dict[str, str] = {}
            newest = s.articles(10, 0, "newest")
            for article in newest:
                for entity, _ in s.article_entities(article.id):
                    field = {"person": "person", "country": "country", "organization": "org"}.get(entity.kind)
                    if field and field not in found:
                        found[field] = (
                            entity.name.split()[-1] if entity.kind == "person" else entity.code or entity.name
                        )
                for quote in s.quotes(article.id):
                    if quote.speaker_name and "by" not in found:
                        found["by"] = quote.speaker_name.split()[-1]
                if len(found) == 4:
                    break
            dated = next((a.published for a in newest if a.published), None)
            if found or dated:
                call.answer(SearchExamples(found, dated[:4] if dated else None))

        return self._run(requester, job, group="examples")

    async def find_entities(self, requester: DOMNode, text: str, limit: int) -> list[Entity]:
        """Entities matching ``text`` (for the command palette, which awaits them); none if the store fails (the
        app is told, and ends with the reason)."""
        found: list[Entity] = []

        def job(call: _Call) -> None:
            found.extend(self.store.find_entities(text, None, limit))

        from textual.worker import WorkerCancelled

        try:
            await self._run(requester, job, group="palette").wait()
        except WorkerCancelled:
            return []
        return found

    # ---------------------------------------------------------------------------------------- the list
    def list_top(
        self, requester: DOMNode, generation: int, order: str, query: Query | None, stale: Callable[[], bool]
    ) -> Worker:
        """The list's count and top page: ListSeen (the store's size), then ListTop. A count the store does not
        keep can take seconds (a filter matching a few hundred thousand of a million articles): the top page
        comes first (ListTop with ``final`` False), then an estimate (ListEstimated), then the count. Stopped
        once ``stale`` says so."""
        from .messages import ListEstimated, ListSeen, ListTop

        def job(call: _Call) -> None:
            s = self.store
            call.answer(ListSeen(generation, s.kept_count(None)))
            count = s.kept_count(query)
            top = s.articles(PAGE, 0, order, query, cancelled=call.cancelled)
            if count is None and len(top) == PAGE:  # more may follow
                call.answer(ListTop(generation, len(top), top, final=False))
                count = self._count(call, query, lambda estimate: ListEstimated(generation, estimate))
            call.answer(ListTop(generation, len(top) if count is None else count, top))

        return self._run(requester, job, group="article-count", stale=stale)

    def list_page(
        self,
        requester: DOMNode,
        page: int,
        generation: int,
        order: str,
        query: Query | None,
        request: dict,
        stale: Callable[[], bool],
    ) -> Worker:
        """One page of the list (``request`` says how to find it: see ``Store.articles``): ListPage."""
        from .messages import ListPage

        def job(call: _Call) -> None:
            rows = self.store.articles(order=order, query=query, cancelled=call.cancelled, **request)
            call.answer(ListPage(page, generation, rows))

        return self._run(requester, job, group="article-pages", stale=stale)

    def look_for_new(self, requester: DOMNode, generation: int, seen: int) -> Worker:
        """Whether another program has written the store (PRAGMA data_version: no table read), and if so how many
        articles it holds beyond ``seen`` (a kept count): StoreGrew."""
        from .messages import StoreGrew

        def job(call: _Call) -> None:
            if self._watch is None:
                self._watch = StoreWatch(self.store)
            changed = self._watch.changed()
            # the first look at a reading of the list counts once whatever the watch says: a write between the
            # reading and the watch's first look (or its last) changes no version the watch has not seen
            if changed or self._looked != (id(requester), generation):
                self._looked = (id(requester), generation)
                call.answer(StoreGrew(generation, self.store.kept_count(None) - seen))

        return self._run(requester, job, group="store-watch", exclusive=True)

    def close(self) -> None:
        """Let go of what the gateway holds open (the watch's connection)."""
        if self._watch is not None:
            self._watch.close()
            self._watch = None

    # ---------------------------------------------------------------------------------------- exports
    def export_articles(
        self, requester: DOMNode, query: Query | None, folder: Path, stem: str, fmt: str
    ) -> Worker:
        """The articles of the list under its filter (newest first) written to a new file in ``folder`` named
        from ``stem``: ExportDone or ExportFailed."""
        from store.export import export

        def write(out: TextIO) -> int:
            return export(self.store, query or Query(), out, fmt, "articles")

        return self._export(requester, folder, stem, fmt, "article", write)

    def export_entity_quotes(
        self, requester: DOMNode, entity_id: int, folder: Path, stem: str, fmt: str
    ) -> Worker:
        """Every quote an entity said (newest first) written to a new file in ``folder`` named from ``stem``:
        ExportDone or ExportFailed."""
        from store.export import export_entity_quotes

        def write(out: TextIO) -> int:
            return export_entity_quotes(self.store, entity_id, out, fmt)

        return self._export(requester, folder, stem, fmt, "quote", write)

    def _export(
        self, requester: DOMNode, folder: Path, stem: str, fmt: str, noun: str, write: Callable[[TextIO], int]
    ) -> Worker:
        """Stream rows into a hidden ``.part`` file and give it its name once whole: a failure (or the app
        quitting) leaves no half-written export. The worker is the app's, so an export goes on when the user
        leaves the screen it was asked from, and its answer still comes."""
        from .messages import ExportDone, ExportFailed

        def job(call: _Call) -> None:
            try:
                path, out = _new_export_file(folder, stem, fmt)
            except OSError as exc:
                call.answer(ExportFailed(folder, exc.strerror or str(exc)))
                return
            partial = Path(out.name)
            try:
                with out:
                    rows = write(out)
                os.replace(partial, path)
            except (OSError, QuerySyntaxError) as exc:
                partial.unlink(missing_ok=True)
                reason = exc.message if isinstance(exc, QuerySyntaxError) else exc.strerror or str(exc)
                call.answer(ExportFailed(path, reason))
                return
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
            call.answer(ExportDone(path, rows, noun))

        return self._run(requester.app, job, group="export", description=f"export {stem}")


def _new_export_file(folder: Path, stem: str, fmt: str, today: date | None = None) -> tuple[Path, TextIO]:
    """A name for a new export and its ``.part`` file, open for writing: named for what it holds and the day
    (``person-okafor-quotes-2026-12-02.md``), numbered (``…-2.md``) rather than over an earlier export or one
    still being written."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 1
    while True:
        path = export_path(folder, stem, fmt, today, n)
        if not path.exists():
            try:  # "x": two exports of the same thing at once never share a file
                return path, open(path.with_name(f".{path.name}.part"), "x", encoding="utf-8", newline="")
            except FileExistsError:
                pass
        n += 1


_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str, most: int = 48) -> str:
    """Words fit for a file name: lower case letters and digits joined by hyphens."""
    return _UNSAFE.sub("-", text.lower()).strip("-")[:most].strip("-") or "all"


def export_path(folder: Path, stem: str, fmt: str, today: date | None = None, n: int = 1) -> Path:
    """The ``n``th export named ``stem`` on a day: ``person-okafor-quotes-2026-12-02.md``, then ``…-2.md``."""
    base = f"{stem}-{(today or date.today()).isoformat()}"
    return folder / (f"{base}.{fmt}" if n == 1 else f"{base}-{n}.{fmt}")
