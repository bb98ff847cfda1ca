"""Library fixtures: demo servers on loopback, libraries synced from them, sync helpers."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.client import AurionClient
from app.demo.config import DemoConfig
from app.demo.server import DemoServer
from app.library.library import Library
from app.library.sync import LibrarySync, SyncOptions, SyncProgress, SyncReport
from app.session import lease_client
from tests.scripted_server import KEY as SCRIPTED_KEY
from tests.scripted_server import ScriptedServer

#: Calls of the module-wide demo tenant: enough for every filter to have hits, quick to sync.
CALLS = 400


def client_for(server: DemoServer | ScriptedServer, **kw: Any) -> AurionClient:
    key = server.api_key if isinstance(server, DemoServer) else SCRIPTED_KEY
    return AurionClient(server.base_url, key, **kw)


async def sync_once(
    library: Library,
    server: DemoServer | ScriptedServer,
    options: SyncOptions | None = None,
    on_progress: Callable[[SyncProgress], None] | None = None,
) -> SyncReport:
    sync = LibrarySync(library, lease_client(client_for(server)), options, on_progress)
    return await sync.run()


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def with_library(path: Path, work: Callable[[Library], Any]) -> Any:
    library = await Library.open(path)
    try:
        return await work(library)
    finally:
        await library.aclose()


@pytest.fixture(scope="module")
def tenant_server() -> Iterator[DemoServer]:
    """A demo server of its own (tests may read its tenant as the truth)."""
    with DemoServer(DemoConfig(calls=CALLS)) as server:
        yield server


@pytest.fixture(scope="module")
def synced_file(tenant_server: DemoServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library file synced once from ``tenant_server``; copy it before changing it."""
    path = tmp_path_factory.mktemp("synced") / "library.sqlite3"

    async def go(library: Library) -> SyncReport:
        return await sync_once(library, tenant_server)

    report = run(with_library(path, go))
    assert report.ok, (report.failures, report.listing_problems, report.error)
    return path


@pytest.fixture
def library_copy(synced_file: Path, tmp_path: Path) -> Path:
    """A copy of the synced library that a test may change."""
    dest = tmp_path / "library.sqlite3"
    shutil.copy(synced_file, dest)
    return dest
