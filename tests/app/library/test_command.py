"""``aurion-review sync``, ``search``, ``library`` and ``export --library``, as a user runs them:
online, then with the server stopped."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.demo.config import DemoConfig
from app.demo.server import DemoServer
from tests.scripted_server import KEY as SCRIPTED_KEY
from tests.scripted_server import ScriptedServer, call

HIT_LINE = re.compile(
    r"^call_[0-9a-f]{10}  \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z  \d+:\d\d  (agent|caller)  .+$"
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where libraries and profiles go, for this test only."""
    monkeypatch.setenv("AURION_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("AURION_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


@pytest.fixture
def server(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[DemoServer]:
    with DemoServer(DemoConfig(calls=80)) as s:
        monkeypatch.setenv("AURION_API_KEY", s.api_key)
        yield s


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def only_library(home: Path) -> Path:
    (path,) = (home / "data" / "libraries").glob("*.sqlite3")
    return path


def test_sync_search_and_export_work_offline(
    server: DemoServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.base_url
    code, out, err = cli(capsys, "sync", "--base-url", url)
    assert code == 0, err
    assert "80 calls listed, 80 new" in out and "80 fetched" in out
    library = only_library(home)
    assert f"Library: {library}" in err

    code, out, _ = cli(capsys, "sync", "--base-url", url)
    assert code == 0 and ", 0 new, 0 changed" in out

    code, out, _ = cli(capsys, "library", "--base-url", url)
    assert code == 0
    assert f"Library:     {library}" in out and f"Account:     {url}" in out
    assert "Calls:       80 (80 with a transcript" in out and "Last sync:" in out

    api_export = home / "from-api"
    args = ["--all", "--format", "txt,json,srt"]
    assert cli(capsys, "export", "--base-url", url, *args, "--out", str(api_export))[0] == 0

    server.stop()  # from here on, nothing answers

    code, out, err = cli(capsys, "search", "password", "--base-url", url)
    assert code == 0, err
    lines = out.splitlines()
    assert lines and all(HIT_LINE.match(line) for line in lines)
    assert all("[password]" in line.casefold() for line in lines)

    code, out, _ = cli(
        capsys, "search", "écran", "--library", str(library), "--json", "--limit", "3"
    )
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(hits) == 3
    for hit in hits:
        start, end = hit["matches"][0]
        assert hit["text"][start:end].casefold() in {"écran", "ecran"}
        assert set(hit) >= {"call_id", "started_at", "offset_seconds", "speaker", "snippet"}

    code, out, err = cli(
        capsys, "search", "password", "--base-url", url, "--language", "fr", "--status", "failed"
    )
    assert code == 0 and out == "" and "No match." in err

    lib_export = home / "from-library"
    code, out, err = cli(
        capsys, "export", "--library", str(library), *args, "--out", str(lib_export)
    )
    assert code == 0, err
    names = sorted(p.name for p in api_export.iterdir())
    assert names == sorted(p.name for p in lib_export.iterdir())
    for name in names:
        if name != "manifest.json":
            assert (api_export / name).read_bytes() == (lib_export / name).read_bytes(), name
    manifest = json.loads((lib_export / "manifest.json").read_text())
    assert manifest["runs"][-1]["source"] == f"library {library}"


def test_usage_problems_exit_2_with_a_message(
    server: DemoServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "search", "vpn", "--base-url", server.base_url)
    assert code == 2 and "run `aurion-review sync` first" in err
    assert not (home / "data" / "libraries").exists() or not any(
        (home / "data" / "libraries").iterdir()
    )
    assert cli(capsys, "sync", "--base-url", server.base_url)[0] == 0
    code, _, err = cli(capsys, "search", "--base-url", server.base_url, "--", "-vpn")
    assert code == 2 and "Nothing to search for" in err
    code, _, err = cli(capsys, "search", "vpn", "--base-url", server.base_url, "--limit", "5000")
    assert code == 2 and "--limit must be at most 1000" in err
    with pytest.raises(SystemExit) as exit_:
        main(["export", "--library", "x.sqlite3", "--base-url", server.base_url, "--all",
              "--format", "txt", "--out", str(home / "o")])  # fmt: skip
    assert exit_.value.code == 2
    code, _, err = cli(
        capsys, "export", "--library", str(home / "none.sqlite3"), "--all", "--format", "txt",
        "--out", str(home / "o"),
    )  # fmt: skip
    assert code == 2 and "no library at" in err


def test_a_refused_key_says_where_the_key_came_from(
    server: DemoServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AURION_API_KEY", "ak_wrong")
    code, _, err = cli(capsys, "sync", "--base-url", server.base_url)
    assert code == 2 and "401" in err and "AURION_API_KEY" in err


def test_keep_offline_then_list_what_is_kept(
    server: DemoServer, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = server.base_url
    assert cli(capsys, "sync", "--base-url", url)[0] == 0
    recent = max(
        (c for c in server.api.tenant.calls if c.no_recording_reason is None and c.conversation),
        key=lambda c: c.started_at,
    )
    code, out, _ = cli(capsys, "library", "--base-url", url, "--keep", recent.id, "--keep", "nope")
    assert code == 1 and "Marked to keep offline" in out
    code, out, _ = cli(capsys, "sync", "--base-url", url)
    assert code == 0 and "1 recordings kept offline" in out
    # downloading is audited, apart from listening: one entry naming the call
    from app.review.audit import AuditLog, verify_file
    from app.review.identity import Reviewer

    trail = AuditLog(Reviewer("x"), home / "data" / "audit.jsonl")
    downloads = [e for e in trail.entries() if e.event == "recording.downloaded"]
    assert [(e.data["call_ids"], e.data["purpose"]) for e in downloads] == [
        ([recent.id], "keep offline")
    ]
    assert verify_file(trail.path).ok
    assert cli(capsys, "sync", "--base-url", url)[0] == 0  # nothing new kept: no new entry
    assert sum(e.event == "recording.downloaded" for e in trail.entries()) == 1
    code, out, _ = cli(capsys, "library", "--base-url", url, "--recordings")
    assert code == 0 and "Recordings:  1 kept offline" in out
    (line,) = [line for line in out.splitlines() if line.startswith(recent.id)]
    assert line.endswith("kept offline")


def test_odd_text_prints_one_line_per_hit(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    odd = call("call_odd", "2026-03-08T10:30:00Z")
    text = "line one\nrésiliation \x1b[31mred\x1b[0m"
    odd.segments = [{"speaker": "caller\x1b[2J", "text": text, "timestamp": "2026-03-08T10:31:05Z"}]
    monkeypatch.setenv("AURION_API_KEY", SCRIPTED_KEY)
    with ScriptedServer([odd], sort=True) as server:
        assert cli(capsys, "sync", "--base-url", server.base_url)[0] == 0
    code, out, _ = cli(capsys, "search", "resiliation", "--base-url", server.base_url)
    assert code == 0
    (line,) = out.splitlines()
    assert "\x1b" not in line and "\\x1b" in line and "\\n" in line
    assert "  1:05  caller\\x1b[2J  " in line and "[résiliation]" in line


def test_watch_keeps_syncing_until_interrupted(home: Path, server: DemoServer) -> None:
    env = {**os.environ, "AURION_API_KEY": server.api_key}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "sync", "--base-url", server.base_url, "--watch", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        rounds = []
        deadline = time.monotonic() + 60
        while len(rounds) < 2 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("Synced"):
                rounds.append(line)
        assert len(rounds) == 2
        assert ", 80 new" in rounds[0] and ", 0 new" in rounds[1]
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130 and "Interrupted" in err
