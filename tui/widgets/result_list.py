"""The search screen's results: a virtual list (entries drawn only on screen), so a search can be paged through
to its last of a million matches without a widget per result."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message

from store.models import SearchHit

from .. import keys
from ..text import highlighted
from .lazy_list import LazyList, wrap_rows

ROWS = 4  # a result: date, source and title; the snippet in up to two rows; what matched


def label(hit: SearchHit) -> Text:
    """A result: date, source and title; the snippet; what matched."""
    a = hit.article
    out = Text()
    out.append(f"{a.published or '—':<10} {a.source or '—'}  ", style="dim")
    out.append(a.title, style="bold")
    out.append("\n")
    out.append_text(highlighted(hit))
    if hit.matched:
        out.append("\n" + " · ".join(hit.matched), style="dim italic")
    return out


class ResultList(LazyList):
    """Search hits, ``ROWS`` rows each, grown a page at a time; Enter or a click opens one."""

    BINDINGS = keys.RESULTS

    class Highlighted(Message):
        """The highlight moved to result ``index`` (None: no result)."""

        def __init__(self, results: ResultList, index: int | None):
            super().__init__()
            self.results, self.index = results, index

        @property
        def control(self) -> ResultList:
            return self.results

    class Chosen(Message):
        """Result ``index`` was chosen (Enter, a click)."""

        def __init__(self, results: ResultList, index: int):
            super().__init__()
            self.results, self.index = results, index

        @property
        def control(self) -> ResultList:
            return self.results

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.hits: list[SearchHit] = []

    def show(self, hits: list[SearchHit]) -> None:
        """Start again with these results."""
        self.hits = list(hits)
        self.set_entries([ROWS] * len(hits))

    def extend(self, hits: list[SearchHit]) -> None:
        """Results after those shown (the next page); the highlight and scroll stay."""
        self.hits.extend(hits)
        self.add_entries([ROWS] * len(hits))

    def entry_lines(self, index: int, width: int) -> list[Text]:
        title, rest = _first_line(label(self.hits[index]))
        console = self.app.console
        return [*wrap_rows(title, width, 1, console), *wrap_rows(rest, width, ROWS - 1, console)]

    def highlight_changed(self, index: int | None) -> None:
        self.post_message(self.Highlighted(self, index))

    def selected(self, index: int) -> None:
        self.post_message(self.Chosen(self, index))


def _first_line(text: Text) -> tuple[Text, Text]:
    """The first line of ``text`` and the rest."""
    cut = text.plain.find("\n")
    return (text, Text()) if cut < 0 else (text[:cut], text[cut + 1 :])
