"""The main window: assembles the call list, the open call and the dialogs; the CallBrowser owns
what the list shows and the CallSession the open call."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.accounts import KeyStore, ProfileStore
from app.errors import AurionError, ConfigurationError
from app.models import CallSummary, Page
from app.paging import PageWindow
from app.review.desk import ReviewDesk
from app.session import DEMO_PROFILE, Connection, DemoRuntime, open_demo, open_profile
from ui.accessibility import StatusAnnouncer, install_accessibility
from ui.accounts_dialog import AccountsDialog
from ui.call_browser import CallBrowser, SourceMode
from ui.call_session import CallSession
from ui.call_view import CallView
from ui.focus import TabChain, install_focus_support
from ui.i18n import error_line, error_message
from ui.library_presenter import LibraryPresenter
from ui.models.call_table_model import COLUMNS, CallTableModel, Column, column_for_sort_field
from ui.player_controller import PlayerController
from ui.resources import icon
from ui.review_actions import ReviewActions, default_column_sizes
from ui.review_session import ReviewSession
from ui.review_view import ReviewView
from ui.settings import Prefs, Settings, WindowState
from ui.shortcuts import PlaybackKeys, ShortcutsDialog
from ui.tasks import LatestRequest
from ui.widgets.account_toolbar import AccountToolbar
from ui.widgets.banner import Banner, BannerKind
from ui.widgets.call_table import CallTableView
from ui.widgets.detail_pane import DetailPane
from ui.widgets.filter_bar import FilterBar
from ui.widgets.locale_menus import LanguageMenu, ThemeMenu, TimesMenu
from ui.widgets.pagination_bar import PaginationBar
from ui.widgets.review_pane import ReviewPane
from ui.widgets.review_panel import ReviewPanel
from ui.widgets.search_results import ResultTabs, SearchResultsModel, SearchResultsView
from ui.widgets.sort_menu import describe_sort

if TYPE_CHECKING:
    from app.library.search import SearchHit
    from ui.export_dialog import ExportDialog

log = logging.getLogger(__name__)

LOADING_HINT_DELAY_MS = 250


class MainWindow(QMainWindow):
    """The reviewer's window.

    Signals:
        page_shown(): a page of calls is on screen (after every successful page load).
        detail_shown(str): the detail pane shows this call id.
        transcript_shown(str): the transcript of this call id is on screen.
        connection_changed(str): now connected to this profile ("" for the demo).
    """

    page_shown = Signal()
    detail_shown = Signal(str)
    transcript_shown = Signal(str)
    connection_changed = Signal(str)

    def __init__(
        self,
        settings: Settings,
        profiles: ProfileStore,
        keys: KeyStore,
        demo: DemoRuntime,
        force_demo: bool = False,
    ) -> None:
        super().__init__()
        self._default_columns = False
        self.settings = settings
        self.profiles = profiles
        self.keys = keys
        self.demo = demo
        self._force_demo = force_demo
        self._connect_request: LatestRequest[Connection] = LatestRequest()
        self.accounts_dialog: AccountsDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.browser = CallBrowser(settings, self)
        #: Who reviews, their audit trail and scorecard templates.
        self.desk = ReviewDesk()
        self.browser.trail = self.desk.trail

        self.setWindowTitle(self.tr("Aurion Call Review"))
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)
        install_accessibility()
        self._build_ui()
        self._build_menus()
        self._install_keyboard()
        self._restore_state()
        self._wire()

        self._loading_hint = QTimer(self, singleShot=True, interval=LOADING_HINT_DELAY_MS)
        self._loading_hint.timeout.connect(self._show_loading_hint)
        QTimer.singleShot(0, self._connect_initial)

    @property
    def connection(self) -> Connection | None:
        return self.browser.connection

    # -- construction ----------------------------------------------------------------------

    def _build_ui(self) -> None:
        self.toolbar = AccountToolbar(self)
        self.addToolBar(self.toolbar)
        t = self.toolbar
        self.profile_box, self.accounts_action = t.profile_box, t.accounts_action
        self.source_switch, self.refresh_action = t.source_switch, t.refresh_action
        self.sort_menu, self.sort_button = t.sort_menu, t.sort_button
        self.auto_refresh_box, self.sync_action = t.auto_refresh_box, t.sync_action
        self.sync_label = t.sync_label

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(6)
        self.demo_banner = Banner()
        self.demo_banner.action_triggered.connect(lambda _a: self.open_accounts())
        layout.addWidget(self.demo_banner)
        self.banner = Banner()
        self.banner.action_triggered.connect(self._banner_action)
        layout.addWidget(self.banner)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.setChildrenCollapsible(False)
        layout.addWidget(self.main_splitter, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(2)
        self.filter_bar = FilterBar()
        self.filter_bar.hide()
        left_layout.addWidget(self.filter_bar)
        self.tabs = ResultTabs()
        calls_tab = QWidget()
        calls_layout = QVBoxLayout(calls_tab)
        calls_layout.setContentsMargins(0, 0, 0, 0)
        calls_layout.setSpacing(2)
        self.model = CallTableModel(self)
        self.table = CallTableView(self.model)
        calls_layout.addWidget(self.table, 1)
        self.pager = PaginationBar()
        calls_layout.addWidget(self.pager)
        self.hits_model = SearchResultsModel(self)
        self.hits_view = SearchResultsView(self.hits_model)
        self.tabs.set_pages(calls_tab, self.hits_view)
        left_layout.addWidget(self.tabs, 1)
        self.main_splitter.addWidget(left)

        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.setChildrenCollapsible(False)
        self.detail = DetailPane()
        self.side_splitter.addWidget(self.detail)
        self.review = ReviewPane()
        self.side_splitter.addWidget(self.review)
        # details take the height they need (they scroll when short), the transcript the rest
        self.side_splitter.setStretchFactor(0, 0)
        self.side_splitter.setStretchFactor(1, 1)
        self.player = PlayerController(self.review.controls, self.review.transcript, self)
        self.session = CallSession(self.player, self)
        self.review.controls.set_volume(self.settings.get(Prefs.volume))
        self.player.audio.setVolume(self.settings.get(Prefs.volume))
        self.review.controls.set_rate(self.settings.get(Prefs.playback_rate))
        self.main_splitter.addWidget(self.side_splitter)
        self.review_panel = ReviewPanel()
        self.main_splitter.addWidget(self.review_panel)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)
        self.main_splitter.setStretchFactor(2, 1)
        # the review column folds away on narrow screens: the table keeps every column
        self.main_splitter.setCollapsible(2, True)
        self.setCentralWidget(central)
        self.reviews = ReviewSession(self.desk, self.browser, self.session, self)
        self.review_view = ReviewView(
            self.reviews, self.review_panel, self.review, self.player, self
        )
        self.review_actions = ReviewActions(
            self.reviews, self.review_view, self.review_panel, self.main_splitter,
            self.settings, self.selected_calls, self,
        )  # fmt: skip

    def _wire(self) -> None:
        """Widgets' intent to the browser and the session; their news back to the widgets."""
        b = self.browser
        self.profile_box.activated.connect(self._profile_chosen)
        self.accounts_action.triggered.connect(self.open_accounts)
        self.refresh_action.triggered.connect(self.refresh)
        self.auto_refresh_box.setChecked(b.auto_refresh)
        self.auto_refresh_box.toggled.connect(b.set_auto_refresh)
        self.sort_menu.sort_chosen.connect(self.set_sort)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.next_page_requested.connect(b.next_page)
        self.table.previous_page_requested.connect(b.previous_page)
        self.pager.page_requested.connect(b.load_page)
        self.pager.page_size_changed.connect(b.set_page_size)
        self.hits_view.hit_activated.connect(self.open_hit)
        b.page_loaded.connect(self._page_loaded)
        b.page_failed.connect(self._page_failed)
        b.loading.connect(self._loading)
        b.call_found.connect(lambda detail: self._open_call(detail.summary()))
        self.library = LibraryPresenter(
            b, self.toolbar, self.filter_bar, self.tabs, self.hits_model, self.model,
            self.banner, self.statusBar(), self,
        )  # fmt: skip
        self.library.layout_changed.connect(self._layout_changed)
        self.call_view = CallView(self.session, self.detail, self.review, self)
        self.call_view.detail_shown.connect(self.detail_shown)
        self.call_view.transcript_shown.connect(self.transcript_shown)
        self.call_view.failed.connect(b.note_api_error)
        b.call_not_found.connect(self.call_view.forget_hit)
        self.reviews.statuses_changed.connect(self.model.set_review_statuses)
        self.review_actions.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.review_actions.layout_changed.connect(self._layout_changed)
        self._show_sort_indicator()

    def _layout_changed(self) -> None:
        self._show_sort_indicator()
        self.tab_chain.apply()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.export_action = QAction(self.tr("&Export…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip(
            self.tr("Export transcripts of this call, the selected or all calls")
        )
        self.export_action.triggered.connect(self.open_export)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.review_actions.pack_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view = bar.addMenu(self.tr("&View"))
        view.addAction(self.refresh_action)
        view.addMenu(self.sort_menu)
        announce = self.review.transcript.announce_action
        announce.setChecked(self.settings.get(Prefs.announce_lines))
        announce.toggled.connect(lambda on: self.settings.set(Prefs.announce_lines, on))
        view.addAction(announce)
        self.theme_menu = ThemeMenu(self.settings, self)
        view.addMenu(self.theme_menu)
        self.times_menu = TimesMenu(self.settings, self)
        self.times_menu.zone_chosen.connect(self._times_changed)
        view.addMenu(self.times_menu)
        self.language_menu = LanguageMenu(self.settings, self)
        for menu in (self.theme_menu, self.language_menu):
            menu.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        view.addMenu(self.language_menu)
        go = bar.addMenu(self.tr("&Go"))
        for text, shortcut, slot in (
            (self.tr("&First page"), "Alt+Home", self.pager.go_first),
            (self.tr("&Previous page"), "Alt+PgUp", self.pager.go_previous),
            (self.tr("&Next page"), "Alt+PgDown", self.pager.go_next),
            (self.tr("&Last page"), "Alt+End", self.pager.go_last),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            go.addAction(action)
            self.addAction(action)
        focus_table = QAction(self.tr("Focus call &table"), self)
        focus_table.setShortcut(QKeySequence("Ctrl+L"))
        focus_table.triggered.connect(lambda: self.table.setFocus())
        go.addAction(focus_table)
        self.search_action = QAction(self.tr("&Search the library"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+Shift+F"))
        self.search_action.triggered.connect(lambda: self.library.focus_search())
        go.addAction(self.search_action)
        self.goto_action = QAction(self.tr("&Go to call id…"), self)
        self.goto_action.setShortcut(QKeySequence("Ctrl+G"))
        self.goto_action.triggered.connect(lambda: self.library.focus_goto())
        go.addAction(self.goto_action)

        self.review_actions.fill_menu(bar.addMenu(self.tr("&Review")))
        library = bar.addMenu(self.tr("&Library"))
        library.addAction(self.sync_action)
        self.keep_action = QAction(self.tr("&Keep this recording offline"), self)
        self.keep_action.setToolTip(
            self.tr("Download this call's recording into the library (next sync)")
        )
        self.keep_action.triggered.connect(self._keep_offline)
        library.addAction(self.keep_action)

        account = bar.addMenu(self.tr("&Account"))
        account.addAction(self.accounts_action)
        self.help_menu = bar.addMenu(self.tr("&Help"))
        keys_action = QAction(self.tr("&Keyboard shortcuts"), self)
        keys_action.setShortcut(QKeySequence("F1"))
        keys_action.triggered.connect(self.show_shortcuts)
        self.help_menu.addAction(keys_action)
        about = QAction(self.tr("&About Aurion Call Review"), self)
        about.triggered.connect(self._about)
        self.help_menu.addAction(about)

    def _install_keyboard(self) -> None:
        """Playback keys where listening happens, Enter on buttons, rings, one Tab order."""
        controls = self.review.controls
        actions = {
            Qt.Key.Key_Space: self.player.toggle,
            Qt.Key.Key_K: self.player.toggle,
            Qt.Key.Key_Left: lambda: self.player.skip(-5000),
            Qt.Key.Key_Right: lambda: self.player.skip(5000),
            Qt.Key.Key_J: lambda: self.player.skip(-15000),
            Qt.Key.Key_L: lambda: self.player.skip(15000),
            Qt.Key.Key_BracketLeft: lambda: controls.step_rate(-1),
            Qt.Key.Key_BracketRight: lambda: controls.step_rate(1),
            Qt.Key.Key_M: controls.mute_button.toggle,
            Qt.Key.Key_N: self.review_view.add_note_at_playhead,
        }
        self.playback_keys = PlaybackKeys(
            self,
            {int(k.value): a for k, a in actions.items()},
            [
                self.table,
                self.hits_view,
                self.review.transcript.list,
                controls,
                self.review_panel.notes.list,
            ],
        )
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.playback_keys)
        self.button_keys = install_focus_support(self)
        self.tab_chain = TabChain(
            lambda: [
                *self.toolbar.tab_order(),
                *self.demo_banner.buttons(),
                *self.banner.buttons(),
                *(self.filter_bar.tab_order() if self.filter_bar.isVisible() else []),
                self.table,
                *self.tabs.tab_order(),
                *([self.hits_view] if self.tabs.matches_shown else []),
                *self.pager.tab_order(),
                *self.detail.tab_order(),
                *self.review.controls.tab_order(),
                *self.review.transcript.tab_order(),
                *(self.review_panel.tab_order() if self.review_actions.review_panel_shown else []),
            ]
        )
        for banner in (self.demo_banner, self.banner):
            banner.buttons_changed.connect(self.tab_chain.apply)
        self.tab_chain.apply()
        StatusAnnouncer(self.statusBar(), quiet=frozenset({self.tr("Loading calls…")}))

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _restore_state(self) -> None:
        geometry = self.settings.get(WindowState.geometry)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        for splitter, setting in (
            (self.main_splitter, WindowState.main_splitter),
            (self.side_splitter, WindowState.side_splitter),
        ):
            state = self.settings.get(setting)
            if not state.isEmpty():
                splitter.restoreState(state)
        #: No column widths saved yet (or saved before the review column): the defaults are
        #: set once shown, as a hidden splitter does not keep a folded (0) size.
        self._default_columns = (
            self.settings.get(WindowState.main_splitter).isEmpty()
            or min(self.main_splitter.sizes()[:2]) < 100
        )
        header_state = self.settings.get(WindowState.table_header)
        if not header_state.isEmpty():
            self.table.horizontalHeader().restoreState(header_state)
        self._show_sort_indicator()

    def save_state(self) -> None:
        s = self.settings
        s.set(WindowState.geometry, self.saveGeometry())
        s.set(WindowState.main_splitter, self.main_splitter.saveState())
        s.set(WindowState.side_splitter, self.side_splitter.saveState())
        s.set(WindowState.table_header, self.table.horizontalHeader().saveState())
        s.set(Prefs.page_size, self.browser.window.limit)
        s.set(Prefs.sort_by, self.browser.sort_by)
        s.set(Prefs.sort_order, self.browser.sort_order)
        s.set(Prefs.volume, self.review.controls.volume.value() / 100)
        s.set(Prefs.playback_rate, float(self.review.controls.speed_box.currentData()))
        if self.connection is not None:
            s.set(Prefs.last_profile, self.connection.profile)
        s.sync()

    # -- connection ------------------------------------------------------------------------

    def _fill_profiles(self, current: str) -> None:
        self.profile_box.blockSignals(True)
        self.profile_box.clear()
        self.profile_box.addItem(self.tr("Demo data (built-in)"), DEMO_PROFILE)
        try:
            names = [p.name for p in self.profiles.load()]
        except ConfigurationError as exc:
            names = []
            self.banner.show_message(error_message(exc), BannerKind.ERROR)
        for name in names:
            self.profile_box.addItem(name, name)
        index = self.profile_box.findData(current)
        self.profile_box.setCurrentIndex(max(index, 0))
        self.profile_box.blockSignals(False)

    def _connect_initial(self) -> None:
        wanted = "" if self._force_demo else self.settings.get(Prefs.last_profile)
        try:
            known = {p.name for p in self.profiles.load()}
        except ConfigurationError:
            known = set()
        self.connect_to(wanted if wanted in known else DEMO_PROFILE)

    def _profile_chosen(self, index: int) -> None:
        self.connect_to(str(self.profile_box.itemData(index)))

    def connect_to(self, profile: str) -> None:
        """Switch to ``profile`` ("" for the demo) and show its calls."""
        self._fill_profiles(profile)
        self.browser.set_connection(None)
        self.model.clear()
        self.session.close()
        self.pager.set_window(self.browser.window)
        self.statusBar().clearMessage()  # the previous account's "1,200 calls" is not this one's
        self.demo_banner.hide()
        if profile == DEMO_PROFILE:
            self.banner.show_message(self.tr("Starting the built-in demo server…"), BannerKind.INFO)
            self._connect_request.run(self._open_demo(), self._connected, self._connect_failed)
            return
        try:
            connection = open_profile(profile, self.profiles, self.keys)
        except ConfigurationError as exc:
            self._connect_failed(exc)
            return
        self._connected(connection)

    async def _open_demo(self) -> Connection:
        loop = asyncio.get_running_loop()
        server = await loop.run_in_executor(None, self.demo.ensure_started)
        return open_demo(server)

    def _connected(self, connection: Connection) -> None:
        self.banner.hide()
        if connection.is_demo:
            self.demo_banner.show_message(
                self.tr(
                    "Demo data: you are looking at a built-in demo tenant with sample recordings. "
                    "Add your Aurion account to review your own calls."
                ),
                BannerKind.INFO,
                [("accounts", self.tr("Add account…"))],
            )
        self.setWindowTitle(
            self.tr("{account} — Aurion Call Review").format(account=connection.title)
        )
        self.settings.set(Prefs.last_profile, connection.profile)
        self.browser.set_connection(connection)
        self.connection_changed.emit(connection.profile)

    def _connect_failed(self, error: AurionError) -> None:
        self.banner.show_message(
            error_message(error),
            BannerKind.ERROR,
            [("accounts", self.tr("Accounts…")), ("demo", self.tr("Open demo data"))],
        )

    # -- the list of calls -----------------------------------------------------------------

    @property
    def window_(self) -> PageWindow:
        return self.browser.window

    def refresh(self) -> None:
        current = self._current_call()
        self.browser.refresh(current.id if current else None)

    def _loading(self, busy: bool) -> None:
        if busy:
            self._loading_hint.start()
            self.statusBar().showMessage(self.tr("Loading calls…"))
        else:
            self._loading_hint.stop()

    def _show_loading_hint(self) -> None:
        if self.browser.any_busy():
            self.banner.show_message(self.tr("Loading calls…"), BannerKind.INFO)

    def _page_loaded(self, page: Page[CallSummary], select: str | int | None, keyed: bool) -> None:
        previous = self._current_call()
        self.pager.set_window(self.browser.window)
        if keyed:
            self.model.update_calls(page.data)  # live: selection and scroll stay
        else:
            self.model.set_calls(page.data)
            self.table.scrollToTop()  # not at the previous page's scroll position
            self._restore_selection(select, previous)
        b = self.browser
        where = self.tr("library") if b.mode is SourceMode.LIBRARY else self.tr("live API")
        self.statusBar().showMessage(
            self.tr("%Ln call(s) · {source} · sorted by {sort}", "", page.total).format(
                source=where, sort=describe_sort(b.sort_by, b.sort_order)
            )
            if page.total
            else self.tr("No calls")
        )
        if page.total == 0 and b.filters.empty and not b.text:
            self.banner.show_message(
                self.tr("No calls yet for this account. New calls appear here once they start."),
                BannerKind.INFO,
                [("retry", self.tr("Refresh"))],
            )
        elif b.offline_since is None:
            self.banner.hide()
        self.page_shown.emit()

    def _restore_selection(self, target: str | int | None, previous: CallSummary | None) -> None:
        row = -1
        if isinstance(target, str):
            row = self.model.row_of(target)
        elif isinstance(target, int):
            row = self.model.rowCount() - 1 if target < 0 else target
        if row < 0 and previous is not None:
            row = self.model.row_of(previous.id)
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        elif (
            self.session.call is not None
            and self.model.row_of(self.session.call.id) < 0
            and self.call_view.hit is None  # a call opened from a search stays open off the page
        ):
            self.session.close()

    def _page_failed(self, error: AurionError) -> None:
        self.statusBar().showMessage(self.tr("Could not load calls"), 5000)
        # Accounts… for every error: a network error may be a wrong base URL just as a 401
        # is a wrong key.
        actions = [("retry", self.tr("Retry")), ("accounts", self.tr("Accounts…"))]
        if self.browser.library is not None and self.browser.mode is SourceMode.LIVE:
            actions.insert(0, ("library", self.tr("Use the library")))
        self.banner.show_message(error_line(error), BannerKind.ERROR, actions)

    def _banner_action(self, action: str) -> None:
        if action == "retry":
            if self.connection is None:
                self._connect_initial()
            else:
                self.refresh()
        elif action == "accounts":
            self.open_accounts()
        elif action == "demo":
            self.connect_to(DEMO_PROFILE)
        elif action == "library":
            self.browser.set_mode(SourceMode.LIBRARY)
        elif action == "sync":
            self.browser.start_sync()

    def _show_sort_indicator(self) -> None:
        b = self.browser
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        if self.settings.get(WindowState.table_header).isEmpty():  # widths the user set stay
            self.table.fit_columns(column_for_sort_field(b.sort_by))
        header.setSortIndicator(
            column_for_sort_field(b.sort_by),
            Qt.SortOrder.DescendingOrder if b.sort_order == "desc" else Qt.SortOrder.AscendingOrder,
        )
        header.blockSignals(False)
        self.sort_menu.set_current(b.sort_by, b.sort_order)
        self.sort_button.set_current(b.sort_by, b.sort_order)

    def _sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        field = COLUMNS[Column(section)].sort_field
        sort_order = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
        if not self.browser.set_sort(field, sort_order):
            title = COLUMNS[Column(section)].header
            self.statusBar().showMessage(
                self.tr(
                    "Calls can't be sorted by {column} here: the API sorts by Started or Duration "
                    "only. The library sorts by any column."
                ).format(column=title),
                5000,
            )
        self._show_sort_indicator()

    def set_sort(self, sort_by: str, sort_order: str) -> None:
        """Sort as if the user clicked the header (the Sort by menu, tests)."""
        column = column_for_sort_field(sort_by)
        order = Qt.SortOrder.AscendingOrder if sort_order == "asc" else Qt.SortOrder.DescendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)

    # -- search ----------------------------------------------------------------------------

    def open_hit(self, hit: SearchHit) -> None:
        """Open the call a search hit is in and play from that moment, the hit highlighted."""
        self.call_view.hit, self.call_view.query = hit, self.browser.text
        self.browser.find_call(hit.call_id)

    # -- the open call ---------------------------------------------------------------------

    def _current_call(self) -> CallSummary | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.call_at(index.row()) if index.isValid() else None

    def selected_calls(self) -> list[CallSummary]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [c for c in (self.model.call_at(r) for r in rows) if c is not None]

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        call = self.model.call_at(current.row()) if current.isValid() else None
        if call is None:
            if self.call_view.hit is None:
                self.session.close()
            return
        self.call_view.hit = None
        self._open_call(call)

    def _open_call(self, call: CallSummary) -> None:
        source = self.browser.source
        if source is not None:
            self.session.open(source, call, start_at=self.call_view.start_at(call.id))

    def _keep_offline(self) -> None:
        call = self.session.call
        if call is None:
            self.statusBar().showMessage(
                self.tr("Open a call to keep its recording offline."), 5000
            )
            return
        self.browser.start_sync(keep_ids=(call.id,))
        self.statusBar().showMessage(
            self.tr("The recording of {id} will be kept offline (syncing now).").format(id=call.id),
            8000,
        )

    # -- dialogs ---------------------------------------------------------------------------

    def open_accounts(self) -> None:
        dialog = AccountsDialog(self.profiles, self.keys, self, trail=self.desk.trail)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._accounts_closed(dialog))
        self.accounts_dialog = dialog
        dialog.open()

    def _accounts_closed(self, dialog: AccountsDialog) -> None:
        self.accounts_dialog = None
        current = self.connection.profile if self.connection else DEMO_PROFILE
        if dialog.chosen_profile is not None:
            self.connect_to(dialog.chosen_profile)
        elif dialog.changed:
            try:
                names = {p.name for p in self.profiles.load()}
            except ConfigurationError:
                names = set()
            self.connect_to(current if current in names else DEMO_PROFILE)

    def open_export(self) -> None:
        """Show the Export dialog (the running one, if an export is under way)."""
        if self.export_dialog is not None and self.export_dialog.running:
            self.export_dialog.show()
            self.export_dialog.raise_()
            self.export_dialog.activateWindow()
            return
        if self.browser.lease is None:
            self.statusBar().showMessage(
                self.tr("Connect to an account to export its calls."), 5000
            )
            return
        # Imported on first use: the export modules are ~40 ms of start-up nobody waits for.
        from ui.export_dialog import ExportDialog

        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        lease = self.browser.lease
        assert lease is not None
        self.export_dialog = ExportDialog(
            lease,
            self.settings,
            self.session.call or self._current_call(),
            self.selected_calls(),
            self.browser.window.total,
            self,
            trail=self.desk.trail,
        )
        self.export_dialog.hidden_while_running.connect(
            lambda: self.statusBar().showMessage(
                self.tr("The export goes on in the background: Ctrl+E shows it."), 8000
            )
        )
        self.export_dialog.show()
        self.export_dialog.activateWindow()  # keyboard focus goes to it, with or without a WM

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Aurion Call Review"),
            self.tr(
                "Aurion Call Review {version}\n\nReview Aurion voice calls: browse calls, "
                "listen to recordings in sync with their transcripts, and export transcripts."
            ).format(version=__version__),
        )

    def _times_changed(self, _zone: str) -> None:
        """Show every time again in the zone now chosen (table, details, search matches)."""
        self.model.times_changed()
        self.hits_model.times_changed()
        if self.detail.detail is not None:
            self.detail.show_detail(self.detail.detail)

    # -- shutdown --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_columns:
            self._default_columns = False
            self.main_splitter.setSizes(default_column_sizes(self.main_splitter.width()))
            self.review_actions.folded()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    async def aclose(self) -> None:
        """Cancel what is loading and close the connection (the demo server is the runtime's)."""
        self._connect_request.cancel()
        job = self.export_dialog.job if self.export_dialog is not None else None
        if job is not None:
            job.cancel()
            await job.wait()
        await self.review_actions.aclose()
        self.session.close()
        await self.reviews.aclose()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.playback_keys)
            app.removeEventFilter(self.button_keys)
        await self.browser.aclose()

    def any_request_busy(self) -> bool:
        return self.browser.any_busy() or self.session.busy or self._connect_request.busy
