"""What shapes a demo server and where it listens: light enough for the window to import without
the server's web stack (Starlette, uvicorn), which runs in its own process."""

from __future__ import annotations

import dataclasses
import secrets
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from app.demo.faults import Faults
from app.demo.live import LiveOptions
from app.demo.webhooks import DeliveryPolicy

#: The built-in key with the ``calls:read`` scope.
DEMO_API_KEY = "ak_demo_reviewer_read"
#: A valid built-in key that lacks ``calls:read``: every call endpoint answers 403.
DEMO_NO_SCOPE_KEY = "ak_demo_noscope_0000"
API_PREFIX = "/api/v1"
MEDIA_PREFIX = "/media/recordings"
#: Test and benchmark endpoints, served only with ``DemoConfig.control``.
CONTROL_PREFIX = "/__demo__"


@dataclass
class DemoConfig:
    """Everything that shapes one demo server."""

    api_key: str = DEMO_API_KEY
    calls: int = 1200
    seed: int = 7
    url_ttl: int = 3600
    faults: Faults = field(default_factory=Faults)
    clock: Callable[[], float] = time.time
    #: The tenant's "now" (None: the fixed default, for reproducible tests).
    anchor: datetime | None = None
    #: Serve the CONTROL_PREFIX endpoints that let a test read requests and change faults.
    control: bool = False
    #: Add the benchmark calls: a 30-minute recording and a 10,000-segment transcript.
    bench_calls: bool = False
    signing_secret: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    #: Where signed recording URLs point (``http://127.0.0.1:8040``): set by DemoServer and
    #: serve_forever from the address they listen on, never taken from a request's Host.
    public_origin: str | None = None
    #: Seconds a client has to send a whole request, from connecting or from its first byte.
    request_timeout: float = 10.0
    #: Seconds an idle keep-alive connection stays open between requests.
    keep_alive_timeout: int = 30
    #: Largest request head (request line and headers) accepted; larger ones get a 400.
    max_head_bytes: int = 16 * 1024
    #: Live mode: new calls start every few seconds and end later (None: the tenant stays
    #: as it was generated).
    live: LiveOptions | None = None
    #: Where live events are posted (``call.started``, ``call.completed``, ``call.escalated``),
    #: signed with ``webhook_secret`` (see app/webhook_signature.py).
    webhook_url: str | None = None
    webhook_secret: bytes | None = field(default=None, repr=False)
    webhook_policy: DeliveryPolicy = field(default_factory=DeliveryPolicy)


def http_origin(host: str, port: int) -> str:
    """``http://host:port``, with an IPv6 address in brackets."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class DemoEndpoint:
    """Where a demo server listens and with which key: shared by the thread and the process."""

    def __init__(self, config: DemoConfig | None, host: str, port: int) -> None:
        self.host = host
        self.port = port or free_port(host)
        config = config or DemoConfig()
        self.config = dataclasses.replace(
            config, public_origin=config.public_origin or http_origin(host, self.port)
        )

    @property
    def origin(self) -> str:
        return http_origin(self.host, self.port)

    @property
    def base_url(self) -> str:
        return self.origin + API_PREFIX

    @property
    def api_key(self) -> str:
        return self.config.api_key
