"""`newsdesk export`: a search's articles, quotes or entities as CSV, JSON Lines or Markdown, streamed; and the
datasette metadata shipped with the repository."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from store.pairs import register
from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x"),"pwned"\nsecond line, *bold* [link](x) <b>'


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize("query", ["kosovo", "country:kosovo", "by:haradinaj", "person:vucic after:2020"])
def test_exported_articles_are_the_articles_search_finds_in_its_order(store_path, capsys, query):
    code, out, _ = run(capsys, "search", "--db", str(store_path), query, "--json", "--limit", "1000")
    assert code == 0
    found = [row["id"] for row in jsonl(out)]
    code, out, err = run(capsys, "export", "--db", str(store_path), query, "--format", "jsonl")
    assert code == 0
    assert [row["id"] for row in jsonl(out)] == found
    assert f"{len(found)} articles exported" in err


def test_no_query_exports_every_article(store_path, capsys):
    code, out, _ = run(capsys, "export", "--db", str(store_path), "--format", "jsonl")
    assert code == 0
    with sqlite3.connect(store_path) as conn:
        assert len(jsonl(out)) == conn.execute("SELECT count(*) FROM articles").fetchone()[0]


@pytest.mark.parametrize("what", ["articles", "quotes", "entities"])
def test_every_format_holds_the_same_rows(store_path, capsys, what):
    db = str(store_path)
    counts = {}
    _, out, _ = run(capsys, "export", "--db", db, "country:kosovo", "--what", what, "--format", "jsonl")
    counts["jsonl"] = len(jsonl(out))
    _, out, _ = run(capsys, "export", "--db", db, "country:kosovo", "--what", what, "--format", "csv")
    header, *rows = list(csv.reader(io.StringIO(out)))
    assert header[:2] == {"articles": ["id", "title"], "quotes": ["quote_id", "article_id"]}.get(
        what, ["article_id", "entity_id"]
    )
    counts["csv"] = len(rows)
    _, out, _ = run(capsys, "export", "--db", db, "country:kosovo", "--what", what, "--format", "md")
    item = "> “" if what == "quotes" else "- **"
    counts["md"] = sum(line.startswith(item) for line in out.splitlines())
    assert counts["jsonl"] > 5
    assert counts == dict.fromkeys(counts, counts["jsonl"])


def test_quotes_carry_their_speaker_and_offsets_into_the_article_text(store_path, store, capsys):
    code, out, _ = run(capsys, "export", "--db", str(store_path), "--what", "quotes", "--format", "jsonl")
    assert code == 0
    quotes = jsonl(out)
    articles = {}
    for q in quotes:
        if q["article_id"] not in articles:
            text = store.article(q["article_id"]).text
            articles[q["article_id"]] = text, {s.id: s.source(text) for s in store.quotes(q["article_id"])}
        text, speakers = articles[q["article_id"]]
        assert text[q["start"] : q["end"]] == q["text"]
        if q["cue"]:
            assert text[q["cue_start"] : q["cue_end"]] == q["cue"]
        assert q["speaker"] == speakers[q["quote_id"]]  # as the app shows it
    assert len(quotes) == sum(len(s) for _, s in articles.values())
    assert "Meliza Haradinaj" in {q["speaker"] for q in quotes}
    # a source the article does not name is given in the article's words ("a spokeswoman")
    assert any(q["speaker"] and q["speaker_id"] is None for q in quotes)
    assert sum(q["speaker"] is not None for q in quotes) > len(quotes) / 2


def test_markdown_quotes_read_as_citations(store_path, capsys):
    _, out, _ = run(
        capsys, "export", "--db", str(store_path), "by:haradinaj", "--what", "quotes", "--format", "md"
    )
    lines = [line for line in out.splitlines() if line]
    assert any("” — Meliza Haradinaj, *" in line for line in lines)
    for line in lines:
        assert re.fullmatch(r"> “[^\n]+” — [^,*]+, \*[^*]+\*(, [^,<>]+)*(, <https?://\S+>)?", line), line


@pytest.fixture()
def hostile_store(store_path, tmp_path) -> Path:
    """The fixture store with one article's title and URL made hostile."""
    path = tmp_path / "hostile.db"
    with sqlite3.connect(store_path) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    with sqlite3.connect(path) as conn:
        register(conn)  # the pair index's triggers call newsdesk's function
        (article_id,) = conn.execute("SELECT article_id FROM quotes ORDER BY id LIMIT 1").fetchone()
        conn.execute(
            "UPDATE articles SET title = ?, url = ? WHERE id = ?",
            (HOSTILE_TITLE, "javascript:alert(1)", article_id),
        )
    return path


def test_a_hostile_title_round_trips_through_csv_and_json_and_is_inert(hostile_store, capsys):
    db = str(hostile_store)
    _, out, _ = run(capsys, "export", "--db", db, "--format", "csv")
    titles = [row[1] for row in csv.reader(io.StringIO(out))]
    assert "'" + HOSTILE_TITLE in titles  # the same characters, shown by a spreadsheet rather than run
    assert not any(
        cell.startswith(("=", "+", "-", "@")) for row in csv.reader(io.StringIO(out)) for cell in row
    )
    _, out, _ = run(capsys, "export", "--db", db, "--format", "jsonl", "--what", "quotes")
    assert HOSTILE_TITLE in {row["title"] for row in jsonl(out)}


def test_a_hostile_title_in_markdown_is_escaped_text(hostile_store, capsys):
    _, out, _ = run(capsys, "export", "--db", str(hostile_store), "--format", "md", "--what", "quotes")
    line = next(line for line in out.splitlines() if "HYPERLINK" in line)
    assert "\\*bold\\* \\[link\\]\\(x\\) \\<b\\>" in line  # no emphasis, link or HTML
    assert "\n" not in line and "javascript:alert\\(1\\)" in line and "<javascript" not in line


def test_a_bad_query_is_one_line_exit_2_and_writes_no_file(store_path, tmp_path, capsys):
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, "export", "--db", str(store_path), "foo:bar", "-o", str(target))
    assert code == 2
    assert out == "" and err.count("\n") == 1 and "unknown field 'foo:'" in err
    assert list(tmp_path.iterdir()) == []


def test_an_export_to_a_file_writes_the_file_and_names_it(store_path, tmp_path, capsys):
    target = tmp_path / "quotes.md"
    code, out, err = run(
        capsys,
        "export",
        "--db",
        str(store_path),
        "kosovo",
        "--what",
        "quotes",
        "--format",
        "md",
        "-o",
        str(target),
    )
    assert code == 0 and out == ""
    assert str(target) in err and target.read_text(encoding="utf-8").startswith("> “")
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.md"]


def test_nothing_found_is_exit_4(store_path, capsys):
    code, _, _ = run(capsys, "export", "--db", str(store_path), "zzyzxnotaword")
    assert code == 4


@pytest.fixture(scope="module")
def synthetic_stores(tmp_path_factory) -> dict[int, Path]:
    from bench.make_corpus import build

    folder = tmp_path_factory.mktemp("export")
    stores = {}
    for n in (1000, 4000):
        stores[n] = folder / f"s{n}.db"
        build(stores[n], n, progress=False)
    return stores


def _peak(path: Path, what: str) -> int:
    from store.export import export
    from store.queries import Store

    store = Store.open(path)
    try:
        with open(os.devnull, "w", encoding="utf-8") as out:
            tracemalloc.start()
            rows = export(store, "", out, "csv", what)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    finally:
        store.close()
    assert rows > 0
    return peak


@pytest.mark.parametrize("what", ["articles", "quotes"])
def test_export_memory_does_not_grow_with_the_store(synthetic_stores, what):
    small, large = _peak(synthetic_stores[1000], what), _peak(synthetic_stores[4000], what)
    assert large < 1.5 * small, (small, large)


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_xinfo([{table}])")}  # generated columns too


def test_the_datasette_metadata_names_only_what_the_store_has(store_path):
    metadata = json.loads((ROOT / "datasette" / "metadata.json").read_text(encoding="utf-8"))
    conn = sqlite3.connect(store_path)
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert set(metadata["databases"]) == {"store", "demo"}  # the default store's and the demo store's names
    for database in metadata["databases"].values():
        assert {"articles", "quotes", "entities"} <= set(database["tables"])
        for table, config in database["tables"].items():
            assert table in tables
            columns = _columns(conn, table)
            named = set(config.get("columns", {}))
            named |= {f if isinstance(f, str) else next(iter(f.values())) for f in config.get("facets", [])}
            named |= {config[k] for k in ("sort", "sort_desc", "label_column", "fts_pk") if k in config}
            assert named <= columns, (table, named - columns)
            if "fts_table" in config:  # a full-text index over this very table
                sql = conn.execute(
                    "SELECT sql FROM sqlite_master WHERE name = ?", (config["fts_table"],)
                ).fetchone()[0]
                assert "fts5" in sql.lower() and re.search(rf"content\s*=\s*['\"]{table}['\"]", sql)
                # datasette finds a match's row by fts_pk: the column the index's rowid is
                keyed = re.search(r"content_rowid\s*=\s*['\"](\w+)['\"]", sql)
                assert config.get("fts_pk", "rowid") == (keyed[1] if keyed else "id"), (table, sql)
        facets = {t: c.get("facets", []) for t, c in database["tables"].items()}
        assert "source" in facets["articles"] and {"kind", "country_code"} <= set(facets["entities"])
        assert {t for t, c in database["tables"].items() if "fts_table" in c} == {"articles", "quotes"}
        for query in database["queries"].values():  # each canned query runs on a real store
            params = dict.fromkeys(re.findall(r":(\w+)", query["sql"]), "kosovo")
            conn.execute(query["sql"], params).fetchall()
    conn.close()
