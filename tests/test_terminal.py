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

NEWSDESK = Path(sys.executable).parent / "newsdesk"


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def _wait_for(session: str, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")


@pytest.fixture()
def session(store_path):
    assert shutil.which("tmux"), "tmux is needed for the end-to-end test (.ci/run installs it)"
    assert NEWSDESK.exists(), f"the newsdesk command is not installed at {NEWSDESK}"
    name = f"newsdesk-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", name, "-x", "120", "-y", "35", f"{NEWSDESK} --db {store_path}"],
        check=True,
        env=env,
    )
    yield name
    subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


def test_newsdesk_in_a_real_terminal(session):
    total = sum(1 for f in ARTICLES.iterdir() for item in read_path(f) if isinstance(item, RawArticle))
    screen = _wait_for(session, f"{total} articles")
    newest = max(
        (r for f in ARTICLES.iterdir() for r in read_path(f) if isinstance(r, RawArticle)),
        key=lambda r: r.published or "",
    )
    assert newest.title[:40] in screen  # the newest article first
    _tmux("send-keys", "-t", session, "/")
    _wait_for(session, "person: country:")
    _tmux("send-keys", "-t", session, "-l", "by:stano")
    _tmux("send-keys", "-t", session, "Enter")
    screen = _wait_for(session, "1 articles for by:stano")
    assert "Kosovo FM discusses diplomatic relations" in screen
    _tmux("send-keys", "-t", session, "Enter")
    screen = _wait_for(session, "Enter: show quote and speaker")  # the status line of the reader
    assert "any steps that could call into question" in screen
    _tmux("send-keys", "-t", session, "]")  # the next linked item: a mention after the quote
    _wait_for(session, "Enter: entity page")
    _tmux("send-keys", "-t", session, "q")  # back to the search
    _wait_for(session, "1 articles for by:stano")
    _tmux("send-keys", "-t", session, "Escape")  # back to the list
    _wait_for(session, f"{total} articles")
    _tmux("send-keys", "-t", session, "q")  # quit at the top
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if subprocess.run(["tmux", "has-session", "-t", session], capture_output=True).returncode != 0:
            break
        time.sleep(0.2)
    else:
        screen = _tmux("capture-pane", "-p", "-t", session)
        pytest.fail(f"newsdesk did not quit on q at the top; the screen was:\n{screen}")
