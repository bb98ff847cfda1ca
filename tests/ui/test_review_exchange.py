"""Specification of Review > Import reviews…, Export reviews… and Compare scorecards… in the
window: two reviewers' work imported, compared per criterion, and the same JSON as the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.library.library import Library
from app.review.audit import AuditLog, verify_file
from app.review.identity import Reviewer
from app.review.scorecard import Answer, default_template
from app.review.store import ReviewStore
from tests.ui.conftest import WindowFactory, run_async
from ui.compare_dialog import CompareDialog
from ui.main_window import MainWindow

ANA = Reviewer("Ana Lopez", "ana@example.org")
BEN = Reviewer("Ben Okafor", "ben@example.org")


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AURION_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("AURION_DATA_DIR", str(tmp_path / "data"))


async def reviewer_export(
    folder: Path, reviewer: Reviewer, call_id: str, tone: int, note: str
) -> Path:
    """What ``reviewer`` gives the lead: their note and submitted scorecard of the call."""
    template = default_template()
    answers = [Answer(c.id, tone if c.answer == "scale" else "yes") for c in template.criteria]
    path = folder / f"{reviewer.name.split()[0].lower()}.sqlite3"
    store = ReviewStore(await Library.open(path), AuditLog(reviewer, path.with_suffix(".jsonl")))
    try:
        await store.add_note(call_id, 12.0, note, tags=["calibration"])
        draft = await store.save_scorecard(call_id, template, answers)
        await store.submit_scorecard(draft.id)
        out = path.with_suffix(".json")
        await store.export_file(out, [call_id])
        return out
    finally:
        await store.library.aclose()


def open_call(window: MainWindow, qtbot: QtBot) -> str:
    row = next(i for i, c in enumerate(window.model.calls()) if c.status == "completed")
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(row)
    assert window.session.call is not None
    return window.session.call.id


def message(window: MainWindow) -> QMessageBox:
    box = window.review_actions.exchange.last_message
    assert box is not None and box.isVisible()
    return box


def test_a_lead_imports_two_reviewers_and_compares_them_in_the_window(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    call_id = open_call(window, qtbot)
    ana = run_async(qtbot, reviewer_export(tmp_path, ANA, call_id, 4, "Clear and polite"))
    ben = run_async(qtbot, reviewer_export(tmp_path, BEN, call_id, 1, "Curt at the end"))
    assert isinstance(ana, Path) and isinstance(ben, Path)

    with qtbot.waitSignal(window.review_actions.exchange.imported, timeout=10_000):
        window.review_actions.exchange.import_file(ana)
    text = message(window).text()
    assert "Imported ana.json (by Ana Lopez <ana@example.org>)" in text
    assert "1 notes and 1 scorecards added" in text
    # the open call's notes are read again: Ana's note is in the column
    qtbot.waitUntil(lambda: [n.text for n in window.reviews.notes] == ["Clear and polite"])

    with qtbot.waitSignal(window.review_actions.exchange.imported, timeout=10_000):
        window.review_actions.exchange.import_file(ana)  # again: nothing new, said so
    assert "0 notes and 0 scorecards added" in message(window).text()
    assert "2 already here (skipped)" in message(window).text()
    with qtbot.waitSignal(window.review_actions.exchange.imported, timeout=10_000):
        window.review_actions.exchange.import_file(ben)

    # compare: the two reviewers side by side, per criterion, with their agreement
    window.review_actions.compare_action.trigger()
    dialog = window.review_actions.compare_dialog
    assert isinstance(dialog, CompareDialog)
    qtbot.waitUntil(lambda: dialog.calibration is not None, timeout=10_000)
    calibration = dialog.calibration
    assert calibration is not None
    assert (calibration.first.reviewer, calibration.second.reviewer) == (ANA, BEN)
    assert dialog.template_box.currentData() == default_template().key
    table = dialog.table
    assert table.rowCount() == len(default_template().criteria)
    rows = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
    assert [r[1:] for r in rows if r[1] != "yes"] == [["4", "1", "differ"]]
    assert all(r[3] == "agree" for r in rows if r[1] == "yes")
    assert rows[0][0] == default_template().criteria[0].question
    headers = [table.horizontalHeaderItem(c).text() for c in range(4)]
    assert headers == ["Question", "Ana Lopez", "Ben Okafor", "Agree?"]
    assert dialog.summary.text() == "Agreement: 7 of 8 criteria answered by both (87.5%)."

    # Copy as JSON gives what `aurion-review review compare --json` prints
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    source = window.browser.library_source
    assert source is not None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cli = subprocess.run(
        [sys.executable, "-m", "app", "review", "compare", "--call", call_id, "--json",
         "--library", str(source.library.path)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert cli.returncode == 0, cli.stderr
    assert copied == cli.stdout.rstrip("\n")
    assert json.loads(copied)["comparisons"][0]["agreement_percent"] == 87.5

    # choosing the same card twice compares nothing
    dialog.choose(calibration.first.id, calibration.first.id)
    assert dialog.summary.text() == "Choose two different scorecards."
    assert not dialog.copy_button.isEnabled()
    with qtbot.waitSignal(dialog.compared, timeout=10_000):
        dialog.choose(calibration.second.id, calibration.first.id)
    assert dialog.table.horizontalHeaderItem(1).text() == "Ben Okafor"

    events = [e.event for e in window.desk.trail.entries()]
    assert events.count("review.imported") == 3
    assert verify_file(window.desk.trail.path).ok


def test_export_this_call_or_all_to_a_file(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    call_id = open_call(window, qtbot)
    with qtbot.waitSignal(window.reviews.recorded, timeout=10_000):
        window.reviews.add_note(4.0, "Asked for the ticket number")

    window.review_actions.export_reviews_action.trigger()
    dialog = window.review_actions.exchange.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.this_call.isChecked() and call_id in dialog.this_call.text()
    out = tmp_path / "out" / "mine.json"
    out.parent.mkdir()
    dialog.file_edit.setText(str(out))
    with qtbot.waitSignal(window.review_actions.exchange.exported, timeout=10_000) as done:
        dialog.export_button.click()
    assert not dialog.isVisible()
    payload = json.loads(out.read_text())
    assert payload["format"] == "aurion-call-review/review-v1"
    assert [n["text"] for n in payload["notes"]] == ["Asked for the ticket number"]
    assert done.args[0].call_ids == (call_id,)
    assert f"Wrote {out}: 1 notes and 0 scorecards of 1 calls." == message(window).text()
    assert [p.name for p in out.parent.iterdir()] == ["mine.json"]  # no temporary left
    [entry] = [e for e in window.desk.trail.entries() if e.event == "review.exported"]
    assert entry.data["file"] == str(out) and entry.data["call_ids"] == [call_id]

    # a folder that cannot be written (a file stands in its place): said, nothing written
    (tmp_path / "blocked").write_text("a file")
    window.review_actions.exchange.ask_export()
    dialog = window.review_actions.exchange.export_dialog
    assert dialog is not None
    dialog.all_calls.setChecked(True)
    dialog.file_edit.setText(str(tmp_path / "blocked" / "all.json"))
    with qtbot.waitSignal(window.review_actions.exchange.failed, timeout=10_000) as failed:
        dialog.export_button.click()
    assert failed.args[0].startswith("Nothing was exported. Cannot write ")
    assert message(window).icon() is QMessageBox.Icon.Warning


def test_a_file_that_is_not_a_review_export_imports_nothing(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    bad = tmp_path / "notes.json"
    bad.write_text(json.dumps({"format": "something-else"}))
    with qtbot.waitSignal(window.review_actions.exchange.failed, timeout=10_000) as failed:
        window.review_actions.exchange.import_file(bad)
    assert failed.args[0].startswith("Nothing was imported. notes.json is not a review export")
    assert message(window).icon() is QMessageBox.Icon.Warning


def test_compare_says_when_there_is_nothing_to_compare(
    make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = make_window()
    window.review_actions.open_compare()
    assert window.review_actions.compare_dialog is None  # no call open: said in the status bar
    assert "Open a call" in window.statusBar().currentMessage()
    open_call(window, qtbot)
    with qtbot.waitSignal(window.reviews.recorded, timeout=10_000):
        window.reviews.add_note(1.0, "Only a note")  # the account has a library now
    window.review_actions.open_compare()
    dialog = window.review_actions.compare_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "no two scorecards" in dialog.summary.text(), timeout=10_000)
    assert dialog.table.rowCount() == 0 and not dialog.copy_button.isEnabled()
