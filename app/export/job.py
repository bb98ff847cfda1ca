"""An export run: calls written as files with a manifest, resumable, cancellable, one per owner.

The command line and the Export dialog are views of an ``ExportJob``: it holds its own lease on
its call source (switching account in the window does not close it), runs its producer and
workers in one ``asyncio.TaskGroup``, draws PDFs on a pool it owns, and isolates every problem
of one call to that call.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import logging
import os
import tempfile
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.client import CallWalk
from app.errors import (
    AurionError,
    AuthenticationError,
    ExportError,
    PermissionDeniedError,
    RecordingUnavailableError,
)
from app.export import redact
from app.export.document import ExportDocument
from app.export.formats import Format
from app.export.manifest import AUDIO, CallRecord, Manifest, NoManifest, made_with, rewrite_reason
from app.export.naming import FileNamer
from app.export.progress import ExportReport, Progress
from app.models import CallDetail, CallSummary, format_timestamp
from app.review.audit import EXPORT_DONE, RECORDING_DOWNLOADED, AuditLog, chunked_ids
from app.sanitize import printable
from app.session import SourceLease
from app.source import CallQuery
from app.storage import TEMP_SUFFIX, atomic_write_chunks

if TYPE_CHECKING:
    from app.export.pdf import RenderPool

log = logging.getLogger(__name__)

#: Transcripts with more segments than this render on a worker thread rather than inline, so
#: the event loop (the window's, in the GUI) never waits for a long one.
INLINE_SEGMENTS = 2000
#: At most this many failures are kept in a run's provenance (all are counted).
RECORDED_FAILURES = 1000


@dataclass(frozen=True)
class ExportOptions:
    """How to write: formats, folder, redaction, recordings, concurrency."""

    formats: tuple[Format, ...]
    out: Path
    redact: bool = False
    with_recordings: bool = False
    concurrency: int = 8
    #: Keep manifest.json (what makes a bulk run resumable). Off when one call goes to a
    #: user's own folder, where a stray manifest would only be clutter.
    manifest: bool = True

    @property
    def made_with(self) -> str:
        return made_with(redact.RULES_VERSION if self.redact else None)


@dataclass(frozen=True)
class Selection:
    """Which calls: ones already listed, ids to look up, or every call (within dates)."""

    calls: tuple[CallSummary, ...] = ()
    ids: tuple[str, ...] = ()
    all_calls: bool = False
    since: datetime | None = None
    until: datetime | None = None

    @property
    def known_total(self) -> int | None:
        if self.all_calls:
            return None
        return len(self.calls) + len(dict.fromkeys(self.ids))

    def describe(self) -> dict[str, Any]:
        """For the manifest: what the user asked for."""
        return {
            "all_calls": self.all_calls,
            "call_ids": [c.id for c in self.calls] + list(dict.fromkeys(self.ids)),
            "since": format_timestamp(self.since) if self.since else None,
            "until": format_timestamp(self.until) if self.until else None,
        }


class Outcome(Enum):
    EXPORTED = "exported"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class _Work:
    """One call to export; ``summary`` is None for an id still to be looked up."""

    call_id: str
    summary: CallSummary | None = None


@dataclass
class _Plan:
    """What one call needs: files to write (name, format, why an old one is replaced)."""

    base: str
    files: list[tuple[str, Format, str | None]] = field(default_factory=list)
    recording: str | None = None
    stale: list[tuple[str, str]] = field(default_factory=list)  # name, why it goes


class ExportJob:
    """One export run. ``await run()`` (or ``start()``), ``cancel()`` stops it between files.

    ``on_progress`` is called on the event loop after every call; ``progress`` and ``report``
    can also be read at any time. The job releases its source lease when it ends.
    """

    def __init__(
        self,
        lease: SourceLease,
        options: ExportOptions,
        selection: Selection,
        on_progress: Callable[[Progress], None] | None = None,
        trail: AuditLog | None = None,
    ) -> None:
        self.trail = trail
        self.lease = lease
        self.source = lease.source
        self.options = options
        self.selection = selection
        self.on_progress = on_progress or (lambda _p: None)
        self.progress = Progress(total=selection.known_total)
        self.report = ExportReport(self.progress)
        self.manifest = Manifest(options.out) if options.manifest else NoManifest(options.out)
        self.task: asyncio.Task[ExportReport] | None = None
        self._namer = FileNamer()
        #: Calls this run wrote files of, in order, for the audit trail.
        self._exported: dict[str, None] = {}
        #: Calls whose recording this run downloaded, in order (downloading is audited apart
        #: from listening).
        self._downloaded: dict[str, None] = {}
        self._stop = threading.Event()
        self._pool: RenderPool | None = None
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None

    # -- running ---------------------------------------------------------------------------

    def start(self) -> asyncio.Task[ExportReport]:
        """Run in the background on the running loop (the window's)."""
        self.task = asyncio.ensure_future(self.run())
        return self.task

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def cancel(self) -> None:
        """Stop: nothing new starts, files being written are finished, the rest is kept."""
        if self._stop.is_set():
            return
        self._stop.set()
        if self._pool is not None:
            self._pool.cancel()
        if self.task is not None and not self.task.done():
            self.task.cancel()

    async def wait(self) -> None:
        """Until the job has ended, however it ends."""
        if self.task is not None:
            await asyncio.gather(self.task, return_exceptions=True)

    async def run(self) -> ExportReport:
        if self.task is None:
            self.task = asyncio.current_task()
        started = datetime.now(UTC)
        outcome = "failed"
        prepared = False
        try:
            self._prepare_folder()
            prepared = True
            self.manifest.load()
            self._namer = FileNamer(self.manifest.base_names())
            await self._run_tasks()
            outcome = "complete" if self.report.ok else "incomplete"
        except asyncio.CancelledError:
            outcome = "interrupted"
            raise
        except AurionError as exc:
            # A problem of the whole run (a refused key, a list that cannot be read, a folder
            # that cannot be written): what was done is still summed up and kept.
            self.report.error = exc
        except Exception as exc:  # a bug of ours must not lose the summary either
            log.error("the export stopped on an unexpected problem", exc_info=True)
            said = printable(str(exc), 200)
            self.report.error = AurionError(f"Unexpected problem ({type(exc).__name__}): {said}")
        finally:
            self._stop.set()
            await self._settle()
            if prepared:
                self._finish_manifest(started, outcome)
                self._record(outcome)
            await self.lease.release()
            self.on_progress(self.progress)
        return self.report

    def _prepare_folder(self) -> None:
        out = self.options.out
        if out.exists() and not out.is_dir():
            raise ExportError(f"Cannot export to {out}: it is a file, not a folder.")
        try:
            out.mkdir(parents=True, exist_ok=True)
            # A new file of our own (O_EXCL): never through a link someone left in the folder.
            fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=out)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise ExportError(f"Cannot write to {out}: {exc.strerror or exc}.") from None
        self._remove_own_temporaries()

    def _remove_own_temporaries(self) -> None:
        """Delete what a killed run left half-written: only our own temporary files, those of
        files the manifest names or that an export writes (``.<name>.<random>.part``)."""
        for stale in self.options.out.glob(f".*{TEMP_SUFFIX}"):
            target = stale.name[1:].rsplit(".", 2)[0]
            if target == "manifest.json" or _is_export_name(target):
                stale.unlink(missing_ok=True)

    async def _run_tasks(self) -> None:
        workers = self.options.concurrency
        queue: asyncio.Queue[_Work | None] = asyncio.Queue(maxsize=workers * 2)
        listing: list[AurionError] = []
        try:
            async with asyncio.TaskGroup() as group:
                for _ in range(workers):
                    group.create_task(self._worker(queue))
                group.create_task(self._produce(queue, workers, listing))
        except BaseExceptionGroup as problems:
            # A worker raises for the key only (a refused key fails every call alike): that
            # cancels the rest and ends the run.
            raise _first(problems) from None
        if listing:
            raise listing[0]

    async def _produce(
        self, queue: asyncio.Queue[_Work | None], workers: int, listing: list[AurionError]
    ) -> None:
        """Feed the workers; a list that cannot be read further ends the feed, and the calls
        already listed are still exported before the run reports it."""
        try:
            async for work in self._selected():
                await queue.put(work)
        except AurionError as exc:
            listing.append(exc)
        for _ in range(workers):
            await queue.put(None)

    async def _settle(self) -> None:
        """After the run: let drawn pages finish, close what the job opened."""
        if self._pool is not None:
            self._pool.cancel()
            await self._pool.wait()
        if self._executor is not None:
            await asyncio.to_thread(self._executor.shutdown, wait=True, cancel_futures=True)

    def _finish_manifest(self, started: datetime, outcome: str) -> None:
        r, p, o = self.report, self.progress, self.options
        run = {
            "tool": {"name": "Aurion Call Review", "version": __version__},
            "source": self.source.name,
            "options": {
                "formats": [f.name for f in o.formats],
                "redact": o.redact,
                "redaction_rules": redact.RULES_VERSION if o.redact else None,
                "with_recordings": o.with_recordings,
                **self.selection.describe(),
            },
            "started_at": format_timestamp(started),
            "ended_at": format_timestamp(datetime.now(UTC)),
            "outcome": outcome,
            "summary": {
                "exported": p.done,
                "already_complete": p.skipped,
                "failed": p.failed,
                "partial": len(r.partial),
                "recordings_unavailable": len(r.recordings_unavailable),
                "files_written": r.files,
                "files_rewritten": sum(r.rewritten.values()),
                "files_removed": sum(r.removed.values()),
            },
            "listing_problems": list(r.listing_problems),
            "failures": [
                {"call_id": cid, "message": msg} for cid, msg in r.failures[:RECORDED_FAILURES]
            ],
        }
        try:
            self.manifest.finish(run)
        except OSError as exc:
            log.error("could not write the manifest: %s", exc)
            self.report.notes.append(f"The manifest could not be written: {exc}.")

    def _record(self, outcome: str) -> None:
        """One audit entry for the run, naming every call it wrote files of."""
        if self.trail is None or not self.report.files:
            return
        o, r = self.options, self.report
        failed = {cid for cid, _ in r.failures}
        data = {
            "formats": [f.name for f in o.formats],
            "redacted": o.redact,
            "redaction_rules": redact.RULES_VERSION if o.redact else None,
            "with_recordings": o.with_recordings,
            "folder": str(o.out),
            "outcome": outcome,
            "files": r.files,
            "call_ids": [cid for cid in self._exported if cid not in failed],
        }
        try:
            self.trail.append(EXPORT_DONE, source=self.source.name, data=data)
            # One more entry for the recordings saved (not one per file), naming their calls.
            downloaded = list(self._downloaded)
            for chunk, part in chunked_ids(downloaded):
                self.trail.append(
                    RECORDING_DOWNLOADED,
                    source=self.source.name,
                    data={"purpose": "export", "folder": str(o.out), "recordings": len(chunk),
                          "call_ids": chunk, **part},
                )  # fmt: skip
        except AurionError as exc:
            self.report.notes.append(f"The audit trail could not record this export: {exc}")

    # -- producing -------------------------------------------------------------------------

    async def _selected(self) -> AsyncIterator[_Work]:
        s = self.selection
        for call in s.calls:
            yield _Work(call.id, call)
        if s.ids:
            # One cheap request first: a wrong base URL or key is the run's problem, said
            # once, rather than the same failure for every id.
            await self.source.list_calls(CallQuery(limit=1))
        for call_id in dict.fromkeys(s.ids):
            yield _Work(call_id)
        if s.all_calls:
            walk = CallWalk()
            count = 0
            async for call in self.source.iter_calls(until=s.until, walk=walk):
                if count == 0 and s.since is None and s.until is None:
                    self.progress.total = walk.first_total  # for the ETA, until the end
                if s.since is None or call.started_at >= s.since:
                    count += 1
                    yield _Work(call.id, call)
            for rejected_id, message in walk.rejected:
                self._failed(rejected_id or "(a call without an id)", message)
            self.progress.total = count + len(walk.rejected)
            self.report.notes.extend(walk.notes)
            if not walk.complete:
                self.report.listing_problems.extend(walk.problems)

    # -- one call --------------------------------------------------------------------------

    async def _worker(self, queue: asyncio.Queue[_Work | None]) -> None:
        while (work := await queue.get()) is not None:
            try:
                outcome = await self._export_call(work)
            except (AuthenticationError, PermissionDeniedError):
                raise  # the key, not the call: every call would fail the same way
            except AurionError as exc:
                self._failed(work.call_id, str(exc))
            except OSError as exc:
                self._failed(work.call_id, f"Could not write its files: {exc.strerror or exc}.")
            except Exception as exc:  # one odd call must never end the run
                # The traceback is for -v (debug): the user reads the message in the summary.
                log.debug("unexpected problem exporting %r", work.call_id, exc_info=True)
                said = printable(str(exc), 200)
                self._failed(work.call_id, f"Unexpected problem ({type(exc).__name__}): {said}")
            else:
                if outcome is Outcome.EXPORTED:
                    self.progress.done += 1
                else:
                    self.progress.skipped += 1
            self.on_progress(self.progress)

    def _failed(self, call_id: str, message: str) -> None:
        self.progress.failed += 1
        self.report.failures.append((call_id, message))

    def _plan(self, call: CallSummary) -> _Plan:
        o = self.options
        plan = _Plan(self._namer.name_for(call.id, call.started_at))
        wanted = o.made_with
        names = set()
        for fmt in o.formats:
            name = f"{plan.base}.{fmt.extension}"
            names.add(name)
            complete, reason = self.manifest.check(name, wanted)
            if not complete:
                plan.files.append((name, fmt, reason))
        if o.with_recordings:
            name = f"{plan.base}.ogg"
            names.add(name)
            record = self.manifest.calls.get(call.id)
            # A recording deleted after the retention period does not come back.
            gone = record is not None and not record.partial and _unavailable(record.recording)
            if not gone and not self.manifest.check(name, AUDIO)[0]:
                plan.recording = name
        for name in self.manifest.files_of(call.id):
            if name in names:
                continue
            made = self.manifest.files[name].made_with
            if name.rsplit(".", 1)[0] != plan.base and made != AUDIO:
                plan.stale.append((name, "its call now has a name of its own"))
            elif o.redact and made != AUDIO:
                reason = rewrite_reason(made, wanted)
                if reason is not None:
                    plan.stale.append((name, f"a redacted export was asked for, and {reason}"))
        return plan

    async def _export_call(self, work: _Work) -> Outcome:
        if self._stop.is_set():
            raise asyncio.CancelledError
        detail: CallDetail | None = None
        call = work.summary
        if call is None:
            detail = await self.source.get_call(work.call_id)
            call = detail.summary()
        plan = self._plan(call)
        if not plan.files and plan.recording is None and not plan.stale:
            return Outcome.SKIPPED
        if detail is None and (plan.files or plan.recording):
            detail = await self.source.get_call(call.id)
        status = detail.status if detail is not None else call.status
        active = status == "active"
        if plan.files:
            assert detail is not None
            transcript = await self.source.get_transcript(call.id)
            doc = ExportDocument(detail, transcript, redacted=self.options.redact)
            await self._write(call.id, plan, doc)
        recording = self.manifest.calls.get(call.id)
        note = recording.recording if recording is not None else None
        if plan.recording is not None and not active:
            note = await self._save_recording(call, plan.recording)
        for name, reason in plan.stale:
            self.manifest.remove_file(name)
            self.report.removed[reason] += 1
        self.manifest.add_call(call.id, CallRecord(status, active, note))
        if active:
            self.report.partial.append(call.id)
        return Outcome.EXPORTED

    async def _write(self, call_id: str, plan: _Plan, doc: ExportDocument) -> None:
        """Render, write and record the planned files, one after the other. A format that
        refuses the call (a PDF too long to print) does not keep the others from being
        written; the call is then reported failed with its message."""
        out = self.options.out
        inline = len(doc.transcript.segments) <= INLINE_SEGMENTS
        refused: AurionError | None = None
        for name, fmt, reason in plan.files:
            if self._stop.is_set():
                raise asyncio.CancelledError
            record = partial(self._record_file, call_id, name, reason)
            write = partial(_write_file, out, name, fmt, doc)
            try:
                if fmt.drawn:
                    await _settled(self._render_pool().submit(write), record)
                elif inline:
                    record(write())
                else:
                    await _settled(self._threads().submit(write), record)
            except ExportError as exc:
                refused = exc
        if refused is not None:
            raise refused

    def _record_file(self, call_id: str, name: str, reason: str | None, result: _Written) -> None:
        digest, size = result
        self._exported[call_id] = None
        self.manifest.add_file(name, digest, size, call_id, self.options.made_with)
        self.report.files += 1
        if reason is not None:
            self.report.rewritten[reason] += 1

    def _threads(self) -> concurrent.futures.ThreadPoolExecutor:
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(2, "export-render")
        return self._executor

    def _render_pool(self) -> RenderPool:
        if self._pool is None:
            from app.export.pdf import RenderPool

            self._pool = RenderPool()
            if self._stop.is_set():
                self._pool.cancel()
        return self._pool

    # -- recordings ------------------------------------------------------------------------

    async def _save_recording(self, call: CallSummary, name: str) -> str:
        """Save the recording; what became of it, for the manifest. A recording the source
        no longer has (deleted after the retention period) is a fact, not a failure."""
        try:
            saved = await self.source.save_recording(call.id, self.options.out / name)
        except RecordingUnavailableError as exc:
            reason = exc.server_message or "the server has no recording for this call"
            reason = printable(reason, 200)
            self.report.recordings_unavailable[call.id] = reason
            return f"unavailable: {reason}"
        self.manifest.add_file(name, saved.sha256, saved.size, call.id, AUDIO)
        self._exported[call.id] = None
        self._downloaded[call.id] = None
        self.report.files += 1
        return "saved"


def _unavailable(note: str | None) -> bool:
    return note is not None and note.startswith("unavailable")


def _hashed(chunks: Iterable[bytes], digest: Any, size: list[int]) -> Iterator[bytes]:
    for chunk in chunks:
        digest.update(chunk)
        size[0] += len(chunk)
        yield chunk


_Written = tuple[str, int]  # sha256, size


async def _settled(
    future: concurrent.futures.Future[_Written], record: Callable[[_Written], None]
) -> None:
    """Await a file written on another thread and record it. Cancelled meanwhile, a file not
    started is never written; one being written is finished, recorded, and then we stop, so
    that no complete file is left out of the manifest (and none is left half-written)."""
    try:
        result = await asyncio.shield(asyncio.wrap_future(future))
    except asyncio.CancelledError:
        if not future.cancel():
            try:
                record(await asyncio.wrap_future(future))
            except Exception as exc:  # the run is being cancelled: only say so
                log.warning("a file being written when the export stopped failed: %s", exc)
        raise
    record(result)


def _write_file(out: Path, name: str, fmt: Format, doc: ExportDocument) -> _Written:
    """Render one file straight to disk in chunks, hashing as it goes: (sha256, size)."""
    digest = hashlib.sha256()
    size = [0]
    # No fsync: the manifest's SHA-256 finds a file a power cut emptied and writes it again.
    atomic_write_chunks(out / name, _hashed(fmt.chunks(doc), digest, size), durable=False)
    return digest.hexdigest(), size[0]


def _is_export_name(name: str) -> bool:
    """``20260308-103000_<id>.<ext>``: a name this export gives its files."""
    stamp, _, rest = name.partition("_")
    return len(stamp) == 15 and stamp[8] == "-" and stamp.replace("-", "").isdigit() and bool(rest)


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
