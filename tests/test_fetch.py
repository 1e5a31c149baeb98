"""The fetcher against a real server on 127.0.0.1: what comes back, and a one-line reason for what cannot."""

from __future__ import annotations

import threading

import pytest

from store.fetch import Fetcher, FetchError

from .web_server import serving


@pytest.fixture(scope="module")
def site():
    with serving() as s:
        yield s


@pytest.fixture()
def fetcher():
    with Fetcher(read_timeout=0.5, connect_timeout=0.5, max_bytes=64 * 1024) as f:
        yield f


def test_a_page_comes_back_with_its_validators_and_a_user_agent_naming_newsdesk(site, fetcher):
    got = fetcher.get(site.url("/pages/harbour.html"))
    assert got.status == 200 and got.content_type == "text/html"
    assert b"Harbour ferry returns" in got.content
    assert got.etag and got.last_modified
    assert site.requested("/pages/harbour.html")[-1].headers["user-agent"].startswith("newsdesk/")


def test_a_conditional_get_of_an_unchanged_page_is_not_modified(site, fetcher):
    first = fetcher.get(site.url("/rss.xml"))
    again = fetcher.get(site.url("/rss.xml"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    sent = site.requested("/rss.xml")[-1].headers
    assert sent["if-none-match"] == first.etag and sent["if-modified-since"] == first.last_modified


def test_a_redirect_is_followed_and_the_final_address_kept(site, fetcher):
    got = fetcher.get(site.url("/redirect"))
    assert got.final_url == site.url("/pages/harbour.html") and got.url == site.url("/redirect")
    assert b"Harbour ferry" in got.content


def test_a_redirect_loop_stops_with_too_many_redirects(site):
    with Fetcher(max_redirects=3) as f, pytest.raises(FetchError) as caught:
        f.get(site.url("/loop"))
    assert caught.value.reason == "too many redirects (more than 3)"
    assert caught.value.url == site.url("/loop")


def test_a_missing_page_is_http_404(site, fetcher):
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/pages/nowhere.html"))
    assert caught.value.reason == "HTTP 404 Not Found"


def test_a_slow_server_times_out(site, fetcher):
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/slow"))
    assert caught.value.reason == "timed out waiting for the server"


def test_an_endless_response_stops_at_the_cap(site, fetcher):
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/endless"))
    assert caught.value.reason == "too large (more than 65,536 bytes, the limit)"


def test_a_response_that_declares_its_huge_size_is_refused_before_it_is_read(site, fetcher):
    with pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/declared-huge"))
    assert caught.value.reason == "too large (500 MiB; the limit is 65,536 bytes)"


def test_a_closed_port_and_an_unknown_scheme_are_named(fetcher):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        fetcher.get(f"http://127.0.0.1:{port}/")
    assert caught.value.reason == "cannot connect: connection refused"
    with pytest.raises(FetchError) as caught:
        fetcher.get("ftp://files.example/feed.xml")
    assert caught.value.reason == "not an http or https URL"


def test_a_charset_declared_only_in_a_meta_tag_decodes_the_page(site, fetcher):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>'
        "<body><p>\u201cNot yet,\u201d she said.</p></body></html>"
    ).encode("cp1252")
    site.routes["/cp1252.html"] = (200, {"Content-Type": "text/html"}, page)
    got = fetcher.get(site.url("/cp1252.html"))
    assert got.charset is None and got.declared_charset == "windows-1252"
    assert "\u201cNot yet,\u201d she said." in got.text()


def test_one_host_gets_no_more_than_the_per_host_limit_at_once(site):
    """Six requests at once to one host through a fetcher allowing two: the server never answers more than two
    at a time."""
    with Fetcher(per_host=2, read_timeout=10) as f:
        threads = [threading.Thread(target=f.get, args=(site.url("/busy"),)) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(site.requested("/busy")) == 6
    assert site.busiest == 2
