"""Keeping a library current: walk the API's list newest first, fetch what is new or changed.

The API has no "changed since". A sync walks the list newest first until a page holds only
calls already stored, unchanged and ended (the whole list on a first sync, with ``full``, or
until an interrupted walk has once reached its end); fetches the detail and transcript of
new and changed calls and, again, of calls still active, with bounded concurrency; and
keeps the recordings asked for. Nothing is deleted because the API stopped listing it: a
complete walk marks such calls missing since then, and every row says when it was last
listed.

It runs on an event loop (the window's, or ``asyncio.run`` in the CLI) and never does
SQLite work there: every statement runs on the library's writer thread, a batch of calls
per transaction. ``cancel()`` stops it; what was stored stays, and the next sync carries on
(calls listed but not fetched yet are marked so in the library).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from app.client import walk_bound
from app.errors import (
    AurionError,
    AuthenticationError,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    RecordingUnavailableError,
)
from app.library import repository as repo
from app.library.library import Library
from app.library.repository import Fetched, Listed, Stored
from app.media import DownloadedFile
from app.models import CallDetail, CallSummary, Transcript, format_timestamp
from app.review.audit import RECORDING_DOWNLOADED, AuditLog, chunked_ids
from app.sanitize import printable
from app.session import SourceLease
from app.source import CallQuery

log = logging.getLogger(__name__)

#: Calls stored per transaction, at most, and how long a batch waits to fill.
COMMIT_BATCH = 64
COMMIT_WAIT = 0.25
#: Calls left from an earlier sync (or still active) fetched again, at most, per sync.
MAX_PENDING = 100_000
#: Index pages merged after a sync (bounded work; see ``repository.finish_sync``).
MERGE_PAGES = 200
DEFAULT_RECORDINGS_CAP = 2 * 1024**3


async def recordings_cap(library: Library, given: int | None = None) -> int:
    """The library's cap on recordings kept offline: ``given`` (then remembered), else the
    one it remembers, else the default."""
    if given is not None:
        await library.writer.run(repo.set_meta, {"recordings_cap": str(given)})
        return given
    stored = await library.reader.run(repo.get_meta, "recordings_cap")
    return int(stored) if stored and stored.isdigit() else DEFAULT_RECORDINGS_CAP


#: A page of only these ends an incremental walk: calls stored and ended (those still to
#: fetch are fetched from the library's own list of them).
_COVERED = frozenset({Listed.KNOWN, Listed.PENDING})


def _now_ms() -> int:
    return repo.to_ms(datetime.now(UTC))


@dataclass(frozen=True)
class SyncOptions:
    """How a sync runs."""

    #: Calls fetched at once (detail, then transcript), each over its own connection.
    concurrency: int = 8
    #: Walk the whole list, not only until it meets what the library holds.
    full: bool = False
    #: Keep every ended call's recording offline (else only those marked "keep offline").
    with_recordings: bool = False
    #: Most bytes of recordings kept offline in this library; None: the cap the library
    #: was last given (remembered in it), else ``DEFAULT_RECORDINGS_CAP``.
    recordings_cap: int | None = None
    #: Recordings downloaded at once.
    recording_concurrency: int = 4
    page_size: int = 100
    #: Calls that fail in a row because the API cannot be reached before the sync stops.
    max_network_failures: int = 10


@dataclass
class SyncProgress:
    """Counts of a running sync, for a progress bar: read it from ``on_progress``."""

    phase: str = "listing"  # listing, fetching, recordings, done
    pages: int = 0
    listed: int = 0
    new: int = 0
    changed: int = 0
    #: Calls to fetch found so far (new, changed, active, left from before).
    queued: int = 0
    fetched: int = 0
    failed: int = 0
    segments: int = 0
    recordings: int = 0
    recording_bytes: int = 0
    #: The number of calls the API announced, once its first page arrived.
    list_total: int | None = None
    #: The walk goes through the whole list (a first sync, ``full``): calls not listed yet
    #: will be fetched too.
    whole_walk: bool = False
    listing_done: bool = False
    started: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> int:
        return self.fetched + self.failed

    @property
    def expected(self) -> int:
        """Calls this sync should fetch in all, as far as known (the announced total bounds
        a first sync before its walk ends)."""
        if self.listing_done or self.list_total is None or not self.whole_walk:
            return self.queued
        return self.queued + max(0, self.list_total - self.listed)

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.fetched / elapsed if elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        if self.rate <= 0:
            return None
        return max(0.0, (self.expected - self.finished) / self.rate)


@dataclass
class SyncReport:
    """How a sync ended."""

    progress: SyncProgress
    #: ``complete``, ``incomplete`` (problems; run again), ``interrupted`` or ``failed``.
    outcome: str = "failed"
    #: The walk covered what it had to (to the end, or to what the library held).
    walk_complete: bool = False
    #: The walk went through the API's whole list (first sync, ``full``).
    walk_reached_end: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)
    listing_problems: list[str] = field(default_factory=list)
    #: What a user should know that is not a failure (the recordings cap reached).
    notes: list[str] = field(default_factory=list)
    #: Calls the API no longer lists, newly marked so by a complete walk.
    missing: int = 0
    recordings_unavailable: int = 0
    #: Recordings not kept because the cap was reached.
    recordings_over_cap: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.walk_complete and not self.failures and self.error is None


class _CutShortError(Exception):
    """The API stopped answering for many calls in a row: end the sync (run it again)."""


class LibrarySync:
    """One sync of ``library`` from the API behind ``lease`` (released when it ends).

    ``await run()`` (or ``start()`` in the background); ``cancel()`` stops it. ``on_progress``
    is called on the event loop after every page and every stored batch; the library's
    listeners hear of every call stored.
    """

    def __init__(
        self,
        library: Library,
        lease: SourceLease,
        options: SyncOptions | None = None,
        on_progress: Callable[[SyncProgress], None] | None = None,
        trail: AuditLog | None = None,
    ) -> None:
        self.library = library
        #: Where the recordings kept offline are recorded as downloaded (``None``: nowhere).
        self.trail = trail
        #: Calls whose recording this sync kept, in order, for the audit trail.
        self.kept: list[str] = []
        self.lease = lease
        self.source = lease.source
        self.options = options or SyncOptions()
        if not 1 <= self.options.concurrency <= 64:
            raise ValueError("concurrency must be between 1 and 64")
        self.on_progress = on_progress or (lambda _p: None)
        self.progress = SyncProgress()
        self.report = SyncReport(self.progress)
        self.task: asyncio.Task[SyncReport] | None = None
        self._queued: set[str] = set()
        self._network_failures = 0

    # -- running ---------------------------------------------------------------------------

    def start(self) -> asyncio.Task[SyncReport]:
        """Run in the background on the running loop (the window's)."""
        self.task = asyncio.ensure_future(self.run())
        return self.task

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def cancel(self) -> None:
        """Stop: batches being stored are finished; everything stored stays."""
        if self.task is not None and not self.task.done():
            self.task.cancel()

    async def wait(self) -> None:
        if self.task is not None:
            await asyncio.gather(self.task, return_exceptions=True)

    async def run(self) -> SyncReport:
        if self.task is None:
            self.task = asyncio.current_task()
        writer = self.library.writer
        started = format_timestamp(datetime.now(UTC))
        outcome = "failed"
        try:
            await self.library.check_account(self.source.name)
            await writer.run(repo.set_meta, {"last_sync_started": started})
            await self._run()
            outcome = "complete" if self.report.ok else "incomplete"
            return self.report
        except asyncio.CancelledError:
            outcome = "interrupted"
            raise
        except _CutShortError as exc:
            self.report.error = str(exc)
            outcome = "incomplete"
            return self.report
        except AurionError as exc:
            self.report.error = str(exc)
            raise
        finally:
            self.report.outcome = outcome
            self.progress.phase = "done"
            ended = {
                "last_sync_ended": format_timestamp(datetime.now(UTC)),
                "last_sync_outcome": outcome,
            }
            with contextlib.suppress(Exception):
                await asyncio.shield(writer.run(repo.set_meta, ended))
            self._record_downloads()
            await self.lease.release()
            self.on_progress(self.progress)

    def _record_downloads(self) -> None:
        """One audit entry for the recordings this sync kept (not one per file), however it
        ended: they are on this computer now."""
        if self.trail is None:
            return
        for chunk, part in chunked_ids(self.kept):
            data = {"purpose": "keep offline", "library": str(self.library.path),
                    "recordings": len(chunk), "call_ids": chunk, **part}  # fmt: skip
            try:
                self.trail.append(RECORDING_DOWNLOADED, source=self.source.name, data=data)
            except AurionError as exc:
                self.report.notes.append(f"The audit trail could not record the downloads: {exc}")
                return

    async def _run(self) -> None:
        writer = self.library.writer
        walked_before = await writer.run(repo.get_meta, "walk_complete") == "1"
        pending = await writer.run(repo.stale_ids, MAX_PENDING)
        workers = self.options.concurrency
        calls: asyncio.Queue[str | None] = asyncio.Queue(maxsize=workers * 4)
        results: asyncio.Queue[Fetched | None] = asyncio.Queue(maxsize=COMMIT_BATCH * 2)
        try:
            async with asyncio.TaskGroup() as group:
                fetchers = [
                    group.create_task(self._fetcher(calls, results)) for _ in range(workers)
                ]
                committer = group.create_task(self._committer(results))
                await self._enqueue(calls, pending)
                await self._walk(calls, walked_before)
                self.progress.listing_done = True
                self.progress.phase = "fetching"
                self.on_progress(self.progress)
                for _ in fetchers:
                    await calls.put(None)
                await asyncio.gather(*fetchers)
                await results.put(None)
                await committer
            await self._recordings()
        except BaseExceptionGroup as problems:
            raise _first(problems) from None
        await writer.run(repo.finish_sync, MERGE_PAGES)

    async def _enqueue(self, calls: asyncio.Queue[str | None], call_ids: list[str]) -> None:
        """Queue calls to fetch, each once per sync; counted before the queue takes them, so
        that progress never shows fewer calls to fetch than are known."""
        fresh = [i for i in dict.fromkeys(call_ids) if i not in self._queued]
        self._queued.update(fresh)
        self.progress.queued += len(fresh)
        for call_id in fresh:
            await calls.put(call_id)

    # -- the walk --------------------------------------------------------------------------

    async def _walk(self, calls: asyncio.Queue[str | None], walked_before: bool) -> None:
        """Newest first: new calls arriving meanwhile push the list down (a page may repeat
        calls, never skip one), and calls removed by retention are at its far end."""
        o, p, r = self.options, self.progress, self.report
        whole = p.whole_walk = o.full or not walked_before
        walk_started = _now_ms()
        seen: set[str] = set()
        offset = 0
        bound: int | None = None
        while True:
            query = CallQuery(limit=o.page_size, offset=offset, sort_order="desc")
            page = await self.source.list_calls(query)
            p.pages += 1
            if bound is None:
                p.list_total = page.total
                bound = walk_bound(page.total, o.page_size)
            fresh = [c for c in page.data if c.id not in seen]
            seen.update(c.id for c in fresh)
            states = await self._record(fresh)
            await self._enqueue(calls, [i for i, state in states if state != Listed.KNOWN])
            self.on_progress(p)
            start, offset = offset, offset + len(page.data)
            if not page.data:
                if offset < page.total:
                    r.listing_problems.append(
                        f"The API announced {page.total:,} calls but sent an empty page at "
                        f"offset {offset:,}: the list ended early."
                    )
                    return
                break
            if not fresh:
                r.listing_problems.append(
                    f"The API sent the page at offset {start:,} with no call not seen before: "
                    f"the walk stopped after {len(seen):,} calls."
                )
                return
            if not whole and all(state in _COVERED for _, state in states):
                r.walk_complete = True  # caught up with what the library holds
                return
            if offset >= page.total:
                break
            if offset >= bound:
                r.listing_problems.append(
                    f"The API's list went on past {bound:,} calls although it first announced "
                    f"{p.list_total:,}: the walk stopped there."
                )
                return
        r.walk_complete = r.walk_reached_end = True
        marks: dict[str, str | None] = {"walk_complete": "1"}
        marks["last_complete_walk"] = format_timestamp(datetime.now(UTC))
        await self.library.writer.run(repo.set_meta, marks)
        r.missing = await self.library.writer.run(repo.mark_missing, walk_started, _now_ms())

    async def _record(self, calls: list[CallSummary]) -> list[tuple[str, str]]:
        if not calls:
            return []
        states = await self.library.writer.run(repo.record_listing, calls, _now_ms())
        p = self.progress
        p.listed += len(states)
        p.new += sum(1 for _, s in states if s == Listed.NEW)
        p.changed += sum(1 for _, s in states if s == Listed.CHANGED)
        self.library.notify(i for i, s in states if s in (Listed.NEW, Listed.CHANGED))
        return states

    # -- fetching --------------------------------------------------------------------------

    async def _fetcher(
        self, calls: asyncio.Queue[str | None], results: asyncio.Queue[Fetched | None]
    ) -> None:
        while (call_id := await calls.get()) is not None:
            await results.put(await self._fetch(call_id))

    async def _fetch(self, call_id: str) -> Fetched:
        """A call's detail and transcript, or the problem that kept them: a problem of one
        call never ends the sync (a refused key or an unreachable API does)."""
        detail: CallDetail | None = None
        transcript: Transcript | None = None
        try:
            try:
                detail = await self.source.get_call(call_id)
            except NotFoundError as exc:
                self._network_failures = 0
                return Fetched(
                    call_id,
                    problem=f"The API no longer has this call: {exc}",
                    retry=False,
                    missing=True,
                )
            transcript = await self.source.get_transcript(call_id)
        except (AuthenticationError, PermissionDeniedError):
            raise
        except NetworkError as exc:
            self._network_failures += 1
            if self._network_failures >= self.options.max_network_failures:
                raise _CutShortError(
                    f"The API could not be reached for {self._network_failures} calls in a row "
                    f"({exc}): the sync stopped. Run it again to carry on."
                ) from None
            return Fetched(call_id, detail, problem=str(exc))
        except AurionError as exc:
            self._network_failures = 0
            return Fetched(call_id, detail, problem=str(exc))
        except Exception as exc:  # one odd call must never end the sync
            log.exception("unexpected problem syncing %r", call_id)
            said = printable(str(exc), 200)
            return Fetched(
                call_id, detail, problem=f"Unexpected problem ({type(exc).__name__}): {said}"
            )
        self._network_failures = 0
        return Fetched(call_id, detail, transcript)

    async def _committer(self, results: asyncio.Queue[Fetched | None]) -> None:
        """Store fetched calls in batches: up to ``COMMIT_BATCH`` calls, or what arrived
        within ``COMMIT_WAIT`` seconds. Fewer, larger transactions: each one flushes the
        full-text index, and listeners hear of changes a fraction of a second later."""
        loop = asyncio.get_running_loop()
        ended = False
        while not ended:
            first = await results.get()
            if first is None:
                return
            batch = [first]
            deadline = loop.time() + COMMIT_WAIT
            while len(batch) < COMMIT_BATCH:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow a
                # cancellation that arrives as its inner await completes (CPython gh-86296),
                # and the committer would then wait for ever.
                try:
                    async with asyncio.timeout(max(0.0, deadline - loop.time())):
                        item = await results.get()
                except TimeoutError:
                    break
                if item is None:
                    ended = True
                    break
                batch.append(item)
            await self._store(batch)

    async def _store(self, batch: list[Fetched]) -> None:
        future = self.library.writer.submit(repo.store_fetched, batch, _now_ms())
        try:
            stored = await asyncio.shield(asyncio.wrap_future(future))
        except asyncio.CancelledError:
            # The transaction runs on the writer's thread: let it end, count it, then stop.
            with contextlib.suppress(Exception):
                self._stored(await asyncio.wrap_future(future))
            raise
        self._stored(stored)

    def _stored(self, stored: Stored) -> None:
        p, r = self.progress, self.report
        failed = {call_id for call_id, _ in stored.problems}
        r.failures.extend(stored.problems)
        p.failed += len(failed)
        p.fetched += len([i for i in stored.changed if i not in failed])
        p.segments += stored.segments
        self.library.notify(stored.changed)
        self.on_progress(p)

    # -- recordings ------------------------------------------------------------------------

    async def _recordings(self) -> None:
        """Keep the recordings asked for, newest first, until the cap: downloads run a few
        at a time, and are taken in that order, so which ones fit never depends on which
        download ended first."""
        o, p, r = self.options, self.progress, self.report
        writer = self.library.writer
        wanted = await writer.run(repo.recordings_to_fetch, o.with_recordings, MAX_PENDING)
        if not wanted:
            return
        p.phase = "recordings"
        self.on_progress(p)
        try:
            self.library.recordings.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise AurionError(
                f"Cannot make the recordings folder {self.library.recordings}: {exc.strerror}."
            ) from None
        cap = await recordings_cap(self.library, o.recordings_cap)
        budget = _Budget(await writer.run(repo.kept_bytes), cap)
        window: deque[tuple[str, asyncio.Task[DownloadedFile | None]]] = deque()
        try:
            for call_id in wanted:
                if budget.full:
                    r.recordings_over_cap += 1
                    continue
                window.append((call_id, asyncio.ensure_future(self._download(call_id))))
                if len(window) >= max(1, o.recording_concurrency):
                    await self._accept(*window.popleft(), budget)
            while window:
                await self._accept(*window.popleft(), budget)
        finally:
            # Stopped early: downloads not taken are cancelled, and files they finished go.
            tasks = [task for _, task in window]
            for task in tasks:
                task.cancel()
            for result in await asyncio.gather(*tasks, return_exceptions=True):
                if isinstance(result, DownloadedFile):
                    result.path.unlink(missing_ok=True)
        if r.recordings_over_cap:
            r.notes.append(
                f"{r.recordings_over_cap:,} recordings were not kept offline: the library's "
                f"cap of {size_text(budget.cap)} is reached (see `aurion-review library "
                "--recordings`; --recordings-cap raises it)."
            )

    async def _download(self, call_id: str) -> DownloadedFile | None:
        """The recording saved in the library's folder, or None (none on the API, or it
        failed: recorded)."""
        r = self.report
        dest = self.library.recording_file(recording_name(call_id))
        try:
            return await self.source.save_recording(call_id, dest)
        except RecordingUnavailableError as exc:
            r.recordings_unavailable += 1
            reason = printable(exc.server_message or str(exc), 300)
            await self.library.writer.run(
                repo.record_recording, call_id, now_ms=_now_ms(), available=False, reason=reason
            )
        except (AuthenticationError, PermissionDeniedError):
            raise
        except AurionError as exc:
            r.failures.append((call_id, f"Its recording was not kept: {exc}"))
            self.progress.failed += 1
        return None

    async def _accept(
        self, call_id: str, task: asyncio.Task[DownloadedFile | None], budget: _Budget
    ) -> None:
        saved = await task
        if saved is None:
            return
        p, r = self.progress, self.report
        writer = self.library.writer
        if not budget.take(saved.size):
            # Never over the cap: this one goes, and no more are downloaded.
            saved.path.unlink(missing_ok=True)
            r.recordings_over_cap += 1
            await writer.run(repo.record_recording, call_id, now_ms=_now_ms(), available=True)
            return
        replaced = await writer.run(
            repo.record_recording,
            call_id,
            now_ms=_now_ms(),
            available=True,
            format="ogg",
            file=saved.path.name,
            size=saved.size,
            sha256=saved.sha256,
        )
        if replaced is not None:
            self.library.remove_recording_file(replaced)
        self.kept.append(call_id)
        p.recordings += 1
        p.recording_bytes += saved.size
        self.library.notify([call_id])
        self.on_progress(p)


def recording_name(call_id: str) -> str:
    """A kept recording's file name: a digest of the call id (any id makes a safe name)."""
    return hashlib.sha256(call_id.encode()).hexdigest()[:40] + ".ogg"


@dataclass
class _Budget:
    """Bytes of recordings kept, against the cap."""

    used: int
    cap: int
    full: bool = False

    def take(self, size: int) -> bool:
        if self.used + size > self.cap:
            self.full = True
            return False
        self.used += size
        self.full = self.used >= self.cap
        return True


def size_text(count: int) -> str:
    if count >= 1024**3:
        return f"{count / 1024**3:,.1f} GiB"
    return f"{count / 1024**2:,.1f} MiB"


def _first(group: BaseExceptionGroup[BaseException]) -> BaseException:
    """The exception a person should hear about from a task group's failure."""
    leaves: list[BaseException] = []

    def walk(exc: BaseException) -> None:
        if isinstance(exc, BaseExceptionGroup):
            for inner in exc.exceptions:
                walk(inner)
        else:
            leaves.append(exc)

    walk(group)
    for exc in leaves:
        if not isinstance(exc, asyncio.CancelledError):
            return exc
    return leaves[0] if leaves else group


def sync_progress_line(p: SyncProgress) -> str:
    """One line for a terminal or a status bar."""
    if p.phase == "listing" and not p.queued:
        total = f" of {p.list_total:,}" if p.list_total is not None else ""
        return f"listing: {p.listed:,}{total} calls"
    parts = [f"{p.finished:,}/{p.expected:,} calls fetched"]
    if p.new:
        parts.append(f"{p.new:,} new")
    if p.changed:
        parts.append(f"{p.changed:,} changed")
    if p.failed:
        parts.append(f"{p.failed:,} failed")
    if p.recordings:
        parts.append(f"{p.recordings:,} recordings kept")
    eta = p.eta_seconds
    if eta is not None and p.phase != "done" and p.finished < p.expected:
        minutes, seconds = divmod(int(eta), 60)
        parts.append(f"ETA {minutes}:{seconds:02d}")
    return ", ".join(parts)
