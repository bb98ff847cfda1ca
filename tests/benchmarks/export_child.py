"""One headless export in its own process, for peak memory: prints the run's peak RSS in KiB.

``python -m tests.benchmarks.export_child BASE_URL OUT_DIR`` (key in ``AURION_API_KEY``).
"""

from __future__ import annotations

import resource
import sys

from app.cli import main as cli_main


def main() -> int:
    base_url, out = sys.argv[1], sys.argv[2]
    code = cli_main(
        ["export", "--base-url", base_url, "--all", "--format", "txt,json,srt", "--out", out]
    )
    print(f"maxrss_kib {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")
    return code


if __name__ == "__main__":
    sys.exit(main())
