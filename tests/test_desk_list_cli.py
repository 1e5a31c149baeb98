"""The command line's words: a search's limit never hides matches silently; ingest progress says how far it is."""

from __future__ import annotations

import json

from tui.cli import main


def test_a_search_cut_by_its_limit_says_how_many_of_how_many_it_shows(store_path, store, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    total = len(store.search("country:israel", limit=1000))
    assert total > 2
    assert main(["search", "--db", str(store_path), "--limit", "2", "country:israel"]) == 0
    out = capsys.readouterr().out
    assert f"{total} articles for country:israel" in out
    assert f"2 of {total} shown (--limit)" in out
    assert main(["search", "--db", str(store_path), "--limit", "2", "--json", "country:israel"]) == 0
    done = capsys.readouterr()
    assert [json.loads(line)["id"] for line in done.out.splitlines()] == [
        h.article.id for h in store.search("country:israel", limit=2)
    ]
    assert done.err.strip() == f"2 of {total} shown (--limit)"


def test_a_search_that_shows_everything_says_nothing_of_a_limit(store_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["search", "--db", str(store_path), "by:stano"]) == 0
    out = capsys.readouterr().out
    assert "1 article for by:stano" in out
    assert "shown (--limit)" not in out
