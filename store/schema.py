"""Tables, indexes and full-text indexes of the store, versioned by ``PRAGMA user_version``.

Each migration takes the store from one version to the next in one transaction; ``migrate`` applies the ones a
store lacks. A store from a newer newsdesk is refused rather than touched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .pairs import PAIR_FUNCTION, PAIR_TABLE, register

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

SCHEMA_VERSION = 5
FTS_TABLES = ("articles_fts", "quotes_fts")  # full-text indexes (external content: they index, never copy)
FTS_TOKENIZER = "unicode61 remove_diacritics 2"

# An article's place in the list's newest-first order as one integer: its day (a Julian day number, 0 when it
# has no date) above its id. The article full-text index is keyed by it (schema 4), so a query's doclist is in
# list order and its first page is the first rows of that doclist. Ids stay below 2**40; a Julian day of the
# year 9999 below 2**23, so the key fits SQLite's signed 64 bits.
KEY_BITS = 40
ID_MASK = (1 << KEY_BITS) - 1


def list_key_sql(published: str, article_id: str) -> str:
    """The SQL expression of the list key of an article whose date (ISO, NULL or '') and id are the SQL
    expressions ``published`` and ``article_id``."""
    return f"((coalesce(CAST(julianday({published}) AS INTEGER), 0) << {KEY_BITS}) | {article_id})"


def day_key_sql(day: str) -> str:
    """The SQL expression of the first list key of the ISO day that the SQL expression ``day`` holds."""
    return f"(CAST(julianday({day}) AS INTEGER) << {KEY_BITS})"


class SchemaError(Exception):
    """The file is not a store this newsdesk can use."""


def _v1(db: sqlite_utils.Database) -> None:
    db["articles"].create(
        {
            "id": int,
            "content_hash": str,
            "title": str,
            "dek": str,
            "byline": str,
            "source": str,
            "published": str,
            "url": str,
            "origin": str,
            "text": str,
            "blocks": str,
            "word_count": int,
            "people_count": int,
            "quote_count": int,
            "ingested_at": str,
        },
        pk="id",
        not_null={"content_hash", "title", "text"},
        defaults={"people_count": 0, "quote_count": 0, "word_count": 0},
    )
    db["entities"].create(
        {
            "id": int,
            "kind": str,
            "name": str,
            "key": str,
            "code": str,
            "role": str,
            "country_code": str,
            "article_count": int,
            "mention_count": int,
        },
        pk="id",
        not_null={"kind", "name", "key"},
        defaults={"article_count": 0, "mention_count": 0},
    )
    db["aliases"].create({"entity_id": int, "alias": str, "norm": str}, pk=("entity_id", "norm"))
    db["alias_words"].create({"word": str, "entity_id": int}, pk=("word", "entity_id"))
    db["entity_roles"].create(
        {"entity_id": int, "article_id": int, "role": str}, pk=("entity_id", "article_id", "role")
    )
    db["mentions"].create(
        {"id": int, "article_id": int, "entity_id": int, "start": int, "end": int},
        pk="id",
    )
    db["quotes"].create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
            "cue": str,
            "cue_start": int,
            "cue_end": int,
            "speaker_id": int,
            "speaker_start": int,
            "speaker_end": int,
            "published": str,
        },
        pk="id",
        not_null={"published"},
        defaults={"published": ""},
    )
    # published is the article's date ('' when unknown), kept here so an entity's articles come newest first
    # straight from an index, however many there are
    db["article_entities"].create(
        {"article_id": int, "entity_id": int, "mentions": int, "published": str},
        pk=("article_id", "entity_id"),
        not_null={"published"},
        defaults={"published": ""},
    )
    db["ingest_failures"].create({"origin": str, "reason": str, "at": str}, pk="origin")

    db["articles"].create_index(["content_hash"], unique=True)
    db["articles"].create_index(["published", "id"])
    db["articles"].create_index(["source", "published"])
    db["entities"].create_index(["kind", "key"], unique=True)
    db["entities"].create_index(["code"])
    db["aliases"].create_index(["norm"])
    db["alias_words"].create_index(["entity_id"])
    db["entity_roles"].create_index(["article_id"])
    db["mentions"].create_index(["article_id", "start"])
    db["mentions"].create_index(["entity_id", "article_id"])
    db["quotes"].create_index(["article_id", "start"])
    db["quotes"].create_index(["speaker_id", "published", "article_id", "start"])
    db["article_entities"].create_index(["entity_id", "published", "article_id"])
    # the article list's orders (queries.ORDERS), each served by an index rather than a sort
    db.execute("CREATE INDEX idx_articles_by_date ON articles (coalesce(published, ''), id)")
    db.execute("CREATE INDEX idx_articles_by_date_undated_last ON articles (coalesce(published, '9999'), id)")
    db.execute("CREATE INDEX idx_articles_by_quotes ON articles (quote_count, id)")
    db.execute("CREATE INDEX idx_articles_by_people ON articles (people_count, id)")
    db.execute("CREATE INDEX idx_articles_by_title ON articles (title COLLATE NOCASE, id)")

    db["articles"].enable_fts(["title", "dek", "text"], create_triggers=True, tokenize=FTS_TOKENIZER)
    db["quotes"].enable_fts(["text"], create_triggers=True, tokenize=FTS_TOKENIZER)


def _v2(db: sqlite_utils.Database) -> None:
    """Row counts kept by triggers: count(*) walks a whole index (a third of a second at a million articles),
    and the article list needs its length before it can draw."""
    db.execute("DROP TABLE IF EXISTS articles_fts_vocab")  # v1 counted words' articles with it: too slow
    db.execute("CREATE TABLE counts (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
    db.execute("INSERT INTO counts VALUES ('articles', (SELECT count(*) FROM articles))")
    db.execute(
        "CREATE TRIGGER counts_articles_insert AFTER INSERT ON articles "
        "BEGIN UPDATE counts SET n = n + 1 WHERE name = 'articles'; END"
    )
    db.execute(
        "CREATE TRIGGER counts_articles_delete AFTER DELETE ON articles "
        "BEGIN UPDATE counts SET n = n - 1 WHERE name = 'articles'; END"
    )


def _v3(db: sqlite_utils.Database) -> None:
    """Feed subscriptions live in the store (the one file a user backs up); an article is found by its URL, so
    that an update fetches only the entries it does not hold."""
    db["feeds"].create(
        {
            "id": int,
            "url": str,
            "title": str,
            "site_url": str,
            "etag": str,
            "last_modified": str,
            "added_at": str,
            "checked_at": str,
            "last_error": str,
        },
        pk="id",
        not_null={"url"},
    )
    db["feeds"].create_index(["url"], unique=True)
    # entry links whose page turned out to hold an article the store has under another address (a redirect,
    # a tracking link): known, so the next update does not fetch them again
    db["feed_links"].create({"url": str, "seen_at": str}, pk="url")
    db["articles"].create_index(["url"])


def _v4(db: sqlite_utils.Database) -> None:
    """The article full-text index is keyed by the list key (newest first) instead of the article id: the first
    page of a search is then the first rows of its doclist, read in order and stopped early, where before every
    match had to be collected and sorted by date, or the date index walked with a seek in the doclists for each
    article. The index is rebuilt, in one transaction: one to two minutes per 100,000 articles, once (17
    minutes for a million on 2 cores)."""
    db.execute(
        "ALTER TABLE articles ADD COLUMN list_key INTEGER GENERATED ALWAYS AS "
        f"({list_key_sql('published', 'id')}) VIRTUAL"
    )
    db.execute("CREATE INDEX idx_articles_list_key ON articles (list_key)")
    for trigger in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS articles_fts")
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, dek, text, content='articles', "
        f"content_rowid='list_key', tokenize='{FTS_TOKENIZER}')"
    )
    new = "(rowid, title, dek, text) VALUES (new.list_key, new.title, new.dek, new.text)"
    old = "(articles_fts, rowid, title, dek, text) VALUES ('delete', old.list_key, old.title, old.dek, old.text)"
    db.execute(
        f"CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN INSERT INTO articles_fts {new}; END"
    )
    db.execute(
        f"CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN INSERT INTO articles_fts {old}; END"
    )
    db.execute(
        "CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN "
        f"INSERT INTO articles_fts {old}; INSERT INTO articles_fts {new}; END"
    )
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")


def _v5(db: sqlite_utils.Database) -> None:
    """The word-pair index (``store.pairs``): a phrase of the commonest words is read from its pairs' doclists,
    where the word index reads every position of each word in most articles (the first page of "one of the"
    took 50-66 ms on a million articles, 190 with a person and dates). It is contentless (it keeps no text,
    only the index) and kept by triggers that call ``pairs.register``'s function. Built once: 59 s for
    100,000 articles, 13 minutes for a million (on 2 cores); it adds 7 % to the store."""
    db.execute(
        f"CREATE VIRTUAL TABLE {PAIR_TABLE} USING fts5(title, dek, text, content='', columnsize=0, "
        "tokenize='ascii')"
    )
    pairs = f"{PAIR_FUNCTION}({{0}}.title), {PAIR_FUNCTION}({{0}}.dek), {PAIR_FUNCTION}({{0}}.text)"
    new = f"(rowid, title, dek, text) VALUES (new.list_key, {pairs.format('new')})"
    old = f"({PAIR_TABLE}, rowid, title, dek, text) VALUES ('delete', old.list_key, {pairs.format('old')})"
    db.execute(
        f"CREATE TRIGGER article_pairs_ai AFTER INSERT ON articles BEGIN INSERT INTO {PAIR_TABLE} {new}; END"
    )
    db.execute(
        f"CREATE TRIGGER article_pairs_ad AFTER DELETE ON articles BEGIN INSERT INTO {PAIR_TABLE} {old}; END"
    )
    db.execute(  # only what the index holds: a count kept in the row (people_count, quote_count) is no change
        "CREATE TRIGGER article_pairs_au AFTER UPDATE OF title, dek, text, published ON articles BEGIN "
        f"INSERT INTO {PAIR_TABLE} {old}; INSERT INTO {PAIR_TABLE} {new}; END"
    )
    build_pairs(db.conn)


def build_pairs(conn: sqlite3.Connection) -> None:
    """Index every article's word pairs (into an empty pair index), then merge the index into one segment."""
    conn.execute(
        f"INSERT INTO {PAIR_TABLE} (rowid, title, dek, text) SELECT list_key, {PAIR_FUNCTION}(title), "
        f"{PAIR_FUNCTION}(dek), {PAIR_FUNCTION}(text) FROM articles"
    )
    conn.execute(f"INSERT INTO {PAIR_TABLE} ({PAIR_TABLE}) VALUES ('optimize')")


def recount(conn) -> None:
    """Set the kept counts from the rows (after a load that ran without the triggers)."""
    conn.execute("UPDATE counts SET n = (SELECT count(*) FROM articles) WHERE name = 'articles'")


MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5}


def _duration(minutes: float) -> str:
    """Minutes said roughly: "a few seconds", "about a minute", "about 12 minutes"."""
    if minutes < 0.5:
        return "a few seconds"
    return "about a minute" if minutes < 1.5 else f"about {round(minutes)} minutes"


def version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def check(db: sqlite_utils.Database) -> int:
    """The store's schema version, or SchemaError when this newsdesk must not touch the file."""
    before = version(db)
    if before > SCHEMA_VERSION:
        raise SchemaError(
            f"this store has schema version {before}, newer than this newsdesk knows ({SCHEMA_VERSION}); "
            "upgrade newsdesk to open it"
        )
    if before == 0 and any(not t.startswith("sqlite_") for t in db.table_names()):
        raise SchemaError(
            "this SQLite file is not a newsdesk store (it has other tables); refusing to touch it"
        )
    return before


# migrations that index every article again, and what they do: an existing store is told of them first (they
# take minutes at a million articles), with the minutes they take per 100,000 articles on 2 cores
_LONG = {4: ("rebuilding its full-text index", 1.5), 5: ("indexing its word pairs", 1.2)}


def migrate(db: sqlite_utils.Database, notice: Callable[[str], None] | None = None) -> int:
    """Bring the store up to SCHEMA_VERSION; return the version it had before. ``notice`` is told, in a line,
    of an upgrade that indexes an existing store's articles again, before it starts."""
    before = check(db)
    register(db.conn)  # the pair index's triggers call it
    long = [_LONG[v] for v in range(before + 1, SCHEMA_VERSION + 1) if v in _LONG]
    if notice is not None and before and long:
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        minutes = sum(m for _, m in long) * max(articles, 1) / 100_000
        notice(
            f"upgrading the store to schema {SCHEMA_VERSION}: {' and '.join(w for w, _ in long)} "
            f"({articles:,} articles), once: {_duration(minutes)}…"
        )
    for target in range(before + 1, SCHEMA_VERSION + 1):
        with db.conn:
            MIGRATIONS[target](db)
            db.execute(f"PRAGMA user_version = {target}")
    return before
