"""The export manifest: each file's SHA-256, call id and options, each call's state, each run's
provenance; journaled line by line as it grows, so that a killed run resumes where it stopped."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from app.storage import atomic_write_chunks, sha256_file

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
JOURNAL = ".manifest.jsonl"
VERSION = 2

#: ``made_with`` of a recording: audio is saved as the server sent it, never redacted.
AUDIO = "audio"
#: ``made_with`` of a transcript file written without redaction.
PLAIN = "plain"


def made_with(redaction_rules: str | None) -> str:
    """What a transcript file's content depends on besides the call: the redaction rules."""
    return PLAIN if redaction_rules is None else f"redacted:{redaction_rules}"


@dataclass(frozen=True, slots=True)
class FileRecord:
    """One written file; ``made_with`` is None for files of a version-1 manifest (unknown)."""

    sha256: bytes
    size: int
    call_id: str
    made_with: str | None


@dataclass(frozen=True, slots=True)
class CallRecord:
    """What an export learnt of a call: its status then, and what became of its recording."""

    status: str
    partial: bool
    recording: str | None  # "saved", "unavailable: <reason>", or None (not asked for)


def rewrite_reason(old: str | None, new: str) -> str | None:
    """Why a file made with ``old`` options must be written again for ``new`` ones."""
    if old == new:
        return None
    if old is None:
        return "an earlier version recorded no options for it"
    if new == AUDIO or old == AUDIO:
        return "it was made differently"
    if old == PLAIN:
        return "it was made without redaction"
    if new == PLAIN:
        return "it was made with redaction"
    return "it was redacted with other rules"


class Manifest:
    """What an output folder holds, and the history of the runs that made it.

    Records are small slotted objects and the final manifest is streamed to disk, so memory
    stays nearly flat however many calls an export holds.
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.files: dict[str, FileRecord] = {}
        self.calls: dict[str, CallRecord] = {}
        self.runs: list[dict[str, Any]] = []
        self._by_call: dict[str, list[str]] | None = None
        self._journal: IO[str] | None = None
        self._interned: dict[str, str] = {}

    # -- reading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Read a finished run's manifest, then a killed run's journal (its last line may be
        cut short)."""
        path = self.out / MANIFEST
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                self._load_manifest(data)
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                log.warning("ignoring an unreadable %s", path)
        journal = self.out / JOURNAL
        if journal.exists():
            with journal.open(encoding="utf-8", errors="replace") as lines:
                for line in lines:
                    try:
                        self._load_entry(json.loads(line))
                    except (ValueError, KeyError, TypeError, AttributeError):
                        continue  # the line being written when the run was killed

    def _load_manifest(self, data: Mapping[str, Any]) -> None:
        runs = data.get("runs")
        if isinstance(runs, list):
            self.runs = [r for r in runs if isinstance(r, dict)]
        for name, entry in data.get("files", {}).items():
            self._load_entry({"path": name, **entry})
        for call_id, entry in (data.get("calls") or {}).items():
            self._load_entry({"call": call_id, **entry})

    def _load_entry(self, entry: Mapping[str, Any]) -> None:
        if "call" in entry:
            recording = entry.get("recording")
            self.calls[str(entry["call"])] = CallRecord(
                str(entry["status"]),
                bool(entry.get("partial", False)),
                recording if isinstance(recording, str) else None,
            )
            return
        relative = str(entry["path"])
        if not is_own_name(relative):
            # A manifest is data from disk: a path that leaves the folder ("../x", "/etc/x")
            # must never be checked, rewritten or removed.
            log.warning("ignoring a manifest entry outside the folder: %r", relative)
            return
        if entry.get("removed"):
            self.files.pop(relative, None)
            return
        made = entry.get("made_with")
        self.files[relative] = FileRecord(
            bytes.fromhex(entry["sha256"]),
            int(entry["bytes"]),
            str(entry["call_id"]),
            self._intern(made) if isinstance(made, str) else None,
        )

    def _intern(self, text: str) -> str:
        return self._interned.setdefault(text, text)

    def base_names(self) -> dict[str, str]:
        """Base name (file name without extension) -> call id, for every recorded file."""
        return {name.rsplit(".", 1)[0]: rec.call_id for name, rec in self.files.items()}

    def files_of(self, call_id: str) -> list[str]:
        if self._by_call is None:
            self._by_call = {}
            for name, rec in self.files.items():
                self._by_call.setdefault(rec.call_id, []).append(name)
        return list(self._by_call.get(call_id, ()))

    def check(self, relative: str, wanted: str) -> tuple[bool, str | None]:
        """(complete, reason): whether ``relative`` is on disk as recorded and made with
        ``wanted``; if not, why an existing file must be written again (None: it is new)."""
        record = self.files.get(relative)
        if record is None:
            return False, None
        call = self.calls.get(record.call_id)
        if call is not None and call.partial:
            return False, "the call was still active when it was exported"
        reason = rewrite_reason(record.made_with, wanted)
        if reason is not None:
            return False, reason
        path = self.out / relative
        if not path.is_file():
            return False, None
        if path.stat().st_size != record.size or sha256_file(path) != record.sha256.hex():
            return False, "it was changed or damaged since it was written"
        return True, None

    # -- writing ---------------------------------------------------------------------------

    def _write(self, record: Mapping[str, Any]) -> None:
        if self._journal is None:
            self._journal = _open_journal(self.out / JOURNAL)
        self._journal.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._journal.flush()

    def add_file(self, relative: str, sha256: str, size: int, call_id: str, made: str) -> None:
        self.files[relative] = FileRecord(bytes.fromhex(sha256), size, call_id, self._intern(made))
        if self._by_call is not None and relative not in self._by_call.setdefault(call_id, []):
            self._by_call[call_id].append(relative)
        self._write(
            {
                "path": relative,
                "sha256": sha256,
                "bytes": size,
                "call_id": call_id,
                "made_with": made,
            }
        )

    def add_call(self, call_id: str, record: CallRecord) -> None:
        self.calls[call_id] = record
        self._write(
            {
                "call": call_id,
                "status": record.status,
                "partial": record.partial,
                "recording": record.recording,
            }
        )

    def remove_file(self, relative: str) -> None:
        """Delete a recorded file from the folder and the manifest."""
        record = self.files.pop(relative, None)
        (self.out / relative).unlink(missing_ok=True)
        if record is not None and self._by_call is not None:
            names = self._by_call.get(record.call_id, [])
            if relative in names:
                names.remove(relative)
        self._write({"path": relative, "removed": True})

    def finish(self, run: dict[str, Any]) -> None:
        """Write the manifest with ``run`` appended to the history, then drop the journal."""
        self.close()
        self.runs.append(run)
        atomic_write_chunks(self.out / MANIFEST, self._manifest_json())
        (self.out / JOURNAL).unlink(missing_ok=True)

    def _manifest_json(self) -> Iterator[bytes]:
        """``{"version": 2, "runs": [...], "files": {...}, "calls": {...}}``, sorted, indented."""
        runs = json.dumps(self.runs, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        yield f'{{\n  "version": {VERSION},\n  "runs": {runs},\n  "files": {{'.encode()
        for i, name in enumerate(sorted(self.files)):
            rec = self.files[name]
            entry = {
                "sha256": rec.sha256.hex(),
                "bytes": rec.size,
                "call_id": rec.call_id,
                "made_with": rec.made_with,
            }
            yield _member(i, name, entry)
        yield b'\n  },\n  "calls": {' if self.files else b'},\n  "calls": {'
        for i, call_id in enumerate(sorted(self.calls)):
            call = self.calls[call_id]
            entry = {"status": call.status, "partial": call.partial, "recording": call.recording}
            yield _member(i, call_id, entry)
        yield b"\n  }\n}\n" if self.calls else b"}\n}\n"

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None


def is_own_name(relative: str) -> bool:
    """A name an export writes: one plain file name in the folder, never a path."""
    return (
        bool(relative)
        and relative == Path(relative).name
        and "\\" not in relative
        and not relative.startswith(".")
    )


def _open_journal(path: Path) -> IO[str]:
    """Append to the journal, never through a symbolic link planted in its place."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError:
        if not path.is_symlink():
            raise
        path.unlink()
        fd = os.open(path, flags, 0o644)
    return os.fdopen(fd, "a", encoding="utf-8")


def _member(i: int, key: str, entry: Mapping[str, Any]) -> bytes:
    body = json.dumps(entry, indent=2, ensure_ascii=False).replace("\n", "\n    ")
    return f"{',' if i else ''}\n    {json.dumps(key, ensure_ascii=False)}: {body}".encode()


class NoManifest(Manifest):
    """Nothing is remembered: every file is written afresh and no manifest is left behind
    (one call exported into a user's own folder, where a manifest would only be clutter)."""

    def load(self) -> None:
        pass

    def check(self, relative: str, wanted: str) -> tuple[bool, str | None]:
        return False, None

    def _write(self, record: Mapping[str, Any]) -> None:
        pass

    def finish(self, run: dict[str, Any]) -> None:
        pass
