"""The word-pair index finds a phrase of common words exactly where the word index does, whatever the text
around the words: accents, combining marks, letters of other scripts, characters SQLite's tokeniser ends a
token at and Python does not."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.fts_chars import ASCII_FOLDS, SEPARATORS, ascii_separators, probe
from store.pairs import pair_phrase, pair_text, tokens
from store.query_syntax import parse

from .test_search import _reference

# Words of the pair list, in several cases and with accents the tokeniser folds, and another word; and what may
# stand between them: separators, nothing, and characters that end a token or sit inside one (a combining mark,
# a private-use or unassigned code point, a letter beyond U+FFFF, an emoji, a long s, the Kelvin sign).
_WORDS = ["of", "the", "one", "in", "OF", "The", "ONE", "óne", "thé", "İn", "ʻof", "ferry", "\u212a"]
_BETWEEN = [" ", " ", " ", ", ", "-", "_", "’", "\n", "\u00a0", "\u2014", "", "1", "²", "ſ", "日"]
_BETWEEN += ["\u0301", "\u0305", "\ue000", "\u0378", "\U0001d518", "🙂", "\u200b", "\u00ad", " \u0301 "]
TEXT = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_BETWEEN)), max_size=30).map(
    lambda pieces: "".join(w + b for w, b in pieces)
)
PHRASE = st.lists(st.sampled_from(["of", "the", "one", "in", "The", "óne"]), min_size=2, max_size=3)


def _word_index_terms(texts: list[str]) -> dict[int, list[str]]:
    """Each text's tokens as the word index's tokeniser makes them, in order."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", enumerate(texts, 1))
    found: dict[int, list[str]] = {i: [] for i in range(1, len(texts) + 1)}
    for doc, term in conn.execute("SELECT doc, term FROM v ORDER BY doc, offset"):
        found[doc].append(term)
    return found


def test_the_tokeniser_tables_are_what_this_sqlite_does():
    """``store.fts_chars`` was written from an SQLite; the one in use must tokenise the same (else rewrite it
    with ``python -m store.fts_chars``)."""
    assert probe() == (SEPARATORS, ASCII_FOLDS)
    assert ascii_separators() == "".join(c for c in map(chr, range(1, 0x80)) if not c.isalnum())


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=20))
def test_the_tokens_found_in_python_are_the_word_index_tokens(texts):
    """Token for token: the same number, and the same token wherever either is ASCII (a token of other letters
    is kept as written here, where only whether it is a word of the pair list matters)."""
    for text, (_, terms) in zip(texts, sorted(_word_index_terms(texts).items()), strict=True):
        ours = tokens(text)
        assert len(ours) == len(terms), (text, ours, terms)
        for mine, theirs in zip(ours, terms, strict=True):
            if mine.isascii() or theirs.isascii():
                assert mine == theirs, (text, ours, terms)


def test_pairs_stand_run_by_run():
    text = "One of the ferries, said one of the crew, is in the harbour: the first one."
    assert pair_text(text) == "one0of of0the 0 said0one one0of of0the 0 is0in in0the 0 the0first first0one"
    assert pair_text("ferry") == pair_text("") == pair_text(None) == ""
    assert pair_phrase("one of the") == '"one0of of0the"'
    assert pair_phrase("ONE óf") == '"one0of"'  # folded as the word index folds
    assert pair_phrase("of") is None and pair_phrase("of ferries") is None


def _store_of(texts: list[str]):
    import sqlite_utils

    from store.queries import Store
    from store.schema import migrate

    db = sqlite_utils.Database(memory=True)
    migrate(db)
    db.conn.executemany(
        "INSERT INTO articles (content_hash, title, dek, text, published) VALUES (?, ?, ?, ?, ?)",
        [(str(i), t[:9], t[9:15], t, f"2020-01-{1 + i % 28:02d}") for i, t in enumerate(texts)],
    )
    return Store(db)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=30), st.lists(PHRASE, min_size=1, max_size=4))
def test_a_phrase_of_common_words_finds_in_the_pair_index_what_the_word_index_finds(texts, phrases):
    store = _store_of(texts)
    for words in phrases:
        phrase = " ".join(words)
        expected = _reference(store, f'"{phrase}"')  # the word index's answer, the long way
        assert [h.article.id for h in store.search(f'"{phrase}"', limit=100)] == expected, phrase
        assert store.article_count(parse(f'"{phrase}"')) == len(expected)
    # an article changed or removed leaves the pair index with it
    store.db.execute("UPDATE articles SET text = 'one of the', title = '', dek = '' WHERE id = 1")
    store.db.execute("DELETE FROM articles WHERE id = 2")
    for words in phrases:
        phrase = " ".join(words)
        found = [h.article.id for h in store.search(f'"{phrase}"', limit=100)]
        assert found == _reference(store, f'"{phrase}"'), phrase


def test_a_program_without_the_pair_function_cannot_change_an_article(tmp_path):
    """The pair index is kept by triggers that call newsdesk's function: another program's write fails whole
    rather than leaving the index behind the articles."""
    from store.db import open_store

    path = tmp_path / "s.db"
    open_store(path).conn.close()
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.OperationalError, match="no such function"):
        conn.execute(
            "INSERT INTO articles (content_hash, title, text) VALUES ('x', 'Ferry', 'One of the ferries')"
        )
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (0,)
