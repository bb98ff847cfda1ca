"""Review > Import reviews… and Export reviews…: notes and scorecards moved between reviewers as
JSON files (the shapes ``aurion-review review export`` writes), each recorded in the audit trail."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AurionError
from app.review.store import ExportReport, ImportReport
from app.sanitize import printable
from ui.review_session import ReviewSession
from ui.tasks import Jobs


class ReviewExchange(QObject):
    """Imports and exports of the account's notes and scorecards, in the background; the
    outcome is told in a message box (kept in ``last_message``), and the open call's notes
    and scorecard are read again after an import.

    Signals:
        imported(object): an ``ImportReport``.
        exported(object): an ``ExportReport``.
        failed(str): an import or export failed; the message shown.
    """

    imported = Signal(object)
    exported = Signal(object)
    failed = Signal(str)

    def __init__(self, reviews: ReviewSession, window: QWidget) -> None:
        super().__init__(window)
        self.reviews = reviews
        self.window = window
        self.last_message: QMessageBox | None = None
        self.export_dialog: ReviewExportDialog | None = None
        self._jobs = Jobs()

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        if self.last_message is not None:
            self.last_message.close()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.open()  # not modal to the loop: the window goes on
        self.last_message = box

    # -- import ----------------------------------------------------------------------------

    def ask_import(self) -> None:
        """Choose a review export and import it."""
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import reviews"),
            _documents(),
            self.tr("Review exports (*.json);;All files (*)"),
        )
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        async def run() -> ImportReport:
            store = await self.reviews.store()
            return await store.import_file(path)

        self._jobs.run(run(), self._imported, self._import_failed)

    def _imported(self, report: ImportReport) -> None:
        who = ", ".join(printable(r.label, 120) for r in report.reviewers) or self.tr("nobody")
        text = self.tr(
            "Imported {file} (by {who}): {notes} notes and {cards} scorecards added, "
            "{updated} brought up to date, {known} already here (skipped); {calls} calls changed."
        ).format(
            file=printable(report.file, 200),
            who=who,
            notes=f"{report.notes_added:,}",
            cards=f"{report.scorecards_added:,}",
            updated=f"{report.notes_updated + report.scorecards_updated:,}",
            known=f"{report.notes_known + report.scorecards_known:,}",
            calls=f"{len(report.call_ids):,}",
        )
        self._tell(QMessageBox.Icon.Information, self.tr("Reviews imported"), text)
        self.reviews.reload()
        self.reviews.load_statuses(report.call_ids)
        self.imported.emit(report)

    def _import_failed(self, error: AurionError) -> None:
        text = self.tr("Nothing was imported. {problem}").format(problem=error)
        self._tell(QMessageBox.Icon.Warning, self.tr("Reviews not imported"), text)
        self.failed.emit(text)

    # -- export ----------------------------------------------------------------------------

    def ask_export(self) -> ReviewExportDialog:
        """The export dialog: this call's reviews or all, to a file."""
        if self.export_dialog is not None:
            self.export_dialog.deleteLater()
        call = self.reviews.call
        self.export_dialog = ReviewExportDialog(self, call.id if call else None, self.window)
        self.export_dialog.open()
        return self.export_dialog

    def export_file(self, path: Path, call_ids: list[str] | None) -> None:
        """Write the notes and scorecards of ``call_ids`` (None: all) to ``path`` (whole or
        not at all)."""

        async def run() -> ExportReport:
            store = await self.reviews.store()
            return await store.export_file(path, call_ids)

        self._jobs.run(run(), self._exported, self._export_failed)

    def _exported(self, report: ExportReport) -> None:
        text = self.tr(
            "Wrote {file}: {notes} notes and {cards} scorecards of {calls} calls."
        ).format(
            file=report.path,
            notes=f"{report.notes:,}",
            cards=f"{report.scorecards:,}",
            calls=f"{len(report.call_ids):,}",
        )
        self._tell(QMessageBox.Icon.Information, self.tr("Reviews exported"), text)
        self.exported.emit(report)

    def _export_failed(self, error: AurionError) -> None:
        text = self.tr("Nothing was exported. {problem}").format(problem=error)
        self._tell(QMessageBox.Icon.Warning, self.tr("Reviews not exported"), text)
        self.failed.emit(text)

    async def aclose(self) -> None:
        """Finish what is being written before the library closes."""
        await self._jobs.drain()


def _documents() -> str:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents or str(Path.home())


class ReviewExportDialog(QDialog):
    """Which reviews (this call's or all) and which file."""

    def __init__(
        self, exchange: ReviewExchange, call_id: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export reviews"))
        self.setMinimumWidth(520)
        self.exchange = exchange
        self.call_id = call_id
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Notes and scorecards, and the templates they use, to one JSON file another "
                "reviewer or a lead can import (Review > Import reviews…)."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        group = QButtonGroup(self)
        self.this_call = QRadioButton(
            self.tr("This call ({id})").format(id=printable(call_id, 80))
            if call_id
            else self.tr("This call (none open)")
        )
        self.this_call.setEnabled(call_id is not None)
        self.all_calls = QRadioButton(self.tr("Every call of this account"))
        for button in (self.this_call, self.all_calls):
            button.setAccessibleName(button.text())
            group.addButton(button)
            layout.addWidget(button)
        (self.this_call if call_id else self.all_calls).setChecked(True)
        row = QHBoxLayout()
        label = QLabel(self.tr("&File:"))
        row.addWidget(label)
        default = f"reviews-{call_id}.json" if call_id else "reviews.json"
        self.file_edit = QLineEdit(str(Path(_documents()) / printable(default, 120)))
        self.file_edit.setAccessibleName(self.tr("Export file"))
        label.setBuddy(self.file_edit)
        row.addWidget(self.file_edit, 1)
        browse = QPushButton(self.tr("Browse…"))
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        row.addWidget(browse)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.file_edit.textChanged.connect(
            lambda text: self.export_button.setEnabled(bool(text.strip()))
        )
        layout.addWidget(buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export reviews to"),
            self.file_edit.text(),
            self.tr("Review exports (*.json);;All files (*)"),
        )
        if name:
            self.file_edit.setText(name)

    def accept(self) -> None:
        text = self.file_edit.text().strip()
        if not text:
            return
        ids = [self.call_id] if self.this_call.isChecked() and self.call_id else None
        self.exchange.export_file(Path(text).expanduser(), ids)
        super().accept()
