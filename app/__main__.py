"""``python -m app COMMAND``: the headless commands without the Qt launcher."""

import sys

from app.cli import main

sys.exit(main())
