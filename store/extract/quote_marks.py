"""Finding quoted spans by their marks, in every convention newsrooms use.

Double marks: curly “…”, low „…“, guillemets «…», straight "…", the typewriter pair ``…'' and two apostrophes
''…'' (a wire convention in plain text). Any double opener pairs with any double closer, since real copy mixes
them (“…" is common). Single marks ‘…’ and '…' pair only outside double marks (inside, they are nested quotes and
belong to the outer one), open at a word start and close before a non-letter, so an apostrophe (don't, the
'90s, Jones') is never taken for one.

A quote of several paragraphs repeats its opening mark on each paragraph and closes only on the last: each
paragraph's part is a span of its own, marked ``continued`` after the first, so that it keeps the speaker of
the part before it. A quote left open at a paragraph's end whose next paragraph neither reopens nor closes it
is dropped as unbalanced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening, closing and either-way double marks; ``"`` and ``''`` open or close by position.
_DOUBLE_OPEN = frozenset({"“", "„", "«", "``", "❝", "‟"})
_DOUBLE_CLOSE = frozenset({"”", "»", "❞"})
_DOUBLE_EITHER = frozenset({'"', "''"})
_SINGLE_OPEN = frozenset({"‘", "‹"})
_SINGLE_CLOSE = frozenset({"’", "›"})
_MARK = re.compile(r"``|''|[“”„‟«»❝❞\"‘’‹›']")
# What may stand before a single opening mark: a space, an opening bracket or dash, or a double mark.
_BEFORE_SINGLE = frozenset(' \t\n\u00a0([{—–-/:;,“"«„')


@dataclass(frozen=True, slots=True)
class Marked:
    """Text between a pair of quote marks (marks excluded); ``continued``: it goes on a quote opened in an
    earlier paragraph (the same speaker's words)."""

    start: int
    end: int
    continued: bool = False


def _classify(text: str, k: int, mark: str, p_start: int, p_end: int) -> str | None:
    """The role of a mark at ``k``: 'od'/'cd' (double opening/closing), 'ad' (double, either way by position),
    'os'/'cs' (single opening/closing), or None (an apostrophe)."""
    if mark in _DOUBLE_OPEN:
        return "od"
    if mark in _DOUBLE_CLOSE:
        return "cd"
    if mark in _DOUBLE_EITHER:
        return "ad"
    prev = text[k - 1] if k > p_start else " "
    nxt = text[k + 1] if k + 1 < p_end else " "
    if mark in _SINGLE_OPEN or (mark == "'" and prev in _BEFORE_SINGLE and nxt.isalnum()):
        if mark == "'" and nxt.isdigit() and k + 3 <= p_end and text[k + 1 : k + 3].isdigit():
            return None  # the '90s
        return "os" if prev in _BEFORE_SINGLE else None  # at a paragraph's start, prev is " "
    if (mark in _SINGLE_CLOSE or mark == "'") and not nxt.isalnum() and not prev.isspace():
        return "cs"
    return None


def _marks(text: str, p_start: int, p_end: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _MARK.finditer(text, p_start, p_end):
        role = _classify(text, m.start(), m.group(), p_start, p_end)
        if role is not None:
            out.append((m.start(), m.end() - m.start(), role))
    return out


def find_marked(text: str, paragraphs: list[tuple[int, int]]) -> list[Marked]:
    """Top-level quoted spans in ``text``, scanning each paragraph (start, end) in order."""
    found: list[Marked] = []
    open_at: int | None = None  # inner start of the open double quote
    continued = False
    marks = [_marks(text, s, min(e, len(text))) for s, e in paragraphs]
    for index, (_, p_end) in enumerate(paragraphs):
        p_end = min(p_end, len(text))
        single_at: int | None = None
        for k, size, role in marks[index]:
            if role in ("od", "cd", "ad"):
                single_at = None
                if open_at is None:
                    if role != "cd":
                        open_at, continued = k + size, False
                elif role in ("cd", "ad"):
                    found.append(Marked(open_at, k, continued))
                    open_at = None
                elif (
                    role == "od"
                    and not text[k - 1 : k].isspace()
                    and not text[k + size : k + size + 1].isalnum()
                ):
                    found.append(Marked(open_at, k, continued))  # a closer typed the wrong way round: “text“
                    open_at = None
                else:
                    open_at, continued = k + size, False  # a stray opener: start again from here
            elif open_at is None:
                if role == "os":
                    single_at = k + 1
                elif role == "cs" and single_at is not None:
                    found.append(Marked(single_at, k))
                    single_at = None
        if open_at is None:
            continue
        # open at the paragraph's end: reopened by the next paragraph (a quote of several paragraphs), closed in
        # it (a quote running over a line break), or unbalanced
        nxt = (
            [m for m in marks[index + 1] if m[2] in ("od", "cd", "ad")] if index + 1 < len(paragraphs) else []
        )
        n_start = paragraphs[index + 1][0] if nxt else 0
        first = nxt[0] if nxt else None
        if first is not None and first[0] == _first_char(text, n_start) and first[2] in ("od", "ad"):
            found.append(Marked(open_at, p_end, continued))
            marks[index + 1] = marks[index + 1][1:]  # that opening mark reopens the same quote
            open_at, continued = first[0] + first[1], True
        elif first is not None and (first[2] == "cd" or (first[2] == "ad" and len(nxt) % 2 == 1)):
            pass  # runs on into the next paragraph
        else:
            open_at = None
    out = []
    for m in found:
        s, e = m.start, m.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s and any(c.isalnum() for c in text[s:e]):
            out.append(Marked(s, e, m.continued))
    return out


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start].isspace():
        start += 1
    return start
