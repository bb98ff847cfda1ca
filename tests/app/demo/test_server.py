"""Specification of the demo server: documented shapes, auth, signed URLs with expiry, Range."""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from app.demo.config import DEMO_NO_SCOPE_KEY, DemoConfig
from app.demo.server import DemoServer


@pytest.fixture
def http(demo_server: DemoServer) -> httpx.Client:
    with httpx.Client(
        base_url=demo_server.base_url, headers={"X-API-Key": demo_server.api_key}
    ) as c:
        yield c


def test_list_has_the_documented_shape(http: httpx.Client) -> None:
    body = http.get(
        "/calls", params={"limit": 10, "sort_by": "started_at", "sort_order": "desc"}
    ).json()
    assert set(body) == {"data", "total", "limit", "offset"}
    assert (body["total"], body["limit"], body["offset"], len(body["data"])) == (1200, 10, 0, 10)
    assert set(body["data"][0]) == {
        "id",
        "caller_id",
        "channel",
        "status",
        "duration_seconds",
        "language",
        "started_at",
        "ended_at",
        "requester_id",
        "tickets_created",
        "authenticated",
    }


def test_list_defaults_to_twenty_newest_first(http: httpx.Client) -> None:
    body = http.get("/calls").json()
    starts = [c["started_at"] for c in body["data"]]
    assert body["limit"] == 20 and starts == sorted(starts, reverse=True)


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"limit": "ten"},
        {"offset": -5},
        {"sort_by": "caller_id"},
        {"sort_order": "sideways"},
    ],
)
def test_invalid_list_parameters_get_a_json_4xx(
    http: httpx.Client, params: dict[str, object]
) -> None:
    response = http.get("/calls", params=params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_parameter"


def test_detail_has_every_documented_field(http: httpx.Client, demo_server: DemoServer) -> None:
    call_id = demo_server.api.tenant.calls[0].id
    body = http.get(f"/calls/{call_id}").json()
    for name in ("requester_name", "escalated", "sentiment", "tools_used", "tickets_created"):
        assert name in body


@pytest.mark.parametrize(
    ("key", "status"), [(None, 401), ("ak_wrong", 401), (DEMO_NO_SCOPE_KEY, 403)]
)
def test_auth_missing_wrong_and_scopeless_keys(
    demo_server: DemoServer, key: str | None, status: int
) -> None:
    headers = {"X-API-Key": key} if key else {}
    call_id = demo_server.api.tenant.calls[0].id
    for path in (
        "/calls",
        f"/calls/{call_id}",
        f"/calls/{call_id}/transcript",
        f"/calls/{call_id}/recording",
    ):
        response = httpx.get(demo_server.base_url + path, headers=headers)
        assert response.status_code == status, path
        assert "message" in response.json()["error"]


def test_unknown_call_is_404_everywhere(http: httpx.Client) -> None:
    for suffix in ("", "/transcript", "/recording"):
        assert http.get(f"/calls/call_nope{suffix}").status_code == 404


def test_tenant_is_varied_and_deterministic(demo_server: DemoServer) -> None:
    calls = demo_server.api.tenant.calls
    assert len(calls) >= 1000
    assert set(Counter(c.channel for c in calls)) == {"phone", "mobile", "widget"}
    assert set(Counter(c.status for c in calls)) == {
        "active",
        "completed",
        "escalated",
        "failed",
        "abandoned",
    }
    assert {"fr-FR", "en-US"} <= {c.language for c in calls}
    for call in calls:
        if call.status == "active":
            assert call.ended_at is None and call.no_recording_reason
        if call.status in ("failed", "abandoned"):
            assert call.duration_seconds is not None and call.duration_seconds <= 60
        if call.status == "escalated":
            assert call.escalated and call.tickets_created
    again = DemoServer(DemoConfig()).api.tenant.calls
    assert [c.detail_json() for c in again] == [c.detail_json() for c in calls]


def test_transcript_timestamps_follow_the_recording(
    http: httpx.Client, demo_server: DemoServer
) -> None:
    call = next(c for c in demo_server.api.tenant.calls if c.status == "completed")
    body = http.get(f"/calls/{call.id}/transcript").json()
    assert body["call_id"] == call.id
    assert call.conversation is not None
    assert [s["text"] for s in body["segments"]] == [s.text for s in call.conversation.segments]


def recording_url(http: httpx.Client, server: DemoServer, status: str = "completed") -> str:
    call = next(
        c for c in server.api.tenant.calls if c.status == status and not c.no_recording_reason
    )
    body = http.get(f"/calls/{call.id}/recording").json()
    assert set(body) == {"url", "format", "duration_seconds", "expires_at"}
    return str(body["url"])


def test_recording_streams_whole_and_by_range(http: httpx.Client, demo_server: DemoServer) -> None:
    url = recording_url(http, demo_server)
    whole = httpx.get(url)  # a presigned URL needs no API key
    assert whole.status_code == 200 and whole.headers["content-type"] == "audio/ogg"
    assert whole.headers["accept-ranges"] == "bytes" and whole.content[:4] == b"OggS"
    size = len(whole.content)

    part = httpx.get(url, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-199/{size}"
    assert part.content == whole.content[100:200]

    tail = httpx.get(url, headers={"Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == whole.content[-50:]
    open_ended = httpx.get(url, headers={"Range": f"bytes={size - 10}-"})
    assert open_ended.content == whole.content[-10:]
    assert httpx.get(url, headers={"Range": f"bytes={size}-"}).status_code == 416
    head = httpx.head(url)
    assert head.status_code == 200 and int(head.headers["content-length"]) == size


def test_tampered_signature_is_refused(http: httpx.Client, demo_server: DemoServer) -> None:
    url = recording_url(http, demo_server)
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    later = int(query["X-Aurion-Expires"][0]) + 3600
    forged = httpx.get(
        base,
        params={"X-Aurion-Expires": later, "X-Aurion-Signature": query["X-Aurion-Signature"][0]},
    )
    assert forged.status_code == 403
    assert httpx.get(base).status_code == 403
    other = base.replace(".ogg", "x.ogg")
    assert httpx.get(other, params={k: v[0] for k, v in query.items()}).status_code == 403


def test_signed_url_expires_after_the_ttl() -> None:
    now = [1_800_000_000.0]
    config = DemoConfig(calls=30, url_ttl=5, clock=lambda: now[0])
    with DemoServer(config) as server:
        call = next(
            c for c in server.api.tenant.calls if c.conversation and not c.no_recording_reason
        )
        body = httpx.get(
            f"{server.base_url}/calls/{call.id}/recording", headers={"X-API-Key": server.api_key}
        ).json()
        assert body["expires_at"] == "2027-01-15T08:00:05Z"
        assert httpx.get(body["url"], headers={"Range": "bytes=0-9"}).status_code == 206
        now[0] += 4.9
        assert httpx.get(body["url"], headers={"Range": "bytes=0-9"}).status_code == 206
        now[0] += 0.2
        expired = httpx.get(body["url"], headers={"Range": "bytes=0-9"})
        assert expired.status_code == 403 and expired.json()["error"]["code"] == "expired"


def test_live_tenant_ends_now_with_calls_in_progress() -> None:
    from datetime import UTC, datetime, timedelta

    from app.demo.tenant import Tenant

    now = datetime(2031, 5, 4, 9, 15, tzinfo=UTC)
    tenant = Tenant(300, anchor=now)
    assert max(c.started_at for c in tenant.calls) <= now
    active = [c for c in tenant.calls if c.status == "active"]
    assert active and all(now - c.started_at < timedelta(minutes=10) for c in active)
    finished = [c.started_at for c in tenant.calls if c.status != "active"]
    assert len(set(finished)) == len(finished)  # no pile-up at one instant


# -- hostile or careless clients ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("expires", "signature"),
    [
        ("١٨٠٠٠٠٠٠٠٠", None),  # Arabic-Indic digits: "".isdigit() is true for them
        ("²", None),  # a digit to isdigit(), not to int()
        ("9" * 5000, None),  # int() refuses more than 4,300 digits
        (None, "é" * 64),  # hmac.compare_digest refuses non-ASCII text
        (None, "0" * 5000),
    ],
)
def test_malformed_signed_url_parameters_are_a_403(
    http: httpx.Client, demo_server: DemoServer, expires: str | None, signature: str | None
) -> None:
    url = recording_url(http, demo_server)
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    query["X-Aurion-Expires"] = expires or query["X-Aurion-Expires"]
    query["X-Aurion-Signature"] = signature or query["X-Aurion-Signature"]
    response = httpx.get(f"{parts.scheme}://{parts.netloc}{parts.path}", params=query)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "signature_mismatch"


def test_recording_urls_point_to_the_configured_origin_not_the_host_header(
    http: httpx.Client, demo_server: DemoServer
) -> None:
    call = next(
        c for c in demo_server.api.tenant.calls if c.conversation and not c.no_recording_reason
    )
    path = f"/calls/{call.id}/recording"
    body = http.get(path, headers={"Host": "attacker.example:8443"}).json()
    assert body["url"].startswith(f"{demo_server.origin}/media/recordings/{call.id}.ogg?")
    assert httpx.get(body["url"], headers={"Range": "bytes=0-3"}).content == b"OggS"

    config = DemoConfig(calls=20, public_origin="https://media.demo.test")
    with DemoServer(config) as server:
        call = next(
            c for c in server.api.tenant.calls if c.conversation and not c.no_recording_reason
        )
        body = httpx.get(
            f"{server.base_url}/calls/{call.id}/recording", headers={"X-API-Key": server.api_key}
        ).json()
    assert body["url"].startswith("https://media.demo.test/media/recordings/")


@pytest.mark.parametrize(
    "path", ["/calls/a%2Fb", "/calls/a%2Fb/transcript", "/calls/a%2fb/recording", "/calls/%2F"]
)
def test_an_encoded_slash_in_a_call_id_is_an_unknown_call(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_an_encoded_slash_never_reaches_another_endpoint(
    http: httpx.Client, demo_server: DemoServer
) -> None:
    call = next(c for c in demo_server.api.tenant.calls if c.conversation)
    for suffix in ("transcript", "recording"):
        response = http.get(f"/calls/{call.id}%2F{suffix}")
        assert response.status_code == 404
        assert response.json()["error"] == {
            "code": "not_found",
            "message": f"No call with id '{call.id}/{suffix}'.",
        }
    assert http.get(f"/calls/{call.id}/transcript").status_code == 200


def test_unknown_routes_and_methods_answer_in_json(http: httpx.Client) -> None:
    missing = http.get("/no/such/endpoint")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = http.post("/calls")
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"
    assert "GET" in wrong.headers["allow"]


@pytest.mark.parametrize("order", ["asc", "desc"])
def test_calls_in_progress_sort_last_by_duration_in_both_orders(
    http: httpx.Client, order: str
) -> None:
    calls: list[dict[str, object]] = []
    for offset in range(0, 1200, 100):
        params = {"limit": 100, "offset": offset, "sort_by": "duration_seconds"}
        calls += http.get("/calls", params={**params, "sort_order": order}).json()["data"]
    durations = [c["duration_seconds"] for c in calls]
    live = durations.index(None)
    assert live > 0 and all(d is None for d in durations[live:])
    assert {c["status"] for c in calls[live:]} == {"active"}
    timed = durations[:live]
    assert timed == sorted(timed, reverse=order == "desc")  # type: ignore[type-var]
    live_starts = [c["started_at"] for c in calls[live:]]
    assert live_starts == sorted(live_starts, reverse=True)  # type: ignore[type-var]
