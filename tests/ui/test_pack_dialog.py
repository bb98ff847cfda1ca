"""Specification of File > Evidence pack… against the demo server: a verified pack, its result
and buttons, cancelling without leftovers, and clear messages when it cannot be made."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from app.review.audit import verify_file
from app.review.pack import verify_pack
from tests.ui.conftest import WindowFactory, run_async
from ui.main_window import MainWindow
from ui.pack_dialog import PackDialog, PackScope
from ui.settings import Prefs


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """This test's own library, audit trail and reviewer (not the session's)."""
    monkeypatch.setenv("AURION_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("AURION_DATA_DIR", str(tmp_path / "data"))


def open_call(window: MainWindow, qtbot: QtBot, index: int = 0) -> str:
    """Open a completed call that has a recording; its id."""
    rows = [i for i, c in enumerate(window.model.calls()) if c.status == "completed"]
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(rows[index])
    assert window.session.call is not None
    return window.session.call.id


def pack_dialog(window: MainWindow, out: Path) -> PackDialog:
    window.review_actions.open_pack()
    dialog = window.review_actions.pack_dialog
    assert dialog is not None
    dialog.folder_edit.setText(str(out))
    return dialog


def build(dialog: PackDialog, qtbot: QtBot, timeout: int = 60_000) -> bool:
    with qtbot.waitSignal(dialog.pack_finished, timeout=timeout) as finished:
        dialog.build_button.click()
    return bool(finished.args[0])


def test_a_pack_of_the_open_call_is_verified_signed_and_opened(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    call_id = open_call(window, qtbot)
    store = run_async(qtbot, window.reviews.store())
    run_async(qtbot, store.add_note(call_id, 3.0, "Greets the caller by name", tags=("greeting",)))
    out = tmp_path / "packs"
    dialog = pack_dialog(window, out)
    assert dialog.call_ids() == [call_id] and not dialog.redact_box.isChecked()
    opened: list[QUrl] = []
    dialog.open_url = opened.append

    assert build(dialog, qtbot)
    result = dialog.result_
    assert result is not None and result.folder.parent == out and result.archive.is_file()
    assert verify_pack(result.folder).ok and verify_pack(result.archive).ok
    [notes_file] = result.folder.glob("data/calls/*/notes.json")
    assert [n["text"] for n in json.loads(notes_file.read_text())] == ["Greets the caller by name"]
    assert list(result.folder.glob("data/calls/*/recording.ogg"))
    # the result says where and who signed; the buttons open the folder and the viewer
    fingerprint = window.desk.fingerprint()
    assert fingerprint is not None and result.fingerprint == fingerprint
    text = dialog.status.text()
    assert str(result.folder) in text and str(result.archive) in text and fingerprint in text
    assert window.desk.reviewer.label in text
    assert dialog.open_folder_button.isVisible() and dialog.open_viewer_button.isVisible()
    dialog.open_folder_button.click()
    dialog.open_viewer_button.click()
    assert [Path(u.toLocalFile()) for u in opened] == [
        result.folder,
        result.folder / "data" / "index.html",
    ]
    assert (result.folder / "data" / "index.html").is_file()
    # the folder is remembered; the trail records the pack and stays verifiable
    assert window.settings.get(Prefs.pack_dir) == str(out)
    [entry] = [e for e in window.desk.trail.entries() if e.event == "pack.created"]
    assert entry.call_id == call_id and entry.data["recording_downloaded"] is True
    assert entry.data["pack"] == result.folder.name
    assert verify_file(window.desk.trail.path).ok


def test_a_redacted_pack_of_the_selected_calls(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    open_call(window, qtbot)
    window.table.selectRow(0)
    window.table.selectionModel().select(
        window.model.index(1, 0),
        window.table.selectionModel().SelectionFlag.Select
        | window.table.selectionModel().SelectionFlag.Rows,
    )
    selected = [c.id for c in window.selected_calls()]
    assert len(selected) == 2
    dialog = pack_dialog(window, tmp_path / "packs")
    assert dialog.scope_buttons[PackScope.SELECTED].isChecked()
    dialog.redact_box.setChecked(True)
    assert build(dialog, qtbot)
    assert dialog.result_ is not None and dialog.result_.calls == selected
    review = json.loads((dialog.result_.folder / "data" / "review.json").read_text())
    assert review["redacted"] is True and [c["id"] for c in review["calls"]] == selected
    assert not list(dialog.result_.folder.glob("data/calls/*/recording.ogg"))
    assert window.settings.get(Prefs.pack_redact) is True


def test_cancelling_or_closing_while_building_leaves_nothing(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    open_call(window, qtbot)
    window.table.selectAll()
    out = tmp_path / "packs"
    dialog = pack_dialog(window, out)
    dialog.set_scope(PackScope.SELECTED)
    with qtbot.waitSignal(dialog.pack_finished, timeout=60_000) as finished:
        dialog.build_button.click()
        assert dialog.running and dialog.cancel_button.isVisible()
        assert not dialog.build_button.isEnabled()
        qtbot.waitUntil(lambda: any(out.glob(".*.building/calls/*/transcript.pdf")), timeout=30_000)
        dialog.close()  # closing cancels; the dialog goes once what was made is removed
        assert dialog.isVisible()
    assert finished.args == [False]
    assert "no pack was written" in dialog.status.text()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert list(out.iterdir()) == []
    assert not [e for e in window.desk.trail.entries() if e.event == "pack.created"]

    # the next build goes to the end
    window.review_actions.open_pack()
    again = window.review_actions.pack_dialog
    assert again is not None and again is not dialog
    again.set_scope(PackScope.OPEN)
    assert build(again, qtbot)


def test_a_pack_that_cannot_be_made_says_why_and_leaves_nothing(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    open_call(window, qtbot)
    # a folder that cannot be written: a file stands where it should be
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    dialog = pack_dialog(window, blocked)
    assert not build(dialog, qtbot)
    assert "No pack was written" in dialog.status.text()
    assert f"Cannot write to {blocked}" in dialog.status.text()
    assert not dialog.open_folder_button.isVisible()

    # a call the server does not know (404)
    out = tmp_path / "packs"
    assert window.session.call is not None
    dialog.current = dataclasses.replace(window.session.call, id="call_gone_00000")
    dialog.folder_edit.setText(str(out))
    assert not build(dialog, qtbot)
    assert "Not found" in dialog.status.text()
    assert not any(out.iterdir())
    assert "Traceback" not in dialog.status.text()


def test_without_a_keyring_the_pack_cannot_be_signed(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    keyring.set_keyring(FailKeyring())  # the autouse memory keyring is put back afterwards
    window = make_window()
    open_call(window, qtbot)
    out = tmp_path / "packs"
    dialog = pack_dialog(window, out)
    assert not build(dialog, qtbot)
    assert "No system keyring" in dialog.status.text()
    assert not out.exists()


def test_nothing_to_pack_without_a_call(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = make_window()
    window.session.close()
    window.table.clearSelection()
    window.review_actions.open_pack()
    dialog = window.review_actions.pack_dialog
    assert dialog is not None and dialog.call_ids() == []
    assert not dialog.build_button.isEnabled()
    assert dialog.status.text() == "Open or select a call to pack."
