"""Benchmarks and evaluation scripts (not tests: they print figures and never fail CI)."""

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"


def record(lines: list[str]) -> None:
    """Append a benchmark's table (its lines, a heading first) to bench/results.md."""
    with open(RESULTS, "a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n\n")
