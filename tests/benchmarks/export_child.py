"""One headless export in its own process, for peak memory: prints its peak RSS in KiB.

``python -m tests.benchmarks.export_child BASE_URL OUT_DIR`` (key in ``AURION_API_KEY``).
"""

from __future__ import annotations

import sys

from app.cli import main as cli_main


def main() -> int:
    base_url, out = sys.argv[1], sys.argv[2]
    code = cli_main(
        ["export", "--base-url", base_url, "--all", "--format", "txt,json,srt", "--out", out]
    )
    # VmHWM, not getrusage's ru_maxrss: on Linux ru_maxrss survives exec, so a child of the
    # benchmark would report the parent's (larger) peak.
    with open("/proc/self/status", encoding="ascii") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"maxrss_kib {peak}")
    return code


if __name__ == "__main__":
    sys.exit(main())
