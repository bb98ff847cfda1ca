"""Lossless JSON: the call detail and the transcript exactly as the API gave them."""

from __future__ import annotations

import json

from app.export.document import ExportDocument

FORMAT_ID = "aurion-call-review/transcript-v1"


def render(doc: ExportDocument) -> bytes:
    payload = {
        "format": FORMAT_ID,
        "redacted": doc.redacted,
        "call": doc.raw_detail(),
        "transcript": doc.raw_transcript(),
    }
    # Keys keep the API's order (stable for a given server); non-ASCII stays readable.
    return (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
