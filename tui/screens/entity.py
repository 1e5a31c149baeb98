"""An entity's page: who or what it is, every article that mentions it, every quote it said, and its company."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store import countries
from store.models import ArticleSummary, Entity, Quote

from .. import keys
from ..history import Location
from ..messages import EntityArticles, EntityPage, EntityPageLoaded, MentionFound, NotFound, QuoteArticle
from ..text import abridge, palette
from ..widgets.bars import KeyBar, TitleBar
from ..words import counted

ARTICLES_PAGE = 200


QUOTES_SHOWN = 200  # the latest quotes listed on the page


def _quote_count(quotes: list) -> str:
    """How many quotes, said honestly when only the latest were fetched."""
    return counted(len(quotes), "quote") if len(quotes) < QUOTES_SHOWN else f"{QUOTES_SHOWN:,}+ quotes"


class EntityScreen(Screen):
    """Everything the store knows about one entity, each line a link."""

    DEFAULT_CSS = """
    #entity-head { padding: 1 2; height: auto; background: $panel; }
    #entity-links { height: 1fr; border: none; }
    """

    BINDINGS = keys.ENTITY_PAGE

    def __init__(self, location: Location):
        super().__init__()
        self.location = location
        self.entity_id = int(location.target)  # type: ignore[arg-type]
        self.entity: Entity | None = None
        self.quotes: dict[int, tuple[Quote, ArticleSummary]] = {}
        self._articles_shown = 0
        self._data: EntityPage | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(id="entity-head")
        yield OptionList(id="entity-links")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.gateway.entity_page(self, self.entity_id, QUOTES_SHOWN, ARTICLES_PAGE)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme) -> None:
        """Entities and quotes are drawn in the theme's colours: draw the page again in the new ones."""
        if self._data is not None:
            links = self.query_one(OptionList)
            self.location = Location(
                "entity", self.entity_id, cursor=links.highlighted, scroll=int(links.scroll_offset.y)
            )
            self._show(self._data)

    def capture(self) -> dict:
        links = self.query_one(OptionList)
        return {"cursor": links.highlighted, "scroll": links.scroll_offset.y}

    def on_not_found(self, message: NotFound) -> None:
        if not message.stale:
            self.notify(message.what, severity="error", markup=False)

    def on_entity_page_loaded(self, message: EntityPageLoaded) -> None:
        if not message.stale:
            self._show(message.page)

    def _show(self, data: EntityPage) -> None:
        self._data = data
        self._articles_shown = 0
        entity = data.entity
        colours = palette(self.app)
        self.entity = entity
        self.sub_title = entity.name
        head = Text()
        head.append(entity.name, style=colours.kind(entity.kind))
        head.append(f"  {entity.kind}", style="dim")
        if entity.code:
            head.append(f"  {entity.code}", style="dim")
        head.append(
            f"\n{counted(entity.article_count, 'article')} · {counted(entity.mention_count, 'mention')} · "
            f"{_quote_count(data.quotes)}",
            style="dim",
        )
        if data.roles:
            head.append("\nrole: ", style="dim")
            head.append("; ".join(data.roles), style="italic")
        aliases = [a for a in data.aliases if a != entity.name]
        if aliases:
            head.append("\nalso: ", style="dim")
            head.append(", ".join(aliases[:12]))
        self.query_one("#entity-head", Static).update(head)

        options: list[Option] = []

        def section(title: str) -> None:
            options.append(Option(Text(title, style="bold underline"), disabled=True))

        country = data.country
        if country is not None:
            section("Country")
            options.append(
                Option(Text(country.name, style=colours.kind("country")), id=f"country:e{country.id}")
            )
        elif entity.country_code:
            section("Country")
            options.append(
                Option(Text(countries.country_name(entity.country_code), style="dim"), disabled=True)
            )
        if data.people:
            section(f"People of {entity.name}")
            for person in data.people:
                label = Text(person.name, style=colours.kind("person"))
                if person.role:
                    label.append(f" — {person.role}", style="dim italic")
                options.append(Option(label, id=f"people:e{person.id}"))
        if data.quotes or entity.kind == "person":  # a place or a country that said nothing: no heading
            section(
                f"Quotes ({len(data.quotes)})"
                if len(data.quotes) < QUOTES_SHOWN
                else f"Quotes (the latest {QUOTES_SHOWN:,})"
            )
        if not data.quotes and entity.kind == "person":
            options.append(Option(Text("no quotes by this person in the store", style="dim"), disabled=True))
        for quote, article in data.quotes:
            self.quotes[quote.id] = (quote, article)
            label = Text("“" + abridge(quote.text, 140) + "”", style=colours.quote)
            label.append(f"\n  {article.published or '—'} · {article.title}", style="dim")
            options.append(Option(label, id=f"q{quote.id}"))
        section(f"Articles ({entity.article_count:,})")
        options.extend(self._article_options(data.articles))
        if data.company:
            window = data.window
            section(
                "Mentioned most often with"
                + (f" (in the latest {window:,} articles)" if entity.article_count > window else "")
            )
            for other, n in data.company:
                label = Text(other.name, style=colours.kind(other.kind))
                label.append(f"  {other.kind} · {counted(n, 'article')} together", style="dim")
                options.append(Option(label, id=f"company:e{other.id}"))
        links = self.query_one(OptionList)
        links.clear_options()
        links.add_options(options)
        cursor = self.location.cursor
        if cursor is not None and cursor < links.option_count:
            links.highlighted = cursor
        else:
            links.highlighted = next((k for k, o in enumerate(options) if not o.disabled), None)
        if self.location.scroll:
            links.scroll_to(y=self.location.scroll, animate=False)
        links.focus()

    def _article_options(self, rows: list[tuple[ArticleSummary, int]]) -> list[Option]:
        out = []
        for article, n in rows:
            label = Text(f"{article.published or '—':<10} ", style="dim")
            label.append(article.title)
            label.append(f"  ×{n}", style="dim")
            out.append(Option(label, id=f"a{article.id}"))
        self._articles_shown += len(rows)
        if self.entity and self._articles_shown < self.entity.article_count:
            out.append(
                Option(
                    Text(f"… {self.entity.article_count - self._articles_shown:,} more (Enter)", style="dim"),
                    id="more",
                )
            )
        return out

    @on(OptionList.OptionSelected)
    def _follow(self, event: OptionList.OptionSelected) -> None:
        key = (event.option.id or "").rpartition(":")[2]  # sections prefix their ids: an entity may be in two
        if key.startswith("e"):
            self.app.navigate(Location("entity", int(key[1:])))
        elif key.startswith("a"):
            self.app.gateway.first_mention(self, int(key[1:]), self.entity_id)
        elif key.startswith("q"):
            quote, _ = self.quotes[int(key[1:])]
            self.app.navigate(Location("article", quote.article_id, offset=quote.start))
        elif key == "more":
            self.app.gateway.entity_articles(self, self.entity_id, ARTICLES_PAGE, self._articles_shown)

    def on_mention_found(self, message: MentionFound) -> None:
        """Open an article with the cursor on this entity's first mention in it."""
        if not message.stale:
            self.app.navigate(Location("article", message.article_id, offset=message.offset))

    def on_entity_articles(self, message: EntityArticles) -> None:
        rows = message.rows
        links = self.query_one(OptionList)
        index = links.get_option_index("more")
        links.remove_option("more")
        links.add_options(self._article_options(rows))
        links.highlighted = min(index, links.option_count - 1)

    def action_links_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_links_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_links_edge(self, end: int) -> None:
        """g and G: the first and the last line, as in the list and the body."""
        links = self.query_one(OptionList)
        links.action_last() if end else links.action_first()

    def action_copy_quote(self) -> None:
        links = self.query_one(OptionList)
        if links.highlighted is None:
            return
        key = links.get_option_at_index(links.highlighted).id or ""
        if key.startswith("q"):
            quote, _ = self.quotes[int(key[1:])]
            self.app.gateway.quote_article(self, quote)  # copied with its citation once the article is read
        else:
            self.notify("put the cursor on a quote to copy it")

    def on_quote_article(self, message: QuoteArticle) -> None:
        if not message.stale:
            self.app.copy_quote(message.quote, message.article)

    def action_export(self) -> None:
        """e: every quote this entity said, newest first, to a file named for it."""
        if self.entity is None or self._data is None:
            self.notify("the page is still loading", timeout=2)
            return
        if not self._data.quotes:
            self.notify(f"no quotes by {self.entity.name} to export", timeout=3, markup=False)
            return
        from ..gateway import slug

        app, entity = self.app, self.entity
        stem = f"{entity.kind}-{slug(entity.name)}-quotes"
        app.gateway.export_entity_quotes(self, entity.id, app.export_folder, stem, app.export_format)
        self.notify(
            f"exporting the quotes of {entity.name} to {app.export_folder}…",
            title="export",
            timeout=3,
            markup=False,
        )
