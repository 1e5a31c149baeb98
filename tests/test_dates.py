"""Dates from hostile sources: every date path is total, and one bad date never costs an article or a search.

An article's date that cannot be read is left out with a note naming the file and line, and the article still
goes in; a search for a date that cannot be read is a bad query (one line, exit 2), never a traceback. The fuzz
tests run 10,000 examples each over any string, any number and date-shaped strings with any field values.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Static

from store.dates import find_date, parse_date
from store.queries import Store
from store.query_syntax import Query, QuerySyntaxError, parse
from store.readers import RawArticle, from_record, parse_text, read_bytes
from tui.app import NewsdeskApp
from tui.cli import EXIT_OK, EXIT_USAGE, main

from .test_app import search, settle
from .test_random_queries import PIECE

EXAMPLES = 10_000
HUGE_YEAR = "Tue, 05 Oct 99999999999 10:00:00 +0000"

ANY_CHAR = st.characters(codec=None, exclude_categories=())  # every code point, surrogates and controls too
NUMBER = st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True))
FIELD = st.one_of(st.integers(), st.integers(-1, 100_000))  # any value, and the ones a parser might take
MONTH = st.sampled_from(["Jan", "Oct", "October", "Sept", "sep.", "Foo", "", "Mayday"])
WEEKDAY = st.sampled_from(["", "Tue, ", "Tuesday ", "Mon., ", "Xyz, "])
ZONE = st.one_of(
    st.sampled_from(["", "Z", "GMT", "UT", "EST", "+0000", "-2359", "+9999", "PST8PDT"]),
    st.builds(lambda n: f"{n:+05d}", st.integers()),
)
SEP = st.sampled_from([" ", "", "  ", ", ", "\t", "T"])


# strings shaped like each form the parsers know, with any number in any field
DATE_SHAPED = st.one_of(
    st.builds(
        lambda wd, d, mon, y, h, m, s, z: f"{wd}{d} {mon} {y} {h}:{m}:{s} {z}",
        WEEKDAY,
        FIELD,
        MONTH,
        FIELD,
        FIELD,
        FIELD,
        FIELD,
        ZONE,
    ),
    st.builds(
        lambda y, mo, d, t, z: f"{y}-{mo}-{d}{t}{z}",
        FIELD,
        FIELD,
        FIELD,
        st.sampled_from(["", "T10:00"]),
        ZONE,
    ),
    st.builds(
        lambda mon, d, y, t: f"{mon} {d}, {y}{t}", MONTH, FIELD, FIELD, st.sampled_from(["", " at 10:30 pm"])
    ),
    st.builds(lambda d, mon, y: f"{d} {mon} {y}", FIELD, MONTH, FIELD),
    st.builds(lambda y, mo: f"{y}-{mo}", FIELD, FIELD),
    st.builds(str, FIELD),
    st.lists(st.one_of(FIELD.map(str), MONTH, ZONE, SEP), max_size=12).map("".join),
)
ANY_DATE_STRING = st.one_of(DATE_SHAPED, st.text(ANY_CHAR, max_size=60), NUMBER.map(str))
JSON_VALUE = st.one_of(
    ANY_DATE_STRING,
    NUMBER,
    st.booleans(),
    st.none(),
    st.lists(st.one_of(st.integers(), DATE_SHAPED), max_size=3),
    st.dictionaries(st.sampled_from(["date", "$date", "value"]), DATE_SHAPED, max_size=2),
)

FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _is_iso(value: str | None) -> bool:
    return value is None or (len(value) == 10 and date.fromisoformat(value).isoformat() == value)


@FUZZ
@given(ANY_DATE_STRING)
def test_reading_an_article_date_never_raises(text):
    assert _is_iso(parse_date(text))
    assert _is_iso(find_date(text))
    # a plain-text article's header: a date line, and a byline with a date after it
    raw = parse_text(f"Talks resume\n\n{text[:50]}\nBy Ana Kovač | {text}\n\nThe talks resume.\n", "a.txt")
    assert _is_iso(raw.published)


@FUZZ
@given(st.sampled_from(["date", "published", "pubDate", "time"]), JSON_VALUE)
def test_an_article_with_a_bad_date_goes_in_without_it_and_with_a_note(key, value):
    raw = from_record(
        {"title": "Talks resume", "text": "The talks resume on Monday.", key: value}, "f.jsonl:2"
    )
    assert isinstance(raw, RawArticle) and raw.title == "Talks resume"
    assert _is_iso(raw.published)
    absent = value is None or value == [] or (isinstance(value, str) and not value.strip())
    if raw.published is None and not absent:
        assert len(raw.notes) == 1 and "date" in raw.notes[0] and "left out" in raw.notes[0], raw.notes
        assert "\n" not in raw.notes[0] and len(raw.notes[0]) < 200  # one line, the value cut short
    else:
        assert raw.notes == ()


# the date fields with the forms a user might type, among the query language's other pieces
DATE_TERM = st.builds(
    lambda field, value, quoted: f'{field}:"{value}"' if quoted else f"{field}:{value}",
    st.sampled_from(["after", "before", "since", "from", "until", "AFTER"]),
    st.one_of(DATE_SHAPED, NUMBER.map(str)),
    st.booleans(),
)
DATE_QUERY = st.lists(st.one_of(DATE_TERM, PIECE, st.sampled_from([" ", " "])), min_size=1, max_size=8).map(
    "".join
)


@FUZZ
@given(DATE_QUERY)
def test_the_query_parser_reads_any_date_term_or_says_what_is_wrong(text):
    try:
        query = parse(text)
    except QuerySyntaxError as exc:
        assert exc.message.strip() and 0 <= exc.position <= len(text)
        return
    assert isinstance(query, Query)
    for day in (query.after, query.before):
        assert day is None or (len(day) == 10 and day[4] == day[7] == "-")
    query.describe()


def test_a_search_for_a_date_beyond_any_calendar_is_a_bad_query(store_path, capsys):
    code = main(["search", "--db", str(store_path), f'after:"{HUGE_YEAR}"'])
    captured = capsys.readouterr()
    assert code == EXIT_USAGE
    [line] = captured.err.splitlines()
    assert line.startswith("newsdesk: bad query: 'after:Tue, 05 Oct") and "is not a date" in line, line
    assert captured.out == ""


async def test_the_app_says_a_date_beyond_any_calendar_is_not_a_date(store_path):
    app = NewsdeskApp(Store.open(store_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await search(pilot, f'after:"{HUGE_YEAR}"')
        assert "is not a date" in str(screen.query_one("#search-status", Static).render())
        assert app.is_running


def test_a_json_lines_record_with_a_bad_date_loses_neither_it_nor_the_rest(tmp_path, capsys):
    records = [
        {
            "title": "Talks open in Brussels",
            "text": "Delegations met in Brussels on Monday.",
            "date": "2020-10-05",
        },
        {"title": "Talks go on in Brussels", "text": "Delegations met again on Tuesday.", "date": HUGE_YEAR},
        {"title": "Talks end in Brussels", "text": "Delegations left on Wednesday.", "date": "2020-10-07"},
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    code = main(["ingest", "--db", str(db), str(feed)])
    err = capsys.readouterr().err
    assert code == EXIT_OK, err
    assert "bug" not in err and "Traceback" not in err
    notes = [line for line in err.splitlines() if line.startswith("  note ")]
    assert len(notes) == 1 and f"{feed}:2: " in notes[0] and "date" in notes[0], err
    conn = sqlite3.connect(db)
    stored = dict(conn.execute("SELECT title, published FROM articles").fetchall())
    conn.close()
    assert stored == {
        "Talks open in Brussels": "2020-10-05",
        "Talks go on in Brussels": None,
        "Talks end in Brussels": "2020-10-07",
    }


def test_a_record_that_breaks_a_reader_costs_only_itself(monkeypatch):
    """Whatever goes wrong in one record (here a reader fault), the records after it are still read."""
    import store.readers as readers

    real = readers.from_record

    def flaky(record, origin):
        if record.get("title") == "boom":
            raise OverflowError("a fault inside the reader")
        return real(record, origin)

    monkeypatch.setattr(readers, "from_record", flaky)
    lines = [{"title": t, "text": "Body."} for t in ("one", "boom", "three")]
    items = list(read_bytes("\n".join(json.dumps(r) for r in lines).encode(), "f.jsonl", "jsonl"))
    assert [type(i).__name__ for i in items] == ["RawArticle", "ReadFailure", "RawArticle"]
    assert items[1].origin == "f.jsonl:2" and "OverflowError" in items[1].reason
    listed = list(read_bytes(json.dumps(lines).encode(), "f.json", "json"))
    assert [getattr(i, "origin", None) for i in listed] == ["f.json#1", "f.json#2", "f.json#3"]
    assert isinstance(listed[2], RawArticle)
