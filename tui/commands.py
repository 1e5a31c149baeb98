"""The command palette: every action, and every entity by name (fuzzy, accent-insensitive, off the UI thread)."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from .history import Location
from .text import markup_literal
from .words import counted

ACTIONS = [
    ("Search articles", "search", "open the search line (/)"),
    ("Help: every key", "help", "list every binding (?)"),
    ("Back", "back", "previous place (Backspace, alt+left)"),
    ("Forward", "forward", "next place (alt+right)"),
    ("Article list", "home", "go to the list of articles"),
    ("Sort the article list", "sort", "cycle newest, oldest, most quoted, most people, title (s)"),
    ("Filter the article list", "filter", "narrow the list with the search language (f)"),
    ("Copy the selected quote with its citation", "copy_quote", "y"),
    ("Open the article's URL in the browser", "open_url", "o"),
    ("Quit", "quit", "leave newsdesk"),
]


class ActionCommands(Provider):
    """The app's actions by name."""

    async def discover(self) -> Hits:
        for name, action, help_text in ACTIONS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in ACTIONS:
            if (score := matcher.match(name)) > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text
                )


class EntityCommands(Provider):
    """Every entity in the store, found by any word of its name, without case or accents."""

    async def search(self, query: str) -> Hits:
        from store.countries import fold  # on first use: the country tables stay out of start-up

        words = fold(query).split()
        if not words or len(words[0]) < 2:
            return
        gateway = self.app.gateway  # type: ignore[attr-defined]
        # the store narrows by the first letters of each word (indexed prefixes), so a typo later in a word still
        # finds it; the matcher then ranks fuzzily on folded names
        found: dict[int, object] = {}
        for word in words[:3]:
            for entity in await gateway.find_entities(self.app, word[:3], 200):
                found.setdefault(entity.id, entity)
        matcher = self.matcher(fold(query))
        for entity in found.values():
            score = matcher.match(fold(entity.name))
            if score <= 0:
                continue
            label = Text(entity.name)
            yield Hit(
                max(score, 0.1),
                label,
                partial(self.app.navigate, Location("entity", entity.id)),  # type: ignore[attr-defined]
                # the palette renders help as markup: a role comes from article text, so it is escaped
                help=markup_literal(
                    f"{entity.kind} · {counted(entity.article_count, 'article')}"
                    + (f" · {entity.role}" if entity.role else "")
                ),
            )
