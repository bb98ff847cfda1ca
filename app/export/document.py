"""What an export renders: a call's details and transcript, optionally redacted, on a timeline."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from app.export.redact import (
    CALL_SAFE_FIELDS,
    TOKENS,
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
    ``raw`` payloads too), so a renderer cannot reach an unmasked value by any attribute: a
    requester id or ticket number of 7 or more digits, which the typed fields (whole numbers)
    cannot hold as a token, is left out of them, and shown by :attr:`requester_label` and
    :attr:`ticket_labels` as its token (``#[phone]``).
    """

    detail: CallDetail
    transcript: Transcript
    redacted: bool = False
    _requester_ref: str | None = field(init=False, default=None, repr=False, compare=False)
    _ticket_refs: tuple[str, ...] = field(init=False, default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        memo: dict[str, str] = {}  # speakers and repeated phrases are redacted once
        detail = self.detail
        requester = _requester_ref(detail, self.redacted, memo)
        tickets = _ticket_refs(detail, self.redacted, memo)
        object.__setattr__(self, "_requester_ref", requester)
        object.__setattr__(self, "_ticket_refs", tickets)
        if self.redacted:
            object.__setattr__(self, "detail", _redact_detail(detail, memo))
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
    def requester_label(self) -> str:
        """The requester as the text formats show it: ``Name (#42)``, ``Unnamed (#42)``, ``—``.

        Redacted, the name is masked and an id of 7 or more digits is a token (``#[phone]``).
        """
        name = self.detail.requester_name
        if not name and self._requester_ref is None:
            return "—"
        return (name or "Unnamed") + (f" ({self._requester_ref})" if self._requester_ref else "")

    @property
    def ticket_labels(self) -> tuple[str, ...]:
        """The tickets created, as shown: ``#1042``; redacted, 7 or more digits are a token."""
        return self._ticket_refs

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


def _reference(value: Any) -> str | None:
    """``#42`` for an id or ticket number, ``#[phone]`` for one masked; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"#{int(value)}"
    if isinstance(value, str) and value in TOKENS:
        return f"#{value}"
    return None


def _requester_ref(detail: CallDetail, redacted: bool, memo: dict[str, str]) -> str | None:
    value: Any = detail.requester_id
    if not redacted:
        return _reference(value)
    if value is None:  # a document redacted before keeps the token in its payload only
        value = detail.raw.get("requester_id")
    return _reference(redact_field(value, ("requester_id",), CALL_SAFE_FIELDS, memo))


def _ticket_refs(detail: CallDetail, redacted: bool, memo: dict[str, str]) -> tuple[str, ...]:
    values: list[Any] = list(detail.tickets_created)
    if not redacted:
        refs = [_reference(v) for v in values]
    else:
        payload = detail.raw.get("tickets_created")
        if isinstance(payload, list) and any(isinstance(v, str) and v in TOKENS for v in payload):
            values = payload  # a document redacted before: its payload keeps the tokens
        path = ("tickets_created", "[]")
        refs = [_reference(redact_field(v, path, CALL_SAFE_FIELDS, memo)) for v in values]
    return tuple(ref for ref in refs if ref is not None)


def _whole_or_none(value: Any) -> int | None:
    """A typed whole number after redaction: the number if it stayed one, else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _redact_detail(detail: CallDetail, memo: dict[str, str]) -> CallDetail:
    def masked(*path: str, value: Any) -> Any:
        return redact_field(value, path, CALL_SAFE_FIELDS, memo)

    tickets = (
        _whole_or_none(masked("tickets_created", "[]", value=t)) for t in detail.tickets_created
    )

    # The typed fields go through the same rules as the payload they were read from.
    return dataclasses.replace(
        detail,
        id=masked("id", value=detail.id),
        caller_id=masked("caller_id", value=detail.caller_id),
        channel=masked("channel", value=detail.channel),
        status=masked("status", value=detail.status),
        language=masked("language", value=detail.language),
        requester_name=masked("requester_name", value=detail.requester_name),
        # 7 or more digits become a token, which an int field cannot hold: left out
        requester_id=_whole_or_none(masked("requester_id", value=detail.requester_id)),
        tickets_created=tuple(t for t in tickets if t is not None),
        sentiment=masked("sentiment", value=detail.sentiment),
        tools_used=tuple(masked("tools_used", "[]", value=t) for t in detail.tools_used),
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
