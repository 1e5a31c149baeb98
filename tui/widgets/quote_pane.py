"""The quote pane: each quote of the article, abridged, with its speaker and cue.

A lazy list (``LazyList``): every quote takes the same rows (its speaker and cue, then the words over two rows),
so an article of 10,000 quotes opens as fast as one of ten, and only the quotes on screen are ever drawn.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message

from store.models import Quote

from .. import keys
from ..text import Palette, abridge, palette
from .lazy_list import LazyList, wrap_rows
from .select_then_open import SelectThenOpen

QUOTE_ROWS = 2  # rows of a quote's words under its speaker line


def source_text(q: Quote, article_text: str, colours: Palette) -> Text:
    """Who spoke, as Text: a named speaker in the person colour, an unnamed source in the article's own words
    ("a spokeswoman"), else "unattributed"."""
    if q.speaker_name:
        return Text().append(q.speaker_name, style=colours.kind("person"))
    if (words := q.source(article_text)) is not None:
        return Text().append(words, style="italic")
    return Text().append("unattributed", style="dim")


def _head(q: Quote, article_text: str, colours: Palette) -> Text:
    """ "Speaker (cue) partial" as Text."""
    head = source_text(q, article_text, colours)
    if q.cue:
        head.append(f" ({q.cue})", style="dim")
    head.append(" partial" if q.kind == "partial" else "", style="dim italic")
    return head


class QuotePane(SelectThenOpen, LazyList):
    """Highlight a quote to scroll the body to it; Enter shows it whole; p opens the speaker's page (s sorts the
    list, as everywhere)."""

    BINDINGS = keys.QUOTE_PANE

    class Focused(Message):
        def __init__(self, quote: Quote | None):
            super().__init__()
            self.quote = quote

    class Show(Message):
        def __init__(self, quote: Quote):
            super().__init__()
            self.quote = quote

    class Speaker(Message):
        def __init__(self, quote: Quote):
            super().__init__()
            self.quote = quote

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.quotes: list[Quote] = []
        self.article_text = ""
        self._index: dict[int, int] = {}

    def show(self, quotes: list[Quote], article_text: str = "") -> None:
        """Show an article's quotes (or a line saying it has none); nothing highlighted. ``article_text``
        gives the words of the sources the article does not name."""
        self.quotes = quotes
        self.article_text = article_text
        self._index = {}
        self.set_entries([1 + QUOTE_ROWS] * len(quotes) if quotes else [1])

    def entry_lines(self, index: int, width: int) -> list[Text]:
        if not self.quotes:
            return [Text("no quotes in this article", style="dim")]
        q = self.quotes[index]
        colours = palette(self.app)
        words = Text("“" + abridge(q.text, QUOTE_ROWS * width + 10) + "”", style=colours.quote)
        return [_head(q, self.article_text, colours), *wrap_rows(words, width, QUOTE_ROWS, self.app.console)]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()  # the quotes are drawn in the theme's colours: a new theme draws them again

    def entry_disabled(self, index: int) -> bool:
        return not self.quotes

    @property
    def quote(self) -> Quote | None:
        if self.highlighted is None or not self.quotes:
            return None
        return self.quotes[self.highlighted] if self.highlighted < len(self.quotes) else None

    def select_quote(self, quote_id: int) -> None:
        if not self._index and self.quotes:
            self._index = {q.id: k for k, q in enumerate(self.quotes)}
        if (k := self._index.get(quote_id)) is not None:
            self.highlighted = k

    def highlight_changed(self, index: int | None) -> None:
        self.post_message(self.Focused(self.quote))

    def selected(self, index: int) -> None:
        self.action_show()

    def action_show(self) -> None:
        if (q := self.quote) is not None:
            self.post_message(self.Show(q))

    def action_speaker(self) -> None:
        if (q := self.quote) is not None:
            self.post_message(self.Speaker(q))
