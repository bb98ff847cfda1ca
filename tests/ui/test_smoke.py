"""Specification of ``--smoke-test``: it passes only once calls are listed and a recording plays."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.demo.config import DemoConfig
from app.demo.faults import Faults
from app.demo.process import DemoProcess
from tests.ui.conftest import WindowFactory
from ui.smoke import PLAYED_MS, SmokeTest


@pytest.fixture
def failing_server() -> Iterator[DemoProcess]:
    with DemoProcess(DemoConfig(calls=20, faults=Faults(error_rate=1.0))) as server:
        yield server


def test_passes_once_a_listed_call_has_played(
    make_window: WindowFactory, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    window = make_window(wait=False)
    positions: list[int] = []
    window.player.position_changed.connect(positions.append)
    smoke = SmokeTest(window, deadline_ms=30_000)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
    assert smoke.exit_code == 0
    assert max(positions) >= PLAYED_MS
    out = capsys.readouterr().out
    assert "smoke test: window shows 50 calls from http://127.0.0.1:" in out
    assert "smoke test passed: the recording of call_" in out


def test_fails_with_the_reason_when_no_page_comes(
    make_window: WindowFactory,
    failing_server: DemoProcess,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    window = make_window(failing_server, wait=False)
    smoke = SmokeTest(window, deadline_ms=1_500)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert smoke.exit_code == 1
    assert "smoke test FAILED: no page of calls was shown within 2 s" in capsys.readouterr().err
