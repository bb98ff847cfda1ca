"""Paints a call status as a coloured badge that always carries its text (never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.models.call_table_model import StatusRole
from ui.theme import is_dark

# (light background, light-mode text, dark background, dark-mode text): 4.5:1 contrast or more.
STATUS_COLORS: dict[str, tuple[str, str, str, str]] = {
    "active": ("#dbeafe", "#1e40af", "#1e3a8a", "#dbeafe"),
    "completed": ("#dcfce7", "#166534", "#14532d", "#dcfce7"),
    "escalated": ("#ffedd5", "#9a3412", "#7c2d12", "#ffedd5"),
    "failed": ("#fee2e2", "#991b1b", "#7f1d1d", "#fee2e2"),
    "abandoned": ("#e5e7eb", "#374151", "#374151", "#e5e7eb"),
}


def badge_colors(status: str, palette: QPalette) -> tuple[QColor, QColor]:
    light_bg, light_fg, dark_bg, dark_fg = STATUS_COLORS.get(status, STATUS_COLORS["abandoned"])
    if is_dark(palette):
        return QColor(dark_bg), QColor(dark_fg)
    return QColor(light_bg), QColor(light_fg)


__all__ = ["STATUS_COLORS", "StatusBadgeDelegate", "badge_colors", "is_dark"]


class StatusBadgeDelegate(QStyledItemDelegate):
    """Draws the status column's text inside a rounded badge."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Draw selection/focus background the usual way, without the text.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget: QWidget | None = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        status = str(index.data(StatusRole) or "")
        bg, fg = badge_colors(status, option.palette)
        metrics = QFontMetrics(opt.font)
        rect = option.rect
        width = min(metrics.horizontalAdvance(text) + 16, rect.width() - 8)
        height = min(metrics.height() + 4, rect.height() - 4)
        badge = QRectF(rect.x() + 6, rect.center().y() - height / 2 + 0.5, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(fg)
        painter.setFont(opt.font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 20, max(size.height(), 26))
