"""One-widget bars: the title bar, the key bar, and plain lines of text such as the status line.

Textual's Header and Footer mount a widget per part (the Footer one per key, recomposed at every focus change),
which cost more at start-up and on every move between panes than the rest of the main screen together. A
``TextLines`` draws its lines straight to segments, once per change: no markup, no wrapping, no layout pass on
update.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget


class TextLines(Widget):
    """Lines of rich ``Text`` drawn as they are (article text is data, never markup): each line cut to the
    width with an ellipsis, centred when ``center``."""

    def __init__(self, text: Text | str = "", *, center: bool = False, id: str | None = None):
        super().__init__(id=id)
        self._text = Text(text) if isinstance(text, str) else text
        self._center = center
        self._strips: tuple[int, list[Strip]] | None = None  # (width, one strip per line)

    def text(self) -> Text:
        """What to draw; subclasses compute it."""
        return self._text

    def update(self, text: Text) -> None:
        """Draw ``text`` instead (a repaint, not a layout: the size stays what CSS gives it); the same text again
        costs nothing."""
        if text != self._text:
            self._text = text
            self.invalidate()

    def invalidate(self) -> None:
        """Draw again at the next refresh (what ``text`` returns may have changed)."""
        self._strips = None
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = None  # a new theme, focus or colour

    def render(self) -> Text:
        return self.text()

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        if self._strips is None or self._strips[0] != width:
            self._strips = (width, self._draw(width))
        strips = self._strips[1]
        return strips[y] if y < len(strips) else Strip.blank(width, self.rich_style)

    def _draw(self, width: int) -> list[Strip]:
        base = self.rich_style
        console = self.app.console
        strips = []
        for line in self.text().split("\n", allow_blank=True):
            line.end = ""
            if line.cell_len > width:
                line.truncate(width, overflow="ellipsis")
            elif self._center:
                line.pad_left((width - line.cell_len) // 2)
            segments = [Segment(s.text, base + s.style if s.style else base) for s in line.render(console)]
            strips.append(Strip(segments).adjust_cell_length(width, base))
        return strips


class TitleBar(TextLines):
    """The app's title and the screen's subtitle (an article title: shown as text, never markup)."""

    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; background: $panel; color: $foreground; text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__(center=True)

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", lambda _: self.invalidate(), init=False)

    def text(self) -> Text:
        text = Text(self.app.title)
        if self.screen.sub_title:
            text.append(" — ").append(Text(self.screen.sub_title, style="not bold"))
        return text


class KeyBar(TextLines):
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
        self._shown: list[tuple[str, str, bool, str]] | None = None  # the keys drawn; None: to be read

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen:
            return
        keys = self._keys()
        if keys != self._shown:  # focus moved, but the keys may be the same
            self._shown = keys
            self.invalidate()

    def _keys(self) -> list[tuple[str, str, bool, str]]:
        """The keys to show, one per action: (key as shown, description, enabled, key to press)."""
        keys, actions = [], set()
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if (not binding.show and key != palette) or binding.action in actions:
                continue
            actions.add(binding.action)
            keys.append(
                (self.app.get_key_display(binding), binding.description, enabled, binding.key.split(",")[0])
            )
        return keys

    PINNED = ("question_mark",)  # always in the bar, however narrow: the way to every other key

    def _fitting(self, keys: list[tuple[str, str, bool, str]]) -> list[tuple[str, str, bool, str]]:
        """The keys that fit the bar's width, in order, the pinned ones kept: the last of the others go first."""
        width = self.content_size.width or self.app.size.width
        cells = [cell_len(f" {shown} {description} ") for shown, description, _, _ in keys]
        keep = [True] * len(keys)
        for k in reversed(range(len(keys))):
            if sum(c for c, kept in zip(cells, keep, strict=True) if kept) <= width:
                break
            if keys[k][3] not in self.PINNED:
                keep[k] = False
        return [key for key, kept in zip(keys, keep, strict=True) if kept]

    def text(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        text = Text()
        if self._shown is None:
            self._shown = self._keys()
        self._spans = []
        for shown, description, enabled, key in self._fitting(self._shown):
            start = text.cell_len
            text.append(f" {shown} ", key_style)
            text.append(f"{description} ", description_style + Style(dim=not enabled))
            self._spans.append((start, text.cell_len, key))
        return text

    def on_click(self, event: Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
