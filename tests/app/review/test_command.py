"""Specification of ``aurion-review pack``, ``verify`` and ``audit`` as an auditor runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.demo.server import DemoServer


def cli(*args: str, home: Path, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "AURION_DATA_DIR": str(home / "data"),
           "AURION_CONFIG_DIR": str(home / "config"), "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    if key:
        env["AURION_API_KEY"] = key
    return subprocess.run([sys.executable, "-m", "app", *args], env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip


@pytest.fixture(scope="module")
def packed(
    demo_server: DemoServer, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, str]:
    home = tmp_path_factory.mktemp("auditor")
    call_id = next(
        c.id for c in demo_server.api.tenant.calls if c.conversation and not c.no_recording_reason
    )
    url, key = demo_server.base_url, demo_server.api_key
    exported = cli("export", "--base-url", url, "--call", call_id, "--format", "txt",
                   "--out", str(home / "export"), home=home, key=key)  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    result = cli("pack", "--base-url", url, "--call", call_id, "--out",
                 str(home / "packs"), "--name", "case-42", home=home, key=key)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Wrote " in result.stdout and "Signed by " in result.stdout
    return home, home / "packs" / "case-42", call_id


def test_verify_says_ok_in_one_line_for_the_folder_and_the_zip(
    packed: tuple[Path, Path, str],
) -> None:
    home, folder, _call = packed
    for target in (folder, folder.with_suffix(".zip")):
        result = cli("verify", str(target), home=home)
        assert result.returncode == 0 and result.stdout.startswith("OK: ")
        assert len(result.stdout.splitlines()) == 1


def test_verify_names_each_altered_missing_or_extra_file(
    packed: tuple[Path, Path, str], tmp_path: Path
) -> None:
    import shutil

    home, folder, _call = packed
    copy = tmp_path / "case"
    shutil.copytree(folder, copy)
    transcript = next(copy.glob("data/calls/*/transcript.txt"))
    transcript.write_text(transcript.read_text().replace("Agent", "Agemt", 1))
    next(copy.glob("data/calls/*/notes.json")).unlink()
    (copy / "data" / "smuggled.txt").write_text("x")
    result = cli("verify", str(copy), home=home)
    assert result.returncode == 1 and result.stdout.startswith("TAMPERED")
    out = result.stdout
    assert "altered file: data/calls/" in out and "missing file: data/calls/" in out
    assert "extra file: data/smuggled.txt" in out


def test_the_audit_trail_records_the_export_and_the_pack(packed: tuple[Path, Path, str]) -> None:
    home, _folder, call_id = packed
    shown = cli("audit", "show", "--call", call_id, "--json", home=home)
    events = [json.loads(line) for line in shown.stdout.splitlines()]
    assert [e["event"] for e in events] == ["export.done", "pack.created"]
    assert events[0]["data"]["formats"] == ["txt"] and events[0]["data"]["call_ids"] == [call_id]
    assert events[1]["data"]["pack"] == "case-42"
    verified = cli("audit", "verify", home=home)
    assert verified.returncode == 0 and verified.stdout.startswith("OK: 2 entries")
    assert "head signed" in verified.stdout


def test_audit_verify_gives_the_first_broken_line(
    packed: tuple[Path, Path, str], tmp_path: Path
) -> None:
    home, _folder, _call = packed
    trail = tmp_path / "audit.jsonl"
    lines = (home / "data" / "audit.jsonl").read_text().splitlines()
    trail.write_text("\n".join([lines[1], lines[0]]) + "\n")  # reordered
    result = cli("audit", "verify", "--file", str(trail), home=home)
    assert result.returncode == 1 and result.stdout.startswith("BROKEN at line 1")


def test_a_pack_without_a_keyring_is_a_clear_message(
    demo_server: DemoServer, tmp_path: Path
) -> None:
    env_home = tmp_path
    env = {**os.environ, "AURION_DATA_DIR": str(env_home), "AURION_CONFIG_DIR": str(env_home),
           "AURION_API_KEY": demo_server.api_key, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "app", "pack", "--base-url", demo_server.base_url, "--call",
         demo_server.api.tenant.calls[0].id, "--out", str(tmp_path / "p")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2 and "No system keyring" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "p").exists()
