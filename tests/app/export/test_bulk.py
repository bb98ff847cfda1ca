"""Bulk export, as a user runs it: the CLI against the demo server, killed and resumed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.demo.config import DemoConfig
from app.demo.faults import Faults
from app.demo.server import DemoServer


def tree(folder: Path) -> dict[str, object]:
    """Every file's bytes; of the manifest, what it says of files and calls (not its history
    of runs, whose times differ from run to run)."""
    files: dict[str, object] = {
        p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()
    }
    if "manifest.json" in files:
        manifest = json.loads(files["manifest.json"])  # type: ignore[arg-type]
        files["manifest.json"] = {"files": manifest["files"], "calls": manifest["calls"]}
    return files


def export_cmd(server: DemoServer, out: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "app", "export", "--base-url", server.base_url, "--all",
        "--format", "txt,json,srt", "--out", str(out), "--concurrency", "4", *extra,
    ]  # fmt: skip


def run_export(
    server: DemoServer, out: Path, *extra: str, key: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AURION_API_KEY": key or server.api_key}
    return subprocess.run(
        export_cmd(server, out, *extra), env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def small_server() -> DemoServer:
    server = DemoServer(DemoConfig(calls=150)).start()
    yield server  # type: ignore[misc]
    server.stop()


@pytest.fixture(scope="module")
def clean_tree(
    small_server: DemoServer, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, object]:
    out = tmp_path_factory.mktemp("clean")
    result = run_export(small_server, out)
    assert result.returncode == 0, result.stderr
    assert "Exported 150 calls (450 files)" in result.stdout
    return tree(out)


def test_export_writes_every_format_and_a_manifest(clean_tree: dict[str, object]) -> None:
    assert len([n for n in clean_tree if n.endswith(".txt")]) == 150
    assert len(clean_tree) == 451  # 150 calls x 3 formats + manifest.json
    manifest = clean_tree["manifest.json"]
    assert isinstance(manifest, dict) and len(manifest["files"]) == 450
    import hashlib

    for name, entry in manifest["files"].items():
        data = clean_tree[name]
        assert isinstance(data, bytes) and hashlib.sha256(data).hexdigest() == entry["sha256"]


def test_killed_export_resumes_to_the_same_files(
    small_server: DemoServer, clean_tree: dict[str, object], tmp_path: Path
) -> None:
    out = tmp_path / "resumed"
    env = {**os.environ, "AURION_API_KEY": small_server.api_key}
    proc = subprocess.Popen(
        export_cmd(small_server, out, "--concurrency", "2"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not (out.exists() and len(list(out.glob("*.txt"))) >= 40):
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = len(list(out.glob("*.txt")))
    assert 40 <= partial < 150 and not (out / "manifest.json").exists()

    result = run_export(small_server, out)
    assert result.returncode == 0, result.stderr
    assert "were already complete" in result.stdout
    skipped = int(result.stdout.splitlines()[1].split()[0].replace(",", ""))
    assert skipped >= partial - 4  # a call or so per worker may have been half-written
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert tree(out) == clean_tree


def test_faults_and_rate_limits_still_give_the_same_files(
    clean_tree: dict[str, object], tmp_path: Path
) -> None:
    faults = Faults(error_rate=0.05, rate_limit_every=120, rate_limit_burst=2, retry_after=0.2,
                    drop_rate=0.02, truncate_rate=0.02, seed=11)  # fmt: skip
    with DemoServer(DemoConfig(calls=150, faults=faults)) as flaky:
        result = run_export(flaky, tmp_path)
        injected = flaky.api.faults.injected
    assert result.returncode == 0, result.stderr
    assert injected["error"] and injected["rate_limit"] and injected["drop"]
    assert tree(tmp_path) == clean_tree


def test_a_call_that_keeps_failing_is_listed_and_the_exit_status_says_so(
    small_server: DemoServer, tmp_path: Path
) -> None:
    env = {**os.environ, "AURION_API_KEY": small_server.api_key}
    good = small_server.api.tenant.calls[0].id
    result = subprocess.run(
        [sys.executable, "-m", "app", "export", "--base-url", small_server.base_url,
         "--call", good, "--call", "call_missing", "--format", "txt", "--out", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "failed: call_missing" in result.stderr
    assert len(list(tmp_path.glob("*.txt"))) == 1


def test_recordings_are_downloaded_and_checked(small_server: DemoServer, tmp_path: Path) -> None:
    call = next(
        c for c in small_server.api.tenant.calls if c.conversation and not c.no_recording_reason
    )
    env = {**os.environ, "AURION_API_KEY": small_server.api_key}
    result = subprocess.run(
        [sys.executable, "-m", "app", "-v", "export", "--base-url", small_server.base_url,
         "--call", call.id, "--format", "txt", "--with-recordings", "--out", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "/media/recordings/" in result.stderr  # -v logs the download...
    assert "Signature" not in result.stderr  # ...never the signed URL's query
    [ogg] = list(tmp_path.glob("*.ogg"))
    assert call.conversation is not None and ogg.read_bytes() == call.conversation.audio


def test_no_key_is_a_clear_message_and_exit_2(small_server: DemoServer, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "AURION_API_KEY"}
    result = subprocess.run(
        export_cmd(small_server, tmp_path), env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "No API key" in result.stderr and "Traceback" not in result.stderr


def test_unwritable_folder_is_a_clear_message(small_server: DemoServer, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run_export(small_server, blocker / "out")
    assert result.returncode == 2  # a usage problem: nothing was tried
    assert "Cannot write to" in result.stderr and "Traceback" not in result.stderr


def test_wrong_key_is_a_clear_message(small_server: DemoServer, tmp_path: Path) -> None:
    result = run_export(small_server, tmp_path, key="ak_live_wrong_123456")
    assert result.returncode == 2  # a key problem: no call can be exported
    assert "401" in result.stderr and "ak_live_wrong_123456" not in result.stderr + result.stdout


def test_ctrl_c_during_a_pdf_export_exits_130_with_every_file_intact(
    small_server: DemoServer, tmp_path: Path
) -> None:
    """Twenty times: SIGINT while pages are being drawn on the export's own render pool."""
    import pypdf

    env = {**os.environ, "AURION_API_KEY": small_server.api_key, "QT_QPA_PLATFORM": "offscreen"}
    for attempt in range(20):
        out = tmp_path / f"run{attempt}"
        cmd = [*export_cmd(small_server, out), "--concurrency", "2"]
        cmd[cmd.index("txt,json,srt")] = "pdf,txt"
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while len(list(out.glob("*.pdf"))) < 2 + attempt % 5:  # interrupt at various points
            assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == 130, (attempt, proc.returncode, stderr[-2000:])
        assert b"Interrupted" in stderr and b"Traceback" not in stderr
        assert not [p for p in out.iterdir() if p.name.endswith(".part")]
        manifest = json.loads((out / "manifest.json").read_text())
        assert manifest["runs"][-1]["outcome"] == "interrupted"
        for pdf in out.glob("*.pdf"):  # every file left is whole and listed
            assert pdf.name in manifest["files"], pdf.name
            assert len(pypdf.PdfReader(pdf).pages) >= 1


def test_help_names_the_default_url_the_key_variable_and_the_exit_statuses() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "export", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    for needle in ("https://apps.aurionai.net/api/v1", "AURION_API_KEY", "130", "exit status"):
        assert needle in result.stdout


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--since", "2026-05-01", "--until", "2026-04-01"], "--since is after --until"),
        (["--format", "txt,docx"], "unknown format docx"),
        (["--concurrency", "0"], "--concurrency must be between 1 and 32"),
    ],
)
def test_usage_problems_exit_2_with_a_message(
    small_server: DemoServer, tmp_path: Path, extra: list[str], message: str
) -> None:
    result = run_export(small_server, tmp_path / "out", *extra)
    assert result.returncode == 2 and message in result.stderr
    assert not (tmp_path / "out").exists()


def test_out_naming_a_file_exits_2_and_keeps_the_file(
    small_server: DemoServer, tmp_path: Path
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("mine")
    result = run_export(small_server, target)
    assert result.returncode == 2 and "is a file, not a folder" in result.stderr
    assert target.read_text() == "mine"


def test_a_base_url_without_api_v1_gets_a_hint(small_server: DemoServer, tmp_path: Path) -> None:
    env = {**os.environ, "AURION_API_KEY": small_server.api_key}
    result = subprocess.run(
        [sys.executable, "-m", "app", "export", "--base-url", small_server.origin, "--all",
         "--format", "txt", "--out", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "ends with /api/v1" in result.stderr and "Traceback" not in result.stderr


def test_one_call_counts_as_one(small_server: DemoServer, tmp_path: Path) -> None:
    env = {**os.environ, "AURION_API_KEY": small_server.api_key}
    call_id = small_server.api.tenant.calls[0].id
    result = subprocess.run(
        [sys.executable, "-m", "app", "export", "--base-url", small_server.base_url,
         "--call", call_id, "--call", call_id, "--format", "txt", "--out", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0
    assert "exported 1 of 1 call" in result.stderr
    assert result.stdout.startswith("Exported 1 call (1 file) to ")


def test_a_base_url_without_api_v1_with_call_ids_is_a_usage_problem(
    small_server: DemoServer, tmp_path: Path
) -> None:
    env = {**os.environ, "AURION_API_KEY": small_server.api_key}
    result = subprocess.run(
        [sys.executable, "-m", "app", "export", "--base-url", small_server.origin, "--call",
         "call_x", "--format", "txt", "--out", str(tmp_path)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and "ends with /api/v1" in result.stderr


@pytest.mark.parametrize("key", ["ak_live_a\nb", "ak live key", "ak_lïve_key"])
def test_a_key_no_header_can_carry_is_a_usage_problem(
    small_server: DemoServer, tmp_path: Path, key: str
) -> None:
    result = run_export(small_server, tmp_path, key=key)
    assert result.returncode == 2 and "An API key is one word" in result.stderr
    assert "Traceback" not in result.stderr
