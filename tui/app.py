"""The newsdesk Textual app (a first screen: the article list and a plain reader)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from store.models import Article, ArticleSummary
from store.queries import Store

PAGE = 500


class ArticleScreen(Screen):
    """One article, read top to bottom."""

    BINDINGS = [Binding("q,escape,backspace", "app.pop_screen", "Back")]

    def __init__(self, store: Store, article_id: int):
        super().__init__()
        self.store = store
        self.article_id = article_id

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="reader"):
            yield Static(id="body")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        article = self.store.article(self.article_id)
        if article is not None:
            self.app.call_from_thread(self.show, article)

    def show(self, article: Article) -> None:
        text = Text(article.title, style="bold")
        meta = " · ".join(x for x in (article.source, article.published, article.byline) if x)
        if meta:
            text.append("\n" + meta, style="dim")
        body_start = min((b.start for b in article.blocks if b.kind == "paragraph"), default=0)
        text.append("\n\n")
        if article.dek:
            text.append(article.dek + "\n\n", style="italic")
        text.append(article.text[body_start:])
        self.query_one("#body", Static).update(text)
        self.sub_title = article.title


class NewsdeskApp(App):
    """Browse the articles of a store."""

    TITLE = "newsdesk"
    BINDINGS = [Binding("q", "quit", "Quit")]
    CSS = "DataTable { height: 1fr; }"

    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.summaries: list[ArticleSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("date", "source", "title", "people", "quotes")
        self.load_articles()

    @work(thread=True, exclusive=True)
    def load_articles(self) -> None:
        rows = self.store.articles(limit=PAGE)
        total = self.store.article_count()
        self.call_from_thread(self.show_articles, rows, total)

    def show_articles(self, rows: list[ArticleSummary], total: int) -> None:
        self.summaries = rows
        table = self.query_one(DataTable)
        for a in rows:
            table.add_row(
                Text(a.published or "—"),
                Text(a.source or "—"),
                Text(a.title),
                str(a.people),
                str(a.quotes),
                key=str(a.id),
            )
        self.sub_title = f"{total} articles"

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.push_screen(ArticleScreen(self.store, int(event.row_key.value)))
