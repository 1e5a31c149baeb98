"""Mention proposers that read the text itself: the layout (datelines, credits, the source line and its outlet),
the tables (countries, demonyms, known organisations, party words), and the forms of names (acronyms, hyphenated
countries, runs of capitalised words ending in an organisation's word, "the Lipa camp")."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from .. import countries
from .entities import POSSESSIVE, Context, Mention, block_kind, describes, make, surname_keys, taken
from .gazetteer import LONGEST as GAZETTEER_LONGEST
from .gazetteer import SPANS_KEY as GAZETTEER_SPANS
from .gazetteer import known_organisations
from .lexicon import ACRONYM, DETERMINERS, HONORIFICS, PARTY_FORMS, PLACE_HEADS, ROMAN, TITLE_WORDS, words
from .names import FUNCTION_WORDS, ORG_WORDS, name_runs

_INSTITUTIONS = words("institutions")


def country_institutions(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "Israel's Foreign Ministry", "the Serbian Embassy": a country's institution is named with the country,
    which stays a mention of its own inside the name."""
    by_end = {m.j: m for m in found if m.kind == "country"}
    out = []
    for m in found:
        if m.kind == "organization" and doc[m.j - 1].lower_ in _INSTITUTIONS and m.canon is None:
            k = m.i
            if k > 0 and doc[k - 1].text in POSSESSIVE:
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
    busy = [False] * n
    for m in found:
        busy[m.i : m.j] = [True] * (m.j - m.i)
    ends: dict[int, set[int]] = {}
    for span in doc.spans.get(GAZETTEER_SPANS, ()):
        ends.setdefault(span.start, set()).add(span.end)
    extra: list[Mention] = []
    i = 0
    while i < n:
        tok = doc[i]
        if busy[i] or i not in ends or not tok.text[:1].isupper() or tok.is_space:
            i += 1
            continue
        hit = None
        for j in sorted(ends[i], reverse=True):
            if j - i > GAZETTEER_LONGEST or any(busy[k] or doc[k].is_space for k in range(i, j)):
                continue
            if doc[j - 1].text[:1].isalnum() and (hit := _gazetteer_entry(doc, i, j)):
                break
        if hit:
            extra.append(hit)
            busy[hit.i : hit.j] = [True] * (hit.j - hit.i)
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
        return make(doc, i, j, "organization", canon=orgs[key], source="gazetteer")
    if (c := countries.by_name(text)) and (
        ((len(text) > 3 or text.isupper()) and doc[i].is_title) or (text.isupper() and len(text) <= 4)
    ):
        return make(doc, i, j, "country", canon=c.name, code=c.code, source="gazetteer")
    if j - i <= 2 and (c := countries.by_demonym(text)) and doc[i].is_title:
        return make(doc, i, j, "country", canon=c.name, code=c.code, source="demonym")
    if (
        j - i == 1
        and text in PARTY_FORMS
        and not (i > 0 and doc[i - 1].is_title and doc[i - 1].sent_start != 1)
        and not (j < len(doc) and doc[j].is_title)
    ):
        return make(doc, i, j, "organization", canon=PARTY_FORMS[text], source="party")
    return None


def acronyms(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """All-capital tokens such as "IHRA" in running text name organisations when nothing else claims them."""
    covered = taken(found)
    extra = []
    for tok in doc:
        if tok.i in covered or not ACRONYM.match(tok.text) or ROMAN.match(tok.text):
            continue
        if len(tok.text.replace(".", "")) < 2 or block_kind(ctx.blocks, tok.idx) in (
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
    covered = taken(found)
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
        extra.append(make(doc, i, j, "organization", canon=canon, source="credit"))
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
            make(doc, span.start, span.end, kind, canon=canon, code=c.code if c else None, source="layout")
        )
    return out


def outlets(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """Every occurrence of the outlet's name in the text, where nothing else claims it."""
    layout = ctx.layout
    if not layout.orgs:
        return []
    covered = taken(found)
    extra = []
    folded = doc.text.casefold()
    for key, name in layout.orgs.items():
        needle = name.casefold()
        at = folded.find(needle)
        while at >= 0 and needle:
            span = doc.char_span(at, at + len(needle))
            if span is not None and not any(k in covered for k in range(span.start, span.end)):
                canon = known_organisations().get(key, name)
                extra.append(make(doc, span.start, span.end, "organization", canon=canon, source="layout"))
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
            out.append(make(doc, m.i, end, "country", canon=c.name, code=c.code, source="gazetteer"))
    return out


def place_heads(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "the Lipa camp", "the Čair sports hall": a proper noun compounded with a lower-case place noun is a place
    (whatever the model called the proper noun), named with the noun."""
    surnames = surname_keys(doc, found)
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
        extra.append(make(doc, k, tok.i + 1, "place", source="place-noun"))
    return extra


def hyphen_countries(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "a U.S.-brokered deal", "Russian-made jets": a country named inside a hyphenated word."""
    covered = taken(found)
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
    covered = taken(found)
    extra = []
    for tok in doc:
        if tok.lower_ not in ORG_WORDS or not tok.is_title or tok.i in covered:
            continue
        k = tok.i
        while k > 0 and _org_word(doc[k - 1]) and k - 1 not in covered and tok.i - k < 5:
            k -= 1
        if k == tok.i or block_kind(ctx.blocks, tok.idx) in ("title", "caption", "credit"):
            continue
        extra.append(make(doc, k, tok.i + 1, "organization", source="org-run"))
        covered.update(range(k, tok.i + 1))
    return extra


NOT_ORG_WORD = FUNCTION_WORDS | DETERMINERS


def _org_word(tok: Token) -> bool:
    return tok.is_title and tok.pos_ in ("PROPN", "NOUN") and tok.lower_ not in NOT_ORG_WORD


# "(D-Md.)", "(R-S.C.)", "(I-Vt.)": the party and state US reporting puts after a member of Congress's name
_PARTY_TAG = re.compile(r"[ \t]*\((?:D|R|I)[-–][A-Z][A-Za-z.]{0,5}(?: ?[A-Z][A-Za-z.]{0,5})?\)")


def _party_tags(doc: Doc) -> list[tuple[int, int, int]]:
    """Each name run followed by a party tag: (run start, run end, tag's end offset)."""
    text = doc.user_data.get("text") or doc.text
    out = []
    for i, j in name_runs(doc):
        if (tag := _PARTY_TAG.match(text, doc[j - 1].idx + len(doc[j - 1]))) is not None:
            out.append((i, j, tag.end()))
    return out


def party_tagged_people(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "Rep. Ada Voss (D-Ore.)", "ranking Democrat Ada Voss (D-Ore.)": a name with a party and a state in
    brackets after it is a person, whatever the model called it (titles and party words before it are roles)."""
    out = []
    for i, j, _ in _party_tags(doc):
        while j - i > 1 and (
            doc[i].lower_.rstrip(".") in TITLE_WORDS or doc[i].lower_ in HONORIFICS or describes(doc[i])
        ):
            i += 1
        if 2 <= j - i <= 4:
            out.append(make(doc, i, j, "person", source="party-tag"))
    return out


def party_tag_parts(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """The state of a party tag ("S.C." of "(R-S.C.)") names no organisation or place of its own."""
    tags = [(doc[j - 1].idx + len(doc[j - 1]), end) for _, j, end in _party_tags(doc)]
    return [m for m in found if any(start <= m.start and m.end <= end for start, end in tags)]
