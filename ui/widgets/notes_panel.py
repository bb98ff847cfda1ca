"""The open call's notes: a list in time order, and the dialog that writes or edits one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.formatting import format_duration
from app.review.store import Note
from ui.models.notes_model import NoteRole, NotesModel

#: Tags are typed as words separated by commas or spaces.
TAG_SEPARATORS = ", "


def parse_tags(text: str) -> tuple[str, ...]:
    words = text.replace(",", " ").split()
    return tuple(dict.fromkeys(w.lstrip("#") for w in words if w.lstrip("#")))


class NoteList(QListView):
    """Notes; Enter plays from the note, Delete asks to delete it.

    Signals:
        delete_pressed(): the Delete key on a note.
    """

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)


class NotesPanel(QWidget):
    """The notes of the open call.

    Signals:
        add_requested(): write a note at the playhead.
        play_requested(float): play from this moment (seconds).
        edit_requested(object): edit this ``Note``.
        delete_requested(object): delete this ``Note``.
    """

    add_requested = Signal()
    play_requested = Signal(float)
    edit_requested = Signal(object)
    delete_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.model = NotesModel(self)
        self.list = NoteList()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName(self.tr("Notes"))
        self.list.activated.connect(self._activated)
        self.list.delete_pressed.connect(self._delete)
        self.empty = QLabel(
            self.tr(
                "No notes yet. Press N while listening to note the moment: playback pauses "
                "while you type."
            )
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add note"))
        self.add_button.setToolTip(self.tr("Note the moment playing now (N)"))
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self._edit)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self._delete)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.set_enabled(False)

    def tab_order(self) -> list[QWidget]:
        return [self.list, self.add_button, self.edit_button, self.delete_button]

    def set_enabled(self, on: bool) -> None:
        """A call is open (notes can be written) or not."""
        self.add_button.setEnabled(on)
        self._update_buttons()

    def set_notes(self, notes: list[Note]) -> None:
        self.model.set_notes(notes)
        self._update_buttons()

    def current(self) -> Note | None:
        index = self.list.currentIndex()
        note = index.data(NoteRole) if index.isValid() else None
        return note if isinstance(note, Note) else None

    def _update_buttons(self) -> None:
        has = self.model.rowCount() > 0
        self.empty.setVisible(not has)
        self.list.setVisible(has)
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _activated(self, index: QModelIndex) -> None:
        note = index.data(NoteRole)
        if isinstance(note, Note):
            self.play_requested.emit(note.offset)

    def _edit(self) -> None:
        if (note := self.current()) is not None:
            self.edit_requested.emit(note)

    def _delete(self) -> None:
        if (note := self.current()) is not None:
            self.delete_requested.emit(note)


class NoteDialog(QDialog):
    """Writes a note at a moment (or edits one): its text and tags."""

    def __init__(
        self, offset: float, note: Note | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.offset = offset
        moment = format_duration(offset)
        title = self.tr("Edit the note at {moment}") if note else self.tr("Note at {moment}")
        self.setWindowTitle(title.format(moment=moment))
        layout = QVBoxLayout(self)
        where = (
            self.tr("At {moment} into the call.")
            if note
            else self.tr("At {moment} into the call. Playback waits while you write.")
        )
        self.moment = QLabel(where.format(moment=moment))
        layout.addWidget(self.moment)
        form = QFormLayout()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("What happens at this moment?"))
        self.text.setMinimumSize(380, 110)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("e.g. compliance, escalation"))
        form.addRow(self.tr("&Note:"), self.text)
        form.addRow(self.tr("&Tags:"), self.tags)
        layout.addLayout(form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if note is not None:
            self.text.setPlainText(note.text)
            self.tags.setText(TAG_SEPARATORS.join(note.tags))
        self.text.setFocus()

    def note_text(self) -> str:
        return self.text.toPlainText().strip()

    def note_tags(self) -> tuple[str, ...]:
        return parse_tags(self.tags.text())

    def _save(self) -> None:
        if not self.note_text():
            self.problem.setText(self.tr("Write something first: an empty note is not saved."))
            self.problem.show()
            self.text.setFocus()
            return
        self.accept()
