"""Specification of signed-URL renewal timing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.models import RecordingLink
from app.recording import renewal_delay

NOW = datetime(2026, 3, 8, 10, 30, tzinfo=UTC)


def link(ttl: float) -> RecordingLink:
    return RecordingLink("https://x/rec.ogg", "ogg", 185, NOW + timedelta(seconds=ttl))


def test_an_hour_long_url_is_renewed_a_minute_early() -> None:
    assert renewal_delay(link(3600), NOW) == 3540


def test_a_five_second_url_is_renewed_a_second_early() -> None:
    assert renewal_delay(link(5), NOW) == 4


def test_an_expired_url_is_renewed_at_once() -> None:
    assert renewal_delay(link(-10), NOW) == 0.25
