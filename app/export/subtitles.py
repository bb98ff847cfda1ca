"""SRT and WebVTT: one cue per segment, ending where the next begins (the last at the end)."""

from __future__ import annotations

from app.export.document import ExportDocument
from app.formatting import SPEAKER_LABELS, label
from app.timeline import TimedSegment

MIN_CUE = 1.0  # seconds: a cue never ends before it starts, even without a known call end


def _cues(doc: ExportDocument) -> list[tuple[float, float, TimedSegment]]:
    cues = []
    for seg in doc.timeline.segments:
        end = seg.end if seg.end > seg.start else seg.start + MIN_CUE
        cues.append((seg.start, end, seg))
    return cues


def _clock(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def _one_line(text: str) -> str:
    # A blank line would end the cue early in both formats.
    return " ".join(text.split())


def render_srt(doc: ExportDocument) -> bytes:
    blocks = []
    for n, (start, end, seg) in enumerate(_cues(doc), 1):
        who = label(SPEAKER_LABELS, seg.speaker)
        blocks.append(
            f"{n}\n{_clock(start, ',')} --> {_clock(end, ',')}\n{who}: {_one_line(seg.text)}\n"
        )
    return "\n".join(blocks).encode("utf-8")


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_vtt(doc: ExportDocument) -> bytes:
    lines = ["WEBVTT", "", f"NOTE Call {doc.detail.id}", ""]
    for n, (start, end, seg) in enumerate(_cues(doc), 1):
        who = _vtt_escape(label(SPEAKER_LABELS, seg.speaker))
        lines += [
            str(n),
            f"{_clock(start, '.')} --> {_clock(end, '.')}",
            f"<v {who}>{_vtt_escape(_one_line(seg.text))}",
            "",
        ]
    return "\n".join(lines).encode("utf-8")
