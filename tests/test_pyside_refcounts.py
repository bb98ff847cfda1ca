"""The installed PySide6 keeps Python's reference counts: a long listen must not abort the app.

PySide6 6.12.0 lost a reference to True on every Signal.emit() and to None on every
QTextLayout.beginLayout()/endLayout(); a few thousand position updates then freed True and
aborted the interpreter. pyproject.toml excludes it; this guards any future upgrade.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication


class _Emitter(QObject):
    moved = Signal(int)


def test_emitting_signals_keeps_the_references_to_true() -> None:
    emitter = _Emitter()
    seen: list[int] = []
    emitter.moved.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(200):
        emitter.moved.emit(i)
    assert sys.getrefcount(True) >= before
    assert len(seen) == 200


def test_text_layout_keeps_the_references_to_none(qapp: QApplication) -> None:
    layout = QTextLayout("a transcript line", QFont())
    before = sys.getrefcount(None)
    for _ in range(200):
        layout.beginLayout()
        layout.endLayout()
    assert sys.getrefcount(None) >= before - 10  # other code may drop a few; not 400
