"""The entity pane: an article's entities grouped by kind, with roles and mention counts.

A lazy list (``LazyList``): a heading is one row, an entity one row (two with a role here), so the pane knows its
height without drawing anything, and draws only the entities on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message

from store.models import Entity

from .. import keys
from ..text import KIND_LABEL, palette
from .lazy_list import LazyList
from .select_then_open import SelectThenOpen

KIND_ORDER = ("person", "country", "organization", "place", "other")


@dataclass(frozen=True, slots=True)
class _Row:
    """A kind's heading (``entity`` None) or an entity with its mention count and role here."""

    kind: str
    entity: Entity | None = None
    count: int = 0
    role: str | None = None


class EntityPane(SelectThenOpen, LazyList):
    """Highlight an entity to mark its mentions in the body; Enter opens its page; n/N step through mentions."""

    BINDINGS = keys.ENTITY_PANE

    class Marked(Message):
        def __init__(self, entity_id: int | None):
            super().__init__()
            self.entity_id = entity_id

    class Open(Message):
        def __init__(self, entity_id: int):
            super().__init__()
            self.entity_id = entity_id

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._rows: list[_Row] = []
        self._index: dict[int, int] = {}

    def show(self, entities: list[tuple[Entity, int]], roles: dict[int, str]) -> None:
        """Fill the pane: one group per kind, each entity with its role here and its mention count."""
        rows: list[_Row] = []
        for kind in KIND_ORDER:
            group = [(e, n) for e, n in entities if e.kind == kind]
            if group:
                rows.append(_Row(kind, count=len(group)))
                rows.extend(_Row(kind, e, n, roles.get(e.id) or e.role) for e, n in group)
        self._rows = rows
        self._index = {r.entity.id: k for k, r in enumerate(rows) if r.entity is not None}
        self.set_entries([1 if r.entity is None or not r.role else 2 for r in rows])

    def clear_options(self) -> None:
        self.show([], {})

    def entry_lines(self, index: int, width: int) -> list[Text]:
        row = self._rows[index]
        if row.entity is None:
            return [Text(f"{KIND_LABEL[row.kind]} ({row.count})", style="bold underline")]
        label = Text()
        label.append(row.entity.name, style=palette(self.app).kind(row.kind))
        if row.entity.code:
            label.append(f" {row.entity.code}", style="dim")
        label.append(f" ×{row.count}", style="dim")
        return [label, Text(f"  {row.role}", style="dim italic")] if row.role else [label]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()  # the entities are drawn in the theme's colours: a new theme draws them again

    def entry_disabled(self, index: int) -> bool:
        return self._rows[index].entity is None

    @property
    def entity_id(self) -> int | None:
        if self.highlighted is None or self.highlighted >= len(self._rows):
            return None
        entity = self._rows[self.highlighted].entity
        return entity.id if entity is not None else None

    def select_entity(self, entity_id: int) -> None:
        """Highlight an entity of this article (nothing happens for one it does not mention)."""
        if (k := self._index.get(entity_id)) is not None:
            self.highlighted = k

    def highlight_changed(self, index: int | None) -> None:
        self.post_message(self.Marked(self.entity_id))

    def selected(self, index: int) -> None:
        self.action_open()

    def action_open(self) -> None:
        if (entity_id := self.entity_id) is not None:
            self.post_message(self.Open(entity_id))
