"""Searches and pages of a library in a process of their own: prints the peak RSS in KiB.

``python -m tests.benchmarks.library_child LIBRARY`` runs what ``search_and_pages`` runs,
once, as the window would (through LibrarySource), then prints ``maxrss_kib <peak>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.benchmarks.library import search_and_pages


def main() -> int:
    search_and_pages(Path(sys.argv[1]), runs=1)
    # VmHWM, not getrusage's ru_maxrss: on Linux ru_maxrss survives exec, so a child of the
    # benchmark would report the parent's (larger) peak.
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"maxrss_kib {peak}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
