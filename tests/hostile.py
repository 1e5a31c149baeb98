"""Hostile article text: strings that try to act on a terminal or on a markup parser, a deterministic corpus of
articles carrying them in every input format the ingester reads, and hypothesis strategies for property tests.

Nothing here is random: the same corpus is written every time, so a failure names the same article twice.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

# ------------------------------------------------------------------------------------------- the catalogue
# name → a hostile fragment. Grouped by what it attacks: the terminal (escape sequences and controls), the reader's
# eye (bidi, zero-width), the markup parsers of Rich and Textual, line handling, and wide or composed characters.
TERMINAL = {
    "csi-red": "\x1b[31m",
    "csi-clear-screen": "\x1b[2J",
    "csi-alt-screen": "\x1b[?1049h",
    "csi-cursor-home": "\x1b[H",
    "csi-hide-cursor": "\x1b[?25l",
    "csi-mouse-off": "\x1b[?1000l",
    "osc-title": "\x1b]0;pwned\x07",
    "osc-title-st": "\x1b]2;pwned\x1b\\",
    "osc-52-clipboard": "\x1b]52;c;cHduZWQ=\x07",
    "osc-8-hyperlink": "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\",
    "dcs": "\x1bP+q544e\x1b\\",
    "esc-reset": "\x1bc",
    "c1-csi": "\x9b31m",
    "c1-osc-title": "\x9d0;pwned\x9c",
    "c1-nel": "\x85",
    "c1-dcs": "\x90q\x9c",
    "bel": "\x07",
    "backspace": "ab\x08\x08XY",
    "vertical-tab": "\x0b",
    "form-feed": "\x0c",
    "shift-out": "\x0e",
    "file-separator": "\x1c",
    "del": "\x7f",
}
NUL = "\x00"  # in JSON escapes only: a raw NUL marks a file as binary, and the ingester rightly refuses it
BIDI = {
    "rlo": "\u202e",
    "lro": "\u202d",
    "rle": "\u202b",
    "lre": "\u202a",
    "pdf": "\u202c",
    "lri": "\u2066",
    "rli": "\u2067",
    "fsi": "\u2068",
    "pdi": "\u2069",
    "rlo-spoof": "invoice\u202egpj.exe",
}
ZERO_WIDTH = {
    "zwsp": "\u200b",
    "zwnj": "\u200c",
    "zwj": "\u200d",
    "bom": "\ufeff",
    "zwsp-in-word": "Bel\u200bgrade",
}
MARKUP = {
    "bold": "[bold]",
    "bold-closed": "[bold]Vote now[/bold]",
    "click-quit": "[@click=app.quit]x[/]",
    "click-quit-open": "[@click=app.quit]",
    "link": "[link=https://evil]x[/link]",
    "unbalanced-open": "[",
    "close-all": "[/]",
    "close-unopened": "[/bold]",
    "escaped-bracket": "\\[",
    "backslash-end": "trailing\\",
    "emoji-code": ":smile:",
    "red": "[red]",
    "on-red": "[on red]",
    "variable": "[$accent]",
    "style-words": "[b i u reverse blink]",
    "meta": "[@click=screen.dismiss]",
    "rich-bad-tag": "[not a style]",
    "brackets-nested": "[[[bold]]]",
    "capitalised": "[Bold]",
    "spaced": "[ bold]",
}
LINES = {
    "crlf": "first\r\nsecond",
    "lone-cr": "over\rwrite",
    "tab": "col\tumn",
    "line-separator": "a\u2028b",
    "paragraph-separator": "a\u2029b",
}
GLYPHS = {
    "zwj-family": "👨\u200d👩\u200d👧\u200d👦",
    "flag-xk": "🇽🇰",
    "flag-rs": "🇷🇸",
    "skin-tone": "👍🏽",
    "combining-acute": "Kovac\u030c",
    "zalgo": "Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032d\u0308\u0307l\u036e\u0312\u036bg\u030c\u0317\u035a",
    "cjk": "北京",
    "rtl-text": "שלום",
    "variation-selector": "\u2764\ufe0f",
}
QUOTE_MARKS = {
    "odd-straight": 'He said "yes and "no.',
    "odd-curly": "“one “two” three",
    "nested-three": "“She said ‘he told me “never” twice’ today”",
    "lone-close": "”",
}
GROUPS = {
    "terminal": TERMINAL,
    "bidi": BIDI,
    "zero-width": ZERO_WIDTH,
    "markup": MARKUP,
    "lines": LINES,
    "glyphs": GLYPHS,
    "quote-marks": QUOTE_MARKS,
}
CASES: dict[str, str] = {f"{g}/{name}": s for g, group in GROUPS.items() for name, s in group.items()}

# Characters that must never reach the store: C0 controls but tab and newline, DEL, C1, bidi embeddings,
# overrides and isolates. (Carriage returns become line breaks.)
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# What an article must never get the terminal to receive, whatever the app draws around it.
PAYLOADS = ("]0;pwned", "]2;pwned", "]52;c;cHduZWQ=", "]8;;https://evil", "P+q544e", "\x9b", "\x9d", "\x90")


# ------------------------------------------------------------------------------------------- the articles
@dataclass(frozen=True)
class HostileArticle:
    """One article with hostile text in every field (title, dek, byline, source, paragraphs)."""

    slug: str
    title: str
    paragraphs: list[str]
    dek: str = ""
    byline: str = ""
    source: str = ""
    date: str = "2021-03-04"


def _articles() -> list[HostileArticle]:
    """The hostile articles, one theme each; every one carries quotes and named people for the panes."""
    t, m = TERMINAL, MARKUP
    return [
        HostileArticle(
            "markup-vote",
            "[bold]Breaking[/bold] council vote [@click=app.quit]ends[/] early",
            [
                "BELGRADE (Danube Wire) - The city council met on Monday in Belgrade, Serbia.",
                '"[bold]Vote now[/bold]," said Anna [red]Kovač[/red].',
                '"Do not [@click=app.quit]leave[/] the chamber," Marko Petrović told reporters.',
                "The mayor Jelena Marić said the [link=https://evil]full results[/link] would follow, "
                'adding that she "expected [/] no [ surprises \\[ at all :smile:."',
            ],
            dek="A dek with [on red]colour[/] and [$accent] variables and an unbalanced [ bracket.",
            byline="Ivana [b]Ilić[/b]",
            source="[bold]Danube[/] Wire",
        ),
        HostileArticle(
            "escapes-ministry",
            f"Ministry{t['osc-title']} statement{t['csi-clear-screen']} on gas{t['csi-red']} prices",
            [
                f"SOFIA (Balkan Post) - Bulgaria's energy minister Nikolai Petkov{t['csi-alt-screen']} said "
                f"on Tuesday that prices would rise.{t['bel']}",
                f'"Prices will rise{t["osc-52-clipboard"]} this winter," Petkov said.',
                f'"We are{t["c1-csi"]} ready{t["c1-osc-title"]} for it," said Elena Dimitrova{t["del"]}, '
                "a spokeswoman for the ministry.",
                f"Read more at {t['osc-8-hyperlink']} or {t['dcs']} {t['esc-reset']} {t['csi-hide-cursor']}"
                f"{t['csi-mouse-off']} {t['csi-cursor-home']} {t['osc-title-st']} {t['c1-dcs']}.",
            ],
            dek=f"Controls{t['backspace']} in the {t['vertical-tab']}dek{t['form-feed']} "
            f"{t['shift-out']}{t['file-separator']}{t['c1-nel']}.",
            byline=f"Petar{t['osc-title']} Ivanov",
            source=f"Balkan{t['osc-title']} Post",
        ),
        HostileArticle(
            "bidi-border",
            f"Border {BIDI['rlo']}talks{BIDI['pdf']} resume {BIDI['lri']}in{BIDI['pdi']} Skopje",
            [
                f"SKOPJE (Vardar News) - Foreign minister Bujar {BIDI['rlo']}Osmani{BIDI['pdf']} met his "
                f"Greek counterpart Nikos Dendias{BIDI['rli']} on Friday in Skopje.",
                f'"The file {BIDI["rlo-spoof"]} was {BIDI["fsi"]}never{BIDI["pdi"]} opened," Osmani said.',
                f"Dendias said{ZERO_WIDTH['zwsp']} the{ZERO_WIDTH['zwnj']} talks{ZERO_WIDTH['zwj']} would "
                f"continue{ZERO_WIDTH['bom']} in {ZERO_WIDTH['zwsp-in-word']}, "
                f'adding that "[bold]nothing[/bold] {BIDI["lre"]}is{BIDI["rle"]} agreed."',
            ],
            byline=f"Ana{ZERO_WIDTH['zwsp']} Stojanovska",
            source=f"Vardar{BIDI['rlo']} News",
        ),
        HostileArticle(
            "glyphs-festival",
            f"Festival {GLYPHS['zwj-family']} crowds {GLYPHS['flag-xk']} fill {GLYPHS['cjk']} square "
            f"{GLYPHS['skin-tone']}",
            [
                f"PRISTINA (Kosovo Daily) - Crowds {GLYPHS['flag-rs']} filled the square {GLYPHS['zalgo']} "
                f"on Saturday as organiser Drita {GLYPHS['combining-acute']} opened the festival.",
                f'"This is for every family {GLYPHS["zwj-family"]} in Kosovo {GLYPHS["flag-xk"]}," said '
                f"Drita Krasniqi{GLYPHS['variation-selector']}.",
                f"The mayor Arben Gashi said the night was {GLYPHS['rtl-text']} calm, "
                f'adding that he "counted {GLYPHS["skin-tone"]} no incidents."',
            ],
            dek=f"Emoji {GLYPHS['zwj-family']}{GLYPHS['flag-xk']}{GLYPHS['skin-tone']} and "
            f"{GLYPHS['zalgo']} marks.",
            byline=f"Besa {GLYPHS['skin-tone']} Hoxha",
            source=f"Kosovo {GLYPHS['flag-xk']} Daily",
        ),
        HostileArticle(
            "quotes-nesting",
            f"Quotes {QUOTE_MARKS['nested-three']} and {QUOTE_MARKS['odd-straight']}",
            [
                "ZAGREB (Adria Wire) - Croatian prime minister Andrej Plenković spoke in Zagreb on Sunday.",
                f"{QUOTE_MARKS['nested-three']}, Plenković said of the [bold]opposition[/bold].",
                f"{QUOTE_MARKS['odd-straight']} said the opposition leader Davor Bernardić.",
                f"{QUOTE_MARKS['odd-curly']} {QUOTE_MARKS['lone-close']} was all he added.",
                '"[/]Unbalanced[ and \\[escaped\\] markup[/bold]," said Vesna Pusić.',
            ],
            source="Adria Wire",
        ),
        HostileArticle(
            "lines-harbour",
            f"Harbour{LINES['tab']} strike{MARKUP['close-all']} ends",
            [
                f"SPLIT (Coast Times) - Dock workers in Split, Croatia, ended a strike {LINES['tab']} "
                "on Thursday.",
                f'"We {MARKUP["style-words"]}won{MARKUP["close-all"]} this," said union leader '
                f"Tomislav {MARKUP['rich-bad-tag']} Barić{MARKUP['brackets-nested']}.",
                f"Barić said {LINES['line-separator']} the deal{LINES['paragraph-separator']} was signed "
                f"{MARKUP['meta']}close{MARKUP['close-all']} {MARKUP['backslash-end']}",
            ],
            byline=f"Luka {MARKUP['click-quit-open']}Perić",
            source=f"Coast {MARKUP['emoji-code']} Times",
        ),
        HostileArticle(
            "markup-summit",
            f"Summit {m['capitalised']}leaders{m['close-unopened']} meet {m['spaced']}in Brdo",
            [
                "Croatian President Zoran Milanović [@click=app.quit]x[/] met Slovenian leader "
                "Janez Janša[b]z on Monday.",
                "Ivo Sanader[b]x said the talks were over.",
                '"We won," said Anna Kovač[@click=app.quit], the council leader.',
                '"[bold]Vote now[/bold]," said Anna Kovač[/red], the council leader.',
                f'"Vote now{t["osc-title"]}," said Mirela Kovač{t["osc-title"]}, the council leader.',
            ],
            source=f"Brdo {m['variable']} Times",
        ),
    ]


ARTICLES = _articles()


def _txt(a: HostileArticle, newline: str = "\n") -> str:
    head = [a.title, ""] + ([a.dek, ""] if a.dek else [])
    meta = [f"By {a.byline}"] if a.byline else []
    meta += [a.date] + ([f"Source: {a.source}"] if a.source else [])
    return newline.join([*head, *meta, "", *a.paragraphs]) + newline


def _record(a: HostileArticle, **extra) -> dict:
    rec = {"title": a.title, "text": a.paragraphs, "published": a.date}
    rec |= {k: v for k, v in (("dek", a.dek), ("author", a.byline), ("source", a.source)) if v}
    return rec | extra


def _html(a: HostileArticle) -> str:
    """A page carrying the article, with controls written as character references where HTML allows them."""
    e = html.escape
    body = "\n".join(f"<p>{e(p)}</p>" for p in a.paragraphs)
    return (
        "<!doctype html>\n<html><head>"
        f"<title>{e(a.title)}</title>"
        f'<meta name="author" content="{e(a.byline)}">'
        f'<meta property="og:site_name" content="{e(a.source)}">'
        f'<meta name="description" content="{e(a.dek)}">'
        f'<meta property="article:published_time" content="{a.date}">'
        "</head><body><nav>Home | World | [@click=app.quit]Quit[/]</nav><article>"
        f"<h1>{e(a.title)}</h1>\n{body}\n<p>Escaped: &#x1b;]0;pwned&#x7; and &#155;31m and &#x202e;</p>"
        "</article><footer>\x1b]0;pwned\x07</footer></body></html>\n"
    )


def write_corpus(folder: Path) -> dict[str, int]:
    """Write the hostile articles as txt (LF, CRLF, lone CR), JSON, JSON Lines and HTML under ``folder``.

    Returns the number of articles written per format. Text is written as UTF-8 bytes exactly as built, so
    raw escapes, C1 controls and carriage returns reach the reader.
    """
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"txt": 0, "json": 0, "jsonl": 0, "html": 0}
    for k, a in enumerate(ARTICLES):
        newline = ("\n", "\r\n", "\r")[k % 3]
        (folder / f"{a.slug}.txt").write_bytes(_txt(a, newline).encode("utf-8"))
        counts["txt"] += 1
    # JSON: the same articles as a list, under new titles so they are not duplicates, with a NUL escape
    records = [
        _record(a, title=f"JSON {a.title}{NUL}", url=f"https://news.example/{a.slug}?\x1b]0;pwned\x07")
        for a in ARTICLES
    ]
    (folder / "hostile.json").write_text(json.dumps({"articles": records}, ensure_ascii=False), "utf-8")
    counts["json"] += len(records)
    # JSON Lines: raw C1, NEL and line separators inside strings are valid JSON and must not split a record
    lines = [
        json.dumps(_record(a, title=f"JSONL {a.title}\x85\u2028\u2029"), ensure_ascii=False) for a in ARTICLES
    ]
    (folder / "hostile.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    counts["jsonl"] += len(lines)
    for a in ARTICLES:
        (folder / f"{a.slug}.html").write_text(_html(a), "utf-8")
        counts["html"] += 1
    return counts


# ------------------------------------------------------------------------------------------- strategies
WORDS = ["said", "Anna", "Kovač", "Belgrade", " ", " ", "\n", '"', "“", "”", "‘", "’", ".", ",", "told"]

# one hostile fragment, a word, or any text at all (hypothesis' text reaches surrogates-free Unicode widely)
fragment = st.one_of(
    st.sampled_from(sorted(CASES.values())),
    st.sampled_from(WORDS),
    st.text(max_size=6),
    st.characters(codec="utf-8", categories=("Cc", "Cf", "Zl", "Zp", "Mn", "So")).map(str),
)
hostile_text = st.lists(fragment, max_size=40).map("".join)
# a hostile name as it might stand in an article: capitalised words with hostile pieces inside
hostile_name = st.builds(
    lambda first, piece, last: f"{first} {piece}{last}",
    st.sampled_from(["Anna", "Marko", "Jelena", "Drita"]),
    st.sampled_from(sorted(CASES.values())),
    st.sampled_from(["Kovač", "Petrović", "Marić", "Krasniqi"]),
)
