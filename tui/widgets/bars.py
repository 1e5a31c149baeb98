"""The title bar and the key bar: one widget drawing one line each.

Textual's Header and Footer mount a widget per part (the Footer one per key, recomposed at every focus change),
which cost more at start-up and on every move between panes than the rest of the main screen together.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.screen import Screen
from textual.widget import Widget


class TitleBar(Widget):
    """The app's title and the screen's subtitle (an article title: shown as text, never markup)."""

    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; background: $panel; color: $foreground; text-style: bold;
               text-align: center; }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", lambda _: self.refresh(), init=False)

    def render(self) -> Text:
        text = Text(self.app.title, no_wrap=True, overflow="ellipsis")
        if self.screen.sub_title:
            text.append(" — ").append(Text(self.screen.sub_title, style="not bold"))
        return text


class KeyBar(Widget):
    """The keys that work where the focus is, as one line; a click on a key presses it."""

    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; background: $footer-key-background;
                             text-style: bold; }
    KeyBar > .key-bar--description { color: $footer-description-foreground;
                                     background: $footer-description-background; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str]] = []  # (from x, to x, key) of each key drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        actions: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if (not binding.show and key != palette) or binding.action in actions:
                continue
            actions.add(binding.action)
            start = text.cell_len
            text.append(f" {self.app.get_key_display(binding)} ", key_style)
            text.append(f"{binding.description} ", description_style + Style(dim=not enabled))
            self._spans.append((start, text.cell_len, binding.key.split(",")[0]))
        return text

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
