"""The main window: call table with server paging and sorting, detail pane, account switching."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.accounts import KeyStore, ProfileStore
from app.errors import (
    AurionError,
    ConfigurationError,
)
from app.models import CallDetail, CallSummary, Page, Transcript
from app.paging import PageWindow
from app.session import DEMO_PROFILE, Connection, DemoRuntime, open_demo, open_profile
from app.timeline import Timeline
from ui.accessibility import StatusAnnouncer, install_accessibility
from ui.accounts_dialog import AccountsDialog
from ui.focus import TabChain, install_focus_support, make_toolbar_focusable
from ui.models.call_table_model import (
    COLUMNS,
    SORTABLE_COLUMNS,
    CallTableModel,
    Column,
    column_for_sort_field,
)
from ui.player_controller import PlayerController
from ui.resources import icon
from ui.settings import Prefs, Settings, WindowState
from ui.shortcuts import PlaybackKeys, ShortcutsDialog
from ui.tasks import LatestRequest
from ui.theme import THEMES, apply_theme
from ui.widgets.banner import Banner, BannerKind
from ui.widgets.call_table import CallTableView
from ui.widgets.detail_pane import DetailPane
from ui.widgets.pagination_bar import PaginationBar
from ui.widgets.review_pane import ReviewPane
from ui.widgets.sort_menu import SortButton, SortMenu, describe_sort

if TYPE_CHECKING:
    from ui.export_dialog import ExportDialog

log = logging.getLogger(__name__)

AUTO_REFRESH_MS = 15_000
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
        self.settings = settings
        self.profiles = profiles
        self.keys = keys
        self.demo = demo
        self.connection: Connection | None = None
        self._force_demo = force_demo
        self._page_request: LatestRequest[Page[CallSummary]] = LatestRequest()
        self._detail_request: LatestRequest[CallDetail] = LatestRequest()
        self._transcript_request: LatestRequest[Transcript] = LatestRequest()
        self._connect_request: LatestRequest[Connection] = LatestRequest()
        self._closing: list[asyncio.Task[None]] = []
        self.window_ = PageWindow(0, settings.page_size(), 0)
        self.sort_by = settings.get(Prefs.sort_by)
        if self.sort_by not in ("started_at", "duration_seconds"):
            self.sort_by = "started_at"
        self.sort_order = "asc" if settings.get(Prefs.sort_order) == "asc" else "desc"
        self._select_after_load: str | int | None = None  # call id, or row (-1 = last)
        self.accounts_dialog: AccountsDialog | None = None
        self.export_dialog: ExportDialog | None = None

        self.setWindowTitle("Aurion Call Review")
        self.setWindowIcon(icon("app"))
        self.resize(1280, 800)
        install_accessibility()
        self._build_ui()
        self._build_menus()
        self._install_keyboard()
        self._restore_state()

        self._loading_hint = QTimer(self, singleShot=True, interval=LOADING_HINT_DELAY_MS)
        self._loading_hint.timeout.connect(self._show_loading_hint)
        self._auto_refresh = QTimer(self, interval=AUTO_REFRESH_MS)
        self._auto_refresh.timeout.connect(self._auto_refresh_tick)
        self.auto_refresh_box.setChecked(settings.get(Prefs.auto_refresh))
        QTimer.singleShot(0, self._connect_initial)

    # -- construction ----------------------------------------------------------------------

    def _build_ui(self) -> None:
        toolbar = QToolBar("Account")
        toolbar.setObjectName("accountToolbar")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        account_label = QLabel("Account:")
        account_label.setContentsMargins(4, 0, 4, 0)
        toolbar.addWidget(account_label)
        self.profile_box = QComboBox()
        self.profile_box.setMinimumWidth(200)
        self.profile_box.setAccessibleName("Account")
        self.profile_box.setToolTip("Which Aurion account to review")
        account_label.setBuddy(self.profile_box)
        self.profile_box.activated.connect(self._profile_chosen)
        toolbar.addWidget(self.profile_box)
        self.accounts_action = QAction("Accounts…", self)
        self.accounts_action.setToolTip("Add, test or remove Aurion accounts and their API keys")
        self.accounts_action.triggered.connect(self.open_accounts)
        toolbar.addAction(self.accounts_action)
        toolbar.addSeparator()
        self.refresh_action = QAction("Refresh", self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setToolTip("Reload this page of calls (F5)")
        self.refresh_action.triggered.connect(self.refresh)
        toolbar.addAction(self.refresh_action)
        self.sort_menu = SortMenu(self)
        self.sort_menu.sort_chosen.connect(self.set_sort)
        self.sort_button = SortButton(self.sort_menu)
        toolbar.addWidget(self.sort_button)
        self.auto_refresh_box = QCheckBox("Auto-refresh")
        self.auto_refresh_box.setToolTip(
            f"Reload every {AUTO_REFRESH_MS // 1000} s while this page shows active calls"
        )
        self.auto_refresh_box.setAccessibleName("Auto-refresh")
        self.auto_refresh_box.toggled.connect(self._auto_refresh_toggled)
        toolbar.addWidget(self.auto_refresh_box)
        make_toolbar_focusable(toolbar)

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
        self.model = CallTableModel(self)
        self.table = CallTableView(self.model)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.next_page_requested.connect(self._next_page_from_table)
        self.table.previous_page_requested.connect(self._previous_page_from_table)
        left_layout.addWidget(self.table, 1)
        self.pager = PaginationBar()
        self.pager.page_requested.connect(self.load_page)
        self.pager.page_size_changed.connect(self._page_size_changed)
        left_layout.addWidget(self.pager)
        self.main_splitter.addWidget(left)

        self.side_splitter = QSplitter(Qt.Orientation.Vertical)
        self.side_splitter.setObjectName("sideSplitter")
        self.side_splitter.setChildrenCollapsible(False)
        self.detail = DetailPane()
        self.detail.retry_requested.connect(self._reload_detail)
        self.side_splitter.addWidget(self.detail)
        self.review = ReviewPane()
        self.side_splitter.addWidget(self.review)
        # details take the height they need (they scroll when short), the transcript the rest
        self.side_splitter.setStretchFactor(0, 0)
        self.side_splitter.setStretchFactor(1, 1)
        self.player = PlayerController(self.review.controls, self.review.transcript, self)
        self.player.unavailable.connect(self.review.show_recording_status)
        self.player.audio_output_missing.connect(self.review.show_audio_output_missing)
        self.review.controls.set_volume(self.settings.get(Prefs.volume))
        self.player.audio.setVolume(self.settings.get(Prefs.volume))
        self.review.controls.set_rate(self.settings.get(Prefs.playback_rate))
        self.main_splitter.addWidget(self.side_splitter)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)
        self.setCentralWidget(central)
        self._show_sort_indicator()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.export_action = QAction("&Export…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.setToolTip("Export transcripts of this call, the selected or all calls")
        self.export_action.triggered.connect(self.open_export)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view = bar.addMenu("&View")
        view.addAction(self.refresh_action)
        view.addMenu(self.sort_menu)
        announce = self.review.transcript.announce_action
        announce.setChecked(self.settings.get(Prefs.announce_lines))
        announce.toggled.connect(lambda on: self.settings.set(Prefs.announce_lines, on))
        view.addAction(announce)
        theme_menu = view.addMenu("&Theme")
        group = QActionGroup(self)
        current = self.settings.get(Prefs.theme)
        for theme in THEMES:
            action = QAction(theme.capitalize(), self, checkable=True)
            action.setChecked(theme == current)
            action.setToolTip("Follow the system" if theme == "system" else f"Always {theme}")
            action.triggered.connect(lambda _c=False, t=theme: self._set_theme(t))
            group.addAction(action)
            theme_menu.addAction(action)
        go = bar.addMenu("&Go")
        for text, shortcut, slot in (
            ("&First page", "Alt+Home", self.pager.go_first),
            ("&Previous page", "Alt+PgUp", self.pager.go_previous),
            ("&Next page", "Alt+PgDown", self.pager.go_next),
            ("&Last page", "Alt+End", self.pager.go_last),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            go.addAction(action)
            self.addAction(action)
        focus_table = QAction("Focus call &table", self)
        focus_table.setShortcut(QKeySequence("Ctrl+L"))
        focus_table.triggered.connect(lambda: self.table.setFocus())
        go.addAction(focus_table)

        account = bar.addMenu("&Account")
        account.addAction(self.accounts_action)
        self.help_menu = bar.addMenu("&Help")
        keys_action = QAction("&Keyboard shortcuts", self)
        keys_action.setShortcut(QKeySequence("F1"))
        keys_action.triggered.connect(self.show_shortcuts)
        self.help_menu.addAction(keys_action)
        about = QAction("&About Aurion Call Review", self)
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
        }
        self.playback_keys = PlaybackKeys(
            self,
            {int(k.value): a for k, a in actions.items()},
            [self.table, self.review.transcript.list, controls],
        )
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.playback_keys)
        self.button_keys = install_focus_support(self)
        self.tab_chain = TabChain(
            lambda: [
                self.profile_box,
                self.toolbar.widgetForAction(self.accounts_action),
                self.toolbar.widgetForAction(self.refresh_action),
                self.sort_button,
                self.auto_refresh_box,
                *self.demo_banner.buttons(),
                *self.banner.buttons(),
                self.table,
                *self.pager.tab_order(),
                *self.detail.tab_order(),
                *self.review.controls.tab_order(),
                *self.review.transcript.tab_order(),
            ]
        )
        for banner in (self.demo_banner, self.banner):
            banner.buttons_changed.connect(self.tab_chain.apply)
        self.tab_chain.apply()
        StatusAnnouncer(self.statusBar(), quiet=frozenset({"Loading calls…"}))

    def _set_theme(self, theme: str) -> None:
        self.settings.set(Prefs.theme, theme)
        app = QApplication.instance()
        if isinstance(app, QApplication) and not apply_theme(app, theme):
            self.statusBar().showMessage("The system theme applies the next time you start.", 5000)

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
        if self.settings.get(WindowState.main_splitter).isEmpty():
            self.main_splitter.setSizes([790, 490])
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
        s.set(Prefs.page_size, self.window_.limit)
        s.set(Prefs.sort_by, self.sort_by)
        s.set(Prefs.sort_order, self.sort_order)
        s.set(Prefs.auto_refresh, self.auto_refresh_box.isChecked())
        s.set(Prefs.volume, self.review.controls.volume.value() / 100)
        s.set(Prefs.playback_rate, float(self.review.controls.speed_box.currentData()))
        if self.connection is not None:
            s.set(Prefs.last_profile, self.connection.profile)
        s.sync()

    # -- connection ------------------------------------------------------------------------

    def _fill_profiles(self, current: str) -> None:
        self.profile_box.blockSignals(True)
        self.profile_box.clear()
        self.profile_box.addItem("Demo data (built-in)", DEMO_PROFILE)
        try:
            names = [p.name for p in self.profiles.load()]
        except ConfigurationError as exc:
            names = []
            self.banner.show_message(str(exc), BannerKind.ERROR)
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
        """Switch to ``profile`` ("" for the demo) and load its first page."""
        self._fill_profiles(profile)
        self._page_request.cancel()
        self._detail_request.cancel()
        self._close_connection()
        self.model.clear()
        self._clear_call()
        self.window_ = PageWindow(0, self.window_.limit, 0)
        self.pager.set_window(self.window_)
        self.statusBar().clearMessage()  # the previous account's "1,200 calls" is not this one's
        self.demo_banner.hide()
        if profile == DEMO_PROFILE:
            self.banner.show_message("Starting the built-in demo server…", BannerKind.INFO)
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
        self.connection = connection
        self.banner.hide()
        if connection.is_demo:
            self.demo_banner.show_message(
                "Demo data: you are looking at a built-in demo tenant with sample recordings. "
                "Add your Aurion account to review your own calls.",
                BannerKind.INFO,
                [("accounts", "Add account…")],
            )
        self.setWindowTitle(f"{connection.title} — Aurion Call Review")
        self.settings.set(Prefs.last_profile, connection.profile)
        self.connection_changed.emit(connection.profile)
        self.load_page(0)

    def _connect_failed(self, error: AurionError) -> None:
        self.connection = None
        self.banner.show_message(
            str(error), BannerKind.ERROR, [("accounts", "Accounts…"), ("demo", "Open demo data")]
        )

    def _close_connection(self) -> None:
        """Give up the window's lease: the client closes once a running export is done too."""
        if self.connection is not None:
            self._closing.append(asyncio.ensure_future(self.connection.lease.release()))
            self.connection = None

    # -- paging and sorting ----------------------------------------------------------------

    def load_page(self, offset: int, select: str | int | None = None) -> None:
        """Ask the server for the page at ``offset`` in the current sort; stale answers drop."""
        if self.connection is None:
            return
        self._select_after_load = select
        limit = self.window_.limit
        self._loading_hint.start()
        self.statusBar().showMessage("Loading calls…")
        self._page_request.run(
            self.connection.client.list_calls(limit, max(0, offset), self.sort_by, self.sort_order),
            self._page_loaded,
            self._page_failed,
        )

    def refresh(self) -> None:
        current = self._current_call()
        self.load_page(self.window_.offset, select=current.id if current else None)

    def _page_loaded(self, page: Page[CallSummary]) -> None:
        self._loading_hint.stop()
        if not page.data and page.total > 0 and page.offset >= page.total:
            # The list shrank (or the page size changed) under us: show the last page.
            self.load_page(PageWindow(0, page.limit, page.total).last_offset)
            return
        previous = self._current_call()
        new_page = page.offset != self.window_.offset or not self.model.rowCount()
        self.window_ = PageWindow(page.offset, page.limit, page.total)
        self.pager.set_window(self.window_)
        self.model.set_calls(page.data)
        if new_page:
            self.table.scrollToTop()  # not at the previous page's scroll position
        self.statusBar().showMessage(
            f"{page.total:,} calls · sorted by {describe_sort(self.sort_by, self.sort_order)}"
            if page.total
            else "No calls"
        )
        if page.total == 0:
            self.banner.show_message(
                "No calls yet for this account. New calls appear here once they start.",
                BannerKind.INFO,
                [("retry", "Refresh")],
            )
        else:
            self.banner.hide()
        self._restore_selection(previous)
        self._update_auto_refresh()
        self.page_shown.emit()

    def _restore_selection(self, previous: CallSummary | None) -> None:
        target = self._select_after_load
        self._select_after_load = None
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
        else:
            self._clear_call()

    def _page_failed(self, error: AurionError) -> None:
        self._loading_hint.stop()
        self.statusBar().showMessage("Could not load calls", 5000)
        # Accounts… for every error: a network error may be a wrong base URL just as a 401
        # is a wrong key.
        actions = [("retry", "Retry"), ("accounts", "Accounts…")]
        self.banner.show_message(f"{error.title}: {error}", BannerKind.ERROR, actions)

    def _show_loading_hint(self) -> None:
        if self._page_request.busy:
            self.banner.show_message("Loading calls…", BannerKind.INFO)

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

    def _page_size_changed(self, size: int) -> None:
        self.window_ = self.window_.with_limit(size)
        self.settings.set(Prefs.page_size, size)
        self.load_page(self.window_.offset)

    def _show_sort_indicator(self) -> None:
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(
            column_for_sort_field(self.sort_by),
            Qt.SortOrder.DescendingOrder
            if self.sort_order == "desc"
            else Qt.SortOrder.AscendingOrder,
        )
        header.blockSignals(False)
        self.sort_menu.set_current(self.sort_by, self.sort_order)
        self.sort_button.set_current(self.sort_by, self.sort_order)

    def _sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        if section not in SORTABLE_COLUMNS:
            self._show_sort_indicator()
            title = COLUMNS[Column(section)].title
            self.statusBar().showMessage(
                f"Calls can't be sorted by {title}: the server sorts by Started or Duration only.",
                5000,
            )
            return
        self.sort_by = str(COLUMNS[Column(section)].sort_field)
        self.sort_order = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
        self.settings.set(Prefs.sort_by, self.sort_by)
        self.settings.set(Prefs.sort_order, self.sort_order)
        self._show_sort_indicator()
        self.load_page(0, select=0)

    def set_sort(self, sort_by: str, sort_order: str) -> None:
        """Sort as if the user clicked the header (the Sort by menu, tests)."""
        column = column_for_sort_field(sort_by)
        order = Qt.SortOrder.AscendingOrder if sort_order == "asc" else Qt.SortOrder.DescendingOrder
        self.table.horizontalHeader().setSortIndicator(column, order)

    # -- selection and detail --------------------------------------------------------------

    def _current_call(self) -> CallSummary | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.call_at(index.row()) if index.isValid() else None

    def selected_calls(self) -> list[CallSummary]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [c for c in (self.model.call_at(r) for r in rows) if c is not None]

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        call = self.model.call_at(current.row()) if current.isValid() else None
        if call is None:
            self._clear_call()
            return
        if self.detail.detail is not None and self.detail.detail.id == call.id:
            return  # the same call after a refresh: keep listening
        self._load_detail(call)
        self._load_recording_and_transcript(call)

    def _clear_call(self) -> None:
        self._detail_request.cancel()
        self._transcript_request.cancel()
        self.detail.show_empty()
        self.player.clear()
        self.review.show_recording_status("")
        self.review.transcript.show_message("Select a call to read its transcript.")
        self.review.controls.slider.set_turns(Timeline([]))

    def _load_recording_and_transcript(self, call: CallSummary) -> None:
        if self.connection is None:
            return
        client = self.connection.client
        self.review.show_recording_status("")
        self.review.transcript.show_message(f"Loading the transcript of {call.id}…")
        self.review.controls.slider.set_turns(Timeline([]))
        self.player.load(client, call.id)
        self._transcript_request.run(
            client.get_transcript(call.id),
            lambda transcript: self._transcript_loaded(call, transcript),
            lambda error: self.review.transcript.show_message(
                f"The transcript could not be loaded. {error}"
            ),
        )

    def _transcript_loaded(self, call: CallSummary, transcript: Transcript) -> None:
        timeline = Timeline.build(transcript, call.started_at, call.duration_seconds)
        self.review.transcript.set_timeline(timeline, call.language)
        self.review.controls.slider.set_turns(timeline)
        self.transcript_shown.emit(call.id)

    def _load_detail(self, call: CallSummary) -> None:
        if self.connection is None:
            return
        self.detail.show_loading(call.id)
        self._detail_request.run(
            self.connection.client.get_call(call.id), self._detail_loaded, self._detail_failed
        )

    def _reload_detail(self) -> None:
        call = self._current_call()
        if call is not None:
            self.detail.show_empty()
            self._load_detail(call)

    def _detail_loaded(self, detail: CallDetail) -> None:
        self.detail.show_detail(detail)
        self.detail_shown.emit(detail.id)

    def _detail_failed(self, error: AurionError) -> None:
        self.detail.show_error(f"{error.title}: {error}\n\nSelect the call again to retry.")

    # -- keyboard --------------------------------------------------------------------------

    def _next_page_from_table(self) -> None:
        if self.window_.next_offset is not None:
            self.load_page(self.window_.next_offset, select=0)

    def _previous_page_from_table(self) -> None:
        if self.window_.previous_offset is not None:
            self.load_page(self.window_.previous_offset, select=-1)

    # -- auto-refresh ----------------------------------------------------------------------

    def _auto_refresh_toggled(self, on: bool) -> None:
        self.settings.set(Prefs.auto_refresh, on)
        self._update_auto_refresh()

    def _update_auto_refresh(self) -> None:
        has_active = any(c.status == "active" for c in self.model.calls())
        if self.auto_refresh_box.isChecked() and has_active:
            if not self._auto_refresh.isActive():
                self._auto_refresh.start()
        else:
            self._auto_refresh.stop()

    def _auto_refresh_tick(self) -> None:
        if not self._page_request.busy:
            self.refresh()

    # -- dialogs ---------------------------------------------------------------------------

    def open_accounts(self) -> None:
        dialog = AccountsDialog(self.profiles, self.keys, self)
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
        if self.connection is None:
            self.statusBar().showMessage("Connect to an account to export its calls.", 5000)
            return
        # Imported on first use: the export modules are ~40 ms of start-up nobody waits for.
        from ui.export_dialog import ExportDialog

        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        self.export_dialog = ExportDialog(
            self.connection.lease,
            self.settings,
            self._current_call(),
            self.selected_calls(),
            self.window_.total,
            self,
        )
        self.export_dialog.hidden_while_running.connect(
            lambda: self.statusBar().showMessage(
                "The export goes on in the background: Ctrl+E shows it.", 8000
            )
        )
        self.export_dialog.show()
        self.export_dialog.activateWindow()  # keyboard focus goes to it, with or without a WM

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Aurion Call Review",
            f"Aurion Call Review {__version__}\n\nReview Aurion voice calls: browse calls, "
            "listen to recordings in sync with their transcripts, and export transcripts.",
        )

    # -- shutdown --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    async def aclose(self) -> None:
        """Cancel what is loading and close the connection (the demo server is the runtime's)."""
        self._auto_refresh.stop()
        for request in (
            self._page_request,
            self._detail_request,
            self._transcript_request,
            self._connect_request,
        ):
            request.cancel()
        job = self.export_dialog.job if self.export_dialog is not None else None
        if job is not None:
            job.cancel()
            await job.wait()
        self.player.clear()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.playback_keys)
            app.removeEventFilter(self.button_keys)
        self._close_connection()
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)
        self._closing.clear()

    def any_request_busy(self) -> bool:
        return any(
            r.busy for r in (self._page_request, self._detail_request, self._connect_request)
        )
