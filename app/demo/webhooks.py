"""The demo server's webhooks: each live event posted, signed, to one URL, retried a few times.

Deliveries run one at a time, in order, on the server's event loop; none can break the
server: every attempt has a deadline, the response's body is never read, failures are
logged and recorded (``deliveries``), and when events come faster than they can be
delivered the oldest waiting ones are dropped (the receiver's polling catches up).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx
import orjson

from app import __version__
from app.demo.live import LiveEvent
from app.webhook_signature import (
    EVENT_ID_HEADER,
    EVENT_TYPE_HEADER,
    SIGNATURE_HEADER,
    new_event_id,
    signature_header,
)

log = logging.getLogger(__name__)

#: Statuses worth another attempt: the receiver is busy or broken for now.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class DeliveryPolicy:
    """How hard a delivery tries."""

    #: Attempts per event, in all.
    attempts: int = 4
    #: Seconds an attempt may take, from connecting to the response's status line.
    deadline: float = 5.0
    #: Wait before the second attempt; doubled before each next one.
    backoff: float = 0.5
    #: Events waiting to be delivered, at most (then the oldest is dropped).
    queue: int = 256


@dataclass(frozen=True)
class Delivery:
    """What became of one event: ``delivered``, ``refused`` (a 4xx), ``failed`` or
    ``dropped``; the last status received and the attempts made."""

    event_id: str
    type: str
    call_id: str
    outcome: str
    status: int | None
    attempts: int

    def as_json(self) -> dict[str, object]:
        return {
            "event_id": self.event_id,
            "type": self.type,
            "call_id": self.call_id,
            "outcome": self.outcome,
            "status": self.status,
            "attempts": self.attempts,
        }


class WebhookSender:
    """Posts events to ``url``: ``send(event)`` queues one; ``await run()`` delivers until
    cancelled."""

    def __init__(
        self,
        url: str,
        secret: bytes,
        *,
        policy: DeliveryPolicy | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.url = url
        self._secret = secret
        self.policy = policy or DeliveryPolicy()
        self._clock = clock
        self._sleep = sleep
        self._transport = transport
        self._waiting: deque[tuple[str, LiveEvent]] = deque()
        self._wake = asyncio.Event()
        #: The latest deliveries, newest last (tests and the control endpoint read them).
        self.deliveries: deque[Delivery] = deque(maxlen=1000)

    def send(self, event: LiveEvent) -> str:
        """Queue ``event``; its event id."""
        event_id = new_event_id()
        if len(self._waiting) >= self.policy.queue:
            old_id, old = self._waiting.popleft()
            log.warning("webhook queue full: event %s (%s) dropped", old_id, old.type)
            self.deliveries.append(Delivery(old_id, old.type, old.call_id, "dropped", None, 0))
        self._waiting.append((event_id, event))
        self._wake.set()
        return event_id

    async def run(self) -> None:
        async with httpx.AsyncClient(
            timeout=httpx.Timeout(self.policy.deadline),
            follow_redirects=False,
            transport=self._transport,
            headers={"User-Agent": f"aurion-demo-webhooks/{__version__}"},
        ) as http:
            while True:
                await self._wake.wait()
                self._wake.clear()
                while self._waiting:
                    event_id, event = self._waiting.popleft()
                    try:
                        delivery = await self._deliver(http, event_id, event)
                    except Exception:  # whatever it is, the next events still go
                        log.exception("webhook %s could not be delivered", event_id)
                        delivery = Delivery(event_id, event.type, event.call_id, "failed", None, 0)
                    self.deliveries.append(delivery)

    async def _deliver(self, http: httpx.AsyncClient, event_id: str, event: LiveEvent) -> Delivery:
        body = orjson.dumps(event.body(event_id))
        status: int | None = None
        attempt = 0
        for attempt in range(1, self.policy.attempts + 1):
            if attempt > 1:
                await self._sleep(self.policy.backoff * 2 ** (attempt - 2))
            # Signed again at each attempt: the timestamp says when this request was made.
            headers = {
                "Content-Type": "application/json",
                SIGNATURE_HEADER: signature_header(self._secret, body, int(self._clock())),
                EVENT_ID_HEADER: event_id,
                EVENT_TYPE_HEADER: event.type,
            }
            try:
                async with asyncio.timeout(self.policy.deadline):
                    # Streamed and closed unread: a receiver's body (even an endless one) is
                    # none of our business, only its status.
                    async with http.stream("POST", self.url, content=body, headers=headers) as r:
                        status = r.status_code
            except (httpx.HTTPError, TimeoutError, OSError) as exc:
                status = None
                log.info("webhook %s: attempt %d failed: %s", event_id, attempt, exc)
                continue
            if 200 <= status < 300:
                return Delivery(event_id, event.type, event.call_id, "delivered", status, attempt)
            if status not in RETRY_STATUSES:
                log.warning("webhook %s refused by %s: HTTP %d", event_id, self.url, status)
                return Delivery(event_id, event.type, event.call_id, "refused", status, attempt)
        log.warning("webhook %s to %s failed after %d attempts", event_id, self.url, attempt)
        return Delivery(event_id, event.type, event.call_id, "failed", status, attempt)


def check_webhook_url(url: str) -> str:
    """``url`` if events can be posted to it (``http`` or ``https``, a host, no user name or
    password in it); ``ValueError`` saying why not."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise ValueError(f"'{url}' is not a URL ({exc})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError(f"'{url}' is not an http:// or https:// URL with a host")
    if parsed.userinfo:
        raise ValueError("the webhook URL must not hold a user name or password")
    return url
