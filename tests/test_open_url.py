"""``o`` opens the article's URL: web links only, in a browser started apart from the app and its terminal, while
the app goes on; any other link is refused with the reason, and without a browser the URL is shown to copy."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from store.queries import Store
from store.sanitize import one_line_url
from tui.app import NewsdeskApp
from tui.browser import browser_command, refusal
from tui.history import Location
from tui.screens.help import HelpScreen

from .test_app import settle
from .test_hostile import screen_text, toasts

WEB = "https://example.com/news?id=7&page=2"
URLS = {
    "web": WEB,
    "file": "file:///etc/passwd",
    "javascript": "javascript:alert(1)",
    "ssh": "ssh://host/x",
    "help": "--help",
    "shell": "-a /bin/sh",
    "hostless": "https:///etc/passwd",
}
# a browser that says what it was given, what it reads and writes, then runs until released (or 20 s)
RECORDER = """#!/bin/sh
printf '%s\\n' "$@" > "$OUT/args.tmp"
fds=$(readlink /proc/$$/fd/0 /proc/$$/fd/1 /proc/$$/fd/2)
echo "$fds" > "$OUT/fds"
mv "$OUT/args.tmp" "$OUT/args"
i=0
while [ ! -e "$OUT/release" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i+1)); done
touch "$OUT/done"
exit ${EXIT:-0}
"""


@pytest.fixture(scope="module")
def url_store(tmp_path_factory) -> Path:
    """One article per kind of URL, titled by the kind."""
    from store.db import open_store
    from store.ingest import ingest

    folder = tmp_path_factory.mktemp("urls")
    feed = folder / "feed.jsonl"
    feed.write_text(
        "".join(
            json.dumps(
                {"title": f"The {kind} link", "url": url, "text": [f"Officials spoke of the {kind} link."]}
            )
            + "\n"
            for kind, url in URLS.items()
        ),
        encoding="utf-8",
    )
    db = open_store(folder / "urls.db")
    assert ingest(db, [str(feed)]).added == len(URLS)
    db.conn.close()
    return folder / "urls.db"


@pytest.fixture()
def browser(tmp_path, monkeypatch) -> Path:
    """$BROWSER set to the recorder; its reports go to the folder returned."""
    script = tmp_path / "recorder"
    script.write_text(RECORDER, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setenv("OUT", str(tmp_path))
    return tmp_path


async def _open(pilot, store: Store, kind: str) -> None:
    """Open the article of ``kind`` and press ``o``."""
    (article_id,) = store.db.execute(
        "SELECT id FROM articles WHERE title = ?", (f"The {kind} link",)
    ).fetchone()
    pilot.app.navigate(Location("article", article_id))
    await settle(pilot)
    assert pilot.app.main.article.url == one_line_url(URLS[kind])  # as ingest stores it: one line
    await pilot.press("o")


async def _until(pilot, ready, seconds: float = 10) -> bool:
    for _ in range(int(seconds / 0.05)):
        if ready():
            return True
        await pilot.pause(0.05)
    return ready()


def _said(app) -> str:
    """The notifications' words, their lines joined and their borders left out."""
    return " ".join(" ".join(line.strip(" ▌") for line in toasts(app).splitlines()).split())


async def test_a_web_link_opens_in_a_browser_apart_from_the_terminal_and_the_app_goes_on(url_store, browser):
    app = NewsdeskApp(Store.open(url_store))
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await _open(pilot, app.store, "web")
        try:
            assert await _until(pilot, (browser / "args").exists)
            await pilot.press("question_mark")  # the browser still runs: the app answers keys meanwhile
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen) and not (browser / "done").exists()
        finally:
            (browser / "release").touch()
        assert (browser / "args").read_text().splitlines() == [WEB]  # the URL, as one argument
        assert (browser / "fds").read_text().split() == ["/dev/null"] * 3  # not the terminal
        await pilot.press("escape")
        await settle(pilot)
        assert "opening in recorder" in _said(app)


@pytest.mark.parametrize(
    ("kind", "why"),
    [
        ("file", "only http and https links are opened, not file:"),
        ("javascript", "only http and https links are opened, not javascript:"),
        ("ssh", "only http and https links are opened, not ssh:"),
        ("help", "it starts with “-”"),
        ("shell", "it starts with “-”"),
        ("hostless", "it names no host"),
    ],
)
async def test_any_other_link_is_refused_with_the_reason(url_store, browser, kind, why):
    (browser / "release").touch()  # should the browser be run, it ends at once
    app = NewsdeskApp(Store.open(url_store))
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await _open(pilot, app.store, kind)
        await settle(pilot)
        said = _said(app)
        assert (
            f"not opened: {why}" in said and one_line_url(URLS[kind]) in said
        )  # the URL as ingest stored it
        assert not (browser / "args").exists()


@pytest.mark.parametrize("broken", [False, True], ids=["no browser", "browser fails"])
async def test_without_a_browser_the_url_is_shown_to_copy(url_store, browser, monkeypatch, broken):
    if broken:
        monkeypatch.setenv("EXIT", "3")
        (browser / "release").touch()
    else:
        for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
            monkeypatch.delenv(name, raising=False)
    app = NewsdeskApp(Store.open(url_store))
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await _open(pilot, app.store, "web")
        assert await _until(pilot, lambda: "copy the URL" in _said(app))
        said = _said(app)
        assert WEB in said
        assert ("recorder could not open it (exit 3)" in said) == broken
        assert ("no browser" in said) == (not broken)


def test_only_web_links_with_a_host_pass():
    assert refusal("http://example.com") is None and refusal("HTTPS://example.com/a?b=c#d") is None
    for url in ("https://exa mple.com", "https://example.com/\x1b[2J", "http://[::1", "example.com", ""):
        assert refusal(url) is not None, url


def test_the_browser_command_puts_the_url_in_one_argument(tmp_path):
    for name in ("mybrowser", "xdg-open"):
        tool = tmp_path / name
        tool.write_text("#!/bin/sh\n", encoding="utf-8")
        tool.chmod(0o755)
    env = {"PATH": str(tmp_path)}
    assert browser_command(
        WEB, {**env, "BROWSER": f"missing{os.pathsep}mybrowser --new-window"}, "linux"
    ) == [
        str(tmp_path / "mybrowser"),
        "--new-window",
        WEB,
    ]
    assert browser_command(WEB, {**env, "BROWSER": "mybrowser --url=%s"}, "linux") == [
        str(tmp_path / "mybrowser"),
        f"--url={WEB}",
    ]
    assert browser_command(WEB, {**env, "DISPLAY": ":0"}, "linux") == [str(tmp_path / "xdg-open"), WEB]
    assert (
        browser_command(WEB, env, "linux") is None
    )  # no graphical session: a browser would need the terminal
    assert browser_command(WEB, env, "darwin") == ["open", WEB]


async def test_o_with_no_article_open_says_so_and_opens_nothing(url_store, browser):
    app = NewsdeskApp(Store.open(url_store))
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        assert app.main.article is None
        await pilot.press("o")
        assert await _until(pilot, lambda: "no article is open" in _said(app))
        assert "has no URL" not in _said(app)
        assert not (browser / "args").exists()


async def test_the_article_header_shows_its_url_to_read_and_copy(url_store):
    store = Store.open(url_store)
    async with NewsdeskApp(store).run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        (article_id,) = store.db.execute("SELECT id FROM articles WHERE title = 'The web link'").fetchone()
        pilot.app.navigate(Location("article", article_id))
        await settle(pilot)
        assert WEB in screen_text(pilot.app)
