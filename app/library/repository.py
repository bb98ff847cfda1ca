"""The library's SQLite storage: schema, migrations and every query (no SQL lives elsewhere).

Layout, chosen for the searches and pages a reviewer asks for on 100,000 calls:

- ``calls.key`` (the integer primary key) is ordered by start time: the milliseconds since
  2000 shifted left by ``SLOT_BITS``, plus a slot for calls that start in the same
  millisecond. Sorting by start time is then a walk of the primary key, a date range a key
  range, and the full-text index (whose rowids derive from the key) yields the newest hits
  first without sorting them. A call whose start cannot be placed so (before 2000, after
  2139, more than 32 in one millisecond) gets a key in a reserved region at the top
  (``INEXACT_BASE``); queries merge those few in by their real start time.
- A transcript segment's key (``segments.pos``) is ``call key << SEQ_BITS | index``: a call's
  segments are one key range, so no index is needed to read, replace or move them.
- ``segments_fts`` indexes the segment text (external content: the text is stored once), with
  ``unicode61 remove_diacritics 2`` (case and accents ignored) and no per-row size table
  (``columnsize=0``: hits come in time order, never ranked).
- The raw JSON of each call is kept (``call_json``); a transcript's raw JSON is rebuilt from
  its segments, and only what cannot be rebuilt exactly (an extra field, a timestamp written
  another way) is kept beside a segment, so an export from the library equals one from the
  API byte for byte.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import orjson

from app.errors import LibraryError
from app.models import CallDetail, CallSummary, Transcript, format_timestamp

P = ParamSpec("P")
T = TypeVar("T")

#: ``PRAGMA application_id`` of a library file ("ACRL"): tells our files from other databases.
APPLICATION_ID = 0x4143524C

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
#: Keys count milliseconds from 2000-01-01T00:00:00Z.
KEY_EPOCH_MS = 946_684_800_000
SLOT_BITS = 5  # 32 calls may start in the same millisecond
TIME_BITS = 42  # 2^42 ms: about 139 years, up to 2139
SEQ_BITS = 16
#: The most segments a call's transcript may have in the library.
MAX_SEGMENTS = 1 << SEQ_BITS
SEQ_MASK = MAX_SEGMENTS - 1
KEY_LIMIT = 1 << (TIME_BITS + SLOT_BITS)
#: Keys from here up hold calls not placed by start time (see the module's docstring): the
#: last 2^20 ms (17 minutes) of 2139 are given up for them.
INEXACT_BASE = KEY_LIMIT - (1 << (20 + SLOT_BITS))
SLOTS = 1 << SLOT_BITS

#: The fields of a call in the API's list, in the API's order (a summary is kept only when
#: the detail does not repeat it exactly).
SUMMARY_KEYS = (
    "id", "caller_id", "channel", "status", "duration_seconds", "language", "started_at",
    "ended_at", "requester_id", "tickets_created", "authenticated",
)  # fmt: skip
_SEGMENT_KEYS = ["speaker", "text", "timestamp"]
#: A timestamp exactly as ``format_timestamp`` writes it (so that it can be rebuilt from
#: milliseconds): UTC ``Z``, years 1000 to 9999, no leap second, milliseconds only when not
#: zero. Much faster than formatting each one to compare.
CANONICAL_STAMP = re.compile(r"[1-9]\d{3}-\d\d-\d\dT\d\d:\d\d:[0-5]\d(?:\.(?!000)\d{3})?Z")

#: Sort fields of the library (``CallQuery.sort_by``, named like the model's attributes) and
#: the column each sorts on; every one has an index ``(column, key)``.
SORT_COLUMNS: dict[str, str] = {
    "started_at": "started_ms",
    "ended_at": "ended_ms",
    "duration_seconds": "duration_seconds",
    "caller_id": "caller_id",
    "channel": "channel",
    "status": "status",
    "language": "lang",
    "requester_id": "requester_id",
    "requester_name": "requester_name COLLATE NOCASE",
    "tickets_created": "first_ticket",
    "authenticated": "authenticated",
    "escalated": "escalated",
    "sentiment": "sentiment",
    "review_status": "review_status",
}
SORT_FIELDS = tuple(SORT_COLUMNS)

#: A call's review status, as ``calls.review_status`` holds it (its number is its place in
#: the sort order): nothing yet; notes or a draft scorecard; a submitted scorecard. Derived
#: from the review tables (``_REVIEW_STATUS_OF``), whoever's the notes and cards are.
REVIEW_STATUSES = ("unreviewed", "in_review", "reviewed")

#: Markers around matched words in snippets and highlights: private-use characters, which
#: speech-to-text never writes.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"

# -- schema --------------------------------------------------------------------------------

_TOKENIZER = "unicode61 remove_diacritics 2"

#: Each step takes the schema from version n to n + 1, in one transaction. Never edit a step
#: that has shipped: add one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: calls, transcripts and their full-text index, sync state.
    (
        "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        """CREATE TABLE calls (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            started_ms INTEGER NOT NULL,
            ended_ms INTEGER,
            duration_seconds INTEGER,
            caller_id TEXT NOT NULL,
            channel TEXT NOT NULL,
            status TEXT NOT NULL,
            language TEXT,
            lang TEXT,
            requester_id INTEGER,
            requester_name TEXT,
            first_ticket INTEGER,
            authenticated INTEGER NOT NULL,
            escalated INTEGER,
            sentiment TEXT,
            summary_hash INTEGER NOT NULL,
            stale INTEGER NOT NULL,
            has_detail INTEGER NOT NULL DEFAULT 0,
            segment_count INTEGER,
            transcript_base_ms INTEGER,
            first_seen_ms INTEGER NOT NULL,
            last_seen_ms INTEGER NOT NULL,
            fetched_ms INTEGER,
            missing_since_ms INTEGER,
            problem TEXT
        )""",
        "CREATE INDEX calls_started ON calls (started_ms, key)",
        "CREATE INDEX calls_ended ON calls (ended_ms, key)",
        "CREATE INDEX calls_duration ON calls (duration_seconds, key)",
        "CREATE INDEX calls_caller ON calls (caller_id, key)",
        "CREATE INDEX calls_channel ON calls (channel, key)",
        "CREATE INDEX calls_status ON calls (status, key)",
        "CREATE INDEX calls_lang ON calls (lang, key)",
        "CREATE INDEX calls_requester_id ON calls (requester_id, key)",
        "CREATE INDEX calls_requester_name ON calls (requester_name COLLATE NOCASE, key)",
        "CREATE INDEX calls_ticket ON calls (first_ticket, key)",
        "CREATE INDEX calls_authenticated ON calls (authenticated, key)",
        "CREATE INDEX calls_escalated ON calls (escalated, key)",
        "CREATE INDEX calls_sentiment ON calls (sentiment, key)",
        "CREATE INDEX calls_stale ON calls (key) WHERE stale = 1",
        "CREATE TABLE call_json (key INTEGER PRIMARY KEY, summary TEXT, detail TEXT, "
        "transcript TEXT)",
        "CREATE TABLE call_tools (tool TEXT NOT NULL, key INTEGER NOT NULL, "
        "PRIMARY KEY (tool, key)) WITHOUT ROWID",
        "CREATE INDEX call_tools_key ON call_tools (key)",
        "CREATE TABLE speakers (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
        "CREATE TABLE segments (pos INTEGER PRIMARY KEY, speaker INTEGER NOT NULL, "
        "text TEXT NOT NULL, offset_ms INTEGER NOT NULL, raw TEXT)",
        "CREATE VIRTUAL TABLE segments_fts USING fts5(text, content='segments', "
        f"content_rowid='pos', tokenize='{_TOKENIZER}', columnsize=0)",
    ),
    # 2: recordings: whether the API has one, and the ones kept offline.
    (
        """CREATE TABLE recordings (
            key INTEGER PRIMARY KEY,
            available INTEGER,
            reason TEXT,
            format TEXT,
            duration_seconds REAL,
            checked_ms INTEGER,
            keep INTEGER NOT NULL DEFAULT 0,
            file TEXT,
            size INTEGER,
            sha256 TEXT,
            kept_ms INTEGER
        )""",
        "CREATE INDEX recordings_kept ON recordings (key) WHERE file IS NOT NULL",
    ),
    # 3: caller and requester found by the same search as what was said.
    (
        "CREATE VIRTUAL TABLE calls_fts USING fts5(caller_id, requester_name, "
        f"content='calls', content_rowid='key', tokenize='{_TOKENIZER}')",
        "INSERT INTO calls_fts (calls_fts) VALUES ('rebuild')",
        """CREATE TRIGGER calls_fts_insert AFTER INSERT ON calls BEGIN
            INSERT INTO calls_fts (rowid, caller_id, requester_name)
            VALUES (new.key, new.caller_id, new.requester_name);
        END""",
        """CREATE TRIGGER calls_fts_delete AFTER DELETE ON calls BEGIN
            INSERT INTO calls_fts (calls_fts, rowid, caller_id, requester_name)
            VALUES ('delete', old.key, old.caller_id, old.requester_name);
        END""",
        """CREATE TRIGGER calls_fts_update AFTER UPDATE OF key, caller_id, requester_name
        ON calls BEGIN
            INSERT INTO calls_fts (calls_fts, rowid, caller_id, requester_name)
            VALUES ('delete', old.key, old.caller_id, old.requester_name);
            INSERT INTO calls_fts (rowid, caller_id, requester_name)
            VALUES (new.key, new.caller_id, new.requester_name);
        END""",
    ),
    # 4: the review workspace: notes, scorecard templates and scorecards (by call id: a note
    # may come before its call is synced, and a call's key moves with its start), and each
    # call's review status as a column (filtered and sorted like the others).
    (
        """CREATE TABLE review_notes (
            id TEXT PRIMARY KEY,
            call_id TEXT NOT NULL,
            offset_seconds REAL NOT NULL,
            segment_index INTEGER,
            text TEXT NOT NULL,
            tags TEXT NOT NULL,
            reviewer_name TEXT NOT NULL,
            reviewer_email TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL,
            deleted_ms INTEGER,
            origin TEXT
        ) WITHOUT ROWID""",
        "CREATE INDEX review_notes_call ON review_notes (call_id, offset_seconds)",
        "CREATE TABLE review_templates (key TEXT PRIMARY KEY, title TEXT NOT NULL, "
        "definition TEXT NOT NULL, added_ms INTEGER NOT NULL) WITHOUT ROWID",
        """CREATE TABLE review_scorecards (
            id TEXT PRIMARY KEY,
            call_id TEXT NOT NULL,
            template_key TEXT NOT NULL,
            template_title TEXT NOT NULL,
            answers TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
            quality REAL,
            compliance REAL,
            fatal TEXT NOT NULL,
            reviewer_name TEXT NOT NULL,
            reviewer_email TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL,
            submitted_ms INTEGER,
            supersedes TEXT,
            origin TEXT
        ) WITHOUT ROWID""",
        "CREATE INDEX review_scorecards_call ON review_scorecards (call_id, created_ms)",
        "ALTER TABLE calls ADD COLUMN review_status INTEGER NOT NULL DEFAULT 0",
        "CREATE INDEX calls_review_status ON calls (review_status, key)",
        # A call synced after it was reviewed (notes on a call seen on the API only).
        """CREATE TRIGGER calls_review_status AFTER INSERT ON calls
        WHEN EXISTS (SELECT 1 FROM review_notes WHERE call_id = new.id)
          OR EXISTS (SELECT 1 FROM review_scorecards WHERE call_id = new.id)
        BEGIN
            UPDATE calls SET review_status = CASE
                WHEN EXISTS (SELECT 1 FROM review_scorecards s
                             WHERE s.call_id = new.id AND s.status = 'submitted') THEN 2
                WHEN EXISTS (SELECT 1 FROM review_scorecards s WHERE s.call_id = new.id)
                  OR EXISTS (SELECT 1 FROM review_notes n
                             WHERE n.call_id = new.id AND n.deleted_ms IS NULL) THEN 1
                ELSE 0 END
            WHERE key = new.key;
        END""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path, cache_kib: int = 16 * 1024) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, schema up to date."""
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None)
    except sqlite3.Error as exc:
        raise LibraryError(f"Cannot open the library {path}: {exc}.") from None
    try:
        _check_identity(conn)  # before anything writes to a file that may not be ours
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise LibraryError(f"The library {path} cannot use write-ahead logging ({mode}).")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LibraryError(f"{path} is not a library of this app ({exc}).") from None
    except BaseException:
        conn.close()
        raise
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _check_identity(conn: sqlite3.Connection) -> int:
    """The schema version of a library file (0: an empty file); ``LibraryError`` for another
    app's database or a library of a newer version. Reads only."""
    version = schema_version(conn)
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id not in (0, APPLICATION_ID) or (
        version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    ):
        raise LibraryError("This file is a database, but not a library of this app.")
    if version > SCHEMA_VERSION:
        raise LibraryError(
            f"This library was made by a newer version of Aurion Call Review (schema "
            f"{version}, this version knows up to {SCHEMA_VERSION}): update the app."
        )
    return version


def migrate(conn: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the schema to ``target``, one step per transaction; the version reached.

    Another process may migrate the same file at the same time: each step re-reads the
    version inside its write transaction.
    """
    while True:
        version = 0
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _check_identity(conn)
            if version >= target:
                conn.execute("COMMIT")
                return version
            for statement in MIGRATIONS[version]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            conn.execute("ROLLBACK")
            if "fts5" in str(exc):
                raise LibraryError(
                    "This Python's SQLite was built without full-text search (FTS5), which the "
                    "library needs."
                ) from None
            raise LibraryError(
                f"Could not bring the library to schema {version + 1} ({exc}); it is left as "
                "it was."
            ) from None
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


class Database:
    """One SQLite connection, used only from a thread of its own: ``await db.run(fn, ...)``.

    SQLite blocks; running every statement on this thread keeps the event loop (the
    window's) free, and the connection never crosses threads. Work submitted is done in
    order. A cancelled ``run`` that had already started still finishes its transaction.
    """

    def __init__(self, path: Path, cache_kib: int = 16 * 1024) -> None:
        self.path = path
        self._cache_kib = cache_kib
        self._executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="library")
        self._conn: sqlite3.Connection | None = None
        self._closed = False

    def _call(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args, **kw: P.kwargs
    ) -> T:
        if self._conn is None:
            self._conn = connect(self.path, self._cache_kib)
        return fn(self._conn, *args, **kw)

    def submit(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args, **kw: P.kwargs
    ) -> concurrent.futures.Future[T]:
        if self._closed:
            raise LibraryError(f"The library {self.path} is closed.")
        return self._executor.submit(self._call, fn, *args, **kw)  # type: ignore[arg-type]

    async def run(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args, **kw: P.kwargs
    ) -> T:
        return await asyncio.wrap_future(self.submit(fn, *args, **kw))

    def run_sync(
        self, fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args, **kw: P.kwargs
    ) -> T:
        """Blocking: for threads that are not an event loop (tests, benchmarks)."""
        return self.submit(fn, *args, **kw).result()

    def close(self) -> None:
        """Blocking: finish what was submitted, then close the connection."""
        if self._closed:
            return
        self._closed = True

        def shut() -> None:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

        self._executor.submit(shut).result()
        self._executor.shutdown(wait=True)

    async def aclose(self) -> None:
        await asyncio.to_thread(self.close)


# -- keys and values -----------------------------------------------------------------------


def to_ms(value: datetime) -> int:
    """Milliseconds since 1970 (floor), exact for any year."""
    return (value - EPOCH) // timedelta(milliseconds=1)


def from_ms(ms: int) -> datetime:
    return EPOCH + timedelta(milliseconds=ms)


def _time_base(started_ms: int) -> int | None:
    """The first key of the millisecond ``started_ms``, or None outside the placed range."""
    t = started_ms - KEY_EPOCH_MS
    base = t << SLOT_BITS if t >= 0 else -1
    return base if base >= 0 and base + SLOTS <= INEXACT_BASE else None


def is_placed(key: int) -> bool:
    return key < INEXACT_BASE


def summary_hash(raw: Any) -> int:
    """A fingerprint of a call's list entry: a change means fetch the call again."""
    data = orjson.dumps(raw, option=orjson.OPT_SORT_KEYS)
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big", signed=True)


def summary_of_detail(detail: Any) -> dict[str, Any]:
    return {k: v for k, v in detail.items() if k in SUMMARY_KEYS}


def _bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


_INT64 = (-(1 << 63), (1 << 63) - 1)


def _int64(value: int | None) -> int | None:
    """A whole number as SQLite holds it: JSON allows any size, an INTEGER column 64 bits
    (the raw JSON keeps the exact value; the column only sorts and filters)."""
    if value is None:
        return None
    return min(max(value, _INT64[0]), _INT64[1])


def _summary_columns(call: CallSummary | CallDetail) -> dict[str, Any]:
    language = call.language
    return {
        "started_ms": to_ms(call.started_at),
        "ended_ms": to_ms(call.ended_at) if call.ended_at is not None else None,
        "duration_seconds": _int64(call.duration_seconds),
        "caller_id": call.caller_id,
        "channel": call.channel,
        "status": call.status,
        "language": language,
        "lang": language.lower() if language is not None else None,
        "requester_id": _int64(call.requester_id),
        "first_ticket": _int64(call.tickets_created[0]) if call.tickets_created else None,
        "authenticated": int(call.authenticated),
    }


def _detail_columns(detail: CallDetail) -> dict[str, Any]:
    return {
        **_summary_columns(detail),
        "requester_name": detail.requester_name,
        "escalated": int(detail.escalated),
        "sentiment": detail.sentiment,
    }


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value)


def _text(value: Any) -> str:
    """JSON as text: the library's JSON columns hold text, which travels inside a batch."""
    return orjson.dumps(value).decode()


def _each(i: int) -> str:
    return f"json_extract(j.value, '$[{i}]')"


def _bulk(conn: sqlite3.Connection, sql: str, rows: Sequence[Any]) -> None:
    """Run ``sql`` once for a batch of rows: they travel as one JSON array that SQLite
    unpacks itself (``json_each(?) AS j``; a row's values are ``_each(0)``, ``_each(1)``...).

    On the writer's thread a statement per row would give up and take back the GIL for each
    one, and taking it back means waiting on the busy event loop; a batch is a few
    statements, not hundreds."""
    if rows:
        conn.execute(sql, (orjson.dumps(rows).decode(),))


# -- meta ----------------------------------------------------------------------------------


def get_meta(conn: sqlite3.Connection, name: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(conn: sqlite3.Connection, values: Mapping[str, str | None]) -> None:
    with _Transaction(conn):
        for name, value in values.items():
            if value is None:
                conn.execute("DELETE FROM meta WHERE name = ?", (name,))
            else:
                conn.execute(
                    "INSERT INTO meta (name, value) VALUES (?, ?) "
                    "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    (name, value),
                )


def all_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(n): str(v) for n, v in conn.execute("SELECT name, value FROM meta")}


def data_version(conn: sqlite3.Connection) -> int:
    """A number that changes when another connection (another process too) commits a change
    to the file: cheap enough to poll every second (SQLite's ``PRAGMA data_version``; a
    connection's own writes do not change it)."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def claim_account(conn: sqlite3.Connection, account: str) -> str:
    """Tie the library to ``account`` (an API base URL) on first use; the account it has."""
    with _Transaction(conn):
        current = get_meta(conn, "account")
        if current is None:
            conn.execute("INSERT INTO meta (name, value) VALUES ('account', ?)", (account,))
            return account
        return current


class _Transaction:
    """``with _Transaction(conn):`` one write transaction (BEGIN IMMEDIATE ... COMMIT)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


# -- sync: listing -------------------------------------------------------------------------

_SUMMARY_COLUMNS = (
    "started_ms", "ended_ms", "duration_seconds", "caller_id", "channel", "status", "language",
    "lang", "requester_id", "first_ticket", "authenticated",
)  # fmt: skip
_DETAIL_COLUMNS = (*_SUMMARY_COLUMNS, "requester_name", "escalated", "sentiment")


class Listed:
    """What a listing said of a call, compared with the library."""

    NEW = "new"  # not in the library
    CHANGED = "changed"  # its list entry differs from the stored one
    ACTIVE = "active"  # still going on: fetched again every sync
    PENDING = "pending"  # known, but its details or transcript are still to fetch
    KNOWN = "known"  # stored, unchanged and ended


class _Keys:
    """Keys for the calls of one transaction: the taken slots of their milliseconds are read
    in one query, and keys handed out are remembered until they are inserted."""

    def __init__(self, conn: sqlite3.Connection, started: Iterable[int]) -> None:
        self.conn = conn
        self.used: set[int] = set()
        self.read: set[int] = set()
        self._unplaced: int | None = None
        self._read_bases({b for ms in started if (b := _time_base(ms)) is not None})

    def _read_bases(self, bases: set[int]) -> None:
        todo = sorted(bases - self.read)
        for chunk in _chunks(todo, 400):
            values = ",".join(["(?)"] * len(chunk))
            self.used.update(
                row[0]
                for row in self.conn.execute(
                    f"WITH b (base) AS (VALUES {values}) SELECT c.key FROM b JOIN calls c "
                    f"ON c.key BETWEEN b.base AND b.base + {SLOTS - 1}",
                    chunk,
                )
            )
        self.read.update(todo)

    def allocate(self, started_ms: int) -> int:
        base = _time_base(started_ms)
        if base is not None:
            self._read_bases({base})
            for key in range(base, base + SLOTS):
                if key not in self.used:
                    self.used.add(key)
                    return key
        return self._allocate_unplaced()

    def _allocate_unplaced(self) -> int:
        if self._unplaced is None:
            top = self.conn.execute(
                "SELECT max(key) FROM calls WHERE key >= ?", (INEXACT_BASE,)
            ).fetchone()[0]
            self._unplaced = INEXACT_BASE if top is None else top + 1
        key = self._unplaced
        while key < KEY_LIMIT and key in self.used:
            key += 1
        if key >= KEY_LIMIT:
            # The reserved region's top is taken: the first free key in it (a gap a move left).
            row = self.conn.execute(
                "SELECT c.key + 1 FROM calls c WHERE c.key >= ? AND c.key + 1 < ? AND NOT EXISTS "
                "(SELECT 1 FROM calls d WHERE d.key = c.key + 1) ORDER BY c.key LIMIT 1",
                (INEXACT_BASE, KEY_LIMIT),
            ).fetchone()
            if row is None or int(row[0]) in self.used:
                raise LibraryError("The library has no room for more calls without a start time.")
            key = int(row[0])
        else:
            self._unplaced = key + 1
        self.used.add(key)
        return key


def record_listing(
    conn: sqlite3.Connection, calls: Sequence[CallSummary], now_ms: int
) -> list[tuple[str, str]]:
    """Store what one page of the API's list says; ``(call id, Listed.*)`` for each call.

    New calls are added (to fetch), changed ones updated from their list entry and marked
    to fetch again, active ones marked to fetch again; every one is marked seen now.
    """
    calls = list({c.id: c for c in calls}.values())
    if not calls:
        return []
    out: list[tuple[str, str]] = []
    with _Transaction(conn):
        stored: dict[str, tuple[int, int, int, int]] = {}
        for chunk in _chunks([c.id for c in calls], 500):
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT id, key, summary_hash, stale, has_detail FROM calls WHERE id IN ({marks})",
                chunk,
            ):
                stored[row[0]] = (row[1], row[2], row[3], row[4])
        keys = _Keys(conn, [to_ms(c.started_at) for c in calls if c.id not in stored])
        inserts: list[tuple[Any, ...]] = []
        summaries: list[tuple[int, str]] = []
        changed: list[tuple[Any, ...]] = []
        seen: list[tuple[int, int]] = []
        for call in calls:
            fingerprint = summary_hash(call.raw)
            columns = _summary_columns(call)
            known = stored.get(call.id)
            if known is None:
                key = keys.allocate(columns["started_ms"])
                values = [columns[n] for n in _SUMMARY_COLUMNS]
                inserts.append((key, call.id, *values, fingerprint, now_ms, now_ms))
                summaries.append((key, _text(call.raw)))
                out.append((call.id, Listed.NEW))
                continue
            key, old_hash, stale, has_detail = known
            if old_hash != fingerprint:
                key = _place(conn, keys, key, columns["started_ms"])
                changed.append((*(columns[n] for n in _SUMMARY_COLUMNS), fingerprint, now_ms, key))
                _store_summary(conn, key, call.raw, has_detail=bool(has_detail))
                out.append((call.id, Listed.CHANGED))
                continue
            active = call.status == "active"  # fetched again by every sync (see stale_ids)
            seen.append((now_ms, key))
            out.append(
                (call.id, Listed.ACTIVE if active else Listed.PENDING if stale else Listed.KNOWN)
            )
        columns_sql = ", ".join(_SUMMARY_COLUMNS)
        width = len(_SUMMARY_COLUMNS)
        _bulk(
            conn,
            f"INSERT INTO calls (key, id, {columns_sql}, summary_hash, first_seen_ms, "
            f"last_seen_ms, stale, has_detail) SELECT "
            f"{', '.join(_each(i) for i in range(width + 5))}, 1, 0 FROM json_each(?) AS j",
            inserts,
        )
        _bulk(
            conn,
            f"INSERT INTO call_json (key, summary) SELECT {_each(0)}, {_each(1)} "
            "FROM json_each(?) AS j",
            summaries,
        )
        sets = ", ".join(f"{name} = {_each(i)}" for i, name in enumerate(_SUMMARY_COLUMNS))
        _bulk(
            conn,
            f"UPDATE calls SET {sets}, summary_hash = {_each(width)}, stale = 1, "
            f"last_seen_ms = {_each(width + 1)}, missing_since_ms = NULL "
            f"FROM json_each(?) AS j WHERE calls.key = {_each(width + 2)}",
            changed,
        )
        _bulk(
            conn,
            f"UPDATE calls SET last_seen_ms = {_each(0)}, missing_since_ms = NULL "
            f"FROM json_each(?) AS j WHERE calls.key = {_each(1)}",
            seen,
        )
    return out


def _store_summary(conn: sqlite3.Connection, key: int, raw: Any, has_detail: bool) -> None:
    """Keep a list entry, unless the stored detail repeats it exactly."""
    data: str | None = _text(raw)
    if has_detail:
        row = conn.execute("SELECT detail FROM call_json WHERE key = ?", (key,)).fetchone()
        if (
            row is not None
            and row[0] is not None
            and _text(summary_of_detail(orjson.loads(row[0]))) == data
        ):
            data = None
    conn.execute(
        "INSERT INTO call_json (key, summary) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET summary = excluded.summary",
        (key, data),
    )


def _place(conn: sqlite3.Connection, keys: _Keys, key: int, started_ms: int) -> int:
    """The key of a call that starts at ``started_ms``: ``key``, or the one it moved to.

    A placed key always lies in its call's millisecond; a call whose millisecond is full
    (or whose time cannot be placed) lives in the unplaced region.
    """
    base = _time_base(started_ms)
    if base is None:
        if not is_placed(key):
            return key
    elif base <= key < base + SLOTS:
        return key
    new = keys.allocate(started_ms)
    if not is_placed(new) and not is_placed(key):
        keys.used.discard(new)
        return key  # unplaced it was, unplaced it stays
    _move_call(conn, key, new)
    return new


def _move_call(conn: sqlite3.Connection, old: int, new: int) -> None:
    conn.execute("UPDATE calls SET key = ? WHERE key = ?", (new, old))
    conn.execute("UPDATE call_json SET key = ? WHERE key = ?", (new, old))
    conn.execute("UPDATE call_tools SET key = ? WHERE key = ?", (new, old))
    conn.execute("UPDATE recordings SET key = ? WHERE key = ?", (new, old))
    shift = (new - old) << SEQ_BITS
    rows = conn.execute(
        "SELECT pos, speaker, text, offset_ms, raw FROM segments WHERE pos BETWEEN ? AND ? "
        "ORDER BY pos",
        _span(old),
    ).fetchall()
    if rows:
        _delete_segments(conn, [old])
        moved = [(pos + shift, *rest) for pos, *rest in rows]
        _insert_segments(conn, [orjson.dumps(moved)], [new])


def _span(key: int) -> tuple[int, int]:
    """The first and last segment keys of a call."""
    return key << SEQ_BITS, (key << SEQ_BITS) | SEQ_MASK


# -- sync: fetched calls -------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    """What a sync got for one call: its detail and transcript, or the problem it met."""

    call_id: str
    detail: CallDetail | None = None
    transcript: Transcript | None = None
    problem: str | None = None
    #: Fetch it again at the next sync (a passing problem); False: it will not get better.
    retry: bool = True
    #: The API answered that it no longer has this call.
    missing: bool = False


@dataclass(frozen=True)
class Stored:
    """What ``store_fetched`` did: calls whose rows changed, segments written, problems."""

    changed: tuple[str, ...]
    segments: int
    problems: tuple[tuple[str, str], ...]


def store_fetched(conn: sqlite3.Connection, items: Sequence[Fetched], now_ms: int) -> Stored:
    """Store fetched calls in one transaction: details, transcripts (re-indexed), problems.

    Statements run once per batch (``executemany``), and a call's row is updated only in
    the columns that changed, so the sort indexes are not rewritten for nothing.
    """
    changed: list[str] = []
    problems: list[tuple[str, str]] = []
    count = 0
    width = len(_DETAIL_COLUMNS)
    with _Transaction(conn):
        current: dict[str, tuple[Any, ...]] = {}
        for chunk in _chunks([i.call_id for i in items], 400):
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT c.id, c.key, c.segment_count, j.summary, {', '.join(_DETAIL_COLUMNS)} "
                f"FROM calls c JOIN call_json j ON j.key = c.key WHERE c.id IN ({marks})",
                chunk,
            ):
                current[row[0]] = tuple(row[1:])
        keys = _Keys(
            conn,
            [to_ms(i.detail.started_at) for i in items if i.detail and i.call_id not in current],
        )
        speakers = _Speakers(conn)
        updates: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        problem_rows: list[tuple[Any, ...]] = []
        json_rows: list[tuple[Any, ...]] = []
        json_transcript_rows: list[tuple[Any, ...]] = []
        tool_rows: list[tuple[str, int]] = []
        tool_keys: list[int] = []
        old_segments: list[int] = []
        segment_rows: list[bytes] = []
        segment_keys: list[int] = []
        for item in items:
            now = current.get(item.call_id)
            if item.detail is None:
                if now is not None:
                    problem_rows.append(
                        (item.problem, int(item.retry), int(item.missing), now_ms, now[0])
                    )
                    changed.append(item.call_id)
                if item.problem:
                    problems.append((item.call_id, item.problem))
                continue
            detail = item.detail
            columns = _detail_columns(detail)
            if now is None:
                key = keys.allocate(columns["started_ms"])
                _insert_new(conn, key, detail, columns, now_ms)
                now = (key, None, None, *([None] * width))
                current[detail.id] = now
            key = _place(conn, keys, now[0], columns["started_ms"])
            had_segments = now[1] is not None
            summary = now[2]
            old = dict(zip(_DETAIL_COLUMNS, now[3:], strict=True))
            problem, retry = item.problem, item.retry
            transcript = item.transcript
            if transcript is not None and len(transcript.segments) > MAX_SEGMENTS:
                problem = (
                    f"Its transcript has {len(transcript.segments):,} segments, more than the "
                    f"{MAX_SEGMENTS:,} a call may have in the library: it is not stored."
                )
                retry = False  # it will not get shorter
                transcript = None
            names = [n for n in _DETAIL_COLUMNS if columns[n] != old[n]]
            values: list[Any] = [columns[n] for n in names]
            if transcript is not None:
                try:
                    shell, fragment = _segment_rows(
                        key, transcript, columns["started_ms"], speakers
                    )
                except (orjson.JSONEncodeError, OverflowError, ValueError) as exc:
                    problem = f"Its transcript cannot be stored: {exc}."
                    retry = False
                    transcript = None
            if transcript is not None:
                if had_segments:
                    old_segments.append(key)
                segment_rows.append(fragment)
                segment_keys.append(key)
                count += len(transcript.segments)
                names += ["segment_count", "transcript_base_ms"]
                values += [len(transcript.segments), columns["started_ms"]]
            stale = int(problem is not None and retry)
            updates.setdefault(tuple(names), []).append((*values, stale, now_ms, problem, key))
            if summary is not None and _text(summary_of_detail(detail.raw)) == _as_text(summary):
                summary = None
            elif summary is not None:
                summary = _as_text(summary)
            if transcript is not None:
                json_transcript_rows.append((summary, _text(detail.raw), shell, key))
            else:
                json_rows.append((summary, _text(detail.raw), key))
            tool_keys.append(key)
            tool_rows.extend((tool, key) for tool in dict.fromkeys(detail.tools_used))
            if problem:
                problems.append((detail.id, problem))
            changed.append(detail.id)
        for signature, rows in updates.items():
            n = len(signature)
            sets = "".join(f"{name} = {_each(i)}, " for i, name in enumerate(signature))
            _bulk(
                conn,
                f"UPDATE calls SET {sets}has_detail = 1, stale = {_each(n)}, "
                f"fetched_ms = {_each(n + 1)}, problem = {_each(n + 2)} "
                f"FROM json_each(?) AS j WHERE calls.key = {_each(n + 3)}",
                rows,
            )
        _bulk(
            conn,
            f"UPDATE calls SET problem = {_each(0)}, stale = {_each(1)}, missing_since_ms = "
            f"CASE WHEN {_each(2)} THEN coalesce(missing_since_ms, {_each(3)}) "
            f"ELSE missing_since_ms END FROM json_each(?) AS j WHERE calls.key = {_each(4)}",
            problem_rows,
        )
        _bulk(
            conn,
            f"UPDATE call_json SET summary = {_each(0)}, detail = {_each(1)} "
            f"FROM json_each(?) AS j WHERE call_json.key = {_each(2)}",
            json_rows,
        )
        _bulk(
            conn,
            f"UPDATE call_json SET summary = {_each(0)}, detail = {_each(1)}, "
            f"transcript = {_each(2)} FROM json_each(?) AS j WHERE call_json.key = {_each(3)}",
            json_transcript_rows,
        )
        _bulk(
            conn,
            "DELETE FROM call_tools WHERE key IN (SELECT value FROM json_each(?))",
            tool_keys,
        )
        _bulk(
            conn,
            f"INSERT INTO call_tools (tool, key) SELECT {_each(0)}, {_each(1)} "
            "FROM json_each(?) AS j",
            tool_rows,
        )
        _delete_segments(conn, old_segments)
        _insert_segments(conn, segment_rows, segment_keys)
    return Stored(tuple(dict.fromkeys(changed)), count, tuple(problems))


def _as_text(data: str | bytes) -> str:
    """A JSON column's value as text (libraries of schema 1 held bytes)."""
    return data if isinstance(data, str) else bytes(data).decode()


def _insert_new(
    conn: sqlite3.Connection, key: int, detail: CallDetail, columns: dict[str, Any], now_ms: int
) -> None:
    """A call fetched that no listing brought (kept by id): its row, to be filled in. Its
    list fingerprint is unknown (0), so the next listing that shows it fetches it again."""
    names = ", ".join(_SUMMARY_COLUMNS)
    marks = ", ".join("?" * len(_SUMMARY_COLUMNS))
    conn.execute(
        f"INSERT INTO calls (key, id, {names}, summary_hash, stale, has_detail, first_seen_ms, "
        f"last_seen_ms) VALUES (?, ?, {marks}, 0, 1, 0, ?, ?)",
        (key, detail.id, *(columns[n] for n in _SUMMARY_COLUMNS), now_ms, now_ms),
    )
    conn.execute("INSERT INTO call_json (key) VALUES (?)", (key,))


class _Speakers:
    """Speaker names as small numbers, cached for one transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.ids: dict[str, int] = {}

    def id(self, name: str) -> int:
        found = self.ids.get(name)
        if found is not None:
            return found
        row = self.conn.execute("SELECT id FROM speakers WHERE name = ?", (name,)).fetchone()
        if row is None:
            row = self.conn.execute(
                "INSERT INTO speakers (name) VALUES (?) RETURNING id", (name,)
            ).fetchone()
        self.ids[name] = int(row[0])
        return self.ids[name]


def _segment_rows(
    key: int, transcript: Transcript, base_ms: int, speakers: _Speakers
) -> tuple[str | None, bytes]:
    """The transcript's JSON when it is not the usual one (else None), and its segment rows
    as one JSON array (a segment's raw JSON only where it cannot be rebuilt exactly).

    Raises ``orjson.JSONEncodeError`` for what JSON cannot hold (a lone surrogate, an
    integer beyond 64 bits, which a long transcript's streaming parse lets through)."""
    raw = transcript.raw
    raw_segments = raw.get("segments")
    raw_list: list[Any] = raw_segments if isinstance(raw_segments, list) else []
    shell: str | None = None
    if list(raw) != ["call_id", "segments"] or raw.get("call_id") != transcript.call_id:
        shell = _text({k: (None if k == "segments" else v) for k, v in raw.items()})
    first = key << SEQ_BITS
    speaker_id = speakers.id
    canonical = CANONICAL_STAMP.fullmatch
    rows: list[tuple[Any, ...]] = []
    append = rows.append
    for seq, segment in enumerate(transcript.segments):
        stamp = segment.timestamp
        seg_raw = raw_list[seq] if seq < len(raw_list) else None
        if (
            type(seg_raw) is dict
            and list(seg_raw) == _SEGMENT_KEYS
            and type(seg_raw["timestamp"]) is str
            and canonical(seg_raw["timestamp"])
        ):
            # Whole milliseconds: the float timestamp rounds back to them exactly.
            append(
                (
                    first | seq,
                    speaker_id(segment.speaker),
                    segment.text,
                    round(stamp.timestamp() * 1000) - base_ms,
                    None,
                )
            )
        else:
            offset = to_ms(stamp) - base_ms
            raw_text = _dumps(seg_raw).decode()
            append((first | seq, speaker_id(segment.speaker), segment.text, offset, raw_text))
    return shell, orjson.dumps(rows)


def _insert_segments(
    conn: sqlite3.Connection, fragments: Sequence[bytes], keys: Sequence[int]
) -> None:
    """Insert the segment rows of the calls ``keys`` (JSON arrays of rows, from
    ``_segment_rows``) and index them: two statements whatever their number (see ``_bulk``);
    the index reads the text back by each call's key range, cheaper than from the JSON."""
    parts = [f[1:-1] for f in fragments if len(f) > 2]
    if not parts:
        return
    # Text, not bytes: SQLite's JSON functions refuse a blob.
    batch = (b"[" + b",".join(parts) + b"]").decode()
    conn.execute(
        f"INSERT INTO segments (pos, speaker, text, offset_ms, raw) SELECT {_each(0)}, "
        f"{_each(1)}, {_each(2)}, {_each(3)}, {_each(4)} FROM json_each(?) AS j",
        (batch,),
    )
    conn.execute(
        f"INSERT INTO segments_fts (rowid, text) SELECT s.pos, s.text FROM json_each(?) AS k "
        f"JOIN segments s ON s.pos BETWEEN k.value << {SEQ_BITS} "
        f"AND (k.value << {SEQ_BITS}) | {SEQ_MASK}",
        (orjson.dumps(list(keys)).decode(),),
    )


def _delete_segments(conn: sqlite3.Connection, keys: Sequence[int]) -> None:
    spans = [_span(key) for key in keys]
    conn.executemany(
        "INSERT INTO segments_fts (segments_fts, rowid, text) "
        "SELECT 'delete', pos, text FROM segments WHERE pos BETWEEN ? AND ?",
        spans,
    )
    conn.executemany("DELETE FROM segments WHERE pos BETWEEN ? AND ?", spans)


def stale_ids(conn: sqlite3.Connection, limit: int) -> list[str]:
    """Calls whose details or transcript are still to fetch (newest first), and active ones."""
    rows = conn.execute(
        "SELECT id FROM calls WHERE stale = 1 OR status = 'active' ORDER BY key DESC LIMIT ?",
        (limit,),
    )
    return [str(r[0]) for r in rows]


def mark_missing(conn: sqlite3.Connection, seen_before_ms: int, now_ms: int) -> int:
    """After a complete walk of the list: calls it did not list are no longer listed by the
    API (retention). They stay; their row says since when. How many were marked."""
    with _Transaction(conn):
        cursor = conn.execute(
            "UPDATE calls SET missing_since_ms = ? WHERE last_seen_ms < ? "
            "AND missing_since_ms IS NULL",
            (now_ms, seen_before_ms),
        )
        return int(cursor.rowcount)


def finish_sync(conn: sqlite3.Connection, merge_pages: int) -> None:
    """Tidy after a sync: fold the full-text index's small segments, refresh the planner's
    statistics. Bounded work (``merge_pages`` pages of the index)."""
    if merge_pages > 0:
        conn.execute(
            "INSERT INTO segments_fts (segments_fts, rank) VALUES ('merge', ?)", (merge_pages,)
        )
    conn.execute("PRAGMA optimize")


# -- recordings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptRecording:
    call_id: str
    started_at: datetime
    file: str
    size: int
    sha256: str
    kept_at: datetime
    #: The user asked to keep this one (not only ``--with-recordings``).
    pinned: bool
    format: str | None
    duration_seconds: float | None


def set_keep(conn: sqlite3.Connection, call_ids: Sequence[str], keep: bool) -> list[str]:
    """Mark calls' recordings to keep offline (or not); the ids the library does not hold."""
    unknown: list[str] = []
    with _Transaction(conn):
        for call_id in call_ids:
            row = conn.execute("SELECT key FROM calls WHERE id = ?", (call_id,)).fetchone()
            if row is None:
                unknown.append(call_id)
                continue
            conn.execute(
                "INSERT INTO recordings (key, keep) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET keep = excluded.keep",
                (row[0], int(keep)),
            )
    return unknown


def recordings_to_fetch(conn: sqlite3.Connection, every: bool, limit: int) -> list[str]:
    """Ended calls whose recording is to be kept and is not yet (newest first); with ``every``
    all of them, else those marked keep. Calls known to have none are left out."""
    rows = conn.execute(
        "SELECT c.id FROM calls c LEFT JOIN recordings r ON r.key = c.key "
        "WHERE c.status != 'active' AND c.has_detail = 1 AND r.file IS NULL "
        "AND coalesce(r.available, 1) = 1 AND (? OR coalesce(r.keep, 0) = 1) "
        "ORDER BY c.key DESC LIMIT ?",
        (int(every), limit),
    )
    return [str(r[0]) for r in rows]


def kept_bytes(conn: sqlite3.Connection) -> int:
    return int(
        conn.execute(
            "SELECT coalesce(sum(size), 0) FROM recordings WHERE file IS NOT NULL"
        ).fetchone()[0]
    )


def record_recording(
    conn: sqlite3.Connection,
    call_id: str,
    *,
    now_ms: int,
    available: bool | None,
    reason: str | None = None,
    format: str | None = None,
    duration_seconds: float | None = None,
    file: str | None = None,
    size: int | None = None,
    sha256: str | None = None,
) -> str | None:
    """Record what is known of a call's recording (and the file kept, if any); the name of
    a file this replaces, which the caller deletes."""
    with _Transaction(conn):
        row = conn.execute("SELECT key FROM calls WHERE id = ?", (call_id,)).fetchone()
        if row is None:
            return None
        key = row[0]
        old = conn.execute("SELECT file FROM recordings WHERE key = ?", (key,)).fetchone()
        old_file = old[0] if old is not None else None
        conn.execute(
            "INSERT INTO recordings (key, available, reason, format, duration_seconds, "
            "checked_ms, file, size, sha256, kept_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET available = excluded.available, "
            "reason = excluded.reason, format = coalesce(excluded.format, format), "
            "duration_seconds = coalesce(excluded.duration_seconds, duration_seconds), "
            "checked_ms = excluded.checked_ms, file = coalesce(excluded.file, file), "
            "size = coalesce(excluded.size, size), sha256 = coalesce(excluded.sha256, sha256), "
            "kept_ms = coalesce(excluded.kept_ms, kept_ms)",
            (
                key,
                _bool(available),
                reason,
                format,
                duration_seconds,
                now_ms,
                file,
                size,
                sha256,
                now_ms if file else None,
            ),
        )
    return old_file if file and old_file and old_file != file else None


def forget_recording(conn: sqlite3.Connection, call_id: str) -> str | None:
    """Stop keeping a call's recording offline; its file name, which the caller deletes."""
    with _Transaction(conn):
        row = conn.execute(
            "SELECT r.key, r.file FROM recordings r JOIN calls c ON c.key = r.key WHERE c.id = ?",
            (call_id,),
        ).fetchone()
        if row is None:
            return None
        conn.execute(
            "UPDATE recordings SET keep = 0, file = NULL, size = NULL, sha256 = NULL, "
            "kept_ms = NULL WHERE key = ?",
            (row[0],),
        )
        return None if row[1] is None else str(row[1])


def kept_recording(conn: sqlite3.Connection, call_id: str) -> KeptRecording | None:
    rows = _kept(conn, "AND c.id = ?", (call_id,))
    return rows[0] if rows else None


def kept_recordings(conn: sqlite3.Connection) -> list[KeptRecording]:
    return _kept(conn, "", ())


def _kept(conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> list[KeptRecording]:
    rows = conn.execute(
        "SELECT c.id, c.started_ms, r.file, r.size, r.sha256, r.kept_ms, r.keep, r.format, "
        "r.duration_seconds FROM recordings r JOIN calls c ON c.key = r.key "
        f"WHERE r.file IS NOT NULL {where} ORDER BY c.key DESC",
        params,
    )
    return [
        KeptRecording(
            call_id=str(r[0]),
            started_at=from_ms(r[1]),
            file=str(r[2]),
            size=int(r[3]),
            sha256=str(r[4]),
            kept_at=from_ms(r[5]),
            pinned=bool(r[6]),
            format=r[7],
            duration_seconds=r[8],
        )
        for r in rows
    ]


def recording_state(conn: sqlite3.Connection, call_id: str) -> tuple[bool | None, str | None]:
    """(whether the API has a recording, its reason when not), as last learned."""
    row = conn.execute(
        "SELECT r.available, r.reason FROM recordings r JOIN calls c ON c.key = r.key "
        "WHERE c.id = ?",
        (call_id,),
    ).fetchone()
    if row is None or row[0] is None:
        return None, None
    return bool(row[0]), row[1]


# -- reading calls -------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """``app.source.CallFilters`` as the repository reads it (it does not import app.source)."""

    channels: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    sentiments: frozenset[str] = frozenset()
    since: datetime | None = None
    until: datetime | None = None
    min_duration: int | None = None
    max_duration: int | None = None
    escalated: bool | None = None
    authenticated: bool | None = None
    tool: str | None = None
    has_ticket: bool | None = None
    has_recording: bool | None = None
    review_status: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Condition:
    """One condition of a filter: its SQL, its parameters, the column of calls it tests."""

    sql: str
    params: list[Any]
    column: str | None = None


def _conditions(filters: Filters, alias: str = "c", indexed: bool = True) -> list[Condition]:
    """SQL conditions (on ``alias``, a row of calls), each with its parameters. Not
    ``indexed``: every column is written ``+column``, which keeps SQLite from answering the
    condition with an index (see ``page_calls``)."""
    a = ("" if indexed else "+") + alias
    out: list[Condition] = []

    def within(column: str, values: frozenset[str]) -> None:
        if values:
            marks = ",".join("?" * len(values))
            out.append(Condition(f"{a}.{column} IN ({marks})", sorted(values), column))

    within("channel", filters.channels)
    within("status", filters.statuses)
    within("sentiment", filters.sentiments)
    if filters.languages:
        parts, params = [], []
        for language in sorted(filters.languages):
            lang = language.strip().lower()
            # "fr" is French of any region: fr, fr-FR, fr-CA (a range, so the index serves it)
            parts.append(f"{a}.lang = ? OR ({a}.lang >= ? AND {a}.lang < ?)")
            params += [lang, lang + "-", lang + "."]
        out.append(Condition("(" + " OR ".join(parts) + ")", params, "lang"))
    since = to_ms(filters.since) if filters.since is not None else None
    until = to_ms(filters.until) if filters.until is not None else None
    if since is not None and until is not None:
        out.append(Condition(f"{a}.started_ms BETWEEN ? AND ?", [since, until], "started_ms"))
    elif since is not None:
        out.append(Condition(f"{a}.started_ms >= ?", [since], "started_ms"))
    elif until is not None:
        out.append(Condition(f"{a}.started_ms <= ?", [until], "started_ms"))
    low, high = filters.min_duration, filters.max_duration
    if low is not None and high is not None:
        out.append(
            Condition(f"{a}.duration_seconds BETWEEN ? AND ?", [low, high], "duration_seconds")
        )
    elif low is not None:
        out.append(Condition(f"{a}.duration_seconds >= ?", [low], "duration_seconds"))
    elif high is not None:
        out.append(Condition(f"{a}.duration_seconds <= ?", [high], "duration_seconds"))
    if filters.escalated is not None:
        out.append(Condition(f"{a}.escalated = ?", [int(filters.escalated)], "escalated"))
    if filters.authenticated is not None:
        out.append(
            Condition(f"{a}.authenticated = ?", [int(filters.authenticated)], "authenticated")
        )
    # Conditions on other tables: indexed, the other table's rows drive (``key IN``); not,
    # each call is looked up there (``EXISTS``), which needs no list built first.
    if filters.tool is not None:
        if indexed:
            clause = f"{a}.key IN (SELECT key FROM call_tools WHERE tool = ?)"
        else:
            clause = f"EXISTS (SELECT 1 FROM call_tools t WHERE t.tool = ? AND t.key = {alias}.key)"
        out.append(Condition(clause, [filters.tool]))
    if filters.has_ticket is not None:
        test = "IS NOT NULL" if filters.has_ticket else "IS NULL"
        out.append(Condition(f"{a}.first_ticket {test}", [], "first_ticket"))
    if filters.has_recording is not None:
        kept = "(r.available = 1 OR r.file IS NOT NULL)"
        gone = "(r.available = 0 AND r.file IS NULL)"
        which = kept if filters.has_recording else gone
        if indexed:
            clause = f"{a}.key IN (SELECT key FROM recordings r WHERE {which})"
        else:
            clause = f"EXISTS (SELECT 1 FROM recordings r WHERE r.key = {alias}.key AND {which})"
        out.append(Condition(clause, []))
    if filters.review_status:
        unknown = sorted(filters.review_status - set(REVIEW_STATUSES))
        if unknown:
            raise LibraryError(
                f"No review status {unknown[0]!r}: one of {', '.join(REVIEW_STATUSES)}."
            )
        numbers = sorted(REVIEW_STATUSES.index(v) for v in filters.review_status)
        marks = ",".join("?" * len(numbers))
        out.append(Condition(f"{a}.review_status IN ({marks})", numbers, "review_status"))
    return out


def _where(filters: Filters, alias: str = "c") -> tuple[list[str], list[Any]]:
    """The conditions of ``filters`` and their parameters, in two lists."""
    conditions = _conditions(filters, alias)
    return [c.sql for c in conditions], [v for c in conditions for v in c.params]


def _joined(conditions: list[Condition]) -> tuple[str, list[Any]]:
    if not conditions:
        return "", []
    return (
        "WHERE " + " AND ".join(c.sql for c in conditions),
        [v for c in conditions for v in c.params],
    )


def _text_clause(alias: str = "c") -> str:
    return (
        f"{alias}.key IN (SELECT rowid >> 16 FROM segments_fts WHERE segments_fts MATCH ? "
        "UNION SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?)"
    )


def _all_placed(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM calls WHERE key >= ? LIMIT 1", (INEXACT_BASE,)).fetchone()
    return row is None


def _order(
    conn: sqlite3.Connection,
    sort_by: str,
    descending: bool,
    alias: str = "c",
    indexed: bool = True,
    by_column: bool = False,
) -> str:
    """The ORDER BY of a sort; not ``indexed``: written so that no index can serve it;
    ``by_column``: by the sort's column even where the key gives the same order (so that
    the column's index can serve a filter on it too)."""
    way = "DESC" if descending else "ASC"
    a = ("" if indexed else "+") + alias
    if sort_by == "started_at" and not by_column and _all_placed(conn):
        return f"{a}.key {way}"
    column = SORT_COLUMNS[sort_by]
    return f"{a}.{column} {way}, {a}.key {way}"


@dataclass(frozen=True)
class CallRow:
    """A call as the library holds it: enough to make a ``CallSummary`` or ``CallDetail``."""

    key: int
    summary: str | bytes | None
    detail: str | bytes | None


#: What a page's plans cost, measured on 100,000 calls: rows looked up by key (through an
#: index) and rows read by a scan of the calls table, per second.
LOOKUPS_PER_SECOND = 2_000_000
SCANNED_PER_SECOND = 10_000_000
#: Rows a walk of the sort index goes through per second (an index entry, then the call).
WALKED_PER_SECOND = 1_300_000
#: Calls at the start of the sort's order looked at before a walk.
DENSITY_SAMPLE = 2000
#: Matches read in one pass (every key, sorted) rather than counted, then paged.
ALL_KEYS = 20_000


def page_calls(
    conn: sqlite3.Connection,
    filters: Filters,
    match: str | None,
    sort_by: str,
    descending: bool,
    limit: int,
    offset: int,
) -> tuple[list[CallRow], int]:
    """One page of calls (and how many match in all): filtered, searched, sorted.

    SQLite plans from average rows per value (without STAT4's statistics, not in Python's
    build), and on 100,000 calls a wrong guess costs 150 ms a page. So the plan is chosen
    here, from counts that indexes give cheaply, among three:

    - walk the sort column's index, keeping matching calls until the page is full: about
      (offset + limit) * calls / matches lookups when matches are spread evenly;
    - read the matches of the most selective condition through its index and sort them;
    - scan the calls table (narrow: the JSON lives elsewhere) and sort what matches.

    The walk is tried only when it looks twice as cheap as the better of the other two,
    counting the matches among the first calls of the order (matches can crowd at one end:
    anonymous calls are the ones without a requester), and then only for as long as the
    other would take. A plan is imposed by
    writing the columns that must not be served by an index as ``+column``. Plans read
    keys only; the page's JSON is read after.
    """
    if sort_by not in SORT_COLUMNS:
        raise LibraryError(f"The library cannot sort by {sort_by!r}.")
    with _Read(conn):
        calls = count_calls(conn)
        if match is not None:
            return _page_with_text(conn, filters, match, sort_by, descending, limit, offset)
        conditions = _conditions(filters)
        if not conditions:
            everything = _page_keys(conn, ("", []), sort_by, descending, limit, offset, True)
            return _rows_of(conn, everything or []), calls
        plain = _conditions(filters, indexed=False)
        best, reads = _most_selective(conn, conditions)
        by_index = reads / LOOKUPS_PER_SECOND
        # A scan looks each call up in the other tables of such conditions.
        probes = sum(1 for c in plain if c.column is None)
        scan = calls / SCANNED_PER_SECOND + probes * calls / LOOKUPS_PER_SECOND
        driven = _joined([conditions[best], *(c for i, c in enumerate(plain) if i != best)])
        safe = driven if by_index <= scan else _joined(plain)
        if len(conditions) == 1:
            total = reads  # the one condition's own count
        elif reads <= ALL_KEYS:
            # Few enough to read every match once, sorted: the count is their number.
            every = _page_keys(conn, safe, sort_by, descending, -1, 0, indexed=False) or []
            return _rows_of(conn, every[offset : offset + limit]), len(every)
        else:
            where, params = safe
            total = int(conn.execute(f"SELECT count(*) FROM calls c {where}", params).fetchone()[0])
        if total == 0 or offset >= total:
            return [], total
        keys: list[int] | None = None
        cost = min(by_index, scan)
        wanted = offset + limit
        column = SORT_COLUMNS[sort_by].split()[0]
        same = next((i for i, c in enumerate(conditions) if c.column == column), None)
        if same is not None:
            # The sorted column is filtered too: its index gives the range and the order.
            keys = _page_keys(
                conn,
                _joined([conditions[same], *(c for i, c in enumerate(plain) if i != same)]),
                sort_by,
                descending,
                limit,
                offset,
                True,
                cost,
                by_column=True,
            )
        if keys is None and wanted * calls / total / WALKED_PER_SECOND * 2 < cost:
            # Spread evenly, the walk would win; but matches can crowd at one end of the
            # order (anonymous calls are the ones without a requester): look at the start.
            density = _density(conn, _joined(plain), sort_by, descending)
            if density > 0 and wanted / density / WALKED_PER_SECOND * 2 < cost:
                keys = _page_keys(
                    conn, _joined(plain), sort_by, descending, limit, offset, True, cost
                )
        if keys is None:
            keys = _page_keys(conn, safe, sort_by, descending, limit, offset, indexed=False)
        return _rows_of(conn, keys or []), total


def _density(
    conn: sqlite3.Connection, where: tuple[str, list[Any]], sort_by: str, descending: bool
) -> float:
    """The share of matches among the first ``DENSITY_SAMPLE`` calls in the sort's order."""
    order = _order(conn, sort_by, descending)
    row = conn.execute(
        f"SELECT count(*) FROM (SELECT c.* FROM calls c ORDER BY {order} LIMIT ?) c {where[0]}",
        [DENSITY_SAMPLE, *where[1]],
    ).fetchone()
    return int(row[0]) / DENSITY_SAMPLE


def _page_with_text(
    conn: sqlite3.Connection,
    filters: Filters,
    match: str,
    sort_by: str,
    descending: bool,
    limit: int,
    offset: int,
) -> tuple[list[CallRow], int]:
    """A page of calls that match a search: the search's calls are gathered once per
    statement (from both indexes), and SQLite plans the rest."""
    conditions = [*_conditions(filters), Condition(_text_clause(), [match, match])]
    where, params = _joined(conditions)
    total = int(conn.execute(f"SELECT count(*) FROM calls c {where}", params).fetchone()[0])
    if total == 0 or offset >= total:
        return [], total
    keys = _page_keys(conn, (where, params), sort_by, descending, limit, offset, indexed=True)
    return _rows_of(conn, keys or []), total


def _most_selective(conn: sqlite3.Connection, conditions: list[Condition]) -> tuple[int, int]:
    """The condition whose index reads fewest rows, and how many. Each is counted in its own
    index (a tool in its own table), only up to the fewest so far; a single condition
    exactly."""
    best, fewest = 0, -1
    for i, condition in enumerate(conditions):
        if "call_tools" in condition.sql:
            sql = "SELECT count(*) FROM (SELECT 1 FROM call_tools WHERE tool = ? LIMIT ?)"
        else:
            sql = f"SELECT count(*) FROM (SELECT 1 FROM calls c WHERE {condition.sql} LIMIT ?)"
        count = int(conn.execute(sql, [*condition.params, fewest]).fetchone()[0])
        if fewest < 0 or count < fewest:
            best, fewest = i, count
    return best, fewest


def _page_keys(
    conn: sqlite3.Connection,
    where: tuple[str, list[Any]],
    sort_by: str,
    descending: bool,
    limit: int,
    offset: int,
    indexed: bool,
    budget: float | None = None,
    by_column: bool = False,
) -> list[int] | None:
    """The keys of one page in order; None when ``budget`` (seconds) ran out first."""
    order = _order(conn, sort_by, descending, indexed=indexed, by_column=by_column)
    sql = f"SELECT c.key FROM calls c {where[0]} ORDER BY {order} LIMIT ? OFFSET ?"
    params = [*where[1], limit, offset]
    if budget is None:
        return [int(r[0]) for r in conn.execute(sql, params)]
    deadline = time.perf_counter() + budget
    conn.set_progress_handler(lambda: int(time.perf_counter() > deadline), 1000)
    try:
        return [int(r[0]) for r in conn.execute(sql, params)]
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            return None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def _rows_of(conn: sqlite3.Connection, keys: list[int]) -> list[CallRow]:
    """The stored JSON of calls, in the order of ``keys``."""
    if not keys:
        return []
    marks = ",".join("?" * len(keys))
    found = {
        int(r[0]): CallRow(int(r[0]), r[1], r[2])
        for r in conn.execute(
            f"SELECT key, summary, detail FROM call_json WHERE key IN ({marks})", keys
        )
    }
    return [found[key] for key in keys if key in found]


def calls_after(
    conn: sqlite3.Connection,
    after: tuple[int, int] | None,
    until: datetime | None,
    limit: int,
) -> list[tuple[int, int, str | bytes | None, str | bytes | None]]:
    """Calls oldest first, from after ``(started_ms, key)``: (started_ms, key, summary,
    detail), at most ``limit``; up to ``until`` if given."""
    clauses: list[str] = []
    params: list[Any] = []
    if after is not None:
        clauses.append("(c.started_ms > ? OR (c.started_ms = ? AND c.key > ?))")
        params.extend([after[0], after[0], after[1]])
    if until is not None:
        clauses.append("c.started_ms <= ?")
        params.append(to_ms(until))
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        f"SELECT c.started_ms, c.key, j.summary, j.detail FROM calls c "
        f"JOIN call_json j ON j.key = c.key {where} ORDER BY c.started_ms, c.key LIMIT ?",
        [*params, limit],
    )
    return [(int(r[0]), int(r[1]), r[2], r[3]) for r in rows]


def count_calls(conn: sqlite3.Connection, until: datetime | None = None) -> int:
    if until is None:
        return int(conn.execute("SELECT count(*) FROM calls").fetchone()[0])
    return int(
        conn.execute(
            "SELECT count(*) FROM calls WHERE started_ms <= ?", (to_ms(until),)
        ).fetchone()[0]
    )


@dataclass(frozen=True)
class StoredCall:
    """A call's stored JSON and what the library knows of its state."""

    key: int
    summary: str | bytes | None
    detail: str | bytes | None
    has_detail: bool
    segment_count: int | None
    problem: str | None


def get_call(conn: sqlite3.Connection, call_id: str) -> StoredCall | None:
    row = conn.execute(
        "SELECT c.key, j.summary, j.detail, c.has_detail, c.segment_count, c.problem "
        "FROM calls c JOIN call_json j ON j.key = c.key WHERE c.id = ?",
        (call_id,),
    ).fetchone()
    if row is None:
        return None
    return StoredCall(int(row[0]), row[1], row[2], bool(row[3]), row[4], row[5])


def get_transcript_json(conn: sqlite3.Connection, call_id: str) -> dict[str, Any] | None:
    """The transcript's JSON as the API gave it, rebuilt; None when none is stored."""
    with _Read(conn):
        row = conn.execute(
            "SELECT c.key, c.segment_count, c.transcript_base_ms, j.transcript FROM calls c "
            "JOIN call_json j ON j.key = c.key WHERE c.id = ?",
            (call_id,),
        ).fetchone()
        if row is None or row[1] is None:
            return None
        key, _count, base_ms, shell_data = row
        lo, hi = _span(key)
        rows = conn.execute(
            "SELECT sp.name, s.text, s.offset_ms, s.raw FROM segments s "
            "JOIN speakers sp ON sp.id = s.speaker WHERE s.pos BETWEEN ? AND ? ORDER BY s.pos",
            (lo, hi),
        ).fetchall()
    segments: list[Any] = []
    base = from_ms(base_ms)
    for speaker, text, offset_ms, raw in rows:
        if raw is not None:
            segments.append(orjson.loads(raw))
        else:
            stamp = format_timestamp(base + timedelta(milliseconds=offset_ms))
            segments.append({"speaker": speaker, "text": text, "timestamp": stamp})
    if shell_data is None:
        return {"call_id": call_id, "segments": segments}
    shell = orjson.loads(shell_data)
    if "segments" in shell:
        shell["segments"] = segments
    return dict(shell)


class _Read:
    """``with _Read(conn):`` one read transaction: a count and its page see the same data."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN")

    def __exit__(self, *exc: object) -> None:
        self.conn.execute("COMMIT")


# -- search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HitRow:
    """One search hit: a segment (``seq`` >= 0) or a call's caller / requester (``seq`` -1)."""

    key: int
    call_id: str
    started_ms: int
    seq: int
    field: str  # "text", "caller_id", "requester_name"
    offset_ms: int | None
    speaker: str | None
    snippet: str  # with MARK_OPEN / MARK_CLOSE around matched words
    highlighted: str  # the whole text, marked the same way

    def order(self) -> tuple[int, int]:
        return self.started_ms, self.key


def search_hits(
    conn: sqlite3.Connection,
    match: str,
    filters: Filters,
    limit: int,
    offset: int,
    newest_first: bool,
    snippet_tokens: int = 12,
) -> tuple[list[HitRow], bool]:
    """Hits in call order (newest calls first, or oldest), each call's in transcript order,
    its caller and requester first; (the page, whether more hits follow)."""
    want = offset + limit + 1
    clauses, params = _where(filters)
    with _Read(conn):
        hits = _segment_hits(conn, match, clauses, params, want, newest_first, snippet_tokens)
        hits += _field_hits(conn, match, clauses, params, want, newest_first)
    way = -1 if newest_first else 1
    # A call's caller and requester first, then its segments in order.
    hits.sort(key=lambda h: (way * h.started_ms, way * h.key, h.seq, _FIELD_RANK[h.field]))
    return hits[offset : offset + limit], len(hits) > offset + limit


_FIELD_RANK = {"caller_id": 0, "requester_name": 1, "text": 2}

_SEGMENT_HIT = (
    "SELECT f.rowid, c.key, c.id, c.started_ms, s.offset_ms, sp.name, "
    "snippet(segments_fts, 0, ?, ?, '…', ?), highlight(segments_fts, 0, ?, ?) "
    "FROM segments_fts f JOIN calls c ON c.key = f.rowid >> 16 "
    "JOIN segments s ON s.pos = f.rowid JOIN speakers sp ON sp.id = s.speaker "
    "WHERE segments_fts MATCH ? "
)


def _segment_hits(
    conn: sqlite3.Connection,
    match: str,
    clauses: list[str],
    params: list[Any],
    want: int,
    newest_first: bool,
    tokens: int,
) -> list[HitRow]:
    marks = [MARK_OPEN, MARK_CLOSE, tokens, MARK_OPEN, MARK_CLOSE, match]
    extra = "".join(f"AND {c} " for c in clauses)

    def run(sql_tail: str, tail_params: list[Any]) -> list[HitRow]:
        rows = conn.execute(_SEGMENT_HIT + extra + sql_tail, [*marks, *params, *tail_params])
        return [
            HitRow(
                key=int(r[1]),
                call_id=str(r[2]),
                started_ms=int(r[3]),
                seq=int(r[0]) & SEQ_MASK,
                field="text",
                offset_ms=int(r[4]),
                speaker=str(r[5]),
                snippet=str(r[6]),
                highlighted=str(r[7]),
            )
            for r in rows
        ]

    # Placed calls: the index hands hits over in key order, which is start-time order.
    way = "DESC" if newest_first else "ASC"
    placed = run(
        f"AND f.rowid < ? ORDER BY f.rowid {way} LIMIT ?", [INEXACT_BASE << SEQ_BITS, want]
    )
    if newest_first and len(placed) == want:
        # Within a call the index goes backwards too: take the last call's first hits.
        last = placed[-1].key
        placed = [h for h in placed if h.key != last]
        placed += run(
            "AND f.rowid BETWEEN ? AND ? ORDER BY f.rowid LIMIT ?",
            [last << SEQ_BITS, (last << SEQ_BITS) | SEQ_MASK, want],
        )
    # The few calls not placed by time, sorted by their real start.
    unplaced: list[HitRow] = []
    if not _all_placed(conn):
        unplaced = run(
            f"AND f.rowid >= ? ORDER BY c.started_ms {way}, c.key {way}, f.rowid LIMIT ?",
            [INEXACT_BASE << SEQ_BITS, want],
        )
    return placed + unplaced


def _field_hits(
    conn: sqlite3.Connection,
    match: str,
    clauses: list[str],
    params: list[Any],
    want: int,
    newest_first: bool,
) -> list[HitRow]:
    way = "DESC" if newest_first else "ASC"
    extra = "".join(f"AND {c} " for c in clauses)
    rows = conn.execute(
        "SELECT c.key, c.id, c.started_ms, highlight(calls_fts, 0, ?, ?), "
        "highlight(calls_fts, 1, ?, ?) FROM calls_fts f JOIN calls c ON c.key = f.rowid "
        f"WHERE calls_fts MATCH ? {extra}ORDER BY c.started_ms {way}, c.key {way} LIMIT ?",
        [MARK_OPEN, MARK_CLOSE, MARK_OPEN, MARK_CLOSE, match, *params, want],
    )
    hits: list[HitRow] = []
    for key, call_id, started_ms, caller, requester in rows:
        for name, text in (("caller_id", caller), ("requester_name", requester)):
            if text and MARK_OPEN in text:
                hits.append(
                    HitRow(
                        int(key), str(call_id), int(started_ms), -1, name, None, None, text, text
                    )
                )
    return hits


# -- what the library holds ----------------------------------------------------------------


@dataclass(frozen=True)
class LibraryStats:
    calls: int
    with_transcript: int
    to_fetch: int
    active: int
    missing: int
    with_problem: int
    segments: int
    kept_recordings: int
    kept_bytes: int
    oldest: datetime | None
    newest: datetime | None


def stats(conn: sqlite3.Connection) -> LibraryStats:
    with _Read(conn):
        c = conn.execute(
            "SELECT count(*), count(segment_count), coalesce(sum(stale), 0), "
            "coalesce(sum(status = 'active'), 0), count(missing_since_ms), count(problem), "
            "coalesce(sum(segment_count), 0), min(started_ms), max(started_ms) FROM calls"
        ).fetchone()
        r = conn.execute(
            "SELECT count(*), coalesce(sum(size), 0) FROM recordings WHERE file IS NOT NULL"
        ).fetchone()
    return LibraryStats(
        calls=int(c[0]),
        with_transcript=int(c[1]),
        to_fetch=int(c[2]),
        active=int(c[3]),
        missing=int(c[4]),
        with_problem=int(c[5]),
        segments=int(c[6]),
        kept_recordings=int(r[0]),
        kept_bytes=int(r[1]),
        oldest=from_ms(c[7]) if c[7] is not None else None,
        newest=from_ms(c[8]) if c[8] is not None else None,
    )


@dataclass(frozen=True)
class CallState:
    """Bookkeeping of one call (tests, the ``library`` command)."""

    call_id: str
    key: int
    status: str
    stale: bool
    has_detail: bool
    segment_count: int | None
    first_seen_at: datetime
    last_seen_at: datetime
    missing_since: datetime | None
    problem: str | None


def call_state(conn: sqlite3.Connection, call_id: str) -> CallState | None:
    r = conn.execute(
        "SELECT id, key, status, stale, has_detail, segment_count, first_seen_ms, last_seen_ms, "
        "missing_since_ms, problem FROM calls WHERE id = ?",
        (call_id,),
    ).fetchone()
    if r is None:
        return None
    return CallState(
        call_id=str(r[0]),
        key=int(r[1]),
        status=str(r[2]),
        stale=bool(r[3]),
        has_detail=bool(r[4]),
        segment_count=r[5],
        first_seen_at=from_ms(r[6]),
        last_seen_at=from_ms(r[7]),
        missing_since=from_ms(r[8]) if r[8] is not None else None,
        problem=r[9],
    )


# -- the review workspace ------------------------------------------------------------------

#: A call's review status (an index of ``REVIEW_STATUSES``) from the review tables; ``{id}`` is
#: the call id's expression. Migration 4's trigger spells out the same.
_REVIEW_STATUS_OF = """CASE
    WHEN EXISTS (SELECT 1 FROM review_scorecards s
                 WHERE s.call_id = {id} AND s.status = 'submitted') THEN 2
    WHEN EXISTS (SELECT 1 FROM review_scorecards s WHERE s.call_id = {id})
      OR EXISTS (SELECT 1 FROM review_notes n WHERE n.call_id = {id} AND n.deleted_ms IS NULL)
      THEN 1
    ELSE 0 END"""

#: Run inside a review change's transaction, just before it commits (the audit entry): if it
#: raises, the change is rolled back, so no change is kept without its entry.
Then = Callable[[], object] | None


@dataclass(frozen=True)
class NoteRow:
    """A note as stored. ``origin`` is None for a note made in this library, else where it
    was imported from; a deleted note keeps its id (so that an import does not bring it
    back) and nothing else."""

    id: str
    call_id: str
    offset_seconds: float
    segment_index: int | None
    text: str
    tags: tuple[str, ...]
    reviewer_name: str
    reviewer_email: str
    created_ms: int
    updated_ms: int
    deleted_ms: int | None = None
    origin: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class CardRow:
    """A scorecard as stored: ``answers`` are JSON objects, ``status`` draft or submitted."""

    id: str
    call_id: str
    template_key: str
    template_title: str
    answers: tuple[Mapping[str, Any], ...]
    status: str
    quality: float | None
    compliance: float | None
    fatal: tuple[str, ...]
    reviewer_name: str
    reviewer_email: str
    created_ms: int
    updated_ms: int
    submitted_ms: int | None = None
    supersedes: str | None = None
    origin: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class TemplateRow:
    """A scorecard template a scorecard of this library was made with (its declared shape)."""

    key: str
    title: str
    definition: Mapping[str, Any]


_NOTE_COLUMNS = (
    "id, call_id, offset_seconds, segment_index, text, tags, reviewer_name, reviewer_email, "
    "created_ms, updated_ms, deleted_ms, origin"
)
_CARD_COLUMNS = (
    "id, call_id, template_key, template_title, answers, status, quality, compliance, fatal, "
    "reviewer_name, reviewer_email, created_ms, updated_ms, submitted_ms, supersedes, origin"
)


def _json_or_none(data: str | None) -> Any:
    return None if data is None else orjson.loads(data)


def _text_or_none(value: Any) -> str | None:
    return None if value is None else _text(value)


def _note_row(r: Sequence[Any]) -> NoteRow:
    return NoteRow(
        id=r[0],
        call_id=r[1],
        offset_seconds=float(r[2]),
        segment_index=r[3],
        text=r[4],
        tags=tuple(orjson.loads(r[5])),
        reviewer_name=r[6],
        reviewer_email=r[7],
        created_ms=int(r[8]),
        updated_ms=int(r[9]),
        deleted_ms=r[10],
        origin=_json_or_none(r[11]),
    )


def _note_values(n: NoteRow) -> tuple[Any, ...]:
    return (
        n.id, n.call_id, n.offset_seconds, n.segment_index, n.text, _text(list(n.tags)),
        n.reviewer_name, n.reviewer_email, n.created_ms, n.updated_ms, n.deleted_ms,
        _text_or_none(n.origin),
    )  # fmt: skip


def _card_row(r: Sequence[Any]) -> CardRow:
    return CardRow(
        id=r[0],
        call_id=r[1],
        template_key=r[2],
        template_title=r[3],
        answers=tuple(orjson.loads(r[4])),
        status=r[5],
        quality=r[6],
        compliance=r[7],
        fatal=tuple(orjson.loads(r[8])),
        reviewer_name=r[9],
        reviewer_email=r[10],
        created_ms=int(r[11]),
        updated_ms=int(r[12]),
        submitted_ms=r[13],
        supersedes=r[14],
        origin=_json_or_none(r[15]),
    )


def _card_values(c: CardRow) -> tuple[Any, ...]:
    return (
        c.id, c.call_id, c.template_key, c.template_title, _text(list(c.answers)), c.status,
        c.quality, c.compliance, _text(list(c.fatal)), c.reviewer_name, c.reviewer_email,
        c.created_ms, c.updated_ms, c.submitted_ms, c.supersedes, _text_or_none(c.origin),
    )  # fmt: skip


def _restate(conn: sqlite3.Connection, call_ids: Iterable[str]) -> None:
    """Bring ``calls.review_status`` of these calls (those in the library) up to date."""
    ids = sorted(set(call_ids))
    if ids:
        conn.execute(
            f"UPDATE calls SET review_status = {_REVIEW_STATUS_OF.format(id='calls.id')} "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (_text(ids),),
        )


def _done(then: Then) -> None:
    if then is not None:
        then()


def review_statuses(conn: sqlite3.Connection, call_ids: Sequence[str]) -> dict[str, int]:
    """The review status of each call (an index of ``REVIEW_STATUSES``), in the library or
    not (a call seen on the API only)."""
    ids = list(dict.fromkeys(call_ids))
    out: dict[str, int] = {}
    with _Read(conn):
        for chunk in _chunks(ids, 500):
            rows = conn.execute(
                f"SELECT j.value, {_REVIEW_STATUS_OF.format(id='j.value')} FROM json_each(?) j",
                (_text(list(chunk)),),
            )
            out.update((str(r[0]), int(r[1])) for r in rows)
    return out


def count_by_review_status(conn: sqlite3.Connection) -> list[int]:
    """How many of the library's calls have each review status."""
    counts = [0] * len(REVIEW_STATUSES)
    for status, count in conn.execute(
        "SELECT review_status, count(*) FROM calls GROUP BY review_status"
    ):
        counts[int(status)] = int(count)
    return counts


# notes


def insert_note(conn: sqlite3.Connection, note: NoteRow, then: Then = None) -> None:
    with _Transaction(conn):
        conn.execute(
            f"INSERT INTO review_notes ({_NOTE_COLUMNS}) VALUES ({', '.join('?' * 12)})",
            _note_values(note),
        )
        _restate(conn, [note.call_id])
        _done(then)


def update_note(conn: sqlite3.Connection, note: NoteRow, then: Then = None) -> bool:
    """Change a note made here and not deleted (offset, segment, text, tags, when); whether
    there was such a note."""
    with _Transaction(conn):
        cursor = conn.execute(
            "UPDATE review_notes SET offset_seconds = ?, segment_index = ?, text = ?, tags = ?, "
            "updated_ms = ? WHERE id = ? AND deleted_ms IS NULL AND origin IS NULL",
            (note.offset_seconds, note.segment_index, note.text, _text(list(note.tags)),
             note.updated_ms, note.id),
        )  # fmt: skip
        if cursor.rowcount != 1:
            return False
        _done(then)
        return True


def _change_of_call(
    conn: sqlite3.Connection, sql: str, params: tuple[object, ...], then: Then
) -> bool:
    """Run one ``... RETURNING call_id`` change; the call's review status follows it. Whether
    a row changed."""
    with _Transaction(conn):
        row = conn.execute(sql, params).fetchone()
        if row is None:
            return False
        _restate(conn, [str(row[0])])
        _done(then)
        return True


def delete_note(conn: sqlite3.Connection, note_id: str, now_ms: int, then: Then = None) -> bool:
    """Delete a note: its text and tags go, its id stays (see ``NoteRow``); whether there was
    such a note, not yet deleted."""
    return _change_of_call(
        conn,
        "UPDATE review_notes SET text = '', tags = '[]', deleted_ms = ?, updated_ms = ? "
        "WHERE id = ? AND deleted_ms IS NULL RETURNING call_id",
        (now_ms, now_ms, note_id),
        then,
    )


def get_note(conn: sqlite3.Connection, note_id: str) -> NoteRow | None:
    row = conn.execute(
        f"SELECT {_NOTE_COLUMNS} FROM review_notes WHERE id = ?", (note_id,)
    ).fetchone()
    return None if row is None else _note_row(row)


def call_notes(conn: sqlite3.Connection, call_id: str) -> list[NoteRow]:
    """A call's notes (not the deleted ones), in the order of the call."""
    rows = conn.execute(
        f"SELECT {_NOTE_COLUMNS} FROM review_notes WHERE call_id = ? AND deleted_ms IS NULL "
        "ORDER BY offset_seconds, created_ms, id",
        (call_id,),
    )
    return [_note_row(r) for r in rows]


# templates and scorecards


def _definition_text(definition: Mapping[str, Any]) -> str:
    return orjson.dumps(definition, option=orjson.OPT_SORT_KEYS).decode()


def _ensure_template(conn: sqlite3.Connection, template: TemplateRow, now_ms: int) -> None:
    """Keep ``template``; ``LibraryError`` when another one holds its key (id and version)."""
    text = _definition_text(template.definition)
    row = conn.execute(
        "SELECT definition FROM review_templates WHERE key = ?", (template.key,)
    ).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO review_templates (key, title, definition, added_ms) VALUES (?, ?, ?, ?)",
            (template.key, template.title, text, now_ms),
        )
    elif row[0] != text:
        raise LibraryError(
            f"This library holds another scorecard template as {template.key}: a changed "
            "template needs a new version (or id)."
        )


def add_template(conn: sqlite3.Connection, template: TemplateRow, now_ms: int) -> None:
    with _Transaction(conn):
        _ensure_template(conn, template, now_ms)


def get_template(conn: sqlite3.Connection, key: str) -> TemplateRow | None:
    row = conn.execute(
        "SELECT key, title, definition FROM review_templates WHERE key = ?", (key,)
    ).fetchone()
    return None if row is None else TemplateRow(row[0], row[1], orjson.loads(row[2]))


def list_templates(conn: sqlite3.Connection) -> list[TemplateRow]:
    rows = conn.execute("SELECT key, title, definition FROM review_templates ORDER BY key")
    return [TemplateRow(r[0], r[1], orjson.loads(r[2])) for r in rows]


def insert_card(
    conn: sqlite3.Connection, card: CardRow, template: TemplateRow, then: Then = None
) -> None:
    with _Transaction(conn):
        _ensure_template(conn, template, card.created_ms)
        conn.execute(
            f"INSERT INTO review_scorecards ({_CARD_COLUMNS}) VALUES ({', '.join('?' * 16)})",
            _card_values(card),
        )
        _restate(conn, [card.call_id])
        _done(then)


def update_draft(
    conn: sqlite3.Connection, card: CardRow, template: TemplateRow, then: Then = None
) -> bool:
    """Change the answers and scores of a draft made here; whether there was such a draft."""
    with _Transaction(conn):
        _ensure_template(conn, template, card.updated_ms)
        cursor = conn.execute(
            "UPDATE review_scorecards SET answers = ?, quality = ?, compliance = ?, fatal = ?, "
            "updated_ms = ? WHERE id = ? AND status = 'draft' AND origin IS NULL",
            (_text(list(card.answers)), card.quality, card.compliance, _text(list(card.fatal)),
             card.updated_ms, card.id),
        )  # fmt: skip
        if cursor.rowcount != 1:
            return False
        _done(then)
        return True


def submit_draft(conn: sqlite3.Connection, card_id: str, now_ms: int, then: Then = None) -> bool:
    """Submit a draft made here: from now on it never changes. Whether there was one."""
    return _change_of_call(
        conn,
        "UPDATE review_scorecards SET status = 'submitted', submitted_ms = ?, updated_ms = ? "
        "WHERE id = ? AND status = 'draft' AND origin IS NULL RETURNING call_id",
        (now_ms, now_ms, card_id),
        then,
    )


def delete_draft(conn: sqlite3.Connection, card_id: str, then: Then = None) -> bool:
    """Discard a draft made here (a submitted scorecard stays); whether there was one."""
    return _change_of_call(
        conn,
        "DELETE FROM review_scorecards WHERE id = ? AND status = 'draft' AND origin IS NULL "
        "RETURNING call_id",
        (card_id,),
        then,
    )


def get_card(conn: sqlite3.Connection, card_id: str) -> CardRow | None:
    row = conn.execute(
        f"SELECT {_CARD_COLUMNS} FROM review_scorecards WHERE id = ?", (card_id,)
    ).fetchone()
    return None if row is None else _card_row(row)


def call_cards(conn: sqlite3.Connection, call_id: str) -> list[CardRow]:
    """A call's scorecards, oldest first."""
    rows = conn.execute(
        f"SELECT {_CARD_COLUMNS} FROM review_scorecards WHERE call_id = ? ORDER BY created_ms, id",
        (call_id,),
    )
    return [_card_row(r) for r in rows]


# moving review records between libraries


def review_records(
    conn: sqlite3.Connection, call_ids: Sequence[str] | None
) -> tuple[list[NoteRow], list[CardRow], list[TemplateRow]]:
    """The notes (not deleted), scorecards and their templates of these calls (None: all)."""
    where = ""
    params: tuple[Any, ...] = ()
    if call_ids is not None:
        where = "AND call_id IN (SELECT value FROM json_each(?))"
        params = (_text(list(call_ids)),)
    with _Read(conn):
        notes = [
            _note_row(r)
            for r in conn.execute(
                f"SELECT {_NOTE_COLUMNS} FROM review_notes WHERE deleted_ms IS NULL {where} "
                "ORDER BY call_id, offset_seconds, created_ms, id",
                params,
            )
        ]
        cards = [
            _card_row(r)
            for r in conn.execute(
                f"SELECT {_CARD_COLUMNS} FROM review_scorecards WHERE 1 {where} "
                "ORDER BY call_id, created_ms, id",
                params,
            )
        ]
        keys = sorted({c.template_key for c in cards})
        templates = [t for key in keys if (t := get_template(conn, key)) is not None]
    return notes, cards, templates


@dataclass(frozen=True)
class Imported:
    """What an import did: items added, imported ones brought up to date, ones already here
    (or made here: those are never overwritten), and the calls whose records changed."""

    notes_added: int = 0
    notes_updated: int = 0
    notes_known: int = 0
    cards_added: int = 0
    cards_updated: int = 0
    cards_known: int = 0
    call_ids: tuple[str, ...] = ()


def import_review(
    conn: sqlite3.Connection,
    notes: Sequence[NoteRow],
    cards: Sequence[CardRow],
    templates: Sequence[TemplateRow],
    now_ms: int,
    then: Callable[[Imported], object] | None = None,
) -> Imported:
    """Store another reviewer's notes and scorecards (given their ``origin``), in one
    transaction: an item whose id is here already is left alone, unless it was imported
    before and the file holds a later version of it (a note changed, a draft submitted
    since). ``LibraryError`` (nothing stored) for an id here that belongs to another call
    or template, or a template that differs from the one of its key here."""
    counts = dict.fromkeys(("na", "nu", "nk", "ca", "cu", "ck"), 0)
    changed: set[str] = set()
    with _Transaction(conn):
        for template in templates:
            _ensure_template(conn, template, now_ms)
        for note in notes:
            row = conn.execute(
                "SELECT call_id, origin, updated_ms, deleted_ms FROM review_notes WHERE id = ?",
                (note.id,),
            ).fetchone()
            if row is None:
                conn.execute(
                    f"INSERT INTO review_notes ({_NOTE_COLUMNS}) VALUES ({', '.join('?' * 12)})",
                    _note_values(note),
                )
                counts["na"] += 1
                changed.add(note.call_id)
            elif row[0] != note.call_id:
                raise LibraryError(f"Note {note.id} is in this library for another call.")
            elif row[1] is not None and row[3] is None and note.updated_ms > row[2]:
                conn.execute(
                    "UPDATE review_notes SET offset_seconds = ?, segment_index = ?, text = ?, "
                    "tags = ?, updated_ms = ?, origin = ? WHERE id = ?",
                    (note.offset_seconds, note.segment_index, note.text, _text(list(note.tags)),
                     note.updated_ms, _text_or_none(note.origin), note.id),
                )  # fmt: skip
                counts["nu"] += 1
                changed.add(note.call_id)
            else:
                counts["nk"] += 1
        for card in cards:
            row = conn.execute(
                "SELECT call_id, template_key, origin, status, updated_ms FROM review_scorecards "
                "WHERE id = ?",
                (card.id,),
            ).fetchone()
            if row is None:
                conn.execute(
                    f"INSERT INTO review_scorecards ({_CARD_COLUMNS}) "
                    f"VALUES ({', '.join('?' * 16)})",
                    _card_values(card),
                )
                counts["ca"] += 1
                changed.add(card.call_id)
            elif row[0] != card.call_id or row[1] != card.template_key:
                raise LibraryError(
                    f"Scorecard {card.id} is in this library for another call or template."
                )
            elif row[2] is not None and row[3] == "draft" and card.updated_ms > row[4]:
                conn.execute(
                    "UPDATE review_scorecards SET answers = ?, status = ?, quality = ?, "
                    "compliance = ?, fatal = ?, updated_ms = ?, submitted_ms = ?, origin = ? "
                    "WHERE id = ?",
                    (_text(list(card.answers)), card.status, card.quality, card.compliance,
                     _text(list(card.fatal)), card.updated_ms, card.submitted_ms,
                     _text_or_none(card.origin), card.id),
                )  # fmt: skip
                counts["cu"] += 1
                changed.add(card.call_id)
            else:
                counts["ck"] += 1
        _restate(conn, changed)
        result = Imported(
            counts["na"], counts["nu"], counts["nk"], counts["ca"], counts["cu"], counts["ck"],
            tuple(sorted(changed)),
        )  # fmt: skip
        if then is not None:
            then(result)
    return result


def _chunks(items: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
