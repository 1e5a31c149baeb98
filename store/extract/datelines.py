"""Datelines as ``Matcher`` patterns: a spaCy component that proposes the dateline of every line.

A dateline opens a story's first paragraph: a city in capitals, perhaps a region or a date, perhaps the wire that
filed it in brackets, and a dash (``WASHINGTON (AP) —``, ``NIŠ, Serbia (Reuters) -``, ``LONDON, Dec. 2 (UPI) --``,
``(Reuters) -``). Each match goes to ``doc.spans["newsdesk_datelines"]`` with its parts as separate spans in
``doc.spans["newsdesk_dateline_parts"]`` (labelled ``city``, ``region`` and ``outlet``); the mention step takes the
one that opens one of the first paragraphs (``names.structural``).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

SPANS_KEY = "newsdesk_datelines"
PARTS_KEY = "newsdesk_dateline_parts"

_CAPS = r"^[A-ZÀ-ÞĀ-Ž][A-ZÀ-ÞĀ-Ž.'’]*$"  # a word of a city in capitals ("ST.", "NIŠ", "O'HARE")
_CITY = [{"TEXT": {"REGEX": _CAPS}}, {"TEXT": {"REGEX": r"^(?:[A-ZÀ-ÞĀ-Ž.'’]+|-)$"}, "OP": "{,5}"}]
_REGION = [
    {"ORTH": ","},
    {"TEXT": {"REGEX": r"^[A-Z][\w.']*$"}},
    {"TEXT": {"REGEX": r"^[\w.']+$"}, "OP": "{,3}"},
]
_OUTLET = [
    {"ORTH": "("},
    {"TEXT": {"REGEX": r"^[A-Z]"}},
    {"TEXT": {"NOT_IN": ["(", ")", "\n"]}, "OP": "{,6}"},
]
_DASH = [{"TEXT": {"IN": ["-", "–", "—", "--", "---"]}}]
_CLOSE = [{"ORTH": ")"}]
PATTERNS = {
    "city": [_CITY + _DASH, _CITY + _REGION + _DASH],
    "city_outlet": [_CITY + _OUTLET + _CLOSE + _DASH, _CITY + _REGION + _OUTLET + _CLOSE + _DASH],
    "outlet": [_OUTLET + _CLOSE + _DASH],
}


def _parts(doc: Doc, span: Span) -> list[Span]:
    """The city, region and outlet of one dateline."""
    parts = []
    k = span.start
    if doc[k].text != "(":
        while k < span.end and doc[k].text not in (",", "(") and k < span.end - 1:
            k += 1
        parts.append(Span(doc, span.start, k, label="city"))
        if doc[k].text == ",":
            r = k + 1
            while r < span.end - 1 and doc[r].text != "(":
                r += 1
            parts.append(Span(doc, k + 1, r, label="region"))
            k = r
    if doc[k].text == "(":
        close = next(i for i in range(k, span.end) if doc[i].text == ")")
        parts.append(Span(doc, k + 1, close, label="outlet"))
    return [p for p in parts if len(p)]


class Datelines:
    """Proposes datelines: the longest match at each place, a dash followed by a space ending it."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        for label, patterns in PATTERNS.items():
            self.matcher.add(label, patterns)

    def __call__(self, doc: Doc) -> Doc:
        found = [
            Span(doc, start, end, label=match_id)
            for match_id, start, end in self.matcher(doc)
            if doc[end - 1].whitespace_ and (start == 0 or "\n" in doc[start - 1].text_with_ws)
        ]
        datelines = filter_spans(found)
        doc.spans[SPANS_KEY] = datelines
        doc.spans[PARTS_KEY] = [part for span in datelines for part in _parts(doc, span)]
        return doc


@Language.factory("newsdesk_datelines")
def make_datelines(nlp: Language, name: str) -> Datelines:
    return Datelines(nlp, name)
