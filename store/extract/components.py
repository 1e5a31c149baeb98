"""newsdesk's extraction as spaCy pipeline components, run on a Doc the model has parsed.

The model's own pipeline (tagger, parser, entity recogniser) parses, in batches and worker processes; these
components, registered with ``Language.factory``, then run in a second ``Language`` that shares its vocabulary
(``extractor``), one article at a time, in this order:

``newsdesk_datelines``
    the datelines opening lines, with their city, region and wire (``doc.spans["newsdesk_datelines"]``,
    ``Matcher`` patterns);
``newsdesk_gazetteer``
    candidate names from the country table, the known organisations and the party words
    (``doc.spans["newsdesk_gazetteer"]``);
``newsdesk_mentions``
    the article's entity mentions: candidates from named proposers (the layout, the model's entities, the
    gazetteer, the forms of names, the article's own evidence) settled by one arbiter by each proposer's policy
    (``mentions.STEPS``, ``arbiter.settle``); every candidate is kept in ``doc.spans["newsdesk_candidates"]``
    with its proposer's name as its id, the mentions standing in ``doc._.newsdesk_mentions``, shown as
    ``doc.spans["newsdesk_mentions"]`` labelled by kind;
``newsdesk_identity``
    the mentions resolved to the article's entities, with roles and countries (``doc._.newsdesk_entities``);
``newsdesk_quotes``
    the quoted passages (``doc.spans["newsdesk_quotes"]``, with their marks in ``doc._.newsdesk_marks``);
``newsdesk_speakers``
    each quote's kind, cue and speaker, settled from the readings of ``quotes.READINGS`` by one arbiter
    (``doc._.newsdesk_quotes``; the reading that named the speaker in each quote's ``extra["speaker_by"]``).

The article being read (its blocks and source) is ``doc._.newsdesk_article``, set before the components run.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..readers import RawArticle
from . import datelines, gazetteer  # noqa: F401  (they register their components)
from .mentions import find_mentions
from .quotes import attribute_quotes, find_quote_spans
from .resolve import resolve

PIPES = (
    "newsdesk_datelines",
    "newsdesk_gazetteer",
    "newsdesk_mentions",
    "newsdesk_identity",
    "newsdesk_quotes",
    "newsdesk_speakers",
)

EXTENSIONS = (
    "newsdesk_article",
    "newsdesk_mentions",
    "newsdesk_entities",
    "newsdesk_marks",
    "newsdesk_quotes",
)
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _article(doc: Doc) -> RawArticle:
    article = doc._.newsdesk_article
    if article is None:
        raise ValueError(
            "doc._.newsdesk_article is not set: the extraction components read the article's layout"
        )
    return article


def paragraphs(raw: RawArticle) -> list[tuple[int, int]]:
    """The blocks that may carry quotes: title, dek and body paragraphs (headlines and standfirsts quote too)."""
    paras = [(b.start, b.end) for b in raw.blocks if b.kind in ("title", "dek", "paragraph")]
    if paras:
        return paras
    out, start = [], 0
    for line in raw.text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


@Language.component("newsdesk_mentions")
def mentions(doc: Doc) -> Doc:
    raw = _article(doc)
    found = find_mentions(doc, list(raw.blocks), raw.source)
    doc._.newsdesk_mentions = found
    doc.spans["newsdesk_mentions"] = [Span(doc, m.i, m.j, label=m.kind, kb_id=m.canon or "") for m in found]
    return doc


@Language.component("newsdesk_identity")
def identity(doc: Doc) -> Doc:
    doc._.newsdesk_entities = resolve(doc, doc._.newsdesk_mentions or [])
    return doc


@Language.component("newsdesk_quotes")
def quotes(doc: Doc) -> Doc:
    found = find_quote_spans(doc, paragraphs(_article(doc)))
    doc._.newsdesk_marks = [m for m, _ in found]
    doc.spans["newsdesk_quotes"] = [span for _, span in found]
    return doc


@Language.component("newsdesk_speakers")
def speakers(doc: Doc) -> Doc:
    spans = list(zip(doc._.newsdesk_marks or [], doc.spans.get("newsdesk_quotes", ()), strict=True))
    entities = doc._.newsdesk_entities or []
    doc._.newsdesk_quotes = attribute_quotes(doc, entities, paragraphs(_article(doc)), spans)
    return doc


_EXTRACTORS: dict[int, Language] = {}


def extractor(vocab: Vocab) -> Language:
    """The extraction pipeline for Docs of ``vocab`` (the parsing model's): a blank English ``Language``
    sharing it, with newsdesk's components in order, built once per model."""
    key = id(vocab)
    if key not in _EXTRACTORS:
        ext = spacy.blank("en", vocab=vocab)
        for name in PIPES:
            ext.add_pipe(name)
        _EXTRACTORS[key] = ext
    return _EXTRACTORS[key]
