"""Hostile article text is stored neutralised with true offsets, shown literally in every pane and by the CLI, and
never reaches the terminal as anything but text.

The corpus (tests/hostile.py) carries escape sequences, C0/C1 controls, bidi overrides, zero-width characters,
Rich and Textual markup, CR/CRLF, tabs, emoji and odd quote marks in every field of every input format.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from rich.console import Console
from textual.content import Content
from textual.geometry import Region
from textual.widgets import OptionList, Static

from store.countries import fold
from store.queries import Store
from store.readers import compose, parse_text
from store.sanitize import decode, neutralise
from tui.app import NewsdeskApp
from tui.cli import main
from tui.history import Location
from tui.screens.entity import EntityScreen
from tui.screens.help import HelpScreen
from tui.screens.quote import QuoteScreen
from tui.text import abridge, highlighted, markup_literal
from tui.widgets.article_body import ArticleBody
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_pane import EntityPane
from tui.widgets.quote_pane import QuotePane
from tui.widgets.result_list import ResultList

from .hostile import ARTICLES, PAYLOADS, UNSAFE, hostile_name, hostile_text, write_corpus
from .test_app import search, settle
from .tmux import tmux, wait_for

NEWSDESK = Path(sys.executable).parent / "newsdesk"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("hostile") / "articles"
    return folder, write_corpus(folder)


@pytest.fixture(scope="module")
def hostile_db(corpus, tmp_path_factory) -> Path:
    """The hostile corpus ingested with the real command line."""
    folder, _ = corpus
    path = tmp_path_factory.mktemp("hostile-store") / "hostile.db"
    assert main(["--db", str(path), "ingest", str(folder)]) == 0  # every file read
    return path


@pytest.fixture()
def store(hostile_db):
    s = Store.open(hostile_db)
    yield s
    s.close()


def flat(text: str) -> str:
    """Text without any whitespace: what wraps differently in each pane still compares equal."""
    return "".join(text.split())


def everything(store: Store):
    """Every article of the store with its entities, mentions and quotes."""
    for row in store.articles(1000):
        a = store.article(row.id)
        yield a, store.article_entities(a.id), store.mentions(a.id), store.quotes(a.id)


# ------------------------------------------------------------------------------------------- the store
def test_every_hostile_article_goes_in_from_every_format(store, corpus):
    _, counts = corpus
    assert store.article_count() == sum(counts.values()) == 4 * len(ARTICLES)
    formats = [re.search(r"\.(\w+)(?:[#:]\d+)?$", a.origin)[1] for a, *_ in everything(store)]
    assert {f: formats.count(f) for f in formats} == dict.fromkeys(
        ("txt", "json", "jsonl", "html"), len(ARTICLES)
    )


def test_nothing_unsafe_is_stored_in_any_field(store):
    fields = 0
    for a, entities, _, quotes in everything(store):
        values = [a.title, a.dek, a.byline, a.source, a.url, a.text]
        for e, _ in entities:
            values += [e.name, e.role, *store.aliases(e.id), *store.roles(e.id)]
        values += [v for q in quotes for v in (q.text, q.cue, q.speaker_name)]
        for value in filter(None, values):
            fields += 1
            assert not UNSAFE.search(value), (a.origin, value)
            assert "\t" not in value and "\r" not in value, (a.origin, value)
    assert fields > 300


def test_hostile_names_and_quotes_were_extracted(store):
    """The panes are tested with hostile names and quotes, not only with hostile bodies."""
    names = [e.name for a, entities, *_ in everything(store) for e, _ in entities]
    quotes = [q.text for *_, quotes in everything(store) for q in quotes]
    assert any("[" in n for n in names) and any("\ufffd" in n for n in names)
    assert any("[@click=app.quit]" in q for q in quotes) and any("[/]" in q for q in quotes)
    assert any("\ufffd]52;c;cHduZWQ=\ufffd" in q for q in quotes)


def test_stored_offsets_slice_the_stored_text_exactly(store):
    checked = 0
    for a, entities, mentions, quotes in everything(store):
        names = {e.id: {fold(n) for n in [e.name, *store.aliases(e.id)]} for e, _ in entities}
        for m in mentions:
            piece = a.text[m.start : m.end]
            assert piece and piece == piece.strip(), (a.origin, m)
            assert fold(" ".join(piece.split())) in names[m.entity_id], (a.origin, piece, names[m.entity_id])
            checked += 1
        for q in quotes:
            assert a.text[q.start : q.end] == q.text, (a.origin, q)
            if q.cue is not None:
                assert a.text[q.cue_start : q.cue_end] == q.cue
            if q.speaker_start is not None:
                assert 0 <= q.speaker_start < q.speaker_end <= len(a.text)
            checked += 1
        for b in a.blocks:
            assert 0 <= b.start <= b.end <= len(a.text)
    assert checked > 100


def test_offsets_into_a_plain_text_file_stay_true(store, corpus):
    """CRLF, lone CR, tabs and controls are replaced one for one: a stored offset indexes the file's own text."""
    folder, _ = corpus
    by_origin = {a.origin: a for a, *_ in everything(store)}
    for path in sorted(folder.glob("*.txt")):
        original = decode(path.read_bytes())
        a = by_origin[str(path)]
        assert len(a.text) == len(original)
        for k, (was, now) in enumerate(zip(original, a.text, strict=True)):
            if was != now:
                assert UNSAFE.match(was) or was in "\r\t", (path.name, k, was, now)
        for m in store.mentions(a.id):  # the words a mention covers are the file's words, controls aside
            assert neutralise(original[m.start : m.end]) == a.text[m.start : m.end]


def test_extract_json_gives_the_stored_text_and_offsets(store, corpus, capsys):
    """`newsdesk extract --json` and the store agree on the text and every mention of the hostile files."""
    folder, _ = corpus
    files = sorted(str(p) for p in folder.glob("*.txt"))
    capsys.readouterr()
    assert main(["extract", "--json", *files]) == 0
    # JSON Lines end at line feeds only: a raw U+2028 inside a string is valid JSON
    records = [json.loads(line) for line in capsys.readouterr().out.split("\n") if line]
    by_origin = {a.origin: a for a, *_ in everything(store)}
    assert [r["file"] for r in records] == files
    for record in records:
        a = by_origin[record["file"]]
        assert record["text"] == a.text
        spans = sorted((m["start"], m["end"]) for e in record["entities"] for m in e["mentions"])
        assert spans == sorted({(m.start, m.end) for m in store.mentions(a.id)})
        for e in record["entities"]:
            for m in e["mentions"]:
                assert a.text[m["start"] : m["end"]] == m["text"]
        assert [(q["start"], q["end"]) for q in record["quotes"]] == [
            (q.start, q.end) for q in store.quotes(a.id)
        ]


# ------------------------------------------------------------------------------------------- properties
@given(hostile_text)
def test_neutralise_keeps_length_and_position_and_leaves_nothing_unsafe(text):
    out = neutralise(text)
    assert len(out) == len(text)
    assert not UNSAFE.search(out) and "\t" not in out and "\r" not in out
    for was, now in zip(text, out, strict=True):
        assert was == now or UNSAFE.match(was) or was in "\r\t"


@given(hostile_text)
def test_markup_literal_shows_text_exactly_in_textual_markup(text):
    text = neutralise(text)
    assert Content.from_markup(markup_literal(text)).plain == text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text, hostile_name)
@example(text="\u0315", name="Anna \x07Kovač")  # a person whose name folds to nothing: once an IndexError
def test_offsets_of_extracted_mentions_and_quotes_slice_hostile_text(text, name):
    from store.extract.pipeline import extract_one

    body = f'"{text}," said {name}. {text}'
    raw = compose("prop.json", title=f"{name} {text}", paragraphs=[body, text])
    source = f"{name}\n\n{body}\r\n{text}\r"
    try:
        plain = parse_text(source, "prop.txt")
        assert len(plain.text) == len(source)  # offsets index the file's own text
    except ValueError:
        plain = raw
    for r in (raw, plain):
        assert not UNSAFE.search(r.text)
        result = extract_one(r)
        for ent in result.entities:
            for m in ent.mentions:
                assert 0 <= m.start < m.end <= len(r.text)
                assert r.text[m.start : m.end].strip() == r.text[m.start : m.end]
        for q in result.quotes:
            assert 0 <= q.start < q.end <= len(r.text)


# ------------------------------------------------------------------------------------------- the app
def screen_text(app) -> str:
    """What the terminal shows now, every screen layer composed, as plain text (as export_screenshot draws it)."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def shown(widget) -> str:
    """The lines a widget draws, padding included, from its rendered strips."""
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, *widget.outer_size)))


def toasts(app) -> str:
    """The text of the notifications on screen."""
    from textual.widgets._toast import Toast

    return "\n".join(shown(toast) for toast in app.screen.query(Toast))


async def until(pilot, ready) -> None:
    """Let the app run until ``ready()`` holds (workers answer on their own time), for at most five seconds."""
    for _ in range(250):
        if ready():
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def shows(pilot, literal: str) -> str:
    """The screen once ``literal`` is on it, or as it is after five seconds."""
    for _ in range(100):
        text = screen_text(pilot.app)
        if literal in text:
            break
        await pilot.pause(0.05)
    return text


def where(app, literal: str) -> tuple[int, int]:
    """The screen cell where ``literal`` starts."""
    from rich.cells import cell_len

    for y, line in enumerate(screen_text(app).splitlines()):
        if literal in line:
            return cell_len(line[: line.index(literal)]), y
    raise AssertionError(f"{literal!r} is not on screen")


@pytest.fixture()
def app(hostile_db):
    return NewsdeskApp(Store.open(hostile_db))


async def open_article(pilot, article_id: int) -> None:
    pilot.app.navigate(Location("article", article_id))
    await pilot.app.main.workers.wait_for_complete()
    await pilot.pause()
    assert pilot.app.main.article.id == article_id


async def test_list_body_entities_quotes_and_title_bar_show_every_article_literally(app, store):
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        articles = app.main.query_one(ArticleList)
        rows = shown(articles).splitlines()
        assert articles.count == len([r for r in rows if r.strip()]) == store.article_count()
        for k in range(articles.count):
            row = articles.row(k)
            assert flat(row.title[:25]) in flat(rows[k]), (row.title, rows[k])
            assert flat((row.source or "—")[:10]) in flat(rows[k]), (row.source, rows[k])
        assert "[bold]Breaking[/bold] council vote [@click" in screen_text(app)  # cut to the column
        seen_quotes = seen_names = 0
        # the plain-text and the JSON articles: the two ways text is laid out, every hostile fragment in both
        for a, entities, _, quotes in everything(store):
            if not re.search(r"\.(txt|json#\d+)$", a.origin):
                continue
            await open_article(pilot, a.id)
            assert flat(a.title) in flat(screen_text(app).splitlines()[0]), a.title  # the title bar
            body = shown(app.main.query_one(ArticleBody))
            for b in a.blocks:
                if b.kind not in ("byline", "date", "url", "source"):  # those are shown in one meta line
                    assert flat(a.text[b.start : b.end]) in flat(body), (a.origin, b.kind)
            for meta in filter(None, (a.source, a.byline)):
                assert flat(meta) in flat(body), (a.origin, meta)
            pane = shown(app.main.query_one(EntityPane))
            for e, _ in entities:
                assert flat(e.name) in flat(pane), (a.origin, e.name)
                seen_names += "[" in e.name or "\ufffd" in e.name
            pane = shown(app.main.query_one(QuotePane))
            for q in quotes:
                assert flat(abridge(q.text, 110)) in flat(pane), (a.origin, q.text)
                assert flat(q.source(a.text) or "unattributed") in flat(pane)
                seen_quotes += 1
        assert seen_quotes > 10 and seen_names > 5
        # the status line names the entity under the cursor
        body = app.main.query_one(ArticleBody)
        body.focus()
        named = 0
        for _ in range(6):
            await pilot.press("right_square_bracket")
            if body.current.kind == "mention":
                name = app.main.entities[body.current.ref].name
                assert name in app.main.query_one("#status").render().plain
                named += 1
        assert named
        assert app.is_running


async def test_clicking_and_pressing_on_markup_in_articles_does_nothing_to_the_app(app, store):
    article = next(a for a, *_ in everything(store) if a.title.startswith("[bold]Breaking"))
    async with app.run_test(size=(200, 60), notifications=True) as pilot:
        await settle(pilot)
        await pilot.click(offset=where(app, "vote [@click"))  # in the list
        await open_article(pilot, article.id)
        for literal in ("[@click=app.quit]ends", "[@click=app.quit]leave[/]", "[link=https://evil]full"):
            x, y = where(app, literal)
            for dx in (1, len("[@click=app.quit]") + 1):  # on the tag, and on the words it would make a link
                await pilot.click(offset=(x + dx, y))
                await pilot.pause()
                assert app.is_running
                if app.screen is not app.main:  # a click on a mention follows it, as Enter does: come back
                    app.action_back()
                    await settle(pilot)
        quotes = app.main.query_one(QuotePane)
        quotes.focus()
        quotes.highlighted = next(k for k, q in enumerate(quotes.quotes) if "[@click=app.quit]" in q.text)
        await pilot.press("enter")  # the quote, whole
        await until(pilot, lambda: isinstance(app.screen, QuoteScreen))
        assert isinstance(app.screen, QuoteScreen)
        text = screen_text(app)
        assert "“Do not [@click=app.quit]leave[/] the chamber,”" in text
        await pilot.click(offset=where(app, "[@click=app.quit]leave"))
        await pilot.press("y")  # copies, and says so in a toast: "[/]" must neither crash it nor act
        await until(pilot, lambda: toasts(app))
        assert app.clipboard.startswith("“Do not [@click=app.quit]leave[/] the chamber,”")
        assert flat("copied: “Do not [@click=app.quit]leave[/] the chamber") in flat(toasts(app))
        await pilot.click(offset=where(app, "[@click=app.quit]leave[/] the"))
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_entity_page_and_quote_screen_show_hostile_names_literally(app, store):
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        hostile = [
            e
            for e in {e.id: e for _a, entities, _m, _q in everything(store) for e, _ in entities}.values()
            if "[" in e.name or "\ufffd" in e.name
        ]
        assert len(hostile) >= 5
        for e in hostile:
            app.navigate(Location("entity", e.id))
            await until(pilot, lambda e=e: getattr(app.screen, "entity", None) == e)
            page = app.screen
            assert isinstance(page, EntityScreen)
            head = shown(page.query_one("#entity-head", Static))
            assert flat(e.name) in flat(head)
            if e.role:
                assert flat(e.role) in flat(head)
            links = shown(page.query_one(OptionList))
            for article, _ in store.entity_articles(e.id, limit=20):
                assert flat(article.title[:40]) in flat(links)
            for quote, _ in store.entity_quotes(e.id, limit=20):
                assert flat(abridge(quote.text, 140)) in flat(links)
            assert flat(e.name) in flat(screen_text(app).splitlines()[0])  # the title bar
        said = next(
            q for *_, quotes in everything(store) for q in quotes if q.speaker_name and "[" in q.speaker_name
        )
        app.show_quote(said, store.article(said.article_id))
        await until(pilot, lambda: isinstance(app.screen, QuoteScreen))
        assert isinstance(app.screen, QuoteScreen)
        text = shown(app.screen.query_one("#quote-box Static", Static))
        for part in (said.text, said.speaker_name, store.article(said.article_id).title):
            assert flat(part) in flat(text)


async def test_search_results_and_suggestions_show_hostile_text_literally(app, store):
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        for query in ("said", "pwned"):  # most articles, and those with escape sequences
            screen = await search(pilot, query)
            assert len(screen.hits) > 10, query
            box = screen.query_one("#results", ResultList)
            for k, hit in enumerate(screen.hits[:12]):
                box.highlighted = k  # scrolled into view
                await pilot.pause()
                results = shown(box)
                snippet = highlighted(hit).plain
                assert flat(hit.article.title) in flat(results), (query, hit.article.title)
                assert flat(snippet) in flat(results), (query, snippet)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is app.main)
        await pilot.press("slash")
        await pilot.press(*"person:jan")
        suggestions = app.screen.query_one("#suggestions", OptionList)
        await until(pilot, lambda: suggestions.option_count)
        assert suggestions.display
        assert "Janez Janša[b]z" in shown(suggestions)


async def test_command_palette_and_help_show_entity_names_and_keys_literally(app):
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        for typed, name in (
            ("jansa", "Janez Janša[b]z"),
            ("wire", "[bold]Danube[/] Wire"),
        ):
            await pilot.press("ctrl+p")
            await pilot.press(*typed)
            text = await shows(pilot, name)  # the palette searches on a timer of its own
            assert name in text, (typed, text)
            help_line = text.splitlines()[[name in line for line in text.splitlines()].index(True) + 1]
            assert re.search(r" · \d+ articles?\b", help_line), help_line  # kind and counts, shown as text
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is app.main)
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(app).splitlines()
        assert any(re.search(r"\]\s+Next link", line) for line in lines)
        assert any(re.search(r"\[\s+Prev link", line) for line in lines)
        assert app.is_running


async def test_a_filter_error_quoting_markup_is_shown_literally(app):
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f")
        app.main.query_one("#filter").value = "after:[/]x[@click=app.quit]y"
        await pilot.press("enter")
        await until(pilot, lambda: toasts(app))
        assert flat("'after:[/]x[@click=app.quit]y' is not a date") in flat(toasts(app))
        assert app.is_running


# ------------------------------------------------------------------------------------------- the CLI
def test_search_table_shows_hostile_text_literally_and_emits_no_article_escape(
    hostile_db, store, capsys, monkeypatch
):
    monkeypatch.setenv("COLUMNS", "400")
    # drawn as on a terminal: Rich's own styles, nothing of the article's
    monkeypatch.setenv("FORCE_COLOR", "1")
    for query in ("pwned", "chamber", "Skopje", "Brdo"):
        assert main(["--db", str(hostile_db), "search", query]) == 0
        out = capsys.readouterr().out
        text = re.sub(r"\x1b\[[0-9;]*m", "", out)  # Rich's SGR styling
        assert "\x1b" not in text and not UNSAFE.search(text.replace("\n", ""))
        for hit in store.search(query, limit=50):
            assert flat(hit.article.title) in flat(text), hit.article.title
            snippet = highlighted(hit).plain
            for line in snippet.split("\n"):  # a snippet across a paragraph break takes two lines of its cell
                assert flat(line) in flat(text), line
            for word in (hit.article.source or "").split():  # the source column folds at 14 cells
                assert word[:12] in text, (hit.article.source, word)


def test_search_json_carries_the_stored_text_and_nothing_unsafe(hostile_db, store, capsys):
    for query in ("pwned", "chamber", "Skopje", "Brdo", "festival"):
        assert main(["--db", str(hostile_db), "search", query, "--json"]) == 0
        out = capsys.readouterr().out
        assert not UNSAFE.search(out.replace("\n", ""))
        rows = [json.loads(line) for line in out.split("\n") if line]
        assert [r["title"] for r in rows] == [h.article.title for h in store.search(query, limit=50)]
        for r in rows:
            stored = store.article(r["id"])
            assert (r["title"], r["source"]) == (stored.title, stored.source)
            assert flat(r["snippet"].strip("…")) in flat(stored.text)


# ------------------------------------------------------------------------------------------- a real terminal
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]"  # the rest: charsets, keypad modes, save/restore cursor
)


def _wait_for_any(session: str, texts: tuple[str, ...], timeout: float = 20) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if any(t in screen for t in texts):
            return screen
        time.sleep(0.05)
    raise AssertionError(f"none of {texts!r} appeared; the screen was:\n{screen}")


def test_no_escape_sequence_from_an_article_reaches_the_terminal(hostile_db, store, tmp_path):
    """The real `newsdesk` in tmux, every byte it writes recorded while the hostile articles are opened."""
    assert NEWSDESK.exists(), f"the newsdesk command is not installed at {NEWSDESK}"
    raw, go = tmp_path / "terminal.raw", tmp_path / "go"
    session = f"newsdesk-hostile-{uuid.uuid4().hex[:8]}"
    # the app waits for the recording to start, so its first bytes are recorded too
    command = f"while [ ! -e {go} ]; do sleep 0.02; done; exec {NEWSDESK} --db {hostile_db}"
    env = {**os.environ, "TERM": "xterm-256color"}
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "45", "sh", "-c", command],
        check=True,
        env=env,
    )
    try:
        tmux("pipe-pane", "-t", session, "-o", f"cat >> {raw}")
        go.touch()
        wait_for(session, f"{store.article_count()} articles")
        hits = store.search("pwned", limit=50)
        tmux("send-keys", "-t", session, "/")
        wait_for(session, "person: country:")
        tmux("send-keys", "-t", session, "-l", "pwned")
        tmux("send-keys", "-t", session, "Enter")
        wait_for(session, f"{len(hits)} articles for pwned")
        # the articles whose body, names and quotes carry live sequences, as read from text, JSON and HTML
        wanted = [
            k
            for k, h in enumerate(hits)
            if re.search(r"ministry\.(txt|html)|summit\.txt|json#2", store.article(h.article.id).origin)
        ]
        assert len(wanted) == 4
        at = -1  # in the search box: the first Down lands on the first result
        for k in wanted:
            tmux("send-keys", "-t", session, *["Down"] * (k - at), "Enter")  # the article, at the match
            at = k
            wait_for(session, "   Enter: ")
            tmux("send-keys", "-t", session, "Enter")  # its entity page, or the quote with its speaker
            screen = _wait_for_any(session, ("mention ·", "mentions ·", "Speaker's page"))
            tmux("send-keys", "-t", session, "q")
            wait_for(session, "   Enter: ")
            tmux("send-keys", "-t", session, "q")
            wait_for(session, f"{len(hits)} articles for pwned")
        title = tmux("display-message", "-p", "-t", session, "#{pane_title}")
        tmux("send-keys", "-t", session, "Escape")
        wait_for(session, "sorted newest")
        tmux("send-keys", "-t", session, "q")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    out = raw.read_bytes().decode("utf-8")  # Textual writes UTF-8: a raw C1 byte would not decode
    assert len(out) > 10_000 and "pwned" not in title
    sequences = _SEQUENCE.findall(out)
    text = _SEQUENCE.sub("", out)
    # every ESC the app wrote starts a well-formed sequence, and none of them is the article's
    assert "\x1b" not in text
    for payload in PAYLOADS:
        assert not any(payload in s for s in sequences), payload
    # the only OSC Textual writes sets the mouse pointer's shape
    assert {s for s in sequences if s.startswith("\x1b]")} <= {"\x1b]22;default\x07", "\x1b]22;pointer\x07"}
    # between the sequences, only text: no controls, no C1, no bidi overrides, no tabs
    assert not UNSAFE.search(text.replace("\r", "").replace("\n", "")), sorted(set(UNSAFE.findall(text)))
    assert "\t" not in text
    # and the article's sequences were drawn as text, their ESC shown as U+FFFD
    for shown_as_text in ("\ufffd]0;pwned\ufffd", "\ufffd[2J", "\ufffd]52;c;cHduZWQ=\ufffd"):
        assert shown_as_text in text, shown_as_text
    assert screen  # the last screen of the loop was reached
