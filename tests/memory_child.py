"""One client operation against a hostile server in its own process, for its peak memory.

``python -m tests.memory_child SCENARIO BASE_URL OUT_DIR`` prints one JSON line:
``{"outcome": <error class name or "ok">, "detail": ..., "peak_kib": <VmHWM>}``.
Scenarios: ``baseline`` (one small request: what the process costs anyway), ``list``,
``transcript``, ``transcript-streamed`` (cap on bytes lifted, so the segment cap must hold),
``transcript-giant-text``, ``recording``.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import httpx

from app.client import AurionClient, BodyLimits
from app.errors import AurionError
from app.media import download_recording

KEY = "ak_test_memory_0123456789"


async def scenario(name: str, base_url: str, out: Path) -> Any:
    limits = BodyLimits(transcript=256 * 1024 * 1024) if name == "transcript-streamed" else None
    async with AurionClient(base_url, KEY, limits=limits, deadline=120) as client:
        if name in {"baseline", "list"}:
            return len((await client.list_calls(limit=10)).data)
        if name.startswith("transcript"):
            return len((await client.get_transcript("call_long")).segments)
        if name == "recording":
            origin = base_url.rsplit("/api/v1", 1)[0]
            async with httpx.AsyncClient(timeout=httpx.Timeout(15)) as http:
                saved = await download_recording(
                    http, f"{origin}/media/long.ogg?sig=1", out / "long.ogg", expected_seconds=None
                )
            return saved.size
    raise SystemExit(f"unknown scenario {name}")


def peak_kib() -> int:
    # VmHWM, not getrusage's ru_maxrss: on Linux ru_maxrss survives exec, so a child would
    # report its parent's (larger) peak.
    with open("/proc/self/status", encoding="ascii") as status:
        return int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))


def main() -> int:
    name, base_url, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    try:
        detail = asyncio.run(scenario(name, base_url, out))
        outcome = "ok"
    except AurionError as exc:
        outcome, detail = type(exc).__name__, str(exc)
    print(json.dumps({"outcome": outcome, "detail": detail, "peak_kib": peak_kib()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
