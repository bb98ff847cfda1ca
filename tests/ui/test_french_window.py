"""The window and its dialogs under French: no text a user meets is left in English.

Walks every widget, action, menu, header, item and tooltip of the main window (a call open),
the Accounts, Export and shortcuts dialogs, and fails on any text that reads as an English
string of the catalogue whose French differs (a template's fields and a plural's count match
anything), naming where it was found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.accounts import KeyStore
from tests.i18n_status import read_ts
from tests.ui.conftest import WindowFactory
from ui.export_dialog import ExportDialog
from ui.settings import Prefs
from ui.shortcuts import ShortcutsDialog

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
_FIELD = re.compile(r"\\\{\w*\\\}")
_COUNT = re.compile(r"%L?n")
_NUMBER = r"[\d.,\u202f\u00a0]+"


def _pattern(template: str) -> re.Pattern[str]:
    """A template as a pattern: its ``{fields}`` and ``%n`` match what they are filled with."""
    text = re.escape(template.replace("&", ""))
    text = _FIELD.sub(lambda _m: ".+", text)
    text = _COUNT.sub(lambda _m: _NUMBER, text)
    return re.compile(text, re.DOTALL)


def _words(template: str) -> bool:
    """Whether the template has words of its own (not only fields and punctuation)."""
    bare = re.sub(r"\{\w*\}|%L?n", "", template)
    return any(c.isalpha() for c in bare)


def english_and_french() -> tuple[list[tuple[str, re.Pattern[str]]], list[re.Pattern[str]]]:
    """(English source, its pattern) for every entry whose French differs, and every French
    pattern (a text that reads as French is never flagged)."""
    french = read_ts(I18N / "aurion_fr.ts")
    english_forms = {e.key: e.translations for e in read_ts(I18N / "aurion_en.ts")}
    english: list[tuple[str, re.Pattern[str]]] = []
    french_patterns = []
    for entry in french:
        french_patterns += [_pattern(t) for t in entry.translations]
        if not _words(entry.source):
            continue
        forms = english_forms.get(entry.key, ()) if entry.numerus else (entry.source,)
        for form in forms:
            if all(form.replace("&", "") != t.replace("&", "") for t in entry.translations):
                english.append((entry.source, _pattern(form)))
    return english, french_patterns


def _columns(model: QAbstractItemModel) -> int:
    # a list model's columnCount is private in PySide6: it has one
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())


def _model_texts(model: QAbstractItemModel, where: str) -> Iterator[tuple[str, str]]:
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = _columns(model) if orientation == Qt.Orientation.Horizontal else 0
        for section in range(count):
            for role in roles:
                value = model.headerData(section, orientation, role)
                if isinstance(value, str):
                    yield f"{where} header {section}", value
    for row in range(min(model.rowCount(QModelIndex()), 60)):
        for column in range(_columns(model)):
            index = model.index(row, column)
            for role in (*roles, Qt.ItemDataRole.AccessibleTextRole):
                value = index.data(role)
                if isinstance(value, str):
                    yield f"{where} [{row}, {column}]", value


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """Every text ``root`` and its children show or give to assistive technology."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        where = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        yield where, widget.windowTitle() if widget.isWindow() else ""
        yield where, widget.toolTip()
        yield where, widget.accessibleName()
        yield where, widget.accessibleDescription()
        if isinstance(widget, QLabel | QAbstractButton):
            yield where, widget.text()
        if isinstance(widget, QLineEdit):
            yield where, widget.placeholderText()
        if isinstance(widget, QGroupBox):
            yield where, widget.title()
        if isinstance(widget, QMenu):
            yield where, widget.title()
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{where} item {i}", widget.itemText(i)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _model_texts(widget.model(), where)
    actions: list[QObject] = [*root.findChildren(QAction)]
    for action in actions:
        assert isinstance(action, QAction)
        yield f"action {action.text()!r}", action.text()
        yield f"action {action.text()!r}", action.toolTip()
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield "menu", menu.title()


def english_left(roots: list[QWidget]) -> list[str]:
    english, french = english_and_french()
    found = []
    for root in roots:
        for where, text in visible_texts(root):
            for part in {text, *re.split(r" · |\n+", text)}:
                part = part.replace("&", "").strip()
                if not part or any(p.fullmatch(part) for p in french):
                    continue
                for source, pattern in english:
                    if pattern.fullmatch(part):
                        found.append(f"{where}: {part!r} (source {source!r})")
                        break
    return sorted(set(found))


@pytest.fixture
def french_window(french: None, make_window: WindowFactory, qtbot: QtBot) -> Iterator[object]:
    window = make_window(keys=KeyStore())
    row = next(i for i, c in enumerate(window.model.calls()) if c.status == "completed")
    with qtbot.waitSignal(window.transcript_shown, timeout=10_000):
        window.table.selectRow(row)
    qtbot.waitUntil(lambda: window.detail.detail is not None, timeout=10_000)
    yield window


def test_the_french_window_and_its_dialogs_show_no_english(
    french_window: object, qtbot: QtBot
) -> None:
    from ui.main_window import MainWindow

    window = french_window
    assert isinstance(window, MainWindow)
    window.open_accounts()
    window.open_export()
    window.show_shortcuts()
    qtbot.waitUntil(lambda: window.accounts_dialog is not None and window.export_dialog is not None)
    shortcuts = window.findChildren(ShortcutsDialog)
    assert window.accounts_dialog is not None and isinstance(window.export_dialog, ExportDialog)
    roots: list[QWidget] = [window, window.accounts_dialog, window.export_dialog, *shortcuts]
    left = english_left(roots)
    assert not left, "English under French:\n" + "\n".join(left)
    # Qt's own buttons are French too (qtbase_fr.qm)
    close = window.accounts_dialog.findChild(QDialogButtonBox)
    assert close is not None
    button = close.button(QDialogButtonBox.StandardButton.Close)
    assert button is not None and button.text().replace("&", "") == "Fermer"
    # the menus, the status bar and the table in French
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == [
        "&Fichier",
        "&Affichage",
        "A&ller",
        "&Revue",
        "&Bibliothèque",
        "&Compte",
        "A&ide",
    ]
    assert "appels · API en direct · tri\u00a0: Début, plus récents d'abord" in (
        window.statusBar().currentMessage()
    )
    assert window.pager.range_label.text() == "1–50 sur 1\u202f200"
    header = window.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert str(header).startswith("Quand l'appel a commencé (heure locale, UTC")
    started = window.detail.values["started"].text()
    assert re.fullmatch(
        r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d \(heure locale, UTC[+-]\d\d:\d\d\)", started
    )
    window.accounts_dialog.reject()
    window.export_dialog.reject()


def test_the_check_sees_english_left_in_a_french_window(
    french_window: object, qtbot: QtBot
) -> None:
    from ui.main_window import MainWindow

    window = french_window
    assert isinstance(window, MainWindow)
    window.pager.page_label.setText("Page 3 of 24")
    window.detail.copy_button.setToolTip("Copy the call id to the clipboard")
    window.filter_bar.count_label.setText("1,200 calls")
    left = "\n".join(english_left([window]))
    assert "'Page 3 of 24' (source 'Page {page} of {count}')" in left
    assert "'Copy the call id to the clipboard' (source 'Copy the call id to the clipboard')" in (
        left
    )
    assert "'1,200 calls' (source '%Ln call(s)')" in left


def test_times_can_be_shown_in_utc_and_say_so(french_window: object, qtbot: QtBot) -> None:
    from ui.main_window import MainWindow

    window = french_window
    assert isinstance(window, MainWindow)
    window.times_menu.zone_actions["utc"].trigger()
    assert window.settings.get(Prefs.time_zone) == "utc"
    title = window.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert title == "Début (UTC)"
    tip = window.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert str(tip).startswith("Quand l'appel a commencé (UTC)")
    assert window.detail.values["started"].text().endswith("(UTC)")
    call = window.model.call_at(0)
    assert call is not None
    shown = window.model.index(0, 0).data()
    assert shown == call.started_at.strftime("%d/%m/%Y %H:%M")  # the API's UTC, as it is
    window.times_menu.zone_actions["local"].trigger()
    assert window.detail.values["started"].text().endswith(")") and "heure locale" in (
        window.detail.values["started"].text()
    )
