"""Last-resort error handling: log the traceback, show the user a short non-modal message."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QMainWindow

log = logging.getLogger(__name__)


def install_excepthook(window: QMainWindow) -> None:
    """Exceptions escaping Qt slots or qasync tasks reach sys.excepthook (see pitfalls)."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.error("unexpected error", exc_info=(kind, error, tb))
        window.statusBar().showMessage(
            f"Something went wrong ({kind.__name__}); details are in the log.", 10_000
        )

    sys.excepthook = hook
