"""Mention proposers that read the article's own evidence: a person named in full makes their surname a person
everywhere; lists of people, lines of sports results, headlines in capitals and the sentence a name stands in say
what a name is; and a name keeps one kind across the article."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .. import countries
from .entities import (
    COMPANY_SUFFIXES,
    PARTICLES,
    POSSESSIVE,
    Context,
    Mention,
    block_kind,
    company_first_words,
    describes,
    is_caps,
    is_company_suffix,
    make,
    surname_keys,
    taken,
)
from .lexicon import HONORIFICS, KNOWN_PLACES, ORG_DESCRIPTORS, TITLE_WORDS, words
from .names import ORG_WORDS, looks_like_person, name_runs, speaking_surnames, title_tail
from .names_from_text import NOT_ORG_WORD


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
        m.j < len(doc) and doc[m.j].text in POSSESSIVE
    )


def surname_kinds(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """A surname of someone named in full is that person wherever it appears, whatever the model said."""
    surnames = surname_keys(doc, found)
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
    surnames = surname_keys(doc, found)
    covered = taken(found)
    out = []
    for m in found:
        if m.kind != "person":
            continue
        k = m.i
        while k > 0 and doc[k - 1].lower_ in PARTICLES and k - 1 not in covered and m.i - k < 3:
            k -= 1
        if k < m.i and countries.fold(doc[k : m.j].text) in surnames:
            out.append(make(doc, k, m.j, "person", source="surname"))
    return out


def surname_recurrences(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Every other capitalised occurrence of a surname of someone named in full: that person."""
    surnames = surname_keys(doc, found)
    if not surnames:
        return []
    out = []
    for tok in doc:
        if not tok.is_title or (tok.i > 0 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_):
            continue
        j = _word_end(doc, tok.i)
        if countries.fold(doc[tok.i : j].text) in surnames:
            out.append(make(doc, tok.i, j, "person", source="surname"))
    return out


def name_recurrences(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """A one-word name the article gives a person at least twice ("Trump said …", "Trump added …") is that
    person wherever it stands as a proper noun and the model missed it ("Trump gestured …")."""
    counts: dict[str, int] = {}
    for m in found:
        if m.kind == "person" and m.j - m.i == 1 and doc[m.i].is_title:
            counts[doc[m.i].text] = counts.get(doc[m.i].text, 0) + 1
    names = {name for name, n in counts.items() if n >= 2}
    return [
        make(doc, tok.i, tok.i + 1, "person", source="recurrence")
        for tok in doc
        if tok.text in names and tok.pos_ == "PROPN"
    ]


_MODEL_KINDS = (
    "person",
    "organization",
    "place",
)  # the kinds the model decides (countries come from a table)


_INITIAL = re.compile(r"[A-Z]\.")


def _initialled(words: Span) -> bool:
    """ "H. Morris", "A. de Silva": an initial and a surname, the way people (never bodies) are listed."""
    return (
        len(words) >= 2
        and _INITIAL.fullmatch(words[0].text) is not None
        and words[-1].is_title
        and words[-1].pos_ == "PROPN"
        and all(t.is_alpha or _INITIAL.fullmatch(t.text) or t.lower_ in PARTICLES for t in words[1:])
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
    covered = taken(found)
    out = []
    for tok in doc[:-1]:
        if tok.i in covered or _INITIAL.fullmatch(tok.text) is None:
            continue
        j = tok.i + 1
        while (
            j < len(doc)
            and j not in covered
            and (doc[j].is_title or doc[j].lower_ in PARTICLES)
            and j - tok.i < 4
        ):
            j += 1
        if j > tok.i + 1 and _initialled(doc[tok.i : j]):
            out.append(make(doc, tok.i, j, "person", source="form"))
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
            extra.append(make(doc, i, j, "person", source="list"))
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
            out.append(make(doc, span.start, span.end, "organization", source="results"))
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
        while j - i > 2 and describes(doc[i]):
            i += 1  # "Republican Donald Trump": the party word is a role, not part of the name
        if not 2 <= len(doc[i:j].text.split()) <= 3 or countries.fold(doc[i:j].text) in layout.orgs:
            continue
        inside = [found[x] for x in {cover[k] for k in range(i, j) if k in cover}]
        if any(m.i < i or m.j > j or m.canon or m.kind == "country" for m in inside):
            continue
        if any(m.kind == "person" and (m.i, m.j) == (i, j) for m in inside):
            continue
        labelled = any(m.kind == "organization" for m in inside)
        if looks_like_person(doc, i, j, block_kind(blocks, doc[i].idx), speakers, labelled):
            extra.append(make(doc, i, j, "person", source="name"))
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


def names_in_capitals(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """A headline or a label set in capitals names the article's people as its body does: "MILLER DEFENDS
    TITLE" names the Nate Miller of the body, "PANAMA'S ROBERTO DURAN" Roberto Duran."""
    people = {
        tuple(countries.fold(m.text(doc)).split())
        for m in found
        if m.kind == "person" and not is_caps(m.text(doc))
    }
    people.discard(())  # a "name" of marks alone folds to nothing
    surnames = {name[-1] for name in people}
    if not surnames:
        return []
    text = doc.user_data.get("text") or doc.text
    covered = taken(found)
    extra: list[Mention] = []
    for tok in doc:
        key = countries.fold(tok.text)
        if tok.i in covered or not (tok.is_upper and tok.is_alpha and len(tok) >= 3) or key not in surnames:
            continue
        start = text.rfind("\n", 0, tok.idx) + 1
        end = text.find("\n", tok.idx)
        if not is_caps(text[start : end if end >= 0 else len(text)]):
            continue  # a word in capitals inside running text is emphasis or an acronym
        i = tok.i
        if i > 0 and i - 1 not in covered and (countries.fold(doc[i - 1].text), key) in people:
            i -= 1  # "ROBERTO DURAN" as the body's "Roberto Duran"
        extra.append(make(doc, i, tok.i + 1, "person", source="capitals"))
        covered.update(range(i, tok.i + 1))
    return extra


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
                and head.lower() not in NOT_ORG_WORD
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
