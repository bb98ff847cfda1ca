"""Screenshots of review work on the demo server: ``python -m tests.screenshots_review [OUT_DIR]``.

The review column with notes (marked in the transcript margin and on the timeline), the
scorecard pane part answered with evidence, and the note dialog, light and dark, at 1920×1080
(where the column shows by default) and 1280×800 (unfolded with Ctrl+R). Libraries, notes and
the audit trail go to a temporary folder, never the user's.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import qasync
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.accounts import KeyStore, ProfileStore
from app.demo.config import DemoConfig
from app.demo.process import DemoProcess
from app.review.pack import PackOptions, build_pack
from app.review.scorecard import NO, YES
from app.session import DemoRuntime
from tests import screenshots
from tests.screenshots import save, wait_for
from ui.application import create_application
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.theme import apply_theme
from ui.widgets.review_panel import NOTES, SCORECARD

NOTES_TO_WRITE = (
    (4.0, "Greets the caller and names Aurion support", ("greeting",)),
    (14.0, "Asks for the account number before changing anything", ("authentication",)),
    (27.0, "Creates the ticket it promised; reads the number back", ("tickets", "resolution")),
)


async def shoot(scheme: str, demo: DemoProcess, tmp: Path) -> None:
    profiles = ProfileStore(tmp / "profiles.json")
    for width, height in ((1920, 1080), (1280, 800)):
        settings = Settings(QSettings(str(tmp / f"r-{width}.ini"), QSettings.Format.IniFormat))
        window = MainWindow(settings, profiles, KeyStore(), DemoRuntime.attached(demo), True)
        window.player.has_audio_output = lambda: True
        window.resize(width, height)
        window.show()
        window.activateWindow()
        try:
            await wait_for(lambda w=window: w.model.rowCount() > 0)  # type: ignore[misc]
        except TimeoutError:
            print("banner:", window.banner.text(), "status:", window.statusBar().currentMessage())
            raise
        suffix = f"{scheme}-{width}x{height}"
        calls = window.model.calls()
        row = next(
            i
            for i, c in enumerate(calls)
            if c.status == "completed" and (c.duration_seconds or 0) >= 35
        )
        window.table.selectRow(row)
        await wait_for(lambda w=window: w.review.transcript.model.rowCount() > 0)  # type: ignore[misc]
        await wait_for(lambda w=window: w.player.link is not None)  # type: ignore[misc]
        if not window.review_actions.review_panel_shown:
            window.review_actions.show_review_panel(True)
        if not window.reviews.notes:
            for offset, text, tags in NOTES_TO_WRITE:
                window.reviews.add_note(offset, text, tags)
            await wait_for(lambda w=window: len(w.reviews.notes) == len(NOTES_TO_WRITE))  # type: ignore[misc]
            card = window.review_panel.scorecard
            for cid, value, moment in (
                ("greeting", YES, 4.0),
                ("recording_disclosure", NO, None),
                ("authentication", YES, 14.0),
                ("tool_use", YES, None),
                ("tone", 3, None),
            ):
                window.reviews.answer(cid, value)
                if moment is not None:
                    window.reviews.add_evidence(cid, moment)
            await wait_for(lambda c=card: c.state.text().startswith("Draft"))  # type: ignore[misc]
        window.player.seek(15_000, play=True)
        window.review_panel.notes.list.setCurrentIndex(window.review_panel.notes.model.index(1))
        await asyncio.sleep(2.0)
        window.player.player.pause()
        window.review_panel.show_page(NOTES)
        await save(window, f"review-notes-{suffix}")
        window.review_panel.show_page(SCORECARD)
        window.review_panel.scorecard.rows["authentication"].box.setFocus(
            Qt.FocusReason.TabFocusReason
        )
        await asyncio.sleep(0.3)
        await save(window, f"review-scorecard-{suffix}")
        if width == 1920 and scheme == "light":
            call = window.session.call
            assert call is not None
            await shoot_pack_viewer(window, call.id, tmp)
        if width == 1920:
            window.review_view.add_note_at_playhead()
            dialog = window.review_view.dialog
            assert dialog is not None
            dialog.text.setPlainText("Puts the caller on hold without asking")
            dialog.tags.setText("tone, hold")
            await asyncio.sleep(0.3)
            await save(dialog, f"note-dialog-{scheme}")
            dialog.reject()
        await window.aclose()
        window.close()
        window.deleteLater()
        await asyncio.sleep(0.1)


async def shoot_pack_viewer(window: MainWindow, call_id: str, tmp: Path) -> None:
    """The evidence pack's offline viewer of the call reviewed above, in headless Chromium
    (Debian's ``chromium``), light and dark (``prefers-color-scheme``)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    source = window.browser.source
    if chromium is None or source is None:
        print("chromium not found: no pack viewer shots")
        return
    trail = window.desk.trail
    result = await build_pack(
        source, [call_id], PackOptions(tmp / "packs"), window.desk.reviewer,
        trail.require_signer(), trail, await window.reviews.store(),
    )  # fmt: skip
    index = result.folder / "data" / "index.html"
    for scheme in ("light", "dark"):
        path = screenshots.OUT / f"pack-viewer-{scheme}.png"
        flags = ["--force-dark-mode", "--blink-settings=preferredColorScheme=0"] if (
            scheme == "dark") else ["--blink-settings=preferredColorScheme=1"]  # fmt: skip
        await asyncio.to_thread(
            subprocess.run,
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--window-size=1280,1500", f"--screenshot={path}", *flags, index.as_uri()],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        print(f"wrote {path}")


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    screenshots.OUT = out
    tmp = Path(tempfile.mkdtemp(prefix="aurion-review-shots-"))
    os.environ["AURION_CONFIG_DIR"] = str(tmp / "config")
    os.environ["AURION_DATA_DIR"] = str(tmp / "data")
    # the reviewer's signing key in a throwaway keyring file, never the user's keyring
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.file_keyring.FileKeyring"
    os.environ["AURION_TEST_KEYRING"] = str(tmp / "keyring.json")
    app = create_application(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    demo = DemoProcess(DemoConfig(control=True)).start()
    try:
        with loop:
            for scheme in ("light", "dark"):
                apply_theme(QApplication.instance(), scheme)  # type: ignore[arg-type]
                loop.run_until_complete(shoot(scheme, demo, tmp))
    finally:
        demo.stop()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # see tests/screenshots.py: PySide 6.12 aborts at finalization here
