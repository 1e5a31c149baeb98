"""The article list: a virtual list that renders only the rows on screen and loads pages in a worker.

Modelled on toolong's LogLines: a ScrollView with a virtual height of one line per article, ``render_line``
drawing a row from a page cache, and missing pages fetched in a thread. A million rows cost what twenty do.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from store.list_order import ORDERS
from store.models import ArticleSummary
from store.query_syntax import Query

from .. import keys
from ..messages import ListEstimated, ListPage, ListSeen, ListTop, StoreGrew
from ..opening import PAGE, FirstPage
from ..words import counted, roughly

_DIM, _ITALIC = Style(dim=True), Style(italic=True)
WATCH_SECONDS = 2.0  # how often the list looks whether another program (an ingest) has added articles


def _fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` terminal cells: padded, or cut with an ellipsis."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


class ArticleList(ScrollView, can_focus=True):
    """Every article of the store (or of a filter), one per line: date, source, title, people, quotes."""

    BINDINGS = keys.LIST
    COMPONENT_CLASSES = {"article-list--cursor"}
    DEFAULT_CSS = """
    ArticleList { background: $surface; overflow-x: hidden; overflow-y: scroll; }
    ArticleList > .article-list--cursor { background: $accent 40%; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Selected(Message):
        """The user chose an article (Enter or a click on the row under the cursor)."""

        def __init__(self, article_id: int):
            super().__init__()
            self.article_id = article_id

    class Loaded(Message):
        """The list knows how many rows it has."""

        def __init__(self, count: int):
            super().__init__()
            self.count = count

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self.order = "newest"
        self.query: Query | None = None
        self.count = 0
        # False while a filter's matches are counted: ``count`` is then its first page's rows
        self.counted = True
        self.estimate: int | None = None  # while counting: the store's estimate of the count, if it made one
        self._pages: dict[int, list[ArticleSummary]] = {}
        self._asked: set[int] = set()
        self._generation = 0
        self._pass: tuple[int, Style] | None = None
        self._seen: int | None = None  # articles in the store when the list was last read
        self.new = 0  # articles added since (by an ingest running beside the app)
        self._return_to: int | None = (
            None  # the article to put the cursor back on once the list is read again
        )
        self.show_vertical_scrollbar = True  # as overflow-y: scroll has it: in the first layout, not a second

    # ---------------------------------------------------------------------------------------- data
    def reload(self, first: FirstPage | None = None) -> None:
        """Start again (after a new ``order`` or ``query``): drop the cache, count in a worker, fetch the top.

        ``first`` is the count and top page read as the app started, for rows in the very first paint.
        """
        self._generation += 1
        self._pages.clear()
        self._asked.clear()
        self._grown(0)
        if first is not None:
            if self.query is None:
                self._seen = first[0]
            self._counted(self._generation, *first)
            return
        self._seen = None
        generation = self._generation
        self.app.gateway.list_top(  # stopped when the list is asked for again: not wanted
            self, generation, self.order, self.query, lambda: generation != self._generation
        )

    def on_list_top(self, message: ListTop) -> None:
        self._counted(message.generation, message.count, message.top, message.final)

    def on_list_estimated(self, message: ListEstimated) -> None:
        self._estimated(message.generation, message.estimate)

    def on_list_seen(self, message: ListSeen) -> None:
        if message.generation == self._generation:
            self._seen = message.seen

    def _counted(self, generation: int, count: int, first: list[ArticleSummary], final: bool = True) -> None:
        if generation != self._generation:
            return
        self.count = count
        self.counted = final
        self.estimate = None
        self._pages[0] = first
        self._asked.add(0)
        self.virtual_size = Size(0, count)  # rows are cut to the width: nothing to scroll across
        self.cursor = min(self.cursor, max(0, count - 1))
        if self._return_to is not None:
            self.select_id(self._return_to)
            self._return_to = None
        self.refresh()
        self.call_later(
            self.post_message, self.Loaded(count)
        )  # later: at mount, the screen cannot hear it yet

    def _estimated(self, generation: int, estimate: int) -> None:
        if generation == self._generation and not self.counted:
            self.estimate = estimate
            self.post_message(self.Loaded(self.count))

    @property
    def count_text(self) -> str:
        """The count as the status line says it: exact, an estimate while counting, or the rows seen so far."""
        if self.counted:
            return counted(self.count, "article")
        if self.estimate is not None and self.estimate > self.count:
            return f"about {counted(roughly(self.estimate), 'article')}"
        return f"{self.count:,}+ articles"

    # ---------------------------------------------------------------------------------------- a store that grows
    def on_mount(self) -> None:
        self.set_interval(WATCH_SECONDS, self._look)

    def _look(self) -> None:
        if self._seen is not None:
            self.app.gateway.look_for_new(self, self._generation, self._seen)

    def on_store_grew(self, message: StoreGrew) -> None:
        generation, new = message.generation, message.new
        if generation != self._generation or new == self.new:
            return
        if not self.count and new > 0:  # nothing shown yet (opened as an ingest began): nothing to disturb
            self.reload()
            return
        self._grown(max(0, new))

    def _grown(self, new: int) -> None:
        self.new = new
        note = f"{counted(new, 'new article')} — press r" if new else ""
        for header in self.screen.query(ArticleListHeader):
            header.note = note

    def action_reload(self) -> None:
        """Read the list again (after an ingest added articles), the cursor on the article it was on if that is
        among the top rows."""
        current = self.current
        self._return_to = current.id if current is not None else None
        self.reload()

    def on_unmount(self) -> None:
        self.app.gateway.close()

    def _page_request(self, page: int) -> dict:
        """How to ask for ``page`` cheaply: by key from a loaded neighbour, else by position from the nearer end
        (an offset costs the rows skipped; a key or the far end costs one index seek)."""
        above, below = self._pages.get(page - 1), self._pages.get(page + 1)
        if above and len(above) == PAGE:
            return {"limit": PAGE, "after": above[-1]}
        if below:
            return {"limit": PAGE, "before": below[0]}
        start, end = page * PAGE, min(self.count, (page + 1) * PAGE)
        if start > self.count - end:
            return {"limit": end - start, "offset": self.count - end, "from_end": True}
        return {"limit": PAGE, "offset": start}

    def on_list_page(self, message: ListPage) -> None:
        if message.generation == self._generation:
            self._pages[message.page] = message.rows
            self.refresh()

    def row(self, index: int) -> ArticleSummary | None:
        """The article at ``index`` if loaded; asks for its page otherwise."""
        page, slot = divmod(index, PAGE)
        rows = self._pages.get(page)
        if rows is None:
            if page not in self._asked:
                self._asked.add(page)
                generation = self._generation
                self.app.gateway.list_page(
                    self,
                    page,
                    generation,
                    self.order,
                    self.query,
                    self._page_request(page),
                    lambda: generation != self._generation,
                )
            return None
        return rows[slot] if slot < len(rows) else None

    @property
    def current(self) -> ArticleSummary | None:
        return self.row(self.cursor) if self.count else None

    # ---------------------------------------------------------------------------------------- drawing
    def render_lines(self, crop: Region) -> list[Strip]:
        # the width and the base style are the same for every line of one pass: looked up once, not per line
        self._pass = (self.scrollable_content_region.width, self.rich_style)
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width, base = self._pass or (self.scrollable_content_region.width, self.rich_style)
        if index >= self.count:
            return Strip.blank(width, base)
        row = self.row(index)
        style = base
        if index == self.cursor:
            cursor_style = self.get_component_rich_style("article-list--cursor")
            style = (
                base + cursor_style
                if self.has_focus
                else base + Style(bgcolor=cursor_style.bgcolor, dim=True)
            )
        if row is None:
            return Strip([Segment(" …", style + _DIM)]).adjust_cell_length(width, style)
        columns = self._columns(
            row.published or "—", row.source or "—", row.title, f"{row.people:>3} {row.quotes:>3}", width
        )
        looks = (_DIM, _ITALIC, None, _DIM) if len(columns) == 4 else (_DIM, None, _DIM)
        segments = [
            Segment(cell, style + look if look else style) for cell, look in zip(columns, looks, strict=True)
        ]
        return Strip(segments).adjust_cell_length(width, style)

    @staticmethod
    def _columns(date: str, source: str, title: str, counts: str, width: int) -> list[str]:
        """The row's cells, each padded or cut (with …) to its column's width in terminal cells, with the
        space after it: date, source (from 60 columns), title, counts."""
        source_width = 14 if width >= 60 else 0
        title_width = max(8, width - (10 + 1 + source_width + (1 if source_width else 0) + 1 + len(counts)))
        cells = [_fit(date, 10) + " "]
        if source_width:
            cells.append(_fit(source, source_width) + " ")
        cells.append(_fit(title, title_width) + " ")
        cells.append(counts)
        return cells

    @staticmethod
    def header(width: int) -> Text:
        """The column names, aligned with the rows."""
        return Text("".join(ArticleList._columns("date", "source", "title", "ppl quo", width)), style="bold")

    # ---------------------------------------------------------------------------------------- moving
    def watch_cursor(self, old: int, new: int) -> None:
        self._keep_visible()
        self.refresh()

    def _keep_visible(self) -> None:
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def action_move(self, delta: int) -> None:
        if self.count:
            self.cursor = max(0, min(self.count - 1, self.cursor + delta))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        if self.count:
            self.cursor = 0 if where == 0 else self.count - 1

    def action_select(self) -> None:
        if (row := self.current) is not None:
            self.post_message(self.Selected(row.id))

    def action_cycle_order(self) -> None:
        names = list(ORDERS)
        self.order = names[(names.index(self.order) + 1) % len(names)]
        self.reload()
        self.cursor = 0
        self.notify(f"sorted: {self.order}", timeout=2)

    def action_export(self) -> None:
        """e: the articles of the list under its filter, newest first, to a file named for the filter."""
        from ..gateway import slug

        if not self.count:
            self.notify("no articles to export", timeout=3)
            return
        app = self.app
        what = slug(self.query.describe()) if self.query else "all"
        app.gateway.export_articles(
            self, self.query, app.export_folder, f"articles-{what}", app.export_format
        )
        self.notify(
            f"exporting {counted(self.count, 'article')} to {app.export_folder}…",
            title="export",
            timeout=3,
            markup=False,
        )

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < self.count:
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def select_id(self, article_id: int) -> None:
        """Put the cursor on an article if it is among the loaded rows."""
        for page, rows in self._pages.items():
            for slot, row in enumerate(rows):
                if row.id == article_id:
                    self.cursor = page * PAGE + slot
                    return


class ArticleListHeader(Widget):
    """The column names above the article list, and at their right what the list has not shown yet ("12 new
    articles — press r")."""

    DEFAULT_CSS = """
    ArticleListHeader { height: 1; background: $panel; }
    ArticleListHeader > .article-list-header--note { color: $text-warning; text-style: bold; }
    """
    COMPONENT_CLASSES = {"article-list-header--note"}

    note: reactive[str] = reactive("")

    def render(self) -> Text:
        width = max(10, self.size.width - 2)
        line = ArticleList.header(width)
        if self.note:
            note = Text(f" {self.note} ", style=self.get_component_rich_style("article-list-header--note"))
            line.truncate(max(0, width - note.cell_len))
            line.pad_right(width - note.cell_len - line.cell_len)
            line.append_text(note)
        return line
