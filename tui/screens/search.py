"""The search screen: the search language on one line, suggestions for names, results with snippets."""

from __future__ import annotations

import re

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store.models import SearchHit
from store.query_syntax import ENTITY_FIELDS, QuerySyntaxError, parse

from .. import keys
from ..history import Location
from ..messages import (
    SearchCounted,
    SearchEstimated,
    SearchExamples,
    SearchPage,
    SearchRefused,
    SearchResults,
    Suggestions,
)
from ..opening import PAGE
from ..text import palette
from ..widgets.bars import KeyBar, TitleBar
from ..widgets.result_list import ResultList
from ..words import counted, roughly

# the field term being typed at the end of the line: person:har, by:"peter st
_FIELD_AT_END = re.compile(
    r'(?P<field>person|country|org|place|entity|by):(?P<quote>"?)(?P<value>[^"\s]*(?: [^"\s]*)*)$'
)
_SUGGEST_KIND = {**ENTITY_FIELDS, "by": None}
_ALL = "\tall"  # the key of the suggestion that keeps every entity the typed name matches
_AHEAD = 20  # results from the end of those loaded at which the next page is asked for


class SearchScreen(Screen):
    """Type a query, Enter to search; ↓ to the results, Enter opens the article at the first match.

    Results come a page at a time (the first at once, the next by key as the highlight nears the end), and the
    true count in the background, as the article list does."""

    DEFAULT_CSS = """
    #query { margin: 0 0; }
    #suggestions { height: auto; max-height: 10; border: tall $accent; }
    #search-status { height: auto; padding: 0 1; }
    #results { height: 1fr; border: none; }
    """

    BINDINGS = keys.SEARCH

    def __init__(self, location: Location):
        super().__init__()
        self.location = location
        self.hits: list[SearchHit] = []
        self.searched: str | None = None  # the query whose results are shown
        self.total: int | None = None  # how many articles match it; None while they are counted
        self.estimate: int | None = None  # while they are counted: the store's estimate, if it made one
        self._complete = False  # every match is among ``hits``
        self._paging = False  # a next page has been asked for
        self._restored = str(location.target or "")
        self._focusing_results = False  # Down has sent the focus to the results, which it has not reached yet

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(
            value=str(self.location.target or ""),
            id="query",
            placeholder="person:  country:  by:  quote:  after:  before:  source:  and plain words",
        )
        yield OptionList(id="suggestions")
        yield Static(id="search-status")
        yield ResultList(id="results")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "search"
        self.query_one("#suggestions").display = False
        self.app.gateway.search_examples(self)
        box = self.query_one("#query", Input)
        if box.value:  # a search visited again, or opened by name: its results take the focus
            self._search(box.value, self.location.cursor or 0, focus=True)
        else:
            self._status(
                Text(
                    "person: country: org: place: by: quote: after: before: source: and plain words",
                    style="dim",
                )
            )
            box.focus()

    def capture(self) -> dict:
        results = self.query_one("#results", ResultList)
        return {"target": self.query_one("#query", Input).value, "cursor": results.highlighted}

    def _status(self, text: Text) -> None:
        self.query_one("#search-status", Static).update(text)

    def on_search_examples(self, message: SearchExamples) -> None:
        """Example terms for the search box, named from the open store's newest articles."""
        found = {field: _term(field, name) for field, name in message.names.items()}
        if message.year:
            found["after"] = f"after:{message.year}-01-01"
        example = "  ".join(found[f] for f in ("person", "country", "org", "by", "after") if f in found)
        self.query_one("#query", Input).placeholder = example + '  "words"'

    # ---------------------------------------------------------------------------------------- typing
    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        m = _FIELD_AT_END.search(event.value)
        typed = event.value != self._restored  # a query restored from history is not being typed
        if m and len(m["value"]) >= 2 and event.input.has_focus and typed:
            field = m["field"]
            self.app.gateway.suggest(self, event.value, field, m["value"], _SUGGEST_KIND.get(field))
        else:
            self._close_suggestions()
        if event.value.strip():
            try:
                parse(event.value)
            except QuerySyntaxError as exc:
                self._status(Text(f"⚠ {exc.message}", style="bold red"))
                return
        self._status(Text("Enter to search", style="dim"))

    def on_suggestions(self, message: Suggestions) -> None:
        if message.stale:
            return
        typed, field, value = message.typed, message.field, message.value
        entities, matching = message.entities, message.matching
        query = self.query_one("#query", Input)
        if not query.has_focus or query.value != typed or self.searched == typed:
            return  # the user has moved on (typed on, or searched: suggestions never cover results)
        box = self.query_one("#suggestions", OptionList)
        box.clear_options()
        if matching > 1:  # taking a suggestion never narrows the query silently: keeping them all comes first
            label = Text(f"all that match '{value}'")
            label.append(f"  {counted(matching, 'entity', 'entities')}", style="dim")
            box.add_option(Option(label, id=f"{field}\t{value}{_ALL}"))
        styles = palette(self.app)
        for e in entities:
            label = Text(e.name, style=styles.kind(e.kind))
            label.append(f"  {e.kind} · {counted(e.article_count, 'article')}", style="dim")
            box.add_option(Option(label, id=f"{field}\t{e.name}"))
        box.display = bool(entities)
        box.highlighted = 0 if entities else None

    def _close_suggestions(self) -> None:
        self.workers.cancel_group(self, "suggest")  # the gateway's suggestions for this screen
        self.query_one("#suggestions").display = False

    def action_complete(self) -> None:
        box = self.query_one("#suggestions", OptionList)
        if box.display and box.highlighted is not None:
            self._take(box.get_option_at_index(box.highlighted).id or "")

    @on(OptionList.OptionSelected, "#suggestions")
    def _suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        self._take(event.option.id or "")

    def _take(self, key: str) -> None:
        field, _, name = key.partition("\t")
        name = name.removesuffix(_ALL)
        box = self.query_one("#query", Input)
        value = f'"{name}"' if " " in name else name
        box.value = _FIELD_AT_END.sub(lambda _: f"{field}:{value} ", box.value)
        box.cursor_position = len(box.value)
        self._close_suggestions()
        box.focus()

    # ---------------------------------------------------------------------------------------- searching
    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self._close_suggestions()
        if not event.value.strip():
            return
        if event.value == self.searched and self.hits:  # Enter again: open the highlighted result
            self.query_one("#results", ResultList).action_select()
            return
        self._search(event.value)

    def _search(self, text: str, cursor: int = 0, focus: bool = False) -> None:
        """The first page of results at once (and the pages down to ``cursor``), then the count. A search typed
        in the box leaves the focus there (Enter again, or Down, takes the first result); with ``focus`` the
        results take it. A later search, or leaving the screen, stops it."""
        self.app.gateway.search(self, text, PAGE, cursor, focus)

    def on_search_refused(self, message: SearchRefused) -> None:
        if not message.stale:
            self._status(Text(f"⚠ {message.reason}", style="bold red"))

    def on_search_results(self, message: SearchResults) -> None:
        if message.stale:  # a later search started as this one ended: not wanted
            return
        text, hits, total, focus = message.text, message.hits, message.total, message.focus
        self._close_suggestions()  # results never sit under suggestions
        self.searched, self.hits, self.total, self.estimate = text, [], total, None
        self._complete, self._paging = total is not None, False
        results = self.query_one("#results", ResultList)
        results.show([])
        if not hits:
            self._status(Text(f"no articles match {text}", style="bold"))
            self.query_one("#query", Input).focus()
            return
        self._add(hits)
        self._say_count()
        cursor = self.location.cursor if self.location.target == text else None
        results.highlighted = cursor if cursor is not None and cursor < len(hits) else 0
        if focus:
            results.focus()

    def _add(self, hits: list[SearchHit]) -> None:
        self.hits.extend(hits)
        self.query_one("#results", ResultList).extend(hits)

    def on_search_counted(self, message: SearchCounted) -> None:
        text, total = message.text, message.total
        if not message.stale and text == self.searched:
            self.total = total
            self._complete = len(self.hits) >= total
            self._say_count()

    def on_search_estimated(self, message: SearchEstimated) -> None:
        text, estimate = message.text, message.estimate
        if not message.stale and text == self.searched and self.total is None:
            self.estimate = estimate
            self._say_count()

    def _say_count(self) -> None:
        if self.total is None and self.estimate is not None and self.estimate > len(self.hits):
            what = f"about {counted(roughly(self.estimate), 'article')} for {self.searched} (counting…)"
        elif self.total is None:
            what = f"{len(self.hits):,}+ articles for {self.searched} (counting…)"
        else:
            what = f"{counted(self.total, 'article')} for {self.searched}"
        self._status(Text(f"{what} · Enter opens at the first match", style="dim"))

    @on(ResultList.Highlighted, "#results")
    def _highlighted(self, event: ResultList.Highlighted) -> None:
        self._more_if_near(event.index)

    def _more_if_near(self, index: int | None) -> None:
        """The next page, by key, once the highlight comes within a few results of the last one loaded."""
        if (
            self._complete
            or self._paging
            or not self.hits
            or index is None
            or index < len(self.hits) - _AHEAD
        ):
            return
        self._paging = True
        self.app.gateway.search_page(self, self.searched or "", self.hits[-1], PAGE)

    def on_search_page(self, message: SearchPage) -> None:
        text, last, hits = message.text, message.last, message.hits
        if text != self.searched or not self.hits or self.hits[-1] is not last:
            return  # another search since
        self._paging = False
        if len(hits) < PAGE:
            self._complete = True
        self._add(hits)
        if self.total is not None and len(self.hits) > self.total:  # the store grew since it was counted
            self.total = len(self.hits)
            self._say_count()
        self._more_if_near(self.query_one("#results", ResultList).highlighted)

    @on(ResultList.Chosen, "#results")
    def _open(self, event: ResultList.Chosen) -> None:
        hit = self.hits[event.index]
        self.app.navigate(Location("article", hit.article.id, offset=hit.offset))

    def action_export(self) -> None:
        """e on the results: every article the search finds, newest first (its order), to a file named for it."""
        if not self.searched or not self.hits:
            self.notify("no results to export", timeout=3)
            return
        from ..gateway import slug

        app, query = self.app, parse(self.searched)
        stem = f"search-{slug(query.describe())}"
        app.gateway.export_articles(self, query, app.export_folder, stem, app.export_format)
        what = counted(self.total, "article") if self.total is not None else "the articles"
        self.notify(f"exporting {what} to {app.export_folder}…", title="export", timeout=3)

    def action_to_results(self) -> None:
        suggestions = self.query_one("#suggestions", OptionList)
        results = self.query_one("#results", ResultList)
        if suggestions.display:
            suggestions.focus()
        elif self.hits:
            if self._focusing_results:  # Down again before the focus got there (typed ahead): one result on
                results.action_cursor_down()
                return
            if results.highlighted is None:
                results.highlighted = 0
            self._focusing_results = True
            results.focus()

    @on(events.DescendantFocus)
    def _focus_moved(self) -> None:
        self._focusing_results = False


def _term(field: str, name: str) -> str:
    """A field term as typed: ``person:stano``, ``org:"world bank"``."""
    return f'{field}:"{name.lower()}"' if " " in name else f"{field}:{name.lower()}"
