"""A ``WebhookReceiver`` on a thread of its own, recording the events it takes, for tests that
send to it from their own loop, from a demo server or from another process."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

from app.library.webhooks import WebhookEvent, WebhookReceiver

SECRET = b"test-webhook-secret-0123456789"


class ReceiverThread:
    """``with ReceiverThread() as receiver:`` then post to ``receiver.url``; ``events``
    holds what was taken (in order), ``accept`` decides whether the next one is (False:
    503)."""

    def __init__(self, secret: bytes = SECRET, **options: Any) -> None:
        self.events: list[WebhookEvent] = []
        self.accept: Callable[[WebhookEvent], bool] = lambda _event: True
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.receiver = WebhookReceiver(secret, self._on_event, **options)
        self.url = ""

    def _on_event(self, event: WebhookEvent) -> bool:
        if not self.accept(event):
            return False
        self.events.append(event)
        return True

    def __enter__(self) -> ReceiverThread:
        self._thread.start()
        self.url = asyncio.run_coroutine_threadsafe(self.receiver.start(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.receiver.aclose(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[WebhookEvent]:
        """The first ``count`` events, once they have come."""
        deadline = time.monotonic() + timeout
        while len(self.events) < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(self.events)} events of {count} came")
            time.sleep(0.01)
        return self.events[:count]
