"""A grip between two panes: drag it with the mouse to move the border between them."""

from __future__ import annotations

from textual import events
from textual.geometry import Offset
from textual.message import Message
from textual.widget import Widget


class Grip(Widget):
    """A one-cell bar between two panes; pressing it and moving the mouse reports where it was dragged to."""

    DEFAULT_CSS = """
    Grip { width: 1; height: 1fr; background: $primary 30%; }
    Grip:hover, Grip.-dragging { background: $accent; }
    """

    class Dragged(Message):
        """The grip was dragged to ``offset`` (screen coordinates)."""

        def __init__(self, grip: Grip, offset: Offset):
            super().__init__()
            self.grip = grip
            self.offset = offset

        @property
        def control(self) -> Grip:
            return self.grip

    def render(self) -> str:
        return ""  # a bar of colour, nothing written on it

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self.capture_mouse()
        self.add_class("-dragging")
        event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self.has_class("-dragging"):
            self.post_message(self.Dragged(self, event.screen_offset))
            event.stop()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self.has_class("-dragging"):
            self.release_mouse()
            self.remove_class("-dragging")
            event.stop()
