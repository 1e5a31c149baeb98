"""The app, driven as a user would with Pilot, on the store built from the fixtures."""

from __future__ import annotations

import os

import pytest
from textual.widgets import Input, OptionList, Static

from store.queries import Store
from store.readers import RawArticle, read_path
from tui.app import NewsdeskApp
from tui.screens.entity import EntityScreen
from tui.screens.help import HelpScreen
from tui.screens.quote import QuoteScreen
from tui.screens.search import SearchScreen
from tui.widgets.article_body import ArticleBody
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_pane import EntityPane
from tui.widgets.quote_pane import QuotePane
from tui.widgets.result_list import ResultList

from .conftest import ARTICLES

SEED_TITLE = "Kosovo FM discusses diplomatic relations with FM Ashkenazi for first time"


async def settle(pilot) -> None:
    """Let workers finish and the screen repaint."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        for screen in pilot.app.screen_stack:
            await screen.workers.wait_for_complete()
        await pilot.pause()


@pytest.fixture()
def app(store_path):
    return NewsdeskApp(Store.open(store_path))


async def search(pilot, query: str) -> SearchScreen:
    await pilot.press("slash")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    screen.query_one("#query", Input).value = query
    await pilot.press("enter")
    await settle(pilot)
    return screen


def result_titles(screen: SearchScreen) -> list[str]:
    return [hit.article.title for hit in screen.hits]


async def open_seed(pilot) -> ArticleBody:
    screen = await search(pilot, "Hezbollah terrorist")
    assert result_titles(screen) == [SEED_TITLE]
    await pilot.press("enter")
    await settle(pilot)
    body = pilot.app.main.query_one(ArticleBody)
    assert body.article is not None and body.article.title == SEED_TITLE
    return body


async def test_the_list_shows_every_article_newest_first(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        in_fixtures = sum(
            1 for f in ARTICLES.iterdir() for item in read_path(f) if isinstance(item, RawArticle)
        )
        assert articles.count == app.store.article_count() == in_fixtures
        dates = [articles.row(i).published for i in range(articles.count)]
        dated = [d for d in dates if d]
        assert dated == sorted(dated, reverse=True)
        assert dates[-2:] == [None, None]  # undated last


async def test_sort_key_cycles_the_order(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        await pilot.press("s")
        await settle(pilot)
        assert articles.order == "oldest"
        first = articles.row(0)
        assert first.published == min(r.published for r in app.store.articles(100) if r.published)


async def test_filter_narrows_the_list_with_the_search_language(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        app.main.query_one("#filter", Input).value = "by:stano"
        await pilot.press("enter")
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        assert articles.count == 1 and articles.row(0).title == SEED_TITLE


async def test_from_a_mention_to_the_entity_page_to_a_quote_and_back(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        body = await open_seed(pilot)
        # step through the linked items to the first "Haradinaj"
        await pilot.press("home")
        for _ in range(60):
            item = body.current
            if item and item.kind == "mention" and body.article.text[item.start : item.end] == "Haradinaj":
                break
            await pilot.press("right_square_bracket")
        else:
            pytest.fail("] never reached Haradinaj")
        left_at = body.cursor
        await pilot.press("enter")
        await settle(pilot)
        page = app.screen
        assert isinstance(page, EntityScreen) and page.entity.name == "Meliza Haradinaj"
        assert "Kosovo Foreign Minister" in str(page.query_one("#entity-head", Static).render())
        links = page.query_one(OptionList)
        prompts = [str(links.get_option_at_index(i).prompt) for i in range(links.option_count)]
        assert any(SEED_TITLE in p for p in prompts)
        said = [q.text for q, _ in page.quotes.values()]
        assert any(t.startswith("I assured my Israeli counterpart") for t in said)
        assert any(t.startswith("confirmed to Mr. Ashkenazi") for t in said)
        # open her quote: the article opens with the cursor on it
        quote, _ = next(v for v in page.quotes.values() if v[0].text.startswith("confirmed to Mr. Ashkenazi"))
        links.highlighted = next(
            i for i in range(links.option_count) if links.get_option_at_index(i).id == f"q{quote.id}"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main
        assert body.current.kind == "quote" and body.current.start == quote.start
        # back to her page, then back to where we were in the article
        await pilot.press("backspace")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)
        await pilot.press("backspace")
        await settle(pilot)
        assert app.screen is app.main and body.cursor == left_at
        # and forward again
        await pilot.press("alt+right")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen)


@pytest.mark.parametrize("query", ["country:serbia", "person:vucic", "by:stano"])
async def test_search_lists_articles_with_snippets(app, query):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = await search(pilot, query)
        titles = result_titles(screen)
        assert titles == [h.article.title for h in app.store.search(query, limit=200)]
        assert SEED_TITLE in titles
        if query == "by:stano":
            assert titles == [SEED_TITLE]  # the only article that quotes him
        assert all(hit.snippet for hit in screen.hits)


@pytest.mark.parametrize("size", [(160, 45), (80, 24)])
async def test_enter_on_a_result_opens_the_article_at_the_match(app, size):
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search(pilot, "by:stano")
        await pilot.press("enter")
        await settle(pilot)
        body = app.main.query_one(ArticleBody)
        assert body.current.kind == "quote"
        assert body.article.text[body.current.start :].startswith("any steps that could call")
        # and the quote is on screen, not just under a cursor somewhere below
        line, top = body.line_of(body.current.start), body.scroll_offset.y
        assert top <= line < top + body.scrollable_content_region.height


async def test_a_bad_query_gets_an_inline_message(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await search(pilot, "persn:haradinaj")
        status = str(screen.query_one("#search-status", Static).render())
        assert "unknown field 'persn:'" in status


async def test_no_results_says_so(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await search(pilot, "person:nobodyatall")
        assert "no articles match" in str(screen.query_one("#search-status", Static).render())


async def test_typing_a_field_term_suggests_names(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press(*"person:hara")
        await settle(pilot)
        suggestions = app.screen.query_one("#suggestions", OptionList)
        assert suggestions.display
        assert "Meliza Haradinaj" in str(suggestions.get_option_at_index(0).prompt)
        await pilot.press("tab")
        assert app.screen.query_one("#query", Input).value == 'person:"Meliza Haradinaj" '


async def test_entity_pane_marks_mentions_and_n_steps_through_them(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        body = await open_seed(pilot)
        pane = app.main.query_one(EntityPane)
        pane.select_entity(next(e.id for e in app.main.entities.values() if e.name == "Gabi Ashkenazi"))
        await settle(pilot)
        ashkenazi = body.marked_entity
        assert len(body._marked_spans) == 4  # "Ashkenazi" in the title and body, "Gabi Ashkenazi"
        pane.focus()
        seen = []
        for _ in range(4):
            await pilot.press("n")
            seen.append(body.current.start)
            assert body.current.ref == ashkenazi
        assert seen == sorted(seen) and len(set(seen)) == 4


async def test_quote_pane_scrolls_the_body_and_jumps_to_the_speaker(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        body = await open_seed(pilot)
        quotes = app.main.query_one(QuotePane)
        quotes.focus()
        quotes.highlighted = 3
        await settle(pilot)
        assert body.current.kind == "quote" and body.current.ref == quotes.quotes[3].id
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, EntityScreen) and app.screen.entity.name == "Peter Stano"


async def test_enter_on_a_quote_shows_it_and_y_copies_it_with_its_citation(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        body = await open_seed(pilot)
        quotes = app.main.query_one(QuotePane)
        quotes.focus()
        quotes.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuoteScreen)
        await pilot.press("y")
        assert app.clipboard.startswith("“I assured my Israeli counterpart")
        assert "— Meliza Haradinaj" in app.clipboard and SEED_TITLE in app.clipboard
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main and body.article.title == SEED_TITLE


async def test_a_quote_by_an_unnamed_source_shows_the_words_that_attribute_it(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = await search(pilot, "vaccination hall")
        assert result_titles(screen)[0].startswith("Niš turns sports arena")
        await pilot.press("enter")
        await settle(pilot)
        quotes = app.main.query_one(QuotePane)
        index = next(i for i, q in enumerate(quotes.quotes) if q.text.startswith("No to forced vaccination"))
        assert quotes.quotes[index].speaker_name is None
        head = quotes.entry_lines(index, 60)[0].plain
        assert head.startswith("a few dozen protesters (chanted)")
        quotes.focus()
        quotes.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuoteScreen)
        await pilot.press("y")
        assert "— a few dozen protesters" in app.clipboard


async def test_help_lists_every_binding(app):
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        console = Console(width=120, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        console.print(app.screen.table)
        text = console.export_text()
        for words in (
            "Search",
            "Next link",
            "Follow",
            "Entity page",
            "Speaker",
            "Copy quote",
            "Back",
            "Forward",
        ):
            assert words in text, words


async def test_q_goes_back_and_quits_at_the_top(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await open_seed(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("escape")  # in the search box Escape is back
        await settle(pilot)
        assert app.history.current.kind == "home"
        await pilot.press("q")
        await settle(pilot)
        assert app.return_code == 0 and not app.is_running


async def test_palette_finds_entities_without_accents(app):
    from tui.commands import EntityCommands

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        provider = EntityCommands(app.screen)
        hits = [hit async for hit in provider.search("vucic")]
        assert any(str(h.match_display) == "Aleksandar Vučić" for h in hits)
        typo = [hit async for hit in provider.search("ashknazi")]
        assert "Gabi Ashkenazi" in [str(h.match_display) for h in typo]


HOSTILE = (
    "[bold red]Breaking[/] talks [@click=app.quit]end[/]\n\n"
    "A dek with [link=https://example.com]a link[/link] and an unbalanced [ bracket.\n\n"
    "Kosovo Foreign Minister Meliza Haradinaj met officials in Pristina on Monday.\n"
    '"We will not [b]shout[/b] or [@click=app.quit]leave[/], ever," Haradinaj said.\n'
)


async def test_markup_in_articles_is_shown_literally_everywhere(tmp_path):
    from store.db import open_store
    from store.ingest import ingest

    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    db = open_store(tmp_path / "h.db")
    assert ingest(db, [str(path)]).added == 1
    db.conn.close()
    app = NewsdeskApp(Store.open(tmp_path / "h.db"))
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        assert "[bold red]Breaking[/] talk" in articles.render_line(0).text  # literal, cut to the column
        await pilot.press("enter")
        await settle(pilot)
        body = app.main.query_one(ArticleBody)
        lines = (body.render_line(y).text for y in range(body.scrollable_content_region.height))
        shown = " ".join(" ".join(lines).split())  # as read, whatever the width wraps
        assert "[@click=app.quit]end[/]" in shown
        assert "[link=https://example.com]a link[/link]" in shown and "unbalanced [ bracket" in shown
        assert "[b]shout[/b] or [@click=app.quit]leave[/]" in shown
        quotes = app.main.query_one(QuotePane)
        assert "[@click=app.quit]leave[/]" in quotes.get_option_at_index(0).prompt.plain
        screen = await search(pilot, "shout")
        assert "[bold red]Breaking[/]" in str(
            screen.query_one("#results", ResultList).get_option_at_index(0).prompt
        )
        assert app.is_running  # no [@click=app.quit] was obeyed


async def test_the_key_bar_shows_the_keys_and_a_click_on_one_presses_it(app):
    from tui.widgets.bars import KeyBar

    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        shown = bar.render().plain
        assert "Search" in shown and "Help" in shown and "Sort" in shown  # the list's keys and the app's
        (start, _, _) = next(span for span in bar._spans if span[2] == "question_mark")
        await pilot.click(KeyBar, offset=(start + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_the_layout_follows_the_terminal_as_it_is_resized(app):
    """Wide: the list beside the guide (or the reader); narrower: one at a time; narrowest: panes under the body."""
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        main = app.main
        shown = lambda: (main.has_class("-wide"), main.query_one("#hint").display, main.has_class("-stacked"))  # noqa: E731
        assert shown() == (True, True, False)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert shown() == (False, False, False)
        await open_seed(pilot)
        assert not main.query_one("#list-pane").display and main.query_one("#reader").display
        await pilot.resize_terminal(90, 40)
        await settle(pilot)
        assert shown() == (False, False, True)
        await pilot.resize_terminal(170, 45)
        await settle(pilot)
        assert (
            main.has_class("-wide")
            and main.query_one("#list-pane").display
            and main.query_one("#reader").display
        )


@pytest.mark.parametrize("width", [1, 3])
async def test_links_step_after_the_terminal_shrinks_to_a_few_columns(app, width):
    """``j Enter Tab ] Tab Escape``, a resize to a sliver of a terminal, ``j Enter Tab ]``: the second article
    opens with nothing to wrap it to, ``]`` puts the cursor on its first link, and once the terminal is wide again
    the body shows that article, not the lines of the first."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("j", "enter", "tab", "right_square_bracket", "tab", "escape"):
            await pilot.press(key)
        await settle(pilot)
        await pilot.resize_terminal(width, 3)
        await settle(pilot)
        for key in ("j", "enter", "tab", "right_square_bracket"):
            await pilot.press(key)
        await settle(pilot)
        assert app.is_running
        body = app.main.query_one(ArticleBody)
        second = app.main.query_one(ArticleList).row(2)
        assert body.article is not None and body.article.title == second.title
        assert body.current is not None and body.current == body.items[0]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        shown = " ".join(body.render_line(y).text.strip() for y in range(4))
        assert second.title.split()[0] in shown


async def test_y_on_an_entity_page_copies_the_highlighted_quote_with_its_citation(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await open_seed(pilot)
        quotes = app.main.query_one(QuotePane)
        quotes.focus()
        quotes.highlighted = 3
        await pilot.press("p")  # Peter Stano's page: his quotes first
        await settle(pilot)
        page = app.screen
        assert isinstance(page, EntityScreen)
        links = page.query_one(OptionList)
        links.highlighted = next(
            k for k in range(links.option_count) if (links.get_option_at_index(k).id or "")[:1] == "q"
        )
        await pilot.press("y")
        await settle(pilot)
        quote = next(q for q, _ in page.quotes.values() if q.text in app.clipboard)
        assert "Peter Stano" in app.clipboard and quote.text in app.clipboard
