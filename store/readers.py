"""Read article files (plain text, JSON, JSON Lines, HTML) into ``RawArticle`` records.

Every reader yields ``RawArticle`` for what it could read and ``ReadFailure`` for what it could not, so one bad
record never hides the good ones beside it. All offsets index into ``RawArticle.text``: for a plain-text file
that is the file's own text (neutralised one for one); for structured formats it is the article laid out as a
plain-text file would be (title, blank line, dek, blank line, one paragraph per line).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .dates import find_date, parse_date
from .models import Block
from .sanitize import (
    INVISIBLE_ONLY,
    declared_charset,
    decode_text,
    display_name,
    neutralise,
    one_line,
    one_line_url,
    visible,
)

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
}
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as read from its source, before extraction."""

    origin: str
    text: str
    title: str
    dek: str | None = None
    byline: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    captions: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # what the report should say about how it was read (an old encoding)

    def paragraphs(self) -> list[Block]:
        """The body paragraphs, in order."""
        return [b for b in self.blocks if b.kind == "paragraph"]


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file or record that could not be read, and why."""

    origin: str
    reason: str


# --------------------------------------------------------------------------------------------- plain text
_BYLINE = re.compile(r"^\s*By\s+(?P<name>[^|\n]+?)\s*(?:[|,•·]\s*(?P<rest>.*))?$")
_SOURCE = re.compile(r"^\s*(?:Source|Publisher|Outlet)\s*:\s*(?P<source>.+?)\s*$", re.IGNORECASE)
_URL_LINE = re.compile(r"^\s*(?:URL\s*:\s*)?(?P<url>https?://\S+)\s*$", re.IGNORECASE)
_CREDIT_ONLY = re.compile(
    r"^\s*\(?\s*(?:photo|image|picture|video)?\s*(?:credit|courtesy|source)s?\s*:\s*(?P<credit>[^)]+?)\s*\)?\s*$",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(
    r"^(?P<caption>.+?)\s*\(\s*(?:photo|image|picture)?\s*(?:credit|courtesy)s?\s*:\s*(?P<credit>[^)]+?)\s*\)\s*$",
    re.IGNORECASE,
)
_PHOTO_BY = re.compile(
    r"^\s*(?:Photo|Image|Picture)(?:graph)?\s*(?:by|:)\s*(?P<credit>.+?)\s*$", re.IGNORECASE
)
_CONTRIBUTOR = re.compile(
    r"^\s*(?:(?P<names>[^.]+?)\s+contributed\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story)\b.*"
    r"|(?:Additional\s+)?[Rr]eporting\s+by\s+(?P<names2>[^;.]+).*)$"
)
_CREDITED = re.compile(r"(?:reporting|editing|writing|research)\s+by\s+([^;.]+)", re.IGNORECASE)
# "WASHINGTON (AP) —", "NIŠ, Serbia (Reuters) -", "LONDON, Dec. 2 (UPI) --", "(Reuters) -": the wire that filed it
_DATELINE_SOURCE = re.compile(
    r"^(?:[A-ZÀ-Þ][\w.' -]{1,40}(?:,\s*[\w.' ]{2,30})?\s*)?\((?![DRI]-)(?P<source>[A-Z][^)]{1,39})\)\s*(?:--|[-–—])"
)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, without its newline, trailing spaces trimmed."""
    spans, start = [], 0
    for line in text.split("\n"):
        end = start + len(line.rstrip())
        spans.append((start, end))
        start += len(line) + 1
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _split_names(names: str) -> list[str]:
    """ "Ana Kovač in Belgrade and Tom Hale" → the names alone."""
    parts = re.split(r",\s*|\s+and\s+|;\s*", names.strip())
    parts = [re.sub(r"\s+(?:in|from)\s+[A-Z][\w .'-]*$", "", p.strip()) for p in parts]
    return [p for p in parts if p]


def parse_text(text: str, origin: str) -> RawArticle:
    """Lay out a plain-text article: title, dek, header lines, captions and credits, paragraphs, contributors."""
    if text.strip() and not visible(text):
        raise ValueError(INVISIBLE_ONLY)
    text = neutralise(text)
    lines = [_trim(text, s, e) for s, e in _lines(text)]
    i, n = 0, len(lines)
    blocks: list[Block] = []
    meta: dict[str, str] = {}
    captions: list[str] = []
    credits: list[str] = []
    contributors: list[str] = []

    def blank(k: int) -> bool:  # a line of zero-width characters is as blank as an empty one
        return lines[k][0] >= lines[k][1] or not visible(text[lines[k][0] : lines[k][1]])

    def line(k: int) -> str:
        return text[lines[k][0] : lines[k][1]]

    while i < n and blank(i):
        i += 1
    if i == n:
        raise ValueError("empty article (no text)")
    title = line(i)
    blocks.append(Block("title", *lines[i]))
    i += 1
    had_blank = False
    while i < n and blank(i):
        i, had_blank = i + 1, True

    def header(k: int) -> bool:
        s = line(k)
        if (m := _BYLINE.match(s)) and len(s) < 120:
            meta.setdefault("byline", m["name"].strip())
            if m["rest"] and (d := find_date(m["rest"])):
                meta.setdefault("published", d)
            blocks.append(Block("byline", *lines[k]))
            return True
        if (m := _SOURCE.match(s)) and len(s) < 120:
            meta.setdefault("source", m["source"])
            blocks.append(Block("source", *lines[k]))
            return True
        if m := _URL_LINE.match(s):
            meta.setdefault("url", m["url"])
            blocks.append(Block("url", *lines[k]))
            return True
        if len(s) < 60 and (d := parse_date(s)):
            meta.setdefault("published", d)
            blocks.append(Block("date", *lines[k]))
            return True
        return False

    # A dek is a lone paragraph between the title and the next blank line, followed by more text.
    if had_blank and i < n and not header(i) and not _DATELINE_SOURCE.match(line(i)):
        j = i
        while j < n and not blank(j):
            j += 1
        if j == i + 1 and j < n and any(not blank(k) for k in range(j, n)):
            meta["dek"] = line(i)
            blocks.append(Block("dek", *lines[i]))
            i = j
    while i < n and (blank(i) or header(i)):
        i += 1

    # Photo captions and credits sit between the header and the body.
    while i < n:
        s = line(i)
        if blank(i):
            i += 1
            continue
        if m := (_CREDIT_ONLY.match(s) or _PHOTO_BY.match(s)):
            credits.append(m["credit"])
            blocks.append(Block("credit", *lines[i]))
        elif m := _CREDIT_TAIL.match(s):
            captions.append(m["caption"])
            credits.append(m["credit"])
            start = lines[i][0]
            blocks.append(Block("caption", start, start + len(m["caption"])))
            blocks.append(Block("credit", start + m.start("credit"), start + m.end("credit")))
        elif s in captions or (
            i + 1 < n
            and len(s.split()) <= 25
            and (_CREDIT_ONLY.match(line(i + 1)) or _PHOTO_BY.match(line(i + 1)))
        ):
            captions.append(s)
            blocks.append(Block("caption", *lines[i]))
        else:
            break
        i += 1

    body = [k for k in range(i, n) if not blank(k)]
    if body and (m := _CONTRIBUTOR.match(line(body[-1]))) and len(line(body[-1])) < 200:
        if m["names"]:
            contributors = _split_names(m["names"])
        else:  # "Additional reporting by X; editing by Y"
            for names in _CREDITED.findall(line(body[-1])):
                contributors.extend(_split_names(names))
        blocks.append(Block("contributor", *lines[body[-1]]))
        body.pop()
    for k in body:
        blocks.append(Block("paragraph", *lines[k]))
    if body and "source" not in meta and (m := _DATELINE_SOURCE.match(line(body[0]))):
        meta["source"] = m["source"].strip()
    blocks.sort(key=lambda b: (b.start, b.end))
    return RawArticle(
        origin=origin,
        text=text,
        title=one_line(title),
        dek=_field(meta.get("dek")),
        byline=_field(meta.get("byline")),
        source=_field(meta.get("source")),
        published=meta.get("published"),
        url=_url(meta.get("url")),
        captions=tuple(dict.fromkeys(map(one_line, captions))),
        credits=tuple(dict.fromkeys(map(one_line, credits))),
        contributors=tuple(map(one_line, contributors)),
        blocks=tuple(blocks),
    )


def _field(value: str | None) -> str | None:
    """A metadata field as the list, the byline and a citation show it: one line, controls neutralised; None
    when it shows nothing."""
    return neutralise(one_line(value)) if value and visible(value) else None


def _url(value: str | None) -> str | None:
    """A URL as one word on one line."""
    return (neutralise(one_line_url(value)) or None) if value else None


# ------------------------------------------------------------------------------------- structured formats
_TITLE_KEYS = ("title", "headline", "name")
_BODY_KEYS = ("text", "body", "content", "article", "articleBody", "article_body", "maintext", "story")
_DEK_KEYS = ("dek", "description", "summary", "subtitle", "standfirst", "subheadline", "lede")
_URL_KEYS = ("url", "link", "href", "canonical_url", "source_url")
_DATE_KEYS = (
    "published",
    "date",
    "published_at",
    "publishedAt",
    "pubDate",
    "datePublished",
    "date_publish",
    "publication_date",
    "created_at",
    "time",
)
_SOURCE_KEYS = ("source", "site", "site_name", "sitename", "publisher", "outlet", "source_domain", "domain")
_AUTHOR_KEYS = ("author", "byline", "authors", "creator", "by")


def _first(record: dict, keys: Iterable[str]) -> object:
    for key in keys:
        if key in record and record[key] not in (None, "", []):
            return record[key]
    return None


def _as_text(value: object, what: str) -> str | None:
    """A string field, or a list of strings, or an object with a "name"; anything else is a type error."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"].strip() or None
    if isinstance(value, list) and all(isinstance(v, str | dict) for v in value):
        names = [_as_text(v, what) for v in value]
        return ", ".join(n for n in names if n) or None
    raise ValueError(f'field "{what}" should be text, not {type(value).__name__}')


def _paragraphs(value: object, what: str = "text") -> list[str]:
    if isinstance(value, list):
        if not all(isinstance(p, str) for p in value):
            kinds = ", ".join(sorted({type(p).__name__ for p in value if not isinstance(p, str)}))
            raise ValueError(
                f'field "{what}" should be text or a list of paragraphs, not a list holding {kinds}'
            )
        parts = value
    elif isinstance(value, str):
        parts = re.split(r"\n", value)
    else:
        raise ValueError(f'field "{what}" should be text, not {type(value).__name__}')
    paragraphs = [" ".join(p.split()) for p in parts if visible(p)]
    if not paragraphs and any(p.strip() for p in parts):
        raise ValueError(f'field "{what}" has {INVISIBLE_ONLY}')
    return paragraphs


def compose(
    origin: str,
    *,
    title: str,
    paragraphs: list[str],
    dek: str | None = None,
    byline: str | None = None,
    source: str | None = None,
    published: str | None = None,
    url: str | None = None,
    captions: Iterable[str] = (),
) -> RawArticle:
    """Lay a structured article out as text (title, blank, dek, blank, paragraphs) and record its blocks."""
    title = _field(title) or "(untitled)"
    pieces: list[tuple[str, str]] = [("title", title)]
    dek = _field(dek)
    if dek:
        pieces.append(("dek", dek))
    pieces += [("paragraph", neutralise(" ".join(p.split()))) for p in paragraphs if p.strip()]
    head = 2 if dek else 1  # title and dek are followed by a blank line, paragraphs by a line break
    text_parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for index, (kind, piece) in enumerate(pieces):
        if index:
            sep = "\n\n" if index <= head else "\n"
            text_parts.append(sep)
            pos += len(sep)
        blocks.append(Block(kind, pos, pos + len(piece)))
        text_parts.append(piece)
        pos += len(piece)
    return RawArticle(
        origin=origin,
        text="".join(text_parts),
        title=title,
        dek=dek,
        # metadata is shown too (list, byline, CLI, citation): one line, neutralised like the text
        byline=_field(byline),
        source=_field(source),
        published=published,
        url=_url(url),
        captions=tuple(c for c in map(_field, captions) if c),
        blocks=tuple(blocks),
    )


def from_record(record: object, origin: str) -> RawArticle:
    """One JSON object with common news field names → RawArticle; raise ValueError saying what is wrong."""
    if not isinstance(record, dict):
        raise ValueError(f"expected an object, found {type(record).__name__}")
    title = _as_text(_first(record, _TITLE_KEYS), "title")
    body_key = next((k for k in _BODY_KEYS if _first(record, (k,)) is not None), None)
    if body_key is None:
        raise ValueError(f"no article text (looked for {', '.join(_BODY_KEYS[:4])})")
    paragraphs = _paragraphs(record[body_key], body_key)
    if not paragraphs:
        raise ValueError("article text is empty")
    if not title or not visible(title):
        title, paragraphs = paragraphs[0][:120], paragraphs
    published, date_note = _published(record)
    article = compose(
        origin,
        title=title,
        paragraphs=paragraphs,
        dek=_as_text(_first(record, _DEK_KEYS), "dek"),
        byline=_as_text(_first(record, _AUTHOR_KEYS), "author"),
        source=_as_text(_first(record, _SOURCE_KEYS), "source"),
        published=published,
        url=_as_text(_first(record, _URL_KEYS), "url"),
    )
    return replace(article, notes=(date_note,)) if date_note else article


def _published(record: dict) -> tuple[str | None, str | None]:
    """The record's date as ISO, or None and a note saying which date was left out because it is unusable."""
    value = _first(record, _DATE_KEYS)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, str) and (day := parse_date(value)):
        return day, None
    shown = json.dumps(value, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")
    if len(shown) > 60:
        shown = shown[:59] + "…"
    return None, f"date {neutralise(shown)} is not one newsdesk can read: left out (the article is kept)"


def _record(record: object, where: str) -> RawArticle | ReadFailure:
    """One record read, or its failure named: whatever goes wrong in it costs this record only."""
    try:
        return from_record(record, where)
    except ValueError as exc:
        return ReadFailure(where, str(exc))
    except Exception as exc:  # a reader bug: reported, and the records after this one are still read
        return ReadFailure(where, _bug(exc))


def _bug(exc: Exception) -> str:
    return f"could not be read (a newsdesk bug, please report it): {type(exc).__name__}: {exc}"


def read_json(text: str, origin: str) -> Iterator[RawArticle | ReadFailure]:
    """A JSON file: one article object, a list of them, or an object holding such a list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadFailure(origin, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    except (ValueError, RecursionError) as exc:
        yield ReadFailure(origin, f"invalid JSON: {_json_trouble(exc)}")
        return
    if isinstance(data, dict):
        for key in ("articles", "items", "data", "results", "entries"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records, start=1):
        yield _record(record, f"{origin}#{index}" if isinstance(data, list) else origin)


def read_jsonl(text: str, origin: str) -> Iterator[RawArticle | ReadFailure]:
    """JSON Lines: one article object per line; a bad line is reported with its number."""
    # split at line feeds only: NEL, U+2028 and U+2029 may stand raw inside a JSON string
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        except (ValueError, RecursionError) as exc:
            yield ReadFailure(where, f"invalid JSON: {_json_trouble(exc)}")
            continue
        yield _record(record, where)


def _json_trouble(exc: Exception) -> str:
    """What json.loads found besides a syntax error: nesting too deep, or a number too long."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).split(";")[0]


# a numeric character reference (&#27; &#x1b &#0007;): lxml drops the whole page at one naming a C0 control
_CONTROL_REFERENCE = re.compile(r"&#(?:[xX]0*(?P<hex>[0-9a-fA-F]{1,6})|0*(?P<dec>[0-9]{1,7}));?")


def _safe_reference(m: re.Match) -> str:
    """A reference to a control lxml refuses becomes one to U+FFFD, as neutralise would make the control."""
    code = int(m["hex"], 16) if m["hex"] else int(m["dec"])
    return "&#xfffd;" if (code < 32 and code not in (9, 10, 13)) or code in (0xFFFE, 0xFFFF) else m[0]


@dataclass(frozen=True, slots=True)
class PageDefaults:
    """What is known of a page before it is read (a feed's entry says it): used where the page says nothing."""

    title: str | None = None
    byline: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None


def read_html(
    text: str, origin: str, defaults: PageDefaults | None = None
) -> Iterator[RawArticle | ReadFailure]:
    """An HTML page: the main text and metadata as trafilatura extracts them, boilerplate dropped; fields the
    page lacks come from ``defaults``, and its URL, when given there, is kept over the page's own."""
    import trafilatura  # heavy import, only when HTML is read

    try:
        doc = trafilatura.bare_extraction(
            _CONTROL_REFERENCE.sub(_safe_reference, text),
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        yield ReadFailure(origin, f"HTML could not be parsed: {exc}")
        return
    body = getattr(doc, "text", None) if doc is not None else None
    paragraphs = [" ".join(p.split()) for p in (body or "").split("\n") if visible(p)]
    if not paragraphs:
        yield ReadFailure(origin, "HTML page has no article text")
        return
    given = defaults or PageDefaults()
    title = doc.title or given.title or paragraphs[0][:120]
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    dek = doc.description
    if dek and paragraphs and paragraphs[0] == dek:
        paragraphs = paragraphs[1:]
    yield compose(
        origin,
        title=title,
        paragraphs=paragraphs or [title],
        dek=dek,
        byline=doc.author or given.byline,
        source=doc.sitename or given.source,
        published=(parse_date(doc.date) if doc.date else None) or given.published,
        url=given.url or doc.url,
    )


def read_text(text: str, origin: str) -> Iterator[RawArticle | ReadFailure]:
    try:
        yield parse_text(text, origin)
    except ValueError as exc:
        yield ReadFailure(origin, str(exc))


_READERS = {"text": read_text, "json": read_json, "jsonl": read_jsonl, "html": read_html}


def sniff(text: str) -> str:
    """Guess the format of text that came without a file name (stdin)."""
    if _is_html(text):
        return "html"
    head = text.lstrip()[:1]
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first = text.lstrip().split("\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except json.JSONDecodeError:
            return "json"
    return "text"


def _is_html(text: str) -> bool:
    """Whether text (or bytes decoded as Latin-1) starts like an HTML or XML page."""
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype", "<html", "<?xml")) or "<body" in head


def read_bytes(
    data: bytes, origin: str, fmt: str | None = None, charset: str | None = None
) -> Iterator[RawArticle | ReadFailure]:
    """Decode and read one file's bytes, in the named format or a sniffed one; ``charset`` is one declared
    outside the bytes (an HTTP header), which outranks what an HTML page says of itself."""
    if not data.strip():
        yield ReadFailure(origin, "empty file")
        return
    html = fmt == "html" or (fmt is None and _is_html(data[:1024].decode("latin-1")))
    try:
        text, note = decode_text(data, charset or (declared_charset(data) if html else None))
    except ValueError as exc:
        yield ReadFailure(origin, str(exc))
        return
    try:
        for item in _READERS[fmt or sniff(text)](text, origin):
            if note and isinstance(item, RawArticle):
                item = replace(item, notes=(*item.notes, note))
            yield item
    except Exception as exc:  # a reader bug must not stop the files after this one
        yield ReadFailure(origin, _bug(exc))


def read_stream(stream, origin: str) -> Iterator[RawArticle | ReadFailure]:
    """Read a binary stream (standard input) whole, refusing one larger than MAX_FILE_BYTES."""
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        yield ReadFailure(origin, _too_large(None))
        return
    yield from read_bytes(data, origin)


class _Refused(Exception):
    """A file that is not read at all, with the reason."""


_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
)
_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _too_large(size: int | None) -> str:
    limit = f"the limit is {MAX_FILE_BYTES // (1024 * 1024)} MiB"
    if size is None:
        return f"too large ({limit})"
    return f"file too large ({size // (1024 * 1024)} MiB; {limit})"


def _read_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES. Anything else (too large, a pipe, a device) is
    refused from what ``fstat`` says before a byte is read; opening never blocks on a pipe."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        for is_kind, kind in _NOT_REGULAR:
            if is_kind(info.st_mode):
                raise _Refused(f"not a regular file ({kind})")
        if info.st_size > MAX_FILE_BYTES:
            raise _Refused(_too_large(info.st_size))
        with open(fd, "rb", closefd=False) as file:
            data = file.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:  # it grew after fstat
        raise _Refused(_too_large(None))
    return data


def read_path(path: Path, origin: str | None = None) -> Iterator[RawArticle | ReadFailure]:
    """Read one file, whatever went wrong reported as a ReadFailure naming it."""
    origin = origin or display_name(path)
    try:
        data = _read_file(path)
    except _Refused as exc:
        yield ReadFailure(origin, str(exc))
        return
    except FileNotFoundError:
        yield ReadFailure(origin, "vanished before it could be read (no such file)")
        return
    except OSError as exc:
        yield ReadFailure(origin, exc.strerror or str(exc))
        return
    yield from read_bytes(data, origin, SUFFIXES.get(path.suffix.lower()))


def discover(paths: Iterable[str | Path]) -> Iterator[Path | ReadFailure]:
    """Expand folders recursively (files with known suffixes, in sorted order); name paths that do not exist.

    A link in a folder to a file outside it is named and not followed: ingesting a folder reads that folder.
    A path named itself is read wherever it leads.
    """
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                root = path.resolve()
                found = [
                    _outside(child, root) or child
                    for child in sorted(path.rglob("*"))
                    if child.suffix.lower() in SUFFIXES and not child.name.startswith(".") and _is_file(child)
                ]
            elif path.exists():
                found = [path]
            else:
                yield ReadFailure(display_name(raw), "no such file or folder")
                continue
        except OSError as exc:  # a name too long, a folder that cannot be listed
            yield ReadFailure(display_name(raw), exc.strerror or str(exc))
            continue
        yield from found


def _outside(child: Path, root: Path) -> ReadFailure | None:
    """The refusal of a file found in the folder ``root`` that is a link to a file outside it, else None."""
    try:
        target = child.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        return ReadFailure(display_name(child), f"a link that cannot be resolved ({exc}): not followed")
    if target.is_relative_to(root):
        return None
    return ReadFailure(
        display_name(child),
        f"a link to a file outside the folder being read ({display_name(target)}): not followed",
    )


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name the system refuses to look up: not a file we can read
        return False
