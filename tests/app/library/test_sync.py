"""Sync, as a reviewer relies on it: first, incremental, interrupted and resumed, active calls
ending, retention, and what a hostile or odd server sends."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from app.client import RetryPolicy
from app.demo.config import DemoConfig
from app.demo.faults import FaultInjector, Faults
from app.demo.server import DemoServer
from app.demo.tenant import DemoCall
from app.errors import LibraryError
from app.library import repository as repo
from app.library.library import Library
from app.library.source import LibrarySource
from app.library.sync import LibrarySync, SyncOptions, SyncProgress
from app.session import lease_client
from tests.app.library.conftest import client_for, run, sync_once, with_library
from tests.scripted_server import ScriptedServer, call


def detail_requests(server: DemoServer) -> list[str]:
    """Ids whose detail was asked for, in order."""
    prefix = "/api/v1/calls/"
    return [
        path.removeprefix(prefix)
        for method, path, _ in server.api.request_log
        if path.startswith(prefix) and "/" not in path.removeprefix(prefix)
    ]


def list_requests(server: DemoServer) -> int:
    return sum(1 for _, path, _ in server.api.request_log if path == "/api/v1/calls")


def states(path: Path) -> dict[str, repo.CallState]:
    async def go(library: Library) -> dict[str, repo.CallState]:
        ids = await library.reader.run(_all_ids)
        out = {}
        for call_id in ids:
            state = await library.reader.run(repo.call_state, call_id)
            assert state is not None
            out[call_id] = state
        return out

    return dict(run(with_library(path, go)))


def _all_ids(conn: Any) -> list[str]:
    page, _ = repo.page_calls(conn, repo.Filters(), None, "started_at", True, 100_000, 0)
    return [str(orjson.loads(r.summary or r.detail)["id"]) for r in page]


def newer_copy(server: DemoServer, source: DemoCall, call_id: str, minutes: int) -> DemoCall:
    """A new call like ``source``, started ``minutes`` after the tenant's newest."""
    newest = max(c.started_at for c in server.api.tenant.calls)
    started = newest + timedelta(minutes=minutes)
    duration = source.duration_seconds or 30
    return dataclasses.replace(
        source,
        id=call_id,
        status="completed",
        started_at=started,
        ended_at=started + timedelta(seconds=duration),
        duration_seconds=duration,
        heard_seconds=source.conversation.duration_seconds if source.conversation else 0,
    )


@pytest.fixture
def server() -> Any:
    with DemoServer(DemoConfig(calls=300)) as s:
        yield s


# -- first sync ------------------------------------------------------------------------------


def test_first_sync_holds_every_call_as_the_api_gives_it(
    tenant_server: DemoServer, synced_file: Path
) -> None:
    tenant = tenant_server.api.tenant

    async def go(library: Library) -> None:
        source = LibrarySource(library)
        for demo in tenant.calls:
            detail = await source.get_call(demo.id)
            transcript = await source.get_transcript(demo.id)
            assert dict(detail.raw) == demo.detail_json()
            assert dict(transcript.raw) == demo.transcript_json()
        stats = await library.stats()
        assert stats.calls == len(tenant.calls) == stats.with_transcript
        assert stats.to_fetch == 0
        meta = await library.meta()
        assert meta["walk_complete"] == "1" and meta["account"] == tenant_server.base_url

    run(with_library(synced_file, go))


def test_sqlite_work_never_runs_on_the_event_loop_thread(
    server: DemoServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: set[str] = set()
    for name in ("record_listing", "store_fetched", "stale_ids", "finish_sync"):
        real = getattr(repo, name)

        def spy(*args: Any, _real: Any = real, **kw: Any) -> Any:
            threads.add(threading.current_thread().name)
            return _real(*args, **kw)

        monkeypatch.setattr(repo, name, spy)

    loop_thread = threading.current_thread().name
    report = run(with_library(tmp_path / "l.sqlite3", lambda lib: sync_once(lib, server)))
    assert report.ok
    assert threads and loop_thread not in threads
    assert all(t.startswith("library") for t in threads)


def test_listeners_hear_of_every_call_stored(server: DemoServer, tmp_path: Path) -> None:
    heard: list[frozenset[str]] = []

    async def go(library: Library) -> None:
        library.subscribe(heard.append)
        unsubscribe = library.subscribe(lambda ids: heard.append(frozenset({"never"})))
        unsubscribe()
        await sync_once(library, server)

    run(with_library(tmp_path / "l.sqlite3", go))
    assert set().union(*heard) == {c.id for c in server.api.tenant.calls}


def test_progress_counts_up_to_the_whole_tenant(server: DemoServer, tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []

    def progress(p: SyncProgress) -> None:
        seen.append((p.phase, p.finished, p.expected))

    report = run(
        with_library(tmp_path / "l.sqlite3", lambda lib: sync_once(lib, server, None, progress))
    )
    assert report.progress.fetched == 300 and report.progress.new == 300
    assert seen[-1] == ("done", 300, 300)
    # During the walk the expected count is the announced total, not the calls listed so far.
    assert all(expected >= 300 for phase, _, expected in seen if phase == "listing")


# -- incremental -----------------------------------------------------------------------------


def test_incremental_sync_fetches_only_new_changed_and_active_calls(
    server: DemoServer, tmp_path: Path
) -> None:
    path = tmp_path / "l.sqlite3"
    tenant = server.api.tenant
    assert run(with_library(path, lambda lib: sync_once(lib, server))).ok
    active = {c.id for c in tenant.calls if c.status == "active"}
    assert active

    # Nothing new: two list pages (the newest holds the active calls), the active calls again.
    server.api.request_log.clear()
    report = run(with_library(path, lambda lib: sync_once(lib, server)))
    assert report.ok and report.walk_complete and not report.walk_reached_end
    assert list_requests(server) == 2
    assert set(detail_requests(server)) == active
    assert (report.progress.new, report.progress.changed) == (0, 0)

    # Two new calls, one changed (escalated later, a ticket added).
    completed = [c for c in tenant.calls if c.status == "completed"]
    for n, minutes in ((1, 1), (2, 2)):
        tenant.add(newer_copy(server, completed[0], f"call_new{n}", minutes))
    changed = completed[-5]
    changed.status = "escalated"
    changed.tickets_created = [*changed.tickets_created, 99999]
    server.api.request_log.clear()
    report = run(with_library(path, lambda lib: sync_once(lib, server)))
    assert report.ok
    assert (report.progress.new, report.progress.changed) == (2, 1)
    assert set(detail_requests(server)) == active | {"call_new1", "call_new2", changed.id}

    async def check(library: Library) -> None:
        source = LibrarySource(library)
        assert dict((await source.get_call(changed.id)).raw) == changed.detail_json()
        assert (
            dict((await source.get_call("call_new2")).raw)
            == tenant.by_id["call_new2"].detail_json()
        )

    run(with_library(path, check))


def test_active_call_that_ends_is_stored_whole(server: DemoServer, tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    tenant = server.api.tenant
    demo = next(c for c in tenant.calls if c.status == "active")
    assert demo.conversation is not None
    demo.heard_seconds = 20.0  # 20 s into the conversation: part of its transcript so far
    assert run(with_library(path, lambda lib: sync_once(lib, server))).ok

    async def stored(library: Library) -> tuple[str, int]:
        source = LibrarySource(library)
        detail = await source.get_call(demo.id)
        return detail.status, len((await source.get_transcript(demo.id)).segments)

    status, partial = run(with_library(path, stored))
    assert status == "active" and partial < len(demo.conversation.segments)

    # The call ends: completed, with its whole conversation heard.
    duration = round(demo.conversation.duration_seconds)
    demo.status = "completed"
    demo.duration_seconds = duration
    demo.ended_at = demo.started_at + timedelta(seconds=duration)
    demo.heard_seconds = demo.conversation.duration_seconds
    report = run(with_library(path, lambda lib: sync_once(lib, server)))
    assert report.ok and report.progress.changed == 1
    assert run(with_library(path, stored)) == ("completed", len(demo.conversation.segments))
    assert not states(path)[demo.id].stale

    # Ended, it is no longer fetched again.
    server.api.request_log.clear()
    run(with_library(path, lambda lib: sync_once(lib, server)))
    assert demo.id not in detail_requests(server)


# -- interrupted -----------------------------------------------------------------------------


def test_interrupted_sync_carries_on_without_fetching_again(
    server: DemoServer, tmp_path: Path
) -> None:
    path = tmp_path / "l.sqlite3"
    tenant = server.api.tenant

    async def interrupted(library: Library) -> str:
        sync: LibrarySync

        def progress(p: SyncProgress) -> None:
            if p.fetched >= 60:
                sync.cancel()

        sync = LibrarySync(
            library, lease_client(client_for(server)), SyncOptions(concurrency=4), progress
        )
        task = sync.start()
        with pytest.raises(asyncio.CancelledError):
            await task
        return sync.report.outcome

    assert run(with_library(path, interrupted)) == "interrupted"
    before = states(path)
    stored = {i for i, s in before.items() if s.has_detail and not s.stale}
    assert 60 <= len(stored) < len(tenant.calls)
    meta = run(with_library(path, lambda lib: lib.meta()))
    assert meta["last_sync_outcome"] == "interrupted" and "walk_complete" not in meta

    server.api.request_log.clear()
    report = run(with_library(path, lambda lib: sync_once(lib, server)))
    assert report.ok and report.walk_reached_end
    refetched = set(detail_requests(server)) & stored
    assert refetched <= {c.id for c in tenant.calls if c.status == "active"}
    after = states(path)
    assert set(after) == {c.id for c in tenant.calls}
    assert not any(s.stale for s in after.values())


def test_sync_stops_when_the_api_stops_answering(server: DemoServer, tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    plain = server.api._inner
    # The list answers; every call's detail and transcript are cut off.
    server.api._inner = FaultInjector(Faults.parse("drop_rate=1")).wrap(plain, "/api/v1/calls/")

    async def go(library: Library) -> Any:
        client = client_for(server, retry=RetryPolicy(attempts=2, base_delay=0.01))
        sync = LibrarySync(library, lease_client(client), SyncOptions(concurrency=2))
        return await asyncio.wait_for(sync.run(), 60)

    try:
        report = run(with_library(path, go))
    finally:
        server.api._inner = plain
    assert report.outcome == "incomplete" and not report.ok
    assert report.error is not None and "could not be reached for 10 calls in a row" in report.error
    listed = states(path)
    assert listed and all(s.stale and not s.has_detail for s in listed.values())
    # The next sync finishes the job.
    report = run(with_library(path, lambda lib: sync_once(lib, server)))
    assert report.ok and len(states(path)) == 300
    assert not any(s.stale for s in states(path).values())


def test_a_library_belongs_to_one_account(server: DemoServer, tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    assert run(with_library(path, lambda lib: sync_once(lib, server))).ok
    with (
        DemoServer(DemoConfig(calls=5)) as other,
        pytest.raises(LibraryError, match="holds the calls of"),
    ):
        run(with_library(path, lambda lib: sync_once(lib, other)))


# -- retention and odd servers -----------------------------------------------------------------


def scripted_calls(count: int) -> list[Any]:
    return [
        call(f"call_{i:03d}", f"2026-03-{1 + i // 24:02d}T{i % 24:02d}:00:00Z")
        for i in range(count)
    ]


def test_calls_the_api_stops_listing_stay_in_the_library(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    with ScriptedServer(scripted_calls(30), sort=True) as server:
        assert run(with_library(path, lambda lib: sync_once(lib, server))).ok
        first = states(path)
        server.remove("call_000")
        server.remove("call_001")

        report = run(with_library(path, lambda lib: sync_once(lib, server)))
        assert report.ok and report.missing == 0  # an incremental walk does not reach them
        report = run(with_library(path, lambda lib: sync_once(lib, server, SyncOptions(full=True))))
        assert report.ok and report.walk_reached_end and report.missing == 2

    after = states(path)
    assert set(after) == set(first)
    for gone in ("call_000", "call_001"):
        assert after[gone].missing_since is not None
        assert after[gone].last_seen_at == first[gone].last_seen_at
    assert after["call_002"].missing_since is None
    assert after["call_002"].last_seen_at > first["call_002"].last_seen_at

    async def offline(library: Library) -> None:
        source = LibrarySource(library)  # no server at all now
        transcript = await source.get_transcript("call_000")
        assert [s.text for s in transcript.segments] == [
            "Bonjour, Aurion support.",
            "Mon VPN ne marche pas.",
        ]
        result = await source.search("vpn", limit=100)
        assert {h.call_id for h in result.hits} == {f"call_{i:03d}" for i in range(30)}

    run(with_library(path, offline))


def test_a_call_the_api_no_longer_has_is_kept_and_not_asked_again(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    calls = scripted_calls(3)
    calls[2].detail["status"] = "active"
    with ScriptedServer(calls, sort=True) as server:
        assert run(with_library(path, lambda lib: sync_once(lib, server))).ok
        server.remove("call_002")  # gone while active: fetched again, answered 404
        report = run(with_library(path, lambda lib: sync_once(lib, server)))
        assert [cid for cid, _ in report.failures] == ["call_002"]
        state = states(path)["call_002"]
        assert state.missing_since is not None and not state.stale
        assert state.problem is not None and "no longer has this call" in state.problem
        server.requests.clear()
        run(with_library(path, lambda lib: sync_once(lib, server)))
        assert "/api/v1/calls/call_002" in server.requests  # still active: asked once more


def test_odd_calls_are_stored_exactly(tmp_path: Path) -> None:
    """What the export tests call odd: leap seconds, offsets, year 1 and 9999, many calls in
    one millisecond, unknown fields, numbers beyond 64 bits, ids with '/' and newlines."""
    path = tmp_path / "l.sqlite3"
    same_ms = [call(f"call_same_{i:02d}", "2026-03-08T10:30:00.123Z") for i in range(40)]
    leap = call("call_leap", "2026-12-31T23:59:60Z")
    leap.segments = [
        {"speaker": "agent", "text": "Bonne année", "timestamp": "2026-12-31T23:59:60Z"},
        {"speaker": "caller", "text": "Merci", "timestamp": "2027-01-01T01:00:05+01:00"},
        {"text": "ordre", "speaker": "agent", "timestamp": "2027-01-01T00:00:06.000Z"},
        {
            "speaker": "agent",
            "text": "extra",
            "timestamp": "2027-01-01T00:00:07Z",
            "confidence": 0.9,
        },
        {"speaker": "agent", "text": "µs", "timestamp": "2027-01-01T00:00:08.123456Z"},
    ]
    ancient = call("call_year1", "0001-01-01T00:00:00Z", ended_at=None, duration_seconds=None)
    future = call("call_year9999", "9999-12-31T23:59:59Z", requester_id=18446744073709551615)
    weird = call("a/b\nc", "2026-03-09T08:00:00Z", metadata={"queue": "vip", "n": [1, 2]})
    calls = [*same_ms, leap, ancient, future, weird]
    with ScriptedServer(calls, sort=True) as server:
        report = run(with_library(path, lambda lib: sync_once(lib, server)))
    assert report.ok, report.failures

    async def check(library: Library) -> None:
        source = LibrarySource(library)
        for scripted in calls:
            detail = await source.get_call(scripted.id)
            transcript = await source.get_transcript(scripted.id)
            assert dict(detail.raw) == scripted.detail
            assert dict(transcript.raw) == {"call_id": scripted.id, "segments": scripted.segments}
        page = await source.list_calls(repo_query(limit=100))
        started = [c.started_at for c in page.data]
        assert started == sorted(started, reverse=True) and page.total == len(calls)
        hits = (await source.search("année OR extra OR ordre", limit=10)).hits
        assert [(h.call_id, h.seq) for h in hits] == [
            ("call_leap", 0),
            ("call_leap", 2),
            ("call_leap", 3),
        ]

    run(with_library(path, check))
    keys = {cid: s.key for cid, s in states(path).items()}
    placed = [cid for cid, key in keys.items() if repo.is_placed(key)]
    assert len([c for c in placed if c.startswith("call_same")]) == repo.SLOTS
    assert "call_year1" not in placed and "call_year9999" not in placed


def repo_query(**kw: Any) -> Any:
    from app.source import CallQuery

    return CallQuery(**kw)


def test_a_transcript_that_cannot_be_stored_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    bad = call("call_bad", "2026-03-08T11:00:00Z")
    bad.segments = [{"speaker": "agent", "text": "x" * 10, "timestamp": "2026-03-08T11:00:00Z"}]
    with ScriptedServer([call("call_ok"), bad], sort=True) as server:

        async def go(library: Library) -> Any:
            real = repo._segment_rows

            def refuse(key: int, transcript: Any, *a: Any) -> Any:
                if transcript.call_id == "call_bad":
                    raise orjson.JSONEncodeError("str is not valid UTF-8: surrogates not allowed")
                return real(key, transcript, *a)

            repo._segment_rows = refuse  # type: ignore[assignment]
            try:
                return await sync_once(library, server)
            finally:
                repo._segment_rows = real  # type: ignore[assignment]

        report = run(with_library(path, go))
    assert [cid for cid, _ in report.failures] == ["call_bad"]
    after = states(path)
    assert after["call_ok"].segment_count == 2
    assert after["call_bad"].has_detail and after["call_bad"].segment_count is None
    assert not after["call_bad"].stale  # it would fail the same way again
