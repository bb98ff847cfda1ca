"""Entry script of the PyInstaller bundle: the same launcher as the ``aurion-review`` command."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
