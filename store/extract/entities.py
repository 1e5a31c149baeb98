"""Find entity mentions in a parsed article: spaCy's NER, corrected and completed by rules.

What the rules add to the model: country names, ISO-style short names and demonyms mapped to countries;
organisation acronyms and known organisations; all-caps credit lines; honorifics, titles and determiners
stripped from names; and document-level consistency (a surname tagged as a person once is a person everywhere).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from .. import countries
from ..models import Block
from .lexicon import (
    ACRONYM,
    DETERMINERS,
    GENERIC_NOUNS,
    HONORIFICS,
    KNOWN_ORGS,
    KNOWN_PLACES,
    ROMAN,
    TITLE_WORDS,
)

_LABEL_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "country",
}
_POSSESSIVE = {"'s", "’s", "'", "’"}


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
        return doc.text[self.start : self.end]


def _known_org_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, aliases in KNOWN_ORGS.items():
        for form in (name, *aliases):
            table[countries.fold(form)] = name
    return table


KNOWN_ORG_BY_KEY = _known_org_table()


def _make(doc: Doc, i: int, j: int, kind: str, **kw) -> Mention:
    return Mention(i, j, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), kind, **kw)


def _trim(doc: Doc, i: int, j: int, person: bool) -> tuple[int, int]:
    """Drop determiners, honorifics and (for people) leading titles; drop trailing possessives and punctuation."""
    while i < j and (
        doc[i].lower_ in DETERMINERS
        or doc[i].lower_ in HONORIFICS
        or (person and doc[i].lower_ in TITLE_WORDS)
        or doc[i].is_punct
        or doc[i].is_space
    ):
        i += 1
    while j > i and (doc[j - 1].text in _POSSESSIVE or doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    return i, j


def _block_kind(blocks: list[Block], start: int) -> str:
    for b in blocks:
        if b.start <= start < b.end:
            return b.kind
    return "paragraph"


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _classify(doc: Doc, i: int, j: int, label: str) -> Mention | None:
    text = doc[i:j].text
    key = countries.fold(text)
    if key in KNOWN_ORG_BY_KEY and not (len(text) <= 3 and not text.isupper()):
        return _make(doc, i, j, "organization", canon=KNOWN_ORG_BY_KEY[key])
    # a two-letter name such as "US" counts only written in capitals
    if label != "FAC" and (c := countries.by_name(text)) and (len(text) > 3 or text.isupper()):
        return _make(doc, i, j, "country", canon=c.name, code=c.code)
    if label == "NORP":
        if c := countries.by_demonym(text):
            return _make(doc, i, j, "country", canon=c.name, code=c.code)
        return None
    if text in KNOWN_PLACES:
        return _make(doc, i, j, "place")
    kind = _LABEL_KIND.get(label)
    if kind is None:
        return None
    if j - i == 1 and doc[i].lower_ in GENERIC_NOUNS:
        return None
    return _make(doc, i, j, kind)


def _overlaps(m: Mention, taken: list[bool]) -> bool:
    return any(taken[k] for k in range(m.i, m.j))


def find_mentions(doc: Doc, blocks: list[Block]) -> list[Mention]:
    """Every entity mention in ``doc``, in text order, none overlapping another (nested country excepted)."""
    found: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in _LABEL_KIND:
            continue
        found.extend(_from_ent(doc, ent, blocks))
    found = _add_gazetteer(doc, found)
    found = _person_consistency(doc, found)
    found = _add_acronyms(doc, found, blocks)
    found = _add_credit_orgs(doc, found, blocks)
    found = _country_institutions(doc, found)
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def _from_ent(doc: Doc, ent: Span, blocks: list[Block]) -> list[Mention]:
    i, j = _trim(doc, ent.start, ent.end, ent.label_ == "PERSON")
    if i >= j:
        return []
    text = doc[i:j].text
    block = _block_kind(blocks, doc[i].idx)
    if (
        _is_caps(text)
        and block in ("caption", "title", "dek")
        and countries.fold(text) not in KNOWN_ORG_BY_KEY
        and not countries.by_name(text)
        and j - i == 1
    ):
        return []  # a shouted common word in a caption ("A MAN holds a flag"), not a name
    label = ent.label_
    if label == "ORG":
        # "European Union External Affairs" followed by a title: the known organisation is the name.
        for k in range(j, i, -1):
            key = countries.fold(doc[i:k].text)
            if key in KNOWN_ORG_BY_KEY:
                if k < j:
                    return [_make(doc, i, k, "organization", canon=KNOWN_ORG_BY_KEY[key])]
                break
        # "Israel's Foreign Ministry": an institution of a country; the country is mentioned inside it.
        out = []
        if j - i >= 2:
            for k in range(i, j):
                if doc[k].text in _POSSESSIVE or doc[k].dep_ == "case":
                    continue
                if (c := countries.by_name(doc[k].text) or countries.by_demonym(doc[k].text)) and doc[
                    k
                ].is_title:
                    out.append(_make(doc, k, k + 1, "country", canon=c.name, code=c.code, source="nested"))
        m = _classify(doc, i, j, label)
        return ([m] if m else []) + out
    m = _classify(doc, i, j, label)
    return [m] if m else []


_INSTITUTIONS = {
    "ministry",
    "embassy",
    "army",
    "government",
    "parliament",
    "police",
    "military",
    "navy",
    "cabinet",
    "presidency",
    "consulate",
    "mission",
    "office",
    "court",
    "forces",
}


def _country_institutions(doc: Doc, found: list[Mention]) -> list[Mention]:
    """ "Israel's Foreign Ministry", "the Serbian Embassy": a country's institution is named with the country,
    which stays a mention of its own inside the name."""
    by_end = {m.j: m for m in found if m.kind == "country"}
    out = []
    for m in found:
        if m.kind == "organization" and doc[m.j - 1].lower_ in _INSTITUTIONS and m.canon is None:
            k = m.i
            if k > 0 and doc[k - 1].text in _POSSESSIVE:
                k -= 1
            country = by_end.get(k)
            if country is not None and country.j <= m.i:
                m = Mention(country.i, m.j, country.start, m.end, "organization", source="institution")
        out.append(m)
    return out


def _add_gazetteer(doc: Doc, found: list[Mention]) -> list[Mention]:
    """Countries, demonyms and known organisations the model missed or mislabelled as something else."""
    taken = [False] * len(doc)
    for m in found:
        for k in range(m.i, m.j):
            taken[k] = True
    extra: list[Mention] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        if taken[i] or not (tok.text[:1].isupper()) or tok.is_space:
            i += 1
            continue
        hit = None
        for size in (5, 4, 3, 2, 1):
            j = i + size
            if j > n or any(taken[k] or doc[k].is_space for k in range(i, j)):
                continue
            if not doc[j - 1].text[:1].isalnum():
                continue
            text = doc[i:j].text
            key = countries.fold(text)
            if key in KNOWN_ORG_BY_KEY and (len(text) > 3 or text.isupper() or "." in text):
                hit = _make(doc, i, j, "organization", canon=KNOWN_ORG_BY_KEY[key], source="gazetteer")
            elif (
                (c := countries.by_name(text)) and (len(text) > 3 or text.isupper()) and doc[i].is_title
            ) or ((c := countries.by_name(text)) and text.isupper() and len(text) <= 4):
                hit = _make(doc, i, j, "country", canon=c.name, code=c.code, source="gazetteer")
            elif size <= 2 and (c := countries.by_demonym(text)) and doc[i].is_title:
                hit = _make(doc, i, j, "country", canon=c.name, code=c.code, source="demonym")
            if hit:
                break
        if hit:
            extra.append(hit)
            for k in range(hit.i, hit.j):
                taken[k] = True
            i = hit.j
        else:
            i += 1
    return found + extra


def _surname_keys(doc: Doc, found: list[Mention]) -> dict[str, str]:
    """Folded surname → folded full name, for people named in full somewhere in the article."""
    out: dict[str, str] = {}
    for m in found:
        if m.kind != "person" or m.j - m.i < 2:
            continue
        last = doc[m.j - 1].text
        if last[:1].isupper():
            out.setdefault(countries.fold(last), countries.fold(m.text(doc)))
    return out


def _person_consistency(doc: Doc, found: list[Mention]) -> list[Mention]:
    """A surname of someone named in full is that person wherever it appears, whatever the model said."""
    surnames = _surname_keys(doc, found)
    if not surnames:
        return found
    out: list[Mention] = []
    covered = [False] * len(doc)
    for m in found:
        single = m.j - m.i == 1 and countries.fold(m.text(doc)) in surnames
        if single and m.kind != "person" and m.kind != "country":
            m = Mention(m.i, m.j, m.start, m.end, "person", source="surname")
        out.append(m)
        for k in range(m.i, m.j):
            covered[k] = True
    for tok in doc:
        if covered[tok.i] or not tok.is_title:
            continue
        if countries.fold(tok.text) in surnames:
            j = tok.i + 1
            out.append(Mention(tok.i, j, tok.idx, tok.idx + len(tok), "person", source="surname"))
            covered[tok.i] = True
    return out


def _add_acronyms(doc: Doc, found: list[Mention], blocks: list[Block]) -> list[Mention]:
    """All-capital tokens such as "IHRA" in running text name organisations when nothing else claims them."""
    covered = [False] * len(doc)
    for m in found:
        for k in range(m.i, m.j):
            covered[k] = True
    extra = []
    for tok in doc:
        if covered[tok.i] or not ACRONYM.match(tok.text) or ROMAN.match(tok.text):
            continue
        if len(tok.text.replace(".", "")) < 2 or _block_kind(blocks, tok.idx) in (
            "caption",
            "title",
            "credit",
        ):
            continue
        # skip text shouted in capitals: an acronym has lower-case neighbours
        neighbours = [t for t in doc[max(0, tok.i - 3) : tok.i + 4] if t.is_alpha and t.i != tok.i]
        if neighbours and all(t.is_upper for t in neighbours):
            continue
        if tok.text in ("I", "A", "OK", "TV", "AM", "PM", "CEO", "GDP", "COVID", "COVID-19", "MP", "MEP"):
            continue
        extra.append(Mention(tok.i, tok.i + 1, tok.idx, tok.idx + len(tok), "organization", source="acronym"))
    return found + extra


def _add_credit_orgs(doc: Doc, found: list[Mention], blocks: list[Block]) -> list[Mention]:
    """Agencies named in credit lines ("(photo credit: REUTERS)") are organisations."""
    credit = [b for b in blocks if b.kind == "credit"]
    if not credit:
        return found
    covered = {k for m in found for k in range(m.i, m.j)}
    extra = []
    for b in credit:
        span = doc.char_span(b.start, b.end, alignment_mode="expand")
        if span is None:
            continue
        words = [
            t
            for t in span
            if t.is_alpha
            and t.i not in covered
            and t.lower_ not in ("photo", "credit", "credits", "courtesy", "image", "picture", "via", "by")
        ]
        if not words:
            continue
        i, j = words[0].i, words[-1].i + 1
        if any(k in covered for k in range(i, j)):
            continue
        text = doc[i:j].text
        canon = KNOWN_ORG_BY_KEY.get(countries.fold(text))
        extra.append(_make(doc, i, j, "organization", canon=canon, source="credit"))
    return found + extra
