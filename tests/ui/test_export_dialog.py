"""Specification of exporting from the window: one call, a selection, or all, in the background."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.client import AurionClient
from app.demo.config import DemoConfig
from app.demo.faults import Faults
from app.demo.process import DemoProcess
from app.models import CallSummary
from app.session import SourceLease, lease_client
from app.source import RemoteSource
from tests.app.export.conftest import GOLDEN_CALL
from tests.ui.conftest import WindowFactory, run_async
from ui.export_dialog import ExportDialog, Scope
from ui.settings import Prefs, Settings

GOLDEN = Path(__file__).parents[1] / "app" / "export" / "golden"


@pytest.fixture
def lease(qtbot: QtBot, aloop: object, demo_server: DemoProcess) -> Iterator[SourceLease]:
    """The window's lease on a client of the shared demo server."""
    held = lease_client(AurionClient(demo_server.base_url, demo_server.api_key))
    yield held
    run_async(qtbot, held.release())


@pytest.fixture
def client(lease: SourceLease) -> AurionClient:
    assert isinstance(lease.source, RemoteSource)
    return lease.source.client


@pytest.fixture
def small_demo() -> Iterator[DemoProcess]:
    """A 60-call tenant of its own, so faults and a full export stay quick and private."""
    with DemoProcess(DemoConfig(calls=60, control=True)) as server:
        yield server


def summary(qtbot: QtBot, client: AurionClient, call_id: str) -> CallSummary:
    detail = run_async(qtbot, client.get_call(call_id))
    return CallSummary.from_json(detail.raw)  # type: ignore[attr-defined]


def make_dialog(
    qtbot: QtBot,
    lease: SourceLease,
    settings: Settings,
    current: CallSummary | None = None,
    selected: list[CallSummary] | None = None,
    total: int = 0,
) -> ExportDialog:
    dialog = ExportDialog(lease, settings, current, selected or [], total)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.cancel())
    dialog.show()
    return dialog


def export_and_wait(qtbot: QtBot, dialog: ExportDialog, timeout: int = 60_000) -> bool:
    with qtbot.waitSignal(dialog.export_finished, timeout=timeout) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return bool(blocker.args[0])


def test_this_call_is_written_byte_for_byte_like_the_command_line(
    qtbot: QtBot, lease: SourceLease, client: AurionClient, settings: Settings, tmp_path: Path
) -> None:
    call = summary(qtbot, client, GOLDEN_CALL)
    dialog = make_dialog(qtbot, lease, settings, current=call, total=1200)
    assert dialog.scope() is Scope.CURRENT
    assert not dialog.scope_buttons[Scope.SELECTED].isEnabled()  # nothing selected
    dialog.set_formats(["txt", "json", "srt"])
    dialog.folder_edit.setText(str(tmp_path / "dispute"))

    assert export_and_wait(qtbot, dialog)

    files = sorted(p.name for p in (tmp_path / "dispute").iterdir())
    assert [Path(f).suffix for f in files] == [".json", ".srt", ".txt"]
    assert all(GOLDEN_CALL in f for f in files)  # no manifest.json for a single call
    for name in files:
        golden = GOLDEN / f"{GOLDEN_CALL}{Path(name).suffix}"
        assert (tmp_path / "dispute" / name).read_bytes() == golden.read_bytes(), name
    assert "Exported 1 call (3 files)" in dialog.status.text()
    assert dialog.open_button.isVisible()
    assert settings.get(Prefs.export_formats) == "txt,json,srt"
    assert settings.get(Prefs.export_dir) == str(tmp_path / "dispute")


def test_without_formats_nothing_can_start(
    qtbot: QtBot, lease: SourceLease, settings: Settings
) -> None:
    dialog = make_dialog(qtbot, lease, settings, total=10)
    dialog.set_formats([])
    assert not dialog.export_button.isEnabled()
    assert dialog.status.text() == "Choose at least one format."
    dialog.set_formats(["csv"])
    assert dialog.export_button.isEnabled() and dialog.status.text() == ""


def test_all_calls_show_progress_cancel_and_resume(
    qtbot: QtBot, aloop: object, settings: Settings, small_demo: DemoProcess, tmp_path: Path
) -> None:
    lease = lease_client(AurionClient(small_demo.base_url, small_demo.api_key))
    try:
        small_demo.set_faults(Faults(latency_ms=150))
        dialog = make_dialog(qtbot, lease, settings, total=60)
        assert dialog.scope() is Scope.ALL
        dialog.set_formats(["txt", "vtt"])
        dialog.folder_edit.setText(str(tmp_path))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.cancel_button.isVisible() and not dialog.export_button.isEnabled()
        assert not dialog.folder_edit.isEnabled()  # choices are frozen while it runs
        qtbot.waitUntil(lambda: dialog.progress_bar.value() >= 5, timeout=20_000)
        assert "of 60 calls" in dialog.status.text()
        assert "calls/s" in dialog.status.text()
        with qtbot.waitSignal(dialog.export_finished) as cancelled:
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert cancelled.args == [False]
        assert dialog.status.text().startswith("Cancelled after")
        assert not list(tmp_path.glob(".*.part"))

        small_demo.set_faults(Faults())
        assert export_and_wait(qtbot, dialog)
        assert "were already complete" in dialog.status.text()
        manifest = json.loads((tmp_path / "manifest.json").read_text())
        assert len(manifest["files"]) == 120
        assert len(list(tmp_path.glob("*.vtt"))) == 60
    finally:
        run_async(qtbot, lease.release())


def test_calls_that_keep_failing_are_listed_and_the_rest_exported(
    qtbot: QtBot, aloop: object, settings: Settings, small_demo: DemoProcess, tmp_path: Path
) -> None:
    lease = lease_client(AurionClient(small_demo.base_url, small_demo.api_key))
    client = lease.source.client  # type: ignore[attr-defined]
    try:
        calls = run_async(qtbot, client.list_calls(limit=4)).data  # type: ignore[attr-defined]
        # Unknown ids answer 404, which is not retried: those two calls fail, the others don't.
        ghosts = [
            CallSummary.from_json({**c.raw, "id": f"call_gone{i}"}) for i, c in enumerate(calls[:2])
        ]
        dialog = make_dialog(qtbot, lease, settings, selected=[*ghosts, *calls[2:]])
        assert dialog.scope() is Scope.SELECTED
        dialog.set_formats(["csv"])
        dialog.folder_edit.setText(str(tmp_path))

        assert not export_and_wait(qtbot, dialog)

        text = dialog.status.text()
        assert "Exported 2 calls" in text and "2 calls could not be exported" in text
        assert "call_gone0" in text and "call_gone1" in text
        assert len(list(tmp_path.glob("*.csv"))) == 2
    finally:
        run_async(qtbot, lease.release())


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_unwritable_folder_is_a_plain_message(
    qtbot: QtBot, lease: SourceLease, client: AurionClient, settings: Settings, tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    call = summary(qtbot, client, GOLDEN_CALL)
    dialog = make_dialog(qtbot, lease, settings, current=call)
    dialog.folder_edit.setText(str(locked / "out"))
    assert not export_and_wait(qtbot, dialog)
    assert dialog.status.text().startswith("Export failed: Cannot write to")
    assert "Traceback" not in dialog.status.text()


def test_a_file_in_place_of_the_folder_is_a_plain_message(
    qtbot: QtBot, lease: SourceLease, client: AurionClient, settings: Settings, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("keep me")
    call = summary(qtbot, client, GOLDEN_CALL)
    dialog = make_dialog(qtbot, lease, settings, current=call)
    dialog.folder_edit.setText(str(blocker))
    assert not export_and_wait(qtbot, dialog)
    assert dialog.status.text().endswith("not-a-folder: it is a file, not a folder.")
    assert blocker.read_text() == "keep me"  # nothing lost


def test_ctrl_e_in_the_window_offers_the_current_and_selected_calls(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    with qtbot.waitSignal(window.detail_shown):
        window.table.selectRow(2)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts fire only in the active window
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible()
    current = window.model.call_at(2)
    assert current is not None
    assert dialog.scope() is Scope.CURRENT
    assert current.id in dialog.scope_buttons[Scope.CURRENT].text()
    assert "(1,200)" in dialog.scope_buttons[Scope.ALL].text()
    dialog.close()

    window.table.clearSelection()
    window.table.selectRow(0)
    window.table.selectionModel().select(
        window.model.index(1, 0),
        window.table.selectionModel().SelectionFlag.Select
        | window.table.selectionModel().SelectionFlag.Rows,
    )
    window.open_export()
    assert window.export_dialog is not dialog
    assert window.export_dialog.scope() is Scope.SELECTED
    assert "(2)" in window.export_dialog.scope_buttons[Scope.SELECTED].text()
    window.export_dialog.close()
    QApplication.processEvents()


def test_esc_and_close_close_an_idle_dialog(
    qtbot: QtBot, lease: SourceLease, settings: Settings
) -> None:
    dialog = make_dialog(qtbot, lease, settings, total=10)
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    dialog.show()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_enter_starts_the_export_not_the_folder_browser(
    qtbot: QtBot, lease: SourceLease, client: AurionClient, settings: Settings, tmp_path: Path
) -> None:
    call = summary(qtbot, client, GOLDEN_CALL)
    dialog = make_dialog(qtbot, lease, settings, current=call)
    dialog.set_formats(["txt"])
    dialog.folder_edit.setText(str(tmp_path))
    dialog.browse_button.setFocus()
    with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
        qtbot.keyClick(dialog.browse_button, Qt.Key.Key_Return)
    assert len(list(tmp_path.glob("*.txt"))) == 1


def test_closing_a_running_export_keeps_it_going_and_cancel_stops_it(
    qtbot: QtBot, aloop: object, settings: Settings, small_demo: DemoProcess, tmp_path: Path
) -> None:
    lease = lease_client(AurionClient(small_demo.base_url, small_demo.api_key))
    try:
        small_demo.set_faults(Faults(latency_ms=150))
        dialog = make_dialog(qtbot, lease, settings, total=60)
        dialog.set_formats(["txt"])
        dialog.folder_edit.setText(str(tmp_path))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(dialog.hidden_while_running):
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and dialog.running
        qtbot.waitUntil(lambda: dialog.progress_bar.value() >= 3, timeout=20_000)
        with qtbot.waitSignal(dialog.export_finished) as finished:
            dialog.cancel()
        assert finished.args == [False]
        assert len(list(tmp_path.glob("*.txt"))) < 60
    finally:
        small_demo.set_faults(Faults())
        run_async(qtbot, lease.release())


def test_switching_account_during_an_export_lets_it_finish(
    make_window: WindowFactory, qtbot: QtBot, small_demo: DemoProcess, tmp_path: Path
) -> None:
    window = make_window(demo=small_demo)
    small_demo.set_faults(Faults(latency_ms=60))
    try:
        window.open_export()
        dialog = window.export_dialog
        assert dialog is not None
        dialog.set_scope(Scope.ALL)
        dialog.set_formats(["txt", "json"])
        dialog.folder_edit.setText(str(tmp_path))
        old_client = window.connection.client  # type: ignore[union-attr]
        with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as finished:
            qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: dialog.progress_bar.value() >= 5, timeout=20_000)
            window.connect_to("")  # the window lets go of its client: the export keeps its own
            assert not old_client._http.is_closed
        assert finished.args == [True], dialog.status.text()
        assert len(list(tmp_path.glob("*.txt"))) == 60
        qtbot.waitUntil(lambda: old_client._http.is_closed)  # closed once the export let go
    finally:
        small_demo.set_faults(Faults())


def test_cancelling_a_pdf_export_stops_every_render(
    qtbot: QtBot, aloop: object, settings: Settings, small_demo: DemoProcess, tmp_path: Path
) -> None:
    lease = lease_client(AurionClient(small_demo.base_url, small_demo.api_key))
    try:
        dialog = make_dialog(qtbot, lease, settings, total=60)
        dialog.set_formats(["pdf"])
        dialog.folder_edit.setText(str(tmp_path))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(list(tmp_path.glob("*.pdf"))) >= 4, timeout=30_000)
        with qtbot.waitSignal(dialog.export_finished, timeout=20_000):
            qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        on_disk = sorted(p.name for p in tmp_path.glob("*.pdf"))
        qtbot.wait(500)
        assert sorted(p.name for p in tmp_path.glob("*.pdf")) == on_disk  # nothing drawn after
        assert f"({len(on_disk)} files)" in dialog.status.text()
        listed = json.loads((tmp_path / "manifest.json").read_text())["files"]
        assert sorted(listed) == on_disk
    finally:
        run_async(qtbot, lease.release())


def test_exports_from_the_window_are_in_the_audit_trail_downloads_apart(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.review.audit import verify_file

    monkeypatch.setenv("AURION_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("AURION_DATA_DIR", str(tmp_path / "data"))
    window = make_window()
    rows = [i for i, c in enumerate(window.model.calls()) if c.status == "completed"][:2]
    window.table.selectRow(rows[0])
    window.table.selectionModel().select(
        window.model.index(rows[1], 0),
        window.table.selectionModel().SelectionFlag.Select
        | window.table.selectionModel().SelectionFlag.Rows,
    )
    ids = [c.id for c in window.selected_calls()]
    window.open_export()
    dialog = window.export_dialog
    assert dialog is not None and dialog.scope() is Scope.SELECTED
    dialog.set_formats(["txt"])
    dialog.recordings_box.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    assert export_and_wait(qtbot, dialog)

    entries = [
        e for e in window.desk.trail.entries() if e.event.startswith(("export", "recording"))
    ]
    assert [e.event for e in entries] == ["export.done", "recording.downloaded"]
    done, downloaded = entries
    assert sorted(done.data["call_ids"]) == sorted(ids) and done.data["with_recordings"] is True
    assert done.data["folder"] == str(tmp_path / "out")
    saved = {p.stem.split("_", 1)[1] for p in (tmp_path / "out").glob("*.ogg")}
    assert sorted(downloaded.data["call_ids"]) == sorted(saved) and saved
    assert downloaded.data["purpose"] == "export"
    assert verify_file(window.desk.trail.path).ok
    dialog.close()
