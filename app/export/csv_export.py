"""CSV: one row per segment (call_id, offset_seconds, timestamp, speaker, text), RFC 4180.

Every row is one line, and a cell that a spreadsheet would run as a formula starts with an
apostrophe (see ``fields.csv_cell``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import timedelta

from app.export.document import ExportDocument
from app.export.fields import csv_cell
from app.models import format_timestamp

COLUMNS = ("call_id", "offset_seconds", "timestamp", "speaker", "text")
ROWS_PER_CHUNK = 2000


def chunks(doc: ExportDocument) -> Iterator[bytes]:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    started = doc.detail.started_at
    call_id = csv_cell(doc.detail.id)
    for n, seg in enumerate(doc.timeline.segments, 1):
        try:
            when = format_timestamp(started + timedelta(seconds=seg.start))
        except OverflowError:
            when = ""
        writer.writerow(
            (call_id, f"{seg.start:.3f}", when, csv_cell(seg.speaker), csv_cell(seg.text))
        )
        if n % ROWS_PER_CHUNK == 0:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    yield out.getvalue().encode("utf-8")
