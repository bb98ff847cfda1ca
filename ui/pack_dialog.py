"""File > Evidence pack…: which calls, where, redacted or not; builds a signed pack of them in the
background and shows where it went, who signed it, and opens its folder or its viewer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from app.library.source import LibrarySource
from app.models import CallSummary
from app.review.pack import NoReviewRecords, PackOptions, PackResult, ReviewRecords, build_pack
from app.review.store import ReviewStore
from app.sanitize import printable
from ui.accessibility import announce, describe_value
from ui.review_session import ReviewSession
from ui.settings import Prefs, Settings

log = logging.getLogger(__name__)


class PackScope(Enum):
    OPEN = "open"
    SELECTED = "selected"


class PackDialog(QDialog):
    """Choose the calls, the folder and redaction, build the pack off the GUI thread's work
    (PDFs, hashing and the zip run on threads), then show the result.

    Cancel (or closing the dialog) while it builds stops it and removes what it had made:
    no half-made folder or zip is left. The pack holds shares of the account's API and
    library, so switching account meanwhile does not break it.

    Signals:
        pack_finished(bool): a build ended (True when a pack was written).
    """

    pack_finished = Signal(bool)

    def __init__(
        self,
        reviews: ReviewSession,
        settings: Settings,
        current: CallSummary | None,
        selected: list[CallSummary],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Evidence pack"))
        self.setMinimumWidth(580)
        self.reviews = reviews
        self.settings = settings
        self.current = current
        self.selected = selected
        self.task: asyncio.Task[PackResult] | None = None
        self.result_: PackResult | None = None
        self._close_when_done = False
        #: Opens a folder or a file for the user; replaced in tests.
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._build_ui()

    # -- construction ----------------------------------------------------------------------

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(
            self.tr(
                "A signed, self-checking folder and .zip (a BagIt bag) with each call's "
                "recording, transcript, notes, scorecards, audit entries and an offline viewer."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        calls_box = QGroupBox(self.tr("Calls"))
        calls_layout = QVBoxLayout(calls_box)
        self.scope_group = QButtonGroup(self)
        open_text = (
            self.tr("The open call ({id})").format(id=printable(self.current.id, 80))
            if self.current is not None
            else self.tr("The open call (none)")
        )
        self.scope_buttons = {
            PackScope.OPEN: QRadioButton(open_text),
            PackScope.SELECTED: QRadioButton(
                self.tr("The selected calls ({count})").format(count=f"{len(self.selected):,}")
            ),
        }
        self.scope_buttons[PackScope.OPEN].setEnabled(self.current is not None)
        self.scope_buttons[PackScope.SELECTED].setEnabled(len(self.selected) > 1)
        for button in self.scope_buttons.values():
            button.setAccessibleName(button.text())
            self.scope_group.addButton(button)
            calls_layout.addWidget(button)
        default = PackScope.SELECTED if len(self.selected) > 1 else PackScope.OPEN
        self.scope_buttons[default].setChecked(self.scope_buttons[default].isEnabled())
        layout.addWidget(calls_box)

        self.redact_box = QCheckBox(self.tr("Mask personal data (the recordings are left out)"))
        self.redact_box.setToolTip(
            self.tr(
                "Masks phone numbers, e-mails, cards and IBANs in transcripts, notes and "
                "comments; audio cannot be masked, so it is not included."
            )
        )
        self.redact_box.setChecked(self.settings.get(Prefs.pack_redact))
        layout.addWidget(self.redact_box)

        folder_row = QHBoxLayout()
        folder_label = QLabel(self.tr("&Folder:"))
        folder_row.addWidget(folder_label)
        self.folder_edit = QLineEdit(self._default_folder())
        self.folder_edit.setAccessibleName(self.tr("Pack folder"))
        self.folder_edit.setToolTip(self.tr("The pack's folder and .zip are made in it"))
        self.folder_edit.textChanged.connect(self._update_buttons)
        folder_label.setBuddy(self.folder_edit)
        folder_row.addWidget(self.folder_edit, 1)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the folder"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        folder_row.addWidget(self.browse_button)
        layout.addLayout(folder_row)

        self.progress_bar = QProgressBar()
        self.progress_bar.setAccessibleName(self.tr("Building the pack"))
        self.progress_bar.setRange(0, 0)  # busy: a pack is a few steps of unknown length
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        describe_value(self.status, self.tr("Pack status"))
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox()
        self.build_button = self.buttons.addButton(
            self.tr("&Build pack"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.start)
        self.open_folder_button = self.buttons.addButton(
            self.tr("Open &folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_folder_button.setToolTip(self.tr("Show the pack's folder and .zip"))
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_viewer_button = self.buttons.addButton(
            self.tr("Open &viewer"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_viewer_button.setToolTip(
            self.tr("Open the pack's index.html: recordings, transcripts, notes and scorecards")
        )
        self.open_viewer_button.clicked.connect(self.open_viewer)
        self.cancel_button = self.buttons.addButton(
            self.tr("&Cancel pack"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.cancel_button.setToolTip(self.tr("Stop; nothing half-made is left"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        for action_button in (
            self.open_folder_button,
            self.open_viewer_button,
            self.cancel_button,
            self.close_button,
        ):
            action_button.setAutoDefault(False)
        self.open_folder_button.hide()
        self.open_viewer_button.hide()
        self.cancel_button.hide()
        layout.addWidget(self.buttons)
        for button in self.scope_buttons.values():
            button.toggled.connect(self._update_buttons)
        self._update_buttons()

    def _default_folder(self) -> str:
        saved = self.settings.get(Prefs.pack_dir)
        if saved:
            return saved
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return str(Path(documents or Path.home()) / "Aurion evidence packs")

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Evidence packs go to"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    # -- choices ---------------------------------------------------------------------------

    def call_ids(self) -> list[str]:
        """The calls chosen (none when no call is open or selected)."""
        if self.scope_buttons[PackScope.SELECTED].isChecked():
            return [c.id for c in self.selected]
        if self.scope_buttons[PackScope.OPEN].isChecked() and self.current is not None:
            return [self.current.id]
        return []

    def set_scope(self, scope: PackScope) -> None:
        self.scope_buttons[scope].setChecked(True)

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done()

    def _update_buttons(self) -> None:
        ready = bool(self.call_ids()) and bool(self.folder_edit.text().strip())
        self.build_button.setEnabled(ready and not self.running)
        if not self.call_ids() and not self.running:
            self.status.setText(self.tr("Open or select a call to pack."))

    # -- building --------------------------------------------------------------------------

    def start(self) -> None:
        """Build a pack of the chosen calls (no-op while one is being built)."""
        ids = self.call_ids()
        if self.running or not ids:
            return
        out = Path(self.folder_edit.text().strip()).expanduser()
        self.settings.set(Prefs.pack_dir, str(out))
        self.settings.set(Prefs.pack_redact, self.redact_box.isChecked())
        options = PackOptions(out, redact=self.redact_box.isChecked())
        self.result_ = None
        self.task = asyncio.ensure_future(self._build(ids, options))
        self.task.add_done_callback(self._finished)
        self.status.setText(
            self.tr("Building a pack of {count} call(s) in {folder}…").format(
                count=len(ids), folder=out
            )
        )
        self._set_running(True)

    async def _build(self, ids: list[str], options: PackOptions) -> PackResult:
        browser = self.reviews.browser
        desk = self.reviews.desk
        if browser.lease is None:
            raise AurionError(self.tr("Connect to an account to pack its calls."))
        # Shares: the account may be switched meanwhile, its API and library stay open for us.
        source_lease = browser.lease.share()
        library_lease = (
            browser.library.share()
            if browser.library is not None and browser.library_source is not None
            else None
        )
        try:
            signer = await asyncio.to_thread(desk.trail.require_signer)  # the keyring
            records: ReviewRecords = NoReviewRecords()
            library = library_lease.source if library_lease is not None else None
            if isinstance(library, LibrarySource):
                records = ReviewStore(library.library, desk.trail, source=self.reviews.source_name)
            return await build_pack(
                source_lease.source, ids, options, desk.reviewer, signer, desk.trail, records
            )
        finally:
            await source_lease.release()
            if library_lease is not None:
                await library_lease.release()

    def cancel(self) -> None:
        """Stop building; what was made so far is removed."""
        if self.running:
            assert self.task is not None
            self.task.cancel()
            self.status.setText(self.tr("Cancelling: removing what was made…"))
            self.cancel_button.setEnabled(False)

    async def cancel_and_wait(self) -> None:
        """Cancel a build and wait until it has cleaned up (the window closing)."""
        task = self.task
        self.cancel()
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

    def _set_running(self, running: bool) -> None:
        for widget in (
            *self.scope_buttons.values(),
            self.redact_box,
            self.folder_edit,
            self.browse_button,
        ):
            widget.setEnabled(not running)
        if not running:
            self.scope_buttons[PackScope.OPEN].setEnabled(self.current is not None)
            self.scope_buttons[PackScope.SELECTED].setEnabled(len(self.selected) > 1)
        self.progress_bar.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        done = not running and self.result_ is not None
        self.open_folder_button.setVisible(done)
        self.open_viewer_button.setVisible(done)
        self._update_buttons()

    def _finished(self, task: asyncio.Task[PackResult]) -> None:
        ok = False
        if task.cancelled():
            self.status.setText(self.tr("Cancelled: no pack was written."))
        elif (error := task.exception()) is not None:
            if not isinstance(error, AurionError):
                log.error("the evidence pack failed", exc_info=error)
                error = AurionError(
                    self.tr("Unexpected problem ({kind}): {message}").format(
                        kind=type(error).__name__, message=printable(str(error), 200)
                    )
                )
            self.status.setText(
                self.tr("No pack was written. {title}: {message}").format(
                    title=error.title, message=error
                )
            )
        else:
            self.result_ = task.result()
            self.status.setText(self._result_text(self.result_))
            ok = True
        self._set_running(False)
        announce(self.status, self.status.text())
        self.pack_finished.emit(ok)
        if self._close_when_done:
            super().reject()

    def _result_text(self, result: PackResult) -> str:
        lines = [
            self.tr("Wrote the pack {folder}").format(folder=result.folder),
            self.tr("and its zip {archive}").format(archive=result.archive),
            self.tr("Signed by {reviewer}, key {fingerprint}").format(
                reviewer=self.reviews.desk.reviewer.label, fingerprint=result.fingerprint
            ),
        ]
        for call_id, note in result.recordings_missing.items():
            lines.append(
                self.tr("Recording of {call}: {note}").format(
                    call=printable(call_id, 80), note=note
                )
            )
        return "\n".join(lines)

    # -- the result ------------------------------------------------------------------------

    @property
    def viewer_path(self) -> Path | None:
        """The pack's offline viewer (BagIt keeps the payload under data/)."""
        return self.result_.folder / "data" / "index.html" if self.result_ else None

    def open_folder(self) -> None:
        if self.result_ is not None:
            self.open_url(QUrl.fromLocalFile(str(self.result_.folder)))

    def open_viewer(self) -> None:
        path = self.viewer_path
        if path is not None:
            self.open_url(QUrl.fromLocalFile(str(path)))

    def reject(self) -> None:
        """Close and Esc while building cancel the build; the dialog closes once what it had
        made is removed (one of close/reject does the work: see pitfalls)."""
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()
