"""Benchmarks and evaluation scripts (not tests: they print figures and never fail CI)."""
