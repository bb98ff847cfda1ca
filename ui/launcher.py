"""Entry point of ``aurion-review``: headless sub-commands, or the Qt window on a qasync loop."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from app import cli


def run_gui(args: argparse.Namespace) -> int:
    """Open the main window on the asyncio-on-Qt loop until the last window closes."""
    import qasync
    from PySide6.QtWidgets import QApplication

    from app.session import DemoRuntime
    from ui.application import create_application, create_main_window
    from ui.errors import install_excepthook, route_qt_messages
    from ui.smoke import SmokeTest

    route_qt_messages()
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else create_application(sys.argv[:1])
    # A polite kill (logout, systemd, `kill`) closes the window as Quit does: the demo server
    # child and any running export are stopped properly instead of being left behind.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: qapp.quit())
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    demo = DemoRuntime()
    closed = asyncio.Event()
    qapp.aboutToQuit.connect(closed.set)
    with loop:
        window = create_main_window(demo, force_demo=args.demo)
        install_excepthook(window)
        smoke = SmokeTest(window) if args.smoke_test else None
        window.show()
        loop.run_until_complete(closed.wait())
        loop.run_until_complete(window.aclose())
    demo.stop()
    return smoke.exit_code if smoke is not None else 0


def main(argv: list[str] | None = None) -> int:
    return cli.main(sys.argv[1:] if argv is None else argv, gui=run_gui)


if __name__ == "__main__":
    sys.exit(main())
