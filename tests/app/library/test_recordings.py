"""Recordings kept offline: only when asked, within a cap, played and exported from the file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from app.demo.config import DemoConfig
from app.demo.server import DemoServer
from app.demo.tenant import DemoCall
from app.errors import NotInLibraryError, RecordingUnavailableError
from app.library import repository as repo
from app.library.library import Library
from app.library.source import LibrarySource
from app.library.sync import SyncOptions
from app.session import lease_client
from app.source import CallFilters, CallQuery
from tests.app.library.conftest import client_for, run, sync_once, with_library


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer(DemoConfig(calls=120)) as s:
        yield s


def with_recording(server: DemoServer) -> list[DemoCall]:
    """Ended calls whose recording the API has, newest first."""
    calls = [c for c in server.api.tenant.calls if c.no_recording_reason is None and c.conversation]
    return sorted(calls, key=lambda c: c.started_at, reverse=True)


def audio(server: DemoServer, call: DemoCall) -> bytes:
    data = server.api.audio_for(f"{call.id}.ogg")
    assert data is not None
    return data


def test_nothing_is_kept_unless_asked(server: DemoServer, tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    assert run(with_library(path, lambda lib: sync_once(lib, server))).ok
    assert not (tmp_path / "l.recordings").exists()
    assert run(with_library(path, lambda lib: lib.kept_recordings())) == []

    async def offline(library: Library) -> None:
        source = LibrarySource(library)
        call_id = with_recording(server)[0].id
        with pytest.raises(RecordingUnavailableError, match="not kept offline"):
            await source.get_recording(call_id)
        # Not a fact about the recording: an export run online later still fetches it.
        with pytest.raises(NotInLibraryError, match="not kept in the library"):
            await source.save_recording(call_id, tmp_path / "x.ogg")

    run(with_library(path, offline))


def test_a_call_kept_offline_plays_and_exports_from_its_file(
    server: DemoServer, tmp_path: Path
) -> None:
    path = tmp_path / "l.sqlite3"
    kept, other = with_recording(server)[:2]
    assert run(with_library(path, lambda lib: sync_once(lib, server))).ok
    unknown = run(with_library(path, lambda lib: lib.keep_offline([kept.id, "call_nope"])))
    assert unknown == ["call_nope"]
    report = run(with_library(path, lambda lib: sync_once(lib, server)))
    assert report.ok and report.progress.recordings == 1

    async def check(library: Library) -> None:
        source = LibrarySource(library)
        link = await source.get_recording(kept.id)
        assert link.url.startswith("file://") and link.format == "ogg"
        file = Path(unquote(urlsplit(link.url).path))
        assert file.parent == library.recordings and file.read_bytes() == audio(server, kept)
        saved = await source.save_recording(kept.id, tmp_path / "out" / "copy.ogg")
        assert saved.path.read_bytes() == audio(server, kept)
        assert saved.sha256 == hashlib.sha256(audio(server, kept)).hexdigest()
        listed = await library.kept_recordings()
        assert [(r.call_id, r.pinned, r.size) for r in listed] == [
            (kept.id, True, len(audio(server, kept)))
        ]
        with pytest.raises(RecordingUnavailableError):
            await source.get_recording(other.id)
        # With the API at hand, what is not kept streams from there.
        online = LibrarySource(library, remote=lease_client(client_for(server)))
        assert (await online.get_recording(other.id)).url.startswith(server.origin)
        await online.aclose()

    run(with_library(path, check))

    async def forget(library: Library) -> None:
        await library.keep_offline([kept.id], keep=False)
        assert await library.kept_recordings() == []
        with pytest.raises(RecordingUnavailableError):
            await LibrarySource(library).get_recording(kept.id)

    run(with_library(path, forget))
    assert list((tmp_path / "l.recordings").iterdir()) == []


def test_with_recordings_stays_under_the_cap(server: DemoServer, tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite3"
    recent = with_recording(server)
    sizes = [len(audio(server, c)) for c in recent]
    cap = sum(sizes[:3]) + sizes[3] // 2  # room for three and a half

    report = run(
        with_library(
            path,
            lambda lib: sync_once(
                lib, server, SyncOptions(with_recordings=True, recordings_cap=cap)
            ),
        )
    )
    assert report.progress.recordings == 3 and report.recordings_over_cap > 0
    assert any("cap" in note for note in report.notes)
    kept = run(with_library(path, lambda lib: lib.kept_recordings()))
    assert {r.call_id for r in kept} == {c.id for c in recent[:3]}
    on_disk = sum(p.stat().st_size for p in (tmp_path / "l.recordings").iterdir())
    assert on_disk == sum(sizes[:3]) <= cap
    assert not any(p.name.endswith(".part") for p in (tmp_path / "l.recordings").iterdir())
    # The cap is remembered: the next sync keeps no more.
    report = run(
        with_library(path, lambda lib: sync_once(lib, server, SyncOptions(with_recordings=True)))
    )
    assert report.progress.recordings == 0


def test_what_the_api_says_of_recordings_is_kept_and_filtered_on(
    server: DemoServer, tmp_path: Path
) -> None:
    path = tmp_path / "l.sqlite3"
    report = run(
        with_library(path, lambda lib: sync_once(lib, server, SyncOptions(with_recordings=True)))
    )
    calls = server.api.tenant.calls
    ended = [c for c in calls if c.status != "active"]
    gone = [c for c in ended if c.no_recording_reason]
    assert gone and report.recordings_unavailable == len(gone)
    assert report.progress.recordings == len(ended) - len(gone)

    async def check(library: Library) -> None:
        source = LibrarySource(library)
        old = next(c for c in gone if "retention" in (c.no_recording_reason or ""))
        with pytest.raises(RecordingUnavailableError, match="retention period") as err:
            await source.get_recording(old.id)
        assert err.value.server_message == old.no_recording_reason
        with_ = await source.list_calls(
            CallQuery(limit=1000, filters=CallFilters(has_recording=True))
        )
        without = await source.list_calls(
            CallQuery(limit=1000, filters=CallFilters(has_recording=False))
        )
        assert {c.id for c in with_.data} == {c.id for c in ended if not c.no_recording_reason}
        assert {c.id for c in without.data} == {c.id for c in gone}
        state: Any = await library.reader.run(repo.recording_state, old.id)
        assert state == (False, old.no_recording_reason)

    run(with_library(path, check))
