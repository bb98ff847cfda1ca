"""Review > Compare scorecards…: two reviewers' scorecards of the open call side by side,
criterion by criterion, with their agreement (calibration); the same JSON as
``aurion-review review compare --json`` to copy."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AurionError
from app.models import CallSummary
from app.review.scorecard import NA
from app.review.store import Calibration, ReviewStore, Scorecard
from app.sanitize import printable
from ui.accessibility import AnnouncedLabel
from ui.review_session import ReviewSession
from ui.tasks import LatestRequest


def calibration_json(calibration: Calibration) -> str:
    """What ``review compare --call ID --json`` prints for this comparison."""
    payload = {"call_id": calibration.call_id, "comparisons": [calibration.as_json()]}
    return json.dumps(payload, indent=2, ensure_ascii=False)


class CompareDialog(QDialog):
    """Pick a template and two of the open call's scorecards of it; see them compared.

    Signals:
        loaded(): the call's scorecards are listed (or the dialog said there are none).
        compared(object): the ``Calibration`` on screen.
    """

    loaded = Signal()
    compared = Signal(object)

    def __init__(
        self, reviews: ReviewSession, call: CallSummary, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare scorecards"))
        self.setMinimumSize(760, 480)
        self.reviews = reviews
        self.call = call
        self.cards: list[Scorecard] = []
        self.calibration: Calibration | None = None
        self._defaults: dict[str, tuple[str, str]] = {}
        self._store: ReviewStore | None = None
        self._load: LatestRequest[tuple[list[Scorecard], list[Calibration]]] = LatestRequest()
        self._compare: LatestRequest[Calibration] = LatestRequest()

        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Call {id}").format(id=printable(call.id, 80)))
        layout.addWidget(heading)
        form = QFormLayout()
        self.template_box = QComboBox()
        self.template_box.setAccessibleName(self.tr("Template"))
        self.first_box = QComboBox()
        self.first_box.setAccessibleName(self.tr("First scorecard"))
        self.second_box = QComboBox()
        self.second_box.setAccessibleName(self.tr("Second scorecard"))
        form.addRow(self.tr("&Template"), self.template_box)
        form.addRow(self.tr("&First"), self.first_box)
        form.addRow(self.tr("&Second"), self.second_box)
        layout.addLayout(form)
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Criteria compared"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Question"), self.tr("First answer"), self.tr("Second answer"), ""]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.summary = AnnouncedLabel(self.tr("Agreement"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            self.tr("Copy as &JSON"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setToolTip(
            self.tr("The comparison as `aurion-review review compare --json` gives it")
        )
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_json)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.template_box.currentIndexChanged.connect(lambda _i: self._fill_cards())
        self.first_box.currentIndexChanged.connect(lambda _i: self._compare_chosen())
        self.second_box.currentIndexChanged.connect(lambda _i: self._compare_chosen())
        self.summary.setText(self.tr("Reading the scorecards…"))
        self._load.run(self._read(), self._listed, self._failed)

    # -- reading ---------------------------------------------------------------------------

    async def _read(self) -> tuple[list[Scorecard], list[Calibration]]:
        if self.reviews.browser.library_source is None:
            return [], []  # no library: nobody reviewed this account's calls here yet
        self._store = await self.reviews.store()
        cards = await self._store.scorecards(self.call.id)
        return cards, await self._store.calibrations(self.call.id)

    def _listed(self, found: tuple[list[Scorecard], list[Calibration]]) -> None:
        self.cards, calibrations = found
        for c in calibrations:  # the CLI's pair of each template comes first
            self._defaults.setdefault(c.template.key, (c.first.id, c.second.id))
        keys: dict[str, str] = {}
        for card in self.cards:
            keys.setdefault(card.template_key, card.template_title)
        usable = [k for k in keys if sum(c.template_key == k for c in self.cards) >= 2]
        self.template_box.blockSignals(True)
        self.template_box.clear()
        for key in sorted(usable, key=lambda k: (k not in self._defaults, k)):
            self.template_box.addItem(f"{printable(keys[key], 80)} ({key})", key)
        self.template_box.blockSignals(False)
        if not usable:
            self.summary.setText(
                self.tr(
                    "This call has no two scorecards of one template to compare: import "
                    "another reviewer's (Review > Import reviews…)."
                )
            )
        else:
            self._fill_cards()
        self.loaded.emit()

    def _failed(self, error: AurionError) -> None:
        self.summary.setText(
            self.tr("The scorecards cannot be read: {problem}").format(problem=error)
        )
        self.loaded.emit()

    def _label(self, card: Scorecard) -> str:
        if card.submitted_at is not None:
            when = self.tr("submitted {time}").format(time=f"{card.submitted_at:%Y-%m-%d %H:%M}Z")
        else:
            when = self.tr("draft")
        origin = (
            self.tr(", imported from {file}").format(file=printable(card.origin.file, 60))
            if card.origin is not None
            else ""
        )
        return f"{printable(card.reviewer.label, 80)} — {when}{origin}"

    def _fill_cards(self) -> None:
        key = self.template_box.currentData()
        cards = [c for c in self.cards if c.template_key == key]
        first, second = self._defaults.get(key, (cards[0].id, cards[1].id) if cards else ("", ""))
        for box, chosen in ((self.first_box, first), (self.second_box, second)):
            box.blockSignals(True)
            box.clear()
            for card in cards:
                box.addItem(self._label(card), card.id)
            box.setCurrentIndex(max(0, box.findData(chosen)))
            box.blockSignals(False)
        self._compare_chosen()

    # -- comparing -------------------------------------------------------------------------

    def choose(self, first_id: str, second_id: str) -> None:
        """Compare these two scorecards (of the template shown)."""
        self.first_box.setCurrentIndex(self.first_box.findData(first_id))
        self.second_box.setCurrentIndex(self.second_box.findData(second_id))

    def _compare_chosen(self) -> None:
        first, second = self.first_box.currentData(), self.second_box.currentData()
        store = self._store
        if store is None or not first or not second:
            return
        if first == second:
            self.calibration = None
            self.table.setRowCount(0)
            self.copy_button.setEnabled(False)
            self.summary.setText(self.tr("Choose two different scorecards."))
            return
        self._compare.run(store.compare(first, second), self._show, self._failed)

    def _answer(self, value: str | int | None) -> str:
        if value is None:
            return self.tr("—")
        if value == NA:
            return self.tr("n.a.")
        if value == "yes":
            return self.tr("yes")
        if value == "no":
            return self.tr("no")
        return str(value)

    def _show(self, calibration: Calibration) -> None:
        self.calibration = calibration
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Question"),
                printable(calibration.first.reviewer.name, 40),
                printable(calibration.second.reviewer.name, 40),
                self.tr("Agree?"),
            ]
        )
        self.table.setRowCount(len(calibration.criteria))
        marks = {True: self.tr("agree"), False: self.tr("differ"), None: self.tr("not compared")}
        for row, c in enumerate(calibration.criteria):
            cells = (c.question, self._answer(c.first), self._answer(c.second), marks[c.agree])
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(f"{c.section}: {c.criterion_id}")
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        if calibration.agreement is None:
            share = self.tr("no criterion answered by both")
        else:
            share = f"{calibration.agreement:.1f}%"
        self.summary.setText(
            self.tr(
                "Agreement: {agreed} of {compared} criteria answered by both ({share})."
            ).format(agreed=calibration.agreed, compared=calibration.compared, share=share)
        )
        self.copy_button.setEnabled(True)
        self.compared.emit(calibration)

    def json_text(self) -> str | None:
        return calibration_json(self.calibration) if self.calibration is not None else None

    def copy_json(self) -> None:
        text = self.json_text()
        if text is not None:
            QGuiApplication.clipboard().setText(text)

    def done(self, result: int) -> None:
        self._load.cancel()
        self._compare.cancel()
        super().done(result)
