"""How this app serves HTTP on a port of its own (the demo API, the webhook receiver): uvicorn
with a deadline on every request, bounded request heads and bounded keep-alive."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def bounded_uvicorn_config(
    app: Any,
    host: str,
    port: int,
    *,
    request_timeout: float,
    max_head_bytes: int,
    keep_alive_timeout: int,
    **extra: Any,
) -> uvicorn.Config:
    """uvicorn settings for ``app``: a request must be in within ``request_timeout`` seconds,
    its head within ``max_head_bytes`` (else 431), and an idle connection closes after
    ``keep_alive_timeout`` seconds. ``extra`` goes to ``uvicorn.Config`` as it is."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="off",
        interface="asgi3",
        http=_h11_with_request_deadline(request_timeout, max_head_bytes),
        timeout_keep_alive=keep_alive_timeout,
        h11_max_incomplete_event_size=max_head_bytes,
        **extra,
    )


_HEAD_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\n"
    b"connection: close\r\n\r\n"
)


def _h11_with_request_deadline(seconds: float, max_head: int) -> type[H11Protocol]:
    """uvicorn's h11 protocol, closing a connection whose request is not in after ``seconds``
    and answering 431 to a request head larger than ``max_head`` bytes.

    uvicorn has no such deadline (0.54): its keep-alive timer runs only between requests and
    the first byte of a request stops it, so a client that connects and sends nothing, or half
    a request head (slowloris), would hold a connection open for ever. Its
    ``h11_max_incomplete_event_size`` only bounds a head still incomplete: a large head that
    arrives in one piece passed.
    """

    class RequestDeadlineProtocol(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None
        _head_bytes = 0

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            if self.conn.their_state is h11.IDLE:
                if self._deadline is None:
                    self._arm()  # a new request starts on a kept-alive connection
                end = data.find(b"\r\n\r\n")
                head = self._head_bytes + (end + 4 if end >= 0 else len(data))
                if head > max_head:
                    self.transport.write(_HEAD_TOO_LARGE)
                    self.transport.close()
                    return
                self._head_bytes = 0 if end >= 0 else head
            super().data_received(data)
            if self.conn.their_state not in (h11.IDLE, h11.SEND_BODY):
                self._disarm()  # the request is in (or the connection is over)

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(seconds, self._expired)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _expired(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

    return RequestDeadlineProtocol
