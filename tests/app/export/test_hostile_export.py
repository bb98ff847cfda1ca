"""Specification of an export against a hostile server: it ends, says what went wrong, keeps
only checked files, and never lets a field or a message reach the terminal raw."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

from app.client import AurionClient, RetryPolicy
from app.export.formats import parse_formats
from app.export.job import ExportJob, ExportOptions, Selection
from app.export.progress import ExportReport, summary_lines
from app.session import lease_client
from tests.hostile_server import (
    HostileServer,
    answer,
    call_json,
    calls_list,
    endless_list,
    error_json,
    html_page,
    recording,
    same_page_forever,
    trickle_body,
)

KEY = "ak_test_hostile_0123456789"
FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)


def export(
    server: HostileServer, out: Path, formats: str = "txt", deadline: float = 30, **options: object
) -> ExportReport:
    async def go() -> ExportReport:
        client = AurionClient(server.base_url, KEY, deadline=deadline, retry=FAST)
        job = ExportJob(
            lease_client(client),
            ExportOptions(tuple(parse_formats(formats)), out, concurrency=2, **options),  # type: ignore[arg-type]
            Selection(all_calls=True),
        )
        return await job.run()

    return asyncio.run(go())


def serve_call(server: HostileServer, call_id: str, index: int = 0) -> None:
    server.route(f"/api/v1/calls/{call_id}", answer(call_json(call_id, index)))
    server.route(
        f"/api/v1/calls/{call_id}/transcript", answer({"call_id": call_id, "segments": []})
    )


def test_the_same_page_forever_ends_the_walk_and_says_so(tmp_path: Path) -> None:
    with HostileServer() as server:
        server.route("/api/v1/calls", same_page_forever(total=10**9))
        for i in range(3):
            serve_call(server, f"call_same_{i}")
        started = time.monotonic()
        report = export(server, tmp_path)
        assert server.hits["/api/v1/calls"] == 2  # the second page brought no new id
    assert time.monotonic() - started < 10
    assert report.progress.done == 3 and not report.ok
    assert any("no call not seen before" in p for p in report.listing_problems)
    assert any(line.startswith("The call list was cut short") for line in
               summary_lines(report, tmp_path))  # fmt: skip


def test_a_total_that_grows_on_every_page_is_bounded(tmp_path: Path) -> None:
    with HostileServer() as server:
        server.route("/api/v1/calls", endless_list(start_total=150, growth=100))
        server.route("/api/v1/calls/*", answer(error_json("not_found", "gone")))
        report = export(server, tmp_path)
        pages = server.hits["/api/v1/calls"]
    assert not report.ok and report.listing_problems
    assert pages <= 13  # the first total (150) plus ten pages of margin, then it stops


def test_a_recording_that_is_an_html_page_is_not_saved(tmp_path: Path) -> None:
    with HostileServer() as server:
        server.route("/api/v1/calls", calls_list(2))
        for i in range(2):
            serve_call(server, f"call_{i:06d}", i)
        link = {"url": server.url("/media/rec.ogg?sig=secret"), "format": "ogg",
                "duration_seconds": 60, "expires_at": "2099-01-01T00:00:00Z"}  # fmt: skip
        server.route("/api/v1/calls/call_000000/recording", answer(link))
        server.route("/media/rec.ogg", html_page(content_type="audio/ogg"))
        server.route(
            "/api/v1/calls/call_000001/recording",
            answer({**link, "url": server.url("/media/good.ogg?sig=x")}),
        )
        server.route("/media/good.ogg", recording(5000))
        report = export(server, tmp_path, with_recordings=True)
    assert [cid for cid, _ in report.failures] == ["call_000000"]
    message = report.failures[0][1]
    assert "sig=secret" not in message and "/media/rec.ogg?…" in message
    assert sorted(p.name for p in tmp_path.glob("*.ogg")) == ["20260308-100100_call_000001.ogg"]
    assert (tmp_path / "20260308-100000_call_000000.txt").exists()  # its transcript still is
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_trickling_transcript_fails_its_call_within_the_deadline(tmp_path: Path) -> None:
    with HostileServer() as server:
        server.route("/api/v1/calls", calls_list(2))
        serve_call(server, "call_000001", 1)
        server.route("/api/v1/calls/call_000000", answer(call_json("call_000000")))
        slow = trickle_body({"call_id": "call_000000", "segments": []}, interval=0.2)
        server.route("/api/v1/calls/call_000000/transcript", slow)
        started = time.monotonic()
        report = export(server, tmp_path, deadline=1)
    assert time.monotonic() - started < 8
    assert [cid for cid, _ in report.failures] == ["call_000000"]
    assert "within 1 s" in report.failures[0][1]
    assert report.progress.done == 1


def test_escape_sequences_in_ids_and_messages_never_reach_the_terminal(tmp_path: Path) -> None:
    evil = "call_\x1b]0;pwned\x07\x1b[2J"
    with HostileServer() as server:
        server.route("/api/v1/calls", calls_list(1, ids=lambda i: evil))
        message = error_json("boom", "\x1b[31mred\x1b[0m and \x1b]8;;http://x\x07link")
        server.route("/api/v1/calls/*", answer(message, status=404))
        env = {**os.environ, "AURION_API_KEY": KEY}
        result = subprocess.run(
            [sys.executable, "-m", "app", "export", "--base-url", server.base_url, "--all",
             "--format", "txt", "--out", str(tmp_path)],
            env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stderr
    assert "\\x1b" in result.stderr  # shown, escaped
