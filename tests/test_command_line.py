"""The command line that opens the app is read without argparse (see tui.cli._plain): it must mean what argparse
would make of it, and anything else must still reach argparse."""

from __future__ import annotations

import pytest

from tui.cli import _plain, build_parser


@pytest.mark.parametrize("argv", [[], ["--db", "x.db"], ["--db", "~/news/store.db"], ["--db", ""]])
def test_the_app_command_line_reads_as_argparse_reads_it(argv):
    plain, full = _plain(argv), build_parser().parse_args(argv)
    assert plain is not None
    assert (plain.command, plain.db) == (full.command, full.db)


@pytest.mark.parametrize(
    "argv",
    [
        ["--db"],
        ["--db", "-x"],
        ["--db", "a", "b"],
        ["--db=x.db"],
        ["app"],
        ["-h"],
        ["ingest", "f.txt"],
        ["x"],
    ],
)
def test_every_other_command_line_is_left_to_argparse(argv):
    assert _plain(argv) is None
