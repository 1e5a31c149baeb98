"""A list that builds only the entries on screen: the base of the entity and quote panes.

Like the article list, a ScrollView drawing line by line: each entry has a height known without drawing it (the
subclass says how many rows it takes), so 10,000 quotes cost a list of 10,000 small integers, and an entry's Text
is built when it scrolls into view. Keys and highlight behave like Textual's OptionList.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets.option_list import Option

_CACHE = 256  # rendered entries kept (a few screens' worth)


class LazyList(ScrollView, can_focus=True):
    """Entries of fixed, known heights; a highlighted entry; Enter selects it. Subclasses fill ``_heights``
    (through ``set_entries``) and draw an entry in ``entry_lines``."""

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES = {"lazy-list--highlighted", "lazy-list--disabled"}
    DEFAULT_CSS = """
    LazyList { background: $surface; padding: 0 1; overflow-x: hidden; }
    LazyList > .lazy-list--highlighted {
        color: $block-cursor-blurred-foreground; background: $block-cursor-blurred-background;
    }
    LazyList:focus { background-tint: $foreground 5%; }
    LazyList:focus > .lazy-list--highlighted {
        color: $block-cursor-foreground; background: $block-cursor-background; text-style: $block-cursor-text-style;
    }
    LazyList > .lazy-list--disabled { color: $text-disabled; }
    """

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._tops: list[int] = [0]  # first row of each entry, then the total
        self._highlighted: int | None = None
        self._cache: LRUCache[tuple[int, int], list[Text]] = LRUCache(_CACHE)
        self._drawn: set[int] = set()  # entries drawn since the last ``set_entries``, at any width

    # ---------------------------------------------------------------------------------------- for subclasses
    def set_entries(self, heights: list[int]) -> None:
        """Start again with entries of these heights (rows); nothing is drawn until it is on screen."""
        self._tops = [0, *accumulate(heights)]
        self._highlighted = None
        self._cache.clear()
        self._drawn.clear()
        self.virtual_size = Size(0, self._tops[-1])
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()

    def add_entries(self, heights: list[int]) -> None:
        """More entries after those there (a next page): the highlight and the scroll stay."""
        total = self._tops[-1]
        self._tops.extend(total + top for top in accumulate(heights))
        self.virtual_size = Size(0, self._tops[-1])
        self.refresh()

    def entry_lines(self, index: int, width: int) -> list[Text]:
        """The rows of one entry at ``width`` cells (exactly its height in rows)."""
        raise NotImplementedError

    def entry_disabled(self, index: int) -> bool:
        """Whether an entry cannot be highlighted (a heading, a placeholder)."""
        return False

    def highlight_changed(self, index: int | None) -> None:
        """Called when the highlight moves."""

    def selected(self, index: int) -> None:
        """Called on Enter or a click on an entry."""

    # ---------------------------------------------------------------------------------------- the highlight
    @property
    def option_count(self) -> int:
        return len(self._tops) - 1

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = self._enabled_from(max(0, min(index, self.option_count - 1)), 1)
        if index == self._highlighted:
            return
        self._highlighted = index
        if index is not None:
            self._keep_visible(index)
        self.refresh()
        self.highlight_changed(index)

    def _enabled_from(self, index: int, step: int) -> int | None:
        """The first enabled entry from ``index`` going ``step``, else going the other way, else None."""
        for direction in (step, -step):
            k = index
            while 0 <= k < self.option_count:
                if not self.entry_disabled(k):
                    return k
                k += direction
        return None

    def _keep_visible(self, index: int) -> None:
        top, bottom = self._tops[index], self._tops[index + 1]
        height = self.scrollable_content_region.height
        y = self.scroll_offset.y
        if top < y:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif height and bottom > y + height:
            self.scroll_to(y=max(top, bottom - height), animate=False, immediate=True, force=True)

    def _step(self, direction: int) -> None:
        if not self.option_count:
            return
        if self._highlighted is None:
            self.highlighted = 0 if direction > 0 else self.option_count - 1
            return
        k = self._highlighted + direction
        while 0 <= k < self.option_count and self.entry_disabled(k):
            k += direction
        if 0 <= k < self.option_count:
            self.highlighted = k

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        self.highlighted = 0 if self.option_count else None

    def action_last(self) -> None:
        if self.option_count:
            self.highlighted = self._enabled_from(self.option_count - 1, -1)

    def action_page(self, direction: int) -> None:
        if not self.option_count:
            return
        here = self._tops[self._highlighted] if self._highlighted is not None else self.scroll_offset.y
        page = max(1, self.scrollable_content_region.height)
        row = max(0, min(self._tops[-1] - 1, here + direction * page))
        index = self._entry_at(row)
        self.highlighted = self._enabled_from(index, direction)

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.selected(self._highlighted)

    def _entry_at(self, row: int) -> int:
        return max(0, min(self.option_count - 1, bisect_right(self._tops, row) - 1))

    # ---------------------------------------------------------------------------------------- drawing
    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if row >= self._tops[-1] or width <= 0:
            return Strip.blank(width, base)
        index = self._entry_at(row)
        lines = self._lines(index, width)
        offset = row - self._tops[index]
        text = lines[offset] if offset < len(lines) else Text("")
        style = base
        if index == self._highlighted:
            style = base + self.get_component_rich_style("lazy-list--highlighted")
        elif self.entry_disabled(index):
            style = base + self.get_component_rich_style("lazy-list--disabled")
        segments = [
            Segment(s.text, style + s.style if s.style else style)
            for s in text.render(self.app.console)
            if s.text != "\n"
        ]
        return Strip(segments).adjust_cell_length(width, style)

    def _lines(self, index: int, width: int) -> list[Text]:
        key = (index, width)
        lines = self._cache.get(key)
        if lines is None:
            lines = [line.copy() for line in self.entry_lines(index, width)]
            for line in lines:
                line.no_wrap, line.overflow = True, "ellipsis"
                line.truncate(width, overflow="ellipsis")
            self._cache.set(key, lines)
            self._drawn.add(index)
        return lines

    @property
    def built(self) -> int:
        """How many entries were drawn since the last ``set_entries`` (what laziness saves is visible here); an
        entry drawn again at a new width counts once."""
        return len(self._drawn)

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(0, self._tops[-1])  # rows are cut to the width: nothing to scroll across

    # ---------------------------------------------------------------------------------------- keys and mouse
    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < self._tops[-1]:
            index = self._entry_at(row)
            if not self.entry_disabled(index):
                self.highlighted = index
                self.action_select()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # ---------------------------------------------------------------------------------------- OptionList-like
    def get_option_at_index(self, index: int) -> Option:
        """The entry at ``index`` as an Option (its rows joined), built on demand."""
        if not 0 <= index < self.option_count:
            raise IndexError(index)
        width = max(10, self.scrollable_content_region.width)
        rows = self.entry_lines(index, width)
        return Option(Text("\n").join(rows), disabled=self.entry_disabled(index))

    def clear_options(self) -> None:
        self.set_entries([])


def wrap_rows(text: Text, width: int, rows: int, console) -> list[Text]:
    """``text`` wrapped to ``width`` in at most ``rows`` rows (the last cut with an ellipsis), padded with empty
    rows to exactly ``rows``."""
    lines = list(text.wrap(console, max(1, width)))
    if len(lines) > rows:
        last = lines[rows - 1].copy()
        last.rstrip()
        last.append("…")
        lines = [*lines[: rows - 1], last]
    return lines + [Text("")] * (rows - len(lines))
