"""The word lists the extraction rules use, read once from ``lexicon.toml`` beside this module (every list lives
there, one place each), and the patterns of acronyms and roman numerals."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files


@cache
def _lexicon() -> dict:
    return tomllib.loads(files(__package__).joinpath("lexicon.toml").read_text(encoding="utf-8"))


def words(name: str) -> frozenset[str]:
    """One list of ``lexicon.toml``: a set of words."""
    return frozenset(_lexicon()[name])


def table(name: str) -> dict:
    """One table of ``lexicon.toml``: a word (or name) mapped to what it stands for, in the file's order."""
    return dict(_lexicon()[name])


CUE_LEMMAS = words("cue_verbs") | words("weak_cue_verbs")
LIGHT_CUES = words("light_cue_verbs")
WEAK_CUES = words("weak_cue_verbs")

IRREGULAR_FORMS = table("irregular_verb_forms")

HONORIFICS = words("honorifics") | words("female_honorifics") | words("male_honorifics")
FEMALE_HONORIFICS = words("female_honorifics")
MALE_HONORIFICS = words("male_honorifics")

TITLE_WORDS = words("title_words")
GENERIC_NOUNS = words("generic_nouns")
DETERMINERS = words("determiners")
PRONOUNS: dict[str, str | None] = {word: gender or None for word, gender in table("pronouns").items()}

KNOWN_ORGS: dict[str, tuple[str, ...]] = {
    name: tuple(aka) for name, aka in table("known_organisations").items()
}

KNOWN_PLACES = words("known_places")

ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&-]{1,7}$")
ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")

DESCRIPTION_SYNONYMS: dict[str, frozenset[str]] = {
    word: frozenset(fits) for word, fits in table("description_synonyms").items()
}

PLACE_HEADS = words("place_heads")

PARTY_FORMS = table("party_forms")

PERSON_DESCRIPTORS = words("person_descriptors")

ORG_DESCRIPTORS = words("organisation_descriptors")
DOCUMENT_WORDS = words("document_words")
