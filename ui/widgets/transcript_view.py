"""Transcript list that follows playback, seeks on click/Enter, and searches with Ctrl+F.

The line being heard is the list's selected item (screen readers report it), drawn with its
own background, accent bar and play mark; with *Announce lines* on, each new line is read
out while playback is followed.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QLocale,
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
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
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

from app.formatting import SPEAKER_LABELS
from app.textsearch import find_spans
from app.timeline import Timeline
from ui.accessibility import announce, describe_value
from ui.focus import make_line_edit_buttons_focusable
from ui.i18n import label, number
from ui.models.transcript_model import (
    CurrentRole,
    MatchRole,
    NotesRole,
    OffsetTextRole,
    SpeakerRole,
    StartRole,
    TranscriptModel,
)
from ui.theme import focus_ring_color, is_dark, playing_accent, playing_fill
from ui.widgets.player_controls import NOTE_COLOR

GUTTER = 96
PAD = 8

# speaker: (light chip bg, light chip fg, dark chip bg, dark chip fg)
SPEAKER_COLORS = {
    "agent": ("#dbeafe", "#1e3a8a", "#1e3a8a", "#dbeafe"),
    "caller": ("#f3e8ff", "#581c87", "#581c87", "#f3e8ff"),
}
MATCH_BG = QColor("#fde047")
MATCH_FG = QColor("#111827")
PLAY_MARK = "▶"
#: Marks a line the reviewer wrote a note about.
NOTE_MARK = "✎"
#: Lines of transcript text the list keeps on screen however small the window.
MIN_LINES = 8
ACCENT_BAR = 5


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
            painter.fillRect(rect, playing_fill(palette))
            accent = playing_accent(palette)
            painter.fillRect(QRect(rect.left(), rect.top(), ACCENT_BAR, rect.height()), accent)
        if state & QStyle.StateFlag.State_HasFocus and self.view.hasFocus():
            painter.setPen(QPen(focus_ring_color(palette), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1, 1, -1, -1))

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
        offset_rect = QRectF(chip.left() + 2, chip.bottom() + 4, GUTTER, metrics.height())
        offset = str(index.data(OffsetTextRole))
        if current:  # more than colour says which line plays: a mark and bold time
            bold = QFont(font)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            offset = f"{PLAY_MARK} {offset}"
        else:
            painter.setPen(muted)
        painter.drawText(offset_rect, Qt.AlignmentFlag.AlignLeft, offset)
        painter.setFont(font)
        notes = index.data(NotesRole) or []
        if notes:  # the reviewer's notes on this line, in the margin
            badge = f"{NOTE_MARK}{len(notes)}" if len(notes) > 1 else NOTE_MARK
            x = offset_rect.left() + painter.fontMetrics().horizontalAdvance(offset) + 6
            width = metrics.horizontalAdvance(badge) + 8
            mark = QRectF(min(x, rect.left() + GUTTER - width - 4), offset_rect.top() - 1,
                          width, metrics.height() + 2)  # fmt: skip
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(NOTE_COLOR))
            painter.drawRoundedRect(mark, 3, 3)
            painter.setPen(QColor("#1f1300"))
            painter.drawText(mark, Qt.AlignmentFlag.AlignCenter, badge)

        query = self.query if index.data(MatchRole) else ""
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        area = QRectF(
            rect.left() + GUTTER, rect.top() + PAD, self._text_width(), rect.height() - PAD
        )
        self._draw_text(painter, str(index.data()), font, area, query)
        painter.restore()


def _marked_html(text: str, query: str, color: QColor) -> str:
    """``text`` as HTML with every match of ``query`` marked (case and accents ignored)."""
    parts, pos = [], 0
    for start, end in find_spans(text, query):
        parts.append(html.escape(text[pos:start]))
        parts.append(
            f"<span style='background-color:{MATCH_BG.name()};color:{MATCH_FG.name()}'>"
            f"{html.escape(text[start:end])}</span>"
        )
        pos = end
    parts.append(html.escape(text[pos:]))
    return f"<div style='color:{color.name()}'>{''.join(parts)}</div>"


class TranscriptList(QListView):
    """The list itself; reports scrolls the user made (not ours) so follow mode can pause."""

    user_scrolled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcriptList")
        self.setAccessibleName(self.tr("Transcript"))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(400)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        # The selection is the line being heard, set by playback only: screen readers report
        # it as the selected item. Arrows move the keyboard cursor (the current item).
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
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
        #: Whether playback is running (new lines are announced only then); set by the player.
        self.is_playing: Callable[[], bool] = lambda: False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        # search bar (Ctrl+F)
        self.search_bar = QWidget()
        bar = QHBoxLayout(self.search_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search the transcript"))
        self.search_edit.setAccessibleName(self.tr("Search the transcript"))
        self.search_edit.setToolTip(
            self.tr("Find words (Enter: next match, Shift+Enter: previous)")
        )
        self.search_edit.setClearButtonEnabled(True)
        make_line_edit_buttons_focusable(self.search_edit, {"": self.tr("Clear search")})
        self.search_edit.textChanged.connect(self._search)
        self.search_edit.returnPressed.connect(self.next_match)
        self.search_edit.installEventFilter(self)
        self.hits_label = QLabel("")
        describe_value(self.hits_label, self.tr("Search results"))
        self.hits_label.setMinimumWidth(90)
        self.prev_button = QToolButton()
        self.prev_button.setText("▲")
        self.prev_button.setAccessibleName(self.tr("Previous match"))
        self.prev_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.prev_button.clicked.connect(self.previous_match)
        self.next_button = QToolButton()
        self.next_button.setText("▼")
        self.next_button.setAccessibleName(self.tr("Next match"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.next_button.clicked.connect(self.next_match)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAccessibleName(self.tr("Close search"))
        self.close_button.setToolTip(self.tr("Close search (Esc)"))
        self.close_button.clicked.connect(self.close_search)
        for w in (
            self.search_edit,
            self.hits_label,
            self.prev_button,
            self.next_button,
            self.close_button,
        ):
            bar.addWidget(w)
        bar.setStretch(0, 1)
        self.search_bar.hide()
        layout.addWidget(self.search_bar)

        self.stack = QStackedWidget()
        self.message = QLabel(self.tr("Select a call to read its transcript."))
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
        self._keep_lines_visible(MIN_LINES)

        self.follow_button = QPushButton(self.tr("Follow playback"))
        self.follow_button.setToolTip(
            self.tr("Scroll back to what is being said and keep following it")
        )
        self.follow_button.clicked.connect(self.resume_follow)
        self.follow_button.hide()
        layout.addWidget(self.follow_button, 0, Qt.AlignmentFlag.AlignRight)

        self.announce_action = QAction(self.tr("&Announce transcript lines"), self, checkable=True)
        self.announce_action.setToolTip(
            self.tr(
                "While the transcript follows playback, have the screen reader read each new line"
            )
        )

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self.window() or self)
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self.open_search)
        self._match_pos = -1

    def _keep_lines_visible(self, lines: int) -> None:
        """However small the window, the list shows ``lines`` lines of text (two per row)."""
        metrics = QFontMetrics(self.list.font())
        row = 2 * metrics.height() + 10 + 2 * PAD  # a row of one or two lines, see sizeHint
        self.list.setMinimumHeight((lines + 1) // 2 * row + 2 * self.list.frameWidth())

    def tab_order(self) -> list[QWidget]:
        """Its focusable widgets in Tab order."""
        clear = [b for b in self.search_edit.findChildren(QToolButton)]
        return [
            self.search_edit,
            *clear,
            self.prev_button,
            self.next_button,
            self.close_button,
            self.list,
            self.follow_button,
        ]

    # -- content ---------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline, language: str | None = None) -> None:
        """Show ``timeline`` from its first line; ``language`` (``fr-FR``) is the text's."""
        self.delegate.clear_cache()
        self.delegate.query = ""
        self.model.set_timeline(timeline)
        self.list.setLocale(QLocale(language.replace("-", "_")) if language else QLocale())
        self._match_pos = -1
        if self.search_edit.text():
            self._search(self.search_edit.text())
        if len(timeline):
            self.stack.setCurrentIndex(1)
        else:
            self.show_message(self.tr("This call has no transcript yet."))
        self.list.scrollToTop()  # not where the previous call's transcript was scrolled
        self.resume_follow()

    def show_message(self, text: str) -> None:
        self.delegate.clear_cache()
        self.model.set_timeline(Timeline([]))
        self.message.setText(text)
        self.stack.setCurrentIndex(0)
        self.resume_follow()  # nothing to follow: no "Follow playback" over a message

    # -- playback sync ---------------------------------------------------------------------

    def set_position(self, seconds: float) -> int:
        """Highlight the segment heard at ``seconds``; scroll to it when following."""
        row = self.model.timeline.index_at(seconds)
        if not self.model.set_current(row):
            return row
        selection = self.list.selectionModel()
        if row < 0:
            selection.clearSelection()
            return row
        index = self.model.index(row)
        selection.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if self.following:
            self.list.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            if self.announce_action.isChecked() and self.is_playing():
                announce(self.list, str(index.data(Qt.ItemDataRole.AccessibleTextRole)))
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

    def highlight(self, query: str, row: int) -> None:
        """Show ``query``'s matches (a library search) with ``row``, the hit, current."""
        self.search_bar.show()
        self.search_edit.blockSignals(True)
        self.search_edit.setText(query)
        self.search_edit.blockSignals(False)
        self._search(query)
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row)
            self.list.setCurrentIndex(index)
            self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            self._user_scrolled()

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
            self._show_hits(self.tr("No matches"))
        else:
            self.hits_label.setText(self.tr("%Ln match(es)", "", len(matches)))
            self.next_match()
        self.list.viewport().update()

    def _show_hits(self, text: str) -> None:
        self.hits_label.setText(text)
        announce(self.hits_label, text)

    def _go_to_match(self, step: int) -> None:
        matches = self.model.matches
        if not matches:
            return
        self._match_pos = (self._match_pos + step) % len(matches)
        row = matches[self._match_pos]
        index = self.model.index(row)
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_hits(
            self.tr("{current} of {count}").format(
                current=number(self._match_pos + 1), count=number(len(matches))
            )
        )
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
