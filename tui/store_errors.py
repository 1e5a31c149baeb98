"""A store that fails under the running app (a damaged page, a lock held too long, the file deleted): whatever
meets the failure posts ``StoreFailed``, and the app ends with its one line (exit 3), not a traceback. Anything
else raised is a bug, and keeps Textual's report (exit 1)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from textual.message import Message

from store.db import store_failure

F = TypeVar("F", bound=Callable[..., Any])


class StoreFailed(Message):
    """The store failed; ``reason`` is the line to end with."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason


def reports_store_errors(method: F) -> F:
    """Wrap a method of a widget, screen or app (a worker's, or one that reads the store on the spot) so that a
    store failure inside it is posted to the app as ``StoreFailed`` (thread-safe) rather than raised."""

    @wraps(method)
    def wrapper(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:
            reason = store_failure(exc, getattr(self.app.store, "path", None) or "the store")
            if reason is None:
                raise
            self.app.post_message(StoreFailed(reason))
            return None

    return wrapper  # type: ignore[return-value]
