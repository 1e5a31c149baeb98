"""Exports of a search: its articles, the quotes they carry or their entities, as CSV, JSON Lines or Markdown.

Streamed: the store's own search (``Store.article_ids``, newest first) is read from one cursor a page of ids at a
time, and each page's rows are written before the next page is read, so memory stays the same on a million
articles.
Untrusted text stays data: CSV through ``csv`` (with cells a spreadsheet would run as a formula made inert),
JSON through ``json``, Markdown escaped.
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote as url_quote

from .query_syntax import Query, QuerySyntaxError, parse

if TYPE_CHECKING:
    from .queries import Store

FORMATS = ("csv", "jsonl", "md")
WHATS = ("articles", "quotes", "entities")
PAGE = 500  # articles read per page: a page's rows are written before the next page is read

ARTICLE_COLUMNS = (
    "id",
    "title",
    "dek",
    "byline",
    "source",
    "published",
    "url",
    "origin",
    "word_count",
    "people_count",
    "quote_count",
    "text",
)
QUOTE_COLUMNS = (
    "quote_id",
    "article_id",
    "speaker",
    "speaker_id",
    "text",
    "kind",
    "cue",
    "start",
    "end",
    "cue_start",
    "cue_end",
    "speaker_start",
    "speaker_end",
    "title",
    "published",
    "source",
    "url",
)
ENTITY_COLUMNS = (
    "article_id",
    "entity_id",
    "name",
    "kind",
    "code",
    "role",
    "country_code",
    "mentions",
    "title",
    "published",
    "source",
)
COLUMNS = {"articles": ARTICLE_COLUMNS, "quotes": QUOTE_COLUMNS, "entities": ENTITY_COLUMNS}

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection); a leading ' shows it
# as the text it is.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# ----------------------------------------------------------------------------------------------- reading
def matching_pages(store: Store, query: str | Query, page: int = PAGE) -> Iterator[list[int]]:
    """The ids of the articles a search finds, newest first (the order of ``newsdesk search``), ``page`` at a
    time, read from one cursor (``Store.article_ids``). An empty query is every article. Raises
    QuerySyntaxError for a query that cannot be parsed or that SQLite refuses."""
    q = parse(query) if isinstance(query, str) else query
    try:
        ids = store.article_ids(None if q.empty else q)
        while chunk := list(itertools.islice(ids, page)):
            yield chunk
    except sqlite3.OperationalError as exc:  # as Store.search reports one
        raise QuerySyntaxError(f"the store cannot run this query ({exc})") from None


def _marks(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def _article_rows(store: Store, ids: list[int]) -> Iterator[dict]:
    cursor = store.db.execute(
        f"SELECT {', '.join(f'[{c}]' for c in ARTICLE_COLUMNS)} FROM articles WHERE id IN ({_marks(ids)})",
        ids,
    )
    found = {row[0]: row for row in cursor}
    for article_id in ids:
        if article_id in found:
            yield dict(zip(ARTICLE_COLUMNS, found[article_id], strict=True))


# A quote's row: who spoke is the speaker's name, else the words that attribute the quote ("a spokeswoman"), as
# Quote.source reads them; the article's text is read only for those quotes.
_QUOTE_SELECT = (
    "SELECT q.id, q.article_id, coalesce(s.name, CASE WHEN q.speaker_start >= 0 "
    "AND q.speaker_end > q.speaker_start AND q.speaker_end - q.speaker_start <= 200 "
    "AND q.speaker_end <= length(a.text) "
    "THEN substr(a.text, q.speaker_start + 1, q.speaker_end - q.speaker_start) END), "
    "q.speaker_id, q.text, q.kind, q.cue, q.start, q.end, q.cue_start, q.cue_end, q.speaker_start, "
    "q.speaker_end, a.title, a.published, a.source, a.url FROM quotes q "
    "LEFT JOIN entities s ON s.id = q.speaker_id JOIN articles a ON a.id = q.article_id"
)


def _quote_row(row: tuple) -> dict:
    speaker = " ".join(row[2].split()) or None if row[2] is not None else None
    return dict(zip(QUOTE_COLUMNS, (*row[:2], speaker, *row[3:]), strict=True))


def _quote_rows(store: Store, ids: list[int]) -> Iterator[dict]:
    by_article: dict[int, list[tuple]] = {}
    for row in store.db.execute(
        f"{_QUOTE_SELECT} WHERE q.article_id IN ({_marks(ids)}) ORDER BY q.article_id, q.start, q.id", ids
    ):
        by_article.setdefault(row[1], []).append(row)
    for article_id in ids:
        for row in by_article.get(article_id, ()):
            yield _quote_row(row)


def entity_quote_rows(store: Store, entity_id: int, page: int = PAGE) -> Iterator[dict]:
    """Every quote an entity said, newest first (the order of its page), as export rows: the quotes' ids are read
    from one cursor on the speaker's index, and their rows ``page`` at a time."""
    ids = (
        row[0]
        for row in store.db.execute(
            "SELECT q.id FROM quotes q WHERE q.speaker_id = ? "
            "ORDER BY q.published DESC, q.article_id DESC, q.start",
            (entity_id,),
        )
    )
    while chunk := list(itertools.islice(ids, page)):
        found = {
            row[0]: row for row in store.db.execute(f"{_QUOTE_SELECT} WHERE q.id IN ({_marks(chunk)})", chunk)
        }
        yield from (_quote_row(found[i]) for i in chunk if i in found)


def _entity_rows(store: Store, ids: list[int]) -> Iterator[dict]:
    heads = {
        row[0]: row[1:]
        for row in store.db.execute(
            f"SELECT id, title, published, source FROM articles WHERE id IN ({_marks(ids)})", ids
        )
    }
    by_article: dict[int, list[tuple]] = {}
    for row in store.db.execute(
        "SELECT ae.article_id, e.id, e.name, e.kind, e.code, coalesce(r.role, e.role), e.country_code, "
        "ae.mentions FROM article_entities ae JOIN entities e ON e.id = ae.entity_id "
        "LEFT JOIN entity_roles r ON r.entity_id = e.id AND r.article_id = ae.article_id "
        f"WHERE ae.article_id IN ({_marks(ids)}) GROUP BY ae.article_id, e.id "
        "ORDER BY ae.article_id, e.kind, ae.mentions DESC, e.name",
        ids,
    ):
        by_article.setdefault(row[0], []).append(row)
    for article_id in ids:
        if article_id not in heads:
            continue
        title, published, source = heads[article_id]
        for row in by_article.get(article_id, ()):
            yield {
                **dict(zip(ENTITY_COLUMNS[:8], row, strict=True)),
                "title": title,
                "published": published,
                "source": source,
            }


_ROWS = {"articles": _article_rows, "quotes": _quote_rows, "entities": _entity_rows}


def export_rows(store: Store, query: str | Query, what: str, page: int = PAGE) -> Iterator[dict]:
    """Every row of an export, page by page: articles, their quotes (text order), or article–entity pairs."""
    rows = _ROWS[what]
    for ids in matching_pages(store, query, page):
        yield from rows(store, ids)


# ----------------------------------------------------------------------------------------------- writing
def spreadsheet_safe(value: object) -> object:
    """A CSV cell that a spreadsheet shows rather than runs: text starting like a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict], out: TextIO, columns: tuple[str, ...]) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for row in rows:
        writer.writerow([spreadsheet_safe(row[c]) for c in columns])
        n += 1
    return n


def write_jsonl(rows: Iterable[dict], out: TextIO, columns: tuple[str, ...]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&$])")
_SPACES = re.compile(r"\s+")
_LINE_START = re.compile(r"^([-=]|\d+[.)])")


def md_text(text: str | None) -> str:
    """Text shown as itself in Markdown: on one line, every character Markdown could read as syntax escaped
    (and a start that would read as a list item or a heading underline)."""
    text = _MD_SPECIAL.sub(r"\\\1", _SPACES.sub(" ", text or "").strip())
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def md_url(url: str | None) -> str:
    """A web address as a Markdown autolink (http and https only, its spaces and brackets percent-encoded);
    any other address as escaped text, so it never becomes a link."""
    url = (url or "").strip()
    if not re.match(r"https?://", url, re.IGNORECASE):
        return md_text(url)
    return "<" + url_quote(url, safe="/:?#@!$&'*+,;=%~-._[]") + ">"


def _citation_tail(row: dict) -> str:
    parts = [f"*{md_text(row['title'])}*"] if row.get("title") else []
    parts += [md_text(row[k]) for k in ("source", "published") if row.get(k)]
    if row.get("url"):
        parts.append(md_url(row["url"]))
    return ", ".join(parts)


def md_quote(row: dict) -> str:
    """A quote as a citation to paste into notes: > “quote” — Speaker, *Title*, Source, date, URL"""
    speaker = md_text(row["speaker"]) if row.get("speaker") else "unattributed"
    return f"> “{md_text(row['text'])}” — {speaker}, {_citation_tail(row)}\n\n"


def md_article(row: dict) -> str:
    title = md_text(row["title"])
    url = md_url(row["url"]) if row.get("url") else ""
    head = f"- **{title}**" + ", ".join(
        ["", *(md_text(row[k]) for k in ("source", "published") if row.get(k))]
    )
    if row.get("byline"):
        head += f", by {md_text(row['byline'])}"
    if url:
        head += f", {url}"
    if row.get("dek"):
        head += f"\n  {md_text(row['dek'])}"
    return head + "\n"


def write_md(rows: Iterable[dict], out: TextIO, what: str) -> int:
    n = 0
    current: int | None = None
    for row in rows:
        if what == "quotes":
            out.write(md_quote(row))
        elif what == "articles":
            out.write(md_article(row))
        else:
            if row["article_id"] != current:
                current = row["article_id"]
                out.write(f"\n## {md_text(row['title'])}\n\n" if n else f"## {md_text(row['title'])}\n\n")
            detail = ", ".join(md_text(row[k]) for k in ("kind", "code", "role") if row.get(k))
            mentions = f"{row['mentions']} mention" + ("" if row["mentions"] == 1 else "s")
            out.write(f"- **{md_text(row['name'])}** ({detail}): {mentions}\n")
        n += 1
    return n


def write(rows: Iterable[dict], out: TextIO, fmt: str, what: str) -> int:
    """Write export rows of one kind (``what``) to ``out`` as ``fmt``; return how many."""
    if fmt == "csv":
        return write_csv(rows, out, COLUMNS[what])
    if fmt == "jsonl":
        return write_jsonl(rows, out, COLUMNS[what])
    return write_md(rows, out, what)


def export(store: Store, query: str | Query, out: TextIO, fmt: str = "csv", what: str = "articles") -> int:
    """Write a search's articles, quotes or entities to ``out`` as ``fmt``; return the rows written.

    Raises QuerySyntaxError (before writing anything, for any query ``newsdesk search`` refuses)."""
    if fmt not in FORMATS or what not in WHATS:
        raise ValueError(f"format {fmt!r} or rows {what!r} unknown")
    q = parse(query) if isinstance(query, str) else query
    if not q.empty:
        store.search(q, limit=1)  # refuse a bad query before the header is written
    return write(export_rows(store, q, what), out, fmt, what)


def export_entity_quotes(store: Store, entity_id: int, out: TextIO, fmt: str = "md") -> int:
    """Write every quote an entity said (newest first) to ``out`` as ``fmt``; return the rows written."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} unknown")
    return write(entity_quote_rows(store, entity_id), out, fmt, "quotes")
