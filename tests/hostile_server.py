"""A misbehaving HTTP/1.1 server on loopback: it trickles, floods, lies, repeats and escapes.

Raw asyncio streams on a thread of its own, so that a behaviour can do what no well-behaved
framework allows: trickle the status line one byte at a time, announce one length and send
another, stream 300 MB that never exist in memory. Tests mount handlers on paths::

    with HostileServer() as server:
        server.route("/api/v1/calls", same_page_forever(total=10**9))
        client = AurionClient(server.base_url, "ak_test_1234567890")

Every connection serves one request and is closed (``Connection: close``). A handler is
``async def handler(request: Request, reply: Reply) -> None``; the factories below build the
usual ones. ``server.hits`` counts requests per path.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import orjson

API_PREFIX = "/api/v1"
CHUNK = 256 * 1024
REASONS = {
    200: "OK",
    206: "Partial Content",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


@dataclass(frozen=True)
class Request:
    """What the client asked: method, decoded path, query and (lower-case) headers."""

    method: str
    target: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]

    def int_param(self, name: str, default: int) -> int:
        try:
            return int(self.query.get(name, default))
        except ValueError:
            return default


class Reply:
    """Writes one response on the connection, as properly or improperly as asked."""

    def __init__(self, writer: asyncio.StreamWriter) -> None:
        self._writer = writer

    async def raw(self, data: bytes) -> None:
        self._writer.write(data)
        await self._writer.drain()

    async def trickle(self, data: bytes, interval: float) -> None:
        """Send ``data`` one byte at a time, ``interval`` seconds apart."""
        for index in range(len(data)):
            await self.raw(data[index : index + 1])
            await asyncio.sleep(interval)

    @staticmethod
    def head_bytes(
        status: int,
        headers: Iterable[tuple[str, str]] = (),
        *,
        length: int | None = None,
        content_type: str | None = "application/json",
        chunked: bool = False,
    ) -> bytes:
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, 'Whatever')}"]
        if content_type is not None:
            lines.append(f"Content-Type: {content_type}")
        if length is not None:
            lines.append(f"Content-Length: {length}")
        if chunked:
            lines.append("Transfer-Encoding: chunked")
        lines.append("Connection: close")
        lines += [f"{name}: {value}" for name, value in headers]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    async def send(
        self,
        status: int,
        body: bytes = b"",
        *,
        headers: Iterable[tuple[str, str]] = (),
        content_type: str | None = "application/json",
    ) -> None:
        """A correct response with a Content-Length."""
        head = self.head_bytes(status, headers, length=len(body), content_type=content_type)
        await self.raw(head + body)

    async def json(
        self, payload: Any, status: int = 200, headers: Iterable[tuple[str, str]] = ()
    ) -> None:
        await self.send(status, orjson.dumps(payload), headers=headers)

    async def stream(
        self,
        status: int,
        chunks: Iterable[bytes] | AsyncIterator[bytes],
        *,
        framing: str = "close",
        length: int | None = None,
        headers: Iterable[tuple[str, str]] = (),
        content_type: str | None = "application/json",
    ) -> None:
        """A body written chunk by chunk as it is generated (never held whole).

        ``framing``: ``"length"`` announces ``length`` (which may lie), ``"chunked"`` uses
        chunked transfer encoding, ``"close"`` ends the body by closing the connection.
        """
        await self.raw(
            self.head_bytes(
                status,
                headers,
                length=length if framing == "length" else None,
                content_type=content_type,
                chunked=framing == "chunked",
            )
        )
        async for chunk in _aiter(chunks):
            if framing == "chunked":
                await self.raw(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            else:
                await self.raw(chunk)
        if framing == "chunked":
            await self.raw(b"0\r\n\r\n")


async def _aiter(chunks: Iterable[bytes] | AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    if isinstance(chunks, AsyncIterator):
        async for chunk in chunks:
            yield chunk
    else:
        for chunk in chunks:
            yield chunk
            await asyncio.sleep(0)


Handler = Callable[[Request, Reply], Awaitable[None]]


@dataclass
class HostileServer:
    """The server; ``route()`` handlers on paths, then use ``base_url`` (ends in /api/v1)."""

    host: str = "127.0.0.1"
    routes: dict[str, Handler] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    requests: list[Request] = field(default_factory=list)
    port: int = 0

    def __post_init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def route(self, path: str, handler: Handler) -> None:
        """Serve ``path`` (exact; ``/api/v1/calls/*`` matches any path under it)."""
        self.routes[path] = handler

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.origin + API_PREFIX

    def url(self, path: str) -> str:
        return self.origin + path

    def __enter__(self) -> HostileServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._connection, self.host, 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        assert self._server is not None
        self._server.close()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)  # type: ignore[arg-type]
        try:
            request = await self._read_request(reader)
            if request is not None:
                self.requests.append(request)
                self.hits[request.path] += 1
                await self._handler(request.path)(request, Reply(writer))
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # the client gave up (a deadline, a size cap): that is the point
        except asyncio.CancelledError:
            pass  # the server stops; end quietly (asyncio logs a cancelled connection task)
        finally:
            self._tasks.discard(task)  # type: ignore[arg-type]
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    @staticmethod
    async def _read_request(reader: asyncio.StreamReader) -> Request | None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return None
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        parts = urlsplit(target)
        return Request(method, target, unquote(parts.path), dict(parse_qsl(parts.query)), headers)

    def _handler(self, path: str) -> Handler:
        if path in self.routes:
            return self.routes[path]
        for pattern, handler in self.routes.items():
            if pattern.endswith("*") and path.startswith(pattern[:-1]):
                return handler
        return not_found


# -- payloads -------------------------------------------------------------------------------

EPOCH = datetime(2026, 3, 8, 10, 0, tzinfo=UTC)


def stamp(seconds: float) -> str:
    return (EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


def call_json(call_id: str, index: int = 0) -> dict[str, Any]:
    """A call as the list and detail endpoints give it (detail fields included)."""
    return {
        "id": call_id,
        "caller_id": "+33612345678",
        "channel": "phone",
        "status": "completed",
        "duration_seconds": 60,
        "language": "fr-FR",
        "started_at": stamp(index * 60),
        "ended_at": stamp(index * 60 + 60),
        "requester_id": 42,
        "tickets_created": [],
        "authenticated": True,
        "requester_name": "Jean Dupont",
        "escalated": False,
        "sentiment": "neutral",
        "tools_used": [],
    }


def page_json(ids: list[str], total: int, limit: int, offset: int, first: int) -> dict[str, Any]:
    data = [call_json(call_id, first + i) for i, call_id in enumerate(ids)]
    return {"data": data, "total": total, "limit": limit, "offset": offset}


def error_json(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def fast_stamp(seconds: int) -> bytes:
    """``stamp(seconds)`` by arithmetic (a million of them in well under a second); valid for
    about 23 days after ``EPOCH``."""
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes + EPOCH.hour * 60, 60)
    days, hour = divmod(hours, 24)
    return b"2026-03-%02dT%02d:%02d:%02dZ" % (EPOCH.day + days, hour, minute, second)


SPEAKERS = (b"agent", b"caller")


def segment_bytes(index: int) -> bytes:
    """Segment ``index``: agent and caller in turn, one second apart, ``utterance <index>``."""
    return b'{"speaker":"%s","text":"utterance %d","timestamp":"%s"}' % (
        SPEAKERS[index % 2],
        index,
        fast_stamp(index),
    )


def transcript_head(call_id: str) -> bytes:
    return b'{"call_id":' + orjson.dumps(call_id) + b',"segments":['


def transcript_chunks(call_id: str, segments: int, batch: int = 2000) -> Iterator[bytes]:
    """A transcript of ``segments`` short segments, generated batch by batch."""
    yield transcript_head(call_id)
    for start in range(0, segments, batch):
        parts = (segment_bytes(i) for i in range(start, min(segments, start + batch)))
        yield (b"," if start else b"") + b",".join(parts)
    yield b"]}"


def transcript_length(call_id: str, segments: int) -> int:
    """``len(b"".join(transcript_chunks(call_id, segments)))``, without making them."""
    fixed = len(segment_bytes(0)) - len(SPEAKERS[0]) - 1  # all but the speaker and index
    agents = (segments + 1) // 2
    speakers = agents * len(SPEAKERS[0]) + (segments - agents) * len(SPEAKERS[1])
    digits = sum(
        (min(segments, 10**d) - 10 ** (d - 1) if d > 1 else min(segments, 10)) * d
        for d in range(1, len(str(max(segments - 1, 0))) + 1)
    )
    commas = max(segments - 1, 0)
    return len(transcript_head(call_id)) + segments * fixed + speakers + digits + commas + 2


def filler(size: int, prefix: bytes = b"", unit: bytes = b" ") -> Iterator[bytes]:
    """``size`` bytes starting with ``prefix``, in chunks of CHUNK; never held whole."""
    block = unit * (CHUNK // len(unit))
    first = prefix + block[: CHUNK - len(prefix)]
    sent = 0
    for piece in itertools.chain([first], itertools.repeat(block)):
        if sent >= size:
            return
        piece = piece[: size - sent]
        sent += len(piece)
        yield piece


# -- behaviours -----------------------------------------------------------------------------


async def not_found(request: Request, reply: Reply) -> None:
    await reply.json(error_json("not_found", f"Nothing at {request.path}."), status=404)


def answer(payload: Any, status: int = 200, headers: Iterable[tuple[str, str]] = ()) -> Handler:
    """Always the same JSON answer."""

    async def handler(request: Request, reply: Reply) -> None:
        await reply.json(payload, status=status, headers=headers)

    return handler


def sequence(*handlers: Handler) -> Handler:
    """The first request gets the first handler, and so on; the last one repeats."""
    counter = itertools.count()

    async def handler(request: Request, reply: Reply) -> None:
        await handlers[min(next(counter), len(handlers) - 1)](request, reply)

    return handler


def trickle_status_line(interval: float) -> Handler:
    """The status line itself, one byte every ``interval`` seconds, for ever (well: 1,000 s)."""

    async def handler(request: Request, reply: Reply) -> None:
        await reply.trickle(b"HTTP/1.1 200 OK" + b" " * 1000, interval)

    return handler


def trickle_headers(interval: float) -> Handler:
    """A prompt status line, then header bytes one every ``interval`` seconds."""

    async def handler(request: Request, reply: Reply) -> None:
        await reply.raw(b"HTTP/1.1 200 OK\r\n")
        await reply.trickle(b"X-Slow: " + b"a" * 1000, interval)

    return handler


def trickle_body(payload: Any, interval: float) -> Handler:
    """Correct headers, then the JSON body one byte every ``interval`` seconds."""

    async def handler(request: Request, reply: Reply) -> None:
        body = orjson.dumps(payload)
        await reply.raw(reply.head_bytes(200, length=len(body)))
        await reply.trickle(body, interval)

    return handler


def huge_body(size: int, framing: str = "close", status: int = 200) -> Handler:
    """``size`` bytes of a list page that never ends (a valid start, then spaces)."""

    async def handler(request: Request, reply: Reply) -> None:
        chunks = filler(size, prefix=b'{"data": [')
        await reply.stream(status, chunks, framing=framing, length=size)

    return handler


def calls_list(
    count: int,
    *,
    total: Callable[[int], int] | None = None,
    page_limit: int | None = None,
    ids: Callable[[int], str] = lambda i: f"call_{i:06d}",
) -> Handler:
    """An ascending list of ``count`` calls honouring limit/offset; ``total(n)`` may lie (n
    counts requests), ``page_limit`` serves fewer calls than asked."""
    requests = itertools.count()

    async def handler(request: Request, reply: Reply) -> None:
        n = next(requests)
        limit = request.int_param("limit", 20)
        offset = request.int_param("offset", 0)
        size = min(limit, page_limit) if page_limit is not None else limit
        chosen = [ids(i) for i in range(offset, min(count, offset + size))]
        shown_total = total(n) if total is not None else count
        await reply.json(page_json(chosen, shown_total, limit, offset, offset))

    return handler


def same_page_forever(total: int, size: int = 3) -> Handler:
    """The same page whatever the offset, announcing ``total`` calls."""

    async def handler(request: Request, reply: Reply) -> None:
        limit = request.int_param("limit", 20)
        ids = [f"call_same_{i}" for i in range(min(size, limit))]
        await reply.json(page_json(ids, total, limit, request.int_param("offset", 0), 0))

    return handler


def endless_list(start_total: int, growth: int = 1) -> Handler:
    """Fresh ids on every page and a total that grows on every request: a list without end."""
    requests = itertools.count()

    async def handler(request: Request, reply: Reply) -> None:
        n = next(requests)
        limit = request.int_param("limit", 20)
        offset = request.int_param("offset", 0)
        ids = [f"call_{i:09d}" for i in range(offset, offset + limit)]
        await reply.json(page_json(ids, start_total + n * growth, limit, offset, offset))

    return handler


def rate_limited(retry_after: str | None, times: int, then: Handler) -> Handler:
    """``times`` answers 429 with this Retry-After header (verbatim), then ``then``."""
    requests = itertools.count()

    async def handler(request: Request, reply: Reply) -> None:
        if next(requests) < times:
            headers = [("Retry-After", retry_after)] if retry_after is not None else []
            body = error_json("rate_limited", "Slow down.")
            await reply.json(body, status=429, headers=headers)
        else:
            await then(request, reply)

    return handler


def transcript(
    call_id: str, segments: int, *, framing: str = "length", batch: int = 2000
) -> Handler:
    """A transcript of ``segments`` generated short segments (a million is ~80 MB)."""
    length = transcript_length(call_id, segments) if framing == "length" else None

    async def handler(request: Request, reply: Reply) -> None:
        chunks = transcript_chunks(call_id, segments, batch)
        await reply.stream(200, chunks, framing=framing, length=length)

    return handler


def recording(
    size: int,
    *,
    content_type: str | None = "audio/ogg",
    announced: int | str | None = "size",
    status: int = 200,
    prefix: bytes = b"OggS\x00\x02" + b"\x00" * 6,
) -> Handler:
    """A recording of ``size`` generated bytes starting like an Ogg file. ``announced`` is the
    Content-Length sent: ``"size"`` (the truth), a number (a lie), or None (no length: the
    connection's end ends the body)."""

    async def handler(request: Request, reply: Reply) -> None:
        length = size if announced == "size" else announced
        assert length is None or isinstance(length, int)
        chunks = filler(size, prefix=prefix, unit=b"\x5a")
        framing = "close" if length is None else "length"
        await reply.stream(
            status, chunks, framing=framing, length=length, content_type=content_type
        )

    return handler


def html_page(status: int = 200, content_type: str = "text/html; charset=utf-8") -> Handler:
    """A login or error page where a recording was expected."""

    async def handler(request: Request, reply: Reply) -> None:
        body = b"<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>"
        await reply.send(status, body, content_type=content_type)

    return handler
