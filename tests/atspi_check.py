"""What a Linux screen reader reads, through the real AT-SPI bus: ``make atspi-check``.

Starts a private D-Bus session with the AT-SPI bus, runs the window on the demo server with a
French call open at 0:15 and a wrong-key error banner shown, and walks its accessible tree
with Debian's ``python3-gi`` Atspi bindings (``gir1.2-atspi-2.0``), as Orca would. Prints what
it finds and exits 1 when a control has no name, a label is read as something other than its
text, the position slider has no "m:ss of m:ss", the playing line is not the selected item,
the transcript has no language, or the error banner is not an alert.

    dbus-run-session -- xvfb-run -a .venv/bin/python -m tests.atspi_check
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import qasync
from PySide6.QtCore import QProcess, QSettings

from app.accounts import KeyStore, ProfileStore
from app.demo.config import DemoConfig
from app.demo.process import DemoProcess
from app.session import DemoRuntime
from ui.application import create_application
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.widgets.banner import BannerKind

WALKER = r"""
import sys, time, warnings
import gi
warnings.filterwarnings("ignore")  # get_value_iface is deprecated, but the 2.46 API
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi

CONTROLS = {"push button", "toggle button", "check box", "radio button", "combo box", "slider",
            "spin button", "text", "table", "list", "page tab", "progress bar"}
def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == "Aurion Call Review":
            return app
    return None

deadline = time.time() + 30
app = find_app()
while app is None and time.time() < deadline:
    time.sleep(0.5)
    app = find_app()
if app is None:
    print("FAIL the application is not on the AT-SPI bus"); sys.exit(1)

failures, seen = [], 0
found = {}
def walk(node, depth=0):
    global seen
    seen += 1
    if seen > 5000 or depth > 40:
        return
    states = node.get_state_set()
    if not states.contains(Atspi.StateType.SHOWING):
        return
    role, name = node.get_role_name(), node.get_name() or ""
    description = node.get_description() or ""
    if role in CONTROLS and not name.strip():
        failures.append(f"unnamed {role}")
    if role == "slider" and name == "Position":
        value = node.get_value_iface()
        found["slider"] = (description, value.get_current_value() if value else None)
    if role == "list" and name == "Transcript":
        found["transcript_locale"] = node.get_object_locale()
        found["playing"] = [
            (c.get_name(), c.get_description())
            for c in (node.get_child_at_index(i) for i in range(min(node.get_child_count(), 60)))
            if c is not None and c.get_state_set().contains(Atspi.StateType.SELECTED)
        ]
    if role == "label" and description in ("Elapsed time", "Total time", "Calls shown",
                                           "Page number", "Authenticated"):
        found[description] = name
    if role in ("alert", "notification"):
        found.setdefault("alerts", []).append((role, name, description[:60]))
    for i in range(min(node.get_child_count(), 80)):
        child = node.get_child_at_index(i)
        if child is not None:
            walk(child, depth + 1)

for i in range(app.get_child_count()):
    window = app.get_child_at_index(i)
    if window is not None:
        walk(window)
for key, value in sorted(found.items()):
    print(f"{key}: {value}")
slider = found.get("slider", ("", None))
if " of " not in slider[0]:
    failures.append(f"position slider reads {slider}")
if not str(found.get("transcript_locale", "")).startswith("fr"):
    failures.append(f"transcript language {found.get('transcript_locale')!r}")
if len(found.get("playing", [])) != 1 or found["playing"][0][1] != "Playing":
    failures.append(f"playing line {found.get('playing')}")
for label in ("Elapsed time", "Total time", "Calls shown", "Page number", "Authenticated"):
    if found.get(label, label) == label:
        failures.append(f"label {label} reads {found.get(label)!r}")
if not any(role == "alert" for role, _n, _d in found.get("alerts", [])):
    failures.append("no alert for the error banner")
for failure in failures:
    print("FAIL", failure)
print(f"walked {seen} nodes, {len(failures)} problems")
sys.exit(1 if failures else 0)
"""


async def prepare() -> int:
    """Open the window on the demo server with a French call at 0:15 and an error banner,
    then walk it from another process (the window must keep answering the bus meanwhile)."""
    tmp = Path(tempfile.mkdtemp(prefix="aurion-atspi-"))
    demo = DemoProcess(DemoConfig()).start()
    try:
        settings = Settings(QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat))
        window = MainWindow(
            settings,
            ProfileStore(tmp / "profiles.json"),
            KeyStore(),
            DemoRuntime.attached(demo),
            force_demo=True,
        )
        window.show()
        while window.model.rowCount() == 0:
            await asyncio.sleep(0.1)
        row = next(
            i
            for i, c in enumerate(window.model.calls())
            if c.status == "completed" and c.language == "fr-FR"
        )
        window.table.selectRow(row)
        while window.review.transcript.model.rowCount() == 0 or window.player.link is None:
            await asyncio.sleep(0.1)
        while window.review.controls.duration_ms() == 0:
            await asyncio.sleep(0.1)
        window.player.seek(15_000)
        window.banner.show_message("Invalid API key (HTTP 401).", BannerKind.ERROR)
        await asyncio.sleep(0.5)
        walker = QProcess()
        walker.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedChannels)
        walker.start("/usr/bin/python3", ["-c", WALKER])
        while walker.state() != QProcess.ProcessState.NotRunning:
            await asyncio.sleep(0.1)
        code = walker.exitCode() if walker.exitStatus() == QProcess.ExitStatus.NormalExit else 1
        await window.aclose()
        return code
    finally:
        demo.stop()


def main() -> int:
    if "DBUS_SESSION_BUS_ADDRESS" not in os.environ:
        print("run inside dbus-run-session (see the module docstring)", file=sys.stderr)
        return 2
    launcher = subprocess.Popen(
        ["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    os.environ["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    os.environ.setdefault("AURION_CONFIG_DIR", tempfile.mkdtemp(prefix="aurion-config-"))
    try:
        app = create_application(sys.argv[:1])
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            return loop.run_until_complete(prepare())
    finally:
        launcher.terminate()
        launcher.wait(timeout=10)


if __name__ == "__main__":
    result = main()
    sys.stdout.flush()
    os._exit(result)  # PySide 6.12 may abort at interpreter exit after QMediaPlayer use
