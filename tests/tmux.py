"""Driving a real terminal for the end-to-end tests: tmux commands and waiting for text on its screen."""

from __future__ import annotations

import subprocess
import time


def tmux(*args: str) -> str:
    """Run a tmux command; return what it printed."""
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def wait_for(session: str, text: str, timeout: float = 30) -> str:
    """The session's screen once ``text`` is on it; fail with the screen if it never comes."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")
