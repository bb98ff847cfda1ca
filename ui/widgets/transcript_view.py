"""Transcript list that follows playback, seeks on click/Enter, and searches with Ctrl+F."""

from __future__ import annotations

import html

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QResizeEvent,
    QShortcut,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.formatting import SPEAKER_LABELS, label
from app.timeline import Timeline
from ui.models.transcript_model import (
    CurrentRole,
    MatchRole,
    OffsetTextRole,
    SpeakerRole,
    StartRole,
    TranscriptModel,
)
from ui.widgets.status_badge import is_dark

GUTTER = 96
PAD = 8

# speaker: (light chip bg, light chip fg, dark chip bg, dark chip fg)
SPEAKER_COLORS = {
    "agent": ("#dbeafe", "#1e3a8a", "#1e3a8a", "#dbeafe"),
    "caller": ("#f3e8ff", "#581c87", "#581c87", "#f3e8ff"),
}
MATCH_BG = QColor("#fde047")
MATCH_FG = QColor("#111827")


def speaker_colors(speaker: str, palette: QPalette) -> tuple[QColor, QColor]:
    light_bg, light_fg, dark_bg, dark_fg = SPEAKER_COLORS.get(speaker, SPEAKER_COLORS["caller"])
    if is_dark(palette):
        return QColor(dark_bg), QColor(dark_fg)
    return QColor(light_bg), QColor(light_fg)


class TranscriptDelegate(QStyledItemDelegate):
    """Paints speaker chip, offset and wrapped text; highlights the current row and matches."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self.view = view
        self._heights: dict[tuple[int, int], int] = {}
        self.query = ""

    def clear_cache(self) -> None:
        self._heights.clear()

    def _text_width(self) -> int:
        return max(120, self.view.viewport().width() - GUTTER - 2 * PAD)

    # Workaround: PySide 6.12's QTextLayout.beginLayout()/endLayout() bindings drop a reference
    # to None on every call; a 10,000-segment transcript lays out enough rows to free None and
    # abort the interpreter ("none_dealloc"). Text is measured with QFontMetrics and drawn with
    # QPainter.drawText; rows with search matches go through a QTextDocument.
    _WRAP = Qt.TextFlag.TextWordWrap

    def _text_height(self, text: str, font: QFont, width: int) -> int:
        bounds = QFontMetrics(font).boundingRect(QRect(0, 0, width, 1 << 24), self._WRAP, text)
        return bounds.height()

    def _draw_text(
        self, painter: QPainter, text: str, font: QFont, area: QRectF, query: str
    ) -> None:
        if not query:
            painter.drawText(area, self._WRAP, text)
            return
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setTextWidth(area.width())
        doc.setHtml(_marked_html(text, query, painter.pen().color()))
        painter.save()
        painter.translate(area.topLeft())
        doc.drawContents(painter)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        width = self._text_width()
        key = (index.row(), width)
        height = self._heights.get(key)
        if height is None:
            font = self.view.font()
            text_height = self._text_height(str(index.data()), font, width)
            metrics = QFontMetrics(font)
            gutter_height = 2 * metrics.height() + 10
            height = int(max(text_height, gutter_height)) + 2 * PAD
            self._heights[key] = height
        return QSize(self.view.viewport().width(), height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        font = self.view.font()
        metrics = QFontMetrics(font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        current = bool(index.data(CurrentRole))
        if current:
            accent = palette.color(QPalette.ColorRole.Highlight)
            fill = QColor(accent)
            fill.setAlpha(70 if is_dark(palette) else 40)
            painter.fillRect(rect, fill)
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), accent)
        elif state & QStyle.StateFlag.State_Selected:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(25)
            painter.fillRect(rect, fill)
        if state & QStyle.StateFlag.State_HasFocus and self.view.hasFocus():
            pen = QColor(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))

        speaker = str(index.data(SpeakerRole) or "")
        bg, fg = speaker_colors(speaker, palette)
        chip_text = label(SPEAKER_LABELS, speaker)
        chip_w = metrics.horizontalAdvance(chip_text) + 16
        chip = QRectF(rect.left() + PAD + 4, rect.top() + PAD, chip_w, metrics.height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setPen(fg)
        painter.setFont(font)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, chip_text)
        muted = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        painter.setPen(muted)
        offset_rect = QRectF(chip.left() + 2, chip.bottom() + 4, GUTTER, metrics.height())
        painter.drawText(offset_rect, Qt.AlignmentFlag.AlignLeft, str(index.data(OffsetTextRole)))

        query = self.query if index.data(MatchRole) else ""
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        area = QRectF(
            rect.left() + GUTTER, rect.top() + PAD, self._text_width(), rect.height() - PAD
        )
        self._draw_text(painter, str(index.data()), font, area, query)
        painter.restore()


def _marked_html(text: str, query: str, color: QColor) -> str:
    """``text`` as HTML with every case-insensitive match of ``query`` marked."""
    folded, needle = text.casefold(), query.casefold()
    parts, pos = [], 0
    start = folded.find(needle) if needle else -1
    while start >= 0:
        parts.append(html.escape(text[pos:start]))
        match = html.escape(text[start : start + len(needle)])
        parts.append(
            f"<span style='background-color:{MATCH_BG.name()};color:{MATCH_FG.name()}'>"
            f"{match}</span>"
        )
        pos = start + len(needle)
        start = folded.find(needle, pos)
    parts.append(html.escape(text[pos:]))
    return f"<div style='color:{color.name()}'>{''.join(parts)}</div>"


class TranscriptList(QListView):
    """The list itself; reports scrolls the user made (not ours) so follow mode can pause."""

    user_scrolled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptList")
        self.setAccessibleName("Transcript")
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(400)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalScrollBar().actionTriggered.connect(self._scroll_action)

    def _scroll_action(self, _action: int) -> None:
        self.user_scrolled.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        delegate = self.itemDelegate()
        if isinstance(delegate, TranscriptDelegate):
            delegate.clear_cache()
        super().resizeEvent(event)


class TranscriptView(QWidget):
    """Shows the transcript and keeps the segment being heard in view.

    Signals:
        seek_requested(float): the user picked a segment; seconds from the call's start.
        follow_changed(bool): auto-follow was paused (False) or resumed (True).
    """

    seek_requested = Signal(float)
    follow_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TranscriptModel(self)
        self.following = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        # search bar (Ctrl+F)
        self.search_bar = QWidget()
        bar = QHBoxLayout(self.search_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search the transcript")
        self.search_edit.setAccessibleName("Search the transcript")
        self.search_edit.setToolTip("Find words (Enter: next match, Shift+Enter: previous)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._search)
        self.search_edit.returnPressed.connect(self.next_match)
        self.search_edit.installEventFilter(self)
        self.hits_label = QLabel("")
        self.hits_label.setAccessibleName("Search results")
        self.hits_label.setMinimumWidth(90)
        self.prev_button = QToolButton()
        self.prev_button.setText("▲")
        self.prev_button.setAccessibleName("Previous match")
        self.prev_button.setToolTip("Previous match (Shift+Enter)")
        self.prev_button.clicked.connect(self.previous_match)
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setAccessibleName("Next match")
        self.next_button.setToolTip("Next match (Enter)")
        self.next_button.clicked.connect(self.next_match)
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Close search")
        close.setToolTip("Close search (Esc)")
        close.clicked.connect(self.close_search)
        for w in (self.search_edit, self.hits_label, self.prev_button, self.next_button, close):
            bar.addWidget(w)
        bar.setStretch(0, 1)
        self.search_bar.hide()
        layout.addWidget(self.search_bar)

        self.stack = QStackedWidget()
        self.message = QLabel("Select a call to read its transcript.")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack.addWidget(self.message)
        self.list = TranscriptList()
        self.delegate = TranscriptDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setModel(self.model)
        self.list.clicked.connect(self._activated)
        self.list.activated.connect(self._activated)
        self.list.user_scrolled.connect(self._user_scrolled)
        self.stack.addWidget(self.list)
        layout.addWidget(self.stack, 1)

        self.follow_button = QPushButton("Follow playback")
        self.follow_button.setToolTip("Scroll back to what is being said and keep following it")
        self.follow_button.setAccessibleName("Follow playback")
        self.follow_button.clicked.connect(self.resume_follow)
        self.follow_button.hide()
        layout.addWidget(self.follow_button, 0, Qt.AlignmentFlag.AlignRight)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self.window() or self)
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self.open_search)
        self._match_pos = -1

    # -- content ---------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline) -> None:
        self.delegate.clear_cache()
        self.delegate.query = ""
        self.model.set_timeline(timeline)
        self._match_pos = -1
        if self.search_edit.text():
            self._search(self.search_edit.text())
        if len(timeline):
            self.stack.setCurrentIndex(1)
        else:
            self.show_message("This call has no transcript yet.")
        self.resume_follow()

    def show_message(self, text: str) -> None:
        self.delegate.clear_cache()
        self.model.set_timeline(Timeline([]))
        self.message.setText(text)
        self.stack.setCurrentIndex(0)

    # -- playback sync ---------------------------------------------------------------------

    def set_position(self, seconds: float) -> int:
        """Highlight the segment heard at ``seconds``; scroll to it when following."""
        row = self.model.timeline.index_at(seconds)
        if self.model.set_current(row) and self.following and row >= 0:
            self.list.scrollTo(self.model.index(row), QAbstractItemView.ScrollHint.EnsureVisible)
        return row

    def _user_scrolled(self) -> None:
        if self.following and self.model.current >= 0:
            self.following = False
            self.follow_button.show()
            self.follow_changed.emit(False)

    def resume_follow(self) -> None:
        was = self.following
        self.following = True
        self.follow_button.hide()
        if self.model.current >= 0:
            self.list.scrollTo(
                self.model.index(self.model.current),
                QAbstractItemView.ScrollHint.PositionAtCenter,
            )
        if not was:
            self.follow_changed.emit(True)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.seek_requested.emit(float(index.data(StartRole)))

    # -- search ----------------------------------------------------------------------------

    def open_search(self) -> None:
        self.search_bar.show()
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def close_search(self) -> None:
        self.search_edit.clear()
        self.search_bar.hide()
        self.list.setFocus()

    def _search(self, text: str) -> None:
        self.delegate.query = text.strip()
        matches = self.model.set_query(text)
        self._match_pos = -1
        if not text.strip():
            self.hits_label.setText("")
        elif not matches:
            self.hits_label.setText("No matches")
        else:
            self.hits_label.setText(f"{len(matches)} matches")
            self.next_match()
        self.list.viewport().update()

    def _go_to_match(self, step: int) -> None:
        matches = self.model.matches
        if not matches:
            return
        self._match_pos = (self._match_pos + step) % len(matches)
        row = matches[self._match_pos]
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.hits_label.setText(f"{self._match_pos + 1} of {len(matches)}")
        self._user_scrolled()

    def next_match(self) -> None:
        self._go_to_match(1)

    def previous_match(self) -> None:
        self._go_to_match(-1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.close_search()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            ):
                self.previous_match()
                return True
        return super().eventFilter(watched, event)
