"""The main screen: the article list, the body, and the article's entities and quotes, side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from store.models import Article, Entity, Quote
from store.query_syntax import QuerySyntaxError, parse

from .. import keys
from ..history import Location
from ..messages import ArticleLoaded, NotFound
from ..opening import FirstPage
from ..widgets.article_list import ArticleList, ArticleListHeader
from ..widgets.bars import KeyBar, TextLines, TitleBar
from ..widgets.grip import Grip

_HINT = Text.assemble(
    ("No article open\n\n", "bold"),
    *(
        part
        for key, what in (
            ("Enter", "open the article under the cursor"),
            ("/", 'search the store: words, "a phrase", and'),
            ("", "person:  country:  org:  place:  by:  quote:  source:  after:  before:"),
            ("f", "filter this list with the same language"),
            ("s", "sort: newest, oldest, most quoted, most people, title"),
            ("?", "every key"),
        )
        for part in ((f"{key:<8}", "bold"), what + "\n")
    ),
)
_HINT.rstrip()
if TYPE_CHECKING:  # the reader's modules are imported when the first article opens
    from textual.events import Resize

    from ..widgets.article_body import ArticleBody, LinkItem
    from ..widgets.entity_pane import EntityPane
    from ..widgets.quote_pane import QuotePane

WIDE = 150  # columns from which the list stays beside the article
SIDE_BESIDE = 100  # columns from which the entity and quote panes sit beside the body, not under it
RESIZE_STEP = 4  # percent of the screen (the list) or of the reader (the panes) per < > { } press


class MainScreen(Screen):
    """Browse articles; read one with its linked entities and quotes."""

    AUTO_FOCUS = "#articles"  # focused as it is composed, so the first frame already shows the focused list

    BINDINGS = keys.MAIN

    def __init__(self, first_page: FirstPage | None = None):
        super().__init__()
        self._first_page = first_page
        self.article: Article | None = None
        self.entities: dict[int, Entity] = {}
        self.quotes: dict[int, Quote] = {}  # the open article's, by id
        self.mode = "list"
        self._pending: Location | None = None
        # the user's shares, in percent, once set with < > { }; until then the stylesheet's widths hold
        self.side_share: int | None = None  # of the reader: its width beside the body, its height under it
        self.list_share: int | None = None  # of the screen, beside the reader

    def compose(self) -> ComposeResult:
        self._layout_classes()
        yield TitleBar()
        # The screen lays these out side by side, its bars docked: no container around them to style and paint.
        with Vertical(id="list-pane"):  # the filter box goes on top when first asked for (f)
            yield ArticleListHeader()
            yield ArticleList(id="articles")
        yield Grip(id="list-grip")  # shown where the list stays beside the reader
        yield TextLines(_HINT, id="hint")  # the reader is built when the first article opens
        yield TextLines(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        articles = self.query_one(ArticleList)
        articles.reload(self._first_page)
        if self._first_page is not None:
            self._list_status()  # in the first frame, with the rows
        self._first_page = None
        self._layout()

    # ---------------------------------------------------------------------------------------- layout
    def on_resize(self, event: Resize) -> None:
        self._layout()
        if event.size == self.outer_size:
            # Already laid out at this size: no second layout. Textual merges repeated resizes only when they are
            # next to each other in the queue; at start-up, the app's resize events come in between the mounts'
            # callbacks, and each laid the whole screen out again (three full layouts before the first paint).
            event.prevent_default()

    def _layout(self) -> None:
        wide = self._layout_classes()
        self.query_one("#list-pane").display = wide or self.mode == "list"
        self.query_one("#hint").display = wide and self.mode == "list"
        for reader in self.query("#reader"):
            reader.display = self.mode == "reader"
        self._apply_shares()

    def _apply_shares(self) -> None:
        """The user's pane sizes as inline styles over the stylesheet's (which keeps its min and max)."""
        stacked = self.has_class("-stacked")
        for side in self.query("#side"):
            share = f"{self.side_share}%" if self.side_share is not None else None
            side.styles.width = None if stacked else share
            side.styles.height = share if stacked else None
        list_pane = self.query_one("#list-pane")
        list_pane.styles.width = (
            f"{self.list_share}%" if self.list_share is not None and self.has_class("-wide") else None
        )

    @on(Grip.Dragged, "#side-grip")
    def _drag_side(self, event: Grip.Dragged) -> None:
        reader = self.query_one("#reader").region
        if self.has_class("-stacked"):
            share = 100 * (reader.bottom - event.offset.y) / max(1, reader.height)
        else:
            share = 100 * (reader.right - event.offset.x) / max(1, reader.width)
        self.side_share = self._share(round(share), 0, 0, 0)
        self._apply_shares()

    @on(Grip.Dragged, "#list-grip")
    def _drag_list(self, event: Grip.Dragged) -> None:
        self.list_share = self._share(round(100 * event.offset.x / max(1, self.size.width)), 0, 0, 0)
        self._apply_shares()

    @staticmethod
    def _share(current: int | None, part: int, whole: int, step: int) -> int:
        """A share in percent moved by one step (from the size on screen, the first time), kept in 10–90."""
        if current is None:
            current = round(100 * part / whole) if whole else 30
        return max(10, min(90, current + step * RESIZE_STEP))

    def action_resize_side(self, step: int) -> None:
        """< and >: the entity and quote panes narrower or wider (lower or taller when under the body)."""
        found = self.query("#side")
        if not found:
            self.notify("open an article to resize its panes", timeout=2)
            return
        side, reader = found.first(), self.query_one("#reader")
        axis = 1 if self.has_class("-stacked") else 0
        self.side_share = self._share(self.side_share, side.outer_size[axis], reader.size[axis], step)
        self._apply_shares()

    def action_resize_list(self, step: int) -> None:
        """{ and }: the list narrower or wider, where it stays beside the article."""
        if not self.has_class("-wide"):
            self.notify(f"the list sits beside the article from {WIDE} columns", timeout=2)
            return
        list_pane = self.query_one("#list-pane")
        self.list_share = self._share(self.list_share, list_pane.outer_size.width, self.size.width, step)
        self._apply_shares()

    @property
    def body(self) -> ArticleBody:
        return self.query_one("#body")  # type: ignore[return-value]

    @property
    def entity_pane(self) -> EntityPane:
        return self.query_one("#entities")  # type: ignore[return-value]

    @property
    def quote_pane(self) -> QuotePane:
        return self.query_one("#quotes")  # type: ignore[return-value]

    def _reader(self) -> Horizontal:
        """The body and its entity and quote panes, built and mounted the first time an article opens (the
        first screen is only the list: half the widgets to build, style and paint)."""
        found = self.query("#reader")
        if found:
            return found.first(Horizontal)
        from ..widgets.article_body import ArticleBody
        from ..widgets.entity_pane import EntityPane
        from ..widgets.quote_pane import QuotePane

        # mounted level by level, not passed to the containers, so each is in the DOM before this returns
        reader, side = Horizontal(id="reader"), Vertical(id="side")
        self.mount(reader, after="#hint")
        reader.mount(ArticleBody(id="body"), Grip(id="side-grip"), side)
        side.mount(
            Static("Entities", classes="pane-title"),
            EntityPane(id="entities"),
            Static("Quotes", classes="pane-title"),
            QuotePane(id="quotes"),
        )
        return reader

    def _layout_classes(self) -> bool:
        """Set the classes for the width (the app's before the screen has one: the first paint is then already
        in its final layout); return whether the list sits beside the reader."""
        width = self.size.width or self.app.size.width
        wide = width >= WIDE
        self.set_class(wide, "-wide")
        self.set_class(width < SIDE_BESIDE, "-stacked")
        return wide

    def _set_mode(self, mode: str) -> None:
        self.mode = mode
        self._layout()

    # ---------------------------------------------------------------------------------------- locations
    def show_location(self, loc: Location) -> None:
        """Show the list (``home``) or an article, restoring the cursor and scroll kept in ``loc``."""
        if loc.kind == "home":
            self.article = None
            if self.query("#reader"):
                self.body.clear()
                self.entity_pane.clear_options()
                self.quote_pane.show([])
            self._set_mode("list")
            article_list = self.query_one(ArticleList)
            if loc.cursor is not None:
                article_list.cursor = loc.cursor
            article_list.focus()
            self.sub_title = ""
            self._list_status()
            return
        self._reader()
        self._set_mode("reader")
        self.body.focus()  # keys typed while the article loads go to the reader
        self.app.gateway.article(self, int(loc.target), loc)  # type: ignore[arg-type]

    def capture(self) -> dict:
        """What to remember of this place when the user leaves it."""
        if self.article is None:
            return {"cursor": self.query_one(ArticleList).cursor}
        body = self.body
        return {"cursor": body.cursor, "scroll": body.scroll_offset.y, "offset": None}

    def on_not_found(self, message: NotFound) -> None:
        if not message.stale:
            self.notify(message.what, severity="error", markup=False)

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if message.stale:  # another article asked for since
            return
        article, loc, quotes = message.article, message.location, message.quotes
        self.article = article
        self.entities = {e.id: e for e, _ in message.entities}
        self.quotes = {q.id: q for q in quotes}
        body = self.body
        body.show(
            article,
            message.mentions,
            self.entities,
            quotes,
            offset=loc.offset,
            cursor=loc.cursor,
            scroll=loc.scroll,
        )
        self.entity_pane.show(message.entities, message.roles)
        self.quote_pane.show(quotes, article.text)
        self.query_one(ArticleList).select_id(article.id)
        self.sub_title = article.title
        body.focus()
        self.call_after_refresh(body.focus)  # this screen may only now be back on top
        self._describe(body.current)
        self.refresh_bindings()  # the reader's keys apply now

    # ---------------------------------------------------------------------------------------- events
    @on(ArticleList.Selected)
    def _open_article(self, event: ArticleList.Selected) -> None:
        self.app.navigate(Location("article", event.article_id))

    @on(ArticleList.Loaded)
    def _counted(self, event: ArticleList.Loaded) -> None:
        if self.article is None:
            self._list_status()

    def _list_status(self) -> None:
        article_list = self.query_one(ArticleList)
        what = f" matching {article_list.query.describe()}" if article_list.query else ""
        count = article_list.count_text
        counting = "" if article_list.counted else " (counting…)"
        self._status(
            Text(f"{count}{what}{counting} · sorted {article_list.order} · s sort · f filter · / search")
        )

    def _status(self, text: Text) -> None:
        self.query_one("#status", TextLines).update(text)

    def on_article_body_follow(self, event: ArticleBody.Follow) -> None:
        self.follow(event.item)

    def follow(self, item: LinkItem) -> None:
        if item.kind == "mention":
            self.app.navigate(Location("entity", item.ref))
        else:
            quote = self.quotes.get(item.ref)
            if quote is not None:
                self.app.show_quote(quote, self.article)

    def on_article_body_cursor_moved(self, event: ArticleBody.CursorMoved) -> None:
        self._describe(event.item)

    def _describe(self, item: LinkItem | None) -> None:
        if item is None:
            self._status(Text("] [ walk links · Enter follow · Tab panes · Backspace back", style="dim"))
            return
        if item.kind == "mention":
            e = self.entities.get(item.ref)
            if e is not None:
                text = Text(f"{e.kind}: ", style="dim") + Text(e.name, style="bold")
                if e.role:
                    text.append(f" — {e.role}", style="italic")
                text.append("   Enter: entity page", style="dim")
                self._status(text)
        else:
            q = self.quotes.get(item.ref)
            if q is not None:
                who = self._who(q)
                said = (
                    Text("quote by ", style="dim") + Text(who, style="bold")
                    if who != "unattributed"
                    else Text("unattributed quote", style="bold")
                )
                self._status(said + Text("   Enter: show quote and speaker · y copy", style="dim"))

    def _who(self, q: Quote) -> str:
        """The quote's speaker, or the words that attribute it when they name nobody, or "unattributed"."""
        return (q.source(self.article.text) if self.article is not None else q.speaker_name) or "unattributed"

    def on_entity_pane_marked(self, event: EntityPane.Marked) -> None:
        self.body.mark_entity(event.entity_id)

    def on_entity_pane_open(self, event: EntityPane.Open) -> None:
        self.app.navigate(Location("entity", event.entity_id))

    def on_quote_pane_focused(self, event: QuotePane.Focused) -> None:
        if event.quote is not None:
            self.body.select_quote(event.quote.id)

    def on_quote_pane_show(self, event: QuotePane.Show) -> None:
        self.app.show_quote(event.quote, self.article)

    def on_quote_pane_speaker(self, event: QuotePane.Speaker) -> None:
        if event.quote.speaker_id is not None:
            self.app.navigate(Location("entity", event.quote.speaker_id))
        else:
            self.notify("this quote has no known speaker")

    # ---------------------------------------------------------------------------------------- actions
    READER_ACTIONS = {"next_mention", "copy_quote"}  # keys of an open article's panes, not of the list

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The reader's keys (n N y) work, and show in the key bar, only where the focus is in the reader."""
        if action in self.READER_ACTIONS:
            focused = self.focused
            return (
                self.article is not None
                and focused is not None
                and focused.id in ("body", "entities", "quotes")
            )
        return True

    def action_step(self, direction: int) -> None:
        if self.article is not None:
            self.body.action_step(direction)

    def action_next_mention(self, direction: int) -> None:
        """n/N: through the selected entity's mentions, or through every linked item when none is selected."""
        if self.article is None:
            return
        body = self.body
        entity_id = self.entity_pane.entity_id
        if entity_id is None:
            body.action_step(direction)
        else:
            body.step_among(direction, entity_id)

    def selected_quote(self) -> Quote | None:
        if self.article is None:
            return None
        pane = self.quote_pane
        if pane.has_focus and pane.quote is not None:
            return pane.quote
        item = self.body.current
        if item is not None and item.kind == "quote":
            return self.quotes.get(item.ref)
        return pane.quote

    def action_copy_quote(self) -> None:
        quote = self.selected_quote()
        if quote is None or self.article is None:
            self.notify("select a quote first (quote pane, or ] to a quote in the body)")
            return
        self.app.copy_quote(quote, self.article)

    def action_open_url(self) -> None:
        if self.article is None:
            self.notify("no article is open: Enter opens the one under the cursor, then o opens its URL")
            return
        if not self.article.url:
            self.notify("this article has no URL")
            return
        self.app.open_url(self.article.url)

    def _filter_box(self) -> Input | None:
        found = self.query("#filter")
        return found.first(Input) if found else None

    def action_filter(self) -> None:
        box = self._filter_box()
        if box is None:  # mounted on first use: one widget less to build and style at start-up
            box = Input(placeholder="filter: search language, Enter to apply, Escape to clear", id="filter")
            self.query_one("#list-pane").mount(box, before=0)
        if self.size.width < WIDE:
            self._set_mode("list")
        box.display = True
        box.focus()

    @on(Input.Submitted, "#filter")
    def _apply_filter(self, event: Input.Submitted) -> None:
        article_list = self.query_one(ArticleList)
        try:
            query = parse(event.value) if event.value.strip() else None
        except QuerySyntaxError as exc:
            self.notify(f"filter: {exc.message}", severity="error", markup=False)  # it quotes what was typed
            return
        article_list.cursor = 0
        article_list.query = query
        article_list.reload()
        event.input.display = bool(event.value.strip())
        article_list.focus()

    def action_escape(self) -> None:
        """Escape clears the filter while typing it, and goes back otherwise."""
        box = self._filter_box()
        if box is not None and box.has_focus:
            box.value = ""
            box.display = False
            self.query_one(ArticleList).query = None
            self.query_one(ArticleList).reload()
            self.query_one(ArticleList).focus()
        else:
            self.app.action_back()
