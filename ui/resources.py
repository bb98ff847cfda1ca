"""The bundled icons, read from the installed ``resources`` package, with cached loading."""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files

from PySide6.QtGui import QIcon

# QIcon needs a file name, and may read it again when it renders another size. as_file() gives
# the real path when the package is a folder (a wheel install, the PyInstaller bundle, the
# checkout) and an extracted copy otherwise (a zip); keep either until the process exits.
_files = ExitStack()
atexit.register(_files.close)


@cache
def icon_path(name: str) -> str:
    """A file path of the bundled SVG icon ``resources/icons/<name>.svg``."""
    resource = files("resources") / "icons" / f"{name}.svg"
    if not resource.is_file():
        raise FileNotFoundError(f"No bundled icon named {name!r}")
    return str(_files.enter_context(as_file(resource)))


@cache
def icon(name: str) -> QIcon:
    """The bundled SVG icon ``resources/icons/<name>.svg``."""
    return QIcon(icon_path(name))
