"""The audit trail: an append-only JSON Lines file where each entry holds the SHA-256 of the one
before it, so that an edited, removed or reordered line is found by ``verify``.

Each line is one JSON object: ``seq`` (1, 2, ...), ``at`` (UTC), ``event``, ``reviewer``,
``source`` (the account's API or library), ``call_id`` (or null), ``data``, ``prev`` (the
previous entry's ``hash``; 64 zeros for the first) and ``hash``: the SHA-256 of the entry's
canonical JSON without ``hash`` (sorted keys, no spaces, UTF-8). A signed head file beside
the log (``audit.head.json``: the last ``seq`` and ``hash``, signed with the reviewer's key)
also catches lines cut from the end.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.accounts import ACCOUNT_ADDED as ACCOUNT_ADDED
from app.accounts import ACCOUNT_REMOVED as ACCOUNT_REMOVED
from app.accounts import data_dir
from app.errors import AurionError, ConfigurationError
from app.i18n import QT_TRANSLATE_NOOP
from app.models import format_timestamp, parse_timestamp
from app.review.identity import Reviewer, ReviewerStore, Signer, verify_signature
from app.storage import atomic_write_text

AUDIT_FILE = "audit.jsonl"
HEAD_FILE = "audit.head.json"
GENESIS = "0" * 64

# What is recorded (never an API key, never a whole signed URL).
CALL_OPENED = "call.opened"
RECORDING_LISTENED = "recording.listened"
RECORDING_DOWNLOADED = "recording.downloaded"
EXPORT_DONE = "export.done"
PACK_CREATED = "pack.created"
NOTE_ADDED = "note.added"
NOTE_CHANGED = "note.changed"
NOTE_DELETED = "note.deleted"
SCORECARD_SAVED = "scorecard.saved"
SCORECARD_SUBMITTED = "scorecard.submitted"
SCORECARD_DISCARDED = "scorecard.discarded"
REVIEW_IMPORTED = "review.imported"
REVIEW_EXPORTED = "review.exported"
# account.added, account.removed: ACCOUNT_ADDED, ACCOUNT_REMOVED (app.accounts records them)


class AuditError(AurionError):
    """The audit trail cannot be written or read."""

    title = QT_TRANSLATE_NOOP("AurionError", "Audit trail")


def audit_path() -> Path:
    return data_dir() / AUDIT_FILE


def open_trail(path: Path | None = None) -> AuditLog:
    """The user's audit trail, recorded as the reviewer of their preferences."""
    store = ReviewerStore()
    reviewer = store.load()
    return AuditLog(reviewer, path or audit_path(), Signer(reviewer, store))


#: At most this many call ids in one entry: a run over many calls writes several entries
#: (``part``: "2/3"), so that no line of the trail grows without bound.
AUDIT_IDS = 500


def chunked_ids(call_ids: list[str]) -> Iterator[tuple[list[str], dict[str, str]]]:
    """The ids in chunks of ``AUDIT_IDS``, each with its ``part`` when there are several
    (nothing for no ids)."""
    chunks = [call_ids[i : i + AUDIT_IDS] for i in range(0, len(call_ids), AUDIT_IDS)]
    for number, chunk in enumerate(chunks, 1):
        yield chunk, ({"part": f"{number}/{len(chunks)}"} if len(chunks) > 1 else {})


def concerns(raw: Mapping[str, Any], call_id: str) -> bool:
    """An entry about this call: its own, or a run's (an export) that names it."""
    if raw.get("call_id") == call_id:
        return True
    data = raw.get("data")
    ids = data.get("call_ids") if isinstance(data, Mapping) else None
    return isinstance(ids, list) and call_id in ids


def canonical(entry: Mapping[str, Any]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def entry_hash(entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical({k: v for k, v in entry.items() if k != "hash"})).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    event: str
    reviewer: Mapping[str, str]
    source: str | None
    call_id: str | None
    data: Mapping[str, Any]
    prev: str
    hash: str

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> AuditEntry:
        return cls(
            seq=int(raw["seq"]),
            at=parse_timestamp(str(raw["at"])),
            event=str(raw["event"]),
            reviewer=dict(raw.get("reviewer") or {}),
            source=raw.get("source"),
            call_id=raw.get("call_id"),
            data=dict(raw.get("data") or {}),
            prev=str(raw["prev"]),
            hash=str(raw["hash"]),
        )


class AuditLog:
    """Appends entries to the chain; safe across threads and processes (an exclusive file lock
    while the last entry is read and the next one written)."""

    def __init__(
        self,
        reviewer: Reviewer,
        path: Path | None = None,
        signer: Signer | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.reviewer = reviewer
        self.path = path or audit_path()
        self.signer = signer
        self._clock = clock
        self._lock = threading.Lock()

    @property
    def head_path(self) -> Path:
        return self.path.with_name(HEAD_FILE)

    def require_signer(self) -> Signer:
        """The signer, its key at hand: ``KeyStoreUnavailableError`` without a keyring."""
        if self.signer is None:
            raise ConfigurationError("No signing key is set up for this reviewer.")
        self.signer.key()
        return self.signer

    def append(
        self,
        event: str,
        *,
        call_id: str | None = None,
        source: str | None = None,
        data: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        entry: dict[str, Any] = {
            "seq": 0,
            "at": format_timestamp(self._clock()),
            "event": event,
            "reviewer": self.reviewer.as_json(),
            "source": source,
            "call_id": call_id,
            "data": dict(data or {}),
            "prev": GENESIS,
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._lock, self.path.open("a+b") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                last = _last_line(handle)
                if last is not None:
                    previous = json.loads(last)
                    entry["seq"] = int(previous["seq"]) + 1
                    entry["prev"] = str(previous["hash"])
                else:
                    entry["seq"] = 1
                entry["hash"] = entry_hash(entry)
                handle.seek(0, os.SEEK_END)
                handle.write(canonical(entry) + b"\n")
                handle.flush()
                os.fsync(handle.fileno())
                self._write_head(entry["seq"], entry["hash"])
        except (OSError, ValueError, KeyError) as exc:
            raise AuditError(f"Could not write the audit trail {self.path}: {exc}") from exc
        return AuditEntry.from_json(entry)

    def _write_head(self, seq: int, last_hash: str) -> None:
        head: dict[str, Any] = {"seq": seq, "hash": last_hash}
        if self.signer is not None:
            with contextlib.suppress(AurionError):  # no keyring: the head is kept unsigned
                head["public_key"] = self.signer.public_key()
                head["signature"] = self.signer.sign(canonical({"seq": seq, "hash": last_hash}))
        atomic_write_text(self.head_path, json.dumps(head) + "\n")

    def entries(
        self, call_id: str | None = None, since: datetime | None = None
    ) -> Iterator[AuditEntry]:
        """The entries in order, optionally of one call and from a time on (lines that cannot
        be read are skipped here: ``verify`` reports them)."""
        if not self.path.exists():
            return
        with self.path.open("rb") as handle:
            for line in handle:
                try:
                    raw = json.loads(line)
                    entry = AuditEntry.from_json(raw)
                except (ValueError, KeyError, TypeError):
                    continue
                if call_id is not None and not concerns(raw, call_id):
                    continue
                if since is not None and entry.at < since:
                    continue
                yield entry


def _last_line(handle: Any) -> bytes | None:
    """The last non-empty line of an open binary file, read from its end."""
    handle.seek(0, os.SEEK_END)
    end = handle.tell()
    if end == 0:
        return None
    block = 4096
    data = b""
    position = end
    while position > 0:
        step = min(block, position)
        position -= step
        handle.seek(position)
        data = handle.read(step) + data
        lines = data.rstrip(b"\n").split(b"\n")
        if len(lines) > 1 or position == 0:
            return lines[-1] if lines[-1] else None
    return None


@dataclass
class Verdict:
    """What ``verify`` found: ``ok``, how many entries, and the first broken line."""

    entries: int = 0
    broken_line: int | None = None
    problem: str = ""
    head_checked: bool = False
    signed_by: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.broken_line is None and not self.problem


def verify_lines(lines: list[bytes], head: Mapping[str, Any] | None = None) -> Verdict:
    """Check a chain of lines (and, when given, the head that should end it)."""
    verdict = Verdict()
    previous_hash, previous_seq = GENESIS, 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            verdict.broken_line, verdict.problem = number, "an empty line"
            return verdict
        try:
            raw = json.loads(line)
            recorded = str(raw["hash"])
            seq = int(raw["seq"])
            prev = str(raw["prev"])
        except (ValueError, KeyError, TypeError):
            verdict.broken_line, verdict.problem = number, "not an audit entry"
            return verdict
        if entry_hash(raw) != recorded:
            verdict.broken_line = number
            verdict.problem = "the entry was changed after it was written"
            return verdict
        if prev != previous_hash or seq != previous_seq + 1:
            verdict.broken_line = number
            verdict.problem = (
                f"the entry before it is missing or out of order (entry {seq} follows "
                f"entry {previous_seq})"
            )
            return verdict
        previous_hash, previous_seq = recorded, seq
        verdict.entries += 1
    if head is not None:
        verdict.head_checked = True
        if head.get("seq") != previous_seq or head.get("hash") != previous_hash:
            verdict.broken_line = len(lines) + 1
            verdict.problem = (
                f"entries are missing at the end: the head records {head.get('seq')} entries, "
                f"the file holds {previous_seq}"
            )
            return verdict
        signature, public = head.get("signature"), head.get("public_key")
        if isinstance(signature, str) and isinstance(public, str):
            signed = canonical({"seq": head.get("seq"), "hash": head.get("hash")})
            if not verify_signature(public, signature, signed):
                verdict.broken_line = len(lines) + 1
                verdict.problem = "the head's signature does not match it"
                return verdict
            verdict.signed_by = public
        else:
            verdict.notes.append("the head is not signed")
    return verdict


def verify_file(path: Path) -> Verdict:
    """Check the audit trail at ``path`` and its head file."""
    try:
        lines = path.read_bytes().splitlines() if path.exists() else []
    except OSError as exc:
        raise AuditError(f"Could not read the audit trail {path}: {exc}") from exc
    head_path = path.with_name(HEAD_FILE)
    head: Mapping[str, Any] | None = None
    if head_path.exists():
        try:
            loaded = json.loads(head_path.read_text(encoding="utf-8"))
            head = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            head = {}
    verdict = verify_lines(lines, head)
    if head is None and lines:
        verdict.notes.append("no head file: lines cut from the end would not be noticed")
    return verdict


def audit_lines_for(path: Path, call_ids: set[str]) -> list[bytes]:
    """The raw lines of these calls (and none other), as a pack carries them."""
    if not path.exists():
        return []
    found = []
    with path.open("rb") as handle:
        for line in handle:
            with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                raw = json.loads(line)
                if any(concerns(raw, call_id) for call_id in call_ids):
                    found.append(line.rstrip(b"\n"))
    return found


# -- listening -----------------------------------------------------------------------------


class ListeningTracker:
    """Turns a player's position ticks into listened intervals, merged, one audit entry per
    call (not one line per tick); flushed when playback pauses, jumps or changes call."""

    #: A forward step larger than this (seconds) is a seek, not listening.
    MAX_STEP = 2.0

    def __init__(self, record: Callable[[str, list[tuple[float, float]]], None]) -> None:
        self._record = record
        self._call: str | None = None
        self._intervals: list[list[float]] = []
        self._last: float | None = None

    def position(self, call_id: str, seconds: float) -> None:
        if call_id != self._call:
            self.flush()
            self._call = call_id
        last = self._last
        if last is not None and 0 <= seconds - last <= self.MAX_STEP and self._intervals:
            self._intervals[-1][1] = max(self._intervals[-1][1], seconds)
        else:
            self._intervals.append([seconds, seconds])
        self._last = seconds

    def paused(self) -> None:
        """Playback stopped or paused: the next tick starts a new interval."""
        self._last = None

    def flush(self) -> None:
        """Record what was listened to of the current call, merged, and start afresh."""
        if self._call is not None:
            merged = merge_intervals((a, b) for a, b in self._intervals if b > a)
            if merged:
                self._record(self._call, merged)
        self._call, self._intervals, self._last = None, [], None


def merge_intervals(intervals: Iterator[tuple[float, float]] | list[tuple[float, float]]
                    ) -> list[tuple[float, float]]:  # fmt: skip
    """Sorted, overlapping or touching intervals joined: [(0, 5), (3, 9), (20, 25)] -> two."""
    merged: list[tuple[float, float]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1] + 0.5:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return [(round(a, 1), round(b, 1)) for a, b in merged]
