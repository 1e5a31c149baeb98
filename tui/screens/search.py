"""The search screen: the search language on one line, suggestions for names, results with snippets."""

from __future__ import annotations

import re

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from store.models import SearchHit
from store.queries import Cancelled
from store.query_syntax import ENTITY_FIELDS, QuerySyntaxError, parse

from ..history import Location
from ..text import KIND_STYLE, highlighted
from ..widgets.bars import KeyBar, TitleBar

# the field term being typed at the end of the line: person:har, by:"peter st
_FIELD_AT_END = re.compile(
    r'(?P<field>person|country|org|place|entity|by):(?P<quote>"?)(?P<value>[^"\s]*(?: [^"\s]*)*)$'
)
_SUGGEST_KIND = {**ENTITY_FIELDS, "by": None}


class SearchScreen(Screen):
    """Type a query, Enter to search; ↓ to the results, Enter opens the article at the first match."""

    DEFAULT_CSS = """
    #query { margin: 0 0; }
    #suggestions { height: auto; max-height: 10; border: tall $accent; }
    #search-status { height: auto; padding: 0 1; }
    #results { height: 1fr; border: none; }
    """

    BINDINGS = [
        Binding("escape", "app.back", "Back"),
        Binding("down", "to_results", "Results", show=False),
        Binding("tab", "complete", "Complete name", show=False),
    ]

    def __init__(self, store, location: Location):
        super().__init__()
        self.store = store
        self.location = location
        self.hits: list[SearchHit] = []
        self._restored = str(location.target or "")

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(
            value=str(self.location.target or ""),
            id="query",
            placeholder='person:haradinaj  country:israel  by:stano  quote:embassy  after:2020-09-01  "words"',
        )
        yield OptionList(id="suggestions")
        yield Static(id="search-status")
        yield OptionList(id="results")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "search"
        self.query_one("#suggestions").display = False
        box = self.query_one("#query", Input)
        if box.value:
            self._search(box.value)
        else:
            self._status(
                Text(
                    "person: country: org: place: by: quote: after: before: source: and plain words",
                    style="dim",
                )
            )
            box.focus()

    def capture(self) -> dict:
        results = self.query_one("#results", OptionList)
        return {"target": self.query_one("#query", Input).value, "cursor": results.highlighted}

    def _status(self, text: Text) -> None:
        self.query_one("#search-status", Static).update(text)

    # ---------------------------------------------------------------------------------------- typing
    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        m = _FIELD_AT_END.search(event.value)
        typed = event.value != self._restored  # a query restored from history is not being typed
        if m and len(m["value"]) >= 2 and event.input.has_focus and typed:
            self._suggest(m["field"], m["value"])
        else:
            self.query_one("#suggestions").display = False
        if event.value.strip():
            try:
                parse(event.value)
            except QuerySyntaxError as exc:
                self._status(Text(f"⚠ {exc.message}", style="bold red"))
                return
        self._status(Text("Enter to search", style="dim"))

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, field: str, value: str) -> None:
        entities = self.store.find_entities(value, kind=_SUGGEST_KIND.get(field), limit=8)
        self.app.call_from_thread(self._show_suggestions, field, entities)

    def _show_suggestions(self, field: str, entities) -> None:
        query = self.query_one("#query", Input)
        if not query.has_focus or not _FIELD_AT_END.search(query.value):
            return  # the user has moved on (submitted, or typed past the name)
        box = self.query_one("#suggestions", OptionList)
        box.clear_options()
        for e in entities:
            label = Text(e.name, style=KIND_STYLE.get(e.kind, ""))
            label.append(f"  {e.kind} · {e.article_count} articles", style="dim")
            box.add_option(Option(label, id=f"{field}\t{e.name}"))
        box.display = bool(entities)
        box.highlighted = 0 if entities else None

    def action_complete(self) -> None:
        box = self.query_one("#suggestions", OptionList)
        if box.display and box.highlighted is not None:
            self._take(box.get_option_at_index(box.highlighted).id or "")

    @on(OptionList.OptionSelected, "#suggestions")
    def _suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        self._take(event.option.id or "")

    def _take(self, key: str) -> None:
        field, _, name = key.partition("\t")
        box = self.query_one("#query", Input)
        value = f'"{name}"' if " " in name else name
        box.value = _FIELD_AT_END.sub(f"{field}:{value} ", box.value)
        box.cursor_position = len(box.value)
        self.query_one("#suggestions").display = False
        box.focus()

    # ---------------------------------------------------------------------------------------- searching
    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        self.workers.cancel_group(self, "suggest")
        self.query_one("#suggestions").display = False
        if event.value.strip():
            self._search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, text: str) -> None:
        worker = get_current_worker()  # cancelled by the next search (exclusive) or by leaving the screen
        try:
            hits = self.store.search(text, limit=200, cancelled=lambda: worker.is_cancelled)
        except QuerySyntaxError as exc:
            self.app.call_from_thread(self._status, Text(f"⚠ {exc.message}", style="bold red"))
            return
        except Cancelled:
            return
        self.app.call_from_thread(self._show, text, hits, worker)

    def _show(self, text: str, hits: list[SearchHit], worker: Worker) -> None:
        if worker.is_cancelled:  # a later search started while this one ended: its results are not wanted
            return
        self.hits = hits
        results = self.query_one("#results", OptionList)
        results.clear_options()
        if not hits:
            self._status(Text(f"no articles match {text}", style="bold"))
            self.query_one("#query", Input).focus()
            return
        more = " (first 200)" if len(hits) == 200 else ""
        self._status(
            Text(f"{len(hits)} articles{more} for {text} · Enter opens at the first match", style="dim")
        )
        for k, hit in enumerate(hits):
            a = hit.article
            label = Text()
            label.append(f"{a.published or '—':<10} {a.source or '—'}  ", style="dim")
            label.append(a.title, style="bold")
            label.append("\n")
            label.append_text(highlighted(hit.snippet))
            if hit.matched:
                label.append("\n" + " · ".join(hit.matched), style="dim italic")
            results.add_option(Option(label, id=str(k)))
        cursor = self.location.cursor if self.location.target == text else None
        results.highlighted = cursor if cursor is not None and cursor < len(hits) else 0
        results.focus()
        # the list grows by a few lines per hit: settle the scroll once it is laid out, without animation
        self.call_after_refresh(results.scroll_to_highlight, top=False)

    @on(OptionList.OptionSelected, "#results")
    def _open(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        self.app.navigate(Location("article", hit.article.id, offset=hit.offset))

    def action_to_results(self) -> None:
        suggestions = self.query_one("#suggestions", OptionList)
        if suggestions.display:
            suggestions.focus()
        elif self.hits:
            self.query_one("#results", OptionList).focus()
