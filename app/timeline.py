"""A transcript laid on the recording's time axis: segment spans, O(log n) lookup and search."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from datetime import datetime

from app.models import Segment, Transcript
from app.textsearch import fold


@dataclass(frozen=True, slots=True)
class TimedSegment:
    """A segment with its span in seconds from the call's start."""

    index: int
    speaker: str
    text: str
    start: float
    end: float


#: No call lasts a week: a duration or offset beyond (or not a finite number) is clamped here,
#: so that no format has to write an absurd time (an SRT time of 10**20 s overflows parsers).
MAX_CALL_SECONDS = 7 * 24 * 3600.0


def _clamped(seconds: float) -> float:
    return min(max(0.0, seconds), MAX_CALL_SECONDS) if math.isfinite(seconds) else 0.0


class Timeline:
    """Segments in time order; a segment lasts until the next starts, the last until the end."""

    def __init__(self, segments: list[TimedSegment]) -> None:
        self.segments = segments
        self.starts = [s.start for s in segments]
        self._folded: list[str] | None = None

    @classmethod
    def build(
        cls, transcript: Transcript, started_at: datetime, duration: float | None
    ) -> Timeline:
        return cls.from_segments(transcript.segments, started_at, duration)

    @classmethod
    def from_segments(
        cls,
        segments: tuple[Segment, ...] | list[Segment],
        started_at: datetime,
        duration: float | None,
    ) -> Timeline:
        ordered = sorted(
            enumerate(segments), key=lambda p: (p[1].timestamp, p[0])
        )  # stable even if the API sends them out of order
        starts = [_clamped(_offset(s.timestamp, started_at)) for _, s in ordered]
        if duration is not None:
            duration = _clamped(float(duration))
        timed: list[TimedSegment] = []
        for i, (_orig, seg) in enumerate(ordered):
            start = starts[i]
            if i + 1 < len(starts):
                end = starts[i + 1]
            else:
                end = max(start, float(duration)) if duration is not None else start
            timed.append(TimedSegment(i, seg.speaker, seg.text, start, end))
        return cls(timed)

    def __len__(self) -> int:
        return len(self.segments)

    def index_at(self, seconds: float) -> int:
        """The segment heard at ``seconds`` (-1 before the first one): a bisect, O(log n)."""
        return bisect.bisect_right(self.starts, seconds) - 1

    def search(self, query: str) -> list[int]:
        """Indexes of the segments whose text contains ``query``, ignoring case and accents."""
        needle = fold(query.strip())
        if not needle:
            return []
        if self._folded is None:
            self._folded = [fold(s.text) for s in self.segments]
        return [i for i, text in enumerate(self._folded) if needle in text]


def _offset(when: datetime, started_at: datetime) -> float:
    """Seconds from the call's start (0 when the two cannot be compared: year 1 and 9999)."""
    try:
        return (when - started_at).total_seconds()
    except OverflowError:
        return 0.0
