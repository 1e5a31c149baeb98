"""Start an app headless, stop it at its first painted screen, and report the time and peak memory.

    python -m bench.probe newsdesk STORE     # newsdesk, until the article list has rows on screen
    python -m bench.probe bare               # a bare Textual app painting one Static

Prints one JSON line: {"seconds": time from process start to the first screen, "rss_mb": peak RSS}.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()


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
    print(json.dumps({"seconds": time.perf_counter() - STARTED, "rss_mb": _peak_rss_mb()}), flush=True)


def bare() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self.done)

        def done(self) -> None:
            self.exit(time.perf_counter() - STARTED)

    Bare().run(headless=True, size=(160, 45))


def newsdesk(path: str) -> None:
    """The app opened as `newsdesk` opens it (tui.startup.launch), stopped once the list has painted."""
    from tui.startup import launch

    def make_probe(store, first_page):
        from tui.app import NewsdeskApp
        from tui.widgets.article_list import ArticleList

        class Probe(NewsdeskApp):
            def on_mount(self) -> None:
                self.call_after_refresh(self._check)

            def _check(self) -> None:  # rows painted, by whichever path they came (prefetch or worker)
                articles = self.screen.query(ArticleList).first(None)
                if articles is not None and articles.count and articles.row(0) is not None:
                    self.call_after_refresh(self.exit)
                else:
                    self.set_timer(0.005, self._check)

        return Probe(store, first_page)

    launch(Path(path), make_probe).run(headless=True, size=(160, 45))


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        newsdesk(sys.argv[2])
    _report()
