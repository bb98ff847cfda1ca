"""Specification of the webhook receiver over real HTTP (signed events taken; unsigned, forged,
stale, replayed, oversize and malformed ones refused, never a traceback) and of the refresher
that turns events into library updates."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

from app.demo.config import DemoConfig
from app.demo.live import LiveOptions, live_call_id
from app.demo.server import DemoServer
from app.errors import AuthenticationError
from app.library import repository as repo
from app.library.library import Library
from app.library.sync import LibrarySync
from app.library.webhooks import (
    MAX_BODY_BYTES,
    MAX_CONNECTIONS,
    CallRefresher,
    Refreshed,
    ReplayGuard,
    is_loopback,
    parse_listen,
)
from app.session import lease_client
from app.webhook_signature import (
    EVENT_ID_HEADER,
    SIGNATURE_HEADER,
    TOLERANCE_SECONDS,
    new_event_id,
    signature_header,
)
from tests.app.demo.test_live import FakeClock
from tests.app.library.conftest import client_for, run, with_library
from tests.webhook_receiver import SECRET, ReceiverThread


def signed(
    body: bytes, *, secret: bytes = SECRET, at: float | None = None, event_id: str | None = None
) -> dict[str, str]:
    """The headers the demo server sends with ``body``."""
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature_header(secret, body, int(time.time() if at is None else at)),
    }
    if event_id is not None:
        headers[EVENT_ID_HEADER] = event_id
    return headers


def event_body(call_id: str = "call_1", kind: str = "call.started", **extra: object) -> bytes:
    event_id = new_event_id()
    return orjson.dumps({"id": event_id, "event": kind, "data": {"id": call_id}, **extra})


def event_id_of(body: bytes) -> str:
    return str(orjson.loads(body)["id"])


@pytest.fixture
def receiver(caplog: pytest.LogCaptureFixture) -> Iterator[ReceiverThread]:
    caplog.set_level(logging.WARNING)
    with ReceiverThread(request_timeout=0.5) as r:
        yield r
    # Whatever was sent, the receiver never logged a traceback.
    assert not [rec for rec in caplog.records if rec.exc_info], caplog.text


def post(receiver: ReceiverThread, body: bytes, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(receiver.url, content=body, headers=headers, timeout=5)


def test_a_signed_event_is_taken(receiver: ReceiverThread) -> None:
    body = event_body("call_x", "call.completed")
    response = post(receiver, body, signed(body, event_id=event_id_of(body)))
    assert response.status_code == 202
    (taken,) = receiver.events
    assert (taken.id, taken.type, taken.call_id) == (event_id_of(body), "call.completed", "call_x")


def test_it_listens_on_ipv6_loopback_too() -> None:
    with ReceiverThread(host="::1") as receiver:
        assert receiver.url.startswith("http://[::1]:")
        body = event_body()
        assert post(receiver, body, signed(body)).status_code == 202
        assert len(receiver.events) == 1


def test_many_connections_at_once_are_bounded(receiver: ReceiverThread) -> None:
    host, port = receiver.receiver.host, receiver.receiver.port
    idle = [socket.create_connection((host, port), timeout=5) for _ in range(MAX_CONNECTIONS)]
    try:
        body = event_body()
        refused = post(receiver, body, signed(body))
        assert refused.status_code == 503 and receiver.events == []
    finally:
        for conn in idle:
            conn.close()
    deadline = time.monotonic() + 5
    while post(receiver, body, signed(body)).status_code == 503:  # free again once closed
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert len(receiver.events) == 1


def test_an_unsigned_event_is_refused(receiver: ReceiverThread) -> None:
    body = event_body()
    response = post(receiver, body, {"Content-Type": "application/json"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "signature_missing"
    assert "www-authenticate" in response.headers
    assert receiver.events == []


@pytest.mark.parametrize(
    ("headers_of", "code"),
    [
        (lambda body: signed(body, secret=b"not-the-shared-secret-at-all"), "signature_mismatch"),
        (lambda body: signed(body + b" "), "signature_mismatch"),  # signed another body
        (lambda body: {SIGNATURE_HEADER: "sha256=" + "a" * 64}, "signature_malformed"),
        (lambda body: signed(body, at=time.time() - TOLERANCE_SECONDS - 60), "signature_stale"),
        (lambda body: signed(body, at=time.time() + TOLERANCE_SECONDS + 60), "signature_stale"),
    ],
)
def test_a_badly_signed_event_is_refused(
    receiver: ReceiverThread, headers_of: object, code: str
) -> None:
    body = event_body()
    response = post(receiver, body, headers_of(body))  # type: ignore[operator]
    assert (response.status_code, response.json()["error"]["code"]) == (401, code)
    assert receiver.events == []


def test_a_replayed_event_is_refused_even_signed_anew(receiver: ReceiverThread) -> None:
    body = event_body()
    headers = signed(body)
    assert post(receiver, body, headers).status_code == 202
    again = post(receiver, body, headers)  # captured and sent again, as it was
    assert (again.status_code, again.json()["error"]["code"]) == (401, "replayed")
    later = post(receiver, body, signed(body, at=time.time() + 5))  # or signed again later
    assert later.status_code == 401
    assert len(receiver.events) == 1


def test_the_event_id_header_must_be_the_signed_one(receiver: ReceiverThread) -> None:
    body = event_body()
    response = post(receiver, body, signed(body, event_id="evt_somethingelse"))
    assert response.status_code == 400 and receiver.events == []


def test_a_body_over_the_cap_is_refused_by_its_length_before_it_is_read(
    receiver: ReceiverThread,
) -> None:
    host, port = receiver.receiver.host, receiver.receiver.port
    with socket.create_connection((host, port), timeout=5) as conn:
        conn.sendall(
            b"POST /aurion/webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000000000\r\n\r\n" + b"{" * 1000
        )
        answer = conn.recv(4096)
        assert answer.startswith(b"HTTP/1.1 413 ")
        assert b"connection: close" in answer.lower()
        conn.settimeout(5)
        rest = b""
        while chunk := conn.recv(4096):  # the receiver closes: the gigabyte is never read
            rest += chunk
    assert receiver.events == []


def test_a_chunked_body_over_the_cap_is_refused_as_it_passes_the_cap(
    receiver: ReceiverThread,
) -> None:
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(1000):  # 16 MiB if it were all read
            sent += 16 * 1024
            yield b" " * (16 * 1024)

    try:
        response = httpx.post(receiver.url, content=chunks(), headers=signed(b""), timeout=5)
        assert response.status_code == 413
    except httpx.WriteError:
        pass  # the receiver closed the connection under the upload: refused all the same
    assert sent < 4 * 1024 * 1024 and receiver.events == []


def test_a_body_of_exactly_the_cap_is_taken(receiver: ReceiverThread) -> None:
    head = event_body(padding="")
    body = head[:-2] + b"x" * (MAX_BODY_BYTES - len(head)) + b'"}'
    assert len(body) == MAX_BODY_BYTES
    assert post(receiver, body, signed(body)).status_code == 202


def test_other_paths_and_methods_get_404_and_405(receiver: ReceiverThread) -> None:
    origin = receiver.url.removesuffix("/aurion/webhooks")
    body = event_body()
    assert httpx.post(origin + "/other", content=body, headers=signed(body)).status_code == 404
    response = httpx.get(receiver.url)
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert receiver.events == []


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1, 2]",
        b'{"event": "call.started", "data": {"id": "call_1"}}',  # no id
        b'{"id": "evt 1", "event": "call.started", "data": {"id": "call_1"}}',  # odd id
        b'{"id": "evt_1", "event": "call.started", "data": {}}',  # no call
        b'{"id": "evt_1", "event": "call.started", "data": {"id": ""}}',
        b'{"id": "evt_1", "data": {"id": "call_1"}}',  # no event (its type)
    ],
)
def test_a_signed_body_that_is_not_an_event_gets_400(receiver: ReceiverThread, body: bytes) -> None:
    response = post(receiver, body, signed(body))
    assert response.status_code == 400 and receiver.events == []


def test_an_event_of_another_kind_is_acknowledged_and_left_alone(receiver: ReceiverThread) -> None:
    body = orjson.dumps({"id": new_event_id(), "event": "ticket.created", "data": {"id": 1042}})
    assert post(receiver, body, signed(body)).status_code == 202
    assert receiver.events == []


def test_a_busy_receiver_says_503_and_takes_the_event_when_sent_again(
    receiver: ReceiverThread,
) -> None:
    receiver.accept = lambda _event: False
    body = event_body()
    busy = post(receiver, body, signed(body))
    assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
    receiver.accept = lambda _event: True
    assert post(receiver, body, signed(body)).status_code == 202  # not taken for a replay
    assert len(receiver.events) == 1


def test_a_client_that_never_finishes_its_request_is_cut_off(receiver: ReceiverThread) -> None:
    host, port = receiver.receiver.host, receiver.receiver.port
    with socket.create_connection((host, port), timeout=5) as conn:
        conn.sendall(b"POST /aurion/webhooks HTTP/1.1\r\nHost: x\r\n")  # and nothing more
        started = time.monotonic()
        assert conn.recv(4096) == b""  # closed by the receiver
        assert time.monotonic() - started < 3


def test_the_seen_ids_are_forgotten_once_out_of_the_window() -> None:
    guard = ReplayGuard(tolerance=300, limit=3)
    for i in range(3):
        guard.remember(f"evt_{i}", timestamp=1000.0 + i)
    assert guard.seen("evt_0", now=1100.0) and guard.full(now=1100.0)
    assert not guard.seen("evt_0", now=1300.5)  # its timestamp left the window
    assert len(guard) == 2 and not guard.full(now=1300.5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:8765", ("127.0.0.1", 8765)),
        ("[::1]:0", ("::1", 0)),
        (":8765", ("127.0.0.1", 8765)),
        ("0.0.0.0:80", ("0.0.0.0", 80)),
    ],
)
def test_listen_addresses(text: str, expected: tuple[str, int]) -> None:
    assert parse_listen(text) == expected


@pytest.mark.parametrize("text", ["8765", "127.0.0.1", "host:99999", "::1:80", "h:８０"])
def test_listen_addresses_that_are_not(text: str) -> None:
    with pytest.raises(ValueError):
        parse_listen(text)


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")


# -- the refresher --------------------------------------------------------------------------


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def live_server(clock: FakeClock) -> Iterator[DemoServer]:
    config = DemoConfig(calls=20, clock=clock, live=LiveOptions(interval=10.0, duration=4.0))
    with DemoServer(config) as server:
        yield server


def call_requests(server: DemoServer, call_id: str) -> int:
    return sum(1 for _, p, _ in server.api.request_log if p == f"/api/v1/calls/{call_id}")


async def refresh_all(
    library: Library, server: DemoServer, requests: list[tuple[str, str]], expect: int
) -> list[Refreshed]:
    """Run a refresher over ``requests`` until ``expect`` calls are done."""
    done: list[Refreshed] = []
    heard: list[frozenset[str]] = []
    unsubscribe = library.subscribe(heard.append)
    refresher = CallRefresher(
        library, lease_client(client_for(server)), concurrency=2, on_refreshed=done.append
    )
    for call_id, kind in requests:
        assert refresher.request(call_id, kind)
    task = asyncio.ensure_future(refresher.run())
    try:
        async with asyncio.timeout(10):
            while len(done) < expect:
                await asyncio.sleep(0.01)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await refresher.lease.release()
        unsubscribe()
    assert {i for ids in heard for i in ids} >= {r.call_id for r in done if not r.problem}
    return done


def test_an_event_brings_its_call_into_the_library_at_once_and_its_end_later(
    live_server: DemoServer, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "library.sqlite3"
    first = live_call_id(7, 0)
    clock.now += 10  # the first live call starts

    async def started(library: Library) -> repo.CallState | None:
        (done,) = await refresh_all(library, live_server, [(first, "call.started")], 1)
        assert done == Refreshed(first, "call.started", "active")
        return await library.reader.run(repo.call_state, first)

    state = run(with_library(path, started))
    assert state is not None and state.status == "active" and state.has_detail
    assert not state.stale  # fetched: the next sync fetches it again because it is active

    clock.now += 5  # it has ended

    async def ended(library: Library) -> tuple[object, ...]:
        await refresh_all(library, live_server, [(first, "call.completed")], 1)
        state = await library.reader.run(repo.call_state, first)
        recording = await library.reader.run(repo.recording_state, first)
        transcript = await library.reader.run(repo.get_transcript_json, first)
        return state, recording, transcript

    state, recording, transcript = run(with_library(path, ended))
    call = live_server.api.tenant.by_id[first]
    assert isinstance(state, repo.CallState) and state.status == call.status != "active"
    assert transcript == call.transcript_json()
    expected = (True, None) if call.recording else (False, call.no_recording_reason)
    assert recording == expected


def test_a_call_named_by_many_events_is_fetched_once(
    live_server: DemoServer, clock: FakeClock, tmp_path: Path
) -> None:
    clock.now += 10
    first = live_call_id(7, 0)
    kinds = ["call.started"] * 5

    async def go(library: Library) -> list[Refreshed]:
        return await refresh_all(library, live_server, [(first, k) for k in kinds], 1)

    assert len(run(with_library(tmp_path / "l.sqlite3", go))) == 1
    assert call_requests(live_server, first) == 1


def test_a_call_the_api_does_not_have_is_said_so(live_server: DemoServer, tmp_path: Path) -> None:
    async def go(library: Library) -> list[Refreshed]:
        return await refresh_all(library, live_server, [("call_nosuch", "call.started")], 1)

    (done,) = run(with_library(tmp_path / "l.sqlite3", go))
    assert done.missing and done.problem and "no longer has" in done.problem


def test_a_refused_key_stops_the_refresher(live_server: DemoServer, tmp_path: Path) -> None:
    async def go(library: Library) -> None:
        from app.client import AurionClient

        client = AurionClient(live_server.base_url, "ak_not_a_key_of_this_tenant")
        refresher = CallRefresher(library, lease_client(client))
        await library.check_account(live_server.base_url)
        refresher.request(live_server.api.tenant.calls[0].id, "call.completed")
        try:
            async with asyncio.timeout(10):
                await refresher.run()
        finally:
            await refresher.lease.release()

    with pytest.raises(AuthenticationError):
        run(with_library(tmp_path / "l.sqlite3", go))


def test_what_an_event_stored_the_next_sync_finds_unchanged(
    live_server: DemoServer, clock: FakeClock, tmp_path: Path
) -> None:
    path = tmp_path / "library.sqlite3"
    clock.now += 16  # the first live call has started and ended
    first = live_call_id(7, 0)

    async def go(library: Library) -> tuple[int, int, int]:
        await refresh_all(library, live_server, [(first, "call.completed")], 1)
        live_server.api.request_log.clear()
        report = await LibrarySync(library, lease_client(client_for(live_server))).run()
        return report.progress.new, report.progress.changed, call_requests(live_server, first)

    # The sync lists the 20 other calls (and the tenant's own active one, ended) as new and
    # fetches them, not the call the event brought: its list entry is as stored.
    new, changed, fetched = run(with_library(path, go))
    assert (new, changed, fetched) == (20, 0, 0)


def test_the_data_version_tells_a_reader_that_another_connection_wrote(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"

    async def go() -> tuple[int, int, int]:
        window = await Library.open(path)
        other = await Library.open(path)  # another process, as far as SQLite can tell
        try:
            before = await window.data_version()
            unchanged = await window.data_version()
            await other.writer.run(repo.set_meta, {"note": "written elsewhere"})
            after = await window.data_version()
            return before, unchanged, after
        finally:
            await other.aclose()
            await window.aclose()

    before, unchanged, after = run(go())
    assert before == unchanged != after
