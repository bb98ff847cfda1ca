"""Plain-text transcript: a readable header, then ``[m:ss] Agent: text`` lines."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from app.export.document import ExportDocument
from app.export.fields import one_line
from app.formatting import CHANNEL_LABELS, SPEAKER_LABELS, STATUS_LABELS, format_duration, label

#: Lines written at a time: large transcripts stream in bounded pieces.
LINES_PER_CHUNK = 2000


def utc(value: datetime | None) -> str:
    """Exports use UTC so a file is the same on every computer."""
    if value is None:
        return "—"
    try:
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except (OverflowError, ValueError):  # year 1 with a positive offset has no UTC year
        return value.isoformat()


def header_fields(doc: ExportDocument) -> list[tuple[str, str]]:
    """The metadata every human-readable format shows, in order, each value on one line."""
    d = doc.detail
    fields = [
        ("Call", d.id),
        ("Caller", doc.caller_id or "Unknown"),
        ("Channel", label(CHANNEL_LABELS, d.channel)),
        ("Status", label(STATUS_LABELS, d.status)),
        ("Language", d.language or "—"),
        ("Started", utc(d.started_at)),
        ("Ended", utc(d.ended_at)),
        ("Duration", format_duration(d.duration_seconds)),
        ("Requester", doc.requester_label),
        ("Tickets", ", ".join(doc.ticket_labels) or "None"),
        ("Sentiment", (d.sentiment or "—").capitalize()),
        ("Authenticated", "Yes" if d.authenticated else "No"),
        ("Escalated", "Yes" if d.escalated else "No"),
        ("Tools used", ", ".join(d.tools_used) or "None"),
    ]
    return [(name, one_line(value) or "—") for name, value in fields]


def speaker_label(speaker: str) -> str:
    return one_line(label(SPEAKER_LABELS, speaker)) or "Unknown"


def batched(lines: Iterable[str], size: int = LINES_PER_CHUNK) -> Iterator[bytes]:
    """UTF-8 chunks of ``size`` lines each (every line ends with a newline)."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield ("\n".join(batch) + "\n").encode("utf-8")
            batch.clear()
    if batch:
        yield ("\n".join(batch) + "\n").encode("utf-8")


def _lines(doc: ExportDocument) -> Iterator[str]:
    for name, value in header_fields(doc):
        yield f"{name + ':':<15}{value}"
    yield ""
    segments = doc.timeline.segments
    if not segments:
        yield "(no transcript)"
    for seg in segments:
        yield f"[{format_duration(seg.start)}] {speaker_label(seg.speaker)}: {one_line(seg.text)}"


def chunks(doc: ExportDocument) -> Iterator[bytes]:
    return batched(_lines(doc))
