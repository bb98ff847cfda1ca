"""What an export renders: a call's details and transcript, optionally redacted, on a timeline."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from app.export.redact import (
    CALL_SAFE_FIELDS,
    TRANSCRIPT_SAFE_FIELDS,
    cached_redact,
    redact_field,
    redact_payload,
)
from app.models import CallDetail, Segment, Transcript
from app.timeline import Timeline


@dataclass(frozen=True)
class ExportDocument:
    """A call as exported. ``redacted`` applies ``app.export.redact`` at construction.

    When redacted, ``detail`` and ``transcript`` are redacted copies of what was given (their
    ``raw`` payloads too), so a renderer cannot reach an unmasked value by any attribute.
    """

    detail: CallDetail
    transcript: Transcript
    redacted: bool = False

    def __post_init__(self) -> None:
        if self.redacted:
            memo: dict[str, str] = {}  # speakers and repeated phrases are redacted once
            object.__setattr__(self, "detail", _redact_detail(self.detail, memo))
            object.__setattr__(self, "transcript", _redact_transcript(self.transcript, memo))

    @cached_property
    def timeline(self) -> Timeline:
        return Timeline.build(self.transcript, self.detail.started_at, self.detail.duration_seconds)

    @property
    def caller_id(self) -> str:
        return self.detail.caller_id

    @property
    def requester_name(self) -> str | None:
        return self.detail.requester_name

    @property
    def end_seconds(self) -> float:
        """Where the last segment ends: the call's end, or the last start when unknown."""
        segments = self.timeline.segments
        return segments[-1].end if segments else float(self.detail.duration_seconds or 0)

    def raw_detail(self) -> dict[str, Any]:
        """The detail as the API gave it (redacted when the document is)."""
        return dict(self.detail.raw)

    def raw_transcript(self) -> dict[str, Any]:
        """The transcript as the API gave it (redacted when the document is)."""
        return dict(self.transcript.raw)


def _redact_detail(detail: CallDetail, memo: dict[str, str]) -> CallDetail:
    def field(*path: str, value: Any) -> Any:
        return redact_field(value, path, CALL_SAFE_FIELDS, memo)

    # The typed fields go through the same rules as the payload they were read from.
    return dataclasses.replace(
        detail,
        id=field("id", value=detail.id),
        caller_id=field("caller_id", value=detail.caller_id),
        channel=field("channel", value=detail.channel),
        status=field("status", value=detail.status),
        language=field("language", value=detail.language),
        requester_name=field("requester_name", value=detail.requester_name),
        sentiment=field("sentiment", value=detail.sentiment),
        tools_used=tuple(field("tools_used", "[]", value=t) for t in detail.tools_used),
        raw=redact_payload(detail.raw, CALL_SAFE_FIELDS, memo),
    )


def _redact_transcript(transcript: Transcript, memo: dict[str, str]) -> Transcript:
    raw = redact_payload(transcript.raw, TRANSCRIPT_SAFE_FIELDS, memo)
    segments = tuple(
        Segment(
            speaker=cached_redact(s.speaker, memo),
            text=cached_redact(s.text, memo),
            timestamp=s.timestamp,
        )
        for s in transcript.segments
    )
    return Transcript(
        call_id=redact_field(transcript.call_id, ("call_id",), TRANSCRIPT_SAFE_FIELDS, memo),
        segments=segments,
        raw=raw,
    )
