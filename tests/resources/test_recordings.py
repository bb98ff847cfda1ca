"""The committed demo recordings: real speech whose transcript times match what is heard."""

from __future__ import annotations

import io
import itertools
import json
from importlib.resources import files
from typing import Any

import numpy as np
import pytest
import soundfile as sf

DIR = files("resources") / "recordings"  # where the demo server reads them
CONVERSATIONS: list[dict[str, Any]] = json.loads(
    (DIR / "conversations.json").read_text(encoding="utf-8")
)
WINDOW = 0.02  # seconds per RMS frame
SILENT = 0.005  # RMS of a frame that counts as silence
SPEECH = 0.03  # RMS of a frame that counts as speech


def audio(name: str) -> io.BytesIO:
    return io.BytesIO((DIR / name).read_bytes())


def rms_frames(name: str) -> tuple[np.ndarray, int]:
    data, rate = sf.read(audio(name), dtype="float32")
    frame = int(rate * WINDOW)
    usable = data[: data.size // frame * frame].reshape(-1, frame)
    return np.sqrt((usable**2).mean(axis=1)), rate


def window(rms: np.ndarray, start: float, end: float) -> np.ndarray:
    return rms[max(0, int(start / WINDOW)) : max(0, int(end / WINDOW))]


def test_there_are_enough_varied_conversations() -> None:
    assert len(CONVERSATIONS) >= 8
    assert {c["language"] for c in CONVERSATIONS} >= {"fr-FR", "en-US"}
    assert {c["kind"] for c in CONVERSATIONS} == {"resolved", "escalated", "abandoned"}
    total = sum(len((DIR / c["file"]).read_bytes()) for c in CONVERSATIONS)
    assert total < 8 * 1024 * 1024


@pytest.mark.parametrize("conv", CONVERSATIONS, ids=[c["id"] for c in CONVERSATIONS])
def test_recording_matches_its_transcript(conv: dict[str, Any]) -> None:
    info = sf.info(audio(conv["file"]))
    assert info.format == "OGG" and info.subtype == "VORBIS"
    assert abs(info.duration - conv["duration_seconds"]) < 0.05
    assert 30 <= info.duration <= 180
    segments = conv["segments"]
    assert [s["speaker"] for s in segments] == ["agent", "caller"] * (len(segments) // 2) + (
        ["agent"] if len(segments) % 2 else []
    )
    rms, _rate = rms_frames(conv["file"])
    for before, after in itertools.pairwise(segments):
        assert before["end"] < after["start"]
        gap = window(rms, before["end"] + 0.05, after["start"] - 0.05)
        assert gap.size and gap.max() < SILENT, f"speech between turns at {before['end']}"
    for seg in segments:
        start = seg["start"]
        quiet = window(rms, start - 0.25, start - 0.05)
        heard = window(rms, start, start + 0.25)
        assert quiet.max() < SILENT, f"{conv['id']}: sound before {start}"
        assert heard.max() > SPEECH, f"{conv['id']}: no speech right after {start}"


def test_offsets_shifted_by_half_a_second_would_fail() -> None:
    """The check above is sharp enough: moving every start 0.5 s later breaks it."""
    conv = CONVERSATIONS[0]
    rms, _rate = rms_frames(conv["file"])
    broken = 0
    for seg in conv["segments"]:
        start = seg["start"] + 0.5
        quiet = window(rms, start - 0.25, start - 0.05)
        if quiet.max() >= SILENT:
            broken += 1
    assert broken == len(conv["segments"])
