"""Bad files: each kind is named on stderr with its reason, every good file still goes in, and the exit code
tells apart all read (0), some failed (1), usage (2), store problem (3) and nothing read (4).

The ingests run the real command in-process (``tui.cli.main``) with the real model: there is no model-free path.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from store import ingest as ingest_module
from store.readers import MAX_FILE_BYTES, RawArticle, ReadFailure, read_bytes, read_path
from tui.cli import EXIT_NOTHING, EXIT_OK, EXIT_SOME_FAILED, EXIT_STORE, EXIT_USAGE, main

from .conftest import ARTICLES, SEED

LATIN1_TITLE = "Zürich café owners protest the new tax"
LATIN1_TEXT = (
    f"{LATIN1_TITLE}\n\nThe owners of forty cafés in Zürich closed for an hour on Tuesday.\n"
    "“The tax is unfair,” said Jürg Müller, who runs a café near the lake.\n"
)
UTF16_TITLE = "Ljubljana opens a new tram line"
UTF16_TEXT = f"{UTF16_TITLE}\n\nThe first tram left the station at dawn, city officials in Slovenia said.\n"
BIG = 200 * 1024 * 1024

# file name → (bytes, what its reason on stderr must say)
BAD = {
    "binary.txt": (bytes(range(256)) * 16, "binary file (contains NUL bytes)"),
    "binary-without-nul.txt": (bytes(range(1, 256)) * 16, "binary file or unknown encoding"),
    "empty.txt": (b"", "empty file"),
    "blank.json": (b"  \n\t\n", "empty file"),
    "truncated.json": (b'{"title": "Cut off", "text": "The body st', "invalid JSON"),
    "title-a-number.json": (b'{"title": 42, "text": "A body."}', 'field "title" should be text, not int'),
    "text-a-list-of-numbers.json": (
        b'{"title": "T", "text": [1, 2]}',
        'field "text" should be text or a list of paragraphs, not a list holding int',
    ),
    "top-level-string.json": (b'"just a string"', "expected an object, found str"),
    "nested-too-deep.json": (b"[" * 100_000, "nested too deeply"),
    "number-too-long.json": (b'{"title": "T", "text": "b", "n": ' + b"7" * 5000 + b"}", "invalid JSON"),
    "invalid-utf8.txt": (b"Title\n\nBody \x81\x8d\x8f bytes no encoding knows.", "not valid UTF-8"),
    "only-scripts.html": (
        b"<html><head><script>var a = 1;</script></head><body><script>alert(1)</script></body></html>",
        "HTML page has no article text",
    ),
    "too-large.txt": (None, "file too large (200 MiB; the limit is 64 MiB)"),
    "vanishes.txt": (SEED.read_bytes(), "vanished before it could be read"),
    "unreadable.txt": (SEED.read_bytes(), "Permission denied"),
    "evil\x1b[2J\nname.txt": (b"\x00\x01", "binary file"),
}


def _folder(tmp_path: Path) -> Path:
    """Good articles (UTF-8 text and JSON, Windows-1252, UTF-16, a name that is not UTF-8) beside every bad kind."""
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    shutil.copy(SEED, folder / "nested" / "seed.txt")
    shutil.copy(ARTICLES / "nis-heating-gas-prices.json", folder / "good.json")
    (folder / "latin1.txt").write_bytes(LATIN1_TEXT.encode("cp1252"))
    (folder / "utf16.txt").write_bytes(UTF16_TEXT.encode("utf-16"))
    with open(os.fsencode(folder) + b"/caf\xe9-name.txt", "wb") as f:  # a name that is not UTF-8
        f.write((ARTICLES / "serbia-turkstream-gas.txt").read_bytes())
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an article format: not picked up from a folder
    for name, (data, _) in BAD.items():
        if data is None:
            with open(folder / name, "wb") as f:  # sparse: costs no disk and no time
                f.truncate(BIG)
        else:
            (folder / name).write_bytes(data)
    return folder


@pytest.fixture()
def hostile_reads(monkeypatch):
    """``vanishes.txt`` is deleted between discovery and reading (the real discovery found it), and
    ``unreadable.txt`` fails to open with EACCES. The tests run as root, whom file modes do not stop, so the
    refusal is simulated at the lowest level the reader uses: ``os.open``."""
    real_discover, real_open = ingest_module.discover, os.open

    def discover(paths):
        for item in real_discover(paths):
            if isinstance(item, Path) and item.name == "vanishes.txt":
                item.unlink()
            yield item

    def refusing_open(path, flags, *args, **kwargs):
        if os.fsdecode(path).endswith("unreadable.txt"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(ingest_module, "discover", discover)
    monkeypatch.setattr(os, "open", refusing_open)


def _lines(text: str, prefix: str) -> dict[str, str]:
    """``  cannot read NAME: REASON`` lines as {name: reason}."""
    out = {}
    for line in text.splitlines():
        if line.startswith(prefix):
            name, _, reason = line[len(prefix) :].partition(": ")
            out[Path(name).name] = reason
    return out


def test_a_folder_of_good_and_bad_files(tmp_path, capsys, hostile_reads):
    folder = _folder(tmp_path)
    db = tmp_path / "s.db"
    code = main(["ingest", "--db", str(db), str(folder)])
    err = capsys.readouterr().err
    assert code == EXIT_SOME_FAILED, err
    assert "Traceback" not in err

    failed = _lines(err, "  cannot read ")
    expected = {name.replace("\x1b", "\\x1b").replace("\n", "\\n"): why for name, (_, why) in BAD.items()}
    assert set(failed) == set(expected), err
    for name, why in expected.items():
        assert why in failed[name], (name, failed[name])
    assert "\x1b" not in err  # a file name cannot act on the terminal
    assert "notes.pdf" not in err
    notes = _lines(err, "  note ")
    assert set(notes) == {"latin1.txt"} and "decoded as Windows-1252" in notes["latin1.txt"]
    summary = err.strip().splitlines()[-1]
    assert summary.startswith(f"5 added, 0 already in the store, {len(BAD)} could not be read"), summary

    conn = sqlite3.connect(db)
    titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
    origins = {Path(r[0]).name for r in conn.execute("SELECT origin FROM articles")}
    failures = {Path(r[0]).name for r in conn.execute("SELECT origin FROM ingest_failures")}
    conn.close()
    assert {LATIN1_TITLE, UTF16_TITLE} <= titles  # the old encodings read right, accents and all
    assert origins == {"seed.txt", "good.json", "latin1.txt", "utf16.txt", "caf\\xe9-name.txt"}
    assert failures == set(expected)  # the app and the next run can tell the user too


def test_nothing_readable_is_exit_4_and_each_file_is_named(tmp_path, capsys):
    for name in ("binary.txt", "truncated.json", "empty.txt"):
        (tmp_path / name).write_bytes(BAD[name][0])
    code = main(["ingest", "--db", str(tmp_path / "s.db"), str(tmp_path)])
    err = capsys.readouterr().err
    assert code == EXIT_NOTHING
    assert set(_lines(err, "  cannot read ")) == {"binary.txt", "truncated.json", "empty.txt"}
    assert "0 added, 0 already in the store, 3 could not be read" in err


def test_the_exit_codes_are_told_apart(tmp_path, capsys):
    """One run of each outcome; each gets its own code."""
    good, bad, empty = tmp_path / "good", tmp_path / "bad", tmp_path / "empty"
    for folder in (good, bad, empty):
        folder.mkdir()
    shutil.copy(ARTICLES / "nis-vaccination-hall.txt", good / "a.txt")
    (bad / "broken.json").write_text("[1, 2", encoding="utf-8")
    shutil.copy(SEED, bad / "seed.txt")
    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("my shopping list\n" * 50, encoding="utf-8")
    db = str(tmp_path / "s.db")
    runs = {
        "all read": ["ingest", "--db", db, str(good)],
        "some failed": ["ingest", "--db", db, str(bad)],
        "usage": ["ingest", "--db", db, "--workers", "many", str(good)],
        "store problem": ["ingest", "--db", str(not_a_store), str(good)],
        "nothing read": ["ingest", "--db", db, str(bad / "broken.json")],
        "nothing found": ["ingest", "--db", db, str(empty)],
    }
    codes = {what: main(argv) for what, argv in runs.items()}
    err = capsys.readouterr().err
    assert codes == {
        "all read": EXIT_OK,
        "some failed": EXIT_SOME_FAILED,
        "usage": EXIT_USAGE,
        "store problem": EXIT_STORE,
        "nothing read": EXIT_NOTHING,
        "nothing found": EXIT_NOTHING,
    }, err
    assert len({EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_STORE, EXIT_NOTHING}) == 5
    assert "invalid int value: 'many'" in err
    assert "not an SQLite database" in err and "no articles found" in err
    assert "Traceback" not in err


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(BIG)
    tracemalloc.start()
    try:
        (item,) = list(read_path(big))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(item, ReadFailure) and "too large" in item.reason
    assert peak < MAX_FILE_BYTES // 64  # not one read buffer of the file's size was allocated


@pytest.mark.parametrize("kind", ["fifo", "device", "folder named like a file"])
def test_what_is_not_a_regular_file_is_refused_without_blocking(tmp_path, kind):
    """A named pipe with no writer would block a plain open() forever, and /dev/zero would fill memory."""
    if kind == "fifo":
        path = tmp_path / "pipe.txt"
        os.mkfifo(path)
        want = "a named pipe"
    elif kind == "device":
        path = Path("/dev/zero")
        want = "a character device"
    else:
        path = tmp_path / "folder.txt"
        path.mkdir()
        want = "a folder"
    (item,) = list(read_path(path))
    assert isinstance(item, ReadFailure)
    assert item.reason == f"not a regular file ({want})"


def test_a_fifo_named_on_the_command_line_is_named_in_the_report(tmp_path, capsys):
    os.mkfifo(tmp_path / "pipe.txt")
    code = main(["ingest", "--db", str(tmp_path / "s.db"), str(tmp_path / "pipe.txt")])
    err = capsys.readouterr().err
    assert code == EXIT_NOTHING
    assert _lines(err, "  cannot read ") == {"pipe.txt": "not a regular file (a named pipe)"}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary file (contains NUL bytes)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (b"Caf\xe9 \x01\x02\x03\x04 control bytes", "binary file or unknown encoding"),
        (b"\xff\xfeT\x00i\x00\x00\xd8", "invalid UTF-16"),  # a lone surrogate after the byte-order mark
    ],
    ids=["empty", "nul", "png", "controls", "broken-utf16"],
)
def test_unreadable_bytes_get_a_reason(data, reason):
    (item,) = list(read_bytes(data, "bad.txt", "text"))
    assert isinstance(item, ReadFailure)
    assert reason in item.reason


def test_windows_1252_is_read_and_noted():
    (raw,) = list(read_bytes(LATIN1_TEXT.encode("cp1252"), "w.txt", "text"))
    assert isinstance(raw, RawArticle)
    assert raw.title == LATIN1_TITLE
    assert "“The tax is unfair,” said Jürg Müller" in raw.text  # the Windows-1252 curly quotes too
    assert len(raw.notes) == 1 and "decoded as Windows-1252" in raw.notes[0]
    (utf8,) = list(read_bytes(LATIN1_TEXT.encode("utf-8"), "u.txt", "text"))
    assert utf8.notes == ()


def test_utf16_with_bom_is_read():
    text = "Title here\n\nA dek line.\n\nFirst paragraph says hello.\nSecond paragraph."
    for encoding in ("utf-16", "utf-16-be"):
        data = text.encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        (raw,) = list(read_bytes(data, "u16.txt", "text"))
        assert raw.title == "Title here"
        assert raw.dek == "A dek line."
        assert raw.notes == ()


def test_standard_input_larger_than_the_limit_is_refused(monkeypatch):
    import io

    from store import readers

    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    items = list(readers.read_stream(io.BytesIO(b"a" * (2 * 1024 * 1024 + 1)), "<stdin>"))
    assert [(i.origin, i.reason) for i in items] == [("<stdin>", "too large (the limit is 2 MiB)")]


def test_a_path_the_system_refuses_to_look_up_is_named(tmp_path, capsys):
    long_name = str(tmp_path / ("x" * 5000))
    code = main(["ingest", "--db", str(tmp_path / "s.db"), long_name])
    err = capsys.readouterr().err
    assert code == EXIT_NOTHING
    assert "File name too long" in err and "Traceback" not in err
