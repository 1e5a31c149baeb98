"""The package as a user installs it: the wheel carries the demo articles and `newsdesk demo` builds from them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import zipfile

from store.readers import RawArticle, read_path

from .conftest import ARTICLES, ROOT


def test_an_installed_wheel_builds_the_demo_store_from_its_own_articles(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("newsdesk-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    packed = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("tui/demo/articles/"))
    assert packed == sorted(p.name for p in ARTICLES.iterdir())
    assert "tui/newsdesk.tcss" in names

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site), "NEWSDESK_DEMO_DB": str(tmp_path / "demo.db")}
    where = subprocess.run(
        [sys.executable, "-c", "from tui.cli import demo_fixtures; print(demo_fixtures())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip() == str(site / "tui" / "demo" / "articles")
    built = subprocess.run(
        [sys.executable, "-m", "tui.cli", "demo", "--no-open"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    count = sqlite3.connect(tmp_path / "demo.db").execute("SELECT count(*) FROM articles").fetchone()[0]
    assert count == sum(
        1 for p in ARTICLES.iterdir() for item in read_path(p) if isinstance(item, RawArticle)
    )
