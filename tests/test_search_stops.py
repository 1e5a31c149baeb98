"""Every search is bounded and stoppable: a phrase is read from the full-text index, a search the user leaves
stops within milliseconds, and a search's late result never replaces a later one's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input

import store.queries as store_queries
from store.queries import Cancelled, Store
from tui.app import NewsdeskApp
from tui.screens.search import SearchScreen

from .test_search import _reference

ROOT = Path(__file__).resolve().parent.parent
# a query SQLite never finishes by itself: only the progress handler (cancellation, Ctrl-C) stops it
ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> dict[int, Path]:
    """Two synthetic stores, one ten times the other (the benchmark's generator: ~1 s in all)."""
    from bench.make_corpus import build

    out = {}
    for n in (150, 1500):
        path = tmp_path_factory.mktemp("corpus") / f"{n}.db"
        build(path, n, progress=False)
        out[n] = path
    return out


def _steps(store: Store, query: str) -> tuple[int, int]:
    """How many results a search gives and how many of SQLite's progress steps (1000 VM steps each) it took."""
    asked = 0

    def counting() -> int:
        nonlocal asked
        asked += 1
        return 0

    store.db.conn.set_progress_handler(counting, 1000)
    hits = store.search(query, limit=200)
    return len(hits), asked


def test_a_rare_phrase_of_common_words_costs_the_same_on_a_store_ten_times_larger(corpora):
    # every word is in most articles, the phrase in none: the old plan tested the phrase on every article
    phrase = '"the public mood has shifted"'
    found, work = {}, {}
    for n, path in corpora.items():
        store = Store.open(path)
        found[n], work[n] = _steps(store, phrase)
        store.close()
    assert found == {150: 0, 1500: 0}
    assert work[1500] <= 2 * work[150] + 20, work


def test_a_search_stops_as_soon_as_its_caller_no_longer_wants_it(store, monkeypatch):
    real = store._search

    def endless(q, limit, offset):
        if q.describe() == "slow":
            store.db.execute(ENDLESS).fetchall()
        return real(q, limit, offset)

    monkeypatch.setattr(store, "_search", endless)
    wanted = threading.Event()
    wanted.set()
    threading.Timer(0.2, wanted.clear).start()
    start = time.monotonic()
    with pytest.raises(Cancelled):
        store.search("slow", cancelled=lambda: not wanted.is_set())
    assert time.monotonic() - start < 0.2 + 0.1
    assert store.search("embassy")  # the connection is fine afterwards


def test_interrupt_stops_a_query_running_in_another_thread(store_path):
    store = Store.open(store_path)
    outcome: list[object] = []

    def run() -> None:
        store.db  # noqa: B018 - this thread's connection
        try:
            with store._cancellable(None):
                store.db.execute(ENDLESS).fetchall()
        except Cancelled as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(0.2)
    start = time.monotonic()
    store.interrupt()
    thread.join(5)
    assert not thread.is_alive() and time.monotonic() - start < 0.1
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    store.close()


def test_ctrl_c_stops_a_long_query_on_the_command_line(store_path):
    script = (
        "import sys\n"
        "from store.queries import Store\n"
        "s = Store.open(sys.argv[1])\n"
        "print('running', flush=True)\n"
        "try:\n"
        f"    with s._cancellable(None): s.db.execute({ENDLESS!r}).fetchall()\n"
        "except KeyboardInterrupt:\n"
        "    print('stopped', flush=True); sys.exit(130)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(store_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "running"
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(5)
    finally:
        proc.kill()
    assert code == 130 and proc.stdout.read().strip() == "stopped"


async def _submit(pilot, screen: SearchScreen, text: str) -> None:
    """Enter in the search box (not Pilot's press, which waits for the process to go idle: it never does while
    a search thread runs)."""
    box = screen.query_one("#query", Input)
    box.value = text
    await box.action_submit()
    await pilot.pause(0.02)


async def test_searches_left_for_newer_ones_stop_and_never_replace_their_results(store_path, monkeypatch):
    """The cause of "searches that never applied after Enter": a search the user left kept running in its
    worker thread (Textual cannot stop a thread, only mark it cancelled), so a few slow ones filled the thread
    pool and the next search waited for them; and one that ended late replaced the newer results."""
    store = Store.open(store_path)
    real = store._search
    released = threading.Event()

    def slow(q, limit, offset):
        if q.describe() == "slow":  # a search that ends only when stopped
            store.db.execute(ENDLESS).fetchall()
        if q.describe() == "late":  # a search whose result arrives after the next one's
            released.wait(10)
        return real(q, limit, offset)

    monkeypatch.setattr(store, "_search", slow)
    app = NewsdeskApp(store)
    pool = min(32, (os.cpu_count() or 1) + 4)  # asyncio's default executor, where thread workers run
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("slash")
            screen = pilot.app.screen
            assert isinstance(screen, SearchScreen)
            for _ in range(pool + 1):
                await _submit(pilot, screen, "slow")
            await _submit(pilot, screen, "late")
            await _submit(pilot, screen, "embassy")
            expected = [h.article.title for h in store.search("embassy", limit=200)]
            for _ in range(100):  # up to 5 s for the newest search to show
                await pilot.pause(0.05)
                if [h.article.title for h in screen.hits] == expected:
                    break
            assert [h.article.title for h in screen.hits] == expected
            released.set()
            await screen.workers.wait_for_complete()
            await pilot.pause()
            assert [h.article.title for h in screen.hits] == expected  # the late result was dropped
            assert all(w.is_finished for w in screen.workers)  # every left search has stopped
    finally:
        store.interrupt()  # should a test fail, its endless searches end with it
        store.close()


def test_a_walk_that_overruns_its_budget_gives_the_same_page_from_the_index(corpora, monkeypatch):
    """A common word is tested article by article only while that fills the page within a budget of work; the
    plan that takes over when the budget runs out gives the very same results."""
    import store.queries as queries

    store = Store.open(corpora[1500])
    monkeypatch.setattr(queries, "_SEEK_VS_READ", 0.01)  # walk wherever a word is common, on this small store
    monkeypatch.setattr(queries, "_TEXT_FIRST", False)  # the walks of stores before schema 4's keyed doclists
    queries_asked = [
        "the",
        "the officials",
        '"the public"',
        'the person:"Ana Petrović"',
        "officials before:2018",
    ]
    expected = {q: store.search(q, limit=200) for q in queries_asked}
    assert all(expected.values())
    monkeypatch.setattr(queries, "_WALK_STEPS", 0)
    gave_up: list[bool] = []
    walk = store._within_budget

    def watched(run):
        rows = walk(run)
        gave_up.append(rows is None)
        return rows

    monkeypatch.setattr(store, "_within_budget", watched)
    assert {q: store.search(q, limit=200) for q in queries_asked} == expected
    assert len(gave_up) >= len(queries_asked) - 1 and all(gave_up)  # the walks did give up
    store.close()


@pytest.fixture(scope="module")
def plans_store(corpora):
    store = Store.open(corpora[1500])
    yield store
    store.close()


_WORDS = ["the", "of", "said", "people", "government", "saw", "anywhere", "elementary", "abort", "zzzq"]
_PHRASES = ['"of the"', '"one of the"', '"the public mood has shifted"', '"in the"', '"said the"']
_NARROWING = ["", ' person:"Ana Petrović"', " person:petrovic", " after:2018-01-01", " before:2019-06-30"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    terms=st.lists(st.sampled_from(_WORDS + _PHRASES), min_size=1, max_size=2),
    narrowing=st.lists(st.sampled_from(_NARROWING), max_size=2),
    plan=st.sampled_from(
        [
            "text first",
            "text first out of budget",
            "walk",
            "collect",
            "walk out of budget",
            "date index walk",
            "date index walk out of budget",
        ]
    ),
    offset=st.sampled_from([0, 7]),
)
def test_every_plan_for_words_and_phrases_finds_what_the_long_way_finds(
    plans_store, monkeypatch, terms, narrowing, plan, offset
):
    """Words of every frequency and phrases of common words, alone, with a person (one, or a shared surname) and
    dates: whichever plan runs (the text's doclist read in list order, walking newest first, collecting from the
    index, walking the date index past the listed matches, or a walk that gives up for the index), the page is
    the long way's, row for row."""
    store = plans_store
    text = " ".join(terms) + "".join(narrowing)
    with monkeypatch.context() as patch:
        patch.setattr(store_queries, "_SEEK_VS_READ", 1e-6 if plan.startswith("walk") else 1e9)
        patch.setattr(store_queries, "_ROW_VS_INDEX", 1e9 if plan.startswith("date index") else 0)
        patch.setattr(store_queries, "_TEXT_FIRST", plan.startswith("text first"))
        patch.setattr(store_queries, "_SEEK_VS_TEST", 1e9)  # text first even where a person's index is
        if plan.endswith("out of budget"):
            patch.setattr(store_queries, "_WALK_STEPS", 0)
        found = [h.article.id for h in store.search(text, limit=30, offset=offset)]
    assert found == _reference(store, text)[offset : offset + 30], text
