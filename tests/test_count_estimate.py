"""The count a list shows first: exact when counting is quick, else estimated from a sample, and saying which."""

from __future__ import annotations

import pytest

import store.queries
from store.queries import Cancelled, CountEstimate
from store.query_syntax import parse

QUERIES = [
    "person:petrovic",  # a surname many people share
    'person:"Ana Petrović" after:2016-01-01',
    'by:"Ana Petrović"',
    "arrived",  # a word in every article
    '"of the"',
    'arrived person:"Ana Petrović" after:2016-01-01 before:2022-12-31',
    "before:2019-06-30",
    "quote:the",
    'source:"danube wire" after:2017-01-01',
]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """A store with more articles than the estimate's sample, so the sample is a part of it."""
    from bench.make_corpus import build
    from store.queries import Store

    path = tmp_path_factory.mktemp("estimate") / "big.db"
    build(path, 6000, progress=False)
    opened = Store.open(path)
    yield opened
    opened.close()


@pytest.mark.parametrize("text", QUERIES)
def test_a_count_made_within_its_time_is_exact_and_says_so(big_store, text, monkeypatch):
    monkeypatch.setattr(store.queries, "_COUNT_SECONDS", 60)  # time enough on the busiest machine
    query = parse(text)
    assert big_store.count_estimate(query) == CountEstimate(big_store.article_count(query), True)


@pytest.mark.parametrize("text", QUERIES)
def test_a_count_too_long_to_make_at_once_is_estimated_near_the_true_count(big_store, text, monkeypatch):
    query = parse(text)
    true = big_store.article_count(query)
    assert true >= 300  # each in a share of the store the sample sees many times
    monkeypatch.setattr(store.queries, "_COUNT_SECONDS", 0)  # no work allowed for an exact count
    estimate = big_store.count_estimate(query)
    assert not estimate.exact
    assert abs(estimate.value - true) <= 0.25 * true, (estimate, true)


def test_a_kept_count_or_a_name_matching_nothing_is_exact_without_counting(big_store, monkeypatch):
    monkeypatch.setattr(store.queries, "_COUNT_SECONDS", 0)
    assert big_store.count_estimate(None) == CountEstimate(6000, True)
    top = parse('person:"Ana Petrović"')
    assert big_store.count_estimate(top) == CountEstimate(big_store.kept_count(top), True)
    assert big_store.count_estimate(parse("person:nobodyofthatname")) == CountEstimate(0, True)


def test_a_query_matching_nothing_counts_zero_whether_counted_or_estimated(big_store, monkeypatch):
    monkeypatch.setattr(store.queries, "_COUNT_SECONDS", 0)
    estimate = big_store.count_estimate(parse("person:petrovic zzyzxq"))
    assert estimate.value == 0 == big_store.article_count(parse("person:petrovic zzyzxq"))


def test_an_estimate_stops_once_it_is_no_longer_wanted(big_store, monkeypatch):
    monkeypatch.setattr(store.queries, "_COUNT_SECONDS", 0)
    with pytest.raises(Cancelled):
        big_store.count_estimate(parse("person:petrovic after:2016-01-01"), cancelled=lambda: True)


def test_an_estimate_is_said_to_two_significant_figures():
    from tui.words import roughly

    assert [roughly(n) for n in (7, 42, 687, 24_118, 91_699, 1_234_567)] == [
        7,
        42,
        690,
        24_000,
        92_000,
        1_200_000,
    ]
