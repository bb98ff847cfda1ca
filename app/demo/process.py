"""The demo server in a child process, for the window and the Qt tests.

An in-process (threaded) server can deadlock with QtMultimedia: QMediaPlayer.stop() blocks the GUI
thread, holding the GIL, until FFmpeg's HTTP read returns, while that read waits for the Python
server thread, which needs the GIL. A separate process has its own interpreter.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from functools import cached_property
from typing import Any

import httpx

from app.demo.config import CONTROL_PREFIX, DemoConfig, DemoEndpoint
from app.demo.faults import Faults
from app.demo.tenant import ANCHOR, Tenant
from app.demo.webhooks import Delivery

#: How the child is told the webhook secret: its environment, never its command line (which
#: other users of the computer can read).
CHILD_SECRET_ENV = "AURION_DEMO_WEBHOOK_SECRET"


def _die_with_parent() -> None:
    """In the child, before exec: Linux sends it SIGTERM when the app dies, however it dies
    (even SIGKILL), so a demo server is never left running on its own."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


class DemoProcess(DemoEndpoint):
    """Starts ``python -m app demo-server`` on a free loopback port and stops it at the end."""

    def __init__(self, config: DemoConfig | None = None, host: str = "127.0.0.1") -> None:
        super().__init__(config, host, 0)
        self._proc: subprocess.Popen[bytes] | None = None

    def _command(self) -> list[str]:
        c = self.config
        # In a PyInstaller bundle sys.executable is the bundle's launcher, which has no -m but
        # runs the same sub-commands.
        python = (
            [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "app"]
        )
        cmd = [*python, "demo-server", "--host", self.host]
        cmd += ["--port", str(self.port), "--api-key", c.api_key, "--calls", str(c.calls)]
        cmd += ["--seed", str(c.seed), "--url-ttl", str(c.url_ttl), "--control"]
        if c.public_origin:
            cmd += ["--public-origin", c.public_origin]
        cmd += ["--anchor", c.anchor.isoformat()] if c.anchor else ["--fixed-time"]
        if c.bench_calls:
            cmd += ["--bench-calls"]
        if c.faults.enabled:
            cmd += ["--faults", c.faults.to_spec()]
        if c.live is not None:
            cmd += ["--live", "--live-interval", repr(c.live.interval)]
            cmd += ["--live-max-calls", str(c.live.max_calls)]
            if c.live.duration is not None:
                cmd += ["--live-duration", repr(c.live.duration)]
        if c.webhook_url:
            cmd += ["--webhook-url", c.webhook_url, "--webhook-secret-env", CHILD_SECRET_ENV]
        return cmd

    def _environment(self) -> dict[str, str] | None:
        secret = self.config.webhook_secret
        if not self.config.webhook_url or secret is None:
            return None
        return {**os.environ, CHILD_SECRET_ENV: secret.decode()}

    def start(self, timeout: float = 20.0) -> DemoProcess:
        self._proc = subprocess.Popen(
            self._command(),
            env=self._environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                httpx.get(self._control("/health"), timeout=1.0).raise_for_status()
                return self
            except httpx.HTTPError:
                if self._proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        f"The demo server could not start on {self.origin}."
                    ) from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
            self._proc = None

    def __enter__(self) -> DemoProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what tests may ask of it ----------------------------------------------------------

    def _control(self, path: str) -> str:
        return self.origin + CONTROL_PREFIX + path

    @cached_property
    def tenant(self) -> Tenant:
        """The same tenant the child serves (it is deterministic for calls, seed and anchor)
        as it was when it started: in live mode, the child's goes on without this one."""
        c = self.config
        tenant = Tenant(c.calls, c.seed, anchor=c.anchor or ANCHOR)
        if c.bench_calls:
            from app.demo.longcall import add_bench_calls

            add_bench_calls(tenant)
        return tenant

    def requests(self) -> list[tuple[str, str, str]]:
        data = httpx.get(self._control("/requests")).json()
        return [(str(m), str(p), str(q)) for m, p, q in data]

    def clear_requests(self) -> None:
        httpx.delete(self._control("/requests")).raise_for_status()

    def set_faults(self, faults: Faults) -> None:
        httpx.put(self._control("/faults"), content=faults.to_spec()).raise_for_status()

    def media_bytes_sent(self, reset: bool = False) -> int:
        """Audio bytes the server has streamed to clients (since the last reset)."""
        method = httpx.delete if reset else httpx.get
        return int(method(self._control("/media-bytes")).json()["bytes"])

    def live_state(self) -> dict[str, Any] | None:
        """When the child's live mode started (its ``time.time()``), its interval and the
        calls it has started; None without live mode."""
        result: dict[str, Any] | None = httpx.get(self._control("/live")).json()
        return result

    def webhook_deliveries(self) -> list[Delivery]:
        """What became of the child's webhook events so far, oldest first."""
        data = httpx.get(self._control("/webhooks")).json()
        return [Delivery(**d) for d in data]

    def injected(self) -> dict[str, Any]:
        result: dict[str, Any] = json.loads(httpx.get(self._control("/faults")).content)
        return result
