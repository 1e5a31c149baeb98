"""Finding quoted spans by their marks: pairs by kind, nesting, paragraphs, and unbalanced marks tolerated."""

from __future__ import annotations

from dataclasses import dataclass

DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»", '"': '"', "❝": "❞"}
SINGLE_OPEN = {"‘": "’", "‹": "›"}
_OPEN_CONTEXT = " \t\n([{—–-/:;,"


@dataclass(frozen=True, slots=True)
class Marked:
    """Text between a pair of quote marks (marks excluded); ``paragraphs`` counts the paragraphs it runs over."""

    start: int
    end: int
    paragraphs: int = 1


def _opens_single(text: str, k: int) -> bool:
    return k == 0 or text[k - 1] in _OPEN_CONTEXT or text[k - 1] in DOUBLE_OPEN


def _closes_single(text: str, k: int) -> bool:
    return k + 1 >= len(text) or not text[k + 1].isalnum()


def find_marked(text: str, paragraphs: list[tuple[int, int]]) -> list[Marked]:
    """Top-level quoted spans in ``text``, scanning each paragraph (start, end) in order.

    A quote left open at the end of a paragraph continues when the next paragraph opens with a quote mark (the
    reporters' convention for quotes of several paragraphs); otherwise it is dropped as unbalanced. Single marks
    inside a double-quoted span are nested quotes and belong to it.
    """
    found: list[Marked] = []
    open_mark: str | None = None
    open_at = 0
    paras_spanned = 1
    for index, (p_start, p_end) in enumerate(paragraphs):
        p_end = min(p_end, len(text))
        k = p_start
        if open_mark is not None:
            # continuation: this paragraph must open with a quote mark, which we step over
            while k < p_end and text[k].isspace():
                k += 1
            if k < p_end and (text[k] in DOUBLE_OPEN or text[k] in SINGLE_OPEN):
                k += 1
                paras_spanned += 1
            else:
                open_mark = None
        while k < p_end:
            c = text[k]
            if open_mark is None:
                if c in DOUBLE_OPEN or (c in SINGLE_OPEN and _opens_single(text, k)):
                    open_mark, open_at, paras_spanned = c, k, 1
            else:
                closer = DOUBLE_OPEN.get(open_mark) or SINGLE_OPEN[open_mark]
                if c == closer and (open_mark not in SINGLE_OPEN or _closes_single(text, k)):
                    found.append(Marked(open_at + 1, k, paras_spanned))
                    open_mark = None
                elif (
                    c == open_mark
                    and open_mark in ("“", "«")
                    and k > 0
                    and not text[k - 1].isspace()
                    and (k + 1 >= p_end or not text[k + 1].isalnum())
                ):
                    # a closing mark typed the wrong way round: “text“
                    found.append(Marked(open_at + 1, k, paras_spanned))
                    open_mark = None
                elif c in DOUBLE_OPEN and c == open_mark and c != '"':
                    open_at, paras_spanned = k, 1  # a stray opening mark: start again from here
            k += 1
        if open_mark is not None:
            nxt = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            starts_quoted = nxt is not None and text[nxt : nxt + 1] in (
                DOUBLE_OPEN.keys() | SINGLE_OPEN.keys()
            )
            if not starts_quoted:
                open_mark = None
    out = []
    for m in found:
        s, e = m.start, m.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Marked(s, e, m.paragraphs))
    return out
