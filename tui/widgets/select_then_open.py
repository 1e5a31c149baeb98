"""The mouse in the entity and quote panes does what the keys do: a click selects (as moving the cursor does,
marking an entity's mentions or scrolling the body to a quote), and a second click on it opens it (as Enter does).
A lazy list's own click opens at once."""

from __future__ import annotations

from textual.events import Click


class SelectThenOpen:
    """Mixed into a ``LazyList``: a click highlights the entry under it; a click on the highlighted one (or a
    double click) selects it."""

    def on_click(self, event: Click) -> None:
        event.prevent_default()  # not the list's own click, which selects at once
        row = self.scroll_offset.y + event.y  # type: ignore[attr-defined]
        if not 0 <= row < self._tops[-1]:  # type: ignore[attr-defined]
            return
        index = self._entry_at(row)  # type: ignore[attr-defined]
        if self.entry_disabled(index):  # type: ignore[attr-defined]
            return
        if index == self.highlighted or event.chain > 1:  # type: ignore[attr-defined]
            self.action_select()  # type: ignore[attr-defined]
        else:
            self.highlighted = index  # type: ignore[attr-defined]
        self.focus()  # type: ignore[attr-defined]
