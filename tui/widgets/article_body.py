"""The body pane: an article laid out as lines, mentions and quotes marked, a cursor on the current linked item.

A ScrollView that wraps the text itself, so every line knows which characters of the article it shows: the
cursor, a marked entity and a selected quote are painted on the visible lines only, and moving the cursor in a
20,000-word article costs what it does in a short one.

A long article (a 10 MB single paragraph, 10,000 quotes) is laid out in a worker thread: its first screens are
wrapped at once so that its start shows, and the whole layout and its linked items arrive when the worker is
done; keys keep working meanwhile.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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
SYNC_CHARS = 200_000  # an article up to this long is laid out on the spot; a longer one in a worker
SYNC_ITEMS = 20_000  # and so is one with more linked items than this
HEAD_LINES = 300  # lines wrapped at once for an article laid out in a worker: its start, shown meanwhile
_STRETCH = 128  # lines (items) a worker handles between pauses: about a millisecond


def _let_ui_run() -> None:
    """A worker's pause: sleeping lets go of the interpreter, so that the UI thread, which wants it back after
    every wait for input, gets it at once rather than after the 5 ms switch interval (a key press takes dozens
    of such waits)."""
    time.sleep(0.0001)


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


def odd_cells(text: str) -> re.Pattern | None:
    """A pattern matching the characters of ``text`` that do not take exactly one cell (wide, zero-width), or
    None when it has none: so wrapping asks one C-speed search per line, not a width per character."""
    odd = [c for c in set(text) if cell_len(c) != 1]
    return re.compile("[" + "".join(re.escape(c) for c in odd) + "]") if odd else None


_MEASURE = re.compile("")  # ``odd`` not known: measure each line


def _narrow(text: str, start: int, end: int, odd: re.Pattern | None) -> bool:
    """Whether every character of ``text[start:end]`` takes one cell."""
    if odd is _MEASURE:
        return cell_len(text[start:end]) == end - start
    return odd is None or not odd.search(text, start, end)


def wrap_offsets(
    text: str,
    start: int,
    end: int,
    width: int,
    max_lines: int | None = None,
    odd: re.Pattern | None = _MEASURE,
) -> list[tuple[int, int]]:
    """Word wrap of ``text[start:end]`` to ``width`` cells, as (start, end) offsets into ``text`` (the first
    ``max_lines`` lines only, when given; ``odd``: ``odd_cells`` of the text, when the caller has it).

    Lines break at spaces (a word longer than a line is cut); the breaking space belongs to no line. Linear in
    the length, with string searches rather than a loop over words.
    """
    width = max(1, width)
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end and (max_lines is None or len(out) < max_lines):
        while pos < end and text[pos] == " ":
            pos += 1
        if pos >= end:
            break
        limit = min(end, pos + width)
        if _narrow(text, pos, limit, odd):  # one cell per character: the common case
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


@dataclass(slots=True)
class Links:
    """An article's linked items in text order, with the indexes that keep every lookup off a scan."""

    items: list[LinkItem] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    quotes: list[LinkItem] = field(default_factory=list)
    quote_reach: list[int] = field(default_factory=list)  # the furthest end of the quotes up to each one
    mentions: list[LinkItem] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    by_entity: dict[int, list[int]] = field(default_factory=dict)  # entity id → its mentions' item indexes
    by_quote: dict[int, int] = field(default_factory=dict)  # quote id → item index


def build_links(
    mentions: Iterable[Mention],
    entities: dict[int, Entity],
    quotes: Iterable[Quote],
    pause: Callable[[], None] | None = None,
) -> Links:
    """The linked items of an article: its mentions (of entities in ``entities``) and its quotes (``pause``:
    called every ``_STRETCH`` items, as in ``lay_out``)."""
    items: list[LinkItem] = []
    for m in mentions:
        if m.entity_id in entities:
            items.append(LinkItem(m.start, m.end, "mention", m.entity_id, entities[m.entity_id].kind))
            if pause is not None and len(items) % _STRETCH == 0:
                pause()
    items += [LinkItem(q.start, q.end, "quote", q.id) for q in quotes]
    items.sort(key=lambda i: (i.start, i.kind != "quote", i.end))  # two sorted runs: a merge
    links = Links(items, [i.start for i in items])
    reach = 0
    for k, item in enumerate(items):
        if pause is not None and k % _STRETCH == 0:
            pause()
        if item.kind == "quote":
            links.quotes.append(item)
            reach = max(reach, item.end)
            links.quote_reach.append(reach)
            links.by_quote.setdefault(item.ref, k)
        else:
            links.mentions.append(item)
            links.mention_starts.append(item.start)
            links.by_entity.setdefault(item.ref, []).append(k)
    return links


@dataclass(slots=True)
class Layout:
    """An article wrapped to a width: its screen lines and where the article's characters start on them."""

    width: int
    lines: list[Line]
    line_index: list[int]  # the lines that show article text
    line_starts: list[int]  # the offset each of those starts at
    whole: bool = True  # False: only the first lines


def lay_out(
    article: Article, width: int, limit: int | None = None, pause: Callable[[], None] | None = None
) -> Layout:
    """Title, meta line, then the blocks, wrapped to ``width`` (stopping after about ``limit`` lines; calling
    ``pause`` every ``_STRETCH`` lines, where a worker thread lets the UI thread have the interpreter)."""
    a = article
    lines: list[Line] = []
    seen: set[str] = set()
    odd = odd_cells(a.text) if limit is None else _MEASURE  # a few lines: measuring them is cheaper

    def full() -> bool:
        return limit is not None and len(lines) >= limit

    def add_line(start: int, end: int, style: str) -> None:
        """One line of the article (no line break in it), wrapped a stretch at a time, pausing in between."""
        pos = start
        while not full():
            room = _STRETCH if limit is None else min(_STRETCH, limit - len(lines))
            part = wrap_offsets(a.text, pos, end, width, room, odd)
            if pos > start and part == [(pos, pos)]:
                break  # only spaces were left
            lines.extend(Line(s, e, style) for s, e in part)
            pos = part[-1][1]
            if pos >= end or len(part) < room:
                break
            if pause is not None:
                pause()

    def add_block(start: int, end: int, style: str) -> None:
        line_start = start
        while not full():  # a block may hold line breaks (an article without blocks): each starts a line
            newline = a.text.find("\n", line_start, end)
            add_line(line_start, end if newline < 0 else newline, style)
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
        if full():
            break
        piece = a.text[b.start : b.end] if b.kind in ("caption", "credit") else ""
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
    line_index = [k for k, line in enumerate(lines) if line.start is not None]
    starts = [lines[k].start for k in line_index]
    return Layout(width, lines, line_index, starts, whole=not full())  # type: ignore[arg-type]


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
        self._links = Links()
        self._marked_starts: list[int] = []
        self._requested: tuple[int | None, int | None, int | None] = (None, None, None)
        self._generation = 0  # bumped by every article shown (or cleared): a worker's stale result is dropped
        self._wanted_width = 0  # the width a layout worker is busy with
        self.laying_out = False  # a worker is laying the article out (or linking its items)
        self._linked = True  # the items of the article shown are in
        self._whole = True  # the lines are the whole article's, not only its first ones
        self._awaiting_request = False  # ``show``'s cursor and scroll wait for a worker

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
        """Show an article; put the cursor on the item at ``offset`` or index ``cursor``; restore ``scroll``.

        A long article shows its first lines at once and is laid out (and its items linked) in a worker; the
        cursor and scroll asked for are applied when the worker is done."""
        self._generation += 1
        self.article = article
        self._entities = entities
        self._set_links(Links())
        self.marked_entity = None
        self._marked_spans = []
        self._marked_starts = []
        self.selected_quote = None
        self.cursor = None
        self._width = self._wanted_width = 0
        self._requested = (offset, cursor, scroll)
        large = len(article.text) > SYNC_CHARS or len(mentions) + len(quotes) > SYNC_ITEMS
        self.laying_out = self._awaiting_request = large
        self._linked = not large
        self._forget_layout()  # until it is laid out: a pane with no width yet (a sliver of a terminal) waits
        if large:
            self._start_large(self._generation, (mentions, entities, quotes), wait=True)
            return
        self._set_links(build_links(mentions, entities, quotes))
        self._relayout()
        self._apply_request()

    def _set_links(self, links: Links) -> None:
        self._links = links
        self.items = links.items
        self._starts = links.starts

    def _apply_request(self) -> None:
        """Put the cursor and scroll where ``show`` asked, once the items and the layout are there."""
        offset, cursor, scroll = self._requested
        if cursor is not None and 0 <= cursor < len(self.items):
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
        self._generation += 1
        self.article = None
        self._set_links(Links())
        self._forget_layout()
        self.cursor = None
        self.laying_out = self._awaiting_request = False
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
        indexes = self._links.by_entity.get(entity_id, []) if entity_id is not None else []
        self._marked_spans = [(self.items[k].start, self.items[k].end) for k in indexes]
        self._marked_starts = [s for s, _ in self._marked_spans]
        self.refresh()

    def select_quote(self, quote_id: int | None, reveal: bool = True) -> None:
        """Tint a quote (the quote pane's selection) and scroll it into view."""
        k = self._links.by_quote.get(quote_id) if quote_id is not None else None
        item = self.items[k] if k is not None else None
        self.selected_quote = (item.start, item.end) if item else None
        if item is not None:
            self.cursor = k
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
        links = self._links
        # quotes may start many lines above: the first one reaching into this line, by the running furthest end
        for item in links.quotes[bisect_right(links.quote_reach, start) :]:
            if item.start >= end:
                break
            if item.end > start:
                text.stylize(QUOTE_STYLE, max(item.start, start) - start, min(item.end, end) - start)
        k = bisect_right(links.mention_starts, start - _LONGEST_MENTION)
        for item in links.mentions[k:]:
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
        """Wrap to the pane's width: on the spot for a short article, in a worker for a long one. A pane just made
        visible has no width until its next layout (``on_resize`` comes then): wrapping it to a stand-in width
        would flash a ten-column article."""
        if self.article is None or not self.scrollable_content_region.width:
            return
        width = max(10, self.scrollable_content_region.width)
        if width == self._width:
            return
        if not self._linked or len(self.article.text) > SYNC_CHARS:
            if width != self._wanted_width and self._wanted_width:
                self._wanted_width = width
                self.laying_out = True
                self._lay_out_whole(self._generation, self.article, width, None)
            return
        self._install(lay_out(self.article, width))

    def _forget_layout(self) -> None:
        """No lines: the lines and the indexes into them are dropped together, or a lookup in one would index
        the other's stale entries (the last article's, after ``clear``)."""
        self._lines, self._line_index, self._line_starts = [], [], []

    def _install(self, layout: Layout) -> None:
        self._width = layout.width
        self._whole = layout.whole
        self._lines = layout.lines
        self._line_index = layout.line_index
        self._line_starts = layout.line_starts
        self.virtual_size = Size(layout.width, len(layout.lines))

    def _start_large(self, generation: int, link: tuple, wait: bool) -> None:
        """Show a long article's first lines at once and start the worker for the rest (once the pane has a
        width: a pane just made visible gets it at the next refresh)."""
        if generation != self._generation or self.article is None:
            return
        if not self.scrollable_content_region.width and wait:
            self.call_after_refresh(self._start_large, generation, link, False)
            return
        self._install(lay_out(self.article, max(10, self.scrollable_content_region.width), limit=HEAD_LINES))
        self._wanted_width = self._width
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()
        self._lay_out_whole(generation, self.article, self._width, link)

    def _lay_out_whole(
        self,
        generation: int,
        article: Article,
        width: int,
        link: tuple[list[Mention], dict[int, Entity], list[Quote]] | None,
    ) -> None:
        """In a worker thread: the article's items linked (when ``link`` is given) and its whole layout. (Not
        ``@work``: it describes a worker by the repr of its arguments, a 10 MB text among them.)"""

        def job() -> None:
            links = build_links(*link, pause=_let_ui_run) if link is not None else None
            layout = lay_out(article, width, pause=_let_ui_run)
            self.app.call_from_thread(self._laid_out, generation, layout, links)

        self.run_worker(job, thread=True, group="body-layout", description=f"lay out at width {width}")

    def _laid_out(self, generation: int, layout: Layout, links: Links | None) -> None:
        """A worker's result: the items (first worker only) and the layout, if still wanted."""
        if generation != self._generation:
            return  # another article by now
        if links is not None:
            self._set_links(links)
            self._linked = True
        if layout.width == self._wanted_width:
            self._install(layout)
        if not (self._linked and self._whole and self._width == self._wanted_width):
            return  # a worker for the current width, or the one linking the items, is still at work
        self.laying_out = False
        if self._awaiting_request:
            self._awaiting_request = False
            if any(x is not None for x in self._requested):
                self._apply_request()  # else the user may have scrolled meanwhile: the view stays
        elif (item := self.current) is not None:
            self._reveal(item.start)
        self.refresh()

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
        k = bisect_right(self._marked_starts, start - _LONGEST_MENTION)
        for s, e in self._marked_spans[k:]:
            if s >= end:
                break
            if e > start:
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
            k = bisect_left(self._line_index, self.scroll_offset.y)
            offset = self._lines[self._line_index[k]].start if k < len(self._line_index) else 0
            self.cursor = (
                self._item_at(offset or 0) if direction > 0 else max(0, (self._item_at(offset or 0) or 1) - 1)
            )
        else:
            self.cursor = max(0, min(len(self.items) - 1, self.cursor + direction))
        self._moved()

    def step_among(self, direction: int, ref: int) -> bool:
        """Move to the next/previous mention of one entity, wrapping around the article like vim's ``n``."""
        mine = self._links.by_entity.get(ref, [])
        if not mine:
            return False
        here = self.cursor if self.cursor is not None else (-1 if direction > 0 else len(self.items))
        if direction > 0:
            k = bisect_right(mine, here)
            self.cursor = mine[k] if k < len(mine) else mine[0]
        else:
            k = bisect_left(mine, here) - 1
            self.cursor = mine[k] if k >= 0 else mine[-1]
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

    # force: a scroll asked for just after the lines changed (an article opening, its layout arriving) would
    # otherwise be dropped, the widget not yet knowing that it has something to scroll
    def action_scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + delta, animate=False, force=True)

    def action_scroll_page(self, direction: int) -> None:
        self.scroll_to(
            y=self.scroll_offset.y + direction * max(1, self.scrollable_content_region.height - 1),
            animate=False,
            force=True,
        )

    def action_edge(self, end: int) -> None:
        self.scroll_to(y=self.max_scroll_y if end else 0, animate=False, force=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
