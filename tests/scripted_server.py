"""An Aurion-shaped test server that serves exactly the payloads a test gives it, odd ones too.

Unlike the demo server, nothing is generated: each call is the JSON a test wrote (a leap
second, ids with '/' or newlines, a recording deleted after retention...), served over real
loopback HTTP by uvicorn on a thread. Ids are matched on the raw, percent-decoded path segment,
so ``/calls/a%2Fb`` finds the call ``a/b``.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote

import uvicorn

from app.demo.config import free_port

KEY = "ak_test_scripted_read"
Scope = MutableMapping[str, Any]
Send = Callable[[MutableMapping[str, Any]], Any]


@dataclass
class ScriptedCall:
    """One call: its detail (the list shows the summary fields of it), transcript, recording.

    ``recording`` is the audio, or a string: the reason of a 404 ``recording_not_found``.
    """

    detail: dict[str, Any]
    segments: list[dict[str, Any]] = field(default_factory=list)
    recording: bytes | str = "This call has no recording."

    @property
    def id(self) -> str:
        return str(self.detail["id"])

    def summary(self) -> dict[str, Any]:
        keep = (
            "id", "caller_id", "channel", "status", "duration_seconds", "language",
            "started_at", "ended_at", "requester_id", "tickets_created", "authenticated",
        )  # fmt: skip
        return {k: v for k, v in self.detail.items() if k in keep}


def call(call_id: str, started_at: str = "2026-03-08T10:30:00Z", **fields: Any) -> ScriptedCall:
    """A plain completed call with two segments; ``fields`` override the detail."""
    detail = {
        "id": call_id,
        "caller_id": "+33612345678",
        "channel": "phone",
        "status": "completed",
        "duration_seconds": 20,
        "language": "fr-FR",
        "started_at": started_at,
        "ended_at": "2026-03-08T10:30:20Z",
        "requester_id": 42,
        "requester_name": "Jean Dupont",
        "tickets_created": [1042],
        "authenticated": True,
        "escalated": False,
        "sentiment": "neutral",
        "tools_used": ["search_kb"],
    }
    detail.update(fields)
    segments = [
        {"speaker": "agent", "text": "Bonjour, Aurion support.", "timestamp": started_at},
        {"speaker": "caller", "text": "Mon VPN ne marche pas.", "timestamp": started_at},
    ]
    return ScriptedCall(detail, segments)


class ScriptedServer:
    """``with ScriptedServer([call(...), ...]) as server:``; ``server.calls`` may change live.

    The list is served in the order the calls were given, unless ``sort``: then by
    ``sort_by`` and ``sort_order`` as the API does (ties by id), which a newest-first walk
    (the library's sync) needs.
    """

    def __init__(self, calls: list[ScriptedCall], sort: bool = False) -> None:
        self.calls = {c.id: c for c in calls}
        self.sort = sort
        self.port = free_port()
        self.requests: list[str] = []
        self._server = uvicorn.Server(
            uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning",
                           lifespan="off", access_log=False, interface="asgi3")
        )  # fmt: skip
        self._thread: threading.Thread | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return self.origin + "/api/v1"

    def put(self, scripted: ScriptedCall) -> None:
        self.calls[scripted.id] = scripted

    def remove(self, call_id: str) -> None:
        """The API no longer lists (nor has) this call: retention."""
        del self.calls[call_id]

    def __enter__(self) -> ScriptedServer:
        self._thread = threading.Thread(
            target=lambda: asyncio.run(self._server.serve()), daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            assert time.monotonic() < deadline and self._thread.is_alive()
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)

    async def app(self, scope: Scope, receive: Any, send: Send) -> None:
        raw = scope.get("raw_path") or scope["path"].encode()
        path = raw.decode("latin-1").split("?")[0]
        self.requests.append(path)
        parts = [unquote(p) for p in path.split("/")[1:]]
        query = parse_qs(scope.get("query_string", b"").decode())
        if parts[:1] == ["media"]:
            scripted = self.calls.get(parts[1])
            if scripted is None or not isinstance(scripted.recording, bytes):
                await _send(send, 404, {"error": {"code": "no_such_key"}})
            else:
                await _send(send, 200, scripted.recording, "audio/ogg")
            return
        if dict(scope["headers"]).get(b"x-api-key") != KEY.encode():
            await _send(send, 401, {"error": {"code": "unauthorized", "message": "Bad key."}})
            return
        if parts[:3] != ["api", "v1", "calls"]:
            await _send(send, 404, {"error": {"code": "not_found", "message": "No route."}})
            return
        rest = parts[3:]
        if not rest:
            await self._list(send, query)
            return
        scripted = self.calls.get(rest[0])
        if scripted is None or len(rest) > 2:
            await _send(send, 404, {"error": {"code": "not_found", "message": "No such call."}})
        elif len(rest) == 1:
            await _send(send, 200, scripted.detail)
        elif rest[1] == "transcript":
            await _send(send, 200, {"call_id": scripted.id, "segments": scripted.segments})
        elif rest[1] == "recording":
            if isinstance(scripted.recording, str):
                error = {"code": "recording_not_found", "message": scripted.recording}
                await _send(send, 404, {"error": error})
            else:
                await _send(send, 200, {
                    "url": f"{self.origin}/media/{scripted.id}?X-Amz-Signature=secret",
                    "format": "ogg", "duration_seconds": scripted.detail.get("duration_seconds"),
                    "expires_at": "2099-01-01T00:00:00Z",
                })  # fmt: skip
        else:
            await _send(send, 404, {"error": {"code": "not_found", "message": "No route."}})

    async def _list(self, send: Send, query: dict[str, list[str]]) -> None:
        limit = int(query.get("limit", ["20"])[0])
        offset = int(query.get("offset", ["0"])[0])
        calls = [c.summary() for c in self.calls.values()]
        if self.sort:
            field = query.get("sort_by", ["started_at"])[0]
            calls.sort(
                key=lambda c: (c.get(field) is not None, c.get(field) or 0, c["id"]),
                reverse=query.get("sort_order", ["desc"])[0] == "desc",
            )
        page = calls[offset : offset + limit]
        await _send(send, 200, {"data": page, "total": len(calls), "limit": limit,
                                "offset": offset})  # fmt: skip


async def _send(send: Send, status: int, body: object, kind: str = "application/json") -> None:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = [(b"content-type", kind.encode()), (b"content-length", str(len(data)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})
