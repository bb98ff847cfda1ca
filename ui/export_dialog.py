"""The Export dialog: pick calls, formats and a folder, then follow the export job it starts."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AurionError
from app.export import redact
from app.export.formats import FORMATS, Format
from app.export.job import ExportJob, ExportOptions, Selection
from app.export.progress import ExportReport
from app.models import CallSummary
from app.review.audit import AuditLog
from app.session import SourceLease
from ui.accessibility import announce, describe_value
from ui.i18n import error_message, number
from ui.progress_text import progress_text
from ui.settings import Prefs, Settings

log = logging.getLogger(__name__)

PROGRESS_REFRESH_MS = 200


class Scope(Enum):
    CURRENT = "current"
    SELECTED = "selected"
    ALL = "all"


class ExportDialog(QDialog):
    """Choose what to export, start an ``ExportJob`` and follow it; the window stays usable.

    The job holds its own lease on the client, so switching account does not stop it. Closing
    the dialog (Close, Esc) while it runs only hides it: the export goes on, and *Cancel
    export* stops it.

    Signals:
        export_finished(bool): an export ended (True when every call was exported).
        hidden_while_running(): the dialog was closed and the export goes on.
    """

    export_finished = Signal(bool)
    hidden_while_running = Signal()

    def __init__(
        self,
        lease: SourceLease,
        settings: Settings,
        current: CallSummary | None,
        selected: list[CallSummary],
        total: int,
        parent: QWidget | None = None,
        trail: AuditLog | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export transcripts"))
        #: Where each export is recorded (``export.done``, ``recording.downloaded``).
        self.trail = trail
        self.setMinimumWidth(560)
        self.lease = lease
        self.settings = settings
        self.current = current
        self.selected = selected
        self.total = total
        self.job: ExportJob | None = None
        self.out_dir: Path | None = None
        self._progress_timer = QTimer(self, interval=PROGRESS_REFRESH_MS)
        self._progress_timer.timeout.connect(self._show_progress)
        self._build()
        # progress is not announced (it changes five times a second); how it ended is
        self.export_finished.connect(lambda _ok: announce(self.status, self.status.text()))

    # -- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        calls_box = QGroupBox(self.tr("Calls"))
        calls_layout = QVBoxLayout(calls_box)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[Scope, QRadioButton] = {}
        current_text = (
            self.tr("This call ({id})").format(id=self.current.id)
            if self.current
            else self.tr("This call (none selected)")
        )
        for scope, text, enabled in (
            (Scope.CURRENT, current_text, self.current is not None),
            (
                Scope.SELECTED,
                self.tr("Selected calls ({count})").format(count=number(len(self.selected))),
                len(self.selected) > 1,
            ),
            (
                Scope.ALL,
                self.tr("All calls of this account ({count})").format(count=number(self.total)),
                self.total > 0,
            ),
        ):
            button = QRadioButton(text)
            button.setEnabled(enabled)
            button.setAccessibleName(text)
            self.scope_group.addButton(button)
            self.scope_buttons[scope] = button
            calls_layout.addWidget(button)
        self.scope_buttons[Scope.ALL].setToolTip(
            self.tr(
                "Every call, oldest first. Exporting again to the same folder skips what is "
                "complete."
            )
        )
        default = next(
            (
                s
                for s in (Scope.SELECTED, Scope.CURRENT, Scope.ALL)
                if self.scope_buttons[s].isEnabled()
            ),
            Scope.ALL,
        )
        self.scope_buttons[default].setChecked(True)
        layout.addWidget(calls_box)

        formats_box = QGroupBox(self.tr("Formats"))
        grid = QGridLayout(formats_box)
        chosen = set(self.settings.get(Prefs.export_formats).split(","))
        self.format_boxes: dict[str, QCheckBox] = {}
        for i, fmt in enumerate(FORMATS.values()):
            description = QCoreApplication.translate("ExportFormats", fmt.description)
            box = QCheckBox(
                self.tr("{format} (.{extension})").format(
                    format=description, extension=fmt.extension
                )
            )
            box.setAccessibleName(self.tr("Export {format}").format(format=description))
            box.setChecked(fmt.name in chosen)
            box.toggled.connect(self._update_buttons)
            self.format_boxes[fmt.name] = box
            grid.addWidget(box, i // 2, i % 2)
        layout.addWidget(formats_box)

        options_box = QGroupBox(self.tr("Options"))
        options = QVBoxLayout(options_box)
        self.redact_box = QCheckBox(self.tr("Mask phone numbers, e-mails, cards and IBANs"))
        self.redact_box.setToolTip(
            self.tr("{summary} The recordings (audio) are not masked.").format(
                summary=QCoreApplication.translate("Redaction", redact.SUMMARY)
            )
        )
        self.redact_box.setChecked(self.settings.get(Prefs.export_redact))
        options.addWidget(self.redact_box)
        self.recordings_box = QCheckBox(self.tr("Also save the recordings (OGG audio)"))
        self.recordings_box.setToolTip(self.tr("Downloads each recording through its signed link"))
        options.addWidget(self.recordings_box)
        layout.addWidget(options_box)

        folder_row = QHBoxLayout()
        folder_label = QLabel(self.tr("Folder:"))
        folder_row.addWidget(folder_label)
        self.folder_edit = QLineEdit(self._default_folder())
        self.folder_edit.setAccessibleName(self.tr("Export folder"))
        self.folder_edit.setToolTip(self.tr("Where the files go; it is created when missing"))
        self.folder_edit.textChanged.connect(self._update_buttons)
        folder_label.setBuddy(self.folder_edit)
        folder_row.addWidget(self.folder_edit, 1)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the export folder"))
        self.browse_button.setAutoDefault(False)  # Enter starts the export, not the browser
        self.browse_button.clicked.connect(self._browse)
        folder_row.addWidget(self.browse_button)
        layout.addLayout(folder_row)

        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Export progress"))
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        self.status = QLabel()
        self.status.setWordWrap(True)
        describe_value(self.status, self.tr("Export status"))
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.export_button.setToolTip(
            self.tr("Start the export; the window stays usable meanwhile")
        )
        self.export_button.clicked.connect(self.start)
        self.open_button = self.buttons.addButton(
            self.tr("Open folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setToolTip(self.tr("Show the exported files"))
        self.open_button.clicked.connect(self._open_folder)
        self.open_button.hide()
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel export"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.cancel_button.setToolTip(self.tr("Stop; files already written are kept and complete"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setToolTip(self.tr("Close; a running export goes on in the background"))
        self.close_button.clicked.connect(self.reject)
        for action_button in (self.open_button, self.cancel_button, self.close_button):
            action_button.setAutoDefault(False)
        layout.addWidget(self.buttons)
        self._update_buttons()

    def _default_folder(self) -> str:
        saved = self.settings.get(Prefs.export_dir)
        if saved:
            return saved
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return str(Path(documents or Path.home()) / self.tr("Aurion exports"))

    # -- choices ---------------------------------------------------------------------------

    def scope(self) -> Scope:
        return next(s for s, b in self.scope_buttons.items() if b.isChecked())

    def set_scope(self, scope: Scope) -> None:
        self.scope_buttons[scope].setChecked(True)

    def chosen_formats(self) -> list[Format]:
        return [FORMATS[name] for name, box in self.format_boxes.items() if box.isChecked()]

    def set_formats(self, names: Iterable[str]) -> None:
        wanted = set(names)
        for name, box in self.format_boxes.items():
            box.setChecked(name in wanted)

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    @property
    def task(self) -> asyncio.Task[ExportReport] | None:
        return self.job.task if self.job is not None else None

    def _update_buttons(self) -> None:
        ready = bool(self.chosen_formats()) and bool(self.folder_edit.text().strip())
        self.export_button.setEnabled(ready and not self.running)
        if not self.chosen_formats():
            self.status.setText(self.tr("Choose at least one format."))
        elif self.status.text() == self.tr("Choose at least one format."):
            self.status.clear()

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export to"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def _open_folder(self) -> None:
        if self.out_dir is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.out_dir)))

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start exporting what is chosen (no-op while an export runs)."""
        formats = self.chosen_formats()
        if self.running or not formats:
            return
        scope = self.scope()
        out = Path(self.folder_edit.text().strip()).expanduser()
        self.out_dir = out
        self.settings.set(Prefs.export_dir, str(out))
        self.settings.set(Prefs.export_formats, ",".join(f.name for f in formats))
        self.settings.set(Prefs.export_redact, self.redact_box.isChecked())
        options = ExportOptions(
            formats=tuple(formats),
            out=out,
            redact=self.redact_box.isChecked(),
            with_recordings=self.recordings_box.isChecked(),
            manifest=scope is not Scope.CURRENT,
        )
        try:
            lease = self.lease.share()
        except RuntimeError:
            self.status.setText(
                self.tr("This account was closed: open it again to export its calls.")
            )
            return
        self.job = ExportJob(lease, options, self._selection(scope), trail=self.trail)
        if scope is Scope.ALL:
            self.job.progress.total = self.total
        self.job.start().add_done_callback(self._finished)
        self._set_running(True)
        self._show_progress()
        self._progress_timer.start()

    def _selection(self, scope: Scope) -> Selection:
        if scope is Scope.CURRENT:
            assert self.current is not None
            return Selection(calls=(self.current,))
        if scope is Scope.SELECTED:
            return Selection(calls=tuple(self.selected))
        return Selection(all_calls=True)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _set_running(self, running: bool) -> None:
        for widget in (
            *self.scope_buttons.values(),
            *self.format_boxes.values(),
            self.redact_box,
            self.recordings_box,
            self.folder_edit,
            self.browse_button,
        ):
            widget.setEnabled(not running)
        if not running:
            self.scope_buttons[Scope.CURRENT].setEnabled(self.current is not None)
            self.scope_buttons[Scope.SELECTED].setEnabled(len(self.selected) > 1)
            self.scope_buttons[Scope.ALL].setEnabled(self.total > 0)
        self.progress_bar.setVisible(running or self.progress_bar.isVisible())
        self.cancel_button.setVisible(running)
        self.open_button.setVisible(not running and self.out_dir is not None)
        self._update_buttons()

    def _show_progress(self) -> None:
        if self.job is None:
            return
        p = self.job.progress
        self.progress_bar.setRange(0, max(p.total or 0, p.finished, 1))
        self.progress_bar.setValue(p.finished)
        self.status.setText(progress_text().export_progress(p))

    def _finished(self, task: asyncio.Task[ExportReport]) -> None:
        self._progress_timer.stop()
        self._show_progress()
        self._set_running(False)
        assert self.job is not None
        progress = self.job.progress
        if task.cancelled():
            self.status.setText(
                progress_text().export_cancelled(progress.done, self.job.report.files)
            )
            self.export_finished.emit(False)
            return
        error = task.exception()
        if error is not None:
            if not isinstance(error, AurionError):
                log.error("export failed", exc_info=error)
                error = AurionError(f"{type(error).__name__}: {error}")
            self.status.setText(
                self.tr("Export failed: {error}").format(error=error_message(error))
            )
            self.export_finished.emit(False)
            return
        report = task.result()
        lines = progress_text().export_summary(report, self.out_dir, shown=5)
        self.status.setText("\n".join(lines))
        self.export_finished.emit(report.ok)

    def reject(self) -> None:
        """Close and Esc: a running export goes on in the background (Cancel stops it)."""
        if self.running:
            self.hide()
            self.hidden_while_running.emit()
            return
        super().reject()
