"""Every key binding of the reader, by where it applies, each with an id that a user's keymap can rebind.

The widgets and screens take their ``BINDINGS`` from here, and help (``?``) is generated from ``SECTIONS``: help
imports no screen. A binding that means the same in two places (``]`` in the body and on the main screen) has one
id, so one line of the keymap moves both. Ids are what ``config.toml``'s ``[keymap]`` table names (``settings``).
"""

from __future__ import annotations

from textual.binding import Binding

APP = [
    Binding("slash", "search", "Search", id="search"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("backspace,alt+left", "back", "Back", id="back"),
    Binding("alt+right", "forward", "Forward", id="forward"),
    Binding("q", "back_or_quit", "Back/Quit", id="quit"),
]

MAIN = [
    Binding("n", "next_mention(1)", "Next mention", id="next-mention"),
    Binding("N", "next_mention(-1)", "Prev mention", id="previous-mention"),
    Binding("]", "step(1)", "Next link", show=False, id="next-link"),
    Binding("[", "step(-1)", "Prev link", show=False, id="previous-link"),
    Binding("f", "filter", "Filter list", id="filter"),
    Binding("y", "copy_quote", "Copy quote", id="copy-quote"),
    Binding("o", "open_url", "Open URL", id="open-url"),
    Binding("escape", "escape", "Back", show=False, id="escape"),
    Binding(
        "greater_than_sign", "resize_side(1)", "Wider entity and quote panes", show=False, id="panes-wider"
    ),
    Binding(
        "less_than_sign",
        "resize_side(-1)",
        "Narrower entity and quote panes",
        show=False,
        id="panes-narrower",
    ),
    Binding(
        "right_curly_bracket",
        "resize_list(1)",
        "Wider list (beside the article)",
        show=False,
        id="list-wider",
    ),
    Binding("left_curly_bracket", "resize_list(-1)", "Narrower list", show=False, id="list-narrower"),
]

BODY = [
    Binding("]", "step(1)", "Next link", id="next-link"),
    Binding("[", "step(-1)", "Prev link", id="previous-link"),
    Binding("enter", "follow", "Follow", id="follow"),
    Binding("up,k", "scroll_lines(-1)", "Up", show=False, id="up"),
    Binding("down,j", "scroll_lines(1)", "Down", show=False, id="down"),
    Binding("pageup,ctrl+b", "scroll_page(-1)", "Page up", show=False, id="page-up"),
    Binding("pagedown,ctrl+f,space", "scroll_page(1)", "Page down", show=False, id="page-down"),
    Binding("home,g", "edge(0)", "Top", show=False, id="top"),
    Binding("end,G", "edge(1)", "Bottom", show=False, id="bottom"),
]

LIST = [
    Binding("up,k", "move(-1)", "Up", show=False, id="up"),
    Binding("down,j", "move(1)", "Down", show=False, id="down"),
    Binding("pageup,ctrl+b", "page(-1)", "Page up", show=False, id="page-up"),
    Binding("pagedown,ctrl+f,space", "page(1)", "Page down", show=False, id="page-down"),
    Binding("home,g", "jump(0)", "Top", show=False, id="top"),
    Binding("end,G", "jump(-1)", "Bottom", show=False, id="bottom"),
    Binding("enter", "select", "Open", id="open"),
    Binding("s", "cycle_order", "Sort", id="sort"),
    Binding("e", "export", "Export", id="export"),
    Binding("r", "reload", "Reload", show=False, id="reload-list"),
]

SEARCH = [
    Binding("escape", "app.back", "Back", id="escape"),
    Binding("down", "to_results", "Results", show=False, id="to-results"),
    Binding("tab", "complete", "Complete name", show=False, id="complete"),
]

RESULTS = [
    Binding("e", "screen.export", "Export", id="export")
]  # the search's results, when they have the focus

ENTITY_PANE = [
    Binding("enter", "open", "Entity page", id="open"),
    Binding("j", "cursor_down", "Down", show=False, id="down"),
    Binding("k", "cursor_up", "Up", show=False, id="up"),
]

QUOTE_PANE = [
    Binding("enter", "show", "Show quote", id="open"),
    Binding("p", "speaker", "Speaker's page", id="speaker"),
    Binding("j", "cursor_down", "Down", show=False, id="down"),
    Binding("k", "cursor_up", "Up", show=False, id="up"),
]

ENTITY_PAGE = [
    Binding("j", "links_down", "Down", show=False, id="down"),
    Binding("k", "links_up", "Up", show=False, id="up"),
    Binding("g", "links_edge(0)", "Top", show=False, id="top"),
    Binding("G", "links_edge(1)", "Bottom", show=False, id="bottom"),
    Binding("y", "copy_quote", "Copy quote", id="copy-quote"),
    Binding("e", "export", "Export quotes", id="export"),
    Binding("escape", "app.back", "Back", id="escape"),
]

QUOTE = [
    Binding("escape,q", "dismiss", "Close", id="close"),
    Binding("enter,p", "speaker", "Speaker's page", id="speaker"),
    Binding("y", "copy", "Copy with citation", id="copy-quote"),
]

HELP = [Binding("escape,q,question_mark", "dismiss", "Close", id="close")]

# What help lists, in this order: a title, then its bindings (help imports no screen: every binding is here).
SECTIONS: list[tuple[str, list[Binding]]] = [
    (
        "Everywhere",
        [
            *APP,
            Binding("ctrl+p", "", "Command palette: every action and entity"),
            Binding("tab,shift+tab", "", "Next / previous pane"),
        ],
    ),
    ("Main screen", [*MAIN]),
    ("Article list", LIST),
    ("Article body", BODY),
    ("Entity pane", ENTITY_PANE),
    ("Quote pane", QUOTE_PANE),
    ("Entity page", ENTITY_PAGE),
    ("Search", [*SEARCH, Binding("enter", "", "Search / open the result"), *RESULTS]),
    ("Quote", QUOTE),
]
