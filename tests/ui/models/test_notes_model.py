"""The notes list model: time order, rows changed by note id, checked by qtmodeltester."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from app.review.identity import Reviewer
from app.review.store import Note
from ui.models.notes_model import NoteRole, NotesModel, OffsetRole

WHEN = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def note(n: int, offset: float, text: str = "", tags: tuple[str, ...] = ()) -> Note:
    return Note(f"n{n}", "call_1", offset, None, text or f"note {n}", tags,
                Reviewer("Ana", "ana@example.com"), WHEN, WHEN)  # fmt: skip


def texts(model: NotesModel) -> list[str]:
    return [model.index(r).data() for r in range(model.rowCount())]


def test_notes_read_in_time_order_with_their_tags_and_author(qtmodeltester: ModelTester) -> None:
    model = NotesModel()
    model.set_notes([note(2, 75.0, "Hold without asking", ("tone",)), note(1, 3.2, "Greets")])
    qtmodeltester.check(model)
    assert texts(model) == [
        "0:03  Greets\n— Ana <ana@example.com>",
        "1:15  Hold without asking  #tone\n— Ana <ana@example.com>",
    ]
    assert model.index(1).data(NoteRole).id == "n2"
    assert model.index(1).data(OffsetRole) == 75.0
    assert model.index(0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Note at 0:03 by Ana <ana@example.com>: Greets"
    )


def test_changes_keep_rows_by_note_id(qtmodeltester: ModelTester) -> None:
    model = NotesModel()
    a, b, c = note(1, 1.0), note(2, 2.0), note(3, 3.0)
    model.set_notes([a, b, c])
    qtmodeltester.check(model)
    signals: list[str] = []
    model.rowsInserted.connect(lambda *_: signals.append("insert"))
    model.rowsRemoved.connect(lambda *_: signals.append("remove"))
    model.dataChanged.connect(lambda *_: signals.append("change"))
    model.modelReset.connect(lambda: signals.append("reset"))

    model.set_notes([a, replace(b, text="edited"), c])
    assert signals == ["change"] and "edited" in texts(model)[1]
    signals.clear()
    model.set_notes([a, c])
    assert signals == ["remove"] and [n.id for n in model.notes] == ["n1", "n3"]
    signals.clear()
    model.set_notes([replace(a, offset=9.0), c, note(4, 0.5)])  # moved after c; one new first
    assert "reset" not in signals
    assert [n.id for n in model.notes] == ["n4", "n3", "n1"]
    model.set_notes([])
    assert model.rowCount() == 0
    qtmodeltester.check(model)
