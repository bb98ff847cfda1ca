"""Specification of the API client, against the demo server over loopback and mock transports."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx
import pytest

from app.apikey import ApiKey, RedactingFilter
from app.client import AurionClient, RetryPolicy, retry_after_seconds
from app.demo.config import DEMO_NO_SCOPE_KEY, DemoConfig
from app.demo.faults import Faults
from app.demo.server import DemoServer
from app.errors import (
    AuthenticationError,
    ConfigurationError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RecordingUnavailableError,
    ResponseFormatError,
    ServerError,
)

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


class SleepRecorder:
    """Stands in for asyncio.sleep so retry tests are instant and can read the delays."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def client_for(server: DemoServer, key: str | None = None, **kwargs: Any) -> AurionClient:
    return AurionClient(server.base_url, key or server.api_key, **kwargs)


# -- against the demo server ----------------------------------------------------------------


def test_pages_cover_every_call_once_in_started_order(demo_server: DemoServer) -> None:
    async def walk() -> list[str]:
        async with client_for(demo_server) as client:
            first = await client.list_calls(limit=100, offset=0, sort_order="desc")
            ids: list[str] = []
            for offset in range(0, first.total, 100):
                page = await client.list_calls(limit=100, offset=offset, sort_order="desc")
                assert page.offset == offset and page.limit == 100
                ids += [c.id for c in page.data]
                starts = [c.started_at for c in page.data]
                assert starts == sorted(starts, reverse=True)
            return ids

    ids = run(walk())
    assert len(ids) == len(set(ids)) == 1200


def test_sort_by_duration_both_orders(demo_server: DemoServer) -> None:
    async def durations(order: str) -> list[int]:
        async with client_for(demo_server) as client:
            page = await client.list_calls(limit=50, sort_by="duration_seconds", sort_order=order)
            return [c.duration_seconds or -1 for c in page.data]

    asc, desc = run(durations("asc")), run(durations("desc"))
    assert asc == sorted(asc) and desc == sorted(desc, reverse=True)
    assert asc[0] < desc[0]


def test_iter_calls_walks_ascending_without_duplicates(demo_server: DemoServer) -> None:
    async def collect() -> list[Any]:
        async with client_for(demo_server) as client:
            return [c async for c in client.iter_calls(page_size=97)]

    calls = run(collect())
    assert len(calls) == 1200 == len({c.id for c in calls})
    assert [c.started_at for c in calls] == sorted(c.started_at for c in calls)


def test_detail_transcript_and_recording_of_a_completed_call(demo_server: DemoServer) -> None:
    call = next(
        c
        for c in demo_server.api.tenant.calls
        if c.status == "completed" and not c.no_recording_reason
    )

    async def fetch() -> tuple[Any, Any, Any]:
        async with client_for(demo_server) as client:
            return (
                await client.get_call(call.id),
                await client.get_transcript(call.id),
                await client.get_recording(call.id),
            )

    detail, transcript, recording = run(fetch())
    assert detail.id == call.id and detail.requester_name == call.requester_name
    assert transcript.call_id == call.id and transcript.segments
    assert transcript.segments[0].speaker == "agent"
    assert recording.url.startswith(demo_server.origin) and recording.format == "ogg"
    assert 3500 < recording.seconds_left() <= 3600


def test_wrong_key_is_an_authentication_error(demo_server: DemoServer) -> None:
    async def go() -> None:
        async with client_for(demo_server, key="ak_live_wrong_key_123") as client:
            await client.list_calls(limit=1)

    with pytest.raises(AuthenticationError, match="401") as info:
        run(go())
    assert "ak_live_wrong_key_123" not in str(info.value)


def test_key_without_scope_is_a_permission_error_naming_the_scope(demo_server: DemoServer) -> None:
    async def go() -> None:
        async with client_for(demo_server, key=DEMO_NO_SCOPE_KEY) as client:
            await client.list_calls(limit=1)

    with pytest.raises(PermissionDeniedError, match="calls:read"):
        run(go())


def test_unknown_call_is_not_found(demo_server: DemoServer) -> None:
    async def go() -> None:
        async with client_for(demo_server) as client:
            await client.get_call("call_does_not_exist")

    with pytest.raises(NotFoundError, match="call_does_not_exist"):
        run(go())


def test_missing_recording_is_not_found_with_the_servers_reason(demo_server: DemoServer) -> None:
    call = next(c for c in demo_server.api.tenant.calls if c.status == "active")

    async def go() -> None:
        async with client_for(demo_server) as client:
            await client.get_recording(call.id)

    with pytest.raises(RecordingUnavailableError, match="in progress") as info:
        run(go())
    assert isinstance(info.value, NotFoundError) and info.value.code == "recording_not_found"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"sort_by": "caller_id"},
        {"sort_order": "up"},
    ],
)
def test_invalid_list_parameters_are_refused_before_sending(kwargs: dict[str, Any]) -> None:
    async def go() -> None:
        async with AurionClient("http://127.0.0.1:9", "k" * 10) as client:
            await client.list_calls(**kwargs)

    with pytest.raises(ValueError):
        run(go())


def test_server_errors_are_retried_with_capped_jittered_backoff() -> None:
    faults = Faults(error_rate=0.5, seed=3)
    with DemoServer(DemoConfig(calls=50, faults=faults)) as server:
        sleeps = SleepRecorder()

        async def go() -> int:
            async with client_for(server, sleep=sleeps, rng=random.Random(1)) as client:
                for offset in range(0, 50, 5):
                    await client.list_calls(limit=5, offset=offset)
                return server.api.faults.injected["error"]

        injected = run(go())
    assert injected >= 3 and len(sleeps.delays) == injected
    policy = RetryPolicy()
    assert all(0 <= d <= policy.max_delay for d in sleeps.delays)


def test_persistent_server_errors_end_in_a_server_error() -> None:
    with DemoServer(DemoConfig(calls=5, faults=Faults(error_rate=1.0))) as server:
        sleeps = SleepRecorder()

        async def go() -> None:
            async with client_for(server, sleep=sleeps, retry=RetryPolicy(attempts=3)) as client:
                await client.list_calls(limit=1)

        with pytest.raises(ServerError, match="503"):
            run(go())
    assert len(sleeps.delays) == 2


def test_rate_limit_waits_for_retry_after_then_succeeds() -> None:
    # the first request starts a burst of two 429s; the third attempt goes through
    faults = Faults(rate_limit_every=1000, rate_limit_burst=2, retry_after=2.5)
    with DemoServer(DemoConfig(calls=5, faults=faults)) as server:
        sleeps = SleepRecorder()

        async def fetch() -> int:
            async with client_for(server, sleep=sleeps) as client:
                return len((await client.list_calls(limit=5)).data)

        assert run(fetch()) == 5
    assert sleeps.delays == [3, 3]  # the server sends whole seconds, rounded up


def test_retry_after_beyond_the_cap_is_reported_not_waited() -> None:
    faults = Faults(rate_limit_every=1, rate_limit_burst=1, retry_after=600)
    with DemoServer(DemoConfig(calls=5, faults=faults)) as server:
        sleeps = SleepRecorder()

        async def go() -> None:
            async with client_for(server, sleep=sleeps) as client:
                await client.list_calls(limit=1)

        with pytest.raises(RateLimitedError, match="600") as info:
            run(go())
    assert info.value.retry_after == 600 and sleeps.delays == []


def test_dropped_and_truncated_responses_are_retried() -> None:
    faults = Faults(drop_rate=0.2, truncate_rate=0.2, seed=5)
    with DemoServer(DemoConfig(calls=60, faults=faults)) as server:
        sleeps = SleepRecorder()

        async def go() -> list[str]:
            async with client_for(server, sleep=sleeps) as client:
                return [c.id async for c in client.iter_calls(page_size=5)]

        ids = run(go())
        injected = server.api.faults.injected
    assert len(ids) == 60 == len(set(ids))
    assert injected["drop"] + injected["truncate"] >= 3


def test_refused_connection_is_a_network_error() -> None:
    from app.demo.config import free_port

    async def go() -> None:
        url = f"http://127.0.0.1:{free_port()}/api/v1"
        async with AurionClient(url, "k" * 10, sleep=SleepRecorder()) as client:
            await client.list_calls(limit=1)

    with pytest.raises(NetworkError, match="Could not reach"):
        run(go())


# -- pure unit tests over a mock transport ---------------------------------------------------


def mock_client(handler: Any, **kwargs: Any) -> AurionClient:
    return AurionClient(
        "https://api.example.test/api/v1",
        "ak_live_secret_value_1234",
        transport=httpx.MockTransport(handler),
        sleep=SleepRecorder(),
        **kwargs,
    )


def test_malformed_json_is_a_format_error_not_a_crash() -> None:
    async def go() -> None:
        async with mock_client(lambda r: httpx.Response(200, content=b'{"data": [')) as client:
            await client.list_calls()

    with pytest.raises(ResponseFormatError, match="not valid JSON"):
        run(go())


def test_body_missing_fields_is_a_format_error() -> None:
    async def go() -> None:
        async with mock_client(lambda r: httpx.Response(200, json={"data": []})) as client:
            await client.list_calls()

    with pytest.raises(ResponseFormatError, match="total"):
        run(go())


def test_timeouts_are_retried_then_reported() -> None:
    attempts: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(1)
        raise httpx.ReadTimeout("slow", request=request)

    async def go() -> None:
        async with mock_client(handler, retry=RetryPolicy(attempts=3)) as client:
            await client.get_call("call_1")

    with pytest.raises(NetworkError, match="did not answer in time"):
        run(go())
    assert len(attempts) == 3


def test_key_goes_only_to_the_api_origin_as_header() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": [], "total": 0, "limit": 1, "offset": 0})

    async def go() -> None:
        async with mock_client(handler) as client:
            await client.list_calls(limit=1)
            # an absolute URL to another host through the same connection pool gets no key
            await client._http.get("https://elsewhere.example.test/x")

    run(go())
    assert seen[0].headers["X-API-Key"] == "ak_live_secret_value_1234"
    assert seen[0].url.host == "api.example.test"
    assert "X-API-Key" not in seen[1].headers
    assert "ak_live_secret_value_1234" not in str(seen[0].url)


@pytest.mark.parametrize(
    "url",
    ["http://apps.aurionai.net/api/v1", "ftp://x/api", "not a url", "https://u:p@host/api"],
)
def test_unsafe_base_urls_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError):
        AurionClient(url, "k" * 10)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8040/api/v1", "http://localhost/api/v1", "http://[::1]:1/a"]
)
def test_plain_http_is_allowed_on_loopback(url: str) -> None:
    run(AurionClient(url, "k" * 10).aclose())


def test_key_never_appears_in_repr_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    key = ApiKey("ak_live_supersecret_9876")
    client = AurionClient("https://api.example.test/api/v1", key)
    assert "supersecret" not in repr(client) and "supersecret" not in repr(key)
    logger = logging.getLogger("test.redaction")
    caplog.handler.addFilter(RedactingFilter())
    logger.warning("sending %s", key.reveal())
    assert "supersecret" not in caplog.text and "redacted" in caplog.text
    run(client.aclose())


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 3, 8, 10, 0, tzinfo=UTC)
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Sun, 08 Mar 2026 10:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None
