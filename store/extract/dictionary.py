"""English words the model knows, to tell a word set in capitals ("FULL TEXT") from a name or an acronym."""

from __future__ import annotations

from functools import cache

from . import nlp as nlp_loader


@cache
def english_words() -> frozenset[str]:
    """Every lemma in the loaded model's lemmatizer index (WordNet's nouns, verbs, adjectives and adverbs,
    lower case); empty when the model has no such table."""
    try:
        lemmatizer = nlp_loader.load().get_pipe("lemmatizer")
        index = lemmatizer.lookups.get_table("lemma_index")
    except (KeyError, AttributeError, nlp_loader.ModelError):
        return frozenset()
    return frozenset(word for words in index.values() for word in words)
