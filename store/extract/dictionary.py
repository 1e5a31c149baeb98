"""English words the parsing model knows, to tell a word set in capitals ("FULL TEXT") from a name or an acronym."""

from __future__ import annotations

from spacy.vocab import Vocab

_WORDS: dict[int, frozenset[str]] = {}  # id of a model's vocabulary → its words


def remember(vocab: Vocab, lookups) -> None:
    """Keep the words of a model's lemmatizer index (WordNet's nouns, verbs, adjectives and adverbs, lower case),
    for the Docs of that model's ``vocab``; called once when the model is loaded."""
    try:
        index = lookups.get_table("lemma_index")
    except (KeyError, AttributeError):
        index = {}
    _WORDS[id(vocab)] = frozenset(word for words in index.values() for word in words)


def english_words(vocab: Vocab) -> frozenset[str]:
    """The words of the model that parsed a Doc of ``vocab``; empty when it has no such table."""
    return _WORDS.get(id(vocab), frozenset())
