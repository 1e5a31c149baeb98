"""Ten thousand random and adversarial search strings: the query language's own pieces (field terms, quotes,
dates), FTS5 syntax, controls, NUL, emoji, bidi, lone surrogates and very long strings, mixed with random text.

Whatever the string, the parser returns a query or raises QuerySyntaxError with a message; the store's search
never raises anything else (no sqlite3 error escapes); and ``newsdesk search`` prints one line and exits 2 on a
query it cannot understand. The examples add up to 10,000: most on the parser, the rest on the small session
store and the command.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.queries import Store
from store.query_syntax import ALIASES, FIELDS, Query, QuerySyntaxError, fts_escape, parse
from tui.cli import EXIT_NOTHING, EXIT_OK, EXIT_USAGE, main

PARSER_EXAMPLES = 4500
FTS_EXAMPLES = 2000
STORE_EXAMPLES = 3000
CLI_EXAMPLES = 500
TOTAL = PARSER_EXAMPLES + FTS_EXAMPLES + STORE_EXAMPLES + CLI_EXAMPLES

FIELD_NAMES = [*FIELDS, *ALIASES, "foo", "http", "https", "title", "text", "rank", "PERSON", "Country", "a"]
VALUES = [
    "haradinaj",
    "kosovo",
    "IL",
    "israeli",
    "vucic",
    "Vučić",
    "stano",
    "embassy",
    "2020-09-01",
    "2020",
    "2020-13",
    "2021-02-30",
    "0000-00-00",
    "99999",
    "٢٠٢٠",
    "",
    '"',
    '"european union"',
    '"unbalanced',
    "*",
    "a:b",
]
SYNTAX = [
    '"',
    '""',
    "'",
    "(",
    ")",
    "()",
    "OR",
    "AND",
    "NOT",
    "-",
    "+",
    "NEAR(",
    "NEAR(a b, 2)",
    "*",
    "^",
    ":",
    "{title text}:",
    "title:",
    "articles_fts:",
    "rank:",
    "col : x",
    "\\",
    "%",
    "_",
    "?",
    ";",
    "' OR 1=1 --",
    "'); DROP TABLE articles; --",
    "[b]",
    "[/]",
]
ODD = [
    "\x00",
    "\x1b[31m",
    "\x1b]8;;http://x\x1b\\",
    "\x07",
    "\r\n",
    "\t",
    "\n",
    "\x7f",
    "\x9b",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\ud800",
    "\udcff",
    "🙂",
    "👍🏽",
    "👨‍👩‍👧",
    "：",
    "ｐｅｒｓｏｎ:",
    "é",
    "e\u0301",
    "ß",
    "İ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\uffff",
    "\U0010ffff",
]
ANY_CHAR = st.characters(codec=None, exclude_categories=())  # every code point, surrogates and controls too


SEPARATORS = [" ", " ", " ", "", "\t", "  "]
FIELD_TERMS = [f"{f}:{v}" for f in FIELD_NAMES for v in VALUES]
PIECE = st.one_of(
    st.sampled_from(VALUES + SYNTAX + SEPARATORS),
    st.sampled_from(ODD + SEPARATORS),
    st.sampled_from(FIELD_TERMS + SEPARATORS),
    st.text(ANY_CHAR, max_size=6),
)
QUERY = st.one_of(
    st.lists(PIECE, max_size=10).map("".join),
    st.lists(PIECE, max_size=10).map("".join),
    st.text(ANY_CHAR, max_size=40),
    st.builds(
        lambda p, n: p * n, st.sampled_from(VALUES + SYNTAX + ODD + ["a-", "0\r"]), st.integers(30, 3000)
    ),
)


def _check_error(exc: QuerySyntaxError, text: str) -> None:
    assert exc.message.strip(), f"empty message for {text!r}"
    assert 0 <= exc.position <= len(text)


@settings(max_examples=PARSER_EXAMPLES, deadline=None)
@given(QUERY)
def test_the_parser_returns_a_query_or_says_what_is_wrong(text):
    try:
        query = parse(text)
    except QuerySyntaxError as exc:
        _check_error(exc, text)
        return
    assert isinstance(query, Query)
    query.describe()
    for term in query.terms:
        assert term.value  # a term always has something to look for


@settings(max_examples=FTS_EXAMPLES, deadline=None)
@given(st.one_of(QUERY, st.text(ANY_CHAR)), st.booleans())
def test_user_words_always_reach_fts5_quoted(text, phrase):
    """Every expression fts_escape makes is one FTS5 accepts, whatever the words: operators stay words."""
    conn = _fts()
    expr = fts_escape(text, phrase)
    if expr:
        conn.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expr,)).fetchone()


@contextlib.contextmanager
def _silenced():
    with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.redirect_stderr(io.StringIO()) as err:
        yield out, err


_conn: list[sqlite3.Connection] = []


def _fts() -> sqlite3.Connection:
    if not _conn:
        conn = sqlite3.connect(":memory:")
        conn.execute(
            "CREATE VIRTUAL TABLE t USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 2')"
        )
        conn.execute("INSERT INTO t VALUES ('Kosovo embassy', 'NEAR the OR and NOT words said AND')")
        _conn.append(conn)
    return _conn[0]


@pytest.fixture(scope="module")
def shared_store(store_path):
    store = Store.open(store_path)
    yield store
    store.close()


@settings(
    max_examples=STORE_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERY)
def test_store_search_raises_nothing_but_query_syntax_errors(shared_store, text):
    try:
        hits = shared_store.search(text, limit=5)
    except QuerySyntaxError as exc:
        _check_error(exc, text)
        return
    assert isinstance(hits, list) and len(hits) <= 5


@settings(
    max_examples=CLI_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(QUERY)
def test_the_command_prints_one_line_and_exits_2_on_a_bad_query(store_path, text):
    try:
        parse(text)
        bad = False
    except QuerySyntaxError:
        bad = True
    with _silenced() as (out, err):
        code = main(["search", "--db", str(store_path), "--limit", "3", "--", text])
    lines = err.getvalue().splitlines()
    if bad:
        assert code == EXIT_USAGE, err.getvalue()
        assert len(lines) == 1 and lines[0].startswith("newsdesk: bad query: "), lines
        assert out.getvalue() == ""
    else:
        assert code in (EXIT_OK, EXIT_NOTHING), err.getvalue()
        assert lines == []
    for line in (*lines, *out.getvalue().splitlines()):
        assert "\x1b" not in line and "\x00" not in line  # nothing in a query acts on the terminal


def test_the_examples_add_up_to_ten_thousand():
    assert TOTAL >= 10_000
