"""Entity mentions' shared parts: the ``Mention`` and ``Context`` that proposers exchange, the model's entities
read as mentions (trimmed of determiners, honorifics and titles, classified by the country table, the known
organisations and the party words), and the helpers the proposers share.

The proposers live in ``names_from_text`` (the text itself), ``names_from_article`` (the article's own evidence)
and ``not_names`` (what is no name, and names cut to what they name); ``mentions.STEPS`` lists them in order and
``arbiter.settle`` settles their candidates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import countries
from ..models import Block
from .gazetteer import known_organisations
from .lexicon import (
    DETERMINERS,
    GENERIC_NOUNS,
    HONORIFICS,
    KNOWN_PLACES,
    PARTY_FORMS,
    PERSON_DESCRIPTORS,
    TITLE_WORDS,
    words,
)
from .names import (
    FUNCTION_WORDS,
    ORG_WORDS,
    Structural,
)

_LABEL_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "country",
}
POSSESSIVE = {"'s", "’s", "'", "’"}
# Tags a person's first word never has ("Though Sanders", "Floridians Jeb Bush", "Senators Rubio"); adjectives: below
_NOT_A_FIRST_NAME = frozenset({"NNS", "NNPS", "RB", "IN", "CC", "DT", "CD", "PRP", "PRP$", "WDT"})
_FIGURES = re.compile(r"\d+(?:[-/.,:]\d+)*")


@dataclass(slots=True)
class Mention:
    """A mention before resolution: token span, character span, kind and (when known) canonical name."""

    i: int
    j: int
    start: int
    end: int
    kind: str
    canon: str | None = None
    code: str | None = None
    source: str = "ner"

    def text(self, doc: Doc) -> str:
        text = doc.user_data.get("text")  # doc.text would rebuild the whole text on every call
        return text[self.start : self.end] if text is not None else doc.text[self.start : self.end]


@dataclass(slots=True)
class Context:
    """What proposers read besides the Doc and the mentions settled so far: the article's blocks (sorted by
    start), its layout (datelines, credits, the source line) and the model's entities as mentions."""

    blocks: list[Block]
    layout: Structural
    model: list[Mention]


def taken(found: list[Mention]) -> set[int]:
    """The tokens the settled mentions stand on."""
    return {k for m in found for k in range(m.i, m.j)}


def make(doc: Doc, i: int, j: int, kind: str, **kw) -> Mention:
    return Mention(i, j, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), kind, **kw)


def _trim(doc: Doc, i: int, j: int, person: bool) -> tuple[int, int]:
    """Drop determiners, honorifics and (for people) leading titles; drop trailing possessives and punctuation."""
    while i < j and (
        doc[i].lower_ in DETERMINERS
        or doc[i].lower_ in HONORIFICS
        or (person and j - i > 2 and describes(doc[i]))
        or (person and doc[i].lower_ in TITLE_WORDS)
        or (person and j - i > 1 and not_a_first_name(doc[i]) and plain_name_after(doc, i + 1, j))
        or doc[i].is_punct
        or doc[i].is_space
    ):
        i += 1
    while j > i and (
        doc[j - 1].text in POSSESSIVE
        or doc[j - 1].is_punct
        or doc[j - 1].is_space
        or (j - i > 1 and _FIGURES.fullmatch(doc[j - 1].text))
    ):
        j -= 1  # "J. Pooley 111", "Kent 108-3": a score or a count after a name is not part of it
    return i, j


def not_a_first_name(tok: Token) -> bool:
    """A word that never opens a person's name: a plural, an adverb, a determiner..., or an adjective where the
    sentence starts ("Absent Sanders"; elsewhere "Christian" may well be a first name)."""
    if tok.lower_ in FUNCTION_WORDS:
        return False  # "Without Borders": the rest of a name with function words, which _from_ent extends
    if tok.is_sent_start and tok.is_stop and tok.lower_ not in ("will", "may"):
        return True  # "Though Sanders held …": a conjunction capitalised as it opens the sentence
    return tok.tag_ in _NOT_A_FIRST_NAME or (tok.tag_ in ("JJ", "JJR", "JJS") and tok.is_sent_start)


def person_opening(doc: Doc, m: Mention) -> Mention:
    """A person's mention however it was found (the model's organisation later made a person, a surname run)
    starts at its first name: "Senators Rubio" is Rubio."""
    if m.kind != "person" or m.canon:
        return m
    i = m.i
    while m.j - i > 1 and not_a_first_name(doc[i]) and plain_name_after(doc, i + 1, m.j):
        i += 1
    return m if i == m.i else make(doc, i, m.j, "person", source=m.source)


def plain_name_after(doc: Doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` are proper nouns only ("Sanders" of "Though Sanders"), not the rest of a name
    with function words ("Without Borders" of "Reporters Without Borders")."""
    words = doc[i:j]
    return (
        all(t.tag_ == "NNP" or t.is_punct for t in words)
        and any(t.tag_ == "NNP" for t in words)
        and not any(t.lower_ in FUNCTION_WORDS for t in words)
    )


def describes(tok: Token) -> bool:
    """A word in front of a person's name that says what they are ("Republican", "billionaire", "American")."""
    return (
        tok.lower_ in PERSON_DESCRIPTORS
        or tok.text in PARTY_FORMS
        or (tok.is_title and countries.by_demonym(tok.text) is not None)
    )


def block_kind(blocks: list[Block], start: int) -> str:
    """The kind of the block holding a character offset (``blocks`` sorted by start)."""
    k = bisect_right(blocks, start, key=lambda b: b.start) - 1
    return blocks[k].kind if k >= 0 and start < blocks[k].end else "paragraph"


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _classify(doc: Doc, i: int, j: int, label: str) -> Mention | None:
    text = doc[i:j].text
    key = countries.fold(text)
    if key in known_organisations() and not (len(text) <= 3 and not text.isupper()):
        return make(doc, i, j, "organization", canon=known_organisations()[key])
    # a two-letter name such as "US" counts only written in capitals
    if label != "FAC" and (c := countries.by_name(text)) and (len(text) > 3 or text.isupper()):
        return make(doc, i, j, "country", canon=c.name, code=c.code)
    if j - i == 1 and doc[i].is_title and (c := countries.by_demonym(text)):
        return make(doc, i, j, "country", canon=c.name, code=c.code)
    if text in PARTY_FORMS and not (i > 0 and doc[i - 1].is_title) and not (j < len(doc) and doc[j].is_title):
        return make(doc, i, j, "organization", canon=PARTY_FORMS[text])
    if label == "NORP":
        if c := countries.by_demonym(text):
            return make(doc, i, j, "country", canon=c.name, code=c.code)
        return None
    if text in KNOWN_PLACES:
        return make(doc, i, j, "place", canon=text)
    kind = _LABEL_KIND.get(label)
    if kind is None or (label == "ORG" and (doc[i].lower_ in TITLE_WORDS or doc[i:j].text.islower())):
        return None  # "Minister of Trade" is a role, "the transport ministry" a description
    if j - i >= 2 and kind in ("place", "person") and doc[j - 1].lower_ in ORG_WORDS and doc[j - 1].is_title:
        kind = "organization"  # "Berlin Process", "Meridian Institute"
    if j - i == 1 and (doc[i].lower_ in GENERIC_NOUNS or (doc[i].pos_ == "NOUN" and not doc[i].is_upper)):
        return None  # "Embassy", or a capitalised common noun opening a sentence ("Households and ...")
    return make(doc, i, j, kind)


def model_mentions(doc: Doc, blocks: list[Block], layout: Structural) -> list[Mention]:
    """The model's entities as mentions: trimmed, classified by the tables, relabelled where the layout knows the
    name (an outlet, a dateline city); a country named inside an organisation's name comes with it (``nested``)."""
    out = []
    for ent in doc.ents:
        if ent.label_ in _LABEL_KIND:
            out.extend(_relabel(doc, m, layout) for m in _from_ent(doc, ent, blocks))
    return out


def _from_ent(doc: Doc, ent: Span, blocks: list[Block]) -> list[Mention]:
    # "European Bank … (EBRD": stop at a parenthesis; "the Berlin Process in Sofia": stop at a locative "in"
    end = next(
        (
            t.i
            for t in ent
            if t.i > ent.start
            and (t.text in "([" or (ent.label_ != "ORG" and t.lower_ in ("in", "at") and t.is_lower))
        ),
        ent.end,
    )
    i, j = _trim(doc, ent.start, end, ent.label_ == "PERSON")
    if i >= j:
        return []
    text = doc[i:j].text
    block = block_kind(blocks, doc[i].idx)
    if (
        is_caps(text)
        and block in ("caption", "title", "dek")
        and countries.fold(text) not in known_organisations()
        and not countries.by_name(text)
        and j - i == 1
    ):
        return []  # a shouted common word in a caption ("A MAN holds a flag"), not a name
    label = ent.label_
    if label == "PERSON" and any(t.lower_ in FUNCTION_WORDS for t in doc[i:j]):
        # "Reporters Without Borders": a person's name has no function words; the name runs on to the left
        while i > 0 and doc[i - 1].is_title and doc[i - 1].pos_ in ("NOUN", "PROPN"):
            i -= 1
        return [make(doc, i, j, "organization")]
    if label == "ORG":
        # "European Union External Affairs" followed by a title: the known organisation is the name.
        for k in range(j, i, -1):
            key = countries.fold(doc[i:k].text)
            if key in known_organisations():
                if k < j:
                    return [make(doc, i, k, "organization", canon=known_organisations()[key])]
                break
        # "Israel's Foreign Ministry": an institution of a country; the country is mentioned inside it.
        out = []
        if j - i >= 2:
            for k in range(i, j):
                if doc[k].text in POSSESSIVE or doc[k].dep_ == "case":
                    continue
                if (c := countries.by_name(doc[k].text) or countries.by_demonym(doc[k].text)) and doc[
                    k
                ].is_title:
                    out.append(make(doc, k, k + 1, "country", canon=c.name, code=c.code, source="nested"))
        m = _classify(doc, i, j, label)
        return ([m] if m else []) + out
    m = _classify(doc, i, j, label)
    return [m] if m else []


PARTICLES = words("name_particles")


def surname_forms(name: str) -> list[str]:
    """Folded forms that name a person alone: the last word, a surname with its particle ("van Dijk" of "Marieke
    van Dijk"), and the family name first in East Asian order ("Park" of "Park Min-ho", the given name
    hyphenated with a lower-case second part)."""
    words = name.split()
    if len(words) < 2:
        return []
    out = [countries.fold(words[-1])] if words[-1][:1].isupper() else []
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in PARTICLES:
        k -= 1
    if k < len(words) - 1:
        out.append(countries.fold(" ".join(words[k:])))
    if len(words) == 2 and "-" in words[1] and words[1].split("-", 1)[1][:1].islower():
        out.append(countries.fold(words[0]))
    return out


def surname_keys(doc: Doc, found: list[Mention]) -> dict[str, str]:
    """Folded surname → folded full name, for people named in full somewhere in the article."""
    out: dict[str, str] = {}
    for m in found:
        if m.kind != "person":
            continue
        for form in surname_forms(m.text(doc)):
            out.setdefault(form, countries.fold(m.text(doc)))
    return out


_LEGAL_FORMS = words("legal_forms")
COMPANY_SUFFIXES = words("company_suffixes")


def is_company_suffix(word: str) -> bool:
    """Whether a name's last word says it is a business: "Inc", "Holdings", "S.A.", "Airlines"."""
    return word.lower().strip(".") in COMPANY_SUFFIXES or word.lower().strip(".") in _LEGAL_FORMS


def company_first_words(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """The first word of each business the article names in full, folded, with the folded full name ("vantor"
    → "vantor logistics"): that word alone names the business."""
    out = {}
    for m in mentions:
        words = m.text(doc).split()
        if m.kind == "organization" and not m.canon and len(words) >= 2 and is_company_suffix(words[-1]):
            out[countries.fold(words[0])] = countries.fold(m.text(doc))
    return out


def _relabel(doc: Doc, m: Mention, layout: Structural) -> Mention:
    """A name the layout shows to be an outlet or a dateline city takes that kind everywhere."""
    key = countries.fold(m.text(doc))
    if key in layout.orgs and m.kind != "organization":
        canon = known_organisations().get(key, layout.orgs[key])
        return Mention(m.i, m.j, m.start, m.end, "organization", canon=canon, source="layout")
    if key in layout.places and m.kind in ("person", "organization"):
        return Mention(m.i, m.j, m.start, m.end, "place", canon=layout.places[key], source="layout")
    return m
