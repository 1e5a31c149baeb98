"""Colours: mentions and quotes are drawn in the theme's own text colours, readable in every built-in theme."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from store.queries import Store
from tui.app import NewsdeskApp
from tui.history import Location
from tui.text import READABLE, contrast, palette
from tui.widgets.article_body import ArticleBody

from .test_app import SEED_TITLE, settle

# the ansi themes use the terminal's own colours: their shades are the terminal's, not the theme's
THEMES = [name for name in BUILTIN_THEMES if not name.startswith("ansi")]


@pytest.mark.parametrize("theme", THEMES)
def test_every_kind_and_quote_reads_on_the_body_in_every_theme(theme):
    app = App()
    app.theme = theme
    surface = Color.parse(app.get_css_variables()["surface"])  # the body's background
    colours = palette(app)
    for style in [*colours.kinds.values(), colours.quote]:
        assert contrast(Color.from_rich_color(style.color), surface) >= READABLE, (theme, style)
    assert len({style.color for style in colours.kinds.values()}) >= 2  # kinds are told apart by colour


@pytest.mark.parametrize("theme", ["textual-light", "nord"])
async def test_the_body_draws_mentions_in_the_theme_colours(store_path, theme):
    app = NewsdeskApp(Store.open(store_path))
    app.theme = theme
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        seed = next(s for s in app.store.articles(100) if s.title == SEED_TITLE)
        app.navigate(Location("article", seed.id))
        await settle(pilot)
        body = app.main.query_one(ArticleBody)
        drawn = {
            segment.text: segment.style.color
            for y in range(body.scrollable_content_region.height)
            for segment in body.render_line(y)
            if segment.style is not None and not segment.style.reverse
        }
        colours = palette(app)
        assert drawn["Kosovo"] == colours.kind("country").color  # in the title
        assert drawn["Ashkenazi"] == colours.kind("person").color
