"""CSV: one row per segment (call_id, offset_seconds, timestamp, speaker, text), RFC 4180."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from app.export.document import ExportDocument
from app.models import format_timestamp

COLUMNS = ("call_id", "offset_seconds", "timestamp", "speaker", "text")


def render(doc: ExportDocument) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    started = doc.detail.started_at
    for seg in doc.timeline.segments:
        when = format_timestamp(started + timedelta(seconds=seg.start))
        writer.writerow((doc.detail.id, f"{seg.start:.3f}", when, seg.speaker, seg.text))
    return out.getvalue().encode("utf-8")
