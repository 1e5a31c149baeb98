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

