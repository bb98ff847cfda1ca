"""Specification of the launcher: headless commands never need a display; the window opens."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from app import __version__
from app.demo.config import free_port
from ui.launcher import main


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "demo-server" in out


def test_version_is_the_packages(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"aurion-review {__version__}\n"


def test_demo_server_command_refuses_bad_faults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo-server", "--faults", "explode=1"]) == 2
    assert "unknown fault" in capsys.readouterr().err


def test_demo_server_command_serves_until_stopped() -> None:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.launcher", "demo-server", "--port", str(port), "--calls", "20"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/api/v1" in first
        deadline = time.monotonic() + 10
        while True:
            try:
                response = httpx.get(
                    f"http://127.0.0.1:{port}/api/v1/calls?limit=1",
                    headers={"X-API-Key": "ak_demo_reviewer_read"},
                )
                break
            except httpx.ConnectError:
                assert time.monotonic() < deadline, "the demo server never answered"
                time.sleep(0.05)
        assert response.json()["total"] == 20
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _children(pid: int) -> list[int]:
    """Pids whose parent is ``pid`` (Linux /proc)."""
    from pathlib import Path

    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("signum", ["SIGTERM", "SIGKILL"])
def test_killing_the_window_never_leaves_the_demo_server_running(
    signum: str, tmp_path: object
) -> None:
    import os
    import signal

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "AURION_CONFIG_DIR": str(tmp_path)}  # fmt: skip
    app = subprocess.Popen([sys.executable, "-m", "ui.launcher", "--demo"], env=env)
    try:
        deadline = time.monotonic() + 30
        while not (children := _children(app.pid)):
            assert time.monotonic() < deadline and app.poll() is None, "no demo server started"
            time.sleep(0.05)
        time.sleep(0.5)  # let the window settle on the demo data
        app.send_signal(getattr(signal, signum))
        app.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(child) for child in children):
            assert time.monotonic() < deadline, f"the demo server outlived {signum}"
            time.sleep(0.05)
        if signum == "SIGTERM":
            assert app.returncode == 0  # closed like Quit, not killed
    finally:
        if app.poll() is None:
            app.kill()


def test_playing_a_recording_never_prints_its_signed_url(tmp_path: object) -> None:
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--demo", "--smoke-test"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "/media/recordings/" not in result.stdout + result.stderr
    assert "Signature" not in result.stdout + result.stderr
