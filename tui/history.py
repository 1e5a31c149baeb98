"""Where the user has been: a browser-like back/forward list of locations."""

from __future__ import annotations

from typing import NamedTuple


class Location(NamedTuple):
    """A place in the app: the article list (``home``), an article, an entity page or a search.

    ``offset`` is a character offset to put the cursor on when the place is first visited (a quote, a mention);
    ``cursor`` and ``scroll`` are what the user left there, restored when they come back.
    """

    kind: str
    target: int | str | None = None
    offset: int | None = None
    cursor: int | None = None
    scroll: int | None = None


HOME = Location("home")


class History:
    """Back and forward through visited locations, like a browser."""

    def __init__(self, start: Location = HOME):
        self._entries: list[Location] = [start]
        self._index = 0

    @property
    def current(self) -> Location:
        return self._entries[self._index]

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._entries) - 1

    def visit(self, location: Location) -> None:
        """Go somewhere new: what was forward of here is forgotten."""
        del self._entries[self._index + 1 :]
        self._entries.append(location)
        self._index += 1

    def remember(self, **changes) -> None:
        """Record the cursor and scroll the user left at the current location."""
        self._entries[self._index] = self.current._replace(**changes)

    def back(self) -> Location | None:
        if not self.can_go_back:
            return None
        self._index -= 1
        return self.current

    def forward(self) -> Location | None:
        if not self.can_go_forward:
            return None
        self._index += 1
        return self.current

    def __len__(self) -> int:
        return len(self._entries)
