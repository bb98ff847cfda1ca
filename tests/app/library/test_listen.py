"""``aurion-review sync --listen`` as a user runs it, next to ``demo-server --live
--webhook-url``: calls arrive in the library as they start and change as they end; with no
event, it polls."""

from __future__ import annotations

import asyncio
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.demo.config import DemoConfig, free_port
from app.demo.live import LiveOptions, live_call_id
from app.demo.process import DemoProcess
from app.demo.server import DemoServer
from app.library import repository as repo
from app.library.library import Library
from tests.webhook_receiver import SECRET

LISTENING = "Listening for Aurion webhooks on "


class Listener:
    """``aurion-review sync --listen`` in a child process (started with Popen, so that Ctrl+C
    reaches it), its output read line by line."""

    def __init__(self, base_url: str, library: Path, *args: str, secret: bytes = SECRET) -> None:
        env = {
            **os.environ,
            "AURION_API_KEY": "ak_demo_reviewer_read",
            "AURION_WEBHOOK_SECRET": secret.decode(),
        }
        command = [sys.executable, "-m", "app", "sync", "--base-url", base_url]
        command += ["--library", str(library), *args]
        self.proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
        )
        self.lines: list[str] = []

    def first_line(self, timeout: float = 20.0) -> str:
        assert self.proc.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise TimeoutError("sync --listen said nothing")
        return self.proc.stdout.readline().rstrip("\n")

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str, str]:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        out, err = self.proc.communicate(timeout=20)
        return self.proc.returncode, out, err


@pytest.fixture
def listeners() -> Iterator[list[Listener]]:
    started: list[Listener] = []
    yield started
    for listener in started:
        if listener.proc.poll() is None:
            listener.proc.kill()
            listener.proc.communicate(timeout=10)


def call_state(path: Path, call_id: str) -> repo.CallState | None:
    """What the library file holds of the call now (None: nothing yet)."""

    async def go() -> repo.CallState | None:
        library = await Library.open(path, create=False)
        try:
            return await library.reader.run(repo.call_state, call_id)
        finally:
            await library.aclose()

    return asyncio.run(go()) if path.exists() else None


def wait_for_state(
    path: Path, call_id: str, ok: object, timeout: float
) -> tuple[repo.CallState, float]:
    """The call's state once ``ok(state)`` holds, and when (time.time())."""
    deadline = time.monotonic() + timeout
    while True:
        state = call_state(path, call_id)
        if state is not None and ok(state):  # type: ignore[operator]
            return state, time.time()
        if time.monotonic() > deadline:
            raise TimeoutError(f"{call_id}: {state}")
        time.sleep(0.05)


def test_live_calls_reach_the_library_within_two_seconds_of_starting_then_end(
    tmp_path: Path, listeners: list[Listener]
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/aurion/webhooks"
    demo = DemoProcess(
        DemoConfig(
            calls=20,
            live=LiveOptions(interval=2.0, duration=2.0),
            webhook_url=url,
            webhook_secret=SECRET,
        )
    )
    library = tmp_path / "library.sqlite3"
    # A long --watch: whatever arrives comes from the webhooks.
    listener = Listener(demo.base_url, library, "--listen", f"127.0.0.1:{port}", "--watch", "300")
    listeners.append(listener)
    assert listener.first_line() == LISTENING + url
    with demo:
        live = demo.live_state()
        assert live is not None
        latencies = []
        for n in range(2):
            call_id = live_call_id(7, n)
            due = live["started"] + (n + 1) * live["interval"]
            _, seen = wait_for_state(library, call_id, lambda s: True, timeout=15)
            latencies.append(seen - due)
            ended, _ = wait_for_state(library, call_id, lambda s: s.status != "active", 10)
            assert ended.has_detail and not ended.stale
        print(f"webhook to library latencies: {latencies}")
        assert all(latency < 2.0 for latency in latencies), latencies
    code, out, err = listener.stop()
    assert code == 130, err
    assert f"call.started {live_call_id(7, 0)}: stored, active" in out.splitlines()
    assert "Traceback" not in err


def test_with_no_event_it_polls(tmp_path: Path, listeners: list[Listener]) -> None:
    demo = DemoProcess(DemoConfig(calls=20, live=LiveOptions(interval=0.5, duration=1.0)))
    library = tmp_path / "library.sqlite3"
    with demo:
        listener = Listener(demo.base_url, library, "--listen", "127.0.0.1:0", "--watch", "1")
        listeners.append(listener)
        line = listener.first_line()
        assert line.startswith(LISTENING + "http://127.0.0.1:")
        assert not line.endswith(":0/aurion/webhooks")  # the port it got
        wait_for_state(library, live_call_id(7, 3), lambda s: s.status != "active", 15)
    code, out, err = listener.stop()
    assert code == 130 and "Synced in" in out and "Traceback" not in err


def test_beyond_loopback_it_warns(tmp_path: Path, listeners: list[Listener]) -> None:
    listener = Listener(
        f"http://127.0.0.1:{free_port()}/api/v1", tmp_path / "l.sqlite3", "--listen", "0.0.0.0:0"
    )
    listeners.append(listener)
    assert listener.first_line().startswith(LISTENING + "http://0.0.0.0:")
    code, _, err = listener.stop()
    assert code == 130 and "beyond this computer" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--listen", "nowhere"], "--listen: 'nowhere' is not HOST:PORT"),
        (["--listen", "127.0.0.1:0", "--webhook-secret-env", "NO_SUCH_VAR_X"], "NO_SUCH_VAR_X"),
        (["--listen", "256.1.1.1:0"], "Cannot listen on 256.1.1.1"),
    ],
)
def test_listen_usage_problems_exit_2(
    argv: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("AURION_WEBHOOK_SECRET", SECRET.decode())
    monkeypatch.setenv("AURION_API_KEY", "ak_demo_reviewer_read")
    base = ["sync", "--base-url", "http://127.0.0.1:9/api/v1", "--library"]
    code = main([*base, str(tmp_path / "l.sqlite3"), *argv])
    err = capsys.readouterr().err
    assert code == 2 and message in err, err


def test_a_port_in_use_is_said_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import socket

    monkeypatch.setenv("AURION_WEBHOOK_SECRET", SECRET.decode())
    monkeypatch.setenv("AURION_API_KEY", "ak_demo_reviewer_read")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        library = str(tmp_path / "l.sqlite3")
        base = ["sync", "--base-url", "http://127.0.0.1:9/api/v1", "--library", library]
        code = main([*base, "--listen", f"127.0.0.1:{port}"])
    err = capsys.readouterr().err
    assert code == 2 and f"Cannot listen on 127.0.0.1:{port}" in err, err


def test_a_refused_key_ends_listening_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AURION_WEBHOOK_SECRET", SECRET.decode())
    monkeypatch.setenv("AURION_API_KEY", "ak_not_a_key_of_this_tenant")
    with DemoServer(DemoConfig(calls=5)) as demo:
        library = str(tmp_path / "l.sqlite3")
        code = main(["sync", "--base-url", demo.base_url, "--library", library, "--listen", ":0"])
    out, err = capsys.readouterr()
    assert code == 2 and out.startswith(LISTENING) and "Check AURION_API_KEY" in err, err
