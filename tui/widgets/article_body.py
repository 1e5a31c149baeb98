"""The body pane: an article laid out as lines, mentions and quotes marked, a cursor on the current linked item.

A ScrollView that wraps the text itself, so every line knows which characters of the article it shows: the
cursor, a marked entity and a selected quote are painted on the visible lines only, and moving the cursor in a
20,000-word article costs what it does in a short one.

A long article (a 10 MB single paragraph, 10,000 quotes) is laid out in a worker thread: its first screens are
wrapped at once so that its start shows, and the whole layout and its linked items arrive when the worker is
done; keys keep working meanwhile.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker, get_current_worker

from store.models import Article, Entity, Mention, Quote

from .. import keys
from ..text import palette
from .body_layout import Layout, Line, LinkItem, Links, build_links, lay_out

SYNC_CHARS = 200_000  # an article up to this long is laid out on the spot; a longer one in a worker
SYNC_ITEMS = 20_000  # and so is one with more linked items than this
HEAD_LINES = 300  # lines wrapped at once for an article laid out in a worker: its start, shown meanwhile
_LONGEST_MENTION = 200  # characters: a mention starting this far before a line cannot reach into it


class _Stopped(Exception):
    """A layout worker was cancelled (another article, another width): it stops where it is."""


CURSOR = Style(reverse=True)


class ArticleBody(ScrollView, can_focus=True):
    """Title, dek, byline, source and date, then the paragraphs, with linked items to walk and follow."""

    BINDINGS = keys.BODY
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
        self.cursor: int | None = None
        self.marked_entity: int | None = None
        self._marked_spans: list[tuple[int, int]] = []
        self.selected_quote: tuple[int, int] | None = None
        self._layout = Layout(0, [], [], [])
        self._entities: dict[int, Entity] = {}
        self._pending_scroll: int | None = None
        self._links = Links()
        self._marked_starts: list[int] = []
        # A long article: the cursor and scroll ``show`` asked for, the items still to link, and the worker
        # laying it out with the width it works to. Another article, or another width, cancels the worker.
        self._requested: tuple[int | None, int | None, int | None] | None = None
        self._to_link: tuple[list[Mention], dict[int, Entity], list[Quote]] | None = None
        self._job: tuple[Worker, int] | None = None

    @property
    def laying_out(self) -> bool:
        """Whether a long article's layout (or its linked items) is still to come from a worker."""
        return self._job is not None or self._to_link is not None

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
        self._stop_layout()
        self.article = article
        self._entities = entities
        self._set_links(Links())
        self.marked_entity = None
        self._marked_spans = []
        self._marked_starts = []
        self.selected_quote = None
        self.cursor = None
        large = len(article.text) > SYNC_CHARS or len(mentions) + len(quotes) > SYNC_ITEMS
        self._forget_layout()  # until it is laid out: a pane with no width yet (a sliver of a terminal) waits
        if large:
            self._requested, self._to_link = (offset, cursor, scroll), (mentions, entities, quotes)
            self._start_large(article, wait=True)
            return
        self._requested = self._to_link = None
        self._set_links(build_links(article, mentions, entities, quotes))
        self._relayout()
        self._apply_request((offset, cursor, scroll))

    def _set_links(self, links: Links) -> None:
        self._links = links
        self.items = links.items

    def _apply_request(self, request: tuple[int | None, int | None, int | None]) -> None:
        """Put the cursor and scroll where ``show`` asked, once the items and the layout are there."""
        offset, cursor, scroll = request
        if cursor is not None and 0 <= cursor < len(self.items):
            self.cursor = cursor
        elif offset is not None:
            self.cursor = self._links.item_at(offset)
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
        self._stop_layout()
        self._requested = self._to_link = None
        self.article = None
        self._set_links(Links())
        self._forget_layout()
        self.cursor = None
        self.virtual_size = Size(0, 0)
        self.refresh()

    def mark_entity(self, entity_id: int | None) -> None:
        """Mark every mention of an entity (the entity pane's selection)."""
        self.marked_entity = entity_id
        indexes = self._links.by_entity.get(entity_id, []) if entity_id is not None else []
        self._marked_spans = sorted((self.items[k].start, self.items[k].end) for k in indexes)
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
        if self.article is None:
            return Text("")
        if line.start is not None and line.end is not None:
            text = Text(self.article.text[line.start : line.end], style=line.style, no_wrap=True)
        else:
            text = (line.text or Text("")).copy()
        links, colours = self._links, palette(self.app)
        for x, start, end in line.shown():
            # quotes may start many lines above: the first one reaching into this line, by the running furthest end
            for item in links.quotes[bisect_right(links.quote_reach, start) :]:
                if item.start >= end:
                    break
                if item.end > start:
                    text.stylize(
                        colours.quote, x + max(item.start, start) - start, x + min(item.end, end) - start
                    )
            k = bisect_right(links.mention_starts, start - _LONGEST_MENTION)
            for item in links.mentions[k:]:
                if item.start >= end:
                    break
                if item.end > start:
                    text.stylize(
                        colours.kind(item.entity_kind),
                        x + max(item.start, start) - start,
                        x + min(item.end, end) - start,
                    )
        return text

    def _relayout(self) -> None:
        """Wrap to the pane's width: on the spot for a short article, in a worker for a long one. A pane just made
        visible has no width until its next layout (``on_resize`` comes then): wrapping it to a stand-in width
        would flash a ten-column article."""
        if self.article is None or not self.scrollable_content_region.width:
            return
        width = max(10, self.scrollable_content_region.width)
        if self._to_link is None and len(self.article.text) <= SYNC_CHARS:
            if width != self._layout.width:
                self._install(lay_out(self.article, width))
            return
        if not self._layout.lines:
            return  # the first lines are not there yet: ``_start_large`` starts the worker
        busy = self._job[1] if self._job is not None else None
        if width != busy and (busy is not None or width != self._layout.width or not self._layout.whole):
            self._lay_out_whole(self.article, width)

    def _forget_layout(self) -> None:
        """No lines: the lines and the indexes into them are dropped together, or a lookup in one would index
        the other's stale entries (the last article's, after ``clear``)."""
        self._layout = Layout(0, [], [], [])

    def _install(self, layout: Layout) -> None:
        self._layout = layout
        self.virtual_size = Size(layout.width, len(layout.lines))

    def _start_large(self, article: Article, wait: bool) -> None:
        """Show a long article's first lines at once and start the worker for the rest (once the pane has a
        width: a pane just made visible gets it at the next refresh)."""
        if article is not self.article:
            return  # another article by now
        if not self.scrollable_content_region.width and wait:
            self.call_after_refresh(self._start_large, article, False)
            return
        self._install(lay_out(article, max(10, self.scrollable_content_region.width), limit=HEAD_LINES))
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()
        self._lay_out_whole(article, self._layout.width)

    def _stop_layout(self) -> None:
        """Cancel the layout worker, if one is at work: its result is no longer wanted."""
        if self._job is not None:
            self._job[0].cancel()
            self._job = None

    def _lay_out_whole(self, article: Article, width: int) -> None:
        """In a worker thread: the article's items linked (if they are still to link) and its whole layout,
        stopping as soon as the worker is cancelled. (Not ``@work``: it describes a worker by the repr of its
        arguments, a 10 MB text among them.)"""
        link = self._to_link

        def job() -> None:
            worker = get_current_worker()

            def pause() -> None:
                if worker.is_cancelled:
                    raise _Stopped

            try:
                links = build_links(article, *link, pause=pause) if link is not None else None
                layout = lay_out(article, width, pause=pause)
            except _Stopped:
                return
            self.app.call_from_thread(self._laid_out, worker, layout, links)

        self._stop_layout()
        worker = self.run_worker(
            job, thread=True, group="body-layout", description=f"lay out at width {width}"
        )
        self._job = (worker, width)

    def _laid_out(self, worker: Worker, layout: Layout, links: Links | None) -> None:
        """A worker's result: the items (if it linked them) and the whole layout, unless cancelled since."""
        if worker.is_cancelled or self._job is None or self._job[0] is not worker:
            return
        self._job = None
        if links is not None:
            self._set_links(links)
            self._to_link = None
        self._install(layout)
        if self._requested is not None:
            request, self._requested = self._requested, None
            if any(x is not None for x in request):
                self._apply_request(request)  # else the user may have scrolled meanwhile: the view stays
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

    def line_of(self, offset: int) -> int:
        """The screen line (from the top of the article) that shows its character at ``offset``."""
        return self._layout.line_of(offset)

    def _reveal(self, offset: int, center: bool = False) -> None:
        line = self._layout.line_of(offset)
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
        if index >= len(self._layout.lines):
            return Strip.blank(width, base)
        line = self._layout.lines[index]
        text = self._overlay(self._line_text(line), line)
        segments = [
            Segment(s.text, base + s.style if s.style else base)
            for s in text.render(self.app.console)
            if s.text != "\n"
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def _overlay(self, text: Text, line: Line) -> Text:
        """The cursor, the marked entity's mentions and the selected quote, painted over a line's text."""
        spans: list[tuple[int, int, Style]] = []
        shown = line.shown()
        if not shown:
            return text
        if self.selected_quote:
            spans.append((*self.selected_quote, palette(self.app).selected_quote))
        for _, start, end in shown:
            k = bisect_right(self._marked_starts, start - _LONGEST_MENTION)
            for s, e in self._marked_spans[k:]:
                if s >= end:
                    break
                if e > start:
                    spans.append((s, e, palette(self.app).marked))
        if (item := self.current) is not None:
            spans.append((item.start, item.end, CURSOR if self.has_focus else CURSOR + Style(dim=True)))
        painted = None
        for x, start, end in shown:
            for s, e, style in spans:
                if s < end and e > start:
                    painted = painted or text.copy()
                    painted.stylize(style, x + max(s, start) - start, x + min(e, end) - start)
        return painted or text

    # ---------------------------------------------------------------------------------------- keys
    def action_step(self, direction: int) -> None:
        """Walk the linked items in text order."""
        if not self.items:
            return
        if self.cursor is None:
            layout = self._layout
            k = bisect_left(layout.line_index, self.scroll_offset.y)
            offset = layout.lines[layout.line_index[k]].start or 0 if k < len(layout.line_index) else 0
            if self.scroll_offset.y <= (layout.meta_line or 0):
                offset = 0  # the top in view: from the first item drawn, the title's or the meta line's
            first = self._links.item_at(offset) or 0
            self.cursor = first if direction > 0 else max(0, first - 1)
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

    def on_click(self, event: Click) -> None:
        """A click on a mention follows it, as Enter does; a click in a quote puts the cursor on it (a second
        click shows it)."""
        at = event.get_content_offset(self)
        if at is None or self.article is None:
            return
        offset = self._layout.offset_at(self.scroll_offset.y + at.y, at.x, self.article.text)
        k = self._links.item_under(offset) if offset is not None else None
        if k is None:
            return
        again = k == self.cursor
        self.cursor = k
        self._moved()
        if self.items[k].kind == "mention" or again or event.chain > 1:
            self.action_follow()

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
