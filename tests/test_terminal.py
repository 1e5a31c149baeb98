"""End to end: the installed `newsdesk` command in a real terminal (tmux), keys sent, the screen read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from store.readers import RawArticle, read_path

from .conftest import ARTICLES
from .tmux import tmux, wait_for

NEWSDESK = Path(sys.executable).parent / "newsdesk"


def _session(store: Path):
    assert shutil.which("tmux"), "tmux is needed for the end-to-end test (.ci/run installs it)"
    assert NEWSDESK.exists(), f"the newsdesk command is not installed at {NEWSDESK}"
    name = f"newsdesk-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "35", f"{NEWSDESK} --db {store}"],
        check=True,
        env=env,
    )
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


@pytest.fixture()
def session(store_path):
    yield from _session(store_path)


@pytest.fixture()
def long_session(tmp_path):
    """The app on a synthetic store of a few hundred articles (no NLP: a second to build)."""
    from bench.make_corpus import build

    path = tmp_path / "long.db"
    build(path, 300, progress=False)
    started = _session(path)
    yield path, next(started)
    next(started, None)  # ends the session


def test_newsdesk_in_a_real_terminal(session):
    total = sum(1 for f in ARTICLES.iterdir() for item in read_path(f) if isinstance(item, RawArticle))
    screen = wait_for(session, f"{total} articles")
    newest = max(
        (r for f in ARTICLES.iterdir() for r in read_path(f) if isinstance(r, RawArticle)),
        key=lambda r: r.published or "",
    )
    assert newest.title[:40] in screen  # the newest article first
    tmux("send-keys", "-t", session, "/")
    wait_for(session, "person: country:")
    tmux("send-keys", "-t", session, "-l", "by:stano")
    tmux("send-keys", "-t", session, "Enter")
    screen = wait_for(session, "1 article for by:stano")
    assert "Kosovo FM discusses diplomatic relations" in screen
    tmux("send-keys", "-t", session, "Enter")
    wait_for(session, "Enter: show quote and speaker")  # the reader's status line: the cursor is on the quote
    wait_for(session, "any steps that could call into question")  # and the body, once laid out, shows it
    tmux("send-keys", "-t", session, "]")  # the next linked item: a mention after the quote
    wait_for(session, "Enter: entity page")
    tmux("send-keys", "-t", session, "q")  # back to the search
    wait_for(session, "1 article for by:stano")
    tmux("send-keys", "-t", session, "Escape")  # back to the list
    wait_for(session, f"{total} articles")
    tmux("send-keys", "-t", session, "q")  # quit at the top
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode != 0:
            break
        time.sleep(0.2)
    else:
        screen = tmux("capture-pane", "-p", "-t", session)
        pytest.fail(f"newsdesk did not quit on q at the top; the screen was:\n{screen}")


def test_a_search_past_200_in_a_real_terminal_shows_its_count_and_pages_to_the_last_match(long_session):
    from store.queries import Store
    from store.query_syntax import parse

    path, session = long_session
    store = Store.open(path)
    matches = store.articles(1000, 0, "newest", parse("person:petrovic"))
    store.close()
    assert len(matches) > 200
    wait_for(session, "300 articles")
    tmux("send-keys", "-t", session, "/")
    wait_for(session, "person: country:")
    tmux("send-keys", "-t", session, "-l", "person:petrovic")
    tmux("send-keys", "-t", session, "Enter")
    wait_for(session, f"{len(matches)} articles for person:petrovic")
    tmux("send-keys", "-t", session, "Down")  # from the box to the first result
    for _ in range(3):  # End: the last loaded result, and the next page comes by key
        tmux("send-keys", "-t", session, "End")
        time.sleep(0.5)
    tmux("send-keys", "-t", session, "End")
    wait_for(session, matches[-1].title)  # the oldest match, past the first 200
    tmux("send-keys", "-t", session, "Enter")
    wait_for(session, f"newsdesk — {matches[-1].title[:30]}")
