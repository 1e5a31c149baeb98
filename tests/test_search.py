"""The search language on the fixture store: fields, names without accents, dates, and safe free text."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.query_syntax import QuerySyntaxError, parse

SEED_TITLE = "Kosovo FM discusses diplomatic relations with FM Ashkenazi for first time"


def _titles(store, query):
    return [h.article.title for h in store.search(query)]


@pytest.mark.parametrize(
    "query",
    [
        "person:haradinaj",
        "country:israel",
        "country:IL",
        "country:israeli",
        "person:vucic",
        "by:stano",
        "org:hezbollah",
        "place:jerusalem",
        "quote:embassy",
        'person:"Meliza Haradinaj"',
        "Hezbollah terrorist",
    ],
)
def test_queries_that_find_the_seed(store, query):
    assert SEED_TITLE in _titles(store, query)


def test_person_search_shows_where_the_person_is_mentioned(store):
    hit = next(h for h in store.search("person:haradinaj") if h.article.title == SEED_TITLE)
    assert any("Meliza Haradinaj" in m for m in hit.matched)
    article = store.article(hit.article.id)
    assert article.text[hit.offset : hit.offset + 16] == "Meliza Haradinaj"


def test_by_finds_only_articles_where_the_person_is_quoted(store):
    assert _titles(store, "by:stano") == [SEED_TITLE]
    hit = store.search("by:stano")[0]
    assert hit.quoted and hit.snippet.startswith("any steps")


def test_a_snippet_marks_where_the_words_stand_and_holds_no_control_characters(store):
    for hit in store.search("kosovo israel"):
        assert hit.marks and not any(c in hit.snippet for c in "\x02\x03")
        assert {hit.snippet[a:b].lower() for a, b in hit.marks} <= {"kosovo", "israel"}


def test_terms_combine_with_and(store):
    both = set(_titles(store, "country:serbia country:israel"))
    assert both and both <= set(_titles(store, "country:serbia")) & set(_titles(store, "country:israel"))


def test_dates_narrow_and_undated_articles_are_left_out(store):
    titles = _titles(store, "country:kosovo after:2021-01-01")
    hits = store.search("country:kosovo after:2021-01-01")
    assert titles and all(h.article.published >= "2021-01-01" for h in hits)
    assert SEED_TITLE not in titles


def test_results_are_newest_first(store):
    dates = [h.article.published or "" for h in store.search("country:serbia")]
    assert dates == sorted(dates, reverse=True)


def test_no_match_is_an_empty_list(store):
    assert store.search("person:nobodyatall") == []
    assert store.search("zzzqqqxxx") == []


@pytest.mark.parametrize("text", ['"', "(", "AND", "OR NOT", 'embassy" OR (', "NEAR(a b)", "*", "^x", "'"])
def test_free_text_with_fts_syntax_is_searched_literally(store, text):
    assert isinstance(store.search(text), list)


def test_fts_operators_are_words_not_syntax(store):
    # "Kosovo OR Hezbollah" as FTS syntax would match many articles; as words all three must appear
    assert store.search("Kosovo OR Hezbollah") == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("foo:bar", "unknown field"),
        ("person:", "needs a value"),
        ("after:someday", "not a date"),
        ("after:2021-01-01 before:2020-01-01", "later than"),
        ("a:b:c", "unknown field"),
    ],
)
def test_bad_queries_say_what_is_wrong(query, message):
    with pytest.raises(QuerySyntaxError) as info:
        parse(query)
    assert message in info.value.message


def test_entity_suggestions_match_prefixes_without_accents(store):
    names = [e.name for e in store.find_entities("vuc")]
    assert "Aleksandar Vučić" in names


def test_cli_search_prints_a_table(store_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "search", "--db", str(store_path), "country:israel"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Kosovo FM discusses diplomatic relations" in done.stdout
    assert "country: Israel" in done.stdout


def test_cli_search_reports_a_bad_query_in_one_line(store_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "search", "--db", str(store_path), "nosuch:field"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "unknown field 'nosuch:'" in done.stderr and "Traceback" not in done.stderr


def _reference(store, query: str) -> list[int]:
    """The articles a query should find, worked out the long way: sets per term, intersected, sorted."""
    from store.query_syntax import ENTITY_FIELDS, fts_escape

    q = parse(query)
    rows = store.db.execute("SELECT id, coalesce(published, ''), source FROM articles").fetchall()
    keep = {i for i, *_ in rows}
    for term in q.terms:
        if term.field in ENTITY_FIELDS:
            ids = store._match_entities(term.value, ENTITY_FIELDS[term.field])
            found = {
                r[0]
                for e in ids
                for r in store.db.execute("SELECT article_id FROM article_entities WHERE entity_id = ?", (e,))
            }
        elif term.field == "by":
            ids = store._match_entities(term.value, None)
            found = {
                r[0]
                for e in ids
                for r in store.db.execute("SELECT article_id FROM quotes WHERE speaker_id = ?", (e,))
            }
        elif term.field == "source":  # as COLLATE NOCASE compares: ASCII letters folded
            found = {
                i for i, _, source in rows if (source or "").encode().lower() == term.value.encode().lower()
            }
        else:
            found = {
                r[0]
                for r in store.db.execute(
                    "SELECT a.id FROM articles a JOIN articles_fts f ON f.rowid = a.list_key "
                    "WHERE articles_fts MATCH ?",
                    (fts_escape(term.value, term.phrase),),
                )
            }
        keep &= found
    dates = {i: published for i, published, _ in rows}
    if q.after:
        keep = {i for i in keep if dates[i] and dates[i] >= q.after}
    if q.before:
        keep = {i for i in keep if dates[i] and dates[i] <= q.before}
    return sorted(keep, key=lambda i: (dates[i], i), reverse=True)


@pytest.mark.parametrize(
    "query",
    [
        "person:haradinaj",
        "country:serbia",
        "country:kosovo country:israel",
        "country:kosovo person:haradinaj",
        "country:serbia after:2021-01-01",
        "country:serbia before:2020-12-31",
        "person:petrović",
        "country:kosovo embassy",
        "country:kosovo by:berisha",
        "org:nato country:turkey",
        "embassy after:2020-10-01",
        '"one of the"',  # phrases of the commonest words: the pair index
        '"in the" country:kosovo',
        '"in the" "of the" after:2020-10-01',
        '"of the" embassy',  # with another word: the word index
    ],
)
def test_every_plan_finds_exactly_what_the_terms_say(store, query):
    assert [h.article.id for h in store.search(query, limit=500)] == _reference(store, query)


# ------------------------------------------------------------------------------------ the text-first word test
_AROUND = st.sampled_from(
    [" ", ".", "-", "_", "'", "\n", "é", "\u0301", "ſ", "K", "ß", "日", "1", "a", "Z", "İ", "\u00a0", "’", ""]
)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    word=st.sampled_from(["winters", "budgets", "nis", "e", "k2", "stano"]),
    before=st.lists(_AROUND, max_size=3).map("".join),
    after=st.lists(_AROUND, max_size=3).map("".join),
    case=st.sampled_from([str.lower, str.upper, str.title]),
    filler=st.text(max_size=20),
)
def test_a_word_found_in_an_articles_text_is_a_word_the_index_finds(word, before, after, case, filler):
    """``has_word`` answers for the full-text index when it says yes: its match must be a match of the index
    (same tokeniser as the store), whatever surrounds the word; when it says no, the index is asked."""
    from store.queries import _has_word

    text = filler + before + case(word) + after + filler
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t (rowid, text) VALUES (1, ?)", (text,))
    indexed = conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (f'"{word}"',)).fetchone()[0] == 1
    if _has_word(text, word):
        assert indexed, (text, word)


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet="keyKEYsaSAit _-1²éÉǨſıİ\u212a\u0301.“", max_size=40),
    word=st.sampled_from(["key", "saw", "it", "a1", "KEY", '"saw it"', '"it a1 key"', '"sa sa"']),
)
def test_a_snippet_finds_a_plain_word_where_the_accent_blind_pattern_first_finds_it(text, word):
    """The literal search that finds a plain word (or a phrase of them) for its snippet agrees with the pattern
    that takes each letter with or without accents and in any script's case (K for k, ſ for s, İ for i): same
    place, or none."""
    from store.queries import _first_words, _terms_pattern

    term = parse(word).terms[0]
    match = _terms_pattern((term,)).search(text)
    assert _first_words(text, term) == (match.span() if match else None)
