"""Specification of playback: streaming, seeking from the transcript, URL renewal, no recording.

Headless runs have no audio device; Qt still advances the position in real time, so these tests
assert position and state, never audibility.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.client import AurionClient
from app.demo.config import DemoConfig
from app.demo.process import DemoProcess
from app.demo.tenant import DemoCall
from app.models import Transcript
from app.source import RemoteSource
from app.timeline import Timeline
from tests.ui.conftest import run_async
from ui.player_controller import PlayerController
from ui.widgets.player_controls import PlayerControls
from ui.widgets.transcript_view import TranscriptView


class Rig:
    def __init__(self, qtbot: QtBot, server: DemoProcess) -> None:
        self.server = server
        self.host = QWidget()
        layout = QVBoxLayout(self.host)
        self.controls = PlayerControls()
        self.transcript = TranscriptView()
        layout.addWidget(self.controls)
        layout.addWidget(self.transcript)
        qtbot.addWidget(self.host, before_close_func=lambda _w: self.close(qtbot))
        self.host.resize(700, 600)
        self.host.show()
        self.controller = PlayerController(self.controls, self.transcript, self.host)
        self.client = AurionClient(server.base_url, server.api_key)

    def close(self, qtbot: QtBot) -> None:
        """Stop the player and close the client before pytest-qt deletes the widgets."""
        self.controller.clear()
        run_async(qtbot, self.client.aclose())

    def recorded_call(self) -> DemoCall:
        return next(
            c
            for c in self.server.tenant.calls
            if c.status == "completed" and not c.no_recording_reason and c.conversation
        )

    def load(self, qtbot: QtBot, call: DemoCall) -> Timeline:
        timeline = Timeline.build(
            Transcript.from_json(call.transcript_json()),
            call.started_at,
            call.duration_seconds,
        )
        self.transcript.set_timeline(timeline)
        with qtbot.waitSignal(self.controller.ready, timeout=10_000):
            self.controller.load(RemoteSource(self.client), call.id)
        return timeline


@pytest.fixture
def rig(qtbot: QtBot, aloop: object, demo_server: DemoProcess) -> Rig:
    return Rig(qtbot, demo_server)


def test_playback_position_advances(rig: Rig, qtbot: QtBot) -> None:
    rig.load(qtbot, rig.recorded_call())
    rig.controller.toggle()
    qtbot.waitUntil(lambda: rig.controller.player.position() > 1200, timeout=10_000)
    assert rig.controller.playing
    assert rig.controls.play_button.text() == "Pause"
    assert rig.controls.duration_ms() > 20_000
    assert rig.controls.slider.maximum() == -(-rig.controls.duration_ms() // 1000)


def test_clicking_a_segment_seeks_there_and_highlights_it(rig: Rig, qtbot: QtBot) -> None:
    timeline = rig.load(qtbot, rig.recorded_call())
    row = len(timeline) - 1
    target = timeline.segments[row]
    index = rig.transcript.model.index(row)
    rect = rig.transcript.list.visualRect(index)
    qtbot.mouseClick(rig.transcript.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: rig.controller.playing, timeout=5_000)
    qtbot.waitUntil(
        lambda: abs(rig.controller.player.position() / 1000 - target.start) < 1.0, timeout=5_000
    )
    assert rig.transcript.model.current == row


def test_highlight_follows_the_segment_timestamps(rig: Rig, qtbot: QtBot) -> None:
    timeline = rig.load(qtbot, rig.recorded_call())
    for i, seg in enumerate(timeline.segments):
        assert rig.transcript.set_position(seg.start) == i
        assert rig.transcript.set_position(seg.start + 0.01) == i
        if seg.start > 0.05:
            assert rig.transcript.set_position(seg.start - 0.01) == i - 1
        rig.transcript.set_position(seg.start + 0.01)
        assert rig.transcript.model.current == i


def test_expiring_url_is_renewed_and_playback_resumes_in_place(qtbot: QtBot, aloop: object) -> None:
    server = DemoProcess(DemoConfig(calls=40, url_ttl=4)).start()
    try:
        rig = Rig(qtbot, server)
        rig.load(qtbot, rig.recorded_call())
        first_url = rig.controller.link.url  # type: ignore[union-attr]
        rig.controller.toggle()
        qtbot.waitUntil(lambda: rig.controller.player.position() > 500, timeout=10_000)
        with qtbot.waitSignal(rig.controller.renewed, timeout=10_000):
            pass
        resume_at = rig.controller.resume_position
        assert resume_at is not None and resume_at > 500
        after: list[int] = []
        rig.controller.player.positionChanged.connect(after.append)
        qtbot.waitUntil(lambda: any(p > 0 for p in after), timeout=5_000)
        first = next(p for p in after if p > 0)
        assert abs(first - resume_at) < 500
        qtbot.waitUntil(lambda: rig.controller.playing, timeout=5_000)
        assert rig.controller.link is not None and rig.controller.link.url != first_url
        assert rig.controller.player.source().toString() == rig.controller.link.url
    finally:
        server.stop()


def test_call_without_recording_shows_why(rig: Rig, qtbot: QtBot) -> None:
    active = next(c for c in rig.server.tenant.calls if c.status == "active")
    with qtbot.waitSignal(rig.controller.unavailable, timeout=10_000) as blocker:
        rig.controller.load(RemoteSource(rig.client), active.id)
    assert blocker.args[0].startswith("No recording available.")
    assert "in progress" in blocker.args[0]
    assert not rig.controls.play_button.isEnabled()
    assert rig.controller.player.mediaStatus() == QMediaPlayer.MediaStatus.NoMedia


def test_speed_and_volume_controls_reach_the_player(rig: Rig, qtbot: QtBot) -> None:
    rig.load(qtbot, rig.recorded_call())
    rig.controls.step_rate(1)
    assert rig.controller.player.playbackRate() == 1.25
    rig.controls.set_rate(2.0)
    assert rig.controller.player.playbackRate() == 2.0
    rig.controls.step_rate(5)
    assert rig.controller.player.playbackRate() == 2.0
    rig.controls.volume.setValue(30)
    assert abs(rig.controller.audio.volume() - 0.3) < 0.01
    rig.controls.mute_button.click()
    assert rig.controller.audio.isMuted()


def test_skip_moves_by_the_requested_amount(rig: Rig, qtbot: QtBot) -> None:
    rig.load(qtbot, rig.recorded_call())
    rig.controller.seek(20_000)
    qtbot.waitUntil(lambda: abs(rig.controller.player.position() - 20_000) < 300, timeout=5_000)
    rig.controls.back15.click()
    qtbot.waitUntil(lambda: abs(rig.controller.player.position() - 5_000) < 300, timeout=5_000)
    rig.controls.back15.click()
    qtbot.waitUntil(lambda: rig.controller.player.position() < 300, timeout=5_000)
