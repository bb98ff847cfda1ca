"""Specification of the launcher: headless commands never need a display; the window opens."""

from __future__ import annotations

import subprocess
import sys
import time

import httpx
import pytest

from app import __version__
from app.demo.server import free_port
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
