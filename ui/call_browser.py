"""What the call table shows: its source (the live API or the account's library), sort, filters,
search and paging, the requests that fill it, the library's sync, and live changes."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import AurionError, LibraryError, NetworkError
from app.models import CallDetail, CallSummary, Page
from app.paging import PageWindow
from app.session import Connection, SourceLease
from app.source import CallFilters, CallQuery, CallSource, SourceCapabilities
from ui.settings import Prefs, Settings
from ui.tasks import LatestRequest

if TYPE_CHECKING:
    from app.library.search import SearchResult
    from app.library.source import LibrarySource
    from app.library.sync import LibrarySync, SyncProgress
    from app.review.audit import AuditLog

log = logging.getLogger(__name__)

#: How soon a change the library announces is shown (batches of a sync come close together).
LIVE_REFRESH_MS = 300
#: How often the window looks for the API again while it cannot be reached.
PROBE_MS = 30_000
#: How often the live list reloads while it shows calls in progress (when asked to).
AUTO_REFRESH_MS = 15_000
#: How often the window looks for changes another process (``sync --listen``) made.
LIBRARY_POLL_MS = 1_000
SEARCH_HITS = 200


class SourceMode(StrEnum):
    LIVE = "live"
    LIBRARY = "library"


class CallBrowser(QObject):
    """Owns the list of calls on screen and where it comes from; the window only shows it.

    Signals:
        page_loaded(object, object, bool): a ``Page`` of calls, what to select (a call id, a
            row, or None) and whether it updates the page on screen in place (live changes).
        page_failed(object): an ``AurionError`` loading a page.
        loading(bool): a page is being loaded, or no longer.
        source_changed(str): the mode now shown (``SourceMode``); capabilities may differ.
        library_available(bool): the account has a library (or not).
        offline_changed(object): since when the API cannot be reached (a datetime), or None.
        search_finished(object): a ``SearchResult`` for the words typed (None: no search).
        sync_progress(object): a ``SyncProgress`` of the running sync.
        sync_finished(object): the ``SyncReport`` of a sync, or an ``AurionError``.
        call_found(object): the ``CallDetail`` of a call looked up by id.
        call_not_found(object): an ``AurionError`` looking up a call by id.
    """

    page_loaded = Signal(object, object, bool)
    page_failed = Signal(object)
    loading = Signal(bool)
    source_changed = Signal(str)
    library_available = Signal(bool)
    offline_changed = Signal(object)
    search_finished = Signal(object)
    sync_progress = Signal(object)
    sync_finished = Signal(object)
    call_found = Signal(object)
    call_not_found = Signal(object)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.connection: Connection | None = None
        self.library: SourceLease | None = None
        self.mode = SourceMode.LIVE
        self.window = PageWindow(0, settings.page_size(), 0)
        self.sort_by = settings.get(Prefs.sort_by)
        self.sort_order = "asc" if settings.get(Prefs.sort_order) == "asc" else "desc"
        self.filters = CallFilters()
        self.text = ""
        self.offline_since: datetime | None = None
        self.sync: LibrarySync | None = None
        #: Where recordings kept offline are recorded as downloaded (the window's trail).
        self.trail: AuditLog | None = None
        self._page: LatestRequest[Page[CallSummary]] = LatestRequest()
        self._search: LatestRequest[SearchResult] = LatestRequest()
        self._lookup: LatestRequest[CallDetail] = LatestRequest()
        self._probe_request: LatestRequest[Page[CallSummary]] = LatestRequest()
        self._library_request: LatestRequest[SourceLease | None] = LatestRequest()
        self._version_request: LatestRequest[int] = LatestRequest()
        self._sync_task: asyncio.Task[None] | None = None
        self._closing: list[asyncio.Task[None]] = []
        self._unsubscribe: list[object] = []
        self._live_refresh = QTimer(self, singleShot=True, interval=LIVE_REFRESH_MS)
        self._live_refresh.timeout.connect(self._refresh_in_place)
        self._probe = QTimer(self, interval=PROBE_MS)
        self._probe.timeout.connect(self._probe_api)
        self._data_version: int | None = None
        self._library_poll = QTimer(self, interval=LIBRARY_POLL_MS)
        self._library_poll.timeout.connect(self._poll_library)
        self.auto_refresh = settings.get(Prefs.auto_refresh)
        self._auto_refresh = QTimer(self, interval=AUTO_REFRESH_MS)
        self._auto_refresh.timeout.connect(self._refresh_in_place)
        self._shows_active = False
        self._library_synced = False

    # -- sources ---------------------------------------------------------------------------

    @property
    def source(self) -> CallSource | None:
        if self.mode is SourceMode.LIBRARY and self.library is not None:
            return self.library.source
        return self.connection.source if self.connection is not None else None

    @property
    def lease(self) -> SourceLease | None:
        """The lease behind what is shown (an export takes a share of it)."""
        if self.mode is SourceMode.LIBRARY and self.library is not None:
            return self.library
        return self.connection.lease if self.connection is not None else None

    @property
    def capabilities(self) -> SourceCapabilities:
        source = self.source
        return source.capabilities if source is not None else SourceCapabilities()

    @property
    def library_source(self) -> LibrarySource | None:
        from app.library.source import LibrarySource

        source = self.library.source if self.library is not None else None
        return source if isinstance(source, LibrarySource) else None

    def set_connection(self, connection: Connection | None) -> None:
        """Show another account (None: none); its library is opened when it has one."""
        self._release_sources()
        self.connection = connection
        self.offline_since = None
        self.offline_changed.emit(None)
        self.window = PageWindow(0, self.window.limit, 0)
        if connection is None:
            self.library_available.emit(False)
            return
        self._library_request.run(
            self._open_library(connection), self._library_opened, self._library_failed
        )

    async def _open_library(self, connection: Connection) -> SourceLease | None:
        if not connection.library_file().is_file():
            return None
        from app.library.source import LibrarySource

        lease = await connection.open_library()
        source = lease.source
        meta = await source.library.meta() if isinstance(source, LibrarySource) else {}
        #: A library never synced holds no calls (it was made for notes): not the default view.
        self._library_synced = "last_sync_started" in meta
        return lease

    def _library_opened(self, lease: SourceLease | None) -> None:
        if self.library is not None:  # made meanwhile for a note (ensure_library)
            if lease is not None:
                self._closing.append(asyncio.ensure_future(lease.release()))
            return
        self._adopt_library(lease)
        wanted = self.settings.get(Prefs.source_mode)
        shown = lease is not None and wanted != "live" and self._library_synced
        self._show(SourceMode.LIBRARY if shown else SourceMode.LIVE)

    def _adopt_library(self, lease: SourceLease | None) -> None:
        self.library = lease
        self.library_available.emit(lease is not None)
        if lease is not None:
            source = self.library_source
            if source is not None:
                self._unsubscribe.append(source.library.subscribe(self._library_changed))
            self._library_poll.start()

    async def ensure_library(self) -> LibrarySource:
        """The account's library, made now when it has none: notes and scorecards are kept
        in it. What the table shows does not change (a new library is empty)."""
        connection = self.connection
        if connection is None:
            raise LibraryError("No account is open.")
        if self.library_source is None:
            lease = await connection.open_library(create=True)
            if self.connection is not connection or self.library is not None:
                await lease.release()
            else:
                self._library_request.cancel()
                if self.mode is SourceMode.LIVE:
                    self.settings.set(Prefs.source_mode, str(SourceMode.LIVE))
                self._adopt_library(lease)
        source = self.library_source
        if source is None or self.connection is not connection:
            raise LibraryError("The account changed meanwhile; try again.")
        return source

    def _library_failed(self, error: AurionError) -> None:
        log.warning("the account's library cannot be opened: %s", error)
        self.library = None
        self.library_available.emit(False)
        self._show(SourceMode.LIVE)

    def set_mode(self, mode: SourceMode) -> None:
        """Show the live API or the library (remembered as the user's choice)."""
        if mode is SourceMode.LIBRARY and self.library is None:
            return
        self.settings.set(Prefs.source_mode, str(mode))
        self._show(mode)

    def _show(self, mode: SourceMode) -> None:
        self.mode = mode
        if self.sort_by not in self.capabilities.sort_fields:
            self.sort_by, self.sort_order = "started_at", "desc"
        self.window = PageWindow(0, self.window.limit, 0)
        self.source_changed.emit(str(mode))
        self.load_page(0)
        self._run_search()

    def _release_sources(self) -> None:
        for request in (
            self._page,
            self._search,
            self._lookup,
            self._library_request,
            self._version_request,
            self._probe_request,
        ):
            request.cancel()
        self._probe.stop()
        self._library_poll.stop()
        self._data_version = None
        for unsubscribe in self._unsubscribe:
            unsubscribe()  # type: ignore[operator]
        self._unsubscribe.clear()
        if self.library is not None:
            self._closing.append(asyncio.ensure_future(self.library.release()))
            self.library = None
        if self.connection is not None:
            self._closing.append(asyncio.ensure_future(self.connection.lease.release()))
            self.connection = None

    # -- pages -----------------------------------------------------------------------------

    def query(self, offset: int) -> CallQuery:
        searchable = self.capabilities.search and self.mode is SourceMode.LIBRARY
        return CallQuery(
            limit=self.window.limit,
            offset=max(0, offset),
            sort_by=self.sort_by,
            sort_order=self.sort_order,
            filters=self.filters if self.capabilities.filters else CallFilters(),
            text=self.text if searchable else "",
        )

    def load_page(self, offset: int, select: str | int | None = None) -> None:
        """Load the page at ``offset`` in the current sort and filters (stale answers drop)."""
        source = self.source
        if source is None:
            return
        self.loading.emit(True)
        self._page.run(
            source.list_calls(self.query(offset)),
            lambda page: self._page_done(page, select, False),
            self._page_error,
        )

    def refresh(self, select: str | None = None) -> None:
        self.load_page(self.window.offset, select)

    def _refresh_in_place(self) -> None:
        """Reload the page on screen and change only what differs (live updates)."""
        source = self.source
        if source is None or self._page.busy:
            return
        self._page.run(
            source.list_calls(self.query(self.window.offset)),
            lambda page: self._page_done(page, None, True),
            lambda error: log.info("a live refresh failed: %s", error),
        )

    def _page_done(self, page: Page[CallSummary], select: str | int | None, keyed: bool) -> None:
        self.loading.emit(False)
        if not page.data and page.total > 0 and page.offset >= page.total:
            # The list shrank (or the page size changed) under us: show the last page.
            self.load_page(PageWindow(0, page.limit, page.total).last_offset)
            return
        self.window = PageWindow(page.offset, page.limit, page.total)
        if self.mode is SourceMode.LIVE and self.offline_since is not None:
            self._back_online()
        self._shows_active = any(c.status == "active" for c in page.data)
        self._update_auto_refresh()
        self.page_loaded.emit(page, select, keyed)

    def set_auto_refresh(self, on: bool) -> None:
        """Reload the live list every 15 s while it shows calls in progress (in place)."""
        self.auto_refresh = on
        self.settings.set(Prefs.auto_refresh, on)
        self._update_auto_refresh()

    def _update_auto_refresh(self) -> None:
        if self.auto_refresh and self._shows_active and self.mode is SourceMode.LIVE:
            if not self._auto_refresh.isActive():
                self._auto_refresh.start()
        else:
            self._auto_refresh.stop()

    def _page_error(self, error: AurionError) -> None:
        self.loading.emit(False)
        if self.mode is SourceMode.LIVE and isinstance(error, NetworkError):
            self._went_offline()
        self.page_failed.emit(error)

    def set_page_size(self, size: int) -> None:
        self.window = self.window.with_limit(size)
        self.settings.set(Prefs.page_size, size)
        self.load_page(self.window.offset)

    def next_page(self) -> None:
        if self.window.next_offset is not None:
            self.load_page(self.window.next_offset, select=0)

    def previous_page(self) -> None:
        if self.window.previous_offset is not None:
            self.load_page(self.window.previous_offset, select=-1)

    # -- sort, filters, search -------------------------------------------------------------

    def can_sort(self, sort_by: str) -> bool:
        return sort_by in self.capabilities.sort_fields

    def set_sort(self, sort_by: str, sort_order: str) -> bool:
        """Sort by ``sort_by`` if this source can (False, and nothing changes, if not)."""
        if not self.can_sort(sort_by):
            return False
        self.sort_by, self.sort_order = sort_by, sort_order
        self.settings.set(Prefs.sort_by, sort_by)
        self.settings.set(Prefs.sort_order, sort_order)
        self.load_page(0, select=0)
        return True

    def set_filters(self, filters: CallFilters) -> None:
        if filters == self.filters:
            return
        self.filters = filters
        if self.capabilities.filters:
            self.load_page(0)
            self._run_search()

    def set_text(self, text: str) -> None:
        text = text.strip()
        if text == self.text:
            return
        self.text = text
        if self.capabilities.search:
            self.load_page(0)
        self._run_search()

    def _run_search(self) -> None:
        source = self.library_source
        if not self.text or source is None or self.mode is not SourceMode.LIBRARY:
            self._search.cancel()
            self.search_finished.emit(None)
            return
        self._search.run(
            source.search(self.text, self.filters, limit=SEARCH_HITS),
            self.search_finished.emit,
            self.page_failed.emit,
        )

    def find_call(self, call_id: str) -> None:
        """Look a call up by id (the library first, else the API): ``call_found``."""
        source = self.source
        call_id = call_id.strip()
        if source is None or not call_id:
            return
        self._lookup.run(source.get_call(call_id), self.call_found.emit, self.call_not_found.emit)

    # -- offline ---------------------------------------------------------------------------

    def _went_offline(self) -> None:
        if self.offline_since is None:
            self.offline_since = datetime.now(UTC)
            self.offline_changed.emit(self.offline_since)
        if not self._probe.isActive():
            self._probe.start()

    def _back_online(self, sync: bool = True) -> None:
        self.offline_since = None
        self._probe.stop()
        self.offline_changed.emit(None)
        if sync and self.library is not None:
            self.start_sync()  # catch up on what was missed

    def _probe_api(self) -> None:
        if self.connection is None:
            self._probe.stop()
            return
        self._probe_request.run(
            self.connection.source.list_calls(CallQuery(limit=1)),
            lambda _page: self._back_online(),
            lambda _error: None,
        )

    def note_api_error(self, error: AurionError) -> None:
        """A request elsewhere (a transcript, a sync) found the API unreachable."""
        if isinstance(error, NetworkError):
            self._went_offline()

    # -- the library's sync and live changes -----------------------------------------------

    def start_sync(self, keep_ids: tuple[str, ...] = ()) -> None:
        """Bring the library up to date in the background (making it on first use)."""
        if self.connection is None or (self.sync is not None and self.sync.running):
            return
        self._sync_task = asyncio.ensure_future(self._sync(self.connection, keep_ids))

    async def _sync(self, connection: Connection, keep_ids: tuple[str, ...]) -> None:
        from app.library.sync import LibrarySync

        try:
            if self.library is None:
                lease = await connection.open_library(create=True)
                if self.connection is not connection:  # the account changed meanwhile
                    await lease.release()
                    return
                self._library_synced = True  # being synced now: show it as it fills
                self._library_opened(lease)
            source = self.library_source
            assert source is not None
            if keep_ids:
                await source.library.keep_offline(keep_ids)
            self.sync = LibrarySync(
                source.library,
                connection.lease.share(),
                on_progress=self.sync_progress.emit,
                trail=self.trail,
            )
            done = await self.sync.run()
            if not self._library_synced and self.connection is connection:
                self._library_synced = True  # a library made for notes now holds the calls
                if self.mode is SourceMode.LIVE:
                    self.set_mode(SourceMode.LIBRARY)
        except asyncio.CancelledError:
            return
        except (AurionError, LibraryError) as exc:
            self.note_api_error(exc)
            self.sync_finished.emit(exc)
            return
        if done.walk_complete and self.offline_since is not None:
            self._back_online(sync=False)  # the API answered the sync: no need to wait for a probe
        self.sync_finished.emit(done)

    def _library_changed(self, call_ids: frozenset[str]) -> None:
        if self.mode is SourceMode.LIBRARY and not self._live_refresh.isActive():
            self._live_refresh.start()

    def _poll_library(self) -> None:
        """Notice another process's writes (``sync --listen``) through the file's change
        counter, and show them like our own sync's."""
        source = self.library_source
        if source is None or self.mode is not SourceMode.LIBRARY:
            return
        if not self._version_request.busy:
            self._version_request.run(
                source.library.data_version(), self._version_seen, lambda _error: None
            )

    def _version_seen(self, version: int) -> None:
        if self._data_version is not None and version != self._data_version:
            self._library_changed(frozenset())
        self._data_version = version

    # -- closing ---------------------------------------------------------------------------

    def any_busy(self) -> bool:
        return self._page.busy or self._lookup.busy

    async def aclose(self) -> None:
        self._auto_refresh.stop()
        if self.sync is not None:
            self.sync.cancel()
            await self.sync.wait()
        if self._sync_task is not None:
            self._sync_task.cancel()
            await asyncio.gather(self._sync_task, return_exceptions=True)
        self._live_refresh.stop()
        self._release_sources()
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)
        self._closing.clear()


def sync_text(progress: SyncProgress) -> str:
    """The sync's progress in the window's language (the CLI's is ``sync_progress_line``)."""
    from ui.progress_text import progress_text

    return progress_text().sync_progress(progress)
