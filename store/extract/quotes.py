"""Quotes and their speakers, found through the dependency parse.

Handles the patterns reporters use: `"Q," said X` / `"Q," X said` / `X said: "Q"` / `X ..., saying "Q"` /
`adding that she "Q"` / a partial quote inside reported speech or a prepositional phrase / `according to X` /
a quote that follows an attributed one / pronoun and description speakers resolved to the right person.

Who speaks is settled like the entity mentions: each reading in ``READINGS`` (a speech verb, "according to", a
colon label, the quote before …) puts forward a cue and a source, and one arbiter (``Attributor.attribute``)
takes them in order; the quote keeps the name of the reading that named its speaker (``extra["speaker_by"]``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .. import countries
from .cues import is_cue
from .entities import Mention
from .lexicon import (
    DESCRIPTION_SYNONYMS,
    DETERMINERS,
    LIGHT_CUES,
    PRONOUNS,
    TITLE_WORDS,
    WEAK_CUES,
    table,
    words,
)
from .quote_marks import Marked, find_marked
from .resolve import ArticleEntity

_POSSESSIVE = re.compile(r"['’]s$")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_NOMINAL_DEPS = ("dobj", "pobj", "attr", "dative", "npadvmod", "appos", "acomp", "oprd", "nsubj", "nsubjpass")
_INVERTED_DEPS = ("attr", "dobj", "dep", "npadvmod", "appos", "oprd", "nsubj", "conj")
_CLIMB_DEPS = ("advcl", "conj", "xcomp", "ccomp", "pcomp", "acl", "prep", "relcl", "parataxis", "dep")
_TITLE_INTRO = words("title_introducers")
_ORG_NOUNS = words("organisation_nouns")


_COMPANY_NOUNS = words("company_nouns")
_PUBLIC_BODY_WORDS = words("public_body_words")
_CONTRASTIVE = words("contrastive_words")
_SENTENCE_BREAK = re.compile(
    r"[a-z]{3,}[.!?]\s+[A-Z]|[!?]\s+[A-Z]"
)  # "Like Dayton. Or Toledo": two sentences, never a title
_AGE = re.compile(r"\b(\d{1,3})-year-old\b")

# How far back (characters, some 3,000 words) a pronoun or a description looks for the person it means: longer
# than a whole news article, and what keeps a 10,000-quote article from walking back over every name per quote.
SALIENCE_WINDOW = 20_000

_TITLE_FUNCTION_WORDS = words("title_function_words")


@dataclass(slots=True)
class FoundQuote:
    """A quote as extraction finds it; ``speaker`` indexes the article's entity list."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None
    speaker: int | None = None
    attribution: tuple[int, int] | None = None
    continued: bool = False  # goes on a quote opened in an earlier paragraph
    extra: dict = field(default_factory=dict)


_ABBREVIATIONS = table("role_abbreviations")


def _expand(label: str) -> str:
    return " ".join(_ABBREVIATIONS.get(w, w) for w in label.split())


def _label_words(label: str) -> set[str]:
    return {_POSSESSIVE.sub("", w.strip(",.")).lower() for w in _expand(label).replace("-", " ").split()}


def _company_like(ent: ArticleEntity) -> bool:
    """An organisation that can be "the company": not a public body, an outlet or a press agency."""
    if any(m.source in ("layout", "credit") or m.canon for m in ent.mentions):
        return False
    return ent.name.split()[-1].lower() not in _PUBLIC_BODY_WORDS


def _fit(head: str, words: set[str], ent: ArticleEntity) -> int | None:
    """How well a description ("the government spokesman", "the lawmaker") fits an entity, or None."""
    if ent.kind == "organization":
        label = _label_words(ent.name)
        if head in label:
            return len(words & label)
        return 0 if head in _COMPANY_NOUNS and _company_like(ent) else None
    if not ent.role:
        return None
    label = _label_words(ent.role)
    if head in label:
        return len(words & label) + 1
    synonyms = DESCRIPTION_SYNONYMS.get(head)
    if synonyms is not None and (not synonyms or synonyms & label):
        return len(words & label)
    return None


def _is_subject(doc: Doc, m: Mention) -> bool:
    """A mention that is its clause's subject, or opens its sentence (where news puts the subject, even when the
    parser reads "Yoon, asked about …, said" otherwise)."""
    if doc[m.j - 1].dep_ in _SUBJECT_DEPS:
        return True
    sent = doc[m.i].sent
    k = sent.start
    while k < m.i and (doc[k].is_punct or doc[k].is_space):
        k += 1
    return k == m.i and doc[m.j - 1].dep_ not in ("poss", "pobj", "dobj", "compound")


def _country_word(word: str) -> countries.Country | None:
    """A country a word names in running text: its name or demonym, capitalised (never a code: "AND")."""
    if not word[:1].isupper():
        return None
    return countries.by_name(word) or countries.by_demonym(word)


class _Context:
    """Lookups over one article: which entity each token belongs to, and where people are mentioned."""

    def __init__(self, doc: Doc, entities: list[ArticleEntity]):
        self.doc = doc
        self.text: str = doc.user_data.get("text") or doc.text  # doc.text rebuilds the whole text per call
        self.entities = entities
        self.by_token: dict[int, int] = {}
        self.mentions: list[tuple[Mention, int]] = []
        for index, ent in enumerate(entities):
            for m in ent.mentions:
                self.mentions.append((m, index))
                for k in range(m.i, m.j):
                    self.by_token.setdefault(k, index)
        self.mentions.sort(key=lambda x: x[0].start)
        self.starts = [m.start for m, _ in self.mentions]
        # per mention: its sentence and whether it is a subject, for salience; computed once per article
        self.salience = [(doc[m.j - 1].sent.start, _is_subject(doc, m), index) for m, index in self.mentions]
        self.quoted: list[bool] = [False] * len(doc)
        self.mention_at = {k: m for m, _ in self.mentions for k in range(m.i, m.j)}
        self.speaking = {
            k: i for k, i in self.by_token.items() if entities[i].kind in ("person", "organization")
        }

    def entity_of(self, tok: Token) -> int | None:
        """The entity a subject token names: itself, its compound chain, or the name inside its phrase."""
        if tok.i in self.by_token:
            return self.by_token[tok.i]
        for child in tok.children:
            if child.dep_ in ("compound", "appos", "poss") and child.i in self.by_token:
                ent = self.by_token[child.i]
                if self.entities[ent].kind in ("person", "organization"):
                    return ent
        return None

    def kind(self, index: int) -> str:
        return self.entities[index].kind


def _title_or_short(text: str, doc_text: str, start: int) -> str | None:
    """ "title" for a quoted title (the report "Energy Futures", a film called "…"): never a quote; "short" for
    a quoted word or two, or a phrase mostly capitalised: a quote only when a speech verb governs it (called it
    "chaos"), else a scare quote; None for anything else."""
    words = text.split()
    # the word before the opening mark, whatever its width ("titled ``…''" as much as "titled “…”")
    before = doc_text[max(0, start - 25) : start].rstrip("\"'`“„«‘ ").lower().split()
    if len(words) <= 8 and before and before[-1].strip(",") in _TITLE_INTRO:
        return "title"
    if text.rstrip()[-1:] not in ".!?" and len(words) <= 12 and not _SENTENCE_BREAK.search(text):
        # "Small Markets, Big Borders," / "Cold Cities: Heating Poverty and the Price of Gas": every content
        # word capitalised is a title's headline case, which running speech never has
        content = [w.strip(",:;—-") for w in words if w.lower().strip(",:;") not in _TITLE_FUNCTION_WORDS]
        if len(words) >= 2 and content and all(w[:1].isupper() or not w[:1].isalpha() for w in content):
            return "title"
    if len(words) <= 2:
        return "short"
    capitalised = sum(1 for w in words if w[:1].isupper()) / len(words)
    if len(words) <= 10 and capitalised >= 0.6 and text.rstrip()[-1:] not in ",;:.!?":
        return "short"
    return None


def _quote_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _roots(span: Span) -> list[Token]:
    """The quote's tokens whose heads lie outside it (or who head themselves): where it hangs in the parse."""
    return [t for t in span if not (span.start <= t.head.i < span.end) or t.head == t]


def _closing_mark(span: Span) -> str:
    """The last character of the quote's words: "," or "!" runs on into its attribution, "." closes a sentence."""
    text = span.doc.user_data.get("text") or span.doc.text
    return text[: span.end_char].rstrip()[-1:]


def _kind(doc: Doc, span: Span, start: int) -> str:
    """Direct: the quote is a clause of its own (its root has its own subject) or a capitalised sentence set off by
    punctuation or a cue; partial: quoted words inside someone else's sentence."""
    roots = _roots(span)
    if roots and span.text[:1].islower() and roots[0].dep_ in _NOMINAL_DEPS:
        return "partial"  # cost exporters "tens of millions of euros since …": a phrase of the outer clause
    for root in roots[:1]:
        if span.text[:1].islower() and any(
            c.dep_ in _SUBJECT_DEPS and c.i < span.start for c in root.children
        ):
            return "partial"  # the plan "will save millions": the subject stands outside the quote
    for root in roots:
        if any(c.dep_ in _SUBJECT_DEPS and span.start <= c.i < span.end for c in root.children):
            return "direct"
        if root.dep_ == "ROOT" and root.pos_ in ("VERB", "AUX"):
            return "direct"
    first = span.text.lstrip()[:1]
    if first.isupper() and span.text.rstrip()[-1:] in ".!?":
        return "direct"  # a whole sentence ("No more war!")
    text = doc.user_data.get("text") or doc.text
    prev = text[max(0, start - 40) : start - 1].rstrip()[-1:]
    if first.isupper() and (
        prev in ("", ":", ",", "\n", ".", "—", "-") or text[start - 2 : start - 1] == "\n"
    ):
        return "direct"
    return "partial"


def _cue_from_ancestors(span: Span, quoted: list[bool]) -> Token | None:
    """The first cue verb above the quote in the parse (the verb the quote is the complement of)."""
    roots = _roots(span)
    for root in roots:
        node, steps = root, 0
        while node.head != node and steps < 5:
            node = node.head
            steps += 1
            if span.start <= node.i < span.end or quoted[node.i]:
                continue
            if lemma := is_cue(node):
                if lemma in WEAK_CUES and steps > 2:
                    break
                if node.i >= span.end and _closed(span) and _reports_more(node):
                    break  # "…." X said he would stay: a new sentence the parser hung the quote from
                return node
    return None


def _closed(span: Span) -> bool:
    """Whether the quote's words end a sentence ("…." / "…?"), not a clause that runs on ("…," she said)."""
    return _closing_mark(span) in ".!?"


def _governed_by_cue(span: Span, quoted: list[bool]) -> bool:
    """Whether a speech verb governs the quote as (part of) what was said: the quote lies in the verb's complement
    (called her "third-rate", said he was "shocked"), not in its subject (the report "X" estimated…)."""
    roots = _roots(span)
    for root in roots[:1]:
        node = root
        for step in range(6):
            if node.dep_ in _SUBJECT_DEPS or node.head == node:
                return False
            node = node.head
            if quoted[node.i]:
                return False
            if (lemma := is_cue(node)) and (lemma not in WEAK_CUES or step == 0):
                return True  # a verb of believing or calling only when the quote hangs right off it
    return False


def _attributed_after(span: Span, quoted: list[bool]) -> bool:
    """A quote, however short, that ends open and is followed by a speech verb ("The bullying," Wallace said):
    its attribution says it is someone's words, not a scare quote."""
    doc = span.doc
    return any(
        v.i >= span.end
        and (lemma := is_cue(v)) is not None
        and lemma not in WEAK_CUES
        and v.dep_ not in ("relcl", "acl")
        and not any(t.tag_ in ("WDT", "WP") for t in doc[span.end : v.i])  # "…", which officials deny
        for v in _verbs_touching(doc, span, quoted)
    )


def _cue_nearby(doc: Doc, span: Span, quoted: list[bool]) -> Token | None:
    """A cue verb in the quote's own sentences, outside any quote: after the quote first, then before it."""
    first = doc[span.start].sent
    last = doc[span.end - 1].sent
    after = [t for t in doc[span.end : last.end] if not quoted[t.i]]
    before = []
    for t in reversed(doc[first.start : span.start]):
        if t.is_space and "\n" in t.text:
            break  # the sentence splitter ran over a paragraph break: what is above is another paragraph
        if not quoted[t.i]:
            before.append(t)
    # "…,” she said. / “…,” said X. — look after a quote that ends with a comma, or the sentence's end
    for tok in after[:8] + before + after[8:]:
        if (
            (lemma := is_cue(tok))
            and lemma not in WEAK_CUES
            and not (tok.i > span.end and _reports_more(tok))
        ):
            return tok
    return None


def _reports_more(verb: Token) -> bool:
    """A speech verb after a quote that reports something of its own: "…" X said: "…" introduces the next
    quote, "…" X said he would stay reports a clause; neither attributes the quote before it."""
    if verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text == ":":
        return True
    return any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children)


# What may close a quote's words when the attribution follows it ("…," she said / "…!" he wrote / "…?" X asked).
_OPEN_ENDINGS = frozenset(",!?—–-…")


def _verbs_touching(doc: Doc, span: Span, quoted: list[bool]) -> Iterator[Token]:
    """Verbs that attribute by position whatever the verb: the first verb of the clause right after a quote that
    ends open ("…!" beamed X, "…," X shrugged, "…?" X went on), and the verb of a clause closed by a colon right
    before the quote, in its paragraph or ending the paragraph before (X leaned in and growled: "…")."""
    k = span.end
    while k < len(doc) and doc[k].is_quote:
        k += 1
    closing = _closing_mark(span)
    if k < len(doc) and doc[k].text == ",":
        closing, k = ",", k + 1
    if closing in _OPEN_ENDINGS:
        for tok in doc[k : k + 14]:
            if quoted[tok.i] or tok.is_quote or (tok.is_space and "\n" in tok.text) or tok.text in ".;:!?":
                break
            if tok.lower_ == "according":
                break  # "…," according to X: a source of its own
            if tok.pos_ == "VERB" and (
                tok.tag_ in ("VBD", "VBZ", "VBP") or (tok.dep_, tok.tag_) == ("acl", "VBN")
            ):
                yield tok
                break
    k = span.start - 1
    while k >= 0 and (doc[k].is_quote or doc[k].is_space):
        k -= 1
    if k > 0 and doc[k].text == ":" and not quoted[k]:
        head = doc[k].head
        while head.i < k and head.pos_ not in ("VERB", "AUX") and head.head != head:
            head = head.head
        if head.i < k and head.pos_ in ("VERB", "AUX") and not quoted[head.i]:
            yield head


def _unnamed_source(tok: Token) -> bool:
    """A noun phrase that can voice words though it names nobody: "the crowd", "the two", "a welcome message"."""
    return tok.pos_ in ("NOUN", "PROPN", "NUM") and any(
        c.dep_ in ("det", "poss", "nummod") or c.pos_ == "ADJ" for c in tok.children
    )


_SIGN_VERBS = words("sign_verbs")


def _sign_cue(span: Span) -> Token | None:
    """ "placards reading "…"", "a sticker saying "…"": a participle that describes a thing's text."""
    doc = span.doc
    k = span.start - 1
    while k >= 0 and (
        doc[k].is_quote
        or doc[k].text in (":", ",", "-", "—")
        or (doc[k].is_space and "\n" not in doc[k].text)
    ):
        k -= 1  # never back over the end of a sentence or a paragraph
    if k < 1 or doc[k].lower_ not in _SIGN_VERBS:
        return None
    verb = doc[k]
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.lower_ not in TITLE_WORDS:
        return verb
    prev = doc[k - 1]
    if prev.pos_ == "NOUN" and prev.lower_ not in TITLE_WORDS and not prev.ent_type_:
        return verb
    return None


def _according_to(doc: Doc, span: Span, quoted: list[bool]) -> Token | None:
    sent_start = doc[span.start].sent.start
    sent_end = doc[span.end - 1].sent.end
    for tok in doc[sent_start:sent_end]:
        if (
            tok.lower_ == "according"
            and not quoted[tok.i]
            and tok.i + 1 < len(doc)
            and doc[tok.i + 1].lower_ == "to"
        ):
            for obj in doc[tok.i + 1].children:
                if obj.dep_ == "pobj":
                    return obj
            if tok.i + 2 < len(doc):
                return doc[tok.i + 2]
    return None


def _reporting_subject(verb: Token) -> Token | None:
    """For a participle cue ("…, adding that"): the subject of the nearest speech verb above it that has one
    ("Demir said Ankara supported the talks, adding …" is Demir's addition, not Ankara's)."""
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "xcomp", "conj"):
        return None
    node = verb.head
    for _ in range(6):
        if node.head == node:
            break
        node = node.head
        if (lemma := is_cue(node)) and lemma not in WEAK_CUES:
            subj = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
            if subj is not None:
                return subj
    return None


def _nearest_name_before(verb: Token, by_token: dict[int, int]) -> Token | None:
    """A subject the parser lost ("Đorđević held up a folder, saying …" with the name as npadvmod): the last
    name before the verb in its sentence that is not an object."""
    for k in range(verb.i - 1, verb.sent.start - 1, -1):
        tok = verb.doc[k]
        if k in by_token and tok.dep_ not in ("dobj", "pobj", "poss", "dative", "compound", "case"):
            return tok
        if k in by_token and tok.dep_ == "compound" and tok.head == verb:  # a misspelt cue read as a noun
            return tok
    return None


def _after_quote(verb: Token) -> bool:
    """Whether a verb directly follows a closing quote mark, where English inverts ("…," said X)."""
    k = verb.i - 1
    while k >= 0 and verb.doc[k].is_space:
        k -= 1
    return k >= 0 and verb.doc[k].is_quote


_DESCRIPTOR_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM"})


def _name_end(doc: Doc, k: int, by_token: dict[int, int], stop: int) -> Token:
    """The last word, before ``stop``, of the article's name that token ``k`` opens ("Voss" of "Ada Voss")."""
    while k + 1 < stop and by_token.get(k + 1) == by_token[k]:
        k += 1
    return doc[k]


def _name_after(verb: Token, by_token: dict[int, int]) -> Token | None:
    """Someone the article names, after an inverted speech verb and descriptors the parser made a clause of
    ("…," said ranking member Ada Voss): the last word of the first name before any punctuation."""
    if not _after_quote(verb):
        return None
    doc = verb.doc
    for t in doc[verb.i + 1 : min(len(doc), verb.i + 10)]:
        if t.i in by_token:
            return _name_end(doc, t.i, by_token, len(doc))
        if t.is_punct or t.is_space or not (t.pos_ in _DESCRIPTOR_POS or t.tag_ == "VBG"):
            return None
    return None


def _subjects(verb: Token) -> Iterator[Token]:
    """Who may perform the cue, nearest first: its subject, an inverted subject ("said X"), then the subjects of
    the clauses a participle or coordinated verb hangs from ("…, saying", "and added")."""
    if (reporter := _reporting_subject(verb)) is not None:
        yield reporter
    if any(c.dep_ == "auxpass" for c in verb.children):
        # "X was asked by Y whether …": the agent speaks; "X was asked, "…"": the subject is who was addressed
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        by = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if by is not None:
            yield by
        if verb.lemma_.lower() in _ADDRESSING:
            return
    if verb.pos_ in ("NOUN", "PROPN"):
        # "his remarks", "Obama's "…" promise", "the senator's answer": a speech noun's owner said it
        owner = next((c for c in verb.children if c.dep_ == "poss"), None)
        if owner is not None:
            yield owner
        words = [c for c in verb.lefts if not c.is_punct]
        if words and _after_quote(words[0]):
            # "…," the three write: a speech verb read as a noun after the quote, its subject as its modifier
            modifier = next((c for c in reversed(words) if c.dep_ in ("compound", "nummod")), None)
            if modifier is not None:
                yield modifier
    node = verb
    for _ in range(5):
        # nearest first: a word of the quote may hang from the verb as a second subject ("…#Readit," he wrote)
        subjects = sorted(
            (c for c in node.children if c.dep_ in _SUBJECT_DEPS), key=lambda c: abs(c.i - node.i)
        )
        if not subjects and is_cue(node) and (lost := _lost_description(node)) is not None:
            subjects = [lost]
        if subjects:
            yield from subjects
        elif _after_quote(node):  # "…," said X
            if node.dep_ in ("amod", "compound", "nmod") and node.head.i > node.i:
                head = node.head  # "…," mused radio host Tom Pike: the parser hangs the verb off the name
                while head.dep_ == "compound" and head.head.i > head.i:
                    head = head.head
                yield head
            inverted = next(
                (
                    c
                    for c in node.children
                    if c.i > node.i
                    and c.dep_ in _INVERTED_DEPS
                    and (c.pos_ in ("PROPN", "PRON", "NOUN") or c.ent_type_)
                ),
                None,
            )
            if inverted is not None:
                yield inverted
        if node.dep_ not in _CLIMB_DEPS or node.head == node:
            return
        node = node.head


def _outer_reporter(cue: Token) -> Token | None:
    """The subject of a speech verb whose clause holds the cue's ("He says he believes it", "She said that she
    hopes …"), a few clauses up, or None."""
    node = cue
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or node.head == node:
            return None
        node = node.head
        if (lemma := is_cue(node)) and lemma not in WEAK_CUES:
            return next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
    return None


def _reporting_clause(cue: Token, quoted: list[bool]) -> tuple[Token, Token] | None:
    """The speech verb and subject of a report that holds the cue's clause as what was said ("Voss said Okafor
    promised …", "Voss said that Okafor asked …"): whoever reports a report utters its quoted words. Only
    through reported clauses (``ccomp``), up to three, never through the quote."""
    if any(c.tag_ in ("WP", "WDT") for c in cue.children):
        return None  # "what her supporters call "…"": a name for something, not a report of a report
    node, found = cue, None
    for _ in range(3):
        if node.dep_ != "ccomp" or node.head == node:
            break
        node = node.head
        if quoted[node.i]:
            break
        if (lemma := is_cue(node)) and lemma not in WEAK_CUES and node.pos_ == "VERB":
            subject = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
            if subject is not None and not quoted[subject.i]:
                found = (node, subject)
    return found


def _lost_description(verb: Token) -> Token | None:
    """ "…," the 46-year-old said: a description the parser hung from the verb as a modifier, not a subject."""
    for c in verb.children:
        if c.i < verb.i and c.dep_ in ("amod", "npadvmod", "dep", "advmod"):
            first = c.left_edge
            if first.lower_ == "the" or (first.i > 0 and verb.doc[first.i - 1].lower_ == "the"):
                return c
    return None


_ADDRESSING = words("addressing_verbs")
_INDEFINITE = words("indefinite_subjects")


def _group_subject(subj: Token, verb: Token) -> bool:
    """The cue's own subject is a group or an unnamed source ("what economists call", "some in the industry
    say"): the speaker is that group, never someone named in an outer clause."""
    return subj.head == verb and (subj.tag_ in ("NNS", "NNPS") or subj.lower_ in _INDEFINITE)


def _speaker_token(
    verb: Token, by_token: dict[int, int], resolves=None, quoted: list[bool] | None = None
) -> Token | None:
    """The cue's subject (the first one up the parse that names someone, when ``resolves`` can tell: "Hoekstra
    said his side had been … and praised …" parses "praised" as coordinated with "had been"), or when the parse
    lost it, the name that precedes the cue's clause."""
    first = None
    for subj in _subjects(verb):
        if quoted is not None and quoted[subj.i]:
            continue  # "“…, a smart person,” Weaver said": words of the quote never speak it
        if first is None:
            first = subj
            if resolves is None or _group_subject(subj, verb):
                break
        if resolves is not None and resolves(subj):
            return subj
    if first is not None:
        return first
    if (named := _name_after(verb, by_token)) is not None:
        return named
    if verb.lemma_.lower() in _ADDRESSING and any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "X was asked, "…"": nobody named here asked it
    top = verb
    while top.dep_ in _CLIMB_DEPS and top.head != top:
        top = top.head
    name = _nearest_name_before(top, by_token)
    return None if name is not None and quoted is not None and quoted[name.i] else name


_SPEECH_NOUNS = words("speech_nouns")


def _late_source(doc: Doc, span: Span, quoted: list[bool]) -> tuple[Token, Token] | None:
    """A quote that opens its paragraph unattributed, named in the next sentence: "“…” The warning came from X"
    / "“…” That was how X summed up the verdict". Returns (speaker token, cue token)."""
    k = span.end
    while k < len(doc) and (doc[k].is_quote or doc[k].is_punct) and not doc[k].is_space:
        k += 1
    if k >= len(doc) or doc[k].is_space or (not doc[k].is_sent_start and doc[k].text[:1].islower()):
        return None
    sent = doc[k].sent
    if sent.start < span.end - 1:
        return None
    for tok in sent:
        if quoted[tok.i]:
            continue
        if tok.lemma_ == "come" and any(
            c.dep_ in _SUBJECT_DEPS and c.lemma_.lower() in _SPEECH_NOUNS for c in tok.children
        ):
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "from":
                    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj, tok
        if (
            (lemma := is_cue(tok))
            and lemma not in WEAK_CUES
            and tok.pos_ == "VERB"
            and not _reports_more(tok)
        ):
            subj = next((c for c in tok.children if c.dep_ in _SUBJECT_DEPS), None)
            if subj is not None and subj.pos_ != "PRON":
                return subj, tok
    return None


def _phrase(tok: Token) -> tuple[int, int]:
    """Character span of a subject phrase ("The foreign minister") up to its head, without what follows it."""
    doc = tok.doc
    i = tok.left_edge.i
    while i < tok.i and doc[i].is_punct:
        i += 1
    if i > 0 and doc[i - 1].dep_ == "det" and doc[i - 1].head == tok.head and tok.dep_ not in _SUBJECT_DEPS:
        i -= 1  # "the 46-year-old" with the article hung from the verb
    return doc[i].idx, tok.idx + len(tok)


class Attributor:
    """Finds the speaker of each quote of one article."""

    def __init__(self, doc: Doc, entities: list[ArticleEntity]):
        self.doc = doc
        self.ctx = _Context(doc, entities)
        self.previous: FoundQuote | None = None

    # ------------------------------------------------------------------ who is meant by a pronoun or a description
    def _salient_people(self, before: int, exclude: set[int], kinds=("person",)) -> Iterator[int]:
        """People mentioned before a position, most salient first: walking back sentence by sentence, subjects
        and the previous speaker first within a sentence. Lazy, so a caller stops after a few sentences."""
        prev_speaker = self.previous.speaker if self.previous is not None else None
        seen: set[int] = set()
        group: list[tuple[bool, bool, int]] = []
        group_sent = None
        for pos in range(bisect_left(self.ctx.starts, before) - 1, -1, -1):
            if self.ctx.starts[pos] < before - SALIENCE_WINDOW:
                break  # nobody named this far back is who a pronoun or a description means
            sent, subject, index = self.ctx.salience[pos]
            if self.ctx.quoted[self.ctx.mentions[pos][0].i]:
                continue  # a name inside someone's quoted words is not who a later "he" or "she" is
            if sent != group_sent:
                yield from (i for *_, i in sorted(group, key=lambda g: (g[0], g[1]), reverse=True))
                group, group_sent = [], sent
            if index in seen or index in exclude or self.ctx.kind(index) not in kinds:
                continue
            seen.add(index)
            group.append((subject, index == prev_speaker, index))
        yield from (i for *_, i in sorted(group, key=lambda g: (g[0], g[1]), reverse=True))

    def _pronoun(self, tok: Token) -> int | None:
        gender = PRONOUNS.get(tok.lower_)
        if tok.lower_ in ("they", "them", "we", "i"):
            return None
        exclude = self._others_in_clause(tok)
        for index in self._salient_people(tok.idx, exclude):
            known = self.ctx.entities[index].gender
            if gender is None or known is None or known == gender:
                return index
        return None

    def _others_in_clause(self, subj: Token) -> set[int]:
        """Entities named in the subject's own sentence that are not the subject (objects, addressees)."""
        out, keep = set(), set()
        sent = subj.sent
        for k in range(sent.start, sent.end):
            if k in self.ctx.by_token and not (subj.left_edge.i <= k <= subj.right_edge.i):
                index = self.ctx.by_token[k]
                m = self.ctx.mention_at.get(k)
                # "Raman said …, but she praised …": the subject of another clause can be who "she" is
                if m is not None and m.i == k and k < subj.i and _is_subject(self.doc, m):
                    keep.add(index)
                else:
                    out.add(index)
        return out - keep

    def _description(self, tok: Token) -> int | None:
        """ "the foreign minister", "the spokesman", "the Israeli official", "the ministry": the named entity the
        description fits best (its role shares the most words), the most salient one on a tie."""
        head = tok.lemma_.lower()
        phrase = self.ctx.text[tok.left_edge.idx : tok.idx + len(tok)]
        if (age := _AGE.search(phrase)) is not None:
            return self._by_age(tok, int(age.group(1)))
        if head not in TITLE_WORDS and head not in _ORG_NOUNS and head not in DESCRIPTION_SYNONYMS:
            return None
        if tok.tag_ == "NNS" and head not in _ORG_NOUNS:
            return None  # "officials said", "some economists call": a group, never one named person
        nation = next((c.code for t in tok.lefts if (c := _country_word(t.text))), None)
        words = {
            t.lower_
            for t in tok.subtree
            if t.is_alpha and t.lower_ not in DETERMINERS and not _country_word(t.text)
        }
        exclude = self._others_in_clause(tok)
        if words & _CONTRASTIVE and self.previous is not None and self.previous.speaker is not None:
            exclude.add(self.previous.speaker)
        best: list[tuple[int, int]] = []
        for index, ent in enumerate(self.ctx.entities):
            if index in exclude or ent.kind not in ("person", "organization"):
                continue
            if nation and ent.kind == "person" and ent.country_code not in (None, nation):
                continue
            if (score := _fit(head, words, ent)) is not None:
                best.append((score + (nation is not None and ent.country_code == nation), index))
        if not best:
            if head in TITLE_WORDS and words & _CONTRASTIVE:
                return self._recent_without_role(tok, exclude)
            return None
        top = max(score for score, _ in best)
        candidates = {index for score, index in best if score == top}
        for index in self._salient_people(tok.idx, exclude, kinds=("person", "organization")):
            if index in candidates:
                return index
        return None

    def _by_age(self, tok: Token, age: int) -> int | None:
        """ "the 46-year-old": the person the article gave that age, else the most salient person of no other
        age (within the last few sentences)."""
        people = [i for i, e in enumerate(self.ctx.entities) if e.kind == "person" and e.age == age]
        if len(people) == 1:
            return people[0]
        for index in self._salient_people(tok.idx, self._others_in_clause(tok)):
            if self.ctx.entities[index].age in (None, age):
                return index
        return None

    def _recent_without_role(self, tok: Token, exclude: set[int]) -> int | None:
        """ "the visiting coach", said after the home coach spoke: the latest person of the last few sentences
        whose role the article never gave (a person with a fitting role would have matched)."""
        start = tok.sent.start
        for _ in range(3):
            if start == 0:
                break
            start = self.doc[start - 1].sent.start
        for index in self._salient_people(tok.idx, exclude):
            ent = self.ctx.entities[index]
            if not any(start <= m.i and m.start < tok.idx for m in ent.mentions):
                return None
            if ent.role is None:
                return index
        return None

    def _resolve(self, subj: Token) -> tuple[int | None, tuple[int, int]]:
        span = _phrase(subj)
        if (index := self.ctx.entity_of(subj)) is not None:
            m = self.ctx.mention_at.get(subj.i)
            return index, (m.start, m.end) if m is not None and m.i <= subj.i < m.j else span
        if subj.pos_ == "PRON" and subj.lower_ in PRONOUNS:
            return self._pronoun(subj), (subj.idx, subj.idx + len(subj))
        return self._description(subj), span

    # ------------------------------------------------------------------ readings of who speaks, and the arbiter
    def attribute(self, q: FoundQuote, span: Span, quoted: list[bool], para: tuple[int, int]) -> None:
        """Settle ``q``'s cue and speaker from the readings ``READINGS`` puts forward, in their order: the cue is
        the first reading's that has one, the speaker the first reading's that names a source; a reading that
        only stands where no speech verb does is not asked once one has a cue, and a final reading ends it."""
        cue: tuple[int, int] | None = None
        for name, read, without_cue in READINGS:
            if without_cue and cue is not None:
                continue
            reading = read(self, q, span, quoted, para)
            if reading is None:
                continue
            cue = cue or reading.cue
            if reading.names or reading.final:
                q.speaker, q.attribution = reading.speaker, reading.attribution
                q.extra["speaker_by"] = name
                break
        q.cue = cue
        self.previous = q

    def _named(self, subject: Token, cue: Token | None) -> Reading:
        """The reading that ``subject`` speaks: who it is, and the words naming them (the outer clause's, when
        the report is nested: "He says he believes …")."""
        speaker, attribution = self._resolve(subject)
        if speaker is not None and cue is not None and (outer := _outer_reporter(cue)) is not None:
            outer_speaker, outer_attribution = self._resolve(outer)
            if outer_speaker == speaker:
                attribution = outer_attribution
        return Reading(None, True, speaker, attribution)

    def read_sign(
        self, q: FoundQuote, span: Span, quoted: list[bool], para: tuple[int, int]
    ) -> Reading | None:
        """A placard "reading "…"": words nobody here says; what carries them (the ad, the placards) is named,
        not who."""
        if (label := _sign_cue(span)) is None:
            return None
        doc = self.doc
        thing = label.head if label.dep_ == "acl" and label.head.i < label.i else doc[label.i - 1]
        carrier = _phrase(thing) if thing.pos_ in ("NOUN", "PROPN") else None
        return Reading((label.idx, label.idx + len(label)), False, None, carrier, final=True)

    def read_speech_verb(
        self, q: FoundQuote, span: Span, quoted: list[bool], para: tuple[int, int]
    ) -> Reading | None:
        """A speech verb governing the quote or beside it (a cue list's, or any verb whose place attributes),
        and its subject: "…," Okafor said / Okafor said: "…" / "…," fumed the mayor."""
        doc = self.doc
        cue = _cue_from_ancestors(span, quoted) or _cue_nearby(doc, span, quoted)
        subject = (
            _speaker_token(cue, self.ctx.speaking, lambda t: self._resolve(t)[0] is not None, quoted)
            if cue is not None
            else None
        )
        if cue is None and (adjoining := self._adjoining_verb(span, quoted)) is not None:
            cue, subject = adjoining
        if cue is None:
            return None
        if subject is None and cue.i > span.end:
            subject = self._named_after_quote(span, cue)
        if subject is not None and self._resolve(subject)[0] is None and _according_to(doc, span, quoted):
            subject = None  # "The plan could add "…", according to Albrecht": the source is named
        if q.kind == "partial" and (outer := _reporting_clause(cue, quoted)) is not None:
            cue, subject = outer  # "Voss said Okafor promised they "would not back down"": Voss's words
        end = cue.idx + len(cue)
        if cue.lemma_.lower() in LIGHT_CUES:
            obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
            if obj is not None and obj.right_edge.i < span.start:
                end = obj.right_edge.idx + len(obj.right_edge)
        reading = self._named(subject, cue) if subject is not None else Reading(None, False, None, None)
        reading.cue = (cue.idx, end)
        return reading

    def _named_after_quote(self, span: Span, cue: Token) -> Token | None:
        """ "“…,” Ada Voss, a lawyer then working for the city, wrote": the name opening the words after the
        quote, when the cue comes later in that sentence (the parse hung the cue off the quote's own verb)."""
        doc = self.doc
        k = span.end
        while k < cue.i and (doc[k].is_punct or doc[k].is_space) and "\n" not in doc[k].text:
            k += 1
        if k not in self.ctx.speaking or k >= cue.i or doc[k].sent != cue.sent:
            return None
        return _name_end(doc, k, self.ctx.speaking, cue.i)

    def read_according_to(
        self, q: FoundQuote, span: Span, quoted: list[bool], para: tuple[int, int]
    ) -> Reading | None:
        """ "…", according to Albrecht."""
        doc = self.doc
        if (source := _according_to(doc, span, quoted)) is None:
            return None
        k = source.i - 1
        while k > 0 and doc[k].lower_ != "according":
            k -= 1
        reading = self._named(source, None)
        reading.cue = (doc[k].idx, doc[k + 1].idx + len(doc[k + 1]))
        return reading

    def read_holder(
        self, q: FoundQuote, span: Span, quoted: list[bool], para: tuple[int, int]
    ) -> Reading | None:
        """A partial quote's words are the person's whose clause holds them: "Cruz blamed the law on
        "knuckleheaded politicians"."""
        if q.kind != "partial" or (held := self._holder(span, quoted)) is None:
            return None
        verb, subject = held
        reading = self._named(subject, verb)
        reading.cue = (verb.idx, verb.idx + len(verb))
        return reading

    def read_late_source(
        self, q: FoundQuote, span: Span, quoted: list[bool], para: tuple[int, int]
    ) -> Reading | None:
        """A source the article names, given after the quote's sentence."""
        if (late := _late_source(self.doc, span, quoted)) is None:
            return None
        speaker, verb = late
        reading = self._named(speaker, None)
        if reading.speaker is None:
            return None
        reading.cue = (verb.idx, verb.idx + len(verb))
        return reading

    def read_colon_label(
        self, q: FoundQuote, span: Span, quoted: list[bool], para: tuple[int, int]
    ) -> Reading | None:
        """A name (or a short noun phrase) closed by a colon before the quote: "Reid: "…"": its speaker, or
        the phrase as a description."""
        if (colon := self._colon_source(span, quoted)) is None:
            return None
        source, mark = colon
        speaker, attribution = self._resolve(source)
        if speaker is None:
            attribution = (self.doc[source.left_edge.i].idx, source.idx + len(source))
        return Reading((mark.idx, mark.idx + 1), True, speaker, attribution)

    def read_continuation(
        self, q: FoundQuote, span: Span, quoted: list[bool], para: tuple[int, int]
    ) -> Reading | None:
        """A quote that names no speaker of its own goes on from the quote before it: later in the same
        paragraph ("…," Okafor said. "…"), or opening the next paragraph with nobody else named in between; its
        attribution is that quote's ("she", "a spokeswoman"), a named speaker or not."""
        prev = self.previous
        if prev is None or (prev.speaker is None and prev.attribution is None):
            return None
        if not (q.continued or self._continues(q, para)):
            return None
        return Reading(None, True, prev.speaker, prev.attribution)

    def read_reported_before(
        self, q: FoundQuote, span: Span, quoted: list[bool], para: tuple[int, int]
    ) -> Reading | None:
        """ "Ortiz said in a statement. "…"": the speaker of the sentence before, in the same paragraph."""
        if (reported := self._reported_before(span, quoted, para)) is None:
            return None
        subject, verb = reported
        reading = self._named(subject, None)
        reading.cue = (verb.idx, verb.idx + len(verb))
        return reading

    def _reported_before(
        self, span: Span, quoted: list[bool], para: tuple[int, int]
    ) -> tuple[Token, Token] | None:
        """ "Ortiz said in a statement. "…"": a quote that opens a sentence right after a sentence of its
        paragraph in which someone the article names speaks without being quoted is theirs. Returns (the
        speaker's token, the speech verb)."""
        doc = self.doc
        first = span.start
        while first > 0 and doc[first - 1].is_quote:
            first -= 1
        end = first - 1
        while end > 0 and doc[end].is_space and "\n" not in doc[end].text:
            end -= 1
        if end <= 0 or doc[end].text not in (".", "!") or doc[end].idx < para[0] or quoted[end]:
            return None
        sent = doc[end].sent
        if sent.start_char < para[0] or any(quoted[t.i] for t in sent):
            return None
        for verb in sent:
            lemma = is_cue(verb)
            if (
                lemma is None
                or lemma in WEAK_CUES
                or verb.pos_ != "VERB"
                or verb.dep_ not in ("ROOT", "conj")
            ):
                continue
            subject = _speaker_token(
                verb, self.ctx.speaking, lambda t: self._resolve(t)[0] is not None, quoted
            )
            if (
                subject is not None
                and sent.start <= subject.i < verb.i
                and self._resolve(subject)[0] is not None
            ):
                return subject, verb
        return None

    def _holder(self, span: Span, quoted: list[bool]) -> tuple[Token, Token] | None:
        """The verb whose clause holds a partial quote when no speech verb does, and its subject, when that
        subject is someone the article names: a partial quote is someone's words inside a sentence about what
        they did ("X blamed the law on "…"", "X derided "the professional left""), not the reporter's."""
        roots = _roots(span)
        if not roots:
            return None
        node = roots[0]
        for _ in range(6):
            if node.head == node:
                break
            node = node.head
            if quoted[node.i]:
                return None
            if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("amod", "acl", "relcl"):
                subject = next((c for c in node.children if c.dep_ in _SUBJECT_DEPS), None)
                if subject is None:
                    continue
                if quoted[subject.i] or self._resolve(subject)[0] is None:
                    return None  # "The new rule creates "…"": no one the article names
                return node, subject
        return None

    def _adjoining_verb(self, span: Span, quoted: list[bool]) -> tuple[Token, Token] | None:
        """A verb no cue list holds that attributes by its place beside the quote, when its subject is someone
        this article names or a pronoun for them (a "message was clear:" is narration, not a speaker)."""
        for verb in _verbs_touching(self.doc, span, quoted):
            if verb.dep_ == "acl" and verb.head.i < verb.i:
                subject = verb.head  # "…!" Tom Reyes, the head of the council, posted: parsed as a participle
            else:
                subject = _speaker_token(
                    verb, self.ctx.speaking, lambda t: self._resolve(t)[0] is not None, quoted
                )
            if subject is None or quoted[subject.i]:
                continue
            if self._resolve(subject)[0] is not None:
                return verb, subject
            if verb.i > span.end and subject.i > span.end and is_cue(verb) and _unnamed_source(subject):
                return verb, subject  # "…!" the crowd roared / "…," the three write: a source without a name
        return None

    def _colon_source(self, span: Span, quoted: list[bool]) -> tuple[Token, Token] | None:
        """ "Reid: 'Never underestimate him.'", "Rep. Jo Marsh (R-Ohio): "…"": a name or short noun phrase
        without a verb, opening the line and closed by a colon, is who speaks the quotes after it on that line.
        Returns (the phrase's speaker token, the colon)."""
        doc = self.doc
        k = span.start - 1
        while k > 0 and (doc[k].is_quote or (doc[k].is_space and "\n" not in doc[k].text)):
            k -= 1
        if doc[k].text == ":" and k - 1 in self.ctx.speaking:
            # "…" Bush: "…" — a label after another speaker's quote on the same line
            m = self.ctx.mention_at.get(k - 1)
            first = m.i if m is not None else k - 1
            if first > 0 and (
                doc[first - 1].is_quote or doc[first - 1].text in (".", "!", "?", "-", "—", "–")
            ):
                return doc[k - 1], doc[k]  # also "… — Philip Bump: "…"", a source named after a dash
        line = k
        while line > 0 and not (doc[line - 1].is_space and "\n" in doc[line - 1].text):
            line -= 1
        colon = next((t for t in doc[line : k + 1] if t.text == ":" and not quoted[t.i]), None)
        if colon is None or not 0 < colon.i - line <= 8:
            return None
        phrase = doc[line : colon.i]
        if any(t.pos_ in ("VERB", "AUX") and not t.is_title for t in phrase):
            return None  # "The message was clear:" is narration, not a speaker's label
        named = [t for t in phrase if t.i in self.ctx.speaking]
        if named:
            return named[-1], colon
        heads = [
            t
            for t in phrase
            if t.pos_ in ("PROPN", "NOUN") and (t.head == t or not line <= t.head.i < colon.i)
        ]
        return (heads[0], colon) if heads else None

    def _continues(self, q: FoundQuote, para: tuple[int, int]) -> bool:
        """Whether ``q`` goes on from the previous quote: in its paragraph, or opening the next one, with no
        other person or organisation named outside quotes between the previous quote's sentence and ``q``."""
        prev = self.previous
        assert prev is not None
        text = self.ctx.text
        same_paragraph = para[0] <= prev.start
        if not same_paragraph and text[para[0] : q.start].strip(" \t\n\"'“‘`«") != "":
            return False
        if not same_paragraph and "\n" in text[prev.end : para[0]].strip():
            return False  # a paragraph of narration stands between them
        after = self.doc.char_span(prev.end, prev.end + 1, alignment_mode="expand")
        since = after.sent.end if after is not None else 0
        k = bisect_left(self.ctx.starts, self.doc[since].idx if since < len(self.doc) else len(text))
        while k < len(self.ctx.mentions) and self.ctx.mentions[k][0].start < q.start:
            m, index = self.ctx.mentions[k]
            if (
                index != prev.speaker
                and not self.ctx.quoted[m.i]
                and self.ctx.kind(index) in ("person", "organization")
                and (self.ctx.salience[k][1] or self.doc[m.j - 1].dep_ == "poss")
            ):
                return False  # someone else acts in between (named as an object, they do not take the floor)
            k += 1
        return True


@dataclass(slots=True)
class Reading:
    """One reading of who speaks a quote: its cue, whether it names a source, and the source (an entity of the
    article, and the words naming it or describing an unnamed one). A final reading ends the attribution."""

    cue: tuple[int, int] | None
    names: bool
    speaker: int | None
    attribution: tuple[int, int] | None
    final: bool = False


# The readings the arbiter (``Attributor.attribute``) asks, in order: (name, reading, asked only without a cue).
READINGS = (
    ("sign", Attributor.read_sign, False),
    ("speech-verb", Attributor.read_speech_verb, False),
    ("according-to", Attributor.read_according_to, False),
    ("holder", Attributor.read_holder, True),
    ("late-source", Attributor.read_late_source, True),
    ("colon-label", Attributor.read_colon_label, True),
    ("continuation", Attributor.read_continuation, True),
    ("reported-before", Attributor.read_reported_before, True),
)


def find_quote_spans(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[tuple[Marked, Span]]:
    """Every quote in the article's paragraphs (its marks and its tokens), in text order.

    A quoted word or two is a quote only when a speech verb governs it in the parse (called her "third-rate",
    said he was "shocked"); alone it is a scare quote. A quoted title is never a quote.
    """
    text = doc.user_data.get("text") or doc.text
    doc.user_data["text"] = text
    quoted = [False] * len(doc)
    spans: list[tuple[Marked, Span]] = []
    shorts: list[tuple[Marked, Span]] = []
    for m in find_marked(text, paragraphs):
        span = _quote_span(doc, m.start, m.end)
        if span is None or len(span) == 0:
            continue
        if (kind := _title_or_short(text[m.start : m.end], text, m.start)) is not None:
            if kind == "short":
                shorts.append((m, span))
            continue
        spans.append((m, span))
        quoted[span.start : span.end] = [True] * len(span)
    for m, span in shorts:
        if (_governed_by_cue(span, quoted) or _attributed_after(span, quoted)) and _sign_cue(span) is None:
            spans.append((m, span))
            quoted[span.start : span.end] = [True] * len(span)
    spans.sort(key=lambda x: x[0].start)
    return spans


def attribute_quotes(
    doc: Doc,
    entities: list[ArticleEntity],
    paragraphs: list[tuple[int, int]],
    spans: list[tuple[Marked, Span]],
) -> list[FoundQuote]:
    """Each quote with its kind, cue and speaker (one of ``entities``, or a description)."""
    quoted = [False] * len(doc)
    for _, span in spans:
        quoted[span.start : span.end] = [True] * len(span)
    attributor = Attributor(doc, entities)
    attributor.ctx.quoted = quoted
    found: list[FoundQuote] = []
    para_bounds = sorted(paragraphs)
    for m, span in spans:
        k = bisect_left(para_bounds, (m.start + 1,)) - 1
        para = (
            para_bounds[k]
            if k >= 0 and para_bounds[k][0] <= m.start < para_bounds[k][1]
            else (m.start, m.end)
        )
        q = FoundQuote(m.start, m.end, _kind(doc, span, m.start), continued=m.continued)
        attributor.attribute(q, span, quoted, para)
        found.append(q)
    _share_speakers_over_paragraphs(found)
    return found


def _share_speakers_over_paragraphs(found: list[FoundQuote]) -> None:
    """The paragraphs of one quote have one speaker: the one its own attribution names (in the first paragraph
    or after the last), given to the parts that name nobody of their own."""
    k = 0
    while k < len(found):
        j = k + 1
        while j < len(found) and found[j].continued:
            j += 1
        if j - k > 1:
            chain = found[k:j]
            named = next((q for q in chain if q.cue is not None and q.speaker is not None), None)
            named = named or next((q for q in chain if q.cue is not None and q.attribution is not None), None)
            if named is not None:
                for q in chain:
                    if q.cue is None:
                        q.speaker, q.attribution = named.speaker, named.attribution
        k = j
