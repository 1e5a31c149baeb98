"""Score ``newsdesk extract --json`` output against the gold files in fixtures/, beside a raw-spaCy baseline.

    python -m bench.eval_extraction                     # extract the fixtures in-process, then score
    python -m bench.eval_extraction --output out.jsonl  # score an existing `newsdesk extract --json` output
    python -m bench.eval_extraction --seed-only
    python -m bench.eval_extraction --no-devdata        # the fixtures only (else the shared development data too)

Figures: entity precision/recall/F1 by name and kind, mention F1 (distinct surface forms per entity), quote
precision/recall/F1 (a match overlaps at least half of the shorter span), speaker accuracy on matched quotes.
The baseline is spaCy's NER alone (labels mapped to kinds, NORP dropped) and, for quotes, marks paired in order
with the nearest PERSON in the sentence as speaker. Throughput: words/s of extraction beside raw ``nlp.pipe``
(both warm, timed alternately, best of three runs each).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from store.countries import fold

from . import eval_devdata

ROOT = Path(__file__).resolve().parent.parent
TIMING_RUNS = 3  # best of three alternating runs each, so one slow moment of the machine does not decide
FIXTURES = ROOT / "fixtures"
_STRIP_LEAD = re.compile(
    r"^(?:the|mr|mrs|ms|dr|fm|pm|president|prime minister|minister|foreign minister|mayor|sir)\s+"
)


def norm_surface(text: str) -> str:
    """A surface form compared without case, accents, a leading "the" or honorific, or a possessive."""
    s = fold(text)
    s = re.sub(r"(?:'s|')$", "", s)
    prev = None
    while prev != s:
        prev, s = s, _STRIP_LEAD.sub("", s)
    return s.strip()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Score:
    entities: Counts = field(default_factory=Counts)
    mentions: Counts = field(default_factory=Counts)
    quotes: Counts = field(default_factory=Counts)
    speakers_right: int = 0
    speakers_total: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.entities.add(other.entities)
        self.mentions.add(other.mentions)
        self.quotes.add(other.quotes)
        self.speakers_right += other.speakers_right
        self.speakers_total += other.speakers_total

    @property
    def speaker_acc(self) -> float:
        return self.speakers_right / self.speakers_total if self.speakers_total else 1.0


def _surfaces(ent: dict) -> set[str]:
    forms = [m if isinstance(m, str) else m["text"] for m in ent.get("mentions", [])]
    return {norm_surface(f) for f in [*forms, ent["name"]]} - {""}


def _same_entity(gold: dict, pred: dict) -> bool:
    if gold["kind"] != pred["kind"]:
        return False
    if gold.get("code") and pred.get("code"):
        return gold["code"] == pred["code"]
    g, p = norm_surface(gold["name"]), norm_surface(pred["name"])
    return g == p or p in _surfaces(gold) or g in _surfaces(pred)


def _gold_span(q: dict, text: str) -> tuple[int, int] | None:
    if q.get("span"):
        return tuple(q["span"])
    at = text.find(q["text"])
    if at < 0:  # the reader may have folded whitespace
        squeezed = " ".join(q["text"].split())
        at = text.find(squeezed)
        return (at, at + len(squeezed)) if at >= 0 else None
    return at, at + len(q["text"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _speaker_ok(gold_name: str | None, pred_name: str | None, gold_entities: list[dict]) -> bool:
    if gold_name is None or pred_name is None:
        return gold_name is None and pred_name is None
    if norm_surface(gold_name) == norm_surface(pred_name):
        return True
    owner = next((e for e in gold_entities if e["name"] == gold_name), None)
    # a surname alone is right when it names no one else in the article
    if owner and norm_surface(pred_name) in _surfaces(owner):
        others = [e for e in gold_entities if e is not owner and norm_surface(pred_name) in _surfaces(e)]
        return not others
    return False


def score_article(gold: dict, pred: dict) -> Score:
    s = Score()
    gold_ents = [e for e in gold["entities"] if e["kind"] in ("person", "country", "organization", "place")]
    pred_ents = [e for e in pred["entities"] if e["kind"] in ("person", "country", "organization", "place")]
    used: set[int] = set()
    pairs: list[tuple[dict, dict]] = []
    for g in gold_ents:
        hit = next((k for k, p in enumerate(pred_ents) if k not in used and _same_entity(g, p)), None)
        if hit is None:
            s.entities.fn += 1
            s.errors.append(f"missed entity {g['kind']}:{g['name']}")
            continue
        used.add(hit)
        pairs.append((g, pred_ents[hit]))
        s.entities.tp += 1
    for k, p in enumerate(pred_ents):
        if k not in used:
            s.entities.fp += 1
            s.errors.append(
                f"spurious entity {p['kind']}:{p['name']} {sorted({m['text'] for m in p['mentions']})}"
            )
    for g, p in pairs:
        gs = {norm_surface(m) for m in g["mentions"]} - {""}
        ps = {norm_surface(m["text"]) for m in p["mentions"]} - {""}
        s.mentions.tp += len(gs & ps)
        s.mentions.fn += len(gs - ps)
        s.mentions.fp += len(ps - gs)
    for k, p in enumerate(pred_ents):
        if k not in used:
            s.mentions.fp += len({norm_surface(m["text"]) for m in p["mentions"]})
    for g in gold_ents:
        if not any(g is pg for pg, _ in pairs):
            s.mentions.fn += len({norm_surface(m) for m in g["mentions"]})

    text = pred.get("text", "")
    pred_quotes = list(pred["quotes"])
    taken: set[int] = set()
    for q in gold["quotes"]:
        span = _gold_span(q, text)
        hit = None
        if span is not None:
            hit = next(
                (
                    k
                    for k, pq in enumerate(pred_quotes)
                    if k not in taken and _overlap(span, (pq["start"], pq["end"]))
                ),
                None,
            )
        if hit is None:
            s.quotes.fn += 1
            s.errors.append(f"missed quote {q['text'][:60]!r} ({q.get('speaker')})")
            continue
        taken.add(hit)
        s.quotes.tp += 1
        s.speakers_total += 1
        if _speaker_ok(q.get("speaker"), pred_quotes[hit]["speaker_name"], gold["entities"]):
            s.speakers_right += 1
        else:
            s.errors.append(
                f"speaker of {q['text'][:50]!r}: {pred_quotes[hit]['speaker_name']!r}, "
                f"gold {q.get('speaker')!r}"
            )
    for k, pq in enumerate(pred_quotes):
        if k not in taken:
            s.quotes.fp += 1
            s.errors.append(f"spurious quote {pq['text'][:60]!r} ({pq['speaker_name']})")
    return s


# ------------------------------------------------------------------------------------------- loading
def gold_records() -> dict[str, dict]:
    """Gold objects keyed by the origin the readers give them (file, file#N for lists, file:N for lines)."""
    out: dict[str, dict] = {}
    for path in sorted((FIXTURES / "gold").glob("*.gold.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        stem = path.name[: -len(".gold.json")]
        article = next((FIXTURES / "articles").glob(stem + ".*"))
        if isinstance(data, list):
            if article.suffix == ".jsonl":
                lines = [
                    n
                    for n, line in enumerate(article.read_text(encoding="utf-8").splitlines(), 1)
                    if line.strip()
                ]
                for gold, n in zip(data, lines, strict=True):
                    out[f"{article.name}:{n}"] = gold
            else:
                for n, gold in enumerate(data, 1):
                    out[f"{article.name}#{n}"] = gold
        else:
            out[article.name] = data
    return out


def _key(origin: str) -> str:
    return Path(origin).name


def run_extraction(paths: list[Path]) -> tuple[list[dict], float, float, int]:
    """Extract the fixtures; time extraction and raw ``nlp.pipe`` alternately (best of each), both warm."""
    from store.extract.nlp import load
    from store.extract.pipeline import extract_many, to_json
    from store.ingest import read_inputs

    nlp = load()  # the model loads once, outside the timing
    raws = [r for r in read_inputs([str(p) for p in paths]) if hasattr(r, "text")]
    words = sum(len(r.text.split()) for r in raws)
    list(nlp.pipe([r.text for r in raws[:4]]))  # warm up, as the baseline runs warm too
    best = raw_best = float("inf")
    for _ in range(TIMING_RUNS):
        started = time.perf_counter()
        out = [to_json(raw, ex) for raw, ex in extract_many(raws)]
        best = min(best, time.perf_counter() - started)
        started = time.perf_counter()
        list(nlp.pipe([r.text for r in raws], batch_size=16))
        raw_best = min(raw_best, time.perf_counter() - started)
    return out, best, raw_best, words


def run_baseline(records: list[dict]) -> tuple[list[dict], float]:
    """The same model alone on the same texts (``bench.baseline``), timed."""
    from bench.baseline import baseline_records

    started = time.perf_counter()
    out = list(baseline_records((r["file"], r["text"]) for r in records))
    return out, time.perf_counter() - started


def score_all(records: list[dict], golds: dict[str, dict]) -> tuple[dict[str, Score], Score]:
    per: dict[str, Score] = {}
    total = Score()
    for rec in records:
        gold = golds.get(_key(rec["file"]))
        if gold is None or "error" in rec:
            continue
        s = score_article(gold, rec)
        per[_key(rec["file"])] = s
        total.add(s)
    return per, total


def _row(name: str, s: Score) -> str:
    return (
        f"{name:44.44} {s.entities.p:5.2f} {s.entities.r:5.2f} {s.entities.f:5.2f}  {s.mentions.f:5.2f}  "
        f"{s.quotes.p:5.2f} {s.quotes.r:5.2f} {s.quotes.f:5.2f}  {s.speaker_acc:5.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", type=Path, help="score this `newsdesk extract --json` output instead")
    ap.add_argument("--seed-only", action="store_true", help="only the seed article")
    ap.add_argument("--errors", action="store_true", help="list every miss and false hit")
    ap.add_argument(
        "--devdata",
        type=Path,
        default=eval_devdata.DEFAULT_DEVDATA,
        help="also score the shared development data here (default ../shared/devdata, when present)",
    )
    ap.add_argument("--no-devdata", action="store_true", help="the fixtures only")
    ap.add_argument(
        "--sample", type=int, metavar="K", help="every K-th PolNeAR article of the development data"
    )
    args = ap.parse_args(argv)

    golds = gold_records()
    paths = sorted((FIXTURES / "articles").iterdir())
    if args.seed_only:
        paths = [p for p in paths if p.name == "kosovo-israel-call.txt"]
    if args.output:
        records = [json.loads(line) for line in args.output.read_text(encoding="utf-8").splitlines() if line]
        seconds, raw_seconds, words = 0.0, 0.0, 0
    else:
        records, seconds, raw_seconds, words = run_extraction(paths)
    records = [r for r in records if "error" not in r]
    per, total = score_all(records, golds)
    base_records, _ = run_baseline(records)
    _, base_total = score_all(base_records, golds)

    header = (
        f"{'article':44} {'ent P':>5} {'ent R':>5} {'ent F':>5}  {'men F':>5}  {'q P':>5} {'q R':>5} "
        f"{'q F':>5}  {'spk':>5}"
    )
    print(header)
    print("-" * len(header))
    for name, s in per.items():
        print(_row(name, s))
        if args.errors:
            for e in s.errors:
                print("    " + e)
    print("-" * len(header))
    seed = per.get("kosovo-israel-call.txt")
    if seed:
        print(_row("seed (kosovo-israel-call.txt)", seed))
    # every fixture has been looked at while writing the rules: development articles, none held out
    print(_row(f"newsdesk, all {len(per)} articles", total))
    print(_row("baseline: raw spaCy, same articles", base_total))
    if seconds:
        print(
            f"throughput: newsdesk extract {words / seconds:,.0f} words/s, raw nlp.pipe "
            f"{words / raw_seconds:,.0f} words/s ({raw_seconds / seconds:.2f}x of raw)"
        )
    print(
        f"SUMMARY entity_f1={total.entities.f:.3f} mention_f1={total.mentions.f:.3f} quote_f1={total.quotes.f:.3f} "
        f"speaker_acc={total.speaker_acc:.3f} | baseline entity_f1={base_total.entities.f:.3f} "
        f"quote_f1={base_total.quotes.f:.3f} speaker_acc={base_total.speaker_acc:.3f}"
    )
    if not args.no_devdata and not args.output and (args.devdata / "eval_quotes.py").exists():
        # real reporting nobody here wrote, beside the fixtures: the figures that decide
        print()
        eval_devdata.main(
            ["--devdata", str(args.devdata), *(["--sample", str(args.sample)] if args.sample else [])]
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
