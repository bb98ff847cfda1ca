"""Optional fault injection for the demo server: latency, 5xx, 429 bursts, drops, truncation."""

from __future__ import annotations

import asyncio
import math
import random
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass(frozen=True)
class Faults:
    """What to inject; everything off by default. Rates are shares of requests (0..1)."""

    latency_ms: float = 0.0
    error_rate: float = 0.0
    rate_limit_every: int = 0  # request 1, N+1, 2N+1... starts a burst of 429s (0: never)
    rate_limit_burst: int = 3
    retry_after: float = 1.0
    drop_rate: float = 0.0
    truncate_rate: float = 0.0
    seed: int = 0

    @property
    def enabled(self) -> bool:
        return bool(
            self.latency_ms
            or self.error_rate
            or self.rate_limit_every
            or self.drop_rate
            or self.truncate_rate
        )

    def to_spec(self) -> str:
        """The ``--faults`` text that ``parse`` reads back."""
        return ",".join(f"{name}={getattr(self, name)}" for name in self.__dataclass_fields__)

    @classmethod
    def parse(cls, spec: str) -> Faults:
        """``latency_ms=50,error_rate=0.1,...`` (the ``--faults`` option)."""
        values: dict[str, Any] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            name, _, raw = part.partition("=")
            if name not in cls.__dataclass_fields__:
                raise ValueError(f"unknown fault '{name}'")
            kind = int if name in {"rate_limit_every", "rate_limit_burst", "seed"} else float
            value = kind(raw)
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"{name} must be a number from 0, not {raw!r}")
            if name.endswith("_rate") and value > 1:
                raise ValueError(f"{name} is a share of requests, from 0 to 1, not {raw!r}")
            values[name] = value
        return cls(**values)


class FaultInjector:
    """Wraps an ASGI app; counts requests under a prefix and misbehaves as configured."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self._rng = random.Random(faults.seed)
        self._lock = threading.Lock()
        self._count = 0
        self._burst_left = 0
        self.injected: dict[str, int] = {"error": 0, "rate_limit": 0, "drop": 0, "truncate": 0}

    def _decide(self) -> str | None:
        f = self.faults
        with self._lock:
            self._count += 1
            if f.rate_limit_every and (self._count - 1) % f.rate_limit_every == 0:
                self._burst_left = f.rate_limit_burst
            if self._burst_left > 0:
                self._burst_left -= 1
                return "rate_limit"
            roll = self._rng.random()
            for name, rate in (
                ("error", f.error_rate),
                ("drop", f.drop_rate),
                ("truncate", f.truncate_rate),
            ):
                if roll < rate:
                    return name
                roll -= rate
        return None

    def wrap(self, app: ASGIApp, only_prefix: str) -> ASGIApp:
        async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
            if (
                scope["type"] != "http"
                or not self.faults.enabled
                or not scope["path"].startswith(only_prefix)
            ):
                await app(scope, receive, send)
                return
            if self.faults.latency_ms:
                await asyncio.sleep(self.faults.latency_ms / 1000)
            fault = self._decide()
            if fault is None:
                await app(scope, receive, send)
                return
            self.injected[fault] += 1
            if fault == "rate_limit":
                await _send_json(
                    send,
                    429,
                    b'{"error":{"code":"rate_limited","message":"Too many requests."}}',
                    [(b"retry-after", retry_after_header(self.faults.retry_after))],
                )
            elif fault == "error":
                await _send_json(
                    send, 503, b'{"error":{"code":"unavailable","message":"Injected fault."}}'
                )
            else:
                await _send_truncated(
                    app, scope, receive, send, keep=0.0 if fault == "drop" else 0.5
                )

        return wrapped


def retry_after_header(seconds: float) -> bytes:
    """Retry-After is a whole number of seconds (RFC 9110 delay-seconds): never ``1.0``, and
    rounded up so that a client waiting that long has waited long enough."""
    return str(max(0, math.ceil(seconds))).encode()


async def _send_json(
    send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send(
        {"type": "http.response.start", "status": status, "headers": headers + (extra or [])}
    )
    await send({"type": "http.response.body", "body": body})


async def _send_truncated(
    app: ASGIApp, scope: Scope, receive: Receive, send: Send, keep: float
) -> None:
    """Run the app but cut its body short: the server then closes the connection mid-response."""
    start: Message = {}
    chunks: list[bytes] = []

    async def capture(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        else:
            chunks.append(message.get("body", b""))

    await app(scope, receive, capture)
    body = b"".join(chunks)
    await send(start)
    await send(
        {"type": "http.response.body", "body": body[: int(len(body) * keep)], "more_body": True}
    )
    raise ConnectionAbortedError("injected truncated response")
