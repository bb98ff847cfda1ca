"""Shows where the calls come from (the live API or the library) and the library's state: its
filters and search, matches, sync, and being offline."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar

from app.errors import AurionError, NotFoundError
from ui.call_browser import CallBrowser, SourceMode, sync_text
from ui.i18n import error_message, format_clock, number
from ui.models.call_table_model import CallTableModel
from ui.widgets.account_toolbar import AccountToolbar
from ui.widgets.banner import Banner, BannerKind
from ui.widgets.filter_bar import FilterBar
from ui.widgets.search_results import ResultTabs, SearchResultsModel

if TYPE_CHECKING:
    from app.library.search import SearchResult
    from app.library.sync import SyncProgress, SyncReport


class LibraryPresenter(QObject):
    """Connects the CallBrowser's news about sources, search and sync to the widgets.

    Signals:
        layout_changed(): controls came or went (the window re-applies its Tab order).
    """

    layout_changed = Signal()

    def __init__(
        self,
        browser: CallBrowser,
        toolbar: AccountToolbar,
        filter_bar: FilterBar,
        tabs: ResultTabs,
        hits: SearchResultsModel,
        model: CallTableModel,
        banner: Banner,
        status: QStatusBar,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.browser, self.toolbar, self.filter_bar = browser, toolbar, filter_bar
        self.tabs, self.hits, self.model = tabs, hits, model
        self.banner, self.status = banner, status
        toolbar.source_switch.mode_chosen.connect(lambda m: browser.set_mode(SourceMode(m)))
        toolbar.sync_action.triggered.connect(lambda: browser.start_sync())
        filter_bar.text_changed.connect(browser.set_text)
        filter_bar.filters_changed.connect(browser.set_filters)
        filter_bar.go_to_call.connect(browser.find_call)
        browser.source_changed.connect(self._source_changed)
        browser.library_available.connect(self._library_available)
        browser.offline_changed.connect(self._offline_changed)
        browser.search_finished.connect(self._search_finished)
        browser.sync_progress.connect(self._sync_progress)
        browser.sync_finished.connect(self._sync_finished)
        browser.call_not_found.connect(self._call_not_found)
        browser.page_loaded.connect(lambda page, _select, _keyed: filter_bar.set_calls(page.total))

    def _source_changed(self, mode: str) -> None:
        library = mode == SourceMode.LIBRARY
        self.toolbar.source_switch.set_mode(mode)
        self.filter_bar.setVisible(library)
        self.toolbar.auto_refresh_item.setVisible(not library)  # the library updates itself
        fields = frozenset(self.browser.capabilities.sort_fields)
        self.model.set_sortable(fields)
        self.toolbar.sort_menu.set_fields(fields)
        if self.browser.offline_since is not None:
            self._show_offline(self.browser.offline_since)  # what its buttons offer changed
        self.layout_changed.emit()

    def _library_available(self, available: bool) -> None:
        self.toolbar.source_switch.set_library_available(available)
        self.toolbar.sync_label.setText("" if available else self.tr("No library yet"))

    def _offline_changed(self, since: datetime | None) -> None:
        if since is None:
            self.toolbar.sync_label.setText("")
            self.banner.hide()
            return
        self._show_offline(since)

    def _show_offline(self, since: datetime) -> None:
        when = format_clock(since)
        self.toolbar.sync_label.setText(self.tr("Offline since {time}").format(time=when))
        if self.browser.library is None:
            text = self.tr(
                "Offline since {time}: the Aurion API cannot be reached. The calls show "
                "again when it is back."
            )
            actions = [("retry", self.tr("Retry"))]
        elif self.browser.mode is SourceMode.LIVE:
            text = self.tr(
                "Offline since {time}: the Aurion API cannot be reached. The library still "
                "browses, searches, shows transcripts and plays kept recordings."
            )
            actions = [("library", self.tr("Use the library")), ("retry", self.tr("Retry"))]
        else:
            text = self.tr(
                "Offline since {time}: the Aurion API cannot be reached. You are browsing "
                "the library; recordings not kept offline cannot play. It syncs when the API "
                "is back."
            )
            actions = [("sync", self.tr("Sync now"))]
        self.banner.show_message(text.format(time=when), BannerKind.WARNING, actions)

    def _sync_progress(self, progress: SyncProgress) -> None:
        self.toolbar.sync_label.setText(
            self.tr("Syncing: {progress}").format(progress=sync_text(progress))
        )
        self.toolbar.sync_action.setEnabled(False)

    def _sync_finished(self, report: SyncReport | AurionError) -> None:
        self.toolbar.sync_action.setEnabled(True)
        if isinstance(report, AurionError):
            if self.browser.offline_since is None:  # else it says since when it is offline
                self.toolbar.sync_label.setText(self.tr("Sync failed"))
            self.status.showMessage(
                self.tr("The library could not sync: {error}").format(error=error_message(report)),
                10_000,
            )
            return
        self.toolbar.sync_label.setText(
            self.tr("Library synced at {time}").format(
                time=format_clock(datetime.now().astimezone())
            )
        )
        self.status.showMessage(
            self.tr("Library synced: {progress}").format(progress=sync_text(report.progress)), 8000
        )

    def _search_finished(self, result: SearchResult | None) -> None:
        if result is None:
            self.hits.set_hits(())
            self.filter_bar.set_hits(None)
            self.tabs.show_matches(None)
        else:
            self.hits.set_hits(result.hits)
            count = len(result.hits)
            self.tabs.show_matches(
                self.tr("Matches ({count}+)").format(count=number(count))
                if result.more
                else self.tr("Matches ({count})").format(count=number(count))
            )
            self.filter_bar.set_hits(count, result.more)
        self.layout_changed.emit()

    def _call_not_found(self, error: AurionError) -> None:
        if isinstance(error, NotFoundError):
            self.status.showMessage(
                self.tr("No such call: {error}").format(error=error_message(error)), 8000
            )
        else:
            self.status.showMessage(
                self.tr("The call could not be opened: {error}").format(error=error_message(error)),
                8000,
            )

    def focus_search(self) -> None:
        if self.browser.library is not None:
            self.browser.set_mode(SourceMode.LIBRARY)
            self.filter_bar.search_edit.setFocus()
            self.filter_bar.search_edit.selectAll()

    def focus_goto(self) -> None:
        if self.filter_bar.isVisible():
            self.filter_bar.goto_edit.setFocus()
            self.filter_bar.goto_edit.selectAll()
