"""Extraction end to end: texts through ``nlp.pipe`` in batches, then mentions, entities and quotes per article.

An article longer than ``nlp.CHUNK_CHARS`` is parsed on its own, piece by piece, and its pieces joined into one
Doc (``nlp.parse``): memory stays bounded by the piece size, and extraction still runs on the whole article.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from spacy.tokens import Doc

from ..readers import RawArticle
from . import nlp as nlp_loader
from .components import extractor
from .parallel import Parser
from .quotes import FoundQuote
from .resolve import ArticleEntity


@dataclass(slots=True)
class Extraction:
    """What one article yields: its entities (with mentions and roles) and its quotes."""

    entities: list[ArticleEntity]
    quotes: list[FoundQuote]


def extract_doc(doc: Doc, raw: RawArticle) -> Extraction:
    """Entities and quotes of one parsed article: newsdesk's components run on its Doc."""
    doc._.newsdesk_article = raw
    doc = extractor(doc.vocab)(doc)
    return Extraction(doc._.newsdesk_entities, doc._.newsdesk_quotes)


def extract_many(
    raws: Iterable[RawArticle], *, model: str | None = None, batch_size: int = 16, workers: int = 1
) -> Iterator[tuple[RawArticle, Extraction]]:
    """Parse articles in batches (``workers`` processes) and extract each; yields in input order. Long articles
    go through the parser on their own, in pieces, so that a batch never holds more than one of them."""
    nlp = nlp_loader.load(model)
    with Parser(nlp, model, workers) as parser:
        for long, group in groupby(raws, key=_is_long):
            if long:
                for raw in group:
                    yield raw, extract_doc(nlp_loader.parse(nlp, raw.text, pipe=parser.pipe), raw)
            else:
                yield from _extract_batched(parser, group, batch_size)


def _is_long(raw: RawArticle) -> bool:
    return len(raw.text) > nlp_loader.CHUNK_CHARS


def _extract_batched(
    parser: Parser, raws: Iterable[RawArticle], batch_size: int
) -> Iterator[tuple[RawArticle, Extraction]]:
    """Articles of ordinary length, parsed in batches; yields in input order."""
    pending: deque[RawArticle] = deque()

    def texts() -> Iterator[str]:
        for raw in raws:
            pending.append(raw)
            yield raw.text

    for doc in parser.pipe(texts(), batch_size=batch_size):
        raw = pending.popleft()
        yield raw, extract_doc(doc, raw)


def extract_one(raw: RawArticle, model: str | None = None) -> Extraction:
    """Extract a single article (tests and scripts)."""
    return extract_doc(nlp_loader.parse(nlp_loader.load(model), raw.text), raw)


def to_json(raw: RawArticle, extraction: Extraction) -> dict:
    """The ``newsdesk extract --json`` record of one article (the contract in DESIGN.md)."""
    text = raw.text
    entities = []
    for ent in extraction.entities:
        entities.append(
            {
                "name": ent.name,
                "kind": ent.kind,
                "code": ent.code,
                "role": ent.role,
                "country": ent.country_code,
                "mentions": [
                    {"start": m.start, "end": m.end, "text": text[m.start : m.end]} for m in ent.mentions
                ],
            }
        )
    quotes = []
    for q in extraction.quotes:
        speaker = extraction.entities[q.speaker] if q.speaker is not None else None
        spans = [(m.start, m.end) for m in speaker.mentions] if speaker else []
        if q.attribution and q.attribution not in spans:
            spans.append(q.attribution)
        quotes.append(
            {
                "start": q.start,
                "end": q.end,
                "text": text[q.start : q.end],
                "kind": q.kind,
                "continued": q.continued,
                "speaker_name": speaker.name if speaker else None,
                "speaker_by": q.extra.get("speaker_by"),
                "speaker_mentions": [{"start": s, "end": e} for s, e in sorted(spans)],
                "cue": {"start": q.cue[0], "end": q.cue[1], "text": text[q.cue[0] : q.cue[1]]}
                if q.cue
                else None,
            }
        )
    return {
        "file": raw.origin,
        "title": raw.title,
        "dek": raw.dek,
        "byline": raw.byline,
        "source": raw.source,
        "published": raw.published,
        "url": raw.url,
        "captions": list(raw.captions),
        "credits": list(raw.credits),
        "contributors": list(raw.contributors),
        "entities": entities,
        "quotes": quotes,
        "text": text,
    }
