"""When to renew a signed recording URL, so playback never meets an expired link."""

from __future__ import annotations

from datetime import datetime

from app.models import RecordingLink

#: At most this many renewals in a row after stream errors before the error is shown.
MAX_ERROR_RENEWALS = 3


def renewal_delay(link: RecordingLink, now: datetime | None = None) -> float:
    """Seconds until the URL should be renewed: a margin before expiry (a fifth, at most 60 s)."""
    left = link.seconds_left(now)
    margin = min(60.0, max(0.5, left * 0.2))
    return max(0.25, left - margin)
