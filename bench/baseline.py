"""The baseline newsdesk is measured against: the same spaCy model alone, on the same texts, with the same tables.

    python -m bench.baseline FILE...     # JSON Lines in the `newsdesk extract --json` contract, one per article

Entities are spaCy's NER labels mapped to kinds, with GPE split into countries and places by newsdesk's own
country table and NORP kept when it is a demonym of a country (so the baseline is not penalised for labels the
table fixes for both sides). Quotes are double marks of every convention (curly, straight, ``…'', ''…'') paired
in order within a paragraph; the speaker is the PERSON nearest the quote in its sentence.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from store import countries

_LABELS = {"PERSON": "person", "LOC": "place", "FAC": "place", "ORG": "organization"}
_DOUBLE = re.compile(r"``|''|[\"“”„«»]")


def _kind(label: str, text: str) -> tuple[str, str | None] | None:
    if label == "GPE":
        c = countries.by_name(text)
        return ("country", c.code) if c else ("place", None)
    if label == "NORP":
        c = countries.by_demonym(text)
        return ("country", c.code) if c else None
    kind = _LABELS.get(label)
    return (kind, None) if kind else None


def baseline_record(doc: Doc, origin: str) -> dict:
    """One article's baseline extraction, as `newsdesk extract --json` writes it."""
    text = doc.text
    entities: dict[tuple[str, str], dict] = {}
    for e in doc.ents:
        if (kc := _kind(e.label_, e.text)) is None:
            continue
        kind, code = kc
        ent = entities.setdefault(
            (kind, code or e.text), {"name": e.text, "kind": kind, "code": code, "mentions": []}
        )
        ent["mentions"].append({"start": e.start_char, "end": e.end_char, "text": e.text})
    quotes = []
    for para in re.finditer(r"[^\n]+", text):
        marks = [m for m in _DOUBLE.finditer(text, para.start(), para.end())]
        for a, b in zip(marks[::2], marks[1::2], strict=False):
            start, end = a.end(), b.start()
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or start >= end:
                continue
            sent = span.sent
            people = [
                e
                for e in doc.ents
                if e.label_ == "PERSON"
                and sent.start <= e.start < sent.end
                and not (span.start <= e.start < span.end)
            ]
            speaker = min(people, key=lambda e: abs(e.start - span.end)) if people else None
            quotes.append(
                {
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "speaker_name": speaker.text if speaker else None,
                    "speaker_mentions": [{"start": speaker.start_char, "end": speaker.end_char}]
                    if speaker
                    else [],
                }
            )
    return {"file": origin, "text": text, "entities": list(entities.values()), "quotes": quotes}


def baseline_records(texts: Iterable[tuple[str, str]]) -> Iterator[dict]:
    """(origin, text) pairs through the model alone, in batches."""
    from store.extract.nlp import load

    nlp = load()
    pairs = ((text, origin) for origin, text in texts)
    for doc, origin in nlp.pipe(pairs, as_tuples=True, batch_size=16):
        yield baseline_record(doc, origin)


def main(argv: list[str]) -> int:
    from store.ingest import read_inputs

    raws = (r for r in read_inputs(argv) if hasattr(r, "text"))
    for rec in baseline_records((r.origin, r.text) for r in raws):
        sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
