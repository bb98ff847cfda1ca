"""Checks a built desktop bundle the way a user runs it, and measures it.

``python -m tests.bundle_check bundle/aurion-review`` (``make bundle`` runs it after PyInstaller,
under Xvfb when there is no display). The bundle must hold QtMultimedia's FFmpeg plugin; its
executable must answer ``--help``, ``--version`` and ``export --help``, serve the demo tenant
with ``demo-server``, and open the window on the demo server, list calls and play a recording
(``--smoke-test``, ui/smoke.py). Prints the bundle's size and start-up times; exits 1 on failure.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from app import __version__
from tests.installed import Installed, check_commands, check_demo_server, run_smoke_test


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.bundle_check BUNDLE_FOLDER", file=sys.stderr)
        return 2
    folder = Path(argv[0]).resolve()
    exe = folder / ("aurion-review.exe" if sys.platform == "win32" else "aurion-review")
    if not exe.is_file():
        print(f"bundle check: no executable {exe}", file=sys.stderr)
        return 1
    ffmpeg = sorted(p.relative_to(folder) for p in folder.rglob("plugins/multimedia/*ffmpeg*"))
    if not ffmpeg:
        print("bundle check: QtMultimedia's FFmpeg plugin is not in the bundle", file=sys.stderr)
        return 1
    platform = None if os.environ.get("DISPLAY") or sys.platform != "linux" else "offscreen"
    with tempfile.TemporaryDirectory(prefix="aurion-bundle-") as tmp:
        app = Installed.isolated([str(exe)], Path(tmp) / "home", platform)
        try:
            check_commands(app, __version__)
            cli_times = []
            for _ in range(3):
                started = time.monotonic()
                app.run("--version")
                cli_times.append(time.monotonic() - started)
            served = check_demo_server(app)
            smoke = run_smoke_test(app)
        except AssertionError as exc:
            print(f"bundle check FAILED: {exc}", file=sys.stderr)
            return 1
    size, count = folder_size(folder)
    print(f"bundle check passed: {folder}")
    print(f"  FFmpeg media plugin     {', '.join(map(str, ffmpeg))}")
    print(f"  size                    {size / 1e6:.0f} MB in {count} files")
    print(f"  --version               {statistics.median(cli_times):.2f} s (median of 3)")
    print(f"  demo-server             {served}")
    print(f"  window, first page      {smoke.first_page_s:.2f} s from start ({platform or 'xcb'})")
    print(f"  1 s of audio played     {smoke.played_s:.2f} s from start")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
