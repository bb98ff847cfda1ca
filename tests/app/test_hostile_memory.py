"""Peak memory of the client facing floods, measured in a child process: at most 150 MiB.

The issue's figures: a 200 MB list page took 845 MB, a 300 MB recording 706 MB; a
million-segment transcript must not either. Each case runs ``tests.memory_child`` against
the hostile server in this process and reads its peak RSS (VmHWM).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.client import BodyLimits
from tests.hostile_server import (
    HostileServer,
    Reply,
    Request,
    answer,
    call_json,
    filler,
    huge_body,
    recording,
    transcript,
)

MIB = 1024 * 1024
PEAK_LIMIT_KIB = 150 * 1024
ROOT = Path(__file__).resolve().parents[2]


def giant_text(size: int) -> Any:
    """A transcript of one segment whose text is ``size`` bytes of 'a' and one emoji: the
    worst case for memory per byte (the whole string widens to four bytes a character)."""
    head = (
        b'{"call_id":"call_long","segments":[{"speaker":"a",'
        b'"timestamp":"2026-03-08T10:00:00Z","text":"'
    )
    tail = "\U0001f600".encode() + b'"}]}'
    text_size = size - len(head) - len(tail)

    async def handler(request: Request, reply: Reply) -> None:
        chunks = [head, *filler(text_size, unit=b"a"), tail]
        await reply.stream(200, chunks, framing="length", length=size)

    return handler


PAGE = {"data": [call_json("c")], "total": 1, "limit": 10, "offset": 0}
SCENARIOS: dict[str, tuple[str, Any, str]] = {
    "baseline": (
        "/api/v1/calls",
        answer(PAGE),
        "ok",
    ),
    "list": ("/api/v1/calls", huge_body(200 * MIB, framing="close"), "ResponseTooLargeError"),
    "transcript": (
        "/api/v1/calls/call_long/transcript",
        transcript("call_long", 1_000_000, framing="close"),
        "ResponseTooLargeError",
    ),
    "transcript-streamed": (
        "/api/v1/calls/call_long/transcript",
        transcript("call_long", 1_000_000),
        "ResponseTooLargeError",
    ),
    "transcript-giant-text": (  # refused: no segment holds 8 MiB of text, but read first
        "/api/v1/calls/call_long/transcript",
        giant_text(BodyLimits().transcript),
        "ResponseTooLargeError",
    ),
    "recording": ("/media/long.ogg", recording(300 * MIB), "ok"),
}


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with HostileServer() as hostile:
        yield hostile


def measure(server: HostileServer, name: str, out: Path) -> dict[str, Any]:
    path, handler, _ = SCENARIOS[name]
    server.route(path, handler)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "tests.memory_child", name, server.base_url, str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=env,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_peak_memory_stays_bounded(server: HostileServer, tmp_path: Path, name: str) -> None:
    result = measure(server, name, tmp_path)
    expected = SCENARIOS[name][2]
    assert result["outcome"] == expected, result["detail"]
    assert result["peak_kib"] <= PEAK_LIMIT_KIB, f"{name}: {result['peak_kib'] / 1024:.0f} MiB"
    if name == "recording":
        assert result["detail"] == 300 * MIB == (tmp_path / "long.ogg").stat().st_size
    if name == "transcript-giant-text":
        assert "characters a segment" in result["detail"]
    if name.startswith("transcript") and expected != "ok":
        assert "transcript of call_long" in result["detail"]
    print(f"{name}: peak {result['peak_kib'] / 1024:.0f} MiB, {result['outcome']}")
