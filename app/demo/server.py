"""The Aurion-compatible demo server: a Starlette app and a uvicorn runner for loopback."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any
from urllib.parse import unquote

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from app.demo.config import (
    API_PREFIX,
    CONTROL_PREFIX,
    DEMO_NO_SCOPE_KEY,
    MEDIA_PREFIX,
    DemoConfig,
    DemoEndpoint,
    http_origin,
)
from app.demo.faults import FaultInjector, Faults, Receive, Scope, Send
from app.demo.live import LiveEvent, LiveTenant
from app.demo.signing import SignatureCheck, UrlSigner
from app.demo.tenant import ANCHOR, DemoCall, Tenant
from app.demo.webhooks import WebhookSender
from app.serving import bounded_uvicorn_config

log = logging.getLogger(__name__)


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": {"code": code, "message": message}}, status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 and 405 (no such route, wrong method) in the API's JSON shape."""
    if isinstance(exc, HTTPException) and exc.status_code == 405:
        message = "This method is not allowed here."
        return _error(405, "method_not_allowed", message, headers=dict(exc.headers or {}))
    return _error(404, "not_found", "No such resource.")


#: Stands in for an encoded slash (``%2F``) inside a path segment while routing: uvicorn
#: decodes the path before Starlette routes it, so ``/calls/a%2Fb`` would be ``/calls/a/b``
#: and ``/calls/X%2Ftranscript`` the transcript of ``X``. A private-use character.
_ENCODED_SLASH = "\ue02f"
_ENCODED_SLASH_RE = re.compile(rb"%2[fF]")


def _path_keeping_encoded_slashes(raw_path: bytes) -> str:
    parts = _ENCODED_SLASH_RE.split(raw_path)
    return _ENCODED_SLASH.join(unquote(part.decode("ascii", "replace")) for part in parts)


def _path_param(request: Request, name: str) -> str:
    return str(request.path_params[name]).replace(_ENCODED_SLASH, "/")


class DemoApi:
    """Request handlers over one tenant; ``app`` is the ASGI application."""

    def __init__(self, config: DemoConfig, tenant: Tenant | None = None) -> None:
        if not config.public_origin:
            raise ValueError("DemoConfig.public_origin must be set: signed URLs point to it.")
        self.config = config
        self.origin = config.public_origin.rstrip("/")
        self.tenant = tenant or Tenant(config.calls, config.seed, anchor=config.anchor or ANCHOR)
        self.signer = UrlSigner(config.signing_secret)
        self.keys = {config.api_key: {"calls:read"}, DEMO_NO_SCOPE_KEY: set[str]()}
        #: Extra audio served by object name (long synthetic recordings for benchmarks).
        self.extra_audio: dict[str, bytes] = {}
        if config.bench_calls:
            from app.demo.longcall import add_bench_calls

            self.extra_audio.update(add_bench_calls(self.tenant))
        routes = [
            Route(f"{API_PREFIX}/calls", self.list_calls),
            Route(f"{API_PREFIX}/calls/{{call_id}}", self.get_call),
            Route(f"{API_PREFIX}/calls/{{call_id}}/transcript", self.get_transcript),
            Route(f"{API_PREFIX}/calls/{{call_id}}/recording", self.get_recording),
            Route(f"{MEDIA_PREFIX}/{{name}}", self.get_audio, methods=["GET", "HEAD"]),
        ]
        if config.control:
            control = CONTROL_PREFIX
            routes += [
                Route(f"{control}/health", self._health),
                Route(f"{control}/requests", self._requests, methods=["GET", "DELETE"]),
                Route(f"{control}/faults", self._faults, methods=["GET", "PUT"]),
                Route(f"{control}/media-bytes", self._media_bytes, methods=["GET", "DELETE"]),
                Route(f"{control}/webhooks", self._webhooks),
                Route(f"{control}/live", self._live),
            ]
        self.faults = FaultInjector(config.faults)
        starlette = Starlette(
            routes=routes, exception_handlers={404: _http_error, 405: _http_error}
        )
        self._inner = self.faults.wrap(starlette, only_prefix=API_PREFIX)
        #: The most recent requests as (method, path, query): tests read what clients asked.
        self.request_log: deque[tuple[str, str, str]] = deque(maxlen=2000)
        #: Audio bytes handed to clients so far (benchmarks: how much a player prefetches).
        self.media_bytes_sent = 0
        #: Live mode: the tenant moving with the clock, and where its events are posted.
        self.live = LiveTenant(self.tenant, config.live, config.clock()) if config.live else None
        self.webhooks: WebhookSender | None = None
        if config.webhook_url:
            if config.live is None or not config.webhook_secret:
                raise ValueError("webhooks need live mode and a secret to sign them with")
            self.webhooks = WebhookSender(
                config.webhook_url,
                config.webhook_secret,
                policy=config.webhook_policy,
                clock=config.clock,
            )
        #: Every live event so far, newest last (tests).
        self.events: deque[LiveEvent] = deque(maxlen=2000)

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The ASGI application."""
        self.advance()  # every answer shows the tenant as it is now
        if scope["type"] == "http":
            query = scope.get("query_string", b"").decode("latin-1")
            self.request_log.append((scope["method"], scope["path"], query))
            raw_path = scope.get("raw_path")
            if raw_path and _ENCODED_SLASH_RE.search(raw_path):
                scope = {**scope, "path": _path_keeping_encoded_slashes(raw_path)}
        await self._inner(scope, receive, send)

    # -- live mode -------------------------------------------------------------------------

    def advance(self) -> list[LiveEvent]:
        """Start and end the live calls that are due (posting their events); none without
        live mode. Runs on the server's event loop only."""
        if self.live is None:
            return []
        events = self.live.advance(self.config.clock())
        for event in events:
            self.events.append(event)
            if self.webhooks is not None:
                self.webhooks.send(event)
        return events

    async def run_background(self) -> None:
        """What live mode does between requests: move the tenant on time and deliver
        webhooks. Runs until cancelled (nothing to do without live mode)."""
        if self.live is None:
            return
        async with asyncio.TaskGroup() as group:
            if self.webhooks is not None:
                group.create_task(self.webhooks.run())
            group.create_task(self._tick())

    async def _tick(self) -> None:
        assert self.live is not None
        while True:
            self.advance()
            wait = self.live.seconds_to_next(self.config.clock())
            # At most a second: a clock that is not time.time (tests) may jump.
            await asyncio.sleep(1.0 if wait is None else min(1.0, wait + 0.001))

    # -- control (tests) -------------------------------------------------------------------

    async def _health(self, request: Request) -> Response:
        return JSONResponse({"calls": len(self.tenant.calls)})

    async def _requests(self, request: Request) -> Response:
        if request.method == "DELETE":
            self.request_log.clear()
        log = [list(r) for r in self.request_log if not r[1].startswith(CONTROL_PREFIX)]
        return JSONResponse(log)

    async def _live(self, request: Request) -> Response:
        """When live mode started (this server's clock) and how far it is."""
        if self.live is None:
            return JSONResponse(None)
        return JSONResponse(
            {
                "started": self.live.started,
                "interval": self.live.options.interval,
                "started_calls": self.live.started_calls,
                "clock": self.config.clock(),
            }
        )

    async def _webhooks(self, request: Request) -> Response:
        deliveries = self.webhooks.deliveries if self.webhooks else ()
        return JSONResponse([d.as_json() for d in deliveries])

    async def _media_bytes(self, request: Request) -> Response:
        if request.method == "DELETE":
            self.media_bytes_sent = 0
        return JSONResponse({"bytes": self.media_bytes_sent})

    async def _faults(self, request: Request) -> Response:
        if request.method == "PUT":
            self.faults.faults = Faults.parse((await request.body()).decode())
        return JSONResponse(self.faults.injected)

    # -- auth ------------------------------------------------------------------------------

    def _authorize(self, request: Request) -> Response | None:
        key = request.headers.get("x-api-key")
        if not key or key not in self.keys:
            return _error(401, "unauthorized", "Missing or invalid API key (X-API-Key header).")
        if "calls:read" not in self.keys[key]:
            return _error(403, "forbidden", "This API key lacks the required scope: calls:read.")
        return None

    def _call(self, request: Request) -> DemoCall | Response:
        denied = self._authorize(request)
        if denied is not None:
            return denied
        call_id = _path_param(request, "call_id")
        call = self.tenant.by_id.get(call_id)
        if call is None:
            return _error(404, "not_found", f"No call with id '{call_id}'.")
        return call

    # -- endpoints -------------------------------------------------------------------------

    async def list_calls(self, request: Request) -> Response:
        denied = self._authorize(request)
        if denied is not None:
            return denied
        q = request.query_params
        try:
            limit = int(q.get("limit", "20"))
            offset = int(q.get("offset", "0"))
        except ValueError:
            return _error(400, "invalid_parameter", "limit and offset must be whole numbers.")
        if not 1 <= limit <= 100:
            return _error(400, "invalid_parameter", "limit must be between 1 and 100.")
        if offset < 0:
            return _error(400, "invalid_parameter", "offset must not be negative.")
        sort_by = q.get("sort_by", "started_at")
        sort_order = q.get("sort_order", "desc")
        if sort_by not in ("started_at", "duration_seconds"):
            return _error(
                400, "invalid_parameter", "sort_by must be started_at or duration_seconds."
            )
        if sort_order not in ("asc", "desc"):
            return _error(400, "invalid_parameter", "sort_order must be asc or desc.")
        ordered = self.tenant.sorted_calls(sort_by, sort_order)
        data = [c.summary_json() for c in ordered[offset : offset + limit]]
        return JSONResponse({"data": data, "total": len(ordered), "limit": limit, "offset": offset})

    async def get_call(self, request: Request) -> Response:
        call = self._call(request)
        return call if isinstance(call, Response) else JSONResponse(call.detail_json())

    async def get_transcript(self, request: Request) -> Response:
        call = self._call(request)
        return call if isinstance(call, Response) else JSONResponse(call.transcript_json())

    async def get_recording(self, request: Request) -> Response:
        call = self._call(request)
        if isinstance(call, Response):
            return call
        if call.no_recording_reason or call.conversation is None:
            reason = call.no_recording_reason or "This call has no recording."
            return _error(404, "recording_not_found", reason)
        expires = int(self.config.clock()) + self.config.url_ttl
        name = f"{call.id}.ogg"
        # The configured origin, not the request's Host header: a client cannot make the
        # server sign a link to another host.
        url = f"{self.origin}{MEDIA_PREFIX}/{name}?{self.signer.query(name, expires)}"
        return JSONResponse(
            {
                "url": url,
                "format": "ogg",
                "duration_seconds": call.duration_seconds,
                "expires_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expires)),
            }
        )

    def audio_for(self, name: str) -> bytes | None:
        if name in self.extra_audio:
            return self.extra_audio[name]
        call = self.tenant.by_id.get(name.removesuffix(".ogg"))
        return None if call is None else call.recording

    async def get_audio(self, request: Request) -> Response:
        name = _path_param(request, "name")
        q = request.query_params
        check = self.signer.check(
            name, q.get("X-Aurion-Expires"), q.get("X-Aurion-Signature"), self.config.clock()
        )
        if check is SignatureCheck.EXPIRED:
            return _error(403, "expired", "Request has expired: ask the API for a fresh URL.")
        if check is SignatureCheck.INVALID:
            return _error(403, "signature_mismatch", "The URL signature does not match.")
        audio = self.audio_for(name)
        if audio is None:
            return _error(404, "no_such_key", "The recording does not exist.")
        return ranged_response(
            audio,
            request.headers.get("range"),
            request.method == "HEAD",
            self._count_media,
            request.is_disconnected,
        )

    def _count_media(self, sent: int) -> None:
        self.media_bytes_sent += sent


MEDIA_CHUNK = 64 * 1024


def ranged_response(
    data: bytes,
    range_header: str | None,
    head: bool = False,
    on_sent: Callable[[int], None] | None = None,
    disconnected: Callable[[], Awaitable[bool]] | None = None,
) -> Response:
    """200 with the whole body, or 206/416 for a single ``bytes=`` range (RFC 9110).

    Bodies stream in 64 KiB chunks, as an object store's do: a client that stops reading
    (a player with enough buffered) is not sent the rest. ``on_sent`` counts the bytes.
    """
    size = len(data)
    headers = {"Accept-Ranges": "bytes", "Cache-Control": "private, max-age=0"}
    media_type = "audio/ogg"
    if range_header:
        parsed = _parse_range(range_header, size)
        if parsed is None:
            headers["Content-Range"] = f"bytes */{size}"
            return Response(b"", 416, headers=headers, media_type=media_type)
        start, end = parsed
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        headers["Content-Length"] = str(end - start + 1)
        if head:
            return Response(b"", 206, headers=headers, media_type=media_type)
        return StreamingResponse(
            _chunks(data, start, end + 1, on_sent, disconnected),
            206,
            headers=headers,
            media_type=media_type,
        )
    headers["Content-Length"] = str(size)
    if head:
        return Response(b"", 200, headers=headers, media_type=media_type)
    return StreamingResponse(
        _chunks(data, 0, size, on_sent, disconnected), 200, headers=headers, media_type=media_type
    )


async def _chunks(
    data: bytes,
    start: int,
    stop: int,
    on_sent: Callable[[int], None] | None,
    disconnected: Callable[[], Awaitable[bool]] | None = None,
) -> AsyncIterator[bytes]:
    view = memoryview(data)
    for offset in range(start, stop, MEDIA_CHUNK):
        # uvicorn silently drops writes to a closed connection: stop instead of "sending"
        # (and counting) the rest of the file to a player that has hung up.
        if disconnected is not None and await disconnected():
            return
        chunk = bytes(view[offset : min(stop, offset + MEDIA_CHUNK)])
        yield chunk  # resumed once the server has handed it to the connection
        if on_sent is not None:
            on_sent(len(chunk))


def _parse_range(value: str, size: int) -> tuple[int, int] | None:
    unit, _, spec = value.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec or size == 0:
        return None
    first, _, last = spec.strip().partition("-")
    try:
        if not first:  # suffix: the last N bytes
            n = int(last)
            if n <= 0:
                return None
            return max(0, size - n), size - 1
        start = int(first)
        end = int(last) if last else size - 1
    except ValueError:
        return None
    if start >= size or end < start:
        return None
    return start, min(end, size - 1)


class DemoServer(DemoEndpoint):
    """Runs the demo API with uvicorn on a background thread; ``base_url`` once started."""

    def __init__(
        self, config: DemoConfig | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        super().__init__(config, host, port)
        self.api = DemoApi(self.config)
        self._server = uvicorn.Server(uvicorn_config(self.api, host, self.port))
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = 15.0) -> DemoServer:
        # uvicorn installs signal handlers only on the main thread; a worker thread skips them.
        self._thread = threading.Thread(
            target=lambda: asyncio.run(serve(self.api, self._server)),
            name="aurion-demo-server",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"The demo server could not start on {self.origin}.")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve_forever(config: DemoConfig, host: str, port: int, announce: Callable[[str], Any]) -> None:
    """Run in the foreground until interrupted (the ``demo-server`` command)."""
    config = dataclasses.replace(
        config, public_origin=config.public_origin or http_origin(host, port)
    )
    api = DemoApi(config)
    server = uvicorn.Server(uvicorn_config(api, host, port))
    announce(f"{len(api.tenant.calls)} demo calls")
    asyncio.run(serve(api, server))


async def serve(api: DemoApi, server: uvicorn.Server) -> None:
    """Serve ``api`` until the server is told to exit, with its live mode running beside."""
    background = asyncio.ensure_future(api.run_background())
    background.add_done_callback(_report_background_end)
    try:
        await server.serve()
    finally:
        # Stopped with the server; asyncio.run waits for it to end (its HTTP client closed).
        background.cancel()


def _report_background_end(task: asyncio.Future[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the demo server's live mode stopped", exc_info=task.exception())


def uvicorn_config(api: DemoApi, host: str, port: int) -> uvicorn.Config:
    """How both runners serve ``api``: bounded request heads, keep-alive and request time."""
    c = api.config
    return bounded_uvicorn_config(
        api.app,
        host,
        port,
        request_timeout=c.request_timeout,
        max_head_bytes=c.max_head_bytes,
        keep_alive_timeout=c.keep_alive_timeout,
    )
