"""`newsdesk extract --json` keeps the contract of DESIGN.md and gets the seed article right."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ARTICLES, SEED, gold


def _extract(*paths) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "extract", "--json", *map(str, paths)],
        capture_output=True,
        timeout=300,
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    return [json.loads(line) for line in done.stdout.decode().splitlines()]


def test_seed_quotes_spans_kinds_and_speakers_match_the_gold():
    (out,) = _extract(SEED)
    g = gold(SEED.name)
    got = [(q["start"], q["end"], q["kind"], q["speaker_name"]) for q in out["quotes"]]
    want = [(q["span"][0], q["span"][1], q["kind"], q["speaker"]) for q in g["quotes"]]
    assert got == want
    text = SEED.read_text(encoding="utf-8")
    for q in out["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
        assert q["cue"]["text"] == text[q["cue"]["start"] : q["cue"]["end"]]
    assert [q["cue"]["text"] for q in out["quotes"]] == [q["cue"] for q in g["quotes"]]


def test_speaker_mentions_include_the_words_that_attribute_the_quote():
    (out,) = _extract(SEED)
    text = SEED.read_text(encoding="utf-8")
    partial_by_description = out["quotes"][2]
    spans = [text[m["start"] : m["end"]] for m in partial_by_description["speaker_mentions"]]
    assert "The foreign minister" in spans and "Gabi Ashkenazi" in spans


def test_seed_entities_kinds_codes_and_roles():
    (out,) = _extract(SEED)
    got = {(e["name"], e["kind"], e["code"]) for e in out["entities"]}
    g = gold(SEED.name)
    want = {(e["name"], e["kind"], e.get("code")) for e in g["entities"]}
    assert got == want
    roles = {e["name"]: e["role"] for e in out["entities"] if e["kind"] == "person"}
    assert roles["Meliza Haradinaj"] == "Kosovo Foreign Minister"
    assert roles["Gabi Ashkenazi"] == "Israeli Foreign Minister"
    assert roles["Aleksandar Vučić"] == "Serbian President"
    by_name = {e["name"]: e for e in out["entities"]}
    assert {m["text"] for m in by_name["Israel"]["mentions"]} == {"Israel", "Israeli"}
    assert {m["text"] for m in by_name["Meliza Haradinaj"]["mentions"]} == {"Meliza Haradinaj", "Haradinaj"}
    assert by_name["Meliza Haradinaj"]["country"] == "XK"


def test_every_offset_indexes_the_text_it_reports():
    for out in _extract(*sorted(ARTICLES.iterdir())):
        text = out["text"]
        for e in out["entities"]:
            for m in e["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]
        for q in out["quotes"]:
            assert text[q["start"] : q["end"]] == q["text"]


def test_an_unreadable_file_gives_an_error_record(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    records = _extract(bad, SEED)
    assert records[0]["file"] == str(bad) and "invalid JSON" in records[0]["error"]
    assert records[1]["title"].startswith("Kosovo FM")
