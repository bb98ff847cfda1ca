"""Specification of Review > Reviewer identity…: the OS user by default, the key's fingerprint
made and copied, and the name and e-mail recorded on what follows."""

from __future__ import annotations

import getpass
import json
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from app.review.audit import verify_file
from app.review.identity import Reviewer
from tests.ui.conftest import WindowFactory
from ui.main_window import MainWindow
from ui.reviewer_dialog import ReviewerDialog


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AURION_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("AURION_DATA_DIR", str(tmp_path / "data"))


def reviewer_dialog(window: MainWindow) -> ReviewerDialog:
    window.review_actions.reviewer_action.trigger()
    dialog = window.review_actions.reviewer_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_identity_defaults_to_the_os_user_and_is_recorded_after_saving(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window(wait=False)
    dialog = reviewer_dialog(window)
    assert dialog.name_edit.text() == getpass.getuser() and dialog.email_edit.text() == ""

    dialog.name_edit.setText("")
    assert not dialog.save() and dialog.status.text().startswith("Not saved: ")

    dialog.name_edit.setText("  Lea Martin ")
    dialog.email_edit.setText("lea@example.org")
    with qtbot.waitSignal(dialog.reviewer_saved) as saved:
        dialog.save_button.click()
    assert saved.args == [Reviewer("Lea Martin", "lea@example.org")]
    assert "Lea Martin <lea@example.org>" in dialog.status.text()
    stored = json.loads((tmp_path / "config" / "reviewer.json").read_text())
    assert (stored["name"], stored["email"]) == ("Lea Martin", "lea@example.org")

    # what is recorded from now on names the new reviewer
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    row = next(i for i, c in enumerate(window.model.calls()) if c.status == "completed")
    with qtbot.waitSignal(window.reviews.recorded, timeout=10_000):
        window.table.selectRow(row)  # call.opened
    with qtbot.waitSignal(window.reviews.recorded, timeout=10_000):
        window.reviews.add_note(2.0, "Polite greeting")
    assert [n.reviewer for n in window.reviews.notes] == [Reviewer("Lea Martin", "lea@example.org")]
    entries = list(window.desk.trail.entries())
    assert {e.event for e in entries} >= {"call.opened", "note.added"}
    assert all(e.reviewer == {"name": "Lea Martin", "email": "lea@example.org"} for e in entries)
    assert verify_file(window.desk.trail.path).ok


def test_the_key_fingerprint_is_made_shown_and_copied(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window(wait=False)
    dialog = reviewer_dialog(window)
    dialog.name_edit.setText("Ana Lopez")
    dialog.email_edit.setText("ana@example.org")
    assert dialog.save()
    # a reviewer with no key yet: say so, offer to make it
    assert dialog.fingerprint is None and dialog.create_key_button.isVisible()
    assert "No key yet" in dialog.fingerprint_label.text()
    assert not dialog.copy_button.isEnabled()
    dialog.create_key_button.click()
    fingerprint = window.desk.fingerprint()
    assert fingerprint is not None and fingerprint.startswith("SHA256:")
    assert dialog.fingerprint_label.text() == fingerprint
    assert not dialog.create_key_button.isVisible()
    assert f"Key made: {fingerprint}" == dialog.status.text()
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == fingerprint

    # the same reviewer opening the dialog again sees the same key
    dialog.close()
    again = reviewer_dialog(window)
    assert again.fingerprint_label.text() == fingerprint
