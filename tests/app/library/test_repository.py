"""The library file: migrations from older schemas, files that are not libraries, and calls
that move when their start time changes."""

from __future__ import annotations

import sqlite3
import stat
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from app.errors import LibraryError
from app.library import repository as repo
from app.library.library import Library, library_path, recordings_dir
from app.library.source import LibrarySource
from app.models import CallDetail, CallSummary, Transcript, format_timestamp, parse_timestamp
from app.source import CallQuery
from tests.app.library.conftest import run, with_library
from tests.scripted_server import call


def test_a_new_library_has_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    run(with_library(path, lambda lib: lib.stats()))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == repo.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == repo.APPLICATION_ID
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def version_1_library(path: Path) -> None:
    """A library as schema version 1 left it: a call, its transcript, its index entries.
    Written with SQL as that version wrote it (the code of today writes today's schema)."""
    conn = sqlite3.connect(path, isolation_level=None)
    repo.migrate(conn, target=1)
    detail = call("call_v1", "2026-03-08T10:30:00Z", requester_name="Élodie Lefèvre").detail
    started = repo.to_ms(parse_timestamp(detail["started_at"]))
    key = (started - repo.KEY_EPOCH_MS) << repo.SLOT_BITS
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO calls (key, id, started_ms, ended_ms, duration_seconds, caller_id, channel, "
        "status, language, lang, requester_id, requester_name, first_ticket, authenticated, "
        "escalated, sentiment, summary_hash, stale, has_detail, segment_count, "
        "transcript_base_ms, first_seen_ms, last_seen_ms) VALUES (?, 'call_v1', ?, ?, 20, "
        "'+33612345678', 'phone', 'completed', 'fr-FR', 'fr-fr', 42, 'Élodie Lefèvre', 1042, 1, "
        "0, 'neutral', 7, 0, 1, 2, ?, ?, ?)",
        (key, started, started + 20_000, started, started, started),
    )
    conn.execute(
        "INSERT INTO call_json (key, summary, detail, transcript) VALUES (?, NULL, ?, NULL)",
        (key, orjson.dumps(detail)),
    )
    conn.execute("INSERT INTO speakers (id, name) VALUES (1, 'agent'), (2, 'caller')")
    for seq, (speaker, text) in enumerate(
        [(1, "Bonjour, Aurion support."), (2, "Ma résiliation ne passe pas.")]
    ):
        pos = (key << repo.SEQ_BITS) | seq
        conn.execute(
            "INSERT INTO segments (pos, speaker, text, offset_ms, raw) VALUES (?, ?, ?, ?, NULL)",
            (pos, speaker, text, seq * 1000),
        )
        conn.execute("INSERT INTO segments_fts (rowid, text) VALUES (?, ?)", (pos, text))
    conn.execute("COMMIT")
    conn.close()


def test_a_version_1_library_is_migrated_and_keeps_its_calls(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    version_1_library(path)

    async def go(library: Library) -> None:
        source = LibrarySource(library)
        detail = await source.get_call("call_v1")
        assert detail.requester_name == "Élodie Lefèvre"
        transcript = await source.get_transcript("call_v1")
        assert [s.text for s in transcript.segments][1] == "Ma résiliation ne passe pas."
        assert (await source.search("resiliation")).hits[0].call_id == "call_v1"
        # What versions 2 and 3 added works on the old rows: the requester is searched,
        # recordings can be kept.
        hits = (await source.search("lefevre")).hits
        assert [(h.call_id, h.field) for h in hits] == [("call_v1", "requester_name")]
        assert await library.keep_offline(["call_v1"]) == []
        assert (await source.list_calls(CallQuery(sort_by="requester_name"))).total == 1

    run(with_library(path, go))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == repo.SCHEMA_VERSION
    conn.close()


def test_a_failed_migration_step_leaves_the_library_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite3"
    version_1_library(path)
    broken = (repo.MIGRATIONS[0], (*repo.MIGRATIONS[1], "CREATE TABLE oops (syntax error"))
    monkeypatch.setattr(repo, "MIGRATIONS", (*broken, *repo.MIGRATIONS[2:]))
    with pytest.raises(LibraryError, match="Could not bring the library to schema 2"):
        run(with_library(path, lambda lib: lib.stats()))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "recordings" not in tables and "oops" not in tables
    conn.close()
    monkeypatch.undo()
    run(with_library(path, lambda lib: lib.stats()))  # and the real migration then works


def test_a_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    run(with_library(path, lambda lib: lib.stats()))
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {repo.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer version"):
        run(with_library(path, lambda lib: lib.stats()))


@pytest.mark.parametrize("kind", ["text", "other database", "other app id"])
def test_a_file_that_is_not_a_library_is_refused_and_left_alone(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    if kind == "text":
        path.write_text("my notes, not a database\n" * 200)
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (body TEXT)")
        if kind == "other app id":
            conn.execute("PRAGMA application_id = 42")
        conn.commit()
        conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="not a library"):
        run(with_library(path, lambda lib: lib.stats()))
    assert path.read_bytes() == before


def test_opening_a_missing_library_for_reading_says_to_sync(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="run `aurion-review sync` first"):
        run(LibrarySource.open(tmp_path / "none.sqlite3"))
    assert not (tmp_path / "none.sqlite3").exists()


def test_one_library_per_account(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AURION_DATA_DIR", str(tmp_path))
    a = library_path("https://apps.aurionai.net/api/v1")
    assert a == library_path("https://apps.aurionai.net/api/v1/")
    assert a.parent == tmp_path / "libraries" and a.name.startswith("apps.aurionai.net-")
    assert a != library_path("https://apps.aurionai.net/other/api/v1")
    assert recordings_dir(a).name == a.name.removesuffix(".sqlite3") + ".recordings"


# -- keys ------------------------------------------------------------------------------------


def summary(call_id: str, started: str, **fields: Any) -> CallSummary:
    return CallSummary.from_json(call(call_id, started, **fields).summary())


def fetched(call_id: str, started: str, texts: list[str]) -> repo.Fetched:
    scripted = call(call_id, started)
    scripted.segments = [{"speaker": "agent", "text": t, "timestamp": started} for t in texts]
    transcript = Transcript.from_json({"call_id": call_id, "segments": scripted.segments})
    return repo.Fetched(call_id, CallDetail.from_json(scripted.detail), transcript)


def test_a_call_whose_start_changes_moves_with_its_transcript(tmp_path: Path) -> None:
    conn = repo.connect(tmp_path / "l.sqlite3")
    repo.record_listing(conn, [summary("call_a", "2026-03-08T10:00:00Z")], 1)
    repo.store_fetched(
        conn, [fetched("call_a", "2026-03-08T10:00:00Z", ["résiliation demandée"])], 2
    )
    before = repo.call_state(conn, "call_a")
    assert before is not None and repo.is_placed(before.key)

    states = repo.record_listing(conn, [summary("call_a", "2026-03-09T08:00:00Z")], 3)
    assert states == [("call_a", repo.Listed.CHANGED)]
    after = repo.call_state(conn, "call_a")
    assert after is not None and after.key != before.key and after.stale
    assert after.key >> repo.SLOT_BITS == (
        repo.to_ms(summary("x", "2026-03-09T08:00:00Z").started_at) - repo.KEY_EPOCH_MS
    )
    # Its segments and their index entries moved with it.
    hits, _ = repo.search_hits(conn, '"resiliation"', repo.Filters(), 10, 0, True)
    assert [(h.call_id, h.key, h.seq) for h in hits] == [("call_a", after.key, 0)]
    assert repo.get_transcript_json(conn, "call_a") == {
        "call_id": "call_a",
        "segments": [
            {
                "speaker": "agent",
                "text": "résiliation demandée",
                "timestamp": "2026-03-08T10:00:00Z",
            }
        ],
    }
    count = conn.execute("SELECT count(*) FROM segments").fetchone()[0]
    assert count == 1
    integrity = conn.execute(
        "INSERT INTO segments_fts (segments_fts, rank) VALUES ('integrity-check', 1)"
    )
    assert integrity is not None  # raises on a corrupt index
    conn.close()


def test_calls_in_one_millisecond_and_out_of_range_sort_by_start(tmp_path: Path) -> None:
    conn = repo.connect(tmp_path / "l.sqlite3")
    same = [summary(f"call_{i:02d}", "2026-03-08T10:00:00.500Z") for i in range(repo.SLOTS + 3)]
    odd = [
        summary("call_1999", "1999-12-31T23:59:59Z"),
        summary("call_2200", "2200-01-01T00:00:00Z"),
    ]
    around = [
        summary("call_before", "2026-03-08T10:00:00.499Z"),
        summary("call_after", "2026-03-08T10:00:00.501Z"),
    ]
    repo.record_listing(conn, [*same, *odd, *around], 1)
    keys = {
        s.call_id: s.key for s in (repo.call_state(conn, c.id) for c in [*same, *odd, *around]) if s
    }
    assert sum(repo.is_placed(keys[c.id]) for c in same) == repo.SLOTS
    assert not repo.is_placed(keys["call_1999"]) and not repo.is_placed(keys["call_2200"])
    rows, total = repo.page_calls(conn, repo.Filters(), None, "started_at", False, 100, 0)
    order = [str(orjson.loads(r.summary or b"")["id"]) for r in rows]
    assert total == len(order) == repo.SLOTS + 7
    assert order[0] == "call_1999" and order[-1] == "call_2200"
    assert order[1] == "call_before" and order[-2] == "call_after"
    conn.close()


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-03-08T10:30:05Z", "2026-03-08T10:30:05.123Z", "2026-03-08T10:30:05.100Z",
        "2026-03-08T10:30:05.000Z", "2026-03-08T10:30:05.1Z", "2026-03-08T10:30:05.123456Z",
        "2026-03-08T10:30:05z", "2026-03-08T10:30:05+00:00", "2026-03-08T11:30:05+01:00",
        "2026-12-31T23:59:60Z", "0001-01-01T00:00:00Z", "0999-12-31T23:59:59Z",
        "1000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "2026-03-08T10:30:05.001Z",
        "2026-03-08T10:30:05.010Z", "2026-03-08 10:30:05Z", "2026-03-08T10:30Z",
    ],
)  # fmt: skip
def test_a_timestamp_is_rebuilt_only_when_it_would_be_written_the_same(stamp: str) -> None:
    """The fast check agrees with formatting the parsed timestamp back."""
    try:
        parsed = parse_timestamp(stamp)
    except ValueError:
        pytest.skip("not a timestamp the models accept")
    same = format_timestamp(parsed) == stamp
    assert (repo.CANONICAL_STAMP.fullmatch(stamp) is not None) == same


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_library_is_readable_by_its_user_only(tmp_path: Path) -> None:
    path = tmp_path / "libraries" / "l.sqlite3"
    run(with_library(path, lambda lib: lib.stats()))
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_version_3_library_gains_the_review_workspace(tmp_path: Path) -> None:
    """A library made by schema 3 (before notes and scorecards) is migrated: its calls are
    unreviewed, can be reviewed, filtered and sorted by review status."""
    from app.review.audit import AuditLog
    from app.review.identity import Reviewer
    from app.review.scorecard import Answer, default_template
    from app.review.store import IN_REVIEW, UNREVIEWED, ReviewStore
    from app.source import CallFilters

    path = tmp_path / "v3.sqlite3"
    version_1_library(path)
    conn = sqlite3.connect(path, isolation_level=None)
    assert repo.migrate(conn, target=3) == 3
    assert "review_status" not in {r[1] for r in conn.execute("PRAGMA table_info(calls)")}
    conn.close()

    async def go(library: Library) -> None:
        store = ReviewStore(library, AuditLog(Reviewer("Ana"), tmp_path / "audit.jsonl"))
        source = LibrarySource(library)
        assert await store.status("call_v1") == UNREVIEWED
        await store.save_scorecard("call_v1", default_template(), [Answer("greeting", "yes")])
        query = CallQuery(sort_by="review_status", filters=CallFilters(
            review_status=frozenset({IN_REVIEW})))  # fmt: skip
        assert [c.id for c in (await source.list_calls(query)).data] == ["call_v1"]
        assert (await source.get_transcript("call_v1")).segments[0].text.startswith("Bonjour")

    run(with_library(path, go))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == repo.SCHEMA_VERSION == 4
    assert conn.execute("SELECT review_status FROM calls").fetchall() == [(1,)]
    conn.close()
