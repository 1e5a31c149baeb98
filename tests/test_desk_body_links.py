"""Links you can see: ``]`` stops only on items the body draws, each one highlighted, in drawing order."""

from __future__ import annotations

import pytest

from store.queries import Store
from tui.app import NewsdeskApp
from tui.history import Location
from tui.widgets.article_body import ArticleBody
from tui.widgets.body_layout import build_links, lay_out

from .test_app import SEED_TITLE, settle

BYLINED = "Both camps claim lead in Dakar mayoral by-election"  # byline, source line, a caption printed twice


def _article(store: Store, title: str):
    summary = next(s for s in store.articles(100) if s.title == title)
    return store.article(summary.id)


def _links(store: Store, article):
    entities = {e.id: e for e, _ in store.article_entities(article.id)}
    return build_links(article, store.mentions(article.id), entities, store.quotes(article.id))


def test_every_linked_item_is_on_a_drawn_line_in_drawing_order(store):
    """Without an app: each item's characters are on the line the layout says, and the items come line by line,
    left to right; a repeated caption's mentions are not items (it is drawn once)."""
    for summary in store.articles(100):
        article = store.article(summary.id)
        links, layout = _links(store, article), lay_out(article, 70)
        places = []
        for item in links.items:
            line = layout.lines[layout.line_of(item.start)]
            column = next((x + item.start - s for x, s, e in line.shown() if s <= item.start < e), None)
            assert column is not None, (article.title, article.text[item.start : item.end])
            places.append((layout.line_of(item.start), column))
        assert places == sorted(places), article.title


def test_the_meta_line_is_visited_before_the_dek(store):
    article = _article(store, BYLINED)
    words = [article.text[i.start : i.end] for i in _links(store, article).items]
    assert words[:3] == ["Global Desk Wire", "Fatou Camara", "Senegal"]  # source, byline, then the dek
    captions = [b for b in article.blocks if b.kind == "caption"]
    assert len(captions) == 2 and len({article.text[b.start : b.end] for b in captions}) == 1
    in_captions = [[i for i in _links(store, article).items if b.start <= i.start < b.end] for b in captions]
    assert in_captions[0] and not in_captions[1]  # the caption is printed twice and drawn once


def _highlighted(body: ArticleBody) -> str:
    """The characters drawn in reverse video (the cursor) on screen, runs joined by spaces."""
    runs, run = [], ""
    for y in range(body.scrollable_content_region.height):
        for segment in body.render_line(y):
            if segment.style is not None and segment.style.reverse:
                run += segment.text
            elif run:
                runs.append(run)
                run = ""
        if run:
            run += " "
    runs.append(run)
    return " ".join(" ".join(r.split()) for r in runs if r.strip())


@pytest.mark.parametrize("title", [BYLINED, SEED_TITLE])
async def test_every_stop_of_the_bracket_key_is_highlighted(store_path, title):
    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article = _article(app.store, title)
        app.navigate(Location("article", article.id))
        await settle(pilot)
        body = app.main.query_one(ArticleBody)
        assert body.items
        lines = []
        for k in range(len(body.items)):
            await pilot.press("right_square_bracket")
            item = body.current
            assert body.cursor == k
            words = " ".join(article.text[item.start : item.end].split())
            shown = _highlighted(body)
            assert shown and words.startswith(shown), (k, words, shown)
            lines.append(body.line_of(item.start))
        assert lines == sorted(lines)  # down the article as it is drawn
