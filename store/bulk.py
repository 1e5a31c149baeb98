"""Loading many articles fast (synthetic corpora, imports): batches in one transaction, an in-memory entity map.

The ingest path (``store.writer.save``) writes one article per transaction and looks every entity up in the
store, which is what a crash-safe incremental ingest needs. A bulk load into a new store can do better: entity
ids, counts and aliases are kept in memory and written once per batch with ``executemany``; the non-unique
indexes and the full-text triggers are dropped while loading and rebuilt in one pass by ``finish`` (sorting once
beats updating a dozen B-trees per row). Until ``finish`` returns, the store is not usable.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlite_utils

from .countries import fold
from .db import transaction
from .identity import link_people
from .readers import RawArticle
from .schema import FTS_TABLES, build_pairs, recount
from .writer import QUOTE_INSERT, alias_words, article_row, quote_row, spellings

if TYPE_CHECKING:
    from .extract.pipeline import Extraction


class BulkLoader:
    """Write batches of extracted articles into an empty store."""

    def __init__(self, db: sqlite_utils.Database):
        if db.execute("SELECT count(*) FROM articles").fetchone()[0]:
            raise ValueError("bulk loading needs an empty store")
        self.db = db
        self._deferred = [
            (kind, name, sql)
            for kind, name, sql in db.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
            ).fetchall()
            if kind == "trigger" or not sql.upper().startswith("CREATE UNIQUE")
        ]
        with db.conn:
            for kind, name, _ in self._deferred:
                db.execute(f"DROP {kind} [{name}]")
        self._ids: dict[tuple[str, str], int] = {}
        self._counts: dict[int, list[int]] = {}  # entity id → [articles, mentions]
        self._aliases: set[tuple[int, str]] = set()
        self._next_entity = 1
        self._next_article = 1
        self._now = datetime.now(UTC).isoformat(timespec="seconds")

    def add(self, items: Iterable[tuple[RawArticle, Extraction, str]]) -> int:
        """Write (article, extraction, content hash) items in one transaction; return how many."""
        articles, entities, aliases, words, links, roles, mentions, quotes = [], [], [], [], [], [], [], []
        for raw, extraction, digest in items:
            article_id = self._next_article
            self._next_article += 1
            articles.append((article_id, *article_row(raw, extraction, digest, self._now)))
            ids = []
            for ent in extraction.entities:
                key = (ent.kind, ent.key)
                entity_id = self._ids.get(key)
                if entity_id is None:
                    entity_id = self._ids[key] = self._next_entity
                    self._next_entity += 1
                    entities.append(
                        (entity_id, ent.kind, ent.name, ent.key, ent.code, ent.role, ent.country_code)
                    )
                    self._counts[entity_id] = [0, 0]
                ids.append(entity_id)
                counts = self._counts[entity_id]
                counts[0] += 1
                counts[1] += len(ent.mentions)
                for alias in spellings(ent):
                    norm = fold(alias)
                    if (entity_id, norm) not in self._aliases:
                        self._aliases.add((entity_id, norm))
                        aliases.append((entity_id, alias, norm))
                        words.extend((w, entity_id) for w in alias_words(norm))
                links.append((article_id, entity_id, len(ent.mentions), raw.published or ""))
                if ent.role:
                    roles.append((entity_id, article_id, ent.role))
                mentions.extend((article_id, entity_id, m.start, m.end) for m in ent.mentions)
            quotes.extend(quote_row(article_id, raw, q, ids) for q in extraction.quotes)
        conn = self.db.conn
        with transaction(conn):
            conn.executemany(
                "INSERT INTO articles (id, content_hash, title, dek, byline, source, published, url, origin, text, "
                "blocks, word_count, people_count, quote_count, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                articles,
            )
            conn.executemany(
                "INSERT INTO entities (id, kind, name, key, code, role, country_code) VALUES (?,?,?,?,?,?,?)",
                entities,
            )
            conn.executemany("INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?,?,?)", aliases)
            conn.executemany("INSERT OR IGNORE INTO alias_words (word, entity_id) VALUES (?,?)", words)
            conn.executemany(
                "INSERT OR IGNORE INTO article_entities (article_id, entity_id, mentions, published) VALUES (?,?,?,?)",
                links,
            )
            conn.executemany(
                "INSERT OR IGNORE INTO entity_roles (entity_id, article_id, role) VALUES (?,?,?)", roles
            )
            conn.executemany(
                "INSERT INTO mentions (article_id, entity_id, start, end) VALUES (?,?,?,?)", mentions
            )
            conn.executemany(QUOTE_INSERT, quotes)
        return len(articles)

    def finish(self) -> None:
        """Write the entities' counts, rebuild the indexes, full-text and pair indexes, restore the triggers."""
        conn = self.db.conn
        with transaction(conn):
            conn.executemany(
                "UPDATE entities SET article_count = ?, mention_count = ? WHERE id = ?",
                [(a, m, entity_id) for entity_id, (a, m) in self._counts.items()],
            )
            for _, _, sql in self._deferred:
                conn.execute(sql)
            for table in FTS_TABLES:  # rebuilt, then merged into one segment: a term is one seek, not sixteen
                conn.execute(f"INSERT INTO {table} ({table}) VALUES ('rebuild')")
                conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
            build_pairs(conn)
            recount(conn)
        link_people(conn)
        conn.execute("ANALYZE")  # statistics for the query planner
