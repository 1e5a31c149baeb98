"""Turning store records into rich ``Text``: article text is always data, never markup."""

from __future__ import annotations

from rich.text import Text

from store.queries import HIGHLIGHT_END, HIGHLIGHT_START

KIND_STYLE = {
    "person": "bold #7fd4ff",
    "country": "bold #9ee37d",
    "organization": "bold #f7b267",
    "place": "bold #d4a5ff",
    "other": "bold",
}
KIND_LABEL = {
    "person": "People",
    "country": "Countries",
    "organization": "Organisations",
    "place": "Places",
    "other": "Other",
}
QUOTE_STYLE = "italic #ffe08a"


def highlighted(snippet: str, style: str = "bold reverse") -> Text:
    """A search snippet with its marked matches styled (the marks come from the store, never from markup)."""
    out = Text()
    rest = snippet
    while HIGHLIGHT_START in rest:
        before, _, rest = rest.partition(HIGHLIGHT_START)
        match, _, rest = rest.partition(HIGHLIGHT_END)
        out.append(before)
        out.append(match, style=style)
    out.append(rest.replace(HIGHLIGHT_END, ""))
    return out


def markup_literal(text: str) -> str:
    """``text`` as Textual content markup that shows it exactly, for the few places that take only markup.

    Textual reads a backslash before ``[`` as an escape and nothing else, so one before every bracket is enough
    (``textual.markup.escape`` leaves ``[$var]`` and ``[Bold]`` live and doubles a trailing backslash).
    """
    return text.replace("[", "\\[")
