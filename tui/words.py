"""Words the app and the command line print about numbers of things."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun that agrees with it, thousands grouped: "1 article", "1,208 articles", "0 quotes"."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def roughly(n: int) -> int:
    """``n`` to two significant figures, for an estimate: 24,118 → 24,000; 687 → 690; 42 → 42."""
    if n < 100:
        return n
    step = 10 ** (len(str(n)) - 2)
    return round(n / step) * step
