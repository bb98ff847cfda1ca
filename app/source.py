"""Where calls come from, behind one interface: the remote Aurion API or the local library.

The window and the CLI (export, sync, search) talk to a ``CallSource``. What a source can do
beyond the API's list (sort by any column, filter, search the text, work offline) is in its
``capabilities``; asking a source for what it cannot do raises ``UnsupportedQueryError``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

import httpx

from app.client import AurionClient, CallWalk
from app.errors import (
    AurionError,
    NetworkError,
    RateLimitedError,
    RecordingLinkExpiredError,
    ServerError,
)
from app.i18n import QT_TRANSLATE_NOOP
from app.media import DownloadedFile, download_recording
from app.models import SORT_FIELDS, CallDetail, CallSummary, Page, RecordingLink, Transcript

#: Tries at a recording download: a fresh signed link each time.
RECORDING_ATTEMPTS = 3


class UnsupportedQueryError(AurionError):
    """A sort, filter or search this source cannot do (the API sorts two columns only)."""

    title = QT_TRANSLATE_NOOP("AurionError", "Not available here")


@dataclass(frozen=True)
class CallFilters:
    """Which calls a page holds. Empty sets and None mean "any"."""

    channels: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    sentiments: frozenset[str] = frozenset()
    since: datetime | None = None
    until: datetime | None = None
    min_duration: int | None = None
    max_duration: int | None = None
    escalated: bool | None = None
    authenticated: bool | None = None
    tool: str | None = None
    has_ticket: bool | None = None
    has_recording: bool | None = None
    #: Any of "unreviewed", "in_review", "reviewed" (``app.review.store``); the library only.
    review_status: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return all(getattr(self, f.name) in (None, frozenset()) for f in fields(self))


@dataclass(frozen=True)
class CallQuery:
    """One page of calls: where, in which order, which ones, and matching which words."""

    limit: int = 50
    offset: int = 0
    sort_by: str = "started_at"
    sort_order: str = "desc"
    filters: CallFilters = field(default_factory=CallFilters)
    #: Full-text search over what was said (and caller, requester); empty: no search.
    text: str = ""


@dataclass(frozen=True)
class SourceCapabilities:
    """What a source can do besides paging by start time or duration."""

    sort_fields: tuple[str, ...] = SORT_FIELDS
    filters: bool = False
    search: bool = False
    #: Works without the network (the library).
    offline: bool = False


@runtime_checkable
class CallSource(Protocol):
    """Calls, their details, transcripts and recordings, from wherever they are kept."""

    @property
    def name(self) -> str:
        """What the source is, for people and provenance: an API base URL, a library file."""
        ...

    @property
    def capabilities(self) -> SourceCapabilities: ...

    async def list_calls(self, query: CallQuery) -> Page[CallSummary]: ...

    def iter_calls(
        self, page_size: int = 100, until: datetime | None = None, walk: CallWalk | None = None
    ) -> AsyncIterator[CallSummary]:
        """Every call, oldest first, each id once (``walk`` says if it was cut short)."""
        ...

    async def get_call(self, call_id: str) -> CallDetail: ...

    async def get_transcript(self, call_id: str) -> Transcript: ...

    async def get_recording(self, call_id: str) -> RecordingLink:
        """A URL a player can stream (``https``, loopback ``http`` or ``file``);
        ``RecordingUnavailableError`` when there is none."""
        ...

    async def save_recording(self, call_id: str, dest: Path) -> DownloadedFile:
        """The recording written whole to ``dest`` (atomically), or an error: retried and
        renewed as the source needs. ``RecordingUnavailableError`` when there is none."""
        ...

    async def aclose(self) -> None: ...


def check_query(query: CallQuery, capabilities: SourceCapabilities) -> None:
    """Raise ``UnsupportedQueryError`` for what ``capabilities`` cannot do."""
    if query.sort_by not in capabilities.sort_fields:
        raise UnsupportedQueryError(
            f"Calls can't be sorted by {query.sort_by.replace('_', ' ')} here: this source "
            f"sorts by {', '.join(f.replace('_', ' ') for f in capabilities.sort_fields)}."
        )
    if not query.filters.empty and not capabilities.filters:
        raise UnsupportedQueryError(
            QT_TRANSLATE_NOOP("AurionError", "This source cannot filter calls: use the library.")
        )
    if query.text.strip() and not capabilities.search:
        raise UnsupportedQueryError(
            QT_TRANSLATE_NOOP(
                "AurionError", "This source cannot search transcripts: use the library."
            )
        )


class RemoteSource:
    """The Aurion API as a ``CallSource``: today's client, server sort on two columns."""

    capabilities = SourceCapabilities()

    def __init__(self, client: AurionClient, name: str | None = None) -> None:
        self.client = client
        self._name = name
        self._media: httpx.AsyncClient | None = None

    @property
    def name(self) -> str:
        """The API's base URL, or the stable name given (the demo's port changes every run)."""
        return self._name or str(self.client.base_url)

    async def list_calls(self, query: CallQuery) -> Page[CallSummary]:
        check_query(query, self.capabilities)
        return await self.client.list_calls(
            query.limit, query.offset, query.sort_by, query.sort_order
        )

    def iter_calls(
        self, page_size: int = 100, until: datetime | None = None, walk: CallWalk | None = None
    ) -> AsyncIterator[CallSummary]:
        return self.client.iter_calls(page_size, until, walk)

    async def get_call(self, call_id: str) -> CallDetail:
        return await self.client.get_call(call_id)

    async def get_transcript(self, call_id: str) -> Transcript:
        return await self.client.get_transcript(call_id)

    async def get_recording(self, call_id: str) -> RecordingLink:
        return await self.client.get_recording(call_id)

    async def save_recording(self, call_id: str, dest: Path) -> DownloadedFile:
        """Download through a fresh signed link: an expired link is renewed, a dropped or
        refused transfer retried, a few times."""
        if self._media is None:
            # The signed URL carries its own authorisation: this client never has the API key.
            self._media = httpx.AsyncClient(timeout=httpx.Timeout(30, connect=10))
        last: AurionError | None = None
        for attempt in range(RECORDING_ATTEMPTS):
            link = await self.client.get_recording(call_id)
            try:
                return await download_recording(
                    self._media,
                    link.url,
                    dest,
                    expected_seconds=link.duration_seconds,
                    audio_format=link.format.lower(),
                )
            except (RecordingLinkExpiredError, NetworkError, ServerError, RateLimitedError) as exc:
                last = exc
                if attempt + 1 < RECORDING_ATTEMPTS:
                    await asyncio.sleep(min(4.0, 0.5 * 2**attempt))
        assert last is not None
        raise last

    async def aclose(self) -> None:
        if self._media is not None:
            await self._media.aclose()
        await self.client.aclose()
