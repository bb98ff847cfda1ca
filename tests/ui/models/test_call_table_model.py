"""Specification of the call table model: a valid Qt model whose content is the page's calls."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from app.models import CallSummary
from ui.models.call_table_model import COLUMNS, CallRole, CallTableModel, Column, StatusRole


def call(i: int, **overrides: object) -> CallSummary:
    fields: dict[str, object] = {
        "id": f"call_{i}",
        "caller_id": f"+3361234567{i}",
        "channel": "phone",
        "status": "completed",
        "duration_seconds": 185,
        "language": "fr-FR",
        "started_at": datetime(2026, 3, 8, 10, 30, tzinfo=UTC),
        "ended_at": datetime(2026, 3, 8, 10, 33, 5, tzinfo=UTC),
        "requester_id": 42,
        "tickets_created": (1042,),
        "authenticated": True,
    }
    fields.update(overrides)
    return CallSummary(**fields)  # type: ignore[arg-type]


def test_model_passes_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = CallTableModel()
    qtmodeltester.check(model)
    model.set_calls([call(1), call(2, status="active", duration_seconds=None, ended_at=None)])
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)


def test_whole_content_of_a_row() -> None:
    model = CallTableModel()
    model.set_calls(
        [
            call(1),
            call(
                2,
                channel="widget",
                status="active",
                duration_seconds=None,
                caller_id="jo@example.com",
                requester_id=None,
                tickets_created=(),
                authenticated=False,
                language=None,
            ),
        ]
    )
    # as en_US writes it (the UI tests' locale), in this computer's time zone
    at = datetime(2026, 3, 8, 10, 30, tzinfo=UTC).astimezone()
    noon = "AM" if at.hour < 12 else "PM"
    local = f"{at.month}/{at.day}/{at.year} {at.hour % 12 or 12}:{at.minute:02d}\u202f{noon}"
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert rows == [
        [local, "+33612345671", "Phone", "Completed", "3:05", "fr-FR", "#42", "#1042", "Yes",
         "—"],
        [local, "jo@example.com", "Web widget", "Active", "live", "—", "—", "—", "No",
         "—"],
    ]  # fmt: skip
    assert model.index(0, 0).data(CallRole).id == "call_1"
    assert model.index(1, Column.STATUS).data(StatusRole) == "active"
    assert model.index(0, Column.CHANNEL).data(Qt.ItemDataRole.DecorationRole) is not None


def test_review_statuses_change_only_their_cells(qtmodeltester: ModelTester) -> None:
    model = CallTableModel()
    model.set_calls([call(1), call(2), call(3)])
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, _r=(): changed.append((a.row(), a.column())))
    model.set_review_statuses({"call_2": "in_review", "call_3": "unreviewed", "call_9": "reviewed"})
    assert changed == [(1, Column.REVIEW)]
    assert [model.index(r, Column.REVIEW).data() for r in range(3)] == ["—", "In review", "—"]
    tip = Qt.ItemDataRole.ToolTipRole
    assert model.index(0, Column.REVIEW).data(tip) == "Unreviewed"
    assert model.index(0, Column.REVIEW).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Review: Unreviewed"
    )
    model.set_review_statuses({"call_2": "reviewed"})
    assert model.index(1, Column.REVIEW).data() == "Reviewed"
    assert model.index(1, Column.REVIEW).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Review: Reviewed"
    )
    qtmodeltester.check(model)


def test_headers_say_which_columns_the_server_sorts() -> None:
    model = CallTableModel()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))]
    assert titles == [
        "Started",
        "Caller",
        "Channel",
        "Status",
        "Duration",
        "Language",
        "Requester",
        "Tickets",
        "Auth.",
        "Review",
    ]
    tip = Qt.ItemDataRole.ToolTipRole
    assert "Sort by" in model.headerData(Column.DURATION, Qt.Orientation.Horizontal, tip)
    assert "Started or Duration only" in model.headerData(
        Column.CALLER, Qt.Orientation.Horizontal, tip
    )


def test_the_first_sort_on_a_column_shows_newest_or_longest_first() -> None:
    model = CallTableModel()
    initial = Qt.ItemDataRole.InitialSortOrderRole
    for column in (Column.STARTED, Column.DURATION):
        order = model.headerData(column, Qt.Orientation.Horizontal, initial)
        assert order == Qt.SortOrder.DescendingOrder


def test_reset_announces_itself(qtbot: object) -> None:
    model = CallTableModel()
    events: list[str] = []
    model.modelAboutToBeReset.connect(lambda: events.append("about"))
    model.modelReset.connect(lambda: events.append("reset"))
    model.set_calls([call(1)])
    assert events == ["about", "reset"] and model.rowCount() == 1
    assert model.row_of("call_1") == 0 and model.row_of("nope") == -1
