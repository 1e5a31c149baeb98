"""The arbiter settles proposed mentions by the proposer's policy: each policy admits what it should and no more."""

from __future__ import annotations

from store.extract.arbiter import Policy, settle
from store.extract.entities import Mention


def m(i: int, j: int, kind: str = "person", canon: str | None = None) -> Mention:
    """A mention of tokens i:j (one character per token, for the test)."""
    return Mention(i, j, i, j, kind, canon=canon)


def spans(found: list[Mention]) -> list[tuple[int, int, str]]:
    return [(x.i, x.j, x.kind) for x in found]


def test_fill_goes_only_where_nothing_stands():
    settled = settle([m(2, 4)], [m(0, 2, "place"), m(3, 5, "organization")], Policy.FILL)
    assert spans(settled) == [(0, 2, "place"), (2, 4, "person")]


def test_fill_candidates_compete_in_their_order():
    assert spans(settle([], [m(0, 3), m(2, 4, "place")], Policy.FILL)) == [(0, 3, "person")]


def test_override_replaces_the_mentions_inside_it():
    settled = settle([m(1, 2, "organization"), m(2, 3, "place")], [m(1, 3)], Policy.OVERRIDE)
    assert spans(settled) == [(1, 3, "person")]


def test_override_never_replaces_a_table_s_name_or_one_reaching_outside():
    country = m(1, 2, "country", canon="Ruritania")
    assert spans(settle([country], [m(0, 3)], Policy.OVERRIDE)) == [(1, 2, "country")]
    wider = m(0, 4, "organization")
    assert spans(settle([wider], [m(1, 3)], Policy.OVERRIDE)) == [(0, 4, "organization")]


def test_replace_revises_a_mention_and_keeps_a_country_nested_in_it():
    org, nested = m(0, 4, "organization"), m(0, 1, "country", canon="Ruritania")
    settled = settle([org, nested], [m(0, 4, "person")], Policy.REPLACE)
    assert spans(settled) == [(0, 4, "person"), (0, 1, "country")]


def test_replace_by_a_country_takes_the_countries_it_joins():
    parts = [m(0, 1, "country", canon="A"), m(2, 3, "country", canon="B")]
    assert spans(settle(parts, [m(0, 3, "country", canon="A and B")], Policy.REPLACE)) == [(0, 3, "country")]


def test_nest_only_inside_a_mention_that_is_no_country():
    org = m(0, 4, "organization")
    assert spans(settle([org], [m(0, 1, "country", canon="R")], Policy.NEST)) == [
        (0, 4, "organization"),
        (0, 1, "country"),
    ]
    assert spans(settle([], [m(0, 1, "country", canon="R")], Policy.NEST)) == []
    country = m(0, 2, "country", canon="R")
    assert spans(settle([country], [m(0, 1, "country", canon="S")], Policy.NEST)) == [(0, 2, "country")]


def test_withdraw_takes_out_exactly_the_named_span():
    settled = settle([m(0, 2, "organization"), m(3, 4)], [m(0, 2, "organization"), m(3, 5)], Policy.WITHDRAW)
    assert spans(settled) == [(3, 4, "person")]
