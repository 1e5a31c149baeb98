"""Help: every key binding, by where it applies, generated from the registry in ``tui.keys`` (so it stays true
and help imports no screen), with the keys a user's keymap gives them."""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import keys


def _keys(binding: Binding, keymap: Mapping[str, str]) -> str:
    """The keys of a binding as the user presses them: the keymap's, when it rebinds it."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "less_than_sign": "<",
        "greater_than_sign": ">",
        "left_curly_bracket": "{",
        "right_curly_bracket": "}",
    }
    key = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return " ".join(names.get(k.strip(), k.strip()) for k in key.split(","))


def bindings_table(groups: list[tuple[str, list[Binding]]], keymap: Mapping[str, str] | None = None) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2), expand=True)
    table.add_column("key", style="bold", no_wrap=True)
    table.add_column("does")
    for title, entries in groups:
        table.add_row(Text(title, style="bold underline"), "")
        for b in entries:
            if b.description:
                does = Text(b.description)
                if b.id:
                    does.append(f"  {b.id}", style="dim")  # the keymap's name for it
                table.add_row(Text(_keys(b, keymap or {})), does)
        table.add_row("", "")
    return table


class HelpScreen(ModalScreen):
    """Every binding of the app, with the keys the user's keymap gives them and the ids it names them by."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box { width: 90%; max-width: 120; height: 90%; background: $panel; padding: 1 2; border: tall $accent; }
    """

    BINDINGS = keys.HELP

    def compose(self) -> ComposeResult:
        keymap: Mapping[str, str] = getattr(self.app, "keymap", {})
        self.table = bindings_table(keys.SECTIONS, keymap)
        where = getattr(self.app, "settings_path", None)
        with VerticalScroll(id="help-box"):
            yield Static(Text("newsdesk — keys", style="bold"))
            if where is not None:
                yield Static(Text(f"rebind a key by its id in the [keymap] table of {where}", style="dim"))
            yield Static(self.table)
