"""A quote shown whole, with its speaker, cue and citation."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from store.models import Article, Entity, Quote

from .. import keys
from ..text import palette
from ..widgets.bars import KeyBar
from ..widgets.quote_pane import source_text


class QuoteScreen(ModalScreen):
    """The quote and who said it; Enter or p opens the speaker's page."""

    DEFAULT_CSS = """
    QuoteScreen { align: center middle; }
    #quote-box { width: 80%; max-width: 100; height: auto; max-height: 80%; background: $panel; padding: 1 2;
                 border: tall $accent; }
    """

    BINDINGS = keys.QUOTE

    def __init__(self, quote: Quote, article: Article, speaker: Entity | None):
        super().__init__()
        self.quote = quote
        self.article = article
        self.speaker = speaker

    def compose(self) -> ComposeResult:
        q, a = self.quote, self.article
        colours = palette(self.app)
        text = Text()
        text.append("“" + q.text + "”", style=colours.quote)
        text.append("\n\n— ")
        text.append_text(source_text(q, a.text, colours))
        if self.speaker is not None and self.speaker.role:
            text.append(f", {self.speaker.role}", style="italic")
        text.append(f"\n{q.kind} quote" + (f" · cue: {q.cue}" if q.cue else ""), style="dim")
        text.append(f"\n{a.title}", style="dim")
        text.append(f"\n{' · '.join(x for x in (a.source, a.published) if x)}", style="dim")
        with VerticalScroll(id="quote-box"):
            yield Static(text)
        yield KeyBar()

    def action_speaker(self) -> None:
        if self.quote.speaker_id is None:
            self.notify("this quote has no known speaker")
            return
        from ..history import Location

        self.dismiss()
        self.app.navigate(Location("entity", self.quote.speaker_id))

    def action_copy(self) -> None:
        self.app.copy_quote(self.quote, self.article)
