"""The search language: plain words, quoted phrases, and field terms, combined with AND.

    person:ashkenazi  country:israel  country:IL  org:"european union"  place:jerusalem
    by:stano  quote:embassy  after:2020-09-01  before:2021-01-01  source:"danube wire"  embassy "open an embassy"

Parsing is pure and total: any string either parses or raises QuerySyntaxError with a message and a position.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .dates import parse_date

ENTITY_FIELDS = {
    "person": "person",
    "country": "country",
    "org": "organization",
    "place": "place",
    "entity": None,
}
OTHER_FIELDS = {"by", "quote", "after", "before", "source"}
# Bounds that keep any query cheap: SQLite refuses expressions deeper than 1000, and full-text snippets cost
# words × matches. Nobody types more.
MAX_TERMS = 32
MAX_WORDS = 100
FIELDS = tuple(ENTITY_FIELDS) + tuple(sorted(OTHER_FIELDS))
ALIASES = {
    "organization": "org",
    "organisation": "org",
    "people": "person",
    "from": "after",
    "since": "after",
    "until": "before",
    "said": "by",
    "speaker": "by",
    "site": "source",
}

_TOKEN = re.compile(
    r'\s*(?:(?P<field>[A-Za-z_]+):(?:"(?P<fq>[^"]*)"?|(?P<fv>[^\s"]*))|"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+))'
)

_SURROGATE = re.compile("[\ud800-\udfff]")


class QuerySyntaxError(ValueError):
    """A query that cannot be understood, with what is wrong and where."""

    def __init__(self, message: str, position: int = 0):
        super().__init__(message)
        self.message = message
        self.position = position


class Term(NamedTuple):
    field: str  # person, country, org, place, entity, by, quote, source, text
    value: str
    phrase: bool = False


class Query(NamedTuple):
    """A parsed query: terms that must all match, and an optional date range."""

    terms: tuple[Term, ...] = ()
    after: str | None = None
    before: str | None = None

    @property
    def empty(self) -> bool:
        return not self.terms and self.after is None and self.before is None

    def describe(self) -> str:
        parts = [
            f"{t.field}:{t.value}" if t.field != "text" else (f'"{t.value}"' if t.phrase else t.value)
            for t in self.terms
        ]
        if self.after:
            parts.append(f"after:{self.after}")
        if self.before:
            parts.append(f"before:{self.before}")
        return " ".join(parts)


def parse(text: str) -> Query:
    """Parse a query string; raise QuerySyntaxError saying what is wrong."""
    terms: list[Term] = []
    after = before = None
    pos = 0
    # undecodable bytes from a command line arrive as lone surrogates: not text SQLite can take
    text = _SURROGATE.sub("\ufffd", text).strip()

    def add(term: Term, start: int) -> None:
        terms.append(term)
        if len(terms) > MAX_TERMS:
            raise QuerySyntaxError(f"too many terms (at most {MAX_TERMS})", start)

    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:  # only whitespace left
            break
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        pos = m.end()
        if m["field"] is not None and m["field"].lower() in ("http", "https"):
            add(Term("text", m.group(0).strip()), start)
        elif m["field"] is not None:
            name = m["field"].lower()
            name = ALIASES.get(name, name)
            value = (m["fq"] if m["fq"] is not None else m["fv"] or "").strip()
            if name not in ENTITY_FIELDS and name not in OTHER_FIELDS:
                raise QuerySyntaxError(f"unknown field '{m['field']}:' (fields: {', '.join(FIELDS)})", start)
            if not value:
                raise QuerySyntaxError(f"'{name}:' needs a value, e.g. {name}:{_EXAMPLES[name]}", start)
            if name in ("after", "before"):
                day = parse_date(value) or _partial_date(value, name)
                if day is None:
                    raise QuerySyntaxError(f"'{name}:{_shown(value)}' is not a date (use YYYY-MM-DD)", start)
                if name == "after":
                    after = day
                else:
                    before = day
                continue
            add(Term(name, value, phrase=m["fq"] is not None), start)
        elif m["phrase"] is not None:
            if m["phrase"].strip():
                add(Term("text", m["phrase"].strip(), phrase=True), start)
        else:
            add(Term("text", m["word"]), start)
    if after and before and after > before:
        raise QuerySyntaxError(f"after:{after} is later than before:{before}", 0)
    words = sum(len(_words(t.value)) for t in terms if t.field in ("text", "quote"))
    if words > MAX_WORDS:
        raise QuerySyntaxError(f"too many words to search for ({words}; at most {MAX_WORDS})", 0)
    return Query(tuple(terms), after, before)


def _shown(value: str, width: int = 40) -> str:
    """A user's value as an error message quotes it: never longer than a line."""
    return value if len(value) <= width else value[: width - 1] + "…"


_EXAMPLES = {
    "person": "haradinaj",
    "country": "israel",
    "org": "nato",
    "place": "jerusalem",
    "entity": "kosovo",
    "by": "stano",
    "quote": "embassy",
    "after": "2020-09-01",
    "before": "2021-01-01",
    "source": "reuters",
}


def _partial_date(value: str, name: str) -> str | None:
    """ "2020" or "2020-09": the first (after) or last (before) day of that year or month."""
    if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?", value):
        year, month = int(m[1]), int(m[2]) if m[2] else None
        if month is not None and not 1 <= month <= 12:
            return None
        if name == "after":
            return f"{year:04d}-{month or 1:02d}-01"
        if month is None:
            return f"{year:04d}-12-31"
        import calendar

        return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    return None


def _words(value: str) -> list[str]:
    """The words of a value, as full-text search looks for them (punctuation and operators are not words)."""
    return re.findall(r"\w+", value, flags=re.UNICODE)


def fts_escape(value: str, phrase: bool = False) -> str:
    """A user's words as an FTS5 expression that matches them literally: every token quoted, none an operator.
    A word said twice is looked for once: "a-a-a…" costs what "a" does."""
    words = _words(value)
    if not words:
        return ""
    if phrase:
        return '"' + " ".join(words) + '"'
    once: dict[str, str] = {}
    for word in words:
        once.setdefault(word.casefold(), word)
    return " ".join(f'"{w}"' for w in once.values())
