"""Shared fixtures: an isolated in-memory keyring and a demo server on loopback."""

from __future__ import annotations

import faulthandler
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from app.demo.config import DemoConfig
from app.demo.server import DemoServer

# A hang inside Qt's native code (e.g. QMediaPlayer waiting on a thread that needs the GIL) holds
# the GIL, so pytest-timeout's signal and thread methods cannot fire. faulthandler's watchdog is a
# C thread: it dumps every stack and exits, so such a hang fails fast instead of eating CI's budget.
SESSION_WATCHDOG_S = int(os.environ.get("AURION_TEST_WATCHDOG_S", "900"))


def pytest_sessionstart(session: pytest.Session) -> None:
    faulthandler.dump_traceback_later(SESSION_WATCHDOG_S, exit=True)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    faulthandler.cancel_dump_traceback_later()


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict, so no test ever touches a real user keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.items.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture(scope="session", autouse=True)
def isolated_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Config, data (libraries, the audit trail) and the keyring of every process a test
    starts (the CLI in a child too) live in a temporary folder, never the user's."""
    home = tmp_path_factory.mktemp("user")
    wanted = {
        "AURION_CONFIG_DIR": str(home / "config"),
        "AURION_DATA_DIR": str(home / "data"),
        "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
        "AURION_TEST_KEYRING": str(home / "keyring.json"),
    }
    saved = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    yield home
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def demo_server() -> Iterator[DemoServer]:
    """One shared demo server (default tenant) for read-only tests."""
    with DemoServer(DemoConfig()) as server:
        yield server
