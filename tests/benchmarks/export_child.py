"""One headless export in its own process, for peak memory: prints its peak RSS in KiB.

``python -m tests.benchmarks.export_child EXPORT_ARGS...`` runs ``aurion-review export
EXPORT_ARGS`` (key in ``AURION_API_KEY``), then prints ``exit <status>`` and
``maxrss_kib <peak>``.
"""

from __future__ import annotations

import sys

from app.cli import main as cli_main


def main() -> int:
    code = cli_main(["export", *sys.argv[1:]])
    # VmHWM, not getrusage's ru_maxrss: on Linux ru_maxrss survives exec, so a child of the
    # benchmark would report the parent's (larger) peak.
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"exit {code}")
    print(f"maxrss_kib {peak}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
