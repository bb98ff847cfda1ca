"""Specification of base URL checks: refused URLs are named without their secrets."""

from __future__ import annotations

import pytest

from app.client import validate_base_url
from app.errors import ConfigurationError


@pytest.mark.parametrize(
    ("url", "shown", "reason"),
    [
        (
            "https://user:s3cretpw@api.example.com/api/v1",
            "https://api.example.com/api/v1",
            "password",
        ),
        ("https://jdoe@api.example.com", "https://api.example.com", "user name"),
        ("http://bob:s3cretpw@example.com/api", "http://example.com/api", "password"),
        ("https://api.example.com/api?key=s3cretpw", "https://api.example.com/api", "query"),
        ("https://api.example.com/api#s3cretpw", "https://api.example.com/api", "fragment"),
        ("https://u:s3cretpw@[::1", "https://[::1", "not a valid URL"),
    ],
)
def test_refused_urls_never_echo_credentials(url: str, shown: str, reason: str) -> None:
    with pytest.raises(ConfigurationError) as refused:
        validate_base_url(url)
    message = str(refused.value)
    assert f"'{shown}'" in message and reason in message
    assert "s3cretpw" not in message and "jdoe" not in message
    assert refused.value.__cause__ is None  # a chained httpx error would repeat the URL


def test_a_good_url_is_accepted_as_given() -> None:
    assert str(validate_base_url(" https://apps.aurionai.net/api/v1/ ")) == (
        "https://apps.aurionai.net/api/v1"
    )
