"""Writing one extracted article into the store, in one transaction.

Plain SQL on purpose: sqlite-utils' insert helpers commit as they go, and an article must land whole or not at
all, so that a crash mid-run leaves the store consistent and a rerun finishes the job.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import sqlite_utils

from .countries import fold
from .db import transaction
from .readers import RawArticle

if TYPE_CHECKING:
    from .extract.pipeline import Extraction
    from .extract.quotes import FoundQuote


def content_hash(raw: RawArticle) -> str:
    """What makes two articles the same: their text, whitespace-insensitive."""
    return hashlib.sha256(" ".join(raw.text.split()).encode("utf-8")).hexdigest()


def known_hashes(db: sqlite_utils.Database, hashes: list[str]) -> set[str]:
    """Which of these content hashes the store already holds."""
    out: set[str] = set()
    for k in range(0, len(hashes), 500):
        chunk = hashes[k : k + 500]
        marks = ",".join("?" * len(chunk))
        out.update(
            r[0]
            for r in db.execute(f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk)
        )
    return out


def spellings(ent) -> list[str]:
    """An entity's name, then its other spellings sorted: the order its aliases are written in, so that of two
    spellings folding alike ("Beirut", "BEIRUT") the one kept does not hang on a set's order, which differs
    from one process to the next (string hashes are salted per process)."""
    return [ent.name, *sorted(ent.aliases - {ent.name})]


def alias_words(norm: str) -> list[str]:
    """The words of a folded alias that search matches on ("levi-tal" → levi, tal; possessives dropped)."""
    return [w for w in norm.replace("-", " ").replace("'s", "").split() if len(w) >= 2]


def _entity_id(db: sqlite_utils.Database, ent, mentions: int) -> int:
    """Insert or update an entity (one statement) and record its aliases; return its id."""
    entity_id = db.execute(
        "INSERT INTO entities (kind, name, key, code, role, country_code, article_count, mention_count) "
        "VALUES (?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT (kind, key) DO UPDATE SET "
        "article_count = article_count + 1, mention_count = mention_count + excluded.mention_count, "
        "role = coalesce(role, excluded.role), country_code = coalesce(country_code, excluded.country_code) "
        "RETURNING id",
        (ent.kind, ent.name, ent.key, ent.code, ent.role, ent.country_code, mentions),
    ).fetchone()[0]
    for alias in spellings(ent):
        norm = fold(alias)
        db.execute(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?, ?, ?)",
            (entity_id, alias, norm),
        )
        words = alias_words(norm)
        db.conn.executemany(
            "INSERT OR IGNORE INTO alias_words (word, entity_id) VALUES (?, ?)",
            [(w, entity_id) for w in words],
        )
    return entity_id


def save(
    db: sqlite_utils.Database, raw: RawArticle, extraction: Extraction, digest: str | None = None
) -> int | None:
    """Store one article with its entities, mentions and quotes in one transaction; return its id, or None if
    the store already holds it."""
    with transaction(db.conn):
        return _insert(db, raw, extraction, digest or content_hash(raw))


def article_row(raw: RawArticle, extraction: Extraction, digest: str, now: str) -> tuple:
    """The articles row of an extracted article, in the column order of both write paths."""
    return (
        digest,
        raw.title,
        raw.dek,
        raw.byline,
        raw.source,
        raw.published,
        raw.url,
        raw.origin,
        raw.text,
        json.dumps([[b.kind, b.start, b.end] for b in raw.blocks]),
        len(raw.text.split()),
        sum(1 for e in extraction.entities if e.kind == "person"),
        len(extraction.quotes),
        now,
    )


QUOTE_INSERT = (
    "INSERT INTO quotes (article_id, start, end, text, kind, cue, cue_start, cue_end, speaker_id, "
    "speaker_start, speaker_end, published) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)


def quote_row(article_id: int, raw: RawArticle, q: FoundQuote, entity_ids: list[int]) -> tuple:
    """The quotes row of a found quote (``entity_ids`` maps the article's entities to store ids)."""
    cue = q.cue or (None, None)
    return (
        article_id,
        q.start,
        q.end,
        raw.text[q.start : q.end],
        q.kind,
        raw.text[cue[0] : cue[1]] if q.cue else None,
        cue[0],
        cue[1],
        entity_ids[q.speaker] if q.speaker is not None else None,
        *(q.attribution or (None, None)),
        raw.published or "",
    )


def _insert(db: sqlite_utils.Database, raw: RawArticle, extraction: Extraction, digest: str) -> int | None:
    """The writes of one article, inside the caller's transaction."""
    conn = db.conn
    if conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
        return None
    cur = conn.execute(
        "INSERT INTO articles (content_hash, title, dek, byline, source, published, url, origin, text, blocks, "
        "word_count, people_count, quote_count, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        article_row(raw, extraction, digest, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    article_id = cur.lastrowid
    ids: list[int] = []
    for ent in extraction.entities:
        entity_id = _entity_id(db, ent, len(ent.mentions))
        ids.append(entity_id)
        conn.execute(
            "INSERT OR IGNORE INTO article_entities (article_id, entity_id, mentions, published) VALUES (?,?,?,?)",
            (article_id, entity_id, len(ent.mentions), raw.published or ""),
        )
        if ent.role:
            conn.execute(
                "INSERT OR IGNORE INTO entity_roles (entity_id, article_id, role) VALUES (?,?,?)",
                (entity_id, article_id, ent.role),
            )
        conn.executemany(
            "INSERT INTO mentions (article_id, entity_id, start, end) VALUES (?,?,?,?)",
            [(article_id, entity_id, m.start, m.end) for m in ent.mentions],
        )
    for q in extraction.quotes:
        conn.execute(QUOTE_INSERT, quote_row(article_id, raw, q, ids))
    return article_id


def record_failure(db: sqlite_utils.Database, origin: str, reason: str) -> None:
    """Remember a file that could not be read, so the app and the next run can tell the user."""
    db.execute(
        "INSERT OR REPLACE INTO ingest_failures (origin, reason, at) VALUES (?, ?, ?)",
        (origin, reason, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def forget_failure(db: sqlite_utils.Database, origin: str) -> None:
    db.execute("DELETE FROM ingest_failures WHERE origin = ?", (origin,))
