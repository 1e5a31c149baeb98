"""Hostile input whose cost must grow with its size, not with its square: long runs of punctuation through the
tokeniser, and searches for words an article repeats thousands of times. No test here times anything: each
counts the work done, or checks what a user sees (``python -m bench.linear_cost`` gives the timings)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.linear_cost import RUN_UNITS, run_of

PROSE = "Meliza Haradinaj, Kosovo's foreign minister, arrived in Sofia on Monday for talks on the embassy."
QUOTE = "“We will open the embassy in March,” Haradinaj said after the talks."


# ------------------------------------------------------------------------------------------ punctuation runs
def _tokeniser_work(nlp, text: str) -> int:
    """Characters spaCy's tokeniser searched for prefixes and suffixes while tokenising ``text``: a run of marks
    it peels one at a time is searched again after every mark, so this grows with the square of the run."""
    tokenizer = nlp.tokenizer
    searched = [0]

    def counting(search):
        def counted(string):
            searched[0] += len(string)
            return search(string)

        return counted

    prefix, suffix = tokenizer.prefix_search, tokenizer.suffix_search
    tokenizer.prefix_search, tokenizer.suffix_search = (
        counting(prefix),
        counting(suffix),
    )  # (clears its cache)
    try:
        doc = nlp.make_doc(text)
    finally:
        tokenizer.prefix_search, tokenizer.suffix_search = prefix, suffix
    assert doc.text == text
    return searched[0]


@pytest.mark.parametrize("unit", RUN_UNITS)
def test_the_tokeniser_work_on_a_run_of_punctuation_grows_with_its_length(unit):
    from store.extract.nlp import load

    nlp = load()
    short, long = (_tokeniser_work(nlp, f"{PROSE}\n{run_of(unit, n)}\n{QUOTE}") for n in (1_000, 2_000))
    assert long < 2.5 * short, (unit, short, long)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "Bc", "!", ".,", "&<", "'s", "_", "é", " ", "  ", "\n", " \n"]),
            st.integers(1, 150),
        ),
        max_size=8,
    )
)
@settings(max_examples=300, deadline=None)
def test_the_tokens_of_any_text_are_that_text(parts):
    """Runs cut into tokens of their own and long stretches cut into pieces: the tokens and the spaces after
    them still spell the text, character for character."""
    from store.extract.nlp import load

    text = "".join(unit * count for unit, count in parts)
    assert load().make_doc(text).text == text


def test_a_run_of_punctuation_leaves_the_text_and_what_is_found_around_it_unchanged():
    """The stored text is the file's; the people and quotes around a run are those found without it, at the
    same places (shifted by the run), and every offset points at the words it names."""
    from store.extract.pipeline import extract_one, to_json
    from store.readers import read_bytes

    run = "".join(run_of(unit, 2_000) for unit in RUN_UNITS)
    records = []
    for middle in ("", run):
        text = f"Embassy plans\n\n{PROSE}\n{middle}\n{QUOTE}\n"
        raw = next(iter(read_bytes(text.encode("utf-8"), "run.txt", "text")))
        records.append(to_json(raw, extract_one(raw)))
    plain, with_run = records
    assert with_run["text"] == f"Embassy plans\n\n{PROSE}\n{run}\n{QUOTE}\n"
    after = len(f"Embassy plans\n\n{PROSE}\n")  # where the run starts: what follows moves by its length

    def shifted(record: dict, by: int) -> tuple[list, list]:
        move = lambda at: at + by if at >= after else at  # noqa: E731
        people = sorted(
            (e["name"], e["kind"], [(move(m["start"]), m["text"]) for m in e["mentions"]])
            for e in record["entities"]
        )
        quotes = [(move(q["start"]), move(q["end"]), q["text"], q["speaker_name"]) for q in record["quotes"]]
        return people, quotes

    assert shifted(plain, len(run)) == shifted(with_run, 0)
    assert plain["quotes"] and any(e["kind"] == "person" for e in plain["entities"])
    text = with_run["text"]
    for entity in with_run["entities"]:
        assert all(text[m["start"] : m["end"]] == m["text"] for m in entity["mentions"])
    for quote in with_run["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


# ------------------------------------------------------------------------------------------------ snippets
_SEARCH = """
import json, sys
from store.queries import Store
store = Store.open(sys.argv[1])
hits = {
    q: {h.article.title[:20]: [h.snippet, h.offset, h.marks] for h in store.search(q)} for q in sys.argv[2:]
}
print(json.dumps(hits))
"""


def test_searches_on_articles_repeating_the_words_show_where_they_first_stand(tmp_path):
    """Two words and a word only the index's tokeniser finds (an accent left out), on a 120,000-word article
    that says both words in every sentence and on one whose title is 1 MB of them: the snippet is the first
    place the words stand, each of them marked. (Once the square of how often they stand: 26 s for the long
    article, minutes for the long title; the timeout is only a guard against that.)"""
    import json
    import subprocess
    import sys

    from bench.huge_article import synthetic_store
    from bench.linear_cost import long_title_article, repeating_article

    articles = {"long": repeating_article(120_000), "title": long_title_article(1_000_000)}
    path = tmp_path / "store.db"
    synthetic_store(path, articles)
    done = subprocess.run(
        [sys.executable, "-c", _SEARCH, str(path), "huge headline", "headlíne"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    hits = json.loads(done.stdout)
    for query, words in (("huge headline", {"huge", "headline"}), ("headlíne", {"headline"})):
        assert len(hits[query]) == 2, hits[query].keys()
        for article in articles.values():
            snippet, offset, marks = hits[query][article.split("\n")[0][:20]]
            first = min(article.index(w) for w in words)
            assert offset == first
            plain = snippet.strip("…")
            line = article[: article.index("\n")]
            assert "\n" not in plain and plain in line and line.index(plain) <= first < line.index(plain) + 20
            marked = [snippet[a:b] for a, b in marks]
            assert {m.lower() for m in marked} == words
            assert len(marked) == sum(plain.lower().split().count(w) for w in words)  # every one of them
