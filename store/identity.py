"""One person, one entity across the store: linking what one article alone cannot.

Within an article, "Obama" joins "Barack Obama" when the article names him in full. An article that only ever
writes "Obama" ("President Obama said …") makes a person entity of the surname alone, and another that writes
"Hillary Rodham Clinton" a second entity beside "Hillary Clinton". After each ingest run, ``link_people`` merges:

- a full name with middle names into the same first and last name, when exactly one person has them
  ("Hillary Rodham Clinton" → "Hillary Clinton"; "George H. W. Bush" has no "George Bush" to join and stays);
- a surname alone into the person who holds that surname in the store, when one person clearly does: at least
  ``SHARE`` of the articles of the people of that surname, and ``LEAD`` times the next ("Obama" → "Barack
  Obama", but "Bush" stays alone beside "Jeb Bush" and "George W. Bush").

A merge moves mentions, quotes, roles, aliases and article links to the person kept, in one transaction; it is
idempotent, so a run that stops half-way is finished by the next.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from .countries import fold
from .db import transaction

SHARE = 0.75
LEAD = 3.0


def _merges(people: list[tuple[int, str, int]]) -> dict[int, int]:
    """entity id → the id of the person it is merged into, from (id, name, article count) of every person."""
    words = {pid: fold(name).split() for pid, name, _ in people}
    count = {pid: n for pid, _, n in people}
    by_first_last: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pid, w in words.items():
        if len(w) >= 2:
            by_first_last[(w[0], w[-1])].append(pid)
    into: dict[int, int] = {}
    for pid, w in words.items():
        if len(w) >= 3:
            plain = [p for p in by_first_last[(w[0], w[-1])] if len(words[p]) == 2]
            if len(plain) == 1:
                into[pid] = plain[0]
    held: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))  # surname → person → articles
    for pid, w in words.items():
        if len(w) >= 2:
            held[w[-1]][into.get(pid, pid)] += count[pid]
    for pid, w in words.items():
        if len(w) != 1 or not held.get(w[0]):
            continue
        ranked = sorted(held[w[0]].items(), key=lambda kv: -kv[1])
        top, top_n = ranked[0]
        rest = sum(n for _, n in ranked[1:])
        second = ranked[1][1] if len(ranked) > 1 else 0
        if top_n >= SHARE * (top_n + rest) and top_n >= LEAD * second:
            into[pid] = top
    return into


def _merge(conn: sqlite3.Connection, src: int, dst: int) -> None:
    """Move everything of entity ``src`` to ``dst`` and delete ``src``."""
    conn.execute(
        "UPDATE articles SET people_count = people_count - 1 WHERE id IN (SELECT article_id FROM "
        "article_entities WHERE entity_id = ? INTERSECT SELECT article_id FROM article_entities WHERE entity_id = ?)",
        (src, dst),
    )
    conn.execute(
        "INSERT INTO article_entities (article_id, entity_id, mentions, published) "
        "SELECT article_id, ?, mentions, published FROM article_entities WHERE entity_id = ? AND true "
        "ON CONFLICT (article_id, entity_id) DO UPDATE SET mentions = mentions + excluded.mentions",
        (dst, src),
    )
    conn.execute("DELETE FROM article_entities WHERE entity_id = ?", (src,))
    conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", (dst, src))
    conn.execute("UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", (dst, src))
    for table, columns in (
        ("entity_roles", "article_id, role"),
        ("aliases", "alias, norm"),
        ("alias_words", "word"),
    ):
        conn.execute(
            f"INSERT OR IGNORE INTO {table} (entity_id, {columns}) SELECT ?, {columns} FROM {table} WHERE entity_id = ?",
            (dst, src),
        )
        conn.execute(f"DELETE FROM {table} WHERE entity_id = ?", (src,))
    conn.execute(
        "UPDATE entities SET mention_count = mention_count + (SELECT mention_count FROM entities WHERE id = ?), "
        "role = coalesce(role, (SELECT role FROM entities WHERE id = ?)), "
        "country_code = coalesce(country_code, (SELECT country_code FROM entities WHERE id = ?)), "
        "article_count = (SELECT count(*) FROM article_entities WHERE entity_id = ?) WHERE id = ?",
        (src, src, src, dst, dst),
    )
    conn.execute("DELETE FROM entities WHERE id = ?", (src,))


def link_people(conn: sqlite3.Connection) -> int:
    """Merge the store's person entities that name one person (see the module); return how many were merged."""
    people = conn.execute("SELECT id, name, article_count FROM entities WHERE kind = 'person'").fetchall()
    into = _merges(people)
    if not into:
        return 0
    with transaction(conn):
        for src, dst in sorted(into.items()):
            while dst in into:  # a chain ends at a person that is kept
                dst = into[dst]
            _merge(conn, src, dst)
    return len(into)
