"""The evaluation's own parts: the baseline is fair to spaCy, and the development-data harness reads the
scorers' figures and judges them by its floors (on a tiny annotated set written here, not the shared data)."""

from __future__ import annotations

import json

from bench.baseline import baseline_records
from bench.eval_devdata import FLOORS, below_floors, figures


def test_the_baseline_splits_places_from_countries_by_the_country_table_and_keeps_demonyms():
    text = (
        "Mayor Anne Roux flew from Paris to Germany.\n\n“We will return,” Anne Roux said of the French team."
    )
    (rec,) = baseline_records([("a.txt", text)])
    kinds = {e["name"]: (e["kind"], e["code"]) for e in rec["entities"]}
    assert kinds["Paris"] == ("place", None)
    assert kinds["Germany"] == ("country", "DE")
    assert kinds["French"] == ("country", "FR")
    (quote,) = rec["quotes"]
    assert text[quote["start"] : quote["end"]] == "We will return," and quote["speaker_name"] == "Anne Roux"


def test_floors_name_each_figure_below_them():
    good = {k: v + 0.01 for k, v in FLOORS.items()}
    assert below_floors(good) == []
    bad = dict(good, speaker_acc=FLOORS["speaker_acc"] - 0.05)
    (line,) = below_floors(bad)
    assert line.startswith("speaker_acc ")


def test_the_harness_reads_what_the_data_s_scorers_write(tmp_path):
    """A stand-in for the shared data's two scorers: the harness runs them and reads their JSON as they write it."""
    scorer = """
import argparse, json
ap = argparse.ArgumentParser(); ap.add_argument("--cmd"); ap.add_argument("--json"); ap.add_argument("--data")
a = ap.parse_args()
json.dump(%s, open(a.json, "w"))
"""
    quotes = {
        "counts": {"tp50_direct": 9, "gold_direct": 10, "tp50_partial": 3, "gold_partial": 4},
        "quotes50": {"p": 0.9, "r": 0.8, "f": 0.85},
        "speaker": {"acc_excl_unresolvable": 0.7},
        "e2e": {"f": 0.6},
        "details": [{"file": "a"}, {"file": "b"}],
    }
    ner = {"prf": {t: {"f": f} for t, f in (("ALL", 0.5), ("PER", 0.6), ("LOC", 0.7), ("ORG", 0.4))}}
    (tmp_path / "eval_quotes.py").write_text(scorer % json.dumps(quotes))
    (tmp_path / "eval_ner.py").write_text(scorer % json.dumps(ner))
    fig = figures(tmp_path, "true", None)
    assert (fig["direct_recall"], fig["partial_recall"], fig["speaker_acc"], fig["ner_per"]) == (
        0.9,
        0.75,
        0.7,
        0.6,
    )
    assert "speaker_acc 0.700 < floor" in " ".join(below_floors(fig))
