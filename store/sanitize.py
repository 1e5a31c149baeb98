"""Text hygiene applied at ingest: control characters are neutralised one for one, so offsets stay true."""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate controls that
# can reorder what a reader sees. Each is replaced by exactly one character.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def neutralise(text: str) -> str:
    """Return ``text`` with the same length, carriage returns made line breaks and unsafe controls replaced.

    ``\\r\\n`` becomes a space and a newline; a lone ``\\r`` (old Mac files) becomes a newline.
    """
    if "\r" in text:
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _UNSAFE.sub(REPLACEMENT, text)


def decode(data: bytes) -> str:
    """Decode file bytes as UTF-8 (or UTF-16 with a byte-order mark); raise ValueError with a clear reason."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-encode the file as UTF-8"
        ) from None
