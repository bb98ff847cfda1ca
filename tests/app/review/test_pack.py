"""Specification of evidence packs: a BagIt bag any validator accepts, signed, with an offline
viewer; and ``verify`` names each altered, missing or extra file."""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.client import AurionClient
from app.demo.server import DemoServer
from app.library.library import Library
from app.review import audit
from app.review.audit import AuditLog
from app.review.identity import Reviewer, ReviewerStore, Signer, encode_public_key, fingerprint
from app.review.pack import PackOptions, PackResult, build_pack, verify_pack
from app.review.scorecard import Answer, default_template
from app.review.store import ReviewStore
from app.source import RemoteSource

ME = Reviewer("Ana Lopez", "ana@example.org")


def answers_scoring_85() -> list[Answer]:
    """Every criterion met but the tone (0 of 4): quality 85%, compliance 100%."""
    return [
        Answer(c.id, 0 if c.answer == "scale" else "yes", (1.0, 4.5) if c.id == "greeting" else (),
               "Greets late" if c.id == "greeting" else "")
        for c in default_template().criteria
    ]  # fmt: skip


async def review_records(call_id: str, library_file: Path, trail: AuditLog) -> ReviewStore:
    """A real store with a note and a submitted scorecard on ``call_id`` (its library left
    open: the pack reads it)."""
    store = ReviewStore(await Library.open(library_file), trail)
    await store.add_note(call_id, 4.5, "Late greeting", tags=["greeting"], segment=1)
    draft = await store.save_scorecard(call_id, default_template(), answers_scoring_85())
    await store.submit_scorecard(draft.id)
    return store


def calls_with_and_without_recording(server: DemoServer) -> list[str]:
    calls = server.api.tenant.calls
    with_audio = next(c for c in calls if c.conversation and not c.no_recording_reason)
    without = next(c for c in calls if c.no_recording_reason and c.status != "active")
    return [with_audio.id, without.id]


@pytest.fixture(scope="module")
def packed(
    demo_server: DemoServer, tmp_path_factory: pytest.TempPathFactory, qapp: object
) -> Iterator[tuple[PackResult, DemoServer, Signer]]:
    out = tmp_path_factory.mktemp("packs")
    signer = Signer(ME, ReviewerStore(out / "reviewer.json"))
    trail = AuditLog(ME, out / "audit.jsonl", signer)
    ids = calls_with_and_without_recording(demo_server)
    trail.append(audit.CALL_OPENED, call_id=ids[0])
    trail.append(audit.CALL_OPENED, call_id="call_elsewhere")

    async def go() -> PackResult:
        source = RemoteSource(AurionClient(demo_server.base_url, demo_server.api_key))
        store = await review_records(ids[0], out / "library.sqlite3", trail)
        try:
            return await build_pack(source, ids, PackOptions(out / "packs"), ME, signer, trail,
                                    store)  # fmt: skip
        finally:
            await source.aclose()
            await store.library.aclose()

    yield asyncio.run(go()), demo_server, signer


def copy_of(result: PackResult, tmp_path: Path) -> Path:
    target = tmp_path / result.folder.name
    shutil.copytree(result.folder, target)
    return target


def test_a_pack_is_a_bag_any_validator_accepts(
    packed: tuple[PackResult, DemoServer, Signer],
) -> None:
    result = packed[0]
    verdict = verify_pack(result.folder)
    assert verdict.ok, verdict.problems
    assert verdict.fingerprint == result.fingerprint and verdict.audit_entries == 4
    outside = subprocess.run([sys.executable, "-m", "bagit", "--validate", str(result.folder)],
                             capture_output=True, text=True)  # fmt: skip
    assert outside.returncode == 0, outside.stderr
    zipped = verify_pack(result.archive)
    assert zipped.ok and zipped.payload_files == verdict.payload_files


def test_the_payload_holds_what_an_auditor_needs(
    packed: tuple[PackResult, DemoServer, Signer],
) -> None:
    result, server, _signer = packed
    data = result.folder / "data"
    with_audio, without = result.calls
    [first] = (data / "calls").glob(f"*_{with_audio}")
    expected = {"transcript.txt", "transcript.json", "transcript.vtt", "transcript.pdf",
                "notes.json", "scorecards.json", "recording.ogg"}  # fmt: skip
    assert {p.name for p in first.iterdir()} == expected
    audio = server.api.tenant.by_id[with_audio].conversation.audio  # type: ignore[union-attr]
    assert (first / "recording.ogg").read_bytes() == audio
    [second] = (data / "calls").glob(f"*_{without}")
    assert not (second / "recording.ogg").exists()
    review = json.loads((data / "review.json").read_text())
    assert review["calls"][1]["recording_note"].startswith("unavailable: ")
    assert result.recordings_missing == {without: review["calls"][1]["recording_note"]}
    trail = [json.loads(x) for x in (data / "audit.jsonl").read_text().splitlines()]
    assert [e["call_id"] for e in trail] == [with_audio] * 4  # not the other call's
    assert [e["event"] for e in trail] == [
        "call.opened", "note.added", "scorecard.saved", "scorecard.submitted"
    ]  # fmt: skip
    # The notes and scorecards are the store's, as its export gives them.
    [note] = json.loads((first / "notes.json").read_text())
    assert (note["offset"], note["segment"], note["text"]) == (4.5, 1, "Late greeting")
    assert note["reviewer"] == ME.as_json() and note["origin"] is None
    [card] = json.loads((first / "scorecards.json").read_text())
    assert (card["status"], card["quality"], card["compliance"]) == ("submitted", 85.0, 100.0)
    greeting = card["answers"][0]
    assert greeting["question"].startswith("Did the agent greet the caller")
    assert (greeting["evidence"], greeting["comment"]) == ([1.0, 4.5], "Greets late")
    assert json.loads((second / "notes.json").read_text()) == []
    assert json.loads((second / "scorecards.json").read_text()) == []
    info = (result.folder / "bag-info.txt").read_text()
    expected = (
        "Aurion-Source:",
        "Aurion-Reviewer: Ana Lopez <ana@example.org>",
        "Aurion-Reviewer-Key: SHA256:",
        "Bag-Software-Agent: Aurion Call Review",
    )
    for field in expected:
        assert field in info
    with zipfile.ZipFile(result.archive) as zf:
        assert all(n.startswith(result.folder.name + "/") for n in zf.namelist())


TAMPERING = {
    "transcript": ("data/calls/*/transcript.txt", "altered file: data/calls/"),
    "recording": ("data/calls/*/recording.ogg", "altered file: data/calls/"),
    "pdf": ("data/calls/*/transcript.pdf", "altered file: data/calls/"),
    "notes": ("data/calls/*/notes.json", "altered file: data/calls/"),
    "audit": ("data/audit.jsonl", "altered file: data/audit.jsonl"),
    "viewer": ("data/index.html", "altered file: data/index.html"),
    "manifest": ("manifest-sha256.txt", "manifest-sha256.txt"),
    "bag-info": ("bag-info.txt", "altered file: bag-info.txt"),
    "bagit.txt": ("bagit.txt", "bagit.txt"),
    "tag manifest": ("tagmanifest-sha256.txt", "signature"),
    "signature": ("signature-ed25519.json", "signature"),
}


@pytest.mark.parametrize("kind", TAMPERING)
def test_one_flipped_byte_in_any_file_is_named(
    packed: tuple[PackResult, DemoServer, Signer], tmp_path: Path, kind: str
) -> None:
    pattern, says = TAMPERING[kind]
    folder = copy_of(packed[0], tmp_path)
    target = sorted(folder.glob(pattern))[0]
    data = bytearray(target.read_bytes())
    middle = len(data) // 2
    data[middle] = (data[middle] + 1) % 256 if chr(data[middle]).isalnum() else ord("x")
    target.write_bytes(bytes(data))
    verdict = verify_pack(folder)
    assert not verdict.ok
    assert any(says in p for p in verdict.problems), verdict.problems


def test_added_and_removed_files_are_named(
    packed: tuple[PackResult, DemoServer, Signer], tmp_path: Path
) -> None:
    folder = copy_of(packed[0], tmp_path)
    (folder / "data" / "calls" / "planted.txt").write_text("not evidence")
    (folder / "README.txt").write_text("extra at the top")
    notes = sorted(folder.glob("data/calls/*/notes.json"))[0]
    notes.unlink()
    problems = verify_pack(folder).problems
    assert "extra file: README.txt" in problems
    assert "extra file: data/calls/planted.txt" in problems
    assert f"missing file: {notes.relative_to(folder).as_posix()}" in problems


def test_a_swapped_signature_is_caught(
    packed: tuple[PackResult, DemoServer, Signer], tmp_path: Path
) -> None:
    folder = copy_of(packed[0], tmp_path)
    other = Ed25519PrivateKey.generate()
    signature_file = folder / "signature-ed25519.json"
    signature = json.loads(signature_file.read_text())
    tag_manifest = (folder / "tagmanifest-sha256.txt").read_bytes()
    signature["public_key"] = encode_public_key(other.public_key())
    signature["fingerprint"] = fingerprint(signature["public_key"])
    signature["signature"] = base64.b64encode(other.sign(tag_manifest)).decode()
    signature_file.write_text(json.dumps(signature))
    verdict = verify_pack(folder)
    assert not verdict.ok and "not by the reviewer key it names" in verdict.problems[0]


def test_verify_can_require_a_known_key(packed: tuple[PackResult, DemoServer, Signer]) -> None:
    result, _server, signer = packed
    assert verify_pack(result.folder, expect_key=result.fingerprint).ok
    assert not verify_pack(result.folder, expect_key="SHA256:" + "0" * 64).ok
    assert result.fingerprint.replace(" ", "").endswith(
        __import__("hashlib").sha256(base64.b64decode(signer.public_key())).hexdigest()
    )


def test_a_zip_that_escapes_its_folder_is_refused(tmp_path: Path) -> None:
    from app.review.pack import PackError

    bad = tmp_path / "evil.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("pack/../../outside.txt", "x")
    with pytest.raises(PackError, match="outside the pack"):
        verify_pack(bad)
    assert not (tmp_path.parent / "outside.txt").exists()


def test_the_offline_viewer_runs_in_a_browser_with_no_network(
    packed: tuple[PackResult, DemoServer, Signer], tmp_path: Path
) -> None:
    result = packed[0]
    assert shutil.which("chromium"), "Debian's chromium is needed (.ci/run installs it)"
    dom = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom",
         (result.folder / "data" / "index.html").as_uri()],
        capture_output=True, text=True, timeout=120,
    ).stdout  # fmt: skip
    assert 'data-ready="true"' in dom  # the pack's own script ran under its CSP
    assert dom.count("<audio") == 1 and 'src="calls/' in dom
    assert "data-duration=" in dom  # the recording in the pack plays (its length is known)
    assert dom.count('class="transcript"') == 2 and dom.count("<li") > 10
    assert "Late greeting" in dom and "quality 85%" in dom


def test_a_redacted_pack_masks_notes_and_comments_and_leaves_out_the_audio(
    demo_server: DemoServer, tmp_path: Path, qapp: object
) -> None:
    signer = Signer(ME, ReviewerStore(tmp_path / "reviewer.json"))
    trail = AuditLog(ME, tmp_path / "audit.jsonl", signer)
    [call_id, _] = calls_with_and_without_recording(demo_server)

    async def go() -> PackResult:
        source = RemoteSource(AurionClient(demo_server.base_url, demo_server.api_key))
        store = ReviewStore(await Library.open(tmp_path / "library.sqlite3"), trail)
        await store.add_note(call_id, 3, "Caller gave +33 6 12 34 56 78", tags=["jean@example.org"])
        answers = [Answer("greeting", "no", comment="spelled out jean@example.org")]
        await store.save_scorecard(call_id, default_template(), answers)
        try:
            return await build_pack(source, [call_id], PackOptions(tmp_path / "packs", redact=True),
                                    ME, signer, trail, store)  # fmt: skip
        finally:
            await source.aclose()
            await store.library.aclose()

    result = asyncio.run(go())
    assert verify_pack(result.folder).ok
    [folder] = (result.folder / "data" / "calls").iterdir()
    assert not (folder / "recording.ogg").exists()
    saved = (folder / "notes.json").read_text() + (folder / "scorecards.json").read_text()
    assert "Caller gave" in saved and "spelled out" in saved
    for secret in ("12 34 56 78", "jean@example.org"):
        assert secret not in saved
        for name in ("index.html", "audit.jsonl"):  # the trail holds digests, not the text
            assert secret not in (result.folder / "data" / name).read_text()
