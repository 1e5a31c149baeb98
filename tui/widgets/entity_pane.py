"""The entity pane: an article's entities grouped by kind, with roles and mention counts."""

from __future__ import annotations

import contextlib

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from store.models import Entity

from ..text import KIND_LABEL, KIND_STYLE

KIND_ORDER = ("person", "country", "organization", "place", "other")


class EntityPane(OptionList):
    """Highlight an entity to mark its mentions in the body; Enter opens its page; n/N step through mentions."""

    BINDINGS = [
        Binding("enter", "open", "Entity page"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Marked(Message):
        def __init__(self, entity_id: int | None):
            super().__init__()
            self.entity_id = entity_id

    class Open(Message):
        def __init__(self, entity_id: int):
            super().__init__()
            self.entity_id = entity_id

    def show(self, entities: list[tuple[Entity, int]], roles: dict[int, str]) -> None:
        """Fill the pane: one group per kind, each entity with its role here and its mention count."""
        self.clear_options()
        options: list[Option | None] = []
        for kind in KIND_ORDER:
            group = [(e, n) for e, n in entities if e.kind == kind]
            if not group:
                continue
            options.append(
                Option(Text(f"{KIND_LABEL[kind]} ({len(group)})", style="bold underline"), disabled=True)
            )
            for entity, count in group:
                label = Text()
                label.append(entity.name, style=KIND_STYLE[kind])
                if entity.code:
                    label.append(f" {entity.code}", style="dim")
                label.append(f" ×{count}", style="dim")
                role = roles.get(entity.id) or entity.role
                if role:
                    label.append(f"\n  {role}", style="dim italic")
                options.append(Option(label, id=f"e{entity.id}"))
        self.add_options([o for o in options if o is not None])
        self.highlighted = None

    @property
    def entity_id(self) -> int | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id[1:]) if option.id else None

    def select_entity(self, entity_id: int) -> None:
        with contextlib.suppress(OptionDoesNotExist):  # not in this article
            self.highlighted = self.get_option_index(f"e{entity_id}")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Marked(self.entity_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        if (entity_id := self.entity_id) is not None:
            self.post_message(self.Open(entity_id))
