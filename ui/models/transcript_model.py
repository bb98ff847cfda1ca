"""List model over a transcript timeline; current and matching rows change by dataChanged."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.formatting import SPEAKER_LABELS, format_duration
from app.timeline import TimedSegment, Timeline
from ui.i18n import label

SpeakerRole = Qt.ItemDataRole.UserRole + 1
StartRole = Qt.ItemDataRole.UserRole + 2
OffsetTextRole = Qt.ItemDataRole.UserRole + 3
CurrentRole = Qt.ItemDataRole.UserRole + 4
MatchRole = Qt.ItemDataRole.UserRole + 5
SegmentRole = Qt.ItemDataRole.UserRole + 6
#: The reviewer's notes on this line (their texts), shown in the margin.
NotesRole = Qt.ItemDataRole.UserRole + 7

AnyIndex = QModelIndex | QPersistentModelIndex


class TranscriptModel(QAbstractListModel):
    """One row per segment, in time order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.timeline = Timeline([])
        self.current = -1
        self.matches: list[int] = []
        self._match_set: set[int] = set()
        self.query = ""
        self.notes: dict[int, list[str]] = {}

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.timeline)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.timeline):
            return None
        row = index.row()
        seg: TimedSegment = self.timeline.segments[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return seg.text
        if role == SpeakerRole:
            return seg.speaker
        if role == StartRole:
            return seg.start
        if role == OffsetTextRole:
            return format_duration(seg.start)
        if role == CurrentRole:
            return row == self.current
        if role == MatchRole:
            return row in self._match_set
        if role == SegmentRole:
            return seg
        if role == NotesRole:
            return self.notes.get(row, [])
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            who = label(SPEAKER_LABELS, seg.speaker)
            line = self.tr("{speaker} at {time}: {text}").format(
                speaker=who, time=format_duration(seg.start), text=seg.text
            )
            notes = self.notes.get(row)
            if not notes:
                return line
            return line + "".join("\n" + self.tr("Note: {text}").format(text=n) for n in notes)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            parts = [self.tr("Playing")] if row == self.current else []
            if count := len(self.notes.get(row, ())):
                parts.append(self.tr("%Ln note(s)", "", count))
            return ", ".join(parts)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- our API ---------------------------------------------------------------------------

    def set_timeline(self, timeline: Timeline) -> None:
        self.beginResetModel()
        self.timeline = timeline
        self.current = -1
        self.matches = []
        self._match_set = set()
        self.query = ""
        self.notes = {}
        self.endResetModel()

    def set_current(self, row: int) -> bool:
        """Mark ``row`` as the segment being heard; True when it changed."""
        row = row if 0 <= row < len(self.timeline) else -1
        if row == self.current:
            return False
        previous, self.current = self.current, row
        for changed in (previous, row):
            if changed >= 0:
                index = self.index(changed)
                self.dataChanged.emit(
                    index, index, [CurrentRole, Qt.ItemDataRole.AccessibleDescriptionRole]
                )
        return True

    def set_query(self, query: str) -> list[int]:
        """Highlight the segments containing ``query``; returns their rows."""
        before = self._match_set
        self.query = query
        self.matches = self.timeline.search(query)
        self._match_set = set(self.matches)
        touched = before | self._match_set
        if touched:
            first, last = self.index(min(touched)), self.index(max(touched))
            self.dataChanged.emit(first, last, [MatchRole, Qt.ItemDataRole.DisplayRole])
        return self.matches

    def set_notes(self, notes: dict[int, list[str]]) -> None:
        """The notes on each row (row → texts): changed rows are told by ``dataChanged``."""
        rows = len(self.timeline)
        notes = {r: list(t) for r, t in notes.items() if 0 <= r < rows and t}
        touched = {r for r in set(notes) | set(self.notes) if notes.get(r) != self.notes.get(r)}
        self.notes = notes
        roles = [
            NotesRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.AccessibleDescriptionRole,
        ]
        for row in sorted(touched):
            index = self.index(row)
            self.dataChanged.emit(index, index, roles)
