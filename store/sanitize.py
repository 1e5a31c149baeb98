"""Text hygiene applied at ingest: control characters are neutralised one for one, so offsets stay true."""

from __future__ import annotations

import codecs
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


def one_line(text: str) -> str:
    """A field shown on one line (a title, a name, a source): each run of spaces and line breaks of any kind
    (``\\n``, ``\\r``, NEL, U+2028) one space, so a pasted citation never runs a second shell line."""
    return " ".join(text.split())


def one_line_url(url: str) -> str:
    """A URL as one word: whitespace inside it (never valid there) percent-encoded, as a browser sends it."""
    return "%20".join(url.split())


# What shows nothing on a screen: whitespace, control characters, format characters (soft hyphen, zero-width
# space, joiners, word joiner, byte-order mark, bidi marks and controls), variation selectors, Hangul fillers,
# the blank braille pattern and tag characters.
_VISIBLE = re.compile(
    "[^\\s\x00-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
INVISIBLE_ONLY = "no visible text (only invisible characters: zero-width spaces, joiners, byte-order marks)"


def visible(text: str) -> bool:
    """Whether ``text`` shows anything: one character that is not whitespace, a control or invisible."""
    return _VISIBLE.search(text) is not None


# Control characters that plain text never holds (tab, line breaks and form feed aside): a file that decodes as
# Windows-1252 but holds these is binary, not text in an old encoding.
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
WINDOWS_1252_NOTE = "not valid UTF-8: decoded as Windows-1252 (Latin-1)"


def decode(data: bytes) -> str:
    """Decode file bytes as text (see ``decode_text``); raise ValueError with a clear reason."""
    return decode_text(data)[0]


# Where a page names its charset: <meta charset=…>, <meta http-equiv content="…; charset=…">, <?xml encoding=…?>
_META_CHARSET = re.compile(rb"""<meta\b[^>]{0,500}?\bcharset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']\s*([\w.:-]{1,40})""", re.IGNORECASE)
# The encodings of the web (the WHATWG Encoding Standard) as Python names them; where the standard decodes a
# label with a larger table (ISO-8859-1 as Windows-1252, GB2312 as GB18030), that table. Nothing else is used:
# a page cannot make newsdesk decode with rot13, zlib or unicode_escape.
_WEB_LABELS = {
    "unicode-1-1-utf-8": "utf-8",
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-roman": "mac-roman",
    "mac": "mac-roman",
    "x-gbk": "gb18030",
    "windows-31j": "cp932",
    "x-sjis": "cp932",
    "x-euc-jp": "euc_jp",
    "iso-8859-8-i": "iso8859-8",
    "koi8-ru": "koi8-u",
    "ks_c_5601-1989": "cp949",
}
_WEB_TABLES = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
    "utf-16": "utf-8",  # a declaration read as ASCII bytes is in an ASCII-compatible encoding
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
_WEB_ENCODINGS = {
    "utf-8",
    "cp866",
    *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    "koi8-r",
    "koi8-u",
    "mac-roman",
    "mac-cyrillic",
    "cp874",
    *(f"cp{n}" for n in range(1250, 1259)),
    "gb18030",
    "big5hkscs",
    "euc_jp",
    "iso2022_jp",
    "cp932",
    "cp949",
}


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML page declares in its first 8 KiB, as written there (None if it names none)."""
    head = data[:8192]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return m[1].decode("ascii") if m else None


def web_codec(label: str) -> str | None:
    """The Python codec that decodes a declared charset as browsers do, or None when it is no web encoding."""
    label = label.strip().lower()
    try:
        name = _WEB_LABELS.get(label) or codecs.lookup(label).name
    except LookupError:
        return None
    name = _WEB_TABLES.get(name, name)
    return name if name in _WEB_ENCODINGS else None


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str | None]:
    """Decode file bytes: by their byte-order mark (UTF-8, UTF-16), as UTF-8, in the charset the file
    ``declared`` (an HTML page's ``<meta charset>``), and failing those, as Windows-1252 text.

    UTF-8 comes before the declaration because bytes beyond ASCII that are valid UTF-8 are UTF-8 (a template that
    says ISO-8859-1 over UTF-8 text is common); text in a legacy encoding practically never is.

    Return the text and a note for the report when the bytes were guessed as Windows-1252 (``None`` otherwise).
    Bytes that are none of these (NUL bytes, control characters, bytes Windows-1252 leaves undefined) raise
    ValueError.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise ValueError(f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes)")
    if data.startswith(codecs.BOM_UTF8):
        declared = None  # a byte-order mark outranks what the page says
    codec = web_codec(declared) if declared else None
    try:
        utf8, bad = data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        utf8, bad = None, _byte(data, exc.start)
    if utf8 is not None and (codec in (None, "utf-8") or not data.isascii()):
        return utf8, None
    why = f"not valid UTF-8: {bad}"
    if codec is not None:  # ASCII alone is decoded as declared too: ISO-2022-JP is written in ASCII bytes
        try:
            return data.decode(codec), None
        except UnicodeDecodeError as exc:
            if utf8 is not None:
                return utf8, None
            why = f"declares charset {declared}, but its {_byte(data, exc.start)} is not {declared}"
    elif declared:
        why = f"declares charset {declared}, which is not an encoding of the web; {why}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is None or _BINARY_CONTROLS.search(text):
        raise ValueError(
            f"binary file or unknown encoding ({why}; not Windows-1252 text either); re-encode the file as UTF-8"
        )
    if declared:
        return text, f"{why}: decoded as Windows-1252 (Latin-1)"
    return text, f"{WINDOWS_1252_NOTE} ({bad})"


def _byte(data: bytes, offset: int) -> str:
    return f"byte 0x{data[offset]:02x} at offset {offset}"


_NAME_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def display_name(path: object) -> str:
    """A file name fit for a one-line report: bytes that are not UTF-8 and control characters (a newline, an
    escape sequence, a bidi override in a name) shown as escapes, so the name still says which file it is."""
    raw = os.fsencode(path) if isinstance(path, str | bytes | os.PathLike) else str(path).encode()
    text = raw.decode("utf-8", "backslashreplace")
    return _NAME_UNSAFE.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
