"""Specification of ``aurion-review pack``, ``verify`` and ``audit`` as an auditor runs them."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
                   "--with-recordings", "--out", str(home / "export"), home=home,
                   key=key)  # fmt: skip
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
    assert [e["event"] for e in events] == ["export.done", "recording.downloaded", "pack.created"]
    assert events[0]["data"]["formats"] == ["txt"] and events[0]["data"]["call_ids"] == [call_id]
    # the recording saved by the export: one entry for the run, told apart from listening
    assert events[1]["data"]["call_ids"] == [call_id] and events[1]["data"]["purpose"] == "export"
    assert events[2]["data"]["pack"] == "case-42"
    assert events[2]["data"]["recording_downloaded"] is True
    verified = cli("audit", "verify", home=home)
    assert verified.returncode == 0 and verified.stdout.startswith("OK: 3 entries")
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


# -- review export, import, compare; pack from a library ------------------------------------


def reviewer_home(home: Path, name: str, email: str) -> Path:
    """A user's folders, with their reviewer identity in preferences."""
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "reviewer.json").write_text(json.dumps({"name": name, "email": email}))
    return home


def reviewed_library(path: Path, reviewer: Any, call_id: str, tone: int, note: str) -> None:
    """A library where ``reviewer`` left a note and submitted a scorecard on ``call_id``."""
    from app.library.library import Library
    from app.review.audit import AuditLog
    from app.review.scorecard import Answer, default_template
    from app.review.store import ReviewStore

    template = default_template()
    answers = [Answer(c.id, tone if c.answer == "scale" else "yes") for c in template.criteria]

    async def go() -> None:
        store = ReviewStore(
            await Library.open(path), AuditLog(reviewer, path.with_suffix(".jsonl"))
        )
        try:
            await store.add_note(call_id, 12.0, note, tags=["calibration"])
            draft = await store.save_scorecard(call_id, template, answers)
            await store.submit_scorecard(draft.id)
        finally:
            await store.library.aclose()

    asyncio.run(go())


def test_a_lead_imports_two_reviewers_and_compares_them(tmp_path: Path) -> None:
    from app.review.identity import Reviewer

    reviewed_library(tmp_path / "ana.sqlite3", Reviewer("Ana Lopez", "ana@example.org"),
                     "call_x", 4, "Clear and polite")  # fmt: skip
    reviewed_library(tmp_path / "ben.sqlite3", Reviewer("Ben Okafor", "ben@example.org"),
                     "call_x", 1, "Curt at the end")  # fmt: skip
    home = reviewer_home(tmp_path / "lead", "Lea Martin", "lea@example.org")
    lead_library = str(tmp_path / "lead.sqlite3")
    for who in ("ana", "ben"):
        out = cli("review", "export", "--library", str(tmp_path / f"{who}.sqlite3"), "--out",
                  str(tmp_path / f"{who}.json"), home=home)  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith(f"Wrote {tmp_path / who}.json: 1 notes and 1 scorecards")

    lonely = cli("review", "compare", "--call", "call_x", "--library", lead_library, home=home)
    assert lonely.returncode == 2 and "There is no library" in lonely.stderr  # not made yet
    first = cli("review", "import", str(tmp_path / "ana.json"), "--library", lead_library,
                home=home)  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "(by Ana Lopez <ana@example.org>): 1 notes and 1 scorecards added" in first.stdout
    one = cli("review", "compare", "--call", "call_x", "--library", lead_library, home=home)
    assert one.returncode == 1 and "no two reviewers' submitted scorecards" in one.stderr
    cli("review", "import", str(tmp_path / "ben.json"), "--library", lead_library, home=home)
    again = cli("review", "import", str(tmp_path / "ben.json"), "--library", lead_library,
                home=home)  # fmt: skip
    assert again.returncode == 0 and "0 notes and 0 scorecards added" in again.stdout
    assert "2 already here" in again.stdout

    table = cli("review", "compare", "--call", "call_x", "--library", lead_library, home=home)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == "Call call_x: AI voice agent call review (ai-voice-agent@1)"
    assert "A  Ana Lopez <ana@example.org> (imported from ana.json)" in lines[1]
    assert "B  Ben Okafor <ben@example.org> (imported from ben.json)" in lines[2]
    assert [x.split() for x in lines if x.strip().startswith("tone")] == [["tone", "4", "1",
                                                                           "differs"]]  # fmt: skip
    assert lines[-1] == "  Agreement: 7 of 8 criteria answered by both (87.5%)."
    as_json = cli("review", "compare", "--call", "call_x", "--json", "--library", lead_library,
                  home=home)  # fmt: skip
    [comparison] = json.loads(as_json.stdout)["comparisons"]
    assert comparison["agreement_percent"] == 87.5
    assert comparison["quality_difference"] == -11.25

    shown = cli("audit", "show", "--json", home=home)
    events = [json.loads(line) for line in shown.stdout.splitlines()]
    assert [e["event"] for e in events] == ["review.exported"] * 2 + ["review.imported"] * 3
    assert all(e["reviewer"]["name"] == "Lea Martin" for e in events)
    assert events[2]["data"]["call_ids"] == ["call_x"] and events[4]["data"]["call_ids"] == []


def test_review_commands_fail_clearly(tmp_path: Path) -> None:
    from app.review.identity import Reviewer

    home = reviewer_home(tmp_path / "lead", "Lea Martin", "")
    reviewed_library(tmp_path / "ben.sqlite3", Reviewer("Ben"), "call_x", 2, "note")
    library = ["--library", str(tmp_path / "ben.sqlite3")]
    exported = cli("review", "export", *library, "--out", str(tmp_path / "ben.json"), home=home)
    assert exported.returncode == 0
    data = json.loads((tmp_path / "ben.json").read_text())
    data["scorecards"][0]["answers"][0]["value"] = "perhaps"
    data["notes"][0]["offset"] = -3
    (tmp_path / "bad.json").write_text(json.dumps(data))
    (tmp_path / "text.json").write_text("hello")
    target = ["--library", str(tmp_path / "lead.sqlite3")]

    bad = cli("review", "import", str(tmp_path / "bad.json"), *target, home=home)
    assert bad.returncode == 1 and "bad.json was not imported:" in bad.stderr
    assert "notes[0] (" in bad.stderr and "offset must be between 0 and" in bad.stderr
    assert "'perhaps' is not an answer it allows" in bad.stderr
    nothing = cli("review", "export", *target, "--out", str(tmp_path / "lead.json"), home=home)
    assert nothing.returncode == 0 and ": 0 notes and 0 scorecards of 0 calls" in nothing.stdout
    for args, says in [
        (["import", str(tmp_path / "text.json"), *target], "is not JSON"),
        (["import", str(tmp_path / "none.json"), *target], "Cannot read"),
        (["export", "--library", str(tmp_path / "none.sqlite3"), "--out", "x.json"],
         "There is no library"),
        (["export", *library, "--out", str(tmp_path / "text.json" / "x.json")], "Cannot write"),
        (["compare", "--call", "call_x", "--library", str(tmp_path / "text.json")],
         "not a library"),
    ]:  # fmt: skip
        result = cli("review", *args, home=home)
        assert result.returncode == 2, (args, result.stderr)
        assert says in result.stderr and "Traceback" not in result.stderr
    usage = cli("review", "compare", home=home)
    assert usage.returncode == 2 and "--call" in usage.stderr


@pytest.fixture(scope="module")
def small_server() -> Iterator[DemoServer]:
    from app.demo.config import DemoConfig

    with DemoServer(DemoConfig(calls=12)) as server:
        yield server


def test_a_pack_carries_the_librarys_notes_offline_and_from_the_api(
    small_server: DemoServer, tmp_path: Path
) -> None:
    from app.review.identity import Reviewer

    calls = small_server.api.tenant.calls
    with_audio = next(c.id for c in calls if c.conversation and not c.no_recording_reason)
    without = next(c.id for c in calls if c.no_recording_reason and c.status != "active")
    not_kept = next(
        c.id for c in calls if c.conversation and not c.no_recording_reason and c.id != with_audio
    )
    home = reviewer_home(tmp_path / "me", "Ana Lopez", "ana@example.org")
    url, key = small_server.base_url, small_server.api_key
    # The account's library (in the data folder), its recording of one call kept offline.
    assert cli("sync", "--base-url", url, home=home, key=key).returncode == 0
    kept = cli("library", "--base-url", url, "--keep", with_audio, home=home)
    assert kept.returncode == 0, kept.stderr
    assert cli("sync", "--base-url", url, home=home, key=key).returncode == 0
    [account_library] = (home / "data" / "libraries").glob("*.sqlite3")
    reviewed_library(account_library, Reviewer("Ana Lopez", "ana@example.org"), with_audio, 3,
                     "Resolution confirmed at 0:12")  # fmt: skip

    offline = cli("pack", "--library", str(account_library), "--call", with_audio, "--call",
                  not_kept, "--out", str(tmp_path / "packs"), "--name", "offline",
                  home=home)  # fmt: skip
    assert offline.returncode == 0, offline.stderr
    assert f"recording of {not_kept}: not kept offline: make the pack from the API" in (
        offline.stdout
    )
    online = cli("pack", "--base-url", url, "--call", with_audio, "--call", without, "--out",
                 str(tmp_path / "packs"), "--name", "online", home=home, key=key)  # fmt: skip
    assert online.returncode == 0, online.stderr
    assert f"recording of {without}: unavailable" in online.stdout

    for name in ("offline", "online"):
        folder = tmp_path / "packs" / name
        assert cli("verify", str(folder), home=home).returncode == 0
        [call_folder] = (folder / "data" / "calls").glob(f"*_{with_audio}")
        [note] = json.loads((call_folder / "notes.json").read_text())
        assert note["text"] == "Resolution confirmed at 0:12" and note["offset"] == 12.0
        [card] = json.loads((call_folder / "scorecards.json").read_text())
        assert card["status"] == "submitted" and card["quality"] == 96.25
        audio = small_server.api.tenant.by_id[with_audio].conversation.audio  # type: ignore[union-attr]
        assert (call_folder / "recording.ogg").read_bytes() == audio
        review = json.loads((folder / "data" / "review.json").read_text())
        assert review["source"] == (f"library {account_library}" if name == "offline" else url)
