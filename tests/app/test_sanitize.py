"""Specification of printable() and cut_url(): server text that cannot change what is shown."""

from __future__ import annotations

import pytest

from app.sanitize import cut_url, printable


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, accents é and emoji 👨‍👩‍👧", "plain text, accents é and emoji 👨‍👩‍👧"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x1b]0;new title\x07", "\\x1b]0;new title\\x07"),
        ("\x9b2J", "\\x9b2J"),  # the one-byte C1 CSI
        ("one\ntwo\r\tthree", "one\\ntwo\\r\\tthree"),
        ("abc\u202edcba\u202c", "abc\\u202edcba\\u202c"),  # right-to-left override
        ("\u2066isolate\u2069", "\\u2066isolate\\u2069"),
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("line\u2028sep", "line\\u2028sep"),
        ("nul\x00del\x7f", "nul\\x00del\\x7f"),
        ("\U000e0001tag", "\\U000e0001tag"),
        ("no-break\u00a0space", "no-break\u00a0space"),
    ],
)
def test_printable_escapes_what_could_hide_move_or_reorder_text(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_printable_cuts_long_text_with_an_ellipsis() -> None:
    assert printable("x" * 50, 10) == "x" * 9 + "…"
    assert printable("abc", 3) == "abc"
    assert printable("abcd", 3) == "ab…"
    assert len(printable("\x1b" * 1000, 20)) == 20
    assert printable("a" * 10_000_000, 5) == "aaaa…"  # looks at limit + 1 characters only


def test_printable_refuses_a_limit_below_one() -> None:
    with pytest.raises(ValueError):
        printable("x", 0)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "https://s3.eu-west-3.amazonaws.com/recordings/c.ogg?X-Amz-Signature=abc&X-Amz-x=1",
            "https://s3.eu-west-3.amazonaws.com/recordings/c.ogg?…",
        ),
        ("https://user:pw@host.test:8443/a/b#frag", "https://host.test:8443/a/b"),
        ("http://[::1]:8040/media/x.ogg?sig=1", "http://[::1]:8040/media/x.ogg?…"),
        ("http://127.0.0.1/\x1b[2Jx?sig=1", "http://127.0.0.1/\\x1b[2Jx?…"),
        ("http://[broken/x?secret=1", "http://[broken/x?…"),
    ],
)
def test_cut_url_keeps_where_and_drops_the_signature(url: str, shown: str) -> None:
    assert cut_url(url) == shown


def test_cut_url_is_bounded() -> None:
    assert len(cut_url("https://h.test/" + "a" * 5000 + "?q=1")) == 200


def test_log_lines_lose_the_query_of_every_url() -> None:
    import logging

    from app.apikey import RedactingFilter

    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1,
        'HTTP Request: GET %s "HTTP/1.1 200 OK"', ("http://127.0.0.1:8/m/c.ogg?X-Sig=abc&e=1",),
        None,
    )  # fmt: skip
    assert RedactingFilter().filter(record)
    assert record.getMessage() == 'HTTP Request: GET http://127.0.0.1:8/m/c.ogg?… "HTTP/1.1 200 OK"'


def test_urls_in_log_lines_lose_their_credentials_too() -> None:
    from app.sanitize import cut_urls

    line = "GET http://user:SECRETPW@127.0.0.1:9/media/x.ogg?sig=1 and https://a@b.example/c"
    assert cut_urls(line) == "GET http://127.0.0.1:9/media/x.ogg?… and https://b.example/c"
