"""Start an app headless, stop it at its first painted screen, and report when that was and the peak memory.

    python -m bench.probe newsdesk STORE     # the `newsdesk` command, until the article list has rows on screen
    python -m bench.probe bare               # a bare Textual app painting one Static

Prints one JSON line: {"painted_at": time.monotonic() at the first painted screen, "rss_mb": peak RSS}. The
caller takes its own time.monotonic() before it starts the process: on Linux both read CLOCK_MONOTONIC, so the
difference is launch to first screen, and the time the process takes to shut down is not counted.
"""

from __future__ import annotations

import json
import resource
import sys
import time

PAINTED: list[float] = []


def _peak_rss_mb() -> float:
    """This process's peak RSS. /proc's VmHWM, where there is one: ru_maxrss survives exec on Linux, so a child of
    a big parent would report the parent's size."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report() -> None:
    print(json.dumps({"painted_at": PAINTED[0], "rss_mb": _peak_rss_mb()}), flush=True)


def bare() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.done)

        def done(self) -> None:
            PAINTED.append(time.monotonic())
            self.exit()

    Bare().run(headless=True, size=(160, 45))


def newsdesk(path: str) -> None:
    """`newsdesk --db STORE` as typed (tui.cli.main), its app run headless and stopped once the list has
    painted rows."""
    from functools import partial

    from tui import cli, startup

    def make_probe(store, first_page):
        from tui.app import NewsdeskApp
        from tui.screens.main import MainScreen
        from tui.widgets.article_list import ArticleList

        class ProbeScreen(MainScreen):
            def on_mount(self) -> None:  # runs before MainScreen's: look once that has filled the list
                self.call_later(self.app._check)

        class Probe(NewsdeskApp):
            def get_default_screen(self) -> MainScreen:
                return ProbeScreen(self._first_page)

            def _check(self) -> None:  # once the list holds rows, the next refresh paints them
                articles = self.screen.query_one(ArticleList)
                if articles.count and articles.row(0) is not None:
                    self.call_after_refresh(self._painted)
                else:
                    self.set_timer(0.005, self._check)  # rows from the list's worker

            def _painted(self) -> None:
                PAINTED.append(time.monotonic())
                self.exit()

            def run(self, **_):  # as the command runs it, but headless, at the size of the tmux checks
                return super().run(headless=True, size=(160, 45))

        return Probe(store, first_page)

    startup.launch = partial(startup.launch, make_app=make_probe)  # what `newsdesk` calls to build its app
    code = cli.main(["--db", path])
    if code or not PAINTED:
        sys.exit(f"newsdesk did not paint its first screen (exit {code})")


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        newsdesk(sys.argv[2])
    _report()
