"""One person, one entity across the store: surnames alone and middle names join the person the store knows."""

from __future__ import annotations

from store.db import open_store
from store.identity import link_people
from store.ingest import ingest
from store.queries import Store

ARTICLES = {
    "full.txt": (
        "Envoy visits\n\nMaria Velasquez Ortega, the foreign minister, met Tomas Brandt in Lisbon on Monday. "
        "Maria Ortega said the talks went well. Ortega thanked the hosts.\n"
    ),
    "full2.txt": "Talks resume\n\nForeign minister Maria Ortega returned to Lisbon. Ortega said little.\n",
    "alone.txt": 'Minister speaks\n\n"We are close to a deal," Ortega said on Tuesday in Madrid.\n',
    "alone2.txt": "Minister travels\n\nOrtega flew to Rome, where Ortega met the press.\n",
    "kin1.txt": "Brothers\n\nPaul Brandt and his brother Tomas Brandt opened a shop in Porto.\n",
    "kin2.txt": "Shop opens\n\nTomas Brandt cut the ribbon. Paul Brandt spoke.\n",
    "kin3.txt": "Shop closes\n\nPaul Brandt closed the shop. Tomas Brandt was away.\n",
    "brandt.txt": 'Sale\n\n"We will sell the shop," Mr. Brandt said on Friday.\n',
}


def _store(tmp_path) -> Store:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "s.db"
    ingest(open_store(path), [str(tmp_path / name) for name in ARTICLES])
    return Store.open(path)


def _people(store: Store, word: str) -> dict[str, int]:
    return {e.name: e.article_count for e in store.find_entities(word, kind="person")}


def test_a_surname_alone_and_a_middle_name_join_the_person_the_store_knows(tmp_path):
    people = _people(_store(tmp_path), "Ortega")
    assert people == {"Maria Ortega": 4}


def test_a_surname_two_people_share_stays_apart(tmp_path):
    people = _people(_store(tmp_path), "Brandt")
    assert set(people) == {"Paul Brandt", "Tomas Brandt", "Brandt"}


def test_linking_again_changes_nothing_and_counts_stay_true(tmp_path):
    store = _store(tmp_path)
    db = open_store(tmp_path / "s.db")
    assert link_people(db.conn) == 0
    rows = db.execute(
        "SELECT e.name, e.article_count, (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id), "
        "e.mention_count, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) FROM entities e"
    ).fetchall()
    assert all(articles == linked and mentions == counted for _, articles, linked, mentions, counted in rows)
    assert _people(store, "Ortega") == {"Maria Ortega": 4}
