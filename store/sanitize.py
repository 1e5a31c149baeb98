"""Text hygiene applied at ingest: control characters are neutralised one for one, so offsets stay true."""

from __future__ import annotations

import os
import re

REPLACEMENT = "\ufffd"

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate controls that
# can reorder what a reader sees. Each is replaced by exactly one character.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def neutralise(text: str) -> str:
    """Return ``text`` with the same length, carriage returns made line breaks and unsafe controls replaced.

    ``\\r\\n`` becomes a space and a newline; a lone ``\\r`` (old Mac files) becomes a newline. A tab becomes a
    space: written to a terminal it moves the cursor to a tab stop the widgets never counted.
    """
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _UNSAFE.sub(REPLACEMENT, text.replace("\t", " "))


# Control characters that plain text never holds (tab, line breaks and form feed aside): a file that decodes as
# Windows-1252 but holds these is binary, not text in an old encoding.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
WINDOWS_1252_NOTE = "not valid UTF-8: decoded as Windows-1252 (Latin-1)"


def decode(data: bytes) -> str:
    """Decode file bytes as text (see ``decode_text``); raise ValueError with a clear reason."""
    return decode_text(data)[0]


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Decode file bytes as UTF-8, UTF-16 with a byte-order mark, or, failing UTF-8, Windows-1252 text.

    Return the text and a note for the report when the bytes were not UTF-8 (``None`` otherwise). Bytes that are
    none of these (NUL bytes, control characters, bytes Windows-1252 leaves undefined) raise ValueError.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise ValueError(f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is None or _BINARY_CONTROLS.search(text):
        raise ValueError(
            f"binary file or unknown encoding (not valid UTF-8: {bad}; not Windows-1252 text either); "
            "re-encode the file as UTF-8"
        )
    return text, f"{WINDOWS_1252_NOTE} ({bad})"


_NAME_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def display_name(path: object) -> str:
    """A file name fit for a one-line report: bytes that are not UTF-8 and control characters (a newline, an
    escape sequence, a bidi override in a name) shown as escapes, so the name still says which file it is."""
    raw = os.fsencode(path) if isinstance(path, str | bytes | os.PathLike) else str(path).encode()
    text = raw.decode("utf-8", "backslashreplace")
    return _NAME_UNSAFE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
