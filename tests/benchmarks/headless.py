"""Scenarios without a window: cold start (child processes) and export speed and memory."""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from app.client import AurionClient
from app.demo.config import DemoConfig
from app.demo.process import DemoProcess
from app.export.formats import parse_formats
from app.export.job import ExportJob, ExportOptions, Selection
from app.session import lease_client

EXPORT_FORMATS = "txt,json,srt"
CONCURRENCY = 8
GATHER = False


def startup(server: DemoProcess, runs: int = 5) -> dict[str, Any]:
    """Process start -> first paint, for a bare QMainWindow and for the app's first 100 calls."""

    def once(mode: str) -> float:
        env = {**os.environ, "AURION_BENCH_KEY": server.api_key}
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.benchmarks.startup_child", mode, server.base_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - started
        proc.wait(timeout=30)
        if line.strip() != b"painted":
            raise RuntimeError(f"the {mode} start-up child did not paint")
        return elapsed

    once("bare"), once("app")  # warm the file cache: every later start is a like-for-like one
    bare = [once("bare") for _ in range(runs)]
    app = [once("app") for _ in range(runs)]
    return {
        "startup_extra_s": statistics.median(app) - statistics.median(bare),
        "startup_bare_s": statistics.median(bare),
        "startup_app_s": statistics.median(app),
    }


async def _raw_fetch(server: DemoProcess, calls: int) -> float:
    """The same URLs the export fetches (pages, details, transcripts), bodies read, no work."""
    headers = {"X-API-Key": server.api_key}
    # the same concurrency as the export: CONCURRENCY connections, CONCURRENCY calls in flight
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=server.base_url, headers=headers, limits=limits) as http:
        started = time.perf_counter()
        queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=CONCURRENCY * 2)

        async def worker() -> None:
            while (call_id := await queue.get()) is not None:
                if GATHER:
                    await asyncio.gather(
                        http.get(f"/calls/{call_id}"), http.get(f"/calls/{call_id}/transcript")
                    )
                else:
                    await http.get(f"/calls/{call_id}")
                    await http.get(f"/calls/{call_id}/transcript")

        workers = [asyncio.create_task(worker()) for _ in range(CONCURRENCY)]
        for offset in range(0, calls, 100):
            params = {"limit": 100, "offset": offset, "sort_by": "started_at", "sort_order": "asc"}
            page = (await http.get("/calls", params=params)).json()
            for call in page["data"]:
                await queue.put(call["id"])
        for _ in workers:
            await queue.put(None)
        await asyncio.gather(*workers)
        return time.perf_counter() - started


async def _export(server: DemoProcess, out: Path) -> float:
    options = ExportOptions(
        formats=tuple(parse_formats(EXPORT_FORMATS)), out=out, concurrency=CONCURRENCY
    )
    client = AurionClient(server.base_url, server.api_key, max_connections=CONCURRENCY)
    started = time.perf_counter()
    report = await ExportJob(lease_client(client), options, Selection(all_calls=True)).run()
    elapsed = time.perf_counter() - started
    if not report.ok:
        raise RuntimeError(f"export failures: {report.failures[:3]}")
    return elapsed


def export_throughput(server: DemoProcess, calls: int = 1000, rounds: int = 3) -> dict[str, Any]:
    """Export vs raw fetch, interleaved so both see the same machine state; best of rounds."""
    raw_times, export_times = [], []
    for _ in range(rounds):
        raw_times.append(asyncio.run(_raw_fetch(server, calls)))
        out = Path(tempfile.mkdtemp(prefix="aurion-bench-export-"))
        try:
            export_times.append(asyncio.run(_export(server, out)))
        finally:
            shutil.rmtree(out, ignore_errors=True)
    raw, export = min(raw_times), min(export_times)
    return {
        "export_ratio": raw / export,
        "export_calls_per_s": calls / export,
        "raw_fetch_calls_per_s": calls / raw,
        "export_s": export,
        "raw_fetch_s": raw,
    }


def _export_rss_kib(server: DemoProcess) -> int:
    out = tempfile.mkdtemp(prefix="aurion-bench-mem-")
    try:
        args = ["--base-url", server.base_url, "--all", "--format", "txt,json,srt", "--out", out]
        result = subprocess.run(
            [sys.executable, "-m", "tests.benchmarks.export_child", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "AURION_API_KEY": server.api_key},
            timeout=600,
            check=True,
        )
    finally:
        shutil.rmtree(out, ignore_errors=True)
    line = next(x for x in result.stdout.splitlines() if x.startswith("maxrss_kib"))
    return int(line.split()[1])


def export_memory() -> dict[str, Any]:
    """Peak RSS of a headless --all export of 1,000 calls and of 5,000 calls."""
    figures: dict[str, Any] = {}
    for calls in (1000, 5000):
        with DemoProcess(DemoConfig(calls=calls)) as server:
            figures[f"export_peak_rss_{calls}_mib"] = _export_rss_kib(server) / 1024
    figures["export_memory_ratio"] = (
        figures["export_peak_rss_5000_mib"] / figures["export_peak_rss_1000_mib"]
    )
    return figures
