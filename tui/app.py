"""The newsdesk Textual app: wiring, navigation history, and the actions every screen shares."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.screen import Screen
from textual.worker import get_current_worker

from store.models import Article, Quote
from store.sanitize import one_line, one_line_url

from . import keys
from .commands import ActionCommands, EntityCommands
from .gateway import Gateway
from .history import HOME, History, Location
from .messages import ExportDone, ExportFailed, SpeakerLoaded, StoreFailed
from .opening import FirstPage, release_gc
from .screens.main import MainScreen
from .settings import Settings
from .words import counted

if TYPE_CHECKING:
    from store.queries import Store

# The other screens are imported when first shown: at start-up only the main screen is needed.


def citation(quote: Quote, article: Article) -> str:
    """A quote as a journalist pastes it: the words, who said them, where and when. One line whatever the store
    holds (a store written before ingest made fields one line may hold line breaks in them): pasted into a
    shell, a citation never runs a second line."""
    who = one_line(quote.source(article.text) or "") or "unattributed"
    where = ", ".join(one_line(x) for x in (article.source, article.published) if x and x.strip())
    line = f"“{one_line(quote.text)}” — {who}"
    if where:
        line += f" ({where})"
    line += f", in “{one_line(article.title)}”"
    if article.url and article.url.strip():
        line += f" {one_line_url(article.url)}"
    return line


class NewsdeskApp(App):
    """Read articles with their entities and quotes, and follow the links between them."""

    TITLE = "newsdesk"
    CSS_PATH = Path(__file__).parent / "newsdesk.tcss"  # absolute, so subclasses elsewhere find it
    COMMANDS = App.COMMANDS | {ActionCommands, EntityCommands}
    BINDINGS = keys.APP

    def __init__(self, store: Store, first_page: FirstPage | None = None, settings: Settings | None = None):
        super().__init__()
        self.store = store
        self.gateway = Gateway(store)  # every store call of the app's views goes through it
        self.history = History(HOME)
        self._first_page = first_page
        self.store_error: str | None = None  # why the app stopped, when the store failed under it
        settings = settings or Settings()
        self.settings_path = settings.path  # shown in help, where the keymap is kept
        self.export_folder = settings.export_folder
        self.export_format = settings.export_format
        self.problems = list(settings.problems)  # of the user's settings, shown once the app is up
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                self.problems.append(
                    f"{settings.path}: no theme {settings.theme!r}; themes: {', '.join(self.available_themes)}"
                )
        known = {b.id for _, entries in keys.SECTIONS for b in entries if b.id}
        self.keymap = {k: v for k, v in settings.keymap.items() if k in known}  # binding id → keys
        if unknown := sorted(set(settings.keymap) - known):
            self.problems.append(
                f"{settings.path}: [keymap] names no binding {', '.join(unknown)} (? lists the ids)"
            )
        if self.keymap:
            self.set_keymap(self.keymap)

    def on_store_failed(self, message: StoreFailed) -> None:
        """The store failed under the app: end with the reason, for the command to print (exit 3)."""
        if self.store_error is None:
            self.store_error = message.reason
            self.exit(return_code=3)

    def on_mount(self) -> None:
        self.call_after_refresh(release_gc)  # held by startup.launch until the first screen is painted
        for problem in self.problems:
            self.notify(problem, title="settings", severity="warning", timeout=10, markup=False)

    def get_default_screen(self) -> Screen:
        return MainScreen(self._first_page)

    @property
    def main(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    # ---------------------------------------------------------------------------------------- navigation
    def navigate(self, location: Location) -> None:
        """Go to a new place, remembering where the user was."""
        self._remember()
        self.history.visit(location)
        self._show(location)

    def _remember(self) -> None:
        screen = next((s for s in reversed(self.screen_stack) if hasattr(s, "capture")), None)
        if screen is not None:
            self.history.remember(**screen.capture())

    def _show(self, location: Location) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        if location.kind in ("home", "article"):
            self.main.show_location(location)
        elif location.kind == "entity":
            from .screens.entity import EntityScreen

            self.push_screen(EntityScreen(location))
        elif location.kind == "search":
            from .screens.search import SearchScreen

            self.push_screen(SearchScreen(location))

    def _on_overlay(self) -> bool:
        """Whether the top screen is one laid over the others (help, a quote), which Back just closes."""
        from .screens.help import HelpScreen
        from .screens.quote import QuoteScreen

        return isinstance(self.screen, (HelpScreen, QuoteScreen))

    def action_back(self) -> None:
        if self._on_overlay():
            self.pop_screen()
            return
        if not self.history.can_go_back:
            self.notify("nothing to go back to", timeout=2)
            return
        self._remember()
        self._show(self.history.back())  # type: ignore[arg-type]

    def action_forward(self) -> None:
        if not self.history.can_go_forward:
            self.notify("nothing forward", timeout=2)
            return
        self._remember()
        self._show(self.history.forward())  # type: ignore[arg-type]

    def action_back_or_quit(self) -> None:
        """q: back, and at the first place, quit."""
        if self.history.can_go_back or self._on_overlay():
            self.action_back()
        else:
            self.exit()

    def action_home(self) -> None:
        self.navigate(HOME)

    def action_search(self) -> None:
        from .screens.search import SearchScreen

        if isinstance(self.screen, SearchScreen):
            self.screen.query_one("#query").focus()
            return
        self.navigate(Location("search", ""))

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_sort(self) -> None:
        from .widgets.article_list import ArticleList

        self.main.query_one(ArticleList).action_cycle_order()

    def action_filter(self) -> None:
        if self.screen is not self.main:
            self.navigate(HOME)
        self.main.action_filter()

    def action_copy_quote(self) -> None:
        if hasattr(self.screen, "action_copy_quote"):
            self.screen.action_copy_quote()

    def action_open_url(self) -> None:
        self.main.action_open_url()

    # ---------------------------------------------------------------------------------------- shared
    def show_quote(self, quote: Quote, article: Article | None) -> None:
        """Show a quote whole with its speaker (whose record is read off the UI thread)."""
        if article is not None:
            self.gateway.speaker(self, quote, article)

    def on_speaker_loaded(self, message: SpeakerLoaded) -> None:
        if message.stale:
            return
        from .screens.quote import QuoteScreen

        self.push_screen(QuoteScreen(message.quote, message.article, message.speaker))

    def on_export_done(self, message: ExportDone) -> None:
        self.notify(
            f"exported {counted(message.rows, message.noun)} to {message.path}",
            title="export",
            timeout=8,
            markup=False,
        )

    def on_export_failed(self, message: ExportFailed) -> None:
        self.notify(
            f"not exported to {message.path}: {message.reason}",
            title="export",
            severity="error",
            timeout=10,
            markup=False,
        )

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        """Open a web link (http, https) in the browser, started apart from the app and its terminal while the app
        goes on; any other link is refused with the reason. Every URL the app opens comes here."""
        from .browser import refusal

        # article text, so not markup, as in every notification below
        reason = refusal(url)
        if reason is not None:
            self.notify(f"not opened: {reason}\n{url}", severity="warning", timeout=8, markup=False)
        elif self.is_web:  # served to a browser (textual-serve): that browser opens it
            super().open_url(url, new_tab=new_tab)
        else:
            self._run_browser(url)

    @work(thread=True, group="browser")
    def _run_browser(self, url: str) -> None:
        """Start the browser and report a failure within the first seconds; without one, show the URL to copy."""
        from .browser import browser_command, failure, start

        command = browser_command(url)
        if command is None:
            self._cannot_open("no browser to open it in (set $BROWSER to one)", url)
            return
        name = Path(command[0]).name
        try:
            process = start(command)
        except OSError as exc:
            self._cannot_open(f"cannot start {name} ({exc.strerror or exc})", url)
            return
        self.notify(f"opening in {name}: {url}", timeout=4, markup=False)
        worker = get_current_worker()
        code = failure(process, lambda: worker.is_cancelled)
        if code is not None:
            self._cannot_open(f"{name} could not open it (exit {code})", url)

    def _cannot_open(self, why: str, url: str) -> None:
        self.notify(f"{why}: copy the URL\n{url}", severity="error", timeout=30, markup=False)

    def copy_quote(self, quote: Quote, article: Article) -> None:
        text = citation(quote, article)
        self.copy_to_clipboard(text)
        # article text, so not markup: "[/]" in a quote would crash the toast, "[@click=…]" would act
        self.notify(f"copied: {text[:100]}{'…' if len(text) > 100 else ''}", timeout=4, markup=False)
