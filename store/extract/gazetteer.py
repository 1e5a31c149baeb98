"""The gazetteer: a spaCy component that proposes every country name, demonym, known organisation and party
word of a text as a candidate span, for the mention step to accept or not.

Names are matched as the country table keys them (``countries.fold``: case, accents, dots and curly apostrophes
ignored), by a ``PhraseMatcher`` over a folded shadow of the Doc's words, so that "U.S.", "Côte d’Ivoire" and
"the Netherlands" match their entries whatever the article's spelling. The candidates go to
``doc.spans["newsdesk_gazetteer"]``, labelled ``country``, ``demonym``, ``organization`` or ``party``; nothing
is decided here (the mention step reads the names' entries and decides).
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from .. import countries
from .lexicon import KNOWN_ORGS, PARTY_FORMS

SPANS_KEY = "newsdesk_gazetteer"
LONGEST = 5  # tokens: the longest name the mention step takes from the gazetteer


@cache
def known_organisations() -> dict[str, str]:
    """Folded name or alias → the organisation's name."""
    table: dict[str, str] = {}
    for name, aliases in KNOWN_ORGS.items():
        for form in (name, *aliases):
            table[countries.fold(form)] = name
    return table


def _entries() -> dict[str, list[str]]:
    """label → the folded forms of every name the gazetteer knows."""
    names, demonyms = countries.tables()
    return {
        "country": [*names, *(f"the {key}" for key in names)],
        "demonym": list(demonyms),
        "organization": list(known_organisations()),
        "party": [countries.fold(form) for form in PARTY_FORMS],
    }


def _shadow(doc: Doc) -> Doc:
    """The Doc's tokens folded one for one (a token whose fold is empty keeps its text): what names match on."""
    return Doc(doc.vocab, words=[countries.fold(t.text) or t.text for t in doc], spaces=[True] * len(doc))


class Gazetteer:
    """Proposes the names of the country table, the known organisations and the party words."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.vocab: Vocab = nlp.vocab
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for label, forms in _entries().items():
            patterns = [_shadow(nlp.make_doc(form)) for form in forms]
            self.matcher.add(label, [p for p in patterns if 0 < len(p) <= LONGEST])

    def __call__(self, doc: Doc) -> Doc:
        shadow = _shadow(doc)
        doc.spans[SPANS_KEY] = [
            Span(doc, start, end, label=self.vocab.strings[match_id])
            for match_id, start, end in self.matcher(shadow)
        ]
        return doc


@Language.factory("newsdesk_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(nlp, name)
