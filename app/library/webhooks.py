"""Aurion webhook events received, checked, and turned into library updates at once.

``WebhookReceiver`` listens on one address (loopback unless told otherwise) and path for
``POST``s signed as ``app/webhook_signature.py`` describes. It answers before any work is
done: 202 for an event taken, 401 for one unsigned, signed with another secret, signed
outside the tolerance window or already taken (a replay), 413 for a body over the cap (told
by its Content-Length before a byte of it is read, else as soon as it passes the cap), 400
for a body that is not an event, 404 and 405 for another path or method, 503 when too many
calls wait to be fetched. Nothing it receives reaches a log or a terminal raw.

An event is only a hint: ``CallRefresher`` fetches the call it names from the API (detail,
transcript, and whether a recording exists once it has ended), stores it and tells the
library's listeners. A replayed or forged event could at worst make it fetch a call again.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import ipaddress
import logging
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
import uvicorn

from app.errors import (
    AurionError,
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    PermissionDeniedError,
    RecordingUnavailableError,
)
from app.library import repository as repo
from app.library.library import Library
from app.library.repository import Fetched
from app.models import CallDetail, CallSummary
from app.sanitize import printable
from app.serving import Receive, Scope, Send, bounded_uvicorn_config
from app.session import SourceLease
from app.webhook_signature import (
    EVENT_ID,
    EVENT_ID_HEADER,
    SIGNATURE_HEADER,
    TOLERANCE_SECONDS,
    Verdict,
    check_signature,
)

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/aurion/webhooks"
#: Largest event body accepted: an event holds one call's detail, a few KiB.
MAX_BODY_BYTES = 64 * 1024
#: Event ids remembered at most (each for the tolerance window after its timestamp).
MAX_SEEN_IDS = 100_000
#: Connections open at once, at most (each holds at most one body of MAX_BODY_BYTES).
MAX_CONNECTIONS = 64
#: Longest call id an event may name.
MAX_CALL_ID = 256

_JSON = [(b"content-type", b"application/json")]


@dataclass(frozen=True)
class WebhookEvent:
    """One event taken: its id, type (``call.started``...), the call it names, its body."""

    id: str
    type: str
    call_id: str
    body: dict[str, Any]


class ReplayGuard:
    """Event ids already taken, each remembered until its timestamp leaves the tolerance
    window (after which the signature check refuses it anyway): memory stays bounded by the
    events of one window, and at most ``limit`` ids."""

    def __init__(self, tolerance: float = TOLERANCE_SECONDS, limit: int = MAX_SEEN_IDS) -> None:
        self.tolerance = tolerance
        self.limit = limit
        self._expiry: dict[str, float] = {}
        self._heap: list[tuple[float, str]] = []

    def __len__(self) -> int:
        return len(self._expiry)

    def seen(self, event_id: str, now: float) -> bool:
        self._forget(now)
        return event_id in self._expiry

    def full(self, now: float) -> bool:
        self._forget(now)
        return len(self._expiry) >= self.limit

    def remember(self, event_id: str, timestamp: float) -> None:
        expiry = max(timestamp, self._expiry.get(event_id, 0.0)) + self.tolerance
        self._expiry[event_id] = expiry
        heapq.heappush(self._heap, (expiry, event_id))

    def _forget(self, now: float) -> None:
        while self._heap and self._heap[0][0] < now:
            expiry, event_id = heapq.heappop(self._heap)
            if self._expiry.get(event_id) == expiry:
                del self._expiry[event_id]


class _RefusedError(Exception):
    def __init__(self, status: int, code: str, message: str, close: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.close = close


class WebhookReceiver:
    """Receives signed events on ``http://host:port/aurion/webhooks``; ``on_event(event)``
    is called on the event loop for each one taken and returns False when it cannot take
    it now (the sender is told 503 and retries).

    ``await start()`` binds (port 0: a free one) and returns the URL; ``await aclose()``.
    """

    def __init__(
        self,
        secret: bytes,
        on_event: Callable[[WebhookEvent], bool],
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        path: str = WEBHOOK_PATH,
        max_body: int = MAX_BODY_BYTES,
        tolerance: float = TOLERANCE_SECONDS,
        clock: Callable[[], float] = time.time,
        request_timeout: float = 10.0,
    ) -> None:
        if not secret:
            raise ValueError("a webhook receiver needs a secret")
        self._secret = secret
        self.on_event = on_event
        self.host = host
        self.port = port
        self.path = path
        self.max_body = max_body
        self.tolerance = tolerance
        self._clock = clock
        self._request_timeout = request_timeout
        self.replays = ReplayGuard(tolerance)
        #: Counts of answers by status (taken: 202), for a summary and for tests.
        self.answers: dict[int, int] = {}
        self._server: uvicorn.Server | None = None
        self._task: asyncio.Task[None] | None = None

    # -- lifetime --------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}{self.path}"

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    async def start(self) -> str:
        """Listen; the URL events are received on. ``ConfigurationError`` when the address
        cannot be used (taken, not this computer's)."""
        sock = _bind(self.host, self.port)
        self.port = int(sock.getsockname()[1])
        config = bounded_uvicorn_config(
            self._app,
            self.host,
            self.port,
            request_timeout=self._request_timeout,
            max_head_bytes=16 * 1024,
            keep_alive_timeout=5,
            ws="none",
            log_config=None,  # the command's logging stays as it is
            timeout_graceful_shutdown=2,
            # Connections and requests at once; beyond, uvicorn answers 503 at once.
            limit_concurrency=MAX_CONNECTIONS,
        )
        self._server = _Server(config)
        self._task = asyncio.ensure_future(self._server.serve(sockets=[sock]))
        while not self._server.started:
            if self._task.done():
                sock.close()
                await self._task  # its exception, if any
                raise ConfigurationError(f"Cannot receive webhooks on {self.url}.")
            await asyncio.sleep(0.01)
        return self.url

    async def aclose(self) -> None:
        if self._server is not None and self._task is not None:
            self._server.should_exit = True
            with contextlib.suppress(Exception):
                await self._task
            self._server = self._task = None

    # -- one request -----------------------------------------------------------------------

    async def _app(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        status, code, message, close = 202, "accepted", "Event accepted.", False
        extra: list[tuple[bytes, bytes]] = []
        try:
            await self._take(scope, receive)
        except _RefusedError as refused:
            status, code, message, close = (
                refused.status,
                refused.code,
                refused.message,
                refused.close,
            )
        except Exception:  # never a traceback to the sender, nor on the terminal
            log.error("webhook receiver: unexpected problem", exc_info=True)
            status, code, message = 500, "internal_error", "The event could not be taken."
        if status == 405:
            extra.append((b"allow", b"POST"))
        elif status == 401:
            extra.append((b"www-authenticate", b'Signature realm="aurion-webhooks"'))
        elif status == 503:
            extra.append((b"retry-after", b"5"))
        if close:
            # The rest of the body is not read: the connection ends with this answer.
            extra.append((b"connection", b"close"))
        self.answers[status] = self.answers.get(status, 0) + 1
        body = orjson.dumps({"error": {"code": code, "message": message}} if status >= 300 else {})
        await send({"type": "http.response.start", "status": status, "headers": _JSON + extra})
        await send({"type": "http.response.body", "body": body})

    async def _take(self, scope: Scope, receive: Receive) -> None:
        if scope["path"] != self.path:
            raise _RefusedError(404, "not_found", "No such resource.")
        if scope["method"] != "POST":
            raise _RefusedError(405, "method_not_allowed", "Events are POSTed.")
        headers = _headers(scope)
        body = await self._body(headers, receive)
        now = self._clock()
        verdict = check_signature(
            self._secret, body, headers.get(SIGNATURE_HEADER.lower()), now, self.tolerance
        )
        if verdict is not Verdict.VALID:
            raise _RefusedError(401, f"signature_{verdict.value}", _VERDICT_MESSAGES[verdict])
        event = _parse_event(body, headers.get(EVENT_ID_HEADER.lower()))
        if self.replays.seen(event.id, now):
            raise _RefusedError(401, "replayed", "This event was already received.")
        if self.replays.full(now):
            raise _RefusedError(503, "busy", "Too many events at once: send it again later.")
        if event.type.startswith("call.") and not self.on_event(event):
            raise _RefusedError(503, "busy", "Too many calls to fetch: send it again later.")
        self.replays.remember(event.id, _signed_at(headers))

    async def _body(self, headers: dict[str, str], receive: Receive) -> bytes:
        length = headers.get("content-length")
        # h11 has checked that a Content-Length is digits; only its size matters here.
        if length is not None and (len(length) > 18 or int(length) > self.max_body):
            raise _RefusedError(413, "too_large", self._too_large, close=True)
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                raise _RefusedError(400, "disconnected", "The request ended early.", close=True)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                raise _RefusedError(413, "too_large", self._too_large, close=True)
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        return b"".join(chunks)

    @property
    def _too_large(self) -> str:
        return f"An event body may hold {self.max_body:,} bytes at most."


class _Server(uvicorn.Server):
    """uvicorn's server without its signal handlers: Ctrl+C stays the command's (uvicorn
    0.54 takes SIGINT and SIGTERM for itself while it serves on the main thread, and would
    only stop serving)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


_VERDICT_MESSAGES = {
    Verdict.MISSING: f"The event is not signed ({SIGNATURE_HEADER} header).",
    Verdict.MALFORMED: f"The {SIGNATURE_HEADER} header is not t=<seconds>,v1=<hex>.",
    Verdict.MISMATCH: "The signature does not match this event and secret.",
    Verdict.STALE: "The event was signed too long ago (or ahead of this clock).",
}


def _headers(scope: Scope) -> dict[str, str]:
    """Request headers by lower-case name (latin-1, as HTTP carries them); a repeated
    header counts once, its first value."""
    out: dict[str, str] = {}
    for name, value in scope["headers"]:
        out.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
    return out


def _signed_at(headers: dict[str, str]) -> float:
    """The timestamp of a header already checked valid."""
    header = headers[SIGNATURE_HEADER.lower()]
    for part in header.split(","):
        name, _, value = part.strip().partition("=")
        if name == "t":
            return float(int(value))
    raise AssertionError("a valid signature has a timestamp")


def _parse_event(body: bytes, header_id: str | None) -> WebhookEvent:
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise _RefusedError(400, "invalid_event", "The body is not JSON.") from None
    if not isinstance(payload, dict):
        raise _RefusedError(400, "invalid_event", "The body is not a JSON object.")
    event_id, kind, data = payload.get("id"), payload.get("event"), payload.get("data")
    if not isinstance(event_id, str) or not EVENT_ID.fullmatch(event_id):
        raise _RefusedError(400, "invalid_event", "The event has no usable id.")
    if header_id is not None and header_id != event_id:
        raise _RefusedError(400, "invalid_event", f"{EVENT_ID_HEADER} is not the body's id.")
    if not isinstance(kind, str) or not 0 < len(kind) <= 100:
        raise _RefusedError(400, "invalid_event", "The event has no type (event).")
    call_id = data.get("id") if isinstance(data, dict) else None
    if kind.startswith("call.") and (
        not isinstance(call_id, str) or not 0 < len(call_id) <= MAX_CALL_ID
    ):
        raise _RefusedError(400, "invalid_event", "The event names no call (data.id).")
    return WebhookEvent(event_id, kind, call_id if isinstance(call_id, str) else "", payload)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse_listen(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8765`` for IPv6; ``:8765`` for loopback; port 0: any free
    one); ``ValueError`` saying what is wrong."""
    host, sep, port_text = text.rpartition(":")
    if not sep or not port_text.isascii() or not port_text.isdigit() or len(port_text) > 5:
        raise ValueError(f"'{text}' is not HOST:PORT (e.g. 127.0.0.1:8765)")
    port = int(port_text)
    if port > 65535:
        raise ValueError(f"{port} is not a port number (0 to 65535)")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        raise ValueError(f"write an IPv6 address in brackets: [{host}]:{port}")
    return host or "127.0.0.1", port


def _bind(host: str, port: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as exc:
        raise ConfigurationError(f"Cannot listen on {printable(host, 100)}: {exc}.") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.setblocking(False)
    except OSError as exc:
        sock.close()
        where = f"{printable(host, 100)}:{port}"
        raise ConfigurationError(f"Cannot listen on {where}: {exc.strerror or exc}.") from None
    return sock


# -- events into the library ---------------------------------------------------------------


@dataclass(frozen=True)
class Refreshed:
    """What became of a call an event named: its status now, or the problem met."""

    call_id: str
    event: str
    status: str | None = None
    problem: str | None = None
    #: The API no longer has the call.
    missing: bool = False


class CallRefresher:
    """Fetches the calls events name, a few at a time, and stores them in ``library``.

    ``request(call_id, event)`` queues a call (once, however many events name it while it
    waits; a call named again while it is being fetched is fetched again after); ``await
    run()`` works until cancelled, and raises when the key is refused (401, 403): nothing
    more can be fetched. ``on_refreshed`` is called on the event loop after each call.
    """

    def __init__(
        self,
        library: Library,
        lease: SourceLease,
        *,
        concurrency: int = 4,
        max_pending: int = 10_000,
        on_refreshed: Callable[[Refreshed], None] | None = None,
    ) -> None:
        if not 1 <= concurrency <= 32:
            raise ValueError("concurrency must be between 1 and 32")
        self.library = library
        self.lease = lease
        self.source = lease.source
        self.concurrency = concurrency
        self.max_pending = max_pending
        self.on_refreshed = on_refreshed or (lambda _r: None)
        self._waiting: dict[str, str] = {}
        self._busy: set[str] = set()
        self._changed = asyncio.Event()
        self.refreshed = 0

    @property
    def pending(self) -> int:
        return len(self._waiting)

    def request(self, call_id: str, event: str) -> bool:
        """Queue ``call_id``; False when too many calls wait already."""
        if call_id not in self._waiting and len(self._waiting) >= self.max_pending:
            return False
        self._waiting[call_id] = event
        self._changed.set()
        return True

    async def run(self) -> None:
        await self.library.check_account(self.source.name)
        workers = [asyncio.ensure_future(self._worker()) for _ in range(self.concurrency)]
        try:
            # The first worker's error as it is (a refused key), not in an exception group.
            await asyncio.gather(*workers)
        finally:
            for worker in workers:
                worker.cancel()
            await asyncio.gather(*workers, return_exceptions=True)

    async def _next(self) -> tuple[str, str]:
        while True:
            for call_id in self._waiting:
                if call_id not in self._busy:
                    self._busy.add(call_id)
                    return call_id, self._waiting.pop(call_id)
            # Nothing else runs between the look above and this wait: no wake-up is lost.
            self._changed.clear()
            await self._changed.wait()

    async def _worker(self) -> None:
        while True:
            call_id, event = await self._next()
            try:
                result = await self.refresh(call_id, event)
            finally:
                self._busy.discard(call_id)
                if call_id in self._waiting:  # named again meanwhile
                    self._changed.set()
            self.refreshed += 1
            self.on_refreshed(result)

    async def refresh(self, call_id: str, event: str = "refresh") -> Refreshed:
        """Fetch and store one call now; what became of it. Raises only for a key refused."""
        try:
            detail = await self.source.get_call(call_id)
        except NotFoundError as exc:
            problem = f"The API no longer has this call: {exc}"
            await self._store(Fetched(call_id, problem=problem, retry=False, missing=True))
            return Refreshed(call_id, event, problem=problem, missing=True)
        except (AuthenticationError, PermissionDeniedError):
            raise
        except AurionError as exc:
            return Refreshed(call_id, event, problem=str(exc))
        try:
            transcript = await self.source.get_transcript(call_id)
            recording: _Recording | None = None
            if detail.status != "active":
                recording = await self._recording(call_id)
        except (AuthenticationError, PermissionDeniedError):
            raise
        except AurionError as exc:
            # Stored with its problem: the next sync fetches it again.
            await self._store(Fetched(call_id, detail, problem=str(exc)), detail)
            return Refreshed(call_id, event, detail.status, problem=str(exc))
        await self._store(Fetched(call_id, detail, transcript), detail, recording)
        return Refreshed(call_id, event, detail.status)

    async def _recording(self, call_id: str) -> _Recording:
        """Whether the API has the call's recording (its reason when not)."""
        try:
            link = await self.source.get_recording(call_id)
        except RecordingUnavailableError as exc:
            return _Recording(False, reason=printable(exc.server_message or str(exc), 300))
        return _Recording(True, format=link.format.lower()[:20], seconds=link.duration_seconds)

    async def _store(
        self,
        fetched: Fetched,
        detail: CallDetail | None = None,
        recording: _Recording | None = None,
    ) -> None:
        now = repo.to_ms(datetime.now(UTC))
        await self.library.writer.run(_store_event_call, fetched, detail, recording, now)
        self.library.notify([fetched.call_id])


@dataclass(frozen=True)
class _Recording:
    available: bool
    reason: str | None = None
    format: str | None = None
    seconds: float | None = None


def _store_event_call(
    conn: sqlite3.Connection,
    fetched: Fetched,
    detail: CallDetail | None,
    recording: _Recording | None,
    now_ms: int,
) -> None:
    """On the library's writer thread: the call's list entry (its summary, as the API lists
    it, so that the next sync sees it unchanged), detail and transcript, and its recording's
    availability."""
    if detail is not None:
        summary = CallSummary.from_json(repo.summary_of_detail(detail.raw))
        repo.record_listing(conn, [summary], now_ms)
    repo.store_fetched(conn, [fetched], now_ms)
    if recording is not None:
        repo.record_recording(
            conn,
            fetched.call_id,
            now_ms=now_ms,
            available=recording.available,
            reason=recording.reason,
            format=recording.format,
            duration_seconds=recording.seconds,
        )
