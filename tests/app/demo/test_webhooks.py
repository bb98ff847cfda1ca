"""Specification of the demo server's webhooks: every live event posted, signed, retried a
bounded number of times, and no receiver (slow, broken, absent, flooding) ever breaks the
server."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import orjson
import pytest
from jsonschema import Draft202012Validator

from app.demo.config import DemoConfig, free_port
from app.demo.live import COMPLETED, ESCALATED, STARTED, LiveEvent, LiveOptions
from app.demo.process import DemoProcess
from app.demo.server import DemoServer
from app.demo.webhooks import Delivery, DeliveryPolicy, WebhookSender
from app.webhook_signature import EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER
from tests.app.demo.test_openapi import REGISTRY, SPEC_URI
from tests.hostile_server import HostileServer, answer, huge_body, sequence, trickle_status_line
from tests.webhook_receiver import SECRET, ReceiverThread


def event(call_id: str = "call_1", kind: str = STARTED) -> LiveEvent:
    at = datetime(2026, 11, 20, 17, 30, tzinfo=UTC)
    return LiveEvent(kind, call_id, at, {"id": call_id, "status": "active"})


async def deliver(
    sender: WebhookSender, events: list[LiveEvent], timeout: float = 10.0
) -> list[Delivery]:
    """Queue ``events``, run the sender until each has an outcome, return them."""
    for e in events:
        sender.send(e)
    task = asyncio.ensure_future(sender.run())
    try:
        async with asyncio.timeout(timeout):
            while len(sender.deliveries) < len(events):
                await asyncio.sleep(0.01)
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    return list(sender.deliveries)


class Sleeps:
    """Records the back-off waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def receiver() -> Iterator[ReceiverThread]:
    with ReceiverThread() as r:
        yield r


def test_an_event_is_posted_signed_and_taken_by_the_receiver(receiver: ReceiverThread) -> None:
    sender = WebhookSender(receiver.url, SECRET)
    (delivery,) = asyncio.run(deliver(sender, [event("call_a", ESCALATED)]))
    assert (delivery.outcome, delivery.status, delivery.attempts) == ("delivered", 202, 1)
    (taken,) = receiver.events
    assert taken.id == delivery.event_id and taken.type == ESCALATED and taken.call_id == "call_a"
    assert taken.body == {
        "id": delivery.event_id,
        "event": ESCALATED,
        "created_at": "2026-11-20T17:30:00Z",
        "data": {"id": "call_a", "status": "active"},
    }


def test_the_request_carries_the_documented_headers() -> None:
    with HostileServer() as server:
        server.route("/hooks", answer({}, 204))
        sender = WebhookSender(server.url("/hooks"), SECRET)
        (delivery,) = asyncio.run(deliver(sender, [event(kind=COMPLETED)]))
    assert delivery.outcome == "delivered"
    (request,) = server.requests
    assert request.method == "POST"
    assert request.headers[EVENT_ID_HEADER.lower()] == delivery.event_id
    assert request.headers[EVENT_TYPE_HEADER.lower()] == COMPLETED
    assert request.headers[SIGNATURE_HEADER.lower()].startswith("t=")
    assert request.headers["content-type"] == "application/json"


def test_a_busy_receiver_is_retried_with_backoff_then_delivered() -> None:
    with HostileServer() as server:
        server.route("/hooks", sequence(answer({}, 503), answer({}, 500), answer({}, 202)))
        sleeps = Sleeps()
        sender = WebhookSender(server.url("/hooks"), SECRET, sleep=sleeps)
        (delivery,) = asyncio.run(deliver(sender, [event()]))
    assert (delivery.outcome, delivery.status, delivery.attempts) == ("delivered", 202, 3)
    assert sleeps.waits == [0.5, 1.0]
    stamps = [r.headers[SIGNATURE_HEADER.lower()].split(",")[0] for r in server.requests]
    ids = {r.headers[EVENT_ID_HEADER.lower()] for r in server.requests}
    assert len(stamps) == 3 and len(ids) == 1  # signed at each attempt, one event


def test_a_refusal_is_not_retried() -> None:
    with HostileServer() as server:
        server.route("/hooks", answer({"error": "bad signature"}, 401))
        sender = WebhookSender(server.url("/hooks"), SECRET, sleep=Sleeps())
        (delivery,) = asyncio.run(deliver(sender, [event()]))
    assert (delivery.outcome, delivery.status, delivery.attempts) == ("refused", 401, 1)
    assert server.hits["/hooks"] == 1


def test_no_receiver_at_all_fails_after_the_attempts_allowed() -> None:
    url = f"http://127.0.0.1:{free_port()}/hooks"
    sleeps = Sleeps()
    sender = WebhookSender(url, SECRET, sleep=sleeps, policy=DeliveryPolicy(attempts=3))
    (delivery,) = asyncio.run(deliver(sender, [event()]))
    assert (delivery.outcome, delivery.status, delivery.attempts) == ("failed", None, 3)
    assert sleeps.waits == [0.5, 1.0]


def test_a_receiver_that_never_answers_meets_the_deadline_of_each_attempt() -> None:
    with HostileServer() as server:
        server.route("/hooks", trickle_status_line(0.05))
        policy = DeliveryPolicy(attempts=2, deadline=0.5)
        sender = WebhookSender(server.url("/hooks"), SECRET, policy=policy, sleep=Sleeps())
        started = time.monotonic()
        (delivery,) = asyncio.run(deliver(sender, [event()]))
        took = time.monotonic() - started
    assert delivery.outcome == "failed" and delivery.attempts == 2
    assert took < 2.5


def test_a_receivers_endless_answer_is_never_read() -> None:
    with HostileServer() as server:
        server.route("/hooks", huge_body(10**10, framing="length"))
        sender = WebhookSender(server.url("/hooks"), SECRET)
        started = time.monotonic()
        (delivery,) = asyncio.run(deliver(sender, [event()]))
    assert delivery.outcome == "delivered" and time.monotonic() - started < 5


def test_when_events_come_faster_than_delivered_the_oldest_waiting_go() -> None:
    with HostileServer() as server:
        server.route("/hooks", answer({}, 200))
        sender = WebhookSender(server.url("/hooks"), SECRET, policy=DeliveryPolicy(queue=2))
        deliveries = asyncio.run(deliver(sender, [event(f"call_{i}") for i in range(5)]))
    outcomes = [(d.call_id, d.outcome) for d in deliveries]
    assert outcomes == [
        ("call_0", "dropped"),
        ("call_1", "dropped"),
        ("call_2", "dropped"),
        ("call_3", "delivered"),
        ("call_4", "delivered"),
    ]


def test_a_live_demo_server_posts_each_start_and_end(receiver: ReceiverThread) -> None:
    config = DemoConfig(
        calls=10,
        live=LiveOptions(interval=0.3, duration=0.5),
        webhook_url=receiver.url,
        webhook_secret=SECRET,
    )
    with DemoServer(config) as server:
        events = receiver.wait_for(8)
        taken = list(server.api.events)
    kinds = [(e.call_id, e.type) for e in events]
    assert kinds == [(e.call_id, e.type) for e in taken[: len(kinds)]]
    assert {k for _, k in kinds} >= {STARTED, COMPLETED}
    schema = Draft202012Validator(
        {"$ref": f"{SPEC_URI}#/components/schemas/WebhookEvent"},
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    for e in events:
        assert [error.message for error in schema.iter_errors(e.body)] == []
        assert e.body["data"]["id"] == e.call_id and e.body["event"] == e.type
        if e.type == STARTED:
            assert e.body["data"]["status"] == "active"


def test_a_dead_receiver_never_breaks_the_demo_server() -> None:
    config = DemoConfig(
        calls=10,
        live=LiveOptions(interval=0.1, duration=0.2),
        webhook_url=f"http://127.0.0.1:{free_port()}/hooks",
        webhook_secret=SECRET,
    )
    with DemoProcess(config) as server:
        api = httpx.Client(base_url=server.base_url, headers={"X-API-Key": server.api_key})
        deadline = time.monotonic() + 15
        while not any(d.outcome == "failed" for d in server.webhook_deliveries()):
            assert time.monotonic() < deadline, "deliveries should fail, and be said to"
            # Meanwhile (attempts and back-off waits), the API answers at once.
            started = time.monotonic()
            assert api.get("/calls", timeout=5).status_code == 200
            assert time.monotonic() - started < 0.5
            time.sleep(0.1)
        (failed, *_) = [d for d in server.webhook_deliveries() if d.outcome == "failed"]
        assert failed.attempts == 4 and failed.status is None
        assert api.get("/calls").json()["total"] > 10
        api.close()


def test_the_child_process_is_given_the_secret_through_its_environment(
    receiver: ReceiverThread,
) -> None:
    config = DemoConfig(
        calls=5,
        live=LiveOptions(interval=0.2, duration=0.3),
        webhook_url=receiver.url,
        webhook_secret=SECRET,
    )
    process = DemoProcess(config)
    assert SECRET.decode() not in " ".join(process._command())
    with process:
        (first,) = receiver.wait_for(1)
    assert first.type in (STARTED, COMPLETED)
    assert orjson.loads(orjson.dumps(first.body))["data"]["id"] == first.call_id
