"""One account's local library: where its file lives, its connections, recordings, listeners."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from app.accounts import data_dir
from app.client import validate_base_url
from app.errors import LibraryError
from app.library import repository as repo
from app.library.repository import Database, KeptRecording, LibraryStats

log = logging.getLogger(__name__)

CallsChanged = Callable[[frozenset[str]], None]


def library_path(base_url: str) -> Path:
    """The library file of the account at ``base_url``: one per API base URL, named after
    its host and a digest of the whole URL (two accounts on one host get two files)."""
    url = str(validate_base_url(base_url))
    host = validate_base_url(base_url).host
    slug = re.sub(r"[^a-z0-9.-]+", "-", host.lower()).strip(".-")[:60] or "api"
    digest = hashlib.sha256(url.encode()).hexdigest()[:12]
    return data_dir() / "libraries" / f"{slug}-{digest}.sqlite3"


def recordings_dir(path: Path) -> Path:
    """The folder of recordings kept offline, next to the library file."""
    return path.with_name(path.name.removesuffix(".sqlite3") + ".recordings")


class Library:
    """A library file, open: a reader connection (pages, searches) and a writer (syncs),
    each on a thread of its own, and the listeners told which calls changed.

    ``subscribe(callback)`` registers ``callback(call_ids)``; a sync calls it on the event
    loop after each batch it stores (new calls, changed ones, fetched ones).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.recordings = recordings_dir(path)
        self.reader = Database(path, cache_kib=16 * 1024)
        self.writer = Database(path, cache_kib=8 * 1024)
        self._listeners: list[CallsChanged] = []

    @classmethod
    async def open(cls, path: Path, *, create: bool = True, account: str | None = None) -> Library:
        """Open (or, with ``create``, make) the library at ``path``, its schema brought up to
        date. With ``account`` (an API base URL), check that the library is that account's."""
        if not create and not path.is_file():
            raise LibraryError(
                f"There is no library at {path}: run `aurion-review sync` first to make one."
            )
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not path.exists():
                # Transcripts are personal data: the file is the user's alone (SQLite gives
                # its -wal and -shm files the mode of the database file).
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            pass  # made meanwhile by another process
        except OSError as exc:
            raise LibraryError(f"Cannot make the library {path}: {exc.strerror}.") from None
        library = cls(path)
        try:
            await library.writer.run(repo.schema_version)
            if account is not None:
                await library.check_account(account)
        except BaseException:
            await library.aclose()
            raise
        return library

    async def check_account(self, account: str) -> None:
        """Tie the library to ``account`` on first use; refuse another account's."""
        held = await self.writer.run(repo.claim_account, account)
        if held != account:
            raise LibraryError(
                f"The library {self.path} holds the calls of {held}, not of {account}: "
                "give another --library file."
            )

    async def account(self) -> str | None:
        return await self.reader.run(repo.get_meta, "account")

    async def stats(self) -> LibraryStats:
        return await self.reader.run(repo.stats)

    async def meta(self) -> dict[str, str]:
        return await self.reader.run(repo.all_meta)

    async def data_version(self) -> int:
        """Changes when the file has changed since the last call: a sync or webhook
        receiver in this process (they write through ``writer``) or in another one (``aurion-
        review sync --listen``). Poll it to notice writes ``subscribe`` does not hear of."""
        return await self.reader.run(repo.data_version)

    # -- listeners -------------------------------------------------------------------------

    def subscribe(self, callback: CallsChanged) -> Callable[[], None]:
        """Call ``callback(call_ids)`` when calls change; returns what unsubscribes it."""
        self._listeners.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(callback)

        return unsubscribe

    def notify(self, call_ids: Iterable[str]) -> None:
        ids = frozenset(call_ids)
        if not ids:
            return
        for callback in list(self._listeners):
            try:
                callback(ids)
            except Exception:  # a listener's bug must not end a sync
                log.exception("a library listener failed")

    # -- recordings kept offline -----------------------------------------------------------

    async def keep_offline(self, call_ids: Iterable[str], keep: bool = True) -> list[str]:
        """Mark recordings to keep offline (the next sync downloads them), or stop keeping
        them (their files are deleted now); the ids the library does not hold."""
        ids = list(dict.fromkeys(call_ids))
        unknown = await self.writer.run(repo.set_keep, ids, keep)
        if not keep:
            for call_id in ids:
                name = await self.writer.run(repo.forget_recording, call_id)
                if name is not None:
                    self.remove_recording_file(name)
        self.notify(i for i in ids if i not in unknown)
        return unknown

    async def kept_recordings(self) -> list[KeptRecording]:
        return await self.reader.run(repo.kept_recordings)

    def recording_file(self, name: str) -> Path:
        # Names are ours (a digest and an extension), but never leave the folder.
        return self.recordings / Path(name).name

    def remove_recording_file(self, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.recording_file(name).unlink()

    async def aclose(self) -> None:
        await self.reader.aclose()
        await self.writer.aclose()
