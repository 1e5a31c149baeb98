"""A user's keymap (config.toml, [keymap]) rebinds keys by their ids; help shows the keys it gives; a theme set
there opens the app in it; a setting that makes no sense is said, not a crash."""

from __future__ import annotations

from pathlib import Path

from store.queries import Store
from tui.app import NewsdeskApp
from tui.history import Location
from tui.screens.help import HelpScreen
from tui.settings import load_settings
from tui.widgets.article_body import ArticleBody

from .test_app import SEED_TITLE, settle


def _settings(tmp_path: Path, text: str):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


async def test_a_keymap_rebinds_a_key_and_help_shows_it(store_path, tmp_path):
    settings = _settings(tmp_path, 'theme = "nord"\n\n[keymap]\nnext-link = "l"\nhelp = "h"\n')
    app = NewsdeskApp(Store.open(store_path), settings=settings)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        seed = next(s for s in app.store.articles(100) if s.title == SEED_TITLE)
        app.navigate(Location("article", seed.id))
        await settle(pilot)
        body = app.main.query_one(ArticleBody)
        await pilot.press("l", "l")
        assert body.cursor == 1  # l walks the links now
        await pilot.press("right_square_bracket")
        assert body.cursor == 1  # and ] no longer does
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = {
            str(does).split("  ")[0]: str(key)
            for key, does in zip(
                app.screen.table.columns[0].cells, app.screen.table.columns[1].cells, strict=True
            )
        }
        assert rows["Next link"] == "l" and rows["Help"] == "h"
        assert rows["Prev link"] == "["  # not rebound: as it was


async def test_settings_that_make_no_sense_are_said(store_path, tmp_path):
    settings = _settings(tmp_path, 'theme = "no-such-theme"\ncolour = 3\n[keymap]\nno-such-key = "x"\n')
    app = NewsdeskApp(Store.open(store_path), settings=settings)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await pilot.pause(0.2)
        said = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "no theme 'no-such-theme'" in said and "colour" in said and "no-such-key" in said
        assert app.is_running


def test_a_settings_file_that_is_not_toml_is_one_line_not_a_crash(tmp_path):
    settings = _settings(tmp_path, "theme = \n")
    assert settings.theme is None and len(settings.problems) == 1 and "not read" in settings.problems[0]
