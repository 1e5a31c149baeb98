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


def test_ingest_says_it_loads_the_model_then_counts_files_and_is_never_quiet_for_long(
    tmp_path, capsys, monkeypatch
):

    from tui import cli_output

    monkeypatch.setattr(
        cli_output.RunProgress, "QUIET_SECONDS", 0.0
    )  # a line for every article, however fast
    monkeypatch.setattr(cli_output.RunProgress, "ETA_AFTER", 0.0)  # and the time left guessed from the first
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(7):
        (folder / f"a{k}.json").write_text(
            json.dumps({"title": f"Story {k}", "text": [f"Officials met in Pristina on day {k}."]}),
            encoding="utf-8",
        )
    (folder / "nested").mkdir()
    (folder / "nested" / "b.txt").write_text("Late story\n\nThe council met again.\n", encoding="utf-8")
    assert main(["ingest", "--db", str(tmp_path / "s.db"), str(folder)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "loading the language model…"
    handled = [line for line in lines if " handled: " in line]
    assert len(handled) == 8  # one per article: never quiet for long
    assert handled[0].startswith("1 handled: 1 added, 0 duplicates, 0 failed · ")
    assert all(" of 8 files" in line for line in handled)
    assert "about" in handled[3] and "left" in handled[3]
    assert handled[-1].startswith("8 handled: 8 added, 0 duplicates, 0 failed · ")
    assert lines[-1].startswith("8 added, 0 already in the store, 0 could not be read — ")


def test_the_progress_bar_shows_a_file_name_as_written_never_as_markup():
    from rich.console import Console

    from store.ingest import Progress
    from tui.cli_output import RunProgress

    console = Console(force_terminal=True, record=True, width=160)
    progress = RunProgress(console)
    with progress as on_progress:
        on_progress(Progress(1, 1, 0, 0, 10, "in/notes [red]draft[red].txt", 0, 2))
        progress.bar.refresh()
        drawn = console.export_text()
    assert "notes [red]draft[red].txt" in drawn
