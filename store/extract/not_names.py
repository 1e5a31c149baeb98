"""Proposers of what is no name after all, and of names cut to what they name: laws and reports, quoted titles,
labels and headline words in capitals, account handles, headline runs ("Trump Says He Never"), possessives read
into a name, and titles before a person's first name."""

from __future__ import annotations

from spacy.tokens import Doc

from .. import countries
from ..models import Block
from .dictionary import english_words
from .entities import POSSESSIVE, Context, Mention, block_kind, is_caps, make, person_opening, surname_forms
from .lexicon import DOCUMENT_WORDS, TITLE_WORDS, words
from .names import ORG_WORDS


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
    return is_caps(text[start : end if end >= 0 else len(text)])  # a label or a headline line in capitals


_NOT_IN_A_NAME = words("never_in_a_name")


def _headline_cut(doc: Doc, m: Mention, blocks: list[Block]) -> int | None:
    """Where a name read off a headline ends ("Trump Says He Never …", "Apple Unveils New Phone"): at its first
    verb or pronoun, in a title, dek or caption, where headline case makes every word look like a name.
    None when nothing is to be cut."""
    if m.j - m.i < 2 or block_kind(blocks, m.start) not in ("title", "dek", "caption"):
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
        m = make(doc, m.i, cut, m.kind, source=m.source)
    tokens = doc[m.i : m.j]
    if any(t.text.startswith("@") for t in tokens):
        kept = [t for t in tokens if not t.text.startswith("@") and t.lower_ not in _NETWORKS]
        if not kept or not kept[0].is_title or kept[-1].i - kept[0].i + 1 != len(kept):
            return None
        m = make(doc, kept[0].i, kept[-1].i + 1, m.kind)
    inner = next((t.i for t in tokens[1:-1] if t.text in POSSESSIVE), None)
    if (
        inner is not None
        and block_kind(blocks, m.start) in ("title", "dek", "caption")
        and not any(t.lower_ in ORG_WORDS for t in doc[inner + 1 : m.j])  # "Israel's Foreign Ministry"
        and (kind := named.get(countries.fold(doc[m.i : inner].text))) is not None
    ):
        m = make(doc, m.i, inner, kind, source=m.source)
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
                    any(t.text in POSSESSIVE for t in doc[m.i : m.j])
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
        opened = person_opening(doc, m)
        if opened is not m:
            out.append(opened)
    return out


def plural_openers(doc: Doc, ctx: Context, found: list[Mention]) -> list[Mention]:
    """ "Commuters had spent the winter …", "Shopkeepers said …": a plural of a dictionary word opening its
    sentence is capitalised by its place, not because it names something, unless the article capitalises it
    inside a sentence too (a team: "… beat Rangers")."""
    english = english_words(doc.vocab)
    out = []
    for m in found:
        tok = doc[m.i]
        if (
            m.j - m.i == 1
            and not m.canon
            and m.source == "ner"  # the model's guess, not a layout's (a line of results names clubs)
            and tok.is_sent_start
            and tok.is_title
            and tok.tag_ in ("NNS", "NNPS")
            and tok.lower_.endswith("s")
            and _english(tok.lower_, english)
            and tok.lower_ not in english  # the plural, not a word of its own ("News")
            and not any(t.text == tok.text and not t.is_sent_start for t in doc)
        ):
            out.append(m)
    return out
