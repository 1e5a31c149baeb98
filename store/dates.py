"""Parse the date forms news sources use into ISO ``YYYY-MM-DD`` strings."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_ISO = re.compile(r"(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?")
_MDY = re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})")
_DMY = re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})")
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"


def _build(year: str, month: int | None, day: str) -> str | None:
    if month is None:
        return None
    try:
        return date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def parse_date(value: str | None) -> str | None:
    """Return ``value`` as an ISO date, or None when it is not a date this parser knows; never raise.

    Accepts ISO dates and timestamps, "October 5, 2020", "5 October 2020" (with an optional weekday and time),
    and RFC 2822 dates as RSS feeds write them.
    """
    if not value:
        return None
    text = value.strip()
    if m := _ISO.fullmatch(text):
        return _build(m["year"], int(m["m"]), m["day"])
    for pattern in (_MDY, _DMY):
        if m := re.fullmatch(_WEEKDAY + pattern.pattern + _TIME, text, re.IGNORECASE):
            return _build(m["year"], _MONTHS.get(m["month"].lower()), m["day"])
    from email.utils import parsedate_to_datetime  # here: the email package costs the app's start-up 20 ms

    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):  # a year or zone beyond what datetime holds
        return None


def find_date(text: str) -> str | None:
    """The first date written anywhere in a short line such as "By Ana Kovač | October 5, 2020"."""
    for pattern in (_ISO, _MDY, _DMY):
        for m in pattern.finditer(text):
            month = int(m["m"]) if "m" in m.groupdict() else _MONTHS.get(m["month"].lower())
            if found := _build(m["year"], month, m["day"]):
                return found
    return None
