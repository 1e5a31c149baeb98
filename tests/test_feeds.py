"""Ways in from the web: `newsdesk ingest URL`, feed subscriptions and OPML, and `newsdesk update`, against a real
HTTP server on 127.0.0.1 serving the feeds and pages under fixtures/feeds."""

from __future__ import annotations

import sqlite3

import pytest

from store.db import open_store
from store.feeds import FeedError, add_feed, import_opml, list_feeds, read_opml, remove_feed
from tui.cli import main

from .web_server import FEEDS, serving


@pytest.fixture()
def site():
    with serving() as s:
        yield s


def _newsdesk(db, *argv: str) -> int:
    return main(["--db", str(db), *argv])


def _articles(db) -> dict[str, tuple]:
    """URL → (title, byline, source, published, text) of every article in the store."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, title, byline, source, published, text FROM articles").fetchall()
    return {row[0]: row[1:] for row in rows}


def _pages_asked(site, feeds: tuple[str, ...] = ()) -> list[str]:
    """The pages the server was asked for (redirects included), leaving out those subscribed to as feeds."""
    return [r.path for r in site.log if r.path.startswith(("/pages/", "/redirect")) and r.path not in feeds]


def test_ingest_takes_urls_and_files_together_and_names_the_url_that_failed(site, tmp_path, capsys):
    note = tmp_path / "note.txt"
    note.write_text(
        "Bridge inspection finds no cracks\n\nEngineers spent the weekend under the southern bridge and found "
        "nothing to worry about, the council said on Monday.\n",
        encoding="utf-8",
    )
    meta_only = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>Bakers agree to share one oven</title></head><body><article>"
        "<p>Three bakers on Mill Lane will share the old brick oven behind the chapel from January, "
        "after the town offered them the building for a token rent.</p>"
        "<p>\u201cIt is cheaper than heating three ovens every morning,\u201d said Petra Lindqvist, who has baked "
        "bread on the lane for thirty years. The other two bakers agreed to take the early shifts in turn.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    site.routes["/pages/bakers.html"] = (200, {"Content-Type": "text/html"}, meta_only)
    db = tmp_path / "s.db"
    code = _newsdesk(
        db,
        "ingest",
        site.url("/pages/harbour.html"),
        str(note),
        site.url("/pages/gone.html"),
        site.url("/pages/bakers.html"),
    )
    err = capsys.readouterr().err
    assert code == 1  # some failed, the rest went in
    assert f"cannot read {site.url('/pages/gone.html')}: HTTP 404 Not Found" in err
    assert "3 added" in err
    articles = _articles(db)
    harbour = articles[site.url("/pages/harbour.html")]
    assert harbour[0] == "Harbour ferry returns after a winter of repairs"
    assert harbour[1] == "Ines Albright" and harbour[3] == "2026-12-01"
    assert "went back into service on Tuesday morning" in harbour[4]
    bakers = articles[site.url("/pages/bakers.html")]
    assert "\u201cIt is cheaper than heating three ovens every morning,\u201d" in bakers[4]
    assert any(a[0] == "Bridge inspection finds no cracks" for a in articles.values())


def test_update_fills_what_the_page_lacks_from_the_feed_and_then_asks_conditionally(site, tmp_path, capsys):
    db = tmp_path / "s.db"
    mirror = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Mirror</title><item><title>Ferry</title>'
        b"<link>" + site.url("/redirect").encode() + b"</link></item></channel></rss>"
    )
    site.routes["/mirror.xml"] = (200, {"Content-Type": "application/rss+xml"}, mirror)
    feeds = [
        site.url(p) for p in ("/rss.xml", "/atom.xml", "/gone.xml", "/pages/library.html", "/mirror.xml")
    ]
    assert _newsdesk(db, "feeds", "add", *feeds) == 0
    capsys.readouterr()

    assert _newsdesk(db, "update") == 1  # two feeds fail; the others go in
    err = capsys.readouterr().err
    assert (
        "Riverside Courier: 2 new of 2 entries: 2 added, 0 already in the store, 0 could not be read" in err
    )
    assert "Valley Almanac: 1 new of 1 entry: 1 added" in err
    assert f"{site.url('/gone.xml')}: failed: HTTP 404 Not Found" in err
    assert f"{site.url('/pages/library.html')}: failed: not a feed (an HTML page" in err
    # the mirror's link redirects to a page the Courier's entry already brought: the same text, not added twice
    assert "Mirror: 1 new of 1 entry: 0 added, 1 already in the store" in err

    articles = _articles(db)
    assert len(articles) == 3
    title, byline, source, published, _ = articles[site.url("/pages/orchard.html")]
    # the orchard page has no title, author or date of its own: the Atom entry's
    assert (title, byline, source, published) == (
        "Orchard growers count the cost of an early frost",
        "Dara Quennell",
        "Valley Almanac",
        "2026-11-30",
    )
    # the library entry's date is unreadable and its page has none: kept, undated
    assert articles[site.url("/pages/library.html")][3] is None
    assert articles[site.url("/pages/library.html")][2] == "Riverside Courier"

    pages_before = len(_pages_asked(site, ("/pages/library.html",)))
    assert _newsdesk(db, "update") == 1  # the two broken feeds still fail
    err = capsys.readouterr().err
    assert "Riverside Courier: not modified since the last update" in err
    assert "Valley Almanac: not modified since the last update" in err
    asked = site.requested("/rss.xml")[-1].headers
    assert asked["if-none-match"] and asked["if-modified-since"] == "Tue, 01 Dec 2026 09:00:00 GMT"
    assert site.requested("/atom.xml")[-1].headers["if-none-match"]
    # no page fetched again, not even the mirror's link that redirected to a page the store holds
    assert len(_pages_asked(site, ("/pages/library.html",))) == pages_before
    assert "Mirror: nothing new (1 entry, all in the store)" in err
    assert len(_articles(db)) == 3
    listed = {f.url: f for f in list_feeds(open_store(db))}
    assert listed[site.url("/gone.xml")].last_error == "HTTP 404 Not Found"
    assert listed[site.url("/rss.xml")].title == "Riverside Courier"


def test_an_entry_already_in_the_store_is_not_fetched_again(site, tmp_path, capsys):
    db = tmp_path / "s.db"
    assert _newsdesk(db, "ingest", site.url("/pages/harbour.html")) == 0
    assert _newsdesk(db, "feeds", "add", site.url("/rss.xml")) == 0
    assert _newsdesk(db, "update") == 0
    assert "Riverside Courier: 1 new of 2 entries: 1 added" in capsys.readouterr().err
    assert _pages_asked(site) == ["/pages/harbour.html", "/pages/library.html"]


def test_opml_import_subscribes_to_every_feed_at_any_depth_and_names_what_it_refuses(site, tmp_path):
    opml = tmp_path / "subs.opml"
    opml.write_bytes(site.file("/subscriptions.opml"))
    db = open_store(tmp_path / "s.db")
    first = import_opml(db, opml)
    assert [f.url for f in first.added] == [site.url("/rss.xml"), site.url("/atom.xml")]
    assert [f.title for f in first.added] == ["Riverside Courier", "Valley Almanac"]
    assert first.refused == [("ftp://files.example/feed.xml", "not an http or https URL")]
    again = import_opml(db, opml)
    assert not again.added and len(again.already) == 2


def test_feeds_are_listed_and_removed_by_url_or_id(tmp_path, capsys):
    db = open_store(tmp_path / "s.db")
    one, new = add_feed(db, "https://one.example/feed.xml")
    two, _ = add_feed(db, "https://two.example/atom")
    assert new and not add_feed(db, "https://one.example/feed.xml")[1]
    with pytest.raises(FeedError, match="not an http or https URL"):
        add_feed(db, "one.example/feed.xml")
    assert _newsdesk(tmp_path / "s.db", "feeds", "list") == 0
    assert "https://two.example/atom" in capsys.readouterr().out
    assert remove_feed(db, str(two.id)).url == "https://two.example/atom"
    assert remove_feed(db, "https://one.example/feed.xml").id == one.id
    assert list_feeds(db) == []
    with pytest.raises(FeedError, match="no feed 7"):
        remove_feed(db, "7")


def test_an_opml_file_that_is_not_one_is_refused_with_the_reason():
    with pytest.raises(FeedError, match="not valid XML"):
        read_opml(b"<opml><body><outline", "a.opml")
    with pytest.raises(FeedError, match=r"not an OPML file \(its root element is <rss>\)"):
        read_opml((FEEDS / "rss.xml").read_bytes(), "rss.xml")
    bomb = b'<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><opml>&b;</opml>'
    with pytest.raises(FeedError, match="declares XML entities"):
        read_opml(bomb, "bomb.opml")


def test_an_update_stopped_by_ctrl_c_keeps_what_went_in_and_the_next_one_finishes(site, tmp_path):
    from store.feeds import update
    from store.ingest import IngestInterrupted

    db = open_store(tmp_path / "s.db")
    add_feed(db, site.url("/rss.xml"))

    def ctrl_c_after_the_first_article(p):
        if p.added == 1:
            raise KeyboardInterrupt

    with pytest.raises(IngestInterrupted) as stopped:
        update(db, progress=ctrl_c_after_the_first_article)
    assert stopped.value.report.added == 1
    assert list_feeds(db)[0].etag is None  # not saved: the next update reads the whole feed again
    assert len(_articles(tmp_path / "s.db")) == 1

    report = update(db)
    assert report.feeds[0].summary() == (
        "Riverside Courier: 1 new of 2 entries: 1 added, 0 already in the store, 0 could not be read"
    )
    assert len(_articles(tmp_path / "s.db")) == 2
    assert list_feeds(db)[0].etag is not None
    # the page that went in before Ctrl-C is not fetched again (the other one may have been fetched already)
    assert _pages_asked(site).count("/pages/harbour.html") == 1


def test_a_feed_title_is_shown_as_the_characters_it_is(site, tmp_path, capsys):
    hostile = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>[red]Loud[/red] &#x1b;[2J news</title>'
        b"</channel></rss>"
    )
    site.routes["/loud.xml"] = (200, {"Content-Type": "application/rss+xml"}, hostile)
    db = tmp_path / "s.db"
    assert _newsdesk(db, "feeds", "add", site.url("/loud.xml")) == 0
    assert _newsdesk(db, "update") == 0
    err = capsys.readouterr().err
    assert "[red]Loud[/red] \ufffd[2J news: nothing new (0 entries, all in the store)" in err
    assert "\x1b" not in err
