"""Typed models of the Aurion Calls API payloads, parsed strictly but tolerant of extra fields."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Generic, TypeVar

from app.errors import ResponseFormatError

T = TypeVar("T")

CHANNELS = ("phone", "mobile", "widget")
STATUSES = ("active", "completed", "escalated", "failed", "abandoned")
SORT_FIELDS = ("started_at", "duration_seconds")
SORT_ORDERS = ("asc", "desc")


class SortField(StrEnum):
    STARTED_AT = "started_at"
    DURATION = "duration_seconds"


class SortOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"


#: RFC 3339 allows a leap second (``23:59:60``), which ``datetime`` cannot hold.
_LEAP_SECOND = re.compile(r"(T\d{2}:\d{2}):60")


def parse_timestamp(value: str) -> datetime:
    """Parse an ISO 8601 timestamp (``Z``, offsets, fractional seconds) as an aware datetime.

    A leap second is read as the second after it (``23:59:60`` as ``00:00:00`` the next day).
    """
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text, leap = _LEAP_SECOND.subn(r"\1:59", text, count=1)
    parsed = datetime.fromisoformat(text)
    if leap:
        try:
            parsed += timedelta(seconds=1)
        except OverflowError:  # 9999-12-31T23:59:60: the last second there is
            parsed = parsed.replace(microsecond=999_999)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def format_timestamp(value: datetime) -> str:
    """Format an aware datetime as the API does: UTC, ``Z``, milliseconds only when needed."""
    utc = value.astimezone(UTC)
    if utc.microsecond:
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Reader:
    """Reads typed fields out of one JSON object, naming the object and field on error."""

    def __init__(self, payload: object, what: str) -> None:
        if not isinstance(payload, Mapping):
            raise ResponseFormatError(f"Expected a JSON object for {what}, got {_kind(payload)}.")
        self.payload: Mapping[str, Any] = payload
        self.what = what

    def _fail(self, name: str, expected: str) -> ResponseFormatError:
        return ResponseFormatError(
            f"The server's {self.what} has an invalid or missing field '{name}' "
            f"(expected {expected})."
        )

    def _get(self, name: str, required: bool) -> Any:
        if name not in self.payload or self.payload[name] is None:
            if required:
                raise ResponseFormatError(
                    f"The server's {self.what} is missing the required field '{name}'."
                )
            return None
        return self.payload[name]

    def text(self, name: str, *, required: bool = True) -> Any:
        value = self._get(name, required)
        if value is not None and not isinstance(value, str):
            raise self._fail(name, "text")
        return value

    def whole(self, name: str, *, required: bool = True) -> Any:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._fail(name, "a number")
        if isinstance(value, float) and not value.is_integer():
            raise self._fail(name, "a whole number")
        return int(value)

    def number(self, name: str, *, required: bool = True) -> Any:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._fail(name, "a number")
        return float(value)

    def flag(self, name: str, *, default: bool = False) -> bool:
        value = self._get(name, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self._fail(name, "true or false")
        return value

    def time(self, name: str, *, required: bool = True) -> Any:
        value = self.text(name, required=required)
        if value is None:
            return None
        try:
            return parse_timestamp(value)
        except ValueError:
            raise self._fail(name, "an ISO 8601 timestamp") from None

    def list_of(self, name: str, item: Callable[[Any], T], expected: str) -> tuple[T, ...]:
        value = self._get(name, False)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self._fail(name, f"a list of {expected}")
        try:
            return tuple(item(v) for v in value)
        except (TypeError, ValueError):
            raise self._fail(name, f"a list of {expected}") from None


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    return "text" if isinstance(value, str) else type(value).__name__


def _int_item(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(value)
    return value


def _str_item(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(value)
    return value


@dataclass(frozen=True, slots=True)
class CallSummary:
    """One call as the list endpoint returns it."""

    id: str
    caller_id: str
    channel: str
    status: str
    duration_seconds: int | None
    language: str | None
    started_at: datetime
    ended_at: datetime | None
    requester_id: int | None
    tickets_created: tuple[int, ...]
    authenticated: bool
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, payload: object) -> CallSummary:
        r = _Reader(payload, "call")
        return cls(**_summary_fields(r), raw=r.payload)


def _summary_fields(r: _Reader) -> dict[str, Any]:
    return {
        "id": r.text("id"),
        "caller_id": r.text("caller_id", required=False) or "",
        "channel": r.text("channel"),
        "status": r.text("status"),
        "duration_seconds": r.whole("duration_seconds", required=False),
        "language": r.text("language", required=False),
        "started_at": r.time("started_at"),
        "ended_at": r.time("ended_at", required=False),
        "requester_id": r.whole("requester_id", required=False),
        "tickets_created": r.list_of("tickets_created", _int_item, "ticket numbers"),
        "authenticated": r.flag("authenticated"),
    }


@dataclass(frozen=True, slots=True)
class CallDetail:
    """One call with every documented detail field."""

    id: str
    caller_id: str
    channel: str
    status: str
    duration_seconds: int | None
    language: str | None
    started_at: datetime
    ended_at: datetime | None
    requester_id: int | None
    tickets_created: tuple[int, ...]
    authenticated: bool
    requester_name: str | None
    escalated: bool
    sentiment: str | None
    tools_used: tuple[str, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, payload: object) -> CallDetail:
        r = _Reader(payload, "call details")
        return cls(
            **_summary_fields(r),
            requester_name=r.text("requester_name", required=False),
            escalated=r.flag("escalated"),
            sentiment=r.text("sentiment", required=False),
            tools_used=r.list_of("tools_used", _str_item, "tool names"),
            raw=r.payload,
        )

    def summary(self) -> CallSummary:
        """The call as the list endpoint gives it (the detail's summary fields)."""
        return CallSummary(**{f.name: getattr(self, f.name) for f in fields(CallSummary)})


@dataclass(frozen=True, slots=True)
class Segment:
    """One utterance of a transcript."""

    speaker: str
    text: str
    timestamp: datetime

    @classmethod
    def from_json(cls, payload: object) -> Segment:
        r = _Reader(payload, "transcript segment")
        return cls(speaker=r.text("speaker"), text=r.text("text"), timestamp=r.time("timestamp"))


@dataclass(frozen=True, slots=True)
class Transcript:
    """A call's transcript: segments in time order."""

    call_id: str
    segments: tuple[Segment, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, payload: object) -> Transcript:
        r = _Reader(payload, "transcript")
        segments = r.list_of("segments", Segment.from_json, "segments")
        return cls(call_id=r.text("call_id"), segments=segments, raw=r.payload)


@dataclass(frozen=True, slots=True)
class RecordingLink:
    """A signed, expiring URL of a call's recording."""

    url: str
    format: str
    duration_seconds: float | None
    expires_at: datetime

    @classmethod
    def from_json(cls, payload: object) -> RecordingLink:
        r = _Reader(payload, "recording link")
        return cls(
            url=r.text("url"),
            format=r.text("format", required=False) or "ogg",
            duration_seconds=r.number("duration_seconds", required=False),
            expires_at=r.time("expires_at"),
        )

    def seconds_left(self, now: datetime | None = None) -> float:
        return (self.expires_at - (now or datetime.now(UTC))).total_seconds()


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list endpoint. An item that cannot be read is left out and listed in
    ``rejected`` (its id when it has one, and why): one odd call never loses its page."""

    data: tuple[T, ...]
    total: int
    limit: int
    offset: int
    rejected: tuple[tuple[str | None, str], ...] = ()

    @classmethod
    def from_json(cls, payload: object, item: Callable[[Any], T]) -> Page[T]:
        r = _Reader(payload, "page of calls")
        raw = r._get("data", False)
        if raw is not None and not isinstance(raw, list):
            raise r._fail("data", "a list of calls")
        data: list[T] = []
        rejected: list[tuple[str | None, str]] = []
        for value in raw or ():
            try:
                data.append(item(value))
            except (ResponseFormatError, TypeError, ValueError, OverflowError) as exc:
                call_id = value.get("id") if isinstance(value, Mapping) else None
                shown = call_id if isinstance(call_id, str) and call_id else None
                why = str(exc) if isinstance(exc, ResponseFormatError) else ""
                why = why or f"The server's call could not be read ({type(exc).__name__})."
                rejected.append((shown, why))
        return cls(
            data=tuple(data),
            total=r.whole("total"),
            limit=r.whole("limit"),
            offset=r.whole("offset"),
            rejected=tuple(rejected),
        )
