"""Which account the window talks to, and who keeps its client open: leases on shared clients."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.accounts import ENV_API_KEY, KeyStore, ProfileStore
from app.apikey import ApiKey
from app.client import AurionClient
from app.demo.config import DemoConfig
from app.demo.process import DemoProcess
from app.demo.tenant import live_anchor

if TYPE_CHECKING:
    from app.demo.server import DemoServer  # the in-process server (tests): its web stack
from app.errors import ConfigurationError
from app.i18n import QT_TRANSLATE_NOOP, Text
from app.source import CallSource, RemoteSource

DEMO_PROFILE = ""  # the built-in demo is the profile with no name
#: The account the demo's library belongs to: its server's port changes from run to run, its
#: tenant does not, so its library is one file whatever the port.
DEMO_ACCOUNT = "http://localhost/aurion-demo/api/v1"


class SharedSource:
    """A ``CallSource`` several owners use (the window, a running export): each holds a lease,
    and the source (its connections) closes when the last lease ends, never under a user's
    feet."""

    def __init__(self, source: CallSource) -> None:
        self.source = source
        self._leases = 0
        self._closing: asyncio.Task[None] | None = None

    @property
    def closed(self) -> bool:
        return self._closing is not None

    def lease(self) -> SourceLease:
        if self._closing is not None:
            raise RuntimeError("this source is closed: open the account again")
        self._leases += 1
        return SourceLease(self)

    async def _release(self) -> None:
        self._leases -= 1
        if self._leases == 0 and self._closing is None:
            self._closing = asyncio.ensure_future(self.source.aclose())
        if self._closing is not None:
            await asyncio.shield(self._closing)


class SourceLease:
    """One owner's hold on a ``SharedSource``; ``release()`` once, or use ``async with``."""

    def __init__(self, shared: SharedSource) -> None:
        self._shared = shared
        self._released = False

    @property
    def source(self) -> CallSource:
        return self._shared.source

    @property
    def released(self) -> bool:
        return self._released

    def share(self) -> SourceLease:
        """Another lease on the same source, for a new owner (an export job)."""
        return self._shared.lease()

    async def release(self) -> None:
        if not self._released:
            self._released = True
            await self._shared._release()

    async def __aenter__(self) -> CallSource:
        return self.source

    async def __aexit__(self, *exc: object) -> None:
        await self.release()


def lease_source(source: CallSource) -> SourceLease:
    """The first lease on a new source: whoever holds it decides when the source may close."""
    return SharedSource(source).lease()


def lease_client(client: AurionClient) -> SourceLease:
    """The first lease on the API behind ``client``."""
    return lease_source(RemoteSource(client))


@dataclass(frozen=True)
class Connection:
    """What the window is connected to, and its lease on the API."""

    profile: str
    base_url: str
    lease: SourceLease = field(compare=False)

    @property
    def account(self) -> str:
        """What the account's library and provenance call it (the API's base URL)."""
        return DEMO_ACCOUNT if self.is_demo else self.base_url

    def library_file(self) -> Path:
        from app.library.library import library_path

        return library_path(self.account)

    async def open_library(self, create: bool = False) -> SourceLease:
        """A lease on the account's library (``LibraryError`` when there is none and not
        ``create``), streaming from the API what it does not keep."""
        from app.library.library import Library
        from app.library.source import LibrarySource

        library = await Library.open(self.library_file(), create=create, account=self.account)
        remote = self.lease.share()
        return lease_source(LibrarySource(library, remote, owns_library=True))

    @property
    def source(self) -> CallSource:
        return self.lease.source

    @property
    def client(self) -> AurionClient:
        """The API client (the window pages the remote API only, for now)."""
        source = self.lease.source
        assert isinstance(source, RemoteSource)
        return source.client

    @property
    def is_demo(self) -> bool:
        return self.profile == DEMO_PROFILE

    @property
    def title(self) -> str:
        return "Demo data" if self.is_demo else self.profile


class DemoRuntime:
    """Starts the embedded demo server once (a child process on a free loopback port)."""

    def __init__(self, config: DemoConfig | None = None) -> None:
        self._config = config or DemoConfig(anchor=live_anchor())
        self._server: DemoProcess | None = None
        self._owned = True
        self._lock = threading.Lock()

    @classmethod
    def attached(cls, server: DemoProcess) -> DemoRuntime:
        """A runtime over a server someone else started and stops (tests, benchmarks)."""
        runtime = cls(server.config)
        runtime._server = server
        runtime._owned = False
        return runtime

    def ensure_started(self) -> DemoProcess:
        """Blocking (run it off the GUI thread): the server, started if it was not yet."""
        with self._lock:
            if self._server is None:
                self._server = DemoProcess(self._config).start()
            return self._server

    @property
    def server(self) -> DemoProcess | None:
        return self._server

    def stop(self) -> None:
        with self._lock:
            if self._server is not None and self._owned:
                self._server.stop()
                self._server = None


def open_profile(profile_name: str, profiles: ProfileStore, keys: KeyStore) -> Connection:
    """A client for a saved profile; a clear ``ConfigurationError`` when it cannot be used."""
    profile = profiles.get(profile_name)
    if profile is None:
        raise ConfigurationError(
            Text(
                QT_TRANSLATE_NOOP("AurionError", "There is no profile named '{name}'."),
                name=profile_name,
            )
        )
    key = keys.get(profile.name)
    if key is None:
        raise ConfigurationError(
            Text(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "No API key is stored for '{name}'. Add it in Accounts, or set {env}.",
                ),
                name=profile.name,
                env=ENV_API_KEY,
            )
        )
    client = AurionClient(profile.base_url, key)
    return Connection(profile.name, profile.base_url, lease_client(client))


def open_demo(server: DemoProcess | DemoServer) -> Connection:
    client = AurionClient(server.base_url, ApiKey(server.api_key))
    return Connection(
        DEMO_PROFILE, server.base_url, lease_source(RemoteSource(client, name=DEMO_ACCOUNT))
    )
