"""Evidence packs: one folder per case (and a .zip of it), a BagIt bag (RFC 8493) whose payload
holds each call's recording, transcript (txt, json, vtt, pdf), notes, scorecards, the audit
entries for those calls and an offline viewer; signed with the reviewer's Ed25519 key, and
checked by ``verify_pack``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import html
import json
import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, TypeVar

import bagit

from app import __version__
from app.errors import AurionError, ExportError, NotInLibraryError, RecordingUnavailableError
from app.export import redact
from app.export.document import ExportDocument
from app.export.fields import one_line
from app.export.formats import FORMATS
from app.export.naming import base_name
from app.export.text import header_fields, speaker_label
from app.i18n import QT_TRANSLATE_NOOP
from app.models import format_timestamp
from app.review import audit as audit_events
from app.review.audit import AuditLog, audit_lines_for, entry_hash
from app.review.identity import Reviewer, Signer, fingerprint, verify_signature
from app.sanitize import printable
from app.source import CallSource
from app.storage import sha256_file

log = logging.getLogger(__name__)
T = TypeVar("T")

SIGNATURE_FILE = "signature-ed25519.json"
TAG_MANIFEST = "tagmanifest-sha256.txt"
TRANSCRIPT_FORMATS = ("txt", "json", "vtt", "pdf")
#: Files a pack may hold beside data/: BagIt's own, and our signature.
TOP_FILES = {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", TAG_MANIFEST, SIGNATURE_FILE}
#: A zipped pack is refused beyond this many bytes once extracted (a zip bomb is no evidence).
MAX_UNZIPPED = 16 * 1024 * 1024 * 1024


class PackError(AurionError):
    """A pack cannot be made or read."""

    title = QT_TRANSLATE_NOOP("AurionError", "Evidence pack")


class ReviewRecords(Protocol):
    """What the review workspace keeps of a call, as the pack carries it (JSON-ready):
    ``app.review.store.ReviewStore`` is one."""

    async def notes_json(self, call_id: str) -> list[dict[str, Any]]: ...

    async def scorecards_json(self, call_id: str) -> list[dict[str, Any]]: ...


class NoReviewRecords:
    """A pack of calls nobody has annotated yet (no library holds their notes)."""

    async def notes_json(self, call_id: str) -> list[dict[str, Any]]:
        return []

    async def scorecards_json(self, call_id: str) -> list[dict[str, Any]]:
        return []


@dataclass(frozen=True)
class PackOptions:
    out: Path
    #: Mask personal data in transcripts and notes; the audio is left out (it cannot be).
    redact: bool = False
    name: str | None = None


@dataclass
class PackResult:
    folder: Path
    archive: Path
    calls: list[str]
    fingerprint: str
    recordings_missing: dict[str, str] = field(default_factory=dict)


async def build_pack(
    source: CallSource,
    call_ids: Iterable[str],
    options: PackOptions,
    reviewer: Reviewer,
    signer: Signer,
    trail: AuditLog | None = None,
    records: ReviewRecords | None = None,
) -> PackResult:
    """Write the pack folder and its zip into ``options.out``; nothing half-made is left."""
    ids = list(dict.fromkeys(call_ids))
    if not ids:
        raise PackError("A pack needs at least one call.")
    records = records or NoReviewRecords()
    created = datetime.now(UTC)
    name = options.name or f"evidence-{created:%Y%m%d-%H%M%S}-{_short(ids)}"
    folder, archive = options.out / name, options.out / f"{name}.zip"
    if folder.exists() or archive.exists():
        raise PackError(f"{folder} already exists: choose another name or folder.")
    public_key = await _in_thread(signer.public_key)  # the keyring may be slow
    try:
        options.out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".building", dir=options.out))
    except OSError as exc:
        raise ExportError(f"Cannot write to {options.out}: {exc.strerror or exc}.") from None
    try:
        result = PackResult(folder, archive, ids, fingerprint(public_key))
        calls = []
        for index, call_id in enumerate(ids):
            calls.append(await _add_call(source, call_id, index, staging, options, records, result))
        lines = audit_lines_for(trail.path, set(ids)) if trail is not None else []
        (staging / "audit.jsonl").write_bytes(b"".join(line + b"\n" for line in lines))
        review = {
            "format": "aurion-call-review/evidence-pack-v1",
            "created_at": format_timestamp(created),
            "tool": {"name": "Aurion Call Review", "version": __version__},
            "source": source.name,
            "reviewer": reviewer.as_json(),
            "reviewer_key": {"public_key": public_key, "fingerprint": result.fingerprint},
            "redacted": options.redact,
            "redaction_rules": redact.RULES_VERSION if options.redact else None,
            "calls": [
                {k: c[k] for k in ("id", "folder", "recording", "recording_note")} for c in calls
            ],
        }
        (staging / "review.json").write_text(
            json.dumps(review, indent=2, ensure_ascii=False) + "\n"
        )
        (staging / "index.html").write_text(viewer_html(review, calls), encoding="utf-8")
        info = {
            "Source-Organization": "Aurion Call Review",
            "External-Description": f"Evidence pack of {_calls(len(ids))} from {source.name}",
            "External-Identifier": name,
            "Bag-Software-Agent": f"Aurion Call Review {__version__} (bagit {bagit.VERSION})",
            "Aurion-Source": source.name,
            "Aurion-Calls": " ".join(printable(i, 200) for i in ids),
            "Aurion-Options": "redacted, recordings left out" if options.redact else "complete",
            "Aurion-Reviewer": reviewer.label,
            "Aurion-Reviewer-Key": result.fingerprint,
            "Aurion-Created": format_timestamp(created),
        }
        await _in_thread(bagit.make_bag, str(staging), info, 1, ["sha256"])
        tag_manifest = (staging / TAG_MANIFEST).read_bytes()
        signature = {
            "algorithm": "Ed25519",
            "signed_file": TAG_MANIFEST,
            "public_key": public_key,
            "fingerprint": result.fingerprint,
            "signature": signer.sign(tag_manifest),
        }
        (staging / SIGNATURE_FILE).write_text(json.dumps(signature, indent=2) + "\n")
        await _in_thread(_zip, staging, archive, name)
        os.replace(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):  # the zip is ours (it did not exist): no folder, no zip
            archive.unlink()
        raise
    if trail is not None:
        digest = hashlib.sha256(tag_manifest).hexdigest()
        with_audio = {c["id"] for c in calls if c["recording"]}
        for call_id in ids:
            trail.append(
                audit_events.PACK_CREATED,
                call_id=call_id,
                source=source.name,
                data={
                    "pack": name,
                    "folder": str(options.out),
                    "redacted": options.redact,
                    # its recording was downloaded into the pack (told apart from listening)
                    "recording_downloaded": call_id in with_audio,
                    "tagmanifest_sha256": digest,
                },
            )
    return result


def _calls(count: int) -> str:
    return "1 call" if count == 1 else f"{count} calls"


async def _in_thread(fn: Callable[..., T], *args: Any) -> T:
    """``fn`` on a worker thread; when the caller is cancelled meanwhile, the thread is let
    finish before the cancellation goes on, so that what it writes can be cleaned up (a
    thread cannot be stopped: cleaning up under it would leave its files behind)."""
    future = asyncio.ensure_future(asyncio.to_thread(fn, *args))
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        with contextlib.suppress(BaseException):
            await future
        raise


def _short(ids: list[str]) -> str:
    first = base_name(ids[0], datetime(1970, 1, 1, tzinfo=UTC)).split("_", 1)[1]
    return first if len(ids) == 1 else f"{first}-and-{len(ids) - 1}-more"


async def _add_call(
    source: CallSource,
    call_id: str,
    index: int,
    staging: Path,
    options: PackOptions,
    records: ReviewRecords,
    result: PackResult,
) -> dict[str, Any]:
    detail = await source.get_call(call_id)
    transcript = await source.get_transcript(call_id)
    doc = ExportDocument(detail, transcript, redacted=options.redact)
    folder_name = base_name(call_id, detail.started_at)
    folder = staging / "calls" / folder_name
    folder.mkdir(parents=True)
    for fmt in TRANSCRIPT_FORMATS:
        data = await _render(fmt, doc)
        (folder / f"transcript.{fmt}").write_bytes(data)
    recording, note = None, None
    if options.redact:
        note = "left out: a redacted pack cannot mask the audio"
    else:
        try:
            await source.save_recording(call_id, folder / "recording.ogg")
            recording = f"calls/{folder_name}/recording.ogg"
        except RecordingUnavailableError as exc:
            note = f"unavailable: {printable(exc.server_message or str(exc), 200)}"
            result.recordings_missing[call_id] = note
        except NotInLibraryError:  # a pack from a library that does not keep it
            note = "not kept offline: make the pack from the API, or keep it offline and sync"
            result.recordings_missing[call_id] = note
    notes = await records.notes_json(call_id)
    cards = await records.scorecards_json(call_id)
    if options.redact:
        notes = [_redacted_note(n) for n in notes]
        cards = [_redacted_card(c) for c in cards]
    (folder / "notes.json").write_text(json.dumps(notes, indent=2, ensure_ascii=False) + "\n")
    (folder / "scorecards.json").write_text(json.dumps(cards, indent=2, ensure_ascii=False) + "\n")
    segments = [
        {"start": s.start, "speaker": speaker_label(s.speaker), "text": one_line(s.text)}
        for s in doc.timeline.segments
    ]
    return {
        "index": index,
        "id": call_id,
        "folder": f"calls/{folder_name}",
        "language": detail.language or "",
        "details": header_fields(doc),
        "recording": recording,
        "recording_note": note,
        "segments": segments,
        "notes": notes,
        "scorecards": cards,
    }


def _redacted_note(note: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **note,
        "text": redact.redact_text(str(note.get("text", ""))),
        "tags": [redact.redact_text(str(t)) for t in note.get("tags", [])],
    }


def _redacted_card(card: Mapping[str, Any]) -> dict[str, Any]:
    answers = [
        {**a, "comment": redact.redact_text(str(a.get("comment", "")))}
        for a in card.get("answers", [])
    ]
    return {**card, "answers": answers}


async def _render(fmt: str, doc: ExportDocument) -> bytes:
    render = FORMATS[fmt]
    if not render.drawn:
        return render.render(doc)
    from app.export.pdf import RenderPool

    pool = RenderPool(threads=1)
    try:
        return await asyncio.wrap_future(pool.submit(lambda: render.render(doc)))
    finally:
        pool.cancel()
        await pool.wait()


def _zip(folder: Path, archive: Path, name: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{archive.name}.", suffix=".part", dir=archive.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    kind = zipfile.ZIP_STORED if path.suffix == ".ogg" else zipfile.ZIP_DEFLATED
                    zf.write(path, f"{name}/{path.relative_to(folder).as_posix()}", kind)
        os.replace(tmp, archive)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# -- the offline viewer --------------------------------------------------------------------


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def viewer_html(review: Mapping[str, Any], calls: list[dict[str, Any]]) -> str:
    """``index.html``: the pack's calls with their audio and transcript; no network, no file
    from outside the pack, no script but its own (a strict Content-Security-Policy)."""
    folder = resources.files("resources").joinpath("viewer")
    script = folder.joinpath("viewer.js").read_text("utf-8")
    style = folder.joinpath("viewer.css").read_text("utf-8")
    payload = {
        "calls": [
            {**c, "details": [[k, v] for k, v in c["details"]],
             "notes": [_viewer_note(n) for n in c["notes"]],
             "scorecards": [_viewer_card(s) for s in c["scorecards"]]}
            for c in calls
        ]
    }  # fmt: skip
    data = json.dumps(payload, ensure_ascii=False).replace("</", "<\\/")
    csp = (
        f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; "
        "media-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
    )
    who = html.escape(Reviewer(**review["reviewer"]).label)
    source = html.escape(str(review["source"]))
    made = html.escape(str(review["created_at"]))
    version = html.escape(str(review["tool"]["version"]))
    key = html.escape(str(review["reviewer_key"]["fingerprint"]))
    redacted = (
        "<p>Personal data is masked in this pack; recordings are left out.</p>"
        if review["redacted"]
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Evidence pack — {_calls(len(calls))}</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>Evidence pack</h1>
<p>{_calls(len(calls))} from {source}, made {made} by {who}
with Aurion Call Review {version}.</p>
<p>Reviewer key {key}. Check this pack with
<code>aurion-review verify</code> or any BagIt validator.</p>{redacted}
</header>
<main id="calls"></main>
<script type="application/json" id="pack-data">{data}</script>
<script>{script}</script>
</body>
</html>
"""


def _viewer_note(note: Mapping[str, Any]) -> dict[str, Any]:
    who = note.get("reviewer") or {}
    return {
        "offset": float(note.get("offset") or 0),
        "segment": note.get("segment"),
        "text": str(note.get("text", "")),
        "tags": [str(t) for t in note.get("tags", [])],
        "reviewer": str(who.get("name", "")) if isinstance(who, dict) else str(who),
    }


def _viewer_card(card: Mapping[str, Any]) -> dict[str, Any]:
    def shown(value: Any) -> str:
        return "—" if value is None else f"{value:.0f}%"

    who = card.get("reviewer") or {}
    return {
        "title": str(card.get("template_title") or card.get("template") or "Scorecard"),
        "quality": shown(card.get("quality")),
        "compliance": shown(card.get("compliance")),
        "status": str(card.get("status", "")),
        "reviewer": str(who.get("name", "")) if isinstance(who, dict) else str(who),
        "answers": [_viewer_answer(a) for a in card.get("answers", [])],
    }


def _viewer_answer(answer: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "question": str(answer.get("question") or answer.get("criterion_id", "")),
        "answer": str(answer.get("value", "")),
        "evidence": [float(t) for t in answer.get("evidence", [])],
        "comment": str(answer.get("comment", "")),
    }


# -- verifying -----------------------------------------------------------------------------


@dataclass
class PackVerdict:
    """What ``verify_pack`` found: every problem, and who signed."""

    problems: list[str] = field(default_factory=list)
    fingerprint: str | None = None
    payload_files: int = 0
    audit_entries: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_pack(path: Path, expect_key: str | None = None) -> PackVerdict:
    """Check a pack (folder or .zip): the bag (every hash, no missing or extra file), the
    signature over its tag manifest, and the audit entries it carries."""
    if path.is_file() and zipfile.is_zipfile(path):
        with tempfile.TemporaryDirectory(prefix="aurion-verify-") as tmp:
            root = _unzip(path, Path(tmp))
            return _verify_folder(root, expect_key)
    if not path.is_dir():
        raise PackError(f"{path} is neither a pack folder nor a zipped pack.")
    return _verify_folder(path, expect_key)


def _unzip(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as zf:
        members = zf.infolist()
        if sum(m.file_size for m in members) > MAX_UNZIPPED:
            raise PackError(f"{archive} would unpack to more than {MAX_UNZIPPED >> 30} GiB.")
        tops = set()
        for member in members:
            target = Path(member.filename)
            if target.is_absolute() or ".." in target.parts or not target.parts:
                raise PackError(f"{archive} holds a path outside the pack: {member.filename!r}.")
            tops.add(target.parts[0])
        zf.extractall(into)
    if len(tops) != 1:
        raise PackError(f"{archive} must hold one pack folder, not {len(tops)}.")
    return into / tops.pop()


def _verify_folder(root: Path, expect_key: str | None) -> PackVerdict:
    verdict = PackVerdict()
    for extra in sorted(p.name for p in root.iterdir() if p.name not in TOP_FILES | {"data"}):
        verdict.problems.append(f"extra file: {extra}")
    verdict.problems.extend(_check_manifest(root, "manifest-sha256.txt", payload=True))
    verdict.problems.extend(_check_manifest(root, TAG_MANIFEST, payload=False))
    verdict.payload_files = sum(1 for p in (root / "data").rglob("*") if p.is_file())
    if not verdict.problems:
        # A second opinion, from the BagIt reference library (its own structure checks too).
        try:
            bagit.Bag(str(root)).validate(processes=1)
        except bagit.BagError as exc:
            verdict.problems.append(f"not a valid bag: {exc}")
    _check_signature(root, verdict, expect_key)
    _check_audit(root / "data" / "audit.jsonl", verdict)
    return verdict


def _check_manifest(root: Path, name: str, payload: bool) -> list[str]:
    """Each file the manifest lists, with its SHA-256; for the payload, files it does not list."""
    try:
        lines = (root / name).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return [f"missing file: {name}"]
    problems, listed = [], set()
    for line in lines:
        digest, _, relative = line.strip().partition(" ")
        relative = relative.strip().lstrip("*")
        if not relative:
            continue
        listed.add(relative)
        path = root / relative
        if ".." in Path(relative).parts or not path.is_file():
            problems.append(f"missing file: {relative}")
        elif sha256_file(path) != digest.lower():
            problems.append(f"altered file: {relative}")
    if payload:
        on_disk = {
            p.relative_to(root).as_posix() for p in (root / "data").rglob("*") if p.is_file()
        }
        problems.extend(f"extra file: {extra}" for extra in sorted(on_disk - listed))
    return problems


def _check_signature(root: Path, verdict: PackVerdict, expect_key: str | None) -> None:
    try:
        signature = json.loads((root / SIGNATURE_FILE).read_text(encoding="utf-8"))
        tag_manifest = (root / TAG_MANIFEST).read_bytes()
        public_key, signed = str(signature["public_key"]), str(signature["signature"])
    except (OSError, ValueError, KeyError, TypeError):
        verdict.problems.append(f"missing or unreadable signature: {SIGNATURE_FILE}")
        return
    consistent = (
        signature.get("algorithm") == "Ed25519"
        and signature.get("signed_file") == TAG_MANIFEST
        and signature.get("fingerprint") == fingerprint(public_key)
    )
    if not consistent or not verify_signature(public_key, signed, tag_manifest):
        verdict.problems.append(f"altered file: {SIGNATURE_FILE} (the signature does not match)")
        return
    verdict.fingerprint = fingerprint(public_key)
    recorded = _bag_info(root).get("Aurion-Reviewer-Key")
    if recorded != verdict.fingerprint:
        verdict.problems.append(
            f"the pack was signed by {verdict.fingerprint}, not by the reviewer key it names "
            f"({recorded})"
        )
    if expect_key and _compact(expect_key) != _compact(verdict.fingerprint):
        verdict.problems.append(f"signed by {verdict.fingerprint}, not by the expected key")


def _compact(key: str) -> str:
    return key.removeprefix("SHA256:").replace(" ", "").lower()


def _bag_info(root: Path) -> dict[str, str]:
    info: dict[str, str] = {}
    with contextlib.suppress(OSError, UnicodeDecodeError):
        for line in (root / "bag-info.txt").read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(":")
            info.setdefault(key.strip(), value.strip())
    return info


def _check_audit(path: Path, verdict: PackVerdict) -> None:
    """The pack holds some entries of a longer trail: each must be unchanged (its hash), in
    order, and linked to the entry before it when that one is in the pack too."""
    if not path.exists():
        return  # the bag already reports a missing file
    previous: dict[str, Any] | None = None
    for number, line in enumerate(path.read_bytes().splitlines(), 1):
        try:
            entry = json.loads(line)
            seq, recorded = int(entry["seq"]), str(entry["hash"])
        except (ValueError, KeyError, TypeError):
            verdict.problems.append(f"audit.jsonl line {number}: not an audit entry")
            return
        if entry_hash(entry) != recorded:
            verdict.problems.append(f"audit.jsonl line {number}: the entry was changed")
            return
        if previous is not None and (
            seq <= previous["seq"]
            or (seq == previous["seq"] + 1 and entry.get("prev") != previous["hash"])
        ):
            verdict.problems.append(f"audit.jsonl line {number}: out of order or relinked")
            return
        previous = {"seq": seq, "hash": recorded}
        verdict.audit_entries += 1
