"""Ingest: everything readable goes in once, whatever cannot be read is named, and the store matches extraction."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys

from store.db import open_store
from store.extract.pipeline import extract_one
from store.ingest import ingest
from store.queries import Store
from store.readers import read_path

from .conftest import ARTICLES, SEED


def _count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_ingesting_twice_adds_nothing(tmp_path):
    db = open_store(tmp_path / "s.db")
    first = ingest(db, [str(SEED), str(ARTICLES / "regional-briefs.jsonl")])
    counts = {t: _count(db, t) for t in ("articles", "entities", "mentions", "quotes", "aliases")}
    second = ingest(db, [str(SEED), str(ARTICLES / "regional-briefs.jsonl")])
    assert first.added == 4 and first.duplicates == 0
    assert second.added == 0 and second.duplicates == 4
    assert counts == {t: _count(db, t) for t in counts}


def test_the_same_article_twice_in_one_run_goes_in_once(tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(SEED, copy)
    db = open_store(tmp_path / "s.db")
    report = ingest(db, [str(SEED), str(copy)])
    assert (report.added, report.duplicates) == (1, 1)


def test_a_missing_path_is_named(tmp_path):
    db = open_store(tmp_path / "s.db")
    report = ingest(db, [str(tmp_path / "nope.txt"), str(SEED)])
    assert report.added == 1
    assert [f.reason for f in report.failures] == ["no such file or folder"]


def test_stdin_is_read_as_an_article(tmp_path):
    db = open_store(tmp_path / "s.db")
    report = ingest(db, ["-"], stdin=io.BytesIO(SEED.read_bytes()))
    assert report.added == 1
    assert Store(db).articles()[0].title.startswith("Kosovo FM discusses")


def test_the_store_round_trips_what_extraction_produced(tmp_path):
    db = open_store(tmp_path / "s.db")
    ingest(db, [str(SEED)])
    raw = next(read_path(SEED))
    extraction = extract_one(raw)
    store = Store(db)
    (summary,) = store.articles()
    article = store.article(summary.id)
    assert article.text == raw.text
    stored_entities = {(e.kind, e.name, e.code, e.role, n) for e, n in store.article_entities(summary.id)}
    expected = {(e.kind, e.name, e.code, e.role, len(e.mentions)) for e in extraction.entities}
    assert stored_entities == expected
    names = {e.id: e.name for e, _ in store.article_entities(summary.id)}
    stored_mentions = sorted((m.start, m.end, names[m.entity_id]) for m in store.mentions(summary.id))
    expected_mentions = sorted((m.start, m.end, e.name) for e in extraction.entities for m in e.mentions)
    assert stored_mentions == expected_mentions
    stored_quotes = [(q.start, q.end, q.kind, q.speaker_name) for q in store.quotes(summary.id)]
    expected_quotes = [
        (q.start, q.end, q.kind, extraction.entities[q.speaker].name if q.speaker is not None else None)
        for q in extraction.quotes
    ]
    assert stored_quotes == expected_quotes
    assert summary.people == sum(1 for e in extraction.entities if e.kind == "person")
    assert summary.quotes == len(extraction.quotes)


def test_one_entity_per_person_across_articles(store):
    people = [e for e in store.find_entities("Haradinaj", kind="person")]
    assert [p.name for p in people] == ["Meliza Haradinaj"]
    assert people[0].article_count >= 3


def _cli(*args, stdin: bytes | None = None, env_db=None):
    env = dict(os.environ)
    if env_db:
        env["NEWSDESK_DB"] = str(env_db)
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], input=stdin, capture_output=True, env=env, timeout=300
    )


def test_cli_ingest_reports_failures_in_its_exit_code(tmp_path):
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    shutil.copy(SEED, tmp_path / "seed.txt")
    db = tmp_path / "s.db"
    done = _cli("ingest", "--db", str(db), str(tmp_path))
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "bad.json" in err and "invalid JSON" in err
    assert "1 added" in err and "1 could not be read" in err
    again = _cli("ingest", "--db", str(db), str(tmp_path / "seed.txt"))
    assert again.returncode == 0 and "0 added, 1 already in the store" in again.stderr.decode()


def test_cli_uses_newsdesk_db_from_the_environment(tmp_path):
    db = tmp_path / "env.db"
    done = _cli("ingest", "-", stdin=SEED.read_bytes(), env_db=db)
    assert done.returncode == 0, done.stderr.decode()
    assert db.exists()
    found = _cli("search", "--json", "person:haradinaj", env_db=db)
    assert json.loads(found.stdout.decode().splitlines()[0])["title"].startswith("Kosovo FM")


def test_two_people_sharing_a_surname_stay_two_entities(store):
    people = {e.name for e in store.find_entities("Petrović", kind="person")}
    assert {"Ana Petrović", "Dragan Petrović"} <= people


def test_eu_and_european_union_are_one_organisation_across_the_store(store):
    (eu,) = [e for e in store.find_entities("EU", kind="organization") if e.name == "European Union"]
    assert {"EU", "European Union"} <= set(store.aliases(eu.id))
    assert not [e for e in store.find_entities("EU", kind="organization") if e.name == "EU"]


def test_a_role_that_names_a_country_ties_the_person_to_it(store):
    kosovo = store.country("XK")
    assert "Meliza Haradinaj" in {p.name for p in store.people_of_country(kosovo.code)}
