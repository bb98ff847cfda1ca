"""Which account the window talks to: a profile with its keyring key, or the built-in demo."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from app.accounts import ENV_API_KEY, KeyStore, ProfileStore
from app.apikey import ApiKey
from app.client import AurionClient
from app.demo.process import DemoProcess
from app.demo.server import DemoConfig, DemoServer
from app.demo.tenant import live_anchor
from app.errors import ConfigurationError

DEMO_PROFILE = ""  # the built-in demo is the profile with no name


@dataclass(frozen=True)
class Connection:
    """An open client and what it is connected to."""

    profile: str
    base_url: str
    client: AurionClient

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
        raise ConfigurationError(f"There is no profile named '{profile_name}'.")
    key = keys.get(profile.name)
    if key is None:
        raise ConfigurationError(
            f"No API key is stored for '{profile.name}'. Add it in Accounts, or set {ENV_API_KEY}."
        )
    return Connection(profile.name, profile.base_url, AurionClient(profile.base_url, key))


def open_demo(server: DemoProcess | DemoServer) -> Connection:
    return Connection(
        DEMO_PROFILE, server.base_url, AurionClient(server.base_url, ApiKey(server.api_key))
    )
