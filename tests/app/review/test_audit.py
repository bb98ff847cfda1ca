"""Specification of the audit trail: a hash chain that finds edited, removed, reordered or cut
lines, and listening merged into intervals."""

from __future__ import annotations

import json
import multiprocessing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.review import audit
from app.review.audit import AuditLog, ListeningTracker, merge_intervals, verify_file
from app.review.identity import Reviewer, ReviewerStore, Signer

ME = Reviewer("Ana Lopez", "ana@example.org")


@pytest.fixture
def log(tmp_path: Path) -> AuditLog:
    signer = Signer(ME, ReviewerStore(tmp_path / "reviewer.json"))
    trail = AuditLog(ME, tmp_path / "audit.jsonl", signer)
    trail.append(audit.ACCOUNT_ADDED, data={"profile": "Prod", "base_url": "https://x/api/v1"})
    trail.append(audit.CALL_OPENED, call_id="call_a", source="https://x/api/v1")
    trail.append(audit.RECORDING_LISTENED, call_id="call_a", data={"intervals": [[0, 12.5]]})
    trail.append(audit.NOTE_ADDED, call_id="call_b", data={"offset": 3.0, "text": "late greeting"})
    trail.append(audit.EXPORT_DONE, data={"formats": ["txt"], "redacted": True, "calls": 2})
    return trail


def lines(log: AuditLog) -> list[str]:
    return log.path.read_text(encoding="utf-8").splitlines()


def test_an_intact_trail_verifies_and_is_signed(log: AuditLog) -> None:
    verdict = verify_file(log.path)
    assert verdict.ok and verdict.entries == 5 and verdict.head_checked
    assert verdict.signed_by == log.signer.public_key()  # type: ignore[union-attr]
    entries = list(log.entries())
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert entries[0].prev == audit.GENESIS and entries[1].prev == entries[0].hash
    assert entries[2].reviewer == {"name": "Ana Lopez", "email": "ana@example.org"}
    assert [e.event for e in log.entries(call_id="call_a")] == ["call.opened", "recording.listened"]


@pytest.mark.parametrize(
    ("tamper", "line", "says"),
    [
        (lambda ls: ls.__setitem__(2, ls[2].replace("12.5", "99")), 3, "changed"),
        (lambda ls: ls.pop(1), 2, "missing or out of order"),
        (lambda ls: ls.insert(1, ls.pop(2)), 2, "missing or out of order"),
        (lambda ls: ls.pop(), 5, "missing at the end"),
        (lambda ls: ls.append(ls[0]), 6, "missing or out of order"),
    ],
    ids=["edited", "deleted", "reordered", "cut at the end", "replayed"],
)
def test_tampering_names_the_first_broken_line(
    log: AuditLog, tamper: object, line: int, says: str
) -> None:
    content = lines(log)
    tamper(content)  # type: ignore[operator]
    log.path.write_text("\n".join(content) + "\n", encoding="utf-8")
    verdict = verify_file(log.path)
    assert not verdict.ok and verdict.broken_line == line and says in verdict.problem


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(log: AuditLog) -> None:
    content = lines(log)
    entry = json.loads(content[1])
    entry["call_id"] = "call_z"
    entry["hash"] = audit.entry_hash(entry)
    content[1] = audit.canonical(entry).decode()
    log.path.write_text("\n".join(content) + "\n", encoding="utf-8")
    verdict = verify_file(log.path)
    assert verdict.broken_line == 3


def test_a_forged_head_fails_its_signature(log: AuditLog) -> None:
    content = lines(log)[:-1]
    log.path.write_text("\n".join(content) + "\n", encoding="utf-8")
    head = json.loads(log.head_path.read_text())
    last = json.loads(content[-1])
    head.update(seq=last["seq"], hash=last["hash"])  # the signature still signs entry 5
    log.head_path.write_text(json.dumps(head))
    verdict = verify_file(log.path)
    assert not verdict.ok and "signature" in verdict.problem


def _append_many(path: str, who: str) -> None:
    trail = AuditLog(Reviewer(who), Path(path))
    for i in range(50):
        trail.append(audit.CALL_OPENED, call_id=f"{who}-{i}")


def test_two_processes_appending_at_once_keep_one_chain(tmp_path: Path) -> None:
    path = str(tmp_path / "audit.jsonl")
    workers = [multiprocessing.Process(target=_append_many, args=(path, w)) for w in "ab"]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    verdict = verify_file(Path(path))
    assert verdict.ok and verdict.entries == 100


def test_no_key_and_no_signed_url_reach_the_trail(log: AuditLog) -> None:
    text = log.path.read_text()
    assert "ak_" not in text and "Signature" not in text


def test_listening_ticks_become_merged_intervals_one_entry_per_call() -> None:
    recorded: list[tuple[str, list[tuple[float, float]]]] = []
    tracker = ListeningTracker(lambda call, spans: recorded.append((call, spans)))
    for tick in range(0, 11):  # 0..10 s, every second
        tracker.position("call_a", float(tick))
    tracker.position("call_a", 30.0)  # a seek
    tracker.position("call_a", 31.0)
    tracker.paused()
    tracker.position("call_a", 5.0)  # played again from 5 to 8: overlaps what was heard
    tracker.position("call_a", 8.0)
    tracker.position("call_b", 0.0)  # another call: call_a is recorded
    tracker.position("call_b", 1.0)
    tracker.flush()
    assert recorded == [("call_a", [(0.0, 10.0), (30.0, 31.0)]), ("call_b", [(0.0, 1.0)])]


def test_merge_intervals() -> None:
    assert merge_intervals([(20, 25), (0, 5), (3, 9), (9.3, 10)]) == [(0, 10), (20, 25)]


def test_entries_since(log: AuditLog) -> None:
    assert len(list(log.entries(since=datetime(2000, 1, 1, tzinfo=UTC)))) == 5
    assert list(log.entries(since=datetime(2999, 1, 1, tzinfo=UTC))) == []
