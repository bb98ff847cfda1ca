"""Plain-text transcript: a readable header, then ``[m:ss] Agent: text`` lines."""

from __future__ import annotations

from datetime import UTC, datetime

from app.export.document import ExportDocument
from app.formatting import CHANNEL_LABELS, SPEAKER_LABELS, STATUS_LABELS, format_duration, label


def utc(value: datetime | None) -> str:
    """Exports use UTC so a file is the same on every computer."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if value else "—"


def header_fields(doc: ExportDocument) -> list[tuple[str, str]]:
    """The metadata every human-readable format shows, in order."""
    d = doc.detail
    requester = "—"
    if d.requester_name or d.requester_id is not None:
        name = d.requester_name or "Unnamed"
        if doc.redacted and d.requester_name:
            from app.export.redact import redact_text

            name = redact_text(name)
        requester = name + (f" (#{d.requester_id})" if d.requester_id is not None else "")
    return [
        ("Call", d.id),
        ("Caller", doc.caller_id or "Unknown"),
        ("Channel", label(CHANNEL_LABELS, d.channel)),
        ("Status", label(STATUS_LABELS, d.status)),
        ("Language", d.language or "—"),
        ("Started", utc(d.started_at)),
        ("Ended", utc(d.ended_at)),
        ("Duration", format_duration(d.duration_seconds)),
        ("Requester", requester),
        ("Tickets", ", ".join(f"#{t}" for t in d.tickets_created) or "None"),
        ("Sentiment", (d.sentiment or "—").capitalize()),
    ]


def render(doc: ExportDocument) -> bytes:
    lines = [f"{name + ':':<11}{value}" for name, value in header_fields(doc)]
    lines.append("")
    segments = doc.timeline.segments
    if not segments:
        lines.append("(no transcript)")
    for seg in segments:
        who = label(SPEAKER_LABELS, seg.speaker)
        lines.append(f"[{format_duration(seg.start)}] {who}: {seg.text}")
    return ("\n".join(lines) + "\n").encode("utf-8")
