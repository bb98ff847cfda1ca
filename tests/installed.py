"""What a user runs once the app is installed: checks shared by the wheel test and the bundle check.

Each check starts the installed command (a venv's console script, or the bundle's executable) as
a child process, from a throw-away home outside the checkout, with no keyring but a null one and
no variable of ours or of Python's leaking in; a failed check says what the command printed.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from app.demo.config import DEMO_API_KEY, free_port

#: Generous for a cold start on a loaded 2-core CI machine; a healthy run takes a few seconds.
SMOKE_TIMEOUT_S = 90
COMMAND_TIMEOUT_S = 60


@dataclass
class Installed:
    """How to start ``aurion-review`` as installed, and in which environment."""

    command: list[str]
    home: Path
    env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def isolated(cls, command: list[str], home: Path, qt_platform: str | None) -> Installed:
        home.mkdir(parents=True, exist_ok=True)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("PYTHON", "VIRTUAL_ENV", "AURION_", "QT_", "XDG_"))
        }
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
            XDG_CACHE_HOME=str(home / ".cache"),
            # Never a real keyring (the demo needs no key; this makes sure of it).
            PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        )
        if qt_platform:
            env["QT_QPA_PLATFORM"] = qt_platform
        return cls(command, home, env)

    def run(
        self, *args: str, timeout: float = COMMAND_TIMEOUT_S
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.command, *args],
            env=self.env,
            cwd=self.home,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [*self.command, *args],
            env=self.env,
            cwd=self.home,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def check_commands(app: Installed, version: str) -> None:
    """``--help``, ``--version`` and ``export --help`` answer, exit 0 and say what they should."""
    result = app.run("--help")
    assert result.returncode == 0, result.stderr
    assert "demo-server" in result.stdout and "export" in result.stdout, result.stdout
    result = app.run("--version")
    assert (result.returncode, result.stdout.strip()) == (0, f"aurion-review {version}"), (
        result.stdout + result.stderr
    )
    result = app.run("export", "--help")
    assert result.returncode == 0, result.stderr
    assert "--format" in result.stdout and "--with-recordings" in result.stdout, result.stdout


def check_demo_server(app: Installed) -> str:
    """The ``demo-server`` command serves its calls and a recording read from the package data."""
    port = free_port()
    proc = app.popen("demo-server", "--port", str(port), "--calls", "20", "--fixed-time")
    origin = f"http://127.0.0.1:{port}"
    headers = {"X-API-Key": DEMO_API_KEY}
    try:
        deadline = time.monotonic() + COMMAND_TIMEOUT_S
        while True:
            try:
                page = httpx.get(f"{origin}/api/v1/calls?limit=20", headers=headers, timeout=5)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    _out, err = proc.communicate(timeout=10)
                    raise AssertionError(f"the demo server never answered: {err[-2000:]}") from None
                time.sleep(0.1)
        assert page.status_code == 200 and page.json()["total"] == 20, page.text[:500]
        finished = [c for c in page.json()["data"] if c["status"] not in ("active", "failed")]
        link = httpx.get(
            f"{origin}/api/v1/calls/{finished[0]['id']}/recording", headers=headers, timeout=5
        )
        assert link.status_code == 200, link.text[:500]
        audio = httpx.get(link.json()["url"], timeout=10)
        assert audio.status_code == 200 and audio.content[:4] == b"OggS", audio.content[:100]
        return f"20 calls and {len(audio.content)} bytes of OGG from {origin}"
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


@dataclass(frozen=True)
class SmokeResult:
    first_page_s: float  # from starting the process to the first page of calls on screen
    played_s: float  # from starting the process to a second of the recording played
    output: str


def run_smoke_test(app: Installed) -> SmokeResult:
    """``aurion-review --demo --smoke-test``: the window lists calls and plays one (ui/smoke.py)."""
    started = time.monotonic()
    proc = app.popen("--demo", "--smoke-test")
    seen: dict[str, float] = {}
    lines: list[str] = []
    errors: list[str] = []

    def read_stdout() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.append(line)
            for marker in ("smoke test: window shows", "smoke test passed"):
                if line.startswith(marker):
                    seen.setdefault(marker, time.monotonic() - started)

    def read_stderr() -> None:
        assert proc.stderr is not None
        errors.extend(proc.stderr)

    readers = [threading.Thread(target=f, daemon=True) for f in (read_stdout, read_stderr)]
    for reader in readers:
        reader.start()
    try:
        code = proc.wait(timeout=SMOKE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        code = proc.wait()
    for reader in readers:
        reader.join(timeout=10)
    output = "".join(lines) + "".join(errors)[-4000:]
    assert code == 0, f"exit status {code}:\n{output}"
    assert set(seen) == {"smoke test: window shows", "smoke test passed"}, output
    return SmokeResult(seen["smoke test: window shows"], seen["smoke test passed"], output)
