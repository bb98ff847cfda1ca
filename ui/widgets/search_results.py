"""Search results: the utterances that match, with the matched words highlighted, their call
and the moment; Enter opens the call and plays from there."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.formatting import SPEAKER_LABELS, format_duration
from app.i18n import QT_TRANSLATE_NOOP
from ui.i18n import format_time, label
from ui.theme import THEME_EVENTS
from ui.widgets.source_switch import apply_segmented

HitRole = Qt.ItemDataRole.UserRole + 1
HtmlRole = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
FIELD_LABELS = {
    "caller_id": QT_TRANSLATE_NOOP("SearchResults", "Caller"),
    "requester_name": QT_TRANSLATE_NOOP("SearchResults", "Requester"),
}
#: A matched word's background and text, light and dark (its own text colour: on a selected
#: row the selection's white text was unreadable on the light yellow).
HIT_COLORS = {"light": ("#ffe98a", "#1f1a00"), "dark": ("#6b5a12", "#fff6d5")}


def marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` as HTML with the ``spans`` (start, end) in bold on a highlight."""
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out.append(html.escape(text[last:start]))
        out.append(f"<b class='hit'>{html.escape(text[start:end])}</b>")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def headline(hit: Any) -> str:
    """``call_3ad5… · 2026-08-24 12:57 · 0:05 · Caller``."""
    parts = [hit.call_id, format_time(hit.started_at)]
    if hit.offset_seconds is not None:
        parts.append(format_duration(hit.offset_seconds))
    if hit.speaker:
        parts.append(label(SPEAKER_LABELS, hit.speaker))
    else:
        parts.append(
            QCoreApplication.translate("SearchResults", FIELD_LABELS.get(hit.field, hit.field))
        )
    return " · ".join(parts)


class SearchResultsModel(QAbstractListModel):
    """One row per hit (a thin adapter over the search's hits; each search resets it)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[Any] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{headline(hit)}: {hit.snippet}"
        if role == HtmlRole:
            return (
                f"<div class='head'>{html.escape(headline(hit))}</div>"
                f"<div>{marked(hit.snippet, hit.snippet_matches)}</div>"
            )
        if role == HitRole:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.text
        return None

    def set_hits(self, hits: Sequence[Any]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def times_changed(self) -> None:
        """The zone of the times shown changed (View > Times)."""
        if self._hits:
            self.dataChanged.emit(self.index(0), self.index(len(self._hits) - 1))

    def hit_at(self, row: int) -> Any:
        return self._hits[row] if 0 <= row < len(self._hits) else None


class _HtmlDelegate(QStyledItemDelegate):
    """Draws a hit's headline and highlighted snippet (rich text) in the view's palette."""

    def _document(self, option: QStyleOptionViewItem, index: AnyIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        dark = option.palette.color(QPalette.ColorRole.Base).lightness() < 128
        # the matched words on a soft highlight; the headline in the secondary text colour, or
        # the selection's text colour
        hit, hit_text = HIT_COLORS["dark" if dark else "light"]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        roles = QPalette.ColorRole
        head = option.palette.color(roles.HighlightedText if selected else roles.PlaceholderText)
        doc.setDefaultStyleSheet(
            f"b.hit {{ background-color: {hit}; color: {hit_text}; }}"
            f".head {{ color: {head.name()}; }}"
        )
        doc.setTextWidth(max(100, option.rect.width() - 12))
        doc.setHtml(str(index.data(HtmlRole) or ""))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()) + 12, int(doc.size().height()) + 8)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text_color = opt.palette.color(QPalette.ColorRole.Text)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        if opt.state & QStyle.StateFlag.State_Selected:
            text_color = opt.palette.color(QPalette.ColorRole.HighlightedText)
        doc = self._document(opt, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_color)
        painter.save()
        painter.translate(opt.rect.left() + 6, opt.rect.top() + 4)
        doc.documentLayout().draw(painter, context)
        painter.restore()


class SearchResultsView(QListView):
    """The hits; Enter (or a double click) opens one.

    Signals:
        hit_activated(object): the ``SearchHit`` to open.
    """

    hit_activated = Signal(object)

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(self.tr("Search results"))
        self.setItemDelegate(_HtmlDelegate(self))
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        # Lay the rows out again when the width changes: their heights depend on it (with the
        # default Fixed mode they kept the heights of the width they were first laid out at).
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setAlternatingRowColors(True)
        self.activated.connect(self._open)

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is not None:
            self.hit_activated.emit(hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)


class ResultTabs(QWidget):
    """*Calls* and, while a search is on, *Matches (N)*: two toggles over a stack.

    Not a QTabWidget: its tab bar, a focus proxy, broke the window's Tab ring (Tab stayed on
    one widget) once the table was inside it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.stack = QStackedWidget()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)  # in line with the list below
        bar.setSpacing(0)
        self.group = QButtonGroup(self)
        self.calls_button = QToolButton()
        self.calls_button.setText(self.tr("Calls"))
        self.matches_button = QToolButton()
        for index, button in enumerate((self.calls_button, self.matches_button)):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _c=False, i=index: self.stack.setCurrentIndex(i))
            self.group.addButton(button)
            bar.addWidget(button)
        bar.addStretch(1)
        self.bar = QWidget()
        self.bar.setLayout(bar)
        apply_segmented(self.bar)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        self.calls_button.setChecked(True)
        self.bar.hide()

    def event(self, event: QEvent) -> bool:
        if event.type() in THEME_EVENTS:
            apply_segmented(self.bar)
        return super().event(event)

    def set_pages(self, calls: QWidget, matches: QWidget) -> None:
        self.stack.addWidget(calls)
        self.stack.addWidget(matches)

    @property
    def matches_shown(self) -> bool:
        return not self.bar.isHidden() and self.stack.currentIndex() == 1

    def show_matches(self, title: str | None) -> None:
        """Offer the matches under ``title`` and show them; None: back to the calls only."""
        if title is None:
            self.bar.hide()
            self.calls_button.setChecked(True)
            self.stack.setCurrentIndex(0)
            return
        self.matches_button.setText(title)
        self.matches_button.setAccessibleName(title)
        self.bar.show()
        self.matches_button.setChecked(True)
        self.stack.setCurrentIndex(1)

    def tab_order(self) -> list[QWidget]:
        return [] if self.bar.isHidden() else [self.calls_button, self.matches_button]
