"""The quote pane: each quote of the article, abridged, with its speaker and cue."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.models import Quote

from ..text import KIND_STYLE, QUOTE_STYLE, abridge


def quote_label(q: Quote, width: int = 110) -> Text:
    """ "Speaker (cue): “abridged words…”" as Text."""
    label = Text()
    label.append(q.speaker_name or "unattributed", style=KIND_STYLE["person"] if q.speaker_name else "dim")
    if q.cue:
        label.append(f" ({q.cue})", style="dim")
    label.append(" partial" if q.kind == "partial" else "", style="dim italic")
    label.append("\n“" + abridge(q.text, width) + "”", style=QUOTE_STYLE)
    return label


class QuotePane(OptionList):
    """Highlight a quote to scroll the body to it; Enter shows it whole; s jumps to the speaker."""

    BINDINGS = [
        Binding("enter", "show", "Show quote"),
        Binding("s", "speaker", "Speaker"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

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

    def show(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.clear_options()
        if quotes:
            self.add_options([Option(quote_label(q), id=f"q{q.id}") for q in quotes])
        else:
            self.add_option(Option(Text("no quotes in this article", style="dim"), disabled=True))
        self.highlighted = None

    @property
    def quote(self) -> Quote | None:
        if self.highlighted is None or not self.quotes:
            return None
        return self.quotes[self.highlighted] if self.highlighted < len(self.quotes) else None

    def select_quote(self, quote_id: int) -> None:
        for k, q in enumerate(self.quotes):
            if q.id == quote_id:
                self.highlighted = k
                return

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Focused(self.quote))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_show()

    def action_show(self) -> None:
        if (q := self.quote) is not None:
            self.post_message(self.Show(q))

    def action_speaker(self) -> None:
        if (q := self.quote) is not None:
            self.post_message(self.Speaker(q))
