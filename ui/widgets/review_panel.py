"""The review column: the open call's notes and its scorecard, one at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import number
from ui.widgets.notes_panel import NotesPanel
from ui.widgets.scorecard_pane import ScorecardPane

NOTES, SCORECARD = 0, 1


class ReviewPanel(QWidget):
    """*Notes* and *Scorecard*: two toggles over a stack (not a QTabWidget: its tab bar broke
    the window's Tab ring, see ``ResultTabs``).

    Signals:
        layout_changed(): the controls in the Tab order changed (another page, a template).
    """

    layout_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 0)
        layout.setSpacing(6)
        title = QLabel(self.tr("Review"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        bar = QHBoxLayout()
        bar.setSpacing(0)
        self.group = QButtonGroup(self)
        self.notes_button = QToolButton()
        self.scorecard_button = QToolButton()
        self.stack = QStackedWidget()
        self.notes = NotesPanel()
        self.scorecard = ScorecardPane()
        self.stack.addWidget(self.notes)
        self.stack.addWidget(self.scorecard)
        for index, button in enumerate((self.notes_button, self.scorecard_button)):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _c=False, i=index: self.show_page(i))
            self.group.addButton(button)
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self.set_note_count(0)
        self.scorecard_button.setText(self.tr("Scorecard"))
        self.notes_button.setChecked(True)

    def set_note_count(self, count: int) -> None:
        self.notes_button.setText(
            self.tr("Notes ({count})").format(count=number(count)) if count else self.tr("Notes")
        )

    def show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        (self.notes_button, self.scorecard_button)[index].setChecked(True)
        self.layout_changed.emit()

    def tab_order(self) -> list[QWidget]:
        page = (
            self.notes.tab_order()
            if self.stack.currentIndex() == NOTES
            else (self.scorecard.tab_order())
        )
        return [self.notes_button, self.scorecard_button, *page]
