"""Input an outside attack used: pages in a declared charset, fields with line breaks, bodies that show nothing,
and links out of the folder being ingested. Each is read right or refused with the file named and the reason."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.models import Article, Quote
from store.readers import RawArticle, ReadFailure, discover, from_record, parse_text, read_bytes
from tui.app import citation
from tui.cli import EXIT_OK, EXIT_SOME_FAILED, main

RUSSIAN_TITLE = "Министр иностранных дел Сербии прибыл в Москву"
RUSSIAN = (
    "Министр иностранных дел заявил, что переговоры продолжатся в понедельник в Белграде. "
    "По его словам, стороны обсудят торговлю, энергетику и вопросы безопасности в регионе."
)
CHINESE_TITLE = "塞尔维亚外交部长抵达北京"
CHINESE = "外交部长表示，谈判将于星期一在贝尔格莱德继续进行。双方将讨论贸易、能源和地区安全问题。"


def _page(head: str, title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{body}</p>" for _ in range(3))
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
    )


def _read_one(data: bytes, fmt: str | None = "html") -> RawArticle:
    [item] = list(read_bytes(data, "page.html", fmt))
    assert isinstance(item, RawArticle), item
    return item


# ------------------------------------------------------------------------------------------ item 8: charsets
@pytest.mark.parametrize(
    ("charset", "title", "body", "head"),
    [
        ("windows-1251", RUSSIAN_TITLE, RUSSIAN, '<meta charset="windows-1251">'),
        ("koi8-r", RUSSIAN_TITLE, RUSSIAN, "<meta charset=koi8-r>"),
        ("gb2312", CHINESE_TITLE, CHINESE, "<meta charset='gb2312'>"),
        (
            "windows-1251",
            RUSSIAN_TITLE,
            RUSSIAN,
            '<meta http-equiv="Content-Type" content="text/html; charset=Windows-1251">',
        ),
        (
            "koi8-r",
            RUSSIAN_TITLE,
            RUSSIAN,
            '<meta name="viewport" content="width=device-width"><META CHARSET="KOI8-R">',
        ),
    ],
    ids=["meta-windows-1251", "meta-koi8-r", "meta-gb2312", "http-equiv", "after-other-meta"],
)
@pytest.mark.parametrize(
    "fmt", ["html", None], ids=["file", "stdin"]
)  # a file named .html, and a page piped to standard input
def test_a_page_is_read_in_the_charset_it_declares(charset, title, body, head, fmt):
    raw = _read_one(_page(head, title, body).encode(charset), fmt)
    assert raw.title == title
    assert body in raw.text
    assert raw.notes == ()  # read as declared: nothing to warn about


def test_an_xml_declaration_names_the_charset_too():
    page = '<?xml version="1.0" encoding="koi8-r"?>\n' + _page("", RUSSIAN_TITLE, RUSSIAN)
    raw = _read_one(page.encode("koi8-r"))
    assert raw.title == RUSSIAN_TITLE and RUSSIAN in raw.text


def test_a_byte_order_mark_outranks_the_declared_charset():
    page = _page('<meta charset="windows-1251">', RUSSIAN_TITLE, RUSSIAN)
    raw = _read_one(b"\xef\xbb\xbf" + page.encode("utf-8"))
    assert raw.title == RUSSIAN_TITLE and RUSSIAN in raw.text
    utf16 = _read_one(page.encode("utf-16"))
    assert utf16.title == RUSSIAN_TITLE


def test_a_page_declaring_one_charset_but_written_in_utf8_is_read_as_utf8():
    """Valid UTF-8 beyond ASCII is no accident: a template that says latin-1 over UTF-8 text is read right."""
    for charset in ("iso-8859-1", "windows-1251"):
        raw = _read_one(_page(f'<meta charset="{charset}">', RUSSIAN_TITLE, RUSSIAN).encode("utf-8"))
        assert raw.title == RUSSIAN_TITLE and RUSSIAN in raw.text


@pytest.mark.parametrize("charset", ["klingon", "zlib", "rot13", "unicode_escape", "utf-7", "x-user-defined"])
def test_a_charset_that_is_no_web_encoding_is_not_used_to_decode(charset):
    """An unknown name, or a Python codec that is no text encoding of the web, is ignored with a note."""
    page = _page(
        f'<meta charset="{charset}">', "Café owners protest", "Zürich cafés closed for an hour. " * 3
    )
    raw = _read_one(page.encode("cp1252"))
    assert raw.title == "Café owners protest" and "Zürich cafés" in raw.text
    assert len(raw.notes) == 1 and charset in raw.notes[0] and "Windows-1252" in raw.notes[0], raw.notes


def test_bytes_the_declared_charset_cannot_decode_fall_back_to_a_guess_with_a_note():
    page = _page('<meta charset="utf-8">', "Café owners protest", "Zürich cafés closed for an hour. " * 3)
    raw = _read_one(page.encode("cp1252"))
    assert raw.title == "Café owners protest"
    assert len(raw.notes) == 1 and "utf-8" in raw.notes[0] and "Windows-1252" in raw.notes[0], raw.notes


def test_a_declared_charset_in_a_plain_text_file_is_just_text():
    text = f"{RUSSIAN_TITLE}\n\nThe page said <meta charset=koi8-r> and {RUSSIAN}\n"
    [raw] = list(read_bytes(text.encode("utf-8"), "a.txt", "text"))
    assert raw.title == RUSSIAN_TITLE


def test_ingesting_pages_in_their_charsets_stores_the_words(tmp_path, capsys):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, charset, title, body in [
        ("ru-1251.html", "windows-1251", RUSSIAN_TITLE, RUSSIAN),
        ("ru-koi8.html", "koi8-r", RUSSIAN_TITLE + " (KOI8)", RUSSIAN),
        ("zh.html", "gb2312", CHINESE_TITLE, CHINESE),
    ]:
        (folder / name).write_bytes(_page(f'<meta charset="{charset}">', title, body).encode(charset))
    db = tmp_path / "s.db"
    assert main(["ingest", "--db", str(db), str(folder)]) == EXIT_OK
    assert "Windows-1252" not in capsys.readouterr().err
    conn = sqlite3.connect(db)
    titles = {r[0] for r in conn.execute("SELECT title FROM articles")}
    conn.close()
    assert titles == {RUSSIAN_TITLE, RUSSIAN_TITLE + " (KOI8)", CHINESE_TITLE}


# ------------------------------------------------------------------------- item 10: single-line fields
BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]
FIELD_TEXT = st.lists(
    st.one_of(st.sampled_from([*BREAKS, " ", "\t", "rm -rf ~", "x"]), st.text(max_size=5)), max_size=8
).map("".join)


def _single_line(value: str | None) -> bool:
    return value is None or (len(value.splitlines()) <= 1 and not any(b in value for b in BREAKS))


@settings(max_examples=300, deadline=None)
@given(FIELD_TEXT, FIELD_TEXT, FIELD_TEXT, FIELD_TEXT, FIELD_TEXT)
def test_every_field_of_a_record_is_one_line(title, dek, author, source, url):
    record = {"title": title, "dek": dek, "author": author, "source": source, "url": url, "text": "The body."}
    raw = from_record(record, "f.json")
    for value in (raw.title, raw.dek, raw.byline, raw.source, raw.url):
        assert _single_line(value), value
    assert raw.url is None or not any(c.isspace() for c in raw.url)  # a URL is one word too


def test_a_line_break_in_a_field_does_not_reach_the_stored_article():
    record = {
        "title": "Talks\nresume",
        "author": "Ana\u2028Kovač",
        "source": "Danube\nWire",
        "url": "https://example.com/talks\nrm -rf ~",
        "text": "The talks resume on Monday.",
    }
    raw = from_record(record, "f.json")
    assert (raw.title, raw.byline, raw.source) == ("Talks resume", "Ana Kovač", "Danube Wire")
    assert raw.url == "https://example.com/talks%20rm%20-rf%20~"
    text = parse_text(
        "Talks resume\n\nBy Ana\u2028Kovač\nSource: Danube\u2029Wire\n\nThe talks resume.\n", "a.txt"
    )
    assert (text.byline, text.source) == ("Ana Kovač", "Danube Wire")
    assert text.text.startswith("Talks resume\n\nBy Ana\u2028Kovač")  # the text itself is kept as it was


def test_a_citation_is_one_line_whatever_the_stored_fields_hold():
    """A store written before fields were made one line still gives a citation that pastes as one line."""
    article = Article(
        id=1,
        title="Talks\nresume",
        dek=None,
        byline=None,
        source="Danube\nWire",
        published="2020-10-05",
        url="https://example.com/talks\nrm -rf ~",
        origin="a.json",
        text="",
    )
    quote = Quote(1, 1, 0, 5, "We will\ncome back", "direct", None, None, None, 7, "Ana\u2028Kovač")
    text = citation(quote, article)
    assert text == (
        "“We will come back” — Ana Kovač (Danube Wire, 2020-10-05), in “Talks resume” "
        "https://example.com/talks%20rm%20-rf%20~"
    )


# ------------------------------------------------------------------- item 11: invisible bodies, outside links
INVISIBLE = {
    "zero-width.txt": "\u200b\u200b\u200b\n",
    "joiners.txt": "\u200c\u200d\u2060\n\n\u200b\n",
    "two-boms.txt": "\ufeff\ufeff",
    "bidi-marks.txt": "\u200e\u200f\u202e\n",
    "zero-width-body.json": json.dumps({"title": "Talks resume", "text": "\u200b\ufeff"}),
    "zero-width-paragraphs.json": json.dumps(
        {"title": "Talks resume", "text": ["\u200b", "\ufeff", " \u2060 "]}
    ),
}


@pytest.mark.parametrize("name", sorted(INVISIBLE))
def test_a_body_that_shows_nothing_is_refused_with_the_reason(name):
    fmt = "json" if name.endswith(".json") else "text"
    [item] = list(read_bytes(b"\xef\xbb\xbf" + INVISIBLE[name].encode("utf-8"), name, fmt))
    assert isinstance(item, ReadFailure), item
    assert item.origin == name and "invisible" in item.reason, item.reason


def test_an_html_page_of_zero_width_characters_has_no_article_text():
    page = "<html><body><article><p>&#8203;&#8203;</p><p>\u200b\ufeff</p></article></body></html>"
    [item] = list(read_bytes(page.encode("utf-8"), "page.html", "html"))
    assert isinstance(item, ReadFailure) and "no article text" in item.reason, item


def test_invisible_lines_do_not_become_the_title_or_a_paragraph():
    raw = parse_text("\u200b\n\nTalks resume\n\nThe talks resume on Monday.\n\u2060\u200b\n", "a.txt")
    assert raw.title == "Talks resume"
    assert [raw.text[b.start : b.end] for b in raw.paragraphs()] == ["The talks resume on Monday."]


def _outside_links(tmp_path: Path) -> tuple[Path, Path]:
    secret = tmp_path / "elsewhere" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("Private notes\n\nNothing here should be read into the store.\n", encoding="utf-8")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "article.txt").write_text(
        "Talks resume in Brussels\n\nDelegations met on Monday, officials said.\n", encoding="utf-8"
    )
    (folder / "linked.txt").symlink_to(secret)
    (folder / "sub" / "deeper.txt").symlink_to(Path("..", "..", "elsewhere", "secret.txt"))
    (folder / "inside.txt").symlink_to("article.txt")  # a link that stays inside the folder is read
    return folder, secret


def test_a_link_to_a_file_outside_the_folder_is_named_and_not_followed(tmp_path):
    folder, secret = _outside_links(tmp_path)
    found = list(discover([folder]))
    refused = {f.origin: f.reason for f in found if isinstance(f, ReadFailure)}
    read = {p.name for p in found if isinstance(p, Path)}
    assert read == {"article.txt", "inside.txt"}
    assert set(refused) == {str(folder / "linked.txt"), str(folder / "sub" / "deeper.txt")}
    for reason in refused.values():
        assert "outside" in reason and "not followed" in reason and str(secret) in reason, reason


def test_ingesting_a_folder_with_a_link_out_of_it_reads_only_the_folder(tmp_path, capsys):
    folder, _ = _outside_links(tmp_path)
    db = tmp_path / "s.db"
    code = main(["ingest", "--db", str(db), str(folder)])
    err = capsys.readouterr().err
    assert code == EXIT_SOME_FAILED, err
    assert f"cannot read {folder / 'linked.txt'}: " in err
    conn = sqlite3.connect(db)
    titles = [r[0] for r in conn.execute("SELECT title FROM articles")]
    conn.close()
    assert titles == ["Talks resume in Brussels"]
    # named on the command line, a link is the user's own choice and is read
    assert main(["ingest", "--db", str(db), str(folder / "linked.txt")]) == EXIT_OK
