"""List model over the open call's notes, in time order; changes are told row by row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.formatting import format_duration
from app.review.store import Note

NoteRole = Qt.ItemDataRole.UserRole + 1
OffsetRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


def note_text(note: Note) -> str:
    """How a note reads in the list: its moment, text, tags and who wrote it."""
    tags = "  " + " ".join(f"#{t}" for t in note.tags) if note.tags else ""
    who = note.reviewer.label
    if note.imported:
        who = QCoreApplication.translate("NotesModel", "{reviewer} (imported)").format(reviewer=who)
    return f"{format_duration(note.offset)}  {note.text}{tags}\n— {who}"


class NotesModel(QAbstractListModel):
    """One row per note, by offset; ``set_notes`` inserts, removes and changes rows by id."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.notes: list[Note] = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.notes)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.notes):
            return None
        note = self.notes[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return note_text(note)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            said = self.tr("Note at {time} by {reviewer}: {text}").format(
                time=format_duration(note.offset), reviewer=note.reviewer.label, text=note.text
            )
            if note.tags:
                said += self.tr(", tags {tags}").format(tags=", ".join(note.tags))
            return said
        if role == NoteRole:
            return note
        if role == OffsetRole:
            return note.offset
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_notes(self, notes: list[Note]) -> None:
        """Show ``notes`` (sorted by offset): rows removed, changed and inserted by note id,
        so that the selection stays on the note it was on."""
        wanted = sorted(notes, key=lambda n: (n.offset, n.created_at.timestamp(), n.id))
        keep = {n.id for n in wanted}
        for row in range(len(self.notes) - 1, -1, -1):
            if self.notes[row].id not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.notes[row]
                self.endRemoveRows()
        for row, note in enumerate(wanted):
            here = self.notes[row] if row < len(self.notes) else None
            if here is not None and here.id == note.id:
                if here != note:
                    self.notes[row] = note
                    self.dataChanged.emit(self.index(row), self.index(row))
                continue
            old = next((i for i, n in enumerate(self.notes) if n.id == note.id), None)
            if old is not None:  # moved (its moment changed): out, then in at its place
                self.beginRemoveRows(QModelIndex(), old, old)
                del self.notes[old]
                self.endRemoveRows()
            self.beginInsertRows(QModelIndex(), row, row)
            self.notes.insert(row, note)
            self.endInsertRows()
        assert [n.id for n in self.notes] == [n.id for n in wanted]
