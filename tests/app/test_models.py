"""Specification of the API models: strict on required fields, tolerant of extra ones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.errors import ResponseFormatError
from app.models import (
    CallDetail,
    CallSummary,
    Page,
    RecordingLink,
    Transcript,
    format_timestamp,
    parse_timestamp,
)

DOC_CALL = {
    "id": "call_abc123",
    "caller_id": "+33612345678",
    "channel": "phone",
    "status": "completed",
    "duration_seconds": 185,
    "language": "fr-FR",
    "started_at": "2026-03-08T10:30:00Z",
    "ended_at": "2026-03-08T10:33:05Z",
    "requester_id": 42,
    "tickets_created": [1042],
    "authenticated": True,
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-08T10:30:00Z", datetime(2026, 3, 8, 10, 30, tzinfo=UTC)),
        ("2026-03-08T11:30:00+01:00", datetime(2026, 3, 8, 10, 30, tzinfo=UTC)),
        ("2026-03-08T10:30:00.250Z", datetime(2026, 3, 8, 10, 30, 0, 250000, tzinfo=UTC)),
        ("2026-03-08T10:30:00.123456-02:30", datetime(2026, 3, 8, 13, 0, 0, 123456, tzinfo=UTC)),
        ("2026-03-08T10:30:00", datetime(2026, 3, 8, 10, 30, tzinfo=UTC)),
    ],
)
def test_timestamps_parse_as_aware_datetimes(text: str, expected: datetime) -> None:
    parsed = parse_timestamp(text)
    assert parsed.tzinfo is not None
    assert parsed == expected


def test_timestamps_format_back_in_utc_with_milliseconds_only_when_needed() -> None:
    assert format_timestamp(datetime(2026, 3, 8, 10, 30, tzinfo=UTC)) == "2026-03-08T10:30:00Z"
    tz = timezone(timedelta(hours=2))
    stamp = datetime(2026, 3, 8, 12, 30, 5, 250000, tzinfo=tz)
    assert format_timestamp(stamp) == "2026-03-08T10:30:05.250Z"


def test_documented_call_parses_and_tolerates_unknown_fields() -> None:
    call = CallSummary.from_json({**DOC_CALL, "future_field": {"x": 1}})
    assert call.id == "call_abc123"
    assert call.duration_seconds == 185
    assert call.tickets_created == (1042,)
    assert call.ended_at == datetime(2026, 3, 8, 10, 33, 5, tzinfo=UTC)
    assert call.raw["future_field"] == {"x": 1}


def test_detail_adds_documented_fields() -> None:
    detail = CallDetail.from_json(
        {
            **DOC_CALL,
            "requester_name": "Jean Dupont",
            "escalated": False,
            "sentiment": "positive",
            "tools_used": ["search_tickets", "create_ticket", "search_kb"],
        }
    )
    assert detail.requester_name == "Jean Dupont"
    assert detail.tools_used == ("search_tickets", "create_ticket", "search_kb")
    assert detail.escalated is False


@pytest.mark.parametrize("missing", ["id", "channel", "status", "started_at"])
def test_missing_required_field_is_a_typed_error_naming_it(missing: str) -> None:
    payload = {k: v for k, v in DOC_CALL.items() if k != missing}
    with pytest.raises(ResponseFormatError, match=missing):
        CallSummary.from_json(payload)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("duration_seconds", "long"),
        ("started_at", "yesterday"),
        ("tickets_created", "1042"),
        ("tickets_created", ["x"]),
        ("authenticated", "yes"),
    ],
)
def test_wrongly_typed_field_is_a_typed_error(field: str, value: object) -> None:
    with pytest.raises(ResponseFormatError, match=field):
        CallSummary.from_json({**DOC_CALL, field: value})


def test_non_object_payload_is_a_typed_error() -> None:
    with pytest.raises(ResponseFormatError, match="Expected a JSON object"):
        CallSummary.from_json(["not", "an", "object"])


def test_page_parses_items_and_counts() -> None:
    page = Page.from_json(
        {"data": [DOC_CALL], "total": 234, "limit": 10, "offset": 0}, CallSummary.from_json
    )
    assert (page.total, page.limit, page.offset, len(page.data)) == (234, 10, 0, 1)
    with pytest.raises(ResponseFormatError, match="total"):
        Page.from_json({"data": [], "limit": 10, "offset": 0}, CallSummary.from_json)


def test_segment_missing_text_is_a_typed_error() -> None:
    with pytest.raises(ResponseFormatError, match="text"):
        Transcript.from_json(
            {"call_id": "c", "segments": [{"speaker": "agent", "timestamp": "2026-03-08T10:30Z"}]}
        )


def test_recording_link_parses_expiry() -> None:
    link = RecordingLink.from_json(
        {
            "url": "https://s3.example/rec.ogg?X-Amz=1",
            "format": "ogg",
            "duration_seconds": 185,
            "expires_at": "2026-03-08T11:30:00Z",
        }
    )
    assert link.duration_seconds == 185.0
    assert link.seconds_left(datetime(2026, 3, 8, 11, 0, tzinfo=UTC)) == 1800.0
