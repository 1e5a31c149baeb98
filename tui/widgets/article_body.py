"""The body pane: an article laid out as lines, mentions and quotes marked, a cursor on the current linked item.

A ScrollView that wraps the text itself, so every line knows which characters of the article it shows: the
cursor, a marked entity and a selected quote are painted on the visible lines only, and moving the cursor in a
20,000-word article costs what it does in a short one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.models import Article, Entity, Mention, Quote

from ..text import KIND_STYLE, QUOTE_STYLE

_WORD = re.compile(r"\S+\s*")
_HIDDEN_BLOCKS = {"byline", "date", "source", "url"}
_LONGEST_MENTION = 200  # characters: a mention starting this far before a line cannot reach into it
CURSOR = Style(reverse=True)
MARKED = Style(underline=True, bold=True, bgcolor="#3a3a5a")
SELECTED_QUOTE = Style(bgcolor="#403a1a")


@dataclass(frozen=True, slots=True)
class LinkItem:
    """A linked item in the body: an entity mention or a quote."""

    start: int
    end: int
    kind: str  # "mention" | "quote"
    ref: int  # entity id or quote id
    entity_kind: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: the article characters it shows and their base style, or a line of its own (byline)."""

    start: int | None
    end: int | None
    style: str = ""
    text: Text | None = None


def wrap_offsets(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Word wrap of ``text[start:end]`` to ``width`` cells, as (start, end) offsets into ``text``.

    Lines break at spaces (a word longer than a line is cut); the breaking space belongs to no line. Linear in
    the length: a 10 MB paragraph wraps in a fraction of a second, with string searches rather than a loop
    over words.
    """
    width = max(1, width)
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        while pos < end and text[pos] == " ":
            pos += 1
        if pos >= end:
            break
        limit = min(end, pos + width)
        if cell_len(text[pos:limit]) == limit - pos:  # one cell per character: the common case
            if limit == end:
                out.append((pos, end))
                break
            if text[limit] == " ":
                cut = limit
            else:
                space = text.rfind(" ", pos, limit)
                cut = space if space > pos else limit
        else:  # wide characters (CJK, emoji): measure one by one
            cut, used = pos, 0
            while cut < end and used + cell_len(text[cut]) <= width:
                used += cell_len(text[cut])
                cut += 1
            if cut < end and text[cut] != " ":
                space = text.rfind(" ", pos, cut)
                cut = space if space > pos else max(cut, pos + 1)
        out.append((pos, cut))
        pos = cut
    return out or [(start, start)]


class ArticleBody(ScrollView, can_focus=True):
    """Title, dek, byline, source and date, then the paragraphs, with linked items to walk and follow."""

    BINDINGS = [
        Binding("]", "step(1)", "Next link"),
        Binding("[", "step(-1)", "Prev link"),
        Binding("enter", "follow", "Follow"),
        Binding("up,k", "scroll_lines(-1)", "Up", show=False),
        Binding("down,j", "scroll_lines(1)", "Down", show=False),
        Binding("pageup,ctrl+b", "scroll_page(-1)", "Page up", show=False),
        Binding("pagedown,ctrl+f,space", "scroll_page(1)", "Page down", show=False),
        Binding("home,g", "edge(0)", "Top", show=False),
        Binding("end,G", "edge(1)", "Bottom", show=False),
    ]
    DEFAULT_CSS = "ArticleBody { background: $surface; padding: 0 1; }"

    class Follow(Message):
        """Enter on a linked item."""

        def __init__(self, item: LinkItem):
            super().__init__()
            self.item = item

    class CursorMoved(Message):
        def __init__(self, item: LinkItem | None):
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.article: Article | None = None
        self.items: list[LinkItem] = []
        self._starts: list[int] = []
        self.cursor: int | None = None
        self.marked_entity: int | None = None
        self._marked_spans: list[tuple[int, int]] = []
        self.selected_quote: tuple[int, int] | None = None
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._line_index: list[int] = []
        self._width = 0
        self._entities: dict[int, Entity] = {}
        self._pending_scroll: int | None = None
        self._quotes: list[LinkItem] = []
        self._mentions: list[LinkItem] = []
        self._mention_starts: list[int] = []

    # ---------------------------------------------------------------------------------------- content
    def show(
        self,
        article: Article,
        mentions: list[Mention],
        entities: dict[int, Entity],
        quotes: list[Quote],
        *,
        offset: int | None = None,
        cursor: int | None = None,
        scroll: int | None = None,
    ) -> None:
        """Show an article; put the cursor on the item at ``offset`` or index ``cursor``; restore ``scroll``."""
        self.article = article
        self._entities = entities
        items = [
            LinkItem(m.start, m.end, "mention", m.entity_id, entities[m.entity_id].kind)
            for m in mentions
            if m.entity_id in entities
        ]
        items += [LinkItem(q.start, q.end, "quote", q.id) for q in quotes]
        items.sort(key=lambda i: (i.start, i.kind != "quote", i.end))
        self.items = items
        self._starts = [i.start for i in items]
        self._quotes = [i for i in items if i.kind == "quote"]
        self._mentions = [i for i in items if i.kind == "mention"]
        self._mention_starts = [i.start for i in self._mentions]
        self.marked_entity = None
        self._marked_spans = []
        self.selected_quote = None
        self.cursor = None
        self._width = 0
        self._relayout()
        if cursor is not None and 0 <= cursor < len(items):
            self.cursor = cursor
        elif offset is not None:
            self.cursor = self._item_at(offset)
        self._pending_scroll = scroll if scroll is not None else -1
        self._settle_view()
        # the pane may just have been shown and not be laid out yet: settle again once it is
        self.call_after_refresh(self._settle_view)
        self.refresh()

    def _settle_view(self) -> None:
        """Scroll to what ``show`` asked for, once the pane has its real size."""
        self._relayout()
        if self._pending_scroll is None:
            return
        if self._pending_scroll >= 0:
            self.scroll_to(y=self._pending_scroll, animate=False, immediate=True, force=True)
        elif self.cursor is not None:
            self._reveal(self.items[self.cursor].start, center=True)
        else:
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
        if self.scrollable_content_region.height:
            self._pending_scroll = None

    def clear(self) -> None:
        self.article = None
        self.items = []
        self._lines = []
        self.cursor = None
        self.virtual_size = Size(0, 0)
        self.refresh()

    def _item_at(self, offset: int) -> int | None:
        """The first linked item that starts at or after ``offset`` (or the last one before it)."""
        if not self.items:
            return None
        k = bisect_right(self._starts, offset - 1)
        return min(k, len(self.items) - 1)

    def mark_entity(self, entity_id: int | None) -> None:
        """Mark every mention of an entity (the entity pane's selection)."""
        self.marked_entity = entity_id
        self._marked_spans = [
            (i.start, i.end) for i in self.items if i.kind == "mention" and i.ref == entity_id
        ]
        self.refresh()

    def select_quote(self, quote_id: int | None, reveal: bool = True) -> None:
        """Tint a quote (the quote pane's selection) and scroll it into view."""
        item = next((i for i in self.items if i.kind == "quote" and i.ref == quote_id), None)
        self.selected_quote = (item.start, item.end) if item else None
        if item is not None:
            self.cursor = self.items.index(item)
            if reveal:
                self._reveal(item.start, center=True)
            self.post_message(self.CursorMoved(item))
        self.refresh()

    @property
    def current(self) -> LinkItem | None:
        return self.items[self.cursor] if self.cursor is not None and self.items else None

    # ---------------------------------------------------------------------------------------- layout
    def _line_text(self, line: Line) -> Text:
        """A line's text with the linked items on it styled by kind (built only for lines on screen)."""
        if line.text is not None or line.start is None or line.end is None or self.article is None:
            return line.text or Text("")
        start, end = line.start, line.end
        text = Text(self.article.text[start:end], style=line.style, no_wrap=True)
        for item in self._quotes:  # few, and may start lines above
            if item.start < end and item.end > start:
                text.stylize(QUOTE_STYLE, max(item.start, start) - start, min(item.end, end) - start)
        k = bisect_right(self._mention_starts, start - _LONGEST_MENTION)
        for item in self._mentions[k:]:
            if item.start >= end:
                break
            if item.end > start:
                text.stylize(
                    KIND_STYLE.get(item.entity_kind or "", ""),
                    max(item.start, start) - start,
                    min(item.end, end) - start,
                )
        return text

    def _relayout(self) -> None:
        width = max(10, self.scrollable_content_region.width)
        if self.article is None or width == self._width:
            return
        self._width = width
        a = self.article
        lines: list[Line] = []
        seen: set[str] = set()

        def add_block(start: int, end: int, style: str) -> None:
            line_start = start
            while True:  # a block may hold line breaks (an article without blocks): each starts a line
                newline = a.text.find("\n", line_start, end)
                line_end = end if newline < 0 else newline
                lines.extend(Line(s, e, style) for s, e in wrap_offsets(a.text, line_start, line_end, width))
                if newline < 0:
                    break
                line_start = newline + 1
            lines.append(Line(None, None, text=Text("")))

        blocks = list(a.blocks) or []
        title = next((b for b in blocks if b.kind == "title"), None)
        if title is not None:
            lines.append(Line(None, None, text=Text("")))
            add_block(title.start, title.end, "bold")
            lines.pop()
        meta = " · ".join(x for x in (a.source, a.published, f"By {a.byline}" if a.byline else None) if x)
        if meta:
            lines.append(Line(None, None, text=Text(meta, style="dim")))
        lines.append(Line(None, None, text=Text("")))
        body = [b for b in blocks if b.kind not in _HIDDEN_BLOCKS and b is not title]
        if not blocks:
            body = []
            add_block(0, len(a.text), "")
        for b in body:
            piece = a.text[b.start : b.end]
            if b.kind in ("caption", "credit"):
                if piece in seen or not piece.strip():
                    continue
                seen.add(piece)
                add_block(b.start, b.end, "dim italic")
            elif b.kind == "dek":
                add_block(b.start, b.end, "italic")
            elif b.kind == "contributor":
                add_block(b.start, b.end, "dim")
            elif b.end > b.start:
                add_block(b.start, b.end, "")
        self._lines = lines
        self._line_index = [k for k, line in enumerate(lines) if line.start is not None]
        self._line_starts = [lines[k].start for k in self._line_index]  # type: ignore[misc]
        self.virtual_size = Size(width, len(lines))

    def on_resize(self) -> None:
        if self._pending_scroll is not None:
            self._settle_view()
            return
        self._relayout()
        if self.current is not None:
            self._reveal(self.current.start)

    def _line_of(self, offset: int) -> int:
        k = bisect_right(self._line_starts, offset) - 1
        return self._line_index[max(0, k)] if self._line_index else 0

    def _reveal(self, offset: int, center: bool = False) -> None:
        line = self._line_of(offset)
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        # centred unless already in view and clear of the bottom edge
        if center and not (top <= line < top + max(1, height * 3 // 4)):
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True, force=True)
        elif line < top:
            self.scroll_to(y=line, animate=False, immediate=True, force=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True, force=True)

    # ---------------------------------------------------------------------------------------- drawing
    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        line = self._lines[index]
        text = self._line_text(line)
        if line.start is not None and line.end is not None:
            text = self._overlay(text, line.start, line.end)
        segments = [
            Segment(s.text, base + s.style if s.style else base)
            for s in text.render(self.app.console)
            if s.text != "\n"
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def _overlay(self, text: Text, start: int, end: int) -> Text:
        spans: list[tuple[int, int, Style]] = []
        if self.selected_quote:
            spans.append((*self.selected_quote, SELECTED_QUOTE))
        for s, e in self._marked_spans:
            if s < end and e > start:
                spans.append((s, e, MARKED))
        if (item := self.current) is not None:
            spans.append((item.start, item.end, CURSOR if self.has_focus else CURSOR + Style(dim=True)))
        spans = [(s, e, st) for s, e, st in spans if s < end and e > start]
        if not spans:
            return text
        text = text.copy()
        for s, e, style in spans:
            text.stylize(style, max(s, start) - start, min(e, end) - start)
        return text

    # ---------------------------------------------------------------------------------------- keys
    def action_step(self, direction: int) -> None:
        """Walk the linked items in text order."""
        if not self.items:
            return
        if self.cursor is None:
            top = self.scroll_offset.y
            visible = [k for k in self._line_index if k >= top]
            offset = self._lines[visible[0]].start if visible else 0
            self.cursor = (
                self._item_at(offset or 0) if direction > 0 else max(0, (self._item_at(offset or 0) or 1) - 1)
            )
        else:
            self.cursor = max(0, min(len(self.items) - 1, self.cursor + direction))
        self._moved()

    def step_among(self, direction: int, ref: int) -> bool:
        """Move to the next/previous mention of one entity, wrapping around the article like vim's ``n``."""
        mine = [k for k, item in enumerate(self.items) if item.kind == "mention" and item.ref == ref]
        if not mine:
            return False
        here = self.cursor if self.cursor is not None else (-1 if direction > 0 else len(self.items))
        ahead = [k for k in mine if k > here] if direction > 0 else [k for k in mine if k < here][::-1]
        self.cursor = ahead[0] if ahead else (mine[0] if direction > 0 else mine[-1])
        self._moved()
        return True

    def _moved(self) -> None:
        if (item := self.current) is not None:
            self._reveal(item.start)
        self.refresh()
        self.post_message(self.CursorMoved(self.current))

    def action_follow(self) -> None:
        if (item := self.current) is not None:
            self.post_message(self.Follow(item))

    def action_scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + delta, animate=False)

    def action_scroll_page(self, direction: int) -> None:
        self.scroll_to(
            y=self.scroll_offset.y + direction * max(1, self.scrollable_content_region.height - 1),
            animate=False,
        )

    def action_edge(self, end: int) -> None:
        self.scroll_to(y=self.max_scroll_y if end else 0, animate=False)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
