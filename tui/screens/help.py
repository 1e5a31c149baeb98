"""Help: every key binding, by where it applies, read from the bindings themselves so it stays true."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _keys(binding: Binding) -> str:
    names = {"question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]"}
    return " ".join(names.get(k, k) for k in binding.key.split(","))


def bindings_table(groups: list[tuple[str, list[Binding]]]) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2), expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("does")
    for title, bindings in groups:
        table.add_row(Text(title, style="bold underline"), "")
        for b in bindings:
            if b.description:
                table.add_row(Text(_keys(b)), Text(b.description))
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen):
    """Every binding of the app."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box { width: 90%; max-width: 110; height: 90%; background: $panel; padding: 1 2; border: tall $accent; }
    """

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        from ..app import NewsdeskApp
        from ..widgets.article_body import ArticleBody
        from ..widgets.article_list import ArticleList
        from ..widgets.entity_pane import EntityPane
        from ..widgets.quote_pane import QuotePane
        from .entity import EntityScreen
        from .main import MainScreen
        from .quote import QuoteScreen
        from .search import SearchScreen

        groups = [
            (
                "Everywhere",
                [
                    *NewsdeskApp.BINDINGS,
                    Binding("ctrl+p", "", "Command palette: every action and entity"),
                    Binding("tab,shift+tab", "", "Next / previous pane"),
                ],
            ),
            ("Main screen", MainScreen.BINDINGS),
            ("Article list", ArticleList.BINDINGS),
            ("Article body", ArticleBody.BINDINGS),
            ("Entity pane", EntityPane.BINDINGS),
            ("Quote pane", QuotePane.BINDINGS),
            ("Entity page", EntityScreen.BINDINGS),
            ("Search", [*SearchScreen.BINDINGS, Binding("enter", "", "Search / open the result")]),
            ("Quote", QuoteScreen.BINDINGS),
        ]
        self.table = bindings_table(groups)
        with VerticalScroll(id="help-box"):
            yield Static(Text("newsdesk — keys", style="bold"))
            yield Static(self.table)
