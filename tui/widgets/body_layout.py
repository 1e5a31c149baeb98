"""An article laid out for the body pane, without Textual: what is drawn, in which order, wrapped to a width, and
the linked items a user can step to (only those drawn, in drawing order).

Pure functions and plain data: the widget (``article_body.ArticleBody``) paints what these compute, and a test
can check them without an app.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text

from store.models import Article, Entity, Mention, Quote

_HIDDEN_BLOCKS = {"byline", "date", "source", "url"}  # shown once, in the meta line under the title
STRETCH = 128  # lines (items) laid out between two calls of ``pause``: about a millisecond

Piece = tuple[
    int, int, int
]  # (column, start, end): the article's characters start:end drawn from that column


@dataclass(frozen=True, slots=True)
class LinkItem:
    """A linked item in the body: an entity mention or a quote."""

    start: int
    end: int
    kind: str  # "mention" | "quote"
    ref: int  # entity id or quote id
    entity_kind: str | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: the article characters it shows and their base style, or a line of its own (``text``),
    which may show some of the article's characters (``pieces``: the meta line's source and byline)."""

    start: int | None
    end: int | None
    style: str = ""
    text: Text | None = None
    pieces: tuple[Piece, ...] = ()

    def shown(self) -> tuple[Piece, ...]:
        """Where the article's characters are on this line."""
        if self.start is not None and self.end is not None:
            return ((0, self.start, self.end),)
        return self.pieces


# ---------------------------------------------------------------------------------------- what is drawn
@dataclass(frozen=True, slots=True)
class Part:
    """One drawn part of an article, in drawing order: a block of its text (``start``:``end``, wrapped, in
    ``style``), the meta line (``text``, with the article characters it shows in ``pieces``), or its URL
    (``text``, ``broken`` into lines of the width)."""

    start: int = 0
    end: int = 0
    style: str = ""
    text: Text | None = None
    pieces: tuple[Piece, ...] = ()
    broken: bool = False  # cut into lines of the width wherever it reaches it (a URL has no spaces)

    def ranges(self) -> list[tuple[int, int]]:
        """The article's characters this part shows."""
        return [(s, e) for _, s, e in self.pieces] if self.text is not None else [(self.start, self.end)]


def _within(article: Article, kind: str, value: str | None) -> tuple[int, int] | None:
    """Where ``value`` (the article's source or byline) is in the first block of ``kind``, if it is there."""
    block = next((b for b in article.blocks if b.kind == kind), None)
    if block is None or not value:
        return None
    at = article.text.find(value, block.start, block.end)
    return (at, at + len(value)) if at >= 0 else None


def meta_part(article: Article) -> Part | None:
    """Source · date · By byline, drawn dim under the title. The source and byline are the article's own
    characters where its text holds them, so that the mentions in them are drawn, highlighted and linked."""
    text, pieces = Text(style="dim"), []
    fields = (
        (article.source, "", _within(article, "source", article.source)),
        (article.published, "", None),
        (article.byline, "By ", _within(article, "byline", article.byline)),
    )
    for value, prefix, span in fields:
        if not value:
            continue
        if text:
            text.append(" · ")
        text.append(prefix)
        if span is not None:
            pieces.append((text.cell_len, *span))
        text.append(value)
    return Part(text=text, pieces=tuple(pieces)) if text else None


def drawn_parts(article: Article) -> list[Part]:
    """What the body draws of an article, in drawing order: the title, the meta line, its URL, then its blocks (the dek,
    captions once each, paragraphs, the contributor line), or its whole text when it has no blocks."""
    a = article
    parts: list[Part] = []
    blocks = list(a.blocks)
    title = next((b for b in blocks if b.kind == "title"), None)
    if title is not None:
        parts.append(Part(title.start, title.end, "bold"))
    meta = meta_part(a)
    if meta is not None:
        parts.append(meta)
    if a.url:  # whole, under the meta line, to be read and copied where no browser opens it
        parts.append(Part(text=Text(a.url, style="dim"), broken=True))
    if not blocks:
        parts.append(Part(0, len(a.text), ""))
    seen: set[str] = set()
    for b in blocks:
        if b.kind in _HIDDEN_BLOCKS or b is title or b.end <= b.start:
            continue
        if b.kind in ("caption", "credit"):
            piece = a.text[b.start : b.end]
            if piece in seen or not piece.strip():
                continue  # a caption repeated (as articles copied from the web repeat it) is drawn once
            seen.add(piece)
        style = {"caption": "dim italic", "credit": "dim italic", "dek": "italic", "contributor": "dim"}
        parts.append(Part(b.start, b.end, style.get(b.kind, "")))
    return parts


# ---------------------------------------------------------------------------------------- linked items
@dataclass(slots=True)
class Links:
    """An article's linked items in drawing order, with the indexes that keep every lookup off a scan. The
    mentions and quotes lists are in text order, for painting lines."""

    items: list[LinkItem] = field(default_factory=list)
    keys: list[tuple[int, int]] = field(default_factory=list)  # (range, start) of each item: ascending
    ranges: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, rank) drawn, by start
    quotes: list[LinkItem] = field(default_factory=list)
    quote_reach: list[int] = field(default_factory=list)  # the furthest end of the quotes up to each one
    mentions: list[LinkItem] = field(default_factory=list)
    mention_starts: list[int] = field(default_factory=list)
    by_entity: dict[int, list[int]] = field(default_factory=dict)  # entity id → its mentions' item indexes
    by_quote: dict[int, int] = field(default_factory=dict)  # quote id → item index

    def key(self, offset: int) -> tuple[int, int]:
        """Where an article offset comes in drawing order: in the range of text drawing it, or at the next
        range drawn after it in the text."""
        k = bisect_right(self.ranges, (offset, float("inf"))) - 1
        if k >= 0 and self.ranges[k][0] <= offset < self.ranges[k][1]:
            return (self.ranges[k][2], offset)
        if k + 1 < len(self.ranges):
            start, _, part = self.ranges[k + 1]
            return (part, start)
        return (len(self.ranges) + 1, offset)

    def item_under(self, offset: int) -> int | None:
        """The linked item drawn over the character at ``offset``: a mention, else the quote around it."""
        k = bisect_right(self.mention_starts, offset) - 1
        while k >= 0 and self.mentions[k].start > offset - 200:  # a mention is never longer than that
            if self.mentions[k].start <= offset < self.mentions[k].end:
                return self.items.index(self.mentions[k])
            k -= 1
        k = bisect_right(self.quote_reach, offset)
        for item in self.quotes[k:]:
            if item.start > offset:
                break
            if offset < item.end:
                return self.items.index(item)
        return None

    def item_at(self, offset: int) -> int | None:
        """The first linked item drawn at or after ``offset`` (or the last one)."""
        if not self.items:
            return None
        return min(bisect_left(self.keys, self.key(offset)), len(self.items) - 1)


def build_links(
    article: Article,
    mentions: Iterable[Mention],
    entities: dict[int, Entity],
    quotes: Iterable[Quote],
    pause: Callable[[], None] | None = None,
) -> Links:
    """The linked items of an article that the body draws: its mentions (of entities in ``entities``) and its
    quotes, in drawing order (``pause``: called every ``STRETCH`` items, as in ``lay_out``)."""
    drawn = [r for part in drawn_parts(article) for r in part.ranges()]  # in drawing order
    ranges = sorted((s, e, k) for k, (s, e) in enumerate(drawn))
    links = Links(ranges=ranges)
    starts = [s for s, _, _ in ranges]

    def rank_of(item: LinkItem) -> int | None:
        k = bisect_right(starts, item.start) - 1
        if k < 0 or item.start >= ranges[k][1]:
            return None  # in a block not drawn (a repeated caption, a URL line)
        return ranges[k][2]

    keyed: list[tuple[tuple[int, int, bool, int], LinkItem]] = []
    for m in mentions:
        if m.entity_id in entities:
            item = LinkItem(m.start, m.end, "mention", m.entity_id, entities[m.entity_id].kind)
            if (rank := rank_of(item)) is not None:
                keyed.append(((rank, item.start, True, item.end), item))
            if pause is not None and len(keyed) % STRETCH == 0:
                pause()
    for q in quotes:
        item = LinkItem(q.start, q.end, "quote", q.id)
        if (rank := rank_of(item)) is not None:
            keyed.append(((rank, item.start, False, item.end), item))
    keyed.sort(key=lambda pair: pair[0])
    links.items = [item for _, item in keyed]
    links.keys = [(k[0], k[1]) for k, _ in keyed]
    reach = 0
    for k, item in enumerate(links.items):
        if pause is not None and k % STRETCH == 0:
            pause()
        if item.kind == "quote":
            links.by_quote.setdefault(item.ref, k)
        else:
            links.by_entity.setdefault(item.ref, []).append(k)
    in_text = sorted(links.items, key=lambda i: i.start)
    for item in in_text:
        if item.kind == "quote":
            links.quotes.append(item)
            reach = max(reach, item.end)
            links.quote_reach.append(reach)
        else:
            links.mentions.append(item)
            links.mention_starts.append(item.start)
    return links


# ---------------------------------------------------------------------------------------- wrapping
def odd_cells(text: str) -> re.Pattern | None:
    """A pattern matching the characters of ``text`` that do not take exactly one cell (wide, zero-width), or
    None when it has none: so wrapping asks one C-speed search per line, not a width per character."""
    odd = [c for c in set(text) if cell_len(c) != 1]
    return re.compile("[" + "".join(re.escape(c) for c in odd) + "]") if odd else None


MEASURE = re.compile("")  # ``odd`` not known: measure each line


def _narrow(text: str, start: int, end: int, odd: re.Pattern | None) -> bool:
    """Whether every character of ``text[start:end]`` takes one cell."""
    if odd is MEASURE:
        return cell_len(text[start:end]) == end - start
    return odd is None or not odd.search(text, start, end)


def wrap_offsets(
    text: str,
    start: int,
    end: int,
    width: int,
    max_lines: int | None = None,
    odd: re.Pattern | None = MEASURE,
) -> list[tuple[int, int]]:
    """Word wrap of ``text[start:end]`` to ``width`` cells, as (start, end) offsets into ``text`` (the first
    ``max_lines`` lines only, when given; ``odd``: ``odd_cells`` of the text, when the caller has it).

    Lines break at spaces (a word longer than a line is cut); the breaking space belongs to no line. Linear in
    the length, with string searches rather than a loop over words.
    """
    width = max(1, width)
    out: list[tuple[int, int]] = []
    pos = start
    while pos < end and (max_lines is None or len(out) < max_lines):
        while pos < end and text[pos] == " ":
            pos += 1
        if pos >= end:
            break
        limit = min(end, pos + width)
        if _narrow(text, pos, limit, odd):  # one cell per character: the common case
            if limit == end:
                out.append((pos, end))
                break
            if text[limit] == " ":
                cut = limit
            else:
                space = text.rfind(" ", pos, limit)
                cut = space if space > pos else limit
        else:  # wide characters (CJK, emoji): measure one by one
            cut, used = pos, 0
            while cut < end and used + cell_len(text[cut]) <= width:
                used += cell_len(text[cut])
                cut += 1
            if cut < end and text[cut] != " ":
                space = text.rfind(" ", pos, cut)
                cut = space if space > pos else max(cut, pos + 1)
        out.append((pos, cut))
        pos = cut
    return out or [(start, start)]


@dataclass(slots=True)
class Layout:
    """An article wrapped to a width: its screen lines and where the article's characters start on them."""

    width: int
    lines: list[Line]
    line_index: list[int]  # the lines that show article text
    line_starts: list[int]  # the offset each of those starts at
    whole: bool = True  # False: only the first lines
    meta_line: int | None = None  # the line of the meta line, which shows pieces of the text out of order

    def offset_at(self, y: int, x: int, text: str) -> int | None:
        """The article offset drawn at column ``x`` of line ``y`` (None where no article character is)."""
        if not 0 <= y < len(self.lines):
            return None
        for column, start, end in self.lines[y].shown():
            used = column
            for at in range(start, end):
                used += cell_len(text[at])
                if x < used:
                    return at if x >= column else None
        return None

    def line_of(self, offset: int) -> int:
        """The screen line that shows the article's character at ``offset``."""
        meta = self.lines[self.meta_line].pieces if self.meta_line is not None else ()
        if any(s <= offset < e for _, s, e in meta):
            return self.meta_line  # type: ignore[return-value]
        k = bisect_right(self.line_starts, offset) - 1
        return self.line_index[max(0, k)] if self.line_index else 0


def lay_out(
    article: Article, width: int, limit: int | None = None, pause: Callable[[], None] | None = None
) -> Layout:
    """The parts ``drawn_parts`` lists, wrapped to ``width`` (stopping after about ``limit`` lines; calling
    ``pause`` every ``STRETCH`` lines, where a worker thread lets the UI thread have the interpreter)."""
    a = article
    lines: list[Line] = []
    odd = odd_cells(a.text) if limit is None else MEASURE  # a few lines: measuring them is cheaper
    meta_line: int | None = None

    def full() -> bool:
        return limit is not None and len(lines) >= limit

    def add_line(start: int, end: int, style: str) -> None:
        """One line of the article (no line break in it), wrapped a stretch at a time, pausing in between."""
        pos = start
        while not full():
            room = STRETCH if limit is None else min(STRETCH, limit - len(lines))
            part = wrap_offsets(a.text, pos, end, width, room, odd)
            if pos > start and part == [(pos, pos)]:
                break  # only spaces were left
            lines.extend(Line(s, e, style) for s, e in part)
            pos = part[-1][1]
            if pos >= end or len(part) < room:
                break
            if pause is not None:
                pause()

    def add_block(start: int, end: int, style: str) -> None:
        line_start = start
        while not full():  # a block may hold line breaks (an article without blocks): each starts a line
            newline = a.text.find("\n", line_start, end)
            add_line(line_start, end if newline < 0 else newline, style)
            if newline < 0:
                break
            line_start = newline + 1

    blank = Line(None, None, text=Text(""))
    parts = drawn_parts(a)
    title = parts[0] if any(b.kind == "title" for b in a.blocks) else None
    headed = False  # the blank line under the title and meta line is there
    for part in parts:
        if full():
            break
        if part is title:
            lines.append(blank)
            add_block(part.start, part.end, part.style)
        elif part.broken and part.text is not None:
            plain = part.text.plain
            for k in range(0, len(plain), max(1, width)):
                lines.append(Line(None, None, text=part.text[k : k + max(1, width)]))
        elif part.text is not None:
            meta_line = len(lines)
            lines.append(Line(None, None, text=part.text, pieces=part.pieces))
        else:
            if not headed:
                lines.append(blank)
                headed = True
            add_block(part.start, part.end, part.style)
            lines.append(blank)
    if not headed:
        lines.append(blank)
    line_index = [k for k, line in enumerate(lines) if line.start is not None]
    starts = [lines[k].start for k in line_index]
    return Layout(width, lines, line_index, starts, not full(), meta_line)  # type: ignore[arg-type]
