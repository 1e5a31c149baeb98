"""Turning store records into rich ``Text``: article text is always data, never markup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from store.models import SearchHit

if TYPE_CHECKING:
    from textual.app import App

# The theme variable each kind of entity is drawn in: text colours the theme makes readable on its background, so
# every built-in theme, light or dark, reads well. Kinds differ by colour where the theme's colours differ.
KIND_VARIABLE = {
    "person": "text-primary",
    "country": "text-success",
    "organization": "text-warning",
    "place": "text-secondary",
}
QUOTE_VARIABLE = "text-accent"
KIND_LABEL = {
    "person": "People",
    "country": "Countries",
    "organization": "Organisations",
    "place": "Places",
    "other": "Other",
}


def _colour(value: str, background: Color | None) -> Color | None:
    """A theme variable's colour (``"ansi_blue"``, ``"#0C304C"``, ``"$primary 30%"`` as ``"#1e90ff 30%"``),
    blended over ``background`` when it is see-through; None when it cannot be drawn (transparent)."""
    name, _, alpha = value.partition(" ")
    try:
        colour = Color.parse(name)
    except ColorParseError:
        return None
    if alpha.endswith("%"):
        if colour.ansi is not None:
            return None  # a terminal's own colours cannot be blended: no tint
        colour = colour.with_alpha(colour.a * float(alpha[:-1]) / 100)
    if colour.a >= 1:
        return colour
    if not colour.a or colour.ansi is not None or background is None or background.ansi is not None:
        return None  # a terminal's own colours cannot be blended: no tint
    return background + colour


READABLE = 3.0  # contrast (WCAG) of a coloured word with the background it is drawn on, at the least


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""

    def luminance(c: Color) -> float:
        r, g, b = (v / 255 for v in c.rgb)
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in (r, g, b)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: Color, background: Color | None) -> Color:
    """``colour``, darkened on a light background or lightened on a dark one until it reads (``READABLE``); a
    terminal's own colours are left as they are (their shade is the terminal's)."""
    if background is None or colour.ansi is not None or background.ansi is not None:
        return colour
    for _ in range(20):
        if contrast(colour, background) >= READABLE:
            break
        colour = colour.darken(0.03) if background.brightness > 0.5 else colour.lighten(0.03)
    return colour


@dataclass(frozen=True, slots=True)
class Palette:
    """The styles the reader draws articles with, read from a theme's variables."""

    kinds: dict[str, Style]
    quote: Style
    marked: Style  # the mentions of the entity selected in the entity pane
    selected_quote: Style  # the quote selected in the quote pane

    def kind(self, kind: str | None) -> Style:
        return self.kinds.get(kind or "", _BOLD)


_BOLD = Style(bold=True)
_palettes: dict[tuple[int, str], Palette] = {}


def palette(app: App) -> Palette:
    """The reader's styles in the app's current theme (made once per theme)."""
    key = (id(app), app.theme)
    found = _palettes.get(key)
    if found is None:
        variables = app.get_css_variables()
        background = _colour(variables.get("surface", ""), None) or _colour(
            variables.get("background", ""), None
        )

        def style(variable: str, **attributes: bool) -> Style:
            colour = _colour(variables.get(variable, ""), background)
            return Style(color=readable(colour, background).rich_color if colour else None, **attributes)

        def tint(variable: str, **attributes: bool) -> Style:
            colour = _colour(variables.get(variable, ""), background)
            return Style(bgcolor=colour.rich_color if colour else None, **attributes)

        found = _palettes[key] = Palette(
            kinds={kind: style(variable, bold=True) for kind, variable in KIND_VARIABLE.items()},
            quote=style(QUOTE_VARIABLE, italic=True),
            marked=tint("primary-muted", bold=True, underline=True),
            selected_quote=tint("accent-muted"),
        )
    return found


def abridge(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut at a word with an ellipsis (mid-word when the last space
    would leave less than half the line)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: max(1, width - 1)]
    if " " in cut[width // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut + "…"


SNIPPET_WIDTH = 160  # characters of a search hit's snippet shown


def highlighted(hit: SearchHit, style: str = "bold reverse") -> Text:
    """A search hit's snippet as text (never markup): its matched words styled, a quote in quote marks, an
    article's opening shortened to a line."""
    if hit.quoted:
        return Text("“" + abridge(hit.snippet, SNIPPET_WIDTH) + "”")
    if not hit.marks:
        return Text(abridge(hit.snippet, SNIPPET_WIDTH))
    out = Text(hit.snippet)
    for start, end in hit.marks:
        out.stylize(style, start, end)
    return out


def markup_literal(text: str) -> str:
    """``text`` as Textual content markup that shows it exactly, for the few places that take only markup.

    Textual reads a backslash before ``[`` as an escape and nothing else, so one before every bracket is enough
    (``textual.markup.escape`` leaves ``[$var]`` and ``[Bold]`` live and doubles a trailing backslash).
    """
    return text.replace("[", "\\[")
