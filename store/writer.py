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
from .readers import RawArticle

if TYPE_CHECKING:
    from .extract.pipeline import Extraction


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


def _entity_id(db: sqlite_utils.Database, ent, mentions: int) -> int:
    key = ent.key
    row = db.execute(
        "SELECT id, role, country_code FROM entities WHERE kind = ? AND key = ?", (ent.kind, key)
    ).fetchone()
    if row is None:
        cur = db.execute(
            "INSERT INTO entities (kind, name, key, code, role, country_code, article_count, mention_count) "
            "VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
            (ent.kind, ent.name, key, ent.code, ent.role, ent.country_code, mentions),
        )
        entity_id = cur.lastrowid
    else:
        entity_id = row[0]
        db.execute(
            "UPDATE entities SET article_count = article_count + 1, mention_count = mention_count + ?, "
            "role = coalesce(role, ?), country_code = coalesce(country_code, ?) WHERE id = ?",
            (mentions, ent.role, ent.country_code, entity_id),
        )
    for alias in ent.aliases | {ent.name}:
        norm = fold(alias)
        db.execute(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, norm) VALUES (?, ?, ?)",
            (entity_id, alias, norm),
        )
        for word in norm.replace("-", " ").replace("'s", "").split():
            if len(word) >= 2:
                db.execute(
                    "INSERT OR IGNORE INTO alias_words (word, entity_id) VALUES (?, ?)", (word, entity_id)
                )
    return entity_id


def save(
    db: sqlite_utils.Database, raw: RawArticle, extraction: Extraction, digest: str | None = None
) -> int | None:
    """Store one article with its entities, mentions and quotes; return its id, or None if already stored."""
    digest = digest or content_hash(raw)
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
            conn.execute("ROLLBACK")
            return None
        blocks = json.dumps([[b.kind, b.start, b.end] for b in raw.blocks])
        people = sum(1 for e in extraction.entities if e.kind == "person")
        cur = conn.execute(
            "INSERT INTO articles (content_hash, title, dek, byline, source, published, url, origin, text, blocks, "
            "word_count, people_count, quote_count, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                digest,
                raw.title,
                raw.dek,
                raw.byline,
                raw.source,
                raw.published,
                raw.url,
                raw.origin,
                raw.text,
                blocks,
                len(raw.text.split()),
                people,
                len(extraction.quotes),
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        article_id = cur.lastrowid
        ids: list[int] = []
        for ent in extraction.entities:
            entity_id = _entity_id(db, ent, len(ent.mentions))
            ids.append(entity_id)
            conn.execute(
                "INSERT OR IGNORE INTO article_entities (article_id, entity_id, mentions) VALUES (?,?,?)",
                (article_id, entity_id, len(ent.mentions)),
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
            speaker = ids[q.speaker] if q.speaker is not None else None
            cue = q.cue or (None, None)
            attribution = q.attribution or (None, None)
            conn.execute(
                "INSERT INTO quotes (article_id, start, end, text, kind, cue, cue_start, cue_end, speaker_id, "
                "speaker_start, speaker_end) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article_id,
                    q.start,
                    q.end,
                    raw.text[q.start : q.end],
                    q.kind,
                    raw.text[cue[0] : cue[1]] if q.cue else None,
                    cue[0],
                    cue[1],
                    speaker,
                    *attribution,
                ),
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return article_id


def record_failure(db: sqlite_utils.Database, origin: str, reason: str) -> None:
    """Remember a file that could not be read, so the app and the next run can tell the user."""
    db.execute(
        "INSERT OR REPLACE INTO ingest_failures (origin, reason, at) VALUES (?, ?, ?)",
        (origin, reason, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def forget_failure(db: sqlite_utils.Database, origin: str) -> None:
    db.execute("DELETE FROM ingest_failures WHERE origin = ?", (origin,))
