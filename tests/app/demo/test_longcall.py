"""The benchmark calls: a looped 30-minute Ogg Vorbis stream and a 10,000-segment transcript."""

from __future__ import annotations

import io

import numpy as np
import pytest
import soundfile as sf

from app.demo.longcall import (
    LONG_CALL_ID,
    LONG_CALL_MIN_SECONDS,
    MANY_SEGMENTS,
    MANY_SEGMENTS_CALL_ID,
    add_bench_calls,
    loop_ogg,
    ogg_crc,
    read_pages,
)
from app.demo.tenant import Conversation, Tenant, load_conversations
from app.models import Transcript, parse_timestamp


def test_crc_matches_the_pages_of_a_committed_recording() -> None:
    audio = load_conversations()[0].audio
    page = read_pages(audio)[3]
    raw = page.encode()
    assert raw in audio  # re-encoding an unchanged page gives the same bytes, CRC included
    assert ogg_crc(b"") == 0


@pytest.mark.parametrize("conversation", load_conversations(), ids=lambda c: c.id)
def test_looped_stream_decodes_to_the_sound_repeated(conversation: Conversation) -> None:
    gap = conversation.loop_gap_samples
    looped = loop_ogg(conversation.audio, 3, gap)
    once, rate = sf.read(io.BytesIO(conversation.audio))
    thrice, rate3 = sf.read(io.BytesIO(looped))
    assert rate == rate3
    assert len(thrice) == 3 * len(once) + 2 * gap  # the granules count every sample heard
    # the middle of the third pass is, sample for sample, the middle of the original
    mid = len(once) // 2
    start = 2 * (len(once) + gap) + mid
    assert np.allclose(thrice[start : start + rate], once[mid : mid + rate], atol=1e-4)
    pages = read_pages(looped)
    assert [p.sequence for p in pages] == list(range(len(pages)))
    assert pages[-1].flags & 0x04 and not any(p.flags & 0x04 for p in pages[:-1])
    granules = [p.granule for p in pages if p.granule > 0]
    assert granules == sorted(granules)


def test_bench_calls_have_a_long_aligned_recording_and_ten_thousand_segments() -> None:
    tenant = Tenant(calls=5)
    audio = add_bench_calls(tenant)
    long_call = tenant.by_id[LONG_CALL_ID]
    assert long_call.duration_seconds is not None
    assert long_call.duration_seconds >= LONG_CALL_MIN_SECONDS
    info = sf.info(io.BytesIO(audio[f"{LONG_CALL_ID}.ogg"]))
    assert abs(info.duration - long_call.duration_seconds) < 1
    transcript = Transcript.from_json(long_call.transcript_json())
    base = long_call.conversation
    assert base is not None
    loop = (sf.info(io.BytesIO(base.audio)).frames + base.loop_gap_samples) / info.samplerate
    later = transcript.segments[len(base.segments) * 20 + 1]
    offset = (later.timestamp - long_call.started_at).total_seconds()
    assert abs(offset - (20 * loop + base.segments[1].start)) < 0.01
    many = Transcript.from_json(tenant.by_id[MANY_SEGMENTS_CALL_ID].transcript_json())
    assert len(many.segments) == MANY_SEGMENTS
    assert parse_timestamp(many.raw["segments"][-1]["timestamp"]) > many.segments[0].timestamp
