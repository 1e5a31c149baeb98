"""The article list's orders, and how to ask for a page of it by key instead of by position.

A page found by OFFSET costs the rows skipped: at row 900,000 of a million-article list that is 900,000 index
steps. A page found by key (keyset pagination: "the 200 rows after this one") costs an index seek, wherever it
is. Each order is a sort key of one indexed expression and the article id (see schema.py's list indexes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .models import ArticleSummary


class ListOrder(NamedTuple):
    """A sort of the article list: an indexed expression, then the id, both one way."""

    expression: str
    descending: bool
    key: Callable[[ArticleSummary], object]  # the expression's value for a row, as SQLite compares it

    def order_by(self, reverse: bool = False, ident: str = "a.id") -> str:
        """The ORDER BY terms (``ident``: the column holding the article's id)."""
        way = "DESC" if self.descending != reverse else "ASC"
        return f"{self.expression} {way}, {ident} {way}"

    def beyond(
        self, row: ArticleSummary, reverse: bool = False, ident: str = "a.id"
    ) -> tuple[str, list[object]]:
        """A WHERE clause for the rows after ``row`` in this order (before it with ``reverse``), written so
        SQLite seeks the index on the expression (a row-value comparison on an expression would scan it)."""
        op = "<" if self.descending != reverse else ">"
        value = self.key(row)
        return (
            f"{self.expression} {op}= ? AND ({self.expression} {op} ? OR {ident} {op} ?)",
            [value, value, row.id],
        )


ORDERS: dict[str, ListOrder] = {
    "newest": ListOrder("coalesce(a.published, '')", True, lambda r: r.published or ""),
    "oldest": ListOrder("coalesce(a.published, '9999')", False, lambda r: r.published or "9999"),
    "most quoted": ListOrder("a.quote_count", True, lambda r: r.quotes),
    "most people": ListOrder("a.people_count", True, lambda r: r.people),
    "title": ListOrder("a.title COLLATE NOCASE", False, lambda r: r.title),
}
