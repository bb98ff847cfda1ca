"""Specification of the demo server's live mode: calls start every few seconds, their
transcripts grow, they end with a recording, and a seed always gives the same calls."""

from __future__ import annotations

import io
import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
import soundfile

from app.cli import main
from app.demo.config import DemoConfig
from app.demo.live import (
    COMPLETED,
    ESCALATED,
    MAX_STEPS_PER_ADVANCE,
    STARTED,
    LiveEvent,
    LiveOptions,
    LiveTenant,
    live_call_id,
)
from app.demo.process import DemoProcess
from app.demo.server import DemoServer
from app.demo.tenant import ANCHOR, Tenant
from app.models import parse_timestamp


class FakeClock:
    """A wall clock a test moves by hand."""

    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def live(calls: int = 30, seed: int = 7, **options: float | None) -> LiveTenant:
    return LiveTenant(Tenant(calls, seed), LiveOptions(**options), started=0.0)  # type: ignore[arg-type]


def played_seconds(audio: bytes) -> float:
    data, rate = soundfile.read(io.BytesIO(audio))
    return len(data) / rate


def test_a_call_starts_each_interval_at_the_tenants_now_and_grows_until_it_ends() -> None:
    moving = live(interval=5.0)
    first_events = moving.advance(0.0)  # the tenant's own active call ends: it is not new
    assert all(e.type != STARTED for e in first_events)
    assert moving.advance(4.99) == []

    (started,) = moving.advance(5.0)
    call = moving.tenant.by_id[started.call_id]
    assert started.type == STARTED and started.call_id == live_call_id(7, 0)
    assert call.started_at == ANCHOR + timedelta(seconds=5) == started.at
    assert started.detail["status"] == "active" and started.detail["duration_seconds"] is None
    assert call.recording is None  # not before it ends
    assert call.transcript_json()["segments"] == []

    moving.advance(5.0 + 12)
    heard = call.transcript_json()["segments"]
    assert heard and all(
        parse_timestamp(s["timestamp"]) < call.started_at + timedelta(seconds=12) for s in heard
    )
    assert call.conversation is not None
    assert len(heard) < len(call.conversation.segments)

    end_at = 5.0 + call.conversation.duration_seconds + 1
    ended = [e for e in moving.advance(end_at) if e.call_id == call.id]
    assert [e.type for e in ended] in ([COMPLETED], [ESCALATED])
    assert call.status in {"completed", "escalated", "abandoned"}  # not failed, for seed 7
    assert call.duration_seconds == round(call.conversation.duration_seconds)
    assert call.ended_at == call.started_at + timedelta(seconds=call.duration_seconds)
    assert call.recording == call.conversation.audio
    assert len(call.transcript_json()["segments"]) == len(call.conversation.segments)
    assert ended[0].detail == call.detail_json()


def test_a_seed_gives_the_same_calls_whatever_the_steps() -> None:
    def calls_of(moving: LiveTenant, steps: list[float]) -> list[dict[str, object]]:
        events: list[LiveEvent] = []
        for clock in steps:
            events += moving.advance(clock)
        return [e.detail | {"event": e.type} for e in events]

    in_small_steps = calls_of(live(interval=2.0, duration=5.0), [i * 0.7 for i in range(200)])
    at_once = calls_of(live(interval=2.0, duration=5.0), [139.3])
    assert in_small_steps == at_once and len(at_once) > 100
    other_seed = calls_of(live(seed=8, interval=2.0, duration=5.0), [139.3])
    assert {c["id"] for c in other_seed}.isdisjoint(c["id"] for c in at_once)


def test_a_call_cut_short_plays_what_its_duration_and_transcript_say() -> None:
    moving = live(interval=1.0, duration=3.0)
    moving.advance(200.0)
    ended = [c for c in moving.tenant.calls if c.id.startswith("call_") and c.audio is not None]
    assert ended, "calls cut short keep a recording of their own"
    for call in ended:
        assert call.duration_seconds is not None and call.conversation is not None
        seconds = played_seconds(call.audio or b"")
        assert seconds <= 3.0 and abs(seconds - call.duration_seconds) <= 1.0
        assert seconds >= 0.9 * call.duration_seconds - 0.5  # what an export checks, roughly
        for segment in call.transcript_json()["segments"]:
            offset = parse_timestamp(segment["timestamp"]) - call.started_at
            assert offset.total_seconds() < seconds


def test_calls_end_as_completed_escalated_abandoned_or_failed_with_their_event() -> None:
    moving = live(interval=1.0, duration=2.0)
    events = moving.advance(400.0)
    started = {e.call_id for e in events if e.type == STARTED}
    ends = [e for e in events if e.type != STARTED]
    assert len(started) >= 390
    by_status = Counter(e.detail["status"] for e in ends)
    assert set(by_status) == {"completed", "escalated", "abandoned", "failed"}
    for event in ends:
        status = event.detail["status"]
        assert event.type == (ESCALATED if status == "escalated" else COMPLETED)
        call = moving.tenant.by_id[event.call_id]
        assert (call.recording is None) == (status == "failed")
    seen: set[str] = set()
    for event in events:  # every end follows its start
        if event.type == STARTED:
            seen.add(event.call_id)
        else:
            assert event.call_id in seen or event.detail["started_at"] < "2026-11-20T17:30:00Z"
    tickets = [t for c in moving.tenant.calls for t in c.tickets_created]
    assert len(tickets) == len(set(tickets)), "ticket numbers are never reused"


def test_calls_active_when_the_server_starts_end_too() -> None:
    tenant = Tenant(600, 7)
    active = [c.id for c in tenant.calls if c.status == "active"]
    assert len(active) == 2
    moving = LiveTenant(tenant, LiveOptions(interval=1000.0), started=0.0)
    ended = moving.advance(120.0)
    assert sorted(e.call_id for e in ended) == sorted(active)
    assert all(tenant.by_id[i].status == "completed" for i in active)


def test_live_mode_is_bounded() -> None:
    moving = live(interval=1.0, duration=1.0, max_calls=3)
    moving.advance(1_000.0)
    assert moving.started_calls == 3 and moving.seconds_to_next(1_000.0) is None

    woken = live(interval=0.01)  # a laptop that slept: 100,000 calls due at once
    assert len(woken.advance(1_000.0)) == MAX_STEPS_PER_ADVANCE
    assert len(woken.advance(1_000.0)) == MAX_STEPS_PER_ADVANCE  # caught up step by step


@pytest.mark.parametrize(
    "options",
    [
        {"interval": 0.0},
        {"interval": float("nan")},
        {"interval": 1.0, "duration": -1.0},
        {"interval": 1.0, "max_calls": -1},
    ],
)
def test_nonsense_options_are_refused(options: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        LiveOptions(**options)  # type: ignore[arg-type]


# -- over HTTP ------------------------------------------------------------------------------


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def live_server(clock: FakeClock) -> Iterator[DemoServer]:
    config = DemoConfig(calls=20, clock=clock, live=LiveOptions(interval=10.0, duration=4.0))
    with DemoServer(config) as server:
        yield server


def test_the_api_shows_live_calls_as_they_start_and_end(
    live_server: DemoServer, clock: FakeClock
) -> None:
    api = httpx.Client(base_url=live_server.base_url, headers={"X-API-Key": live_server.api_key})
    newest = api.get("/calls", params={"limit": 1}).json()
    assert newest["total"] == 20

    clock.now += 10.0
    body = api.get("/calls", params={"limit": 1}).json()
    (call,) = body["data"]
    assert body["total"] == 21 and call["id"] == live_call_id(7, 0)
    assert call["status"] == "active" and call["started_at"] == "2026-11-20T17:30:10Z"
    by_duration = api.get("/calls", params={"limit": 100, "sort_by": "duration_seconds"})
    assert by_duration.json()["data"][-1]["id"] == call["id"]  # in progress: last
    recording = api.get(f"/calls/{call['id']}/recording")
    assert recording.status_code == 404
    assert recording.json()["error"]["code"] == "recording_not_found"

    clock.now += 5.0
    detail = api.get(f"/calls/{call['id']}").json()
    assert detail["status"] != "active" and detail["ended_at"] is not None
    transcript = api.get(f"/calls/{call['id']}/transcript").json()
    assert transcript["call_id"] == call["id"]
    link = api.get(f"/calls/{call['id']}/recording")
    if detail["status"] == "failed":
        assert link.status_code == 404
    else:
        audio = httpx.get(link.json()["url"]).content
        assert audio == live_server.api.tenant.by_id[call["id"]].recording
        assert abs(played_seconds(audio) - link.json()["duration_seconds"]) <= 1.0
    api.close()


def test_without_live_mode_the_tenant_never_changes(clock: FakeClock) -> None:
    with DemoServer(DemoConfig(calls=20, clock=clock)) as server:
        api = httpx.Client(base_url=server.base_url, headers={"X-API-Key": server.api_key})
        before = api.get("/calls", params={"limit": 100}).content
        clock.now += 3600
        assert api.get("/calls", params={"limit": 100}).content == before
        assert server.api.live is None and not server.api.events
        assert httpx.get(f"{server.origin}/__demo__/live").status_code == 404  # no control
        api.close()


def test_the_child_process_runs_live_mode_from_its_config() -> None:
    config = DemoConfig(calls=10, live=LiveOptions(interval=0.2, duration=0.5))
    first = live_call_id(7, 0)
    with DemoProcess(config) as server:
        state = server.live_state()
        assert state is not None and state["interval"] == 0.2
        api = httpx.Client(base_url=server.base_url, headers={"X-API-Key": server.api_key})
        deadline = time.monotonic() + 10
        statuses: dict[str, str] = {}
        while statuses.get(first) in (None, "active") and time.monotonic() < deadline:
            time.sleep(0.05)
            body = api.get("/calls", params={"limit": 100}).json()
            statuses = {c["id"]: c["status"] for c in body["data"]}
        api.close()
    assert len(statuses) > 10 and statuses[first] != "active"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--webhook-url", "http://127.0.0.1:9/hooks"], "--webhook-url needs --live"),
        (["--live", "--live-interval", "0"], "interval must be a positive"),
        (["--live", "--webhook-url", "ftp://127.0.0.1/x"], "not an http:// or https:// URL"),
        (["--live", "--webhook-url", "http://u:p@127.0.0.1/x"], "user name or password"),
        (
            ["--live", "--webhook-url", "http://127.0.0.1:9/x", "--webhook-secret-env", "NOPE_X"],
            "NOPE_X",
        ),
    ],
)
def test_demo_server_refuses_bad_live_and_webhook_options(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo-server", "--port", "0", *argv]) == 2
    assert message in capsys.readouterr().err
