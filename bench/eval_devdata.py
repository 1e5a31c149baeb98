"""Extraction scored on real, annotated news (the shared development data), beside the spaCy baseline.

    python -m bench.eval_devdata                       # PolNeAR train (quotes, speakers) and CoNLL-2003 dev (NER)
    python -m bench.eval_devdata --sample 280          # every third PolNeAR article: a quicker loop, and CI's
    python -m bench.eval_devdata --floors              # exit 1 when a figure falls below its floor (make eval)

The scorers are the data's own (``eval_quotes.py``, ``eval_ner.py`` beside it); they run ``newsdesk extract
--json`` and the baseline (``python -m bench.baseline``: the same model alone, same texts, same country table)
as commands. The data is read only here, never copied into the project. Every article of it has been looked at
while tuning: these are development figures, not held-out ones.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DEVDATA = ROOT.parent / "shared" / "devdata"

# Just under what the extraction reaches on the whole development data (and on CI's sample): a change that
# loses ground fails `make eval`. Raise them as the figures rise.
FLOORS = {
    "quote_f1": 0.94,
    "direct_recall": 0.97,
    "partial_recall": 0.75,
    "speaker_acc": 0.94,
    "e2e_f1": 0.86,
    "ner_f1": 0.80,
    "ner_per": 0.87,
}


def newsdesk_cmd() -> str:
    """The installed ``newsdesk`` beside this interpreter (the venv's), extracting as JSON Lines."""
    script = Path(sys.executable).parent / "newsdesk"
    return f"{shlex.quote(str(script))} extract --json"


def baseline_cmd() -> str:
    return f"{shlex.quote(sys.executable)} -m bench.baseline"


def _sample(polnear: Path, every: int, into: Path) -> Path:
    """A folder of every ``every``-th PolNeAR article (text/, ann/, corenlp/ linked, not copied)."""
    names = sorted(p.stem for p in (polnear / "text").glob("*.txt"))[::every]
    for sub in ("text", "ann", "corenlp"):
        (into / sub).mkdir(parents=True)
    for name in names:
        for sub, suffix in (("text", ".txt"), ("ann", ".ann"), ("corenlp", ".txt.xml")):
            src = polnear / sub / (name + suffix)
            if src.exists():
                os.symlink(src, into / sub / (name + suffix))
    return into


def _run(script: Path, cmd: str, extra: list[str], out: Path) -> dict:
    args = [sys.executable, str(script), "--cmd", cmd, "--json", str(out), *extra]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0 or not out.exists():
        raise SystemExit(f"{script.name} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text())


def figures(devdata: Path, cmd: str, sample: int | None) -> dict[str, float]:
    """The headline figures of one command on the development data."""
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        polnear = devdata / "polnear" / "train"
        if sample:
            polnear = _sample(polnear, sample, tmpdir / "polnear")
        data = ["--data", str(polnear)] if sample else []
        articles = len(list((polnear / "text").glob("*.txt")))
        q = _run(devdata / "eval_quotes.py", cmd, data, tmpdir / "q.json")
        n = _run(devdata / "eval_ner.py", cmd, [], tmpdir / "n.json")
    c = q["counts"]
    return {
        "articles": float(articles),
        "quote_p": q["quotes50"]["p"],
        "quote_r": q["quotes50"]["r"],
        "quote_f1": q["quotes50"]["f"],
        "direct_recall": c.get("tp50_direct", 0) / max(1, c.get("gold_direct", 0)),
        "partial_recall": c.get("tp50_partial", 0) / max(1, c.get("gold_partial", 0)),
        "speaker_acc": q["speaker"]["acc_excl_unresolvable"],
        "e2e_f1": q["e2e"]["f"],
        "ner_f1": n["prf"]["ALL"]["f"],
        "ner_per": n["prf"]["PER"]["f"],
        "ner_loc": n["prf"]["LOC"]["f"],
        "ner_org": n["prf"]["ORG"]["f"],
    }


_COLUMNS = (
    ("quote P", "quote_p"),
    ("R", "quote_r"),
    ("F1", "quote_f1"),
    ("direct R", "direct_recall"),
    ("partial R", "partial_recall"),
    ("speaker", "speaker_acc"),
    ("quote+spk F1", "e2e_f1"),
    ("NER F1", "ner_f1"),
    ("PER", "ner_per"),
    ("LOC", "ner_loc"),
    ("ORG", "ner_org"),
)


def table(rows: list[tuple[str, dict[str, float]]]) -> str:
    head = f"{'':28}" + "".join(f"{name:>13}" for name, _ in _COLUMNS)
    lines = [head, "-" * len(head)]
    for label, fig in rows:
        lines.append(f"{label:28.28}" + "".join(f"{fig[key]:13.3f}" for _, key in _COLUMNS))
    return "\n".join(lines)


def below_floors(fig: dict[str, float]) -> list[str]:
    return [f"{k} {fig[k]:.3f} < floor {v:.2f}" for k, v in FLOORS.items() if fig[k] < v]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--devdata", type=Path, default=DEFAULT_DEVDATA, help="the shared development data")
    ap.add_argument("--sample", type=int, metavar="K", help="every K-th PolNeAR article only")
    ap.add_argument("--no-baseline", action="store_true", help="skip the baseline (CI)")
    ap.add_argument("--floors", action="store_true", help="exit 1 when a figure is below its floor")
    args = ap.parse_args(argv)
    if not (args.devdata / "eval_quotes.py").exists():
        print(f"no development data at {args.devdata}: nothing to score")
        return 0
    ours = figures(args.devdata, newsdesk_cmd(), args.sample)
    rows = [("newsdesk", ours)]
    if not args.no_baseline:
        rows.append(("baseline: spaCy alone", figures(args.devdata, baseline_cmd(), args.sample)))
    what = f"1 article in {args.sample}" if args.sample else "all articles"
    print(f"Development data: PolNeAR train ({what}: {ours['articles']:.0f} articles), CoNLL-2003 eng.testa")
    print(table(rows))
    if args.floors:
        failed = below_floors(ours)
        for line in failed:
            print(f"BELOW FLOOR: {line}")
        print(f"eval floors: {len(FLOORS) - len(failed)} of {len(FLOORS)} met")
        return 1 if failed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
