"""Recognising speech cues: verbs from a broad lexicon, inflected or misspelt ("tweeeted")."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Token

from .lexicon import CUE_LEMMAS, IRREGULAR_FORMS

_REPEATS = re.compile(r"(.)\1{2,}")


def _stems(word: str) -> set[str]:
    """Candidate lemmas of an inflected form, by stripping regular English endings."""
    out = {word}
    for suffix, repl in (
        ("ied", "y"),
        ("ies", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            base = word[: -len(suffix)] + repl
            out.add(base)
            if len(base) >= 3 and base[-1] == base[-2] and repl == "":  # admitted → admit
                out.add(base[:-1])
    return out


def _deletions(word: str) -> set[str]:
    return {word[:k] + word[k + 1 :] for k in range(len(word))}


@cache
def _fuzzy_index() -> dict[str, str]:
    """Every lemma of length ≥ 5 under each of its one-letter deletions (typo tolerance of distance one)."""
    index: dict[str, str] = {}
    for lemma in CUE_LEMMAS:
        if len(lemma) >= 5:
            for d in _deletions(lemma) | {lemma}:
                index.setdefault(d, lemma)
    return index


@cache
def cue_lemma(word: str) -> str | None:
    """The cue lemma a word form stands for, or None: handles inflection, repeated letters and one-letter typos."""
    low = word.lower()
    if low in IRREGULAR_FORMS:
        return IRREGULAR_FORMS[low]
    collapsed = {low, _REPEATS.sub(r"\1\1", low), _REPEATS.sub(r"\1", low)}
    if len(low) >= 4:  # two letters swapped: "siad", "sadi"
        collapsed |= {low[:k] + low[k + 1] + low[k] + low[k + 2 :] for k in range(1, len(low) - 1)}
    for form in collapsed:
        if form in IRREGULAR_FORMS:
            return IRREGULAR_FORMS[form]
        for stem in _stems(form):
            if stem in CUE_LEMMAS:
                return stem
    if len(low) >= 6:
        # one letter left out ("anounced") or typed twice ("insistted"), never one changed or let in: "stayed",
        # "started", "tested" and "greeted" are words of their own, not typos of "stated", "tweeted", "agreed"
        index = _fuzzy_index()
        for form in collapsed:
            for stem in _stems(form):
                if len(stem) < 5:
                    continue
                if stem in index:
                    return index[stem]
                for k in range(1, len(stem)):  # a letter typed twice ("insistted")
                    if stem[k] == stem[k - 1] and (d := stem[:k] + stem[k + 1 :]) in CUE_LEMMAS:
                        return d
    return None


def is_cue(tok: Token) -> str | None:
    """The cue lemma of a verb-like token, or None."""
    if not tok.is_alpha or tok.pos_ not in ("VERB", "AUX", "NOUN", "PROPN", "ADJ"):
        return None
    if (
        tok.pos_ != "VERB"
        and tok.lemma_.lower() not in CUE_LEMMAS
        and tok.dep_ not in ("ROOT", "conj", "advcl")
    ):
        return None
    if tok.pos_ == "PROPN" and tok.ent_type_ and not tok.is_sent_start:
        return None  # "the Post's editor", "The Washington Post": a word of a name is no speech verb
    lemma = tok.lemma_.lower()
    if lemma in CUE_LEMMAS and tok.pos_ in ("VERB", "AUX"):
        return lemma
    return cue_lemma(tok.text)
