"""Quotes and their speakers, found through the dependency parse.

Handles the patterns reporters use: `"Q," said X` / `"Q," X said` / `X said: "Q"` / `X ..., saying "Q"` /
`adding that she "Q"` / a partial quote inside reported speech or a prepositional phrase / `according to X` /
a quote that follows an attributed one / pronoun and description speakers resolved to the right person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .cues import is_cue
from .entities import Mention
from .lexicon import DETERMINERS, LIGHT_CUES, PRONOUNS, TITLE_WORDS, WEAK_CUES
from .quote_marks import find_marked
from .resolve import ArticleEntity

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_INVERTED_DEPS = ("attr", "dobj", "dep", "npadvmod", "appos", "oprd", "nsubj", "conj")
_CLIMB_DEPS = ("advcl", "conj", "xcomp", "ccomp", "pcomp", "acl", "prep", "relcl", "parataxis", "dep")
_TITLE_INTRO = (
    "titled",
    "entitled",
    "called",
    "dubbed",
    "named",
    "so-called",
    "known",
    "headlined",
    "labelled",
    "labeled",
    "termed",
)
_ORG_NOUNS = {
    "ministry",
    "government",
    "office",
    "department",
    "agency",
    "commission",
    "company",
    "embassy",
    "police",
    "army",
    "spokesperson",
    "presidency",
    "council",
    "committee",
    "bank",
    "union",
    "party",
}


@dataclass(slots=True)
class FoundQuote:
    """A quote as extraction finds it; ``speaker`` indexes the article's entity list."""

    start: int
    end: int
    kind: str
    cue: tuple[int, int] | None = None
    speaker: int | None = None
    attribution: tuple[int, int] | None = None
    paragraphs: int = 1
    extra: dict = field(default_factory=dict)


_ABBREVIATIONS = {
    "FM": "Foreign Minister",
    "PM": "Prime Minister",
    "DM": "Defence Minister",
    "CEO": "chief executive",
    "MEP": "member of the European Parliament",
    "MP": "member of parliament",
}


def _expand(label: str) -> str:
    return " ".join(_ABBREVIATIONS.get(w, w) for w in label.split())


class _Context:
    """Lookups over one article: which entity each token belongs to, and where people are mentioned."""

    def __init__(self, doc: Doc, entities: list[ArticleEntity]):
        self.doc = doc
        self.entities = entities
        self.by_token: dict[int, int] = {}
        self.mentions: list[tuple[Mention, int]] = []
        for index, ent in enumerate(entities):
            for m in ent.mentions:
                self.mentions.append((m, index))
                for k in range(m.i, m.j):
                    self.by_token.setdefault(k, index)
        self.mentions.sort(key=lambda x: x[0].start)

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


def _is_title_like(text: str, doc_text: str, start: int) -> bool:
    """A short quoted title or scare quote ("the so-called "reset"", the report "Energy Futures")."""
    words = text.split()
    if len(words) <= 2:
        return True
    before = doc_text[max(0, start - 25) : start - 1].lower().split()
    capitalised = sum(1 for w in words if w[:1].isupper()) / len(words)
    if len(words) <= 8 and before and before[-1].strip(",") in _TITLE_INTRO:
        return True
    ends_sentence = text.rstrip()[-1:] in ".!?,;:"
    return len(words) <= 10 and capitalised >= 0.6 and not ends_sentence and " " in text


def _quote_span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _kind(doc: Doc, span: Span, start: int) -> str:
    """Direct: the quote is a clause of its own (its root has its own subject) or a capitalised sentence set off by
    punctuation or a cue; partial: quoted words inside someone else's sentence."""
    roots = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    for root in roots:
        if any(c.dep_ in _SUBJECT_DEPS and span.start <= c.i < span.end for c in root.children):
            return "direct"
        if root.dep_ == "ROOT" and root.pos_ in ("VERB", "AUX"):
            return "direct"
    first = span.text.lstrip()[:1]
    prev = doc.text[: start - 1].rstrip()[-1:]
    if first.isupper() and (
        prev in ("", ":", ",", "\n", ".", "—", "-") or doc.text[start - 2 : start - 1] == "\n"
    ):
        return "direct"
    return "partial"


def _cue_from_ancestors(span: Span, quoted: list[bool]) -> Token | None:
    """The first cue verb above the quote in the parse (the verb the quote is the complement of)."""
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head == t]
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
                return node
    return None


def _cue_nearby(doc: Doc, span: Span, quoted: list[bool]) -> Token | None:
    """A cue verb in the quote's own sentences, outside any quote: after the quote first, then before it."""
    first = doc[span.start].sent
    last = doc[span.end - 1].sent
    after = [t for t in doc[span.end : last.end] if not quoted[t.i]]
    before = [t for t in doc[first.start : span.start] if not quoted[t.i]][::-1]
    # "…,” she said. / “…,” said X. — look after a quote that ends with a comma, or the sentence's end
    for tok in after[:8] + before + after[8:]:
        if (lemma := is_cue(tok)) and lemma not in WEAK_CUES:
            return tok
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


def _subject(verb: Token, depth: int = 0) -> Token | None:
    """Who performs the cue: its subject, an inverted subject ("said X"), or the subject of the clause a
    participle or coordinated verb hangs from ("…, saying", "and added")."""
    for c in verb.children:
        if c.dep_ in _SUBJECT_DEPS:
            return c
    for c in verb.children:
        if c.i > verb.i and c.dep_ in _INVERTED_DEPS and (c.pos_ in ("PROPN", "PRON") or c.ent_type_):
            return c
    if verb.dep_ in _CLIMB_DEPS and verb.head != verb and depth < 4:
        return _subject(verb.head, depth + 1)
    return None


def _phrase(tok: Token) -> tuple[int, int]:
    """Character span of a subject phrase ("The foreign minister") up to its head, without what follows it."""
    doc = tok.doc
    i = tok.left_edge.i
    while i < tok.i and doc[i].is_punct:
        i += 1
    return doc[i].idx, tok.idx + len(tok)


class Attributor:
    """Finds the speaker of each quote of one article."""

    def __init__(self, doc: Doc, entities: list[ArticleEntity]):
        self.doc = doc
        self.ctx = _Context(doc, entities)
        self.previous: FoundQuote | None = None

    # ------------------------------------------------------------------ who is meant by a pronoun or a description
    def _salient_people(self, before: int, exclude: set[int], kinds=("person",)) -> list[int]:
        """People mentioned before a position, most salient first (recent sentence subjects lead)."""
        seen: dict[int, tuple[int, int]] = {}
        for m, index in self.ctx.mentions:
            if m.start >= before or index in exclude or self.ctx.kind(index) not in kinds:
                continue
            head = self.doc[m.j - 1]
            subject_bonus = 1 if head.dep_ in _SUBJECT_DEPS else 0
            sent = head.sent.start
            seen[index] = (sent, subject_bonus)
        prev_speaker = self.previous.speaker if self.previous is not None else None
        ranked = sorted(seen, key=lambda k: (seen[k][0], seen[k][1], k == prev_speaker), reverse=True)
        return ranked

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
        out = set()
        sent = subj.sent
        for k in range(sent.start, sent.end):
            if k in self.ctx.by_token and not (subj.left_edge.i <= k <= subj.right_edge.i):
                out.add(self.ctx.by_token[k])
        return out

    def _description(self, tok: Token) -> int | None:
        """ "the foreign minister", "the spokesman", "the ministry": the named entity the description fits."""
        head = tok.lemma_.lower()
        words = {t.lower_ for t in tok.subtree if t.is_alpha and t.lower_ not in DETERMINERS}
        if head not in TITLE_WORDS and head not in _ORG_NOUNS and tok.lower_ not in TITLE_WORDS:
            return None
        exclude = self._others_in_clause(tok)
        best: list[tuple[int, int]] = []
        for index, ent in enumerate(self.ctx.entities):
            if index in exclude:
                continue
            label = (
                (ent.role or "") if ent.kind == "person" else ent.name if ent.kind == "organization" else ""
            )
            label_words = {w.strip(",.'’s").lower() for w in _expand(label).replace("-", " ").split()}
            if head not in label_words and tok.lower_ not in label_words:
                continue
            best.append((len(words & label_words), index))
        if not best:
            return None
        top = max(score for score, _ in best)
        candidates = {index for score, index in best if score == top}
        for index in self._salient_people(tok.idx, exclude, kinds=("person", "organization")):
            if index in candidates:
                return index
        return None

    def _resolve(self, subj: Token) -> tuple[int | None, tuple[int, int]]:
        span = _phrase(subj)
        if (index := self.ctx.entity_of(subj)) is not None:
            m = next((m for m, i in self.ctx.mentions if i == index and m.i <= subj.i < m.j), None)
            return index, (m.start, m.end) if m else span
        if subj.pos_ == "PRON" and subj.lower_ in PRONOUNS:
            return self._pronoun(subj), (subj.idx, subj.idx + len(subj))
        return self._description(subj), span

    # ------------------------------------------------------------------------------------------- the quote
    def attribute(self, q: FoundQuote, span: Span, quoted: list[bool], paragraph_share: float) -> None:
        doc = self.doc
        cue = _cue_from_ancestors(span, quoted) or _cue_nearby(doc, span, quoted)
        subject = _subject(cue) if cue is not None else None
        if cue is not None:
            end = cue.idx + len(cue)
            if cue.lemma_.lower() in LIGHT_CUES:
                obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
                if obj is not None and obj.right_edge.i < span.start:
                    end = obj.right_edge.idx + len(obj.right_edge)
            q.cue = (cue.idx, end)
        if subject is None and (source := _according_to(doc, span, quoted)) is not None:
            subject = source
            q.cue = (source.idx, source.idx + len(source)) if q.cue is None else q.cue
            start = doc[source.i - 2] if source.i >= 2 else source
            if cue is None:
                q.cue = (start.idx, start.idx + len("according to"))
        if subject is not None:
            q.speaker, q.attribution = self._resolve(subject)
        elif (
            cue is None
            and paragraph_share >= 0.6
            and self.previous is not None
            and self.previous.speaker is not None
        ):
            # a quote standing alone as a paragraph continues the previous speaker
            q.speaker = self.previous.speaker
        self.previous = q


def find_quotes(
    doc: Doc, entities: list[ArticleEntity], paragraphs: list[tuple[int, int]]
) -> list[FoundQuote]:
    """Every quote in the article's paragraphs with its kind, cue and speaker."""
    marked = find_marked(doc.text, paragraphs)
    quoted = [False] * len(doc)
    spans: list[tuple[object, Span]] = []
    for m in marked:
        if _is_title_like(doc.text[m.start : m.end], doc.text, m.start):
            continue
        span = _quote_span(doc, m.start, m.end)
        if span is None or len(span) == 0:
            continue
        spans.append((m, span))
        for k in range(span.start, span.end):
            quoted[k] = True
    attributor = Attributor(doc, entities)
    found: list[FoundQuote] = []
    para_bounds = sorted(paragraphs)
    for m, span in spans:
        para = next(((s, e) for s, e in para_bounds if s <= m.start < e), (m.start, m.end))
        share = (m.end - m.start) / max(1, para[1] - para[0]) if m.paragraphs == 1 else 1.0
        q = FoundQuote(m.start, m.end, _kind(doc, span, m.start), paragraphs=m.paragraphs)
        attributor.attribute(q, span, quoted, share)
        found.append(q)
    return found
