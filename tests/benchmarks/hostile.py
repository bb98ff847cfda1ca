"""Peak memory of a whole export against a hostile server: a 200 MB list page, a 300 MB
recording, a 1,000,000-segment transcript, and the longest transcript the client accepts.

Each export runs as ``aurion-review export`` in a child process (its own peak RSS); the server
is ``tests.hostile_server`` on a thread of this process, generating what it sends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from typing import Any

from app.client import BodyLimits
from tests.hostile_server import (
    HostileServer,
    answer,
    call_json,
    calls_list,
    huge_body,
    recording,
    transcript,
)

KEY = "ak_bench_hostile_0123456789"
ALL_FORMATS = "txt,json,csv,srt,vtt,pdf"


def _one_call(server: HostileServer, segments: int = 2) -> None:
    server.route("/api/v1/calls", calls_list(1))
    server.route("/api/v1/calls/call_000000", answer(call_json("call_000000")))
    server.route("/api/v1/calls/call_000000/transcript", transcript("call_000000", segments))


def _list_page(server: HostileServer) -> list[str]:
    server.route("/api/v1/calls", huge_body(200 * 1024 * 1024, framing="close"))
    return ["--all", "--format", "txt"]


def _recording(server: HostileServer) -> list[str]:
    _one_call(server)
    link = {"url": server.url("/media/long.ogg?sig=1"), "format": "ogg",
            "duration_seconds": 60, "expires_at": "2099-01-01T00:00:00Z"}  # fmt: skip
    server.route("/api/v1/calls/call_000000/recording", answer(link))
    server.route("/media/long.ogg", recording(300 * 1024 * 1024))
    return ["--all", "--format", "txt", "--with-recordings"]


def _million_segments(server: HostileServer) -> list[str]:
    _one_call(server, 1_000_000)
    return ["--all", "--format", ALL_FORMATS]


def _largest_accepted(server: HostileServer) -> list[str]:
    _one_call(server, BodyLimits().transcript_segments)
    return ["--all", "--format", ALL_FORMATS]


SCENARIOS: dict[str, Callable[[HostileServer], list[str]]] = {
    "hostile_list_200mb": _list_page,
    "hostile_recording_300mb": _recording,
    "hostile_transcript_1m_segments": _million_segments,
    "hostile_transcript_largest_accepted": _largest_accepted,
}


def _run(name: str, build: Callable[[HostileServer], list[str]]) -> tuple[float, int]:
    out = tempfile.mkdtemp(prefix=f"aurion-bench-{name}-")
    env = {**os.environ, "AURION_API_KEY": KEY, "QT_QPA_PLATFORM": "offscreen"}
    try:
        with HostileServer() as server:
            args = ["--base-url", server.base_url, *build(server), "--out", out]
            result = subprocess.run(
                [sys.executable, "-m", "tests.benchmarks.export_child", *args],
                capture_output=True, text=True, env=env, timeout=900,
            )  # fmt: skip
    finally:
        shutil.rmtree(out, ignore_errors=True)
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    if "maxrss_kib" not in lines:
        raise RuntimeError(f"{name}: no figure\n{result.stdout}\n{result.stderr}")
    return int(lines["maxrss_kib"]) / 1024, int(lines["exit"])


def hostile_memory() -> dict[str, Any]:
    """Peak RSS (MiB) of each export, and how it ended (exit status)."""
    figures: dict[str, Any] = {}
    for name, build in SCENARIOS.items():
        peak, code = _run(name, build)
        figures[f"{name}_rss_mib"] = peak
        figures[f"{name}_exit"] = code
    figures["hostile_peak_rss_mib"] = max(v for k, v in figures.items() if k.endswith("_mib"))
    return figures


if __name__ == "__main__":
    for key, value in hostile_memory().items():
        print(f"{key:45} {value:.1f}" if isinstance(value, float) else f"{key:45} {value}")
