"""What an export renders: a call's details and transcript, optionally redacted, on a timeline."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from app.export.redact import redact_text
from app.models import CallDetail, Transcript
from app.timeline import Timeline


@dataclass(frozen=True)
class ExportDocument:
    """A call as exported; ``redacted`` masks phone numbers and e-mail addresses everywhere."""

    detail: CallDetail
    transcript: Transcript
    redacted: bool = False

    @cached_property
    def timeline(self) -> Timeline:
        timeline = Timeline.build(
            self.transcript, self.detail.started_at, self.detail.duration_seconds
        )
        if not self.redacted:
            return timeline
        return Timeline(
            [
                type(s)(s.index, s.speaker, redact_text(s.text), s.start, s.end)
                for s in timeline.segments
            ]
        )

    @property
    def caller_id(self) -> str:
        return redact_text(self.detail.caller_id) if self.redacted else self.detail.caller_id

    @property
    def end_seconds(self) -> float:
        """Where the last segment ends: the call's end, or the last start when unknown."""
        segments = self.timeline.segments
        return segments[-1].end if segments else float(self.detail.duration_seconds or 0)

    def raw_detail(self) -> dict[str, Any]:
        """The detail as the API gave it (a copy only when redacting: it is read, not changed)."""
        if not self.redacted:
            return dict(self.detail.raw)
        raw = copy.deepcopy(dict(self.detail.raw))
        if self.redacted and isinstance(raw.get("caller_id"), str):
            raw["caller_id"] = redact_text(raw["caller_id"])
        if self.redacted and isinstance(raw.get("requester_name"), str):
            raw["requester_name"] = redact_text(raw["requester_name"])
        return raw

    def raw_transcript(self) -> dict[str, Any]:
        if not self.redacted:
            return dict(self.transcript.raw)
        raw = copy.deepcopy(dict(self.transcript.raw))
        if self.redacted:
            for seg in raw.get("segments") or []:
                if isinstance(seg, dict) and isinstance(seg.get("text"), str):
                    seg["text"] = redact_text(seg["text"])
        return raw
