"""The local library: first sync and resync against the demo tenant, and search, filter pages,
indexing speed, file size, memory and the window's memory on a generated library of 100,000
calls."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from app.client import AurionClient
from app.demo.process import DemoProcess
from app.library import repository as repo
from app.library.library import Library
from app.library.repository import SORT_FIELDS
from app.library.source import LibrarySource
from app.library.sync import LibrarySync, SyncOptions
from app.models import CallDetail, CallSummary, Transcript, format_timestamp
from app.session import lease_client
from app.source import CallFilters, CallQuery
from tests.benchmarks.library_data import generate

CONCURRENCY = 8

#: Word and phrase queries a reviewer types (common, rare, accents, phrases, prefixes).
SEARCHES = [
    "vpn", "password", "résiliation", "resiliation", "imprimante", "the", "de", "Teams",
    "badge", "zorglub7", "authentification", "écran", "mot passe", "vpn erreur",
    '"mot de passe"', '"reset password"', '"this morning"', '"ce matin"', '"est-ce que"',
    '"ne fonctionne plus"', "réinit*", "passw*", "password -reset", "licence OR logiciel",
]  # fmt: skip

_MONTH = datetime(2026, 6, 1, tzinfo=UTC)
#: Filters a reviewer combines (each also with every sort, both ways).
FILTERS: list[CallFilters] = [
    CallFilters(),
    CallFilters(channels=frozenset({"widget"})),
    CallFilters(statuses=frozenset({"escalated"})),
    CallFilters(languages=frozenset({"fr"})),
    CallFilters(sentiments=frozenset({"negative"})),
    CallFilters(since=_MONTH, until=_MONTH + timedelta(days=30)),
    CallFilters(min_duration=100, max_duration=200),
    CallFilters(escalated=True),
    CallFilters(authenticated=False),
    CallFilters(tool="reset_password"),
    CallFilters(has_ticket=True),
    CallFilters(
        channels=frozenset({"widget"}),
        escalated=True,
        languages=frozenset({"fr"}),
        since=_MONTH - timedelta(days=90),
    ),
    CallFilters(review_status=frozenset({"reviewed"})),
    CallFilters(review_status=frozenset({"unreviewed", "in_review"})),
]


# -- sync against the demo tenant ----------------------------------------------------------


async def _raw_fetch(server: DemoProcess, calls: int) -> float:
    """The URLs a first sync fetches (pages newest first, details, transcripts), bodies read,
    nothing done with them: the same concurrency as the sync."""
    headers = {"X-API-Key": server.api_key}
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=server.base_url, headers=headers, limits=limits) as http:
        started = time.perf_counter()
        queue: asyncio.Queue[str | None] = asyncio.Queue(maxsize=CONCURRENCY * 4)

        async def worker() -> None:
            while (call_id := await queue.get()) is not None:
                await http.get(f"/calls/{call_id}")
                await http.get(f"/calls/{call_id}/transcript")

        workers = [asyncio.create_task(worker()) for _ in range(CONCURRENCY)]
        for offset in range(0, calls, 100):
            params = {"limit": 100, "offset": offset, "sort_by": "started_at", "sort_order": "desc"}
            for call in (await http.get("/calls", params=params)).json()["data"]:
                await queue.put(call["id"])
        for _ in workers:
            await queue.put(None)
        await asyncio.gather(*workers)
        return time.perf_counter() - started


async def _sync(server: DemoProcess, library: Library) -> float:
    client = AurionClient(server.base_url, server.api_key, max_connections=CONCURRENCY)
    started = time.perf_counter()
    report = await LibrarySync(library, lease_client(client), SyncOptions(CONCURRENCY)).run()
    elapsed = time.perf_counter() - started
    if not report.ok:
        raise RuntimeError(f"sync problems: {report.failures[:3]} {report.error}")
    return elapsed


async def _first_and_resyncs(server: DemoProcess, path: Path) -> tuple[float, list[float]]:
    library = await Library.open(path)
    try:
        first = await _sync(server, library)
        again = [await _sync(server, library) for _ in range(5)]
    finally:
        await library.aclose()
    return first, again


def sync_throughput(server: DemoProcess, rounds: int = 3) -> dict[str, Any]:
    """First sync vs raw fetch, interleaved so both see the same machine; best of rounds."""
    calls = server.config.calls
    raw_times, sync_times, resync_times = [], [], []
    for _ in range(rounds):
        raw_times.append(asyncio.run(_raw_fetch(server, calls)))
        folder = Path(tempfile.mkdtemp(prefix="aurion-bench-library-"))
        try:
            first, again = asyncio.run(_first_and_resyncs(server, folder / "library.sqlite3"))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        sync_times.append(first)
        resync_times += again
    raw, sync = min(raw_times), min(sync_times)
    return {
        "library_sync_ratio": raw / sync,
        "library_sync_s": sync,
        "library_raw_fetch_s": raw,
        "library_sync_calls_per_s": calls / sync,
        "library_resync_s": statistics.median(resync_times),
        "library_resync_max_s": max(resync_times),
    }


# -- a generated library of 100,000 calls --------------------------------------------------


def _timed(fn: Callable[[], Any], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def search_and_pages(path: Path, runs: int = 5) -> dict[str, Any]:
    """Search (first 100 hits, with snippets) and one page under every filter and sort, as
    the window asks them: through LibrarySource and its reader thread."""
    loop = asyncio.new_event_loop()
    source = loop.run_until_complete(LibrarySource.open(path))
    try:
        run = loop.run_until_complete
        search_ms: list[float] = []
        per_query: dict[str, float] = {}
        for text in SEARCHES:
            run(source.search(text, limit=100))  # the first run reads pages from disk
            times = _timed(lambda t=text: run(source.search(t, limit=100)), runs)
            search_ms += times
            per_query[text] = statistics.median(times)
        filtered_ms = []
        for filters in FILTERS[1:]:
            filtered_ms += _timed(lambda f=filters: run(source.search("password", f, limit=100)), 3)
        page_ms: list[float] = []
        worst = ("", 0.0)
        for filters in FILTERS:
            for sort_by in SORT_FIELDS:
                for order in ("asc", "desc"):
                    for offset in (0, 1000):
                        query = CallQuery(100, offset, sort_by, order, filters)
                        run(source.list_calls(query))
                        ms = min(_timed(lambda q=query: run(source.list_calls(q)), 3))
                        page_ms.append(ms)
                        if ms > worst[1]:
                            worst = (f"{sort_by} {order} offset {offset} {filters}", ms)
        text_pages = _timed(
            lambda: run(source.list_calls(CallQuery(100, 0, "duration_seconds", text="zorglub7"))),
            3,
        )
        common_text_pages = _timed(
            lambda: run(source.list_calls(CallQuery(100, 0, "started_at", text="password"))), 3
        )
    finally:
        loop.run_until_complete(source.aclose())
        loop.close()
    slowest = max(per_query, key=per_query.__getitem__)
    return {
        "search_p95_ms": p95(search_ms),
        "search_median_ms": statistics.median(search_ms),
        "search_slowest_query": f"{slowest} ({per_query[slowest]:.1f} ms)",
        "search_filtered_p95_ms": p95(filtered_ms),
        "filter_page_ms": max(page_ms),
        "filter_page_p95_ms": p95(page_ms),
        "filter_page_slowest": f"{worst[0]} ({worst[1]:.1f} ms)",
        "filter_pages_measured": len(page_ms),
        "search_calls_page_rare_ms": min(text_pages),
        "search_calls_page_common_ms": min(common_text_pages),
    }


def index_rate(calls: int = 2000, per_call: int = 30) -> dict[str, Any]:
    """Segments stored and indexed per second through the sync's own path (store_fetched,
    in its batches of 64 calls), from parsed details and transcripts."""
    import random

    from tests.benchmarks.library_data import _sentences

    rng = random.Random(3)
    pool = _sentences(rng, 20_000)
    start = datetime(2026, 3, 1, tzinfo=UTC)
    items = []
    for i in range(calls):
        started = start + timedelta(minutes=7 * i)
        detail = {
            "id": f"call_{i:08d}", "caller_id": "+33612345678", "channel": "phone",
            "status": "completed", "duration_seconds": per_call * 6, "language": "fr-FR",
            "started_at": format_timestamp(started), "ended_at": None, "requester_id": 42,
            "tickets_created": [], "authenticated": True, "requester_name": "Jean Dupont",
            "escalated": False, "sentiment": "neutral", "tools_used": ["search_kb"],
        }  # fmt: skip
        segments = [
            {
                "speaker": "agent" if s % 2 else "caller",
                "text": pool[rng.randrange(len(pool))],
                "timestamp": format_timestamp(started + timedelta(seconds=6 * s)),
            }
            for s in range(per_call)
        ]
        transcript = Transcript.from_json({"call_id": detail["id"], "segments": segments})
        items.append(repo.Fetched(str(detail["id"]), CallDetail.from_json(detail), transcript))
    folder = Path(tempfile.mkdtemp(prefix="aurion-bench-index-"))
    try:
        conn = repo.connect(folder / "library.sqlite3")
        # Listed first, as a sync lists calls before it fetches them.
        summaries = [CallSummary.from_json(repo.summary_of_detail(i.detail.raw)) for i in items]  # type: ignore[union-attr]
        for first in range(0, len(items), 100):
            repo.record_listing(conn, summaries[first : first + 100], 1)
        started_at = time.perf_counter()
        for first in range(0, len(items), 64):
            repo.store_fetched(conn, items[first : first + 64], 1)
        elapsed = time.perf_counter() - started_at
        conn.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"index_segments_per_s": calls * per_call / elapsed}


def search_rss_mib(path: Path) -> float:
    """Peak RSS of a process that opens the library and runs the searches and pages."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.benchmarks.library_child", str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("maxrss_kib"))
    return int(line.split()[1]) / 1024


def _window_child(data: Path, server: DemoProcess, library: Path | None) -> dict[str, int]:
    command = [sys.executable, "-m", "tests.benchmarks.library_window_child", str(data)]
    command += [server.base_url] + ([str(library)] if library is not None else [])
    env = {**os.environ, "AURION_BENCH_KEY": server.api_key}
    if not env.get("DISPLAY") and not env.get("QT_QPA_PLATFORM"):
        # A real X server as `make bench` gives the window; offscreen only without Xvfb.
        if shutil.which("xvfb-run"):
            command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", *command]
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=True, env=env
    )
    return {k: int(v) for k, v in (line.split() for line in result.stdout.splitlines())}


def window_rss(path: Path, server: DemoProcess, runs: int = 3) -> dict[str, Any]:
    """The window's RSS with this library open (its first page shown, the filters open, a
    search run) over the same window with an empty library: each in a new process, alternated,
    the medians compared."""
    empty_kib, full_kib, empty_peak, full_peak = [], [], [], []
    for run in range(runs):
        for library, rss, peak in ((None, empty_kib, empty_peak), (path, full_kib, full_peak)):
            data = path.parent / f"window-data-{run}-{'full' if library else 'empty'}"
            try:
                figures = _window_child(data, server, library)
            finally:
                shutil.rmtree(data, ignore_errors=True)
            if library is not None and not (figures["rows"] and figures["hits"]):
                raise RuntimeError(f"the library window showed nothing: {figures}")
            rss.append(figures["rss_kib"])
            peak.append(figures["hwm_kib"])
    mb = 1024 / 1e6  # KiB to MB (10^6 bytes)
    return {
        "library_window_rss_mb": (statistics.median(full_kib) - statistics.median(empty_kib)) * mb,
        "library_window_peak_rss_mb": (statistics.median(full_peak) - statistics.median(empty_peak))
        * mb,
        "library_window_empty_rss_mb": statistics.median(empty_kib) * mb,
        "library_window_full_rss_mb": statistics.median(full_kib) * mb,
    }


def trigram_comparison(path: Path, sample: int = 300_000) -> dict[str, Any]:
    """Whether a trigram index would help substring search: its size against the word index
    on the same utterances, and what each answers. (This SQLite's trigram tokenizer cannot
    ignore accents; remove_diacritics came to it in 3.45.)"""
    folder = Path(tempfile.mkdtemp(prefix="aurion-bench-trigram-"))
    try:
        source = sqlite3.connect(path)
        texts = [r[0] for r in source.execute("SELECT text FROM segments LIMIT ?", (sample,))]
        source.close()
        sizes: dict[str, int] = {}
        timings: dict[str, float] = {}
        for name, tokenizer, query in (
            ("words", "unicode61 remove_diacritics 2", '"resil"*'),
            ("trigram", "trigram", '"silia"'),
        ):
            db = folder / f"{name}.sqlite3"
            conn = sqlite3.connect(db, isolation_level=None)
            conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(text, tokenize='{tokenizer}')")
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO t (text) VALUES (?)", ((t,) for t in texts))
            conn.execute("COMMIT")
            conn.execute("INSERT INTO t (t) VALUES ('optimize')")
            conn.execute("VACUUM")
            conn.close()
            sizes[name] = db.stat().st_size
            conn = sqlite3.connect(db)
            sql = "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid DESC LIMIT 100"
            timings[name] = statistics.median(
                _timed(lambda c=conn, q=query, s=sql: c.execute(s, (q,)).fetchall(), 5)
            )
            if name == "trigram":
                unaccented = conn.execute(
                    "SELECT count(*) FROM t WHERE t MATCH '\"resiliation\"'"
                ).fetchone()[0]
            conn.close()
        text_size = sum(len(t.encode()) for t in texts)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "trigram_index_vs_text": sizes["trigram"] / text_size,
        "word_index_vs_text": sizes["words"] / text_size,
        "trigram_substring_ms": timings["trigram"],
        "word_prefix_ms": timings["words"],
        "trigram_finds_unaccented": bool(unaccented),
    }


def large_library(server_factory: Callable[[], DemoProcess]) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="aurion-bench-large-"))
    path = folder / "library.sqlite3"
    try:
        made = generate(path)
        size = path.stat().st_size
        figures: dict[str, Any] = {
            "library_generated_calls": made.calls,
            "library_generated_segments": made.segments,
            "library_generate_s": made.seconds,
            "library_file_mib": size / 1024**2,
            "library_size_ratio": size / made.text_bytes,
            "library_size_vs_api_json": size / made.json_bytes,
        }
        figures.update(search_and_pages(path))
        figures["library_search_rss_mib"] = search_rss_mib(path)
        with server_factory() as server:
            figures.update(window_rss(path, server))
        figures.update(trigram_comparison(path))
        return figures
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def library(
    server_factory: Callable[[], DemoProcess], say: Callable[[str], None]
) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    say("library: first sync and resync of the demo tenant")
    with server_factory() as server:
        figures.update(sync_throughput(server))
    say("library: indexing speed")
    figures.update(index_rate())
    say("library: 100,000 calls / 3,000,000 utterances (generating)")
    figures.update(large_library(server_factory))
    return figures


if __name__ == "__main__":  # python -m tests.benchmarks.library: this section alone
    import json

    from app.demo.config import DemoConfig

    os.environ.setdefault("PYTHONHASHSEED", "0")
    result = library(
        lambda: DemoProcess(DemoConfig(calls=1200)), lambda t: print(t, file=sys.stderr)
    )
    print(json.dumps(result, indent=2))
