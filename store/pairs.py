"""The word-pair index: a phrase of the commonest English words found from its pairs, not from its words.

A phrase like "one of the" is in few articles while each of its words is in nearly every one. FTS5 finds it by
reading the positions of all three words in each article that has them all, until it has a page: about 87,000
articles for a page of 200 on a million synthetic articles, 50-66 ms, three times as many with a person in a
third of the articles. The pair index (``article_pairs``, schema 5) holds, for each article, each two
neighbouring tokens that are both among ``PAIR_WORDS`` as one term ("one0of"), in the order they stand. A
phrase of those words is then the phrase of its pairs, and its doclist is as short as its rarest pair's.

The tokens are the word index's own: ``store.fts_chars`` holds, as read from SQLite, which characters end a
token and which fold to ASCII inside one, so a pair stands here exactly where the word index has its two words
side by side (a test compares the two indexes on text made to tell them apart).
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import string

from .fts_chars import ASCII_FOLDS, SEPARATORS

# The 100 most frequent English words (wordfreq 3.1.1, large_en; the list bench/words_en.txt is drawn from):
# half of what anyone writes. Phrases of these words alone are the ones the word index cannot narrow.
# Changing the list changes what the index holds: it takes a schema migration that builds the index again.
PAIR_WORDS = frozenset(
    """the to and of a in i is for that you it on with this was be as are have at he not by but from my or we
    an your all so his they me if one can will just like about up out what has when more do no were who had
    their there her which time get been would she new people how some also them now other its our than good
    only after first him into know see two make over think any then could back these us want because go well
    said way most much""".split()
)
PAIR_TABLE = "article_pairs"
PAIR_FUNCTION = "newsdesk_pairs"  # the SQL function the index's triggers call (``register``)
_JOIN = "0"  # between the words of a pair: a digit, in no word of PAIR_WORDS, keeps the pair one token
_BREAK = "0"  # between runs of pairs: a token that is no pair, so that two runs are never neighbours

# a token as the word index's tokeniser finds it: a run of characters that end none. A class of characters
# beyond U+FFFF is a list SQLite's ranges are tried in one by one, a class of the others a table: text
# without such characters (most) is read with the table, every other character of that range ending a token.
_ASCII_SEPARATORS = re.escape("".join(c for c in map(chr, range(0x80)) if not c.isalnum()))
_BMP_SEPARATORS = "".join(p for p in re.findall(r".(?:-.)?", SEPARATORS, flags=re.S) if p[0] <= "\uffff")
_TOKEN = re.compile(f"[^{_ASCII_SEPARATORS}{_BMP_SEPARATORS}\U00010000-\U0010ffff]+")
_TOKEN_ANY = re.compile(f"[^{_ASCII_SEPARATORS}{SEPARATORS}]+")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_FOLD = str.maketrans(
    {c: c.lower() for c in string.ascii_uppercase}
    | {c: folded for folded, chars in ASCII_FOLDS.items() for c in chars}
)


def tokens(text: str) -> list[str]:
    """The tokens the word index makes of ``text``, as far as they can be words of PAIR_WORDS: folded to ASCII
    where the tokeniser folds them there (a token with any other letter keeps it, and so is no such word).
    A token of combining marks alone folds to nothing, and the tokeniser drops it."""
    pattern = _TOKEN_ANY if _BEYOND_BMP.search(text) else _TOKEN
    folded = (t.lower() if t.isascii() else t.translate(_FOLD) for t in pattern.findall(text))
    return [t for t in folded if t]


def pair_text(text: str | None) -> str:
    """What the pair index holds of ``text``: its pairs of neighbouring PAIR_WORDS, run by run."""
    if not text:
        return ""
    out: list[str] = []
    before: str | None = None
    for token in tokens(text):
        if token in PAIR_WORDS:
            if before is not None:
                out.append(f"{before}{_JOIN}{token}")
            before = token
        else:
            before = None
            if out and out[-1] != _BREAK:
                out.append(_BREAK)
    return " ".join(out)


def pair_phrase(words: str) -> str | None:
    """The pair index's expression for a phrase of two or more words all of PAIR_WORDS (the phrase ``words``,
    as FTS5 is given it); None for any other phrase, which the word index answers."""
    found = tokens(words)
    if len(found) < 2 or any(t not in PAIR_WORDS for t in found):
        return None
    return '"' + " ".join(f"{a}{_JOIN}{b}" for a, b in itertools.pairwise(found)) + '"'


def register(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the SQL function the pair index's triggers call; a connection without it cannot add,
    change or remove an article (SQLite says "no such function"), so the index never falls behind."""
    conn.create_function(PAIR_FUNCTION, 1, pair_text, deterministic=True)
