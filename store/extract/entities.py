"""Entity mentions' shared parts and their proposers: spaCy's NER, corrected and completed by rules.

``Mention`` and ``Context`` are what proposers exchange; the functions taking ``(doc, ctx, found)`` are the
proposers ``store.extract.mentions.STEPS`` lists and ``store.extract.arbiter`` settles. What the rules add to
the model: country names, ISO-style short names and demonyms mapped to countries; organisation acronyms and known
organisations; all-caps credit lines; honorifics, titles and determiners stripped from names; and document-level
consistency (a surname tagged as a person once is a person everywhere).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .. import countries
from ..models import Block
from .dictionary import english_words
from .gazetteer import LONGEST as GAZETTEER_LONGEST
from .gazetteer import SPANS_KEY as GAZETTEER_SPANS
from .gazetteer import known_organisations
from .lexicon import (
    ACRONYM,
    DETERMINERS,
    DOCUMENT_WORDS,
    GENERIC_NOUNS,
    HONORIFICS,
    KNOWN_PLACES,
    ORG_DESCRIPTORS,
    PARTY_FORMS,
    PERSON_DESCRIPTORS,
    PLACE_HEADS,
    ROMAN,
    TITLE_WORDS,
    words,
)
from .names import (
    FUNCTION_WORDS,
    ORG_WORDS,
    Structural,
    looks_like_person,
    name_runs,
    speaking_surnames,
    title_tail,
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


def _make(doc: Doc, i: int, j: int, kind: str, **kw) -> Mention:
    return Mention(i, j, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), kind, **kw)


def _trim(doc: Doc, i: int, j: int, person: bool) -> tuple[int, int]:
    """Drop determiners, honorifics and (for people) leading titles; drop trailing possessives and punctuation."""
    while i < j and (
        doc[i].lower_ in DETERMINERS
        or doc[i].lower_ in HONORIFICS
        or (person and j - i > 2 and _describes(doc[i]))
        or (person and doc[i].lower_ in TITLE_WORDS)
        or (person and j - i > 1 and _not_a_first_name(doc[i]) and _plain_name_after(doc, i + 1, j))
        or doc[i].is_punct
        or doc[i].is_space
    ):
        i += 1
    while j > i and (
        doc[j - 1].text in _POSSESSIVE
        or doc[j - 1].is_punct
        or doc[j - 1].is_space
        or (j - i > 1 and _FIGURES.fullmatch(doc[j - 1].text))
    ):
        j -= 1  # "J. Pooley 111", "Kent 108-3": a score or a count after a name is not part of it
    return i, j


def _not_a_first_name(tok: Token) -> bool:
    """A word that never opens a person's name: a plural, an adverb, a determiner..., or an adjective where the
    sentence starts ("Absent Sanders"; elsewhere "Christian" may well be a first name)."""
    if tok.lower_ in FUNCTION_WORDS:
        return False  # "Without Borders": the rest of a name with function words, which _from_ent extends
    if tok.is_sent_start and tok.is_stop and tok.lower_ not in ("will", "may"):
        return True  # "Though Sanders held …": a conjunction capitalised as it opens the sentence
    return tok.tag_ in _NOT_A_FIRST_NAME or (tok.tag_ in ("JJ", "JJR", "JJS") and tok.is_sent_start)


def _person_opening(doc: Doc, m: Mention) -> Mention:
    """A person's mention however it was found (the model's organisation later made a person, a surname run)
    starts at its first name: "Senators Rubio" is Rubio."""
    if m.kind != "person" or m.canon:
        return m
    i = m.i
    while m.j - i > 1 and _not_a_first_name(doc[i]) and _plain_name_after(doc, i + 1, m.j):
        i += 1
    return m if i == m.i else _make(doc, i, m.j, "person", source=m.source)


def _plain_name_after(doc: Doc, i: int, j: int) -> bool:
    """Whether tokens ``i:j`` are proper nouns only ("Sanders" of "Though Sanders"), not the rest of a name
    with function words ("Without Borders" of "Reporters Without Borders")."""
    words = doc[i:j]
    return (
        all(t.tag_ == "NNP" or t.is_punct for t in words)
        and any(t.tag_ == "NNP" for t in words)
        and not any(t.lower_ in FUNCTION_WORDS for t in words)
    )


def _describes(tok: Token) -> bool:
    """A word in front of a person's name that says what they are ("Republican", "billionaire", "American")."""
    return (
        tok.lower_ in PERSON_DESCRIPTORS
        or tok.text in PARTY_FORMS
        or (tok.is_title and countries.by_demonym(tok.text) is not None)
    )


def _block_kind(blocks: list[Block], start: int) -> str:
    """The kind of the block holding a character offset (``blocks`` sorted by start)."""
    k = bisect_right(blocks, start, key=lambda b: b.start) - 1
    return blocks[k].kind if k >= 0 and start < blocks[k].end else "paragraph"


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _classify(doc: Doc, i: int, j: int, label: str) -> Mention | None:
    text = doc[i:j].text
    key = countries.fold(text)
    if key in known_organisations() and not (len(text) <= 3 and not text.isupper()):
        return _make(doc, i, j, "organization", canon=known_organisations()[key])
    # a two-letter name such as "US" counts only written in capitals
    if label != "FAC" and (c := countries.by_name(text)) and (len(text) > 3 or text.isupper()):
        return _make(doc, i, j, "country", canon=c.name, code=c.code)
    if j - i == 1 and doc[i].is_title and (c := countries.by_demonym(text)):
        return _make(doc, i, j, "country", canon=c.name, code=c.code)
    if text in PARTY_FORMS and not (i > 0 and doc[i - 1].is_title) and not (j < len(doc) and doc[j].is_title):
        return _make(doc, i, j, "organization", canon=PARTY_FORMS[text])
    if label == "NORP":
        if c := countries.by_demonym(text):
            return _make(doc, i, j, "country", canon=c.name, code=c.code)
        return None
    if text in KNOWN_PLACES:
        return _make(doc, i, j, "place", canon=text)
    kind = _LABEL_KIND.get(label)
    if kind is None or (label == "ORG" and (doc[i].lower_ in TITLE_WORDS or doc[i:j].text.islower())):
        return None  # "Minister of Trade" is a role, "the transport ministry" a description
    if j - i >= 2 and kind in ("place", "person") and doc[j - 1].lower_ in ORG_WORDS and doc[j - 1].is_title:
        kind = "organization"  # "Berlin Process", "Meridian Institute"
    if j - i == 1 and (doc[i].lower_ in GENERIC_NOUNS or (doc[i].pos_ == "NOUN" and not doc[i].is_upper)):
        return None  # "Embassy", or a capitalised common noun opening a sentence ("Households and ...")
    return _make(doc, i, j, kind)


def _overlaps(m: Mention, taken: list[bool]) -> bool:
    return any(taken[k] for k in range(m.i, m.j))


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
    block = _block_kind(blocks, doc[i].idx)
    if (
        _is_caps(text)
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
        return [_make(doc, i, j, "organization")]
    if label == "ORG":
        # "European Union External Affairs" followed by a title: the known organisation is the name.
        for k in range(j, i, -1):
            key = countries.fold(doc[i:k].text)
            if key in known_organisations():
                if k < j:
                    return [_make(doc, i, k, "organization", canon=known_organisations()[key])]
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


_INSTITUTIONS = words("institutions")


def country_institutions(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
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
                out.append(
                    Mention(country.i, m.j, country.start, m.end, "organization", source="institution")
                )
    return out


def gazetteer_names(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Countries, demonyms, known organisations and party words the model missed or mislabelled as something
    else: of the gazetteer's candidates (``doc.spans``) where no mention stands, the longest that its entry
    accepts, from left to right."""
    n = len(doc)
    taken = [False] * n
    for m in found:
        taken[m.i : m.j] = [True] * (m.j - m.i)
    ends: dict[int, set[int]] = {}
    for span in doc.spans.get(GAZETTEER_SPANS, ()):
        ends.setdefault(span.start, set()).add(span.end)
    extra: list[Mention] = []
    i = 0
    while i < n:
        tok = doc[i]
        if taken[i] or i not in ends or not tok.text[:1].isupper() or tok.is_space:
            i += 1
            continue
        hit = None
        for j in sorted(ends[i], reverse=True):
            if j - i > GAZETTEER_LONGEST or any(taken[k] or doc[k].is_space for k in range(i, j)):
                continue
            if doc[j - 1].text[:1].isalnum() and (hit := _gazetteer_entry(doc, i, j)):
                break
        if hit:
            extra.append(hit)
            taken[hit.i : hit.j] = [True] * (hit.j - hit.i)
            i = hit.j
        else:
            i += 1
    return extra


def _gazetteer_entry(doc: Doc, i: int, j: int) -> Mention | None:
    """The mention a gazetteer candidate makes, if its entry accepts it as written: a known organisation (a
    short form only in capitals or with dots), a country (a short name only in capitals), a demonym of one or two
    words, a party word standing alone ("Democrats", not "Democrat Smith")."""
    text = doc[i:j].text
    key = countries.fold(text)
    orgs = known_organisations()
    if key in orgs and (len(text) > 3 or text.isupper() or "." in text):
        return _make(doc, i, j, "organization", canon=orgs[key], source="gazetteer")
    if (c := countries.by_name(text)) and (
        ((len(text) > 3 or text.isupper()) and doc[i].is_title) or (text.isupper() and len(text) <= 4)
    ):
        return _make(doc, i, j, "country", canon=c.name, code=c.code, source="gazetteer")
    if j - i <= 2 and (c := countries.by_demonym(text)) and doc[i].is_title:
        return _make(doc, i, j, "country", canon=c.name, code=c.code, source="demonym")
    if (
        j - i == 1
        and text in PARTY_FORMS
        and not (i > 0 and doc[i - 1].is_title and doc[i - 1].sent_start != 1)
        and not (j < len(doc) and doc[j].is_title)
    ):
        return _make(doc, i, j, "organization", canon=PARTY_FORMS[text], source="party")
    return None


_PARTICLES = words("name_particles")


def surname_forms(name: str) -> list[str]:
    """Folded forms that name a person alone: the last word, a surname with its particle ("van Dijk" of "Marieke
    van Dijk"), and the family name first in East Asian order ("Park" of "Park Min-ho", the given name
    hyphenated with a lower-case second part)."""
    words = name.split()
    if len(words) < 2:
        return []
    out = [countries.fold(words[-1])] if words[-1][:1].isupper() else []
    k = len(words) - 1
    while k > 1 and words[k - 1].lower() in _PARTICLES:
        k -= 1
    if k < len(words) - 1:
        out.append(countries.fold(" ".join(words[k:])))
    if len(words) == 2 and "-" in words[1] and words[1].split("-", 1)[1][:1].islower():
        out.append(countries.fold(words[0]))
    return out


def _surname_keys(doc: Doc, found: list[Mention]) -> dict[str, str]:
    """Folded surname → folded full name, for people named in full somewhere in the article."""
    out: dict[str, str] = {}
    for m in found:
        if m.kind != "person":
            continue
        for form in surname_forms(m.text(doc)):
            out.setdefault(form, countries.fold(m.text(doc)))
    return out


def _word_end(doc: Doc, i: int) -> int:
    """End of the hyphenated word starting at token ``i`` ("Levi-Tal" is three tokens)."""
    j = i + 1
    while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_:
        j += 2
    return j


def _not_a_place_here(doc: Doc, m: Mention) -> bool:
    """A country's name used as a person's surname ("Neil Jordan ... Jordan said"): not after a preposition,
    and the subject or the possessor of its clause."""
    before = doc[m.i - 1] if m.i > 0 else None
    if before is not None and before.tag_ in ("IN", "TO"):
        return False
    return doc[m.j - 1].dep_ in ("nsubj", "nsubjpass", "poss") or (
        m.j < len(doc) and doc[m.j].text in _POSSESSIVE
    )


def surname_kinds(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """A surname of someone named in full is that person wherever it appears, whatever the model said."""
    surnames = _surname_keys(doc, found)
    return [
        Mention(m.i, m.j, m.start, m.end, "person", source="surname")
        for m in found
        if " " not in m.text(doc)
        and countries.fold(m.text(doc)) in surnames
        and m.kind != "person"
        and (m.kind != "country" or _not_a_place_here(doc, m))
    ]


def surname_particles(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "Van der Berg" read as "Berg": a person's mention takes back the particles of a surname of the article."""
    surnames = _surname_keys(doc, found)
    covered = {k for m in found for k in range(m.i, m.j)}
    out = []
    for m in found:
        if m.kind != "person":
            continue
        k = m.i
        while k > 0 and doc[k - 1].lower_ in _PARTICLES and k - 1 not in covered and m.i - k < 3:
            k -= 1
        if k < m.i and countries.fold(doc[k : m.j].text) in surnames:
            out.append(_make(doc, k, m.j, "person", source="surname"))
    return out


def surname_recurrences(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Every other capitalised occurrence of a surname of someone named in full: that person."""
    surnames = _surname_keys(doc, found)
    if not surnames:
        return []
    out = []
    for tok in doc:
        if not tok.is_title or (tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_):
            continue
        j = _word_end(doc, tok.i)
        if countries.fold(doc[tok.i : j].text) in surnames:
            out.append(_make(doc, tok.i, j, "person", source="surname"))
    return out


_MODEL_KINDS = (
    "person",
    "organization",
    "place",
)  # the kinds the model decides (countries come from a table)
_LEGAL_FORMS = words("legal_forms")
COMPANY_SUFFIXES = words("company_suffixes")


def is_company_suffix(word: str) -> bool:
    """Whether a name's last word says it is a business: "Inc", "Holdings", "S.A.", "Airlines"."""
    return word.lower().strip(".") in COMPANY_SUFFIXES or word.lower().strip(".") in _LEGAL_FORMS


_INITIAL = re.compile(r"[A-Z]\.")


def _initialled(words: Span) -> bool:
    """ "H. Morris", "A. de Silva": an initial and a surname, the way people (never bodies) are listed."""
    return (
        len(words) >= 2
        and _INITIAL.fullmatch(words[0].text) is not None
        and words[-1].is_title
        and words[-1].pos_ == "PROPN"
        and all(t.is_alpha or _INITIAL.fullmatch(t.text) or t.lower_ in _PARTICLES for t in words[1:])
    )


def _country_tagged(doc: Doc, m: Mention) -> bool:
    """ "Merlene Ottey (Jamaica)": a two- or three-word name with a country in brackets after it."""
    words = doc[m.i : m.j]
    return (
        2 <= len(words) <= 3
        and all(t.is_alpha and t.is_title and t.lower_ not in ORG_WORDS for t in words)
        and not is_company_suffix(words[-1].text)
        and m.j + 2 < len(doc)
        and doc[m.j].text == "("
        and doc[m.j + 2].text == ")"
        and countries.by_name(doc[m.j + 1].text) is not None
    )


def people_by_form(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Names whose form says "person" whatever the model called them: an initial and a surname ("H. Morris"), and
    a competitor or delegate listed with a country in brackets ("2. Merlene Ottey (Jamaica) 10.94"); a company or
    a body would carry a word that says so."""
    return [
        Mention(m.i, m.j, m.start, m.end, "person", source="form")
        for m in found
        if m.kind in ("organization", "place")
        and not m.canon
        and (_initialled(doc[m.i : m.j]) or _country_tagged(doc, m))
    ]


def initialled_names(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """An initial and a surname where the model saw no name at all ("H. Morris")."""
    covered = {k for m in found for k in range(m.i, m.j)}
    out = []
    for tok in doc[:-1]:
        if tok.i in covered or _INITIAL.fullmatch(tok.text) is None:
            continue
        j = tok.i + 1
        while (
            j < len(doc)
            and j not in covered
            and (doc[j].is_title or doc[j].lower_ in _PARTICLES)
            and j - tok.i < 4
        ):
            j += 1
        if j > tok.i + 1 and _initialled(doc[tok.i : j]):
            out.append(_make(doc, tok.i, j, "person", source="form"))
            covered.update(range(tok.i, j))
    return out


_NUMBERED = re.compile(r"\d+[.)]?")


def _left_slot(doc: Doc, i: int) -> str:
    """What stands before a name in a line of a list: the line's start, a number ("7 -", "7."), a mark or a word."""
    if i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_:
        return "^"
    prev = doc[i - 1]
    if prev.text in ("-", "–") and i >= 2 and _NUMBERED.fullmatch(doc[i - 2].text):
        return "N-"
    return "N" if _NUMBERED.fullmatch(prev.text) else prev.lower_


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _right_slot(doc: Doc, j: int) -> str:
    """What follows a name in a list: a country in brackets ("(Kenya)"), a minute or a place in brackets
    ("(41st)", "(41st min)"), or nothing that counts."""
    if j + 2 < len(doc) and doc[j].text == "(":
        if doc[j + 2].text == ")" and countries.by_name(doc[j + 1].text) is not None:
            return "(country)"
        if _ORDINAL.fullmatch(doc[j + 1].text):
            return "(ordinal)"
    return ""


def _line_of(text: str, start: int) -> int:
    return text.rfind("\n", 0, start) + 1


def _slots(doc: Doc, text: str, i: int, j: int) -> list[tuple]:
    """The places a name takes in a list: after a mark or word on its line; after a number (a seed, a shirt, a
    place) anywhere in the article; before a country or a minute in brackets anywhere in the article."""
    left = _left_slot(doc, i)
    out: list[tuple] = [(_line_of(text, doc[i].idx), left)]
    if left in ("N", "N-"):
        out.append(("any", left))
    if right := _right_slot(doc, j):
        out.append(("any", right))
    return out


def people_in_lists(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Names in lists of people are people too: line-ups, results and rosters ("7 - Ann Lee , 8 - Bo Park",
    "2. Cy Dunn (Kenya) 10.94") give each name the same place, so a name the model missed that stands where two
    of the article's people stand (after the same number, mark or word on a line, before a country or a minute
    in brackets) is a person, even where the model guessed an organisation or a place; so is a name the model
    missed that opens with the first name of a person of the article. A country, a known place, a name from the
    tables or a name with a word that names a body is never taken."""
    text = doc.user_data.get("text") or doc.text
    people = [m for m in found if m.kind == "person"]
    if len(people) < 2:
        return []
    first_names = {doc[m.i].text for m in people if m.j - m.i >= 2 and doc[m.i].is_title}
    counts: dict[tuple, int] = {}
    for m in people:
        for key in _slots(doc, text, m.i, m.j):
            counts[key] = counts.get(key, 0) + 1
    cover: dict[int, int] = {k: idx for idx, m in enumerate(found) for k in range(m.i, m.j)}
    extra: list[Mention] = []
    for i, j in name_runs(doc):
        while j - i > 1 and doc[i].lower_ in TITLE_WORDS:
            i += 1
        if not 2 <= j - i <= 4 or not all(t.is_title for t in doc[i:j]):
            continue
        inside = {cover[k] for k in range(i, j) if k in cover}
        if any(found[x].canon or found[x].i < i or found[x].j > j for x in inside):
            continue
        if any((found[x].i, found[x].j) == (i, j) and found[x].kind == "person" for x in inside):
            continue
        name = doc[i:j].text
        if countries.by_name(name) is not None or name in KNOWN_PLACES:
            continue
        if any(t.lower_ in ORG_WORDS or is_company_suffix(t.text) for t in doc[i:j]):
            continue
        listed = any(counts.get(key, 0) >= 2 for key in _slots(doc, text, i, j))
        if not listed and any(found[x].kind != "person" for x in inside):
            continue  # the model's organisation or place stays one unless the list says otherwise
        if listed or (doc[i].text in first_names and j - i <= 3 and not inside):
            extra.append(_make(doc, i, j, "person", source="list"))
    return extra


_TEAM = r"[A-Z][\w.'&]*(?:[ -][A-Z][\w.'&]*){0,3}"
# "Pohang 3 Ulsan 2", "MINNESOTA 6 Boston 5": a result; "Puchon 3 1 0 6 1 10": a row of a league table;
# "Birmingham v Barnsley": a fixture
_RESULT_LINE = re.compile(rf"^(?P<a>{_TEAM}) \d+ (?P<b>{_TEAM}) \d+(?:\s|$)")
_TABLE_ROW = re.compile(rf"^(?P<a>{_TEAM})(?: \d+){{3,}}\s*$")
_FIXTURE_LINE = re.compile(rf"^(?P<a>{_TEAM}) v (?P<b>{_TEAM})\s*(?:\(|$)")  # "Birmingham v Barnsley"


def teams_in_results(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Names in a line of sports results or a league table are clubs and teams, organisations, whatever the
    model called them ("Boston" the team, not the city), and nothing read across the score stands ("Pohang 3
    Ulsan"); a country keeps its kind (a national side is read as its country)."""
    text = doc.user_data.get("text") or doc.text
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        if (m := _RESULT_LINE.match(line) or _FIXTURE_LINE.match(line)) is not None:
            spans += [(start + m.start("a"), start + m.end("a")), (start + m.start("b"), start + m.end("b"))]
        elif (m := _TABLE_ROW.match(line)) is not None:
            spans.append((start + m.start("a"), start + m.end("a")))
        start += len(line) + 1
    countries_at = {(m.start, m.end) for m in found if m.kind == "country"}
    out = []
    for s, e in dict.fromkeys(spans):
        span = doc.char_span(s, e)
        if span is not None and (s, e) not in countries_at:
            out.append(_make(doc, span.start, span.end, "organization", source="results"))
    return out


def company_first_words(doc: Doc, mentions: list[Mention]) -> dict[str, str]:
    """The first word of each business the article names in full, folded, with the folded full name ("vantor"
    → "vantor logistics"): that word alone names the business."""
    out = {}
    for m in mentions:
        words = m.text(doc).split()
        if m.kind == "organization" and not m.canon and len(words) >= 2 and is_company_suffix(words[-1]):
            out[countries.fold(words[0])] = countries.fold(m.text(doc))
    return out


def one_name_one_kind(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """A name means one thing in one article: the first word of a company's name alone is the company ("Magna"
    after "Magna International Inc"), the first word of a person's full name alone the person ("Wang" after
    "Wang Donghai"), and a name the model read two ways takes the kind it gave it most (the first on a tie).
    Countries keep their kind: they come from the country table, not from the model."""
    company = company_first_words(doc, found)
    person = {
        countries.fold(words[0])
        for m in found
        if m.kind == "person"
        and not m.canon
        and len(words := m.text(doc).split()) >= 2
        and words[0][:1].isupper()
        and words[0].lower() not in HONORIFICS
    }
    votes: dict[str, dict[str, int]] = {}  # per name, its kinds in order of first use, with their counts
    for m in found:
        if m.kind in _MODEL_KINDS:
            kinds = votes.setdefault(countries.fold(m.text(doc)), {})
            kinds[m.kind] = kinds.get(m.kind, 0) + 1
    out = []
    for m in found:
        key = countries.fold(m.text(doc))
        if m.kind in _MODEL_KINDS:
            kind = m.kind
            if " " not in key and key in company and key not in person:
                kind = "organization"
            elif " " not in key and key in person and key not in company:
                kind = "person"
            elif len(kinds := votes[key]) > 1:
                kind = max(kinds, key=kinds.__getitem__)  # the first of the most used
            if kind != m.kind:
                out.append(Mention(m.i, m.j, m.start, m.end, kind, source="consistency"))
    return out


def acronyms(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """All-capital tokens such as "IHRA" in running text name organisations when nothing else claims them."""
    covered = [False] * len(doc)
    for m in found:
        for k in range(m.i, m.j):
            covered[k] = True
    extra = []
    for tok in doc:
        if covered[tok.i] or not ACRONYM.match(tok.text) or ROMAN.match(tok.text):
            continue
        if len(tok.text.replace(".", "")) < 2 or _block_kind(ctx.blocks, tok.idx) in (
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
    return extra


_CREDIT_WORDS = words("credit_words")


def credit_orgs(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Agencies named in credit lines ("(photo credit: REUTERS)") are organisations."""
    credit = [b for b in ctx.blocks if b.kind == "credit"]
    if not credit:
        return []
    covered = {k for m in found for k in range(m.i, m.j)}
    extra = []
    for b in credit:
        span = doc.char_span(b.start, b.end, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if t.is_alpha and t.i not in covered and t.lower_ not in _CREDIT_WORDS]
        if not words:
            continue
        i, j = words[0].i, words[-1].i + 1
        if any(k in covered for k in range(i, j)):
            continue
        text = doc[i:j].text
        canon = known_organisations().get(countries.fold(text))
        extra.append(_make(doc, i, j, "organization", canon=canon, source="credit"))
    return extra


# ------------------------------------------------------------------------------------------ layout and people
def layout_names(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Dateline places and outlets, and the outlet of a "Source:" line."""
    out = []
    for start, end, kind, name in ctx.layout.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        c = countries.by_name(name) if kind == "country" else None
        canon = c.name if c else known_organisations().get(countries.fold(name), name)
        out.append(
            _make(doc, span.start, span.end, kind, canon=canon, code=c.code if c else None, source="layout")
        )
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


def outlets(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Every occurrence of the outlet's name in the text, where nothing else claims it."""
    layout = ctx.layout
    if not layout.orgs:
        return []
    covered = {k for m in found for k in range(m.i, m.j)}
    extra = []
    folded = doc.text.casefold()
    for key, name in layout.orgs.items():
        needle = name.casefold()
        at = folded.find(needle)
        while at >= 0 and needle:
            span = doc.char_span(at, at + len(needle))
            if span is not None and not any(k in covered for k in range(span.start, span.end)):
                canon = known_organisations().get(key, name)
                extra.append(_make(doc, span.start, span.end, "organization", canon=canon, source="layout"))
                covered.update(range(span.start, span.end))
            at = folded.find(needle, at + len(needle))
    return extra


def country_pairs(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "Bosnia and Herzegovina", "Trinidad and Tobago": two mentions joined by "and" that name one country; and
    a mention ending in "and" ("Bosnia and") followed by the rest of a country's name."""
    by_start = {m.i: m for m in found}
    out = []
    for m in found:
        if m.j < len(doc) and doc[m.j].lower_ in ("and", "&") and (nxt := by_start.get(m.j + 1)) is not None:
            end = nxt.j
        elif doc[m.j - 1].lower_ == "and":
            nxt = by_start.get(m.j)
            end = nxt.j if nxt is not None else m.j + 1
        else:
            continue
        if end <= len(doc) and (c := countries.by_name(doc[m.i : end].text)):
            out.append(_make(doc, m.i, end, "country", canon=c.name, code=c.code, source="gazetteer"))
    return out


def people_by_context(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Name runs the model missed or called an organisation or place, where the sentence says it is a person."""
    cover: dict[int, int] = {}
    for idx, m in enumerate(found):
        for k in range(m.i, m.j):
            cover[k] = idx
    speakers = speaking_surnames(doc)
    layout, blocks = ctx.layout, ctx.blocks
    extra: list[Mention] = []
    for i, j in name_runs(doc):
        i = title_tail(doc, i, j)
        while j - i > 2 and _describes(doc[i]):
            i += 1  # "Republican Donald Trump": the party word is a role, not part of the name
        if not 2 <= len(doc[i:j].text.split()) <= 3 or countries.fold(doc[i:j].text) in layout.orgs:
            continue
        inside = [found[x] for x in {cover[k] for k in range(i, j) if k in cover}]
        if any(m.i < i or m.j > j or m.canon or m.kind == "country" for m in inside):
            continue
        if any(m.kind == "person" and (m.i, m.j) == (i, j) for m in inside):
            continue
        labelled = any(m.kind == "organization" for m in inside)
        if looks_like_person(doc, i, j, _block_kind(blocks, doc[i].idx), speakers, labelled):
            extra.append(_make(doc, i, j, "person", source="name"))
    return extra


_LOCATIVE = words("locative_prepositions")


def places_not_people(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """A lone name the model called a person but which follows "in", "near", "outside" (and is nobody's
    surname) is a place, and so is every other lone mention of it in the article."""
    layout = ctx.layout
    people = {countries.fold(w) for m in found if m.kind == "person" for w in m.text(doc).split()[1:]}
    places = set(layout.places) | {
        countries.fold(m.text(doc)) for m in found if m.kind == "place" and " " not in m.text(doc)
    }
    for m in found:
        if m.kind == "person" and len(m.text(doc).split()) == 1 and m.i > 0:
            prev = doc[m.i - 1]
            key = countries.fold(m.text(doc))
            if prev.lower_ in _LOCATIVE and key not in people:
                places.add(key)
    orgs: set[str] = set()
    by_token = {k: m for m in found for k in range(m.i, m.j)}
    for m in found:
        if m.kind == "person" and " " not in m.text(doc):
            key = countries.fold(m.text(doc))
            if countries.capital(key):
                places.add(key)
            partner = _conj_partner(doc[m.j - 1], by_token)
            if partner is not None and partner.kind in ("place", "country"):
                places.add(key)
            elif partner is not None and partner.kind == "organization":
                orgs.add(key)
    out = []
    for m in found:
        key = countries.fold(m.text(doc))
        if m.kind == "person" and key not in people and key in places | orgs:
            kind = "place" if key in places else "organization"
            out.append(
                Mention(m.i, m.j, m.start, m.end, kind, canon=layout.places.get(key), source="context")
            )
    return out


def _conj_partner(tok: Token, by_token: dict[int, Mention]) -> Mention | None:
    """The mention coordinated with a token ("Belgrade and Pristina", "Pfizer and BioNTech")."""
    partners = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        partners.append(tok.head)
    for p in partners:
        if p.i in by_token:
            return by_token[p.i]
    return None


def place_heads(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "the Lipa camp", "the Čair sports hall": a proper noun compounded with a lower-case place noun is a place
    (whatever the model called the proper noun), named with the noun."""
    surnames = _surname_keys(doc, found)
    extra = []
    for tok in doc:
        if tok.pos_ != "NOUN" or not tok.is_lower or tok.lemma_ not in PLACE_HEADS:
            continue
        k = tok.i
        while (
            k > 0 and doc[k - 1].dep_ == "compound" and doc[k - 1].head.i <= tok.i and doc[k - 1].head.i >= k
        ):
            k -= 1
        if k == tok.i or not (doc[k].pos_ == "PROPN" and doc[k].is_title) or (k > 0 and doc[k - 1].is_title):
            continue
        if countries.fold(doc[k].text) in surnames:
            continue  # "the Biden camp" is a faction of a person named in the article
        extra.append(_make(doc, k, tok.i + 1, "place", source="place-noun"))
    return extra


def hyphen_countries(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "a U.S.-brokered deal", "Russian-made jets": a country named inside a hyphenated word."""
    covered = {k for m in found for k in range(m.i, m.j)}
    extra = []
    for tok in doc:
        if tok.i in covered or "-" not in tok.text[1:]:
            continue
        head, _, rest = tok.text.partition("-")
        if not rest.isalpha() or not rest.islower():
            continue
        c = countries.by_name(head) if (len(head) > 3 or head.isupper()) else None
        c = c or (countries.by_demonym(head) if head.istitle() else None)
        if c is not None:
            extra.append(
                Mention(
                    tok.i,
                    tok.i + 1,
                    tok.idx,
                    tok.idx + len(head),
                    "country",
                    canon=c.name,
                    code=c.code,
                    source="hyphen",
                )
            )
    return extra


def org_runs(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "Human Rights Watch", "Supreme Court": capitalised words the model left untagged, ending in a word that
    heads organisations' names, are an organisation (not in titles, where every word is capitalised)."""
    covered = {k for m in found for k in range(m.i, m.j)}
    extra = []
    for tok in doc:
        if tok.lower_ not in ORG_WORDS or not tok.is_title or tok.i in covered:
            continue
        k = tok.i
        while k > 0 and _org_word(doc[k - 1]) and k - 1 not in covered and tok.i - k < 5:
            k -= 1
        if k == tok.i or _block_kind(ctx.blocks, tok.idx) in ("title", "caption", "credit"):
            continue
        extra.append(_make(doc, k, tok.i + 1, "organization", source="org-run"))
        covered.update(range(k, tok.i + 1))
    return extra


_NOT_ORG_WORD = FUNCTION_WORDS | DETERMINERS


def _org_word(tok: Token) -> bool:
    return tok.is_title and tok.pos_ in ("PROPN", "NOUN") and tok.lower_ not in _NOT_ORG_WORD


def _in_marks(doc: Doc, m: Mention) -> bool:
    """Whether a mention is exactly a quoted title ("the “Diplomatic Bluebook”")."""
    return m.i > 0 and m.j < len(doc) and doc[m.i - 1].is_quote and doc[m.j].is_quote


_NETWORKS = words("social_networks")


def _english(word: str, english: frozenset[str]) -> bool:
    """A word of the dictionary, or the plural of one ("markets", "taxes")."""
    return word in english or (word.endswith("s") and (word[:-1] in english or word[:-2] in english))


def _shouted(doc: Doc, m: Mention) -> bool:
    """English words set in capitals, not a name: a section label on a line of its own ("ABSTRACT", "FULL
    TEXT"), a headline word ("DEBATE"), never an acronym that is no word ("MSNBC") or a name the tables know."""
    words = [t for t in doc[m.i : m.j] if t.is_alpha]
    if not words or not all(t.is_upper and len(t) >= 2 for t in words):
        return False
    if len(words) == 1 and words[0].is_stop:
        return True  # "THAN", "ABOUT": a function word of a line in capitals is never a name
    english = english_words(doc.vocab)
    if not all(_english(t.lower_, english) or t.is_stop for t in words):
        return False
    if all(len(t) >= 5 for t in words):
        return True  # "LEADER", "FOUNDER": words in capitals for emphasis, wherever they stand
    text = doc.user_data.get("text") or doc.text
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    return _is_caps(text[start : end if end >= 0 else len(text)])  # a label or a headline line in capitals


def names_in_capitals(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """A headline or a label set in capitals names the article's people as its body does: "MILLER DEFENDS
    TITLE" names the Nate Miller of the body, "PANAMA'S ROBERTO DURAN" Roberto Duran."""
    people = {
        tuple(countries.fold(m.text(doc)).split())
        for m in found
        if m.kind == "person" and not _is_caps(m.text(doc))
    }
    people.discard(())  # a "name" of marks alone folds to nothing
    surnames = {name[-1] for name in people}
    if not surnames:
        return []
    text = doc.user_data.get("text") or doc.text
    covered = {k for m in found for k in range(m.i, m.j)}
    extra: list[Mention] = []
    for tok in doc:
        key = countries.fold(tok.text)
        if tok.i in covered or not (tok.is_upper and tok.is_alpha and len(tok) >= 3) or key not in surnames:
            continue
        start = text.rfind("\n", 0, tok.idx) + 1
        end = text.find("\n", tok.idx)
        if not _is_caps(text[start : end if end >= 0 else len(text)]):
            continue  # a word in capitals inside running text is emphasis or an acronym
        i = tok.i
        if i > 0 and i - 1 not in covered and (countries.fold(doc[i - 1].text), key) in people:
            i -= 1  # "ROBERTO DURAN" as the body's "Roberto Duran"
        extra.append(_make(doc, i, tok.i + 1, "person", source="capitals"))
        covered.update(range(i, tok.i + 1))
    return extra


_NOT_IN_A_NAME = words("never_in_a_name")


def _headline_cut(doc: Doc, m: Mention, blocks: list[Block]) -> int | None:
    """Where a name read off a headline ends ("Trump Says He Never …", "Apple Unveils New Phone"): at its first
    verb or pronoun, in a title, dek or caption, where headline case makes every word look like a name.
    None when nothing is to be cut."""
    if m.j - m.i < 2 or _block_kind(blocks, m.start) not in ("title", "dek", "caption"):
        return None
    for t in doc[m.i + 1 : m.j]:
        if t.tag_.startswith("VB") or t.lower_ in _NOT_IN_A_NAME:
            return t.i
    return None


def _named(doc: Doc, found: list[Mention]) -> dict[str, str]:
    """Every name the article uses, and every surname of a person, folded, with its kind."""
    named: dict[str, str] = {}
    for m in found:
        named.setdefault(countries.fold(m.text(doc)), m.kind)
        if m.kind == "person":
            for form in surname_forms(m.text(doc)):
                named.setdefault(form, "person")
    return named


def _label_or_handle(doc: Doc, m: Mention, blocks: list[Block], named: dict[str, str]) -> Mention | None:
    """What stands of a mention once labels and handles are left out: None for a capitalised label or headline
    word, or a handle ("@jomarsh", "Twitter @jomarsh": an account, not its person); the name alone of a headline
    run ("Trump Says He Never …") or of a handle after a name; the possessor of a name read with a possessive
    inside it ("Clinton’s Server Unprotected", a headline) when the article names the possessor elsewhere."""
    if m.canon or m.source in ("layout", "credit", "nested"):
        return m
    if m.kind in ("organization", "person") and _shouted(doc, m):
        return None
    if (cut := _headline_cut(doc, m, blocks)) is not None:
        m = _make(doc, m.i, cut, m.kind, source=m.source)
    tokens = doc[m.i : m.j]
    if any(t.text.startswith("@") for t in tokens):
        kept = [t for t in tokens if not t.text.startswith("@") and t.lower_ not in _NETWORKS]
        if not kept or not kept[0].is_title or kept[-1].i - kept[0].i + 1 != len(kept):
            return None
        m = _make(doc, kept[0].i, kept[-1].i + 1, m.kind)
    inner = next((t.i for t in tokens[1:-1] if t.text in _POSSESSIVE), None)
    if (
        inner is not None
        and _block_kind(blocks, m.start) in ("title", "dek", "caption")
        and not any(t.lower_ in ORG_WORDS for t in doc[inner + 1 : m.j])  # "Israel's Foreign Ministry"
        and (kind := named.get(countries.fold(doc[m.i : inner].text))) is not None
    ):
        m = _make(doc, m.i, inner, kind, source=m.source)
    return m


def labels_and_handles(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Capitalised labels, headline words and bare handles: no entities, though the model named them."""
    named = _named(doc, found)
    return [m for m in found if _label_or_handle(doc, m, ctx.blocks, named) is None]


def names_cut_out(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """The name alone of a headline run, a handle after a name, or a possessive read into a name."""
    named = _named(doc, found)
    out = []
    for m in found:
        kept = _label_or_handle(doc, m, ctx.blocks, named)
        if kept is not None and (kept.i, kept.j, kept.kind) != (m.i, m.j, m.kind):
            out.append(kept)
    return out


def not_entities(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """What only looks like a name: laws, reports and indexes ("the Rural Broadband Expansion Act"), a quoted
    title, a code of letters and digits ("COP26", "COVID-19", "F-16") that is no known organisation, and a
    title read as a name ("Nepal’s Health" of "Nepal’s Health Minister")."""
    out = []
    for m in found:
        words = m.text(doc).split()
        last = doc[m.j - 1]
        if m.kind not in ("organization", "place", "person") or m.canon:
            continue
        text = m.text(doc)
        if (
            (m.kind != "person" and len(words) >= 2 and last.lower_ in DOCUMENT_WORDS and last.is_title)
            or (m.kind == "organization" and _in_marks(doc, m) and len(words) >= 2)
            or (" " not in text and any(c.isdigit() for c in text) and sum(c.isalpha() for c in text) >= 3)
            or (
                m.kind == "person"
                and (
                    any(t.text in _POSSESSIVE for t in doc[m.i : m.j])
                    or (m.j < len(doc) and doc[m.j].is_title and doc[m.j].lower_ in TITLE_WORDS)
                )
            )
        ):
            out.append(m)
    return out


def person_openings(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """A person's mention however it was found starts at its first name: "Senators Rubio" is Rubio."""
    out = []
    for m in found:
        opened = _person_opening(doc, m)
        if opened is not m:
            out.append(opened)
    return out


def described_orgs(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "payments company Helvion Pay", "Polish champions Legia Warsaw": a name right after a noun that says what
    kind of business or club it is names an organisation, everywhere in the article. And a company's first word
    alone ("Vantor" for "Vantor Logistics") names the company."""
    layout = ctx.layout
    orgs: dict[str, str] = {}
    for m in found:
        if (
            m.kind == "person"
            and m.i > 0
            and doc[m.i - 1].lower_ in ORG_DESCRIPTORS
            and doc[m.i - 1].is_lower
        ):
            orgs[countries.fold(m.text(doc))] = m.text(doc)
    firsts: set[str] = set()
    for m in found:
        words = m.text(doc).split()
        key = countries.fold(m.text(doc))
        if len(words) >= 2 and (m.kind == "organization" or key in orgs) and not m.canon:
            head = words[0]
            if (
                doc[m.j - 1].lower_ in COMPANY_SUFFIXES
                and len(head) >= 3
                and countries.fold(head) not in layout.places
                and not countries.capital(countries.fold(head))
                and head.lower() not in _NOT_ORG_WORD
                and not countries.by_name(head)
                and not countries.by_demonym(head)
            ):
                firsts.add(countries.fold(head))
    if not orgs and not firsts:
        return []
    people = {countries.fold(w) for m in found if m.kind == "person" for w in m.text(doc).split()}
    out = []
    for m in found:
        key = countries.fold(m.text(doc))
        if (
            m.kind != "organization"
            and m.kind != "country"
            and (key in orgs or (key in firsts and key not in people))
        ):
            out.append(Mention(m.i, m.j, m.start, m.end, "organization", source="described"))
    return out
