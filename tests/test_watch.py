"""`newsdesk ingest --watch FOLDER`: what is there goes in, then each file as it appears, until Ctrl-C."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from store.watch import wanted

from .conftest import ROOT

ARTICLE = (
    "{title}\n\nThe {thing} on the east bank was repainted over the weekend by volunteers from the rowing club, "
    "who said the old colour had faded to grey.\n"
)


def _titles(db: Path) -> set[str]:
    if not db.exists():
        return set()
    try:
        with sqlite3.connect(db) as conn:
            return {row[0] for row in conn.execute("SELECT title FROM articles")}
    except sqlite3.OperationalError:  # the store is being created
        return set()


def _wait_for(condition, seconds: float = 90.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_files_that_appear_go_in_and_ctrl_c_ends_with_a_summary(tmp_path):
    folder, db = tmp_path / "inbox", tmp_path / "s.db"
    folder.mkdir()
    (folder / "boathouse.txt").write_text(ARTICLE.format(title="Boathouse repainted", thing="boathouse"))
    watcher = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--db", str(db), "ingest", "--watch", str(folder)],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines = []
        for line in watcher.stderr:  # the folder's files are in once it says it is watching
            lines.append(line)
            if line.startswith("watching"):
                break
        assert _titles(db) == {"Boathouse repainted"}, lines

        # a hidden file and a download in progress are left alone; the download goes in once renamed
        (folder / ".draft.txt").write_text(ARTICLE.format(title="A hidden draft", thing="shed"))
        part = folder / "pier.txt.part"
        part.write_text(ARTICLE.format(title="Pier repainted", thing="pier"))
        part.rename(folder / "pier.txt")
        assert _wait_for(lambda: "Pier repainted" in _titles(db)), "the new file never went in"
        (folder / "bench.txt").write_text(ARTICLE.format(title="Bench repainted", thing="bench"))
        assert _wait_for(lambda: "Bench repainted" in _titles(db))
    finally:
        watcher.send_signal(signal.SIGINT)
        rest = watcher.communicate(timeout=30)[1]
    assert watcher.returncode == 0, rest
    assert "stopped watching: 3 added, 0 already in the store, 0 could not be read" in rest
    assert _titles(db) == {"Boathouse repainted", "Pier repainted", "Bench repainted"}


def test_only_files_newsdesk_reads_are_picked_up():
    assert wanted("/in/story.html") and wanted("/in/a.JSONL")
    assert not wanted("/in/.story.txt")  # hidden
    assert (
        not wanted("/in/story.html.part") and not wanted("/in/story.txt~") and not wanted("/in/x.crdownload")
    )
    assert not wanted("/in/photo.jpg")
