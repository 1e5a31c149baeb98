"""Properties over arbitrary input: neutralisation keeps offsets, parsing and extraction never raise."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.query_syntax import QuerySyntaxError, parse
from store.readers import compose, parse_text
from store.sanitize import neutralise

# newsy fragments: words, names, cues and every kind of quote mark, joined at random
NEWSY = st.lists(
    st.sampled_from(
        [
            "a",
            "the",
            "She",
            " ",
            " ",
            "said",
            "told",
            "Kosovo",
            "Mr.",
            "Haradinaj",
            ",",
            ".",
            ":",
            "\n",
            '"',
            "“",
            "”",
            "‘",
            "’",
            "«",
            "»",
            "'",
            "—",
            "(",
            ")",
            "[b]",
            "\x1b",
            "according to",
            "é",
        ]
    ),
    max_size=80,
).map("".join)


def _extract(text: str):
    """Read arbitrary text as an article (as plain text when it has that layout) and extract it."""
    from store.extract.pipeline import extract_one

    try:
        raw = parse_text(text, "prop.txt")
    except ValueError:
        raw = compose("prop.txt", title="t", paragraphs=[text or "x"])
    return raw, extract_one(raw)


@given(st.text(max_size=300))
def test_neutralise_keeps_length_and_removes_controls(text):
    out = neutralise(text)
    assert len(out) == len(text)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out)
    assert "\r" not in out


@given(st.text(max_size=200))
def test_the_query_parser_either_parses_or_says_what_is_wrong(text):
    try:
        parse(text)
    except QuerySyntaxError as exc:
        assert exc.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_extraction_never_raises_and_offsets_are_valid(text):
    raw, result = _extract(text)
    n = len(raw.text)
    for ent in result.entities:
        for m in ent.mentions:
            assert 0 <= m.start < m.end <= n
    for q in result.quotes:
        assert 0 <= q.start < q.end <= n
        if q.cue:
            assert 0 <= q.cue[0] < q.cue[1] <= n
        if q.speaker is not None:
            assert 0 <= q.speaker < len(result.entities)


# fragments that drive the layout and name rules: datelines, sources, hyphenated names and countries, acronyms
LAYOUT = st.lists(
    st.sampled_from(
        [
            "BELGRADE (Danube Wire) - ",
            "NIŠ, Serbia (Reuters) — ",
            "PRISTINA — ",
            "Source: Danube Wire\n",
            "By Nikola Marković\n",
            "Miriam Levi-Tal",
            "Levi-Tal",
            "U.S.-brokered",
            "Kosovo Force (KFOR)",
            "KFOR",
            "Bosnia and",
            " Herzegovina",
            "spokesman",
            "Dragan Petrović",
            "the spokesman said",
            ", saying ",
            ", adding that she ",
            "the Lipa camp",
            "Reporters Without Borders",
            "“",
            "”",
            '"',
            "‘",
            "’",
            " ",
            "\n",
            ".",
            ",",
            "(",
            ")",
            "-",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LAYOUT)
def test_layout_rules_keep_spans_valid_and_disjoint(text):
    raw, result = _extract(text)
    for ent in result.entities:
        for m in ent.mentions:
            assert raw.text[m.start : m.end].strip() == raw.text[m.start : m.end] != ""
    spans = sorted((q.start, q.end) for q in result.quotes)
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start  # quotes never overlap
    for q in result.quotes:
        if q.cue:
            assert q.cue[1] <= q.start or q.cue[0] >= q.end  # a cue is outside its quote
