"""SRT and WebVTT: one cue per segment, ending where the next begins (the last at the end).

Every cue is one timing line and one text line, whatever the server sent: breaks collapse,
control characters go, and ``-->`` never appears in a cue's text, so a parser always finds as
many cues as there are segments.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.export.document import ExportDocument
from app.export.fields import no_cue_arrow, one_line
from app.export.text import batched, speaker_label
from app.timeline import TimedSegment

MIN_CUE = 1.0  # seconds: a cue never ends before it starts, even without a known call end


def _cues(doc: ExportDocument) -> Iterator[tuple[float, float, TimedSegment]]:
    for seg in doc.timeline.segments:
        end = seg.end if seg.end > seg.start else seg.start + MIN_CUE
        yield seg.start, end, seg


def _clock(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _cue_text(text: str) -> str:
    return no_cue_arrow(one_line(text))


def _srt_lines(doc: ExportDocument) -> Iterator[str]:
    for n, (start, end, seg) in enumerate(_cues(doc), 1):
        if n > 1:
            yield ""
        who = _cue_text(speaker_label(seg.speaker))
        yield str(n)
        yield f"{_clock(start, ',')} --> {_clock(end, ',')}"
        yield f"{who}: {_cue_text(seg.text)}"


def srt_chunks(doc: ExportDocument) -> Iterator[bytes]:
    return batched(_srt_lines(doc))


def _vtt_escape(text: str) -> str:
    # Escaping ">" also keeps "-->" out of the cue text.
    return one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _vtt_lines(doc: ExportDocument) -> Iterator[str]:
    yield "WEBVTT"
    yield ""
    yield f"NOTE Call {_vtt_escape(doc.detail.id)}"
    yield ""
    for n, (start, end, seg) in enumerate(_cues(doc), 1):
        yield str(n)
        yield f"{_clock(start, '.')} --> {_clock(end, '.')}"
        yield f"<v {_vtt_escape(speaker_label(seg.speaker))}>{_vtt_escape(seg.text)}"
        yield ""


def vtt_chunks(doc: ExportDocument) -> Iterator[bytes]:
    # The file ends without a final newline after the last blank line, as before.
    data = batched(_vtt_lines(doc))
    previous: bytes | None = None
    for chunk in data:
        if previous is not None:
            yield previous
        previous = chunk
    if previous is not None:
        yield previous[:-1]
