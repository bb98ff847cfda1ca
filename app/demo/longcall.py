"""Benchmark calls made on the fly: a 30-minute recording and a 10,000-segment transcript.

The long recording loops one committed conversation inside a single Ogg Vorbis stream: the
three Vorbis header packets once, then the conversation's audio pages again and again with
their granule positions (sample counts), page sequence numbers and CRCs rewritten. Nothing is
re-encoded, so no codec is needed at run time, and the result is one seekable stream whose
transcript (the conversation's turns, repeated) stays aligned with what is heard.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from app.demo.tenant import Conversation, DemoCall, Tenant
from app.models import format_timestamp

LONG_CALL_ID = "call_bench_30min"
MANY_SEGMENTS_CALL_ID = "call_bench_10k"
LONG_CALL_MIN_SECONDS = 30 * 60
MANY_SEGMENTS = 10_000

_CAPTURE = b"OggS"
_HEADER = struct.Struct("<4sBBqIIIB")  # capture, version, flags, granule, serial, seq, crc, n


def _crc_table() -> list[int]:
    table = []
    for i in range(256):
        r = i << 24
        for _ in range(8):
            r = ((r << 1) ^ 0x04C11DB7) if r & 0x80000000 else (r << 1)
        table.append(r & 0xFFFFFFFF)
    return table


_CRC_TABLE = _crc_table()


def ogg_crc(data: bytes) -> int:
    """The Ogg page checksum: CRC-32, polynomial 0x04C11DB7, no reflection, initial 0."""
    crc = 0
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ _CRC_TABLE[((crc >> 24) ^ byte) & 0xFF]
    return crc


@dataclass(frozen=True, slots=True)
class OggPage:
    flags: int
    granule: int
    serial: int
    sequence: int
    segments: bytes  # the lacing table
    body: bytes

    def encode(self) -> bytes:
        header = _HEADER.pack(
            _CAPTURE, 0, self.flags, self.granule, self.serial, self.sequence, 0, len(self.segments)
        )
        page = header + self.segments + self.body
        crc = ogg_crc(page)
        return page[:22] + struct.pack("<I", crc) + page[26:]


def read_pages(data: bytes) -> list[OggPage]:
    pages: list[OggPage] = []
    pos = 0
    while pos < len(data):
        capture, _v, flags, granule, serial, seq, _crc, count = _HEADER.unpack_from(data, pos)
        if capture != _CAPTURE:
            raise ValueError(f"not an Ogg page at byte {pos}")
        segments = data[pos + 27 : pos + 27 + count]
        start = pos + 27 + count
        end = start + sum(segments)
        pages.append(OggPage(flags, granule, serial, seq, segments, data[start:end]))
        pos = end
    return pages


def loop_ogg(audio: bytes, times: int, gap_samples: int = 0) -> bytes:
    """One Ogg Vorbis stream playing ``audio``'s sound ``times`` times in a row.

    Each repeat really lasts ``gap_samples`` more than the file's last granule (its first
    packet now overlaps the previous pass; see Conversation.loop_gap_samples); granules count
    that in so positions and duration match what is heard.
    """
    pages = read_pages(audio)
    # Vorbis headers end on the first page with a granule of 0 after the BOS page (the
    # identification header's page and the comment+setup pages carry granule 0).
    first_audio = next(i for i, p in enumerate(pages) if p.granule > 0)
    headers, sound = pages[:first_audio], pages[first_audio:]
    length = sound[-1].granule + gap_samples
    out = bytearray()
    sequence = 0
    for page in headers:
        out += OggPage(
            page.flags & 0x02, 0, page.serial, sequence, page.segments, page.body
        ).encode()
        sequence += 1
    for k in range(times):
        for i, page in enumerate(sound):
            last = k == times - 1 and i == len(sound) - 1
            flags = (page.flags & 0x01) | (0x04 if last else 0)  # keep continuation; EOS once
            granule = page.granule + k * length if page.granule >= 0 else page.granule
            out += OggPage(flags, granule, page.serial, sequence, page.segments, page.body).encode()
            sequence += 1
    return bytes(out)


def add_bench_calls(tenant: Tenant) -> dict[str, bytes]:
    """Add the two benchmark calls to ``tenant``; returns the long call's audio by object name."""
    base = next(c for c in tenant.conversations if c.language == "en-US")
    pages = read_pages(base.audio)
    rate = _sample_rate(pages[0])
    samples = pages[-1].granule
    loop_seconds = (samples + base.loop_gap_samples) / rate
    times = int(LONG_CALL_MIN_SECONDS // loop_seconds) + 1
    audio = loop_ogg(base.audio, times, base.loop_gap_samples)
    duration = (times - 1) * loop_seconds + samples / rate
    started = tenant.anchor - timedelta(days=1, hours=3)
    long_call = _bench_call(LONG_CALL_ID, base, started, duration)
    long_call.extra_segments = _looped_segments(base, started, loop_seconds, times)
    tenant.add(long_call)

    many_started = tenant.anchor - timedelta(days=1, hours=12)
    spacing = 3.0
    many = _bench_call(MANY_SEGMENTS_CALL_ID, base, many_started, MANY_SEGMENTS * spacing)
    many.no_recording_reason = "A synthetic transcript for benchmarks; it has no recording."
    many.extra_segments = [
        {
            "speaker": "agent" if i % 2 == 0 else "caller",
            "text": f"Turn {i + 1:,}: {base.segments[i % len(base.segments)].text}",
            "timestamp": format_timestamp(many_started + timedelta(seconds=i * spacing)),
        }
        for i in range(MANY_SEGMENTS)
    ]
    tenant.add(many)
    return {f"{LONG_CALL_ID}.ogg": audio}


def _bench_call(call_id: str, base: Conversation, started: Any, duration: float) -> DemoCall:
    return DemoCall(
        id=call_id,
        caller_id="+15551230000",
        channel="phone",
        status="completed",
        duration_seconds=round(duration),
        language=base.language,
        started_at=started,
        ended_at=started + timedelta(seconds=round(duration)),
        requester_id=None,
        requester_name=None,
        tickets_created=[],
        authenticated=False,
        escalated=False,
        sentiment="neutral",
        tools_used=[],
        conversation=base,
        heard_seconds=duration,
    )


def _looped_segments(
    base: Conversation, started: Any, loop_seconds: float, times: int
) -> list[dict[str, Any]]:
    return [
        {
            "speaker": seg.speaker,
            "text": seg.text,
            "timestamp": format_timestamp(
                started + timedelta(seconds=k * loop_seconds + seg.start)
            ),
        }
        for k in range(times)
        for seg in base.segments
    ]


def _sample_rate(first_page: OggPage) -> int:
    """From the Vorbis identification header (first packet: type 1, 'vorbis', version, ...)."""
    body = first_page.body
    if body[1:7] != b"vorbis":
        raise ValueError("not a Vorbis stream")
    return int(struct.unpack_from("<I", body, 12)[0])
