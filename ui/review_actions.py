"""The Review menu and File > Evidence pack…: their actions, the dialogs they open, and the review
column folding in and out of the window's main splitter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QSplitter, QWidget

from app.models import CallSummary
from ui.review_exchange import ReviewExchange
from ui.review_session import ReviewSession
from ui.review_view import ReviewView
from ui.settings import Settings
from ui.widgets.review_panel import NOTES, SCORECARD, ReviewPanel

if TYPE_CHECKING:
    from ui.compare_dialog import CompareDialog
    from ui.pack_dialog import PackDialog
    from ui.reviewer_dialog import ReviewerDialog

#: The review column's width when it unfolds, and the window width from which it starts shown.
REVIEW_COLUMN_WIDTH = 360
REVIEW_COLUMN_FROM = 1500


def default_column_sizes(width: int) -> list[int]:
    """Calls, the open call, review: the review column is folded on narrower windows."""
    review = REVIEW_COLUMN_WIDTH if width >= REVIEW_COLUMN_FROM else 0
    side = round((width - review) * 0.35)
    return [width - review - side, side, review]


class ReviewActions(QObject):
    """What the reviewer can ask of the window beyond listening: notes, the scorecard, packs,
    import, export, compare, who they are. The review column is the splitter's last widget.

    Signals:
        message(str): something to tell in the status bar.
        layout_changed(): the column folded or unfolded (the Tab order changes).
    """

    message = Signal(str)
    layout_changed = Signal()

    def __init__(
        self,
        reviews: ReviewSession,
        view: ReviewView,
        panel: ReviewPanel,
        splitter: QSplitter,
        settings: Settings,
        selected_calls: Callable[[], list[CallSummary]],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.reviews, self.view, self.panel, self.splitter = reviews, view, panel, splitter
        self.settings, self.selected_calls, self.window = settings, selected_calls, window
        self.exchange = ReviewExchange(reviews, window)
        self.pack_dialog: PackDialog | None = None
        self.compare_dialog: CompareDialog | None = None
        self.reviewer_dialog: ReviewerDialog | None = None

        self.pack_action = QAction(self.tr("Evidence &pack…"), self)
        self.pack_action.setToolTip(
            self.tr("A signed, self-checking pack of this call or the selected calls")
        )
        self.pack_action.triggered.connect(self.open_pack)
        self.add_note_action = QAction(self.tr("Add a &note at the playhead"), self)
        self.add_note_action.setShortcut(QKeySequence(Qt.Key.Key_N))
        # shown in the menu; N itself works where listening happens (PlaybackKeys)
        self.add_note_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.add_note_action.triggered.connect(view.add_note_at_playhead)
        self.review_panel_action = QAction(self.tr("Review &column"), self, checkable=True)
        self.review_panel_action.setShortcut(QKeySequence("Ctrl+R"))
        self.review_panel_action.toggled.connect(self.show_review_panel)
        self.show_notes_action = QAction(self.tr("Show &notes"), self)
        self.show_notes_action.triggered.connect(lambda: self.show_review_panel(True, NOTES))
        self.show_card_action = QAction(self.tr("Show the &scorecard"), self)
        self.show_card_action.triggered.connect(lambda: self.show_review_panel(True, SCORECARD))
        self.compare_action = QAction(self.tr("&Compare scorecards…"), self)
        self.compare_action.triggered.connect(self.open_compare)
        self.import_reviews_action = QAction(self.tr("&Import reviews…"), self)
        self.import_reviews_action.triggered.connect(lambda: self.exchange.ask_import())
        self.export_reviews_action = QAction(self.tr("&Export reviews…"), self)
        self.export_reviews_action.triggered.connect(lambda: self.exchange.ask_export())
        self.reviewer_action = QAction(self.tr("Reviewer &identity…"), self)
        self.reviewer_action.triggered.connect(self.open_reviewer)

        view.panel_wanted.connect(lambda page: self.show_review_panel(True, page))
        view.message.connect(self.message)
        panel.layout_changed.connect(self.layout_changed)
        panel.scorecard.layout_changed.connect(self.layout_changed)
        splitter.splitterMoved.connect(lambda *_: self.folded())
        QTimer.singleShot(0, self.folded)

    def fill_menu(self, menu: QMenu) -> None:
        for action in (
            self.add_note_action,
            self.review_panel_action,
            self.show_notes_action,
            self.show_card_action,
        ):
            menu.addAction(action)
        menu.addSeparator()
        for action in (
            self.compare_action,
            self.import_reviews_action,
            self.export_reviews_action,
            self.reviewer_action,
        ):
            menu.addAction(action)

    # -- the review column -----------------------------------------------------------------

    @property
    def review_panel_shown(self) -> bool:
        return not self.panel.isHidden() and self.splitter.sizes()[-1] > 0

    def show_review_panel(self, shown: bool = True, page: int | None = None) -> None:
        """Unfold (or fold away) the review column, taking its width from the call table."""
        sizes = self.splitter.sizes()
        if shown and not self.review_panel_shown:
            self.panel.show()
            width = min(REVIEW_COLUMN_WIDTH, max(sizes[0] - 200, 0))
            self.splitter.setSizes([sizes[0] - width, *sizes[1:-1], width])
        elif not shown and self.review_panel_shown:
            self.splitter.setSizes([sizes[0] + sizes[-1], *sizes[1:-1], 0])
        if page is not None:
            self.panel.show_page(page)
        self.folded()

    def folded(self) -> None:
        """Folded to nothing, the column is hidden: its controls leave the Tab order."""
        if self.splitter.sizes()[-1] == 0 and not self.panel.isHidden():
            self.panel.hide()
        shown = self.review_panel_shown
        if self.review_panel_action.isChecked() != shown:
            self.review_panel_action.blockSignals(True)
            self.review_panel_action.setChecked(shown)
            self.review_panel_action.blockSignals(False)
        self.layout_changed.emit()

    # -- dialogs ---------------------------------------------------------------------------

    def open_pack(self) -> None:
        """File > Evidence pack…: the running one, if a pack is being built."""
        if self.pack_dialog is not None and self.pack_dialog.running:
            self.pack_dialog.show()
            self.pack_dialog.raise_()
            return
        if self.reviews.browser.lease is None:
            self.message.emit(self.tr("Connect to an account to pack its calls."))
            return
        from ui.pack_dialog import PackDialog

        if self.pack_dialog is not None:
            self.pack_dialog.deleteLater()
        selected = self.selected_calls()
        call = self.reviews.call or (selected[0] if len(selected) == 1 else None)
        self.pack_dialog = PackDialog(self.reviews, self.settings, call, selected, self.window)
        self.pack_dialog.show()
        self.pack_dialog.activateWindow()

    def open_compare(self) -> None:
        """Review > Compare scorecards… of the open call."""
        call = self.reviews.call
        if call is None:
            self.message.emit(self.tr("Open a call to compare its scorecards."))
            return
        from ui.compare_dialog import CompareDialog

        if self.compare_dialog is not None:
            self.compare_dialog.deleteLater()
        self.compare_dialog = CompareDialog(self.reviews, call, self.window)
        self.compare_dialog.show()
        self.compare_dialog.activateWindow()

    def open_reviewer(self) -> None:
        """Review > Reviewer identity…"""
        from ui.reviewer_dialog import ReviewerDialog

        if self.reviewer_dialog is not None:
            self.reviewer_dialog.deleteLater()
        self.reviewer_dialog = ReviewerDialog(self.reviews.desk, self.window)
        self.reviewer_dialog.reviewer_saved.connect(lambda _r: self.reviews.reload())
        self.reviewer_dialog.open()

    async def aclose(self) -> None:
        """Stop a pack being built (nothing half-made is left) and finish imports/exports."""
        if self.pack_dialog is not None:
            await self.pack_dialog.cancel_and_wait()
        await self.exchange.aclose()
