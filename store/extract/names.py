"""Names the model misses or mislabels, found from the way news is laid out and written.

- Structure: a dateline ("BELGRADE (Danube Wire) -", "NIŠ, Serbia (Reuters) —") names a place and the outlet;
  the outlet in a "Source:" line or the article's metadata is an organisation wherever it appears.
- People: a run of two or three capitalised proper nouns is a person's name when the sentence says so: a title or
  honorific right before it, a title in apposition, a speech verb it is the subject of, a byline.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .. import countries
from ..models import Block
from .cues import is_cue
from .datelines import PARTS_KEY as DATELINE_PARTS
from .datelines import SPANS_KEY as DATELINES
from .lexicon import DETERMINERS, GENERIC_NOUNS, HONORIFICS, TITLE_WORDS, words

ORG_WORDS = words("organisation_name_ends")
FUNCTION_WORDS = words("function_words")
_NOT_NAME = ORG_WORDS | GENERIC_NOUNS | TITLE_WORDS | HONORIFICS | DETERMINERS | FUNCTION_WORDS
_MONTHS_DAYS = words("months_and_days")
_PERSON_BLOCKS = ("byline", "contributor")
_BYLINE_VERBS = words("byline_verbs")


@dataclass(frozen=True, slots=True)
class Structural:
    """Names the layout gives away: dateline places and outlets (folded name → display name)."""

    places: dict[str, str]
    orgs: dict[str, str]
    spans: list[tuple[int, int, str, str]]  # (start, end, kind, display name)


def _title_case(text: str) -> str:
    """ "WILKES-BARRE" → "Wilkes-Barre": capitals kept at the start of each word and each part of one."""
    return " ".join(
        "-".join(p[:1] + p[1:].lower() for p in w.split("-")) if w.isupper() else w for w in text.split()
    )


def structural(doc: Doc, blocks: list[Block], source: str | None) -> Structural:
    """Datelines opening the first paragraphs (the ``newsdesk_datelines`` component's), the "Source:" line and
    the known outlet."""
    text = doc.user_data.get("text") or doc.text
    places: dict[str, str] = {}
    orgs: dict[str, str] = {}
    spans: list[tuple[int, int, str, str]] = []
    if source and len(source) <= 60:
        orgs[countries.fold(source)] = source.strip()
    for b in blocks:
        if b.kind == "source":
            line = text[b.start : b.end]
            head, _, name = line.partition(":")
            name = name.strip()
            if name and len(name) <= 60:
                at = b.start + line.index(name, len(head) + 1)
                spans.append((at, at + len(name), "organization", name))
                orgs.setdefault(countries.fold(name), name)
    datelines = {span.start_char: span for span in doc.spans.get(DATELINES, ())}
    parts = doc.spans.get(DATELINE_PARTS, ())
    for b in [b for b in blocks if b.kind == "paragraph"][:2]:
        if (dateline := datelines.get(b.start)) is None:
            continue
        found = {p.label_: p for p in parts if dateline.start <= p.start and p.end <= dateline.end}
        if (city := found.get("city")) is not None and city.text.isupper() and len(city.text) >= 3:
            name = _title_case(city.text)
            kind = "country" if countries.by_name(city.text) else "place"
            spans.append((city.start_char, city.end_char, kind, name))
            if kind == "place":
                places.setdefault(countries.fold(city.text), name)
        if (outlet := found.get("outlet")) is None:
            break
        spans.append(
            (
                outlet.start_char,
                outlet.end_char,
                "organization",
                orgs.get(countries.fold(outlet.text), outlet.text),
            )
        )
        orgs.setdefault(countries.fold(outlet.text), outlet.text)
        break
    return Structural(places, orgs, spans)


# ------------------------------------------------------------------------------------------------ people
def _namey(tok: Token) -> bool:
    """A word that can be part of a person's name: a capitalised proper noun, not a title or an org word."""
    text = tok.text
    return (
        tok.is_alpha
        and text[:1].isupper()
        and not (text.isupper() and len(text) > 1)
        and tok.pos_ == "PROPN"
        and tok.lower_ not in _NOT_NAME
        and tok.lower_ not in _MONTHS_DAYS
    )


def name_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of name words ("Nikola Marković", "Miriam Levi-Tal"), joining hyphenated parts; O(n)."""
    runs = []
    i, n = 0, len(doc)
    while i < n:
        if not _namey(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n:
            if _namey(doc[j]) and doc[j - 1].whitespace_ and "\n" not in doc[j - 1].whitespace_:
                j += 1
            elif (
                doc[j].text in ("-", "‐")
                and j + 1 < n
                and not doc[j - 1].whitespace_
                and not doc[j].whitespace_
                and _namey(doc[j + 1])
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _head(doc: Doc, i: int, j: int) -> Token:
    """The token of a run whose head lies outside it."""
    for k in range(j - 1, i - 1, -1):
        if not (i <= doc[k].head.i < j) or doc[k].head.i == k:
            return doc[k]
    return doc[j - 1]


def speaking_surnames(doc: Doc) -> set[str]:
    """Folded single proper nouns that speak ("Petrović said") or follow an honorific ("Mr Ilić")."""
    out = set()
    for tok in doc:
        if tok.pos_ != "PROPN" or not tok.is_title:
            continue
        prev = doc[tok.i - 1] if tok.i > 0 else None
        honoured = (
            prev is not None and prev.lower_ in HONORIFICS and prev.lower_ not in ("fm", "pm", "st", "st.")
        )
        alone = not any(c.dep_ == "compound" for c in tok.children)
        if honoured or (tok.dep_ == "nsubj" and alone and is_cue(tok.head)):
            out.add(countries.fold(tok.text))
    return out


def _has_appositive_title(head: Token) -> bool:
    """ "Nikola Marković, the journalist," / "Her lawyer, Nikola Stojanović," / "X, who ..." """
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i and c.lemma_.lower() in TITLE_WORDS:
            return True
        if c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children):
            return True
    return head.dep_ == "appos" and head.head.lemma_.lower() in TITLE_WORDS


def looks_like_person(doc: Doc, i: int, j: int, block: str, speakers: set[str], labelled: bool) -> bool:
    """Whether the sentence around a name run says it names a person. A run the model ``labelled`` as an
    organisation needs more than speaking ("Goldman Sachs said"): a title, an apposition or a byline."""
    if block in _PERSON_BLOCKS:
        return True
    prev = doc[i - 1] if i > 0 else None
    if _labels_a_quote(doc, i, j):
        return True
    if prev is not None and (prev.lower_ in TITLE_WORDS or prev.lower_ in HONORIFICS):
        return True
    head = _head(doc, i, j)
    if not labelled and head.dep_ in ("nsubj", "nsubjpass") and is_cue(head.head):
        return True
    if not labelled and prev is not None and is_cue(prev) and head.head == prev:  # "said Elira Berisha"
        return True
    if _has_appositive_title(head) or (head.dep_ == "nsubj" and head.head.lemma_ in _BYLINE_VERBS):
        return True
    return countries.fold(doc[j - 1].text) in speakers


def _labels_a_quote(doc: Doc, i: int, j: int) -> bool:
    """ "Lena Marsh: “…”" opening a line or after a dash ("… - Lena Marsh: “…”"): a name that labels the quote
    after it speaks it."""
    if j + 1 >= len(doc) or doc[j].text != ":" or not doc[j + 1].is_quote:
        return False
    prev = doc[i - 1] if i > 0 else None
    return prev is None or prev.text in ("-", "–", "—") or "\n" in prev.text


def title_tail(doc: Doc, i: int, j: int) -> int:
    """Where a name run really starts: "Minister of Trade Elira Berisha" ends a title in "Trade"."""
    if j - i >= 3 and i >= 2 and doc[i - 1].lower_ in ("of", "for") and doc[i - 2].lower_ in TITLE_WORDS:
        return i + 1
    return i
