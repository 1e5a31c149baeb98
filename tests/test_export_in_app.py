"""`e` in the app exports what is on screen: the article list under its filter, an entity page's quotes. The file
is named for what it holds, a notification names it and its rows, and a failure is a notification, not a crash."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from textual.widgets import Input

from store.query_syntax import parse
from tui.app import NewsdeskApp
from tui.gateway import export_path, slug
from tui.history import Location
from tui.screens.entity import EntityScreen
from tui.settings import Settings
from tui.widgets.article_list import ArticleList

from .test_app import settle

TODAY = date.today().isoformat()


def _app(store, folder: Path, fmt: str = "md") -> NewsdeskApp:
    return NewsdeskApp(store, settings=Settings(export_folder=folder, export_format=fmt))


def _said(app: NewsdeskApp) -> str:
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def _export(pilot) -> None:
    await pilot.press("e")
    await settle(pilot)
    await pilot.pause(0.1)


def _csv_ids(path: Path, column: str) -> list[int]:
    with path.open(encoding="utf-8", newline="") as f:
        return [int(row[column]) for row in csv.DictReader(f)]


def _most_quoted_person(store):
    (speaker,) = store.db.execute(
        "SELECT q.speaker_id FROM quotes q JOIN entities e ON e.id = q.speaker_id WHERE e.kind = 'person' "
        "GROUP BY q.speaker_id ORDER BY count(*) DESC, q.speaker_id LIMIT 1"
    ).fetchone()
    return store.entity(speaker)


async def test_e_on_the_list_exports_every_article_it_shows(store, tmp_path):
    folder = tmp_path / "exports"  # made on the first export
    app = _app(store, folder, "csv")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        await _export(pilot)
        path = folder / f"articles-all-{TODAY}.csv"
        assert path.exists(), list(folder.iterdir())
        shown = [articles.row(i).id for i in range(articles.count)]
        assert sorted(_csv_ids(path, "id")) == sorted(shown) and len(shown) == store.article_count()
        said = _said(app)
        assert f"exported {len(shown)} articles to {path}" in said
        assert [p.name for p in folder.iterdir()] == [path.name]  # no partial file left beside it


async def test_e_on_a_filtered_list_exports_only_its_matches_to_a_file_named_for_the_filter(store, tmp_path):
    person = _most_quoted_person(store)
    text = f'person:"{person.name.lower()}"'
    app = _app(store, tmp_path, "csv")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        app.main.query_one("#filter", Input).value = text
        await pilot.press("enter")
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        assert articles.query == parse(text)
        shown = [articles.row(i).id for i in range(articles.count)]
        assert 0 < len(shown) < store.article_count()
        await _export(pilot)
        path = tmp_path / f"articles-person-{slug(person.name)}-{TODAY}.csv"
        assert path.exists(), list(tmp_path.iterdir())
        assert _csv_ids(path, "id") == shown  # newest first, as the list shows them
        assert f"exported {len(shown)} article{'s' if len(shown) > 1 else ''} to {path}" in _said(app)


async def test_e_on_an_entity_page_exports_its_quotes_as_markdown_citations(store, tmp_path):
    person = _most_quoted_person(store)
    quotes = store.entity_quotes(person.id, limit=1000)
    assert len(quotes) >= 2
    app = _app(store, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.navigate(Location("entity", person.id))
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)
        await _export(pilot)
        path = tmp_path / f"person-{slug(person.name)}-quotes-{TODAY}.md"
        assert path.exists(), list(tmp_path.iterdir())
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
        assert len(lines) == len(quotes)
        assert all(line.startswith("> “") for line in lines)
        first_words = quotes[0][0].text.split()[0].strip(".,;:!?\"'()[]*_`")
        assert first_words in lines[0]  # newest first, as the page lists them
        assert f"exported {len(quotes)} quotes to {path}" in _said(app)
        # a second export the same day goes beside the first, never over it
        await _export(pilot)
        assert (tmp_path / f"person-{slug(person.name)}-quotes-{TODAY}-2.md").exists()


async def test_e_on_an_entity_page_exports_exactly_its_quotes(store, tmp_path):
    person = _most_quoted_person(store)
    app = _app(store, tmp_path, "csv")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.navigate(Location("entity", person.id))
        await settle(pilot)
        await _export(pilot)
        path = tmp_path / f"person-{slug(person.name)}-quotes-{TODAY}.csv"
        assert _csv_ids(path, "quote_id") == [q.id for q, _ in store.entity_quotes(person.id, limit=1000)]
        with path.open(encoding="utf-8", newline="") as f:
            assert {row["speaker"] for row in csv.DictReader(f)} == {person.name}


async def test_an_export_that_cannot_be_written_is_a_notification_not_a_crash(store, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the export folder should be", encoding="utf-8")
    app = _app(store, blocked)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await _export(pilot)
        said = _said(app)
        assert "not exported" in said and str(blocked) in said
        assert app.is_running and app.return_code is None
        await pilot.press("j")  # the list still answers
        assert app.main.query_one(ArticleList).cursor == 1


async def test_e_shows_in_the_footer_where_it_applies(store, tmp_path):
    app = _app(store, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert "export" in {b.id for _, b, enabled, _ in app.screen.active_bindings.values() if enabled}
        await pilot.press("slash")
        await settle(pilot)
        assert "export" not in {b.id for _, b, _, _ in app.screen.active_bindings.values()}


def test_export_names_say_what_the_file_holds(tmp_path):
    day = date(2026, 12, 2)
    assert export_path(tmp_path, "person-okafor", "md", day).name == "person-okafor-2026-12-02.md"
    assert export_path(tmp_path, "person-okafor", "csv", day, 2).name == "person-okafor-2026-12-02-2.csv"
    assert slug('person:"Ngozi Okafor-Iweala" after:2020') == "person-ngozi-okafor-iweala-after-2020"
    assert slug("«»") == "all"
    assert slug("../../etc/passwd") == "etc-passwd"  # a file in the folder, never a path out of it


def test_the_export_folder_and_format_are_settings(tmp_path):
    from store.export import FORMATS
    from tui.settings import EXPORT_FORMATS, load_settings

    assert set(EXPORT_FORMATS) == set(FORMATS)
    config = tmp_path / "config.toml"
    config.write_text('[export]\nfolder = "~/notes"\nformat = "jsonl"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.export_folder == Path("~/notes").expanduser() and settings.export_format == "jsonl"
    assert settings.problems == []
    config.write_text('[export]\nformat = "pdf"\n', encoding="utf-8")
    settings = load_settings(config)
    assert settings.export_format == "md" and "format must be one of md, csv, jsonl" in settings.problems[0]
    assert Settings().export_folder == Path("~/newsdesk-exports").expanduser()


async def test_an_export_goes_on_when_the_user_leaves_the_page(store, tmp_path):
    person = _most_quoted_person(store)
    app = _app(store, tmp_path, "jsonl")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.navigate(Location("entity", person.id))
        await settle(pilot)
        await pilot.press("e", "backspace")
        await settle(pilot)
        assert not isinstance(app.screen, EntityScreen)
        path = tmp_path / f"person-{slug(person.name)}-quotes-{TODAY}.jsonl"
        quotes = store.entity_quotes(person.id, limit=1000)
        assert len(path.read_text(encoding="utf-8").splitlines()) == len(quotes)
        assert f"exported {len(quotes)} quotes to {path}" in _said(app)


async def test_nothing_to_export_is_said_and_writes_no_file(store, tmp_path):
    (silent,) = store.db.execute(
        "SELECT e.id FROM entities e WHERE e.kind = 'person' "
        "AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = e.id) ORDER BY e.id LIMIT 1"
    ).fetchone()
    app = _app(store, tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.navigate(Location("entity", silent))
        await settle(pilot)
        await _export(pilot)
        assert f"no quotes by {store.entity(silent).name} to export" in _said(app)
        assert list(tmp_path.iterdir()) == []


async def test_e_on_search_results_exports_every_article_the_search_finds(store, tmp_path):
    from tui.screens.search import SearchScreen

    from .test_app import search

    app = _app(store, tmp_path, "csv")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        screen = await search(pilot, "embassy")
        assert isinstance(screen, SearchScreen) and len(screen.hits) > 1
        await pilot.press("e")  # typed into the box while it has the focus: no export
        assert list(tmp_path.iterdir()) == []
        await pilot.press("backspace", "down")
        await settle(pilot)
        await _export(pilot)
        path = tmp_path / f"search-embassy-{TODAY}.csv"
        assert _csv_ids(path, "id") == [hit.article.id for hit in screen.hits]
        assert f"exported {len(screen.hits)} articles to {path}" in _said(app)
