"""The library as a ``CallSource``: any sort, filters and full-text search, offline.

Calls, details and transcripts come from the library file. A recording kept offline is
played from its file (a ``file://`` URL); otherwise, when the source was given a lease on
the remote API, the recording streams from there as before (and a call not synced yet is
fetched from there); with no remote, or when the API cannot be reached, the answer is a
clear "not kept offline".
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

import orjson

from app.client import CallWalk
from app.errors import NetworkError, NotInLibraryError, RecordingUnavailableError
from app.i18n import QT_TRANSLATE_NOOP, Text
from app.library import repository as repo
from app.library.library import Library
from app.library.search import SearchHit, SearchResult, parse_query
from app.media import DownloadedFile
from app.models import CallDetail, CallSummary, Page, RecordingLink, Transcript
from app.sanitize import printable
from app.session import SourceLease
from app.source import CallFilters, CallQuery, SourceCapabilities, check_query
from app.storage import atomic_write_chunks

#: A kept recording's link never expires.
NEVER = datetime(9999, 12, 31, tzinfo=UTC)
#: Most hits one search returns.
MAX_HITS = 1000
COPY_CHUNK = 256 * 1024


def repository_filters(filters: CallFilters) -> repo.Filters:
    return repo.Filters(**{f.name: getattr(filters, f.name) for f in fields(CallFilters)})


def _summary(summary: str | bytes | None, detail: str | bytes | None) -> CallSummary:
    if summary is not None:
        return CallSummary.from_json(orjson.loads(summary))
    assert detail is not None
    return CallSummary.from_json(repo.summary_of_detail(orjson.loads(detail)))


class LibrarySource:
    """A library's calls as a ``CallSource``; ``remote`` (a lease on the API) is used for
    what the library does not hold, and released with this source."""

    capabilities = SourceCapabilities(
        sort_fields=repo.SORT_FIELDS, filters=True, search=True, offline=True
    )

    def __init__(
        self, library: Library, remote: SourceLease | None = None, *, owns_library: bool = False
    ) -> None:
        self.library = library
        self.remote = remote
        self._owns_library = owns_library

    @classmethod
    async def open(cls, path: Path, remote: SourceLease | None = None) -> LibrarySource:
        """A source over the existing library at ``path``, which it closes with itself."""
        library = await Library.open(path, create=False)
        return cls(library, remote, owns_library=True)

    @property
    def name(self) -> str:
        return f"library {self.library.path}"

    # -- calls -----------------------------------------------------------------------------

    async def list_calls(self, query: CallQuery) -> Page[CallSummary]:
        check_query(query, self.capabilities)
        if query.limit < 1 or query.offset < 0:
            raise ValueError("limit must be positive and offset not negative")
        match = parse_query(query.text) if query.text.strip() else None
        rows, total = await self.library.reader.run(
            repo.page_calls,
            repository_filters(query.filters),
            match,
            query.sort_by,
            query.sort_order == "desc",
            query.limit,
            query.offset,
        )
        data = tuple(_summary(r.summary, r.detail) for r in rows)
        return Page(data=data, total=total, limit=query.limit, offset=query.offset)

    def iter_calls(
        self, page_size: int = 100, until: datetime | None = None, walk: CallWalk | None = None
    ) -> AsyncIterator[CallSummary]:
        return self._iter_calls(max(1, page_size), until, walk if walk is not None else CallWalk())

    async def _iter_calls(
        self, page_size: int, until: datetime | None, walk: CallWalk
    ) -> AsyncIterator[CallSummary]:
        """Every call, oldest first (by start time), up to ``until``: a walk of the library
        that is always complete (keyset paging: each step starts after the last call)."""
        walk.pages = walk.calls = 0
        walk.complete = False
        walk.problems.clear()
        reader = self.library.reader
        walk.first_total = walk.last_total = await reader.run(repo.count_calls, until)
        after: tuple[int, int] | None = None
        while True:
            rows = await reader.run(repo.calls_after, after, until, page_size)
            walk.pages += 1
            for _started, _key, summary, detail in rows:
                walk.calls += 1
                yield _summary(summary, detail)
            if len(rows) < page_size:
                break
            after = (rows[-1][0], rows[-1][1])
        walk.last_total = walk.calls
        walk.complete = True

    async def get_call(self, call_id: str) -> CallDetail:
        stored = await self.library.reader.run(repo.get_call, call_id)
        if stored is None or stored.detail is None:
            if self.remote is not None:
                return await self.remote.source.get_call(call_id)
            raise NotInLibraryError(
                Text(
                    QT_TRANSLATE_NOOP(
                        "AurionError",
                        "Call {id} is not in the library: run `aurion-review sync` while the API "
                        "can be reached.",
                    )
                    if stored is None
                    else QT_TRANSLATE_NOOP(
                        "AurionError",
                        "Call {id} has no details in the library: run `aurion-review sync` while "
                        "the API can be reached.",
                    ),
                    id=printable(call_id, 80),
                )
            )
        return CallDetail.from_json(orjson.loads(stored.detail))

    async def get_transcript(self, call_id: str) -> Transcript:
        payload = await self.library.reader.run(repo.get_transcript_json, call_id)
        if payload is None:
            if self.remote is not None:
                return await self.remote.source.get_transcript(call_id)
            stored = await self.library.reader.run(repo.get_call, call_id)
            why = (
                "is not in the library"
                if stored is None
                else f"has no transcript in the library ({stored.problem})"
                if stored.problem
                else "has no transcript in the library yet"
            )
            raise NotInLibraryError(
                f"Call {printable(call_id, 80)} {why}: run `aurion-review sync` while the API "
                "can be reached."
            )
        return Transcript.from_json(payload)

    # -- search ----------------------------------------------------------------------------

    async def search(
        self,
        text: str,
        filters: CallFilters | None = None,
        limit: int = 100,
        offset: int = 0,
        newest_first: bool = True,
    ) -> SearchResult:
        """Utterances (and callers, requesters) that match ``text``, newest calls first and
        each call's in order, with a snippet and where the words matched."""
        if not 1 <= limit <= MAX_HITS:
            raise ValueError(f"limit must be between 1 and {MAX_HITS}")
        match = parse_query(text)
        rows, more = await self.library.reader.run(
            repo.search_hits,
            match,
            repository_filters(filters or CallFilters()),
            limit,
            max(0, offset),
            newest_first,
        )
        return SearchResult(tuple(SearchHit.from_row(r) for r in rows), more)

    # -- recordings ------------------------------------------------------------------------

    async def _kept_file(self, call_id: str) -> tuple[repo.KeptRecording, Path] | None:
        kept = await self.library.reader.run(repo.kept_recording, call_id)
        if kept is None:
            return None
        path = self.library.recording_file(kept.file)
        return (kept, path) if path.is_file() else None

    async def get_recording(self, call_id: str) -> RecordingLink:
        """The kept file when there is one; else the API's stream (with a remote)."""
        found = await self._kept_file(call_id)
        if found is not None:
            kept, path = found
            return RecordingLink(
                url=path.resolve().as_uri(),
                format=kept.format or "ogg",
                duration_seconds=kept.duration_seconds,
                expires_at=NEVER,
            )
        shown = printable(call_id, 80)
        if self.remote is not None:
            try:
                return await self.remote.source.get_recording(call_id)
            except NetworkError as exc:
                raise RecordingUnavailableError(
                    Text(
                        QT_TRANSLATE_NOOP(
                            "AurionError",
                            "The recording of call {id} is not kept offline, and the API cannot "
                            "be reached to stream it ({error})",
                        ),
                        id=shown,
                        error=exc.text,
                    )
                ) from None
        available, reason = await self.library.reader.run(repo.recording_state, call_id)
        if available is False:
            raise RecordingUnavailableError(_no_recording(shown, reason), server_message=reason)
        raise RecordingUnavailableError(
            Text(
                QT_TRANSLATE_NOOP(
                    "AurionError",
                    "The recording of call {id} is not kept offline: keep it offline "
                    "(`aurion-review library --keep {id}`, then sync), or open the account to "
                    "stream it.",
                ),
                id=shown,
            )
        )

    async def save_recording(self, call_id: str, dest: Path) -> DownloadedFile:
        """The kept file copied to ``dest`` (atomically); else from the API (with a remote).
        A recording that is only not kept here is an error (``NotInLibraryError``), not a
        recording the API lacks: an export run online later still fetches it."""
        found = await self._kept_file(call_id)
        if found is not None:
            return await asyncio.to_thread(_copy, found[1], dest)
        if self.remote is not None:
            return await self.remote.source.save_recording(call_id, dest)
        available, reason = await self.library.reader.run(repo.recording_state, call_id)
        if available is False:
            raise RecordingUnavailableError(
                _no_recording(printable(call_id, 80), reason), server_message=reason
            )
        raise NotInLibraryError(
            f"The recording of call {printable(call_id, 80)} is not kept in the library: "
            "export from the API, or keep it offline and sync."
        )

    async def aclose(self) -> None:
        if self.remote is not None:
            await self.remote.release()
        if self._owns_library:
            await self.library.aclose()


def _copy(source: Path, dest: Path) -> DownloadedFile:
    digest = hashlib.sha256()
    size = [0]

    def chunks() -> Iterator[bytes]:
        with source.open("rb") as handle:
            while chunk := handle.read(COPY_CHUNK):
                digest.update(chunk)
                size[0] += len(chunk)
                yield chunk

    atomic_write_chunks(dest, chunks(), durable=False)
    return DownloadedFile(dest, size[0], digest.hexdigest(), "audio/ogg")


def _no_recording(shown: str, reason: str | None) -> Text:
    return Text(
        QT_TRANSLATE_NOOP("AurionError", "No recording for call {id}: {reason}"),
        id=shown,
        reason=reason or Text(QT_TRANSLATE_NOOP("AurionError", "the API has none")),
    )
