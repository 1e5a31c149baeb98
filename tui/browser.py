"""Opening an article's URL: web links only, in a browser started apart from the app and its terminal.

Not ``webbrowser``: it hands the URL to any browser whatever its scheme (``file:``, ``javascript:``) or form
(``--help``, read as an option), lets the browser inherit the terminal the app draws on, waits for a browser run
as a plain command to quit, and picks text browsers (lynx, w3m) that need the terminal the app holds.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
# graphical browsers and openers, tried in this order when $BROWSER names none; each opens a window of its own
OPENERS = ("xdg-open", "sensible-browser", "x-www-browser", "firefox", "chromium", "google-chrome")
FAILURE_WAIT = 5.0  # seconds: an opener failing within this long is reported; one still running has opened it


def refusal(url: str) -> str | None:
    """Why ``url`` is not opened, or None for a web link: http or https, with a host, nothing an option could be
    made of, no spaces or control characters (which a browser or an opener script might split on)."""
    if url.startswith("-"):
        return "it starts with “-”, which a browser would take for an option"
    if any(c.isspace() or ord(c) < 32 or 127 <= ord(c) < 160 for c in url):
        return "it holds spaces or control characters"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return "it is not a valid URL"
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES:
        what = f"not {scheme}:" if scheme else "and it has no scheme"
        return f"only http and https links are opened, {what}"
    if not host:
        return "it names no host"
    return None


def browser_command(
    url: str, env: Mapping[str, str] | None = None, platform: str | None = None
) -> list[str] | None:
    """The command that opens ``url`` in a browser apart from the terminal, or None when there is none: the first
    command of ``$BROWSER`` that is installed (``%s`` in it stands for the URL), else the system's opener (on
    Linux and the BSDs only within a graphical session: a browser there would need the app's terminal)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    path = env.get("PATH")
    for choice in env.get("BROWSER", "").split(os.pathsep):
        try:
            args = shlex.split(choice)
        except ValueError:
            continue
        if args and (found := shutil.which(args[0], path=path)):
            args[0] = found
            return [a.replace("%s", url) for a in args] if any("%s" in a for a in args) else [*args, url]
    if platform == "darwin":
        return ["open", url]
    if platform.startswith("win"):
        return [
            "rundll32",
            "url.dll,FileProtocolHandler",
            url,
        ]  # the default browser, no shell to parse the URL
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        return None
    for name in OPENERS:
        if found := shutil.which(name, path=path):
            return [found, url]
    return None


def start(command: list[str]) -> subprocess.Popen:
    """Start ``command`` in a session of its own, reading nothing and writing nowhere: the terminal stays the
    app's, and the browser outlives the app. Raises OSError when it cannot be started."""
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        close_fds=True,
    )


def failure(process: subprocess.Popen, stop: Callable[[], bool], wait: float = FAILURE_WAIT) -> int | None:
    """The exit status of a browser command that failed within ``wait`` seconds; None once it succeeded, is still
    running (a browser run as a plain command), or ``stop()`` says the app is going."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and not stop():
        code = process.poll()
        if code is not None:
            return code or None
        time.sleep(0.05)
    return None
